//! The search index: the words of every page's `<main>`, split into small files a
//! browser fetches as needed, so search works on any static host.
//!
//! Runs after every page is rendered, over the HTML already in memory. Only `<main>`
//! is read (the header, menus and footer would match every search), and only content
//! pages and sections: listings, topic pages, the A–Z page and redirects are left out.
//!
//! What it writes, below the base path (`search.js` in the theme reads it):
//!
//! ```text
//! search-index/words/<hex of the first two letters>.json   {"w": {"word": [page ids], …},
//!                                                          "t": {title words alike}}
//! search-index/pages/<id / 256>.json                       [[url, title, summary], …]
//! ```
//!
//! Pages are read in parallel and each word file is small, so a search downloads a
//! few kilobytes even on a site of 10,000 pages. The tokeniser here and the one in
//! `search.js` must agree: lowercase, common accents folded, apostrophes dropped,
//! runs of letters and digits of two characters or more.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::Arc;

use rayon::prelude::*;

/// The folder the index is written to, below the base path.
pub const INDEX_DIR: &str = "search-index";
/// Pages per file of `search-index/pages/`; `search.js` uses the same number.
pub const PAGES_PER_CHUNK: usize = 256;
/// Words longer than this are cut (long strings of digits, URLs).
const MAX_WORD: usize = 40;

/// A page to index.
#[derive(Debug, Clone)]
pub struct SearchPage {
    /// URL the result links to, base path included (`/preview/briefings/neglect/`).
    pub url: String,
    /// Title shown as the result's link.
    pub title: String,
    /// One or two sentences shown under it.
    pub summary: String,
    /// The page's whole HTML; only `<main>` is read. Shared with the output, so
    /// that [`index_with`] can tell a page that did not change.
    pub html: Arc<[u8]>,
}

impl SearchPage {
    fn html(&self) -> &str {
        std::str::from_utf8(&self.html).unwrap_or_default()
    }

    /// The distinct words of the page's `<main>` and of its title.
    fn words(&self) -> (Vec<String>, Vec<String>) {
        (
            unique_words(&main_text(self.html())),
            unique_words(&self.title),
        )
    }
}

/// What [`index_with`] keeps for the next index: the pages, every word file with
/// its postings, and the page files.
#[derive(Debug, Default)]
pub struct SearchCache {
    pages: Vec<SearchPage>,
    shards: BTreeMap<String, CachedShard>,
    chunks: Vec<Arc<[u8]>>,
}

#[derive(Debug)]
struct CachedShard {
    shard: Shard,
    bytes: Arc<[u8]>,
}

/// Indexes `pages`; returns the index's files as (output path, bytes). A page's id
/// is its position in `pages`.
pub fn index(pages: &[SearchPage]) -> Vec<(String, Arc<[u8]>)> {
    index_with(pages, &mut SearchCache::default())
}

/// Indexes `pages` like [`index`]. When the pages are the same addresses in the
/// same order as in `cache`, only pages whose HTML, title or summary changed are
/// read, and only the files they touch are written again; otherwise everything is
/// indexed afresh. The result is the same either way, and is left in `cache`.
pub fn index_with(pages: &[SearchPage], cache: &mut SearchCache) -> Vec<(String, Arc<[u8]>)> {
    let same_pages = cache.pages.len() == pages.len()
        && cache.pages.iter().zip(pages).all(|(a, b)| a.url == b.url);
    if same_pages {
        update(pages, cache);
    } else {
        *cache = full_index(pages);
    }
    let mut files: Vec<(String, Arc<[u8]>)> = cache
        .shards
        .iter()
        .map(|(name, s)| (format!("{INDEX_DIR}/words/{name}.json"), s.bytes.clone()))
        .collect();
    files.extend(
        cache
            .chunks
            .iter()
            .enumerate()
            .map(|(n, bytes)| (format!("{INDEX_DIR}/pages/{n}.json"), bytes.clone())),
    );
    files
}

