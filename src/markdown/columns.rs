//! Byte columns to character columns, for every node of a parsed page.
//!
//! Runs straight after comrak has parsed a page and before any other pass, so
//! that every diagnostic counts columns in characters, as editors do. comrak can
//! do this itself (`parse.sourcepos_chars`), but it rescans the line from its
//! start for every node, which is quadratic on a long line with many nodes (a
//! 60 KB line of nested emphasis took minutes). This pass reads each line once.
//! It must not change anything but the columns. The conversion is done by the
//! first walk over the tree (`listing`), node by node, with [`Lines`].
//!
//! Every page's text passes through here, so the lines are found eight bytes at
//! a time, and a page that is all ASCII (most are) is known to be so from one
//! check of the whole text: its columns are only held to the line's length.

#[cfg(test)]
use comrak::nodes::{AstNode, LineColumn};

/// Lines of a text, as `str::lines` gives them, with the character starts of
/// each line that is not ASCII, worked out the first time that line is asked
/// about.
pub(super) struct Lines<'t> {
    lines: Vec<&'t str>,
    /// True when the whole text is ASCII: every byte is a character.
    ascii: bool,
    /// For each line once asked about: `None` when it is ASCII (a byte is a
    /// character), else the byte offset of each character's start. Empty when
    /// the whole text is ASCII.
    starts: Vec<Option<Option<Vec<u32>>>>,
}

impl<'t> Lines<'t> {
    /// The lines of `text`.
    pub(super) fn new(text: &'t str) -> Self {
        let lines = lines_of(text);
        let ascii = text.is_ascii();
        let starts = if ascii {
            Vec::new()
        } else {
            vec![None; lines.len()]
        };
        Lines {
            lines,
            ascii,
            starts,
        }
    }

    /// The 1-based character column of 1-based byte column `byte_col` on
    /// 1-based line `line`. Past the end of the line is just after its last
    /// character; a line that does not exist or column 0 are left as they are.
    #[inline]
    pub(super) fn char_col(&mut self, line: usize, byte_col: usize) -> usize {
        let Some(text) = (byte_col > 0)
            .then(|| self.lines.get(line.wrapping_sub(1)).copied())
            .flatten()
        else {
            return byte_col;
        };
        if self.ascii {
            return byte_col.min(text.len() + 1);
        }
        self.decoded_col(line - 1, text, byte_col)
    }

    /// [`Lines::char_col`] on a text that is not all ASCII: `text` is line
    /// `index` (0-based).
    #[inline(never)]
    fn decoded_col(&mut self, index: usize, text: &'t str, byte_col: usize) -> usize {
        let Some(slot) = self.starts.get_mut(index) else {
            return byte_col;
        };
        let known = slot.get_or_insert_with(|| {
            (!text.is_ascii()).then(|| {
                text.char_indices()
                    .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
                    .collect()
            })
        });
        let Some(starts) = known else {
            return byte_col.min(text.len() + 1);
        };
        if byte_col > text.len() {
            return starts.len() + 1;
        }
        // Characters that start at or before the byte: comrak counts a column in
        // the middle of a character as that character.
        let byte = u32::try_from(byte_col - 1).unwrap_or(u32::MAX);
        starts.partition_point(|&s| s <= byte)
    }
}

/// The high bit of each byte of `x` (eight bytes) that is a line feed; every
/// other bit clear. No byte borrows from another, so each is judged alone.
fn line_feeds(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const FEEDS: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    let y = x ^ FEEDS; // a zero byte where `x` has a line feed
    !(((y & LOW7) + LOW7) | y | LOW7)
}

/// `text.lines()`, with the line feeds found eight bytes at a time.
fn lines_of(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    // About one line in 60 bytes: room for most pages at once.
    let mut lines = Vec::with_capacity(bytes.len() / 48 + 1);
    let mut start = 0;
    let mut push = |start: usize, end: usize| {
        // Line feeds are ASCII, so both ends are character boundaries; a
        // carriage return just before the line feed is not part of the line.
        let line = text.get(start..end).unwrap_or("");
        lines.push(line.strip_suffix('\r').unwrap_or(line));
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        let mut feeds = line_feeds(u64::from_le_bytes(
            <[u8; 8]>::try_from(chunk).unwrap_or([0; 8]),
        ));
        while feeds != 0 {
            let end = at + (feeds.trailing_zeros() / 8) as usize;
            push(start, end);
            start = end + 1;
            feeds &= feeds - 1;
        }
        at += 8;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        if b == b'\n' {
            push(start, at + i);
            start = at + i + 1;
        }
    }
    if start < bytes.len() {
        lines.push(text.get(start..).unwrap_or(""));
    }
    lines
}

