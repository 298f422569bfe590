//! More of the output boundary: links and odd files where plainsite keeps its
//! own folders beside the output, a theme folder that leads out of the site,
//! `--output` paths that reach a source folder through a link, named pipes, and
//! raw HTML that would run a script. Each test failed on the code before the fix.

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

use common::{TestSite, checksums};

/// Every folder under `dir`, empty ones included, relative to it.
fn folders(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .display()
                .to_string()
        })
        .collect()
}

#[test]
fn a_link_where_plainsite_keeps_its_own_folder_is_never_followed() {
    for name in [".plainsite-staging-public", ".plainsite-old-public"] {
        let site = TestSite::new("basic");
        site.build_ok();
        let live = site.checksums();
        // A person's folder outside the site that looks like an old build:
        // the same files, the manifest too, and empty folders of their own.
        let elsewhere = tempfile::tempdir().expect("tempdir");
        let theirs = elsewhere.path().join("backup");
        let copied = Command::new("cp")
            .args(["-a"])
            .arg(site.path("public"))
            .arg(&theirs)
            .status()
            .expect("cp");
        assert!(copied.success());
        fs::create_dir_all(theirs.join("photos/2024")).expect("mkdir");
        fs::write(theirs.join("notes.txt"), "mine").expect("write");
        let (files, dirs) = (checksums(&theirs), folders(&theirs));
        symlink(&theirs, site.path(name)).expect("link");
        let run = site.run(&["build"]);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(name) && run.stderr.contains("is in the way"),
            "{name}: {}",
            run.stderr
        );
        assert_eq!(
            checksums(&theirs),
            files,
            "{name}: their files are untouched"
        );
        assert_eq!(
            folders(&theirs),
            dirs,
            "{name}: their folders are untouched"
        );
        assert!(fs::symlink_metadata(site.path("public")).is_ok_and(|m| m.is_dir()));
        assert_eq!(
            site.checksums(),
            live,
            "{name}: the last good site is in place"
        );
    }
}

#[test]
fn a_file_or_dangling_link_where_the_old_site_goes_fails_before_anything_changes() {
    for make in ["file", "dangling link"] {
        let site = TestSite::new("basic");
        site.build_ok();
        let live = site.checksums();
        let old = site.path(".plainsite-old-public");
        match make {
            "file" => fs::write(&old, "notes").expect("write"),
            _ => symlink("/nonexistent/plainsite", &old).expect("link"),
        }
        let yaml = fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
        site.write(
            "site.yaml",
            yaml.replace("Fixture Partnership", "A New Title"),
        );
        let run = site.run(&["build"]);
        assert_eq!(run.code, 2, "{make}: {}", run.stderr);
        assert!(
            run.stderr.contains("is in the way"),
            "{make}: {}",
            run.stderr
        );
        assert_eq!(
            site.checksums(),
            live,
            "{make}: the last good site is in place"
        );
        assert!(fs::symlink_metadata(&old).is_ok(), "{make}: theirs is kept");
    }
}

#[test]
fn a_theme_is_read_only_from_inside_the_site() {
    let outside = tempfile::tempdir().expect("tempdir");
    let private = outside.path().join("private");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let copied = Command::new("cp")
        .arg("-r")
        .arg(&theme)
        .arg(&private)
        .status()
        .expect("cp");
    assert!(copied.success());
    fs::write(private.join("static/secret.txt"), "PRIVATE").expect("write");
    let yaml = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic/site.yaml"),
    )
    .expect("site.yaml");
    let absolute = private.display().to_string();
    for (theme, link) in [
        ("mine", Some("themes/mine")),
        ("default", Some("themes")),
        ("../../private", None),
        (absolute.as_str(), None),
    ] {
        let site = TestSite::new("basic");
        if let Some(link) = link {
            fs::create_dir_all(site.path("themes")).expect("mkdir");
            let target = if link == "themes" {
                outside.path().to_path_buf()
            } else {
                private.clone()
            };
            if link == "themes" {
                fs::remove_dir(site.path("themes")).expect("rmdir");
                fs::rename(&private, outside.path().join("default")).expect("rename");
            }
            symlink(&target, site.path(link)).expect("link");
        }
        site.write("site.yaml", format!("{yaml}theme: \"{theme}\"\n"));
        let run = site.run(&["build"]);
        assert_ne!(run.code, 0, "{theme}: {}", run.stderr);
        assert!(
            run.stderr.contains("outside-link")
                || run.stderr.contains("is not the name of a folder"),
            "{theme}: {}",
            run.stderr
        );
        assert!(!site.path("public/secret.txt").exists(), "{theme}");
        if link == Some("themes") {
            fs::rename(outside.path().join("default"), &private).expect("rename back");
        }
    }
}

