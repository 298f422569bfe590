//! The shared context of page rendering: [`Ctx`], everything a job reads, with
//! the helpers every kind of job uses (addresses, dates, breadcrumbs, the common
//! part of a page's view, listing pages) and the [`Job`] a builder returns.
//!
//! Part of `site`. The job builders (`jobs/`) and the plan (`plan.rs`) build on
//! it; it imports neither. It renders no templates.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash};

use super::alternates::Alternates;
use super::aside::PutAside;
use super::feed_plan::Feeds;
use super::keys::Keys;
use super::model::Model;
use super::print::PrintChapters;
use crate::config::Config;
use crate::content::{Content, Page};
use crate::markdown::Rendered;
use crate::render::Renderer;
use crate::render::views::{
    AttachmentView, ChapterView, DateView, DocumentView, LinkView, PageView, PaginatorView,
    SiteView, SummaryView, TocItem,
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
    /// The same, made into a template value once for every file.
    pub(crate) site_value: crate::render::SiteValue,
    /// Each page's attachments, same index as `content.pages`.
    pub(crate) attachments: &'a [Vec<AttachmentView>],
    /// Chapters of documents rendered again for print pages, by page index.
    pub(crate) print: &'a PrintChapters,
    /// Atom feeds, which pages link to.
    pub(crate) feeds: &'a Feeds,
    /// The keys planned files are made with.
    pub(crate) keys: &'a Keys,
    /// Each page's event, same index as `content.pages`.
    pub(crate) events: &'a [Option<crate::events::EventView>],
    /// Translations and Easy Read versions.
    pub(crate) alternates: &'a Alternates,
    /// The theme's words, for dates.
    pub(crate) strings: &'a crate::strings::Strings,
    /// The glossary, for the glossary page.
    pub(crate) glossary: &'a BTreeMap<String, String>,
    /// The print chapters `plainsite build` put aside in its scratch file;
    /// `None` keeps them in `print`.
    pub(crate) put_aside: Option<&'a PutAside>,
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

impl Ctx<'_> {
    pub(crate) fn url(&self, path: &str) -> String {
        [self.site.base_path.as_str(), path].concat()
    }

    pub(crate) fn summary(&self, i: usize) -> SummaryView {
        let p = &self.content.pages[i];
        // Its dates in its own language: a translation is listed in its own.
        let lang = p.lang.as_deref().unwrap_or(&self.config.language);
        SummaryView {
            title: p.meta.title.clone(),
            url: self.url(&p.path),
            description: p
                .meta
                .description
                .clone()
                .unwrap_or_else(|| self.rendered[i].summary.clone()),
            date: p.meta.date.map(|d| self.date(d, lang)),
            updated: p.meta.updated.map(|d| self.date(d, lang)),
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

    pub(crate) fn section_page(&self, section: usize) -> &Page {
        &self.content.pages[self.content.sections[section].index]
    }

    /// The page a link to section page `sp` goes to from a page in language
    /// `lang`: the section's translation into it when there is one, so that a
    /// reader of a Polish page is led to Polish listings; else `sp` itself.
    pub(crate) fn section_in(&self, sp: usize, lang: Option<&str>) -> usize {
        lang.and_then(|lang| self.alternates.version_in(self.content, sp, lang))
            .unwrap_or(sp)
    }

    pub(crate) fn breadcrumbs(&self, page: &Page) -> Vec<LinkView> {
        let mut chain = Vec::new();
        let mut cur = page.parent;
        while let Some(s) = cur {
            let sp = self.section_page(s);
            let shown = &self.content.pages
                [self.section_in(self.content.sections[s].index, page.lang.as_deref())];
            cur = sp.parent;
            // A translated home page is at the top, as the home page is.
            if shown.path == page.path {
                continue;
            }
            let title = if sp.path.is_empty() {
                let lang = page.lang.as_deref().unwrap_or(&self.config.language);
                self.strings.get(lang, "home").to_owned()
            } else {
                shown.meta.title.clone()
            };
            chain.push(LinkView {
                title,
                url: self.url(&shown.path),
                current: false,
            });
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

    pub(crate) fn term_links(&self, page: &Page) -> BTreeMap<String, Vec<LinkView>> {
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
    pub(crate) fn base_view(&self, i: usize, kind: &'static str) -> PageView {
        self.base_view_with(i, kind, &self.rendered[i])
    }

    /// [`Ctx::base_view`] from the page's Markdown result `r`, which need not be
    /// in `rendered` yet (a page drawn in the Markdown stage).
    pub(crate) fn base_view_with(&self, i: usize, kind: &'static str, r: &Rendered) -> PageView {
        let page = &self.content.pages[i];
        let language = self.config.language_of(page.lang.as_deref());
        let taxonomies = self.term_links(page);
        let section = page.parent.filter(|&s| s != 0).map(|s| {
            let sp = self.section_in(self.content.sections[s].index, page.lang.as_deref());
            let sp = &self.content.pages[sp];
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

    pub(crate) fn document_view(&self, section: usize, current: Option<usize>) -> DocumentView {
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

    /// The theme's words for `key` in the site's default language, for the pages
    /// the site makes itself (404, A–Z, topics, glossary).
    pub(crate) fn word(&self, key: &'static str) -> &str {
        self.strings.get(&self.config.language, key)
    }

    pub(crate) fn home_link(&self) -> LinkView {
        LinkView {
            title: self.word("home").to_owned(),
            url: self.url(""),
            current: false,
        }
    }

    pub(crate) fn hasher(&self, kind: &str) -> DefaultHasher {
        let mut h = DefaultHasher::new();
        self.keys.global.hash(&mut h);
        kind.hash(&mut h);
        h
    }

    /// The section pages above page `i`, nearest first.
    pub(crate) fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.content.pages[i].parent, |&s| {
            self.section_page(s).parent
        })
        .map(|s| self.content.sections[s].index)
    }

    /// Hashes the links of a page's breadcrumbs and, for a chapter or a document,
    /// of the document's chapters.
    pub(crate) fn hash_surroundings(
        &self,
        i: usize,
        document: Option<usize>,
        h: &mut DefaultHasher,
    ) {
        let lang = self.content.pages[i].lang.as_deref();
        for a in self.ancestors(i) {
            let a = self.section_in(a, lang);
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
}

/// How many listing pages `items` items make at `per_page` a page (all on one
/// page when `None`); at least one.
pub(crate) fn chunk_count(items: usize, per_page: Option<usize>) -> usize {
    match per_page {
        Some(n) if n > 0 && items > n => items.div_ceil(n),
        _ => 1,
    }
}

/// The items on listing page `chunk` (from 0).
pub(crate) fn chunk_of<T>(items: &[T], per_page: Option<usize>, chunk: usize) -> &[T] {
    match per_page {
        Some(n) if n > 0 && items.len() > n => {
            let start = (chunk * n).min(items.len());
            &items[start..(start + n).min(items.len())]
        }
        _ => items,
    }
}

/// The URL path (below the base) of listing page `n` (from 1) of the listing
/// at `path`: `path` itself, then `<path>page/<n>/`. A section and each of its
/// translations are split into pages by this one rule.
pub(crate) fn listing_path(path: &str, n: usize) -> String {
    if n == 1 {
        path.to_owned()
    } else {
        format!("{path}page/{n}/")
    }
}

/// The output path of listing page `n` (from 1) of the listing at `path`.
pub(crate) fn listing_out(path: &str, n: usize) -> String {
    format!("{}index.html", listing_path(path, n))
}

impl Ctx<'_> {
    /// The title of listing page `n` of `total` of a listing titled `title`, in
    /// language `lang` (the theme's `listing_page_of`, as the page's heading says
    /// it): "News (page 2 of 3)".
    pub(crate) fn listing_page_title(
        &self,
        title: &str,
        lang: &str,
        (n, total): (usize, usize),
    ) -> String {
        let of = self
            .strings
            .get(lang, "listing_page_of")
            .replace("{current}", &n.to_string())
            .replace("{total}", &total.to_string());
        format!("{title} {of}")
    }

    /// Makes `view`, the first listing page of the listing at `path`, listing
    /// page `n` (from 1) of `total`: the links between the pages and, after the
    /// first, its own address and `label` as its title (its text is the first
    /// page's only). Nothing changes when there is one page.
    pub(crate) fn paginate(
        &self,
        view: &mut PageView,
        path: &str,
        (n, total): (usize, usize),
        label: impl FnOnce() -> String,
    ) {
        if total <= 1 {
            return;
        }
        let page_url = |n: usize| self.url(&listing_path(path, n));
        view.paginator = Some(paginator(n, total, page_url));
        if n > 1 {
            view.head_title = self.head_title(&[&label()]);
            view.url = page_url(n);
            view.permalink = format!("{}{}", self.config.base_url, listing_path(path, n));
            view.content = crate::html::Html::default();
        }
    }
}

/// Links between listing pages: page `n` of `total`.
pub(crate) fn paginator(
    n: usize,
    total: usize,
    page_url: impl Fn(usize) -> String,
) -> PaginatorView {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        // A section's translation is split by the same rule, under its language.
        assert_eq!(listing_path("pl/news/", 1), "pl/news/");
        assert_eq!(listing_path("pl/news/", 2), "pl/news/page/2/");
        assert_eq!(listing_out("pl/news/", 2), "pl/news/page/2/index.html");
    }
}
