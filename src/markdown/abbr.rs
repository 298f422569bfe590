//! Abbreviations: `*[MASH]: Multi-Agency Safeguarding Hub` definitions, and `<abbr>`
//! on the first use of each known abbreviation on a page.
//!
//! Two passes over comrak's tree. [`take_definitions`] runs first (on the
//! paragraphs the first walk, `listing`, found a `*` in) and removes the
//! definition lines, so they never reach the HTML. [`mark_first_uses`] runs after
//! links and headings are settled: it splits text nodes and inserts raw `<abbr>`
//! nodes, skipping headings, links, images and code, where `<abbr>` would be wrong.
//! The glossary itself (`data/glossary.yaml`) is read elsewhere and passed in.

use std::collections::BTreeMap;

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};
use rustc_hash::FxHashMap;

use crate::html::push_escaped;

/// Reads `*[ABBR]: Expansion` from one line of text.
pub(super) fn parse_definition(line: &str) -> Option<(String, String)> {
    let rest = line.trim().strip_prefix("*[")?;
    let (abbr, expansion) = rest.split_once("]:")?;
    let (abbr, expansion) = (abbr.trim(), expansion.trim());
    if abbr.is_empty() || expansion.is_empty() || abbr.contains(['[', ']']) {
        return None;
    }
    Some((abbr.to_owned(), expansion.to_owned()))
}

/// Splits a paragraph's inlines into lines, at soft and hard breaks.
pub(crate) fn lines_of<'a>(
    paragraph: &'a AstNode<'a>,
) -> Vec<(Option<&'a AstNode<'a>>, Vec<&'a AstNode<'a>>)> {
    let mut lines = vec![(None, Vec::new())];
    for child in paragraph.children() {
        if matches!(
            child.data().value,
            NodeValue::SoftBreak | NodeValue::LineBreak
        ) {
            lines.push((Some(child), Vec::new()));
        } else if let Some((_, nodes)) = lines.last_mut() {
            nodes.push(child);
        }
    }
    lines
}

/// True when `value` is text, code or math with a `*`: the text of a
/// paragraph's lines is made of those (`collect_text`), so a paragraph with
/// none has no definition line and is passed over without building that text.
pub(crate) fn has_star_in(value: &NodeValue) -> bool {
    match value {
        NodeValue::Text(t) => memchr::memchr(b'*', t.as_bytes()).is_some(),
        NodeValue::Code(code) => memchr::memchr(b'*', code.literal.as_bytes()).is_some(),
        NodeValue::Math(math) => memchr::memchr(b'*', math.literal.as_bytes()).is_some(),
        _ => false,
    }
}

/// Removes `*[ABBR]: Expansion` lines from the page and returns what they
/// define, and whether any node left the tree. `starred` are the page's
/// paragraphs with a `*` under them ([`has_star_in`]), in order: the first
/// walk (`listing`) lists them.
pub(crate) fn take_definitions<'a>(
    starred: &[&'a AstNode<'a>],
) -> (BTreeMap<String, String>, bool) {
    let mut found = BTreeMap::new();
    let mut changed = false;
    for &paragraph in starred {
        let lines = lines_of(paragraph);
        let mut defined = Vec::new();
        for (index, (_, nodes)) in lines.iter().enumerate() {
            let text: String = nodes.iter().map(|n| n.collect_text()).collect();
            if let Some((abbr, expansion)) = parse_definition(&text) {
                found.insert(abbr, expansion);
                defined.push(index);
            }
        }
        changed |= !defined.is_empty();
        if defined.len() == lines.len() {
            paragraph.detach();
            continue;
        }
        for index in defined {
            let (line_break, nodes) = &lines[index];
            // The first line has no break before it: drop the one after it instead.
            let after = lines.get(index + 1).and_then(|(b, _)| *b);
            if let Some(b) = line_break.or(after) {
                b.detach();
            }
            nodes.iter().for_each(|n| n.detach());
        }
    }
    (found, changed)
}

/// True for nodes whose text must not get `<abbr>`.
pub(crate) fn excluded_context(value: &NodeValue) -> bool {
    matches!(
        value,
        NodeValue::Heading(_) | NodeValue::Link(_) | NodeValue::Image(_) | NodeValue::CodeBlock(_)
    )
}

/// Known abbreviations, indexed by first character, longest first. Looked up at
/// the start of every word of the page's text, so with a cheap hash.
struct Index<'g> {
    by_first: FxHashMap<char, Vec<(&'g str, &'g str)>>,
    /// For each ASCII character, whether an abbreviation starts with it: most
    /// words are then passed over without a lookup.
    ascii_first: [bool; 128],
    /// True when every abbreviation starts with an ASCII capital (as they
    /// normally do): a use can then only start at a capital, and the text
    /// between capitals is passed over eight bytes at a time.
    capitals_first: bool,
    used: rustc_hash::FxHashSet<&'g str>,
}

