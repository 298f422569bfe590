//! The `lang-marker` half of `braces`: reading a `{lang=…}` marker left in
//! the text (one that did not work), and what to say of it.

use crate::languages::{code_for_name, is_language_tag};

/// What ends a marker's code, besides its `}`: spaces and quotes around it.
const AROUND_CODE: [char; 7] = [' ', '"', '\'', '“', '”', '‘', '’'];

/// Words that, right after `{`, show a language marker was meant.
const MARKER_WORDS: [&str; 12] = [
    "alng", "lagn", "lan", "lang", "langage", "langauge", "langs", "language", "languge", "langue",
    "lng", "lnag",
];

/// A `{…}` that was meant as a language marker.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Marker<'t> {
    /// Bytes it takes, from its `{`.
    pub(super) len: usize,
    /// Bytes of its start as the file has it: `{` and the word after it.
    pub(super) head: usize,
    /// The code (or language name) as written; may be empty.
    code: &'t str,
    /// Written as plainsite reads it: `{lang=code}`.
    exact: bool,
    /// It has its closing `}`.
    closed: bool,
}

/// Reads a language marker at the start of `rest` (which starts with `{`):
/// `{lang` and anything after it, or a near miss of the word `lang` followed by
/// `=`, `:` or `-`. Other text in braces is not a marker.
pub(super) fn read_marker(rest: &str) -> Option<Marker<'_>> {
    let after = rest.get(1..)?;
    let inner = after.trim_start_matches(' ');
    let word_len = inner.bytes().take_while(u8::is_ascii_alphabetic).count();
    let word = &inner[..word_len];
    let lower = word.to_ascii_lowercase();
    if !MARKER_WORDS.contains(&lower.as_str()) {
        return None;
    }
    let head = rest.len() - inner.len() + word_len;
    let tail = inner[word_len..].trim_start_matches(' ');
    let value = match tail.strip_prefix(['=', ':', '-']) {
        Some(value) => value,
        // `{lang}` or `{lang cy}`; a near miss needs its `=` to be a marker.
        None if lower == "lang" => tail,
        None => return None,
    };
    let value = value.trim_start_matches(AROUND_CODE);
    let code_len = value
        .find(|c: char| c == '}' || c.is_whitespace() || AROUND_CODE.contains(&c))
        .unwrap_or(value.len());
    let code = &value[..code_len];
    let after_code = value[code_len..].trim_start_matches(AROUND_CODE);
    let closed = after_code.starts_with('}');
    let len = if closed {
        rest.len() - after_code.len() + 1
    } else {
        rest.len() - value.len() + code_len
    };
    let exact = closed && rest[..len] == format!("{{lang={code}}}");
    Some(Marker {
        len,
        head,
        code,
        exact,
        closed,
    })
}

/// The code to write for `code`: itself when it is one, the code of a
/// language name, or `en-GB` for `en_GB`.
fn code_to_write(code: &str) -> Option<String> {
    if is_language_tag(code) {
        return Some(code.to_owned());
    }
    if let Some(known) = code_for_name(code) {
        return Some(known.to_owned());
    }
    let dashed = code.replace('_', "-");
    is_language_tag(&dashed).then_some(dashed)
}

/// Where a marker left in the text stands, as `braces` found it.
pub(super) struct Spot<'t> {
    /// The text node's text before the marker's `{`.
    pub(super) before: &'t str,
    /// The last `[` before it, as a byte of that text.
    pub(super) open_before: Option<usize>,
    /// True in a table cell, where no marker is read.
    pub(super) in_cell: bool,
}

/// What to say of `marker`, written as `written` at `spot`: message and help.
pub(super) fn said(marker: &Marker<'_>, written: &str, spot: &Spot<'_>) -> (String, String) {
    let code = marker.code;
    let good = code_to_write(code);
    match &good {
        None if code.is_empty() => (
            format!("this language marker has no language code, so readers would see `{written}` as text"),
            "write the code of the language after `lang=`, like `{lang=cy}` for Welsh or `{lang=pl}` for Polish".to_owned(),
        ),
        None => (
            format!("`{code}` is not a language code, so this marker is not read and readers would see `{written}` as text"),
            "write a language code, like `{lang=cy}` for Welsh, `{lang=pl}` for Polish or `{lang=ur}` for Urdu".to_owned(),
        ),
        Some(good) if good != code => (
            format!("`{code}` is not a language code, so this marker is not read and readers would see `{written}` as text"),
            format!("write `{{lang={good}}}`"),
        ),
        Some(good) if !marker.closed => (
            format!("this language marker has no closing `}}`, so readers would see `{written}` as text"),
            format!("write `{{lang={good}}}`"),
        ),
        Some(good) if !marker.exact => (
            format!("this language marker is not written the way plainsite reads it, so readers would see `{written}` as text"),
            format!("write `{{lang={good}}}`"),
        ),
        Some(_) => misplaced(spot, written),
    }
}

/// Message and help for a marker written right but where it is not read.
fn misplaced(spot: &Spot<'_>, written: &str) -> (String, String) {
    let before = spot.before;
    let trimmed = before.trim_end();
    if trimmed.len() < before.len()
        && let Some(words) = trimmed.strip_suffix(']').and_then(|t| {
            // Only spaces are between the `]` and the `{`: the last `[` before
            // the `{` is the last before the `]`.
            let open = spot.open_before.filter(|&i| i < t.len());
            open.and_then(|i| t.get(i + 1..))
        })
    {
        return (
            format!(
                "there is a space between `]` and `{written}`, so the words are not marked and readers would see the marker as text"
            ),
            format!("write `[{words}]{written}`, with no space"),
        );
    }
    if spot.in_cell {
        return (
            format!(
                "a `{written}` marker in a table cell is not read, so readers would see it as text"
            ),
            format!("mark the words in the cell instead: `[words]{written}`"),
        );
    }
    (
        format!(
            "a `{written}` marker is read only at the very end of a paragraph, heading or list item, or straight after `[words]`; here readers would see it as text"
        ),
        format!(
            "move it to the end of the paragraph, or mark the words it is about: `[words]{written}`"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_markers_and_their_near_misses() {
        let m = read_marker("{lang=cy} rest").expect("a marker");
        assert_eq!(
            (m.len, m.head, m.code, m.exact, m.closed),
            (9, 5, "cy", true, true)
        );
        let m = read_marker("{ Lang : \"cy\" } x").expect("a marker");
        assert_eq!((m.len, m.code, m.exact), (15, "cy", false));
        let m = read_marker("{lang=cy and more").expect("a marker");
        assert_eq!((m.len, m.closed), (8, false));
        assert!(read_marker("{language}").is_none());
        assert!(read_marker("{lane=x}").is_none());
        assert!(read_marker("{name}").is_none());
        assert!(read_marker("{").is_none());
        assert!(read_marker("{lang").is_some());
        assert_eq!(read_marker("{lang=../x}").map(|m| m.code), Some("../x"));
    }
}
