//! GIF: the width and height of a GIF image, read from its header.
//!
//! Part of `images`. A GIF is published as it is (no smaller copies, so an
//! animation keeps moving), but its `<img>` still gets its width and height, as
//! JPEG and PNG images do, so the text does not jump as it loads. Only the
//! first ten bytes are read: the signature `GIF87a` or `GIF89a`, then the
//! logical screen's width and height, each two bytes, least significant first.
//! It never decodes pixels.

use std::io::Read;
use std::path::Path;

/// True when `name` ends in `.gif`, in any capitals.
pub(crate) fn is_gif(name: &str) -> bool {
    name.len() >= 4
        && name
            .get(name.len() - 4..)
            .is_some_and(|end| end.eq_ignore_ascii_case(".gif"))
}

/// The width and height of the GIF image in the file at `path`; why not, when
/// the file cannot be read or its header is not a GIF's.
pub(crate) fn dimensions(path: &Path) -> Result<(u32, u32), String> {
    let mut head = Vec::with_capacity(10);
    std::fs::File::open(path)
        .and_then(|file| file.take(10).read_to_end(&mut head))
        .map_err(|e| e.to_string())?;
    size(&head)
}

/// The width and height written in a GIF's header `head` (its first bytes).
fn size(head: &[u8]) -> Result<(u32, u32), String> {
    if !head.starts_with(b"GIF87a") && !head.starts_with(b"GIF89a") {
        return Err("it does not start as a GIF image does".to_owned());
    }
    let [w0, w1, h0, h1] = match head.get(6..10) {
        Some(&[w0, w1, h0, h1]) => [w0, w1, h0, h1],
        _ => return Err("it ends before its width and height".to_owned()),
    };
    let (width, height) = (u16::from_le_bytes([w0, w1]), u16::from_le_bytes([h0, h1]));
    if width == 0 || height == 0 {
        return Err("it has no pixels".to_owned());
    }
    Ok((u32::from(width), u32::from(height)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_width_and_height_of_both_versions_least_significant_byte_first() {
        assert_eq!(size(b"GIF89a\x40\x01\xc8\x00rest"), Ok((320, 200)));
        assert_eq!(size(b"GIF87a\x01\x00\x01\x00"), Ok((1, 1)));
        assert_eq!(size(b"GIF89a\xff\xff\x00\x01"), Ok((65535, 256)));
    }

    #[test]
    fn a_short_or_wrong_header_is_a_reason_not_a_panic() {
        for head in [
            &b""[..],
            b"GIF",
            b"GIF89a",
            b"GIF89a\x40\x01\xc8",
            b"GIF90a\x40\x01\xc8\x00",
            b"\x89PNG\r\n\x1a\n\0\0",
            b"GIF89a\x00\x00\xc8\x00",
        ] {
            assert!(size(head).is_err(), "{head:?}");
        }
    }

    #[test]
    fn knows_a_gif_by_its_ending_in_any_capitals() {
        assert!(is_gif("a/b.gif") && is_gif("B.GIF") && is_gif(".Gif"));
        assert!(!is_gif("gif") && !is_gif("a.png") && !is_gif("a.gifs") && !is_gif("é"));
    }
}
