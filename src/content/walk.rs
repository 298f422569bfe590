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
    let walked = crate::paths::walk(content_dir);
    // Built at once from the walk, which comes in order already: inserting
    // each in turn compared paths part by part some fourteen times a file.
    let files: Listing = walked
        .files
        .iter()
        .map(|path| {
            let rel = path.strip_prefix(content_dir).unwrap_or(path).to_path_buf();
            let listed = Listed::new(&rel);
            (rel, listed)
        })
        .collect();
    for err in &walked.errors {
        diagnostics.push(walk_error(err, root));
    }
    for link in &walked.outside {
        diagnostics.push(crate::paths::outside_link(link, root));
    }
    for (path, is_folder) in &walked.not_utf8 {
        diagnostics.push(crate::paths::not_utf8_name(path, *is_folder, root));
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
        // A name that is not UTF-8 is reported by the walk.
        if rel.as_os_str().is_empty() || rel.to_str().is_none() {
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

/// Endings other tools and systems give Markdown files. plainsite reads only
/// `.md`, so a page saved as `Page.MD` or `page.markdown` would be published as a
/// file, its settings and drafts and all, and never as a page.
const MARKDOWN_BY_OTHER_NAMES: &[&str] = &["md", "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdx"];

/// An error for a file under `content/` (`rel`, with the site-relative `file`)
/// whose name says it is Markdown but whose ending plainsite does not read, with
/// the name it should have; `None` for every other file.
pub(super) fn markdown_by_another_name(rel: &Path, file: &Path) -> Option<Diagnostic> {
    let name = rel.file_name()?.to_str()?;
    let (stem, ending) = name.rsplit_once('.')?;
    let lower = ending.to_ascii_lowercase();
    if stem.is_empty() || ending == "md" || !MARKDOWN_BY_OTHER_NAMES.contains(&lower.as_str()) {
        return None;
    }
    let renamed = format!("{stem}.md");
    Some(
        Diagnostic::error(
            crate::rules::FILE,
            file,
            format!(
                "this file is not read as a page, because its name ends in `.{ending}`: it would be published as it is, settings at the top and all"
            ),
        )
        .help(format!(
            "rename it to {renamed} (pages end in `.md`, in small letters); or, if it is a file to download, move it to static/"
        )),
    )
}

/// A warning for each file or folder under `content/` whose name Windows keeps
/// for a device (`con.md`, `aux/`), by [`crate::paths::device_names`].
pub(super) fn device_names(files: &Listing, diagnostics: &mut Vec<Diagnostic>) {
    crate::paths::device_names(
        Path::new(CONTENT_DIR),
        files.keys().map(PathBuf::as_path),
        crate::paths::Renaming {
            file: "its web address changes with its name, so change any links to it",
            folder: "the web addresses of the pages in it change with it, so change any links to them",
        },
        diagnostics,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renamed(name: &str) -> Option<String> {
        let d = markdown_by_another_name(Path::new(name), Path::new(name))?;
        d.help
    }

    #[test]
    fn markdown_by_another_ending_is_told_its_name() {
        for (name, to) in [
            ("news/Our Team.MD", "rename it to Our Team.md"),
            ("a.Md", "rename it to a.md"),
            ("plan.markdown", "rename it to plan.md"),
            ("x.mdx", "rename it to x.md"),
        ] {
            let help = renamed(name).unwrap_or_default();
            assert!(help.starts_with(to), "{name}: {help}");
        }
    }

    #[test]
    fn pages_and_other_files_are_left_alone() {
        for name in [
            "page.md",
            "report.pdf",
            "photo.jpg",
            ".md",
            "notes.txt",
            "README",
        ] {
            assert_eq!(renamed(name), None, "{name}");
        }
    }

    fn device_warnings(rels: &[&str]) -> Vec<Diagnostic> {
        let files: Listing = rels
            .iter()
            .map(|r| (PathBuf::from(r), Listed::new(Path::new(r))))
            .collect();
        let mut found = Vec::new();
        device_names(&files, &mut found);
        found
    }

    #[test]
    fn a_file_named_as_a_windows_device_is_warned_of_with_what_to_do() {
        let found = device_warnings(&["con.md", "news/Aux.PDF", "news/contact.md"]);
        let shown: Vec<String> = found.iter().map(|d| d.file.display().to_string()).collect();
        assert_eq!(shown, ["content/con.md", "content/news/Aux.PDF"]);
        assert!(
            found
                .iter()
                .all(|d| !d.is_error() && d.rule == crate::rules::WINDOWS_NAME)
        );
        assert_eq!(
            found[0].message,
            "Windows keeps the name `con` for a device, so colleagues on Windows or OneDrive cannot open, copy or sync this file"
        );
        assert!(
            found[1].message.contains("the name `Aux`"),
            "{}",
            found[1].message
        );
        let help = found[0].help.as_deref().unwrap_or("");
        assert!(help.starts_with("rename the file"), "{help}");
        assert!(help.contains("change any links to it"), "{help}");
    }

    #[test]
    fn a_folder_named_as_a_windows_device_is_warned_of_once() {
        let found = device_warnings(&["aux/_index.md", "aux/a.md", "aux/b/nul.md", "lpt1x/a.md"]);
        let shown: Vec<String> = found.iter().map(|d| d.file.display().to_string()).collect();
        assert_eq!(shown, ["content/aux", "content/aux/b/nul.md"]);
        assert!(
            found[0].message.ends_with("sync this folder"),
            "{}",
            found[0].message
        );
        let help = found[0].help.as_deref().unwrap_or("");
        assert!(help.starts_with("rename the folder"), "{help}");
    }

    #[test]
    fn ordinary_names_are_left_alone() {
        assert!(
            device_warnings(&["_index.md", "contact.md", "com/a.md", "console/aux-help.md"])
                .is_empty()
        );
    }

    #[test]
    fn a_changed_name_that_is_not_utf8_asks_for_a_walk() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().expect("temporary folder");
        let content = dir.path().join(CONTENT_DIR);
        std::fs::create_dir_all(&content).expect("content folder");
        let odd = std::ffi::OsStr::from_bytes(b"news\xff.md");
        std::fs::write(content.join(odd), "x").expect("write");
        std::fs::write(content.join("plain.md"), "x").expect("write");
        let changed = |name: &std::ffi::OsStr| vec![Path::new(CONTENT_DIR).join(name)];
        assert!(update_listing(Listing::new(), &changed(odd), &content).is_none());
        let plain = update_listing(Listing::new(), &changed("plain.md".as_ref()), &content);
        assert!(plain.is_some_and(|(files, _)| files.contains_key(Path::new("plain.md"))));
    }
}
