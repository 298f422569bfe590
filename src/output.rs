//! Output: every file of the built site, held in memory, and the staged write to disk.
//!
//! The last stage. `Output` maps output paths (`briefings/neglect/index.html`) to
//! bytes or to a source file to copy. `serve` answers HTTP straight from it; `build`
//! writes it with `write_to`, which never touches the target folder until the whole
//! site is on disk beside it, then swaps the two in one step. A manifest records what
//! plainsite wrote, so files a person put in the folder are kept, never overwritten,
//! and never deleted.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Error;

/// The manifest's file name, inside the output folder.
pub const MANIFEST: &str = ".plainsite-manifest";
const MANIFEST_HEADER: &str =
    "# Files written by plainsite. Files not listed here are yours and are kept.";

/// One output file.
#[derive(Debug, Clone)]
pub enum OutputFile {
    /// Made by the build. Shared, so that a rebuild can keep an unchanged file's
    /// bytes and `serve` can tell they are unchanged without comparing them.
    Bytes(std::sync::Arc<[u8]>),
    /// Copied from this file on disk.
    Copy(PathBuf),
    /// Carried in the binary (the default theme's static files).
    Static(&'static [u8]),
}

/// Every file of a built site.
#[derive(Debug, Clone, Default)]
pub struct Output {
    files: BTreeMap<String, OutputFile>,
}

impl Output {
    /// An empty output.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file; returns the one it replaced, if any.
    pub fn insert(&mut self, path: impl Into<String>, file: OutputFile) -> Option<OutputFile> {
        self.files.insert(path.into(), file)
    }

    /// The file at `path`.
    pub fn get(&self, path: &str) -> Option<&OutputFile> {
        self.files.get(path)
    }

    /// True if `path` is a file of the output.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// All paths, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// All entries.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &OutputFile)> {
        self.files.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The bytes of the file at `path`.
    pub fn read(&self, path: &str) -> Option<io::Result<Cow<'_, [u8]>>> {
        Some(match self.files.get(path)? {
            OutputFile::Bytes(b) => Ok(Cow::Borrowed(b)),
            OutputFile::Static(b) => Ok(Cow::Borrowed(b)),
            OutputFile::Copy(p) => fs::read(p).map(Cow::Owned),
        })
    }

    /// Writes the site to `dir` through a staging folder beside it. Returns
    /// warnings (for example a leftover folder that could not be removed).
    pub fn write_to(&self, dir: &Path) -> Result<Vec<String>, Error> {
        let (parent, name) = split_dir(dir)?;
        let staging = parent.join(format!(".plainsite-staging-{name}"));
        let old = parent.join(format!(".plainsite-old-{name}"));
        for leftover in [&staging, &old] {
            if fs::symlink_metadata(leftover).is_ok() {
                clean_owned(leftover, dir).map_err(|remains| leftover_error(leftover, &remains))?;
            }
        }
        let meta = fs::symlink_metadata(dir).ok();
        if meta.as_ref().is_some_and(|m| !m.is_dir()) {
            return Err(Error::usage(
                format!("{} is not a folder", dir.display()),
                "choose another --output folder, or move that file away",
            ));
        }
        let exists = meta.is_some();
        let previous = if exists {
            read_manifest(dir)
        } else {
            BTreeSet::new()
        };
        let theirs = if exists {
            files_not_ours(dir, &previous)?
        } else {
            Vec::new()
        };
        let clashes: Vec<&String> = theirs
            .iter()
            .filter(|p| self.files.contains_key(p.as_str()))
            .collect();
        if !clashes.is_empty() {
            let list: Vec<String> = clashes
                .iter()
                .take(5)
                .map(|p| dir.join(p).display().to_string())
                .collect();
            return Err(Error::usage(
                format!(
                    "the build would overwrite {} file(s) that plainsite did not make: {}",
                    clashes.len(),
                    list.join(", ")
                ),
                "move or rename those files (they are yours, so plainsite will not replace them), then build again",
            ));
        }

        if let Err(e) = self.write_staging(&staging, dir, &theirs) {
            let _ = clean_owned(&staging, dir);
            return Err(e);
        }
        if !exists {
            fs::rename(&staging, dir).map_err(|e| Error::io("move the new site into", dir, e))?;
            return Ok(Vec::new());
        }
        swap(&staging, dir, &old)?;
        // `old` now holds the previous site. Remove what was ours, and the links to
        // files that are now safe in the new folder.
        let mut warnings = Vec::new();
        if let Err(remains) = clean_owned(&old, dir) {
            warnings.push(format!(
                "{} holds {} file(s) that appeared during the build, so it was left in place; look through it, then delete it",
                old.display(),
                remains.len()
            ));
        }
        Ok(warnings)
    }

