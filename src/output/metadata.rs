//! The hidden details a camera or phone writes into a photo, taken out of the
//! image files the site publishes as they are (a photo a page links to but does
//! not show, a download in `static/`). A photo a page shows is written again
//! from its pixels by `images`; this is for the rest, where a copied file is
//! written (`build`) or served (`serve`).
//!
//! Lossless: the picture's own bytes are copied as they are; only metadata
//! blocks are left out.
//! - JPEG: every `APPn` block but JFIF (`APP0`), the colour profile (`APP2`
//!   `ICC_PROFILE`) and Adobe's colour block (`APP14`), and comments. EXIF
//!   holds the GPS position, the camera's serial number and the time; XMP and
//!   IPTC hold the same and more. A photo taken sideways keeps a small EXIF
//!   block with its orientation alone, so it still shows the right way up.
//! - PNG: the `eXIf`, `tEXt`, `zTXt`, `iTXt` and `tIME` chunks.
//! - WebP: the `EXIF` and `XMP ` chunks, and their flags in `VP8X`.
//!
//! A file that does not read as its kind is left as it is. It reads and writes
//! bytes only, and knows nothing of pages.

use std::borrow::Cow;

/// The bytes of image file `name` without its metadata, or `None` when it is
/// not a JPEG, PNG or WebP file by name, does not read as one, or has none.
pub fn stripped(name: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    read(name, bytes).flatten()
}

/// `bytes`, image file `name`, without its metadata (as they are when it has
/// none), or `None` when it is not a JPEG, PNG or WebP file by name or does not
/// read as one: then whether it holds any is not known.
pub fn without_metadata<'a>(name: &str, bytes: &'a [u8]) -> Option<Cow<'a, [u8]>> {
    Some(match read(name, bytes)? {
        Some(out) => Cow::Owned(out),
        None => Cow::Borrowed(bytes),
    })
}

/// The file without its metadata (`None` inside when it has none), or `None`
/// when it does not read as its kind.
fn read(name: &str, bytes: &[u8]) -> Option<Option<Vec<u8>>> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
    match ext {
        "jpg" | "jpeg" => jpeg(bytes),
        "png" => png(bytes),
        "webp" => webp(bytes),
        _ => None,
    }
}

/// `bytes`, the file `name` as copied from the site, as it is published:
/// without its metadata when it is a photo that has some.
pub fn published(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    if !is_photo(name) {
        return bytes;
    }
    stripped(name, &bytes).unwrap_or(bytes)
}

/// True when `name` is a file [`stripped`] reads.
pub fn is_photo(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp"]
        .iter()
        .any(|e| lower.ends_with(e))
}

fn jpeg(bytes: &[u8]) -> Option<Option<Vec<u8>>> {
    let rest = bytes.strip_prefix(&[0xFF, 0xD8])?;
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut at = 0;
    let mut removed = false;
    let mut orientation = None;
    loop {
        let marker = match rest.get(at..at + 2)? {
            [0xFF, m] => *m,
            _ => return None,
        };
        // The picture data, and all after it, is copied as it is.
        if marker == 0xDA || marker == 0xD9 {
            if orientation.is_some_and(|o| o != 1) {
                let header_end = jfif_end(&out);
                out.splice(header_end..header_end, orientation_block(orientation?));
            }
            out.extend_from_slice(&rest[at..]);
            return Some(removed.then_some(out));
        }
        let len = usize::from(u16::from_be_bytes([*rest.get(at + 2)?, *rest.get(at + 3)?]));
        let block = rest.get(at..at + 2 + len)?;
        let data = block.get(4..)?;
        let keep = match marker {
            0xE0 | 0xEE => true,
            0xE2 => data.starts_with(b"ICC_PROFILE\0"),
            0xE1 if data.starts_with(b"Exif\0\0") => {
                let own = exif_orientation(&data[6..]);
                // A block of the orientation alone is what this writes: kept.
                let alone = own.is_some_and(|o| block == orientation_block(o).as_slice());
                if !alone {
                    orientation = orientation.or(own);
                }
                alone
            }
            0xE1..=0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(block);
        } else {
            removed = true;
        }
        at += 2 + len;
    }
}

/// Where the blocks that must come first (JFIF) end in `out`.
fn jfif_end(out: &[u8]) -> usize {
    match out.get(2..6) {
        Some([0xFF, 0xE0, hi, lo]) => 4 + usize::from(u16::from_be_bytes([*hi, *lo])),
        _ => 2,
    }
}

