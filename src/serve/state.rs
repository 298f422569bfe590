//! What the server shows, and how one build replaces the last.
//!
//! A `Snapshot` is immutable: the last good `Output`, the errors of the latest
//! build if it failed, and counters that tell open pages whether to reload. Each
//! build makes a new snapshot and the server swaps it in whole (through a
//! `tokio::sync::watch` channel), so a request never sees half a build and no lock
//! is held while a response is sent. Comparing the new `Output` with the old
//! (`compare.rs`) decides whether open pages reload, refresh only their styles,
//! or do nothing. A build may be swapped in twice: early, before the listings
//! an edit changed are drawn (requests for those wait, see
//! [`Snapshot::waiting`]), then whole; open pages are told once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::editor::Editor;
use crate::error::{Diagnostic, Error};
use crate::output::{Output, OutputFile};
use crate::site::{BuildCache, BuildOptions, Early, Stats, build_serving};

use super::compare::{Update, carry_search_index, compare};
use super::pins::{Kept, Pins, pin};
use super::watch::{Change, ChangeKind};

/// What the server shows right now.
#[derive(Debug, Clone, Default)]
pub(crate) struct Snapshot {
    /// The last good build (empty until one succeeds).
    pub(crate) output: Arc<Output>,
    /// The errors of the latest build, when it failed.
    pub(crate) errors: Option<Arc<Vec<Diagnostic>>>,
    /// Counts the builds that changed what pages show.
    pub(crate) generation: u64,
    /// The last generation after which pages must reload (not just restyle).
    pub(crate) reload_generation: u64,
    /// The warnings of the last good build.
    pub(crate) warnings: Arc<Vec<Diagnostic>>,
    /// The source file of each page of the last good build, by HTML key.
    pub(crate) sources: Arc<std::collections::HashMap<String, PathBuf>>,
    /// The editor the panels link to: `--editor`, else `editor:` in site.yaml.
    pub(crate) editor: Option<Editor>,
    /// The search index of `output` is still the last build's: the new one is
    /// being made (see [`Session::finish_search`]); requests for it wait.
    pub(crate) search_pending: bool,
    /// The build is still drawing these files (listings that changed because
    /// an edited page did): `output` holds their last bytes, and requests for
    /// them wait for the build to end. See [`crate::site::build_serving`].
    pub(crate) waiting: Option<Arc<rustc_hash::FxHashSet<String>>>,
    /// The real path of each file `output` copies, as it was when that output was
    /// made: a copied file is served only from there, so a link changed while later
    /// builds fail cannot lead to another file of the site (`site.yaml`, a draft).
    pub(crate) copied: Arc<Pins>,
}

impl Snapshot {
    /// The warnings of the last good build about the page served at `key`, with
    /// its source file.
    pub(crate) fn page_warnings(&self, key: &str) -> Option<(&Path, Vec<&Diagnostic>)> {
        let file = self.sources.get(key)?;
        let found = self.warnings.iter().filter(|d| d.file == *file).collect();
        Some((file.as_path(), found))
    }
}

/// The outcome of one build, for the terminal.
#[derive(Debug)]
pub enum Outcome {
    /// The build worked.
    Built {
        /// Figures about it.
        stats: Stats,
        /// Its warnings.
        warnings: Vec<Diagnostic>,
        /// What open pages were told to do.
        update: Update,
    },
    /// The build failed; the last good pages stay served.
    Failed(Error),
    /// Only stylesheets the site already had were saved: no build was needed, and
    /// open pages refreshed their styles.
    Restyled,
}

/// The parts of a good build the server keeps.
struct Good {
    output: Output,
    stats: Stats,
    warnings: Vec<Diagnostic>,
    sources: Arc<std::collections::HashMap<String, PathBuf>>,
    editor: Option<Editor>,
}

/// Runs builds and turns each into the next snapshot.
pub(crate) struct Session {
    options: BuildOptions,
    /// `serve --editor`, which wins over `site.yaml`.
    editor: Option<Editor>,
    current: Snapshot,
    /// What the last good build keeps for the next one.
    cache: BuildCache,
    /// Output paths of the last index that `output` carries while the new index is
    /// made, as the new build did not make them itself.
    carried: Vec<String>,
    /// Every change since the snapshot's copied files were pinned will be in
    /// the next build's list (see [`Kept`]): false after a failed build, a
    /// change the watcher lost, or a stylesheet saved without a build.
    pins_hold: bool,
}

impl Session {
    pub(crate) fn new(options: BuildOptions, editor: Option<Editor>) -> Self {
        Session {
            options,
            editor,
            current: Snapshot::default(),
            cache: BuildCache::default(),
            carried: Vec::new(),
            pins_hold: false,
        }
    }

    /// Leaves the search index out of this session's builds: each build's pages
    /// are served first, with the last index, and [`Session::finish_search`]
    /// makes the new index (requests for it wait until then).
    pub(crate) fn defer_search(&mut self) {
        self.cache.defer_search_index();
    }

