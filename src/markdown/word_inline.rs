//! Bold, italics, line breaks and links written as HTML tags inside a paragraph
//! (or heading, or cell) that had Word's code, made the page's own, as they are
//! in a block of Word's (`word_format`): `<span style="mso-x">Read</span> <a
//! href="…">this</a>` becomes "Read" and a link, not text with `<a href>` in it.
//!
//! Part of `markdown`, used by the `word` pass when HTML is shown as text (no
//! `allow_html`), once Word's own tags are out of the paragraph. A tag is
//! paired with its closing tag among the same paragraph's nodes; one with no
//! partner there stays HTML shown as text, with its `raw-html` warning. A
//! link made here is new to the page: the caller lists the links again.
//!
//! A paragraph that starts with a browser's paste code (`<meta charset>`:
//! Google Docs pastes a whole document on one line, which Markdown reads as
//! one paragraph) is put back as an HTML block ([`pasted_as_block`]), for the
//! `word` pass to read as it reads Word's blocks: headings, paragraphs and
//! lists apart.

use comrak::Arena;
use comrak::nodes::{Ast, AstNode, NodeHtmlBlock, NodeValue};

use super::word_format::{InlineTag, LANG, LINK, has_words, inline_tag, is_span_marker};

/// A paragraph of the page's top level that starts with what a browser puts
/// before the words it copies (`<meta charset="utf-8">`: Google Docs pastes a
/// whole document on one line so), put back as the HTML block it was meant to
/// be, of the same lines, in its place: the paragraph, and the block.
pub(crate) fn pasted_as_block<'a>(
    arena: &'a Arena<'a>,
    node: &'a AstNode<'a>,
    source: &str,
) -> Option<(&'a AstNode<'a>, &'a AstNode<'a>)> {
    let paste = match &node.data().value {
        NodeValue::HtmlInline(html) => {
            let paste = html
                .get(..6)
                .is_some_and(|h| h.eq_ignore_ascii_case("<meta "))
                && html.to_ascii_lowercase().contains("charset");
            paste.then(|| html.clone())
        }
        _ => None,
    };
    let paragraph = node.parent()?;
    let at_top = paragraph
        .parent()
        .is_some_and(|d| matches!(d.data().value, NodeValue::Document));
    let first = paragraph
        .first_child()
        .is_some_and(|c| std::ptr::eq(c, node));
    let paste = paste.filter(|_| first && at_top)?;
    let pos = paragraph.data().sourcepos;
    let lines = pos.end.line.checked_sub(pos.start.line)? + 1;
    let literal = lines_of(source)
        .skip(pos.start.line.checked_sub(1)?)
        .take(lines)
        .collect::<Vec<_>>()
        .join("\n");
    // The lines must be the paragraph's, or nothing is changed.
    if !literal.trim_start().starts_with(&paste) {
        return None;
    }
    let value = NodeValue::HtmlBlock(NodeHtmlBlock {
        block_type: 6,
        literal,
    });
    let block = arena.alloc(Ast::new_with_sourcepos(value, pos).into());
    paragraph.insert_before(block);
    paragraph.detach();
    Some((paragraph, block))
}

/// The lines of `text` as Markdown counts them: ended by `\n`, `\r\n` or a
/// lone `\r`.
fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = &rest[..end];
        let ending = match &rest[end..] {
            e if e.starts_with("\r\n") => 2,
            "" => 0,
            _ => 1,
        };
        rest = &rest[end + ending..];
        Some(line)
    })
}

/// Makes the formatting tags among `container`'s children its own nodes; true
/// when a link was made.
pub(crate) fn pair_tags<'a>(arena: &'a Arena<'a>, container: &'a AstNode<'a>) -> bool {
    // The tags opened and not closed yet: each node, its kind and what it makes.
    let mut open: Vec<(&'a AstNode<'a>, char, NodeValue)> = Vec::new();
    let mut made_link = false;
    let mut child = container.first_child();
    while let Some(c) = child {
        child = c.next_sibling();
        let tag = match &c.data().value {
            NodeValue::HtmlInline(html) => inline_tag(html),
            _ => continue,
        };
        match tag {
            InlineTag::Open(kind, value) => {
                // A link inside a link ends the first, as a browser reads it.
                if kind == LINK
                    && let Some(i) = open.iter().rposition(|(_, k, _)| *k == LINK)
                {
                    made_link |= close(arena, &mut open, i, c);
                }
                open.push((c, kind, value));
            }
            InlineTag::Close(kind) => {
                let Some(i) = open.iter().rposition(|(_, k, _)| *k == kind) else {
                    drop_marker(c);
                    continue;
                };
                // A language crossing a tag still open inside it is let go,
                // so the tag still pairs.
                if kind == LANG && i + 1 < open.len() {
                    drop_marker(open.remove(i).0);
                    drop_marker(c);
                    continue;
                }
                made_link |= close(arena, &mut open, i, c);
                c.detach();
            }
            InlineTag::Break => {
                let at = c.data().sourcepos;
                c.insert_before(
                    arena.alloc(Ast::new_with_sourcepos(NodeValue::LineBreak, at).into()),
                );
                c.detach();
            }
            InlineTag::Drop => c.detach(),
            InlineTag::Other => {}
        }
    }
    for (start, _, _) in open {
        drop_marker(start);
    }
    made_link
}

