//! What to do about a value of the wrong kind, in words and with the corrected
//! line: `draft: yes` → "write `draft: true` or `draft: false`", `topics: a, b`
//! → `topics: [a, b]`, `sort_by: dates` → the values allowed.
//!
//! Part of `yaml`: `describe` asks here before it falls back to its general
//! advice. Pure text work on the reader's message and the YAML text.

/// The line (1-based, in `text`) of the key a message is about, and what to do,
/// for the reader's `message` (already in plain words) about `text` at `line`.
pub(super) fn for_value(message: &str, text: &str, line: usize) -> Option<(usize, String)> {
    let (path, what) = message.split_once(": ")?;
    if path.contains(char::is_whitespace) {
        return None;
    }
    let key = path
        .rsplit('.')
        .next()
        .unwrap_or(path)
        .split('[')
        .next()
        .unwrap_or(path);
    let lines: Vec<&str> = text.lines().collect();
    // The key's own line, at or above where the reader stopped.
    let key_line = (0..line.min(lines.len()))
        .rev()
        .find(|&i| {
            lines[i]
                .trim_start()
                .trim_start_matches("- ")
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map_or(line, |i| i + 1);
    let value = lines
        .get(key_line - 1)
        .and_then(|l| l.split_once(':'))
        .map_or("", |(_, v)| v.trim());
    let help = if what.contains("expected true or false") {
        format!("write `{key}: true` or `{key}: false`")
    } else if what.contains("expected a whole number") {
        format!("write a whole number, like `{key}: 1`")
    } else if what.contains("expected a number") {
        format!("write a number, like `{key}: 9`")
    } else if what.starts_with("unknown value") {
        let allowed: Vec<String> = what
            .split_once("expected")
            .map_or("", |(_, e)| e)
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|v| format!("`{key}: {v}`"))
            .collect();
        format!("write one of: {}", allowed.join(", "))
    } else if what.contains("expected a list") && what.starts_with("found the text") {
        let items: Vec<&str> = value
            .split(',')
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .collect();
        format!(
            "write the list in square brackets, with commas between the items: `{key}: [{}]`",
            items.join(", ")
        )
    } else if what.contains("expected text") && what.starts_with("found nothing") {
        format!("write the value on the same line, after `{key}: `")
    } else if what.contains("expected text") && value.starts_with("{{") {
        // Not to be quoted: quoted, the blank itself would be published.
        archetype_blank(key, value)
    } else if what.contains("expected text") && value.starts_with(['[', '{']) {
        format!(
            "a value that starts with `{}` is read as a list or a group: put the whole value in quotation marks, like `{key}: {}`",
            &value[..1],
            super::comments::quoted(value)
        )
    } else if what.contains("expected text") && what.starts_with("found a ") {
        format!(
            "`{key}` is one piece of text, not a list or a group: write it on the same line, like `{key}: {}`",
            example(key)
        )
    } else {
        return None;
    };
    Some((key_line, help))
}

/// What to do about an archetype's blank (`{{ title }}`) written as the value of
/// `key`: fill it in, not quote it, or the blank itself is published.
pub(crate) fn archetype_blank(key: &str, blank: &str) -> String {
    let what = if matches!(key, "title" | "description") {
        key
    } else {
        "value"
    };
    format!(
        "`{blank}` is a blank that `plainsite new` fills in: write the {what} itself, like `{key}: {}`",
        example(key)
    )
}

/// A value to show for `key` in a help.
fn example(key: &str) -> &'static str {
    match key {
        "title" => "Your page title",
        "description" => "One plain sentence about the page.",
        "date" | "updated" | "review_by" => "2025-05-01",
        "topics" => "[neglect]",
        _ => "some words",
    }
}

/// An unknown key that holds a character that looks like a space and is not
/// one (a non-breaking space pasted from a web page or Word, or an invisible
/// one): a line that looks right however long it is read, so the message
/// names the character.
pub(super) struct OddSpace {
    /// The key without it.
    pub(super) plain: String,
    name: String,
}

fn is_odd_space(c: char) -> bool {
    (c.is_whitespace() && c != ' ') || matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}')
}

impl OddSpace {
    /// The odd space in `field`, if it has one.
    pub(super) fn find(field: &str) -> Option<Self> {
        let name = match field.chars().find(|&c| is_odd_space(c))? {
            '\u{a0}' => "a non-breaking space".to_owned(),
            '\u{202f}' => "a narrow non-breaking space".to_owned(),
            '\u{200b}' => "a zero-width space".to_owned(),
            '\t' => "a tab".to_owned(),
            c => format!("the invisible character U+{:04X}", u32::from(c)),
        };
        let plain = field
            .chars()
            .filter(|&c| !is_odd_space(c) && c != ' ')
            .collect();
        Some(OddSpace { plain, name })
    }

    /// `what` (`unknown key `description``) and why.
    pub(super) fn message(&self, what: &str) -> String {
        format!(
            "{what}: it has {} in it, which looks like a space but is not one",
            self.name
        )
    }

    /// What to do, when the keys allowed are `expected`.
    pub(super) fn help(&self, expected: &[String]) -> String {
        let why = "text pasted from another program can bring such characters";
        if expected.contains(&self.plain) {
            format!(
                "delete the start of the line up to `{}` and type it again with ordinary spaces ({why})",
                self.plain
            )
        } else {
            format!("type the line again with ordinary spaces ({why})")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(message: &str, text: &str, line: usize) -> (usize, String) {
        for_value(message, text, line).unwrap_or_default()
    }

    #[test]
    fn says_what_to_write_for_each_kind() {
        let (l, h) = help(
            "draft: found the text \"yes\", expected true or false",
            "title: T\ndraft: yes\n",
            2,
        );
        assert_eq!(
            (l, h.as_str()),
            (2, "write `draft: true` or `draft: false`")
        );
        let (_, h) = help(
            "weight: found the text \"first\", expected a whole number",
            "weight: first\n",
            1,
        );
        assert_eq!(h, "write a whole number, like `weight: 1`");
        let (_, h) = help(
            "sort_by: unknown value `dates`, expected one of `date`, `weight`, `title`",
            "sort_by: dates\n",
            1,
        );
        assert_eq!(
            h,
            "write one of: `sort_by: date`, `sort_by: weight`, `sort_by: title`"
        );
        let (_, h) = help(
            "topics: found the text \"training, safeguarding\", expected a list",
            "topics: training, safeguarding\n",
            1,
        );
        assert!(h.ends_with("`topics: [training, safeguarding]`"), "{h}");
    }

    #[test]
    fn a_list_for_text_points_at_its_key() {
        let (l, h) = help(
            "description: found a list, expected text",
            "title: T\ndescription:\n  - one\n  - two\n",
            3,
        );
        assert_eq!(l, 2);
        assert!(
            h.contains("`description: One plain sentence about the page.`"),
            "{h}"
        );
    }

    #[test]
    fn an_archetype_blank_is_to_be_filled_in_not_quoted() {
        let blank = archetype_blank("review_by", "{{ review_by }}");
        assert!(
            blank.ends_with("write the value itself, like `review_by: 2025-05-01`"),
            "{blank}"
        );
        let text = "title: T\nreview_by: {{ review_by }}\n";
        let message = "review_by: found a group of settings, expected text";
        assert_eq!(for_value(message, text, 2), Some((2, blank)));
    }

    #[test]
    fn other_messages_are_left_to_the_general_advice() {
        assert_eq!(for_value("something else went wrong", "a: b\n", 1), None);
        assert_eq!(for_value("x: found a list, expected a group", "", 9), None);
    }
}
