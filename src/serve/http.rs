//! The preview's HTTP side: answers requests from the current snapshot.
//!
//! Every file comes from the in-memory `Output`, looked up by a key made from the
//! request path; nothing is read from disk by URL, so `..`, encoded slashes and
//! backslashes cannot reach outside the site. A copied file is read from its source
//! only after checking that the source really lies inside the site, in no hidden
//! folder and not a hidden file (as a build would publish it), and one sent as
//! it is goes out from disk a chunk at a time (HEAD answers from its size alone),
//! so a large download is never held in memory whole. HTML responses
//! get the reload and panel scripts before `</body>` and the problem panels after
//! `<body>` (the `Output` never does). While the latest build has errors, every
//! HTML page is served as it was at the last good build, with the error panel on
//! top; a page with no good build is the panel alone. `/__plainsite/problems.json`
//! gives a page's findings in the shape of `plainsite check --format json`.

use std::borrow::Cow;
use std::convert::Infallible;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::Stream;
use percent_encoding::percent_decode_str;
use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::watch;

use crate::output::OutputFile;

use super::panels::{self, Links};
use super::state::Snapshot;

/// Where the reload script is served.
pub(crate) const SCRIPT_PATH: &str = "/__plainsite/livereload.js";
/// Where open pages listen for rebuilds (server-sent events).
pub(crate) const EVENTS_PATH: &str = "/__plainsite/events";
/// Where a page's findings are given as JSON (`?page=/url/path/`).
pub(crate) const PROBLEMS_PATH: &str = "/__plainsite/problems.json";
const SCRIPT: &str = include_str!("livereload.js");

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct App {
    pub(crate) snapshots: watch::Receiver<Snapshot>,
    /// The site root, canonical: copied files must lie inside it.
    pub(crate) root: Arc<PathBuf>,
}

pub(crate) async fn script() -> Response {
    respond(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        Body::from(SCRIPT),
    )
}

