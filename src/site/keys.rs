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
        let one = |f: &(dyn Fn(usize, &mut DefaultHasher) + Sync)| -> Vec<u64> {
            (0..content.pages.len())
                .into_par_iter()
                .map(|i| {
                    let mut h = DefaultHasher::new();
                    f(i, &mut h);
                    h.finish()
                })
                .collect()
        };
        Keys {
            global,
            revision: one(&|i, h| {
                content.pages[i].revision.hash(h);
                attachments.get(i).hash(h);
                events.get(i).hash(h);
            }),
            link: one(&|i, h| {
                let p = &content.pages[i];
                (&p.meta.title, &p.path).hash(h);
            }),
            summary: one(&|i, h| {
                let p = &content.pages[i];
                (&p.meta.title, &p.path, &p.meta.description).hash(h);
                (&rendered[i].summary, p.meta.date, p.meta.updated).hash(h);
                (p.meta.pinned, events.get(i)).hash(h);
            }),
        }
    }
}
