//! The theme's own words (Skip to main content, Published, Contents, month names…)
//! in each language, from the theme's `i18n/<code>.yaml` files.
//!
//! Loaded once per build beside the templates. A site's own `i18n/<code>.yaml` is
//! read over the theme's file of that code, line by line, so changing one label
//! keeps the others. A word missing in a language falls back to English, and `missing` turns each gap into a warning that names the
//! language and the key. It reads no files itself (the theme loader does) and knows
//! nothing of pages.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::error::Diagnostic;
use crate::languages::Language;
use crate::theme::Theme;

mod site_words;

/// The language every theme must carry, and the one others fall back to.
pub const FALLBACK: &str = "en";

/// The site's own words folder, beside `site.yaml`.
const SITE_I18N: &str = "i18n";

/// Theme strings by language file (`en`, `cy`, `ur`), each a map of key → words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Strings {
    files: BTreeMap<String, BTreeMap<String, String>>,
    origins: BTreeMap<String, PathBuf>,
    /// `(file, key)` of each word the site's own `i18n/` folder gives.
    site_words: std::collections::BTreeSet<(String, String)>,
}

impl Strings {
    /// Reads the theme's `i18n/*.yaml` files. A file that is not a map of words
    /// is reported into `problems` and left out.
    pub fn load(theme: &Theme, problems: &mut Vec<Diagnostic>) -> Strings {
        let mut strings = Strings::default();
        // The site's own files, with their text, for keys the theme has no use for.
        let mut site_given = Vec::new();
        // The theme's words under a file the site replaces, then each file over them.
        let layers = theme
            .i18n_under
            .iter()
            .map(|f| (f, true))
            .chain(theme.i18n.iter().map(|f| (f, false)));
        for ((code, text), under) in layers {
            let origin = text.origin.display_path();
            match crate::yaml::parse::<BTreeMap<String, String>>(&text.source, &origin, 1, crate::rules::THEME_STRINGS) {
                Ok(mut map) => {
                    map.retain(|key, words| {
                        let Some(c) = words.chars().find(|&c| crate::text::is_forbidden(c)) else {
                            return true;
                        };
                        problems.push(site_words::invisible_character(&origin, &text.source, key, c));
                        false
                    });
                    if !under && origin.starts_with(SITE_I18N) {
                        site_words::take_blank(&origin, &text.source, &mut map, problems);
                        strings.site_words.extend(
                            map.keys().map(|k| (code.to_ascii_lowercase(), k.clone())),
                        );
                        let keys: Vec<String> = map.keys().cloned().collect();
                        site_given.push((origin.clone(), text.source.as_str(), code.to_ascii_lowercase(), keys));
                    }
                    let file = strings.files.entry(code.to_ascii_lowercase()).or_default();
                    file.extend(map);
                    if under {
                        continue;
                    }
                    strings.origins.insert(code.to_ascii_lowercase(), origin);
                }
                Err(d) => problems.push(Diagnostic {
                    help: Some("write one `key: words` line for each string, with the words in quotes if they hold a colon".to_owned()),
                    ..*d
                }),
            }
        }
        if let Some(english) = strings.files.get(FALLBACK) {
            for (origin, source, code, keys) in &site_given {
                if code != FALLBACK {
                    site_words::unused(origin, source, keys, english, problems);
                }
            }
        }
        strings
    }

    /// Builds strings from maps, for tests and tools.
    pub fn from_maps(files: BTreeMap<String, BTreeMap<String, String>>) -> Strings {
        Strings {
            files,
            ..Strings::default()
        }
    }

    /// Builds strings from `(language, [(key, words)])` lists, for tests and tools.
    pub fn from_pairs(files: &[(&str, &[(&str, &str)])]) -> Strings {
        Strings::from_maps(
            files
                .iter()
                .map(|(lang, pairs)| {
                    let words = pairs
                        .iter()
                        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                        .collect();
                    ((*lang).to_owned(), words)
                })
                .collect(),
        )
    }

    /// The files a language's words are looked for in, most specific first:
    /// `pa-arab`, then `pa`, then English.
    fn chain(lang: &str) -> [String; 3] {
        let lower = lang.to_ascii_lowercase();
        let primary = lower.split('-').next().unwrap_or("").to_owned();
        [lower, primary, FALLBACK.to_owned()]
    }

