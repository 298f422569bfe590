//! Word's leftovers taken out of a page's tree: its formatting code, and the
//! invisible characters pasted text carries.
//!
//! Part of `markdown`, run by `Markdown::read` straight after the parse, on the
//! nodes `listing` found, so that everything after it (the summary, the word
//! count, the content checks, `<abbr>`) reads the words the author meant.
//!
//! - Word's own tags (see `word_tags`) are dropped and their words kept: a
//!   paragraph's inline `<span style="mso-…">Hi</span><o:p></o:p>` becomes `Hi`
//!   (and the bold, italics and links among its tags its own: `word_inline`),
//!   and an HTML block that is nothing but Word's markup and words
//!   (`<p class=MsoNormal>…</p>`) becomes paragraphs of its words, its bold,
//!   italics, line breaks and links kept (`word_format`), its list paragraphs as
//!   lists (`word_lists`); a table of Word's becomes the page's own table
//!   (`word_table`). Other HTML is
//!   left as it was: shown as text without `allow_html` (so an author sees what
//!   did not work, as the `raw-html` rule says), passed through with it. Each
//!   paragraph or block that had Word's code gets one `word-paste` warning at
//!   its line, saying the code was removed, so the author looks at the result.
//! - A zero-width space (U+200B), a word joiner (U+2060) and a zero-width
//!   no-break space (U+FEFF, a byte-order mark inside the text) are taken out of
//!   text silently: they show nothing, only split or join words where no one
//!   meant to, and stop search finding a word. A zero-width space next to Thai,
//!   Lao, Tibetan, Myanmar or Khmer letters is kept: those scripts use it to
//!   mark where a line may break. The zero-width joiner and non-joiner (U+200D,
//!   U+200C) are never touched: Persian, Urdu, the Indian scripts and emoji
//!   need them.
//!
//! It must not touch code (text nodes only; code spans and blocks are not text).
//! Loading gives the words of a page's front matter (title, description, topics)
//! the same cleaning through `invisible::remove_invisible`.

use std::path::Path;

use comrak::Arena;
use comrak::nodes::{Ast, AstNode, NodeValue, Sourcepos};
use rustc_hash::FxHashMap;

use super::word_lists::{self, Marker, Paragraph};
use super::word_tags::{Judge, Piece, WordTag, decode_text, pieces, strip_office_tags};
use super::{word_format, word_inline, word_styles::SpanStyles, word_table};
use crate::error::Diagnostic;

/// True when a piece of raw HTML, or text, may hold Word's code (a cheap test
/// the listing walk makes before listing a node): Office's `<o:p>` is text to
/// Markdown.
pub(crate) fn may_be_word(html: &str) -> bool {
    memchr::memchr(b'<', html.as_bytes()).is_some()
}

/// Takes Word's code out of the HTML nodes in `html` and the invisible
/// characters out of the text nodes in `texts` (both as `listing` found them),
/// pushing a warning for each paragraph or block that had Word's code. A
/// block of Word's tags only is offered to `read_again` first, which puts
/// what it makes of the block in its place and says true, or leaves it
/// (`word_markdown`); true when any was, or a block's links became the page's
/// own: the page then has nodes `listing` did not list.
pub(crate) fn clean<'a>(
    arena: &'a Arena<'a>,
    (html, texts): (&[&'a AstNode<'a>], &[&'a AstNode<'a>]),
    (strict, read_again): (bool, &mut dyn FnMut(&'a AstNode<'a>) -> bool),
    (file, source, lang): (&Path, &str, &str),
    out: &mut Vec<Diagnostic>,
) -> bool {
    super::invisible::strip_invisible_in(texts);
    let mut inline = Inline {
        lang: lang.to_owned(),
        ..Inline::default()
    };
    // One judge for the page's blocks: Word's `<div class=WordSection1>` and
    // its `</div>` are blocks of their own, pages apart.
    let mut blocks = Judge::new(strict);
    let mut any_read = false;
    // Paragraphs read again as blocks: their nodes are no longer the page's.
    let mut promoted: Vec<&'a AstNode<'a>> = Vec::new();
    for &node in html {
        if !promoted.is_empty()
            && node
                .ancestors()
                .any(|a| promoted.iter().any(|p| std::ptr::eq(*p, a)))
        {
            continue;
        }
        let node = match strict.then(|| word_inline::pasted_as_block(arena, node, source)) {
            Some(Some((paragraph, block))) => {
                promoted.push(paragraph);
                block
            }
            _ => node,
        };
        let is_block = matches!(node.data().value, NodeValue::HtmlBlock(_));
        if is_block {
            any_read |= clean_block(
                arena,
                node,
                (&mut blocks, strict, &mut *read_again),
                (file, lang),
                out,
            );
        } else {
            inline.node(arena, node, strict, file, out);
        }
    }
    // A block made of a paragraph is new to the page, whatever became of it.
    any_read | !promoted.is_empty() | inline.finish(arena, strict)
}

