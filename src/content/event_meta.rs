//! An event's front matter keys (`start`, `end`, `location`, `online`,
//! `booking_url`, `audience`, `places`), checked into an `EventMeta`.
//!
//! Called from `front_matter::parse`. Bad values are errors naming the key's line;
//! questions of judgement (an end before the start, no booking link) are warnings
//! of `plainsite check` (`check::events`), not here.

use std::path::Path;

use crate::error::Diagnostic;
use crate::events::{BadTime, EventMeta, check_text, parse_time_noted};

/// The event keys as written.
pub(super) struct RawEvent<'a> {
    pub(super) start: Option<&'a str>,
    pub(super) end: Option<&'a str>,
    pub(super) location: Option<&'a str>,
    pub(super) online: bool,
    pub(super) booking_url: Option<&'a str>,
    pub(super) audience: Option<&'a str>,
    pub(super) places: Option<u32>,
}

/// Checks the event keys; `None` when the page has no `start` (and then no other
/// event key either).
pub(super) fn read(
    raw: &RawEvent<'_>,
    file: &Path,
    line_of: &dyn Fn(&str) -> usize,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<EventMeta> {
    let mut error = |key: &str, message: String, help: &str| {
        problems.push(
            Diagnostic::error(crate::rules::FRONT_MATTER, file, message)
                .at(line_of(key), 1)
                .help(help.to_owned()),
        );
    };
    let mut twice = Vec::new();
    let mut time = |key: &str, value: &str, error: &mut dyn FnMut(&str, String, &str)| {
        match parse_time_noted(value) {
            Ok((t, None)) => Some(t),
            Ok((t, Some(note))) => {
                twice.push(
                    Diagnostic::warning(
                        crate::rules::FRONT_MATTER,
                        file,
                        format!(
                            "`{key}`: {}, and it is read as the first of the two",
                            note.message
                        ),
                    )
                    .at(line_of(key), 1)
                    .help(format!(
                        "say which you mean: `{key}: {}` for the first, `{key}: {}` for the second",
                        note.first, note.second
                    )),
                );
                Some(t)
            }
            Err(BadTime::Skipped(message)) => {
                error(key, format!("`{key}`: {message}"), "choose another time");
                None
            }
            // A day with no time: the event's hours are what readers need next.
            Err(BadTime::Unreadable(_))
                if value.trim().len() == 10
                    && value.trim().parse::<jiff::civil::Date>().is_ok() =>
            {
                let day = value.trim();
                error(
                    key,
                    format!("`{key}` has a date but no time, found {day:?}"),
                    &format!(
                        "add the time on a 24-hour clock, like `{key}: {day} {}`; for an event that lasts all day, give the hours it is open",
                        if key == "end" { "16:00" } else { "09:30" }
                    ),
                );
                None
            }
            Err(BadTime::Unreadable(why)) => {
                error(
                key,
                format!(
                    "`{key}` {why}, found {:?}",
                    value.chars().take(40).collect::<String>()
                ),
                &crate::text::dates::date_time_help(value, key).unwrap_or_else(|| {
                    "write the date and time like `2025-03-04 09:30` (UK time), or add a zone like `2025-03-04T09:30[Europe/Paris]`".to_owned()
                }),
            );
                None
            }
        }
    };
    let Some(start_text) = raw.start else {
        let others = [
            ("end", raw.end.is_some()),
            ("location", raw.location.is_some()),
            ("online", raw.online),
            ("booking_url", raw.booking_url.is_some()),
            ("audience", raw.audience.is_some()),
            ("places", raw.places.is_some()),
        ];
        if let Some((key, _)) = others.iter().find(|(_, set)| *set) {
            error(
                key,
                format!("`{key}` is an event detail, but the page has no `start`"),
                "add `start: 2025-03-04 09:30` with the event's date and time, or remove the line",
            );
        }
        return None;
    };
    let start = time("start", start_text, &mut error);
    let end = match (raw.end, &start) {
        // `end: 12:30`: the time, with the day taken as read. It needs the day too.
        (Some(e), Some(s)) if let Some(at) = crate::text::dates::clock_meant(e) => {
            error(
                "end",
                format!("`end` has a time but no date, found {:?}", e.trim()),
                &format!(
                    "did you mean `end: {} {at}`? Write the date too, even when the event ends on the day it starts",
                    s.date()
                ),
            );
            None
        }
        (e, _) => e.and_then(|e| time("end", e, &mut error)),
    };
    warnings.append(&mut twice);
    let mut text = |key: &str, value: Option<&str>| -> Option<String> {
        let value = value?.trim();
        if let Some(why) = check_text(value) {
            error(
                key,
                format!("`{key}` {why}"),
                "write a short plain line, like `Council House, Walsall`",
            );
            return None;
        }
        Some(value.to_owned()).filter(|v| !v.is_empty())
    };
    let location = text("location", raw.location);
    let audience = text("audience", raw.audience);
    // Small partnerships take bookings by email: `mailto:` with an address a
    // mail program takes is a booking address too.
    let by_email = |url: &str| {
        url.get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("mailto:"))
            && crate::urls::email_problem(url[7..].split('?').next().unwrap_or("")).is_none()
    };
    // Left empty (as the events archetype leaves it): no booking link yet.
    let booking_url = match raw.booking_url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) if crate::urls::is_web_url(url) || by_email(url) => {
            // A booking page on the author's own computer (`localhost`).
            if let Err(bad) = crate::urls::check(url) {
                error(
                    "booking_url",
                    format!("`booking_url`: {}", bad.message),
                    &bad.help,
                );
            }
            Some(url.to_owned())
        }
        Some(url) => {
            let (message, help) = booking_problem(url);
            error("booking_url", message, &help);
            None
        }
        None => None,
    };
    Some(EventMeta {
        start: start?,
        end,
        location,
        online: raw.online,
        booking_url,
        audience,
        places: raw.places,
    })
}

