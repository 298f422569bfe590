use super::*;
use crate::check::tests::found;

/// `text` with every `{{ … }}` filled, as `plainsite new` would.
fn filled(text: &str) -> String {
    text.replace("{{ title }}", "Coffee morning")
        .replace("{{ date }}", "2027-01-01")
        .replace("{{ review_by }}", "2028-01-01")
        .replace("{{ start }}", "2027-02-01")
}

#[test]
fn every_paragraph_of_every_archetype_is_found_as_new_wrote_it() {
    let mut archetypes = 0;
    for archetype in crate::theme::builtin_archetypes() {
        archetypes += 1;
        let page = filled(archetype);
        let (_, body) = split_front_matter(&page);
        let paragraphs = body
            .split("\n\n")
            .map(str::trim)
            .filter(|b| !b.is_empty() && !b.starts_with('#'))
            .count();
        assert!(paragraphs > 0, "{archetype}");
        assert_eq!(found(&page, "placeholder").len(), paragraphs, "{page}");
    }
    assert_eq!(archetypes, 4);
}

#[test]
fn finds_the_section_paragraph_at_its_line_and_its_first_sentence_kept_alone() {
    let page = "---\ntitle: Events\n---\n\nSay in a sentence or two what this section holds and who it is for. Its pages\nare listed below this text, newest first.\n";
    assert_eq!(found(page, "placeholder"), vec![(5, 1)]);
    let kept = "---\ntitle: Events\n---\n\nIntro.\n\nSay in a sentence or two what this\nsection holds and who it is for. Our events are free.\n";
    assert_eq!(found(kept, "placeholder"), vec![(7, 1)]);
}

#[test]
fn finds_an_instruction_in_a_list_item_at_its_column() {
    let page =
        "---\ntitle: T\n---\n\n- A pen\n- Say what people need to bring, or delete this part.\n";
    assert_eq!(found(page, "placeholder"), vec![(6, 3)]);
    let d = crate::markdown::tests::with_page(page)
        .diagnostics
        .into_iter()
        .find(|d| d.rule == "placeholder")
        .expect("a finding");
    assert!(!d.is_error());
    assert!(d.message.starts_with(
        "this is the instruction `plainsite new` wrote, not your words: replace it with"
    ));
    assert!(
        d.help
            .as_deref()
            .unwrap_or("")
            .contains("\"Say what people need to bring, or delete this part.\"")
    );
}

#[test]
fn leaves_the_authors_own_words_alone() {
    for page in [
        // The author's own sentence that starts like an instruction.
        "Say hello to our new chair.\n",
        "Say what the event covers and what people will be able to do after it, in three words: learn, share, act.\n",
        // An instruction quoted inside a longer sentence, or in code.
        "We wrote \"Say what people need to bring, or delete this part.\" on the form.\n",
        "```\nSay what people need to bring, or delete this part.\n```\n",
        "    Say what people need to bring, or delete this part.\n",
        "`Say what people need to bring, or delete this part.`\n",
        // An instruction quoted as a quotation.
        "> Say what people need to bring, or delete this part.\n>\n> — The author's guide\n",
        // Other languages.
        "Dywedwch beth sydd angen i bobl ddod gyda nhw.\n",
        "Powiedz, co ludzie muszą przynieść.\n",
        "بتائیں کہ لوگوں کو کیا لانا ہے۔\n",
        "",
    ] {
        let page = format!("---\ntitle: T\n---\n\n{page}");
        assert!(found(&page, "placeholder").is_empty(), "{page}");
    }
}

#[test]
fn reads_instructions_from_archetypes_and_not_their_headings_or_fillings() {
    let found = Instructions::from_archetypes(
        [
            "---\r\ntitle: {{ title }}\r\ndescription: Write one sentence here.\r\nsort_by: date\r\n# A comment, not a value.\r\n---\r\n\r\n## What is it?\r\n\r\nSay it. Then\r\nmore.\r\n\r\n- List one\r\n  thing.\r\n- Another.\r\n",
            "no front matter",
        ]
        .into_iter(),
    );
    let mut texts: Vec<_> = found.texts.iter().map(String::as_str).collect();
    texts.sort_unstable();
    assert_eq!(
        texts,
        vec![
            "Another.",
            "List one thing.",
            "Say it.",
            "Say it. Then more.",
            "no front matter"
        ]
    );
    assert_eq!(
        found.values.iter().collect::<Vec<_>>(),
        vec!["Write one sentence here."]
    );
}

#[test]
fn finds_the_description_the_section_archetype_wrote() {
    let mut meta = crate::content::FrontMatter {
        description: Some("One plain sentence about what readers find in this section.".into()),
        ..Default::default()
    };
    meta.key_lines.insert("description".into(), 3);
    let mut page = crate::check::tests::page(meta);
    page.text = "---\ntitle: Events\ndescription: One plain sentence about what readers find in this section.\n---\n".into();
    let mut out = Vec::new();
    description(&page, &mut out);
    let places: Vec<_> = out.iter().map(|d| (d.rule, d.line, d.col)).collect();
    assert_eq!(places, vec![("placeholder", Some(3), Some(14))]);
    page.meta.description =
        Some("One plain sentence about what readers find in our section.".into());
    out.clear();
    description(&page, &mut out);
    assert!(out.is_empty());
}
