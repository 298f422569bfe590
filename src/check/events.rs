//! Rules `event-start`, `event-times`, `event-place` and `event-booking`: the
//! details a reader needs to go to an event.
//!
//! A page in a `page_kind: events` section must have a `start` (it cannot be listed
//! without one). An end before the start is an error too: it is always a typo,
//! and the page would say "10am to 9am". An end the same as the start of an
//! event still to come is a warning: the page shows the start alone, but the
//! finishing time was most likely meant. An upcoming event with no place
//! (neither `location` nor `online: true`) or no booking link is a warning: the
//! page still builds, but readers cannot find or book it. A booking link into a
//! staff tool (a meeting anyone could join) gets the `staff-link` warning.

use super::rule::Rule;
use crate::content::{Content, Page, PageKind};
use crate::error::{Diagnostic, Severity};

/// A page in an events section without `start`.
pub(crate) const EVENT_START: Rule = Rule {
    id: crate::rules::EVENT_START,
    severity: Severity::Error,
    description: "a page in an events section without a `start` date and time",
};

/// An event that ends before it starts.
pub(crate) const EVENT_TIMES: Rule = Rule {
    id: crate::rules::EVENT_TIMES,
    severity: Severity::Error,
    description: "an event whose `end` is before its `start`",
};

/// An event that ends when it starts: a warning under the id of
/// [`EVENT_TIMES`], whose guide section is about an event's two times.
const EVENT_SAME_TIMES: Rule = Rule {
    severity: Severity::Warning,
    ..EVENT_TIMES
};

/// An upcoming event that says nowhere where it is.
pub(crate) const EVENT_PLACE: Rule = Rule {
    id: crate::rules::EVENT_PLACE,
    severity: Severity::Warning,
    description: "an upcoming event with neither a `location` nor `online: true`",
};

/// An upcoming event with no way to book.
pub(crate) const EVENT_BOOKING: Rule = Rule {
    id: crate::rules::EVENT_BOOKING,
    severity: Severity::Warning,
    description: "an upcoming event without a `booking_url`",
};

/// An event's details on a page outside an events section: a warning under
/// the id of [`EVENT_START`], whose guide section says where events go.
const EVENT_OUTSIDE: Rule = Rule {
    severity: Severity::Warning,
    ..EVENT_START
};

/// The help for an event that ends at `end`, before its `start`: an end twelve
/// hours later when that is after the start on the same day (`09:00` written for
/// `21:00`), else to make the end later.
fn end_help(start: &jiff::ZonedDateTime, end: &jiff::ZonedDateTime) -> String {
    let later = end
        .checked_add(jiff::SignedDuration::from_hours(12))
        .ok()
        .filter(|later| {
            *later > *start && later.date() == start.date() && later.date() == end.date()
        });
    match later {
        Some(later) => format!(
            "did you mean `end: {}`? Times are written on the 24-hour clock",
            later.strftime("%Y-%m-%d %H:%M")
        ),
        None => format!(
            "make `end:` later than `start:` ({})",
            start.strftime("%Y-%m-%d %H:%M")
        ),
    }
}