/// The orientation (tag 0x0112 of the first image directory) in EXIF data
/// that starts at its TIFF header.
fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b = [*tiff.get(i)?, *tiff.get(i + 1)?];
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |i: usize| -> Option<u32> {
        let b = [
            *tiff.get(i)?,
            *tiff.get(i + 1)?,
            *tiff.get(i + 2)?,
            *tiff.get(i + 3)?,
        ];
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?);
    (0..count)
        .map(|n| ifd + 2 + n * 12)
        .find(|&entry| u16_at(entry) == Some(0x0112))
        .and_then(|entry| u16_at(entry + 8))
        .filter(|o| (1..=8).contains(o))
}

/// An EXIF block that holds only `orientation`.
fn orientation_block(orientation: u16) -> Vec<u8> {
    let mut data = b"Exif\0\0MM\0\x2A\0\0\0\x08".to_vec();
    data.extend_from_slice(&1u16.to_be_bytes()); // one entry
    data.extend_from_slice(&0x0112u16.to_be_bytes());
    data.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    data.extend_from_slice(&1u32.to_be_bytes());
    data.extend_from_slice(&orientation.to_be_bytes());
    data.extend_from_slice(&[0, 0]);
    data.extend_from_slice(&0u32.to_be_bytes()); // no next directory
    let len = u16::try_from(data.len() + 2).unwrap_or(u16::MAX);
    let mut block = vec![0xFF, 0xE1];
    block.extend_from_slice(&len.to_be_bytes());
    block.extend_from_slice(&data);
    block
}

fn png(bytes: &[u8]) -> Option<Option<Vec<u8>>> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    let mut rest = bytes.strip_prefix(SIGNATURE)?;
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(SIGNATURE);
    let mut removed = false;
    while !rest.is_empty() {
        let len = usize::try_from(u32::from_be_bytes(rest.get(..4)?.try_into().ok()?)).ok()?;
        let chunk = rest.get(..12usize.checked_add(len)?)?;
        let kind = &chunk[4..8];
        if matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME") {
            removed = true;
        } else {
            out.extend_from_slice(chunk);
        }
        rest = &rest[chunk.len()..];
    }
    Some(removed.then_some(out))
}

