//! Findings about `site.yaml` itself, once the site's pages are known: addresses in
//! the menus and the "report a concern" link that lead nowhere, sections named in
//! `home.latest_from` or `news_sections` that do not exist, and the two
//! recommended settings left out.
//!
//! A misspelt menu address is a broken link on every page, so it is an error, like
//! a broken link in Markdown, with the nearest real address as a suggestion. The
//! checks read `Config` and the site's link map; they never read files or print.

use crate::config::{CONFIG_FILE, Config};
use crate::content::SiteLinks;
use crate::error::Diagnostic;
use crate::output::Output;

/// The lines of `site.yaml`'s text that may hold a value: their number (from
/// 1), the line, and its part before a comment. A line that is a comment is
/// left out, and ` #` starts a comment (inside quotes it may not, but a finding
/// in a comment is harmless either way).
pub(crate) fn value_lines(text: &str) -> impl Iterator<Item = (usize, &str, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with('#'))
        .map(|(i, line)| (i + 1, line, line.split(" #").next().unwrap_or(line)))
}

/// Every finding about `site.yaml`'s addresses and recommended settings, once the
/// site's `output` is complete (menus may point at pages the build makes itself,
/// like `/topics/` or `/search/`), pushed into `out`.
pub fn check_settings(
    config: &Config,
    links: &SiteLinks,
    output: &Output,
    out: &mut Vec<Diagnostic>,
) {
    recommend(config, out);
    check_quick_exit(config, links, output, out);
    let mut addresses: Vec<(&str, &str)> = Vec::new();
    // Menu links into an internal section left out of this build are dropped
    // from the pages, so they point nowhere only in the preview's absence.
    for item in config.menu.iter().filter(|m| !links.is_left_out(&m.url)) {
        addresses.push(("menu", &item.url));
    }
    for item in config
        .footer_menu
        .iter()
        .filter(|m| !links.is_left_out(&m.url))
    {
        addresses.push(("footer_menu", &item.url));
    }
    if let Some(report) = &config.report_concern {
        addresses.push(("report_concern", &report.url));
    }
    for (setting, url) in addresses {
        // A page with an error of its own is reported there; pointing at it is
        // not a second mistake.
        if links.is_failed_address(url.split(['#', '?']).next().unwrap_or("")) {
            continue;
        }
        if let Some(d) = check_address(config, output, setting, url) {
            out.push(d);
        }
    }
    // The home section's folder is content/ itself, whose name is empty.
    let sections: Vec<String> = links
        .section_folders()
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    for name in &config.home.latest_from {
        let folder = name.trim_matches('/');
        if folder.is_empty()
            || sections.iter().any(|s| s == folder)
            || links.is_failed_section(folder)
        {
            continue;
        }
        let (line, col) = place(&config.source, "latest_from", name);
        let help = match crate::yaml::suggest(name, &sections) {
            Some(best) => {
                format!("did you mean `{best}`? Sections are named by their folder in content/")
            }
            None => format!(
                "name a folder in content/ that has an _index.md: {}",
                sections.join(", ")
            ),
        };
        out.push(
            Diagnostic::error(
                crate::rules::BROKEN_LINK,
                CONFIG_FILE,
                format!("`home.latest_from` names `{name}`, which is not a section"),
            )
            .at(line, col)
            .help(help),
        );
    }
    check_news_sections(config, links, &sections, out);
}

