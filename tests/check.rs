//! `plainsite check`: the fixture `check-rules` has one page per content rule, each
//! with exactly one mistake, and a clean page; each finding must be reported once, at
//! its file, line and column, in text and in JSON, and nothing may be written.

mod common;

use std::collections::BTreeSet;

use common::TestSite;

/// (rule, file, line, col) of the one finding on each rule's page.
const EXPECTED: &[(&str, &str, usize, usize)] = &[
    ("abbreviation", "content/abbreviation.md", 5, 26),
    ("attachment-html", "content/attachment-html/index.md", 4, 1),
    (
        "attachment-title",
        "content/attachment-title/index.md",
        5,
        1,
    ),
    ("bare-url-link", "content/bare-url-link.md", 5, 21),
    ("briefing-parts", "content/briefings/six-parts.md", 2, 1),
    ("briefing-length", "content/briefings/too-long.md", 2, 1),
    ("event-times", "content/events/ends-before-start.md", 5, 1),
    ("event-booking", "content/events/no-booking.md", 4, 1),
    ("event-place", "content/events/no-place.md", 4, 1),
    ("event-start", "content/events/no-start.md", 2, 1),
    ("broken-anchor", "content/broken-anchor.md", 5, 6),
    ("broken-link", "content/broken-link.md", 5, 6),
    ("heading-h1", "content/heading-h1.md", 5, 1),
    ("heading-empty", "content/heading-empty.md", 7, 1),
    ("heading-space", "content/heading-space.md", 5, 1),
    ("attribute-list", "content/attribute-list.md", 5, 16),
    ("not-a-link", "content/not-a-link.md", 5, 10),
    ("not-bold", "content/not-bold.md", 5, 15),
    ("staff-link", "content/staff-link.md", 5, 6),
    ("wrapped-link", "content/wrapped-link.md", 5, 5),
    ("footnote", "content/footnote.md", 5, 26),
    ("template-code", "content/template-code.md", 5, 1),
    ("lang-marker", "content/lang-marker.md", 5, 37),
    ("capitals", "content/capitals.md", 5, 1),
    ("heading-skip", "content/heading-skip.md", 7, 1),
    ("image-alt-filename", "content/image-alt-filename.md", 7, 1),
    ("image-alt", "content/image-alt.md", 7, 1),
    (
        "missing-description",
        "content/missing-description.md",
        2,
        1,
    ),
    ("duplicate-title", "content/duplicate-title.md", 2, 1),
    ("title-length", "content/title-length.md", 2, 1),
    ("title-markup", "content/title-markup.md", 2, 1),
    ("reading-grade", "content/reading-grade.md", 7, 274),
    ("repeated-term", "content/repeated-term.md", 4, 1),
    ("raw-html", "content/raw-html.md", 5, 1),
    ("word-paste", "content/word-paste.md", 7, 1),
    ("pipe-table", "content/pipe-table.md", 7, 1),
    ("markdown-surprise", "content/markdown-surprise.md", 7, 1),
    ("long-sentence", "content/long-sentence.md", 7, 1),
    ("easy-read-picture", "content/easy-read-picture.md", 7, 1),
    ("image-size", "content/image-size/index.md", 7, 1),
    ("image-broken", "content/image-broken/index.md", 7, 1),
    ("image-format", "content/image-format/index.md", 7, 1),
    ("empty-link-text", "content/empty-link-text.md", 6, 1),
    ("bold-paragraph", "content/bold-paragraph.md", 9, 1),
    ("review-due", "content/review-due.md", 4, 1),
    ("table-caption", "content/table-caption.md", 7, 1),
    ("table-header", "content/table-header.md", 7, 1),
    ("table-cells", "content/table-cells.md", 9, 1),
    ("thousands-mark", "content/thousands-mark.md", 9, 18),
    (
        "updated-unexplained",
        "content/updated-unexplained.md",
        4,
        1,
    ),
    ("date-order", "content/date-order.md", 5, 1),
    ("vague-link-text", "content/vague-link-text.md", 5, 21),
];

/// Pages whose finding is an error.
const ERROR_PAGES: &[&str] = &[
    "content/image-alt.md",
    "content/broken-link.md",
    "content/broken-anchor.md",
    "content/briefings/six-parts.md",
    "content/empty-link-text.md",
    "content/events/no-start.md",
    "content/events/ends-before-start.md",
    "content/image-broken",
    "content/image-format",
    "content/heading-empty.md",
    "content/heading-space.md",
    "content/not-a-link.md",
    "content/not-bold.md",
    "content/wrapped-link.md",
    "content/template-code.md",
    "content/lang-marker.md",
    "content/heading-h1.md",
    "content/table-cells.md",
    "content/footnote.md",
];

