//! Images published as they are: GIF and WebP, with their width and height read
//! from their headers.
//!
//! Part of `images`. A GIF keeps its animation and a WebP file is already small,
//! so neither gets smaller copies; their `<img>` still gets a width and height,
//! as a JPEG or PNG's does, so the text does not jump as they load. At most the
//! first 30 bytes are read and pixels are never decoded:
//!
//! - GIF: the signature `GIF87a` or `GIF89a`, then the screen's width and height,
//!   each two bytes, least significant first.
//! - WebP: `RIFF`, a length, `WEBP`, then the first chunk. Its size is in one of
//!   three places: a lossy `VP8 ` frame (after the key frame's start code, 14 bits
//!   each), a lossless `VP8L` stream (after its signature byte, 14 bits each, less
//!   one) or an extended `VP8X` header (the canvas, 24 bits each, less one).

use std::io::Read;
use std::path::Path;

/// How many bytes of a file its size needs at most.
const HEAD: u64 = 30;

/// True when `name` ends in `.gif` or `.webp`, in any capitals.
pub(crate) fn is_as_is(name: &str) -> bool {
    [".gif", ".webp"].iter().any(|ending| {
        name.len() >= ending.len()
            && name
                .get(name.len() - ending.len()..)
                .is_some_and(|end| end.eq_ignore_ascii_case(ending))
    })
}

/// The width and height of the GIF or WebP image in the file at `path`; why
/// not, when the file cannot be read or its header is neither's.
pub(crate) fn dimensions(path: &Path) -> Result<(u32, u32), String> {
    let mut head = Vec::with_capacity(HEAD as usize);
    std::fs::File::open(path)
        .and_then(|file| file.take(HEAD).read_to_end(&mut head))
        .map_err(|e| e.to_string())?;
    size(&head)
}

/// The width and height written in the header `head` (a file's first bytes).
fn size(head: &[u8]) -> Result<(u32, u32), String> {
    let (width, height) = if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        gif(head)?
    } else if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        webp(head)?
    } else {
        return Err("it does not start as a GIF or WebP image does".to_owned());
    };
    if width == 0 || height == 0 {
        return Err("it has no pixels".to_owned());
    }
    Ok((width, height))
}

fn gif(head: &[u8]) -> Result<(u32, u32), String> {
    let [w0, w1, h0, h1] = bytes(head, 6)?;
    Ok((
        u32::from(u16::from_le_bytes([w0, w1])),
        u32::from(u16::from_le_bytes([h0, h1])),
    ))
}

fn webp(head: &[u8]) -> Result<(u32, u32), String> {
    match head.get(12..16) {
        Some(b"VP8 ") => {
            // A frame tag (its lowest bit 0 on a key frame), then the start code.
            let [tag, ..] = bytes(head, 20)?;
            if tag & 1 != 0 || head.get(23..26) != Some(&[0x9d, 0x01, 0x2a]) {
                return Err("its picture does not start as a WebP image's does".to_owned());
            }
            let [w0, w1, h0, h1] = bytes(head, 26)?;
            Ok((
                u32::from(u16::from_le_bytes([w0, w1]) & 0x3fff),
                u32::from(u16::from_le_bytes([h0, h1]) & 0x3fff),
            ))
        }
        Some(b"VP8L") => {
            if head.get(20) != Some(&0x2f) {
                return Err("its picture does not start as a WebP image's does".to_owned());
            }
            let bits = u32::from_le_bytes(bytes(head, 21)?);
            Ok((1 + (bits & 0x3fff), 1 + ((bits >> 14) & 0x3fff)))
        }
        Some(b"VP8X") => {
            let [w0, w1, w2, h0] = bytes(head, 24)?;
            let [h1, h2] = match head.get(28..30) {
                Some(&[h1, h2]) => [h1, h2],
                _ => return Err(short()),
            };
            Ok((
                1 + u32::from_le_bytes([w0, w1, w2, 0]),
                1 + u32::from_le_bytes([h0, h1, h2, 0]),
            ))
        }
        Some(_) => Err("its picture is in a kind of WebP this program does not know".to_owned()),
        None => Err(short()),
    }
}

/// The four bytes of `head` from `at`.
fn bytes(head: &[u8], at: usize) -> Result<[u8; 4], String> {
    match head.get(at..at + 4) {
        Some(&[a, b, c, d]) => Ok([a, b, c, d]),
        _ => Err(short()),
    }
}

