//! Tests of reading front matter.

use super::*;

fn p(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
    let f = Path::new("content/a.md");
    let s = split(text, f).map_err(|d| vec![*d])?;
    parse(&s, f, false, &["topics".to_owned()])
}

#[test]
fn a_slug_in_another_script_asks_for_english_letters() {
    let e = p("---\ntitle: A\nslug: اطلاع\n---\n").unwrap_err();
    assert_eq!(e[0].line, Some(3));
    assert!(
        e[0].help
            .as_deref()
            .is_some_and(|h| h.contains("English letters"))
    );
}

#[test]
fn page_kind_easy_read_is_allowed_on_a_page_but_briefing_is_not() {
    let ok = p("---\ntitle: A\npage_kind: easy_read\neasy_read: b.md\n---\n").expect("valid");
    assert_eq!(ok.page_kind, Some(PageKind::EasyRead));
    assert_eq!(ok.easy_read.as_deref(), Some("b.md"));
    assert!(p("---\ntitle: A\npage_kind: briefing\n---\n").is_err());
}

#[test]
fn splits_with_crlf() {
    let s = split("---\r\ntitle: A\r\n---\r\nBody\r\n", Path::new("a.md")).expect("split");
    assert_eq!(s.yaml, "title: A\r\n");
    assert_eq!(s.yaml_line, 2);
}

#[test]
fn reports_unclosed_front_matter() {
    let e = split("---\ntitle: A\nBody\n", Path::new("a.md")).unwrap_err();
    assert!(e.message.contains("not closed"));
}

#[test]
fn reports_missing_front_matter_at_line_one() {
    let e = split("# Hello\n", Path::new("a.md")).unwrap_err();
    assert_eq!(e.line, Some(1));
}

#[test]
fn bad_date_points_at_its_line() {
    let e = p("---\ntitle: A\ndate: May 1st\n---\n").unwrap_err();
    assert_eq!(e[0].line, Some(3));
    assert!(e[0].message.contains("2024-05-01"));
}

#[test]
fn yaml_error_line_is_a_file_line() {
    let e = p("---\ntitle: A\ndescription: [oops\n---\n").unwrap_err();
    assert!(e[0].line.unwrap_or(0) >= 3, "{}", e[0]);
}

#[test]
fn unknown_key_is_named_with_its_line() {
    let e = p("---\ntitle: A\ntopcis: [x]\n---\n").unwrap_err();
    assert_eq!(e[0].line, Some(3));
    assert!(e[0].help.as_deref().unwrap_or("").contains("`topics`"));
}

#[test]
fn section_keys_are_refused_on_pages() {
    let e = p("---\ntitle: A\nsort_by: date\n---\n").unwrap_err();
    assert!(e[0].message.contains("_index.md"));
}

#[test]
fn reads_dates_and_topics() {
    let fm = p("---\ntitle: A\ndate: 2020-10-30\ntopics: [neglect]\n---\n").expect("valid");
    assert_eq!(
        fm.date.map(|d| d.to_string()).as_deref(),
        Some("2020-10-30")
    );
    assert_eq!(fm.taxonomies["topics"], vec!["neglect"]);
}

#[test]
fn a_topic_in_other_capitals_or_with_spaces_is_kept_once() {
    let fm =
        p("---\ntitle: T\ntopics: [Training, training, \" Training \", Neglect, TRAINING]\n---\n")
            .expect("parses");
    assert_eq!(fm.taxonomies["topics"], ["Training", "Neglect"]);
    let written: Vec<&str> = fm
        .repeated_terms
        .iter()
        .map(|r| r.written.as_str())
        .collect();
    assert_eq!(written, ["training", " Training ", "TRAINING"]);
    assert!(
        fm.repeated_terms
            .iter()
            .all(|r| r.kept == "Training" && r.taxonomy == "topics")
    );
}

#[test]
fn different_topics_are_all_kept() {
    let fm = p("---\ntitle: T\ntopics: [Zgłoś, Zgłoś się, Child protection, Child sexual exploitation]\n---\n")
        .expect("parses");
    assert_eq!(fm.taxonomies["topics"].len(), 4);
    assert!(fm.repeated_terms.is_empty());
}