fn full_index(pages: &[SearchPage]) -> SearchCache {
    let postings = |text_of: &(dyn Fn(&SearchPage) -> String + Sync)| {
        pages
            .par_iter()
            .enumerate()
            .fold(
                || (Postings::default(), String::new()),
                |(mut map, mut buffer), (id, page)| {
                    let id = u32::try_from(id).unwrap_or(u32::MAX);
                    // Pages come in order, so a repeat of a word on the same page
                    // is the id last pushed; no word is copied that is known.
                    each_word(&text_of(page), &mut buffer, |w| match map.get_mut(w) {
                        Some(ids) if ids.last() == Some(&id) => {}
                        Some(ids) => ids.push(id),
                        None => {
                            map.insert(w.to_owned(), vec![id]);
                        }
                    });
                    (map, buffer)
                },
            )
            .map(|(map, _)| map)
            .reduce(Postings::default, |mut a, b| {
                for (w, ids) in b {
                    a.entry(w).or_default().extend(ids);
                }
                a
            })
    };
    let body = postings(&|p| main_text(p.html()));
    let titles = postings(&|p| p.title.clone());
    let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
    for (field, map) in [(0, body), (1, titles)] {
        for (word, mut ids) in map {
            ids.sort_unstable();
            let shard = shards.entry(shard_name(&word)).or_default();
            if field == 0 {
                shard.w.insert(word, ids);
            } else {
                shard.t.insert(word, ids);
            }
        }
    }
    let shards = shards
        .into_par_iter()
        .map(|(name, shard)| {
            let bytes = shard.to_json();
            (name, CachedShard { shard, bytes })
        })
        .collect();
    let chunks = pages.chunks(PAGES_PER_CHUNK).map(chunk_json).collect();
    SearchCache {
        pages: pages.to_vec(),
        shards,
        chunks,
    }
}

/// Brings `cache` up to date with `pages`, which have the same addresses in the
/// same order.
fn update(pages: &[SearchPage], cache: &mut SearchCache) {
    let changed: Vec<usize> = (0..pages.len())
        .filter(|&i| {
            let (old, new) = (&cache.pages[i], &pages[i]);
            !Arc::ptr_eq(&old.html, &new.html)
                || old.title != new.title
                || old.summary != new.summary
        })
        .collect();
    if changed.is_empty() {
        return;
    }
    let diffs: Vec<(u32, [WordDiff; 2])> = changed
        .par_iter()
        .map(|&i| {
            let (old_body, old_title) = cache.pages[i].words();
            let (new_body, new_title) = pages[i].words();
            let id = u32::try_from(i).unwrap_or(u32::MAX);
            (
                id,
                [
                    WordDiff::new(old_body, new_body),
                    WordDiff::new(old_title, new_title),
                ],
            )
        })
        .collect();
    let mut dirty = BTreeSet::new();
    for (id, fields) in diffs {
        for (field, diff) in fields.into_iter().enumerate() {
            for word in diff.removed {
                let name = shard_name(&word);
                if let Some(cached) = cache.shards.get_mut(&name) {
                    let map = cached.shard.field(field);
                    if let Some(ids) = map.get_mut(&word) {
                        ids.retain(|&x| x != id);
                        if ids.is_empty() {
                            map.remove(&word);
                        }
                    }
                }
                dirty.insert(name);
            }
            for word in diff.added {
                let name = shard_name(&word);
                let cached = cache
                    .shards
                    .entry(name.clone())
                    .or_insert_with(|| CachedShard {
                        shard: Shard::default(),
                        bytes: Arc::from(Vec::new()),
                    });
                let ids = cached.shard.field(field).entry(word).or_default();
                if let Err(at) = ids.binary_search(&id) {
                    ids.insert(at, id);
                }
                dirty.insert(name);
            }
        }
    }
    for name in dirty {
        let Some(cached) = cache.shards.get_mut(&name) else {
            continue;
        };
        if cached.shard.w.is_empty() && cached.shard.t.is_empty() {
            cache.shards.remove(&name);
        } else {
            cached.bytes = cached.shard.to_json();
        }
    }
    let chunks: BTreeSet<usize> = changed.iter().map(|i| i / PAGES_PER_CHUNK).collect();
    for &i in &changed {
        cache.pages[i] = pages[i].clone();
    }
    for n in chunks {
        let end = ((n + 1) * PAGES_PER_CHUNK).min(pages.len());
        cache.chunks[n] = chunk_json(&pages[n * PAGES_PER_CHUNK..end]);
    }
}

/// The words a page lost and gained.
struct WordDiff {
    removed: Vec<String>,
    added: Vec<String>,
}

