//! Rules `event-start`, `event-times`, `event-place` and `event-booking`: the
//! details a reader needs to go to an event.
//!
//! A page in a `page_kind: events` section must have a `start` (it cannot be listed
//! without one). An end before the start, and an upcoming event with no place
//! (neither `location` nor `online: true`) or no booking link, are warnings: the
//! page still builds, but readers cannot plan, find or book it.

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
    severity: Severity::Warning,
    description: "an event whose `end` is before its `start`",
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
    if let Some(end) = &event.end {
        if *end < event.start {
            out.push(
                EVENT_TIMES
                    .at(
                        &page.file,
                        line("end"),
                        1,
                        format!(
                            "this event ends ({}) before it starts ({})",
                            end.strftime("%-d %B %Y %H:%M"),
                            event.start.strftime("%-d %B %Y %H:%M")
                        ),
                    )
                    .help("check the dates and times of `start` and `end`"),
            );
        }
    }
    let last = event
        .end
        .as_ref()
        .filter(|e| **e > event.start)
        .unwrap_or(&event.start);
    let upcoming = last.date() >= today;
    if event.location.is_none() && !event.online && upcoming {
        // At the empty `location:` a new page from the events archetype has,
        // else at `start:`.
        let at = if page.meta.key_lines.contains_key("location") {
            line("location")
        } else {
            line("start")
        };
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
    if event.booking_url.is_none() && upcoming {
        out.push(
            EVENT_BOOKING
                .at(
                    &page.file,
                    line("start"),
                    1,
                    "this upcoming event has no booking link",
                )
                .help("add `booking_url: https://…` with the page where people book a place"),
        );
    }
}
