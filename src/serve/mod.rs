//! `serve`: a live preview of the site in the browser.
//!
//! ```text
//! watcher (notify, debounced) → classify → rebuild thread: site::build, in memory
//!   → Snapshot (last good Output, or the errors) swapped in whole
//!   → HTTP (axum) answers from the snapshot; open pages hear `reload` / `css`
//! ```
//!
//! It runs the very same `site::build` as `plainsite build`, with the base URL set to
//! the preview's address, and never writes to `public/`. When a build fails, the
//! last good pages stay served with an error panel at their top listing the
//! problems, and the next good build takes it away by itself; each page also
//! shows its own warnings in a panel (see `panels`). Images are never waited
//! for: a page shows an image missing from the image cache as it is (with its
//! width and height) while a thread makes its variants, and the build that
//! follows shows them (see `images::Deferral`). The edited page comes first:
//! a build is swapped in as soon as everything but the listings it changed is
//! made and checked, open pages are told then, and requests for those listings
//! wait until they are drawn, at low priority (see `site::build_serving` and
//! `site::background`); the search index is made after the build. Like the rest
//! of the library it never prints: it reports `ServeEvent`s to the caller.

mod compare;
mod host;
mod http;
mod panels;
mod pins;
mod problems;
mod routes;
mod state;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use crate::error::{Diagnostic, Error};
use crate::output::Output;
use crate::site::BuildOptions;
use watch::Notice;

pub use compare::Update;
pub use state::Outcome;
pub use watch::{Change, ChangeKind, classify};

/// Settings for `plainsite serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder (holding `site.yaml`).
    pub root: PathBuf,
    /// Include drafts.
    pub drafts: bool,
    /// The address to listen on (127.0.0.1 unless asked otherwise).
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Look at the files every so often instead of relying on the system's events.
    pub poll: bool,
    /// The editor the problem panels link to, over `editor:` in `site.yaml`.
    pub editor: Option<crate::editor::Editor>,
}

/// Something the caller may want to tell the person running `serve`.
#[derive(Debug)]
pub enum ServeEvent {
    /// Files changed; a build is starting.
    Changed(Vec<Change>),
    /// A build finished (the first one too).
    Build(Outcome),
    /// Watching had a problem; the preview goes on.
    WatchTrouble(String),
}

/// Receives `ServeEvent`s, on the rebuild thread.
pub type Reporter = Arc<dyn Fn(ServeEvent) + Send + Sync>;

/// A running preview server. Dropping it stops the server and the watcher.
pub struct Server {
    address: SocketAddr,
    snapshots: tokio::sync::watch::Receiver<state::Snapshot>,
    runtime: Option<tokio::runtime::Runtime>,
    stop: mpsc::Sender<Notice>,
}

impl Server {
    /// Binds the address, builds the site once, starts watching and serving. The
    /// first build's outcome is reported before this returns. A first build with
    /// errors in the site still starts the server, which shows them until they are
    /// fixed; a failure of another kind (no `site.yaml`) is returned.
    pub fn start(options: &ServeOptions, report: Reporter) -> Result<Server, Error> {
        let root = options
            .root
            .canonicalize()
            .map_err(|e| Error::io("find the site folder", &options.root, e))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("plainsite-serve")
            .enable_all()
            .build()
            .map_err(|e| Error::io("start the preview server in", &root, e))?;
        let wanted = SocketAddr::new(options.bind, options.port);
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(wanted))
            .map_err(|e| {
                Error::usage(
                    format!("cannot listen on {wanted}: {e}"),
                    "another program may be using that port; try `--port 0` to pick a free one, or another `--port`",
                )
            })?;
        let address = listener
            .local_addr()
            .map_err(|e| Error::io("find the address of", &root, e))?;

