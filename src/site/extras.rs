//! Files every site gets besides its pages: Atom feeds, `sitemap.xml`, `robots.txt`
//! and the brand's stylesheet and icons.
//!
//! Translations are left out of the site's and sections' feeds; each language but
//! the default has its own feed at `/<code>/atom.xml`.
//!
//! Feeds are planned before pages are rendered, because every page links to the
//! feeds it belongs to; the sitemap is made last, from the HTML files written.

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::model::Model;
use crate::config::Config;
use crate::content::Content;
use crate::error::Diagnostic;
use crate::feeds::{FeedEntry, FeedMeta, SITE_FEED_LENGTH, atom};
use crate::markdown::Rendered;
use crate::output::{Output, OutputFile};
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
    /// Page index of a section's `_index.md` → section index.
    section_of_index: BTreeMap<usize, usize>,
    /// Language code → the feed of that language's pages (not the default's).
    languages: BTreeMap<String, LinkView>,
}

impl Feeds {
    /// Plans `/atom.xml` (the newest dated pages of the whole site) and an
    /// `atom.xml` for every section that has dated pages.
    pub(crate) fn plan(
        config: &Config,
        content: &Content,
        model: &Model,
        rendered: &[Rendered],
        strings: &Strings,
    ) -> Feeds {
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
                    .unwrap_or_else(|| rendered[i].summary.clone()),
            })
        };
        // The newest `limit` dated pages of `pages`, as entries; only those kept
        // are made into entries.
        let newest = |pages: &mut dyn Iterator<Item = usize>, limit: usize| {
            let mut dated: Vec<usize> = pages
                .filter(|&i| content.pages[i].meta.date.is_some())
                .collect();
            let order = |&a: &usize, &b: &usize| {
                let (pa, pb) = (&content.pages[a].meta, &content.pages[b].meta);
                (pb.date, pb.time)
                    .cmp(&(pa.date, pa.time))
                    .then_with(|| {
                        pa.weight
                            .unwrap_or(i64::MAX)
                            .cmp(&pb.weight.unwrap_or(i64::MAX))
                    })
                    .then_with(|| pa.title.cmp(&pb.title))
                    .then(a.cmp(&b))
            };
            if dated.len() > limit {
                dated.select_nth_unstable_by(limit, order);
                dated.truncate(limit);
            }
            dated.sort_by(order);
            dated
                .into_iter()
                .filter_map(entry)
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
            };
            feeds
                .files
                .push((format!("{folder}/atom.xml"), atom(&meta, &entries)));
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
            };
            feeds.files.push(("atom.xml".to_owned(), atom(&meta, &all)));
            feeds.site = Some(LinkView {
                title: link_title(None, &config.title),
                url: format!("{base_path}atom.xml"),
                current: false,
            });
        }
        for (s, section) in content.sections.iter().enumerate() {
            feeds.section_of_index.insert(section.index, s);
            let sp = &content.pages[section.index];
            if sp.path.is_empty() || !news[s] {
                continue;
            }
            let entries = newest(&mut model.ordered[s].iter().copied(), SECTION_FEED_LENGTH);
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
            };
            feeds
                .files
                .push((format!("{}atom.xml", sp.path), atom(&meta, &entries)));
            feeds.sections.insert(
                s,
                LinkView {
                    title: link_title(None, &title),
                    url: format!("{base_path}{}atom.xml", sp.path),
                    current: false,
                },
            );
        }
        feeds
    }

    /// The feeds page `i` links to: the site's, then its section's.
    pub(crate) fn links_for(&self, content: &Content, i: usize) -> Vec<LinkView> {
        let page = &content.pages[i];
        if let Some(lang) = &page.lang {
            return self.languages.get(lang).cloned().into_iter().collect();
        }
        let section = if page.is_section {
            self.section_of_index.get(&i).copied()
        } else {
            page.parent
        };
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

/// The stylesheet made from `brand.colour`.
pub(crate) const BRAND_CSS: &str = "css/brand.css";
/// A site's own additions to the theme's stylesheet, loaded after it.
pub(crate) const CUSTOM_CSS: &str = "css/custom.css";

/// Adds the brand's files: `css/brand.css` from the colour, the icons (from the
/// logo, or the default mark in the brand colour; see [`crate::images::icons`]),
/// and an `.ico` brand favicon at `/favicon.ico`. A logo that cannot be made
/// into icons is an error; the default icons stand in, so `/favicon.ico` is
/// never a 404.
pub(crate) fn add_brand(config: &Config, output: &mut Output, problems: &mut Vec<Diagnostic>) {
    use crate::images::icons;
    if let Some(colour) = &config.brand.colour {
        output.insert(
            BRAND_CSS,
            OutputFile::Bytes(crate::brand::stylesheet(colour).into_bytes().into()),
        );
    }
    let colour = config
        .brand
        .colour
        .as_deref()
        .and_then(crate::brand::parse_colour)
        .unwrap_or(DEFAULT_COLOUR);
    // Icons are made from a PNG or JPEG logo. An SVG logo is linked as the icon
    // as it is; it, a WebP or a GIF logo gets the default mark for the rest.
    let logo = config
        .brand
        .logo
        .as_ref()
        .filter(|l| {
            let l = l.to_ascii_lowercase();
            [".png", ".jpg", ".jpeg"].iter().any(|e| l.ends_with(e))
        })
        .map(|l| config.root.join("static").join(l));
    let made = icons::make(&config.root, logo.as_deref(), colour).or_else(|why| {
        if let Some(l) = &config.brand.logo {
            problems.push(
                Diagnostic::error(
                    crate::rules::CONFIG,
                    crate::config::CONFIG_FILE,
                    format!(
                        "`brand.logo` static/{l} cannot be made into the site's icons: it {why}"
                    ),
                )
                .help("save the logo as a PNG (at least 180 pixels wide) or an SVG, under 20 MB"),
            );
        }
        icons::make(&config.root, None, colour)
    });
    match made {
        Ok(files) => {
            // The site's own static/favicon.ico wins over the made one.
            let own_ico = config.root.join("static").join(icons::FAVICON_ICO).is_file();
            for (key, file) in files.files {
                if key != icons::FAVICON_ICO || !own_ico {
                    output.insert(key, file);
                }
            }
            output.insert(
                icons::ICON_SVG,
                OutputFile::Bytes(files.svg.into_bytes().into()),
            );
            // The header's logo, made no taller than it is shown, at its own path.
            if let (Some(made), Some(key)) = (files.logo, &config.brand.logo) {
                output.insert(key.clone(), made);
            }
        }
        Err(why) => problems.push(
            Diagnostic::warning(crate::rules::CONFIG, crate::config::CONFIG_FILE, format!("the site's icons could not be made: {why}"))
                .help("check that the site folder can be written to (icons are kept in .plainsite-cache/)"),
        ),
    }
    // Browsers ask for /favicon.ico whatever the page links to: an .ico brand
    // favicon is served there too.
    if let Some(icon) = config
        .brand
        .favicon
        .as_ref()
        .filter(|_| config.brand.favicon_type.as_deref() == Some("image/x-icon"))
    {
        output.insert(
            icons::FAVICON_ICO,
            OutputFile::Copy(config.root.join("static").join(icon)),
        );
    }
}

/// The theme's colour (`--brand` in `site.css`), for icons when a site has none.
const DEFAULT_COLOUR: crate::brand::Rgb = [0x0b, 0x3b, 0x5e];

/// The HTML files the sitemap lists (all but `404.html`), in path order. They are
/// all in `output`, whose paths are in that order already, so they are found
/// there rather than sorted; should one not be there (or be planned twice), they
/// are sorted.
fn sitemap_paths<'a>(html_paths: &'a [String], output: &'a Output) -> Vec<&'a str> {
    let planned: rustc_hash::FxHashSet<&str> = html_paths.iter().map(String::as_str).collect();
    let mut paths: Vec<&str> = output.paths().filter(|p| planned.contains(p)).collect();
    if paths.len() != html_paths.len() {
        paths = html_paths.iter().map(String::as_str).collect();
        paths.sort_unstable();
    }
    paths.retain(|p| *p != "404.html");
    paths
}

/// The last sitemap made, with the key of what it was made from (see [`add`]).
#[derive(Debug)]
pub(crate) struct KeptSitemap {
    key: u64,
    xml: Arc<[u8]>,
}

/// What the sitemap is made from, besides the settings' base URL: the HTML
/// files, each page's dates and the translations of each.
pub(crate) struct SitemapParts<'a> {
    /// The pages, for their dates.
    pub(crate) content: &'a Content,
    /// Every HTML file made from a template.
    pub(crate) html_paths: &'a [String],
    /// A page's versions in every language (itself included), by output path.
    pub(crate) alternates: &'a HashMap<String, Vec<(String, String)>>,
}

