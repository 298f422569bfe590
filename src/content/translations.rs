//! Which files are translations: `report-a-concern.ur.md` beside
//! `report-a-concern.md`, in a language `site.yaml` lists.
//!
//! Part of content loading. It looks only at a file's path; a translation kept in
//! a language folder (`ur/report-a-concern.md`), the scheme plainsite does not use,
//! is an error that says where the file should go. So is a file named as a
//! translation (`report-a-concern.cy.md`) on a site that lists no languages. It
//! reads no files.

use std::path::{Component, Path};

use crate::error::Diagnostic;
use crate::paths::rel_key;

/// For a translation (`dir/page.ur.md`), the key of its source page and its
/// language. A translation in a language folder (`ur/page.md`) or into a language
/// `site.yaml` does not list is an error that says what to do instead. `codes`
/// are the languages besides `main`, the site's main language.
pub(super) fn translation_of(
    rel: &Path,
    file: &Path,
    codes: &[String],
    main: &str,
) -> Result<Option<(String, String)>, Vec<Diagnostic>> {
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if codes.is_empty() {
        // A site of one language publishes `page.cy.md` as a page of its own,
        // at `/page-cy/`, and marks it as being in the main language: what
        // a screen reader then reads out is not what the author meant.
        return match crate::languages::stray_code(&name, main) {
            Some(code) => Err(vec![stray_translation(file, &name, code, main)]),
            None => Ok(None),
        };
    }
    if let Some(Component::Normal(first)) = rel.components().next()
        && rel.components().count() > 1
        && let Some(code) = codes
            .iter()
            .find(|c| first.eq_ignore_ascii_case(c.as_str()))
    {
        return Err(vec![Diagnostic::error(crate::rules::TRANSLATION, file, format!("translations do not go in a language folder (`{code}/`)"))
            .help(format!("put the translation beside the page it translates, with the language before `.md`: `report-a-concern.{code}.md`"))]);
    }
    if let Some((base, code)) = crate::languages::split_file_name(&name, codes) {
        let parent = rel_key(rel.parent().unwrap_or(Path::new("")));
        let key = if parent.is_empty() {
            base
        } else {
            format!("{parent}/{base}")
        };
        return Ok(Some((key, code.to_owned())));
    }
    if let Some(code) = crate::languages::region_code(&name) {
        let primary = code.split('-').next().unwrap_or(code);
        let main_primary = main.split('-').next().unwrap_or(main);
        let stem = name.strip_suffix(".md").unwrap_or(&name);
        let base = stem.rsplit_once('.').map_or(stem, |(base, _)| base);
        if let Some(listed) = codes.iter().find(|c| c.eq_ignore_ascii_case(primary)) {
            return Err(vec![Diagnostic::error(crate::rules::TRANSLATION, file, format!("this file name says it is in `{code}`, but site.yaml lists the language as `{listed}`, so it would be published as a page of its own"))
                .help(format!("name the file `{base}.{listed}.md`"))]);
        }
        if !primary.eq_ignore_ascii_case(main_primary) {
            return Err(vec![Diagnostic::error(crate::rules::TRANSLATION, file, format!("this file name says it is in `{code}`, which is not in `languages:` in site.yaml"))
                .help(format!("add `- {{ code: {code}, name: {} }}` under `languages:` in site.yaml, or rename the file without `.{code}`", own_name(primary)))]);
        }
    }
    if let Some(code) = crate::languages::unlisted_code(&name, codes) {
        if let Some(help) = near_miss(&name, code, codes, main) {
            return Err(vec![Diagnostic::error(crate::rules::TRANSLATION, file, format!("this file name says it is in `{code}`, which is not in `languages:` in site.yaml"))
                .help(help)]);
        }
        return Err(vec![Diagnostic::error(crate::rules::TRANSLATION, file, format!("this file name says it is in `{code}`, which is not in `languages:` in site.yaml"))
            .help(format!("add `- {{ code: {code}, name: {} }}` under `languages:` in site.yaml, or rename the file without `.{code}`", own_name(code)))]);
    }
    Ok(None)
}

