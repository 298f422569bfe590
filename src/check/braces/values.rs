//! Rule `template-code` in front matter: a title, description or term that
//! holds `{{ … }}` or `{% … %}` is shown as written, in the page's `<h1>`, its
//! `<title>`, listings, feeds and topic pages. It is nearly always an archetype
//! copied into `content/` by hand, with its blanks (`{{ title }}`) unfilled.
//!
//! The same holds for `site.yaml`: its title, menu names and other words are
//! shown as written, so `title: "{{ site.title }}"` would be the site's name.
//!
//! Part of `check::braces`; reads the checked front matter and the text of
//! `site.yaml`, not the Markdown.

use std::path::Path;

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

/// Reports template code in the values of `site.yaml`, whose text is `text`
/// (`file` names it), at its line and column. Comments are left out, as the
/// `placeholder` rule leaves them.
pub(crate) fn check_settings(text: &str, file: &Path, out: &mut Vec<Diagnostic>) {
    for (number, _, value) in crate::check::settings::value_lines(text) {
        let Some((at, code)) = template_code_at(value) else {
            continue;
        };
        // The key nearest before the code, in block or flow style
        // (`- { name: Home {{ x }} }`); a list item has none.
        let key = value[..at]
            .rsplit_once(':')
            .map(|(before, _)| {
                let name = before.trim_end();
                let start = name
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                    .map_or(0, |i| i + 1);
                &name[start..]
            })
            .filter(|k| !k.is_empty())
            .map_or_else(|| "a value".to_owned(), |k| format!("`{k}`"));
        out.push(
            TEMPLATE_CODE
                .at(
                    file,
                    number,
                    value[..at].chars().count() + 1,
                    format!(
                        "{key} has template code, `{}`, which settings do not run, so readers would see it as written",
                        shorten(code)
                    ),
                )
                .help("write what readers should see, without the braces"),
        );
    }
}

/// The first `{{ … }}` or `{% … %}` in `value`, up to its closer (or the end).
fn template_code(value: &str) -> Option<&str> {
    template_code_at(value).map(|(_, code)| code)
}

/// [`template_code`], with the byte where it starts.
fn template_code_at(value: &str) -> Option<(usize, &str)> {
    let at = [value.find("{{"), value.find("{%")]
        .into_iter()
        .flatten()
        .min()?;
    let rest = &value[at..];
    let closer = if rest.starts_with("{%") { "%}" } else { "}}" };
    Some((
        at,
        rest.find(closer)
            .map_or(rest, |i| &rest[..i + closer.len()]),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_code_in_site_settings_is_found_at_its_place() {
        let text = "title: \"{{ site.title }}\"\n# {{ in a comment }}\nmenu:\n  - name: Home {% if x %}\n    url: /\ntagline: a {curly} word # {{ note }}\nfooter_menu: [{ name: \"{{ x }}\", url: / }]\n  - \"{{ y }}\"\n";
        let mut out = Vec::new();
        check_settings(text, Path::new("site.yaml"), &mut out);
        let found: Vec<_> = out
            .iter()
            .map(|d| (d.line, d.col, d.is_error(), d.message.clone()))
            .collect();
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(
            (found[0].0, found[0].1, found[0].2),
            (Some(1), Some(9), true)
        );
        assert!(found[0].3.contains("`title`") && found[0].3.contains("{{ site.title }}"));
        assert_eq!((found[1].0, found[1].1), (Some(4), Some(16)));
        assert!(found[1].3.contains("`name`"), "{}", found[1].3);
        assert!(found[2].3.starts_with("`name` has"), "{}", found[2].3);
        assert!(found[3].3.starts_with("a value has"), "{}", found[3].3);
    }

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
