//! The relevance score and the compact form of the index's word lists.
//!
//! Part of [`crate::search`]; pure functions over numbers and strings. `search-core.js`
//! in the theme reads what these write, and must change with them.
//!
//! # The score
//!
//! A page's score for a query is the sum, over the query's stems, of BM25F:
//!
//! ```text
//! tf    = Σ over fields f of  weight_f × count_f / (1 − b + b × length_f / average length_f)
//! score = idf × tf / (k1 + tf)          idf = ln(1 + (N − df + 0.5) / (df + 0.5))
//! ```
//!
//! with fields title (weight 4), headings `<h2>`–`<h6>` (weight 2) and body (weight 1,
//! the whole `<main>`, headings included), k1 = 1.2 and b = 0.75; N is the number of
//! pages and df the number of pages with the stem. The index keeps `tf / (k1 + tf)`
//! of each page, which is between 0 and 1, as a whole number from 1 to 63; the
//! browser adds the idf, which it works out from N and the length of the list.
//!
//! # The lists
//!
//! Each stem's pages are one string of characters from [`ALPHABET`]: for each page in
//! order of id, the gap from the previous id (the first from −1) as a number of one or
//! more characters, five bits each, lowest first, every character but the last taken
//! from the upper half of the alphabet; then one character for the score.

/// Field weights: title, headings, body.
pub(super) const WEIGHTS: [f64; 3] = [4.0, 2.0, 1.0];
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// The largest score kept in a list (one character of [`ALPHABET`]).
pub(super) const MAX_SCORE: u32 = 63;

/// The 64 characters of the lists; none needs escaping in JSON.
pub(super) const ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The saturated, length-normalised term frequency of a stem on a page, as a whole
/// number from 1 to [`MAX_SCORE`]. The build works it out with [`PageScorer`];
/// this is the definition the tests hold that to.
#[cfg(test)]
fn page_score(counts: [u16; 3], lengths: [u32; 3], averages: [f64; 3]) -> u32 {
    score_with(norms(lengths, averages), counts)
}

/// Each field's length normalisation on a page: `1 − b + b × length / average`.
fn norms(lengths: [u32; 3], averages: [f64; 3]) -> [f64; 3] {
    std::array::from_fn(|f| {
        if averages[f] > 0.0 {
            1.0 - B + B * f64::from(lengths[f]) / averages[f]
        } else {
            1.0
        }
    })
}

fn score_with(norms: [f64; 3], counts: [u16; 3]) -> u32 {
    let mut tf = 0.0;
    for f in 0..3 {
        if counts[f] == 0 {
            continue;
        }
        tf += WEIGHTS[f] * f64::from(counts[f]) / norms[f];
    }
    let saturated = tf / (K1 + tf);
    // The rounding of a value between 0 and 1 into 1..=63 cannot overflow.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let score = (saturated * f64::from(MAX_SCORE)).round() as u32;
    score.clamp(1, MAX_SCORE)
}

/// `page_score` for every stem of one page, with the page's normalisation
/// worked out once. Most stems of a page are in its body alone, a few times:
/// their scores are worked out once per page and looked up.
pub(super) struct PageScorer {
    norms: [f64; 3],
    /// The score of a stem found `n` times in the body and nowhere else, by `n`.
    body_only: [u8; BODY_ONLY],
}

/// Body-only counts below this are looked up, not worked out.
const BODY_ONLY: usize = 8;

impl PageScorer {
    /// The scorer of a page with these field lengths, in a site with these
    /// average lengths.
    pub(super) fn new(lengths: [u32; 3], averages: [f64; 3]) -> Self {
        let norms = norms(lengths, averages);
        let body_only = std::array::from_fn(|n| {
            let count = u16::try_from(n).unwrap_or(0);
            u8::try_from(score_with(norms, [0, 0, count])).unwrap_or(0)
        });
        PageScorer { norms, body_only }
    }

    /// The same number as `page_score` with the page's lengths and averages.
    pub(super) fn score(&self, counts: [u16; 3]) -> u32 {
        match counts {
            [0, 0, n] if usize::from(n) < BODY_ONLY => self
                .body_only
                .get(usize::from(n))
                .map_or(0, |&s| u32::from(s)),
            _ => score_with(self.norms, counts),
        }
    }
}

