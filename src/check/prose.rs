//! The words of prose as the reading grade reads them: a paragraph's text cut at
//! spaces, each piece trimmed, judged a word (it has a letter or digit) or a mark,
//! its syllables counted, and whether it ends a sentence.
//!
//! Part of the `reading-grade` rule ([`super::reading`]), which counts what this
//! gives; it holds no state and reads nothing but the piece it is given. Every
//! word of every page passes through [`read_piece`], so an ASCII piece (most of
//! them) is read byte by byte in one loop, and only others are decoded; a test
//! holds the two paths to the same rules on any text.

/// Marks that end a sentence: the Latin ones, and those of other scripts a
/// translation may be in (the Urdu and Arabic full stop and question mark, the
/// Devanagari and Bengali danda, the ideographic full stop).
const SENTENCE_ENDS: [char; 8] = ['.', '!', '?', '۔', '؟', '।', '。', '？'];

/// Words that end with a full stop but do not end a sentence.
const NOT_SENTENCE_ENDS: &[&str] = &[
    "e.g.", "i.e.", "mr.", "mrs.", "ms.", "dr.", "no.", "vs.", "st.",
];

/// Closing marks a sentence end may hide behind: `end.”`, `(see above.)`.
const CLOSERS: [char; 7] = ['"', '\'', '”', '’', ')', ']', '*'];

/// What one space-separated piece of a paragraph's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Piece<'t> {
    /// No letter or digit: punctuation, a dash, or nothing. `ends` when it starts
    /// with a sentence end (the full stop after `code` or a link arrives as text
    /// of its own).
    Mark { ends: bool },
    /// A word, trimmed of white space, with its syllables; `ends` when it ends
    /// its sentence.
    Word {
        word: &'t str,
        syllables: usize,
        ends: bool,
    },
}

/// Reads one piece (text between two spaces): what it is, and its length in
/// characters.
pub(super) fn read_piece(piece: &str) -> (Piece<'_>, usize) {
    match read_ascii(piece) {
        Some(read) => (read, piece.len()),
        None => (read_any(piece.trim()), piece.chars().count()),
    }
}

/// What an ASCII byte is to [`read_ascii`]: a bit each for a letter and a
/// vowel (`aeiouy`, either case); bytes from 128 up are [`LONGER`].
const BYTE_KIND: [u8; 256] = {
    let mut table = [LONGER; 256];
    let mut b = 0;
    while b < 128 {
        let c = (b as u8).to_ascii_lowercase();
        table[b] = if matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y') {
            LETTER | VOWEL
        } else if c.is_ascii_alphabetic() {
            LETTER
        } else {
            0
        };
        b += 1;
    }
    table
};
const LETTER: u8 = 1;
const VOWEL: u8 = 2;
/// A byte of a character longer than one byte.
const LONGER: u8 = 8;

/// `str::trim` for ASCII text: the ASCII characters Unicode calls white space.
fn trim_ascii_space(piece: &str) -> &str {
    let space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ');
    let bytes = piece.as_bytes();
    let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !space(b))
        .map_or(start, |i| i + 1);
    piece.get(start..end).unwrap_or("")
}

/// A piece read in one pass over its bytes, or `None` when it is not all
/// ASCII. White space is neither a letter nor a digit, so the bytes are read
/// before the piece is trimmed.
fn read_ascii(piece: &str) -> Option<Piece<'_>> {
    let mut digit = false;
    let mut groups = 0;
    let mut in_vowels = false;
    let (mut last, mut before_last) = (0u8, 0u8);
    for &b in piece.as_bytes() {
        let kind = BYTE_KIND[usize::from(b)];
        if kind & LETTER != 0 {
            let vowel = kind & VOWEL != 0;
            if vowel && !in_vowels {
                groups += 1;
            }
            in_vowels = vowel;
            before_last = last;
            last = b | 0x20;
        } else if b.is_ascii_digit() {
            digit = true;
        } else if kind == LONGER {
            return None;
        }
    }
    let word = trim_ascii_space(piece);
    let bytes = word.as_bytes();
    // A letter was seen exactly when `last` was set.
    let letters = last != 0;
    if !digit && !letters {
        return Some(Piece::Mark {
            ends: matches!(bytes.first(), Some(b'.' | b'!' | b'?')),
        });
    }
    let syllables = if !letters {
        1 // a number
    } else {
        settle(groups, last == b'e', before_last == b'l')
    };
    Some(Piece::Word {
        word,
        syllables,
        ends: ends_ascii(bytes),
    })
}

