//! Rules `updated-unexplained` and `date-order`: a page's dates tell readers
//! what happened when.
//!
//! `updated-unexplained`: a page whose `updated` date is newer than the newest
//! entry of its `changes:` list.
//! Readers of a procedure see "Last updated 2 November 2020 — See all updates";
//! when the list does not say what happened on that date, they cannot tell what
//! changed. Pages without `changes:` are not judged. Reads front matter only.
//!
//! `date-order`: a `date` after today (a slip of the year, most often: the page
//! is listed first, and dated in the future) or before 1900 (a digit of the year
//! missed or mistyped: the page is listed last), or an `updated` before `date`.

use jiff::civil::Date;

use super::rule::Rule;
use crate::content::Page;
use crate::error::{Diagnostic, Severity};

/// `updated` newer than the last listed change.
pub(crate) const UPDATED_UNEXPLAINED: Rule = Rule {
    id: crate::rules::UPDATED_UNEXPLAINED,
    severity: Severity::Warning,
    description: "a page `updated` after the newest entry of its `changes:` list",
};

/// A date in the future, or an update before the page was written.
pub(crate) const DATE_ORDER: Rule = Rule {
    id: crate::rules::DATE_ORDER,
    severity: Severity::Warning,
    description: "a page whose `date` is after today or before 1900, or whose `updated` is before its `date`",
};

/// Checks one page, on the build's `today`.
pub(crate) fn check(page: &Page, today: Date, out: &mut Vec<Diagnostic>) {
    let meta = &page.meta;
    let line_of = |key: &str| meta.key_lines.get(key).copied().unwrap_or(1);
    if let Some(date) = meta.date.filter(|d| *d > today) {
        out.push(
            DATE_ORDER
                .at(&page.file, line_of("date"), 1, format!("`date` is {date}, after today ({today}), so the page is dated in the future and listed before the rest"))
                .help("check the year and the month; write the day the page is published"),
        );
    }
    // No page of a partnership's site was published before 1900: a year like
    // 0224 or 1024 is a digit missed or mistyped, and the page is listed last.
    if let Some(date) = meta.date.filter(|d| d.year() < 1900) {
        out.push(
            DATE_ORDER
                .at(&page.file, line_of("date"), 1, format!("`date` is {date}, which is more than a century ago, so the page is listed after all the others"))
                .help("check the year: write all four digits, like `date: 2024-05-01`"),
        );
    }
    if let (Some(date), Some(updated), true) = (meta.date, meta.updated, meta.updated_given)
        && updated < date
    {
        out.push(
            DATE_ORDER
                .at(
                    &page.file,
                    line_of("updated"),
                    1,
                    format!("`updated` is {updated}, before the page's `date`, {date}"),
                )
                .help("a page is updated after it is published: check both dates"),
        );
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::FrontMatter;

    fn found(date: Option<&str>, updated: Option<&str>) -> Vec<(&'static str, Option<usize>)> {
        let mut meta = FrontMatter {
            title: "T".into(),
            date: date.map(|d| d.parse().expect("date")),
            updated: updated.map(|d| d.parse().expect("date")),
            updated_given: updated.is_some(),
            ..FrontMatter::default()
        };
        meta.key_lines.insert("date".into(), 3);
        meta.key_lines.insert("updated".into(), 4);
        let page = crate::check::tests::page(meta);
        let mut out = Vec::new();
        check(&page, "2026-12-02".parse().expect("today"), &mut out);
        out.iter().map(|d| (d.rule, d.line)).collect()
    }

    #[test]
    fn a_date_after_today_or_an_update_before_the_date_warns_at_its_line() {
        assert_eq!(found(Some("2027-06-01"), None), [("date-order", Some(3))]);
        assert_eq!(
            found(Some("2026-06-01"), Some("2025-11-01")),
            [("date-order", Some(4))]
        );
        assert!(found(Some("2026-12-02"), Some("2026-12-02")).is_empty());
        assert!(found(Some("2026-01-01"), Some("2026-06-01")).is_empty());
        assert!(found(None, Some("2020-01-01")).is_empty());
    }

    #[test]
    fn a_date_of_a_year_with_a_digit_missing_or_wrong_warns() {
        for slip in ["0202-05-01", "0024-05-01", "1024-05-01", "0000-01-01"] {
            assert_eq!(found(Some(slip), None), [("date-order", Some(3))], "{slip}");
        }
        assert!(found(Some("1989-11-16"), None).is_empty());
    }
}
