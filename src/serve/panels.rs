//! The preview's problem panels, put at the top of a served page.
//!
//! - the error panel (`role="alert"`): while the site has errors, every page is
//!   served as it was at the last good build with this panel above it, one entry
//!   per error; a page that never built gets a page holding the panel alone;
//! - the warning panel: the page's own findings from `check`, in a `<details>`
//!   ("3 things to improve on this page") that `panel.js` keeps open or closed
//!   across reloads.
//!
//! Each entry gives the file, line and column, the message and the fix, and a link
//! to the file in the author's editor (see [`crate::editor`]) or a button to copy
//! its path. All text is escaped here, and its control and bidi characters
//! shown as escapes (`\u{2067}`), as the terminal shows them. The panels belong to the preview server,
//! not to the site: they are added to HTTP responses only, never to an `Output`,
//! and their style and script are files served by `serve` (no inline style or
//! script, so a strict Content-Security-Policy on the site's pages still holds).

use std::fmt::Write;
use std::path::Path;

use crate::editor::Editor;
use crate::error::{Diagnostic, shown_path, shown_text};
use crate::html::escape;

/// Where the panels' stylesheet is served.
pub(crate) const CSS_PATH: &str = "/__plainsite/panel.css";
/// Where the panels' script is served.
pub(crate) const JS_PATH: &str = "/__plainsite/panel.js";
/// The panels' stylesheet.
pub(crate) const CSS: &str = include_str!("panel.css");
/// The panels' script: open/close state, copy buttons.
pub(crate) const JS: &str = include_str!("panel.js");

/// How entries link to files.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Links<'a> {
    /// The editor, if the site or `--editor` names one.
    pub(crate) editor: Option<Editor>,
    /// The site root, canonical.
    pub(crate) root: &'a Path,
}

/// The error panel: every error of the latest build.
pub(crate) fn error_panel(errors: &[Diagnostic], links: Links<'_>, kept: bool) -> String {
    let shown: Vec<&Diagnostic> = errors.iter().filter(|d| d.is_error()).collect();
    let count = shown.len();
    let what = if count == 1 {
        "1 error".to_owned()
    } else {
        format!("{count} errors")
    };
    let page = if kept {
        "This page is shown as it was at the last good save."
    } else {
        "This page has not been built yet."
    };
    let mut out = format!(
        "<div class=\"plainsite-panel plainsite-errors\" id=\"plainsite-errors\" role=\"alert\">\n\
         <p class=\"plainsite-title\"><strong>The site has {what}.</strong> {page} Fix {them} and save: this message goes by itself.</p>\n<ol class=\"plainsite-list\">\n",
        them = if count == 1 { "it" } else { "them" },
    );
    for d in shown {
        entry(&mut out, d, links);
    }
    out.push_str("</ol>\n</div>\n");
    out
}

/// The warning panel for one page, or nothing when it has no warnings.
pub(crate) fn warning_panel(file: &Path, warnings: &[&Diagnostic], links: Links<'_>) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    let n = warnings.len();
    let summary = if n == 1 {
        "1 thing to improve on this page".to_owned()
    } else {
        format!("{n} things to improve on this page")
    };
    let mut out = format!(
        "<details class=\"plainsite-panel plainsite-warnings\" id=\"plainsite-warnings\">\n\
         <summary>{summary}</summary>\n\
         <p>plainsite check found {these} in <code>{file}</code>. The page still builds; readers will find it easier once {fixed}.</p>\n<ol class=\"plainsite-list\">\n",
        these = if n == 1 { "this" } else { "these" },
        fixed = if n == 1 {
            "it is fixed"
        } else {
            "they are fixed"
        },
        file = escape(&shown_path(file)),
    );
    for d in warnings {
        entry(&mut out, d, links);
    }
    out.push_str("</ol>\n</details>\n");
    out
}

/// The landmark that holds the panels, with their stylesheet.
pub(crate) fn container(panels: &str) -> String {
    format!(
        "<aside class=\"plainsite-panels\" aria-label=\"Problems found by plainsite (preview only)\">\n<link rel=\"stylesheet\" href=\"{CSS_PATH}\">\n{panels}</aside>\n"
    )
}

/// The page served where no good build of the page exists: the panel alone.
pub(crate) fn panel_page(errors: &[Diagnostic], links: Links<'_>, scripts: &str) -> String {
    let panel = container(&error_panel(errors, links, false));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Build error – plainsite</title>\n</head>\n<body class=\"plainsite-alone\">\n\
         <main>\n<h1>The site could not be built</h1>\n{panel}</main>\n{scripts}\n</body>\n</html>\n"
    )
}

