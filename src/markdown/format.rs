//! HTML output: comrak's formatter, with our markup for headings and tables.
//!
//! The last step of `Markdown::render`. The passes before it have already turned
//! callouts, quotes and code into raw nodes; what they cannot express as nodes (a
//! heading's `id`, a table's caption and scrolling wrapper) they leave in [`Decor`],
//! keyed by node. Everything else is comrak's default HTML.

use rustc_hash::FxHashMap as HashMap;
use std::fmt::{self, Write};

use comrak::html::{ChildRendering, Context, format_document_with_formatter, format_node_default};
use comrak::nodes::{AstNode, NodeValue, TableAlignment};
use comrak::options::Plugins;
use comrak::{Arena, Options};

use super::ids::node_key;

/// How a table is labelled.
#[derive(Debug, Clone)]
pub(crate) struct TableLabel {
    /// The id of the caption, or of nothing when there is no caption.
    pub(crate) id: String,
    /// The caption's inline HTML, if the table has one.
    pub(crate) caption_html: Option<String>,
    /// A fallback accessible name for a table without a caption ("Table 2").
    pub(crate) fallback_name: String,
}

/// What the formatter adds to comrak's default HTML, by node.
#[derive(Debug, Default)]
pub(crate) struct Decor {
    /// Heading node → id.
    pub(crate) heading_ids: HashMap<usize, String>,
    /// Table node → label.
    pub(crate) tables: HashMap<usize, TableLabel>,
    /// Levels added to every heading (1 on a print page, where `##` becomes `<h3>`
    /// under the chapter's `<h2>`); at most `<h6>`.
    pub(crate) heading_offset: u8,
    /// The column of the next table cell in its row: counted as the cells are
    /// written, as counting a cell's earlier siblings is quadratic in a wide row.
    pub(crate) next_column: usize,
    /// For the table being written, which columns hold numbers (and so are
    /// right-aligned unless the author aligned them).
    pub(crate) numeric_columns: Vec<bool>,
}

/// Formats the whole tree as HTML, into a string with room for `capacity`
/// bytes from the start (a page's HTML is about as long as its Markdown and a
/// half again: room for that saves growing it many times).
pub(crate) fn format<'a>(
    root: &'a AstNode<'a>,
    options: &Options<'_>,
    decor: Decor,
    capacity: usize,
) -> String {
    let mut html = String::with_capacity(capacity);
    // Writing to a String cannot fail; an Err could only come from our own code.
    let _ = format_document_with_formatter(
        root,
        options,
        &mut html,
        &Plugins::default(),
        format_node,
        decor,
    );
    html
}

/// Formats `nodes` (inlines) on their own, without a wrapping `<p>`, e.g. for a caption.
/// The nodes are moved out of the page's tree.
pub(crate) fn inline_html<'a>(
    arena: &'a Arena<'a>,
    nodes: &[&'a AstNode<'a>],
    options: &Options<'_>,
) -> String {
    let document = arena.alloc(NodeValue::Document.into());
    let paragraph = arena.alloc(NodeValue::Paragraph.into());
    document.append(paragraph);
    for node in nodes {
        paragraph.append(node);
    }
    let html = format(document, options, Decor::default(), 0);
    let inner = html.strip_prefix("<p>").unwrap_or(&html);
    let inner = inner.trim_end().strip_suffix("</p>").unwrap_or(inner);
    inner.trim().to_owned()
}

fn format_node<'a>(
    context: &mut Context<'_, '_, Decor>,
    node: &'a AstNode<'a>,
    entering: bool,
) -> Result<ChildRendering, fmt::Error> {
    let level = match node.data().value {
        NodeValue::Heading(h) => Some(h.level),
        NodeValue::Table(_) => return format_table(context, node, entering),
        NodeValue::TableCell => return format_cell(context, node, entering),
        NodeValue::TaskItem(task) => {
            return format_task(context, node, entering, task.symbol.is_some());
        }
        _ => None,
    };
    match level {
        Some(level) => format_heading(context, node, entering, level),
        None => format_node_default(context, node, entering),
    }
}

