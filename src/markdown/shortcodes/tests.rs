//! Tests of reading shortcode calls: names, settings, rows and the messages
//! for each slip.

use super::*;

proptest::proptest! {
    /// Whatever an author types after the fence and inside the block, reading
    /// the call never panics, and a call it accepts has a non-empty name.
    #[test]
    fn parsing_any_call_never_panics(info in r#"(\{[a-z_]{0,10}\}?)?( ?[a-z]{0,6}=?("[^"]{0,8}"?|'[^']{0,8}'?|[^ ]{0,6}))*.{0,10}"#, body in ".{0,80}") {
        if let Ok(call) = parse_call(&info, &body) {
            proptest::prop_assert!(!call.name.is_empty());
        }
        let _ = parse_rows(&body);
    }
}

#[test]
fn an_unknown_name_near_one_there_is_is_told_it() {
    let known = ["chart".to_owned(), "key_figures".to_owned()];
    for (name, meant) in [
        ("Chart", "chart"),
        ("key-figures", "key_figures"),
        ("chrat", "chart"),
    ] {
        let help = unknown(name, &known).1.help;
        assert!(
            help.starts_with(&format!(
                "did you mean `{meant}`? The shortcodes are chart, key_figures"
            )),
            "{name}: {help}"
        );
    }
    let help = unknown("pie", &known).1.help;
    assert!(
        help.starts_with("the shortcodes are chart, key_figures;"),
        "{help}"
    );
}

#[test]
fn reads_name_args_and_rows() {
    let call = parse_call(
        "{chart} title=\"Contacts to the MASH\" x=Year note='single'",
        "Year | Contacts\n\n| 2019-20 | 10,178 |\n---|---\na \\| b | 1\n",
    );
    let call = call.map_err(|e| e.1.message).expect("parses");
    assert_eq!(call.name, "chart");
    assert_eq!(call.args["title"], "Contacts to the MASH");
    assert_eq!(call.args["x"], "Year");
    assert_eq!(call.args["note"], "single");
    // Curly quotes, as a word processor types them, are quotes too.
    let curly = parse_call("{chart} title=“The year” note=‘one’", "").expect("curly");
    assert_eq!(curly.args["title"], "The year");
    assert_eq!(curly.args["note"], "one");
    assert_eq!(
        call.rows,
        vec![
            vec!["Year", "Contacts"],
            vec!["2019-20", "10,178"],
            vec!["a | b", "1"]
        ]
    );
}

#[test]
fn bad_arguments_say_what_is_wrong() {
    let err = |info: &str| parse_call(info, "").err().map(|e| e.1.message);
    assert_eq!(
        err("{chart} title").as_deref(),
        Some("`title` has no value")
    );
    assert_eq!(
        err("{chart} title=\"x").as_deref(),
        Some("the value of `title` has no closing \"")
    );
    assert_eq!(
        err("{chart} a=1 a=2").as_deref(),
        Some("`a` is given twice")
    );
    // A value with spaces and no quotation marks: the help writes it quoted.
    let help = |info: &str| parse_call(info, "").err().map(|e| e.1.help);
    assert_eq!(
        help("{key_figures} title=The year in figures file=\"a.csv\"").as_deref(),
        Some(
            "a value with spaces needs quotation marks around it: write title=\"The year in figures\""
        )
    );
    assert_eq!(
        help("{chart} title").as_deref(),
        Some("write each argument as key=\"value\", separated by spaces")
    );
    assert_eq!(
        err("{chart title=x").as_deref(),
        Some("the name in braces is not closed")
    );
    assert_eq!(
        err("{a b}").as_deref(),
        Some("`{a b}` is not a shortcode name")
    );
}
