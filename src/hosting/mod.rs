//! Files that tell a web host how to serve the site: real 301 redirects for the
//! `aliases:` of pages, security headers, long caching of fingerprinted assets and
//! the 404 page, in the format of the host named by `hosting:` in `site.yaml`.
//!
//! Runs at the end of a build, after every page and alias redirect page is in the
//! `Output` and the assets have their fingerprinted names. The redirect pages stay:
//! they still work on a host that ignores these files, or when the site is opened
//! from a folder. Only characters that every format can carry unquoted
//! (`A–Z a–z 0–9 - . _ ~ /`) go into a file; an alias with others keeps only its
//! redirect page, with a warning. A file the site's `static/` already has is kept.
//! Nothing here writes to disk or reads the content again.

mod formats;
mod own;
mod rules;

use crate::content::Content;
use crate::error::Diagnostic;
use crate::output::{Output, OutputFile};
pub use rules::{CONTENT_SECURITY_POLICY, HEADERS, HOSTING_NAMES, Hosting, IMMUTABLE, Rules};

/// What the host files are made from.
pub(crate) struct Input<'a> {
    /// The host named in `site.yaml`.
    pub(crate) hosting: Hosting,
    /// The pages, with their aliases.
    pub(crate) content: &'a Content,
    /// The base path (`/` or `/sub/`).
    pub(crate) base_path: &'a str,
    /// The fingerprinted assets' (plain, new) output paths.
    pub(crate) fingerprinted: &'a [(String, String)],
    /// The site's folder, to name a kept file of its own by its path in it.
    pub(crate) root: &'a std::path::Path,
}

/// Adds the files for the host in `input` to `output`, each unless the site
/// already has a file of that name (with a warning when the site's leaves out
/// the security headers or redirects plainsite's would have). Aliases that cannot go into a host file are
/// reported as warnings. Does nothing without a host.
pub(crate) fn add(input: &Input<'_>, output: &mut Output, diagnostics: &mut Vec<Diagnostic>) {
    if input.hosting == Hosting::None {
        return;
    }
    let rules = rules(input, output, diagnostics);
    for (name, text) in formats::files(input.hosting, &rules) {
        if output.contains(name) {
            diagnostics.extend(own::kept_file(
                input.hosting,
                input.root,
                name,
                &rules,
                output,
            ));
        } else {
            output.insert(name, OutputFile::Bytes(text.into_bytes().into()));
        }
    }
}

/// Works out the rules for this site.
fn rules(input: &Input<'_>, output: &Output, diagnostics: &mut Vec<Diagnostic>) -> Rules {
    let (content, base_path) = (input.content, input.base_path);
    let mut rules = Rules::default();
    for page in &content.pages {
        let to = format!("{base_path}{}", page.path);
        for alias in &page.meta.aliases {
            // Invalid aliases are errors reported by the redirect pages.
            let Ok(out) = crate::urls::alias_output_path(alias) else {
                continue;
            };
            let from = format!(
                "{base_path}{}",
                out.strip_suffix("index.html").unwrap_or(&out)
            );
            if !is_plain(&from) || !is_plain(&to) {
                let line = page.meta.key_lines.get("aliases").copied().unwrap_or(1);
                diagnostics.push(
                    Diagnostic::warning(
                        crate::rules::HOSTING,
                        &page.file,
                        format!("the alias {alias:?} has characters that a host's redirect file cannot hold safely, so it redirects with a page only"),
                    )
                    .at(line, 1)
                    .help("write old addresses with letters, digits, `-`, `_`, `.` and `/` only"),
                );
                continue;
            }
            rules.redirects.push((from, to.clone()));
        }
    }
    rules.immutable = input
        .fingerprinted
        .iter()
        .map(|(_, new)| format!("{base_path}{new}"))
        .filter(|p| is_plain(p))
        .collect();
    rules.immutable.sort();
    if output.contains("404.html") && is_plain(base_path) {
        rules.not_found = Some(format!("{base_path}404.html"));
    }
    rules
}

/// True when `path` is made only of characters every host format carries as is.
fn is_plain(path: &str) -> bool {
    !path.is_empty()
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_name() {
        for name in HOSTING_NAMES {
            assert!(Hosting::parse(name).is_some(), "{name}");
        }
        assert_eq!(Hosting::parse("Netlify"), None);
        assert_eq!(Hosting::parse(""), None);
        assert_eq!(Hosting::parse("netlify\u{0}"), None);
    }

    #[test]
    fn plain_paths_only() {
        assert!(is_plain("/old/page/"));
        assert!(is_plain("/a_b-c.d~e/"));
        for bad in [
            "", "/a b/", "/a\"b/", "/a;b/", "/ü/", "/a{b}/", "/a$b/", "/a%20b/", "/a\nb/", "/a'b/",
        ] {
            assert!(!is_plain(bad), "{bad:?}");
        }
    }
}
