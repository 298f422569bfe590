//! What an author most likely meant by a date that is not written year-month-day:
//! `01/02/2020` is 1 February 2020 in the UK, `2020-1-5` is 5 January, and
//! `2020-02-30` is no day at all. Used for the help of messages about `date`,
//! `updated`, `review_by` and the dates of `changes`, and with a time of day
//! (`10am`, `2.30pm`, `9:30`) for an event's `start` and `end`.
//!
//! Part of `text`. Pure text work.

use jiff::civil::Date;

/// Help for the date `value` written in the wrong form, with `line_start` the
/// text the corrected line begins with (`date: ` or `- date: `); `None` when
/// it cannot be read as any date.
pub fn help_for(value: &str, line_start: &str) -> Option<String> {
    let (year, month, day, year_first) =
        numbers(value).or_else(|| worded(value).map(|(y, m, d)| (y, m, d, false)))?;
    let written = |d: Date| format!("`{line_start}{}`", d.strftime("%Y-%m-%d"));
    let spoken = |d: Date| d.strftime("%-d %B %Y").to_string();
    if let Ok(d) = Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?) {
        if let Some((said, is)) = wrong_day(value, d) {
            return Some(format!(
                "{} is a {is}, not a {said}: check the date, then write it as year-month-day, like {}",
                spoken(d),
                written(d)
            ));
        }
        return Some(if year_first {
            format!(
                "write the month and the day with two digits each: {}",
                written(d)
            )
        } else {
            format!(
                "write the date as year-month-day: for {}, {}",
                spoken(d),
                written(d)
            )
        });
    }
    // Month first, as the US writes it (02/13/2020).
    if !year_first
        && let Ok(d) = Date::new(year, i8::try_from(day).ok()?, i8::try_from(month).ok()?)
    {
        return Some(format!(
            "write the date as year-month-day: for {}, {}",
            spoken(d),
            written(d)
        ));
    }
    let month_name = (1..=12)
        .contains(&month)
        .then(|| Date::new(2000, i8::try_from(month).ok()?, 1).ok())
        .flatten()
        .map(|d| d.strftime("%B").to_string());
    Some(match month_name {
        Some(name) => format!("there is no day {day} in {name} {year}: check the day"),
        None => format!(
            "there is no month {month}: check the month, which comes second, as in `{line_start}2024-05-01`"
        ),
    })
}

/// Help for the date and time `value` of setting `key` not written
/// `2025-03-04 09:30` (a date as [`help_for`] reads it, then a time like `10am`,
/// `2.30pm`, `9:30` or `14.00`): the line to write, or, when the day of the
/// week it names is not the date's, both days and the line to write once the
/// date is checked. `None` when it cannot be read.
pub fn date_time_help(value: &str, key: &str) -> Option<String> {
    let (date, (hour, minute)) = date_time_read(value)?;
    let line = format!(
        "`{key}: {} {hour:02}:{minute:02}`",
        date.strftime("%Y-%m-%d")
    );
    Some(match wrong_day(value, date) {
        Some((said, is)) => format!(
            "{} is a {is}, not a {said}: check the date, then write it year first with the time on the 24-hour clock, like {line}",
            date.strftime("%-d %B %Y")
        ),
        None => format!(
            "did you mean {line}? Write the date year first and the time on the 24-hour clock"
        ),
    })
}

/// The date and time in `value`, whatever day of the week it names.
fn date_time_read(value: &str) -> Option<(Date, (u8, u8))> {
    let value = value.trim();
    let numbered = value.split_once([' ', 'T']).and_then(|(day, time)| {
        let date = match day.parse::<Date>() {
            Ok(d) if day.len() == 10 => d,
            _ => any_date(day)?,
        };
        Some((date, clock_time(time.trim())?))
    });
    numbered.or_else(|| worded_date_time(value))
}

/// A time of day alone, as people write it (`12:30`, `9.30`, `2.30pm`), on the
/// 24-hour clock (`12:30`, `09:30`, `14:30`); `None` for anything else.
pub fn clock_meant(text: &str) -> Option<String> {
    let (hour, minute) = clock_time(text.trim())?;
    Some(format!("{hour:02}:{minute:02}"))
}

/// `Wednesday 23 September 2026, 10am` or `23 Sept 2026 at 10:00`: a date in
/// words, then a time of day in the last word or two.
fn worded_date_time(value: &str) -> Option<(Date, (u8, u8))> {
    let words = words_of(value);
    (1..=2).rev().find_map(|k| {
        let split = words.len().checked_sub(k).filter(|&n| n > 0)?;
        let time = clock_time(&words[split..].concat())?;
        let day = words[..split]
            .iter()
            .filter(|w| !w.eq_ignore_ascii_case("at"))
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        Some((any_date(&day)?, time))
    })
}