/// Finds each `news_sections` name that is not a top-level section: its pages
/// would be left out of the site's feed, and nothing would say so.
fn check_news_sections(
    config: &Config,
    links: &SiteLinks,
    sections: &[String],
    out: &mut Vec<Diagnostic>,
) {
    let top: Vec<String> = sections
        .iter()
        .filter(|s| !s.contains('/'))
        .cloned()
        .collect();
    for name in config.news_sections.iter().flatten() {
        if top.contains(name)
            || links.is_failed_section(name)
            || links.is_left_out(&format!("/{name}/"))
        {
            continue;
        }
        let (line, col) = place(&config.source, "news_sections", name);
        let help = match crate::yaml::suggest(name, &top) {
            Some(best) => format!(
                "did you mean `{best}`? News sections are named by their folder at the top of content/"
            ),
            None => format!(
                "name folders at the top of content/ that have an _index.md: {}",
                top.join(", ")
            ),
        };
        out.push(
            Diagnostic::error(
                crate::rules::BROKEN_LINK,
                CONFIG_FILE,
                format!("`news_sections` names `{name}`, which is not a section at the top of the site, so no pages would be in the news feed from it"),
            )
            .at(line, col)
            .help(help),
        );
    }
}

/// Finds each `quick_exit.sections` name that is not a top-level section or
/// page of the site: its pages would have no Exit button, and nothing says so.
fn check_quick_exit(
    config: &Config,
    links: &SiteLinks,
    output: &Output,
    out: &mut Vec<Diagnostic>,
) {
    let Some(quick_exit) = &config.quick_exit else {
        return;
    };
    let top: Vec<String> = output
        .paths()
        .filter_map(|p| p.strip_suffix("/index.html"))
        .filter(|p| !p.is_empty() && !p.contains('/'))
        .map(str::to_owned)
        .collect();
    for name in &quick_exit.sections {
        if top.iter().any(|t| t == name) || links.is_failed_section(name) {
            continue;
        }
        let (line, col) = place(&config.source, "sections", name);
        let help = match crate::yaml::suggest(name, &top) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!(
                "name a folder in content/, or a page at the top of it, by its address: {}",
                top.join(", ")
            ),
        };
        out.push(
            Diagnostic::error(
                crate::rules::CONFIG,
                CONFIG_FILE,
                format!("`quick_exit.sections` names `{name}`, which is not a section or page of this site, so no page would show the Exit button for it"),
            )
            .at(line, col)
            .help(help),
        );
    }
}

/// The address `url` of `setting`, checked like a link in Markdown.
fn check_address(config: &Config, output: &Output, setting: &str, url: &str) -> Option<Diagnostic> {
    let target = url.split(['#', '?']).next().unwrap_or("");
    if target.is_empty() {
        return None;
    }
    let (line, col) = place(&config.source, setting, url);
    let broken = |message: String, help: String| {
        Some(
            Diagnostic::error(crate::rules::BROKEN_LINK, CONFIG_FILE, message)
                .at(line, col)
                .help(help),
        )
    };
    let exists = |p: &str| {
        output.contains(p)
            || output.contains(&format!("{}/index.html", p.trim_end_matches('/')))
            || (p.is_empty() && output.contains("index.html"))
    };
    // `about.md` or `content/about/_index.md`: the file, for its page's address.
    let page = page_address(target).filter(|p| exists(p));
    if !target.starts_with('/') && !target.contains(':') && !target.starts_with("//") {
        let root = page.unwrap_or_else(|| target.trim_start_matches("./").to_owned());
        return broken(
            format!("the `{setting}` address `{url}` does not start with a slash"),
            format!("write addresses in site.yaml from the site's root, like `/{root}`"),
        );
    }
    if target.contains(':') || target.starts_with("//") {
        // A full web address: its scheme is checked where it is read. One
        // into SharePoint would stop the public from reporting a concern.
        return super::staff_links::address(url, line, col, std::path::Path::new(CONFIG_FILE));
    }
    let path = target.trim_start_matches('/');
    if exists(path) {
        return None;
    }
    if let Some(page) = page {
        return broken(
            format!("the `{setting}` address `{url}` is not a page on this site"),
            format!("write the page's address, not its file: `/{page}`"),
        );
    }
    let pages: Vec<String> = output
        .paths()
        .filter_map(|p| p.strip_suffix("index.html"))
        .map(str::to_owned)
        .collect();
    let help = match crate::yaml::suggest(path, &pages) {
        Some(near) => format!("did you mean `/{near}`?"),
        None => "write the address of a page on this site, like `/about/`, or a full web address starting with https://".to_owned(),
    };
    broken(
        format!("the `{setting}` address `{url}` is not a page on this site"),
        help,
    )
}

