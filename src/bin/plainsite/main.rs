//! The `plainsite` command: parses flags, calls the library, reports, exits.
//!
//! Exit codes: 0 success (warnings allowed), 1 the site has errors, 2 usage, I/O or
//! internal failure.

// All printing goes through `messages`, which makes control characters visible.
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod cli;
mod messages;

use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use cli::{BuildArgs, CheckArgs, Cli, Command, Format, ServeArgs};
use messages::Verbosity;
use plainsite::{BuildOptions, Error};

// A build makes and frees millions of small strings from several threads at once;
// mimalloc does that about twice as fast as the system allocator here, which is
// most of what a preview's rebuild costs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A panic is a bug in plainsite, never the author's fault: say so, and exit
    // with 2 (internal failure) rather than Rust's 101, from whichever thread.
    std::panic::set_hook(Box::new(|info| {
        messages::report_panic(info);
        std::process::exit(2);
    }));
    // Lets the tests prove the above on a real panic (tests/hostile_input.rs). Only
    // in debug builds, which the tests use: a release binary has no way to be told
    // to fail.
    #[cfg(debug_assertions)]
    if std::env::var_os("PLAINSITE_PANIC_FOR_TEST").is_some() {
        panic!("a panic asked for by PLAINSITE_PANIC_FOR_TEST");
    }
    let cli = Cli::parse();
    messages::set_source_root(&cli.root);
    let verbosity = cli.verbosity();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            let code = match &err {
                Error::Site(_) => 1,
                _ => 2,
            };
            messages::report_error(&err, verbosity);
            ExitCode::from(code)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let verbosity = cli.verbosity();
    match cli.command {
        Command::Build(args) => build(&cli.root, args, verbosity),
        Command::Init(args) => {
            // DIR is taken from the current folder, or from --root when it is given.
            let dir = if cli.root == Path::new(".") {
                args.dir
            } else {
                cli.root.join(args.dir)
            };
            let created = plainsite::init::init(&dir, today())?;
            messages::report_init(&created);
            Ok(ExitCode::SUCCESS)
        }
        Command::New(args) => {
            let page = if args.section == "section" {
                let holds = args
                    .kind
                    .map_or_else(Default::default, cli::SectionKind::holds);
                plainsite::new::new_section(&cli.root, &args.title, holds, today())?
            } else if args.kind.is_some() {
                return Err(Error::usage(
                    "--kind is for a new section",
                    format!(
                        "make the section with `plainsite new section \"{}\" --kind events`, or leave out --kind",
                        args.section
                    ),
                ));
            } else {
                plainsite::new::new_page(&cli.root, &args.section, &args.title, today())?
            };
            messages::report_new(&cli.root, &page, args.kind.is_some());
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => serve(&cli.root, args),
        Command::Check(args) => check(&cli.root, &args, verbosity),
    }
}

/// Today, in the computer's time zone.
fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

fn serve(root: &Path, args: ServeArgs) -> Result<ExitCode, Error> {
    let options = plainsite::serve::ServeOptions {
        root: root.to_path_buf(),
        drafts: args.drafts,
        bind: args.bind,
        port: args.port,
        poll: args.poll,
        editor: args.editor,
    };
    let server =
        plainsite::serve::Server::start(&options, std::sync::Arc::new(messages::report_serve))?;
    messages::report_serving(&server.url(), args.bind);
    if args.open {
        messages::open_browser(&server.url());
    }
    server.wait();
    Ok(ExitCode::SUCCESS)
}

/// Runs the whole build in memory and reports what it found; writes nothing.
fn check(root: &Path, args: &CheckArgs, verbosity: Verbosity) -> Result<ExitCode, Error> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts: args.drafts,
        base_url: None,
        today: args.today,
        fingerprint: true,
        // What the preview shows, internal sections included.
        internal: true,
    };
    let (diagnostics, built) = match plainsite::build(&options) {
        Ok(built) => (built.diagnostics.clone(), Some(built)),
        Err(Error::Site(diagnostics)) => (diagnostics, None),
        Err(other) => return Err(other),
    };
    let median = built.as_ref().and_then(|b| b.stats.median_reading_grade);
    match args.format {
        Format::Json => messages::report_json(&diagnostics, median),
        Format::Text if verbosity == Verbosity::Quiet => {
            messages::report_build_diagnostics(&diagnostics, verbosity);
        }
        Format::Text => {
            messages::report_diagnostics(&diagnostics);
            if let Some(b) = &built {
                messages::report_check(
                    b.stats.pages + b.stats.sections,
                    &diagnostics,
                    median,
                    b.config.reading_grade,
                );
            }
        }
    }
    let failed = diagnostics.iter().any(plainsite::Diagnostic::is_error)
        || (args.strict && !diagnostics.is_empty());
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn build(root: &Path, args: BuildArgs, verbosity: Verbosity) -> Result<ExitCode, Error> {
    // A one-off build holds the whole site in memory once, so huge pages would
    // only raise its peak memory and the time the kernel spends clearing them. The
    // preview keeps them: it rebuilds over the same memory many times.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let output = if args.output.is_absolute() {
        args.output.clone()
    } else {
        root.join(&args.output)
    };
    plainsite::output::check_output_folder(root, &output)?;
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts: args.drafts,
        base_url: args.base_url,
        today: args.today,
        fingerprint: true,
        internal: args.internal,
    };
    // Each HTML file is written into the staging folder as soon as it is
    // rendered, so the pages are not all held until the write; in memory where
    // that folder cannot be made. A failed build removes it (when `staging` is
    // dropped) and leaves the last good site as it was.
    let staging = plainsite::output::Staging::begin(&output);
    let built = match &staging {
        Some(staging) => plainsite::build_staged(&options, staging)?,
        None => plainsite::build(&options)?,
    };
    let shown = args.output.clone();
    let writing = std::time::Instant::now();
    let warnings = match staging {
        Some(staging) => staging.write(&built.output)?,
        None => built.output.write_to(&output)?,
    };
    if std::env::var_os("PLAINSITE_TIMINGS").is_some() {
        messages::report_timings(&built.stats.phases, writing.elapsed());
    }
    messages::report_build_diagnostics(&built.diagnostics, verbosity);
    if verbosity != Verbosity::Quiet {
        for w in warnings {
            messages::warn(&w);
        }
        messages::report_build(&built, &shown);
    }
    // The process ends now: the system takes its memory back at once, where
    // freeing the site's tens of thousands of strings one by one takes a while.
    std::mem::forget(built);
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
