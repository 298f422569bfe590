//! Where something a rule found in a text node is written in the file.
//!
//! A text node's text is not always the file's: smart quotes turn `"` into `“`,
//! and a backslash or an entity (`\{`, `&#123;`) becomes the character it stands
//! for. Rules that read marks in text (braces, brackets) ask `written` for the
//! column the mark is written at, and take "not written there as it is" to mean
//! the author escaped it on purpose, to be shown as it is. Here: the rest of a
//! line from a column, the place of a mark in raw HTML, the text nodes that start the lines of a paragraph, for
//! rules about how a line starts, and [`FileLines`], for rules that ask about
//! many lines of a long page.

use comrak::nodes::{AstNode, NodeValue};

/// The file line and column of byte `at` of a raw HTML node's `literal`,
/// which starts at `start`: HTML blocks run over many lines.
pub(super) fn place_in(
    literal: &str,
    start: comrak::nodes::LineColumn,
    at: usize,
) -> (usize, usize) {
    let before = &literal[..at];
    let line = start.line + before.matches('\n').count();
    let column = match before.rfind('\n') {
        Some(nl) => before[nl + 1..].chars().count() + 1,
        None => start.column + before.chars().count(),
    };
    (line, column)
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
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
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
    fn gives_the_rest_of_a_line() {
        assert_eq!(line_from("ab\nçé {{ x }}\n", 2, 4), "{{ x }}");
        assert_eq!(line_from("ab\n", 1, 9), "");
        assert_eq!(line_from("ab\n", 5, 1), "");
    }
}
