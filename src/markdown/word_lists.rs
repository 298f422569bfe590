//! Lists (and headings) pasted from Word or Google Docs. Word writes each list item as a paragraph of its own
//! (`<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'>`) whose bullet
//! or number is text between `<![if !supportLists]>` and `<![endif]>`, lined up
//! with non-breaking spaces: kept as words, that is "·      Call the front door".
//! Here such paragraphs become the page's own list items, in bullet or numbered
//! lists by their marker, nested by their level, and the marker goes.
//!
//! Part of `markdown`, used by `word::clean_block` as it reads a block of Word's
//! tags: [`Paragraph::opened_by`] notes a list item's level, [`Marker`] keeps the
//! marker's text out of the words, and [`insert_before`] puts the block's
//! paragraphs and lists in its place.

use comrak::Arena;
use comrak::nodes::{
    Ast, AstNode, ListDelimType, ListType, NodeHeading, NodeList, NodeValue, Sourcepos,
};

use super::word_format;

/// One paragraph of a Word block: its words and, for a list item, its level (1
/// at the top) and marker as written, or, for a heading, its level.
#[derive(Debug, Default)]
pub(crate) struct Paragraph {
    pub(crate) words: String,
    pub(crate) item: Option<(usize, String)>,
    pub(crate) heading: Option<u8>,
    /// The line and column of the tag that opened it, when a tag did.
    pub(crate) at: Option<(usize, usize)>,
}

impl Paragraph {
    /// The paragraph Word's paragraph tag `tag`, at line and column `at`,
    /// opens: a list item when its style or class says so.
    pub(crate) fn opened_by(tag: &str, at: (usize, usize)) -> Paragraph {
        let lower = tag.to_ascii_lowercase();
        let item = (!lower.starts_with("</")
            && (lower.contains("mso-list:l") || lower.contains("msolistparagraph")))
        .then(|| (level_of(&lower), String::new()));
        Paragraph {
            item,
            at: Some(at),
            ..Paragraph::default()
        }
    }

    /// True when nothing has been read into the paragraph yet.
    pub(crate) fn is_empty(&self) -> bool {
        self.words.trim().is_empty()
    }
}

/// The lists and headings of a pasted block written as HTML tags, as Google
/// Docs writes them (`<ul><li><p>…</p></li></ul>`, `<h2>…</h2>`), read into
/// its paragraphs as Word's own list paragraphs are.
#[derive(Debug, Default)]
pub(crate) struct Structure {
    /// The lists open, innermost last: true for a numbered one.
    lists: Vec<bool>,
}

impl Structure {
    /// Reads `tag` (at line and column `at`) into `paragraphs` when it opens
    /// or closes a list, an item or a heading; false (and nothing done) for
    /// any other tag.
    pub(crate) fn tag(
        &mut self,
        (tag, at): (&str, (usize, usize)),
        paragraphs: &mut Vec<Paragraph>,
    ) -> bool {
        let (closing, name) = super::word_table::name_of(tag);
        let heading = match name.as_bytes() {
            [b'h', level @ b'1'..=b'6'] => Some(level - b'0'),
            _ => None,
        };
        let opened = match (name.as_str(), closing) {
            ("ul" | "ol", false) => {
                self.lists.push(name == "ol");
                return true;
            }
            ("ul" | "ol", true) => {
                self.lists.pop();
                Paragraph::default()
            }
            ("li", false) => {
                let numbered = self.lists.last().copied().unwrap_or(false);
                let marker = if numbered { "1." } else { "·" };
                let level = self.lists.len().clamp(1, 9);
                Paragraph {
                    item: Some((level, marker.to_owned())),
                    ..Paragraph::default()
                }
            }
            (_, false) if heading.is_some() => Paragraph {
                heading,
                ..Paragraph::default()
            },
            ("li", true) => Paragraph::default(),
            (_, true) if heading.is_some() => Paragraph::default(),
            _ => return false,
        };
        paragraphs.push(Paragraph {
            at: (!closing).then_some(at),
            ..opened
        });
        true
    }
}

