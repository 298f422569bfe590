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
fn a_slug_written_as_an_address_is_given_its_last_part() {
    for (slug, help) in [
        (
            "/briefings/neglect/",
            "a slug is only the last part of the page's address, and the page stays in its folder: write `slug: neglect`",
        ),
        ("My Neglect Page", "write `slug: my-neglect-page`"),
    ] {
        let e = p(&format!("---\ntitle: A\nslug: \"{slug}\"\n---\n")).unwrap_err();
        assert_eq!(e[0].help.as_deref(), Some(help), "{slug}");
    }
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
fn delimiters_with_spaces_a_windows_ending_or_dots_are_written_plainly_on_the_same_lines() {
    for (text, plain) in [
        ("--- \ntitle: A\n---\nBody\n", "---\ntitle: A\n---\nBody\n"),
        (
            "---\ntitle: A\n---\t \nBody\n",
            "---\ntitle: A\n---\nBody\n",
        ),
        (
            "---\r\ntitle: A\r\n---\r\nB\r\n",
            "---\ntitle: A\r\n---\nB\r\n",
        ),
        ("---\ntitle: A\n...\nBody\n", "---\ntitle: A\n---\nBody\n"),
        ("---\ntitle: A\n--- ", "---\ntitle: A\n---"),
    ] {
        let made = plain_delimiters(text);
        assert_eq!(made.as_deref(), Some(plain), "{text:?}");
        assert_eq!(plain.lines().count(), text.lines().count(), "{text:?}");
        let f = Path::new("a.md");
        assert_eq!(
            split(plain, f)
                .map(|s| s.yaml.trim_end().to_owned())
                .ok()
                .as_deref(),
            Some("title: A")
        );
    }
    // Already plain, not front matter, or never closed: left alone.
    for text in [
        "---\ntitle: A\n---\nBody\n",
        "---\ntitle: A\n---",
        "title: A\n--- \n",
        "----\ntitle: A\n---\n",
        "--- \ntitle: A\n",
        "",
        "---",
    ] {
        assert_eq!(plain_delimiters(text), None, "{text:?}");
    }
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
fn a_key_from_another_tool_is_given_plainsites_name_with_its_value() {
    let e = p("---\ntitle: A\ntags: [neglect, early help]\n---\n").unwrap_err();
    assert_eq!(e[0].line, Some(3));
    let help = e[0].help.as_deref().unwrap_or("");
    assert!(help.contains("`topics: [neglect, early help]`"), "{help}");
    // A misspelling of plainsite's own key is still answered by spelling.
    let e = p("---\ntitle: A\ntopcis: [x]\n---\n").unwrap_err();
    assert!(
        e[0].help
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `topics`")
    );
}

#[test]
fn a_blank_attachment_title_is_no_title_so_the_file_name_is_the_link() {
    let fm = p("---\ntitle: A\nattachments:\n  - { file: /a.pdf, title: '  ' }\n  - { file: /b.pdf, title: Plan }\n---\n")
        .expect("valid");
    let titles: Vec<Option<&str>> = fm
        .attachments
        .iter()
        .map(|a| match a {
            AttachmentSpec::Full { title, .. } => title.as_deref(),
            AttachmentSpec::Path(_) => Some("a path"),
        })
        .collect();
    assert_eq!(titles, [None, Some("Plan")]);
}

#[test]
fn a_date_written_the_uk_way_is_given_back_year_first() {
    let e = p("---\ntitle: A\nreview_by: 01/02/2027\n---\n").unwrap_err();
    assert_eq!(e[0].line, Some(3));
    assert_eq!(
        e[0].help.as_deref(),
        Some("write the date as year-month-day: for 1 February 2027, `review_by: 2027-02-01`")
    );
}

#[test]
fn an_empty_template_is_named_at_its_line() {
    let e = p("---\ntitle: A\ntemplate: ''\n---\n").unwrap_err();
    assert_eq!(
        (e[0].message.as_str(), e[0].line),
        ("`template` is empty", Some(3))
    );
}

#[test]
fn section_keys_are_refused_on_pages() {
    let e = p("---\ntitle: A\nsort_by: date\n---\n").unwrap_err();
    assert!(e[0].message.contains("_index.md"));
}

#[test]
fn a_section_key_in_a_translated_index_says_it_belongs_to_the_section() {
    let f = Path::new("content/training/_index.pl.md");
    let text = "---\ntitle: Szkolenia\npage_kind: events\n---\n";
    let s = split(text, f).expect("front matter");
    let e = parse(&s, f, false, &[]).unwrap_err();
    assert_eq!(e[0].line, Some(3));
    assert!(
        e[0].message.contains("not in a translation of it"),
        "{}",
        e[0].message
    );
    assert!(
        e[0].help
            .as_deref()
            .is_some_and(|h| h.contains("remove the line here"))
    );
    // An ordinary page is still told to move it.
    let e = p("---\ntitle: A\npage_kind: events\n---\n").unwrap_err();
    assert!(e[0].message.contains("only works in a section's _index.md"));
    // A misspelt kind is told the kinds, not to move a line that, spelt
    // `easy_read`, belongs on a page.
    let e = p("---\ntitle: A\npage_kind: easyread\n---\n").unwrap_err();
    let said: Vec<&str> = e.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        said,
        ["`easyread` is not one of the values `page_kind` takes: briefing, events, easy_read"]
    );
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

#[test]
fn a_number_cut_off_a_title_is_a_warning_with_the_quoted_line() {
    let fm = p("---\ntitle: Spring newsletter #3\n---\n").expect("valid");
    assert_eq!(fm.title, "Spring newsletter");
    assert_eq!(fm.warnings.len(), 1);
    assert_eq!(fm.warnings[0].line, Some(2));
    assert!(
        fm.warnings[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("`title: \"Spring newsletter #3\"`"))
    );
}

#[test]
fn a_title_of_yaml_nothing_is_empty_not_the_word_null() {
    for title in ["~", "null", "Null", "NULL"] {
        let e = p(&format!("---\ntitle: {title}\n---\n")).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            (e[0].line, e[0].message.as_str()),
            (Some(2), "`title` is empty")
        );
    }
}

#[test]
fn a_title_a_hash_left_empty_is_one_error() {
    let e = p("---\ntitle: #3\n---\n").unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].line, Some(2));
    assert!(
        e[0].message.contains("`title` is empty"),
        "{}",
        e[0].message
    );
}

