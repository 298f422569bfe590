//! Diagnostics drawn for a terminal: each like a compiler's (the source line from
//! the file with the place underlined, by codespan-reporting), and the summary
//! `build` prints instead of a flood of warnings.
//!
//! Part of the binary's reporting; reads the `Diagnostic` fields the library
//! filled in and never changes their words, so `check`, `build`, the preview and
//! `--format json` all say the same thing. Written through `visible`, like all
//! the rest; the source lines quoted are made visible before codespan-reporting
//! sees them, so its underline stays under the place it points at.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Files, SimpleFiles};
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice, WriteColor};

use plainsite::error::plural;
use plainsite::{Diagnostic, Severity, rules};

use super::visible::{Visible, visible_source};
use super::{SOURCE_ROOT, colour};

/// How much the command prints: `--quiet` only errors, `--verbose` every warning
/// in full even from `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Verbosity {
    /// Errors only, and no summary of the build.
    Quiet,
    /// Errors in full, warnings as a summary from `build`, all from `check`.
    #[default]
    Normal,
    /// Every diagnostic in full, from every command.
    Verbose,
}

/// Prints diagnostics like a compiler (the source line with the place underlined,
/// with codespan-reporting), then a count by rule.
pub(crate) fn report_diagnostics(diagnostics: &[Diagnostic]) {
    let mut err = diagnostic_stream();
    emit(&mut err, diagnostics.iter());
    if !diagnostics.is_empty() {
        let _ = writeln!(err, "{}", count_line(diagnostics));
    }
    let _ = err.flush();
}

/// What `build` prints: every error in full, but warnings only as a summary (a
/// count by rule and the files with the most), since a large site can have
/// thousands and `check` is the place to read them. `--verbose` prints them all;
/// `--quiet` prints only the errors.
pub(crate) fn report_build_diagnostics(diagnostics: &[Diagnostic], verbosity: Verbosity) {
    let mut err = diagnostic_stream();
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diagnostics.iter().partition(|d| d.is_error());
    match verbosity {
        Verbosity::Verbose => {
            emit(&mut err, diagnostics.iter());
            if !diagnostics.is_empty() {
                let _ = writeln!(err, "{}", count_line(diagnostics));
            }
        }
        Verbosity::Quiet => {
            emit(&mut err, errors.iter().copied());
            if !errors.is_empty() {
                let _ = writeln!(err, "{}", plural(errors.len(), "error"));
            }
        }
        Verbosity::Normal => {
            emit(&mut err, errors.iter().copied());
            write_warning_summary(&mut err, diagnostics, &warnings);
        }
    }
    let _ = err.flush();
}

/// Writes the few lines that stand for many warnings: the count line, one line
/// per rule (most first), the files with the most, and where to read them in full.
fn write_warning_summary<W: Write>(
    err: &mut Visible<W>,
    all: &[Diagnostic],
    warnings: &[&Diagnostic],
) {
    if all.is_empty() {
        return;
    }
    let errors = all.len() - warnings.len();
    let _ = writeln!(
        err,
        "{}, {}",
        plural(errors, "error"),
        plural(warnings.len(), "warning")
    );
    if warnings.is_empty() {
        return;
    }
    let mut rules: Vec<(&str, usize)> = by_rule(warnings.iter().copied()).into_iter().collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (rule, n) in rules.iter().take(SHOWN_RULES) {
        let _ = write!(err, "  {n:>6}  ");
        let _ = err.paint("warning", "1;33");
        let _ = writeln!(err, " {rule}");
    }
    if rules.len() > SHOWN_RULES {
        let rest = &rules[SHOWN_RULES..];
        let count: usize = rest.iter().map(|(_, n)| n).sum();
        let _ = writeln!(
            err,
            "  {count:>6}  more, of {} other kinds: {}",
            rest.len(),
            rest.iter().map(|(r, _)| *r).collect::<Vec<_>>().join(", ")
        );
    }
    let worst: Vec<String> = most_warned(warnings)
        .iter()
        .map(|(f, n)| format!("{} ({n})", plainsite::error::shown_path(f)))
        .collect();
    let _ = writeln!(err, "  most in: {}", worst.join(", "));
    let _ = writeln!(
        err,
        "  run `plainsite check` for details, or `plainsite build --verbose` to see them here"
    );
}

