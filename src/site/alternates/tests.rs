//! Tests of alternates: translation groups, orphan translations, Easy Read.
use super::*;
use crate::content::{FrontMatter, Page, Section};
use std::path::{Path, PathBuf};

fn config() -> Config {
    let text = "title: T\nbase_url: https://example.org/\nreport_concern: {text: R, url: /r/}\ncontact: {name: N, email: a@example.org}\nlanguages:\n  - {code: en-GB, name: English}\n  - {code: ur, name: اردو}\n  - {code: cy, name: Cymraeg}\n";
    let raw = crate::yaml::parse(text, Path::new("site.yaml"), 1, "config").expect("yaml");
    Config::from_raw(Path::new("."), raw, text).expect("valid")
}

fn page(key: &str, lang: Option<&str>, updated: Option<&str>, easy_read: Option<&str>) -> Page {
    let mut meta = FrontMatter {
        title: key.to_owned(),
        updated: updated.map(|d| d.parse().expect("date")),
        easy_read: easy_read.map(str::to_owned),
        ..FrontMatter::default()
    };
    meta.key_lines.insert("easy_read".to_owned(), 4);
    let stem = key.trim_end_matches(".md");
    let source = lang.map(|l| stem.trim_end_matches(&format!(".{l}")).to_owned());
    Page {
        file: PathBuf::from("content").join(key),
        key: key.to_owned(),
        text: String::new(),
        meta,
        path: match (lang, &source) {
            (Some(l), Some(s)) => format!("{l}/{s}/"),
            _ => format!("{stem}/"),
        },
        dir: PathBuf::new(),
        parent: Some(0),
        is_section: false,
        lang: lang.map(str::to_owned),
        translation_of: source.map(|s| format!("{s}.md")),
        revision: 0,
    }
}

fn content(pages: Vec<Page>) -> Content {
    let mut home = page("_index.md", None, None, None);
    home.is_section = true;
    home.path = String::new();
    home.parent = None;
    let mut all = vec![home];
    all.extend(pages);
    Content {
        sections: vec![Section {
            index: 0,
            pages: (1..all.len()).collect(),
            subsections: Vec::new(),
        }],
        pages: all,
        assets: Vec::new(),
        left_out: Vec::new(),
        not_built: Default::default(),
    }
}

/// The alternates of `content`, its problems pushed into `problems`.
fn alternates(content: &Content, problems: &mut Vec<Diagnostic>) -> Alternates {
    let links = SiteLinks::new(content, "/", Vec::<String>::new());
    Alternates::new(content, &config(), &links, problems)
}

#[test]
fn groups_translations_in_the_order_of_languages() {
    let c = content(vec![
        page("leaflet.cy.md", Some("cy"), None, None),
        page("leaflet.md", None, None, None),
        page("leaflet.ur.md", Some("ur"), None, None),
        page("alone.md", None, None, None),
        page("orphan.ur.md", Some("ur"), None, None),
    ]);
    let mut problems = Vec::new();
    let a = alternates(&c, &mut problems);
    // Only the translation of no page is warned of.
    let warned: Vec<_> = problems.iter().map(|d| d.file.as_path()).collect();
    assert_eq!(warned, [Path::new("content/orphan.ur.md")]);
    // English, then Urdu, then Welsh, as `languages:` lists them.
    assert_eq!(a.group(1), [2, 3, 1]);
    assert_eq!(a.group(3), [2, 3, 1]);
    assert_eq!(a.source(1), Some(2));
    assert!(
        a.group(4).is_empty(),
        "a page with no translations has no group"
    );
    assert!(
        a.group(5).is_empty(),
        "a translation of no page has no group"
    );
}

/// The problems of a site of `pages`, with `source` left out as `why`, pushed
/// into `found`.
fn orphans(pages: Vec<Page>, source: &str, why: Option<NotBuilt>, found: &mut Vec<Diagnostic>) {
    let mut c = content(pages);
    if let Some(why) = why {
        c.not_built.insert(source.to_owned(), why);
    }
    alternates(&c, found);
}

