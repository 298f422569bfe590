//! The command line: every user-facing error's wording and exit code, and that a
//! failed build leaves the previous `public/` exactly as it was.

mod common;

use common::TestSite;

/// Builds the fixture once, breaks it with `change`, builds again; returns the
/// failed run after checking `public/` did not change by a single byte.
fn fails_and_keeps_public(change: impl FnOnce(&TestSite)) -> common::Run {
    let site = TestSite::new("basic");
    site.build_ok();
    let before = site.checksums();
    change(&site);
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0, "the build should fail");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(
        before,
        site.checksums(),
        "public/ changed after a failed build"
    );
    run
}

#[test]
fn broken_yaml_names_the_file_and_line() {
    let run = fails_and_keeps_public(|s| {
        s.write(
            "content/news/bad.md",
            "---\ntitle: Bad\ndescription: [unclosed\n---\nText\n",
        )
    });
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn tab_indentation_gets_a_hint() {
    let run = fails_and_keeps_public(|s| {
        s.write(
            "content/news/tabs.md",
            "---\ntitle: Tabs\ntopics:\n\t- neglect\n---\nText\n",
        )
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/news/tabs.md:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("tab"), "{}", run.stderr);
}

#[test]
fn unknown_key_suggests_the_near_miss() {
    let run = fails_and_keeps_public(|s| {
        s.write(
            "content/news/typo.md",
            "---\ntitle: Typo\ndesciption: One line.\n---\nText\n",
        )
    });
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn missing_title_is_named() {
    let run = fails_and_keeps_public(|s| {
        s.write(
            "content/news/untitled.md",
            "---\ndescription: No title here.\n---\nText\n",
        )
    });
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn missing_front_matter_explains_how_to_start_a_page() {
    let run = fails_and_keeps_public(|s| s.write("content/news/plain.md", "# Just text\n"));
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn duplicate_urls_name_both_files() {
    let run = fails_and_keeps_public(|s| {
        s.write(
            "content/news/copy.md",
            "---\ntitle: Copy\nslug: item-1\n---\nText\n",
        )
    });
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn non_utf8_file_is_named_with_its_line() {
    let run = fails_and_keeps_public(|s| {
        s.write(
            "content/news/latin1.md",
            b"---\ntitle: Caf\xe9\n---\n".as_slice(),
        )
    });
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn symbolic_link_loop_is_reported_not_followed() {
    let run = fails_and_keeps_public(|s| {
        std::os::unix::fs::symlink("..", s.path("content/news/loop")).expect("symlink");
    });
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn broken_site_yaml_is_named() {
    let run = fails_and_keeps_public(|s| {
        let text = std::fs::read_to_string(s.path("site.yaml")).expect("read");
        s.write("site.yaml", text.replace("title:", "titel:"));
    });
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn bad_date_shows_the_format_to_use() {
    let run = fails_and_keeps_public(|s| {
        s.write(
            "content/news/date.md",
            "---\ntitle: Dated\ndate: May 1st\n---\nText\n",
        )
    });
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_date_in_curly_quotes_is_told_to_lose_them() {
    let run = fails_and_keeps_public(|s| {
        s.write(
            "content/news/date.md",
            "---\ntitle: Dated\ndate: “2026-11-14”\n---\nText\n",
        )
    });
    assert!(
        run.stderr.contains("help: the date is wrapped in curly quotation marks (“ ”), which are not part of a date: write it with none, `date: 2026-11-14`"),
        "{}",
        run.stderr
    );
}

/// A value wrapped whole in curly quotes, in front matter or site.yaml, would
/// show them on the page: a warning at its line. A quotation inside is fine.
#[test]
fn a_value_wrapped_in_curly_quotes_is_a_warning_at_its_line() {
    let site = TestSite::new("basic");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        yaml.replace("title: Fixture Partnership", "title: “Fixture Partnership”")
            .replace("{ name: News,", "{ name: “News”,"),
    );
    site.write(
        "content/news/quoted.md",
        "---\ntitle: “Quoted title”\ndescription: The “Think Family” approach, ‘in short’.\n---\nText\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "warning[front-matter]: content/news/quoted.md:2:8: the value of `title` is wrapped in curly quotation marks (“ ” or ‘ ’), which will show on the page",
        "help: use straight quotes (\"…\") or none: `title: Quoted title`",
        "warning[config]: site.yaml:1:8: the value of `title` is wrapped in curly quotation marks",
        "help: use straight quotes (\"…\") or none: `name: News`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("quoted.md:3"), "{}", run.stderr);
}

#[test]
fn three_broken_links_give_three_messages() {
    let run = fails_and_keeps_public(|s| {
        s.write(
            "content/news/links.md",
            "---\ntitle: Links\n---\nSee [one](nowhere.md), [two](../gone/page.md)\nand [three](01-item.md#no-such-heading).\n",
        )
    });
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn refuses_to_write_over_the_site_itself() {
    let site = TestSite::new("basic");
    for output in [".", "content", "..", "static/out"] {
        let run = site.run(&["build", "--output", output]);
        assert_eq!(run.code, 2, "--output {output} was accepted");
        assert!(
            run.stderr.contains("will not write the site"),
            "{}",
            run.stderr
        );
    }
    assert!(site.path("content/_index.md").exists());
}

#[test]
fn refuses_to_overwrite_a_file_it_did_not_make() {
    let site = TestSite::new("basic");
    site.write("public/index.html", "my own home page");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr);
    assert_eq!(site.read_output("index.html"), "my own home page");
}

#[test]
fn missing_site_yaml_says_where_to_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plainsite"))
        .arg("build")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr =
        String::from_utf8_lossy(&out.stderr).replace(&dir.path().display().to_string(), "[ROOT]");
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_today_written_day_first_is_given_back_year_first() {
    let site = TestSite::new("basic");
    for (today, says) in [
        ("01/02/2027", "for 1 February 2027, `--today 2027-02-01`"),
        ("2027-02-30", "there is no day 30 in February 2027"),
        ("soon", "write it year-month-day"),
    ] {
        let run = site.run(&["check", "--today", today]);
        assert_eq!(run.code, 2, "{today}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{today}: {}", run.stderr);
    }
    assert_eq!(site.run(&["check", "--today", "2027-02-01"]).code, 0);
}

/// `--bind localhost` is this computer's own address, as people say it; an
/// address that is none says what to write.
#[test]
fn serve_takes_localhost_for_bind_and_says_what_an_address_is() {
    use std::io::{BufRead, BufReader};
    let site = TestSite::new("basic");
    let run = site.run(&["serve", "--bind", "my laptop", "--port", "0"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("\"my laptop\" is not an IP address: leave out --bind to keep the preview on this computer"),
        "{}",
        run.stderr
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_plainsite"))
        .args(["serve", "--bind", "localhost", "--port", "0"])
        .current_dir(site.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the preview");
    let stdout = child.stdout.take().expect("stdout");
    let serving = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find(|l| l.starts_with("Serving on"));
    let _ = child.kill();
    let _ = child.wait();
    let serving = serving.unwrap_or_default();
    assert!(
        serving.starts_with("Serving on http://127.0.0.1:"),
        "{serving:?}"
    );
}

#[test]
fn direction_controls_quoted_from_a_page_are_shown_as_escapes_and_kept_in_json() {
    // U+2067 (right-to-left isolate) is allowed in a page, but quoted raw in a
    // message it would turn the rest of the line round on a terminal that obeys it.
    let site = TestSite::new("basic");
    site.write(
        "content/fees.md",
        "---\ntitle: Fees\ndescription: What the training costs.\n---\n\n\
         ##Fees \u{2067}00.001\u{2069} a year\n\n\
         Read [https://example.org/\u{2067}x\u{200f}](https://example.org/) first.\n",
    );
    let run = site.run(&["check"]);
    let bidi = |c: char| plainsite::error::is_bidi_control(c);
    assert!(!run.stderr.chars().any(bidi), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/fees.md:6:1: `##Fees \\u{2067}00.001\\u{2069} a year` is shown as text"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the web address `https://example.org/\\u{2067}x\\u{200f}` is the link text"),
        "{}",
        run.stderr
    );
    // JSON for editors: valid, the characters as written once parsed, none raw.
    let json = site.run(&["check", "--format", "json"]);
    assert!(!json.stdout.chars().any(bidi), "{}", json.stdout);
    assert!(json.stdout.contains("\\u2067"), "{}", json.stdout);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
    let messages: Vec<&str> = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("`##Fees \u{2067}00.001\u{2069} a year`")),
        "{messages:?}"
    );
}