/// Adds the sitemap (every HTML page but 404, with `lastmod` for pages with a date:
/// `updated`, else `date`) and `robots.txt`, unless the site's `static/` already
/// has its own. A page with translations lists each version (itself included) as
/// an `xhtml:link rel="alternate" hreflang` under its `<url>`.
///
/// The sitemap is made again only when what it is made from changed since the
/// one in `kept`, which a one-page edit seldom does: `serve` then reuses its
/// bytes.
pub(crate) fn add(
    config: &Config,
    parts: &SitemapParts<'_>,
    kept: &mut Option<KeptSitemap>,
    output: &mut Output,
) {
    if !output.contains("sitemap.xml") {
        let key = sitemap_key(config, parts);
        let xml = match kept {
            Some(last) if last.key == key => last.xml.clone(),
            _ => {
                let xml: Arc<[u8]> = sitemap(config, parts, output).into_bytes().into();
                *kept = Some(KeptSitemap {
                    key,
                    xml: xml.clone(),
                });
                xml
            }
        };
        output.insert("sitemap.xml", OutputFile::Bytes(xml));
    }
    if !output.contains("robots.txt") {
        let robots = format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            config.base_url
        );
        output.insert("robots.txt", OutputFile::Bytes(robots.into_bytes().into()));
    }
}

