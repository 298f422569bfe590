//! `site.yaml` as written: `RawConfig` and the shapes of its settings, read by
//! serde, unknown keys refused. `Config::load` checks the values and makes a
//! `Config` from them.
//!
//! Part of `config`; data only.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A link in a menu or the header.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// The link text.
    pub name: String,
    /// A path on the site (`/briefings/`) or a full URL.
    pub url: String,
}

/// The "report a concern" link shown on every page.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConcern {
    /// Link text, e.g. "Report a concern about a child".
    pub text: String,
    /// A path on the site or a full URL.
    pub url: String,
    /// A short line shown beside the link, e.g. "In an emergency call 999".
    #[serde(default)]
    pub note: Option<String>,
}

/// Who to ask for an accessible format of a document.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Team or person.
    pub name: String,
    /// Email address.
    pub email: String,
    /// Telephone number.
    #[serde(default)]
    pub phone: Option<String>,
}

/// What the home page lists.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HomeSettings {
    /// Sections whose newest pages appear on the home page (`briefings`).
    #[serde(default)]
    pub latest_from: Vec<String>,
    /// How many items to show.
    #[serde(default = "default_latest_count")]
    pub latest_count: usize,
}

fn default_latest_count() -> usize {
    6
}

impl Default for HomeSettings {
    fn default() -> Self {
        HomeSettings {
            latest_from: Vec::new(),
            latest_count: default_latest_count(),
        }
    }
}

/// `site.yaml` exactly as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// The site's name.
    pub title: String,
    /// Where the site will be published, e.g. `https://example.org/`.
    pub base_url: String,
    /// The `lang` of every page.
    #[serde(default)]
    pub language: Option<String>,
    /// One sentence about the site.
    #[serde(default)]
    pub description: Option<String>,
    /// The theme's folder name under `themes/`.
    #[serde(default)]
    pub theme: Option<String>,
    /// The main menu.
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    /// Links in the footer (accessibility statement, contact, privacy).
    #[serde(default)]
    pub footer_menu: Vec<MenuItem>,
    /// Taxonomy names; `topics` by default.
    #[serde(default)]
    pub taxonomies: Option<Vec<String>>,
    /// The "report a concern" link (recommended: `check` warns without it).
    #[serde(default)]
    pub report_concern: Option<ReportConcern>,
    /// Contact for accessible formats (recommended: `check` warns without it).
    #[serde(default)]
    pub contact: Option<Contact>,
    /// Words of capitals that are not abbreviations on this site (`WCAG`, `AA`).
    #[serde(default)]
    pub not_abbreviations: Vec<String>,
    /// Let raw HTML in Markdown through.
    #[serde(default)]
    pub allow_html: bool,
    /// The reading grade the `check` command aims for.
    #[serde(default)]
    pub reading_grade: Option<f64>,
    /// Home page settings.
    #[serde(default)]
    pub home: HomeSettings,
    /// Logo, colour and favicon.
    #[serde(default)]
    pub brand: crate::brand::RawBrand,
    /// The "Exit this page" button.
    #[serde(default)]
    pub quick_exit: Option<crate::brand::RawQuickExit>,
    /// Sections whose dated pages go in the feeds; every top-level section but
    /// `about` when absent.
    #[serde(default)]
    pub news_sections: Option<Vec<String>>,
    /// Where the site is published (`netlify`, `apache` …): which redirect and
    /// header files the build writes.
    #[serde(default)]
    pub hosting: Option<String>,
    /// The languages pages are written in; the first is the default.
    #[serde(default)]
    pub languages: Option<Vec<crate::languages::RawLanguage>>,
    /// Anything else, passed to templates.
    #[serde(default)]
    pub extra: BTreeMap<String, yaml_serde::Value>,
    /// The editor the preview's problem panels link to.
    #[serde(default)]
    pub editor: Option<crate::editor::Editor>,
}
