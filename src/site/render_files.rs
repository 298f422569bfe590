//! Planning and rendering the HTML files: the model and the views every file
//! reads (order, feeds, events, translations, keys), the shared context, then
//! the planned files rendered and put in the output.
//!
//! Part of `site`: each step is a function called from the recipe in `mod.rs`.
//! What each kind of file shows is in `jobs/`; its order and keys in `plan.rs`.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use super::alternates::Alternates;
use super::aside::PutAside;
use super::cache::{self, BuildCache, RenderedJobs};
use super::context::Ctx;
use super::events::{EventSite, Events};
use super::feed_plan::Feeds;
use super::front::FrontViews;
use super::jobs::indexes::SearchSource;
use super::keys::{KeyParts, Keys};
use super::model::Model;
use super::origins;
use super::plan::{EarlyPages, Planned, Stage};
use super::prepare::{Environment, Settings};
use super::print::PrintChapters;
use crate::content::Content;
use crate::error::Diagnostic;
use crate::markdown::Rendered;
use crate::output::{Output, OutputFile, Staging};
use crate::render::views::{AttachmentView, SiteView};

/// What the pages' views are made from, besides content and settings.
pub(super) struct Views {
    /// Order, pagination and taxonomies.
    pub(super) model: Model,
    /// What every template sees of the site.
    pub(super) site: SiteView,
    /// Atom feeds.
    pub(super) feeds: Feeds,
    /// Event views and calendar files.
    pub(super) events: Events,
    /// Translations and Easy Read versions.
    pub(super) alternates: Alternates,
    /// The keys planned files are made with.
    pub(super) keys: Keys,
}

/// Adds to the front views the feeds, events and keys, which need every page's
/// Markdown result.
pub(super) fn views(
    settings: &Settings,
    content: &Content,
    front: FrontViews,
    rendered: &[Rendered],
    env: &Environment,
    attachments: &[Vec<AttachmentView>],
) -> Views {
    let config = &settings.config;
    let today = settings.today;
    let summary = |i: usize| rendered[i].summary.clone();
    let feeds = Feeds::plan(
        config,
        content,
        &front,
        Some(&summary),
        settings.renderer.strings(),
    );
    let FrontViews {
        model,
        site,
        alternates,
    } = front;
    let events = Events::plan(
        EventSite {
            config,
            content,
            strings: settings.renderer.strings(),
            today,
        },
        &model,
        rendered,
        &alternates,
    );
    let keys = {
        let mut h = std::hash::DefaultHasher::new();
        (env.key, cache::templates_key(&settings.theme)).hash(&mut h);
        format!("{config:?}").hash(&mut h);
        (today, &site.stylesheets).hash(&mut h);
        env.assets.hash_names(&mut h);
        content.left_out.hash(&mut h);
        settings.renderer.strings().hash(&mut h);
        feeds.hash_links(&mut h);
        let parts = KeyParts {
            content,
            rendered,
            attachments,
            events: &events.views,
        };
        Keys::new(h.finish(), env.key, &parts, settings.last_keys.as_ref())
    };
    Views {
        model,
        site,
        feeds,
        events,
        alternates,
        keys,
    }
}

/// Everything a job reads, borrowed from the build's steps.
pub(super) struct ContextParts<'a> {
    /// Settings and templates.
    pub(super) settings: &'a Settings,
    /// Content.
    pub(super) content: &'a Content,
    /// Markdown results.
    pub(super) rendered: &'a [Rendered],
    /// The views' inputs.
    pub(super) views: &'a Views,
    /// Attachments.
    pub(super) attachments: &'a [Vec<AttachmentView>],
    /// Print chapters.
    pub(super) print: &'a PrintChapters,
    /// The glossary.
    pub(super) glossary: &'a BTreeMap<String, String>,
    /// The print chapters put aside in the scratch file (`build`).
    pub(super) put_aside: Option<&'a PutAside>,
}

/// The shared context of every job.
pub(super) fn context<'a>(parts: &ContextParts<'a>) -> Ctx<'a> {
    let views = parts.views;
    Ctx {
        config: &parts.settings.config,
        content: parts.content,
        rendered: parts.rendered,
        model: &views.model,
        renderer: &parts.settings.renderer,
        site: &views.site,
        site_value: crate::render::SiteValue::new(&views.site),
        attachments: parts.attachments,
        print: parts.print,
        feeds: &views.feeds,
        keys: &views.keys,
        events: &views.events.views,
        alternates: &views.alternates,
        strings: parts.settings.renderer.strings(),
        glossary: parts.glossary,
        put_aside: parts.put_aside,
    }
}