fn format_heading<'a>(
    context: &mut Context<'_, '_, Decor>,
    node: &'a AstNode<'a>,
    entering: bool,
    level: u8,
) -> Result<ChildRendering, fmt::Error> {
    let level = level.saturating_add(context.user.heading_offset).min(6);
    if entering {
        context.cr()?;
        write!(context, "<h{level}")?;
        if let Some(id) = context.user.heading_ids.get(&node_key(node)).cloned() {
            context.write_str(" id=\"")?;
            context.escape(&id)?;
            context.write_str("\"")?;
        }
        context.write_str(">")?;
    } else {
        write!(context, "</h{level}>")?;
        context.lf()?;
    }
    Ok(ChildRendering::HTML)
}

/// `<div class="table-wrap" role="region" tabindex="0">` around the table, so a wide
/// table scrolls on its own instead of the page (WCAG 1.4.10), with a caption.
fn format_table<'a>(
    context: &mut Context<'_, '_, Decor>,
    node: &'a AstNode<'a>,
    entering: bool,
) -> Result<ChildRendering, fmt::Error> {
    if entering {
        context.user.numeric_columns = numeric_columns(node);
        let label = context.user.tables.get(&node_key(node)).cloned();
        context.cr()?;
        context.write_str("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\"")?;
        match &label {
            Some(TableLabel {
                id,
                caption_html: Some(_),
                ..
            }) => {
                context.write_str(" aria-labelledby=\"")?;
                context.escape(id)?;
                context.write_str("\"")?;
            }
            Some(TableLabel { fallback_name, .. }) => {
                context.write_str(" aria-label=\"")?;
                context.escape(fallback_name)?;
                context.write_str("\"")?;
            }
            None => context.write_str(" aria-label=\"Table\"")?,
        }
        context.write_str(">\n<table>\n")?;
        if let Some(TableLabel {
            id,
            caption_html: Some(caption),
            ..
        }) = &label
        {
            context.write_str("<caption id=\"")?;
            context.escape(id)?;
            context.write_str("\">")?;
            context.write_str(caption)?;
            context.write_str("</caption>\n")?;
        }
    } else {
        if node.children().nth(1).is_some() {
            context.cr()?;
            context.write_str("</tbody>\n")?;
        }
        context.cr()?;
        context.write_str("</table>\n</div>\n")?;
    }
    Ok(ChildRendering::HTML)
}

/// A task list item. comrak's checkbox has no accessible name (WCAG 4.1.2), so ours
/// says what the box shows.
fn format_task<'a>(
    context: &mut Context<'_, '_, Decor>,
    node: &'a AstNode<'a>,
    entering: bool,
    done: bool,
) -> Result<ChildRendering, fmt::Error> {
    let in_list = node
        .parent()
        .is_some_and(|p| matches!(p.data().value, NodeValue::List(_)));
    if entering {
        context.cr()?;
        if in_list {
            context.write_str("<li class=\"task-list-item\">")?;
        }
        context.write_str(if done {
            "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> "
        } else {
            "<input type=\"checkbox\" disabled aria-label=\"Not done\"> "
        })?;
    } else if in_list {
        context.write_str("</li>")?;
        context.lf()?;
    }
    Ok(ChildRendering::HTML)
}

/// Header cells get `scope="col"`; alignment is a class, as `align` is obsolete HTML.
fn format_cell<'a>(
    context: &mut Context<'_, '_, Decor>,
    node: &'a AstNode<'a>,
    entering: bool,
) -> Result<ChildRendering, fmt::Error> {
    let row = node.parent();
    let in_header = row.is_some_and(|r| matches!(r.data().value, NodeValue::TableRow(true)));
    if !entering {
        context.write_str(if in_header { "</th>" } else { "</td>" })?;
        return Ok(ChildRendering::HTML);
    }
    let column = if node.previous_sibling().is_none() {
        0
    } else {
        context.user.next_column
    };
    context.user.next_column = column + 1;
    let alignment = row
        .and_then(|r| r.parent())
        .and_then(|table| match &table.data().value {
            NodeValue::Table(t) => t.alignments.get(column).copied(),
            _ => None,
        });
    context.cr()?;
    context.write_str(if in_header {
        "<th scope=\"col\""
    } else {
        "<td"
    })?;
    match alignment {
        Some(TableAlignment::Left) => context.write_str(" class=\"align-left\"")?,
        Some(TableAlignment::Center) => context.write_str(" class=\"align-center\"")?,
        Some(TableAlignment::Right) => context.write_str(" class=\"align-right\"")?,
        _ if context.user.numeric_columns.get(column) == Some(&true) => {
            context.write_str(" class=\"num\"")?;
        }
        _ => {}
    }
    context.write_str(">")?;
    Ok(ChildRendering::HTML)
}

