//! The output boundary (issue 14, items 1, 2, 3 and 8): nothing is written outside
//! the output folder, nothing of a person's own folder is changed, nothing from
//! outside the site is published, and the smaller edges of paths and names.
//! Each test failed on the code before the fix.

mod common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;

use common::TestSite;

fn mode(p: &Path) -> u32 {
    fs::symlink_metadata(p)
        .map(|m| m.mode() & 0o7777)
        .unwrap_or(0)
}

fn owner(p: &Path) -> (u32, u32) {
    fs::symlink_metadata(p)
        .map(|m| (m.uid(), m.gid()))
        .unwrap_or((0, 0))
}

// Item 1: writing outside the output folder.

#[test]
fn an_empty_slug_in_a_top_level_bundle_is_an_error_at_its_line() {
    let site = TestSite::new("basic");
    site.write(
        "content/topbund/index.md",
        "---\ntitle: Top bundle\nslug: \"\"\n---\nText.\n",
    );
    site.write("content/topbund/note.txt", "beside");
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains("content/topbund/index.md:3:1")
                && run.stderr.contains("`slug` is empty"),
            "{command}: {}",
            run.stderr
        );
    }
    assert!(!site.path("public").exists(), "nothing written");
}

#[test]
fn an_empty_slug_in_a_nested_bundle_is_an_error_not_a_double_slash() {
    let site = TestSite::new("basic");
    site.write(
        "content/guides/leaflet/index.md",
        "---\ntitle: Leaflet guide\nslug: ''\n---\nText.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/guides/leaflet/index.md:3:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn over_long_slugs_topics_and_aliases_are_errors_found_by_check() {
    let long = "a".repeat(300);
    let site = TestSite::new("basic");
    site.write(
        "content/news/long.md",
        format!("---\ntitle: Long\nslug: {long}\n---\nText.\n"),
    );
    site.write(
        "content/news/topic.md",
        format!("---\ntitle: Topic\ntopics: [{long}]\n---\nText.\n"),
    );
    site.write(
        "content/news/alias.md",
        format!("---\ntitle: Alias\naliases: [\"/old//page/\", \"/{long}/\"]\n---\nText.\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for at in [
        "content/news/long.md:3:1",
        "content/news/topic.md:3:1",
        "content/news/alias.md:3",
    ] {
        assert!(run.stderr.contains(at), "{at}: {}", run.stderr);
    }
    assert!(run.stderr.contains("255"), "{}", run.stderr);
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
}

// Item 2: the person's own folder.

#[test]
fn refuses_a_non_empty_folder_it_did_not_make_and_touches_nothing() {
    let site = TestSite::new("basic");
    let out = site.path("mine");
    fs::create_dir_all(out.join("private")).expect("mkdir");
    fs::write(out.join("notes.txt"), "mine").expect("write");
    fs::set_permissions(out.join("private"), fs::Permissions::from_mode(0o700)).expect("chmod");
    let before = common::checksums(&out);
    let run = site.run(&["build", "--output", "mine"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert!(run.stderr.contains("help:"), "{}", run.stderr);
    assert_eq!(before, common::checksums(&out));
    assert_eq!(mode(&out.join("private")), 0o700);
    let leftovers: Vec<_> = fs::read_dir(site.root())
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".plainsite"))
        // The site's cache (made icons and images) is kept on purpose.
        .filter(|e| e.file_name() != ".plainsite-cache")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn keeps_the_persons_folders_modes_owners_empty_folders_and_links() {
    let site = TestSite::new("basic");
    site.build_ok();
    let public = site.path("public");
    fs::create_dir_all(public.join(".ssh")).expect("mkdir");
    fs::create_dir_all(public.join("private/empty")).expect("mkdir");
    fs::create_dir_all(public.join("news/extra")).expect("mkdir");
    fs::write(public.join(".ssh/key"), "k").expect("write");
    symlink("/etc/hostname", public.join("private/link")).expect("symlink");
    fs::set_permissions(public.join(".ssh"), fs::Permissions::from_mode(0o700)).expect("chmod");
    fs::set_permissions(public.join("private"), fs::Permissions::from_mode(0o750)).expect("chmod");
    fs::set_permissions(&public, fs::Permissions::from_mode(0o711)).expect("chmod");
    // Other owners can be given only by root; as anyone else the owner is kept anyway.
    let _ = std::os::unix::fs::chown(public.join("private"), Some(1234), Some(1234));
    let _ = std::os::unix::fs::lchown(public.join("private/link"), Some(1234), Some(1234));
    let watched = [
        ".ssh",
        "private",
        "private/empty",
        "private/link",
        "news/extra",
        "",
    ];
    let before: Vec<_> = watched
        .iter()
        .map(|p| (mode(&public.join(p)), owner(&public.join(p))))
        .collect();
    site.build_ok();
    let after: Vec<_> = watched
        .iter()
        .map(|p| (mode(&public.join(p)), owner(&public.join(p))))
        .collect();
    assert_eq!(before, after, "{watched:?}");
    assert!(public.join("private/empty").is_dir());
    assert_eq!(
        fs::read_link(public.join("private/link")).ok().as_deref(),
        Some(Path::new("/etc/hostname"))
    );
    assert!(public.join("index.html").is_file());
}

#[test]
fn writes_into_a_mount_point_in_place_and_leaves_no_staging_folder() {
    // Needs a private mount namespace (root in a container): skipped elsewhere.
    let site = TestSite::new("basic");
    let probe = std::process::Command::new("unshare")
        .args(["-m", "sh", "-c", "mount -t tmpfs none \"$0\"", "/mnt"])
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("skipped: cannot mount a file system here");
        return;
    }
    fs::create_dir_all(site.path("mnt")).expect("mkdir");
    fs::create_dir_all(site.path("elsewhere")).expect("mkdir");
    let bin = env!("CARGO_BIN_EXE_plainsite");
    // A tmpfs is a mount point on another device (found before writing); a bind
    // mount is on the same device, so only the failing swap shows it.
    for mount in ["mount -t tmpfs none mnt", "mount --bind elsewhere mnt"] {
        let script = format!(
            "{mount} && {bin} build --output mnt && echo mine > mnt/mine.txt && \
             mkdir -m 700 mnt/private && rm mnt/news/item-2/index.html && {bin} build --output mnt && \
             stat -c %a mnt/private && test -f mnt/news/item-2/index.html && \
             ls -A mnt && ls -A . && cat mnt/mine.txt && test -f mnt/news/item-1/index.html"
        );
        let out = std::process::Command::new("unshare")
            .args(["-m", "sh", "-c", &script])
            .current_dir(site.root())
            .output()
            .expect("run");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{mount}: {stdout}\n{stderr}");
        assert!(!stdout.contains(".plainsite-staging"), "{mount}: {stdout}");
        assert!(!stdout.contains(".plainsite-old"), "{mount}: {stdout}");
        assert!(stdout.contains("mine\n"), "{mount}: {stdout}");
        assert!(stdout.contains("700\n"), "{mount}: {stdout}");
        assert!(!stderr.contains("could not move"), "{mount}: {stderr}");
    }
}

// Item 3: nothing from outside the site.

#[test]
fn links_to_files_outside_the_site_are_refused_in_content_data_and_attachments() {
    let outer = tempfile::tempdir().expect("tempdir");
    fs::write(outer.path().join("secret.txt"), "SECRET first line\n").expect("write");
    fs::write(outer.path().join("secret.csv"), "SECRET,header\n1,2\n").expect("write");
    let site = TestSite::new("basic");
    symlink(
        outer.path().join("secret.txt"),
        site.path("content/guides/leaflet/passwd"),
    )
    .expect("link");
    symlink(outer.path().join("secret.txt"), site.path("content/passwd")).expect("link");
    fs::create_dir_all(site.path("data")).expect("mkdir");
    symlink(
        outer.path().join("secret.csv"),
        site.path("data/people.csv"),
    )
    .expect("link");
    site.write(
        "content/guides/leaflet/index.md",
        "---\ntitle: Leaflet guide\nattachments: [passwd]\n---\n```{chart} title=\"People\" file=\"people.csv\"\n```\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for named in [
        "content/guides/leaflet/passwd",
        "content/passwd",
        "data/people.csv",
    ] {
        assert!(run.stderr.contains(named), "{named}: {}", run.stderr);
    }
    assert!(run.stderr.contains("outside the site"), "{}", run.stderr);
    assert!(!run.stderr.contains("SECRET"), "{}", run.stderr);
    assert!(!site.path("public").exists());
}

// Item 8: the smaller ones.

#[test]
fn attachment_urls_are_percent_encoded() {
    let site = TestSite::new("basic");
    site.write(
        "content/guides/leaflet/Leaflet #1 (final).pdf",
        "%PDF-1.4\n",
    );
    site.write(
        "content/guides/leaflet/index.md",
        "---\ntitle: Leaflet guide\nattachments: [\"Leaflet #1 (final).pdf\"]\n---\nText.\n",
    );
    site.build_ok();
    let html = site.read_output("guides/leaflet/index.html");
    assert!(
        html.contains("/guides/leaflet/Leaflet%20%231%20%28final%29.pdf"),
        "{html}"
    );
    assert!(
        site.path("public/guides/leaflet/Leaflet #1 (final).pdf")
            .is_file()
    );
}

#[test]
fn control_characters_in_titles_and_text_are_errors_at_their_place() {
    let site = TestSite::new("basic");
    site.write(
        "content/news/bell.md",
        "---\ntitle: A\u{7}bell\n---\nText\n",
    );
    site.write(
        "content/news/c1.md",
        "---\ntitle: C1\n---\nSome \u{85}text \u{fffe}\n",
    );
    // YAML escapes make them too.
    site.write(
        "content/news/escaped.md",
        "---\ntitle: Escaped\ndescription: \"One \\x07 two\"\n---\nText\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/news/escaped.md:3:1: `description` has the invisible character U+0007"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/news/bell.md:2:9"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/news/c1.md:4:6"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("U+0085"), "{}", run.stderr);
    // site.yaml and the glossary too.
    let site = TestSite::new("basic");
    let settings = fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        settings.replace("Fixture Partnership", "Fixture\u{1b} Partnership"),
    );
    site.write("data/glossary.yaml", "MASH: Multi-Agency\u{9f} Hub\n");
    let run = site.run(&["check"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("site.yaml:1:15"), "{}", run.stderr);
    site.write("site.yaml", settings);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("data/glossary.yaml:1:19"),
        "{}",
        run.stderr
    );
}

#[test]
fn files_that_take_the_address_of_a_generated_page_are_named() {
    let site = TestSite::new("basic");
    site.write(
        "data/glossary.yaml",
        "MASH: Multi-Agency Safeguarding Hub\n",
    );
    site.write("content/glossary.md", "---\ntitle: Words\n---\nText\n");
    site.write("content/news/atom.xml", "<feed/>");
    site.write("content/search.md", "---\ntitle: Find\n---\nText\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for named in [
        "content/glossary.md: this file has the address /glossary/index.html",
        "content/news/atom.xml: this file has the address /news/atom.xml",
        "content/search.md: this file has the address /search/index.html",
    ] {
        assert!(run.stderr.contains(named), "{named}: {}", run.stderr);
    }
    assert!(
        !run.stderr.contains("error[duplicate-url]: content:"),
        "{}",
        run.stderr
    );
}

#[test]
fn one_rule_for_site_files_in_static_and_content() {
    let site = TestSite::new("basic");
    site.write("static/x.css", "a{}");
    site.write("static/x.css~", "old");
    site.write("static/#x.css#", "old");
    site.write("static/.x.css.swp", "swap");
    site.write("static/.hidden/key", "k");
    site.write(
        "static/.well-known/security.txt",
        "Contact: mailto:unit@example.org\n",
    );
    site.write("content/guides/leaflet/checklist.txt~", "old");
    site.build_ok();
    let files = site.output_files();
    assert!(files.contains(&"x.css".to_owned()));
    assert!(
        files.contains(&".well-known/security.txt".to_owned()),
        "{files:?}"
    );
    for gone in [
        "x.css~",
        "#x.css#",
        ".x.css.swp",
        ".hidden/key",
        "guides/leaflet/checklist.txt~",
    ] {
        assert!(!files.contains(&gone.to_owned()), "{gone}: {files:?}");
    }
}

#[test]
fn links_out_of_the_site_in_templates_and_theme_folders_are_refused() {
    let outer = tempfile::tempdir().expect("tempdir");
    fs::write(outer.path().join("page.html"), "SECRET {{ page.title }}").expect("write");
    let site = TestSite::new("basic");
    fs::create_dir_all(site.path("templates")).expect("mkdir");
    symlink(
        outer.path().join("page.html"),
        site.path("templates/page.html"),
    )
    .expect("link");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("templates/page.html"), "{}", run.stderr);
    assert!(run.stderr.contains("outside the site"), "{}", run.stderr);
    assert!(!run.stderr.contains("SECRET"), "{}", run.stderr);
}
