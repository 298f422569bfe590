//! Rule `updated-unexplained`: a page whose `updated` date is newer than the
//! newest entry of its `changes:` list.
//!
//! Readers of a procedure see "Last updated 2 November 2020 — See all updates";
//! when the list does not say what happened on that date, they cannot tell what
//! changed. Pages without `changes:` are not judged. Reads front matter only.

use super::rule::Rule;
use crate::content::Page;
use crate::error::{Diagnostic, Severity};

/// `updated` newer than the last listed change.
pub(crate) const UPDATED_UNEXPLAINED: Rule = Rule {
    id: crate::rules::UPDATED_UNEXPLAINED,
    severity: Severity::Warning,
    description: "a page `updated` after the newest entry of its `changes:` list",
};

/// Checks one page.
pub(crate) fn check(page: &Page, out: &mut Vec<Diagnostic>) {
    let meta = &page.meta;
    let (Some(updated), Some(newest)) = (meta.updated, meta.changes.first()) else {
        return;
    };
    if meta.updated_given && updated > newest.date {
        let line = meta.key_lines.get("updated").copied().unwrap_or(1);
        out.push(
            UPDATED_UNEXPLAINED
                .at(
                    &page.file,
                    line,
                    1,
                    format!(
                        "`updated` is {updated}, but the newest entry in `changes` is {}",
                        newest.date
                    ),
                )
                .help(format!(
                    "add `- date: {updated}` with a `note:` saying what changed to `changes:`, or remove the `updated:` line so the newest change gives the date"
                )),
        );
    }
}
