//! Images in a built site: responsive variants, their markup, their files and the
//! image checks, on the `theme-images` fixture (issue #20).

mod common;

use common::TestSite;

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn photos_are_published_in_widths_and_formats_with_their_size_and_lazy_after_the_first() {
    let site = TestSite::new("theme-images");
    site.build_ok();
    let html = site.read_output("gallery/visit/index.html");
    // Every raster image is a <picture> with WebP first and width and height set.
    assert_eq!(html.matches("<picture>").count(), 6, "{html}");
    assert!(html.contains(
        "<source type=\"image/webp\" srcset=\"/gallery/visit/hall.480w.webp 480w, /gallery/visit/hall.960w.webp 960w, /gallery/visit/hall.1600w.webp 1600w\""
    ), "{html}");
    assert!(html.contains(
        "srcset=\"/gallery/visit/hall.480w.jpg 480w, /gallery/visit/hall.960w.jpg 960w, /gallery/visit/hall.jpg 1600w\""
    ));
    assert!(html.contains("sizes=\"(max-width: 44rem) calc(100vw - 2rem), 42rem\""));
    assert!(html.contains("width=\"1600\" height=\"1067\""), "{html}");
    // The first image loads at once; the others wait until they are near.
    let first = html.find("hall.jpg\" alt").unwrap();
    let lazy = html.find("loading=\"lazy\"").unwrap();
    assert!(first < lazy);
    assert_eq!(
        html.matches("loading=\"lazy\" decoding=\"async\"").count(),
        5
    );
    // The sideways photo is stood upright: portrait, not landscape.
    assert!(html.contains("noticeboard.jpg\" alt=\"A tall noticeboard covered in red and blue notes\" width=\"1200\" height=\"1800\""), "{html}");
    // The decorative divider has alt="" on purpose.
    assert!(html.contains("divider.png\" alt=\"\""));
    assert!(html.contains("title=\"Group work\""));

    let public = site.path("public");
    for file in [
        "gallery/visit/hall.jpg",
        "gallery/visit/hall.480w.jpg",
        "gallery/visit/hall.960w.webp",
        "gallery/visit/hall.1600w.webp",
        "images/attendance.png",
        "images/attendance.480w.webp",
    ] {
        let bytes = std::fs::read(public.join(file)).unwrap_or_else(|_| panic!("{file}"));
        assert!(!contains(&bytes, b"Exif"), "{file} has EXIF");
    }
    let original = std::fs::read(site.path("content/gallery/visit/hall.jpg")).unwrap();
    assert!(
        contains(&original, b"Exif"),
        "the fixture photo carries EXIF"
    );
    let published = std::fs::read(public.join("gallery/visit/hall.jpg")).unwrap();
    assert!(published.len() < original.len());
    // The SVG is published without its script, handler, javascript: link or tracker.
    let svg = std::fs::read_to_string(public.join("gallery/visit/house.svg")).unwrap();
    for bad in ["script", "onload", "javascript", "tracker", "alert"] {
        assert!(!svg.contains(bad), "{bad} in {svg}");
    }
    assert!(svg.contains("<path d=\"M10 50 L50 10 L90 50 Z\""), "{svg}");
    // The cache is outside the output.
    assert!(site.path(".plainsite-cache/images").is_dir());
    assert!(!public.join(".plainsite-cache").exists());
}

#[test]
fn a_second_build_takes_images_from_the_cache_and_writes_the_same_files() {
    let site = TestSite::new("theme-images");
    site.build_ok();
    let first = site.checksums();
    let entries = std::fs::read_dir(site.path(".plainsite-cache/images"))
        .unwrap()
        .count();
    site.build_ok();
    assert_eq!(site.checksums(), first);
    let again = std::fs::read_dir(site.path(".plainsite-cache/images"))
        .unwrap()
        .count();
    assert_eq!(entries, again);
}

#[test]
fn variants_are_published_as_links_to_the_cache_and_rebuilds_keep_the_cache_whole() {
    use std::os::unix::fs::MetadataExt;
    let site = TestSite::new("theme-images");
    site.build_ok();
    let published = site.path("public/gallery/visit/hall.480w.webp");
    let meta = std::fs::metadata(&published).unwrap();
    assert_eq!(meta.nlink(), 2, "a hard link to the cache, not a copy");
    // Rebuilds swap the output folder and remove the old one; the cache stays.
    site.build_ok();
    site.build_ok();
    let cache = site.path(".plainsite-cache/images");
    let cached_webps = walk_files(&cache)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "webp"))
        .count();
    assert!(cached_webps >= 6, "{cached_webps}");
    assert_eq!(std::fs::metadata(&published).unwrap().nlink(), 2);
    // Removing the published site leaves the cache as it was.
    std::fs::remove_dir_all(site.path("public")).unwrap();
    let after = walk_files(&cache).len();
    assert!(after > cached_webps);
    site.build_ok();
    assert_eq!(
        std::fs::read(&published).unwrap().len() as u64,
        meta.len(),
        "the same bytes again"
    );
}