    /// The words for `key` in the first of the first `files` files of `lang`'s
    /// chain (see [`Strings::chain`]) that has it. File names are lower case,
    /// so each is found by comparing without case, with nothing allocated.
    fn find(&self, lang: &str, key: &str, files: usize) -> Option<&str> {
        let file = |code: &str| {
            self.files
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(code))
                .map(|(_, file)| file)
        };
        let primary = lang.split('-').next().unwrap_or("");
        [lang, primary, FALLBACK][..files]
            .iter()
            .find_map(|f| file(f)?.get(key))
            .map(String::as_str)
    }

    /// The words for `key` in `lang`, falling back to English, then to the key
    /// itself (so a misspelt key shows on the page instead of nothing).
    pub fn get<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.find(lang, key, 3).unwrap_or(key)
    }

    /// The words for `key` in `lang` itself (its own file or its primary
    /// language's), without falling back to English.
    pub fn own(&self, lang: &str, key: &str) -> Option<&str> {
        self.find(lang, key, 2)
    }

    /// True when the site's own `i18n/` file for `lang` (or its primary
    /// language) gives words for `key`, not only the theme.
    pub fn site_gives(&self, lang: &str, key: &str) -> bool {
        let [exact, primary, _] = Self::chain(lang);
        [exact, primary]
            .into_iter()
            .any(|file| self.site_words.contains(&(file, key.to_owned())))
    }

    /// True when a page in `lang` should show the theme's words for `key`
    /// (`report_concern`) in place of the site's own `value`, written in the
    /// site's `main` language: the site's `i18n/` file for `lang` gives its own
    /// words, or `value` is the theme's own words in `main`, so the theme's
    /// words in `lang` say the same. Otherwise the page shows `value` as written.
    pub fn translates(&self, lang: &str, main: &str, key: &str, value: &str) -> bool {
        self.site_gives(lang, key) || value.trim() == self.get(main, key).trim()
    }

    /// Every key of every language file, each once, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        let mut keys: Vec<&str> = self
            .files
            .values()
            .flat_map(|file| file.keys().map(String::as_str))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys.into_iter()
    }

    /// A date in words in `lang`: `30 October 2020`, `30 października 2020`.
    pub fn date(&self, lang: &str, date: jiff::civil::Date) -> String {
        use std::fmt::Write;
        const MONTHS: [&str; 12] = [
            "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8",
            "month_9", "month_10", "month_11", "month_12",
        ];
        let format = self.get(lang, "date_format");
        let owned;
        let month = match usize::try_from(date.month() - 1)
            .ok()
            .and_then(|m| MONTHS.get(m))
        {
            Some(key) => self.get(lang, key),
            None => {
                owned = format!("month_{}", date.month());
                self.get(lang, &owned)
            }
        };
        // One pass puts each value in, as the three replacements in turn would:
        // a month name with braces, or none, could make a `{year}` of its own.
        if month.is_empty() || month.contains(['{', '}']) {
            return format
                .replace("{day}", &date.day().to_string())
                .replace("{month}", month)
                .replace("{year}", &date.year().to_string());
        }
        let mut out = String::with_capacity(format.len() + month.len() + 8);
        let mut rest = format;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open..];
            if let Some(tail) = after.strip_prefix("{day}") {
                // Writing to a `String` cannot fail.
                let _ = write!(out, "{}", date.day());
                rest = tail;
            } else if let Some(tail) = after.strip_prefix("{month}") {
                out.push_str(month);
                rest = tail;
            } else if let Some(tail) = after.strip_prefix("{year}") {
                let _ = write!(out, "{}", date.year());
                rest = tail;
            } else {
                out.push('{');
                rest = &after[1..];
            }
        }
        out.push_str(rest);
        out
    }

    /// Callout and case study titles in `lang`, by callout type, for Markdown
    /// (see [`crate::markdown::Input::labels`]).
    pub fn callout_labels(&self, lang: &str) -> BTreeMap<String, String> {
        [
            ("note", "callout_note"),
            ("tip", "callout_tip"),
            ("important", "callout_important"),
            ("warning", "callout_warning"),
            ("caution", "callout_caution"),
            ("case-study", "case_study"),
        ]
        .into_iter()
        .map(|(kind, key)| (kind.to_owned(), self.get(lang, key).to_owned()))
        .collect()
    }

    /// One warning into `out` for each English key a site language has no words for.
    pub fn missing(&self, languages: &[Language], out: &mut Vec<Diagnostic>) {
        let Some(english) = self.files.get(FALLBACK) else {
            return;
        };
        for language in languages {
            let [exact, primary, _] = Self::chain(&language.code);
            if primary == FALLBACK {
                continue;
            }
            let file = [&exact, &primary]
                .into_iter()
                .find(|f| self.files.contains_key(*f));
            let Some(file) = file else {
                out.push(
                    Diagnostic::warning(
                        crate::rules::THEME_STRINGS,
                        PathBuf::from("i18n").join(format!("{primary}.yaml")),
                        format!(
                            "the theme has no words in {} (`{}`), so its labels on those pages are in English",
                            language.name, language.code
                        ),
                    )
                    .help(format!(
                        "copy the theme's i18n/en.yaml to i18n/{primary}.yaml in the site and translate each line"
                    )),
                );
                continue;
            };
            let origin = self.origins.get(file).cloned().unwrap_or_default();
            for key in english.keys() {
                if self.own(&language.code, key).is_none() {
                    out.push(
                        Diagnostic::warning(
                            crate::rules::THEME_STRINGS,
                            &origin,
                            format!(
                                "no words for `{key}` in {} (`{}`): the English is shown",
                                language.name, language.code
                            ),
                        )
                        .help(format!("add `{key}: …` to {}", origin.display())),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::languages::Direction;

    fn strings() -> Strings {
        Strings::from_pairs(&[
            (
                "en",
                &[
                    ("skip_link", "Skip to main content"),
                    ("published", "Published"),
                    ("date_format", "{day} {month} {year}"),
                    ("month_10", "October"),
                ],
            ),
            (
                "pl",
                &[
                    ("skip_link", "Przejdź do treści"),
                    ("date_format", "{day} {month} {year}"),
                    ("month_10", "października"),
                ],
            ),
        ])
    }

    fn language(code: &str) -> Language {
        Language {
            code: code.to_owned(),
            name: code.to_owned(),
            dir: Direction::Ltr,
        }
    }

    #[test]
    fn falls_back_to_english_then_to_the_key() {
        let s = strings();
        assert_eq!(s.get("pl", "skip_link"), "Przejdź do treści");
        assert_eq!(s.get("pl-PL", "skip_link"), "Przejdź do treści");
        assert_eq!(s.get("pl", "published"), "Published");
        assert_eq!(s.get("ur", "published"), "Published");
        assert_eq!(s.get("en-GB", "no_such_key"), "no_such_key");
        assert_eq!(s.own("pl", "published"), None);
    }

    proptest::proptest! {
        /// `get` and `own` answer as the lookup through the allocated chain did,
        /// for any code (capitals, dashes, empty) and any key.
        #[test]
        fn lookups_match_the_chain(
            lang in proptest::prop_oneof![
                proptest::strategy::Just("pl-PL".to_owned()),
                proptest::strategy::Just("EN".to_owned()),
                "[a-zA-Z-]{0,7}",
            ],
            key in proptest::prop_oneof![
                proptest::strategy::Just("skip_link".to_owned()),
                proptest::strategy::Just("published".to_owned()),
                "[a-z_]{0,9}",
            ],
        ) {
            let s = strings();
            let chain = Strings::chain(&lang);
            let by_chain = |files: &[String]| {
                files.iter().find_map(|f| s.files.get(f)?.get(&key)).map(String::as_str)
            };
            proptest::prop_assert_eq!(s.get(&lang, &key), by_chain(&chain).unwrap_or(&key));
            proptest::prop_assert_eq!(s.own(&lang, &key), by_chain(&chain[..2]));
        }
    }

    proptest::proptest! {
        /// Dates come out as the three replacements in turn made them, for any
        /// format and month words (braces, placeholders, empty).
        #[test]
        fn dates_match_the_replacements_in_turn(
            format in "[{}a-z ]{0,6}(\\{day\\}|\\{month\\}|\\{year\\}|\\{ye|ar\\}|[{}x ]){0,6}",
            month in proptest::prop_oneof![
                proptest::strategy::Just(String::new()),
                proptest::strategy::Just("{year}".to_owned()),
                "[a-zś{} ]{0,8}",
            ],
            day in 1i8..=28,
            m in 1i8..=12,
            year in -9999i16..=9999,
        ) {
            let mut s = strings();
            let en = s.files.entry("en".to_owned()).or_default();
            en.insert("date_format".to_owned(), format.clone());
            en.insert(format!("month_{m}"), month.clone());
            let date = jiff::civil::date(year, m, day);
            let expected = format
                .replace("{day}", &day.to_string())
                .replace("{month}", &month)
                .replace("{year}", &year.to_string());
            proptest::prop_assert_eq!(s.date("en-GB", date), expected);
        }
    }

    #[test]
    fn the_themes_words_stand_in_only_for_its_own_or_the_sites_translation() {
        let mut s = strings();
        s.site_words
            .insert(("pl".to_owned(), "published".to_owned()));
        // The site kept the theme's words: the Polish say the same.
        assert!(s.translates("pl", "en-GB", "skip_link", "Skip to main content"));
        // Its own words, which only its own Polish file can translate.
        assert!(!s.translates("pl", "en-GB", "skip_link", "Jump to the page"));
        assert!(s.translates("pl-PL", "en-GB", "published", "Put online"));
        assert!(!s.translates("ur", "en-GB", "published", "Put online"));
    }

    #[test]
    fn lists_every_key_once() {
        let s = strings();
        let keys: Vec<&str> = s.keys().collect();
        assert_eq!(keys, ["date_format", "month_10", "published", "skip_link"]);
    }

    #[test]
    fn formats_dates_per_language() {
        let s = strings();
        let d = jiff::civil::date(2020, 10, 30);
        assert_eq!(s.date("en-GB", d), "30 October 2020");
        assert_eq!(s.date("pl", d), "30 października 2020");
    }

    #[test]
    fn warns_of_each_missing_key_naming_language_and_key() {
        let s = strings();
        let mut warnings = Vec::new();
        s.missing(
            &[language("en-GB"), language("pl"), language("bn")],
            &mut warnings,
        );
        let messages: Vec<&str> = warnings.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(warnings.len(), 2, "{messages:?}");
        assert!(messages[0].contains("`published`") && messages[0].contains("`pl`"));
        assert!(messages[1].contains("`bn`"));
        assert!(warnings.iter().all(|d| !d.is_error()));
    }
}
