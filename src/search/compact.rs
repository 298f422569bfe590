//! What `plainsite build` keeps of each page for the index while the other
//! pages are rendered: stems and written forms as numbers into one
//! [`Vocabulary`] shared by the whole build, with the counts per field, packed
//! as variable-length numbers: about 6 bytes a stem instead of two shared strings
//! (or 16 bytes as plain numbers, which at 100,000 pages held 400 MB).
//!
//! Part of [`crate::search`]. [`Analyser::analyse`] reads a page as
//! [`super::index_in`] would (counted by [`super::tally`], which gives what
//! `terms::analyse` gives), as soon as it is rendered; [`index_analysed`] writes the same files [`super::index_in`] writes
//! from the same pages. `serve` does not use this: it keeps each page's terms
//! between builds (see [`super::SearchCache`]).

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rustc_hash::FxHashMap;

use super::files::{PageWords, SHARES, share_of, write_index};
use super::tally::Tally;
use super::terms::FIELDS;

// `InVocabulary::each_term_in_share` reads a page's two shares.
const _: () = assert!(SHARES == 2);

/// Every stem and written form seen in one build, each once, by number.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: Mutex<Words>,
}

#[derive(Debug, Default)]
struct Words {
    ids: FxHashMap<Arc<str>, u32>,
    list: Vec<Arc<str>>,
}

impl Vocabulary {
    fn words(&self) -> MutexGuard<'_, Words> {
        self.words.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The number of `word`, given it now if it has none.
    fn number(&self, word: &str) -> u32 {
        let mut words = self.words();
        if let Some(&id) = words.ids.get(word) {
            return id;
        }
        // A form is packed as its number plus one, so the last number is never given.
        let id = u32::try_from(words.list.len()).unwrap_or(u32::MAX - 1);
        let word: Arc<str> = word.into();
        words.list.push(word.clone());
        words.ids.insert(word, id);
        id
    }
}

/// The stems of a page, packed by [`pack_terms`]: those of the first share (see
/// [`share_of`]) then those of the second, so that each thread of the index
/// reads only its own.
struct Packed {
    bytes: Box<[u8]>,
    /// Where the second share starts in `bytes`.
    split: usize,
}

/// Packs each stem of a page: the stem's number, its most used written form's
/// number plus one (0 when the stem itself is the most used form), and the count
/// in each field, each as a LEB128 number (seven bits a byte, lowest first, the
/// high bit set on every byte but the last). Most are 1 or 2 bytes. Within a share
/// the stems keep their order.
fn pack_terms(terms: &[super::tally::Counted]) -> Packed {
    let mut out = Vec::with_capacity(terms.len() * 6);
    let mut split = 0;
    for share in 0..SHARES {
        for t in terms.iter().filter(|t| share_of(t.stem, SHARES) == share) {
            push_number(&mut out, t.stem);
            push_number(&mut out, t.form.map_or(0, |f| f.saturating_add(1)));
            for n in t.counts {
                push_number(&mut out, u32::from(n));
            }
        }
        if share == 0 {
            split = out.len();
        }
    }
    Packed {
        bytes: out.into_boxed_slice(),
        split,
    }
}

fn push_number(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads the number [`push_number`] wrote at the start of `bytes`, and moves past it.
/// `None` at the end of `bytes` (or in a number cut short, which
/// [`pack_terms`] never writes).
fn read_number(bytes: &mut &[u8]) -> Option<u32> {
    let mut n = 0u32;
    let mut shift = 0;
    loop {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        n |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
        if b & 0x80 == 0 {
            return Some(n);
        }
        shift += 7;
    }
}

/// Calls `f` with each stem of terms packed by [`pack_terms`], in the order packed.
fn each_packed(mut bytes: &[u8], mut f: impl FnMut(u32, Option<u32>, [u16; FIELDS])) {
    let clamp = |n: u32| u16::try_from(n).unwrap_or(u16::MAX);
    while let Some(stem) = read_number(&mut bytes) {
        let (Some(form), Some(title), Some(headings), Some(body)) = (
            read_number(&mut bytes),
            read_number(&mut bytes),
            read_number(&mut bytes),
            read_number(&mut bytes),
        ) else {
            return;
        };
        let form = form.checked_sub(1);
        f(stem, form, [clamp(title), clamp(headings), clamp(body)]);
    }
}

/// What an index reads of one page, taken from its HTML by [`Analyser::analyse`]
/// as soon as the page is rendered, so that `build` need not keep the HTML.
#[derive(Debug, Clone)]
pub struct Analysed(Arc<Compact>);

#[derive(Debug)]
struct Compact {
    lengths: [u32; FIELDS],
    /// Each stem once, packed by [`pack_terms`].
    terms: Box<[u8]>,
    /// Where the stems of the second share start in `terms`.
    split: u32,
}

/// Reads pages for the index. Each rendering thread has its own, with its own
/// cache of stems; all of one build share one [`Vocabulary`].
pub struct Analyser {
    english: Option<Tally>,
    other: Option<Tally>,
    vocabulary: Arc<Vocabulary>,
}

impl Analyser {
    /// An analyser that numbers words in `vocabulary`.
    pub fn new(vocabulary: Arc<Vocabulary>) -> Self {
        Analyser {
            english: None,
            other: None,
            vocabulary,
        }
    }

    /// What the index reads of a page titled `title` (its `<main>` only), words
    /// stemmed as English when `english`: the same as [`super::index_in`] reads.
    pub fn analyse(&mut self, title: &str, html: &[u8], english: bool) -> Analysed {
        let slot = if english {
            &mut self.english
        } else {
            &mut self.other
        };
        let tally = slot.get_or_insert_with(|| Tally::new(english));
        let html = std::str::from_utf8(html).unwrap_or_default();
        let vocabulary = &self.vocabulary;
        let (lengths, counted) = tally.count(title, html, |word| vocabulary.number(word));
        let packed = pack_terms(&counted);
        Analysed(Arc::new(Compact {
            lengths,
            terms: packed.bytes,
            split: u32::try_from(packed.split).unwrap_or(u32::MAX),
        }))
    }
}

/// A page's terms with the words they number.
struct InVocabulary<'a> {
    page: &'a Compact,
    words: &'a [Arc<str>],
}

