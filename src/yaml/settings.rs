//! `site.yaml` read setting by setting, so every problem is reported at once.
//!
//! Reading the file straight into `RawConfig` stops at the first problem, and an
//! author fixing a new site would then meet them one build at a time. Here the
//! file is read as plain YAML first (a syntax error still stops it: nothing after
//! it can be trusted), then each top-level setting is checked on its own against
//! its type, and every problem names the setting's line and shows the shape the
//! setting should have. Only when all are right is the whole file read as `T`.
//! The list of allowed settings comes from `T` itself, so settings added to
//! `RawConfig` are allowed here without a change; the shapes (from `config`)
//! are help text. It imports nothing from `config`.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::Diagnostic;

/// Checks one setting's value against its type; the error in plain words.
pub(crate) type Check = fn(&yaml_serde::Value) -> Result<(), String>;

/// A setting, how to check it, and an example of its shape.
pub(crate) type Shape = (&'static str, Check, &'static str);

/// Checks a value against type `T`, as the whole file will be read: from its
/// text, where a plain `2020` or `123456` may be text as well as a number.
/// An empty value stays empty: read as text it would be `~`.
pub(crate) fn is<T: DeserializeOwned>(v: &yaml_serde::Value) -> Result<(), String> {
    let read = if v.is_null() {
        yaml_serde::from_value::<T>(v.clone())
    } else {
        yaml_serde::to_string(v).and_then(|text| yaml_serde::from_str::<T>(&text))
    };
    read.map(|_| ())
        .map_err(|e| super::plain(super::strip_location(&e.to_string())))
}

