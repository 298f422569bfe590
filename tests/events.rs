//! Training and events (issue #17): a `page_kind: events` section split into
//! upcoming and past at `--today`, times in UK time or a given zone, an `.ics` per
//! event and per section (parsed with the icalendar crate, as a calendar client
//! would), schema.org `Event` data, the event checks and hostile event values.
//! Built with the real binary on the fixture `publish-events`.

mod common;

use std::str::FromStr;

use common::{TestSite, build_on, listed_titles, main_of};
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike};

#[test]
fn events_are_split_into_upcoming_and_past_at_the_build_date() {
    let site = TestSite::new("publish-events");
    build_on(&site, "2025-02-01");
    let upcoming = listed_titles(&site.read_output("training/index.html"));
    let past = listed_titles(&site.read_output("training/past/index.html"));
    println!("--today 2025-02-01: upcoming {upcoming:?}; past {past:?}");
    assert_eq!(
        upcoming,
        [
            "Safeguarding basics online",
            "Safer sleep for babies",
            "Summer conference"
        ]
    );
    assert_eq!(past, ["Winter review", "Autumn workshop"]);
    // The day after an event, it is past.
    build_on(&site, "2025-03-05");
    let upcoming = listed_titles(&site.read_output("training/index.html"));
    assert_eq!(upcoming, ["Summer conference"]);
    let past = listed_titles(&site.read_output("training/past/index.html"));
    assert_eq!(past[0], "Safer sleep for babies");
    let page = site.read_output("training/autumn-workshop/index.html");
    assert!(page.contains("This event has taken place."));
    assert!(!page.contains("Book a place"));
}

#[test]
fn event_times_are_shown_in_uk_time_unless_a_zone_is_given() {
    let site = TestSite::new("publish-events");
    build_on(&site, "2025-02-01");
    let sleep = site.read_output("training/safer-sleep/index.html");
    assert!(
        sleep.contains(
            r#"<time datetime="2025-03-04T09:30:00+00:00">Tuesday 4 March 2025, 9:30am to 12:30pm</time>"#
        ),
        "{}",
        main_of(&sleep)
    );
    let paris = site.read_output("training/summer-conference/index.html");
    assert!(paris.contains("Tuesday 1 July 2025, 10am to 4pm (Europe/Paris)"));
}

/// Every physical line ends in CRLF and is at most 75 octets (RFC 5545 3.1).
fn assert_rfc5545_lines(text: &str) {
    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
    }
}

#[test]
fn every_event_and_the_section_calendar_parse_as_icalendar() {
    let site = TestSite::new("publish-events");
    build_on(&site, "2025-02-01");
    let feed = site.read_output("training/events.ics");
    assert_rfc5545_lines(&feed);
    let unfolded = icalendar::parser::unfold(&feed);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("the feed parses");
    assert_eq!(parsed.components.len(), 5, "every event, upcoming and past");
    let calendar = icalendar::Calendar::from_str(&feed).expect("the feed parses");
    assert_eq!(
        calendar.get_name(),
        Some("Training – Events Fixture Partnership")
    );
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 5);
    for e in &events {
        assert!(
            e.get_uid()
                .is_some_and(|u| u.starts_with("https://events.example.org/training/"))
        );
        assert!(e.get_timestamp().is_some(), "DTSTAMP");
        assert!(e.get_start().is_some() && e.get_end().is_some());
    }
    let one = site.read_output("training/safer-sleep/safer-sleep.ics");
    assert_rfc5545_lines(&one);
    let calendar = icalendar::Calendar::from_str(&one).expect("the event parses");
    let Some(CalendarComponent::Event(e)) = calendar.components.first() else {
        panic!("one VEVENT: {one}");
    };
    assert_eq!(e.get_summary(), Some("Safer sleep for babies"));
    let utc = |d: Option<DatePerhapsTime>| match d {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t.to_string(),
        other => panic!("a UTC time, found {other:?}"),
    };
    assert_eq!(utc(e.get_start()), "2025-03-04 09:30:00 UTC");
    assert_eq!(utc(e.get_end()), "2025-03-04 12:30:00 UTC");
    let location = e.get_location().unwrap_or_default();
    assert!(
        location.contains("Room 2") && location.contains("Anytown"),
        "{location}"
    );
    println!(
        "safer-sleep.ics: {:?} {} to {} at {location:?}",
        e.get_summary(),
        utc(e.get_start()),
        utc(e.get_end())
    );
    let paris = site.read_output("training/summer-conference/summer-conference.ics");
    let calendar = icalendar::Calendar::from_str(&paris).expect("parses");
    let Some(CalendarComponent::Event(e)) = calendar.components.first() else {
        panic!("one VEVENT");
    };
    assert_eq!(
        utc(e.get_start()),
        "2025-07-01 08:00:00 UTC",
        "10am in Paris in summer"
    );
}

