//! Icons: `/favicon.ico`, a 32 px PNG and a 180 px apple-touch-icon, made from
//! the brand logo on the brand colour, or a default mark in the brand colour.
//!
//! Called once per build by `site::extras::add_brand`, before the asset table, so
//! the PNGs are fingerprinted like other assets (`favicon.ico` keeps its path:
//! browsers ask for it there). The icons are kept in the image cache folder,
//! under a hash of the logo's stamp and the colour, so an unchanged brand costs
//! a file stamp. A PNG or JPEG logo is also written again for the header, no
//! taller than [`LOGO_HEIGHT`] and without its metadata, so a poster-sized logo
//! does not weigh on every page. Only PNG and JPEG logos are read (with the same limits as
//! photos); an SVG logo is linked as it is and gets the default mark for the
//! raster icons. It never writes to the output folder and never renders HTML.

use std::path::{Path, PathBuf};

use image::imageops::FilterType;
use image::{Rgba, RgbaImage};

use super::store;
use crate::brand::Rgb;
use crate::output::OutputFile;

/// Output path of the PNG icon (linked with `sizes="32x32"`).
pub const ICON_PNG: &str = "icons/icon-32.png";
/// Output path of the touch icon phones put on the home screen.
pub const TOUCH_ICON: &str = "icons/apple-touch-icon.png";
/// Output path of the default mark as SVG, in the brand colour.
pub const ICON_SVG: &str = "icons/icon.svg";
/// Where browsers look for an icon whatever the page links to.
pub const FAVICON_ICO: &str = "favicon.ico";

/// The header logo's greatest height in pixels: the theme shows it at most
/// 3.5rem (56 CSS pixels) high, so this is sharp on a screen of 3 pixels to one.
pub const LOGO_HEIGHT: u32 = 168;

/// A logo file larger than this is refused before it is read.
const MAX_LOGO_BYTES: u64 = 20 * 1024 * 1024;
/// Nor is a logo wider or taller than this decoded.
const MAX_LOGO_SIDE: u32 = 8000;
/// Bump when the drawing changes, so old cached icons are not used.
const VERSION: &[u8] = b"icons-v1";
/// The default mark in a 32 × 32 box: four rectangles (x0, y0, x1, y1), the
/// same shape as the theme's `favicon.svg`.
const MARK: [(f32, f32, f32, f32); 4] = [
    (9.0, 9.0, 23.0, 13.0),
    (9.0, 13.0, 13.0, 27.0),
    (13.0, 16.0, 21.0, 20.0),
    (13.0, 23.0, 23.0, 27.0),
];