/// The HTML files a build made.
pub(super) struct Files {
    /// How many.
    pub(super) html_files: usize,
    /// How many of them kept last build's bytes.
    pub(super) reused_files: usize,
    /// Their output paths, in plan order.
    pub(super) html_paths: Vec<String>,
    /// Content pages and sections to index for search: place in `html_paths`,
    /// page index, and the HTML put in the output when it holds bytes (see
    /// [`search_pages`]).
    pub(super) search_pages: Vec<SearchPageAt>,
    /// What the search index reads of each of them, same order, when the files
    /// were staged as rendered (their HTML is then not in the output).
    pub(super) search_read: Vec<Option<crate::search::Analysed>>,
    /// The words those are numbered in.
    pub(super) vocabulary: Arc<crate::search::Vocabulary>,
    /// Every file's key and bytes, for the next build.
    pub(super) rendered_jobs: RenderedJobs,
    /// The files left to draw after the others (see [`draw_later`]).
    pub(super) later: Vec<Later>,
}

impl Files {
    /// The output paths of the files left to draw later.
    pub(super) fn later_paths(&self) -> Vec<String> {
        self.later
            .iter()
            .filter_map(|l| self.html_paths.get(l.html_at).cloned())
            .collect()
    }
}

/// A file [`render`] left to draw later: the output holds last build's bytes
/// for it until then.
pub(super) struct Later {
    /// What to draw, and its place in the plan.
    planned: (usize, Planned),
    /// Its place in [`Files::search_pages`], when the search index reads it.
    search_at: Option<usize>,
    /// Its place in [`Files::html_paths`].
    html_at: usize,
}

/// A content page or section to index for search: its place in
/// [`Files::html_paths`], its page index, and its HTML when the output holds
/// its bytes.
pub(super) type SearchPageAt = (usize, usize, Option<Arc<[u8]>>);

/// Where [`render`] puts the files it draws, and which first.
#[derive(Clone, Copy, Default)]
pub(super) struct Drawing<'a> {
    /// `build`: the staging folder, where each file is written as soon as it
    /// is drawn.
    pub(super) staging: Option<&'a Staging>,
    /// `serve`: the pages, by index, whose files are drawn at once, with those
    /// that had no bytes last build; the other files to draw hold last build's
    /// bytes until [`draw_later`] (see [`Ctx::render`]).
    pub(super) first: Option<&'a rustc_hash::FxHashSet<usize>>,
    /// `build`: the content pages drawn in the Markdown stage.
    pub(super) early: Option<&'a EarlyPages>,
}

/// Renders the planned files (reusing last build's bytes where the key is the
/// same) and puts them in the output; a file the site already has there is an error.
/// With `staging`, each file is written there as soon as it is rendered and the
/// output names that copy (see [`Stage`]); such files are not kept in `cache`.
///
/// Last build's files are kept in place in `cache` for the next build: a reused
/// file's entry is left as it is, a rendered one replaces it, and files no longer
/// planned are dropped, so a one-page rebuild touches few entries. The output is
/// new each build; the files go into it at once (see [`Output::insert_all`]).
pub(super) fn render(
    ctx: &Ctx<'_>,
    plan: Vec<Planned>,
    output: &mut Output,
    root: &Path,
    cache: &mut BuildCache,
    drawing: Drawing<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Files {
    let Drawing {
        staging,
        first,
        early,
    } = drawing;
    let mut search_pages = Vec::new();
    let mut search_read = Vec::new();
    let mut jobs = std::mem::take(&mut cache.jobs);
    let vocabulary = early.map_or_else(Arc::default, |e| e.vocabulary.clone());
    let stage = staging.map(|staging| Stage {
        staging,
        vocabulary: &vocabulary,
        analysers: std::sync::Mutex::default(),
    });
    let (results, mut left) = ctx.render(plan, &jobs, (stage.as_ref(), early), first);
    let mut html_files = 0;
    let mut reused_files = 0;
    let mut html_paths = Vec::with_capacity(results.len());
    let mut made = Vec::with_capacity(results.len());
    let mut later = Vec::with_capacity(left.len());
    left.reverse();
    for (at, result) in results.into_iter().enumerate() {
        let Some(result) = result else { continue };
        match result {
            Ok(job) => {
                let path = job.out;
                let page = job.page;
                let search = job.search;
                if job.later
                    && left.last().is_some_and(|(left_at, _)| *left_at == at)
                    && let Some(planned) = left.pop()
                {
                    let search_at = page.map(|_| search_pages.len());
                    later.push(Later {
                        planned,
                        search_at,
                        html_at: html_paths.len(),
                    });
                }
                let file = match job.staged {
                    Some(written) => OutputFile::Copy(written),
                    None if job.reused || job.later => OutputFile::Bytes(job.rendered.bytes),
                    None => {
                        let bytes = job.rendered.bytes.clone();
                        jobs.insert(path.clone(), job.rendered);
                        OutputFile::Bytes(bytes)
                    }
                };
                if let Some(i) = page {
                    let html = match &file {
                        OutputFile::Bytes(bytes) => Some(bytes.clone()),
                        _ => None,
                    };
                    search_pages.push((html_paths.len(), i, html));
                    search_read.push(search);
                }
                reused_files += usize::from(job.reused);
                made.push((path.clone(), file));
                html_files += 1;
                html_paths.push(path);
            }
            Err(d) => diagnostics.push(*d),
        }
    }
    // A file planned where the output has one already is reported while that
    // one is in place, then replaces it, as the later of two files does.
    for (path, file) in output.insert_all(made) {
        clash(ctx, output, root, staging, &path, diagnostics);
        output.insert(path, file);
    }
    forget_unplanned(&mut jobs, &html_paths);
    Files {
        html_files,
        reused_files,
        html_paths,
        search_pages,
        search_read,
        vocabulary,
        rendered_jobs: jobs,
        later,
    }
}

/// Draws the files [`render`] left for later, and puts each in the output in
/// place of last build's bytes, in the search pages and in what is kept for the
/// next build.
pub(super) fn draw_later(
    ctx: &Ctx<'_>,
    files: &mut Files,
    output: &mut Output,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let later = std::mem::take(&mut files.later);
    let mut search_at = rustc_hash::FxHashMap::default();
    let mut planned = Vec::with_capacity(later.len());
    for Later {
        planned: p,
        search_at: s,
        ..
    } in later
    {
        if let Some(s) = s {
            search_at.insert(p.0, s);
        }
        planned.push(p);
    }
    for (at, drawn) in ctx.draw_later(planned) {
        match drawn {
            Some(Ok(job)) => {
                let bytes = job.rendered.bytes.clone();
                if let Some(entry) = search_at
                    .get(&at)
                    .and_then(|s| files.search_pages.get_mut(*s))
                {
                    entry.2 = Some(bytes.clone());
                }
                output.insert(job.out.clone(), OutputFile::Bytes(bytes));
                files.rendered_jobs.insert(job.out, job.rendered);
            }
            Some(Err(d)) => diagnostics.push(*d),
            None => {}
        }
    }
}

/// The content pages and sections to index for search (see [`SearchSource`]),
/// from [`Files::html_paths`] and [`Files::search_pages`].
pub(super) fn search_pages<'a>(
    html_paths: &'a [String],
    search_pages: &'a [SearchPageAt],
) -> Vec<SearchSource<'a>> {
    search_pages
        .iter()
        .filter_map(|(at, i, html)| Some((html_paths.get(*at)?.as_str(), *i, html.as_ref())))
        .collect()
}