/// Three-letter codes (ISO 639-2) and the two-letter ones a site lists for
/// the same language, where the first two letters differ.
const THREE_LETTER: &[(&str, &str)] = &[
    ("wel", "cy"),
    ("pol", "pl"),
    ("ben", "bn"),
    ("pan", "pa"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rum", "ro"),
    ("fre", "fr"),
    ("ger", "de"),
    ("deu", "de"),
    ("spa", "es"),
    ("chi", "zh"),
    ("zho", "zh"),
    ("gle", "ga"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("slo", "sk"),
    ("slk", "sk"),
    ("cze", "cs"),
    ("ces", "cs"),
    ("alb", "sq"),
    ("sqi", "sq"),
    ("per", "fa"),
    ("fas", "fa"),
    ("tir", "ti"),
];

/// True when `code` (from a file name) is most likely `listed` written
/// another way: `cym` for `cy` (the same first two letters), `pol` for `pl`.
fn means(code: &str, listed: &str) -> bool {
    let code = code.to_ascii_lowercase();
    let listed = listed
        .split('-')
        .next()
        .unwrap_or(listed)
        .to_ascii_lowercase();
    (code.len() == 3 && listed.len() == 2 && code.starts_with(&listed))
        || THREE_LETTER.contains(&(code.as_str(), listed.as_str()))
}

/// The help for `name`, whose `code` is not listed, when a listed code (or
/// the main language's) is most likely what was meant.
fn near_miss(name: &str, code: &str, codes: &[String], main: &str) -> Option<String> {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let base = stem.rsplit_once('.').map_or(stem, |(base, _)| base);
    let english = |c: &str| crate::languages::known_language(c).map(|(english, _)| english);
    if let Some(listed) = codes.iter().find(|c| means(code, c)) {
        let named = english(listed).map_or_else(String::new, |e| format!(" is {e}"));
        return Some(format!(
            "did you mean `{base}.{listed}.md`? `{listed}`{named} in your `languages:`"
        ));
    }
    means(code, main).then(|| {
        let named = english(main).map_or_else(|| format!("`{main}`"), |e| format!("{e} (`{main}`)"));
        format!(
            "did you mean `{base}.md`? {named} is the site's main language, and a page in it has no language code in its name"
        )
    })
}

/// The error for `name`, a file named as a translation into `code` on a site
/// whose only language is `main`.
fn stray_translation(file: &Path, name: &str, code: &str, main: &str) -> Diagnostic {
    let english = crate::languages::known_language(code).map_or(code, |(english, _)| english);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let base = stem.rsplit_once('.').map_or(stem, |(base, _)| base);
    Diagnostic::error(
        crate::rules::TRANSLATION,
        file,
        format!(
            "the `.{code}` in this file name marks a {english} translation, but site.yaml lists no languages, so it would be published as a page of its own, marked as being in `{main}`"
        ),
    )
    .help(format!(
        "to publish it as the {english} version of `{base}.md`, add these lines to site.yaml:\n\n    languages:\n      - {{ code: {main}, name: {} }}\n      - {{ code: {code}, name: {} }}\n\nor, if it is not a translation, rename the file without `.{code}` (like `{base}-{code}.md`)",
        own_name(main),
        own_name(code),
    ))
}

/// A language's name in itself, for a line of `languages:` to copy; `…` where
/// plainsite does not know it.
fn own_name(code: &str) -> &str {
    crate::languages::known_language(code).map_or("…", |(_, own)| own)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(name: &str) -> Option<String> {
        let codes = ["cy".to_owned(), "pl".to_owned(), "ur".to_owned()];
        match translation_of(Path::new(name), Path::new(name), &codes, "en-GB") {
            Err(found) => found.into_iter().next().and_then(|d| d.help),
            Ok(_) => None,
        }
    }

    #[test]
    fn a_code_near_a_listed_one_is_asked_about() {
        assert_eq!(
            help("contact.cym.md").as_deref(),
            Some("did you mean `contact.cy.md`? `cy` is Welsh in your `languages:`")
        );
        for (name, meant) in [
            ("a.pol.md", "a.pl.md"),
            ("a.urd.md", "a.ur.md"),
            ("a.wel.md", "a.cy.md"),
        ] {
            assert!(
                help(name).is_some_and(|h| h.starts_with(&format!("did you mean `{meant}`?"))),
                "{name}"
            );
        }
        assert_eq!(
            help("contact.eng.md").as_deref(),
            Some(
                "did you mean `contact.md`? English (`en-GB`) is the site's main language, and a page in it has no language code in its name"
            )
        );
    }

    #[test]
    fn a_code_near_none_is_offered_a_new_language() {
        let ro = help("contact.ro.md").unwrap_or_default();
        assert!(ro.starts_with("add `- { code: ro, name: Română }`"), "{ro}");
        let ara = help("contact.ara.md").unwrap_or_default();
        assert!(ara.starts_with("add `- { code: ara"), "{ara}");
        assert_eq!(help("contact.cy.md"), None);
    }
}