    /// Makes the search index the last build left, and puts it in the snapshot
    /// in place of the last one. True when there was one to make. Pages do not
    /// show the index, and a build that changes it changes a page too, so open
    /// pages were already told to reload.
    pub(crate) fn finish_search(&mut self) -> bool {
        let cache = &mut self.cache;
        let made = crate::site::background::run(|| cache.finish_search_index());
        let Some(files) = made else {
            return false;
        };
        let mut output = (*self.current.output).clone();
        for path in self.carried.drain(..) {
            output.remove(&path);
        }
        for (path, bytes) in files {
            output.insert(path, OutputFile::Bytes(bytes));
        }
        self.current.output = Arc::new(output);
        self.current.search_pending = false;
        true
    }

    /// Leaves image work out of this session's builds (see
    /// [`BuildCache::defer_images`]); the returned handle has what they left.
    pub(crate) fn defer_images(&mut self) -> crate::images::Deferral {
        self.cache.defer_images()
    }

    /// The snapshot to serve.
    pub(crate) fn snapshot(&self) -> &Snapshot {
        &self.current
    }

    /// Builds the whole site again, in memory, and works out what changed given the
    /// source files that were `touched`. `complete` says that `touched` names every
    /// file changed since the last build (false after the watcher lost track).
    ///
    /// When the build draws some files last (see [`crate::site::build_serving`]),
    /// the snapshot is given to `publish` before they are drawn: open pages are
    /// told then, and requests for the files still drawn wait for the next
    /// snapshot. The snapshot after the build is not given to `publish`.
    pub(crate) fn rebuild(
        &mut self,
        touched: &[Change],
        complete: bool,
        publish: &mut dyn FnMut(&Snapshot),
    ) -> Outcome {
        if let Some(outcome) = self.restyle_only(touched) {
            return outcome;
        }
        if complete {
            self.cache
                .set_changed(touched.iter().map(|c| c.path.clone()).collect());
        }
        let editor = self.editor;
        let kept = if complete && self.pins_hold {
            Kept::Unless(touched)
        } else {
            Kept::None
        };
        let carried_before = std::mem::take(&mut self.carried);
        // The index the last build left, when it was not made yet (another change
        // came first): a good build leaves its own, a failed one empties the
        // cache, and the pages served then still need this one.
        let unmade = self.cache.pending_search.take();
        let before = self.current.clone();
        let mut told = None;
        let root = &self.options.root;
        let current = &mut self.current;
        let mut early = |e: Early<'_>| {
            let update = show_early(current, e, editor, root, touched, kept);
            told = Some(update);
            publish(current);
        };
        let built = build_serving(&self.options, &mut self.cache, Some(&mut early));
        let result = built.map(|mut b| {
            if self.cache.pending_search.is_some() {
                // Serve the last index until the new one is made, so that comparing
                // the builds sees only what the new build itself changed.
                self.carried = carry_search_index(&self.current.output, &mut b.output);
            }
            b
        });
        if result.is_err() {
            self.carried = carried_before;
            self.cache.pending_search = unmade;
            if told.is_some() {
                // What was shown early is not a good build: back to the last one.
                self.current = Snapshot {
                    generation: self.current.generation,
                    reload_generation: self.current.reload_generation,
                    ..before
                };
            }
        }
        let result = result.map(|b| Good {
            output: b.output,
            stats: b.stats,
            warnings: b.diagnostics,
            sources: b.sources,
            editor: editor.or(b.config.editor),
        });
        let outcome = self.apply(result, touched, kept, told);
        self.pins_hold = matches!(outcome, Outcome::Built { .. });
        outcome
    }

    /// A saved stylesheet that the output already copies, with nothing else
    /// changed, leaves every output entry as it was (a copied file is read when it
    /// is requested, and no page includes a stylesheet's content), so the build is
    /// skipped and pages only refresh their styles.
    fn restyle_only(&mut self, touched: &[Change]) -> Option<Outcome> {
        if touched.is_empty()
            || touched.iter().any(|c| c.kind != ChangeKind::Css)
            || self.current.errors.is_some()
            || self.current.generation == 0
        {
            return None;
        }
        let root = &self.options.root;
        let copied: std::collections::HashSet<&Path> = self
            .current
            .output
            .iter()
            .filter_map(|(_, file)| match file {
                OutputFile::Copy(source) => Some(source.strip_prefix(root).unwrap_or(source)),
                _ => None,
            })
            .collect();
        let all_restyles = touched.iter().all(|c| {
            c.kind == ChangeKind::Css
                && copied.contains(c.path.as_path())
                && root.join(&c.path).is_file()
        });
        if !all_restyles {
            return None;
        }
        // No build is told of these files: the next one looks up every copied
        // file's real path, and walks `static/`, again.
        self.pins_hold = false;
        self.cache.forget_static_walk();
        let next_generation = self.current.generation + 1;
        self.bump(Update::Css, next_generation);
        Some(Outcome::Restyled)
    }

    /// Puts a build's result in the snapshot. `told` is what open pages were
    /// told when the build was shown early (see [`Session::rebuild`]): they
    /// reloaded then, and waited for what the build drew after, so they are
    /// told again only if the warnings changed since.
    fn apply(
        &mut self,
        result: Result<Good, Error>,
        touched: &[Change],
        kept: Kept<'_>,
        told: Option<Update>,
    ) -> Outcome {
        let next_generation = self.current.generation + 1;
        self.current.waiting = None;
        match (result, told) {
            (Ok(built), Some(update)) => {
                if *self.current.warnings != built.warnings {
                    self.bump(Update::Reload, next_generation);
                }
                // Pinned when shown early, in this build: nothing changed since.
                let root = &self.options.root;
                serve_output(&mut self.current, built.output, root, Kept::Unless(&[]));
                self.current.warnings = Arc::new(built.warnings.clone());
                self.current.search_pending = self.cache.pending_search.is_some();
                Outcome::Built {
                    stats: built.stats,
                    warnings: built.warnings,
                    update,
                }
            }
            (Ok(built), None) => {
                let update = update_for(
                    &self.current,
                    &built.output,
                    &built.warnings,
                    &self.options.root,
                    touched,
                );
                serve_output(&mut self.current, built.output, &self.options.root, kept);
                self.current.errors = None;
                self.current.warnings = Arc::new(built.warnings.clone());
                self.current.sources = built.sources;
                self.current.editor = built.editor;
                self.current.search_pending = self.cache.pending_search.is_some();
                self.bump(update, next_generation);
                Outcome::Built {
                    stats: built.stats,
                    warnings: built.warnings,
                    update,
                }
            }
            (Err(error), _) => {
                let diagnostics = match &error {
                    Error::Site(d) => d.clone(),
                    other => vec![Diagnostic::error(
                        crate::rules::BUILD,
                        Path::new("site.yaml"),
                        other.to_string(),
                    )],
                };
                let same = self
                    .current
                    .errors
                    .as_deref()
                    .is_some_and(|old| *old == diagnostics);
                if !same {
                    self.current.errors = Some(Arc::new(diagnostics));
                    self.bump(Update::Reload, next_generation);
                }
                Outcome::Failed(error)
            }
        }
    }

    fn bump(&mut self, update: Update, next_generation: u64) {
        bump(&mut self.current, update, next_generation);
    }
}

