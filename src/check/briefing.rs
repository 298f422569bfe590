//! Rule `briefing-parts`: a 7-minute briefing has exactly seven parts.
//!
//! The briefing template shows the seven `##` parts as numbered panels that print
//! on one A4 sheet; practitioners know the format and expect all seven. Fewer or
//! more breaks the layout and the promise of "seven minutes", so it is an error.

use super::Rule;
use crate::content::{Content, Page, PageKind};
use crate::error::{Diagnostic, Severity};
use crate::markdown::Rendered;

/// A briefing without exactly seven parts.
pub(crate) const BRIEFING_PARTS: Rule = Rule {
    id: "briefing-parts",
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

/// Parts a briefing has.
const PARTS: usize = 7;

/// Checks a page in a section with `page_kind: briefing`.
pub(crate) fn check(
    content: &Content,
    page: &Page,
    rendered: &Rendered,
    out: &mut Vec<Diagnostic>,
) {
    let in_briefings = !page.is_section
        && page.parent.is_some_and(|s| {
            content.pages[content.sections[s].index].meta.page_kind == Some(PageKind::Briefing)
        });
    if !in_briefings {
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
    fn seven_parts_pass() {
        assert!(found(7).is_empty());
    }

    #[test]
    fn fewer_or_more_parts_are_errors() {
        assert_eq!(found(6), vec![Some(1)]);
        assert_eq!(found(8), vec![Some(29)]);
    }
}
