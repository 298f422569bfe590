//! Bold, italics, line breaks and links in a block pasted from Word, kept as the
//! page's own: `<p class=MsoNormal>Our new <b>chair</b> starts<br>in <a
//! href="…">May</a></p>` becomes a paragraph with "chair" in bold, a line break
//! and a link, not text with `<b>` in it.
//!
//! Part of `markdown`, used by the `word` pass when HTML is shown as text (no
//! `allow_html`) and a block is Word's markup apart from these tags. While the
//! block's words are read, each tag is written into them as one character from
//! Unicode's private use areas ([`mark`]); [`paragraph`] then makes the nodes.
//! A link's address and place are kept beside the words ([`Link`]), its marker
//! naming it by number. A block that already holds one of those characters is
//! left to the `word` pass as it was. The links made here are new to the page:
//! the caller lists them again, so they meet the same rules for addresses as
//! the author's own `[words](…)`.

use comrak::Arena;
use comrak::nodes::{Ast, AstNode, NodeLink, NodeValue, Sourcepos};

pub(super) const BOLD_OPEN: char = '\u{E000}';
pub(super) const BOLD_CLOSE: char = '\u{E001}';
pub(super) const ITALIC_OPEN: char = '\u{E002}';
pub(super) const ITALIC_CLOSE: char = '\u{E003}';
const BREAK: char = '\u{E004}';
pub(super) const LINK_CLOSE: char = '\u{E005}';
/// Stands for an opening link in [`marker`]; [`mark`] writes the link's own
/// marker in its place.
const LINK_OPEN: char = '\u{E006}';
/// Opens a passage in another language; its code follows, ended by [`LANG_END`].
pub(super) const LANG_OPEN: char = '\u{E007}';
/// Ends the code after a [`LANG_OPEN`].
pub(super) const LANG_END: char = '\u{E008}';
/// Closes the passage the last [`LANG_OPEN`] opened.
pub(super) const LANG_CLOSE: char = '\u{E009}';
/// Opens a paragraph in another language, as [`LANG_OPEN`] does; it ends with
/// the paragraph, never at a [`LANG_CLOSE`].
pub(super) const PARAGRAPH_LANG: char = '\u{E00A}';
/// The first link of a block is written as this character, the next as the one
/// after it, and so on to [`LAST_LINK`] (one of Unicode's supplementary private
/// use areas).
const FIRST_LINK: u32 = 0xF_0000;
const LAST_LINK: u32 = 0xF_FFFD;

/// A link read from a block: its address as written in `href` (character
/// references decoded), and the place of its opening tag.
pub(crate) struct Link {
    pub(crate) href: String,
    pub(crate) at: Sourcepos,
}

/// The number of the link `c` opens, when it is a link's marker.
pub(super) fn link_number(c: char) -> Option<usize> {
    let c = u32::from(c);
    (FIRST_LINK..=LAST_LINK)
        .contains(&c)
        .then(|| (c - FIRST_LINK) as usize)
}

pub(super) fn is_marker(c: char) -> bool {
    matches!(c, BOLD_OPEN..=PARAGRAPH_LANG) || link_number(c).is_some()
}

/// What a formatting tag at `at` becomes in a block's words: `Some(Some(c))` a
/// marker, `Some(None)` nothing (`<u>`: underlining is for links on the web;
/// Word's bookmarks, `<a name=_Hlk…>` and, when the block has no link (`links`
/// is false), their `</a>`), `None` when `tag` is no formatting tag. An opening
/// link is added to `found`, and its marker names it there.
pub(crate) fn mark(
    tag: &str,
    links: bool,
    at: Sourcepos,
    found: &mut Vec<Link>,
) -> Option<Option<char>> {
    let mark = marker(tag, links)?;
    if mark != Some(LINK_OPEN) {
        return Some(mark);
    }
    // A link to nowhere is no link: its words stay, as a bookmark's do.
    let Some(href) = href(tag) else {
        return Some(None);
    };
    let number = u32::try_from(found.len()).ok()?.checked_add(FIRST_LINK)?;
    let c = char::from_u32(number).filter(|_| number <= LAST_LINK)?;
    found.push(Link { href, at });
    Some(Some(c))
}

