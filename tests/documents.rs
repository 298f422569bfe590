//! Office documents published with more in them than their pages show: a
//! strategy saved into `static/files/` from the copy that went round the
//! partnership for comment went public with every margin note and every deleted
//! sentence readable, and a spreadsheet of figures with the hidden sheet of
//! names they came from. Nothing was said. Each such file now gets a
//! `document-hidden` warning naming it; a clean copy gets none.

mod common;

use std::io::{Cursor, Write};

use common::TestSite;

/// A document packed as office programs pack them: `parts` of text, deflated.
fn packed(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(*name, options).expect("a part");
        zip.write_all(text.as_bytes()).expect("its text");
    }
    zip.finish().expect("an archive").into_inner()
}

/// A Word document's text with one sentence added and one taken out.
const TRACKED: &str = r#"<w:document><w:body><w:p><w:ins w:id="1" w:author="Jo Bloggs"><w:r><w:t>We will review the plan.</w:t></w:r></w:ins><w:del w:id="2" w:author="Jo Bloggs"><w:r><w:delText>Names of the families involved.</w:delText></w:r></w:del></w:p></w:body></w:document>"#;

const CLEAN: &str = r#"<w:document><w:body><w:p><w:r><w:t>We will review the plan.</w:t></w:r></w:p></w:body></w:document>"#;