fn webp(bytes: &[u8]) -> Option<Option<Vec<u8>>> {
    if bytes.get(..4)? != b"RIFF" || bytes.get(8..12)? != b"WEBP" {
        return None;
    }
    let mut rest = bytes.get(12..)?;
    let mut chunks = Vec::with_capacity(bytes.len());
    let mut removed = false;
    while rest.len() >= 8 {
        let size = usize::try_from(u32::from_le_bytes(rest[4..8].try_into().ok()?)).ok()?;
        let padded = size + (size & 1);
        let chunk = rest.get(..8 + padded).or_else(|| rest.get(..8 + size))?;
        match &chunk[..4] {
            b"EXIF" | b"XMP " => removed = true,
            b"VP8X" => {
                let mut flags = chunk.to_vec();
                // Clear the "has EXIF" and "has XMP" flags.
                if let Some(f) = flags.get_mut(8) {
                    *f &= !0x0C;
                }
                chunks.extend_from_slice(&flags);
            }
            _ => chunks.extend_from_slice(chunk),
        }
        rest = &rest[chunk.len()..];
    }
    if !removed {
        return Some(None);
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&u32::try_from(chunks.len() + 4).ok()?.to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&chunks);
    Some(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(bytes: &[u8], needle: &[u8]) -> bool {
        bytes.windows(needle.len()).any(|w| w == needle)
    }

    /// A 64 × 32 JPEG with an EXIF block: `orientation`, and a place name
    /// where a phone would write its GPS position.
    fn jpeg_with_exif(orientation: u16) -> Vec<u8> {
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .encode_image(&image::RgbImage::from_pixel(
                64,
                32,
                image::Rgb([200, 20, 20]),
            ))
            .expect("jpeg");
        let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x02".to_vec();
        exif.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
        exif.extend_from_slice(&orientation.to_be_bytes());
        exif.extend_from_slice(&[0, 0]);
        // GPS directory pointer: LONG, count 1, to the marker after the IFD.
        exif.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
        exif.extend_from_slice(&[0, 0, 0, 0]);
        exif.extend_from_slice(b"GPS HOME-AT-51.5N-0.1W");
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap_or(0).to_be_bytes());
        out.extend_from_slice(&exif);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    /// A JPEG with a GPS note in its EXIF, an XMP block and a comment.
    fn tagged_jpeg(orientation: u16) -> Vec<u8> {
        let plain = jpeg_with_exif(orientation);
        let mut xmp =
            b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude 52.58</x:xmpmeta>".to_vec();
        let mut block = vec![0xFF, 0xE1];
        block.extend_from_slice(&u16::try_from(xmp.len() + 2).unwrap_or(0).to_be_bytes());
        block.append(&mut xmp);
        block.extend_from_slice(&[0xFF, 0xFE, 0x00, 0x0A]);
        block.extend_from_slice(b"home pic");
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&block);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn a_jpeg_loses_its_metadata_and_keeps_its_picture_and_orientation() {
        for orientation in [1, 6] {
            let photo = tagged_jpeg(orientation);
            let clean = stripped("IMG_2041.JPG", &photo).expect("metadata removed");
            assert!(!has(&clean, b"GPSLatitude") && !has(&clean, b"home pic"));
            assert!(!has(&clean, b"HOME-AT"));
            assert!(!has(&clean, b"http://ns.adobe.com"));
            let picture = |b: &[u8]| {
                let sos = b.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap_or(0);
                b[sos..].to_vec()
            };
            assert_eq!(picture(&clean), picture(&photo));
            let decoded = image::load_from_memory(&clean).expect("still a JPEG");
            assert_eq!((decoded.width(), decoded.height()), (64, 32));
            let kept = clean
                .windows(6)
                .position(|w| w == b"Exif\0\0")
                .map(|i| exif_orientation(&clean[i + 6..]));
            if orientation == 1 {
                assert_eq!(kept, None, "no EXIF at all");
            } else {
                assert_eq!(kept, Some(Some(6)), "only the orientation is kept");
            }
            assert_eq!(stripped("a.jpg", &clean), None, "nothing left to remove");
        }
    }

    #[test]
    fn a_png_and_a_webp_lose_their_text_and_exif() {
        let mut png = Vec::new();
        image::DynamicImage::new_rgb8(4, 4)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("png");
        let iend = png.len() - 12;
        let text = b"Location\0Walsall!";
        let mut chunk = u32::try_from(text.len())
            .unwrap_or(0)
            .to_be_bytes()
            .to_vec();
        chunk.extend_from_slice(b"tEXt");
        chunk.extend_from_slice(text);
        chunk.extend_from_slice(&[0, 0, 0, 0]);
        png.splice(iend..iend, chunk);
        let clean = stripped("map.png", &png).expect("text removed");
        assert!(!has(&clean, b"Walsall") && has(&clean, b"IEND"));
        assert!(image::load_from_memory(&clean).is_ok());

        let mut webp = b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\x08\0\0\0\x03\0\0\x03\0\0".to_vec();
        webp.extend_from_slice(b"EXIF\x06\0\0\0GPS123");
        webp.extend_from_slice(b"VP8L\x01\0\0\0\x2f\0");
        let size = u32::try_from(webp.len() - 8).unwrap_or(0).to_le_bytes();
        webp[4..8].copy_from_slice(&size);
        let clean = stripped("a.webp", &webp).expect("EXIF removed");
        assert!(!has(&clean, b"GPS123"));
        assert_eq!(clean[20] & 0x08, 0, "the EXIF flag is cleared");
        assert_eq!(
            u32::from_le_bytes([clean[4], clean[5], clean[6], clean[7]]) as usize,
            clean.len() - 8
        );
    }

    #[test]
    fn other_files_and_broken_ones_are_left_as_they_are() {
        assert_eq!(stripped("notes.txt", b"hello"), None);
        assert_eq!(stripped("a.jpg", b"not a jpeg"), None);
        let photo = tagged_jpeg(1);
        assert_eq!(stripped("a.jpg", &photo[..40]), None, "cut short");
        assert_eq!(stripped("a.png", b"\x89PNG\r\n\x1a\n\0\0\0\x10tEXt"), None);
        assert!(is_photo("a.JPEG") && is_photo("b.webp") && !is_photo("c.svg"));
    }
}
