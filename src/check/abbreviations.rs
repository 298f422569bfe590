//! Rule `abbreviation`: every abbreviation is explained, in the glossary or on the page.
//!
//! Readers of a safeguarding site include parents, young people and new staff, who
//! may not know what MASH or CSE means (WCAG 3.1.4). An abbreviation in
//! `data/glossary.yaml`, or defined on the page with `*[MASH]: Multi-Agency
//! Safeguarding Hub`, is explained at its first use; any other is reported once per
//! page. An abbreviation here is a word of capitals and digits with at least two
//! capitals (MASH, GCP2, CSE's, PCSOs); Roman numerals like II and IV are not.

use rustc_hash::FxHashSet as HashSet;

use comrak::nodes::{AstNode, LineColumn};

use super::capitals::Runs;
use super::rule::Rule;
use super::word_places::WordPlaces;
use crate::error::{Diagnostic, Severity};
use crate::markdown::TreeInput;

/// An abbreviation nobody explains.
pub(crate) const ABBREVIATION: Rule = Rule {
    id: crate::rules::ABBREVIATION,
    severity: Severity::Warning,
    description: "an abbreviation that is not in the glossary and not defined on the page",
};

/// The abbreviations of a page, each reported once, from the text nodes the tree
/// walk of `check_tree` passes (code is not text, so it is never checked).
/// Words in a run of capitals are not abbreviations: the `capitals` rule
/// reports the run once instead.
#[derive(Debug, Default)]
pub(crate) struct Abbreviations<'a> {
    reported: HashSet<String>,
    capitals: Runs<'a>,
    /// Where words are written in the file, for the column of each report.
    places: WordPlaces,
}

impl<'a> Abbreviations<'a> {
    /// Checks one text node, `node`, that starts at `start`.
    pub(crate) fn text(
        &mut self,
        node: &'a AstNode<'a>,
        text: &str,
        start: LineColumn,
        input: &TreeInput<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        // Most text has no two capitals in a row: skip it without splitting it
        // into words, looking at eight bytes at a time.
        if !crate::text::has_capital_pair(text.as_bytes()) {
            return;
        }
        // A run of capitals needs words no one explains, so a text without
        // any needs no look at its block (most have only known ones).
        let found = unexplained(text, input);
        if found.is_empty() {
            return;
        }
        self.capitals.read(node, input, out);
        for (offset, word) in found {
            if self.capitals.covers(node, offset) || self.reported.contains(word) {
                continue;
            }
            let col = self
                .places
                .locate(input.text, start.line, start.column, (offset, word));
            // An address is not prose: `Strategy-FINAL-v2.pdf` in a link's
            // address, or a web address shown as its own link text.
            let line = self.places.source_line(input.text, start.line);
            if line.is_some_and(|line| in_address(line, col)) {
                continue;
            }
            self.reported.insert(word.to_owned());
            out.push(
                ABBREVIATION
                    .at(input.file, start.line, col, format!("`{word}` is not explained in the glossary or on this page"))
                    .help(format!(
                        "add `{word}: what it stands for` to data/glossary.yaml, or a line `*[{word}]: what it stands for` to this page, or write it out in full"
                    )),
            );
        }
    }
}

/// Abbreviations in `text` that nobody explains, with their character offsets.
/// Not counted: words the site lists in `not_abbreviations`, a word marked with a
/// backslash (`\\AA`), and words that are part of a file name or path
/// (`README.md`, `docs/GUIDE`).
fn unexplained<'t>(text: &'t str, input: &TreeInput<'_>) -> Vec<(usize, &'t str)> {
    let known = |w: &str| {
        input.known_abbreviations.contains_key(w) || input.not_abbreviations.iter().any(|n| n == w)
    };
    let mut found = Vec::new();
    for (offset, word, at) in capital_words(text) {
        // An abbreviation has two capitals, so a word with fewer holds none.
        if word.bytes().filter(u8::is_ascii_uppercase).nth(1).is_none() {
            continue;
        }
        if in_file_name_or_marked(text, at, word) {
            continue;
        }
        // A glossary may list the possessive itself (`CSE’s`), as the page then explains it.
        if known(word) {
            continue;
        }
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        if known(word) {
            continue; // CP-IS, A&E
        }
        // Where each part starts, in characters and in bytes.
        let (mut part_offset, mut part_at) = (offset, at);
        for part in word.split(JOINERS) {
            let singular = part
                .strip_suffix('s')
                .filter(|s| is_abbreviation(s))
                .unwrap_or(part);
            if is_abbreviation(singular)
                && !known(singular)
                && !known(part)
                && !is_callout_marker(text, part_at)
            {
                found.push((part_offset, singular));
            }
            let joiner = word
                .get(part_at - at + part.len()..)
                .and_then(|rest| rest.chars().next());
            part_offset += part.chars().count() + 1;
            part_at += part.len() + joiner.map_or(0, char::len_utf8);
        }
    }
    found
}

