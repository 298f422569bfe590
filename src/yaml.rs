//! YAML reading for `site.yaml` and front matter, with yaml_serde.
//!
//! Turns yaml_serde's errors into diagnostics that name the line in the *file*
//! (not in the YAML snippet), suggest the nearest key for a misspelt one, and
//! explain the commonest mistakes (tabs, a missing space after the colon).
//!
//! Every YAML text is untrusted, so it is held to limits before it is read
//! (see `limits`): a size, an expansion budget for aliases (yaml_serde only
//! caps how many times aliases are followed, not how much they copy, so 1 MB of
//! aliases to one long string could grow to gigabytes), and yaml_serde's own
//! nesting limit of 128 levels, explained in plain words. Nothing here recurses
//! on the text's depth beyond that limit.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::Diagnostic;

mod comments;
mod curly;
mod elsewhere;
mod help;
mod limits;
mod settings;
mod syntax;
pub(crate) use comments::{findings as cut_values, quoted};
pub(crate) use curly::{curly_inner, findings as curly_quoted_values};
pub(crate) use help::archetype_blank;
pub(crate) use settings::{Shape, is, parse_settings};

/// Parses `text` as YAML into `T`. `first_line` is the file line of the snippet's
/// first line, so errors point into the file.
pub(crate) fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
    rule: &'static str,
) -> Result<T, Box<Diagnostic>> {
    // An empty document is an empty mapping, so "missing title" is reported by the
    // caller rather than a confusing "invalid type: unit".
    let source = if text.trim().is_empty() { "{}" } else { text };
    limits::check(source, file, first_line, rule)?;
    yaml_serde::from_str(source)
        .map_err(|err| Box::new(describe(&err, text, file, first_line, rule)))
}

/// True when `text` is YAML, whatever its keys and values (a key set twice
/// included); false for text the YAML reader cannot read at all, or that is
/// over `limits`.
pub(crate) fn is_yaml(text: &str) -> bool {
    if limits::check(text, Path::new(""), 1, "").is_err() {
        return false;
    }
    match yaml_serde::from_str::<yaml_serde::Value>(text) {
        Ok(_) => true,
        Err(e) => e.to_string().starts_with("duplicate entry"),
    }
}

