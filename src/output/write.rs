//! Writing an `Output` to disk: the whole new site is made in a staging folder
//! beside the target, then the two are swapped in one step.
//!
//! Called by `Output::write_to` after the build, never before it is complete. The
//! person's files in the folder are carried into the new one as the very same
//! files (hard links), and their folders, empty ones included, keep their mode and
//! owner; symbolic links are made again pointing where they pointed, with their
//! owner. Where the swap is impossible (a mount point, a file system that cannot
//! rename folders) the site is written in place instead (see `in_place`). It never
//! removes a file plainsite did not list in a manifest. Files of plainsite's cache
//! folder (image variants, icons: never changed once written) are published as
//! hard links to the cache where the file system allows, so they cost no copy.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Error;

use super::folder::{self, Existing};
use super::{CACHE_FOLDER, MANIFEST, MANIFEST_HEADER, Output, OutputFile, in_place};

/// Writes `output` to `dir` (see the module docs). Returns warnings.
pub(super) fn write_site(output: &Output, dir: &Path) -> Result<Vec<String>, Error> {
    if let Some((path, why)) = output.rejected().first() {
        return Err(Error::usage(
            format!("the site has a file that cannot be written, {path:?}: {why}"),
            "run `plainsite check` to find the page that makes it",
        ));
    }
    let (parent, name) = split_dir(dir)?;
    let staging = parent.join(format!(".plainsite-staging-{name}"));
    let old = parent.join(format!(".plainsite-old-{name}"));
    for leftover in [&staging, &old] {
        if fs::symlink_metadata(leftover).is_ok() {
            clean_owned(leftover, dir).map_err(|remains| leftover_error(leftover, &remains))?;
        }
    }
    let existing = folder::inspect(dir)?;
    let clashes: Vec<&String> = existing
        .theirs
        .iter()
        .filter(|p| output.contains(p))
        .collect();
    if !clashes.is_empty() {
        let list: Vec<String> = clashes
            .iter()
            .take(5)
            .map(|p| dir.join(p).display().to_string())
            .collect();
        return Err(Error::usage(
            format!(
                "the build would overwrite {} that plainsite did not make: {}",
                crate::error::plural(clashes.len(), "file"),
                list.join(", ")
            ),
            "move or rename those files (they are yours, so plainsite will not replace them), then build again",
        ));
    }
    if existing.mount_point {
        return in_place::write(output, dir, &existing.ours);
    }
    if let Err(e) = write_staging(output, &staging, dir, &existing) {
        let _ = clean_owned(&staging, dir);
        return Err(e);
    }
    if !existing.exists {
        fs::rename(&staging, dir).map_err(|e| Error::io("move the new site into", dir, e))?;
        return Ok(Vec::new());
    }
    if !swap(&staging, dir, &old)? {
        // The folder cannot be moved (a mount point, or a file system that cannot
        // rename folders): nothing was changed, so write in place instead.
        let _ = clean_owned(&staging, dir);
        return in_place::write(output, dir, &existing.ours);
    }
    // `old` now holds the previous site. Remove what was ours, and the links to
    // files that are now safe in the new folder.
    let mut warnings = Vec::new();
    if let Err(remains) = clean_owned(&old, dir) {
        warnings.push(format!(
            "{} holds {} that appeared during the build, so it was left in place; look through it, then delete it",
            old.display(),
            crate::error::plural(remains.len(), "file")
        ));
    }
    Ok(warnings)
}

/// Writes the manifest and then every file of `output` under `target`, which is
/// made if needed.
pub(super) fn write_files(output: &Output, target: &Path) -> Result<(), Error> {
    fs::create_dir_all(target).map_err(|e| Error::io("create the folder", target, e))?;
    // The manifest goes first, so an interrupted write can still be cleaned up.
    write_manifest(target, output.paths())?;
    // Every folder, and every folder above one, made a level at a time: the
    // folders of one level are made in parallel, after their parents.
    let mut levels: Vec<BTreeSet<&Path>> = Vec::new();
    for p in output.paths() {
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
            let path = target.join(d);
            match fs::create_dir(&path) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                    Err(Error::io("create the folder", &path, e))
                }
                _ => Ok(()),
            }
        })?;
    }
    let files: Vec<(&str, &OutputFile)> = output.iter().collect();
    files.par_iter().try_for_each(|(path, file)| {
        let to = target.join(path);
        let written = match file {
            OutputFile::Bytes(b) => fs::write(&to, b),
            OutputFile::Static(b) => fs::write(&to, b),
            OutputFile::Copy(src) if is_cache_file(src) => link_or_copy(src, &to),
            OutputFile::Copy(src) => fs::copy(src, &to).map(|_| ()),
        };
        written.map_err(|e| Error::io("write", &to, e))
    })
}

/// True for a file of plainsite's cache folder (image variants, icons): written
/// once under a name made from its contents and never changed after, so the
/// output may share it.
fn is_cache_file(src: &Path) -> bool {
    src.components()
        .any(|c| c.as_os_str() == std::ffi::OsStr::new(CACHE_FOLDER))
}

