//! Markdown to HTML, with comrak.
//!
//! Sits after content loading and before rendering: it gets one page's text and a
//! link resolver, and returns the page's HTML plus what later stages need to know
//! (headings, anchors, links to check). It never sees templates or other pages.
//! `Markdown` holds the comrak options and the syntect sets, built once per build.
//!
//! `render` is a recipe of passes over comrak's tree, in this order: abbreviation
//! definitions out, links resolved, ids given, summary and word count read, `<abbr>`
//! in, then captions, callouts, quotes and code, the tag filter on the author's raw
//! HTML, then comrak's formatter with our heading and table markup. Every convention
//! is a tree pass; no pass edits HTML text. Columns are made to count characters
//! (`columns`) and no walk recurses, so any nesting an author types is safe.

mod abbr;
mod callouts;
mod checker;
mod columns;
mod format;
mod highlight;
mod ids;
mod lang;
mod links;
mod passes;
mod pictures;
mod shortcodes;
mod summary;
mod tagfilter;

use std::collections::BTreeMap;
use std::path::Path;

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, parse_document};

use crate::error::{Diagnostic, sort_diagnostics};
use crate::html::Html;
pub use checker::{ContentChecker, Reading, Sentence, TreeInput, TreeReport};
use format::Decor;
use highlight::Highlighter;
pub use highlight::highlight_css;
use ids::IdSet;
pub(crate) use passes::is_caption;
pub use shortcodes::{ShortcodeCall, ShortcodeError, Shortcodes};

/// Settings for Markdown, from `site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    /// Words of capitals that are not abbreviations on this site.
    pub not_abbreviations: Vec<String>,
    /// Pass raw HTML in Markdown through; when false it is escaped.
    pub allow_html: bool,
}

/// What kind of reference a resolver is asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](href)` or an autolink.
    Link,
    /// `![alt](src)`.
    Image,
}

/// What the site says about one link target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkResolution {
    /// Leave the link as written (external, `mailto:`, or not ours to judge).
    Keep,
    /// Write `href` instead. `page` names the target page (its key) when the
    /// link points at a page, so that a `#fragment` can be checked later.
    Rewrite {
        /// The new href, fragment excluded.
        href: String,
        /// The target page's key, if it is a page.
        page: Option<String>,
    },
    /// The target does not exist.
    Broken {
        /// What is wrong.
        message: String,
        /// What to do.
        help: String,
    },
}

/// Maps links as written in Markdown to URLs. Implemented by the site model.
pub trait LinkResolver: Sync {
    /// Resolves `href` (without its `#fragment`) as written in the page.
    fn resolve(&self, href: &str, kind: LinkKind) -> LinkResolution;
}

/// What a page asks of [`Pictures`] for one `![alt](src)`.
#[derive(Debug, Clone, Copy)]
pub struct PictureRequest<'a> {
    /// The resolved URL.
    pub src: &'a str,
    /// The alt text (empty for a decorative image).
    pub alt: &'a str,
    /// The title, or empty.
    pub title: &'a str,
    /// True for the page's first image, which is not lazy-loaded.
    pub first: bool,
}

/// An image a page shows, with what `check` needs to judge it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UsedImage {
    /// Its output key.
    pub key: String,
    /// 1-based line of the image in the file.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// Bytes of the source file.
    pub source_bytes: u64,
    /// Width of the source, upright, in pixels.
    pub width: u32,
    /// Height of the source, upright, in pixels.
    pub height: u32,
}

/// What [`Pictures`] gives back for an image it knows.
#[derive(Debug, Clone)]
pub struct PictureOut {
    /// The `<picture>` element.
    pub html: String,
    /// The image (line and column are filled in by the pass).
    pub used: UsedImage,
}

/// Responsive images, built before Markdown like the shortcodes handle.
pub trait Pictures: Sync {
    /// `None` leaves the image as comrak writes it (not a site raster image);
    /// `Err` says why the image cannot be shown.
    fn picture(&self, request: &PictureRequest<'_>) -> Option<Result<PictureOut, String>>;
}

/// One page to render.
pub struct Input<'a> {
    /// The file, relative to the site root, for diagnostics.
    pub file: &'a Path,
    /// The whole file text, front matter included (so lines match the file).
    pub text: &'a str,
    /// Resolves links and images.
    pub links: &'a dyn LinkResolver,
    /// The site's glossary (`data/glossary.yaml`): abbreviation → expansion.
    pub glossary: &'a BTreeMap<String, String>,
    /// Also cut the HTML into `##` parts (for briefings), in [`Rendered::parts`].
    pub split_parts: bool,
    /// Callout titles in the page's language, by callout type (`warning` →
    /// `Ostrzeżenie`, `case-study` → …); a type not here keeps its English title.
    pub labels: Option<&'a BTreeMap<String, String>>,
}

/// A heading in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Its `id`, unique within the page.
    pub id: String,
    /// Its text, without markup.
    pub text: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// A link with a `#fragment` that must be checked once every page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FragmentLink {
    /// The target page's key, or `None` for this page.
    pub page: Option<String>,
    /// The fragment, without `#`.
    pub fragment: String,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in the line.
    pub col: usize,
}