/// The [`WORST_FILES`] files with the most warnings, most first (by name on a
/// tie). Counted by a hash of each file's name, as a site can have tens of
/// thousands of warnings and ordering paths is slow (they compare by parts).
fn most_warned<'d>(warnings: &[&'d Diagnostic]) -> Vec<(&'d Path, usize)> {
    let mut files: HashMap<&std::ffi::OsStr, (&Path, usize)> = HashMap::new();
    for w in warnings {
        files.entry(w.file.as_os_str()).or_insert((&w.file, 0)).1 += 1;
    }
    let mut worst: Vec<(&Path, usize)> = Vec::with_capacity(WORST_FILES + 1);
    for &(file, n) in files.values() {
        if worst.len() == WORST_FILES && worst.last().is_some_and(|&(_, least)| n < least) {
            continue;
        }
        worst.push((file, n));
        worst.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        worst.truncate(WORST_FILES);
    }
    worst
}

/// Kinds of warning `build`'s summary gives a line each; the rest share one.
const SHOWN_RULES: usize = 8;

/// Files named in `build`'s warning summary.
const WORST_FILES: usize = 3;

fn diagnostic_stream() -> Visible<BufferedStandardStream> {
    let colour = colour();
    let choice = if colour {
        ColorChoice::Always
    } else {
        ColorChoice::Never
    };
    // Buffered: a diagnostic is drawn in hundreds of small writes, and a site
    // with many warnings would spend longer printing them than building.
    Visible::new(BufferedStandardStream::stderr(choice), colour)
}

fn emit<'d, W: WriteColor>(
    err: &mut Visible<W>,
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
) {
    let config = term::Config::default();
    let root = SOURCE_ROOT
        .get()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let mut sources = Sources::default();
    for d in diagnostics {
        let shown = sources.diagnostic(&root, d);
        if term::emit_to_write_style(err, &config, &sources.files, &shown).is_err() {
            let _ = writeln!(err, "{d}");
        }
    }
}

/// "2 errors, 1 warning (image-alt 2, reading-grade 1)".
fn count_line(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let rules: Vec<String> = by_rule(diagnostics.iter())
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .collect();
    format!(
        "{}, {} ({})",
        plural(errors, "error"),
        plural(warnings, "warning"),
        rules.join(", ")
    )
}

pub(super) fn by_rule<'d>(
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
) -> BTreeMap<&'static str, usize> {
    let mut by_rule = BTreeMap::new();
    for d in diagnostics {
        *by_rule.entry(d.rule).or_default() += 1;
    }
    by_rule
}

/// Source files read for diagnostics, each once.
#[derive(Default)]
struct Sources {
    /// As shown: control characters made visible (`\u{1b}`), which changes their
    /// byte positions.
    files: SimpleFiles<String, String>,
    ids: HashMap<PathBuf, Option<usize>>,
    /// As read, for the files that hold control characters: a diagnostic's column
    /// counts the characters of the line as it was written.
    read: HashMap<usize, Read>,
}

/// A source file as read, and where its lines start.
struct Read {
    text: String,
    line_starts: Vec<usize>,
}

