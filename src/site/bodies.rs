//! The HTML `plainsite build` hands to its page jobs once: each content page's
//! body, held in memory and let go by the page job that shows it, and each
//! print chapter, put by the Markdown stage into the build's scratch file
//! ([`Spill`]) as soon as it is made and read back by the print job (held in
//! memory where there is no scratch file). So the build does not hold every
//! chapter's HTML between the two stages, nor any page's after its job.
//!
//! Bodies stay in memory because the scratch file costs more than the memory
//! at large sizes: at 100,000 pages the bodies came to about 1 GB of the 1.5 GB
//! put there, and with the pages written beside it the kernel's write-back of
//! that much scratch slowed five of six paired builds, by 1 to 6 seconds (see
//! `docs/benchmarks.md`). The chapters, a second copy of each report chapter,
//! come to about 4 KB a page, and are read only by the print pages.
//!
//! Part of `site`: filled by `markdown_pass.rs` and `build.rs`, read by the page
//! and print jobs through `Ctx::bodies`. `serve` keeps every page's HTML for the
//! next build and never uses it. It writes nothing itself.

use std::sync::Mutex;

use crate::content::Content;
use crate::error::Error;
use crate::html::Html;
use crate::markdown::Rendered;
use crate::output::{Spill, Spilled};

/// Where the Markdown stage put a page's print chapter aside, same index as
/// `content.pages`.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Aside {
    /// The chapter's print HTML (its print chapter's `html` is then empty).
    pub(crate) chapter: Option<Spilled>,
}

impl Aside {
    /// Puts the print chapter into `spill`, leaving its HTML empty; a chapter
    /// that could not be written stays.
    pub(crate) fn put(spill: &Spill, chapter: Option<&mut Rendered>) -> Aside {
        Aside {
            chapter: chapter.and_then(|c| put_html(spill, &mut c.html)),
        }
    }
}

fn put_html(spill: &Spill, html: &mut Html) -> Option<Spilled> {
    let at = spill.put(html)?;
    *html = Html::default();
    Some(at)
}

/// The HTML of content pages (not sections), by page index, each taken once by
/// its page job, so `build` need not hold every page's HTML to the end of the
/// templates. Only a content page's own page job shows its body.
#[derive(Default)]
pub(crate) struct Bodies {
    /// Each content page's body, taken by its job; same index as `content.pages`.
    held: Vec<Mutex<Option<Body>>>,
    /// What was put aside, same index (empty without a scratch file).
    aside: Vec<Aside>,
    /// The scratch file that was put into.
    spill: Option<Spill>,
    /// The first read back that failed.
    failed: Mutex<Option<std::io::Error>>,
}

/// A content page's HTML: the whole and the part before its first `##`
/// (briefings; each `##` part is a range of the whole, see `Part`).
#[derive(Default)]
pub(crate) struct Body {
    /// The whole page.
    pub(crate) html: Html,
    /// Before the first `##` (briefings only).
    pub(crate) intro: Html,
}

impl Bodies {
    /// Takes the HTML of every content page out of `rendered` (same index as
    /// `content.pages`), with what the Markdown stage put aside in `spill`.
    pub(crate) fn take(
        content: &Content,
        rendered: &mut [Rendered],
        aside: Vec<Aside>,
        spill: Option<Spill>,
    ) -> Bodies {
        let held = content
            .pages
            .iter()
            .zip(rendered)
            .map(|(page, r)| {
                let body = (!page.is_section).then(|| Body {
                    html: std::mem::take(&mut r.html),
                    intro: std::mem::take(&mut r.intro_html),
                });
                Mutex::new(body)
            })
            .collect();
        Bodies {
            held,
            aside,
            spill,
            failed: Mutex::new(None),
        }
    }

    /// The body of page `i`, once.
    pub(crate) fn hand_over(&self, i: usize) -> Option<Body> {
        self.held.get(i)?.lock().ok()?.take()
    }

    /// The print HTML of chapter `i`, where it was put aside.
    pub(crate) fn chapter(&self, i: usize) -> Option<Html> {
        self.read(self.aside.get(i).and_then(|a| a.chapter))
    }

    fn read(&self, at: Option<Spilled>) -> Option<Html> {
        let (spill, at) = (self.spill.as_ref()?, at?);
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

    /// The error of the first read back that failed (its page was rendered
    /// without its HTML, so the build must not be written).
    pub(crate) fn failure(&self) -> Option<Error> {
        let e = self.failed.lock().ok()?.take()?;
        let path = self.spill.as_ref().map(|s| s.path().to_path_buf())?;
        Some(Error::io("read back the pages' HTML from", path, e))
    }
}