/// Closes the `i`th tag of `open` before `end`: the tags opened after it and
/// not closed stay as they were, inside it (a Word span's marker goes). True
/// when a link was made.
fn close<'a>(
    arena: &'a Arena<'a>,
    open: &mut Vec<(&'a AstNode<'a>, char, NodeValue)>,
    i: usize,
    end: &'a AstNode<'a>,
) -> bool {
    let inner = open.split_off(i + 1);
    for (start, _, _) in inner {
        drop_marker(start);
    }
    match open.pop() {
        Some(opened) => wrap(arena, opened, end),
        None => false,
    }
}

/// Takes out `node` when it is a Word span's marker left with no partner: it
/// was never the author's.
fn drop_marker<'a>(node: &'a AstNode<'a>) {
    let marker = matches!(&node.data().value, NodeValue::HtmlInline(html) if is_span_marker(html));
    if marker {
        node.detach();
    }
}

/// Puts the nodes after the opening tag `start` and before `end` into the node
/// it makes, in its place; a node with nothing to read in it is not made and
/// what it held stays. True when a link was made.
fn wrap<'a>(
    arena: &'a Arena<'a>,
    (start, kind, value): (&'a AstNode<'a>, char, NodeValue),
    end: &'a AstNode<'a>,
) -> bool {
    let at = start.data().sourcepos;
    if kind == LANG {
        return mark_language(arena, (start, value), end);
    }
    let kind_of = |n: &'a AstNode<'a>| std::mem::discriminant(&n.data().value);
    let made: &'a AstNode<'a> = arena.alloc(Ast::new_with_sourcepos(value, at).into());
    while let Some(next) = start.next_sibling()
        && !std::ptr::eq(next, end)
    {
        made.append(next);
    }
    // Bold inside bold is bold once (and italics so): the inner goes.
    let inner: Vec<_> = made
        .descendants()
        .skip(1)
        .filter(|&n| kind_of(n) == kind_of(made))
        .collect();
    for n in inner {
        lift(n);
    }
    let already = start.ancestors().any(|n| kind_of(n) == kind_of(made));
    let keep = has_words(made) && !already;
    start.insert_before(made);
    if !keep {
        lift(made);
    }
    start.detach();
    keep && kind == LINK
}

/// Puts what `node` holds in its place, and takes it out.
fn lift<'a>(node: &'a AstNode<'a>) {
    while let Some(inner) = node.first_child() {
        node.insert_before(inner);
    }
    node.detach();
}

/// A passage in another language from `start` to `end` (siblings): its
/// words stay where they are, `start` becomes the span's opening tag `open`
/// and its `</span>` goes before `end`. With no words, `start` just goes.
fn mark_language<'a>(
    arena: &'a Arena<'a>,
    (start, open): (&'a AstNode<'a>, NodeValue),
    end: &'a AstNode<'a>,
) -> bool {
    let words = (start.following_siblings().skip(1))
        .take_while(|&n| !std::ptr::eq(n, end))
        .any(has_words);
    if !words {
        start.detach();
        return false;
    }
    let at = start.data().sourcepos;
    start.data_mut().value = open;
    let close = NodeValue::Raw("</span>".to_owned());
    end.insert_before(arena.alloc(Ast::new_with_sourcepos(close, at).into()));
    false
}

#[cfg(test)]
mod tests {
    use crate::markdown::Rendered;
    use crate::markdown::tests::with_page;

    /// The page's HTML and its findings' rules.
    fn page(md: &str) -> (String, Vec<&'static str>) {
        let r = with_page(md);
        (
            r.html.to_string(),
            r.diagnostics.iter().map(|d| d.rule).collect(),
        )
    }

    /// Where the page's `broken-link` errors are: (line, column).
    fn broken_links(r: &Rendered) -> Vec<(Option<usize>, Option<usize>)> {
        r.diagnostics
            .iter()
            .filter(|d| d.rule == "broken-link")
            .map(|d| (d.line, d.col))
            .collect()
    }