/// True when the word at byte `at` of `text` is marked with a backslash before
/// it, or is joined to a file name or path: `README.md`, `IMG_20.jpg`,
/// `/docs/FAQ`.
fn in_file_name_or_marked(text: &str, at: usize, word: &str) -> bool {
    let before = text.get(..at).and_then(|t| t.chars().next_back());
    let mut rest = text.get(at + word.len()..).unwrap_or("").chars();
    let (after, after_next) = (rest.next(), rest.next());
    matches!(before, Some('\\' | '/' | '_' | '.' | '@'))
        || matches!(after, Some('_' | '/' | '@'))
        || (after == Some('.') && after_next.is_some_and(char::is_alphanumeric))
}

/// True when column `col` (in characters, from 1) of `line`, a line of the
/// file as written, is inside an address: a web address (`https://…?v=FINAL`,
/// `www.…`, `mailto:…`), or what follows a `](` up to its `)`, which is a
/// link's address even where a space in it kept it from being a link
/// (`[strategy](files/Strategy FINAL v2.pdf)`). Asked only about a word
/// about to be reported.
fn in_address(line: &str, col: usize) -> bool {
    let Some(at) = line
        .char_indices()
        .nth(col.saturating_sub(1))
        .map(|(i, _)| i)
    else {
        return false;
    };
    let before = &line[..at];
    // The run of the line without spaces that the word is in, up to the word.
    // The space before it may be wider than one byte (U+2001).
    let token = before
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || c == '<')
        .map_or(before, |(i, c)| &before[i + c.len_utf8()..]);
    let token = token.trim_start_matches(['(', '[', '"', '\'', '“', '‘']);
    let starts_with = |prefix: &str| {
        token
            .get(..prefix.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(prefix))
    };
    if token.contains("://") || starts_with("www.") || starts_with("mailto:") {
        return true;
    }
    // Inside the brackets of the last `](` before the word: no `)` closes
    // them before it (brackets inside are passed over in pairs).
    let Some(open) = before.rfind("](") else {
        return false;
    };
    let mut depth = 0usize;
    for b in before[open + 2..].bytes() {
        match b {
            b'(' => depth += 1,
            b')' if depth == 0 => return false,
            b')' => depth -= 1,
            _ => {}
        }
    }
    true
}

/// True when the word at byte `at` follows `[!`: a callout marker that comrak
/// did not take as a callout. Asked about every abbreviation of a text, so it
/// looks only at the bytes before the word.
fn is_callout_marker(text: &str, at: usize) -> bool {
    text.get(..at).is_some_and(|before| before.ends_with("[!"))
}

/// Marks that join the parts of a word (`CP-IS`, `A&E`, `CSE's`).
const JOINERS: [char; 4] = ['-', '&', '\'', '’'];

/// True for a character of a word: a letter, a digit or a joining mark.
fn joins(c: char) -> bool {
    c.is_alphanumeric() || JOINERS.contains(&c)
}

/// The words of `text` with an ASCII capital: runs of letters, digits and
/// joining marks, less the joining marks at either end, each with its
/// character offset and its byte offset. Found from the capitals, eight bytes
/// at a time, so text between them is not decoded.
fn capital_words(text: &str) -> Vec<(usize, &str, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    // Characters before byte `counted.0`, counted once.
    let mut counted = (0, 0);
    while let Some(capital) = crate::text::next_capital(bytes, from) {
        let before = text.get(..capital).unwrap_or("");
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| joins(c))
            .last()
            .map_or(capital, |(i, _)| i);
        let after = text.get(capital..).unwrap_or("");
        let end = after
            .char_indices()
            .take_while(|&(_, c)| joins(c))
            .last()
            .map_or(capital, |(i, c)| capital + i + c.len_utf8());
        from = end.max(capital + 1);
        let run = text.get(start..end).unwrap_or("");
        let trimmed = run.trim_start_matches(JOINERS);
        let at = start + (run.len() - trimmed.len());
        let word = trimmed.trim_end_matches(JOINERS);
        if word.is_empty() || at < counted.0 {
            continue;
        }
        counted = (
            at,
            counted.1 + text.get(counted.0..at).map_or(0, |t| t.chars().count()),
        );
        out.push((counted.1, word, at));
    }
    out
}