impl<'g> Index<'g> {
    fn new(known: &'g BTreeMap<&'g str, &'g str>) -> Self {
        let mut by_first: FxHashMap<char, Vec<(&str, &str)>> = FxHashMap::default();
        for (&abbr, &expansion) in known {
            if let Some(first) = abbr.chars().next() {
                by_first.entry(first).or_default().push((abbr, expansion));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(abbr, _)| std::cmp::Reverse(abbr.len()));
        }
        let mut ascii_first = [false; 128];
        for first in by_first.keys() {
            if let Some(slot) = ascii_first.get_mut(*first as usize) {
                *slot = true;
            }
        }
        let capitals_first = by_first.keys().all(char::is_ascii_uppercase);
        Index {
            by_first,
            ascii_first,
            capitals_first,
            used: rustc_hash::FxHashSet::default(),
        }
    }

    /// The first not-yet-used abbreviation in `text`, as a whole word.
    fn find(&self, text: &str) -> Option<(usize, &'g str, &'g str)> {
        if self.capitals_first {
            self.find_at_capitals(text)
        } else {
            self.find_by_characters(text)
        }
    }

    /// [`Index::find`] when every abbreviation starts with an ASCII capital:
    /// only capitals are looked at, each with the character before it.
    fn find_at_capitals(&self, text: &str) -> Option<(usize, &'g str, &'g str)> {
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(i) = crate::text::next_capital(bytes, from) {
            from = i + 1;
            let b = *bytes.get(i)?;
            if self.ascii_first[usize::from(b & 0x7f)]
                && !word_before(text, i)
                && let Some(found) = self.at(text, i, char::from(b))
            {
                return Some(found);
            }
        }
        None
    }

    /// [`Index::find`] for any abbreviations: every character is looked at.
    fn find_by_characters(&self, text: &str) -> Option<(usize, &'g str, &'g str)> {
        let mut prev_is_word = false;
        if text.is_ascii() {
            // The same search byte by byte: in ASCII a byte is a character.
            for (i, &b) in text.as_bytes().iter().enumerate() {
                if !prev_is_word
                    && self.ascii_first[usize::from(b & 0x7f)]
                    && let Some(found) = self.at(text, i, char::from(b))
                {
                    return Some(found);
                }
                prev_is_word = b.is_ascii_alphanumeric() || b == b'\\';
            }
            return None;
        }
        for (i, c) in text.char_indices() {
            let may_start = self.ascii_first.get(c as usize).copied().unwrap_or(true);
            if !prev_is_word
                && may_start
                && let Some(found) = self.at(text, i, c)
            {
                return Some(found);
            }
            // `\\AA` marks one use as not an abbreviation.
            prev_is_word = c.is_alphanumeric() || c == '\\';
        }
        None
    }

    /// The not-yet-used abbreviation that starts at byte `i` of `text` (its
    /// character `c`) as a whole word, if any.
    fn at(&self, text: &str, i: usize, c: char) -> Option<(usize, &'g str, &'g str)> {
        for &(abbr, expansion) in self.by_first.get(&c)? {
            // A whole word, or its plural (`GPs`).
            let ends_at_boundary = text[i..].strip_prefix(abbr).is_some_and(|rest| {
                let rest = rest.strip_prefix('s').unwrap_or(rest);
                !rest.chars().next().is_some_and(char::is_alphanumeric)
            });
            if ends_at_boundary && !self.used.contains(abbr) {
                return Some((i, abbr, expansion));
            }
        }
        None
    }
}

/// True when the character before byte `i` of `text` joins a word to what
/// follows: a letter, a digit, or the backslash of `\\AA`.
fn word_before(text: &str, i: usize) -> bool {
    let Some(before) = text.get(..i) else {
        return false;
    };
    match before.as_bytes().last() {
        None => false,
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric() || b == b'\\',
        Some(_) => before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    }
}

