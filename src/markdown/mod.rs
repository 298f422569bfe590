//! Markdown to HTML, with comrak.
//!
//! Sits after content loading and before rendering: it gets one page's text and a
//! link resolver, and returns the page's HTML plus what later stages need to know
//! (headings, anchors, links to check). It never sees templates or other pages.
//! `Markdown` holds the comrak options and the syntect sets, built once per build.

use std::path::Path;

use crate::error::Diagnostic;

/// Settings for Markdown, from `site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
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

/// One page to render.
pub struct Input<'a> {
    /// The file, relative to the site root, for diagnostics.
    pub file: &'a Path,
    /// The whole file text, front matter included (so lines match the file).
    pub text: &'a str,
    /// Resolves links and images.
    pub links: &'a dyn LinkResolver,
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

/// One `##` part of a page, for 7-minute briefings.
#[derive(Debug, Clone)]
pub struct Part {
    /// The part's heading.
    pub heading: Heading,
    /// The HTML up to the next `##`, heading excluded.
    pub html: String,
}

/// A rendered page.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body HTML.
    pub html: String,
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// Every `id` the HTML defines (headings, footnotes).
    pub anchors: Vec<String>,
    /// Links whose fragment must be checked.
    pub fragment_links: Vec<FragmentLink>,
    /// The first paragraph as plain text, for listings.
    pub summary: String,
    /// Words of prose.
    pub word_count: usize,
    /// `##` parts, when asked for.
    pub parts: Vec<Part>,
    /// HTML before the first `##`, when parts were asked for.
    pub intro_html: String,
    /// Problems found while rendering (broken links, unknown code languages).
    pub diagnostics: Vec<Diagnostic>,
}

/// Markdown renderer, built once per build.
pub struct Markdown {
    options: comrak::Options<'static>,
}

impl Markdown {
    /// Builds the comrak options (and, later, the highlighter) once.
    pub fn new(options: &MarkdownOptions) -> Self {
        let mut o = comrak::Options::default();
        o.extension.table = true;
        o.extension.footnotes = true;
        o.extension.strikethrough = true;
        o.extension.autolink = true;
        o.extension.tasklist = true;
        o.extension.front_matter_delimiter = Some("---".to_owned());
        o.parse.smart = true;
        o.render.r#unsafe = options.allow_html;
        Markdown { options: o }
    }

    /// Renders one page.
    pub fn render(&self, input: &Input<'_>) -> Rendered {
        let html = comrak::markdown_to_html(input.text, &self.options);
        Rendered {
            html,
            ..Rendered::default()
        }
    }
}
