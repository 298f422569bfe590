//! A table pasted from Word: an HTML block that is one `<table>` of Word's
//! (`class=MsoTableGrid`, cells of `<p class=MsoNormal>`) becomes the page's
//! own table, its first row the column headings, rather than tags shown as
//! text. An annual report is full of tables, and Word is where they are made.
//!
//! Part of `markdown`, called by `word::clean` for a block with HTML that is not
//! Word's formatting code. Only a block that is a table and nothing else, whose
//! tags are the table's own (`table`, `tr`, `td` …), Word's, or bold, italics
//! and line breaks, is taken (a link in a cell stays a link, listed again by
//! the caller); a cell that spans rows or columns, or a table in a table,
//! keeps the block's handling (shown as text, with a warning).
//! The author gets a `word-paste` warning with the table written in Markdown,
//! to put in place of the code.

use std::path::Path;

use comrak::Arena;
use comrak::nodes::{Ast, AstNode, NodeTable, NodeValue, Sourcepos, TableAlignment};

use super::word_format::{
    self, LANG_CLOSE, LANG_END, LANG_OPEN, LINK_CLOSE, Link, PARAGRAPH_LANG, is_marker, link_number,
};
use super::word_styles::SpanStyles;
use super::word_tags::{Judge, Piece, WordTag, decode_text, pieces};
use crate::error::Diagnostic;

/// The most rows the warning writes out in Markdown.
const ROWS_SHOWN: usize = 12;

/// A cell as read: its words and where its tag starts (line, column).
struct Cell {
    words: String,
    at: (usize, usize),
}

/// A row as read: its cells and where its `<tr>` starts.
type Row = (Vec<Cell>, (usize, usize));

