//! The page `serve` shows in place of every HTML page while the site has errors.
//!
//! It lists each diagnostic with its file, line and column, message and what to do,
//! in a plain accessible page (language, title, one `h1`, a list), and carries the
//! reload script, so the real page comes back by itself after the next good save.
//! This page belongs to the preview server, not to the site: it is never in an
//! `Output` and is not drawn by the site's templates.

use std::fmt::Write;

use crate::error::{Diagnostic, Severity};

/// The error page for `diagnostics`, with `script` (the reload `<script>` tag)
/// before `</body>`.
pub(crate) fn error_page(diagnostics: &[Diagnostic], script: &str) -> String {
    let errors = crate::error::plural(diagnostics.iter().filter(|d| d.is_error()).count(), "error");
    let mut items = String::new();
    for d in diagnostics {
        let kind = match d.severity {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
        };
        let _ = write!(
            items,
            "<li><p class=\"where\"><strong>{kind}</strong> in <code>{}</code> <span class=\"rule\">({})</span></p>\n<p>{}</p>\n",
            escape(&d.location()),
            escape(d.rule),
            escape(&d.message)
        );
        if let Some(note) = &d.note {
            let _ = writeln!(items, "<p>Note: {}</p>", escape(note));
        }
        if let Some(help) = &d.help {
            let _ = writeln!(
                items,
                "<p class=\"help\">How to fix it: {}</p>",
                escape(help)
            );
        }
        items.push_str("</li>\n");
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build error – plainsite</title>
<style>
body {{ font: 1.125rem/1.5 system-ui, sans-serif; margin: 0; color: #0b0c0c; background: #fff; }}
main {{ max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem; }}
h1 {{ font-size: 2rem; border-left: .5rem solid #d4351c; padding-left: 1rem; }}
ol {{ padding-left: 1.5rem; }}
li {{ margin-bottom: 1.5rem; }}
code {{ font-size: 1rem; background: #f3f2f1; padding: 0 .25rem; overflow-wrap: anywhere; }}
.rule {{ color: #505a5f; }}
.help {{ border-left: .25rem solid #1d70b8; padding-left: .75rem; }}
</style>
</head>
<body>
<main>
<h1>The site has {errors}</h1>
<p>plainsite could not build the site, so this preview shows the problems instead of the page. Fix them and save: this page updates by itself.</p>
<ol>
{items}</ol>
</main>
{script}
</body>
</html>
"#
    )
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_file_line_message_and_fix() {
        let d = Diagnostic::error(
            "front-matter",
            "content/briefings/<x>.md",
            "`title` is missing",
        )
        .at(3, 1)
        .help("add `title: …`");
        let page = error_page(&[d], "<script></script>");
        assert!(page.contains("<html lang=\"en\">"));
        assert!(page.contains("<title>Build error – plainsite</title>"));
        assert!(page.contains("content/briefings/&lt;x&gt;.md:3:1"));
        assert!(page.contains("`title` is missing"));
        assert!(page.contains("How to fix it: add `title: …`"));
        assert!(page.contains("<script></script>\n</body>"));
        assert_eq!(page.matches("<h1>").count(), 1);
    }
}
