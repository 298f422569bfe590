//! Rule `placeholder`: a setting in `site.yaml` that still holds the text
//! `plainsite init` put there for the author to replace. (The same rule finds
//! page text that is still an instruction `plainsite new` wrote: `instructions`.)
//!
//! The starter site's "report a concern" link and contact are the two things a
//! worried reader most needs, and they cannot be guessed, so `init` fills them with
//! values marked `REPLACE` and this rule warns about each one until it is changed.
//! It reads the settings file's text (comments left out), so each finding has the
//! line and column of the placeholder whatever the shape of the settings.

use std::path::Path;

use super::rule::Rule;
use crate::error::{Diagnostic, Severity};

/// A setting that still holds an `init` placeholder.
pub(crate) const PLACEHOLDER: Rule = Rule {
    id: crate::rules::PLACEHOLDER,
    severity: Severity::Warning,
    description: "a setting in site.yaml that still holds a `REPLACE` placeholder from `plainsite init`, or page text that is still an instruction `plainsite new` wrote",
};

/// The word that marks a placeholder.
pub const MARK: &str = "REPLACE";

/// Finds placeholders in the text of `site.yaml` (`file` names it in the findings
/// pushed into `out`).
pub fn check_settings(text: &str, file: &Path, out: &mut Vec<Diagnostic>) {
    for (number, line, value) in super::settings::value_lines(text) {
        let body = line.trim_start();
        let Some(at) = value.find(MARK) else {
            continue;
        };
        let key = body
            .split(':')
            .next()
            .unwrap_or("")
            .trim_start_matches("- ")
            .trim();
        let col = value[..at].chars().count() + 1;
        out.push(
            PLACEHOLDER
                .at(
                    file,
                    number,
                    col,
                    format!("`{key}` still holds a placeholder from `plainsite init`"),
                )
                .help("write your partnership's own details here in place of the REPLACE text; readers need them to get help"),
        );
    }
}

/// The placeholders in `text`, for tests.
#[cfg(test)]
fn found_in(text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_settings(text, Path::new("site.yaml"), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_each_placeholder_at_its_place() {
        let text = "title: T\n# REPLACE in a comment is fine\nreport_concern:\n  url: https://REPLACE.example.org/\ncontact:\n  email: REPLACE@example.org # REPLACE\n";
        let found = found_in(text);
        let places: Vec<_> = found.iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(places, vec![(Some(4), Some(16)), (Some(6), Some(10))]);
        assert!(found[0].message.contains("`url`"));
        assert!(
            found
                .iter()
                .all(|d| d.rule == "placeholder" && !d.is_error())
        );
    }

    #[test]
    fn leaves_real_settings_and_hostile_text_alone() {
        for text in [
            "title: Replace Walsall\nurl: /replace/\n",
            "",
            "\u{0}\u{7}:\n",
            &"x: y\n".repeat(10_000),
        ] {
            assert!(found_in(text).is_empty());
        }
        // Long, odd lines still give a finding without panicking.
        let odd = format!("k: {}REPLACE é\n", "é".repeat(5000));
        assert_eq!(found_in(&odd).len(), 1);
    }
}
