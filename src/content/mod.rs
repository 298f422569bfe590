//! Content loading: walks `content/` into pages and sections.
//!
//! The second stage of the pipeline. It reads every file once, splits and checks
//! front matter, and gives each page and section its URL path. A section marked
//! `internal: true` is left out, with everything under it, unless the load asks
//! for internal sections (`serve`, `check`, `build --internal`). It knows nothing of
//! Markdown or templates; problems are collected as diagnostics, not thrown.

mod changes;
mod chars;
mod event_meta;
mod front_matter;
mod links;
mod translations;

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

pub use changes::{Change, MAX_CHANGES, MAX_NOTE_CHARS};
pub use chars::check_text;
pub use front_matter::{
    AttachmentSpec, FrontMatter, PageKind, SortBy, Split, parse as parse_front_matter,
    split as split_front_matter,
};
pub use links::SiteLinks;

use crate::error::{Diagnostic, Error};

/// The folder of Markdown content.
pub const CONTENT_DIR: &str = "content";

/// One Markdown file: a page, or a section's `_index.md`.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the site root, for messages (`content/briefings/neglect.md`).
    pub file: PathBuf,
    /// Path relative to `content/`, with `/` separators: the page's key.
    pub key: String,
    /// The whole text, BOM removed.
    pub text: String,
    /// Checked front matter.
    pub meta: FrontMatter,
    /// URL path below the base, no leading slash, trailing slash (`briefings/neglect/`); empty for home.
    pub path: String,
    /// The folder (relative to `content/`) that relative links start from.
    pub dir: PathBuf,
    /// The section this page belongs to (index into `Content::sections`); `None` for the home section.
    pub parent: Option<usize>,
    /// True for `_index.md`.
    pub is_section: bool,
    /// The language the file name names (`page.ur.md` → `ur`, as `site.yaml` writes
    /// it); `None` for a page in the site's default language.
    pub lang: Option<String>,
    /// For a translation, the key of the page it translates (`page.md`), which
    /// may not exist.
    pub translation_of: Option<String>,
    /// Changes whenever the file's text changes between two loads that share a
    /// [`LoadCache`], so later stages can tell an unchanged page without comparing
    /// its text. Zero for a page that was not read from a file.
    pub revision: u64,
}

/// A section: an `_index.md` with the pages and sections under it.
#[derive(Debug, Clone)]
pub struct Section {
    /// Index of its `_index.md` in `Content::pages`.
    pub index: usize,
    /// Pages directly in it (indexes into `Content::pages`).
    pub pages: Vec<usize>,
    /// Sections directly under it (indexes into `Content::sections`).
    pub subsections: Vec<usize>,
}

/// A file in `content/` that is not Markdown, copied beside its page.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to `content/`, with `/` separators.
    pub key: String,
    /// Absolute path on disk.
    pub source: PathBuf,
    /// Output path below the base (`briefings/neglect/chart.png`).
    pub path: String,
}

/// Everything under `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Pages and section indexes.
    pub pages: Vec<Page>,
    /// Sections; the first is the home section.
    pub sections: Vec<Section>,
    /// Non-Markdown files.
    pub assets: Vec<Asset>,
    /// URL paths (like `guide/`) of the internal sections left out of this load.
    pub left_out: Vec<String>,
    /// Markdown files found but not among `pages`, by content key, and why: links
    /// to them are then reported for what they are, not as links to nothing.
    pub not_built: BTreeMap<String, NotBuilt>,
}

/// Why a Markdown file that exists is not a page of this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotBuilt {
    /// It has an error of its own (reported on it).
    Failed,
    /// It is in an internal section, left out without `--internal`.
    Internal,
}

