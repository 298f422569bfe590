//! Rules `attachment-untagged` and `attachment-pdf-title`: an attached PDF
//! without tags, or with a title the computer made up.
//!
//! A tagged PDF carries the structure of its text (headings, lists, tables,
//! reading order) for screen readers; an untagged one is a picture of pages to
//! them. The accessibility regulations cover every document a site published
//! from 23 September 2018, and Word makes an untagged PDF when its "Document
//! structure tags for accessibility" box is not ticked. The build
//! (`site::attachments`) asks [`tagged`] of each attached PDF not marked
//! `published_before_2018`, and warns (see [`warnings`]).
//!
//! A PDF's title, not its file name, is what a browser shows in its tab and
//! what search engines list it by. A document printed to PDF, or saved from
//! Word with no title of its own, is titled after its file by the program:
//! "Microsoft Word - Neglect strategy DRAFT v3.docx". [`title`] reads it from
//! the document information the trailer names, when that is written as text.
//!
//! Tags hang from the `/StructTreeRoot` entry of the document's catalog. The
//! catalog is written as text, or packed in a compressed object stream
//! (`/Type /ObjStm`) in newer files, so those streams are unpacked and read
//! too. An encrypted file, or a stream packed some other way, gives no answer.

use std::io::Read;
use std::path::Path;

use memchr::memmem;

use crate::error::Diagnostic;

/// The most unpacked from a file's object streams, in all.
const MOST: u64 = 64 << 20;

/// Whether the PDF `pdf` is tagged; `None` when that cannot be told.
pub(crate) fn tagged(pdf: &[u8]) -> Option<bool> {
    const ROOT: &[u8] = b"/StructTreeRoot";
    if !pdf.starts_with(b"%PDF") {
        return None;
    }
    if memmem::find(pdf, ROOT).is_some() {
        return Some(true);
    }
    if memmem::find(pdf, b"/Encrypt").is_some() {
        return None;
    }
    let mut left = MOST;
    let mut unread = false;
    let mut unpacked = Vec::new();
    for at in memmem::find_iter(pdf, b"/ObjStm") {
        let rest = &pdf[at..];
        let Some(start) = memmem::find(rest, b"stream") else {
            break;
        };
        if memmem::find(&rest[..start], b"/FlateDecode").is_none() || left == 0 {
            unread = true;
            continue;
        }
        let data = &rest[start + b"stream".len()..];
        let data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
        unpacked.clear();
        let read = flate2::read::ZlibDecoder::new(data)
            .take(left)
            .read_to_end(&mut unpacked);
        left = left.saturating_sub(unpacked.len() as u64);
        if memmem::find(&unpacked, ROOT).is_some() {
            return Some(true);
        }
        unread |= read.is_err();
    }
    (!unread).then_some(false)
}

/// Warns, in `out`, about the PDF `pdf`, attached as `file` at `at` (a
/// page's file and the line under its `attachments:`): no tags, unless it was
/// published before the regulations (`before_2018`), and a title left by the
/// program that made it.
pub(crate) fn warnings(
    pdf: &[u8],
    before_2018: bool,
    at: (&Path, usize),
    file: &str,
    out: &mut Vec<Diagnostic>,
) {
    let (page, line) = at;
    let file = file.replace('`', "'");
    if !before_2018 && tagged(pdf) == Some(false) {
        out.push(
            Diagnostic::warning(
                crate::rules::ATTACHMENT_UNTAGGED,
                page,
                format!(
                    "the attachment `{file}` is a PDF without tags, so screen readers cannot tell its headings, lists and tables apart"
                ),
            )
            .at_line(line)
            .help("make the PDF again from the original, with tags: in Word, choose File > Save As, pick PDF, then Options, and tick \"Document structure tags for accessibility\". If it was first published before 23 September 2018, add `published_before_2018: true` under its `file:`"),
        );
    }
    if let Some(title) = title(pdf).filter(|t| made_up(t)) {
        out.push(
            Diagnostic::warning(
                crate::rules::ATTACHMENT_PDF_TITLE,
                page,
                format!(
                    "the attachment `{file}` is a PDF titled \"{title}\", a name the computer gave it: browsers show it in the tab, and search engines as the document's name"
                ),
            )
            .at_line(line)
            .help("give the document a title and save it as PDF again: in Word, choose File > Info and type the title under Properties, then File > Save As and pick PDF. Printing to PDF names it after the file"),
        );
    }
}

