//! The one rule for addresses that reach a page from settings, front matter or flags.
//!
//! Called while `site.yaml` and front matter are read (and by the CLI for
//! `--base-url`), before anything is built. An address may be `https:`, `http:`,
//! `mailto:`, `tel:` or a path on the site (`/briefings/`, `#top`, `page/`); anything
//! else, `javascript:` first of all, would run or load something when a reader
//! clicks it on every page. The scheme is read as a browser reads it: case does not
//! matter, and a browser drops tabs and line breaks anywhere and spaces and control
//! characters at the ends (`java\tscript:`, ` javascript:`), so any control
//! character is refused outright. Markdown links have their own rule in
//! `markdown/links.rs`. This module judges; the one address it rewrites is a
//! `tel:` one, for its `href` (see [`tel_href`]), never what the page shows.

use std::path::Path;

use crate::error::Diagnostic;

mod alias;
mod tel;
pub(crate) use alias::alias_output_path;
pub use tel::{is_phone_number, tel_href, tel_problem};

/// Schemes an address may have.
pub const ALLOWED_SCHEMES: &[&str] = &["https", "http", "mailto", "tel"];

/// What is wrong with an address, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadAddress {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
}

/// Checks `url` against the rule. `Ok` for an allowed scheme or a site path.
pub fn check(url: &str) -> Result<(), BadAddress> {
    if let Some(c) = url.chars().find(|c| c.is_control()) {
        return Err(BadAddress {
            message: format!("the address {url:?} holds a control character ({c:?})"),
            help: "retype the address on one line, without tabs or invisible characters".to_owned(),
        });
    }
    let trimmed = url.trim_matches(|c: char| c == ' ' || c.is_control());
    if let Some(scheme) = scheme(trimmed) {
        let lower = scheme.to_ascii_lowercase();
        if let Some(problem) = tel_problem(trimmed) {
            return Err(BadAddress {
                message: format!("the phone number in {url:?} {problem}"),
                help: "link just the number, like `[01632 960000, extension 2](tel:01632960000)`, and put an extension or a second number in the words".to_owned(),
            });
        }
        if ALLOWED_SCHEMES.contains(&lower.as_str()) {
            return Ok(());
        }
        return Err(BadAddress {
            message: format!("the address {url:?} starts with `{scheme}:`, which a page may not link to"),
            help: "use an address starting with https://, http://, mailto: or tel:, or a path on this site like /about/".to_owned(),
        });
    }
    // `//host` and `\\host` (a browser reads `\` as `/`) go to another site.
    if trimmed.starts_with(['/', '\\']) && trimmed[1..].starts_with(['/', '\\']) {
        return Err(BadAddress {
            message: format!("the address {url:?} leaves out the scheme"),
            help: "write it in full, starting with https://".to_owned(),
        });
    }
    Ok(())
}

/// What is wrong with `address` as an email address, or `None`: one `@`, a
/// name before it, and after it a domain of letters, digits, hyphens and full
/// stops with at least one full stop (`unit@example,org` and `unit@@example.org`
/// are slips a reader's mail program would refuse).
pub fn email_problem(address: &str) -> Option<String> {
    let Some((name, domain)) = address.split_once('@') else {
        return Some(format!("{address:?} has no `@`"));
    };
    if domain.contains('@') {
        return Some(format!("{address:?} has more than one `@`"));
    }
    if name.is_empty() {
        return Some(format!("{address:?} has nothing before the `@`"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"<>(),;:[]\\".contains(*c))
    {
        return Some(format!("{address:?} has {c:?} before the `@`"));
    }
    if let Some(c) = domain
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '.'))
    {
        let slip = if c == ',' {
            " (a full stop was meant?)"
        } else {
            ""
        };
        return Some(format!("{address:?} has {c:?} after the `@`{slip}"));
    }
    let parts_ok = domain
        .split('.')
        .all(|p| !p.is_empty() && !p.starts_with('-') && !p.ends_with('-'));
    if !domain.contains('.') || !parts_ok {
        return Some(format!(
            "{address:?} does not end in a domain like `example.org`"
        ));
    }
    None
}

/// The help for a base URL with a character no web address has.
pub const BASE_URL_HELP: &str =
    "Write the address your site will have, like `https://www.example-lscp.org.uk/`.";

