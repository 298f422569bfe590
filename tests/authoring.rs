//! Issue 15 (authors' mistakes are caught, not published): YAML mistakes reported in
//! plain words where they start, `site.yaml` problems all at once, a minimal
//! `site.yaml` that builds, menu addresses checked, and `build` that sums warnings
//! up instead of flooding the terminal.

mod common;

use common::TestSite;

/// Words of the YAML reader that mean nothing to an author.
const JARGON: &[&str] = &[
    "scalar",
    "stream",
    "token",
    "mapping values",
    "did not find expected",
    "flow sequence",
    "block mapping",
];

/// The first line of the first diagnostic.
fn first_line(stderr: &str) -> &str {
    stderr.lines().next().unwrap_or("")
}

/// The output from the first `help:` after `place` on: the help of the
/// finding at `place`.
fn help_after<'s>(stderr: &'s str, place: &str) -> &'s str {
    let at = stderr
        .find(place)
        .unwrap_or_else(|| panic!("{place}:\n{stderr}"));
    stderr[at..].find("help:").map_or("", |h| &stderr[at + h..])
}

#[test]
fn yaml_mistakes_are_reported_in_plain_words_where_they_start() {
    // (name, file, text, the line the mistake starts on)
    let cases: &[(&str, &str, &str, usize)] = &[
        (
            "unclosed_quote",
            "content/news/quote.md",
            "---\ntitle: \"Think Family\ndescription: One line.\ntopics: [neglect]\n\n\n---\nText\n",
            2,
        ),
        (
            "missing_bracket",
            "site.yaml",
            "title: Fixture Partnership\nbase_url: https://fixture.example.org/\nmenu: [{ name: News, url: /news/ }\nhome: { latest_from: [news], latest_count: 2 }\n",
            3,
        ),
        (
            "missing_brace",
            "site.yaml",
            "title: Fixture Partnership\nbase_url: https://fixture.example.org/\nreport_concern: { text: Report a concern, url: /news/\nhome: { latest_from: [news], latest_count: 2 }\n",
            3,
        ),
        (
            "bad_indentation",
            "site.yaml",
            "title: Fixture Partnership\nbase_url: https://fixture.example.org/\nhome:\n  latest_from: [news]\n   latest_count: 2\n",
            5,
        ),
        (
            "colon_in_a_value",
            "content/news/colon.md",
            "---\ntitle: Neglect: a guide\ndescription: One line.\n---\nText\n",
            2,
        ),
        (
            "tab_indentation",
            "site.yaml",
            "title: Fixture Partnership\nbase_url: https://fixture.example.org/\nhome:\n\tlatest_count: 2\n",
            4,
        ),
    ];
    for (name, file, text, line) in cases {
        let site = TestSite::new("basic");
        site.write(file, text);
        let run = site.run(&["check"]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        let first = first_line(&run.stderr);
        let place = format!("{file}:{line}:");
        assert!(
            first.contains(&place),
            "{name}: expected {place} in {first}"
        );
        for word in JARGON {
            assert!(!first.contains(word), "{name}: jargon `{word}` in {first}");
        }
        assert!(run.stderr.contains("help: "), "{name}: {}", run.stderr);
        insta::assert_snapshot!(format!("yaml_{name}"), run.stderr);
    }
}

#[test]
fn every_site_yaml_problem_is_reported_at_once_with_its_shape() {
    let site = TestSite::new("basic");
    site.write(
        "site.yaml",
        "titel: Fixture Partnership\nmenu: /news/\ncontact: { name: Unit }\nreading_grade: hard\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("5 errors"), "{}", run.stderr);
    for expected in [
        "site.yaml:1:1: unknown setting `titel`",
        "did you mean `title`?",
        "site.yaml:2:1: `menu` is not written as plainsite expects",
        "menu: [{ name: About us, url: /about/ }",
        "site.yaml:3:1: `contact` is not written as plainsite expects: `email` is missing",
        "site.yaml:4:1: `reading_grade`",
        "`base_url` is missing",
        "add a line `base_url: https://www.example.org/`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_minimal_site_yaml_builds_and_check_recommends_the_rest() {
    let site = TestSite::new("basic");
    site.write(
        "site.yaml",
        "title: Fixture Partnership\nbase_url: https://fixture.example.org/\nlanguage: en-GB\n",
    );
    let build = site.build_ok();
    let home = site.read_output("index.html");
    assert!(!home.contains("href=\"\""), "an empty link:\n{home}");
    let missing = site.read_output("404.html");
    assert!(
        !missing.contains("href=\"\"") && !missing.contains("mailto:"),
        "{missing}"
    );
    assert!(!home.contains("class=\"concern\""), "{home}");
    assert!(!home.contains("mailto:"), "{home}");
    assert!(
        build.stderr.contains("0 errors, 2 warnings"),
        "{}",
        build.stderr
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("warning[report-concern]: site.yaml:1:1: site.yaml has no `report_concern`"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("warning[contact]: site.yaml:1:1"),
        "{}",
        check.stderr
    );
    assert_eq!(site.run(&["check", "--strict"]).code, 1);
}

#[test]
fn a_misspelt_menu_address_is_an_error_with_the_near_miss() {
    let site = TestSite::new("basic");
    site.write(
        "site.yaml",
        "title: Fixture Partnership\nbase_url: https://fixture.example.org/\nmenu:\n  - { name: News, url: /nwes/ }\nfooter_menu:\n  - { name: Topics, url: /topics/ }\nhome: { latest_from: [nwes] }\nnews_sections: [news, nwes]\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[broken-link]: site.yaml:4:24: the `menu` address `/nwes/` is not a page on this site"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: did you mean `/news/`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("site.yaml:7:23: `home.latest_from` names `nwes`, which is not a section"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("site.yaml:8:23: `news_sections` names `nwes`, which is not a section at the top of the site"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 errors"),
        "/topics/ is made by the build, and `news` is a section:\n{}",
        run.stderr
    );
}

/// A menu that names a page by its file gets the page's address to write.
#[test]
fn a_menu_address_written_as_a_file_is_given_the_page_address() {
    let site = TestSite::new("basic");
    site.write(
        "site.yaml",
        "title: Fixture Partnership\nbase_url: https://fixture.example.org/\nmenu:\n  - { name: News, url: /content/news/_index.md }\n  - { name: Home, url: _index.md }\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for said in [
        "the `menu` address `/content/news/_index.md` is not a page on this site",
        "help: write the page's address, not its file: `/news/`",
        "the `menu` address `_index.md` does not start with a slash",
        "help: write addresses in site.yaml from the site's root, like `/`\n",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
}

#[test]
fn hostile_menu_addresses_are_reported_not_followed() {
    let site = TestSite::new("basic");
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://fixture.example.org/\nmenu:\n  - { name: A, url: \"\" }\n  - { name: B, url: /../../etc/passwd }\n  - { name: C, url: \"/\\u202e\" }\n  - { name: D, url: news/ }\n  - { name: E, url: \"/news/#top\" }\n  - { name: F, url: \"/?q=1\" }\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stderr.contains("3 errors"), "{}", run.stderr);
    assert!(
        run.stderr.contains("does not start with a slash"),
        "{}",
        run.stderr
    );
    // A control character is refused while site.yaml is read (issue 14), before
    // addresses are link-checked.
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://fixture.example.org/\nmenu:\n  - { name: C, url: \"/\\u0000\\u202e\" }\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("holds a control character"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_base_url_with_a_character_no_address_has_is_refused_at_its_line() {
    let site = TestSite::new("basic");
    for (value, found) in [
        (
            "https://fixture.example.org/our site/",
            "site.yaml:2:42: `base_url` has a space,",
        ),
        (
            "\"https://fixture.example.org/\\a\"",
            "site.yaml:2:11: `base_url` has the invisible character U+0007,",
        ),
        (
            "\"https://fixture.example.org/<b>\"",
            "site.yaml:2:40: `base_url` has `<`,",
        ),
    ] {
        site.write("site.yaml", format!("title: T\nbase_url: {value}\n"));
        let run = site.run(&["build"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains(found), "{}", run.stderr);
        assert!(
            run.stderr.contains(
                "help: Write the address your site will have, like `https://www.example-lscp.org.uk/`."
            ),
            "{}",
            run.stderr
        );
        assert!(!site.path("public").exists());
    }
    for value in [
        "http://localhost:1111/",
        "https://xn--bcher-kva.example/a_b-c/%7Eteam/",
    ] {
        site.write("site.yaml", format!("title: T\nbase_url: {value}\n"));
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{value}: {}", run.stderr);
    }
}

#[test]
fn hostile_words_and_pasted_text_are_findings_not_failures() {
    let site = TestSite::new("basic");
    site.write(
        "site.yaml",
        format!(
            "title: T\nbase_url: https://fixture.example.org/\nnot_abbreviations: [\"\", \"\\u0000\", \"../..\", {}]\n",
            vec!["AB"; 5000].join(", ")
        ),
    );
    site.write(
        "content/news/pasted.md",
        format!(
            "---\ntitle: Pasted\ndescription: d\n---\n{}\n\n• \u{ad}\u{a0}\u{a0}\u{200f}\n\n|\n| | |\n\n\\\\\\ \\\n\n**{}**\n\n[]()\n",
            "<p class=MsoNormal style=\"x\">".repeat(200),
            "word ".repeat(5000)
        ),
    );
    let run = site.run(&["check", "--format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let rules: Vec<&str> = doc["diagnostics"]
        .as_array()
        .map(|l| l.iter().filter_map(|d| d["rule"].as_str()).collect())
        .unwrap_or_default();
    for rule in ["word-paste", "empty-link-text", "long-sentence"] {
        assert!(rules.contains(&rule), "{rule}: {rules:?}");
    }
    // A direction override is refused outright (see `hostile_input.rs`).
    let text = std::fs::read_to_string(site.path("content/news/pasted.md")).expect("page");
    site.write(
        "content/news/pasted.md",
        text.replace('\u{200f}', "\u{202e}"),
    );
    let run = site.run(&["check", "--format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stdout.contains("\"rule\": \"file\""), "{}", run.stdout);
}

#[test]
fn build_of_a_thousand_pages_sums_its_warnings_up_in_under_40_lines() {
    let site = TestSite::new("basic");
    for i in 0..1000 {
        site.write(
            &format!("content/news/page-{i:04}.md"),
            format!(
                "---\ntitle: Page {i}\n---\nThe XQZ{} met today.\n\n**Notes**\n\nThis sentence is written to be far too long, so that every page in this site has a warning about it for the test to count and sum up.\n",
                i % 50
            ),
        );
    }
    let build = site.build_ok();
    let lines = build.stderr.lines().count() + build.stdout.lines().count();
    assert!(
        lines < 40,
        "{lines} lines:\n{}{}",
        build.stderr,
        build.stdout
    );
    assert!(
        build.stderr.contains("0 errors, 4000 warnings"),
        "{}",
        build.stderr
    );
    assert!(build.stderr.contains("run `plainsite check` for details"));
    let check = site.run(&["check"]);
    assert_eq!(check.stderr.matches("warning[long-sentence]").count(), 1000);
}

#[test]
fn text_pasted_from_word_publishes_its_words_and_says_what_to_fix() {
    let site = TestSite::new("basic");
    site.write(
        "content/news/pasted-from-word.md",
        "---\ntitle: W\ndescription: W.\n---\n\n· one\n· two\n\n\tTabbed line.\n\nName\tRole\nJo\tChair\n\nzero\u{200b}width\n\n<span style=\"mso-x\">Hi</span><o:p></o:p>\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let found: Vec<(u64, String)> = doc["diagnostics"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter(|d| {
                    d["file"]
                        .as_str()
                        .is_some_and(|f| f.ends_with("pasted-from-word.md"))
                })
                .map(|d| {
                    (
                        d["line"].as_u64().unwrap_or(0),
                        format!("{}: {}", d["rule"], d["message"]),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let lines: Vec<u64> = found.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, vec![6, 9, 11, 16], "{found:#?}");
    assert!(
        found.iter().all(|(_, m)| m.contains("word-paste")),
        "{found:#?}"
    );
    assert!(
        found[1]
            .1
            .contains("starts with a tab, so it shows as code"),
        "{found:#?}"
    );
    assert!(
        found[2].1.contains("a table pasted with tabs"),
        "{found:#?}"
    );
    assert!(
        found[3].1.contains("removed it and kept the words"),
        "{found:#?}"
    );

    site.build_ok();
    let html = common::main_of(&site.read_output("news/pasted-from-word/index.html"));
    assert!(html.contains("<p>Hi</p>"), "{html}");
    assert!(html.contains("<p>zerowidth</p>"), "{html}");
    assert!(!html.contains("&lt;"), "{html}");
    assert!(!html.contains('\u{200b}'), "{html}");
}

#[test]
fn a_file_named_with_other_capital_letters_gets_the_name_to_write() {
    let site = TestSite::new("basic");
    site.write(
        "content/guides/leaflet/index.md",
        "---\ntitle: Leaflet guide\ndescription: A page bundle with a file beside it.\nattachments:\n  - /files/Leaflet.txt\n  - Checklist.txt\n---\n\
         Download the [checklist](CHECKLIST.txt) or [the leaflet](/files/Leaflet.txt).\n\n\
         ![Our logo](/images/Logo.PNG)\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (place, help) in [
        (
            "content/guides/leaflet/index.md:5:",
            "help: did you mean `leaflet.txt`? (capital letters matter on the web server) Write `/files/leaflet.txt`",
        ),
        (
            "content/guides/leaflet/index.md:6:",
            "help: did you mean `checklist.txt`? (capital letters matter on the web server) Write `checklist.txt`",
        ),
        (
            "content/guides/leaflet/index.md:8:14:",
            "help: did you mean `checklist.txt`? (capital letters matter on the web server) Write `checklist.txt`",
        ),
        (
            "content/guides/leaflet/index.md:8:44:",
            "help: did you mean `leaflet.txt`? (capital letters matter on the web server) Write `/files/leaflet.txt`",
        ),
    ] {
        assert!(
            help_after(&run.stderr, place).starts_with(help),
            "{place} {help}:\n{}",
            run.stderr
        );
    }
    // An image that is nowhere at all keeps the help about the static folder.
    assert!(
        run.stderr
            .contains("put the image at static/images/Logo.PNG"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("5 errors"), "{}", run.stderr);

    // Written as the files are named, the page is fine.
    site.write(
        "content/guides/leaflet/index.md",
        "---\ntitle: Leaflet guide\ndescription: A page bundle with a file beside it.\nattachments:\n  - /files/leaflet.txt\n  - checklist.txt\n---\n\
         Download the [checklist](checklist.txt) or [the leaflet](/files/leaflet.txt).\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn empty_description_missing_template_and_missing_title_are_told_at_their_lines() {
    let site = TestSite::new("basic");
    site.write(
        "content/news/empty.md",
        "---\ntitle: Empty description\ndescription: \"\"\ntemplate: pgae.html\n---\nText.\n",
    );
    site.write(
        "content/news/Neglect Strategy FINAL v2 (1).md",
        "---\ndescription: No title.\n---\nText.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (first, help) in [
        (
            "warning[missing-description]: content/news/empty.md:3:1: this page's description is empty",
            "help: write one plain sentence about the page after `description:`",
        ),
        (
            "error[template]: content/news/empty.md:4:1: the template `pgae.html` does not exist",
            "help: did you mean `template: page.html`? Or create templates/pgae.html",
        ),
        (
            "error[front-matter]: content/news/Neglect Strategy FINAL v2 (1).md:2:1: `title` is missing",
            "help: add a line with the page's title, as readers will see it, like `title: Neglect Strategy`",
        ),
    ] {
        assert!(
            help_after(&run.stderr, first).starts_with(help),
            "{first} {help}:\n{}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains("template not found"), "{}", run.stderr);
}

#[test]
fn a_template_that_is_not_a_name_is_told_the_names_that_exist() {
    let site = TestSite::new("basic");
    site.write(
        "content/news/up.md",
        "---\ntitle: Up a folder\ndescription: A template outside the theme.\ntemplate: ../x\n---\nText.\n",
    );
    site.write(
        "content/news/bare.md",
        "---\ntitle: No ending\ndescription: A template without .html.\ntemplate: briefing\n---\nText.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let up = help_after(
        &run.stderr,
        "error[template]: content/news/up.md:4:1: the template `../x` does not exist",
    )
    .lines()
    .next()
    .unwrap_or("");
    assert!(
        up.starts_with("help: write one of these templates' names, like `template: page.html`:")
            && up.contains("briefing.html")
            && !up.contains("base.html")
            && !up.contains("templates/../x"),
        "{}",
        run.stderr
    );
    let bare = help_after(
        &run.stderr,
        "error[template]: content/news/bare.md:4:1: the template `briefing` does not exist",
    );
    assert!(
        bare.starts_with("help: did you mean `template: briefing.html`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_comment_with_no_end_is_told_at_its_line_and_is_an_error_when_it_hides_text() {
    let site = TestSite::new("basic");
    site.write(
        "content/news/note.md",
        "---\ntitle: A note left open\ndescription: A page with a note that never ends.\n---\n\nThe training is on Monday.\n\n<!-- check the room with Sam\n\nBook your place by Friday.\n",
    );
    let run = site.run(&["check"]);
    let place = "warning[raw-html]: content/news/note.md:8:1: this comment has no end (`-->`), so it and everything after it is shown to readers as text";
    assert!(
        help_after(&run.stderr, place).starts_with("help: add `-->` where the note ends"),
        "{}",
        run.stderr
    );
    let settings = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write("site.yaml", format!("{settings}\nallow_html: true\n"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[raw-html]: content/news/note.md:8:1: this comment has no end (`-->`), so everything after line 8 is hidden from readers"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_one_line_quick_exit_and_a_logo_in_other_capitals_are_told_what_to_write() {
    let site = TestSite::new("basic");
    let settings = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        format!("{settings}quick_exit: https://www.bbc.co.uk/weather\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("site.yaml:8:1: `quick_exit` is not written as plainsite expects")
            && run.stderr.contains("help: write it like `quick_exit: { url: https://www.bbc.co.uk/weather }` (the address goes after `url:`), or on two lines"),
        "{}",
        run.stderr
    );
    site.write("static/images/logo.png", b"\x89PNG\r\n\x1a\n");
    site.write(
        "site.yaml",
        format!("{settings}quick_exit:\n  url: https://www.bbc.co.uk/weather\nbrand: {{ logo: /images/Logo.PNG }}\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("help: did you mean `logo.png`? (capital letters matter on the web server) Write `/images/logo.png`"),
        "{}",
        run.stderr
    );
    // A logo that is nowhere keeps the help about the static folder.
    site.write(
        "site.yaml",
        format!("{settings}brand: {{ logo: /images/crest.png }}\n"),
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("help: put the file in static/"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_link_written_as_an_email_web_address_or_page_name_gets_the_link_to_write() {
    let site = TestSite::new("basic");
    site.write(
        "content/guides/leaflet/index.md",
        "---\ntitle: Leaflet guide\ndescription: A page bundle with a file beside it.\n---\n\
         [Email us](comms@example.org), see [the NSPCC](nspcc.org.uk) and [the first item](item-1).\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for help in [
        "help: an email address needs `mailto:` in front: write `mailto:comms@example.org`",
        "help: a web address on another site needs its start: write `https://nspcc.org.uk`",
        "help: link to a page by its Markdown file: did you mean `../../news/01-item.md`",
    ] {
        assert!(run.stderr.contains(help), "{help}:\n{}", run.stderr);
    }
}

#[test]
fn a_mistake_in_a_sections_front_matter_is_reported_once_not_again_in_site_yaml() {
    let site = TestSite::new("basic");
    site.write(
        "content/news/_index.md",
        "---\ntitle: News\ndescription: Short news items, newest first.\nsort_by: dates\n---\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[front-matter]: content/news/_index.md:4:10: `dates` is not one of the values `sort_by` takes: date, weight, title"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: did you mean `date`? Write `sort_by: date`"),
        "{}",
        run.stderr
    );
    // Not the menu's `/news/`, the report-a-concern link or `home.latest_from`.
    assert!(!run.stderr.contains("site.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("1 error"), "{}", run.stderr);
}

#[test]
fn the_sections_listed_for_a_wrong_latest_from_name_real_folders() {
    let site = TestSite::new("basic");
    site.write(
        "site.yaml",
        "title: Fixture Partnership\nbase_url: https://fixture.example.org/\nhome: { latest_from: [events] }\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("help: name a folder in content/ that has an _index.md: guides, news\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_topic_written_three_ways_is_one_link_and_a_warning() {
    let site = TestSite::new("basic");
    site.write(
        "content/guides/leaflet/index.md",
        "---\ntitle: Leaflet guide\ndescription: A page bundle with a file beside it.\ntopics: [Training, training, \" Training \"]\n---\nText.\n",
    );
    let run = site.build_ok();
    assert!(
        run.stderr.contains("0 errors, 2 warnings")
            && run.stderr.contains("2  warning repeated-term"),
        "{}",
        run.stderr
    );
    let page = site.read_output("guides/leaflet/index.html");
    assert_eq!(
        page.matches("href=\"/topics/training/\"").count(),
        1,
        "{page}"
    );
    let check = site.run(&["check"]);
    assert!(
        check.stderr.contains(
            "content/guides/leaflet/index.md:4:1: \" Training \" is the topic \"Training\" again, so the page lists it once"
        ),
        "{}",
        check.stderr
    );
}
