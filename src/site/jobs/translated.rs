//! A section's translation (`news/_index.pl.md`): its page lists the section's
//! pages and subsections that have a translation in its language, in the
//! section's order, and the translated home page lists the translated latest
//! items too. Pages with no translation are left out: a reader of the Polish
//! page gets Polish pages, and reaches the rest from the language menu.
//!
//! It is split into listing pages as its section is (the section's
//! `paginate_by`, the pages at `<its address>page/2/` …), and the translation
//! of an events section has the events menu and its own past events page, as
//! the section has.
//!
//! Part of `site::jobs`, read by the content page's job (`page.rs`), which draws
//! the translation's own page; this file plans and draws its other pages.

use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use crate::render::views::{PageView, SummaryView};
use crate::site::context::{Ctx, Job, chunk_count, chunk_of, listing_out};
use crate::site::events::{Events, past_out};
use crate::site::plan::{ListingPage, Planned, Spec};

/// What a section's translation lists.
pub(super) struct TranslatedListing {
    /// The translation, by page index.
    page: usize,
    /// The section it translates, by index into `content.sections`.
    section: usize,
    /// True when it translates the home page.
    home: bool,
    /// True when it translates an events section.
    events: bool,
    /// The template the section it translates is drawn with, if it names one.
    template: Option<String>,
    pages: Vec<usize>,
    subsections: Vec<usize>,
    latest: Vec<usize>,
    /// The section's past events in its language (an events section's only).
    past: Vec<usize>,
}

