//! The glossary: `data/glossary.yaml`, a map from abbreviation to its meaning.
//!
//! Read once per build, before Markdown, which marks the first use of each
//! abbreviation on a page with `<abbr>`. An entry that marking can never find,
//! because pages show it another way (`CSE's` is `CSE’s` on a page), is a
//! warning at its line with the entry as pages show it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Diagnostic;

/// The glossary file, relative to the site root.
pub const GLOSSARY_FILE: &str = "data/glossary.yaml";

/// Reads the glossary; an empty map when the file does not exist. Entries no
/// page can match are warned of in `warnings`.
pub fn load(
    root: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<BTreeMap<String, String>, Box<Diagnostic>> {
    load_file(root, GLOSSARY_FILE, warnings)
}

/// Reads the glossary of pages in language `code`, `data/glossary.<code>.yaml`
/// (abbreviations are per language: a translation is not checked against the
/// English glossary); an empty map when the file does not exist. Entries no
/// page can match are warned of in `warnings`.
pub fn load_language(
    root: &Path,
    code: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<BTreeMap<String, String>, Box<Diagnostic>> {
    load_file(
        root,
        &format!("data/glossary.{}.yaml", code.to_ascii_lowercase()),
        warnings,
    )
}

fn load_file(
    root: &Path,
    file: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<BTreeMap<String, String>, Box<Diagnostic>> {
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
    // Read into a map, an abbreviation written twice keeps one meaning
    // without a word: read as YAML's own values first, it is an error.
    if let Err(twice) =
        crate::yaml::parse::<yaml_serde::Value>(text, Path::new(shown), 1, crate::rules::GLOSSARY)
        && twice.message.ends_with("is set twice")
    {
        return Err(twice);
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
        let (line, col) = key_at(text, key.trim());
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
    for (key, meaning) in &map {
        let (key, meaning) = (key.trim(), meaning.trim());
        for (message, help) in [never_found(key), tagged(key, meaning)]
            .into_iter()
            .flatten()
        {
            let (line, col) = key_at(text, key);
            warnings.push(
                Diagnostic::warning(crate::rules::GLOSSARY, shown, message)
                    .at(line, col)
                    .help(help),
            );
        }
    }
    Ok(map
        .into_iter()
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect())
}

/// The warning (message and help) for `key` when pages never show it as it
/// is written, so `<abbr>` marking never finds it (`CSE's`, which pages show
/// as `CSE’s`).
fn never_found(key: &str) -> Option<(String, String)> {
    let shown = crate::markdown::as_page_text(key)?;
    if shown == key {
        return None;
    }
    // What pages do to it, in the order an author would look for it.
    let changes: Vec<&str> = [
        (
            key.contains(['\'', '"']),
            "straight quotation marks and apostrophes as curly ones",
        ),
        (key.contains("--"), "two or three hyphens as a dash"),
        (key.contains("..."), "three dots as one character (…)"),
        (
            key.contains('&'),
            "`&amp;` and the like as the character they stand for",
        ),
        (key.contains(['\n', '\r']), "a line break as a space"),
    ]
    .into_iter()
    .filter_map(|(found, change)| found.then_some(change))
    .collect();
    let why = match changes.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("pages show {} and {last}", rest.join(", "))
        }
        Some((last, _)) => format!("pages show {last}"),
        None => "pages show it another way".to_owned(),
    };
    Some((
        format!(
            "`{}` is never found on a page, so it is never explained: {why}, so they show it as `{shown}`",
            key.replace(['\n', '\r'], " ")
        ),
        format!("write it as it appears in your pages: `{shown}`"),
    ))
}

/// The warning (message and help) for `key` when its `meaning` holds HTML
/// tags (`Local <b>Safeguarding</b> …`): a meaning is plain text, in the
/// tooltip of `<abbr>` and on the glossary page, so its tags are shown as they
/// are written, not as formatting.
fn tagged(key: &str, meaning: &str) -> Option<(String, String)> {
    let tag = &meaning[first_tag(meaning)?];
    let mut plain = String::new();
    let mut rest = meaning;
    while let Some(range) = first_tag(rest) {
        plain.push_str(&rest[..range.start]);
        rest = &rest[range.end..];
    }
    plain.push_str(rest);
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    Some((
        format!(
            "the tags in what `{key}` stands for are not shown as formatting (`{tag}` here): a meaning is plain text, so readers see the tags as written"
        ),
        format!("write the meaning without tags: `{key}: {plain}`"),
    ))
}

/// Where the first HTML tag in `text` is (`<b>`, `</em>`, `<a href="…">`), if any.
fn first_tag(text: &str) -> Option<std::ops::Range<usize>> {
    let mut from = 0;
    while let Some(i) = text[from..].find('<').map(|i| i + from) {
        let after = &text[i + 1..];
        let name = after.strip_prefix('/').unwrap_or(after);
        if name.starts_with(|c: char| c.is_ascii_alphabetic())
            && let Some(end) = after.find('>')
            && !after[..end].contains('<')
        {
            return Some(i..i + end + 2);
        }
        from = i + 1;
    }
    None
}

/// Where the entry `key` starts in the glossary `text`: written plainly, in
/// double or in single quotation marks; the top of the file if not found.
fn key_at(text: &str, key: &str) -> (usize, usize) {
    let first = key.lines().next().unwrap_or(key);
    let forms = [
        key.to_owned(),
        format!("\"{}\"", crate::yaml::escape_in_double_quotes(key)),
        format!("'{}'", key.replace('\'', "''")),
        // A key over more than one line: its first line, in quotation marks.
        format!("\"{first}"),
        format!("'{first}"),
    ];
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let trimmed = line.trim_start();
            let col = line.len() - trimmed.len() + 1;
            forms.iter().enumerate().find_map(|(n, form)| {
                let rest = trimmed.strip_prefix(form.as_str())?;
                // The first line of a longer key is followed by no colon.
                let whole = n < 3 && rest.trim_start().starts_with(':');
                (whole || (n >= 3 && key.contains('\n'))).then_some((i + 1, col))
            })
        })
        .unwrap_or((1, 1))
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
        let mut warnings = Vec::new();
        let map = load_warned(text, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        map
    }

    fn load_warned(
        text: &str,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<BTreeMap<String, String>, Box<Diagnostic>> {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("data")).expect("data");
        std::fs::write(dir.path().join(GLOSSARY_FILE), text).expect("write");
        load(dir.path(), warnings)
    }

    /// Loads `text`, which must hold `entries` entries and give one warning, of
    /// rule `glossary`, at the start of line 2: that warning's message and help.
    fn one_warning_on_line_2(text: &str, entries: usize) -> (String, String) {
        let mut warnings = Vec::new();
        let map = load_warned(text, &mut warnings).expect("valid");
        assert_eq!(map.len(), entries, "the entry is kept");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = warnings.remove(0);
        assert!(!w.is_error());
        assert_eq!(w.rule, crate::rules::GLOSSARY);
        assert_eq!((w.line, w.col), (Some(2), Some(1)));
        assert_eq!(w.file, Path::new(GLOSSARY_FILE));
        (w.message, w.help.unwrap_or_default())
    }

    #[test]
    fn an_entry_pages_show_another_way_is_warned_of_at_its_line() {
        let (message, help) = one_warning_on_line_2(
            "MASH: Multi-Agency Safeguarding Hub\nCSE's: Child sexual exploitation\n",
            2,
        );
        assert_eq!(
            message,
            "`CSE's` is never found on a page, so it is never explained: pages show straight quotation marks and apostrophes as curly ones, so they show it as `CSE’s`"
        );
        assert_eq!(help, "write it as it appears in your pages: `CSE’s`");
    }

    #[test]
    fn an_abbreviation_written_twice_is_an_error_at_the_second() {
        let Err(d) = load_text(
            "MASH: Multi-Agency Safeguarding Hub\nDSL: Designated safeguarding lead\nDSL: Designated senior lead\n",
        ) else {
            panic!("a second DSL was taken");
        };
        assert_eq!(d.message, "`DSL` is set twice");
        assert_eq!(d.line, Some(3));
        assert!(load_text("DSL: Designated safeguarding lead\ndsl: lower case\n").is_ok());
    }

    #[test]
    fn a_meaning_with_tags_is_warned_of_at_its_line_with_the_plain_meaning() {
        // `3 < 4 and 5 > 2` holds no tag.
        let (message, help) = one_warning_on_line_2(
            "MASH: Multi-Agency Safeguarding Hub\nLSCP: Local <b>Safeguarding</b> Children Partnership\nLT: 3 < 4 and 5 > 2\n",
            3,
        );
        assert_eq!(
            message,
            "the tags in what `LSCP` stands for are not shown as formatting (`<b>` here): a meaning is plain text, so readers see the tags as written"
        );
        assert_eq!(
            help,
            "write the meaning without tags: `LSCP: Local Safeguarding Children Partnership`"
        );
    }

    #[test]
    fn entries_in_quotation_marks_or_over_two_lines_are_found_at_their_line() {
        for (text, line, shown) in [
            ("LA: x\n'\"Think Family\"': y\n", 2, "“Think Family”"),
            ("LA: x\n\n\"A--B...\": y\n", 3, "A–B…"),
            ("LA: x\nA&amp;E: y\n", 2, "A&E"),
            ("LA: x\n\"Child\\nProtection\": y\n", 2, "Child Protection"),
        ] {
            let mut warnings = Vec::new();
            load_warned(text, &mut warnings).expect("valid");
            assert_eq!(warnings.len(), 1, "{text}: {warnings:?}");
            assert_eq!(warnings[0].line, Some(line), "{text}");
            let help = warnings[0].help.as_deref().unwrap_or("");
            assert!(help.ends_with(&format!("`{shown}`")), "{text}: {help}");
        }
    }

    #[test]
    fn entries_pages_can_show_as_written_are_not_warned_of() {
        let map = load_text(
            "mash: a mix\nChild Protection: x\nA&E: Accident and emergency\nCSE’s: y\ne.g.: for example\n\"*Bold*\": z\n",
        )
        .expect("valid");
        assert_eq!(map.len(), 6);
    }

    #[test]
    fn an_entry_with_dots_and_no_meaning_is_an_error_at_its_line() {
        let e = load_text("LA: x\ne.g.:\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{}", e.message);
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
