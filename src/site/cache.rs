//! What one build keeps for the next, so that `serve` redoes only what a change
//! affects.
//!
//! - Pages as read ([`LoadCache`]): a Markdown file whose stamp (size, times,
//!   inode) is unchanged is not read or parsed again; a page's `revision` changes
//!   only when its text does.
//! - Markdown results: a page's [`Rendered`] depends on its own text and on its
//!   environment: the site's pages and their addresses, the sections' kinds, the
//!   files that links may point at, the glossary, `allow_html`, the base path, the
//!   shortcode templates and the data files they read. [`environment_key`] hashes
//!   all of that; when it matches the last build's, a page of the same revision
//!   gets its [`Rendered`] (and its print chapter) back instead of being rendered
//!   again.
//! - HTML files: each file is planned with a key that hashes what its view is made
//!   of (settings, templates, the structure of the site, and the revision, title,
//!   address or summary of each page it shows); a file whose key is the one it
//!   had last time keeps its bytes, and its view is not even built (see
//!   [`RenderedJobs`] and `Ctx::plan`).
//! - The walk of `static/` (`static_files.rs`), with the warnings about its
//!   names: used again while the caller names changes and none is below
//!   `static/`.
//!
//! Values are moved in and out, never cloned. The cache is filled only by a build
//! that succeeded and is emptied by one that failed, so a failed build is followed
//! by a full one. A build with an empty cache is a full build.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::data_walk::DataEntry;
use crate::content::{Content, LoadCache};
use crate::markdown::Rendered;
use crate::theme::Theme;

/// One page's Markdown results from the last good build.
#[derive(Debug)]
pub(crate) struct CachedPage {
    /// The revision of the page's text it was rendered from.
    pub(crate) revision: u64,
    /// Its rendered body.
    pub(crate) rendered: Rendered,
    /// Its print chapter, when it is a chapter of a document.
    pub(crate) print: Option<Rendered>,
}

/// Results kept from the last good build, for [`build_with`](super::build_with).
#[derive(Debug, Default)]
pub struct BuildCache {
    /// The environment key of the last good build; `None` when the cache is empty.
    pub(crate) environment: Option<u64>,
    /// Markdown results, in the order of the last build's pages, as the last
    /// build left them (see [`KeptPages`]).
    pub(crate) kept: Option<KeptPages>,
    /// The same, one entry per page, made from `kept` when a page came or went
    /// (taken out as they are reused).
    pub(crate) pages: Vec<Option<CachedPage>>,
    /// Where each revision is in `pages`, made when a page is not at its old
    /// index (a page came or went).
    pub(crate) by_revision: Option<rustc_hash::FxHashMap<u64, usize>>,
    /// Pages as read, and each file's stamp.
    pub(crate) load: LoadCache,
    /// Every HTML file rendered from a template, with its key.
    pub(crate) jobs: RenderedJobs,
    /// The search index.
    pub(crate) search: crate::search::SearchCache,
    /// Assets the last build fingerprinted (plain output paths): their names are
    /// part of every HTML file's key.
    pub(crate) assets: Vec<String>,
    /// Set by `serve`: image work is left for later (kept when the cache is
    /// cleared, as it is a choice of the caller's, not a result).
    pub(crate) images: Option<crate::images::Deferral>,
    /// Set by `serve`: the search index is made after the build, by
    /// [`BuildCache::finish_search_index`] (kept when the cache is cleared).
    pub(crate) defer_search: bool,
    /// The pages of the search indexes the last build left to make.
    pub(crate) pending_search: Option<Vec<SearchGroup>>,
    /// The source file of each page's HTML file, as the last build gave them.
    pub(crate) sources: Option<Arc<Sources>>,
    /// The addresses links resolve against, as the last build made them.
    pub(crate) links: Option<crate::content::SiteLinks>,
    /// The last build's order of sections and terms, where the next build's
    /// sorts start (see `Model::after`).
    pub(crate) model: Option<super::model::Model>,
    /// The last build's compiled templates.
    pub(crate) renderer: Option<KeptRenderer>,
    /// The last build's page signatures (see `Keys::new`).
    pub(crate) keys: Option<super::keys::Keys>,
    /// The last build's sitemap (see `sitemap::add`).
    pub(crate) sitemap: Option<super::sitemap::KeptSitemap>,
    /// What each office document held when a build last read it.
    pub(crate) documents: super::documents::Seen,
    /// The last build's walk of `static/`, when it met no error.
    pub(crate) static_walk: Option<super::static_files::StaticWalk>,
    /// Set by [`BuildCache::set_changed`] for the next build: nothing below
    /// `static/` changed since the last one, so its walk still holds.
    pub(crate) static_unchanged: bool,
}

