//! Tests of event times, places, descriptions and the calendar and schema.org output.
use super::*;

#[test]
fn reads_times_in_london_unless_a_zone_is_given() {
    let summer = parse_time("2025-07-01 09:30").expect("time");
    assert_eq!(summer.offset().seconds(), 3600, "British Summer Time");
    let winter = parse_time("2025-01-14T09:30").expect("time");
    assert_eq!(winter.offset().seconds(), 0);
    let paris = parse_time("2025-01-14T09:30[Europe/Paris]").expect("time");
    assert_eq!(paris.offset().seconds(), 3600);
    let fixed = parse_time("2025-01-14T09:30:00+05:00").expect("time");
    assert_eq!(fixed.timestamp().to_string(), "2025-01-14T04:30:00Z");
    for bad in [
        "",
        "2025-01-14",
        "tomorrow",
        "2025-13-01 09:00",
        "2025-01-14T09:30[Mars/Base]",
        "2025-01-14T09:30[../../etc/passwd]",
        "2025-01-14\u{0}09:30",
        &"9".repeat(5000),
    ] {
        assert!(parse_time(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn a_time_the_clocks_skip_is_refused_and_one_they_repeat_is_the_first() {
    let skipped = |text: &str| match parse_time(text) {
        Err(BadTime::Skipped(message)) => message,
        other => format!("{other:?}"),
    };
    let forward = "the clocks go forward from";
    assert_eq!(
        skipped("2027-03-28T01:30"),
        format!("1:30am on 28 March 2027 does not exist in the UK: {forward} 1am to 2am")
    );
    assert!(skipped("2027-03-28 01:00").contains(forward));
    assert_eq!(
        skipped("2025-03-30T02:15[Europe/Paris]"),
        format!("2:15am on 30 March 2025 does not exist in Europe/Paris: {forward} 2am to 3am")
    );
    assert!(skipped("2025-03-09T02:30[America/New_York]").ends_with("2am to 3am"));
    // Either side of the hour, and an offset given outright, are fine.
    for fine in [
        "2027-03-28 00:59",
        "2027-03-28 02:00",
        "2027-03-28T01:30+00:00",
    ] {
        assert!(parse_time(fine).is_ok(), "{fine}");
    }
    // When the clocks go back, 1:30am happens twice: the first, in summer time.
    let twice = parse_time("2027-10-31 01:30").expect("time");
    assert_eq!(twice.offset().seconds(), 3600);
}

#[test]
fn a_time_the_clocks_repeat_is_noted_with_both_ways_to_write_it() {
    let noted = |text: &str| parse_time_noted(text).expect("time").1;
    let uk = noted("2027-10-31 01:30").expect("a note");
    assert_eq!(
        uk.message,
        "1:30am on 31 October 2027 happens twice in the UK: the clocks go back from 2am to 1am"
    );
    assert_eq!(uk.first, "2027-10-31T01:30+01:00");
    assert_eq!(uk.second, "2027-10-31T01:30+00:00");
    // Each way of writing it is one time, and they are an hour apart.
    let (first, second) = (
        parse_time_noted(&uk.first).expect("first"),
        parse_time_noted(&uk.second).expect("second"),
    );
    assert_eq!((first.1, second.1), (None, None));
    assert_eq!(
        second.0.timestamp().as_second() - first.0.timestamp().as_second(),
        3600
    );
    assert_eq!(first.0, parse_time("2027-10-31 01:30").expect("time"));
    let ny = noted("2025-11-02T01:15[America/New_York]").expect("a note");
    assert!(
        ny.message
            .ends_with("in America/New_York: the clocks go back from 2am to 1am")
    );
    assert_eq!(ny.second, "2025-11-02T01:15-05:00");
    for plain in ["2027-10-31 00:59", "2027-10-31 02:00", "2027-07-01 01:30"] {
        assert_eq!(noted(plain), None, "{plain}");
    }
}

#[test]
fn describes_a_morning() {
    let s = parse_time("2025-03-04 09:30").expect("time");
    let e = parse_time("2025-03-04 12:00").expect("time");
    assert_eq!(
        describe(&s, Some(&e), &WhenWords::english()),
        "Tuesday 4 March 2025, 9:30am to 12pm"
    );
}

#[test]
fn an_end_the_same_as_the_start_shows_the_start_alone() {
    let s = parse_time("2025-03-04 10:00").expect("time");
    let same = parse_time("2025-03-04T10:00:00+00:00").expect("time");
    assert_eq!(
        describe(&s, Some(&same), &WhenWords::english()),
        "Tuesday 4 March 2025, 10am"
    );
    assert_eq!(
        describe(&s, Some(&same), &WhenWords::english()),
        describe(&s, None, &WhenWords::english())
    );
}

#[test]
fn says_online_in_the_words_it_is_given() {
    let welsh = OnlineWords {
        online: "Ar-lein",
        and_online: "{location}, ac ar-lein",
    };
    assert_eq!(place(None, true, welsh).as_deref(), Some("Ar-lein"));
    assert_eq!(
        place(Some("Neuadd {x}"), true, welsh).as_deref(),
        Some("Neuadd {x}, ac ar-lein")
    );
    assert_eq!(
        place(Some("Neuadd"), false, welsh).as_deref(),
        Some("Neuadd")
    );
    assert_eq!(place(None, false, welsh), None);
    let english = OnlineWords::ENGLISH;
    assert_eq!(place(None, true, english).as_deref(), Some("Online"));
    assert_eq!(
        place(Some("Room 1"), true, english).as_deref(),
        Some("Room 1, and online")
    );
    // Words without the placeholder follow the location.
    let suffix = OnlineWords {
        online: "Online",
        and_online: ", a także online",
    };
    assert_eq!(
        place(Some("Sala 2"), true, suffix).as_deref(),
        Some("Sala 2, a także online")
    );
}

#[test]
fn ics_lines_are_folded_escaped_and_crlf() {
    let meta = EventMeta {
        start: parse_time("2025-07-01 09:30").expect("time"),
        end: Some(parse_time("2025-07-01 12:30").expect("time")),
        location: Some("Room 1; Civic Centre, Walsall".into()),
        online: false,
        booking_url: None,
        audience: None,
        places: None,
    };
    let long = "é".repeat(100);
    let event = IcsEvent {
        url: "https://x.org/training/a/",
        title: &long,
        description: "line\u{7}one\nline two",
        meta: &meta,
        online_words: OnlineWords::ENGLISH,
    };
    let text = ics("Training", &[event], jiff::civil::date(2025, 1, 1));
    assert!(text.contains("DTSTART:20250701T083000Z\r\n"), "{text}");
    assert!(text.contains("LOCATION:Room 1\\; Civic Centre\\, Walsall\r\n"));
    assert!(text.contains("DESCRIPTION:lineone\\nline two\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
        assert!(!line.contains('\n'));
    }
}

#[test]
fn json_ld_cannot_close_its_script_element() {
    let meta = EventMeta {
        start: parse_time("2025-07-01 09:30").expect("time"),
        end: None,
        location: Some("</script><script>alert(1)</script>".into()),
        online: true,
        booking_url: Some("https://book.example.org/".into()),
        audience: Some("Practitioners".into()),
        places: Some(20),
    };
    let e = IcsEvent {
        url: "https://x.org/training/a/",
        title: "A & B",
        description: "",
        meta: &meta,
        online_words: OnlineWords::ENGLISH,
    };
    let json = json_ld(&e, "Partnership");
    assert!(!json.contains('<') && !json.contains('&'), "{json}");
    let back: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(back["name"], "A & B");
    assert_eq!(back["startDate"], "2025-07-01T09:30:00+01:00");
    assert_eq!(
        back["eventAttendanceMode"],
        "https://schema.org/MixedEventAttendanceMode"
    );
}
