//! Characters that must never reach a page: control characters and Unicode
//! noncharacters, which the HTML standard forbids in text.
//!
//! Part of loading content: a Markdown file holding one is an error at its line
//! and column (plainsite does not strip them silently, because they usually mean
//! text pasted from somewhere that lost something on the way). Tab, line feed and
//! carriage return (line ends written by Windows editors) are ordinary text.

/// True for a character the HTML standard does not allow in a page's text:
/// U+0001–U+001F but tab, line feed and carriage return; U+007F–U+009F; and the
/// noncharacters U+FDD0–U+FDEF and every U+xFFFE, U+xFFFF. (U+0000 too.)
pub(super) fn is_forbidden(c: char) -> bool {
    let n = u32::from(c);
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&n)
        || (0xfdd0..=0xfdef).contains(&n)
        || n & 0xfffe == 0xfffe
}

/// The first forbidden character in `text`: its line and column (both from 1,
/// the column counted in characters) and the character.
pub(super) fn first_forbidden(text: &str) -> Option<(usize, usize, char)> {
    let (at, c) = text.char_indices().find(|&(_, c)| is_forbidden(c))?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some((line, col, c))
}

/// An error for the first forbidden character in `text`, the whole of `file`
/// (`site.yaml`, a data file), at its line and column.
pub fn check_text(text: &str, file: &std::path::Path) -> Option<crate::error::Diagnostic> {
    let (line, col, c) = first_forbidden(text)?;
    Some(
        crate::error::Diagnostic::error(
            crate::rules::FILE,
            file,
            format!(
                "this file has the invisible character U+{:04X} (a control character or a noncharacter), which cannot be part of a web page",
                u32::from(c)
            ),
        )
        .at(line, col)
        .help("delete it (it often comes with text pasted from another program), or retype the words around it"),
    )
}

/// The first front-matter value that holds a forbidden character once YAML has
/// read it (a double-quoted `"\a"` or `"\x85"` is one): the key it is under, and
/// the character. The raw text is checked by [`first_forbidden`] first.
pub(super) fn first_forbidden_value(meta: &super::FrontMatter) -> Option<(String, char)> {
    let bad = |s: &str| s.chars().find(|&c| is_forbidden(c));
    let mut values: Vec<(String, &str)> = vec![("title".to_owned(), meta.title.as_str())];
    values.extend(
        meta.description
            .as_deref()
            .map(|d| ("description".to_owned(), d)),
    );
    values.extend(meta.slug.as_deref().map(|d| ("slug".to_owned(), d)));
    for (taxonomy, terms) in &meta.taxonomies {
        values.extend(terms.iter().map(|t| (taxonomy.clone(), t.as_str())));
    }
    values.extend(
        meta.aliases
            .iter()
            .map(|a| ("aliases".to_owned(), a.as_str())),
    );
    for a in &meta.attachments {
        match a {
            super::AttachmentSpec::Path(f) => values.push(("attachments".to_owned(), f)),
            super::AttachmentSpec::Full { file, title, .. } => {
                values.push(("attachments".to_owned(), file));
                values.extend(title.as_deref().map(|t| ("attachments".to_owned(), t)));
            }
        }
    }
    if let Some(found) = values.into_iter().find_map(|(k, v)| bad(v).map(|c| (k, c))) {
        return Some(found);
    }
    meta.extra
        .values()
        .find_map(|v| forbidden_in_yaml(v).map(|c| ("extra".to_owned(), c)))
}

/// The first forbidden character in any string of a YAML value (walked with a
/// stack, not recursion: the nesting is the author's).
fn forbidden_in_yaml(value: &yaml_serde::Value) -> Option<char> {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            yaml_serde::Value::String(s) => {
                if let Some(c) = s.chars().find(|&c| is_forbidden(c)) {
                    return Some(c);
                }
            }
            yaml_serde::Value::Sequence(items) => stack.extend(items.iter()),
            yaml_serde::Value::Mapping(map) => {
                for (k, v) in map {
                    stack.push(k);
                    stack.push(v);
                }
            }
            yaml_serde::Value::Tagged(t) => stack.push(&t.value),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_control_characters_and_noncharacters() {
        for c in [
            '\u{1}',
            '\u{b}',
            '\u{c}',
            '\u{1f}',
            '\u{7f}',
            '\u{85}',
            '\u{9f}',
            '\u{fdd0}',
            '\u{fffe}',
            '\u{1ffff}',
        ] {
            assert!(is_forbidden(c), "{:?}", c);
        }
        for c in ['\t', '\n', '\r', ' ', 'é', '\u{a0}', '\u{fffd}', '\u{fdf0}'] {
            assert!(!is_forbidden(c), "{:?}", c);
        }
    }

    #[test]
    fn names_the_line_and_column() {
        assert_eq!(first_forbidden("ok\r\nfine"), None);
        assert_eq!(
            first_forbidden("---\ntitle: A\u{7}B\n---\n"),
            Some((2, 9, '\u{7}'))
        );
        assert_eq!(first_forbidden("é\u{85}"), Some((1, 2, '\u{85}')));
    }
}
