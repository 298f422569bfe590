//! The preview's own files for the problem panels: their stylesheet and script,
//! and `/__plainsite/problems.json`, a page's findings in the shape of
//! `plainsite check --format json` (drawn by [`crate::check::json`], the code
//! `check` prints with). Read-only: answers from the current snapshot.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use percent_encoding::percent_decode_str;

use super::http::{App, Lookup, Rejected, Target, lookup, resolve, respond};
use super::panels;

/// The panels' stylesheet.
pub(crate) async fn panel_css() -> Response {
    respond(
        StatusCode::OK,
        "text/css; charset=utf-8",
        Body::from(panels::CSS),
    )
}

/// The panels' script.
pub(crate) async fn panel_js() -> Response {
    respond(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        Body::from(panels::JS),
    )
}

/// The findings the panels of the page at `?page=` show: the latest build's errors
/// (if it failed) and the page's own warnings from the last good build, each as
/// `check --format json` prints it.
pub(crate) async fn problems(State(app): State<App>, request: Request) -> Response {
    let snap = app.snapshots.borrow().clone();
    let page = request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|kv| kv.strip_prefix("page="))
        .unwrap_or("/");
    let page = percent_decode_str(page).decode_utf8_lossy().into_owned();
    let key = match resolve(&page) {
        Ok(Target::File(key)) => match lookup(&snap, key) {
            Lookup::Found(key) => Some(key),
            _ => None,
        },
        Err(Rejected) => None,
    };
    let (file, warnings) = key
        .as_deref()
        .and_then(|k| snap.page_warnings(k))
        .map_or((None, Vec::new()), |(f, w)| (Some(f), w));
    let errors: Vec<serde_json::Value> = snap
        .errors
        .as_deref()
        .map(|e| {
            e.iter()
                .filter(|d| d.is_error())
                .map(crate::check::json::diagnostic)
                .collect()
        })
        .unwrap_or_default();
    let doc = serde_json::json!({
        "file": file.map(crate::paths::slash_path),
        "errors": errors,
        "warnings": warnings.into_iter().map(crate::check::json::diagnostic).collect::<Vec<_>>(),
    });
    respond(
        StatusCode::OK,
        "application/json",
        // Written as `check --format json` is: bidi and C1 controls as escapes.
        Body::from(crate::check::json_text::to_string(&doc)),
    )
}
