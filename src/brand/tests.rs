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

/// Checks a brand with only `colour` set, found at line 4, column 11.
fn check_colour(colour: &str, problems: &mut Vec<Diagnostic>) -> Brand {
    let raw = RawBrand {
        colour: Some(colour.to_owned()),
        ..RawBrand::default()
    };
    let at = |key: &str| if key == "colour" { (4, 11) } else { (1, 1) };
    check_brand(raw, Path::new("."), &at, problems)
}

#[test]
fn a_colour_written_by_name_is_an_error_whose_help_gives_its_value() {
    let mut got = Vec::new();
    let brand = check_colour(" Navy ", &mut got);
    assert_eq!(brand.colour, None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].line, got[0].col), (Some(4), Some(11)));
    assert!(
        got[0].message.contains("`brand.colour` must be a colour"),
        "{}",
        got[0].message
    );
    assert_eq!(
        got[0].help.as_deref(),
        Some(
            "`navy` is #000080 as a hexadecimal colour: write `colour: \"#000080\"` (with the quotes)"
        )
    );
    // The value offered is taken as it is.
    let mut got = Vec::new();
    let brand = check_colour("#000080", &mut got);
    assert!(got.is_empty(), "{got:?}");
    assert_eq!(brand.colour.as_deref(), Some("#000080"));
}

#[test]
fn a_light_colour_written_by_name_gets_one_value_that_works() {
    let mut got = Vec::new();
    check_colour("RED", &mut got);
    let help = got[0].help.as_deref().unwrap_or("");
    assert!(
        help.starts_with("`red` is #ff0000 as a hexadecimal colour, but that is too light for white header text and links on it (contrast 4.00:1, WCAG 2.2 AA needs 4.5:1); the nearest darker shade that passes is #"),
        "{help}"
    );
    let offered = help
        .rsplit("`colour: \"")
        .next()
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("");
    assert_eq!(offered, hex(nearest_passing([0xff, 0, 0])));
    let mut got = Vec::new();
    let brand = check_colour(offered, &mut got);
    assert!(got.is_empty(), "{offered}: {got:?}");
    assert_eq!(brand.colour.as_deref(), Some(offered));
}

#[test]
fn a_colour_not_named_by_css_keeps_the_general_help() {
    let mut got = Vec::new();
    check_colour("brand blue", &mut got);
    let help = got[0].help.as_deref().unwrap_or("");
    assert!(help.starts_with("write six hexadecimal digits"), "{help}");
}

#[test]
fn a_colour_without_its_hash_is_given_with_it() {
    for (written, want) in [
        ("1d70b8", "#1d70b8"),
        (" 1D70B8 ", "#1D70B8"),
        ("fc0", "#fc0"),
    ] {
        let mut got = Vec::new();
        check_colour(written, &mut got);
        let help = got[0].help.as_deref().unwrap_or("");
        assert_eq!(
            help,
            format!("a colour starts with #: write `colour: \"{want}\"` (with the quotes)")
        );
    }
}

#[test]
fn three_digit_colours_are_taken_as_six() {
    let mut got = Vec::new();
    let brand = check_colour("#008", &mut got);
    assert!(got.is_empty(), "{got:?}");
    assert_eq!(brand.colour.as_deref(), Some("#000088"));
}