/// For each byte after a letter that was (from 256) or was not (below 256) a
/// vowel: bit [`IN_VOWELS`] when the last letter is a vowel after it, bit
/// [`STARTS_GROUP`] when it is a vowel that starts a group, and a bit each for
/// a space, other white space, a letter and a digit. Bytes that are not
/// letters leave the group as it was.
const STEP: [u8; 512] = {
    let mut table = [0u8; 512];
    let mut i = 0;
    while i < 512 {
        let carried = if i >= 256 { IN_VOWELS } else { 0 };
        let b = (i % 256) as u8;
        let kind = BYTE_KIND[b as usize];
        table[i] = if b == b' ' {
            SPACE
        } else if kind & LETTER != 0 {
            if kind & VOWEL == 0 {
                IS_LETTER
            } else if carried != 0 {
                IS_LETTER | IN_VOWELS
            } else {
                IS_LETTER | IN_VOWELS | STARTS_GROUP
            }
        } else if b.is_ascii_digit() {
            IS_DIGIT | carried
        } else if matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
            WHITE | carried
        } else {
            carried
        };
        i += 1;
    }
    table
};
const IN_VOWELS: u8 = 1;
const STARTS_GROUP: u8 = 2;
const SPACE: u8 = 4;
const WHITE: u8 = 8;
const IS_LETTER: u8 = 16;
const IS_DIGIT: u8 = 32;

/// Reads the piece of `text`, which is all ASCII, that starts at byte `start`
/// and runs to the next space (or the end): the piece, as [`read_piece`] reads
/// it, and the byte it ends at. A walk over a text's pieces this way finds
/// the pieces `text.split(' ')` gives, reading each byte once through
/// [`STEP`] (and the last few again, for the last letters and closing marks).
#[inline(always)]
pub(super) fn read_ascii_piece(text: &str, start: usize) -> (Piece<'_>, usize) {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut step = 0u8;
    let mut seen = 0u8;
    let mut groups = 0;
    while let Some(&b) = bytes.get(end) {
        let t = STEP[usize::from(step & IN_VOWELS) << 8 | usize::from(b)];
        if t & SPACE != 0 {
            break;
        }
        groups += usize::from(t >> 1 & 1);
        seen |= t;
        step = t;
        end += 1;
    }
    let piece = text.get(start..end).unwrap_or("");
    // Other white space is rare: the piece is trimmed only when it has some.
    let word = if seen & WHITE != 0 {
        trim_ascii_space(piece)
    } else {
        piece
    };
    let bytes = word.as_bytes();
    if seen & (IS_LETTER | IS_DIGIT) == 0 {
        return (
            Piece::Mark {
                ends: matches!(bytes.first(), Some(b'.' | b'!' | b'?')),
            },
            end,
        );
    }
    let syllables = if seen & IS_LETTER == 0 {
        1 // a number
    } else {
        // The last two letters, lowercased, from the end (white space is not
        // a letter, so the word's bytes are the piece's).
        let mut letters = bytes
            .iter()
            .rev()
            .filter(|&&b| BYTE_KIND[usize::from(b)] & LETTER != 0);
        let last = letters.next().map_or(0, |b| b | 0x20);
        let before_last = letters.next().map_or(0, |b| b | 0x20);
        settle(groups, last == b'e', before_last == b'l')
    };
    (
        Piece::Word {
            word,
            syllables,
            ends: ends_ascii(bytes),
        },
        end,
    )
}

/// True when an ASCII word ends its sentence: it ends with `.`, `!` or `?`
/// (behind any closing marks), and is not one of [`NOT_SENTENCE_ENDS`].
#[inline(always)]
fn ends_ascii(bytes: &[u8]) -> bool {
    // The closing marks are ASCII: trimmed byte by byte.
    let closer = |b: &u8| matches!(b, b'"' | b'\'' | b')' | b']' | b'*');
    let kept = bytes.iter().rposition(|b| !closer(b)).map_or(0, |i| i + 1);
    let bare = bytes.get(..kept).unwrap_or(bytes);
    matches!(bare.last(), Some(b'.' | b'!' | b'?'))
        && !(bare.len() <= 4
            && NOT_SENTENCE_ENDS
                .iter()
                .any(|n| bare.eq_ignore_ascii_case(n.as_bytes())))
}

/// A piece with other characters, already trimmed, decoded as characters.
fn read_any(word: &str) -> Piece<'_> {
    if !crate::text::has_alphanumeric(word) {
        return Piece::Mark {
            ends: word.starts_with(SENTENCE_ENDS),
        };
    }
    let bare = word.trim_end_matches(CLOSERS);
    Piece::Word {
        word,
        syllables: syllables(word),
        ends: bare.ends_with(SENTENCE_ENDS) && !is_exception(bare),
    }
}

/// True for `e.g.`, `Mr.` and the other words that end with a full stop but
/// not a sentence. They are ASCII, and no other character lowercases to one of
/// their letters, so an ASCII comparison is the lowercase one.
fn is_exception(bare: &str) -> bool {
    bare.len() <= 4
        && NOT_SENTENCE_ENDS
            .iter()
            .any(|n| bare.eq_ignore_ascii_case(n))
}

/// Syllables in a word: groups of vowels, less a silent final `e`; at least one.
fn syllables(word: &str) -> usize {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut groups = 0;
    let mut in_vowels = false;
    let (mut last, mut before_last) = (None, None);
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        let c = c.to_ascii_lowercase();
        let v = vowel(c);
        if v && !in_vowels {
            groups += 1;
        }
        in_vowels = v;
        before_last = last;
        last = Some(c);
    }
    if last.is_none() {
        return 1; // a number
    }
    settle(groups, last == Some('e'), before_last == Some('l'))
}

