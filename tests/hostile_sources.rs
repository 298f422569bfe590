//! Hostile or careless input in the files beside the pages: a spreadsheet's data
//! file, an old address, raw HTML that reaches outside its page. Each test
//! failed on `main` at `0cac9aa`.

mod common;

use common::TestSite;

fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndescription: A page for a test.\n---\n\n{body}\n")
}

#[test]
fn a_control_character_in_a_data_file_stops_the_build_at_its_line() {
    let site = TestSite::new("basic");
    site.write(
        "data/contacts.csv",
        "Year,Contacts\n2018-19,\"9,760\"\n\"2019\u{0}-20\",\"10,178\"\n",
    );
    site.write(
        "content/figures.md",
        page(
            "Figures",
            "Contacts rose.\n\n```{chart} title=\"Contacts\" file=\"contacts.csv\"\n```",
        ),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("data/contacts.csv:3:6:") && run.stderr.contains("U+0000"),
        "{}",
        run.stderr
    );
    assert!(!site.path("public").exists());
}

#[test]
fn an_alias_that_differs_from_a_page_only_in_capitals_is_an_error() {
    // An old address from the last website often has capitals. On Windows and
    // Mac, and on hosts that ignore capitals, /About/Contact/index.html is the
    // page's own file, so the page would become a redirect to itself.
    let site = TestSite::new("basic");
    site.write("content/contact.md", page("Contact us", "Write to us."));
    site.write(
        "content/moved.md",
        "---\ntitle: Moved\ndescription: A page for a test.\naliases:\n  - /old/moved/\n  - /Contact/\n---\n\nText.\n",
    );
    site.write(
        "content/other.md",
        "---\ntitle: Other\ndescription: A page for a test.\naliases: [/OLD/Moved/]\n---\n\nText.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/moved.md:6:")
            && run
                .stderr
                .contains("\"/Contact/\" differs from /contact/index.html only in capital letters"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/other.md:4:")
            && run.stderr.contains("\"/OLD/Moved/\" differs from the alias \"/old/moved/\" of content/moved.md only in capital letters"),
        "{}",
        run.stderr
    );
    assert!(!site.path("public").exists());
}

#[test]
fn html_that_would_be_shown_as_text_or_act_on_the_whole_page_is_reported() {
    // With `allow_html: true`, an embed code pasted from YouTube or Microsoft
    // Forms is shown to readers as code; a `<base>` would send every link of
    // the page, the menu and the report-a-concern link too, to another site.
    let site = TestSite::new("basic");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write("site.yaml", format!("{yaml}allow_html: true\n"));
    site.write(
        "content/video.md",
        page(
            "Video",
            "Watch this.\n\n<iframe src=\"https://www.youtube.com/embed/abc\"></iframe>\n\n<base href=\"https://evil.example/\">\n\n<META http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (place, tag) in [
        ("content/video.md:8:1:", "`<iframe>`"),
        ("content/video.md:10:1:", "`<base>`"),
        ("content/video.md:12:1:", "`<META>`"),
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("warning[raw-html]")
                    && l.contains(place)
                    && l.contains(tag)),
            "{place} {tag}: {}",
            run.stderr
        );
    }
    site.build_ok();
    let html = site.read_output("video/index.html");
    for tag in ["<iframe", "<base", "<META"] {
        assert!(!html.contains(tag), "{tag}: {html}");
    }
}

#[test]
fn an_alias_copied_from_the_address_bar_is_read_as_the_browser_sends_it() {
    // A browser shows /café/ as /caf%C3%A9/; hosts decode the request and look
    // for the folder café/. A folder called caf%C3%A9/ would never be found,
    // and %2e%2e is `..` to every browser.
    let site = TestSite::new("basic");
    site.write(
        "content/moved.md",
        "---\ntitle: Moved\ndescription: A page for a test.\naliases: [\"/caf%C3%A9/\", \"/old/100%25/\"]\n---\n\nText.\n",
    );
    site.build_ok();
    assert!(site.path("public/café/index.html").is_file());
    assert!(site.path("public/old/100%/index.html").is_file());
    assert!(!site.path("public/caf%C3%A9").exists());
    for (alias, says) in [
        ("/%2e%2E/old/", "has `.` or `..` in it"),
        ("/a%2Fb/", "an encoded `/`"),
        ("/old%20page/", "(?, #, \\ or a space)"),
        ("/x%FF/", "not a character"),
    ] {
        site.write(
            "content/moved.md",
            format!("---\ntitle: Moved\ndescription: A page for a test.\naliases: [\"{alias}\"]\n---\n\nText.\n"),
        );
        let run = site.run(&["check"]);
        assert_eq!(run.code, 1, "{alias}: {}", run.stderr);
        assert!(
            run.stderr.contains("content/moved.md:4:") && run.stderr.contains(says),
            "{alias}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_file_or_folder_whose_name_is_not_utf8_stops_the_build() {
    // Two such names differ only in bytes that stand for no character: given
    // addresses from their names with those bytes replaced, both would be
    // published at one address and one file lost without a word.
    use std::os::unix::ffi::OsStrExt;
    let site = TestSite::new("basic");
    let named = |dir: &str, name: &[u8]| site.path(dir).join(std::ffi::OsStr::from_bytes(name));
    std::fs::create_dir_all(site.path("static")).unwrap();
    std::fs::write(named("static", b"plan\xfe.pdf"), "first").unwrap();
    std::fs::write(named("static", b"plan\xfd.pdf"), "second").unwrap();
    std::fs::create_dir_all(named("static", b"old\xff")).unwrap();
    std::fs::write(named("static", b"old\xff").join("a.txt"), "a").unwrap();
    std::fs::write(named("content", b"news\xff.md"), page("News", "Text.")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for shown in [
        "static/plan\u{FFFD}.pdf",
        "static/old\u{FFFD}",
        "content/news\u{FFFD}.md",
    ] {
        let said = run
            .stderr
            .lines()
            .filter(|l| l.starts_with(&format!("error[file]: {shown}:")))
            .filter(|l| l.contains("name is not UTF-8"))
            .count();
        let expected = if shown.contains("plan") { 2 } else { 1 };
        assert_eq!(said, expected, "{shown}: {}", run.stderr);
    }
    assert!(!site.path("public").exists());
}

#[test]
fn a_content_file_at_the_address_of_a_static_file_is_an_error() {
    // Both would be published at /guides/leaflet/checklist.txt; the one in
    // content/ replaced the one in static/ without a word.
    let site = TestSite::new("basic");
    site.write("static/guides/leaflet/checklist.txt", "From static.\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.lines().any(|l| l.starts_with(
            "error[duplicate-url]: content/guides/leaflet/checklist.txt: this file has the address /guides/leaflet/checklist.txt, as static/guides/leaflet/checklist.txt has"
        )),
        "{}",
        run.stderr
    );
    assert!(!site.path("public").exists());
}
