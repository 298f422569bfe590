//! [`Rule`]: a content rule's id, severity and description, and the finding it
//! makes. Every rule file names its rules with it; `check::RULES` lists them.

use std::path::Path;

use crate::error::{Diagnostic, Severity};

/// A content rule: its id, how serious a finding is, and what it catches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The id shown in brackets, e.g. `image-alt`.
    pub id: &'static str,
    /// Error (stops the build) or warning.
    pub severity: Severity,
    /// One line saying what it catches.
    pub description: &'static str,
}

impl Rule {
    /// A finding of this rule in `file`, with the rule's severity.
    pub(crate) fn at(
        &self,
        file: &Path,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let d = match self.severity {
            Severity::Error => Diagnostic::error(self.id, file, message),
            Severity::Warning => Diagnostic::warning(self.id, file, message),
        };
        d.at(line, col.max(1))
    }
}
