//! Training and events: reading an event's times and details from front matter,
//! and writing its iCalendar file and schema.org `Event` data.
//!
//! Front matter (`content::event_meta`) calls [`parse_time`] and [`check_text`];
//! the site build (`site::events`) splits a `page_kind: events` section into
//! upcoming and past events and calls [`ics`] and [`json_ld`]. Times are read in
//! Europe/London unless a zone is given, from the time zone database carried in the
//! binary, so a build gives the same times on a machine without one. Nothing here
//! reads files or renders templates.

use jiff::ZonedDateTime as Zoned;
use jiff::civil::DateTime;
use jiff::tz::{TimeZone, TimeZoneDatabase};
use serde::Serialize;

mod when;
pub use when::{DEFAULT_ZONE, WhenWords, describe};

/// An event's details from front matter, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct EventMeta {
    /// When it starts.
    pub start: Zoned,
    /// When it ends.
    pub end: Option<Zoned>,
    /// Where it happens.
    pub location: Option<String>,
    /// True for an online event.
    pub online: bool,
    /// Where to book (`https:` or `http:`).
    pub booking_url: Option<String>,
    /// Who it is for.
    pub audience: Option<String>,
    /// How many places there are.
    pub places: Option<u32>,
}

/// Why an event time could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadTime {
    /// Not a time at all: what is wrong, to follow the key's name ("is not a
    /// date and time").
    Unreadable(String),
    /// A time the clocks skip where the event is, as a sentence: "1:30am on 28
    /// March 2027 does not exist in the UK: the clocks go forward from 1am to
    /// 2am".
    Skipped(String),
}

/// Reads an event time: `2025-03-04 09:30` (Europe/London), or with an offset
/// (`2025-03-04T09:30+01:00`) or a zone (`2025-03-04T09:30[Europe/Paris]`).
/// A time in the hour the clocks go forward is refused: it never happens, and
/// would be shown as the hour after.
pub fn parse_time(text: &str) -> Result<Zoned, BadTime> {
    parse_time_noted(text).map(|(time, _)| time)
}

/// Reads an event time as [`parse_time`] does, with a sentence to warn of when
/// the time is one the clocks show twice where the event is (the hour they go
/// back): it is read as the first of the two, and the sentence says so.
pub fn parse_time_noted(text: &str) -> Result<(Zoned, Option<Twice>), BadTime> {
    let unreadable = |why: &str| BadTime::Unreadable(why.to_owned());
    let text = text.trim();
    if text.len() > 80 || text.chars().any(char::is_control) {
        return Err(unreadable("is not a date and time"));
    }
    let db = TimeZoneDatabase::bundled();
    if let Some((when, zone)) = text.strip_suffix(']').and_then(|t| t.split_once('[')) {
        let tz = db.get(zone).map_err(|_| {
            BadTime::Unreadable(format!("names the time zone {zone:?}, which is not known"))
        })?;
        let civil = when
            .get(..16)
            .filter(|_| when.len() == 16 || when.len() == 19)
            .and_then(|_| when.replace(' ', "T").parse::<DateTime>().ok())
            .ok_or_else(|| unreadable("is not a date and time"))?;
        return in_zone(civil, tz);
    }
    let normal = text.replacen(' ', "T", 1);
    if let Ok(ts) = normal.parse::<jiff::Timestamp>() {
        return Ok((ts.to_zoned_datetime(london(&db)), None));
    }
    match normal.parse::<DateTime>() {
        Ok(civil) if normal.len() >= 16 => in_zone(civil, london(&db)),
        _ => Err(unreadable("is not a date and time")),
    }
}

/// A time the clocks show twice, taken as the first: why, and how to write
/// each of the two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Twice {
    /// "1:30am on 25 October 2026 happens twice in the UK: the clocks go back
    /// from 2am to 1am".
    pub message: String,
    /// The time as written with the offset of the first (`2026-10-25T01:30+01:00`).
    pub first: String,
    /// The time as written with the offset of the second (`2026-10-25T01:30+00:00`).
    pub second: String,
}

/// `civil` on the clocks of `tz`; an error for a time the clocks skip. A time
/// the clocks show twice (when they go back) is the first of the two, noted.
fn in_zone(civil: DateTime, tz: TimeZone) -> Result<(Zoned, Option<Twice>), BadTime> {
    let ambiguous = tz.to_ambiguous_zoned_datetime(civil);
    let twice = match ambiguous.offset() {
        jiff::tz::AmbiguousOffset::Fold { before, after } => Some(twice(civil, &tz, before, after)),
        _ => None,
    };
    if let jiff::tz::AmbiguousOffset::Gap { before, after } = ambiguous.offset() {
        // The clocks change at the first change after `civil` read with the
        // later offset (which is before it happened).
        let change = [after, before, after];
        let message = clock_change(civil, &tz, change, "does not exist in", "forward");
        return Err(BadTime::Skipped(message));
    }
    ambiguous
        .compatible()
        .map(|time| (time, twice))
        .map_err(|e| BadTime::Unreadable(e.to_string()))
}

