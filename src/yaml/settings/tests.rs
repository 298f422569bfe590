use super::*;
use crate::config::RawConfig;

fn problems(text: &str) -> Vec<Diagnostic> {
    parse_settings::<RawConfig>(
        text,
        Path::new("site.yaml"),
        crate::config::shapes::SHAPES,
        crate::config::shapes::REQUIRED,
    )
    .unwrap_err()
}

#[test]
fn a_setting_that_lost_its_indent_is_told_where_it_belongs() {
    let got = problems(
        "title: T\nbase_url: https://example.org/\nreport_concern:\n  text: Worried?\n  url: https://example.org/r/\nnote: In an emergency, call 999.\n",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].message, "unknown setting `note`");
    assert_eq!(got[0].line, Some(6));
    let help = got[0].help.as_deref().unwrap_or("");
    assert!(
        help.contains("`note` belongs under `report_concern`"),
        "{help}"
    );
    assert!(help.contains("  note: …"), "{help}");
    // A misspelt setting after a group is still a misspelling.
    let got = problems(
        "title: T\nbase_url: https://example.org/\nreport_concern:\n  text: Worried?\n  url: https://example.org/r/\nmneu: []\n",
    );
    let help = got[0].help.as_deref().unwrap_or("");
    assert!(help.starts_with("did you mean `menu`?"), "{help}");
    // Each of a group's names that lost its indent is told.
    let got = problems(
        "title: T\nbase_url: https://example.org/\nreport_concern:\ntext: Worried?\nurl: https://example.org/r/\n",
    );
    let helps: Vec<_> = got.iter().filter_map(|d| d.help.as_deref()).collect();
    assert_eq!(helps.len(), 2, "{got:?}");
    assert!(
        helps
            .iter()
            .all(|h| h.contains("belongs under `report_concern`")),
        "{helps:?}"
    );
    // Nor does a group that takes any name claim it.
    let got = problems("title: T\nbase_url: https://example.org/\nextra:\n  a: 1\nnote: x\n");
    let help = got[0].help.as_deref().unwrap_or("");
    assert!(!help.contains("belongs under"), "{help}");
}

#[test]
fn reports_every_problem_at_once_with_its_shape() {
    let got = problems(
        "titel: T\nmenu: /about/\ncontact: { name: Team }\nhome: { latest_count: many }\n",
    );
    let found: Vec<(&str, Option<usize>)> =
        got.iter().map(|d| (d.message.as_str(), d.line)).collect();
    assert_eq!(got.len(), 5, "{found:?}");
    assert_eq!(got[0].message, "unknown setting `titel`");
    assert!(
        got[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `title`?")
    );
    assert_eq!(
        (got[1].line, got[2].line, got[3].line),
        (Some(2), Some(3), Some(4))
    );
    assert!(
        got[1]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("{ name: About us, url: /about/ }")
    );
    assert!(
        got[2].message.contains("`email` is missing"),
        "{}",
        got[2].message
    );
    assert_eq!(got[4].message, "`base_url` is missing");
    assert!(
        got[4]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("base_url: https://")
    );
}

#[test]
fn a_misspelt_name_in_a_menu_item_is_shown_on_its_line() {
    let got = problems(
        "title: T\nbase_url: https://example.org/\nmenu:\n  - { name: About, url: /about/ }\n  - { nmae: News, url: /news/ }\n",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].line, got[0].col), (Some(5), Some(7)));
    assert!(
        got[0]
            .help
            .as_deref()
            .unwrap_or("")
            .starts_with("did you mean `name`?"),
        "{:?}",
        got[0].help
    );
}

#[test]
fn a_misspelt_name_in_braces_is_shown_where_it_is_on_the_line() {
    let got = problems("title: T\nbase_url: https://example.org/\nbrand: { color: red }\n");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].message, "unknown key `color` in `brand`");
    assert_eq!((got[0].line, got[0].col), (Some(3), Some(10)));
    let help = got[0].help.as_deref().unwrap_or("");
    assert!(help.starts_with("did you mean `colour`?"), "{help}");
}

