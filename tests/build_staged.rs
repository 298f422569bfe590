//! `build` writes each page into the staging folder as soon as it is rendered
//! instead of holding every page's HTML until the write: the site it makes must
//! be the one made in memory, byte for byte, search index included, and a failed
//! build must leave the last good site and no staging folder.

mod common;

use std::fs;

use common::TestSite;
use plainsite::BuildOptions;
use plainsite::output::{OutputFile, Staging};

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        today: Some("2025-06-01".parse().expect("a date")),
        fingerprint: true,
        ..BuildOptions::default()
    }
}

/// Builds each fixture in memory and staged (each content page drawn as soon
/// as its Markdown is rendered), and compares every file and finding.
#[test]
fn a_staged_build_makes_the_same_files_as_one_in_memory() {
    let fixtures = [
        "basic",
        "theme-languages",
        "feeds-search",
        "theme-document",
        "publish-briefing-budget",
    ];
    for fixture in fixtures {
        let site = TestSite::new(fixture);
        if fixture == "publish-briefing-budget" {
            site.write("content/briefings/two-tables.md", TWO_TABLES);
        }
        let memory = plainsite::build(&options(&site)).expect("build in memory");
        if fixture == "publish-briefing-budget" {
            assert!(
                memory
                    .diagnostics
                    .iter()
                    .any(|d| d.message.contains("2 tables, where one fits")),
                "{:?}",
                memory.diagnostics
            );
        }
        let public = site.path("public");
        let staging = Staging::begin(&public).expect("a staging folder");
        let staged = plainsite::build_staged(&options(&site), &staging).expect("staged build");
        // The same findings too: the briefing checks read a briefing's HTML
        // after the Markdown stage, so a briefing's is kept until then.
        assert_eq!(memory.diagnostics, staged.diagnostics, "{fixture}");
        let paths: Vec<&str> = memory.output.paths().collect();
        assert_eq!(
            paths,
            staged.output.paths().collect::<Vec<_>>(),
            "{fixture}"
        );
        assert!(
            paths.iter().any(|p| p.starts_with("search-index/")),
            "{fixture}"
        );
        let mut written = 0;
        for path in &paths {
            if let Some(OutputFile::Copy(from)) = staged.output.get(path) {
                written += usize::from(from.starts_with(staging.folder()));
            }
            let a = memory.output.read(path).expect("in memory").expect("read");
            let b = staged.output.read(path).expect("staged").expect("read");
            assert!(a == b, "{fixture}: {path} differs");
        }
        assert_eq!(
            written, staged.stats.html_files,
            "{fixture}: every page staged"
        );
        staging.write(&staged.output).expect("write");
        for path in &paths {
            let on_disk = fs::read(public.join(path)).expect("written");
            let a = memory.output.read(path).expect("in memory").expect("read");
            assert!(*a == *on_disk, "{fixture}: {path} differs on disk");
        }
        assert_eq!(leftovers(&site), Vec::<String>::new(), "{fixture}");
    }
}

/// A briefing with two tables: the briefing checks count them in its HTML.
const TWO_TABLES: &str = "---
title: Two tables
description: A short briefing with two tables in it.
---

## What is it?

A short part.

| Agency | Visits |
|---|---:|
| Health | 12 |

Table: Visits by agency

## Why it matters

A short part.

| Month | Visits |
|---|---:|
| May | 4 |

Table: Visits by month

## What we have learned

A short part.

## What to look out for

A short part.

## What to do

A short part.

## Questions to ask yourself

A short part.

## Where to find out more

A short part.
";

/// Folders plainsite made beside the output and did not remove (its cache aside).
fn leftovers(site: &TestSite) -> Vec<String> {
    fs::read_dir(site.root())
        .expect("the site folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".plainsite-") && n != ".plainsite-cache")
        .collect()
}

#[test]
fn a_failed_build_leaves_the_last_site_and_no_staging_folder() {
    let site = TestSite::new("basic");
    site.build_ok();
    let before = site.checksums();
    site.write(
        "content/news/04-item.md",
        "---\ntitle: Broken\n---\n\nSee [nowhere](no-such-page.md).\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(site.checksums(), before);
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn a_page_that_takes_the_place_of_a_persons_file_is_refused_and_nothing_is_left() {
    let site = TestSite::new("basic");
    site.build_ok();
    // The person puts a file where the next build makes a page.
    let mine = site.path("public/news/item-9/index.html");
    fs::create_dir_all(mine.parent().expect("a folder")).expect("mkdir");
    fs::write(&mine, "mine").expect("write");
    site.write(
        "content/news/09-item.md",
        "---\ntitle: Item 9\nslug: item-9\ndate: 2020-03-01\n---\n\nNew.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("did not make"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&mine).expect("kept"), "mine");
    assert_eq!(leftovers(&site), Vec::<String>::new());
}
