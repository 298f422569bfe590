//! YAML that cannot be read at all, explained in plain words.
//!
//! The YAML reader names the place where it gave up, which is often a line or more
//! after the mistake (an unclosed quotation mark is found at the end of the file).
//! Its message also says where the construct it was reading began ("while scanning
//! a quoted scalar at line 3 column 8"): that is where the author must look, so the
//! finding points there. The reader's own words are kept in a note. Pure text work:
//! this never reads files and never fails.

mod quotes;

/// A syntax problem: where it starts (1-based, in the YAML text), what it is and
/// what to do, in words for someone who has never heard of YAML's grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Explained {
    pub(crate) line: usize,
    pub(crate) col: usize,
    pub(crate) message: String,
    pub(crate) help: String,
}

/// For line `line` (1-based) of `lines`, a `key: value` line, its indent and
/// the smaller indent of the `key: value` line above it, when it is indented
/// past that one: then YAML reads it as the rest of that value.
fn indented_past(lines: &[&str], line: usize) -> Option<(usize, usize)> {
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let is_setting = |l: &str| {
        let t = l.trim_start();
        !t.starts_with(['#', '-'])
            && t.split_once(": ")
                .is_some_and(|(k, v)| !k.contains(' ') && !v.trim().is_empty())
    };
    let source = lines.get(line.checked_sub(1)?)?;
    let above = lines
        .get(..line - 1)?
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    (is_setting(source) && is_setting(above) && indent(source) > indent(above))
        .then(|| (indent(source), indent(above)))
}

