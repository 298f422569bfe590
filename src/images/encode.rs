//! Pixels: decodes one raster image, turns it upright, and encodes it in a few
//! widths, in its own format and in WebP.
//!
//! With `icons` (which draws and scales the site's icons), the only module that
//! calls the `image` and `webp` crates. It gets bytes and
//! returns bytes; it never touches the disk, the cache or the output. Encoding
//! writes pixels only, so EXIF (GPS positions, camera serial numbers) and other
//! metadata never reach the output.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// The widths written, when the image is at least that wide.
pub(crate) const WIDTHS: [u32; 3] = [480, 960, 1600];

/// JPEG quality (of 100): photos look the same at this size on a phone.
const JPEG_QUALITY: u8 = 80;
/// Lossy WebP quality for photos (of 100).
const WEBP_QUALITY: f32 = 75.0;
/// The most memory one decode may take: a 8,000 × 8,000 RGBA image fits.
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// The formats written for an image: its own, and WebP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A photo: JPEG and lossy WebP.
    Jpeg,
    /// A screenshot, chart or drawing: PNG and lossless WebP (text stays sharp).
    Png,
}

impl Kind {
    /// The kind of a file by its ending, for the files this module can read.
    pub(crate) fn of(name: &str) -> Option<Kind> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
            Some(Kind::Jpeg)
        } else if lower.ends_with(".png") {
            Some(Kind::Png)
        } else {
            None
        }
    }

    /// The file ending of the image's own format.
    pub(crate) fn ext(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
        }
    }
}

/// One width of an image, in both formats.
#[derive(Debug, Clone)]
pub(crate) struct Encoded {
    /// Width in pixels.
    pub(crate) width: u32,
    /// Height in pixels.
    pub(crate) height: u32,
    /// The image in its own format.
    pub(crate) own: Vec<u8>,
    /// The image as WebP.
    pub(crate) webp: Vec<u8>,
}

/// The widths to write for an image `width` pixels wide: each of [`WIDTHS`]
/// narrower than it, then the image itself capped at the widest.
pub(crate) fn widths_for(width: u32) -> Vec<u32> {
    let top = width.min(WIDTHS[WIDTHS.len() - 1]);
    let mut out: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < top).collect();
    out.push(top);
    out
}

/// Reads the image in `bytes`, turned upright by its EXIF orientation; true
/// with it when that orientation changed it.
pub(crate) fn decode(bytes: &[u8]) -> Result<(DynamicImage, bool), String> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    if !matches!(reader.format(), Some(ImageFormat::Jpeg | ImageFormat::Png)) {
        return Err("it is not a JPEG or PNG image".to_owned());
    }
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    // The limit above bounds the decoder's own buffers, not the picture it
    // returns: a PNG of one colour is a few megabytes for billions of pixels.
    let (width, height) = decoder.dimensions();
    if decoder.total_bytes() > MAX_ALLOC {
        return Err(format!(
            "it is {width} × {height} pixels, too many to make copies of; save it at most 4,000 pixels wide"
        ));
    }
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    image.apply_orientation(orientation);
    Ok((
        image,
        orientation != image::metadata::Orientation::NoTransforms,
    ))
}

