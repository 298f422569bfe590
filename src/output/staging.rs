//! Writing pages while the site is built: `plainsite build` makes the staging
//! folder of the staged write (`.plainsite-staging-<name>`, see `write.rs`) before
//! it renders, and puts each HTML file into it as soon as it is rendered, so the
//! pages' HTML is not all held in memory until the end.
//!
//! Part of `output`. [`Staging::begin`] makes the folder only after every check
//! the staged write makes before writing (leftovers cleaned, the output folder
//! plainsite's or empty, not a mount point); where one fails it makes nothing and
//! the build goes on in memory, so the write at the end refuses as it always did.
//! Each file's path is appended to the folder's manifest before the file is
//! written, so a build killed at any moment leaves a staging folder the next
//! build can clean (`pieces::clean_owned`). [`Staging::write`] ends the write as
//! `Output::write_to` does (the person's files carried in, then the swap); a
//! [`Staging`] dropped without it (a failed build) removes the folder, so the last
//! good site is left as it was. It never writes into the output folder itself.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::Error;

use super::Output;
use super::folder::{self, MANIFEST, MANIFEST_HEADER};
use super::pieces::{clean_owned, leftover_at};
use super::spill::Spill;

/// The scratch file's name in the staging folder (see [`Staging::spill`]).
const SPILL: &str = ".plainsite-spill";

/// A staging folder made before the build, that rendered files are written into.
#[derive(Debug)]
pub struct Staging {
    /// The output folder.
    dir: PathBuf,
    /// The staging folder beside it.
    staging: PathBuf,
    /// Files in the output folder that are the person's: never staged, so that
    /// the write at the end names the clash.
    theirs: HashSet<String>,
    /// The staging folder's manifest, appended to before each file is written.
    manifest: Mutex<fs::File>,
    /// Every path written, so a file the output no longer holds can go.
    staged: Mutex<Vec<String>>,
}

impl Staging {
    /// Makes the staging folder for the output folder `dir`, after the checks
    /// the write makes before it writes anything. `None` where one fails or the
    /// folder cannot be made: the build then holds every file in memory, and the
    /// write at the end refuses or writes as it would have.
    pub fn begin(dir: &Path) -> Option<Staging> {
        let (parent, name) = super::write::split_dir(dir).ok()?;
        let staging = parent.join(format!(".plainsite-staging-{name}"));
        let old = parent.join(format!(".plainsite-old-{name}"));
        // Anything in the way is named by the write at the end.
        let mut found = Vec::new();
        for leftover in [&staging, &old] {
            if leftover_at(leftover).ok()? {
                found.push(leftover);
            }
        }
        for leftover in found {
            clean_owned(leftover, dir).ok()?;
        }
        let existing = folder::inspect(dir).ok()?;
        if existing.mount_point {
            return None;
        }
        fs::create_dir_all(&parent).ok()?;
        fs::create_dir(&staging).ok()?;
        let made = fs::OpenOptions::new()
            .append(true)
            .create_new(true)
            .open(staging.join(MANIFEST))
            .and_then(|mut f| writeln!(f, "{MANIFEST_HEADER}").map(|()| f));
        let Ok(manifest) = made else {
            let _ = clean_owned(&staging, dir);
            return None;
        };
        Some(Staging {
            dir: dir.to_path_buf(),
            staging,
            theirs: existing.theirs.into_iter().collect(),
            manifest: Mutex::new(manifest),
            staged: Mutex::new(Vec::new()),
        })
    }

