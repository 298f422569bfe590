//! The seam between Markdown and the content checks: [`ContentChecker`] is the
//! trait `markdown` calls on each page's tree, and `check` implements.
//!
//! Markdown defines it, as it does `LinkResolver` and `Shortcodes`, so that it
//! never imports `check`: the layers run one way (markdown ← check ← site).
//! A page rendered as a chapter of a print page gets no checker (its findings
//! are reported from the page itself).

use std::collections::BTreeMap;
use std::path::Path;

use comrak::nodes::AstNode;

use crate::error::Diagnostic;

/// Runs content checks over one page's parsed tree, as written: abbreviation
/// definitions are already taken out, and no pass has changed the text yet.
pub trait ContentChecker: Send + Sync {
    /// Checks one page's tree.
    fn check_tree<'a>(&self, root: &'a AstNode<'a>, input: &TreeInput<'_>) -> TreeReport;
}

/// What the tree rules need to know about one page besides its tree.
pub struct TreeInput<'a> {
    /// The file, relative to the site root.
    pub file: &'a Path,
    /// The whole file text, to place findings inside a text node.
    pub text: &'a str,
    /// Abbreviations known on this page: the glossary plus the page's own.
    pub known_abbreviations: &'a BTreeMap<&'a str, &'a str>,
    /// Words of capitals the site says are not abbreviations (`not_abbreviations`).
    pub not_abbreviations: &'a [String],
    /// True when `allow_html` lets HTML through, so it is not shown as text.
    pub allow_html: bool,
    /// The `hosting:` whose headers let pages show only the site's own
    /// images, if set (see [`super::MarkdownOptions::own_images_only`]).
    pub own_images_only: Option<&'static str>,
    /// True for an Easy Read page, whose sentences are held to Easy Read's
    /// shorter length.
    pub easy_read: bool,
}

/// What the tree rules found on one page.
#[derive(Debug, Default)]
pub struct TreeReport {
    /// Findings, in no particular order.
    pub diagnostics: Vec<Diagnostic>,
    /// The page's reading grade, when it has enough prose to judge.
    pub reading: Option<Reading>,
}

/// How hard a page's prose is to read.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Flesch–Kincaid grade, to one decimal place.
    pub grade: f64,
    /// Words of prose.
    pub words: usize,
    /// Sentences.
    pub sentences: usize,
    /// The three longest sentences, longest first.
    pub longest: Vec<Sentence>,
}

/// One sentence of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// 1-based line where it starts.
    pub line: usize,
    /// 1-based column where it starts.
    pub col: usize,
    /// How many words it has.
    pub words: usize,
    /// Its first few words.
    pub start: String,
}
