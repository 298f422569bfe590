//! Findings as JSON: the one shape `plainsite check --format json` prints and the
//! preview's problem panels are drawn from, so the two can never disagree.
//!
//! Pure data in, `serde_json::Value` out; printing is the binary's job.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::error::Diagnostic;

/// One finding: severity, rule, file (with `/`), line, col, message, help, note.
pub fn diagnostic(d: &Diagnostic) -> Value {
    json!({
        "severity": d.severity,
        "rule": d.rule,
        "file": crate::paths::slash_path(&d.file),
        "line": d.line,
        "col": d.col,
        "message": d.message,
        "help": d.help,
        "note": d.note,
    })
}

/// How many findings each rule made.
pub fn by_rule(diagnostics: &[Diagnostic]) -> BTreeMap<&'static str, usize> {
    let mut by_rule = BTreeMap::new();
    for d in diagnostics {
        *by_rule.entry(d.rule).or_default() += 1;
    }
    by_rule
}

/// Every finding and a summary, as `check --format json` prints them.
pub fn findings(diagnostics: &[Diagnostic], median_grade: Option<f64>) -> Value {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    json!({
        "diagnostics": diagnostics.iter().map(diagnostic).collect::<Vec<_>>(),
        "summary": {
            "errors": errors,
            "warnings": diagnostics.len() - errors,
            "by_rule": by_rule(diagnostics),
            "median_reading_grade": median_grade,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_lists_every_finding() {
        let list = [
            Diagnostic::warning("heading-skip", "content/a.md", "skip")
                .at(3, 1)
                .help("use ##"),
            Diagnostic::error(
                "broken-link",
                std::path::Path::new("content").join("b.md"),
                "nowhere",
            ),
        ];
        let v = findings(&list, Some(7.5));
        assert_eq!(v["summary"]["errors"], 1);
        assert_eq!(v["summary"]["warnings"], 1);
        assert_eq!(v["summary"]["by_rule"]["heading-skip"], 1);
        assert_eq!(v["diagnostics"][0]["line"], 3);
        assert_eq!(v["diagnostics"][0]["help"], "use ##");
        assert_eq!(v["diagnostics"][1]["file"], "content/b.md");
        assert_eq!(v["diagnostics"][1]["severity"], "error");
    }

    /// On Linux and macOS a `\\` is a character of a file's name, not a
    /// separator: the file is named as it is.
    #[cfg(unix)]
    #[test]
    fn a_backslash_in_a_file_name_is_kept() {
        let list = [Diagnostic::error(
            "broken-link",
            "content/a\\b.md",
            "nowhere",
        )];
        let v = findings(&list, None);
        assert_eq!(v["diagnostics"][0]["file"], "content/a\\b.md");
    }
}
