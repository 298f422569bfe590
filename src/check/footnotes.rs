//! Rule `footnote`: a footnote marker with no note, or a note no marker points to.
//!
//! A marker `[^2]` whose note `[^2]: …` is missing is not a footnote to Markdown:
//! readers see the brackets and the caret. A note that no marker points to is
//! left off the page, with the source or the figure it gave. Both are slips of
//! a renumbered list of notes, and both lose what the author meant, so both are
//! errors. Markers are read from the text nodes that hold them (a `[^` is rare,
//! found with one `memchr`); notes from the page's lines, as Markdown drops a
//! note no marker points to from the tree (only the lines that start with a
//! byte a fence or a note starts with, found with `memchr`).

use comrak::nodes::LineColumn;

use super::rule::Rule;
use super::written::Written;
use crate::error::{Diagnostic, Severity};
use crate::markdown::{TreeInput, spaced_footnote_marker};

/// A marker with no note, or a note with no marker.
pub(crate) const FOOTNOTE: Rule = Rule {
    id: crate::rules::FOOTNOTE,
    severity: Severity::Error,
    description: "a footnote marker `[^1]` with no note, shown as typed, or a note `[^1]: …` that no marker points to, left off the page",
};

/// The rule over one page's text nodes: it keeps where marks are written on
/// the page's lines, so many markers on one line cost one reading of it.
#[derive(Debug, Default)]
pub(crate) struct Markers {
    written: Written,
}

impl Markers {
    /// Reports each `[^name]` in text node `text` (which starts at `start`): a
    /// marker Markdown did not take for one, as its note is missing.
    pub(crate) fn text(
        &mut self,
        text: &str,
        start: LineColumn,
        input: &TreeInput<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        // Characters before each marker, counted on from the last one.
        let (mut counted, mut chars) = (0, 0);
        for caret in memchr::memchr_iter(b'^', text.as_bytes()) {
            if caret == 0 || text.as_bytes()[caret - 1] != b'[' {
                continue;
            }
            let after = &text[caret + 1..];
            // `[^ 1]`: the space makes it no footnote marker, whether or not
            // the note has the space too.
            let rest = after.trim_start_matches([' ', '\t']);
            let spaced = rest.len() < after.len();
            let Some(end) = rest.find([']', '[', ' ', '\t', '\n']) else {
                continue;
            };
            let name = &rest[..end];
            if name.is_empty() || !rest[end..].starts_with(']') {
                continue;
            }
            // `[^ 1]: …` at the start of a line is a note, reported by `unused`.
            if spaced && caret == 1 && rest[end..].starts_with("]:") {
                continue;
            }
            let open = caret - 1;
            chars += text[counted..open].chars().count();
            counted = open;
            let guess = start.column + chars;
            let Some(col) =
                self.written
                    .written_at(input.text, start.line, start.column, guess, "[^")
            else {
                continue;
            };
            if spaced {
                let inside = &after[..after.len() - rest.len() + end];
                out.push(spaced_footnote_marker(
                    input.file, start.line, col, inside, name,
                ));
                continue;
            }
            if let Some((typed, (from, to))) = typed_name(name) {
                out.push(
                    FOOTNOTE
                        .at(input.file, start.line, col, format!("the footnote marker `[^{typed}]` does not reach its note: Markdown turns the `{from}` in its name into `{to}`, so the names differ"))
                        .help(NAME_HELP),
                );
                continue;
            }
            out.push(
                FOOTNOTE
                    .at(input.file, start.line, col, format!("the footnote marker `[^{name}]` has no note, so readers would see it as typed"))
                    .help(format!("add the note on a line of its own below the paragraph: `[^{name}]: Where the figure comes from.`")),
            );
        }
    }
}

/// Reports each note written at the start of a line of the page (outside
/// fenced code) that is not among `kept`, the notes the tree still has: Markdown
/// drops a note no marker points to.
pub(crate) fn unused(kept: &[String], input: &TreeInput<'_>, out: &mut Vec<Diagnostic>) {
    if memchr::memmem::find(input.text.as_bytes(), b"[^").is_none() {
        return;
    }
    report_unused(fence_or_note_lines(input.text), kept, input, out);
}

/// The lines of `text` whose first byte other than a space is `` ` ``, `~`
/// or `[`, each with the byte it starts at: the only lines that can open or
/// close a fence or be a note. They are found from those bytes with memchr,
/// so a page's other lines are not read one by one.
fn fence_or_note_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'`', b'~', b'[', bytes).filter_map(move |at| {
        let start = match bytes.get(..at)?.iter().rposition(|&b| b != b' ') {
            None => 0,
            Some(i) if bytes.get(i) == Some(&b'\n') => i + 1,
            Some(_) => return None,
        };
        let end = memchr::memchr(b'\n', bytes.get(at..)?).map_or(bytes.len(), |i| at + i);
        let line = text.get(start..end)?;
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    })
}

