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

mod aliases;
mod alternate_links;
mod alternates;
mod attachments;
mod cache;
mod context;
mod events;
mod extras;
mod jobs;
mod keys;
mod model;
mod origins;
mod plan;
mod print;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, LoadOptions, SiteLinks};
use crate::error::{Diagnostic, Error, sort_diagnostics};
use crate::markdown::{Input, Markdown, MarkdownOptions, Rendered};
use crate::output::{Output, OutputFile};
use crate::render::Renderer;
use crate::render::views::{LinkView, ReportView, SiteView};
use crate::theme::{StaticSource, Theme};

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
    let today = options
        .today
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let mut config = Config::load(&options.root)?;
    let mut diagnostics_from_settings = Vec::new();
    config.apply_overrides(options.base_url.as_deref());
    let theme = Theme::load(&options.root, &config.theme)?;
    let mut renderer = Renderer::new(&theme).map_err(Error::Site)?;
    let load = LoadOptions {
        root: &options.root,
        drafts: options.drafts,
        internal: options.internal,
        taxonomies: &config.taxonomies,
        languages: &config.translation_codes(),
    };
    if let Ok(text) = std::fs::read_to_string(options.root.join(crate::config::CONFIG_FILE)) {
        diagnostics_from_settings = crate::check::placeholders::check_settings(
            &text,
            Path::new(crate::config::CONFIG_FILE),
        );
    }
    clock.lap("settings and theme");
    let (content, mut diagnostics) = content::load_with(&load, &mut cache.load)?;
    diagnostics.append(&mut diagnostics_from_settings);
    clock.lap("load content");

    let mut output = Output::new();
    copy_static(&config.root, &theme, &mut output, &mut diagnostics);
    for asset in &content.assets {
        output.insert(asset.path.clone(), OutputFile::Copy(asset.source.clone()));
    }

    let glossary = match crate::glossary::load(&options.root) {
        Ok(g) => g,
        Err(d) => {
            diagnostics.push(*d);
            Default::default()
        }
    };
    let mut language_glossaries = std::collections::BTreeMap::new();
    for code in config.translation_codes() {
        match crate::glossary::load_language(&options.root, &code) {
            Ok(g) => {
                language_glossaries.insert(code, g);
            }
            Err(d) => diagnostics.push(*d),
        }
    }
    output.insert(
        "css/highlight.css",
        OutputFile::Bytes(crate::markdown::highlight_css().into_bytes().into()),
    );

    for key in crate::images::svg::clean_output(&mut output) {
        diagnostics.push(
            Diagnostic::warning(
                crate::rules::IMAGE_BROKEN,
                &key,
                "this SVG file is not UTF-8 text, so it is published empty",
            )
            .help("open it in a drawing program and save it again as SVG"),
        );
    }
    // Before the asset table, so that the brand stylesheet is fingerprinted too.
    diagnostics.extend(extras::add_brand(&config, &mut output));
    let assets = std::sync::Arc::new(crate::assets::AssetTable::new(
        &output,
        &config.base_path(),
        options.fingerprint,
    ));
    assets.prime(&cache.assets);
    renderer.use_assets(assets.clone());
    let files: Vec<String> = output.paths().map(str::to_owned).collect();
    let images = std::sync::Arc::new(crate::images::Images::new(
        &options.root,
        &config.base_path(),
        &output,
        cache.images.clone(),
    ));
    let environment = images.environment_key(cache::environment_key(&cache::Environment {
        content: &content,
        files: &files,
        glossary: &glossary,
        language_glossaries: &language_glossaries,
        allow_html: config.allow_html,
        not_abbreviations: &config.not_abbreviations,
        base_path: &config.base_path(),
        theme: &theme,
        root: &options.root,
    }));
    clock.lap("environment");
    let links = SiteLinks::new(&content, &config.base_path(), files);
    let mut markdown = Markdown::new(&MarkdownOptions {
        allow_html: config.allow_html,
        not_abbreviations: config.not_abbreviations.clone(),
    })
    .with_pictures(images.clone())
    .with_checker(std::sync::Arc::new(crate::check::ContentChecks));
    match crate::render::shortcodes::ShortcodeSet::new(&theme, &options.root) {
        Ok(set) => markdown = markdown.with_shortcodes(Box::new(set)),
        Err(problems) => diagnostics.extend(problems),
    }
    let no_glossary = std::collections::BTreeMap::new();
    // Callout titles in each language, for pages in it.
    let labels: std::collections::BTreeMap<&str, std::collections::BTreeMap<String, String>> =
        config
            .languages
            .iter()
            .map(|l| (l.code.as_str(), renderer.strings().callout_labels(&l.code)))
            .collect();
    // Results of unchanged pages, moved out of the cache; the rest are rendered.
    let mut reused: Vec<Option<cache::CachedPage>> = content
        .pages
        .iter()
        .map(|page| cache.take(environment, &page.key, page.revision))
        .collect();
    let reused_pages = reused.iter().filter(|r| r.is_some()).count();
    let rendered: Vec<Rendered> = content
        .pages
        .par_iter()
        .zip(reused.par_iter_mut())
        .map(|(page, cached)| {
            if let Some(cached) = cached {
                return std::mem::take(&mut cached.rendered);
            }
            let resolver = links.for_page(page);
            let split_parts = !page.is_section
                && page
                    .parent
                    .is_some_and(|s| model::Model::is_briefing_section(&content, s));
            let glossary = match &page.lang {
                Some(code) => language_glossaries.get(code).unwrap_or(&no_glossary),
                None => &glossary,
            };
            markdown.render(&Input {
                file: &page.file,
                text: &page.text,
                links: &resolver,
                glossary,
                split_parts,
                labels: labels.get(page.lang.as_deref().unwrap_or(&config.language)),
            })
        })
        .collect();
    clock.lap("markdown");
    for r in &rendered {
        diagnostics.extend(r.diagnostics.iter().cloned());
    }
    diagnostics.extend(check_fragments(&content, &rendered));
    let print_chapters = print::render_chapters(&mut print::ChapterInputs {
        content: &content,
        links: &links,
        markdown: &markdown,
        glossary: &glossary,
        reused: &mut reused,
    });
    clock.lap("print chapters");
    let used = rendered
        .iter()
        .flat_map(|r| r.pictures.iter().map(|i| i.key.as_str()));
    for (key, file) in images.outputs(used) {
        output.insert(key, OutputFile::Copy(file));
    }
    clock.lap("images");
    let (attachments, problems) = attachments::resolve(&content, &config.root, &config.base_path());
    diagnostics.extend(problems);
    let checked = crate::check::check_pages(&crate::check::PagesInput {
        content: &content,
        rendered: &rendered,
        reading_grade: config.reading_grade,
        language: &config.language,
        today,
    });
    diagnostics.extend(checked.diagnostics);
    clock.lap("attachments and checks");

    let (alternates, problems) = alternates::Alternates::new(&content, &config, &links);
    diagnostics.extend(problems);
    diagnostics.extend(renderer.strings().missing(&config.languages));
    let model = model::Model::new(&content, &config.taxonomies, today);
    let site = site_view(&config, &output, &content.left_out);
    let feeds = extras::Feeds::plan(&config, &content, &model, &rendered);
    let events = events::Events::plan(&config, &content, &model, &rendered, today);
    let keys = {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        (environment, cache::templates_key(&theme)).hash(&mut h);
        format!("{config:?}").hash(&mut h);
        (today, &site.stylesheets).hash(&mut h);
        assets.hash_names(&mut h);
        content.left_out.hash(&mut h);
        renderer.strings().hash(&mut h);
        feeds.hash_links(&mut h);
        keys::Keys::new(h.finish(), &content, &rendered, &attachments, &events.views)
    };
    let ctx = context::Ctx {
        config: &config,
        content: &content,
        rendered: &rendered,
        model: &model,
        renderer: &renderer,
        site: &site,
        attachments: &attachments,
        print: &print_chapters,
        feeds: &feeds,
        keys: &keys,
        events: &events.views,
        alternates: &alternates,
        strings: renderer.strings(),
    };
    // Output path of each content page and section → its index, for the search index.
    let searchable: std::collections::HashMap<String, usize> = content
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("{}index.html", p.path), i))
        .collect();
    let mut search_pages = Vec::new();
    clock.lap("model and feeds");
    let plan = ctx.plan();
    clock.lap("plan");
    let previous = std::mem::take(&mut cache.jobs);
    let results = ctx.render(plan, &previous);
    // The last build's files are freed beside the rest of this one.
    rayon::spawn(move || drop(previous));
    let mut html_files = 0;
    let mut reused_files = 0;
    let mut html_paths = Vec::new();
    let mut rendered_jobs = cache::RenderedJobs::with_capacity(results.len());
    for result in results {
        match result {
            Ok(job) => {
                let path = job.out;
                reused_files += usize::from(job.reused);
                if let Some(&i) = searchable.get(&path) {
                    search_pages.push((path.clone(), i));
                }
                let bytes = job.rendered.bytes.clone();
                rendered_jobs.insert(path.clone(), job.rendered);
                if output.contains(&path) {
                    let what = origins::generated(&path);
                    diagnostics.push(origins::clash(
                        &content,
                        &output,
                        &options.root,
                        &path,
                        what,
                    ));
                }
                output.insert(path.clone(), OutputFile::Bytes(bytes));
                html_files += 1;
                html_paths.push(path);
            }
            Err(d) => diagnostics.push(*d),
        }
    }
    clock.lap("templates");
    let glossary_page = crate::glossary::GLOSSARY_PAGE;
    if !glossary.is_empty() && renderer.has("glossary.html") && output.contains(glossary_page) {
        let what = format!("the glossary made from {}", crate::glossary::GLOSSARY_FILE);
        diagnostics.push(origins::clash(
            &content,
            &output,
            &options.root,
            glossary_page,
            &what,
        ));
    } else if !glossary.is_empty() && renderer.has("glossary.html") {
        let view = crate::glossary::page_view(&glossary, &site, renderer.strings());
        let file = Path::new(crate::glossary::GLOSSARY_FILE);
        match renderer.render("glossary.html", &site, &view, file) {
            Ok(html) => {
                output.insert(
                    crate::glossary::GLOSSARY_PAGE,
                    OutputFile::Bytes(html.into_bytes().into()),
                );
                html_files += 1;
                html_paths.push(crate::glossary::GLOSSARY_PAGE.to_owned());
            }
            Err(d) => diagnostics.push(*d),
        }
    }
    aliases::add(&ctx, &mut output, &mut diagnostics);
    let fingerprinted = assets.rename(&mut output);
    let host = crate::hosting::Input {
        hosting: config.hosting,
        content: &content,
        base_path: &config.base_path(),
        fingerprinted: &fingerprinted,
    };
    crate::hosting::add(&host, &mut output, &mut diagnostics);
    for (path, xml) in feeds.files.iter().chain(&events.files) {
        if output.contains(path) {
            diagnostics.push(origins::clash(
                &content,
                &output,
                &options.root,
                path,
                "an Atom feed or a calendar",
            ));
        } else {
            output.insert(path.clone(), OutputFile::Bytes(xml.as_bytes().into()));
        }
    }
    extras::add(
        &config,
        &content,
        &html_paths,
        &ctx.sitemap_alternates(),
        &mut output,
    );
    clock.lap("aliases, feeds, sitemap");
    let files = jobs::indexes::search_index(&output, &search_pages, &ctx, &mut cache.search);
    for (path, bytes) in files {
        output.insert(path, OutputFile::Bytes(bytes));
    }
    clock.lap("search index");
    diagnostics.extend(crate::check::check_settings(&config, &links, &output));
    diagnostics.extend(crate::check::check_image_sizes(
        &content,
        &rendered,
        &output,
        &config.base_path(),
    ));

    diagnostics.extend(origins::rejected(&content, &output, &options.root));
    sort_diagnostics(&mut diagnostics);
    diagnostics.dedup();
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::Site(diagnostics));
    }
    let stats = Stats {
        pages: content.pages.iter().filter(|p| !p.is_section).count(),
        sections: content.sections.len(),
        html_files,
        files: output.len(),
        elapsed: start.elapsed(),
        median_reading_grade: checked.median_grade,
        rendered_pages: content.pages.len() - reused_pages,
        reused_pages,
        rendered_files: html_files - reused_files,
        reused_files,
        phases: Vec::new(),
    };
    let sources = content
        .pages
        .iter()
        .map(|p| (format!("{}index.html", p.path), p.file.clone()))
        .collect();
    let mut print_chapters = print_chapters;
    clock.lap("finish");
    cache.jobs = rendered_jobs;
    cache.assets = fingerprinted.into_iter().map(|(plain, _)| plain).collect();
    cache.environment = Some(environment);
    let results: Vec<cache::CachedPage> = content
        .pages
        .iter()
        .zip(rendered)
        .enumerate()
        .map(|(i, (page, rendered))| cache::CachedPage {
            revision: page.revision,
            rendered,
            print: print_chapters.remove(&i),
        })
        .collect();
    cache.keep_pages(&content.pages, results);
    cache.load.put_back(content.pages);
    clock.lap("cache");
    let mut stats = stats;
    stats.phases = clock.phases;
    Ok(Built {
        output,
        diagnostics,
        stats,
        config,
        sources,
    })
}

