//! Values cut short by a `#`: `title: Spring newsletter #3` reads as "Spring
//! newsletter", and `title: Case review # 3 findings` as "Case review", because
//! in YAML a space and then `#` start a note to the reader that is thrown away.
//! So any `#` that follows some text of a plain value on its line is taken for
//! a cut value, whatever comes after it: an author who meant a note is told to
//! move it to a line of its own.
//!
//! Part of `yaml`, run on `site.yaml` and on front matter before they are read.
//! A pure pass over the lines of the text: quoted values, block values (`|` and
//! `>`), notes on their own line, and notes written `# like this` where no text
//! of a value stands before them (`menu: # main`, after a closed `[ … ]`) are
//! skipped, and nothing here fails. A value left empty (`colour: #8a1538`) or a
//! `{ … }` or `[ … ]` group cut open is an error; a value that keeps some of its
//! text is a warning.

use std::path::Path;

use crate::error::Diagnostic;

/// One value a `#` cut short, in the YAML text (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cut {
    pub(crate) line: usize,
    /// Column (in characters) of the `#`.
    pub(crate) col: usize,
    /// The key whose value it is, when the line or an earlier one names it.
    pub(crate) key: Option<String>,
    /// What YAML keeps of the value.
    pub(crate) kept: String,
    /// The value the author meant, from its start to its end, `#` included.
    pub(crate) meant: String,
    /// All that YAML leaves out: the line from the `#` on.
    pub(crate) dropped: String,
    /// The line with the meant value in quotation marks, when it can be written.
    pub(crate) fixed: Option<String>,
    /// Inside `[ … ]` or `{ … }`: the closing bracket is lost as well.
    pub(crate) in_group: bool,
}

impl Cut {
    /// True when the page or site would break or lose a setting.
    pub(crate) fn is_error(&self) -> bool {
        self.kept.is_empty() || self.in_group
    }
}

/// Adds every cut value in `text` to `out`; `first_line` is the file line of
/// the text's first line.
pub(crate) fn findings(
    text: &str,
    file: &Path,
    first_line: usize,
    rule: &'static str,
    out: &mut Vec<Diagnostic>,
) {
    // Most texts have no `#` that follows a space at all.
    if !text.contains(" #") && !text.contains("\t#") {
        return;
    }
    out.extend(
        cuts(text)
            .into_iter()
            .map(|cut| describe(&cut, file, first_line, rule)),
    );
}

fn describe(cut: &Cut, file: &Path, first_line: usize, rule: &'static str) -> Diagnostic {
    let lost = cut.meant[cut.kept.len()..].trim_start();
    let what = cut
        .key
        .as_deref()
        .map_or_else(|| "this list item".to_owned(), |k| format!("`{k}`"));
    let why = "in YAML a space and then `#` start a note, which plainsite ignores";
    let message = if cut.kept.is_empty() {
        format!("{what} is empty: {why}, so `{lost}` is left out")
    } else if cut.in_group {
        format!(
            "the text from `{lost}` to the end of the line is left out of {what}: {why}, and the bracket that closes the group is lost with it"
        )
    } else {
        format!(
            "{what} reads only {:?}: `{}` is left out, because in YAML a space and then `#` start a note",
            cut.kept, cut.dropped
        )
    };
    let mut help = match &cut.fixed {
        Some(line) => format!("put the whole value in quotation marks: `{}`", line.trim()),
        None => format!(
            "put the whole value of {what} in quotation marks, like `title: \"Spring newsletter #3\"`"
        ),
    };
    if !cut.is_error() {
        help.push_str(&format!(
            ". If `{}` is a note, move it to a line of its own",
            cut.dropped
        ));
    }
    let diagnostic = if cut.is_error() {
        Diagnostic::error(rule, file, message)
    } else {
        Diagnostic::warning(rule, file, message)
    };
    diagnostic.at(cut.line + first_line - 1, cut.col).help(help)
}

/// Where each line's scan stands when the line ends.
#[derive(Default)]
struct State {
    /// Inside a quoted value that goes on to the next line.
    quote: Option<char>,
    /// How deep inside `[ … ]` and `{ … }`.
    depth: usize,
    /// Inside a `|` or `>` value: lines indented more than this are its text.
    block: Option<usize>,
    /// The last key named, for a plain value that goes on over lines.
    key: Option<String>,
}

/// Every value in `text` that a `#` cuts short.
pub(crate) fn cuts(text: &str) -> Vec<Cut> {
    let lines: Vec<&str> = text.lines().collect();
    let mut state = State::default();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(block) = state.block {
            if line.trim().is_empty() || indent > block {
                continue;
            }
            state.block = None;
        }
        if let Some(cut) = scan_line(line, indent, &mut state) {
            if cut.kept.is_empty() && cut.key.is_some() && has_nested(&lines[i + 1..], indent) {
                // `menu: #main` over an indented list: the `#main` is a note.
                continue;
            }
            found.push(Cut { line: i + 1, ..cut });
        }
    }
    found
}

