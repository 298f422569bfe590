//! The site model: sections' pages in order, pagination and taxonomies.
//!
//! Built after Markdown, from content and rendered pages; pure data, no I/O. It
//! decides *what* is listed where; `pages` turns it into views and HTML.

use std::collections::BTreeMap;

use crate::content::{Content, PageKind, SortBy, slugify};

/// Order and grouping computed once per build.
#[derive(Debug, Default)]
pub(crate) struct Model {
    /// For each section (same index as `Content::sections`), its pages in order.
    pub(crate) ordered: Vec<Vec<usize>>,
    /// Taxonomy name → term slug → term.
    pub(crate) taxonomies: BTreeMap<String, BTreeMap<String, Term>>,
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
    pub(crate) fn new(content: &Content, taxonomy_names: &[String]) -> Model {
        let ordered = content
            .sections
            .iter()
            .map(|s| {
                let meta = &content.pages[s.index].meta;
                let default = if meta.document {
                    SortBy::Weight
                } else {
                    SortBy::Date
                };
                let mut pages = s.pages.clone();
                sort_pages(content, &mut pages, meta.sort_by.unwrap_or(default));
                pages
            })
            .collect();
        let mut taxonomies: BTreeMap<String, BTreeMap<String, Term>> = taxonomy_names
            .iter()
            .map(|n| (n.clone(), BTreeMap::new()))
            .collect();
        for (i, page) in content.pages.iter().enumerate() {
            for (tax, terms) in &page.meta.taxonomies {
                let Some(map) = taxonomies.get_mut(tax) else {
                    continue;
                };
                for term in terms {
                    let entry = map.entry(slugify(term)).or_insert_with(|| Term {
                        name: term.clone(),
                        pages: Vec::new(),
                    });
                    if !entry.pages.contains(&i) {
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
/// title; ties broken by title, then by file, so the order never depends on the disk.
pub(crate) fn sort_pages(content: &Content, pages: &mut [usize], by: SortBy) {
    pages.sort_by(|&a, &b| {
        let (pa, pb) = (&content.pages[a], &content.pages[b]);
        let primary = match by {
            SortBy::Date => pb.meta.date.cmp(&pa.meta.date),
            SortBy::Weight => pa
                .meta
                .weight
                .unwrap_or(i64::MAX)
                .cmp(&pb.meta.weight.unwrap_or(i64::MAX)),
            SortBy::Title => std::cmp::Ordering::Equal,
        };
        primary
            .then_with(|| {
                pa.meta
                    .title
                    .to_lowercase()
                    .cmp(&pb.meta.title.to_lowercase())
            })
            .then_with(|| pa.key.cmp(&pb.key))
    });
}

/// Splits `items` into listing pages of `per_page` (all on one page when `None`).
pub(crate) fn paginate<T: Clone>(items: &[T], per_page: Option<usize>) -> Vec<Vec<T>> {
    match per_page {
        Some(n) if n > 0 && items.len() > n => items.chunks(n).map(<[T]>::to_vec).collect(),
        _ => vec![items.to_vec()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paginates_in_chunks() {
        let pages = paginate(&[1, 2, 3, 4, 5], Some(2));
        assert_eq!(pages, vec![vec![1, 2], vec![3, 4], vec![5]]);
        assert_eq!(paginate(&[1, 2], None), vec![vec![1, 2]]);
        assert_eq!(paginate::<u8>(&[], Some(3)), vec![Vec::<u8>::new()]);
    }
}
