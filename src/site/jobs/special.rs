//! The site's own pages that show no content page: the page-not-found page and
//! the glossary page (from `data/glossary.yaml`).

use std::hash::Hasher;

use crate::render::views::PageView;
use crate::site::context::{Ctx, Job};
use crate::site::plan::{Planned, Spec};

impl Ctx<'_> {
    /// The 404 page, when the theme has one; its key is the site-wide key alone.
    pub(crate) fn plan_not_found(&self) -> Option<Planned> {
        self.renderer.has("404.html").then(|| Planned {
            out: "404.html".to_owned(),
            spec: Spec::NotFound,
            key: self.hasher("404").finish(),
        })
    }

    pub(crate) fn not_found_job(&self) -> Option<Job> {
        if !self.renderer.has("404.html") {
            return None;
        }
        let view = PageView {
            kind: "not_found",
            title: self.word("not_found").to_owned(),
            head_title: self.head_title(&[self.word("not_found")]),
            url: self.url("404.html"),
            permalink: format!("{}404.html", self.config.base_url),
            breadcrumbs: vec![self.home_link()],
            ..PageView::default()
        };
        Some(Job {
            out: "404.html".to_owned(),
            template: "404.html".to_owned(),
            view: Box::new(view),
            source: "404.html".into(),
        })
    }

    /// The glossary page, when the site has a glossary and the theme a template
    /// for it. Its key is the site-wide key, which covers the glossary (it is
    /// part of the Markdown environment).
    pub(crate) fn plan_glossary(&self) -> Option<Planned> {
        (!self.glossary.is_empty() && self.renderer.has(GLOSSARY_TEMPLATE)).then(|| Planned {
            out: crate::glossary::GLOSSARY_PAGE.to_owned(),
            spec: Spec::Glossary,
            key: self.hasher("glossary").finish(),
        })
    }

    /// The glossary page: every entry, A to Z.
    pub(crate) fn glossary_job(&self) -> Job {
        Job {
            out: crate::glossary::GLOSSARY_PAGE.to_owned(),
            template: GLOSSARY_TEMPLATE.to_owned(),
            view: Box::new(crate::glossary::page_view(
                self.glossary,
                self.site,
                self.strings,
            )),
            source: crate::glossary::GLOSSARY_FILE.into(),
        }
    }
}

/// The glossary page's template; a theme without it has no glossary page.
const GLOSSARY_TEMPLATE: &str = "glossary.html";