fn describe(
    err: &yaml_serde::Error,
    text: &str,
    file: &Path,
    first_line: usize,
    rule: &'static str,
) -> Diagnostic {
    let full = err.to_string();
    let message = strip_location(&full);
    let (mut line, mut col) = match err.location() {
        Some(loc) => (loc.line(), loc.column()),
        None => (1, 1),
    };
    let mut diag;
    if let Some(key) = message
        .strip_prefix("duplicate field `")
        .and_then(|m| m.split('`').next())
    {
        // serde names the first; the one to delete is the one added later.
        let twice = syntax::lines_of_key(text, key);
        if let [first, (second, second_col), ..] = twice[..] {
            (line, col) = (second, second_col);
            diag = Diagnostic::error(
                rule,
                file,
                format!(
                    "`{key}` is set twice, here and on line {}",
                    first.0 + first_line - 1
                ),
            )
            .help("keep one of the two lines and delete the other");
        } else {
            diag = Diagnostic::error(rule, file, format!("`{key}` is set twice"))
                .help("keep one of the two lines and delete the other");
        }
    } else if let Some(field) = unknown_field(message) {
        if let Some((l, c)) = find_key(text, field) {
            (line, col) = (l, c);
        }
        let expected = expected_fields(message);
        // The value as written, when the key starts its line (`tags: [a, b]`).
        let value = text
            .lines()
            .nth(line.saturating_sub(1))
            .and_then(|l| l.trim_start().strip_prefix(field))
            .and_then(|rest| rest.trim_start().strip_prefix(':'))
            .map_or("", str::trim);
        diag = Diagnostic::error(rule, file, format!("unknown key `{field}`"));
        diag = match (
            help::OddSpace::find(field),
            elsewhere::instead(field, value, &expected, file),
            suggest(field, &expected),
        ) {
            (Some(odd), _, _) => {
                let message = odd.message(&format!("unknown key `{}`", odd.plain));
                Diagnostic::error(rule, file, message).help(odd.help(&expected))
            }
            (None, Some(help), _) => diag.help(help),
            (None, None, Some(best)) => diag.help(format!(
                "did you mean `{best}`? Keys allowed here: {}",
                expected.join(", ")
            )),
            (None, None, None) if expected.is_empty() => {
                diag.help("remove it, or move it under `extra:`")
            }
            (None, None, None) => diag.help(format!(
                "remove it, or move it under `extra:`. Keys allowed here: {}",
                expected.join(", ")
            )),
        };
    } else if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.split('`').next())
    {
        diag = Diagnostic::error(rule, file, format!("`{field}` is missing"))
            .help(format!("add a line `{field}: …`"));
        line = 1;
        col = 1;
    } else if message.starts_with("recursion limit exceeded") {
        diag = Diagnostic::error(
            rule,
            file,
            format!(
                "this YAML is nested more than {} levels deep",
                limits::MAX_DEPTH
            ),
        )
        .help("flatten the lists and maps: a setting needs only a few levels");
    } else if let Some((key, given)) = unknown_variant(message) {
        let expected = expected_fields(message);
        let setting = if key.is_empty() { "this setting" } else { key };
        let what = if given.trim().is_empty() {
            format!("`{setting}` is empty; it takes one of")
        } else {
            format!("`{given}` is not one of the values `{setting}` takes:")
        };
        diag = Diagnostic::error(rule, file, format!("{what} {}", expected.join(", "))).help(
            match suggest(given, &expected) {
                Some(best) if !key.is_empty() => {
                    format!("did you mean `{best}`? Write `{key}: {best}`")
                }
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("write one of: {}", expected.join(", ")),
            },
        );
    } else if is_syntax(message) {
        let e = syntax::explain(&full, text, line, col);
        (line, col) = (e.line, e.col);
        diag = Diagnostic::error(rule, file, e.message)
            .help(e.help)
            .note(format!("the YAML reader said: {message}"));
    } else if let Some((key_line, help)) = help::for_value(&plain(message), text, line) {
        if key_line != line {
            (line, col) = (key_line, 1);
        }
        diag = Diagnostic::error(rule, file, plain(message)).help(help);
    } else {
        diag = Diagnostic::error(rule, file, plain(message)).help(hint_for(text, line));
    }
    diag.at(line + first_line - 1, col.max(1))
}

/// True for messages about text that is not YAML at all, rather than about a value
/// of the wrong kind.
fn is_syntax(message: &str) -> bool {
    [
        "found ",
        "did not find",
        "could not find",
        "mapping values are not allowed",
        "duplicate entry",
        "while scanning",
        "while parsing",
        "control characters",
        "block sequence entries",
    ]
    .iter()
    .any(|m| message.starts_with(m))
}

/// A value-of-the-wrong-kind message in words an author uses.
pub(crate) fn plain(message: &str) -> String {
    let mut m = message.replace("invalid type: ", "found ");
    for (from, to) in [
        ("invalid value: integer", "found the number"),
        ("` as i128", "`"),
        ("` as u128", "`"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
        ("expected a string", "expected text"),
        ("string \"", "the text \""),
        ("found sequence", "found a list"),
        ("found map", "found a group of settings"),
        ("found unit value", "found nothing"),
        ("floating point", "the number"),
        ("found integer", "found the number"),
        ("found boolean", "found true/false"),
        ("expected a map", "expected a group of settings"),
        ("expected f64", "expected a number"),
        ("expected usize", "expected a whole number, 0 or more"),
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected i32", "expected a whole number"),
        ("unknown variant", "unknown value"),
    ] {
        m = m.replace(from, to);
    }
    if let Some(i) = m.find("expected struct ") {
        m.truncate(i);
        m.push_str("expected a group of `key: value` settings");
    }
    if let Some(field) = m
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        return format!("`{field}` is missing");
    }
    m
}

/// The commonest YAML mistakes made by hand, recognised from the offending line.
fn hint_for(text: &str, line: usize) -> String {
    let around: Vec<&str> = text.lines().skip(line.saturating_sub(2)).take(2).collect();
    if text
        .lines()
        .any(|l| l.starts_with('\t') || l.trim_start_matches(' ').starts_with('\t'))
    {
        return "YAML does not allow tab characters for indentation: indent with spaces instead"
            .to_owned();
    }
    if around.iter().any(|l| {
        l.contains(':') && !l.contains(": ") && !l.trim_end().ends_with(':') && !l.contains("://")
    }) {
        return "put a space after each colon, like `title: Neglect`".to_owned();
    }
    if around.iter().any(|l| l.matches('"').count() % 2 == 1) {
        return "a quotation mark is not closed: end the value with a matching `\"`".to_owned();
    }
    "check the indentation and that each line looks like `key: value`; wrap values that contain `: ` or start with a symbol in quotes".to_owned()
}

