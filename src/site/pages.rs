//! From the model to HTML: builds each page's view and renders its template.
//!
//! Every page, section listing page, taxonomy page and the 404 page is rendered
//! here, in parallel. Listing pages get light summaries of only the pages they show.

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::model::Model;
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
    /// The keys planned files are made with.
    pub(crate) keys: &'a Keys,
    /// Each page's event, same index as `content.pages`.
    pub(crate) events: &'a [Option<crate::events::EventView>],
    /// Translations and Easy Read versions.
    pub(crate) alternates: &'a super::alternates::Alternates,
    /// The theme's words, for dates.
    pub(crate) strings: &'a crate::strings::Strings,
}

/// One HTML file to write: output path and the page's view.
pub(crate) struct Job {
    /// Output path (`briefings/index.html`).
    pub(crate) out: String,
    /// Template name.
    pub(crate) template: String,
    /// The view.
    pub(crate) view: Box<PageView>,
    /// Source file for messages.
    pub(crate) source: std::path::PathBuf,
}

/// One HTML file as rendered, kept by the cache so that the next build can reuse
/// its bytes when its key is the same again.
#[derive(Debug)]
pub(crate) struct RenderedJob {
    /// The key it was planned with (see [`Ctx::plan`]).
    pub(crate) key: u64,
    /// The HTML.
    pub(crate) bytes: Arc<[u8]>,
}

/// Rendered HTML files by output path.
pub(crate) type RenderedJobs = HashMap<String, RenderedJob>;

/// What an HTML file is made from, before its view is built.
#[derive(Debug, Clone)]
pub(crate) enum Spec {
    /// A content page, by index.
    Page(usize),
    /// A section's listing page: section index, listing page (from 0).
    Section(usize, usize),
    /// An events section's page of past events.
    Past(usize),
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
}

