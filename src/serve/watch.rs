//! Watching the site's files: what a changed path means, and the debounced watcher.
//!
//! `classify` is pure: it turns a path relative to the site root into a
//! `ChangeKind`, ignoring editor temporary, swap and backup files. The watcher
//! (notify, through notify-debouncer-full) only reports; it never builds. Native
//! events are used unless `--poll` asks for polling, which works on network and
//! synced drives where native events go missing. This is the only module that
//! knows about notify.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, SystemTime};

use notify_debouncer_full::notify::event::{MetadataKind, ModifyKind};
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, new_debouncer_opt};

/// The folders under the site root that hold the site's sources.
pub const SOURCE_DIRS: [&str; 7] = [
    "content",
    "data",
    "static",
    "themes",
    "templates",
    "shortcodes",
    "i18n",
];

/// The settings file, watched on its own.
pub const CONFIG_FILE: &str = "site.yaml";

/// What a changed path means for the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// Not part of the site (editor temporary files, dotfiles, `public/`).
    Ignore,
    /// A stylesheet under `static/` or a theme's `static/`: the browser can refresh
    /// its styles without reloading the page.
    Css,
    /// A page, section or page-bundle file under `content/`.
    Content,
    /// A template or shortcode (a theme's or the site's own).
    Template,
    /// `site.yaml`.
    Config,
    /// A file under `data/`.
    Data,
    /// Any other file copied to the output as it is.
    Static,
}

/// Decides what a change to `path` (relative to the site root) means.
pub fn classify(path: &Path) -> ChangeKind {
    let parts: Vec<&str> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    let Some((name, _)) = parts.split_last() else {
        return ChangeKind::Ignore;
    };
    if parts.len() != path.components().count() || parts.iter().any(|p| is_ignored(p)) {
        // Not valid UTF-8, not plainly relative, or not a site file (the same rule
        // the build's walkers use: dotfiles but `.well-known`, editor litter).
        return ChangeKind::Ignore;
    }
    let is_css = name.ends_with(".css");
    match parts.as_slice() {
        [CONFIG_FILE] => ChangeKind::Config,
        ["content", ..] => ChangeKind::Content,
        ["data", ..] => ChangeKind::Data,
        ["static", ..] if is_css => ChangeKind::Css,
        ["static", ..] => ChangeKind::Static,
        ["themes", _, "static", ..] if is_css => ChangeKind::Css,
        ["themes", _, "static", ..] => ChangeKind::Static,
        ["themes", ..] | ["templates", ..] | ["shortcodes", ..] | ["i18n", ..] => {
            ChangeKind::Template
        }
        _ => ChangeKind::Ignore,
    }
}

use crate::paths::is_ignored;

/// True when `path` (relative to the site root) has a name that is not UTF-8
/// but would otherwise be a site file: [`classify`] ignores it, yet a full build
/// stops at it with a message to rename it. The watcher asks for a full build
/// then, so that message reaches the preview at once rather than at the next
/// restart.
pub fn needs_walk(path: &Path) -> bool {
    let unreadable = path
        .components()
        .any(|c| matches!(c, Component::Normal(s) if s.to_str().is_none()));
    unreadable && classify(Path::new(&*path.to_string_lossy())) != ChangeKind::Ignore
}

/// A change the watcher saw: a path relative to the site root, and what it means.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// The path, relative to the site root.
    pub path: PathBuf,
    /// What it means.
    pub kind: ChangeKind,
}

/// What the watcher sends: changes worth a rebuild, or a problem with watching.
#[derive(Debug)]
pub(crate) enum Notice {
    /// Changed source files (never empty).
    Changed(Vec<Change>),
    /// The watcher lost track (for example too many events); rebuild everything.
    Rescan,
    /// Watching failed for a path.
    Trouble(String),
    /// The server is stopping (sent by the server, not the watcher).
    Stop,
}

