//! The build as its recipe: `build_inner` calls each step in order and records
//! its time where it is called. The steps are in `prepare.rs`,
//! `markdown_pass.rs`, `checks.rs`, `render_files.rs` and `finish.rs`.

use std::time::{Duration, Instant};

use super::aside::PutAside;
use super::cache::BuildCache;
use super::plan::EarlyPages;
use super::{BuildOptions, Built, Early, Stats};
use super::{checks, early, finish, front, markdown_pass, prepare, render_files};
use crate::error::{Diagnostic, Error, sort_diagnostics};
use crate::output::Staging;

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
    build_serving(options, cache, None)
}

/// Builds like [`build_with`]; with `early` (`serve`), the files whose views
/// changed only because another page did (a listing after one of its pages
/// moved) are drawn last: once everything else is made and checked, `early`
/// is shown the output with those files' last bytes and told which they are,
/// so the edited page can be served while they are drawn. The result is the
/// same as [`build_with`]'s.
pub fn build_serving(
    options: &BuildOptions,
    cache: &mut BuildCache,
    early: Option<&mut dyn FnMut(Early<'_>)>,
) -> Result<Built, Error> {
    let result = build_inner(options, cache, None, early);
    if result.is_err() {
        cache.clear();
    }
    result
}

/// Builds the site like [`build`], but writes each HTML file into `staging` (see
/// [`Staging`]) as soon as it is rendered, reading its search words then, so the
/// pages' HTML is not all held in memory: the output names those files instead
/// of holding their bytes, and is written with [`Staging::write`]. For
/// `plainsite build`, which writes the output and is done; `serve` keeps every
/// page in memory.
pub fn build_staged(options: &BuildOptions, staging: &Staging) -> Result<Built, Error> {
    build_inner(options, &mut BuildCache::default(), Some(staging), None)
}

fn build_inner(
    options: &BuildOptions,
    cache: &mut BuildCache,
    staging: Option<&Staging>,
    mut early: Option<&mut dyn FnMut(Early<'_>)>,
) -> Result<Built, Error> {
    let start = Instant::now();
    let mut clock = Clock::start();
    let mut settings = prepare::settings(options, cache)?;
    clock.lap("settings and theme");
    let mut diagnostics = Vec::new();
    let mut content = prepare::load_content(options, &settings.config, cache, &mut diagnostics)?;
    diagnostics.append(&mut settings.diagnostics);
    clock.lap("load content");
    let mut env = prepare::environment(options, &mut settings, &content, cache, &mut diagnostics);
    clock.lap("environment");

    let links = markdown_pass::site_links(&settings, &content, &env, cache);
    let mut claimed = Vec::new();
    let attachments = checks::attachments(
        &settings,
        &content,
        (&env.documents, &mut claimed),
        &mut diagnostics,
    );
    let front = front::front_views(&settings, &content, &links, &env, &mut diagnostics);
    // `plainsite build` (staging) draws each content page as soon as its
    // Markdown is rendered (see `early.rs`), lets go of each page's Markdown
    // then, and puts each print chapter aside until its print job.
    let spill = staging.and_then(Staging::spill);
    let early_pages = staging.map(|_| EarlyPages::new(content.pages.len()));
    let (mut md, front) = match (staging, &early_pages) {
        (Some(staging), Some(pages)) => {
            let inputs = early::EarlyInputs {
                staging,
                spill: spill.as_ref(),
                pages,
                attachments: &attachments,
                env: &env,
            };
            early::render_and_draw(
                &settings,
                &mut content,
                links,
                front,
                &inputs,
                cache,
                &mut diagnostics,
            )
        }
        _ => {
            let md = markdown_pass::render_markdown(
                &settings,
                &content,
                links,
                &env,
                cache,
                None,
                &mut diagnostics,
            );
            (md, front)
        }
    };
    clock.lap("markdown");
    let print_chapters =
        markdown_pass::print_chapters(&content, &env, &settings.config.language, &mut md);
    clock.lap("print chapters");
    markdown_pass::add_images(&mut env, &md.rendered);
    clock.lap("images");

    let median_grade = checks::check_content(&settings, &content, &md.rendered, &mut diagnostics);
    let documents = (env.documents.as_slice(), claimed.as_slice());
    checks::documents(
        &settings,
        &content,
        &md.rendered,
        documents,
        &mut diagnostics,
    );
    // `plainsite build` drew every content page in the Markdown stage: the
    // briefings' HTML, kept for the checks, is let go now.
    let put_aside = staging.map(|_| {
        early::let_go_of_bodies(&content, &mut md.rendered);
        PutAside::take(std::mem::take(&mut md.aside), spill)
    });
    clock.lap("attachments and checks");

    let views = render_files::views(&settings, &content, front, &md.rendered, &env, &attachments);
    let ctx = render_files::context(&render_files::ContextParts {
        settings: &settings,
        content: &content,
        rendered: &md.rendered,
        views: &views,
        attachments: &attachments,
        print: &print_chapters,
        glossary: &env.glossary,
        put_aside: put_aside.as_ref(),
    });
    clock.lap("model and feeds");
    let plan = ctx.plan();
    clock.lap("plan");
    // Fingerprinting rewrites every page once all are drawn: no file waits then.
    let first: Option<rustc_hash::FxHashSet<usize>> =
        (early.is_some() && !options.fingerprint).then(|| md.fresh.iter().copied().collect());
    let mut files = render_files::render(
        &ctx,
        plan,
        &mut env.output,
        &options.root,
        cache,
        render_files::Drawing {
            staging,
            first: first.as_ref(),
            early: early_pages.as_ref(),
        },
        &mut diagnostics,
    );
    clock.lap("templates");
    if let Some(e) = put_aside.as_ref().and_then(PutAside::failure) {
        return Err(e);
    }

    let fingerprinted = finish::add_extras(
        &ctx,
        &views,
        &env.assets,
        &files.html_paths,
        &mut env.output,
        // Only `serve` builds again with the same cache.
        staging.is_none().then_some(&mut cache.sitemap),
        &mut diagnostics,
    );
    clock.lap("aliases, feeds, sitemap");
    // The search index reads the pages' HTML: with files left to draw, it waits
    // for them (nothing checked next reads it).
    let index_now = files.later.is_empty();
    if index_now {
        add_search_index(&ctx, &mut files, &mut env.output, cache);
        clock.lap("search index");
    }
    checks::check_site(
        &settings,
        &content,
        &md.links,
        &md.rendered,
        &env.output,
        &options.root,
        &mut diagnostics,
    );
    unexplained_for_want_of_a_glossary(&mut diagnostics);
    sort_diagnostics(&mut diagnostics);
    diagnostics.dedup();
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::Site(diagnostics));
    }
    // Only `serve` names a page's source file (`plainsite build` has no page to
    // show it on), so a staged build does not list them.
    let sources = match staging {
        Some(_) => Default::default(),
        None => cache.sources(env.key, || {
            content
                .pages
                .iter()
                .map(|p| (format!("{}index.html", p.path), p.file.clone()))
                .collect()
        }),
    };
    if !index_now {
        if let Some(early) = early.as_mut() {
            early(Early {
                output: &env.output,
                diagnostics: &diagnostics,
                sources: &sources,
                config: &settings.config,
                waiting: files.later_paths(),
            });
        }
        clock.lap("early answer");
        render_files::draw_later(&ctx, &mut files, &mut env.output, &mut diagnostics);
        clock.lap("templates, later files");
        if diagnostics.iter().any(Diagnostic::is_error) {
            sort_diagnostics(&mut diagnostics);
            diagnostics.dedup();
            return Err(Error::Site(diagnostics));
        }
        add_search_index(&ctx, &mut files, &mut env.output, cache);
        clock.lap("search index");
    }
    let stats = Stats {
        pages: content.pages.iter().filter(|p| !p.is_section).count(),
        sections: content.sections.len(),
        html_files: files.html_files,
        files: env.output.len(),
        elapsed: start.elapsed(),
        median_reading_grade: median_grade,
        rendered_pages: content.pages.len() - md.reused_pages,
        reused_pages: md.reused_pages,
        rendered_files: files.html_files - files.reused_files,
        reused_files: files.reused_files,
        phases: Vec::new(),
    };
    clock.lap("finish");

    // `plainsite build` (staging) keeps nothing for a next build.
    if staging.is_none() {
        finish::keep(
            cache,
            finish::Kept {
                jobs: files.rendered_jobs,
                fingerprinted,
                environment: env.key,
                content,
                rendered: md.rendered,
                print: print_chapters,
                links: md.links,
                model: views.model,
                keys: views.keys,
            },
        );
        let renderer = super::cache::KeptRenderer(settings.renderer_key, settings.renderer);
        cache.renderer = Some(renderer);
        clock.lap("cache");
    } else {
        // A one-off build keeps nothing: its pages are freed on a thread of
        // their own, while the command writes the site and reports.
        let made = (content, md.rendered);
        let _ = std::thread::Builder::new()
            .name("plainsite-free".to_owned())
            .spawn(move || drop(made));
    }
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

/// Adds the search index of the pages `files` made (see
/// [`finish::add_search_index`]).
fn add_search_index(
    ctx: &super::context::Ctx<'_>,
    files: &mut render_files::Files,
    output: &mut crate::output::Output,
    cache: &mut BuildCache,
) {
    finish::add_search_index(
        ctx,
        &render_files::search_pages(&files.html_paths, &files.search_pages),
        std::mem::take(&mut files.search_read),
        &files.vocabulary,
        output,
        cache,
    );
}

/// A glossary that could not be read leaves every abbreviation in it
/// unexplained: its one error at the line to fix is the finding, not a
/// warning on each page that uses one, which would bury that error.
fn unexplained_for_want_of_a_glossary(diagnostics: &mut Vec<Diagnostic>) {
    if diagnostics
        .iter()
        .any(|d| d.rule == crate::rules::GLOSSARY && d.is_error())
    {
        diagnostics.retain(|d| d.rule != crate::rules::ABBREVIATION || d.is_error());
    }
}
