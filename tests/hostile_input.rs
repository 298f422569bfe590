//! Issue 14 (`issues show 14`), "The output boundary": hostile input at the output
//! boundary: deep nesting, unsafe addresses, YAML that blows up, a panic in a link,
//! and raw HTML that swallows the page. Each test failed on the `main` of `dc04f2d`.

mod common;
mod serve_support;

use common::TestSite;

/// `*a ` × n, `x`, ` a*` × n: emphasis nested n deep.
fn nested_emphasis(n: usize) -> String {
    format!("{}x{}", "*a ".repeat(n), " a*".repeat(n))
}

fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndescription: A page for a test.\n---\n\n{body}\n")
}

#[test]
fn issue_14_deeply_nested_emphasis_builds_and_checks() {
    let site = TestSite::new("basic");
    site.write("content/deep.md", page("Deep", &nested_emphasis(10_000)));
    let check = site.run(&["check"]);
    // A warning (the reading grade) is fine; a crash (134) or a panic is not.
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.contains("reading-grade"), "{}", check.stderr);
    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(site.read_output("deep/index.html").contains("<em>a <em>a"));
}

#[test]
fn issue_14_the_preview_survives_a_deeply_nested_page() {
    let dir = serve_support::site();
    let server = serve_support::start(dir.path());
    serve_support::write(
        dir.path(),
        "content/deep.md",
        &page("Deep page", &nested_emphasis(10_000)),
    );
    serve_support::wait_for_text(&server, "/deep/", "Deep page");
    assert_eq!(serve_support::get(server.address(), "/").status, 200);
}

