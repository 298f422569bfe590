//! Where the brackets of a link are, in a text node and on a line of the file,
//! for rule `not-a-link`.
//!
//! The rule asks, for each `]` of a text node, about the `[` before it and the
//! characters before it, and then where a `[`, `]` or `](` it met is written in
//! the file. A long paragraph can have thousands on one line, in one text node
//! or in many. So a text node is read once, forward, carrying what it asks
//! about along ([`TextMarks`]); and each line of the file is read once, when
//! first asked about, with its marks kept in order, so a question is a binary
//! search, not another read of the line or of the file up to it
//! ([`LinkMarks`]). Like `source::written_at`, the answer is the place nearest
//! to a guess, and none when a backslash escapes it.

use super::source::FileLines;

/// A mark a link is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// `[`.
    Open,
    /// `]`.
    Shut,
    /// `](`.
    ShutOpen,
}

/// One place a mark is written.
#[derive(Debug, Clone, Copy)]
struct Place {
    /// The column, counted in characters from 1.
    col: usize,
    /// The byte of the line it starts at.
    byte: usize,
    /// True when a backslash is before it.
    escaped: bool,
}

/// The marks of a text node, read from its start on to a `]`.
#[derive(Debug, Default)]
pub(super) struct TextMarks {
    /// The bytes read, and the characters in them.
    byte: usize,
    chars: usize,
    /// The last `[` in them, as a byte and the characters before it.
    open: Option<(usize, usize)>,
    /// The last `]` in them.
    shut: Option<usize>,
}

impl TextMarks {
    /// Reads `text` on to byte `close` (a `]`, which is not read).
    pub(super) fn up_to(&mut self, text: &str, close: usize) {
        let bytes = text.as_bytes().get(self.byte..close).unwrap_or_default();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'[' => self.open = Some((self.byte + i, self.chars)),
                b']' => self.shut = Some(self.byte + i),
                _ => {}
            }
            // A character starts at every byte but those that go on one.
            if b & 0xc0 != 0x80 {
                self.chars += 1;
            }
        }
        self.byte = self.byte.max(close);
    }

    /// The `[` of the words before the `]` read up to (the last `[`, when no
    /// `]` is after it), as a byte and the characters before it.
    pub(super) fn words_open(&self) -> Option<(usize, usize)> {
        self.open.filter(|&(o, _)| self.shut.is_none_or(|s| s < o))
    }

    /// The characters read.
    pub(super) fn chars(&self) -> usize {
        self.chars
    }
}

/// The marks of one line of the file.
#[derive(Debug, Default)]
struct LineMarks {
    /// The line's number, from 1.
    number: usize,
    /// Where the line is in the file, in bytes.
    start: usize,
    end: usize,
    /// Where each mark is written, in order.
    opens: Vec<Place>,
    shuts: Vec<Place>,
    shut_opens: Vec<Place>,
}

/// The marks of the lines of one file, each line read when first asked about.
#[derive(Debug, Default)]
pub(super) struct LinkMarks {
    /// Where the lines of the file are.
    lines: FileLines,
    /// The line asked about last: text nodes come in order, so the next
    /// question is most often about the same line.
    line: Option<LineMarks>,
}

impl LinkMarks {
    /// The column at which `mark` is written on `line` of `file_text`: of the
    /// places at or after `node_col`, the one nearest to `guess` (the first of
    /// two as near). `None` when it is not written there, or is escaped.
    pub(super) fn written_at(
        &mut self,
        file_text: &str,
        line: usize,
        node_col: usize,
        guess: usize,
        mark: Mark,
    ) -> Option<usize> {
        let marks = self.line(file_text, line)?;
        let places = match mark {
            Mark::Open => &marks.opens,
            Mark::Shut => &marks.shuts,
            Mark::ShutOpen => &marks.shut_opens,
        };
        let places = &places[places.partition_point(|p| p.col < node_col)..];
        let after = places.partition_point(|p| p.col < guess);
        let before = after.checked_sub(1).and_then(|i| places.get(i));
        let nearest = match (before, places.get(after)) {
            (Some(b), Some(a)) if a.col.abs_diff(guess) < b.col.abs_diff(guess) => a,
            (Some(b), _) => b,
            (None, a) => a?,
        };
        (!nearest.escaped).then_some(nearest.col)
    }

