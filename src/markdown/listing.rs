//! The one walk over a page's tree straight after comrak has parsed it: every
//! node's columns are made to count characters (`columns`), and the nodes the
//! first passes work on are listed, so that they need no walk of their own.
//!
//! Part of `markdown`, called from `Markdown::parse`. It lists paragraphs that
//! may hold abbreviation definitions (`abbr::take_definitions`), text with a
//! `{lang=…}` marker (`lang::mark_passages`), and links and images
//! (`links::resolve_links`), and raw HTML and text with invisible characters
//! (`word::clean`); it changes nothing but the columns. Taking out a
//! definition takes nodes out of the tree, so when one is taken the other two
//! lists are made again from the tree as it is then ([`Listing::relist`]).

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue};

use super::columns::Lines;
use super::tree::nodes_where;

/// What the walk listed, each in document order.
#[derive(Default)]
pub(crate) struct Listing<'a> {
    /// Paragraphs with a `*` in their text, code or math: the only ones a
    /// definition line can be in.
    pub(crate) starred: Vec<&'a AstNode<'a>>,
    /// Text nodes with a `{lang=` marker.
    pub(crate) marked: Vec<&'a AstNode<'a>>,
    /// Links and images.
    pub(crate) links: Vec<&'a AstNode<'a>>,
    /// Raw HTML, blocks and inline, and text with a `<`: what may hold Word's
    /// code (`word::clean`).
    pub(crate) html: Vec<&'a AstNode<'a>>,
    /// Text with an invisible character `word::clean` takes out.
    pub(crate) invisible: Vec<&'a AstNode<'a>>,
}

/// Walks the tree under `root` once, comrak's byte columns turned into
/// character columns of `text` (the text comrak parsed) on the way.
pub(crate) fn walk<'a>(root: &'a AstNode<'a>, text: &str) -> Listing<'a> {
    let mut lines = Lines::new(text);
    let mut listing = Listing::default();
    // Paragraphs met, with whether a star was found in them, and those open.
    let mut paragraphs: Vec<(&'a AstNode<'a>, bool)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for edge in root.traverse() {
        let node = match edge {
            NodeEdge::Start(node) => node,
            NodeEdge::End(node) => {
                if matches!(node.data().value, NodeValue::Paragraph) {
                    open.pop();
                }
                continue;
            }
        };
        let mut data = node.data_mut();
        let pos = &mut data.sourcepos;
        pos.start.column = lines.char_col(pos.start.line, pos.start.column);
        pos.end.column = lines.char_col(pos.end.line, pos.end.column);
        let value = &data.value;
        match value {
            NodeValue::Paragraph => {
                open.push(paragraphs.len());
                paragraphs.push((node, false));
            }
            NodeValue::Link(_) | NodeValue::Image(_) => listing.links.push(node),
            NodeValue::HtmlBlock(block) if super::word::may_be_word(&block.literal) => {
                listing.html.push(node)
            }
            NodeValue::HtmlInline(html) if super::word::may_be_word(html) => {
                listing.html.push(node)
            }
            NodeValue::Text(text) => {
                if super::invisible::may_have_invisible(text) {
                    listing.invisible.push(node);
                }
                if super::word::may_be_word(text) {
                    listing.html.push(node);
                }
            }
            _ => {}
        }
        if !open.is_empty() && super::abbr::has_star_in(value) {
            for &i in &open {
                if let Some(p) = paragraphs.get_mut(i) {
                    p.1 = true;
                }
            }
        }
        if super::lang::is_marked(value) {
            listing.marked.push(node);
        }
    }
    listing.starred = paragraphs
        .into_iter()
        .filter_map(|(node, star)| star.then_some(node))
        .collect();
    listing
}

impl<'a> Listing<'a> {
    /// Lists marked text and links again from the tree under `root`, once
    /// definitions have been taken out of it.
    pub(crate) fn relist(&mut self, root: &'a AstNode<'a>) {
        self.marked = nodes_where(root, super::lang::is_marked);
        self.links = nodes_where(root, |v| {
            matches!(v, NodeValue::Link(_) | NodeValue::Image(_))
        });
    }

