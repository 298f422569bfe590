//! When an event is, in words, in its page's language: "Tuesday 4 March 2025,
//! 9:30am to 12:30pm", "wtorek, 4 marca 2025, 9:30 – 12:30".
//!
//! Part of [`crate::events`]. The words come in a [`WhenWords`] (the site build
//! fills one from the theme's strings for the page's language); this module
//! knows no language but the English of [`WhenWords::english`], which the
//! content checks quote to authors.

use jiff::ZonedDateTime as Zoned;
use jiff::civil::Date;

/// The zone an event's time is read in when it names none: its name is not
/// shown after the time.
pub const DEFAULT_ZONE: &str = "Europe/London";

/// The words an event's time is given in.
#[derive(Clone, Copy)]
pub struct WhenWords<'a> {
    /// The days of the week, Monday first.
    pub weekdays: [&'a str; 7],
    /// A day and a time: `{weekday} {date}, {time}`.
    pub day_time: &'a str,
    /// From a start to an end: `{start} to {end}`.
    pub range: &'a str,
    /// True for the 12-hour clock (`9:30am`, `12pm`); false for the 24-hour
    /// clock (`9:30`, `16:00`).
    pub twelve_hour: bool,
    /// A date in words, without its weekday: `4 March 2025`.
    pub date: &'a dyn Fn(Date) -> String,
}

impl std::fmt::Debug for WhenWords<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WhenWords")
            .field("weekdays", &self.weekdays)
            .field("day_time", &self.day_time)
            .field("range", &self.range)
            .field("twelve_hour", &self.twelve_hour)
            .finish_non_exhaustive()
    }
}

impl WhenWords<'static> {
    /// English, as the theme gives it: for messages to authors.
    pub fn english() -> Self {
        WhenWords {
            weekdays: crate::text::dates::DAYS,
            day_time: "{weekday} {date}, {time}",
            range: "{start} to {end}",
            twelve_hour: true,
            date: &english_date,
        }
    }
}

fn english_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// When an event from `start` to `end` is, in `words`; only the start when the
/// end is the same moment (never "10am to 10am"), and the zone's name after it
/// when it is not Europe/London.
pub fn describe(start: &Zoned, end: Option<&Zoned>, words: &WhenWords<'_>) -> String {
    let time = |z: &Zoned| clock(z.hour(), z.minute(), words.twelve_hour);
    let day_time = |z: &Zoned| {
        let weekday = usize::try_from(z.weekday().to_monday_zero_offset())
            .ok()
            .and_then(|d| words.weekdays.get(d))
            .copied()
            .unwrap_or_default();
        fill(
            words.day_time,
            &[
                ("{weekday}", weekday),
                ("{date}", &(words.date)(z.date())),
                ("{time}", &time(z)),
            ],
        )
    };
    let mut out = day_time(start);
    let end = end.filter(|end| end.timestamp() != start.timestamp());
    if let Some(end) = end {
        let end = end.with_time_zone(start.time_zone().clone());
        let to = if end.date() == start.date() {
            time(&end)
        } else {
            day_time(&end)
        };
        out = fill(words.range, &[("{start}", &out), ("{end}", &to)]);
    }
    if start.time_zone().iana_name() != Some(DEFAULT_ZONE) {
        out.push_str(&format!(
            " ({})",
            start
                .time_zone()
                .iana_name()
                .map_or_else(|| start.strftime("UTC%:z").to_string(), str::to_owned)
        ));
    }
    out
}

/// `pattern` with each placeholder of `values` put in, in one pass: braces in
/// a value are left as written, and a placeholder the pattern lacks is left out.
fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        match values.iter().find(|(name, _)| after.starts_with(name)) {
            Some((name, value)) => {
                out.push_str(value);
                rest = &after[name.len()..];
            }
            None => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `9:30am`, `12pm` on the 12-hour clock; `9:30`, `16:00` on the 24-hour clock.
pub(super) fn clock(hour: i8, minute: i8, twelve_hour: bool) -> String {
    if !twelve_hour {
        return format!("{hour}:{minute:02}");
    }
    let (h12, ampm) = match hour {
        0 => (12, "am"),
        1..=11 => (hour, "am"),
        12 => (12, "pm"),
        _ => (hour - 12, "pm"),
    };
    if minute == 0 {
        format!("{h12}{ampm}")
    } else {
        format!("{h12}:{minute:02}{ampm}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::parse_time;

    fn polish_date(date: Date) -> String {
        let months = ["stycznia", "lutego", "marca"];
        let month = usize::try_from(date.month() - 1)
            .ok()
            .and_then(|m| months.get(m))
            .copied()
            .unwrap_or("?");
        format!("{} {month} {}", date.day(), date.year())
    }

    fn polish() -> WhenWords<'static> {
        WhenWords {
            weekdays: [
                "poniedziałek",
                "wtorek",
                "środa",
                "czwartek",
                "piątek",
                "sobota",
                "niedziela",
            ],
            day_time: "{weekday}, {date}, {time}",
            range: "{start} – {end}",
            twelve_hour: false,
            date: &polish_date,
        }
    }

    fn at(text: &str) -> Zoned {
        parse_time(text).expect("time")
    }

    #[test]
    fn english_keeps_the_twelve_hour_clock() {
        let words = WhenWords::english();
        let s = at("2025-03-04 09:30");
        assert_eq!(
            describe(&s, Some(&at("2025-03-04 12:30")), &words),
            "Tuesday 4 March 2025, 9:30am to 12:30pm"
        );
        assert_eq!(
            describe(&s, Some(&at("2025-03-05 16:00")), &words),
            "Tuesday 4 March 2025, 9:30am to Wednesday 5 March 2025, 4pm"
        );
        assert_eq!(
            describe(&at("2025-03-04 00:00"), None, &words),
            "Tuesday 4 March 2025, 12am"
        );
    }

    #[test]
    fn polish_uses_its_own_words_and_the_twenty_four_hour_clock() {
        let words = polish();
        let s = at("2025-03-04 09:30");
        assert_eq!(
            describe(&s, Some(&at("2025-03-04 16:00")), &words),
            "wtorek, 4 marca 2025, 9:30 – 16:00"
        );
        assert_eq!(
            describe(&s, Some(&at("2025-03-05 12:00")), &words),
            "wtorek, 4 marca 2025, 9:30 – środa, 5 marca 2025, 12:00"
        );
        assert_eq!(describe(&s, None, &words), "wtorek, 4 marca 2025, 9:30");
        assert_eq!(describe(&s, Some(&s), &words), "wtorek, 4 marca 2025, 9:30");
        assert_eq!(
            describe(&at("2025-01-05T14:05[America/New_York]"), None, &words),
            "niedziela, 5 stycznia 2025, 14:05 (America/New_York)"
        );
    }

    #[test]
    fn braces_in_words_are_kept_as_written() {
        let words = WhenWords {
            day_time: "{weekday} {nope} {date}, {time}",
            range: "{end} {start}",
            weekdays: ["{time}"; 7],
            ..WhenWords::english()
        };
        let s = at("2025-03-04 09:30");
        assert_eq!(
            describe(&s, Some(&at("2025-03-04 10:00")), &words),
            "10am {time} {nope} 4 March 2025, 9:30am"
        );
    }
}