impl WordDiff {
    /// From two sorted lists of distinct words.
    fn new(old: Vec<String>, new: Vec<String>) -> WordDiff {
        let old_set: std::collections::HashSet<&String> = old.iter().collect();
        let new_set: std::collections::HashSet<&String> = new.iter().collect();
        WordDiff {
            removed: old
                .iter()
                .filter(|w| !new_set.contains(w))
                .cloned()
                .collect(),
            added: new
                .iter()
                .filter(|w| !old_set.contains(w))
                .cloned()
                .collect(),
        }
    }
}

/// One file of `pages/`: `[url, title, summary]` for each page.
fn chunk_json(chunk: &[SearchPage]) -> Arc<[u8]> {
    let rows: Vec<[&str; 3]> = chunk
        .iter()
        .map(|p| [p.url.as_str(), p.title.as_str(), p.summary.as_str()])
        .collect();
    serde_json::to_vec(&rows).unwrap_or_default().into()
}

/// Word → ids of the pages that have it. Hashed with FxHash: a build looks up
/// every word of every page (twenty million at 10,000 pages), and the keys are
/// words from the site's own pages, so a fast hash matters and a keyed one does not.
type Postings = rustc_hash::FxHashMap<String, Vec<u32>>;

/// One file of `words/`: the pages whose `<main>` has each word (`w`), and the
/// pages whose title has it (`t`, for ranking).
#[derive(Debug, Default, serde::Serialize)]
struct Shard {
    w: BTreeMap<String, Vec<u32>>,
    t: BTreeMap<String, Vec<u32>>,
}

impl Shard {
    /// `w` for field 0, `t` for field 1.
    fn field(&mut self, field: usize) -> &mut BTreeMap<String, Vec<u32>> {
        if field == 0 { &mut self.w } else { &mut self.t }
    }

    fn to_json(&self) -> Arc<[u8]> {
        serde_json::to_vec(self).unwrap_or_default().into()
    }
}

/// The file a word is kept in: the hex of the UTF-8 of its first two characters.
pub fn shard_name(word: &str) -> String {
    let end = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
    word[..end].bytes().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The searchable words of a text, in order, repeats kept.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if word.chars().count() >= 2 {
            out.push(word.chars().take(MAX_WORD).collect());
        }
        word.clear();
    };
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = crate::content::fold_accent(c);
        if c.is_alphanumeric() {
            word.push(c);
        } else if c != '\'' && c != '’' {
            flush(&mut word);
        }
    }
    flush(&mut word);
    out
}

/// The searchable words of a text, each once: the same words as [`words`], with
/// one string made per distinct word rather than per occurrence (this runs over
/// every page's text on every build).
fn unique_words(text: &str) -> Vec<String> {
    let mut found: Vec<&str> = Vec::new();
    let mut folded = String::new();
    each_word(text, &mut folded, |w| found.push(w));
    found.sort_unstable();
    found.dedup();
    found.into_iter().map(str::to_owned).collect()
}

/// Calls `f` with each searchable word of `text` in order, repeats included: the
/// same words as [`words`]. `folded` is scratch space the words are cut from.
fn each_word<'a>(text: &str, folded: &'a mut String, mut f: impl FnMut(&'a str)) {
    folded.clear();
    folded.reserve(text.len());
    for c in text.chars() {
        // Most text is ASCII, which needs no Unicode case tables.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                folded.push(c.to_ascii_lowercase());
            } else if c != '\'' {
                folded.push(' ');
            }
            continue;
        }
        for c in c.to_lowercase() {
            let c = crate::content::fold_accent(c);
            if c.is_alphanumeric() {
                folded.push(c);
            } else if c != '’' {
                folded.push(' ');
            }
        }
    }
    for w in folded.split(' ').filter(|w| w.chars().nth(1).is_some()) {
        let end = w
            .char_indices()
            .nth(MAX_WORD)
            .map_or(w.len(), |(end, _)| end);
        f(&w[..end]);
    }
}

/// The text of the page's `<main>` element: tags removed (with the contents of
/// `<script>`, `<style>` and `<template>`), entities decoded. Empty without `<main>`.
pub fn main_text(html: &str) -> String {
    let Some(start) = find_tag(html, "<main") else {
        return String::new();
    };
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |e| start + e);
    let body = &html[start..end];
    let mut text = String::with_capacity(body.len() / 2);
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut text, &rest[..lt]);
        let tag = &rest[lt..];
        let close = tag.find('>').map_or(tag.len(), |g| g + 1);
        let inside = &tag[1..close.min(tag.len())];
        let name_len = inside.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = &inside[..name_len];
        rest = &tag[close..];
        if let Some(skipped) = ["script", "style", "template"]
            .into_iter()
            .find(|s| name.eq_ignore_ascii_case(s))
        {
            let closing = format!("</{skipped}");
            rest = rest.find(&closing).map_or("", |i| &rest[i..]);
        }
        // Tags separate words: `<td>a</td><td>b</td>` is two words.
        text.push(' ');
    }
    push_decoded(&mut text, rest);
    text
}

