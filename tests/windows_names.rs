//! Names Windows keeps for devices (`con`, `aux`, `nul`, `com1`) outside
//! `content/`: `static/`, `data/` and the theme are published or read too, so a
//! file there named like one gets the same `windows-name` warning as a page, and
//! the site still builds.

mod common;

use std::fs;
use std::path::Path;

use common::TestSite;

/// What `check`, which must succeed, prints on standard error.
fn check(site: &TestSite) -> String {
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stderr
}

/// The `windows-name` warning lines of a run of `check`.
fn windows_warnings(site: &TestSite) -> Vec<String> {
    check(site)
        .lines()
        .filter(|l| l.starts_with("warning[windows-name]: "))
        .map(str::to_owned)
        .collect()
}

/// Asserts that `check` warns of exactly `expected`, each (file, "file" or
/// "folder", the device name), in that order.
fn assert_warned_of(site: &TestSite, expected: &[(&str, &str, &str)]) {
    let expected: Vec<String> = expected
        .iter()
        .map(|(file, what, stem)| message(file, what, stem))
        .collect();
    assert_eq!(windows_warnings(site), expected);
}

fn message(file: &str, what: &str, stem: &str) -> String {
    format!(
        "warning[windows-name]: {file}: Windows keeps the name `{stem}` for a device, so colleagues on Windows or OneDrive cannot open, copy or sync this {what}"
    )
}

#[test]
fn a_static_file_or_folder_named_as_a_windows_device_is_warned_of_and_still_published() {
    let site = TestSite::new("basic");
    site.write("static/con.png", b"\x89PNG\r\n\x1a\n");
    site.write("static/aux/report.pdf", b"%PDF-1.4\n");
    site.write("static/aux/notes.txt", "notes");
    site.write("static/contact.txt", "not a device");
    assert_warned_of(
        &site,
        &[
            ("static/aux", "folder", "aux"),
            ("static/con.png", "file", "con"),
        ],
    );
    let help = "help: rename the file, to a name of more than one word; its web address changes with its name, so change any links to it";
    assert!(check(&site).contains(help));
    let run = site.run(&["build", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&message("static/con.png", "file", "con"))
    );
    assert!(site.path("public/con.png").is_file());
    // Renamed as the help says, the warnings go.
    fs::rename(
        site.path("static/con.png"),
        site.path("static/contact-logo.png"),
    )
    .expect("mv");
    fs::rename(site.path("static/aux"), site.path("static/reports")).expect("mv");
    assert!(windows_warnings(&site).is_empty());
}

#[test]
fn a_data_file_named_as_a_windows_device_is_warned_of() {
    let site = TestSite::new("basic");
    site.write("data/nul.csv", "a,b\n1,2\n");
    site.write("data/com1/figures.yaml", "a: 1\n");
    site.write("data/.nul.csv.swp", "an editor's file, not the site's");
    site.write("data/console.csv", "a\n");
    assert_warned_of(
        &site,
        &[
            ("data/com1", "folder", "com1"),
            ("data/nul.csv", "file", "nul"),
        ],
    );
    let help = "then change the name wherever a template or a shortcode reads it";
    assert!(check(&site).contains(help));
}

/// Copies the repository's default theme into the site, so it is read from disk.
fn theme_on_disk(site: &TestSite) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for entry in walkdir::WalkDir::new(&from).into_iter().flatten() {
        let rel = entry.path().strip_prefix(&from).expect("inside");
        let to = site.path("themes/default").join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).expect("mkdir");
        } else {
            fs::copy(entry.path(), &to).expect("copy");
        }
    }
}

#[test]
fn a_theme_file_or_a_site_template_named_as_a_windows_device_is_warned_of() {
    let site = TestSite::new("basic");
    theme_on_disk(&site);
    assert!(windows_warnings(&site).is_empty());
    site.write(
        "themes/default/static/icons/lpt1.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write("themes/default/templates/prn/x.html", "{{ page.title }}");
    site.write("shortcodes/aux.html", "{{ text }}");
    assert_warned_of(
        &site,
        &[
            ("shortcodes/aux.html", "file", "aux"),
            ("themes/default/static/icons/lpt1.svg", "file", "lpt1"),
            ("themes/default/templates/prn", "folder", "prn"),
        ],
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("windows-name"), "{}", run.stderr);
}

#[test]
fn names_that_differ_only_in_capitals_are_warned_of_once_each() {
    // Windows, Mac and OneDrive hold one of the two, so a colleague's copy of
    // the site, or a host that ignores capitals, loses the other.
    let site = TestSite::new("basic");
    site.write("static/Logo.png", b"\x89PNG\r\n\x1a\n");
    site.write("static/logo.png", b"\x89PNG\r\n\x1a\n");
    site.write("static/Docs/a.txt", "a");
    site.write("static/docs/b.txt", "b");
    site.write("static/docs/c.txt", "c");
    let twins: Vec<String> = check(&site)
        .lines()
        .filter(|l| l.starts_with("warning[windows-name]: ") && l.contains("capital"))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        twins,
        [
            "warning[windows-name]: static/docs: this folder's name differs from static/Docs only in capital letters, so colleagues on Windows or OneDrive, and hosts that ignore capitals, can keep only one of them",
            "warning[windows-name]: static/logo.png: this file's name differs from static/Logo.png only in capital letters, so colleagues on Windows or OneDrive, and hosts that ignore capitals, can keep only one of them",
        ]
    );
}

#[test]
fn page_names_that_differ_only_in_how_accents_are_stored_are_warned_of_naming_both() {
    // `é` typed as one letter, and saved as `e` and an accent mark, as some Mac
    // and copying tools do: two files here, one on a Mac, and the same-looking
    // address twice. The walk meets `e` and the mark first, so the warning is on
    // the other.
    let site = TestSite::new("basic");
    let one = "caf\u{e9}";
    let two = "cafe\u{301}";
    site.write(
        &format!("content/news/{one}.md"),
        "---\ntitle: Cafe one\ndescription: One.\n---\nHello.\n",
    );
    site.write(
        &format!("content/news/{two}.md"),
        "---\ntitle: Cafe two\ndescription: Two.\n---\nHello.\n",
    );
    let run = site.run(&["check"]);
    let warning = format!(
        "warning[windows-name]: content/news/{one}.md: this file's name looks the same as content/news/{two}.md, but its accented letters are stored another way"
    );
    assert!(run.stderr.contains(&warning), "{}", run.stderr);
    assert!(
        run.stderr.contains("help: rename one of them;"),
        "{}",
        run.stderr
    );
    // Renamed as the help says, the warning goes.
    fs::rename(
        site.path(&format!("content/news/{one}.md")),
        site.path("content/news/cafe-opening.md"),
    )
    .expect("mv");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("windows-name"), "{}", run.stderr);
}
