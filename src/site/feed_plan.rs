//! The plan of the site's Atom feeds: which feeds there are, which pages each
//! holds, and which feeds each page links to. `crate::feeds` writes the XML.
//!
//! Translations are left out of the site's and sections' feeds; each language but
//! the default has its own feed at `/<code>/atom.xml`, and a section's
//! translation (`news/_index.pl.md`) has its own feed of the section's pages in
//! its language (`/pl/news/atom.xml`), made as the section's feed is.
//!
//! Feeds are planned before pages are rendered, because every page links to the
//! feeds it belongs to.

use std::collections::BTreeMap;

use super::front::FrontViews;
use crate::config::Config;
use crate::content::Content;
use crate::feeds::{FeedEntry, FeedMeta, SITE_FEED_LENGTH, atom};
use crate::render::views::LinkView;
use crate::strings::Strings;

/// The most entries a section's feed holds.
const SECTION_FEED_LENGTH: usize = 50;

/// The site's Atom feeds: the files, and which feed each page links to.
#[derive(Debug, Default)]
pub(crate) struct Feeds {
    /// Output path and XML of each feed.
    pub(crate) files: Vec<(String, String)>,
    site: Option<LinkView>,
    /// Section index → its feed.
    sections: BTreeMap<usize, LinkView>,
    /// Section index → language code → the feed of its translation in that
    /// language.
    translated_sections: BTreeMap<usize, BTreeMap<String, LinkView>>,
    /// Page index of a section's `_index.md`, or of its translation → section
    /// index.
    section_of_index: BTreeMap<usize, usize>,
    /// Language code → the feed of that language's pages (not the default's).
    languages: BTreeMap<String, LinkView>,
}

impl Feeds {
    /// Plans `/atom.xml` (the newest dated pages of the whole site) and an
    /// `atom.xml` for every section that has dated pages, and for each of its
    /// translations that has dated pages in its language; an entry's summary
    /// is the page's description, or else `summary` of the page. Which feeds
    /// there are, and so each page's links to them, depends on front matter
    /// alone: without `summary` (before the pages are rendered), only the
    /// links are made, and no files.
    pub(crate) fn plan(
        config: &Config,
        content: &Content,
        front: &FrontViews,
        summary: Option<&dyn Fn(usize) -> String>,
        strings: &Strings,
    ) -> Feeds {
        let (model, alternates) = (&front.model, &front.alternates);
        let base_path = config.base_path();
        // "Title (Atom feed)" in the words of the language whose pages link to it.
        let link_title = |code: Option<&str>, title: &str| {
            let lang = &config.language_of(code).code;
            strings.get(lang, "feed_link").replace("{title}", title)
        };
        let entry = |i: usize| {
            let p = &content.pages[i];
            Some(FeedEntry {
                title: p.meta.title.clone(),
                permalink: format!("{}{}", config.base_url, p.path),
                published: p.meta.date?,
                updated: p.meta.updated,
                summary: p
                    .meta
                    .description
                    .clone()
                    .unwrap_or_else(|| summary.map(|f| f(i)).unwrap_or_default()),
            })
        };
        // The newest `limit` dated pages of `pages`, as entries; only those kept
        // are made into entries.
        let newest = |pages: &mut dyn Iterator<Item = usize>, limit: usize| {
            // Newest first, then by weight, title and page order: each page's
            // sort key is gathered once, so sorting 10,000 pages does not go
            // back to each page's front matter for every comparison.
            let mut dated: Vec<_> = pages
                .filter_map(|i| {
                    let m = &content.pages[i].meta;
                    let newest_first = std::cmp::Reverse((m.date?, m.time));
                    Some((
                        newest_first,
                        m.weight.unwrap_or(i64::MAX),
                        m.title.as_str(),
                        i,
                    ))
                })
                .collect();
            if dated.len() > limit {
                dated.select_nth_unstable(limit);
                dated.truncate(limit);
            }
            // Every key is different (it ends with the page's index).
            dated.sort_unstable();
            dated
                .into_iter()
                .filter_map(|(_, _, _, i)| entry(i))
                .collect::<Vec<FeedEntry>>()
        };
        let mut feeds = Feeds::default();
        let news: Vec<bool> = (0..content.sections.len())
            .map(|s| is_news_like(config, content, s))
            .collect();
        let all = newest(
            &mut (0..content.pages.len()).filter(|&i| {
                let p = &content.pages[i];
                !p.is_section && p.lang.is_none() && p.parent.is_some_and(|s| news[s])
            }),
            SITE_FEED_LENGTH,
        );
        // One feed per other language, of its translated pages, at `/<code>/atom.xml`.
        for language in config.languages.iter().skip(1) {
            let entries = newest(
                &mut (0..content.pages.len())
                    .filter(|&i| content.pages[i].lang.as_deref() == Some(language.code.as_str())),
                SITE_FEED_LENGTH,
            );
            if entries.is_empty() {
                continue;
            }
            let folder = language.url_prefix();
            let title = format!("{} ({})", config.title, language.name);
            let meta = FeedMeta {
                title: title.clone(),
                self_url: format!("{}{folder}/atom.xml", config.base_url),
                page_url: config.base_url.clone(),
                author: config.title.clone(),
                subtitle: None,
                lang: Some(language.code.clone()),
            };
            if summary.is_some() {
                feeds
                    .files
                    .push((format!("{folder}/atom.xml"), atom(&meta, &entries)));
            }
            feeds.languages.insert(
                language.code.clone(),
                LinkView {
                    title: link_title(Some(&language.code), &title),
                    url: format!("{base_path}{folder}/atom.xml"),
                    current: false,
                },
            );
        }
        if !all.is_empty() {
            let meta = FeedMeta {
                title: config.title.clone(),
                self_url: format!("{}atom.xml", config.base_url),
                page_url: config.base_url.clone(),
                author: config.title.clone(),
                subtitle: Some(config.description.clone()),
                lang: Some(config.language.clone()),
            };
            if summary.is_some() {
                feeds.files.push(("atom.xml".to_owned(), atom(&meta, &all)));
            }
            feeds.site = Some(LinkView {
                title: link_title(None, &config.title),
                url: format!("{base_path}atom.xml"),
                current: false,
            });
        }
        for (s, section) in content.sections.iter().enumerate() {
            feeds.section_of_index.insert(section.index, s);
            if content.pages[section.index].path.is_empty() || !news[s] {
                continue;
            }
            // The section's own page first, then its translations.
            let versions = std::iter::once(section.index).chain(
                alternates
                    .group(section.index)
                    .iter()
                    .copied()
                    .filter(|&k| content.pages[k].lang.is_some()),
            );
            for k in versions {
                feeds.section_of_index.insert(k, s);
                let sp = &content.pages[k];
                let lang = sp.lang.as_deref();
                let entries = match lang {
                    None => newest(&mut model.ordered[s].iter().copied(), SECTION_FEED_LENGTH),
                    Some(code) => newest(
                        &mut model.ordered[s]
                            .iter()
                            .filter_map(|&j| alternates.version_in(content, j, code)),
                        SECTION_FEED_LENGTH,
                    ),
                };
                if entries.is_empty() {
                    continue;
                }
                let title = format!("{} – {}", sp.meta.title, config.title);
                let meta = FeedMeta {
                    title: title.clone(),
                    self_url: format!("{}{}atom.xml", config.base_url, sp.path),
                    page_url: format!("{}{}", config.base_url, sp.path),
                    author: config.title.clone(),
                    subtitle: sp.meta.description.clone(),
                    lang: Some(lang.unwrap_or(&config.language).to_owned()),
                };
                if summary.is_some() {
                    feeds
                        .files
                        .push((format!("{}atom.xml", sp.path), atom(&meta, &entries)));
                }
                let link = LinkView {
                    title: link_title(lang, &title),
                    url: format!("{base_path}{}atom.xml", sp.path),
                    current: false,
                };
                match lang {
                    None => {
                        feeds.sections.insert(s, link);
                    }
                    Some(code) => {
                        feeds
                            .translated_sections
                            .entry(s)
                            .or_default()
                            .insert(code.to_owned(), link);
                    }
                }
            }
        }
        feeds
    }

