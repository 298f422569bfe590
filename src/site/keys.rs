//! The keys planned files are made with: one site-wide key and, for every page,
//! the signatures of what other files show of it.
//!
//! Part of `site`; computed once per build, before the plan.

use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use crate::content::Content;
use crate::markdown::Rendered;
use crate::render::views::AttachmentView;

/// The site-wide key and per-page signatures that planned files' keys are made of.
#[derive(Debug, Default)]
pub(crate) struct Keys {
    /// Everything every file depends on: settings, templates, the site's
    /// structure, the Markdown environment and which feeds exist.
    pub(crate) global: u64,
    /// Each page's text revision and attachments: everything of the page its own
    /// file shows.
    pub(crate) revision: Vec<u64>,
    /// Each page's title and address: what breadcrumbs, chapter lists and the A–Z
    /// page show.
    pub(crate) link: Vec<u64>,
    /// What a listing shows of each page (see `Ctx::summary`).
    pub(crate) summary: Vec<u64>,
}

impl Keys {
    /// Computes the signatures of every page.
    pub(crate) fn new(
        global: u64,
        content: &Content,
        rendered: &[Rendered],
        attachments: &[Vec<AttachmentView>],
        events: &[Option<crate::events::EventView>],
    ) -> Keys {
        // One pass over the pages, each page's three signatures made together.
        let signatures: Vec<[u64; 3]> = (0..content.pages.len())
            .into_par_iter()
            .map(|i| {
                let p = &content.pages[i];
                let mut revision = DefaultHasher::new();
                p.revision.hash(&mut revision);
                attachments.get(i).hash(&mut revision);
                events.get(i).hash(&mut revision);
                let mut link = DefaultHasher::new();
                (&p.meta.title, &p.path).hash(&mut link);
                // Hashing (title, path, description) goes on from the link's state.
                let mut summary = link.clone();
                p.meta.description.hash(&mut summary);
                (&rendered[i].summary, p.meta.date, p.meta.updated).hash(&mut summary);
                (p.meta.pinned, events.get(i)).hash(&mut summary);
                [revision.finish(), link.finish(), summary.finish()]
            })
            .collect();
        Keys {
            global,
            revision: signatures.iter().map(|s| s[0]).collect(),
            link: signatures.iter().map(|s| s[1]).collect(),
            summary: signatures.iter().map(|s| s[2]).collect(),
        }
    }
}
