//! The change-tracking cache of content loading: what one load keeps for the
//! next (each Markdown file's stamp and page, and the listing of `content/`), so
//! that `serve` rereads only the files that changed.
//!
//! Part of `content`; it reads file metadata, never file contents.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use super::walk::Listing;
use super::{NotBuilt, Page};

/// A new page revision, never given before in this process.
pub(super) fn next_revision() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// What a file looked like on disk: enough to tell that it has not been written
/// since it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub(super) len: u64,
    pub(super) modified: Option<SystemTime>,
    /// Inode and status-change time (nanoseconds), where the system has them: a
    /// save that renames a new file over the old one changes both.
    pub(super) inode: u64,
    pub(super) changed: i64,
}

impl Stamp {
    pub(super) fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (inode, changed) = {
            use std::os::unix::fs::MetadataExt;
            (
                meta.ino(),
                meta.ctime()
                    .saturating_mul(1_000_000_000)
                    .saturating_add(meta.ctime_nsec()),
            )
        };
        #[cfg(not(unix))]
        let (inode, changed) = (0, 0);
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
            changed,
        }
    }
}

/// A Markdown file as the last load left it.
#[derive(Debug)]
pub(super) struct KeptFile {
    pub(super) stamp: Stamp,
    /// When the file was read; its text is trusted again only if it was last
    /// modified well before this (see [`KeptFile::still_valid`]).
    pub(super) read_at: SystemTime,
    /// A draft, left out.
    pub(super) draft: bool,
    /// The page, between builds (taken out while a build uses it).
    pub(super) page: Option<Page>,
}

impl KeptFile {
    /// True when the file on disk, now stamped `now`, is surely the one read. As
    /// with git's index, a file modified less than two seconds before it was read
    /// is read again: on a disk whose clock counts whole seconds (or two, on FAT)
    /// a second save in that time could leave the stamp as it was.
    pub(super) fn still_valid(&self, now: &Stamp) -> bool {
        const SLACK: std::time::Duration = std::time::Duration::from_secs(2);
        *now == self.stamp
            && self
                .stamp
                .modified
                .and_then(|m| m.checked_add(SLACK))
                .is_some_and(|safe| safe < self.read_at)
    }
}

/// What one load keeps for the next, so that reloading a site reads and parses
/// only the Markdown files that changed. Used by `serve` through the build cache.
#[derive(Debug, Default)]
pub struct LoadCache {
    /// `drafts`, `internal`, the taxonomy names and the language codes (the main
    /// one first) the kept pages were read with.
    pub(super) settings: Option<(bool, bool, Vec<String>, Vec<String>)>,
    /// Markdown files by key.
    pub(super) files: HashMap<String, KeptFile>,
    /// Every file the last load found under `content/`.
    pub(super) listing: Option<Listing>,
    /// The files changed since the last load, when the caller knows them.
    pub(super) changed: Option<Vec<PathBuf>>,
    /// The pages of the last build, handed back whole and in its order (see
    /// [`LoadCache::put_back`]); spread into `files` only when a load needs them
    /// one by one.
    pub(super) pages: Vec<Page>,
    /// What the last load found besides its pages, when it found no problem.
    pub(super) last: Option<LastLoad>,
}

/// What a load that found no problem kept besides its pages, so that the next
/// load, told that only some pages' files changed, can assemble the same
/// content again without looking at the other files.
#[derive(Debug)]
pub(super) struct LastLoad {
    /// `Content::left_out`.
    pub(super) left_out: Vec<String>,
    /// `Content::not_built`.
    pub(super) not_built: BTreeMap<String, NotBuilt>,
    /// The non-Markdown files kept (paths relative to `content/`).
    pub(super) assets: Vec<PathBuf>,
}

impl LoadCache {
    /// Hands the pages of a finished build back, for the next load to reuse. They
    /// are kept as they are (no page is looked up here): a load told which files
    /// changed replaces just those pages.
    pub fn put_back(&mut self, pages: Vec<Page>) {
        self.spread();
        self.pages = pages;
    }

    /// Puts each page handed back into its file's entry, for a load that looks at
    /// files one by one.
    pub(super) fn spread(&mut self) {
        for page in std::mem::take(&mut self.pages) {
            if let Some(kept) = self.files.get_mut(&page.key) {
                if !kept.draft && kept.page.is_none() {
                    kept.page = Some(page);
                }
            }
        }
    }

    /// Tells the next load which files changed since the last one (paths relative
    /// to the site root), as a watcher that saw every change knows. Files not named
    /// are then taken as they were, without looking at the disk. Without this, the
    /// next load walks `content/` and looks at every file's stamp.
    pub fn set_changed(&mut self, changed: Vec<PathBuf>) {
        self.changed = Some(changed);
    }

    /// Forgets everything, so the next load reads every file.
    pub fn clear(&mut self) {
        *self = LoadCache::default();
    }
}
