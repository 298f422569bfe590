//! The pages that help people find things: the A–Z index (`/a-z/`) and the
//! search page (`/search/`).
//!
//! Both are views handed to the theme's `a-z.html` and `search.html`; a theme
//! without one of them simply has no such page. The search page carries no
//! results: its script reads the index that `crate::search` builds after every
//! page is rendered ([`search_index`]). Each other language with pages has its own
//! search page (`/pl/search/`, in Polish, `lang="pl"`) over its own index
//! (`search-index/pl/`); the default language's search page finds only its pages.

use std::collections::BTreeMap;
use std::sync::Arc;

use std::hash::{Hash, Hasher};

use crate::languages::Language;
use crate::output::{Output, OutputFile};
use crate::render::views::{IndexEntry, LetterGroup, LinkView, PageView, TranslationView};
use crate::site::context::{Ctx, Job};
use crate::site::plan::{Planned, Spec};

impl Ctx<'_> {
    /// The A–Z page, when the theme has one; its key: the link of every page.
    pub(crate) fn plan_a_z(&self) -> Option<Planned> {
        self.renderer.has("a-z.html").then(|| {
            let mut h = self.hasher("a-z");
            self.keys.link.hash(&mut h);
            Planned {
                out: "a-z/index.html".to_owned(),
                spec: Spec::AToZ,
                key: h.finish(),
            }
        })
    }

    /// The search page of the default language and of each other language with
    /// pages, when the theme has one. Each search page lists the others: their
    /// languages are in its key.
    pub(crate) fn plan_search(&self) -> Vec<Planned> {
        let mut plan = Vec::new();
        if !self.renderer.has("search.html") {
            return plan;
        }
        let languages = search_languages(self);
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
        plan
    }

    /// The A–Z page: every page and section but home, by title, grouped by first letter.
    pub(crate) fn a_z_job(&self) -> Option<Job> {
        let ctx = self;
        if !ctx.renderer.has("a-z.html") {
            return None;
        }
        let mut entries: Vec<(String, IndexEntry)> = ctx
            .content
            .pages
            .iter()
            .filter(|p| !p.path.is_empty())
            .map(|p| {
                let context = p
                    .parent
                    .map(|s| &ctx.content.pages[ctx.content.sections[s].index])
                    .filter(|sp| !sp.path.is_empty())
                    .map(|sp| sp.meta.title.clone());
                // A translation's title is in its own language.
                let language = p.lang.as_deref().map(|c| ctx.config.language_of(Some(c)));
                let main_dir = ctx.config.language_of(None).dir;
                let entry = IndexEntry {
                    title: p.meta.title.clone(),
                    url: ctx.url(&p.path),
                    context,
                    lang: language.map_or_else(String::new, |l| l.code.clone()),
                    dir: language
                        .filter(|l| l.dir != main_dir)
                        .map_or("", |l| l.dir.as_str()),
                };
                (sort_key(&p.meta.title), entry)
            })
            .collect();
        entries.sort_by(|a, b| {
            (a.0.as_str(), &a.1.title, &a.1.url).cmp(&(b.0.as_str(), &b.1.title, &b.1.url))
        });
        let mut groups: Vec<LetterGroup> = Vec::new();
        for (key, entry) in entries {
            let (letter, id) = letter_of(&key);
            match groups.last_mut() {
                Some(g) if g.id == id => g.items.push(entry),
                _ => groups.push(LetterGroup {
                    letter: if id == OTHER_ID {
                        ctx.word("a_z_other").to_owned()
                    } else {
                        letter
                    },
                    id,
                    items: vec![entry],
                }),
            }
        }
        let title = ctx.word("a_to_z");
        let view = PageView {
            kind: "a_z",
            title: title.to_owned(),
            head_title: ctx.head_title(&[title]),
            description: Some(ctx.word("a_z_description").to_owned()),
            url: ctx.url("a-z/"),
            permalink: format!("{}a-z/", ctx.config.base_url),
            breadcrumbs: vec![home(ctx)],
            groups,
            feeds: ctx.feeds.site_links(),
            ..PageView::default()
        };
        Some(Job {
            out: "a-z/index.html".to_owned(),
            template: "a-z.html".to_owned(),
            view: Box::new(view),
            source: "a-z.html".into(),
        })
    }

    /// The search page of `lang` (`None`: the default language). Its results come
    /// from the browser, so the view is plain.
    pub(crate) fn search_job(&self, lang: Option<&str>) -> Option<Job> {
        let ctx = self;
        if !ctx.renderer.has("search.html") {
            return None;
        }
        let language = lang.map(|code| ctx.config.language_of(Some(code)));
        let words = language.map_or(ctx.config.language.as_str(), |l| l.code.as_str());
        let folder = language.map_or(String::new(), |l| format!("{}/", l.url_prefix()));
        let title = ctx.strings.get(words, "search");
        let description = ctx
            .strings
            .get(words, "search_description")
            .replace("{site}", &ctx.site.title);
        let mut home = home(ctx);
        home.title = ctx.strings.get(words, "home").to_owned();
        let view = PageView {
            kind: "search",
            title: title.to_owned(),
            head_title: ctx.head_title(&[title]),
            description: Some(description),
            url: ctx.url(&format!("{folder}search/")),
            permalink: format!("{}{folder}search/", ctx.config.base_url),
            breadcrumbs: vec![home],
            feeds: language.map_or_else(
                || ctx.feeds.site_links(),
                |l| ctx.feeds.language_links(&l.code),
            ),
            lang: language.map_or(String::new(), |l| l.code.clone()),
            dir: language.map_or("", |l| l.dir.as_str()),
            translations: search_versions(ctx)
                .into_iter()
                .map(|mut v| {
                    v.current = v.code == words;
                    v
                })
                .collect(),
            ..PageView::default()
        };
        Some(Job {
            out: format!("{folder}search/index.html"),
            template: "search.html".to_owned(),
            view: Box::new(view),
            source: "search.html".into(),
        })
    }
}

