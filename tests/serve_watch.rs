//! The preview follows the files: edits, editors' rename-saves, swap and backup
//! files, files added, deleted and renamed, `--poll`, build errors and recovery,
//! and an updated preview that is exactly what a full build makes.

mod serve_support;

use std::fs;
use std::path::Path;
use std::time::Duration;

use plainsite::BuildOptions;
use plainsite::serve::Server;
use serve_support::{get, site, start, start_with, wait_for, wait_for_text, write};

const PAGE: &str = "content/notes/first.md";

fn note(body: &str) -> String {
    format!("---\ntitle: First note\ndate: 2024-05-01\ntopics: [neglect]\n---\n\n{body}\n")
}

/// The served output equals a fresh full build of the same files.
fn assert_same_as_full_build(server: &Server, root: &Path) {
    let full = plainsite::build(&BuildOptions {
        root: root.to_path_buf(),
        drafts: false,
        base_url: Some(server.url()),
        today: None,
        fingerprint: false,
        internal: true,
    })
    .expect("full build");
    let served = server.output();
    let served_paths: Vec<&str> = served.paths().collect();
    let full_paths: Vec<&str> = full.output.paths().collect();
    assert_eq!(served_paths, full_paths);
    for path in full_paths {
        let a = served.read(path).and_then(Result::ok).unwrap_or_default();
        let b = full
            .output
            .read(path)
            .and_then(Result::ok)
            .unwrap_or_default();
        assert!(a == b, "{path} differs from a full build");
    }
}

#[test]
fn shows_an_edit_saved_in_place() {
    let dir = site();
    let server = start(dir.path());
    write(dir.path(), PAGE, &note("Edited in place."));
    wait_for_text(&server, "/notes/first/", "Edited in place.");
}

#[test]
fn follows_an_editor_that_saves_through_a_temporary_file_and_rename() {
    let dir = site();
    let server = start(dir.path());
    let tmp = dir.path().join("content/notes/.first.md.tmp123");
    fs::write(&tmp, note("Saved by rename.")).expect("write temp");
    fs::rename(&tmp, dir.path().join(PAGE)).expect("rename over");
    wait_for_text(&server, "/notes/first/", "Saved by rename.");
    assert!(server.errors().is_none());
}

#[test]
fn follows_a_vim_style_save_and_ignores_its_swap_and_backup_files() {
    let dir = site();
    let server = start(dir.path());
    let notes = dir.path().join("content/notes");
    fs::write(notes.join(".first.md.swp"), "swap").expect("swap");
    fs::write(notes.join("4913"), "").expect("probe");
    fs::remove_file(notes.join("4913")).expect("probe gone");
    fs::rename(notes.join("first.md"), notes.join("first.md~")).expect("backup");
    fs::write(notes.join("first.md"), note("Saved by vim.")).expect("write");
    fs::write(notes.join("#first.md#"), "emacs autosave").expect("autosave");
    wait_for_text(&server, "/notes/first/", "Saved by vim.");
    // Litter left behind is never published, nor does it break the build.
    std::thread::sleep(Duration::from_millis(200));
    assert!(server.errors().is_none(), "{:?}", server.errors());
    assert!(
        !server
            .output()
            .paths()
            .any(|p| p.contains('~') || p.contains('#'))
    );
}

#[test]
fn adds_deletes_and_renames_pages() {
    let dir = site();
    let server = start(dir.path());
    let address = server.address();
    write(
        dir.path(),
        "content/notes/second.md",
        "---\ntitle: Second note\n---\n\nA new page.\n",
    );
    wait_for_text(&server, "/notes/second/", "A new page.");
    wait_for_text(&server, "/notes/", "Second note");

    fs::rename(
        dir.path().join("content/notes/second.md"),
        dir.path().join("content/notes/renamed.md"),
    )
    .expect("rename");
    wait_for_text(&server, "/notes/renamed/", "A new page.");
    assert_eq!(get(address, "/notes/second/").status, 404);

    fs::remove_file(dir.path().join("content/notes/renamed.md")).expect("delete");
    wait_for("the deleted page to go", || {
        get(address, "/notes/renamed/").status == 404
    });
    assert!(!get(address, "/notes/").body.contains("Second note"));
    assert_same_as_full_build(&server, dir.path());
}

#[test]
fn shows_build_errors_over_the_last_good_page_and_recovers() {
    let dir = site();
    let server = start(dir.path());
    let address = server.address();
    write(dir.path(), PAGE, "---\ntitle: [unclosed\n---\n\nBroken.\n");
    wait_for("the error panel", || {
        get(address, "/notes/first/")
            .body
            .contains("plainsite-errors")
    });
    for path in ["/", "/notes/first/"] {
        let r = get(address, path);
        assert_eq!(r.status, 200, "{path}: the last good page is still served");
        assert!(r.body.contains("role=\"alert\""), "{}", r.body);
        assert!(
            r.body.contains("content/notes/first.md, line 2"),
            "{}",
            r.body
        );
        assert!(r.body.contains("How to fix it"), "{}", r.body);
        assert!(r.body.contains("livereload.js"), "the page reloads itself");
    }
    assert!(
        get(address, "/notes/first/")
            .body
            .contains("The first words."),
        "the page keeps its last good text"
    );
    // The last good stylesheet and files stay served.
    assert_eq!(get(address, "/css/site.css").status, 200);
    assert!(server.output().contains("notes/first/index.html"));

    write(dir.path(), PAGE, &note("Fixed again."));
    wait_for_text(&server, "/notes/first/", "Fixed again.");
    assert!(server.errors().is_none());
    assert!(
        !get(address, "/notes/first/")
            .body
            .contains("plainsite-errors")
    );
    assert_same_as_full_build(&server, dir.path());
}

