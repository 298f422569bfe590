//! The build's look inside the office documents it publishes, for comments,
//! tracked changes, hidden sheets and speaker notes (rule `document-hidden`,
//! see `check::documents`).
//!
//! Part of the environment stage (`prepare.rs`), once every file to copy is in
//! the output: from `static/`, from `content/` beside the pages, and from the
//! theme. Unpacking a long document's text takes milliseconds, and `serve`
//! builds after every save, so what each file held is kept in the build cache
//! with the file's length and time of change, and read again only when those
//! change. [`check`] finds them; a document a page attaches is reported at
//! that page's line (`attachments.rs`), where the preview shows it. Once the
//! pages are rendered, [`report`] names the rest at each link to them, or at
//! their files when no page links to them.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::check::documents::{Kind, Leftovers, finding, leftovers};
use crate::content::Page;
use crate::error::Diagnostic;
use crate::markdown::{FileUse, Rendered};
use crate::output::{Output, OutputFile};

/// What a file was like when it was read: its length and time of change.
type Stamp = (u64, Option<SystemTime>);

/// What each document held when the last build read it, by its file on disk;
/// `None` for a file that could not be read as a document.
pub(crate) type Seen = FxHashMap<PathBuf, (Stamp, Option<Leftovers>)>;

/// An office document the output copies that holds more than its pages show.
#[derive(Debug)]
pub(crate) struct Held {
    /// Its file on disk, as the output names it.
    pub(crate) disk: PathBuf,
    /// Its place in the output (`files/plan.docx`).
    key: String,
    /// The same from the site's folder, for messages.
    shown: PathBuf,
    kind: Kind,
    found: Leftovers,
}

impl Held {
    /// The warning at the line of `page`'s front matter that attaches it as
    /// `file`.
    pub(crate) fn at_attachment(&self, page: &Page, file: &str) -> Option<Diagnostic> {
        let subject = format!("the attachment `{}`", file.replace('`', "'"));
        finding(&page.file, &subject, self.kind, self.found)
            .map(|d| d.at_line(page.attachment_line(file)))
    }

    /// The warning at `link`, a link to it in `page`.
    fn at_link(&self, page: &Page, link: &FileUse) -> Option<Diagnostic> {
        let name = self.key.rsplit('/').next().unwrap_or(&self.key);
        let subject = format!(
            "the {} this links to (`{}`)",
            self.kind.name(),
            name.replace('`', "'")
        );
        finding(&page.file, &subject, self.kind, self.found).map(|d| d.at(link.line, link.col))
    }
}

/// Each office document `output` copies that holds more than its pages show
/// (files named from the site's folder, `root`). `seen` is what the last
/// build found, and becomes this one's.
pub(super) fn check(root: &Path, output: &Output, seen: &mut Seen) -> Vec<Held> {
    let documents: Vec<(&str, &Path, Kind)> = output
        .iter()
        .filter_map(|(key, file)| match file {
            OutputFile::Copy(path) => Some((key, path.as_path(), Kind::of(key)?)),
            _ => None,
        })
        .collect();
    if documents.is_empty() && seen.is_empty() {
        return Vec::new();
    }
    let read: Vec<(&str, &Path, Kind, Stamp, Option<Leftovers>)> = documents
        .par_iter()
        .filter_map(|&(key, path, kind)| {
            let meta = std::fs::metadata(path).ok()?;
            let stamp = (meta.len(), meta.modified().ok());
            let found = match seen.get(path) {
                Some((kept, found)) if *kept == stamp => *found,
                _ => std::fs::File::open(path)
                    .ok()
                    .and_then(|f| leftovers(kind, std::io::BufReader::new(f))),
            };
            Some((key, path, kind, stamp, found))
        })
        .collect();
    seen.clear();
    let mut held = Vec::new();
    for (key, path, kind, stamp, found) in read {
        seen.insert(path.to_path_buf(), (stamp, found));
        if let Some(found) = found.filter(|f| *f != Leftovers::default()) {
            held.push(Held {
                disk: path.to_path_buf(),
                key: key.to_owned(),
                shown: path.strip_prefix(root).unwrap_or(path).to_path_buf(),
                kind,
                found,
            });
        }
    }
    held
}

/// Warns, in `diagnostics`, of each document in `held` that no page attaches
/// (those are in `claimed`, reported at the page): at each link to it in
/// `pages` (rendered as `rendered`, same index), whose addresses start with
/// `base_path`, or else at the file itself.
pub(super) fn report(
    held: &[Held],
    claimed: &[PathBuf],
    (pages, rendered): (&[Page], &[Rendered]),
    base_path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let unclaimed: Vec<&Held> = held.iter().filter(|h| !claimed.contains(&h.disk)).collect();
    if unclaimed.is_empty() {
        return;
    }
    let mut linked = vec![false; unclaimed.len()];
    for (page, r) in pages.iter().zip(rendered) {
        for link in &r.file_links {
            let key = crate::paths::url_path_key(&link.href, base_path);
            if let Some(i) = unclaimed.iter().position(|h| h.key == key) {
                linked[i] = true;
                diagnostics.extend(unclaimed[i].at_link(page, link));
            }
        }
    }
    let at_files = unclaimed.iter().zip(linked).filter(|(_, linked)| !linked);
    for (document, _) in at_files {
        diagnostics.extend(finding(
            &document.shown,
            &document.kind.this(),
            document.kind,
            document.found,
        ));
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
        let held = check(dir.path(), &output, &mut seen);
        assert!(held.is_empty());
        assert_eq!(seen.get(&file).map(|(_, f)| *f), Some(None));
        // What the last build found is used while the file is the same...
        if let Some((_, kept)) = seen.get_mut(&file) {
            *kept = Some(Leftovers {
                comments: 2,
                ..Leftovers::default()
            });
        }
        let held = check(dir.path(), &output, &mut seen);
        let mut found = Vec::new();
        report(&held, &[], (&[], &[]), "/", &mut found);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file, Path::new("static/plan.docx"));
        // A page that attaches it has the warning instead.
        found.clear();
        report(
            &held,
            std::slice::from_ref(&file),
            (&[], &[]),
            "/",
            &mut found,
        );
        assert!(found.is_empty());
        // ...and not once it has changed.
        std::fs::write(&file, b"still not an archive").expect("write");
        assert!(check(dir.path(), &output, &mut seen).is_empty());
        // A document no longer published is forgotten.
        check(dir.path(), &Output::new(), &mut seen);
        assert!(seen.is_empty());
    }
}