/// What is wrong with a booking link that is neither a web address nor
/// `mailto:` and an email address, and what to write instead.
fn booking_problem(url: &str) -> (String, String) {
    const LIKE: &str = "like `booking_url: https://www.example.org/book` or `booking_url: mailto:training@example.org`";
    let shown: String = url.chars().filter(|c| !c.is_control()).take(60).collect();
    let lower = url.to_ascii_lowercase();
    let scheme = lower.split_once(':').map_or("", |(s, _)| s);
    let rest = lower
        .split_once(':')
        .map_or("", |(_, r)| r.trim_start_matches('/').trim());
    match scheme {
        "mailto" if rest.is_empty() => (
            "`booking_url` is `mailto:` with no email address after it".to_owned(),
            "write the address people book by straight after `mailto:`, like `booking_url: mailto:training@example.org`, or leave `booking_url` empty until you have one".to_owned(),
        ),
        "mailto" => {
            let address = url.get(7..).unwrap_or("").split('?').next().unwrap_or("");
            let why = crate::urls::email_problem(address).unwrap_or_default();
            (
                format!("the email address in `booking_url` is not one mail can reach: {why}"),
                "check the address and write it like `booking_url: mailto:training@example.org`".to_owned(),
            )
        }
        "http" | "https" if rest.is_empty() => (
            format!("`booking_url` is `{shown}` with no address after it"),
            "paste the booking page's whole address, like `booking_url: https://www.example.org/book`, or leave `booking_url` empty until you have it".to_owned(),
        ),
        "tel" => (
            format!("`booking_url` is a phone link ({shown}); a booking link must open a web page or an email"),
            format!("put the phone number in the page's text, and write a booking link {LIKE}, or leave `booking_url` empty"),
        ),
        _ if lower.starts_with("www.") => (
            format!("`booking_url` needs `https://` at the start, found {shown:?}"),
            format!("write `booking_url: https://{shown}`"),
        ),
        _ => (
            format!("`booking_url` must be a full https: or http: address, or mailto: and an email address, found {shown:?}"),
            format!("write the booking page's address or an email address to book by, {LIKE}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::booking_problem;
    use crate::text::dates::clock_meant;

    #[test]
    fn a_time_of_day_is_read_on_the_24_hour_clock() {
        assert_eq!(clock_meant("12:30").as_deref(), Some("12:30"));
        assert_eq!(clock_meant(" 9:05 ").as_deref(), Some("09:05"));
        assert_eq!(clock_meant("00:00").as_deref(), Some("00:00"));
        assert_eq!(clock_meant("12.30pm").as_deref(), Some("12:30"));
        assert_eq!(clock_meant("4 pm").as_deref(), Some("16:00"));
        for not in [
            "24:00",
            "12:60",
            "12:3",
            "123:00",
            "+1:30",
            "2026-09-23 12:30",
            ":30",
            "12",
        ] {
            assert_eq!(clock_meant(not), None, "{not}");
        }
    }

    #[test]
    fn a_half_typed_booking_link_is_told_what_is_missing() {
        for (url, says, helps) in [
            (
                "mailto:",
                "`mailto:` with no email address",
                "straight after `mailto:`",
            ),
            (
                "MAILTO:  ",
                "`mailto:` with no email address",
                "straight after `mailto:`",
            ),
            (
                "mailto:training.example.org",
                "has no `@`",
                "mailto:training@example.org",
            ),
            (
                "https://",
                "`https://` with no address after it",
                "whole address",
            ),
            ("http:", "`http:` with no address after it", "whole address"),
            (
                "tel:",
                "is a phone link",
                "put the phone number in the page's text",
            ),
            (
                "tel:01632 960000",
                "is a phone link",
                "leave `booking_url` empty",
            ),
            (
                "www.example.org/book",
                "needs `https://` at the start",
                "`booking_url: https://www.example.org/book`",
            ),
            (
                "/training/book/",
                "must be a full https:",
                "like `booking_url: https://",
            ),
        ] {
            let (message, help) = booking_problem(url);
            assert!(message.contains(says), "{url}: {message}");
            assert!(help.contains(helps), "{url}: {help}");
        }
    }
}
