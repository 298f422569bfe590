//! Redirect pages for `aliases:`, the old addresses of a page.
//!
//! Runs after every page is in the `Output`, so an alias that would replace a real
//! page is caught and reported against the `aliases:` line that asked for it. Each
//! redirect page is drawn by the theme's `alias.html`: a meta refresh and a
//! canonical link to the page's new address. Redirect pages are left out of the
//! sitemap, the feeds and the search index.

use std::collections::BTreeMap;

use super::context::Ctx;
use crate::content::Page;
use crate::error::Diagnostic;
use crate::output::{Output, OutputFile};
use crate::render::views::PageView;

/// The template that draws a redirect page.
const TEMPLATE: &str = "alias.html";

/// Writes a redirect page for every alias of every page into `output`.
pub(crate) fn add(ctx: &Ctx<'_>, output: &mut Output, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, page) in ctx.content.pages.iter().enumerate() {
        for alias in &page.meta.aliases {
            let line = alias_line(page, alias);
            let at = |d: Diagnostic| d.at(line, 1);
            let out = match output_path(alias) {
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
            if let Some(&other) = seen.get(&out) {
                let other = &ctx.content.pages[other];
                diagnostics.push(at(Diagnostic::error(
                    crate::rules::ALIAS,
                    &page.file,
                    format!(
                        "the alias {alias:?} is also an alias of {}",
                        other.file.display()
                    ),
                )
                .help(
                    "an old address can redirect to one page only; remove it from one of them",
                )));
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
            if !ctx.renderer.has(TEMPLATE) {
                diagnostics.push(at(Diagnostic::error(
                    crate::rules::TEMPLATE,
                    &page.file,
                    format!("the theme has no `{TEMPLATE}` template, so the alias {alias:?} cannot redirect"),
                )
                .help("copy templates/alias.html from the default theme into your theme")));
                continue;
            }
            seen.insert(out.clone(), i);
            let view = PageView {
                kind: "alias",
                title: page.meta.title.clone(),
                head_title: format!("Redirecting to {}", page.meta.title),
                url: format!("{}{}", ctx.site.base_path, page.path),
                permalink: format!("{}{}", ctx.config.base_url, page.path),
                source: page.file.display().to_string(),
                ..PageView::default()
            };
            match ctx.renderer.render(TEMPLATE, ctx.site, &view, &page.file) {
                Ok(html) => {
                    output.insert(out, OutputFile::Bytes(html.into_bytes().into()));
                }
                Err(d) => diagnostics.push(*d),
            }
        }
    }
}

/// The output file for an alias: `/old/page/` and `/old/page` → `old/page/index.html`,
/// `/old.html` → `old.html`. Errors say what is wrong with the alias.
pub(crate) fn output_path(alias: &str) -> Result<String, &'static str> {
    let alias = alias.trim();
    if alias.contains("://") || alias.starts_with("//") {
        return Err("is a full web address, not a path on this site");
    }
    if alias.contains(['?', '#', '\\']) || alias.chars().any(char::is_whitespace) {
        return Err("has a character that cannot be part of a file name (?, #, \\ or a space)");
    }
    let path = alias.trim_start_matches('/');
    if path.is_empty() {
        return Err("is the home page");
    }
    if path.split('/').any(|s| s == ".." || s == ".") {
        return Err("has `.` or `..` in it");
    }
    let out = if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        let last = path.rsplit('/').next().unwrap_or(path);
        if last.ends_with(".html") || last.ends_with(".htm") {
            path.to_owned()
        } else {
            format!("{path}/index.html")
        }
    };
    // The one rule for written paths (see `crate::paths::check_key`).
    match crate::paths::check_key(&out) {
        Ok(()) => Ok(out),
        Err(_) => Err("has an empty part (`//`) or a part longer than 255 bytes"),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_paths_become_files() {
        assert_eq!(
            output_path("/old/page/").as_deref(),
            Ok("old/page/index.html")
        );
        assert_eq!(
            output_path("/old/page").as_deref(),
            Ok("old/page/index.html")
        );
        assert_eq!(output_path("old.html").as_deref(), Ok("old.html"));
        assert_eq!(output_path("/a/b.htm").as_deref(), Ok("a/b.htm"));
    }

    #[test]
    fn rejects_addresses_that_are_not_site_paths() {
        assert!(output_path("https://example.org/old/").is_err());
        assert!(output_path("/").is_err());
        assert!(output_path("/a/../b/").is_err());
        assert!(output_path("/a?b=1").is_err());
        assert!(output_path("/a//b/").is_err());
        assert!(output_path(&format!("/{}/", "x".repeat(256))).is_err());
    }
}
