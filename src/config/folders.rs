//! Names in `site.yaml` that are folders: each of `taxonomies:` becomes a
//! folder of the site (`topics/`), so it must be a plain address part and not
//! one plainsite already gives its own pages and files; `theme:` names a
//! folder of `themes/`.
//!
//! Part of `config`.

use std::path::Path;

use crate::error::Diagnostic;

/// Folders plainsite makes at the top of every site, with what is in each.
const TAKEN: [(&str, &str); 7] = [
    ("search", "the search page"),
    ("search-index", "the search page's index"),
    ("a-z", "the A to Z page"),
    ("glossary", "the glossary page"),
    ("css", "the theme's styles"),
    ("js", "the theme's scripts"),
    ("icons", "the site's icons"),
];

/// Checks each taxonomy name of `taxonomies`, whose key is at `(line, col)`
/// of `site.yaml`; pushes what it finds into `out`.
pub(super) fn check_taxonomies(
    taxonomies: &[String],
    (line, col): (usize, usize),
    out: &mut Vec<Diagnostic>,
) {
    let file = Path::new(crate::paths::CONFIG_FILE);
    for t in taxonomies {
        let slug = crate::text::url_slug(t);
        if slug != *t {
            out.push(
                Diagnostic::error(
                    crate::rules::CONFIG,
                    file,
                    format!("taxonomy name {t:?} must be lowercase letters, digits and hyphens"),
                )
                .at(line, col)
                .help(format!("write it as `{slug}`")),
            );
        } else if let Some((_, what)) = TAKEN.iter().find(|(name, _)| name == t) {
            out.push(
                Diagnostic::error(
                    crate::rules::CONFIG,
                    file,
                    format!("taxonomy name `{t}` would put its pages at /{t}/, where plainsite puts {what}"),
                )
                .at(line, col)
                .help(format!("give the taxonomy another name, like `{t}-terms`")),
            );
        }
    }
}

/// Checks `theme`, the `theme:` of `site.yaml` at `(line, col)`, for the site
/// at `root`: one folder's name, of a folder in `themes/` (or `default`, the
/// theme carried in plainsite).
pub(super) fn check_theme(
    root: &Path,
    theme: &str,
    (line, col): (usize, usize),
    out: &mut Vec<Diagnostic>,
) {
    let problem = if !crate::paths::is_plain_folder_name(theme) {
        format!(
            "`theme: {}` is not the name of a folder",
            theme.escape_debug()
        )
    } else if theme != "default" && !root.join("themes").join(theme).is_dir() {
        format!("`theme: {theme}` names a theme that is not in themes/{theme}/")
    } else {
        return;
    };
    out.push(
        Diagnostic::error(crate::rules::CONFIG, Path::new(crate::paths::CONFIG_FILE), problem)
            .at(line, col)
            .help("write the name of a folder in themes/ (like `theme: ours` for themes/ours/), or remove the `theme:` line to use the default theme"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(names: &[&str]) -> Vec<String> {
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let mut out = Vec::new();
        check_taxonomies(&names, (4, 1), &mut out);
        out.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn names_plainsite_uses_and_names_that_are_not_addresses_are_refused() {
        let found = messages(&["topics", "search", "Areas", "a-z", "themes"]);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].contains("/search/, where plainsite puts the search page"));
        assert!(found[1].contains("\"Areas\" must be lowercase"));
        assert!(found[2].contains("the A to Z page"));
    }

    #[test]
    fn a_theme_must_be_a_folder_of_themes_or_the_default() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(dir.path().join("themes/ours")).unwrap_or_else(|e| panic!("{e}"));
        let found = |theme: &str| {
            let mut out = Vec::new();
            check_theme(dir.path(), theme, (3, 1), &mut out);
            out.into_iter()
                .map(|d| (d.line, d.message))
                .collect::<Vec<_>>()
        };
        assert!(found("ours").is_empty());
        assert!(found("default").is_empty());
        for bad in ["../x", "", ".hidden", "a/b"] {
            let got = found(bad);
            assert_eq!(got.len(), 1, "{bad}: {got:?}");
            assert_eq!(got[0].0, Some(3));
            assert!(got[0].1.contains("is not the name of a folder"), "{got:?}");
        }
        assert!(found("theirs")[0].1.contains("not in themes/theirs/"));
    }
}
