//! Rule `template-code` in front matter: a title, description or term that
//! holds `{{ … }}` or `{% … %}` is shown as written, in the page's `<h1>`, its
//! `<title>`, listings, feeds and topic pages. It is nearly always an archetype
//! copied into `content/` by hand, with its blanks (`{{ title }}`) unfilled.
//!
//! Part of `check::braces`; reads the checked front matter, not the Markdown.

use super::{TEMPLATE_CODE, shorten};
use crate::content::Page;
use crate::error::Diagnostic;

/// Reports template code in `page`'s title, description and terms, at the
/// line of their key.
pub(crate) fn check(page: &Page, out: &mut Vec<Diagnostic>) {
    let meta = &page.meta;
    let mut values = vec![("title", meta.title.as_str())];
    values.extend(meta.description.as_deref().map(|d| ("description", d)));
    for (taxonomy, terms) in &meta.taxonomies {
        values.extend(terms.iter().map(|t| (taxonomy.as_str(), t.as_str())));
    }
    for (key, value) in values {
        let Some(code) = template_code(value) else {
            continue;
        };
        let blank = code.strip_prefix("{{").and_then(|c| c.strip_suffix("}}"));
        let help = if blank.is_some_and(|b| {
            !b.trim().is_empty()
                && b.trim()
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'_')
        }) {
            crate::yaml::archetype_blank(key, code)
        } else {
            "write what readers should see, without the braces".to_owned()
        };
        let line = meta.key_lines.get(key).copied().unwrap_or(1);
        out.push(
            TEMPLATE_CODE
                .at(
                    &page.file,
                    line,
                    1,
                    format!(
                        "`{key}` has template code, `{}`, which pages do not run, so readers would see it as written",
                        shorten(code)
                    ),
                )
                .help(help),
        );
    }
}

/// The first `{{ … }}` or `{% … %}` in `value`, up to its closer (or the end).
fn template_code(value: &str) -> Option<&str> {
    let at = [value.find("{{"), value.find("{%")]
        .into_iter()
        .flatten()
        .min()?;
    let rest = &value[at..];
    let closer = if rest.starts_with("{%") { "%}" } else { "}}" };
    Some(
        rest.find(closer)
            .map_or(rest, |i| &rest[..i + closer.len()]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_template_code_up_to_its_closer() {
        let values = [
            "A {{ title }} b",
            "{% if x %}y{% endif %}",
            "a {{ b",
            "x %} {% y }}",
            "Plain {name}, a { b } c, 100%} }}{",
        ];
        let found: Vec<_> = values.into_iter().map(template_code).collect();
        let want = [
            Some("{{ title }}"),
            Some("{% if x %}"),
            Some("{{ b"),
            Some("{% y }}"),
            None,
        ];
        assert_eq!(found, want);
    }
}