/// What `load` needs to know.
#[derive(Debug, Clone)]
pub struct LoadOptions<'a> {
    /// The site root.
    pub root: &'a Path,
    /// Keep drafts.
    pub drafts: bool,
    /// Keep sections marked `internal: true` (and everything under them).
    pub internal: bool,
    /// Taxonomy names from `site.yaml`.
    pub taxonomies: &'a [String],
    /// Codes of the languages other than the default (see
    /// [`crate::config::Config::translation_codes`]).
    pub languages: &'a [String],
}

/// Walks `content/` and reads every page. Problems are returned with whatever
/// could be loaded.
pub fn load(options: &LoadOptions<'_>) -> Result<(Content, Vec<Diagnostic>), Error> {
    load_with(options, &mut LoadCache::default())
}

/// A new page revision, never given before in this process.
fn next_revision() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// What a file looked like on disk: enough to tell that it has not been written
/// since it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// Inode and status-change time (nanoseconds), where the system has them: a
    /// save that renames a new file over the old one changes both.
    inode: u64,
    changed: i64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (inode, changed) = {
            use std::os::unix::fs::MetadataExt;
            (
                meta.ino(),
                meta.ctime()
                    .saturating_mul(1_000_000_000)
                    .saturating_add(meta.ctime_nsec()),
            )
        };
        #[cfg(not(unix))]
        let (inode, changed) = (0, 0);
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
            changed,
        }
    }
}

/// A Markdown file as the last load left it.
#[derive(Debug)]
struct KeptFile {
    stamp: Stamp,
    /// When the file was read; its text is trusted again only if it was last
    /// modified well before this (see [`KeptFile::still_valid`]).
    read_at: SystemTime,
    /// A draft, left out.
    draft: bool,
    /// The page, between builds (taken out while a build uses it).
    page: Option<Page>,
}

impl KeptFile {
    /// True when the file on disk, now stamped `now`, is surely the one read. As
    /// with git's index, a file modified less than two seconds before it was read
    /// is read again: on a disk whose clock counts whole seconds (or two, on FAT)
    /// a second save in that time could leave the stamp as it was.
    fn still_valid(&self, now: &Stamp) -> bool {
        const SLACK: std::time::Duration = std::time::Duration::from_secs(2);
        *now == self.stamp
            && self
                .stamp
                .modified
                .and_then(|m| m.checked_add(SLACK))
                .is_some_and(|safe| safe < self.read_at)
    }
}

/// What one load keeps for the next, so that reloading a site reads and parses
/// only the Markdown files that changed. Used by `serve` through the build cache.
#[derive(Debug, Default)]
pub struct LoadCache {
    /// `drafts`, `internal`, the taxonomy names and the language codes the kept
    /// pages were read with.
    settings: Option<(bool, bool, Vec<String>, Vec<String>)>,
    /// Markdown files by key.
    files: HashMap<String, KeptFile>,
    /// Every file the last load found under `content/`.
    listing: Option<Listing>,
    /// The files changed since the last load, when the caller knows them.
    changed: Option<Vec<PathBuf>>,
}

impl LoadCache {
    /// Hands the pages of a finished build back, for the next load to reuse.
    pub fn put_back(&mut self, pages: Vec<Page>) {
        for page in pages {
            if let Some(kept) = self.files.get_mut(&page.key) {
                if !kept.draft && kept.page.is_none() {
                    kept.page = Some(page);
                }
            }
        }
    }

    /// Tells the next load which files changed since the last one (paths relative
    /// to the site root), as a watcher that saw every change knows. Files not named
    /// are then taken as they were, without looking at the disk. Without this, the
    /// next load walks `content/` and looks at every file's stamp.
    pub fn set_changed(&mut self, changed: Vec<PathBuf>) {
        self.changed = Some(changed);
    }

    /// Forgets everything, so the next load reads every file.
    pub fn clear(&mut self) {
        *self = LoadCache::default();
    }
}

