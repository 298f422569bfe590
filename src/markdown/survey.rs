//! One walk over a page's tree once its links are resolved: on a print chapter,
//! footnote names and `#fragment` links get the chapter's prefix; footnote ids are
//! reserved; headings and shortcode blocks are listed for the passes that give
//! them ids; the page's words are counted; and the nodes the later passes work
//! on are listed: text for `<abbr>`, text with `\\AA` marks, and the images,
//! tables, callouts, quotes and code blocks those passes replace.
//!
//! Part of `markdown`, called from `Markdown::finish` before ids are handed out.
//! It changes nothing but footnote names and fragment links; the passes that
//! read its lists do the rest. The lists hold for those passes because nothing
//! between this walk and them adds or removes such nodes: shortcodes turn their
//! own blocks (not listed as code) into raw HTML, the checks and the summary
//! only read, and `<abbr>` splits text (the text it adds is handed back to the
//! list of marked text). Heading ids must wait until every footnote id is
//! reserved, and shortcode ids until every heading has its id, so the walk lists
//! them rather than giving them ids as it meets them.

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue};

use super::abbr::excluded_context;
use super::ids::{IdSet, reserve_footnote_id};
use super::passes::Targets;

/// What the walk found.
#[derive(Default)]
pub(crate) struct Survey<'a> {
    /// Headings, in order.
    pub(crate) headings: Vec<&'a AstNode<'a>>,
    /// Fenced blocks that call a shortcode, in order.
    pub(crate) shortcodes: Vec<&'a AstNode<'a>>,
    /// Words of prose: text outside images (and so outside code), with a letter or digit.
    pub(crate) words: usize,
    /// Text outside headings, links, images and code blocks: where `<abbr>`
    /// may go (`abbr::mark_first_uses`).
    pub(crate) prose: Vec<&'a AstNode<'a>>,
    /// Text with a backslash, anywhere: where `\\AA` marks may be.
    pub(crate) marked: Vec<&'a AstNode<'a>>,
    /// What the passes after the checks replace (shortcode blocks are not code).
    pub(crate) targets: Targets<'a>,
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
    // Headings, links, images and code blocks the walk is inside.
    let mut excluded = 0usize;
    for edge in root.traverse() {
        let node = match edge {
            NodeEdge::Start(node) => node,
            NodeEdge::End(node) => {
                let data = node.data();
                if matches!(data.value, NodeValue::Image(_)) {
                    images = images.saturating_sub(1);
                }
                if excluded_context(&data.value) {
                    excluded = excluded.saturating_sub(1);
                }
                continue;
            }
        };
        let mut data = node.data_mut();
        if excluded_context(&data.value) && !std::ptr::eq(node, root) {
            excluded += 1;
        }
        let targets = &mut found.targets;
        match &mut data.value {
            NodeValue::Text(text) => {
                let backslash = if count_words && images == 0 {
                    let (words, backslash) = words_and_backslash(text);
                    found.words += words;
                    backslash
                } else {
                    memchr::memchr(b'\\', text.as_bytes()).is_some()
                };
                if excluded == 0 && !std::ptr::eq(node, root) {
                    found.prose.push(node);
                }
                if backslash {
                    found.marked.push(node);
                }
            }
            NodeValue::Image(_) => {
                images += 1;
                targets.images.push(node);
            }
            NodeValue::Heading(_) => found.headings.push(node),
            NodeValue::CodeBlock(code) if super::shortcodes::is_call(code) => {
                found.shortcodes.push(node);
            }
            NodeValue::CodeBlock(_) => targets.code.push(node),
            NodeValue::Table(_) => targets.tables.push(node),
            NodeValue::Callout(_) => targets.callouts.push(node),
            NodeValue::BlockQuote => targets.quotes.push(node),
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

/// What an ASCII byte is to [`words_in`]; bytes from 128 up start or
/// continue a longer character, which is decoded.
const ASCII_KIND: [u8; 128] = {
    let mut table = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = ALPHANUMERIC;
        } else if matches!(c, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ') {
            table[b] = SPACE;
        }
        b += 1;
    }
    table
};
const OTHER: u8 = 0;
const SPACE: u8 = 1;
const ALPHANUMERIC: u8 = 2;

/// The high bit of each byte of `x` (eight bytes, little-endian) that is
/// ASCII and from `lo` to `hi`; every other bit clear. Adding to the low seven
/// bits of a byte never carries into the next, so each byte is judged alone.
fn bytes_between(x: u64, lo: u8, hi: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low = x & LOW7;
    let from_lo = low + ONES * u64::from(0x80 - lo);
    let past_hi = low + ONES * u64::from(0x7f - hi);
    from_lo & !past_hi & !x & HIGH
}

/// For eight bytes of text that are all ASCII letters, digits and spaces: the
/// high bit of each letter or digit, and of each space. `None` when any byte
/// is something else.
fn plain_bytes(x: u64) -> Option<(u64, u64)> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let letters = bytes_between(x | 0x2020_2020_2020_2020, b'a', b'z');
    let alphanumeric = letters | bytes_between(x, b'0', b'9');
    let spaces = bytes_between(x, b' ', b' ');
    (alphanumeric | spaces == HIGH).then_some((alphanumeric, spaces))
}

/// Words in `text`: runs between white space with a letter or digit, the count
/// `text.split_whitespace().filter(has_alphanumeric)` gives, in one pass over
/// the bytes. Eight bytes of plain words and spaces are counted at once; other
/// bytes one at a time, and only characters past ASCII are decoded.
#[cfg(test)]
fn words_in(text: &str) -> usize {
    words_and_backslash(text).0
}