/// True for events that change files; false for reads (a build opening every
/// file must not start another build).
fn is_change(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

/// How long the watcher waits for a burst of events (an editor's save) to settle.
/// An editor's save (write, or write a new file and rename it over the old) sends
/// its events within a millisecond; a change that comes later is simply built
/// again, as every build starts from what is on disk. Each event is sent once it
/// is this old, at the next tick: a save waits `SETTLE` plus half a `TICK` on
/// average before its build starts (6 ms with 5 and 2; 2.5 ms now).
const SETTLE: Duration = Duration::from_millis(2);
/// How often the debouncer looks for settled events.
const TICK: Duration = Duration::from_millis(1);
/// How often `--poll` looks at every file.
const POLL_EVERY: Duration = Duration::from_millis(500);

enum Inner {
    Native(Debouncer<RecommendedWatcher, NoCache>),
    /// Held for its `Drop`, which stops the polling thread.
    Poll {
        _poller: Poller,
    },
}

/// Watches a site's sources and sends `Notice`s.
pub(crate) struct Watcher {
    inner: Inner,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching the site at `root` (canonical), sending to `tx`.
    pub(crate) fn start(root: &Path, poll: bool, tx: Sender<Notice>) -> Result<Self, String> {
        if poll {
            // notify's PollWatcher compares modification times in whole seconds, so
            // a second save within the same second would be missed; this poller
            // compares exact times and sizes.
            return Ok(Watcher {
                inner: Inner::Poll {
                    _poller: Poller::start(root, tx)?,
                },
                root: root.to_path_buf(),
                watched: Vec::new(),
            });
        }
        let base = root.to_path_buf();
        let handler = move |result: DebounceEventResult| match result {
            Ok(events) => {
                if events.iter().any(|e| e.need_rescan()) {
                    let _ = tx.send(Notice::Rescan);
                    return;
                }
                let paths = events
                    .iter()
                    .filter(|e| is_change(&e.kind))
                    .flat_map(|e| e.paths.iter())
                    .filter_map(|p| p.strip_prefix(&base).ok());
                if paths.clone().any(needs_walk) {
                    let _ = tx.send(Notice::Rescan);
                    return;
                }
                let mut changes: Vec<Change> = paths
                    .map(|rel| Change {
                        path: rel.to_path_buf(),
                        kind: classify(rel),
                    })
                    .filter(|c| c.kind != ChangeKind::Ignore)
                    .collect();
                changes.sort();
                changes.dedup();
                if !changes.is_empty() {
                    let _ = tx.send(Notice::Changed(changes));
                }
            }
            Err(errors) => {
                for e in errors {
                    let _ = tx.send(Notice::Trouble(e.to_string()));
                }
            }
        };
        let inner = Inner::Native(
            new_debouncer_opt(
                SETTLE,
                Some(TICK),
                handler,
                NoCache,
                notify::Config::default(),
            )
            .map_err(|e| e.to_string())?,
        );
        let mut watcher = Watcher {
            inner,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        // The root itself, not recursively: site.yaml, and source folders that
        // appear later.
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        watcher.watch_new_folders();
        Ok(watcher)
    }

    /// Starts watching source folders that exist now but were not watched yet
    /// (a `static/` folder made after `serve` started). Returns problems.
    pub(crate) fn watch_new_folders(&mut self) -> Vec<String> {
        if matches!(self.inner, Inner::Poll { .. }) {
            return Vec::new();
        }
        let mut trouble = Vec::new();
        for dir in SOURCE_DIRS {
            let path = self.root.join(dir);
            let exists = path.is_dir();
            let known = self.watched.contains(&path);
            if exists && !known {
                if let Err(e) = self.watch(&path, RecursiveMode::Recursive) {
                    trouble.push(format!("cannot watch {}: {e}", path.display()));
                }
            } else if !exists && known {
                // The folder went; forget it so it is watched again if it returns.
                self.watched.retain(|p| p != &path);
                if let Inner::Native(d) = &mut self.inner {
                    let _ = d.unwatch(&path);
                }
            }
        }
        trouble
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        if let Inner::Native(d) = &mut self.inner {
            d.watch(path, mode)?;
        }
        self.watched.push(path.to_path_buf());
        Ok(())
    }
}

/// Looks at every source file's modification time and size every `POLL_EVERY`.
struct Poller {
    stop: Arc<AtomicBool>,
}

/// What the poller knows about one file.
type Seen = BTreeMap<PathBuf, (Option<SystemTime>, u64)>;

impl Poller {
    fn start(root: &Path, tx: Sender<Notice>) -> Result<Self, String> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let root = root.to_path_buf();
        let mut seen = scan(&root);
        std::thread::Builder::new()
            .name("plainsite-poll".into())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    std::thread::sleep(POLL_EVERY);
                    let now = scan(&root);
                    let mut changes = differences(&seen, &now);
                    seen = now;
                    let notice = if changes.iter().any(|c| needs_walk(&c.path)) {
                        Notice::Rescan
                    } else {
                        changes.retain(|c| c.kind != ChangeKind::Ignore);
                        Notice::Changed(changes)
                    };
                    let empty = matches!(&notice, Notice::Changed(c) if c.is_empty());
                    if !empty && tx.send(notice).is_err() {
                        break;
                    }
                }
            })
            .map_err(|e| e.to_string())?;
        Ok(Poller { stop })
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn scan(root: &Path) -> Seen {
    let mut seen = Seen::new();
    let config = root.join(CONFIG_FILE);
    let dirs = SOURCE_DIRS.iter().map(|d| root.join(d));
    for entry in std::iter::once(config)
        .chain(dirs)
        .flat_map(|p| walkdir::WalkDir::new(p).follow_links(true))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        if classify(rel) == ChangeKind::Ignore && !needs_walk(rel) {
            continue;
        }
        let meta = entry.metadata().ok();
        let modified = meta.as_ref().and_then(|m| m.modified().ok());
        let len = meta.map_or(0, |m| m.len());
        seen.insert(rel.to_path_buf(), (modified, len));
    }
    seen
}

