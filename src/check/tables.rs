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

use super::Rule;
use crate::error::{Diagnostic, Severity};
use crate::markdown::is_caption;

/// A table whose header row is empty.
pub(crate) const TABLE_HEADER: Rule = Rule {
    id: "table-header",
    severity: Severity::Warning,
    description: "a table whose header row is empty, so its columns have no headings",
};

/// A table with no `Table:` caption.
pub(crate) const TABLE_CAPTION: Rule = Rule {
    id: "table-caption",
    severity: Severity::Warning,
    description: "a table with no `Table:` caption saying what it shows",
};

/// Checks every table under `root`.
pub(crate) fn check<'a>(root: &'a AstNode<'a>, file: &Path, out: &mut Vec<Diagnostic>) {
    for table in root.descendants() {
        if !matches!(table.data().value, NodeValue::Table(_)) {
            continue;
        }
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
                    .help(
                        "write a heading for each column in the first row: | Month | Referrals |",
                    ),
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
    fn empty_header_row_warns() {
        let md = "Table: Referrals\n\n|   |   |\n|---|---|\n| May | 4 |\n";
        assert_eq!(found(md, "table-header"), vec![(3, 1)]);
        assert!(found(md, "table-caption").is_empty());
    }
}
