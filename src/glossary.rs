//! The glossary: `data/glossary.yaml`, a map from abbreviation to its meaning.
//!
//! Read once per build, before Markdown, which marks the first use of each
//! abbreviation on a page with `<abbr>`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Diagnostic;

/// The glossary file, relative to the site root.
pub const GLOSSARY_FILE: &str = "data/glossary.yaml";

/// Reads the glossary; an empty map when the file does not exist.
pub fn load(root: &Path) -> Result<BTreeMap<String, String>, Box<Diagnostic>> {
    load_file(root, GLOSSARY_FILE)
}

/// Reads the glossary of pages in language `code`, `data/glossary.<code>.yaml`
/// (abbreviations are per language: a translation is not checked against the
/// English glossary); an empty map when the file does not exist.
pub fn load_language(root: &Path, code: &str) -> Result<BTreeMap<String, String>, Box<Diagnostic>> {
    load_file(
        root,
        &format!("data/glossary.{}.yaml", code.to_ascii_lowercase()),
    )
}

fn load_file(root: &Path, file: &str) -> Result<BTreeMap<String, String>, Box<Diagnostic>> {
    let shown = file;
    let path = root.join(shown);
    let data = root.join("data");
    let data = data.canonicalize().unwrap_or(data);
    if path.exists() && !crate::paths::leads_within(&data, &path) {
        return Err(Box::new(crate::paths::outside_link(&path, root)));
    }
    let text = match crate::paths::read_file(&path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            Box::new(
                Diagnostic::error(
                    crate::rules::GLOSSARY,
                    shown,
                    "the glossary is not UTF-8 text",
                )
                .help("save it as UTF-8 in your editor"),
            )
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => {
            return Err(Box::new(
                Diagnostic::error(
                    crate::rules::GLOSSARY,
                    shown,
                    format!("could not be read: {e}"),
                )
                .help("check you have permission to read it"),
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if let Some(d) = crate::text::check_text(text, Path::new(shown)) {
        return Err(Box::new(d));
    }
    let map: BTreeMap<String, String> =
        crate::yaml::parse(text, Path::new(shown), 1, crate::rules::GLOSSARY).map_err(
            |mut d| {
                // A misread map gets the glossary's own advice; limits (whose messages
                // start "this YAML ") keep theirs.
                if d.message.starts_with("this YAML ") {
                    return d;
                }
                d.help = Some(
                    "write one abbreviation a line, like `MASH: Multi-Agency Safeguarding Hub`"
                        .to_owned(),
                );
                d
            },
        )?;
    // An entry with nothing on one side would mark the word with an empty
    // explanation, or explain nothing, and silence the check that asks for one.
    if let Some((key, _)) = map
        .iter()
        .find(|(k, v)| k.trim().is_empty() || v.trim().is_empty())
    {
        let (line, col) = crate::yaml::find_key(text, key.trim()).unwrap_or((1, 1));
        let (message, help) = if key.trim().is_empty() {
            (
                "an entry has no abbreviation before its `:`".to_owned(),
                "write the abbreviation first, like `MASH: Multi-Agency Safeguarding Hub`, or remove the line".to_owned(),
            )
        } else {
            (
                format!("`{}` has no meaning written after it", key.trim()),
                format!(
                    "write what it stands for after the colon, like `{}: Multi-Agency Safeguarding Hub`, or remove the line",
                    key.trim()
                ),
            )
        };
        return Err(Box::new(
            Diagnostic::error(crate::rules::GLOSSARY, shown, message)
                .at(line, col)
                .help(help),
        ));
    }
    Ok(map
        .into_iter()
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect())
}

/// The glossary page's output path.
pub(crate) const GLOSSARY_PAGE: &str = "glossary/index.html";

/// The view of the `/glossary/` page: every entry, A to Z, in `page.extra.entries`
/// (each with `abbreviation`, `meaning` and an `id` to link to).
pub(crate) fn page_view(
    glossary: &BTreeMap<String, String>,
    site: &crate::render::views::SiteView,
    strings: &crate::strings::Strings,
) -> crate::render::views::PageView {
    let word = |key| strings.get(&site.language, key);
    use crate::render::views::{LinkView, PageView};
    let mut entries: Vec<(&String, &String)> = glossary.iter().collect();
    entries.sort_by_key(|(abbr, _)| abbr.to_lowercase());
    let entries: Vec<yaml_serde::Value> = entries
        .into_iter()
        .map(|(abbr, meaning)| {
            let mut map = yaml_serde::Mapping::new();
            map.insert("abbreviation".into(), abbr.as_str().into());
            map.insert("meaning".into(), meaning.as_str().into());
            map.insert("id".into(), crate::text::url_slug(abbr).into());
            yaml_serde::Value::Mapping(map)
        })
        .collect();
    PageView {
        kind: "glossary",
        title: word("glossary").to_owned(),
        head_title: format!("{} – {}", word("glossary"), site.title),
        description: Some(word("glossary_description").to_owned()),
        url: format!("{}glossary/", site.base_path),
        permalink: format!("{}glossary/", site.base_url),
        breadcrumbs: vec![LinkView {
            title: word("home").to_owned(),
            url: site.base_path.clone(),
            current: false,
        }],
        extra: [("entries".to_owned(), yaml_serde::Value::Sequence(entries))].into(),
        ..PageView::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<BTreeMap<String, String>, Box<Diagnostic>> {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("data")).expect("data");
        std::fs::write(dir.path().join(GLOSSARY_FILE), text).expect("write");
        load(dir.path())
    }

    #[test]
    fn an_entry_with_no_meaning_is_an_error_at_its_line() {
        for text in [
            "LADO: Local authority designated officer\nMASH:\n",
            "LADO: x\nMASH: \"  \"\n",
        ] {
            let e = load_text(text).unwrap_err();
            assert_eq!(
                e.message, "`MASH` has no meaning written after it",
                "{text}"
            );
            assert_eq!(e.line, Some(2), "{text}");
        }
        let e = load_text("'': Something\n").unwrap_err();
        assert!(e.message.contains("no abbreviation"), "{}", e.message);
    }

    #[test]
    fn entries_in_any_language_are_read_trimmed() {
        let map = load_text("MASH: Multi-Agency Safeguarding Hub \nNSPCC: Narodowe towarzystwo\n")
            .expect("valid");
        assert_eq!(map["MASH"], "Multi-Agency Safeguarding Hub");
        assert_eq!(map.len(), 2);
    }
}
