//! What listings and briefings need from a page besides its HTML: a plain-text
//! summary and the page split into its `##` parts (the word count is `survey`'s).
//!
//! The summary reads comrak's tree before `<abbr>` and other raw HTML
//! go in, so it sees the words as written. Parts are marked in the tree just before
//! formatting and cut from the finished HTML at those marks, so each part's HTML is
//! exactly the page's HTML for it.

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

use super::ids::HeadingIds;
use super::model::{Heading, Part};
use super::passes::is_caption;

/// Longest summary, in characters, before it is cut at a word.
const SUMMARY_MAX_CHARS: usize = 300;

/// Marks the start of a part in the formatted HTML. comrak turns NUL in the input
/// into U+FFFD, so no page text can contain it.
const PART_MARK: &str = "\u{0}\n";

/// The first top-level paragraph as plain text, cut at a word near 300 characters.
pub(crate) fn summarise<'a>(root: &'a AstNode<'a>) -> String {
    let Some(paragraph) = root
        .children()
        .find(|n| matches!(n.data().value, NodeValue::Paragraph) && !is_caption(n))
    else {
        return String::new();
    };
    let text = paragraph
        .collect_text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() <= SUMMARY_MAX_CHARS {
        return text;
    }
    cut_at_word(&text)
}

/// `text`, of more than [`SUMMARY_MAX_CHARS`] characters, cut after the last
/// word that fits with room for `…` (or inside its first word, when even that
/// does not fit), then `…`.
fn cut_at_word(text: &str) -> String {
    let mut cut = String::new();
    // Characters in `cut`, counted as it grows rather than again for each word.
    let mut cut_chars = 0;
    for word in text.split(' ') {
        let word_chars = word.chars().count();
        if cut_chars + word_chars + 1 > SUMMARY_MAX_CHARS - 1 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
            cut_chars += 1;
        }
        cut.push_str(word);
        cut_chars += word_chars;
    }
    if cut.is_empty() {
        // One enormous word: cut it at a character boundary.
        cut = text.chars().take(SUMMARY_MAX_CHARS - 1).collect();
    }
    cut.push('…');
    cut
}

/// Puts a mark before each top-level `##` heading; returns those headings in order.
pub(crate) fn mark_parts<'a>(
    arena: &'a Arena<'a>,
    root: &'a AstNode<'a>,
    ids: &HeadingIds,
) -> Vec<Heading> {
    let mut parts = Vec::new();
    let starts: Vec<_> = root
        .children()
        .filter(|n| matches!(n.data().value, NodeValue::Heading(h) if h.level == 2))
        .collect();
    for start in starts {
        let Some(id) = ids.by_node.get(&super::ids::node_key(start)) else {
            continue;
        };
        let Some(heading) = ids.headings.iter().find(|h| &h.id == id) else {
            continue;
        };
        parts.push(heading.clone());
        start.insert_before(arena.alloc(NodeValue::Raw(PART_MARK.to_owned()).into()));
    }
    parts
}

/// Cuts the formatted HTML at the part marks: (whole page, intro, parts). The
/// whole is the intro and the pieces one after the other, so each part is a
/// range of it.
pub(crate) fn split_parts(marked: &str, headings: Vec<Heading>) -> (String, String, Vec<Part>) {
    // One pass: each piece is copied out, and where it ends is kept.
    let mut html = String::with_capacity(marked.len());
    let mut ends = Vec::new();
    let mut rest = marked;
    while let Some(at) = find_mark(rest) {
        html.push_str(rest.get(..at).unwrap_or(""));
        ends.push(html.len());
        rest = rest.get(at + PART_MARK.len()..).unwrap_or("");
    }
    html.push_str(rest);
    ends.push(html.len());
    let intro = html.get(..ends[0]).unwrap_or("").to_owned();
    let parts = headings
        .into_iter()
        .zip(ends.windows(2))
        .map(|(heading, piece)| Part {
            heading,
            range: piece[0]..piece[1],
        })
        .collect();
    (html, intro, parts)
}

