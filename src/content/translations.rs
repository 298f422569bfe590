//! Which files are translations: `report-a-concern.ur.md` beside
//! `report-a-concern.md`, in a language `site.yaml` lists.
//!
//! Part of content loading. It looks only at a file's path; a translation kept in
//! a language folder (`ur/report-a-concern.md`), the scheme plainsite does not use,
//! is an error that says where the file should go. It reads no files.

use std::path::{Component, Path};

use crate::error::Diagnostic;
use crate::paths::rel_key;

/// For a translation (`dir/page.ur.md`), the key of its source page and its
/// language. A translation in a language folder (`ur/page.md`) or into a language
/// `site.yaml` does not list is an error that says what to do instead.
pub(super) fn translation_of(
    rel: &Path,
    file: &Path,
    codes: &[String],
) -> Result<Option<(String, String)>, Vec<Diagnostic>> {
    if codes.is_empty() {
        return Ok(None);
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
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some((base, code)) = crate::languages::split_file_name(&name, codes) {
        let parent = rel_key(rel.parent().unwrap_or(Path::new("")));
        let key = if parent.is_empty() {
            base
        } else {
            format!("{parent}/{base}")
        };
        return Ok(Some((key, code.to_owned())));
    }
    if let Some(code) = crate::languages::unlisted_code(&name, codes) {
        return Err(vec![Diagnostic::error(crate::rules::TRANSLATION, file, format!("this file name says it is in `{code}`, which is not in `languages:` in site.yaml"))
            .help(format!("add `{{ code: {code}, name: … }}` under `languages:` in site.yaml, or rename the file without `.{code}`"))]);
    }
    Ok(None)
}
