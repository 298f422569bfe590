//! Rules `raw-html` and `word-paste`: text pasted from Word or a web page that
//! would reach readers as code.
//!
//! plainsite escapes HTML in Markdown (unless `allow_html: true`), so a pasted
//! `<table>` is shown to readers as tags, which is worse than plain text. Word's
//! own formatting code (`<p class="MsoNormal">`, `<span style="mso-…">`, `<o:p>`)
//! is taken out before this rule reads the page, words kept, and reported there
//! (`markdown::word`); what this rule sees of it is what was left, such as a
//! `<table>` with Word's styles. Word also leaves things Markdown cannot see:
//! runs of non-breaking spaces used to line text up, list items typed as
//! characters (`•`, `·`, `o` and a tab, `3)` and a tab), so a list becomes one
//! run-on paragraph, and hidden soft hyphens that break words at odd places and
//! confuse search. Findings are one per HTML block, paragraph or text run, so a
//! long paste gives a few findings, not hundreds.

use comrak::nodes::{AstNode, LineColumn, NodeValue};

use super::rule::Rule;
use crate::error::{Diagnostic, Severity};
use crate::markdown::TreeInput;

/// HTML that will be shown as text.
pub(crate) const RAW_HTML: Rule = Rule {
    id: crate::rules::RAW_HTML,
    severity: Severity::Warning,
    description: "HTML in a page, which readers would see as text, tags and all",
};

/// Leftovers of text pasted from Word.
pub(crate) const WORD_PASTE: Rule = Rule {
    id: crate::rules::WORD_PASTE,
    severity: Severity::Warning,
    description: "leftovers of text pasted from Word: its formatting code (taken out, words kept), runs of non-breaking spaces, bullets and numbers typed as characters, soft hyphens",
};

/// Characters Word and web pages type as bullets.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '●', '■', '□', '\u{f0b7}', '‣', '⁃', '·', '∙', '○',
];

/// How a line of a paragraph starts when it was a list item in Word.
#[derive(Debug, PartialEq, Eq)]
enum TypedMarker<'t> {
    /// A bullet character (`•`, `·` …), or a dash and a tab.
    Bullet(&'t str),
    /// `o` and a tab: Word's second-level bullet.
    SecondLevel,
    /// A number and `.` or `)`, then a tab (`3)`): Word's numbered list.
    Number(&'t str),
}

/// True when `text`, the start of a line, starts with a list marker Word typed.
pub(crate) fn is_typed_marker(text: &str) -> bool {
    typed_marker(text.trim_start()).is_some()
}

/// The list marker Word typed at the start of `text` (the start of a line).
fn typed_marker(text: &str) -> Option<TypedMarker<'_>> {
    let first = text.chars().next()?;
    if BULLETS.contains(&first) {
        return Some(TypedMarker::Bullet(&text[..first.len_utf8()]));
    }
    if let Some(dash) = ["–\t", "-\t"].iter().find(|d| text.starts_with(**d)) {
        return Some(TypedMarker::Bullet(&dash[..dash.len() - 1]));
    }
    if text.starts_with("o\t") {
        return Some(TypedMarker::SecondLevel);
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &text.as_bytes()[digits..];
    ((1..=3).contains(&digits) && matches!(rest, [b'.' | b')', b'\t', ..]))
        .then(|| TypedMarker::Number(&text[..digits + 1]))
}

/// HTML, paragraphs and text of a page, as the tree walk of `check_tree` passes them.
#[derive(Debug, Default)]
pub(crate) struct Pasted<'a> {
    /// Paragraphs whose inline HTML is reported already: one finding each.
    html_paragraphs: Vec<Option<*const AstNode<'a>>>,
}

impl<'a> Pasted<'a> {
    /// An HTML block.
    pub(crate) fn html_block(
        &mut self,
        literal: &str,
        start: LineColumn,
        input: &TreeInput<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        html(literal, start, input, out);
    }

