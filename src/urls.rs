//! The one rule for addresses that reach a page from settings, front matter or flags.
//!
//! Called while `site.yaml` and front matter are read (and by the CLI for
//! `--base-url`), before anything is built. An address may be `https:`, `http:`,
//! `mailto:`, `tel:` or a path on the site (`/briefings/`, `#top`, `page/`); anything
//! else, `javascript:` first of all, would run or load something when a reader
//! clicks it on every page. The scheme is read as a browser reads it: case does not
//! matter, and a browser drops tabs and line breaks anywhere and spaces and control
//! characters at the ends (`java\tscript:`, ` javascript:`), so any control
//! character is refused outright, and so is an address wrapped by an email
//! security service, a search engine or Facebook (see `urls::wrapped`). Markdown links have their own rule in
//! `markdown/links.rs`. This module judges; the one address it rewrites is a
//! `tel:` one, for its `href` (see [`tel_href`]), never what the page shows.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Diagnostic;

mod alias;
mod base;
mod local;
mod tel;
mod wrapped;
pub(crate) use alias::alias_output_path;
pub use base::{
    BASE_URL_HELP, base_url_character, base_url_part, check_base_url, describe_character,
};
pub use local::on_a_computer;
pub use tel::{is_phone_number, tel_href, tel_problem};
pub(crate) use wrapped::{under, web_host, wrapped, wrapped_at};

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
    if let Some((message, help)) = local::local_file_problem(url, trimmed) {
        return Err(BadAddress { message, help });
    }
    if let Some(scheme) = scheme(trimmed) {
        let lower = scheme.to_ascii_lowercase();
        if let Some(problem) = tel_problem(trimmed) {
            return Err(BadAddress {
                message: format!("the phone number in {url:?} {problem}"),
                help: "link just the number, like `[01632 960000, extension 2](tel:01632960000)`, and put an extension or a second number in the words".to_owned(),
            });
        }
        // `https:evil.example` is a path on this site to a browser, and
        // `https:/x` or `https:\\x` another site: both are slips for `https://`.
        let after = &trimmed[scheme.len() + 1..];
        if matches!(lower.as_str(), "https" | "http") && !after.starts_with("//") {
            return Err(BadAddress {
                message: format!("the address {url:?} needs `//` after `{scheme}:`"),
                help: format!("write it in full, like {lower}://www.example.org/"),
            });
        }
        if matches!(lower.as_str(), "https" | "http")
            && let Some((message, help)) = local::local_host_problem(url, after)
        {
            return Err(BadAddress { message, help });
        }
        if matches!(lower.as_str(), "https" | "http")
            && let Some((message, help)) = wrapped(trimmed)
        {
            return Err(BadAddress { message, help });
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
                help: match web_path(trimmed) {
                    // `https://www.example.org/neglect`: the path is the old address.
                    Some(path) => format!(
                        "write the old address from its first slash: `{path}`. Old addresses on another website cannot be sent here from this one"
                    ),
                    None => "write the old address as a path, like /old-page/".to_owned(),
                },
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

/// What follows `https://` or `http://` (in any case) in `url`; `None` for an
/// address of any other kind.
pub(crate) fn after_web_scheme(url: &str) -> Option<&str> {
    let lower = url.get(..8)?.to_ascii_lowercase();
    if lower.starts_with("https://") {
        url.get(8..)
    } else if lower.starts_with("http://") {
        url.get(7..)
    } else {
        None
    }
}

/// The path of a web address (`/neglect/` of `https://www.example.org/neglect/`),
/// without its query or fragment; `None` for any other address, or one whose
/// path is the home page.
pub(crate) fn web_path(url: &str) -> Option<&str> {
    let rest = after_web_scheme(url)?;
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    (path.len() > 1).then_some(path)
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

/// `extra` (of `site.yaml` or a page) with every `tel:` address in it written
/// as a phone dials it ([`tel_href`]): `tel:0800 123 4567`
/// becomes `tel:08001234567`, as it does in a page's links. Only the strings of
/// address keys change; the words a template shows are left as written.
pub(crate) fn tidy_phone_links(
    extra: BTreeMap<String, yaml_serde::Value>,
) -> BTreeMap<String, yaml_serde::Value> {
    let mut extra = extra;
    for (key, value) in &mut extra {
        tidy_phone_links_in(key, value);
    }
    extra
}

/// [`tidy_phone_links`] for one value of `extra`, under `key`.
fn tidy_phone_links_in(key: &str, value: &mut yaml_serde::Value) {
    let mut todo = vec![(is_address_key(key), value)];
    while let Some((address, value)) = todo.pop() {
        match value {
            yaml_serde::Value::String(s) if address => {
                if let std::borrow::Cow::Owned(dialled) = tel_href(s) {
                    *s = dialled;
                }
            }
            yaml_serde::Value::Sequence(items) => {
                todo.extend(items.iter_mut().map(|v| (address, v)));
            }
            yaml_serde::Value::Mapping(map) => {
                for (k, v) in map.iter_mut() {
                    todo.push((is_address_key(k.as_str().unwrap_or("")), v));
                }
            }
            yaml_serde::Value::Tagged(tagged) => todo.push((address, &mut tagged.value)),
            _ => {}
        }
    }
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
    fn an_alias_written_as_a_web_address_is_given_its_path() {
        let mut out = Vec::new();
        let aliases = [
            "https://www.example.org/old/neglect?x=1".to_owned(),
            "http://example.org".to_owned(),
        ];
        let yaml = "aliases: [https://www.example.org/old/neglect?x=1, http://example.org]\n";
        let extra = std::collections::BTreeMap::new();
        check_front_matter(&aliases, &extra, yaml, 2, Path::new("a.md"), &mut out);
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(
            out[0].help.as_deref(),
            Some(
                "write the old address from its first slash: `/old/neglect`. Old addresses on another website cannot be sent here from this one"
            )
        );
        assert_eq!(
            out[1].help.as_deref(),
            Some("write the old address as a path, like /old-page/")
        );
    }

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
    fn a_web_address_without_its_two_slashes_is_refused() {
        for url in [
            "https:evil.example",
            "HTTP:evil.example",
            "https:/evil.example",
            "https:\\\\evil.example",
            "http:\\/evil.example",
            "https:",
        ] {
            let bad = check(url).expect_err(url);
            assert!(bad.message.contains("needs `//` after"), "{url:?}: {bad:?}");
        }
        assert_eq!(check("HTTPS://www.example.org/"), Ok(()));
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

    #[test]
    fn phone_links_in_extra_are_written_as_dialled_and_their_words_are_not() {
        let extra: BTreeMap<String, yaml_serde::Value> = yaml_serde::from_str(
            "helpline_link: \"tel:0800 123 4567\"\nhelpline: \"0800 123 4567\"\nteams:\n  - { name: MASH, url: \"tel:(01632) 960-000\" }\nsite_url: https://example.org/a b\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let tidied = tidy_phone_links(extra);
        let text = |k: &str| {
            tidied
                .get(k)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(text("helpline_link"), "tel:08001234567");
        assert_eq!(text("helpline"), "0800 123 4567");
        assert_eq!(text("site_url"), "https://example.org/a b");
        let team = &tidied["teams"][0];
        assert_eq!(team["url"].as_str(), Some("tel:01632960000"));
        assert_eq!(team["name"].as_str(), Some("MASH"));
    }
}
