//! Where something a rule found in a text node is written in the file.
//!
//! A text node's text is not always the file's: smart quotes turn `"` into `“`,
//! and a backslash or an entity (`\{`, `&#123;`) becomes the character it stands
//! for. Rules that read marks in text (braces, brackets) ask here for the column
//! the mark is written at, and take "not written there as it is" to mean the
//! author escaped it on purpose, to be shown as it is. Only asked about what a
//! rule has already found, so it costs nothing on text with no findings.
//! Also here: the text nodes that start the lines of a paragraph, for rules
//! about how a line starts, and [`FileLines`], for rules that ask about many
//! lines of a long page.

use comrak::nodes::{AstNode, NodeValue};

/// The column (in characters) at which `needle` is written on `line` of the
/// file: of the places at or after `node_col` (where the text node starts), the
/// one nearest to `guess`. `None` when it is not written there as it is, or
/// when the nearest has a backslash before it.
pub(super) fn written_at(
    file_text: &str,
    line: usize,
    node_col: usize,
    guess: usize,
    needle: &str,
) -> Option<usize> {
    let source = file_text.lines().nth(line.checked_sub(1)?)?;
    let mut best: Option<(usize, bool)> = None;
    let mut prev: Option<char> = None;
    let skipped = node_col.saturating_sub(1);
    for (n, (i, c)) in source.char_indices().enumerate() {
        if n >= skipped && source[i..].starts_with(needle) {
            let col = n + 1;
            if best.is_none_or(|(b, _)| col.abs_diff(guess) < b.abs_diff(guess)) {
                best = Some((col, prev == Some('\\')));
            }
        }
        prev = Some(c);
    }
    best.filter(|(_, escaped)| !escaped).map(|(col, _)| col)
}

/// The text of `line` of the file from column `col` (in characters) on.
pub(super) fn line_from(file_text: &str, line: usize, col: usize) -> &str {
    let Some(source) = line.checked_sub(1).and_then(|l| file_text.lines().nth(l)) else {
        return "";
    };
    match source.char_indices().nth(col.saturating_sub(1)) {
        Some((i, _)) => &source[i..],
        None => "",
    }
}

/// The lines of a file, found once: `str::lines().nth(n)` reads the file
/// from its start each time, too slow for a rule that may ask about every
/// line of a long page.
#[derive(Debug, Default)]
pub(super) struct FileLines {
    /// The byte each line starts at, once a line is asked for.
    starts: Option<Vec<usize>>,
}

impl FileLines {
    /// Where line `line` (from 1) of `text` is, in bytes, as `str::lines`
    /// gives it: without its `\n` or `\r\n`. `None` past the last line. The
    /// first call finds the lines, so every call must pass the same text.
    pub(super) fn bounds(&mut self, text: &str, line: usize) -> Option<(usize, usize)> {
        let starts = self.starts.get_or_insert_with(|| byte_line_starts(text));
        line_bounds(text, starts, line)
    }

    /// Line `line` (from 1) of `text`, as `text.lines().nth(line - 1)`.
    pub(super) fn line<'t>(&mut self, text: &'t str, line: usize) -> Option<&'t str> {
        let (start, end) = self.bounds(text, line)?;
        text.get(start..end)
    }
}

/// The byte each line of `text` starts at.
fn byte_line_starts(text: &str) -> Vec<usize> {
    let newlines = text.bytes().enumerate().filter(|&(_, b)| b == b'\n');
    std::iter::once(0)
        .chain(newlines.map(|(i, _)| i + 1))
        .collect()
}

/// Where `line` (from 1) of `text` is, as `str::lines` gives it: without its
/// `\n` or `\r\n`. `None` past the last line.
fn line_bounds(text: &str, starts: &[usize], line: usize) -> Option<(usize, usize)> {
    let start = *starts.get(line.checked_sub(1)?)?;
    if start >= text.len() {
        return None; // after a last `\n` comes no line
    }
    let Some(newline) = starts.get(line).map(|next| next - 1) else {
        return Some((start, text.len()));
    };
    let crlf = newline > start && text.as_bytes().get(newline - 1) == Some(&b'\r');
    Some((start, if crlf { newline - 1 } else { newline }))
}

/// The text nodes of `paragraph` that start one of its lines: its first
/// child and each child after a line break, when they are text. Reads only
/// the paragraph's own nodes.
pub(super) fn line_starts<'a>(paragraph: &'a AstNode<'a>) -> impl Iterator<Item = &'a AstNode<'a>> {
    let mut line_start = true;
    paragraph.children().filter(move |child| {
        let value = &child.data().value;
        let starts = line_start && matches!(value, NodeValue::Text(_));
        line_start = matches!(value, NodeValue::SoftBreak | NodeValue::LineBreak);
        starts
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn lines_are_the_lines_of_the_text(text in "[a\r\n]{0,8}") {
            let mut lines = FileLines::default();
            for line in 0..6 {
                let ours = lines.line(&text, line);
                let theirs = line.checked_sub(1).and_then(|l| text.lines().nth(l));
                proptest::prop_assert_eq!(ours, theirs, "line {}", line);
            }
        }

    }

    #[test]
    fn finds_the_nearest_place_written_as_it_is() {
        let file = "title\nSay “hi” {lang-cy} and {lang-cy}\n";
        assert_eq!(written_at(file, 2, 1, 10, "{lang"), Some(10));
        assert_eq!(written_at(file, 2, 1, 24, "{lang"), Some(24));
        assert_eq!(written_at(file, 2, 12, 10, "{lang"), Some(24));
        assert_eq!(written_at(file, 3, 1, 1, "{lang"), None);
        assert_eq!(written_at(file, 0, 1, 1, "{lang"), None);
    }

    #[test]
    fn an_escaped_mark_is_not_found() {
        assert_eq!(written_at("a \\{{ x }}\n", 1, 1, 3, "{{"), None);
        assert_eq!(written_at("a \\{lang=cy}\n", 1, 1, 3, "{lang"), None);
        assert_eq!(written_at("a &#123;{ x }}\n", 1, 1, 3, "{{"), None);
    }

    #[test]
    fn gives_the_rest_of_a_line() {
        assert_eq!(line_from("ab\nçé {{ x }}\n", 2, 4), "{{ x }}");
        assert_eq!(line_from("ab\n", 1, 9), "");
        assert_eq!(line_from("ab\n", 5, 1), "");
    }
}
