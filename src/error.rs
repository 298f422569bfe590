//! Errors and diagnostics.
//!
//! `Error` is for failures that stop a command before a site model exists (I/O, a
//! broken `site.yaml`); `Diagnostic` is a finding about one place in one file. Build,
//! `check`, the serve overlay and the tests all read a `Diagnostic`'s fields; nothing
//! here formats for a terminal (that is the binary's `messages` module).

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// A failure that stops a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("could not {action} {}", shown_path(path))]
    Io {
        /// What we were doing, as a verb phrase ("read", "write", "create the folder").
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The site has errors; each is a diagnostic.
    #[error("the site has {}", plural(.0.iter().filter(|d| d.severity == Severity::Error).count(), "error"))]
    Site(Vec<Diagnostic>),
    /// Anything else that the user must act on, with what to do.
    #[error("{message}")]
    Usage {
        /// What went wrong.
        message: String,
        /// What to do about it.
        help: Option<String>,
    },
}

impl Error {
    /// An I/O error that names the path it concerns.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// A usage error with a hint.
    pub fn usage(message: impl Into<String>, help: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            help: Some(help.into()),
        }
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported; the build goes on (unless `--strict`).
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One finding about one place in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The rule that found it, e.g. `broken-link`, `front-matter`.
    pub rule: &'static str,
    /// The file, relative to the site root where possible (`content/briefings/neglect.md`).
    pub file: PathBuf,
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// 1-based column in the line, when known.
    pub col: Option<usize>,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// Extra context, e.g. "while rendering content/x.md".
    pub note: Option<String>,
}

impl Diagnostic {
    /// An error at a file, with no position yet.
    pub fn error(rule: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, rule, file, message)
    }

    /// A warning at a file, with no position yet.
    pub fn warning(
        rule: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, rule, file, message)
    }

    fn new(
        severity: Severity,
        rule: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            rule,
            file: file.into(),
            line: None,
            col: None,
            message: message.into(),
            help: None,
            note: None,
        }
    }

    /// Sets the 1-based line and column.
    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line = Some(line);
        self.col = Some(col);
        self
    }

    /// Sets the 1-based line only.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Adds what to do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds context.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// `file:line:col`, as far as it is known, the file named by [`shown_path`].
    pub fn location(&self) -> String {
        let mut s = shown_path(&self.file);
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.col {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A file's name as a report shows it: each control character in it, a line
/// break above all, written as its escape (`\n`, `\u{1b}`), so a name with one
/// stays on its line and names the file it means; and each bidi control
/// ([`is_bidi_control`]), which would turn the rest of the line round.
pub fn shown_path(path: &Path) -> String {
    let name = path.display().to_string();
    if !name.chars().any(escaped_in_reports) {
        return name;
    }
    name.chars()
        .map(|c| {
            if escaped_in_reports(c) {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// True for a character a report shows as its escape: a control character, or
/// a bidi control, which reorders what a terminal shows after it.
pub fn escaped_in_reports(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// True for the invisible characters that change the order text is shown in:
/// the embeddings and overrides (U+202A–U+202E), the isolates (U+2066–U+2069)
/// and the marks (U+200E, U+200F, U+061C). Quoted in a report, one can make the
/// rest of a message, or of its line, read backwards, and a mark, which has no
/// use in an English report, moves the numbers and stops next to it.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
    )
}

/// A diagnostic's words (its message, help or note) as a person is shown them:
/// each character [`escaped_in_reports`] written as its escape (`\u{202e}`),
/// but the line breaks and tabs of an example kept. The one rule for the text a
/// diagnostic quotes from a page or a setting; the terminal, the preview's
/// panels and [`Diagnostic`]'s `Display` all show words through it, and the
/// fields keep the characters as written (for `--format json`, which writes
/// them as JSON escapes).
pub fn shown_text(text: &str) -> std::borrow::Cow<'_, str> {
    escape_where(text, |c, _| escaped_in_reports(c) && c != '\n' && c != '\t')
}

/// `text` with each character that `shown` picks (given the character after it)
/// written as its escape (`\u{202e}`); borrowed when none is. The one way
/// reports write an escape, for [`shown_text`] and for the quoted source lines.
pub fn escape_where(
    text: &str,
    shown: impl Fn(char, Option<char>) -> bool,
) -> std::borrow::Cow<'_, str> {
    let picked = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| {
        let c = chars.next()?;
        Some((c, shown(c, chars.peek().copied())))
    };
    let mut chars = text.chars().peekable();
    if !std::iter::from_fn(|| picked(&mut chars)).any(|(_, shown)| shown) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some((c, shown)) = picked(&mut chars) {
        if shown {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}: {}",
            self.severity,
            self.rule,
            self.location(),
            shown_text(&self.message)
        )?;
        if let Some(note) = &self.note {
            write!(f, "\n  note: {}", shown_text(note))?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", shown_text(help))?;
        }
        Ok(())
    }
}

/// A count with its noun, singular or plural: "1 error", "2 errors", "0 warnings".
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Sorts diagnostics by file, then line, then column, errors first on a tie.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.col, a.severity, a.rule)
            .cmp(&(&b.file, b.line, b.col, b.severity, b.rule))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_shown_with_its_control_characters_escaped_and_nothing_else() {
        let d = Diagnostic::error("r", "content/two\nlines\u{1b}[2J.md", "m").at(3, 4);
        assert_eq!(d.location(), "content/two\\nlines\\u{1b}[2J.md:3:4");
        for name in ["content/café à l’école.md", "content/tab\tless.md"] {
            let shown = shown_path(Path::new(name));
            assert_eq!(shown.contains('\\'), name.contains('\t'), "{shown}");
        }
        assert_eq!(shown_path(Path::new("content/a b.md")), "content/a b.md");
        // A direction override would show the name backwards: `gpj.md` as `md.jpg`.
        assert_eq!(
            shown_path(Path::new("content/a\u{202e}gpj.md")),
            "content/a\\u{202e}gpj.md"
        );
    }

    #[test]
    fn words_are_shown_with_bidi_and_control_characters_escaped_but_line_ends_kept() {
        assert!(matches!(
            shown_text("plain “words”\tand\nlines"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            shown_text("`##Fees \u{2067}00.001\u{2069}` \u{202a}\u{200e}\u{200f}\u{61c}\u{1b}\n"),
            "`##Fees \\u{2067}00.001\\u{2069}` \\u{202a}\\u{200e}\\u{200f}\\u{61c}\\u{1b}\n"
        );
        let d = Diagnostic::warning("r", "content/a.md", "a \u{202e}b")
            .note("c \u{2066}")
            .help("d \u{200f}");
        assert_eq!(
            d.to_string(),
            "warning[r]: content/a.md: a \\u{202e}b\n  note: c \\u{2066}\n  help: d \\u{200f}"
        );
        // The fields keep what was written, for `--format json`.
        assert_eq!(d.message, "a \u{202e}b");
    }
}