    /// The text of `line` of `file_text` from the `](` written at column
    /// `col` on, as [`LinkMarks::written_at`] found it.
    pub(super) fn rest_of_line<'t>(
        &mut self,
        file_text: &'t str,
        line: usize,
        col: usize,
    ) -> &'t str {
        let Some(marks) = self.line(file_text, line) else {
            return "";
        };
        let at = marks.shut_opens.partition_point(|p| p.col < col);
        match marks.shut_opens.get(at).filter(|p| p.col == col) {
            Some(place) => file_text
                .get(marks.start + place.byte..marks.end)
                .unwrap_or(""),
            None => "",
        }
    }

    /// The marks of `line` (from 1) of `file_text`, read now unless it was
    /// the line asked about last.
    fn line(&mut self, file_text: &str, line: usize) -> Option<&LineMarks> {
        if self.line.as_ref().is_none_or(|m| m.number != line) {
            let (start, end) = self.lines.bounds(file_text, line)?;
            self.line = Some(read_marks(file_text.get(start..end)?, line, start));
        }
        self.line.as_ref()
    }
}

/// Reads where each mark is written on one line, which starts at byte `start`
/// of the file.
fn read_marks(source: &str, number: usize, start: usize) -> LineMarks {
    let mut marks = LineMarks {
        number,
        start,
        end: start + source.len(),
        ..LineMarks::default()
    };
    let mut prev = None;
    for (n, (byte, c)) in source.char_indices().enumerate() {
        let place = Place {
            col: n + 1,
            byte,
            escaped: prev == Some('\\'),
        };
        match c {
            '[' => marks.opens.push(place),
            ']' => {
                marks.shuts.push(place);
                if source.as_bytes().get(byte + 1) == Some(&b'(') {
                    marks.shut_opens.push(place);
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::source::{line_from, written_at};

    fn needle(mark: Mark) -> &'static str {
        match mark {
            Mark::Open => "[",
            Mark::Shut => "]",
            Mark::ShutOpen => "](",
        }
    }

    proptest::proptest! {
        #[test]
        fn a_text_read_forward_gives_what_reading_it_from_the_start_gives(
            text in "[\\[\\]aé ]{0,20}",
            asked in proptest::collection::vec(proptest::bool::ANY, 20),
        ) {
            let mut read = TextMarks::default();
            let closes = text.match_indices(']').map(|(i, _)| i);
            for (close, _) in closes.zip(asked).filter(|(_, asked)| *asked) {
                read.up_to(&text, close);
                let open = text[..close]
                    .rfind('[')
                    .filter(|&o| !text[o + 1..close].contains(']'))
                    .map(|o| (o, text[..o].chars().count()));
                proptest::prop_assert_eq!(read.words_open(), open);
                proptest::prop_assert_eq!(read.chars(), text[..close].chars().count());
            }
        }

        #[test]
        fn marks_are_found_where_written_at_finds_them(
            text in "[\\[\\]()\\\\é a\n]{0,24}",
            line in 0usize..4,
            node_col in 0usize..12,
            guess in 0usize..24,
        ) {
            let mut marks = LinkMarks::default();
            for mark in [Mark::Open, Mark::Shut, Mark::ShutOpen] {
                let ours = marks.written_at(&text, line, node_col, guess, mark);
                let theirs = written_at(&text, line, node_col, guess, needle(mark));
                proptest::prop_assert_eq!(ours, theirs, "{:?}", mark);
                if mark == Mark::ShutOpen && let Some(col) = ours {
                    proptest::prop_assert_eq!(
                        marks.rest_of_line(&text, line, col),
                        line_from(&text, line, col)
                    );
                }
            }
        }
    }

    #[test]
    fn every_mark_of_a_long_line_is_found() {
        let line = "[a](".repeat(1000);
        let file = format!("title\n{line}\n");
        let mut marks = LinkMarks::default();
        for n in 0..1000 {
            let guess = 3 + 4 * n;
            let col = marks.written_at(&file, 2, 1, guess, Mark::ShutOpen);
            assert_eq!(col, Some(guess));
            assert_eq!(
                marks.rest_of_line(&file, 2, guess).len(),
                line.len() - 4 * n - 2
            );
        }
        assert_eq!(marks.written_at(&file, 3, 1, 1, Mark::Open), None);
    }
}
