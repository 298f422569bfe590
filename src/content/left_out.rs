//! What a build leaves out of `content/`: sections marked `internal: true`,
//! with everything under them, what is under a draft section, and the files of
//! drafts left out.
//!
//! Part of `content`, called by `load` once the pages are read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{NotBuilt, Page};

/// Takes out every section marked `internal: true`, with all the pages, sections
/// and files under its folder: they are for the site's authors, not its readers.
/// Returns the URL paths of the sections taken out.
pub(super) fn leave_out_internal(
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

/// Takes out what is under a draft section: a section whose `_index.md` says
/// `draft: true` is unready with all it holds, so its pages and the sections
/// below it are left out as drafts too (an author drafting a new report marks
/// its `_index.md`, not each chapter). The home page's `_index.md` is not
/// honoured here: marked draft, it would leave nothing.
pub(super) fn leave_out_draft_sections(
    pages: &mut Vec<Page>,
    not_built: &mut BTreeMap<String, NotBuilt>,
) {
    let folders = draft_folders(not_built);
    if folders.is_empty() {
        return;
    }
    pages.retain(|p| {
        let keep = !folders.iter().any(|f| p.key.starts_with(f.as_str()));
        if !keep {
            not_built.insert(p.key.clone(), NotBuilt::InDraft);
        }
        keep
    });
}

/// Takes out the files of drafts left out: everything in and below the folder
/// of a draft `folder/index.md` (its bundle) or of a draft section's
/// `_index.md`. A draft's attachment or photo is as unready as its text;
/// published, it could be found by its address.
pub(super) fn leave_out_draft_files(
    assets: &mut Vec<&PathBuf>,
    not_built: &BTreeMap<String, NotBuilt>,
) {
    let folders = draft_folders(not_built);
    if folders.is_empty() {
        return;
    }
    assets.retain(|rel| {
        let key = crate::paths::rel_key(rel);
        !folders.iter().any(|f| key.starts_with(f.as_str()))
    });
}

/// The folders, each ending in `/`, of the drafts that hold a folder: a draft
/// `folder/index.md` (a bundle) or `folder/_index.md` (a section).
fn draft_folders(not_built: &BTreeMap<String, NotBuilt>) -> Vec<String> {
    not_built
        .iter()
        .filter(|(_, why)| **why == NotBuilt::Draft)
        .filter_map(|(key, _)| {
            let (folder, name) = key.rsplit_once('/')?;
            let holds = (name == "index.md" || name == "_index.md") && !folder.is_empty();
            holds.then(|| format!("{folder}/"))
        })
        .collect()
}
