use super::*;

#[test]
fn a_key_is_found_inside_its_group() {
    let text = "report_concern:\n  url: /a/\nquick_exit:\n  # note\n\n  url: www.x.org\nlater: 1\n";
    assert_eq!(find_key(text, "quick_exit.url"), Some((6, 3)));
    assert_eq!(find_key(text, "url"), Some((2, 3)));
    assert_eq!(find_key("a: { b: 1, url: x }\n", "a.url"), Some((1, 12)));
    assert_eq!(find_key("quick_exit:\nurl: x\n", "quick_exit.url"), None);
    assert_eq!(find_key("x: 1\n", "quick_exit.url"), None);
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Sample {
    title: String,
    #[serde(default)]
    description: Option<String>,
}

#[test]
fn suggests_the_nearest_key_for_a_typo() {
    let err = parse::<Sample>("titel: x\n", Path::new("site.yaml"), 1, "config").unwrap_err();
    assert_eq!(err.message, "unknown key `titel`");
    assert!(
        err.help
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `title`?")
    );
    assert_eq!((err.line, err.col), (Some(1), Some(1)));
}

#[test]
fn a_key_with_a_pasted_space_says_so() {
    let text = "title: x\n\u{a0}description: y\n";
    let err = parse::<Sample>(text, Path::new("a.md"), 1, "fm").unwrap_err();
    let said = format!("{}\n{}", err.message, err.help.unwrap_or_default());
    assert_eq!(
        said,
        "unknown key `description`: it has a non-breaking space in it, which looks like a space but is not one\ndelete the start of the line up to `description` and type it again with ordinary spaces (text pasted from another program can bring such characters)"
    );
    assert_eq!(err.line, Some(2));
}

#[test]
fn shifts_lines_into_the_file() {
    let err = parse::<Sample>(
        "title: x\ndescription: [\n",
        Path::new("a.md"),
        2,
        "front-matter",
    )
    .unwrap_err();
    assert!(err.line.unwrap_or(0) >= 3, "{err}");
}

#[test]
fn explains_tabs() {
    let err = parse::<Sample>(
        "title: x\n\tdescription: y\n",
        Path::new("a.md"),
        2,
        "front-matter",
    )
    .unwrap_err();
    assert!(err.message.contains("tab"), "{err}");
    assert_eq!(err.line, Some(3));
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Sorted {
    sort_by: Order,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Order {
    Date,
    Weight,
}

#[test]
fn names_the_values_a_setting_takes() {
    let err =
        parse::<Sorted>("sort_by: dates\n", Path::new("a.md"), 2, "front-matter").unwrap_err();
    assert_eq!(
        err.message,
        "`dates` is not one of the values `sort_by` takes: date, weight"
    );
    assert_eq!(
        err.help.as_deref(),
        Some("did you mean `date`? Write `sort_by: date`")
    );
    assert_eq!((err.line, err.col), (Some(2), Some(10)));
    let err =
        parse::<Sorted>("sort_by: newest\n", Path::new("a.md"), 2, "front-matter").unwrap_err();
    assert_eq!(err.help.as_deref(), Some("write one of: date, weight"));
    let err = parse::<Sorted>("sort_by: \"\"\n", Path::new("a.md"), 2, "front-matter").unwrap_err();
    assert_eq!(
        err.message,
        "`sort_by` is empty; it takes one of date, weight"
    );
    assert_eq!(err.help.as_deref(), Some("write one of: date, weight"));
}

#[test]
fn reports_missing_title() {
    let err = parse::<Sample>("", Path::new("a.md"), 2, "front-matter").unwrap_err();
    assert_eq!(err.message, "`title` is missing");
}