/// What templates see of the settings. Menu links into an internal section left
/// out of this build are dropped, so a public page never links to it.
fn site_view(config: &Config, output: &Output, left_out: &[String]) -> SiteView {
    let base_path = config.base_path();
    let link = |url: &str| {
        if url.starts_with('/') {
            format!("{base_path}{}", url.trim_start_matches('/'))
        } else {
            url.to_owned()
        }
    };
    let hidden = |url: &str| {
        let path = url.strip_prefix('/').unwrap_or_default();
        left_out
            .iter()
            .any(|l| path == l.as_str() || path.starts_with(l.as_str()) || format!("{path}/") == *l)
    };
    let menu = |items: &[crate::config::MenuItem]| {
        items
            .iter()
            .filter(|m| !hidden(&m.url))
            .map(|m| LinkView {
                title: m.name.clone(),
                url: link(&m.url),
                current: false,
            })
            .collect()
    };
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        base_url: config.base_url.clone(),
        base_path: base_path.clone(),
        menu: menu(&config.menu),
        footer_menu: menu(&config.footer_menu),
        report_concern: config.report_concern.as_ref().map(|r| ReportView {
            text: r.text.clone(),
            url: link(&r.url),
            note: r.note.clone(),
        }),
        contact: config.contact.clone(),
        taxonomies: config.taxonomies.clone(),
        extra: config.extra.clone(),
        brand: config.brand.clone(),
        quick_exit: config.quick_exit.clone().map(|mut q| {
            q.paths = q
                .sections
                .iter()
                .map(|s| format!("{base_path}{s}/"))
                .collect();
            q
        }),
        stylesheets: [
            config.brand.colour.as_ref().map(|_| extras::BRAND_CSS),
            output
                .contains(extras::CUSTOM_CSS)
                .then_some(extras::CUSTOM_CSS),
        ]
        .into_iter()
        .flatten()
        .map(str::to_owned)
        .collect(),
        dir: config.language_of(None).dir.as_str(),
        languages: config.languages.clone(),
    }
}

