//! The keys planned files are made with: one site-wide key and, for every page,
//! the signatures of what other files show of it.
//!
//! Part of `site`; computed once per build, before the plan, reusing what the
//! last build computed for pages that did not change (see [`Keys::new`]).

use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use crate::content::Content;
use crate::markdown::Rendered;
use crate::render::views::AttachmentView;

/// What page signatures are made of, besides the pages' own fields.
#[derive(Clone, Copy)]
pub(crate) struct KeyParts<'a> {
    /// The pages.
    pub(crate) content: &'a Content,
    /// Their Markdown results, same index.
    pub(crate) rendered: &'a [Rendered],
    /// Their attachments, same index.
    pub(crate) attachments: &'a [Vec<AttachmentView>],
    /// Their events, same index.
    pub(crate) events: &'a [Option<crate::events::EventView>],
}

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
    /// The environment key of the build they were made in, each page's revision,
    /// and what its `summary` was made of but its event: kept for the next
    /// build, whose pages of the same revision have the same `link` and this.
    environment: u64,
    revisions: Vec<u64>,
    summary_text: Vec<u64>,
}

impl Keys {
    /// Computes the signatures of every page. A page of the same revision at the
    /// same index as in `last`, made in a build with the same environment key
    /// (which hashes every page's address, so no page came or went), has the
    /// same title, address, description, dates and Markdown summary: its
    /// `link` signature and what its `summary` is made of are taken from `last`
    /// rather than hashed again.
    pub(crate) fn new(
        global: u64,
        environment: u64,
        parts: &KeyParts<'_>,
        last: Option<&Keys>,
    ) -> Keys {
        let KeyParts {
            content,
            rendered,
            attachments,
            events,
        } = *parts;
        let last = last
            .filter(|k| k.environment == environment && k.revisions.len() == content.pages.len());
        // One pass over the pages, each page's signatures made together.
        let signatures: Vec<[u64; 4]> = (0..content.pages.len())
            .into_par_iter()
            .map(|i| {
                let p = &content.pages[i];
                let mut revision = DefaultHasher::new();
                p.revision.hash(&mut revision);
                attachments.get(i).hash(&mut revision);
                events.get(i).hash(&mut revision);
                let (link, text) = match last {
                    Some(k) if k.revisions[i] == p.revision => (k.link[i], k.summary_text[i]),
                    _ => {
                        let mut link = DefaultHasher::new();
                        (&p.meta.title, &p.path).hash(&mut link);
                        // Hashing (title, path, description) goes on from the link's state.
                        let mut text = link.clone();
                        p.meta.description.hash(&mut text);
                        (&rendered[i].summary, p.meta.date, p.meta.updated).hash(&mut text);
                        p.meta.pinned.hash(&mut text);
                        (link.finish(), text.finish())
                    }
                };
                let mut summary = DefaultHasher::new();
                (text, events.get(i)).hash(&mut summary);
                [revision.finish(), link, summary.finish(), text]
            })
            .collect();
        Keys {
            global,
            revision: signatures.iter().map(|s| s[0]).collect(),
            link: signatures.iter().map(|s| s[1]).collect(),
            summary: signatures.iter().map(|s| s[2]).collect(),
            environment,
            revisions: content.pages.iter().map(|p| p.revision).collect(),
            summary_text: signatures.iter().map(|s| s[3]).collect(),
        }
    }
}
