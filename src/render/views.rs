//! What templates see: plain, serialisable view structs.
//!
//! Built by `site` from the model; templates never see internal types, so the model
//! can change without breaking a site's own templates. Every URL here is ready to
//! use (it includes the base path), and every date comes both as ISO and as words.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::html::Html;

/// A link: text and URL.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LinkView {
    /// Link text.
    pub title: String,
    /// Where it goes.
    pub url: String,
    /// True when it is the page being shown.
    pub current: bool,
}

/// A date as ISO (`2020-10-30`) and in words (`30 October 2020`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DateView {
    /// For `<time datetime>`.
    pub iso: String,
    /// For people.
    pub human: String,
}

impl DateView {
    /// From a civil date.
    pub fn new(date: jiff::civil::Date) -> Self {
        let month =
            crate::text::dates::MONTHS[usize::try_from(date.month() - 1).unwrap_or(0).min(11)];
        DateView {
            iso: date.to_string(),
            human: format!("{} {} {}", date.day(), month, date.year()),
        }
    }
}

/// The site, as every template sees it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SiteView {
    /// Site name.
    pub title: String,
    /// One sentence about the site.
    pub description: String,
    /// `lang` attribute.
    pub language: String,
    /// Base URL with trailing slash.
    pub base_url: String,
    /// Path part of the base URL (`/` or `/preview/`).
    pub base_path: String,
    /// Main menu.
    pub menu: Vec<LinkView>,
    /// Footer links.
    pub footer_menu: Vec<LinkView>,
    /// The "report a concern" link, when the site sets one.
    pub report_concern: Option<ReportView>,
    /// Contact for accessible formats, when the site sets one.
    pub contact: Option<crate::config::Contact>,
    /// Taxonomy names.
    pub taxonomies: Vec<String>,
    /// `extra` from site.yaml.
    pub extra: BTreeMap<String, yaml_serde::Value>,
    /// Logo, colour and favicon.
    pub brand: crate::brand::Brand,
    /// The "Exit this page" button, when the site has one.
    pub quick_exit: Option<crate::brand::QuickExit>,
    /// Stylesheets to load after the theme's: the brand's, then the site's
    /// `static/css/custom.css`; output paths, for the templates' `asset()`.
    pub stylesheets: Vec<String>,
    /// Text direction of the default language (`ltr`, `rtl`).
    pub dir: &'static str,
    /// The site's languages, the default first (one for a site in one language).
    pub languages: Vec<crate::languages::Language>,
}

/// One language version of a page, for the language switcher and
/// `<link rel="alternate" hreflang>`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TranslationView {
    /// BCP 47 code, for `lang` and `hreflang`.
    pub code: String,
    /// The language's name in itself.
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// The version's address.
    pub url: String,
    /// Its absolute address, for `<link rel="alternate">`.
    pub permalink: String,
    /// The page's title in that language.
    pub title: String,
    /// True for the page being shown.
    pub current: bool,
}

/// The "report a concern" link.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportView {
    /// Link text.
    pub text: String,
    /// Where it goes.
    pub url: String,
    /// A line beside it.
    pub note: Option<String>,
    /// The codes (in lower case) of the site's other languages whose pages
    /// show the theme's `report_concern` words in place of `text`; pages in
    /// any other language show `text`, marked with the main language.
    pub theme_text_in: Vec<String>,
    /// The same for `note` and the theme's `report_concern_note`.
    pub theme_note_in: Vec<String>,
}

/// One entry of a page's contents list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TocItem {
    /// Heading level.
    pub level: u8,
    /// Fragment id.
    pub id: String,
    /// Heading text.
    pub title: String,
}

/// One entry of a page's history (`changes:`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChangeView {
    /// When.
    pub date: DateView,
    /// What changed (plain text).
    pub note: String,
}

impl ChangeView {
    /// The views of `changes`, in the same order (newest first).
    pub fn list(changes: &[crate::content::Change]) -> Vec<ChangeView> {
        changes
            .iter()
            .map(|c| ChangeView {
                date: DateView::new(c.date),
                note: c.note.clone(),
            })
            .collect()
    }
}

/// A page in a listing: light, never the page's HTML.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SummaryView {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// Description, or the first paragraph.
    pub description: String,
    /// Published.
    pub date: Option<DateView>,
    /// Last updated.
    pub updated: Option<DateView>,
    /// Kept first in its section.
    pub pinned: bool,
    /// When, where and how to book, for an event.
    pub event: Option<crate::events::EventView>,
}

/// One chapter of a document section.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChapterView {
    /// 1-based.
    pub number: usize,
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// True for the page being shown (not a link then).
    pub current: bool,
}

/// The document a chapter belongs to.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocumentView {
    /// The document's title.
    pub title: String,
    /// Its contents page.
    pub url: String,
    /// Chapters in order.
    pub chapters: Vec<ChapterView>,
    /// Previous chapter.
    pub previous: Option<LinkView>,
    /// Next chapter.
    pub next: Option<LinkView>,
    /// The whole document on one page, when there is one.
    pub print_url: Option<String>,
}