/// Copies the theme's static files, then the site's `static/` over them.
fn copy_static(root: &Path, theme: &Theme, output: &mut Output, diagnostics: &mut Vec<Diagnostic>) {
    for (path, source) in &theme.static_files {
        let file = match source {
            StaticSource::Disk(p) => OutputFile::Copy(p.clone()),
            StaticSource::Builtin(b) => OutputFile::Static(b),
        };
        output.insert(path.clone(), file);
    }
    let dir = root.join("static");
    if !dir.is_dir() {
        return;
    }
    // One rule for every walker: site files only, links followed only inside.
    let walked = crate::paths::walk(&dir, root);
    for path in walked.files {
        let rel = path.strip_prefix(&dir).unwrap_or(&path);
        let key = crate::paths::rel_key(rel);
        if theme.static_files.contains_key(&key) && key != "favicon.ico" {
            diagnostics.push(
                Diagnostic::warning(
                    crate::rules::THEME_OVERRIDE,
                    Path::new("static").join(rel),
                    format!("this file replaces the theme's own /{key}"),
                )
                .help(if key.ends_with(".css") {
                    "to add to the theme's styles rather than replace them all, rename it static/css/custom.css: it is loaded after the theme's stylesheet"
                } else {
                    "rename it if you meant to add a file rather than replace the theme's"
                }),
            );
        }
        output.insert(key, OutputFile::Copy(path.clone()));
    }
    for link in &walked.outside {
        diagnostics.push(crate::paths::outside_link(link, root));
    }
    for err in walked.errors {
        let path = err
            .path()
            .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
            .unwrap_or_else(|| "static".into());
        diagnostics.push(
            Diagnostic::error(
                crate::rules::FILE,
                path,
                format!("could not be read: {err}"),
            )
            .help("remove the broken or looping link"),
        );
    }
}

