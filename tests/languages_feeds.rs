//! Feeds in a site in more than one language, read with an Atom library: each
//! language's feed at `/<code>/atom.xml` says its language, and a section's
//! translation (`news/_index.pl.md`) has a feed of the section's pages in its
//! language at `/pl/news/atom.xml`, made as the section's own feed is. The
//! fixture is `theme-languages`: `news/` (four dated pages, three in Polish),
//! `leaflets/` (translated into Urdu), `events/` (translated into Polish, with
//! no dated pages) and `briefings/` (one page in Urdu, no translated section
//! page).
mod common;

use common::TestSite;
use plainsite::{BuildCache, BuildOptions, build, build_with};

fn parse_feed(xml: &str) -> atom_syndication::Feed {
    xml.parse()
        .unwrap_or_else(|e| panic!("not an Atom feed: {e}\n{xml}"))
}

/// The fixture, built.
fn built() -> TestSite {
    let site = TestSite::new("theme-languages");
    site.build_ok();
    site
}

fn ids(feed: &atom_syndication::Feed) -> Vec<&str> {
    feed.entries().iter().map(|e| e.id()).collect()
}

/// The `<link rel="alternate" type="application/atom+xml">` addresses in `html`.
fn feed_links(html: &str) -> Vec<&str> {
    let tag = r#"<link rel="alternate" type="application/atom+xml" href=""#;
    html.match_indices(tag)
        .filter_map(|(at, _)| html[at + tag.len()..].split('"').next())
        .collect()
}

#[test]
fn a_language_feed_says_its_language() {
    let site = built();
    for code in ["cy", "pl", "ur"] {
        let feed = parse_feed(&site.read_output(&format!("{code}/atom.xml")));
        assert_eq!(feed.lang(), Some(code), "{code}/atom.xml");
    }
    // The main language's feeds say the site's language.
    for feed in ["atom.xml", "news/atom.xml"] {
        let main = parse_feed(&site.read_output(feed));
        assert_eq!(main.lang(), Some("en-GB"), "{feed}");
    }
}

#[test]
fn a_translated_section_has_a_feed_of_its_pages_in_its_language() {
    let site = built();
    let en = parse_feed(&site.read_output("news/atom.xml"));
    let pl = parse_feed(&site.read_output("pl/news/atom.xml"));
    assert_eq!(
        pl.title().as_str(),
        "Aktualności – Languages Fixture Partnership"
    );
    assert_eq!(
        pl.subtitle().map(|s| s.as_str()),
        Some("Czym ostatnio zajmuje się partnerstwo.")
    );
    assert_eq!(pl.lang(), Some("pl"));
    assert_eq!(pl.id(), "https://languages.example.org/pl/news/atom.xml");
    let links: Vec<(&str, &str)> = pl.links().iter().map(|l| (l.rel(), l.href())).collect();
    assert_eq!(
        links,
        [
            ("self", "https://languages.example.org/pl/news/atom.xml"),
            ("alternate", "https://languages.example.org/pl/news/"),
        ]
    );
    assert_eq!(pl.authors()[0].name(), en.authors()[0].name());
    // The Polish versions of the section's pages, in the English feed's order;
    // the annual report has no Polish version.
    assert_eq!(
        ids(&pl),
        [
            "https://languages.example.org/pl/news/new-website/",
            "https://languages.example.org/pl/news/training-dates/",
            "https://languages.example.org/pl/news/new-chair/",
        ]
    );
    let english_of_polish: Vec<String> =
        ids(&pl).iter().map(|id| id.replace("/pl/", "/")).collect();
    let en_ids: Vec<&str> = ids(&en)
        .into_iter()
        .filter(|id| !id.ends_with("/annual-report/"))
        .collect();
    assert_eq!(english_of_polish, en_ids);
    let first = &pl.entries()[0];
    assert_eq!(first.title().as_str(), "Nasza nowa strona internetowa");
    assert_eq!(
        first.summary().map(|s| s.as_str()),
        Some("Partnerstwo ma nową stronę internetową.")
    );
    assert_eq!(
        first.published().map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-04-01T00:00:00+00:00")
    );
    assert_eq!(pl.updated().to_rfc3339(), "2026-04-01T00:00:00+00:00");
    // Right to left too: the Urdu leaflets section.
    let ur = parse_feed(&site.read_output("ur/leaflets/atom.xml"));
    assert_eq!(ur.lang(), Some("ur"));
    assert_eq!(
        ids(&ur),
        ["https://languages.example.org/ur/leaflets/report-a-concern/"]
    );
    assert_eq!(
        ur.entries()[0].updated().to_rfc3339(),
        "2026-02-01T00:00:00+00:00",
        "the translation's own `updated`"
    );
    // Translations stay out of the English section's feed.
    assert!(ids(&en).iter().all(|id| !id.contains("/pl/")));
}

#[test]
fn a_section_with_no_translated_page_has_no_feed_in_that_language() {
    let site = built();
    let feeds: Vec<String> = site
        .output_files()
        .into_iter()
        .filter(|f| f.ends_with("atom.xml"))
        .collect();
    assert_eq!(
        feeds,
        [
            "atom.xml",
            "briefings/atom.xml",
            "cy/atom.xml",
            "easy-read/atom.xml",
            "leaflets/atom.xml",
            "news/atom.xml",
            "pl/atom.xml",
            "pl/news/atom.xml",
            "ur/atom.xml",
            "ur/leaflets/atom.xml",
        ],
        "no ur/briefings/ (its Urdu page has no Urdu section page), no \
         pl/leaflets/ or cy/leaflets/ (no Polish or Welsh section page), no \
         pl/events/ (as events/ has no dated pages, so no feed)"
    );
    // A Polish page of a section with no Polish section page links to the
    // Polish feed alone.
    let leaflet = site.read_output("pl/leaflets/report-a-concern/index.html");
    assert_eq!(feed_links(&leaflet), ["/pl/atom.xml"]);
}