/// Checks one page against the event rules.
pub(crate) fn check(
    content: &Content,
    page: &Page,
    today: jiff::civil::Date,
    out: &mut Vec<Diagnostic>,
) {
    let in_events = !page.is_section
        && page.parent.is_some_and(|s| {
            content.pages[content.sections[s].index].meta.page_kind == Some(PageKind::Events)
        });
    let line = |key: &str| page.meta.key_lines.get(key).copied().unwrap_or(1);
    let Some(event) = &page.meta.event else {
        if in_events {
            out.push(
                EVENT_START
                    .at(&page.file, line("title"), 1, "this event has no `start`, so it cannot be listed")
                    .help("add `start: 2025-03-04 09:30` and `end: 2025-03-04 12:30` (UK time) to the front matter"),
            );
        }
        return;
    };
    if !in_events && !page.is_section {
        let index = page
            .parent
            .map(|s| &content.pages[content.sections[s].index]);
        let section = index.map_or_else(
            || "content/_index.md".to_owned(),
            |p| p.file.display().to_string(),
        );
        out.push(
            EVENT_OUTSIDE
                .at(&page.file, line("start"), 1, "this page has a `start`, but its section is not a section of events, so it is listed as an ordinary page, without its date, and stays listed once it is over")
                .help(format!("add `page_kind: events` to the front matter of {section}, or remove the event's details from this page")),
        );
    }
    if let Some(end) = event.end.as_ref().filter(|end| **end < event.start) {
        out.push(
            EVENT_TIMES
                .at(
                    &page.file,
                    line("end"),
                    1,
                    format!(
                        "this event ends ({}) before it starts ({}), so its page would say \"{}\" and calendars would leave out the end",
                        end.strftime("%-d %B %Y %H:%M"),
                        event.start.strftime("%-d %B %Y %H:%M"),
                        crate::events::describe(&event.start, Some(end), &crate::events::WhenWords::english()),
                    ),
                )
                .help(end_help(&event.start, end)),
        );
    }
    let last = event
        .end
        .as_ref()
        .filter(|e| **e > event.start)
        .unwrap_or(&event.start);
    let upcoming = last.date() >= today;
    // Over, the event's page is a record: its start alone is enough.
    if upcoming && event.end.as_ref().is_some_and(|end| *end == event.start) {
        out.push(
            EVENT_SAME_TIMES
                .at(
                    &page.file,
                    line("end"),
                    1,
                    format!(
                        "this event's `end` is the same as its `start` ({}), so its page shows only the start time",
                        event.start.strftime("%-d %B %Y %H:%M"),
                    ),
                )
                .help("remove `end:`, or give the time the event really finishes"),
        );
    }
    if event.location.is_none() && !event.online && upcoming {
        // At the empty `location:` (or `online: false`) a new page from the
        // events archetype has, else at `start:`.
        let at = line_of_first(page, &["location", "online", "start"]);
        out.push(
            EVENT_PLACE
                .at(
                    &page.file,
                    at,
                    1,
                    "this event does not say where it is: it has no `location`, and it is not marked `online: true`",
                )
                .help("add `location: Room 2, Civic Centre, Walsall` or `online: true`"),
        );
    }
    if let Some(url) = event.booking_url.as_deref().filter(|_| upcoming) {
        out.extend(booking_link(page, url));
    }
    if event.booking_url.is_none() && upcoming {
        out.push(
            EVENT_BOOKING
                .at(
                    &page.file,
                    line_of_first(page, &["booking_url", "start"]),
                    1,
                    "this upcoming event has no booking link",
                )
                .help("add `booking_url: https://…` with the page where people book a place"),
        );
    }
}

/// The `staff-link` warning for an upcoming event's `booking_url` that goes into
/// a staff tool: a Teams meeting anyone could join, a SharePoint form only staff
/// can open.
fn booking_link(page: &Page, url: &str) -> Option<Diagnostic> {
    let line = page.meta.key_lines.get("booking_url").copied().unwrap_or(1);
    let text = page.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let col = text.find(url).map_or(1, |i| text[..i].chars().count() + 1);
    super::staff_links::address(url, line, col, &page.file)
}

/// The line of the first of `keys` the page's front matter has, else 1.
fn line_of_first(page: &Page, keys: &[&str]) -> usize {
    keys.iter()
        .find_map(|key| page.meta.key_lines.get(*key).copied())
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::parse_time;

    fn help(start: &str, end: &str) -> String {
        let time = |t: &str| parse_time(t).expect("a time");
        end_help(&time(start), &time(end))
    }

    #[test]
    fn an_end_written_on_the_12_hour_clock_gets_the_24_hour_time() {
        assert_eq!(
            help("2027-03-03 10:00", "2027-03-03 09:00"),
            "did you mean `end: 2027-03-03 21:00`? Times are written on the 24-hour clock"
        );
    }

    #[test]
    fn an_end_that_twelve_hours_would_not_mend_gets_the_start_to_pass() {
        // Twelve hours later is still before the start, or on the next day.
        for (start, end) in [
            ("2027-03-03 22:00", "2027-03-03 09:00"),
            ("2027-03-03 14:00", "2027-03-03 13:00"),
            ("2027-03-04 10:00", "2027-03-03 11:00"),
        ] {
            assert_eq!(
                help(start, end),
                format!("make `end:` later than `start:` ({start})"),
                "{start} {end}"
            );
        }
    }
}