impl Ctx<'_> {
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.site.base_path)
    }

    pub(super) fn summary(&self, i: usize) -> SummaryView {
        let p = &self.content.pages[i];
        SummaryView {
            title: p.meta.title.clone(),
            url: self.url(&p.path),
            description: p
                .meta
                .description
                .clone()
                .unwrap_or_else(|| self.rendered[i].summary.clone()),
            date: p.meta.date.map(|d| self.date(d, &self.config.language)),
            updated: p.meta.updated.map(|d| self.date(d, &self.config.language)),
            pinned: p.meta.pinned,
            event: self.events.get(i).cloned().flatten(),
        }
    }

    /// A date in words in language `lang`.
    pub(crate) fn date(&self, date: jiff::civil::Date, lang: &str) -> DateView {
        DateView {
            iso: date.to_string(),
            human: self.strings.date(lang, date),
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
                let lang = page.lang.as_deref().unwrap_or(&self.config.language);
                self.strings.get(lang, "home").to_owned()
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
                        url: self.url(&format!("{tax}/{}/", crate::text::url_slug(t))),
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
        let language = self.config.language_of(page.lang.as_deref());
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
            date: page.meta.date.map(|d| self.date(d, &language.code)),
            updated: page.meta.updated.map(|d| self.date(d, &language.code)),
            review_by: page.meta.review_by.map(|d| self.date(d, &language.code)),
            changes: crate::render::views::ChangeView::list(&page.meta.changes),
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
            event: self.events.get(i).cloned().flatten(),
            lang: language.code.clone(),
            dir: language.dir.as_str(),
            translations: self.translations(i),
            easy_read: self.alternates.easy_read(i).map(|j| self.link(j)),
            full_version: self.alternates.full_version(i).map(|j| self.link(j)),
            outdated: self.outdated(i),
            report_concern_url: page
                .lang
                .as_deref()
                .and_then(|l| self.localised_url(&self.site.report_concern.as_ref()?.url, l)),
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
        let easy_read = page.meta.page_kind == Some(crate::content::PageKind::EasyRead)
            || self.section_page(parent).meta.page_kind == Some(crate::content::PageKind::EasyRead);
        let template = match &page.meta.template {
            Some(t) => t.clone(),
            None if briefing && self.renderer.has("briefing.html") => "briefing.html".to_owned(),
            None if easy_read && self.renderer.has("easy_read.html") => "easy_read.html".to_owned(),
            None => "page.html".to_owned(),
        };
        Job {
            out: format!("{}index.html", page.path),
            template,
            view: Box::new(view),
            source: page.file.clone(),
        }
    }

    /// How many listing pages section `section` has.
    fn section_pages(&self, section: usize) -> usize {
        let per_page = self.section_page(section).meta.paginate_by;
        chunk_count(self.model.ordered[section].len(), per_page)
    }

    /// The pages shown on listing page `chunk` (from 0) of section `section`.
    fn section_chunk(&self, section: usize, chunk: usize) -> &[usize] {
        let per_page = self.section_page(section).meta.paginate_by;
        chunk_of(&self.model.ordered[section], per_page, chunk)
    }

    /// Listing page `chunk` (from 0) of section `section`.
    pub(super) fn section_job(&self, section: usize, chunk: usize) -> Job {
        let sp = self.section_page(section);
        let i = self.content.sections[section].index;
        let is_home = sp.path.is_empty();
        let kind = if is_home { "home" } else { "section" };
        let template = match &sp.meta.template {
            Some(t) => t.clone(),
            None if is_home && self.renderer.has("index.html") => "index.html".to_owned(),
            None => "section.html".to_owned(),
        };
        let mut view = self.base_view(i, kind);
        view.subsections = self.content.sections[section]
            .subsections
            .iter()
            .map(|&s| self.summary(self.content.sections[s].index))
            .collect();
        if sp.meta.document {
            view.document = Some(self.document_view(section, None));
        }
        if is_home {
            view.latest = self.latest().into_iter().map(|i| self.summary(i)).collect();
            // Each link once: what the home page's own text links to is not listed
            // again under "Latest" or the sections.
            let mut seen = linked_urls(&view.content);
            view.latest.retain(|item| seen.insert(item.url.clone()));
            view.subsections
                .retain(|item| seen.insert(item.url.clone()));
        }
        if sp.meta.page_kind == Some(crate::content::PageKind::Events) {
            view.events = Some(super::events::Events::nav(
                self.config,
                self.content,
                i,
                false,
                self.strings,
            ));
        }
        view.pages = self
            .section_chunk(section, chunk)
            .iter()
            .map(|&p| self.summary(p))
            .collect();
        let total = self.section_pages(section);
        let n = chunk + 1;
        let page_url = |n: usize| {
            if n == 1 {
                self.url(&sp.path)
            } else {
                self.url(&format!("{}page/{n}/", sp.path))
            }
        };
        if total > 1 {
            view.paginator = Some(paginator(n, total, page_url));
            if n > 1 {
                let label = format!("{} (page {n} of {total})", sp.meta.title);
                view.head_title = self.head_title(&[&label]);
                view.url = page_url(n);
                view.permalink = format!("{}{}page/{n}/", self.config.base_url, sp.path);
                view.content = crate::html::Html::default();
            }
        }
        Job {
            out: listing_out(&sp.path, n),
            template,
            view: Box::new(view),
            source: sp.file.clone(),
        }
    }

    /// The home page's newest items, as page indexes.
    fn latest(&self) -> Vec<usize> {
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
        super::model::pin_first(self.content, &mut items);
        items.truncate(self.config.home.latest_count);
        items
    }

    fn taxonomy_job(&self, tax: &str) -> Job {
        let terms = &self.model.taxonomies[tax];
        let title = capitalise(tax);
        let terms = terms
            .iter()
            .map(|(slug, t)| TermView {
                name: t.name.clone(),
                url: self.url(&format!("{tax}/{slug}/")),
                count: t.pages.len(),
                pages: Vec::new(),
            })
            .collect();
        let view = PageView {
            kind: "taxonomy",
            head_title: self.head_title(&[&title]),
            title,
            description: Some(
                self.word("taxonomy_description")
                    .replace("{name}", singular(tax)),
            ),
            url: self.url(&format!("{tax}/")),
            permalink: format!("{}{tax}/", self.config.base_url),
            breadcrumbs: vec![self.home_link()],
            terms,
            feeds: self.feeds.site_links(),
            ..PageView::default()
        };
        Job {
            out: format!("{tax}/index.html"),
            template: pick(self.renderer, "taxonomy.html"),
            view: Box::new(view),
            source: "site.yaml".into(),
        }
    }

    /// Listing page `chunk` (from 0) of a taxonomy term's page.
    fn term_job(&self, tax: &str, slug: &str, chunk: usize) -> Job {
        let t = &self.model.taxonomies[tax][slug];
        let title = capitalise(tax);
        let term_title = format!("{}: {}", capitalise(singular(tax)), t.name);
        let total = chunk_count(t.pages.len(), Some(TERM_PAGE_SIZE));
        let n = chunk + 1;
        let base = format!("{tax}/{slug}/");
        let page_url = |n: usize| {
            if n == 1 {
                self.url(&base)
            } else {
                self.url(&format!("{base}page/{n}/"))
            }
        };
        let mut view = PageView {
            kind: "term",
            head_title: self.head_title(&[&term_title, &title]),
            description: Some(self.word("pages_about").replace("{term}", &t.name)),
            url: page_url(n),
            permalink: format!("{}{base}", self.config.base_url),
            breadcrumbs: vec![
                self.home_link(),
                LinkView {
                    title: title.clone(),
                    url: self.url(&format!("{tax}/")),
                    current: false,
                },
            ],
            pages: chunk_of(&t.pages, Some(TERM_PAGE_SIZE), chunk)
                .iter()
                .map(|&i| self.summary(i))
                .collect(),
            feeds: self.feeds.site_links(),
            title: term_title,
            ..PageView::default()
        };
        if total > 1 {
            view.paginator = Some(paginator(n, total, page_url));
            if n > 1 {
                let label = format!("{} (page {n} of {total})", view.title);
                view.head_title = self.head_title(&[&label, &title]);
                view.permalink = format!("{}{base}page/{n}/", self.config.base_url);
            }
        }
        Job {
            out: listing_out(&base, n),
            template: pick(self.renderer, "term.html"),
            view: Box::new(view),
            source: "site.yaml".into(),
        }
    }

    /// The theme's words for `key` in the site's default language, for the pages
    /// the site makes itself (404, A–Z, topics, glossary).
    pub(crate) fn word(&self, key: &'static str) -> &str {
        self.strings.get(&self.config.language, key)
    }

    fn home_link(&self) -> LinkView {
        LinkView {
            title: self.word("home").to_owned(),
            url: self.url(""),
            current: false,
        }
    }

    fn not_found_job(&self) -> Option<Job> {
        if !self.renderer.has("404.html") {
            return None;
        }
        let view = PageView {
            kind: "not_found",
            title: self.word("not_found").to_owned(),
            head_title: self.head_title(&[self.word("not_found")]),
            url: self.url("404.html"),
            permalink: format!("{}404.html", self.config.base_url),
            breadcrumbs: vec![self.home_link()],
            ..PageView::default()
        };
        Some(Job {
            out: "404.html".to_owned(),
            template: "404.html".to_owned(),
            view: Box::new(view),
            source: "404.html".into(),
        })
    }

    fn hasher(&self, kind: &str) -> DefaultHasher {
        let mut h = DefaultHasher::new();
        self.keys.global.hash(&mut h);
        kind.hash(&mut h);
        h
    }

    /// The section pages above page `i`, nearest first.
    fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.content.pages[i].parent, |&s| {
            self.section_page(s).parent
        })
        .map(|s| self.content.sections[s].index)
    }

    /// Hashes the links of a page's breadcrumbs and, for a chapter or a document,
    /// of the document's chapters.
    fn hash_surroundings(&self, i: usize, document: Option<usize>, h: &mut DefaultHasher) {
        for a in self.ancestors(i) {
            (a, self.keys.link[a]).hash(h);
        }
        if let Some(s) = document.filter(|&s| self.section_page(s).meta.document) {
            let sp = self.content.sections[s].index;
            (sp, self.keys.link[sp]).hash(h);
            for &j in &self.model.ordered[s] {
                (j, self.keys.link[j]).hash(h);
            }
        }
    }

    /// Every HTML file made from a template, planned with its key but with no view
    /// built yet. The key hashes everything the file's view is made from: the
    /// site-wide inputs, then the revision, link or summary of each page it shows.
    pub(crate) fn plan(&self) -> Vec<Planned> {
        let pages = self.content.pages.len();
        let mut plan: Vec<Planned> = (0..pages)
            .into_par_iter()
            .filter(|&i| !self.content.pages[i].is_section)
            .map(|i| {
                let page = &self.content.pages[i];
                let mut h = self.hasher("page");
                (i, self.keys.revision[i]).hash(&mut h);
                self.hash_alternates(i, &mut h);
                self.hash_surroundings(i, Some(page.parent.unwrap_or(0)), &mut h);
                Planned {
                    out: format!("{}index.html", page.path),
                    spec: Spec::Page(i),
                    key: h.finish(),
                }
            })
            .collect();
        let sections: Vec<Vec<Planned>> = (0..self.content.sections.len())
            .into_par_iter()
            .map(|s| self.plan_section(s))
            .collect();
        plan.extend(sections.into_iter().flatten());
        for s in 0..self.content.sections.len() {
            if self.print_url(s).is_none() {
                continue;
            }
            let sp = self.content.sections[s].index;
            let mut h = self.hasher("print");
            (sp, self.keys.revision[sp]).hash(&mut h);
            self.hash_surroundings(sp, Some(s), &mut h);
            for &j in &self.model.ordered[s] {
                (j, self.keys.revision[j]).hash(&mut h);
            }
            plan.push(Planned {
                out: format!("{}print/index.html", self.section_page(s).path),
                spec: Spec::Print(s),
                key: h.finish(),
            });
        }
        for (tax, terms) in &self.model.taxonomies {
            let mut h = self.hasher("taxonomy");
            tax.hash(&mut h);
            for (slug, t) in terms {
                (slug, &t.name, t.pages.len()).hash(&mut h);
            }
            plan.push(Planned {
                out: format!("{tax}/index.html"),
                spec: Spec::Taxonomy(tax.clone()),
                key: h.finish(),
            });
            for (slug, t) in terms {
                let total = chunk_count(t.pages.len(), Some(TERM_PAGE_SIZE));
                for chunk in 0..total {
                    let mut h = self.hasher("term");
                    (tax, slug, &t.name, chunk, total).hash(&mut h);
                    for &j in chunk_of(&t.pages, Some(TERM_PAGE_SIZE), chunk) {
                        (j, self.keys.summary[j]).hash(&mut h);
                    }
                    plan.push(Planned {
                        out: listing_out(&format!("{tax}/{slug}/"), chunk + 1),
                        spec: Spec::Term(tax.clone(), slug.clone(), chunk),
                        key: h.finish(),
                    });
                }
            }
        }
        let plain = |out: &str, spec: Spec, kind: &str| Planned {
            out: out.to_owned(),
            spec,
            key: self.hasher(kind).finish(),
        };
        if self.renderer.has("404.html") {
            plan.push(plain("404.html", Spec::NotFound, "404"));
        }
        if self.renderer.has("a-z.html") {
            let mut h = self.hasher("a-z");
            self.keys.link.hash(&mut h);
            plan.push(Planned {
                out: "a-z/index.html".to_owned(),
                spec: Spec::AToZ,
                key: h.finish(),
            });
        }
        if self.renderer.has("search.html") {
            // Each search page lists the others: their languages are in its key.
            let languages = super::indexes::search_languages(self);
            let mut h = self.hasher("search");
            for language in &languages {
                language.code.hash(&mut h);
            }
            let key = h.finish();
            plan.push(Planned {
                out: "search/index.html".to_owned(),
                spec: Spec::Search(None),
                key,
            });
            for language in languages {
                plan.push(Planned {
                    out: format!("{}/search/index.html", language.url_prefix()),
                    spec: Spec::Search(Some(language.code.clone())),
                    key,
                });
            }
        }
        plan
    }

    fn plan_section(&self, s: usize) -> Vec<Planned> {
        let sp = self.content.sections[s].index;
        let path = &self.content.pages[sp].path;
        let mut h = self.hasher("section");
        (s, sp, self.keys.revision[sp]).hash(&mut h);
        self.hash_surroundings(sp, Some(s), &mut h);
        self.hash_alternates(sp, &mut h);
        for &sub in &self.content.sections[s].subsections {
            let j = self.content.sections[sub].index;
            (j, self.keys.summary[j]).hash(&mut h);
        }
        if path.is_empty() {
            for j in self.latest() {
                (j, self.keys.summary[j]).hash(&mut h);
            }
        }
        let total = self.section_pages(s);
        let mut past = Vec::new();
        if self.content.pages[sp].meta.page_kind == Some(crate::content::PageKind::Events) {
            let mut h = h.clone();
            "past".hash(&mut h);
            for &j in &self.model.past[s] {
                (j, self.keys.summary[j]).hash(&mut h);
            }
            past.push(Planned {
                out: format!("{path}{}/index.html", super::events::PAST_DIR),
                spec: Spec::Past(s),
                key: h.finish(),
            });
        }
        (0..total)
            .map(|chunk| {
                let mut h = h.clone();
                (chunk, total).hash(&mut h);
                for &j in self.section_chunk(s, chunk) {
                    (j, self.keys.summary[j]).hash(&mut h);
                }
                Planned {
                    out: listing_out(path, chunk + 1),
                    spec: Spec::Section(s, chunk),
                    key: h.finish(),
                }
            })
            .chain(past)
            .collect()
    }

    fn job(&self, spec: &Spec) -> Option<Job> {
        match spec {
            Spec::Page(i) => Some(self.page_job(*i)),
            Spec::Section(s, chunk) => Some(self.section_job(*s, *chunk)),
            Spec::Past(s) => Some(self.past_job(*s)),
            Spec::Print(s) => self.print_job(*s),
            Spec::Taxonomy(tax) => Some(self.taxonomy_job(tax)),
            Spec::Term(tax, slug, chunk) => Some(self.term_job(tax, slug, *chunk)),
            Spec::NotFound => self.not_found_job(),
            Spec::AToZ => super::indexes::a_z_job(self),
            Spec::Search(lang) => super::indexes::search_job(self, lang.as_deref()),
        }
    }

    /// Renders the planned files in parallel. A file whose key is the one it had
    /// in `previous` keeps its bytes, and its view is never built.
    pub(crate) fn render(
        &self,
        plan: Vec<Planned>,
        previous: &RenderedJobs,
    ) -> Vec<Result<JobResult, Box<Diagnostic>>> {
        plan.into_par_iter()
            .filter_map(|planned| {
                if let Some(old) = previous.get(&planned.out).filter(|o| o.key == planned.key) {
                    return Some(Ok(JobResult {
                        out: planned.out,
                        rendered: RenderedJob {
                            key: planned.key,
                            bytes: old.bytes.clone(),
                        },
                        reused: true,
                    }));
                }
                let job = self.job(&planned.spec)?;
                debug_assert_eq!(job.out, planned.out);
                let source = Path::new(&job.source);
                Some(
                    self.renderer
                        .render(&job.template, self.site, &job.view, source)
                        .map(|html| JobResult {
                            out: planned.out,
                            rendered: RenderedJob {
                                key: planned.key,
                                bytes: html.into_bytes().into(),
                            },
                            reused: false,
                        }),
                )
            })
            .collect()
    }
}

