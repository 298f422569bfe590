//! Search and the generated pages in a site of several languages: one index and one
//! search page per language (the default language's where they always were), only
//! English stemmed, and the theme's words on the pages the site makes itself.
mod common;

use common::{TestSite, main_of};

/// The addresses listed in an index's first `pages/0.json`.
fn indexed(site: &TestSite, dir: &str) -> Vec<String> {
    let text = site.read_output(&format!("{dir}/pages/0.json"));
    let rows: Vec<(String, String)> = serde_json::from_str(&text).expect("pages json");
    rows.into_iter().map(|(url, _)| url).collect()
}

/// Every stem of an index, from its word files.
fn stems(site: &TestSite, dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    for file in site.output_files() {
        if let Some(rest) = file.strip_prefix(&format!("{dir}/words/")) {
            assert!(!rest.contains('/'), "{file}");
            let words: std::collections::BTreeMap<String, String> =
                serde_json::from_str(&site.read_output(&file)).expect("words json");
            out.extend(words.into_keys());
        }
    }
    out.sort();
    out
}

#[test]
fn each_language_has_its_own_index_of_its_own_pages() {
    let site = TestSite::new("theme-languages");
    site.build_ok();
    let english = indexed(&site, "search-index");
    assert!(english.contains(&"/leaflets/report-a-concern/".to_owned()));
    for url in &english {
        for code in ["cy", "pl", "ur"] {
            assert!(!url.starts_with(&format!("/{code}/")), "{url} in English");
        }
    }
    // A translated section's own page is indexed; its further listing pages
    // and its past events page are not, as a section's are not.
    assert_eq!(
        indexed(&site, "search-index/pl"),
        [
            "/pl/events/",
            "/pl/events/first-steps/",
            "/pl/events/talking-to-parents/",
            "/pl/leaflets/report-a-concern/",
            "/pl/news/",
            "/pl/news/new-chair/",
            "/pl/news/new-website/",
            "/pl/news/training-dates/"
        ]
    );
    let mut urdu = indexed(&site, "search-index/ur");
    urdu.sort();
    // The translated section page is found in its language too.
    assert_eq!(
        urdu,
        [
            "/ur/briefings/neglect/",
            "/ur/leaflets/",
            "/ur/leaflets/report-a-concern/"
        ]
    );
    assert!(indexed(&site, "search-index/cy").contains(&"/cy/".to_owned()));
    // English is stemmed; Polish is not, and its letters are folded.
    let en = stems(&site, "search-index");
    assert!(en.contains(&"concern".to_owned()) && !en.contains(&"concerns".to_owned()));
    let pl = stems(&site, "search-index/pl");
    assert!(pl.contains(&"zglos".to_owned()), "{pl:?}");
    assert!(pl.contains(&"dziecka".to_owned()), "{pl:?}");
    assert!(!pl.iter().any(|s| s.contains('ł')), "{pl:?}");
    // Urdu words are kept whole, split at its punctuation.
    let ur = stems(&site, "search-index/ur");
    assert!(!ur.is_empty());
    assert!(ur.iter().all(|s| !s.contains(['۔', '،', '؟'])), "{ur:?}");
}