/// The inline HTML of one paragraph (or heading, or table cell) after another.
#[derive(Default)]
struct Inline<'a> {
    /// Each container met (a paragraph, heading, cell, emphasis …), by its
    /// address: the judge of its tags, whether it has been reported, and the
    /// bold and italics of its Word spans still open.
    containers: FxHashMap<usize, (Judge, bool, SpanStyles)>,
    /// Containers some of whose nodes were removed: emptied ones go too.
    touched: Vec<&'a AstNode<'a>>,
    /// The page's language: a Word span in another is marked.
    lang: String,
}

impl<'a> Inline<'a> {
    fn node(
        &mut self,
        arena: &'a Arena<'a>,
        node: &'a AstNode<'a>,
        strict: bool,
        file: &Path,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(parent) = node.parent() else { return };
        let (judge, reported, styles) = self
            .containers
            .entry(std::ptr::from_ref(parent) as usize)
            .or_insert_with(|| {
                (
                    Judge::new(strict),
                    false,
                    SpanStyles::marking_languages(&self.lang),
                )
            });
        let mut data = node.data_mut();
        let pos = data.sourcepos;
        let removed_tag = match &mut data.value {
            NodeValue::HtmlInline(html) => {
                let word = pieces(html).into_iter().any(|piece| match piece {
                    Piece::Tag(tag) => judge.judge(tag) != WordTag::Keep,
                    Piece::Text(_) => false,
                });
                if !word {
                    return;
                }
                let tag = html.clone();
                drop(data);
                // A Word span's bold and italics stay, as markers that
                // `word_inline` pairs (Google Docs writes bold so).
                if strict {
                    let mut marks = String::new();
                    for piece in pieces(&tag) {
                        if let Piece::Tag(t) = piece {
                            styles.tag(t, &mut marks);
                        }
                    }
                    for mark in super::word_styles::each_marker(&marks) {
                        let value = NodeValue::HtmlInline(mark.to_owned());
                        node.insert_before(arena.alloc(Ast::new_with_sourcepos(value, pos).into()));
                    }
                }
                node.detach();
                tag
            }
            // Office's namespaced tags (`<o:p>`) are no HTML to Markdown, so
            // comrak leaves them in the text.
            NodeValue::Text(text) => {
                let Some((stripped, tag)) = strip_office_tags(text) else {
                    return;
                };
                *text = stripped.into();
                tag
            }
            _ => return,
        };
        if !*reported {
            *reported = true;
            out.push(word_format::removed(
                file,
                pos.start.line,
                pos.start.column,
                &removed_tag,
            ));
        }
        self.touched.push(parent);
    }

