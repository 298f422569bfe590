//! Content checks: the findings `plainsite check` (and every build) reports about
//! what authors wrote, beyond what the build itself needs to work.
//!
//! Two kinds of rule, both returning `Diagnostic`s and never printing:
//!
//! - tree rules walk the comrak tree that `markdown` has already parsed, so every
//!   finding has the file's own line and column and nothing is parsed twice.
//!   [`ContentChecks`] implements the checker trait `markdown` defines
//!   (`ContentChecker`), so `Markdown::render` runs them after abbreviation
//!   definitions are taken out and before any pass changes the text, without
//!   `markdown` knowing this module;
//! - page rules read front matter and what rendering learned (words, parts, reading
//!   grade); [`check_pages`] runs them from the build once every page is rendered;
//! - site rules need the finished output: [`check_settings`] (addresses in
//!   `site.yaml`, and the recommended settings) and [`check_image_sizes`] (image
//!   files over [`IMAGE_BUDGET`]) run from the build last.
//!
//! One file per rule (or per pair of rules about one thing); [`RULES`] lists them
//! all, for the author's guide and the tests. Broken links and anchors are found by
//! the build itself (rules `broken-link` and `broken-anchor`).

mod abbreviations;
mod attachment_title;
mod attributes;
mod braces;
mod briefing;
mod capitals;
pub mod concern_words;
pub(crate) mod documents;
mod easy_read;
mod events;
mod figures;
mod footnotes;
mod heading_text;
mod headings;
mod history;
mod html_text;
mod image_format;
mod images;
mod instructions;
pub mod json;
pub mod json_text;
mod link_syntax;
mod links;
mod not_bold;
mod page_meta;
mod pasted;
pub(crate) mod pdf;
pub mod placeholders;
mod prose;
mod raw_images;
mod reading;
mod rule;
mod scripts;
mod settings;
mod source;
mod staff_links;
mod surprises;
mod tables;
mod tabs;
mod text_bytes;
mod text_marks;
mod titles;
mod word_places;
mod written;

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue};

use crate::content::Content;
use crate::error::{Diagnostic, Severity};
use crate::markdown::{ContentChecker, Rendered, TreeInput, TreeReport};
pub use crate::markdown::{Reading, Sentence};
pub(crate) use braces::check_settings_values;
pub use images::{IMAGE_BUDGET, check_image_sizes};
pub use rule::Rule;
pub use settings::check_settings;

/// Every content rule, in the order the author's guide lists them.
pub const RULES: &[Rule] = &[
    images::IMAGE_ALT,
    images::IMAGE_ALT_FILENAME,
    images::IMAGE_SIZE,
    images::IMAGE_BROKEN,
    image_format::IMAGE_FORMAT,
    Rule {
        id: crate::rules::BROKEN_LINK,
        severity: Severity::Error,
        description: "a link or image that points to no page or file",
    },
    Rule {
        id: crate::rules::BROKEN_ANCHOR,
        severity: Severity::Error,
        description: "a `#fragment` that is not a heading or anchor on the page it points to",
    },
    headings::HEADING_SKIP,
    headings::HEADING_H1,
    heading_text::HEADING_EMPTY,
    heading_text::HEADING_SPACE,
    attributes::ATTRIBUTE_LIST,
    headings::BOLD_PARAGRAPH,
    links::VAGUE_LINK_TEXT,
    links::BARE_URL_LINK,
    links::EMPTY_LINK_TEXT,
    link_syntax::NOT_A_LINK,
    not_bold::NOT_BOLD,
    staff_links::WRAPPED_LINK,
    staff_links::STAFF_LINK,
    footnotes::FOOTNOTE,
    tables::TABLE_HEADER,
    tables::TABLE_CELLS,
    tables::TABLE_CAPTION,
    tables::PIPE_TABLE,
    surprises::MARKDOWN_SURPRISE,
    figures::THOUSANDS_MARK,
    pasted::RAW_HTML,
    pasted::WORD_PASTE,
    scripts::SCRIPT_HTML,
    braces::TEMPLATE_CODE,
    braces::LANG_MARKER,
    abbreviations::ABBREVIATION,
    capitals::CAPITALS,
    reading::READING_GRADE,
    reading::LONG_SENTENCE,
    easy_read::EASY_READ_PICTURE,
    page_meta::REVIEW_DUE,
    history::UPDATED_UNEXPLAINED,
    history::DATE_ORDER,
    page_meta::MISSING_DESCRIPTION,
    page_meta::REPEATED_TERM,
    titles::DUPLICATE_TITLE,
    titles::TITLE_LENGTH,
    titles::TITLE_MARKUP,
    briefing::BRIEFING_PARTS,
    page_meta::ATTACHMENT_HTML,
    attachment_title::ATTACHMENT_TITLE,
    briefing::BRIEFING_LENGTH,
    events::EVENT_START,
    events::EVENT_TIMES,
    events::EVENT_PLACE,
    events::EVENT_BOOKING,
];