/// The value of the `href` attribute of the opening tag `tag`, as a browser
/// reads an address; `None` without one, when it is empty, or when it is a
/// link to one of Word's own bookmarks (`#_Toc…`, `#_ftn1`: its contents list
/// and footnotes), which do not come with the words.
fn href(tag: &str) -> Option<String> {
    let decoded = super::scripts::address(attribute(tag, "href")?);
    (!decoded.is_empty() && !decoded.starts_with("#_")).then_some(decoded)
}

/// The value of attribute `wanted` of the opening tag `tag`, as written.
pub(super) fn attribute<'t>(tag: &'t str, wanted: &str) -> Option<&'t str> {
    let body = tag.strip_prefix('<')?.strip_suffix('>')?;
    let mut found = None;
    super::scripts::read_attributes(body, |name, value| {
        if found.is_none() && name.eq_ignore_ascii_case(wanted) {
            found = Some(value);
        }
    });
    found
}

/// A formatting tag left inline in a paragraph that had Word's code, as
/// `word_inline` makes it the page's own.
pub(crate) enum InlineTag {
    /// Opens bold, italics or a link: the node to make, and the kind it is.
    Open(char, NodeValue),
    /// Closes the kind opened with this.
    Close(char),
    /// A line break.
    Break,
    /// Goes, its words kept (`<u>`, a bookmark, a link to nowhere).
    Drop,
    /// No formatting tag.
    Other,
}

/// True when inline HTML `html` is no tag but the marker [`SpanStyles`] left
/// for a Word span's bold or italics: it goes once the tags are paired.
pub(crate) fn is_span_marker(html: &str) -> bool {
    html.starts_with([LANG_OPEN, PARAGRAPH_LANG])
        || html.parse::<char>().is_ok_and(|c| {
            matches!(
                c,
                BOLD_OPEN | BOLD_CLOSE | ITALIC_OPEN | ITALIC_CLOSE | LANG_CLOSE
            )
        })
}

/// The kind of link an [`InlineTag::Open`] opens.
pub(crate) const LINK: char = LINK_OPEN;
/// The kind of passage in another language an [`InlineTag::Open`] opens.
pub(crate) const LANG: char = LANG_OPEN;

/// What the tag `tag`, met inline, is: an HTML tag, or the marker a Word
/// span's bold or italics left in its place ([`is_span_marker`]).
pub(crate) fn inline_tag(tag: &str) -> InlineTag {
    // A span's language: its words stay where they are, between the tags of
    // `<span lang dir>` (a paragraph's has no end inline, and goes).
    if let Some(code) = tag
        .strip_prefix(LANG_OPEN)
        .and_then(|t| t.strip_suffix(LANG_END))
    {
        return match crate::languages::is_language_tag(code) {
            true => InlineTag::Open(
                LANG_OPEN,
                NodeValue::Raw(super::lang::opening_tag("span", code)),
            ),
            false => InlineTag::Drop,
        };
    }
    if tag.starts_with(PARAGRAPH_LANG) {
        return InlineTag::Drop;
    }
    let mark = match tag.parse::<char>() {
        Ok(mark) => Some(Some(mark)),
        Err(_) => marker(tag, true),
    };
    match mark {
        None => InlineTag::Other,
        Some(None) => InlineTag::Drop,
        Some(Some(BOLD_OPEN)) => InlineTag::Open(BOLD_OPEN, NodeValue::Strong),
        Some(Some(ITALIC_OPEN)) => InlineTag::Open(ITALIC_OPEN, NodeValue::Emph),
        Some(Some(LINK_OPEN)) => match href(tag) {
            Some(url) => InlineTag::Open(
                LINK_OPEN,
                NodeValue::Link(Box::new(NodeLink {
                    url,
                    title: String::new(),
                })),
            ),
            None => InlineTag::Drop,
        },
        Some(Some(BOLD_CLOSE)) => InlineTag::Close(BOLD_OPEN),
        Some(Some(ITALIC_CLOSE)) => InlineTag::Close(ITALIC_OPEN),
        Some(Some(LINK_CLOSE)) => InlineTag::Close(LINK_OPEN),
        Some(Some(LANG_CLOSE)) => InlineTag::Close(LANG_OPEN),
        Some(Some(BREAK)) => InlineTag::Break,
        Some(Some(_)) => InlineTag::Other,
    }
}

/// What a formatting tag becomes, as [`mark`] says, with [`LINK_OPEN`] for any
/// opening link.
fn marker(tag: &str, links: bool) -> Option<Option<char>> {
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
        ("a", false) => Some(LINK_OPEN),
        ("a", true) if !links => None,
        ("a", true) => Some(LINK_CLOSE),
        _ => return None,
    };
    Some(mark)
}

