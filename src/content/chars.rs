//! Characters that must never reach a page: control characters and Unicode
//! noncharacters, which the HTML standard forbids in text.
//!
//! Part of loading content: a Markdown file holding one is an error at its line
//! and column (plainsite does not strip them silently, because they usually mean
//! text pasted from somewhere that lost something on the way). Tab, line feed and
//! carriage return (line ends written by Windows editors) are ordinary text.

/// The first front-matter value that holds a forbidden character once YAML has
/// read it (a double-quoted `"\a"` or `"\x85"` is one): the key it is under, and
/// the character. The raw text is checked by `text::first_forbidden` first.
pub(super) fn first_forbidden_value(meta: &super::FrontMatter) -> Option<(String, char)> {
    let bad = |s: &str| s.chars().find(|&c| crate::text::is_forbidden(c));
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
                if let Some(c) = s.chars().find(|&c| crate::text::is_forbidden(c)) {
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
