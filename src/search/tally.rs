//! Counting one page's words for `plainsite build`, by number: each rendering
//! thread keeps a [`Tally`] of every word it has met (its stem, and its number in
//! the build's vocabulary once asked), so a word costs one lookup on the page and
//! the stems, forms and counts are gathered in arrays, not maps.
//!
//! Part of [`crate::search`], used by [`super::compact::Analyser`]. It gives the
//! same terms as [`super::terms::analyse`] (a test holds them together): counts per
//! field summed over a stem's forms, and the most used form kept, the
//! alphabetically first on a tie. `serve` keeps using `terms`, whose strings it
//! holds between builds.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use super::fold::{Field, each_main_word, each_word};
use super::terms::FIELDS;

/// "Not numbered yet" for a vocabulary number.
const UNASKED: u32 = u32::MAX;

/// A word met by this thread.
struct Word {
    text: Box<str>,
    /// Its stem, by number in [`Tally::stems`].
    stem: u32,
    /// True when the word is its own stem.
    is_stem: bool,
    /// Its number in the build's vocabulary, or [`UNASKED`].
    global: u32,
}

/// A stem met by this thread, with what the page being counted has of it.
struct Stem {
    text: Box<str>,
    global: u32,
    /// On the page being counted: the counts summed over its forms, the most used
    /// form (a number in [`Tally::words`]) and how often it was used.
    counts: [u16; FIELDS],
    form: u32,
    used: u16,
}

/// One stem of a counted page: numbers in the build's vocabulary.
pub(super) struct Counted {
    pub(super) stem: u32,
    /// The most used written form when it is not the stem itself.
    pub(super) form: Option<u32>,
    pub(super) counts: [u16; FIELDS],
}

/// Every word one thread has met, in one language (stemmed as English or not).
pub(super) struct Tally {
    stemmer: Option<Stemmer>,
    ids: WordIds,
    words: Vec<Word>,
    stem_ids: FxHashMap<Box<str>, u32>,
    stems: Vec<Stem>,
    /// Counts per field of each word on the page being counted, by word number;
    /// all zero between pages.
    counts: Vec<[u16; FIELDS]>,
    /// The words and stems the page being counted has, each once.
    seen: Vec<u32>,
    seen_stems: Vec<u32>,
    scratch: [Vec<u8>; 3],
}

impl Tally {
    /// A tally that stems words as English when `english`, or keeps each word as
    /// its own stem.
    pub(super) fn new(english: bool) -> Self {
        Tally {
            stemmer: english.then(|| Stemmer::create(Algorithm::English)),
            ids: WordIds::default(),
            words: Vec::new(),
            stem_ids: FxHashMap::default(),
            stems: Vec::new(),
            counts: Vec::new(),
            seen: Vec::new(),
            seen_stems: Vec::new(),
            scratch: Default::default(),
        }
    }

    /// Counts the words of a page's title and of its HTML's `<main>`: the length
    /// of each field and each stem with its counts and most used form, words
    /// numbered by `number` (the build's vocabulary) the first time this tally
    /// needs them.
    pub(super) fn count(
        &mut self,
        title: &str,
        html: &str,
        mut number: impl FnMut(&str) -> u32,
    ) -> ([u32; FIELDS], Vec<Counted>) {
        let mut lengths = [0u32; FIELDS];
        let [s_title, s_body, s_head] = std::mem::take(&mut self.scratch);
        let (mut s_title, mut s_body, mut s_head) = (s_title, s_body, s_head);
        {
            let mut add = |field: usize, w: &str| {
                lengths[field] = lengths[field].saturating_add(1);
                self.add(field, w);
            };
            each_word(title, &mut s_title, |w| add(0, w));
            each_main_word(html, &mut s_body, &mut s_head, |field, w| match field {
                Field::Headings => add(1, w),
                Field::Body => add(2, w),
            });
        }
        self.scratch = [s_title, s_body, s_head];
        (lengths, self.gather(&mut number))
    }

    /// One word of the page in `field`.
    fn add(&mut self, field: usize, w: &str) {
        let id = match self.ids.get(w) {
            Some(id) => id,
            None => self.meet(w),
        };
        let Some(counts) = self.counts.get_mut(id as usize) else {
            return;
        };
        if *counts == [0; FIELDS] {
            self.seen.push(id);
        }
        counts[field] = counts[field].saturating_add(1);
    }

    /// Numbers a word not met before, stemming it.
    fn meet(&mut self, w: &str) -> u32 {
        let stemmed = match &self.stemmer {
            Some(stemmer) => stemmer.stem(w),
            None => w.into(),
        };
        let is_stem = stemmed == w;
        let stem = match self.stem_ids.get(&*stemmed) {
            Some(&s) => s,
            None => {
                let s = number_of(self.stems.len());
                self.stems.push(Stem {
                    text: stemmed.as_ref().into(),
                    global: UNASKED,
                    counts: [0; FIELDS],
                    form: 0,
                    used: 0,
                });
                self.stem_ids.insert(stemmed.as_ref().into(), s);
                s
            }
        };
        let id = number_of(self.words.len());
        self.words.push(Word {
            text: w.into(),
            stem,
            is_stem,
            global: UNASKED,
        });
        self.counts.push([0; FIELDS]);
        self.ids.insert(w, id);
        id
    }