/// Checks every `#fragment` against the anchors of the page it points to.
fn check_fragments(content: &content::Content, rendered: &[Rendered]) -> Vec<Diagnostic> {
    let by_key: std::collections::HashMap<&str, usize> = content
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.as_str(), i))
        .collect();
    let mut out = Vec::new();
    for (i, r) in rendered.iter().enumerate() {
        for link in &r.fragment_links {
            let target = match &link.page {
                None => Some(i),
                Some(key) => by_key.get(key.as_str()).copied(),
            };
            let Some(t) = target else { continue };
            if !rendered[t].anchors.contains(&link.fragment) {
                let page = &content.pages[t];
                let mut known: Vec<&str> =
                    rendered[t].headings.iter().map(|h| h.id.as_str()).collect();
                known.truncate(8);
                let help = if known.is_empty() {
                    format!(
                        "{} has no headings to link to; remove `#{}`",
                        page.file.display(),
                        link.fragment
                    )
                } else {
                    format!("headings on that page have these ids: {}", known.join(", "))
                };
                out.push(
                    Diagnostic::error(
                        crate::rules::BROKEN_ANCHOR,
                        &content.pages[i].file,
                        format!(
                            "`#{}` is not a heading on {}",
                            link.fragment,
                            page.file.display()
                        ),
                    )
                    .at(link.line, link.col)
                    .help(help),
                );
            }
        }
    }
    out
}