/// Explains the reader's message `full` (with its "at line …" parts) about `text`,
/// which failed at (`line`, `col`).
pub(crate) fn explain(full: &str, text: &str, line: usize, col: usize) -> Explained {
    let lines: Vec<&str> = text.lines().collect();
    let at_line = |n: usize| lines.get(n.saturating_sub(1)).copied().unwrap_or("");
    let explained = |line, col, message: &str, help: &str| Explained {
        line,
        col,
        message: message.to_owned(),
        help: help.to_owned(),
    };
    if let Some((l, c)) = began_at(full, "while scanning a quoted scalar") {
        let quote = at_line(l).chars().nth(c.saturating_sub(1)).unwrap_or('"');
        return explained(
            l,
            c,
            &format!("the quotation mark {quote} that starts here is never closed"),
            &format!(
                "end the value with a matching {quote} on the same line, like `title: {quote}Think Family{quote}`, or take the opening {quote} out"
            ),
        );
    }
    if let Some((l, c)) = began_at(full, "while parsing a flow sequence") {
        return explained(
            l,
            c,
            "the list that starts here with `[` is never closed with `]`",
            "end the list with `]` on the same line, like `latest_from: [briefings, newsletters]`",
        );
    }
    if let Some((l, c)) = began_at(full, "while parsing a flow mapping") {
        return explained(
            l,
            c,
            "the group that starts here with `{` is never closed with `}`",
            "end it with `}` on the same line, like `- { name: About us, url: /about/ }`",
        );
    }
    // `LADO Local Authority Designated Officer`: a line with no colon, which
    // the reader finds missing only at the line after it.
    if full.starts_with("could not find expected ':'")
        && let Some((l, c)) = began_at(full, "while scanning a simple key")
    {
        // `  early help` under `  - neglect`: an item that lost its hyphen.
        let above = lines[..l.saturating_sub(1).min(lines.len())]
            .iter()
            .rev()
            .find(|a| !a.trim().is_empty());
        let item = at_line(l).trim();
        if let Some(above) = above
            && above.trim_start().starts_with("- ")
            && above.len() - above.trim_start().len() == c.saturating_sub(1)
        {
            return explained(
                l,
                c,
                "this line is under a list, but does not start with `- ` as the list's items do",
                &format!(
                    "start it with a hyphen and a space, like `{}- {item}`",
                    " ".repeat(c.saturating_sub(1))
                ),
            );
        }
        return explained(
            l,
            c,
            "this line has no `:`, so it is not read as `setting: value`",
            "put a colon and a space after the name, like `title: Think Family`; if it is more of the value above, put that whole value in quotation marks on one line",
        );
    }
    let source = at_line(line);
    if source.starts_with('\t') || source.trim_start_matches(' ').starts_with('\t') {
        return explained(
            line,
            1,
            "this line is indented with a tab",
            "indent with spaces instead: two spaces for each level (many editors have a setting to type spaces for the Tab key)",
        );
    }
    if full.starts_with("mapping values are not allowed") {
        if let Some((indent, above)) = indented_past(&lines, line) {
            return explained(
                line,
                1,
                &format!(
                    "this line starts with {indent} spaces and the setting above it with {above}, so it reads as more of that setting's value"
                ),
                &format!(
                    "if it is a setting of its own, line it up with the one above: start it with {above} spaces{}. If it is more of that value, put the whole value in quotation marks",
                    if above == 0 { " (none)" } else { "" }
                ),
            );
        }
        let value_col = source
            .find(": ")
            .map_or(col, |i| source[..i].chars().count() + 3);
        let value = source.split_once(": ").map_or("", |(_, v)| v.trim());
        if value.starts_with(['“', '”', '‘', '’', '„']) {
            // Quotes a word processor typed: YAML reads them as letters.
            let straight: String = source
                .trim()
                .chars()
                .map(|c| match c {
                    '“' | '”' | '„' => '"',
                    '‘' | '’' => '\'',
                    c => c,
                })
                .collect();
            return explained(
                line,
                value_col,
                "this value is in curly quotation marks, which YAML reads as part of the text, so its colon and space start a second setting",
                &format!("use straight quotes `\"`, not `“ ”`: `{straight}`"),
            );
        }
        if value.ends_with(':') && !value.contains(": ") {
            // `booking_url: mailto:` or `url: https:`: a link begun and never finished.
            let key = source.split_once(':').map_or("", |(k, _)| k.trim());
            let help = match value.to_ascii_lowercase().as_str() {
                "mailto:" => format!(
                    "write the email address straight after it, like `{key}: mailto:training@example.org`, or delete the value until you have one"
                ),
                "tel:" => format!(
                    "write the phone number straight after it, like `{key}: tel:+441632960000`, or delete the value"
                ),
                "http:" | "https:" => format!(
                    "paste the whole address, like `{key}: https://www.example.org/book`, or delete the value until you have it"
                ),
                _ => format!(
                    "finish the value, or put it in quotation marks, like `{key}: \"{value}\"`"
                ),
            };
            return explained(
                line,
                value_col,
                &format!(
                    "`{value}` ends with a colon and nothing after it, so it reads as the start of a setting of its own"
                ),
                &help,
            );
        }
        return explained(
            line,
            value_col,
            "this value has a colon and a space in it, so it reads as a second setting",
            "put the whole value in quotation marks, like `title: \"Neglect: a guide for staff\"`",
        );
    }
    if let Some(key) = full
        .strip_prefix("duplicate entry with key \"")
        .and_then(|r| r.split('"').next())
    {
        let (l, c) = lines_of_key(text, key)
            .get(1)
            .copied()
            .unwrap_or((line, col));
        return explained(
            l,
            c,
            &format!("`{key}` is set twice"),
            "keep one of the two lines and delete the other",
        );
    }
    let before = source
        .chars()
        .take(col.saturating_sub(1))
        .collect::<String>();
    // `title: 'The child's voice'`: a mark inside the value closed it.
    if full.starts_with("did not find expected")
        && let Some(quote) = before
            .trim_end()
            .chars()
            .last()
            .filter(|c| matches!(c, '"' | '\''))
        && let Some(early) = quotes::closed_early(&lines, line, col, quote)
    {
        return explained(early.line, early.col, &early.message, &early.help);
    }
    if full.starts_with("did not find expected key") {
        if before.trim_end().ends_with(['"', '\'']) && before.contains(": ") {
            return explained(
                line,
                col,
                "there is more text after the closing quotation mark",
                "put the whole value inside the quotation marks, like `title: \"Think Family\" guide` → `title: \"Think Family guide\"`",
            );
        }
        if source.trim_start().starts_with("- ") {
            return explained(
                line,
                col,
                "this list item is not under a setting that holds a list",
                "put it under its setting and indent it, like `menu:` on one line and `  - { name: About us, url: /about/ }` below",
            );
        }
        return explained(
            line,
            col,
            "this line is not lined up with the lines around it",
            "settings in the same group start in the same column: indent each level by two spaces, and line this one up with the setting above it",
        );
    }
    if full.starts_with("found character that cannot start any token") {
        return explained(
            line,
            col,
            "this value starts with a character YAML keeps for itself, like @ or `",
            "put the whole value in quotation marks, like `note: \"@partnership on social media\"`",
        );
    }
    explained(
        line,
        col,
        "this line could not be read as settings",
        "each line should look like `setting: value`; put values that contain `: ` or start with a symbol in quotation marks",
    )
}

/// Line and column (1-based) of each line that sets `key:`, at any indent.
pub(crate) fn lines_of_key(text: &str, key: &str) -> Vec<(usize, usize)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map(|(i, l)| (i + 1, l.len() - l.trim_start().len() + 1))
        .collect()
}