/// Server-sent events: `reload` or `css` once per build that changed something,
/// counted from the generation the page was served with (`?since=`), so a build
/// that finished while the page was loading is not missed.
pub(crate) async fn events(
    State(app): State<App>,
    request: Request,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = app.snapshots.clone();
    let since: u64 = request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|kv| kv.strip_prefix("since="))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| rx.borrow().generation);
    let stream = futures_util::stream::unfold((rx, since), |(mut rx, since)| async move {
        loop {
            let (generation, reload_generation) = {
                let snap = rx.borrow_and_update();
                (snap.generation, snap.reload_generation)
            };
            if generation > since {
                let name = if reload_generation > since {
                    "reload"
                } else {
                    "css"
                };
                let event = Event::default().event(name).data(generation.to_string());
                return Some((Ok(event), (rx, generation)));
            }
            // Ends the stream when the server stops.
            rx.changed().await.ok()?;
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// The first snapshot, from the one served now on, for which `ready` holds;
/// `None` if the server is stopping. The channel is let go before it returns.
async fn snapshot_when(app: &App, ready: impl FnMut(&Snapshot) -> bool) -> Option<Snapshot> {
    let mut rx = app.snapshots.clone();
    rx.wait_for(ready).await.ok().map(|s| s.clone())
}

/// Any other path: a file of the site, the site's 404 page, or the error page.
pub(crate) async fn site_file(State(app): State<App>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut r = respond(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            Body::from("Only GET and HEAD are allowed.\n"),
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    // Clone the Arcs and let go of the channel at once: never hold it across an await.
    let mut snap = app.snapshots.borrow().clone();
    if snap.search_pending && request.uri().path().contains(crate::search::INDEX_DIR) {
        // The index is being made from the pages just built: wait for it.
        if let Some(ready) = snapshot_when(&app, |s| !s.search_pending).await {
            snap = ready;
        }
    }
    let found = match resolve(request.uri().path()) {
        Err(Rejected) => {
            return respond(
                StatusCode::BAD_REQUEST,
                "text/plain; charset=utf-8",
                Body::from("Bad request: this address is not allowed.\n"),
            );
        }
        Ok(Target::File(key)) => {
            let found = lookup(&snap, key.clone());
            if let (Some(waiting), Lookup::Found(at)) = (&snap.waiting, &found)
                && waiting.contains(at)
            {
                // A listing the build is still drawing: wait for it.
                if let Some(ready) = snapshot_when(&app, |s| s.waiting.is_none()).await {
                    snap = ready;
                }
                lookup(&snap, key)
            } else {
                found
            }
        }
    };
    let tag = script_tag(snap.generation);
    let (status, key) = match found {
        Lookup::Redirect(to) => {
            let mut r = respond(
                StatusCode::MOVED_PERMANENTLY,
                "text/plain; charset=utf-8",
                Body::empty(),
            );
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            return r;
        }
        Lookup::Found(key) => (StatusCode::OK, key),
        Lookup::Missing => (StatusCode::NOT_FOUND, "404.html".to_owned()),
    };
    let is_html = key.ends_with(".html");
    let links = Links {
        editor: snap.editor,
        root: &app.root,
    };
    if let Some(errors) = &snap.errors {
        // Nothing good to show for this address: the panel alone.
        if (is_html && status != StatusCode::OK) || snap.output.is_empty() {
            let page = panels::panel_page(errors, links, &tag);
            // No build has worked yet: the server cannot give the page (500, as
            // before); a page missing from the last good build stays a 404.
            let status = if snap.output.is_empty() {
                StatusCode::INTERNAL_SERVER_ERROR
            } else {
                status
            };
            return respond(status, "text/html; charset=utf-8", Body::from(page));
        }
    }
    let contents = match read(&snap, &app.root, &key, is_html).await {
        Some(contents) => contents,
        None => return not_found(&tag),
    };
    let bytes = match contents {
        Contents::Bytes(bytes) => bytes,
        Contents::File { real, checked } => {
            let len = checked.len();
            // HEAD answers from the file's size alone: reading the file only to
            // throw it away would cost as much as a GET.
            let body = if request.method() == Method::HEAD {
                Body::empty()
            } else {
                match open(&real, &checked).await {
                    Some(file) => stream(file, len),
                    None => return not_found(&tag),
                }
            };
            let mut r = respond(status, content_type(&key), body);
            r.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
            return r;
        }
    };
    let body = if is_html {
        let panel = match &snap.errors {
            Some(errors) => panels::error_panel(errors, links, true),
            None => snap
                .page_warnings(&key)
                .map(|(file, warnings)| panels::warning_panel(file, &warnings, links))
                .unwrap_or_default(),
        };
        let with_panel = if panel.is_empty() {
            bytes
        } else {
            panels::insert_after_body(&bytes, &panels::container(&panel))
        };
        Body::from(inject(&with_panel, &tag))
    } else {
        Body::from(bytes)
    };
    respond(status, content_type(&key), body)
}

/// What an output file is sent from.
enum Contents {
    /// Bytes in memory: made by the build, carried in the binary, or a copied file
    /// that is changed on the way out (a page gets the scripts, a photo loses its
    /// metadata).
    Bytes(Vec<u8>),
    /// A copied file sent as it is, from disk, a chunk at a time: a large download
    /// is never held in memory whole. `checked` is what the file was when it was
    /// found to be a plain file inside the site.
    File {
        real: PathBuf,
        checked: std::fs::Metadata,
    },
}

/// Finds an output file. A copied file is used only if its real path is the one
/// it had when the build made the output, and lies inside the site with no hidden
/// part but the image cache (a symbolic link changed after the build cannot lead
/// out, nor to `.env`, `.git/` or another file of the site) and it is
/// still a plain file; it is read now only when it must be changed on the way out
/// (`whole`, or a photo), else it is sent from disk.
async fn read(snap: &Snapshot, root: &std::path::Path, key: &str, whole: bool) -> Option<Contents> {
    match snap.output.get(key)? {
        OutputFile::Bytes(b) => Some(Contents::Bytes(b.to_vec())),
        OutputFile::Static(b) => Some(Contents::Bytes(b.to_vec())),
        OutputFile::Copy(source) => {
            let real = tokio::fs::canonicalize(source).await.ok()?;
            // Where the link led when the build made this output, or nothing.
            if snap.copied.get(key) != Some(&real) {
                return None;
            }
            // Nor is anything but a plain file: a named pipe would never answer.
            let checked = tokio::fs::metadata(&real).await.ok()?;
            // The image cache is hidden, and plainsite's own: variants come from it.
            let in_site = real.strip_prefix(root).is_ok_and(|rel| {
                crate::paths::is_site_path(rel) || rel.starts_with(crate::images::CACHE_DIR)
            });
            if !in_site || !checked.is_file() {
                return None;
            }
            if !whole && !crate::output::metadata::is_photo(key) {
                return Some(Contents::File { real, checked });
            }
            let bytes = tokio::fs::read(real).await.ok()?;
            Some(Contents::Bytes(crate::output::metadata::published(
                key, bytes,
            )))
        }
    }
}

/// Opens a copied file to send it, if it is still the file that was checked: one
/// put in its place since (a link to a file outside the site) is not sent.
async fn open(real: &std::path::Path, checked: &std::fs::Metadata) -> Option<tokio::fs::File> {
    use std::os::unix::fs::MetadataExt;
    let file = tokio::fs::File::open(real).await.ok()?;
    let opened = file.metadata().await.ok()?;
    let same = opened.is_file() && opened.dev() == checked.dev() && opened.ino() == checked.ino();
    same.then_some(file)
}

/// How much of a copied file is read at a time while it is sent.
const CHUNK: u64 = 256 * 1024;

/// A body of the first `len` bytes of `file`, read a chunk at a time as the
/// client takes them. A file cut short while it is sent ends the body with an
/// error, so the connection is closed and the browser knows the download broke,
/// rather than keeping a short file as whole.
fn stream(file: tokio::fs::File, len: u64) -> Body {
    let chunks = futures_util::stream::unfold((file, len), |(mut file, left)| async move {
        if left == 0 {
            return None;
        }
        let mut chunk = vec![0; usize::try_from(left.min(CHUNK)).unwrap_or(0)];
        let mut buf = ReadBuf::new(&mut chunk);
        let read = std::future::poll_fn(|cx| Pin::new(&mut file).poll_read(cx, &mut buf)).await;
        let n = buf.filled().len();
        match read {
            Ok(()) if n > 0 => {
                chunk.truncate(n);
                let left = left.saturating_sub(u64::try_from(n).unwrap_or(left));
                Some((Ok(chunk), (file, left)))
            }
            Ok(()) => Some((Err(std::io::ErrorKind::UnexpectedEof.into()), (file, 0))),
            Err(e) => Some((Err(e), (file, 0))),
        }
    });
    Body::from_stream(chunks)
}

fn not_found(tag: &str) -> Response {
    respond(
        StatusCode::NOT_FOUND,
        "text/html; charset=utf-8",
        Body::from(plain_not_found(tag)),
    )
}

fn plain_not_found(tag: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Page not found – plainsite</title></head>\n<body>\n<main><h1>Page not found</h1><p>There is no page at this address.</p></main>\n{tag}\n</body>\n</html>\n"
    )
}

pub(crate) fn respond(status: StatusCode, content_type: &str, body: Body) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    // A preview must always show the latest build.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// The `<script>` tags added to HTML responses: reload, then panels.
pub(crate) fn script_tag(generation: u64) -> String {
    format!(
        "<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\"></script>\n<script src=\"{}\" defer></script>",
        panels::JS_PATH
    )
}

/// Puts `tag` before the last `</body>`, or at the end when there is none.
pub(crate) fn inject(html: &[u8], tag: &str) -> Vec<u8> {
    let needle = b"</body>";
    let at = html
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len() + 1);
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&html[at..]);
    out
}

/// A request path that is refused outright.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Rejected;

/// Where a request path points.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// An `Output` key, or a folder's key ending in `/` (or empty, for the home).
    File(String),
}