/// Reports an HTML file planned at `path`, where the output already has a file.
fn clash(
    ctx: &Ctx<'_>,
    output: &mut Output,
    root: &Path,
    staging: Option<&Staging>,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // A page staged earlier is named as the page it is, not as a file copied
    // from the staging folder.
    if let (Some(staging), Some(OutputFile::Copy(src))) = (staging, output.get(path))
        && src.starts_with(staging.folder())
    {
        output.insert(path, OutputFile::Bytes(Vec::new().into()));
    }
    let what = origins::generated(path);
    diagnostics.push(origins::clash(ctx.content, output, root, path, &what));
}

/// Drops the kept files this build did not plan (a page went or moved). Every
/// planned file is in `jobs` (reused or just rendered), so there are such files
/// only when `jobs` has more than were planned. (A path planned twice is an error,
/// and a build with errors empties the cache.)
fn forget_unplanned(jobs: &mut RenderedJobs, planned: &[String]) {
    if jobs.len() <= planned.len() {
        return;
    }
    let planned: rustc_hash::FxHashSet<&str> = planned.iter().map(String::as_str).collect();
    jobs.retain(|path, _| planned.contains(path.as_str()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::cache::RenderedJob;

    fn jobs(paths: &[&str]) -> RenderedJobs {
        paths
            .iter()
            .map(|p| {
                let job = RenderedJob {
                    key: 1,
                    bytes: Arc::from(p.as_bytes()),
                };
                ((*p).to_owned(), job)
            })
            .collect()
    }

    #[test]
    fn files_no_longer_planned_are_forgotten() {
        let mut kept = jobs(&["a/index.html", "gone/index.html", "index.html"]);
        let planned = vec!["index.html".to_owned(), "a/index.html".to_owned()];
        forget_unplanned(&mut kept, &planned);
        let mut left: Vec<&str> = kept.keys().map(String::as_str).collect();
        left.sort_unstable();
        assert_eq!(left, ["a/index.html", "index.html"]);
    }

    #[test]
    fn planned_files_are_all_kept() {
        let mut kept = jobs(&["a/index.html", "index.html"]);
        let planned = vec!["index.html".to_owned(), "a/index.html".to_owned()];
        forget_unplanned(&mut kept, &planned);
        assert_eq!(kept.len(), 2);
        assert_eq!(
            kept.get("a/index.html").map(|j| &j.bytes[..]),
            Some(&b"a/index.html"[..])
        );
    }
}
