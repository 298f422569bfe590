//! The print chapters `plainsite build` puts aside: each is put by the Markdown
//! stage into the build's scratch file ([`Spill`]) as soon as it is made and
//! read back by its print job (held in memory where there is no scratch file),
//! so the build does not hold every chapter's HTML between the two stages. A
//! content page's own HTML is never held: it is drawn as soon as it is
//! rendered (see `early.rs`).
//!
//! Part of `site`: filled by `markdown_pass.rs`, read by the print jobs through
//! `Ctx::put_aside`. `serve` keeps every chapter in memory for the next build and
//! never uses it. It writes nothing itself.

use std::sync::Mutex;

use crate::error::Error;
use crate::html::Html;
use crate::markdown::Rendered;
use crate::output::{Spill, Spilled};

/// Where the Markdown stage put a page's print chapter aside; same index as
/// `content.pages`.
#[derive(Debug, Default)]
pub(crate) struct Aside {
    /// The chapter's print HTML (its print chapter's `html` is then empty).
    chapter: Option<Spilled>,
}

impl Aside {
    /// Puts the print chapter into `spill`, leaving its HTML empty; a chapter
    /// that could not be written stays.
    pub(crate) fn put(spill: Option<&Spill>, chapter: Option<&mut Rendered>) -> Aside {
        Aside {
            chapter: spill.zip(chapter).and_then(|(s, c)| {
                let at = s.put(&c.html)?;
                c.html = Html::default();
                Some(at)
            }),
        }
    }
}

/// The print chapters put aside, by page index, and the scratch file they are in.
#[derive(Default)]
pub(crate) struct PutAside {
    /// What was put aside, same index (empty without a scratch file).
    aside: Vec<Aside>,
    /// The scratch file that was put into.
    spill: Option<Spill>,
    /// The first read back that failed.
    failed: Mutex<Option<std::io::Error>>,
}

impl PutAside {
    /// What the Markdown stage put aside in `spill`.
    pub(crate) fn take(aside: Vec<Aside>, spill: Option<Spill>) -> PutAside {
        PutAside {
            aside,
            spill,
            failed: Mutex::new(None),
        }
    }

    /// The print HTML of chapter `i`, where it was put aside.
    pub(crate) fn chapter(&self, i: usize) -> Option<Html> {
        let (spill, at) = (self.spill.as_ref()?, self.aside.get(i)?.chapter?);
        match spill.get(at) {
            Ok(text) => Some(text.into()),
            Err(e) => {
                if let Ok(mut failed) = self.failed.lock() {
                    failed.get_or_insert(e);
                }
                Some(Html::default())
            }
        }
    }

    /// The error of the first read back that failed (its print page was
    /// rendered without its HTML, so the build must not be written).
    pub(crate) fn failure(&self) -> Option<Error> {
        let e = self.failed.lock().ok()?.take()?;
        let path = self.spill.as_ref().map(|s| s.path().to_path_buf())?;
        Some(Error::io("read back the pages' HTML from", path, e))
    }
}