/// How many listing pages `items` items make at `per_page` a page (all on one
/// page when `None`); at least one.
fn chunk_count(items: usize, per_page: Option<usize>) -> usize {
    match per_page {
        Some(n) if n > 0 && items > n => items.div_ceil(n),
        _ => 1,
    }
}

/// The items on listing page `chunk` (from 0).
fn chunk_of<T>(items: &[T], per_page: Option<usize>, chunk: usize) -> &[T] {
    match per_page {
        Some(n) if n > 0 && items.len() > n => {
            let start = (chunk * n).min(items.len());
            &items[start..(start + n).min(items.len())]
        }
        _ => items,
    }
}

/// The output path of listing page `n` (from 1) of the listing at `path`.
fn listing_out(path: &str, n: usize) -> String {
    if n == 1 {
        format!("{path}index.html")
    } else {
        format!("{path}page/{n}/index.html")
    }
}

/// Links between listing pages: page `n` of `total`.
fn paginator(n: usize, total: usize, page_url: impl Fn(usize) -> String) -> PaginatorView {
    PaginatorView {
        current: n,
        total,
        previous: (n > 1).then(|| page_url(n - 1)),
        next: (n < total).then(|| page_url(n + 1)),
        pages: super::model::page_window(n, total)
            .into_iter()
            .map(|m| match m {
                Some(m) => LinkView {
                    title: m.to_string(),
                    url: page_url(m),
                    current: m == n,
                },
                None => LinkView {
                    title: "…".to_owned(),
                    url: String::new(),
                    current: false,
                },
            })
            .collect(),
    }
}

