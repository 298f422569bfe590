//! The build's one walk of the site's `data/` folder: what the environment key
//! counts (`cache::environment_key`) and where names Windows keeps are looked for.
//!
//! Part of `site`, called from `prepare`; it only reads file names and stamps.

use std::path::{Path, PathBuf};

/// A file or folder under `data/`, as the build's one walk of it found it. The
/// environment key counts each by name, size and modification time, and the
/// build warns of names Windows keeps (`data/con.csv`).
pub(crate) struct DataEntry {
    /// Its path (below the site root, as the walk found it).
    pub(crate) path: PathBuf,
    /// A file, not a folder.
    pub(crate) is_file: bool,
    /// Its size and modification time, when they could be read.
    pub(super) stamp: Option<(u64, Option<std::time::SystemTime>)>,
}

/// Everything under the site's `data/`, links followed (shortcodes read data
/// files through them), sorted by name within each folder. Hidden and editor's
/// files are left out: no template or shortcode may read them
/// (`paths::leads_within`), so an editor saving its swap file changes no key.
pub(crate) fn data_entries(root: &Path) -> Vec<DataEntry> {
    walkdir::WalkDir::new(root.join("data"))
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !crate::paths::is_ignored(&e.file_name().to_string_lossy())
        })
        .flatten()
        .map(|entry| DataEntry {
            is_file: entry.file_type().is_file(),
            stamp: entry.metadata().ok().map(|m| (m.len(), m.modified().ok())),
            path: entry.into_path(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_and_editors_files_in_data_are_not_counted() {
        let site = tempfile::tempdir().expect("temporary folder");
        let data = site.path().join("data");
        for file in [
            "a.csv",
            ".a.csv.swp",
            "a.csv~",
            ".git/config",
            "team/b.yaml",
            "team/.#b.yaml",
        ] {
            let path = data.join(file);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
            std::fs::write(&path, "x").expect("write");
        }
        let found: Vec<String> = data_entries(site.path())
            .iter()
            .filter_map(|e| e.path.strip_prefix(&data).ok())
            .map(crate::paths::slash_path)
            .collect();
        assert_eq!(found, ["", "a.csv", "team", "team/b.yaml"]);
    }
}
