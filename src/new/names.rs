//! The section names `plainsite new` is given: the one meant when a name is
//! not a section (`News` for `news`, `brefings` for `briefings`), and a new
//! section's folder that would be an existing one in other capitals, which
//! Windows and macOS read as the same folder, and names Windows keeps for
//! its devices (`con`, `aux`), which no file or folder there can have
//! (`crate::paths::windows_device` says which).
//!
//! Part of `new`. It reads the names in `content/` only.

use std::path::Path;

use crate::content::CONTENT_DIR;
use crate::error::Error;

/// The name of an entry of `dir` that is `name` in other capitals (`News`
/// for `news`), if any.
pub(super) fn folder_in_other_capitals(dir: &Path, name: &str) -> Option<String> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n != name && n.eq_ignore_ascii_case(name))
}

/// The error for a new page or section (`what`) whose file name would be
/// `slug`, a Windows device name.
pub(super) fn device_name(slug: &str, what: &str) -> Error {
    Error::usage(
        format!(
            "the {what} would be called `{slug}`, a name Windows keeps for itself: a file or folder with that name cannot be opened, copied or synced on Windows computers"
        ),
        format!(
            "give the {what} a longer name, of more than one word, so its file is not called `{slug}`"
        ),
    )
}

/// `title` as one argument of a command to copy: in double quotes.
fn quoted_argument(title: &str) -> String {
    format!("\"{}\"", title.replace('"', "\\\""))
}

/// The error for a section `wanted` that `content/` does not have, with
/// the one meant when it is near one of `sections`; `title` is the page's.
pub(super) fn no_such_section(root: &Path, wanted: &str, sections: &[&str], title: &str) -> Error {
    let message = format!("there is no section `{wanted}` in {CONTENT_DIR}/");
    // A link where the section's folder would be: neither read as a section
    // nor written through, so "make it" would only send the author back.
    let place = Path::new(CONTENT_DIR).join(wanted);
    if std::fs::symlink_metadata(root.join(&place)).is_ok_and(|m| m.file_type().is_symlink()) {
        return Error::usage(
            format!(
                "{} is a symbolic link, and plainsite reads no section through a link, so there is no section `{wanted}`",
                place.display()
            ),
            format!(
                "put the section's folder itself in {CONTENT_DIR}/: remove the link, move the folder it leads to into its place, and run this again"
            ),
        );
    }
    // `News` for `news`: the folder is there. A second one that differs only
    // in capitals would be the same folder on Windows and macOS.
    if let Some(same) = sections.iter().find(|s| s.eq_ignore_ascii_case(wanted)) {
        return Error::usage(
            message,
            format!(
                "did you mean `{same}`? Write the section as its folder is named: `plainsite new {same} {}`",
                quoted_argument(title)
            ),
        );
    }
    let make = format!("to make it, run `plainsite new section \"{wanted}\"`");
    if sections.is_empty() {
        return Error::usage(message, make);
    }
    let near = sections
        .iter()
        .filter(|s| strsim::jaro_winkler(s, wanted) > 0.85)
        .max_by(|a, b| strsim::jaro_winkler(a, wanted).total_cmp(&strsim::jaro_winkler(b, wanted)));
    let list = sections.join(", ");
    let help = match near {
        Some(near) => format!("did you mean `{near}`? The sections are: {list}; or {make}"),
        None => format!("the sections are: {list}; or {make}"),
    };
    Error::usage(message, help)
}
