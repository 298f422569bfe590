//! The search index: the stems of every page's `<main>`, with a relevance score per
//! page, split into small files a browser fetches as needed, so search works on any
//! static host.
//!
//! Runs after every page is rendered, over the HTML already in memory (or, for
//! `plainsite build`, over what [`Analyser`] read of each page as it was
//! rendered, before its HTML left memory). Only `<main>`
//! is read (the header, menus and footer would match every search), and only content
//! pages and sections: listings, topic pages, the A–Z page and redirects are left out.
//!
//! What it writes, below the base path (`search-core.js` in the theme reads it):
//!
//! ```text
//! search-index/meta.json              {"pages": N, "buckets": B, "chunk": 64}
//! search-index/words/<bucket>.json    {"stem": "list of (page, score)", …}   see encode
//! search-index/pages/<id / 64>.json   [[url, title], …]
//! search-index/vocab/<length>.json    [[word, pages], …]  stems of that many letters,
//!                                     as most often written, most used first
//! ```
//!
//! A site in more than one language gets one index per language: the default
//! language's where it is above, each other language's in `search-index/<code>/`
//! (the same files below it), built by [`index_in`] from that language's pages only.
//! English is stemmed; other languages are matched word for word (see [`stems`]).
//!
//! A stem's file is its FNV-1a hash modulo B, so a one-word search downloads that
//! stem's list and a few others. The excerpts under results are cut by the browser
//! from the result pages themselves, so the index holds no page text. Ranking is
//! explained in `encode`; stemming in `terms`; the words in `text`.

mod compact;
mod encode;
mod files;
mod fold;
mod tally;
mod terms;
mod text;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

pub use compact::{Analysed, Analyser, Vocabulary, index_analysed};
pub use files::PAGES_PER_CHUNK;
pub use terms::stem;
pub(crate) use text::push_decoded;
pub use text::{main_fields, main_text, words};

/// The folder the index is written to, below the base path.
pub const INDEX_DIR: &str = "search-index";

/// True when output path `out` lies in [`INDEX_DIR`], which a build fills last,
/// with file names it chooses: no name there is free for another file.
pub fn in_index_dir(out: &str) -> bool {
    out.split('/').next() == Some(INDEX_DIR)
}

/// A page to index.
#[derive(Debug, Clone)]
pub struct SearchPage {
    /// URL the result links to, base path included (`/preview/briefings/neglect/`).
    pub url: String,
    /// Title shown as the result's link.
    pub title: String,
    /// The page's whole HTML; only `<main>` is read. Shared with the output, so
    /// that [`index_with`] can tell a page that did not change.
    pub html: Arc<[u8]>,
}

impl SearchPage {
    fn html(&self) -> &str {
        std::str::from_utf8(&self.html).unwrap_or_default()
    }
}

/// What [`index_with`] keeps for the next index: the pages and what was read from
/// each, so that an unchanged page is not read again.
#[derive(Debug, Default)]
pub struct SearchCache {
    pages: Vec<SearchPage>,
    analysed: Vec<Arc<terms::PageTerms>>,
    /// Whether `analysed` was stemmed as English.
    english: bool,
    /// The caches of the other languages' indexes, by folder.
    languages: BTreeMap<String, SearchCache>,
}

impl SearchCache {
    /// The cache of the index written to `dir` ([`INDEX_DIR`] for the default
    /// language's).
    pub fn of(&mut self, dir: &str) -> &mut SearchCache {
        if dir == INDEX_DIR {
            self
        } else {
            self.languages.entry(dir.to_owned()).or_default()
        }
    }
}

/// True when words of the language `code` (BCP 47) are stemmed: English only.
pub fn stems(code: &str) -> bool {
    code.split('-')
        .next()
        .is_some_and(|primary| primary.eq_ignore_ascii_case("en"))
}

/// The folder of the index of a language other than the default, from the
/// language's URL prefix (`pl` → `search-index/pl`).
pub fn language_dir(prefix: &str) -> String {
    format!("{INDEX_DIR}/{prefix}")
}

/// Indexes `pages`; returns the index's files as (output path, bytes). A page's id
/// is its position in `pages`.
pub fn index(pages: &[SearchPage]) -> Vec<(String, Arc<[u8]>)> {
    index_with(pages, &mut SearchCache::default())
}

