//! Writing the index's files from what was read of each page, whichever way it
//! was held (see [`PageWords`]): the word lists with their scores, the pages, the
//! vocabulary of written forms.
//!
//! Part of [`crate::search`]; the file layout is in its module docs.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::encode;
use super::terms::{FIELDS, PageTerms};

/// Pages per file of `search-index/pages/`.
pub const PAGES_PER_CHUNK: usize = 64;
/// About how many bytes of lists go in one word file.
const BUCKET_BYTES: usize = 12_000;

/// What the index reads of one page, borrowed for `'a`.
pub(super) trait PageWords<'a> {
    /// How the page names a word: the word itself, or its number in a vocabulary
    /// shared by every page (one word, one key).
    type Key: Copy + Eq + Hash;
    /// Words in the title, the headings and the body.
    fn lengths(&self) -> [u32; FIELDS];
    /// Calls `f` with each stem of the page once: the stem, its most used
    /// written form when that differs, and its counts per field.
    fn each_term(&self, f: impl FnMut(Self::Key, Option<Self::Key>, [u16; FIELDS]));
    /// As [`PageWords::each_term`], for the stems in share `share` of [`SHARES`]
    /// only (see [`share_of`]).
    fn each_term_in_share(
        &self,
        share: u64,
        mut f: impl FnMut(Self::Key, Option<Self::Key>, [u16; FIELDS]),
    ) {
        self.each_term(|stem, form, counts| {
            if share_of(stem, SHARES) == share {
                f(stem, form, counts);
            }
        });
    }
    /// The word a key names.
    fn word(&self, key: Self::Key) -> &'a str;
}

impl<'a> PageWords<'a> for &'a Arc<PageTerms> {
    type Key = &'a str;

    fn lengths(&self) -> [u32; FIELDS] {
        self.lengths
    }

    fn each_term(&self, mut f: impl FnMut(&'a str, Option<&'a str>, [u16; FIELDS])) {
        let page: &'a PageTerms = self;
        for term in &page.terms {
            f(&term.stem, term.form.as_deref(), term.counts);
        }
    }

    fn word(&self, key: &'a str) -> &'a str {
        key
    }
}

/// Every file of the index, from the analysed pages, given as (url, title).
pub(super) fn write_index<'a, P: PageWords<'a> + Sync>(
    pages: &[[&str; 2]],
    analysed: &[P],
    dir: &str,
) -> Vec<(String, Arc<[u8]>)>
where
    P::Key: Send,
{
    let count = analysed.len().max(1) as f64;
    let mut averages = [0.0f64; FIELDS];
    for page in analysed {
        for (avg, len) in averages.iter_mut().zip(page.lengths()) {
            *avg += f64::from(len) / count;
        }
    }
    // Each thread makes the lists of half the stems.
    let ((lists, forms), (other_lists, other_forms)) = rayon::join(
        || lists_of(analysed, averages, Some(0)),
        || lists_of(analysed, averages, Some(1)),
    );
    // Every key is a word of some page; with no pages there are no keys.
    let Some(first) = analysed.first() else {
        return empty_index(pages, dir);
    };
    let word = |key: P::Key| first.word(key);
    let lists: FxHashMap<&str, (String, u32, u32)> = lists
        .into_iter()
        .chain(other_lists)
        .map(|(k, v)| (word(k), v))
        .collect();
    let forms = forms
        .into_iter()
        .chain(other_forms)
        .map(|((s, f), n)| ((word(s), word(f)), n));
    let total: usize = lists
        .iter()
        .map(|(s, (l, _, _))| s.len() + l.len() + 6)
        .sum();
    let buckets = u32::try_from(total.div_ceil(BUCKET_BYTES).clamp(1, 4096)).unwrap_or(1);
    let mut grouped: BTreeMap<u32, BTreeMap<&str, &str>> = BTreeMap::new();
    for (stem, (list, _, _)) in &lists {
        grouped
            .entry(encode::bucket(stem, buckets))
            .or_default()
            .insert(stem, list);
    }
    let mut files: Vec<(String, Arc<[u8]>)> = grouped
        .into_par_iter()
        .map(|(b, words)| (format!("{dir}/words/{b}.json"), json(&words)))
        .collect();
    push_pages(&mut files, pages, buckets, dir);
    let mut best: FxHashMap<&str, (&str, u32)> = FxHashMap::default();
    for ((stem, form), n) in forms {
        let entry = best.entry(stem).or_insert((form, n));
        if n > entry.1 || (n == entry.1 && form < entry.0) {
            *entry = (form, n);
        }
    }
    let mut vocab: BTreeMap<usize, Vec<(&str, u32)>> = BTreeMap::new();
    for (stem, (form, _)) in best {
        let length = stem.chars().count();
        if length >= 3 {
            let df = lists.get(stem).map_or(0, |l| l.2);
            vocab.entry(length).or_default().push((form, df));
        }
    }
    for (length, mut words) in vocab {
        words.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        files.push((format!("{dir}/vocab/{length}.json"), json(&words)));
    }
    files
}