/// Files added, removed or changed between two scans.
fn differences(old: &Seen, new: &Seen) -> Vec<Change> {
    let changed = new.iter().filter(|(p, v)| old.get(*p) != Some(v));
    let removed = old.iter().filter(|(p, _)| !new.contains_key(*p));
    changed
        .chain(removed)
        .map(|(p, _)| Change {
            path: p.clone(),
            kind: classify(p),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(p: &str) -> ChangeKind {
        classify(Path::new(p))
    }

    #[test]
    fn sorts_source_files_by_what_they_affect() {
        assert_eq!(kind("site.yaml"), ChangeKind::Config);
        assert_eq!(kind("content/briefings/neglect.md"), ChangeKind::Content);
        assert_eq!(
            kind("content/briefings/neglect/photo.jpg"),
            ChangeKind::Content
        );
        assert_eq!(kind("data/glossary.yaml"), ChangeKind::Data);
        assert_eq!(kind("static/logo.png"), ChangeKind::Static);
        assert_eq!(
            kind("themes/default/templates/page.html"),
            ChangeKind::Template
        );
        assert_eq!(kind("templates/page.html"), ChangeKind::Template);
        assert_eq!(kind("shortcodes/figure.html"), ChangeKind::Template);
        assert_eq!(kind("i18n/pl.yaml"), ChangeKind::Template);
        assert_eq!(kind("themes/default/static/img/x.svg"), ChangeKind::Static);
    }

    #[test]
    fn knows_a_stylesheet_change_needs_no_reload() {
        assert_eq!(kind("static/css/extra.css"), ChangeKind::Css);
        assert_eq!(kind("themes/default/static/css/site.css"), ChangeKind::Css);
        assert_eq!(kind("content/styles.css"), ChangeKind::Content);
        assert_eq!(kind("themes/default/templates/x.css"), ChangeKind::Template);
    }

    #[test]
    fn ignores_editor_temporary_swap_and_backup_files() {
        for p in [
            "content/page.md~",
            "content/.page.md.swp",
            "content/page.md.swp",
            "content/page.md.swx",
            "content/#page.md#",
            "content/.#page.md",
            "content/4913",
            "content/page.md.tmp",
            "content/page.md.bak",
            "content/page.md___jb_tmp___",
            "static/.DS_Store",
            "content/.git/config",
            ".git/index",
        ] {
            assert_eq!(kind(p), ChangeKind::Ignore, "{p}");
        }
    }

    #[test]
    fn ignores_files_outside_the_sources() {
        for p in [
            "public/index.html",
            "target/debug/plainsite",
            "README.md",
            "",
            "/etc/passwd",
            "../content/x.md",
        ] {
            assert_eq!(kind(p), ChangeKind::Ignore, "{p}");
        }
    }

    #[test]
    fn a_site_file_named_in_bytes_that_are_not_utf8_needs_a_walk() {
        use std::os::unix::ffi::OsStrExt;
        let odd = |bytes: &[u8]| PathBuf::from(std::ffi::OsStr::from_bytes(bytes));
        for path in [
            &b"content/a\xff.md"[..],
            b"content/\xfe/index.md",
            b"static/docs/\xff.pdf",
            b"data/\xff.yaml",
            b"themes/\xff/templates/page.html",
        ] {
            assert!(needs_walk(&odd(path)), "{}", odd(path).display());
            assert_eq!(classify(&odd(path)), ChangeKind::Ignore);
        }
        // Outside the sources, litter, or plain UTF-8: no walk.
        for path in [
            &b"public/\xff.html"[..],
            b"\xff.md",
            b"content/.\xff.swp",
            b"content/a.md",
            b"",
        ] {
            assert!(!needs_walk(&odd(path)), "{}", odd(path).display());
        }
    }

    #[test]
    fn polling_sees_files_added_changed_and_removed() {
        let at = |secs| Some(SystemTime::UNIX_EPOCH + Duration::from_nanos(secs));
        let old: Seen = [
            (PathBuf::from("content/a.md"), (at(1), 10)),
            (PathBuf::from("content/b.md"), (at(1), 10)),
            (PathBuf::from("static/x.css"), (at(1), 10)),
        ]
        .into();
        let new: Seen = [
            (PathBuf::from("content/a.md"), (at(1), 10)),
            (PathBuf::from("content/c.md"), (at(1), 10)),
            (PathBuf::from("static/x.css"), (at(2), 10)),
        ]
        .into();
        let paths: Vec<String> = differences(&old, &new)
            .iter()
            .map(|c| c.path.display().to_string())
            .collect();
        assert_eq!(paths, ["content/c.md", "static/x.css", "content/b.md"]);
    }

    #[test]
    fn well_known_files_are_site_files_as_in_the_build() {
        assert_eq!(kind("static/.well-known/security.txt"), ChangeKind::Static);
        assert_eq!(kind("static/.hidden/key"), ChangeKind::Ignore);
        assert_eq!(kind("static/x.css~"), ChangeKind::Ignore);
    }

    #[test]
    fn keeps_names_that_only_look_like_litter() {
        assert_eq!(kind("content/c#.md"), ChangeKind::Content);
        assert_eq!(kind("content/#"), ChangeKind::Content);
        assert_eq!(kind("content/4913.md"), ChangeKind::Content);
    }
}