    /// Makes the formatting tags left in each container the page's own when
    /// HTML is shown as text (`strict`), and removes paragraphs left with
    /// nothing to read in them (Word's empty paragraph is
    /// `<o:p>&nbsp;</o:p>`). True when a link was made.
    fn finish(self, arena: &'a Arena<'a>, strict: bool) -> bool {
        let mut made_link = false;
        let mut paired = rustc_hash::FxHashSet::default();
        for container in self.touched {
            if strict && paired.insert(std::ptr::from_ref(container) as usize) {
                made_link |= super::word_inline::pair_tags(arena, container);
            }
            let blank = container.children().all(|child| match &child.data().value {
                NodeValue::Text(text) => text.chars().all(char::is_whitespace),
                NodeValue::SoftBreak | NodeValue::LineBreak => true,
                _ => false,
            });
            if blank && matches!(container.data().value, NodeValue::Paragraph) {
                container.detach();
            }
        }
        made_link
    }
}

/// Cleans one HTML block: with only Word's tags, it becomes paragraphs of its
/// words; with other tags too, Word's are taken out and the rest kept. When
/// HTML is shown as text (`strict`), bold, italics and line breaks count as
/// Word's too, and stay as the page's own (see `word_format`).
fn clean_block<'a>(
    arena: &'a Arena<'a>,
    node: &'a AstNode<'a>,
    (judge, strict, read_again): (&mut Judge, bool, &mut dyn FnMut(&'a AstNode<'a>) -> bool),
    (file, lang): (&Path, &str),
    out: &mut Vec<Diagnostic>,
) -> bool {
    let (literal, pos) = {
        let data = node.data();
        let NodeValue::HtmlBlock(block) = &data.value else {
            return false;
        };
        (block.literal.clone(), data.sourcepos)
    };
    let formats = strict && !word_format::has_markers(&literal);
    let links = literal.to_ascii_lowercase().contains("href");
    let mut first_other: Option<&str> = None;
    let mut kept = String::with_capacity(literal.len());
    let mut paragraphs = vec![Paragraph::default()];
    let mut marker = Marker::default();
    let mut other_tags = false;
    let mut first_word: Option<(usize, &str)> = None;
    let mut found_links = Vec::new();
    let mut styles = SpanStyles::marking_languages(lang);
    let mut structure = word_lists::Structure::default();
    let mut offset = 0;
    // The line and column of the piece being read.
    let mut here = (pos.start.line, pos.start.column);
    for piece in pieces(&literal) {
        match piece {
            Piece::Text(text) => {
                kept.push_str(text);
                if let Some(last) = paragraphs.last_mut() {
                    match &mut last.item {
                        Some((_, written)) if marker.inside() => decode_text(text, written),
                        _ if marker.inside() => {}
                        _ => decode_text(text, &mut last.words),
                    }
                }
            }
            Piece::Tag(tag) => match judge.judge(tag) {
                WordTag::Keep if formats && structure.tag((tag, here), &mut paragraphs) => {
                    kept.push_str(tag);
                    if let Some(last) = paragraphs.last_mut() {
                        styles.tag(tag, &mut last.words);
                    }
                }
                WordTag::Keep => {
                    kept.push_str(tag);
                    let (line, col) = here;
                    let at = Sourcepos::from((line, col, line, col));
                    let mark = match formats {
                        true => word_format::mark(tag, links, at, &mut found_links),
                        false => None,
                    };
                    match mark {
                        Some(Some(mark)) => {
                            if let Some(last) = paragraphs.last_mut() {
                                decode_text(mark.encode_utf8(&mut [0; 4]), &mut last.words);
                            }
                        }
                        Some(None) => {}
                        None => {
                            other_tags = true;
                            first_other.get_or_insert(tag);
                        }
                    }
                }
                kind => {
                    first_word.get_or_insert((offset, tag));
                    marker.tag(tag);
                    // A list item's own paragraph (Google Docs writes
                    // `<li><p>`) is the item's.
                    let opens_item = !tag.starts_with("</")
                        && paragraphs
                            .last()
                            .is_some_and(|p| p.item.is_some() && p.is_empty());
                    if kind == WordTag::Paragraph && !opens_item {
                        paragraphs.push(Paragraph::opened_by(tag, here));
                    }
                    if formats && let Some(last) = paragraphs.last_mut() {
                        styles.tag(tag, &mut last.words);
                    }
                }
            },
        }
        let (Piece::Text(t) | Piece::Tag(t)) = piece;
        offset += t.len();
        here = word_table::place(t, t.len(), here);
    }
    // A table of Word's is made the page's own table.
    if first_other.is_some()
        && let Some((found, links)) = word_table::read_table(arena, node, (strict, lang), file)
    {
        out.push(found);
        return links;
    }
    let Some((at, tag)) = first_word else {
        return false;
    };
    let (line, col) = word_table::place(&literal, at, (pos.start.line, pos.start.column));
    out.push(match first_other {
        Some(other) => word_format::removed_but_other_html(file, (line, col), tag, other),
        None => word_format::removed(file, line, col, tag),
    });
    if other_tags {
        if let NodeValue::HtmlBlock(block) = &mut node.data_mut().value {
            block.literal = kept;
        }
        return false;
    }
    if read_again(node) {
        return true;
    }
    let at = Sourcepos::from((
        pos.start.line,
        pos.start.column,
        pos.start.line,
        pos.start.column,
    ));
    // Made after `listing`, so the invisible characters are taken out there;
    // its links are new to the page, and the caller lists them.
    word_lists::insert_before(arena, node, paragraphs, at, &found_links);
    node.detach();
    !found_links.is_empty()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use crate::markdown::tests::{FakeResolver, with_page};
    use crate::markdown::{Input, Markdown, MarkdownOptions};

    /// The page's HTML and its `word-paste` findings as (line, col, message).
    fn cleaned(md: &str) -> (String, Vec<(usize, usize, String)>) {
        let r = with_page(md);
        let found = r
            .diagnostics
            .iter()
            .filter(|d| d.rule == "word-paste")
            .map(|d| (d.line.unwrap_or(0), d.col.unwrap_or(0), d.message.clone()))
            .collect();
        (r.html.to_string(), found)
    }

    #[test]
    fn word_tags_in_a_paragraph_go_and_their_words_stay() {
        let (html, found) = cleaned("Intro.\n\n<span style=\"mso-x\">Hi</span><o:p></o:p>\n");
        assert_eq!(html, "<p>Intro.</p>\n<p>Hi</p>\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (3, 1));
        assert!(found[0].2.contains("`<span style=\"mso-x\">`"), "{found:?}");
        assert!(
            found[0].2.contains("removed it and kept the words"),
            "{found:?}"
        );
        let (html, found) =
            cleaned("<span style=\"mso-x\">a *b<o:p></o:p>* c</span>\n\n<o:p>&nbsp;</o:p>\n");
        assert_eq!(html, "<p>a <em>b</em> c</p>\n");
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[test]
    fn a_word_block_becomes_paragraphs_of_its_words() {
        let md = "<div class=WordSection1>\n\n<p class=MsoNormal>Bring <span lang=EN-GB style='mso-bidi-font-size:11pt'>your\nletter</span>&nbsp;&amp; a photo.<o:p></o:p></p>\n<p class=MsoNormal><font face=Arial>Thank you.</font></p>\n\n<!--[if gte mso 9]><xml>\n<w:WordDocument></w:WordDocument>\n</xml><![endif]-->\n\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n\n</div>\n\nAfter.\n";
        let (html, found) = cleaned(md);
        assert_eq!(
            html,
            "<p>Bring your letter\u{a0}&amp; a photo.</p>\n<p>Thank you.</p>\n<p>After.</p>\n"
        );
        let at: Vec<_> = found.iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(at, vec![(1, 1), (3, 1), (7, 1), (11, 1), (13, 1)]);
    }

    #[test]
    fn bold_italics_and_line_breaks_in_a_word_block_stay_as_the_pages_own() {
        let (html, found) = cleaned(
            "<p class=\"MsoNormal\">Our new <b style='mso-bidi-font-weight:normal'>chair</b> starts <i>in</i><br>\nJanuary.<o:p></o:p></p>\n",
        );
        assert_eq!(
            html,
            "<p>Our new <strong>chair</strong> starts <em>in</em><br />\nJanuary.</p>\n"
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let r = with_page("<p class=MsoNormal>Our new <b>chair</b>.<o:p></o:p></p>\n");
        let rules: Vec<_> = r.diagnostics.iter().map(|d| d.rule).collect();
        assert!(!rules.contains(&"raw-html"), "{rules:?}");
        // Empty or unmatched tags leave the words alone; underlining goes.
        let (html, _) = cleaned("<p class=MsoNormal><b><o:p></o:p></b>A </i><u>B</u><b>C\n\nD\n");
        assert_eq!(html, "<p>A B<strong>C</strong></p>\n<p>D</p>\n");
        // Word's bookmarks go with its code.
        let (html, found) = cleaned(
            "<p class=MsoNormal><a name=\"_Hlk12345\"></a>Bookmarked <b>text</b><o:p></o:p></p>\n",
        );
        assert_eq!(html, "<p>Bookmarked <strong>text</strong></p>\n");
        assert_eq!(found.len(), 1, "{found:?}");
        // Other HTML stays HTML shown as text, and the warning says so.
        let (html, found) =
            cleaned("<p class=MsoNormal>Read <b>this</b> H<sub>2</sub>O<o:p></o:p></p>\n");
        assert!(html.contains("&lt;sub&gt;"), "{html}");
        assert!(
            found[0].2.contains("is shown to readers as text"),
            "{found:?}"
        );
        // A block with the markers' own characters is not read for formatting.
        let (html, _) = cleaned("<p class=MsoNormal>\u{e000}<b>x</b></p>\n");
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"), "{html}");
    }

    #[test]
    fn other_html_keeps_its_handling() {
        let r = with_page(
            "A <b>bold</b> word.\n\n<p class=MsoNormal><b>x</b> <span class=note>z</span></p>\n",
        );
        assert!(
            r.html.contains("A &lt;b&gt;bold&lt;/b&gt; word."),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("&lt;span class=note&gt;z&lt;/span&gt;"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("MsoNormal"), "{}", r.html);
        let rules: Vec<_> = r.diagnostics.iter().map(|d| (d.rule, d.line)).collect();
        assert!(rules.contains(&("raw-html", Some(1))), "{rules:?}");
        assert!(rules.contains(&("word-paste", Some(3))), "{rules:?}");
        let (html, found) = cleaned("Meet at <12:30>, or <a:>.\n");
        assert!(found.is_empty(), "{found:?}");
        assert!(html.contains("&lt;12:30&gt;, or &lt;a:&gt;."), "{html}");
        let (html, found) =
            cleaned("Use a <span class=\"note\">note</span>, a < b, and <abbr>x</abbr>.\n");
        assert!(found.is_empty(), "{found:?}");
        assert!(
            html.contains("&lt;span class=&quot;note&quot;&gt;note&lt;/span&gt;"),
            "{html}"
        );
    }

    #[test]
    fn with_allow_html_only_word_markup_goes() {
        let md = Markdown::new(&MarkdownOptions {
            allow_html: true,
            ..MarkdownOptions::default()
        });
        let resolver = FakeResolver::default();
        let glossary = BTreeMap::new();
        let render = |text: &str| {
            md.render(&Input {
                file: Path::new("p.md"),
                text,
                links: &resolver,
                glossary: &glossary,
                split_parts: false,
                labels: None,
                lang: "en",
                easy_read: false,
            })
            .html
            .to_string()
        };
        assert_eq!(
            render(
                "<span style=\"color:red\">Hi</span> <span class=MsoNormal>there</span><o:p></o:p>\n"
            ),
            "<p><span style=\"color:red\">Hi</span> there</p>\n"
        );
    }
}