/// Syllables from vowel groups: a final `e` is silent after anything but an
/// `l` (`make`, but `little`), in a word of more than one group; at least one.
fn settle(groups: usize, ends_in_e: bool, l_before: bool) -> usize {
    if groups > 1 && ends_in_e && !l_before {
        groups - 1
    } else {
        groups.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules as first written, on decoded characters: the reference both
    /// paths must agree with.
    fn by_the_rules(piece: &str) -> (Piece<'_>, usize) {
        let chars = piece.chars().count();
        let word = piece.trim();
        if !crate::text::has_alphanumeric(word) {
            let ends = word.starts_with(SENTENCE_ENDS);
            return (Piece::Mark { ends }, chars);
        }
        let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        let mut count = 0;
        let mut previous = false;
        let (mut last, mut before_last) = (None, None);
        for c in word.chars().filter(|c| c.is_alphabetic()) {
            let c = c.to_ascii_lowercase();
            let v = vowel(c);
            if v && !previous {
                count += 1;
            }
            previous = v;
            before_last = last;
            last = Some(c);
        }
        let syllables = if last.is_none() {
            1
        } else {
            if count > 1 && last == Some('e') && before_last != Some('l') {
                count -= 1;
            }
            count.max(1)
        };
        let bare = word.trim_end_matches(CLOSERS);
        let ends = bare.ends_with(SENTENCE_ENDS)
            && !NOT_SENTENCE_ENDS
                .iter()
                .any(|n| bare.eq_ignore_ascii_case(n));
        let read = Piece::Word {
            word,
            syllables,
            ends,
        };
        (read, chars)
    }

    #[test]
    fn counts_syllables_roughly_as_people_do() {
        for (word, n) in [
            ("the", 1),
            ("child", 1),
            ("children", 2),
            ("protection", 3),
            ("make", 1),
            ("little", 2),
            ("partnership", 3),
            ("agency", 3),
            ("2019", 1),
        ] {
            let (Piece::Word { syllables, .. }, _) = read_piece(word) else {
                panic!("{word} is a word");
            };
            assert_eq!(syllables, n, "{word}");
        }
    }

    #[test]
    fn sentence_ends_and_their_exceptions() {
        let ends = |p: &str| match read_piece(p).0 {
            Piece::Word { ends, .. } | Piece::Mark { ends } => ends,
        };
        for p in [
            "end.", "end.\"", "(end.)", "end!", "end?”", ".", "۔", "end۔", "No.5.",
        ] {
            assert!(ends(p), "{p}");
        }
        for p in ["e.g.", "Mr.", "MRS.", "No.", "end", "end,", "...x", "-", ""] {
            assert!(!ends(p), "{p}");
        }
        assert_eq!(read_piece("\tword\u{b} ").0, read_piece("word").0);
        assert_eq!(read_piece("\u{a0}word\u{a0}").1, 6);
    }

    #[test]
    fn the_reference_rules_agree_with_examples() {
        for p in ["make.", "little", "2019", "e.g.", "—", "café’s", "\u{1c}x"] {
            assert_eq!(read_piece(p), by_the_rules(p), "{p:?}");
        }
    }

    /// `text.split(' ')`, each piece read by [`read_piece`].
    fn split_and_read(text: &str) -> Vec<Piece<'_>> {
        text.split(' ').map(|p| read_piece(p).0).collect()
    }

    /// The pieces of ASCII `text` as [`read_ascii_piece`] walks them.
    fn walk_ascii(text: &str) -> Vec<Piece<'_>> {
        let mut out = Vec::new();
        let mut start = 0;
        loop {
            let (piece, end) = read_ascii_piece(text, start);
            out.push(piece);
            if end >= text.len() {
                return out;
            }
            start = end + 1;
        }
    }

    #[test]
    fn a_walk_over_ascii_text_reads_the_pieces_a_split_gives() {
        for text in [
            "",
            " ",
            "a",
            "a b",
            " a  b ",
            "end. e.g. Mr. (x.)",
            "2019 - ok",
        ] {
            assert_eq!(walk_ascii(text), split_and_read(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn a_walk_over_any_ascii_text_reads_the_pieces_a_split_gives(
            text in "[aeilxyEL19.!?,'\")\\]*\t\u{b}\u{c}\r\n\u{1c} -]{0,24}"
        ) {
            proptest::prop_assert_eq!(walk_ascii(&text), split_and_read(&text));
        }

        #[test]
        fn both_paths_read_any_piece_as_the_rules_say(
            piece in "[aeilxyEL19.!?,'\")\\]*\t\u{b}\u{c}\r\n\u{1c}\u{a0}é’”۔。Ⅻ-]{0,8}"
        ) {
            proptest::prop_assert_eq!(read_piece(&piece), by_the_rules(&piece));
        }
    }
}
