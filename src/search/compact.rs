//! What `plainsite build` keeps of each page for the index while the other
//! pages are rendered: stems and written forms as numbers into one
//! [`Vocabulary`] shared by the whole build, with the counts per field, so a
//! page's words take 16 bytes a stem instead of two shared strings.
//!
//! Part of [`crate::search`]. [`Analyser::analyse`] reads a page as
//! [`super::index_in`] would (counted by [`super::tally`], which gives what
//! `terms::analyse` gives), as soon as it is rendered; [`index_analysed`] writes the same files [`super::index_in`] writes
//! from the same pages. `serve` does not use this: it keeps each page's terms
//! between builds (see [`super::SearchCache`]).

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rustc_hash::FxHashMap;

use super::files::{PageWords, write_index};
use super::tally::Tally;
use super::terms::FIELDS;

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
        let id = u32::try_from(words.list.len()).unwrap_or(NONE - 1);
        let word: Arc<str> = word.into();
        words.list.push(word.clone());
        words.ids.insert(word, id);
        id
    }
}

/// "No written form": the stem is the most used form.
const NONE: u32 = u32::MAX;

/// One stem of a page.
#[derive(Debug, Clone, Copy)]
struct Term {
    stem: u32,
    /// Most used written form, or [`NONE`].
    form: u32,
    counts: [u16; FIELDS],
}

/// What an index reads of one page, taken from its HTML by [`Analyser::analyse`]
/// as soon as the page is rendered, so that `build` need not keep the HTML.
#[derive(Debug, Clone)]
pub struct Analysed(Arc<Compact>);

#[derive(Debug)]
struct Compact {
    lengths: [u32; FIELDS],
    terms: Box<[Term]>,
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
        let terms = counted
            .into_iter()
            .map(|t| Term {
                stem: t.stem,
                form: t.form.unwrap_or(NONE),
                counts: t.counts,
            })
            .collect();
        Analysed(Arc::new(Compact { lengths, terms }))
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

    fn each_term(&self, mut f: impl FnMut(u32, Option<u32>, [u16; FIELDS])) {
        for t in &self.page.terms {
            f(t.stem, (t.form != NONE).then_some(t.form), t.counts);
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