#[test]
fn translated_pages_link_to_their_sections_feed_in_their_language() {
    let site = built();
    for page in [
        "pl/news/index.html",
        "pl/news/page/2/index.html",
        "pl/news/new-chair/index.html",
    ] {
        let html = site.read_output(page);
        assert_eq!(
            feed_links(&html),
            ["/pl/atom.xml", "/pl/news/atom.xml"],
            "{page}"
        );
        assert!(
            html.contains(r#"href="/pl/news/atom.xml" title="Aktualności – Languages Fixture Partnership (kanał Atom)""#),
            "{page}: the link is named in Polish"
        );
    }
    let ur = site.read_output("ur/leaflets/index.html");
    assert_eq!(feed_links(&ur), ["/ur/atom.xml", "/ur/leaflets/atom.xml"]);
    assert!(ur.contains("(ایٹم فیڈ)"));
    // The English pages link to the English feeds only.
    let en = site.read_output("news/index.html");
    assert_eq!(feed_links(&en), ["/atom.xml", "/news/atom.xml"]);
}

#[test]
fn a_translated_section_has_a_feed_only_when_its_section_has_one() {
    // `news_sections` leaves news out of the feeds: its translation too.
    let site = TestSite::new("theme-languages");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write("site.yaml", format!("{yaml}news_sections: [leaflets]\n"));
    site.build_ok();
    assert!(!site.path("public/news/atom.xml").exists());
    assert!(!site.path("public/pl/news/atom.xml").exists());
    assert!(site.path("public/ur/leaflets/atom.xml").exists());
    let pl = site.read_output("pl/news/index.html");
    assert_eq!(feed_links(&pl), ["/pl/atom.xml"]);

    // A draft section is not built, nor is its translation's feed.
    let site = TestSite::new("theme-languages");
    let index = site.path("content/news/_index.md");
    let text = std::fs::read_to_string(&index).expect("news/_index.md");
    site.write(
        "content/news/_index.md",
        text.replacen("---\n", "---\ndraft: true\n", 1),
    );
    site.build_ok();
    assert!(!site.path("public/news/atom.xml").exists());
    assert!(!site.path("public/pl/news/atom.xml").exists());

    // An internal section is left out with its translation.
    site.write(
        "content/news/_index.md",
        text.replacen("---\n", "---\ninternal: true\n", 1),
    );
    site.build_ok();
    assert!(!site.path("public/pl/news/atom.xml").exists());
}

#[test]
fn a_translated_section_feed_holds_as_many_entries_as_its_sections() {
    let site = TestSite::new("theme-languages");
    for day in 1..=28 {
        for month in 5..=6 {
            let page = |title: &str| {
                format!(
                    "---\ntitle: {title} {month}-{day}\ndate: 2026-{month:02}-{day:02}\n---\n\nText.\n"
                )
            };
            let name = format!("content/news/item-{month}-{day}");
            site.write(&format!("{name}.md"), page("Item"));
            site.write(&format!("{name}.pl.md"), page("Wpis"));
        }
    }
    site.build_ok();
    let en = parse_feed(&site.read_output("news/atom.xml"));
    let pl = parse_feed(&site.read_output("pl/news/atom.xml"));
    assert_eq!(en.entries().len(), 50);
    assert_eq!(pl.entries().len(), 50);
    assert_eq!(pl.entries()[0].title().as_str(), "Wpis 6-28");
    let english_of_polish: Vec<String> =
        ids(&pl).iter().map(|id| id.replace("/pl/", "/")).collect();
    assert_eq!(english_of_polish, ids(&en));
}

#[test]
fn a_new_translated_section_page_gets_its_feed_in_a_rebuild() {
    let site = TestSite::new("theme-languages");
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        ..BuildOptions::default()
    };
    let mut cache = BuildCache::default();
    build_with(&options, &mut cache).expect("first build");
    site.write(
        "content/briefings/_index.ur.md",
        "---\ntitle: سات منٹ کی بریفنگ\n---\n",
    );
    let rebuilt = build_with(&options, &mut cache).expect("rebuild");
    let full = build(&options).expect("full build");
    let read = |built: &plainsite::Built, rel: &str| {
        let bytes = built.output.read(rel).expect(rel).expect("readable");
        String::from_utf8_lossy(&bytes).into_owned()
    };
    for rel in [
        "ur/briefings/atom.xml",
        "ur/briefings/index.html",
        "ur/briefings/neglect/index.html",
    ] {
        assert_eq!(read(&rebuilt, rel), read(&full, rel), "{rel}");
    }
    let feed = parse_feed(&read(&rebuilt, "ur/briefings/atom.xml"));
    assert_eq!(
        ids(&feed),
        ["https://languages.example.org/ur/briefings/neglect/"]
    );
    let page = read(&rebuilt, "ur/briefings/neglect/index.html");
    assert_eq!(
        feed_links(&page),
        ["/ur/atom.xml", "/ur/briefings/atom.xml"]
    );
}