impl Ctx<'_> {
    /// For page `i`, a translation of a section's `_index.md`, the translated
    /// versions of what that section lists; `None` for any other page.
    pub(super) fn translated_listing(&self, i: usize) -> Option<TranslatedListing> {
        let page = &self.content.pages[i];
        let lang = page.lang.as_deref()?;
        if !page.translates_a_section() {
            return None;
        }
        let source = self.alternates.source(i)?;
        let s = self
            .content
            .sections
            .iter()
            .position(|section| section.index == source)?;
        let meta = &self.section_page(s).meta;
        let home = self.section_page(s).path.is_empty();
        let events = meta.page_kind == Some(crate::content::PageKind::Events);
        let subsections = self.content.sections[s]
            .subsections
            .iter()
            .map(|&sub| self.content.sections[sub].index);
        Some(TranslatedListing {
            page: i,
            section: s,
            home,
            events,
            template: meta.template.clone(),
            pages: self.versions_in(self.model.ordered[s].iter().copied(), lang),
            subsections: self.versions_in(subsections, lang),
            latest: if home {
                self.versions_in(self.latest(), lang)
            } else {
                Vec::new()
            },
            past: if events {
                self.versions_in(self.model.past[s].iter().copied(), lang)
            } else {
                Vec::new()
            },
        })
    }

    /// The versions in language `lang` of `pages`, in order, for those that have one.
    fn versions_in(&self, pages: impl IntoIterator<Item = usize>, lang: &str) -> Vec<usize> {
        pages
            .into_iter()
            .filter_map(|j| self.alternates.version_in(self.content, j, lang))
            .collect()
    }

    /// How many listing pages `listed` is split into: as many as its section's
    /// `paginate_by` makes of the pages it lists; one when it lists none.
    fn translated_chunks(&self, listed: &TranslatedListing) -> usize {
        let per_page = self.section_page(listed.section).meta.paginate_by;
        chunk_count(listed.pages.len(), per_page)
    }

    /// Hashes what page `i` lists when it is a section's translation: the
    /// section's own page (whose template, `paginate_by` and kind it follows),
    /// and each listed page and its summary, in order.
    pub(super) fn hash_translated_listing(&self, i: usize, h: &mut DefaultHasher) {
        if let Some(listed) = self.translated_listing(i) {
            self.hash_listed(&listed, h);
        }
    }

    fn hash_listed(&self, listed: &TranslatedListing, h: &mut DefaultHasher) {
        let source = self.content.sections[listed.section].index;
        (source, self.keys.revision[source]).hash(h);
        for list in [
            &listed.pages,
            &listed.subsections,
            &listed.latest,
            &listed.past,
        ] {
            list.len().hash(h);
            for &j in list {
                (j, self.keys.summary[j]).hash(h);
            }
        }
    }

    /// The pages of every section's translation but its own (which is planned
    /// with the content pages): its listing pages after the first, and an
    /// events section's translation's past events page.
    pub(crate) fn plan_translated_listings(&self) -> Vec<Planned> {
        (0..self.content.pages.len())
            .into_par_iter()
            .filter(|&i| self.content.pages[i].translates_a_section())
            .flat_map_iter(|i| self.plan_translated(i))
            .collect()
    }

    fn plan_translated(&self, i: usize) -> Vec<Planned> {
        let Some(listed) = self.translated_listing(i) else {
            return Vec::new();
        };
        let page = &self.content.pages[i];
        let mut h = self.hasher("translated listing");
        (i, self.keys.revision[i]).hash(&mut h);
        self.hash_alternates(i, &mut h);
        self.hash_surroundings(i, Some(page.parent.unwrap_or(0)), &mut h);
        self.hash_listed(&listed, &mut h);
        let total = self.translated_chunks(&listed);
        let mut planned: Vec<Planned> = (1..total)
            .map(|chunk| {
                let mut h = h.clone();
                (chunk, total).hash(&mut h);
                Planned {
                    out: listing_out(&page.path, chunk + 1),
                    spec: Spec::Translated(i, ListingPage::Chunk(chunk)),
                    key: h.finish(),
                }
            })
            .collect();
        if listed.events {
            "past".hash(&mut h);
            planned.push(Planned {
                out: past_out(&page.path),
                spec: Spec::Translated(i, ListingPage::Past),
                key: h.finish(),
            });
        }
        planned
    }

    /// Page `at` of section translation `i` (`None` when page `i` is not one).
    pub(crate) fn translated_job(&self, i: usize, at: ListingPage) -> Option<Job> {
        self.translated_listing(i)?;
        Some(self.page_job_at(i, &self.rendered[i], at))
    }

    /// Fills `view` with what `listed` lists on its page `at`, and gives the
    /// template a section's translation is drawn with: the one its section is.
    pub(super) fn fill_translated_listing(
        &self,
        view: &mut PageView,
        listed: TranslatedListing,
        at: ListingPage,
    ) -> String {
        let summaries = |list: &[usize]| -> Vec<SummaryView> {
            list.iter().map(|&j| self.summary(j)).collect()
        };
        let per_page = self.section_page(listed.section).meta.paginate_by;
        let total = self.translated_chunks(&listed);
        let chunk = match at {
            ListingPage::Chunk(chunk) => chunk,
            ListingPage::Past => 0,
        };
        view.pages = summaries(chunk_of(&listed.pages, per_page, chunk));
        view.subsections = summaries(&listed.subsections);
        view.latest = summaries(&listed.latest);
        if listed.home {
            // Each link once, as on the home page it translates.
            let mut seen = super::listing::linked_urls(&view.content);
            view.latest.retain(|item| seen.insert(item.url.clone()));
            view.subsections
                .retain(|item| seen.insert(item.url.clone()));
        }
        if listed.events {
            let nav = Events::nav(self.config, self.content, listed.page, false, self.strings);
            view.events = Some(nav);
        }
        let page = &self.content.pages[listed.page];
        let n = chunk + 1;
        self.paginate(view, &page.path, (n, total), || {
            let lang = page.lang.as_deref().unwrap_or(&self.config.language);
            self.listing_page_title(&page.meta.title, lang, (n, total))
        });
        if at == ListingPage::Past {
            self.show_past(view, listed.page, &listed.past);
        }
        match listed.template {
            Some(template) => template,
            None if listed.home && self.renderer.has("index.html") => "index.html".to_owned(),
            None => "section.html".to_owned(),
        }
    }
}
