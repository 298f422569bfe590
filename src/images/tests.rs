//! Unit tests of image preparation: widths, formats, orientation, metadata, cache.

use super::*;

/// A photo-like JPEG `w` × `h` with an EXIF block: orientation `orientation` and
/// an Artist tag holding a marker that must never reach the output.
pub(crate) fn jpeg_with_exif(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    jpeg_with_exif_at(w, h, orientation, 90)
}

/// [`jpeg_with_exif`] saved at JPEG `quality`.
fn jpeg_with_exif_at(w: u32, h: u32, orientation: u16, quality: u8) -> Vec<u8> {
    // Left half red, right half blue: orientation shows where the colours end up.
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let shade = ((x + y) % 32) as u8;
        if x < w / 2 {
            image::Rgb([220, shade, shade])
        } else {
            image::Rgb([shade, shade, 220])
        }
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, quality)
        .encode_image(&img)
        .unwrap();
    let marker = b"HOME-AT-51.5N-0.1W\0";
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&2u16.to_be_bytes());
    // Orientation: SHORT, count 1, value in the first two bytes.
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    // Artist: ASCII, stored after the IFD.
    let offset = 8 + 2 + 2 * 12 + 4;
    tiff.extend_from_slice(&[0x01, 0x3b, 0, 2]);
    tiff.extend_from_slice(&(marker.len() as u32).to_be_bytes());
    tiff.extend_from_slice(&(offset as u32).to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(marker);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xff, 0xe1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_photo_is_written_in_three_widths_in_jpeg_and_webp_without_its_exif() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("photo.jpg");
    std::fs::write(&source, jpeg_with_exif(2000, 1000, 1)).unwrap();
    let original = std::fs::read(&source).unwrap();
    assert!(
        contains(&original, b"HOME-AT-51.5N"),
        "the test photo has the marker"
    );
    let prepared = prepare_uncached(&dir.path().join("cache"), &source).unwrap();
    let widths: Vec<(u32, u32)> = prepared
        .variants
        .iter()
        .map(|v| (v.width, v.height))
        .collect();
    assert_eq!(widths, vec![(480, 240), (960, 480), (1600, 800)]);
    for v in &prepared.variants {
        let own = std::fs::read(&v.own).unwrap();
        let webp = std::fs::read(&v.webp).unwrap();
        assert!(own.starts_with(&[0xff, 0xd8]), "JPEG");
        assert!(webp.starts_with(b"RIFF") && &webp[8..12] == b"WEBP");
        for bytes in [&own, &webp] {
            assert!(!contains(bytes, b"Exif"), "EXIF block removed");
            assert!(!contains(bytes, b"HOME-AT-51.5N"), "no trace of the marker");
        }
        let decoded = image::load_from_memory(&own).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (v.width, v.height));
    }
    assert_eq!(
        (prepared.original_width, prepared.original_height),
        (2000, 1000)
    );
}

#[test]
fn exif_orientation_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("sideways.jpg");
    // 6: the camera was turned; the picture must be rotated 90° clockwise.
    std::fs::write(&source, jpeg_with_exif(800, 400, 6)).unwrap();
    let prepared = prepare_uncached(&dir.path().join("cache"), &source).unwrap();
    let top = prepared.variants.last().unwrap();
    assert_eq!((top.width, top.height), (400, 800));
    let img = image::open(&top.own).unwrap().to_rgb8();
    // Red (the left half) is now the top half.
    let top_pixel = img.get_pixel(200, 100);
    let bottom_pixel = img.get_pixel(200, 700);
    assert!(top_pixel[0] > 150 && top_pixel[2] < 100, "{top_pixel:?}");
    assert!(
        bottom_pixel[2] > 150 && bottom_pixel[0] < 100,
        "{bottom_pixel:?}"
    );
}

/// A sideways photo saved smaller than its upright copy comes out: its own
/// bytes would show sideways wherever the orientation is not read, so the
/// upright copy is published all the same.
#[test]
fn a_sideways_photo_is_published_upright_even_when_its_file_is_smaller() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("sideways.jpg");
    let original = jpeg_with_exif_at(800, 400, 6, 30);
    std::fs::write(&source, &original).unwrap();
    let prepared = prepare_uncached(&dir.path().join("cache"), &source).unwrap();
    let top = prepared.variants.last().unwrap();
    let published = std::fs::read(&top.own).unwrap();
    assert!(
        published.len() > original.len(),
        "the case this test is for"
    );
    let img = image::load_from_memory(&published).unwrap();
    assert_eq!((img.width(), img.height()), (400, 800));
}

#[test]
fn a_small_png_keeps_its_width_and_its_transparency() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("chart.png");
    let img = image::RgbaImage::from_fn(300, 200, |x, _| image::Rgba([0, 0, 0, (x % 256) as u8]));
    img.save(&source).unwrap();
    let prepared = prepare_uncached(&dir.path().join("cache"), &source).unwrap();
    assert_eq!(prepared.variants.len(), 1);
    let v = &prepared.variants[0];
    assert_eq!((v.width, v.height), (300, 200));
    let back = image::open(&v.own).unwrap().to_rgba8();
    assert_eq!(back.get_pixel(10, 5)[3], 10);
    assert!(std::fs::read(&v.webp).unwrap().starts_with(b"RIFF"));
}

