//! Rules `wrapped-link` and `staff-link`: addresses copied from staff tools that
//! do not work for the public, or say more than the author meant.
//!
//! An address copied from an email is often wrapped by the organisation's email
//! security service (Outlook's Safe Links, Mimecast, Proofpoint, Barracuda): it
//! goes through that service, and Safe Links' carries the address of the person
//! who received the email. A link from a search results page or from Facebook
//! goes through the search engine or Facebook. All are errors, and the help
//! gives the address inside where it can be read. A link into SharePoint,
//! OneDrive or Outlook usually asks readers to sign in as staff, and a Teams,
//! Zoom, Webex or Google Meet meeting link lets anyone who reads the page join.
//! So does a Google Drive or Docs link, unless the file is shared with everyone:
//! warnings, since a file can be shared with everyone on purpose.

use std::path::Path;

use percent_encoding::percent_decode_str;

use super::rule::Rule;
use crate::error::{Diagnostic, Severity};
use crate::urls::{under, web_host};

/// An address wrapped by an email security service, a search engine or Facebook.
pub(crate) const WRAPPED_LINK: Rule = Rule {
    id: crate::rules::WRAPPED_LINK,
    severity: Severity::Error,
    description: "an address wrapped by an email security service such as Outlook's Safe Links or Mimecast, a search engine or Facebook, instead of the address itself",
};

/// An address in a staff tool the public usually cannot open.
pub(crate) const STAFF_LINK: Rule = Rule {
    id: crate::rules::STAFF_LINK,
    severity: Severity::Warning,
    description: "a link to SharePoint, OneDrive, Google Drive or Outlook, which readers outside the organisation usually cannot open, or to a Teams, Zoom, Webex or Google Meet meeting, which anyone could join",
};

/// Checks the address `url` of a link written at `line`, `col`.
pub(crate) fn link(url: &str, line: usize, col: usize, file: &Path, out: &mut Vec<Diagnostic>) {
    let Some((host, rest)) = web_host(url) else {
        return;
    };
    if let Some((message, help)) = crate::urls::wrapped_at(&host, rest, url) {
        out.push(WRAPPED_LINK.at(file, line, col, message).help(help));
    } else if let Some((message, help)) = staff_tool(&host, rest) {
        out.push(STAFF_LINK.at(file, line, col, message).help(help));
    }
}