/// The search page in each language, the default first, for the language switcher
/// and the alternates in the head and the sitemap; none in a site whose other
/// languages have no pages.
pub(crate) fn search_versions(ctx: &Ctx<'_>) -> Vec<TranslationView> {
    let others = search_languages(ctx);
    if others.is_empty() || !ctx.renderer.has("search.html") {
        return Vec::new();
    }
    std::iter::once((ctx.config.language_of(None), String::new()))
        .chain(
            others
                .into_iter()
                .map(|l| (l, format!("{}/", l.url_prefix()))),
        )
        .map(|(l, folder)| TranslationView {
            code: l.code.clone(),
            name: l.name.clone(),
            dir: l.dir.as_str(),
            url: ctx.url(&format!("{folder}search/")),
            permalink: format!("{}{folder}search/", ctx.config.base_url),
            title: ctx.strings.get(&l.code, "search").to_owned(),
            current: false,
        })
        .collect()
}

/// The languages other than the default that have pages, so a search page and
/// an index of their own.
pub(crate) fn search_languages<'a>(ctx: &Ctx<'a>) -> Vec<&'a Language> {
    let default = ctx.config.language_of(None);
    ctx.config
        .languages
        .iter()
        .filter(|l| l.code != default.code)
        .filter(|l| {
            ctx.content
                .pages
                .iter()
                .any(|p| p.lang.as_deref() == Some(l.code.as_str()))
        })
        .collect()
}

/// A content page or section the search index reads: its output path, its page
/// index, and its HTML as put in the output when the build has it at hand (else
/// it is looked up there).
pub(crate) type SearchSource<'a> = (&'a str, usize, Option<&'a Arc<[u8]>>);

/// The HTML of `source` in `output`: the bytes it came with, else the output's.
fn search_html<'a>(output: &'a Output, source: &SearchSource<'a>) -> Option<&'a Arc<[u8]>> {
    source.2.or_else(|| match output.get(source.0) {
        Some(OutputFile::Bytes(html)) => Some(html),
        _ => None,
    })
}

/// `path` without the `index.html` it ends with, as `trim_end_matches` would
/// cut it, without its general search.
fn trim_index(mut path: &str) -> &str {
    while let Some(rest) = path.strip_suffix("index.html") {
        path = rest;
    }
    path
}