/// The content checks, as the checker `markdown` runs on each page's tree.
#[derive(Debug, Clone, Copy, Default)]
pub struct ContentChecks;

impl ContentChecker for ContentChecks {
    fn check_tree<'a>(&self, root: &'a AstNode<'a>, input: &TreeInput<'_>) -> TreeReport {
        check_tree(root, input)
    }
}

/// Runs every tree rule over one parsed page, in one walk: each node is handed to
/// the rules that read its kind, in document order (a rule's findings come out in
/// the order it met them; `sort_diagnostics` orders the rules' findings together).
pub(crate) fn check_tree<'a>(root: &'a AstNode<'a>, input: &TreeInput<'_>) -> TreeReport {
    let file = input.file;
    let mut out = Vec::new();
    let mut images = images::Images::default();
    let mut headings = headings::Headings::default();
    let mut abbreviations = abbreviations::Abbreviations::default();
    let mut link_syntax = link_syntax::LinkSyntax::default();
    let mut not_bold = not_bold::NotBold::default();
    let mut braces = braces::Braces::default();
    let mut pasted = pasted::Pasted::default();
    let mut lines = tabs::Lines::default();
    let mut reading = reading::Counter::for_page(input.easy_read);
    let mut pictures = easy_read::Pictures::default();
    let mut notes = Vec::new();
    let mut markers = footnotes::Markers::default();
    let mut file_lines = source::FileLines::default();
    for edge in root.traverse() {
        let node = match edge {
            NodeEdge::Start(node) => node,
            NodeEdge::End(node) => {
                let data = node.data();
                if matches!(data.value, NodeValue::Image(_)) {
                    images.end_image(node, file, &mut out);
                }
                reading.end(&data.value);
                continue;
            }
        };
        let data = node.data();
        let start = data.sourcepos.start;
        let value = &data.value;
        images.start(value);
        reading.start(node, value, start);
        match value {
            NodeValue::Text(text) => {
                // Each text rule finds nothing in a text without its bytes,
                // and most text has none: one read says which rules to ask.
                let found = text_bytes::scan(text.as_bytes());
                if found.capital_pair() {
                    abbreviations.text(node, text, start, input, &mut out);
                }
                if found.non_ascii() {
                    pasted.text(text, start, input, &mut out);
                }
                if found.open_brace() {
                    braces.text(node, text, start, input, &mut out);
                }
                if found.close_bracket() {
                    link_syntax.text(text, start, input, &mut out);
                }
                if found.caret() {
                    markers.text(text, start, input, &mut out);
                }
                if found.asterisk() {
                    not_bold.text(b'*', text, start, input, &mut out);
                }
                if found.underscore() {
                    not_bold.text(b'_', text, start, input, &mut out);
                }
            }
            NodeValue::FootnoteDefinition(note) => notes.push(note.name.clone()),
            NodeValue::Paragraph => {
                if input.easy_read {
                    pictures.paragraph(node, start);
                }
                headings.paragraph(node, file, &mut out);
                heading_text::paragraph(node, file, input.text, &mut out);
                attributes::block(node, false, file, input.text, &mut out);
                tables::paragraph(node, file, input.text, &mut out);
                pasted.paragraph(node, input, &mut out);
                tabs::paragraph(&mut lines, node, input, &mut out);
                instructions::paragraph(node, input, &mut file_lines, &mut out);
            }
            NodeValue::Heading(h) => {
                surprises::heading(h.level, h.setext, start, input, &mut out);
                heading_text::heading(node, h.level, file, &mut out);
                attributes::block(node, true, file, input.text, &mut out);
                headings.heading(node, h.level, (file, input.text), &mut out);
            }
            NodeValue::Link(link) => {
                links::link(node, &link.url, file, &mut out);
                staff_links::link(&link.url, start.line, start.column, file, &mut out);
            }
            NodeValue::Image(link) => {
                image_format::image(&link.url, start.line, start.column, file, &mut out)
            }
            NodeValue::Table(table) => {
                tables::table(node, file, &mut out);
                let columns = table.num_columns;
                tables::cells(node, columns, file, input.text, &mut file_lines, &mut out);
                figures::table(node, file, input.text, &mut file_lines, &mut out);
            }
            NodeValue::HtmlBlock(block) => {
                pasted.html_block(&block.literal, start, input, &mut out);
                // Without allow_html every tag is text, and `raw-html` says so.
                if input.allow_html {
                    scripts::html(&block.literal, start, input.file, &mut out);
                    html_text::html(&block.literal, start, input.file, &mut out);
                    raw_images::html(&block.literal, start, input, &mut out);
                }
            }
            NodeValue::HtmlInline(html) => {
                pasted.html_inline(node, html, start, input, &mut out);
                if input.allow_html {
                    scripts::html(html, start, input.file, &mut out);
                    html_text::html(html, start, input.file, &mut out);
                    raw_images::html(html, start, input, &mut out);
                }
            }
            NodeValue::CodeBlock(code) => {
                tabs::code_block(&mut lines, code, start, input, &mut out);
                surprises::code_block(&mut file_lines, code, start, input, &mut out);
            }
            NodeValue::List(_) => surprises::list(node, start, input, &mut out),
            _ => {}
        }
    }
    footnotes::unused(&notes, input, &mut out);
    pictures.finish(file, &mut out);
    let reading = reading::finish(reading, file, &mut out);
    TreeReport {
        diagnostics: out,
        reading,
    }
}

