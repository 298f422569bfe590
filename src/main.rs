//! The `plainsite` command: parses flags, calls the library, reports, exits.
//!
//! Exit codes: 0 success (warnings allowed), 1 the site has errors, 2 usage, I/O or
//! internal failure.

mod messages;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use messages::Verbosity;
use plainsite::{BuildOptions, Error};

// A build makes and frees millions of small strings from several threads at once;
// mimalloc does that about twice as fast as the system allocator here, which is
// most of what a preview's rebuild costs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// plainsite builds accessible websites for safeguarding partnerships from Markdown.
#[derive(Debug, Parser)]
#[command(
    name = "plainsite",
    version,
    about,
    long_about = None,
    after_help = "Examples:\n  plainsite init my-site\n  plainsite new briefings \"Think Family\"\n  plainsite build\n\nRun `plainsite COMMAND --help` to learn more about a command."
)]
struct Cli {
    /// The folder that holds site.yaml (default: the current folder).
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Print only errors: no warnings and no summary.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print every warning in full, from `build` too (which otherwise sums them up).
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into a folder you can upload (public/ by default).
    #[command(
        after_help = "Examples:\n  plainsite build\n  plainsite build --drafts --output preview\n  plainsite build --base-url https://example.org/preview/"
    )]
    Build(BuildArgs),
    /// Make a new site in an empty folder, with example pages to change or delete.
    #[command(
        after_help = "The new site has settings in site.yaml (with a note on each one), an example page of\neach kind, and no themes/ folder: it uses the theme built into plainsite.\n\nExamples:\n  plainsite init my-site\n  plainsite init \"C:\\Users\\me\\Documents\\partnership-site\""
    )]
    Init(InitArgs),
    /// Start a new page in a section, from the section's archetype (or a new section).
    #[command(
        after_help = "The page is made from archetypes/SECTION.md in the site (or the theme's), with\ntoday's date and a review date a year on. plainsite never overwrites a page.\n`plainsite new section NAME` makes a new section: content/NAME/_index.md.\n\nExamples:\n  plainsite new briefings \"Think Family\"\n  plainsite new newsletters \"Spring newsletter\"\n  plainsite new section \"Events\"\n  plainsite --root my-site new strategies \"Neglect strategy\""
    )]
    New(NewArgs),
    /// Preview the site in a browser; pages reload as you save.
    #[command(
        after_help = "Examples:\n  plainsite serve\n  plainsite serve --port 0 --open\n  plainsite serve --poll   (for shared or synced drives)"
    )]
    Serve(ServeArgs),
    /// Check the site for errors and content problems, without writing anything.
    #[command(
        after_help = "Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict), 2 a usage or I/O problem.\n\nExamples:\n  plainsite check\n  plainsite check --strict\n  plainsite check --format json > findings.json"
    )]
    Check(CheckArgs),
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The folder to make the site in. It must be new or empty.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The section's folder under content/, like `briefings`; or `section` to make
    /// a new section called TITLE.
    #[arg(value_name = "SECTION")]
    section: String,
    /// The page's title, in quotes. The file name is made from it.
    #[arg(value_name = "TITLE")]
    title: String,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. Anything but 127.0.0.1 lets other computers see the preview.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Look at the files every half second instead of waiting for change events
    /// (for network and synced drives).
    #[arg(long)]
    poll: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Open the preview in the web browser.
    #[arg(long)]
    open: bool,
    /// Link the problem panels to files in this editor: vscode, vscodium, idea,
    /// file or none (over `editor:` in site.yaml).
    #[arg(long, value_name = "EDITOR")]
    editor: Option<plainsite::editor::Editor>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Fail (exit 1) on warnings as well as errors.
    #[arg(long)]
    strict: bool,
    /// How to print the findings: `text` for people, `json` for other tools.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Check pages marked `draft: true` too.
    #[arg(long)]
    drafts: bool,
    /// Treat this date (YYYY-MM-DD) as today: which events are past, which pages are due for review.
    #[arg(long, value_name = "DATE")]
    today: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
struct BuildArgs {
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Use this web address instead of `base_url` in site.yaml (for preview copies).
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    base_url: Option<String>,
    /// Where to write the site.
    #[arg(long, short, value_name = "DIR", default_value = "public")]
    output: PathBuf,
    /// Build as on this date (YYYY-MM-DD), for reproducible builds: events that ended before it are listed as past.
    #[arg(long, value_name = "DATE")]
    today: Option<jiff::civil::Date>,
    /// Include sections marked `internal: true` (like the author's guide), for a
    /// copy of the site that only staff see.
    #[arg(long)]
    internal: bool,
}

/// `--base-url`: a full `https:` or `http:` address, else a usage error (exit 2).
fn parse_base_url(url: &str) -> Result<String, String> {
    plainsite::urls::check_base_url(url)
        .map(|()| url.to_owned())
        .map_err(|bad| format!("{}; {}", bad.message, bad.help))
}

fn main() -> ExitCode {
    // A panic is a bug in plainsite, never the author's fault: say so, and exit
    // with 2 (internal failure) rather than Rust's 101, from whichever thread.
    std::panic::set_hook(Box::new(|info| {
        messages::report_panic(info);
        std::process::exit(2);
    }));
    // Lets the tests prove the above on a real panic (tests/hostile_input.rs).
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

impl Cli {
    fn verbosity(&self) -> Verbosity {
        if self.quiet {
            Verbosity::Quiet
        } else if self.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
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
                plainsite::new::new_section(&cli.root, &args.title, today())?
            } else {
                plainsite::new::new_page(&cli.root, &args.section, &args.title, today())?
            };
            messages::report_new(&cli.root, &page);
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
    let built = plainsite::build(&options)?;
    let shown = args.output.clone();
    let writing = std::time::Instant::now();
    let warnings = built.output.write_to(&output)?;
    if std::env::var_os("PLAINSITE_TIMINGS").is_some() {
        // For profiling: each stage's time, on standard error.
        for (stage, time) in &built.stats.phases {
            eprintln!("{stage:>26}: {:8.1} ms", time.as_secs_f64() * 1000.0);
        }
        let written = writing.elapsed().as_secs_f64() * 1000.0;
        eprintln!("{:>26}: {written:8.1} ms", "write to disk");
    }
    messages::report_build_diagnostics(&built.diagnostics, verbosity);
    if verbosity != Verbosity::Quiet {
        for w in warnings {
            messages::warn(&w);
        }
        messages::report_build(&built, &shown);
    }
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
