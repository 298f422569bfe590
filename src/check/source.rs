//! Where something a rule found in a text node is written in the file.
//!
//! A text node's text is not always the file's: smart quotes turn `"` into `“`,
//! and a backslash or an entity (`\{`, `&#123;`) becomes the character it stands
//! for. Rules that read marks in text (braces, brackets) ask here for the column
//! the mark is written at, and take "not written there as it is" to mean the
//! author escaped it on purpose, to be shown as it is. Only asked about what a
//! rule has already found, so it costs nothing on text with no findings.
//! Also here: the text nodes that start the lines of a paragraph, for rules
//! about how a line starts.

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
