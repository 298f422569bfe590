//! Link and image targets: rewrites links as written on disk into site URLs.
//!
//! Runs on the links and images the first walk over comrak's tree (`listing`)
//! lists, right after parsing. Each link or image that is not
//! external is split at `#`, and the site's [`LinkResolver`] says whether to keep,
//! rewrite or report it. Fragments are recorded to be checked once every page is
//! rendered; this pass cannot check them, because it never sees other pages.

use std::path::Path;

use comrak::nodes::{AstNode, NodeLink, NodeValue};

use super::model::{FileUse, FragmentLink, LinkKind, LinkResolution, LinkResolver};
use crate::error::Diagnostic;

/// What the link pass found on one page.
#[derive(Debug, Default)]
pub(crate) struct LinkReport {
    /// Fragments to check later.
    pub(crate) fragments: Vec<FragmentLink>,
    /// Broken links, as errors.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Images on this site, by their resolved address, to check their size later.
    pub(crate) images: Vec<FileUse>,
    /// Links to files on this site that are not pages, by their resolved address.
    pub(crate) files: Vec<FileUse>,
}

/// True for `https:`, `mailto:`, `tel:` … and protocol-relative `//host` URLs.
pub(crate) fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Resolves every link and image of a page, rewriting URLs in place: `nodes`
/// are the page's links and images, in order, as the first walk (`listing`)
/// lists them (any other node is passed over). `own_images_only` names the
/// `hosting:` whose headers let pages show only the site's own images, if set.
pub(crate) fn resolve_links<'a>(
    nodes: &[&'a AstNode<'a>],
    file: &Path,
    resolver: &dyn LinkResolver,
    own_images_only: Option<&str>,
) -> LinkReport {
    let mut report = LinkReport::default();
    for node in nodes {
        let mut data = node.data_mut();
        let start = data.sourcepos.start;
        let (link, kind) = match &mut data.value {
            NodeValue::Link(link) => (link, LinkKind::Link),
            NodeValue::Image(link) => (link, LinkKind::Image),
            _ => continue,
        };
        // `[^ 1]` with a note `[^ 1]: Source.`: to Markdown, a link to
        // `Source.`, not a footnote. Said as what it is, not as a broken link.
        if kind == LinkKind::Link
            && let Some((inside, name)) = spaced_footnote(node)
        {
            report.diagnostics.push(spaced_footnote_marker(
                file,
                start.line,
                start.column,
                &inside,
                &name,
            ));
            continue;
        }
        // A link wrapped by an email security service or a search engine is the content
        // checks' (rule `wrapped-link`), not a broken link.
        if kind == LinkKind::Link && crate::urls::wrapped(&link.url).is_some() {
            continue;
        }
        // The one rule for addresses: a `javascript:` link would be written
        // as an empty one, and `//host` goes to another site unannounced.
        if let Err(bad) = crate::urls::check(&link.url) {
            let message = format!("broken {}: {}", kind_word(kind), bad.message);
            report
                .diagnostics
                .push(broken(file, start, message, bad.help));
            continue;
        }
        // `[the plan]()`: an address left to fill in, which takes a reader
        // back to the page they are on (and an image with none shows nothing).
        if link.url.trim().is_empty() {
            let message = format!("broken {}: it has no address", kind_word(kind));
            let help = match kind {
                LinkKind::Link => {
                    "put the address between the round brackets, like `[the plan](plan.md)`, or take the square brackets away to leave plain words"
                }
                LinkKind::Image => {
                    "put the picture's file between the round brackets, like `![A chart of referrals](referrals.png)`"
                }
            };
            report.diagnostics.push(broken(file, start, message, help));
            continue;
        }
        if let Some(problem) = mailto_problem(&link.url) {
            let message = format!("broken link `{}`: the email address {problem}", link.url);
            let help =
                "write the address as it is, like `[email the team](mailto:unit@example.org)`";
            report.diagnostics.push(broken(file, start, message, help));
            continue;
        }
        // `[call us](<tel:0800 123 4567>)`: the number as a phone dials it.
        if let std::borrow::Cow::Owned(href) = crate::urls::tel_href(&link.url) {
            link.url = href;
        }
        if link.url.is_empty() || is_external(&link.url) {
            let web = link.url.get(..5).is_some_and(|s| {
                s.eq_ignore_ascii_case("https") || s.eq_ignore_ascii_case("http:")
            });
            if kind == LinkKind::Image
                && web
                && let Some(hosting) = own_images_only
            {
                report
                    .diagnostics
                    .push(image_elsewhere(file, start, &link.url, hosting));
            }
            continue;
        }
        let (target, fragment) = match link.url.split_once('#') {
            Some((target, fragment)) => (target.to_owned(), Some(fragment.to_owned())),
            None => (link.url.clone(), None),
        };
        let fragment_link = |page: Option<String>, fragment: String| FragmentLink {
            page,
            fragment,
            line: start.line,
            col: start.column,
        };
        if target.is_empty() {
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                report.fragments.push(fragment_link(None, fragment));
            }
            continue;
        }
        match resolver.resolve(&target, kind) {
            LinkResolution::Keep => {}
            LinkResolution::Rewrite { href, page } => {
                let used = || FileUse {
                    href: href.clone(),
                    line: start.line,
                    col: start.column,
                };
                match kind {
                    LinkKind::Image => report.images.push(used()),
                    LinkKind::Link if page.is_none() => report.files.push(used()),
                    LinkKind::Link => {}
                }
                link.url = match &fragment {
                    Some(f) => format!("{href}#{f}"),
                    None => href,
                };
                if let (Some(page), Some(fragment)) = (page, fragment.filter(|f| !f.is_empty())) {
                    report.fragments.push(fragment_link(Some(page), fragment));
                }
            }
            LinkResolution::Broken { .. } if let Some(inside) = unquoted(&link.url) => {
                let message = format!(
                    "broken {} `{}`: its address is inside quotation marks",
                    kind_word(kind),
                    link.url
                );
                let help = format!("take the quotation marks away, so that it reads `{inside}`");
                report.diagnostics.push(broken(file, start, message, help));
            }
            LinkResolution::Broken { message, mut help } => {
                // `Leaflet #1.pdf`: the `#` began a place in a page, not a name.
                let whole = link.url.replace('#', "%23");
                if fragment.is_some()
                    && let LinkResolution::Rewrite { page: None, .. } =
                        resolver.resolve(&whole, kind)
                {
                    let name = percent_encoding::percent_decode_str(&link.url).decode_utf8_lossy();
                    help = format!(
                        "the file's name has `#`, which in an address starts a place in a page: write it `%23`, like `{}`",
                        crate::paths::encode_url_path(&name)
                    );
                }
                let message = format!("broken {} `{}`: {message}", kind_word(kind), link.url);
                report.diagnostics.push(broken(file, start, message, help));
            }
        }
    }
    report
}

