//! Lines meant as an abbreviation's meaning that are shown on the page as they
//! are written: `*[LADO] : Local authority designated officer` (a space before
//! the colon), `*[ICPC] Initial child protection conference` (no colon) and
//! `*[MASH]:` (nothing after it). Each is a warning of rule `abbreviation` at
//! its line, with the line as it should be.
//!
//! A meaning written with tags (`*[LSCP]: Local <b>Safeguarding</b> …`) is a
//! warning too, at the first tag: a meaning is plain text, so the tags are
//! dropped.
//!
//! Part of `markdown`: run on the paragraphs with a `*`, the tags before
//! `abbr::take_definitions` takes the lines out, the slips after it has taken
//! the lines that are right.

use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};

use crate::error::Diagnostic;

/// Warns into `out` of each line of the `starred` paragraphs of `file` that
/// starts like an abbreviation's meaning but is not one.
pub(super) fn near_misses<'a>(starred: &[&'a AstNode<'a>], file: &Path, out: &mut Vec<Diagnostic>) {
    // A paragraph of meanings only was taken out whole: it has no parent now.
    for &paragraph in starred.iter().filter(|p| p.parent().is_some()) {
        for (_, nodes) in super::abbr::lines_of(paragraph) {
            // Written as code (`*[DSL] : …` in backticks), it is shown as meant.
            let Some(first) = nodes
                .first()
                .filter(|n| matches!(n.data().value, NodeValue::Text(_)))
            else {
                continue;
            };
            let text: String = nodes.iter().map(|n| n.collect_text()).collect();
            let Some((message, help)) = slip(&text) else {
                continue;
            };
            let at = first.data().sourcepos.start;
            out.push(
                Diagnostic::warning(crate::rules::ABBREVIATION, file, message)
                    .at(at.line, at.column.max(1))
                    .help(help),
            );
        }
    }
}

/// Warns into `out` of each abbreviation's meaning in the `starred` paragraphs
/// of `file` written with HTML tags: the meaning is shown as plain text (the
/// tooltip of `<abbr>`), so its tags are dropped without a word.
pub(super) fn tagged_meanings<'a>(
    starred: &[&'a AstNode<'a>],
    file: &Path,
    out: &mut Vec<Diagnostic>,
) {
    for &paragraph in starred {
        for (_, nodes) in super::abbr::lines_of(paragraph) {
            let Some((tag, at)) = nodes
                .iter()
                .flat_map(|n| n.descendants())
                .find_map(|n| match &n.data().value {
                    NodeValue::HtmlInline(tag) => Some((tag.clone(), n.data().sourcepos.start)),
                    _ => None,
                })
            else {
                continue;
            };
            let text: String = nodes.iter().map(|n| n.collect_text()).collect();
            let Some((abbr, meaning)) = super::abbr::parse_definition(&text) else {
                continue;
            };
            let meaning = meaning.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push(
                Diagnostic::warning(
                    crate::rules::ABBREVIATION,
                    file,
                    format!(
                        "the tags in what {abbr} stands for are not shown (`{}` here): a meaning is plain text, so they are dropped",
                        tag.trim()
                    ),
                )
                .at(at.line, at.column.max(1))
                .help(format!(
                    "write the meaning without tags: `*[{abbr}]: {}`",
                    shortened(&meaning)
                )),
            );
        }
    }
}

/// A long meaning by its start.
fn shortened(meaning: &str) -> String {
    if meaning.chars().count() > 80 {
        meaning.chars().take(79).chain(['…']).collect()
    } else {
        meaning.to_owned()
    }
}

/// What is wrong with `line`, and what to write, when it starts `*[ABBR]` but
/// is not an abbreviation's meaning as Markdown reads one.
fn slip(line: &str) -> Option<(String, String)> {
    let rest = line.trim().strip_prefix("*[")?;
    let (abbr, after) = rest.split_once(']')?;
    let abbr = abbr.trim();
    let looks_like_one = (1..=20).contains(&abbr.chars().count())
        && !abbr.contains(char::is_whitespace)
        && abbr.chars().any(char::is_uppercase);
    if !looks_like_one {
        return None;
    }
    let meaning = after
        .trim_start()
        .trim_start_matches([':', '-', '–', '='])
        .trim();
    let shown = format!(
        "this line is shown on the page as it is written, not read as what {abbr} stands for"
    );
    if meaning.is_empty() {
        return Some((
            format!("{shown}: nothing follows it"),
            format!(
                "write what it stands for after the colon, like `*[{abbr}]: what it stands for`, or remove the line"
            ),
        ));
    }
    Some((
        format!("{shown}: the colon must come straight after `]`"),
        format!("write `*[{abbr}]: {}`", shortened(meaning)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_slip_is_given_the_line_as_it_should_be() {
        for (line, help) in [
            (
                "*[LADO] : Local authority designated officer",
                "write `*[LADO]: Local authority designated officer`",
            ),
            (
                "*[ICPC] Initial child protection conference",
                "write `*[ICPC]: Initial child protection conference`",
            ),
            (
                "*[CP-IS] - Child protection information",
                "write `*[CP-IS]: Child protection information`",
            ),
            (
                "*[MASH]:",
                "write what it stands for after the colon, like `*[MASH]: what it stands for`, or remove the line",
            ),
        ] {
            let (_, got) = slip(line).unwrap_or_default();
            assert_eq!(got, help, "{line}");
        }
    }

    #[test]
    fn a_long_meaning_is_shown_by_its_start() {
        let line = format!("*[MASH] {}", "word ".repeat(1_000));
        let (_, help) = slip(&line).unwrap_or_default();
        assert!(help.chars().count() < 120 && help.ends_with("…`"), "{help}");
    }

    #[test]
    fn prose_that_starts_with_a_star_and_a_bracket_is_left_alone() {
        for line in [
            "*[sic] the report said",
            "*[see page 4]",
            "* [MASH]: x",
            "*[]: x",
            "MASH] x",
        ] {
            assert_eq!(slip(line), None, "{line}");
        }
    }
}