/// [`unused`] over `lines`, the page's lines (as `str::lines` gives them,
/// each with the byte it starts at) that may open or close a fence or be a
/// note, in order.
fn report_unused<'t>(
    lines: impl Iterator<Item = (usize, &'t str)>,
    kept: &[String],
    input: &TreeInput<'_>,
    out: &mut Vec<Diagnostic>,
) {
    // Newlines before byte `counted.0`, counted on from the last report.
    let mut counted = (0, 0);
    let mut fence: Option<&str> = None;
    for (at, line) in lines {
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        if let Some(mark) = fence {
            if body.starts_with(mark) {
                fence = None;
            }
            continue;
        }
        if indent <= 3 && (body.starts_with("```") || body.starts_with("~~~")) {
            fence = Some(&body[..3]);
            continue;
        }
        let (message, help) = if let Some((inside, name)) =
            spaced_note(body).filter(|_| indent <= 3)
        {
            (
                format!(
                    "`[^{inside}]:` has a space after ^, so it is not a footnote: write `[^{name}]:`"
                ),
                format!(
                    "take the space out here and in the marker in the text, `[^{name}]`; readers see this line as it is typed until then"
                ),
            )
        } else {
            let Some(name) = body
                .strip_prefix("[^")
                .and_then(|r| r.split_once("]:"))
                .map(|(name, _)| name)
                .filter(|n| indent <= 3 && !n.is_empty() && !n.contains([' ', '\t', ']']))
            else {
                continue;
            };
            if kept.iter().any(|k| k.eq_ignore_ascii_case(name)) {
                continue;
            }
            if let Some((from, to)) = SMART.iter().find(|(from, _)| name.contains(from)) {
                (
                    format!(
                        "no marker reaches the note `[^{name}]`: Markdown turns the `{from}` in a marker's name into `{to}`, so the names differ"
                    ),
                    NAME_HELP.to_owned(),
                )
            } else {
                (
                    format!(
                        "no marker points to the note `[^{name}]`, so it would be left off the page"
                    ),
                    format!(
                        "put `[^{name}]` in the text where the note belongs, or delete the note"
                    ),
                )
            }
        };
        let newlines = input.text.as_bytes().get(counted.0..at).unwrap_or_default();
        counted = (
            at,
            counted.1 + newlines.iter().filter(|&&b| b == b'\n').count(),
        );
        out.push(
            FOOTNOTE
                .at(input.file, counted.1 + 1, indent + 1, message)
                .help(help),
        );
    }
}

/// What Markdown's typographic punctuation makes of marks typed in a marker's
/// name, as (typed, shown): the marker's name changes and the note's does not,
/// so they no longer match. Longer marks first.
const SMART: [(&str, &str); 7] = [
    ("---", "\u{2014}"),
    ("--", "\u{2013}"),
    ("...", "\u{2026}"),
    ("'", "\u{2019}"),
    ("'", "\u{2018}"),
    ("\"", "\u{201D}"),
    ("\"", "\u{201C}"),
];

/// What to do about a footnote name with a mark in [`SMART`].
const NAME_HELP: &str = "give the marker and its note a name of letters and digits, with single hyphens, like `[^source-1]`";

/// For a marker's name as Markdown shows it, the name as it was typed and
/// the first changed mark (typed, shown), when a mark in [`SMART`] was changed.
fn typed_name(shown: &str) -> Option<(String, (&'static str, &'static str))> {
    let first = *SMART.iter().find(|(_, to)| shown.contains(to))?;
    let typed = SMART
        .iter()
        .fold(shown.to_owned(), |name, (from, to)| name.replace(to, from));
    Some((typed, first))
}

/// For a note written `[^ 1]: …`, what is between `[^` and `]` (` 1`) and the
/// name without the space (`1`).
fn spaced_note(body: &str) -> Option<(&str, &str)> {
    let (inside, _) = body.strip_prefix("[^")?.split_once("]:")?;
    let name = inside.trim_start_matches([' ', '\t']);
    (name.len() < inside.len() && !name.is_empty() && !name.contains([' ', '\t', ']', '[']))
        .then_some((inside, name))
}

#[cfg(test)]
mod tests {
    use crate::check::tests::found;