#[test]
fn notes_and_quoted_hashes_stay_silent() {
    let fm = p(
        "---\n# Settings\ntitle: \"Newsletter #3\" # the spring one\ndescription: Health & safety, C# and café\n---\n",
    )
    .expect("valid");
    assert!(fm.warnings.is_empty(), "{:?}", fm.warnings);
    assert_eq!(fm.title, "Newsletter #3");
}

#[test]
fn settings_running_into_the_text_ask_for_the_closing_line() {
    for body in ["Some text about training", "Some text about: training"] {
        let text = format!("---\ntitle: T\ndescription: D.\n\n{body}\n\n---\n\nMore.\n");
        let e = p(&text).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].line, Some(5));
        assert_eq!(
            e[0].help.as_deref(),
            Some(
                "add a line `---` after `description:` (line 3), to end the settings before the text"
            )
        );
    }
    // A blank line between settings is not text.
    assert!(p("---\ntitle: T\n\ndescription: D.\n---\n").is_ok());
}

#[test]
fn every_unknown_key_is_reported_at_once() {
    let e = p("---\ntittle: T\nDate: 2024-01-01\nsummery: x\n---\n").unwrap_err();
    let lines: Vec<Option<usize>> = e.iter().map(|d| d.line).collect();
    assert_eq!(lines, [Some(2), Some(3), Some(4)], "{e:?}");
    assert!(e.iter().all(|d| d.message.starts_with("unknown key")));
    assert!(
        e[1].help
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `date`?")
    );
}

#[test]
fn a_bad_date_and_a_bad_draft_are_both_reported() {
    let e = p("---\ntitle: T\ndate: 31/12/2024\ndraft: yes please\n---\n").unwrap_err();
    let lines: Vec<Option<usize>> = e.iter().map(|d| d.line).collect();
    assert_eq!(lines, [Some(4), Some(3)], "{e:?}");
    assert_eq!(
        e[0].help.as_deref(),
        Some("write `draft: true` or `draft: false`")
    );
}

#[test]
fn a_key_set_twice_is_reported_at_its_second_line() {
    let e = p("---\ntitle: A\ndescription: D.\ntitle: B\n---\n").unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].line, Some(4));
    assert!(e[0].message.contains("set twice"));
}

