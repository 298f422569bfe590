//! Paths: which files belong to a site, and which output keys are safe to write.
//!
//! A ground-floor module. The walkers of `content/`, `static/`, themes and the
//! preview's watcher all ask it the same two questions (is this a site file? does
//! this link stay inside the site?), so they never disagree. `Output` asks it the
//! third: is this key a relative path of normal segments that stays inside the
//! output folder? It never reads a file's contents and knows nothing of pages,
//! themes or the output's format. For a path found broken, `near` names the file
//! the author most likely meant (other capital letters, or a slip of the keyboard).
//! `windows` knows the names no file on Windows can have (`con`, `aux`).

use std::path::{Component, Path, PathBuf};

use crate::error::Diagnostic;

mod near;
mod windows;

pub use near::{NearFile, near_file, near_file_help, near_in_folder};
pub use windows::{Renaming, device_names, windows_device};

/// The settings file's name.
pub const CONFIG_FILE: &str = "site.yaml";

/// The longest file or folder name most file systems take, in bytes.
pub const MAX_SEGMENT_BYTES: usize = 255;

/// The one dot-folder that is part of a site: `/.well-known/` (RFC 8615) holds
/// files such as `security.txt` that other services look for.
pub const WELL_KNOWN: &str = ".well-known";

/// The key of a file relative to a site folder (`content/`, `static/`, a theme),
/// with `/` separators and only its normal segments.
pub fn rel_key(rel: &Path) -> String {
    rel.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `path` written with `/` between its parts, whatever the system's separator,
/// for what other tools read (`check --format json`, the preview's panel). A `\\`
/// inside a name on Linux or macOS is part of that name, so it stays.
pub fn slash_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.components() {
        if !out.is_empty() && !out.ends_with('/') || c == Component::RootDir {
            out.push('/');
        }
        if c != Component::RootDir {
            out.push_str(&c.as_os_str().to_string_lossy());
        }
    }
    out
}

/// The dotfiles a site publishes for its host: Apache's `.htaccess` and
/// GitHub Pages' `.nojekyll`. Put in `static/`, they are the author's own rules
/// (and a `hosting:` file of the same name is then not written over them).
pub const HOST_DOTFILES: [&str; 2] = [".htaccess", ".nojekyll"];

/// True when a file or folder called `name` is not part of the site: a dotfile or
/// dot-folder (except `.well-known` and [`HOST_DOTFILES`]), or the temporary,
/// swap and backup files editors leave beside the real ones.
pub fn is_ignored(name: &str) -> bool {
    (name.starts_with('.') && name != WELL_KNOWN && !HOST_DOTFILES.contains(&name))
        || is_editor_litter(name)
}

/// True when `name` is one folder's name that a setting may give (the
/// `theme:` of `site.yaml`): not empty, not hidden, no `/` or `\\`, no control
/// character, so it cannot reach another folder.
pub fn is_plain_folder_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && !name.chars().any(char::is_control)
}

/// True when every part of `rel` (a path relative to a site folder) may belong to
/// the site: see [`is_ignored`].
pub fn is_site_path(rel: &Path) -> bool {
    rel.components()
        .all(|c| !is_ignored(&c.as_os_str().to_string_lossy()))
}

