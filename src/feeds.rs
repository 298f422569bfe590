//! Atom feeds: `/atom.xml` for the whole site and `/<section>/atom.xml` per section;
//! in a site of several languages, `/<code>/atom.xml` per language and
//! `/<code>/<section>/atom.xml` per section's translation.
//!
//! Runs after the model is built, beside page rendering. It turns plain entries
//! (title, permalink, dates, summary) into Atom 1.0 XML; choosing which pages go in
//! which feed is done by `site`. Every URL here is absolute (from `base_url`),
//! because feed readers fetch feeds out of the site's context. It never sees
//! templates or the page's HTML.

use jiff::civil::Date;

/// How many entries the whole-site feed holds.
pub const SITE_FEED_LENGTH: usize = 20;

/// A feed's own details.
#[derive(Debug, Clone)]
pub struct FeedMeta {
    /// Feed title ("News – Example Partnership").
    pub title: String,
    /// Absolute URL of the feed itself; also its id.
    pub self_url: String,
    /// Absolute URL of the page the feed follows (the section or home page).
    pub page_url: String,
    /// Author name: the site's title.
    pub author: String,
    /// Optional subtitle.
    pub subtitle: Option<String>,
    /// The language of its entries, as `xml:lang` on `<feed>`; `None` leaves
    /// it unsaid.
    pub lang: Option<String>,
}

/// One entry: a dated page.
#[derive(Debug, Clone)]
pub struct FeedEntry {
    /// Page title.
    pub title: String,
    /// Absolute URL; also the entry's id.
    pub permalink: String,
    /// Published.
    pub published: Date,
    /// Last updated, when later than published.
    pub updated: Option<Date>,
    /// Plain-text summary (the description, or the first paragraph).
    pub summary: String,
}

impl FeedEntry {
    /// The date the entry last changed.
    pub fn last_changed(&self) -> Date {
        self.updated
            .map_or(self.published, |u| u.max(self.published))
    }
}

/// Renders an Atom 1.0 feed. Entries are written in the order given; the feed's
/// `updated` is the newest entry's date.
pub fn atom(meta: &FeedMeta, entries: &[FeedEntry]) -> String {
    let updated = entries
        .iter()
        .map(FeedEntry::last_changed)
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), rfc3339);
    let mut xml = String::with_capacity(512 + entries.len() * 512);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    if let Some(lang) = meta.lang.as_deref().filter(|l| !l.is_empty()) {
        xml.push_str(" xml:lang=\"");
        escape_into(&mut xml, lang);
        xml.push('"');
    }
    xml.push_str(">\n");
    element(&mut xml, 1, "title", &meta.title);
    if let Some(sub) = meta.subtitle.as_deref().filter(|s| !s.is_empty()) {
        element(&mut xml, 1, "subtitle", sub);
    }
    element(&mut xml, 1, "id", &meta.self_url);
    link(&mut xml, 1, "self", &meta.self_url);
    link(&mut xml, 1, "alternate", &meta.page_url);
    element(&mut xml, 1, "updated", &updated);
    xml.push_str("  <author>\n");
    element(&mut xml, 2, "name", &meta.author);
    xml.push_str("  </author>\n");
    for e in entries {
        xml.push_str("  <entry>\n");
        element(&mut xml, 2, "title", &e.title);
        element(&mut xml, 2, "id", &e.permalink);
        link(&mut xml, 2, "alternate", &e.permalink);
        element(&mut xml, 2, "published", &rfc3339(e.published));
        element(&mut xml, 2, "updated", &rfc3339(e.last_changed()));
        if !e.summary.is_empty() {
            element(&mut xml, 2, "summary", &e.summary);
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// A date as an RFC 3339 timestamp at midnight UTC.
fn rfc3339(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

fn element(xml: &mut String, depth: usize, name: &str, text: &str) {
    indent(xml, depth);
    xml.push('<');
    xml.push_str(name);
    if name == "title" || name == "summary" || name == "subtitle" {
        xml.push_str(" type=\"text\"");
    }
    xml.push('>');
    xml.push_str(&escape(text));
    xml.push_str("</");
    xml.push_str(name);
    xml.push_str(">\n");
}

fn link(xml: &mut String, depth: usize, rel: &str, href: &str) {
    indent(xml, depth);
    xml.push_str("<link rel=\"");
    xml.push_str(rel);
    xml.push_str("\" href=\"");
    xml.push_str(&escape(href));
    if rel == "self" {
        xml.push_str("\" type=\"application/atom+xml");
    } else {
        xml.push_str("\" type=\"text/html");
    }
    xml.push_str("\"/>\n");
}

fn indent(xml: &mut String, depth: usize) {
    for _ in 0..depth {
        xml.push_str("  ");
    }
}

/// Escapes text for XML, and drops characters XML 1.0 does not allow.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Appends `s` to `out` escaped as [`escape`] escapes it.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    let plain = |b: u8| (0x20..0x80).contains(&b) && !b"&<>\"'".contains(&b);
    if s.bytes().all(plain) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_onto_a_string_escapes_as_escape_does() {
        for s in [
            "",
            "news/a-b/",
            "a&b<c>\"d'e",
            "tab\there\nline\r",
            "bell\u{7}nul\u{0}",
            "caf\u{e9}/\u{FFFE}\u{FFFF}/\u{10FFFF}",
            "\u{7f}del",
        ] {
            let mut out = "kept ".to_owned();
            escape_into(&mut out, s);
            assert_eq!(out, format!("kept {}", escape(s)), "{s:?}");
        }
        assert_eq!(escape("a&b\u{1}<"), "a&amp;b&lt;");
    }

    fn meta() -> FeedMeta {
        FeedMeta {
            title: "News – A & B".into(),
            self_url: "https://x.org/news/atom.xml".into(),
            page_url: "https://x.org/news/".into(),
            author: "A & B".into(),
            subtitle: None,
            lang: None,
        }
    }

    #[test]
    fn escapes_titles_and_summaries() {
        let e = FeedEntry {
            title: "Fish & <chips> \"quoted\"".into(),
            permalink: "https://x.org/news/a/".into(),
            published: Date::constant(2024, 5, 1),
            updated: None,
            summary: "1 < 2 \u{1} ok".into(),
        };
        let xml = atom(&meta(), &[e]);
        assert!(
            xml.contains("Fish &amp; &lt;chips&gt; &quot;quoted&quot;"),
            "{xml}"
        );
        assert!(xml.contains("1 &lt; 2  ok"), "{xml}");
        assert!(xml.contains("<updated>2024-05-01T00:00:00Z</updated>"));
    }

    #[test]
    fn names_its_language_only_when_given_one() {
        let xml = atom(&meta(), &[]);
        assert!(
            xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"),
            "{xml}"
        );
        let pl = FeedMeta {
            lang: Some("pl".into()),
            ..meta()
        };
        let xml = atom(&pl, &[]);
        assert!(
            xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"pl\">\n"),
            "{xml}"
        );
    }

    #[test]
    fn feed_updated_is_the_newest_change() {
        let e = |d: i8, u: Option<i8>| FeedEntry {
            title: "t".into(),
            permalink: format!("https://x.org/{d}/"),
            published: Date::constant(2024, 1, d),
            updated: u.map(|u| Date::constant(2024, 2, u)),
            summary: String::new(),
        };
        let xml = atom(&meta(), &[e(3, None), e(1, Some(9))]);
        let feed_updated = xml.split("<entry>").next().unwrap_or_default();
        assert!(
            feed_updated.contains("<updated>2024-02-09T00:00:00Z</updated>"),
            "{xml}"
        );
    }
}
