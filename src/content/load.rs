//! Loading `content/`: list the files, read each changed Markdown file into a
//! page (reusing what the cache kept), leave out internal sections, then assemble.
//!
//! Part of `content`; knows nothing of Markdown or templates.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::assemble::{assemble, url_dir};
use super::cache::{KeptFile, LastLoad, LoadCache, Stamp, next_revision};
use super::left_out::{leave_out_draft_files, leave_out_draft_sections, leave_out_internal};
use super::walk::{device_names, update_listing, walk};
use super::{CONTENT_DIR, Content, LoadOptions, NotBuilt, Page, chars, front_matter, translations};
use crate::error::{Diagnostic, Error};

/// Reads every page and section under `content/`, reusing the pages `cache`
/// kept for files whose stamp is unchanged, and leaves the new stamps in
/// `cache`. The pages themselves must be handed back with
/// [`LoadCache::put_back`] after use. Problems go into `diagnostics`; an error
/// is returned only when there is no `content/` at all.
pub fn load_with(
    options: &LoadOptions<'_>,
    cache: &mut LoadCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Content, Error> {
    let settings = (
        options.drafts,
        options.internal,
        options.taxonomies.to_vec(),
        // The main language first, then the others.
        std::iter::once(options.language)
            .chain(options.languages.iter().map(String::as_str))
            .map(str::to_owned)
            .collect(),
    );
    if cache.settings.as_ref() != Some(&settings) {
        cache.files.clear();
        cache.pages.clear();
        cache.last = None;
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
    let found_before = diagnostics.len();
    let hinted = cache.changed.take();
    if let Some(changed) = &hinted {
        if let Some(content) = reload_pages(options, cache, changed, started, diagnostics) {
            return Ok(content);
        }
    }
    cache.spread();
    cache.last = None;
    let listed = cache.listing.take();
    let files = match (hinted, listed) {
        (Some(changed), Some(listing)) => update_listing(listing, &changed, &content_dir),
        _ => None,
    };
    let (files, changed) = match files {
        Some((files, changed)) => (files, Some(changed)),
        None => (walk(&content_dir, options.root, diagnostics), None),
    };
    // Given after the problems that stop the next load from trusting this one:
    // a name Windows keeps is a warning about the listing, which stays right.
    let mut device_named = Vec::new();
    device_names(&files, &mut device_named);
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
    let read_all = || {
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
                // Only what was kept needs the file's stamp before it is read; a
                // file read anyway is stamped as it is opened.
                let stamp = kept.as_ref().and_then(|_| {
                    std::fs::metadata(content_dir.join(rel))
                        .ok()
                        .map(|m| Stamp::of(&m))
                });
                let kept = match (stamp, kept) {
                    (Some(stamp), Some(mut kept))
                        if kept.still_valid(&stamp) && (kept.draft || kept.page.is_some()) =>
                    {
                        let page = kept.page.take();
                        return (key, Some(kept), Ok(page));
                    }
                    (_, kept) => kept,
                };
                let (result, read_stamp) = read_stamped(options, &content_dir, rel);
                let stamp = stamp.or(read_stamp);
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
            .collect::<Vec<_>>()
    };
    let reads = match readers(markdown_files) {
        Some(pool) => pool.install(read_all),
        None => read_all(),
    };
    let mut pages = Vec::with_capacity(reads.len());
    let mut not_built = BTreeMap::new();
    // A first build inserts every file: room for them all at once.
    cache
        .files
        .reserve(reads.len().saturating_sub(cache.files.len()));
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
            // A draft: the only page a good read leaves out.
            Ok(None) => {
                not_built.insert(key.clone(), NotBuilt::Draft);
            }
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
    // A page saved with another ending is neither read nor published.
    assets_rel.retain(|rel| {
        let file = Path::new(CONTENT_DIR).join(rel);
        match super::walk::markdown_by_another_name(rel, &file) {
            Some(misnamed) => {
                diagnostics.push(misnamed);
                false
            }
            None => true,
        }
    });
    let left_out = if options.internal {
        Vec::new()
    } else {
        leave_out_internal(&mut pages, &mut assets_rel, &mut not_built)
    };
    leave_out_draft_sections(&mut pages, &mut not_built);
    leave_out_draft_files(&mut assets_rel, &not_built);
    let mut content = assemble(pages, &assets_rel, &content_dir, diagnostics);
    content.left_out = left_out;
    content.not_built = not_built;
    if diagnostics.len() == found_before {
        cache.last = Some(LastLoad {
            left_out: content.left_out.clone(),
            not_built: content.not_built.clone(),
            assets: assets_rel.iter().map(|p| (*p).clone()).collect(),
        });
        cache.listing = Some(files);
    }
    diagnostics.append(&mut device_named);
    Ok(content)
}

/// Files read at once when many are to be read. Reading a file the system has
/// not cached is waiting on the disk, not work for a core: with only as many
/// readers as cores, the first build of a large site after a restart asks the
/// disk for two files at a time on a 2-core machine (10,000 pages: 2.4 s against
/// 0.2 s cached).
const READERS: usize = 16;

/// The pool of [`READERS`] threads, made the first time `files` is more than a
/// few hundred; `None` for fewer (one page saved in `serve`), or if it cannot be
/// made (the build's own threads read them then).
fn readers(files: usize) -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    if files < 256 {
        return None;
    }
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(READERS)
            .thread_name(|i| format!("plainsite-read-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// The quick way when the caller named the changed files: if each changed file
/// under `content/` is an ordinary page of the last build (not a section, not new,
/// not deleted, not a draft now, read without a problem), only those pages are
/// read, replaced among the last build's pages, and the content is assembled
/// again. `None` when a change needs [`load_with`]'s file-by-file way; nothing
/// in `cache` is changed then.
fn reload_pages(
    options: &LoadOptions<'_>,
    cache: &mut LoadCache,
    changed: &[PathBuf],
    started: SystemTime,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Content> {
    let (Some(last), Some(listing)) = (&cache.last, &cache.listing) else {
        return None;
    };
    // A site without `content/_index.md` has a made-up home page first.
    if cache.pages.is_empty() || cache.pages[0].revision == 0 {
        return None;
    }
    let content_dir = options.root.join(CONTENT_DIR);
    let mut fresh = Vec::new();
    for path in changed {
        let Ok(rel) = path.strip_prefix(CONTENT_DIR) else {
            continue;
        };
        let ignored = rel
            .components()
            .any(|c| crate::paths::is_ignored(&c.as_os_str().to_string_lossy()));
        if ignored {
            continue;
        }
        let listed = listing.get(rel).filter(|l| l.markdown)?;
        let at = cache.pages.iter().position(|p| p.key == listed.key)?;
        if cache.pages[at].is_section {
            return None;
        }
        let file = content_dir.join(rel);
        if !std::fs::symlink_metadata(&file).ok()?.is_file() {
            return None;
        }
        let (page, stamp) = read_stamped(options, &content_dir, rel);
        let (page, stamp) = (page.ok()??, stamp?);
        if page.is_section {
            return None;
        }
        fresh.push((at, stamp, page));
    }
    // The listing is the last load's, and so are its names Windows keeps.
    let mut device_named = Vec::new();
    device_names(listing, &mut device_named);
    let assets: Vec<&PathBuf> = last.assets.iter().collect();
    let (left_out, not_built) = (last.left_out.clone(), last.not_built.clone());
    let mut pages = std::mem::take(&mut cache.pages);
    for (at, stamp, mut page) in fresh {
        if pages[at].text == page.text {
            // Saved again unchanged: keep the revision.
            page.revision = pages[at].revision;
        }
        let kept = KeptFile {
            stamp,
            read_at: started,
            draft: false,
            page: None,
        };
        cache.files.insert(page.key.clone(), kept);
        pages[at] = page;
    }
    let found_before = diagnostics.len();
    let mut content = assemble(pages, &assets, &content_dir, diagnostics);
    content.left_out = left_out;
    content.not_built = not_built;
    if diagnostics.len() != found_before {
        cache.listing = None;
        cache.last = None;
    }
    diagnostics.append(&mut device_named);
    Some(content)
}

/// Reads the Markdown file `rel` of `content_dir` as a page (`None` for a draft
/// left out), with the file's stamp as it was opened (`None` where it could not
/// be read).
fn read_stamped(
    options: &LoadOptions<'_>,
    content_dir: &Path,
    rel: &Path,
) -> (Result<Option<Page>, Vec<Diagnostic>>, Option<Stamp>) {
    let file = Path::new(CONTENT_DIR).join(rel);
    match crate::paths::read_file_with_metadata(&content_dir.join(rel)) {
        Ok((bytes, meta)) => (page_from(options, rel, file, bytes), Some(Stamp::of(&meta))),
        Err(e) => (
            Err(vec![
                Diagnostic::error(crate::rules::FILE, &file, format!("could not be read: {e}"))
                    .help("check the file still exists and you have permission to read it"),
            ]),
            None,
        ),
    }
}

/// The page in the bytes of the Markdown file `rel` (`file` from the site's folder).
fn page_from(
    options: &LoadOptions<'_>,
    rel: &Path,
    file: PathBuf,
    bytes: Vec<u8>,
) -> Result<Option<Page>, Vec<Diagnostic>> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let col = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            return Err(vec![Diagnostic::error(crate::rules::FILE, &file, "this file is not UTF-8 text").at(line, col).help(
                "open it in your editor and save it with the encoding \"UTF-8\" (Word and some older editors use another encoding)",
            )]);
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_owned(),
        None => text,
    };
    if let Some(d) = crate::text::check_text(&text, &file) {
        return Err(vec![d]);
    }
    let text = front_matter::plain_delimiters(&text).unwrap_or(text);
    let split = front_matter::split(&text, &file).map_err(|d| vec![*d])?;
    let is_section = rel.file_name().is_some_and(|n| n == "_index.md");
    let meta = front_matter::parse(&split, &file, is_section, options.taxonomies)?;
    if let Some((key, c)) = chars::first_forbidden_value(&meta) {
        let line = meta.key_lines.get(&key).copied().unwrap_or(1);
        return Err(vec![
            Diagnostic::error(
                crate::rules::FRONT_MATTER,
                &file,
                format!(
                    "`{key}` has the invisible character U+{:04X} {}",
                    u32::from(c),
                    crate::text::forbidden_kind(c)
                ),
            )
            .at(line, 1)
            .help("remove the escape (such as \\a, \\x07 or \\u0085) from the quoted text"),
        ]);
    }
    if meta.draft && !options.drafts {
        return Ok(None);
    }
    let key = crate::paths::rel_key(rel);
    let translation =
        translations::translation_of(rel, &file, options.languages, options.language)?;
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
            return Err(vec![Diagnostic::error(crate::rules::FILE, &file, "a web address cannot be made from this file name")
                .help("rename the file using letters or digits, or add `slug: a-short-name` to its front matter")]);
        }
        format!("{dir_path}{slug}/")
    };
    // The one rule for written paths, checked where the address is made, so the
    // message names this file (and its `slug:` line when it has one).
    if let Err(why) = crate::paths::check_key(&format!("{path}index.html")) {
        let line = meta.key_lines.get("slug").copied().unwrap_or(1);
        return Err(vec![
            Diagnostic::error(crate::rules::OUTPUT_PATH, &file, format!("this page's address /{path} cannot be written: {why}"))
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

pub(super) fn replace_last_segment(dir_path: &str, slug: &str) -> String {
    let trimmed = dir_path.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => format!("{}/{slug}/", &trimmed[..i]),
        None => format!("{slug}/"),
    }
}
