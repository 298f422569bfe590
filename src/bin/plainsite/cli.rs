//! The command line: flags and subcommands as clap sees them. `main.rs` turns
//! them into library types; clap never reaches the library.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::messages::Verbosity;

/// plainsite builds accessible websites for safeguarding partnerships from Markdown.
#[derive(Debug, Parser)]
#[command(
    name = "plainsite",
    version,
    about,
    long_about = None,
    after_help = "Examples:\n  plainsite init my-site\n  plainsite new briefings \"Think Family\"\n  plainsite build\n\nRun `plainsite COMMAND --help` to learn more about a command."
)]
pub(crate) struct Cli {
    /// The folder that holds site.yaml (default: the current folder).
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub(crate) root: PathBuf,
    /// Print only errors: no warnings and no summary.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Print every warning in full, from `build` too (which otherwise sums them up).
    #[arg(long, short, global = true)]
    pub(crate) verbose: bool,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
        after_help = "The page is made from archetypes/SECTION.md in the site (or the theme's), with\ntoday's date and a review date a year on. plainsite never overwrites a page.\n`plainsite new section NAME` makes a new section: content/NAME/_index.md.\n\nExamples:\n  plainsite new briefings \"Think Family\"\n  plainsite new newsletters \"Spring newsletter\"\n  plainsite new section \"Events\"\n  plainsite new section \"Training\" --kind events\n  plainsite --root my-site new strategies \"Neglect strategy\""
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
pub(crate) struct InitArgs {
    /// The folder to make the site in. It must be new or empty.
    #[arg(value_name = "DIR")]
    pub(crate) dir: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The section's folder under content/, like `briefings`; or `section` to make
    /// a new section called TITLE.
    #[arg(value_name = "SECTION")]
    pub(crate) section: String,
    /// The page's title, in quotes. The file name is made from it.
    #[arg(value_name = "TITLE")]
    pub(crate) title: String,
    /// For a new section: the kind of pages it holds (`events` for training and
    /// events, `briefings` for 7-minute briefings, `easy-read`, or `pages`). A
    /// section called Events or Briefings is of that kind unless told otherwise.
    #[arg(long, value_enum, value_name = "KIND")]
    pub(crate) kind: Option<SectionKind>,
}

/// What `--kind` may say.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum SectionKind {
    Events,
    Briefings,
    EasyRead,
    Pages,
}

impl SectionKind {
    pub(crate) fn holds(self) -> plainsite::new::kind::Holds {
        use plainsite::content::PageKind;
        use plainsite::new::kind::Holds;
        match self {
            SectionKind::Events => Holds::Kind(PageKind::Events),
            SectionKind::Briefings => Holds::Kind(PageKind::Briefing),
            SectionKind::EasyRead => Holds::Kind(PageKind::EasyRead),
            SectionKind::Pages => Holds::Plain,
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub(crate) port: u16,
    /// The address to listen on. Anything but 127.0.0.1 lets other computers see the preview.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1", value_parser = parse_bind)]
    pub(crate) bind: std::net::IpAddr,
    /// Look at the files every half second instead of waiting for change events
    /// (for network and synced drives).
    #[arg(long)]
    pub(crate) poll: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Open the preview in the web browser.
    #[arg(long)]
    pub(crate) open: bool,
    /// Link the problem panels to files in this editor: vscode, vscodium, idea,
    /// file or none (over `editor:` in site.yaml).
    #[arg(long, value_name = "EDITOR")]
    pub(crate) editor: Option<plainsite::editor::Editor>,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Fail (exit 1) on warnings as well as errors.
    #[arg(long)]
    pub(crate) strict: bool,
    /// How to print the findings: `text` for people, `json` for other tools.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Check pages marked `draft: true` too.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Treat this date (YYYY-MM-DD) as today: which events are past, which pages are due for review.
    #[arg(long, value_name = "DATE", value_parser = parse_today)]
    pub(crate) today: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Use this web address instead of `base_url` in site.yaml (for preview copies).
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub(crate) base_url: Option<String>,
    /// Where to write the site.
    #[arg(long, short, value_name = "DIR", default_value = "public")]
    pub(crate) output: PathBuf,
    /// Build as on this date (YYYY-MM-DD), for reproducible builds: events that ended before it are listed as past.
    #[arg(long, value_name = "DATE", value_parser = parse_today)]
    pub(crate) today: Option<jiff::civil::Date>,
    /// Include sections marked `internal: true` (like the author's guide), for a
    /// copy of the site that only staff see.
    #[arg(long)]
    pub(crate) internal: bool,
}

/// `--base-url`: a full `https:` or `http:` address, else a usage error (exit 2).
pub(crate) fn parse_base_url(url: &str) -> Result<String, String> {
    plainsite::urls::check_base_url(url)
        .map(|()| url.to_owned())
        .map_err(|bad| {
            // A help that is a sentence of its own starts one.
            let join = if bad.help.starts_with(char::is_uppercase) {
                ". "
            } else {
                "; "
            };
            format!("{}{join}{}", bad.message, bad.help)
        })
}

/// `--bind`: an IP address, or `localhost` for this computer's own; else a
/// usage error (exit 2) that says what to write.
pub(crate) fn parse_bind(text: &str) -> Result<std::net::IpAddr, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    }
    text.parse().map_err(|_| {
        format!("{text:?} is not an IP address: leave out --bind to keep the preview on this computer, or give an address like `--bind 192.168.1.20`")
    })
}

/// `--today`: a date written year-month-day, else a usage error (exit 2) that
/// gives the date back that way when it can be read (`01/02/2027`).
pub(crate) fn parse_today(text: &str) -> Result<jiff::civil::Date, String> {
    match text.trim().parse::<jiff::civil::Date>() {
        Ok(date) if text.trim().len() == 10 => Ok(date),
        _ => Err(match plainsite::text::dates::help_for(text, "--today ") {
            Some(help) => format!("{text:?} is not a date: {help}"),
            None => format!(
                "{text:?} is not a date: write it year-month-day, like `--today 2027-02-01`"
            ),
        }),
    }
}

impl Cli {
    pub(crate) fn verbosity(&self) -> Verbosity {
        if self.quiet {
            Verbosity::Quiet
        } else if self.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        }
    }
}