/// One part of a 7-minute briefing.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PartView {
    /// 1 to 7.
    pub number: usize,
    /// The `##` heading's text.
    pub title: String,
    /// The heading's id.
    pub id: String,
    /// The part's HTML, starting with its `<h2 id>` heading.
    #[serde(serialize_with = "shared")]
    pub html: Html,
}

/// Links between listing pages.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PaginatorView {
    /// 1-based.
    pub current: usize,
    /// Number of listing pages.
    pub total: usize,
    /// Previous listing page.
    pub previous: Option<String>,
    /// Next listing page.
    pub next: Option<String>,
    /// Listing pages to link to by number: the first and last, and the current one
    /// with its neighbours. A gap between them is an entry with an empty `url` and
    /// `…` as its title.
    pub pages: Vec<LinkView>,
}

/// A term of a taxonomy with its pages.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TermView {
    /// As written in front matter.
    pub name: String,
    /// Its page.
    pub url: String,
    /// How many pages have it.
    pub count: usize,
    /// The pages (summaries), on a term page.
    pub pages: Vec<SummaryView>,
}

/// A page, section or generated page, as templates see it.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct PageView {
    /// `page`, `section`, `home`, `taxonomy`, `term`, `not_found`, `search`, `a_z`, `alias`.
    pub kind: &'static str,
    /// The `<h1>`.
    pub title: String,
    /// The `<title>`: "Page – Section – Site".
    pub head_title: String,
    /// Lead paragraph and meta description.
    pub description: Option<String>,
    /// URL path with the base path.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Body HTML.
    #[serde(serialize_with = "shared")]
    pub content: Html,
    /// Published.
    pub date: Option<DateView>,
    /// Last updated.
    pub updated: Option<DateView>,
    /// Due for review.
    pub review_by: Option<DateView>,
    /// The page's history, newest first.
    pub changes: Vec<ChangeView>,
    /// Terms of `topics`.
    pub topics: Vec<LinkView>,
    /// Terms by taxonomy.
    pub taxonomies: BTreeMap<String, Vec<LinkView>>,
    /// Contents list (level-2 and 3 headings) when `toc: true`.
    pub toc: Vec<TocItem>,
    /// Breadcrumbs from home to the parent (not the page itself).
    pub breadcrumbs: Vec<LinkView>,
    /// The section the page is in.
    pub section: Option<LinkView>,
    /// Chapters, when the page belongs to (or is) a document section.
    pub document: Option<DocumentView>,
    /// The seven parts, for a 7-minute briefing.
    pub parts: Vec<PartView>,
    /// A briefing's text before its first part.
    #[serde(serialize_with = "shared")]
    pub intro: Html,
    /// Listing: the pages on this listing page.
    pub pages: Vec<SummaryView>,
    /// Listing: subsections.
    pub subsections: Vec<SummaryView>,
    /// Listing: pagination.
    pub paginator: Option<PaginatorView>,
    /// Home: newest items from chosen sections.
    pub latest: Vec<SummaryView>,
    /// Taxonomy pages: the terms.
    pub terms: Vec<TermView>,
    /// Words of prose.
    pub word_count: usize,
    /// Minutes to read, at 200 words a minute.
    pub reading_minutes: usize,
    /// `extra` from front matter.
    pub extra: BTreeMap<String, yaml_serde::Value>,
    /// The source file, relative to the site root.
    pub source: String,
    /// Downloadable files from `attachments:` in front matter.
    pub attachments: Vec<AttachmentView>,
    /// Print page: every chapter of the document, in order.
    pub print_chapters: Vec<PrintChapterView>,
    /// Atom feeds for `<link rel="alternate">`: the site's, then the section's.
    pub feeds: Vec<LinkView>,
    /// A–Z page: every page and section, grouped by first letter.
    pub groups: Vec<LetterGroup>,
    /// The page's language code (`lang` of `<html>`); empty for generated pages,
    /// which are in the site's default language.
    pub lang: String,
    /// Its text direction (`ltr`, `rtl`); empty for generated pages.
    pub dir: &'static str,
    /// Every language version of the page, itself included; empty when it has none.
    pub translations: Vec<TranslationView>,
    /// The page's Easy Read version.
    pub easy_read: Option<LinkView>,
    /// For an Easy Read page, the full page it is a version of.
    pub full_version: Option<LinkView>,
    /// For a translation older than its source: when the source was updated.
    pub outdated: Option<DateView>,
    /// For a page in another language: the "report a concern" page in that
    /// language, when there is one.
    pub report_concern_url: Option<String>,
    /// When, where and how to book, for an event page.
    pub event: Option<crate::events::EventView>,
    /// An events section's listing pages and calendar.
    pub events: Option<EventsNav>,
}

