//! Finding ASCII capitals eight bytes at a time: the abbreviation and
//! capitals checks ask of every text node whether it holds two capitals side
//! by side, and most text holds none.
//!
//! Part of `text`. Pure byte work.

/// The high bit of each byte of the 8-byte word `x` (little-endian) that is an
/// ASCII capital, `A` to `Z`; every other bit clear. Adding to the low seven
/// bits of a byte never carries into the next byte, so each byte is judged
/// alone.
pub fn capital_mask(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = x & LOW7;
    let from_a = low + 0x3f3f_3f3f_3f3f_3f3f; // high bit set from 0x41, `A`
    let past_z = low + 0x2525_2525_2525_2525; // high bit set from 0x5b, past `Z`
    from_a & !past_z & !x & HIGH
}

/// The index of the first ASCII capital in `bytes` at or after `from`.
pub fn next_capital(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in &mut chunks {
        if let Ok(word) = <[u8; 8]>::try_from(chunk) {
            let mask = capital_mask(u64::from_le_bytes(word));
            if mask != 0 {
                return Some(at + mask.trailing_zeros() as usize / 8);
            }
        }
        at += 8;
    }
    let tail = chunks.remainder();
    tail.iter().position(u8::is_ascii_uppercase).map(|i| at + i)
}

/// True if `bytes` has two ASCII capitals side by side.
pub fn has_capital_pair(bytes: &[u8]) -> bool {
    let mut after_capital = false;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        if let Ok(word) = <[u8; 8]>::try_from(chunk) {
            let mask = capital_mask(u64::from_le_bytes(word));
            // A pair inside the word, or one across the border with the last.
            if mask & (mask >> 8) != 0 || (after_capital && mask & 0x80 != 0) {
                return true;
            }
            after_capital = mask >> 63 != 0;
        }
    }
    for b in chunks.remainder() {
        let capital = b.is_ascii_uppercase();
        if capital && after_capital {
            return true;
        }
        after_capital = capital;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_are_found_eight_bytes_at_a_time_as_one_at_a_time() {
        let text = "the MASH, then é’ and @[`{ Z";
        let bytes = text.as_bytes();
        let slow = |from: usize| (from..bytes.len()).find(|&i| bytes[i].is_ascii_uppercase());
        for from in 0..=bytes.len() + 1 {
            assert_eq!(next_capital(bytes, from), slow(from), "{from}");
        }
        assert!(has_capital_pair(b"the MASH"));
        assert!(has_capital_pair(b"1234567AB"));
        assert!(!has_capital_pair(b"A b C d E f G h I j"));
        assert!(!has_capital_pair("É É".as_bytes()));
    }

    proptest::proptest! {
        #[test]
        fn capital_search_agrees_with_a_byte_loop(
            text in "[aAzZ@\\\\\\[`{ 0é’\u{c1}\u{80}\u{10ffff}]{0,40}",
            from in 0usize..48,
        ) {
            let bytes = text.as_bytes();
            let slow = (from..bytes.len()).find(|&i| bytes[i].is_ascii_uppercase());
            proptest::prop_assert_eq!(next_capital(bytes, from), slow);
            let pair = bytes
                .windows(2)
                .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase());
            proptest::prop_assert_eq!(has_capital_pair(bytes), pair);
        }
    }
}
