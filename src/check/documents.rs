//! Rule `document-hidden`: a Word, Excel, PowerPoint or OpenDocument file
//! published with more in it than its pages show.
//!
//! A strategy drafted in Word goes round the partnership with comments in its
//! margins and its edits tracked, and the copy saved into `static/files/` is
//! often that one. A spreadsheet of figures keeps the sheets, rows and columns
//! its author hid, and a slide deck its speaker notes. None of it is hidden
//! from a reader who downloads the file: a tracked change keeps the words it
//! took out, and a hidden sheet is a click away. Such a file is a zip archive
//! of XML parts; [`leftovers`] opens it and counts what it finds in the parts
//! that hold these. The build (`site::documents`) calls it for every such file
//! it publishes and warns with [`finding`]. Old binary files (`.doc`, `.xls`,
//! `.ppt`) and PDFs are not read.

use std::io::{Read, Seek};
use std::path::Path;

use memchr::memmem;

use crate::error::Diagnostic;

/// The kinds of document read, by the ending of their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Excel,
    PowerPoint,
    OpenDocument,
}

impl Kind {
    /// The kind of the file named `name`, if it is one read here.
    pub(crate) fn of(name: &str) -> Option<Kind> {
        let (_, ext) = name.rsplit_once('.')?;
        Some(match ext.to_ascii_lowercase().as_str() {
            "docx" | "docm" | "dotx" => Kind::Word,
            "xlsx" | "xlsm" => Kind::Excel,
            "pptx" | "pptm" | "ppsx" => Kind::PowerPoint,
            "odt" | "ods" | "odp" => Kind::OpenDocument,
            _ => return None,
        })
    }

    /// "this Word document", for a message about the file itself.
    pub(crate) fn this(self) -> String {
        format!("this {}", self.name())
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Word => "Word document",
            Kind::Excel => "Excel workbook",
            Kind::PowerPoint => "PowerPoint presentation",
            Kind::OpenDocument => "OpenDocument file",
        }
    }

    fn program(self) -> &'static str {
        match self {
            Kind::Word => "Word",
            Kind::Excel => "Excel",
            Kind::PowerPoint => "PowerPoint",
            Kind::OpenDocument => "LibreOffice",
        }
    }
}

/// What a document holds that readers can see but its author may not mean
/// them to: counts of each kind of thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Leftovers {
    pub(crate) comments: usize,
    pub(crate) changes: usize,
    pub(crate) hidden_sheets: usize,
    /// Marks of hidden rows or columns, in all sheets.
    pub(crate) hidden_cells: usize,
    /// Slides whose speaker notes have words.
    pub(crate) notes: usize,
}

/// What one mark in a part is a sign of.
#[derive(Debug, Clone, Copy)]
enum Sign {
    Comment,
    Change,
    HiddenSheet,
    HiddenCells,
    /// Words in a text run: a slide's notes when any run has a letter.
    NotesText,
}

/// The marks to count in one part of a document, each with what it is a sign of.
type Part = &'static [(Sign, &'static [u8])];

/// The part of a `kind` document named `name` that can hold something left
/// in, if it is one.
fn part(kind: Kind, name: &str) -> Option<Part> {
    const WORD_CHANGES: Part = &[
        (Sign::Change, b"<w:ins "),
        (Sign::Change, b"<w:del "),
        (Sign::Change, b"<w:moveFrom "),
        (Sign::Change, b"<w:moveTo "),
    ];
    match kind {
        Kind::Word => {
            let file = name.strip_prefix("word/")?.strip_suffix(".xml")?;
            if file == "comments" {
                return Some(&[(Sign::Comment, b"<w:comment ")]);
            }
            let text = ["document", "footnotes", "endnotes", "header", "footer"];
            (!file.contains('/') && text.iter().any(|t| file.starts_with(t)))
                .then_some(WORD_CHANGES)
        }
        Kind::Excel => {
            let file = name.strip_prefix("xl/")?.strip_suffix(".xml")?;
            if file == "workbook" {
                Some(&[
                    (Sign::HiddenSheet, b" state=\"hidden\""),
                    (Sign::HiddenSheet, b" state=\"veryHidden\""),
                ])
            } else if file.starts_with("worksheets/") {
                Some(&[
                    (Sign::HiddenCells, b" hidden=\"1\""),
                    (Sign::HiddenCells, b" hidden=\"true\""),
                ])
            } else if file
                .rsplit('/')
                .next()
                .is_some_and(|f| f.starts_with("comment"))
            {
                // Excel names it `xl/comments1.xml`; other programs `xl/comments/comment1.xml`.
                Some(&[(Sign::Comment, b"<comment ")])
            } else if file.starts_with("revisions/revisionLog") {
                Some(&[
                    (Sign::Change, b"<rcc "),
                    (Sign::Change, b"<rrc "),
                    (Sign::Change, b"<rm "),
                ])
            } else {
                None
            }
        }
        Kind::PowerPoint => {
            let file = name.strip_prefix("ppt/")?.strip_suffix(".xml")?;
            if file.starts_with("comments/") {
                Some(&[(Sign::Comment, b"<p:cm "), (Sign::Comment, b"<p188:cm ")])
            } else if file.starts_with("notesSlides/notesSlide") {
                Some(&[(Sign::NotesText, b"<a:t>")])
            } else {
                None
            }
        }
        Kind::OpenDocument => (name == "content.xml").then_some(&[
            (Sign::Comment, b"<office:annotation "),
            (Sign::Comment, b"<office:annotation>"),
            (Sign::Change, b"<text:changed-region "),
        ]),
    }
}