/// The address of the page whose file `path` names (`about.md`,
/// `/content/about/_index.md`, `content/briefings/`), from the site's root
/// and without its slash (`about/`, `briefings/`); `None` for a path that
/// names no Markdown file or content folder.
fn page_address(path: &str) -> Option<String> {
    let path = path.trim_start_matches("./").trim_start_matches('/');
    let (in_content, path) = match path.strip_prefix("content/") {
        Some(rest) => (true, rest),
        None => (false, path),
    };
    let Some(stem) = path.strip_suffix(".md") else {
        return in_content.then(|| path.to_owned());
    };
    let folder = match stem.rsplit_once('/') {
        Some((folder, "_index" | "index")) => folder,
        None if matches!(stem, "_index" | "index") => "",
        _ => stem,
    };
    Some(if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    })
}

/// Warns about `report_concern` and `contact` when they are left out.
fn recommend(config: &Config, out: &mut Vec<Diagnostic>) {
    if config.report_concern.is_none() {
        out.push(
            Diagnostic::warning(
                crate::rules::REPORT_CONCERN,
                CONFIG_FILE,
                "site.yaml has no `report_concern`, so pages do not say how to report a concern about a child",
            )
            .at(1, 1)
            .help("a safeguarding site should say on every page how to report a concern: add `report_concern: { text: Report a concern about a child, url: /report-a-concern/, note: \"In an emergency, call 999.\" }`"),
        );
    }
    if config.contact.is_none() {
        out.push(
            Diagnostic::warning(
                crate::rules::CONTACT,
                CONFIG_FILE,
                "site.yaml has no `contact`, so pages with documents do not say who to ask for an accessible format",
            )
            .at(1, 1)
            .help("add `contact: { name: Partnership business unit, email: team@example.org }` (and `phone:` if you like)"),
        );
    }
}

/// Line and column of `value` on a line after `key:` in the settings text; the
/// key's own line if the value is not found, or the top of the file.
fn place(text: &str, key: &str, value: &str) -> (usize, usize) {
    // `key:` at a line's start, or inside a `{ … }` group on one line.
    let key_line = crate::yaml::find_key(text, key).or_else(|| {
        let written = format!("{key}:");
        text.lines()
            .position(|l| l.contains(&written))
            .map(|i| (i + 1, 1))
    });
    let from = key_line.map_or(0, |(l, _)| l - 1);
    for (i, line) in text.lines().enumerate().skip(from) {
        if let Some(b) = line.find(value) {
            return (i + 1, line[..b].chars().count() + 1);
        }
    }
    key_line.unwrap_or((1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_a_value_after_its_key() {
        let text =
            "title: T\nmenu:\n  - { name: About, url: /abut/ }\nhome:\n  latest_from: [brefings]\n";
        assert_eq!(place(text, "menu", "/abut/"), (3, 25));
        assert_eq!(place(text, "latest_from", "brefings"), (5, 17));
        assert_eq!(place(text, "footer_menu", "/x/"), (1, 1));
        assert_eq!(place("", "menu", ""), (1, 1));
    }

    #[test]
    fn a_page_file_is_read_as_its_address() {
        for (file, page) in [
            ("about.md", Some("about/")),
            ("/about.md", Some("about/")),
            ("./briefings/neglect.md", Some("briefings/neglect/")),
            ("/content/about/_index.md", Some("about/")),
            ("content/_index.md", Some("")),
            ("content/briefings/", Some("briefings/")),
            ("about/index.md", Some("about/")),
            ("about/", None),
            ("files/plan.pdf", None),
        ] {
            assert_eq!(page_address(file).as_deref(), page, "{file}");
        }
    }
}