    /// Sums the page's words into their stems, keeps each stem's most used form,
    /// and leaves the tally ready for the next page.
    fn gather(&mut self, number: &mut impl FnMut(&str) -> u32) -> Vec<Counted> {
        let seen = std::mem::take(&mut self.seen);
        for &id in &seen {
            let (Some(counts), Some(word)) = (
                self.counts.get_mut(id as usize),
                self.words.get(id as usize),
            ) else {
                continue;
            };
            let counts = std::mem::take(counts);
            let used = counts[0].saturating_add(counts[2]);
            let Some(stem) = self.stems.get_mut(word.stem as usize) else {
                continue;
            };
            if stem.counts == [0; FIELDS] {
                self.seen_stems.push(word.stem);
                stem.counts = counts;
                stem.form = id;
                stem.used = used;
                continue;
            }
            for (total, n) in stem.counts.iter_mut().zip(counts) {
                *total = total.saturating_add(n);
            }
            let best = self.words.get(stem.form as usize).map_or("", |w| &*w.text);
            if used > stem.used || (used == stem.used && *word.text < *best) {
                stem.form = id;
                stem.used = used;
            }
        }
        self.seen = seen;
        self.seen.clear();
        let mut terms = Vec::with_capacity(self.seen_stems.len());
        let seen_stems = std::mem::take(&mut self.seen_stems);
        for &s in &seen_stems {
            let Some(stem) = self.stems.get_mut(s as usize) else {
                continue;
            };
            let counts = std::mem::take(&mut stem.counts);
            if stem.global == UNASKED {
                stem.global = number(&stem.text);
            }
            let stem_number = stem.global;
            let form = stem.form;
            let form = match self.words.get_mut(form as usize) {
                Some(word) if !word.is_stem => {
                    if word.global == UNASKED {
                        word.global = number(&word.text);
                    }
                    Some(word.global)
                }
                _ => None,
            };
            terms.push(Counted {
                stem: stem_number,
                form,
                counts,
            });
        }
        self.seen_stems = seen_stems;
        self.seen_stems.clear();
        terms
    }
}

/// Words by number. Most words are short: they are kept in the table itself,
/// packed into a `u128` with their length, so a lookup neither follows a pointer
/// nor calls `memcmp`; longer ones are kept as strings.
#[derive(Default)]
struct WordIds {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
}

impl WordIds {
    fn get(&self, w: &str) -> Option<u32> {
        match pack(w) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(w).copied(),
        }
    }

    fn insert(&mut self, w: &str, id: u32) {
        match pack(w) {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(w.into(), id),
        };
    }
}

/// A word of up to 15 bytes as one number: its bytes, then its length in the
/// last byte (so words that differ only in trailing zero bytes differ too).
/// The bytes are read as two overlapping words of 8 (or 4) bytes, not copied
/// byte by byte into a buffer: a copy of variable length stalls the load that
/// follows it, and this is called for every word of every page.
fn pack(w: &str) -> Option<u128> {
    let b = w.as_bytes();
    let len = b.len();
    let (lo, hi) = match len {
        0..=3 => {
            let lo = b
                .iter()
                .enumerate()
                .fold(0u64, |acc, (i, &x)| acc | u64::from(x) << (8 * i));
            (lo, 0)
        }
        4..=7 => {
            let first = u64::from(u32::from_le_bytes(b.first_chunk::<4>().copied()?));
            let last = u64::from(u32::from_le_bytes(b.last_chunk::<4>().copied()?));
            // `last` holds bytes len-4..len; bytes 4..len are its top len-4.
            (first | (last >> (8 * (8 - len))) << 32, 0)
        }
        8..=15 => {
            let first = u64::from_le_bytes(b.first_chunk::<8>().copied()?);
            let last = u64::from_le_bytes(b.last_chunk::<8>().copied()?);
            // `last` holds bytes len-8..len; bytes 8..len are its top len-8.
            (first, last.checked_shr(8 * (16 - len) as u32).unwrap_or(0))
        }
        _ => return None,
    };
    Some(u128::from(lo) | u128::from(hi) << 64 | (len as u128) << 120)
}

