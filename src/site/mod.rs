//! The build pipeline, as a recipe.
//!
//! ```text
//! site.yaml → Config → Theme → Renderer
//! content/  → Content → Markdown (per page, in parallel) → links and anchors checked
//!           → Model (order, pagination, taxonomies) → HTML (in parallel)
//!           → Output (+ static files, feeds, alias redirects, search index,
//!             sitemap, robots.txt, the host's redirect and header files)
//! ```
//!
//! Templates name static files through `asset()` (see [`crate::assets`]): in a
//! build with `fingerprint` on, those files are renamed after their bytes once
//! every page is rendered.
//!
//! `build` returns the whole site in memory; the caller writes it (`build`) or
//! serves it (`serve`). Nothing here prints or writes to disk, but for
//! `build_staged`: it puts each HTML file into the staging folder the caller made
//! (`crate::output::Staging`) as soon as it is rendered, so `plainsite build`
//! does not hold every page until the write. `serve` builds with
//! `build_serving`, which shows it the build (an [`Early`]) before drawing the
//! listings an edit changed, so the edited page is answered first.
//!
//! `build_inner` (in `build.rs`) is the recipe, one step per line, each step a function that
//! returns a small struct, with its time recorded where it is called:
//!
//! | step | function | file |
//! |---|---|---|
//! | settings, theme, load content, environment | `settings`, `load_content`, `environment` | `prepare.rs` |
//! | links, attachments, front views | `site_links`, `attachments`, `front_views` | `markdown_pass.rs`, `checks.rs`, `front.rs` |
//! | render Markdown (pages, print chapters, images); `build` draws each content page then | `render_markdown` (`render_and_draw`), `print_chapters`, `add_images` | `markdown_pass.rs` (`early.rs`) |
//! | check | `check_content` | `checks.rs` |
//! | plan and render | `views`, `context`, `Ctx::plan`, `render` | `render_files.rs`, `plan.rs`, `jobs/` |
//! | extras | `add_extras`, `add_search_index`, then `check_site` | `finish.rs`, `sitemap.rs`, `checks.rs` |
//! | keep for next time | `keep` | `finish.rs`, `cache.rs` |

mod aliases;
mod alternate_links;
mod alternates;
mod aside;
mod attachments;
pub(crate) mod background;
mod build;
mod cache;
mod checks;
mod context;
mod data_walk;
mod documents;
mod early;
mod events;
mod extras;
mod feed_plan;
mod finish;
mod front;
mod jobs;
mod keys;
mod markdown_pass;
mod model;
mod origins;
mod plan;
mod prepare;
mod print;
mod render_files;
mod sitemap;
mod static_files;

use std::path::PathBuf;
use std::time::Duration;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::output::Output;

pub use build::{build, build_serving, build_staged, build_with};
pub use cache::BuildCache;

/// Run-time choices for one build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site's folder (holding `site.yaml`).
    pub root: PathBuf,
    /// Include drafts.
    pub drafts: bool,
    /// Use this base URL instead of `site.yaml`'s.
    pub base_url: Option<String>,
    /// The date the build treats as today (which events are past, which pages are
    /// due for review); the computer's date when `None`.
    pub today: Option<jiff::civil::Date>,
    /// Name the theme's and site's assets after a hash of their bytes (for
    /// publishing; `serve` keeps plain names). See [`crate::assets`].
    pub fingerprint: bool,
    /// Include sections marked `internal: true` (`serve` always does).
    pub internal: bool,
}

/// Figures about a build.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Content pages (not sections).
    pub pages: usize,
    /// Sections, home included.
    pub sections: usize,
    /// HTML files made.
    pub html_files: usize,
    /// All output files.
    pub files: usize,
    /// Time taken.
    pub elapsed: Duration,
    /// The median Flesch–Kincaid grade of pages with enough prose to judge.
    pub median_reading_grade: Option<f64>,
    /// Pages and sections whose Markdown was rendered in this build.
    pub rendered_pages: usize,
    /// Pages and sections whose Markdown result was reused from the last build.
    pub reused_pages: usize,
    /// HTML files drawn from templates in this build.
    pub rendered_files: usize,
    /// HTML files whose bytes were reused from the last build, their key (see
    /// `Ctx::plan`) being the same.
    pub reused_files: usize,
    /// Time spent in each stage, in order, for profiling.
    pub phases: Vec<(&'static str, Duration)>,
}

/// A build as [`build_serving`] shows it before its last files are drawn:
/// made and checked, but for the files in `waiting`, which still hold last
/// build's bytes.
pub struct Early<'a> {
    /// Every output file.
    pub output: &'a Output,
    /// Warnings, sorted (the build has no errors so far).
    pub diagnostics: &'a [Diagnostic],
    /// The source file of each content page and section, by its HTML file's key.
    pub sources: &'a std::sync::Arc<std::collections::HashMap<String, PathBuf>>,
    /// The settings used.
    pub config: &'a Config,
    /// The output paths not drawn yet.
    pub waiting: Vec<String>,
}

/// A successful build: the site in memory, and warnings.
#[derive(Debug)]
pub struct Built {
    /// Every output file.
    pub output: Output,
    /// Warnings (errors stop the build).
    pub diagnostics: Vec<Diagnostic>,
    /// Figures.
    pub stats: Stats,
    /// The settings used.
    pub config: Config,
    /// The source file of each content page and section, by its HTML file's key
    /// (`briefings/neglect/index.html` → `content/briefings/neglect.md`), so the
    /// preview can show a page's own findings. Empty from
    /// [`build_staged`], which has no preview.
    pub sources: std::sync::Arc<std::collections::HashMap<String, PathBuf>>,
}
