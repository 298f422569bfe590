//! Rule `markdown-surprise`: text that Markdown shows differently from how it
//! reads in the file, with no other sign to the author.
//!
//! - A line that starts with a year and a full stop (`2019. The year…`) is a
//!   numbered list that starts at 2019.
//! - A numbered list is counted on from its first number, so `1.`, `2.`, `4.`
//!   shows 1, 2, 3.
//! - A line of `---` straight under a line of text makes that text a heading.
//! - Lines of sentences indented by four spaces (pasted from an email) show as
//!   computer code. The same with a tab is `word-paste`'s.
//!
//! Part of the content checks, called from `check_tree`'s walk for lists,
//! headings and indented code blocks, each rare enough to cost nothing.

use comrak::nodes::{AstNode, LineColumn, ListDelimType, ListType, NodeCodeBlock, NodeValue};

use super::rule::Rule;
use super::source::FileLines;
use crate::error::{Diagnostic, Severity};
use crate::markdown::TreeInput;

/// Text that Markdown shows differently from how it reads.
pub(crate) const MARKDOWN_SURPRISE: Rule = Rule {
    id: crate::rules::MARKDOWN_SURPRISE,
    severity: Severity::Warning,
    description: "text that Markdown shows differently from how it reads: a line starting with a year and a full stop (a numbered list), list numbers that the page counts differently, a line of `---` under text (a heading), sentences indented by four spaces (code)",
};

/// Years an ordered list's first number is taken for.
const YEARS: std::ops::RangeInclusive<usize> = 1900..=2099;

/// A numbered list: one that starts at a year, or whose numbers as written are
/// not the ones the page shows.
pub(crate) fn list<'a>(
    node: &'a AstNode<'a>,
    start: LineColumn,
    input: &TreeInput<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let NodeValue::List(list) = &node.data().value else {
        return;
    };
    if list.list_type != ListType::Ordered {
        return;
    }
    let first = list.start;
    if YEARS.contains(&first) {
        let (mark, name) = match list.delimiter {
            ListDelimType::Period => ('.', "full stop"),
            ListDelimType::Paren => (')', "bracket"),
        };
        out.push(
            MARKDOWN_SURPRISE
                .at(input.file, start.line, start.column, format!("this line starts with the year {first} and a {name}, so it shows as a numbered list that starts at {first}"))
                .help(format!("to keep it as an ordinary sentence, put a backslash before the {name}: `{first}\\{mark}`; to make a numbered list, start it at 1")),
        );
        return;
    }
    let written: Vec<(usize, LineColumn)> = node
        .children()
        .filter_map(|item| match &item.data().value {
            NodeValue::Item(item_list) => Some((item_list.start, item.data().sourcepos.start)),
            _ => None,
        })
        .collect();
    // `1.` on every line is a common way to let the page count.
    if written.iter().all(|&(n, _)| n == first) {
        return;
    }
    let wrong = written
        .iter()
        .enumerate()
        .find(|&(i, &(n, _))| first.checked_add(i) != Some(n));
    if let Some((i, &(n, at))) = wrong {
        let shown = first.saturating_add(i);
        out.push(
            MARKDOWN_SURPRISE
                .at(input.file, at.line, at.column, format!("this item is written as {n} but the page shows it as {shown}: a numbered list counts on from its first number"))
                .help("number the list in order (1, 2, 3), or write `1.` on every line and let the page count; if each number must stay as written, write them as ordinary paragraphs"),
        );
    }
}

/// A heading made by a line of `---` (or `===`) under a line of text, which
/// authors mostly mean as a line across the page.
pub(crate) fn heading(
    level: u8,
    setext: bool,
    start: LineColumn,
    input: &TreeInput<'_>,
    out: &mut Vec<Diagnostic>,
) {
    // A `===` heading is a level-1 heading, which `heading-h1` reports.
    if !setext || level != 2 {
        return;
    }
    out.push(
        MARKDOWN_SURPRISE
            .at(input.file, start.line, start.column, "the line of `---` under this text makes it a heading")
            .help("to draw a line across the page, leave an empty line between the text and the `---`; to make a heading, write `## ` at the start of the text and delete the `---` line"),
    );
}

/// An indented code block whose lines, joined, read as sentences, indented with
/// spaces only (`word-paste` reports a tab).
pub(crate) fn code_block(
    lines: &mut FileLines,
    code: &NodeCodeBlock,
    start: LineColumn,
    input: &TreeInput<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if code.fenced {
        return;
    }
    let joined = code
        .literal
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if joined.is_empty() || !super::tabs::reads_as_prose(&joined) {
        return;
    }
    let indented_with_tab = lines.line(input.text, start.line).is_some_and(|line| {
        line.chars()
            .take_while(|c| c.is_whitespace())
            .any(|c| c == '\t')
    });
    if indented_with_tab {
        return;
    }
    out.push(
        MARKDOWN_SURPRISE
            .at(input.file, start.line, 1, "these lines start with four spaces or more, so they show as computer code, not as a paragraph")
            .help("delete the spaces at the start of the lines so the words show as an ordinary paragraph; to show code on purpose, put it between two lines of three backticks, ```"),
    );
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::with_page;

    fn surprises(text: &str) -> Vec<(usize, String)> {
        with_page(text)
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == crate::rules::MARKDOWN_SURPRISE)
            .map(|d| (d.line.unwrap_or(0), d.message))
            .collect()
    }

    #[test]
    fn a_year_with_a_full_stop_is_a_list_starting_at_that_year() {
        let found = surprises("Our year.\n\n2019. Was the year we began.\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 3);
        assert!(found[0].1.contains("starts at 2019"), "{found:?}");
        assert!(surprises("Our year.\n\n2019\\. Was the year we began.\n").is_empty());
        let found = surprises("2020) The year of the pandemic.\n");
        assert!(found[0].1.contains("2020 and a bracket"), "{found:?}");
    }

    #[test]
    fn numbers_the_page_would_count_differently_are_found_at_the_first() {
        let found = surprises("1. One\n2. Two\n4. Four\n5. Five\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 3);
        assert!(
            found[0]
                .1
                .contains("written as 4 but the page shows it as 3"),
            "{found:?}"
        );
        for fine in [
            "1. One\n2. Two\n3. Three\n",
            "1. One\n1. Two\n1. Three\n",
            "3. Three\n4. Four\n",
            "- a\n- b\n",
        ] {
            assert!(surprises(fine).is_empty(), "{fine:?}");
        }
    }

    #[test]
    fn a_dashed_line_under_text_makes_a_heading() {
        let found = surprises("Intro.\n\nThe partnership met six times\n---\n\nMore.\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 3);
        for fine in ["Intro.\n\n---\n\nMore.\n", "## A heading\n\nMore.\n"] {
            assert!(surprises(fine).is_empty(), "{fine:?}");
        }
    }

    #[test]
    fn sentences_indented_by_spaces_show_as_code() {
        let found =
            surprises("Intro.\n\n    This was pasted from an email with\n    spaces in front.\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 3);
        for fine in [
            "Intro.\n\n    let x = 1;\n    print(x);\n",
            "Intro.\n\n```\nThis fenced line reads as prose.\n```\n",
            "Intro.\n\n\tThis line starts with a tab, which word-paste reports.\n",
        ] {
            assert!(surprises(fine).is_empty(), "{fine:?}");
        }
    }
}