/// Where the clocks of `tz` are called, for a sentence: "the UK".
fn place_of(tz: &TimeZone) -> String {
    match tz.iana_name() {
        Some(DEFAULT_ZONE) => "the UK".to_owned(),
        Some(name) => name.to_owned(),
        None => "that time zone".to_owned(),
    }
}

/// "1:30am on 25 October 2026 {what} the UK: the clocks go {way} from 2am to
/// 1am", for `civil` on the clocks of `tz`; `offsets` are the one `civil` is
/// read with to find the change that follows, and the offsets before and after it.
fn clock_change(
    civil: DateTime,
    tz: &TimeZone,
    [read_with, before, after]: [jiff::tz::Offset; 3],
    what: &str,
    way: &str,
) -> String {
    let day = civil.strftime("%-d %B %Y");
    let when = when::clock(civil.hour(), civil.minute(), true);
    let mut message = format!("{when} on {day} {what} {}", place_of(tz));
    let change = read_with
        .to_timestamp(civil)
        .ok()
        .and_then(|ts| tz.following(ts).next())
        .map(|t| t.timestamp());
    if let Some(change) = change {
        let (from, to) = (before.to_datetime(change), after.to_datetime(change));
        message.push_str(&format!(
            ": the clocks go {way} from {} to {}",
            when::clock(from.hour(), from.minute(), true),
            when::clock(to.hour(), to.minute(), true)
        ));
    }
    message
}

/// The note for `civil`, shown twice by the clocks of `tz`: first with the
/// offset `before`, then with `after`.
fn twice(
    civil: DateTime,
    tz: &TimeZone,
    before: jiff::tz::Offset,
    after: jiff::tz::Offset,
) -> Twice {
    // The clocks go back at the first change after `civil` read with the
    // earlier offset.
    let message = clock_change(
        civil,
        tz,
        [before, before, after],
        "happens twice in",
        "back",
    );
    let written = |offset: jiff::tz::Offset| {
        let seconds = offset.seconds();
        let sign = if seconds < 0 { '-' } else { '+' };
        let minutes = seconds.unsigned_abs() / 60;
        format!(
            "{}{sign}{:02}:{:02}",
            civil.strftime("%Y-%m-%dT%H:%M"),
            minutes / 60,
            minutes % 60
        )
    };
    Twice {
        message,
        first: written(before),
        second: written(after),
    }
}

fn london(db: &TimeZoneDatabase) -> TimeZone {
    // The carried database always has Europe/London; UTC is a safe fallback.
    db.get(DEFAULT_ZONE).unwrap_or(TimeZone::UTC)
}

/// Checks a short text detail (location, audience): no control characters and at
/// most 300 characters. Returns what is wrong.
pub fn check_text(value: &str) -> Option<&'static str> {
    if value.chars().any(|c| c.is_control() && c != '\n') {
        Some("has control characters")
    } else if value.chars().count() > 300 {
        Some("is longer than 300 characters")
    } else {
        None
    }
}

/// An event as templates see it (`page.event`, and `event` on listed pages).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash, Default)]
pub struct EventView {
    /// Start, RFC 3339 with offset, for `<time datetime>`.
    pub start_iso: String,
    /// End, the same way.
    pub end_iso: Option<String>,
    /// "Tuesday 4 March 2025, 9:30am to 12:30pm" (with the zone when it is not
    /// the UK's).
    pub when: String,
    /// Where it happens ("Online" for an online event with no place).
    pub location: Option<String>,
    /// True for an online event.
    pub online: bool,
    /// Where to book.
    pub booking_url: Option<String>,
    /// Who it is for.
    pub audience: Option<String>,
    /// How many places.
    pub places: Option<u32>,
    /// The event's `.ics` file.
    pub ics_url: String,
    /// True when it has ended (or, with no end, started) before the build date.
    pub past: bool,
    /// schema.org `Event` as JSON, safe inside a `<script>` element.
    pub json_ld: String,
}

/// One event for an iCalendar file.
#[derive(Debug, Clone)]
pub struct IcsEvent<'a> {
    /// Absolute URL of the event's page; also its UID.
    pub url: &'a str,
    /// Title.
    pub title: &'a str,
    /// Summary or description.
    pub description: &'a str,
    /// The event.
    pub meta: &'a EventMeta,
    /// The words its place is given in: its page's language.
    pub online_words: OnlineWords<'a>,
}