    proptest::proptest! {
        /// Reading only the lines that may matter reports what reading every
        /// line of the page reports.
        #[test]
        fn notes_are_found_from_their_lines_as_from_every_line(
            text in "([ `~\\[\\]^:a1\t\r]|\n|\\[\\^1\\]: |```|~~~){0,30}",
            kept in proptest::sample::subsequence(vec!["1".to_owned(), "a".to_owned()], 0..=2),
        ) {
            let glossary = std::collections::BTreeMap::new();
            let input = crate::markdown::TreeInput {
                file: std::path::Path::new("p.md"),
                text: &text,
                known_abbreviations: &glossary,
                not_abbreviations: &[],
                allow_html: false,
                own_images_only: None,
                easy_read: false,
            };
            let every_line = text
                .lines()
                .map(|line| (line.as_ptr() as usize - text.as_ptr() as usize, line));
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            super::report_unused(super::fence_or_note_lines(&text), &kept, &input, &mut fast);
            super::report_unused(every_line, &kept, &input, &mut slow);
            let show = |d: &Vec<crate::error::Diagnostic>| d.iter().map(|d| d.to_string()).collect::<Vec<_>>();
            proptest::prop_assert_eq!(show(&fast), show(&slow));
            // Each is reported at the line the note is written on.
            for d in &fast {
                let line = d.line.and_then(|l| text.lines().nth(l.checked_sub(1)?)).unwrap_or("");
                proptest::prop_assert!(line.trim_start_matches(' ').starts_with("[^"), "{}", d);
            }
        }
    }

    #[test]
    fn a_marker_with_no_note_and_a_note_with_no_marker_are_errors() {
        let md = "Contacts rose.[^1] Referrals fell.[^2]\n\n[^1]: Police figures.\n[^3]: A note nobody points to.\n";
        assert_eq!(found(md, "footnote"), vec![(1, 35), (4, 1)]);
        let page = crate::markdown::tests::with_page(md);
        assert!(
            page.diagnostics
                .iter()
                .filter(|d| d.rule == "footnote")
                .all(|d| d.is_error())
        );
    }

    #[test]
    fn a_space_after_the_caret_is_said_plainly_at_the_marker_and_the_note() {
        // A note of one word is a link definition to Markdown: the marker is
        // a link to `Source.`, reported as a footnote, not a broken link.
        let one_word = "Children are safer now.[^ 1]\n\n[^ 1]: Source.\n";
        let page = crate::markdown::tests::with_page(one_word);
        let got: Vec<_> = page
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.rule,
                    d.line.unwrap_or(0),
                    d.col.unwrap_or(0),
                    d.message.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "footnote",
                    1,
                    24,
                    "`[^ 1]` has a space after ^, so it is not a footnote marker: write `[^1]`"
                ),
                (
                    "footnote",
                    3,
                    1,
                    "`[^ 1]:` has a space after ^, so it is not a footnote: write `[^1]:`"
                ),
            ]
        );
        let words =
            "Children are safer now.[^ 1] And [^  2].\n\n[^ 1]: Annual report 2024, page 3.\n";
        assert_eq!(found(words, "footnote"), vec![(1, 24), (1, 34), (3, 1)]);
        let page = crate::markdown::tests::with_page(words);
        assert!(
            page.diagnostics
                .iter()
                .any(|d| d.message.starts_with("`[^  2]` has a space"))
        );
        // Without the space all is well.
        assert!(found("Safer.[^1]\n\n[^1]: Source.\n", "footnote").is_empty());
    }

    #[test]
    fn a_name_that_typographic_punctuation_changes_is_said_plainly() {
        // The note is written as the marker is, but the marker's `'` and `--`
        // become `’` and `–` in the text, so Markdown matches neither.
        let md = "Safer.[^it's] Fewer.[^a--b]\n\n[^it's]: Source.\n[^a--b]: Other.\n";
        let page = crate::markdown::tests::with_page(md);
        let said: Vec<_> = page
            .diagnostics
            .iter()
            .filter(|d| d.rule == "footnote")
            .map(|d| (d.line.unwrap_or(0), d.message.as_str(), d.help.as_deref()))
            .collect();
        let help = Some(super::NAME_HELP);
        assert_eq!(
            said,
            vec![
                (
                    1,
                    "the footnote marker `[^it's]` does not reach its note: Markdown turns the `'` in its name into `\u{2019}`, so the names differ",
                    help
                ),
                (
                    1,
                    "the footnote marker `[^a--b]` does not reach its note: Markdown turns the `--` in its name into `\u{2013}`, so the names differ",
                    help
                ),
                (
                    3,
                    "no marker reaches the note `[^it's]`: Markdown turns the `'` in a marker's name into `\u{2019}`, so the names differ",
                    help
                ),
                (
                    4,
                    "no marker reaches the note `[^a--b]`: Markdown turns the `--` in a marker's name into `\u{2013}`, so the names differ",
                    help
                ),
            ]
        );
    }

    #[test]
    fn notes_with_markers_and_brackets_in_prose_pass() {
        let md = "A note.[^a] And again.[^a]\n\n[^a]: The source.\n\nThe power 2^10 and [x] and `[^code]` and \\[^escaped].\n\n```\n[^1]: in code\n```\n";
        assert!(found(md, "footnote").is_empty());
    }
}
