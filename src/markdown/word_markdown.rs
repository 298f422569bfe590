//! Markdown typed under Word's code: a line of Word's tags (`<div
//! class=WordSection1>`) with no blank line after it starts an HTML block
//! that runs to the next blank line, so the author's own lines below it
//! (`**Bold** and a [link](…)`) would be shown as written, stars and brackets
//! and all. When every line of such a block is either Word's tags alone or has
//! no tag at all, the lines without tags are the author's Markdown: they are
//! read as Markdown, where they stand, in place of the block.
//!
//! Part of `markdown`, called by `word::clean` for a block of Word's tags only
//! (any other HTML keeps the block's handling). Only a block at the top of the
//! page is read again: inside a list or a quote, its lines have lost their
//! markers. The new nodes get character columns and invisible characters out
//! as the page's own did; the caller lists the page's links again.

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

use super::word_tags::{Judge, Piece, WordTag, decode_text, pieces};

/// What reading a block's lines as Markdown needs: how the page was parsed,
/// and its text (the new nodes' columns count its characters).
#[derive(Clone, Copy)]
pub(crate) struct Reread<'o> {
    pub(crate) options: &'o comrak::Options<'static>,
    pub(crate) text: &'o str,
}

/// The lines of `literal` that have no tag, every other line left empty;
/// `None` unless every line has no tag or is tags alone, and some line without
/// a tag has words.
fn author_lines(literal: &str, judge: &mut Judge) -> Option<String> {
    let mut text = String::with_capacity(literal.len());
    let mut words = false;
    for line in literal.lines() {
        let parts = pieces(line);
        if parts.iter().all(|p| matches!(p, Piece::Text(_))) {
            words |= !line.trim().is_empty();
            text.push_str(line);
        } else {
            let mut decoded = String::new();
            for part in parts {
                match part {
                    Piece::Text(t) => decode_text(t, &mut decoded),
                    Piece::Tag(tag) if judge.judge(tag) == WordTag::Keep => return None,
                    Piece::Tag(_) => {}
                }
            }
            if !decoded.trim().is_empty() {
                return None;
            }
        }
        text.push('\n');
    }
    words.then_some(text)
}

/// Reads the author's lines of the Word block `node` as Markdown and puts what
/// they make in its place; false (and the block untouched) when the block is
/// not one of those (see the module docs).
pub(crate) fn read_author_lines<'a>(
    arena: &'a Arena<'a>,
    node: &'a AstNode<'a>,
    strict: bool,
    reread: Reread<'_>,
) -> bool {
    let at_top = node
        .parent()
        .is_some_and(|p| matches!(p.data().value, NodeValue::Document));
    let (text, first_line) = {
        let data = node.data();
        let NodeValue::HtmlBlock(block) = &data.value else {
            return false;
        };
        if !at_top {
            return false;
        }
        match author_lines(&block.literal, &mut Judge::new(strict)) {
            Some(text) => (text, data.sourcepos.start.line),
            None => return false,
        }
    };
    let document = comrak::parse_document(arena, &text, reread.options);
    // Each line where it is in the page: the block's lines are whole lines.
    let below = first_line.saturating_sub(1);
    for n in document.descendants() {
        let pos = &mut n.data_mut().sourcepos;
        pos.start.line = pos.start.line.saturating_add(below);
        pos.end.line = pos.end.line.saturating_add(below);
    }
    let listed = super::listing::walk(document, reread.text);
    super::invisible::strip_invisible_in(&listed.invisible);
    while let Some(child) = document.first_child() {
        node.insert_before(child);
    }
    node.detach();
    true
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::with_page;

    /// The page's HTML and its findings as (rule, line, col).
    fn page(md: &str) -> (String, Vec<(&'static str, usize, usize)>) {
        let r = with_page(md);
        let found = r
            .diagnostics
            .iter()
            .map(|d| (d.rule, d.line.unwrap_or(0), d.col.unwrap_or(0)))
            .collect();
        (r.html.to_string(), found)
    }

    #[test]
    fn lines_typed_under_words_code_are_read_as_markdown() {
        let (html, found) = page(
            "Intro.\n\n<div class=\"WordSection1\">\n**Bold** and a [link](https://example.org).\n</div>\n\nAfter.\n",
        );
        assert_eq!(
            html,
            "<p>Intro.</p>\n<p><strong>Bold</strong> and a <a href=\"https://example.org\">link</a>.</p>\n<p>After.</p>\n"
        );
        // The author is still told that Word's code went, and the lines are
        // checked where they stand, as the page's own.
        assert_eq!(found, [("word-paste", 3, 1), ("vague-link-text", 4, 16)]);
    }

    #[test]
    fn read_again_the_lines_keep_their_places_and_definitions() {
        let md = "<div class=WordSection1>\n“Hi” from the MASH and the LADO.\n*[MASH]: Multi-Agency Safeguarding Hub\n</div>\n";
        let (html, found) = page(md);
        assert!(
            html.contains("<abbr title=\"Multi-Agency Safeguarding Hub\">MASH</abbr>"),
            "{html}"
        );
        assert!(!html.contains("*[MASH]"), "{html}");
        // Columns count characters: the curly quotes are one each.
        assert!(found.contains(&("abbreviation", 2, 28)), "{found:?}");
    }

    proptest::proptest! {
        #[test]
        fn any_block_under_words_code_renders_with_findings_on_its_lines(
            lines in proptest::collection::vec(
                "(<div class=WordSection1>|</div>|<o:p></o:p>|\\*\\*b\\*\\*|\\[x\\]\\(y\\)|# h|- i|“q” MASH|\u{200b}x| ){1,4}",
                1..6,
            ),
        ) {
            let md = format!("Intro.\n\n{}\n", lines.join("\n"));
            let r = with_page(&md);
            let last = md.lines().count();
            for d in &r.diagnostics {
                let line = d.line.unwrap_or(1);
                proptest::prop_assert!((1..=last).contains(&line), "{d:?} in {md:?}");
            }
            // Word's words and the author's lines lose invisible characters;
            // other HTML, shown as text, keeps them with the rest.
            if !md.contains("</div>") {
                proptest::prop_assert!(!r.html.contains('\u{200b}'), "{}", r.html);
            }
        }
    }

    #[test]
    fn other_blocks_keep_their_handling() {
        // A line with Word's tags and words: the words, as written.
        let (html, _) = page("<p class=MsoNormal>Hello **there**</p>\n");
        assert_eq!(html, "<p>Hello **there**</p>\n");
        // Inside a quote the lines have lost their `>`: as before.
        let (html, _) = page("> <div class=WordSection1>\n> **Bold**\n> </div>\n");
        assert!(html.contains("**Bold**"), "{html}");
        // HTML that is not Word's is shown as text, Markdown and all.
        let (html, found) = page("<div class=\"box\">\n**Bold**\n</div>\n");
        assert!(html.contains("&lt;div class=&quot;box&quot;&gt;"), "{html}");
        assert!(html.contains("**Bold**"), "{html}");
        assert!(found.iter().all(|f| f.0 != "word-paste"), "{found:?}");
    }
}