#[test]
fn event_pages_carry_schema_org_event_data() {
    let site = TestSite::new("publish-events");
    build_on(&site, "2025-02-01");
    let html = site.read_output("training/online-basics/index.html");
    let json = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .expect("JSON-LD");
    let v: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    assert_eq!(v["@type"], "Event");
    assert_eq!(v["startDate"], "2025-02-12T13:00:00+00:00");
    assert_eq!(
        v["eventAttendanceMode"],
        "https://schema.org/OnlineEventAttendanceMode"
    );
    assert!(html.contains(r#"<link rel="alternate" type="text/calendar" href="/training/online-basics/online-basics.ics""#));
    let listing = site.read_output("training/index.html");
    assert!(listing.contains(r#"href="/training/events.ics""#));
}

#[test]
fn check_stops_at_an_event_ending_before_it_starts_and_warns_without_a_booking_link() {
    let site = TestSite::new("publish-events");
    site.write(
        "content/training/muddled.md",
        "---\ntitle: Muddled\ndescription: Times the wrong way round.\nstart: 2025-05-01 12:00\nend: 2025-05-01 09:00\nlocation: Civic Centre\n---\n\nText.\n",
    );
    let run = site.run(&["check", "--today", "2025-02-01"]);
    assert_eq!(run.code, 1, "an error:\n{}", run.stderr);
    assert!(run.stderr.contains("error[event-times]: content/training/muddled.md:5:1: this event ends (1 May 2025 09:00) before it starts (1 May 2025 12:00), so its page would say \"Thursday 1 May 2025, 12pm to 9am\" and calendars would leave out the end"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "help: did you mean `end: 2025-05-01 21:00`? Times are written on the 24-hour clock"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("warning[event-booking]: content/training/muddled.md:4:1: this upcoming event has no booking link"), "{}", run.stderr);
    let build = site.run(&["build", "--today", "2025-02-01"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    // An end equal to the start is not an error; its warning is tested below.
    site.write(
        "content/training/muddled.md",
        "---\ntitle: Muddled\ndescription: A moment.\nstart: 2025-05-01 12:00\nend: 2025-05-01 12:00\nlocation: Civic Centre\nbooking_url: https://book.example.org/m\n---\n\nText.\n",
    );
    let run = site.run(&["check", "--today", "2025-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("error[event-times]"), "{}", run.stderr);
    // Past events without a booking link are fine.
    assert!(!run.stderr.contains("autumn-workshop"), "{}", run.stderr);
    site.write(
        "content/training/no-start.md",
        "---\ntitle: No start\ndescription: Missing its time.\n---\n\nText.\n",
    );
    let run = site.run(&["check", "--today", "2025-02-01"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[event-start]: content/training/no-start.md:2:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_warns_about_an_upcoming_event_that_does_not_say_where_it_is() {
    let site = TestSite::new("publish-events");
    site.write(
        "content/training/nowhere.md",
        "---\ntitle: Nowhere\ndescription: No place given.\nstart: 2025-05-01 09:00\nbooking_url: https://book.example.org/n\n---\n\nText.\n",
    );
    // As the events archetype leaves it: `location: ""`, reported at that line.
    site.write(
        "content/training/empty-place.md",
        "---\ntitle: Empty place\ndescription: Place left empty.\nstart: 2025-05-02 09:00\nlocation: \"\"\nbooking_url: https://book.example.org/e\n---\n\nText.\n",
    );
    site.write(
        "content/training/online-only.md",
        "---\ntitle: Online only\ndescription: Joined online.\nstart: 2025-05-03 09:00\nonline: true\nbooking_url: https://book.example.org/o\n---\n\nText.\n",
    );
    site.write(
        "content/training/long-ago.md",
        "---\ntitle: Long ago\ndescription: Over.\nstart: 2024-05-03 09:00\n---\n\nText.\n",
    );
    let run = site.run(&["check", "--today", "2025-02-01"]);
    assert_eq!(run.code, 0, "warnings only:\n{}", run.stderr);
    assert!(run.stderr.contains("warning[event-place]: content/training/nowhere.md:4:1: this event does not say where it is: it has no `location`, and it is not marked `online: true`"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("help: add `location: Room 2, Civic Centre, Walsall` or `online: true`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning[event-place]: content/training/empty-place.md:5:1"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("warning[event-place]").count(),
        2,
        "{}",
        run.stderr
    );
}

/// A Teams meeting given as the booking link of a public course: anyone who
/// read the page could join. Once the course is over, its page is a record and
/// is not named.
#[test]
fn a_meeting_link_to_book_an_upcoming_event_is_named() {
    let site = TestSite::new("publish-events");
    let page = |start: &str| {
        format!(
            "---\ntitle: Online course\ndescription: Joined online.\nstart: {start} 09:00\nonline: true\nbooking_url: https://teams.microsoft.com/l/meetup-join/19%3ameeting_x/0\n---\n\nText.\n"
        )
    };
    site.write("content/training/meeting.md", page("2025-05-01"));
    let run = site.run(&["check", "--today", "2025-02-01"]);
    assert!(
        run.stderr.contains(
            "warning[staff-link]: content/training/meeting.md:6:14: this is a Teams meeting link: anyone who reads the page could join the meeting"
        ),
        "{}",
        run.stderr
    );
    site.write("content/training/meeting.md", page("2024-05-01"));
    let run = site.run(&["check", "--today", "2025-02-01"]);
    assert!(!run.stderr.contains("staff-link"), "{}", run.stderr);
}

#[test]
fn an_event_booked_by_email_links_to_the_address() {
    let site = TestSite::new("publish-events");
    site.write(
        "content/training/by-email.md",
        "---\ntitle: Safer recruitment\ndescription: A course booked by email.\nstart: 2025-05-01 09:00\nlocation: Council House\nbooking_url: mailto:training@example.org?subject=Safer%20recruitment\n---\n\nText.\n",
    );
    let run = site.run(&["build", "--today", "2025-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read_output("training/by-email/index.html");
    assert!(
        page.contains("<a class=\"event-book\" href=\"mailto:training@example.org?subject=Safer%20recruitment\">"),
        "{page}"
    );
}

#[test]
fn an_event_with_no_places_left_says_so_and_offers_no_booking() {
    let site = TestSite::new("publish-events");
    site.write(
        "content/training/full.md",
        "---\ntitle: Full course\ndescription: No places left.\nstart: 2025-05-01 09:00\nlocation: Council House\nplaces: 0\nbooking_url: https://book.example.org/full\n---\n\nText.\n",
    );
    let run = site.run(&["build", "--today", "2025-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read_output("training/full/index.html");
    assert!(
        page.contains("<p class=\"event-full\">This event is fully booked.</p>"),
        "{page}"
    );
    assert!(!page.contains("class=\"event-book\""), "{page}");
    assert!(page.contains("https://schema.org/SoldOut"), "{page}");
    assert!(!page.contains("maximumAttendeeCapacity"), "{page}");
}

#[test]
fn hostile_event_values_are_refused_with_their_line() {
    let cases = [
        (
            "booking_url: javascript:alert(1)",
            "`booking_url` must be a full https: or http: address",
        ),
        (
            "booking_url: http://localhost:1111/training/book/",
            "`booking_url`: the address \"http://localhost:1111/training/book/\" is on your own computer",
        ),
        (
            "booking_url: \" https://x.org/\\u0007\"",
            "`booking_url` must be a full https: or http: address",
        ),
        (
            "end: 2025-05-01T09:00[../../etc/passwd]",
            "`end` names the time zone",
        ),
        (
            "end: \"2025-05-01\\u000009:00\"",
            "`end` is not a date and time",
        ),
        ("end: 2025-05-01", "`end` has a date but no time"),
        (
            "end: 01/05/2025 4.30pm",
            "help: did you mean `end: 2025-05-01 16:30`?",
        ),
        (
            "end: 2027-03-28T01:30",
            "`end`: 1:30am on 28 March 2027 does not exist in the UK: the clocks go forward from 1am to 2am",
        ),
        (
            "location: \"Room\\u0000 1\"",
            "`location` has control characters",
        ),
        (
            "booking_url: mailto:training@example,org",
            "the email address in `booking_url` is not one mail can reach: \"training@example,org\" has ',' after the `@`",
        ),
        ("places: 99999999999999", "places"),
        ("places: -3", "places"),
    ];
    for (line, expected) in cases {
        let site = TestSite::new("publish-events");
        site.write(
            "content/training/bad.md",
            format!("---\ntitle: Bad\ndescription: Hostile values.\nstart: 2025-05-01 09:00\n{line}\n---\n\nText.\n"),
        );
        let run = site.run(&["build", "--today", "2025-02-01"]);
        assert_eq!(run.code, 1, "{line}: {}", run.stderr);
        assert!(
            run.stderr.contains("content/training/bad.md:5:"),
            "{line}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(expected), "{line}: {}", run.stderr);
    }
    let site = TestSite::new("publish-events");
    site.write(
        "content/training/huge.md",
        format!("---\ntitle: Huge\ndescription: A huge value.\nstart: 2025-05-01 09:00\naudience: {}\n---\n\nText.\n", "x".repeat(100_000)),
    );
    let run = site.run(&["build", "--today", "2025-02-01"]);
    assert!(
        run.stderr
            .contains("`audience` is longer than 300 characters"),
        "{}",
        run.stderr
    );
    let site = TestSite::new("publish-events");
    site.write(
        "content/about/x.md",
        "---\ntitle: X\ndescription: Not an event.\nbooking_url: https://x.org/\n---\n\nText.\n",
    );
    let run = site.run(&["build"]);
    assert!(
        run.stderr
            .contains("`booking_url` is an event detail, but the page has no `start`"),
        "{}",
        run.stderr
    );
}

#[test]
fn event_times_do_not_depend_on_the_computers_time_zone_data() {
    let site = TestSite::new("publish-events");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plainsite"))
        .args(["build", "--today", "2025-02-01"])
        .current_dir(site.root())
        .env("TZDIR", "/nonexistent")
        .env("TZ", "America/New_York")
        .output()
        .expect("run plainsite");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = site.read_output("training/summer-conference/index.html");
    assert!(html.contains(r#"datetime="2025-07-01T10:00:00+02:00""#));
    let html = site.read_output("training/safer-sleep/index.html");
    assert!(html.contains(r#"datetime="2025-03-04T09:30:00+00:00""#));
}

#[test]
fn a_new_event_starts_from_the_events_archetype_and_a_start_outside_events_warns() {
    let site = TestSite::new("publish-events");
    let run = site.run(&["new", "training", "Safer recruitment"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("archetypes/events.md"),
        "{}",
        run.stdout
    );
    let made =
        std::fs::read_to_string(site.path("content/training/safer-recruitment.md")).expect("made");
    assert!(
        made.contains("\nstart: ")
            && made.contains("\nend: ")
            && made.contains("\nbooking_url: \"\""),
        "{made}"
    );
    // It passes the checks, with a warning for the booking link still to add
    // (its start, four weeks from today, is still to come).
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("warning[event-booking]: content/training/safer-recruitment.md"),
        "{}",
        check.stderr
    );
    site.write(
        "content/news/course.md",
        "---\ntitle: A course\ndescription: A course.\nstart: 2025-05-01 09:00\nbooking_url: https://book.example.org/c\n---\n\nText.\n",
    );
    let check = site.run(&["check", "--today", "2025-02-01"]);
    assert!(
        check.stderr.contains("warning[event-start]: content/news/course.md:4:1: this page has a `start`, but its section is not a section of events"),
        "{}",
        check.stderr
    );
}

/// `end: 12:30`, the end time alone, is how a same-day event's end is often
/// written: the error gives the line with the start's date to write instead.
#[test]
fn an_end_given_as_a_time_alone_is_told_the_date_of_the_start() {
    let site = TestSite::new("publish-events");
    let page = |end: &str| {
        format!(
            "---\ntitle: Briefing\ndescription: A morning.\nstart: 2027-05-04 09:30\nend: {end}\nbooking_url: https://example.org/book\n---\n\nText.\n"
        )
    };
    site.write("content/training/morning.md", page("12:30"));
    let run = site.run(&["build", "--today", "2027-01-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for said in [
        "content/training/morning.md:5:1: `end` has a time but no date, found \"12:30\"",
        "help: did you mean `end: 2027-05-04 12:30`? Write the date too",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
    // The way a poster writes the time, too.
    site.write("content/training/morning.md", page("12.30pm"));
    let run = site.run(&["build", "--today", "2027-01-01"]);
    assert!(
        run.stderr
            .contains("help: did you mean `end: 2027-05-04 12:30`?"),
        "{}",
        run.stderr
    );
    // Written as the help says, it builds and shows both times.
    site.write("content/training/morning.md", page("2027-05-04 12:30"));
    let run = site.run(&["build", "--today", "2027-01-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shown = site.read_output("training/morning/index.html");
    assert!(shown.contains("9:30am to 12:30pm"), "{shown}");
}

/// Dates as a poster or a letter gives them: the help writes the line out.
#[test]
fn an_event_date_written_in_words_is_given_year_first() {
    let site = TestSite::new("publish-events");
    site.write(
        "content/training/morning.md",
        "---\ntitle: Briefing\ndescription: A morning.\nstart: Tuesday 4 May 2027, 9.30am\nend: 2027-05-04 12:30\nbooking_url: https://example.org/book\nreview_by: 4th Nov 2027\n---\n\nText.\n",
    );
    let run = site.run(&["build", "--today", "2027-01-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for said in [
        "help: did you mean `start: 2027-05-04 09:30`?",
        "help: write the date as year-month-day: for 4 November 2027, `review_by: 2027-11-04`",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
    // A day of the week the date is not: both are named, and the line given
    // once the author has checked which is right.
    site.write(
        "content/training/morning.md",
        "---\ntitle: Briefing\ndescription: A morning.\nstart: Mon 4 May 2027 9.30am\nend: 2027-05-04 12:30\nbooking_url: https://example.org/book\n---\n\nText.\n",
    );
    let run = site.run(&["build", "--today", "2027-01-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "help: 4 May 2027 is a Tuesday, not a Monday: check the date, then write it year first with the time on the 24-hour clock, like `start: 2027-05-04 09:30`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_event_in_the_hour_the_clocks_go_forward_is_an_error_at_its_line() {
    let site = TestSite::new("publish-events");
    site.write(
        "content/training/night.md",
        "---\ntitle: Night\ndescription: At night.\nstart: 2027-03-28T01:30\nend: 2027-03-28T02:30\nbooking_url: https://example.org/book\n---\n\nText.\n",
    );
    let run = site.run(&["build", "--today", "2027-01-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/training/night.md:4:1: `start`: 1:30am on 28 March 2027 does not exist in the UK: the clocks go forward from 1am to 2am"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: choose another time"),
        "{}",
        run.stderr
    );
    // An hour later is a real time, and is shown as written.
    site.write(
        "content/training/night.md",
        "---\ntitle: Night\ndescription: At night.\nstart: 2027-03-28T02:30\nend: 2027-03-28T03:30\nbooking_url: https://example.org/book\n---\n\nText.\n",
    );
    site.run(&["build", "--today", "2027-01-01"]);
    let page = site.read_output("training/night/index.html");
    assert!(
        page.contains("Sunday 28 March 2027, 2:30am to 3:30am"),
        "{page}"
    );
}

#[test]
fn an_event_in_the_hour_the_clocks_go_back_is_built_with_a_warning_saying_which() {
    let site = TestSite::new("publish-events");
    let page = |start: &str| {
        format!(
            "---\ntitle: Night\ndescription: At night.\nstart: {start}\nend: 2027-10-31T03:00\nbooking_url: https://example.org/book\n---\n\nText.\n"
        )
    };
    site.write("content/training/night.md", page("2027-10-31 01:30"));
    let run = site.run(&["check", "--today", "2027-01-01"]);
    for said in [
        "warning[front-matter]: content/training/night.md:4:1: `start`: 1:30am on 31 October 2027 happens twice in the UK: the clocks go back from 2am to 1am, and it is read as the first of the two",
        "help: say which you mean: `start: 2027-10-31T01:30+01:00` for the first, `start: 2027-10-31T01:30+00:00` for the second",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
    let build = site.run(&["build", "--today", "2027-01-01"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let ics = site.read_output("training/night/night.ics");
    assert!(ics.contains("DTSTART:20271031T003000Z"), "{ics}");
    // Written with the second hour's offset, it is that time and nothing is said.
    site.write("content/training/night.md", page("2027-10-31T01:30+00:00"));
    let run = site.run(&["check", "--today", "2027-01-01"]);
    assert!(!run.stderr.contains("happens twice"), "{}", run.stderr);
    site.run(&["build", "--today", "2027-01-01"]);
    let ics = site.read_output("training/night/night.ics");
    assert!(ics.contains("DTSTART:20271031T013000Z"), "{ics}");
}

#[test]
fn an_event_in_a_room_and_online_says_both() {
    let site = TestSite::new("publish-events");
    site.write(
        "content/training/hybrid.md",
        "---\ntitle: Hybrid\ndescription: In a room and online.\nstart: 2025-05-03 09:00\nlocation: Room 1\nonline: true\nbooking_url: https://book.example.org/h\n---\n\nText.\n",
    );
    let run = site.run(&["build", "--today", "2025-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read_output("training/hybrid/index.html");
    assert!(page.contains("<dd>Room 1, and online</dd>"), "{page}");
    let ics = site.read_output("training/hybrid/hybrid.ics");
    assert!(ics.contains("LOCATION:Room 1\\, and online"), "{ics}");
}

#[test]
fn an_empty_booking_link_is_reported_at_its_own_line() {
    let site = TestSite::new("publish-events");
    site.write(
        "content/training/unbooked.md",
        "---\ntitle: Unbooked\ndescription: No booking yet.\nstart: 2025-05-03 09:00\nlocation: Room 1\nonline: false\nbooking_url: \"\"\n---\n\nText.\n",
    );
    let run = site.run(&["check", "--today", "2025-02-01"]);
    assert!(
        run.stderr
            .contains("warning[event-booking]: content/training/unbooked.md:7:1"),
        "{}",
        run.stderr
    );
}

/// Gives the fixture English and the languages `others` (`code, name: Name`).
fn with_languages(site: &TestSite, others: &[&str]) {
    let mut settings = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    settings.push_str("languages:\n  - { code: en-GB, name: English }\n");
    for other in others {
        settings.push_str(&format!("  - {{ code: {other} }}\n"));
    }
    site.write("site.yaml", settings);
}

#[test]
fn an_online_event_in_welsh_says_so_in_welsh() {
    let site = TestSite::new("publish-events");
    with_languages(&site, &["cy, name: Cymraeg"]);
    site.write(
        "content/training/online-basics.cy.md",
        "---\ntitle: Diogelu ar-lein\ndescription: Awr ar-lein.\nstart: 2025-02-12 13:00\nend: 2025-02-12 14:00\nonline: true\nbooking_url: https://events.example.org/book/basics\n---\n\nTestun.\n",
    );
    site.write(
        "content/training/hybrid.cy.md",
        "---\ntitle: Cymysg\ndescription: Mewn ystafell ac ar-lein.\nstart: 2025-05-03 09:00\nlocation: Ystafell 1\nonline: true\nbooking_url: https://book.example.org/h\n---\n\nTestun.\n",
    );
    let run = site.run(&["build", "--today", "2025-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let welsh = site.read_output("cy/training/online-basics/index.html");
    assert!(welsh.contains("<dd>Ar-lein</dd>"), "{}", main_of(&welsh));
    assert!(!welsh.contains(">Online<"), "{}", main_of(&welsh));
    let both = site.read_output("cy/training/hybrid/index.html");
    assert!(
        both.contains("<dd>Ystafell 1, ac ar-lein</dd>"),
        "{}",
        main_of(&both)
    );
    let ics = site.read_output("cy/training/hybrid/hybrid.ics");
    assert!(ics.contains("LOCATION:Ystafell 1\\, ac ar-lein"), "{ics}");
    // When, in Welsh words on the 24-hour clock.
    assert!(
        welsh.contains(">Dydd Mercher 12 Chwefror 2025, 13:00 tan 14:00</time>"),
        "{}",
        main_of(&welsh)
    );
    assert!(
        both.contains(">Dydd Sadwrn 3 Mai 2025, 9:00</time>"),
        "{}",
        main_of(&both)
    );
    // The English page is as it was.
    let english = site.read_output("training/online-basics/index.html");
    assert!(english.contains("<dd>Online</dd>"), "{}", main_of(&english));
    assert!(
        english.contains(">Wednesday 12 February 2025, 1pm to 2pm</time>"),
        "{}",
        main_of(&english)
    );
}

#[test]
fn an_event_in_polish_or_urdu_gives_its_day_and_times_in_that_language() {
    let site = TestSite::new("publish-events");
    with_languages(&site, &["pl, name: Polski", "ur, name: اردو"]);
    site.write(
        "content/training/online-basics.pl.md",
        "---\ntitle: Ochrona online\ndescription: Godzina online.\nstart: 2025-02-12 13:00\nend: 2025-02-13 16:30\nonline: true\nbooking_url: https://events.example.org/book/basics\n---\n\nTekst.\n",
    );
    site.write(
        "content/training/online-basics.ur.md",
        "---\ntitle: آن لائن تحفظ\ndescription: ایک گھنٹہ آن لائن۔\nstart: 2025-02-12 13:00\nend: 2025-02-12 14:00\nonline: true\nbooking_url: https://events.example.org/book/basics\n---\n\nمتن۔\n",
    );
    let run = site.run(&["build", "--today", "2025-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let polish = site.read_output("pl/training/online-basics/index.html");
    assert!(
        polish.contains(">środa, 12 lutego 2025, 13:00 – czwartek, 13 lutego 2025, 16:30</time>"),
        "{}",
        main_of(&polish)
    );
    assert!(!polish.contains("Wednesday"), "{}", main_of(&polish));
    let urdu = site.read_output("ur/training/online-basics/index.html");
    assert!(
        urdu.contains(">بدھ، 12 فروری 2025، 13:00 سے 14:00 تک</time>"),
        "{}",
        main_of(&urdu)
    );
    // Calendars keep times in UTC, whatever the page's language.
    let ics = site.read_output("pl/training/online-basics/online-basics.ics");
    assert!(ics.contains("DTSTART:20250212T130000Z"), "{ics}");
}

#[test]
fn a_translated_events_page_lists_its_events_with_their_times_in_its_language() {
    let site = TestSite::new("publish-events");
    with_languages(&site, &["pl, name: Polski"]);
    site.write(
        "content/training/_index.pl.md",
        "---\ntitle: Szkolenia\ndescription: Szkolenia dla pracowników.\n---\n",
    );
    site.write(
        "content/training/online-basics.pl.md",
        "---\ntitle: Ochrona online\ndescription: Godzina online.\nstart: 2025-02-12 13:00\nend: 2025-02-12 14:00\nonline: true\nbooking_url: https://events.example.org/book/basics\n---\n\nTekst.\n",
    );
    let run = site.run(&["build", "--today", "2025-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listing = main_of(&site.read_output("pl/training/index.html"));
    assert!(
        listing.contains(r#"<a href="/pl/training/online-basics/">Ochrona online</a>"#),
        "{listing}"
    );
    assert!(
        listing.contains(">środa, 12 lutego 2025, 13:00 – 14:00</time>"),
        "{listing}"
    );
    // Only the Polish event: the others have no Polish version.
    assert_eq!(listing.matches("<li>\n<h2>").count(), 1, "{listing}");
    // Once it has taken place, it is not listed as to come.
    build_on(&site, "2025-03-01");
    let listing = main_of(&site.read_output("pl/training/index.html"));
    assert!(!listing.contains("Ochrona online"), "{listing}");
}

#[test]
fn an_event_listed_under_a_topic_says_when_and_where_it_is() {
    let site = TestSite::new("publish-events");
    let page = std::fs::read_to_string(site.path("content/training/safer-sleep.md")).expect("page");
    site.write(
        "content/training/safer-sleep.md",
        page.replacen("---\n", "---\ntopics: [Safer sleep]\n", 1),
    );
    build_on(&site, "2025-02-01");
    let topic = main_of(&site.read_output("topics/safer-sleep/index.html"));
    assert!(
        topic.contains(
            r#"<time datetime="2025-03-04T09:30:00+00:00">Tuesday 4 March 2025, 9:30am to 12:30pm</time>. Civic Centre, Room 2; Main Street, Anytown"#
        ),
        "{topic}"
    );
}

#[test]
fn an_event_that_ends_when_it_starts_shows_the_start_alone_and_warns_at_its_end() {
    let site = TestSite::new("publish-events");
    site.write(
        "content/training/moment.md",
        "---\ntitle: A moment\ndescription: Starts and ends at once.\nstart: 2025-05-01 10:00\nend: 2025-05-01 10:00\nlocation: Civic Centre\nbooking_url: https://book.example.org/m\n---\n\nText.\n",
    );
    let run = site.run(&["check", "--today", "2025-02-01"]);
    assert_eq!(run.code, 0, "a warning, not an error:\n{}", run.stderr);
    assert!(run.stderr.contains("warning[event-times]: content/training/moment.md:5:1: this event's `end` is the same as its `start` (1 May 2025 10:00), so its page shows only the start time"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("help: remove `end:`, or give the time the event really finishes"),
        "{}",
        run.stderr
    );
    build_on(&site, "2025-02-01");
    let page = site.read_output("training/moment/index.html");
    assert!(
        page.contains(">Thursday 1 May 2025, 10am</time>"),
        "{}",
        main_of(&page)
    );
    assert!(!page.contains("10am to 10am"), "{}", main_of(&page));
    let listing = site.read_output("training/index.html");
    assert!(
        listing.contains(">Thursday 1 May 2025, 10am</time>"),
        "{listing}"
    );
    assert!(!listing.contains("10am to 10am"), "{listing}");
    // Once it is over, the page is a record and the start alone is enough.
    let run = site.run(&["check", "--today", "2025-06-01"]);
    assert!(!run.stderr.contains("event-times"), "{}", run.stderr);
    // A real end is not warned about.
    site.write(
        "content/training/moment.md",
        "---\ntitle: A moment\ndescription: Starts and ends at once.\nstart: 2025-05-01 10:00\nend: 2025-05-01 11:00\nlocation: Civic Centre\nbooking_url: https://book.example.org/m\n---\n\nText.\n",
    );
    let run = site.run(&["check", "--today", "2025-02-01"]);
    assert!(!run.stderr.contains("event-times"), "{}", run.stderr);
}