fn short() -> String {
    "it ends before its width and height".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WebP header: `RIFF`, a length, `WEBP`, the chunk's name and length,
    /// then `rest`.
    fn webp_head(chunk: &[u8; 4], rest: &[u8]) -> Vec<u8> {
        let mut head = b"RIFF\x24\0\0\0WEBP".to_vec();
        head.extend_from_slice(chunk);
        head.extend_from_slice(b"\x10\0\0\0");
        head.extend_from_slice(rest);
        head
    }

    #[test]
    fn reads_the_width_and_height_of_both_gif_versions_least_significant_byte_first() {
        assert_eq!(size(b"GIF89a\x40\x01\xc8\x00rest"), Ok((320, 200)));
        assert_eq!(size(b"GIF87a\x01\x00\x01\x00"), Ok((1, 1)));
        assert_eq!(size(b"GIF89a\xff\xff\x00\x01"), Ok((65535, 256)));
    }

    #[test]
    fn reads_the_width_and_height_of_each_kind_of_webp() {
        // Lossy: a key frame's tag, the start code, then 640 and 480 in 14 bits
        // (the top two bits, a scale, are not part of the size).
        let lossy = webp_head(b"VP8 ", b"\x30\x01\x00\x9d\x01\x2a\x80\x02\xe0\xc1");
        assert_eq!(size(&lossy), Ok((640, 480)));
        // Lossless: the signature, then width − 1 and height − 1 in 14 bits each:
        // 399 | 299 << 14.
        let bits: u32 = 399 | (299 << 14);
        let mut rest = vec![0x2f];
        rest.extend_from_slice(&bits.to_le_bytes());
        assert_eq!(size(&webp_head(b"VP8L", &rest)), Ok((400, 300)));
        // Extended: flags, three reserved bytes, then the canvas less one in
        // 24 bits each: 70,000 × 2.
        let extended = webp_head(b"VP8X", b"\x10\0\0\0\x6f\x11\x01\x01\0\0");
        assert_eq!(size(&extended), Ok((70_000, 2)));
    }

    #[test]
    fn a_short_or_wrong_header_is_a_reason_not_a_panic() {
        let lossy = webp_head(b"VP8 ", b"\x30\x01\x00\x9d\x01\x2a\x80\x02\xe0\xc1");
        let inter_frame = webp_head(b"VP8 ", b"\x31\x01\x00\x9d\x01\x2a\x80\x02\xe0\xc1");
        let no_start_code = webp_head(b"VP8 ", b"\x30\x01\x00\x9d\x01\x2b\x80\x02\xe0\xc1");
        let lossless_unsigned = webp_head(b"VP8L", b"\x2e\0\0\0\0");
        let unknown = webp_head(b"VP9 ", b"\0\0\0\0\0\0\0\0\0\0");
        let empty_lossy = webp_head(b"VP8 ", b"\x30\x01\x00\x9d\x01\x2a\0\0\0\0");
        let mut heads: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"GIF".to_vec(),
            b"GIF89a".to_vec(),
            b"GIF89a\x40\x01\xc8".to_vec(),
            b"GIF90a\x40\x01\xc8\x00".to_vec(),
            b"\x89PNG\r\n\x1a\n\0\0".to_vec(),
            b"GIF89a\x00\x00\xc8\x00".to_vec(),
            b"RIFF\x24\0\0\0WAVE".to_vec(),
            b"RIFF\x24\0\0\0WEBP".to_vec(),
            inter_frame,
            no_start_code,
            lossless_unsigned,
            unknown,
            empty_lossy,
        ];
        // Every header cut short, at every length.
        for cut in 0..lossy.len() {
            heads.push(lossy[..cut].to_vec());
        }
        for head in heads {
            assert!(size(&head).is_err(), "{head:?}");
        }
    }

    #[test]
    fn knows_a_gif_or_webp_by_its_ending_in_any_capitals() {
        assert!(is_as_is("a/b.gif") && is_as_is("B.GIF") && is_as_is(".Gif"));
        assert!(is_as_is("a/b.webp") && is_as_is("B.WebP"));
        assert!(!is_as_is("gif") && !is_as_is("a.png") && !is_as_is("a.gifs") && !is_as_is("é"));
        assert!(!is_as_is("webp") && !is_as_is("a.webpx") && !is_as_is("éé"));
    }
}
