//! The last steps of a build: the files made beside the pages (aliases, the
//! host's files, feeds and calendars, sitemap and robots.txt, the search index),
//! and what the build keeps for the next one.
//!
//! Part of `site`: each step is a function called from the recipe in `mod.rs`.

use super::aliases;
use super::cache::{BuildCache, KeptPages, RenderedJobs};
use super::context::Ctx;
use super::jobs::indexes::{SearchSource, search_groups, search_index, search_index_read};
use super::origins;
use super::print::PrintChapters;
use super::render_files::Views;
use super::sitemap::{self, KeptSitemap, SitemapParts};
use crate::assets::AssetTable;
use crate::content::{Content, SiteLinks};
use crate::error::Diagnostic;
use crate::markdown::Rendered;
use crate::output::{Output, OutputFile};

/// Adds alias redirects, fingerprints the assets, then adds the host's files,
/// the feeds and calendars, the sitemap and robots.txt. Returns the assets
/// renamed, as (plain name, fingerprinted name). The sitemap is taken from
/// `kept_sitemap` when nothing it lists changed, and kept there for the next
/// build (`serve`; `plainsite build` keeps nothing).
pub(super) fn add_extras(
    ctx: &Ctx<'_>,
    views: &Views,
    assets: &AssetTable,
    html_paths: &[String],
    output: &mut Output,
    kept_sitemap: Option<&mut Option<KeptSitemap>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let config = ctx.config;
    let content = ctx.content;
    let root = &config.root;
    let later: std::collections::BTreeSet<&str> = views
        .feeds
        .files
        .iter()
        .chain(&views.events.files)
        .map(|(path, _)| path.as_str())
        .collect();
    aliases::add(ctx, &later, output, diagnostics);
    // The search index is added last, over whatever is at its paths: a file of
    // the site there would be lost without a word.
    if ctx.renderer.has("search.html") {
        let taken: Vec<String> = output
            .paths()
            .filter(|p| crate::search::in_index_dir(p))
            .map(str::to_owned)
            .collect();
        for path in taken {
            diagnostics.push(origins::clash(
                content,
                output,
                root,
                &path,
                "the search index",
            ));
        }
    }
    let made = [
        crate::images::icons::ICON_PNG,
        crate::images::icons::TOUCH_ICON,
        crate::images::icons::ICON_SVG,
    ];
    let fingerprinted = assets.rename(output, &made);
    let host = crate::hosting::Input {
        hosting: config.hosting,
        content,
        base_path: &config.base_path(),
        fingerprinted: &fingerprinted,
        root,
    };
    crate::hosting::add(&host, output, diagnostics);
    for (path, xml) in views.feeds.files.iter().chain(&views.events.files) {
        if output.contains(path) {
            diagnostics.push(origins::clash(
                content,
                output,
                root,
                path,
                "an Atom feed or a calendar",
            ));
        } else {
            output.insert(path.clone(), OutputFile::Bytes(xml.as_bytes().into()));
        }
    }
    let parts = SitemapParts {
        content,
        html_paths,
        alternates: &ctx.sitemap_alternates(),
    };
    sitemap::add(config, &parts, kept_sitemap, output);
    fingerprinted
}

/// Adds the search indexes: one for the default language and one for each other
/// language with a search page (see `jobs/indexes.rs`). When `serve` asked for it
/// ([`BuildCache::defer_search_index`]), only gathers their pages into `cache`,
/// for [`BuildCache::finish_search_index`] to index once the pages are served.
/// Pages staged as they were rendered come with what the index reads of them
/// (`read`, same order as `search_pages`, words numbered in `vocabulary`); the
/// rest are read from `output`.
pub(super) fn add_search_index(
    ctx: &Ctx<'_>,
    search_pages: &[SearchSource<'_>],
    read: Vec<Option<crate::search::Analysed>>,
    vocabulary: &std::sync::Arc<crate::search::Vocabulary>,
    output: &mut Output,
    cache: &mut BuildCache,
) {
    if read.iter().any(Option::is_some) {
        let files = search_index_read(output, search_pages, read, vocabulary, ctx);
        for (path, bytes) in files {
            output.insert(path, OutputFile::Bytes(bytes));
        }
        return;
    }
    if cache.defer_search {
        cache.pending_search = Some(search_groups(output, search_pages, ctx));
        return;
    }
    let files = search_index(output, search_pages, ctx, &mut cache.search);
    for (path, bytes) in files {
        output.insert(path, OutputFile::Bytes(bytes));
    }
}

/// Cuts one page's Markdown to its front matter once the Markdown stage has
/// rendered it, for `plainsite build`, which keeps nothing for a next build.
/// Only the front matter stays: later checks (attachments, an alias that cannot
/// be made) find their line in it. A page whose front matter cannot be split
/// (already cut) is left as it is.
pub(super) fn keep_front_matter(text: &mut String, file: &std::path::Path) {
    let Ok(split) = crate::content::split_front_matter(text, file) else {
        return;
    };
    let end = split.yaml.as_ptr() as usize - text.as_ptr() as usize + split.yaml.len();
    text.truncate(end);
    text.shrink_to_fit();
}

/// What a good build leaves for the next one.
pub(super) struct Kept {
    /// The HTML files' keys and bytes.
    pub(super) jobs: RenderedJobs,
    /// The assets renamed, as (plain name, fingerprinted name).
    pub(super) fingerprinted: Vec<(String, String)>,
    /// The environment key.
    pub(super) environment: u64,
    /// The pages.
    pub(super) content: Content,
    /// Their Markdown results, same index.
    pub(super) rendered: Vec<Rendered>,
    /// Their print chapters.
    pub(super) print: PrintChapters,
    /// The link addresses.
    pub(super) links: SiteLinks,
    /// The order of sections and terms.
    pub(super) model: super::model::Model,
    /// The page signatures.
    pub(super) keys: super::keys::Keys,
}

/// Keeps this build's results in `cache` for the next build.
pub(super) fn keep(cache: &mut BuildCache, kept: Kept) {
    let Kept {
        jobs,
        fingerprinted,
        environment,
        content,
        rendered,
        print,
        links,
        model,
        keys,
    } = kept;
    cache.jobs = jobs;
    cache.model = Some(model);
    cache.keys = Some(keys);
    cache.links = Some(links);
    cache.assets = fingerprinted.into_iter().map(|(plain, _)| plain).collect();
    cache.environment = Some(environment);
    let revisions = content.pages.iter().map(|p| p.revision).collect();
    cache.keep_pages(KeptPages {
        revisions,
        rendered,
        print,
    });
    cache.load.put_back(content.pages);
}
