//! `sitemap.xml` and `robots.txt`, made last, from the HTML files the build
//! planned. A rebuild that changed no address, date or translation reuses the
//! last build's sitemap (see [`KeptSitemap`]).
//!
//! Part of `site`; called from `finish.rs`.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::config::Config;
use crate::content::Content;
use crate::output::{Output, OutputFile};

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

/// The last sitemap made, with everything it was made from (see [`add`]),
/// compared as it is, not by a hash: equal inputs, equal sitemap.
#[derive(Debug)]
pub(crate) struct KeptSitemap {
    base_url: String,
    html_paths: Vec<String>,
    /// Each page's address, `updated` and `date`, in page order.
    dates: Vec<(String, Option<Date>, Option<Date>)>,
    alternates: HashMap<String, Vec<(String, String)>>,
    xml: Arc<[u8]>,
}

impl KeptSitemap {
    /// True when the sitemap of `parts` is this one's.
    fn lists(&self, config: &Config, parts: &SitemapParts<'_>) -> bool {
        let pages = &parts.content.pages;
        self.base_url == config.base_url
            && self.html_paths == parts.html_paths
            && self.dates.len() == pages.len()
            && self
                .dates
                .iter()
                .zip(pages)
                .all(|((path, updated, date), p)| {
                    *path == p.path && *updated == p.meta.updated && *date == p.meta.date
                })
            && self.alternates == *parts.alternates
    }
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
/// With `kept` (`serve`), the sitemap is made again only when what it is made
/// from changed since the one kept there, which a one-page edit seldom does,
/// and this one is kept for the next build.
pub(crate) fn add(
    config: &Config,
    parts: &SitemapParts<'_>,
    kept: Option<&mut Option<KeptSitemap>>,
    output: &mut Output,
) {
    if !output.contains("sitemap.xml") {
        let xml = match kept {
            Some(Some(last)) if last.lists(config, parts) => last.xml.clone(),
            Some(kept) => {
                let xml: Arc<[u8]> = sitemap(config, parts, output).into_bytes().into();
                *kept = Some(KeptSitemap {
                    base_url: config.base_url.clone(),
                    html_paths: parts.html_paths.to_vec(),
                    dates: (parts.content.pages.iter())
                        .map(|p| (p.path.clone(), p.meta.updated, p.meta.date))
                        .collect(),
                    alternates: parts.alternates.clone(),
                    xml: xml.clone(),
                });
                xml
            }
            None => sitemap(config, parts, output).into_bytes().into(),
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
        add(&config(), &parts, Some(kept), &mut out);
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
        assert!(!Arc::ptr_eq(&moved, &first));
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
