//! Tests of the model: sorting, hints, terms and page windows.
use super::*;
use crate::content::{FrontMatter, Page, Section};

/// A page: title, day of January 2024 or none, weight, topics.
type Spec<'a> = (&'a str, Option<i8>, Option<i64>, &'a [&'a str]);

/// A home section of pages, in that order.
fn site(pages: &[Spec<'_>]) -> Content {
    let page = |n: usize, (title, day, weight, topics): Spec<'_>| {
        let mut meta = FrontMatter {
            title: title.to_owned(),
            date: day.map(|d| jiff::civil::date(2024, 1, d)),
            weight,
            pinned: n % 7 == 3,
            ..FrontMatter::default()
        };
        let topics = topics.iter().map(|t| (*t).to_owned()).collect();
        meta.taxonomies.insert("topics".to_owned(), topics);
        Page {
            file: format!("content/p{n}.md").into(),
            key: format!("p{n}.md"),
            text: String::new(),
            meta,
            path: format!("p{n}/"),
            dir: std::path::PathBuf::new(),
            parent: Some(0),
            is_section: n == 0,
            lang: None,
            translation_of: None,
            revision: 0,
        }
    };
    let mut all = vec![page(0, ("Home", None, None, &[]))];
    all.extend(pages.iter().enumerate().map(|(n, p)| page(n + 1, *p)));
    Content {
        sections: vec![Section {
            index: 0,
            pages: (1..all.len()).collect(),
            subsections: Vec::new(),
        }],
        pages: all,
        ..Content::default()
    }
}

#[test]
fn lowercase_comparison_is_that_of_lowercased_strings() {
    let words = [
        "",
        "a",
        "A",
        "Ab",
        "aB",
        "b",
        "Z",
        "_x",
        "Élan",
        "élan",
        "elan",
        "İstanbul",
        "istanbul",
        "ΟΔΟΣ",
        "οδος",
        "οδοσ",
        "Straße",
        "STRASSE",
        "ǅemal",
        "ǆemal",
        "ẞ",
        "ß",
    ];
    for a in words {
        for b in words {
            assert_eq!(
                lowercase_cmp(a, b),
                a.to_lowercase().cmp(&b.to_lowercase()),
                "{a:?} against {b:?}"
            );
        }
    }
}

#[test]
fn a_hint_only_orders_the_pages_it_is_given() {
    let mut counts = vec![0; 10];
    // Pages the hint lacks come after, the hint's others are left out,
    // repeats are kept as many times as given.
    assert_eq!(
        hinted(Some(&vec![5, 9, 2, 7, 2]), &[1, 2, 5, 6], &mut counts),
        [5, 2, 1, 6]
    );
    assert_eq!(
        hinted(Some(&vec![3, 3]), &[3, 3, 3], &mut counts),
        [3, 3, 3]
    );
    assert_eq!(hinted(Some(&vec![42]), &[4], &mut counts), [4]);
    assert_eq!(hinted(None, &[4, 1], &mut counts), [4, 1]);
    assert!(counts.iter().all(|&n| n == 0));
}

#[test]
fn the_model_is_the_same_whatever_order_it_starts_from() {
    let topics: [&[&str]; 3] = [&["neglect"], &["neglect", "early help"], &[]];
    let pages: Vec<_> = (0..60)
        .map(|n: usize| {
            let title = ["Note", "note", "Ärger", "ΟΔΟΣ", "Zebra"][n % 5];
            let day = (n % 4 != 0).then_some((n % 9) as i8 + 1);
            let weight = (n % 3 == 0).then_some((n % 5) as i64);
            (title, day, weight, topics[n % 3])
        })
        .collect();
    let content = site(&pages);
    let taxonomies = ["topics".to_owned()];
    let today = jiff::civil::date(2024, 6, 1);
    let fresh = Model::new(&content, &taxonomies, today);
    let mut expected = content.sections[0].pages.clone();
    sort_pages(&content, &mut expected, SortBy::Date);
    pin_first(&content, &mut expected);
    assert_eq!(fresh.ordered[0], expected);
    for term in fresh.taxonomies["topics"].values() {
        let mut expected = term.pages.clone();
        expected.sort_unstable();
        sort_pages(&content, &mut expected, SortBy::Date);
        assert_eq!(term.pages, expected);
    }
    // Hints: the right order, reversed, with pages missing and pages too many.
    let mut hint = Model::new(&content, &taxonomies, today);
    let check = |hint: &Model| {
        let after = Model::after(&content, &taxonomies, today, Some(hint));
        assert_eq!(after.ordered, fresh.ordered);
        for (slug, term) in &fresh.taxonomies["topics"] {
            assert_eq!(after.taxonomies["topics"][slug].pages, term.pages, "{slug}");
            assert_eq!(after.taxonomies["topics"][slug].name, term.name);
        }
    };
    check(&hint);
    hint.ordered[0].reverse();
    for term in hint.taxonomies.values_mut().flat_map(|t| t.values_mut()) {
        term.pages.reverse();
        term.pages.truncate(5);
        term.pages.extend([0, 1, 1, 500]);
    }
    check(&hint);
    hint.ordered[0].truncate(10);
    hint.ordered.push(vec![3, 4]);
    check(&hint);
    check(&Model::default());
}

#[test]
fn links_to_the_ends_and_the_neighbours_of_the_current_page() {
    let window = |n, total| -> Vec<String> {
        page_window(n, total)
            .into_iter()
            .map(|m| m.map_or("…".to_owned(), |m| m.to_string()))
            .collect()
    };
    assert_eq!(window(1, 1), ["1"]);
    assert_eq!(window(2, 3), ["1", "2", "3"]);
    assert_eq!(window(1, 200), ["1", "2", "…", "200"]);
    assert_eq!(window(4, 200), ["1", "2", "3", "4", "5", "…", "200"]);
    assert_eq!(window(100, 200), ["1", "…", "99", "100", "101", "…", "200"]);
    assert_eq!(window(200, 200), ["1", "…", "199", "200"]);
    assert_eq!(window(5, 7), ["1", "…", "4", "5", "6", "7"]);
}

#[test]
fn terms_are_named_as_first_written_and_list_each_page_once() {
    let mut content = site(&[
        ("A", Some(1), None, &["Early help", "neglect"]),
        ("B", Some(2), None, &["early help", "Early Help"]),
        ("C", Some(3), None, &["Neglect"]),
        ("D", Some(4), None, &["neglect"]),
    ]);
    // A translation is not listed under its terms; an unknown taxonomy is left out.
    content.pages[4].lang = Some("cy".to_owned());
    content.pages[3]
        .meta
        .taxonomies
        .insert("places".to_owned(), vec!["Leeds".to_owned()]);
    let names = ["topics".to_owned(), "topics".to_owned()];
    let model = Model::new(&content, &names, jiff::civil::date(2024, 6, 1));
    assert_eq!(model.taxonomies.len(), 1);
    let topics = &model.taxonomies["topics"];
    let terms: Vec<(&str, &str, &[usize])> = topics
        .iter()
        .map(|(slug, t)| (slug.as_str(), t.name.as_str(), t.pages.as_slice()))
        .collect();
    assert_eq!(
        terms,
        [
            ("early-help", "Early help", &[2, 1][..]),
            ("neglect", "neglect", &[3, 1][..]),
        ]
    );
}