#[test]
fn output_is_the_same_bytes_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("photo.jpg");
    std::fs::write(&source, jpeg_with_exif(1000, 600, 1)).unwrap();
    let a = prepare_uncached(&dir.path().join("one"), &source).unwrap();
    let b = prepare_uncached(&dir.path().join("two"), &source).unwrap();
    for (x, y) in a.variants.iter().zip(&b.variants) {
        assert_eq!(
            std::fs::read(&x.own).unwrap(),
            std::fs::read(&y.own).unwrap()
        );
        assert_eq!(
            std::fs::read(&x.webp).unwrap(),
            std::fs::read(&y.webp).unwrap()
        );
    }
}

#[test]
fn an_unchanged_image_is_taken_from_the_cache_and_not_encoded_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let source = dir.path().join("photo.jpg");
    std::fs::write(&source, jpeg_with_exif(1000, 600, 1)).unwrap();
    let first = prepare_uncached(&cache, &source).unwrap();
    // Spoil a cached file: if the next call encoded again, it would not see this.
    std::fs::write(&first.variants[0].webp, b"cached").unwrap();
    let second = prepare_uncached(&cache, &source).unwrap();
    assert_eq!(std::fs::read(&second.variants[0].webp).unwrap(), b"cached");
    // The same bytes under another name are found by their content hash.
    let copy = dir.path().join("copy.jpg");
    std::fs::copy(&source, &copy).unwrap();
    let third = prepare_uncached(&cache, &copy).unwrap();
    assert_eq!(std::fs::read(&third.variants[0].webp).unwrap(), b"cached");
    // Changed bytes are a new entry.
    std::fs::write(&source, jpeg_with_exif(900, 600, 1)).unwrap();
    let fourth = prepare_uncached(&cache, &source).unwrap();
    assert_ne!(std::fs::read(&fourth.variants[0].webp).unwrap(), b"cached");
}

#[test]
fn broken_and_disguised_files_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    for (name, bytes) in [
        ("empty.jpg", &b""[..]),
        ("text.jpg", b"hello"),
        ("cut.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("gif.png", b"GIF89a\x01\0\x01\0\0\0\0;"),
    ] {
        let source = dir.path().join(name);
        std::fs::write(&source, bytes).unwrap();
        assert!(prepare_uncached(&cache, &source).is_err(), "{name}");
    }
    assert!(prepare_uncached(&cache, &dir.path().join("missing.jpg")).is_err());
}

#[test]
fn variant_names_sit_beside_the_original() {
    assert_eq!(variant_key("a/photo.jpg", 480, "webp"), "a/photo.480w.webp");
    assert_eq!(variant_key("a.b/photo", 480, "jpg"), "a.b/photo.480w.jpg");
    assert_eq!(variant_key(".jpg", 480, "jpg"), ".jpg.480w.jpg");
}

/// A chart as a drawing program saves it: flat colours, no transparency, and
/// a text chunk naming who made it. `tail` is appended after the file's end.
fn flat_chart_png(tail: &[u8]) -> Vec<u8> {
    let img = image::RgbImage::from_fn(600, 300, |x, y| {
        if (x / 50) % 2 == 0 && y > 100 {
            image::Rgb([29, 112, 184])
        } else {
            image::Rgb([255, 255, 255])
        }
    });
    let mut png = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        &mut png,
        image::codecs::png::CompressionType::Best,
        image::codecs::png::FilterType::Adaptive,
    );
    img.write_with_encoder(encoder).unwrap();
    // A tEXt chunk before IEND (the last 12 bytes).
    let data = b"Author\0Jane Smith, Children's Services";
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(b"tEXt");
    chunk.extend_from_slice(data);
    let crc = {
        let mut c = 0xffff_ffffu32;
        for &b in b"tEXt".iter().chain(data.iter()) {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    };
    chunk.extend_from_slice(&crc.to_be_bytes());
    let end = png.len() - 12;
    png.splice(end..end, chunk);
    png.extend_from_slice(tail);
    png
}

#[test]
fn an_image_at_its_own_size_is_never_published_larger_than_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("chart.png");
    let original = flat_chart_png(b"");
    std::fs::write(&source, &original).unwrap();
    let prepared = prepare_uncached(&dir.path().join("cache"), &source).unwrap();
    let top = std::fs::read(&prepared.variants.last().unwrap().own).unwrap();
    // Its own bytes, less the chunk naming its author.
    let cleaned = crate::output::metadata::stripped("chart.png", &original).unwrap();
    assert_eq!(top, cleaned);
    assert!(!contains(&top, b"Jane Smith"));
    // A copy without transparency is written without an alpha channel
    // (colour type 2 in the header).
    let narrow = std::fs::read(&prepared.variants[0].own).unwrap();
    assert_eq!(prepared.variants[0].width, 480);
    assert_eq!(narrow[25], 2, "RGB, not RGBA");
}

#[test]
fn an_original_whose_metadata_cannot_be_read_is_not_published_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("chart.png");
    // Two stray bytes after the end: the image reads, its chunks do not.
    let original = flat_chart_png(b"\0\0");
    assert!(crate::output::metadata::without_metadata("chart.png", &original).is_none());
    std::fs::write(&source, &original).unwrap();
    let prepared = prepare_uncached(&dir.path().join("cache"), &source).unwrap();
    let top = std::fs::read(&prepared.variants.last().unwrap().own).unwrap();
    assert!(!contains(&top, b"Jane Smith"));
    assert_ne!(top, original);
}
