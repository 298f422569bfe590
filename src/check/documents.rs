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

    pub(crate) fn name(self) -> &'static str {
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

/// The most parts of one document read: a deck of 1,000 slides has 1,000
/// notes parts, and a crafted archive can name a million.
const MOST_PARTS: usize = 4096;

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
        .take(MOST_PARTS)
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
mod tests;
