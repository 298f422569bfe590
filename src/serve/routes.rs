//! The preview's routes: the reload script and events, the problem panels' files
//! and findings, and every other path from the site.
//!
//! Part of `serve`; the handlers are in `http.rs` and `problems.rs`.

use axum::Router;
use axum::routing::get;

use super::http::{App, EVENTS_PATH, PROBLEMS_PATH, SCRIPT_PATH, events, script, site_file};
use super::{panels, problems};

/// The router for the preview.
pub(crate) fn router(app: App) -> Router {
    Router::new()
        .route(SCRIPT_PATH, get(script))
        .route(EVENTS_PATH, get(events))
        .route(panels::CSS_PATH, get(problems::panel_css))
        .route(panels::JS_PATH, get(problems::panel_js))
        .route(PROBLEMS_PATH, get(problems::problems))
        .fallback(site_file)
        .with_state(app)
}
