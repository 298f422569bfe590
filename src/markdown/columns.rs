//! Byte columns to character columns, for every node of a parsed page.
//!
//! Runs straight after comrak has parsed a page and before any other pass, so
//! that every diagnostic counts columns in characters, as editors do. comrak can
//! do this itself (`parse.sourcepos_chars`), but it rescans the line from its
//! start for every node, which is quadratic on a long line with many nodes (a
//! 60 KB line of nested emphasis took minutes). This pass reads each line once.
//! It must not change anything but the columns.

use comrak::nodes::{AstNode, LineColumn};

/// Lines of a text, with the character starts of each line that is not ASCII,
/// worked out the first time that line is asked about.
struct Lines<'t> {
    lines: Vec<&'t str>,
    /// For each line once asked about: `None` when it is ASCII (a byte is a
    /// character), else the byte offset of each character's start.
    starts: Vec<Option<Option<Vec<u32>>>>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let starts = vec![None; lines.len()];
        Lines { lines, starts }
    }

    /// The 1-based character column of 1-based byte column `byte_col` on
    /// 1-based line `line`. Past the end of the line is just after its last
    /// character; a line that does not exist or column 0 are left as they are.
    fn char_col(&mut self, line: usize, byte_col: usize) -> usize {
        let Some(text) = (byte_col > 0)
            .then(|| self.lines.get(line.wrapping_sub(1)))
            .flatten()
        else {
            return byte_col;
        };
        let known = self.starts[line - 1].get_or_insert_with(|| {
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

/// Rewrites the start and end column of every node under `root` (itself
/// included) from bytes to characters of `text`, the text comrak parsed.
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
}
