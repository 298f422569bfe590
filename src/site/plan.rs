//! The plan: every HTML file a build makes from a template, each with the key
//! that says whether last build's bytes can be reused, then the rendering of
//! the planned files in parallel.
//!
//! Part of `site`. Each kind of file is planned by a `plan_*` function in
//! `jobs/`, beside the function that builds that kind's view, so that the key
//! and the view are made from the same things. This file only puts the kinds in
//! order, sends each planned file to its builder, and renders.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::cache::{RenderedJob, RenderedJobs};
use super::context::{Ctx, Job};
use crate::error::Diagnostic;
use crate::markdown::Rendered;

/// What an HTML file is made from, before its view is built.
#[derive(Debug, Clone)]
pub(crate) enum Spec {
    /// A content page, by index.
    Page(usize),
    /// A section's listing page: section index, listing page (from 0).
    Section(usize, usize),
    /// An events section's page of past events.
    Past(usize),
    /// A page of a section's translation (by page index) other than its own:
    /// a listing page after the first, or its past events page.
    Translated(usize, ListingPage),
    /// A document section's print page.
    Print(usize),
    /// A taxonomy's page of terms.
    Taxonomy(String),
    /// A term's listing page: taxonomy, term slug, listing page (from 0).
    Term(String, String, usize),
    /// The 404 page.
    NotFound,
    /// The A–Z page.
    AToZ,
    /// The search page of a language (`None`: the default).
    Search(Option<String>),
    /// The glossary page.
    Glossary,
}

/// Which listing page of a section's translation to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListingPage {
    /// Listing page `n` (from 0); the first is the translation's own page.
    Chunk(usize),
    /// The past events page of an events section's translation.
    Past,
}

/// An HTML file to make: where, from what, and its key.
#[derive(Debug)]
pub(crate) struct Planned {
    /// Output path.
    pub(crate) out: String,
    /// What it is made from.
    pub(crate) spec: Spec,
    /// Changes whenever anything its view is made from changes.
    pub(crate) key: u64,
}

/// The outcome of rendering one job.
pub(crate) struct JobResult {
    /// Output path.
    pub(crate) out: String,
    /// The rendered file and what it came from.
    pub(crate) rendered: RenderedJob,
    /// True when the bytes were taken from the last build.
    pub(crate) reused: bool,
    /// True when the file is to be drawn after the others, and holds last
    /// build's bytes until then (see [`Ctx::render`]).
    pub(crate) later: bool,
    /// Where the file was staged as soon as it was rendered (see [`Stage`]); its
    /// bytes are then left out of `rendered`.
    pub(crate) staged: Option<std::path::PathBuf>,
    /// What the search index reads of it, taken as it was rendered when staging
    /// and it is a content page or section.
    pub(crate) search: Option<crate::search::Analysed>,
    /// The content page or section it is the page of (a section's first listing
    /// page), by index: the files the search index reads.
    pub(crate) page: Option<usize>,
}

/// One planned file rendered, or why it could not be.
pub(crate) type Drawn = Result<JobResult, Box<Diagnostic>>;

/// The content pages `build` drew in the Markdown stage, each as soon as its
/// own Markdown was rendered (see [`Ctx::draw_page_now`]), so that no page's
/// HTML waits there for the others; [`Ctx::render`] takes each in its place in
/// the plan. Their search words are numbered in `vocabulary`, which the rest
/// of the files' words join.
pub(crate) struct EarlyPages {
    /// Same index as `content.pages`; `Some` once drawn.
    drawn: Vec<std::sync::Mutex<Option<Drawn>>>,
    /// Where the pages' words are numbered: the [`Stage`] they are drawn with
    /// numbers them here, and so must the one the other files are drawn with.
    pub(crate) vocabulary: Arc<crate::search::Vocabulary>,
}

impl EarlyPages {
    /// Room for the pages of a site of `pages` pages.
    pub(crate) fn new(pages: usize) -> Self {
        EarlyPages {
            drawn: (0..pages).map(|_| std::sync::Mutex::new(None)).collect(),
            vocabulary: Arc::default(),
        }
    }

    /// Takes page `i`'s file, drawn early, if it was.
    fn take(&self, i: usize) -> Option<Drawn> {
        self.drawn.get(i)?.lock().ok()?.take()
    }
}