/// Files editors write beside the real one while saving, or keep as backups, and
/// the ones Office and Windows leave beside a person's files.
pub fn is_editor_litter(name: &str) -> bool {
    const SUFFIXES: [&str; 9] = [
        "~",
        ".swp",
        ".swx",
        ".swo",
        ".tmp",
        ".bak",
        ".orig",
        "___jb_tmp___",
        "___jb_old___",
    ];
    // Office's lock file beside an open document (`~$nual report.docx`), and
    // the files Windows leaves in folders it has shown.
    const SYSTEM: [&str; 3] = ["thumbs.db", "ehthumbs.db", "desktop.ini"];
    name == "4913" // vim's test that it may write in the folder
        || name.starts_with("~$")
        || SYSTEM.iter().any(|s| name.eq_ignore_ascii_case(s))
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.starts_with(".#")
        || SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Checks that `key` is a path the site may write: relative, `/`-separated, every
/// segment a normal name (not empty, `.` or `..`, no backslash or NUL) of at most
/// [`MAX_SEGMENT_BYTES`] bytes. The error says what is wrong, for a message.
pub fn check_key(key: &str) -> Result<(), String> {
    if key.is_empty() {
        return Err("the path is empty".to_owned());
    }
    if key.starts_with('/') {
        return Err(format!(
            "/{} would be written outside the output folder (it starts with /)",
            key.trim_start_matches('/')
        ));
    }
    for segment in key.split('/') {
        check_segment(segment)?;
    }
    Ok(())
}

/// Checks one segment of an output path (see [`check_key`]).
pub fn check_segment(segment: &str) -> Result<(), String> {
    match segment {
        "" => Err("it has an empty part (`//`, or a slug or name with no letters)".to_owned()),
        "." | ".." => Err(format!(
            "it has a `{segment}` part, which would lead out of its folder"
        )),
        // Bytes, not characters: both are ASCII, never part of a longer one.
        s if s.bytes().any(|b| b == b'\\' || b == 0) => {
            Err(format!("the part {s:?} has a backslash or a NUL character"))
        }
        s if s.len() > MAX_SEGMENT_BYTES => Err(format!(
            "a part is {} bytes long; file names can be at most {MAX_SEGMENT_BYTES} bytes",
            s.len()
        )),
        _ => Ok(()),
    }
}

/// Characters left as they are in a URL path segment: letters, digits and
/// `-._~` (RFC 3986's unreserved set). Everything else is percent-encoded.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// An output key as a URL path: each segment percent-encoded, so a file called
/// `Leaflet #1 (final).pdf` is asked for by its whole name.
pub fn encode_url_path(key: &str) -> String {
    key.split('/')
        .map(|s| percent_encoding::utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// The output key a page's address for a file on the site names: `url` without
/// the site's `base_path`, decoded again (`/files/Our%20plan.docx` →
/// `files/Our plan.docx`). The reverse of [`encode_url_path`].
pub fn url_path_key<'a>(url: &'a str, base_path: &str) -> std::borrow::Cow<'a, str> {
    let path = url.strip_prefix(base_path).unwrap_or(url);
    percent_encoding::percent_decode_str(path).decode_utf8_lossy()
}

/// Reads a file of the site. Only a plain file is opened: a named pipe (or a
/// device) would make the build wait for ever for something to write to it, so
/// it is an error instead. A folder gives the system's own error.
pub fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    read_file_with_metadata(path).map(|(bytes, _)| bytes)
}

/// [`read_file`], with what the system said of the file just before it was
/// opened (its size, times and so on), so a caller that keeps them need not ask again.
pub fn read_file_with_metadata(path: &Path) -> std::io::Result<(Vec<u8>, std::fs::Metadata)> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() && !meta.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is not a plain file (it is a named pipe, a socket or a device)",
        ));
    }
    let mut file = std::fs::File::open(path)?;
    // Read into room for the whole file and one more byte, so that the read
    // that finds the end needs no more room: one read for the file and one for
    // its end, without asking the system for the size again as `read_to_end`
    // would. A file that grew since is still read whole.
    let room = usize::try_from(meta.len()).map_or(0, |len| len.saturating_add(1));
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(room)?;
    bytes.resize(room, 0);
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            bytes.resize(filled.saturating_mul(2).max(8 * 1024), 0);
        }
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    Ok((bytes, meta))
}

