//! Shortcodes: fenced blocks that a theme template draws, such as charts.
//!
//! A shortcode is a fenced code block whose info string starts with the shortcode's
//! name in braces, followed by `key="value"` arguments; its lines, if any, are rows of
//! data with cells separated by `|`:
//!
//! ````markdown
//! ```{chart} title="Contacts to the MASH"
//! Year | Contacts
//! 2018-19 | 9,760
//! 2019-20 | 10,178
//! ```
//! ````
//!
//! Any CommonMark editor shows the block as code, so the data stays readable in a
//! preview. This pass runs on comrak's tree after heading ids are given, and swaps each
//! such block for a raw HTML node made by the [`Shortcodes`] handle; it never edits
//! text. The handle is built before Markdown from the theme's `shortcodes/` folder;
//! this module never sees page templates.

use std::collections::BTreeMap;
use std::path::Path;

use comrak::nodes::{AstNode, NodeCodeBlock, NodeValue};

use super::ids::IdSet;
use crate::error::Diagnostic;

/// One call of a shortcode, as written in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortcodeCall {
    /// The shortcode's name (`chart`).
    pub name: String,
    /// Arguments from the fence line, in the order of their names.
    pub args: BTreeMap<String, String>,
    /// The block's lines, each cut into cells at `|`; blank lines left out.
    pub rows: Vec<Vec<String>>,
    /// A unique id on the page for the shortcode's markup (`chart-1`).
    pub id: String,
}

/// Why a shortcode could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortcodeError {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
    /// Where in a template it happened, if it did.
    pub note: Option<String>,
    /// The text of the block's cell the problem is in, when one is (a figure
    /// that is not a number): the finding goes to that cell's line.
    pub cell: Option<String>,
}

/// Draws shortcodes. Implemented by `render::shortcodes` from the theme's templates.
pub trait Shortcodes: Send + Sync {
    /// The names of every shortcode there is, sorted.
    fn names(&self) -> Vec<String>;
    /// The HTML for one call.
    fn render(&self, call: &ShortcodeCall) -> Result<String, ShortcodeError>;
    /// The rows of the data file `call` names (`file="…"`), for the check on
    /// its figures: none when it names none, or the file cannot be read (the
    /// call's `render` says why).
    fn file_rows(&self, _call: &ShortcodeCall) -> Vec<Vec<String>> {
        Vec::new()
    }
}

/// True for a fenced block that calls a shortcode: its info string starts with `{`.
pub(crate) fn is_call(code: &NodeCodeBlock) -> bool {
    code.fenced && code.info.trim_start().starts_with('{')
}

/// Replaces each shortcode block of `blocks` with its HTML; returns the errors,
/// each at the line of the block's opening fence (or of the cell it is about).
/// With `warn`, also warns of a figure that may be thousands written with a
/// full stop (`9.760`; see `figures`).
pub(crate) fn expand_shortcodes<'a>(
    blocks: Vec<&'a AstNode<'a>>,
    shortcodes: Option<&dyn Shortcodes>,
    ids: &mut IdSet,
    file: &Path,
    warn: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for block in blocks {
        let mut data = block.data_mut();
        let line = data.sourcepos.start.line;
        let NodeValue::CodeBlock(code) = &data.value else {
            continue;
        };
        let result = parse_call(&code.info, &code.literal).and_then(|mut call| {
            let Some(handle) = shortcodes.filter(|s| s.names().contains(&call.name)) else {
                let known = shortcodes.map(|s| s.names()).unwrap_or_default();
                return Err(unknown(&call.name, &known));
            };
            call.id = ids.numbered(&call.name.replace('_', "-"));
            let html = handle.render(&call).map_err(|e| (call.name.clone(), e))?;
            if warn {
                figure_slips(&call, handle, &code.literal, line, file, diagnostics);
            }
            Ok(html)
        });
        // The line of the block's cell a problem is in (the block's own lines
        // follow its fence), else the fence's.
        let line_of = |cell: Option<&str>| {
            cell.filter(|c| !c.is_empty())
                .and_then(|c| code.literal.lines().position(|l| l.contains(c)))
                .map_or(line, |i| line + 1 + i)
        };
        let at = match &result {
            Err((_, e)) => line_of(e.cell.as_deref()),
            Ok(_) => line,
        };
        match result {
            Ok(html) => data.value = NodeValue::Raw(html),
            Err((name, e)) => {
                let what = if name.is_empty() {
                    "shortcode".to_owned()
                } else {
                    format!("shortcode `{name}`")
                };
                let mut d = Diagnostic::error(
                    crate::rules::SHORTCODE,
                    file,
                    format!("{what}: {}", e.message),
                )
                .at(at, 1)
                .help(e.help);
                d.note = e.note;
                diagnostics.push(d);
                // The build fails anyway; show nothing rather than the raw block.
                data.value = NodeValue::Raw(String::new());
            }
        }
    }
}

