//! The pages that help people find things: the A–Z index (`/a-z/`) and the
//! search page (`/search/`).
//!
//! Both are views handed to the theme's `a-z.html` and `search.html`; a theme
//! without one of them simply has no such page. The search page carries no
//! results: its script reads the index that `crate::search` builds after every
//! page is rendered.

use super::pages::{Ctx, Job};
use crate::render::views::{IndexEntry, LetterGroup, LinkView, PageView};

/// The A–Z page: every page and section but home, by title, grouped by first letter.
pub(crate) fn a_z_job(ctx: &Ctx<'_>) -> Option<Job> {
    if !ctx.renderer.has("a-z.html") {
        return None;
    }
    let mut entries: Vec<(String, IndexEntry)> = ctx
        .content
        .pages
        .iter()
        .filter(|p| !p.path.is_empty())
        .map(|p| {
            let context = p
                .parent
                .map(|s| &ctx.content.pages[ctx.content.sections[s].index])
                .filter(|sp| !sp.path.is_empty())
                .map(|sp| sp.meta.title.clone());
            let entry = IndexEntry {
                title: p.meta.title.clone(),
                url: ctx.url(&p.path),
                context,
            };
            (sort_key(&p.meta.title), entry)
        })
        .collect();
    entries.sort_by(|a, b| {
        (a.0.as_str(), &a.1.title, &a.1.url).cmp(&(b.0.as_str(), &b.1.title, &b.1.url))
    });
    let mut groups: Vec<LetterGroup> = Vec::new();
    for (key, entry) in entries {
        let (letter, id) = letter_of(&key);
        match groups.last_mut() {
            Some(g) if g.id == id => g.items.push(entry),
            _ => groups.push(LetterGroup {
                letter,
                id,
                items: vec![entry],
            }),
        }
    }
    let title = "A to Z of pages";
    let view = PageView {
        kind: "a_z",
        title: title.to_owned(),
        head_title: ctx.head_title(&[title]),
        description: Some("Every page on this site, in alphabetical order.".to_owned()),
        url: ctx.url("a-z/"),
        permalink: format!("{}a-z/", ctx.config.base_url),
        breadcrumbs: vec![home(ctx)],
        groups,
        feeds: ctx.feeds.site_links(),
        ..PageView::default()
    };
    Some(Job {
        out: "a-z/index.html".to_owned(),
        template: "a-z.html".to_owned(),
        view: Box::new(view),
        source: "a-z.html".into(),
    })
}

/// The search page. Its results come from the browser, so the view is plain.
pub(crate) fn search_job(ctx: &Ctx<'_>) -> Option<Job> {
    if !ctx.renderer.has("search.html") {
        return None;
    }
    let title = "Search";
    let view = PageView {
        kind: "search",
        title: title.to_owned(),
        head_title: ctx.head_title(&[title]),
        description: Some(format!("Search the pages of {}.", ctx.site.title)),
        url: ctx.url("search/"),
        permalink: format!("{}search/", ctx.config.base_url),
        breadcrumbs: vec![home(ctx)],
        feeds: ctx.feeds.site_links(),
        ..PageView::default()
    };
    Some(Job {
        out: "search/index.html".to_owned(),
        template: "search.html".to_owned(),
        view: Box::new(view),
        source: "search.html".into(),
    })
}

fn home(ctx: &Ctx<'_>) -> LinkView {
    LinkView {
        title: "Home".to_owned(),
        url: ctx.url(""),
        current: false,
    }
}

/// Lowercase, accents folded, leading quotes and punctuation dropped: "‘Élan’" → "elan’".
fn sort_key(title: &str) -> String {
    let folded: String = title
        .chars()
        .map(crate::content::fold_accent)
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_owned()
}

/// The heading and fragment id of the group a sort key falls in.
fn letter_of(key: &str) -> (String, String) {
    match key.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => (
            c.to_ascii_uppercase().to_string(),
            format!("letter-{}", c.to_ascii_lowercase()),
        ),
        Some(c) if c.is_ascii_digit() => ("0–9".to_owned(), "letter-digits".to_owned()),
        _ => ("Other".to_owned(), "letter-other".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_titles_by_folded_first_letter() {
        assert_eq!(sort_key("‘Élan’ in care"), "elan’ in care");
        assert_eq!(letter_of("elan").0, "E");
        assert_eq!(letter_of("7-minute").1, "letter-digits");
        assert_eq!(letter_of("Ωmega").0, "Other");
    }
}
