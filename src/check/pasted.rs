//! Rules `raw-html` and `word-paste`: text pasted from Word or a web page that
//! would reach readers as code.
//!
//! plainsite escapes HTML in Markdown (unless `allow_html: true`), so a pasted
//! `<table>` is shown to readers as tags, which is worse than plain text. Word's
//! own formatting code (`<p class="MsoNormal">`, `<span style="mso-…">`, `<o:p>`)
//! is taken out before this rule reads the page, words kept, and reported there
//! (`markdown::word`); what this rule sees of it is what was left, such as a
//! `<table>` with Word's styles. Word also leaves things Markdown cannot see: inline styles and
//! `Mso` classes, runs of non-breaking spaces used to line text up, `•` bullets
//! typed as characters (so a list becomes one run-on paragraph) and hidden soft
//! hyphens that break words at odd places and confuse search. Findings are one per
//! HTML block, paragraph or text run, so a long paste gives a few findings, not
//! hundreds.

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
    description: "leftovers of text pasted from Word: `Mso` classes, inline styles, runs of non-breaking spaces, `•` typed as a bullet, soft hyphens",
};

/// Characters Word and web pages type as bullets.
const BULLETS: &[char] = &['•', '◦', '▪', '●', '■', '□', '\u{f0b7}', '‣', '⁃'];

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
    if lower.contains("mso") || lower.contains("style=") {
        out.push(
            WORD_PASTE
                .at(file, start.line, start.column, "this is formatting code pasted from Word (`Mso` classes or `style=`), and readers would see it as text")
                .help("delete the tags and keep the words; make headings with `##`, lists with `- ` and bold with **two asterisks**. Pasting into Notepad first, then into the page, leaves the code behind"),
        );
    } else if !input.allow_html {
        out.push(
            RAW_HTML
                .at(file, start.line, start.column, "this HTML is shown to readers as text, tags and all")
                .help("write it in Markdown instead: a table as `| a | b |` rows, a list with `- `, a link as [text](page.md); only if the site must have HTML, set `allow_html: true` in site.yaml"),
        );
    }
}

/// A paragraph with a line that starts with a typed bullet: a text at the start
/// of the paragraph or just after a line break. Reads only the paragraph's own
/// nodes, so a page costs time in step with its length.
fn bullets<'a>(paragraph: &'a AstNode<'a>, input: &TreeInput<'_>, out: &mut Vec<Diagnostic>) {
    let mut line_start = true;
    for child in paragraph.children() {
        let data = child.data();
        match &data.value {
            NodeValue::SoftBreak | NodeValue::LineBreak => line_start = true,
            NodeValue::Text(text) if line_start => {
                let trimmed = text.trim_start();
                if let Some(bullet) = trimmed.chars().next().filter(|c| BULLETS.contains(c)) {
                    let pos = data.sourcepos.start;
                    let col = pos.column + text.chars().count() - trimmed.chars().count();
                    out.push(
                        WORD_PASTE
                            .at(input.file, pos.line, col, format!("this line starts with a `{bullet}` typed as a bullet, so the list is shown as one run-on paragraph"))
                            .help("start each item on its own line with a hyphen and a space, `- `, with a blank line before the list"),
                    );
                    return;
                }
                line_start = false;
            }
            _ => line_start = false,
        }
    }
}

/// Non-breaking-space runs and soft hyphens in one text node.
fn leftover_characters(
    text: &str,
    line: usize,
    col: usize,
    input: &TreeInput<'_>,
    out: &mut Vec<Diagnostic>,
) {
    // Both start with the byte 0xC2: most text has none, and is read once.
    if !text.as_bytes().contains(&0xC2) {
        return;
    }
    let at = |needle: &str| text.find(needle).map(|b| col + text[..b].chars().count());
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

#[cfg(test)]
mod tests {
    use crate::check::tests::found;

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
}
