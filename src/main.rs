//! The `plainsite` command: parses flags, calls the library, reports, exits.
//!
//! Exit codes: 0 success (warnings allowed), 1 the site has errors, 2 usage, I/O or
//! internal failure.

mod messages;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use plainsite::{BuildOptions, Error};

/// plainsite builds accessible websites for safeguarding partnerships from Markdown.
#[derive(Debug, Parser)]
#[command(name = "plainsite", version, about, long_about = None)]
struct Cli {
    /// The folder that holds site.yaml (default: the current folder).
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    root: PathBuf,
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
    /// Check the site for errors and content problems, without writing anything.
    #[command(
        after_help = "Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict), 2 a usage or I/O problem.\n\nExamples:\n  plainsite check\n  plainsite check --strict\n  plainsite check --format json > findings.json"
    )]
    Check(CheckArgs),
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
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Where to write the site.
    #[arg(long, short, value_name = "DIR", default_value = "public")]
    output: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    messages::set_source_root(&cli.root);
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            let code = match &err {
                Error::Site(_) => 1,
                _ => 2,
            };
            messages::report_error(&err);
            ExitCode::from(code)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Build(args) => build(&cli.root, args),
        Command::Check(args) => check(&cli.root, &args),
    }
}

/// Runs the whole build in memory and reports what it found; writes nothing.
fn check(root: &Path, args: &CheckArgs) -> Result<ExitCode, Error> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts: args.drafts,
        base_url: None,
    };
    let (diagnostics, built) = match plainsite::build(&options) {
        Ok(built) => (built.diagnostics.clone(), Some(built)),
        Err(Error::Site(diagnostics)) => (diagnostics, None),
        Err(other) => return Err(other),
    };
    let median = built.as_ref().and_then(|b| b.stats.median_reading_grade);
    match args.format {
        Format::Json => messages::report_json(&diagnostics, median),
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

fn build(root: &Path, args: BuildArgs) -> Result<ExitCode, Error> {
    let output = if args.output.is_absolute() {
        args.output.clone()
    } else {
        root.join(&args.output)
    };
    check_output_folder(root, &output)?;
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts: args.drafts,
        base_url: args.base_url,
    };
    let built = plainsite::build(&options)?;
    let shown = args.output.clone();
    let warnings = built.output.write_to(&output)?;
    messages::report_diagnostics(&built.diagnostics);
    for w in warnings {
        messages::warn(&w);
    }
    messages::report_build(&built, &shown);
    Ok(ExitCode::SUCCESS)
}

/// Refuses an output folder that would put the site's own files at risk: the site
/// root, any folder above it, or one of its source folders.
fn check_output_folder(root: &Path, output: &Path) -> Result<(), Error> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalise(&p)
    };
    let root_abs = root
        .canonicalize()
        .map(|p| normalise(&p))
        .unwrap_or_else(|_| absolute(root));
    let out_abs = match output.canonicalize() {
        Ok(p) => normalise(&p),
        Err(_) => match (
            output.parent().and_then(|p| p.canonicalize().ok()),
            output.file_name(),
        ) {
            (Some(parent), Some(name)) => normalise(&parent.join(name)),
            _ => absolute(output),
        },
    };
    let refuse = |why: &str| {
        Err(Error::usage(
            format!(
                "plainsite will not write the site to {}: {why}",
                output.display()
            ),
            "choose a separate folder for the built site, like `--output public`",
        ))
    };
    if root_abs.starts_with(&out_abs) {
        return refuse("it holds the site itself");
    }
    for source in [
        "content",
        "static",
        "themes",
        "templates",
        "shortcodes",
        "data",
        "archetypes",
        "src",
        ".git",
    ] {
        if out_abs.starts_with(root_abs.join(source)) {
            return refuse(&format!("it is inside the site's {source}/ folder"));
        }
    }
    Ok(())
}

fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
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
