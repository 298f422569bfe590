//! Bold, italics and line breaks in a block pasted from Word, kept as the page's
//! own: `<p class=MsoNormal>Our new <b>chair</b> starts<br>in May</p>` becomes a
//! paragraph with "chair" in bold and a line break, not text with `<b>` in it.
//!
//! Part of `markdown`, used by the `word` pass when HTML is shown as text (no
//! `allow_html`) and a block is Word's markup apart from these tags. While the
//! block's words are read, each tag is written into them as one character from
//! Unicode's private use area ([`marker`]); [`paragraph`] then makes the nodes.
//! A block that already holds one of those characters is left to the `word`
//! pass as it was.

use comrak::Arena;
use comrak::nodes::{Ast, AstNode, NodeValue, Sourcepos};

const BOLD_OPEN: char = '\u{E000}';
const BOLD_CLOSE: char = '\u{E001}';
const ITALIC_OPEN: char = '\u{E002}';
const ITALIC_CLOSE: char = '\u{E003}';
const BREAK: char = '\u{E004}';

/// What a formatting tag becomes in a block's words: `Some(Some(c))` a marker,
/// `Some(None)` nothing (`<u>`: underlining is for links on the web; Word's
/// bookmarks, `<a name=_Hlk…>` and, when the block has no link (`links` is
/// false), their `</a>`), `None` when `tag` is no formatting tag.
pub(crate) fn marker(tag: &str, links: bool) -> Option<Option<char>> {
    let body = tag.strip_prefix('<')?.strip_suffix('>')?;
    let (closing, body) = match body.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let name = body
        .split(|c: char| c.is_ascii_whitespace() || c == '/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let mark = match (name.as_str(), closing) {
        ("b" | "strong", false) => Some(BOLD_OPEN),
        ("b" | "strong", true) => Some(BOLD_CLOSE),
        ("i" | "em", false) => Some(ITALIC_OPEN),
        ("i" | "em", true) => Some(ITALIC_CLOSE),
        ("br", _) => Some(BREAK),
        ("u", _) => None,
        ("a", false) if !body.to_ascii_lowercase().contains("href") => None,
        ("a", true) if !links => None,
        _ => return None,
    };
    Some(mark)
}

/// The `word-paste` warning for a block whose Word code went but whose `other`
/// HTML (a link, `<sup>`, a table) stays, shown to readers as text.
pub(crate) fn removed_but_other_html(
    file: &std::path::Path,
    (line, col): (usize, usize),
    tag: &str,
    other: &str,
) -> crate::error::Diagnostic {
    let cut = |t: &str| -> String {
        if t.chars().count() > 40 {
            t.chars().take(39).chain(['…']).collect()
        } else {
            t.to_owned()
        }
    };
    crate::error::Diagnostic::warning(
        crate::rules::WORD_PASTE,
        file,
        format!(
            "this line was pasted from Word: plainsite removed Word's code (`{}`), but other HTML here (`{}`) is shown to readers as text, tags and all",
            cut(tag),
            cut(other)
        ),
    )
    .at(line, col.max(1))
    .help("write the line again in Markdown and delete the HTML: a link is `[the words](https://…)`, a heading starts with `##`, a list item with `- `. Pasting from Word into Notepad first leaves the code behind")
}

/// True when `text` holds a character [`marker`] gives, so markers could not be
/// told from the author's own.
pub(crate) fn has_markers(text: &str) -> bool {
    text.contains([BOLD_OPEN, BOLD_CLOSE, ITALIC_OPEN, ITALIC_CLOSE, BREAK])
}

/// A paragraph of `words` (read with markers in it), every node at `at`.
pub(crate) fn paragraph<'a>(arena: &'a Arena<'a>, words: &str, at: Sourcepos) -> &'a AstNode<'a> {
    let node = |value: NodeValue| -> &'a AstNode<'a> {
        arena.alloc(Ast::new_with_sourcepos(value, at).into())
    };
    let paragraph = node(NodeValue::Paragraph);
    let mut open: Vec<(&'a AstNode<'a>, char)> = Vec::new();
    let mut rest = words;
    while !rest.is_empty() {
        let here = open.last().map_or(paragraph, |(n, _)| *n);
        let end = rest
            .find([BOLD_OPEN, BOLD_CLOSE, ITALIC_OPEN, ITALIC_CLOSE, BREAK])
            .unwrap_or(rest.len());
        let mut text = &rest[..end];
        if rest[end..].starts_with(BREAK) {
            text = text.trim_end();
        }
        if here
            .last_child()
            .is_some_and(|n| matches!(n.data().value, NodeValue::LineBreak))
        {
            text = text.trim_start();
        }
        if !text.is_empty() {
            here.append(node(NodeValue::Text(text.to_owned().into())));
        }
        let Some(mark) = rest[end..].chars().next() else {
            break;
        };
        rest = &rest[end + mark.len_utf8()..];
        match mark {
            BOLD_OPEN | ITALIC_OPEN => {
                let value = if mark == BOLD_OPEN {
                    NodeValue::Strong
                } else {
                    NodeValue::Emph
                };
                let inner = node(value);
                here.append(inner);
                open.push((inner, mark));
            }
            BREAK => here.append(node(NodeValue::LineBreak)),
            close => {
                let opened = if close == BOLD_CLOSE {
                    BOLD_OPEN
                } else {
                    ITALIC_OPEN
                };
                // A closing tag with no opening one is dropped.
                if let Some(i) = open.iter().rposition(|(_, m)| *m == opened) {
                    open.truncate(i);
                }
            }
        }
    }
    unwrap_blank(paragraph);
    paragraph
}

/// Bold or italics with no words in them go, and what they held stays.
fn unwrap_blank<'a>(node: &'a AstNode<'a>) {
    let mut child = node.first_child();
    while let Some(c) = child {
        child = c.next_sibling();
        unwrap_blank(c);
        if !matches!(c.data().value, NodeValue::Strong | NodeValue::Emph) || has_words(c) {
            continue;
        }
        while let Some(inner) = c.first_child() {
            c.insert_before(inner);
        }
        c.detach();
    }
}

fn has_words<'a>(node: &'a AstNode<'a>) -> bool {
    node.descendants().any(|n| match &n.data().value {
        NodeValue::Text(t) => !t.trim().is_empty(),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_formatting_tags_have_markers() {
        assert_eq!(marker("<b>", false), Some(Some(BOLD_OPEN)));
        assert_eq!(marker("</STRONG>", false), Some(Some(BOLD_CLOSE)));
        assert_eq!(marker("<i style='mso-x'>", false), Some(Some(ITALIC_OPEN)));
        assert_eq!(marker("<br/>", false), Some(Some(BREAK)));
        assert_eq!(marker("<u>", false), Some(None));
        assert_eq!(marker("<a href=x>", true), None);
        assert_eq!(marker("<bdi>", false), None);
        assert_eq!(marker("<img src=x onerror=y>", false), None);
        // Word's bookmarks go; a link's closing tag stays with its link.
        assert_eq!(marker("<a name=\"_Hlk1\">", false), Some(None));
        assert_eq!(marker("</a>", false), Some(None));
        assert_eq!(marker("</a>", true), None);
    }
}
