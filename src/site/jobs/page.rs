//! Content pages: each page's key and its view (`page.html`, `briefing.html`,
//! `easy_read.html` or the page's own `template`).

use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::render::views::PartView;
use crate::site::context::{Ctx, Job};
use crate::site::model::Model;
use crate::site::plan::{Planned, Spec};

impl Ctx<'_> {
    /// Every content page (not a section), with its key: the page's revision, its
    /// translations and the links of its breadcrumbs and document.
    pub(crate) fn plan_pages(&self) -> Vec<Planned> {
        (0..self.content.pages.len())
            .into_par_iter()
            .filter(|&i| !self.content.pages[i].is_section)
            .map(|i| {
                let page = &self.content.pages[i];
                let mut h = self.hasher("page");
                (i, self.keys.revision[i]).hash(&mut h);
                self.hash_alternates(i, &mut h);
                self.hash_surroundings(i, Some(page.parent.unwrap_or(0)), &mut h);
                Planned {
                    out: [page.path.as_str(), "index.html"].concat(),
                    spec: Spec::Page(i),
                    key: h.finish(),
                }
            })
            .collect()
    }

    pub(crate) fn page_job(&self, i: usize) -> Job {
        let page = &self.content.pages[i];
        let mut view = self.base_view(i, "page");
        // `build` hands each page its HTML once (see `Bodies`).
        let body = self.bodies.and_then(|b| b.hand_over(i));
        if let Some(body) = &body {
            view.content = body.html.clone();
        }
        let parent = page.parent.unwrap_or(0);
        if self.section_page(parent).meta.document {
            view.document = Some(self.document_view(parent, Some(i)));
        }
        let briefing = Model::is_briefing_section(self.content, parent);
        if briefing {
            view.intro = body
                .as_ref()
                .map_or_else(|| self.rendered[i].intro_html.clone(), |b| b.intro.clone());
            let whole = body.as_ref().map_or(&self.rendered[i].html, |b| &b.html);
            view.parts = self.rendered[i]
                .parts
                .iter()
                .enumerate()
                .map(|(n, p)| PartView {
                    number: n + 1,
                    title: p.heading.text.clone(),
                    id: p.heading.id.clone(),
                    html: p.html(whole).into(),
                })
                .collect();
        }
        let easy_read = page.meta.page_kind == Some(crate::content::PageKind::EasyRead)
            || self.section_page(parent).meta.page_kind == Some(crate::content::PageKind::EasyRead);
        let template = match &page.meta.template {
            Some(t) => t.clone(),
            None if briefing && self.renderer.has("briefing.html") => "briefing.html".to_owned(),
            None if easy_read && self.renderer.has("easy_read.html") => "easy_read.html".to_owned(),
            None => "page.html".to_owned(),
        };
        Job {
            out: format!("{}index.html", page.path),
            template,
            view: Box::new(view),
            source: page.file.clone(),
        }
    }
}