/// Wraps the first use of each abbreviation in `<abbr title>`; returns those used, in order.
/// `texts` are the page's text nodes outside headings, links, images and code
/// blocks, in order (`survey` lists them); each text node this adds (the rest
/// of a text after an `<abbr>`) is pushed to `added`.
pub(crate) fn mark_first_uses<'a>(
    arena: &'a Arena<'a>,
    texts: &[&'a AstNode<'a>],
    known: &BTreeMap<&str, &str>,
    added: &mut Vec<&'a AstNode<'a>>,
) -> Vec<String> {
    let mut index = Index::new(known);
    let mut used_in_order = Vec::new();
    // Abbreviations normally have capitals; text without one can then be skipped.
    let all_have_capitals = known
        .keys()
        .all(|k| k.bytes().any(|b| b.is_ascii_uppercase()));
    for &node in texts {
        if used_in_order.len() == known.len() {
            break; // every abbreviation is marked already
        }
        let mut current = node;
        loop {
            // The text is copied only when it holds an abbreviation to mark.
            let (text, (start, abbr, expansion)) = match &current.data().value {
                // An abbreviation has capitals, so text without any is skipped.
                NodeValue::Text(t)
                    if index.capitals_first
                        || !all_have_capitals
                        || t.bytes().any(|b| b.is_ascii_uppercase()) =>
                {
                    match index.find(t) {
                        Some(found) => (t.to_string(), found),
                        None => break,
                    }
                }
                _ => break,
            };
            index.used.insert(abbr);
            used_in_order.push(abbr.to_owned());
            let after = text[start + abbr.len()..].to_owned();
            current.data_mut().value = NodeValue::Text(text[..start].to_owned().into());
            let mut html = String::from("<abbr title=\"");
            push_escaped(&mut html, expansion);
            html.push_str("\">");
            push_escaped(&mut html, abbr);
            html.push_str("</abbr>");
            let raw = arena.alloc(NodeValue::Raw(html).into());
            current.insert_after(raw);
            if after.is_empty() {
                break;
            }
            let rest = arena.alloc(NodeValue::Text(after.into()).into());
            raw.insert_after(rest);
            added.push(rest);
            current = rest;
        }
    }
    used_in_order
}