/// Like [`load`], but reuses the pages `cache` kept for files whose stamp is
/// unchanged, and leaves the new stamps in `cache`. The pages themselves must be
/// handed back with [`LoadCache::put_back`] after use.
pub fn load_with(
    options: &LoadOptions<'_>,
    cache: &mut LoadCache,
) -> Result<(Content, Vec<Diagnostic>), Error> {
    let settings = (
        options.drafts,
        options.internal,
        options.taxonomies.to_vec(),
        options.languages.to_vec(),
    );
    if cache.settings.as_ref() != Some(&settings) {
        cache.files.clear();
        cache.settings = Some(settings);
    }
    let started = SystemTime::now();
    let content_dir = options.root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        return Err(Error::usage(
            format!(
                "there is no {CONTENT_DIR}/ folder in {}",
                options.root.display()
            ),
            "create a folder called content with an _index.md for the home page, or run `plainsite init`",
        ));
    }
    let mut diagnostics = Vec::new();
    let hinted = cache.changed.take();
    let listed = cache.listing.take();
    let files = match (hinted, listed) {
        (Some(changed), Some(listing)) => update_listing(listing, &changed, &content_dir),
        _ => None,
    };
    let (files, changed) = match files {
        Some((files, changed)) => (files, Some(changed)),
        None => (walk(&content_dir, options.root, &mut diagnostics), None),
    };
    // Files the caller said did not change; `None` when it did not say.
    let unchanged = |rel: &Path| changed.as_ref().is_some_and(|c| !c.contains(rel));

    // What was kept of each Markdown file, its page taken out; the entries stay.
    let markdown: Vec<(&PathBuf, &String, Option<KeptFile>)> = files
        .iter()
        .filter(|(_, listed)| listed.markdown)
        .map(|(rel, listed)| {
            let kept = cache.files.get_mut(&listed.key).map(|k| KeptFile {
                page: k.page.take(),
                ..*k
            });
            (rel, &listed.key, kept)
        })
        .collect();
    let markdown_files = markdown.len();
    let reads: Vec<_> = {
        use rayon::prelude::*;
        markdown
            .into_par_iter()
            .map(|(rel, key, kept)| {
                // Told that this file did not change: trust what was kept.
                let kept = match kept {
                    Some(mut kept) if unchanged(rel) && (kept.draft || kept.page.is_some()) => {
                        let page = kept.page.take();
                        return (key, Some(kept), Ok(page));
                    }
                    other => other,
                };
                let stamp = std::fs::metadata(content_dir.join(rel))
                    .ok()
                    .map(|m| Stamp::of(&m));
                let kept = match (stamp, kept) {
                    (Some(stamp), Some(mut kept))
                        if kept.still_valid(&stamp) && (kept.draft || kept.page.is_some()) =>
                    {
                        let page = kept.page.take();
                        return (key, Some(kept), Ok(page));
                    }
                    (_, kept) => kept,
                };
                let result = read_page(options, &content_dir, rel);
                let result = match (result, kept.and_then(|k| k.page)) {
                    // Saved again unchanged: keep the revision, so nothing that
                    // depends on the text is redone.
                    (Ok(Some(mut page)), Some(old)) if old.text == page.text => {
                        page.revision = old.revision;
                        Ok(Some(page))
                    }
                    (result, _) => result,
                };
                let fresh = match (&result, stamp) {
                    (Ok(page), Some(stamp)) => Some(KeptFile {
                        stamp,
                        read_at: started,
                        draft: page.is_none(),
                        page: None,
                    }),
                    _ => None,
                };
                (key, fresh, result)
            })
            .collect()
    };
    let mut pages = Vec::with_capacity(reads.len());
    let mut not_built = BTreeMap::new();
    for (key, kept, result) in reads {
        match (kept, cache.files.get_mut(key)) {
            (Some(kept), Some(slot)) => *slot = kept,
            (Some(kept), None) => {
                cache.files.insert(key.clone(), kept);
            }
            (None, _) => {
                cache.files.remove(key);
            }
        }
        match result {
            Ok(Some(page)) => pages.push(page),
            Ok(None) => {}
            Err(mut d) => {
                not_built.insert(key.clone(), NotBuilt::Failed);
                diagnostics.append(&mut d);
            }
        }
    }
    if cache.files.len() > markdown_files {
        // Some files went: forget them.
        let keys: std::collections::HashSet<&str> =
            files.values().map(|l| l.key.as_str()).collect();
        cache.files.retain(|key, _| keys.contains(key.as_str()));
    }
    let mut assets_rel: Vec<&PathBuf> = files
        .iter()
        .filter(|(_, listed)| !listed.markdown)
        .map(|(p, _)| p)
        .collect();
    let left_out = if options.internal {
        Vec::new()
    } else {
        leave_out_internal(&mut pages, &mut assets_rel, &mut not_built)
    };
    let mut content = assemble(pages, &assets_rel, &content_dir, &mut diagnostics);
    content.left_out = left_out;
    content.not_built = not_built;
    if diagnostics.is_empty() {
        cache.listing = Some(files);
    }
    Ok((content, diagnostics))
}

