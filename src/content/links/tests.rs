//! Tests of link resolution.

use super::*;
use crate::content::{FrontMatter, NotBuilt, Section};
use std::path::PathBuf;

fn page(key: &str, path: &str, is_section: bool) -> Page {
    let rel = PathBuf::from(key);
    Page {
        file: Path::new("content").join(&rel),
        key: key.to_owned(),
        text: String::new(),
        meta: FrontMatter::default(),
        path: path.to_owned(),
        dir: rel.parent().unwrap_or(Path::new("")).to_path_buf(),
        parent: None,
        is_section,
        lang: None,
        translation_of: None,
        revision: 0,
    }
}

fn site() -> SiteLinks {
    let content = Content {
        pages: vec![
            page("_index.md", "", true),
            page("briefings/_index.md", "briefings/", true),
            page("briefings/neglect.md", "briefings/neglect/", false),
            page("about/accessibility.md", "about/accessibility/", false),
        ],
        sections: vec![Section {
            index: 0,
            pages: vec![],
            subsections: vec![],
        }],
        assets: vec![crate::content::Asset {
            key: "news/visit/Photo.jpg".to_owned(),
            source: PathBuf::from("/site/content/news/visit/Photo.jpg"),
            path: "news/visit/Photo.jpg".to_owned(),
        }],
        left_out: Vec::new(),
        not_built: Default::default(),
    };
    SiteLinks::new(
        &content,
        "/preview/",
        ["files/report.pdf".to_owned(), "images/logo.png".to_owned()],
    )
}

fn rewrite(r: LinkResolution) -> String {
    match r {
        LinkResolution::Rewrite { href, .. } => href,
        other => panic!("expected a rewrite, got {other:?}"),
    }
}

#[test]
fn tells_whether_content_leaves_out_the_same() {
    let mut content = Content::default();
    let links = SiteLinks::new(&content, "/", []);
    assert!(links.leaves_out_the_same(&content));
    content.left_out.push("guide/".to_owned());
    assert!(!links.leaves_out_the_same(&content));
    content.left_out.clear();
    content
        .not_built
        .insert("news/x.md".to_owned(), NotBuilt::Failed);
    assert!(!links.leaves_out_the_same(&content));
}

#[test]
fn relative_md_links_become_urls() {
    let s = site();
    let r = s.resolve(
        Path::new("about"),
        "../briefings/neglect.md",
        LinkKind::Link,
    );
    assert_eq!(rewrite(r), "/preview/briefings/neglect/");
}

#[test]
fn section_index_and_folder_links_work() {
    let s = site();
    assert_eq!(
        rewrite(s.resolve(Path::new("about"), "../briefings/_index.md", LinkKind::Link)),
        "/preview/briefings/"
    );
    assert_eq!(
        rewrite(s.resolve(Path::new("about"), "../briefings/", LinkKind::Link)),
        "/preview/briefings/"
    );
}

#[test]
fn root_links_reach_static_files() {
    let s = site();
    assert_eq!(
        rewrite(s.resolve(Path::new("about"), "/files/report.pdf", LinkKind::Link)),
        "/preview/files/report.pdf"
    );
}

#[test]
fn a_missing_document_is_told_to_go_in_static_not_to_be_a_page() {
    let s = site();
    let said = help(s.resolve(
        Path::new("about"),
        "/leaflets/safer-sleep.docx",
        LinkKind::Link,
    ));
    assert!(
        said.starts_with("put the docx file at static/leaflets/safer-sleep.docx"),
        "{said}"
    );
    let said = help(s.resolve(Path::new("about"), "/no-such-page/", LinkKind::Link));
    assert!(said.contains("Markdown file"), "{said}");
    assert_eq!(document_kind("a/b.PDF"), Some("PDF"));
    assert_eq!(document_kind("a/b.md"), None);
    assert_eq!(document_kind("a.b/c"), None);
}

#[test]
fn never_leaves_the_content_root() {
    let s = site();
    assert!(matches!(
        s.resolve(Path::new("about"), "../../etc/passwd", LinkKind::Link),
        LinkResolution::Broken { .. }
    ));
    assert!(matches!(
        s.resolve(Path::new(""), "..%2f..%2fsecret.md", LinkKind::Link),
        LinkResolution::Broken { .. }
    ));
}

