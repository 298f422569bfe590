//! What a build leaves out of `content/`: sections marked `internal: true`,
//! with everything under them, and the files of drafts left out.
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

/// Takes out the files of drafts left out: everything in and below the folder
/// of a draft `folder/index.md` (its bundle), and the files directly in the
/// folder of a draft section's `_index.md`. A draft's attachment or photo is as
/// unready as its text; published, it could be found by its address.
pub(super) fn leave_out_draft_files(
    assets: &mut Vec<&PathBuf>,
    not_built: &BTreeMap<String, NotBuilt>,
) {
    let drafts = not_built.iter().filter(|(_, why)| **why == NotBuilt::Draft);
    let mut bundles = Vec::new();
    let mut sections = Vec::new();
    for (key, _) in drafts {
        let (folder, name) = key.rsplit_once('/').unwrap_or(("", key));
        match name {
            "index.md" if !folder.is_empty() => bundles.push(format!("{folder}/")),
            "_index.md" if !folder.is_empty() => sections.push(folder),
            _ => {}
        }
    }
    if bundles.is_empty() && sections.is_empty() {
        return;
    }
    assets.retain(|rel| {
        let key = crate::paths::rel_key(rel);
        let folder = key.rsplit_once('/').map_or("", |(f, _)| f);
        !bundles.iter().any(|b| key.starts_with(b.as_str())) && !sections.contains(&folder)
    });
}