/// Takes out every section marked `internal: true`, with all the pages, sections
/// and files under its folder: they are for the site's authors, not its readers.
/// Returns the URL paths of the sections taken out.
fn leave_out_internal(
    pages: &mut Vec<Page>,
    assets: &mut Vec<&PathBuf>,
    not_built: &mut BTreeMap<String, NotBuilt>,
) -> Vec<String> {
    let internal: Vec<(PathBuf, String)> = pages
        .iter()
        .filter(|p| p.is_section && p.meta.internal && !p.path.is_empty())
        .map(|p| (p.dir.clone(), p.path.clone()))
        .collect();
    if internal.is_empty() {
        return Vec::new();
    }
    let folders: Vec<PathBuf> = internal.iter().map(|(d, _)| d.clone()).collect();
    // The home section's folder is empty and holds everything: marking the home
    // page internal would leave nothing, so it is not honoured there.
    let inside = |dir: &Path| {
        folders
            .iter()
            .any(|f| !f.as_os_str().is_empty() && dir.starts_with(f))
    };
    pages.retain(|p| {
        let keep = !inside(&p.dir);
        if !keep {
            not_built.insert(p.key.clone(), NotBuilt::Internal);
        }
        keep
    });
    assets.retain(|a| !inside(a));
    internal.into_iter().map(|(_, path)| path).collect()
}

/// A file found under `content/`.
#[derive(Debug)]
struct Listed {
    /// A `.md` file.
    markdown: bool,
    /// Its key (see [`rel_key`]).
    key: String,
}

impl Listed {
    fn new(rel: &Path) -> Listed {
        Listed {
            markdown: rel
                .file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(".md")),
            key: crate::paths::rel_key(rel),
        }
    }
}

/// The files under `content/`, by path relative to it.
type Listing = BTreeMap<PathBuf, Listed>;