/// Takes out the backslash of `\\AA`, the mark that says one use of a word of
/// capitals is not an abbreviation, once the checks and `<abbr>` have seen it:
/// the text without its marks, or `None` when it has no backslash.
pub(crate) fn strip_marks(text: &str) -> Option<String> {
    if !text.contains('\\') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let marks = c == '\\'
            && chars.peek().is_some_and(char::is_ascii_uppercase)
            && !out.chars().last().is_some_and(char::is_alphanumeric);
        if !marks {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tests::{render_with_glossary, with_page};

    #[test]
    fn reads_definitions() {
        assert_eq!(
            parse_definition("*[MASH]: Multi-Agency Safeguarding Hub"),
            Some(("MASH".into(), "Multi-Agency Safeguarding Hub".into()))
        );
        assert_eq!(parse_definition("*[]: nothing"), None);
        assert_eq!(parse_definition("*[X]:"), None);
        assert_eq!(parse_definition("* [X]: list item"), None);
    }

    #[test]
    fn definition_lines_disappear_and_define_abbreviations() {
        let r = with_page(
            "The MASH met.\n\n*[MASH]: Multi-Agency Safeguarding Hub\n*[LA]: Local authority\n",
        );
        assert!(!r.html.contains("*["), "{}", r.html);
        assert_eq!(r.page_abbreviations.len(), 2);
        assert_eq!(r.abbreviations_used, vec!["MASH".to_owned()]);
    }

    #[test]
    fn a_star_in_code_or_after_emphasis_still_starts_a_definition() {
        let r = with_page("The LA.\n\n`*`[LA]: Local authority\n");
        assert_eq!(r.page_abbreviations.len(), 1, "{}", r.html);
        assert!(!r.html.contains("[LA]"), "{}", r.html);
        let r = with_page("The LA.\n\n*a* b\n*[LA]: Local authority\n");
        assert_eq!(r.page_abbreviations.len(), 1, "{}", r.html);
        let r = with_page("The LA.\n\n[LA]: Local authority\n");
        assert!(r.page_abbreviations.is_empty());
    }

    #[test]
    fn definitions_after_text_in_one_paragraph_are_removed() {
        let r = with_page("Text about LA.\n*[LA]: Local authority\n");
        assert_eq!(
            r.html,
            "<p>Text about <abbr title=\"Local authority\">LA</abbr>.</p>\n"
        );
    }

    #[test]
    fn a_backslash_marks_one_use_as_not_an_abbreviation_and_is_removed() {
        let r = with_page("Level \\AA here, then AA.\n\n*[AA]: Level AA\n");
        assert_eq!(
            r.html.as_str(),
            "<p>Level AA here, then <abbr title=\"Level AA\">AA</abbr>.</p>\n"
        );
        let r = with_page("Two GPs.\n\n*[GP]: General practitioner\n");
        assert!(
            r.html
                .as_str()
                .contains("<abbr title=\"General practitioner\">GP</abbr>s")
        );
    }

    #[test]
    fn only_the_first_use_is_marked() {
        let r = with_page("*[LA]: Local authority\n\nThe LA and the LA.\n\nThe LA again.\n");
        assert_eq!(r.html.matches("<abbr").count(), 1, "{}", r.html);
        assert!(
            r.html
                .contains("The <abbr title=\"Local authority\">LA</abbr> and the LA.")
        );
    }

    #[test]
    fn headings_links_and_code_are_skipped() {
        let md =
            "## The MASH\n\n[MASH](https://x.org) and `MASH`\n\n```text\nMASH\n```\n\nThen MASH.\n";
        let r = render_with_glossary(md, &[("MASH", "Multi-Agency Safeguarding Hub")]);
        assert_eq!(r.html.matches("<abbr").count(), 1, "{}", r.html);
        assert!(
            r.html
                .contains("<p>Then <abbr title=\"Multi-Agency Safeguarding Hub\">MASH</abbr>.</p>")
        );
    }

    #[test]
    fn matches_whole_words_only() {
        let r = render_with_glossary("LAC and LAS, then LA.\n", &[("LA", "Local authority")]);
        assert!(r.html.contains("LAC and LAS, then <abbr"), "{}", r.html);
    }

    #[test]
    fn page_definitions_override_the_glossary_and_longest_wins() {
        let md = "*[CP]: Child protection\n\nA CP-IS check and CP.\n";
        let r = render_with_glossary(
            md,
            &[
                ("CP", "Glossary CP"),
                ("CP-IS", "Child Protection Information Sharing"),
            ],
        );
        assert!(
            r.html
                .contains("<abbr title=\"Child Protection Information Sharing\">CP-IS</abbr>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<abbr title=\"Child protection\">CP</abbr>."),
            "{}",
            r.html
        );
        assert_eq!(
            r.abbreviations_used,
            vec!["CP-IS".to_owned(), "CP".to_owned()]
        );
    }

    #[test]
    fn a_long_paragraph_of_one_abbreviation_marks_only_its_first_use() {
        let md = format!("{}and LA.\n", "MASH ".repeat(100_000));
        let glossary = [
            ("MASH", "Multi-Agency Safeguarding Hub"),
            ("LA", "Local authority"),
        ];
        let r = render_with_glossary(&md, &glossary);
        let html = r.html.as_str();
        assert!(
            html.starts_with(
                "<p><abbr title=\"Multi-Agency Safeguarding Hub\">MASH</abbr> MASH MASH "
            ),
            "{}",
            &html[..200]
        );
        assert!(html.ends_with("MASH and <abbr title=\"Local authority\">LA</abbr>.</p>\n"));
        assert_eq!(html.matches("<abbr").count(), 2);
        assert_eq!(html.matches("MASH").count(), 100_000);
        assert_eq!(r.abbreviations_used, ["MASH", "LA"]);
    }

    proptest::proptest! {
        #[test]
        fn looking_at_capitals_finds_what_looking_at_every_character_finds(
            text in "[ACGNSadsxé’\\\\ 2-]{0,30}",
            used in proptest::collection::vec(proptest::bool::ANY, 5),
        ) {
            let known: BTreeMap<&str, &str> =
                [("AC", "a"), ("ACS", "b"), ("GC", "c"), ("NSd", "d"), ("S", "e")]
                    .into_iter()
                    .collect();
            let mut index = Index::new(&known);
            proptest::prop_assert!(index.capitals_first);
            for (abbr, used) in known.keys().zip(used) {
                if used {
                    index.used.insert(abbr);
                }
            }
            proptest::prop_assert_eq!(
                index.find_at_capitals(&text),
                index.find_by_characters(&text)
            );
        }
    }

    #[test]
    fn ascii_and_other_text_find_the_same_uses() {
        let glossary = [
            ("NHS", "National Health Service"),
            ("GP", "General practitioner"),
        ];
        for text in [
            "xNHS \\NHS GPs GPx NHS and a GP.\n",
            "é xNHS \\NHS GPs GPx NHS and a GP.\n",
        ] {
            let html = render_with_glossary(text, &glossary).html;
            assert!(
                html.contains("GPx <abbr title=\"National Health Service\">NHS</abbr> and a GP."),
                "{html}"
            );
            assert!(
                html.contains("xNHS NHS <abbr title=\"General practitioner\">GP</abbr>s GPx"),
                "{html}"
            );
        }
    }
}
