//! Addresses on the author's own computer: `http://localhost:1111/news/`,
//! copied from the preview's address bar into a page or a menu. They work on
//! the author's screen and lead nowhere for everyone else.
//!
//! Part of [`crate::urls`], called by its `check` for `http:` and `https:`.

/// What is wrong with `url` (an `http:` or `https:` address, `after` being
/// what follows its `scheme:`) when its host is this computer, and what to
/// do, or `None`.
pub(super) fn local_host_problem(url: &str, after: &str) -> Option<(String, String)> {
    let rest = after.strip_prefix("//")?;
    let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    // `user:secret@host:port`: the host is after the last `@`, before the port.
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => host.split(':').next().unwrap_or(host),
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let local = host == "localhost"
        || host.ends_with(".localhost")
        || host == "0.0.0.0"
        || host == "::1"
        || is_loopback_v4(&host);
    if !local {
        return None;
    }
    let path = if path.is_empty() { "/" } else { path };
    Some((
        format!(
            "the address {url:?} is on your own computer (`{host}`), so it works in your preview but leads nowhere for readers"
        ),
        format!(
            "write the part after the host, `{path}`, or link to the page's file, like `news/item.md`"
        ),
    ))
}

/// True for `127.x.x.x`, written as four numbers.
fn is_loopback_v4(host: &str) -> bool {
    host.parse::<std::net::Ipv4Addr>()
        .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(url: &str) -> Option<(String, String)> {
        let (_, after) = url.split_once(':')?;
        local_host_problem(url, after)
    }

    #[test]
    fn addresses_of_this_computer_are_found_however_they_are_written() {
        for url in [
            "http://localhost:1111/news/item/",
            "http://LOCALHOST/",
            "https://localhost.",
            "http://127.0.0.1:1111/",
            "http://127.1.2.3/a",
            "http://[::1]:1111/x",
            "http://0.0.0.0:8000",
            "http://preview.localhost/",
            "http://user:pw@localhost:1111/a?b#c",
        ] {
            assert!(problem(url).is_some(), "{url}");
        }
        let found = problem("http://127.0.0.1:1111/news/item/?x=1").unwrap_or_else(|| panic!());
        assert!(found.1.contains("`/news/item/?x=1`"), "{}", found.1);
        assert!(found.0.contains("`127.0.0.1`"), "{}", found.0);
    }

    #[test]
    fn addresses_on_the_web_are_not() {
        for url in [
            "https://www.example.org/",
            "https://localhost-council.gov.uk/",
            "https://mylocalhost.example/",
            "http://127.0.0.1.example.org/",
            "https://example.org/localhost/",
            "https://10.0.0.1/",
            "https://localhost@example.org/",
        ] {
            assert!(problem(url).is_none(), "{url}");
        }
    }
}
