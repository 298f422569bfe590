//! Rules `table-header` and `table-caption`: a table has column headings and says
//! what it is about.
//!
//! A screen reader announces each cell with its column heading (WCAG 1.3.1); with an
//! empty header row the numbers lose their meaning. A caption, written as a paragraph
//! `Table: what the table shows` just above the table, names it for everyone. In a
//! Markdown table the first row is always the header row, so "no header" means
//! every cell in it is empty.

use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};

use super::rule::Rule;
use crate::error::{Diagnostic, Severity};
use crate::markdown::is_caption;

/// A table whose header row is empty.
pub(crate) const TABLE_HEADER: Rule = Rule {
    id: crate::rules::TABLE_HEADER,
    severity: Severity::Warning,
    description: "a table whose header row is empty, so its columns have no headings",
};

/// A table with no `Table:` caption.
pub(crate) const TABLE_CAPTION: Rule = Rule {
    id: crate::rules::TABLE_CAPTION,
    severity: Severity::Warning,
    description: "a table with no `Table:` caption saying what it shows",
};

/// Table rows with no delimiter line, shown as text.
pub(crate) const PIPE_TABLE: Rule = Rule {
    id: crate::rules::PIPE_TABLE,
    severity: Severity::Warning,
    description: "lines of `| a | b |` with no `|---|` line under the first, so they are shown as text, not a table",
};

/// Checks a paragraph that may have been meant as a table. `text` is the whole
/// file, to read the paragraph's lines as written.
pub(crate) fn paragraph<'a>(
    paragraph: &'a AstNode<'a>,
    file: &Path,
    text: &str,
    out: &mut Vec<Diagnostic>,
) {
    if is_pipe_rows(paragraph, text) {
        let start = paragraph.data().sourcepos.start;
        out.push(
            PIPE_TABLE
                .at(file, start.line, start.column, "these lines look like a table, but with no `|---|` line under the first row they are shown as text")
                .help("add a line of `|---|` under the first row, with one `---` for each column, like `|---|---|`; the first row is then the column headings"),
        );
    }
}

/// Checks a table: its header row and its caption.
pub(crate) fn table<'a>(table: &'a AstNode<'a>, file: &Path, out: &mut Vec<Diagnostic>) {
    let start = table.data().sourcepos.start;
    let header = table
        .first_child()
        .filter(|row| matches!(row.data().value, NodeValue::TableRow(true)));
    if header.is_some_and(|row| {
        row.children()
            .all(|cell| cell.collect_text().trim().is_empty())
    }) {
        out.push(
            TABLE_HEADER
                .at(
                    file,
                    start.line,
                    start.column,
                    "this table's header row is empty",
                )
                .help("write a heading for each column in the first row: | Month | Referrals |"),
        );
    }
    if !table.previous_sibling().is_some_and(|p| is_caption(p)) {
        out.push(
            TABLE_CAPTION
                .at(file, start.line, start.column, "this table has no caption")
                .help("put a line `Table: what the table shows` directly above the table"),
        );
    }
}

/// True when every line of `paragraph` starts and ends with `|` and has a cell
/// between.
fn is_pipe_rows<'a>(paragraph: &'a AstNode<'a>, text: &str) -> bool {
    // Most paragraphs do not start with `|`: skip them without reading the file.
    let starts_with_bar = paragraph
        .first_child()
        .is_some_and(|c| matches!(&c.data().value, NodeValue::Text(t) if t.starts_with('|')));
    if !starts_with_bar {
        return false;
    }
    let pos = paragraph.data().sourcepos;
    let mut lines = text
        .lines()
        .skip(pos.start.line.saturating_sub(1))
        .take(pos.end.line.saturating_sub(pos.start.line) + 1)
        .map(str::trim)
        .peekable();
    lines.peek().is_some() && lines.all(|l| l.len() >= 3 && l.starts_with('|') && l.ends_with('|'))
}

#[cfg(test)]
mod tests {
    use crate::check::tests::found;

    #[test]
    fn captioned_table_with_headings_passes() {
        let md = "Table: Referrals\n\n| Month | Count |\n|---|---|\n| May | 4 |\n";
        assert!(found(md, "table-header").is_empty());
        assert!(found(md, "table-caption").is_empty());
    }

    #[test]
    fn table_without_caption_warns_at_its_first_line() {
        let md = "Intro.\n\n| Month | Count |\n|---|---|\n| May | 4 |\n";
        assert_eq!(found(md, "table-caption"), vec![(3, 1)]);
    }

    #[test]
    fn pipe_rows_without_a_delimiter_line_warn_once() {
        let md = "Intro.\n\n| Games with chat | 38% |\n| Other games | 12% |\n";
        assert_eq!(found(md, "pipe-table"), vec![(3, 1)]);
        let table = "Table: Games\n\n| Game | Share |\n|---|---|\n| Chat | 38% |\n";
        assert!(found(table, "pipe-table").is_empty());
        assert!(found("Use the | key | to split.\n", "pipe-table").is_empty());
    }

    #[test]
    fn empty_header_row_warns() {
        let md = "Table: Referrals\n\n|   |   |\n|---|---|\n| May | 4 |\n";
        assert_eq!(found(md, "table-header"), vec![(3, 1)]);
        assert!(found(md, "table-caption").is_empty());
    }
}
