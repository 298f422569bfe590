//! `serve` never waits for image work (issue #20): a page with a large photo is
//! served with its text, and the photo as it is with its width and height, before
//! the photo's variants exist; they follow in a later build.

mod serve_support;

use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use serve_support::{get, site, start, write};

/// A photo-sized JPEG (big enough that making its variants takes a while).
fn photo(root: &Path, rel: &str, shade: u8) {
    let img = image::RgbImage::from_fn(3600, 2400, |x, y| {
        image::Rgb([shade, ((x * 7 + y * 3) % 251) as u8, ((x ^ y) % 253) as u8])
    });
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
    img.save(&path).expect("save photo");
}

/// Asks for `path` until its page satisfies `done`, for at most two minutes.
fn wait_for(address: SocketAddr, path: &str, done: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let body = get(address, path).body;
        if done(&body) {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "gave up waiting for {path}:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_page_is_served_with_its_text_before_its_image_variants_exist() {
    let dir = site();
    let root = dir.path();
    photo(root, "content/visit/hall.jpg", 40);
    write(
        root,
        "content/visit/index.md",
        "---\ntitle: Our visit\n---\n\nThe hall before the day began.\n\n![The hall set out with chairs](hall.jpg)\n",
    );
    let server = start(root);
    let address = server.address();
    let first = get(address, "/visit/").body;
    assert!(first.contains("The hall before the day began."), "{first}");
    // The original with its size, so the text does not move when the variants come.
    assert!(
        first.contains(
            "<img src=\"/visit/hall.jpg\" alt=\"The hall set out with chairs\" width=\"3600\" height=\"2400\">"
        ),
        "{first}"
    );
    assert!(!first.contains("<picture>"), "{first}");
    assert_eq!(get(address, "/visit/hall.jpg").status, 200);

    // The next build shows the variants, made meanwhile.
    let later = wait_for(address, "/visit/", |b| b.contains("<picture>"));
    assert!(later.contains("/visit/hall.480w.webp 480w"), "{later}");
    assert!(later.contains("width=\"1600\" height=\"1067\""), "{later}");
    assert_eq!(get(address, "/visit/hall.480w.webp").status, 200);
    assert!(root.join(".plainsite-cache/images").is_dir());

    // A photo added with a save: the first build with the new words does not
    // wait for it either.
    photo(root, "content/visit/garden.jpg", 200);
    write(
        root,
        "content/visit/index.md",
        "---\ntitle: Our visit\n---\n\nThe garden after lunch.\n\n![The hall set out with chairs](hall.jpg)\n\n![The garden in the sun](garden.jpg)\n",
    );
    let saved = wait_for(address, "/visit/", |b| {
        b.contains("The garden after lunch.")
    });
    assert!(
        saved.contains("<img src=\"/visit/garden.jpg\" alt=\"The garden in the sun\" width=\"3600\" height=\"2400\" loading=\"lazy\" decoding=\"async\">"),
        "{saved}"
    );
    assert!(
        saved.contains("/visit/hall.480w.webp 480w"),
        "the ready one stays"
    );
    let done = wait_for(address, "/visit/", |b| b.contains("garden.480w.webp"));
    assert_eq!(done.matches("<picture>").count(), 2, "{done}");
}

#[test]
fn a_broken_image_still_gets_its_error_in_the_preview() {
    let dir = site();
    let root = dir.path();
    write(root, "content/visit/broken.jpg", "this is not a photo");
    write(
        root,
        "content/visit/index.md",
        "---\ntitle: Our visit\n---\n\nWords.\n\n![A photo](broken.jpg)\n",
    );
    let server = start(root);
    let page = get(server.address(), "/").body;
    assert!(page.contains("image-broken"), "{page}");
}

#[test]
fn an_image_that_fails_only_when_its_pixels_are_read_shows_its_error_after_the_placeholder() {
    let dir = site();
    let root = dir.path();
    // A PNG whose header is whole (so its size can be read) but whose pixels stop short.
    let mut png = Vec::new();
    image::RgbImage::from_fn(800, 600, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 7])
    })
    .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
    .expect("png");
    png.truncate(300);
    std::fs::create_dir_all(root.join("content/visit")).expect("mkdir");
    std::fs::write(root.join("content/visit/chart.png"), &png).expect("write");
    write(
        root,
        "content/visit/index.md",
        "---\ntitle: Our visit\n---\n\nWords.\n\n![A chart](chart.png)\n",
    );
    let server = start(root);
    let first = get(server.address(), "/visit/").body;
    assert!(first.contains("width=\"800\" height=\"600\""), "{first}");
    let later = wait_for(server.address(), "/visit/", |b| b.contains("image-broken"));
    assert!(later.contains("unexpected end of file"), "{later}");
}

/// A site with a download that is a small JPEG carrying a GPS note in its EXIF.
fn site_with_a_photo_download() -> tempfile::TempDir {
    let dir = site();
    let root = dir.path();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode_image(&image::RgbImage::from_pixel(
            40,
            30,
            image::Rgb([30, 90, 160]),
        ))
        .expect("jpeg");
    let exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\0\0\0\0\0GPS HOME-AT-52.58N-1.98W";
    let mut photo = jpeg[..2].to_vec();
    photo.extend_from_slice(&[0xFF, 0xE1]);
    photo.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap_or(0).to_be_bytes());
    photo.extend_from_slice(exif);
    photo.extend_from_slice(&jpeg[2..]);
    std::fs::create_dir_all(root.join("static/downloads")).expect("mkdir");
    std::fs::write(root.join("static/downloads/hall.jpg"), &photo).expect("photo");
    write(
        root,
        "content/downloads.md",
        "---\ntitle: Downloads\n---\n\n[Download a photo of the hall](/downloads/hall.jpg).\n",
    );
    dir
}

#[test]
fn a_photo_served_as_it_is_loses_where_it_was_taken() {
    let dir = site_with_a_photo_download();
    let root = dir.path();
    let server = start(root);
    let reply = get(server.address(), "/downloads/hall.jpg");
    assert_eq!(reply.status, 200);
    assert!(
        !reply.body.contains("HOME-AT"),
        "the GPS note is not served"
    );
    assert!(reply.body.len() > 100, "the picture is");
}

#[test]
fn head_for_a_photo_gives_the_length_of_the_photo_as_served() {
    let dir = site_with_a_photo_download();
    let server = start(dir.path());
    let served = get(server.address(), "/downloads/hall.jpg");
    let on_disk = std::fs::metadata(dir.path().join("static/downloads/hall.jpg"))
        .expect("photo")
        .len();
    assert!(
        (served.bytes.len() as u64) < on_disk,
        "the GPS note is left out"
    );
    let head = serve_support::request(server.address(), "HEAD", "/downloads/hall.jpg");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some("image/jpeg"));
    let length = served.bytes.len().to_string();
    assert_eq!(head.header("content-length"), Some(length.as_str()));
    assert!(head.bytes.is_empty());
}
