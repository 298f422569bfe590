//! Names Windows keeps for its devices (`con`, `aux`, `nul`, `com1`, `lpt3`):
//! no file or folder on Windows can have one, with any ending.
//!
//! Part of `paths`, on the ground floor. `new` asks it before it makes a page
//! or section, and [`device_names`] warns of every file and folder the build
//! finds in `content/`, `static/`, `data/` and the theme, so they all agree. A
//! site made on Linux or macOS can hold `content/con.md`, but a colleague on
//! Windows, or whose files sync through OneDrive, cannot open, copy or sync it.
//! It reads names only, never the disk: each caller hands over the files its
//! own walk found.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::error::Diagnostic;

/// What else an author must change after renaming a file or a folder of one
/// site folder: the end of the warning's help.
#[derive(Debug, Clone, Copy)]
pub struct Renaming {
    /// For a file.
    pub file: &'static str,
    /// For a folder.
    pub folder: &'static str,
}

impl Renaming {
    /// "file" or "folder", and what else to change after renaming one.
    fn of(self, is_folder: bool) -> (&'static str, &'static str) {
        if is_folder {
            ("folder", self.folder)
        } else {
            ("file", self.file)
        }
    }
}

/// A warning for each file or folder among `files` (paths relative to `folder`,
/// which is relative to the site root) whose name Windows keeps for a device
/// (`con.md`, `aux/`): it builds here, but a colleague on Windows, or whose
/// files sync through OneDrive, cannot open, copy or sync it. A folder is named
/// once, not once for each file in it. `renaming` says what to change after.
pub fn device_names<'a>(
    folder: &Path,
    files: impl IntoIterator<Item = &'a Path>,
    renaming: Renaming,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut named = BTreeSet::new();
    let files: Vec<&Path> = files.into_iter().collect();
    for rel in &files {
        let mut at = PathBuf::new();
        let mut parts = rel.components().peekable();
        while let Some(part) = parts.next() {
            at.push(part);
            let name = part.as_os_str().to_string_lossy();
            if windows_device(&name) {
                let folder = parts.peek().is_some();
                named.insert((at.clone(), name.into_owned(), folder));
            }
        }
    }
    for (rel, name, is_folder) in named {
        let stem = name.split('.').next().unwrap_or(&name).to_owned();
        let (what, then) = renaming.of(is_folder);
        diagnostics.push(
            Diagnostic::warning(
                crate::rules::WINDOWS_NAME,
                folder.join(rel),
                format!(
                    "Windows keeps the name `{stem}` for a device, so colleagues on Windows or OneDrive cannot open, copy or sync this {what}"
                ),
            )
            .help(format!(
                "rename the {what}, to a name of more than one word; {then}"
            )),
        );
    }
    case_twins(folder, &files, renaming, diagnostics);
}

/// A warning for each file or folder among `files` (as for [`device_names`])
/// whose path differs from an earlier one's only in capitals (`Logo.png`,
/// `logo.png`), or only in how its accented letters are stored (`café.md`
/// typed as one letter `é`, or as `e` and an accent mark, as some Mac and
/// copying tools save it): Windows, Mac and OneDrive keep one of them, as do
/// hosts that ignore capitals, and the two addresses look the same to a
/// reader. A folder is named once.
fn case_twins(
    folder: &Path,
    files: &[&Path],
    renaming: Renaming,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Each path and folder path by its small letters: the first one seen.
    let mut first: std::collections::HashMap<String, PathBuf> = Default::default();
    let mut twins = BTreeSet::new();
    for rel in files {
        let mut at = PathBuf::new();
        let mut parts = rel.components().peekable();
        while let Some(part) = parts.next() {
            at.push(part);
            let lower = at.to_string_lossy().to_lowercase();
            // Most names are ASCII, which has one way to be stored.
            let key = if lower.is_ascii() {
                lower
            } else {
                lower.nfc().collect()
            };
            let seen = first.entry(key).or_insert_with(|| at.clone());
            if *seen != at {
                twins.insert((at.clone(), seen.clone(), parts.peek().is_some()));
            }
        }
    }
    for (rel, other, is_folder) in twins {
        let (what, then) = renaming.of(is_folder);
        let only_capitals =
            rel.to_string_lossy().to_lowercase() == other.to_string_lossy().to_lowercase();
        let other = folder.join(&other);
        let message = if only_capitals {
            format!(
                "this {what}'s name differs from {} only in capital letters, so colleagues on Windows or OneDrive, and hosts that ignore capitals, can keep only one of them",
                other.display()
            )
        } else {
            format!(
                "this {what}'s name looks the same as {}, but its accented letters are stored another way (a letter and an accent mark, or one letter), so the two addresses look the same to readers and a Mac, OneDrive or some hosts can keep only one of them",
                other.display()
            )
        };
        diagnostics.push(
            Diagnostic::warning(crate::rules::WINDOWS_NAME, folder.join(&rel), message)
                .help(format!("rename one of them; {then}")),
        );
    }
}