impl Sources {
    /// The diagnostic as codespan shows it: with a label on the source line when the
    /// file can be read and the line is known; else with the place in the message.
    fn diagnostic(&mut self, root: &Path, d: &Diagnostic) -> CsDiagnostic<usize> {
        let severity = match d.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
        };
        let mut notes = Vec::new();
        if let Some(note) = &d.note {
            notes.push(format!("note: {note}"));
        }
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        let shown = CsDiagnostic::new(severity)
            .with_code(d.rule)
            .with_notes(notes);
        let span = d.line.and_then(|line| {
            let id = self.file(root, &d.file)?;
            let index = line.checked_sub(1)?;
            // From codespan's table of line starts: finding the line by counting
            // from the top for each diagnostic is quadratic on a big page.
            let line = self.files.line_range(id, index).ok()?;
            let line_start = line.start;
            let shown = self.files.get(id).ok()?.source();
            let (col, to_end) = (d.col.unwrap_or(1), is_yaml(d.rule));
            let span = match self.read.get(&id) {
                None => span_at(shown, line, col, to_end)?,
                Some(read) => {
                    // Found in the line as written, then moved past the escapes
                    // shown before each end (the line breaks are where they were).
                    let start = *read.line_starts.get(index)?;
                    let end = read
                        .line_starts
                        .get(index + 1)
                        .copied()
                        .unwrap_or(read.text.len());
                    let span = span_at(&read.text, start..end, col, to_end)?;
                    let at = |end: usize| {
                        line_start
                            + read
                                .text
                                .get(start..end)
                                .map_or(0, |t| visible_source(t).len())
                    };
                    at(span.start)..at(span.end)
                }
            };
            Some((id, span))
        });
        match span {
            // The first line keeps DESIGN.md's `error[rule]: file:line:col: message`,
            // so it can be read (and searched) without the source excerpt below it.
            Some((id, span)) => shown
                .with_message(format!("{}: {}", d.location(), d.message))
                .with_labels(vec![Label::primary(id, span)]),
            None => shown.with_message(format!("{}: {}", d.location(), d.message)),
        }
    }

    fn file(&mut self, root: &Path, file: &Path) -> Option<usize> {
        if let Some(id) = self.ids.get(file) {
            return *id;
        }
        let id = std::fs::read_to_string(root.join(file)).ok().map(|text| {
            let name = plainsite::error::shown_path(file);
            let shown = match visible_source(&text) {
                Cow::Borrowed(_) => None,
                Cow::Owned(shown) => Some(shown),
            };
            match shown {
                None => self.files.add(name, text),
                Some(shown) => {
                    let id = self.files.add(name, shown);
                    let line_starts = codespan_reporting::files::line_starts(&text).collect();
                    self.read.insert(id, Read { text, line_starts });
                    id
                }
            }
        });
        self.ids.insert(file.to_path_buf(), id);
        id
    }
}

/// True for rules about YAML settings, where the value runs to the end of the line.
fn is_yaml(rule: &str) -> bool {
    matches!(rule, rules::FRONT_MATTER | rules::CONFIG | rules::GLOSSARY)
}

/// Source lines longer than this are not shown under a diagnostic: a page made of
/// one huge line with many problems would print that line once for each.
const LONGEST_SHOWN_LINE: usize = 1_000;

