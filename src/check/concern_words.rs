//! The "report a concern" words on translated pages.
//!
//! `report_concern.text` and `.note` in `site.yaml` are in the site's main
//! language. A page in another language shows the theme's words for them
//! (`report_concern` and `report_concern_note` in its `i18n` file) only where
//! those say the same: the site's own `i18n/<code>.yaml` gives them, or the site
//! kept the theme's stock words. Otherwise the page shows the site's own words,
//! marked as the main language (see `Strings::translates` and the theme's
//! `base.html`), so a Welsh reader still sees the out-of-hours number, in
//! English. This warns once for each such language, at the setting's line, and
//! gives the lines to add to that language's file.
//!
//! Part of `check`, run with the other `site.yaml` findings before the build.

use std::path::Path;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::languages::Language;
use crate::strings::Strings;

/// Finds the site's other languages whose pages show the report-a-concern
/// words in the main language. `text` is `site.yaml` as written, for lines.
pub fn check(text: &str, config: &Config, strings: &Strings, out: &mut Vec<Diagnostic>) {
    let Some(concern) = &config.report_concern else {
        return;
    };
    let settings = [
        ("text", "report_concern", Some(concern.text.as_str())),
        ("note", "report_concern_note", concern.note.as_deref()),
    ];
    let main = &config.language;
    let main_primary = primary(main);
    let main_name = english_name(main, config.languages.first());
    for language in config.languages.iter().skip(1) {
        // Another English (en-US on an en-GB site) reads the words as they are.
        if primary(&language.code) == main_primary {
            continue;
        }
        let lacking: Vec<(&str, &str, &str)> = settings
            .iter()
            .filter_map(|&(setting, key, value)| {
                let value = value.map(str::trim).filter(|v| !v.is_empty())?;
                (!strings.translates(&language.code, main, key, value))
                    .then_some((setting, key, value))
            })
            .collect();
        let Some(&(first, _, _)) = lacking.first() else {
            continue;
        };
        let name = english_name(&language.code, Some(language));
        let what = match lacking.as_slice() {
            [("text", ..)] => "link text in",
            [("note", ..)] => "note in",
            _ => "words in",
        };
        let them = if lacking.len() == 1 { "it" } else { "them" };
        let file = format!("i18n/{}.yaml", primary(&language.code));
        let lines: Vec<String> = lacking
            .iter()
            .map(|(_, key, value)| format!("    {key}: {}", crate::yaml::quoted(value)))
            .collect();
        out.push(
            Diagnostic::warning(
                crate::rules::THEME_STRINGS,
                Path::new(crate::config::CONFIG_FILE),
                format!(
                    "{name} pages show your 'report a concern' {what} {main_name}, because there is no {name} version of {them}"
                ),
            )
            .at(line_of(text, first), 1)
            .help(format!(
                "add {} to {file} (make the file if the site has none), with the {main_name} words put into {name}:\n{}",
                if lacking.len() == 1 { "this line" } else { "these lines" },
                lines.join("\n")
            )),
        );
    }
}

/// The primary subtag of a language code, in lower case: `cy-GB` → `cy`.
fn primary(code: &str) -> String {
    code.split('-').next().unwrap_or(code).to_ascii_lowercase()
}

/// A language's name in English (`Welsh`) when plainsite knows it, else the
/// name the site gives it, else its code.
fn english_name(code: &str, language: Option<&Language>) -> String {
    crate::languages::known_language(code)
        .map(|(english, _)| english.to_owned())
        .or_else(|| language.map(|l| l.name.clone()))
        .unwrap_or_else(|| code.to_owned())
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
                "cy",
                &[
                    ("report_concern", "Rhoi gwybod am bryder am blentyn"),
                    ("report_concern_note", "Mewn argyfwng, ffoniwch 999."),
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

    const WELSH: &str = "title: T\nbase_url: https://example.org/\nlanguages:\n  - { code: en-GB, name: English }\n  - { code: cy, name: Cymraeg }\nreport_concern:\n  text: \"Worried about a child? Tell us\"\n  url: /report/\n  note: \"Out of hours, call the emergency duty team on 0800 123 4567.\"\ncontact: { name: Team, email: a@example.org }\n";

    #[test]
    fn a_language_without_the_sites_words_is_told_in_plain_english_with_the_lines_to_add() {
        let found = found(WELSH);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!((d.line, d.is_error()), (Some(7), false));
        assert_eq!(
            d.message,
            "Welsh pages show your 'report a concern' words in English, because there is no Welsh version of them"
        );
        assert_eq!(
            d.help.as_deref(),
            Some(
                "add these lines to i18n/cy.yaml (make the file if the site has none), with the English words put into Welsh:\n    report_concern: \"Worried about a child? Tell us\"\n    report_concern_note: \"Out of hours, call the emergency duty team on 0800 123 4567.\""
            )
        );
    }

    #[test]
    fn a_note_of_the_sites_own_warns_once_per_language_at_its_line() {
        let found = found(SITE);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|d| d.line == Some(10)));
        assert_eq!(
            found[0].message,
            "Polish pages show your 'report a concern' note in English, because there is no Polish version of it"
        );
        assert!(found[1].message.starts_with("Urdu pages show"));
        assert_eq!(
            found[1].help.as_deref(),
            Some(
                "add this line to i18n/ur.yaml (make the file if the site has none), with the English words put into Urdu:\n    report_concern_note: \"In an emergency, call 999. Out of hours: 01632 960001.\""
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
        // Another English reads the site's words as they are.
        let american = WELSH.replace(
            "{ code: cy, name: Cymraeg }",
            "{ code: en-US, name: English (US) }",
        );
        assert!(found(&american).is_empty());
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
