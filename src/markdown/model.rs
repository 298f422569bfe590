//! What Markdown rendering takes and gives: the options, one page's input, the
//! traits through which it asks the site about links and pictures, and the
//! rendered result with what later stages need (headings, anchors, links to
//! check, images, parts).
//!
//! Part of `markdown`; data only.

use std::collections::BTreeMap;
use std::path::Path;

use super::checker::Reading;
use crate::error::Diagnostic;
use crate::html::Html;

/// Settings for Markdown, from `site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    /// Words of capitals that are not abbreviations on this site.
    pub not_abbreviations: Vec<String>,
    /// Pass raw HTML in Markdown through; when false it is escaped.
    pub allow_html: bool,
    /// The `hosting:` whose security headers let pages show only the site's
    /// own images (`netlify`), when one is set: an image from another site is
    /// then a broken image.
    pub own_images_only: Option<&'static str>,
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
    /// The image (line and column are filled in by the pass), for the
    /// variants to publish and `check`'s size advice; `None` for an image
    /// published as it is (a GIF or WebP file), which has neither.
    pub used: Option<UsedImage>,
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
    /// The page's language (its `lang:`, or the site's): a passage pasted from
    /// Word in another language keeps that language.
    pub lang: &'a str,
    /// True for an Easy Read page (`page_kind: easy_read`, on it or its
    /// section), whose sentences are held to Easy Read's shorter length.
    pub easy_read: bool,
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

/// A file on the site, as a page uses it: an image it shows or a document it
/// links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileUse {
    /// Its resolved address, with the base path and percent-encoded as written
    /// into the page (`/briefings/neglect/chart.png`, `/files/Our%20plan.docx`).
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
    /// Where the part's HTML, its heading included, lies in the page's
    /// [`Rendered::html`]: the parts follow the intro and each other there, so
    /// their HTML is not held twice.
    pub range: std::ops::Range<usize>,
}

impl Part {
    /// The part's HTML, cut from `whole`, the page's HTML (empty if `whole` is
    /// not the HTML the part was cut from).
    pub fn html<'a>(&self, whole: &'a str) -> &'a str {
        whole.get(self.range.clone()).unwrap_or("")
    }
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
    pub images: Vec<FileUse>,
    /// Links to files on this site that are not pages (a leaflet, a plan),
    /// so that what such a file holds is reported at the link.
    pub file_links: Vec<FileUse>,
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