        // Watch before the first build, so a save made during it is not missed.
        let (tx, rx) = mpsc::channel::<Notice>();
        let watcher = watch::Watcher::start(&root, options.poll, tx.clone()).map_err(|e| {
            Error::usage(
                format!("cannot watch the site for changes: {e}"),
                "try `--poll`, which looks at the files every half second instead",
            )
        })?;
        let build = BuildOptions {
            root: options.root.clone(),
            drafts: options.drafts,
            base_url: Some(preview_url(address)),
            today: None,
            fingerprint: false,
            // Authors preview everything, their own guide included.
            internal: true,
        };
        let mut session = state::Session::new(build, options.editor);
        let images = session.defer_images();
        session.defer_search();
        let outcome = session.rebuild(&[], false, &mut |_| {});
        session.finish_search();
        match outcome {
            // No site here, or an unreadable one: stop rather than serve nothing.
            Outcome::Failed(error) if !matches!(error, Error::Site(_)) => return Err(error),
            outcome => report(ServeEvent::Build(outcome)),
        }
        let (snapshots_tx, snapshots_rx) = tokio::sync::watch::channel(session.snapshot().clone());
        std::thread::Builder::new()
            .name("plainsite-rebuild".into())
            .spawn({
                // The paths the build gives its images start with this root.
                let root = options.root.clone();
                let tx = tx.clone();
                move || {
                    let images = ImageWork { images, root, tx };
                    rebuild_loop(rx, session, snapshots_tx, watcher, report, images)
                }
            })
            .map_err(|e| Error::io("start watching", &root, e))?;