/// The `word-paste` warning for a paragraph or block whose Word code (its
/// first tag `tag`) went, at `line` and `col`.
pub(crate) fn removed(
    file: &std::path::Path,
    line: usize,
    col: usize,
    tag: &str,
) -> crate::error::Diagnostic {
    crate::error::Diagnostic::warning(
        crate::rules::WORD_PASTE,
        file,
        format!("this line had formatting code pasted from Word or Google Docs (`{}`); plainsite removed it and kept the words", cut(tag)),
    )
    .at(line, col.max(1))
    .help("check that the page reads as you meant, then delete the code here to stop this warning. Pasting from Word into Notepad first leaves the code behind; make headings with `##`, lists with `- ` and bold with `**two asterisks**`")
}

/// `tag` as a warning shows it: cut at 40 characters.
fn cut(tag: &str) -> String {
    if tag.chars().count() > 40 {
        tag.chars().take(39).chain(['…']).collect()
    } else {
        tag.to_owned()
    }
}

/// The `word-paste` warning for a block whose Word code went but whose `other`
/// HTML (a link, `<sup>`, a table) stays, shown to readers as text.
pub(crate) fn removed_but_other_html(
    file: &std::path::Path,
    (line, col): (usize, usize),
    tag: &str,
    other: &str,
) -> crate::error::Diagnostic {
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

/// True when `text` holds a character [`mark`] gives, so markers could not be
/// told from the author's own.
pub(crate) fn has_markers(text: &str) -> bool {
    text.contains(is_marker)
}

/// A paragraph of `words` (read with markers in it, its links' in `links`),
/// every node at `at` but the links, each at its own place.
pub(crate) fn paragraph<'a>(
    arena: &'a Arena<'a>,
    words: &str,
    at: Sourcepos,
    links: &[Link],
) -> &'a AstNode<'a> {
    let node = |value: NodeValue| -> &'a AstNode<'a> {
        arena.alloc(Ast::new_with_sourcepos(value, at).into())
    };
    let paragraph = node(NodeValue::Paragraph);
    let mut open: Vec<(&'a AstNode<'a>, char)> = Vec::new();
    let mut rest = words;
    while !rest.is_empty() {
        let here = open.last().map_or(paragraph, |(n, _)| *n);
        let end = rest.find(is_marker).unwrap_or(rest.len());
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
            // Bold inside bold is bold once; its end closes nothing yet.
            BOLD_OPEN | ITALIC_OPEN if open.iter().any(|&(_, m)| m == mark) => {
                open.push((here, mark));
            }
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
            LANG_OPEN | PARAGRAPH_LANG => {
                let end = rest.find(LANG_END).unwrap_or(0);
                let code = &rest[..end];
                rest = rest.get(end + LANG_END.len_utf8()..).unwrap_or("");
                if crate::languages::is_language_tag(code) {
                    here.append(node(NodeValue::Raw(super::lang::opening_tag("span", code))));
                    open.push((here, mark));
                }
            }
            opening if link_number(opening).is_some() => {
                // A link inside a link closes the first, as a browser reads it.
                if let Some(i) = open.iter().rposition(|(_, m)| *m == LINK_OPEN) {
                    close_from(&mut open, i, &node);
                }
                let Some(link) = link_number(opening).and_then(|n| links.get(n)) else {
                    continue;
                };
                let value = NodeValue::Link(Box::new(NodeLink {
                    url: link.href.clone(),
                    title: String::new(),
                }));
                let inner: &'a AstNode<'a> =
                    arena.alloc(Ast::new_with_sourcepos(value, link.at).into());
                open.last().map_or(paragraph, |(n, _)| *n).append(inner);
                open.push((inner, LINK_OPEN));
            }
            close => {
                let opened = match close {
                    BOLD_CLOSE => BOLD_OPEN,
                    LINK_CLOSE => LINK_OPEN,
                    LANG_CLOSE => LANG_OPEN,
                    _ => ITALIC_OPEN,
                };
                // A closing tag with no opening one is dropped.
                if let Some(i) = open.iter().rposition(|(_, m)| *m == opened) {
                    close_from(&mut open, i, &node);
                }
            }
        }
    }
    close_from(&mut open, 0, &node);
    unwrap_blank(paragraph);
    paragraph
}

