//! A quoted value that a quotation mark inside it ended too soon: the
//! apostrophe of `'The child's voice'`, the inner quotes of
//! `"The "voice" of the child"`, or a value opened on one line and closed by
//! an apostrophe lines below. The YAML reader only says it found more text
//! where it expected a setting; here the author is told which mark ended the
//! value, and given the line written so it reads as they meant.

/// Where the value that was closed too soon starts (1-based), what happened
/// and the line to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ClosedEarly {
    pub(super) line: usize,
    pub(super) col: usize,
    pub(super) message: String,
    pub(super) help: String,
}

/// Explains the text after a closing quotation mark `quote` at `col` of line
/// `line` (1-based) of `lines`, when a mark inside the value closed it: the
/// value began with `quote` on this line, or on a line above that it never
/// closed. `None` when the value was closed where the author meant.
pub(super) fn closed_early(
    lines: &[&str],
    line: usize,
    col: usize,
    quote: char,
) -> Option<ClosedEarly> {
    let source = lines.get(line.checked_sub(1)?)?;
    if let Some((key, open, value)) = quoted_value(source, quote) {
        // The reader stopped after the mark that closed the value: text
        // followed it on the same line.
        let stop = source
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(source.len(), |(i, _)| i);
        let closed = source.get(..stop)?.trim_end();
        let inside = closed.get(open + 1..)?.strip_suffix(quote)?;
        let closed_at = closed.len();
        // `"Think Family" guide`: a whole value, and words after it.
        let word_after = source[closed_at..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace());
        let meant_later = value.len() > 1 && value.ends_with(quote);
        if inside.contains(quote) || !(word_after || meant_later) {
            return None;
        }
        let stopped = stopped_word(source, closed_at);
        let message = match quote {
            '\'' => format!(
                "the apostrophe in `{stopped}` ends this value, as the value starts with a single quotation mark"
            ),
            _ => format!(
                "the quotation mark before `{stopped}` ends this value, as the value starts with one too"
            ),
        };
        let column = source[..open].chars().count() + 1;
        return Some(ClosedEarly {
            line,
            col: column,
            message,
            help: format!("write `{key}{}`", requoted(value, quote)),
        });
    }
    // The value was opened on a line above, and never closed there.
    let (above, (key, open, _)) = (1..line)
        .rev()
        .map(|n| (n, lines.get(n - 1).copied().unwrap_or("")))
        .take_while(|(n, l)| *n == line - 1 || !l.contains(": "))
        .find_map(|(n, l)| quoted_value(l, quote).map(|q| (n, q)))?;
    let opener = lines.get(above - 1)?;
    if opener[open + 1..].contains(quote) {
        return None;
    }
    let value = opener[open..].trim_end();
    // Where the reader stopped, after the mark that closed the value.
    let stop = source
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(source.len(), |(i, _)| i);
    let closed_at = source.get(..stop)?.trim_end().len();
    let below = match line - above {
        1 => "on the next line".to_owned(),
        n => format!("{n} lines below"),
    };
    Some(ClosedEarly {
        line: above,
        col: opener[..open].chars().count() + 1,
        message: format!(
            "the quotation mark {quote} that starts this value is not closed on its line, so the value runs on to the {quote} of `{}`, {below}",
            stopped_word(source, closed_at)
        ),
        help: format!(
            "end the value with {quote} on the same line, like `{key}{value}{quote}`, or take the opening {quote} out"
        ),
    })
}

/// What comes before the value (`title: `, or `- ` for a list item), the
/// byte offset of the opening `quote` and the value from it on, of a
/// `key: 'value…` line or a list item `- 'value…`.
fn quoted_value(line: &str, quote: char) -> Option<(String, usize, &str)> {
    let (key, rest) = match line.split_once(": ") {
        Some((key, rest)) => (format!("{}: ", key.trim().trim_start_matches("- ")), rest),
        None => ("- ".to_owned(), line.trim_start().strip_prefix("- ")?),
    };
    let value = rest.trim_start();
    if !value.starts_with(quote) {
        return None;
    }
    let open = line.len() - rest.len() + (rest.len() - value.len());
    Some((key, open, value.trim_end()))
}

/// The word around byte `at` of `line`: the letters either side of it.
fn stopped_word(line: &str, at: usize) -> &str {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-');
    let start = line[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = line[at..]
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map_or(line.len(), |(i, _)| at + i);
    line[start..end].trim_matches('\'')
}

/// `value`, written in `quote` marks with one inside, written so it reads as
/// one value: in the other kind of quotation mark, or in single ones with each
/// `'` inside doubled, as YAML reads `''`.
fn requoted(value: &str, quote: char) -> String {
    let inner = value.strip_prefix(quote).unwrap_or(value);
    let inner = inner.strip_suffix(quote).unwrap_or(inner);
    match quote {
        '\'' if !inner.contains('"') => format!("\"{inner}\""),
        '"' if !inner.contains('\'') => format!("'{inner}'"),
        _ => format!("'{}'", inner.replace('\'', "''")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain(text: &str, line: usize, col: usize, quote: char) -> Option<ClosedEarly> {
        let lines: Vec<&str> = text.lines().collect();
        closed_early(&lines, line, col, quote)
    }

    #[test]
    fn an_apostrophe_inside_single_quotes_is_named_with_the_line_to_write() {
        let got = explain("title: 'The child's voice'\n", 1, 19, '\'').expect("explained");
        assert_eq!((got.line, got.col), (1, 8));
        assert_eq!(
            got.message,
            "the apostrophe in `child's` ends this value, as the value starts with a single quotation mark"
        );
        assert_eq!(got.help, "write `title: \"The child's voice\"`");
    }

    #[test]
    fn quotes_inside_double_quotes_are_named_with_the_line_to_write() {
        let got =
            explain("title: \"The \"voice\" of the child\"\n", 1, 14, '"').expect("explained");
        assert_eq!(
            got.message,
            "the quotation mark before `voice` ends this value, as the value starts with one too"
        );
        assert_eq!(got.help, "write `title: 'The \"voice\" of the child'`");
        // Both kinds inside: single quotes, with the apostrophe doubled.
        assert_eq!(requoted("\"Sam's \"voice\"\"", '"'), "'Sam''s \"voice\"'");
    }

    #[test]
    fn a_list_item_is_given_as_a_list_item() {
        let got = explain("topics:\n  - 'children's care'\n", 2, 15, '\'').expect("explained");
        assert_eq!((got.line, got.col), (2, 5));
        assert_eq!(got.help, "write `- \"children's care\"`");
    }

    #[test]
    fn a_value_left_open_is_found_on_its_own_line() {
        let text = "title: 'Neglect\ndescription: the child's day\n";
        let got = explain(text, 2, 25, '\'').expect("explained");
        assert_eq!((got.line, got.col), (1, 8));
        assert_eq!(
            got.message,
            "the quotation mark ' that starts this value is not closed on its line, so the value runs on to the ' of `child's`, on the next line"
        );
        assert_eq!(
            got.help,
            "end the value with ' on the same line, like `title: 'Neglect'`, or take the opening ' out"
        );
    }

    #[test]
    fn a_value_closed_where_meant_is_left_to_the_general_message() {
        // `title: "Think Family" guide`: text after a value that was whole.
        assert_eq!(explain("title: \"Think Family\" guide\n", 1, 22, '"'), None);
        assert_eq!(explain("", 1, 1, '"'), None);
        assert_eq!(explain("a\nb\n", 2, 9, '\''), None);
    }
}