#[test]
fn output_folders_reached_through_a_link_or_in_i18n_are_refused() {
    let site = TestSite::new("basic");
    symlink(site.path("content/news"), site.path("lnk")).expect("link");
    fs::create_dir_all(site.path("i18n")).expect("mkdir");
    for output in [
        "lnk/../new/x",
        "i18n",
        "i18n/x",
        ".plainsite-cache",
        "lnk/x",
    ] {
        let run = site.run(&["build", "--output", output]);
        assert_eq!(run.code, 2, "{output}: {}", run.stderr);
        assert!(
            run.stderr.contains("plainsite will not write the site to"),
            "{output}: {}",
            run.stderr
        );
    }
    assert!(!site.path("content/new").exists());
    assert_eq!(fs::read_dir(site.path("i18n")).expect("list").count(), 0);
    // A folder beside the site reached through `..` is still fine.
    let run = site.run(&["build", "--output", "lnk/../../site-out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("site-out/index.html").is_file());
}

#[test]
fn a_named_pipe_is_an_error_not_a_build_that_waits_for_ever() {
    for file in ["data/glossary.yaml", "site.yaml"] {
        let site = TestSite::new("basic");
        fs::create_dir_all(site.path("data")).expect("mkdir");
        if file == "site.yaml" {
            fs::remove_file(site.path(file)).expect("rm");
        }
        let made = Command::new("mkfifo")
            .arg(site.path(file))
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let out = Command::new("timeout")
            .args(["60", env!("CARGO_BIN_EXE_plainsite"), "build"])
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(
            out.status.code(),
            Some(124),
            "{file}: still waiting after 60 s"
        );
        assert_ne!(out.status.code(), Some(0), "{file}: {stderr}");
        assert!(stderr.contains("named pipe"), "{file}: {stderr}");
    }
}

#[test]
fn raw_html_that_would_run_a_script_is_an_error_and_shown_as_text() {
    let site = TestSite::new("basic");
    let yaml = fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write("site.yaml", format!("{yaml}allow_html: true\n"));
    site.write(
        "content/news/embed.md",
        "---\ntitle: Embed\ndescription: Embedded code.\n---\n\nSee <a href=\"java&#x09;script:alert(1)\">this</a> now.\n\n<div>\n<img src=\"x.png\" alt=\"A chart\" onerror=\"alert(2)\">\n</div>\n\n<details><summary>More</summary>On call at night.</details>\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for at in ["content/news/embed.md:6:5", "content/news/embed.md:9:1"] {
        assert!(
            run.stderr.contains(at) && run.stderr.contains("script-html"),
            "{at}: {}",
            run.stderr
        );
    }
    assert_eq!(
        run.stderr.matches("error[script-html]").count(),
        2,
        "{}",
        run.stderr
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.path("public/news/embed/index.html").exists());
}

#[test]
fn a_mount_point_write_never_goes_through_a_persons_link() {
    // Needs a private mount namespace (root in a container): skipped elsewhere.
    let probe = Command::new("unshare")
        .args(["-m", "sh", "-c", "mount -t tmpfs none \"$0\"", "/mnt"])
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("skipped: cannot mount a file system here");
        return;
    }
    let site = TestSite::new("basic");
    site.write(
        "content/news/extra.md",
        "---\ntitle: Extra\ndescription: One more.\n---\nText.\n",
    );
    let elsewhere = tempfile::tempdir().expect("tempdir");
    fs::write(elsewhere.path().join("index.html"), "someone's page").expect("write");
    fs::create_dir_all(site.path("public")).expect("mkdir");
    let bin = env!("CARGO_BIN_EXE_plainsite");
    let to = elsewhere.path().display();
    // A page no longer made, now behind a link: the link and what it leads to
    // stay. A page still made, behind a link: an error before anything moves.
    let script = format!(
        "mount -t tmpfs none public && {bin} build && \
         rm -r public/news/extra && ln -s {to} public/news/extra && rm content/news/extra.md && \
         {bin} build && echo first-ok && \
         rm -r public/news/item-2 && ln -s {to} public/news/item-2 && \
         {bin} build; echo code=$?; ls -A {to}"
    );
    let out = Command::new("unshare")
        .args(["-m", "sh", "-c", &script])
        .current_dir(site.root())
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("first-ok"), "{stdout}\n{stderr}");
    assert!(stdout.contains("code=2"), "{stdout}\n{stderr}");
    assert!(
        stderr.contains(
            "public/news/item-2 is a link to another place, which plainsite will not write through"
        ),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(elsewhere.path().join("index.html")).unwrap_or_default(),
        "someone's page"
    );
    assert_eq!(
        fs::read_dir(elsewhere.path()).expect("list").count(),
        1,
        "{stdout}"
    );
}

