//! Values wrapped in curly quotation marks: `title: “Quoted title”`. Straight
//! quotes (`"…"`) around a value are YAML's own and are not part of it; curly
//! ones, which a word processor types in their place, are ordinary characters,
//! so the page shows them: `<h1>“Quoted title”</h1>`, a menu link `“News”`.
//! Only a value that starts with `“` or `‘` and ends with `”` or `’`, with no
//! other opening or closing mark inside (`‘Don’t wait’` has an apostrophe), is
//! taken for one: a title that holds a quotation (`The “Think Family”
//! approach`) is left alone.
//!
//! Part of `yaml`, run on `site.yaml` and on front matter beside the check for
//! values a `#` cut short. A pure pass over the lines, which returns at once
//! for a text with no opening curly quotation mark; block values (`|`, `>`)
//! and notes are skipped, and nothing here fails.

use std::path::Path;

use crate::error::Diagnostic;

/// The text inside `value` when curly quotation marks wrap the whole of it.
pub(crate) fn curly_inner(value: &str) -> Option<&str> {
    let inner = value
        .trim()
        .strip_prefix(['“', '‘'])?
        .strip_suffix(['”', '’'])?;
    // `“A” and “B”`, `‘A’ and ‘B’`: two quotations, not one wrapped value.
    (!inner.trim().is_empty() && !inner.contains(['“', '”', '‘'])).then_some(inner)
}

/// Adds a warning to `out` for every value in `text` wrapped in curly
/// quotation marks; `first_line` is the file line of the text's first line.
pub(crate) fn findings(
    text: &str,
    file: &Path,
    first_line: usize,
    rule: &'static str,
    out: &mut Vec<Diagnostic>,
) {
    if !text.contains(['“', '‘']) {
        return;
    }
    // The indent of the key whose block value (`|`, `>`) the lines are in.
    let mut block: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - body.len();
        if let Some(key_indent) = block {
            if body.is_empty() || indent > key_indent {
                continue;
            }
            block = None;
        }
        if body.starts_with('#') || !body.contains(['“', '‘']) {
            if body.trim_end().ends_with(['|', '>']) || body.contains(": |") || body.contains(": >")
            {
                block = Some(indent);
            }
            continue;
        }
        let mut found = Vec::new();
        values(body, indent, None, false, &mut found);
        for (key, at, value, in_group) in found {
            let Some(inner) = curly_inner(value) else {
                continue;
            };
            let col = line[..at].chars().count() + 1;
            out.push(describe(
                key,
                inner.trim(),
                in_group,
                file,
                first_line + i,
                col,
                rule,
            ));
        }
    }
}

/// One value of a line: its key (none for a list item), the byte it starts at
/// in the line, the value, and whether it is inside `{ … }` or `[ … ]`.
type Value<'t> = (Option<&'t str>, usize, &'t str, bool);

/// The values of `body` (a line from byte `at` on, or a part of a group),
/// `key` being the key it belongs to.
fn values<'t>(
    body: &'t str,
    at: usize,
    key: Option<&'t str>,
    in_group: bool,
    out: &mut Vec<Value<'t>>,
) {
    let start = body.len() - body.trim_start().len();
    let (body, at) = (body.trim(), at + start);
    if let Some(item) = body.strip_prefix("- ") {
        return values(item, at + 2, None, in_group, out);
    }
    if let Some(group) = body.strip_prefix(['{', '[']) {
        let group = group.trim_end().strip_suffix(['}', ']']).unwrap_or(group);
        let mut from = at + 1;
        // Each part of a group says its own key, if any.
        for part in group.split(',') {
            values(part, from, None, true, out);
            from += part.len() + 1;
        }
        return;
    }
    // A key is plain words before `: `; a colon inside quotation marks is not one.
    if let Some(colon) = body
        .find(": ")
        .filter(|&c| !body[..c].contains(['"', '\'', '“', '‘']))
    {
        let name = body[..colon].trim();
        return values(
            &body[colon + 1..],
            at + colon + 1,
            Some(name),
            in_group,
            out,
        );
    }
    out.push((key, at, body, in_group));
}

