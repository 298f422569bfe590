//! From the model to HTML: builds each page's view and renders its template.
//!
//! Every page, section listing page, taxonomy page and the 404 page is rendered
//! here, in parallel. Listing pages get light summaries of only the pages they show.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::model::{Model, paginate};
use crate::config::Config;
use crate::content::{Content, Page};
use crate::error::Diagnostic;
use crate::markdown::Rendered;
use crate::render::Renderer;
use crate::render::views::{
    AttachmentView, ChapterView, DateView, DocumentView, LinkView, PageView, PaginatorView,
    PartView, SiteView, SummaryView, TermView, TocItem,
};

/// Everything page rendering reads.
pub(crate) struct Ctx<'a> {
    /// Settings.
    pub(crate) config: &'a Config,
    /// Content.
    pub(crate) content: &'a Content,
    /// Rendered Markdown, same index as `content.pages`.
    pub(crate) rendered: &'a [Rendered],
    /// Order and taxonomies.
    pub(crate) model: &'a Model,
    /// Templates.
    pub(crate) renderer: &'a Renderer,
    /// The site view.
    pub(crate) site: &'a SiteView,
    /// Each page's attachments, same index as `content.pages`.
    pub(crate) attachments: &'a [Vec<AttachmentView>],
    /// Chapters of documents rendered again for print pages, by page index.
    pub(crate) print: &'a super::print::PrintChapters,
    /// Atom feeds, which pages link to.
    pub(crate) feeds: &'a super::extras::Feeds,
}

/// One HTML file to write: output path and the page's view.
pub(crate) struct Job {
    /// Output path (`briefings/index.html`).
    pub(crate) out: String,
    /// Template name.
    pub(crate) template: String,
    /// The view.
    pub(crate) view: PageView,
    /// Source file for messages.
    pub(crate) source: std::path::PathBuf,
}

/// One HTML file as rendered: kept by the cache so that the next build can reuse
/// the bytes when the file's template and view are the same again.
#[derive(Debug)]
pub(crate) struct RenderedJob {
    /// Template name.
    pub(crate) template: String,
    /// The view it was rendered from.
    pub(crate) view: PageView,
    /// The HTML.
    pub(crate) bytes: Arc<[u8]>,
}

/// Rendered HTML files by output path.
pub(crate) type RenderedJobs = HashMap<String, RenderedJob>;

/// The outcome of rendering one job.
pub(crate) struct JobResult {
    /// Output path.
    pub(crate) out: String,
    /// The rendered file and what it came from.
    pub(crate) rendered: RenderedJob,
    /// True when the bytes were taken from the last build.
    pub(crate) reused: bool,
}