/// Compiled templates kept for the next build, with the [`renderer_key`] of the
/// theme they were compiled from.
pub(crate) struct KeptRenderer(pub(crate) u64, pub(crate) crate::render::Renderer);

impl std::fmt::Debug for KeptRenderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("KeptRenderer")
            .field(&self.0)
            .finish_non_exhaustive()
    }
}

/// The source file of each page's HTML file, by output path.
pub(crate) type Sources = std::collections::HashMap<String, std::path::PathBuf>;

impl BuildCache {
    /// Forgets everything, so the next build is a full one.
    pub fn clear(&mut self) {
        let images = self.images.take();
        let defer_search = self.defer_search;
        *self = BuildCache::default();
        self.images = images;
        self.defer_search = defer_search;
    }

    /// Builds with this cache leave out the search index: its pages are kept, and
    /// [`BuildCache::finish_search_index`] makes its files. For `serve`, which
    /// answers for the edited page first.
    pub(crate) fn defer_search_index(&mut self) {
        self.defer_search = true;
    }

    /// The files of the search index the last build left to make (see
    /// [`BuildCache::defer_search_index`]), the same as a build that did not defer
    /// it would have added; `None` when none was left.
    pub(crate) fn finish_search_index(&mut self) -> Option<Vec<(String, Arc<[u8]>)>> {
        let groups = self.pending_search.take()?;
        Some(index_groups(groups, &mut self.search))
    }

    /// Builds with this cache never wait for image work: an image whose
    /// variants are not in the image cache yet is shown as it is, with its size,
    /// and noted in the returned [`Deferral`](crate::images::Deferral) for the
    /// caller to make on another thread (then build again). For `serve`; a
    /// published build makes them all.
    pub fn defer_images(&mut self) -> crate::images::Deferral {
        self.images.get_or_insert_with(Default::default).clone()
    }

    /// Tells the next build which source files changed since the last one (paths
    /// relative to the site root), when the caller saw every change, as `serve`'s
    /// watcher does. Pages in files not named are then reused without looking at
    /// the disk; without this call, every file's stamp is checked.
    pub fn set_changed(&mut self, changed: Vec<std::path::PathBuf>) {
        self.static_unchanged = !changed.iter().any(|p| p.starts_with("static"));
        self.load.set_changed(changed);
    }

    /// The last build's walk of `static/`, when the caller said nothing below
    /// it changed since (see [`BuildCache::set_changed`]).
    pub(crate) fn take_static_walk(&mut self) -> Option<super::static_files::StaticWalk> {
        let unchanged = std::mem::take(&mut self.static_unchanged);
        self.static_walk.take().filter(|_| unchanged)
    }

    /// Makes the next build walk `static/` again: for a caller that let a change
    /// there pass without a build, so will not name it to the next one.
    pub(crate) fn forget_static_walk(&mut self) {
        self.static_walk = None;
    }

    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.environment.is_none()
            && self.kept.is_none()
            && self.pages.is_empty()
            && self.jobs.is_empty()
    }

    /// The source file of each page's HTML file: the last build's when the
    /// environment key is the same (it hashes every page's key, file and path),
    /// else made by `make`.
    pub(crate) fn sources(
        &mut self,
        environment: u64,
        make: impl FnOnce() -> Sources,
    ) -> Arc<Sources> {
        match &self.sources {
            Some(kept) if self.environment == Some(environment) => kept.clone(),
            _ => self.sources.insert(Arc::new(make())).clone(),
        }
    }

    /// The last build's link addresses, when the environment key (which hashes
    /// every page's key, file, address and folder, the content files and the
    /// files links may point at) is the same and `content` leaves out the same.
    pub(crate) fn take_links(
        &mut self,
        environment: u64,
        content: &Content,
    ) -> Option<crate::content::SiteLinks> {
        if self.environment != Some(environment) {
            return None;
        }
        self.links.take().filter(|l| l.leaves_out_the_same(content))
    }

    /// Takes the cached results of the page at `index` of this build's pages if
    /// the environment is unchanged and the page's text is the revision they
    /// were rendered from. A revision is never given twice, so it names the page
    /// and its text: the entry is found at the same index as last build's when
    /// no page came or went, and by its revision otherwise.
    pub(crate) fn take(
        &mut self,
        environment: u64,
        index: usize,
        revision: u64,
    ) -> Option<CachedPage> {
        if self.environment != Some(environment) {
            return None;
        }
        self.unpack();
        let same_place = self
            .pages
            .get(index)
            .is_some_and(|c| c.as_ref().is_some_and(|c| c.revision == revision));
        let at = if same_place {
            index
        } else {
            let pages = &self.pages;
            let by_revision = self.by_revision.get_or_insert_with(|| {
                pages
                    .iter()
                    .enumerate()
                    .filter_map(|(i, c)| c.as_ref().map(|c| (c.revision, i)))
                    .collect()
            });
            *by_revision.get(&revision)?
        };
        self.pages[at].take()
    }
}

