//! What one page gives the search index: each stem with how often it appears in the
//! title, the headings and the body, the length of each field, and the most used
//! written form of each stem (shown when a misspelt query is corrected).
//!
//! Part of [`crate::search`]. Stems are English Snowball (Porter2) stems from
//! `rust-stemmers`, the only place the crate is used; `stem.js` in the theme is the
//! same algorithm for the browser, and a test checks that the two agree. Only English
//! is stemmed: in an index of another language each word is its own stem.

use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use super::fold::{Field, each_main_word, each_word};

/// Title, headings, body: the order of the three counts kept per stem.
pub(super) const FIELDS: usize = 3;

/// The analysis of one page.
#[derive(Debug, Default)]
pub(super) struct PageTerms {
    /// Words in the title, the headings and the body.
    pub(super) lengths: [u32; FIELDS],
    /// Each stem once, in no particular order (the index files do not depend on
    /// it), with its counts per field and its most used form.
    pub(super) terms: Vec<Term>,
}

/// One stem of a page. The strings are shared with the [`StemCache`] that made them,
/// so the terms of every page, kept between builds, hold no text of their own.
#[derive(Debug)]
pub(super) struct Term {
    pub(super) stem: Arc<str>,
    pub(super) counts: [u16; FIELDS],
    /// The word as most often written on the page, when it differs from the stem.
    pub(super) form: Option<Arc<str>>,
}

/// Stems words, remembering the words it has seen: a site uses a few thousand
/// distinct words over and over, and stemming is the slow part of indexing.
pub(super) struct StemCache {
    stemmer: Stemmer,
    /// False for an index of a language other than English: words are kept as written.
    english: bool,
    /// Word → (the word, its stem), both shared.
    known: FxHashMap<Arc<str>, (Arc<str>, Arc<str>)>,
}

impl Default for StemCache {
    fn default() -> Self {
        StemCache::new(true)
    }
}

impl StemCache {
    /// A cache that stems English words, or (for another language) keeps each
    /// word as its own stem.
    pub(super) fn new(english: bool) -> Self {
        StemCache {
            stemmer: Stemmer::create(Algorithm::English),
            english,
            known: FxHashMap::default(),
        }
    }

    /// The word (shared) and its stem, for a word already lowercased and folded by
    /// the tokeniser.
    pub(super) fn stem(&mut self, word: &str) -> (Arc<str>, Arc<str>) {
        if let Some(found) = self.known.get(word) {
            return found.clone();
        }
        let shared: Arc<str> = word.into();
        let stem = if self.english {
            self.stemmer.stem(word)
        } else {
            word.into()
        };
        let stem: Arc<str> = if stem == word {
            shared.clone()
        } else {
            stem.into()
        };
        self.known
            .insert(shared.clone(), (shared.clone(), stem.clone()));
        (shared, stem)
    }
}

/// The English Snowball stem of one searchable word (lowercase, as the tokeniser
/// gives it).
pub fn stem(word: &str) -> String {
    Stemmer::create(Algorithm::English).stem(word).into_owned()
}

/// Analyses a page from its title and the HTML of its whole page.
pub(super) fn analyse(title: &str, html: &str, stems: &mut StemCache) -> PageTerms {
    // word → counts per field; one entry per distinct written word.
    let mut seen: FxHashMap<&str, [u16; FIELDS]> =
        FxHashMap::with_capacity_and_hasher(html.len() / 64, Default::default());
    let mut lengths = [0u32; FIELDS];
    let mut count = |field: usize, w| {
        lengths[field] = lengths[field].saturating_add(1);
        let counts = seen.entry(w).or_default();
        counts[field] = counts[field].saturating_add(1);
    };
    let (mut s_title, mut s_head, mut s_body) = (Vec::new(), Vec::new(), Vec::new());
    each_word(title, &mut s_title, |w| count(0, w));
    each_main_word(html, &mut s_body, &mut s_head, |field, w| match field {
        Field::Headings => count(1, w),
        Field::Body => count(2, w),
    });
    let mut by_stem: FxHashMap<Arc<str>, (Term, u16)> = FxHashMap::default();
    for (word, counts) in seen {
        let (word, stem) = stems.stem(word);
        let used = counts[0].saturating_add(counts[2]);
        let form = (word != stem).then_some(word);
        match by_stem.get_mut(&stem) {
            Some((term, best)) => {
                for (total, n) in term.counts.iter_mut().zip(counts) {
                    *total = total.saturating_add(n);
                }
                let first = |a: &Option<Arc<str>>, b: &Option<Arc<str>>| {
                    a.as_deref().unwrap_or(&stem) < b.as_deref().unwrap_or(&stem)
                };
                if used > *best || (used == *best && first(&form, &term.form)) {
                    *best = used;
                    term.form = form;
                }
            }
            None => {
                let term = Term {
                    stem: stem.clone(),
                    counts,
                    form,
                };
                by_stem.insert(stem, (term, used));
            }
        }
    }
    let terms: Vec<Term> = by_stem.into_values().map(|(t, _)| t).collect();
    PageTerms { lengths, terms }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_share_a_stem_and_fields_are_counted_apart() {
        let html = "<main><h1>Neglect</h1><h2>Neglected children</h2><p>Neglecting a child is neglect.</p></main>";
        let page = analyse("Neglect", html, &mut StemCache::default());
        let neglect = page.terms.iter().find(|t| &*t.stem == "neglect");
        let Some(neglect) = neglect else {
            panic!("no stem neglect in {page:?}");
        };
        // Title once; headings once; body: h1, h2, "neglecting", "neglect".
        assert_eq!(neglect.counts, [1, 1, 4]);
        assert_eq!(neglect.form, None, "the stem itself is the most used form");
        let child = page.terms.iter().find(|t| &*t.stem == "child");
        assert_eq!(child.map(|t| t.counts), Some([0, 0, 1]));
        let children = page.terms.iter().find(|t| &*t.stem == "children");
        assert_eq!(children.map(|t| t.counts), Some([0, 1, 1]));
        assert_eq!(page.lengths, [1, 2, 7]);
    }

    #[test]
    fn another_language_keeps_each_word_as_written() {
        let html = "<main><p>Zgłoś obawy. Obawy dzieci; children neglected.</p></main>";
        let page = analyse("Zgłoś", html, &mut StemCache::new(false));
        let mut stems: Vec<&str> = page.terms.iter().map(|t| &*t.stem).collect();
        stems.sort_unstable();
        assert_eq!(stems, ["children", "dzieci", "neglected", "obawy", "zglos"]);
        assert!(page.terms.iter().all(|t| t.form.is_none()));
    }

    #[test]
    fn stems_like_the_snowball_english_algorithm() {
        for (word, expected) in [
            ("neglected", "neglect"),
            ("exploitation", "exploit"),
            ("exploited", "exploit"),
            ("safeguarding", "safeguard"),
            ("generously", "generous"),
            ("dying", "die"),
            ("999", "999"),
        ] {
            assert_eq!(stem(word), expected, "{word}");
        }
    }
}