/// True when the next line with content is indented under a key at `indent`, or
/// is a list item at the same indent.
fn has_nested(rest: &[&str], indent: usize) -> bool {
    rest.iter()
        .map(|l| (l.len() - l.trim_start_matches([' ', '\t']).len(), l.trim()))
        .find(|(_, t)| !t.is_empty() && !t.starts_with('#'))
        .is_some_and(|(i, t)| i > indent || (i == indent && (t == "-" || t.starts_with("- "))))
}

/// Scans one line, carrying `state` over to the next; the cut in it, if any
/// (its `line` not yet set).
fn scan_line(line: &str, indent: usize, state: &mut State) -> Option<Cut> {
    let bytes = line.as_bytes();
    // Where a value may start (after `key:`, `- `, `[`, `{` or `,`).
    let mut value_may_start = true;
    // Byte where the current value starts, once a character of it is seen.
    let mut value_start: Option<usize> = None;
    let mut after_space = true;
    let mut on_line_start = true;
    let mut key_here = false;
    // A `[ … ]` or `{ … }` value closed on this line: what follows is a note.
    let mut group_closed = false;
    let mut i = indent;
    while i < bytes.len() {
        if let Some(q) = state.quote {
            i = close_quote(line, i, q, state);
            after_space = false;
            continue;
        }
        let c = bytes[i];
        match c {
            b' ' | b'\t' => {
                after_space = true;
                i += 1;
                continue;
            }
            b'#' if after_space => {
                let next = line[i + 1..].chars().next();
                let quoted_value = value_start.is_some_and(|s| matches!(bytes[s], b'"' | b'\''));
                // `# like this` where no text of a value stands before it
                // (`key: # note`, `- # note`, `[a, # note`) drops nothing.
                let note = next.is_none_or(|n| n.is_whitespace() || n == '#');
                let nothing_before = value_start.is_none();
                // Inside `[ … ]` a note may end a line that the group goes on
                // after; it cuts the group open only when its bracket is on the line.
                let group_goes_on = state.depth > 0 && !line[i..].contains([',', ']', '}']);
                if on_line_start
                    || quoted_value
                    || group_closed
                    || (note && (nothing_before || group_goes_on))
                {
                    return None;
                }
                return Some(cut_at(line, i, value_start, key_here, state));
            }
            b'"' | b'\'' if value_may_start => {
                state.quote = Some(char::from(c));
                value_start = Some(i);
                i += 1;
                value_may_start = false;
                after_space = false;
                on_line_start = false;
                continue;
            }
            b'[' | b'{' if value_may_start => {
                state.depth += 1;
                value_start = None;
            }
            b']' | b'}' if state.depth > 0 => {
                state.depth -= 1;
                group_closed = state.depth == 0;
                value_start = None;
            }
            b',' if state.depth > 0 => {
                value_may_start = true;
                value_start = None;
                after_space = false;
                i += 1;
                continue;
            }
            b':' if bytes.get(i + 1).is_none_or(|n| {
                n.is_ascii_whitespace() || (state.depth > 0 && b",]}".contains(n))
            }) =>
            {
                let key_from = value_start.unwrap_or(indent);
                let key = line[key_from..i].trim().trim_start_matches("- ").trim();
                state.key = Some(key.trim_matches(['"', '\'']).to_owned());
                key_here = true;
                value_may_start = true;
                value_start = None;
                after_space = false;
                on_line_start = false;
                i += 1;
                continue;
            }
            b'-' if value_may_start
                && state.depth == 0
                && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace) =>
            {
                if on_line_start {
                    state.key = None;
                    key_here = true;
                }
                value_start = None;
                after_space = false;
                on_line_start = false;
                i += 1;
                continue;
            }
            b'|' | b'>' if value_may_start && state.depth == 0 => {
                let header = line[i + 1..].split(" #").next().unwrap_or("");
                if header
                    .trim()
                    .chars()
                    .all(|h| h == '+' || h == '-' || h.is_ascii_digit())
                {
                    state.block = Some(indent);
                    return None;
                }
            }
            _ => {}
        }
        if value_start.is_none() && !b"[]{}".contains(&c) {
            value_start = Some(i);
        }
        value_may_start = b"[{".contains(&c);
        after_space = false;
        on_line_start = false;
        i += 1;
    }
    None
}

