//! Addresses wrapped by another service: an address copied from an email goes
//! through the organisation's email security service (Outlook's Safe Links,
//! Mimecast, Proofpoint, Barracuda), one from a search results page through the
//! search engine, and one from Facebook through Facebook. Readers would go
//! through that service first, and Safe Links' also carries the email address of
//! the person the email was sent to. [`wrapped`] names the service, the leak and
//! the address inside when it can be read; `urls::check` refuses such an
//! address, and a Markdown link gets rule `wrapped-link` for it.

use percent_encoding::percent_decode_str;

/// The host of an `http(s)://` address, in lower case and without any port or
/// user, and what follows it (path and query).
pub(crate) fn web_host(url: &str) -> Option<(String, &str)> {
    let after = super::after_web_scheme(url)?;
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let (authority, rest) = after.split_at(end);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    Some((host.trim_end_matches('.').to_ascii_lowercase(), rest))
}

/// True when `host` is `domain` or one of its subdomains.
pub(crate) fn under(host: &str, domain: &str) -> bool {
    host.strip_suffix(domain)
        .is_some_and(|before| before.is_empty() || before.ends_with('.'))
}

/// The value of parameter `name` in the query of `rest`, as written.
fn raw_parameter<'a>(rest: &'a str, name: &str) -> Option<&'a str> {
    let query = rest.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then_some(value)
    })
}

/// The value of parameter `name` in the query of `rest`, decoded.
fn parameter(rest: &str, name: &str) -> Option<String> {
    let value = raw_parameter(rest, name)?;
    Some(
        percent_decode_str(&value.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned(),
    )
}

/// A wrapping service an address went through: its name, the address inside
/// when it can be read, and the email address it carries, if any.
struct Wrapper {
    by: &'static str,
    inner: Option<String>,
    leak: Option<String>,
}

impl Wrapper {
    fn new(by: &'static str, inner: Option<String>) -> Self {
        Wrapper {
            by,
            inner,
            leak: None,
        }
    }
}

/// The service that wrapped an address with host `host` and path `rest`.
fn wrapper(host: &str, rest: &str) -> Option<Wrapper> {
    if under(host, "safelinks.protection.outlook.com") {
        let leak = parameter(rest, "data")
            .and_then(|data| data.split('|').find(|p| p.contains('@')).map(str::to_owned));
        let inner = parameter(rest, "url");
        return Some(Wrapper {
            leak,
            ..Wrapper::new("Outlook's Safe Links", inner)
        });
    }
    if is_search_engine(host) && rest.starts_with("/url?") {
        let inner = parameter(rest, "q")
            .filter(|q| q.starts_with("http"))
            .or_else(|| parameter(rest, "url"));
        return Some(Wrapper::new("a search engine's results page", inner));
    }
    const PROOFPOINT: &str = "Proofpoint's URL Defense";
    if host == "urldefense.proofpoint.com" {
        let inner = if rest.starts_with("/v2/") {
            // Version 2 writes `%` as `-` and `/` as `_`.
            raw_parameter(rest, "u").map(|u| {
                let u = u.replace('-', "%").replace('_', "/");
                percent_decode_str(&u).decode_utf8_lossy().into_owned()
            })
        } else {
            parameter(rest, "u")
        };
        return Some(Wrapper::new(PROOFPOINT, inner));
    }
    if host == "urldefense.com" && rest.starts_with("/v3/__") {
        // Version 3 keeps the address between `__` and `__;`, unless it
        // replaced some of its characters with `*`.
        let inner = rest["/v3/__".len()..]
            .rsplit_once("__;")
            .map(|(inner, _)| inner)
            .filter(|inner| !inner.contains('*'))
            .map(str::to_owned);
        return Some(Wrapper::new(PROOFPOINT, inner));
    }
    let mimecast = (under(host, "mimecast.com") && host.starts_with("protect"))
        || under(host, "mimecastprotect.com");
    if mimecast && rest.starts_with("/s/") {
        return Some(Wrapper::new("Mimecast", None));
    }
    if host == "linkprotect.cudasvc.com" && rest.starts_with("/url?") {
        return Some(Wrapper::new("Barracuda", parameter(rest, "a")));
    }
    if (host == "l.facebook.com" || host == "lm.facebook.com") && rest.starts_with("/l.php?") {
        return Some(Wrapper::new("Facebook", parameter(rest, "u")));
    }
    None
}

/// The message and help for `url` when it is an address wrapped by an email
/// security service, a search engine or Facebook.
pub(crate) fn wrapped(url: &str) -> Option<(String, String)> {
    let (host, rest) = web_host(url)?;
    wrapped_at(&host, rest, url)
}

/// [`wrapped`] for an address whose host and path [`web_host`] has read.
pub(crate) fn wrapped_at(host: &str, rest: &str, url: &str) -> Option<(String, String)> {
    let Wrapper { by, inner, leak } = wrapper(host, rest)?;
    // Decoded text goes into a message: nothing in it may act on a terminal.
    let inner = inner.filter(|i| web_host(i).is_some() && !i.contains(|c: char| c.is_control()));
    let mut message =
        format!("this address was copied through {by}, so readers would go through it");
    if let Some(person) = &leak {
        message.push_str(&format!(
            ", and it carries the email address of the person it was sent to ({})",
            shortened(person)
        ));
    }
    let help = match &inner {
        Some(inner) => format!(
            "use the address inside it: `{}`",
            inner.replace(' ', "%20").replace('`', "%60")
        ),
        None => format!(
            "open the link in a browser and copy the address from the address bar; the one written here is `{}`",
            shortened(url)
        ),
    };
    Some((message, help))
}

/// True for Google's search hosts: `google.com`, `www.google.co.uk` and the
/// like, a country's ending of one or two parts after `google.`.
fn is_search_engine(host: &str) -> bool {
    let host = host.strip_prefix("www.").unwrap_or(host);
    host.strip_prefix("google.").is_some_and(|ending| {
        !ending.is_empty()
            && ending.len() <= 6
            && ending.split('.').count() <= 2
            && ending
                .split('.')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase()))
    })
}

