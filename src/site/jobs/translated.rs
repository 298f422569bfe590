//! A section's translation (`news/_index.pl.md`): its page lists the section's
//! pages and subsections that have a translation in its language, in the
//! section's order, and the translated home page lists the translated latest
//! items too. Pages with no translation are left out: a reader of the Polish
//! page gets Polish pages, and reaches the rest from the language menu.
//!
//! Part of `site::jobs`, read by the content page's job (`page.rs`).

use std::hash::{DefaultHasher, Hash};

use crate::render::views::{PageView, SummaryView};
use crate::site::context::Ctx;

/// What a section's translation lists.
#[derive(Default)]
pub(super) struct TranslatedListing {
    /// True when it translates the home page.
    pub(super) home: bool,
    /// The template the section it translates is drawn with, if it names one.
    pub(super) template: Option<String>,
    pub(super) pages: Vec<usize>,
    pub(super) subsections: Vec<usize>,
    pub(super) latest: Vec<usize>,
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
        let home = self.section_page(s).path.is_empty();
        let template = self.section_page(s).meta.template.clone();
        let subsections = self.content.sections[s]
            .subsections
            .iter()
            .map(|&sub| self.content.sections[sub].index);
        Some(TranslatedListing {
            home,
            template,
            pages: self.versions_in(self.model.ordered[s].iter().copied(), lang),
            subsections: self.versions_in(subsections, lang),
            latest: if home {
                self.versions_in(self.latest(), lang)
            } else {
                Vec::new()
            },
        })
    }

    /// The versions in language `lang` of `pages`, in order, for those that have one.
    fn versions_in(&self, pages: impl IntoIterator<Item = usize>, lang: &str) -> Vec<usize> {
        pages
            .into_iter()
            .filter_map(|j| {
                self.alternates
                    .group(j)
                    .iter()
                    .copied()
                    .find(|&k| self.content.pages[k].lang.as_deref() == Some(lang))
            })
            .collect()
    }

    /// Hashes what page `i` lists when it is a section's translation: each
    /// listed page and its summary, in order.
    pub(super) fn hash_translated_listing(&self, i: usize, h: &mut DefaultHasher) {
        let Some(listed) = self.translated_listing(i) else {
            return;
        };
        for list in [&listed.pages, &listed.subsections, &listed.latest] {
            list.len().hash(h);
            for &j in list {
                (j, self.keys.summary[j]).hash(h);
            }
        }
    }

    /// Fills `view` with what `listed` lists, and gives the template a section's
    /// translation is drawn with: the one its section is.
    pub(super) fn fill_translated_listing(
        &self,
        view: &mut PageView,
        listed: TranslatedListing,
    ) -> String {
        let summaries = |list: Vec<usize>| -> Vec<SummaryView> {
            list.into_iter().map(|j| self.summary(j)).collect()
        };
        view.pages = summaries(listed.pages);
        view.subsections = summaries(listed.subsections);
        view.latest = summaries(listed.latest);
        if listed.home {
            // Each link once, as on the home page it translates.
            let mut seen = super::listing::linked_urls(&view.content);
            view.latest.retain(|item| seen.insert(item.url.clone()));
            view.subsections
                .retain(|item| seen.insert(item.url.clone()));
        }
        match listed.template {
            Some(template) => template,
            None if listed.home && self.renderer.has("index.html") => "index.html".to_owned(),
            None => "section.html".to_owned(),
        }
    }
}