/// The warning for a value of `key` wrapped in curly quotation marks, whose
/// text inside them is `inner`.
fn describe(
    key: Option<&str>,
    inner: &str,
    in_group: bool,
    file: &Path,
    line: usize,
    col: usize,
    rule: &'static str,
) -> Diagnostic {
    let plain = inner.starts_with(char::is_alphabetic)
        && !inner.ends_with(':')
        && !inner.contains(": ")
        && !inner.contains(" #")
        && (!in_group || !inner.contains([',', '[', ']', '{', '}']))
        && !matches!(
            inner.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "on" | "off" | "null" | "y" | "n"
        );
    let fixed = if plain {
        inner.to_owned()
    } else {
        super::quoted(inner)
    };
    let (what, example) = match key {
        Some(key) => (format!("`{key}`"), format!("{key}: {fixed}")),
        None if in_group => ("this list item".to_owned(), fixed),
        None => ("this list item".to_owned(), format!("- {fixed}")),
    };
    Diagnostic::warning(
        rule,
        file,
        format!(
            "the value of {what} is wrapped in curly quotation marks (“ ” or ‘ ’), which will show on the page"
        ),
    )
    .at(line, col)
    .help(format!("use straight quotes (\"…\") or none: `{example}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        findings(
            text,
            Path::new("site.yaml"),
            1,
            crate::rules::CONFIG,
            &mut out,
        );
        out
    }

    #[test]
    fn a_value_wrapped_in_curly_quotes_is_a_warning_at_its_mark() {
        let got = found(
            "title: “Quoted title”\nmenu:\n  - { name: “News”, url: /news/ }\ntopics:\n  - ‘neglect’\n",
        );
        assert_eq!(got.len(), 3, "{got:?}");
        let at: Vec<_> = got.iter().map(|d| (d.line, d.col, d.is_error())).collect();
        assert_eq!(
            at,
            [
                (Some(1), Some(8), false),
                (Some(3), Some(13), false),
                (Some(5), Some(5), false)
            ]
        );
        assert_eq!(
            got[0].message,
            "the value of `title` is wrapped in curly quotation marks (“ ” or ‘ ’), which will show on the page"
        );
        assert_eq!(
            got[0].help.as_deref(),
            Some("use straight quotes (\"…\") or none: `title: Quoted title`")
        );
        assert_eq!(
            got[1].help.as_deref(),
            Some("use straight quotes (\"…\") or none: `name: News`")
        );
        assert_eq!(
            got[2].help.as_deref(),
            Some("use straight quotes (\"…\") or none: `- neglect`")
        );
    }

    #[test]
    fn a_value_yaml_would_misread_without_quotes_is_given_straight_ones() {
        let got = found("title: “Neglect: a guide”\ndescription: ‘2024’\n");
        assert_eq!(
            got[0].help.as_deref(),
            Some("use straight quotes (\"…\") or none: `title: \"Neglect: a guide\"`")
        );
        assert_eq!(
            got[1].help.as_deref(),
            Some("use straight quotes (\"…\") or none: `description: \"2024\"`")
        );
    }

    #[test]
    fn quotations_inside_a_value_and_notes_are_left_alone() {
        for text in [
            "title: The “Think Family” approach\n",
            "title: “Think Family” and “Early Help”\n",
            "title: ‘Think’ and ‘Act’\n",
            "title: Dywedodd “Rydyn ni’n gwrando”, meddai’r tîm\n",
            "title: Polityka „Bezpieczne dziecko”\n",
            "title: پالیسی “محفوظ بچہ” کے بارے میں\n",
            "# title: “Quoted”\n",
            "description: |\n  “A whole quoted line”\n  ‘another’\ntitle: T\n",
            "title: \"“Quoted” in straight quotes\"\n",
            "title: “”\n",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        // An apostrophe inside is not a second quotation.
        assert_eq!(found("title: ‘Don’t wait’\n").len(), 1);
    }

    #[test]
    fn the_inner_text_is_read_only_when_the_marks_wrap_the_whole() {
        assert_eq!(curly_inner(" “2026-11-14” "), Some("2026-11-14"));
        assert_eq!(curly_inner("‘x”"), Some("x"));
        assert_eq!(curly_inner("“x"), None);
        assert_eq!(curly_inner("2026-11-14"), None);
    }
}