/// At most 60 characters of `text`, for a message, with no control character
/// or backtick.
fn shortened(text: &str) -> String {
    let mut shown: String = text
        .chars()
        .filter(|c| !c.is_control() && *c != '`')
        .take(61)
        .collect();
    if shown.chars().count() > 60 {
        shown = shown.chars().take(60).chain(['…']).collect();
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_links_are_unwrapped_and_the_recipient_named() {
        let (message, help) = wrapped(
            "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.org%2Ftoolkit%2F&data=05%7C01%7Cjane.smith%40lscp.org%7Cabc&sdata=x&reserved=0",
        )
        .expect("wrapped");
        assert!(message.contains("(jane.smith@lscp.org)"), "{message}");
        assert_eq!(
            help,
            "use the address inside it: `https://www.example.org/toolkit/`"
        );
    }

    #[test]
    fn a_search_results_link_is_unwrapped() {
        let (_, help) =
            wrapped("https://www.google.com/url?sa=t&q=https://www.example.org/a%20b&usg=x")
                .expect("wrapped");
        assert_eq!(
            help,
            "use the address inside it: `https://www.example.org/a%20b`"
        );
        // A wrapped address that is not a web address is not offered.
        let (_, help) =
            wrapped("https://eur01.safelinks.protection.outlook.com/?url=javascript%3Aalert(1)")
                .expect("wrapped");
        assert!(help.starts_with("open the link"), "{help}");
        let (message, help) = wrapped(
            "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fa.org%2F%1B%5B31m&data=%1B%5B2Jx%40y.org%7C",
        )
        .expect("wrapped");
        assert!(
            !message.contains('\u{1b}') && !help.contains('\u{1b}'),
            "{message} {help}"
        );
        assert!(wrapped("https://www.google.co.uk/url?q=https://a.org/").is_some());
        assert!(wrapped("https://google.com.au/url?q=https://a.org/").is_some());
        for url in [
            "https://google.com.evil.example/url?q=https://a.org/",
            "https://www.google.com/search?q=neglect",
            "https://www.example.org/url?q=https://x.org/",
            "https://safelinks.protection.outlook.com.example.org/?url=x",
            "mailto:a@b.org",
            "",
        ] {
            assert_eq!(wrapped(url), None, "{url}");
        }
    }

    #[test]
    fn email_security_services_and_facebook_are_unwrapped_where_they_can_be() {
        let inner = |url: &str| {
            let (message, help) = wrapped(url).expect(url);
            let by = message
                .strip_prefix("this address was copied through ")
                .and_then(|m| m.split_once(", so readers"))
                .map(|(by, _)| by.to_owned())
                .expect(url);
            (by, help)
        };
        let to = "use the address inside it: `https://www.example.org/a_b/c?d=1`";
        for (url, by) in [
            (
                "https://urldefense.proofpoint.com/v2/url?u=https-3A__www.example.org_a-5Fb_c-3Fd-3D1&d=DwMF&c=x&r=y&m=z&s=w&e=",
                "Proofpoint's URL Defense",
            ),
            (
                "https://urldefense.proofpoint.com/v1/url?u=https%3A%2F%2Fwww.example.org%2Fa_b%2Fc%3Fd%3D1&k=x",
                "Proofpoint's URL Defense",
            ),
            (
                "https://urldefense.com/v3/__https://www.example.org/a_b/c?d=1__;!!AbC!dEf$",
                "Proofpoint's URL Defense",
            ),
            (
                "https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fwww.example.org%2fa_b%2fc%3fd%3d1&c=E,1,x&typo=1",
                "Barracuda",
            ),
            (
                "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.example.org%2Fa_b%2Fc%3Fd%3D1&h=AT0x",
                "Facebook",
            ),
        ] {
            assert_eq!(inner(url), (by.to_owned(), to.to_owned()), "{url}");
        }
        // Mimecast's addresses, and Proofpoint's with characters replaced,
        // cannot be read offline: the author is told how to find the address.
        for url in [
            "https://protect-eu.mimecast.com/s/AbCdEfGh?domain=example.org",
            "https://url.uk.m.mimecastprotect.com/s/AbCd?domain=example.org",
            "https://urldefense.com/v3/__https://www.example.org/a*b__;JQ!!AbC$",
        ] {
            let (_, help) = inner(url);
            assert!(help.starts_with("open the link in a browser"), "{help}");
        }
        for url in [
            "https://www.mimecast.com/s/products",
            "https://protect-eu.mimecast.com.example.org/s/x",
            "https://urldefense.com/v4/elsewhere",
            "https://www.facebook.com/lscp",
            "https://l.facebook.com.example.org/l.php?u=x",
            "https://cudasvc.com/url?a=x",
        ] {
            assert_eq!(wrapped(url), None, "{url}");
        }
        // A hostile inner address reaches no message whole.
        let (_, help) =
            inner("https://urldefense.proofpoint.com/v2/url?u=https-3A__a.org_-1B-5B2J&d=x");
        assert!(help.starts_with("open the link"), "{help}");
    }

    #[test]
    fn a_host_is_read_without_user_port_or_case() {
        assert_eq!(
            web_host("HTTPS://user@Lscp.SharePoint.com.:443/x?y"),
            Some(("lscp.sharepoint.com".to_owned(), "/x?y"))
        );
        assert!(under("a.sharepoint.com", "sharepoint.com"));
        assert!(under("sharepoint.com", "sharepoint.com"));
        assert!(!under("notsharepoint.com", "sharepoint.com"));
    }
}
