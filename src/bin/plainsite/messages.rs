//! Everything the command prints: results to stdout, diagnostics to stderr.
//!
//! Colour only on a terminal, and never when `NO_COLOR` is set. Diagnostics are
//! shown with codespan-reporting: the source line from the file, with the place
//! underlined, as compilers do; `--format json` prints the same fields as JSON.
//! Everything but the JSON goes out through [`visible`], which shows the control
//! characters in file names and quoted text instead of letting the terminal obey
//! them.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plainsite::error::plural;
use plainsite::init::Created;
use plainsite::new::NewPage;
use plainsite::serve::{Outcome, ServeEvent, Update};
use plainsite::{Built, Diagnostic, Error};

mod diagnostics;
mod visible;

pub(crate) use diagnostics::{Verbosity, report_build_diagnostics, report_diagnostics};

fn colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Standard error, filtered, coloured when [`colour`] says.
fn stderr() -> visible::Visible<std::io::StderrLock<'static>> {
    visible::stderr(colour())
}

/// Writes `label: text` and a line break, the label in the colour of `code`.
/// Errors are ignored: there is nowhere left to report them.
fn labelled<W: Write>(out: &mut visible::Visible<W>, label: &str, code: &str, text: &str) {
    let _ = out.paint(label, code);
    let _ = writeln!(out, ": {text}");
}

/// The site root that diagnostics' file paths are relative to, so the source line
/// can be shown. Set once by `main`.
static SOURCE_ROOT: OnceLock<PathBuf> = OnceLock::new();

/// Sets the folder that diagnostics' files are read from.
pub(crate) fn set_source_root(root: &Path) {
    let _ = SOURCE_ROOT.set(root.to_path_buf());
}

/// Reports a panic: an internal failure, with where it happened and what to do.
pub(crate) fn report_panic(info: &std::panic::PanicHookInfo<'_>) {
    let what = info
        .payload()
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| info.payload().downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown failure");
    let place = info
        .location()
        .map(|l| format!(" (at {}:{})", l.file(), l.line()))
        .unwrap_or_default();
    // Written with `writeln!` and errors ignored: printing must not panic again.
    labelled(
        &mut stderr(),
        "internal error",
        "1;31",
        &format!(
            "plainsite failed inside: {what}{place}\n  help: this is a bug in plainsite, not in your site; please report it with the page or setting that caused it"
        ),
    );
}

