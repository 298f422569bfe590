//! Symbolic links that stay inside the site's folder but lead out of the
//! folder they are in (to `.env`, `.git`, raw Markdown, the output itself),
//! and links put into plainsite's cache folder. None may publish anything, or
//! make a build write outside the site. Each test failed on the code before
//! the fix.

mod common;

use std::fs;
use std::os::unix::fs::symlink;

use common::TestSite;

#[test]
fn a_link_to_a_hidden_file_or_another_folder_of_the_site_is_not_published() {
    let site = TestSite::new("basic");
    site.write(".env", "TOKEN=secret-from-env\n");
    site.write(".git/config", "url = https://token-from-git@example.org/\n");
    site.write("content/.private/notes.md", "secret-from-private\n");
    fs::create_dir_all(site.path("static/x")).expect("mkdir");
    let links = [
        ("../../.env", "static/x/env.txt"),
        ("../../.git/config", "static/x/gitconfig.txt"),
        ("../../content/.private", "static/x/priv"),
        ("../content", "static/src"),
        ("../public", "static/out"),
        ("../.git", "content/gitdir"),
    ];
    // Built once first, so that public/ exists for `static/out`.
    site.build_ok();
    for (target, link) in links {
        symlink(target, site.path(link)).expect("link");
    }
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (_, link) in links {
        assert!(
            run.stderr.contains(&format!("error[outside-link]: {link}")),
            "{link}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("leads out of its folder, or to a hidden file")
    );
    assert!(
        run.stderr
            .contains("copy the file into the folder of the link")
    );
    let out = site.path("public");
    let published = walkdir::WalkDir::new(&out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .any(|e| {
            let text = fs::read_to_string(e.path()).unwrap_or_default();
            text.contains("secret-from") || text.contains("token-from-git")
        });
    assert!(!published, "nothing secret is in the output");
}

#[test]
fn a_link_inside_its_own_folder_is_still_followed() {
    let site = TestSite::new("basic");
    site.write("static/docs/leaflet.txt", "A leaflet.\n");
    symlink("docs/leaflet.txt", site.path("static/leaflet.txt")).expect("link");
    site.build_ok();
    assert_eq!(site.read_output("leaflet.txt"), "A leaflet.\n");
}

#[test]
fn a_cache_folder_that_is_a_link_is_refused_before_anything_is_written() {
    let site = TestSite::new("basic");
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let _ = fs::remove_dir_all(site.path(".plainsite-cache"));
    symlink(elsewhere.path(), site.path(".plainsite-cache")).expect("link");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(".plainsite-cache is a symbolic link"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_dir(elsewhere.path()).expect("read").count(), 0);
    assert!(!site.path("public").exists());
}

#[test]
fn a_link_put_into_the_cache_is_never_published() {
    let site = TestSite::new("basic");
    site.build_ok();
    let before = site.checksums();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let secret = elsewhere.path().join("secret.txt");
    fs::write(&secret, "secret-outside-the-site").expect("write");
    // Every icon plainsite made, swapped for a link to the secret.
    let icons = walkdir::WalkDir::new(site.path(".plainsite-cache"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect::<Vec<_>>();
    assert!(!icons.is_empty(), "the build made icons");
    for icon in &icons {
        fs::remove_file(icon).expect("remove");
        symlink(&secret, icon).expect("link");
    }
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("is not a plain file of plainsite's cache"),
        "{}",
        run.stderr
    );
    assert_eq!(site.checksums(), before, "the last good site is kept");
    let linked = walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .flatten()
        .any(|e| e.path_is_symlink());
    assert!(!linked);
}

#[test]
fn a_data_file_or_glossary_that_links_to_a_hidden_file_is_not_read() {
    let site = TestSite::new("basic");
    site.write(".git/config", "token-from-git,1\n");
    fs::create_dir_all(site.path("data")).expect("mkdir");
    symlink("../.git/config", site.path("data/figures.csv")).expect("link");
    symlink("../.git/config", site.path("data/glossary.yaml")).expect("link");
    site.write(
        "content/figures.md",
        "---\ntitle: Figures\ndescription: Our figures.\n---\n\n```{chart} title=\"Contacts\" file=\"figures.csv\"\n```\n",
    );
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "data/figures.csv is a symbolic link that leads out of data/ or to a hidden file"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error[outside-link]: data/glossary.yaml"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("token-from-git"), "{}", run.stderr);
}

#[test]
fn a_noscript_that_could_hide_a_script_is_an_error_and_escaped() {
    let site = TestSite::new("basic");
    let yaml = fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write("site.yaml", format!("{yaml}allow_html: true\n"));
    site.write(
        "content/news/noscript.md",
        "---\ntitle: No script\ndescription: A trick.\n---\n\n<NoScript><p title=\"</noscript><img src=x onerror=alert(17)>\"></noscript>\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[script-html]: content/news/noscript.md:6:1: this `<noscript>` tag could hide code"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_new_section_is_never_written_through_a_link_out_of_content() {
    let site = TestSite::new("basic");
    let elsewhere = tempfile::tempdir().expect("tempdir");
    symlink(elsewhere.path(), site.path("content/ext")).expect("link");
    let run = site.run(&["new", "section", "ext"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/ext is a symbolic link that leads out of content/"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_dir(elsewhere.path()).expect("read").count(), 0);
}
