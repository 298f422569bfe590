//! Content pages: each page's key and its view (`page.html`, `briefing.html`,
//! `easy_read.html` or the page's own `template`).

use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::markdown::Rendered;
use crate::render::views::PartView;
use crate::site::context::{Ctx, Job, listing_out};
use crate::site::events::past_out;
use crate::site::model::Model;
use crate::site::plan::{ListingPage, Planned, Spec};

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
                self.hash_translated_listing(i, &mut h);
                Planned {
                    out: [page.path.as_str(), "index.html"].concat(),
                    spec: Spec::Page(i),
                    key: h.finish(),
                }
            })
            .collect()
    }

    pub(crate) fn page_job(&self, i: usize) -> Job {
        self.page_job_with(i, &self.rendered[i])
    }

    /// The page's job from its Markdown result `r`, which need not be in
    /// `rendered` yet: `build` draws each content page as soon as its Markdown
    /// is rendered (see `early.rs`).
    pub(crate) fn page_job_with(&self, i: usize, r: &Rendered) -> Job {
        self.page_job_at(i, r, ListingPage::Chunk(0))
    }

    /// The job of page `i`, or, for a section's translation, of its listing
    /// page `at` (see `translated.rs`).
    pub(crate) fn page_job_at(&self, i: usize, r: &Rendered, at: ListingPage) -> Job {
        let page = &self.content.pages[i];
        let mut view = self.base_view_with(i, "page", r);
        let parent = page.parent.unwrap_or(0);
        if self.section_page(parent).meta.document {
            view.document = Some(self.document_view(parent, Some(i)));
        }
        let briefing = Model::is_briefing_section(self.content, parent);
        if briefing {
            view.intro = r.intro_html.clone();
            let whole = &r.html;
            view.parts = r
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
        let easy_read = Model::is_easy_read(self.content, page);
        let listing = self
            .translated_listing(i)
            .map(|listed| self.fill_translated_listing(&mut view, listed, at));
        let template = match &page.meta.template {
            Some(t) => t.clone(),
            None if let Some(listing) = listing => listing,
            None if briefing && self.renderer.has("briefing.html") => "briefing.html".to_owned(),
            None if easy_read && self.renderer.has("easy_read.html") => "easy_read.html".to_owned(),
            None => "page.html".to_owned(),
        };
        let out = match at {
            ListingPage::Chunk(chunk) => listing_out(&page.path, chunk + 1),
            ListingPage::Past => past_out(&page.path),
        };
        Job {
            out,
            template,
            view: Box::new(view),
            source: page.file.clone(),
        }
    }
}
