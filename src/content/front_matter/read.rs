//! Front matter read into `RawFrontMatter`, with every problem reported at once.
//!
//! Part of `content::front_matter`. Read whole, front matter stops at its first
//! problem, and an author with `tittle:`, `Date:` and `summery:` would fix them
//! one build at a time. So when the whole read fails, each top-level key (with
//! the lines under it) is read on its own, as plain YAML text, not as a
//! `yaml_serde::Value` (which would refuse `title: 1984` as a number, where the
//! text reader takes it as the words it is): unknown keys, values of the wrong
//! kind and keys set twice are each reported at their line. The keys that are
//! right are then read together, so their values are checked too (a bad `date`
//! beside a bad `draft`). Text that is not YAML at all still stops at once, as
//! nothing after it can be trusted. Runs only on a page whose front matter has a
//! problem: a good page is read once, as before.

use std::path::Path;

use super::fields::RawFrontMatter;
use super::split::{Split, is_top_key};
use crate::error::Diagnostic;

/// `d`, about a value of `key`, with the key's own advice where the general
/// one would mislead: `places: Fully booked` is written `places: 0`, and
/// `online:` takes no meeting link, and an old address in `aliases:` is a path.
fn own_help(key: &str, d: Diagnostic) -> Diagnostic {
    // `aliases: https://www.example.org/old/`: a list, of the address's path.
    if key == "aliases"
        && d.message.contains("expected a list")
        && let Some(path) = d
            .message
            .split_once("found the text \"")
            .and_then(|(_, rest)| rest.split('"').next())
            .and_then(crate::urls::web_path)
    {
        let help = format!(
            "write the old address from its first slash, in square brackets: `aliases: [{path}]`"
        );
        return d.help(help);
    }
    if key == "places" && d.message.contains("expected a whole number") {
        return d.help(
            "write `places: 0` to show the event is fully booked, or the number of places left",
        );
    }
    if key == "online"
        && ["\"https:", "\"http:", "\"www."]
            .iter()
            .any(|l| d.message.contains(l))
    {
        return d.help(
            "write `online: true`: it says only that people can join online. Send the meeting link to the people who book, as anyone can read the page",
        );
    }
    d
}

/// Reads `split` into `RawFrontMatter`, adding every problem to `problems`; the
/// keys that could be read, when there are any problems (`None` when not even
/// those can be read).
pub(super) fn raw(
    split: &Split<'_>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<RawFrontMatter> {
    let rule = crate::rules::FRONT_MATTER;
    let whole = match crate::yaml::parse::<RawFrontMatter>(split.yaml, file, split.yaml_line, rule)
    {
        Ok(raw) => return Some(raw),
        Err(d) => *d,
    };
    // Text after a blank line that is no setting: the closing `---` is missing,
    // and the page's text was read as settings.
    if let Some(runaway) = super::split::runaway(split, file) {
        problems.push(runaway);
        return None;
    }
    if !crate::yaml::is_yaml(split.yaml) {
        problems.push(whole);
        return None;
    }
    let lines: Vec<&str> = split.yaml.lines().collect();
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| is_top_key(lines[i])).collect();
    let mut seen: Vec<(String, usize)> = Vec::new();
    let mut bad = vec![false; lines.len()];
    let mut title_given = false;
    let found_before = problems.len();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(lines.len());
        let key = key_of(lines[start]);
        let file_line = start + split.yaml_line;
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            problems.push(
                Diagnostic::error(
                    rule,
                    file,
                    format!("`{key}` is set twice, here and on line {first}"),
                )
                .at(file_line, 1)
                .help("keep one of the two lines and delete the other"),
            );
            bad[start..end].fill(true);
            continue;
        }
        seen.push((key.clone(), file_line));
        let segment = lines[start..end].join("\n");
        let read = if key == "title" {
            crate::yaml::parse::<RawFrontMatter>(&segment, file, file_line, rule)
        } else {
            // `title` is the one key that must be there; it is lent to the others.
            let lent = format!("title: x\n{segment}");
            crate::yaml::parse::<RawFrontMatter>(&lent, file, file_line - 1, rule)
        };
        match read {
            Ok(_) => title_given |= key == "title",
            Err(d) => {
                problems.push(own_help(&key, *d));
                bad[start..end].fill(true);
            }
        }
    }
    let suggested_title = problems[found_before..].iter().any(|d| {
        d.help
            .as_deref()
            .is_some_and(|h| h.contains("did you mean `title`"))
    });
    if !title_given && !suggested_title && !seen.iter().any(|(k, _)| k == "title") {
        problems.push(
            Diagnostic::error(rule, file, "`title` is missing")
                .at(split.yaml_line, 1)
                .help(title_help(file)),
        );
    }
    if problems.len() == found_before {
        // Every key reads on its own, yet not together (an alias to another key,
        // say): the whole read's own message is the one to give.
        problems.push(whole);
        return None;
    }
    let mut kept: String = lines
        .iter()
        .zip(&bad)
        .map(|(line, bad)| if *bad { "" } else { line })
        .flat_map(|l| [l, "\n"])
        .collect();
    if !title_given {
        kept.insert_str(0, "title: x\n");
    }
    yaml_serde::from_str(&kept).ok()
}

/// What to write for a missing title: a line made from the file's name (its
/// folder's, for `index.md` and `_index.md`), less what drafting and copying
/// left in it (`Neglect Strategy FINAL v2 (1).md` gives `title: Neglect Strategy`).
fn title_help(file: &Path) -> String {
    let name = match file.file_name().and_then(|n| n.to_str()) {
        Some("index.md" | "_index.md") => file.parent().and_then(|d| d.file_name()),
        _ => file.file_name(),
    };
    let made = name.map_or_else(String::new, |n| {
        let n = n.to_string_lossy();
        // `report.cy.md`: the language is not part of the title.
        let n = n.strip_suffix(".md").unwrap_or(&n);
        let n = match n.rsplit_once('.') {
            Some((stem, lang))
                if (2..=5).contains(&lang.len())
                    && lang.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') =>
            {
                stem
            }
            _ => n,
        };
        crate::text::file_names::title_from_file_name(&format!("{n}.md"))
    });
    match crate::text::file_names::without_file_name_leftovers(&made) {
        t if t.is_empty() || t == "Content" => {
            "add a line `title: …` with the page's title".to_owned()
        }
        t => format!(
            "add a line with the page's title, as readers will see it, like `title: {}`",
            crate::yaml::scalar(&t)
        ),
    }
}

/// The key a top-level line names.
fn key_of(line: &str) -> String {
    line.split(':')
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches(['"', '\''])
        .to_owned()
}
