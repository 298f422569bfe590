//! Values cut short by a `#`: `title: Spring newsletter #3` reads as "Spring
//! newsletter", and `title: Case review # 3 findings` as "Case review", because
//! in YAML a space and then `#` start a note to the reader that is thrown away.
//! So any `#` that follows some text of a plain value on its line is taken for
//! a cut value, whatever comes after it: an author who meant a note is told to
//! move it to a line of its own.
//!
//! Part of `yaml`, run on `site.yaml` and on front matter before they are read.
//! A pure pass over the lines of the text: quoted values, block values (`|` and
//! `>`), notes on their own line, and notes written `# like this` where no text
//! of a value stands before them (`menu: # main`, after a closed `[ … ]`) are
//! skipped, and nothing here fails. A value left empty (`colour: #8a1538`) or a
//! `{ … }` or `[ … ]` group cut open is an error; a value that keeps some of its
//! text is a warning.

use std::path::Path;

use crate::error::Diagnostic;

/// One value a `#` cut short, in the YAML text (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cut {
    pub(crate) line: usize,
    /// Column (in characters) of the `#`.
    pub(crate) col: usize,
    /// The key whose value it is, when the line or an earlier one names it.
    pub(crate) key: Option<String>,
    /// What YAML keeps of the value.
    pub(crate) kept: String,
    /// The value the author meant, from its start to its end, `#` included.
    pub(crate) meant: String,
    /// All that YAML leaves out: the line from the `#` on.
    pub(crate) dropped: String,
    /// The line with the meant value in quotation marks, when it can be written.
    pub(crate) fixed: Option<String>,
    /// Inside `[ … ]` or `{ … }`: the closing bracket is lost as well.
    pub(crate) in_group: bool,
}

impl Cut {
    /// True when the page or site would break or lose a setting.
    pub(crate) fn is_error(&self) -> bool {
        self.kept.is_empty() || self.in_group
    }
}

/// Adds every cut value in `text` to `out`; `first_line` is the file line of
/// the text's first line.
pub(crate) fn findings(
    text: &str,
    file: &Path,
    first_line: usize,
    rule: &'static str,
    out: &mut Vec<Diagnostic>,
) {
    // Most texts have no `#` that follows a space at all.
    if !text.contains(" #") && !text.contains("\t#") {
        return;
    }
    out.extend(
        cuts(text)
            .into_iter()
            .map(|cut| describe(&cut, file, first_line, rule)),
    );
}

fn describe(cut: &Cut, file: &Path, first_line: usize, rule: &'static str) -> Diagnostic {
    let lost = cut.meant[cut.kept.len()..].trim_start();
    let what = cut
        .key
        .as_deref()
        .map_or_else(|| "this list item".to_owned(), |k| format!("`{k}`"));
    let why = "in YAML a space and then `#` start a note, which plainsite ignores";
    let message = if cut.kept.is_empty() {
        format!("{what} is empty: {why}, so `{lost}` is left out")
    } else if cut.in_group {
        format!(
            "the text from `{lost}` to the end of the line is left out of {what}: {why}, and the bracket that closes the group is lost with it"
        )
    } else {
        format!(
            "{what} reads only {:?}: `{}` is left out, because in YAML a space and then `#` start a note",
            cut.kept, cut.dropped
        )
    };
    let mut help = match &cut.fixed {
        Some(line) => format!("put the whole value in quotation marks: `{}`", line.trim()),
        None => format!(
            "put the whole value of {what} in quotation marks, like `title: \"Spring newsletter #3\"`"
        ),
    };
    if !cut.is_error() {
        help.push_str(&format!(
            ". If `{}` is a note, move it to a line of its own",
            cut.dropped
        ));
    }
    let diagnostic = if cut.is_error() {
        Diagnostic::error(rule, file, message)
    } else {
        Diagnostic::warning(rule, file, message)
    };
    diagnostic.at(cut.line + first_line - 1, cut.col).help(help)
}

/// Where each line's scan stands when the line ends.
#[derive(Default)]
struct State {
    /// Inside a quoted value that goes on to the next line.
    quote: Option<char>,
    /// How deep inside `[ … ]` and `{ … }`.
    depth: usize,
    /// Inside a `|` or `>` value: lines indented more than this are its text.
    block: Option<usize>,
    /// The last key named, for a plain value that goes on over lines.
    key: Option<String>,
}

/// Every value in `text` that a `#` cuts short.
pub(crate) fn cuts(text: &str) -> Vec<Cut> {
    let lines: Vec<&str> = text.lines().collect();
    let mut state = State::default();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(block) = state.block {
            if line.trim().is_empty() || indent > block {
                continue;
            }
            state.block = None;
        }
        if let Some(cut) = scan_line(line, indent, &mut state) {
            if cut.kept.is_empty() && cut.key.is_some() && has_nested(&lines[i + 1..], indent) {
                // `menu: #main` over an indented list: the `#main` is a note.
                continue;
            }
            found.push(Cut { line: i + 1, ..cut });
        }
    }
    found
}

/// True when the next line with content is indented under a key at `indent`, or
/// is a list item at the same indent.
fn has_nested(rest: &[&str], indent: usize) -> bool {
    rest.iter()
        .map(|l| (l.len() - l.trim_start_matches([' ', '\t']).len(), l.trim()))
        .find(|(_, t)| !t.is_empty() && !t.starts_with('#'))
        .is_some_and(|(i, t)| i > indent || (i == indent && (t == "-" || t.starts_with("- "))))
}