/// Every file under `content/` that belongs to the site.
fn walk(content_dir: &Path, root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Listing {
    let mut files = BTreeMap::new();
    let walked = crate::paths::walk(content_dir, root);
    for path in walked.files {
        let rel = path
            .strip_prefix(content_dir)
            .unwrap_or(&path)
            .to_path_buf();
        let listed = Listed::new(&rel);
        files.insert(rel, listed);
    }
    for err in &walked.errors {
        diagnostics.push(walk_error(err, root));
    }
    for link in &walked.outside {
        diagnostics.push(crate::paths::outside_link(link, root));
    }
    files
}

/// The last walk's files, updated with `changed` (paths relative to the site root)
/// without walking again, with the changed paths below `content/`. `None` when a
/// walk is needed: a folder was added, removed or renamed.
fn update_listing(
    mut files: Listing,
    changed: &[PathBuf],
    content_dir: &Path,
) -> Option<(Listing, std::collections::HashSet<PathBuf>)> {
    let mut below = std::collections::HashSet::new();
    for path in changed {
        let Ok(rel) = path.strip_prefix(CONTENT_DIR) else {
            continue;
        };
        if rel.as_os_str().is_empty() {
            return None;
        }
        let ignored = rel
            .components()
            .any(|c| is_ignored(&c.as_os_str().to_string_lossy()));
        if ignored {
            continue;
        }
        match std::fs::symlink_metadata(content_dir.join(rel)) {
            Ok(meta) if meta.is_file() => {
                files.insert(rel.to_path_buf(), Listed::new(rel));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && files.contains_key(rel) => {
                files.remove(rel);
            }
            // A folder, a link, or a path never seen: walk.
            _ => return None,
        }
        below.insert(rel.to_path_buf());
    }
    Some((files, below))
}

pub use crate::paths::{is_editor_litter, is_ignored};

fn walk_error(err: &walkdir::Error, root: &Path) -> Diagnostic {
    let path = err
        .path()
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        .unwrap_or_default();
    if let Some(ancestor) = err.loop_ancestor() {
        let ancestor = ancestor.strip_prefix(root).unwrap_or(ancestor);
        Diagnostic::error(
            "file",
            path,
            format!(
                "this symbolic link makes a loop back to {}",
                ancestor.display()
            ),
        )
        .help("remove the link, or point it at a folder outside content/")
    } else {
        let reason = err
            .io_error()
            .map_or_else(|| err.to_string(), ToString::to_string);
        Diagnostic::error("file", path, format!("could not be read: {reason}"))
            .help("check the file exists and you have permission to read it")
    }
}

fn read_page(
    options: &LoadOptions<'_>,
    content_dir: &Path,
    rel: &Path,
) -> Result<Option<Page>, Vec<Diagnostic>> {
    let file = Path::new(CONTENT_DIR).join(rel);
    let bytes = std::fs::read(content_dir.join(rel)).map_err(|e| {
        vec![
            Diagnostic::error("file", &file, format!("could not be read: {e}"))
                .help("check the file still exists and you have permission to read it"),
        ]
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let col = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            return Err(vec![Diagnostic::error("file", &file, "this file is not UTF-8 text").at(line, col).help(
                "open it in your editor and save it with the encoding \"UTF-8\" (Word and some older editors use another encoding)",
            )]);
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_owned(),
        None => text,
    };
    if let Some(d) = chars::check_text(&text, &file) {
        return Err(vec![d]);
    }
    let split = front_matter::split(&text, &file).map_err(|d| vec![*d])?;
    let is_section = rel.file_name().is_some_and(|n| n == "_index.md");
    let meta = front_matter::parse(&split, &file, is_section, options.taxonomies)?;
    if let Some((key, c)) = chars::first_forbidden_value(&meta) {
        let line = meta.key_lines.get(&key).copied().unwrap_or(1);
        return Err(vec![
            Diagnostic::error(
                "front-matter",
                &file,
                format!("`{key}` has the invisible character U+{:04X} (a control character or a noncharacter), which cannot be part of a web page", u32::from(c)),
            )
            .at(line, 1)
            .help("remove the escape (such as \\a, \\x07 or \\u0085) from the quoted text"),
        ]);
    }
    if meta.draft && !options.drafts {
        return Ok(None);
    }
    let key = crate::paths::rel_key(rel);
    let translation = translations::translation_of(rel, &file, options.languages)?;
    let is_bundle = rel.file_name().is_some_and(|n| n == "index.md")
        || translation.as_ref().is_some_and(|(k, _)| {
            k.rsplit('/')
                .next()
                .is_some_and(|n| n == "index.md" || n == "_index.md")
        });
    let parent_dir = rel.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut dir_path = url_dir(&parent_dir);
    if let Some((_, code)) = &translation {
        dir_path = format!("{}/{dir_path}", code.to_ascii_lowercase());
    }
    let path = if is_section {
        dir_path.clone()
    } else if is_bundle {
        match &meta.slug {
            Some(slug) => replace_last_segment(&dir_path, slug),
            None => dir_path.clone(),
        }
    } else {
        let name = match &translation {
            Some((k, _)) => k.rsplit('/').next().unwrap_or_default().to_owned(),
            None => rel
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let slug = meta
            .slug
            .clone()
            .unwrap_or_else(|| crate::text::slug_from_file_name(&name));
        if slug.is_empty() {
            return Err(vec![Diagnostic::error("file", &file, "a web address cannot be made from this file name")
                .help("rename the file using letters or digits, or add `slug: a-short-name` to its front matter")]);
        }
        format!("{dir_path}{slug}/")
    };
    // The one rule for written paths, checked where the address is made, so the
    // message names this file (and its `slug:` line when it has one).
    if let Err(why) = crate::paths::check_key(&format!("{path}index.html")) {
        let line = meta.key_lines.get("slug").copied().unwrap_or(1);
        return Err(vec![
            Diagnostic::error("output-path", &file, format!("this page's address /{path} cannot be written: {why}"))
                .at(line, 1)
                .help("give the page a `slug:` of letters, digits and hyphens, or rename its file or folder"),
        ]);
    }
    Ok(Some(Page {
        file,
        key,
        text,
        meta,
        path,
        dir: parent_dir,
        parent: None,
        is_section,
        lang: translation.as_ref().map(|(_, c)| c.clone()),
        translation_of: translation.map(|(k, _)| k),
        revision: next_revision(),
    }))
}

fn replace_last_segment(dir_path: &str, slug: &str) -> String {
    let trimmed = dir_path.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => format!("{}/{slug}/", &trimmed[..i]),
        None => format!("{slug}/"),
    }
}

/// The URL path of a folder under `content/`: each folder name slugged, with a trailing slash.
fn url_dir(dir: &Path) -> String {
    let mut out = String::new();
    for c in dir.components() {
        if let Component::Normal(name) = c {
            let slug = crate::text::slug_from_file_name(&name.to_string_lossy());
            if !slug.is_empty() {
                out.push_str(&slug);
                out.push('/');
            }
        }
    }
    out
}

/// Links pages to sections, finds duplicate URLs, places assets.
fn assemble(
    mut pages: Vec<Page>,
    assets: &[&PathBuf],
    content_dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Content {
    pages.sort_by(|a, b| a.key.cmp(&b.key));
    // Duplicate URLs: report both files, keep the first.
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(pages.len());
    let mut keep = vec![true; pages.len()];
    for (i, p) in pages.iter().enumerate() {
        if let Some(&first) = seen.get(p.path.as_str()) {
            diagnostics.push(
                Diagnostic::error("duplicate-url", &p.file, format!("this page would have the same address /{} as {}", p.path, pages[first].file.display()))
                    .help("give one of them a different file name, or a different `slug:` in its front matter"),
            );
            keep[i] = false;
        } else {
            seen.insert(&p.path, i);
        }
    }
    drop(seen);
    let mut idx = 0;
    pages.retain(|_| {
        idx += 1;
        keep[idx - 1]
    });

    // Sections: one per _index.md, plus a home section if content/_index.md is missing.
    if !pages.iter().any(|p| p.is_section && p.path.is_empty()) {
        pages.insert(0, synthetic_home());
    }
    let mut sections: Vec<Section> = Vec::new();
    let mut section_of_dir: HashMap<PathBuf, usize> = HashMap::new();
    // Home first.
    let home = pages
        .iter()
        .position(|p| p.is_section && p.path.is_empty())
        .unwrap_or(0);
    sections.push(Section {
        index: home,
        pages: Vec::new(),
        subsections: Vec::new(),
    });
    section_of_dir.insert(PathBuf::new(), 0);
    for (i, p) in pages.iter().enumerate() {
        if p.is_section && i != home {
            section_of_dir.insert(p.dir.clone(), sections.len());
            sections.push(Section {
                index: i,
                pages: Vec::new(),
                subsections: Vec::new(),
            });
        }
    }
    // Parent of a section: nearest ancestor folder that is a section.
    for s in 1..sections.len() {
        let dir = pages[sections[s].index].dir.clone();
        let parent = nearest_section(dir.parent(), &section_of_dir);
        sections[parent].subsections.push(s);
        pages[sections[s].index].parent = Some(parent);
    }
    // Pages of one folder come together (they are sorted by key), so the last
    // folder's section is remembered.
    let mut last: Option<(PathBuf, usize)> = None;
    for (i, page) in pages.iter_mut().enumerate() {
        if page.is_section {
            continue;
        }
        let is_bundle = page.file.file_name().is_some_and(|n| n == "index.md")
            || page.translation_of.as_ref().is_some_and(|k| {
                k.rsplit('/')
                    .next()
                    .is_some_and(|n| n == "index.md" || n == "_index.md")
            });
        let dir = if is_bundle {
            page.dir.parent()
        } else {
            Some(page.dir.as_path())
        };
        let parent = match (&last, dir) {
            (Some((d, s)), Some(dir)) if d.as_os_str() == dir.as_os_str() => *s,
            _ => {
                let s = nearest_section(dir, &section_of_dir);
                last = dir.map(|d| (d.to_path_buf(), s));
                s
            }
        };
        // A translation belongs to its section for breadcrumbs, but is listed
        // only beside the page it translates, not in the section's listing.
        if page.lang.is_none() {
            sections[parent].pages.push(i);
        }
        page.parent = Some(parent);
    }
    let assets = place_assets(&pages, assets, content_dir);
    Content {
        pages,
        sections,
        assets,
        left_out: Vec::new(),
        not_built: BTreeMap::new(),
    }
}

fn nearest_section(mut dir: Option<&Path>, section_of_dir: &HashMap<PathBuf, usize>) -> usize {
    while let Some(d) = dir {
        if let Some(&s) = section_of_dir.get(d) {
            return s;
        }
        dir = d.parent();
    }
    0
}

fn place_assets(pages: &[Page], assets: &[&PathBuf], content_dir: &Path) -> Vec<Asset> {
    let bundles: BTreeMap<&Path, &str> = pages
        .iter()
        .filter(|p| p.file.file_name().is_some_and(|n| n == "index.md"))
        .map(|p| (p.dir.as_path(), p.path.as_str()))
        .collect();
    assets
        .iter()
        .map(|rel| {
            let dir = rel.parent().unwrap_or(Path::new(""));
            let name = rel
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // A file in a bundle (or below it) goes beside the bundle's page.
            let mut base = None;
            let mut d = Some(dir);
            while let Some(cur) = d {
                if let Some(path) = bundles.get(cur) {
                    let below = dir.strip_prefix(cur).unwrap_or(Path::new(""));
                    base = Some(format!(
                        "{path}{}",
                        crate::paths::rel_key(below)
                            .split('/')
                            .filter(|s| !s.is_empty())
                            .map(|s| format!("{s}/"))
                            .collect::<String>()
                    ));
                    break;
                }
                d = cur.parent();
            }
            let base = base.unwrap_or_else(|| url_dir(dir));
            Asset {
                key: crate::paths::rel_key(rel),
                source: content_dir.join(rel),
                path: format!("{base}{name}"),
            }
        })
        .collect()
}

fn synthetic_home() -> Page {
    Page {
        file: PathBuf::from("content/_index.md"),
        key: "_index.md".to_owned(),
        text: String::new(),
        meta: FrontMatter {
            title: "Home".to_owned(),
            ..FrontMatter::default()
        },
        path: String::new(),
        dir: PathBuf::new(),
        parent: None,
        is_section: true,
        lang: None,
        translation_of: None,
        revision: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_urls_are_slugged() {
        assert_eq!(url_dir(Path::new("01-Annual Report")), "annual-report/");
        assert_eq!(url_dir(Path::new("")), "");
    }
}
