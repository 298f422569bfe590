//! Site settings: `site.yaml` as written (`RawConfig`) and as used (`Config`).
//!
//! The first stage of the pipeline. `RawConfig` rejects unknown keys; `Config::load`
//! checks values, fills defaults and resolves paths. Run-time choices (drafts, a base
//! URL override) are not here: they live in `BuildOptions`.

mod addresses;
mod folders;
mod raw;
pub(crate) mod shapes;
mod words;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};
pub use raw::{Contact, HomeSettings, MenuItem, RawConfig, ReportConcern};

/// Validated settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder holding `site.yaml`.
    pub root: PathBuf,
    /// The site's name.
    pub title: String,
    /// Base URL with a trailing slash.
    pub base_url: String,
    /// `lang` of every page.
    pub language: String,
    /// One sentence about the site.
    pub description: String,
    /// The theme's name.
    pub theme: String,
    /// The main menu.
    pub menu: Vec<MenuItem>,
    /// Footer links.
    pub footer_menu: Vec<MenuItem>,
    /// Taxonomy names.
    pub taxonomies: Vec<String>,
    /// The "report a concern" link, when set.
    pub report_concern: Option<ReportConcern>,
    /// Contact for accessible formats, when set.
    pub contact: Option<Contact>,
    /// Words of capitals that `check` does not take for abbreviations.
    pub not_abbreviations: Vec<String>,
    /// `site.yaml` as written, to place findings about it.
    pub source: String,
    /// Let raw HTML through.
    pub allow_html: bool,
    /// Target Flesch–Kincaid grade.
    pub reading_grade: f64,
    /// Home page settings.
    pub home: HomeSettings,
    /// The host whose redirect and header files the build writes.
    pub hosting: crate::hosting::Hosting,
    /// Languages, the default (`language`) first; one entry for a site in one language.
    pub languages: Vec<crate::languages::Language>,
    /// Passed to templates.
    pub extra: BTreeMap<String, yaml_serde::Value>,
    /// Logo, colour and favicon, checked.
    pub brand: crate::brand::Brand,
    /// The "Exit this page" button, when the site has one.
    pub quick_exit: Option<crate::brand::QuickExit>,
    /// Top-level section folders whose dated pages go in feeds; `None` means every
    /// top-level section but `about`.
    pub news_sections: Option<Vec<String>>,
    /// The editor the preview's problem panels link to.
    pub editor: Option<crate::editor::Editor>,
}

static FALLBACK_LANGUAGE: crate::languages::Language = crate::languages::Language {
    code: String::new(),
    name: String::new(),
    dir: crate::languages::Direction::Ltr,
};

pub use crate::paths::CONFIG_FILE;

