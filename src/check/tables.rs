//! Rules `table-header`, `table-cells` and `table-caption`: a table has column
//! headings, every cell written has a column, and the table says what it is
//! about.
//!
//! A screen reader announces each cell with its column heading (WCAG 1.3.1); with an
//! empty header row the numbers lose their meaning. A caption, written as a paragraph
//! `Table: what the table shows` just above the table, names it for everyone. In a
//! Markdown table the first row is always the header row, so "no header" means
//! every cell in it is empty; one empty heading among others (not the first,
//! the corner above the row names) is a column nobody can name.
//!
//! Markdown drops a cell written beyond the header row's last column: a row
//! pasted from a spreadsheet with a merged heading loses its last figures, and
//! nothing on the page shows it. The row's line is read as written (`\|` is a
//! bar in a cell, not a new cell) to count what it had.

use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};

use super::rule::Rule;
use super::source::FileLines;
use crate::error::{Diagnostic, Severity};
use crate::markdown::is_caption;

/// A table whose header row is empty.
pub(crate) const TABLE_HEADER: Rule = Rule {
    id: crate::rules::TABLE_HEADER,
    severity: Severity::Warning,
    description: "a table whose header row is empty, so its columns have no headings",
};

/// A row with more cells than the table has columns.
pub(crate) const TABLE_CELLS: Rule = Rule {
    id: crate::rules::TABLE_CELLS,
    severity: Severity::Error,
    description: "a table row with more cells than the header row, whose last cells would be left off the page",
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
    // Which headings are empty, each cell's text gathered once.
    let empty: Option<Vec<bool>> = header.map(|row| {
        row.children()
            .map(|c| c.collect_text().trim().is_empty())
            .collect()
    });
    if empty.as_ref().is_some_and(|e| e.iter().all(|&e| e)) {
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
    let empty_heading = empty.and_then(|empty| {
        let named = empty.contains(&false);
        // The first heading may be empty: the corner above the row names.
        let column = empty.iter().skip(1).position(|&e| e)? + 2;
        named.then_some(column)
    });
    if let Some(column) = empty_heading {
        out.push(
            TABLE_HEADER
                .at(file, start.line, start.column, format!("column {column} of this table has no heading"))
                .help("write a heading for it in the first row, between its two `|` marks; a screen reader reads each cell with its column's heading"),
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

/// Reports each row of `table` (of `columns` columns) written with more cells
/// than that. `text` is the whole file, and `lines` its lines, found once.
pub(crate) fn cells<'a>(
    table: &'a AstNode<'a>,
    columns: usize,
    file: &Path,
    text: &str,
    lines: &mut FileLines,
    out: &mut Vec<Diagnostic>,
) {
    for row in table.children() {
        let start = row.data().sourcepos.start;
        let Some(source) = lines.line(text, start.line) else {
            continue;
        };
        let line = source
            .char_indices()
            .nth(start.column.saturating_sub(1))
            .map_or("", |(i, _)| &source[i..]);
        // Counted first, without making the cells: most rows fit.
        if cell_count(line) <= columns {
            continue;
        }
        let written = written_cells(line);
        let Some(lost) = written.get(columns..).filter(|l| !l.is_empty()) else {
            continue;
        };
        let lost: Vec<String> = lost.iter().map(|c| format!("`{c}`")).collect();
        out.push(
            TABLE_CELLS
                .at(file, start.line, start.column, format!(
                    "this row has {} cells but the table has {columns} columns, so {} would be left off the page",
                    written.len(),
                    super::titles::and_list(&lost.iter().map(String::as_str).collect::<Vec<_>>())
                ))
                .help("give the header row (the first row) a heading for every column, with one `---` for each in the line under it, or move the extra cells into the row's other columns"),
        );
    }
}

/// How many cells [`written_cells`] finds in `line`, counted without them.
/// Without a backslash no bar is escaped, and the bars are found with memchr:
/// every row of every table is counted.
fn cell_count(line: &str) -> usize {
    let bytes = line.as_bytes();
    let (bars, first, last) = if memchr::memchr(b'\\', bytes).is_none() {
        (
            memchr::memchr_iter(b'|', bytes).count(),
            memchr::memchr(b'|', bytes),
            memchr::memrchr(b'|', bytes).map_or(0, |i| i + 1),
        )
    } else {
        bars_escaped(bytes)
    };
    let first = first.unwrap_or(line.len());
    let mut cells: usize = bars + 1;
    if line[..first].trim().is_empty() {
        cells -= 1;
    }
    if cells > 1 && line[last..].trim().is_empty() {
        cells -= 1;
    }
    cells
}

/// The bars of `line` with no `\` before them: how many, the first, and the
/// byte after the last (0 for none).
fn bars_escaped(line: &[u8]) -> (usize, Option<usize>, usize) {
    let (mut bars, mut first, mut last) = (0, None, 0);
    let mut escaped = false;
    for (i, &b) in line.iter().enumerate() {
        match b {
            b'\\' => escaped = !escaped,
            b'|' if !escaped => {
                bars += 1;
                first.get_or_insert(i);
                last = i + 1;
            }
            _ => escaped = false,
        }
    }
    (bars, first, last)
}

/// The cells of a table row as written: split at each `|` that has no `\`
/// before it, without the empty ends a leading or closing `|` makes.
fn written_cells(line: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut from = 0;
    let mut escaped = false;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b'\\' => escaped = !escaped,
            b'|' if !escaped => {
                cells.push(line[from..i].trim());
                from = i + 1;
            }
            _ => escaped = false,
        }
    }
    cells.push(line[from..].trim());
    if cells.first().is_some_and(|c| c.is_empty()) {
        cells.remove(0);
    }
    if cells.len() > 1 && cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    cells
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
    fn a_row_with_more_cells_than_columns_is_an_error_naming_what_is_lost() {
        let md = "Table: Referrals\n\n| Agency | 2019 |\n|---|---|\n| Police | 300 | 320 | 999 |\n| Health | 20 |\n| Schools | 5 | `a\\|b` |\n";
        assert_eq!(found(md, "table-cells"), vec![(5, 1), (7, 1)]);
        let page = crate::markdown::tests::with_page(md);
        let d = page.diagnostics.iter().find(|d| d.rule == "table-cells");
        assert!(d.is_some_and(|d| d.is_error()
            && d.message
                == "this row has 4 cells but the table has 2 columns, so `320` and `999` would be left off the page"));
        // A bar written `\|` is part of its cell; rows may leave off their end bars.
        let fine = "Table: T\n\n| A | B |\n|---|---|\n| x \\| y | z |\n1 | 2\n| 3 |\n\n> | A | B |\n> |---|---|\n> | 1 | 2 |\n";
        assert!(found(fine, "table-cells").is_empty());
    }

    #[test]
    fn an_empty_heading_among_others_warns_but_the_corner_may_be_empty() {
        let md = "Table: T\n\n| Agency | Referrals | |\n|---|---|---|\n| Police | 300 | 320 |\n";
        assert_eq!(found(md, "table-header"), vec![(3, 1)]);
        let page = crate::markdown::tests::with_page(md);
        assert!(
            page.diagnostics
                .iter()
                .any(|d| d.message == "column 3 of this table has no heading")
        );
        let corner = "Table: T\n\n| | 2019 | 2020 |\n|---|---|---|\n| Police | 300 | 320 |\n";
        assert!(found(corner, "table-header").is_empty());
    }

    proptest::proptest! {
        /// Counting the cells gives what making them gives.
        #[test]
        fn cell_count_is_the_number_of_written_cells(line in "[ a|\\\\\t]{0,24}") {
            proptest::prop_assert_eq!(super::cell_count(&line), super::written_cells(&line).len());
        }

        /// Without a backslash the bars are counted with memchr, and give the same.
        #[test]
        fn a_line_without_a_backslash_is_counted_as_written(line in "[ a|\t]{0,24}") {
            proptest::prop_assert_eq!(super::cell_count(&line), super::written_cells(&line).len());
        }
    }

    #[test]
    fn written_cells_split_at_bars_without_a_backslash() {
        assert_eq!(super::written_cells("| a | b |"), ["a", "b"]);
        assert_eq!(super::written_cells("a | b"), ["a", "b"]);
        assert_eq!(super::written_cells("| a \\| b |"), ["a \\| b"]);
        assert_eq!(super::written_cells("| a \\\\| b |"), ["a \\\\", "b"]);
        assert_eq!(super::written_cells("| |"), [""]);
    }

    #[test]
    fn empty_header_row_warns() {
        let md = "Table: Referrals\n\n|   |   |\n|---|---|\n| May | 4 |\n";
        assert_eq!(found(md, "table-header"), vec![(3, 1)]);
        assert!(found(md, "table-caption").is_empty());
    }
}