/// Turns a request path into an `Output` key. Each segment is percent-decoded once
/// and must be valid UTF-8; a decoded segment may not hold `/`, `\` or NUL, and
/// `..` is refused, so nothing can climb out of the site or name a second path.
pub(crate) fn resolve(raw: &str) -> Result<Target, Rejected> {
    if raw.contains('\\') || !raw.starts_with('/') {
        return Err(Rejected);
    }
    let mut parts: Vec<Cow<'_, str>> = Vec::new();
    for segment in raw.split('/') {
        let decoded = percent_decode_str(segment)
            .decode_utf8()
            .map_err(|_| Rejected)?;
        if decoded.contains(['/', '\\', '\0']) {
            return Err(Rejected);
        }
        match decoded.as_ref() {
            "" | "." => {}
            ".." => return Err(Rejected),
            _ => parts.push(decoded),
        }
    }
    let mut key = parts.join("/");
    if (raw.ends_with('/') || raw.ends_with("/.")) && !key.is_empty() {
        key.push('/');
    }
    Ok(Target::File(key))
}

/// The result of looking a key up.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// Serve this key.
    Found(String),
    /// A folder asked for without its `/`: send the browser here.
    Redirect(String),
    /// Not in the site.
    Missing,
}

/// Pretty URLs: `/x/` serves `x/index.html`; `/x` redirects to `/x/` when that is a
/// folder of the site.
pub(crate) fn lookup(snap: &Snapshot, key: String) -> Lookup {
    let output = &snap.output;
    if key.is_empty() || key.ends_with('/') {
        let index = format!("{key}index.html");
        return if output.contains(&index) {
            Lookup::Found(index)
        } else {
            Lookup::Missing
        };
    }
    if output.contains(&key) {
        return Lookup::Found(key);
    }
    if output.contains(&format!("{key}/index.html")) {
        let escaped: String = key
            .split('/')
            .map(|s| percent_encoding::utf8_percent_encode(s, SEGMENT).to_string())
            .collect::<Vec<_>>()
            .join("/");
        return Lookup::Redirect(format!("/{escaped}/"));
    }
    Lookup::Missing
}

const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The `Content-Type` for a file, by its extension.
pub(crate) fn content_type(key: &str) -> &'static str {
    let ext = key
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "vtt" => "text/vtt; charset=utf-8",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests;