/// Reads `site.yaml`'s `text` into `T`, or every problem with it.
/// `shapes` are the settings plainsite knows the type of, with an example of
/// each; `required` the settings a site cannot do without.
pub(crate) fn parse_settings<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    shapes: &[Shape],
    required: &[&str],
) -> Result<T, Vec<Diagnostic>> {
    let source = if text.trim().is_empty() { "{}" } else { text };
    super::limits::check(source, file, 1, crate::rules::CONFIG).map_err(|d| vec![*d])?;
    // Values a `#` emptied or cut open; the ones it only shortened are warnings,
    // given with the build's other findings about site.yaml.
    let mut cut = Vec::new();
    super::comments::findings(text, file, 1, crate::rules::CONFIG, &mut cut);
    cut.retain(Diagnostic::is_error);
    let value: yaml_serde::Value = match yaml_serde::from_str(source) {
        Ok(v) => v,
        // A group a `#` cut open is the reason the file cannot be read.
        Err(_) if !cut.is_empty() => return Err(cut),
        Err(_) => return super::parse(text, file, 1, crate::rules::CONFIG).map_err(|d| vec![*d]),
    };
    let Some(map) = value.as_mapping() else {
        return Err(vec![
            Diagnostic::error(
                crate::rules::CONFIG,
                file,
                "site.yaml must be a list of `setting: value` lines",
            )
            .at(1, 1)
            .help("start with `title: Your partnership's name` on the first line"),
        ]);
    };
    let allowed = allowed_keys::<T>();
    let mut problems = Vec::new();
    let mut suggested = Vec::new();
    // The group setting above, with the names that lost their indent under it.
    let mut above: Option<(&str, yaml_serde::Mapping)> = None;
    for (key, v) in map {
        let Some(key) = key.as_str() else {
            problems.push(
                Diagnostic::error(
                    crate::rules::CONFIG,
                    file,
                    "a setting's name must be words, like `title`",
                )
                .at(1, 1),
            );
            continue;
        };
        let (line, col) = top_key(text, key);
        if !allowed.is_empty() && !allowed.iter().any(|a| a == key) {
            let best = super::suggest(key, &allowed);
            suggested.extend(best.map(str::to_owned));
            let parent = belongs_under(&mut above, key, v, shapes);
            if parent.is_none() {
                above = None;
            }
            let help = match (parent, best) {
                (Some(parent), _) => format!(
                    "`{key}` belongs under `{parent}`, just above it: start the line with two spaces, like\n{parent}:\n  {key}: …"
                ),
                (None, Some(best)) => format!(
                    "did you mean `{best}`? Settings allowed here: {}",
                    allowed.join(", ")
                ),
                (None, None) => format!(
                    "remove it, or move it under `extra:`. Settings allowed here: {}",
                    allowed.join(", ")
                ),
            };
            let (message, help) = match super::help::OddSpace::find(key) {
                Some(odd) => {
                    suggested.push(odd.plain.clone());
                    let message = odd.message(&format!("unknown setting `{}`", odd.plain));
                    (message, odd.help(&allowed))
                }
                None => (format!("unknown setting `{key}`"), help),
            };
            problems.push(
                Diagnostic::error(crate::rules::CONFIG, file, message)
                    .at(line, col)
                    .help(help),
            );
            continue;
        }
        above = match v {
            yaml_serde::Value::Mapping(m) => Some((key, m.clone())),
            yaml_serde::Value::Null => Some((key, yaml_serde::Mapping::new())),
            _ => None,
        };
        let Some((_, check, shape)) = shapes.iter().find(|(k, _, _)| *k == key) else {
            continue;
        };
        if let Err(why) = check(v) {
            let message = if v.is_null() {
                format!("`{key}` has no value")
            } else {
                format!("`{key}` is not written as plainsite expects: {why}")
            };
            let mut help = format!("write it like `{shape}`");
            let (mut line, mut col) = (line, col);
            // A misspelt name inside the setting (`nmae:` in a menu item) is
            // shown on its own line, with the name it is nearest to.
            let mut message = message;
            if let Some(field) = super::unknown_field(&why) {
                message = format!("unknown key `{field}` in `{key}`");
                if let Some((l, c)) = inner_key(text, line, field) {
                    (line, col) = (l, c);
                }
                let expected = super::expected_fields(&why);
                if let Some(odd) = super::help::OddSpace::find(field) {
                    message = odd.message(&format!("unknown key `{}` in `{key}`", odd.plain));
                    help = odd.help(&expected);
                } else if let Some(best) = super::suggest(field, &expected) {
                    help = format!("did you mean `{best}`? {help}");
                }
            }
            problems.push(
                Diagnostic::error(crate::rules::CONFIG, file, message)
                    .at(line, col)
                    .help(help),
            );
        }
    }
    for key in required {
        // `titel:` is reported as a misspelt `title`, not as a missing one as well.
        if !map.contains_key(*key) && !suggested.iter().any(|s| s == key) {
            let shape = shapes
                .iter()
                .find(|(k, _, _)| k == key)
                .map_or("", |(_, _, s)| s);
            problems.push(
                Diagnostic::error(crate::rules::CONFIG, file, format!("`{key}` is missing"))
                    .at(1, 1)
                    .help(format!("add a line `{shape}`")),
            );
        }
    }
    if !cut.is_empty() {
        // The same value, found empty in other words on the same line, is said once.
        problems.retain(|d| !cut.iter().any(|c| c.line == d.line));
        cut.append(&mut problems);
        return Err(cut);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    super::parse(text, file, 1, crate::rules::CONFIG).map_err(|d| vec![*d])
}

/// The settings `T` accepts, as serde names them when it meets one it does not.
/// The group setting `above` an unknown top-level `key` (with value `v`) when
/// the key is one of its own that lost its indent: `note:` at the start of the
/// line under `report_concern:`. The group must take `key` as one of its names;
/// a key it takes is added to it, so the next one is judged with it.
fn belongs_under<'a>(
    above: &mut Option<(&'a str, yaml_serde::Mapping)>,
    key: &str,
    v: &yaml_serde::Value,
    shapes: &[Shape],
) -> Option<&'a str> {
    let (parent, group) = above.as_mut()?;
    let (_, check, _) = shapes.iter().find(|(k, _, _)| k == parent)?;
    let unknown =
        |group: &yaml_serde::Mapping| match check(&yaml_serde::Value::Mapping(group.clone())) {
            Ok(()) => None,
            Err(why) => super::unknown_field(&why).map(str::to_owned),
        };
    // A group that takes any name (`extra:`) says nothing about this one.
    let mut any = group.clone();
    any.insert("no such setting".into(), yaml_serde::Value::Null);
    unknown(&any)?;
    // A name the group does not take is reported as unknown; any other problem
    // (a name still missing) is not about this one.
    let before = unknown(group);
    let mut with = group.clone();
    with.insert(key.into(), v.clone());
    let after = unknown(&with);
    if after.as_deref() == Some(key) || after != before {
        return None;
    }
    *group = with;
    Some(*parent)
}

fn allowed_keys<T: DeserializeOwned>() -> Vec<String> {
    match yaml_serde::from_str::<T>("\"\\u0001\": 0\n") {
        Err(e) => super::expected_fields(&e.to_string()),
        Ok(_) => Vec::new(),
    }
}

/// Line and column of `key:` inside the setting that starts on `line`, where it
/// follows the start of a line, `{`, `,` or `- `.
fn inner_key(text: &str, line: usize, key: &str) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .take_while(|(i, l)| *i + 1 == line || l.is_empty() || l.starts_with([' ', '\t', '-', '#']))
        .find_map(|(i, l)| {
            // On the setting's own line, only inside its `{ … }`.
            let after = if i + 1 == line { l.find(':')? + 1 } else { 0 };
            let at = l.match_indices(key).find(|(at, _)| {
                let before = l[..*at].trim_end();
                *at >= after
                    && (before.is_empty() || before.ends_with(['{', ',', '-']))
                    && l[at + key.len()..].trim_start().starts_with(':')
            })?;
            Some((i + 1, l[..at.0].chars().count() + 1))
        })
}

/// Line and column of a top-level `key:`, or the file's start.
fn top_key(text: &str, key: &str) -> (usize, usize) {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map_or((1, 1), |i| (i + 1, 1))
}

#[cfg(test)]
mod tests;
