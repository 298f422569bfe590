//! The real path of each file a served output copies, found when the output is
//! taken up: a copied file is served only while its path still leads there (see
//! [`super::state::Snapshot::copied`]).
//!
//! Finding a real path asks the system about each folder on the way, so a site
//! with thousands of files in `static/` would pay for all of them on every
//! rebuild, before the edited page is shown. A path found for the output being
//! replaced is kept instead when the same file is copied to the same address
//! and nothing on its way, nor where it led, changed since.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::output::{Output, OutputFile};

use super::watch::Change;

/// The real path of each copied file, by output key.
pub(super) type Pins = FxHashMap<String, PathBuf>;

/// Which pins of the output being replaced still hold.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kept<'a> {
    /// None of them: every copied file is looked up again.
    None,
    /// Those of files that no change in the list touches (paths relative to
    /// the site root): the list names every change since they were found.
    Unless(&'a [Change]),
}

/// The pins of `output`: those of `before` (pinned as `pins`) that `kept`
/// says still hold, the others found now. A file that cannot be found now has
/// none, and is not served.
pub(super) fn pin(
    output: &Output,
    before: &Output,
    pins: &Pins,
    root: &Path,
    kept: Kept<'_>,
) -> Pins {
    let changed: Vec<PathBuf> = match kept {
        Kept::None => Vec::new(),
        Kept::Unless(changes) => {
            let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
            changes
                .iter()
                .flat_map(|c| [root.join(&c.path), real_root.join(&c.path)])
                .collect()
        }
    };
    let still_holds = |key: &str, source: &Path| -> Option<PathBuf> {
        if matches!(kept, Kept::None) {
            return None;
        }
        let Some(OutputFile::Copy(old)) = before.get(key) else {
            return None;
        };
        let real = pins.get(key)?;
        let touched = |p: &Path| changed.iter().any(|c| p.starts_with(c));
        (old == source && !touched(source) && !touched(real)).then(|| real.clone())
    };
    output
        .iter()
        .filter_map(|(key, file)| match file {
            OutputFile::Copy(source) => {
                let real =
                    still_holds(key, source).or_else(|| std::fs::canonicalize(source).ok())?;
                Some((key.to_owned(), real))
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::watch::ChangeKind;

    fn change(path: &str) -> Change {
        Change {
            path: path.into(),
            kind: ChangeKind::Static,
        }
    }

    /// A site with two static files, one of them a link to the other, and an
    /// output that copies both.
    fn site() -> (tempfile::TempDir, Output) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("static/docs")).expect("mkdir");
        std::fs::write(root.join("static/docs/a.txt"), "a").expect("write");
        std::fs::write(root.join("static/docs/b.txt"), "b").expect("write");
        std::os::unix::fs::symlink("b.txt", root.join("static/docs/link.txt")).expect("link");
        let mut output = Output::new();
        for name in ["a.txt", "link.txt"] {
            output.insert(
                format!("docs/{name}"),
                OutputFile::Copy(root.join("static/docs").join(name)),
            );
        }
        (dir, output)
    }

    fn real(root: &Path, rel: &str) -> PathBuf {
        std::fs::canonicalize(root.join(rel)).expect("real path")
    }

    #[test]
    fn each_copied_file_is_pinned_where_its_path_leads() {
        let (dir, output) = site();
        let pins = pin(
            &output,
            &Output::new(),
            &Pins::default(),
            dir.path(),
            Kept::None,
        );
        assert_eq!(pins.len(), 2);
        assert_eq!(pins["docs/link.txt"], real(dir.path(), "static/docs/b.txt"));
    }

    #[test]
    fn a_pin_is_kept_only_while_nothing_on_its_way_changed() {
        let (dir, output) = site();
        let root = dir.path();
        let first = pin(&output, &Output::new(), &Pins::default(), root, Kept::None);
        // The link now leads to a.txt, and the watcher says so.
        std::fs::remove_file(root.join("static/docs/link.txt")).expect("rm");
        std::os::unix::fs::symlink("a.txt", root.join("static/docs/link.txt")).expect("link");
        let told = pin(
            &output,
            &output,
            &first,
            root,
            Kept::Unless(&[change("static/docs/link.txt")]),
        );
        assert_eq!(told["docs/link.txt"], real(root, "static/docs/a.txt"));
        // A folder on the way counts, as does the file a link led to.
        let folder = pin(
            &output,
            &output,
            &first,
            root,
            Kept::Unless(&[change("static/docs")]),
        );
        assert_eq!(folder["docs/link.txt"], real(root, "static/docs/a.txt"));
        let target = pin(
            &output,
            &output,
            &first,
            root,
            Kept::Unless(&[change("static/docs/b.txt")]),
        );
        assert_eq!(target["docs/link.txt"], real(root, "static/docs/a.txt"));
        // Not told of it, the pin stays where it was: served, that path fails
        // the check at request time, so the change can only hide the file.
        let untold = pin(
            &output,
            &output,
            &first,
            root,
            Kept::Unless(&[change("content/x.md")]),
        );
        assert_eq!(untold["docs/link.txt"], real(root, "static/docs/b.txt"));
        // And when the changes are not known, every file is looked up.
        let unknown = pin(&output, &output, &first, root, Kept::None);
        assert_eq!(unknown["docs/link.txt"], real(root, "static/docs/a.txt"));
    }

    #[test]
    fn a_pin_is_not_kept_for_another_source_or_a_file_now_gone() {
        let (dir, output) = site();
        let root = dir.path();
        let first = pin(&output, &Output::new(), &Pins::default(), root, Kept::None);
        let mut moved = output.clone();
        moved.insert(
            "docs/link.txt",
            OutputFile::Copy(root.join("static/docs/a.txt")),
        );
        let again = pin(&moved, &output, &first, root, Kept::Unless(&[]));
        assert_eq!(again["docs/link.txt"], real(root, "static/docs/a.txt"));
        std::fs::remove_file(root.join("static/docs/a.txt")).expect("rm");
        let gone = pin(&output, &Output::new(), &first, root, Kept::Unless(&[]));
        assert!(!gone.contains_key("docs/a.txt"));
    }
}