/// The site-wide key and per-page signatures that planned files' keys are made of.
#[derive(Debug, Default)]
pub(crate) struct Keys {
    /// Everything every file depends on: settings, templates, the site's
    /// structure, the Markdown environment and which feeds exist.
    pub(crate) global: u64,
    /// Each page's text revision and attachments: everything of the page its own
    /// file shows.
    pub(crate) revision: Vec<u64>,
    /// Each page's title and address: what breadcrumbs, chapter lists and the A–Z
    /// page show.
    pub(crate) link: Vec<u64>,
    /// What a listing shows of each page (see [`Ctx::summary`]).
    pub(crate) summary: Vec<u64>,
}

impl Keys {
    /// Computes the signatures of every page.
    pub(crate) fn new(
        global: u64,
        content: &Content,
        rendered: &[Rendered],
        attachments: &[Vec<AttachmentView>],
        events: &[Option<crate::events::EventView>],
    ) -> Keys {
        let one = |f: &(dyn Fn(usize, &mut DefaultHasher) + Sync)| -> Vec<u64> {
            (0..content.pages.len())
                .into_par_iter()
                .map(|i| {
                    let mut h = DefaultHasher::new();
                    f(i, &mut h);
                    h.finish()
                })
                .collect()
        };
        Keys {
            global,
            revision: one(&|i, h| {
                content.pages[i].revision.hash(h);
                attachments.get(i).hash(h);
                events.get(i).hash(h);
            }),
            link: one(&|i, h| {
                let p = &content.pages[i];
                (&p.meta.title, &p.path).hash(h);
            }),
            summary: one(&|i, h| {
                let p = &content.pages[i];
                (&p.meta.title, &p.path, &p.meta.description).hash(h);
                (&rendered[i].summary, p.meta.date, p.meta.updated).hash(h);
                (p.meta.pinned, events.get(i)).hash(h);
            }),
        }
    }
}