/// What a page's Markdown render depends on, besides its own text.
pub(crate) struct Environment<'a> {
    /// Content.
    pub(crate) content: &'a Content,
    /// Output paths of files links may point at (static files, assets, built-ins).
    pub(crate) files: &'a [String],
    /// The glossary.
    pub(crate) glossary: &'a BTreeMap<String, String>,
    /// The site's language: a page's own when it has none.
    pub(crate) language: &'a str,
    /// The glossary of each language but the default, by code.
    pub(crate) language_glossaries: &'a BTreeMap<String, BTreeMap<String, String>>,
    /// `allow_html` from `site.yaml`.
    pub(crate) allow_html: bool,
    /// `not_abbreviations` from `site.yaml`.
    pub(crate) not_abbreviations: &'a [String],
    /// The base path.
    pub(crate) base_path: &'a str,
    /// The theme (for its shortcode templates).
    pub(crate) theme: &'a Theme,
    /// What is in `data/`.
    pub(crate) data: &'a [DataEntry],
}

/// How many bytes [`environment_key`] gathers before hashing them.
const HASH_PIECE: usize = 64 * 1024;

/// Adds `bytes` to `buf`, after their length, so that no two lists of fields
/// make the same bytes.
fn put(buf: &mut Vec<u8>, bytes: &[u8]) {
    buf.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    buf.extend_from_slice(bytes);
}

/// Hashes everything in `env`. Data files count by name, size and modification time.
pub(crate) fn environment_key(env: &Environment<'_>) -> u64 {
    let mut h = DefaultHasher::new();
    let content = env.content;
    content.pages.len().hash(&mut h);
    // Each page's fields go into one buffer, hashed in large pieces: SipHash
    // is several times slower on 40,000 short strings one by one.
    let mut buf = Vec::with_capacity(HASH_PIECE + 4096);
    for page in &content.pages {
        put(&mut buf, page.key.as_bytes());
        put(&mut buf, page.file.as_os_str().as_encoded_bytes());
        put(&mut buf, page.path.as_bytes());
        put(&mut buf, page.dir.as_os_str().as_encoded_bytes());
        buf.push(u8::from(page.is_section));
        match page.parent {
            Some(s) => {
                let section = &content.pages[content.sections[s].index];
                buf.push(1);
                put(&mut buf, section.key.as_bytes());
                buf.push(section.meta.page_kind.map_or(0, |k| k as u8 + 1));
                buf.push(u8::from(section.meta.document));
            }
            None => buf.push(0),
        }
        match &page.lang {
            Some(lang) => {
                buf.push(1);
                put(&mut buf, lang.as_bytes());
            }
            None => buf.push(0),
        }
        if buf.len() >= HASH_PIECE {
            h.write(&buf);
            buf.clear();
        }
    }
    h.write(&buf);
    content.assets.len().hash(&mut h);
    for asset in &content.assets {
        (&asset.key, &asset.path).hash(&mut h);
    }
    env.files.hash(&mut h);
    env.glossary.hash(&mut h);
    env.language_glossaries.hash(&mut h);
    env.allow_html.hash(&mut h);
    env.language.hash(&mut h);
    env.not_abbreviations.hash(&mut h);
    env.base_path.hash(&mut h);
    // Callout titles come from the theme's words.
    for (name, text) in &env.theme.i18n {
        (name, &text.source).hash(&mut h);
    }
    env.theme.shortcodes.len().hash(&mut h);
    for (name, text) in &env.theme.shortcodes {
        (name, &text.source, text.origin.display_path()).hash(&mut h);
    }
    for entry in env.data {
        entry.path.hash(&mut h);
        if let Some((len, modified)) = entry.stamp {
            len.hash(&mut h);
            modified.hash(&mut h);
        }
    }
    h.finish()
}