/// The `staff-link` warning for the address `url` of a setting or a front-matter
/// value (a menu, `booking_url`), written at `line`, `col` of `file`, when it
/// goes into a staff tool.
pub(crate) fn address(url: &str, line: usize, col: usize, file: &Path) -> Option<Diagnostic> {
    let (host, rest) = web_host(url)?;
    let (message, help) = staff_tool(&host, rest)?;
    Some(STAFF_LINK.at(file, line, col, message).help(help))
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
    if document && !name.contains(|c: char| c.is_control() || matches!(c, '\\' | '`' | '/')) {
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
    let path = rest.to_ascii_lowercase();
    if let Some(kind) = google_file(host, &path) {
        let edit = if path
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .ends_with("/edit")
        {
            ". This is an editing link: if anyone with the link may edit the file, readers could change it"
        } else {
            ""
        };
        return Some((
            format!(
                "this link goes to {kind}, where files are usually shared only with named people{edit}"
            ),
            format!(
                "put a copy of the file in the site's static/files/ folder and link to `/files/{}`. If it must stay in Google Drive, share it with anyone who has the link, as a viewer: then you can leave this",
                file_name(rest)
            ),
        ));
    }
    let meeting = if host == "teams.microsoft.com" || host == "teams.live.com" {
        Some(if path.contains("meetup-join") {
            "this is a Teams meeting link: anyone who reads the page could join the meeting"
        } else {
            "this link goes to Microsoft Teams, where usually only your organisation's staff can see it"
        })
    } else if under(host, "zoom.us") && ["/j/", "/w/", "/my/"].iter().any(|p| path.starts_with(p)) {
        Some("this is a Zoom meeting link: anyone who reads the page could join the meeting")
    } else if host == "meet.google.com" && path.len() > 1 {
        Some("this is a Google Meet link: anyone who reads the page could ask to join the meeting")
    } else if under(host, "webex.com")
        && ["j.php", "/meet/", "/join/"]
            .iter()
            .any(|p| path.contains(p))
    {
        Some("this is a Webex meeting link: anyone who reads the page could join the meeting")
    } else {
        None
    };
    if let Some(message) = meeting {
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

/// What a Google Drive or Docs address at (lowercased) `path` opens, when it is a
/// file or folder kept for named people: not a form, nor a document published to
/// the web (`/d/e/…/pub`), which are meant for everyone.
fn google_file(host: &str, path: &str) -> Option<&'static str> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    if host == "drive.google.com" {
        let file = ["/file/", "/drive/", "/open", "/uc"]
            .iter()
            .any(|p| path.starts_with(p));
        return file.then_some("Google Drive");
    }
    if host != "docs.google.com"
        || path.contains("/d/e/")
        || path.ends_with("/pub")
        || path.ends_with("/pubhtml")
    {
        return None;
    }
    let kinds = [
        ("/document/", "a Google Doc"),
        ("/spreadsheets/", "a Google Sheet"),
        ("/presentation/", "Google Slides"),
        ("/drawings/", "a Google Drawing"),
    ];
    kinds
        .iter()
        .find(|(p, _)| path.starts_with(p))
        .map(|&(_, kind)| kind)
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
    fn a_wrapped_address_is_an_error_at_the_link() {
        let out = found(
            "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.org%2F&data=05%7Cjane%40lscp.org",
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rule, crate::rules::WRAPPED_LINK);
        assert_eq!((out[0].line, out[0].col), (Some(3), Some(5)));
        assert_eq!(
            out[0].help.as_deref(),
            Some("use the address inside it: `https://www.example.org/`")
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
            "https://us02web.zoom.us/j/81234567890?pwd=abc",
            "https://meet.google.com/abc-defg-hij",
            "https://drive.google.com/file/d/1AbC/view?usp=sharing",
            "https://drive.google.com/drive/folders/1AbC",
            "https://drive.google.com/open?id=1AbC",
            "https://docs.google.com/document/d/1AbC/edit?usp=sharing",
            "https://docs.google.com/spreadsheets/u/0/d/1AbC/",
            "https://DOCS.google.com/Presentation/d/1AbC/view",
            "https://lscp.webex.com/lscp/j.php?MTID=m123",
            "https://lscp.webex.com/meet/jane.smith",
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
            "https://zoom.us/pricing",
            "https://meet.google.com/",
            "https://docs.google.com/forms/d/e/1FAIpQL/viewform",
            "https://docs.google.com/document/d/e/2PACX-1v/pub",
            "https://docs.google.com/spreadsheets/d/1AbC/pubhtml",
            "https://drive.google.com/",
            "https://forms.gle/abc",
            "https://www.webex.com/pricing",
            "https://docs.google.com.example.org/document/d/1",
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

    #[test]
    fn google_editing_links_say_that_readers_could_change_the_file() {
        let edit = found("https://docs.google.com/document/d/1AbC/edit#heading=h.1");
        assert_eq!(
            edit[0].message,
            "this link goes to a Google Doc, where files are usually shared only with named people. This is an editing link: if anyone with the link may edit the file, readers could change it"
        );
        let view = found("https://drive.google.com/file/d/1AbC/Annual%20report.pdf/view");
        assert_eq!(
            view[0].message,
            "this link goes to Google Drive, where files are usually shared only with named people"
        );
        assert!(
            view[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("`/files/the-file.pdf`"))
        );
    }

    #[test]
    fn the_help_names_the_file_to_publish_when_it_can() {
        assert_eq!(
            file_name("/Shared%20Documents/Annual%20report.docx?web=1"),
            "Annual-report.docx"
        );
        for odd in [
            "/:w:/g/personal/jane/EXAMPLE",
            "/a%1B%5B2J.docx",
            "/a%2Fb.docx",
            "/a%60b.pdf",
            "/.docx",
            "",
        ] {
            assert_eq!(file_name(odd), "the-file.pdf", "{odd}");
        }
    }
}
