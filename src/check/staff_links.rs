//! Rules `wrapped-link` and `staff-link`: addresses copied from staff tools that
//! do not work for the public, or say more than the author meant.
//!
//! An address copied from an email in Outlook is often wrapped by Safe Links: it
//! goes through Microsoft and carries the address of the person who received the
//! email. A link from a search results page goes through the search engine. Both
//! are errors, and the help gives the address inside. A link into SharePoint,
//! OneDrive or Outlook usually asks readers to sign in as staff, and a Teams
//! meeting link lets anyone who reads the page join: warnings, since a file can
//! be shared with everyone on purpose.

use std::path::Path;

use percent_encoding::percent_decode_str;

use super::rule::Rule;
use crate::error::{Diagnostic, Severity};

/// An address wrapped by an email safety service or a search engine.
pub(crate) const WRAPPED_LINK: Rule = Rule {
    id: crate::rules::WRAPPED_LINK,
    severity: Severity::Error,
    description: "an address wrapped by Outlook's Safe Links or a search engine, instead of the address itself",
};

/// An address in a staff tool the public usually cannot open.
pub(crate) const STAFF_LINK: Rule = Rule {
    id: crate::rules::STAFF_LINK,
    severity: Severity::Warning,
    description: "a link to SharePoint, OneDrive, Outlook or a Teams meeting, which readers outside the organisation usually cannot open",
};

/// Checks the address `url` of a link written at `line`, `col`.
pub(crate) fn link(url: &str, line: usize, col: usize, file: &Path, out: &mut Vec<Diagnostic>) {
    let Some((host, rest)) = web_host(url) else {
        return;
    };
    if let Some((message, help)) = wrapped(&host, rest, url) {
        out.push(WRAPPED_LINK.at(file, line, col, message).help(help));
    } else if let Some((message, help)) = staff_tool(&host, rest) {
        out.push(STAFF_LINK.at(file, line, col, message).help(help));
    }
}

/// The host of an `http(s)://` address, in lower case and without any port or
/// user, and what follows it (path and query).
fn web_host(url: &str) -> Option<(String, &str)> {
    let after = crate::urls::after_web_scheme(url)?;
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let (authority, rest) = after.split_at(end);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    Some((host.trim_end_matches('.').to_ascii_lowercase(), rest))
}

/// True when `host` is `domain` or one of its subdomains.
fn under(host: &str, domain: &str) -> bool {
    host.strip_suffix(domain)
        .is_some_and(|before| before.is_empty() || before.ends_with('.'))
}

/// The value of parameter `name` in the query of `rest`, decoded.
fn parameter(rest: &str, name: &str) -> Option<String> {
    let query = rest.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| {
            percent_decode_str(&value.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        })
    })
}

/// The message and help for an address wrapped by Safe Links or a search
/// engine, if `host` is one of them.
fn wrapped(host: &str, rest: &str, url: &str) -> Option<(String, String)> {
    let (by, inner, leak) = if under(host, "safelinks.protection.outlook.com") {
        let inner = parameter(rest, "url");
        let leak = parameter(rest, "data")
            .and_then(|data| data.split('|').find(|p| p.contains('@')).map(str::to_owned));
        ("Outlook's Safe Links", inner, leak)
    } else if is_search_engine(host) && rest.starts_with("/url?") {
        let inner = parameter(rest, "q")
            .filter(|q| q.starts_with("http"))
            .or_else(|| parameter(rest, "url"));
        ("a search engine's results page", inner, None)
    } else {
        return None;
    };
    let inner = inner.filter(|i| web_host(i).is_some());
    let mut message =
        format!("this address was copied through {by}, so readers would go through it");
    if let Some(person) = &leak {
        message.push_str(&format!(
            ", and it carries the email address of the person it was sent to ({person})"
        ));
    }
    let help = match &inner {
        Some(inner) => format!("link to the page itself: `{}`", url_for_markdown(inner)),
        None => format!(
            "open the link in a browser and copy the address from the address bar; the one written here is `{}`",
            shortened(url)
        ),
    };
    Some((message, help))
}

/// True for Google's search hosts, `google.com` or `google.co.uk` and so on.
fn is_search_engine(host: &str) -> bool {
    let host = host.strip_prefix("www.").unwrap_or(host);
    host == "google.com" || host.starts_with("google.co")
}

/// An address as it can go between round brackets: one with spaces or
/// brackets inside angle brackets.
fn url_for_markdown(url: &str) -> String {
    if url.contains([' ', '(', ')']) {
        format!("<{url}>")
    } else {
        url.to_owned()
    }
}

/// At most 60 characters of `url`, for a message.
fn shortened(url: &str) -> String {
    match url.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &url[..end]),
        None => url.to_owned(),
    }
}

