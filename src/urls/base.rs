//! The base URL (`base_url` in `site.yaml`, `--base-url`): a full `https:` or
//! `http:` address that every address of the site is put after, so a character
//! or a part that a web address cannot carry there breaks, or leaks, on every page.
//!
//! Part of [`crate::urls`]; `config` and the CLI call it before anything is built.

use super::BadAddress;

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
/// `..` part (also when written with `%2e`). Never quotes the address, which may
/// hold a password.
pub fn base_url_part(url: &str) -> Option<(&'static str, String)> {
    let (scheme, rest) = url.split_once("://")?;
    if !["https", "http"].contains(&scheme.to_ascii_lowercase().as_str()) {
        return None;
    }
    let (authority, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    let (login, host) = authority
        .rsplit_once('@')
        .map_or((false, authority), |(_, h)| (true, h));
    let (host, bad_port) = match bad_port(host) {
        Some(name) => (name, true),
        None => (host, false),
    };
    let (path, tail) = path.split_at(path.find(['?', '#']).unwrap_or(path.len()));
    let what = if login {
        "a user name or password (the part before `@`), which every page would show"
    } else if bad_port {
        "a port that is not a number from 1 to 65535, so no address of the site would work"
    } else if tail.starts_with('?') {
        "a `?` part: every page's address would go after it, so no page, picture or stylesheet would be found"
    } else if tail.starts_with('#') {
        "a `#` part: every page's address would go after it, so no page, picture or stylesheet would be found"
    } else if path.split('/').any(|s| dots(s) == Some("..")) {
        "a `..` part, which a browser reads as the folder above"
    } else if path.split('/').any(|s| dots(s) == Some(".")) {
        "a `.` part, which a browser drops"
    } else {
        return None;
    };
    let mut kept: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match dots(part) {
            Some(".") => {}
            Some("..") if kept.len() > 1 => {
                kept.pop();
            }
            Some(_) => {}
            None => kept.push(part),
        }
    }
    let mut fixed = format!("{scheme}://{host}{}", kept.join("/"));
    if path.rsplit('/').next().and_then(dots).is_some() && !fixed.ends_with('/') {
        fixed.push('/');
    }
    Some((what, fixed))
}

/// The host without its port, when `host` (`name:port`, `[v6]:port`) has a
/// port that no address can have: not a number from 1 to 65535.
fn bad_port(host: &str) -> Option<&str> {
    let after_name = host.rfind(']').map_or(0, |end| end + 1);
    let colon = after_name + host[after_name..].find(':')?;
    let port = &host[colon + 1..];
    let ok = port.is_empty() || port.parse::<u16>().is_ok_and(|p| p > 0);
    (!ok).then_some(&host[..colon])
}

/// `.` or `..` when path part `part` is one to a browser, which reads `%2e`
/// (in either case) as a dot there: `%2e%2e` and `.%2E` are `..` too.
fn dots(part: &str) -> Option<&'static str> {
    match part.to_ascii_lowercase().replace("%2e", ".").as_str() {
        "." => Some("."),
        ".." => Some(".."),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_port_that_no_address_can_have_is_refused() {
        for (url, fixed) in [
            ("https://example.org:99999/", "https://example.org/"),
            ("https://example.org:0/a/", "https://example.org/a/"),
            ("http://[::1]:80a/", "http://[::1]/"),
            ("https://example.org:-1/", "https://example.org/"),
        ] {
            let bad = check_base_url(url).expect_err(url);
            assert!(bad.message.contains("a port"), "{url}: {}", bad.message);
            assert_eq!(bad.help, format!("write {fixed}"), "{url}");
        }
        for url in [
            "http://localhost:1111/",
            "https://example.org:443/",
            "http://[::1]:8080/",
            "http://[::1]/",
            "https://example.org:/",
        ] {
            assert_eq!(check_base_url(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn dots_written_as_percent_codes_are_dots() {
        // A browser reads `%2e` in a path as `.`, so `/%2e%2e/` is the folder
        // above, as `/../` is.
        for (url, found, fixed) in [
            (
                "https://example.org/a/%2e%2e/",
                "`..`",
                "https://example.org/",
            ),
            (
                "https://example.org/%2E%2e/",
                "`..`",
                "https://example.org/",
            ),
            (
                "https://example.org/a/.%2E/b/",
                "`..`",
                "https://example.org/b/",
            ),
            ("https://example.org/%2e./", "`..`", "https://example.org/"),
            (
                "https://example.org/%2e/a/",
                "`.`",
                "https://example.org/a/",
            ),
        ] {
            let bad = check_base_url(url).expect_err(url);
            assert!(bad.message.contains(found), "{url}: {}", bad.message);
            assert_eq!(bad.help, format!("write {fixed}"), "{url}");
        }
        for url in ["https://example.org/%2e%2ea/", "https://example.org/v%2e1/"] {
            assert_eq!(check_base_url(url), Ok(()), "{url}");
        }
    }
}
