//! What a safeguarding partnership's site needs (issue #17): training events and
//! their calendars, pinned news and feeds of news-like sections, the brand (logo,
//! colour, favicon, custom.css), the quick exit setting, number columns, the home
//! page's links and the one-sheet briefing budget. Built with the real binary on the
//! fixtures `publish-events`, `theme-brand` and `publish-briefing-budget`.

mod common;

use std::str::FromStr;

use common::{TestSite, main_of};
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike};

/// The titles of the events listed on a built listing page, in order.
fn listed_titles(html: &str) -> Vec<String> {
    main_of(html)
        .split("<h2><a href=\"")
        .skip(1)
        .filter_map(|s| s.split('>').nth(1)?.split('<').next().map(str::to_owned))
        .collect()
}

fn build_on(site: &TestSite, today: &str) {
    let run = site.run(&["build", "--today", today]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

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
fn check_warns_about_an_event_ending_before_it_starts_or_with_no_booking_link() {
    let site = TestSite::new("publish-events");
    site.write(
        "content/training/muddled.md",
        "---\ntitle: Muddled\ndescription: Times the wrong way round.\nstart: 2025-05-01 12:00\nend: 2025-05-01 09:00\nlocation: Civic Centre\n---\n\nText.\n",
    );
    let run = site.run(&["check", "--today", "2025-02-01"]);
    assert_eq!(run.code, 0, "warnings only:\n{}", run.stderr);
    assert!(run.stderr.contains("warning[event-times]: content/training/muddled.md:5:1: this event ends (1 May 2025 09:00) before it starts (1 May 2025 12:00)"), "{}", run.stderr);
    assert!(run.stderr.contains("warning[event-booking]: content/training/muddled.md:4:1: this upcoming event has no booking link"), "{}", run.stderr);
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
fn hostile_event_values_are_refused_with_their_line() {
    let cases = [
        (
            "booking_url: javascript:alert(1)",
            "`booking_url` must be a full https: or http: address",
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
        (
            "location: \"Room\\u0000 1\"",
            "`location` has control characters",
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

fn with_setting(setting: &str) -> common::Run {
    let site = TestSite::new("theme-brand");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    let kept: String = yaml
        .split_inclusive('\n')
        .filter(|l| {
            ![
                "brand:",
                "quick_exit:",
                "  logo",
                "  colour",
                "  favicon",
                "  url:",
                "  sections:",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        })
        .collect();
    site.write("site.yaml", format!("{kept}{setting}\n"));
    site.run(&["build"])
}

#[test]
fn a_pale_brand_colour_is_an_error_with_its_ratio_and_the_nearest_passing_shade() {
    let run = with_setting("brand: { colour: \"#7fb2e5\" }");
    assert_eq!(run.code, 1);
    println!("{}", run.stderr);
    assert!(
        run.stderr.contains("error[brand-contrast]: site.yaml:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the brand colour #7fb2e5 is too light: white header text and links on it has a contrast ratio of 2.23:1, and WCAG 2.2 AA needs 4.5:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: use #56799c, the nearest darker shade"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("site.yaml:1:1"),
        "points at the setting: {}",
        run.stderr
    );
    // The suggested shade passes.
    let run = with_setting("brand: { colour: \"#56799c\" }");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn hostile_brand_and_quick_exit_values_are_refused() {
    for (setting, expected) in [
        (
            "brand: { colour: \"#fff; } body { display: none\" }",
            "`brand.colour` must be a colour",
        ),
        (
            "brand: { logo: ../site.yaml }",
            "`brand.logo` must be a path inside static/",
        ),
        ("brand: { logo: /etc/passwd }", "`brand.logo`"),
        (
            "brand: { favicon: /images/../../site.yaml }",
            "`brand.favicon`",
        ),
        (
            "brand: { favicon: /images/logo.svg.exe }",
            "`brand.favicon` must be an image",
        ),
        (
            "brand: { logo: \"/images/logo.svg\\u0000\" }",
            "`brand.logo` is not a file path",
        ),
        (
            "quick_exit: { url: \"javascript:alert(1)\" }",
            "`quick_exit.url` must be a full https: or http: address",
        ),
        ("quick_exit: { url: \"/local/\" }", "`quick_exit.url`"),
        (
            "quick_exit: { url: \"https://x.org\", sections: [\"../etc\"] }",
            "`quick_exit.sections` names a section folder",
        ),
    ] {
        let run = with_setting(setting);
        assert_eq!(run.code, 1, "{setting}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{setting}: {}", run.stderr);
    }
}

#[cfg(unix)]
#[test]
fn a_logo_that_links_out_of_the_site_is_refused() {
    let site = TestSite::new("theme-brand");
    let outside = tempfile::tempdir().expect("dir");
    std::fs::write(outside.path().join("secret.svg"), "<svg/>").expect("write");
    std::os::unix::fs::symlink(
        outside.path().join("secret.svg"),
        site.path("static/images/out.svg"),
    )
    .expect("link");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("yaml");
    site.write(
        "site.yaml",
        yaml.replace("logo: /images/logo.svg", "logo: /images/out.svg"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("`brand.logo` is not a file inside the site"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_brand_gives_a_logo_a_stylesheet_after_the_theme_and_a_favicon() {
    let site = TestSite::new("theme-brand");
    site.build_ok();
    let home = site.read_output("index.html");
    assert!(home.contains(r#"<img src="/images/logo.svg" alt="Brand Fixture Partnership">"#));
    let site_css = home.find("/css/site.css").expect("theme css");
    let brand_css = home.find("/css/brand.css").expect("brand css");
    let custom_css = home.find("/css/custom.css").expect("custom css");
    assert!(site_css < brand_css && brand_css < custom_css);
    assert!(home.contains(r#"<link rel="icon" href="/images/icon.png" type="image/png">"#));
    assert!(
        site.read_output("css/brand.css")
            .contains("--brand: #5b2a86;")
    );
    assert!(
        site.read_output("css/site.css")
            .contains("--brand: #0b3b5e"),
        "the theme stylesheet is kept"
    );
    assert!(
        site.output_files().contains(&"favicon.ico".to_owned()),
        "/favicon.ico is never a 404"
    );
    assert!(!home.contains("style="), "no inline styles");
}

#[test]
fn a_site_file_that_replaces_a_theme_file_is_reported_once() {
    let site = TestSite::new("theme-brand");
    site.write("static/css/site.css", "body { color: red; }");
    let run = site.run(&["check"]);
    let found: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("[theme-override]"))
        .collect();
    assert_eq!(
        found,
        [
            "warning[theme-override]: static/css/site.css: this file replaces the theme's own /css/site.css"
        ],
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("rename it static/css/custom.css"));
}

#[test]
fn the_quick_exit_shows_only_in_the_sections_named() {
    let site = TestSite::new("theme-brand");
    site.build_ok();
    assert!(
        site.read_output("help/index.html")
            .contains(r#"<a class="quick-exit-link" href="https://www.bbc.co.uk/weather""#)
    );
    assert!(
        site.read_output("help/index.html")
            .contains(r#"<script src="/js/quick-exit.js" defer></script>"#)
    );
    assert!(!site.read_output("index.html").contains("quick-exit"));
    assert!(!site.read_output("news/index.html").contains("quick-exit"));
    let every = TestSite::new("publish-events");
    build_on(&every, "2025-02-01");
    for page in [
        "index.html",
        "training/index.html",
        "training/past/index.html",
        "404.html",
    ] {
        assert!(
            every.read_output(page).contains("quick-exit-link"),
            "{page}"
        );
    }
    assert!(
        every
            .read_output("js/quick-exit.js")
            .contains("location.replace")
    );
}

#[test]
fn pinned_news_comes_first_then_same_date_items_by_time_weight_and_title() {
    let site = TestSite::new("theme-brand");
    site.build_ok();
    let news = listed_titles(&site.read_output("news/index.html"));
    assert_eq!(
        news,
        [
            "Older but pinned",
            "Evening update",
            "Morning update",
            "Alpha item",
            "Beta item",
            "Heavier item"
        ]
    );
    let home = main_of(&site.read_output("index.html"));
    let first = home
        .find("Older but pinned")
        .expect("pinned on the home page");
    assert!(first < home.find("Evening update").expect("latest"));
}

#[test]
fn feeds_hold_only_dated_pages_of_news_like_sections() {
    let site = TestSite::new("theme-brand");
    site.build_ok();
    let feed = site.read_output("atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 6);
    assert!(!feed.contains("accessibility"), "{feed}");
    assert!(!site.output_files().contains(&"about/atom.xml".to_owned()));
    // By default every section but `about` is news-like.
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("yaml");
    site.write("site.yaml", yaml.replace("news_sections: [news]\n", ""));
    site.build_ok();
    assert!(!site.read_output("atom.xml").contains("accessibility"));
    site.write(
        "site.yaml",
        yaml.replace("news_sections: [news]", "news_sections: [\"../x\"]"),
    );
    let run = site.run(&["build"]);
    assert!(
        run.stderr.contains("`news_sections` lists section folders"),
        "{}",
        run.stderr
    );
}

#[test]
fn number_columns_are_right_aligned_and_the_home_page_shows_each_link_once() {
    let site = TestSite::new("theme-brand");
    site.build_ok();
    let home = main_of(&site.read_output("index.html"));
    assert!(home.contains("<th scope=\"col\">Quarter</th>"), "{home}");
    assert!(home.contains("<th scope=\"col\" class=\"num\">Referrals</th>"));
    assert!(home.contains("<td class=\"num\">-18%</td>"));
    let mut hrefs: Vec<&str> = home
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let all = hrefs.len();
    hrefs.sort_unstable();
    hrefs.dedup();
    assert_eq!(hrefs.len(), all, "a link repeated on the home page: {home}");
}

#[test]
fn a_briefing_over_the_one_sheet_budget_is_warned_about_with_how_much() {
    let site = TestSite::new("publish-briefing-budget");
    let run = site.run(&["check"]);
    assert!(
        !run.stderr.contains("briefing-length"),
        "the fixture is at the budget: {}",
        run.stderr
    );
    let page = "content/briefings/home-visits/index.md";
    let text = std::fs::read_to_string(site.path(page)).expect("page");
    site.write(
        page,
        text.replace(
            "## Reflect\n",
            &format!("## Reflect\n\n{}\n", "More words here. ".repeat(40)),
        ),
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("warning[briefing-length]: content/briefings/home-visits/index.md:2:1: this briefing may not print on one A4 sheet: it has 7"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("more than the 650 that fit"),
        "{}",
        run.stderr
    );
}
