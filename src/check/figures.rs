//! Rule `thousands-mark`: a figure written with a full stop and three digits
//! (`9.760`) in a column of other figures, where the full stop may be a
//! thousands mark, as in spreadsheets from many countries: the author may mean
//! 9,760, but readers (and a chart's bars) read 9.76.
//!
//! Here for Markdown tables; `markdown` warns of the same in a shortcode's rows
//! (a chart's figures), which are drawn before the content checks run. Which
//! figures are suspect is `markdown::thousands_slips`'s rule: a column whose
//! every figure has three decimals is decimals, and says nothing.

use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};

use super::rule::Rule;
use super::source::FileLines;
use crate::error::{Diagnostic, Severity};

/// A figure like `9.760` that may mean 9,760.
pub(crate) const THOUSANDS_MARK: Rule = Rule {
    id: crate::rules::THOUSANDS_MARK,
    severity: Severity::Warning,
    description: "a figure like `9.760` in a table or chart, which could mean 9,760 (a full stop used as a thousands mark) or 9.76",
};

/// Warns of each cell of `table` that may be thousands written with a full
/// stop. `text` is the whole file, to find the figure's column.
pub(crate) fn table<'a>(
    table: &'a AstNode<'a>,
    file: &Path,
    text: &str,
    lines: &mut FileLines,
    out: &mut Vec<Diagnostic>,
) {
    let pos = table.data().sourcepos;
    let source = lines
        .bounds(text, pos.start.line)
        .zip(lines.bounds(text, pos.end.line))
        .and_then(|((start, _), (_, end))| text.get(start..end));
    if source.is_some_and(|s| !may_hold_a_slip(s.as_bytes())) {
        return;
    }
    // Each row's cells: text and where the cell starts.
    let rows: Vec<Vec<(String, usize, usize)>> = table
        .children()
        .map(|row| {
            row.children()
                .filter(|c| matches!(c.data().value, NodeValue::TableCell))
                .map(|cell| {
                    let start = cell.data().sourcepos.start;
                    (
                        cell.collect_text().trim().to_owned(),
                        start.line,
                        start.column,
                    )
                })
                .collect()
        })
        .collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for col in 0..width {
        let column: Vec<&str> = rows
            .iter()
            .map(|r| r.get(col).map_or("", |c| c.0.as_str()))
            .collect();
        for row in crate::markdown::thousands_slips(&column) {
            let (cell, line, start) = &rows[row][col];
            let written = super::source::line_from(text, *line, *start);
            let at = written
                .find(cell.as_str())
                .map_or(*start, |b| start + written[..b].chars().count());
            let (message, help) = crate::markdown::slip_words(cell);
            out.push(THOUSANDS_MARK.at(file, *line, at, message).help(help));
        }
    }
}

/// False when no cell of a table written as `source` can read as `9.760`, so
/// its cells need not be gathered: that takes a full stop and three digits
/// after it, perhaps with emphasis or link marks between them, which are not
/// text. An entity could be a full stop or a digit, and what is not text may
/// stand between them in a link's address (`(`), an HTML tag (`<`), a code
/// span's spaces (`` ` ``) or a shortcode (`{`): a table with any of those
/// after a full stop is gathered. Most tables hold none of this.
fn may_hold_a_slip(source: &[u8]) -> bool {
    memchr::memchr(b'&', source).is_some()
        || memchr::memchr_iter(b'.', source).any(|i| {
            let mut digits = 0;
            let after = source.get(i + 1..).unwrap_or_default();
            for (j, &b) in after.iter().enumerate() {
                match b {
                    b'0'..=b'9' => digits += 1,
                    b'*' | b'_' | b'~' | b'[' | b']' | b'!' | b'^' | b'\\' => {}
                    b'<' | b'(' | b'`' | b'{' => return true,
                    // A code span's closing space is not text: `` ` .7 `60 ``.
                    b' ' if after.get(j + 1) == Some(&b'`') => return true,
                    _ => return false,
                }
                if digits == 3 {
                    return true;
                }
            }
            false
        })
}

#[cfg(test)]
mod tests {
    use super::may_hold_a_slip;
    use crate::check::tests::found;

    #[test]
    fn warns_at_the_figure_in_a_column_of_thousands() {
        let md = "Table: Contacts\n\n| Year | Contacts |\n|---|---|\n| 2018 | 9.760 |\n| 2019 | 10,178 |\n";
        assert_eq!(found(md, "thousands-mark"), [(5, 10)]);
        let md = "Table: Rates\n\n| Area | Rate |\n|---|---|\n| North | 3.500 |\n| South | 0.125 |\n| East | 12.250 |\n";
        assert!(found(md, "thousands-mark").is_empty());
        let md = "Table: Rates\n\n| Area | Rate |\n|---|---|\n| North | 3.5 |\n| South | 12.25 |\n| East | 0.125 |\n";
        assert!(found(md, "thousands-mark").is_empty());
    }

    #[test]
    fn a_figure_behind_marks_or_an_entity_is_still_read() {
        for cell in [
            "9.*760*",
            "9.<b>760</b>",
            "9&#46;760",
            "9\\.760",
            "**9.760**",
        ] {
            let md =
                format!("| Year | Contacts |\n|---|---|\n| 2018 | {cell} |\n| 2019 | 10,178 |\n");
            assert_eq!(found(&md, "thousands-mark").len(), 1, "{cell}");
        }
    }

    #[test]
    fn tables_without_a_full_stop_before_three_digits_are_passed_over() {
        assert!(!may_hold_a_slip(
            b"| Step | Note |\n|---|---|\n| 1 | Call us. Then write. |"
        ));
        assert!(!may_hold_a_slip(b"| 9. | end. |"));
        assert!(!may_hold_a_slip(b"| 4.7 | 12.25 | 3.5% |"));
        for source in [
            "| 9.760 |",
            "| 9.*7*60 |",
            "| 9.<i>7</i> |",
            "| 9.` 760 ` |",
            "| &#57; |",
            "| 9.[760](x) |",
            "| 9.[7](x)60 |",
            "| 9` .7 `60 |",
        ] {
            assert!(may_hold_a_slip(source.as_bytes()), "{source}");
        }
    }

    proptest::proptest! {
        /// A table the quick look passes over finds what it would have
        /// found gathered: the same table with an entity in a row of its own
        /// (which opens it to the full read, and is no figure) warns the same.
        #[test]
        fn a_table_passed_over_holds_no_slip(
            // A figure, with what may or may not be text between its parts.
            parts in proptest::collection::vec(proptest::option::weighted(0.3, proptest::sample::select(vec![
                "*", "_", "`", "` ", " `", " ", "<b>", "</b>", "[", "](x)",
                "\\", "~", "^", "!", "(", ")", "{", "}", ".", "x", "1",
            ])), 6),
        ) {
            let part = |i: usize| parts[i].unwrap_or("");
            let cell = format!(
                "9{}.{}7{}6{}0{}{}", part(0), part(1), part(2), part(3), part(4), part(5)
            );
            let table = format!("| Year | Contacts |\n|---|---|\n| 2018 | {cell} |\n| 2019 | 10,178 |\n");
            let opened = format!("{table}| &amp; | x |\n");
            proptest::prop_assert_eq!(
                found(&table, "thousands-mark"),
                found(&opened, "thousands-mark"),
                "{}", table
            );
        }
    }
}