fn bump(current: &mut Snapshot, update: Update, next_generation: u64) {
    match update {
        Update::Nothing => {}
        Update::Css => current.generation = next_generation,
        Update::Reload => {
            current.generation = next_generation;
            current.reload_generation = next_generation;
        }
    }
}

/// What open pages are told when `output`, with `warnings`, replaces what
/// `current` serves: a reload after an error page or on the first build,
/// else what [`compare`] finds, and a reload for the same pages with other
/// findings (a review date passed).
fn update_for(
    current: &Snapshot,
    output: &Output,
    warnings: &[Diagnostic],
    root: &Path,
    touched: &[Change],
) -> Update {
    if current.errors.is_some() || current.generation == 0 {
        return Update::Reload;
    }
    match compare(&current.output, output, root, touched) {
        Update::Nothing if *current.warnings != warnings => Update::Reload,
        update => update,
    }
}

/// Makes `current` the build shown early (see [`Session::rebuild`]): its
/// output with the last search index (the new one is made after the build),
/// and the files still drawn marked as waited for. Returns what open pages are
/// told.
fn show_early(
    current: &mut Snapshot,
    early: Early<'_>,
    editor: Option<Editor>,
    root: &Path,
    touched: &[Change],
    kept: Kept<'_>,
) -> Update {
    let mut output = early.output.clone();
    carry_search_index(&current.output, &mut output);
    let update = update_for(current, &output, early.diagnostics, root, touched);
    let next_generation = current.generation + 1;
    serve_output(current, output, root, kept);
    current.errors = None;
    current.warnings = Arc::new(early.diagnostics.to_vec());
    current.sources = early.sources.clone();
    current.editor = editor.or(early.config.editor);
    current.search_pending = true;
    current.waiting = Some(Arc::new(early.waiting.into_iter().collect()));
    bump(current, update, next_generation);
    update
}

/// Makes `output` the one `current` serves, with the real path of each file it
/// copies: kept from `current` where `kept` says it holds, else found now (a
/// file that cannot be found then is not served).
fn serve_output(current: &mut Snapshot, output: Output, root: &Path, kept: Kept<'_>) {
    current.copied = Arc::new(pin(&output, &current.output, &current.copied, root, kept));
    current.output = Arc::new(output);
}

#[cfg(test)]
pub(super) mod tests;