/// For a link whose whole text is `^ 1` (a footnote marker written with a space
/// after its caret), what is inside its brackets after the `^` and the name
/// without the space.
fn spaced_footnote<'a>(node: &'a AstNode<'a>) -> Option<(String, String)> {
    let child = node.first_child()?;
    if child.next_sibling().is_some() {
        return None;
    }
    let NodeValue::Text(text) = &child.data().value else {
        return None;
    };
    let inside = text.strip_prefix('^')?;
    let name = inside.trim_start_matches([' ', '\t']);
    (name.len() < inside.len() && !name.is_empty() && !name.contains(char::is_whitespace))
        .then(|| (inside.to_owned(), name.to_owned()))
}

/// The `footnote` error for a marker written `[^{inside}]` (`[^ 1]`), whose
/// name is `name` (`1`) without the space.
pub(crate) fn spaced_footnote_marker(
    file: &Path,
    line: usize,
    col: usize,
    inside: &str,
    name: &str,
) -> Diagnostic {
    Diagnostic::error(
        crate::rules::FOOTNOTE,
        file,
        format!(
            "`[^{inside}]` has a space after ^, so it is not a footnote marker: write `[^{name}]`"
        ),
    )
    .at(line, col)
    .help(format!(
        "take the space out here and in the note below the paragraph, which starts `[^{name}]:`"
    ))
}

/// The address inside `url` when quotation marks, straight or curly, wrap it
/// (`"plan.md"`, `“https://www.example.org/”`): a habit from other writing,
/// which a word processor makes curly.
fn unquoted(url: &str) -> Option<&str> {
    let inside = match crate::yaml::curly_inner(url) {
        Some(inside) => inside,
        None => url.strip_prefix(['"', '\''])?.strip_suffix(['"', '\''])?,
    };
    Some(inside.trim()).filter(|inside| !inside.is_empty())
}

/// "link" or "image", as a finding names it.
fn kind_word(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Link => "link",
        LinkKind::Image => "image",
    }
}

/// A `broken-link` error at `start`.
fn broken(
    file: &Path,
    start: comrak::nodes::LineColumn,
    message: String,
    help: impl Into<String>,
) -> Diagnostic {
    Diagnostic::error(crate::rules::BROKEN_LINK, file, message)
        .at(start.line, start.column)
        .help(help)
}

/// What is wrong with the addresses of a `mailto:` link (before any `?`,
/// split at commas, as mail programs read them), or `None`.
fn mailto_problem(url: &str) -> Option<String> {
    let scheme = url.get(..7)?;
    if !scheme.eq_ignore_ascii_case("mailto:") {
        return None;
    }
    let addresses = url[7..].split('?').next().unwrap_or("");
    if addresses.is_empty() {
        return Some("is missing".to_owned());
    }
    // `a@x.org,b@y.org` is two addresses; `unit@example,org` is one slip.
    if addresses.split(',').all(|a| a.contains('@')) {
        addresses
            .split(',')
            .find_map(|a| crate::urls::email_problem(a.trim()))
    } else {
        crate::urls::email_problem(addresses)
    }
}

/// Points a `#fragment` link within the page at the id it gets on a page that
/// joins several files, where each of its ids starts with `prefix`.
pub(crate) fn prefix_local_fragment(link: &mut NodeLink, prefix: &str) {
    if let Some(fragment) = link.url.strip_prefix('#')
        && !fragment.is_empty()
    {
        link.url = format!("#{prefix}{fragment}");
    }
}

/// An image from another site, on a site whose host sends the security
/// headers: readers' browsers would refuse it, though the preview shows it.
pub(crate) fn image_elsewhere(
    file: &Path,
    start: comrak::nodes::LineColumn,
    url: &str,
    hosting: &str,
) -> Diagnostic {
    let message = format!(
        "broken image `{url}`: it is on another site, and the security headers written for `hosting: {hosting}` let pages show only this site's own images, so readers would see no picture"
    );
    let help = "save the picture (if you may reuse it) beside the page or in static/images/, and write its file name, like `![A chart of referrals](referrals.png)`";
    broken(file, start, message, help)
}

#[cfg(test)]
mod tests;