/// The title in the PDF `pdf`'s document information, when that is written
/// as text: the dictionary the last trailer names (`/Info 12 0 R`). At most
/// 80 characters, with no control characters.
pub(crate) fn title(pdf: &[u8]) -> Option<String> {
    let at = memmem::rfind(pdf, b"/Info")?;
    let mut words = pdf[at + b"/Info".len()..]
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty());
    let (number, generation) = (words.next()?, words.next()?);
    if !number.iter().chain(generation).all(u8::is_ascii_digit) || !words.next()?.starts_with(b"R")
    {
        return None;
    }
    let head = [number, b" ", generation, b" obj"].concat();
    let object = memmem::find_iter(pdf, &head)
        .filter(|&i| i == 0 || pdf[i - 1].is_ascii_whitespace())
        .last()?;
    let body = &pdf[object + head.len()..];
    let body = &body[..memmem::find(body, b"endobj").unwrap_or(body.len())];
    let value = &body[memmem::find(body, b"/Title")? + b"/Title".len()..];
    let value = value.trim_ascii_start();
    let bytes = match value.first()? {
        b'(' => literal(&value[1..]),
        b'<' => hex(&value[1..]),
        _ => return None,
    };
    Some(crate::text::shortened(decode(&bytes).trim()))
}

/// True for a title a program made up from a file's name, rather than one an
/// author gave: "Microsoft Word - plan.docx", "plan.docx".
fn made_up(title: &str) -> bool {
    let lower = title.to_lowercase();
    let program = lower.strip_prefix("microsoft ").is_some_and(|rest| {
        ["word - ", "powerpoint - ", "excel - "]
            .iter()
            .any(|p| rest.starts_with(p))
    });
    program
        || [
            ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".rtf", ".pdf",
        ]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// The bytes of a literal string whose text starts `text` (after its `(`).
fn literal(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut bytes = text.iter().copied().take(4096).peekable();
    while let Some(b) = bytes.next() {
        match b {
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b'\\' => {
                let Some(e) = bytes.next() else { break };
                let byte = match e {
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    b'b' => 8,
                    b'f' => 12,
                    b'\r' | b'\n' => continue,
                    b'0'..=b'7' => {
                        let mut value = u32::from(e - b'0');
                        for _ in 0..2 {
                            match bytes.peek() {
                                Some(d @ b'0'..=b'7') => {
                                    value = value * 8 + u32::from(d - b'0');
                                    bytes.next();
                                }
                                _ => break,
                            }
                        }
                        (value & 0xff) as u8
                    }
                    other => other,
                };
                out.push(byte);
                continue;
            }
            _ => {}
        }
        out.push(b);
    }
    out
}

/// The bytes of a hex string whose digits start `text` (after its `<`).
fn hex(text: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = text
        .iter()
        .take(8192)
        .take_while(|&&b| b != b'>')
        .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0))
        .collect()
}