/// Hashes everything [`sitemap`] reads: the base URL, the HTML files, each
/// page's address and dates, and the alternates (in no set order, so each
/// entry's hash is added up).
fn sitemap_key(config: &Config, parts: &SitemapParts<'_>) -> u64 {
    let mut h = DefaultHasher::new();
    config.base_url.hash(&mut h);
    parts.html_paths.hash(&mut h);
    for p in &parts.content.pages {
        (&p.path, p.meta.updated, p.meta.date).hash(&mut h);
    }
    let mut entries = 0u64;
    for entry in parts.alternates {
        let mut e = DefaultHasher::new();
        entry.hash(&mut e);
        entries = entries.wrapping_add(e.finish());
    }
    (parts.alternates.len(), entries).hash(&mut h);
    h.finish()
}

/// The sitemap's XML.
fn sitemap(config: &Config, parts: &SitemapParts<'_>, output: &Output) -> String {
    let SitemapParts {
        content,
        html_paths,
        alternates,
    } = *parts;
    // By the page's path: the output path without `index.html`.
    let lastmod: rustc_hash::FxHashMap<&str, jiff::civil::Date> = content
        .pages
        .iter()
        .filter_map(|p| Some((p.path.as_str(), p.meta.updated.or(p.meta.date)?)))
        .collect();
    let base_url = crate::feeds::escape(&config.base_url);
    let paths = sitemap_paths(html_paths, output);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    // The second namespace only when it is used, so a site in one language keeps
    // the sitemap it always had.
    xml.push_str(if alternates.is_empty() {
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    } else {
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    });
    for p in paths {
        let page_path = p.strip_suffix("index.html");
        xml.push_str("  <url><loc>");
        xml.push_str(&base_url);
        crate::feeds::escape_into(&mut xml, page_path.unwrap_or(p));
        xml.push_str("</loc>");
        if let Some(date) = page_path.and_then(|path| lastmod.get(path)) {
            use std::fmt::Write;
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        for (code, href) in alternates.get(p).into_iter().flatten() {
            xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
            xml.push_str(&crate::feeds::escape(code));
            xml.push_str("\" href=\"");
            xml.push_str(&crate::feeds::escape(href));
            xml.push_str("\"/>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(paths: &[&str]) -> Output {
        let mut output = Output::new();
        for p in paths {
            output.insert(*p, OutputFile::Bytes(Vec::new().into()));
        }
        output
    }

    fn owned(paths: &[&str]) -> Vec<String> {
        paths.iter().map(|p| (*p).to_owned()).collect()
    }

    fn config() -> Config {
        let text = "title: T\nbase_url: https://example.org/\nreport_concern: {text: R, url: /r/}\ncontact: {name: N, email: a@example.org}\n";
        let raw =
            crate::yaml::parse(text, std::path::Path::new("site.yaml"), 1, "config").expect("yaml");
        Config::from_raw(std::path::Path::new("."), raw, text).expect("valid")
    }

    fn dated(path: &str, date: &str) -> crate::content::Page {
        crate::content::Page {
            file: format!("content/{path}.md").into(),
            key: format!("{path}.md"),
            text: String::new(),
            meta: crate::content::FrontMatter {
                title: path.to_owned(),
                date: Some(date.parse().expect("date")),
                ..Default::default()
            },
            path: format!("{path}/"),
            dir: std::path::PathBuf::new(),
            parent: Some(0),
            is_section: false,
            lang: None,
            translation_of: None,
            revision: 0,
        }
    }

    fn sitemap_of(content: &Content, html: &[String], kept: &mut Option<KeptSitemap>) -> Arc<[u8]> {
        let mut out = output(
            html.iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice(),
        );
        let parts = SitemapParts {
            content,
            html_paths: html,
            alternates: &HashMap::new(),
        };
        add(&config(), &parts, kept, &mut out);
        match out.get("sitemap.xml") {
            Some(OutputFile::Bytes(b)) => b.clone(),
            other => panic!("no sitemap: {other:?}"),
        }
    }

    #[test]
    fn a_sitemap_is_reused_until_what_it_lists_changes() {
        let mut content = Content {
            pages: vec![dated("a", "2025-01-02"), dated("b", "2025-03-04")],
            ..Content::default()
        };
        let html = owned(&["a/index.html", "b/index.html", "index.html"]);
        let mut kept = None;
        let first = sitemap_of(&content, &html, &mut kept);
        let text = String::from_utf8_lossy(&first).into_owned();
        assert!(text.contains("<loc>https://example.org/b/</loc><lastmod>2025-03-04</lastmod>"));
        // Nothing changed: the same bytes, shared.
        let again = sitemap_of(&content, &html, &mut kept);
        assert!(Arc::ptr_eq(&first, &again));
        // A new date is listed, as a build without `kept` lists it.
        content.pages[1].meta.date = Some("2025-05-06".parse().expect("date"));
        let moved = sitemap_of(&content, &html, &mut kept);
        assert!(String::from_utf8_lossy(&moved).contains("<lastmod>2025-05-06</lastmod>"));
        assert_eq!(moved, sitemap_of(&content, &html, &mut None));
        // So is a file that came.
        let more = owned(&["a/index.html", "b/index.html", "c/index.html", "index.html"]);
        let grown = sitemap_of(&content, &more, &mut kept);
        assert!(String::from_utf8_lossy(&grown).contains("<loc>https://example.org/c/</loc>"));
    }

    #[test]
    fn the_sitemap_lists_the_html_files_in_path_order() {
        let html = owned(&["b/index.html", "404.html", "index.html", "a/index.html"]);
        let all = output(&[
            "css/site.css",
            "a/index.html",
            "b/index.html",
            "index.html",
            "404.html",
        ]);
        let want = ["a/index.html", "b/index.html", "index.html"];
        assert_eq!(sitemap_paths(&html, &all), want);
        // A file not in the output, or planned twice, is still listed (sorted).
        let missing = output(&["a/index.html", "index.html"]);
        assert_eq!(sitemap_paths(&html, &missing), want);
        let twice = owned(&["b/index.html", "a/index.html", "b/index.html"]);
        assert_eq!(
            sitemap_paths(&twice, &all),
            ["a/index.html", "b/index.html", "b/index.html"]
        );
    }
}
