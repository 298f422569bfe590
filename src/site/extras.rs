//! Files every site gets besides its pages: `sitemap.xml` and `robots.txt`.

use crate::config::Config;
use crate::output::{Output, OutputFile};

/// Adds the sitemap (every HTML page but 404) and `robots.txt`, unless the site's
/// `static/` already has its own.
pub(crate) fn add(config: &Config, html_paths: &[String], output: &mut Output) {
    let mut paths: Vec<&String> = html_paths.iter().filter(|p| *p != "404.html").collect();
    paths.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        let url = format!(
            "{}{}",
            config.base_url,
            p.strip_suffix("index.html").unwrap_or(p)
        );
        xml.push_str("  <url><loc>");
        xml.push_str(&escape_xml(&url));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    if !output.contains("sitemap.xml") {
        output.insert("sitemap.xml", OutputFile::Bytes(xml.into_bytes()));
    }
    if !output.contains("robots.txt") {
        let robots = format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            config.base_url
        );
        output.insert("robots.txt", OutputFile::Bytes(robots.into_bytes()));
    }
}

/// Escapes text for XML.
pub(crate) fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
