//! Where marks are written on the lines of the file, each line read once.
//!
//! A text node's text is not always the file's (smart quotes, escapes,
//! entities), so a rule that found a mark in it asks where the file has it.
//! Reading the line, and the file up to it, for each question is fine for a
//! finding or two. But a rule may ask about every mark of a long
//! paragraph (each `]` of a line of `[a](`, each `{{` of a line of template
//! code), and then the reading grows with the square of the page's length.
//! [`Written`] answers the same questions from an index of the line, made when
//! the line is first asked about: for each mark asked for, the places it is
//! written at, in order, so that a question is a binary search.

use rustc_hash::FxHashMap;

use super::source::FileLines;

/// Where marks are written in one file: every question must be about the
/// same file text, as its lines are found once.
#[derive(Debug, Default)]
pub(super) struct Written {
    lines: FileLines,
    /// The line asked about last: text nodes come in order, so the next
    /// question is most often about the same line.
    line: Option<LineIndex>,
}

/// One line's index.
#[derive(Debug)]
struct LineIndex {
    /// The line's number, from 1.
    number: usize,
    /// The byte each character starts at, when the line is not all ASCII.
    char_bytes: Option<Vec<usize>>,
    /// For each mark asked for, each place it is written at, in order: its
    /// column (in characters, from 1), and whether a backslash is before it.
    places: FxHashMap<String, Vec<(usize, bool)>>,
}

impl Written {
    /// The column (in characters) at which `needle` is written on `line` of
    /// `file_text`: of the places at or after `node_col` (where the text node
    /// starts), the one nearest to `guess` (the first of two as near). `None`
    /// when it is not written there as it is, or when the nearest has a
    /// backslash before it.
    pub(super) fn written_at(
        &mut self,
        file_text: &str,
        line: usize,
        node_col: usize,
        guess: usize,
        needle: &str,
    ) -> Option<usize> {
        let source = self.lines.line(file_text, line)?;
        let index = self.index(source, line);
        let places = index
            .places
            .entry(needle.to_owned())
            .or_insert_with(|| places_of(source, needle));
        let places = &places[places.partition_point(|&(col, _)| col < node_col)..];
        let after = places.partition_point(|&(col, _)| col < guess);
        let before = after.checked_sub(1).and_then(|i| places.get(i));
        let (col, escaped) = match (before, places.get(after)) {
            (Some(b), Some(a)) if a.0.abs_diff(guess) < b.0.abs_diff(guess) => a,
            (Some(b), _) => b,
            (None, a) => a?,
        };
        (!escaped).then_some(*col)
    }

    /// Line `line` of `file_text`, and the byte of it that column `col` (in
    /// characters) starts at; the byte is past the end when the line is
    /// shorter. As `source::line_from`, which gives the line from that byte.
    pub(super) fn line_at<'t>(
        &mut self,
        file_text: &'t str,
        line: usize,
        col: usize,
    ) -> Option<(&'t str, usize)> {
        let source = self.lines.line(file_text, line)?;
        let n = col.saturating_sub(1);
        let byte = match &self.index(source, line).char_bytes {
            Some(bytes) => bytes.get(n).copied(),
            None => (n < source.len()).then_some(n),
        };
        Some((source, byte.unwrap_or(source.len() + 1)))
    }

    /// The index of `source`, line `number`: made now unless it is the line
    /// asked about last.
    fn index(&mut self, source: &str, number: usize) -> &mut LineIndex {
        if self.line.as_ref().is_none_or(|l| l.number != number) {
            self.line = None;
        }
        self.line.get_or_insert_with(|| LineIndex {
            number,
            char_bytes: (!source.is_ascii())
                .then(|| source.char_indices().map(|(i, _)| i).collect()),
            places: FxHashMap::default(),
        })
    }
}

/// Each place `needle` is written at in `source`, as in [`LineIndex::places`].
fn places_of(source: &str, needle: &str) -> Vec<(usize, bool)> {
    let mut places = Vec::new();
    let mut prev = None;
    for (n, (i, c)) in source.char_indices().enumerate() {
        if source[i..].starts_with(needle) {
            places.push((n + 1, prev == Some('\\')));
        }
        prev = Some(c);
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::source::line_from;

    /// `written_at` as first written: the line read for each question.
    fn written_at(
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

    proptest::proptest! {
        #[test]
        fn finds_what_reading_the_line_finds(
            text in "[\\[\\](){}\\\\é a\n]{0,24}",
            line in 0usize..4,
            node_col in 0usize..12,
            guess in 0usize..24,
            col in 0usize..14,
        ) {
            let mut written = Written::default();
            for needle in ["[", "]", "](", "{{", "{", "é"] {
                let ours = written.written_at(&text, line, node_col, guess, needle);
                let theirs = written_at(&text, line, node_col, guess, needle);
                proptest::prop_assert_eq!(ours, theirs, "{}", needle);
            }
            let rest = written
                .line_at(&text, line, col)
                .map_or("", |(source, byte)| source.get(byte..).unwrap_or(""));
            proptest::prop_assert_eq!(rest, line_from(&text, line, col));
        }
    }

    /// Where a new index of `file` finds `needle`.
    fn at(file: &str, line: usize, node_col: usize, guess: usize, needle: &str) -> Option<usize> {
        Written::default().written_at(file, line, node_col, guess, needle)
    }

    #[test]
    fn finds_the_nearest_place_written_as_it_is() {
        let file = "title\nSay “hi” {lang-cy} and {lang-cy}\n";
        assert_eq!(at(file, 2, 1, 10, "{lang"), Some(10));
        assert_eq!(at(file, 2, 1, 24, "{lang"), Some(24));
        assert_eq!(at(file, 2, 12, 10, "{lang"), Some(24));
        assert_eq!(at(file, 3, 1, 1, "{lang"), None);
        assert_eq!(at(file, 0, 1, 1, "{lang"), None);
    }

    #[test]
    fn an_escaped_mark_is_not_found() {
        assert_eq!(at("a \\{{ x }}\n", 1, 1, 3, "{{"), None);
        assert_eq!(at("a \\{lang=cy}\n", 1, 1, 3, "{lang"), None);
        assert_eq!(at("a &#123;{ x }}\n", 1, 1, 3, "{{"), None);
    }

    #[test]
    fn every_mark_of_a_long_line_is_found() {
        let line = "é[a](".repeat(1000);
        let file = format!("title\n{line}\n");
        let mut written = Written::default();
        for n in 0..1000 {
            let guess = 4 + 5 * n;
            assert_eq!(written.written_at(&file, 2, 1, guess, "]("), Some(guess));
            let (source, byte) = written.line_at(&file, 2, guess).unwrap_or_default();
            assert_eq!(source.len() - byte, line.len() - 6 * n - 4);
        }
        assert_eq!(written.written_at(&file, 3, 1, 1, "["), None);
    }
}