#[test]
fn suggests_a_moved_file() {
    let s = site();
    let LinkResolution::Broken { help, .. } =
        s.resolve(Path::new("about"), "neglect.md", LinkKind::Link)
    else {
        panic!("expected broken")
    };
    assert!(help.contains("content/briefings/neglect.md"), "{help}");
}

fn help(r: LinkResolution) -> String {
    match r {
        LinkResolution::Broken { help, .. } => help,
        other => panic!("expected a broken link, got {other:?}"),
    }
}

#[test]
fn names_a_file_written_with_other_capital_letters() {
    let s = site();
    assert_eq!(
        help(s.resolve(Path::new("news/visit"), "/images/Logo.PNG", LinkKind::Image)),
        "did you mean `logo.png`? (capital letters matter on the web server) Write `/images/logo.png`"
    );
    assert_eq!(
        help(s.resolve(Path::new("news/visit"), "photo.jpg", LinkKind::Image)),
        "did you mean `Photo.jpg`? (capital letters matter on the web server) Write `Photo.jpg`"
    );
    assert_eq!(
        help(s.resolve(Path::new("about"), "/Files/report.pdf", LinkKind::Link)),
        "did you mean `/files/report.pdf`? (capital letters matter on the web server) Write `/files/report.pdf`"
    );
    assert_eq!(
        help(s.resolve(
            Path::new("about"),
            "../briefings/Neglect.md",
            LinkKind::Link
        )),
        "did you mean `neglect.md`? (capital letters matter on the web server) Write `../briefings/neglect.md`"
    );
    // A page's address in other capitals is told the same way; an image is
    // not sent to a page.
    assert_eq!(
        help(s.resolve(Path::new("about"), "/Briefings/Neglect/", LinkKind::Link)),
        "did you mean `/briefings/neglect/`? (capital letters matter on the web server) Write `/briefings/neglect/`"
    );
    assert!(
        !help(s.resolve(Path::new("about"), "/Briefings/Neglect/", LinkKind::Image))
            .contains("did you mean")
    );
    // An image that is nowhere keeps the help about the static folder.
    assert!(
        help(s.resolve(Path::new("about"), "/images/banner.png", LinkKind::Image))
            .contains("put the image at static/images/banner.png")
    );
}

#[test]
fn suggests_the_start_an_email_or_web_address_lacks() {
    let s = site();
    assert_eq!(
        help(s.resolve(Path::new("news"), "01214960000", LinkKind::Link)),
        "a phone number needs `tel:` in front: write `tel:01214960000`, so the link rings the number on a phone"
    );
    assert_eq!(
        help(s.resolve(Path::new("news"), "comms@example.org", LinkKind::Link)),
        "an email address needs `mailto:` in front: write `mailto:comms@example.org`, so the link opens a new email"
    );
    assert_eq!(
        help(s.resolve(Path::new("news"), "nspcc.org.uk", LinkKind::Link)),
        "a web address on another site needs its start: write `https://nspcc.org.uk`"
    );
    // A file name is not taken for a web address.
    assert!(
        help(s.resolve(Path::new("news"), "report.pdf", LinkKind::Link))
            .starts_with("check the spelling")
    );
}

#[test]
fn suggests_the_markdown_file_of_a_page_named_by_its_address() {
    let s = site();
    assert_eq!(
        help(s.resolve(Path::new("about"), "neglect", LinkKind::Link)),
        "link to a page by its Markdown file: did you mean `../briefings/neglect.md`?"
    );
    assert!(
        help(s.resolve(Path::new("about"), "zebra", LinkKind::Link))
            .starts_with("link to a page by its Markdown file, like")
    );
}

#[test]
fn a_page_written_as_its_address_is_told_its_markdown_file() {
    let s = site();
    for (written, want) in [
        ("../briefings/neglect/", "../briefings/neglect.md"),
        ("../briefings/neglect", "../briefings/neglect.md"),
        ("../briefings/neglct/", "../briefings/neglect.md"),
        // A section in other capitals: its folder, as the author began to write.
        ("../Briefings/", "../briefings/"),
    ] {
        let h = help(s.resolve(Path::new("about"), written, LinkKind::Link));
        assert!(
            h.starts_with(&format!("did you mean `{want}`?")),
            "{written}: {h}"
        );
    }
    // Nothing near: the general help, with no guess.
    let h = help(s.resolve(Path::new("about"), "../x/y/z", LinkKind::Link));
    assert!(h.starts_with("check the spelling"), "{h}");
    // An image is not a page: no page is suggested for it.
    let h = help(s.resolve(Path::new("about"), "../briefings/neglect/", LinkKind::Image));
    assert!(h.starts_with("check the spelling"), "{h}");
}