fn walk_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk_files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_broken_image_is_an_error_at_its_line_and_a_heavy_one_gets_a_note() {
    let site = TestSite::new("theme-images");
    site.write(
        "content/gallery/visit/hall.jpg",
        b"\xff\xd8\xff not really a photo",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[image-broken]: content/gallery/visit/index.md:9:1"),
        "{}",
        run.stderr
    );

    let site = TestSite::new("theme-images");
    let big = image::RgbImage::from_fn(4100, 60, |x, _| image::Rgb([(x % 256) as u8, 90, 30]));
    big.save(site.path("content/gallery/visit/groups.jpg"))
        .unwrap();
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .contains("warning[image-size]: content/gallery/visit/index.md:17:1"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("4100 × 60 pixels"), "{}", run.stderr);
}

/// A picture whose file name has a space is asked for as `big%20chart.png`.
/// Its size was looked up by that address, not by its name, so a 1.4 MB chart
/// went public with no note.
#[test]
fn a_heavy_image_with_a_space_in_its_name_gets_a_note() {
    let site = TestSite::new("theme-images");
    let mut seed = 1u32;
    let noise = image::RgbImage::from_fn(700, 700, |_, _| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let [r, g, b, _] = seed.to_be_bytes();
        image::Rgb([r, g, b])
    });
    noise
        .save(site.path("static/images/big chart.png"))
        .unwrap();
    site.write(
        "content/gallery/heavy.md",
        "---\ntitle: Heavy\ndescription: A heavy chart.\n---\n\n![A chart of noise](/images/big%20chart.png)\n",
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains(
            "warning[image-size]: content/gallery/heavy.md:6:1: this image file is 1.4 MB"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn hostile_image_names_and_links_do_not_escape_or_panic() {
    let site = TestSite::new("theme-images");
    site.write(
        "content/gallery/odd.md",
        "---\ntitle: Odd images\n---\n\n![A photo](../../../etc/passwd.jpg)\n\n![A photo](javascript:alert(1).png)\n\n![A \"quoted\" <b>photo</b>](/images/car-park.jpg)\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("odd.md:5"), "{}", run.stderr);
    site.write(
        "content/gallery/odd.md",
        "---\ntitle: Odd images\n---\n\n![A \"quoted\" <b>photo</b>](/images/car-park.jpg)\n",
    );
    site.build_ok();
    let html = site.read_output("gallery/odd/index.html");
    assert!(
        html.contains("alt=\"A \u{201c}quoted\u{201d} photo\" width=\"1200\""),
        "{html}"
    );
}

#[test]
fn a_gif_is_published_as_it_is_with_its_width_and_height_and_a_broken_one_is_an_error() {
    let site = TestSite::new("theme-images");
    // A GIF89a header: 320 × 200, least significant byte first, then a little
    // more of a file; only the header is read.
    site.write(
        "content/gallery/visit/wave.gif",
        b"GIF89a\x40\x01\xc8\x00\xf0\x00\x00 rest of an animation",
    );
    site.write(
        "content/gallery/moving.md",
        "---\ntitle: Moving pictures\n---\n\n![A wave](visit/wave.gif)\n\nText.\n\n![The same wave](visit/wave.gif \"Waving\")\n",
    );
    site.build_ok();
    let html = site.read_output("gallery/moving/index.html");
    assert!(
        html.contains(
            "<img src=\"/gallery/visit/wave.gif\" alt=\"A wave\" width=\"320\" height=\"200\">"
        ),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"/gallery/visit/wave.gif\" alt=\"The same wave\" width=\"320\" height=\"200\" title=\"Waving\" loading=\"lazy\" decoding=\"async\">"),
        "{html}"
    );
    // Published as it is, with no smaller copies.
    let published = std::fs::read(site.path("public/gallery/visit/wave.gif")).expect("published");
    assert!(published.ends_with(b"rest of an animation"));
    assert!(!site.path("public/gallery/visit/wave.480w.webp").exists());

    // A header cut short, or not a GIF's, is an error at the image's line, as
    // a broken JPEG or PNG is.
    for broken in [&b"GIF89a\x40"[..], b"not a gif at all"] {
        site.write("content/gallery/visit/wave.gif", broken);
        let run = site.run(&["check"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(
                "error[image-broken]: content/gallery/moving.md:5:1: the image `/gallery/visit/wave.gif` cannot be shown: it could not be read as an image"
            ),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_webp_is_published_as_it_is_with_its_width_and_height_whether_lossy_or_lossless() {
    let site = TestSite::new("theme-images");
    // Real files from the encoder the build uses for its own copies.
    let lossy = webp::Encoder::from_rgb(&[200; 7 * 5 * 3], 7, 5).encode(75.0);
    let lossless = webp::Encoder::from_rgba(&[90; 9 * 3 * 4], 9, 3).encode_lossless();
    site.write("content/gallery/visit/photo.webp", &lossy[..]);
    site.write("content/gallery/visit/chart.WEBP", &lossless[..]);
    site.write(
        "content/gallery/newer.md",
        "---\ntitle: Newer pictures\n---\n\n![A photo](visit/photo.webp)\n\nText.\n\n![A chart](visit/chart.WEBP)\n",
    );
    site.build_ok();
    let html = site.read_output("gallery/newer/index.html");
    assert!(
        html.contains(
            "<img src=\"/gallery/visit/photo.webp\" alt=\"A photo\" width=\"7\" height=\"5\">"
        ),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"/gallery/visit/chart.WEBP\" alt=\"A chart\" width=\"9\" height=\"3\" loading=\"lazy\" decoding=\"async\">"),
        "{html}"
    );
    assert!(!html.contains("<picture>"), "{html}");
    assert!(site.path("public/gallery/visit/photo.webp").is_file());
    assert!(!site.path("public/gallery/visit/photo.480w.webp").exists());

    // A WebP file that is not one is an error at its line, not a bare `<img>`.
    site.write(
        "content/gallery/visit/photo.webp",
        b"RIFF\x10\0\0\0WEBPVP8 ",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[image-broken]: content/gallery/newer.md:5:1: the image `/gallery/visit/photo.webp` cannot be shown: it could not be read as an image"
        ),
        "{}",
        run.stderr
    );
}

/// Writes the fixture's images (run with `--ignored` after changing them).
#[test]
#[ignore]
fn make_fixture_images() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/theme-images");
    let photo = |w: u32, h: u32, seed: u32| {
        image::RgbImage::from_fn(w, h, |x, y| {
            let left = x < w / 2;
            let wave = (((x / 7 + y / 5 + seed) % 40) as u8).saturating_mul(2);
            if left {
                image::Rgb([180 + wave / 3, 40 + wave, 50])
            } else {
                image::Rgb([40 + wave, 70, 170 + wave / 3])
            }
        })
    };
    let jpeg = |img: &image::RgbImage, orientation: u16| {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 70)
            .encode_image(img)
            .unwrap();
        with_exif(out, orientation)
    };
    let visit = dir.join("content/gallery/visit");
    std::fs::write(visit.join("hall.jpg"), jpeg(&photo(2400, 1600, 1), 1)).unwrap();
    // Stored landscape, shown portrait: the camera was turned.
    std::fs::write(
        visit.join("noticeboard.jpg"),
        jpeg(&photo(1800, 1200, 2), 6),
    )
    .unwrap();
    std::fs::write(visit.join("groups.jpg"), jpeg(&photo(2000, 1500, 3), 1)).unwrap();
    let statics = dir.join("static/images");
    std::fs::write(statics.join("car-park.jpg"), jpeg(&photo(1200, 900, 4), 1)).unwrap();
    let chart = image::RgbaImage::from_fn(640, 360, |x, y| {
        let bars = [(40, 150), (190, 220), (340, 300), (490, 110)];
        let inside = bars
            .iter()
            .any(|(x0, height)| x >= *x0 && x < x0 + 110 && y >= 340 - height && y < 340);
        if inside {
            image::Rgba([29, 79, 145, 255])
        } else if y == 340 {
            image::Rgba([0, 0, 0, 255])
        } else {
            image::Rgba([255, 255, 255, 0])
        }
    });
    chart.save(statics.join("attendance.png")).unwrap();
    let divider = image::RgbaImage::from_fn(600, 12, |x, _| {
        image::Rgba([29, 79, 145, (x % 200) as u8 + 40])
    });
    divider.save(statics.join("divider.png")).unwrap();
}

/// `jpeg` with an EXIF block: orientation, and a GPS-like text in Artist.
fn with_exif(jpeg: Vec<u8>, orientation: u16) -> Vec<u8> {
    let marker = b"GPS 51.5074N 0.1278W\0";
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&[0x01, 0x3b, 0, 2]);
    tiff.extend_from_slice(&(marker.len() as u32).to_be_bytes());
    tiff.extend_from_slice(&38u32.to_be_bytes());
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

/// Draws the repository site's charts (run with `--ignored` to make them again).
/// Bars only: every figure is in the alt text and in the table beside it, so no
/// words are drawn into the picture.
#[test]
#[ignore]
fn make_site_images() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let blue = image::Rgba([29, 79, 145, 255]);
    let grey = image::Rgba([112, 112, 112, 255]);
    let clear = image::Rgba([255, 255, 255, 255]);
    // Vertical bars: values, colours, on a 800 × 450 canvas with a base line.
    let bars = |values: &[(u32, image::Rgba<u8>)], max: u32, path: &std::path::Path| {
        let (w, h, base) = (800u32, 450u32, 420u32);
        let slot = w / values.len() as u32;
        let img = image::RgbaImage::from_fn(w, h, |x, y| {
            if y == base || y == base + 1 {
                return image::Rgba([0, 0, 0, 255]);
            }
            let i = (x / slot) as usize;
            let (value, colour) = values[i.min(values.len() - 1)];
            let top = base - value * 380 / max;
            let inside = x % slot >= slot / 5 && x % slot < slot * 4 / 5;
            if inside && y >= top && y < base {
                colour
            } else {
                clear
            }
        });
        img.save(path).unwrap();
    };
    bars(
        &[(134, grey), (192, blue)],
        200,
        &root.join("content/annual-report-2019-20/neglect-crimes.png"),
    );
    bars(
        &[(304, blue), (12, grey), (34, grey), (34, grey)],
        320,
        &root.join("content/annual-report-2019-20/referral-survey.png"),
    );
}

/// Writes five phone-sized photos (4,032 × 3,024, with EXIF and sensor-like
/// noise) into `$PLAINSITE_BENCH_PHOTOS`, for `bench/images.py`.
#[test]
#[ignore]
fn make_bench_photos() {
    let Ok(dir) = std::env::var("PLAINSITE_BENCH_PHOTOS") else {
        return;
    };
    std::fs::create_dir_all(&dir).unwrap();
    for seed in 1..=5u32 {
        let img = image::RgbImage::from_fn(4032, 3024, |x, y| {
            let mut n = x.wrapping_mul(374_761_393)
                ^ y.wrapping_mul(668_265_263)
                ^ seed.wrapping_mul(2_246_822_519);
            n = (n ^ (n >> 13)).wrapping_mul(1_274_126_177);
            let noise = (n >> 24) as u8 / 8;
            let sky = y < 1200 + (x / 9 + seed * 50) % 400;
            let base = if sky {
                [120, 160, 210]
            } else {
                [60 + ((x / 40 + y / 30) % 60) as u8, 110, 50]
            };
            image::Rgb(base.map(|c: u8| c.saturating_add(noise)))
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
            .encode_image(&img)
            .unwrap();
        std::fs::write(format!("{dir}/photo-{seed}.jpg"), with_exif(out, 1)).unwrap();
    }
}

/// Writes the check-rules fixture's images: a small real chart, and a photo
/// 4,100 pixels wide (over the `image-size` budget, yet only a few KB).
#[test]
#[ignore]
fn make_check_rules_images() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check-rules");
    let chart = image::RgbImage::from_fn(40, 20, |x, _| image::Rgb([29, 79, (x * 6) as u8]));
    chart.save(dir.join("static/chart.png")).unwrap();
    let wide = image::RgbImage::from_fn(4100, 30, |x, _| image::Rgb([(x % 256) as u8, 90, 30]));
    wide.save(dir.join("content/image-size/photo.jpg")).unwrap();
}

/// `jpeg` with an EXIF block after its first two bytes, holding a GPS note.
fn with_gps(jpeg: &[u8]) -> Vec<u8> {
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\0\0\0\0\0GPS HOME-AT-52.58N-1.98W".to_vec();
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap_or(0).to_be_bytes());
    out.append(&mut exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn a_photo_published_as_it_is_loses_where_it_was_taken() {
    let site = TestSite::new("theme-images");
    let original = std::fs::read(site.path("static/images/car-park.jpg")).expect("photo");
    // Linked for download, not shown: published as it is, but for its EXIF.
    site.write("static/downloads/car-park-large.jpg", with_gps(&original));
    site.write(
        "content/downloads.md",
        "---\ntitle: Downloads\ndescription: Photos to download.\n---\n\n[Download a large photo of the car park](/downloads/car-park-large.jpg).\n",
    );
    site.build_ok();
    let published =
        std::fs::read(site.path("public/downloads/car-park-large.jpg")).expect("published");
    assert!(!contains(&published, b"HOME-AT"), "the GPS note is gone");
    // The picture itself (from its start-of-scan marker on) is the same bytes.
    let picture = |b: &[u8]| {
        let sos = b
            .windows(2)
            .position(|w| w == [0xFF, 0xDA])
            .unwrap_or(b.len());
        b[sos..].to_vec()
    };
    assert!(
        picture(&published) == picture(&original),
        "the picture is the same, byte for byte"
    );
    assert!(published.len() < original.len() + 40);
}
