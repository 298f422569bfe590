//! plainsite: a static site generator for the public websites of local
//! safeguarding partnerships.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod error;
pub mod markdown;

pub use error::{Diagnostic, Error, Severity};