/// The width and height of the image in the file at `path` as it is shown
/// (turned by its EXIF orientation), read from its header only.
pub(crate) fn dimensions(path: &std::path::Path) -> Result<(u32, u32), String> {
    use image::metadata::Orientation;
    let reader = ImageReader::open(path)
        .map_err(|e| e.to_string())?
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    if !matches!(reader.format(), Some(ImageFormat::Jpeg | ImageFormat::Png)) {
        return Err("it is not a JPEG or PNG image".to_owned());
    }
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let (w, h) = decoder.dimensions();
    let turned = matches!(
        decoder.orientation().map_err(|e| e.to_string())?,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    if w == 0 || h == 0 {
        return Err("it has no pixels".to_owned());
    }
    Ok(if turned { (h, w) } else { (w, h) })
}

/// Encodes `image` at each width of [`widths_for`], widest last. Each smaller
/// width is made from the one above it, which is quicker than from the original.
pub(crate) fn encode_all(image: &DynamicImage, kind: Kind) -> Result<Vec<Encoded>, String> {
    let widths = widths_for(image.width());
    let mut current = image.clone();
    let mut out = Vec::with_capacity(widths.len());
    for &width in widths.iter().rev() {
        if width < current.width() {
            let height = scaled_height(image.width(), image.height(), width);
            current = current.resize_exact(width, height, FilterType::CatmullRom);
        }
        out.push(encode(&current, kind)?);
    }
    out.reverse();
    Ok(out)
}

/// The height that keeps the aspect ratio at `width`, at least 1.
fn scaled_height(w: u32, h: u32, width: u32) -> u32 {
    ((u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w.max(1))).max(1) as u32
}

fn encode(image: &DynamicImage, kind: Kind) -> Result<Encoded, String> {
    let (width, height) = (image.width(), image.height());
    let mut own = Vec::new();
    let webp = match kind {
        Kind::Jpeg => {
            let rgb = image.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut own, JPEG_QUALITY)
                .encode_image(&rgb)
                .map_err(|e| e.to_string())?;
            webp::Encoder::from_rgb(rgb.as_raw(), width, height)
                .encode_simple(false, WEBP_QUALITY)
                .map_err(|e| format!("WebP: {e:?}"))?
                .to_vec()
        }
        Kind::Png => {
            // A PNG with no transparency stays without it: an alpha channel
            // of nothing but opaque pixels only makes the file larger.
            let (flat, layout) = if image.color().has_alpha() {
                (
                    DynamicImage::ImageRgba8(image.to_rgba8()),
                    webp::PixelLayout::Rgba,
                )
            } else {
                (
                    DynamicImage::ImageRgb8(image.to_rgb8()),
                    webp::PixelLayout::Rgb,
                )
            };
            flat.write_to(&mut Cursor::new(&mut own), ImageFormat::Png)
                .map_err(|e| e.to_string())?;
            webp::Encoder::new(flat.as_bytes(), layout, width, height)
                .encode_simple(true, 100.0)
                .map_err(|e| format!("WebP: {e:?}"))?
                .to_vec()
        }
    };
    Ok(Encoded {
        width,
        height,
        own,
        webp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_exceed_the_original() {
        assert_eq!(widths_for(4000), vec![480, 960, 1600]);
        assert_eq!(widths_for(1000), vec![480, 960, 1000]);
        assert_eq!(widths_for(960), vec![480, 960]);
        assert_eq!(widths_for(300), vec![300]);
        assert_eq!(scaled_height(4000, 3000, 480), 360);
        assert_eq!(scaled_height(1, 1, 480), 480);
    }

    /// The CRC-32 a PNG chunk ends with.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = u32::MAX;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn what_is_not_an_image_is_refused() {
        assert!(decode(b"not an image").is_err());
        // A header that asks for 30,000 × 30,000 pixels is refused before any
        // pixel is read.
        let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        let ihdr = [
            &30_000u32.to_be_bytes()[..],
            &30_000u32.to_be_bytes(),
            &[8, 2, 0, 0, 0],
        ]
        .concat();
        bomb.extend_from_slice(&ihdr);
        let crc = crc32(&[&b"IHDR"[..], &ihdr].concat());
        bomb.extend_from_slice(&crc.to_be_bytes());
        for name in [b"IDAT", b"IEND"] {
            bomb.extend_from_slice(&[0, 0, 0, 0]);
            bomb.extend_from_slice(name);
            bomb.extend_from_slice(&crc32(name).to_be_bytes());
        }
        let refused = decode(&bomb).map(|_| ()).unwrap_err();
        assert!(
            refused.contains("30000 × 30000 pixels, too many"),
            "{refused}"
        );
        assert!(decode(b"").is_err());
        assert!(decode(b"\x89PNG\r\n\x1a\n broken").is_err());
        assert!(Kind::of("a.gif").is_none());
        assert_eq!(Kind::of("A.JPEG"), Some(Kind::Jpeg));
    }
}