    fn write_staging(&self, staging: &Path, dir: &Path, theirs: &[String]) -> Result<(), Error> {
        fs::create_dir_all(staging).map_err(|e| Error::io("create the folder", staging, e))?;
        let mut manifest = String::from(MANIFEST_HEADER);
        manifest.push('\n');
        for p in self.files.keys() {
            manifest.push_str(p);
            manifest.push('\n');
        }
        // The manifest goes first, so an interrupted write can still be cleaned up.
        let manifest_path = staging.join(MANIFEST);
        fs::write(&manifest_path, manifest).map_err(|e| Error::io("write", &manifest_path, e))?;
        // Every folder, and every folder above one, made a level at a time: the
        // folders of one level are made in parallel, after their parents.
        let mut levels: Vec<BTreeSet<&Path>> = Vec::new();
        for p in self.files.keys() {
            for d in Path::new(p).ancestors().skip(1) {
                let depth = d.components().count();
                if depth == 0 {
                    break;
                }
                if levels.len() < depth {
                    levels.resize_with(depth, BTreeSet::new);
                }
                if !levels[depth - 1].insert(d) {
                    break;
                }
            }
        }
        for level in &levels {
            level.par_iter().try_for_each(|d| {
                let target = staging.join(d);
                match fs::create_dir(&target) {
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                        Err(Error::io("create the folder", &target, e))
                    }
                    _ => Ok(()),
                }
            })?;
        }
        self.files.par_iter().try_for_each(|(path, file)| {
            let target = staging.join(path);
            match file {
                OutputFile::Bytes(b) => {
                    fs::write(&target, b).map_err(|e| Error::io("write", &target, e))
                }
                OutputFile::Static(b) => {
                    fs::write(&target, b).map_err(|e| Error::io("write", &target, e))
                }
                OutputFile::Copy(src) => fs::copy(src, &target)
                    .map(|_| ())
                    .map_err(|e| Error::io("write", &target, e)),
            }
        })?;
        for p in theirs {
            let from = dir.join(p);
            let to = staging.join(p);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent)
                    .map_err(|e| Error::io("create the folder", parent, e))?;
            }
            keep_file(&from, &to).map_err(|e| Error::io("keep", &from, e))?;
        }
        Ok(())
    }
}

fn split_dir(dir: &Path) -> Result<(PathBuf, String), Error> {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    let parent = dir.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    });
    match (parent, name) {
        (Some(p), Some(n)) => Ok((p.to_path_buf(), n)),
        _ => Err(Error::usage(
            format!("cannot write the site to {}", dir.display()),
            "choose an output folder such as `public`",
        )),
    }
}

fn leftover_error(leftover: &Path, remains: &[PathBuf]) -> Error {
    Error::usage(
        format!(
            "{} is left from an interrupted build and holds {} file(s) plainsite did not make (first: {})",
            leftover.display(),
            remains.len(),
            remains
                .first()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        ),
        "move anything you want to keep out of that folder, delete it, then build again",
    )
}

/// Swaps `staging` and `dir` in one step where the system allows, so there is
/// never a moment without a complete site at `dir`. Afterwards `old` holds the
/// previous site.
fn swap(staging: &Path, dir: &Path, old: &Path) -> Result<(), Error> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, staging, CWD, dir, RenameFlags::EXCHANGE) {
        Ok(()) => fs::rename(staging, old).map_err(|e| Error::io("move aside", staging, e)),
        Err(_) => {
            // Not supported here (some network file systems): two renames.
            fs::rename(dir, old).map_err(|e| Error::io("move aside", dir, e))?;
            fs::rename(staging, dir).map_err(|e| Error::io("move the new site into", dir, e))
        }
    }
}

/// A person's file is kept by a hard link (no copy, same file), or copied where
/// links are not possible; a symbolic link is recreated.
fn keep_file(from: &Path, to: &Path) -> io::Result<()> {
    let meta = fs::symlink_metadata(from)?;
    if meta.file_type().is_symlink() {
        let target = fs::read_link(from)?;
        return std::os::unix::fs::symlink(target, to);
    }
    fs::hard_link(from, to).or_else(|_| fs::copy(from, to).map(|_| ()))
}

