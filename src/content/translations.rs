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
        return Err(vec![Diagnostic::error(crate::rules::TRANSLATION, file, format!("this file name says it is in `{code}`, which is not in `languages:` in site.yaml"))
            .help(format!("add `- {{ code: {code}, name: {} }}` under `languages:` in site.yaml, or rename the file without `.{code}`", own_name(code)))]);
    }
    Ok(None)
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