    /// The feeds page `i` links to: the site's, then its section's; for a
    /// translation, its language's, then its section's in that language.
    pub(crate) fn links_for(&self, content: &Content, i: usize) -> Vec<LinkView> {
        let page = &content.pages[i];
        let section = if page.is_section || page.translates_a_section() {
            self.section_of_index.get(&i).copied()
        } else {
            page.parent
        };
        if let Some(lang) = &page.lang {
            let translated = section
                .and_then(|s| self.translated_sections.get(&s))
                .and_then(|feeds| feeds.get(lang));
            return self
                .languages
                .get(lang)
                .into_iter()
                .chain(translated)
                .cloned()
                .collect();
        }
        self.site
            .iter()
            .chain(section.and_then(|s| self.sections.get(&s)))
            .cloned()
            .collect()
    }

    /// Hashes which feeds exist and their links, which every page shows.
    pub(crate) fn hash_links(&self, h: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        for link in self.site.iter().chain(self.sections.values()) {
            (&link.title, &link.url).hash(h);
        }
        for (s, link) in &self.sections {
            (s, &link.url).hash(h);
        }
        for (code, link) in &self.languages {
            (code, &link.title, &link.url).hash(h);
        }
        for (s, links) in &self.translated_sections {
            for (code, link) in links {
                (s, code, &link.title, &link.url).hash(h);
            }
        }
    }

    /// The whole-site feed, for generated pages.
    pub(crate) fn site_links(&self) -> Vec<LinkView> {
        self.site.iter().cloned().collect()
    }

    /// The feed of language `code` (not the default), for its generated pages.
    pub(crate) fn language_links(&self, code: &str) -> Vec<LinkView> {
        self.languages.get(code).cloned().into_iter().collect()
    }
}

/// True when section `s` is news-like: its top-level section folder is listed in
/// `news_sections`, or, with no such list, is any top-level section but `about`.
/// Only news-like sections have feeds, and only their pages are in the site's feed.
pub(crate) fn is_news_like(config: &Config, content: &Content, s: usize) -> bool {
    let sp = &content.pages[content.sections[s].index];
    let Some(top) = sp.path.split('/').next().filter(|t| !t.is_empty()) else {
        return false;
    };
    match &config.news_sections {
        Some(list) => list.iter().any(|n| n == top),
        None => top != "about",
    }
}