/// The `levelN` of an item's `mso-list` style; 1 without one.
fn level_of(tag: &str) -> usize {
    tag.split("level")
        .nth(1)
        .and_then(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .filter(|&n| (1..=9).contains(&n))
        .unwrap_or(1)
}

/// Whether the text being read is a list item's marker: between Word's
/// `<![if !supportLists]>` and `<![endif]>`.
#[derive(Debug, Default)]
pub(crate) struct Marker(bool);

impl Marker {
    /// Notes a comment or tag; true when it was a marker's start or end.
    pub(crate) fn tag(&mut self, tag: &str) -> bool {
        let lower = tag.to_ascii_lowercase();
        if lower.contains("[if !supportlists]") {
            self.0 = true;
        } else if self.0 && lower.contains("[endif]") {
            self.0 = false;
        } else {
            return false;
        }
        true
    }

    /// True inside a marker.
    pub(crate) fn inside(&self) -> bool {
        self.0
    }
}

/// Numbered when the marker is a number or letter with `.` or `)` (`1.`, `a)`),
/// and then its number; bullets otherwise.
fn numbering(marker: &str) -> Option<(usize, ListDelimType)> {
    let marker = marker.trim_matches(|c: char| c.is_whitespace());
    let (label, delimiter) = match marker.strip_suffix('.') {
        Some(label) => (label, ListDelimType::Period),
        None => (marker.strip_suffix(')')?, ListDelimType::Paren),
    };
    if label.is_empty() || label.len() > 3 || !label.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((label.parse().unwrap_or(1), delimiter))
}

/// Puts `paragraphs` (of the block `node`, at `at`, with its `links`) before
/// it: each with words as a paragraph, and runs of list items as lists.
pub(crate) fn insert_before<'a>(
    arena: &'a Arena<'a>,
    node: &'a AstNode<'a>,
    paragraphs: Vec<Paragraph>,
    at: Sourcepos,
    links: &[word_format::Link],
) {
    let make = |value: NodeValue| -> &'a AstNode<'a> {
        arena.alloc(Ast::new_with_sourcepos(value, at).into())
    };
    // The lists open, innermost last: each with its level and whether numbered.
    let mut open: Vec<(usize, bool, &'a AstNode<'a>)> = Vec::new();
    for mut paragraph in paragraphs {
        super::invisible::remove_invisible(&mut paragraph.words);
        let words = paragraph.words.trim();
        if words.is_empty() {
            continue;
        }
        let at = paragraph
            .at
            .map_or(at, |(l, c)| Sourcepos::from((l, c, l, c)));
        let (words, lang) = super::word_styles::paragraph_language(words);
        let text = word_format::paragraph(arena, words, at, links);
        if !word_format::has_words(text) {
            continue;
        }
        if let Some(level) = paragraph.heading {
            text.data_mut().value = NodeValue::Heading(NodeHeading {
                level,
                setext: false,
                closed: false,
            });
        }
        let Some((level, marker)) = paragraph.item else {
            open.clear();
            node.insert_before(text);
            if let Some(code) = lang {
                let (start, end) = lang_block(code);
                text.insert_before(make(start));
                text.insert_after(make(end));
            }
            continue;
        };
        let numbered = numbering(&marker);
        while open
            .last()
            .is_some_and(|&(l, n, _)| l > level || (l == level && n != numbered.is_some()))
        {
            open.pop();
        }
        if open.last().is_none_or(|&(l, _, _)| l < level) {
            let (start, delimiter) = numbered.unwrap_or((1, ListDelimType::Period));
            let list = NodeList {
                list_type: if numbered.is_some() {
                    ListType::Ordered
                } else {
                    ListType::Bullet
                },
                start,
                delimiter,
                bullet_char: b'-',
                tight: true,
                ..NodeList::default()
            };
            let new = make(NodeValue::List(list));
            match open.last().and_then(|&(_, _, list)| list.last_child()) {
                Some(item) => item.append(new),
                None => node.insert_before(new),
            }
            open.push((level, numbered.is_some(), new));
        }
        if let Some(&(_, _, list)) = open.last() {
            let shape = match &list.data().value {
                NodeValue::List(shape) => *shape,
                _ => continue,
            };
            let item = make(NodeValue::Item(shape));
            item.append(text);
            // Inside the item, so the list keeps only items, as `{lang=…}` does.
            if let Some(code) = lang {
                item.prepend(make(NodeValue::Raw(super::lang::opening_tag("div", code))));
                item.append(make(NodeValue::Raw("</div>".to_owned())));
            }
            list.append(item);
        }
    }
}