impl Ctx<'_> {
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.site.base_path)
    }

    fn summary(&self, i: usize) -> SummaryView {
        let p = &self.content.pages[i];
        SummaryView {
            title: p.meta.title.clone(),
            url: self.url(&p.path),
            description: p
                .meta
                .description
                .clone()
                .unwrap_or_else(|| self.rendered[i].summary.clone()),
            date: p.meta.date.map(DateView::new),
            updated: p.meta.updated.map(DateView::new),
        }
    }

    pub(super) fn section_page(&self, section: usize) -> &Page {
        &self.content.pages[self.content.sections[section].index]
    }

    pub(super) fn breadcrumbs(&self, page: &Page) -> Vec<LinkView> {
        let mut chain = Vec::new();
        let mut cur = page.parent;
        while let Some(s) = cur {
            let sp = self.section_page(s);
            let title = if sp.path.is_empty() {
                "Home".to_owned()
            } else {
                sp.meta.title.clone()
            };
            chain.push(LinkView {
                title,
                url: self.url(&sp.path),
                current: false,
            });
            cur = sp.parent;
        }
        chain.reverse();
        chain
    }

    pub(crate) fn head_title(&self, parts: &[&str]) -> String {
        let mut all: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
        if all.last() != Some(&self.site.title.as_str()) {
            all.push(&self.site.title);
        }
        all.dedup();
        all.join(" – ")
    }

    fn term_links(&self, page: &Page) -> BTreeMap<String, Vec<LinkView>> {
        page.meta
            .taxonomies
            .iter()
            .map(|(tax, terms)| {
                let links = terms
                    .iter()
                    .map(|t| LinkView {
                        title: t.clone(),
                        url: self.url(&format!("{tax}/{}/", crate::content::slugify(t))),
                        current: false,
                    })
                    .collect();
                (tax.clone(), links)
            })
            .collect()
    }

    /// The common part of a page's or section's view.
    fn base_view(&self, i: usize, kind: &'static str) -> PageView {
        let page = &self.content.pages[i];
        let r = &self.rendered[i];
        let taxonomies = self.term_links(page);
        let section = page.parent.filter(|&s| s != 0).map(|s| {
            let sp = self.section_page(s);
            LinkView {
                title: sp.meta.title.clone(),
                url: self.url(&sp.path),
                current: false,
            }
        });
        let head_title = match (&section, page.path.is_empty()) {
            (_, true) => self.head_title(&[&page.meta.title]),
            (Some(s), false) => self.head_title(&[&page.meta.title, &s.title]),
            (None, false) => self.head_title(&[&page.meta.title]),
        };
        let toc = if page.meta.toc {
            r.headings
                .iter()
                .filter(|h| h.level == 2 || h.level == 3)
                .map(|h| TocItem {
                    level: h.level,
                    id: h.id.clone(),
                    title: h.text.clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
        PageView {
            kind,
            title: page.meta.title.clone(),
            head_title,
            description: page.meta.description.clone(),
            url: self.url(&page.path),
            permalink: format!("{}{}", self.config.base_url, page.path),
            content: r.html.clone(),
            date: page.meta.date.map(DateView::new),
            updated: page.meta.updated.map(DateView::new),
            review_by: page.meta.review_by.map(DateView::new),
            topics: taxonomies.get("topics").cloned().unwrap_or_default(),
            taxonomies,
            toc,
            breadcrumbs: self.breadcrumbs(page),
            section,
            word_count: r.word_count,
            reading_minutes: r.word_count.div_ceil(200).max(1),
            extra: page.meta.extra.clone(),
            source: page.file.display().to_string(),
            attachments: self.attachments.get(i).cloned().unwrap_or_default(),
            feeds: self.feeds.links_for(self.content, i),
            ..PageView::default()
        }
    }

    pub(super) fn document_view(&self, section: usize, current: Option<usize>) -> DocumentView {
        let sp = self.section_page(section);
        let order = &self.model.ordered[section];
        let chapters = order
            .iter()
            .enumerate()
            .map(|(n, &i)| ChapterView {
                number: n + 1,
                title: self.content.pages[i].meta.title.clone(),
                url: self.url(&self.content.pages[i].path),
                current: Some(i) == current,
            })
            .collect();
        let pos = current.and_then(|c| order.iter().position(|&i| i == c));
        let link = |i: usize| LinkView {
            title: self.content.pages[i].meta.title.clone(),
            url: self.url(&self.content.pages[i].path),
            current: false,
        };
        let previous = match pos {
            Some(0) => Some(LinkView {
                title: sp.meta.title.clone(),
                url: self.url(&sp.path),
                current: false,
            }),
            Some(p) => Some(link(order[p - 1])),
            None => None,
        };
        let next = match pos {
            Some(p) => order.get(p + 1).map(|&i| link(i)),
            None => order.first().map(|&i| link(i)),
        };
        DocumentView {
            title: sp.meta.title.clone(),
            url: self.url(&sp.path),
            chapters,
            previous,
            next,
            print_url: self.print_url(section),
        }
    }

    fn page_job(&self, i: usize) -> Job {
        let page = &self.content.pages[i];
        let mut view = self.base_view(i, "page");
        let parent = page.parent.unwrap_or(0);
        if self.section_page(parent).meta.document {
            view.document = Some(self.document_view(parent, Some(i)));
        }
        let briefing = Model::is_briefing_section(self.content, parent);
        if briefing {
            view.intro = self.rendered[i].intro_html.clone();
            view.parts = self.rendered[i]
                .parts
                .iter()
                .enumerate()
                .map(|(n, p)| PartView {
                    number: n + 1,
                    title: p.heading.text.clone(),
                    id: p.heading.id.clone(),
                    html: p.html.clone(),
                })
                .collect();
        }
        let template = match &page.meta.template {
            Some(t) => t.clone(),
            None if briefing && self.renderer.has("briefing.html") => "briefing.html".to_owned(),
            None => "page.html".to_owned(),
        };
        Job {
            out: format!("{}index.html", page.path),
            template,
            view,
            source: page.file.clone(),
        }
    }

    fn section_jobs(&self, section: usize) -> Vec<Job> {
        let sp = self.section_page(section);
        let i = self.content.sections[section].index;
        let is_home = sp.path.is_empty();
        let kind = if is_home { "home" } else { "section" };
        let template = match &sp.meta.template {
            Some(t) => t.clone(),
            None if is_home && self.renderer.has("index.html") => "index.html".to_owned(),
            None => "section.html".to_owned(),
        };
        let summaries: Vec<SummaryView> = self.model.ordered[section]
            .iter()
            .map(|&p| self.summary(p))
            .collect();
        let subsections: Vec<SummaryView> = self.content.sections[section]
            .subsections
            .iter()
            .map(|&s| self.summary(self.content.sections[s].index))
            .collect();
        let mut base = self.base_view(i, kind);
        base.subsections = subsections;
        if sp.meta.document {
            base.document = Some(self.document_view(section, None));
        }
        if is_home {
            base.latest = self.latest();
        }
        let chunks = paginate(&summaries, sp.meta.paginate_by);
        let total = chunks.len();
        let page_url = |n: usize| {
            if n == 1 {
                self.url(&sp.path)
            } else {
                self.url(&format!("{}page/{n}/", sp.path))
            }
        };
        chunks
            .into_iter()
            .enumerate()
            .map(|(k, pages)| {
                let n = k + 1;
                let mut view = base.clone();
                view.pages = pages;
                if total > 1 {
                    view.paginator = Some(PaginatorView {
                        current: n,
                        total,
                        previous: (n > 1).then(|| page_url(n - 1)),
                        next: (n < total).then(|| page_url(n + 1)),
                        pages: (1..=total)
                            .map(|m| LinkView {
                                title: m.to_string(),
                                url: page_url(m),
                                current: m == n,
                            })
                            .collect(),
                    });
                    if n > 1 {
                        let label = format!("{} (page {n} of {total})", sp.meta.title);
                        view.head_title = self.head_title(&[&label]);
                        view.url = page_url(n);
                        view.permalink = format!("{}{}page/{n}/", self.config.base_url, sp.path);
                        view.content = crate::render::views::Html::default();
                    }
                }
                let out = if n == 1 {
                    format!("{}index.html", sp.path)
                } else {
                    format!("{}page/{n}/index.html", sp.path)
                };
                Job {
                    out,
                    template: template.clone(),
                    view,
                    source: sp.file.clone(),
                }
            })
            .collect()
    }

    fn latest(&self) -> Vec<SummaryView> {
        let mut items: Vec<usize> = Vec::new();
        for (s, section) in self.content.sections.iter().enumerate() {
            let sp = &self.content.pages[section.index];
            let name = sp.path.trim_end_matches('/');
            if self
                .config
                .home
                .latest_from
                .iter()
                .any(|n| n.trim_matches('/') == name)
            {
                items.extend(&self.model.ordered[s]);
            }
        }
        super::model::sort_pages(self.content, &mut items, crate::content::SortBy::Date);
        items.truncate(self.config.home.latest_count);
        items.into_iter().map(|i| self.summary(i)).collect()
    }

    fn taxonomy_jobs(&self) -> Vec<Job> {
        let mut jobs = Vec::new();
        for (tax, terms) in &self.model.taxonomies {
            let title = capitalise(tax);
            let term_views: Vec<TermView> = terms
                .iter()
                .map(|(slug, t)| TermView {
                    name: t.name.clone(),
                    url: self.url(&format!("{tax}/{slug}/")),
                    count: t.pages.len(),
                    pages: Vec::new(),
                })
                .collect();
            let home = LinkView {
                title: "Home".to_owned(),
                url: self.url(""),
                current: false,
            };
            let index = PageView {
                kind: "taxonomy",
                head_title: self.head_title(&[&title]),
                title: title.clone(),
                description: Some(format!(
                    "Every {} used on this site, with the pages about each.",
                    singular(tax)
                )),
                url: self.url(&format!("{tax}/")),
                permalink: format!("{}{tax}/", self.config.base_url),
                breadcrumbs: vec![home.clone()],
                terms: term_views,
                feeds: self.feeds.site_links(),
                ..PageView::default()
            };
            jobs.push(Job {
                out: format!("{tax}/index.html"),
                template: pick(self.renderer, "taxonomy.html"),
                view: index,
                source: "site.yaml".into(),
            });
            for (slug, t) in terms {
                let pages: Vec<SummaryView> = t.pages.iter().map(|&i| self.summary(i)).collect();
                let term_title = format!("{}: {}", capitalise(singular(tax)), t.name);
                let view = PageView {
                    kind: "term",
                    head_title: self.head_title(&[&term_title, &title]),
                    title: term_title,
                    description: Some(format!("Pages about {}.", t.name)),
                    url: self.url(&format!("{tax}/{slug}/")),
                    permalink: format!("{}{tax}/{slug}/", self.config.base_url),
                    breadcrumbs: vec![
                        home.clone(),
                        LinkView {
                            title: title.clone(),
                            url: self.url(&format!("{tax}/")),
                            current: false,
                        },
                    ],
                    pages,
                    feeds: self.feeds.site_links(),
                    ..PageView::default()
                };
                jobs.push(Job {
                    out: format!("{tax}/{slug}/index.html"),
                    template: pick(self.renderer, "term.html"),
                    view,
                    source: "site.yaml".into(),
                });
            }
        }
        jobs
    }

    fn not_found_job(&self) -> Option<Job> {
        if !self.renderer.has("404.html") {
            return None;
        }
        let view = PageView {
            kind: "not_found",
            title: "Page not found".to_owned(),
            head_title: self.head_title(&["Page not found"]),
            url: self.url("404.html"),
            permalink: format!("{}404.html", self.config.base_url),
            breadcrumbs: vec![LinkView {
                title: "Home".to_owned(),
                url: self.url(""),
                current: false,
            }],
            ..PageView::default()
        };
        Some(Job {
            out: "404.html".to_owned(),
            template: "404.html".to_owned(),
            view,
            source: "404.html".into(),
        })
    }

    /// Every HTML page of the site, not yet rendered. Views are built in parallel
    /// and share page bodies with the Markdown results rather than copying them.
    pub(crate) fn jobs(&self) -> Vec<Job> {
        let mut jobs: Vec<Job> = (0..self.content.pages.len())
            .into_par_iter()
            .filter(|&i| !self.content.pages[i].is_section)
            .map(|i| self.page_job(i))
            .collect();
        let sections: Vec<Vec<Job>> = (0..self.content.sections.len())
            .into_par_iter()
            .map(|s| self.section_jobs(s))
            .collect();
        jobs.extend(sections.into_iter().flatten());
        jobs.extend(self.print_jobs());
        jobs.extend(self.taxonomy_jobs());
        jobs.extend(self.not_found_job());
        jobs.extend(super::indexes::a_z_job(self));
        jobs.extend(super::indexes::search_job(self));
        jobs
    }

    /// Renders jobs in parallel. A job whose template and view are the same as
    /// those of the file `previous` holds for its path gets that file's bytes
    /// instead: the same template and view give the same HTML.
    pub(crate) fn render(
        &self,
        jobs: Vec<Job>,
        previous: &RenderedJobs,
    ) -> Vec<Result<JobResult, Box<Diagnostic>>> {
        jobs.into_par_iter()
            .map(|job| {
                let same = previous
                    .get(&job.out)
                    .filter(|old| old.template == job.template && old.view == job.view);
                if let Some(old) = same {
                    let rendered = RenderedJob {
                        template: job.template,
                        view: job.view,
                        bytes: old.bytes.clone(),
                    };
                    return Ok(JobResult {
                        out: job.out,
                        rendered,
                        reused: true,
                    });
                }
                let html = self.renderer.render(
                    &job.template,
                    self.site,
                    &job.view,
                    Path::new(&job.source),
                )?;
                Ok(JobResult {
                    out: job.out,
                    rendered: RenderedJob {
                        template: job.template,
                        view: job.view,
                        bytes: html.into_bytes().into(),
                    },
                    reused: false,
                })
            })
            .collect()
    }
}

fn pick(renderer: &Renderer, name: &str) -> String {
    if renderer.has(name) {
        name.to_owned()
    } else {
        "section.html".to_owned()
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn singular(s: &str) -> &str {
    s.strip_suffix('s').unwrap_or(s)
}