/// Finds `<main` as a whole tag name (not `<mainly`).
fn find_tag(html: &str, open: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].find(open) {
        let at = from + i;
        match html[at + open.len()..].chars().next() {
            Some('>' | ' ' | '\n' | '\t' | '\r') => return Some(at),
            _ => from = at + open.len(),
        }
    }
    None
}

fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&s| s <= 10);
        let decoded = semi.and_then(|s| entity(&after[..s]));
        match (semi, decoded) {
            (Some(s), Some(c)) => {
                out.push(c);
                rest = &after[s + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "rsquo" => '’',
        "lsquo" => '‘',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_words_are_the_distinct_words() {
        let text = "Élan, CAFÉ’s 7-minute a café's élan ÉLAN x".repeat(3) + &"y".repeat(60);
        let mut expected = words(&text);
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(unique_words(&text), expected);
    }

    #[test]
    fn reads_only_main_and_skips_scripts() {
        let html = "<header>Menu words</header><main id=\"main\"><h1>Fish &amp; chips</h1><script>var x = 'hidden';</script><p>Children&#x27;s <b>s</b>afety</p></main><footer>footer</footer>";
        assert_eq!(
            words(&main_text(html)),
            ["fish", "chips", "childrens", "afety"]
        );
    }

    #[test]
    fn folds_case_and_accents_like_search_js() {
        assert_eq!(
            words("Élan, CAFÉ’s 7-minute a"),
            ["elan", "cafes", "minute"]
        );
        assert_eq!(shard_name("elan"), "656c");
        assert_eq!(shard_name("ö"), "c3b6");
    }

    #[test]
    fn writes_word_files_and_page_chunks() {
        let pages = [
            SearchPage {
                url: "/a/".into(),
                title: "A".into(),
                summary: String::new(),
                html: "<main><p>harbour safety</p></main>".as_bytes().into(),
            },
            SearchPage {
                url: "/b/".into(),
                title: "B".into(),
                summary: String::new(),
                html: "<main><p>Safety first</p></main>".as_bytes().into(),
            },
        ];
        let files: BTreeMap<String, String> = index(&pages)
            .into_iter()
            .map(|(p, b)| (p, String::from_utf8(b.to_vec()).unwrap_or_default()))
            .collect();
        assert_eq!(
            files["search-index/words/7361.json"],
            r#"{"w":{"safety":[0,1]},"t":{}}"#
        );
        assert_eq!(
            files["search-index/words/6861.json"],
            r#"{"w":{"harbour":[0]},"t":{}}"#
        );
        assert_eq!(
            files["search-index/pages/0.json"],
            r#"[["/a/","A",""],["/b/","B",""]]"#
        );
    }

    fn page(url: &str, title: &str, body: &str) -> SearchPage {
        SearchPage {
            url: url.into(),
            title: title.into(),
            summary: format!("About {title}."),
            html: format!("<main><p>{body}</p></main>").as_bytes().into(),
        }
    }

    fn as_map(files: Vec<(String, Arc<[u8]>)>) -> BTreeMap<String, String> {
        files
            .into_iter()
            .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
            .collect()
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
        assert!(first.contains_key("search-index/words/7a65.json"), "zebra");

        // A body loses its only "zebra" and gains a word; another title changes.
        pages[0] = page("/a/", "Harbour", "harbour safety yak");
        pages[2].title = "Locks".into();
        let updated = as_map(index_with(&pages, &mut cache));
        assert_eq!(updated, as_map(index(&pages)));
        assert!(!updated.contains_key("search-index/words/7a65.json"));
        assert!(updated["search-index/words/7961.json"].contains("\"yak\":[0]"));

        // Nothing changed: the same files again.
        assert_eq!(as_map(index_with(&pages, &mut cache)), updated);

        // A page added: indexed afresh.
        pages.push(page("/d/", "Docks", "docks safety"));
        assert_eq!(
            as_map(index_with(&pages, &mut cache)),
            as_map(index(&pages))
        );
    }
}
