//! Everything the command prints: results to stdout, diagnostics to stderr.
//!
//! Colour only on a terminal, and never when `NO_COLOR` is set. Diagnostics are
//! shown with codespan-reporting: the source line from the file, with the place
//! underlined, as compilers do; `--format json` prints the same fields as JSON.

use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};

use plainsite::error::plural;
use plainsite::init::Created;
use plainsite::new::NewPage;
use plainsite::serve::{Outcome, ServeEvent, Update};
use plainsite::{Built, Diagnostic, Error, Severity};

fn colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

fn paint(text: &str, code: &str) -> String {
    if colour() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// The site root that diagnostics' file paths are relative to, so the source line
/// can be shown. Set once by `main`.
static SOURCE_ROOT: OnceLock<PathBuf> = OnceLock::new();

/// Sets the folder that diagnostics' files are read from.
pub(crate) fn set_source_root(root: &Path) {
    let _ = SOURCE_ROOT.set(root.to_path_buf());
}

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
            for line in warning_summary(diagnostics, &warnings) {
                let _ = writeln!(err, "{line}");
            }
        }
    }
    let _ = err.flush();
}

/// The few lines that stand for many warnings: the count line, one line per rule
/// (most first), the files with the most, and where to read them in full.
fn warning_summary(all: &[Diagnostic], warnings: &[&Diagnostic]) -> Vec<String> {
    if all.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let errors = all.len() - warnings.len();
    lines.push(format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings.len(), "warning")
    ));
    if warnings.is_empty() {
        return lines;
    }
    let mut rules: Vec<(&str, usize)> = by_rule(warnings.iter().copied()).into_iter().collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (rule, n) in &rules {
        lines.push(format!("  {n:>6}  {} {rule}", paint("warning", "1;33")));
    }
    let mut files: BTreeMap<&Path, usize> = BTreeMap::new();
    for w in warnings {
        *files.entry(w.file.as_path()).or_default() += 1;
    }
    let mut files: Vec<(&Path, usize)> = files.into_iter().collect();
    files.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let worst: Vec<String> = files
        .iter()
        .take(WORST_FILES)
        .map(|(f, n)| format!("{} ({n})", f.display()))
        .collect();
    lines.push(format!("  most in: {}", worst.join(", ")));
    lines.push(
        "  run `plainsite check` for details, or `plainsite build --verbose` to see them here"
            .to_owned(),
    );
    lines
}

/// Files named in `build`'s warning summary.
const WORST_FILES: usize = 3;

fn diagnostic_stream() -> BufferedStandardStream {
    let choice = if colour() {
        ColorChoice::Always
    } else {
        ColorChoice::Never
    };
    // Buffered: a diagnostic is drawn in hundreds of small writes, and a site
    // with many warnings would spend longer printing them than building.
    BufferedStandardStream::stderr(choice)
}

fn emit<'d>(err: &mut BufferedStandardStream, diagnostics: impl Iterator<Item = &'d Diagnostic>) {
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

fn by_rule<'d>(diagnostics: impl Iterator<Item = &'d Diagnostic>) -> BTreeMap<&'static str, usize> {
    let mut by_rule = BTreeMap::new();
    for d in diagnostics {
        *by_rule.entry(d.rule).or_default() += 1;
    }
    by_rule
}

/// Source files read for diagnostics, each once.
#[derive(Default)]
struct Sources {
    files: SimpleFiles<String, String>,
    ids: HashMap<PathBuf, Option<usize>>,
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
            let text = self.files.get(id).ok()?.source();
            span_at(text, line, d.col.unwrap_or(1), is_yaml(d.rule)).map(|span| (id, span))
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
        let id = std::fs::read_to_string(root.join(file))
            .ok()
            .map(|text| self.files.add(file.display().to_string(), text));
        self.ids.insert(file.to_path_buf(), id);
        id
    }
}

/// True for rules about YAML settings, where the value runs to the end of the line.
fn is_yaml(rule: &str) -> bool {
    matches!(rule, "front-matter" | "config" | "glossary")
}

/// The byte range to underline at 1-based `line` and character column `col`: a link
/// or image to its closing `)`; a line start, or a YAML value (`to_end`), to the line
/// end; else the word there.
fn span_at(text: &str, line: usize, col: usize, to_end: bool) -> Option<Range<usize>> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let source = text[line_start..]
        .split('\n')
        .next()?
        .trim_end_matches('\r');
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

/// Prints every diagnostic and a summary as one JSON document on stdout.
pub(crate) fn report_json(diagnostics: &[Diagnostic], median_grade: Option<f64>) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let list: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "severity": d.severity,
                "rule": d.rule,
                "file": d.file.to_string_lossy().replace('\\', "/"),
                "line": d.line,
                "col": d.col,
                "message": d.message,
                "help": d.help,
                "note": d.note,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "diagnostics": list,
        "summary": {
            "errors": errors,
            "warnings": diagnostics.len() - errors,
            "by_rule": by_rule(diagnostics.iter()),
            "median_reading_grade": median_grade,
        }
    });
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    );
}

/// Prints the `check` summary on stdout.
pub(crate) fn report_check(
    pages: usize,
    diagnostics: &[Diagnostic],
    median_grade: Option<f64>,
    target: f64,
) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let grade = match median_grade {
        Some(g) => format!("; median reading grade {g:.1} (target {target})"),
        None => String::new(),
    };
    let _ = writeln!(
        std::io::stdout(),
        "Checked {}: {}, {}{grade}",
        plural(pages, "page"),
        plural(errors, "error"),
        plural(diagnostics.len() - errors, "warning")
    );
}