/// An iCalendar (RFC 5545) file of `events`: CRLF lines folded at 75 octets, times in
/// UTC, `stamp` (the build date, so builds are reproducible) as every `DTSTAMP`.
pub fn ics(name: &str, events: &[IcsEvent<'_>], stamp: jiff::civil::Date) -> String {
    let mut out = String::new();
    let mut line = |text: String| fold(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//plainsite//events//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(name)));
    let dtstamp = format!("{}T000000Z", stamp.strftime("%Y%m%d"));
    for e in events {
        let utc = |z: &Zoned| z.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string();
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape(e.url)));
        line(format!("DTSTAMP:{dtstamp}"));
        line(format!("DTSTART:{}", utc(&e.meta.start)));
        if let Some(end) = e.meta.end.as_ref().filter(|end| **end > e.meta.start) {
            line(format!("DTEND:{}", utc(end)));
        }
        line(format!("SUMMARY:{}", escape(e.title)));
        if !e.description.is_empty() {
            line(format!("DESCRIPTION:{}", escape(e.description)));
        }
        if let Some(l) = place(e.meta.location.as_deref(), e.meta.online, e.online_words) {
            line(format!("LOCATION:{}", escape(&l)));
        }
        line(format!("URL:{}", e.url));
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// The words that say an event is online, in its page's language: the theme's
/// `event_online` and `event_and_online` strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnlineWords<'a> {
    /// An online event with no place: "Online".
    pub online: &'a str,
    /// A place people may also join online from: "{location}, and online".
    pub and_online: &'a str,
}

impl OnlineWords<'static> {
    /// The theme's English words, for tests and tools.
    pub const ENGLISH: OnlineWords<'static> = OnlineWords {
        online: "Online",
        and_online: "{location}, and online",
    };
}

/// Where an event is, as its page, listing and calendar say it: its `location`,
/// "Online", or both for an event people may also join online, in `words`.
pub fn place(location: Option<&str>, online: bool, words: OnlineWords<'_>) -> Option<String> {
    match (location, online) {
        // The location goes in once, so braces in it are left as written.
        (Some(l), true) => Some(match words.and_online.split_once("{location}") {
            Some((before, after)) => format!("{before}{l}{after}"),
            None => format!("{l}{}", words.and_online),
        }),
        (Some(l), false) => Some(l.to_owned()),
        (None, true) => Some(words.online.to_owned()),
        (None, false) => None,
    }
}

/// Escapes TEXT values (RFC 5545 3.3.11) and drops control characters.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `text` as content lines of at most 75 octets, never splitting a character.
fn fold(out: &mut String, text: &str) {
    let mut width = 0;
    for c in text.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// schema.org `Event` data as JSON, with `<`, `>` and `&` escaped so that it can sit
/// in a `<script type="application/ld+json">` element.
pub fn json_ld(e: &IcsEvent<'_>, organiser: &str) -> String {
    let iso = |z: &Zoned| z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": e.title,
        "url": e.url,
        "startDate": iso(&e.meta.start),
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": { "@type": "Organization", "name": organiser },
    });
    let obj = value.as_object_mut();
    if let Some(obj) = obj {
        if let Some(end) = &e.meta.end {
            obj.insert("endDate".into(), iso(end).into());
        }
        if !e.description.is_empty() {
            obj.insert("description".into(), e.description.into());
        }
        let mode = if e.meta.online && e.meta.location.is_none() {
            "Online"
        } else if e.meta.online {
            "Mixed"
        } else {
            "Offline"
        };
        obj.insert(
            "eventAttendanceMode".into(),
            format!("https://schema.org/{mode}EventAttendanceMode").into(),
        );
        let mut places = Vec::new();
        if let Some(l) = &e.meta.location {
            places.push(serde_json::json!({ "@type": "Place", "name": l }));
        }
        if e.meta.online {
            // An online event's place is a web address: the booking page's,
            // else the event's own.
            let web = e
                .meta
                .booking_url
                .as_deref()
                .filter(|u| crate::urls::is_web_url(u));
            places.push(
                serde_json::json!({ "@type": "VirtualLocation", "url": web.unwrap_or(e.url) }),
            );
        }
        if !places.is_empty() {
            obj.insert("location".into(), places.into());
        }
        if let Some(url) = &e.meta.booking_url {
            obj.insert(
                "offers".into(),
                serde_json::json!({ "@type": "Offer", "url": url }),
            );
        }
        if let Some(a) = &e.meta.audience {
            obj.insert(
                "audience".into(),
                serde_json::json!({ "@type": "Audience", "audienceType": a }),
            );
        }
        match e.meta.places {
            // `places: 0`: fully booked.
            Some(0) => {
                if let Some(offer) = obj.get_mut("offers").and_then(|o| o.as_object_mut()) {
                    offer.insert("availability".into(), "https://schema.org/SoldOut".into());
                }
            }
            Some(p) => {
                obj.insert("maximumAttendeeCapacity".into(), p.into());
            }
            None => {}
        }
    }
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests;