#[test]
fn values_of_the_wrong_kind_say_what_to_write() {
    let help = |text: &str| {
        let e = p(text).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        (e[0].line, e[0].help.clone().unwrap_or_default())
    };
    let (line, h) = help("---\ntitle: A\ntopics: training, safeguarding\n---\n");
    assert_eq!(line, Some(3));
    assert!(h.ends_with("`topics: [training, safeguarding]`"), "{h}");
    let (line, h) = help("---\ntitle: A\ndescription:\n  - one\n  - two\n---\n");
    assert_eq!(line, Some(3));
    assert!(h.contains("one piece of text"), "{h}");
    let (_, h) = help("---\ntitle: A\nweight: first\n---\n");
    assert_eq!(h, "write a whole number, like `weight: 1`");
    // A fully booked event is `places: 0`.
    for places in ["Fully booked", "-1", "none left"] {
        let (line, h) = help(&format!(
            "---\ntitle: A\ndate: 2025-01-01\nplaces: {places}\n---\n"
        ));
        assert_eq!(line, Some(4), "{places}");
        assert_eq!(
            h, "write `places: 0` to show the event is fully booked, or the number of places left",
            "{places}"
        );
    }
    // An old address written alone, and whole: a list of its path.
    let (line, h) = help("---\ntitle: A\naliases: https://www.example.org/old/neglect/\n---\n");
    assert_eq!(line, Some(3));
    assert_eq!(
        h,
        "write the old address from its first slash, in square brackets: `aliases: [/old/neglect/]`"
    );
    // A meeting link is not for the public page.
    let (line, h) = help("---\ntitle: A\nonline: https://teams.example.com/l/meetup-join/1\n---\n");
    assert_eq!(line, Some(3));
    assert!(h.starts_with("write `online: true`: it says only"), "{h}");
    let (_, h) = help("---\ntitle: A\nonline: maybe\n---\n");
    assert_eq!(h, "write `online: true` or `online: false`");
    let (_, h) = help("---\ntitle: “Neglect: a guide for staff”\n---\n");
    assert!(h.starts_with("use straight quotes"), "{h}");
}

#[test]
fn numbers_and_words_that_look_like_values_are_still_titles() {
    // Read as text, as before: the per-key reading runs only on a failed page.
    let fm = p("---\ntitle: 1984\ndescription: true\n---\n").expect("valid");
    assert_eq!(
        (fm.title.as_str(), fm.description.as_deref()),
        ("1984", Some("true"))
    );
    let e = p("---\ntitle: 1984\nweight: first\n---\n").unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
}

#[test]
fn invisible_characters_leave_the_words_readers_see() {
    let fm = p("---\ntitle: \"Neglect\u{200b} strategy\u{2060}\"\ndescription: \"\u{feff}Our plan\"\ntopics: [\"Neg\u{200b}lect\"]\n---\n")
        .expect("valid");
    assert_eq!(fm.title, "Neglect strategy");
    assert_eq!(fm.description.as_deref(), Some("Our plan"));
    assert_eq!(
        fm.taxonomies.get("topics").map(Vec::as_slice),
        Some(&["Neglect".to_owned()][..])
    );
    // Thai marks its line breaks with a zero-width space: kept.
    let th = p("---\ntitle: \"ภาษา\u{200b}ไทย\"\n---\n").expect("valid");
    assert_eq!(th.title, "ภาษา\u{200b}ไทย");
    // Persian needs its zero-width non-joiner: never touched.
    let fa = p("---\ntitle: \"می\u{200c}خواهم\"\n---\n").expect("valid");
    assert_eq!(fa.title, "می\u{200c}خواهم");
    // A title of nothing but invisible characters is empty.
    let e = p("---\ntitle: \"\u{200b}\"\n---\n").unwrap_err();
    assert!(e[0].message.contains("`title` is empty"), "{e:?}");
}

#[test]
fn a_term_in_another_script_asks_for_english_letters() {
    let e = p("---\ntitle: A\ntopics: [\"حماية\"]\n---\n").unwrap_err();
    assert!(
        e[0].message.contains("no English letters or digits"),
        "{e:?}"
    );
    assert!(
        e[0].help
            .as_deref()
            .is_some_and(|h| h.contains("write the term in English letters")),
        "{e:?}"
    );
    let e = p("---\ntitle: A\ntopics: [\"!!\"]\n---\n").unwrap_err();
    assert!(e[0].message.contains("has no letters or digits"), "{e:?}");
}

#[test]
fn paginate_by_below_one_is_refused_with_one_message() {
    let f = Path::new("content/news/_index.md");
    for value in ["0", "-1", "-20"] {
        let text = format!("---\ntitle: News\npaginate_by: {value}\n---\n");
        let s = split(&text, f).unwrap();
        let e = parse(&s, f, true, &[]).unwrap_err();
        assert_eq!(e.len(), 1, "{value}: {e:?}");
        assert_eq!(e[0].message, "`paginate_by` must be 1 or more", "{value}");
        assert_eq!(e[0].line, Some(3), "{value}");
    }
    let s = split("---\ntitle: News\npaginate_by: 3\n---\n", f).unwrap();
    assert_eq!(parse(&s, f, true, &[]).unwrap().paginate_by, Some(3));
}