        let app = http::App {
            snapshots: snapshots_rx.clone(),
            root: Arc::new(root),
        };
        runtime.spawn(async move {
            let router = routes::router(app).layer(axum::middleware::from_fn_with_state(
                address,
                host::only_this_host,
            ));
            let _ = axum::serve(listener, router).await;
        });
        Ok(Server {
            address,
            snapshots: snapshots_rx,
            runtime: Some(runtime),
            stop: tx,
        })
    }

    /// The address the server listens on (with the real port when 0 was asked).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The preview's web address, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> String {
        preview_url(self.address)
    }

    /// The last good build being served (empty if none has worked yet), its
    /// search index and every listing included: waits while those are being made.
    pub fn output(&self) -> Arc<Output> {
        let patience = std::time::Instant::now();
        loop {
            let snapshot = self.snapshots.borrow();
            let ready = !snapshot.search_pending && snapshot.waiting.is_none();
            if ready || patience.elapsed() > Duration::from_secs(30) {
                return snapshot.output.clone();
            }
            drop(snapshot);
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// The errors of the latest build, when it failed.
    pub fn errors(&self) -> Option<Vec<Diagnostic>> {
        self.snapshots.borrow().errors.as_deref().cloned()
    }

    /// Counts the builds that changed what open pages show.
    pub fn generation(&self) -> u64 {
        self.snapshots.borrow().generation
    }

    /// Serves until the process is stopped.
    pub fn wait(mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.block_on(std::future::pending::<()>());
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.stop.send(Notice::Stop);
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// The base URL builds use while previewing: links and feeds point at the preview.
fn preview_url(address: SocketAddr) -> String {
    let shown = if address.ip().is_unspecified() {
        SocketAddr::new(IpAddr::from([127, 0, 0, 1]), address.port())
    } else {
        address
    };
    format!("http://{shown}/")
}

/// What the rebuild thread needs to have images made beside it.
struct ImageWork {
    images: crate::images::Deferral,
    root: PathBuf,
    tx: mpsc::Sender<Notice>,
}

impl ImageWork {
    /// Makes the images the last build left for later on a thread of their own,
    /// then asks for a build as if those files had been saved.
    fn start(&self) {
        let pending = self.images.take_pending();
        if pending.is_empty() {
            return;
        }
        let (images, root, tx) = (self.images.clone(), self.root.clone(), self.tx.clone());
        let work = move || {
            let mut changes = Vec::new();
            for source in &pending {
                images.prepare(&root, source);
                let path = source.strip_prefix(&root).unwrap_or(source).to_path_buf();
                let kind = classify(&path);
                changes.push(Change { path, kind });
            }
            let _ = tx.send(Notice::Changed(changes));
        };
        let (sender, receiver) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("plainsite-images".into())
            .spawn(move || {
                if let Ok(work) = receiver.recv() {
                    let work: Box<dyn FnOnce() + Send> = work;
                    work();
                }
            });
        let work: Box<dyn FnOnce() + Send> = Box::new(work);
        match spawned {
            Ok(_) => {
                let _ = sender.send(work);
            }
            // No thread to be had: make them here rather than never.
            Err(_) => work(),
        }
    }
}

/// Waits for changes, gathers those that arrive together, rebuilds, and publishes
/// the new snapshot. Ends when the server stops.
fn rebuild_loop(
    rx: mpsc::Receiver<Notice>,
    mut session: state::Session,
    snapshots: tokio::sync::watch::Sender<state::Snapshot>,
    mut watcher: watch::Watcher,
    report: Reporter,
    images: ImageWork,
) {
    images.start();
    // A change that came while a build was made, taken before its search index.
    let mut waiting = None;
    loop {
        let first = match waiting.take() {
            Some(notice) => notice,
            None => match rx.recv() {
                Ok(notice) => notice,
                Err(_) => return,
            },
        };
        let mut messages = vec![first];
        messages.extend(rx.try_iter());
        let mut changes = Vec::new();
        let mut rescan = false;
        for message in messages {
            match message {
                Notice::Stop => return,
                Notice::Changed(c) => changes.extend(c),
                Notice::Rescan => rescan = true,
                Notice::Trouble(t) => report(ServeEvent::WatchTrouble(t)),
            }
        }
        if changes.is_empty() && !rescan {
            // Nothing to build: make the index a build left, if any.
            finish_search(&mut session, &snapshots);
            continue;
        }
        changes.sort();
        changes.dedup();
        for trouble in watcher.watch_new_folders() {
            report(ServeEvent::WatchTrouble(trouble));
        }
        report(ServeEvent::Changed(changes.clone()));
        // The last snapshots are let go after the lock (and the search index),
        // not under it: freeing 10,000 pages' output would hold up requests.
        let mut last = Vec::new();
        let mut publish = |snapshot: &state::Snapshot| {
            let snapshot = snapshot.clone();
            snapshots.send_if_modified(|current| {
                let modified = current.generation != snapshot.generation
                    || current.errors.is_some() != snapshot.errors.is_some()
                    || current.waiting.is_some() != snapshot.waiting.is_some();
                last.push(std::mem::replace(current, snapshot));
                modified
            });
        };
        let outcome = session.rebuild(&changes, !rescan, &mut publish);
        publish(session.snapshot());
        // The pages are served: now the search index, which requests for it
        // await; unless another change came meanwhile. That is built first, as
        // the author waits for it and no one for the index, and the index is made
        // once the changes stop, from the latest build's pages (each build
        // leaves its own to index, and serves the last index made until then).
        match rx.try_recv() {
            Ok(notice) => waiting = Some(notice),
            Err(_) => finish_search(&mut session, &snapshots),
        }
        report(ServeEvent::Build(outcome));
        drop(last);
        images.start();
    }
}

/// Makes the search index the last build left, if any, and serves it.
fn finish_search(
    session: &mut state::Session,
    snapshots: &tokio::sync::watch::Sender<state::Snapshot>,
) {
    if session.finish_search() {
        let snapshot = session.snapshot().clone();
        snapshots.send_modify(|current| *current = snapshot);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_at_the_address_it_listens_on() {
        let at = |ip: [u8; 4], port| preview_url(SocketAddr::new(IpAddr::from(ip), port));
        assert_eq!(at([127, 0, 0, 1], 1111), "http://127.0.0.1:1111/");
        assert_eq!(at([0, 0, 0, 0], 8080), "http://127.0.0.1:8080/");
        let v6 = preview_url(
            "[::1]:1111"
                .parse()
                .unwrap_or(SocketAddr::from(([0; 4], 0))),
        );
        assert_eq!(v6, "http://[::1]:1111/");
    }
}