    /// Lists the paragraphs with a star, marked text and links again from the
    /// tree under `root`, once nodes have been put in it (Markdown read from
    /// under Word's code).
    pub(crate) fn relist_all(&mut self, root: &'a AstNode<'a>) {
        self.starred = nodes_where(root, |v| matches!(v, NodeValue::Paragraph))
            .into_iter()
            .filter(|p| {
                p.descendants()
                    .any(|n| super::abbr::has_star_in(&n.data().value))
            })
            .collect();
        self.relist(root);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists as each pass made them with a walk of its own.
    fn by_each_pass<'a>(root: &'a AstNode<'a>) -> [Vec<&'a AstNode<'a>>; 3] {
        let starred = nodes_where(root, |v| matches!(v, NodeValue::Paragraph))
            .into_iter()
            .filter(|p| {
                p.descendants()
                    .any(|n| super::super::abbr::has_star_in(&n.data().value))
            })
            .collect();
        let marked = nodes_where(root, super::super::lang::is_marked);
        let links = nodes_where(root, |v| {
            matches!(v, NodeValue::Link(_) | NodeValue::Image(_))
        });
        [starred, marked, links]
    }

    fn positions<'a>(root: &'a AstNode<'a>) -> Vec<comrak::nodes::Sourcepos> {
        root.descendants().map(|n| n.data().sourcepos).collect()
    }

    fn same<'a>(a: &[&'a AstNode<'a>], b: &[&'a AstNode<'a>]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| std::ptr::eq(*x, *y))
    }

    fn check(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let arena = comrak::Arena::new();
        let options = crate::markdown::tests::options();
        let root = comrak::parse_document(&arena, text, options);
        let expected = by_each_pass(root);
        let found = walk(root, text);
        let by_columns_arena = comrak::Arena::new();
        let by_columns = comrak::parse_document(&by_columns_arena, text, options);
        super::super::columns::to_char_columns(by_columns, text);
        proptest::prop_assert_eq!(
            positions(root),
            positions(by_columns),
            "columns in {:?}",
            text
        );
        proptest::prop_assert!(same(&found.starred, &expected[0]), "starred in {text:?}");
        proptest::prop_assert!(same(&found.marked, &expected[1]), "marked in {text:?}");
        proptest::prop_assert!(same(&found.links, &expected[2]), "links in {text:?}");
        // Once definitions are out, the lists are those of the tree left.
        let mut found = found;
        if super::super::abbr::take_definitions(&found.starred).1 {
            found.relist(root);
        }
        let expected = by_each_pass(root);
        proptest::prop_assert!(same(&found.marked, &expected[1]), "marked left in {text:?}");
        proptest::prop_assert!(same(&found.links, &expected[2]), "links left in {text:?}");
        Ok(())
    }

    #[test]
    fn lists_what_each_pass_would_find() {
        for text in [
            "",
            "*[MASH]: Multi-Agency Safeguarding Hub\n",
            "Text *em* and `a*b` [link](x.md) ![pic](p.png)\n\n- item *x*\n",
            "Say [hi]{lang=pl} now.\n\n## Cześć {lang=pl}\n",
            "> quote with *star*\n>\n> and [a](b)\n\n| a | *b* |\n|---|---|\n| [c](d) | e |\n",
            "[^1]: note with *star* {lang=fr}\n\nText[^1].\n",
            "*[A]: [link](x.md) {lang=pl}\nkept [b](y.md) {lang=pl}\n",
        ] {
            check(text).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    proptest::proptest! {
        #[test]
        fn any_page_is_listed_as_each_pass_would_list_it(
            text in "([a*`\\[\\]()!{}=#>|\\- \\n]|lang=pl|\\*\\[A\\]: b|é){0,40}"
        ) {
            check(&text)?;
        }
    }
}