#[test]
fn each_language_has_a_search_page_in_its_words_that_reads_its_index() {
    let site = TestSite::new("theme-languages");
    site.build_ok();
    let pl = site.read_output("pl/search/index.html");
    assert!(pl.contains(r#"<html lang="pl" dir="ltr">"#));
    assert!(pl.contains("<title>Szukaj – Languages Fixture Partnership</title>"));
    assert!(pl.contains(r#"action="/pl/search/""#));
    // Its feed is the Polish one.
    assert!(pl.contains(r#"href="/pl/atom.xml""#));
    assert!(!pl.contains(r#"href="/atom.xml""#));
    assert!(pl.contains(r#"data-index="/search-index/pl/""#));
    assert!(pl.contains(r#"<label for="search-input">Szukane słowa</label>"#));
    assert!(pl.contains(r#"data-say-none="Brak wyników dla „{query}”.""#));
    // The no-JavaScript note is in Polish, with its links in place.
    let main = main_of(&pl);
    assert!(main.contains("Wyszukiwarka wymaga JavaScriptu"), "{main}");
    assert!(
        main.contains(r#"<a href="/a-z/">Strony od A do Z</a>"#),
        "{main}"
    );
    let ur = site.read_output("ur/search/index.html");
    assert!(ur.contains(r#"<html lang="ur" dir="rtl">"#));
    assert!(ur.contains(r#"data-index="/search-index/ur/""#));
    assert!(main_of(&ur).contains("تلاش کے لیے JavaScript ضروری ہے"));
    // The English page stays as it was.
    let en = site.read_output("search/index.html");
    assert!(en.contains(r#"data-index="/search-index/""#));
    assert!(en.contains("Search needs JavaScript, which is turned off"));
    // A page links to the search page of its own language.
    let leaflet = site.read_output("pl/leaflets/report-a-concern/index.html");
    assert!(leaflet.contains(r#"<p class="site-search"><a href="/pl/search/">Szukaj</a></p>"#));
    let home = site.read_output("index.html");
    assert!(home.contains(r#"<p class="site-search"><a href="/search/">Search</a></p>"#));
    // Each search page links to the others, in the page and in the head, and the
    // sitemap lists them as versions of one another.
    assert!(pl.contains(r#"<a href="/ur/search/" hreflang="ur" lang="ur" dir="rtl">اردو</a>"#));
    assert!(pl.contains(r#"<span lang="pl" dir="ltr" aria-current="page">Polski</span>"#));
    assert!(en.contains(
        r#"<link rel="alternate" hreflang="pl" href="https://languages.example.org/pl/search/">"#
    ));
    let sitemap = site.read_output("sitemap.xml");
    assert!(sitemap.contains(
        r#"<url><loc>https://languages.example.org/pl/search/</loc><xhtml:link rel="alternate" hreflang="en-GB" href="https://languages.example.org/search/"/>"#
    ), "{sitemap}");
}

#[test]
fn a_single_language_site_has_one_index_and_one_search_page() {
    let site = TestSite::new("feeds-search");
    site.build_ok();
    let files = site.output_files();
    assert!(files.iter().any(|f| f == "search/index.html"));
    let searches: Vec<&String> = files
        .iter()
        .filter(|f| f.ends_with("search/index.html"))
        .collect();
    assert_eq!(searches, ["search/index.html"]);
    let metas: Vec<&String> = files.iter().filter(|f| f.ends_with("meta.json")).collect();
    assert_eq!(metas, ["search-index/meta.json"]);
    let search = site.read_output("search/index.html");
    assert!(
        !search.contains("hreflang"),
        "no language switcher in one language"
    );
}

#[test]
fn generated_pages_speak_the_default_language() {
    let site = TestSite::new("theme-languages");
    // Welsh first: the default language, so the pages the site makes are in Welsh.
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    let yaml = yaml.replace(
        "  - { code: en-GB, name: English }\n  - { code: cy, name: Cymraeg }\n",
        "  - { code: cy, name: Cymraeg }\n  - { code: en-GB, name: English }\n",
    );
    site.write("site.yaml", yaml);
    std::fs::remove_dir_all(site.path("content")).expect("remove content");
    site.write(
        "content/_index.md",
        "---\ntitle: Croeso\n---\nCroeso i'r bartneriaeth.\n",
    );
    site.write("content/leaflets/_index.md", "---\ntitle: Taflenni\n---\n");
    site.write("content/briefings/_index.md", "---\ntitle: Briffiau\n---\n");
    site.write(
        "content/leaflets/report-a-concern.md",
        "---\ntitle: Rhoi gwybod am bryder\n---\nFfoniwch ni os ydych yn poeni am blentyn.\n",
    );
    site.write(
        "content/leaflets/report-a-concern.en-GB.md",
        "---\ntitle: Report a concern\n---\nCall us if you are worried about children.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let not_found = site.read_output("404.html");
    assert!(
        not_found.contains("<h1>Heb ddod o hyd i’r dudalen</h1>"),
        "{not_found}"
    );
    assert!(
        not_found.contains(r#"Ewch i’r <a href="/">hafan</a>"#),
        "{not_found}"
    );
    let a_z = site.read_output("a-z/index.html");
    assert!(a_z.contains("<h1>Tudalennau o A i Z</h1>"));
    assert!(a_z.contains(r#"aria-label="Neidio i lythyren""#));
    let search = site.read_output("search/index.html");
    assert!(search.contains("<title>Chwilio – "));
    // English is now a translation, with its own stemmed index and search page.
    let en = site.read_output("en-gb/search/index.html");
    assert!(en.contains(r#"<html lang="en-GB" dir="ltr">"#));
    assert!(en.contains(r#"data-index="/search-index/en-gb/""#));
    assert!(
        site.output_files()
            .iter()
            .any(|f| f == "search-index/en-gb/meta.json")
    );
    assert_eq!(
        indexed(&site, "search-index/en-gb"),
        ["/en-gb/leaflets/report-a-concern/"]
    );
    // "children" stemmed as English in its index; Welsh words kept as written.
    assert!(stems(&site, "search-index/en-gb").contains(&"children".to_owned()));
    assert!(stems(&site, "search-index/en-gb").contains(&"worri".to_owned()));
    assert!(stems(&site, "search-index").contains(&"poeni".to_owned()));
}

#[test]
fn the_one_404_page_speaks_each_language_the_theme_has_words_in() {
    let site = TestSite::new("theme-languages");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    // Somali: the theme has no words in it, so they would be English.
    site.write(
        "site.yaml",
        yaml.replace(
            "  - { code: ur, name: اردو }\n",
            "  - { code: ur, name: اردو }\n  - { code: so, name: Soomaali }\n",
        ),
    );
    site.build_ok();
    let main = main_of(&site.read_output("404.html"));
    assert!(main.contains("<h1>Page not found</h1>"), "{main}");
    for (lang, dir, heading) in [
        ("cy", "ltr", "Heb ddod o hyd i’r dudalen"),
        ("pl", "ltr", "Nie znaleziono strony"),
        ("ur", "rtl", "صفحہ نہیں ملا"),
    ] {
        let section = format!(
            "<section class=\"other-language\" lang=\"{lang}\" dir=\"{dir}\">\n<h2>{heading}</h2>"
        );
        assert!(main.contains(&section), "{lang}: {main}");
    }
    assert!(main.contains(r#"<p><a href="/" hreflang="en-GB">ہوم پیج</a> پر جائیں</p>"#));
    assert!(!main.contains(r#"lang="so""#), "{main}");
    assert_eq!(main.matches("Page not found").count(), 1, "{main}");
    // A site in one language keeps its page in one.
    let one = TestSite::new("basic");
    one.build_ok();
    assert!(!one.read_output("404.html").contains("other-language"));
}

#[test]
fn the_a_to_z_marks_each_translated_title_with_its_language() {
    let site = TestSite::new("theme-languages");
    site.build_ok();
    let a_z = main_of(&site.read_output("a-z/index.html"));
    assert!(
        a_z.contains(
            r#"<a href="/ur/leaflets/report-a-concern/" lang="ur" hreflang="ur" dir="rtl">"#
        ),
        "{a_z}"
    );
    assert!(
        a_z.contains(r#"<a href="/pl/leaflets/report-a-concern/" lang="pl" hreflang="pl">"#),
        "{a_z}"
    );
    // Titles in the main language carry no mark.
    assert!(
        a_z.contains(r#"<a href="/leaflets/report-a-concern/">"#),
        "{a_z}"
    );
}

#[test]
fn a_report_concern_note_of_the_sites_own_asks_for_its_words_in_each_language() {
    let site = TestSite::new("theme-languages");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        yaml.replace(
            "note: In an emergency, call 999.",
            "note: \"In an emergency, call 999. Out of hours, call 01632 960001.\"",
        ),
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("warning[theme-strings]: site.yaml:18:1: Welsh pages show your 'report a concern' note in English, because there is no Welsh version of it"),
        "{}",
        run.stderr
    );
    for language in ["Polish", "Urdu"] {
        assert!(
            run.stderr.contains(&format!(
                "{language} pages show your 'report a concern' note in English"
            )),
            "{}",
            run.stderr
        );
    }
    // The site's Welsh and Polish words for the note: only Urdu is left.
    site.write(
        "i18n/cy.yaml",
        "report_concern_note: \"Mewn argyfwng, ffoniwch 999. Y tu allan i oriau, ffoniwch 01632 960001.\"\n",
    );
    site.write(
        "i18n/pl.yaml",
        "report_concern_note: \"W nagłym wypadku dzwoń pod 999. Po godzinach: 01632 960001.\"\n",
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .contains("Urdu pages show your 'report a concern' note in English"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Welsh pages"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("add this line to i18n/ur.yaml (make the file"),
        "{}",
        run.stderr
    );
    site.build_ok();
    let pl = site.read_output("pl/leaflets/report-a-concern/index.html");
    assert!(pl.contains("Po godzinach: 01632 960001."), "{pl}");
    // The Urdu page keeps the site's own note, in English, marked as such.
    let ur = site.read_output("ur/leaflets/report-a-concern/index.html");
    assert!(
        ur.contains(r#"<span lang="en-GB" dir="ltr">In an emergency, call 999. Out of hours, call 01632 960001.</span>"#),
        "{ur}"
    );
}

#[test]
fn hostile_theme_words_on_generated_pages_are_escaped() {
    let site = TestSite::new("theme-languages");
    site.write(
        "i18n/en.yaml",
        "home_page: home page\nnot_found_lead: \"<script>alert(1)</script>\"\ngo_to: \"<b>{link}</b> {link} {nope} {\"\nsearch_say_none: \"\\\"><img src=x>\"\n",
    );
    site.build_ok();
    let not_found = site.read_output("404.html");
    assert!(!not_found.contains("<script>alert"));
    assert!(not_found.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(not_found.contains(
        r#"&lt;b&gt;<a href="/">home page</a>&lt;/b&gt; <a href="/">home page</a> {nope} {"#
    ));
    let search = site.read_output("search/index.html");
    assert!(!search.contains("<img src=x>"));
    assert!(search.contains(r#"data-say-none="&quot;&gt;&lt;img src=x&gt;""#));
}

#[test]
fn a_translated_page_describes_its_attachments_in_its_language() {
    let site = TestSite::new("theme-languages");
    let pdf = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/publish-attachments/content/guidance/worried-about-a-child.pdf"),
    )
    .expect("fixture pdf");
    site.write("content/leaflets/ulotka.pdf", pdf);
    let page = std::fs::read_to_string(site.path("content/leaflets/report-a-concern.pl.md"))
        .expect("pl page");
    site.write(
        "content/leaflets/report-a-concern.pl.md",
        page.replacen(
            "---\n",
            "---\nattachments:\n  - { file: ulotka.pdf, title: Ulotka }\n",
            1,
        ),
    );
    site.build_ok();
    let pl = main_of(&site.read_output("pl/leaflets/report-a-concern/index.html"));
    assert!(
        pl.contains(r#"<h2 id="attachments-title">Dokumenty</h2>"#),
        "{pl}"
    );
    assert!(
        pl.contains(r#"<p class="attachment-meta">PDF, 954 B, stron: 2</p>"#),
        "{pl}"
    );
    assert!(
        pl.contains("Jeśli potrzebujesz dokumentu w innym formacie"),
        "{pl}"
    );
    assert!(
        pl.contains(r#"<a href="mailto:unit@example.org">unit@example.org</a>"#),
        "{pl}"
    );
}

#[test]
fn a_site_that_changes_one_english_label_keeps_the_others() {
    let site = TestSite::new("theme-languages");
    site.write("i18n/en.yaml", "search: Find\n");
    let run = site.build_ok();
    assert!(!run.stderr.contains("theme-strings"), "{}", run.stderr);
    let home = site.read_output("index.html");
    assert!(home.contains(r#"<a href="/search/">Find</a>"#), "{home}");
    assert!(home.contains(r##"<a class="skip-link" href="#main">Skip to main content</a>"##));
    let not_found = site.read_output("404.html");
    assert!(
        not_found.contains(r#"Go to the <a href="/">home page</a>"#),
        "{not_found}"
    );
    // Welsh pages keep their own words.
    assert!(site.read_output("cy/index.html").contains(">Chwilio</a>"));
}

#[test]
fn a_translation_at_a_language_search_address_is_an_error() {
    let site = TestSite::new("theme-languages");
    site.write("content/search.pl.md", "---\ntitle: Szukaj\n---\nTekst.\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[duplicate-url]: content/search.pl.md"),
        "{}",
        run.stderr
    );
}
