//! The HTML `plainsite build` hands to its page jobs once: each content page's
//! body and each print chapter, held in memory or, where the build has a scratch
//! file ([`Spill`]), put there by the Markdown stage as soon as it is made and
//! read back by the one job that shows it. So the build holds neither every
//! page's HTML nor every chapter's between the two stages.
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

/// Where the Markdown stage put a page's HTML aside, same index as
/// `content.pages`.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Aside {
    /// The content page's body HTML (its `Rendered::html` is then empty).
    pub(crate) body: Option<Spilled>,
    /// The chapter's print HTML (its print chapter's `html` is then empty).
    pub(crate) chapter: Option<Spilled>,
}

impl Aside {
    /// Puts the body of `page` (when `body` is true) and its print chapter into
    /// `spill`, leaving their HTML empty; what could not be written stays.
    pub(crate) fn put(
        spill: &Spill,
        page: &mut Rendered,
        body: bool,
        chapter: Option<&mut Rendered>,
    ) -> Aside {
        Aside {
            body: body.then(|| put_html(spill, &mut page.html)).flatten(),
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
        let mut body = self.held.get(i)?.lock().ok()?.take()?;
        if let Some(html) = self.read(self.aside.get(i).and_then(|a| a.body)) {
            body.html = html;
        }
        Some(body)
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
