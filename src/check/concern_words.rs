//! The "report a concern" words on translated pages.
//!
//! `report_concern.text` and `.note` in `site.yaml` are in the site's main
//! language. A page in another language shows the theme's words for them
//! instead (`report_concern` and `report_concern_note` in its `i18n` file), as
//! an English note would be read in the wrong voice. When the site has written
//! its own note ("Out of hours, call 01632 960001") and a language has only the
//! theme's stock words, those pages lose what the site added: often the number
//! a worried reader needs. This warns at the setting's line, once for all the
//! languages, and says which file and line to add.
//!
//! Part of `check`, run with the other `site.yaml` findings before the build.

use std::path::Path;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::strings::{FALLBACK, Strings};

/// Finds the report-a-concern settings whose own words the site's other
/// languages would not show. `text` is `site.yaml` as written, for lines.
pub fn check(text: &str, config: &Config, strings: &Strings, out: &mut Vec<Diagnostic>) {
    let Some(concern) = &config.report_concern else {
        return;
    };
    let settings = [
        ("text", "report_concern", Some(concern.text.as_str())),
        ("note", "report_concern_note", concern.note.as_deref()),
    ];
    for (setting, key, value) in settings {
        let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            continue;
        };
        // The site's words are the theme's own English: nothing is lost.
        if value == strings.get(FALLBACK, key).trim() {
            continue;
        }
        let lacking: Vec<_> = config
            .languages
            .iter()
            .skip(1)
            .filter(|l| !l.code.to_ascii_lowercase().starts_with(FALLBACK))
            .filter(|l| !strings.site_gives(&l.code, key))
            .collect();
        let Some(first) = lacking.first() else {
            continue;
        };
        let names: Vec<&str> = lacking.iter().map(|l| l.name.as_str()).collect();
        let files: Vec<String> = lacking
            .iter()
            .map(|l| {
                let primary = l.code.split('-').next().unwrap_or(&l.code);
                format!("i18n/{}.yaml", primary.to_ascii_lowercase())
            })
            .collect();
        out.push(
            Diagnostic::warning(
                crate::rules::THEME_STRINGS,
                Path::new(crate::config::CONFIG_FILE),
                format!(
                    "pages in {} show the theme's words in place of your `report_concern` `{setting}` ({:?} in {}), so what you added is not on them",
                    and_list(&names),
                    strings.get(&first.code, key),
                    first.name
                ),
            )
            .at(line_of(text, setting), 1)
            .help(format!(
                "add a line `{key}: \"…\"` with your words in each language to {} (make the file if the site has none)",
                and_list(&files.iter().map(String::as_str).collect::<Vec<_>>())
            )),
        );
    }
}

/// The line of `setting` under `report_concern:` in `text`, else the line of
/// `report_concern:` itself (a `{ … }` on one line), else 1.
fn line_of(text: &str, setting: &str) -> usize {
    let mut lines = text.lines().enumerate();
    let Some((at, _)) = lines
        .by_ref()
        .find(|(_, l)| l.trim_end().starts_with("report_concern:"))
    else {
        return 1;
    };
    lines
        .take_while(|(_, l)| l.starts_with([' ', '\t']) || l.trim().is_empty())
        .find(|(_, l)| l.trim_start().starts_with(&format!("{setting}:")))
        .map_or(at + 1, |(i, _)| i + 1)
}

/// "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings {
        Strings::from_pairs(&[
            (
                "en",
                &[
                    ("report_concern", "Report a concern about a child"),
                    ("report_concern_note", "In an emergency, call 999."),
                ],
            ),
            (
                "pl",
                &[("report_concern_note", "W nagłym wypadku dzwoń 999.")],
            ),
        ])
    }

    fn found(yaml: &str) -> Vec<Diagnostic> {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::write(dir.path().join("site.yaml"), yaml).expect("site.yaml");
        let config = Config::load(dir.path()).expect("settings");
        let mut out = Vec::new();
        check(yaml, &config, &strings(), &mut out);
        out
    }

    const SITE: &str = "title: T\nbase_url: https://example.org/\nlanguages:\n  - { code: en-GB, name: English }\n  - { code: pl, name: Polski }\n  - { code: ur, name: اردو }\nreport_concern:\n  text: Report a concern about a child\n  url: /report/\n  note: \"In an emergency, call 999. Out of hours: 01632 960001.\"\ncontact: { name: Team, email: a@example.org }\n";

    #[test]
    fn a_note_of_the_sites_own_that_other_languages_lose_warns_at_its_line() {
        let found = found(SITE);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!((d.line, d.is_error()), (Some(10), false));
        assert!(
            d.message.contains("pages in Polski and اردو show the theme's words in place of your `report_concern` `note` (\"W nagłym wypadku dzwoń 999.\" in Polski)"),
            "{}",
            d.message
        );
        assert_eq!(
            d.help.as_deref(),
            Some(
                "add a line `report_concern_note: \"…\"` with your words in each language to i18n/pl.yaml and i18n/ur.yaml (make the file if the site has none)"
            )
        );
    }

    #[test]
    fn the_themes_own_words_or_one_language_warn_of_nothing() {
        let stock = SITE.replace(" Out of hours: 01632 960001.", "");
        assert!(found(&stock).is_empty());
        let one = SITE
            .replace("  - { code: pl, name: Polski }\n", "")
            .replace("  - { code: ur, name: اردو }\n", "")
            .replace("languages:\n  - { code: en-GB, name: English }\n", "");
        assert!(found(&one).is_empty());
    }

    #[test]
    fn the_line_is_the_settings_own_or_the_groups() {
        assert_eq!(
            line_of("a: 1\nreport_concern:\n  url: /r/\n  note: x\n", "note"),
            4
        );
        assert_eq!(
            line_of("report_concern: { text: T, url: /r/ }\nnote: x\n", "note"),
            1
        );
        assert_eq!(line_of("title: T\n", "note"), 1);
    }
}
