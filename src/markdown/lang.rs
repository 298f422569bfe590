//! Passages in another language inside a page: `{lang=pl}` at the end of a
//! paragraph, heading or list item marks the whole block; `[Dzień dobry]{lang=pl}`
//! marks a few words. Each gets `lang` and `dir` (right to left for Urdu, Arabic…),
//! so screen readers switch voice and the text runs the right way.
//!
//! A pass over the text nodes with a marker that the first walk (`listing`)
//! lists, run after abbreviation definitions are out and before content checks. It
//! wraps the block in a `<div lang dir>`, or the words in a `<span lang dir>`, as raw
//! HTML nodes; it never edits text outside the marker, and never touches code.

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

use crate::languages::{default_direction, is_language_tag};

const OPEN: &str = "{lang=";

/// Marks every passage written with a `{lang=…}` marker: `texts` are the
/// page's text nodes that hold one ([`is_marked`]), in order, as the first
/// walk (`listing`) lists them.
pub(crate) fn mark_passages<'a>(arena: &'a Arena<'a>, texts: &[&'a AstNode<'a>]) {
    for &text in texts {
        let last = mark_words(arena, text);
        mark_block(arena, last);
    }
}

/// The opening tag of `element` (`span` for words, `div` for a block) for a
/// passage in language `code`, with the direction its script runs.
pub(crate) fn opening_tag(element: &str, code: &str) -> String {
    let dir = default_direction(code).as_str();
    format!("<{element} lang=\"{code}\" dir=\"{dir}\">")
}

/// True for text that holds `{lang=`.
pub(crate) fn is_marked(value: &NodeValue) -> bool {
    matches!(value, NodeValue::Text(t) if has_marker(t))
}

/// True when `text` holds `{lang=`. Most text has no `{` at all, which one
/// `memchr` finds out, before a search for the whole marker.
fn has_marker(text: &str) -> bool {
    memchr::memchr(b'{', text.as_bytes()).is_some() && text.contains(OPEN)
}

/// `[words]{lang=xx}` inside one text node; returns the last text node left.
fn mark_words<'a>(arena: &'a Arena<'a>, node: &'a AstNode<'a>) -> &'a AstNode<'a> {
    let mut current = node;
    loop {
        let text = match &current.data().value {
            NodeValue::Text(t) => t.to_string(),
            _ => return current,
        };
        let Some((start, words, code, end)) = find_span(&text) else {
            return current;
        };
        current.data_mut().value = NodeValue::Text(text[..start].to_owned().into());
        let open = arena.alloc(NodeValue::Raw(opening_tag("span", code)).into());
        let inner = arena.alloc(NodeValue::Text(words.to_owned().into()).into());
        let close = arena.alloc(NodeValue::Raw("</span>".to_owned()).into());
        let rest = arena.alloc(NodeValue::Text(text[end..].to_owned().into()).into());
        current.insert_after(open);
        open.insert_after(inner);
        inner.insert_after(close);
        close.insert_after(rest);
        current = rest;
    }
}

/// Finds `[words]{lang=code}`: (start, words, code, end) in bytes.
fn find_span(text: &str) -> Option<(usize, &str, &str, usize)> {
    let mut from = 0;
    while let Some(i) = text[from..].find("]{lang=") {
        let close = from + i;
        let start = text[..close].rfind('[');
        let code_start = close + "]{lang=".len();
        let code_end = text[code_start..].find('}').map(|j| code_start + j);
        if let (Some(start), Some(code_end)) = (start, code_end) {
            let code = &text[code_start..code_end];
            let words = &text[start + 1..close];
            if is_language_tag(code) && !words.is_empty() && !words.contains(']') {
                return Some((start, words, code, code_end + 1));
            }
        }
        from = close + 1;
    }
    None
}

/// `… {lang=xx}` ending a paragraph or heading: the marker is removed and the
/// block (or the list item it is the first block of) is wrapped.
fn mark_block<'a>(arena: &'a Arena<'a>, text: &'a AstNode<'a>) {
    let Some(parent) = text.parent() else {
        return;
    };
    if text.next_sibling().is_some()
        || !matches!(
            parent.data().value,
            NodeValue::Paragraph | NodeValue::Heading(_)
        )
    {
        return;
    }
    let literal = match &text.data().value {
        NodeValue::Text(t) => t.to_string(),
        _ => return,
    };
    let trimmed = literal.trim_end();
    let Some(at) = trimmed.rfind(OPEN) else {
        return;
    };
    let Some(code) = trimmed[at + OPEN.len()..].strip_suffix('}') else {
        return;
    };
    if !is_language_tag(code) {
        return;
    }
    let open_tag = opening_tag("div", code);
    text.data_mut().value = NodeValue::Text(literal[..at].trim_end().to_owned().into());
    let block = match parent.parent() {
        Some(item) if matches!(item.data().value, NodeValue::Item(_)) => item,
        _ => parent,
    };
    if matches!(block.data().value, NodeValue::Item(_)) {
        // Inside the item, so the list keeps only `<li>` children.
        let open = arena.alloc(NodeValue::Raw(open_tag).into());
        let close = arena.alloc(NodeValue::Raw("</div>".to_owned()).into());
        block.prepend(open);
        block.append(close);
    } else {
        let open = arena.alloc(NodeValue::Raw(open_tag + "\n").into());
        let close = arena.alloc(NodeValue::Raw("</div>\n".to_owned()).into());
        block.insert_before(open);
        block.insert_after(close);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_marked_words_and_skips_bad_codes() {
        assert_eq!(
            find_span("Say [Dzień dobry]{lang=pl} to her"),
            Some((4, "Dzień dobry", "pl", 27))
        );
        assert_eq!(find_span("[x]{lang=../etc}"), None);
        assert_eq!(find_span("[x]{lang=<script>}"), None);
        assert_eq!(find_span("[]{lang=pl}"), None);
        assert_eq!(find_span("no marker"), None);
    }

    #[test]
    fn a_marker_needs_its_brace() {
        assert!(has_marker("Say [hi]{lang=pl}"));
        assert!(has_marker("{ {lang=ur}"));
        assert!(!has_marker("lang=pl} without its brace"));
        assert!(!has_marker("{lang"));
        assert!(!has_marker(""));
    }
}
