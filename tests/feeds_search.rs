//! Feeds, sitemap, aliases, the A–Z page, the search page and preview builds
//! under a sub-path (issue 7), on the `feeds-search` fixture.

mod common;

use std::collections::BTreeSet;

use common::{TestSite, main_of};

fn parse_feed(xml: &str) -> atom_syndication::Feed {
    xml.parse()
        .unwrap_or_else(|e| panic!("not an Atom feed: {e}\n{xml}"))
}

fn html_files(site: &TestSite) -> Vec<String> {
    site.output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

fn is_redirect(html: &str) -> bool {
    html.contains("http-equiv=\"refresh\"")
}

#[test]
fn feeds_parse_with_an_atom_library() {
    let site = TestSite::new("feeds-search");
    site.build_ok();
    let all = parse_feed(&site.read_output("atom.xml"));
    assert_eq!(all.title().as_str(), "Feeds & Search Partnership");
    let titles: Vec<&str> = all.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(
        titles,
        ["Annual review published", "Fish & <chips> \"quoted\" news"],
        "newest first, undated pages left out"
    );
    let fish = &all.entries()[1];
    assert_eq!(fish.id(), "https://feeds.example.org/news/fish/");
    assert_eq!(
        fish.links()[0].href(),
        "https://feeds.example.org/news/fish/"
    );
    assert_eq!(fish.updated().to_rfc3339(), "2021-04-02T00:00:00+00:00");
    assert_eq!(
        fish.summary().map(|s| s.as_str()),
        Some("Escaping matters in feeds & elsewhere.")
    );

    let news = parse_feed(&site.read_output("news/atom.xml"));
    assert_eq!(news.id(), "https://feeds.example.org/news/atom.xml");
    assert_eq!(news.entries().len(), 2);
    assert!(
        !site.path("public/guides/atom.xml").exists(),
        "a section with no dated pages has no feed"
    );
}

#[test]
fn pages_name_their_feeds() {
    let site = TestSite::new("feeds-search");
    site.build_ok();
    let fish = site.read_output("news/fish/index.html");
    assert!(
        fish.contains(r#"<link rel="alternate" type="application/atom+xml" href="/atom.xml""#),
        "{fish}"
    );
    assert!(fish.contains(r#"href="/news/atom.xml""#), "{fish}");
    assert!(fish.contains(r#"<a href="/search/">Search</a>"#), "{fish}");
    assert!(
        fish.contains(r#"<a href="/a-z/">A to Z of pages</a>"#),
        "{fish}"
    );
}

#[test]
fn sitemap_lists_every_page() {
    let site = TestSite::new("feeds-search");
    site.build_ok();
    let sitemap = site.read_output("sitemap.xml");
    let listed: BTreeSet<String> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(str::to_owned)
        .collect();
    let expected: BTreeSet<String> = html_files(&site)
        .into_iter()
        .filter(|f| f != "404.html" && !is_redirect(&site.read_output(f)))
        .map(|f| {
            format!(
                "https://feeds.example.org/{}",
                f.strip_suffix("index.html").unwrap_or(&f)
            )
        })
        .collect();
    assert_eq!(listed, expected);
    assert!(listed.contains("https://feeds.example.org/a-z/"));
    assert!(listed.contains("https://feeds.example.org/search/"));
    assert!(!listed.iter().any(|u| u.contains("/old/")));
}

#[test]
fn aliases_redirect_to_the_page() {
    let site = TestSite::new("feeds-search");
    site.build_ok();
    for file in ["old/fish/index.html", "fish-news.html"] {
        let html = site.read_output(file);
        assert!(
            html.contains(r#"<link rel="canonical" href="https://feeds.example.org/news/fish/">"#),
            "{html}"
        );
        assert!(
            html.contains(
                r#"<meta http-equiv="refresh" content="0; url=https://feeds.example.org/news/fish/">"#
            ),
            "{html}"
        );
        assert!(
            html.contains(
                r#"<a href="/news/fish/">Fish &amp; &lt;chips&gt; &quot;quoted&quot; news</a>"#
            ),
            "{html}"
        );
    }
    assert!(is_redirect(&site.read_output("escalation/index.html")));
}

#[test]
fn fails_when_an_alias_is_the_address_of_a_page() {
    let site = TestSite::new("feeds-search");
    site.write(
        "content/guides/clash.md",
        "---\ntitle: Clash\naliases:\n  - /old/ok/\n  - /news/\n---\nText.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/guides/clash.md:5:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the alias \"/news/\" is the address of a page that exists"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_to_z_lists_every_page_by_letter() {
    let site = TestSite::new("feeds-search");
    site.build_ok();
    let main = main_of(&site.read_output("a-z/index.html"));
    for title in [
        "7-minute guide to escalation",
        "Annual review published",
        "Fish &amp; &lt;chips&gt; &quot;quoted&quot; news",
        "Guides",
        "News",
        "Report a concern",
        "Undated notice",
    ] {
        assert!(main.contains(&format!(">{title}</a>")), "{title}\n{main}");
    }
    let pos = |s: &str| main.find(s).unwrap_or(usize::MAX);
    assert!(pos(r#"id="letter-digits""#) < pos(r#"id="letter-a""#));
    assert!(pos(">Guides</a>") < pos(">News</a>"));
    assert!(main.contains(r##"<a href="#letter-u">U</a>"##), "{main}");
}

#[test]
fn search_page_has_a_form_a_live_region_and_a_no_script_route() {
    let site = TestSite::new("feeds-search");
    site.build_ok();
    let page = site.read_output("search/index.html");
    let main = main_of(&page);
    assert!(main.contains(r#"role="search""#), "{main}");
    assert!(main.contains(r#"<label for="search-input">"#), "{main}");
    assert!(main.contains(r#"name="q""#), "{main}");
    assert!(
        main.contains(r#"role="status" aria-live="polite""#),
        "{main}"
    );
    assert!(main.contains("<noscript>"), "{main}");
    assert!(main.contains(r#"href="/a-z/""#), "{main}");
    assert!(common::mask_fingerprints(&page).contains(r#"src="/js/search.[HASH].js""#));
    assert!(
        !site.read_output("index.html").contains("search.js"),
        "the script is loaded only on the search page"
    );
    assert!(main.contains(r#"data-index="/search-index/""#), "{main}");
}

#[test]
fn search_index_holds_the_words_of_main_only() {
    let site = TestSite::new("feeds-search");
    site.build_ok();
    let files = site.output_files();
    let words: String = files
        .iter()
        .filter(|f| f.starts_with("search-index/words/"))
        .map(|f| site.read_output(f))
        .collect();
    // Stems, each with its list of pages and scores.
    assert!(words.contains(r#""zephyrolog":""#), "{words}");
    assert!(words.contains(r#""harbour":""#));
    // The footer's e-mail address and the header's site name are on every page, outside <main>.
    assert!(!words.contains(r#""unit":"#), "{words}");
    assert!(!words.contains(r#""search":"#), "{words}");
    let pages = site.read_output("search-index/pages/0.json");
    assert!(
        pages.contains(r#"["/news/review/","Annual review published"]"#),
        "{pages}"
    );
    assert!(
        !pages.contains("/a-z/") && !pages.contains("/old/"),
        "{pages}"
    );
    let meta = site.read_output("search-index/meta.json");
    assert!(meta.contains(r#""chunk":64"#), "{meta}");
    assert!(files.iter().any(|f| f.starts_with("search-index/vocab/")));
}

#[test]
fn preview_builds_keep_every_link_under_the_sub_path() {
    let site = TestSite::new("feeds-search");
    let run = site.run(&["build", "--base-url", "http://127.0.0.1:8123/preview/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in html_files(&site) {
        let html = site.read_output(&file);
        for attr in ["href=\"/", "src=\"/", "action=\"/", "data-index=\"/"] {
            for (at, _) in html.match_indices(attr) {
                let rest = &html[at + attr.len() - 1..];
                assert!(
                    rest.starts_with("/preview/"),
                    "{file}: {}",
                    &rest[..rest.len().min(60)]
                );
            }
        }
        for (at, _) in html.match_indices("http://127.0.0.1:8123/") {
            assert!(
                html[at..].starts_with("http://127.0.0.1:8123/preview/"),
                "{file}"
            );
        }
    }
    let feed = parse_feed(&site.read_output("news/atom.xml"));
    for e in feed.entries() {
        assert!(
            e.id().starts_with("http://127.0.0.1:8123/preview/news/"),
            "{}",
            e.id()
        );
    }
    assert!(
        site.read_output("sitemap.xml")
            .contains("<loc>http://127.0.0.1:8123/preview/a-z/</loc>")
    );
}

/// Asserts that `stderr` has an error at column 1 of each line of `file` that
/// says what is given with it, and that no file failed to be written.
fn assert_said_at(stderr: &str, file: &str, expected: &[(usize, &str)]) {
    for (line, says) in expected {
        let said = stderr
            .lines()
            .any(|l| l.contains(&format!("{file}:{line}:1: ")) && l.contains(says));
        assert!(said, "{line}: {stderr}");
    }
    assert!(!stderr.contains("could not write"), "{stderr}");
}

#[test]
fn an_alias_where_the_site_has_a_file_or_a_hidden_folder_is_an_error_at_its_line() {
    let site = TestSite::new("feeds-search");
    site.write(
        "content/guides/clash.md",
        "---\ntitle: Clash\naliases:\n  - /robots.txt/\n  - /sitemap.xml/old.html\n  - /.git/config.html\n  - /.plainsite-manifest/\n---\nText.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_said_at(
        &run.stderr,
        "content/guides/clash.md",
        &[
            (
                4,
                "would need a folder /robots.txt/, where the site has the file /robots.txt",
            ),
            (
                5,
                "would need a folder /sitemap.xml/, where the site has the file /sitemap.xml",
            ),
            (6, "has a part that starts with a dot"),
            (7, "has a part that starts with a dot"),
        ],
    );
}

#[test]
fn an_alias_where_a_feed_or_the_search_index_will_be_is_an_error_at_its_line() {
    let site = TestSite::new("feeds-search");
    site.write(
        "content/guides/later.md",
        "---\ntitle: Later\naliases:\n  - /atom.xml\n  - /news/atom.xml/old/\n  - /search-index/meta.json\n  - /search-index/old/\n---\nText.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_said_at(
        &run.stderr,
        "content/guides/later.md",
        &[
            (
                4,
                "would need a folder /atom.xml/, where the site has the file /atom.xml",
            ),
            (
                5,
                "would need a folder /news/atom.xml/, where the site has the file /news/atom.xml",
            ),
            (
                6,
                "is inside /search-index/, where plainsite writes the search index",
            ),
            (
                7,
                "is inside /search-index/, where plainsite writes the search index",
            ),
        ],
    );
}

#[test]
fn a_static_file_where_the_search_index_will_be_is_an_error() {
    let site = TestSite::new("feeds-search");
    site.write("static/search-index/meta.json", "{}\n");
    site.write("static/search-index/notes.txt", "Mine.\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for file in ["meta.json", "notes.txt"] {
        assert!(
            run.stderr.contains(&format!(
                "static/search-index/{file}: this file has the address /search-index/{file}, which plainsite uses for the search index"
            )),
            "{file}: {}",
            run.stderr
        );
    }
}
