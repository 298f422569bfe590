//! The build's look inside the office documents it publishes, for comments,
//! tracked changes, hidden sheets and speaker notes (rule `document-hidden`,
//! see `check::documents`).
//!
//! Part of the environment stage (`prepare.rs`), once every file to copy is in
//! the output: from `static/`, from `content/` beside the pages, and from the
//! theme. Unpacking a long document's text takes milliseconds, and `serve`
//! builds after every save, so what each file held is kept in the build cache
//! with the file's length and time of change, and read again only when those
//! change.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::check::documents::{Kind, Leftovers, finding, leftovers};
use crate::error::Diagnostic;
use crate::output::{Output, OutputFile};

/// What a file was like when it was read: its length and time of change.
type Stamp = (u64, Option<SystemTime>);

/// What each document held when the last build read it, by its file on disk;
/// `None` for a file that could not be read as a document.
pub(crate) type Seen = FxHashMap<PathBuf, (Stamp, Option<Leftovers>)>;

/// Warns, in `diagnostics`, of each office document `output` copies that
/// holds more than its pages show (files named from the site's folder,
/// `root`). `seen` is what the last build found, and becomes this one's.
pub(super) fn check(
    root: &Path,
    output: &Output,
    seen: &mut Seen,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let documents: Vec<(&Path, Kind)> = output
        .iter()
        .filter_map(|(key, file)| match file {
            OutputFile::Copy(path) => Some((path.as_path(), Kind::of(key)?)),
            _ => None,
        })
        .collect();
    if documents.is_empty() && seen.is_empty() {
        return;
    }
    let read: Vec<(&Path, Kind, Stamp, Option<Leftovers>)> = documents
        .par_iter()
        .filter_map(|&(path, kind)| {
            let meta = std::fs::metadata(path).ok()?;
            let stamp = (meta.len(), meta.modified().ok());
            let found = match seen.get(path) {
                Some((kept, found)) if *kept == stamp => *found,
                _ => std::fs::File::open(path)
                    .ok()
                    .and_then(|f| leftovers(kind, std::io::BufReader::new(f))),
            };
            Some((path, kind, stamp, found))
        })
        .collect();
    seen.clear();
    for (path, kind, stamp, found) in read {
        if let Some(d) =
            found.and_then(|found| finding(path.strip_prefix(root).unwrap_or(path), kind, found))
        {
            diagnostics.push(d);
        }
        seen.insert(path.to_path_buf(), (stamp, found));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_read_again_only_when_it_changes() {
        let dir = tempfile::tempdir().expect("a folder");
        let file = dir.path().join("static/plan.docx");
        std::fs::create_dir_all(file.parent().expect("a parent")).expect("static");
        std::fs::write(&file, b"not an archive").expect("write");
        let mut output = Output::new();
        output.insert("plan.docx", OutputFile::Copy(file.clone()));
        output.insert("notes.txt", OutputFile::Copy(dir.path().join("notes.txt")));
        let mut seen = Seen::default();
        let mut found = Vec::new();
        check(dir.path(), &output, &mut seen, &mut found);
        assert!(found.is_empty());
        assert_eq!(seen.get(&file).map(|(_, f)| *f), Some(None));
        // What the last build found is used while the file is the same...
        if let Some((_, kept)) = seen.get_mut(&file) {
            *kept = Some(Leftovers {
                comments: 2,
                ..Leftovers::default()
            });
        }
        check(dir.path(), &output, &mut seen, &mut found);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file, Path::new("static/plan.docx"));
        // ...and not once it has changed.
        std::fs::write(&file, b"still not an archive").expect("write");
        found.clear();
        check(dir.path(), &output, &mut seen, &mut found);
        assert!(found.is_empty());
        // A document no longer published is forgotten.
        check(dir.path(), &Output::new(), &mut seen, &mut found);
        assert!(seen.is_empty());
    }
}
