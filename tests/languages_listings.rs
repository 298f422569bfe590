//! A section's translation lists its section's pages in its language the way
//! the section lists them: split into pages by the section's `paginate_by`
//! under its own language folder, and, for an events section, with the events
//! menu, its own past events page and its own calendar. The fixture is
//! `theme-languages`: `news/` (`paginate_by: 2`, three of its four pages in
//! Polish) and `events/` (one past and one upcoming event, both in Polish).
mod common;

use common::{TestSite, build_on, listed_titles, main_of};

/// The day the fixture is built on: its first event is past, its second to come.
const TODAY: &str = "2025-06-01";

fn html_tag(html: &str) -> &str {
    let start = html.find("<html").expect("<html>");
    let end = html[start..].find('>').expect(">") + start + 1;
    &html[start..end]
}

#[test]
fn a_translated_section_is_split_into_pages_as_its_section_is() {
    let site = TestSite::new("theme-languages");
    build_on(&site, TODAY);
    // The English section: four pages, two a page.
    let en = site.read_output("news/page/2/index.html");
    assert_eq!(
        listed_titles(&en),
        ["New training dates", "A new chair for the partnership"]
    );

    // The Polish one: its three translated pages, newest first, two a page; the
    // page with no Polish version is left out.
    let first = site.read_output("pl/news/index.html");
    assert_eq!(
        listed_titles(&first),
        ["Nasza nowa strona internetowa", "Nowe terminy szkoleń"]
    );
    assert!(first.contains(r#"<link rel="next" href="/pl/news/page/2/">"#));
    assert!(!first.contains(r#"rel="prev""#));
    let nav = main_of(&first);
    assert!(
        nav.contains(r#"<li><a href="/pl/news/page/2/" rel="next">Następna strona</a></li>"#),
        "{nav}"
    );
    assert!(nav.contains(r#"<nav class="pagination" aria-label="Aktualności: strony">"#));

    let second = site.read_output("pl/news/page/2/index.html");
    assert_eq!(html_tag(&second), r#"<html lang="pl" dir="ltr">"#);
    assert_eq!(listed_titles(&second), ["Nowa przewodnicząca partnerstwa"]);
    assert!(second.contains(r#"href="/pl/news/new-chair/""#));
    assert!(second.contains(r#"<link rel="prev" href="/pl/news/">"#));
    assert!(!second.contains(r#"rel="next""#));
    assert!(second.contains(
        r#"<link rel="canonical" href="https://languages.example.org/pl/news/page/2/">"#
    ));
    assert!(
        second
            .contains("<title>Aktualności (strona 2 z 2) – Languages Fixture Partnership</title>")
    );
    let main = main_of(&second);
    assert!(
        main.contains(r#"<h1>Aktualności <span class="page-of">(strona 2 z 2)</span></h1>"#),
        "{main}"
    );
    assert!(main.contains(r#"<li><a href="/pl/news/" rel="prev">Poprzednia strona</a></li>"#));
    assert!(main.contains(r#"<span aria-current="page"><span class="vh">Strona </span>2</span>"#));
    // Nothing in English, and no third page.
    assert!(!main.contains("Previous page") && !main.contains(r#"href="/news/new-chair/""#));
    assert!(!site.path("public/pl/news/page/3/index.html").exists());
    assert!(
        site.read_output("sitemap.xml")
            .contains("<loc>https://languages.example.org/pl/news/page/2/</loc>")
    );
}

#[test]
fn a_translated_section_with_nothing_translated_stays_one_page() {
    let site = TestSite::new("theme-languages");
    site.write(
        "content/news/_index.cy.md",
        "---\ntitle: Newyddion\ndescription: Beth mae'r bartneriaeth wedi bod yn ei wneud.\n---\n",
    );
    build_on(&site, TODAY);
    let cy = site.read_output("cy/news/index.html");
    assert_eq!(html_tag(&cy), r#"<html lang="cy" dir="ltr">"#);
    assert!(listed_titles(&cy).is_empty(), "{}", main_of(&cy));
    assert!(!cy.contains(r#"class="pagination""#) && !cy.contains(r#"rel="next""#));
    assert!(!site.path("public/cy/news/page/2/index.html").exists());
}

#[test]
fn a_translated_section_follows_a_change_to_its_sections_paginate_by() {
    let site = TestSite::new("theme-languages");
    let index = std::fs::read_to_string(site.path("content/news/_index.md")).expect("index");
    site.write(
        "content/news/_index.md",
        index.replace("paginate_by: 2", "paginate_by: 1"),
    );
    build_on(&site, TODAY);
    for (n, title) in [
        ("", "Nasza nowa strona internetowa"),
        ("page/2/", "Nowe terminy szkoleń"),
        ("page/3/", "Nowa przewodnicząca partnerstwa"),
    ] {
        let page = site.read_output(&format!("pl/news/{n}index.html"));
        assert_eq!(listed_titles(&page), [title], "/pl/news/{n}");
    }
    let third = site.read_output("pl/news/page/3/index.html");
    assert!(third.contains(r#"<link rel="prev" href="/pl/news/page/2/">"#));
}

#[test]
fn a_translated_events_section_has_its_own_past_events_page_and_menu() {
    let site = TestSite::new("theme-languages");
    build_on(&site, TODAY);
    let upcoming = site.read_output("pl/events/index.html");
    assert_eq!(listed_titles(&upcoming), ["Rozmowy z rodzicami"]);
    let main = main_of(&upcoming);
    assert!(
        main.contains(r#"<li><span aria-current="page">Nadchodzące wydarzenia</span></li>"#),
        "{main}"
    );
    assert!(main.contains(r#"<li><a href="/pl/events/past/">Minione wydarzenia</a></li>"#));
    assert!(main.contains(r#"<a href="/pl/events/events.ics">"#));

    let past = site.read_output("pl/events/past/index.html");
    assert_eq!(html_tag(&past), r#"<html lang="pl" dir="ltr">"#);
    assert_eq!(listed_titles(&past), ["Pierwsze kroki w ochronie dzieci"]);
    assert!(past.contains(
        r#"<link rel="canonical" href="https://languages.example.org/pl/events/past/">"#
    ));
    let main = main_of(&past);
    assert!(
        main.contains("<h1>Minione wydarzenia: Szkolenia</h1>"),
        "{main}"
    );
    assert!(main.contains(r#"<li><a href="/pl/events/">Nadchodzące wydarzenia</a></li>"#));
    assert!(main.contains(r#"<li><span aria-current="page">Minione wydarzenia</span></li>"#));
    for english in [
        "/events/past/",
        "/events/events.ics",
        "/events/first-steps/",
    ] {
        assert!(!main.contains(&format!("href=\"{english}\"")), "{main}");
    }
    // Its breadcrumb to the Polish section is in Polish, so not marked English.
    assert!(past.contains(r#"<li><a href="/pl/events/">Szkolenia</a></li>"#));

    // Its calendar has the Polish events, past and to come, and no English ones.
    let ics = site.read_output("pl/events/events.ics");
    assert!(ics.contains("X-WR-CALNAME:Szkolenia – Languages Fixture Partnership"));
    assert!(ics.contains("SUMMARY:Rozmowy z rodzicami"));
    assert!(ics.contains("SUMMARY:Pierwsze kroki w ochronie dzieci"));
    assert!(!ics.contains("SUMMARY:Talking to parents"));

    // The English section keeps its own pages and calendar.
    let en_past = site.read_output("events/past/index.html");
    assert_eq!(listed_titles(&en_past), ["First steps in safeguarding"]);
    assert!(!site.read_output("events/events.ics").contains("Rozmowy"));
}

/// The breadcrumb trail of a built page, as (address, words) of each link.
fn crumbs(html: &str) -> Vec<(String, String)> {
    let Some(start) = html.find(r#"<nav class="breadcrumbs""#) else {
        return Vec::new();
    };
    let nav = &html[start..start + html[start..].find("</nav>").expect("</nav>")];
    nav.split("<a href=\"")
        .skip(1)
        .map(|a| {
            let (href, rest) = a.split_once('"').expect("href");
            let words = &rest[rest.find('>').expect(">") + 1..rest.find("</a>").expect("</a>")];
            (href.to_owned(), words.to_owned())
        })
        .collect()
}

#[test]
fn a_translated_page_is_led_back_to_its_sections_translation() {
    let site = TestSite::new("theme-languages");
    build_on(&site, TODAY);
    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    // A Polish news item: to the Polish news section (there is no Polish home).
    let item = site.read_output("pl/news/new-chair/index.html");
    assert_eq!(
        crumbs(&item),
        owned(&[("/", "Strona główna"), ("/pl/news/", "Aktualności")])
    );
    assert!(item.contains("<title>Nowa przewodnicząca partnerstwa – Aktualności – Languages"));
    // A Welsh leaflet: home is the Welsh home; the leaflets section has no Welsh
    // version, so that crumb is the English one, marked as English.
    let leaflet = site.read_output("cy/leaflets/report-a-concern/index.html");
    assert_eq!(
        crumbs(&leaflet),
        owned(&[("/cy/", "Hafan"), ("/leaflets/", "Leaflets")])
    );
    assert!(leaflet.contains(r#"<a href="/leaflets/" lang="en-GB">"#));
    // An Urdu leaflet's crumb is the Urdu section, and the main menu still
    // marks the section it is in.
    let urdu = site.read_output("ur/leaflets/report-a-concern/index.html");
    let trail = crumbs(&urdu);
    assert!(trail.iter().any(|(a, _)| a == "/ur/leaflets/"), "{trail:?}");
    assert!(
        urdu.contains(r#"<li><a href="/leaflets/" dir="ltr" class="here">"#),
        "{urdu}"
    );
    // The Welsh home is at the top, as the English home is: no trail.
    assert!(crumbs(&site.read_output("cy/index.html")).is_empty());
    assert!(
        !site
            .read_output("index.html")
            .contains("class=\"breadcrumbs\"")
    );
    // English pages keep their English trail.
    assert_eq!(
        crumbs(&site.read_output("news/new-chair/index.html")),
        owned(&[("/", "Home"), ("/news/", "News")])
    );
}

/// A listing's later pages are titled with the words the heading uses, in the
/// site's main language too: the site's own `i18n/` words for `listing_page_of`
/// reach the `<title>` as they reach the `<h1>`.
#[test]
fn a_listing_page_title_uses_the_sites_own_words() {
    let site = TestSite::new("theme-languages");
    site.write(
        "i18n/en.yaml",
        "listing_page_of: \"(part {current} of {total})\"\n",
    );
    build_on(&site, TODAY);
    let second = site.read_output("news/page/2/index.html");
    assert!(
        second.contains("<title>News (part 2 of 2) – Languages Fixture Partnership</title>"),
        "{}",
        &second[..second.find("</title>").unwrap_or(0)]
    );
    assert!(main_of(&second).contains(r#"<span class="page-of">(part 2 of 2)</span>"#));
}
