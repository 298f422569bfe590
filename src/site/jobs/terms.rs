//! Taxonomy pages: each taxonomy's page of terms and each term's listing pages,
//! with their keys.

use std::hash::{Hash, Hasher};

use crate::render::Renderer;
use crate::render::views::{LinkView, PageView, TermView};
use crate::site::context::{Ctx, Job, chunk_count, chunk_of, listing_out, paginator};
use crate::site::plan::{Planned, Spec};

impl Ctx<'_> {
    /// Every taxonomy's page of terms and every term's listing pages, with their
    /// keys: the terms and how many pages each has, or the summaries a page lists.
    pub(crate) fn plan_taxonomies(&self) -> Vec<Planned> {
        let mut plan = Vec::new();
        for (tax, terms) in &self.model.taxonomies {
            let mut h = self.hasher("taxonomy");
            tax.hash(&mut h);
            for (slug, t) in terms {
                (slug, &t.name, t.pages.len()).hash(&mut h);
            }
            plan.push(Planned {
                out: format!("{tax}/index.html"),
                spec: Spec::Taxonomy(tax.clone()),
                key: h.finish(),
            });
            for (slug, t) in terms {
                let total = chunk_count(t.pages.len(), Some(TERM_PAGE_SIZE));
                for chunk in 0..total {
                    let mut h = self.hasher("term");
                    (tax, slug, &t.name, chunk, total).hash(&mut h);
                    for &j in chunk_of(&t.pages, Some(TERM_PAGE_SIZE), chunk) {
                        (j, self.keys.summary[j]).hash(&mut h);
                    }
                    plan.push(Planned {
                        out: listing_out(&format!("{tax}/{slug}/"), chunk + 1),
                        spec: Spec::Term(tax.clone(), slug.clone(), chunk),
                        key: h.finish(),
                    });
                }
            }
        }
        plan
    }

    pub(crate) fn taxonomy_job(&self, tax: &str) -> Job {
        let terms = &self.model.taxonomies[tax];
        let title = capitalise(tax);
        let terms = terms
            .iter()
            .map(|(slug, t)| TermView {
                name: t.name.clone(),
                url: self.url(&format!("{tax}/{slug}/")),
                count: t.pages.len(),
                pages: Vec::new(),
            })
            .collect();
        let view = PageView {
            kind: "taxonomy",
            head_title: self.head_title(&[&title]),
            title,
            description: Some(
                self.word("taxonomy_description")
                    .replace("{name}", singular(tax)),
            ),
            url: self.url(&format!("{tax}/")),
            permalink: format!("{}{tax}/", self.config.base_url),
            breadcrumbs: vec![self.home_link()],
            terms,
            feeds: self.feeds.site_links(),
            ..PageView::default()
        };
        Job {
            out: format!("{tax}/index.html"),
            template: pick(self.renderer, "taxonomy.html"),
            view: Box::new(view),
            source: "site.yaml".into(),
        }
    }

    /// Listing page `chunk` (from 0) of a taxonomy term's page.
    pub(crate) fn term_job(&self, tax: &str, slug: &str, chunk: usize) -> Job {
        let t = &self.model.taxonomies[tax][slug];
        let title = capitalise(tax);
        let term_title = format!("{}: {}", capitalise(singular(tax)), t.name);
        let total = chunk_count(t.pages.len(), Some(TERM_PAGE_SIZE));
        let n = chunk + 1;
        let base = format!("{tax}/{slug}/");
        let page_url = |n: usize| {
            if n == 1 {
                self.url(&base)
            } else {
                self.url(&format!("{base}page/{n}/"))
            }
        };
        let mut view = PageView {
            kind: "term",
            head_title: self.head_title(&[&term_title, &title]),
            description: Some(self.word("pages_about").replace("{term}", &t.name)),
            url: page_url(n),
            permalink: format!("{}{base}", self.config.base_url),
            breadcrumbs: vec![
                self.home_link(),
                LinkView {
                    title: title.clone(),
                    url: self.url(&format!("{tax}/")),
                    current: false,
                },
            ],
            pages: chunk_of(&t.pages, Some(TERM_PAGE_SIZE), chunk)
                .iter()
                .map(|&i| self.summary(i))
                .collect(),
            feeds: self.feeds.site_links(),
            title: term_title,
            ..PageView::default()
        };
        if total > 1 {
            view.paginator = Some(paginator(n, total, page_url));
            if n > 1 {
                let label = self.listing_page_title(&view.title, &self.config.language, (n, total));
                view.head_title = self.head_title(&[&label, &title]);
                view.permalink = format!("{}{base}page/{n}/", self.config.base_url);
            }
        }
        Job {
            out: listing_out(&base, n),
            template: pick(self.renderer, "term.html"),
            view: Box::new(view),
            source: "site.yaml".into(),
        }
    }
}

/// Listing pages of a taxonomy term show this many pages each.
pub(crate) const TERM_PAGE_SIZE: usize = 20;

fn pick(renderer: &Renderer, name: &str) -> String {
    if renderer.has(name) {
        name.to_owned()
    } else {
        "section.html".to_owned()
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn singular(s: &str) -> &str {
    s.strip_suffix('s').unwrap_or(s)
}