#[test]
fn rebuilds_for_templates_data_static_files_and_settings() {
    let dir = site();
    let server = start(dir.path());
    write(dir.path(), "static/files/new.txt", "new static file\n");
    wait_for_text(&server, "/files/new.txt", "new static file");
    write(
        dir.path(),
        "static/css/extra.css",
        "p { color: #1d70b8; }\n",
    );
    wait_for_text(&server, "/css/extra.css", "#1d70b8");
    let yaml = fs::read_to_string(dir.path().join("site.yaml")).unwrap_or_default();
    write(
        dir.path(),
        "site.yaml",
        &yaml.replace("Test partnership", "Renamed partnership"),
    );
    wait_for_text(&server, "/", "Renamed partnership");
    assert_same_as_full_build(&server, dir.path());
}

#[test]
fn watches_a_source_folder_made_after_it_started() {
    let dir = site();
    fs::remove_dir_all(dir.path().join("static")).expect("no static");
    let server = start(dir.path());
    write(dir.path(), "static/hello.txt", "hello\n");
    wait_for_text(&server, "/hello.txt", "hello");
    write(dir.path(), "static/later.txt", "later\n");
    wait_for_text(&server, "/later.txt", "later");
}

#[test]
fn a_stylesheet_change_refreshes_styles_and_a_page_change_reloads() {
    let dir = site();
    let server = start(dir.path());
    let mut events = serve_support::listen(server.address());
    write(
        dir.path(),
        "static/css/extra.css",
        "p { color: #1d70b8; }\n",
    );
    assert_eq!(events.next_event(), "css");
    write(dir.path(), PAGE, &note("A page change."));
    assert_eq!(events.next_event(), "reload");
}

#[test]
fn follows_changes_with_poll() {
    let dir = site();
    let server = start_with(dir.path(), true);
    write(dir.path(), PAGE, &note("Seen by polling."));
    wait_for_text(&server, "/notes/first/", "Seen by polling.");
    fs::remove_file(dir.path().join(PAGE)).expect("delete");
    wait_for("the deleted page to go", || {
        get(server.address(), "/notes/first/").status == 404
    });
}

#[test]
fn an_updated_preview_is_the_same_as_a_full_build() {
    let dir = site();
    let server = start(dir.path());
    assert_same_as_full_build(&server, dir.path());
    write(dir.path(), PAGE, &note("Edited for the comparison."));
    write(
        dir.path(),
        "content/notes/third.md",
        "---\ntitle: Third note\ndate: 2024-06-01\ntopics: [early help]\n---\n\nThird.\n",
    );
    wait_for_text(&server, "/topics/early-help/", "Third note");
    wait_for_text(&server, "/notes/first/", "Edited for the comparison.");
    assert_same_as_full_build(&server, dir.path());
}

#[test]
fn starts_on_a_broken_site_and_shows_its_errors_until_fixed() {
    let dir = site();
    write(dir.path(), PAGE, "---\ntitle: [unclosed\n---\n");
    let server = start(dir.path());
    assert!(server.errors().is_some());
    let r = get(server.address(), "/notes/first/");
    assert_eq!(r.status, 500, "no build has worked yet: the panel alone");
    assert!(
        r.body.contains("This page has not been built yet."),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("content/notes/first.md, line 2"),
        "{}",
        r.body
    );
    write(dir.path(), PAGE, &note("Working now."));
    wait_for_text(&server, "/notes/first/", "Working now.");
}

#[test]
fn refuses_to_start_where_there_is_no_site() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = plainsite::serve::ServeOptions {
        root: dir.path().to_path_buf(),
        drafts: false,
        bind: [127, 0, 0, 1].into(),
        port: 0,
        poll: false,
        editor: None,
    };
    let result = Server::start(&options, std::sync::Arc::new(|_| {}));
    let Err(error) = result else {
        panic!("started without a site.yaml");
    };
    assert!(error.to_string().contains("site.yaml"), "{error}");
}

/// A file whose name is not UTF-8, added while the preview runs, fails the build
/// at once with the build's message, with native watching and with polling; once
/// it is renamed the preview recovers.
#[test]
fn a_file_named_in_bytes_that_are_not_utf8_is_reported_at_once() {
    use std::os::unix::ffi::OsStrExt;
    for poll in [false, true] {
        let dir = site();
        let server = start_with(dir.path(), poll);
        let odd = std::ffi::OsStr::from_bytes(b"odd-\xff.md");
        let odd = dir.path().join("content/notes").join(odd);
        fs::write(&odd, note("Named oddly.")).expect("write");
        wait_for("the error about the name", || {
            server
                .errors()
                .is_some_and(|e| e.iter().any(|d| d.message.contains("not UTF-8")))
        });
        fs::rename(&odd, dir.path().join("content/notes/odd.md")).expect("rename");
        wait_for_text(&server, "/notes/odd/", "Named oddly.");
        assert!(server.errors().is_none(), "poll: {poll}");
    }
}