/// A date written day first, with short parts or in words, when it is a real
/// day, whatever day of the week it names.
fn any_date(day_text: &str) -> Option<Date> {
    let (year, month, day) = numbers(day_text)
        .map(|(y, m, d, _)| (y, m, d))
        .or_else(|| worded(day_text))?;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The words of `value`, split at spaces and commas.
fn words_of(value: &str) -> Vec<&str> {
    value
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect()
}

/// The days of the week, Monday first.
pub const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The months' names, by number from 1.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// True when `word`, of three letters or more, is how `name` starts, in any
/// case (`tue`, `Sept`).
fn starts_name(name: &str, word: &str) -> bool {
    word.len() >= 3
        && name
            .as_bytes()
            .get(..word.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(word.as_bytes()))
}

/// The day of the week `word` names (`Tue`, `Tuesday`), Monday as 0.
fn day_named(word: &str) -> Option<usize> {
    let word = word.trim_end_matches('.');
    DAYS.iter().position(|day| starts_name(day, word))
}

/// The month `word` names, from 1: in full, or cut to four letters at most
/// (`Nov`, `Sept`, not `Novem`).
fn month_named(word: &str) -> Option<usize> {
    let word = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|month| {
            starts_name(month, word) && (word.len() <= 4 || word.len() == month.len())
        })
        .map(|m| m + 1)
}

/// When `value` names a day of the week that `date` is not: the day said and
/// the day it is (`("Tuesday", "Wednesday")`).
fn wrong_day(value: &str, date: Date) -> Option<(&'static str, &'static str)> {
    let said = DAYS[words_of(value).into_iter().find_map(day_named)?];
    let is = *DAYS.get(usize::try_from(date.weekday().to_monday_zero_offset()).ok()?)?;
    (said != is).then_some((said, is))
}

/// The year, month and day of a date written in words, as in `30 November
/// 2027`, `30th Nov 2027`, `November 30, 2027` or `Tuesday 30 November 2027`
/// (the day of the week is passed over); `None` for anything else.
fn worded(value: &str) -> Option<(i16, i16, i16)> {
    // Each part once: a second one (`30 30 November`) makes it no date.
    let (mut year, mut month, mut day) = (None, None, None);
    let set = |part: &mut Option<i16>, value: Option<i16>| {
        *part = if part.is_some() { Some(-1) } else { value };
    };
    for word in words_of(value) {
        let lower = word.trim_end_matches('.').to_lowercase();
        let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &lower[digits.len()..];
        if matches!(lower.as_str(), "the" | "of") || day_named(word).is_some() {
            continue;
        }
        if let Some(m) = month_named(word) {
            set(&mut month, i16::try_from(m).ok());
        } else if digits.len() == 4
            && suffix.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            set(&mut year, digits.parse().ok());
        } else if (1..=2).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(suffix, "" | "st" | "nd" | "rd" | "th")
        {
            set(&mut day, digits.parse().ok());
        } else {
            return None;
        }
    }
    let (year, month, day) = (year?, month?, day?);
    (year > 0 && month > 0 && day > 0).then_some((year, month, day))
}

/// The year, month and day of a date written with `/`, `-` or `.` between
/// them, year first or (as in the UK) day first, and whether the year was
/// first; `None` for anything else.
fn numbers(value: &str) -> Option<(i16, i16, i16, bool)> {
    let parts: Vec<&str> = value.trim().split(['/', '-', '.']).map(str::trim).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i16>().ok())
            .flatten()
    };
    let (a, b, c) = (number(a)?, number(b)?, number(c)?);
    match (parts[0].len() == 4, parts[2].len() == 4) {
        (true, false) => Some((a, b, c, true)),
        (false, true) => Some((c, b, a, false)),
        _ => None,
    }
}

