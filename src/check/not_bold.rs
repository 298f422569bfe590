//! Rule `not-bold`: two asterisks that Markdown did not read as bold, so
//! readers see them. Bold needs its `**` right against the words inside
//! (`**important** to know`): a space just inside (`**important **to know`,
//! `** now**`) or a `**` with no partner leaves the asterisks as text.
//!
//! Bold that works is a strong node, not text, so only what failed is left to
//! read here; a text with no `*` is never handed to the rule. Asterisks the
//! author escaped (`\*\*`) are meant to be seen, and a run of four or more
//! (`****`, a hidden password) is taken as meant too. One finding a line.
//!
//! Bold can be written with underscores too (`__important__`), but two
//! underscores are also how a form shows a blank (`Date: __ / __`). So a
//! `__` pair is named only when one side is right against a word and the other
//! has a space just inside, with a letter or digit between them
//! (`__today __`): never a `__` with no partner.

use comrak::nodes::LineColumn;

use super::rule::Rule;
use super::source::FileLines;
use super::written::Written;
use crate::error::{Diagnostic, Severity};
use crate::markdown::TreeInput;

/// `**` shown as written.
pub(crate) const NOT_BOLD: Rule = Rule {
    id: crate::rules::NOT_BOLD,
    severity: Severity::Error,
    description: "two asterisks (`**`) or underscores (`__`) that do not make bold text, because of a space just inside them or a missing pair, so readers would see them",
};

/// The rule over one page's text nodes: it keeps where asterisks are written
/// on the line it read last, and the last line it reported.
#[derive(Debug, Default)]
pub(crate) struct NotBold {
    written: Written,
    /// The file's lines, found once for the page.
    lines: FileLines,
    reported: usize,
}

impl NotBold {
    /// Checks the pairs of `mark` (`*` or `_`) in one text node that starts
    /// at `start`.
    pub(crate) fn text(
        &mut self,
        mark: u8,
        text: &str,
        start: LineColumn,
        input: &TreeInput<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        if self.reported == start.line {
            return;
        }
        // The pairs of a text in turn, as an entity or escape before one
        // (`&ast;&ast;`) is text too; a few at most, as each reads the line.
        let (mut from, mut chars) = (0, 0);
        for _ in 0..MAX_TRIES {
            let Some(at) = pair_at(text, from, mark) else {
                return;
            };
            chars += text[from..at].chars().count();
            from = at + 2;
            let guess = start.column + chars;
            chars += 2;
            let pair = if mark == b'_' { "__" } else { "**" };
            let Some(col) =
                self.written
                    .written_at(input.text, start.line, start.column, guess, pair)
            else {
                continue;
            };
            let Some(line) = self.lines.line(input.text, start.line) else {
                continue;
            };
            let Some((split, _)) = line.char_indices().nth(col.saturating_sub(1)) else {
                continue;
            };
            let (before, rest) = line.split_at(split);
            if !same_words(text, at, before, rest, col == guess) {
                continue;
            }
            if let Some((message, help)) = explain(rest) {
                self.reported = start.line;
                out.push(NOT_BOLD.at(input.file, start.line, col, message).help(help));
                return;
            }
        }
    }
}

/// The pairs of one text node looked for in its line, at most.
const MAX_TRIES: usize = 8;

/// True when the `**` at byte `at` of the text node `text` is the one written
/// at the start of `rest` (the line from there on), after `before` (the line
/// up to there): the words either side are the same. An escaped `\*\*` is
/// not written as `**`, so the `**` found nearest to it may be another, of
/// bold that works. With no words either side in the node, `at_guess` says
/// whether it is where the node puts it.
fn same_words(text: &str, at: usize, before: &str, rest: &str, at_guess: bool) -> bool {
    let word = |c: &char| c.is_alphanumeric() || *c == ' ';
    let follow: String = text[at..]
        .trim_start_matches(['*', '_'])
        .chars()
        .take_while(word)
        .take(12)
        .collect();
    let lead: String = {
        let mut lead: Vec<char> = text[..at].chars().rev().take_while(word).take(12).collect();
        lead.reverse();
        lead.into_iter().collect()
    };
    if follow.is_empty() && lead.is_empty() {
        return at_guess;
    }
    rest.trim_start_matches(['*', '_']).starts_with(&follow) && before.ends_with(&lead)
}

/// The byte of the first pair of `mark` (`**`, `__`) of `text` from byte
/// `from` on, in a run of two or three.
fn pair_at(text: &str, from: usize, mark: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = from;
    while let Some(i) = memchr::memmem::find(&bytes[from..], &[mark, mark]).map(|i| from + i) {
        let run = bytes[i..].iter().take_while(|&&b| b == mark).count();
        if run <= 3 {
            return Some(i);
        }
        from = i + run;
    }
    None
}

