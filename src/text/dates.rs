//! What an author most likely meant by a date that is not written year-month-day:
//! `01/02/2020` is 1 February 2020 in the UK, `2020-1-5` is 5 January, and
//! `2020-02-30` is no day at all. Used for the help of messages about `date`,
//! `updated`, `review_by` and the dates of `changes`.
//!
//! Part of `text`. Pure text work.

use jiff::civil::Date;

/// Help for the date `value` written in the wrong form, with `line_start` the
/// text the corrected line begins with (`date: ` or `- date: `); `None` when
/// it cannot be read as any date.
pub fn help_for(value: &str, line_start: &str) -> Option<String> {
    let value = value.trim();
    let parts: Vec<&str> = value.split(['/', '-', '.']).map(str::trim).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i16>().ok())
            .flatten()
    };
    let (a, b, c) = (number(a)?, number(b)?, number(c)?);
    let year_first = parts[0].len() == 4;
    let year_last = parts[2].len() == 4;
    let (year, month, day) = match (year_first, year_last) {
        (true, false) => (a, b, c),
        // Day first, as the UK writes it.
        (false, true) => (c, b, a),
        _ => return None,
    };
    let written = |d: Date| format!("`{line_start}{}`", d.strftime("%Y-%m-%d"));
    let spoken = |d: Date| d.strftime("%-d %B %Y").to_string();
    if let Ok(d) = Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn text_that_is_no_date_is_left_to_the_general_advice() {
        for value in [
            "soon",
            "2020",
            "1/2",
            "2020-01-01 25:00",
            "12/12/12",
            "",
            "１/２/２０２０",
        ] {
            assert_eq!(help_for(value, "date: "), None, "{value}");
        }
    }
}