/// True when a file or folder called `name` cannot exist on Windows: its part
/// before the first dot is, in any capitals, `con`, `prn`, `aux`, `nul`,
/// `com1`–`com9` or `lpt1`–`lpt9` (`con.md`, `AUX`, `nul.tar.gz`).
pub fn windows_device(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    match stem.as_bytes() {
        b"con" | b"prn" | b"aux" | b"nul" => true,
        [b'c', b'o', b'm', d] | [b'l', b'p', b't', d] => (b'1'..=b'9').contains(d),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_name_is_warned_of_once_under_its_folder_with_what_to_change() {
        let rels = ["aux/a.csv", "aux/b.csv", "Con.PNG", "console.png"];
        let mut found = Vec::new();
        device_names(
            Path::new("static"),
            rels.iter().map(Path::new),
            Renaming {
                file: "change links to it",
                folder: "change links to them",
            },
            &mut found,
        );
        let shown: Vec<String> = found
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.help.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            shown,
            [
                "static/Con.PNG: rename the file, to a name of more than one word; change links to it",
                "static/aux: rename the folder, to a name of more than one word; change links to them",
            ]
        );
        assert!(found[0].message.contains("the name `Con` for a device"));
        assert!(
            found
                .iter()
                .all(|d| !d.is_error() && d.rule == crate::rules::WINDOWS_NAME)
        );
    }

    #[test]
    fn names_that_differ_only_in_how_accents_are_stored_are_warned_of_naming_both() {
        // `é` as one letter, and as `e` and a combining acute accent.
        let one = "caf\u{e9}.md".to_owned();
        let two = "cafe\u{301}.md".to_owned();
        let folder_one = "r\u{e9}sum\u{e9}/a.md".to_owned();
        let folder_two = "re\u{301}sume\u{301}/b.md".to_owned();
        let rels = [&one, &two, &folder_one, &folder_two, &"cafe.md".to_owned()];
        let mut found = Vec::new();
        device_names(
            Path::new("content"),
            rels.iter().map(Path::new),
            Renaming {
                file: "change links to it",
                folder: "change links to them",
            },
            &mut found,
        );
        let shown: Vec<String> = found.iter().map(|d| d.location()).collect();
        assert_eq!(
            shown,
            [
                format!("content/{two}"),
                "content/re\u{301}sume\u{301}".to_owned(),
            ]
        );
        assert!(
            found[0]
                .message
                .starts_with(&format!("this file's name looks the same as content/{one}, but its accented letters are stored another way")),
            "{}",
            found[0].message
        );
        assert!(found[1].message.starts_with("this folder's name"));
        assert_eq!(
            found[0].help.as_deref(),
            Some("rename one of them; change links to it")
        );
        assert!(
            found
                .iter()
                .all(|d| !d.is_error() && d.rule == crate::rules::WINDOWS_NAME)
        );
    }

    #[test]
    fn windows_device_names_are_known_in_any_capitals_and_with_any_ending() {
        for name in [
            "con",
            "CON",
            "aux",
            "nul",
            "prn",
            "com1",
            "lpt9",
            "con.md",
            "Aux.PDF",
            "nul.tar.gz",
        ] {
            assert!(windows_device(name), "{name}");
        }
        for name in [
            "contact",
            "cons",
            "com",
            "com0",
            "com10",
            "lpt",
            "auxiliary",
            "news",
            "con-details.md",
            "my.con.md",
            "",
        ] {
            assert!(!windows_device(name), "{name}");
        }
    }
}
