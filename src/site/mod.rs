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
//! serves it (`serve`). Nothing here prints or writes to disk.
//!
//! `build_inner` is the recipe, one step per line, each step a function that
//! returns a small struct, with its time recorded where it is called:
//!
//! | step | function | file |
//! |---|---|---|
//! | settings, theme, load content, environment | `settings`, `load_content`, `environment` | `prepare.rs` |
//! | render Markdown (pages, print chapters, images) | `render_markdown`, `print_chapters`, `add_images` | `markdown_pass.rs` |
//! | check | `check_content` | `checks.rs` |
//! | plan and render | `views`, `context`, `Ctx::plan`, `render` | `render_files.rs`, `plan.rs`, `jobs/` |
//! | extras | `add_extras`, `add_search_index`, then `check_site` | `finish.rs`, `checks.rs` |
//! | keep for next time | `keep` | `finish.rs`, `cache.rs` |

mod aliases;
mod alternate_links;
mod alternates;
mod attachments;
mod cache;
mod checks;
mod context;
mod events;
mod extras;
mod finish;
mod jobs;
mod keys;
mod markdown_pass;
mod model;
mod origins;
mod plan;
mod prepare;
mod print;
mod render_files;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::error::{Diagnostic, Error, sort_diagnostics};
use crate::output::Output;

pub(crate) use aliases::output_path as alias_output_path;
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

/// Records how long each stage of a build takes.
struct Clock {
    last: Instant,
    phases: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn start() -> Self {
        Clock {
            last: Instant::now(),
            phases: Vec::new(),
        }
    }

    /// Ends the stage called `name`.
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.phases.push((name, now - self.last));
        self.last = now;
    }
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
    /// preview can show a page's own findings.
    pub sources: std::collections::HashMap<String, PathBuf>,
}

/// Builds the site in memory. Fails with `Error::Site` when any page has an error;
/// every error found is in it, sorted by file and line.
pub fn build(options: &BuildOptions) -> Result<Built, Error> {
    build_with(options, &mut BuildCache::default())
}

/// Builds the site in memory like [`build`], reusing what `cache` kept from the last
/// good build where nothing it depends on changed, and leaves this build's results in
/// `cache` for the next one. The result is the same as [`build`]'s. When the build
/// fails, `cache` is emptied.
pub fn build_with(options: &BuildOptions, cache: &mut BuildCache) -> Result<Built, Error> {
    let result = build_inner(options, cache);
    if result.is_err() {
        cache.clear();
    }
    result
}

fn build_inner(options: &BuildOptions, cache: &mut BuildCache) -> Result<Built, Error> {
    let start = Instant::now();
    let mut clock = Clock::start();
    let mut settings = prepare::settings(options)?;
    clock.lap("settings and theme");
    let (content, mut diagnostics) = prepare::load_content(options, &settings.config, cache)?;
    diagnostics.append(&mut settings.diagnostics);
    clock.lap("load content");
    let mut env = prepare::environment(options, &mut settings, &content, cache, &mut diagnostics);
    clock.lap("environment");

    let mut md = markdown_pass::render_markdown(&settings, &content, &env, cache, &mut diagnostics);
    clock.lap("markdown");
    let print_chapters = markdown_pass::print_chapters(&content, &env, &mut md);
    clock.lap("print chapters");
    markdown_pass::add_images(&mut env, &md.rendered);
    clock.lap("images");

    let checked = checks::check_content(&settings, &content, &md.rendered, &mut diagnostics);
    clock.lap("attachments and checks");

    let views = render_files::views(
        &settings,
        &content,
        &md.links,
        &md.rendered,
        &env,
        &checked.attachments,
        &mut diagnostics,
    );
    let ctx = render_files::context(&render_files::ContextParts {
        settings: &settings,
        content: &content,
        rendered: &md.rendered,
        views: &views,
        attachments: &checked.attachments,
        print: &print_chapters,
        glossary: &env.glossary,
    });
    clock.lap("model and feeds");
    let plan = ctx.plan();
    clock.lap("plan");
    let files = render_files::render(
        &ctx,
        plan,
        &mut env.output,
        &options.root,
        cache,
        &mut diagnostics,
    );
    clock.lap("templates");

    let fingerprinted = finish::add_extras(
        &ctx,
        &views,
        &env.assets,
        &files.html_paths,
        &mut env.output,
        &options.root,
        &mut diagnostics,
    );
    clock.lap("aliases, feeds, sitemap");
    finish::add_search_index(&ctx, &files.search_pages, &mut env.output, cache);
    clock.lap("search index");
    checks::check_site(
        &settings,
        &content,
        &md.links,
        &md.rendered,
        &env.output,
        &options.root,
        &mut diagnostics,
    );
    sort_diagnostics(&mut diagnostics);
    diagnostics.dedup();
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::Site(diagnostics));
    }
    let stats = Stats {
        pages: content.pages.iter().filter(|p| !p.is_section).count(),
        sections: content.sections.len(),
        html_files: files.html_files,
        files: env.output.len(),
        elapsed: start.elapsed(),
        median_reading_grade: checked.median_grade,
        rendered_pages: content.pages.len() - md.reused_pages,
        reused_pages: md.reused_pages,
        rendered_files: files.html_files - files.reused_files,
        reused_files: files.reused_files,
        phases: Vec::new(),
    };
    let sources = content
        .pages
        .iter()
        .map(|p| (format!("{}index.html", p.path), p.file.clone()))
        .collect();
    clock.lap("finish");

    finish::keep(
        cache,
        finish::Kept {
            jobs: files.rendered_jobs,
            fingerprinted,
            environment: env.key,
            content,
            rendered: md.rendered,
            print: print_chapters,
        },
    );
    clock.lap("cache");
    let mut stats = stats;
    stats.phases = clock.phases;
    Ok(Built {
        output: env.output,
        diagnostics,
        stats,
        config: settings.config,
        sources,
    })
}
