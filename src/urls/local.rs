//! Addresses on the author's own computer: `http://localhost:1111/news/`,
//! copied from the preview's address bar into a page or a menu, and files on
//! it or on a shared drive (`C:\Users\…`, `file:///…`, `\\server\share\…`),
//! copied from a file manager. They work on the author's screen and lead
//! nowhere for everyone else.
//!
//! Part of [`crate::urls`], called by its `check`.

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

/// What is wrong with `url` when it names a file on a computer or a shared
/// drive (`trimmed` is `url` without spaces at its ends), and what to do, or
/// `None`. The file's name is kept for the help, its spaces made hyphens as
/// the site's file names want.
pub(super) fn local_file_problem(url: &str, trimmed: &str) -> Option<(String, String)> {
    let (where_, name) = on_a_computer(trimmed)?;
    Some((
        format!("the address `{url}` is {where_}, which readers cannot open"),
        format!(
            "put a copy of the file in the site's static/files/ folder and link to `/files/{name}`"
        ),
    ))
}

/// Where `trimmed` (an address or path without spaces at its ends) says a file
/// is, when that is on a computer or a shared drive ("a file on a computer's
/// drive"), and the file's name for the site, its spaces made hyphens as the
/// site's file names want (`the-file.pdf` when it has none).
pub fn on_a_computer(trimmed: &str) -> Option<(&'static str, String)> {
    let lower = trimmed.get(..5).map(str::to_ascii_lowercase);
    let bytes = trimmed.as_bytes();
    let drive = bytes.len() > 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && matches!(bytes[2], b'\\' | b'/');
    let where_ = if lower.as_deref() == Some("file:") {
        "a file on a computer"
    } else if drive {
        "a file on a computer's drive"
    } else if trimmed.starts_with("\\\\") {
        "a file on a shared drive"
    } else {
        return None;
    };
    let name = trimmed
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .replace("%20", " ")
        .replace(' ', "-");
    let name = if name.is_empty() {
        "the-file.pdf".to_owned()
    } else {
        name
    };
    Some((where_, name))
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

    #[test]
    fn files_on_a_computer_or_shared_drive_are_told_to_go_in_static() {
        for (url, name) in [
            (
                r"C:\Users\jo\Documents\Safeguarding plan.docx",
                "Safeguarding-plan.docx",
            ),
            ("c:/reports/annual.pdf", "annual.pdf"),
            ("file:///C:/Users/jo/plan%20b.docx", "plan-b.docx"),
            ("FILE://server/share/leaflet.pdf", "leaflet.pdf"),
            (r"\\council-fs01\Comms\Leaflet.pdf", "Leaflet.pdf"),
            (r" H:\Team\ ", "the-file.pdf"),
        ] {
            let trimmed = url.trim();
            let Some((message, help)) = local_file_problem(url, trimmed) else {
                panic!("{url} passed");
            };
            assert!(message.contains("readers cannot open"), "{message}");
            assert!(help.ends_with(&format!("`/files/{name}`")), "{url}: {help}");
        }
        // Web addresses, site paths and the schemes a page may use are not files.
        for url in [
            "https://www.example.org/c:/x",
            "/files/plan.pdf",
            "//www.example.org/",
            "mailto:c@example.org",
            "tel:01632960000",
            "c:",
            "files/c:/x",
        ] {
            assert!(local_file_problem(url, url).is_none(), "{url}");
        }
    }
}
