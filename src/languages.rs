//! The languages a site is written in: `languages:` in `site.yaml`.
//!
//! Read with the settings (first stage of the pipeline). Each language has a BCP 47
//! code, its name in its own language and a text direction; the first is the
//! default, whose pages keep today's addresses. It also says which file names are
//! translations (`report-a-concern.ur.md`). It must not read files or know about
//! templates.

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;

/// Text direction of a language.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash, Default)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    #[default]
    Ltr,
    /// Right to left.
    Rtl,
}

impl Direction {
    /// The `dir` attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One entry of `languages:` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLanguage {
    /// BCP 47 code (`ur`, `cy`, `en-GB`).
    pub code: String,
    /// The language's name in itself (`اردو`, `Cymraeg`).
    pub name: String,
    /// `ltr` or `rtl`; known right-to-left languages default to `rtl`.
    #[serde(default)]
    pub direction: Option<Direction>,
}

/// A checked language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Language {
    /// BCP 47 code as written in `site.yaml`.
    pub code: String,
    /// Name in its own language.
    pub name: String,
    /// Text direction.
    pub dir: Direction,
}

impl Language {
    /// The folder a translation's pages are published under: the code in lowercase.
    pub fn url_prefix(&self) -> String {
        self.code.to_ascii_lowercase()
    }
}

/// Primary language subtags written right to left.
const RTL: [&str; 14] = [
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "ug", "ur", "yi",
];

/// The direction a code is written in when `site.yaml` does not say.
pub fn default_direction(code: &str) -> Direction {
    let lower = code.to_ascii_lowercase();
    let primary = lower.split('-').next().unwrap_or("");
    // A script subtag decides when given: `pa-Arab` is right to left, `ku-Latn` is not.
    let script = lower.split('-').nth(1).filter(|s| s.len() == 4);
    match script {
        Some("arab" | "hebr" | "thaa" | "syrc" | "nkoo" | "adlm" | "rohg") => Direction::Rtl,
        Some(_) => Direction::Ltr,
        None if RTL.contains(&primary) => Direction::Rtl,
        None => Direction::Ltr,
    }
}

/// True for a well-formed BCP 47 tag of the common shape: a primary language of 2
/// or 3 letters, then subtags of 1 to 8 letters or digits (`en-GB`, `pa-Arab`,
/// `sr-Latn-RS`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(primary) = parts.next() else {
        return false;
    };
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Languages a partnership's pages are often translated into, by their English
/// name or their own, with their code: `{lang=welsh}` can then be answered with
/// `{lang=cy}`.
const NAMES: [(&str, &str); 37] = [
    ("albanian", "sq"),
    ("arabic", "ar"),
    ("bengali", "bn"),
    ("cantonese", "yue"),
    ("chinese", "zh"),
    ("cymraeg", "cy"),
    ("czech", "cs"),
    ("dari", "prs"),
    ("english", "en-GB"),
    ("farsi", "fa"),
    ("french", "fr"),
    ("gaelic", "gd"),
    ("german", "de"),
    ("gujarati", "gu"),
    ("hindi", "hi"),
    ("hungarian", "hu"),
    ("irish", "ga"),
    ("italian", "it"),
    ("kurdish", "ku"),
    ("latvian", "lv"),
    ("lithuanian", "lt"),
    ("mandarin", "zh"),
    ("pashto", "ps"),
    ("persian", "fa"),
    ("polish", "pl"),
    ("polski", "pl"),
    ("portuguese", "pt"),
    ("punjabi", "pa"),
    ("romanian", "ro"),
    ("russian", "ru"),
    ("slovak", "sk"),
    ("somali", "so"),
    ("spanish", "es"),
    ("tigrinya", "ti"),
    ("ukrainian", "uk"),
    ("urdu", "ur"),
    ("welsh", "cy"),
];

/// The code of a language written by its name (`Welsh` → `cy`), for a message
/// that says what to write instead; `None` for names it does not know.
pub fn code_for_name(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_ascii_lowercase();
    NAMES
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|(_, code)| *code)
}