/// The search indexes: one of the `<main>` of every content page and section in
/// the default language, and one for each other language with a search page
/// (see [`crate::search`]), read from the HTML already in `output`; unchanged
/// pages are not read again.
pub(crate) fn search_index(
    output: &Output,
    pages: &[SearchSource<'_>],
    ctx: &Ctx<'_>,
    cache: &mut crate::search::SearchCache,
) -> Vec<(String, Arc<[u8]>)> {
    crate::site::cache::index_groups(search_groups(output, pages, ctx), cache)
}

/// The search indexes like [`search_index`], for a build that read each page as
/// it was rendered: `read` holds what was read of `pages` (same order, words
/// numbered in `vocabulary`); a page
/// not read then is read now from its HTML in `output`.
pub(crate) fn search_index_read(
    output: &Output,
    pages: &[SearchSource<'_>],
    read: Vec<Option<crate::search::Analysed>>,
    vocabulary: &Arc<crate::search::Vocabulary>,
    ctx: &Ctx<'_>,
) -> Vec<(String, Arc<[u8]>)> {
    let folders = search_folders(output, ctx);
    // Index folder → (English?, (url, title, what was read) of each page).
    let mut groups: BTreeMap<&str, (bool, Vec<ReadPage>)> = folders
        .values()
        .map(|(dir, english)| (dir.as_str(), (*english, Vec::new())))
        .collect();
    let mut analyser = crate::search::Analyser::new(vocabulary.clone());
    for (source, done) in pages.iter().zip(read) {
        let (path, i) = (source.0, source.1);
        let page = &ctx.content.pages[i];
        let code = ctx.config.language_of(page.lang.as_deref()).code.as_str();
        let Some((english, group)) = folders
            .get(code)
            .and_then(|(dir, _)| groups.get_mut(dir.as_str()))
        else {
            continue;
        };
        let done = match (done, search_html(output, source)) {
            (Some(done), _) => done,
            (None, Some(html)) => analyser.analyse(&page.meta.title, html, *english),
            (None, None) => continue,
        };
        let url = ctx.url(trim_index(path));
        group.push((url, page.meta.title.clone(), done));
    }
    let mut files = Vec::new();
    for (dir, (_, rows)) in groups {
        files.extend(crate::search::index_analysed(&rows, vocabulary, dir));
    }
    files
}

/// A page of a search index: url, title and what the index reads of it.
type ReadPage = (String, String, crate::search::Analysed);

/// Language code → (index folder, English?), for the languages whose search
/// page is built.
fn search_folders<'a>(output: &Output, ctx: &Ctx<'a>) -> BTreeMap<&'a str, (String, bool)> {
    let default = ctx.config.language_of(None);
    let mut folders = BTreeMap::new();
    if output.contains("search/index.html") {
        folders.insert(
            default.code.as_str(),
            (
                crate::search::INDEX_DIR.to_owned(),
                crate::search::stems(&default.code),
            ),
        );
    }
    for language in search_languages(ctx) {
        if output.contains(&format!("{}/search/index.html", language.url_prefix())) {
            folders.insert(
                language.code.as_str(),
                (
                    crate::search::language_dir(&language.url_prefix()),
                    crate::search::stems(&language.code),
                ),
            );
        }
    }
    folders
}

/// The pages of each search index, as (index folder, English?, pages): what
/// [`search_index`] reads, gathered without reading any page (cheap), so that
/// `serve` can make the index itself after it has answered.
pub(crate) fn search_groups(
    output: &Output,
    pages: &[SearchSource<'_>],
    ctx: &Ctx<'_>,
) -> Vec<crate::site::cache::SearchGroup> {
    // Index folder → (English?, pages), for the languages whose search page is built.
    let folders = search_folders(output, ctx);
    let mut groups: BTreeMap<String, (bool, Vec<crate::search::SearchPage>)> = folders
        .values()
        .map(|(dir, english)| (dir.clone(), (*english, Vec::new())))
        .collect();
    for source in pages {
        let Some(html) = search_html(output, source) else {
            continue;
        };
        let (path, page) = (source.0, &ctx.content.pages[source.1]);
        let code = ctx.config.language_of(page.lang.as_deref()).code.as_str();
        let Some((_, group)) = folders.get(code).and_then(|(dir, _)| groups.get_mut(dir)) else {
            continue;
        };
        group.push(crate::search::SearchPage {
            url: ctx.url(trim_index(path)),
            title: page.meta.title.clone(),
            html: html.clone(),
        });
    }
    groups
        .into_iter()
        .map(|(dir, (english, pages))| crate::site::cache::SearchGroup {
            dir,
            english,
            pages,
        })
        .collect()
}

fn home(ctx: &Ctx<'_>) -> LinkView {
    LinkView {
        title: ctx.word("home").to_owned(),
        url: ctx.url(""),
        current: false,
    }
}

/// Lowercase, accents folded, leading quotes and punctuation dropped: "‘Élan’" → "elan’".
fn sort_key(title: &str) -> String {
    let folded: String = title
        .chars()
        .map(crate::text::fold_accent)
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_owned()
}

/// The fragment id of the group of titles that start with neither a letter of A to Z
/// nor a digit; its heading is the theme's `a_z_other` words.
const OTHER_ID: &str = "letter-other";

/// The heading and fragment id of the group a sort key falls in.
fn letter_of(key: &str) -> (String, String) {
    match key.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => (
            c.to_ascii_uppercase().to_string(),
            format!("letter-{}", c.to_ascii_lowercase()),
        ),
        Some(c) if c.is_ascii_digit() => ("0–9".to_owned(), "letter-digits".to_owned()),
        _ => ("Other".to_owned(), OTHER_ID.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_titles_by_folded_first_letter() {
        assert_eq!(sort_key("‘Élan’ in care"), "elan’ in care");
        assert_eq!(letter_of("elan").0, "E");
        assert_eq!(letter_of("7-minute").1, "letter-digits");
        assert_eq!(letter_of("Ωmega").0, "Other");
    }

    #[test]
    fn index_html_is_cut_as_trim_end_matches_cuts_it() {
        for path in [
            "",
            "index.html",
            "a/index.html",
            "a/b/index.htmlindex.html",
            "404.html",
            "a/",
        ] {
            assert_eq!(
                trim_index(path),
                path.trim_end_matches("index.html"),
                "{path:?}"
            );
        }
    }
}
