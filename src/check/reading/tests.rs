//! Tests of the reading grade and the long-sentence rule.

use super::*;
use crate::markdown::tests::with_page;

#[test]
fn pieces_are_what_split_on_a_space_gives() {
    for text in ["", " ", "a", "a b", " a  b ", "é ü’s  x", "end. "] {
        assert_eq!(
            pieces(text).collect::<Vec<_>>(),
            text.split(' ').collect::<Vec<_>>()
        );
    }
}

proptest::proptest! {
    #[test]
    fn ascii_text_is_counted_as_any_text_is(
        texts in proptest::collection::vec("[ab e.!?\"'),x1\t-]{0,30}", 1..6)
    ) {
        let (mut fast, mut general) = (Counter::default(), Counter::default());
        for (i, text) in texts.iter().enumerate() {
            fast.text(text, i + 1, 3);
            general.any_text(text, i + 1, 3);
        }
        proptest::prop_assert_eq!(format!("{fast:?}"), format!("{general:?}"));
    }
}

proptest::proptest! {
    #[test]
    fn sentences_named_in_messages_keep_their_first_words(
        // Few lengths (7 to 28 words), so that sentences tie.
        sentences in proptest::collection::vec((1usize..5, 1usize..4), 1..30)
    ) {
        let sentences = sentences.iter().map(|&(n, line)| (n * 7, line));
        let mut counter = Counter::default();
        let mut all = Vec::new();
        for (i, (words, line)) in sentences.enumerate() {
            let names: Vec<String> = (0..words).map(|w| format!("s{i}w{w}")).collect();
            for name in &names {
                counter.word(name, line, 1);
            }
            counter.end_sentence();
            let mut start = names.iter().take(START_WORDS).cloned().collect::<Vec<_>>().join(" ");
            if words > START_WORDS {
                start.push('…');
            }
            all.push(Sentence { line, col: 1, words, start });
        }
        // As first written: every sentence keeps its words.
        let long: Vec<Sentence> = all.iter().filter(|s| s.words > LONGEST_SENTENCE).cloned().collect();
        all.sort_by(|a, b| b.words.cmp(&a.words).then(a.line.cmp(&b.line)));
        all.truncate(3);
        let kept_long: Vec<Sentence> = counter.sentences.iter().filter(|s| s.words > LONGEST_SENTENCE).cloned().collect();
        proptest::prop_assert_eq!(kept_long, long);
        let mut longest = std::mem::take(&mut counter.sentences);
        longest.sort_by(|a, b| b.words.cmp(&a.words).then(a.line.cmp(&b.line)));
        longest.truncate(3);
        proptest::prop_assert_eq!(longest, all);
    }
}

proptest::proptest! {
    #[test]
    fn the_longest_three_are_those_a_stable_sort_puts_first(
        keys in proptest::collection::vec((1usize..4, 1usize..4), 0..12)
    ) {
        let sentences: Vec<Sentence> = keys
            .iter()
            .enumerate()
            .map(|(i, &(words, line))| Sentence { line, col: i, words, start: String::new() })
            .collect();
        let mut sorted = sentences.clone();
        sorted.sort_by(|a, b| b.words.cmp(&a.words).then(a.line.cmp(&b.line)));
        sorted.truncate(3);
        proptest::prop_assert_eq!(longest_three(sentences), sorted);
    }
}

#[test]
fn short_pages_are_not_judged() {
    assert_eq!(with_page("A short page. It has few words.\n").reading, None);
}

#[test]
fn plain_prose_reads_at_a_low_grade_and_passes() {
    let md = "We help children. We keep them safe. Call us if you are worried. ".repeat(10);
    let r = with_page(&md).reading.expect("a grade");
    assert!(r.grade < 3.0, "{r:?}");
    let mut out = Vec::new();
    judge(Path::new("p.md"), &r, 9.0, &mut out);
    assert!(out.is_empty());
}

#[test]
fn urdu_full_stops_end_sentences() {
    let md = "آپ کو ثبوت کی ضرورت نہیں۔ ".repeat(12);
    assert!(crate::check::tests::found(&md, "long-sentence").is_empty());
    let one = "آپ کو ثبوت کی ضرورت نہیں ".repeat(6);
    assert_eq!(crate::check::tests::found(&one, "long-sentence").len(), 1);
}

#[test]
fn long_sentences_raise_the_grade_and_are_named_with_their_lines() {
    let long = "The multi-agency partnership arrangements established under the legislation require organisations to demonstrate collaborative accountability across safeguarding responsibilities and operational commissioning priorities.";
    let md = format!(
        "Intro words here.\n\n{long} {long}\n\n- {long}\n- Short one.\n\n{}\n",
        "Plain text. ".repeat(20)
    );
    let page = with_page(&md);
    assert_eq!(
        page.diagnostics
            .iter()
            .filter(|d| d.rule == "long-sentence")
            .count(),
        0
    );
    let r = page.reading.expect("a grade");
    assert!(r.grade > 12.0, "{r:?}");
    assert_eq!(r.longest.len(), 3);
    assert_eq!((r.longest[0].line, r.longest[0].col), (3, 1));
    assert_eq!(r.longest[2].line, 5);
    assert_eq!(r.longest[2].col, 3);
    let mut out = Vec::new();
    judge(Path::new("p.md"), &r, 9.0, &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(
        (out[0].rule, out[0].line, out[0].col),
        ("reading-grade", Some(3), Some(1))
    );
    assert!(
        out[0]
            .note
            .as_deref()
            .unwrap_or("")
            .contains("line 5, 21 words"),
        "{:?}",
        out[0].note
    );
}

#[test]
fn each_sentence_over_25_words_warns_at_its_start() {
    let long = "word ".repeat(30);
    let md = format!(
        "Short one. {long}ends here. Also short.\n\n- {}end.\n",
        "item ".repeat(26)
    );
    let found = crate::check::tests::found(&md, "long-sentence");
    assert_eq!(found, vec![(1, 12), (3, 3)]);
    assert!(crate::check::tests::found(&"word ".repeat(25), "long-sentence").is_empty());
}

#[test]
fn tables_headings_and_code_are_not_prose() {
    let md = format!(
        "## {h}\n\n| {h} |\n|---|\n| x |\n\n```\n{h}\n```\n",
        h = "Extraordinarily complicated institutional terminology. ".repeat(30)
    );
    assert_eq!(with_page(&md).reading, None);
}