/// Checks `languages:` (or builds the one language from `language:`). `at` finds
/// a key's line and column in `site.yaml` for messages.
pub fn check(
    raw: Option<Vec<RawLanguage>>,
    language: &str,
    file: &std::path::Path,
    at: &dyn Fn(&str) -> (usize, usize),
    problems: &mut Vec<Diagnostic>,
) -> Vec<Language> {
    let Some(raw) = raw else {
        let name = if language.to_ascii_lowercase().starts_with("en") {
            "English"
        } else {
            language
        };
        return vec![Language {
            code: language.to_owned(),
            name: name.to_owned(),
            dir: default_direction(language),
        }];
    };
    let (l, c) = at("languages");
    let mut out: Vec<Language> = Vec::new();
    for entry in raw {
        let code = entry.code.trim().to_owned();
        let problem = if !is_language_tag(&code) {
            Some((
                format!("{code:?} in `languages:` is not a language code"),
                "write a BCP 47 code such as `cy`, `pl`, `ur` or `en-GB`".to_owned(),
            ))
        } else if out.iter().any(|o| o.code.eq_ignore_ascii_case(&code)) {
            Some((
                format!("the language `{code}` is listed twice in `languages:`"),
                "remove one of them".to_owned(),
            ))
        } else if entry.name.trim().is_empty() || entry.name.chars().any(char::is_control) {
            Some((
                format!("the language `{code}` needs a `name:` in its own language"),
                "write, for example, `name: Cymraeg` for Welsh".to_owned(),
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            problems.push(
                Diagnostic::error(crate::rules::CONFIG, file, message)
                    .at(l, c)
                    .help(help),
            );
            continue;
        }
        out.push(Language {
            dir: entry.direction.unwrap_or_else(|| default_direction(&code)),
            name: entry.name.trim().to_owned(),
            code,
        });
    }
    if out.is_empty() && problems.is_empty() {
        problems.push(
            Diagnostic::error(crate::rules::CONFIG, file, "`languages:` is empty")
                .at(l, c)
                .help("list at least the site's main language, or remove `languages:`"),
        );
    }
    // A `language:` that is no language tag at all is reported as that alone.
    if let Some(first) = out.first()
        && !first.code.eq_ignore_ascii_case(language)
        && is_language_tag(language)
    {
        let (l, c) = at("language");
        problems.push(
            Diagnostic::error(
                crate::rules::CONFIG,
                file,
                format!("`language: {language}` is not the first entry of `languages:` ({})", first.code),
            )
            .at(l, c)
            .help("the first of `languages:` is the site's main language; remove `language:` or make them the same"),
        );
    }
    out
}

/// Languages that councils and partnerships in the UK commonly publish in: the
/// primary subtag, the English name and the name in the language itself. Used to
/// tell a translation's file name (`leaflet.cy.md`) on a site that lists no
/// languages, where any other two letters (`notes.ok.md`) are only a name.
const KNOWN: &[(&str, &str, &str)] = &[
    ("ar", "Arabic", "العربية"),
    ("bg", "Bulgarian", "Български"),
    ("bn", "Bengali", "বাংলা"),
    ("cs", "Czech", "Čeština"),
    ("cy", "Welsh", "Cymraeg"),
    ("de", "German", "Deutsch"),
    ("en", "English", "English"),
    ("es", "Spanish", "Español"),
    ("fa", "Persian", "فارسی"),
    ("fr", "French", "Français"),
    ("ga", "Irish", "Gaeilge"),
    ("gd", "Scottish Gaelic", "Gàidhlig"),
    ("gu", "Gujarati", "ગુજરાતી"),
    ("hu", "Hungarian", "Magyar"),
    ("ku", "Kurdish", "Kurdî"),
    ("lt", "Lithuanian", "Lietuvių"),
    ("lv", "Latvian", "Latviešu"),
    ("pa", "Punjabi", "ਪੰਜਾਬੀ"),
    ("pl", "Polish", "Polski"),
    ("ps", "Pashto", "پښتو"),
    ("pt", "Portuguese", "Português"),
    ("ro", "Romanian", "Română"),
    ("ru", "Russian", "Русский"),
    ("sk", "Slovak", "Slovenčina"),
    ("so", "Somali", "Soomaali"),
    ("sq", "Albanian", "Shqip"),
    ("ta", "Tamil", "தமிழ்"),
    ("ti", "Tigrinya", "ትግርኛ"),
    ("tr", "Turkish", "Türkçe"),
    ("uk", "Ukrainian", "Українська"),
    ("ur", "Urdu", "اردو"),
    ("zh", "Chinese", "中文"),
];

/// The English name and own name of a common language, by its code (`cy-GB`
/// and `CY` are Welsh too).
pub fn known_language(code: &str) -> Option<(&'static str, &'static str)> {
    if !is_language_tag(code) {
        return None;
    }
    let primary = code.split('-').next().unwrap_or(code);
    KNOWN
        .iter()
        .find(|(c, _, _)| primary.eq_ignore_ascii_case(c))
        .map(|&(_, english, own)| (english, own))
}

/// On a site of one language, `main`: the code of another common language that
/// a file name carries (`report-a-concern.cy.md` → `cy`), which marks it as a
/// translation the site cannot publish as one.
pub fn stray_code<'a>(name: &'a str, main: &str) -> Option<&'a str> {
    let stem = name.strip_suffix(".md")?;
    let (base, code) = stem.rsplit_once('.')?;
    let primary = |c: &'a str| c.split('-').next().unwrap_or(c);
    (!base.is_empty()
        && known_language(code).is_some()
        && !primary(code).eq_ignore_ascii_case(main.split('-').next().unwrap_or(main)))
    .then_some(code)
}

