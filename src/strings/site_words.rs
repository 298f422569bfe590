//! Checks of the words a site's own `i18n/<code>.yaml` gives over the theme's:
//! a word with an invisible character, a key left with no words (a link or
//! label that would be empty on every page in that language), and a key the
//! theme has no use for (most often a misspelt one, so the theme's word is
//! shown instead and the author never learns why).
//!
//! Part of `strings`, called by `Strings::load`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Diagnostic;

/// The line (1-based) of `key:` in `source`, quoted or not; 1 if not found.
fn line_of(source: &str, key: &str) -> usize {
    source
        .lines()
        .position(|l| {
            let l = l.trim_start_matches(['"', '\'']);
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start_matches(['"', '\'']).starts_with(':'))
        })
        .map_or(1, |i| i + 1)
}

/// The error for a word that holds a control character or a noncharacter (written
/// as an escape such as `\x07` in the YAML), at the line of its key in `source`.
pub(super) fn invisible_character(
    origin: &std::path::Path,
    source: &str,
    key: &str,
    c: char,
) -> Diagnostic {
    let line = line_of(source, key);
    Diagnostic::error(
        crate::rules::THEME_STRINGS,
        origin,
        format!(
            "`{key}` has the invisible character U+{:04X} {}",
            u32::from(c),
            crate::text::forbidden_kind(c)
        ),
    )
    .at_line(line)
    .help("remove the escape (such as \\a, \\x07 or \\u0085) from the quoted words")
}

/// Takes each key with no words out of `map` (the site's file at `origin`, read
/// from `source`), with an error for it: left in, it would make an empty link
/// or label on every page in that language.
pub(super) fn take_blank(
    origin: &Path,
    source: &str,
    map: &mut BTreeMap<String, String>,
    problems: &mut Vec<Diagnostic>,
) {
    map.retain(|key, words| {
        if !words.trim().is_empty() {
            return true;
        }
        problems.push(
            Diagnostic::error(
                crate::rules::THEME_STRINGS,
                origin,
                format!("`{key}` has no words, so where the theme shows it, pages in this language would show nothing"),
            )
            .at_line(line_of(source, key))
            .help(format!("write the words after `{key}:`, or remove the line to keep the theme's")),
        );
        false
    });
}

/// A warning for each of `keys` (given by the site's file at `origin`, read
/// from `source`) that the theme's English words do not have, so no page shows it.
pub(super) fn unused(
    origin: &Path,
    source: &str,
    keys: &[String],
    english: &BTreeMap<String, String>,
    problems: &mut Vec<Diagnostic>,
) {
    let known: Vec<String> = english.keys().cloned().collect();
    for key in keys.iter().filter(|k| !english.contains_key(*k)) {
        let help = match crate::yaml::suggest(key, &known) {
            Some(best) => format!(
                "did you mean `{best}`? The theme's names for its words are in its i18n/en.yaml"
            ),
            None => {
                "remove the line, or use one of the names in the theme's i18n/en.yaml".to_owned()
            }
        };
        problems.push(
            Diagnostic::warning(
                crate::rules::THEME_STRINGS,
                origin,
                format!("`{key}` is not one of the theme's words, so no page shows it"),
            )
            .at_line(line_of(source, key))
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_key_with_no_words_is_taken_out_with_an_error_at_its_line() {
        let source = "skip_link: Przejdź\nreport_concern: \"  \"\n";
        let mut words = map(&[("skip_link", "Przejdź"), ("report_concern", "  ")]);
        let mut problems = Vec::new();
        take_blank(Path::new("i18n/pl.yaml"), source, &mut words, &mut problems);
        assert_eq!(words.len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(2));
        assert!(
            problems[0]
                .message
                .starts_with("`report_concern` has no words")
        );
    }

    #[test]
    fn a_key_the_theme_lacks_is_warned_of_with_the_nearest() {
        let english = map(&[("skip_link", "Skip"), ("search", "Search")]);
        let keys = vec![
            "skip_lnk".to_owned(),
            "search".to_owned(),
            "colour".to_owned(),
        ];
        let mut problems = Vec::new();
        unused(
            Path::new("i18n/pl.yaml"),
            "search: a\nskip_lnk: b\ncolour: c\n",
            &keys,
            &english,
            &mut problems,
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].line, Some(2));
        assert!(
            problems[0]
                .help
                .as_deref()
                .is_some_and(|h| h.starts_with("did you mean `skip_link`?"))
        );
        assert!(
            problems[1]
                .message
                .starts_with("`colour` is not one of the theme's words")
        );
    }
}