    /// Writes `bytes` as the file `path` of the site into the staging folder, its
    /// path appended to the manifest first. Returns where it was written, or
    /// `None` (nothing written; keep the bytes) for a path the output would
    /// refuse, a path of one of the person's files, or a failed write.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Option<PathBuf> {
        if crate::paths::check_key(path).is_err() || self.theirs.contains(path) {
            return None;
        }
        let to = self.staging.join(path);
        {
            let mut manifest = self.manifest.lock().ok()?;
            manifest.write_all(format!("{path}\n").as_bytes()).ok()?;
        }
        if let Ok(mut staged) = self.staged.lock() {
            staged.push(path.to_owned());
        }
        to.parent().map_or(Ok(()), fs::create_dir_all).ok()?;
        fs::write(&to, bytes).ok()?;
        Some(to)
    }

    /// A scratch file in the staging folder for text the build reads back later
    /// (see [`Spill`]), its name listed in the manifest before it is made and
    /// gone from the folder once it is open. `None` where it cannot be made.
    pub fn spill(&self) -> Option<Spill> {
        {
            let mut manifest = self.manifest.lock().ok()?;
            manifest.write_all(format!("{SPILL}\n").as_bytes()).ok()?;
        }
        Spill::create(&self.staging.join(SPILL))
    }

    /// The staging folder.
    pub fn folder(&self) -> &Path {
        &self.staging
    }

    /// Writes `output` to the output folder as [`Output::write_to`] does, taking
    /// the files already staged as they are (the output names them as copies of
    /// the staged files). The staging folder is gone afterwards, good write or not.
    pub fn write(mut self, output: &Output) -> Result<Vec<String>, Error> {
        let staged = std::mem::take(self.staged.get_mut().unwrap_or_else(|e| e.into_inner()));
        for path in staged.iter().filter(|p| !output.contains(p)) {
            let _ = fs::remove_file(self.staging.join(path));
        }
        super::write::write_site_staged(output, &self.dir, true)
    }
}

impl Drop for Staging {
    /// Removes what is left of the staging folder: all of it after a failed build
    /// or write, nothing after a good write (the folder became the site).
    fn drop(&mut self) {
        if fs::symlink_metadata(&self.staging).is_ok() {
            let _ = clean_owned(&self.staging, &self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_each_file_before_writing_it_and_is_removed_when_dropped() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        let staging = Staging::begin(&public).expect("made");
        let folder = staging.folder().to_path_buf();
        assert_eq!(folder, tmp.path().join(".plainsite-staging-public"));
        let to = staging.put("a/b/index.html", b"page").expect("staged");
        assert_eq!(fs::read(&to).expect("written"), b"page");
        for hostile in ["../escape.html", "/etc/x", "", "a/../../b"] {
            assert!(staging.put(hostile, b"x").is_none(), "{hostile:?}");
        }
        let manifest = fs::read_to_string(folder.join(MANIFEST)).expect("manifest");
        assert_eq!(manifest, format!("{MANIFEST_HEADER}\na/b/index.html\n"));
        assert!(!tmp.path().join("escape.html").exists());
        let spill = staging.spill().expect("a scratch file");
        let text = spill.put("<p>kept aside</p>").expect("put");
        assert_eq!(spill.get(text).expect("read"), "<p>kept aside</p>");
        assert!(!folder.join(SPILL).exists(), "never part of the site");
        drop(staging);
        assert!(!folder.exists());
        assert!(
            !public.exists(),
            "the output folder is never made or touched"
        );
    }

    #[test]
    fn makes_nothing_where_the_write_would_refuse() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        fs::create_dir_all(&public).expect("mkdir");
        fs::write(public.join("notes.txt"), "mine").expect("write");
        assert!(Staging::begin(&public).is_none());
        let names: Vec<_> = fs::read_dir(tmp.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
        // A leftover holding a file plainsite did not list is not removed either.
        let left = tmp.path().join(".plainsite-staging-other");
        fs::create_dir_all(&left).expect("mkdir");
        fs::write(left.join("notes.txt"), "mine").expect("write");
        assert!(Staging::begin(&tmp.path().join("other")).is_none());
        assert!(left.join("notes.txt").is_file());
    }

    #[test]
    fn never_stages_a_persons_file() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        fs::create_dir_all(&public).expect("mkdir");
        fs::write(public.join(MANIFEST), format!("{MANIFEST_HEADER}\n")).expect("write");
        fs::write(public.join("mine.html"), "mine").expect("write");
        let staging = Staging::begin(&public).expect("made");
        assert!(staging.put("mine.html", b"page").is_none());
        assert!(staging.put("index.html", b"page").is_some());
    }
}