/// Splits a translation's file name: `report-a-concern.ur.md` → (`report-a-concern.md`,
/// `ur`) when `ur` is one of `codes` (matched without regard to case); the code
/// returned is as written in `codes`.
pub fn split_file_name<'a>(name: &str, codes: &'a [String]) -> Option<(String, &'a str)> {
    let stem = name.strip_suffix(".md")?;
    let (base, code) = stem.rsplit_once('.')?;
    if base.is_empty() {
        return None;
    }
    let known = codes.iter().find(|c| c.eq_ignore_ascii_case(code))?;
    Some((format!("{base}.md"), known))
}

/// The code a file name seems to carry (`leaflet.ro.md` → `ro`) when it is not one
/// the site lists, to warn of a translation into an unlisted language.
pub fn unlisted_code<'a>(name: &'a str, codes: &[String]) -> Option<&'a str> {
    let stem = name.strip_suffix(".md")?;
    let (base, code) = stem.rsplit_once('.')?;
    let looks = (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase());
    (!base.is_empty() && looks && !codes.iter().any(|c| c.eq_ignore_ascii_case(code)))
        .then_some(code)
}

/// The code with a region a file name seems to carry (`leaflet.pl-PL.md` →
/// `pl-PL`): two or three small letters, a hyphen, then two to four letters or
/// digits.
pub fn region_code(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".md")?;
    let (base, code) = stem.rsplit_once('.')?;
    let (primary, region) = code.split_once('-')?;
    let looks = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && (2..=4).contains(&region.len())
        && region.chars().all(|c| c.is_ascii_alphanumeric());
    (!base.is_empty() && looks).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_code_with_a_region_from_a_file_name() {
        assert_eq!(region_code("contact.pl-PL.md"), Some("pl-PL"));
        assert_eq!(region_code("contact.pa-Arab.md"), Some("pa-Arab"));
        assert_eq!(region_code("contact.md"), None);
        assert_eq!(region_code("year-2019-20.md"), None);
        assert_eq!(region_code("report.v2-final.md"), None);
    }

    #[test]
    fn knows_right_to_left_codes() {
        assert_eq!(default_direction("ur"), Direction::Rtl);
        assert_eq!(default_direction("ar-EG"), Direction::Rtl);
        assert_eq!(default_direction("pa-Arab"), Direction::Rtl);
        assert_eq!(default_direction("ku-Latn"), Direction::Ltr);
        assert_eq!(default_direction("pl"), Direction::Ltr);
        assert_eq!(default_direction("cy"), Direction::Ltr);
    }

    #[test]
    fn validates_tags() {
        for good in ["en", "en-GB", "pa-Arab", "sr-Latn-RS", "ckb"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "e",
            "english",
            "en_GB",
            "en-",
            "-en",
            "../x",
            "ur\u{0}",
            "en-toolongsubtag",
            "u r",
        ] {
            assert!(!is_language_tag(bad), "{bad:?}");
        }
    }

    #[test]
    fn knows_the_codes_of_common_language_names() {
        assert_eq!(code_for_name("Welsh"), Some("cy"));
        assert_eq!(code_for_name(" polish "), Some("pl"));
        assert_eq!(code_for_name("URDU"), Some("ur"));
        assert_eq!(code_for_name("klingon"), None);
        assert!(NAMES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(NAMES.iter().all(|(_, code)| is_language_tag(code)));
    }

    #[test]
    fn splits_translation_file_names() {
        let codes = vec!["ur".to_owned(), "pl".to_owned()];
        assert_eq!(
            split_file_name("report-a-concern.ur.md", &codes),
            Some(("report-a-concern.md".to_owned(), "ur"))
        );
        assert_eq!(
            split_file_name("index.PL.md", &codes),
            Some(("index.md".to_owned(), "pl"))
        );
        assert_eq!(split_file_name("report.md", &codes), None);
        assert_eq!(split_file_name(".ur.md", &codes), None);
        assert_eq!(split_file_name("v1.2.md", &codes), None);
        assert_eq!(unlisted_code("leaflet.ro.md", &codes), Some("ro"));
        assert_eq!(unlisted_code("leaflet.ur.md", &codes), None);
        assert_eq!(unlisted_code("report.final.md", &codes), None);
    }

    #[test]
    fn tells_a_stray_translation_on_a_site_of_one_language() {
        assert_eq!(stray_code("report-a-concern.cy.md", "en-GB"), Some("cy"));
        assert_eq!(stray_code("_index.pl.md", "en-GB"), Some("pl"));
        assert_eq!(stray_code("leaflet.pt-BR.md", "en"), Some("pt-BR"));
        assert_eq!(stray_code("taflen.en.md", "cy"), Some("en"));
        for name in [
            "version.2.md",
            "covid-19.md",
            "report.en.md",
            "notes.ok.md",
            "index.old.md",
            "plan.final.md",
            ".cy.md",
            "cy.md",
            "report-cy.md",
        ] {
            assert_eq!(stray_code(name, "en-GB"), None, "{name}");
        }
        assert_eq!(known_language("cy-GB"), Some(("Welsh", "Cymraeg")));
        assert_eq!(known_language("cymraeg"), None);
    }

    #[test]
    fn rejects_hostile_language_entries() {
        let raw = |code: &str, name: &str| RawLanguage {
            code: code.to_owned(),
            name: name.to_owned(),
            direction: None,
        };
        let mut problems = Vec::new();
        let at = |_: &str| (1, 1);
        let out = check(
            Some(vec![
                raw("en-GB", "English"),
                raw("../ur", "x"),
                raw("ur", "اردو"),
                raw("UR", "again"),
                raw("pl", "\u{7}"),
                raw("", "empty"),
            ]),
            "en-GB",
            std::path::Path::new("site.yaml"),
            &at,
            &mut problems,
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].dir, Direction::Rtl);
        assert_eq!(problems.len(), 4);
    }
}
