//! Tabs pasted from Word (rule `word-paste`): a line of words that starts with a
//! tab, which Markdown shows as code, and a table whose columns were tabs,
//! which Markdown runs together into one paragraph.
//!
//! Part of the content checks, called from `check_tree`'s walk for code blocks
//! and paragraphs. Both tests are cheap: an indented code block is rare, and a
//! paragraph is read only where a line of it holds a tab. Fenced code and code
//! indented with spaces are someone's code, and are left alone.

use comrak::nodes::{AstNode, LineColumn, NodeCodeBlock, NodeValue};

use crate::error::Diagnostic;
use crate::markdown::TreeInput;

/// An indented code block whose lines start with a tab and read as prose: text
/// pasted from Word with a tab at the start of a line, shown in monospace. One
/// finding per block, at the first such line. Fenced code and code indented
/// with spaces are someone's code, and are left alone.
pub(crate) fn code_block(
    lines: &mut Lines,
    code: &NodeCodeBlock,
    start: LineColumn,
    input: &TreeInput<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if code.fenced || !code.literal.contains(|c: char| c.is_alphabetic()) {
        return;
    }
    // An indented block's lines are the file's lines from its first, one each.
    let Some(i) = code.literal.lines().position(reads_as_prose) else {
        return;
    };
    let line = start.line + i;
    let Some(source) = lines.line(input.text, line) else {
        return;
    };
    let Some(literal) = code.literal.lines().nth(i) else {
        return;
    };
    let Some(before) = source.trim_end_matches('\r').strip_suffix(literal) else {
        return;
    };
    if !before.ends_with('\t') {
        return;
    }
    let col = before.chars().count();
    out.push(
        super::pasted::WORD_PASTE
            .at(input.file, line, col, "this line starts with a tab, so it shows as code; remove the tab")
            .help("delete the tab at the start of the line (and of the lines after it that have one), so the words show as an ordinary paragraph; to show code on purpose, put it between two lines of three backticks, ```"),
    );
}

/// True for a line of sentences rather than code: words of letters (and
/// digits), spaces and everyday punctuation, starting with a letter, digit or
/// quote mark, and ending with `.`, `!`, `?` or `:`.
pub(super) fn reads_as_prose(line: &str) -> bool {
    let line = line.trim();
    let starts = line
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || "\"'‘“(".contains(c));
    starts
        && line.ends_with(['.', '!', '?', ':'])
        && line.contains(' ')
        && !line.contains("..")
        && line
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || ",.:!?'’‘\"“”()-–—&%£".contains(c))
}

/// Finds lines of the file by number. The walk asks for them in the order of
/// the file, so each search starts where the last one ended, and a page is read
/// once however many findings it has.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    /// The number of the line that starts at byte `at` (0 before the first ask).
    number: usize,
    at: usize,
}

impl Lines {
    /// Line `number` (from 1) of `text`, without its line end.
    fn line<'t>(&mut self, text: &'t str, number: usize) -> Option<&'t str> {
        if number == 0 {
            return None;
        }
        if self.number == 0 || number < self.number {
            (self.number, self.at) = (1, 0);
        }
        while self.number < number {
            self.at += text.get(self.at..)?.find('\n')? + 1;
            self.number += 1;
        }
        let rest = text.get(self.at..)?;
        Some(rest.split('\n').next().unwrap_or(rest))
    }
}

/// A paragraph with two or more lines in a row that hold a tab: a table pasted
/// from Word or a spreadsheet, its columns run together. Found at the first of
/// those lines, with that line written as a Markdown table's first rows.
pub(crate) fn paragraph<'a>(
    lines: &mut Lines,
    paragraph: &'a AstNode<'a>,
    input: &TreeInput<'_>,
    out: &mut Vec<Diagnostic>,
) {
    // The start of each line, and whether a line so far has a tab.
    let mut line_start: Option<LineColumn> = None;
    let mut tabbed = false;
    let mut previous: Option<LineColumn> = None;
    for child in paragraph.children() {
        let data = child.data();
        match &data.value {
            NodeValue::SoftBreak | NodeValue::LineBreak => {
                previous = line_start.filter(|_| tabbed);
                line_start = None;
                tabbed = false;
                continue;
            }
            // The tab after a list marker Word typed (`o`, `3)`) is the list's.
            NodeValue::Text(text) => {
                tabbed |= memchr::memchr(b'\t', text.as_bytes()).is_some()
                    && !(line_start.is_none() && super::pasted::is_typed_marker(text));
            }
            _ => {}
        }
        line_start.get_or_insert(data.sourcepos.start);
        if tabbed && let Some(first) = previous {
            out.push(tab_table(lines, first, input));
            return;
        }
    }
}

