//! A host file the site brings itself (from `static/`), kept in place of the one
//! plainsite makes: the author is told what theirs leaves out, so that a copied
//! `_headers` from another project does not quietly drop the security headers,
//! or an old `_redirects` the redirects of the pages' `aliases:`.
//!
//! Part of `hosting`; reads only the kept file's text.

use std::path::Path;

use super::rules::{Hosting, Rules};
use crate::error::Diagnostic;
use crate::output::{Output, OutputFile};

/// What a host file of this name carries: (security headers, redirects).
fn carries(name: &str) -> (bool, bool) {
    match name {
        "_headers" => (true, false),
        "_redirects" => (false, true),
        ".nojekyll" => (false, false),
        _ => (true, true),
    }
}

/// The old addresses at most named in a message; the rest are counted.
const NAMED: usize = 3;

/// A warning when the site's own file at `name`, kept in place of plainsite's
/// for `hosting`, sends no Content-Security-Policy where plainsite's would, or
/// leaves out old addresses plainsite's would redirect. A copied file is named
/// by its path in `root`. `None` when it has what it needs, or cannot be read
/// (the write reports that).
pub(super) fn kept_file(
    hosting: Hosting,
    root: &Path,
    name: &str,
    rules: &Rules,
    output: &Output,
) -> Option<Diagnostic> {
    let (headers, redirects) = carries(name);
    if !headers && !redirects {
        return None;
    }
    let bytes = output.read(name)?.ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let no_policy = headers
        && !text
            .to_ascii_lowercase()
            .contains("content-security-policy");
    let missing: Vec<&str> = if redirects {
        rules
            .redirects
            .iter()
            .map(|(from, _)| from.as_str())
            .filter(|from| !text.contains(from))
            .collect()
    } else {
        Vec::new()
    };
    if !no_policy && missing.is_empty() {
        return None;
    }
    let file = match output.get(name) {
        Some(OutputFile::Copy(source)) => source.strip_prefix(root).unwrap_or(source),
        _ => Path::new(name),
    };
    let host = hosting.name();
    let mut lacks = Vec::new();
    let mut effects = Vec::new();
    if no_policy {
        lacks.push("no Content-Security-Policy".to_owned());
        effects.push("Pages go out without plainsite's security headers. ");
    }
    if !missing.is_empty() {
        lacks.push(format!("no redirect for {}", addresses(&missing)));
        effects.push("Those old addresses get a page that moves readers on, not a real redirect. ");
    }
    Some(
        Diagnostic::warning(
            crate::rules::HOSTING,
            file,
            format!(
                "this file is published in place of the `{name}` plainsite makes for `hosting: {host}`, and it has {}",
                lacks.join(" and "),
            ),
        )
        .help(format!(
            "{}Delete `{}` to publish plainsite's file, or copy what you need into yours: build once without it and open `public/{name}`",
            effects.concat(),
            file.display(),
        )),
    )
}

/// The old addresses `missing`, for a message: the first few, and how many more.
fn addresses(missing: &[&str]) -> String {
    let named: Vec<String> = missing
        .iter()
        .take(NAMED)
        .map(|m| format!("`{m}`"))
        .collect();
    let more = missing.len().saturating_sub(NAMED);
    let what = if missing.len() == 1 {
        "the old address"
    } else {
        "the old addresses"
    };
    if more == 0 {
        format!("{what} {} from `aliases:`", named.join(", "))
    } else {
        format!(
            "{what} {} and {more} more from `aliases:`",
            named.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_few_old_addresses_and_counts_the_rest() {
        assert_eq!(addresses(&["/a/"]), "the old address `/a/` from `aliases:`");
        assert_eq!(
            addresses(&["/a/", "/b/", "/c/", "/d/", "/e/"]),
            "the old addresses `/a/`, `/b/`, `/c/` and 2 more from `aliases:`"
        );
    }

    #[test]
    fn a_file_carries_what_its_name_says() {
        assert_eq!(carries("_headers"), (true, false));
        assert_eq!(carries("_redirects"), (false, true));
        assert_eq!(carries(".nojekyll"), (false, false));
        assert_eq!(carries("nginx.conf"), (true, true));
    }
}
