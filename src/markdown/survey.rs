//! One walk over a page's tree once its links are resolved: on a print chapter,
//! footnote names and `#fragment` links get the chapter's prefix; footnote ids are
//! reserved; headings and shortcode blocks are listed for the passes that give
//! them ids; and the page's words are counted.
//!
//! Part of `markdown`, called from `Markdown::finish` before ids are handed out.
//! It changes nothing but footnote names and fragment links; the passes that
//! read its lists do the rest. Heading ids must wait until every footnote id is
//! reserved, and shortcode ids until every heading has its id, so the walk lists
//! them rather than giving them ids as it meets them.

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue};

use super::ids::{IdSet, reserve_footnote_id};

/// What the walk found.
#[derive(Default)]
pub(crate) struct Survey<'a> {
    /// Headings, in order.
    pub(crate) headings: Vec<&'a AstNode<'a>>,
    /// Fenced blocks that call a shortcode, in order.
    pub(crate) shortcodes: Vec<&'a AstNode<'a>>,
    /// Words of prose: text outside images (and so outside code), with a letter or digit.
    pub(crate) words: usize,
}

/// Walks the tree under `root` once (see the module docs). `prefix` is the print
/// chapter's id prefix, empty for a page of its own; words are counted only when
/// `count_words` is true (a print chapter has no use for them).
pub(crate) fn survey<'a>(
    root: &'a AstNode<'a>,
    prefix: &str,
    count_words: bool,
    ids: &mut IdSet,
) -> Survey<'a> {
    let mut found = Survey::default();
    let mut images = 0usize;
    for edge in root.traverse() {
        let node = match edge {
            NodeEdge::Start(node) => node,
            NodeEdge::End(node) => {
                if matches!(node.data().value, NodeValue::Image(_)) {
                    images = images.saturating_sub(1);
                }
                continue;
            }
        };
        let mut data = node.data_mut();
        match &mut data.value {
            NodeValue::Text(text) if count_words && images == 0 => {
                found.words += text
                    .split_whitespace()
                    .filter(|w| crate::text::has_alphanumeric(w))
                    .count();
            }
            NodeValue::Image(_) => images += 1,
            NodeValue::Heading(_) => found.headings.push(node),
            NodeValue::CodeBlock(code) if super::shortcodes::is_call(code) => {
                found.shortcodes.push(node);
            }
            NodeValue::Link(link) if !prefix.is_empty() => {
                super::links::prefix_local_fragment(link, prefix);
            }
            value @ (NodeValue::FootnoteDefinition(_) | NodeValue::FootnoteReference(_)) => {
                reserve_footnote_id(value, prefix, ids);
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tests::parse_with;

    const PAGE: &str = "# One two\n\nThree ![four five](x.png) six[^n] and [go](#top).\n\n\
        ```{note}\nbody\n```\n\n```rust\nlet seven;\n```\n\n## Eight — nine\n\n[^n]: Ten.\n";

    #[test]
    fn counts_words_outside_images_and_code() {
        let words = parse_with(PAGE, |root| {
            survey(root, "", true, &mut IdSet::default()).words
        });
        // One two Three six and go Eight nine Ten (the dash is not a word).
        assert_eq!(words, 9);
        let none = parse_with(PAGE, |root| {
            survey(root, "", false, &mut IdSet::default()).words
        });
        assert_eq!(none, 0);
    }

    #[test]
    fn lists_headings_and_shortcodes_and_reserves_footnotes() {
        let (headings, shortcodes, order) = parse_with(PAGE, |root| {
            let mut ids = IdSet::default();
            let found = survey(root, "", true, &mut ids);
            (found.headings.len(), found.shortcodes.len(), ids.order)
        });
        assert_eq!((headings, shortcodes), (2, 1));
        assert_eq!(order, vec!["fnref-n".to_owned(), "fn-n".to_owned()]);
    }

    #[test]
    fn a_print_chapter_prefixes_footnotes_and_fragments() {
        let (order, url) = parse_with(PAGE, |root| {
            let mut ids = IdSet::with_prefix("ch-");
            survey(root, "ch-", false, &mut ids);
            let url = root
                .descendants()
                .find_map(|n| match &n.data().value {
                    NodeValue::Link(link) => Some(link.url.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            (ids.order, url)
        });
        assert_eq!(order, vec!["fnref-ch-n".to_owned(), "fn-ch-n".to_owned()]);
        assert_eq!(url, "#ch-top");
    }
}
