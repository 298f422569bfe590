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