/// A PDF text string as text: UTF-16 after its mark, UTF-8 after its mark,
/// else one character a byte (PDFDocEncoding, read as Latin-1).
fn decode(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(utf8) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A PDF whose catalog, `catalog`, is packed in a compressed object stream.
    fn packed(catalog: &str) -> Vec<u8> {
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        zlib.write_all(format!("1 0 {catalog}").as_bytes())
            .expect("packed");
        let data = zlib.finish().expect("packed");
        let mut pdf = b"%PDF-1.7\n5 0 obj\n<</Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 99>>\nstream\r\n".to_vec();
        pdf.extend_from_slice(&data);
        pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
        pdf
    }

    #[test]
    fn tags_are_found_as_text_or_in_object_streams() {
        let plain = b"%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 2 0 R/StructTreeRoot 9 0 R/MarkInfo<</Marked true>>>> endobj";
        assert_eq!(tagged(plain), Some(true));
        assert_eq!(
            tagged(b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj"),
            Some(false)
        );
        assert_eq!(
            tagged(&packed("<</Type/Catalog/StructTreeRoot 9 0 R>>")),
            Some(true)
        );
        assert_eq!(
            tagged(&packed("<</Type/Catalog/Pages 2 0 R>>")),
            Some(false)
        );
    }

    #[test]
    fn what_cannot_be_read_gives_no_answer() {
        assert_eq!(tagged(b"<!doctype html>"), None);
        assert_eq!(
            tagged(b"%PDF-1.7\ntrailer <</Root 1 0 R/Encrypt 3 0 R>>"),
            None
        );
        let other = b"%PDF-1.7\n5 0 obj <</Type/ObjStm/Filter/LZWDecode>>\nstream\nxyz\nendstream";
        assert_eq!(tagged(other), None);
        let broken =
            b"%PDF-1.7\n5 0 obj <</Type/ObjStm/Filter/FlateDecode>>\nstream\nnot zlib\nendstream";
        assert_eq!(tagged(broken), None);
    }

    #[test]
    fn the_warnings_name_the_attachment_and_say_what_to_do() {
        let page = Path::new("content/plan.md");
        let pdf = b"%PDF-1.4\n1 0 obj <</Type/Catalog>> endobj\n7 0 obj\n<</Title (Microsoft Word - Plan FINAL v2.docx)/Author (jsmith)>>\nendobj\ntrailer\n<</Root 1 0 R/Info 7 0 R>>\n%%EOF";
        let mut found = Vec::new();
        warnings(pdf, false, (page, 5), "plan.pdf", &mut found);
        let rules: Vec<&str> = found.iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["attachment-untagged", "attachment-pdf-title"]);
        assert!(found.iter().all(|d| d.line == Some(5)));
        assert!(
            found[0]
                .message
                .starts_with("the attachment `plan.pdf` is a PDF without tags")
        );
        assert!(
            found[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("Document structure tags for accessibility"))
        );
        assert!(
            found[1].message.contains(
                "titled \"Microsoft Word - Plan FINAL v2.docx\", a name the computer gave it"
            ),
            "{}",
            found[1].message
        );
        // Older documents are not held to tags; their titles still show.
        let mut found = Vec::new();
        warnings(pdf, true, (page, 5), "plan.pdf", &mut found);
        let rules: Vec<&str> = found.iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["attachment-pdf-title"]);
    }

    #[test]
    fn a_title_is_read_from_the_information_the_trailer_names() {
        let with = |info: &str| {
            title(format!("%PDF-1.4\n3 0 obj <</Title (Outline entry)>> endobj\n12 0 obj {info} endobj\ntrailer <</Info 12 0 R>>").as_bytes())
        };
        assert_eq!(
            with("<</Title (Our plan \\(2026\\) \\351t\\351)>>").as_deref(),
            Some("Our plan (2026) été")
        );
        // UTF-16, as Word writes a title with letters outside Latin-1.
        assert_eq!(
            with("<</Title <FEFF0050006C0061006E00202713>>>").as_deref(),
            Some("Plan ✓")
        );
        assert_eq!(with("<</Author (Jo)>>"), None);
        assert_eq!(title(b"%PDF-1.4 trailer <</Info 99 0 R>>"), None);
        assert_eq!(title(b"%PDF-1.4 trailer <</Info x>>"), None);
        let long = "a".repeat(200);
        let shown = with(&format!("<</Title ({long}\\033[2J)>>")).unwrap_or_default();
        assert_eq!(shown.chars().count(), 81);
        assert!(!shown.contains('\u{1b}'));
    }

    #[test]
    fn only_a_title_made_from_a_file_name_is_made_up() {
        for t in [
            "Microsoft Word - Plan.docx",
            "Microsoft PowerPoint - talk",
            "plan FINAL.DOCX",
            "leaflet.pdf",
        ] {
            assert!(made_up(t), "{t}");
        }
        for t in [
            "Neglect strategy 2026",
            "Microsoft Teams guide",
            "How we use .docx files",
        ] {
            assert!(!made_up(t), "{t}");
        }
    }
}
