//! The output folder policy: which folders a build may replace, and what in them
//! belongs to the person rather than to plainsite.
//!
//! Asked before anything is written. plainsite replaces only a folder it made (its
//! manifest is there), an empty folder or a missing one; any other folder is
//! refused, and nothing in it is touched. It also refuses a folder that holds the
//! site itself or lies inside one of its source folders. This module only looks; it
//! writes nothing.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The manifest's file name, inside the output folder.
pub const MANIFEST: &str = ".plainsite-manifest";
pub(super) const MANIFEST_HEADER: &str =
    "# Files written by plainsite. Files not listed here are yours and are kept.";

/// The folder an in-place write stages the new files in, inside the output folder
/// (see `in_place`). Never counted as the person's.
pub(super) const IN_PLACE_STAGING: &str = ".plainsite-staging";

/// What is in the output folder before a build writes it.
#[derive(Debug, Default)]
pub(super) struct Existing {
    /// The folder exists.
    pub(super) exists: bool,
    /// The files the last build wrote (its manifest).
    pub(super) ours: BTreeSet<String>,
    /// Files (and symbolic links) the last build did not write: the person's.
    pub(super) theirs: Vec<String>,
    /// Every folder in it, `""` for the folder itself, parents first: each keeps
    /// its mode and owner, and the empty ones are kept too.
    pub(super) dirs: Vec<String>,
    /// The folder is a mount point, so it cannot be renamed (see `in_place`).
    pub(super) mount_point: bool,
}

/// Looks at `dir` and refuses it unless plainsite may write there: it must be a
/// folder (or missing), and either empty or made by plainsite.
pub(super) fn inspect(dir: &Path) -> Result<Existing, Error> {
    let Ok(meta) = fs::symlink_metadata(dir) else {
        return Ok(Existing::default());
    };
    if !meta.is_dir() {
        return Err(Error::usage(
            format!("{} is not a folder", dir.display()),
            "choose another --output folder, or move that file away",
        ));
    }
    let manifest = dir.join(MANIFEST);
    let ours = match fs::read_to_string(&manifest) {
        Ok(text) => text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(str::to_owned)
            .collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let mut entries = fs::read_dir(dir).map_err(|e| Error::io("read", dir, e))?;
            if let Some(entry) = entries.next() {
                let first = entry.map(|e| e.file_name()).unwrap_or_default();
                return Err(Error::usage(
                    format!(
                        "plainsite will not write the site to {}: the folder is not empty (it holds {}) and plainsite did not make it (there is no {MANIFEST} in it), so it may hold files that are yours",
                        dir.display(),
                        first.to_string_lossy()
                    ),
                    "give --output a new or empty folder, such as `--output public`; plainsite never replaces a folder it did not make",
                ));
            }
            BTreeSet::new()
        }
        Err(e) => return Err(Error::io("read", manifest, e)),
    };
    let mut existing = Existing {
        exists: true,
        ours,
        mount_point: is_mount_point(dir, &meta),
        ..Existing::default()
    };
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || e.file_name() != IN_PLACE_STAGING);
    for entry in walker {
        let entry = entry.map_err(|e| {
            let p = e.path().unwrap_or(dir).to_path_buf();
            Error::io(
                "read",
                p,
                e.into_io_error()
                    .unwrap_or_else(|| io::Error::other("unreadable")),
            )
        })?;
        let rel = crate::paths::rel_key(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
        if entry.file_type().is_dir() {
            existing.dirs.push(rel);
        } else if rel != MANIFEST && !existing.ours.contains(&rel) {
            existing.theirs.push(rel);
        }
    }
    Ok(existing)
}

/// True when `dir` is on another file system than its parent folder: a mount
/// point, which cannot be renamed or swapped.
fn is_mount_point(dir: &Path, meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::metadata(parent).is_ok_and(|p| p.dev() != meta.dev())
}

/// Refuses an output folder that would put the site's own files at risk: the site
/// root, any folder above it, or one of its source folders.
pub fn check_output_folder(root: &Path, output: &Path) -> Result<(), Error> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalise(&p)
    };
    let root_abs = root
        .canonicalize()
        .map(|p| normalise(&p))
        .unwrap_or_else(|_| absolute(root));
    let out_abs = resolve(&absolute_unnormalised(output));
    let refuse = |why: &str| {
        Err(Error::usage(
            format!(
                "plainsite will not write the site to {}: {why}",
                output.display()
            ),
            "choose a separate folder for the built site, like `--output public`",
        ))
    };
    if root_abs.starts_with(&out_abs) {
        return refuse("it holds the site itself");
    }
    for source in [
        "content",
        "static",
        "themes",
        "templates",
        "shortcodes",
        "data",
        "archetypes",
        "i18n",
        "src",
        ".git",
        super::CACHE_FOLDER,
    ] {
        if out_abs.starts_with(root_abs.join(source)) {
            return refuse(&format!("it is inside the site's {source}/ folder"));
        }
    }
    Ok(())
}

fn absolute_unnormalised(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    }
}

/// Where the absolute path `p` leads: its longest beginning that exists, with
/// every link and `..` in it followed as the system follows them, then the
/// rest, which does not exist yet (so holds no links) and is read as written.
/// Reading `..` as text only would take `link/../x` to the link's own folder
/// instead of the one above the folder it points to.
fn resolve(p: &Path) -> PathBuf {
    let parts: Vec<_> = p.components().collect();
    for n in (1..=parts.len()).rev() {
        let head: PathBuf = parts[..n].iter().collect();
        if let Ok(real) = head.canonicalize() {
            let mut out = real;
            for part in &parts[n..] {
                match part {
                    std::path::Component::ParentDir => {
                        out.pop();
                    }
                    std::path::Component::Normal(name) => out.push(name),
                    _ => {}
                }
            }
            return out;
        }
    }
    normalise(p)
}

fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}