/// A time of day as people write it: `10am`, `2.30 pm`, `9:30`, `14.00`,
/// `12noon`; the hour and minute on a 24-hour clock.
fn clock_time(time: &str) -> Option<(u8, u8)> {
    let lower = time.to_ascii_lowercase().replace(' ', "");
    let lower = lower.trim_end_matches("noon");
    let (digits, half) = if let Some(d) = lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("a.m."))
    {
        (d, Some(false))
    } else if let Some(d) = lower
        .strip_suffix("pm")
        .or_else(|| lower.strip_suffix("p.m."))
    {
        (d, Some(true))
    } else {
        (lower, None)
    };
    let (h, m) = match digits.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        // A bare hour only with am or pm: `10` alone could be anything.
        None if half.is_some() || time.ends_with("noon") => (digits, "00"),
        None => return None,
    };
    if h.is_empty() || h.len() > 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
    let hour = match half {
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(false) => h % 12,
        Some(true) => h % 12 + 12,
        None => h,
    };
    (hour < 24 && m < 60).then_some((hour, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date and time `value` most likely means, when it names no other
    /// day of the week than the date's.
    fn date_time_meant(value: &str) -> Option<String> {
        let (date, (hour, minute)) = date_time_read(value)?;
        wrong_day(value, date)
            .is_none()
            .then(|| format!("{} {hour:02}:{minute:02}", date.strftime("%Y-%m-%d")))
    }

    fn help(value: &str) -> String {
        help_for(value, "date: ").unwrap_or_default()
    }

    #[test]
    fn a_uk_date_is_read_day_first_and_written_out() {
        assert_eq!(
            help("01/02/2020"),
            "write the date as year-month-day: for 1 February 2020, `date: 2020-02-01`"
        );
        assert!(help("20-02-2020").ends_with("`date: 2020-02-20`"));
        assert!(help("5.11.2021").ends_with("`date: 2021-11-05`"));
    }

    #[test]
    fn short_parts_are_padded_and_a_us_date_is_turned_round() {
        assert_eq!(
            help("2020-1-5"),
            "write the month and the day with two digits each: `date: 2020-01-05`"
        );
        assert!(help("02/13/2020").contains("for 13 February 2020, `date: 2020-02-13`"));
        assert_eq!(
            help_for("3/4/2025", "- date: ").as_deref(),
            Some("write the date as year-month-day: for 3 April 2025, `- date: 2025-04-03`")
        );
    }

    #[test]
    fn a_day_that_does_not_exist_is_named() {
        assert_eq!(
            help("2020-02-30"),
            "there is no day 30 in February 2020: check the day"
        );
        assert_eq!(
            help("2021-02-29"),
            "there is no day 29 in February 2021: check the day"
        );
        assert!(help("2020-13-40").starts_with("there is no month 13"));
    }

    #[test]
    fn a_time_of_day_as_people_write_it_is_read_on_the_24_hour_clock() {
        for (written, meant) in [
            ("2027-02-01 10am", "2027-02-01 10:00"),
            ("2027-02-01 2.30pm", "2027-02-01 14:30"),
            ("2027-02-01 2:30 PM", "2027-02-01 14:30"),
            ("2027-02-01 12pm", "2027-02-01 12:00"),
            ("2027-02-01 12am", "2027-02-01 00:00"),
            ("2027-02-01 12noon", "2027-02-01 12:00"),
            ("2027-02-01 9:30", "2027-02-01 09:30"),
            ("2027-02-01 14.00", "2027-02-01 14:00"),
            ("01/02/2027 10:00", "2027-02-01 10:00"),
            ("2027-2-1 9am", "2027-02-01 09:00"),
        ] {
            assert_eq!(
                date_time_meant(written).as_deref(),
                Some(meant),
                "{written}"
            );
        }
        for unreadable in [
            "2027-02-01 10",
            "2027-02-01 13pm",
            "2027-02-01 25:00",
            "2027-02-01 9:5",
            "2027-02-30 10am",
            "soon 10am",
            "2027-02-01",
            "2027-02-01 teatime",
        ] {
            assert_eq!(date_time_meant(unreadable), None, "{unreadable}");
        }
    }

    #[test]
    fn a_date_in_words_is_written_out_year_first() {
        for written in [
            "30 November 2027",
            "30th Nov 2027",
            "November 30, 2027",
            "Tuesday 30 November 2027",
            "Tue, 30th of November 2027",
            "30 NOVEMBER 2027",
        ] {
            assert_eq!(
                help(written),
                "write the date as year-month-day: for 30 November 2027, `date: 2027-11-30`",
                "{written}"
            );
        }
        assert_eq!(
            help("31 September 2026"),
            "there is no day 31 in September 2026: check the day"
        );
        assert!(help("23 Sept 2026").ends_with("`date: 2026-09-23`"));
        // A day of the week that the date is not: which was meant is not known.
        assert_eq!(
            help("Tuesday 23 September 2026"),
            "23 September 2026 is a Wednesday, not a Tuesday: check the date, then write it as year-month-day, like `date: 2026-09-23`"
        );
        assert_eq!(date_time_meant("Tue 23 September 2026 10am"), None);
        assert_eq!(
            date_time_help("Tue 23 September 2026 10am", "start").as_deref(),
            Some(
                "23 September 2026 is a Wednesday, not a Tuesday: check the date, then write it year first with the time on the 24-hour clock, like `start: 2026-09-23 10:00`"
            )
        );
        assert_eq!(
            date_time_help("23/9/2026 2pm", "end").as_deref(),
            Some(
                "did you mean `end: 2026-09-23 14:00`? Write the date year first and the time on the 24-hour clock"
            )
        );
        assert_eq!(date_time_help("soon", "start"), None);
        for (written, meant) in [
            ("23 September 2026 10:00", "2026-09-23 10:00"),
            ("Wednesday 23 September 2026, 10am", "2026-09-23 10:00"),
            ("23 Sept 2026 at 2.30 pm", "2026-09-23 14:30"),
        ] {
            assert_eq!(
                date_time_meant(written).as_deref(),
                Some(meant),
                "{written}"
            );
        }
    }

    #[test]
    fn text_that_is_no_date_is_left_to_the_general_advice() {
        for value in [
            "soon",
            "2020",
            "1/2",
            "2020-01-01 25:00",
            "12/12/12",
            "",
            "１/２/２０２０",
            "November 2027",
            "30 November",
            "30 30 November 2027",
            "30 November 2027 2028",
            "30 Novembre 2027",
            "30 Ma 2027",
            "30 November 2027 soon",
            "300 November 2027",
        ] {
            assert_eq!(help_for(value, "date: "), None, "{value}");
        }
    }
}
