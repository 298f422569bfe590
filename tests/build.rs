//! Integration tests: fixture sites built by the real binary.

mod common;

use common::{TestSite, main_of};

#[test]
fn builds_every_kind_of_page() {
    let site = TestSite::new("basic");
    let run = site.build_ok();
    insta::assert_snapshot!(run.stdout, @"Built 4 pages in 3 sections (14 HTML files, 43 files in all) in [N] ms into public");
    // The search index's file names follow the words of the text; its own tests check it.
    let files: Vec<String> = site
        .output_files()
        .into_iter()
        .filter(|f| !f.starts_with("search-index/words/") && !f.starts_with("search-index/vocab/"))
        .map(|f| common::mask_fingerprints(&f))
        .collect();
    insta::assert_debug_snapshot!(files);
}

#[test]
fn links_to_markdown_files_become_page_urls() {
    let site = TestSite::new("basic");
    site.build_ok();
    let home = site.read_output("index.html");
    assert!(home.contains(r#"href="/news/""#), "{}", main_of(&home));
    assert!(home.contains(r#"href="/guides/leaflet/""#));
    let item = site.read_output("news/item-2/index.html");
    assert!(
        item.contains(r#"href="/news/item-1/#what-happened""#),
        "{}",
        main_of(&item)
    );
    assert!(item.contains(r#"href="/files/leaflet.txt""#));
}

#[test]
fn bundle_files_are_copied_beside_their_page() {
    let site = TestSite::new("basic");
    site.build_ok();
    assert_eq!(
        site.read_output("guides/leaflet/checklist.txt"),
        "Checklist\n"
    );
    assert!(
        site.read_output("guides/leaflet/index.html")
            .contains(r#"href="/guides/leaflet/checklist.txt""#)
    );
}

#[test]
fn sections_sort_newest_first_and_paginate() {
    let site = TestSite::new("basic");
    site.build_ok();
    let first = main_of(&site.read_output("news/index.html"));
    let second = main_of(&site.read_output("news/page/2/index.html"));
    let pos = |s: &str, t: &str| s.find(t).unwrap_or(usize::MAX);
    assert!(
        pos(&first, "News item 3") < pos(&first, "News item 2"),
        "{first}"
    );
    assert!(!first.contains("News item 1"));
    assert!(second.contains("News item 1"));
    assert!(second.contains("Page 2 of 2"));
    assert!(
        site.read_output("news/page/2/index.html")
            .contains("<title>News (page 2 of 2) – Fixture Partnership</title>")
    );
}

#[test]
fn long_listings_link_to_nearby_pages_and_topics_are_paginated() {
    let site = TestSite::new("basic");
    site.write(
        "content/notes/_index.md",
        "---\ntitle: Notes\ndescription: Short notes.\nsort_by: title\npaginate_by: 1\n---\n\nNotes.\n",
    );
    for n in 1..=25 {
        site.write(
            &format!("content/notes/note-{n:02}.md"),
            format!(
                "---\ntitle: Note {n:02}\ndescription: Note number {n}.\ndate: 2024-01-{n:02}\ntopics: [many notes]\n---\n\nA note.\n"
            ),
        );
    }
    site.build_ok();
    // Page 12 of 25 links to the ends and its neighbours, with a gap either side.
    let middle = main_of(&site.read_output("notes/page/12/index.html"));
    for page in [
        "/notes/\"",
        "/notes/page/11/",
        "/notes/page/13/",
        "/notes/page/25/",
    ] {
        assert!(
            middle.contains(&format!("href=\"{page}")),
            "{page}: {middle}"
        );
    }
    assert!(!middle.contains("href=\"/notes/page/5/\""), "{middle}");
    assert_eq!(middle.matches("class=\"gap\"").count(), 2, "{middle}");
    // A topic of 25 pages has two pages of 20 and 5, newest first.
    let first = main_of(&site.read_output("topics/many-notes/index.html"));
    let second = main_of(&site.read_output("topics/many-notes/page/2/index.html"));
    assert!(
        first.contains("Note 25") && !first.contains("Note 05"),
        "{first}"
    );
    assert!(
        second.contains("Note 05") && second.contains("Note 01"),
        "{second}"
    );
    assert!(second.contains("Page 2 of 2"), "{second}");
    assert!(
        site.read_output("topics/many-notes/page/2/index.html")
            .contains(
                "<title>Topic: many notes (page 2 of 2) – Topics – Fixture Partnership</title>"
            )
    );
}

#[test]
fn topics_get_an_index_and_a_page_each() {
    let site = TestSite::new("basic");
    site.build_ok();
    let index = main_of(&site.read_output("topics/index.html"));
    assert!(index.contains(r#"href="/topics/early-help/""#), "{index}");
    let neglect = main_of(&site.read_output("topics/neglect/index.html"));
    for title in ["News item 1", "News item 2", "News item 3", "Leaflet guide"] {
        assert!(neglect.contains(title), "{title} missing from {neglect}");
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::new("basic");
    site.write(
        "content/news/draft.md",
        "---\ntitle: Not ready\ndraft: true\n---\nText\n",
    );
    site.build_ok();
    assert!(!site.path("public/news/draft/index.html").exists());
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("public/news/draft/index.html").exists());
}

/// A draft's files (its bundle, below it, and those beside a draft section's
/// `_index.md`) were published while its page was not.
#[test]
fn the_files_of_a_draft_are_left_out_with_it_unless_drafts_are_asked_for() {
    let site = TestSite::new("basic");
    site.write(
        "content/news/review/index.md",
        "---\ntitle: Review\ndraft: true\nattachments: [draft.pdf]\n---\nText\n",
    );
    site.write("content/news/review/draft.pdf", "%PDF-1.4 names the family");
    site.write("content/news/review/notes/a.txt", "notes");
    site.write(
        "content/plans/_index.md",
        "---\ntitle: Plans\ndraft: true\n---\n",
    );
    site.write("content/plans/outline.txt", "outline");
    site.write("content/news/kept.txt", "kept");
    let drafts = [
        "public/news/review/draft.pdf",
        "public/news/review/notes/a.txt",
        "public/plans/outline.txt",
    ];
    site.build_ok();
    for file in drafts {
        assert!(!site.path(file).exists(), "{file} was published");
    }
    assert!(site.path("public/news/kept.txt").exists());
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in drafts {
        assert!(site.path(file).exists(), "{file} is missing with --drafts");
    }
}

/// A section marked draft was left out, but its pages and the sections below
/// it were published, reachable by their addresses and in the sitemap.
#[test]
fn what_is_under_a_draft_section_is_left_out_with_it() {
    let site = TestSite::new("basic");
    site.write(
        "content/report/_index.md",
        "---\ntitle: Annual report\ndraft: true\ndocument: true\n---\n",
    );
    site.write(
        "content/report/01-foreword.md",
        "---\ntitle: Foreword\n---\nNot ready to be read.\n",
    );
    site.write(
        "content/report/data/_index.md",
        "---\ntitle: Figures\n---\n",
    );
    site.write(
        "content/report/data/referrals.md",
        "---\ntitle: Referrals\n---\nNot checked yet.\n",
    );
    site.write("content/report/data/table.csv", "a,b\n");
    let drafts = [
        "public/report/index.html",
        "public/report/foreword/index.html",
        "public/report/data/index.html",
        "public/report/data/referrals/index.html",
        "public/report/data/table.csv",
        "public/report/print/index.html",
    ];
    site.build_ok();
    for file in drafts {
        assert!(!site.path(file).exists(), "{file} was published");
    }
    let sitemap = site.read_output("sitemap.xml");
    assert!(!sitemap.contains("/report/"), "{sitemap}");
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in drafts {
        assert!(site.path(file).exists(), "{file} is missing with --drafts");
    }
}

#[test]
fn a_link_into_a_draft_section_names_the_section() {
    let site = TestSite::new("basic");
    site.write(
        "content/plans/_index.md",
        "---\ntitle: Plans\ndraft: true\n---\n",
    );
    site.write("content/plans/next.md", "---\ntitle: Next\n---\nText\n");
    site.write(
        "content/news/plan-note.md",
        "---\ntitle: Plan note\n---\nRead the [plan](../plans/next.md).\n\nSee [all plans](../plans/).\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/news/plan-note.md:6:5: broken link `../plans/`: the page it points to is a draft (`draft: true`)"), "{}", run.stderr);
    assert!(run.stderr.contains("content/news/plan-note.md:4:10: broken link `../plans/next.md`: the page it points to is in a draft section (its folder's `_index.md` has `draft: true`)"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("help: publish the section by removing `draft: true` from its `_index.md`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_link_to_a_draft_says_it_is_a_draft_and_works_with_drafts() {
    let site = TestSite::new("basic");
    site.write(
        "content/news/draft-plan.md",
        "---\ntitle: Draft plan\ndraft: true\n---\nText\n",
    );
    site.write(
        "content/news/plan-note.md",
        "---\ntitle: Plan note\n---\nRead the [draft plan](draft-plan.md).\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[broken-link]: content/news/plan-note.md:4:10: broken link `draft-plan.md`: the page it points to is a draft (`draft: true`), so it is not published and this link would lead nowhere"), "{}", run.stderr);
    assert!(run.stderr.contains("help: publish it by removing `draft: true`, or remove the link; `plainsite serve --drafts` previews drafts"), "{}", run.stderr);
    assert!(!run.stderr.contains("no such page"), "{}", run.stderr);
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.read_output("news/plan-note/index.html")
            .contains("href=\"/news/draft-plan/\"")
    );
}

#[test]
fn base_url_override_prefixes_every_internal_link() {
    let site = TestSite::new("basic");
    let run = site.run(&["build", "--base-url", "https://example.org/preview/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let item = site.read_output("news/item-2/index.html");
    assert!(item.contains(r#"href="/preview/news/item-1/#what-happened""#));
    assert!(common::mask_fingerprints(&item).contains(r#"href="/preview/css/site.[HASH].css""#));
    assert!(
        !item.contains(r#"href="/news/"#),
        "an internal link lacks the base path"
    );
}

#[test]
fn a_file_the_user_put_in_public_survives_a_build() {
    let site = TestSite::new("basic");
    site.build_ok();
    site.write("public/google-verification.html", "mine");
    site.write(
        "content/news/04-item.md",
        "---\ntitle: News item 4\nslug: item-4\ndate: 2020-04-15\n---\nNew.\n",
    );
    site.build_ok();
    assert_eq!(site.read_output("google-verification.html"), "mine");
    assert!(site.path("public/news/item-4/index.html").exists());
}

#[test]
fn a_stale_page_is_removed_when_its_source_goes() {
    let site = TestSite::new("basic");
    site.build_ok();
    std::fs::remove_file(site.path("content/news/03-item.md")).expect("remove");
    site.build_ok();
    assert!(!site.path("public/news/item-3/index.html").exists());
}

#[test]
fn bom_and_crlf_are_accepted() {
    let site = TestSite::new("basic");
    site.write("content/news/crlf.md", "\u{feff}---\r\ntitle: Windows file\r\ndate: 2019-01-01\r\n---\r\n## Heading\r\n\r\nText.\r\n");
    site.build_ok();
    assert!(
        site.read_output("news/crlf/index.html")
            .contains("Windows file")
    );
}

#[test]
fn a_phone_number_from_settings_is_linked_without_its_spaces() {
    let site = TestSite::new("basic");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        yaml.replace(
            "report_concern: { text: Report a concern about a child, url: /news/ }",
            "report_concern: { text: \"Call 0800 123 4567\", url: \"tel:0800 123 4567\" }",
        )
        .replace(
            "  - { name: News, url: /news/ }\n",
            "  - { name: News, url: /news/ }\n  - { name: Helpline, url: \"tel:+44 (0)1632 960-000\" }\n",
        ),
    );
    site.build_ok();
    let html = site.read_output("index.html");
    assert!(
        html.contains(r#"<p class="concern"><a href="tel:08001234567">Call 0800 123 4567</a></p>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="tel:+441632960000">Helpline</a>"#),
        "{html}"
    );
    assert!(!html.contains("tel:0800 "), "{html}");
}
