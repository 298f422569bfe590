//! The fallback write, for an output folder that cannot be swapped: a mount point
//! (renaming it fails with "device or resource busy") or a file system that cannot
//! rename folders.
//!
//! Every new file is first written in full to `.plainsite-staging` inside the
//! output folder (so on the same file system), then moved over the old one with a
//! rename, which replaces a file in one step: no page is ever half-written. Before
//! the first move, the manifest lists the files of both builds, so an interrupted
//! write leaves nothing unaccounted for; the next build finishes the job and
//! removes the staging folder. Until the moves end, the folder may mix files of
//! the last build and this one. The person's files are never moved or touched.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use crate::error::Error;

use super::Output;
use super::folder::IN_PLACE_STAGING;
use super::pieces::{
    clean_owned, leftover_at, leftover_error, through_real_folders, write_files, write_manifest,
};

/// Writes `output` into `dir` in place; `ours` lists the files of the last build.
pub(super) fn write(
    output: &Output,
    dir: &Path,
    ours: &BTreeSet<String>,
) -> Result<Vec<String>, Error> {
    let staging = dir.join(IN_PLACE_STAGING);
    if leftover_at(&staging)? {
        clean_owned(&staging, dir).map_err(|remains| leftover_error(&staging, &remains))?;
    }
    // Every file goes in through real folders only, checked before anything moves.
    for key in output.paths() {
        through_real_folders(dir, key)?;
    }
    if let Err(e) = write_files(output, &staging) {
        let _ = clean_owned(&staging, dir);
        return Err(e);
    }
    let both: BTreeSet<&str> = ours
        .iter()
        .map(String::as_str)
        .chain(output.paths())
        .collect();
    write_manifest(dir, both.into_iter())?;
    for key in output.paths() {
        let to = dir.join(key);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io("create the folder", parent, e))?;
        }
        fs::rename(staging.join(key), &to).map_err(|e| Error::io("move into place", &to, e))?;
    }
    for gone in ours.iter().filter(|k| !output.contains(k)) {
        // A file of the last build that is now behind someone's link is left.
        if through_real_folders(dir, gone).is_err() {
            continue;
        }
        let path = dir.join(gone);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(Error::io("remove", &path, e));
            }
            _ => {}
        }
        // Folders this build no longer uses, if nothing else is in them.
        for parent in Path::new(gone).ancestors().skip(1) {
            if parent.as_os_str().is_empty() || fs::remove_dir(dir.join(parent)).is_err() {
                break;
            }
        }
    }
    write_manifest(dir, output.paths())?;
    let _ = clean_owned(&staging, dir);
    Ok(Vec::new())
}
