//! Content loading: walks `content/` into pages and sections.
//!
//! The second stage of the pipeline. It reads every file once, splits and checks
//! front matter, and gives each page and section its URL path. A section marked
//! `internal: true` is left out, with everything under it, unless the load asks
//! for internal sections (`serve`, `check`, `build --internal`). It knows nothing of
//! Markdown or templates; problems are collected as diagnostics, not thrown.

mod assemble;
mod cache;
mod changes;
mod chars;
mod event_meta;
mod front_matter;
mod left_out;
mod links;
mod load;
mod translations;
mod walk;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use crate::paths::{is_editor_litter, is_ignored};
pub use cache::LoadCache;
pub use changes::{Change, MAX_CHANGES, MAX_NOTE_CHARS};
pub use front_matter::{
    AttachmentSpec, FrontMatter, PageKind, RepeatedTerm, SortBy, Split,
    parse as parse_front_matter, split as split_front_matter,
};
pub use links::SiteLinks;
pub use load::load_with;

use crate::error::{Diagnostic, Error};

/// The folder of Markdown content.
pub const CONTENT_DIR: &str = "content";

/// One Markdown file: a page, or a section's `_index.md`.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the site root, for messages (`content/briefings/neglect.md`).
    pub file: PathBuf,
    /// Path relative to `content/`, with `/` separators: the page's key.
    pub key: String,
    /// The whole text, BOM removed.
    pub text: String,
    /// Checked front matter.
    pub meta: FrontMatter,
    /// URL path below the base, no leading slash, trailing slash (`briefings/neglect/`); empty for home.
    pub path: String,
    /// The folder (relative to `content/`) that relative links start from.
    pub dir: PathBuf,
    /// The section this page belongs to (index into `Content::sections`); `None` for the home section.
    pub parent: Option<usize>,
    /// True for `_index.md`.
    pub is_section: bool,
    /// The language the file name names (`page.ur.md` → `ur`, as `site.yaml` writes
    /// it); `None` for a page in the site's default language.
    pub lang: Option<String>,
    /// For a translation, the key of the page it translates (`page.md`), which
    /// may not exist.
    pub translation_of: Option<String>,
    /// Changes whenever the file's text changes between two loads that share a
    /// [`LoadCache`], so later stages can tell an unchanged page without comparing
    /// its text. Zero for a page that was not read from a file.
    pub revision: u64,
}

impl Page {
    /// True for the translation of a section's `_index.md` (`_index.pl.md`),
    /// whose page lists the section's pages in its language, so is drawn with
    /// the listings, after every page is rendered.
    pub fn translates_a_section(&self) -> bool {
        self.translation_of
            .as_deref()
            .is_some_and(|k| k.rsplit('/').next() == Some("_index.md"))
    }

    /// The front-matter line that names the attachment `file`, else the
    /// `attachments:` line (else 1).
    pub fn attachment_line(&self, file: &str) -> usize {
        let start = self.meta.key_lines.get("attachments").copied().unwrap_or(1);
        self.text
            .lines()
            .enumerate()
            .skip(start.saturating_sub(1))
            .take_while(|(i, l)| *i + 1 == start || l.starts_with([' ', '\t', '-']))
            .skip(usize::from(file.is_empty()))
            .find(|(_, l)| {
                if file.is_empty() {
                    // `- file: ""`, `- ' '` or `- file:` with nothing after it.
                    let item = l.trim_start();
                    let value = item.strip_prefix('-').map_or(item, str::trim_start);
                    let value = value.strip_prefix("file:").unwrap_or(value);
                    value.trim().trim_matches(['"', '\'']).trim().is_empty()
                } else {
                    l.contains(file)
                }
            })
            .map_or(start, |(i, _)| i + 1)
    }
}

/// A section: an `_index.md` with the pages and sections under it.
#[derive(Debug, Clone)]
pub struct Section {
    /// Index of its `_index.md` in `Content::pages`.
    pub index: usize,
    /// Pages directly in it (indexes into `Content::pages`).
    pub pages: Vec<usize>,
    /// Sections directly under it (indexes into `Content::sections`).
    pub subsections: Vec<usize>,
}

/// A file in `content/` that is not Markdown, copied beside its page.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to `content/`, with `/` separators.
    pub key: String,
    /// Absolute path on disk.
    pub source: PathBuf,
    /// Output path below the base (`briefings/neglect/chart.png`).
    pub path: String,
}

/// Everything under `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Pages and section indexes.
    pub pages: Vec<Page>,
    /// Sections; the first is the home section.
    pub sections: Vec<Section>,
    /// Non-Markdown files.
    pub assets: Vec<Asset>,
    /// URL paths (like `guide/`) of the internal sections left out of this load.
    pub left_out: Vec<String>,
    /// Markdown files found but not among `pages`, by content key, and why: links
    /// to them are then reported for what they are, not as links to nothing.
    pub not_built: BTreeMap<String, NotBuilt>,
}

/// Why a Markdown file that exists is not a page of this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotBuilt {
    /// It has an error of its own (reported on it).
    Failed,
    /// It is in an internal section, left out without `--internal`.
    Internal,
    /// It is a draft (`draft: true`), left out without `--drafts`.
    Draft,
    /// It is under a draft section (`draft: true` in a folder's `_index.md`
    /// above it), left out with that section without `--drafts`.
    InDraft,
}

/// What `load` needs to know.
#[derive(Debug, Clone)]
pub struct LoadOptions<'a> {
    /// The site root.
    pub root: &'a Path,
    /// Keep drafts.
    pub drafts: bool,
    /// Keep sections marked `internal: true` (and everything under them).
    pub internal: bool,
    /// Taxonomy names from `site.yaml`.
    pub taxonomies: &'a [String],
    /// Codes of the languages other than the default (see
    /// [`crate::config::Config::translation_codes`]).
    pub languages: &'a [String],
    /// The code of the site's main language (`en-GB`).
    pub language: &'a str,
}

/// Walks `content/` and reads every page. Problems go into `diagnostics`, and
/// whatever could be loaded is returned.
pub fn load(
    options: &LoadOptions<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Content, Error> {
    load_with(options, &mut LoadCache::default(), diagnostics)
}