/// The byte range to underline on the line at bytes `line` of `text` (with its
/// `\n`, as codespan's table has it, so a long line is not read to its end for
/// each finding on it), at character column `col`: a link or image to its closing
/// `)`; a line start, or a YAML value (`to_end`), to the line end; else the word
/// there. `None` for a line too long to show.
fn span_at(text: &str, line: Range<usize>, col: usize, to_end: bool) -> Option<Range<usize>> {
    let line_start = line.start;
    let with_newline = text.get(line)?;
    let source = with_newline
        .strip_suffix('\n')
        .unwrap_or(with_newline)
        .trim_end_matches('\r');
    if source.len() > LONGEST_SHOWN_LINE {
        return None;
    }
    let start = source
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(source.len(), |(i, _)| i);
    let rest = &source[start..];
    let is_key = rest.split_once(':').is_some_and(|(k, _)| {
        !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
    });
    let whole = rest.trim_end().len();
    let len = if to_end || rest.starts_with(['#', '|', '-']) || (col <= 1 && is_key) {
        whole
    } else if rest.starts_with(['[', '!']) {
        rest.find("](")
            .and_then(|m| rest[m..].find(')').map(|e| m + e + 1))
            .unwrap_or(whole)
    } else if rest.starts_with('<') {
        rest.find('>').map_or(rest.len(), |e| e + 1)
    } else if col <= 1 {
        // A sentence: up to its full stop.
        rest.find(". ").map_or(whole, |e| e + 1)
    } else {
        let word = rest.split_whitespace().next().unwrap_or("");
        word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '\'', '"'])
            .len()
    };
    Some(line_start + start..line_start + start + len.max(1).min(rest.len().max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use codespan_reporting::term::termcolor::NoColor;
    use plainsite::error::is_bidi_control;
    use proptest::prelude::*;

    /// `d` as the terminal shows it, without colour.
    fn rendered(d: &Diagnostic) -> String {
        let mut out = Vec::new();
        {
            let mut err = Visible::new(NoColor::new(&mut out), false);
            emit(&mut err, std::iter::once(d));
        }
        String::from_utf8(out).expect("utf-8")
    }

    /// Text made mostly of the characters that turn text round, among any others.
    fn hostile_text() -> impl Strategy<Value = String> {
        let controls = "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{61c}";
        let bidi = prop::sample::select(controls.chars().collect::<Vec<char>>());
        let words = prop::sample::select(vec!['a', ' ', '`', '“', '’', '\n', '£', 'é', '؛']);
        prop::collection::vec(prop_oneof![bidi, words, any::<char>()], 0..40)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #[test]
        fn the_terminal_shows_no_bidi_control_of_a_message_help_or_note(
            message in hostile_text(),
            help in hostile_text(),
            note in hostile_text(),
            line in prop::option::of(1usize..5),
        ) {
            let mut d = Diagnostic::warning("heading-space", "content/no-such-page.md", message.clone())
                .help(help.clone())
                .note(note.clone());
            d.line = line;
            let shown = rendered(&d);
            prop_assert!(
                !shown.chars().any(|c| is_bidi_control(c) || (c.is_control() && c != '\n' && c != '\t')),
                "{shown:?}"
            );
            for c in message.chars().chain(help.chars()).chain(note.chars()).filter(|&c| is_bidi_control(c)) {
                let escape = format!("\\u{{{:x}}}", u32::from(c));
                prop_assert!(shown.contains(&escape), "{escape} missing: {shown:?}");
            }
        }
    }

    #[test]
    fn a_quoted_heading_that_turns_round_is_shown_with_its_escapes() {
        let d = Diagnostic::warning(
            "heading-space",
            "content/fees.md",
            "`##Fees \u{2067}00.001\u{2069}` is shown as text",
        )
        .help("put a space after `##`: `## Fees \u{2067}00.001\u{2069}`");
        let shown = rendered(&d);
        assert!(
            shown.contains("`##Fees \\u{2067}00.001\\u{2069}` is shown as text"),
            "{shown}"
        );
        assert!(
            shown.contains("help: put a space after `##`: `## Fees \\u{2067}00.001\\u{2069}`"),
            "{shown}"
        );
    }

    #[test]
    fn the_summary_names_the_files_with_most_warnings_by_name_on_a_tie() {
        let files = [
            "b.md", "a.md", "c.md", "b.md", "d.md", "c.md", "e.md", "b.md",
        ];
        let all: Vec<Diagnostic> = files
            .iter()
            .map(|f| Diagnostic::warning("rule", *f, "message"))
            .collect();
        let warnings: Vec<&Diagnostic> = all.iter().collect();
        let worst: Vec<(String, usize)> = most_warned(&warnings)
            .into_iter()
            .map(|(f, n)| (f.display().to_string(), n))
            .collect();
        let expected = [("b.md", 3), ("c.md", 2), ("a.md", 1)];
        assert_eq!(worst, expected.map(|(f, n)| (f.to_owned(), n)));
        assert!(most_warned(&[]).is_empty());
    }
}
