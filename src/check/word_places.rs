//! Where a word is written on a line of the file, for rule `abbreviation`.
//!
//! The rule reports each abbreviation no one explains at the column the file
//! has it at: the first place, at or after its text node's start, where the
//! word stands whole (or with a plural `s`). A long line can hold thousands of
//! such words, and reading the line again for each would take time that grows
//! with the square of its length; so each line is read once, into the places
//! each of its words starts at, and a question is a lookup.

use rustc_hash::FxHashMap;

use super::source::FileLines;

/// The words of the lines of one file, each line read when first asked about.
#[derive(Debug, Default)]
pub(super) struct WordPlaces {
    lines: FileLines,
    /// The line asked about last, as text nodes come in order.
    line: Option<LineWords>,
}

impl WordPlaces {
    /// The column of `word` (letters and digits) on `line` of `file_text`:
    /// where it stands whole,
    /// at or after column `node_col` (its text node's start), or `node_col +
    /// offset` when it is not written there as it is (smart quotes and
    /// entities can make the node's text differ from the file's).
    pub(super) fn locate(
        &mut self,
        file_text: &str,
        line: usize,
        node_col: usize,
        (offset, word): (usize, &str),
    ) -> usize {
        let guess = node_col + offset;
        let Some(source) = self.lines.line(file_text, line.max(1)) else {
            return guess;
        };
        if self.line.as_ref().is_none_or(|l| l.number != line) {
            self.line = Some(LineWords::read(source, line));
        }
        let found = self
            .line
            .as_ref()
            .and_then(|l| l.find(source, node_col, word));
        found.unwrap_or(guess)
    }

    /// Line `line` (from 1) of `file_text`, as written.
    pub(super) fn source_line<'t>(&mut self, file_text: &'t str, line: usize) -> Option<&'t str> {
        self.lines.line(file_text, line)
    }
}

/// The words of one line.
#[derive(Debug)]
struct LineWords {
    /// The line's number.
    number: usize,
    /// The byte each character starts at, when the line is not all ASCII.
    char_bytes: Option<Vec<usize>>,
    /// Where each word that can be found starts, as characters from 0, in
    /// order: each run of letters and digits, whole, and its part before each
    /// `s` in it (`GPs` is a use of `GP`).
    starts: FxHashMap<String, Vec<usize>>,
}

impl LineWords {
    /// Reads the words of `source`, line `number` of the file.
    fn read(source: &str, number: usize) -> LineWords {
        let char_bytes =
            (!source.is_ascii()).then(|| source.char_indices().map(|(i, _)| i).collect());
        let mut starts: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut prev: Option<char> = None;
        for (n, (i, c)) in source.char_indices().enumerate() {
            if c.is_alphanumeric() && !prev.is_some_and(char::is_alphanumeric) {
                let rest = &source[i..];
                let end = rest
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(rest.len());
                let run = &rest[..end];
                let before_s = run.match_indices('s').map(|(k, _)| k).filter(|&k| k > 0);
                for k in before_s.chain([end]) {
                    starts.entry(run[..k].to_owned()).or_default().push(n);
                }
            }
            prev = Some(c);
        }
        LineWords {
            number,
            char_bytes,
            starts,
        }
    }

    /// The column of the first place `word` stands whole in `source` (this
    /// line), at or after column `node_col`.
    fn find(&self, source: &str, node_col: usize, word: &str) -> Option<usize> {
        let skip = node_col.saturating_sub(1);
        // Read from the node's start, the word there has nothing before it.
        let at_skip = self
            .byte_of(source, skip)
            .filter(|&b| stands_whole(source, b, word))
            .map(|_| skip);
        let later = self.starts.get(word).and_then(|places| {
            let after = places.partition_point(|&n| n <= skip);
            places.get(after).copied()
        });
        at_skip.or(later).map(|n| node_col + (n - skip))
    }

    /// The byte character `n` of `source` starts at.
    fn byte_of(&self, source: &str, n: usize) -> Option<usize> {
        match &self.char_bytes {
            Some(bytes) => bytes.get(n).copied(),
            None => (n < source.len()).then_some(n),
        }
    }
}

/// True when `source` has `word` at byte `at`, and no letter or digit after
/// it but a plural `s`.
fn stands_whole(source: &str, at: usize, word: &str) -> bool {
    let Some(rest) = source.get(at..).and_then(|r| r.strip_prefix(word)) else {
        return false;
    };
    !rest
        .chars()
        .next()
        .filter(|c| *c != 's')
        .is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `locate` as first written: the line read from the node's start.
    fn locate_by_reading(
        file_text: &str,
        line: usize,
        node_col: usize,
        offset: usize,
        word: &str,
    ) -> usize {
        let guess = node_col + offset;
        let Some(source) = file_text.lines().nth(line.saturating_sub(1)) else {
            return guess;
        };
        let from: String = source.chars().skip(node_col.saturating_sub(1)).collect();
        let is_word = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
        let mut prev: Option<char> = None;
        for (n, (i, c)) in from.char_indices().enumerate() {
            if is_word(prev)
                && from[i..].starts_with(word)
                && is_word(from[i + word.len()..].chars().next().filter(|c| *c != 's'))
            {
                return node_col + n;
            }
            prev = Some(c);
        }
        guess
    }

    proptest::proptest! {
        #[test]
        fn finds_what_reading_the_line_finds(
            text in "[ABsé1 \n-]{0,24}",
            line in 0usize..4,
            node_col in 0usize..10,
            word in "(A|AB|B1|ABs|s)",
        ) {
            let mut places = WordPlaces::default();
            for offset in [0, 3] {
                proptest::prop_assert_eq!(
                    places.locate(&text, line, node_col, (offset, &word)),
                    locate_by_reading(&text, line, node_col, offset, &word)
                );
            }
        }
    }

    #[test]
    fn finds_each_of_many_words_on_one_line() {
        let line: String = (0..20_000).map(|n| format!("ZQ{n} a ")).collect();
        let file = format!("é\né {line}\n");
        let mut places = WordPlaces::default();
        let mut col = 3;
        for n in 0..20_000 {
            let word = format!("ZQ{n}");
            assert_eq!(places.locate(&file, 2, 1, (0, &word)), col);
            col += word.len() + 3;
        }
        assert_eq!(places.locate(&file, 2, 1, (7, "ZQ")), 8);
        assert_eq!(places.locate(&file, 3, 1, (7, "ZQ1")), 8);
    }
}