/// Which columns of `table` hold numbers: every body cell that is not empty (or a
/// dash or "n/a") is a number, and at least one is.
fn numeric_columns<'a>(table: &'a AstNode<'a>) -> Vec<bool> {
    let mut seen: Vec<(bool, bool)> = Vec::new(); // (any number, all numbers)
    let mut text = String::new();
    for row in table.children() {
        if matches!(row.data().value, NodeValue::TableRow(true)) {
            continue;
        }
        for (n, cell) in row.children().enumerate() {
            if seen.len() <= n {
                seen.resize(n + 1, (false, true));
            }
            text.clear();
            for d in cell.descendants() {
                match &d.data().value {
                    NodeValue::Text(t) => text.push_str(t),
                    NodeValue::Code(c) => text.push_str(&c.literal),
                    _ => {}
                }
            }
            match cell_kind(&text) {
                Cell::Number => seen[n].0 = true,
                Cell::Blank => {}
                Cell::Text => seen[n].1 = false,
            }
        }
    }
    seen.into_iter().map(|(any, all)| any && all).collect()
}

#[derive(Debug, PartialEq, Eq)]
enum Cell {
    Number,
    Blank,
    Text,
}

/// A cell is a number when, without a currency sign, a sign, a trailing `%` and
/// thousands commas, it is digits with at most one decimal point: `1,234`, `-4`,
/// `£3.50`, `12.5%`.
fn cell_kind(text: &str) -> Cell {
    let t = text.trim();
    if t.is_empty() || matches!(t, "-" | "–" | "—" | "n/a" | "N/A") {
        return Cell::Blank;
    }
    let t = t.trim_start_matches(['-', '+', '−', '£', '$', '€']);
    let t = t.strip_suffix('%').unwrap_or(t).trim_end();
    // Digits, then at most one point and more digits; commas anywhere are skipped.
    let (mut whole, mut point, mut fraction) = (0, false, 0);
    for c in t.chars().filter(|&c| c != ',') {
        match c {
            '0'..='9' if point => fraction += 1,
            '0'..='9' => whole += 1,
            '.' if !point => point = true,
            _ => return Cell::Text,
        }
    }
    if whole > 0 && (!point || fraction > 0) {
        Cell::Number
    } else {
        Cell::Text
    }
}

#[cfg(test)]
mod number_tests {
    use super::*;

    #[test]
    fn tells_numbers_from_text() {
        for n in ["1", "1,234", "-4", "£3.50", "12.5%", "+7", "0.25"] {
            assert_eq!(cell_kind(n), Cell::Number, "{n}");
        }
        for t in ["2019-20", "Q1", "1.2.3", "12 children", "£", "."] {
            assert_eq!(cell_kind(t), Cell::Text, "{t}");
        }
        assert_eq!(cell_kind(" – "), Cell::Blank);
    }

    /// The rule as first written: commas taken out, then split at points.
    fn by_splitting(text: &str) -> Cell {
        let t = text.trim();
        if t.is_empty() || matches!(t, "-" | "–" | "—" | "n/a" | "N/A") {
            return Cell::Blank;
        }
        let t = t.trim_start_matches(['-', '+', '−', '£', '$', '€']);
        let t = t.strip_suffix('%').unwrap_or(t).trim_end();
        let digits: String = t.chars().filter(|&c| c != ',').collect();
        let mut parts = digits.split('.');
        let whole = parts.next().unwrap_or("");
        let frac = parts.next();
        let ok = parts.next().is_none()
            && !whole.is_empty()
            && whole.chars().all(|c| c.is_ascii_digit())
            && frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
        if ok { Cell::Number } else { Cell::Text }
    }

    #[test]
    fn edge_cells_read_as_before() {
        for t in [
            "5.",
            ",5",
            "1,2.3,4",
            ".5",
            "1..2",
            "12 %",
            "٣",
            "1 2",
            "-",
            "£1,000.00",
        ] {
            assert_eq!(cell_kind(t), by_splitting(t), "{t}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_cell_reads_as_before(t in "[0-9.,% £a-]{0,8}") {
            proptest::prop_assert_eq!(cell_kind(&t), by_splitting(&t));
        }
    }
}
