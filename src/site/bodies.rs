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
//! A large site's bodies (from 256 MiB of Markdown, see [`pack_bodies`]) are
//! held compressed with LZ4: at 100,000 pages this cut the build's peak memory
//! by about a sixth (430 MB), in about the same time. A briefing's body is not
//! compressed: the briefing checks read it after the Markdown stage. A smaller
//! site's bodies are held as they are, so a build of ordinary size pays
//! nothing for this.
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

/// How much Markdown a site has before its bodies are held compressed, unless
/// `BuildOptions::pack_bodies_from` says otherwise: about 30,000 pages of the
/// benchmark's 8.5 KB. Below it a build holds at most a few hundred MB of
/// bodies, and need not pay for compressing them.
const PACK_FROM: usize = 256 << 20;

/// True when a build of `content` holds its bodies compressed: when its pages
/// have at least `from` (or [`PACK_FROM`]) bytes of Markdown in all.
pub(crate) fn pack_bodies(from: Option<usize>, content: &Content) -> bool {
    let markdown: usize = content.pages.iter().map(|p| p.text.len()).sum();
    markdown >= from.unwrap_or(PACK_FROM)
}

/// Where the Markdown stage put a page's print chapter aside, and its body when
/// it was compressed; same index as `content.pages`.
#[derive(Debug, Default)]
pub(crate) struct Aside {
    /// The chapter's print HTML (its print chapter's `html` is then empty).
    pub(crate) chapter: Option<Spilled>,
    /// The page's body, compressed (its `html` is then empty).
    body: Option<Box<[u8]>>,
}

impl Aside {
    /// Puts the print chapter into `spill`, leaving its HTML empty; a chapter
    /// that could not be written stays.
    pub(crate) fn put(spill: Option<&Spill>, chapter: Option<&mut Rendered>) -> Aside {
        Aside {
            chapter: spill
                .zip(chapter)
                .and_then(|(s, c)| put_html(s, &mut c.html)),
            body: None,
        }
    }

    /// Compresses the page's body, leaving its HTML empty. Only for a content
    /// page whose HTML nothing reads before its page job: not a section, and
    /// not a briefing (the briefing checks count its tables).
    pub(crate) fn pack(&mut self, page: &mut Rendered) {
        let html = std::mem::take(&mut page.html);
        self.body = Some(lz4_flex::block::compress_prepend_size(html.as_bytes()).into());
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
    held: Vec<Mutex<Option<Held>>>,
    /// What was put aside, same index (empty without a scratch file).
    aside: Vec<Aside>,
    /// The scratch file that was put into.
    spill: Option<Spill>,
    /// The first read back or unpacking that failed, and which it was.
    failed: Mutex<Option<(Failed, std::io::Error)>>,
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

/// What failed to give a page its HTML.
#[derive(Debug, Clone, Copy)]
enum Failed {
    /// Reading it back from the scratch file.
    ReadBack,
    /// Unpacking a compressed body.
    Unpack,
}

/// A content page's body as held: as it is, or compressed.
struct Held {
    body: Body,
    /// The whole page compressed, in place of `body.html`.
    packed: Option<Box<[u8]>>,
}

impl Bodies {
    /// Takes the HTML of every content page out of `rendered` (same index as
    /// `content.pages`), with what the Markdown stage put aside in `spill`.
    pub(crate) fn take(
        content: &Content,
        rendered: &mut [Rendered],
        mut aside: Vec<Aside>,
        spill: Option<Spill>,
    ) -> Bodies {
        let held = content
            .pages
            .iter()
            .zip(rendered)
            .enumerate()
            .map(|(i, (page, r))| {
                let packed = aside.get_mut(i).and_then(|a| a.body.take());
                let body = (!page.is_section).then(|| Held {
                    body: Body {
                        html: std::mem::take(&mut r.html),
                        intro: std::mem::take(&mut r.intro_html),
                    },
                    packed,
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
        let held = self.held.get(i)?.lock().ok()?.take()?;
        let mut body = held.body;
        if let Some(packed) = held.packed {
            body.html = self.unpack(&packed);
        }
        Some(body)
    }

    /// A compressed body as it was; one that cannot be is empty, and fails the build.
    fn unpack(&self, packed: &[u8]) -> Html {
        let text = lz4_flex::block::decompress_size_prepended(packed)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
            .and_then(|bytes| {
                String::from_utf8(bytes)
                    .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
            });
        match text {
            Ok(text) => text.into(),
            Err(e) => {
                self.fail(Failed::Unpack, e);
                Html::default()
            }
        }
    }

    fn fail(&self, what: Failed, e: std::io::Error) {
        if let Ok(mut failed) = self.failed.lock() {
            failed.get_or_insert((what, e));
        }
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
                self.fail(Failed::ReadBack, e);
                Some(Html::default())
            }
        }
    }

    /// The error of the first read back that failed (its page was rendered
    /// without its HTML, so the build must not be written).
    pub(crate) fn failure(&self) -> Option<Error> {
        let (what, e) = self.failed.lock().ok()?.take()?;
        Some(match what {
            Failed::ReadBack => {
                let path = self.spill.as_ref().map(|s| s.path().to_path_buf())?;
                Error::io("read back the pages' HTML from", path, e)
            }
            Failed::Unpack => Error::io("unpack a page's compressed HTML, held in", "memory", e),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packed(html: &str) -> Box<[u8]> {
        let mut page = Rendered {
            html: html.into(),
            ..Rendered::default()
        };
        let mut aside = Aside::default();
        aside.pack(&mut page);
        assert_eq!(page.html, "", "the page's own copy is let go");
        aside.body.expect("packed")
    }

    #[test]
    fn a_packed_body_unpacks_to_the_same_html() {
        let bodies = Bodies::default();
        let html = "<h2 id=\"a\">Zgłoś — “now”</h2>\n<p>Text &amp; more.</p>\n".repeat(50);
        let bytes = packed(&html);
        assert!(bytes.len() < html.len() / 4, "{} bytes", bytes.len());
        assert_eq!(bodies.unpack(&bytes), *html);
        assert_eq!(bodies.unpack(&packed("")), *"");
        assert!(bodies.failure().is_none());
    }

    #[test]
    fn a_body_that_cannot_be_unpacked_fails_the_build() {
        let bodies = Bodies::default();
        let mut bytes = packed(&"<p>words</p>".repeat(20)).into_vec();
        bytes.truncate(bytes.len() / 2);
        assert_eq!(bodies.unpack(&bytes), *"");
        let error = bodies.failure().expect("an error").to_string();
        assert!(error.contains("unpack a page's compressed HTML"), "{error}");
    }

    /// At the sizes that compress bodies there is a scratch file too; a body
    /// that cannot be unpacked is still named as such, not as a read back.
    #[test]
    fn a_body_that_cannot_be_unpacked_is_named_beside_a_scratch_file() {
        let dir = tempfile::tempdir().expect("a folder");
        let staging = crate::output::Staging::begin(&dir.path().join("public")).expect("staging");
        let bodies = Bodies {
            spill: Some(staging.spill().expect("a scratch file")),
            ..Bodies::default()
        };
        assert_eq!(bodies.unpack(b"\x05\0\0\0"), *"");
        let error = bodies.failure().expect("an error").to_string();
        assert!(error.contains("unpack a page's compressed HTML"), "{error}");
    }
}