/// Where `build` writes each HTML file as soon as it is rendered, so that the
/// pages' HTML is not all held until the end (`serve` keeps it in memory).
pub(crate) struct Stage<'a> {
    /// The staging folder of the write. The search words of content pages and
    /// sections are read right after rendering.
    pub(crate) staging: &'a crate::output::Staging,
    /// Where their words are numbered.
    pub(crate) vocabulary: &'a Arc<crate::search::Vocabulary>,
    /// Analysers not in use, kept with the words they have stemmed: rayon makes
    /// a new state for each piece of work it splits off, and a cold stem cache
    /// would stem every word again.
    pub(crate) analysers: std::sync::Mutex<Vec<crate::search::Analyser>>,
}

/// An analyser lent from [`Stage::analysers`] to one piece of the parallel
/// render, given back when that piece is done.
struct Lent<'s> {
    analyser: Option<crate::search::Analyser>,
    pool: &'s std::sync::Mutex<Vec<crate::search::Analyser>>,
}

impl<'s> From<&'s Stage<'_>> for Lent<'s> {
    fn from(stage: &'s Stage<'_>) -> Self {
        let pooled = stage.analysers.lock().ok().and_then(|mut p| p.pop());
        Lent {
            analyser: Some(
                pooled.unwrap_or_else(|| crate::search::Analyser::new(stage.vocabulary.clone())),
            ),
            pool: &stage.analysers,
        }
    }
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        if let (Some(analyser), Ok(mut pool)) = (self.analyser.take(), self.pool.lock()) {
            pool.push(analyser);
        }
    }
}