/// Past the closing quote `q` from byte `i` (or the line's end), updating `state`.
fn close_quote(line: &str, mut i: usize, q: char, state: &mut State) -> usize {
    let bytes = line.as_bytes();
    let q = q as u8;
    while i < bytes.len() {
        if q == b'"' && bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == q {
            if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            state.quote = None;
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

/// The cut made by the `#` at byte `hash`.
fn cut_at(
    line: &str,
    hash: usize,
    value_start: Option<usize>,
    key_here: bool,
    state: &State,
) -> Cut {
    let in_group = state.depth > 0;
    let start = value_start.unwrap_or(hash);
    // The meant value ends where a group goes on (`,` `]` `}`), or at a note
    // written `# like this`.
    let rest = &line[hash..];
    let end = if in_group {
        rest.find([',', ']', '}']).map_or(line.len(), |e| hash + e)
    } else {
        rest.find(" # ")
            .or_else(|| rest.find("\t# "))
            .map_or(line.len(), |e| hash + e)
    };
    let meant = line[start..end].trim_end().to_owned();
    let kept = line[start..hash].trim_end().to_owned();
    let fixed = (key_here || in_group).then(|| {
        let after = &line[start + meant.len()..];
        let after = if in_group { after } else { "" };
        format!("{}{}{}", &line[..start], quoted(&meant), after)
    });
    Cut {
        line: 0,
        col: line[..hash].chars().count() + 1,
        key: state.key.clone().filter(|k| !k.is_empty()),
        kept,
        meant,
        dropped: line[hash..].trim_end().to_owned(),
        fixed,
        in_group,
    }
}

/// `value` in double quotation marks, or single ones when it holds `"` or `\`,
/// so that YAML reads it back unchanged.
pub(crate) fn quoted(value: &str) -> String {
    if value.contains(['"', '\\']) {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Cut {
        let found = cuts(text);
        assert_eq!(found.len(), 1, "{found:?}");
        found.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn finds_a_number_cut_from_a_title() {
        let cut = one("title: Spring newsletter #3\ndescription: D.\n");
        assert_eq!(cut.line, 1);
        assert_eq!(cut.col, 26);
        assert_eq!(cut.key.as_deref(), Some("title"));
        assert_eq!(cut.kept, "Spring newsletter");
        assert!(!cut.is_error());
        assert_eq!(
            cut.fixed.as_deref(),
            Some("title: \"Spring newsletter #3\"")
        );
    }

    #[test]
    fn a_colour_left_empty_is_an_error() {
        let cut = one("brand:\n  colour: #8a1538\n");
        assert_eq!((cut.line, cut.col), (2, 11));
        assert!(cut.is_error());
        assert_eq!(cut.key.as_deref(), Some("colour"));
        assert_eq!(cut.fixed.as_deref(), Some("  colour: \"#8a1538\""));
    }

    #[test]
    fn a_group_cut_open_is_an_error_and_keeps_its_bracket() {
        let cut = one("brand: { colour: #0b3b5e }\n");
        assert!(cut.in_group && cut.is_error());
        assert_eq!(cut.fixed.as_deref(), Some("brand: { colour: \"#0b3b5e\" }"));
        let cut = one("topics: [neglect, #safeguarding]\n");
        assert_eq!(
            cut.fixed.as_deref(),
            Some("topics: [neglect, \"#safeguarding\"]")
        );
    }

    #[test]
    fn a_hashtag_in_a_sentence_and_in_a_list_item() {
        let cut = one("description: Our news for spring #safeguarding week.\n");
        assert_eq!(cut.kept, "Our news for spring");
        assert_eq!(cut.meant, "Our news for spring #safeguarding week.");
        let cut = one("topics:\n  - #neglect\n");
        assert!(cut.is_error());
        assert_eq!(cut.key, None);
        assert_eq!(cut.fixed.as_deref(), Some("  - \"#neglect\""));
    }

    #[test]
    fn quotes_in_the_value_are_kept_inside_single_quotes() {
        let cut = one("title: The \"Think\" guide #2\n");
        assert_eq!(
            cut.fixed.as_deref(),
            Some("title: 'The \"Think\" guide #2'")
        );
    }

    #[test]
    fn notes_and_quoted_values_are_left_alone() {
        for text in [
            "# A note on its own line\ntitle: T\n",
            "colour: \"#8a1538\"  # our purple\n",
            "title: 'Newsletter #3'\n",
            "title: \"It's #3\"\n",
            "title: Children's services\nurl: https://example.org/#top\n",
            "description: C# and F# courses\n",
            "description: |\n  Issue #3 of the newsletter\n  #safeguarding\ntitle: T\n",
            "description: >-\n  Item #1\n",
            "title: \"A long\n  title #3\"\n",
            "title: Health & safety\n",
            "title: Newyddion y gwanwyn\ndescription: Ryszard Łoś, Gdańsk — نیوز\n",
            "menu: #main\n  - { name: About us, url: /about/ }\n",
            "extra:\n  # note\n  a: b\n",
            "title: \"A\" #note\n",
            "title: \"Case review # 3 findings\"\n",
            "title: 'Case review # 3 findings' # a note\n",
            "  # an indented note\ntitle: T\n",
            "summary: |\n  Meeting notes # draft\n  # not a note\n",
            "summary: > # a note on the header\n  Item # 1\n",
            "aliases: # none yet\ntitle: T\n",
            "topics: [neglect, early help] # two topics\n",
            "topics: [neglect] #neglect\n",
            "topics: [neglect, # the first\n  early help]\n",
            "topics:\n  - # none yet\n",
        ] {
            assert!(cuts(text).is_empty(), "{text:?}: {:?}", cuts(text));
        }
    }

    #[test]
    fn a_note_after_a_plain_value_cuts_it() {
        let cut = one("title: Case review # 3 findings\n");
        assert_eq!((cut.line, cut.col), (1, 20));
        assert_eq!(cut.kept, "Case review");
        assert_eq!(cut.dropped, "# 3 findings");
        assert!(!cut.is_error());
        assert_eq!(
            cut.fixed.as_deref(),
            Some("title: \"Case review # 3 findings\"")
        );
        let cut = one("---\nsummary: Meeting notes #draft  \n");
        assert_eq!((cut.line, cut.kept.as_str()), (2, "Meeting notes"));
        assert_eq!(cut.dropped, "#draft");
        for (text, dropped) in [
            ("title: T # a note\n", "# a note"),
            ("title: T #\n", "#"),
            ("title: T ## heading\n", "## heading"),
            ("  - first item # second\n", "# second"),
            ("title: Neglect\t# tabbed\n", "# tabbed"),
        ] {
            assert_eq!(one(text).dropped, dropped, "{text:?}");
        }
    }

    #[test]
    fn a_hashtag_with_nothing_before_it_empties_the_value() {
        let cut = one("tags: #safeguarding\n");
        assert!(cut.is_error());
        assert_eq!(cut.kept, "");
        assert_eq!(cut.fixed.as_deref(), Some("tags: \"#safeguarding\""));
    }

    #[test]
    fn a_note_that_swallows_a_groups_bracket_cuts_it_open() {
        let cut = one("topics: [neglect, early help # todo]\n");
        assert!(cut.in_group && cut.is_error());
    }

    #[test]
    fn a_value_going_on_over_lines_names_its_key() {
        let cut = one("description: Our news\n  for spring #safeguarding week.\n");
        assert_eq!(cut.line, 2);
        assert_eq!(cut.key.as_deref(), Some("description"));
        assert_eq!(cut.fixed, None);
    }

    #[test]
    fn findings_give_file_lines_and_the_corrected_line() {
        let mut found = Vec::new();
        findings(
            "title: Spring newsletter #3\n",
            Path::new("content/a.md"),
            2,
            crate::rules::FRONT_MATTER,
            &mut found,
        );
        assert_eq!(found.len(), 1);
        assert!(!found[0].is_error());
        assert_eq!(found[0].line, Some(2));
        assert!(
            found[0].message.contains("\"Spring newsletter\""),
            "{}",
            found[0].message
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "put the whole value in quotation marks: `title: \"Spring newsletter #3\"`. \
                 If `#3` is a note, move it to a line of its own"
            )
        );
    }

    #[test]
    fn a_note_after_a_value_is_a_warning_that_names_the_file_line_and_what_was_left_out() {
        let mut found = Vec::new();
        findings(
            "title: Case review # 3 findings\n",
            Path::new("content/a.md"),
            2,
            crate::rules::FRONT_MATTER,
            &mut found,
        );
        assert_eq!(found.len(), 1);
        assert!(!found[0].is_error());
        assert_eq!((found[0].line, found[0].col), (Some(2), Some(20)));
        assert_eq!(
            found[0].message,
            "`title` reads only \"Case review\": `# 3 findings` is left out, \
             because in YAML a space and then `#` start a note"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "put the whole value in quotation marks: `title: \"Case review # 3 findings\"`. \
                 If `# 3 findings` is a note, move it to a line of its own"
            )
        );
    }

    #[test]
    fn hostile_text_never_panics() {
        for text in [
            "#",
            " #",
            "- #x",
            "a: [ #x",
            "\"#x",
            "é: é #é",
            "{ #",
            ":#x",
            "a: |\n #x",
        ] {
            let _ = cuts(text);
        }
    }
}