impl PageView {
    /// How long the page's own HTML is (body, briefing parts, print chapters):
    /// what its file holds besides the theme's.
    pub fn html_len(&self) -> usize {
        self.content.len()
            + self.intro.len()
            + self.parts.iter().map(|p| p.html.len()).sum::<usize>()
            + self
                .print_chapters
                .iter()
                .map(|c| c.html.len())
                .sum::<usize>()
    }
}

/// HTML given to a template as a string that shares the text instead of copying
/// it (a page's body is the longest value it has); other serialisers get the
/// string as before.
fn shared<S: serde::Serializer>(html: &Html, serializer: S) -> Result<S::Ok, S::Error> {
    minijinja::Value::from(html.shared()).serialize(serializer)
}

/// The links between an events section's listings, and its calendar feed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventsNav {
    /// The upcoming events (the section's own page).
    pub upcoming: LinkView,
    /// The past events page.
    pub past: LinkView,
    /// The section's iCalendar feed.
    pub calendar: LinkView,
    /// True on the past events page.
    pub showing_past: bool,
}

/// A downloadable file, shown the GOV.UK way: "PDF, 245 KB, 12 pages".
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct AttachmentView {
    /// The link text.
    pub title: String,
    /// Where the file is.
    pub url: String,
    /// Its kind in words (`PDF`, `MS Word Document`).
    pub file_type: String,
    /// The theme word that names its kind in the page's language (`file_word`), or
    /// empty when `file_type` reads the same in every language (`PDF`, `CSV`).
    pub type_key: String,
    /// Its size in English words (`245 KB`).
    pub size: String,
    /// Its size as a number for `size_key`'s `{count}`: `245`, or `1.2` (with a full
    /// stop, which templates swap for the page's `decimal_mark`).
    pub size_number: String,
    /// The theme word for the unit of `size_number`: `size_byte`, `size_bytes`,
    /// `size_kb`, `size_mb` or `size_gb`.
    pub size_key: String,
    /// Pages, for a PDF.
    pub pages: Option<usize>,
    /// "PDF, 245 KB, 12 pages": type, size and pages in one line.
    pub summary: String,
    /// Published before 23 September 2018, so outside the accessibility regulations.
    pub published_before_2018: bool,
}

/// One chapter on a document's print page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PrintChapterView {
    /// 1-based.
    pub number: usize,
    /// The chapter's title, its `<h2>` here.
    pub title: String,
    /// The id of that `<h2>`; every other id in the chapter starts with it and `-`.
    pub id: String,
    /// The chapter's own page.
    pub url: String,
    /// The chapter's HTML, its headings one level down.
    #[serde(serialize_with = "shared")]
    pub html: Html,
}

/// One letter of the A–Z page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LetterGroup {
    /// The heading: `A`, `0–9` or `Other`.
    pub letter: String,
    /// Fragment id for the jump list (`letter-a`).
    pub id: String,
    /// The pages, A to Z.
    pub items: Vec<IndexEntry>,
}

/// A page listed on the A–Z page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IndexEntry {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// The section it is in, to tell pages of the same title apart.
    pub context: Option<String>,
    /// The language of a translation's title (empty for the main language),
    /// for its `lang` and `hreflang`.
    pub lang: String,
    /// `ltr` or `rtl` when the title runs the other way from the site's main
    /// language; else empty.
    pub dir: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_reaches_templates_shared_and_still_escaped_unless_marked_safe()
    -> Result<(), minijinja::Error> {
        let body = Html::from("<p>Fish & chips</p>");
        let view = PageView {
            content: body.clone(),
            print_chapters: vec![PrintChapterView {
                number: 1,
                title: "One".into(),
                id: "one".into(),
                url: "/one/".into(),
                html: Html::from("<h2>One</h2>"),
            }],
            ..PageView::default()
        };
        assert_eq!(view.html_len(), body.len() + "<h2>One</h2>".len());
        let value = minijinja::Value::from(minijinja::value::Serde(&view));
        let content = value.get_attr("content")?;
        assert_eq!(content.as_str(), Some(body.as_str()));
        assert!(!content.is_safe(), "a theme decides with `| safe`");
        let mut env = minijinja::Environment::new();
        env.add_template(
            "t.html",
            "{{ page.content }}|{{ page.content | safe }}|{{ page.print_chapters[0].html | safe }}",
        )?;
        let out = env
            .get_template("t.html")?
            .render(minijinja::context! { page => value })?;
        assert_eq!(
            out,
            "&lt;p&gt;Fish &amp; chips&lt;&#x2f;p&gt;|<p>Fish & chips</p>|<h2>One</h2>"
        );
        // Other serialisers see a plain string, as before.
        let json = serde_json::to_value(&view).map_err(|e| {
            minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string())
        })?;
        assert_eq!(json["content"], "<p>Fish & chips</p>");
        Ok(())
    }
}
