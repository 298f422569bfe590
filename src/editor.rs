//! Which editor the preview's problem panels open files in.
//!
//! `editor:` in `site.yaml` (or `serve --editor`) names one of a fixed list; the
//! link for a file at a line is made here, from the site's root and the file's
//! path relative to it. The scheme comes from the list, never from the setting,
//! so a hostile value can only be refused (by serde, with its line), never become a
//! `javascript:` link. A path that is absolute or climbs with `..` gets no link.
//! Used by `serve` only; nothing here reaches a built page.

use std::path::{Component, Path};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::{Deserialize, Serialize};

/// An editor the preview can link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Editor {
    /// Visual Studio Code: `vscode://file/PATH:LINE:COL`.
    Vscode,
    /// VSCodium: `vscodium://file/PATH:LINE:COL`.
    Vscodium,
    /// IntelliJ IDEA and other JetBrains editors: `idea://open?file=PATH&line=LINE`.
    Idea,
    /// The file itself (`file:///PATH`), opened by whatever the computer uses.
    File,
    /// No links: the panels show the path to copy.
    None,
}

/// What a path keeps of itself in a link: letters, digits, `/` and `-._~`.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'\'')
    .add(b'\\')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^')
    .add(b'[')
    .add(b']')
    .add(b'=')
    .add(b'+')
    .add(b';')
    .add(b':')
    .add(b',');

/// The names `editor:` takes, for messages.
pub const EDITOR_NAMES: &str = "vscode, vscodium, idea, file, none";

impl std::str::FromStr for Editor {
    type Err = String;

    /// Reads a name as `serve --editor` gives it.
    fn from_str(name: &str) -> Result<Editor, String> {
        Ok(match name {
            "vscode" => Editor::Vscode,
            "vscodium" => Editor::Vscodium,
            "idea" => Editor::Idea,
            "file" => Editor::File,
            "none" => Editor::None,
            _ => return Err(format!("the editor must be one of {EDITOR_NAMES}")),
        })
    }
}

impl Editor {
    /// A link that opens `file` (relative to the canonical site `root`) at `line`
    /// and `col`; `None` for [`Editor::None`] or a path that is not plainly inside
    /// the site.
    pub fn link(
        self,
        root: &Path,
        file: &Path,
        line: Option<usize>,
        col: Option<usize>,
    ) -> Option<String> {
        if self == Editor::None
            || file.as_os_str().is_empty()
            || !file.components().all(|c| matches!(c, Component::Normal(_)))
        {
            return None;
        }
        let full = root.join(file);
        // Not UTF-8: no link. A `\\` inside a name (Linux, macOS) stays, encoded.
        full.to_str()?;
        let text = crate::paths::slash_path(&full);
        if text.chars().any(char::is_control) {
            return None;
        }
        let text = if text.starts_with('/') {
            text
        } else {
            format!("/{text}")
        };
        let path = utf8_percent_encode(&text, PATH).to_string();
        let line = line.unwrap_or(1);
        let col = col.unwrap_or(1);
        Some(match self {
            Editor::Vscode => format!("vscode://file{path}:{line}:{col}"),
            Editor::Vscodium => format!("vscodium://file{path}:{line}:{col}"),
            Editor::Idea => format!("idea://open?file={path}&line={line}&column={col}"),
            Editor::File => format!("file://{path}"),
            Editor::None => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_each_editor_to_the_line() {
        let root = Path::new("/home/me/site");
        let file = Path::new("content/a b.md");
        let at = |e: Editor| e.link(root, file, Some(4), Some(2));
        assert_eq!(
            at(Editor::Vscode).as_deref(),
            Some("vscode://file/home/me/site/content/a%20b.md:4:2")
        );
        assert_eq!(
            at(Editor::Vscodium).as_deref(),
            Some("vscodium://file/home/me/site/content/a%20b.md:4:2")
        );
        assert_eq!(
            at(Editor::Idea).as_deref(),
            Some("idea://open?file=/home/me/site/content/a%20b.md&line=4&column=2")
        );
        assert_eq!(
            at(Editor::File).as_deref(),
            Some("file:///home/me/site/content/a%20b.md")
        );
        assert_eq!(at(Editor::None), None);
        // A backslash in a name on Linux or macOS is part of the name, not a
        // separator a browser would read as `/`.
        #[cfg(unix)]
        assert_eq!(
            Editor::File
                .link(root, Path::new("content/a\\b.md"), None, None)
                .as_deref(),
            Some("file:///home/me/site/content/a%5Cb.md")
        );
    }

    #[test]
    fn refuses_paths_that_leave_the_site_or_carry_tricks() {
        let root = Path::new("/site");
        for bad in [
            "../etc/passwd",
            "/etc/passwd",
            "",
            "content/../../x",
            "content/a\u{7}.md",
        ] {
            assert_eq!(
                Editor::Vscode.link(root, Path::new(bad), Some(1), None),
                None,
                "{bad:?}"
            );
        }
        let odd = Editor::Idea
            .link(
                root,
                Path::new("content/x&line=9\"<script>.md"),
                Some(1),
                Some(1),
            )
            .unwrap_or_default();
        assert!(
            !odd.contains('"') && !odd.contains('<') && !odd.contains("&line=9"),
            "{odd}"
        );
    }

    #[test]
    fn the_setting_takes_only_known_names() {
        for good in ["vscode", "vscodium", "idea", "file", "none"] {
            assert!(yaml_serde::from_str::<Editor>(good).is_ok(), "{good}");
        }
        assert_eq!("idea".parse::<Editor>(), Ok(Editor::Idea));
        assert!("javascript:".parse::<Editor>().is_err());
        for bad in [
            "javascript:alert(1)",
            "VSCODE ",
            "",
            "[vscode]",
            "{a: b}",
            "vscode://file/etc/passwd",
            "\"\\u0000\"",
            &"x".repeat(100_000),
        ] {
            assert!(yaml_serde::from_str::<Editor>(bad).is_err(), "{bad:.40}");
        }
    }
}