/// The finding for a table of tabs whose first row starts at `first`.
fn tab_table(lines: &mut Lines, first: LineColumn, input: &TreeInput<'_>) -> Diagnostic {
    let row = lines.line(input.text, first.line).unwrap_or("");
    let row: String = row
        .trim_end_matches('\r')
        .chars()
        .skip(first.column.saturating_sub(1))
        .collect();
    let cells: Vec<&str> = row
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    super::pasted::WORD_PASTE
        .at(input.file, first.line, first.column, "this looks like a table pasted with tabs; write it as a Markdown table")
        .help(format!("Markdown does not line up columns with tabs, so these lines run together. Put a `|` between the cells and a line of `---` under the first row:\n{}", example_rows(&cells)))
}

/// A table's first row and delimiter line made of `cells`:
/// `| Name | Role |` and `| --- | --- |`.
fn example_rows(cells: &[&str]) -> String {
    let mut header = String::from("|");
    let mut line = String::from("|");
    for cell in cells {
        header.push_str(&format!(" {} |", cell.replace('|', "\\|")));
        line.push_str(" --- |");
    }
    format!("{header}\n{line}")
}

#[cfg(test)]
mod tests {
    use super::Lines;
    use crate::check::tests::found;

    #[test]
    fn lines_are_found_forwards_and_again_from_the_top() {
        let text = "one\ntwo\r\n\nfour";
        let mut lines = Lines::default();
        assert_eq!(lines.line(text, 2), Some("two\r"));
        assert_eq!(lines.line(text, 4), Some("four"));
        assert_eq!(lines.line(text, 1), Some("one"));
        assert_eq!(lines.line(text, 3), Some(""));
        assert_eq!(lines.line(text, 5), None);
        assert_eq!(lines.line(text, 0), None);
    }
    use crate::markdown::tests::with_page;

    #[test]
    fn prose_after_a_tab_is_found_at_its_line() {
        assert_eq!(
            found("Intro.\n\n\tTabbed line.\n", "word-paste"),
            vec![(3, 1)]
        );
        assert_eq!(
            found("Intro.\n\n\tx = 1\n\tThen we met, in 2024.\n", "word-paste"),
            vec![(4, 1)]
        );
        assert_eq!(
            found("> Quote.\n\n\t\tTwo tabs, still prose!\n", "word-paste"),
            vec![(3, 1)]
        );
        let r = with_page("\tTabbed line.\n");
        assert_eq!(
            r.diagnostics[0].message,
            "this line starts with a tab, so it shows as code; remove the tab"
        );
    }

    #[test]
    fn code_and_space_indented_prose_are_not_tabbed_prose() {
        for md in [
            "    Four spaces, a sentence.\n",
            "```\nThis fenced line reads as prose.\n```\n",
            "```text\n\tA tab in a fence, too.\n```\n",
            "\tfn main() { println!(\"hi\"); }\n",
            "\tlet x = a.b();\n",
            "\treturn;\n",
            "\tcd public && ls\n",
            "\tsite.yaml\n",
            "\t...\n",
            "- item\n\n\tA tab inside an item is a paragraph.\n",
        ] {
            assert!(found(md, "word-paste").is_empty(), "{md:?}");
        }
    }

    #[test]
    fn lines_of_tabs_are_found_as_a_table_with_the_first_row_rewritten() {
        let r = with_page("Intro.\n\nName\tRole\nJo\tChair\nAl\t\tClerk\n");
        let d: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.rule == "word-paste")
            .collect();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].line, d[0].col), (Some(3), Some(1)));
        assert_eq!(
            d[0].message,
            "this looks like a table pasted with tabs; write it as a Markdown table"
        );
        let help = d[0].help.as_deref().unwrap_or("");
        assert!(help.ends_with("\n| Name | Role |\n| --- | --- |"), "{help}");
        assert_eq!(
            found("A line.\nName\tRole\nJo\tChair\n", "word-paste"),
            vec![(2, 1)]
        );
        assert_eq!(
            found("> *Name*\tRole\n> Jo\tChair\n", "word-paste"),
            vec![(1, 3)]
        );
    }

    #[test]
    fn one_line_with_a_tab_or_tabs_apart_are_not_a_table() {
        for md in [
            "Name\tRole\n",
            "Name\tRole\nJo, our chair.\nAl\tClerk\n",
            "| Name | Role |\n|---|---|\n| Jo | Chair |\n",
            "`a\tb`\n`c\td`\n",
        ] {
            assert!(found(md, "word-paste").is_empty(), "{md:?}");
        }
    }
}
