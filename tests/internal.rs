//! Sections marked `internal: true`: served by the preview, left out of a public
//! build (pages, feeds, sitemap, search, topics, A–Z, menus) unless `--internal`.

mod common;

use common::TestSite;

/// The basic fixture with an internal section holding a page, a bundle and a file,
/// linked from the footer menu and tagged with a topic only it uses.
fn site_with_internal_section() -> TestSite {
    let site = TestSite::new("basic");
    site.write(
        "site.yaml",
        "title: Fixture Partnership\nbase_url: https://fixture.example.org/\nmenu:\n  - { name: News, url: /news/ }\nfooter_menu:\n  - { name: Staff notes, url: /staff-notes/ }\n  - { name: Staff page, url: /staff-notes/how }\nreport_concern: { text: Report a concern about a child, url: /news/ }\ncontact: { name: Business unit, email: unit@example.org }\nhome: { latest_from: [news], latest_count: 2 }\n",
    );
    site.write(
        "content/staff-notes/_index.md",
        "---\ntitle: Staff notes\ndescription: Notes for the people who edit the site.\ninternal: true\n---\nNotes for editors only.\n",
    );
    site.write(
        "content/staff-notes/how.md",
        "---\ntitle: How we publish\ndescription: Steps to publish.\ndate: 2024-01-02\ntopics: [editing-secrets]\n---\nWe publish on Fridays with the zebrafinch method.\n",
    );
    site.write(
        "content/staff-notes/deep/index.md",
        "---\ntitle: Deep notes\ndescription: More.\n---\nText.\n",
    );
    site.write("content/staff-notes/deep/plan.txt", "plan");
    site
}

#[test]
fn internal_sections_are_left_out_of_a_public_build() {
    let site = site_with_internal_section();
    site.build_ok();
    let files = site.output_files();
    assert!(
        !files.iter().any(|f| f.starts_with("staff-notes/")),
        "{files:?}"
    );
    assert!(!files.iter().any(|f| f.contains("editing-secrets")));
    for file in files.iter().filter(|f| {
        f.ends_with(".html") || f.ends_with(".xml") || f.ends_with(".json") || f.ends_with(".txt")
    }) {
        let text = site.read_output(file);
        assert!(!text.contains("staff-notes"), "{file} names the section");
        assert!(!text.contains("zebrafinch"), "{file} holds its text");
        assert!(!text.contains("Staff notes"), "{file} links to it");
    }
}

#[test]
fn build_internal_includes_them() {
    let site = site_with_internal_section();
    let run = site.run(&["build", "--internal"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("public/staff-notes/index.html").exists());
    assert!(site.path("public/staff-notes/how/index.html").exists());
    assert!(site.path("public/staff-notes/deep/plan.txt").exists());
    assert!(site.read_output("index.html").contains("Staff notes"));
}

#[test]
fn check_looks_at_internal_sections_too() {
    let site = site_with_internal_section();
    site.write(
        "content/staff-notes/how.md",
        "---\ntitle: How we publish\ndescription: Steps.\n---\n# Skipped\n\n### Too deep\n\nText.\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert!(
        run.stdout.contains("content/staff-notes/how.md"),
        "{}",
        run.stdout
    );
}

#[test]
fn internal_is_only_for_sections_and_must_be_true_or_false() {
    let site = TestSite::new("basic");
    site.write(
        "content/news/04-item.md",
        "---\ntitle: A page\ninternal: true\n---\nText\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("`internal` only works in a section's _index.md"),
        "{}",
        run.stderr
    );
    let site = TestSite::new("basic");
    site.write(
        "content/news/_index.md",
        "---\ntitle: News\ninternal: \"javascript:alert(1)\"\n---\nText\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/news/_index.md:3"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_public_link_into_an_internal_section_says_why_it_breaks() {
    let site = site_with_internal_section();
    site.write(
        "content/news/04-item.md",
        "---\ntitle: Item four\ndate: 2024-01-04\n---\n\nSee [how we publish](../staff-notes/how.md).\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("it points to a page in an internal section"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/news/04-item.md:6:5"),
        "{}",
        run.stderr
    );
    let run = site.run(&["build", "--internal"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_page_with_broken_yaml_is_reported_once_not_by_every_link_to_it() {
    let site = TestSite::new("basic");
    site.write(
        "content/news/four.md",
        "---\ntitle: Item four\ndate: 2024-01-04\n---\n\nSee [item one](01-item.md).\n",
    );
    site.write(
        "content/news/five.md",
        "---\ntitle: Item five\ndate: 2024-01-05\n---\n\nAlso [item one](01-item.md).\n",
    );
    site.write(
        "content/news/01-item.md",
        "---\ntitle: [unclosed\n---\n\nText\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/news/01-item.md:2"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
    // A link to a file that is not there at all is still an error.
    site.write(
        "content/news/five.md",
        "---\ntitle: Item five\n---\n\n[gone](99-item.md)\n",
    );
    let run = site.run(&["build"]);
    assert!(run.stderr.contains("broken-link"), "{}", run.stderr);
}