/// Closes what `open` holds from its `from`th entry on, innermost first: a
/// passage in another language gets its `</span>` after the last of its words
/// (or goes, with none), the rest end where their nodes do.
fn close_from<'a>(
    open: &mut Vec<(&'a AstNode<'a>, char)>,
    from: usize,
    node: &dyn Fn(NodeValue) -> &'a AstNode<'a>,
) {
    while open.len() > from {
        let Some((container, mark)) = open.pop() else {
            break;
        };
        if !matches!(mark, LANG_OPEN | PARAGRAPH_LANG) {
            continue;
        }
        match container.last_child() {
            Some(last) if matches!(&last.data().value, NodeValue::Raw(r) if r.starts_with("<span lang=")) =>
            {
                last.detach();
            }
            _ => container.append(node(NodeValue::Raw("</span>".to_owned()))),
        }
    }
}

/// Bold, italics or links with no words in them go, and what they held stays
/// (a link with no words would have no name for a screen reader to say).
fn unwrap_blank<'a>(node: &'a AstNode<'a>) {
    let mut child = node.first_child();
    while let Some(c) = child {
        child = c.next_sibling();
        unwrap_blank(c);
        let formatting = matches!(
            c.data().value,
            NodeValue::Strong | NodeValue::Emph | NodeValue::Link(_)
        );
        if !formatting || has_words(c) {
            continue;
        }
        while let Some(inner) = c.first_child() {
            c.insert_before(inner);
        }
        c.detach();
    }
}

/// True when `node` holds something to read: words, code or an image.
pub(crate) fn has_words<'a>(node: &'a AstNode<'a>) -> bool {
    node.descendants().any(|n| match &n.data().value {
        NodeValue::Text(t) => !t.trim().is_empty(),
        NodeValue::Code(_) | NodeValue::Image(_) => true,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_links_address_is_read_from_its_href() {
        for (tag, want) in [
            (
                "<a href=\"https://x/?a=1&amp;b=2\">",
                Some("https://x/?a=1&b=2"),
            ),
            ("<a\ttitle='h=no' HREF = '/p/' >", Some("/p/")),
            ("<a target=_blank href=/q/>", Some("/q/")),
            ("<a href=\" /r/ \">", Some("/r/")),
            ("<a href=\"\">", None),
            ("<a href>", None),
            ("<a href=\"#_Toc123\">", None),
            ("<a href=\"#_ftn1\" name=\"_ftnref1\">", None),
            ("<a href=\"#top\">", Some("#top")),
            ("<a name=\"_Hlk1\">", None),
            ("<a data-href=/s/>", None),
            ("<a href=\"/never-closed>", Some("/never-closed")),
        ] {
            assert_eq!(href(tag).as_deref(), want, "{tag}");
        }
    }

    proptest::proptest! {
        #[test]
        fn reading_any_tag_for_its_address_or_style_ends_without_panic(
            tag in "<[aA]?[ =/'\"a-zé:;-]{0,30}>?",
        ) {
            let _ = href(&tag);
            let mut out = String::new();
            crate::markdown::word_styles::SpanStyles::marking_languages("en").tag(&tag, &mut out);
            let mut found = Vec::new();
            let _ = mark(&tag, true, Sourcepos::from((1, 1, 1, 1)), &mut found);
        }
    }

    #[test]
    fn only_formatting_tags_have_markers() {
        assert_eq!(marker("<b>", false), Some(Some(BOLD_OPEN)));
        assert_eq!(marker("</STRONG>", false), Some(Some(BOLD_CLOSE)));
        assert_eq!(marker("<i style='mso-x'>", false), Some(Some(ITALIC_OPEN)));
        assert_eq!(marker("<br/>", false), Some(Some(BREAK)));
        assert_eq!(marker("<u>", false), Some(None));
        assert_eq!(marker("<a href=x>", true), Some(Some(LINK_OPEN)));
        assert_eq!(marker("<bdi>", false), None);
        assert_eq!(marker("<img src=x onerror=y>", false), None);
        // Word's bookmarks go; a link's closing tag stays with its link.
        assert_eq!(marker("<a name=\"_Hlk1\">", false), Some(None));
        assert_eq!(marker("</a>", false), Some(None));
        assert_eq!(marker("</a>", true), Some(Some(LINK_CLOSE)));
    }
}