/// The first character of `url` that no base URL may hold, with its place (a
/// count of characters): `<`, `>`, `"`, `'`, a backslash, any space or control
/// character, and the invisible marks that change how text runs or breaks
/// (U+200B–U+200F, U+202A–U+202E, U+2060–U+2069, U+FEFF). They would be escaped
/// in the pages, but in a base URL they are always a slip.
pub fn base_url_character(url: &str) -> Option<(usize, char)> {
    url.chars().enumerate().find(|&(_, c)| {
        matches!(c, '<' | '>' | '"' | '\'' | '\\')
            || c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
    })
}

/// `c` named so that a reader can see it, whatever it is: "a space",
/// "a backslash `\\`", "the invisible character U+0007".
pub fn describe_character(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\t' => "a tab (U+0009)".to_owned(),
        '\n' | '\r' => format!("a line break (U+{:04X})", u32::from(c)),
        '\u{A0}' => "a no-break space (U+00A0)".to_owned(),
        '"' => "a double quote `\"`".to_owned(),
        '\'' => "a single quote `'`".to_owned(),
        '\\' => "a backslash `\\`".to_owned(),
        '<' | '>' => format!("`{c}`"),
        _ if c.is_whitespace() && !c.is_control() => {
            format!("a space character (U+{:04X})", u32::from(c))
        }
        _ => format!("the invisible character U+{:04X}", u32::from(c)),
    }
}

/// Checks a base URL: only `https:` or `http:` with a host, and none of the
/// characters [`base_url_character`] finds.
pub fn check_base_url(url: &str) -> Result<(), BadAddress> {
    if let Some((_, c)) = base_url_character(url) {
        return Err(BadAddress {
            message: format!(
                "the base URL has {}, which cannot be part of a web address",
                describe_character(c)
            ),
            help: BASE_URL_HELP.to_owned(),
        });
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') => match base_url_part(url) {
            Some((what, fixed)) => Err(BadAddress {
                message: format!("the base URL has {what}"),
                help: format!("write {fixed}"),
            }),
            None => Ok(()),
        },
        _ => Err(BadAddress {
            message: format!(
                "the base URL {url:?} is not a full web address starting with https:// or http://"
            ),
            help: "write the address the site will live at, like https://www.example.org/"
                .to_owned(),
        }),
    }
}

/// A part of a full `https:` or `http:` base URL that would break or leak on
/// every page, said in words, with the address without any such part: a user
/// name or password before `@` (published in every page, the feeds and the
/// sitemap), a `?` query or `#` fragment (every address of the site is put after
/// the base URL, so no page, picture or stylesheet would be found), or a `.` or
/// `..` part. Never quotes the address, which may hold a password.
pub fn base_url_part(url: &str) -> Option<(&'static str, String)> {
    let (scheme, rest) = url.split_once("://")?;
    if !["https", "http"].contains(&scheme.to_ascii_lowercase().as_str()) {
        return None;
    }
    let (authority, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    let (login, host) = authority
        .rsplit_once('@')
        .map_or((false, authority), |(_, h)| (true, h));
    let (path, tail) = path.split_at(path.find(['?', '#']).unwrap_or(path.len()));
    let what = if login {
        "a user name or password (the part before `@`), which every page would show"
    } else if tail.starts_with('?') {
        "a `?` part: every page's address would go after it, so no page, picture or stylesheet would be found"
    } else if tail.starts_with('#') {
        "a `#` part: every page's address would go after it, so no page, picture or stylesheet would be found"
    } else if path.split('/').any(|s| s == "..") {
        "a `..` part, which a browser reads as the folder above"
    } else if path.split('/').any(|s| s == ".") {
        "a `.` part, which a browser drops"
    } else {
        return None;
    };
    let mut kept: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "." => {}
            ".." if kept.len() > 1 => {
                kept.pop();
            }
            ".." => {}
            _ => kept.push(part),
        }
    }
    let mut fixed = format!("{scheme}://{host}{}", kept.join("/"));
    if matches!(path.rsplit('/').next(), Some("." | "..")) && !fixed.ends_with('/') {
        fixed.push('/');
    }
    Some((what, fixed))
}