/// The icon files of one build: output path → file in the cache (or the bytes,
/// when the cache cannot be written: a read-only site folder still builds).
#[derive(Debug, Clone)]
pub struct IconFiles {
    /// `favicon.ico`, `icons/icon-32.png`, `icons/apple-touch-icon.png`.
    pub files: Vec<(&'static str, OutputFile)>,
    /// The default mark as SVG in the brand colour (small: made every build).
    pub svg: String,
    /// The logo for the header, in its own format, when there is a raster logo.
    pub logo: Option<OutputFile>,
}

impl IconFiles {
    fn cached(files: &[(&'static str, PathBuf)], svg: String, logo: &Option<PathBuf>) -> Self {
        IconFiles {
            files: files
                .iter()
                .map(|(k, p)| (*k, OutputFile::Copy(p.clone())))
                .collect(),
            svg,
            logo: logo.clone().map(OutputFile::Copy),
        }
    }
}

/// Makes (or finds in the cache under `root`) the icons for `logo` (a file, when
/// the brand has a raster logo) in `colour`. `Err` says why the logo could not
/// be used; the caller then asks again with no logo, so a site always has icons.
pub fn make(root: &Path, logo: Option<&Path>, colour: Rgb) -> Result<IconFiles, String> {
    let svg = default_svg(colour);
    let stamp = match logo {
        Some(path) => {
            let meta = std::fs::metadata(path).map_err(|e| format!("could not be read: {e}"))?;
            if meta.len() > MAX_LOGO_BYTES {
                return Err(format!(
                    "is {:.1} MB, too big for a logo (at most {} MB)",
                    meta.len() as f64 / (1024.0 * 1024.0),
                    MAX_LOGO_BYTES / (1024 * 1024)
                ));
            }
            store::stamp(path).unwrap_or_default()
        }
        None => String::new(),
    };
    let hash = store::hash_hex(&[VERSION, &colour, stamp.as_bytes()]);
    let dir = root.join(super::CACHE_DIR).join("icons").join(&hash);
    let names = [
        (FAVICON_ICO, "favicon.ico"),
        (ICON_PNG, "icon-32.png"),
        (TOUCH_ICON, "apple-touch-icon.png"),
    ];
    let files: Vec<(&'static str, PathBuf)> =
        names.iter().map(|(k, n)| (*k, dir.join(n))).collect();
    let jpeg = logo.is_some_and(|l| {
        let name = l.to_string_lossy().to_ascii_lowercase();
        name.ends_with(".jpg") || name.ends_with(".jpeg")
    });
    let header = logo.map(|_| dir.join(if jpeg { "logo.jpg" } else { "logo.png" }));
    let done = |files: &[(&str, PathBuf)]| {
        files.iter().all(|(_, p)| p.is_file()) && header.as_ref().is_none_or(|h| h.is_file())
    };
    if done(&files) {
        return Ok(IconFiles::cached(&files, svg, &header));
    }
    let logo = match logo {
        Some(path) => Some(read_logo(path)?),
        None => None,
    };
    let draw = |size: u32, rounded: bool| match &logo {
        Some(l) => on_colour(l, size, colour, rounded),
        None => default_mark(size, colour, rounded),
    };
    let png16 = png(&draw(16, true))?;
    let png32 = png(&draw(32, true))?;
    // Phones round the corners of a touch icon themselves.
    let touch = png(&draw(180, false))?;
    let ico = ico(&[(16, &png16), (32, &png32)]);
    let header_bytes = match &logo {
        Some(l) => Some(header_logo(l, jpeg)?),
        None => None,
    };
    let made = [
        ("favicon.ico", &ico),
        ("icon-32.png", &png32),
        ("apple-touch-icon.png", &touch),
    ];
    let tmp = dir.with_extension(format!("{}.tmp", std::process::id()));
    let saved = (|| -> std::io::Result<()> {
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp)?;
        for (name, bytes) in made {
            std::fs::write(tmp.join(name), bytes)?;
        }
        if let (Some(bytes), Some(h)) = (&header_bytes, &header) {
            std::fs::write(tmp.join(h.file_name().unwrap_or_default()), bytes)?;
        }
        Ok(())
    })();
    if saved.is_err() || std::fs::rename(&tmp, &dir).is_err() {
        // Another build made the same icons first (theirs are as good as ours),
        // or the cache cannot be written.
        let _ = std::fs::remove_dir_all(&tmp);
    }
    if done(&files) {
        return Ok(IconFiles::cached(&files, svg, &header));
    }
    // No cache (a read-only site folder): the icons are made on every build.
    let bytes = |b: &Vec<u8>| OutputFile::Bytes(b.clone().into());
    Ok(IconFiles {
        files: files
            .iter()
            .zip(made)
            .map(|((k, _), (_, b))| (*k, bytes(b)))
            .collect(),
        svg,
        logo: header_bytes.as_ref().map(bytes),
    })
}

/// The default mark as SVG, in `colour`.
pub fn default_svg(colour: Rgb) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\" fill=\"{}\"/><path d=\"M9 9h14v4H13v3h8v4h-8v3h10v4H9z\" fill=\"#fff\"/></svg>\n",
        crate::brand::hex(colour)
    )
}

/// Reads a PNG or JPEG logo within the limits, upright.
fn read_logo(path: &Path) -> Result<RgbaImage, String> {
    let bytes = crate::paths::read_file(path).map_err(|e| format!("could not be read: {e}"))?;
    let mut reader = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    if !matches!(
        reader.format(),
        Some(image::ImageFormat::Png | image::ImageFormat::Jpeg)
    ) {
        return Err("is not a PNG or JPEG image inside".to_owned());
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_LOGO_SIDE);
    limits.max_image_height = Some(MAX_LOGO_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let image = reader
        .decode()
        .map_err(|e| format!("could not be read as an image: {e}"))?;
    Ok(image.to_rgba8())
}

/// The logo no taller than [`LOGO_HEIGHT`], as PNG or (for a photo-like logo)
/// JPEG: pixels only, no metadata.
fn header_logo(logo: &RgbaImage, jpeg: bool) -> Result<Vec<u8>, String> {
    let (w, h) = (logo.width().max(1), logo.height().max(1));
    let scaled;
    let image = if h > LOGO_HEIGHT {
        let width = ((u64::from(w) * u64::from(LOGO_HEIGHT) + u64::from(h) / 2) / u64::from(h))
            .max(1) as u32;
        scaled = image::imageops::resize(logo, width, LOGO_HEIGHT, FilterType::CatmullRom);
        &scaled
    } else {
        logo
    };
    if !jpeg {
        return png(image);
    }
    let rgb = image::DynamicImage::ImageRgba8(image.clone()).to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&rgb)
        .map_err(|e| format!("could not make the logo: {e}"))?;
    Ok(out)
}

/// `logo` fitted inside a `size` square of `colour`, with a margin.
fn on_colour(logo: &RgbaImage, size: u32, colour: Rgb, rounded: bool) -> RgbaImage {
    let mut out = default_background(size, colour, rounded);
    let inner = (size as f32 * 0.84).round().max(1.0);
    let (w, h) = (logo.width().max(1) as f32, logo.height().max(1) as f32);
    let scale = (inner / w).min(inner / h);
    let (fw, fh) = (
        ((w * scale).round() as u32).max(1),
        ((h * scale).round() as u32).max(1),
    );
    let fitted = image::imageops::resize(logo, fw, fh, FilterType::CatmullRom);
    let (x0, y0) = ((size - fw.min(size)) / 2, (size - fh.min(size)) / 2);
    image::imageops::overlay(&mut out, &fitted, i64::from(x0), i64::from(y0));
    out
}

fn default_background(size: u32, colour: Rgb, rounded: bool) -> RgbaImage {
    draw(size, |_, _| None, colour, rounded)
}

/// The default mark: white rectangles on a (rounded) square of `colour`.
fn default_mark(size: u32, colour: Rgb, rounded: bool) -> RgbaImage {
    draw(
        size,
        |x, y| {
            MARK.iter()
                .any(|&(x0, y0, x1, y1)| x >= x0 && x < x1 && y >= y0 && y < y1)
                .then_some([255, 255, 255])
        },
        colour,
        rounded,
    )
}

/// Draws a `size` square by sampling 4 × 4 points a pixel in a 32-unit box:
/// `mark` gives the colour of a point on top of the background.
fn draw(
    size: u32,
    mark: impl Fn(f32, f32) -> Option<Rgb>,
    colour: Rgb,
    rounded: bool,
) -> RgbaImage {
    const N: u32 = 4;
    let unit = 32.0 / size as f32;
    let radius = if rounded { 6.0 } else { 0.0 };
    RgbaImage::from_fn(size, size, |px, py| {
        let mut sum = [0f32; 3];
        let mut covered = 0u32;
        for sy in 0..N {
            for sx in 0..N {
                let x = (px as f32 + (sx as f32 + 0.5) / N as f32) * unit;
                let y = (py as f32 + (sy as f32 + 0.5) / N as f32) * unit;
                if !in_rounded_square(x, y, radius) {
                    continue;
                }
                let c = mark(x, y).unwrap_or(colour);
                for i in 0..3 {
                    sum[i] += f32::from(c[i]);
                }
                covered += 1;
            }
        }
        if covered == 0 {
            return Rgba([0, 0, 0, 0]);
        }
        let n = covered as f32;
        Rgba([
            (sum[0] / n).round() as u8,
            (sum[1] / n).round() as u8,
            (sum[2] / n).round() as u8,
            (255 * covered / (N * N)) as u8,
        ])
    })
}

/// True inside the 32-unit square with corners of `radius`.
fn in_rounded_square(x: f32, y: f32, radius: f32) -> bool {
    let cx = x.clamp(radius, 32.0 - radius);
    let cy = y.clamp(radius, 32.0 - radius);
    (x - cx).powi(2) + (y - cy).powi(2) <= radius * radius
}

fn png(image: &RgbaImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .map_err(|e| format!("could not make the icon: {e}"))?;
    Ok(out)
}

/// An `.ico` file holding each `(size, PNG)` (PNG inside ICO is read by every
/// browser in use).
fn ico(images: &[(u8, &Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&[0, 0, 1, 0]);
    out.extend_from_slice(&(images.len() as u16).to_le_bytes());
    let mut offset = 6 + 16 * images.len();
    for (size, png) in images {
        out.extend_from_slice(&[*size, *size, 0, 0, 1, 0, 32, 0]);
        out.extend_from_slice(&(png.len() as u32).to_le_bytes());
        out.extend_from_slice(&(offset as u32).to_le_bytes());
        offset += png.len();
    }
    for (_, png) in images {
        out.extend_from_slice(png);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BRAND: Rgb = [0x5b, 0x2a, 0x86];

    fn file_bytes(file: &OutputFile) -> Vec<u8> {
        match file {
            OutputFile::Copy(p) => std::fs::read(p).unwrap(),
            OutputFile::Bytes(b) => b.to_vec(),
            OutputFile::Static(b) => b.to_vec(),
        }
    }

    fn size_of_png(bytes: &[u8]) -> (u32, u32) {
        let img = image::load_from_memory_with_format(bytes, image::ImageFormat::Png).unwrap();
        (img.width(), img.height())
    }

    #[test]
    fn the_default_icons_have_the_right_sizes_and_the_brand_colour() {
        let dir = tempfile::tempdir().unwrap();
        let icons = make(dir.path(), None, BRAND).unwrap();
        let read = |key: &str| {
            let (_, f) = icons.files.iter().find(|(k, _)| *k == key).unwrap();
            file_bytes(f)
        };
        assert_eq!(size_of_png(&read(ICON_PNG)), (32, 32));
        let touch = read(TOUCH_ICON);
        assert_eq!(size_of_png(&touch), (180, 180));
        let touch = image::load_from_memory(&touch).unwrap().to_rgba8();
        assert_eq!(touch.get_pixel(2, 2).0, [0x5b, 0x2a, 0x86, 255]);
        assert_eq!(touch.get_pixel(90, 60).0, [255, 255, 255, 255], "the mark");
        let ico = read(FAVICON_ICO);
        assert_eq!(&ico[..6], &[0, 0, 1, 0, 2, 0]);
        assert_eq!((ico[6], ico[22]), (16, 32));
        let offset = u32::from_le_bytes(ico[34..38].try_into().unwrap()) as usize;
        assert_eq!(size_of_png(&ico[offset..]), (32, 32));
        assert!(icons.svg.contains("fill=\"#5b2a86\""));
    }

    #[test]
    fn icons_are_made_from_a_png_logo_and_cached() {
        let dir = tempfile::tempdir().unwrap();
        let logo = dir.path().join("logo.png");
        RgbaImage::from_pixel(400, 100, Rgba([255, 200, 0, 255]))
            .save(&logo)
            .unwrap();
        let icons = make(dir.path(), Some(&logo), BRAND).unwrap();
        let path = |f: &OutputFile| match f {
            OutputFile::Copy(p) => p.clone(),
            other => panic!("not cached: {other:?}"),
        };
        let touch = &path(&icons.files[2].1);
        let img = image::open(touch).unwrap().to_rgba8();
        assert_eq!(
            img.get_pixel(90, 90).0,
            [255, 200, 0, 255],
            "logo in the middle"
        );
        assert_eq!(
            img.get_pixel(90, 5).0,
            [0x5b, 0x2a, 0x86, 255],
            "colour around"
        );
        let made = std::fs::metadata(touch).unwrap().modified().unwrap();
        let again = make(dir.path(), Some(&logo), BRAND).unwrap();
        assert_eq!(path(&again.files[2].1), *touch);
        assert_eq!(std::fs::metadata(touch).unwrap().modified().unwrap(), made);
        let other = make(dir.path(), Some(&logo), [0, 0, 0]).unwrap();
        assert_ne!(
            path(&other.files[2].1),
            *touch,
            "another colour, other icons"
        );
        // The header's logo: the 100 px high logo as it was; a taller one made smaller.
        let header = image::load_from_memory(&file_bytes(&icons.logo.unwrap())).unwrap();
        assert_eq!((header.width(), header.height()), (400, 100));
        let tall = dir.path().join("tall.jpg");
        image::RgbImage::from_pixel(1000, 2000, image::Rgb([9, 9, 9]))
            .save(&tall)
            .unwrap();
        let made = make(dir.path(), Some(&tall), BRAND).unwrap().logo.unwrap();
        assert!(matches!(&made, OutputFile::Copy(p) if p.to_string_lossy().ends_with("logo.jpg")));
        let header = image::load_from_memory(&file_bytes(&made)).unwrap();
        assert_eq!((header.width(), header.height()), (84, LOGO_HEIGHT));
    }

    #[test]
    fn a_site_folder_that_cannot_be_written_still_gets_its_icons() {
        let dir = tempfile::tempdir().unwrap();
        // The cache folder's place is taken by a file: nothing can be made there.
        std::fs::write(dir.path().join(".plainsite-cache"), "not a folder").unwrap();
        let icons = make(dir.path(), None, BRAND).unwrap();
        assert_eq!(icons.files.len(), 3);
        for (key, file) in &icons.files {
            assert!(matches!(file, OutputFile::Bytes(_)), "{key}");
        }
        assert_eq!(size_of_png(&file_bytes(&icons.files[2].1)), (180, 180));
    }

    #[test]
    fn a_logo_that_is_not_an_image_or_too_big_is_refused_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("logo.png");
        std::fs::write(&text, "<html>not a logo</html>").unwrap();
        let why = make(dir.path(), Some(&text), BRAND).unwrap_err();
        assert!(why.contains("not a PNG or JPEG"), "{why}");
        let broken = dir.path().join("broken.png");
        std::fs::write(&broken, b"\x89PNG\r\n\x1a\n broken").unwrap();
        let why = make(dir.path(), Some(&broken), BRAND).unwrap_err();
        assert!(why.contains("could not be read"), "{why}");
        let huge = dir.path().join("huge.png");
        let f = std::fs::File::create(&huge).unwrap();
        f.set_len(MAX_LOGO_BYTES + 1).unwrap();
        let why = make(dir.path(), Some(&huge), BRAND).unwrap_err();
        assert!(why.contains("too big for a logo"), "{why}");
        let missing = make(dir.path(), Some(&dir.path().join("nope.png")), BRAND).unwrap_err();
        assert!(missing.contains("could not be read"), "{missing}");
        // 9,000 px wide: over the side limit, refused before its pixels are read.
        let wide = dir.path().join("wide.png");
        image::GrayImage::new(9000, 1).save(&wide).unwrap();
        let why = make(dir.path(), Some(&wide), BRAND).unwrap_err();
        assert!(why.contains("could not be read as an image"), "{why}");
    }
}
