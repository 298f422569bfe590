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
    pub(crate) fn new(content: &Content, taxonomy_names: &[String], today: Date) -> Model {
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
                let mut pages = s.pages.clone();
                sort_pages(content, &mut pages, meta.sort_by.unwrap_or(default));
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
        for terms in taxonomies.values_mut() {
            for term in terms.values_mut() {
                sort_pages(content, &mut term.pages, SortBy::Date);
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