/// The most read, unpacked, of one part and of all the parts of a document:
/// a crafted archive can unpack to far more than any real document's text.
const MOST: [u64; 2] = [64 << 20, 256 << 20];

/// What the `kind` document `file` reads holds; `None` when it is not an
/// archive that can be read.
pub(crate) fn leftovers(kind: Kind, file: impl Read + Seek) -> Option<Leftovers> {
    leftovers_within(kind, file, MOST)
}

/// [`leftovers`], reading at most `most[0]` bytes of a part and `most[1]` in all.
fn leftovers_within(kind: Kind, file: impl Read + Seek, most: [u64; 2]) -> Option<Leftovers> {
    let mut archive = zip::ZipArchive::new(file).ok()?;
    let parts: Vec<(String, Part)> = archive
        .file_names()
        .filter_map(|name| Some((name.to_owned(), part(kind, name)?)))
        .collect();
    let mut found = Leftovers::default();
    let mut text = Vec::new();
    let mut left = most[1];
    for (name, part) in parts {
        if left == 0 {
            break;
        }
        text.clear();
        let Ok(entry) = archive.by_name(&name) else {
            continue;
        };
        let read = entry.take(most[0].min(left)).read_to_end(&mut text);
        left = left.saturating_sub(text.len() as u64);
        if read.is_err() {
            continue;
        }
        for (sign, mark) in part {
            let count = match sign {
                Sign::NotesText => usize::from(has_words(&text, mark)),
                _ => memmem::find_iter(&text, mark).count(),
            };
            *match sign {
                Sign::Comment => &mut found.comments,
                Sign::Change => &mut found.changes,
                Sign::HiddenSheet => &mut found.hidden_sheets,
                Sign::HiddenCells => &mut found.hidden_cells,
                Sign::NotesText => &mut found.notes,
            } += count;
        }
    }
    Some(found)
}

/// True when a text run that starts with `mark` in `text` holds a letter: a
/// slide's notes hold its number in a run of their own, which is not words.
fn has_words(text: &[u8], mark: &[u8]) -> bool {
    memmem::find_iter(text, mark).any(|at| {
        let run = &text[at + mark.len()..];
        let end = memmem::find(run, b"</a:t>").unwrap_or(run.len());
        String::from_utf8_lossy(&run[..end])
            .chars()
            .any(char::is_alphabetic)
    })
}

/// `n` of `one`, in words: "1 comment", "3 comments".
fn count(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// The warning, at `file` (from the site's folder), for the `kind` document
/// called `subject` in the message ("this Word document", "the attachment
/// `plan.docx`") that holds `found`, if it holds anything.
pub(crate) fn finding(
    file: &Path,
    subject: &str,
    kind: Kind,
    found: Leftovers,
) -> Option<Diagnostic> {
    let mut what = Vec::new();
    let mut steps = Vec::new();
    if found.comments > 0 {
        what.push(count(found.comments, "comment", "comments"));
        steps.push(match kind {
            Kind::Word => "delete all comments (Review tab)",
            Kind::Excel => "delete its comments and notes (Review tab)",
            Kind::PowerPoint => {
                "on the Review tab, choose Delete, then Delete All Comments in This Presentation"
            }
            Kind::OpenDocument => "delete every comment",
        });
    }
    if found.changes > 0 {
        what.push(count(found.changes, "tracked change", "tracked changes"));
        steps.insert(
            0,
            match kind {
                Kind::OpenDocument => {
                    "accept or reject every change (Edit > Track Changes > Manage)"
                }
                _ => "accept or reject all tracked changes (Review tab)",
            },
        );
    }
    if found.hidden_sheets > 0 {
        what.push(count(found.hidden_sheets, "hidden sheet", "hidden sheets"));
        steps.push("right-click a sheet's tab and choose Unhide to see each hidden sheet, then delete what readers should not have");
    }
    if found.hidden_cells > 0 {
        what.push("hidden rows or columns".to_owned());
        steps.push("select the whole sheet and unhide its rows and columns, then delete what readers should not have");
    }
    if found.notes > 0 {
        what.push(format!(
            "speaker notes on {}",
            count(found.notes, "slide", "slides")
        ));
        steps.push("delete the speaker notes, or remove them all with File > Info > Check for Issues > Inspect Document");
    }
    let what = match what.split_last()? {
        (last, []) => last.clone(),
        (last, rest) => format!("{} and {last}", rest.join(", ")),
    };
    let deleted = if found.changes > 0 {
        ", including any words a change took out"
    } else {
        ""
    };
    Some(
        Diagnostic::warning(
            crate::rules::DOCUMENT_HIDDEN,
            file,
            format!("{subject} still holds {what}: anyone who downloads it can see them{deleted}"),
        )
        .help(format!(
            "open it in {}; {}. Save it, then build again",
            kind.program(),
            steps.join("; ")
        )),
    )
}

#[cfg(test)]
mod tests {
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
        let d = finding(file, "the attachment `talk.pptx`", Kind::PowerPoint, found)
            .expect("a finding");
        assert_eq!(
            d.message,
            "the attachment `talk.pptx` still holds speaker notes on 2 slides: anyone who downloads it can see them"
        );
    }
}
