//! Writing an `Output` to disk: the whole new site is made in a staging folder
//! beside the target, then the two are swapped in one step.
//!
//! Called by `Output::write_to` after the build, never before it is complete (or
//! by `Staging::write`, whose staging folder already holds the pages). The
//! person's files in the folder are carried into the new one as the very same
//! files (hard links), and their folders, empty ones included, keep their mode and
//! owner; symbolic links are made again pointing where they pointed, with their
//! owner. Where the swap is impossible (a mount point, a file system that cannot
//! rename folders) the site is written in place instead (see `in_place`). It never
//! removes a file plainsite did not list in a manifest. Files of plainsite's cache
//! folder (image variants, icons: never changed once written) are published as
//! hard links to the cache where the file system allows, so they cost no copy
//! (see `pieces::write_files`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;

use super::folder::{self, Existing};
use super::pieces::{clean_owned, leftover_at, leftover_error, not_a_folder, write_files};
use super::{Output, in_place};

impl Output {
    /// Writes the site to `dir` through a staging folder beside it. Returns
    /// warnings (for example a leftover folder that could not be removed). Refuses
    /// a folder that is not empty and has no manifest.
    pub fn write_to(&self, dir: &Path) -> Result<Vec<String>, Error> {
        write_site(self, dir)
    }
}

/// Writes `output` to `dir` (see the module docs). Returns warnings.
pub(super) fn write_site(output: &Output, dir: &Path) -> Result<Vec<String>, Error> {
    write_site_staged(output, dir, false)
}

/// Writes `output` to `dir` like [`write_site`]; with `prestaged`, the staging
/// folder was made before the build and holds files the output names as copies
/// of themselves (see `staging.rs`): it is kept, not cleaned as a leftover, and
/// those files are not written again. The caller removes what is left of it.
pub(super) fn write_site_staged(
    output: &Output,
    dir: &Path,
    prestaged: bool,
) -> Result<Vec<String>, Error> {
    if let Some((path, why)) = output.rejected().first() {
        return Err(Error::usage(
            format!("the site has a file that cannot be written, {path:?}: {why}"),
            "run `plainsite check` to find the page that makes it",
        ));
    }
    let (parent, name) = split_dir(dir)?;
    let staging = parent.join(format!(".plainsite-staging-{name}"));
    let old = parent.join(format!(".plainsite-old-{name}"));
    let leftovers: &[&PathBuf] = if prestaged {
        &[&old]
    } else {
        &[&staging, &old]
    };
    // Each is looked at before any is cleaned, so nothing changes when one is
    // in the way.
    let mut found = Vec::new();
    for leftover in leftovers {
        if leftover_at(leftover)? {
            found.push(*leftover);
        }
    }
    for leftover in found {
        clean_owned(leftover, dir).map_err(|remains| leftover_error(leftover, &remains))?;
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
    // A link or a file of the person's where the site has a folder: the site's
    // files would have to go through it or replace it.
    if let Some(p) = existing.theirs.iter().find(|p| output.has_folder(p)) {
        let at = dir.join(p);
        let meta = fs::symlink_metadata(&at).map_err(|e| Error::io("read", &at, e))?;
        return Err(not_a_folder(&at, &meta, dir));
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
        // rename folders): nothing was changed, so write in place instead, then
        // remove the staging folder (files staged during the build are read from it).
        let written = in_place::write(output, dir, &existing.ours);
        let _ = clean_owned(&staging, dir);
        return written;
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
    let dirs = kept_folders(output, existing);
    for d in &dirs {
        let to = staging.join(d);
        fs::create_dir_all(&to).map_err(|e| Error::io("create the folder", &to, e))?;
    }
    for d in dirs.iter().rev() {
        let from = dir.join(d);
        let to = staging.join(d);
        let meta = fs::symlink_metadata(&from).map_err(|e| Error::io("read", &from, e))?;
        keep_mode_and_owner(&meta, &to).map_err(|e| Error::io("keep the settings of", &from, e))?;
    }
    Ok(())
}

/// The folders of `existing` to carry into the new site: all but those only the
/// last build's pages were in, now that this build makes nothing there (a page
/// taken out of the site leaves no empty folder behind it). A folder with any of
/// the person's files in it, or that held none of plainsite's, is kept.
fn kept_folders<'e>(output: &Output, existing: &'e Existing) -> Vec<&'e str> {
    let mut holding_theirs = std::collections::HashSet::new();
    for file in &existing.theirs {
        let mut path = file.as_str();
        while let Some((parent, _)) = path.rsplit_once('/') {
            if !holding_theirs.insert(parent) {
                break;
            }
            path = parent;
        }
    }
    let held_ours = |d: &str| {
        let prefix = format!("{d}/");
        existing
            .ours
            .range(prefix.clone()..)
            .next()
            .is_some_and(|k| k.starts_with(&prefix))
    };
    existing
        .dirs
        .iter()
        .map(String::as_str)
        .filter(|d| {
            d.is_empty() || holding_theirs.contains(d) || output.has_folder(d) || !held_ours(d)
        })
        .collect()
}

pub(super) fn split_dir(dir: &Path) -> Result<(PathBuf, String), Error> {
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

/// Swaps `staging` and `dir` in one step where the system allows, so there is
/// never a moment without a complete site at `dir`. Afterwards `old` holds the
/// previous site. `Ok(false)` when `dir` cannot be moved at all (nothing changed).
fn swap(staging: &Path, dir: &Path, old: &Path) -> Result<bool, Error> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    if renameat_with(CWD, staging, CWD, dir, RenameFlags::EXCHANGE).is_ok() {
        if let Err(e) = fs::rename(staging, old) {
            // Swap back, so a failed build leaves the previous site in place.
            let _ = renameat_with(CWD, staging, CWD, dir, RenameFlags::EXCHANGE);
            return Err(Error::io("move aside", staging, e));
        }
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