/// Appends one page of a list: the gap from the last id, then the score.
pub(super) fn push_posting(out: &mut String, gap: u32, score: u32) {
    let mut v = gap;
    while v >= 32 {
        out.push(char::from(ALPHABET[32 + (v & 31) as usize]));
        v >>= 5;
    }
    out.push(char::from(ALPHABET[v as usize]));
    out.push(char::from(ALPHABET[score.min(MAX_SCORE) as usize]));
}

/// Reads a list back (for tests): (page id, score) pairs.
#[cfg(test)]
pub(super) fn decode(list: &str) -> Vec<(u32, u32)> {
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).unwrap_or(0) as u32;
    let mut out = Vec::new();
    let mut last: i64 = -1;
    let mut bytes = list.bytes();
    while let Some(mut c) = bytes.next() {
        let (mut gap, mut shift) = (0u32, 0);
        while value(c) >= 32 {
            gap |= (value(c) - 32) << shift;
            shift += 5;
            let Some(next) = bytes.next() else { return out };
            c = next;
        }
        gap |= value(c) << shift;
        let Some(score) = bytes.next() else {
            return out;
        };
        last += i64::from(gap);
        out.push((u32::try_from(last).unwrap_or(0), value(score)));
    }
    out
}

/// FNV-1a over the UTF-8 of a stem: which word file holds it (modulo the number of
/// files). `search-core.js` computes the same.
pub(super) fn bucket(stem: &str, buckets: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in stem.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % buckets.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_page_scorer_gives_what_page_score_gives(
            counts in proptest::array::uniform3(proptest::prop_oneof![0u16..10, proptest::num::u16::ANY]),
            lengths in proptest::array::uniform3(proptest::prop_oneof![0u32..50, proptest::num::u32::ANY]),
            averages in proptest::array::uniform3(proptest::prop_oneof![
                proptest::strategy::Just(0.0f64), 0.0f64..100.0, 0.0f64..1e9
            ]),
        ) {
            let scorer = PageScorer::new(lengths, averages);
            proptest::prop_assert_eq!(scorer.score(counts), page_score(counts, lengths, averages));
        }
    }

    #[test]
    fn lists_read_back_as_written() {
        let mut s = String::new();
        let pages = [(0, 1), (1, 63), (40, 7), (1100, 20), (70_000, 2)];
        let mut last: i64 = -1;
        for (id, score) in pages {
            push_posting(
                &mut s,
                u32::try_from(i64::from(id) - last).unwrap_or(0),
                score,
            );
            last = i64::from(id);
        }
        assert_eq!(decode(&s), pages);
        // tests/browser/search-core.test.mjs decodes the same string.
        assert_eq!(s, "BBB_nBHkhBUkpjCC");
        assert!(s.bytes().all(|b| ALPHABET.contains(&b)));
    }

    #[test]
    fn titles_and_headings_weigh_more_than_the_body() {
        let lengths = [5, 20, 500];
        let averages = [5.0, 20.0, 500.0];
        let title = page_score([1, 0, 1], lengths, averages);
        let heading = page_score([0, 1, 1], lengths, averages);
        let body = page_score([0, 0, 1], lengths, averages);
        assert!(
            title > heading && heading > body,
            "{title} {heading} {body}"
        );
        // More uses score higher, but saturate.
        assert!(page_score([0, 0, 5], lengths, averages) > body);
        assert!(page_score([0, 0, 5000], lengths, averages) == MAX_SCORE);
        // A longer page with the same count scores lower.
        assert!(
            page_score([0, 0, 2], [5, 20, 2000], averages)
                < page_score([0, 0, 2], lengths, averages)
        );
        // Nothing on an empty site divides by zero.
        assert_eq!(page_score([0, 0, 1], [0, 0, 0], [0.0; 3]), 29);
    }

    #[test]
    fn buckets_match_the_browser_hash() {
        // The same values are asserted in tests/browser/search-core.test.mjs.
        assert_eq!(bucket("neglect", u32::MAX), 788_627_041);
        assert_eq!(bucket("", 7), 0x811c_9dc5 % 7);
        assert_eq!(bucket("anything", 0), 0);
    }
}