#[test]
fn a_document_with_comments_or_tracked_changes_is_named_until_they_are_cleared() {
    let site = TestSite::new("basic");
    site.write(
        "static/files/strategy.docx",
        packed(&[
            ("word/document.xml", TRACKED),
            (
                "word/comments.xml",
                r#"<w:comments><w:comment w:id="0" w:author="Sam"><w:p><w:r><w:t>Check with legal first</w:t></w:r></w:p></w:comment></w:comments>"#,
            ),
        ]),
    );
    site.write(
        "content/news/minutes.odt",
        packed(&[(
            "content.xml",
            r#"<office:text><office:annotation><text:p>Not for publication</text:p></office:annotation></office:text>"#,
        )]),
    );
    site.write(
        "static/files/clean.pptx",
        packed(&[
            ("ppt/slides/slide1.xml", "<p:sld/>"),
            ("ppt/notesSlides/notesSlide1.xml", "<a:t>1</a:t>"),
        ]),
    );
    site.write(
        "static/files/figures.xlsx",
        packed(&[(
            "xl/workbook.xml",
            r#"<sheets><sheet name="Totals" sheetId="1"/><sheet name="Children" sheetId="2" state="hidden"/></sheets>"#,
        )]),
    );
    // A sign-in page saved with a document's name: not read, and no panic.
    site.write(
        "static/files/saved.xlsx",
        "<!doctype html><title>Sign in</title>",
    );
    // The strategy is attached to a page: the preview shows the warning there.
    site.write(
        "content/news/strategy.md",
        "---\ntitle: Our strategy\ndescription: The plan.\nattachments:\n  - file: /files/strategy.docx\n    title: Our strategy\n---\nRead it.\n",
    );
    let run = site.build_ok();
    assert!(
        run.stderr.contains("3  warning document-hidden"),
        "{}",
        run.stderr
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for text in [
        "warning[document-hidden]: content/news/strategy.md:5: the attachment `/files/strategy.docx` still holds 1 comment and 2 tracked changes: anyone who downloads it can see them, including any words a change took out",
        "help: open it in Word; accept or reject all tracked changes (Review tab); delete all comments (Review tab). Save it, then build again",
        "warning[document-hidden]: content/news/minutes.odt: this OpenDocument file still holds 1 comment: anyone who downloads it can see them",
        "warning[document-hidden]: static/files/figures.xlsx: this Excel workbook still holds 1 hidden sheet: anyone who downloads it can see them",
        "help: open it in Excel; right-click a sheet's tab and choose Unhide",
    ] {
        assert!(run.stderr.contains(text), "{text:?} in:\n{}", run.stderr);
    }
    assert_eq!(
        run.stderr.matches("warning[document-hidden]").count(),
        3,
        "{}",
        run.stderr
    );
    // Published as they are: the warning does not change the files.
    assert_eq!(
        std::fs::read(site.path("public/files/strategy.docx")).expect("published"),
        std::fs::read(site.path("static/files/strategy.docx")).expect("source")
    );
    // `check --strict` fails on it, as on any warning.
    let strict = site.run(&["check", "--strict"]);
    assert_ne!(strict.code, 0, "{}", strict.stderr);
    assert!(
        strict.stderr.contains("content/news/strategy.md:5"),
        "{}",
        strict.stderr
    );

    // The same document, only linked to, is named at the link, where the
    // preview shows it...
    site.write(
        "content/news/strategy.md",
        "---\ntitle: Our strategy\ndescription: The plan.\n---\nRead [our strategy](/files/strategy.docx).\n",
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains(
            "warning[document-hidden]: content/news/strategy.md:5:6: the Word document this links to (`strategy.docx`) still holds 1 comment and 2 tracked changes"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("static/files/strategy.docx:"),
        "{}",
        run.stderr
    );
    // ...and at its file once no page links to it.
    site.write(
        "content/news/strategy.md",
        "---\ntitle: Our strategy\ndescription: The plan.\n---\nRead it.\n",
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains(
            "warning[document-hidden]: static/files/strategy.docx: this Word document still holds"
        ),
        "{}",
        run.stderr
    );
    site.write(
        "static/files/strategy.docx",
        packed(&[("word/document.xml", CLEAN)]),
    );
    std::fs::remove_file(site.path("content/news/minutes.odt")).expect("remove");
    std::fs::remove_file(site.path("static/files/figures.xlsx")).expect("remove");
    let run = site.build_ok();
    assert!(!run.stderr.contains("document-hidden"), "{}", run.stderr);
}

/// A PDF with the catalog `catalog`, as text.
fn pdf(catalog: &str) -> String {
    format!(
        "%PDF-1.4\n1 0 obj {catalog} endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n3 0 obj <</Type/Page/Parent 2 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
    )
}

/// A PDF made without tags is a picture of pages to a screen reader, and the
/// accessibility regulations cover documents published from 23 September 2018:
/// an attached one is named at its line, unless it is marked as older. One
/// printed from Word is titled "Microsoft Word - " and its file's name, which
/// browsers and search engines show.
#[test]
fn an_attached_pdf_without_tags_or_with_a_made_up_title_is_named_at_its_line() {
    let site = TestSite::new("basic");
    site.write(
        "static/docs/plain.pdf",
        pdf("<</Type/Catalog/Pages 2 0 R>>"),
    );
    site.write(
        "static/docs/tagged.pdf",
        pdf("<</Type/Catalog/Pages 2 0 R/StructTreeRoot 4 0 R/MarkInfo<</Marked true>>>>"),
    );
    site.write(
        "static/docs/old.pdf",
        pdf("<</Type/Catalog/Pages 2 0 R>>").replace(
            "trailer <</Root 1 0 R>>",
            "4 0 obj <</Title (Microsoft Word - Old plan FINAL.docx)>> endobj\ntrailer <</Root 1 0 R/Info 4 0 R>>",
        ),
    );
    site.write(
        "content/news/papers.md",
        "---\ntitle: Our papers\ndescription: The papers.\nattachments:\n  - /docs/tagged.pdf\n  - /docs/plain.pdf\n  - file: /docs/old.pdf\n    published_before_2018: true\n---\nThey set out what we will do this year, and how we will know it worked.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[attachment-untagged]: content/news/papers.md:6: the attachment `/docs/plain.pdf` is a PDF without tags"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("tick \"Document structure tags for accessibility\""),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("attachment-untagged").count(),
        1 + 1,
        "one warning, and its count in the summary: {}",
        run.stderr
    );
    // An older document need not be tagged, but its title still shows.
    assert!(
        run.stderr.contains("warning[attachment-pdf-title]: content/news/papers.md:7: the attachment `/docs/old.pdf` is a PDF titled \"Microsoft Word - Old plan FINAL.docx\""),
        "{}",
        run.stderr
    );
}