    /// Inline HTML `node`: reported once per paragraph (`<span>…</span>` is two nodes).
    pub(crate) fn html_inline(
        &mut self,
        node: &'a AstNode<'a>,
        literal: &str,
        start: LineColumn,
        input: &TreeInput<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let parent = node.parent().map(|p| p as *const AstNode<'a>);
        if !self.html_paragraphs.contains(&parent) {
            self.html_paragraphs.push(parent);
            html(literal, start, input, out);
        }
    }

    /// A paragraph: does a line start with a typed bullet?
    pub(crate) fn paragraph(
        &mut self,
        node: &'a AstNode<'a>,
        input: &TreeInput<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        bullets(node, input, out);
    }

    /// A text node: non-breaking-space runs and soft hyphens.
    pub(crate) fn text(
        &mut self,
        text: &str,
        start: LineColumn,
        input: &TreeInput<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        leftover_characters(text, start.line, start.column, input, out);
    }
}

/// HTML that is Word's formatting, or that readers would see as text.
fn html(html: &str, start: LineColumn, input: &TreeInput<'_>, out: &mut Vec<Diagnostic>) {
    let file = input.file;
    let lower = html.to_ascii_lowercase();
    if let Some(at) = open_comment(html) {
        // A block that starts `<!--` runs to the end of the page when no
        // `-->` follows: as HTML, the browser hides all of it.
        let line = start.line + html[..at].matches('\n').count();
        let help = "add `-->` where the note ends, like `<!-- check the room with Sam -->`; a note is never shown to readers";
        out.push(if input.allow_html {
            Diagnostic::error(RAW_HTML.id, file, format!("this comment has no end (`-->`), so everything after line {line} is hidden from readers"))
                .at(line, 1)
                .help(help)
        } else {
            RAW_HTML
                .at(file, line, 1, "this comment has no end (`-->`), so it and everything after it is shown to readers as text")
                .help(help)
        });
    } else if lower.contains("mso") || lower.contains("style=") {
        out.push(
            WORD_PASTE
                .at(file, start.line, start.column, "this is formatting code pasted from Word (`Mso` classes or `style=`), and readers would see it as text")
                .help("delete the tags and keep the words; make headings with `##`, lists with `- ` and bold with `**two asterisks**`. Pasting into Notepad first, then into the page, leaves the code behind"),
        );
    } else if !input.allow_html {
        out.push(
            RAW_HTML
                .at(file, start.line, start.column, "this HTML is shown to readers as text, tags and all")
                .help("write it in Markdown instead: a table as `| a | b |` rows, a list with `- `, a link as [text](page.md); only if the site must have HTML, set `allow_html: true` in site.yaml"),
        );
    }
}

/// Where a comment starts that no `-->` ends (`<!-->` and `<!--->` end at
/// once; Word's `<!--[if …]>` is Word's code, not a note).
fn open_comment(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].find("<!--") {
        let at = from + i;
        let after = &html[at + 4..];
        if after.starts_with('[') {
            return None;
        }
        let end = if after.starts_with('>') {
            Some(1)
        } else if after.starts_with("->") {
            Some(2)
        } else {
            after.find("-->").map(|e| e + 3)
        };
        match end {
            Some(end) => from = at + 4 + end,
            None => return Some(at),
        }
    }
    None
}

/// A paragraph with a line that starts with a typed bullet: a text at the start
/// of the paragraph or just after a line break. Reads only the paragraph's own
/// nodes, so a page costs time in step with its length.
fn bullets<'a>(paragraph: &'a AstNode<'a>, input: &TreeInput<'_>, out: &mut Vec<Diagnostic>) {
    for child in super::source::line_starts(paragraph) {
        let data = child.data();
        let NodeValue::Text(text) = &data.value else {
            continue;
        };
        let trimmed = text.trim_start();
        if let Some(marker) = typed_marker(trimmed) {
            let pos = data.sourcepos.start;
            let col = pos.column + text.chars().count() - trimmed.chars().count();
            out.push(typed_list(marker, input, pos.line, col));
            return;
        }
    }
}

/// The finding for a list item typed the way Word shows it.
fn typed_list(
    marker: TypedMarker<'_>,
    input: &TreeInput<'_>,
    line: usize,
    col: usize,
) -> Diagnostic {
    const RUN_ON: &str = "so the list is shown as one run-on paragraph";
    let bulleted = "start each item on its own line with a hyphen and a space, `- `, with a blank line before the list";
    let (message, help) = match marker {
        TypedMarker::Bullet(b) if b.ends_with(['-', '–']) => (
            format!("this line starts with a `{b}` and a tab typed as a bullet, {RUN_ON}"),
            bulleted.to_owned(),
        ),
        TypedMarker::Bullet(b) => (
            format!("this line starts with a `{b}` typed as a bullet, {RUN_ON}"),
            bulleted.to_owned(),
        ),
        TypedMarker::SecondLevel => (
            format!("this line starts with an `o` and a tab, Word's bullet for an item inside another, {RUN_ON}"),
            format!("{bulleted}; for an item inside another, put two spaces before its hyphen, `  - `"),
        ),
        TypedMarker::Number(n) => (
            format!("this line starts with `{n}` and a tab typed as a number, {RUN_ON}"),
            "start each item on its own line with its number, a full stop and a space, `1. `, with a blank line before the list".to_owned(),
        ),
    };
    WORD_PASTE.at(input.file, line, col, message).help(help)
}

