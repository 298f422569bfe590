//! The site model: sections' pages in order, pagination and taxonomies.
//!
//! Built after Markdown, from content and rendered pages; pure data, no I/O. It
//! decides *what* is listed where; `pages` turns it into views and HTML.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::content::{Content, Page, PageKind, SortBy};
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
        let mut taxonomies = gather_terms(content, taxonomy_names);
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

    /// True for an Easy Read page: `page_kind: easy_read` on it, or on its section.
    pub(crate) fn is_easy_read(content: &Content, page: &Page) -> bool {
        let easy = |p: &Page| p.meta.page_kind == Some(PageKind::EasyRead);
        easy(page)
            || page
                .parent
                .and_then(|s| content.sections.get(s))
                .and_then(|s| content.pages.get(s.index))
                .is_some_and(easy)
    }
}

/// Each taxonomy's terms by slug, with their pages in page order. A term is
/// named as the first page to carry it wrote it. Translations are listed beside
/// the page they translate, not under terms.
fn gather_terms(
    content: &Content,
    taxonomy_names: &[String],
) -> BTreeMap<String, BTreeMap<String, Term>> {
    use rustc_hash::FxHashMap;
    /// One taxonomy's terms as gathered, and where each slug and each term as
    /// written is among them.
    #[derive(Default)]
    struct Gathered<'a> {
        terms: Vec<(String, Term)>,
        by_slug: FxHashMap<String, usize>,
        by_name: FxHashMap<&'a str, usize>,
    }
    let mut slot: FxHashMap<&str, usize> = FxHashMap::default();
    for name in taxonomy_names {
        let next = slot.len();
        slot.entry(name.as_str()).or_insert(next);
    }
    let mut gathered: Vec<Gathered<'_>> = (0..slot.len()).map(|_| Gathered::default()).collect();
    for (i, page) in content.pages.iter().enumerate() {
        if page.lang.is_some() {
            continue;
        }
        for (tax, terms) in &page.meta.taxonomies {
            let Some(g) = slot.get(tax.as_str()).and_then(|&t| gathered.get_mut(t)) else {
                continue;
            };
            for term in terms {
                let at = match g.by_name.get(term.as_str()) {
                    Some(&at) => at,
                    None => {
                        let slug = url_slug(term);
                        let at = match g.by_slug.get(&slug) {
                            Some(&at) => at,
                            None => {
                                let first = Term {
                                    name: term.clone(),
                                    pages: Vec::new(),
                                };
                                g.terms.push((slug.clone(), first));
                                g.by_slug.insert(slug, g.terms.len() - 1);
                                g.terms.len() - 1
                            }
                        };
                        g.by_name.insert(term.as_str(), at);
                        at
                    }
                };
                let pages = &mut g.terms[at].1.pages;
                // Pages come in order, so a repeat is the last one pushed.
                if pages.last() != Some(&i) {
                    pages.push(i);
                }
            }
        }
    }
    let mut gathered = gathered.into_iter();
    let mut taxonomies = BTreeMap::new();
    for name in taxonomy_names {
        if !taxonomies.contains_key(name) {
            let terms = gathered.next().map(|g| g.terms).unwrap_or_default();
            taxonomies.insert(name.clone(), terms.into_iter().collect());
        }
    }
    taxonomies
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
mod tests;