/// One entry: where (a link to the editor, or the path and a copy button), the
/// message, the note, the fix.
fn entry(out: &mut String, d: &Diagnostic, links: Links<'_>) {
    let kind = if d.is_error() { "Error" } else { "Warning" };
    let mut place = escape(&shown_path(&d.file));
    if let Some(line) = d.line {
        let _ = write!(place, ", line {line}");
        if let Some(col) = d.col {
            let _ = write!(place, ", column {col}");
        }
    }
    let _ = write!(
        out,
        "<li class=\"plainsite-entry\">\n<p class=\"plainsite-where\"><strong>{kind}</strong> <span class=\"plainsite-rule\">({})</span>: ",
        escape(d.rule)
    );
    let link = links
        .editor
        .and_then(|e| e.link(links.root, &d.file, d.line, d.col));
    match link {
        Some(href) => {
            let _ = writeln!(
                out,
                "<a href=\"{}\">{place}<span class=\"plainsite-hidden\"> (opens in your editor)</span></a></p>",
                escape(&href)
            );
        }
        None => {
            let location = escape(&d.location());
            let _ = writeln!(
                out,
                "<code>{place}</code> <button type=\"button\" class=\"plainsite-copy\" data-copy=\"{location}\">Copy path<span class=\"plainsite-hidden\"> {location}</span></button></p>"
            );
        }
    }
    let _ = writeln!(
        out,
        "<p class=\"plainsite-message\">{}</p>",
        shown(&d.message)
    );
    if let Some(note) = &d.note {
        let _ = writeln!(out, "<p>Note: {}</p>", shown(note));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "<p class=\"plainsite-help\">How to fix it: {}</p>",
            shown(help)
        );
    }
    out.push_str("</li>\n");
}

/// A message's text as the panel shows it: escaped, what it quotes between
/// backticks (`` `title: …` ``) as code, and its line ends kept, so an example of
/// several lines reads as the terminal shows it. A backtick with no partner stays.
/// Control and bidi characters are shown as the terminal shows them (`\u{202e}`,
/// by [`shown_text`]), so quoted text cannot turn the entry round.
fn shown(text: &str) -> String {
    let escaped = escape(&shown_text(text));
    let parts: Vec<&str> = escaped.split('`').collect();
    let mut out = String::with_capacity(escaped.len() + 16);
    let paired = parts.len() - (parts.len() + 1) % 2;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(match (i % 2 == 1, i < paired) {
                (true, true) => "<code>",
                (false, _) => "</code>",
                (true, false) => "`",
            });
        }
        out.push_str(&part.replace('\n', "<br>\n"));
    }
    out
}