/// Rewrites the start and end column of every node under `root` (itself
/// included) from bytes to characters of `text`, the text comrak parsed. A
/// page's own walk (`listing`) does this as it goes; this is its reference.
#[cfg(test)]
pub(crate) fn to_char_columns<'a>(root: &'a AstNode<'a>, text: &str) {
    let mut lines = Lines::new(text);
    let mut convert = |lc: &mut LineColumn| lc.column = lines.char_col(lc.line, lc.column);
    for node in root.descendants() {
        let mut data = node.data_mut();
        convert(&mut data.sourcepos.start);
        convert(&mut data.sourcepos.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        let mut lines = Lines::new("abc\né é x\n");
        assert_eq!(lines.char_col(1, 2), 2);
        assert_eq!(lines.char_col(1, 9), 4);
        // "é é x": é is two bytes; byte 4 is the second é's start.
        assert_eq!(lines.char_col(2, 4), 3);
        assert_eq!(lines.char_col(2, 5), 3);
        assert_eq!(lines.char_col(2, 7), 5);
        assert_eq!(lines.char_col(2, 99), 6);
        assert_eq!(lines.char_col(9, 5), 5);
        assert_eq!(lines.char_col(2, 0), 0);
    }

    #[test]
    fn gives_the_same_columns_as_comrak() {
        let text = "---\ntitle: é\n---\n\nÀ *b* [ç](x) **é** `ü` \u{1F600} end\n\n- ö *ü*\n";
        let mut options = comrak::Options::default();
        options.extension.front_matter_delimiter = Some("---".to_owned());
        let ours_arena = comrak::Arena::new();
        let ours = comrak::parse_document(&ours_arena, text, &options);
        to_char_columns(ours, text);
        options.parse.sourcepos_chars = true;
        let theirs_arena = comrak::Arena::new();
        let theirs = comrak::parse_document(&theirs_arena, text, &options);
        fn positions<'a>(root: &'a AstNode<'a>) -> Vec<comrak::nodes::Sourcepos> {
            root.descendants().map(|n| n.data().sourcepos).collect()
        }
        assert_eq!(positions(ours), positions(theirs));
    }

    /// The column as first worked out: the line from `str::lines`, its
    /// characters decoded.
    fn by_decoding(text: &str, line: usize, byte_col: usize) -> usize {
        let Some(text) = (byte_col > 0)
            .then(|| text.lines().nth(line.wrapping_sub(1)))
            .flatten()
        else {
            return byte_col;
        };
        if byte_col > text.len() {
            return text.chars().count() + 1;
        }
        text.char_indices().filter(|&(i, _)| i < byte_col).count()
    }

    #[test]
    fn finds_the_lines_str_lines_finds() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb\r",
            "\r\n\r\n",
            "one line that is longer than eight\nbytes\n\nand é\n",
            "\n\n\n\n\n\n\n\n\n",
            "12345678\n1234567\n",
        ] {
            assert_eq!(lines_of(text), text.lines().collect::<Vec<_>>(), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_line_is_found_as_str_lines_finds_it(text in "[ab\r\n\n\u{a}é\u{1F600}\u{8a}]{0,40}") {
            proptest::prop_assert_eq!(lines_of(&text), text.lines().collect::<Vec<_>>());
        }

        #[test]
        fn any_column_is_counted_as_decoding_counts_it(
            text in "[ab\r\n\né\u{1F600}]{0,30}",
            at in proptest::collection::vec((0usize..8, 0usize..40), 1..12),
        ) {
            let mut lines = Lines::new(&text);
            for (line, col) in at {
                proptest::prop_assert_eq!(lines.char_col(line, col), by_decoding(&text, line, col));
            }
        }
    }
}