    #[test]
    fn links_in_a_word_block_become_the_pages_own_links() {
        let (html, rules) = page(
            "<p class=MsoNormal>Read the <b>new</b> <a\nhref=\"https://example.org/?a=1&amp;b=2\"><span style='mso-x'>guidance</span></a> and\n<a name=\"_Hlk1\"></a><A HREF=mailto:team@example.org>email us</A>.<o:p></o:p></p>\n",
        );
        assert_eq!(
            html,
            "<p>Read the <strong>new</strong> <a href=\"https://example.org/?a=1&amp;b=2\">guidance</a> and <a href=\"mailto:team@example.org\">email us</a>.</p>\n"
        );
        assert_eq!(rules, ["word-paste"]);
        // Bold around a link, a link with no words, one with no address, and a
        // link inside a link (which closes the first, as in a browser).
        let (html, _) = page(
            "<p class=MsoNormal><b>See <a href=/a/>this</a></b>, <a href=/b/></a>gone, <a href=''>kept</a>, <a href=/c/>one <a href=/d/>two</a> three</a>.</p>\n",
        );
        assert_eq!(
            html,
            "<p><strong>See <a href=\"/a/\">this</a></strong>, gone, kept, <a href=\"/c/\">one </a><a href=\"/d/\">two</a> three.</p>\n"
        );
    }

    #[test]
    fn a_word_link_meets_the_rules_for_addresses_at_its_own_line() {
        let r = with_page(
            "Intro.\n\n<p class=MsoNormal>Safe <a href=\"https://example.org/\">here</a>\nand <a href=\"java&#x09;script:alert(1)\" onclick=x>there</a><o:p></o:p></p>\n",
        );
        assert!(!r.html.contains("script:"), "{}", r.html);
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert_eq!(
            broken_links(&r),
            [(Some(4), Some(5))],
            "{:?}",
            r.diagnostics
        );
    }

    #[test]
    fn formatting_tags_in_a_paragraph_with_words_code_become_its_own() {
        let (html, rules) = page(
            "Read <span style=\"mso-x\">the</span> <b>new</b> <a href=\"/guide/\"><i>guide</i></a><br>today, <u>now</u>.\n",
        );
        assert_eq!(
            html,
            "<p>Read the <strong>new</strong> <a href=\"/guide/\"><em>guide</em></a><br />\ntoday, now.</p>\n"
        );
        assert!(!rules.contains(&"raw-html"), "{rules:?}");
        assert!(rules.contains(&"word-paste"), "{rules:?}");
    }

    #[test]
    fn a_word_spans_bold_and_italics_stay_and_need_their_end() {
        let (html, _) = page(
            "<span style=\"font-style:italic;font-weight:bold\">both</span> <span style=\"mso-bidi-font-weight:bold;font-weight:normal\">plain</span> <span style=\"font-weight:800\"><b>once</b></span> <span style=\"font-weight:700\">cut *short*\n",
        );
        assert_eq!(
            html,
            "<p><strong><em>both</em></strong> plain <strong>once</strong> cut <em>short</em></p>\n"
        );
    }

    #[test]
    fn a_google_docs_document_on_one_line_keeps_its_headings_paragraphs_and_lists() {
        let span = |words: &str| format!("<span style=\"font-size:11pt;\">{words}</span>");
        let p = |words: &str| {
            format!(
                "<p dir=\"ltr\" style=\"line-height:1.38;\">{}</p>",
                span(words)
            )
        };
        let li = |words: &str, inner: &str| {
            format!(
                "<li dir=\"ltr\" style=\"list-style-type:disc;\" aria-level=\"1\"><p dir=\"ltr\" style=\"x\" role=\"presentation\">{}</p>{inner}</li>",
                span(words)
            )
        };
        let md = format!(
            "Intro.\n\n<meta charset=\"utf-8\"><b style=\"font-weight:normal;\" id=\"docs-internal-guid-9\"><h2 dir=\"ltr\" style=\"x\">{}</h2>{}{}<ul style=\"x\">{}{}</ul><p dir=\"ltr\" style=\"x\"><br></p></b>\n\nAfter.\n",
            span("Training"),
            p("First."),
            p("Second &amp; last."),
            li("One", &format!("<ol style=\"x\">{}</ol>", li("Inner", ""))),
            li("Two", ""),
        );
        let (html, rules) = page(&md);
        assert_eq!(
            html,
            "<p>Intro.</p>\n<h2 id=\"training\">Training</h2>\n<p>First.</p>\n<p>Second &amp; last.</p>\n<ul>\n<li>One\n<ol>\n<li>Inner</li>\n</ol>\n</li>\n<li>Two</li>\n</ul>\n<p>After.</p>\n"
        );
        assert_eq!(rules, ["word-paste"], "{rules:?}");
        // Not at the top of the page, the lines stay a paragraph, its code out.
        let (html, _) = page(&format!("> {}\n", md.lines().nth(2).unwrap_or_default()));
        assert!(html.starts_with("<blockquote>\n<p>"), "{html}");
        assert!(!html.contains("docs-internal"), "{html}");
    }