/// The 1-based line and column in "`context` at line L column C".
fn began_at(full: &str, context: &str) -> Option<(usize, usize)> {
    let rest = &full[full.find(context)? + context.len()..];
    let rest = rest.strip_prefix(" at line ")?;
    let (line, rest) = rest.split_once(" column ")?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, col.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_where_the_construct_began() {
        assert_eq!(
            began_at(
                "x at line 6 column 1, while scanning a quoted scalar at line 1 column 8",
                "while scanning a quoted scalar"
            ),
            Some((1, 8))
        );
        assert_eq!(began_at("no context", "while parsing a flow mapping"), None);
    }

    /// What `explain` makes of the YAML reader's own error for `text`.
    fn explained_for(text: &str) -> Explained {
        let err = yaml_serde::from_str::<yaml_serde::Value>(text).expect_err("not YAML");
        let (line, col) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
        explain(&err.to_string(), text, line, col)
    }

    #[test]
    fn a_line_without_its_colon_is_named_not_the_line_after_it() {
        let e = explained_for(
            "CSE: Child sexual exploitation\nLADO Local Authority Designated Officer\n\n",
        );
        assert_eq!((e.line, e.col), (2, 1));
        assert_eq!(
            e.message,
            "this line has no `:`, so it is not read as `setting: value`"
        );
        // In a list, the line lost its hyphen rather than a colon.
        let e = explained_for("title: A\ntopics:\n  - neglect\n  early help\ndate: 2026-01-01\n");
        assert_eq!((e.line, e.col), (4, 3));
        assert!(
            e.message.contains("does not start with `- `"),
            "{}",
            e.message
        );
        assert_eq!(
            e.help,
            "start it with a hyphen and a space, like `  - early help`"
        );
    }

    #[test]
    fn a_quotation_mark_that_closed_a_value_too_soon_is_named() {
        // The places are the YAML reader's own.
        for (text, place, help) in [
            (
                "title: 'The child's voice'\n",
                (1, 8),
                "write `title: \"The child's voice\"`",
            ),
            (
                "topics:\n  - 'children's care'\n",
                (2, 5),
                "write `- \"children's care\"`",
            ),
            (
                "title: 'Neglect\ndescription: A child's day.\n",
                (1, 8),
                "end the value with ' on the same line, like `title: 'Neglect'`, or take the opening ' out",
            ),
        ] {
            let e = explained_for(text);
            assert_eq!(((e.line, e.col), e.help.as_str()), (place, help), "{text}");
        }
    }

    #[test]
    fn curly_quotes_ask_for_straight_ones() {
        let e = explain(
            "mapping values are not allowed in this context at line 1 column 16",
            "title: “Neglect: a guide for staff”\n",
            1,
            16,
        );
        assert_eq!(e.col, 8);
        assert_eq!(
            e.help,
            "use straight quotes `\"`, not `“ ”`: `title: \"Neglect: a guide for staff\"`"
        );
    }

    #[test]
    fn a_setting_indented_past_the_one_above_is_told_to_line_up() {
        let text = "report_concern:\n  text: Worried?\n   note: Call 999.\n";
        let e = explain(
            "mapping values are not allowed in this context at line 3 column 8",
            text,
            3,
            8,
        );
        assert_eq!((e.line, e.col), (3, 1));
        assert!(
            e.message
                .starts_with("this line starts with 3 spaces and the setting above it with 2"),
            "{e:?}"
        );
        assert!(e.help.contains("start it with 2 spaces"), "{e:?}");
        // A colon in a value on one line is still explained as one.
        let e = explain(
            "mapping values are not allowed",
            "title: Neglect: a guide\n",
            1,
            15,
        );
        assert!(e.message.contains("colon and a space"), "{e:?}");
    }

    #[test]
    fn a_link_begun_and_never_finished_is_told_what_to_add() {
        for (value, help) in [
            ("mailto:", "`booking_url: mailto:training@example.org`"),
            ("tel:", "write the phone number straight after it"),
            ("https:", "paste the whole address"),
            ("Note:", "`booking_url: \"Note:\"`"),
        ] {
            let text = format!("title: Training\nbooking_url: {value}\n");
            let e = explain("mapping values are not allowed", &text, 2, 21);
            assert_eq!((e.line, e.col), (2, 14), "{e:?}");
            assert!(
                e.message
                    .starts_with(&format!("`{value}` ends with a colon")),
                "{e:?}"
            );
            assert!(e.help.contains(help), "{e:?}");
        }
    }

    #[test]
    fn hostile_text_never_panics() {
        for text in ["", "\u{0}", "é: \"", "\t\t", ":::::"] {
            let e = explain("mapping values are not allowed", text, 9, 99);
            assert!(!e.message.is_empty());
            let e = explain("did not find expected key", text, 1, 500);
            assert!(!e.help.is_empty());
        }
    }
}