/// An image on the site, as a page uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageUse {
    /// Its resolved address, with the base path (`/briefings/neglect/chart.png`).
    pub href: String,
    /// 1-based line of the image in the page's file.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
}

/// One `##` part of a page: the heading and everything up to the next `##`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The part's `##` heading.
    pub heading: Heading,
    /// The part's HTML, its heading included.
    pub html: Html,
}

/// A rendered page.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body HTML.
    pub html: Html,
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// Every `id` the HTML defines: footnotes, headings, table captions, case studies.
    pub anchors: Vec<String>,
    /// Links whose fragment must be checked.
    pub fragment_links: Vec<FragmentLink>,
    /// Images on this site that the page shows, to check their file size.
    pub images: Vec<ImageUse>,
    /// The first paragraph as plain text, for listings.
    pub summary: String,
    /// Words of prose.
    pub word_count: usize,
    /// Problems found while rendering (broken links, unknown code languages and
    /// callout types), sorted by line.
    pub diagnostics: Vec<Diagnostic>,
    /// Abbreviations marked with `<abbr>` on this page, in order of first use.
    pub abbreviations_used: Vec<String>,
    /// Abbreviations defined on this page with `*[ABBR]: Expansion`.
    pub page_abbreviations: BTreeMap<String, String>,
    /// The HTML before the first `##` part (only with [`Input::split_parts`]).
    pub intro_html: Html,
    /// The `##` parts (only with [`Input::split_parts`]); `html` is still the whole page.
    pub parts: Vec<Part>,
    /// How hard the prose is to read, when there is enough of it to judge.
    pub reading: Option<Reading>,
    /// The site raster images the page shows as responsive `<picture>`s, in order.
    pub pictures: Vec<UsedImage>,
}

/// The nodes under `root` (itself included) whose value passes `keep`, collected
/// first so that a pass can move or replace them while it walks the list.
pub(crate) fn nodes_where<'a>(
    root: &'a AstNode<'a>,
    keep: impl Fn(&NodeValue) -> bool,
) -> Vec<&'a AstNode<'a>> {
    root.descendants()
        .filter(|n| keep(&n.data().value))
        .collect()
}

/// The nodes under `root` (itself excluded) whose value passes `keep` and that
/// have no ancestor below `root` whose value passes `inside`. One walk with a
/// depth count, not a climb to the root from each node: nesting is as deep as
/// the author types it, and the climb would be quadratic.
pub(crate) fn nodes_outside<'a>(
    root: &'a AstNode<'a>,
    keep: impl Fn(&NodeValue) -> bool,
    inside: impl Fn(&NodeValue) -> bool,
) -> Vec<&'a AstNode<'a>> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) if !std::ptr::eq(node, root) => {
                let value = &node.data().value;
                if depth == 0 && keep(value) {
                    found.push(node);
                }
                if inside(value) {
                    depth += 1;
                }
            }
            NodeEdge::End(node) if !std::ptr::eq(node, root) && inside(&node.data().value) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    found
}

/// Markdown renderer, built once per build.
pub struct Markdown {
    options: comrak::Options<'static>,
    highlighter: Highlighter,
    shortcodes: Option<Box<dyn Shortcodes>>,
    not_abbreviations: Vec<String>,
    pictures: Option<std::sync::Arc<dyn Pictures + Send>>,
    checker: Option<std::sync::Arc<dyn ContentChecker>>,
}

/// How a page is rendered into a larger one (a document's print page).
#[derive(Debug, Clone, Copy, Default)]
struct Embed<'a> {
    /// Put before every id the page defines, and every `#fragment` link within it.
    id_prefix: &'a str,
    /// Levels added to every heading.
    heading_offset: u8,
    /// Skip what only a page of its own needs: the summary, the word count and
    /// the content checks (their findings are reported from the page itself).
    skip_checks: bool,
}

impl Markdown {
    /// Builds the comrak options and loads the syntaxes, once.
    pub fn new(options: &MarkdownOptions) -> Self {
        let mut o = comrak::Options::default();
        o.extension.table = true;
        o.extension.footnotes = true;
        o.extension.strikethrough = true;
        o.extension.autolink = true;
        o.extension.tasklist = true;
        o.extension.ofm_callouts = true;
        o.extension.front_matter_delimiter = Some("---".to_owned());
        o.parse.smart = true;
        // Columns in diagnostics count characters, as editors do, not bytes; the
        // `columns` pass converts them (comrak's own conversion is quadratic).
        o.render.r#unsafe = options.allow_html;
        // Shown as text, so a writer sees what did not work, rather than dropped.
        o.render.escape = !options.allow_html;
        Markdown {
            options: o,
            highlighter: Highlighter::new(),
            shortcodes: None,
            not_abbreviations: options.not_abbreviations.clone(),
            pictures: None,
            checker: None,
        }
    }