/// Scans one line, carrying `state` over to the next; the cut in it, if any
/// (its `line` not yet set).
fn scan_line(line: &str, indent: usize, state: &mut State) -> Option<Cut> {
    let bytes = line.as_bytes();
    // Where a value may start (after `key:`, `- `, `[`, `{` or `,`).
    let mut value_may_start = true;
    // Byte where the current value starts, once a character of it is seen.
    let mut value_start: Option<usize> = None;
    let mut after_space = true;
    let mut on_line_start = true;
    let mut key_here = false;
    // A `[ … ]` or `{ … }` value closed on this line: what follows is a note.
    let mut group_closed = false;
    let mut i = indent;
    while i < bytes.len() {
        if let Some(q) = state.quote {
            i = close_quote(line, i, q, state);
            after_space = false;
            continue;
        }
        let c = bytes[i];
        match c {
            b' ' | b'\t' => {
                after_space = true;
                i += 1;
                continue;
            }
            b'#' if after_space => {
                let next = line[i + 1..].chars().next();
                let quoted_value = value_start.is_some_and(|s| matches!(bytes[s], b'"' | b'\''));
                // `# like this` where no text of a value stands before it
                // (`key: # note`, `- # note`, `[a, # note`) drops nothing.
                let note = next.is_none_or(|n| n.is_whitespace() || n == '#');
                let nothing_before = value_start.is_none();
                // Inside `[ … ]` a note may end a line that the group goes on
                // after; it cuts the group open only when its bracket is on the line.
                let group_goes_on = state.depth > 0 && !line[i..].contains([',', ']', '}']);
                if on_line_start
                    || quoted_value
                    || group_closed
                    || (note && (nothing_before || group_goes_on))
                {
                    return None;
                }
                return Some(cut_at(line, i, value_start, key_here, state));
            }
            b'"' | b'\'' if value_may_start => {
                state.quote = Some(char::from(c));
                value_start = Some(i);
                i += 1;
                value_may_start = false;
                after_space = false;
                on_line_start = false;
                continue;
            }
            b'[' | b'{' if value_may_start => {
                state.depth += 1;
                value_start = None;
            }
            b']' | b'}' if state.depth > 0 => {
                state.depth -= 1;
                group_closed = state.depth == 0;
                value_start = None;
            }
            b',' if state.depth > 0 => {
                value_may_start = true;
                value_start = None;
                after_space = false;
                i += 1;
                continue;
            }
            b':' if bytes.get(i + 1).is_none_or(|n| {
                n.is_ascii_whitespace() || (state.depth > 0 && b",]}".contains(n))
            }) =>
            {
                let key_from = value_start.unwrap_or(indent);
                let key = line[key_from..i].trim().trim_start_matches("- ").trim();
                state.key = Some(key.trim_matches(['"', '\'']).to_owned());
                key_here = true;
                value_may_start = true;
                value_start = None;
                after_space = false;
                on_line_start = false;
                i += 1;
                continue;
            }
            b'-' if value_may_start
                && state.depth == 0
                && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace) =>
            {
                if on_line_start {
                    state.key = None;
                    key_here = true;
                }
                value_start = None;
                after_space = false;
                on_line_start = false;
                i += 1;
                continue;
            }
            b'|' | b'>' if value_may_start && state.depth == 0 => {
                let header = line[i + 1..].split(" #").next().unwrap_or("");
                if header
                    .trim()
                    .chars()
                    .all(|h| h == '+' || h == '-' || h.is_ascii_digit())
                {
                    state.block = Some(indent);
                    return None;
                }
            }
            _ => {}
        }
        if value_start.is_none() && !b"[]{}".contains(&c) {
            value_start = Some(i);
        }
        value_may_start = b"[{".contains(&c);
        after_space = false;
        on_line_start = false;
        i += 1;
    }
    None
}

/// Past the closing quote `q` from byte `i` (or the line's end), updating `state`.
fn close_quote(line: &str, mut i: usize, q: char, state: &mut State) -> usize {
    let bytes = line.as_bytes();
    let q = q as u8;
    while i < bytes.len() {
        if q == b'"' && bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == q {
            if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            state.quote = None;
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

/// The cut made by the `#` at byte `hash`.
fn cut_at(
    line: &str,
    hash: usize,
    value_start: Option<usize>,
    key_here: bool,
    state: &State,
) -> Cut {
    let in_group = state.depth > 0;
    let start = value_start.unwrap_or(hash);
    // The meant value ends where a group goes on (`,` `]` `}`), or at a note
    // written `# like this`.
    let rest = &line[hash..];
    let end = if in_group {
        rest.find([',', ']', '}']).map_or(line.len(), |e| hash + e)
    } else {
        rest.find(" # ")
            .or_else(|| rest.find("\t# "))
            .map_or(line.len(), |e| hash + e)
    };
    let meant = line[start..end].trim_end().to_owned();
    let kept = line[start..hash].trim_end().to_owned();
    let fixed = (key_here || in_group).then(|| {
        let after = &line[start + meant.len()..];
        let after = if in_group { after } else { "" };
        format!("{}{}{}", &line[..start], quoted(&meant), after)
    });
    Cut {
        line: 0,
        col: line[..hash].chars().count() + 1,
        key: state.key.clone().filter(|k| !k.is_empty()),
        kept,
        meant,
        dropped: line[hash..].trim_end().to_owned(),
        fixed,
        in_group,
    }
}

/// `value` in double quotation marks, or single ones when it holds `"` or `\`,
/// so that YAML reads it back unchanged.
pub(crate) fn quoted(value: &str) -> String {
    if value.contains(['"', '\\']) {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

#[cfg(test)]
mod tests;
