//! `changes:` in front matter: the page's history, one entry per change worth
//! telling readers about (`- date: 2020-11-02` / `note: Added the new referral number`).
//!
//! Read with the rest of the front matter; checked here so that every problem
//! names its file line. The newest date becomes the page's `updated` when that is
//! not given (see `front_matter::parse`). Notes are plain text: they are shown
//! escaped, never as Markdown or HTML. Nothing here renders or looks at other pages.

use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use crate::error::Diagnostic;

/// The most entries a page's history may have: more is a changelog, not a
/// summary readers can take in.
pub const MAX_CHANGES: usize = 100;

/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 300;

/// One entry as written.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChange {
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

/// One checked entry of a page's history.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Change {
    /// When the change was published.
    pub date: Date,
    /// What changed, in one plain sentence.
    pub note: String,
}

/// Checks `raw` (from the `changes:` key of `yaml`, whose first line is file
/// line `yaml_line`) and returns the entries newest first.
pub(crate) fn check(
    raw: Vec<RawChange>,
    yaml: &str,
    yaml_line: usize,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Change> {
    let (key_line, lines) = entry_lines(yaml, yaml_line);
    if raw.len() > MAX_CHANGES {
        problems.push(
            Diagnostic::error(
                crate::rules::FRONT_MATTER,
                file,
                format!(
                    "`changes` lists {} changes; a page may list at most {MAX_CHANGES}",
                    raw.len()
                ),
            )
            .at(key_line, 1)
            .help("keep the changes readers need to know about, and remove the oldest"),
        );
        return Vec::new();
    }
    let mut changes = Vec::with_capacity(raw.len());
    for (i, entry) in raw.into_iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(key_line);
        let mut problem = |message: String, help: &str| {
            problems.push(
                Diagnostic::error(crate::rules::FRONT_MATTER, file, message)
                    .at(line, 1)
                    .help(help.to_owned()),
            );
        };
        let n = i + 1;
        let date = match entry.date.as_deref().map(str::trim) {
            None | Some("") => {
                problem(
                    format!("change {n} in `changes` has no `date`"),
                    "give each change a date, like `- date: 2024-05-01`",
                );
                None
            }
            Some(text) => match text.parse::<Date>() {
                Ok(d) if text.len() == 10 => Some(d),
                _ => {
                    problem(
                        format!(
                            "the date of change {n} in `changes` must look like 2024-05-01, found {text:?}"
                        ),
                        &crate::text::dates::help_for(text, "- date: ").unwrap_or_else(|| {
                            "write the date as year-month-day, like `- date: 2024-05-01`".to_owned()
                        }),
                    );
                    None
                }
            },
        };
        let note = entry.note.as_deref().map(str::trim).unwrap_or("");
        if note.is_empty() {
            problem(
                format!("change {n} in `changes` has no `note`"),
                "say in one sentence what changed, like `note: Added the new referral number`",
            );
            continue;
        }
        if note.chars().any(char::is_control) {
            problem(
                format!(
                    "the note of change {n} in `changes` has a control character (such as a tab or a line break)"
                ),
                "write the note on one line, as plain text",
            );
            continue;
        }
        if note.chars().count() > MAX_NOTE_CHARS {
            problem(
                format!(
                    "the note of change {n} in `changes` is longer than {MAX_NOTE_CHARS} characters"
                ),
                "say what changed in one short sentence; the page itself gives the detail",
            );
            continue;
        }
        if let Some(date) = date {
            changes.push(Change {
                date,
                note: note.to_owned(),
            });
        }
    }
    // Newest first; the order written breaks ties.
    changes.sort_by_key(|c| std::cmp::Reverse(c.date));
    changes
}

/// File line of the `changes:` key in `yaml` (1 when not found), and of each
/// `- ` entry under it.
fn entry_lines(yaml: &str, yaml_line: usize) -> (usize, Vec<usize>) {
    let mut key_line = 1;
    let mut lines = Vec::new();
    let mut inside = false;
    for (i, line) in yaml.lines().enumerate() {
        let top_level = !line.starts_with([' ', '\t', '-', '#']) && !line.trim().is_empty();
        if top_level {
            inside = line.starts_with("changes:");
            if inside {
                key_line = i + yaml_line;
                lines.clear();
            }
            continue;
        }
        if inside && line.trim_start().starts_with("- ") {
            lines.push(i + yaml_line);
        }
    }
    (key_line, lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(yaml: &str) -> (Vec<Change>, Vec<Diagnostic>) {
        #[derive(Deserialize)]
        struct Doc {
            changes: Vec<RawChange>,
        }
        let doc: Doc = yaml_serde::from_str(yaml).expect("yaml");
        let mut problems = Vec::new();
        let changes = check(doc.changes, yaml, 2, Path::new("p.md"), &mut problems);
        (changes, problems)
    }

    #[test]
    fn reads_entries_newest_first() {
        let (c, p) = run(
            "changes:\n  - date: 2020-11-02\n    note: Added the number\n  - date: 2021-01-05\n    note: New contact\n",
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].date.to_string(), "2021-01-05");
        assert_eq!(c[1].note, "Added the number");
    }

    #[test]
    fn refuses_hostile_entries_at_their_line() {
        let yaml = "changes:\n  - date: 2020-11-02\n    note: \"\"\n  - date: May 1st\n    note: x\n  - note: no date\n  - date: 2020-01-01\n    note: \"a\\u0007b\"\n  - date: 2020-01-01\n    note: \"a\\tb\"\n";
        let (c, p) = run(yaml);
        assert!(c.is_empty(), "{c:?}");
        let lines: Vec<Option<usize>> = p.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![Some(3), Some(5), Some(7), Some(8), Some(10)]);
        assert!(p[0].message.contains("no `note`"));
        assert!(p[1].message.contains("May 1st"));
        let long = format!(
            "changes:\n  - date: 2020-11-02\n    note: {}\n",
            "a".repeat(MAX_NOTE_CHARS + 1)
        );
        assert_eq!(run(&long).1.len(), 1);
    }

    #[test]
    fn refuses_a_huge_list() {
        let mut yaml = String::from("changes:\n");
        for _ in 0..=MAX_CHANGES {
            yaml.push_str("  - {date: 2020-11-02, note: x}\n");
        }
        let (c, p) = run(&yaml);
        assert!(c.is_empty());
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, Some(2));
    }
}
