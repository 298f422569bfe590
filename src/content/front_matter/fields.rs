//! The shapes of front matter: as written (`RawFrontMatter`, dates still text)
//! and as checked (`FrontMatter`), with the small enums they use.
//!
//! Part of `content::front_matter`; it holds data and serde attributes only: the
//! reading and checking is in `front_matter.rs`.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// An attachment as written: a path, or a map with a title.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum AttachmentSpec {
    /// Just the file.
    Path(String),
    /// File with details.
    Full {
        /// Path relative to the page, or from `static/` when it starts with `/`.
        file: String,
        /// Title shown as the link. Left blank, the file's name is shown, as
        /// when it is left out: a link is never published with no words.
        #[serde(default, deserialize_with = "blank_is_none")]
        title: Option<String>,
        /// Published before 23 September 2018 (exempt from the accessibility regulations).
        #[serde(default)]
        published_before_2018: bool,
    },
}

/// Text that is empty or only spaces read as none.
fn blank_is_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = <Option<String> as serde::Deserialize>::deserialize(d)?;
    Ok(text.filter(|t| !t.trim().is_empty()))
}

/// Front matter of a page or section, as written (dates still text).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFrontMatter {
    pub(super) title: String,
    #[serde(default)]
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) date: Option<String>,
    #[serde(default)]
    pub(super) updated: Option<String>,
    #[serde(default)]
    pub(super) review_by: Option<String>,
    #[serde(default)]
    pub(super) draft: bool,
    #[serde(default)]
    pub(super) weight: Option<i64>,
    #[serde(default)]
    pub(super) slug: Option<String>,
    #[serde(default)]
    pub(super) topics: Vec<String>,
    #[serde(default)]
    pub(super) template: Option<String>,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    #[serde(default)]
    pub(super) changes: Vec<crate::content::changes::RawChange>,
    #[serde(default)]
    pub(super) toc: bool,
    #[serde(default)]
    pub(super) attachments: Vec<AttachmentSpec>,
    #[serde(default)]
    pub(super) taxonomies: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) easy_read: Option<String>,
    #[serde(default)]
    pub(super) extra: BTreeMap<String, yaml_serde::Value>,
    // Section-only keys.
    #[serde(default)]
    pub(super) sort_by: Option<SortBy>,
    /// Signed, so that a negative number gets the same message as 0.
    #[serde(default)]
    pub(super) paginate_by: Option<i64>,
    #[serde(default)]
    pub(super) document: bool,
    #[serde(default)]
    pub(super) page_kind: Option<PageKind>,
    // News and events.
    #[serde(default)]
    pub(super) pinned: bool,
    #[serde(default)]
    pub(super) start: Option<String>,
    #[serde(default)]
    pub(super) end: Option<String>,
    #[serde(default)]
    pub(super) location: Option<String>,
    #[serde(default)]
    pub(super) online: bool,
    #[serde(default)]
    pub(super) booking_url: Option<String>,
    #[serde(default)]
    pub(super) audience: Option<String>,
    #[serde(default)]
    pub(super) places: Option<u32>,
    #[serde(default)]
    pub(super) internal: bool,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first, then by title.
    #[default]
    Date,
    /// Lightest first, then by title.
    Weight,
    /// A to Z.
    Title,
}

/// A special kind of page a section holds.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// A 7-minute briefing: exactly seven `##` parts.
    Briefing,
    /// Training and events: pages take `start`, `end`, `location` and more.
    Events,
    /// Easy Read: large text, an image beside each short paragraph. Also allowed
    /// on a single page.
    #[serde(rename = "easy_read")]
    EasyRead,
}

/// Checked front matter.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// Page title.
    pub title: String,
    /// One plain sentence.
    pub description: Option<String>,
    /// Published.
    pub date: Option<Date>,
    /// Last updated.
    pub updated: Option<Date>,
    /// Due for review after.
    pub review_by: Option<Date>,
    /// Left out of builds without `--drafts`.
    pub draft: bool,
    /// Order in sections sorted by weight.
    pub weight: Option<i64>,
    /// URL segment override.
    pub slug: Option<String>,
    /// Terms by taxonomy name (`topics` first).
    pub taxonomies: BTreeMap<String, Vec<String>>,
    /// Another template.
    pub template: Option<String>,
    /// Old URLs that redirect here.
    pub aliases: Vec<String>,
    /// The page's history, newest first (see `content::changes`).
    pub changes: Vec<crate::content::Change>,
    /// True when `updated` was written, not taken from the newest change.
    pub updated_given: bool,
    /// Show a contents list.
    pub toc: bool,
    /// Downloadable files.
    pub attachments: Vec<AttachmentSpec>,
    /// The page's Easy Read version, as written (a Markdown file, relative to
    /// the page like a link).
    pub easy_read: Option<String>,
    /// Passed to templates.
    pub extra: BTreeMap<String, yaml_serde::Value>,
    /// Section: how to order pages.
    pub sort_by: Option<SortBy>,
    /// Section: pages per listing page.
    pub paginate_by: Option<usize>,
    /// Section: a multi-part document.
    pub document: bool,
    /// Section: kind of its pages.
    pub page_kind: Option<PageKind>,
    /// Section: for the site's authors only (served by `serve`, left out of
    /// `build` unless `--internal`), with every page under it.
    pub internal: bool,
    /// File line of each top-level key, for later diagnostics.
    pub key_lines: BTreeMap<String, usize>,
    /// Kept first in its section and on the home page.
    pub pinned: bool,
    /// The time of day of `date`, when written (`date: 2024-05-01 09:30`): orders
    /// items of the same date.
    pub time: Option<jiff::civil::Time>,
    /// An event's details, when the page has `start`.
    pub event: Option<crate::events::EventMeta>,
    /// Terms written more than once on this page (`Training` and `training`),
    /// each kept once in `taxonomies`.
    pub repeated_terms: Vec<RepeatedTerm>,
    /// Warnings found while reading it (a value a `#` cut short), which the page
    /// rules of `check` report.
    pub warnings: Vec<crate::error::Diagnostic>,
}

/// A term of a taxonomy written again on one page, in capitals or with spaces
/// round it (`training` after `Training`): the page lists it once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedTerm {
    /// The taxonomy (`topics`).
    pub taxonomy: String,
    /// The term as written the second time.
    pub written: String,
    /// The term as kept, from its first writing.
    pub kept: String,
}
