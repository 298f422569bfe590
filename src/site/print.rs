//! Print pages: every chapter of a document section on one page, at `<section>/print/`.
//!
//! Two steps, one per stage. With the other Markdown, each chapter of a document is
//! rendered a second time, from the same parse as its page, with every id it defines
//! prefixed by its slug and its headings one level down (`markdown_pass`, which asks
//! [`is_chapter`]; [`render_chapters`] gathers them); later, with the other pages, one
//! page per document joins them in order under a contents list (`jobs/print.rs`).
//! Links between chapters keep pointing at the chapters' own pages, which exist.
//! Problems in a chapter are reported once, from its own page, so the second render's
//! diagnostics are dropped here.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::cache::CachedPage;
use crate::content::{Content, Page, SiteLinks};
use crate::markdown::{Input, Markdown, Rendered};

/// The template of a print page; a theme without it gets no print pages.
pub(crate) const TEMPLATE: &str = "print.html";

/// Chapters rendered for print pages, by page index.
pub(crate) type PrintChapters = BTreeMap<usize, Rendered>;

/// What [`render_chapters`] reads.
pub(crate) struct ChapterInputs<'a> {
    /// Content.
    pub(crate) content: &'a Content,
    /// Link resolution.
    pub(crate) links: &'a SiteLinks,
    /// The Markdown renderer.
    pub(crate) markdown: &'a Markdown,
    /// The glossary.
    pub(crate) glossary: &'a BTreeMap<String, String>,
    /// The site's language, a page's own when it has none.
    pub(crate) language: &'a str,
    /// Results kept from the last build, by page index; a chapter found here is not
    /// rendered again.
    pub(crate) reused: &'a mut [Option<Box<CachedPage>>],
    /// Chapters already rendered with their pages in this build, by page index.
    pub(crate) rendered: &'a mut [Option<Rendered>],
}

/// True if `page` is a chapter of a document section, so it is on a print page.
pub(crate) fn is_chapter(content: &Content, page: &Page) -> bool {
    !page.is_section
        && page
            .parent
            .is_some_and(|s| content.pages[content.sections[s].index].meta.document)
}

/// What every id of the chapter at `path` starts with on the print page.
pub(crate) fn chapter_prefix(path: &str) -> String {
    format!("{}-", chapter_slug(path))
}

/// The slug of a chapter: the last segment of its URL path.
pub(crate) fn chapter_slug(path: &str) -> &str {
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path)
}

/// Every chapter of every document section rendered for its print page: kept from
/// the last build, rendered with its page in this one, or (neither) rendered now.
pub(crate) fn render_chapters(inputs: &mut ChapterInputs<'_>) -> PrintChapters {
    let content = inputs.content;
    let links = inputs.links;
    let markdown = inputs.markdown;
    let glossary = inputs.glossary;
    let language = inputs.language;
    content
        .pages
        .par_iter()
        .zip(inputs.reused.par_iter_mut())
        .zip(inputs.rendered.par_iter_mut())
        .enumerate()
        .filter(|(_, ((page, _), _))| is_chapter(content, page))
        .map(|(i, ((page, cached), rendered))| {
            if let Some(print) = cached.as_mut().and_then(|c| c.print.take()) {
                return (i, print);
            }
            if let Some(print) = rendered.take() {
                return (i, print);
            }
            let resolver = links.for_page(page);
            let input = Input {
                labels: None,
                file: &page.file,
                text: &page.text,
                links: &resolver,
                glossary,
                split_parts: false,
                lang: page.lang.as_deref().unwrap_or(language),
                // A print chapter's checks are the page's own, made once there.
                easy_read: false,
            };
            let prefix = chapter_prefix(&page.path);
            // A print page shows only the chapter's HTML: the rest (headings,
            // anchors, diagnostics, reading figures) is dropped, not held to the end.
            let rendered = markdown.render_for_print(&input, &prefix);
            (
                i,
                Rendered {
                    html: rendered.html,
                    ..Rendered::default()
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::chapter_slug;

    #[test]
    fn a_chapter_slug_is_the_last_segment_of_its_path() {
        assert_eq!(chapter_slug("annual-report/foreword/"), "foreword");
        assert_eq!(chapter_slug("foreword/"), "foreword");
    }
}
