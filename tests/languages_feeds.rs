//! Feeds in a site in more than one language, read with an Atom library: each
//! language's feed at `/<code>/atom.xml` says its language. The fixture is
//! `theme-languages` (English, Welsh, Polish and Urdu).
mod common;

use common::TestSite;

fn parse_feed(xml: &str) -> atom_syndication::Feed {
    xml.parse()
        .unwrap_or_else(|e| panic!("not an Atom feed: {e}\n{xml}"))
}

#[test]
fn a_language_feed_says_its_language() {
    let site = TestSite::new("theme-languages");
    site.build_ok();
    for code in ["cy", "pl", "ur"] {
        let feed = parse_feed(&site.read_output(&format!("{code}/atom.xml")));
        assert_eq!(feed.lang(), Some(code), "{code}/atom.xml");
    }
    // The main language's feeds are as they were.
    let all = parse_feed(&site.read_output("atom.xml"));
    assert_eq!(all.lang(), None);
}