/// The raw HTML that opens and closes a block in language `code`.
fn lang_block(code: &str) -> (NodeValue, NodeValue) {
    (
        NodeValue::Raw(super::lang::opening_tag("div", code) + "\n"),
        NodeValue::Raw("</div>\n".to_owned()),
    )
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::with_page;

    /// A list item as Word pastes it: marker `marker` at level `level`.
    fn item(level: usize, marker: &str, words: &str) -> String {
        format!(
            "<p class=MsoListParagraphCxSpMiddle style='text-indent:-18.0pt;mso-list:l0 level{level} lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>{marker}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>{words}<o:p></o:p></p>\n"
        )
    }

    fn page(md: &str) -> (String, usize) {
        let r = with_page(md);
        let found = r
            .diagnostics
            .iter()
            .filter(|d| d.rule == "word-paste")
            .count();
        (r.html.to_string(), found)
    }

    #[test]
    fn word_list_paragraphs_become_lists_without_their_markers() {
        let md = [
            item(1, "·", "Call the front door"),
            item(1, "·", "Write it down"),
            item(1, "3.", "Third"),
            item(1, "4.", "Fourth"),
        ]
        .concat();
        let (html, found) = page(&md);
        assert_eq!(
            html,
            "<ul>\n<li>Call the front door</li>\n<li>Write it down</li>\n</ul>\n<ol start=\"3\">\n<li>Third</li>\n<li>Fourth</li>\n</ol>\n"
        );
        assert_eq!(found, 1);
    }

    #[test]
    fn levels_nest_and_a_plain_paragraph_ends_a_list() {
        let md = [
            item(1, "o", "Top"),
            item(2, "§", "Under it"),
            item(1, "o", "Top again"),
            "<p class=MsoNormal>Between.<o:p></o:p></p>\n".to_owned(),
            item(1, "a)", "After"),
        ]
        .concat();
        let (html, _) = page(&md);
        assert_eq!(
            html,
            "<ul>\n<li>Top\n<ul>\n<li>Under it</li>\n</ul>\n</li>\n<li>Top again</li>\n</ul>\n<p>Between.</p>\n<ol>\n<li>After</li>\n</ol>\n"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_run_of_word_list_paragraphs_renders_as_lists_without_markers(
            items in proptest::collection::vec(
                (0usize..12, "(·|o|§|1\\.|12\\)|a\\)|ii\\.|long\\.|\\*|)", "[a-z ]{0,12}"),
                1..12,
            ),
        ) {
            let md: String = items
                .iter()
                .map(|(level, marker, words)| item(*level, marker, &format!("w{words}")))
                .collect();
            let r = with_page(&md);
            let html = r.html.to_string();
            // Every item's words are on the page, in a list, and no marker's
            // run of non-breaking spaces is.
            proptest::prop_assert_eq!(html.matches("<li>").count(), items.len(), "{}", html);
            proptest::prop_assert!(!html.contains('\u{a0}'), "{}", html);
            proptest::prop_assert!(html.starts_with("<ul>") || html.starts_with("<ol"), "{}", html);
        }
    }

    #[test]
    fn word_headings_become_the_pages_own() {
        let (html, found) = page(
            "<h2 style='mso-outline-level:2'><span lang=EN-GB>What we did</span><o:p></o:p></h2>\n<p class=MsoNormal><span lang=EN-GB>Words.</span></p>\n\n<p class=MsoNormal><h7>not one</h7></p>\n",
        );
        assert!(
            html.starts_with("<h2 id=\"what-we-did\">What we did</h2>\n<p>Words.</p>\n"),
            "{html}"
        );
        // `<h7>` is no heading: shown as text, as other HTML is, and each
        // block of Word's code is told of.
        assert!(html.contains("&lt;h7&gt;"), "{html}");
        assert_eq!(found, 2);
    }

    #[test]
    fn markers_are_told_apart() {
        use super::numbering;
        assert!(numbering("1.").is_some());
        assert!(numbering(" 12) ").is_some());
        assert!(numbering("iv.").is_some());
        for bullet in ["·", "o", "§", "-", "", "1", "long."] {
            assert!(numbering(bullet).is_none(), "{bullet:?}");
        }
    }
}
