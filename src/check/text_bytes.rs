//! Which text rules a text node needs: one read of its bytes, eight at a
//! time, for the few bytes those rules start from.
//!
//! Every text node of every page passes the rules `abbreviation` (two capitals
//! side by side), `raw-html`'s pasted characters (bytes from 128 up), `template-code`
//! and `lang-marker` (`{`), `not-a-link` (`]`) and `footnote` (`^`). Each rule
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
}

const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// Reads `bytes` eight at a time. Capitals are found with
/// [`crate::text::capital_mask`]; the other bytes of interest are all rare
/// (`[` to `` ` ``, and `{` up, which takes in every byte from 128), so one
/// mask finds whether an 8-byte word has any of them, and only those bytes are
/// looked at one by one. The last few bytes are read as a word padded with
/// zero bytes, which are none of these.
pub(super) fn scan(bytes: &[u8]) -> Found {
    let mut found = 0u8;
    let mut after_capital = false;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        read_word(word, &mut found, &mut after_capital);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let mut word = [0u8; 8];
        word[..tail.len()].copy_from_slice(tail);
        read_word(word, &mut found, &mut after_capital);
    }
    Found(found)
}

/// Reads one 8-byte word into `found`; `after_capital` carries whether the
/// last byte before it was a capital, for a pair across the border.
#[inline(always)]
fn read_word(word: [u8; 8], found: &mut u8, after_capital: &mut bool) {
    let x = u64::from_le_bytes(word);
    let capitals = crate::text::capital_mask(x);
    if capitals & (capitals >> 8) != 0 || (*after_capital && capitals & 0x80 != 0) {
        *found |= CAPITAL_PAIR;
    }
    *after_capital = capitals >> 63 != 0;
    let low = x & LOW7;
    // High bit set from 0x5b (`[`) but not from 0x61 (`a`); or from 0x7b (`{`)
    // up, or from 128 up.
    let rare = ((low + 0x2525_2525_2525_2525) & !(low + 0x1f1f_1f1f_1f1f_1f1f)
        | (low + 0x0505_0505_0505_0505)
        | x)
        & HIGH;
    let mut rare = rare;
    while rare != 0 {
        let at = rare.trailing_zeros() as usize / 8;
        rare &= rare - 1;
        *found |= match word.get(at).copied().unwrap_or(0) {
            b'{' => OPEN_BRACE,
            b']' => CLOSE_BRACKET,
            b'^' => CARET,
            128.. => NON_ASCII,
            _ => 0,
        };
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
        assert_eq!(scan(b"[\\`_|}~\x7f"), Found(0));
    }

    proptest::proptest! {
        #[test]
        fn eight_at_a_time_finds_what_a_byte_loop_finds(
            text in "[aAzZ@\\\\\\[\\]^_`{|}~ 0é’\u{c1}\u{80}\u{7f}]{0,40}",
        ) {
            proptest::prop_assert_eq!(scan(text.as_bytes()), by_bytes(text.as_bytes()));
        }
    }
}
