//! HTML comments (`<!-- check with Sam -->`) are the Markdown way to leave a
//! note for the next author, so they are never published: not as text (other
//! HTML is shown as text unless `allow_html: true`) and not in the page's source
//! either, where anyone can read a name or a "check with the family first".
//!
//! Part of `markdown`: the first pass of `Markdown::read`, over the raw HTML that
//! `listing` found, before Word's code is taken out. Word's own comments
//! (`<!--[if gte mso 9]>`) are left for `word::clean`, which reports the paste. A
//! comment that never ends is left as it is, shown like other HTML, and
//! `check::pasted` reports it at its line: taking it out would take out the rest
//! of the page.

use comrak::nodes::{AstNode, NodeValue};

/// Takes the complete comments out of the HTML nodes in `html`; a node left
/// with nothing but spaces (and a paragraph left empty) leaves the tree and
/// the list.
pub(crate) fn drop_notes<'a>(html: &mut Vec<&'a AstNode<'a>>) {
    let mut dropped = false;
    for &node in html.iter() {
        let mut data = node.data_mut();
        let literal = match &mut data.value {
            NodeValue::HtmlBlock(block) => &mut block.literal,
            NodeValue::HtmlInline(literal) => literal,
            _ => continue,
        };
        let Some(left) = without_comments(literal) else {
            continue;
        };
        if !left.trim().is_empty() {
            *literal = left;
            continue;
        }
        drop(data);
        let parent = node.parent();
        node.detach();
        dropped = true;
        if let Some(p) = parent
            .filter(|p| matches!(p.data().value, NodeValue::Paragraph) && p.first_child().is_none())
        {
            p.detach();
        }
    }
    if dropped {
        html.retain(|n| n.parent().is_some());
    }
}

/// `html` without its complete comments, or `None` when it has none. A comment
/// is `<!--` to the next `-->` (or `<!-->` and `<!--->`, which end at once);
/// Word's `<!--[…` is not a note.
fn without_comments(html: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = html;
    let mut found = false;
    while let Some(at) = rest.find("<!--") {
        let after = &rest[at + 4..];
        let end = if after.starts_with('[') {
            None
        } else if after.starts_with('>') {
            Some(1)
        } else if after.starts_with("->") {
            Some(2)
        } else {
            after.find("-->").map(|i| i + 3)
        };
        let Some(end) = end else {
            out.push_str(&rest[..at + 4]);
            rest = after;
            continue;
        };
        out.push_str(&rest[..at]);
        rest = &after[end..];
        found = true;
    }
    out.push_str(rest);
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_out_complete_comments_only() {
        let html = [
            "<!-- note -->\n",
            "a <!-- b --> c <!--d--> e",
            "<!-->x<!--->y",
            "<!--\nmany\nlines\n-->\n<div>",
        ];
        let left: Vec<_> = html.into_iter().map(without_comments).collect();
        assert_eq!(
            left,
            ["\n", "a  c  e", "xy", "\n<div>"].map(|l| Some(l.to_owned()))
        );
        let kept = [
            "<!-- never closed",
            "<!--[if gte mso 9]><xml></xml><![endif]-->",
            "<b>no comment</b>",
        ];
        assert!(kept.into_iter().all(|h| without_comments(h).is_none()));
    }

    proptest::proptest! {
        #[test]
        fn only_ever_takes_characters_out(html in "(<!--|-->|<!-->|[aé <>!\\-\\[\\n]){0,24}") {
            if let Some(left) = without_comments(&html) {
                proptest::prop_assert!(left.len() < html.len(), "{html:?} left {left:?}");
                let mut rest = html.chars();
                proptest::prop_assert!(left.chars().all(|c| rest.any(|r| r == c)), "{html:?} left {left:?}");
            }
        }
    }
}