/// The scheme of `url` as a browser finds it: an ASCII letter, then letters,
/// digits, `+`, `-` or `.`, up to a `:`.
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    (chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// A diagnostic for `bad` at `line` of `file`, under `rule`.
pub(crate) fn diagnostic(
    bad: BadAddress,
    rule: &'static str,
    file: &Path,
    line: usize,
    col: usize,
) -> Diagnostic {
    Diagnostic::error(rule, file, bad.message)
        .at(line, col)
        .help(bad.help)
}

/// Checks the addresses in a page's front matter (`yaml`, whose first line is
/// file line `first_line`): `aliases` must be site paths, and any address key in
/// `extra` must pass [`check`].
pub(crate) fn check_front_matter(
    aliases: &[String],
    extra: &std::collections::BTreeMap<String, yaml_serde::Value>,
    yaml: &str,
    first_line: usize,
    file: &Path,
    out: &mut Vec<Diagnostic>,
) {
    let place = |key: &str, url: &str| {
        let from = crate::yaml::find_key(yaml, key).map_or(1, |(l, _)| l);
        let (line, col) = locate(yaml, from, url);
        (line + first_line - 1, col)
    };
    for alias in aliases {
        let trimmed = alias.trim_matches(|c: char| c == ' ' || c.is_control());
        let bad = match scheme(trimmed) {
            Some(_) => Some(BadAddress {
                message: format!("the alias {alias:?} is not a path on this site"),
                help: "write the old address as a path, like /old-page/".to_owned(),
            }),
            None => check(alias).err(),
        };
        if let Some(bad) = bad {
            let (line, col) = place("aliases", alias);
            out.push(diagnostic(bad, crate::rules::FRONT_MATTER, file, line, col));
        }
    }
    for (key, value) in extra {
        for (_, url) in addresses_in(key, value) {
            if let Err(bad) = check(url) {
                let (line, col) = place("extra", url);
                out.push(diagnostic(bad, crate::rules::FRONT_MATTER, file, line, col));
            }
        }
    }
}

/// True for a key of `extra` whose value is an address: `url`, `href`, `link`, or
/// a name ending in `_url` or `_link`.
pub(crate) fn is_address_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    matches!(key.as_str(), "url" | "href" | "link")
        || key.ends_with("_url")
        || key.ends_with("_link")
}

/// Every address under `value` (a YAML tree from `extra`): the strings of
/// address keys, with the key they are under. Walked with a list, not by recursion.
pub(crate) fn addresses_in<'v>(
    key: &'v str,
    value: &'v yaml_serde::Value,
) -> Vec<(&'v str, &'v str)> {
    let mut found = Vec::new();
    let mut todo = vec![(key, value)];
    while let Some((key, value)) = todo.pop() {
        match value {
            yaml_serde::Value::String(s) if is_address_key(key) => found.push((key, s.as_str())),
            yaml_serde::Value::Sequence(items) => todo.extend(items.iter().map(|v| (key, v))),
            yaml_serde::Value::Mapping(map) => {
                for (k, v) in map {
                    todo.push((k.as_str().unwrap_or(""), v));
                }
            }
            yaml_serde::Value::Tagged(tagged) => todo.push((key, &tagged.value)),
            _ => {}
        }
    }
    found
}

/// Finds the 1-based line and column of `needle` in `text` at or after line
/// `from` (1-based); `(from, 1)` when it is not there.
pub(crate) fn locate(text: &str, from: usize, needle: &str) -> (usize, usize) {
    // An address with a tab or other control character is written with escapes.
    let escaped = format!("{needle:?}");
    let escaped = escaped.trim_matches('"');
    let needle = if needle.chars().any(char::is_control) {
        escaped
    } else {
        needle
    };
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, line)| {
            line.find(needle)
                .map(|at| (i + 1, line[..at].chars().count() + 1))
        })
        .unwrap_or((from, 1))
}

/// The longest URL accepted from settings or front matter.
pub const MAX_URL_LEN: usize = 2000;