/// A table's next number; a table never reaches `u32::MAX` entries in practice
/// (a thread would have met four billion different words).
fn number_of(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(UNASKED - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::terms::{StemCache, analyse};

    /// A page's terms as strings, sorted by stem: (stem, form, counts).
    type Terms = Vec<(String, Option<String>, [u16; FIELDS])>;

    /// What `terms::analyse` gives for the page.
    fn by_terms(title: &str, html: &str, english: bool) -> ([u32; FIELDS], Terms) {
        let page = analyse(title, html, &mut StemCache::new(english));
        let mut terms: Terms = page
            .terms
            .iter()
            .map(|t| {
                (
                    t.stem.to_string(),
                    t.form.as_deref().map(str::to_owned),
                    t.counts,
                )
            })
            .collect();
        terms.sort();
        (page.lengths, terms)
    }

    /// What a tally gives for the page, its numbers turned back into words of
    /// `list`, the vocabulary (kept from page to page, as the tally's numbers are).
    fn by_tally(
        tally: &mut Tally,
        list: &mut Vec<String>,
        title: &str,
        html: &str,
    ) -> ([u32; FIELDS], Terms) {
        let (lengths, counted) = tally.count(title, html, |w| {
            list.push(w.to_owned());
            number_of(list.len() - 1)
        });
        let word = |n: u32| list[n as usize].clone();
        let mut terms: Terms = counted
            .iter()
            .map(|t| (word(t.stem), t.form.map(word), t.counts))
            .collect();
        terms.sort();
        (lengths, terms)
    }

    #[test]
    fn counts_forms_under_their_stem_and_keeps_the_most_used() {
        let html = "<main><h2>Neglected children</h2><p>Neglecting a child is neglect; \
                    neglected, neglected.</p></main>";
        let (mut tally, mut list) = (Tally::new(true), Vec::new());
        let (lengths, terms) = by_tally(&mut tally, &mut list, "Neglect", html);
        assert_eq!(lengths, [1, 2, 8]);
        let neglect = terms.iter().find(|t| t.0 == "neglect");
        // Title 1; headings 1; body: "neglected" in h2, then 4 in the paragraph.
        assert_eq!(
            neglect,
            Some(&("neglect".into(), Some("neglected".into()), [1, 1, 5]))
        );
        assert_eq!((lengths, terms), by_terms("Neglect", html, true));
        // The next page starts from nothing: no counts carried over.
        let (lengths, terms) = by_tally(&mut tally, &mut list, "", "<main><p>child</p></main>");
        assert_eq!(lengths, [0, 0, 1]);
        assert_eq!(terms, [("child".into(), None, [0, 0, 1])]);
    }

    /// `pack` as the layout it promises: the bytes, zeros, the length last.
    fn packed_by_copy(w: &str) -> Option<u128> {
        let bytes = w.as_bytes();
        let len = u8::try_from(bytes.len()).ok().filter(|&len| len < 16)?;
        let mut packed = [0u8; 16];
        packed[..bytes.len()].copy_from_slice(bytes);
        packed[15] = len;
        Some(u128::from_le_bytes(packed))
    }

    #[test]
    fn words_that_differ_only_in_length_or_trailing_zeros_pack_apart() {
        let words: Vec<String> = (0..=16)
            .flat_map(|n| ["a".repeat(n), format!("{}\0", "a".repeat(n))])
            .collect();
        let packed: std::collections::HashSet<_> = words.iter().filter_map(|w| pack(w)).collect();
        assert_eq!(packed.len(), words.iter().filter(|w| w.len() < 16).count());
        for w in &words {
            assert_eq!(pack(w), packed_by_copy(w), "{w:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn pack_is_the_bytes_then_the_length(w in "[a-c\0é\u{7f}\u{ff}]{0,17}") {
            proptest::prop_assert_eq!(pack(&w), packed_by_copy(&w));
        }

        #[test]
        fn word_ids_number_words_as_a_map_of_strings_does(
            words in proptest::collection::vec("[a-c\0é]{0,18}", 0..60)
        ) {
            let mut ids = WordIds::default();
            let mut plain = std::collections::HashMap::<String, u32>::new();
            for w in &words {
                proptest::prop_assert_eq!(ids.get(w), plain.get(w).copied());
                if !plain.contains_key(w) {
                    let id = number_of(plain.len());
                    plain.insert(w.clone(), id);
                    ids.insert(w, id);
                }
            }
            for w in &words {
                proptest::prop_assert_eq!(ids.get(w), plain.get(w).copied());
            }
        }

        #[test]
        fn a_tally_gives_what_terms_analyse_gives(
            pages in proptest::collection::vec((
                "[A-Za-z ]{0,20}",
                proptest::collection::vec(proptest::prop_oneof![
                    proptest::strategy::Just("<main>".to_owned()),
                    proptest::strategy::Just("<h2>".to_owned()),
                    proptest::strategy::Just("</h2>".to_owned()),
                    proptest::strategy::Just(" neglect ".to_owned()),
                    proptest::strategy::Just(" neglected ".to_owned()),
                    proptest::strategy::Just(" neglecting ".to_owned()),
                    proptest::strategy::Just(" Neglects ".to_owned()),
                    proptest::strategy::Just(" children child ".to_owned()),
                    proptest::strategy::Just(" Zgłoś zglos ".to_owned()),
                    "[a-eA-E ’'&;é]{0,12}",
                ], 0..30),
            ), 1..4),
            english in proptest::bool::ANY,
        ) {
            // One tally over several pages, as a rendering thread keeps it.
            let (mut tally, mut list) = (Tally::new(english), Vec::new());
            for (title, parts) in &pages {
                let html = parts.concat();
                proptest::prop_assert_eq!(
                    by_tally(&mut tally, &mut list, title, &html),
                    by_terms(title, &html, english)
                );
            }
        }
    }
}