    #[test]
    fn a_pasted_paragraph_is_read_from_its_own_lines_however_they_end() {
        for ending in ["\n", "\r\n", "\r"] {
            let md = [
                "Intro.",
                "",
                "<meta charset=utf-8><p style=x>One</p>",
                "<p style=x>Two</p>",
                "",
                "End.",
            ]
            .join(ending);
            let (html, _) = page(&md);
            assert_eq!(
                html, "<p>Intro.</p>\n<p>One</p>\n<p>Two</p>\n<p>End.</p>\n",
                "{ending:?}"
            );
        }
        let lines: Vec<_> = super::lines_of("a\r\nb\rc\n\nd").collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
    }

    #[test]
    fn a_spans_marker_cut_off_by_a_closing_tag_goes() {
        let (html, _) = page(
            "<b>x <span style=\"font-style:italic\">y</b> z</span> and <span style=\"font-weight:700\">w\n",
        );
        assert!(
            !html.contains(|c: char| ('\u{e000}'..='\u{f8ff}').contains(&c)),
            "{html:?}"
        );
        assert_eq!(html, "<p><strong>x y</strong> z and w</p>\n");
    }

    #[test]
    fn a_paragraph_without_words_code_keeps_its_tags_as_text() {
        let (html, rules) = page("Read <b>this</b> and <a href=\"/guide/\">that</a>.\n");
        assert!(html.contains("&lt;b&gt;this&lt;/b&gt;"), "{html}");
        assert!(html.contains("&lt;a href="), "{html}");
        assert!(rules.contains(&"raw-html"), "{rules:?}");
    }

    #[test]
    fn tags_without_a_partner_stay_text_and_links_never_nest() {
        let (html, rules) = page(
            "<span style=\"mso-x\">A</span> <b>open <a href=/a/>one <a href=/b/>two</a> three</a> <a href=/c/></a>x <i>y</b>.\n",
        );
        assert_eq!(
            html,
            "<p>A <strong>open <a href=\"/a/\">one </a><a href=\"/b/\">two</a> three&lt;/a&gt; x &lt;i&gt;y</strong>.</p>\n"
        );
        assert!(rules.contains(&"raw-html"), "{rules:?}");
    }

    #[test]
    fn a_link_made_here_meets_the_rules_for_addresses() {
        let r = with_page(
            "<span style=\"mso-x\">Go</span> <a href=\"JaVa&#x0A;script:alert(1)\">here</a>.\n",
        );
        assert!(
            !r.html.to_ascii_lowercase().contains("script:"),
            "{}",
            r.html
        );
        assert_eq!(
            broken_links(&r),
            [(Some(1), Some(31))],
            "{:?}",
            r.diagnostics
        );
    }

    #[test]
    fn a_google_docs_paste_keeps_its_words_bold_and_links() {
        let gdocs = "<meta charset=\"utf-8\"><b style=\"font-weight:normal;\" id=\"docs-internal-guid-1a2b\"><p dir=\"ltr\" style=\"line-height:1.38;\"><span style=\"font-size:11pt;font-weight:700;\">Training dates</span><span style=\"font-weight:400;\"> are now </span><a href=\"https://example.org/book\" style=\"text-decoration:none;\"><span style=\"color:#1155cc;\">open</span></a>.</p></b>";
        // On a line of its own it is a paragraph of the page, with inline HTML.
        let (html, rules) = page(&format!("{gdocs}\n"));
        assert_eq!(
            html,
            "<p><strong>Training dates</strong> are now <a href=\"https://example.org/book\">open</a>.</p>\n"
        );
        assert!(!rules.contains(&"raw-html"), "{rules:?}");
        // Under a line of Word's code it is part of an HTML block, whose spans'
        // bold is read too.
        let (html, rules) = page(&format!("<div class=WordSection1>\n{gdocs}\n</div>\n"));
        assert_eq!(
            html,
            "<p><strong>Training dates</strong> are now <a href=\"https://example.org/book\">open</a>.</p>\n"
        );
        assert!(!rules.contains(&"raw-html"), "{rules:?}");
    }
}