/// Indexes `pages` like [`index`], reading again only the pages whose address,
/// title or HTML differ from the page at the same place in `cache`. The result is
/// the same as [`index`]'s; `cache` is left holding these pages.
pub fn index_with(pages: &[SearchPage], cache: &mut SearchCache) -> Vec<(String, Arc<[u8]>)> {
    index_in(pages, INDEX_DIR, true, cache)
}

/// Indexes `pages` like [`index_with`] into the folder `dir` (below the base path),
/// stemming words as English when `english` is true and keeping them as written
/// otherwise.
pub fn index_in(
    pages: &[SearchPage],
    dir: &str,
    english: bool,
    cache: &mut SearchCache,
) -> Vec<(String, Arc<[u8]>)> {
    let same_language = cache.english == english;
    let analysed: Vec<Arc<terms::PageTerms>> = pages
        .par_iter()
        .enumerate()
        .map_init(
            || terms::StemCache::new(english),
            |stems, (i, page)| match (cache.pages.get(i), cache.analysed.get(i)) {
                (Some(old), Some(done))
                    if same_language
                        && old.url == page.url
                        && old.title == page.title
                        && Arc::ptr_eq(&old.html, &page.html) =>
                {
                    done.clone()
                }
                _ => Arc::new(terms::analyse(&page.title, page.html(), stems)),
            },
        )
        .collect();
    let rows: Vec<[&str; 2]> = pages
        .iter()
        .map(|p| [p.url.as_str(), p.title.as_str()])
        .collect();
    let refs: Vec<&Arc<terms::PageTerms>> = analysed.iter().collect();
    let files = files::write_index(&rows, &refs, dir);
    cache.pages = pages.to_vec();
    cache.analysed = analysed;
    cache.english = english;
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, title: &str, body: &str) -> SearchPage {
        SearchPage {
            url: url.into(),
            title: title.into(),
            html: format!("<main><h1>{title}</h1><p>{body}</p></main>")
                .as_bytes()
                .into(),
        }
    }

    fn as_map(files: Vec<(String, Arc<[u8]>)>) -> BTreeMap<String, String> {
        files
            .into_iter()
            .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
            .collect()
    }

    /// Every stem's list, read back from the word files.
    fn lists(files: &BTreeMap<String, String>) -> BTreeMap<String, Vec<(u32, u32)>> {
        let mut out = BTreeMap::new();
        for (path, text) in files {
            if path.starts_with("search-index/words/") {
                let words: BTreeMap<String, String> =
                    serde_json::from_str(text).unwrap_or_default();
                for (stem, list) in words {
                    out.insert(stem, encode::decode(&list));
                }
            }
        }
        out
    }

    #[test]
    fn writes_stems_with_scores_pages_meta_and_vocabulary() {
        let pages = [
            page("/a/", "Harbour", "harbour safety, neglected harbours"),
            page("/b/", "Bridges", "Safety first"),
        ];
        let files = as_map(index(&pages));
        let lists = lists(&files);
        let harbour = &lists["harbour"];
        assert_eq!(harbour.iter().map(|p| p.0).collect::<Vec<_>>(), [0]);
        let safety = &lists["safeti"];
        assert_eq!(safety.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 1]);
        assert!(lists.contains_key("neglect"), "{lists:?}");
        assert!(!lists.contains_key("neglected"));
        assert_eq!(
            files["search-index/meta.json"],
            r#"{"buckets":1,"chunk":64,"pages":2}"#
        );
        assert_eq!(
            files["search-index/pages/0.json"],
            r#"[["/a/","Harbour"],["/b/","Bridges"]]"#
        );
        // Vocabulary by stem length, as written most often: "safety", not "safeti".
        assert_eq!(files["search-index/vocab/6.json"], r#"[["safety",2]]"#);
        assert!(files["search-index/vocab/7.json"].contains(r#"["harbour",1]"#));
    }

    #[test]
    fn a_title_match_outranks_a_body_match() {
        let pages = [
            page("/a/", "Contact us", "Write to us about training."),
            page("/b/", "Training", "Courses for staff."),
        ];
        let lists = lists(&as_map(index(&pages)));
        let training = &lists["train"];
        assert_eq!(training.len(), 2);
        assert!(training[1].1 > training[0].1, "{training:?}");
    }

    #[test]
    fn hostile_pages_index_without_panics() {
        let huge = "x".repeat(100_000);
        let pages = [
            SearchPage {
                url: "/a/".into(),
                title: String::new(),
                html: Arc::from(vec![0xff, 0xfe, b'<']),
            },
            SearchPage {
                url: "/b/".into(),
                title: huge.clone(),
                html: format!("<main>{huge} &#xFFFFFFFF; &#0; <h2")
                    .as_bytes()
                    .into(),
            },
            SearchPage {
                url: "/c/".into(),
                title: "\u{0}\u{202e}".into(),
                html: "<main><h3>".as_bytes().into(),
            },
        ];
        let files = as_map(index(&pages));
        assert!(files.contains_key("search-index/meta.json"));
        assert!(
            index(&[])
                .iter()
                .any(|(p, _)| p == "search-index/meta.json")
        );
    }

    #[test]
    fn a_language_index_has_its_own_folder_and_keeps_words_as_written() {
        let pages = [
            page(
                "/pl/a/",
                "Zgłoś obawy",
                "Jak zgłosić obawy dotyczące dziecka",
            ),
            page("/pl/b/", "Szkolenia", "Szkolenia dla pracowników"),
        ];
        let mut cache = SearchCache::default();
        let dir = language_dir("pl");
        let files = as_map(index_in(&pages, &dir, stems("pl"), cache.of(&dir)));
        assert!(
            files.keys().all(|p| p.starts_with("search-index/pl/")),
            "{files:?}"
        );
        assert_eq!(
            files["search-index/pl/pages/0.json"],
            r#"[["/pl/a/","Zgłoś obawy"],["/pl/b/","Szkolenia"]]"#
        );
        let found: BTreeMap<String, String> = files
            .iter()
            .filter_map(|(p, t)| {
                p.strip_prefix("search-index/pl/")
                    .map(|p| (format!("search-index/{p}"), t.clone()))
            })
            .collect();
        let lists = lists(&found);
        // No English stemming: "szkolenia" is not cut to "szkolenia"'s stem, and the
        // Polish letters are folded.
        assert_eq!(lists["szkolenia"].len(), 1);
        assert_eq!(lists["zglos"].len(), 1);
        assert_eq!(lists["obawy"].iter().map(|p| p.0).collect::<Vec<_>>(), [0]);
        // The default language's cache is untouched by another language's index.
        assert!(cache.pages.is_empty());
        assert_eq!(cache.of(&dir).pages.len(), 2);

        // The same pages stemmed as English give other stems: the cache knows.
        let english = as_map(index_in(&pages, &dir, true, cache.of(&dir)));
        assert_eq!(
            english,
            as_map(index_in(&pages, &dir, true, &mut SearchCache::default()))
        );
        assert_ne!(english, files);
    }

    #[test]
    fn only_english_is_stemmed() {
        for (code, expected) in [
            ("en", true),
            ("en-GB", true),
            ("EN-us", true),
            ("cy", false),
            ("pl", false),
            ("ur", false),
            ("eng", false),
            ("", false),
        ] {
            assert_eq!(stems(code), expected, "{code}");
        }
    }

    #[test]
    fn an_updated_index_is_the_same_as_a_fresh_one() {
        let mut pages = vec![
            page("/a/", "Harbour", "harbour safety zebra"),
            page("/b/", "Bridges", "bridges and safety"),
            page("/c/", "Canals", "canals"),
        ];
        let mut cache = SearchCache::default();
        let first = as_map(index_with(&pages, &mut cache));
        assert_eq!(first, as_map(index(&pages)));
        assert!(lists(&first).contains_key("zebra"));

        // A body loses its only "zebra" and gains a word; another title changes.
        pages[0] = page("/a/", "Harbour", "harbour safety yak");
        pages[2].title = "Locks".into();
        let updated = as_map(index_with(&pages, &mut cache));
        assert_eq!(updated, as_map(index(&pages)));
        assert!(!lists(&updated).contains_key("zebra"));
        assert_eq!(lists(&updated)["yak"].len(), 1);

        // Nothing changed: the same files again.
        assert_eq!(as_map(index_with(&pages, &mut cache)), updated);

        // A page added.
        pages.push(page("/d/", "Docks", "docks safety"));
        assert_eq!(
            as_map(index_with(&pages, &mut cache)),
            as_map(index(&pages))
        );
    }
}
