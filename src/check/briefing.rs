//! Rule `briefing-parts`: a 7-minute briefing has exactly seven parts.
//!
//! The briefing template shows the seven `##` parts as numbered panels that print
//! on one A4 sheet; practitioners know the format and expect all seven. Fewer or
//! more breaks the layout and the promise of "seven minutes", so it is an error.

use super::rule::Rule;
use crate::content::{Content, Page, PageKind};
use crate::error::{Diagnostic, Severity};
use crate::markdown::Rendered;

/// A briefing without exactly seven parts.
pub(crate) const BRIEFING_PARTS: Rule = Rule {
    id: crate::rules::BRIEFING_PARTS,
    severity: Severity::Error,
    description: "a page in a briefing section without exactly seven `##` parts",
};

/// The seven headings the author's guide (content/guide/briefings.md) suggests.
pub(crate) const PART_HEADINGS: [&str; 7] = [
    "What is it?",
    "Why it matters",
    "What we have learned",
    "What to look out for",
    "What to do",
    "Questions to ask yourself",
    "Where to find out more",
];

/// A briefing too long to print on one A4 sheet.
pub(crate) const BRIEFING_LENGTH: Rule = Rule {
    id: crate::rules::BRIEFING_LENGTH,
    severity: Severity::Warning,
    description: "a 7-minute briefing with more words, table rows or attachments than print on one A4 sheet",
};

/// Parts a briefing has.
const PARTS: usize = 7;

/// What fits on one A4 sheet, as measured with Chromium's PDF of the fixture
/// `tests/fixtures/publish-briefing-budget` (tests/browser/print.test.mjs): about
/// 650 words, one table of up to 6 rows, and up to 3 attachments.
pub(crate) const BUDGET_WORDS: usize = 650;
/// Body rows of the one table a sheet holds.
pub(crate) const BUDGET_TABLE_ROWS: usize = 6;
/// Attachments listed under the briefing.
pub(crate) const BUDGET_ATTACHMENTS: usize = 3;

/// True for a page (not a section) in a section with `page_kind: briefing`.
fn in_briefings(content: &Content, page: &Page) -> bool {
    !page.is_section
        && page.parent.is_some_and(|s| {
            content.pages[content.sections[s].index].meta.page_kind == Some(PageKind::Briefing)
        })
}

/// The tables of `html` and their body rows (`<tr` not counting one per `<thead`),
/// in one pass over its tags.
fn count_tables(html: &str) -> (usize, usize) {
    let (mut tables, mut trs, mut theads) = (0, 0, 0);
    // Only tags starting `<t` count: found with memmem, not by visiting every tag.
    for at in memchr::memmem::find_iter(html.as_bytes(), b"<t") {
        let tag = &html.as_bytes()[at + 1..];
        if tag.starts_with(b"table") {
            tables += 1;
        } else if tag.starts_with(b"tr") {
            trs += 1;
        } else if tag.starts_with(b"thead") {
            theads += 1;
        }
    }
    (tables, trs - theads.min(trs))
}

/// Warns when a briefing is over the one-sheet budget, and by how much.
pub(crate) fn check_length(
    content: &Content,
    page: &Page,
    rendered: &Rendered,
    out: &mut Vec<Diagnostic>,
) {
    if !in_briefings(content, page) {
        return;
    }
    let (tables, rows) = count_tables(rendered.html.as_str());
    let attachments = page.meta.attachments.len();
    let mut over = Vec::new();
    if rendered.word_count > BUDGET_WORDS {
        over.push(format!(
            "{} words, {} more than the {BUDGET_WORDS} that fit",
            rendered.word_count,
            rendered.word_count - BUDGET_WORDS
        ));
    }
    if tables > 1 {
        over.push(format!("{tables} tables, where one fits"));
    }
    if rows > BUDGET_TABLE_ROWS {
        over.push(format!(
            "{rows} table rows, {} more than the {BUDGET_TABLE_ROWS} that fit",
            rows - BUDGET_TABLE_ROWS
        ));
    }
    if attachments > BUDGET_ATTACHMENTS {
        over.push(format!(
            "{attachments} attachments, {} more than the {BUDGET_ATTACHMENTS} that fit",
            attachments - BUDGET_ATTACHMENTS
        ));
    }
    if over.is_empty() {
        return;
    }
    let line = page.meta.key_lines.get("title").copied().unwrap_or(1);
    out.push(
        BRIEFING_LENGTH
            .at(&page.file, line, 1, format!("this briefing may not print on one A4 sheet: it has {}", over.join("; ")))
            .help("shorten it, or move detail to a linked page: a briefing is meant to be read in seven minutes and printed on one sheet"),
    );
}