/// The name of the file at path `rest` (its last part, decoded, spaces made
/// dashes) when it looks like a document's, else `the-file.pdf`.
fn file_name(rest: &str) -> String {
    let path = rest.split(['?', '#']).next().unwrap_or(rest);
    let last = path.rsplit('/').next().unwrap_or(path);
    let name = percent_decode_str(last)
        .decode_utf8_lossy()
        .replace(' ', "-");
    let document = name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (2..=5).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    if document && !name.contains(['\\', '`']) {
        name
    } else {
        "the-file.pdf".to_owned()
    }
}

/// The message and help for a link into a staff tool, if `host` is one.
fn staff_tool(host: &str, rest: &str) -> Option<(String, String)> {
    let file_help = |tool: &str| {
        format!(
            "readers outside your organisation are asked to sign in to {tool}. Put a copy of the file in the site's static/files/ folder and link to `/files/{}`. If the file is shared with anyone who has the link, you can leave this",
            file_name(rest)
        )
    };
    if under(host, "sharepoint.com") {
        let tool = if host.contains("-my.") {
            "OneDrive"
        } else {
            "SharePoint"
        };
        return Some((
            format!(
                "this link goes to {tool}, where usually only your organisation's staff can open files"
            ),
            file_help(tool),
        ));
    }
    if under(host, "onedrive.live.com") || host == "1drv.ms" {
        return Some((
            "this link goes to someone's OneDrive, where usually only they and the people they share with can open files".to_owned(),
            file_help("OneDrive"),
        ));
    }
    if host == "teams.microsoft.com" || host == "teams.live.com" {
        let meeting = rest.to_ascii_lowercase().contains("meetup-join");
        let message = if meeting {
            "this is a Teams meeting link: anyone who reads the page could join the meeting"
        } else {
            "this link goes to Microsoft Teams, where usually only your organisation's staff can see it"
        };
        return Some((
            message.to_owned(),
            "send meeting links to the people who book, by email. On the page, say how to book or who to contact".to_owned(),
        ));
    }
    if under(host, "outlook.office.com")
        || under(host, "outlook.office365.com")
        || under(host, "outlook.live.com")
    {
        return Some((
            "this link goes into Outlook, which only the person signed in can open".to_owned(),
            "save the file or text in the site and link to that instead".to_owned(),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(url: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        link(url, 3, 5, Path::new("p.md"), &mut out);
        out
    }

    #[test]
    fn safe_links_are_unwrapped_and_the_recipient_named() {
        let out = found(
            "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.org%2Ftoolkit%2F&data=05%7C01%7Cjane.smith%40lscp.org%7Cabc&sdata=x&reserved=0",
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rule, crate::rules::WRAPPED_LINK);
        assert!(
            out[0].message.contains("(jane.smith@lscp.org)"),
            "{}",
            out[0].message
        );
        assert_eq!(
            out[0].help.as_deref(),
            Some("link to the page itself: `https://www.example.org/toolkit/`")
        );
        assert_eq!((out[0].line, out[0].col), (Some(3), Some(5)));
    }

    #[test]
    fn a_search_results_link_is_unwrapped() {
        let out = found("https://www.google.com/url?sa=t&q=https://www.example.org/a%20b&usg=x");
        assert_eq!(
            out[0].help.as_deref(),
            Some("link to the page itself: `<https://www.example.org/a b>`")
        );
        // A wrapped address that is not a web address is not offered.
        let out =
            found("https://eur01.safelinks.protection.outlook.com/?url=javascript%3Aalert(1)");
        assert!(
            out[0]
                .help
                .as_deref()
                .is_some_and(|h| h.starts_with("open the link"))
        );
    }

    #[test]
    fn staff_tools_warn_and_lookalikes_do_not() {
        for url in [
            "https://lscp.sharepoint.com/sites/p/Shared%20Documents/policy.docx",
            "HTTPS://LSCP-my.SharePoint.com/:w:/g/personal/jane/x",
            "https://1drv.ms/w/s!abc",
            "https://teams.microsoft.com/l/meetup-join/19%3ameeting/0",
            "https://outlook.office.com/mail/inbox",
            "https://user@lscp.sharepoint.com:443/x",
        ] {
            let out = found(url);
            assert_eq!(out.len(), 1, "{url}");
            assert_eq!(out[0].rule, crate::rules::STAFF_LINK, "{url}");
        }
        assert!(
            found("https://teams.microsoft.com/l/meetup-join/x")[0]
                .message
                .contains("join the meeting")
        );
        for url in [
            "https://notsharepoint.com/x",
            "https://sharepoint.com.example.org/x",
            "https://www.example.org/?url=https://lscp.sharepoint.com",
            "https://www.google.com/search?q=neglect",
            "mailto:team@lscp.sharepoint.com",
            "policy.docx",
            "",
            "https://",
        ] {
            assert!(found(url).is_empty(), "{url}");
        }
    }
}
