//! The preview's problem panels: a page's own warnings from `check`, the error
//! panel over the last good page, editor links, and the JSON they are drawn from,
//! which must match `plainsite check --format json`.

mod serve_support;

use std::process::Command;
use std::time::{Duration, Instant};

use serve_support::{get, site, start, write};

const PAGE: &str = "content/notes/first.md";
const SKIP: &str = "---\ntitle: First note\ndate: 2024-05-01\ndescription: A note.\n---\n\nThe first words.\n\n#### Too deep\n\nMore words. Read more [here](../report.md).\n";

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let until = Instant::now() + Duration::from_secs(20);
    while Instant::now() < until {
        if ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

fn check_json(root: &std::path::Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_plainsite"))
        .args(["check", "--format", "json"])
        .current_dir(root)
        .output()
        .expect("run check");
    serde_json::from_slice(&out.stdout).expect("check prints JSON")
}

#[test]
fn a_page_shows_its_own_warnings_in_a_panel_the_same_as_check() {
    let dir = site();
    write(dir.path(), PAGE, SKIP);
    let server = start(dir.path());
    let address = server.address();
    let page = get(address, "/notes/first/").body;
    assert!(
        page.contains("<details class=\"plainsite-panel plainsite-warnings\""),
        "{page}"
    );
    assert!(
        page.contains("things to improve on this page</summary>"),
        "{page}"
    );
    assert!(page.contains("(heading-skip)"), "{page}");
    assert!(page.contains("How to fix it"), "{page}");
    assert!(page.contains("/__plainsite/panel.js"));
    assert!(page.contains("/__plainsite/panel.css"));
    assert!(!page.contains("<style") && !page.contains(" style="));
    // Another page has none of this page's warnings.
    assert!(!get(address, "/report/").body.contains("(heading-skip)"));

    let served: serde_json::Value =
        serde_json::from_str(&get(address, "/__plainsite/problems.json?page=/notes/first/").body)
            .expect("JSON");
    assert_eq!(served["file"], PAGE);
    let from_check: Vec<serde_json::Value> = check_json(dir.path())["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .filter(|d| d["file"] == PAGE)
        .cloned()
        .collect();
    assert!(from_check.len() >= 2, "{from_check:?}");
    assert_eq!(served["warnings"].as_array().expect("a list"), &from_check);
    let summary = format!("{} things to improve on this page", from_check.len());
    assert!(page.contains(&summary), "{page}");
    for d in &from_check {
        let message = d["message"].as_str().unwrap_or_default();
        let escaped = message
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        assert!(page.contains(&escaped), "panel lacks {message}");
    }
}

#[test]
fn the_error_panel_lists_every_error_over_the_last_good_page() {
    let dir = site();
    let server = start(dir.path());
    let address = server.address();
    write(dir.path(), PAGE, "---\ntitle: [unclosed\n---\n\nBroken.\n");
    write(
        dir.path(),
        "content/notes/third.md",
        "---\ntitle: Report\ndate: May 1st\n---\n\nCall.\n",
    );
    write(
        dir.path(),
        "content/notes/second.md",
        "---\ntitle: Second\nslug: Not A Slug\n---\n\nx\n",
    );
    wait_for("three errors", || {
        get(address, "/").body.contains("The site has 3 errors.")
    });
    let page = get(address, "/notes/first/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("The first words."),
        "last good text kept"
    );
    assert_eq!(page.body.matches("class=\"plainsite-entry\"").count(), 3);
    let missing = get(address, "/notes/second/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("This page has not been built yet."));
    let json: serde_json::Value =
        serde_json::from_str(&get(address, "/__plainsite/problems.json?page=/").body)
            .expect("JSON");
    assert_eq!(json["errors"].as_array().map(Vec::len), Some(3));
}

#[test]
fn entries_link_to_the_editor_named_in_site_yaml() {
    let dir = site();
    let yaml = std::fs::read_to_string(dir.path().join("site.yaml")).expect("read");
    write(dir.path(), "site.yaml", &format!("{yaml}editor: vscode\n"));
    write(dir.path(), PAGE, SKIP);
    let server = start(dir.path());
    let page = get(server.address(), "/notes/first/").body;
    let root = dir.path().canonicalize().expect("root");
    let want = format!(
        "href=\"vscode://file{}/content/notes/first.md:",
        root.display()
    );
    assert!(page.contains(&want), "{page}");
    assert!(
        !page.contains("plainsite-copy"),
        "no copy buttons with an editor"
    );
}

#[test]
fn a_hostile_editor_setting_is_refused_with_its_line() {
    for bad in [
        "\"javascript:alert(1)\"",
        "[vscode]",
        "{x: 1}",
        "\"vscode\\u0000\"",
    ] {
        let dir = site();
        let yaml = std::fs::read_to_string(dir.path().join("site.yaml")).expect("read");
        write(dir.path(), "site.yaml", &format!("{yaml}editor: {bad}\n"));
        let out = Command::new(env!("CARGO_BIN_EXE_plainsite"))
            .args(["build"])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{bad}: {stderr}");
        assert!(stderr.contains("site.yaml:10"), "{bad}: {stderr}");
    }
}

#[test]
fn panels_are_never_in_built_pages() {
    let dir = site();
    write(dir.path(), PAGE, SKIP);
    let out = Command::new(env!("CARGO_BIN_EXE_plainsite"))
        .args(["build"])
        .current_dir(dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    for entry in walkdir::WalkDir::new(dir.path().join("public")) {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let text =
                String::from_utf8_lossy(&std::fs::read(entry.path()).expect("read")).into_owned();
            assert!(
                !text.contains("plainsite-panel"),
                "{}",
                entry.path().display()
            );
            assert!(!text.contains("__plainsite"), "{}", entry.path().display());
        }
    }
}

#[test]
fn direction_controls_a_finding_quotes_are_shown_as_escapes_in_the_panel_and_kept_in_json() {
    let dir = site();
    write(
        dir.path(),
        PAGE,
        "---\ntitle: First note\ndate: 2024-05-01\ndescription: A note.\n---\n\n##Fees \u{2067}00.001\u{2069} a year\n",
    );
    let server = start(dir.path());
    let address = server.address();
    let page = get(address, "/notes/first/").body;
    let start = page
        .find("<aside class=\"plainsite-panels\"")
        .expect("panels");
    let end = start + page[start..].find("</aside>").expect("end of panels");
    let panels = &page[start..end];
    assert!(
        panels.contains("<code>##Fees \\u{2067}00.001\\u{2069} a year</code>"),
        "{panels}"
    );
    assert!(
        !panels.chars().any(plainsite::error::is_bidi_control),
        "{panels}"
    );
    let body = get(address, "/__plainsite/problems.json?page=/notes/first/").body;
    assert!(
        !body.chars().any(plainsite::error::is_bidi_control),
        "{body}"
    );
    let served: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    let quoted = ["errors", "warnings"]
        .iter()
        .flat_map(|kind| served[kind].as_array().expect("a list"))
        .filter_map(|d| d["message"].as_str())
        .any(|m| m.starts_with("`##Fees \u{2067}00.001\u{2069} a year`"));
    assert!(quoted, "{body}");
}
