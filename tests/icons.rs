//! Icons (issue #20): `/favicon.ico`, a 32 px PNG and a 180 px touch icon, made
//! from the brand logo or a default mark in the brand colour, linked from every
//! page; hostile logo values give a message, never a panic.

mod common;

use common::TestSite;

/// The site's HTML pages (plain paths under `public/`).
fn html_pages(site: &TestSite) -> Vec<String> {
    site.output_files()
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// The output path of the file a page's `<link rel="{rel}" …>` points to.
fn linked(html: &str, rel: &str, extra: &str) -> Option<String> {
    html.lines()
        .find(|l| l.starts_with(&format!("<link rel=\"{rel}\"")) && l.contains(extra))
        .and_then(|l| l.split("href=\"/").nth(1))
        .and_then(|rest| rest.split('"').next())
        .map(str::to_owned)
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
    (be(16), be(20))
}

fn read_bytes(site: &TestSite, rel: &str) -> Vec<u8> {
    std::fs::read(site.path("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_page_links_icons_of_the_right_sizes_and_favicon_ico_exists() {
    let site = TestSite::new("theme-minimal");
    site.write(
        "static/images/logo.png",
        // A 1 x 1 PNG is enough for the logo; the icons fit it into their square.
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82",
    );
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        format!("{yaml}\nbrand: {{ logo: /images/logo.png }}\n"),
    );
    site.build_ok();
    let ico = read_bytes(&site, "favicon.ico");
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an ICO file");
    let pages = html_pages(&site);
    assert!(pages.len() > 3, "{pages:?}");
    for page in &pages {
        let html = site.read_output(page);
        let png = linked(&html, "icon", "sizes=\"32x32\"")
            .unwrap_or_else(|| panic!("{page} links no 32 px icon"));
        assert_eq!(png_size(&read_bytes(&site, &png)), (32, 32), "{page}");
        let touch = linked(&html, "apple-touch-icon", "")
            .unwrap_or_else(|| panic!("{page} links no touch icon"));
        assert_eq!(png_size(&read_bytes(&site, &touch)), (180, 180), "{page}");
        assert!(
            linked(&html, "icon", "image/svg+xml").is_none(),
            "{page}: a raster logo's icons are not hidden behind the default SVG"
        );
    }
}

#[test]
fn a_site_without_a_logo_gets_the_default_mark_in_its_colour_and_an_svg_logo_is_its_icon() {
    let site = TestSite::new("theme-minimal");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        format!("{yaml}\nbrand: {{ colour: \"#5b2a86\" }}\n"),
    );
    site.build_ok();
    let home = site.read_output("index.html");
    let svg = linked(&home, "icon", "image/svg+xml").expect("an SVG icon");
    assert!(svg.starts_with("icons/icon."), "{svg}");
    assert!(site.read_output(&svg).contains("fill=\"#5b2a86\""));
    assert!(!read_bytes(&site, "favicon.ico").is_empty());

    site.write(
        "static/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>",
    );
    site.write(
        "site.yaml",
        format!("{yaml}\nbrand: {{ colour: \"#5b2a86\", logo: /images/logo.svg }}\n"),
    );
    site.build_ok();
    let home = site.read_output("index.html");
    let svg = linked(&home, "icon", "image/svg+xml").expect("an SVG icon");
    assert!(svg.starts_with("images/logo."), "{svg}");
    // The logo named after its bytes is a copy: the file stays at its own
    // address, which a page or another website may link to.
    let plain = read_bytes(&site, "images/logo.svg");
    assert!(!plain.is_empty());
    assert_eq!(plain, read_bytes(&site, &svg));
    // The generated icons and the stylesheets are only at their new names.
    assert!(!site.path("public/icons/icon-32.png").exists());
    assert!(!site.path("public/css/site.css").exists());
}

#[test]
fn hostile_logo_values_give_a_clear_message_not_a_panic() {
    let site = TestSite::new("theme-minimal");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write("static/images/notes.png", "these are notes, not a picture");
    site.write("outside.png", "x");
    let huge = site.path("static/images/huge.png");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(21 * 1024 * 1024))
        .expect("huge file");
    for (logo, expected) in [
        (
            "/images/notes.png",
            "cannot be made into the site's icons: it is not a PNG or JPEG image inside",
        ),
        ("/images/huge.png", "too big for a logo"),
        (
            "/images/missing.png",
            "`brand.logo` is not a file in static/",
        ),
        (
            "/../outside.png",
            "`brand.logo` must be a path inside static/",
        ),
    ] {
        site.write(
            "site.yaml",
            format!("{yaml}\nbrand: {{ logo: \"{logo}\" }}\n"),
        );
        let run = site.run(&["build"]);
        assert_eq!(run.code, 1, "{logo}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{logo}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        let check = site.run(&["check"]);
        assert!(check.stderr.contains(expected), "{logo}: {}", check.stderr);
    }
}
