//! The site model: sections' pages in order, pagination and taxonomies.
//!
//! Built after Markdown, from content and rendered pages; pure data, no I/O. It
//! decides *what* is listed where; `pages` turns it into views and HTML.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::content::{Content, PageKind, SortBy};
use crate::text::url_slug;

/// Order and grouping computed once per build.
#[derive(Debug, Default)]
pub(crate) struct Model {
    /// For each section (same index as `Content::sections`), its pages in order.
    pub(crate) ordered: Vec<Vec<usize>>,
    /// Taxonomy name → term slug → term.
    pub(crate) taxonomies: BTreeMap<String, BTreeMap<String, Term>>,
    /// For each section, its past events, latest first (empty unless the section
    /// is `page_kind: events`; `ordered` then holds the upcoming ones, soonest first).
    pub(crate) past: Vec<Vec<usize>>,
}

/// A taxonomy term and the pages that carry it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Term {
    /// As first written.
    pub(crate) name: String,
    /// Pages, newest first.
    pub(crate) pages: Vec<usize>,
}

impl Model {
    /// Orders sections and gathers taxonomy terms.
    #[cfg(test)]
    pub(crate) fn new(content: &Content, taxonomy_names: &[String], today: Date) -> Model {
        Model::after(content, taxonomy_names, today, None)
    }

    /// Orders sections and gathers taxonomy terms like [`Model::new`], starting
    /// each sort from `last`'s order (the last build's model, for `serve`): after
    /// a one-page edit a list is then sorted already but for that page, and is
    /// sorted in one pass. `last` is only where a sort starts, so the model is the
    /// same whatever it holds (see [`hinted`]).
    pub(crate) fn after(
        content: &Content,
        taxonomy_names: &[String],
        today: Date,
        last: Option<&Model>,
    ) -> Model {
        let mut counts = vec![0u32; content.pages.len()];
        let mut past = vec![Vec::new(); content.sections.len()];
        let ordered = content
            .sections
            .iter()
            .enumerate()
            .map(|(n, s)| {
                let meta = &content.pages[s.index].meta;
                if meta.page_kind == Some(PageKind::Events) {
                    let (upcoming, gone) = split_events(content, &s.pages, today);
                    past[n] = gone;
                    return upcoming;
                }
                let default = if meta.document {
                    SortBy::Weight
                } else {
                    SortBy::Date
                };
                let hint = last.and_then(|m| m.ordered.get(n));
                let by = meta.sort_by.unwrap_or(default);
                let mut pages = sort_listed(content, &s.pages, hint, by, &mut counts);
                pin_first(content, &mut pages);
                pages
            })
            .collect();
        let mut taxonomies: BTreeMap<String, BTreeMap<String, Term>> = taxonomy_names
            .iter()
            .map(|n| (n.clone(), BTreeMap::new()))
            .collect();
        // Each term's slug, made once however many pages have the term.
        let mut slugs: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
        // Translations are listed beside the page they translate, not under terms.
        for (i, page) in content.pages.iter().enumerate() {
            if page.lang.is_some() {
                continue;
            }
            for (tax, terms) in &page.meta.taxonomies {
                let Some(map) = taxonomies.get_mut(tax) else {
                    continue;
                };
                for term in terms {
                    let slug = slugs.entry(term.as_str()).or_insert_with(|| url_slug(term));
                    if !map.contains_key(slug.as_str()) {
                        let first = Term {
                            name: term.clone(),
                            pages: Vec::new(),
                        };
                        map.insert(slug.clone(), first);
                    }
                    let Some(entry) = map.get_mut(slug.as_str()) else {
                        continue;
                    };
                    // Pages come in order, so a repeat is the last one pushed.
                    if entry.pages.last() != Some(&i) {
                        entry.pages.push(i);
                    }
                }
            }
        }
        for (tax, terms) in &mut taxonomies {
            let last_terms = last.and_then(|m| m.taxonomies.get(tax));
            for (slug, term) in terms.iter_mut() {
                let hint = last_terms.and_then(|t| t.get(slug)).map(|t| &t.pages);
                term.pages = sort_listed(content, &term.pages, hint, SortBy::Date, &mut counts);
            }
        }
        Model {
            ordered,
            taxonomies,
            past,
        }
    }

    /// True when the section's pages are 7-minute briefings.
    pub(crate) fn is_briefing_section(content: &Content, section: usize) -> bool {
        content.pages[content.sections[section].index]
            .meta
            .page_kind
            == Some(PageKind::Briefing)
    }
}

/// Sorts page indexes: by date newest first, by weight lightest first, or by
/// title. Pages of the same date are ordered by the time of day in `date` (latest
/// first; a page with a time before one without), then by weight, then by title;
/// remaining ties by file, so the order never depends on the disk.
pub(crate) fn sort_pages(content: &Content, pages: &mut [usize], by: SortBy) {
    use std::cmp::Reverse;
    // Each page's key is made once, not once per comparison.
    pages.sort_by_cached_key(|&i| {
        let p = &content.pages[i];
        let (date, time) = match by {
            SortBy::Date => (Reverse(p.meta.date), Reverse(p.meta.time)),
            SortBy::Weight | SortBy::Title => (Reverse(None), Reverse(None)),
        };
        let weight = match by {
            SortBy::Weight | SortBy::Date => p.meta.weight.unwrap_or(i64::MAX),
            SortBy::Title => 0,
        };
        (
            date,
            time,
            weight,
            p.meta.title.to_lowercase(),
            p.key.as_str(),
        )
    });
}