/// Hashes the theme's page templates, which every HTML file depends on.
pub(crate) fn templates_key(theme: &Theme) -> u64 {
    let mut h = DefaultHasher::new();
    theme.templates.len().hash(&mut h);
    for (name, text) in &theme.templates {
        (name, &text.source, text.origin.display_path()).hash(&mut h);
    }
    h.finish()
}

/// Hashes all that [`Renderer::new`](crate::render::Renderer::new) reads of the
/// theme: its templates and its words.
pub(crate) fn renderer_key(theme: &Theme) -> u64 {
    let mut h = DefaultHasher::new();
    templates_key(theme).hash(&mut h);
    for words in [&theme.i18n_under, &theme.i18n] {
        words.len().hash(&mut h);
        for (code, text) in words {
            (code, &text.source, text.origin.display_path()).hash(&mut h);
        }
    }
    h.finish()
}

/// Every page's Markdown results from the last good build, as it left them:
/// whole lists in page order, so that keeping them and reusing them in place
/// moves no page's results (at 10,000 pages, moving each page's results in and
/// out of per-page entries cost milliseconds of every rebuild).
#[derive(Debug, Default)]
pub(crate) struct KeptPages {
    /// The revision of each page's text its results were rendered from.
    pub(crate) revisions: Vec<u64>,
    /// Each page's rendered body, same index.
    pub(crate) rendered: Vec<Rendered>,
    /// The print chapters, by page index (a `print::PrintChapters`).
    pub(crate) print: BTreeMap<usize, Rendered>,
}

impl BuildCache {
    /// Keeps the results of this build's pages for the next build.
    pub(crate) fn keep_pages(&mut self, kept: KeptPages) {
        self.pages.clear();
        self.by_revision = None;
        self.kept = Some(kept);
    }

    /// The last build's results whole, when the environment is the same and the
    /// build has as many pages: then no page came or went (a page's address and
    /// file are in the environment key), so a page whose revision is the one at
    /// its index is the same page with the same text, and keeps its results
    /// where they are. `None` otherwise ([`BuildCache::take`] then finds each
    /// page's results wherever they are).
    pub(crate) fn take_in_place(&mut self, environment: u64, pages: usize) -> Option<KeptPages> {
        if self.environment != Some(environment)
            || self
                .kept
                .as_ref()
                .is_none_or(|k| k.revisions.len() != pages)
        {
            return None;
        }
        self.kept.take()
    }

    /// Turns the results kept whole into one entry per page, for [`BuildCache::take`].
    fn unpack(&mut self) {
        let Some(kept) = self.kept.take() else {
            return;
        };
        let KeptPages {
            revisions,
            rendered,
            mut print,
        } = kept;
        self.pages.clear();
        self.by_revision = None;
        let entries = revisions.into_iter().zip(rendered).enumerate();
        self.pages.extend(entries.map(|(i, (revision, rendered))| {
            Some(CachedPage {
                revision,
                rendered,
                print: print.remove(&i),
            })
        }));
    }
}

/// One HTML file as rendered, kept by the cache so that the next build can reuse
/// its bytes when its key is the same again.
#[derive(Debug)]
pub(crate) struct RenderedJob {
    /// The key it was planned with (see `Ctx::plan`).
    pub(crate) key: u64,
    /// The HTML.
    pub(crate) bytes: Arc<[u8]>,
}

/// Rendered HTML files by output path.
pub(crate) type RenderedJobs = rustc_hash::FxHashMap<String, RenderedJob>;

/// The pages of one search index (see `jobs::indexes::search_groups`).
#[derive(Debug)]
pub(crate) struct SearchGroup {
    /// The index's folder.
    pub(crate) dir: String,
    /// Whether its words are stemmed as English.
    pub(crate) english: bool,
    /// Its pages, in index order.
    pub(crate) pages: Vec<crate::search::SearchPage>,
}

/// The files of the search indexes of `groups`, reading again only the pages that
/// changed since `cache` was filled.
pub(crate) fn index_groups(
    groups: Vec<SearchGroup>,
    cache: &mut crate::search::SearchCache,
) -> Vec<(String, Arc<[u8]>)> {
    let mut files = Vec::new();
    for group in groups {
        files.extend(crate::search::index_in(
            &group.pages,
            &group.dir,
            group.english,
            cache.of(&group.dir),
        ));
    }
    files
}
