//! The shape of every `site.yaml` setting plainsite knows the type of, with an
//! example, for the messages `yaml::parse_settings` gives about a setting of the
//! wrong shape.
//!
//! Part of `config`.

use std::collections::BTreeMap;

use super::raw::{Contact, HomeSettings, MenuItem, ReportConcern};
use crate::yaml::{Shape, is};

/// Each setting plainsite knows the type of, with an example of its shape.
pub(crate) const SHAPES: &[Shape] = &[
    (
        "title",
        is::<String>,
        "title: Walsall Safeguarding Children Partnership",
    ),
    (
        "base_url",
        is::<String>,
        "base_url: https://www.example.org/",
    ),
    ("language", is::<Option<String>>, "language: en-GB"),
    (
        "description",
        is::<Option<String>>,
        "description: How partners work together to keep children safe.",
    ),
    ("theme", is::<Option<String>>, "theme: default"),
    (
        "menu",
        is::<Vec<MenuItem>>,
        "menu: [{ name: About us, url: /about/ }, { name: Briefings, url: /briefings/ }]",
    ),
    (
        "footer_menu",
        is::<Vec<MenuItem>>,
        "footer_menu: [{ name: Privacy, url: /about/privacy/ }]",
    ),
    (
        "taxonomies",
        is::<Option<Vec<String>>>,
        "taxonomies: [topics]",
    ),
    (
        "report_concern",
        is::<Option<ReportConcern>>,
        "report_concern: { text: Report a concern about a child, url: /report-a-concern/, note: \"In an emergency, call 999.\" }",
    ),
    (
        "contact",
        is::<Option<Contact>>,
        "contact: { name: Partnership business unit, email: team@example.org, phone: 01234 567890 }",
    ),
    (
        "not_abbreviations",
        is::<Vec<String>>,
        "not_abbreviations: [WCAG, AA]",
    ),
    ("allow_html", is::<bool>, "allow_html: false"),
    (
        "quick_exit",
        is::<Option<crate::brand::RawQuickExit>>,
        "quick_exit: { url: https://www.bbc.co.uk/weather }` (the address goes after `url:`), or on two lines: `quick_exit:` and under it, indented by two spaces, `url: https://www.bbc.co.uk/weather",
    ),
    ("reading_grade", is::<Option<f64>>, "reading_grade: 9"),
    (
        "home",
        is::<HomeSettings>,
        "home: { latest_from: [briefings, newsletters], latest_count: 6 }",
    ),
    (
        "languages",
        is::<Option<Vec<crate::languages::RawLanguage>>>,
        "languages: [{ code: en-GB, name: English }, { code: cy, name: Cymraeg }]` (the main language first), or one language a line: `- { code: cy, name: Cymraeg }",
    ),
    (
        "brand",
        is::<crate::brand::RawBrand>,
        "brand: { colour: \"#1d70b8\", logo: /images/logo.svg }` (the colour in quotation marks), or on lines of their own, indented by two spaces under `brand:",
    ),
    (
        "news_sections",
        is::<Option<Vec<String>>>,
        "news_sections: [news, briefings]",
    ),
    (
        "hosting",
        is::<Option<String>>,
        "hosting: netlify` (or cloudflare, azure, apache, nginx, github-pages or none",
    ),
    (
        "extra",
        is::<BTreeMap<String, yaml_serde::Value>>,
        "extra: { any_name: any value }",
    ),
];

/// Settings a site cannot do without.
pub(crate) const REQUIRED: &[&str] = &["title", "base_url"];