/// The rows of the table `literal` holds, each with where its `<tr>` starts;
/// `None` unless the block is one table of the kind the module docs describe.
fn rows_of(
    literal: &str,
    start: (usize, usize),
    (strict, lang): (bool, &str),
) -> Option<(Vec<Row>, Vec<word_format::Link>)> {
    if !literal.to_ascii_lowercase().contains("mso") || word_format::has_markers(literal) {
        return None;
    }
    let mut judge = Judge::new(strict);
    let mut rows: Vec<Row> = Vec::new();
    let mut links = Vec::new();
    let (mut tables, mut in_cell) = (0, false);
    // What the current cell's Word spans say: its bold, italics and language.
    let mut styles = SpanStyles::marking_languages(lang);
    // Where the piece being read starts, moved on piece by piece: counting
    // from the block's start each time would take as long as the table
    // squared.
    let mut at = start;
    for piece in pieces(literal) {
        match piece {
            Piece::Text(text) if in_cell => {
                let cell = rows.last_mut()?.0.last_mut()?;
                decode_text(text, &mut cell.words);
            }
            Piece::Text(text) if !text.trim().is_empty() => return None,
            Piece::Text(_) => {}
            Piece::Tag(tag) => {
                let (closing, name) = name_of(tag);
                match (closing, name.as_str()) {
                    (false, "table") if tables == 0 && rows.is_empty() => tables += 1,
                    (true, "table") => tables -= 1,
                    (_, "thead" | "tbody" | "tfoot" | "colgroup" | "col") => {}
                    (false, "tr") if tables == 1 => rows.push((Vec::new(), at)),
                    (true, "tr") => in_cell = false,
                    (false, "td" | "th") if tables == 1 && !spans(tag) => {
                        rows.last_mut()?.0.push(Cell {
                            words: String::new(),
                            at,
                        });
                        in_cell = true;
                        styles = SpanStyles::marking_languages(lang);
                    }
                    (true, "td" | "th") => in_cell = false,
                    (_, "b" | "strong" | "i" | "em" | "u") => {}
                    (_, "a") if in_cell => {
                        let pos = Sourcepos::from((at.0, at.1, at.0, at.1));
                        let cell = rows.last_mut()?.0.last_mut()?;
                        if let Some(mark) = word_format::mark(tag, true, pos, &mut links)? {
                            cell.words.push(mark);
                        }
                    }
                    (_, "br" | "p") if in_cell => {
                        if let Some(cell) = rows.last_mut().and_then(|r| r.0.last_mut()) {
                            cell.words.push(' ');
                            styles.tag(tag, &mut cell.words);
                        }
                    }
                    _ if judge.judge(tag) != WordTag::Keep => {
                        if let Some(cell) = rows.last_mut().and_then(|r| r.0.last_mut())
                            && in_cell
                        {
                            styles.tag(tag, &mut cell.words);
                        }
                    }
                    _ => return None,
                }
            }
        }
        let (Piece::Text(t) | Piece::Tag(t)) = piece;
        at = place(t, t.len(), at);
    }
    for (cells, _) in &mut rows {
        for cell in cells {
            cell.words = cell.words.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
    let full = rows.iter().any(|(cells, _)| !cells.is_empty());
    (tables == 0 && rows.len() >= 2 && full).then_some((rows, links))
}

/// A tag's name in lower case, and whether it closes (`</td>`).
pub(crate) fn name_of(tag: &str) -> (bool, String) {
    let body = tag.trim_start_matches('<');
    let (closing, body) = match body.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let name = body
        .split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .next()
        .unwrap_or("");
    (closing, name.to_ascii_lowercase())
}

/// True when a cell's tag spans more than one row or column.
fn spans(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    ["colspan", "rowspan"].iter().any(|attribute| {
        lower.split(attribute).skip(1).any(|rest| {
            let value = rest.trim_start_matches(['=', ' ', '"', '\'']);
            !value.starts_with('1') || value[1..].starts_with(|c: char| c.is_ascii_digit())
        })
    })
}

/// The line and column (in characters) of byte `offset` of a block that starts
/// at `start`.
pub(crate) fn place(literal: &str, offset: usize, (line, col): (usize, usize)) -> (usize, usize) {
    let before = literal.get(..offset).unwrap_or("");
    match before.rfind('\n') {
        Some(nl) => (
            line + before.matches('\n').count(),
            before[nl + 1..].chars().count() + 1,
        ),
        None => (line, col + before.chars().count()),
    }
}

/// Puts the page's own table in place of the Word table block `node`, and gives
/// the warning to show, and whether the table has links (new to the page, for
/// the caller to list); `None` (and the block untouched) when it is not one.
pub(crate) fn read_table<'a>(
    arena: &'a Arena<'a>,
    node: &'a AstNode<'a>,
    (strict, lang): (bool, &str),
    file: &Path,
) -> Option<(Diagnostic, bool)> {
    let ((rows, links), pos) = {
        let data = node.data();
        let NodeValue::HtmlBlock(block) = &data.value else {
            return None;
        };
        let start = (data.sourcepos.start.line, data.sourcepos.start.column);
        (
            rows_of(&block.literal, start, (strict, lang))?,
            data.sourcepos,
        )
    };
    let columns = rows.iter().map(|(cells, _)| cells.len()).max().unwrap_or(0);
    let at = |(line, col): (usize, usize)| Sourcepos::from((line, col, line, col));
    let make = |value: NodeValue, pos: Sourcepos| -> &'a AstNode<'a> {
        arena.alloc(Ast::new_with_sourcepos(value, pos).into())
    };
    let filled = rows
        .iter()
        .flat_map(|(cells, _)| cells)
        .filter(|c| !c.words.is_empty())
        .count();
    let table = make(
        NodeValue::Table(Box::new(NodeTable {
            alignments: vec![TableAlignment::None; columns],
            num_columns: columns,
            num_rows: rows.len(),
            num_nonempty_cells: filled,
        })),
        pos,
    );
    for (n, (cells, row_at)) in rows.iter().enumerate() {
        let row = make(NodeValue::TableRow(n == 0), at(*row_at));
        for i in 0..columns {
            let cell_at = cells.get(i).map_or(*row_at, |c| c.at);
            let cell = make(NodeValue::TableCell, at(cell_at));
            match cells.get(i).map(|c| &c.words).filter(|w| !w.is_empty()) {
                Some(words) if word_format::has_markers(words) => {
                    let made = word_format::paragraph(arena, words, at(cell_at), &links);
                    while let Some(inline) = made.first_child() {
                        cell.append(inline);
                    }
                }
                Some(words) => {
                    cell.append(make(NodeValue::Text(words.clone().into()), at(cell_at)));
                }
                None => {}
            }
            row.append(cell);
        }
        table.append(row);
    }
    node.insert_before(table);
    node.detach();
    let found = warning(
        (&rows, &links),
        columns,
        file,
        (pos.start.line, pos.start.column),
    );
    Some((found, !links.is_empty()))
}

/// The warning for a table taken from Word, with the table in Markdown.
fn warning(
    (rows, links): (&[Row], &[word_format::Link]),
    columns: usize,
    file: &Path,
    (line, col): (usize, usize),
) -> Diagnostic {
    let row = |cells: &[Cell]| -> String {
        let words = (0..columns).map(|i| {
            cells.get(i).map_or(String::new(), |c| {
                as_markdown(&c.words, links).replace('|', "\\|")
            })
        });
        format!("| {} |", words.collect::<Vec<_>>().join(" | "))
    };
    let mut markdown: Vec<String> = Vec::new();
    for (n, (cells, _)) in rows.iter().take(ROWS_SHOWN).enumerate() {
        markdown.push(row(cells));
        if n == 0 {
            markdown.push(format!("|{}", " --- |".repeat(columns)));
        }
    }
    let help = if rows.len() <= ROWS_SHOWN {
        format!(
            "check the table reads as you meant, then put it in place of the code, written in Markdown:\n{}",
            markdown.join("\n")
        )
    } else {
        format!(
            "check the table reads as you meant, then put it in place of the code, written in Markdown (its first {ROWS_SHOWN} rows shown; the rest go on in the same way):\n{}",
            markdown.join("\n")
        )
    };
    Diagnostic::warning(
        crate::rules::WORD_PASTE,
        file,
        "this table was pasted from Word: plainsite removed Word's code and made it a table, its first row the column headings",
    )
    .at(line, col.max(1))
    .help(help)
}

/// `words` (read with markers in them, their links' in `links`) written in
/// Markdown, for a warning to show: links as `[words](address)`, a passage in
/// another language as `[words]{lang=cy}` (the outermost only, and only where
/// no link is, as Markdown cannot nest them), other markers left out.
fn as_markdown(words: &str, links: &[Link]) -> String {
    let mut out = String::with_capacity(words.len());
    let mut open: Option<&str> = None;
    let marks_languages = !words.chars().any(|c| link_number(c).is_some());
    // The languages open, innermost last, and where the outermost's `[` is.
    let mut langs: Vec<char> = Vec::new();
    let mut outer: Option<(usize, String)> = None;
    let mut code: Option<String> = None;
    for c in words.chars() {
        if let Some(code) = code.as_mut().filter(|_| c != LANG_END) {
            code.push(c);
            continue;
        }
        match link_number(c) {
            Some(n) => {
                if let Some(href) = open.take() {
                    out.push_str(&format!("]({href})"));
                }
                open = links.get(n).map(|l| l.href.as_str());
                if open.is_some() {
                    out.push('[');
                }
            }
            None if c == LINK_CLOSE => {
                if let Some(href) = open.take() {
                    out.push_str(&format!("]({href})"));
                }
            }
            None if matches!(c, LANG_OPEN | PARAGRAPH_LANG) => {
                langs.push(c);
                code = Some(String::new());
            }
            None if c == LANG_END => {
                let code = code.take().unwrap_or_default();
                if langs.len() == 1 && marks_languages {
                    outer = Some((out.len(), code));
                    out.push('[');
                }
            }
            None if c == LANG_CLOSE => {
                if let Some(i) = langs.iter().rposition(|&l| l == LANG_OPEN) {
                    langs.truncate(i);
                }
                if langs.is_empty() {
                    close_lang(&mut out, outer.take());
                }
            }
            None if is_marker(c) => {}
            None => out.push(c),
        }
    }
    if let Some(href) = open {
        out.push_str(&format!("]({href})"));
    }
    close_lang(&mut out, outer);
    out
}

/// Ends the passage whose `[` is at `from` in `out` with its `{lang=…}`; one
/// with no words loses its `[`.
fn close_lang(out: &mut String, opened: Option<(usize, String)>) {
    let Some((from, code)) = opened else { return };
    if out
        .get(from + 1..)
        .is_none_or(|words| words.trim().is_empty())
    {
        out.remove(from);
    } else {
        out.push_str(&format!("]{{lang={code}}}"));
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::with_page;

    proptest::proptest! {
        #[test]
        fn a_place_moved_on_piece_by_piece_is_the_place_counted_from_the_start(
            pieces in proptest::collection::vec("[a-zé\n ]{0,6}", 0..8),
            start in (1usize..5, 1usize..5),
        ) {
            let whole = pieces.concat();
            let mut at = start;
            for piece in &pieces {
                at = super::place(piece, piece.len(), at);
            }
            proptest::prop_assert_eq!(at, super::place(&whole, whole.len(), start));
        }
    }

    const ROW: &str = "<tr style='mso-yfti-irow:0'>";

    /// A table as Word pastes it, with `cells` (rows of cells' inner HTML).
    fn word_table(rows: &[&[&str]]) -> String {
        let mut html =
            String::from("<table class=MsoTableGrid border=1 style='mso-yfti-tbllook:1184'>\n");
        for cells in rows {
            html.push_str(&format!(" {ROW}\n"));
            for cell in *cells {
                html.push_str(&format!(
                    "  <td width=301 valign=top style='width:225.4pt'><p class=MsoNormal>{cell}<o:p></o:p></p></td>\n"
                ));
            }
            html.push_str(" </tr>\n");
        }
        html.push_str("</table>\n");
        html
    }

    fn word_paste(md: &str) -> (String, Vec<(usize, String)>) {
        let r = with_page(md);
        let found = r
            .diagnostics
            .iter()
            .filter(|d| d.rule == "word-paste")
            .map(|d| (d.line.unwrap_or(0), d.help.clone().unwrap_or_default()))
            .collect();
        (r.html.to_string(), found)
    }

    #[test]
    fn a_table_from_word_becomes_the_pages_own_table() {
        let table = word_table(&[
            &["Year", "Referrals"],
            &["2024", "1,234 <b>new</b>"],
            &["2025"],
        ]);
        let md = format!("Figures.\n\nTable: Referrals by year\n{table}\nAfter.\n");
        let (html, found) = word_paste(&md);
        assert!(!html.contains("&lt;"), "{html}");
        assert!(html.contains(">Referrals by year</caption>"), "{html}");
        assert!(html.contains(">Year</th>"), "{html}");
        assert!(html.contains(">1,234 new</td>"), "{html}");
        // A row with fewer cells is made up with empty ones.
        assert_eq!(html.matches("<td").count(), 4, "{html}");
        assert!(html.ends_with("<p>After.</p>\n"), "{html}");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 4);
        assert!(
            found[0].1.ends_with(
                "| Year | Referrals |\n| --- | --- |\n| 2024 | 1,234 new |\n| 2025 |  |"
            ),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn a_link_in_a_cell_stays_a_link_and_is_checked() {
        let table = word_table(&[
            &["Service", "Where"],
            &[
                "Front door",
                "See <a href=\"/front-door/\">its page</a> | today",
            ],
            &["Word's own", "<a href=\"#_Toc1\">Contents</a>"],
        ]);
        let (html, found) = word_paste(&table);
        assert!(
            html.contains("<td>See <a href=\"/front-door/\">its page</a> | today</td>"),
            "{html}"
        );
        assert!(html.contains("<td>Contents</td>"), "{html}");
        // The Markdown to paste in keeps the link, and escapes the bar.
        assert!(
            found[0]
                .1
                .contains("| Front door | See [its page](/front-door/) \\| today |"),
            "{found:?}"
        );
        let r = with_page(&table.replace("/front-door/", "javascript:x()"));
        assert!(!r.html.contains("javascript"), "{}", r.html);
        let broken: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.rule == "broken-link")
            .map(|d| d.line)
            .collect();
        assert_eq!(broken, [Some(8)], "{:?}", r.diagnostics);
    }

    #[test]
    fn a_table_the_page_cannot_hold_keeps_the_blocks_handling() {
        for odd in [
            "<td colspan=2><p class=MsoNormal>Both</p></td>",
            "<td><table><tr><td>Inner</td></tr></table></td>",
        ] {
            let table = word_table(&[&["A", "B"], &["1", "2"]])
                .replace(" </tr>\n</table>", &format!(" {odd}\n </tr>\n</table>"));
            let (html, found) = word_paste(&table);
            assert!(html.contains("&lt;table"), "{odd}: {html}");
            assert!(!found.is_empty(), "{odd}");
        }
        // Not Word's: an author's own HTML table is shown as text, as all HTML is.
        let (html, found) =
            word_paste("<table>\n<tr><td>A</td></tr>\n<tr><td>1</td></tr>\n</table>\n");
        assert!(html.contains("&lt;table&gt;"), "{html}");
        assert!(found.is_empty(), "{found:?}");
    }

    proptest::proptest! {
        #[test]
        fn any_table_like_block_renders_with_findings_on_its_lines(
            parts in proptest::collection::vec(
                "(<table class=MsoTableGrid>|</table>|<tr>|</tr>|<td>|</td>|<th rowspan=2>|<p class=MsoNormal>|</p>|<b>|x\\|y|1\\.234|\n| )",
                1..30,
            ),
        ) {
            let md = format!("Intro.\n\n{}\n", parts.concat());
            let r = with_page(&md);
            let last = md.lines().count().max(1);
            for d in &r.diagnostics {
                let line = d.line.unwrap_or(1);
                proptest::prop_assert!((1..=last).contains(&line), "{d:?} in {md:?}");
            }
        }
    }
}