/// Non-breaking-space runs and soft hyphens in one text node.
fn leftover_characters(
    text: &str,
    line: usize,
    col: usize,
    input: &TreeInput<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let at = |needle: &str| text.find(needle).map(|b| col + text[..b].chars().count());
    // U+200C starts with the byte 0xE2.
    if memchr::memchr(0xE2, text.as_bytes()).is_some()
        && let Some(b) = latin_non_joiner(text)
    {
        out.push(
            WORD_PASTE
                .at(input.file, line, col + text[..b].chars().count(), "an invisible zero-width non-joiner (U+200C) is inside a word written in Latin letters")
                .help("retype the word, or search for U+200C in your editor and delete it: in English it does nothing but stop search finding the word"),
        );
    }
    // Both start with the byte 0xC2: most text has none, and is read once.
    if memchr::memchr(0xC2, text.as_bytes()).is_none() {
        return;
    }
    if let Some(c) = at("\u{a0}\u{a0}") {
        out.push(
            WORD_PASTE
                .at(input.file, line, c, "a run of non-breaking spaces (`&nbsp;`), pasted from Word to line text up")
                .help("replace them with one ordinary space; to line things up, use a list or a table"),
        );
    }
    if let Some(c) = at("\u{ad}") {
        out.push(
            WORD_PASTE
                .at(input.file, line, c, "a hidden soft hyphen, pasted from Word, is inside a word")
                .help("retype the word, or search for the soft hyphen (U+00AD) in your editor and delete it: it breaks words at odd places and stops search finding them"),
        );
    }
}

/// Where a zero-width non-joiner stands between two Latin letters. Persian,
/// Urdu, the Indian scripts and emoji need U+200C and U+200D between their own
/// letters; between two Latin letters the non-joiner is a stray from a paste.
fn latin_non_joiner(text: &str) -> Option<usize> {
    text.match_indices('\u{200c}').map(|(b, _)| b).find(|&b| {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        latin(text[..b].chars().next_back()) && latin(text[b + 3..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use crate::check::tests::found;

    #[test]
    fn a_non_joiner_in_a_latin_word_is_found_and_one_in_persian_is_not() {
        assert_eq!(
            found("Safe\u{200c}guarding matters.\n", "word-paste"),
            vec![(1, 5)]
        );
        for md in [
            "می\u{200c}خواهم\n",
            "ہم\u{200c}نے\n",
            "क्\u{200d}ष and क\u{200c}ष\n",
            "👩\u{200d}👧 family\n",
            "end\u{200c} of a word\n",
        ] {
            assert!(found(md, "word-paste").is_empty(), "{md:?}");
        }
    }

    #[test]
    fn html_is_reported_once_per_block_or_paragraph() {
        assert_eq!(
            found("<table><tr><td>1</td></tr></table>\n", "raw-html"),
            vec![(1, 1)]
        );
        assert_eq!(
            found("Some <b>bold</b> and <i>it</i>.\n", "raw-html"),
            vec![(1, 6)]
        );
        assert!(found("Plain **bold** text.\n", "raw-html").is_empty());
    }

    #[test]
    fn word_formatting_is_a_paste_not_raw_html() {
        let md = "<p class=\"MsoNormal\"><span style=\"color:red\">Text</span></p>\n";
        assert_eq!(found(md, "word-paste"), vec![(1, 1)]);
        assert!(found(md, "raw-html").is_empty());
    }

    #[test]
    fn typed_bullets_spaces_and_soft_hyphens_are_found() {
        assert_eq!(
            found("Intro.\n\n• one\n• two\n", "word-paste"),
            vec![(3, 1)]
        );
        assert_eq!(found("Name:&nbsp;&nbsp;&nbsp;Jo\n", "word-paste").len(), 1);
        assert_eq!(found("safe\u{ad}guarding\n", "word-paste"), vec![(1, 5)]);
        assert!(found("- one\n- two\n\nA single\u{a0}space.\n", "word-paste").is_empty());
    }

    #[test]
    fn lists_typed_the_way_word_shows_them_are_found() {
        for md in [
            "· one\n· two\n",
            "‣ one\n",
            "◦ one\n",
            "⁃ one\n",
            "∙ one\n",
            "▪ one\n",
            "■ one\n",
            "● one\n",
            "○ one\n",
            "–\tone\n–\ttwo\n",
            "o\tone\no\ttwo\n",
            "Steps:\n3)\tThree\n4.\tFour\n",
        ] {
            let at = found(md, "word-paste");
            assert_eq!(at.len(), 1, "{md:?}: {at:?}");
            assert_eq!(at[0].1, 1, "{md:?}");
        }
        let r = crate::markdown::tests::with_page("Steps:\n3)\tThree\n");
        assert_eq!(
            r.diagnostics[0].message,
            "this line starts with `3)` and a tab typed as a number, so the list is shown as one run-on paragraph"
        );
        let r = crate::markdown::tests::with_page("o\tone\n");
        assert!(
            r.diagnostics[0].message.contains("an `o` and a tab"),
            "{:?}",
            r.diagnostics
        );
    }

    #[test]
    fn ordinary_lines_that_start_like_a_list_are_not_typed_lists() {
        for md in [
            "-\tone\n-\ttwo\n",
            "1.\tFirst\n2.\tSecond\n",
            "o is a letter.\n",
            "On the day.\n",
            "2024 was a year.\n",
            "3. and 4. are next\n",
            "Catalan: col·lecció.\n",
            "Wrth gwrs, ŵyr a ŷd.\n",
            "Zgłoś\u{a0}problem.\n",
        ] {
            assert!(found(md, "word-paste").is_empty(), "{md:?}");
        }
    }
}
