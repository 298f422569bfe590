//! Tests of [`super`]: which notes after a value are found, and which stay silent.

use super::*;

fn one(text: &str) -> Cut {
    let found = cuts(text);
    assert_eq!(found.len(), 1, "{found:?}");
    found.into_iter().next().unwrap_or_else(|| unreachable!())
}

#[test]
fn finds_a_number_cut_from_a_title() {
    let cut = one("title: Spring newsletter #3\ndescription: D.\n");
    assert_eq!(cut.line, 1);
    assert_eq!(cut.col, 26);
    assert_eq!(cut.key.as_deref(), Some("title"));
    assert_eq!(cut.kept, "Spring newsletter");
    assert!(!cut.is_error());
    assert_eq!(
        cut.fixed.as_deref(),
        Some("title: \"Spring newsletter #3\"")
    );
}

#[test]
fn a_colour_left_empty_is_an_error() {
    let cut = one("brand:\n  colour: #8a1538\n");
    assert_eq!((cut.line, cut.col), (2, 11));
    assert!(cut.is_error());
    assert_eq!(cut.key.as_deref(), Some("colour"));
    assert_eq!(cut.fixed.as_deref(), Some("  colour: \"#8a1538\""));
}

#[test]
fn a_group_cut_open_is_an_error_and_keeps_its_bracket() {
    let cut = one("brand: { colour: #0b3b5e }\n");
    assert!(cut.in_group && cut.is_error());
    assert_eq!(cut.fixed.as_deref(), Some("brand: { colour: \"#0b3b5e\" }"));
    let cut = one("topics: [neglect, #safeguarding]\n");
    assert_eq!(
        cut.fixed.as_deref(),
        Some("topics: [neglect, \"#safeguarding\"]")
    );
}

#[test]
fn a_hashtag_in_a_sentence_and_in_a_list_item() {
    let cut = one("description: Our news for spring #safeguarding week.\n");
    assert_eq!(cut.kept, "Our news for spring");
    assert_eq!(cut.meant, "Our news for spring #safeguarding week.");
    let cut = one("topics:\n  - #neglect\n");
    assert!(cut.is_error());
    assert_eq!(cut.key, None);
    assert_eq!(cut.fixed.as_deref(), Some("  - \"#neglect\""));
}

#[test]
fn quotes_in_the_value_are_kept_inside_single_quotes() {
    let cut = one("title: The \"Think\" guide #2\n");
    assert_eq!(
        cut.fixed.as_deref(),
        Some("title: 'The \"Think\" guide #2'")
    );
}

#[test]
fn notes_and_quoted_values_are_left_alone() {
    for text in [
        "# A note on its own line\ntitle: T\n",
        "colour: \"#8a1538\"  # our purple\n",
        "title: 'Newsletter #3'\n",
        "title: \"It's #3\"\n",
        "title: Children's services\nurl: https://example.org/#top\n",
        "description: C# and F# courses\n",
        "description: |\n  Issue #3 of the newsletter\n  #safeguarding\ntitle: T\n",
        "description: >-\n  Item #1\n",
        "title: \"A long\n  title #3\"\n",
        "title: Health & safety\n",
        "title: Newyddion y gwanwyn\ndescription: Ryszard Łoś, Gdańsk — نیوز\n",
        "menu: #main\n  - { name: About us, url: /about/ }\n",
        "extra:\n  # note\n  a: b\n",
        "title: \"A\" #note\n",
        "title: \"Case review # 3 findings\"\n",
        "title: 'Case review # 3 findings' # a note\n",
        "  # an indented note\ntitle: T\n",
        "summary: |\n  Meeting notes # draft\n  # not a note\n",
        "summary: > # a note on the header\n  Item # 1\n",
        "aliases: # none yet\ntitle: T\n",
        "topics: [neglect, early help] # two topics\n",
        "topics: [neglect] #neglect\n",
        "topics: [neglect, # the first\n  early help]\n",
        "topics:\n  - # none yet\n",
    ] {
        assert!(cuts(text).is_empty(), "{text:?}: {:?}", cuts(text));
    }
}