/// [`read_file`], as UTF-8 text.
pub fn read_text(path: &Path) -> std::io::Result<String> {
    String::from_utf8(read_file(path)?)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// True when `path`, with every symbolic link on the way resolved, lies inside
/// `root` (which must already be canonical). False when it cannot be resolved.
pub fn inside(root: &Path, path: &Path) -> bool {
    path.canonicalize().is_ok_and(|real| real.starts_with(root))
}

/// The one rule for a file reached through a symbolic link: true when `path`,
/// with every link resolved, is a site file of `folder` (which must already be
/// canonical). It must lie inside that folder, not only inside the site, and no
/// part of its real path below it may be hidden or an editor's file. So a link
/// cannot publish `.env` or `.git/config` from the site's own folder, raw
/// Markdown from `content/` through `static/`, or the output folder itself.
pub fn leads_within(folder: &Path, path: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|real| real.strip_prefix(folder).is_ok_and(is_site_path))
}

/// The files under `dir` that belong to the site, as [`walk`] found them.
#[derive(Debug, Default)]
pub struct Walked {
    /// Files (their paths as found, below `dir`), sorted by name within each folder.
    pub files: Vec<PathBuf>,
    /// Symbolic links that lead out of the walked folder, to a hidden file, or
    /// to nothing: not followed.
    pub outside: Vec<PathBuf>,
    /// Entries that could not be read (or links that make a loop).
    pub errors: Vec<walkdir::Error>,
    /// Files and folders whose names are not UTF-8 text, each with whether it
    /// is a folder: neither read nor walked into (see [`not_utf8_name`]).
    pub not_utf8: Vec<(PathBuf, bool)>,
}

/// Walks `dir`, skipping names that are not site files ([`is_ignored`]) and
/// following symbolic links only where they lead to a site file of `dir`
/// itself ([`leads_within`]).
pub fn walk(dir: &Path) -> Walked {
    let canonical_dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let outside = std::cell::RefCell::new(Vec::new());
    let not_utf8 = std::cell::RefCell::new(Vec::new());
    let mut walked = Walked::default();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_ignored(&e.file_name().to_string_lossy()) {
                return false;
            }
            if e.depth() > 0 && e.file_name().to_str().is_none() {
                not_utf8
                    .borrow_mut()
                    .push((e.path().to_path_buf(), e.file_type().is_dir()));
                return false;
            }
            // Only a link can lead out, and all below it is reached through it.
            if e.path_is_symlink() && !leads_within(&canonical_dir, e.path()) {
                outside.borrow_mut().push(e.path().to_path_buf());
                return false;
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => walked.files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => walked.errors.push(e),
        }
    }
    walked.outside = outside.into_inner();
    walked.not_utf8 = not_utf8.into_inner();
    walked
}

/// The error for a file or folder whose name is not UTF-8 text. Its address
/// would have to be made from the name with those bytes replaced, so two such
/// names could become one address and one file be lost; it is not read.
pub fn not_utf8_name(path: &Path, is_folder: bool, root: &Path) -> Diagnostic {
    let shown = path.strip_prefix(root).unwrap_or(path);
    let what = if is_folder { "folder" } else { "file" };
    Diagnostic::error(
        crate::rules::FILE,
        shown,
        format!(
            "this {what}'s name is not UTF-8 text: it holds bytes that stand for no letter (shown as \u{FFFD}), so it cannot be part of a web address and the {what} is not read"
        ),
    )
    .help(format!(
        "rename the {what}, typing its name again with letters, digits and hyphens"
    ))
}