/// The page indexes of `current` sorted as [`sort_pages`] sorts them, starting
/// from `hint`'s order (see [`hinted`]) and making no key: a list that is sorted
/// but for a few pages takes one pass. Ties, which [`sort_pages`] leaves in the
/// order it was given, are ordered by index, which is the same order when
/// `current` is in page order (as sections and terms gather them); a list that
/// is not is sorted by [`sort_pages`].
fn sort_listed(
    content: &Content,
    current: &[usize],
    hint: Option<&Vec<usize>>,
    by: SortBy,
    counts: &mut [u32],
) -> Vec<usize> {
    if !current.is_sorted() {
        let mut pages = current.to_vec();
        sort_pages(content, &mut pages, by);
        return pages;
    }
    let mut pages = hinted(hint, current, counts);
    pages.sort_by(|&a, &b| compare(content, a, b, by));
    pages
}

/// The order of [`sort_pages`], with the page index last.
fn compare(content: &Content, a: usize, b: usize, by: SortBy) -> std::cmp::Ordering {
    let (p, q) = (&content.pages[a].meta, &content.pages[b].meta);
    let dated = by == SortBy::Date;
    let weighted = matches!(by, SortBy::Weight | SortBy::Date);
    let weight = |m: &crate::content::FrontMatter| {
        if weighted {
            m.weight.unwrap_or(i64::MAX)
        } else {
            0
        }
    };
    let order = if dated {
        (q.date, q.time).cmp(&(p.date, p.time))
    } else {
        std::cmp::Ordering::Equal
    };
    order
        .then_with(|| weight(p).cmp(&weight(q)))
        .then_with(|| lowercase_cmp(&p.title, &q.title))
        .then_with(|| content.pages[a].key.cmp(&content.pages[b].key))
        .then(a.cmp(&b))
}

/// Compares `a.to_lowercase()` with `b.to_lowercase()` without making either.
fn lowercase_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a
            .bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()));
    }
    // `str::to_lowercase` writes a capital sigma at the end of a word as a final
    // sigma, which `char::to_lowercase` does not know.
    if a.contains('Σ') || b.contains('Σ') {
        return a.to_lowercase().cmp(&b.to_lowercase());
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

/// The pages of `current` (a list of page indexes), in `hint`'s order where
/// `hint` has them, then the rest in their order: a starting order for a sort,
/// the same pages however `hint` differs from `current`. `counts` is zero for
/// every page before and after.
fn hinted(hint: Option<&Vec<usize>>, current: &[usize], counts: &mut [u32]) -> Vec<usize> {
    let Some(hint) = hint else {
        return current.to_vec();
    };
    for &i in current {
        counts[i] += 1;
    }
    let mut out = Vec::with_capacity(current.len());
    for &i in hint {
        if let Some(n) = counts.get_mut(i).filter(|n| **n > 0) {
            *n -= 1;
            out.push(i);
        }
    }
    for &i in current {
        while counts[i] > 0 {
            counts[i] -= 1;
            out.push(i);
        }
    }
    out
}

/// Moves pinned pages (`pinned: true`) to the front, keeping the order within the
/// pinned and the unpinned.
pub(crate) fn pin_first(content: &Content, pages: &mut [usize]) {
    pages.sort_by_key(|&i| !content.pages[i].meta.pinned);
}

/// Splits an events section's pages at `today`: upcoming (soonest first) and past
/// (latest first). An event is past once the day it ends (or starts, with no end)
/// is before `today`. Pages without a time come last among the upcoming.
fn split_events(content: &Content, pages: &[usize], today: Date) -> (Vec<usize>, Vec<usize>) {
    let start = |i: usize| {
        content.pages[i]
            .meta
            .event
            .as_ref()
            .map(|e| e.start.timestamp())
    };
    let (mut past, mut upcoming): (Vec<usize>, Vec<usize>) =
        pages.iter().partition(|&&i| is_past(content, i, today));
    upcoming.sort_by_cached_key(|&i| {
        let p = &content.pages[i];
        (
            start(i).is_none(),
            start(i),
            p.meta.title.to_lowercase(),
            p.key.clone(),
        )
    });
    past.sort_by_cached_key(|&i| {
        let p = &content.pages[i];
        (
            std::cmp::Reverse(start(i)),
            p.meta.title.to_lowercase(),
            p.key.clone(),
        )
    });
    (upcoming, past)
}

/// True when page `i` is an event that ended before `today`.
pub(crate) fn is_past(content: &Content, i: usize, today: Date) -> bool {
    content.pages[i].meta.event.as_ref().is_some_and(|e| {
        let last = e
            .end
            .as_ref()
            .filter(|end| **end > e.start)
            .unwrap_or(&e.start);
        last.date() < today
    })
}

/// The listing pages to link to from page `current` of `total`: the first and
/// last, and the current one with its neighbours; `None` stands for a gap. A gap of
/// one page shows that page instead. Linking to every page would make a section of
/// thousands of pages write millions of links.
pub(crate) fn page_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut shown: Vec<usize> = [1, current.saturating_sub(1), current, current + 1, total]
        .into_iter()
        .filter(|&m| (1..=total).contains(&m))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let mut out = Vec::new();
    for (k, &m) in shown.iter().enumerate() {
        if let Some(&before) = k.checked_sub(1).and_then(|p| shown.get(p)) {
            match m - before {
                1 => {}
                2 => out.push(Some(before + 1)),
                _ => out.push(None),
            }
        }
        out.push(Some(m));
    }
    out
}

#[cfg(test)]
mod tests {
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
}