fn remove(site: &TestSite, rel: &str) {
    let path = site.path(rel);
    if path.is_dir() {
        std::fs::remove_dir_all(path).expect("remove folder");
    } else {
        std::fs::remove_file(path).expect("remove file");
    }
}

/// Rules that cannot have a page in the fixture, and the test that has their
/// finding instead: `script-html` needs `allow_html: true`, which would turn
/// `raw-html` off for the whole fixture.
const TESTED_ELSEWHERE: &[(&str, &str)] = &[(
    "script-html",
    "tests/boundary_edges.rs raw_html_that_would_run_a_script_is_an_error_and_shown_as_text",
)];

#[test]
fn every_rule_has_one_fixture_page() {
    let documented: BTreeSet<&str> = plainsite::check::RULES.iter().map(|r| r.id).collect();
    let mut tested: BTreeSet<&str> = EXPECTED.iter().map(|e| e.0).collect();
    for (rule, test) in TESTED_ELSEWHERE {
        assert!(
            tested.insert(rule),
            "{rule} has a fixture page: drop it from TESTED_ELSEWHERE"
        );
        let (file, name) = test.split_once(' ').unwrap_or_default();
        let source =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
                .unwrap_or_default();
        assert!(
            source.contains(&format!("fn {name}()")),
            "{rule}: no test {test}"
        );
    }
    assert_eq!(documented, tested);
}

#[test]
fn the_guide_explains_every_rule_in_order() {
    let guide = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/guide/checking.md"),
    )
    .expect("the guide");
    let listed: Vec<&str> = guide
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .filter(|id| plainsite::check::RULES.iter().any(|r| r.id == *id))
        .collect();
    let rules: Vec<&str> = plainsite::check::RULES.iter().map(|r| r.id).collect();
    assert_eq!(listed, rules);
}

#[test]
fn help_texts_match_the_guide() {
    let read = |page: &str| {
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("content/guide")
                .join(page),
        )
        .expect("a guide page")
    };
    let briefings = read("briefings.md");
    let run = TestSite::new("check-rules").run(&["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let help_of = |rule: &str| -> String {
        doc["diagnostics"]
            .as_array()
            .and_then(|l| l.iter().find(|d| d["rule"] == rule))
            .and_then(|d| d["help"].as_str())
            .unwrap_or("")
            .to_owned()
    };
    let parts = help_of("briefing-parts");
    let listed = parts.rsplit(": ").next().unwrap_or("");
    for (n, heading) in listed.split(", ").enumerate() {
        assert!(
            briefings.contains(&format!("{}. {heading}\n", n + 1)),
            "`{heading}` is not part {} in the guide",
            n + 1
        );
    }
    let images = read("images.md");
    assert!(images.contains("put it in the `static`\nfolder. Then start its address with a slash"));
    let site = TestSite::new("check-rules");
    site.write("content/clean.md", "---\ntitle: Clean\ndescription: A page.\n---\n![A chart of referrals](/images/missing.png)\n");
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .contains("there is no image at static/images/missing.png")
            && run.stderr.contains("put it beside the page")
            && !run.stderr.contains("link to the page's Markdown file"),
        "{}",
        run.stderr
    );
}

