//! Unit tests of reading office documents: each kind, the limits, the words.

use std::io::{Cursor, Write};

use super::*;

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

fn read(name: &str, parts: &[(&str, &str)]) -> Option<Leftovers> {
    leftovers(Kind::of(name)?, Cursor::new(packed(parts)))
}

const WORD_TEXT: &str = r#"<w:document><w:body><w:tbl><w:tblBorders><w:insideH w:val="single"/></w:tblBorders></w:tbl><w:p><w:ins w:id="1" w:author="Jo"><w:r><w:t>new</w:t></w:r></w:ins><w:del w:id="2" w:author="Jo"><w:r><w:delText>old</w:delText></w:r></w:del></w:p></w:body></w:document>"#;

#[test]
fn each_kind_counts_what_is_left_in_it() {
    let word = read(
        "Plan.DOCX",
        &[
            ("word/document.xml", WORD_TEXT),
            (
                "word/footer1.xml",
                r#"<w:ftr><w:moveFrom w:id="3"/></w:ftr>"#,
            ),
            (
                "word/comments.xml",
                r#"<w:comments><w:comment w:id="0"/><w:comment w:id="1"/></w:comments>"#,
            ),
            ("word/styles.xml", r#"<w:ins w:id="9"/>"#),
        ],
    );
    let expected = Leftovers {
        comments: 2,
        changes: 3,
        ..Leftovers::default()
    };
    assert_eq!(word, Some(expected));
    let excel = read(
        "figures.xlsx",
        &[
            (
                "xl/workbook.xml",
                r#"<sheets><sheet name="Totals" sheetId="1"/><sheet name="Names" sheetId="2" state="hidden"/><sheet name="Raw" sheetId="3" state="veryHidden"/></sheets>"#,
            ),
            (
                "xl/worksheets/sheet1.xml",
                r#"<cols><col min="2" max="2" hidden="1"/></cols><row r="4" hidden="1"/><comment ref="B2"/>"#,
            ),
            (
                "xl/comments1.xml",
                r#"<commentList><comment ref="A1"/></commentList>"#,
            ),
            (
                "xl/comments/comment2.xml",
                r#"<commentList><comment ref="C1"/></commentList>"#,
            ),
        ],
    );
    let expected = Leftovers {
        comments: 2,
        hidden_sheets: 2,
        hidden_cells: 2,
        ..Leftovers::default()
    };
    assert_eq!(excel, Some(expected));
    let slides = read(
        "talk.pptx",
        &[
            (
                "ppt/comments/modernComment_1.xml",
                r#"<p188:cmLst><p188:cm id="x"/></p188:cmLst>"#,
            ),
            (
                "ppt/notesSlides/notesSlide1.xml",
                r#"<a:fld type="slidenum"><a:t>1</a:t></a:fld>"#,
            ),
            (
                "ppt/notesSlides/notesSlide2.xml",
                r#"<a:t>2</a:t><a:t>Do not mention the review yet</a:t>"#,
            ),
        ],
    );
    let expected = Leftovers {
        comments: 1,
        notes: 1,
        ..Leftovers::default()
    };
    assert_eq!(slides, Some(expected));
    let odt = read(
        "minutes.odt",
        &[(
            "content.xml",
            r#"<office:annotation office:name="a"/><office:annotation-end office:name="a"/><text:tracked-changes><text:changed-region text:id="c1"/></text:tracked-changes>"#,
        )],
    );
    let expected = Leftovers {
        comments: 1,
        changes: 1,
        ..Leftovers::default()
    };
    assert_eq!(odt, Some(expected));
}

#[test]
fn a_document_is_read_only_so_far() {
    let three = |mark: &str| mark.repeat(3);
    let parts = packed(&[
        ("word/document.xml", &three("<w:ins ")),
        ("word/header1.xml", &three("<w:del ")),
    ]);
    let read = |most| leftovers_within(Kind::Word, Cursor::new(parts.clone()), most);
    let changes = |most| read(most).map(|l| l.changes);
    assert_eq!(changes([100, 100]), Some(6));
    // 14 of each part's 21 bytes: two marks of each.
    assert_eq!(changes([14, 100]), Some(4));
    // 20 bytes in all: two marks of the first part, and none of the second.
    assert_eq!(changes([14, 20]), Some(2));
    assert_eq!(changes([100, 0]), Some(0));
    // Parts past the most read are not read.
    let notes: Vec<(String, &str)> = (0..MOST_PARTS + 5)
        .map(|i| {
            (
                format!("ppt/notesSlides/notesSlide{i}.xml"),
                "<a:t>Say this</a:t>",
            )
        })
        .collect();
    let notes: Vec<(&str, &str)> = notes.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let deck = leftovers(Kind::PowerPoint, Cursor::new(packed(&notes)));
    assert_eq!(deck.map(|l| l.notes), Some(MOST_PARTS));
}

#[test]
fn a_clean_or_unreadable_file_holds_nothing_to_report() {
    let clean = read(
        "plan.docx",
        &[(
            "word/document.xml",
            r#"<w:document><w:insideH/><w:p/></w:document>"#,
        )],
    );
    assert_eq!(clean, Some(Leftovers::default()));
    let file = Path::new("static/plan.docx");
    assert!(finding(file, "this", Kind::Word, Leftovers::default()).is_none());
    // A page saved from a browser with a document's name.
    assert_eq!(
        leftovers(
            Kind::Word,
            Cursor::new(b"<!doctype html><p>Sign in".to_vec())
        ),
        None
    );
    assert_eq!(Kind::of("plan.doc"), None);
    assert_eq!(Kind::of("docx"), None);
}

#[test]
fn the_warning_names_what_is_left_and_how_to_clear_it() {
    let file = Path::new("static/files/plan.docx");
    let found = Leftovers {
        comments: 1,
        changes: 4,
        ..Leftovers::default()
    };
    let d = finding(file, &Kind::Word.this(), Kind::Word, found).expect("a finding");
    assert_eq!(
        d.message,
        "this Word document still holds 1 comment and 4 tracked changes: anyone who downloads it can see them, including any words a change took out"
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            "open it in Word; accept or reject all tracked changes (Review tab); delete all comments (Review tab). Save it, then build again"
        )
    );
    let found = Leftovers {
        comments: 3,
        hidden_sheets: 1,
        hidden_cells: 5,
        ..Leftovers::default()
    };
    let d = finding(file, &Kind::Excel.this(), Kind::Excel, found).expect("a finding");
    assert_eq!(
        d.message,
        "this Excel workbook still holds 3 comments, 1 hidden sheet and hidden rows or columns: anyone who downloads it can see them"
    );
    let found = Leftovers {
        notes: 2,
        ..Leftovers::default()
    };
    let d =
        finding(file, "the attachment `talk.pptx`", Kind::PowerPoint, found).expect("a finding");
    assert_eq!(
        d.message,
        "the attachment `talk.pptx` still holds speaker notes on 2 slides: anyone who downloads it can see them"
    );
}