fn unknown(name: &str, known: &[String]) -> (String, ShortcodeError) {
    let help = if known.is_empty() {
        "this theme has no shortcodes; to show code, write the language after ``` without braces"
            .to_owned()
    } else {
        // `{Chart}`, `{key-figures}`, `{chrat}`: a slip for one there is.
        let near = known
            .iter()
            .map(|k| {
                (
                    strsim::damerau_levenshtein(&name.to_lowercase().replace('-', "_"), k),
                    k,
                )
            })
            .filter(|(d, _)| *d <= 2)
            .min();
        let start = match near {
            Some((_, k)) => format!("did you mean `{k}`? The shortcodes are"),
            None => "the shortcodes are".to_owned(),
        };
        format!(
            "{start} {}; to show code, write the language after ``` without braces",
            known.join(", ")
        )
    };
    (
        name.to_owned(),
        ShortcodeError {
            message: "there is no shortcode of this name".to_owned(),
            help,
            note: None,
            cell: None,
        },
    )
}

fn bad(name: &str, message: impl Into<String>, help: &str) -> (String, ShortcodeError) {
    (
        name.to_owned(),
        ShortcodeError {
            message: message.into(),
            help: help.to_owned(),
            note: None,
            cell: None,
        },
    )
}

/// Warns of each figure of `call` that may be thousands written with a full
/// stop: at its line of `body` (the block, whose fence is at `line`), or at the
/// fence for rows from a data file.
fn figure_slips(
    call: &ShortcodeCall,
    handle: &dyn Shortcodes,
    body: &str,
    line: usize,
    file: &Path,
    out: &mut Vec<Diagnostic>,
) {
    let data_file = call.args.get("file");
    let from_file;
    let rows = match data_file {
        Some(_) => {
            from_file = handle.file_rows(call);
            &from_file
        }
        None => &call.rows,
    };
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut found: Vec<(usize, usize)> = Vec::new();
    for col in 0..width {
        let column: Vec<&str> = rows
            .iter()
            .map(|r| r.get(col).map_or("", String::as_str))
            .collect();
        found.extend(
            super::figures::thousands_slips(&column)
                .into_iter()
                .map(|row| (row, col)),
        );
    }
    found.sort_unstable();
    // The block's rows are its non-blank lines but a `---|---` line, in order.
    let row_lines: Vec<(usize, &str)> = body
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .filter(|(_, l)| !l.trim().chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')))
        .collect();
    for (row, col) in found {
        let cell = rows[row][col].as_str();
        let (message, help) = super::figures::slip_words(cell);
        let place = match data_file {
            Some(name) => (line, 1, format!("data/{name}: {message}")),
            None => match row_lines.get(row) {
                Some(&(i, text)) => {
                    let col = text.find(cell).map_or(1, |b| text[..b].chars().count() + 1);
                    (line + 1 + i, col, message)
                }
                None => (line, 1, message),
            },
        };
        out.push(
            Diagnostic::warning(crate::rules::THOUSANDS_MARK, file, place.2)
                .at(place.0, place.1)
                .help(help),
        );
    }
}

/// Reads `{name} key="value" …` and the block's rows.
fn parse_call(info: &str, body: &str) -> Result<ShortcodeCall, (String, ShortcodeError)> {
    let info = info.trim();
    let inner = info.strip_prefix('{').unwrap_or(info);
    let Some((name, rest)) = inner.split_once('}') else {
        return Err(bad(
            "",
            "the name in braces is not closed",
            "write the fence line like ```{chart} title=\"…\"",
        ));
    };
    let name = name.trim();
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !valid {
        return Err(bad(
            "",
            format!("`{{{name}}}` is not a shortcode name"),
            "a shortcode name is letters, digits, `_` or `-`, e.g. ```{key_figures}",
        ));
    }
    let args = parse_args(rest).map_err(|(message, help)| bad(name, message, &help))?;
    Ok(ShortcodeCall {
        name: name.to_owned(),
        args,
        rows: parse_rows(body),
        id: String::new(),
    })
}

/// `key="value with spaces" other='x' plain=word`; curly quotes, as a word
/// processor types them, are quotes too. An error is its message and help.
fn parse_args(text: &str) -> Result<BTreeMap<String, String>, (String, String)> {
    const HELP: &str = "write each argument as key=\"value\", separated by spaces";
    let mut args = BTreeMap::new();
    let mut chars = text.trim().chars().peekable();
    // The last value given without quotation marks, which a space ends.
    let mut bare: Option<(String, String)> = None;
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(args);
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        if chars.next() != Some('=') {
            let message = format!("`{key}` has no value");
            return Err(match bare {
                // `title=The year`: the words after the space were the value's.
                Some((k, v)) => {
                    let mut words = vec![v, key];
                    words.extend(text_until_setting(&mut chars));
                    let whole = words.join(" ");
                    (
                        message,
                        format!(
                            "a value with spaces needs quotation marks around it: write {k}=\"{whole}\""
                        ),
                    )
                }
                None => (message, HELP.to_owned()),
            });
        }
        let mut value = String::new();
        let close = match chars.peek().copied() {
            Some(q @ ('"' | '\'')) => Some(q),
            Some('“') => Some('”'),
            Some('‘') => Some('’'),
            _ => None,
        };
        bare = None;
        match close {
            Some(q) => {
                chars.next();
                loop {
                    match chars.next() {
                        Some(c) if c == q => break,
                        Some('\\') if chars.peek() == Some(&q) => value.push(q),
                        Some(c) => value.push(c),
                        None => {
                            let message = format!("the value of `{key}` has no closing {q}");
                            return Err((message, HELP.to_owned()));
                        }
                    }
                }
            }
            None => {
                while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                    value.push(c);
                }
                bare = Some((key.clone(), value.clone()));
            }
        }
        if args.insert(key.clone(), value).is_some() {
            return Err((format!("`{key}` is given twice"), HELP.to_owned()));
        }
    }
}

/// The words left in `chars` before the next `key=`, for the help on a value
/// that needed quotation marks.
fn text_until_setting(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Vec<String> {
    let mut words = Vec::new();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut word = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
            word.push(c);
        }
        if word.is_empty() || word.contains('=') {
            return words;
        }
        words.push(word);
    }
}

/// Each non-blank line cut at `|` (`\|` is a literal bar); outer bars are optional,
/// and a Markdown table's `---|---` line is skipped.
fn parse_rows(body: &str) -> Vec<Vec<String>> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter(|l| !l.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')))
        .map(|line| {
            let line = line.strip_prefix('|').unwrap_or(line);
            let line = match line.strip_suffix('|') {
                Some(l) if !l.ends_with('\\') => l,
                _ => line,
            };
            let mut cells = Vec::new();
            let mut cell = String::new();
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '\\' if chars.peek() == Some(&'|') => {
                        chars.next();
                        cell.push('|');
                    }
                    '|' => cells.push(std::mem::take(&mut cell)),
                    c => cell.push(c),
                }
            }
            cells.push(cell);
            cells.into_iter().map(|c| c.trim().to_owned()).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests;
