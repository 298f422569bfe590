//! Tests of the brand settings: colours, contrast, logo and quick exit.

use super::*;
use crate::urls::is_web_url;

#[test]
fn contrast_matches_known_pairs() {
    assert!((contrast([0, 0, 0], WHITE) - 21.0).abs() < 0.01);
    assert!((contrast([0x76, 0x76, 0x76], WHITE) - 4.54).abs() < 0.01);
}

#[test]
fn the_default_colour_passes_and_a_pale_one_fails_with_a_passing_fix() {
    assert!(failing_use([0x0b, 0x3b, 0x5e]).is_none());
    let pale = parse_colour("#7fb2e5").expect("colour");
    let (place, ratio, needed) = failing_use(pale).expect("fails");
    assert!(place.contains("white header text"), "{place}");
    assert!(ratio < needed);
    let fix = nearest_passing(pale);
    assert!(failing_use(fix).is_none());
    assert!(
        contrast(fix, WHITE) < 5.5,
        "the fix is the nearest, not black: {}",
        hex(fix)
    );
}

#[test]
fn reads_colours_and_refuses_others() {
    assert_eq!(parse_colour("#fff"), Some(WHITE));
    assert_eq!(parse_colour("#0B3B5E"), Some([11, 59, 94]));
    for bad in [
        "red",
        "#12345",
        "#ggg",
        "",
        "#",
        "#0b3b5e; } body { display:none",
    ] {
        assert_eq!(parse_colour(bad), None, "{bad}");
    }
}

#[test]
fn only_web_addresses_are_urls() {
    assert!(is_web_url("https://www.bbc.co.uk/weather"));
    assert!(is_web_url("HTTP://example.org"));
    for bad in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "//example.org",
        "/local",
        "https://",
        "https:///x",
        "https://exa mple.org",
        "https://example.org/\u{7}",
        "mailto:a@b.org",
    ] {
        assert!(!is_web_url(bad), "{bad:?}");
    }
    assert!(!is_web_url(&format!("https://e.org/{}", "a".repeat(3000))));
}

#[test]
fn kinds_are_listed_as_people_write_them() {
    assert_eq!(kinds(&["svg", "png", "ico"]), ".svg, .png or .ico");
    assert_eq!(kinds(&["png"]), ".png");
}

#[test]
fn static_paths_stay_inside_static() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir_all(dir.path().join("static/images")).expect("mkdir");
    std::fs::write(dir.path().join("static/images/logo.svg"), "<svg/>").expect("write");
    std::fs::write(dir.path().join("secret.png"), "x").expect("write");
    let exts = &["svg", "png"];
    assert_eq!(
        static_path(dir.path(), "/images/logo.svg", exts).as_deref(),
        Ok("images/logo.svg")
    );
    for bad in [
        "../secret.png",
        "/images/../../secret.png",
        "images//logo.svg",
        "C:/x.png",
        "images/missing.svg",
        "images/logo.svg\u{0}",
        "",
    ] {
        assert!(static_path(dir.path(), bad, exts).is_err(), "{bad:?}");
    }
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().expect("dir");
        std::fs::write(outside.path().join("secret.png"), "x").expect("write");
        std::os::unix::fs::symlink(
            outside.path().join("secret.png"),
            dir.path().join("static/out.png"),
        )
        .expect("symlink");
        assert!(static_path(dir.path(), "out.png", exts).is_err());
    }
    let abs = dir.path().join("secret.png").display().to_string();
    assert!(static_path(dir.path(), &abs, exts).is_err());
}
