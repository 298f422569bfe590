//! Which text rules a text node needs: one read of its bytes, eight at a
//! time, for the few bytes those rules start from.
//!
//! Every text node of every page passes the rules `abbreviation` (two capitals
//! side by side), `raw-html`'s pasted characters (bytes from 128 up), `template-code`
//! and `lang-marker` (`{`), `not-a-link` (`]`), `footnote` (`^`) and
//! `not-bold` (`*` and `_`). Each rule
//! looks for its own bytes first and stops when there are none, and most text
//! has none of them; asking each rule in turn reads the text once per rule.
//! [`scan`] reads it once for all of them, so `check_tree` hands a text only
//! to the rules whose bytes it holds. It holds no state and reports nothing.

/// Bytes of interest found in a text, as bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Found(u8);

const CAPITAL_PAIR: u8 = 1;
const NON_ASCII: u8 = 2;
const OPEN_BRACE: u8 = 4;
const CLOSE_BRACKET: u8 = 8;
const CARET: u8 = 16;
const ASTERISK: u8 = 32;
const UNDERSCORE: u8 = 64;

impl Found {
    /// Two ASCII capitals side by side (`MASH`).
    pub(super) fn capital_pair(self) -> bool {
        self.0 & CAPITAL_PAIR != 0
    }
    /// A byte from 128 up: a character longer than one byte.
    pub(super) fn non_ascii(self) -> bool {
        self.0 & NON_ASCII != 0
    }
    /// A `{`.
    pub(super) fn open_brace(self) -> bool {
        self.0 & OPEN_BRACE != 0
    }
    /// A `]`.
    pub(super) fn close_bracket(self) -> bool {
        self.0 & CLOSE_BRACKET != 0
    }
    /// A `^`.
    pub(super) fn caret(self) -> bool {
        self.0 & CARET != 0
    }
    /// A `*`.
    pub(super) fn asterisk(self) -> bool {
        self.0 & ASTERISK != 0
    }
    /// A `_`.
    pub(super) fn underscore(self) -> bool {
        self.0 & UNDERSCORE != 0
    }
}

const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// Reads `bytes` eight at a time. Capitals are found with
/// [`crate::text::capital_mask`]; the other bytes of interest are all rare
/// (`[` to `` ` ``, and `{` up, which takes in every byte from 128), so one
/// mask finds whether an 8-byte word has any of them, and only those bytes are
/// looked at one by one. The last few bytes are read as the file's last eight
/// (read again: a byte found twice is found), or, in a text shorter than
/// eight, as a word padded with zero bytes, which are none of these.
pub(super) fn scan(bytes: &[u8]) -> Found {
    let mut read = Read::default();
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        read.word(word_of(chunk));
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let last = match bytes.len().checked_sub(8) {
            // The last eight bytes hold the byte before the tail, so a pair
            // across the border is inside them.
            Some(from) => {
                read.capital_before = 0;
                word_of(&bytes[from..])
            }
            None => tail
                .iter()
                .rev()
                .fold(0u64, |word, &b| word << 8 | u64::from(b)),
        };
        read.word(last);
    }
    if read.pairs != 0 {
        read.found |= CAPITAL_PAIR;
    }
    Found(read.found)
}

/// The eight bytes at the start of `bytes` (which has at least eight) as a
/// little-endian word.
#[inline(always)]
fn word_of(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    if let Some(eight) = bytes.get(..8) {
        word.copy_from_slice(eight);
    }
    u64::from_le_bytes(word)
}

/// What [`scan`] has found so far.
#[derive(Default)]
struct Read {
    found: u8,
    /// The high bit of each capital with a capital before it.
    pairs: u64,
    /// 0x80 when the byte before the next word is a capital, else 0.
    capital_before: u64,
}

impl Read {
    /// Reads one 8-byte little-endian word `x`.
    #[inline(always)]
    fn word(&mut self, x: u64) {
        let capitals = crate::text::capital_mask(x);
        self.pairs |= capitals & (capitals << 8 | self.capital_before);
        self.capital_before = capitals >> 56;
        let low = x & LOW7;
        // High bit set from 0x5b (`[`) but not from 0x61 (`a`); or from 0x7b
        // (`{`) up, or from 128 up.
        // And each `*`: a zero byte once `*` is taken away, found with a
        // borrow that may also mark a byte above it, which the match drops.
        let stars = x ^ 0x2a2a_2a2a_2a2a_2a2a;
        let mut rare = ((low + 0x2525_2525_2525_2525) & !(low + 0x1f1f_1f1f_1f1f_1f1f)
            | (low + 0x0505_0505_0505_0505)
            | x
            | stars.wrapping_sub(0x0101_0101_0101_0101) & !stars)
            & HIGH;
        while rare != 0 {
            let at = rare.trailing_zeros() - 7;
            rare &= rare - 1;
            self.found |= match (x >> at) as u8 {
                b'{' => OPEN_BRACE,
                b']' => CLOSE_BRACKET,
                b'^' => CARET,
                b'*' => ASTERISK,
                b'_' => UNDERSCORE,
                128.. => NON_ASCII,
                _ => 0,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`scan`] finds, a byte at a time.
    fn by_bytes(bytes: &[u8]) -> Found {
        let mut found = 0;
        if crate::text::has_capital_pair(bytes) {
            found |= CAPITAL_PAIR;
        }
        for (has, bit) in [
            (bytes.iter().any(|&b| b >= 128), NON_ASCII),
            (bytes.contains(&b'{'), OPEN_BRACE),
            (bytes.contains(&b']'), CLOSE_BRACKET),
            (bytes.contains(&b'^'), CARET),
            (bytes.contains(&b'*'), ASTERISK),
            (bytes.contains(&b'_'), UNDERSCORE),
        ] {
            if has {
                found |= bit;
            }
        }
        Found(found)
    }

    #[test]
    fn finds_each_kind_of_byte() {
        assert_eq!(scan(b""), Found(0));
        assert_eq!(scan(b"plain words, nothing else"), Found(0));
        assert!(scan(b"the MASH").capital_pair());
        assert!(scan(b"1234567AB").capital_pair());
        assert!(!scan(b"A b C d E f G h").capital_pair());
        assert!(scan("café".as_bytes()).non_ascii());
        assert!(scan(b"{{ x }}").open_brace());
        assert!(scan(b"[a] (b)").close_bracket());
        assert!(scan(b"[^1]").caret());
        assert!(scan(b"a **b **c").asterisk());
        assert!(!scan(b"a ++b +)c").asterisk());
        assert!(scan(b"a __b __c").underscore());
        assert_eq!(scan(b"[\\`|}~\x7f"), Found(0));
    }

    proptest::proptest! {
        #[test]
        fn eight_at_a_time_finds_what_a_byte_loop_finds(
            text in "[aAzZ@\\\\\\[\\]^_`{|}~ 0é’\u{c1}\u{80}\u{7f}*+)\u{1}]{0,40}",
        ) {
            proptest::prop_assert_eq!(scan(text.as_bytes()), by_bytes(text.as_bytes()));
        }
    }
}