/// What the page rules need: the site's settings, its pages, and each page rendered.
#[derive(Debug, Clone, Copy)]
pub struct PagesInput<'a> {
    /// Every page and section.
    pub content: &'a Content,
    /// Rendered pages, same index as `content.pages`.
    pub rendered: &'a [Rendered],
    /// The highest Flesch–Kincaid grade a page should need (`reading_grade`).
    pub reading_grade: f64,
    /// The site's default language: pages without their own are in it.
    pub language: &'a str,
    /// Today, for `review_by`.
    pub today: jiff::civil::Date,
}

/// What the page rules found across the site.
#[derive(Debug, Default)]
pub struct PagesReport {
    /// Findings, in no particular order.
    pub diagnostics: Vec<Diagnostic>,
    /// The median reading grade of pages with enough prose to judge.
    pub median_grade: Option<f64>,
}

/// Runs every page rule over the rendered site, the pages in parallel; the
/// findings come in page order.
pub fn check_pages(input: &PagesInput<'_>) -> PagesReport {
    use rayon::prelude::*;
    let per_page: Vec<(Vec<Diagnostic>, Option<f64>)> = input
        .content
        .pages
        .par_iter()
        .zip(input.rendered)
        .map(|(page, rendered)| check_page(input, page, rendered))
        .collect();
    let mut out = Vec::new();
    let mut grades = Vec::new();
    for (mut found, grade) in per_page {
        out.append(&mut found);
        grades.extend(grade);
    }
    titles::check_duplicates(input.content, &mut out);
    page_meta::check_terms_across(input.content, &mut out);
    PagesReport {
        diagnostics: out,
        median_grade: median(&mut grades),
    }
}

/// The page rules for one page: its findings, and its reading grade when the
/// page is in English and has enough prose to judge.
fn check_page(
    input: &PagesInput<'_>,
    page: &crate::content::Page,
    rendered: &Rendered,
) -> (Vec<Diagnostic>, Option<f64>) {
    // What reading the front matter found (a value a `#` cut short).
    let mut out = page.meta.warnings.clone();
    page_meta::check(page, rendered, input.today, &mut out);
    attachment_title::check(page, &mut out);
    titles::check_markup(page, &mut out);
    braces::check_values(page, &mut out);
    titles::check_length(page, &mut out);
    instructions::description(page, &mut out);
    history::check(page, input.today, &mut out);
    briefing::check(input.content, page, rendered, &mut out);
    briefing::check_length(input.content, page, rendered, &mut out);
    events::check(input.content, page, input.today, &mut out);
    images::check_sizes(&page.file, &rendered.pictures, &mut out);
    // The reading-grade formula is for English: a page in any other
    // language is not judged by it.
    let lang = page.lang.as_deref().unwrap_or(input.language);
    let english = lang
        .split('-')
        .next()
        .is_some_and(|l| l.eq_ignore_ascii_case("en"));
    let reading = rendered.reading.as_ref().filter(|_| english);
    if let Some(reading) = reading {
        reading::judge(&page.file, reading, input.reading_grade, &mut out);
    }
    (out, reading.map(|r| r.grade))
}

/// The median, rounded to one decimal place.
fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    let m = if values.len() % 2 == 0 {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    };
    Some((m * 10.0).round() / 10.0)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::markdown::tests::with_page;

    /// Renders `md` and returns the findings of one rule as (line, col).
    pub(crate) fn found(md: &str, rule: &str) -> Vec<(usize, usize)> {
        with_page(md)
            .diagnostics
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| (d.line.unwrap_or(0), d.col.unwrap_or(0)))
            .collect()
    }

    /// Renders `md` and returns the help of each finding of one rule.
    pub(crate) fn helps(md: &str, rule: &str) -> Vec<String> {
        with_page(md)
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == rule)
            .map(|d| d.help.unwrap_or_default())
            .collect()
    }

    /// A page at `content/p.md` with front matter `meta`, for the page rules.
    pub(crate) fn page(meta: crate::content::FrontMatter) -> crate::content::Page {
        crate::content::Page {
            file: "content/p.md".into(),
            key: "p.md".into(),
            text: String::new(),
            meta,
            path: "p/".into(),
            dir: "".into(),
            parent: None,
            is_section: false,
            lang: None,
            translation_of: None,
            revision: 0,
        }
    }

    #[test]
    fn rule_ids_are_unique_and_described() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        assert_eq!(RULES.len(), 53);
        assert!(RULES.iter().all(|r| !r.description.is_empty()));
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [9.0, 3.0, 5.0]), Some(5.0));
        assert_eq!(median(&mut [4.0, 6.0, 8.0, 100.0]), Some(7.0));
    }
}