/// Puts `html` right after the opening `<body …>` tag, or at the start when there
/// is none.
pub(crate) fn insert_after_body(page: &[u8], html: &str) -> Vec<u8> {
    let lower: Vec<u8> = page.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower
        .windows(5)
        .position(|w| w == b"<body")
        .and_then(|start| {
            lower[start..]
                .iter()
                .position(|&b| b == b'>')
                .map(|end| start + end + 1)
        })
        .unwrap_or(0);
    let mut out = Vec::with_capacity(page.len() + html.len() + 1);
    out.extend_from_slice(&page[..at]);
    out.push(b'\n');
    out.extend_from_slice(html.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_is_code_and_line_ends_stay() {
        assert_eq!(
            shown("write `a` or `b<c`"),
            "write <code>a</code> or <code>b&lt;c</code>"
        );
        assert_eq!(shown("one ` alone"), "one ` alone");
        assert_eq!(shown("`a` and ` b"), "<code>a</code> and ` b");
        assert_eq!(shown("like\n  x: 1"), "like<br>\n  x: 1");
    }

    fn no_editor() -> Links<'static> {
        Links {
            editor: None,
            root: Path::new("/site"),
        }
    }

    fn error(file: &str) -> Diagnostic {
        Diagnostic::error("front-matter", file, "`title` is <missing>")
            .at(3, 1)
            .help("add `title: …`")
    }

    #[test]
    fn the_error_panel_names_file_line_column_message_and_fix() {
        let panel = error_panel(&[error("content/briefings/<x>.md")], no_editor(), true);
        assert!(panel.contains("role=\"alert\""));
        assert!(panel.contains("The site has 1 error."));
        assert!(panel.contains("content/briefings/&lt;x&gt;.md, line 3, column 1"));
        assert!(panel.contains("<code>title</code> is &lt;missing&gt;"));
        assert!(panel.contains("How to fix it: add <code>title: …</code>"));
        assert!(panel.contains("data-copy=\"content/briefings/&lt;x&gt;.md:3:1\""));
        assert_eq!(panel.matches("<li").count(), 1);
    }

    #[test]
    fn the_error_panel_has_one_entry_per_error_and_skips_warnings() {
        let list = [
            error("content/a.md"),
            error("content/b.md"),
            Diagnostic::warning("heading-skip", "content/c.md", "w"),
            error("content/d.md"),
        ];
        let panel = error_panel(&list, no_editor(), true);
        assert!(panel.contains("The site has 3 errors."));
        assert_eq!(panel.matches("<li").count(), 3);
    }

    #[test]
    fn the_warning_panel_counts_and_links_to_the_editor() {
        let w = Diagnostic::warning("heading-skip", "content/a.md", "skip").at(5, 1);
        let links = Links {
            editor: Some(Editor::Vscode),
            root: Path::new("/site"),
        };
        let panel = warning_panel(Path::new("content/a.md"), &[&w], links);
        assert!(panel.contains("<summary>1 thing to improve on this page</summary>"));
        assert!(panel.contains("href=\"vscode://file/site/content/a.md:5:1\""));
        let two = warning_panel(Path::new("content/a.md"), &[&w, &w], no_editor());
        assert!(two.contains("2 things to improve on this page"));
        assert_eq!(warning_panel(Path::new("x"), &[], no_editor()), "");
    }

    #[test]
    fn hostile_text_is_escaped_everywhere() {
        let d = Diagnostic::warning(
            "r",
            "content/\"><script>x</script>.md",
            "<img src=x onerror=alert(1)>\u{1b}[31m",
        )
        .help("\"><b>");
        let panel = warning_panel(&d.file.clone(), &[&d], no_editor());
        assert!(!panel.contains("<script>") && !panel.contains("<img") && !panel.contains("<b>"));
        assert!(!panel.contains("\u{1b}"));
    }

    #[test]
    fn bidi_controls_in_quoted_text_and_file_names_are_shown_as_escapes() {
        let d = Diagnostic::warning(
            "heading-space",
            "content/a\u{202e}gpj.md",
            "`##Fees \u{2067}00.001\u{2069}` is shown as text",
        )
        .at(4, 1)
        .note("from \u{200f}x\u{61c}")
        .help("write `## Fees \u{2066}x\u{2069}`\nthen save");
        let panel = warning_panel(&d.file.clone(), &[&d], no_editor());
        assert!(!panel.chars().any(crate::error::is_bidi_control), "{panel}");
        assert!(
            panel.contains("<code>##Fees \\u{2067}00.001\\u{2069}</code> is shown as text"),
            "{panel}"
        );
        assert!(panel.contains("Note: from \\u{200f}x\\u{61c}"), "{panel}");
        assert!(
            panel.contains("<code>## Fees \\u{2066}x\\u{2069}</code><br>\nthen save"),
            "{panel}"
        );
        assert!(
            panel.contains("<code>content/a\\u{202e}gpj.md</code>"),
            "{panel}"
        );
        let errors = error_panel(
            &[Diagnostic::error("r", "content/x.md", "a\u{202b}b")],
            no_editor(),
            true,
        );
        assert!(
            errors.contains("a\\u{202b}b") && !errors.contains("\u{202b}"),
            "{errors}"
        );
    }

    #[test]
    fn panels_go_right_after_the_body_tag() {
        let out = insert_after_body(
            b"<html><BODY class=\"x\"><p>a</p></body>",
            "<aside></aside>",
        );
        assert_eq!(
            String::from_utf8_lossy(&out),
            "<html><BODY class=\"x\">\n<aside></aside><p>a</p></body>"
        );
        let bare = insert_after_body(b"<p>a</p>", "<x>");
        assert_eq!(String::from_utf8_lossy(&bare), "\n<x><p>a</p>");
    }

    #[test]
    fn a_page_that_never_built_has_the_panel_alone() {
        let page = panel_page(
            &[error("content/a.md")],
            no_editor(),
            "<script src=\"/s.js\"></script>",
        );
        assert!(page.contains("<html lang=\"en\">"));
        assert!(page.contains("This page has not been built yet."));
        assert!(!page.contains("<style") && !page.contains("style="));
        assert_eq!(page.matches("<h1>").count(), 1);
    }
}
