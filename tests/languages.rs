//! Sites in more than one language: translations as `page.<code>.md`, `lang` and
//! `dir` on every page, the language switcher and alternates, theme words per
//! language, feeds per language, out-of-date translations, and Easy Read.
mod common;

use common::{TestSite, main_of};

fn html_tag(html: &str) -> &str {
    let start = html.find("<html").expect("<html>");
    let end = html[start..].find('>').expect(">") + start + 1;
    &html[start..end]
}

/// The list of pages a section page shows (its first `<ul class="listing">`).
fn listing_of(html: &str) -> &str {
    let start = html.find(r#"<ul class="listing">"#).expect("a listing");
    let end = html[start..].find("</ul>").expect("</ul>") + start;
    &html[start..end]
}

#[test]
fn every_page_carries_its_language_and_direction() {
    let site = TestSite::new("theme-languages");
    site.build_ok();
    for (file, tag) in [
        ("index.html", r#"<html lang="en-GB" dir="ltr">"#),
        (
            "leaflets/report-a-concern/index.html",
            r#"<html lang="en-GB" dir="ltr">"#,
        ),
        ("cy/index.html", r#"<html lang="cy" dir="ltr">"#),
        (
            "pl/leaflets/report-a-concern/index.html",
            r#"<html lang="pl" dir="ltr">"#,
        ),
        (
            "ur/leaflets/report-a-concern/index.html",
            r#"<html lang="ur" dir="rtl">"#,
        ),
        (
            "ur/briefings/neglect/index.html",
            r#"<html lang="ur" dir="rtl">"#,
        ),
        ("search/index.html", r#"<html lang="en-GB" dir="ltr">"#),
    ] {
        assert_eq!(html_tag(&site.read_output(file)), tag, "{file}");
    }
}

#[test]
fn a_site_in_one_language_keeps_a_plain_html_tag() {
    let site = TestSite::new("theme-document");
    site.build_ok();
    let html = site.read_output("index.html");
    assert_eq!(html_tag(&html), r#"<html lang="en-GB">"#);
    assert!(!html.contains("hreflang"));
    assert!(!site.read_output("sitemap.xml").contains("xhtml"));
}

#[test]
fn translations_link_to_each_other_in_their_own_names() {
    let site = TestSite::new("theme-languages");
    site.build_ok();
    let ur = site.read_output("ur/leaflets/report-a-concern/index.html");
    for (code, url) in [
        ("en-GB", "/leaflets/report-a-concern/"),
        ("cy", "/cy/leaflets/report-a-concern/"),
        ("pl", "/pl/leaflets/report-a-concern/"),
        ("ur", "/ur/leaflets/report-a-concern/"),
    ] {
        let head = format!(
            r#"<link rel="alternate" hreflang="{code}" href="https://languages.example.org{url}">"#
        );
        assert!(ur.contains(&head), "missing {head}");
    }
    assert!(ur.contains(
        r#"<a href="/pl/leaflets/report-a-concern/" hreflang="pl" lang="pl" dir="ltr">Polski</a>"#
    ));
    assert!(ur.contains(r#"<span lang="ur" dir="rtl" aria-current="page">اردو</span>"#));
    // The switcher is labelled in the page's language.
    assert!(ur.contains(r#"aria-label="یہ صفحہ دوسری زبانوں میں""#));
    // Translations are not listed in the section, nor under topics.
    let listing = site.read_output("leaflets/index.html");
    assert!(!listing_of(&listing).contains("/ur/leaflets/"));
}

#[test]
fn sitemap_lists_the_alternates_of_each_translated_page() {
    let site = TestSite::new("theme-languages");
    site.build_ok();
    let sitemap = site.read_output("sitemap.xml");
    assert!(sitemap.contains(r#"xmlns:xhtml="http://www.w3.org/1999/xhtml""#));
    let entry = sitemap
        .lines()
        .find(|l| {
            l.contains("<loc>https://languages.example.org/pl/leaflets/report-a-concern/</loc>")
        })
        .expect("the Polish page is in the sitemap");
    assert_eq!(entry.matches("<xhtml:link rel=\"alternate\"").count(), 4);
    assert!(entry.contains(
        r#"hreflang="ur" href="https://languages.example.org/ur/leaflets/report-a-concern/""#
    ));
    let plain = sitemap
        .lines()
        .find(|l| l.contains("/briefings/</loc>"))
        .expect("the section is in the sitemap");
    assert!(!plain.contains("xhtml:link"));
}

#[test]
fn theme_words_and_dates_follow_the_page_language() {
    let site = TestSite::new("theme-languages");
    site.build_ok();
    let cy = site.read_output("cy/leaflets/report-a-concern/index.html");
    assert!(cy.contains(r##"<a class="skip-link" href="#main">Neidio i&#x27;r prif gynnwys</a>"##));
    assert!(cy.contains("<dt>Cyhoeddwyd</dt>"));
    assert!(cy.contains(r#"<time datetime="2026-06-01">1 Mehefin 2026</time>"#));
    let pl = site.read_output("pl/leaflets/report-a-concern/index.html");
    assert!(pl.contains(r#"<time datetime="2026-06-02">2 czerwca 2026</time>"#));
    assert!(
        pl.contains(">Zgłoś obawy dotyczące dziecka</a>"),
        "report link in Polish"
    );
    // Words from site.yaml stay English, and say so.
    assert!(pl.contains(r#"<ul class="wrap" lang="en-GB">"#));
    let ur = site.read_output("ur/leaflets/report-a-concern/index.html");
    assert!(
        ur.contains(r#"<p class="callout-title">انتباہ</p>"#),
        "callout title in Urdu"
    );
    let en = site.read_output("leaflets/report-a-concern/index.html");
    assert!(en.contains(r#"<time datetime="2026-06-01">1 June 2026</time>"#));
    assert!(en.contains(r#"<p class="callout-title">Warning</p>"#));
    assert!(en.contains("<dt>Published</dt>"));
}

/// The site's own "report a concern" words, with their out-of-hours number,
/// stay on a translated page (marked as English) unless the site translates
/// them; the theme's stock words are used only where they say the same.
#[test]
fn a_translated_page_keeps_the_sites_own_report_a_concern_words() {
    let site = TestSite::new("theme-languages");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        yaml.replace(
            "  text: Report a concern about a child
",
            "  text: \"Worried about a child? Tell us\"
",
        )
        .replace(
            "  note: In an emergency, call 999.
",
            "  note: \"Out of hours, call the emergency duty team on 0800 123 4567.\"
",
        ),
    );
    site.write(
        "i18n/pl.yaml",
        "report_concern: \"Martwisz się o dziecko? Powiedz nam\"
",
    );
    let run = site.build_ok();
    let concern = |file: &str| {
        let html = site.read_output(file);
        let start = html.find(r#"<p class="concern">"#).expect("concern line");
        let end = html[start..].find("</p>").expect("</p>") + start;
        html[start..end].to_owned()
    };
    assert_eq!(
        concern("cy/leaflets/report-a-concern/index.html"),
        r#"<p class="concern"><a href="/cy/leaflets/report-a-concern/" lang="en-GB">Worried about a child? Tell us</a> <span lang="en-GB">Out of hours, call the emergency duty team on 0800 123 4567.</span>"#
    );
    // English words inside a right-to-left page keep their own direction.
    assert_eq!(
        concern("ur/leaflets/report-a-concern/index.html"),
        r#"<p class="concern"><a href="/ur/leaflets/report-a-concern/" lang="en-GB" dir="ltr">Worried about a child? Tell us</a> <span lang="en-GB" dir="ltr">Out of hours, call the emergency duty team on 0800 123 4567.</span>"#
    );
    // The site's own Polish words are used; its note, not translated, stays English.
    assert_eq!(
        concern("pl/leaflets/report-a-concern/index.html"),
        r#"<p class="concern"><a href="/pl/leaflets/report-a-concern/">Martwisz się o dziecko? Powiedz nam</a> <span lang="en-GB">Out of hours, call the emergency duty team on 0800 123 4567.</span>"#
    );
    assert_eq!(
        concern("leaflets/report-a-concern/index.html"),
        r#"<p class="concern"><a href="/leaflets/report-a-concern/">Worried about a child? Tell us</a> <span>Out of hours, call the emergency duty team on 0800 123 4567.</span>"#
    );
    let check = site.run(&["check"]);
    assert!(
        check.stderr.contains("warning[theme-strings]: site.yaml:16:1: Welsh pages show your 'report a concern' words in English, because there is no Welsh version of them"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("add this line to i18n/pl.yaml (make the file if the site has none), with the English words put into Polish:\n         report_concern_note: \"Out of hours, call the emergency duty team on 0800 123 4567.\""),
        "{}",
        check.stderr
    );
    assert_eq!(run.code, 0);
}

#[test]
fn each_language_has_its_own_feed() {
    let site = TestSite::new("theme-languages");
    site.build_ok();
    let ur = site.read_output("ur/atom.xml");
    assert!(ur.contains("<id>https://languages.example.org/ur/briefings/neglect/</id>"));
    assert!(!ur.contains("languages.example.org/leaflets/"));
    let all = site.read_output("atom.xml");
    assert!(!all.contains("/ur/") && !all.contains("/pl/"));
    let page = site.read_output("ur/briefings/neglect/index.html");
    assert!(page.contains(r#"href="/ur/atom.xml""#));
    // The feed's link is named in the page's own language.
    assert!(page.contains("(ایٹم فیڈ)"), "{page}");
    assert!(!page.contains("(Atom feed)"));
    let en = site.read_output("index.html");
    assert!(en.contains("(Atom feed)"));
}

#[test]
fn a_translated_section_lists_the_translations_in_its_language() {
    let site = TestSite::new("theme-languages");
    site.build_ok();
    let ur_page = site.read_output("ur/leaflets/index.html");
    let ur = listing_of(&ur_page);
    assert!(
        ur.contains(
            r#"<a href="/ur/leaflets/report-a-concern/">کسی بچے کے بارے میں تشویش کی اطلاع دیں</a>"#
        ),
        "{ur}"
    );
    // Only its own language: not the English page, nor the Welsh or Polish.
    for other in ["\"/leaflets/", "/cy/leaflets/", "/pl/leaflets/"] {
        assert!(!ur.contains(other), "{other} in {ur}");
    }
    // The page's dates in Urdu words, as on the page itself.
    assert!(ur.contains("1 جنوری 2026"), "{ur}");
    // A section with no translation in that language gets no page there.
    assert!(!site.path("public/pl/leaflets/index.html").exists());
    // The English listing still lists only English pages.
    let en_page = site.read_output("leaflets/index.html");
    let en = listing_of(&en_page);
    assert!(en.contains(r#"href="/leaflets/report-a-concern/""#));
    assert!(!en.contains("/ur/") && !en.contains("/pl/"), "{en}");
}

#[test]
fn a_translated_section_is_drawn_with_its_sections_own_template() {
    let site = TestSite::new("theme-languages");
    site.write(
        "templates/leaflets.html",
        "{% extends \"section.html\" %}{% block main %}<p class=\"own\">{{ page.title }}</p>{{ super() }}{% endblock %}",
    );
    let index = std::fs::read_to_string(site.path("content/leaflets/_index.md")).expect("index");
    site.write(
        "content/leaflets/_index.md",
        index.replacen("---\n", "---\ntemplate: leaflets.html\n", 1),
    );
    site.build_ok();
    let ur = site.read_output("ur/leaflets/index.html");
    assert!(
        ur.contains(r#"<p class="own">کتابچے</p>"#),
        "{}",
        main_of(&ur)
    );
    assert!(listing_of(&ur).contains("/ur/leaflets/report-a-concern/"));
}

#[test]
fn a_translated_home_page_lists_its_translated_sections_once() {
    let site = TestSite::new("theme-languages");
    site.write(
        "content/leaflets/_index.cy.md",
        "---\ntitle: Taflenni\ndescription: Taflenni byr i rieni.\n---\n",
    );
    let home = std::fs::read_to_string(site.path("content/_index.cy.md")).expect("home");
    site.write(
        "content/_index.cy.md",
        format!("{home}\nGwelwch ein [taflenni](leaflets/_index.cy.md).\n"),
    );
    site.build_ok();
    let main = main_of(&site.read_output("cy/index.html"));
    // Linked from its text, so not listed again under the sections.
    assert_eq!(main.matches(r#"href="/cy/leaflets/""#).count(), 1, "{main}");
    site.write("content/_index.cy.md", home);
    site.build_ok();
    let main = main_of(&site.read_output("cy/index.html"));
    assert!(
        main.contains(r#"<h3><a href="/cy/leaflets/">Taflenni</a></h3>"#),
        "{main}"
    );
}

#[test]
fn an_older_translation_is_flagged_in_check_and_on_the_page() {
    let site = TestSite::new("theme-languages");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[translation-outdated]: content/leaflets/report-a-concern.ur.md:5")
    );
    assert_eq!(
        run.stderr.matches("translation-outdated").count(),
        2,
        "{}",
        run.stderr
    );
    site.build_ok();
    let ur = site.read_output("ur/leaflets/report-a-concern/index.html");
    assert!(ur.contains(r#"<div class="callout callout-warning outdated" role="note">"#));
    assert!(ur.contains("1 جون 2026"));
    let pl = site.read_output("pl/leaflets/report-a-concern/index.html");
    assert!(!pl.contains("outdated"));
}

#[test]
fn easy_read_and_full_versions_link_both_ways() {
    let site = TestSite::new("theme-languages");
    site.build_ok();
    let full = site.read_output("leaflets/report-a-concern/index.html");
    assert!(full.contains(
        r#"<p class="easy-read-link"><a href="/easy-read/report-a-concern/">Easy Read version of this page</a></p>"#
    ));
    let easy = site.read_output("easy-read/report-a-concern/index.html");
    assert!(easy.contains(
        r#"<p class="easy-read-link"><a href="/leaflets/report-a-concern/">Full version of this page</a></p>"#
    ));
    assert!(easy.contains(r#"<div class="content easy-read">"#));
}

/// Easy Read keeps to one idea a sentence: a sentence of 16 words or more is
/// named on an Easy Read page (in its section, or marked itself), and not on
/// any other page, where the limit stays 25.
#[test]
fn an_easy_read_sentence_is_held_to_fifteen_words() {
    let site = TestSite::new("theme-languages");
    let text = "---\ntitle: Visits\ndescription: What happens on a visit.\ndate: 2026-01-01\n---\n\nA social worker from the council will come to your home to talk with you and your family.\n\nYou can ask them questions.\n";
    site.write("content/easy-read/visits.md", text);
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains(
            "warning[long-sentence]: content/easy-read/visits.md:7:1: this sentence has 18 words: \"A social worker from the council will come…\"; an Easy Read sentence has 15 at most"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("[long-sentence]").count(),
        1,
        "{}",
        run.stderr
    );
    // The same words on an ordinary page are a sentence of a usual length.
    std::fs::remove_file(site.path("content/easy-read/visits.md")).expect("remove");
    site.write("content/leaflets/visits.md", text);
    let run = site.run(&["check"]);
    assert!(!run.stderr.contains("[long-sentence]"), "{}", run.stderr);
    // A page that is Easy Read itself, outside such a section, is held to it too.
    site.write(
        "content/leaflets/visits.md",
        text.replace(
            "date: 2026-01-01\n",
            "date: 2026-01-01\npage_kind: easy_read\n",
        ),
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .contains("visits.md:8:1: this sentence has 18 words"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_translation_in_a_language_folder_is_an_error_with_a_hint() {
    let site = TestSite::new("theme-languages");
    site.write("content/ur/leaflet.md", "---\ntitle: x\n---\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("translations do not go in a language folder (`ur/`)")
    );
    assert!(run.stderr.contains("report-a-concern.ur.md"));
}

#[test]
fn a_translation_with_no_page_to_translate_is_warned_of_by_name() {
    let site = TestSite::new("theme-languages");
    site.write(
        "content/leaflets/kontakt.pl.md",
        "---\ntitle: Kontakt\ndescription: Jak się z nami skontaktować.\n---\nZadzwoń do nas.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "a warning, not an error:\n{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[translation]: content/leaflets/kontakt.pl.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "the `pl` translation of content/leaflets/kontakt.md, but there is no such page"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("keeping `.pl.md` at the end"),
        "{}",
        run.stderr
    );
    // Named after the page it translates, it is part of that page's group.
    site.write(
        "content/leaflets/kontakt.md",
        "---\ntitle: Contact us\ndescription: How to reach the team.\n---\nCall us.\n",
    );
    let run = site.run(&["check"]);
    assert!(
        !run.stderr.contains("warning[translation]"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_translation_named_after_a_section_is_told_its_right_name() {
    let site = TestSite::new("theme-languages");
    // `leaflets` is a section (`leaflets/_index.md`), not `leaflets.md`.
    site.write(
        "content/leaflets.pl.md",
        "---\ntitle: Ulotki\ndescription: Nasze ulotki.\n---\nUlotki dla rodzin.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "a warning, not an error:\n{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[translation]: content/leaflets.pl.md: this file is named as the `pl` translation of content/leaflets.md, but the page at that address is content/leaflets/_index.md"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: move this file to content/leaflets/_index.pl.md:"),
        "{}",
        run.stderr
    );
    // Where the warning says, it is the section's translation.
    std::fs::rename(
        site.path("content/leaflets.pl.md"),
        site.path("content/leaflets/_index.pl.md"),
    )
    .expect("move");
    let run = site.run(&["check"]);
    assert!(
        !run.stderr.contains("warning[translation]"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_translation_on_a_site_of_one_language_is_an_error_that_shows_the_lines_to_add() {
    let site = TestSite::new("basic");
    site.write(
        "content/news/report-a-concern.cy.md",
        "---\ntitle: Rhoi gwybod am bryder\ndescription: Sut i roi gwybod.\n---\nFfoniwch ni.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for words in [
        "error[translation]: content/news/report-a-concern.cy.md: the `.cy` in this file name marks a Welsh translation, but site.yaml lists no languages",
        "add these lines to site.yaml:",
        "- { code: cy, name: Cymraeg }",
        "rename the file without `.cy` (like `report-a-concern-cy.md`)",
    ] {
        assert!(run.stderr.contains(words), "{words}:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("1 error"), "{}", run.stderr);

    // Dots and numbers that are not a language stay names.
    std::fs::remove_file(site.path("content/news/report-a-concern.cy.md")).unwrap();
    for name in [
        "version.2",
        "covid-19",
        "plan.final",
        "notes.ok",
        "report.en",
    ] {
        site.write(
            &format!("content/news/{name}.md"),
            "---\ntitle: A page\ndescription: One line.\n---\nText.\n",
        );
    }
    let run = site.run(&["check"]);
    assert!(!run.stderr.contains("[translation]"), "{}", run.stderr);
}

#[test]
fn a_translation_into_an_unlisted_language_is_an_error() {
    let site = TestSite::new("theme-languages");
    site.write(
        "content/leaflets/report-a-concern.ro.md",
        "---\ntitle: x\n---\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("which is not in `languages:`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("add `- { code: ro, name: Română }` under `languages:`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_translation_named_with_a_region_is_an_error_that_gives_the_name_to_use() {
    let site = TestSite::new("theme-languages");
    site.write(
        "content/leaflets/report-a-concern.pl-PL.md",
        "---\ntitle: x\n---\n",
    );
    site.write("content/leaflets/other.ro-RO.md", "---\ntitle: y\n---\n");
    // The main language with its region is a page's own name, as before.
    site.write(
        "content/leaflets/note.en-GB.md",
        "---\ntitle: z\ndescription: d\n---\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[translation]: content/leaflets/report-a-concern.pl-PL.md: this file name says it is in `pl-PL`, but site.yaml lists the language as `pl`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("name the file `report-a-concern.pl.md`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/leaflets/other.ro-RO.md: this file name says it is in `ro-RO`, which is not in `languages:`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("note.en-GB.md"), "{}", run.stderr);
}

#[test]
fn a_three_letter_code_for_a_listed_language_asks_about_the_listed_one() {
    let site = TestSite::new("theme-languages");
    site.write(
        "content/leaflets/contact.md",
        "---\ntitle: Contact\n---\nText\n",
    );
    site.write(
        "content/leaflets/contact.cym.md",
        "---\ntitle: Cysylltu\n---\nTestun\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("help: did you mean `contact.cy.md`? `cy` is Welsh in your `languages:`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("code: cym"), "{}", run.stderr);
}

#[test]
fn an_easy_read_that_names_no_page_is_an_error_at_its_line() {
    let site = TestSite::new("theme-languages");
    let page = "---\ntitle: x\neasy_read: ../../../etc/passwd\n---\n";
    site.write("content/leaflets/other.md", page);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[easy-read]: content/leaflets/other.md:3:1"),
        "{}",
        run.stderr
    );
    // Nothing near: the help says what to write, and names no page.
    assert!(
        run.stderr
            .contains("help: write the Easy Read page's Markdown file"),
        "{}",
        run.stderr
    );
    // A slip of a letter, or the page's address: the file to write.
    for written in ["report-a-concren.md", "/leaflets/report-a-concern/"] {
        site.write(
            "content/leaflets/other.md",
            format!("---\ntitle: x\neasy_read: {written}\n---\n"),
        );
        let run = site.run(&["build"]);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr.contains("help: did you mean `easy_read: report-a-concern.md`? Write the Easy Read page's Markdown file, relative to this page"),
            "{written}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_missing_theme_string_is_a_warning_naming_language_and_key() {
    // A language the theme has no words for, given one line of its own by the site.
    let site = TestSite::new("theme-languages");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        yaml.replace(
            "  - { code: ur, name: اردو }\n",
            "  - { code: ur, name: اردو }\n  - { code: bn, name: বাংলা }\n",
        ),
    );
    site.write("i18n/bn.yaml", "skip_link: মূল বিষয়বস্তুতে যান\n");
    site.write(
        "content/leaflets/report-a-concern.bn.md",
        "---\ntitle: শিশুর বিষয়ে উদ্বেগ জানান\ndescription: কী করবেন।\ndate: 2026-06-01\nupdated: 2026-06-02\n---\n\n৯৯৯ নম্বরে ফোন করুন।\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no words for `published` in বাংলা (`bn`)"),
        "{}",
        run.stderr
    );
    site.build_ok();
    let bn = site.read_output("bn/leaflets/report-a-concern/index.html");
    assert!(bn.contains("মূল বিষয়বস্তুতে যান"));
    assert!(bn.contains("<dt>Published</dt>"), "English fallback");
    // A site's file for a language the theme has is read over the theme's, line by line.
    site.write("i18n/pl.yaml", "skip_link: Do treści\n");
    site.build_ok();
    let pl = site.read_output("pl/leaflets/report-a-concern/index.html");
    assert!(pl.contains(">Do treści</a>"));
    assert!(
        pl.contains("<dt>Opublikowano</dt>"),
        "the theme's Polish stays"
    );
}

#[test]
fn hostile_language_settings_are_errors_not_panics() {
    for languages in [
        "languages: []\n",
        "languages:\n  - { code: \"../x\", name: X }\n",
        "languages:\n  - { code: en-GB, name: \"\" }\n",
        "languages:\n  - { code: en-GB, name: English, direction: sideways }\n",
    ] {
        let site = TestSite::new("theme-languages");
        let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
        let start = yaml.find("languages:").expect("languages");
        let end = yaml.find("menu:").expect("menu");
        site.write(
            "site.yaml",
            format!("{}{languages}{}", &yaml[..start], &yaml[end..]),
        );
        let run = site.run(&["build"]);
        assert!(
            run.code == 1 || run.code == 2,
            "{languages}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("site.yaml"),
            "{languages}: {}",
            run.stderr
        );
    }
}

#[test]
fn hostile_theme_strings_are_escaped_or_reported() {
    let site = TestSite::new("theme-languages");
    site.write("i18n/cy.yaml", "skip_link: \"<script>alert(1)</script>\"\n");
    site.build_ok();
    let cy = site.read_output("cy/index.html");
    assert!(!cy.contains("<script>alert"));
    assert!(cy.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    site.write("i18n/cy.yaml", "skip_link: [not, words]\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("i18n/cy.yaml"), "{}", run.stderr);
    // A control character written as a YAML escape is refused at its line.
    site.write("i18n/cy.yaml", "search: Chwilio\ndecimal_mark: \"\\x07\"\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("i18n/cy.yaml:2"), "{}", run.stderr);
    assert!(run.stderr.contains("U+0007"), "{}", run.stderr);
}

#[test]
fn hostile_size_words_are_escaped() {
    let site = TestSite::new("theme-languages");
    site.write("content/leaflets/forms/map.csv", vec![b'1'; 1_258_291]);
    site.write(
        "content/leaflets/forms/index.pl.md",
        "---\ntitle: Formularze\ndate: 2026-06-01\nattachments:\n  - map.csv\n---\n\nPlik.\n",
    );
    site.write(
        "i18n/pl.yaml",
        "decimal_mark: \"<script>alert(1)</script>\"\nsize_mb: \"{count} <b>MB</b>\"\n",
    );
    site.build_ok();
    let pl = site.read_output("pl/leaflets/forms/index.html");
    assert!(!pl.contains("<script>alert"), "{}", main_of(&pl));
    assert!(!pl.contains("<b>MB"), "{}", main_of(&pl));
    assert!(
        pl.contains("CSV, 1&lt;script&gt;alert(1)&lt;/script&gt;2 &lt;b&gt;MB&lt;/b&gt;"),
        "{}",
        main_of(&pl)
    );
    // An empty decimal mark would run the digits together: the site's file is
    // told so at its line, and nothing is built.
    site.write(
        "i18n/pl.yaml",
        "size_mb: \"{count} MB\"\ndecimal_mark: \"\"\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[theme-strings]: i18n/pl.yaml:2: `decimal_mark` has no words"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_attachment_that_is_not_what_its_name_says_is_an_error_at_its_line() {
    let site = TestSite::new("theme-languages");
    site.write(
        "content/leaflets/forms/plan.pdf",
        "<!DOCTYPE html><html><title>Sign in</title></html>",
    );
    site.write("content/leaflets/forms/empty.docx", "");
    site.write("content/leaflets/forms/real.pdf", "%PDF-1.4\n%%EOF\n");
    site.write(
        "content/leaflets/forms/index.md",
        "---\ntitle: Forms\ndescription: Forms to fill in.\nattachments:\n  - plan.pdf\n  - empty.docx\n  - real.pdf\n---\n\nTwo forms.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[attachment-broken]: content/leaflets/forms/index.md:5: the attachment `plan.pdf` is not a PDF file: it holds a web page"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the attachment `empty.docx` is not a DOCX file: it is empty"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("`real.pdf`"), "{}", run.stderr);
}

#[test]
fn attachment_kinds_are_named_in_the_page_language() {
    let site = TestSite::new("theme-languages");
    // A Word file of today is a ZIP: it starts `PK`.
    let mut plan = b"PK\x03\x04".to_vec();
    plan.resize(1500, b'w');
    site.write("content/leaflets/forms/plan.docx", plan);
    site.write("content/leaflets/forms/notes.xyz", [b'x'; 2048]);
    // 1.2 MB, and a file under a kilobyte, whose unit is a word.
    site.write("content/leaflets/forms/map.csv", vec![b'1'; 1_258_291]);
    site.write("content/leaflets/forms/tiny.csv", [b'1'; 512]);
    let list = "attachments:\n  - plan.docx\n  - notes.xyz\n  - map.csv\n  - tiny.csv\n";
    site.write(
        "content/leaflets/forms/index.pl.md",
        format!("---\ntitle: Formularze\ndate: 2026-06-01\n{list}---\n\nDwa pliki do pobrania.\n"),
    );
    site.write(
        "content/leaflets/forms/index.cy.md",
        format!(
            "---\ntitle: Ffurflenni\ndate: 2026-06-01\n{list}---\n\nFfeiliau i'w lawrlwytho.\n"
        ),
    );
    site.write(
        "content/leaflets/forms/index.md",
        format!("---\ntitle: Forms\ndate: 2026-06-01\n{list}---\n\nFiles to download.\n"),
    );
    site.build_ok();
    let pl = site.read_output("pl/leaflets/forms/index.html");
    assert!(pl.contains("Dokument MS Word, 1 KB"), "{}", main_of(&pl));
    assert!(!pl.contains("MS Word Document"));
    // An extension with no name of its own is shown in capitals in every language.
    assert!(pl.contains("XYZ, 2 KB"), "{}", main_of(&pl));
    // Polish writes a decimal comma, and bytes as `B`.
    assert!(pl.contains("CSV, 1,2 MB"), "{}", main_of(&pl));
    assert!(pl.contains("CSV, 512 B<"), "{}", main_of(&pl));
    assert!(!pl.contains("bytes"), "{}", main_of(&pl));
    let cy = site.read_output("cy/leaflets/forms/index.html");
    assert!(cy.contains("CSV, 1.2 MB"), "{}", main_of(&cy));
    assert!(cy.contains("CSV, 512 beit<"), "{}", main_of(&cy));
    let en = site.read_output("leaflets/forms/index.html");
    assert!(en.contains("MS Word Document, 1 KB"), "{}", main_of(&en));
    assert!(en.contains("CSV, 1.2 MB"), "{}", main_of(&en));
    assert!(en.contains("CSV, 512 bytes<"), "{}", main_of(&en));
}

/// `language:` that differs from the first of `languages:` is an error; one
/// that is no language tag at all is told that alone, not both.
#[test]
fn a_main_language_unlike_the_first_listed_is_an_error_and_a_bad_tag_is_one() {
    let site = TestSite::new("theme-languages");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write("site.yaml", format!("{yaml}language: cy\n"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`language: cy` is not the first entry of `languages:` (en-GB)"),
        "{}",
        run.stderr
    );
    site.write("site.yaml", format!("{yaml}language: 1\n"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`language` must be a language tag, found \"1\""),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("first entry"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("error[config]").count(),
        1,
        "{}",
        run.stderr
    );
}