/// Prints a failure; a site's errors in full, its warnings as `verbosity` says.
pub(crate) fn report_error(error: &Error, verbosity: Verbosity) {
    match error {
        Error::Site(diagnostics) => {
            report_build_diagnostics(diagnostics, verbosity);
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                paint(
                    "The site was not built; nothing was written. Fix the errors above and try again.",
                    "1"
                )
            );
        }
        Error::Usage { message, help } => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "{}: {message}", paint("error", "1;31"));
            if let Some(help) = help {
                let _ = writeln!(err, "  {}: {help}", paint("help", "1;36"));
            }
        }
        other => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "{}: {other}", paint("error", "1;31"));
            let mut source = std::error::Error::source(other);
            while let Some(cause) = source {
                let _ = writeln!(err, "  caused by: {cause}");
                source = cause.source();
            }
            if let Error::Io { source, .. } = other {
                let _ = writeln!(err, "  {}: {}", paint("help", "1;36"), io_help(source));
            }
        }
    }
}

/// What to do about the commonest file-system failures, in plain words.
fn io_help(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::StorageFull => {
            "the disk is full: free some space, or build to another disk with --output; the previous site was left as it was"
        }
        K::ReadOnlyFilesystem => {
            "that disk cannot be written to: build to another folder with --output"
        }
        K::PermissionDenied => {
            "you do not have permission there: build to a folder you own with --output"
        }
        K::NotFound => {
            "the file or folder is missing: it may have been moved or deleted while plainsite was running; try again"
        }
        _ => "check the path and try again",
    }
}

/// Prints a one-line warning that is not about a file.
pub(crate) fn warn(message: &str) {
    let _ = writeln!(std::io::stderr(), "{}: {message}", paint("warning", "1;33"));
}

/// Prints the build summary.
pub(crate) fn report_build(built: &Built, output: &Path) {
    let s = &built.stats;
    let _ = writeln!(
        std::io::stdout(),
        "Built {} pages in {} sections ({} HTML files, {} files in all) in {} ms into {}",
        s.pages,
        s.sections,
        s.html_files,
        s.files,
        s.elapsed.as_millis(),
        output.display()
    );
}

/// Prints what `init` made and what to do next.
pub(crate) fn report_init(created: &Created) {
    let dir = created.dir.display();
    let _ = writeln!(
        std::io::stdout(),
        "Made a new site in {dir} ({} files).\n\n\
         Next:\n  \
         cd {dir}\n  \
         plainsite serve                         preview it in your browser as you write\n  \
         plainsite new briefings \"Your title\"    start a new 7-minute briefing\n  \
         plainsite check                         find problems before you publish\n  \
         plainsite build                         make the public/ folder to upload\n\n\
         Start with site.yaml: it has a note on each setting.",
        created.files.len()
    );
}

/// Prints the page `new` made and the address it will have.
pub(crate) fn report_new(root: &Path, page: &NewPage) {
    let file = if root == Path::new(".") {
        page.file.clone()
    } else {
        root.join(&page.file)
    };
    let _ = writeln!(
        std::io::stdout(),
        "Made {} from {}.\nOnce published, it will be at {}",
        file.display(),
        page.archetype.display(),
        page.url
    );
}

/// Prints where the preview is (one line, `Serving on URL`, that scripts can wait
/// for), and a warning when other computers can reach it.
pub(crate) fn report_serving(url: &str, bind: std::net::IpAddr) {
    let _ = writeln!(std::io::stdout(), "Serving on {url}");
    if !bind.is_loopback() {
        warn(&format!(
            "the preview listens on {bind}, so other computers on the network can see the preview; leave out --bind to keep it on this computer"
        ));
    }
    let _ = writeln!(
        std::io::stdout(),
        "Watching for changes. Press Ctrl+C to stop."
    );
}

/// Prints what the preview server is doing.
pub(crate) fn report_serve(event: ServeEvent) {
    match event {
        ServeEvent::Changed(changes) => {
            let first = changes
                .first()
                .map(|c| c.path.display().to_string())
                .unwrap_or_default();
            let more = if changes.len() > 1 {
                format!(" and {} more", changes.len() - 1)
            } else {
                String::new()
            };
            let _ = writeln!(std::io::stdout(), "Changed: {first}{more}");
        }
        ServeEvent::Build(Outcome::Built {
            stats,
            warnings,
            update,
        }) => {
            report_diagnostics(&warnings);
            let what = match update {
                Update::Nothing => "no page changed",
                Update::Css => "styles refreshed",
                Update::Reload => "open pages reload",
            };
            let _ = writeln!(
                std::io::stdout(),
                "Built {} pages in {} ms; {what}",
                stats.pages,
                stats.elapsed.as_millis()
            );
        }
        ServeEvent::Build(Outcome::Failed(error)) => {
            match &error {
                Error::Site(diagnostics) => report_diagnostics(diagnostics),
                other => report_error(other, Verbosity::Normal),
            }
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                paint(
                    "The preview shows these errors and keeps the last good pages. Fix them and save.",
                    "1"
                )
            );
        }
        ServeEvent::Build(Outcome::Restyled) => {
            let _ = writeln!(std::io::stdout(), "Styles refreshed (no rebuild needed)");
        }
        ServeEvent::WatchTrouble(message) => warn(&message),
    }
}

/// Opens `url` in the web browser; failing to is only a warning.
pub(crate) fn open_browser(url: &str) {
    let opened = std::process::Command::new("xdg-open")
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = opened {
        warn(&format!(
            "could not open a web browser ({e}); open {url} yourself"
        ));
    }
}