fn strip_location(message: &str) -> &str {
    match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

fn unknown_field(message: &str) -> Option<&str> {
    // Inside a group the message starts with its path: "brand: unknown field …".
    let rest = message
        .split_once("unknown field `")
        .filter(|(path, _)| {
            path.is_empty() || path.ends_with(": ") && !path.trim_end_matches(": ").contains(' ')
        })?
        .1;
    rest.split('`').next()
}

/// `sort_by: unknown variant `dates`, expected …` → (`sort_by`, `dates`); the key is
/// empty when the message names none.
fn unknown_variant(message: &str) -> Option<(&str, &str)> {
    let at = message.find("unknown variant `")?;
    let given = message[at + "unknown variant `".len()..]
        .split('`')
        .next()?;
    let key = message[..at].trim_end().trim_end_matches(':');
    // A key of a list item (`menu[0].kind`) is shown by its last name.
    let key = key.rsplit(['.', ' ']).next().unwrap_or(key);
    Some((key, given))
}

fn expected_fields(message: &str) -> Vec<String> {
    let Some(i) = message.find("expected ") else {
        return Vec::new();
    };
    message[i..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The allowed name nearest to `given`, if it is close enough to be a typo.
pub(crate) fn suggest<'a>(given: &str, allowed: &'a [String]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (strsim::damerau_levenshtein(given, a), a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a.as_str())
}

/// Finds `key:` at the start of a line (any indentation); 1-based line and column.
/// `group.key` finds `key:` inside `group:`, on its line or the lines under it.
pub(crate) fn find_key(text: &str, key: &str) -> Option<(usize, usize)> {
    // `group.key`: the key inside its group, on the group's line (`{ … }`) or
    // on the indented lines under it.
    if let Some((group, inner)) = key.split_once('.') {
        let (line, _) = find_key(text, group)?;
        let lines = text.lines().enumerate().skip(line - 1);
        let mut under = lines.take_while(|(i, l)| {
            *i + 1 == line || l.starts_with([' ', '\t']) || l.trim().is_empty()
        });
        return under.find_map(|(i, l)| {
            let at = l.match_indices(inner).find(|(at, _)| {
                let before = l[..*at].trim_end();
                (before.is_empty()
                    || before.ends_with(['{', ','])
                    || i + 1 != line && before == "-")
                    && l[at + inner.len()..].trim_start().starts_with(':')
            })?;
            Some((i + 1, l[..at.0].chars().count() + 1))
        });
    }
    text.lines().enumerate().find_map(|(i, line)| {
        let trimmed = line.trim_start();
        let rest = trimmed.strip_prefix(key)?;
        rest.trim_start()
            .starts_with(':')
            .then(|| (i + 1, line.len() - trimmed.len() + 1))
    })
}

/// `text` as a YAML value: as it is when YAML would read it back unchanged,
/// else in double quotes.
pub(crate) fn scalar(text: &str) -> String {
    const SPECIAL_WORDS: [&str; 11] = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "",
    ];
    let plain = !text.starts_with(|c: char| !c.is_alphanumeric())
        && !text.ends_with(|c: char| c.is_whitespace() || c == ':')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text
            .chars()
            .any(|c| c.is_control() || c == '"' || crate::text::is_forbidden(c))
        && !SPECIAL_WORDS.contains(&text.to_ascii_lowercase().as_str())
        && text.parse::<f64>().is_err();
    if plain {
        text.to_owned()
    } else {
        format!("\"{}\"", escape_in_double_quotes(text))
    }
}

/// `text` as it goes between double quotes in YAML: `\\`, `"` and tabs escaped,
/// other control characters as spaces, and the other characters no page may
/// hold ([`crate::text::is_forbidden`]: noncharacters, direction overrides)
/// left out.
pub(crate) fn escape_in_double_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push(' '),
            c if crate::text::is_forbidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