/// Two or more capitals, with only capitals and digits, and not a Roman numeral.
fn is_abbreviation(word: &str) -> bool {
    let capitals = word.chars().filter(char::is_ascii_uppercase).count();
    capitals >= 2
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !word.chars().all(|c| "IVXLCDM".contains(c))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::check::tests::found;
    use crate::markdown::tests::render_with_glossary;

    fn in_glossary(md: &str, glossary: &[(&str, &str)]) -> Vec<(usize, usize, String)> {
        render_with_glossary(md, glossary)
            .diagnostics
            .iter()
            .filter(|d| d.rule == "abbreviation")
            .map(|d| (d.line.unwrap_or(0), d.col.unwrap_or(0), d.message.clone()))
            .collect()
    }

    /// The words of `text` as first found: every character decoded.
    fn words(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start: Option<(usize, usize)> = None;
        for (n, (i, c)) in text.char_indices().enumerate() {
            match (joins(c), start) {
                (true, None) => start = Some((n, i)),
                (false, Some((sn, si))) => {
                    out.push((sn, &text[si..i]));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some((sn, si)) = start {
            out.push((sn, &text[si..]));
        }
        out.into_iter()
            .map(|(n, w)| {
                let trimmed = w.trim_start_matches(JOINERS);
                let lead = w.chars().count() - trimmed.chars().count();
                (n + lead, trimmed.trim_end_matches(JOINERS))
            })
            .filter(|(_, w)| !w.is_empty())
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn capital_words_are_the_words_with_a_capital(
            text in "[ABsa1é’'&\\\\\\-_./@ \u{a0}Ⅻ]{0,30}"
        ) {
            let expected: Vec<(usize, &str)> = words(&text)
                .into_iter()
                .filter(|(_, w)| w.bytes().any(|b| b.is_ascii_uppercase()))
                .collect();
            let found = capital_words(&text);
            for &(offset, word, at) in &found {
                proptest::prop_assert_eq!(text.get(at..at + word.len()), Some(word));
                proptest::prop_assert_eq!(text[..at].chars().count(), offset);
            }
            let found: Vec<(usize, &str)> = found.into_iter().map(|(o, w, _)| (o, w)).collect();
            proptest::prop_assert_eq!(found, expected);
        }

        #[test]
        fn file_names_and_marks_are_seen_as_before(
            text in "[ABa1é’.\\\\_/@ ]{0,12}",
        ) {
            let chars: Vec<char> = text.chars().collect();
            for (offset, word, at) in capital_words(&text) {
                let len = word.chars().count();
                let before = offset.checked_sub(1).and_then(|i| chars.get(i)).copied();
                let after = chars.get(offset + len).copied();
                let after_next = chars.get(offset + len + 1).copied();
                let by_chars = matches!(before, Some('\\' | '/' | '_' | '.' | '@'))
                    || matches!(after, Some('_' | '/' | '@'))
                    || (after == Some('.') && after_next.is_some_and(char::is_alphanumeric));
                proptest::prop_assert_eq!(in_file_name_or_marked(&text, at, word), by_chars);
            }
        }
    }

    #[test]
    fn unknown_abbreviation_is_reported_once_at_its_first_use() {
        let got = in_glossary("The MASH met.\n\nThe MASH met again.\n", &[]);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].0, got[0].1), (1, 5));
        assert!(got[0].2.contains("`MASH`"));
    }

    #[test]
    fn glossary_and_page_definitions_explain_abbreviations() {
        let md = "The MASH and the LADO's view.\n\n*[LADO]: Local Authority Designated Officer\n";
        assert!(in_glossary(md, &[("MASH", "Multi-Agency Safeguarding Hub")]).is_empty());
    }

    #[test]
    fn plurals_possessives_digits_and_hyphens_are_understood() {
        let g = [("PCSO", "x"), ("GCP2", "y"), ("CSE", "z")];
        assert!(in_glossary("PCSOs use the GCP2 tool on CSE's cases.\n", &g).is_empty());
        let got = in_glossary("The CP-IS check.\n", &[("CP", "Child protection")]);
        assert_eq!(got.len(), 1);
        assert!(got[0].2.contains("`IS`"), "{got:?}");
        assert_eq!(got[0].1, 8);
        assert!(in_glossary("The CP-IS check.\n", &[("CP-IS", "x")]).is_empty());
    }

    #[test]
    fn a_possessive_the_glossary_lists_is_explained() {
        let g = [("CSE’s", "Child sexual exploitation’s")];
        assert!(in_glossary("Know the CSE’s signs.\n", &g).is_empty());
        let page = render_with_glossary("Know the CSE’s signs.\n", &g);
        assert!(page.html.contains("<abbr"), "{}", page.html);
        assert_eq!(in_glossary("A CSE case.\n", &g).len(), 1);
    }

    #[test]
    fn code_roman_numerals_single_letters_and_words_pass() {
        let md = "Part II of `MASH`, Plan B, the Children Act 1989, UK's.\n\n```\nNSPCC\n```\n";
        assert_eq!(found(md, "abbreviation").len(), 1); // UK
        assert!(!is_abbreviation("II") && !is_abbreviation("B") && !is_abbreviation("Act"));
        assert!(is_abbreviation("GCP2") && is_abbreviation("NHS"));
    }

    #[test]
    fn file_names_listed_words_and_marked_words_are_not_abbreviations() {
        assert!(
            found(
                "Read README.md and the FAQ_LIST in docs/GUIDE first.\n",
                "abbreviation"
            )
            .is_empty()
        );
        assert_eq!(found("The LSCP. Then NEXT.\n", "abbreviation").len(), 2);
        assert!(found("Grade \\AA is fine.\n", "abbreviation").is_empty());
        let allowed = vec!["WCAG".to_owned(), "AA".to_owned()];
        let known = BTreeMap::new();
        let input = TreeInput {
            file: std::path::Path::new("p.md"),
            text: "",
            known_abbreviations: &known,
            not_abbreviations: &allowed,
            allow_html: false,
            own_images_only: None,
            easy_read: false,
        };
        assert!(unexplained("WCAG 2.2 level AA, with GPs", &input) == vec![(24, "GP")]);
    }

    #[test]
    fn a_callout_marker_comrak_left_as_text_is_not_an_abbreviation() {
        let (known, allowed) = (BTreeMap::new(), Vec::new());
        let input = TreeInput {
            file: std::path::Path::new("p.md"),
            text: "",
            known_abbreviations: &known,
            not_abbreviations: &allowed,
            allow_html: false,
            own_images_only: None,
            easy_read: false,
        };
        let text = "É [!NOTE] then CP’IS’s NOTE";
        let found = unexplained(text, &input);
        assert_eq!(found, vec![(15, "CP"), (18, "IS"), (23, "NOTE")]);
    }

    #[test]
    fn a_paragraph_of_one_unknown_word_many_times_is_one_warning_for_a_run() {
        let md = "ABCD ".repeat(100_000);
        assert_eq!(found(&md, "capitals"), vec![(1, 1)]);
        assert!(found(&md, "abbreviation").is_empty());
        let md = format!("{}and ABCD.\n", "ABCD ".repeat(2));
        assert_eq!(found(&md, "abbreviation"), vec![(1, 1)]);
    }

    #[test]
    fn addresses_are_not_prose() {
        let md = "Read the [strategy](files/Neglect Strategy FINAL v2.pdf) today.\n\n\
                  See <https://www.example.org/a?v=FINAL> and https://www.example.org/FINAL%20v2 too.\n\n\
                  See www.example.org/a?x=FINAL and [https://x.org/a#FINAL](https://x.org/a#FINAL).\n\n\
                  Or [the strategy](https://www.example.org/Neglect Strategy FINAL v2.pdf).\n\n\
                  Email <mailto:FINAL@example.org> or [us](mailto:team@example.org?subject=FINAL DRAFT).\n";
        assert!(
            found(md, "abbreviation").is_empty(),
            "{:?}",
            found(md, "abbreviation")
        );
        // The same word in prose on the same page is still reported, at its
        // place in the prose, once.
        let prose = format!("{md}\nThis is the FINAL word, the [FINAL one](x.md).\n");
        assert_eq!(found(&prose, "abbreviation"), vec![(11, 13)]);
        assert!(in_address("[a](b c FINAL)", 9));
        // A space wider than one byte before the word.
        assert!(in_address("[a](b\u{2001}FINAL)", 7));
        assert!(!in_address("a\u{2001}FINAL", 3));
        assert!(!in_address("[a](b c) FINAL", 10));
        assert!(in_address("[a](tel:+44 (0)1632 FINAL)", 21));
        assert!(!in_address("The FINAL word (see https://x.org)", 5));
        assert!(!in_address("", 1));
    }

    #[test]
    fn headings_and_link_text_are_checked() {
        assert_eq!(found("## About CAMHS\n", "abbreviation"), vec![(1, 10)]);
        assert_eq!(
            found("See [the NRM](x.md).\n", "abbreviation"),
            vec![(1, 10)]
        );
    }
}