#[test]
fn issue_14_unsafe_addresses_in_site_yaml_are_errors_with_their_lines() {
    let site = TestSite::new("basic");
    site.write(
        "site.yaml",
        "title: Fixture Partnership\nbase_url: https://fixture.example.org/\nmenu:\n  - { name: News, url: /news/ }\n  - { name: A, url: \"java\\tscript:alert(1)\" }\nfooter_menu:\n  - { name: B, url: \" JavaScript:alert(1)\" }\nreport_concern: { text: Report a concern, url: \"data:text/html,x\" }\ncontact: { name: Unit, email: unit@example.org }\nextra:\n  partner_link: vbscript:x\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for place in [
        "site.yaml:5:",
        "site.yaml:7:",
        "site.yaml:8:",
        "site.yaml:11:",
    ] {
        assert!(run.stderr.contains(place), "{place}: {}", run.stderr);
    }
    assert!(run.stderr.contains("4 errors,"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("help: use an address starting with https://")
    );
    // build refuses too, and writes nothing.
    assert_eq!(site.run(&["build"]).code, 1);
    assert!(!site.path("public").exists());
}

#[test]
fn issue_14_unsafe_addresses_in_front_matter_are_errors_with_their_lines() {
    let site = TestSite::new("basic");
    site.write(
        "content/event.md",
        "---\ntitle: Event\naliases: [\"/old/\", \"javascript:alert(1)\"]\nextra:\n  booking_url: \"JAVASCRIPT:alert(1)\"\n  link: https://example.org/\n---\n\nText.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/event.md:3:"), "{}", run.stderr);
    assert!(run.stderr.contains("content/event.md:5:"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("content/event.md:6:"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue_14_a_base_url_that_is_not_a_web_address_is_a_usage_error() {
    let site = TestSite::new("basic");
    for url in ["javascript:alert(1)//", "java\tscript:x", "/relative/"] {
        let run = site.run(&["build", "--base-url", url]);
        assert_eq!(run.code, 2, "{url}: {}", run.stderr);
        assert!(run.stderr.contains("--base-url"), "{}", run.stderr);
    }
    assert!(!site.path("public").exists());
    assert_eq!(
        site.run(&["build", "--base-url", "https://example.org/preview/"])
            .code,
        0
    );
}

#[test]
fn issue_14_a_glossary_of_aliases_to_a_long_string_is_refused() {
    let site = TestSite::new("basic");
    let mut glossary = format!("LONG: &l \"{}\"\n", "x".repeat(9_000));
    for i in 0..5_000 {
        glossary.push_str(&format!("A{i}: *l\n"));
    }
    site.write("data/glossary.yaml", glossary);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("data/glossary.yaml:2:1: this YAML repeats too much through aliases"),
        "{}",
        run.stderr
    );
    assert!(!site.path("public").exists());
}

#[test]
fn issue_14_deeply_nested_or_huge_front_matter_is_refused() {
    let site = TestSite::new("basic");
    let deep = format!(
        "---\ntitle: Deep\nextra:\n  x: {}{}\n---\n\nText.\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    site.write("content/deep.md", deep);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/deep.md:4:134: this YAML is nested more than 128 levels deep"),
        "{}",
        run.stderr
    );
    let huge = format!(
        "---\ntitle: Huge\nextra:\n  x: \"{}\"\n---\n\nText.\n",
        "x".repeat(1_100_000)
    );
    site.write("content/deep.md", huge);
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("plainsite reads at most 1024 KB"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue_14_a_percent_sign_before_an_accent_in_a_link_is_a_broken_link_not_a_panic() {
    let site = TestSite::new("basic");
    site.write(
        "content/bad.md",
        page("Bad link", "See [x](%aé) and [y](%e9%)."),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/bad.md:6:5"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

/// The binary panics on request only when built with debug assertions (as by
/// `cargo test`); a release binary ignores the variable.
#[test]
#[cfg(debug_assertions)]
fn issue_14_an_internal_failure_exits_2_with_a_message() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plainsite"))
        .arg("check")
        .env("PLAINSITE_PANIC_FOR_TEST", "1")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("internal error"), "{stderr}");
    assert!(stderr.contains("this is a bug in plainsite"), "{stderr}");
}

#[test]
fn issue_14_raw_html_tags_cannot_swallow_the_rest_of_the_page() {
    let site = TestSite::new("basic");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write("site.yaml", format!("{yaml}allow_html: true\n"));
    let tags = [
        "title",
        "style",
        "xmp",
        "textarea",
        "iframe",
        "noembed",
        "noframes",
        "plaintext",
        "script",
    ];
    let body: String = tags
        .iter()
        .map(|t| format!("Use the <{t}> element.\n\n"))
        .collect();
    site.write(
        "content/tags.md",
        page("Tags", &format!("{body}<div>\n<TITLE>x\n</div>\n\nEnd.")),
    );
    site.build_ok();
    let html = site.read_output("tags/index.html");
    let main = common::main_of(&html);
    for t in tags {
        assert!(!main.contains(&format!("<{t}>")), "<{t}> got through");
        assert!(main.contains(&format!("&lt;{t}>")), "{t}");
    }
    assert!(main.contains("&lt;TITLE>x"), "{main}");
    assert!(main.contains("End."), "{main}");
    // The page's own <title> is still there, once, and the footer follows.
    assert_eq!(html.matches("<title>").count(), 1);
    assert!(html.contains("unit@example.org"));
}

/// A file name that clears the screen, retitles the window and rings the bell.
const HOSTILE_NAME: &str = "content/a\x1b[2J\x1b]0;PWNED\x07b.md";

/// The same name as plainsite prints it.
const SHOWN_NAME: &str = "content/a\\u{1b}[2J\\u{1b}]0;PWNED\\u{7}b.md";

/// A site with a page of [`HOSTILE_NAME`] whose line 6 holds ESC, BEL, a CSI
/// sequence and the one-character CSI (U+009B).
fn site_with_control_characters() -> TestSite {
    let site = TestSite::new("basic");
    site.write(
        HOSTILE_NAME,
        page(
            "Controls",
            "Clear \x1b[2J and \x1b[31mred\x1b[0m, then \x07 a bell and \u{9b}1m bold.",
        ),
    );
    site
}

fn assert_no_raw_controls(text: &str) {
    for c in ['\x1b', '\x07', '\u{9b}'] {
        assert!(!text.contains(c), "raw {c:?} printed:\n{text}");
    }
}

#[test]
fn control_characters_in_a_file_name_and_line_are_shown_not_obeyed() {
    let site = site_with_control_characters();
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_no_raw_controls(&run.stderr);
        assert_no_raw_controls(&run.stdout);
        // The file and line are still named, and the line is still quoted.
        assert!(
            run.stderr.contains(&format!("{SHOWN_NAME}:6:")),
            "{command}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("Clear \\u{1b}[2J and \\u{1b}[31mred\\u{1b}[0m, then \\u{7} a bell"),
            "{command}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("\\u{9b}1m bold."), "{}", run.stderr);
    }
}

#[test]
fn a_line_break_in_a_file_name_is_shown_as_an_escape_so_the_name_stays_on_its_line() {
    let site = TestSite::new("basic");
    site.write(
        "content/two\nlines.md",
        page("Two lines", "## Skip\n\n#### Deep\n\nText."),
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("content/two\\nlines.md:"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.lines().any(|l| l.starts_with("lines.md")),
        "{}",
        run.stderr
    );
}

#[test]
fn json_escapes_c1_controls_separators_and_bidi_controls_too() {
    // serde_json writes U+0080 and above raw; a terminal showing the JSON may
    // obey U+009B, and U+202E turns the text after it around.
    let name = "content/a\u{85}b\u{9b}2Jc\u{2028}d\u{202e}gpj.md";
    let site = TestSite::new("basic");
    site.write(name, page("Controls", "## Skip\n\n#### Deep\n\nText."));
    let run = site.run(&["check", "--format", "json"]);
    let files = json_files(&run.stdout);
    assert!(files.iter().any(|f| f == name), "{files:?}");
    for c in ('\u{80}'..='\u{9f}').chain(['\u{2028}', '\u{2029}', '\u{202e}']) {
        assert!(
            !run.stdout.contains(c),
            "raw {c:?} printed:\n{}",
            run.stdout
        );
    }
    assert!(
        run.stdout
            .contains("content/a\\u0085b\\u009b2Jc\\u2028d\\u202egpj.md"),
        "{}",
        run.stdout
    );
}

#[test]
fn json_keeps_control_characters_as_json_escapes() {
    let site = site_with_control_characters();
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_no_raw_controls(&run.stdout);
    let files = json_files(&run.stdout);
    assert!(files.iter().any(|f| f == HOSTILE_NAME), "{files:?}");
    assert!(
        run.stdout.contains("a\\u001b[2J\\u001b]0;PWNED\\u0007b.md"),
        "{}",
        run.stdout
    );
}

/// The files `check --format json` names, in order; the output must be valid JSON.
fn json_files(stdout: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(stdout).expect("valid JSON");
    doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["file"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn a_direction_override_in_a_page_stops_the_build_at_its_place_and_is_shown_escaped() {
    // U+202E shows what follows backwards: readers would see "£100.00" here.
    let site = TestSite::new("basic");
    site.write(
        "content/fee.md",
        page("Fees", "The fee is \u{202e}00.001£ a year."),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[file]: content/fee.md:6:12: this file has the invisible character U+202E (a direction override)"
        ),
        "{}",
        run.stderr
    );
    // The quoted line shows the character as an escape, not obeyed.
    assert!(!run.stderr.contains('\u{202e}'), "{}", run.stderr);
    assert!(
        run.stderr.contains("The fee is \\u{202e}00.001£ a year."),
        "{}",
        run.stderr
    );
    assert!(!site.path("public").exists());
    // In a title written as an escape, it is named at the title's line.
    site.write(
        "content/fee.md",
        "---\ntitle: \"Fees \\u202E\"\ndescription: A page.\n---\n\nText.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/fee.md:2:1: `title` has the invisible character U+202E (a direction override)"
        ),
        "{}",
        run.stderr
    );
}