/// The `href` values of the links in `html`.
fn linked_urls(html: &str) -> std::collections::HashSet<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|url| url.split('#').next().unwrap_or(url).to_owned())
        .collect()
}

/// Listing pages of a taxonomy term show this many pages each.
pub(crate) const TERM_PAGE_SIZE: usize = 20;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_links_of_a_page() {
        let urls = linked_urls(r#"<p><a href="/a/">A</a> <a class="x" href="/b/#part">B</a></p>"#);
        assert!(urls.contains("/a/") && urls.contains("/b/"));
        assert_eq!(urls.len(), 2);
    }

    #[test]
    fn splits_listings_into_pages() {
        let items = [1, 2, 3, 4, 5];
        assert_eq!(chunk_count(5, Some(2)), 3);
        assert_eq!(chunk_of(&items, Some(2), 0), [1, 2]);
        assert_eq!(chunk_of(&items, Some(2), 2), [5]);
        assert_eq!(chunk_count(2, None), 1);
        assert_eq!(chunk_of(&items, None, 0), items);
        assert_eq!(
            chunk_count(0, Some(3)),
            1,
            "an empty listing still has a page"
        );
        assert!(chunk_of(&[0u8; 0], Some(3), 0).is_empty());
        assert_eq!(listing_out("news/", 1), "news/index.html");
        assert_eq!(listing_out("news/", 3), "news/page/3/index.html");
    }
}