#[test]
fn a_translation_of_no_page_names_the_page_it_expected_and_what_to_do() {
    let mut kontakt = page("contact/kontakt.pl.md", Some("pl"), None, None);
    kontakt.translation_of = Some("contact/kontakt.md".to_owned());
    let mut found = Vec::new();
    orphans(vec![kontakt], "contact/kontakt.md", None, &mut found);
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert!(!d.is_error());
    assert_eq!(d.rule, "translation");
    assert_eq!(d.file, Path::new("content/contact/kontakt.pl.md"));
    assert!(
        d.message.contains(
            "the `pl` translation of content/contact/kontakt.md, but there is no such page"
        ),
        "{}",
        d.message
    );
    let help = d.help.as_deref().unwrap_or_default();
    assert!(
        help.starts_with("write content/contact/kontakt.md in the site's main language"),
        "{help}"
    );
    assert!(help.contains("keeping `.pl.md` at the end"), "{help}");
    assert!(help.ends_with("take `.pl` out of its name"), "{help}");
}

#[test]
fn a_translation_named_after_a_folder_page_is_told_its_right_name() {
    let mut about = page("about/_index.md", None, None, None);
    about.is_section = true;
    let mut found = Vec::new();
    orphans(
        vec![about, page("about.pl.md", Some("pl"), None, None)],
        "about.md",
        None,
        &mut found,
    );
    assert_eq!(found.len(), 1);
    assert!(
        found[0]
            .message
            .contains("the page at that address is content/about/_index.md"),
        "{}",
        found[0].message
    );
    assert_eq!(
        found[0].help.as_deref(),
        Some(
            "move this file to content/about/_index.pl.md: a translation keeps the file name of the page it translates, with `.pl` before `.md`"
        )
    );
    // And the other way round: `leaflet/index.ur.md` beside `leaflet.md`.
    let mut bundle = page("leaflet/index.ur.md", Some("ur"), None, None);
    bundle.translation_of = Some("leaflet/index.md".to_owned());
    let mut found = Vec::new();
    orphans(
        vec![page("leaflet.md", None, None, None), bundle],
        "leaflet/index.md",
        None,
        &mut found,
    );
    assert_eq!(found.len(), 1);
    assert!(
        found[0]
            .help
            .as_deref()
            .unwrap_or_default()
            .starts_with("move this file to content/leaflet.ur.md:")
    );
}

#[test]
fn a_translation_of_a_draft_says_so_and_of_a_broken_page_says_nothing() {
    let pages = || vec![page("leaflet.cy.md", Some("cy"), None, None)];
    let mut found = Vec::new();
    orphans(pages(), "leaflet.md", Some(NotBuilt::Draft), &mut found);
    assert_eq!(found.len(), 1);
    assert!(
        found[0]
            .message
            .contains("content/leaflet.md, which is a draft"),
        "{}",
        found[0].message
    );
    assert!(
        found[0]
            .help
            .as_deref()
            .unwrap_or_default()
            .starts_with("add `draft: true` to this translation too")
    );
    // A page with an error of its own is reported for that error alone.
    let mut found = Vec::new();
    orphans(pages(), "leaflet.md", Some(NotBuilt::Failed), &mut found);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn warns_of_a_translation_older_than_its_source() {
    let c = content(vec![
        page("leaflet.md", None, Some("2026-06-01"), None),
        page("leaflet.ur.md", Some("ur"), Some("2026-01-01"), None),
        page("leaflet.cy.md", Some("cy"), Some("2026-06-01"), None),
    ]);
    let mut problems = Vec::new();
    alternates(&c, &mut problems);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].rule, "translation-outdated");
    assert_eq!(problems[0].file, Path::new("content/leaflet.ur.md"));
    assert!(!problems[0].is_error());
}

#[test]
fn links_easy_read_both_ways_and_rejects_hostile_targets() {
    let c = content(vec![
        page("leaflet.md", None, None, Some("leaflet-easy.md")),
        page("leaflet-easy.md", None, None, None),
    ]);
    let mut problems = Vec::new();
    let a = alternates(&c, &mut problems);
    assert!(problems.is_empty());
    assert_eq!(a.easy_read(1), Some(2));
    assert_eq!(a.full_version(2), Some(1));
    for bad in [
        "../../etc/passwd",
        "/etc/passwd",
        "javascript:alert(1)",
        "",
        "leaflet.md",
        "missing.md",
        "https://example.org/x.md",
    ] {
        let c = content(vec![page("leaflet.md", None, None, Some(bad))]);
        let mut problems = Vec::new();
        let a = alternates(&c, &mut problems);
        assert_eq!(problems.len(), 1, "{bad:?}");
        assert!(
            problems[0].is_error() && problems[0].line == Some(4),
            "{bad:?}"
        );
        assert_eq!(a.easy_read(1), None);
    }
}