#[test]
fn external_links_are_kept() {
    let s = site();
    for href in [
        "https://example.org",
        "mailto:a@b.c",
        "tel:01234",
        "//cdn.example",
    ] {
        assert_eq!(
            s.resolve(Path::new(""), href, LinkKind::Link),
            LinkResolution::Keep
        );
    }
}

#[test]
fn knows_the_address_a_page_that_failed_would_have_had() {
    let mut content = Content::default();
    for key in [
        "news/_index.md",
        "annual-report/01-foreword.md",
        "about/team/index.md",
    ] {
        content.not_built.insert(key.to_owned(), NotBuilt::Failed);
    }
    content
        .not_built
        .insert("guide/_index.md".to_owned(), NotBuilt::Internal);
    let links = SiteLinks::new(&content, "/", []);
    for url in [
        "/news/",
        "/news",
        "/annual-report/foreword/",
        "/about/team/",
    ] {
        assert!(links.is_failed_address(url), "{url}");
    }
    for url in ["/", "/about/", "/guide/", "/news/item/", "/annual-report/"] {
        assert!(!links.is_failed_address(url), "{url}");
    }
    assert!(links.is_failed_section("news"));
    assert!(!links.is_failed_section("guide"));
    assert!(!links.is_failed_section("about"));
    assert!(!links.is_failed_section(""));
}

#[test]
fn a_link_to_a_draft_says_it_is_a_draft_not_that_there_is_no_page() {
    let mut content = Content::default();
    content
        .pages
        .push(page("news/update.md", "news/update/", false));
    content
        .not_built
        .insert("news/draft-plan.md".to_owned(), NotBuilt::Draft);
    let links = SiteLinks::new(&content, "/", []);
    let broken = |href: &str| match links.resolve(Path::new("news"), href, LinkKind::Link) {
        LinkResolution::Broken { message, help } => (message, help),
        other => panic!("expected broken, got {other:?}"),
    };
    let (message, help) = broken("draft-plan.md");
    assert_eq!(
        message,
        "the page it points to is a draft (`draft: true`), so it is not published and this link would lead nowhere"
    );
    assert_eq!(
        help,
        "publish it by removing `draft: true`, or remove the link; `plainsite serve --drafts` previews drafts"
    );
    // A file that is not there at all is still "no such page".
    assert_eq!(broken("draft-plans.md").0, "there is no such page");
    assert_eq!(broken("../draft-plan.md").0, "there is no such page");
}

proptest::proptest! {
    /// A file's address is written so a browser asks for the whole name: a
    /// `#` or `?` written `%23`, `%3F` once stood as a fragment or a query.
    #[test]
    fn a_file_link_asks_for_the_whole_file_name(name in "[a-zA-Z0-9 #?%()&+,;=é'\\[\\]-]{1,12}\\.pdf") {
        let content = Content::default();
        let key = format!("files/{name}");
        let links = SiteLinks::new(&content, "/", [key.clone()]);
        let written = format!("/{}", crate::paths::encode_url_path(&key));
        let href = rewrite(links.resolve(Path::new("about"), &written, LinkKind::Link));
        proptest::prop_assert!(!href.contains(['#', '?', ' ']), "{name:?} → {href}");
        let asked = percent_encoding::percent_decode_str(&href).decode_utf8_lossy().into_owned();
        proptest::prop_assert_eq!(asked, format!("/{key}"));
    }
}

#[test]
fn a_bundle_file_link_asks_for_the_whole_file_name() {
    let mut content = Content::default();
    content.assets.push(crate::content::Asset {
        key: "news/visit/Leaflet #1.pdf".to_owned(),
        source: PathBuf::from("/site/content/news/visit/Leaflet #1.pdf"),
        path: "news/visit/Leaflet #1.pdf".to_owned(),
    });
    let links = SiteLinks::new(&content, "/", []);
    assert_eq!(
        rewrite(links.resolve(
            Path::new("news/visit"),
            "Leaflet%20%231.pdf",
            LinkKind::Link
        )),
        "/news/visit/Leaflet%20%231.pdf"
    );
}