#[test]
fn reports_each_rule_once_at_its_place() {
    let site = TestSite::new("check-rules");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (rule, file, line, col) in EXPECTED {
        let header = format!("[{rule}]: ");
        assert_eq!(
            run.stderr.matches(&header).count(),
            1,
            "{rule}:\n{}",
            run.stderr
        );
        let place = format!("┌─ {file}:{line}:{col}\n");
        assert!(run.stderr.contains(&place), "{place}\n{}", run.stderr);
    }
    assert!(
        run.stderr
            .contains("19 errors, 33 warnings (abbreviation 1, "),
        "{}",
        run.stderr
    );
    assert!(!site.path("public").exists(), "check must write nothing");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn json_has_the_same_findings() {
    let site = TestSite::new("check-rules");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let found: Vec<(String, String, u64, u64)> = doc["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or("").to_owned(),
                d["file"].as_str().unwrap_or("").to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["col"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let mut expected: Vec<(String, String, u64, u64)> = EXPECTED
        .iter()
        .map(|(r, f, l, c)| ((*r).to_owned(), (*f).to_owned(), *l as u64, *c as u64))
        .collect();
    expected.sort_by(|a, b| (&a.1, a.2).cmp(&(&b.1, b.2)));
    assert_eq!(found, expected, "sorted by file and line");
    assert_eq!(doc["summary"]["errors"], 19);
    assert_eq!(doc["summary"]["warnings"], 33);
    assert_eq!(doc["summary"]["by_rule"]["image-alt"], 1);
    let first = &doc["diagnostics"][0];
    assert_eq!(first["severity"], "warning");
    assert!(
        first["message"]
            .as_str()
            .is_some_and(|m| m.contains("LSCP"))
    );
    assert!(first["help"].is_string());
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn warnings_pass_unless_strict_and_build_reports_them_too() {
    let site = TestSite::new("check-rules");
    for page in ERROR_PAGES {
        remove(&site, page);
    }
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("0 errors, 33 warnings"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.starts_with("Checked ") && run.stdout.contains("median reading grade"),
        "{}",
        run.stdout
    );
    assert_eq!(site.run(&["check", "--strict"]).code, 1);
    let build = site.build_ok();
    assert!(
        build.stderr.contains("0 errors, 33 warnings")
            && build.stderr.contains("run `plainsite check` for details")
            && !build.stderr.contains("help:"),
        "build sums warnings up:\n{}",
        build.stderr
    );
    let verbose = site.run(&["build", "--verbose"]);
    assert_eq!(
        verbose.stderr.matches("help:").count(),
        33,
        "{}",
        verbose.stderr
    );
    let quiet = site.run(&["build", "--quiet"]);
    assert_eq!(
        (quiet.code, quiet.stderr.as_str(), quiet.stdout.as_str()),
        (0, "", "")
    );
}

#[test]
fn clean_page_triggers_nothing() {
    let site = TestSite::new("check-rules");
    for (_, file, _, _) in EXPECTED {
        let rel = if file.ends_with("/index.md")
            || file.contains("briefings/")
            || file.contains("events/")
        {
            file.rsplit_once('/').map_or(*file, |(dir, _)| dir)
        } else {
            file
        };
        if site.path(rel).exists() {
            remove(&site, rel);
        }
    }
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout, "Checked 2 pages: 0 errors, 0 warnings");
}

#[test]
fn glossary_page_lists_every_entry_and_is_in_the_sitemap() {
    let site = TestSite::new("check-rules");
    for page in ERROR_PAGES {
        remove(&site, page);
    }
    site.build_ok();
    let glossary = site.read_output("glossary/index.html");
    assert!(glossary.contains("<h1>Glossary</h1>"), "{glossary}");
    assert!(
        glossary.contains("<dt id=\"nhs\">NHS</dt>\n  <dd>National Health Service</dd>"),
        "{glossary}"
    );
    assert!(site.read_output("sitemap.xml").contains("/glossary/</loc>"));
    let clean = site.read_output("clean/index.html");
    assert!(clean.contains("<abbr title=\"National Health Service\">NHS</abbr>"));
    assert!(clean.contains("<abbr title=\"Integrated care board\">ICB</abbr>"));
}

#[test]
fn a_site_without_settings_is_a_usage_error() {
    let site = TestSite::new("check-rules");
    remove(&site, "site.yaml");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("there is no site.yaml"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_chart_figure_with_a_full_stop_for_thousands_is_warned_at_its_line() {
    let site = TestSite::new("basic");
    site.write(
        "content/figures.md",
        "---\ntitle: Figures\ndescription: Figures of the year.\n---\nText.\n\n```{chart} title=\"Contacts\"\nYear | Contacts\n2018 to 2019 | 9.760\n2019 to 2020 | 10,178\n```\n\n```{chart} title=\"Rates\"\nArea | Rate\nNorth | 3.500\nSouth | 0.125\n```\n\n```{chart} title=\"From a file\" file=\"contacts.csv\"\n```\n",
    );
    site.write(
        "data/contacts.csv",
        "Year,Contacts\n2018 to 2019,\"10,178\"\n2019 to 2020,4.368\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let found: Vec<(u64, u64, &str, &str)> = doc["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .filter(|d| d["rule"] == "thousands-mark")
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or(0),
                d["col"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or(""),
                d["help"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                9,
                16,
                "`9.760` could mean 9,760 or 9.76",
                "write 9,760 for nine thousand seven hundred and sixty, or 9.76"
            ),
            (
                19,
                1,
                "data/contacts.csv: `4.368` could mean 4,368 or 4.368",
                "write 4,368 for four thousand three hundred and sixty-eight, or 4.368"
            ),
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn a_note_after_a_value_is_warned_at_its_file_and_line_with_what_was_left_out() {
    let site = TestSite::new("basic");
    site.write(
        "content/case-review.md",
        "---\n# A note on its own line is fine.\ntitle: Case review # 3 findings\ndescription: Meeting notes #draft\ntopics: [neglect] # one topic\nextra:\n  colour: \"#1d70b8\"\n  summary: |\n    Item # 1 stays.\n---\nText.\n",
    );
    let settings = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        settings.replace(
            "title: Fixture Partnership",
            "  # An indented note.\ntitle: Fixture Partnership # for now",
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "warnings only:\n{}", run.stderr);
    for expected in [
        "warning[front-matter]: content/case-review.md:3:20: `title` reads only \"Case review\": \
         `# 3 findings` is left out, because in YAML a space and then `#` start a note\n",
        "3 │ title: Case review # 3 findings\n",
        "= help: put the whole value in quotation marks: `title: \"Case review # 3 findings\"`. \
         If `# 3 findings` is a note, move it to a line of its own\n",
        "warning[front-matter]: content/case-review.md:4:28: `description` reads only \
         \"Meeting notes\": `#draft` is left out",
        "warning[config]: site.yaml:2:28: `title` reads only \"Fixture Partnership\": \
         `# for now` is left out",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected}\n---\n{}",
            run.stderr
        );
    }
    assert_eq!(
        run.stderr.matches(" is left out").count(),
        3,
        "notes on their own line, after a closed list, and quoted or block values stay silent:\n{}",
        run.stderr
    );
}

/// A glossary line without its colon made the whole file unreadable: the
/// error pointed at the blank line after it, under a warning for every
/// abbreviation on every page, which the glossary would have explained.
#[test]
fn a_glossary_line_without_its_colon_is_one_error_at_that_line() {
    let site = TestSite::new("basic");
    site.write(
        "data/glossary.yaml",
        "MASH: Multi-Agency Safeguarding Hub\nLADO Local Authority Designated Officer\n\n",
    );
    site.write(
        "content/help.md",
        "---\ntitle: Help\ndescription: Where to get help.\n---\n\nCall the MASH or the LADO for help.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[glossary]: data/glossary.yaml:2:1: this line has no `:`, so it is not read as `setting: value`"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("[abbreviation]"), "{}", run.stderr);
    assert!(run.stderr.contains("1 error, 0 warnings"), "{}", run.stderr);
}

#[test]
fn a_glossary_entry_pages_show_another_way_is_warned_of_with_the_entry_to_write() {
    let site = TestSite::new("basic");
    site.write(
        "data/glossary.yaml",
        "Children's Services: The council's services for children\n",
    );
    site.write(
        "content/help.md",
        "---\ntitle: Help\ndescription: Where to get help.\n---\n\nAsk Children's Services for help.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[glossary]: data/glossary.yaml:1:1: `Children's Services` is never found on a page, so it is never explained"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: write it as it appears in your pages: `Children’s Services`"),
        "{}",
        run.stderr
    );
    // Written as the help says, it is explained on the page.
    site.write(
        "data/glossary.yaml",
        "Children’s Services: The council's services for children\n",
    );
    let run = site.run(&["build", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("[glossary]"), "{}", run.stderr);
    assert!(
        site.read_output("help/index.html").contains(
            "<abbr title=\"The council's services for children\">Children’s Services</abbr>"
        ),
        "{}",
        site.read_output("help/index.html")
    );
}

#[test]
fn a_heading_with_an_id_of_its_own_is_linked_to_by_that_id() {
    let site = TestSite::new("basic");
    site.write(
        "content/help.md",
        "---\ntitle: Help\ndescription: Where to get help.\n---\n\n## Who to call in an emergency {#contacts}\n\nCall 999.\n",
    );
    site.write(
        "content/more.md",
        "---\ntitle: More help\ndescription: More places to get help.\n---\n\nSee [who to call](help.md#contacts).\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read_output("help/index.html");
    assert!(
        page.contains(r#"<h2 id="contacts">Who to call in an emergency</h2>"#),
        "{page}"
    );
    assert!(!page.contains("{#contacts}"), "{page}");
    // The words' own address is not the heading's any more.
    site.write(
        "content/more.md",
        "---\ntitle: More help\ndescription: More places to get help.\n---\n\nSee [who to call](help.md#who-to-call-in-an-emergency).\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[broken-anchor]: content/more.md:6:5"),
        "{}",
        run.stderr
    );
}
