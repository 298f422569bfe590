//! What a page's view shows of its other versions: links to its translations
//! and Easy Read version, the "this translation is older" note, addresses in
//! another language, their part of a page's key and the sitemap's alternates.
//!
//! Part of `site`; reads the `Alternates` worked out before rendering.

use std::collections::HashMap;

use crate::site::context::Ctx;
use crate::site::jobs::indexes::search_versions;

impl Ctx<'_> {
    /// A link to page `j`: its title and address.
    pub(crate) fn link(&self, j: usize) -> crate::render::views::LinkView {
        let p = &self.content.pages[j];
        crate::render::views::LinkView {
            title: p.meta.title.clone(),
            url: self.url(&p.path),
            current: false,
        }
    }

    /// Every language version of page `i`, for the switcher and `hreflang` links.
    pub(crate) fn translations(&self, i: usize) -> Vec<crate::render::views::TranslationView> {
        self.alternates
            .group(i)
            .iter()
            .map(|&j| {
                let p = &self.content.pages[j];
                let language = self.config.language_of(p.lang.as_deref());
                crate::render::views::TranslationView {
                    code: language.code.clone(),
                    name: language.name.clone(),
                    dir: language.dir.as_str(),
                    url: self.url(&p.path),
                    permalink: format!("{}{}", self.config.base_url, p.path),
                    title: p.meta.title.clone(),
                    current: i == j,
                }
            })
            .collect()
    }

    /// For a translation older than its source, the source's `updated` date in the
    /// translation's language.
    pub(crate) fn outdated(&self, i: usize) -> Option<crate::render::views::DateView> {
        let page = &self.content.pages[i];
        let source = &self.content.pages[self.alternates.source(i)?];
        let theirs = source.meta.updated?;
        let ours = page.meta.updated.or(page.meta.date)?;
        let lang = page.lang.as_deref().unwrap_or(&self.config.language);
        (ours < theirs).then(|| self.date(theirs, lang))
    }

    /// The address of the version in language `lang` of the page at `url`, if the
    /// site has one.
    pub(crate) fn localised_url(&self, url: &str, lang: &str) -> Option<String> {
        let path = url.strip_prefix(self.site.base_path.as_str())?;
        let i = self.content.pages.iter().position(|p| p.path == path)?;
        let j = self
            .alternates
            .group(i)
            .iter()
            .copied()
            .find(|&j| self.content.pages[j].lang.as_deref() == Some(lang))?;
        Some(self.url(&self.content.pages[j].path))
    }

    /// Hashes what page `i` shows of its other versions: their titles, addresses
    /// and dates.
    pub(crate) fn hash_alternates(&self, i: usize, h: &mut std::hash::DefaultHasher) {
        use std::hash::Hash;
        for j in self.alternates.related(i) {
            let p = &self.content.pages[j];
            (j, self.keys.link[j], p.meta.updated, p.meta.date).hash(h);
        }
    }

    /// Output path of each page that has translations → (language code, absolute
    /// address) of each version, itself included, for the sitemap.
    pub(crate) fn sitemap_alternates(&self) -> HashMap<String, Vec<(String, String)>> {
        (0..self.content.pages.len())
            .filter(|&i| !self.alternates.group(i).is_empty())
            .map(|i| {
                let versions = self
                    .translations(i)
                    .into_iter()
                    .map(|t| (t.code, t.permalink))
                    .collect();
                (
                    format!("{}index.html", self.content.pages[i].path),
                    versions,
                )
            })
            .chain(self.search_alternates())
            .collect()
    }

    /// The search pages' entries for [`Self::sitemap_alternates`].
    fn search_alternates(&self) -> Vec<(String, Vec<(String, String)>)> {
        let versions = search_versions(self);
        let pairs: Vec<(String, String)> = versions
            .iter()
            .map(|v| (v.code.clone(), v.permalink.clone()))
            .collect();
        versions
            .iter()
            .map(|v| {
                let out = v.url.strip_prefix(&self.site.base_path).unwrap_or(&v.url);
                (format!("{out}index.html"), pairs.clone())
            })
            .collect()
    }
}