/// Where the first [`PART_MARK`] in `html` starts: found by its NUL, which
/// one `memchr` finds, rather than by a search for the whole mark.
fn find_mark(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html.get(from..)?.find('\0') {
        let at = from + i;
        if html.get(at..)?.starts_with(PART_MARK) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{Heading, PART_MARK, Part, SUMMARY_MAX_CHARS, cut_at_word, split_parts};
    use crate::markdown::tests::{with_page, with_parts};

    #[test]
    fn summary_is_the_first_paragraph_as_plain_text() {
        let r = with_page(
            "---\ntitle: t\n---\n# Title\n\nThe **first** [para](x.md)\nwraps.\n\nSecond.\n",
        );
        assert_eq!(r.summary, "The first para wraps.");
    }

    #[test]
    fn summary_skips_captions_and_abbreviation_definitions() {
        let r = with_page(
            "*[LA]: Local authority\n\nTable: Caption\n| a |\n|---|\n| 1 |\n\nThe LA said.\n",
        );
        assert_eq!(r.summary, "The LA said.");
    }

    /// The split as first written: a search for the whole mark.
    fn split_by_searching(marked: &str, headings: Vec<Heading>) -> (String, String, Vec<Part>) {
        let mut pieces = marked.split(PART_MARK);
        let intro = pieces.next().unwrap_or("").to_owned();
        let mut start = intro.len();
        let parts = headings
            .into_iter()
            .zip(pieces)
            .map(|(heading, html)| {
                let range = start..start + html.len();
                start = range.end;
                Part { heading, range }
            })
            .collect();
        (marked.replace(PART_MARK, ""), intro, parts)
    }

    fn heading(n: usize) -> Heading {
        Heading {
            level: 2,
            id: format!("h{n}"),
            text: format!("H {n}"),
            line: n,
        }
    }

    proptest::proptest! {
        #[test]
        fn splits_any_html_as_searching_for_the_mark_did(
            marked in "(<p>x</p>|\u{0}\n|\u{0}|\n|é|a){0,12}",
            headings in 0usize..6,
        ) {
            let headings: Vec<Heading> = (0..headings).map(heading).collect();
            proptest::prop_assert_eq!(
                format!("{:?}", split_parts(&marked, headings.clone())),
                format!("{:?}", split_by_searching(&marked, headings))
            );
        }

        #[test]
        fn cuts_where_counting_the_cut_again_for_each_word_did(
            text in "[aé ]{1,40}( [aé]{4,12}){70,100}"
        ) {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assume!(text.chars().count() > SUMMARY_MAX_CHARS);
            let mut old = String::new();
            for word in text.split(' ') {
                if old.chars().count() + word.chars().count() + 1 > SUMMARY_MAX_CHARS - 1 {
                    break;
                }
                if !old.is_empty() {
                    old.push(' ');
                }
                old.push_str(word);
            }
            if old.is_empty() {
                old = text.chars().take(SUMMARY_MAX_CHARS - 1).collect();
            }
            old.push('…');
            proptest::prop_assert_eq!(cut_at_word(&text), old);
        }
    }

    #[test]
    fn long_summary_is_cut_at_a_word() {
        let r = with_page(&"word ".repeat(200));
        assert!(r.summary.ends_with("word…"), "{}", r.summary);
        assert!(r.summary.chars().count() <= 300);
        let huge = with_page(&"é".repeat(1000));
        assert_eq!(huge.summary.chars().count(), 300);
    }

    #[test]
    fn word_count_leaves_out_code_and_image_text() {
        let r = with_page(
            "One two `code` three.\n\n![alt words here](a.png)\n\n```\nlet x = 1;\n```\n\n- four -- five\n",
        );
        assert_eq!(r.word_count, 5);
    }

    #[test]
    fn parts_are_cut_at_top_level_h2() {
        let r = with_parts(
            "Intro.\n\n## One\n\nFirst.\n\n### Sub\n\n## Two\n\n> ## Not a part\n\nSecond.[^n]\n\n[^n]: Note.\n",
        );
        assert_eq!(r.intro_html, "<p>Intro.</p>\n");
        assert_eq!(r.parts.len(), 2);
        assert_eq!(r.parts[0].heading.id, "one");
        assert_eq!(
            r.parts[0].html(&r.html),
            "<h2 id=\"one\">One</h2>\n<p>First.</p>\n<h3 id=\"sub\">Sub</h3>\n"
        );
        assert!(
            r.parts[1]
                .html(&r.html)
                .starts_with("<h2 id=\"two\">Two</h2>")
        );
        assert!(r.parts[1].html(&r.html).contains("class=\"footnotes\""));
        assert!(!r.html.contains('\u{0}'));
        let joined: String = std::iter::once(r.intro_html.as_str())
            .chain(r.parts.iter().map(|p| p.html(&r.html)))
            .collect();
        assert_eq!(joined, r.html);
    }
}
