//! Section listing pages: each section's key and its listing pages (with
//! pagination, the home page's latest items, and an events section's past
//! events page).

use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::render::views::{LinkView, PageView};
use crate::site::context::{Ctx, Job, chunk_count, chunk_of, listing_out};
use crate::site::events::{Events, past_out, past_path};
use crate::site::plan::{Planned, Spec};

impl Ctx<'_> {
    /// Every section's listing pages (and past events page), with their keys.
    pub(crate) fn plan_sections(&self) -> Vec<Planned> {
        let sections: Vec<Vec<Planned>> = (0..self.content.sections.len())
            .into_par_iter()
            .map(|s| self.plan_section(s))
            .collect();
        sections.into_iter().flatten().collect()
    }

    pub(crate) fn plan_section(&self, s: usize) -> Vec<Planned> {
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
                out: past_out(path),
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

    /// How many listing pages section `section` has.
    pub(crate) fn section_pages(&self, section: usize) -> usize {
        let per_page = self.section_page(section).meta.paginate_by;
        chunk_count(self.model.ordered[section].len(), per_page)
    }

    /// The pages shown on listing page `chunk` (from 0) of section `section`.
    pub(crate) fn section_chunk(&self, section: usize, chunk: usize) -> &[usize] {
        let per_page = self.section_page(section).meta.paginate_by;
        chunk_of(&self.model.ordered[section], per_page, chunk)
    }

    /// Listing page `chunk` (from 0) of section `section`.
    pub(crate) fn section_job(&self, section: usize, chunk: usize) -> Job {
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
            view.events = Some(Events::nav(
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
        self.paginate(&mut view, &sp.path, (n, total), || {
            let lang = sp.lang.as_deref().unwrap_or(&self.config.language);
            self.listing_page_title(&sp.meta.title, lang, (n, total))
        });
        Job {
            out: listing_out(&sp.path, n),
            template,
            view: Box::new(view),
            source: sp.file.clone(),
        }
    }

    /// The home page's newest items, as page indexes.
    pub(crate) fn latest(&self) -> Vec<usize> {
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
        crate::site::model::sort_pages(self.content, &mut items, crate::content::SortBy::Date);
        crate::site::model::pin_first(self.content, &mut items);
        items.truncate(self.config.home.latest_count);
        items
    }

    /// The past events page of events section `section`: its listing page with the
    /// past events in place of the upcoming ones.
    pub(crate) fn past_job(&self, section: usize) -> Job {
        let mut job = self.section_job(section, 0);
        let i = self.content.sections[section].index;
        self.show_past(&mut job.view, i, &self.model.past[section]);
        job.out = past_out(&self.content.pages[i].path);
        job
    }

    /// Makes `view`, the first listing page of events section page `i` (a
    /// section's own page, or its translation), its page of the past events
    /// `past`, under its own address.
    pub(crate) fn show_past(&self, view: &mut PageView, i: usize, past: &[usize]) {
        let sp = &self.content.pages[i];
        view.pages = past.iter().map(|&p| self.summary(p)).collect();
        view.paginator = None;
        let lang = sp.lang.as_deref().unwrap_or(&self.config.language);
        view.title = self
            .strings
            .get(lang, "past_events_of")
            .replace("{section}", &sp.meta.title);
        view.head_title = self.head_title(&[&view.title]);
        view.url = self.url(&past_path(&sp.path));
        view.permalink = format!("{}{}", self.config.base_url, past_path(&sp.path));
        view.description = None;
        view.content = crate::html::Html::default();
        view.breadcrumbs.push(LinkView {
            title: sp.meta.title.clone(),
            url: self.url(&sp.path),
            current: false,
        });
        view.events = Some(Events::nav(
            self.config,
            self.content,
            i,
            true,
            self.strings,
        ));
    }
}

/// The `href` values of the links in `html`.
pub(crate) fn linked_urls(html: &str) -> std::collections::HashSet<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|url| url.split('#').next().unwrap_or(url).to_owned())
        .collect()
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
}