/// Publishes a cache file as a hard link to it (no bytes copied: a warm build
/// of a site with hundreds of images writes only its pages), or as a copy where
/// a link is not possible (another file system, no links allowed).
fn link_or_copy(src: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(src, to) {
        Ok(()) => Ok(()),
        Err(_) => fs::copy(src, to).map(|_| ()),
    }
}

/// Writes a manifest listing `paths` into `folder`, replacing any in one step.
pub(super) fn write_manifest<'a>(
    folder: &Path,
    paths: impl Iterator<Item = &'a str>,
) -> Result<(), Error> {
    let mut manifest = String::from(MANIFEST_HEADER);
    manifest.push('\n');
    for p in paths {
        manifest.push_str(p);
        manifest.push('\n');
    }
    let path = folder.join(MANIFEST);
    let part = folder.join(format!("{MANIFEST}.part"));
    fs::write(&part, manifest).map_err(|e| Error::io("write", &part, e))?;
    fs::rename(&part, &path).map_err(|e| Error::io("write", &path, e))
}

fn write_staging(
    output: &Output,
    staging: &Path,
    dir: &Path,
    existing: &Existing,
) -> Result<(), Error> {
    write_files(output, staging)?;
    for p in &existing.theirs {
        let from = dir.join(p);
        let to = staging.join(p);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io("create the folder", parent, e))?;
        }
        keep_file(&from, &to).map_err(|e| Error::io("keep", &from, e))?;
    }
    // Folders last, deepest first, so that a folder the person made read-only is
    // made so only after everything is in it.
    for d in &existing.dirs {
        let to = staging.join(d);
        fs::create_dir_all(&to).map_err(|e| Error::io("create the folder", &to, e))?;
    }
    for d in existing.dirs.iter().rev() {
        let from = dir.join(d);
        let to = staging.join(d);
        let meta = fs::symlink_metadata(&from).map_err(|e| Error::io("read", &from, e))?;
        keep_mode_and_owner(&meta, &to).map_err(|e| Error::io("keep the settings of", &from, e))?;
    }
    Ok(())
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

pub(super) fn leftover_error(leftover: &Path, remains: &[PathBuf]) -> Error {
    Error::usage(
        format!(
            "{} is left from an interrupted build and holds {} plainsite did not make (first: {})",
            leftover.display(),
            crate::error::plural(remains.len(), "file"),
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
/// previous site. `Ok(false)` when `dir` cannot be moved at all (nothing changed).
fn swap(staging: &Path, dir: &Path, old: &Path) -> Result<bool, Error> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    if renameat_with(CWD, staging, CWD, dir, RenameFlags::EXCHANGE).is_ok() {
        fs::rename(staging, old).map_err(|e| Error::io("move aside", staging, e))?;
        return Ok(true);
    }
    // Not supported here (some network file systems): two renames.
    if fs::rename(dir, old).is_err() {
        return Ok(false);
    }
    if let Err(e) = fs::rename(staging, dir) {
        // Put the previous site back, so the folder is never left without one.
        let _ = fs::rename(old, dir);
        return Err(Error::io("move the new site into", dir, e));
    }
    Ok(true)
}

/// A person's file is kept by a hard link (no copy, same file), or copied where
/// links are not possible; a symbolic link is made again, with its owner.
fn keep_file(from: &Path, to: &Path) -> io::Result<()> {
    let meta = fs::symlink_metadata(from)?;
    if meta.file_type().is_symlink() {
        std::os::unix::fs::symlink(fs::read_link(from)?, to)?;
        return keep_mode_and_owner(&meta, to);
    }
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to)?;
        keep_mode_and_owner(&meta, to)?;
    }
    Ok(())
}

/// Gives `to` the mode and owner in `meta`. A changed owner needs the right to
/// give files away; without it the owner is the person building, as before.
fn keep_mode_and_owner(meta: &fs::Metadata, to: &Path) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let now = fs::symlink_metadata(to)?;
    if now.uid() != meta.uid() || now.gid() != meta.gid() {
        let _ = std::os::unix::fs::lchown(to, Some(meta.uid()), Some(meta.gid()));
    }
    if !meta.file_type().is_symlink() && now.mode() & 0o7777 != meta.mode() & 0o7777 {
        fs::set_permissions(to, fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    }
    Ok(())
}

pub(super) fn read_manifest(dir: &Path) -> BTreeSet<String> {
    fs::read_to_string(dir.join(MANIFEST))
        .map(|t| {
            t.lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Removes from `folder` the files plainsite made (listed in its manifest) and the
/// files that are the very same file at the same place in `live`; then empty
/// folders. Whatever else is there is left alone and returned as `Err`.
pub(super) fn clean_owned(folder: &Path, live: &Path) -> Result<(), Vec<PathBuf>> {
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
        let rel = crate::paths::rel_key(path.strip_prefix(folder).unwrap_or(path));
        // The manifest and its half-written `.part` (a build killed while writing
        // it) are plainsite's own.
        let own_manifest = rel == MANIFEST || rel.strip_suffix(".part") == Some(MANIFEST);
        if own_manifest || listed.contains(&rel) || same_file(path, &live.join(&rel)) {
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