#[test]
fn a_note_after_a_plain_value_cuts_it() {
    let cut = one("title: Case review # 3 findings\n");
    assert_eq!((cut.line, cut.col), (1, 20));
    assert_eq!(cut.kept, "Case review");
    assert_eq!(cut.dropped, "# 3 findings");
    assert!(!cut.is_error());
    assert_eq!(
        cut.fixed.as_deref(),
        Some("title: \"Case review # 3 findings\"")
    );
    let cut = one("---\nsummary: Meeting notes #draft  \n");
    assert_eq!((cut.line, cut.kept.as_str()), (2, "Meeting notes"));
    assert_eq!(cut.dropped, "#draft");
    for (text, dropped) in [
        ("title: T # a note\n", "# a note"),
        ("title: T #\n", "#"),
        ("title: T ## heading\n", "## heading"),
        ("  - first item # second\n", "# second"),
        ("title: Neglect\t# tabbed\n", "# tabbed"),
    ] {
        assert_eq!(one(text).dropped, dropped, "{text:?}");
    }
}

#[test]
fn a_hashtag_with_nothing_before_it_empties_the_value() {
    let cut = one("tags: #safeguarding\n");
    assert!(cut.is_error());
    assert_eq!(cut.kept, "");
    assert_eq!(cut.fixed.as_deref(), Some("tags: \"#safeguarding\""));
}

#[test]
fn a_note_that_swallows_a_groups_bracket_cuts_it_open() {
    let cut = one("topics: [neglect, early help # todo]\n");
    assert!(cut.in_group && cut.is_error());
}

#[test]
fn a_value_going_on_over_lines_names_its_key() {
    let cut = one("description: Our news\n  for spring #safeguarding week.\n");
    assert_eq!(cut.line, 2);
    assert_eq!(cut.key.as_deref(), Some("description"));
    assert_eq!(cut.fixed, None);
}

#[test]
fn findings_give_file_lines_and_the_corrected_line() {
    let mut found = Vec::new();
    findings(
        "title: Spring newsletter #3\n",
        Path::new("content/a.md"),
        2,
        crate::rules::FRONT_MATTER,
        &mut found,
    );
    assert_eq!(found.len(), 1);
    assert!(!found[0].is_error());
    assert_eq!(found[0].line, Some(2));
    assert!(
        found[0].message.contains("\"Spring newsletter\""),
        "{}",
        found[0].message
    );
    assert_eq!(
        found[0].help.as_deref(),
        Some(
            "put the whole value in quotation marks: `title: \"Spring newsletter #3\"`. \
             If `#3` is a note, move it to a line of its own"
        )
    );
}

#[test]
fn a_note_after_a_value_is_a_warning_that_names_the_file_line_and_what_was_left_out() {
    let mut found = Vec::new();
    findings(
        "title: Case review # 3 findings\n",
        Path::new("content/a.md"),
        2,
        crate::rules::FRONT_MATTER,
        &mut found,
    );
    assert_eq!(found.len(), 1);
    assert!(!found[0].is_error());
    assert_eq!((found[0].line, found[0].col), (Some(2), Some(20)));
    assert_eq!(
        found[0].message,
        "`title` reads only \"Case review\": `# 3 findings` is left out, \
         because in YAML a space and then `#` start a note"
    );
    assert_eq!(
        found[0].help.as_deref(),
        Some(
            "put the whole value in quotation marks: `title: \"Case review # 3 findings\"`. \
             If `# 3 findings` is a note, move it to a line of its own"
        )
    );
}

#[test]
fn hostile_text_never_panics() {
    for text in [
        "#",
        " #",
        "- #x",
        "a: [ #x",
        "\"#x",
        "é: é #é",
        "{ #",
        ":#x",
        "a: |\n #x",
    ] {
        let _ = cuts(text);
    }
}