/// Checks a page in a section with `page_kind: briefing`.
pub(crate) fn check(
    content: &Content,
    page: &Page,
    rendered: &Rendered,
    out: &mut Vec<Diagnostic>,
) {
    if !in_briefings(content, page) {
        return;
    }
    let parts = &rendered.parts;
    let found = parts.len();
    if found == PARTS {
        return;
    }
    let (line, what) = match parts.get(PARTS) {
        Some(extra) => (extra.heading.line, "this is part 8"),
        None => (
            page.meta.key_lines.get("title").copied().unwrap_or(1),
            "some are missing",
        ),
    };
    out.push(
        BRIEFING_PARTS
            .at(
                &page.file,
                line,
                1,
                format!("this briefing has {found} `##` parts, not seven; {what}"),
            )
            .help(format!(
                "a 7-minute briefing has exactly seven `##` headings at the top level, such as: {}",
                PART_HEADINGS.join(", ")
            )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_tables_and_body_rows_in_one_pass() {
        let html = "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr><tr><td>2</td></tr></tbody></table><table><tr><td>x</td></tr></table><track>";
        // Two tables; five `<tr` (one of them `<track`), less one per `<thead`.
        assert_eq!(count_tables(html), (2, 4));
        assert_eq!(count_tables("<thead><thead><tr>"), (0, 0));
        assert_eq!(count_tables("no tags <"), (0, 0));
    }
    use crate::content::{FrontMatter, Section};
    use crate::markdown::tests::with_parts;

    fn briefing_site(body: &str) -> (Content, Rendered) {
        let meta = |kind| FrontMatter {
            title: "T".into(),
            page_kind: kind,
            ..FrontMatter::default()
        };
        let page = |is_section, kind| Page {
            file: "content/b/p.md".into(),
            key: "b/p.md".into(),
            text: String::new(),
            meta: meta(kind),
            path: "b/p/".into(),
            dir: "b".into(),
            parent: if is_section { None } else { Some(0) },
            is_section,
            lang: None,
            translation_of: None,
            revision: 0,
        };
        let content = Content {
            pages: vec![page(true, Some(PageKind::Briefing)), page(false, None)],
            sections: vec![Section {
                index: 0,
                pages: vec![1],
                subsections: Vec::new(),
            }],
            assets: Vec::new(),
            left_out: Vec::new(),
            not_built: Default::default(),
        };
        (content, with_parts(body))
    }

    fn found(parts: usize) -> Vec<Option<usize>> {
        let body: String = (1..=parts)
            .map(|n| format!("## Part {n}\n\nText.\n\n"))
            .collect();
        let (content, rendered) = briefing_site(&body);
        let mut out = Vec::new();
        check(&content, &content.pages[1], &rendered, &mut out);
        assert!(
            out.iter()
                .all(|d| d.rule == "briefing-parts" && d.is_error())
        );
        out.iter().map(|d| d.line).collect()
    }

    #[test]
    fn a_long_briefing_is_warned_about_with_how_much_is_over() {
        let words = "word ".repeat(100);
        let body: String = (1..=7)
            .map(|n| format!("## Part {n}\n\n{words}\n\n"))
            .collect();
        let (content, rendered) = briefing_site(&body);
        let mut out = Vec::new();
        check_length(&content, &content.pages[1], &rendered, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(
            out[0].message.contains("more than the 650"),
            "{}",
            out[0].message
        );
        let short: String = (1..=7)
            .map(|n| format!("## Part {n}\n\nText.\n\n"))
            .collect();
        let (content, rendered) = briefing_site(&short);
        let mut out = Vec::new();
        check_length(&content, &content.pages[1], &rendered, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn seven_parts_pass() {
        assert!(found(7).is_empty());
    }

    #[test]
    fn fewer_or_more_parts_are_errors() {
        assert_eq!(found(6), vec![Some(1)]);
        assert_eq!(found(8), vec![Some(29)]);
    }
}
