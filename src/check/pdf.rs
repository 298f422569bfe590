//! Rule `attachment-untagged`: an attached PDF without tags.
//!
//! A tagged PDF carries the structure of its text (headings, lists, tables,
//! reading order) for screen readers; an untagged one is a picture of pages to
//! them. The accessibility regulations cover every document a site published
//! from 23 September 2018, and Word makes an untagged PDF when its "Document
//! structure tags for accessibility" box is not ticked. The build
//! (`site::attachments`) asks [`tagged`] of each attached PDF not marked
//! `published_before_2018`, and warns with [`untagged`].
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

/// The warning at line `line` of `page` for its attachment `file`, an
/// untagged PDF.
pub(crate) fn untagged(page: &Path, line: usize, file: &str) -> Diagnostic {
    Diagnostic::warning(
        crate::rules::ATTACHMENT_UNTAGGED,
        page,
        format!(
            "the attachment `{}` is a PDF without tags, so screen readers cannot tell its headings, lists and tables apart",
            file.replace('`', "'")
        ),
    )
    .at_line(line)
    .help("make the PDF again from the original, with tags: in Word, choose File > Save As, pick PDF, then Options, and tick \"Document structure tags for accessibility\". If it was first published before 23 September 2018, add `published_before_2018: true` under its `file:`")
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
    fn the_warning_says_how_to_make_a_tagged_pdf() {
        let d = untagged(Path::new("content/plan.md"), 5, "plan.pdf");
        assert_eq!(d.line, Some(5));
        assert!(
            d.message
                .starts_with("the attachment `plan.pdf` is a PDF without tags")
        );
        assert!(
            d.help
                .as_deref()
                .is_some_and(|h| h.contains("Document structure tags for accessibility"))
        );
    }
}