#[test]
fn a_pasted_space_in_a_settings_name_is_named() {
    let got =
        problems("title: T\n\u{a0}base_url: https://example.org/\nbrand:\n  \u{a0}colour: red\n");
    let why = "it has a non-breaking space in it, which looks like a space but is not one";
    let said: Vec<String> = got
        .iter()
        .map(|d| format!("{}: {}", d.line.unwrap_or(0), d.message))
        .collect();
    assert_eq!(
        said,
        [
            format!("2: unknown setting `base_url`: {why}"),
            format!("4: unknown key `colour` in `brand`: {why}"),
        ]
    );
}

#[test]
fn every_setting_that_takes_a_list_or_group_shows_its_shape() {
    for (setting, shows) in [
        ("languages: [cy]", "{ code: cy, name: Cymraeg }"),
        ("languages: cy", "{ code: cy, name: Cymraeg }"),
        ("brand: blue", "brand: { colour: \"#1d70b8\""),
        ("news_sections: news", "news_sections: [news, briefings]"),
        ("hosting: [netlify]", "hosting: netlify"),
    ] {
        let got = problems(&format!(
            "title: T\nbase_url: https://example.org/\n{setting}\n"
        ));
        assert_eq!(got.len(), 1, "{setting}: {got:?}");
        assert_eq!(got[0].line, Some(3), "{setting}");
        let help = got[0].help.as_deref().unwrap_or("");
        assert!(help.contains(shows), "{setting}: {help}");
    }
}

#[test]
fn a_colour_a_hash_left_empty_is_an_error_at_its_line() {
    for (text, line) in [
        (
            "title: T\nbase_url: https://example.org/\nbrand:\n  colour: #8a1538\n",
            4,
        ),
        (
            "title: T\nbase_url: https://example.org/\nbrand: { colour: #0b3b5e }\n\n# notes\n",
            3,
        ),
    ] {
        let got = problems(text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].line, Some(line));
        assert!(
            got[0].message.contains("`colour` is empty"),
            "{}",
            got[0].message
        );
    }
    let ok: RawConfig = parse_settings(
        "title: T\nbase_url: https://example.org/\nbrand: { colour: \"#8a1538\" }  # our purple\n",
        Path::new("site.yaml"),
        crate::config::shapes::SHAPES,
        crate::config::shapes::REQUIRED,
    )
    .expect("valid");
    assert_eq!(ok.brand.colour.as_deref(), Some("#8a1538"));
}

#[test]
fn minimal_settings_are_enough() {
    let raw: RawConfig = parse_settings(
        "title: T\nbase_url: https://example.org/\nlanguage: en-GB\n",
        Path::new("site.yaml"),
        crate::config::shapes::SHAPES,
        crate::config::shapes::REQUIRED,
    )
    .expect("valid");
    assert!(raw.report_concern.is_none() && raw.contact.is_none());
}

#[test]
fn a_setting_of_digits_alone_is_text_where_text_is_wanted() {
    let config = parse_settings::<RawConfig>(
        "title: 2020\nbase_url: https://example.org/\nmenu: [{ name: 2021, url: /2021/ }]\nbrand: { colour: 123456 }\n",
        Path::new("site.yaml"),
        crate::config::shapes::SHAPES,
        crate::config::shapes::REQUIRED,
    )
    .map_err(|p| p[0].message.clone());
    let config = config.expect("numbers read as text");
    assert_eq!(config.title, "2020");
    assert_eq!(config.brand.colour.as_deref(), Some("123456"));
    // A list is still not text.
    assert_eq!(
        problems("title: [2020]\nbase_url: x\n")[0].message,
        "`title` is not written as plainsite expects: found a list, expected text"
    );
}

#[test]
fn hostile_settings_are_problems_not_panics() {
    for text in [
        "- a\n- b\n",
        "? [a, b]\n: c\n",
        "title: [[[[[[[]]]]]]]\nbase_url: {}\n",
        "title: \"\\u0000\"\nbase_url: javascript:alert(1)\nmenu: [{ name: \"\", url: \"\" }]\n",
        "extra: { a: { b: { c: { d: [1, 2, {e: f}] } } } }\n",
        "title: ~\nbase_url: ~\n",
    ] {
        let _ = parse_settings::<RawConfig>(
            text,
            Path::new("site.yaml"),
            crate::config::shapes::SHAPES,
            crate::config::shapes::REQUIRED,
        );
    }
    assert_eq!(
        problems("title: ~\nbase_url: x\n")[0].message,
        "`title` has no value"
    );
}