/// Prints every diagnostic and a summary as one JSON document on stdout (the
/// shape the preview's panels are drawn from too).
pub(crate) fn report_json(diagnostics: &[Diagnostic], median_grade: Option<f64>) {
    let doc = plainsite::check::json::findings(diagnostics, median_grade);
    // Raw, not through `visible`: `json_text` has already written every control
    // character as a JSON escape, and the filter's escapes are not JSON.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{}",
        plainsite::check::json_text::to_string_pretty(&doc)
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
        visible::stdout(),
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
            let mut err = stderr();
            let _ = err.paint(
                "The site was not built; nothing was written. Fix the errors above and try again.",
                "1",
            );
            let _ = writeln!(err);
        }
        Error::Usage { message, help } => {
            let mut err = stderr();
            labelled(&mut err, "error", "1;31", message);
            if let Some(help) = help {
                let _ = write!(err, "  ");
                labelled(&mut err, "help", "1;36", help);
            }
        }
        other => {
            let mut err = stderr();
            labelled(&mut err, "error", "1;31", &other.to_string());
            let mut source = std::error::Error::source(other);
            while let Some(cause) = source {
                let _ = writeln!(err, "  caused by: {cause}");
                source = cause.source();
            }
            if let Error::Io { source, .. } = other {
                let _ = write!(err, "  ");
                labelled(&mut err, "help", "1;36", io_help(source));
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
    labelled(&mut stderr(), "warning", "1;33", message);
}

/// Prints the build summary.
pub(crate) fn report_build(built: &Built, output: &Path) {
    let s = &built.stats;
    let _ = writeln!(
        visible::stdout(),
        "Built {} in {} ({}, {} in all) in {} ms into {}",
        plural(s.pages, "page"),
        plural(s.sections, "section"),
        plural(s.html_files, "HTML file"),
        plural(s.files, "file"),
        s.elapsed.as_millis(),
        output.display()
    );
}

/// Prints what `init` made and what to do next.
pub(crate) fn report_init(created: &Created) {
    let dir = created.dir.display();
    let _ = writeln!(
        visible::stdout(),
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

/// Prints the page `new` made and the address it will have, and for a section
/// made without `--kind` (`kind_given`) whose name suggests a kind, a tip.
pub(crate) fn report_new(root: &Path, page: &NewPage, kind_given: bool) {
    let file = if root == Path::new(".") {
        page.file.clone()
    } else {
        root.join(&page.file)
    };
    let _ = writeln!(
        visible::stdout(),
        "Made {} from {}.\nOnce published, it will be at {}",
        file.display(),
        page.archetype.display(),
        page.url
    );
    if let Some(kind) = page.page_kind {
        let _ = writeln!(
            visible::stdout(),
            "Its pages are {}: the section says `page_kind: {}`.",
            match kind {
                plainsite::content::PageKind::Events =>
                    "training and events, with dates and booking",
                plainsite::content::PageKind::Briefing => "7-minute briefings, each in seven parts",
                plainsite::content::PageKind::EasyRead => "Easy Read pages",
            },
            plainsite::new::kind::setting(kind)
        );
    }
    // A section whose name suggests events or briefings, made as plain pages.
    let hinted = page
        .file
        .parent()
        .filter(|_| !kind_given && page.page_kind.is_none() && page.file.ends_with("_index.md"))
        .and_then(Path::file_name)
        .and_then(|n| plainsite::new::kind::kind_hinted_by(&n.to_string_lossy()));
    if let Some(kind) = hinted {
        let what = match kind {
            plainsite::content::PageKind::Events => "training or events, with dates and booking",
            _ => "7-minute briefings",
        };
        let _ = writeln!(
            visible::stdout(),
            "Its pages are ordinary pages. If they are {what}, add a line `page_kind: {}` to {} now, before its first page.",
            plainsite::new::kind::setting(kind),
            file.display()
        );
    }
}

/// Prints where the preview is (one line, `Serving on URL`, that scripts can wait
/// for), and a warning when other computers can reach it.
pub(crate) fn report_serving(url: &str, bind: std::net::IpAddr) {
    let _ = writeln!(visible::stdout(), "Serving on {url}");
    if !bind.is_loopback() {
        warn(&format!(
            "the preview listens on {bind}, so other computers on the network can see the preview; leave out --bind to keep it on this computer"
        ));
    }
    let _ = writeln!(
        visible::stdout(),
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
            let _ = writeln!(visible::stdout(), "Changed: {first}{more}");
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
                visible::stdout(),
                "Built {} in {} ms; {what}",
                plural(stats.pages, "page"),
                stats.elapsed.as_millis()
            );
        }
        ServeEvent::Build(Outcome::Failed(error)) => {
            match &error {
                Error::Site(diagnostics) => report_diagnostics(diagnostics),
                other => report_error(other, Verbosity::Normal),
            }
            let mut err = stderr();
            let _ = err.paint(
                "The preview shows these errors and keeps the last good pages. Fix them and save.",
                "1",
            );
            let _ = writeln!(err);
        }
        ServeEvent::Build(Outcome::Restyled) => {
            let _ = writeln!(visible::stdout(), "Styles refreshed (no rebuild needed)");
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

/// Each stage's time, then the time to write to disk, on standard error (for
/// profiling, with `PLAINSITE_TIMINGS` set).
pub(crate) fn report_timings(
    phases: &[(&'static str, std::time::Duration)],
    written: std::time::Duration,
) {
    let mut err = stderr();
    for (stage, time) in phases {
        let _ = writeln!(err, "{stage:>26}: {:8.1} ms", time.as_secs_f64() * 1000.0);
    }
    let written = written.as_secs_f64() * 1000.0;
    let _ = writeln!(err, "{:>26}: {written:8.1} ms", "write to disk");
}