/// What is wrong with the bold that `line` (the rest of a line, from a `**`
/// or `__`) starts, and what to write; `None` for underscores that may be a
/// form's blank (see the module's notes).
fn explain(line: &str) -> Option<(String, String)> {
    let mark = line.chars().next()?;
    let marks = line.chars().take_while(|&c| c == mark).count();
    let stars = &line[..marks];
    let after = &line[marks..];
    let (what, escaped) = if mark == '_' {
        ("underscores", "\\_")
    } else {
        ("asterisks", "\\*")
    };
    let to_show = format!(
        "to show the {what} themselves, write `{}`",
        escaped.repeat(marks)
    );
    let Some(end) = after.find(stars) else {
        return (mark == '*').then(|| {
            (
                format!(
                    "`{stars}` has no partner on its line to end the bold words, so readers would see the {what}"
                ),
                format!(
                    "end the bold words with `{stars}`, like `{stars}important{stars}`, or take the {what} out; {to_show}"
                ),
            )
        });
    };
    let inside = &after[..end];
    let words = inside.trim();
    if mark == '_' {
        // One side against a word, the other with a space: `__today __`.
        let spaced = [inside.starts_with(' '), inside.ends_with(' ')];
        if spaced[0] == spaced[1] || !words.chars().any(char::is_alphanumeric) {
            return None;
        }
    }
    if words.is_empty() || words == inside {
        return Some((
            format!("these `{stars}` do not make bold text, so readers would see the {what}"),
            format!(
                "put the {what} right against the words inside them, with a space or a mark like `.` outside, like `{stars}important{stars} to know`; {to_show}"
            ),
        ));
    }
    Some((
        format!(
            "these `{stars}` do not make bold text, as there is a space just inside them, so readers would see the {what}"
        ),
        format!(
            "write `{stars}{words}{stars}`, with the {what} right against the words; {to_show}"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_space_inside_the_asterisks_is_named_with_the_bold_to_write() {
        let explain = |line| explain(line).expect("explained");
        let (message, help) = explain("**important **to know.");
        assert!(message.contains("a space just inside them"), "{message}");
        assert!(help.starts_with("write `**important**`"), "{help}");
        let (_, help) = explain("** now**.");
        assert!(help.starts_with("write `**now**`"), "{help}");
        let (message, help) = explain("**important");
        assert!(message.starts_with("`**` has no partner"), "{message}");
        assert!(help.ends_with("write `\\*\\*`"), "{help}");
        let (_, help) = explain("***both ***");
        assert!(help.starts_with("write `***both***`"), "{help}");
    }

    #[test]
    fn the_pair_found_in_the_line_must_have_the_words_of_the_text() {
        assert!(same_words("a **b **c", 2, "a ", "**b **c", false));
        // `\*\*this\*\* and **ok**`: the `**` written nearest is another.
        assert!(!same_words(
            "**this** and ",
            0,
            "\\*\\*this\\*\\* and ",
            "**ok** and",
            false
        ));
        // The same words after it, but not before it.
        assert!(!same_words(
            "Show **this**",
            5,
            "Show \\*\\*this\\*\\* and ",
            "**this**",
            false
        ));
        assert!(same_words("**", 0, "a ", "**", true));
        assert!(!same_words("**", 0, "a ", "**", false));
    }

    #[test]
    fn runs_of_four_or_more_are_taken_as_meant() {
        assert_eq!(pair_at("a ** b", 0, b'*'), Some(2));
        assert_eq!(pair_at("***", 0, b'*'), Some(0));
        assert_eq!(pair_at("password ****", 0, b'*'), None);
        assert_eq!(pair_at("**** then ** here", 0, b'*'), Some(10));
        assert_eq!(pair_at("one * star", 0, b'*'), None);
        assert_eq!(pair_at("a **b **c", 4, b'*'), Some(6));
        assert_eq!(pair_at("Name: ______ a __b", 0, b'_'), Some(15));
    }

    #[test]
    fn underscores_are_named_only_when_bold_was_plainly_meant() {
        let (message, help) = explain("__today __if").expect("named");
        assert!(message.contains("a space just inside them"), "{message}");
        assert!(message.ends_with("see the underscores"), "{message}");
        assert!(help.starts_with("write `__today__`"), "{help}");
        assert!(help.ends_with("write `\\_\\_`"), "{help}");
        assert!(explain("__ now__.").is_some());
        for line in [
            "__ / __ / ____",
            "__ Date: __",
            "__",
            "__ a __",
            "__init__ method",
        ] {
            assert_eq!(explain(line), None, "{line}");
        }
    }
}
