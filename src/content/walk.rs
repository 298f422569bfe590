//! Listing `content/`: every file that belongs to the site, by path relative to
//! it, and the listing updated from a watcher's list of changed paths.
//!
//! Part of `content`; it asks `paths` which files belong to the site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::CONTENT_DIR;
use crate::error::Diagnostic;
use crate::paths::is_ignored;

/// A file found under `content/`.
#[derive(Debug)]
pub(super) struct Listed {
    /// A `.md` file.
    pub(super) markdown: bool,
    /// Its key (see [`rel_key`]).
    pub(super) key: String,
}

impl Listed {
    pub(super) fn new(rel: &Path) -> Listed {
        Listed {
            markdown: rel
                .file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(".md")),
            key: crate::paths::rel_key(rel),
        }
    }
}

/// The files under `content/`, by path relative to it.
pub(super) type Listing = BTreeMap<PathBuf, Listed>;

/// Every file under `content/` that belongs to the site.
pub(super) fn walk(content_dir: &Path, root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Listing {
    let mut files = BTreeMap::new();
    let walked = crate::paths::walk(content_dir);
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
pub(super) fn update_listing(
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

pub(super) fn walk_error(err: &walkdir::Error, root: &Path) -> Diagnostic {
    let path = err
        .path()
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        .unwrap_or_default();
    if let Some(ancestor) = err.loop_ancestor() {
        let ancestor = ancestor.strip_prefix(root).unwrap_or(ancestor);
        Diagnostic::error(
            crate::rules::FILE,
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
        Diagnostic::error(
            crate::rules::FILE,
            path,
            format!("could not be read: {reason}"),
        )
        .help("check the file exists and you have permission to read it")
    }
}