#[test]
fn a_link_or_a_file_where_the_site_has_a_folder_is_named_and_left_alone() {
    let site = TestSite::new("basic");
    site.build_ok();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    fs::write(elsewhere.path().join("mine.txt"), "mine").expect("write");
    let before = checksums(elsewhere.path());
    fs::remove_dir_all(site.path("public/news")).expect("rm");
    symlink(elsewhere.path(), site.path("public/news")).expect("link");
    let live = site.checksums();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "public/news is a link to another place, which plainsite will not write through"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: delete public/news (or the whole public folder) and build again"),
        "{}",
        run.stderr
    );
    // Nothing written through the link, nothing of the site's changed.
    assert_eq!(checksums(elsewhere.path()), before);
    assert_eq!(site.checksums(), live);
    assert!(site.path("public/news").is_symlink());
    // A file there is named as a file.
    fs::remove_file(site.path("public/news")).expect("rm");
    fs::write(site.path("public/news"), "notes").expect("write");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "public/news is a file that plainsite did not make, where the site has a folder"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(site.path("public/news")).expect("read"),
        "notes"
    );
    // Deleted as the help says, the build goes through.
    fs::remove_file(site.path("public/news")).expect("rm");
    site.build_ok();
    assert!(site.path("public/news/index.html").is_file());
}

#[test]
fn a_page_saved_with_another_ending_is_named_and_never_published_as_a_file() {
    let site = TestSite::new("basic");
    site.build_ok();
    let page = "---\ntitle: Plans\ndraft: true\n---\n\nNot for the public yet.\n";
    site.write("content/Plans.MD", page);
    site.write("content/notes.markdown", page);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (file, help) in [
        ("content/Plans.MD", "rename it to Plans.md"),
        ("content/notes.markdown", "rename it to notes.md"),
    ] {
        assert!(
            run.stderr.contains(&format!(
                "error[file]: {file}: this file is not read as a page"
            )),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(help), "{}", run.stderr);
    }
    let published = site.output_files();
    assert!(
        !published
            .iter()
            .any(|f| f.ends_with(".MD") || f.ends_with(".markdown")),
        "{published:?}"
    );
}

#[test]
fn a_page_or_folder_named_as_a_windows_device_is_warned_of_and_still_built() {
    let site = TestSite::new("basic");
    let page = "---\ntitle: Contact us\n---\n\nWrite to us.\n";
    site.write("content/con.md", page);
    site.write("content/aux/_index.md", "---\ntitle: Help\n---\n\nHelp.\n");
    site.write("content/aux/a.md", page);
    for command in [&["build", "--verbose"][..], &["check"]] {
        let run = site.run(command);
        assert_eq!(run.code, 0, "{command:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(
                "warning[windows-name]: content/con.md: Windows keeps the name `con` for a device, so colleagues on Windows or OneDrive cannot open, copy or sync this file"
            ),
            "{command:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("help: rename the file, to a name of more than one word"),
            "{command:?}: {}",
            run.stderr
        );
        assert_eq!(
            run.stderr
                .matches("warning[windows-name]: content/aux:")
                .count(),
            1,
            "{command:?}: one warning for the folder: {}",
            run.stderr
        );
    }
    assert!(site.path("public/con/index.html").is_file());
    // Renamed as the help says, the warnings go.
    fs::rename(
        site.path("content/con.md"),
        site.path("content/contact-us.md"),
    )
    .expect("mv");
    fs::rename(
        site.path("content/aux"),
        site.path("content/help-and-advice"),
    )
    .expect("mv");
    let run = site.run(&["check"]);
    assert!(!run.stderr.contains("windows-name"), "{}", run.stderr);
}
