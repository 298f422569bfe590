//! Splitting a page into its front matter and body, and recognising front
//! matter that runs on into the page's text because its closing `---` is missing.
//!
//! Part of `content::front_matter`. Pure text work on the file's lines.

use std::path::Path;

use crate::error::Diagnostic;

/// A file split into its front matter and body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// File line of the YAML's first line (2 when the file opens with `---`).
    pub yaml_line: usize,
}

/// Splits the front matter off `text` (which has had any BOM removed).
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Box<Diagnostic>> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Err(Box::new(
            Diagnostic::error(crate::rules::FRONT_MATTER, file, "the page does not start with front matter")
                .at(1, 1)
                .help("start the file with a line `---`, then `title: Your page title`, then another `---`"),
        ));
    }
    let rest = &text[first_line_end..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok(Split {
                yaml: &rest[..offset],
                yaml_line: 2,
            });
        }
        offset += line.len();
    }
    Err(Box::new(
        Diagnostic::error(crate::rules::FRONT_MATTER, file, "the front matter is not closed")
            .at(1, 1)
            .help("add a line `---` after the last setting (such as `title:`), before the text of the page"),
    ))
}

/// `text` with the two lines around its front matter written exactly as the
/// Markdown parser looks for them, `---` and a newline, or `None` when they
/// already are. [`split`] also takes spaces or a tab after a `---`, a Windows
/// line ending, or a closing `...`; left so, the parser would not see front
/// matter at all and would show the settings as the page's first heading.
/// Lines stay where they were, so every line number still holds.
pub(crate) fn plain_delimiters(text: &str) -> Option<String> {
    let first_end = text.find('\n')? + 1;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let rest = &text[first_end..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let ending = if line.ends_with('\n') { "\n" } else { "" };
            let closing = format!("---{ending}");
            if &text[..first_end] == "---\n" && line == closing {
                return None;
            }
            let after = &rest[offset + line.len()..];
            return Some(format!("---\n{}{closing}{after}", &rest[..offset]));
        }
        offset += line.len();
    }
    None
}

/// The finding for front matter that runs on into the page's text: a line that
/// is not a `key: value` setting, after a blank line, before the `---` that
/// closes it (the page's own `---`, a Markdown rule, taken for the closing one).
pub(super) fn runaway(split: &Split<'_>, file: &Path) -> Option<Diagnostic> {
    let lines: Vec<&str> = split.yaml.lines().collect();
    let text_at =
        (1..lines.len()).find(|&i| lines[i - 1].trim().is_empty() && is_prose(lines[i]))?;
    let (last, key) = lines[..text_at]
        .iter()
        .enumerate()
        .rev()
        .find(|(_, l)| is_top_key(l))
        .map(|(i, l)| (i, l.split(':').next().unwrap_or("").trim()))?;
    let line = |i: usize| i + split.yaml_line;
    Some(
        Diagnostic::error(
            crate::rules::FRONT_MATTER,
            file,
            format!(
                "the settings at the top run on into the text of the page: line {} is not a setting",
                line(text_at)
            ),
        )
        .at(line(text_at), 1)
        .help(format!(
            "add a line `---` after `{key}:` (line {}), to end the settings before the text",
            line(last)
        )),
    )
}

/// True for a line of a page's text rather than of settings: it starts at the
/// margin and is not `key:` (a key is one word, with no spaces), a note or a
/// list item.
fn is_prose(line: &str) -> bool {
    if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
        return false;
    }
    match line.split_once(':') {
        Some((key, _)) => key.trim().contains(char::is_whitespace),
        None => true,
    }
}

/// True for a line that starts a top-level key (not indented, not a note, not a
/// list item).
pub(super) fn is_top_key(line: &str) -> bool {
    !line.starts_with([' ', '\t', '#', '-']) && line.contains(':')
}