/// The error for a symbolic link that leads outside the site or to nothing: it is
/// never read, so a private file cannot be published by mistake.
pub fn outside_link(link: &Path, root: &Path) -> Diagnostic {
    let shown = link.strip_prefix(root).unwrap_or(link);
    let target = std::fs::read_link(link)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let in_site = link.exists() && inside(&canonical_root, link);
    let why = if !link.exists() {
        "leads to nothing"
    } else if in_site {
        "leads out of its folder, or to a hidden file"
    } else {
        "leads outside the site"
    };
    let help = if in_site {
        "copy the file into the folder of the link (content/, static/ or data/) instead of linking to it, or remove the link; hidden files are never published"
    } else {
        "copy the file into the site instead of linking to it, or remove the link"
    };
    Diagnostic::error(
        crate::rules::OUTSIDE_LINK,
        shown,
        format!("this symbolic link {why} (to {target}), so it is not read or published"),
    )
    .help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_whole_whatever_its_size() {
        let dir = tempfile::tempdir().expect("temporary folder");
        for len in [0, 1, 31, 8 * 1024, 8 * 1024 + 1, 100_003] {
            let path = dir.path().join(format!("{len}.md"));
            let text: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            std::fs::write(&path, &text).expect("write");
            let (read, meta) = read_file_with_metadata(&path).expect("read");
            assert_eq!(read, text, "{len} bytes");
            assert_eq!(meta.len(), len as u64);
        }
        let error = read_file(dir.path().join("missing.md").as_path()).expect_err("missing");
        assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
    }

    #[test]
    fn a_path_is_written_with_slashes_and_a_backslash_in_a_name_stays() {
        assert_eq!(
            slash_path(Path::new("content/news/a.md")),
            "content/news/a.md"
        );
        assert_eq!(
            slash_path(Path::new("/srv/site/site.yaml")),
            "/srv/site/site.yaml"
        );
        assert_eq!(slash_path(Path::new("site.yaml")), "site.yaml");
        assert_eq!(slash_path(Path::new("")), "");
        #[cfg(unix)]
        assert_eq!(slash_path(Path::new("content/a\\b.md")), "content/a\\b.md");
        #[cfg(windows)]
        assert_eq!(slash_path(Path::new("content\\a.md")), "content/a.md");
    }

    #[test]
    fn dotfiles_and_editor_files_are_not_site_files() {
        for name in [
            ".git",
            ".DS_Store",
            "x.css~",
            "a.swp",
            "#a.md#",
            ".#a.md",
            "4913",
            "~$nual report.docx",
            "Thumbs.db",
            "desktop.ini",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in [
            ".well-known",
            ".htaccess",
            ".nojekyll",
            "security.txt",
            "index.md",
            "a~b.md",
            "#",
            "thumbs.db.md",
            "a~$b.pdf",
        ] {
            assert!(!is_ignored(name), "{name}");
        }
        assert!(is_site_path(Path::new("static/.well-known/security.txt")));
        assert!(!is_site_path(Path::new("static/.secret/key")));
    }

    #[test]
    fn keys_must_be_relative_normal_and_short() {
        assert!(check_key("index.html").is_ok());
        assert!(check_key("a/b/index.html").is_ok());
        assert!(check_key(".well-known/security.txt").is_ok());
        let long = "a".repeat(256);
        for bad in [
            "",
            "/index.html",
            "about//index.html",
            "a/../b",
            "./a",
            "a\\b",
            &format!("{long}/index.html"),
        ] {
            assert!(check_key(bad).is_err(), "{bad:?}");
        }
        assert!(check_key(&"a".repeat(255)).is_ok());
    }

    #[test]
    fn url_paths_are_percent_encoded_a_segment_at_a_time() {
        assert_eq!(
            encode_url_path("files/Leaflet #1 (final).pdf"),
            "files/Leaflet%20%231%20%28final%29.pdf"
        );
        assert_eq!(encode_url_path("a/b-c_d.e~f/"), "a/b-c_d.e~f/");
        assert_eq!(encode_url_path("caf\u{e9}.pdf"), "caf%C3%A9.pdf");
    }

    #[test]
    fn a_file_address_leads_back_to_its_output_key() {
        for key in [
            "files/Leaflet #1 (final).pdf",
            "caf\u{e9}/a b.png",
            "plain.docx",
            "",
        ] {
            for base in ["/", "/lscp/"] {
                let url = format!("{base}{}", encode_url_path(key));
                assert_eq!(url_path_key(&url, base), key, "{url}");
            }
        }
        assert_eq!(url_path_key("/other/x.pdf", "/lscp/"), "/other/x.pdf");
    }
}