/// [`words_in`], and whether `text` has a backslash (a `\\AA` mark may be in
/// it), found in the same pass: a backslash is never among the plain bytes
/// read eight at a time, so it is among those read one at a time.
fn words_and_backslash(text: &str) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut backslash = false;
    // True once the run being read has been counted.
    let mut counted = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if let Some(eight) = bytes
            .get(i..i + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
            && let Some((alphanumeric, spaces)) = plain_bytes(u64::from_le_bytes(eight))
        {
            // A word starts at a letter or digit after a space, or at the first
            // byte when the run before it is not counted yet.
            let before = (spaces << 8) | if counted { 0 } else { 0x80 };
            words += (alphanumeric & before).count_ones() as usize;
            counted = alphanumeric >> 63 != 0;
            i += 8;
            continue;
        }
        let kind = match ASCII_KIND.get(usize::from(b)) {
            Some(&kind) => {
                i += 1;
                backslash |= b == b'\\';
                kind
            }
            None => {
                let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                i += c.len_utf8();
                if c.is_whitespace() {
                    SPACE
                } else if c.is_alphanumeric() {
                    ALPHANUMERIC
                } else {
                    OTHER
                }
            }
        };
        if kind == SPACE {
            counted = false;
        } else if kind == ALPHANUMERIC && !counted {
            words += 1;
            counted = true;
        }
    }
    (words, backslash)
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
    fn counts_long_plain_text_eight_bytes_at_a_time() {
        assert_eq!(words_in(&"word ".repeat(20)), 20);
        assert_eq!(words_in(&" a".repeat(9)), 9);
        assert_eq!(words_in("abcdefghijklmnopqrstuvwx"), 1);
        assert_eq!(words_in("abcdefg hijklmnop. q — r"), 4);
        assert_eq!(words_in("        "), 0);
    }

    /// The words of `text` as first counted: split at white space, kept when they
    /// have a letter or digit.
    fn by_splitting(text: &str) -> usize {
        text.split_whitespace()
            .filter(|w| crate::text::has_alphanumeric(w))
            .count()
    }

    proptest::proptest! {
        #[test]
        fn counts_the_words_split_whitespace_gives(
            text in "[aZ9 .,\t\n\u{b}\u{c}\r\u{1c}\u{85}\u{a0}\u{2003}\u{3000}é’—Ⅻ٣]{0,24}"
        ) {
            proptest::prop_assert_eq!(words_in(&text), by_splitting(&text));
        }

        #[test]
        fn finds_a_backslash_wherever_it_is(text in "[aZ9 \\\\.é\t]{0,24}") {
            proptest::prop_assert_eq!(words_and_backslash(&text).1, text.contains('\\'));
        }

        #[test]
        fn counts_plain_runs_eight_bytes_at_a_time_as_one_at_a_time(
            text in "(?:[aZm09 ]{0,14}[.@`{\\[/:é\t\u{a0}]?){0,6}"
        ) {
            proptest::prop_assert_eq!(words_in(&text), by_splitting(&text));
        }
    }

    /// Node lists are the same nodes in the same order.
    fn same<'a>(a: &[&'a AstNode<'a>], b: &[&'a AstNode<'a>]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| std::ptr::eq(*x, *y))
    }

    /// Survey's lists against what a walk of their own found: text outside
    /// excluded nodes (as `<abbr>` collected it), text with a backslash, and
    /// `Targets::find` (whose code blocks include shortcode calls).
    fn lists_as_walks_of_their_own(text: &str) -> Result<(), String> {
        parse_with(text, |root| {
            let found = survey(root, "", true, &mut IdSet::default());
            let prose = crate::markdown::tree::nodes_outside(
                root,
                |v| matches!(v, NodeValue::Text(_)),
                excluded_context,
            );
            let marked = crate::markdown::tree::nodes_where(
                root,
                |v| matches!(v, NodeValue::Text(t) if t.contains('\\')),
            );
            let targets = Targets::find(root);
            let code: Vec<_> = targets
                .code
                .iter()
                .copied()
                .filter(|n| !found.shortcodes.iter().any(|s| std::ptr::eq(*s, *n)))
                .collect();
            let t = &found.targets;
            let checks = [
                ("prose", same(&found.prose, &prose)),
                ("marked", same(&found.marked, &marked)),
                ("images", same(&t.images, &targets.images)),
                ("tables", same(&t.tables, &targets.tables)),
                ("callouts", same(&t.callouts, &targets.callouts)),
                ("quotes", same(&t.quotes, &targets.quotes)),
                ("code", same(&t.code, &code)),
            ];
            match checks.iter().find(|(_, ok)| !ok) {
                Some((what, _)) => Err(format!("{what} differ in {text:?}")),
                None => Ok(()),
            }
        })
    }

    #[test]
    fn lists_what_the_later_passes_would_find() {
        for text in [
            PAGE,
            "",
            "# The \\AA [link \\BB](x) ![alt \\CC](p.png)\n\n> [!NOTE]\n> in *a \\DD* callout\n",
            "> quote\n>\n> -- Someone\n\n| a | b |\n|---|---|\n| `c` | [d](e) |\n\n    indented\n",
        ] {
            lists_as_walks_of_their_own(text).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    proptest::proptest! {
        #[test]
        fn lists_any_page_as_walks_of_their_own(
            text in "([a\\\\*`#>|\\[\\]()!\\- \\n]|```\\{x\\}\\n|```\\n|\\[!NOTE\\]|\\|---\\|){0,40}"
        ) {
            proptest::prop_assert!(lists_as_walks_of_their_own(&text).is_ok(), "{:?}", lists_as_walks_of_their_own(&text));
        }
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
