//! Redirect pages for `aliases:`, the old addresses of a page.
//!
//! Runs after every page is in the `Output`, so an alias that would replace a real
//! page is caught and reported against the `aliases:` line that asked for it. Each
//! redirect page is drawn by the theme's `alias.html`: a meta refresh and a
//! canonical link to the page's new address. Redirect pages are left out of the
//! sitemap, the feeds and the search index.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::context::Ctx;
use crate::content::Page;
use crate::error::Diagnostic;
use crate::output::{Output, OutputFile};
use crate::render::views::PageView;

/// The template that draws a redirect page.
const TEMPLATE: &str = "alias.html";

/// Writes a redirect page for every alias of every page into `output`. `later`
/// holds the paths of the feeds and calendars, which are added after the
/// redirect pages: an alias may not need a folder where one of them will be.
pub(crate) fn add(
    ctx: &Ctx<'_>,
    later: &BTreeSet<&str>,
    output: &mut Output,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Keyed by the path in small letters: on Windows and Mac, and on hosts that
    // ignore capitals, `Old/index.html` and `old/index.html` are one file.
    let mut seen: BTreeMap<String, (usize, &str, String)> = BTreeMap::new();
    // The site's files by their paths in small letters, made once a page has
    // an alias; each redirect page is added as it is made.
    let mut taken: Option<HashMap<String, String>> = None;
    for (i, page) in ctx.content.pages.iter().enumerate() {
        for alias in &page.meta.aliases {
            let line = alias_line(page, alias);
            let at = |d: Diagnostic| d.at(line, 1);
            let out = match crate::urls::alias_output_path(alias) {
                Ok(out) => out,
                Err(why) => {
                    diagnostics.push(at(Diagnostic::error(
                        crate::rules::ALIAS,
                        &page.file,
                        format!("the alias {alias:?} {why}"),
                    )
                    .help("write the old address as a path on this site, like `/old/page/` or `/old-page.html`")));
                    continue;
                }
            };
            let lower = out.to_lowercase();
            if let Some((other, other_alias, other_out)) = seen.get(&lower) {
                let other = &ctx.content.pages[*other];
                let message = if *other_out == out {
                    format!(
                        "the alias {alias:?} is also an alias of {}",
                        other.file.display()
                    )
                } else {
                    format!(
                        "the alias {alias:?} differs from the alias {other_alias:?} of {} only in capital letters, which Windows, Mac and many hosts do not tell apart",
                        other.file.display()
                    )
                };
                diagnostics.push(at(Diagnostic::error(
                    crate::rules::ALIAS,
                    &page.file,
                    message,
                )
                .help(
                    "an old address can redirect to one page only; remove it from one of them",
                )));
                continue;
            }
            if crate::search::in_index_dir(&out) {
                diagnostics.push(at(Diagnostic::error(
                    crate::rules::ALIAS,
                    &page.file,
                    format!("the alias {alias:?} is inside /{}/, where plainsite writes the search index", crate::search::INDEX_DIR),
                )
                .help("remove this alias: an old address can only be a page's address, not a file the site makes")));
                continue;
            }
            if let Some(file) = file_in_the_way(&out, output, later) {
                diagnostics.push(at(Diagnostic::error(
                    crate::rules::ALIAS,
                    &page.file,
                    format!("the alias {alias:?} would need a folder /{file}/, where the site has the file /{file}"),
                )
                .help("remove this alias: an old address can only be a page's address, not a file the site makes")));
                continue;
            }
            if output.contains(&out) {
                diagnostics.push(at(Diagnostic::error(
                    crate::rules::ALIAS,
                    &page.file,
                    format!("the alias {alias:?} is the address of a page that exists (/{out})"),
                )
                .help("remove this alias, or move or rename the page at that address")));
                continue;
            }
            let taken = taken.get_or_insert_with(|| {
                output
                    .paths()
                    .map(|p| (p.to_lowercase(), p.to_owned()))
                    .collect()
            });
            if let Some(file) = taken.get(&lower) {
                diagnostics.push(at(Diagnostic::error(
                    crate::rules::ALIAS,
                    &page.file,
                    format!("the alias {alias:?} differs from /{file} only in capital letters, which Windows, Mac and many hosts do not tell apart, so that file would be replaced by a redirect"),
                )
                .help("remove this alias: the site cannot hold both files; if readers still use the old address, ask your host for a redirect that ignores capitals")));
                continue;
            }
            if !ctx.renderer.has(TEMPLATE) {
                diagnostics.push(at(Diagnostic::error(
                    crate::rules::TEMPLATE,
                    &page.file,
                    format!("the theme has no `{TEMPLATE}` template, so the alias {alias:?} cannot redirect"),
                )
                .help("copy templates/alias.html from the default theme into your theme")));
                continue;
            }
            seen.insert(lower.clone(), (i, alias.as_str(), out.clone()));
            taken.insert(lower, out.clone());
            let view = PageView {
                kind: "alias",
                title: page.meta.title.clone(),
                head_title: format!("Redirecting to {}", page.meta.title),
                url: format!("{}{}", ctx.site.base_path, page.path),
                permalink: format!("{}{}", ctx.config.base_url, page.path),
                source: page.file.display().to_string(),
                ..PageView::default()
            };
            match ctx
                .renderer
                .render(TEMPLATE, &ctx.site_value, &view, &page.file)
            {
                Ok(html) => {
                    output.insert(out, OutputFile::Bytes(html.into()));
                }
                Err(d) => diagnostics.push(*d),
            }
        }
    }
}

/// Files the build writes after the redirect pages (see `finish`), besides
/// the feeds and calendars and the search index.
const LATER_FILES: &[&str] = &[
    "robots.txt",
    "sitemap.xml",
    "_redirects",
    "_headers",
    "staticwebapp.config.json",
    "nginx.conf",
];

/// The first folder of output path `out` that is a file of the site instead
/// (`robots.txt` for `robots.txt/index.html`), now or once the files in
/// `later` and [`LATER_FILES`] are added.
fn file_in_the_way<'a>(out: &'a str, output: &Output, later: &BTreeSet<&str>) -> Option<&'a str> {
    out.match_indices('/')
        .map(|(i, _)| &out[..i])
        .find(|folder| {
            output.contains(folder) || LATER_FILES.contains(folder) || later.contains(folder)
        })
}

/// The file line of `alias` in the page's `aliases:` list (the key's line if it
/// cannot be told apart).
fn alias_line(page: &Page, alias: &str) -> usize {
    let key_line = page.meta.key_lines.get("aliases").copied().unwrap_or(1);
    page.text
        .lines()
        .enumerate()
        .skip(key_line.saturating_sub(1))
        .find(|(_, l)| l.contains(alias))
        .map_or(key_line, |(n, _)| n + 1)
}