impl<'a> PageWords<'a> for InVocabulary<'a> {
    type Key = u32;

    fn lengths(&self) -> [u32; FIELDS] {
        self.page.lengths
    }

    fn each_term(&self, f: impl FnMut(u32, Option<u32>, [u16; FIELDS])) {
        each_packed(&self.page.terms, f);
    }

    fn each_term_in_share(&self, share: u64, f: impl FnMut(u32, Option<u32>, [u16; FIELDS])) {
        let (first, second) = self
            .page
            .terms
            .split_at_checked(self.page.split as usize)
            .unwrap_or((&self.page.terms, &[]));
        match share {
            0 => each_packed(first, f),
            1 => each_packed(second, f),
            _ => {}
        }
    }

    fn word(&self, key: u32) -> &'a str {
        self.words.get(key as usize).map_or("", |w| &**w)
    }
}

/// Indexes pages already analysed with `vocabulary` into the folder `dir`, each
/// given as its (url, title) and what [`Analyser::analyse`] read of it (with the
/// `english` that [`super::index_in`] would be given): the same files as
/// [`super::index_in`] makes of them.
pub fn index_analysed(
    pages: &[(String, String, Analysed)],
    vocabulary: &Vocabulary,
    dir: &str,
) -> Vec<(String, Arc<[u8]>)> {
    let rows: Vec<[&str; 2]> = pages
        .iter()
        .map(|(url, title, _)| [url.as_str(), title.as_str()])
        .collect();
    let words = vocabulary.words();
    let analysed: Vec<InVocabulary<'_>> = pages
        .iter()
        .map(|(_, _, a)| InVocabulary {
            page: &a.0,
            words: &words.list,
        })
        .collect();
    write_index(&rows, &analysed, dir)
}

#[cfg(test)]
mod tests {
    use super::super::tally::Counted;
    use super::*;

    proptest::proptest! {
        /// Packed terms read back as they were, in order, whatever their numbers.
        #[test]
        fn packed_terms_read_back_as_they_were_share_by_share(
            terms in proptest::collection::vec(
                (
                    proptest::num::u32::ANY,
                    proptest::option::of(0..u32::MAX - 1),
                    proptest::array::uniform3(proptest::num::u16::ANY),
                ),
                0..40,
            ),
        ) {
            let counted: Vec<Counted> = terms
                .iter()
                .map(|&(stem, form, counts)| Counted { stem, form, counts })
                .collect();
            let packed = pack_terms(&counted);
            let page = Compact {
                lengths: [0; FIELDS],
                terms: packed.bytes,
                split: u32::try_from(packed.split).unwrap_or(u32::MAX),
            };
            let words = InVocabulary { page: &page, words: &[] };
            for share in 0..SHARES {
                let mut read = Vec::new();
                words.each_term_in_share(share, |stem, form, counts| {
                    read.push((stem, form, counts));
                });
                let wanted: Vec<_> = terms
                    .iter()
                    .copied()
                    .filter(|&(stem, _, _)| share_of(stem, SHARES) == share)
                    .collect();
                proptest::prop_assert_eq!(read, wanted);
            }
            let mut all = Vec::new();
            words.each_term(|stem, form, counts| all.push((stem, form, counts)));
            let mut sorted = terms.clone();
            sorted.sort_by_key(|&(stem, _, _)| share_of(stem, SHARES));
            proptest::prop_assert_eq!(all, sorted);
        }
    }

    #[test]
    fn small_numbers_take_one_byte_and_large_ones_five() {
        let mut out = Vec::new();
        for n in [0, 127, 128, 16_383, 16_384, u32::MAX] {
            push_number(&mut out, n);
        }
        assert_eq!(out.len(), 1 + 1 + 2 + 2 + 3 + 5);
        let mut bytes = &out[..];
        let read: Vec<u32> = std::iter::from_fn(|| read_number(&mut bytes)).collect();
        assert_eq!(read, [0, 127, 128, 16_383, 16_384, u32::MAX]);
    }
}