impl Config {
    /// Reads and checks `site.yaml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Error> {
        let path = root.join(CONFIG_FILE);
        let bytes = crate::paths::read_file(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                let place = if root == Path::new(".") { "this folder".to_owned() } else { root.display().to_string() };
                Error::usage(
                    format!("there is no {CONFIG_FILE} in {place}"),
                    "run plainsite in the folder that holds your site, or start one with `plainsite init my-site`",
                )
            } else {
                Error::io("read", &path, e)
            }
        })?;
        let file = Path::new(CONFIG_FILE);
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::Site(vec![
                Diagnostic::error(crate::rules::CONFIG, file, "site.yaml is not UTF-8 text")
                    .help("save it as UTF-8 in your editor"),
            ])
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        if let Some(d) = crate::text::check_text(text, file) {
            return Err(Error::Site(vec![d]));
        }
        let raw: RawConfig =
            crate::yaml::parse_settings(text, file, shapes::SHAPES, shapes::REQUIRED)
                .map_err(Error::Site)?;
        Config::from_raw(root, raw, text)
    }

    /// Checks values and fills defaults.
    pub fn from_raw(root: &Path, raw: RawConfig, text: &str) -> Result<Config, Error> {
        let file = Path::new(CONFIG_FILE);
        let mut problems = Vec::new();
        addresses::check_config(&raw, text, &mut problems);
        words::check(&raw, text, &mut problems);
        let at = |key: &str| crate::yaml::find_key(text, key).unwrap_or((1, 1));
        addresses::check_base_url(&raw.base_url, text, &mut problems);
        let from_languages = raw.language.is_none() && raw.languages.is_some();
        let language = raw
            .language
            .or_else(|| {
                raw.languages
                    .as_ref()?
                    .first()
                    .map(|l| l.code.trim().to_owned())
            })
            .unwrap_or_else(|| "en-GB".to_owned());
        if !from_languages && !crate::languages::is_language_tag(&language) {
            let (l, c) = at("language");
            problems.push(
                Diagnostic::error(
                    crate::rules::CONFIG,
                    file,
                    format!("`language` must be a language tag, found {language:?}"),
                )
                .at(l, c)
                .help("write `language: en-GB` for British English"),
            );
        }
        let languages = crate::languages::check(raw.languages, &language, file, &at, &mut problems);
        let taxonomies = raw.taxonomies.unwrap_or_else(|| vec!["topics".to_owned()]);
        folders::check_taxonomies(&taxonomies, at("taxonomies"), &mut problems);
        if let Some(theme) = &raw.theme {
            folders::check_theme(root, theme, at("theme"), &mut problems);
        }
        let brand = crate::brand::check_brand(raw.brand, root, &at, &mut problems);
        let quick_exit = crate::brand::check_quick_exit(raw.quick_exit, &at, &mut problems);
        let news_sections = raw.news_sections.map(|names| {
            names
                .iter()
                .map(|n| n.trim_matches('/').to_owned())
                .collect::<Vec<_>>()
        });
        if let Some(bad) = news_sections
            .iter()
            .flatten()
            .find(|n| n.is_empty() || crate::text::url_slug(n) != **n)
        {
            let (l, c) = at("news_sections");
            problems.push(
                Diagnostic::error(crate::rules::CONFIG, file, format!("`news_sections` lists section folders, found {:?}", bad.chars().take(80).collect::<String>()))
                    .at(l, c)
                    .help("write the folder names under content/, like `news_sections: [news, briefings]`"),
            );
        }
        let hosting = match raw.hosting.as_deref() {
            None => crate::hosting::Hosting::None,
            Some(name) => crate::hosting::Hosting::parse(name).unwrap_or_else(|| {
                let (l, c) = at("hosting");
                let names = crate::hosting::HOSTING_NAMES.join(", ");
                problems.push(
                    Diagnostic::error(crate::rules::CONFIG, file, format!("`hosting` must be one of {names}; found {name:?}"))
                        .at(l, c)
                        .help("write where the site is published, like `hosting: netlify`, or leave `hosting:` out"),
                );
                crate::hosting::Hosting::None
            }),
        };
        if let Some(g) = raw.reading_grade.filter(|g| !(1.0..=18.0).contains(g)) {
            let (l, c) = at("reading_grade");
            problems.push(
                Diagnostic::error(crate::rules::CONFIG, file, format!("`reading_grade` must be a number between 1 and 18, found {g}"))
                    .at(l, c)
                    .help("write the school grade pages should be easy to read at, like `reading_grade: 9`, or leave it out for 9"),
            );
        }
        if !problems.is_empty() {
            return Err(Error::Site(problems));
        }
        let mut base_url = raw.base_url;
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            base_url,
            language,
            description: raw.description.unwrap_or_default(),
            theme: raw.theme.unwrap_or_else(|| "default".to_owned()),
            menu: raw.menu,
            footer_menu: raw.footer_menu,
            taxonomies,
            report_concern: raw.report_concern,
            contact: raw.contact,
            not_abbreviations: raw.not_abbreviations,
            source: text.to_owned(),
            allow_html: raw.allow_html,
            reading_grade: raw.reading_grade.unwrap_or(9.0),
            home: raw.home,
            hosting,
            languages,
            extra: crate::urls::tidy_phone_links(raw.extra),
            brand,
            quick_exit,
            news_sections,
            editor: raw.editor,
        })
    }

    /// Applies run-time overrides (a preview base URL). The one place where flags
    /// change settings.
    pub fn apply_overrides(&mut self, base_url: Option<&str>) {
        if let Some(url) = base_url {
            let mut url = url.to_owned();
            if !url.ends_with('/') {
                url.push('/');
            }
            self.base_url = url;
        }
    }

    /// The codes of the languages other than the default: the ones a file name can
    /// carry (`page.ur.md`).
    pub fn translation_codes(&self) -> Vec<String> {
        self.languages
            .iter()
            .skip(1)
            .map(|l| l.code.clone())
            .collect()
    }

    /// The language with this code, or the default one.
    pub fn language_of(&self, code: Option<&str>) -> &crate::languages::Language {
        code.and_then(|c| self.languages.iter().find(|l| l.code == c))
            .or(self.languages.first())
            .unwrap_or(&FALLBACK_LANGUAGE)
    }

    /// The path part of the base URL, always starting and ending with `/`
    /// (`/` or `/preview/`).
    pub fn base_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, r)| r);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_owned(),
            None => "/".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title: T\nbase_url: https://example.org/preview\nreport_concern: {text: Report, url: /report/}\ncontact: {name: Team, email: a@example.org}\n";

    fn load(text: &str) -> Result<Config, Error> {
        let raw: RawConfig = crate::yaml::parse_settings(
            text,
            Path::new("site.yaml"),
            shapes::SHAPES,
            shapes::REQUIRED,
        )
        .map_err(Error::Site)?;
        Config::from_raw(Path::new("."), raw, text)
    }

    #[test]
    fn a_contact_email_with_a_slip_is_an_error_at_its_place() {
        for (email, says) in [
            (
                "\"team@example,org\"",
                "has ',' after the `@` (a full stop was meant?)",
            ),
            ("team@@example.org", "has more than one `@`"),
            ("team.example.org", "has no `@`"),
            ("\"\"", "it is empty"),
        ] {
            let text = MINIMAL.replace("a@example.org", email);
            let Err(Error::Site(found)) = load(&text) else {
                panic!("{email} was taken");
            };
            let d = found.iter().find(|d| d.message.contains("`contact.email`"));
            assert!(
                d.is_some_and(|d| d.message.contains(says) && d.line == Some(4)),
                "{email}: {found:?}"
            );
        }
        assert!(load(&MINIMAL.replace("a@example.org", "unit@sub.example.co.uk")).is_ok());
    }

    #[test]
    fn fills_defaults() {
        let c = load(MINIMAL).expect("valid");
        assert_eq!(c.language, "en-GB");
        assert_eq!(c.taxonomies, vec!["topics"]);
        assert_eq!(c.base_path(), "/preview/");
        assert_eq!(c.base_url, "https://example.org/preview/");
    }

    #[test]
    fn reads_languages_with_their_directions() {
        let text = format!(
            "{MINIMAL}languages:\n  - {{code: en-GB, name: English}}\n  - {{code: ur, name: اردو}}\n  - {{code: cy, name: Cymraeg, direction: ltr}}\n"
        );
        let c = load(&text).expect("valid");
        assert_eq!(c.language, "en-GB");
        assert_eq!(c.translation_codes(), ["ur", "cy"]);
        assert_eq!(
            c.language_of(Some("ur")).dir,
            crate::languages::Direction::Rtl
        );
        assert_eq!(c.language_of(None).name, "English");
    }

    #[test]
    fn a_single_language_site_has_one_language() {
        let c = load(MINIMAL).expect("valid");
        assert_eq!(c.languages.len(), 1);
        assert!(c.translation_codes().is_empty());
    }

    #[test]
    fn rejects_a_bad_language_code_with_its_line() {
        let text = format!("{MINIMAL}languages:\n  - {{code: \"../../etc\", name: x}}\n");
        let Err(Error::Site(d)) = load(&text) else {
            panic!("expected an error")
        };
        assert_eq!(d[0].line, Some(5));
        assert!(d[0].message.contains("not a language code"));
    }

    #[test]
    fn rejects_a_relative_base_url() {
        let text = MINIMAL.replace("https://example.org/preview", "example.org");
        let Err(Error::Site(d)) = load(&text) else {
            panic!("expected an error")
        };
        assert_eq!(d[0].line, Some(2));
    }

    #[test]
    fn refuses_a_base_url_that_would_break_or_leak_on_every_page() {
        for (value, found, help) in [
            (
                "https://example.org/?x=1",
                "`?`",
                "`base_url: https://example.org/`",
            ),
            (
                "https://staff:secret@example.org/",
                "password",
                "`base_url: https://example.org/`",
            ),
        ] {
            let text = MINIMAL.replace("https://example.org/preview", value);
            let Err(Error::Site(d)) = load(&text) else {
                panic!("expected an error for {value}")
            };
            assert_eq!(d[0].line, Some(2), "{value}");
            assert!(d[0].message.contains(found), "{value}: {}", d[0].message);
            assert!(!d[0].message.contains("secret"), "{}", d[0].message);
            assert!(
                d[0].help.as_deref().is_some_and(|h| h.contains(help)),
                "{:?}",
                d[0].help
            );
        }
    }

    #[test]
    fn refuses_a_base_url_with_a_character_no_address_has() {
        for (value, found, col) in [
            ("https://example.org/a b/", "has a space,", 32),
            ("\"https://example.org/<x>\"", "has `<`,", 32),
            ("\"https://example.org/\\a\"", "U+0007", 11),
            ("'https://example.org/it''s'", "a single quote", 11),
            ("https://example.org\\x", "a backslash", 30),
        ] {
            let text = MINIMAL.replace("https://example.org/preview", value);
            let Err(Error::Site(d)) = load(&text) else {
                panic!("expected an error for {value}")
            };
            assert_eq!(d[0].file, Path::new("site.yaml"));
            assert_eq!((d[0].line, d[0].col), (Some(2), Some(col)), "{value}");
            assert!(d[0].message.contains(found), "{value}: {}", d[0].message);
            assert_eq!(d[0].help.as_deref(), Some(crate::urls::BASE_URL_HELP));
        }
        for value in [
            "http://localhost:1111/",
            "https://www.example-lscp.org.uk/safe_guarding/",
            "https://example.org/a%20b",
            "https://xn--bcher-kva.example/",
        ] {
            let text = MINIMAL.replace("https://example.org/preview", value);
            assert!(load(&text).is_ok(), "{value}");
        }
    }

    #[test]
    fn reads_hosting_and_refuses_unknown_hosts() {
        assert_eq!(
            load(MINIMAL).expect("valid").hosting,
            crate::hosting::Hosting::None
        );
        let text = format!("{MINIMAL}hosting: nginx\n");
        assert_eq!(
            load(&text).expect("valid").hosting,
            crate::hosting::Hosting::Nginx
        );
        for bad in [
            "hosting: iis",
            "hosting: \"\"",
            "hosting: \"netlify\\u0000\"",
            "hosting: [netlify]",
            "hosting: {a: 1}",
        ] {
            let text = format!("{MINIMAL}{bad}\n");
            let Err(Error::Site(d)) = load(&text) else {
                panic!("expected an error for {bad}")
            };
            assert_eq!(d[0].line, Some(5), "{bad}");
        }
    }

    #[test]
    fn a_reading_grade_out_of_range_is_an_error_at_its_line() {
        for bad in ["-5", "0", "25", ".nan", "1e9"] {
            let text = format!("{MINIMAL}reading_grade: {bad}\n");
            let Err(Error::Site(d)) = load(&text) else {
                panic!("reading_grade {bad} was taken")
            };
            assert!(d[0].message.contains("between 1 and 18"), "{bad}: {d:?}");
            assert_eq!(d[0].line, Some(5), "{bad}");
        }
        let text = format!("{MINIMAL}reading_grade: 11.5\n");
        assert_eq!(load(&text).expect("valid").reading_grade, 11.5);
    }

    #[test]
    fn override_changes_base_path() {
        let mut c = load(MINIMAL).expect("valid");
        c.apply_overrides(Some("http://127.0.0.1:1111"));
        assert_eq!(c.base_path(), "/");
    }
}