impl Ctx<'_> {
    /// Every HTML file made from a template, planned with its key but with no view
    /// built yet. The key hashes everything the file's view is made from: the
    /// site-wide inputs, then the revision, link or summary of each page it shows.
    pub(crate) fn plan(&self) -> Vec<Planned> {
        let mut plan = self.plan_pages();
        plan.extend(self.plan_sections());
        plan.extend(self.plan_translated_listings());
        plan.extend(self.plan_prints());
        plan.extend(self.plan_taxonomies());
        plan.extend(self.plan_not_found());
        plan.extend(self.plan_a_z());
        plan.extend(self.plan_search());
        plan.extend(self.plan_glossary());
        plan
    }

    fn job(&self, spec: &Spec) -> Option<Job> {
        match spec {
            Spec::Page(i) => Some(self.page_job(*i)),
            Spec::Section(s, chunk) => Some(self.section_job(*s, *chunk)),
            Spec::Past(s) => Some(self.past_job(*s)),
            Spec::Translated(i, at) => self.translated_job(*i, *at),
            Spec::Print(s) => self.print_job(*s),
            Spec::Taxonomy(tax) => Some(self.taxonomy_job(tax)),
            Spec::Term(tax, slug, chunk) => Some(self.term_job(tax, slug, *chunk)),
            Spec::NotFound => self.not_found_job(),
            Spec::AToZ => self.a_z_job(),
            Spec::Search(lang) => self.search_job(lang.as_deref()),
            Spec::Glossary => Some(self.glossary_job()),
        }
    }

    /// The content page or section whose own file `spec` makes (a section's is
    /// its first listing page), by index.
    fn page_of(&self, spec: &Spec) -> Option<usize> {
        match *spec {
            Spec::Page(i) => Some(i),
            Spec::Section(s, 0) => self.content.sections.get(s).map(|s| s.index),
            _ => None,
        }
    }

    /// Renders the planned files, in plan order (`None` for a file not made
    /// after all, as a print page without chapters). A file whose key is the one it
    /// had in `previous` keeps its bytes, and its view is never built: those are
    /// found first, in one large piece per thread, so that after a one-page edit
    /// the parallel draw is given only the few files drawn again (giving it all
    /// 11,000 planned files cost more than the lookups).
    ///
    /// With `first` (`serve`), a file to draw again that is not the own file of
    /// a page in `first` (the pages whose text changed) and had bytes last build
    /// is left for later: its result holds last build's bytes and is marked
    /// [`JobResult::later`], and it is returned, with its place, to be drawn by
    /// [`Ctx::draw_later`].
    pub(crate) fn render(
        &self,
        plan: Vec<Planned>,
        previous: &RenderedJobs,
        (stage, early): (Option<&Stage<'_>>, Option<&EarlyPages>),
        first: Option<&rustc_hash::FxHashSet<usize>>,
    ) -> (Vec<Option<Drawn>>, Vec<(usize, Planned)>) {
        // Last build's bytes of each file whose key is unchanged, looked up in
        // one piece per thread (finer pieces cost more than the lookups).
        let half = plan.len() / 2 + 1;
        let kept: Vec<Option<(bool, Arc<[u8]>)>> = plan
            .par_iter()
            .with_min_len(half)
            .map(|planned| {
                let old = previous.get(&planned.out)?;
                let same = old.key == planned.key;
                (same || first.is_some()).then(|| (same, old.bytes.clone()))
            })
            .collect();
        let mut results: Vec<Option<Drawn>> = Vec::with_capacity(plan.len());
        let mut to_draw = Vec::new();
        let mut later = Vec::new();
        for (planned, kept) in plan.into_iter().zip(kept) {
            // A content page drawn in the Markdown stage, put in its place.
            if let (Spec::Page(i), Some(early)) = (&planned.spec, early)
                && let Some(drawn) = early.take(*i)
            {
                results.push(Some(drawn.map(|mut result| {
                    result.rendered.key = planned.key;
                    result
                })));
                continue;
            }
            // `build` draws every content page in the Markdown stage but a
            // section's translation, which lists other pages.
            debug_assert!(
                early.is_none()
                    || !matches!(planned.spec, Spec::Page(i) if !self.content.pages[i].translates_a_section())
            );
            let page = self.page_of(&planned.spec);
            // Not the own file of a page whose text changed (only with `first`).
            let waits = first.is_some_and(|f| !page.is_some_and(|i| f.contains(&i)));
            match kept {
                Some((same, bytes)) if same || waits && Self::may_wait(&planned.spec) => {
                    let key = planned.key;
                    // A reused file's path moves into its result; one left for
                    // later keeps its plan whole for `draw_later`.
                    let (out, left) = if same {
                        (planned.out, None)
                    } else {
                        (planned.out.clone(), Some(planned))
                    };
                    if let Some(planned) = left {
                        later.push((results.len(), planned));
                    }
                    results.push(Some(Ok(JobResult {
                        page,
                        out,
                        rendered: RenderedJob { key, bytes },
                        reused: same,
                        later: !same,
                        staged: None,
                        search: None,
                    })));
                }
                _ => {
                    to_draw.push((results.len(), planned));
                    results.push(None);
                }
            }
        }
        let drawn: Vec<(usize, Option<Drawn>)> = to_draw
            .into_par_iter()
            .map_init(
                || stage.map(Lent::from),
                |analyser, (at, planned)| {
                    let lent = analyser.as_mut().and_then(|l| l.analyser.as_mut());
                    (at, self.draw(planned, stage, lent))
                },
            )
            .collect();
        for (at, result) in drawn {
            results[at] = result;
        }
        (results, later)
    }

    /// Whether a file of this kind may be drawn after the others (see
    /// [`Ctx::render`]): one that is always made, so its place can be held.
    fn may_wait(spec: &Spec) -> bool {
        matches!(
            spec,
            Spec::Page(_)
                | Spec::Section(..)
                | Spec::Past(_)
                | Spec::Translated(..)
                | Spec::Taxonomy(_)
                | Spec::Term(..)
                | Spec::Glossary
        )
    }

    /// Draws the files [`Ctx::render`] left for later, in parallel at low
    /// priority (see [`super::background`]); each with the place it was given.
    pub(crate) fn draw_later(&self, later: Vec<(usize, Planned)>) -> Vec<(usize, Option<Drawn>)> {
        super::background::run(|| {
            later
                .into_par_iter()
                .map(|(at, planned)| (at, self.draw(planned, None, None)))
                .collect()
        })
    }

    /// Builds one planned file's view and renders it (`None` when the file is
    /// not made after all, as a print page without chapters).
    fn draw(
        &self,
        planned: Planned,
        stage: Option<&Stage<'_>>,
        analyser: Option<&mut crate::search::Analyser>,
    ) -> Option<Drawn> {
        let page = self.page_of(&planned.spec);
        let job = self.job(&planned.spec)?;
        debug_assert_eq!(job.out, planned.out);
        Some(self.draw_job(job, planned.key, page, stage, analyser))
    }

    /// Draws content page `i` from its Markdown result `r` as soon as it is
    /// rendered, with its event's view (which `events` does not hold yet), and
    /// puts it in `early` for [`Ctx::render`]. For `build`, whose `stage` writes
    /// the file at once (its words numbered in `early.vocabulary`): the page's
    /// HTML need not be held after this.
    pub(crate) fn draw_page_now(
        &self,
        i: usize,
        r: &Rendered,
        event: Option<crate::events::EventView>,
        (stage, early): (&Stage<'_>, &EarlyPages),
    ) {
        let mut job = self.page_job_with(i, r);
        if event.is_some() {
            job.view.event = event;
        }
        let mut lent = Lent::from(stage);
        let analyser = lent.analyser.as_mut();
        let drawn = self.draw_job(job, 0, Some(i), Some(stage), analyser);
        if let Some(Ok(mut slot)) = early.drawn.get(i).map(std::sync::Mutex::lock) {
            *slot = Some(drawn);
        }
    }

    /// Renders `job` (the file of `page`, when it is a content page's or
    /// section's), staging it when `stage` says so.
    fn draw_job(
        &self,
        job: Job,
        key: u64,
        page: Option<usize>,
        stage: Option<&Stage<'_>>,
        analyser: Option<&mut crate::search::Analyser>,
    ) -> Drawn {
        let source = Path::new(&job.source);
        if let Some(d) = self.not_a_page_template(&job.template, page) {
            return Err(d);
        }
        self.renderer
            .render(&job.template, &self.site_value, &job.view, source)
            .map_err(|d| self.at_template_line(d, &job.template, page))
            .map(|html| {
                let mut result = JobResult {
                    out: job.out,
                    rendered: RenderedJob {
                        key,
                        bytes: Arc::from(Vec::new()),
                    },
                    reused: false,
                    later: false,
                    staged: None,
                    search: None,
                    page,
                };
                let staged = match (stage, analyser) {
                    (Some(stage), Some(analyser)) => {
                        self.stage(stage, &mut result, &html, analyser)
                    }
                    _ => false,
                };
                if !staged {
                    result.rendered.bytes = html.into();
                }
                result
            })
    }

    /// An error at the `template:` line of `page` when it names a template that
    /// is not for a page of its own (`macros.html`, `search.html`): rendered,
    /// the page's text would be missing from its address.
    fn not_a_page_template(&self, template: &str, page: Option<usize>) -> Option<Box<Diagnostic>> {
        let page = self.content.pages.get(page?)?;
        if page.meta.template.as_deref() != Some(template) {
            return None;
        }
        let why = crate::render::not_for_a_page(template)?;
        let line = page.meta.key_lines.get("template").copied().unwrap_or(1);
        let list = self.renderer.page_templates().join(", ");
        Some(Box::new(
            Diagnostic::error(
                crate::rules::TEMPLATE,
                &page.file,
                format!("`template: {template}` names {why}, not a template for a page, so this page's text would not be shown"),
            )
            .at(line, 1)
            .help(format!("remove the line to use the page's usual template, or name one of these: {list}")),
        ))
    }

    /// A finding about the template `template` with no line, placed at the
    /// `template:` line of `page`'s front matter when that names it (a
    /// `template: nosuch.html` that does not exist).
    fn at_template_line(
        &self,
        d: Box<Diagnostic>,
        template: &str,
        page: Option<usize>,
    ) -> Box<Diagnostic> {
        let Some(page) = page.and_then(|i| self.content.pages.get(i)) else {
            return d;
        };
        match page.meta.key_lines.get("template") {
            Some(&line)
                if d.line.is_none()
                    && d.file == page.file
                    && page.meta.template.as_deref() == Some(template) =>
            {
                Box::new(d.at(line, 1))
            }
            _ => d,
        }
    }

    /// Reads a content page's search words from its HTML `bytes`, then writes
    /// the file into the staging folder: true when it was, so its bytes need
    /// not be kept. A file that cannot be staged keeps its bytes, and is
    /// written at the end as without staging.
    fn stage(
        &self,
        stage: &Stage<'_>,
        result: &mut JobResult,
        bytes: &[u8],
        analyser: &mut crate::search::Analyser,
    ) -> bool {
        if let Some(i) = result.page {
            let page = &self.content.pages[i];
            let code = &self.config.language_of(page.lang.as_deref()).code;
            let english = crate::search::stems(code);
            result.search = Some(analyser.analyse(&page.meta.title, bytes, english));
        }
        match stage.staging.put(&result.out, bytes) {
            Some(to) => {
                result.staged = Some(to);
                true
            }
            None => false,
        }
    }
}
