//! Rules `heading-skip` and `heading-h1`: headings go down one level at a time, and
//! the page's only `<h1>` is its title.
//!
//! Screen reader users move around a page by its headings, and a jump from `##` to
//! `####` looks like a missing part. The template shows the front matter `title` as
//! the page's `<h1>`, so a `#` heading in the body makes a second one.

use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};

use super::rule::Rule;
use crate::error::{Diagnostic, Severity};

/// A heading more than one level below the one before it.
pub(crate) const HEADING_SKIP: Rule = Rule {
    id: crate::rules::HEADING_SKIP,
    severity: Severity::Warning,
    description: "a heading that skips a level, like `####` straight after `##`",
};

/// A `#` heading in the body: an error, as every page has one `<h1>`, its title.
pub(crate) const HEADING_H1: Rule = Rule {
    id: crate::rules::HEADING_H1,
    severity: Severity::Error,
    description: "a `#` heading in the body; the page title is already the page's h1",
};

/// A paragraph of bold text standing in for a heading.
pub(crate) const BOLD_PARAGRAPH: Rule = Rule {
    id: crate::rules::BOLD_PARAGRAPH,
    severity: Severity::Warning,
    description: "a paragraph that is only bold text, which looks like a heading to the eye but not to a screen reader",
};

/// Longest bold-only paragraph taken for a heading, in characters.
const HEADING_LIKE: usize = 120;

/// The headings of a page, in the order the tree walk of `check_tree` passes
/// them. The title counts as the level-1 heading before them all.
#[derive(Debug)]
pub(crate) struct Headings {
    /// The level of the last heading passed.
    previous: u8,
}

impl Default for Headings {
    fn default() -> Self {
        Headings { previous: 1 }
    }
}

impl Headings {
    /// A paragraph: is it bold text standing for a heading?
    pub(crate) fn paragraph<'a>(
        &self,
        node: &'a AstNode<'a>,
        file: &Path,
        out: &mut Vec<Diagnostic>,
    ) {
        bold_paragraph(node, self.previous, file, out);
    }

    /// A heading of `level`: is it an h1, or does it skip a level?
    pub(crate) fn heading<'a>(
        &mut self,
        node: &'a AstNode<'a>,
        level: u8,
        (file, text): (&Path, &str),
        out: &mut Vec<Diagnostic>,
    ) {
        let previous = self.previous;
        let start = node.data().sourcepos.start;
        if level == 1 {
            // A heading pasted from Word or Google Docs starts at its `<h1>` tag.
            let pasted = (start.line.checked_sub(1))
                .and_then(|l| text.lines().nth(l))
                .and_then(|line| line.chars().nth(start.column.saturating_sub(1)))
                == Some('<');
            let (message, help) = if pasted {
                (
                    "this pasted heading (`<h1>`) makes a second h1; the page title is the h1",
                    "write the heading again on a line of its own, starting with `## `, and delete it from the pasted text; or put it in `title:`",
                )
            } else {
                (
                    "a `#` heading makes a second h1; the page title is the h1",
                    "use `##` for the top headings in the text, or put this text in `title:`",
                )
            };
            out.push(
                HEADING_H1
                    .at(file, start.line, start.column, message)
                    .help(help),
            );
        } else if level > previous + 1 {
            let hashes = "#".repeat(usize::from(previous + 1));
            out.push(
                HEADING_SKIP
                    .at(
                        file,
                        start.line,
                        start.column,
                        format!("this is a level-{level} heading after a level-{previous} one, so a level is skipped"),
                    )
                    .help(format!("make it `{hashes}`, one level below the heading before it")),
            );
        }
        self.previous = level;
    }
}

/// Warns about a top-level paragraph that is only bold text; the heading to use is
/// one level below `previous`, the last heading before it.
fn bold_paragraph<'a>(
    paragraph: &'a AstNode<'a>,
    previous: u8,
    file: &Path,
    out: &mut Vec<Diagnostic>,
) {
    if !paragraph
        .parent()
        .is_some_and(|p| matches!(p.data().value, NodeValue::Document))
    {
        return;
    }
    let mut strong = None;
    for child in paragraph.children() {
        match &child.data().value {
            NodeValue::Strong if strong.is_none() => strong = Some(child),
            NodeValue::Text(t) if t.trim().is_empty() => {}
            _ => return,
        }
    }
    let Some(strong) = strong else { return };
    let text = strong.collect_text();
    let text = text.trim();
    if text.is_empty() || text.chars().count() > HEADING_LIKE {
        return;
    }
    let level = (previous + 1).clamp(2, 6);
    let start = paragraph.data().sourcepos.start;
    let hashes = "#".repeat(usize::from(level));
    out.push(
        BOLD_PARAGRAPH
            .at(file, start.line, start.column, "this paragraph is only bold text, so it looks like a heading but is not one; screen reader users cannot find it in the page's headings")
            .help(format!("if it is a heading, make it a level-{level} heading: `{hashes} {}`; if it is not, write it as a sentence", text.trim_end_matches(':'))),
    );
}

#[cfg(test)]
mod tests {
    use crate::check::tests::found;

    #[test]
    fn bold_only_paragraphs_warn_with_the_level_to_use() {
        let md =
            "## Our work\n\n**Key figures**\n\nText with **some bold** in it.\n\n- **Bold item**\n";
        assert_eq!(found(md, "bold-paragraph"), vec![(3, 1)]);
        let d = crate::markdown::tests::with_page(md).diagnostics;
        let help = d.iter().find_map(|d| d.help.clone()).unwrap_or_default();
        assert!(
            help.contains("level-3 heading: `### Key figures`"),
            "{help}"
        );
        assert_eq!(
            found("**Before any heading**\n", "bold-paragraph"),
            vec![(1, 1)]
        );
    }

    #[test]
    fn levels_that_step_down_one_at_a_time_pass() {
        let md = "## A\n\n### B\n\n#### C\n\n## D\n\n### E\n";
        assert!(found(md, "heading-skip").is_empty());
        assert!(found(md, "heading-h1").is_empty());
    }

    #[test]
    fn skipped_level_warns_at_the_heading() {
        assert_eq!(
            found("---\ntitle: t\n---\n## A\n\n#### B\n", "heading-skip"),
            vec![(6, 1)]
        );
        assert_eq!(found("Intro.\n\n### First\n", "heading-skip"), vec![(3, 1)]);
    }

    #[test]
    fn h1_in_the_body_warns_once_without_a_skip() {
        assert_eq!(found("# Title again\n\n## A\n", "heading-h1"), vec![(1, 1)]);
        assert!(found("# Title again\n\n## A\n", "heading-skip").is_empty());
    }

    #[test]
    fn a_pasted_h1_is_named_as_pasted_at_its_own_line() {
        let md = "Intro.\n\n<p class=MsoNormal>One</p>\n<h1 style='mso-x'>Pasted</h1>\n";
        assert_eq!(found(md, "heading-h1"), vec![(4, 1)]);
        let d = crate::markdown::tests::with_page(md).diagnostics;
        let h1 = d
            .iter()
            .find(|d| d.rule == "heading-h1")
            .map(|d| d.message.clone());
        assert!(
            h1.as_deref()
                .is_some_and(|m| m.contains("pasted heading (`<h1>`)")),
            "{h1:?}"
        );
        let typed = crate::markdown::tests::with_page("# Typed\n").diagnostics;
        assert!(
            typed.iter().any(|d| d.message.contains("a `#` heading")),
            "{typed:?}"
        );
    }
}
