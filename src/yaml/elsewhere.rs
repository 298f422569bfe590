//! Keys that other site generators use, and what plainsite calls them: `tags:`
//! is `topics:`, `layout:` is `template:`, and a page's language is no key at
//! all but part of its file name. Authors who move a site from another tool
//! paste these lines, and "did you mean" cannot help: `tags` is not a misspelt
//! `topics`.
//!
//! Part of `yaml`: `describe` asks here about an unknown key before it looks
//! for the nearest spelling. Pure text work.

use std::path::Path;

/// What to write instead of the unknown key `field` given `value`, when other
/// tools use that key for something plainsite does under another name. Only
/// answered when that name is among the `expected` keys, so a key in another
/// kind of file is not answered as if it were in a page's settings.
pub(super) fn instead(
    field: &str,
    value: &str,
    expected: &[String],
    file: &Path,
) -> Option<String> {
    let has = |k: &str| expected.iter().any(|e| e == k);
    let key = field.to_ascii_lowercase().replace('-', "_");
    let renamed = |to: &str, example: &str| {
        // The author's own value, unless it is too long or odd to repeat.
        let own = !value.is_empty()
            && value.chars().count() <= 80
            && !value.chars().any(char::is_control);
        let value = if own { value } else { example };
        format!("plainsite calls this `{to}`: write `{to}: {value}` in place of this line")
    };
    let help = match key.as_str() {
        "tags" | "tag" | "categories" | "category" | "keywords" if has("topics") => {
            renamed("topics", "[training, neglect]")
        }
        "layout" if has("template") => renamed("template", "page"),
        "summary" | "excerpt" | "abstract" if has("description") => {
            renamed("description", "One plain sentence about the page.")
        }
        "lastmod" | "last_modified" | "modified" | "last_updated" | "updated_at"
            if has("updated") =>
        {
            renamed("updated", "2020-10-30")
        }
        "pubdate" | "publishdate" | "publish_date" | "date_published" if has("date") => {
            renamed("date", "2020-10-30")
        }
        "redirect_from" | "redirects" if has("aliases") => renamed("aliases", "[/old-address/]"),
        "order" | "nav_order" | "position" | "sort_order" if has("weight") => {
            renamed("weight", "1")
        }
        "permalink" | "url" | "path" if has("slug") => {
            "a page's address comes from its folder and file name: to change only the last part, write `slug: new-name`; to move the page, move the file"
                .to_owned()
        }
        "lang" | "language" | "locale" | "translation_of" | "translationkey"
        | "translation_key" | "translations" | "i18n"
            if has("title") && has("draft") =>
        {
            language_help(&key, value, file)
        }
        _ => return None,
    };
    Some(help)
}

/// How a page in `file` is given a language: by its name, with the code the
/// author gave as `value` if it looks like one (`lang: cy`), or else `pl`.
fn language_help(key: &str, value: &str, file: &Path) -> String {
    let looks_like_code = (2..=12).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && value.bytes().take_while(u8::is_ascii_alphabetic).count() >= 2;
    let code = match key {
        "lang" | "language" | "locale" if looks_like_code => value,
        _ => "pl",
    };
    let stem = file
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".md"))
        .filter(|s| !s.contains('.'))
        .unwrap_or("about");
    format!(
        "a page's language comes from its file name, not from a setting: the `{code}` translation of {stem}.md is {stem}.{code}.md, in the same folder, with `{code}` listed under `languages:` in site.yaml. Remove this line"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> &'static Path {
        Path::new("content/safeguarding.md")
    }

    fn page_keys() -> Vec<String> {
        [
            "title",
            "description",
            "date",
            "updated",
            "draft",
            "weight",
            "slug",
        ]
        .into_iter()
        .chain(["topics", "template", "aliases"])
        .map(str::to_owned)
        .collect()
    }

    #[test]
    fn names_the_key_plainsite_uses_with_the_value_kept() {
        let keys = page_keys();
        let help = instead("tags", "[training, neglect]", &keys, page()).unwrap_or_default();
        assert!(help.contains("`topics: [training, neglect]`"), "{help}");
        let help = instead("Layout", "wide", &keys, page()).unwrap_or_default();
        assert!(help.contains("`template: wide`"), "{help}");
        let help = instead("lastmod", "", &keys, page()).unwrap_or_default();
        assert!(help.contains("`updated: 2020-10-30`"), "{help}");
        let help = instead("redirect-from", "[/a/]", &keys, page()).unwrap_or_default();
        assert!(help.contains("`aliases: [/a/]`"), "{help}");
    }

    #[test]
    fn a_long_or_odd_value_is_not_repeated_back() {
        let keys = page_keys();
        for value in ["x".repeat(5_000), "a\u{7}b".to_owned()] {
            let help = instead("tags", &value, &keys, page()).unwrap_or_default();
            assert!(help.contains("`topics: [training, neglect]`"), "{help}");
        }
    }

    #[test]
    fn a_language_setting_is_told_of_file_names() {
        let file = Path::new("content/news/_index.md");
        for key in ["lang", "language", "Locale"] {
            let help = instead(key, "cy", &page_keys(), file).unwrap_or_default();
            assert!(
                help.contains("of _index.md is _index.cy.md"),
                "{key}: {help}"
            );
        }
        for key in ["translationKey", "translation_of"] {
            let help = instead(key, "news", &page_keys(), page()).unwrap_or_default();
            assert!(
                help.contains("of safeguarding.md is safeguarding.pl.md"),
                "{key}: {help}"
            );
        }
        // A value that is no language code is not taken for one.
        let help = instead("lang", "Welsh please!", &page_keys(), page()).unwrap_or_default();
        assert!(help.contains("`pl` listed"), "{help}");
    }

    #[test]
    fn other_files_and_other_keys_are_left_to_the_general_advice() {
        // A menu item knows `name` and `url`: `tags` there is no topic.
        let menu = vec!["name".to_owned(), "url".to_owned()];
        assert_eq!(instead("tags", "[a]", &menu, page()), None);
        assert_eq!(instead("lang", "cy", &menu, page()), None);
        assert_eq!(instead("author", "Sam", &page_keys(), page()), None);
        assert_eq!(instead("topcis", "[a]", &page_keys(), page()), None);
    }
}
