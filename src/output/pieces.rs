//! The pieces both ways of writing a site use (the staged swap in `write.rs`,
//! the file-by-file move in `in_place.rs`): writing the files, writing and
//! reading the manifest, cleaning what plainsite wrote, and the error for
//! leftovers it could not remove.
//!
//! Part of `output`.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::folder::{MANIFEST, MANIFEST_HEADER};
use super::{CACHE_FOLDER, Output, OutputFile};
use crate::error::Error;

/// Writes the manifest and then every file of `output` under `target`, which is
/// made if needed.
pub(super) fn write_files(output: &Output, target: &Path) -> Result<(), Error> {
    fs::create_dir_all(target).map_err(|e| Error::io("create the folder", target, e))?;
    // The manifest goes first, so an interrupted write can still be cleaned up.
    write_manifest(target, output.paths())?;
    // Every folder, and every folder above one, made a level at a time: the
    // folders of one level are made in parallel, after their parents. A file
    // already staged in place has its folder, and the folders above it.
    let mut levels: Vec<BTreeSet<&Path>> = Vec::new();
    let in_place = |p: &str, file: &OutputFile| matches!(file, OutputFile::Copy(src) if *src == target.join(p));
    for (p, _) in output.iter().filter(|(p, file)| !in_place(p, file)) {
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
            // Staged as it was rendered (see `staging.rs`): already in place.
            OutputFile::Copy(src) if *src == to => Ok(()),
            OutputFile::Bytes(b) => fs::write(&to, b),
            OutputFile::Static(b) => fs::write(&to, b),
            OutputFile::Copy(src) if is_cache_file(src) => link_or_copy(src, &to),
            // A photo published as it is loses the camera's hidden details.
            OutputFile::Copy(src) if super::metadata::is_photo(path) => {
                fs::read(src).and_then(|b| fs::write(&to, super::metadata::published(path, b)))
            }
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
///
/// Only a plain file that really lies in the cache folder is published: a
/// symbolic link put there (a hard link to it would be the link itself, and
/// could point anywhere) is refused.
fn link_or_copy(src: &Path, to: &Path) -> io::Result<()> {
    let cache = src
        .ancestors()
        .find(|a| a.file_name() == Some(std::ffi::OsStr::new(CACHE_FOLDER)));
    let real_cache = cache.and_then(|c| {
        let plain = fs::symlink_metadata(c).is_ok_and(|m| m.is_dir());
        plain.then(|| c.canonicalize().ok()).flatten()
    });
    let plain_file = fs::symlink_metadata(src).is_ok_and(|m| m.is_file());
    if !plain_file || !real_cache.is_some_and(|c| crate::paths::leads_within(&c, src)) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{} is not a plain file of plainsite's cache (a link was put there?); delete the {CACHE_FOLDER} folder and build again",
                src.display()
            ),
        ));
    }
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

/// Whether a folder of plainsite's own is left at `path` from an earlier build:
/// `Ok(false)` when nothing is there, `Ok(true)` for a real folder (to clean
/// with [`clean_owned`]), and an error for anything else there (a symbolic
/// link, a file), which plainsite neither follows nor removes.
pub(super) fn leftover_at(path: &Path) -> Result<bool, Error> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::io("read", path, e)),
    };
    if meta.is_dir() {
        return Ok(true);
    }
    let what = if meta.file_type().is_symlink() {
        "a symbolic link"
    } else {
        "a file"
    };
    Err(Error::usage(
        format!(
            "{} is in the way: plainsite keeps its own folder by that name while it writes the site, and this is {what} it did not make",
            path.display()
        ),
        "move it away or delete it (plainsite will not follow or remove it), then build again",
    ))
}

/// Refuses to write `key` under `dir` (or to remove it) through a folder that
/// is not a real one: a symbolic link the person put where a folder of the
/// site goes would lead the write outside `dir`. Folders not made yet are fine.
pub(super) fn through_real_folders(dir: &Path, key: &str) -> Result<(), Error> {
    let mut at = dir.to_path_buf();
    let parents = Path::new(key)
        .parent()
        .into_iter()
        .flat_map(Path::components);
    for part in parents {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.is_dir() => {}
            Ok(meta) => return Err(not_a_folder(&at, &meta, dir)),
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

/// The error for `at` (whose metadata, not followed, is `meta`), a symbolic link
/// or a file where the site has a folder, inside the output folder `dir`.
/// plainsite writes nothing through it and removes nothing it did not make, so
/// what to do is the person's.
pub(super) fn not_a_folder(at: &Path, meta: &fs::Metadata, dir: &Path) -> Error {
    // `./public/news` is shown as `public/news`.
    let shown = |p: &Path| p.strip_prefix(".").unwrap_or(p).display().to_string();
    let (at, dir) = (shown(at), shown(dir));
    if meta.file_type().is_symlink() {
        Error::usage(
            format!(
                "{at} is a link to another place, which plainsite will not write through (the site has a folder there)"
            ),
            format!("delete {at} (or the whole {dir} folder) and build again"),
        )
    } else {
        Error::usage(
            format!("{at} is a file that plainsite did not make, where the site has a folder"),
            format!(
                "move {at} out of {dir} (it is yours, so plainsite will not replace it), then build again"
            ),
        )
    }
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
    // Only a real folder is walked: a link there would lead the walk to
    // another folder, whose files are not plainsite's to remove.
    if !fs::symlink_metadata(folder).is_ok_and(|m| m.is_dir()) {
        return Err(vec![folder.to_path_buf()]);
    }
    let listed = read_manifest(folder);
    let mut remains = Vec::new();
    let mut dirs = Vec::new();
    // The manifest goes last: a build killed while cleaning must still find
    // in it which of the files left are plainsite's.
    let mut manifests = Vec::new();
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
        if own_manifest {
            manifests.push(path.to_path_buf());
        } else if listed.contains(&rel) || same_file(path, &live.join(&rel)) {
            if fs::remove_file(path).is_err() {
                remains.push(path.to_path_buf());
            }
        } else {
            remains.push(path.to_path_buf());
        }
    }
    for manifest in manifests {
        if fs::remove_file(&manifest).is_err() {
            remains.push(manifest);
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

pub(super) fn same_file(a: &Path, b: &Path) -> bool {
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