/// True for an absolute `https:` or `http:` address with a host, and no spaces or
/// control characters: the only kind of link a setting may send a reader to.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    url.len() <= MAX_URL_LEN
        && !rest.is_empty()
        && !rest.starts_with('/')
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_mail_phone_and_site_paths() {
        for url in [
            "https://www.nspcc.org.uk/",
            "HTTP://example.org",
            "mailto:unit@example.org",
            "tel:+441234567890",
            "/report-a-concern/",
            "#main",
            "about/",
            "?q=x",
            "",
            "news/a:b",
        ] {
            assert_eq!(check(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn refuses_other_schemes_whatever_the_case_or_padding() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "javascript\u{0}:x",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "file:///etc/passwd",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
        ] {
            assert!(check(url).is_err(), "{url:?}");
        }
    }

    #[test]
    fn a_base_url_must_be_a_full_web_address() {
        assert!(check_base_url("https://example.org/preview/").is_ok());
        for url in [
            "javascript:alert(1)//",
            "example.org",
            "https://",
            "https:///x",
            "/x/",
        ] {
            assert!(check_base_url(url).is_err(), "{url}");
        }
    }

    #[test]
    fn a_base_url_may_not_hold_characters_no_address_has() {
        for url in [
            "https://www.example.org/",
            "http://localhost:1111/",
            "http://127.0.0.1:8080/preview/",
            "https://www.example-lscp.org.uk/safe_guarding/",
            "https://example.org/a%20b/",
            "https://xn--bcher-kva.example/",
            "https://bücher.example/",
            "https://example.org/~team/a&b/",
        ] {
            assert_eq!(check_base_url(url), Ok(()), "{url}");
        }
        for (url, found) in [
            ("https://example.org/a b/", "a space"),
            ("https://example.org/<x>/", "`<`"),
            ("https://example.org/x>/", "`>`"),
            ("https://example.org/\"x/", "a double quote `\"`"),
            ("https://example.org/'x/", "a single quote `'`"),
            ("https:\\\\example.org\\", "a backslash `\\`"),
            (
                "https://example.org/\u{7}",
                "the invisible character U+0007",
            ),
            (
                "https://example.org/\u{85}",
                "the invisible character U+0085",
            ),
            ("https://example.org/\t", "a tab (U+0009)"),
            ("https://example.org/\u{A0}", "a no-break space (U+00A0)"),
            (
                "https://example.org/\u{202E}",
                "the invisible character U+202E",
            ),
        ] {
            let bad = check_base_url(url).expect_err(url);
            assert!(bad.message.contains(found), "{url:?}: {}", bad.message);
            assert_eq!(bad.help, BASE_URL_HELP);
        }
    }

    #[test]
    fn a_base_url_with_a_query_a_fragment_a_password_or_dots_is_refused() {
        for (url, found, fixed) in [
            ("https://example.org/?utm=1", "`?`", "https://example.org/"),
            (
                "https://example.org/lscp/#top",
                "`#`",
                "https://example.org/lscp/",
            ),
            ("https://example.org?x", "`?`", "https://example.org"),
            (
                "https://user:pw@example.org/",
                "password",
                "https://example.org/",
            ),
            (
                "http://me@example.org:8080/a/",
                "password",
                "http://example.org:8080/a/",
            ),
            ("https://example.org/a/../", "`..`", "https://example.org/"),
            ("https://example.org/./a/", "`.`", "https://example.org/a/"),
            ("https://example.org/a/..", "`..`", "https://example.org/"),
            (
                "https://u:p@example.org/?x#y",
                "password",
                "https://example.org/",
            ),
        ] {
            let bad = check_base_url(url).expect_err(url);
            assert!(bad.message.contains(found), "{url}: {}", bad.message);
            assert_eq!(bad.help, format!("write {fixed}"), "{url}");
        }
        for url in [
            "https://example.org/a.b/",
            "https://example.org/v1.0/",
            "https://example.org/~team/",
        ] {
            assert_eq!(check_base_url(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn finds_addresses_under_address_keys_only() {
        let value: yaml_serde::Value = yaml_serde::from_str(
            "{ url: a, note: 'javascript: no', links: [{ href: b }, { booking_url: c }], x: { other_link: d } }",
        )
        .expect("yaml");
        let mut found: Vec<_> = addresses_in("extra", &value)
            .into_iter()
            .map(|(_, v)| v)
            .collect();
        found.sort_unstable();
        assert_eq!(found, ["a", "b", "c", "d"]);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_judged_without_panic(url in "\\PC{0,3}.{0,20}") {
            let _ = check(&url);
            let _ = check_base_url(&url);
            let _ = locate(&url, 1, "x");
        }
    }
}