fn read_manifest(dir: &Path) -> BTreeSet<String> {
    fs::read_to_string(dir.join(MANIFEST))
        .map(|t| {
            t.lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Files in `dir` that the last build did not write: the person's own files.
fn files_not_ours(dir: &Path, ours: &BTreeSet<String>) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let p = e.path().unwrap_or(dir).to_path_buf();
            Error::io(
                "read",
                p,
                e.into_io_error()
                    .unwrap_or_else(|| io::Error::other("unreadable")),
            )
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = crate::content::rel_key(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
        if rel != MANIFEST && !ours.contains(&rel) {
            out.push(rel);
        }
    }
    Ok(out)
}

/// Removes from `folder` the files plainsite made (listed in its manifest) and the
/// files that are the very same file at the same place in `live`; then empty
/// folders. Whatever else is there is left alone and returned as `Err`.
fn clean_owned(folder: &Path, live: &Path) -> Result<(), Vec<PathBuf>> {
    let listed = read_manifest(folder);
    let mut remains = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(folder)
        .min_depth(1)
        .contents_first(true)
    {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if entry.file_type().is_dir() {
            dirs.push(path.to_path_buf());
            continue;
        }
        let rel = crate::content::rel_key(path.strip_prefix(folder).unwrap_or(path));
        if rel == MANIFEST || listed.contains(&rel) || same_file(path, &live.join(&rel)) {
            if fs::remove_file(path).is_err() {
                remains.push(path.to_path_buf());
            }
        } else {
            remains.push(path.to_path_buf());
        }
    }
    for d in dirs {
        let _ = fs::remove_dir(d);
    }
    let _ = fs::remove_dir(folder);
    if remains.is_empty() {
        Ok(())
    } else {
        Err(remains)
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let (Ok(ma), Ok(mb)) = (fs::symlink_metadata(a), fs::symlink_metadata(b)) else {
        return false;
    };
    if ma.dev() == mb.dev() && ma.ino() == mb.ino() {
        return true;
    }
    if ma.file_type().is_symlink() && mb.file_type().is_symlink() {
        return fs::read_link(a).ok() == fs::read_link(b).ok();
    }
    ma.is_file() && mb.is_file() && ma.len() == mb.len() && fs::read(a).ok() == fs::read(b).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Output {
        let mut o = Output::new();
        for (p, c) in files {
            o.insert(*p, OutputFile::Bytes(c.as_bytes().into()));
        }
        o
    }

    #[test]
    fn writes_then_replaces_only_its_own_files() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        site(&[("index.html", "one"), ("a/index.html", "a")])
            .write_to(&public)
            .expect("first");
        fs::write(public.join("mine.txt"), "keep me").expect("user file");
        site(&[("index.html", "two")])
            .write_to(&public)
            .expect("second");
        assert_eq!(
            fs::read_to_string(public.join("index.html")).unwrap_or_default(),
            "two"
        );
        assert_eq!(
            fs::read_to_string(public.join("mine.txt")).unwrap_or_default(),
            "keep me"
        );
        assert!(
            !public.join("a/index.html").exists(),
            "stale generated file removed"
        );
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn refuses_to_overwrite_a_file_it_did_not_make() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        fs::create_dir_all(&public).expect("mkdir");
        fs::write(public.join("index.html"), "handmade").expect("write");
        let err = site(&[("index.html", "new")])
            .write_to(&public)
            .unwrap_err();
        assert!(err.to_string().contains("did not make"), "{err}");
        assert_eq!(
            fs::read_to_string(public.join("index.html")).unwrap_or_default(),
            "handmade"
        );
    }

    #[test]
    fn cleans_a_leftover_staging_folder() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        let staging = tmp.path().join(".plainsite-staging-public");
        fs::create_dir_all(staging.join("x")).expect("mkdir");
        fs::write(staging.join(MANIFEST), "x/index.html\n").expect("manifest");
        fs::write(staging.join("x/index.html"), "half").expect("file");
        site(&[("index.html", "ok")])
            .write_to(&public)
            .expect("build");
        assert!(!staging.exists());
    }

    #[test]
    fn stops_at_a_leftover_with_foreign_files() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        let staging = tmp.path().join(".plainsite-staging-public");
        fs::create_dir_all(&staging).expect("mkdir");
        fs::write(staging.join("notes.txt"), "mine").expect("file");
        assert!(site(&[("index.html", "ok")]).write_to(&public).is_err());
        assert!(staging.join("notes.txt").exists());
    }
}
