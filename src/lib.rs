//! plainsite: a static site generator for the public websites of local
//! safeguarding partnerships.
//!
//! ```text
//! flags → BuildOptions;  site.yaml → Config
//! Config → Theme → Renderer (templates compiled once)
//!        → content::load → Content → markdown (per page, parallel) → links checked
//!        → site model (order, pagination, taxonomies) → HTML (parallel) → Output
//!        → feeds, aliases, sitemap, search index (from the HTML in memory) → Output
//!        → build: staged write to public/  |  serve: HTTP from the in-memory Output
//! ```
//!
//! The library never prints: it returns values and `Diagnostic`s, and the binary
//! reports them.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod assets;
pub mod brand;
pub mod check;
pub mod config;
pub mod content;
pub mod editor;
pub mod error;
pub mod events;
pub mod feeds;
pub mod glossary;
pub mod hosting;
pub mod html;
pub mod images;
pub mod init;
pub mod languages;
pub mod markdown;
pub mod new;
pub mod output;
pub mod paths;
pub mod render;
pub mod rules;
pub mod search;
pub mod serve;
pub mod site;
pub mod strings;
pub mod text;
pub mod theme;
pub mod urls;
mod yaml;

pub use error::{Diagnostic, Error, Severity};
pub use output::Output;
pub use site::{BuildCache, BuildOptions, Built, Stats, build, build_staged, build_with};