    /// Lets pages call the shortcodes that `handle` draws.
    pub fn with_shortcodes(mut self, handle: Box<dyn Shortcodes>) -> Self {
        self.shortcodes = Some(handle);
        self
    }

    /// Lets pages show site images as responsive `<picture>`s that `handle` draws.
    pub fn with_pictures(mut self, handle: std::sync::Arc<dyn Pictures + Send>) -> Self {
        self.pictures = Some(handle);
        self
    }

    /// Runs `checker` over each page's tree (not over a print page's chapters).
    pub fn with_checker(mut self, checker: std::sync::Arc<dyn ContentChecker>) -> Self {
        self.checker = Some(checker);
        self
    }

    /// Renders one page.
    pub fn render(&self, input: &Input<'_>) -> Rendered {
        self.render_embedded(input, Embed::default(), self.checker.as_deref())
    }

    /// Renders one page as a chapter of a document's print page: every id it defines
    /// starts with `id_prefix`, `#fragment` links within it follow, and headings go
    /// down one level (`##` becomes `<h3>`), under the chapter's own `<h2>`.
    pub fn render_for_print(&self, input: &Input<'_>, id_prefix: &str) -> Rendered {
        self.render_embedded(
            input,
            Embed {
                id_prefix,
                heading_offset: 1,
                skip_checks: true,
            },
            None,
        )
    }

    /// Parses `text` into a tree whose columns count characters.
    fn parse<'a>(&self, arena: &'a Arena<'a>, text: &str) -> &'a AstNode<'a> {
        let root = parse_document(arena, text, &self.options);
        columns::to_char_columns(root, text);
        root
    }

    fn render_embedded(
        &self,
        input: &Input<'_>,
        embed: Embed<'_>,
        checker: Option<&dyn ContentChecker>,
    ) -> Rendered {
        let arena = Arena::new();
        let root = self.parse(&arena, input.text);
        let page_abbreviations = abbr::take_definitions(root);
        lang::mark_passages(&arena, root);
        let links = links::resolve_links(root, input.file, input.links);
        let mut diagnostics = links.diagnostics;

        let mut ids = IdSet::with_prefix(embed.id_prefix);
        if !embed.id_prefix.is_empty() {
            ids::prefix_footnote_names(root, embed.id_prefix);
            links::prefix_local_fragments(root, embed.id_prefix);
        }
        ids::reserve_footnote_ids(root, &mut ids);
        let headings = ids::assign_heading_ids(root, &mut ids);
        diagnostics.extend(shortcodes::expand_shortcodes(
            root,
            self.shortcodes.as_deref(),
            &mut ids,
            input.file,
        ));
        let (summary, word_count) = if embed.skip_checks {
            (String::new(), 0)
        } else {
            (summary::summarise(root), summary::count_words(root))
        };

        let mut known: BTreeMap<&str, &str> = input
            .glossary
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        known.extend(
            page_abbreviations
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
        // Content checks read the tree as written, before passes add raw HTML.
        let checked = match checker {
            Some(checker) => checker.check_tree(
                root,
                &TreeInput {
                    file: input.file,
                    text: input.text,
                    known_abbreviations: &known,
                    not_abbreviations: &self.not_abbreviations,
                    allow_html: self.options.render.r#unsafe,
                },
            ),
            None => TreeReport::default(),
        };
        diagnostics.extend(checked.diagnostics);
        let abbreviations_used = abbr::mark_first_uses(&arena, root, &known);
        abbr::strip_marks(root);

        let (pictures, problems) =
            pictures::render_pictures(root, self.pictures.as_deref().map(|p| p as _), input.file);
        diagnostics.extend(problems);
        let tables = passes::attach_captions(&arena, root, &self.options, &mut ids);
        diagnostics.extend(callouts::render_callouts(
            &arena,
            root,
            &self.options,
            &mut ids,
            (input.file, input.labels),
        ));
        passes::attribute_quotes(&arena, root, &self.options);
        diagnostics.extend(passes::highlight_code(root, &self.highlighter, input.file));
        let part_headings = if input.split_parts {
            summary::mark_parts(&arena, root, &headings)
        } else {
            Vec::new()
        };

        let decor = Decor {
            heading_ids: headings.by_node,
            tables,
            heading_offset: embed.heading_offset,
            next_column: 0,
            numeric_columns: Vec::new(),
        };
        // Without allow_html comrak escapes raw HTML whole; the filter is for with.
        if self.options.render.r#unsafe {
            tagfilter::filter_raw_html(root);
        }
        let marked = format::format(root, &self.options, decor);
        let (html, intro_html, parts) = if input.split_parts {
            summary::split_parts(&marked, part_headings)
        } else {
            (marked, String::new(), Vec::new())
        };
        sort_diagnostics(&mut diagnostics);
        Rendered {
            html: html.into(),
            headings: headings.headings,
            anchors: ids.order,
            fragment_links: links.fragments,
            images: links.images,
            summary,
            word_count,
            diagnostics,
            abbreviations_used,
            page_abbreviations,
            intro_html: intro_html.into(),
            parts,
            reading: checked.reading,
            pictures,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