/// Each stem's list (postings, the last page that has it, how many pages do) and
/// how many pages write it each way.
type Lists<K> = (FxHashMap<K, (String, u32, u32)>, FxHashMap<(K, K), u32>);

/// The lists of the stems in share `share` of [`SHARES`] (by their key's hash), or
/// of every stem when `None`, read from every page in order: a stem's list is the
/// same whichever share makes it, and the shares together make every stem's.
fn lists_of<'a, P: PageWords<'a>>(
    analysed: &[P],
    averages: [f64; FIELDS],
    share: Option<u64>,
) -> Lists<P::Key> {
    let mut lists: FxHashMap<P::Key, (String, u32, u32)> = FxHashMap::default();
    let mut forms: FxHashMap<(P::Key, P::Key), u32> = FxHashMap::default();
    for (id, page) in analysed.iter().enumerate() {
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        let scorer = encode::PageScorer::new(page.lengths(), averages);
        let add = |stem, form: Option<P::Key>, counts| {
            let score = scorer.score(counts);
            let (list, last, df) = lists.entry(stem).or_insert((String::new(), 0, 0));
            let gap = if *df == 0 { id + 1 } else { id - *last };
            encode::push_posting(list, gap, score);
            *last = id;
            *df += 1;
            *forms.entry((stem, form.unwrap_or(stem))).or_default() += 1;
        };
        match share {
            Some(share) => page.each_term_in_share(share, add),
            None => page.each_term(add),
        }
    }
    (lists, forms)
}

/// How many shares [`write_index`] splits the stems into, one a thread.
pub(super) const SHARES: u64 = 2;

/// Which of `shares` shares the stem `key` is in.
pub(super) fn share_of(key: impl Hash, shares: u64) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    key.hash(&mut hasher);
    (hasher.finish() >> 8) % shares
}

/// The index of a site without pages: its meta file alone.
fn empty_index(pages: &[[&str; 2]], dir: &str) -> Vec<(String, Arc<[u8]>)> {
    let mut files = Vec::new();
    push_pages(&mut files, pages, 1, dir);
    files
}

/// Adds `meta.json` and the page lists to `files`.
fn push_pages(files: &mut Vec<(String, Arc<[u8]>)>, pages: &[[&str; 2]], buckets: u32, dir: &str) {
    let meta =
        serde_json::json!({"pages": pages.len(), "buckets": buckets, "chunk": PAGES_PER_CHUNK});
    files.push((format!("{dir}/meta.json"), json(&meta)));
    for (n, chunk) in pages.chunks(PAGES_PER_CHUNK).enumerate() {
        files.push((format!("{dir}/pages/{n}.json"), json(&chunk)));
    }
}

fn json(value: &impl serde::Serialize) -> Arc<[u8]> {
    serde_json::to_vec(value).unwrap_or_default().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::terms::{StemCache, analyse};

    proptest::proptest! {
        #[test]
        fn two_shares_make_the_lists_one_makes(
            pages in proptest::collection::vec(
                proptest::collection::vec(proptest::prop_oneof![
                    proptest::strategy::Just("<h2>".to_owned()),
                    proptest::strategy::Just("</h2>".to_owned()),
                    " (neglect|neglected|child|children|abuse|carer|harm) ",
                    "[a-e ]{0,10}",
                ], 0..20),
                0..12,
            )
        ) {
            let mut stems = StemCache::new(true);
            let analysed: Vec<Arc<PageTerms>> = pages
                .iter()
                .map(|parts| Arc::new(analyse("", &format!("<main>{}</main>", parts.concat()), &mut stems)))
                .collect();
            let refs: Vec<&Arc<PageTerms>> = analysed.iter().collect();
            let averages = [1.0, 2.0, 30.0];
            let (one_lists, one_forms) = lists_of(&refs, averages, None);
            let (mut lists, mut forms) = lists_of(&refs, averages, Some(0));
            let (other_lists, other_forms) = lists_of(&refs, averages, Some(1));
            for (stem, list) in other_lists {
                proptest::prop_assert!(lists.insert(stem, list).is_none(), "{stem} in both shares");
            }
            forms.extend(other_forms);
            proptest::prop_assert_eq!(lists, one_lists);
            proptest::prop_assert_eq!(forms, one_forms);
        }
    }
}
