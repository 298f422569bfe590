//! Near files: what an author most likely meant by a path that names no file.
//!
//! Part of `paths`, on the ground floor. Asked only once a link, an image or an
//! attachment has been found broken, never for one that works, so its scan over
//! the site's files costs nothing on a site without mistakes. The commonest
//! mistake is a capital letter: `Logo.PNG` for `logo.png` works on the author's
//! Windows or Mac computer, and then breaks on the web server, which treats the
//! two as different files. It knows nothing of pages or Markdown.

use std::path::Path;

/// A file that exists and that a path naming nothing most likely meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NearFile<'a> {
    /// The same path but for capital letters (`images/logo.png` for `images/Logo.PNG`).
    Case(&'a str),
    /// A file in the same folder whose name is a slip of the keyboard away
    /// (`images/logo.png` for `images/lgo.png`).
    Spelling(&'a str),
}

impl<'a> NearFile<'a> {
    /// The key of the file that exists.
    pub fn key(self) -> &'a str {
        match self {
            NearFile::Case(k) | NearFile::Spelling(k) => k,
        }
    }
}

/// Of the `existing` keys (`/`-separated, like `images/logo.png`), the one that
/// `wanted`, a key that names no file, most likely meant: the same key but for
/// capital letters, or else one in the same folder whose name differs by a
/// letter or two (`None` when none is that close).
pub fn near_file<'a>(
    wanted: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Option<NearFile<'a>> {
    let wanted = wanted.trim_end_matches('/');
    let (folder, name) = split_last(wanted);
    let allowed = if name.chars().count() >= 8 { 2 } else { 1 };
    let mut best: Option<(usize, &str)> = None;
    for key in existing {
        let key = key.trim_end_matches('/');
        if key == wanted {
            continue;
        }
        if same_but_case(key, wanted) {
            return Some(NearFile::Case(key));
        }
        let (f, n) = split_last(key);
        // Short names are near everything: `a.png` is not a slip for `b.png`.
        let stem = n.rsplit_once('.').map_or(n, |(stem, _)| stem);
        if f != folder || stem.chars().count() < 4 || n.len().abs_diff(name.len()) > allowed {
            continue;
        }
        let d = strsim::damerau_levenshtein(&name.to_lowercase(), &n.to_lowercase());
        if d > 0 && d <= allowed && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, key));
        }
    }
    best.map(|(_, k)| NearFile::Spelling(k))
}

/// The key of the site file in `dir` (`static/`) that `key` names but for
/// capital letters, in its folders or its name (`files/leaflet.pdf` for
/// `Files/Leaflet.pdf`). Read from the disk only for a file found missing.
pub fn near_in_folder(dir: &Path, key: &str) -> Option<String> {
    let mut real = String::new();
    let mut on_disk = dir.to_path_buf();
    for wanted in key.split('/') {
        let name = if on_disk.join(wanted).exists() {
            wanted.to_owned()
        } else {
            std::fs::read_dir(&on_disk)
                .ok()?
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|name| {
                    matches!(near_file(wanted, [name.as_str()]), Some(NearFile::Case(_)))
                })?
        };
        on_disk.push(&name);
        if !real.is_empty() {
            real.push('/');
        }
        real.push_str(&name);
    }
    (real != key && on_disk.is_file() && super::is_site_path(Path::new(&real))).then_some(real)
}

/// The help for a path `written` by the author that names no file, when `near`
/// is what it most likely meant: what to write instead, in the author's own
/// form of the path (`../images/Logo.PNG` → `../images/logo.png`).
pub fn near_file_help(written: &str, near: NearFile<'_>) -> String {
    let fixed = respell(written, near.key());
    let (written_folder, _) = split_last(written.trim_end_matches('/'));
    let (fixed_folder, fixed_name) = split_last(fixed.trim_end_matches('/'));
    // Name just the file when only its name is wrong; else the whole path.
    let shown = if written_folder == fixed_folder {
        fixed_name
    } else {
        fixed.as_str()
    };
    match near {
        NearFile::Case(_) => format!(
            "did you mean `{shown}`? (capital letters matter on the web server) Write `{fixed}`"
        ),
        NearFile::Spelling(_) => format!("did you mean `{shown}`? Write `{fixed}`"),
    }
}

/// `written` with its last segments spelt as in `key`, which names the same
/// folders but for capital letters: `../Images/Logo.PNG` and `news/images/logo.png`
/// give `../images/logo.png`. A segment written percent-encoded (`My%20photo.png`)
/// is encoded again.
fn respell(written: &str, key: &str) -> String {
    let trailing = if written.ends_with('/') { "/" } else { "" };
    let mut segments: Vec<String> = written
        .trim_end_matches('/')
        .split('/')
        .map(str::to_owned)
        .collect();
    let mut from_key = key.trim_end_matches('/').rsplit('/');
    for segment in segments.iter_mut().rev() {
        if matches!(segment.as_str(), "" | "." | "..") {
            break;
        }
        let Some(right) = from_key.next() else {
            break;
        };
        *segment = if segment.contains('%') || right.contains([' ', '#', '?', '(', ')', '<', '>']) {
            super::encode_url_path(right)
        } else {
            right.to_owned()
        };
    }
    segments.join("/") + trailing
}

/// `images/logo.png` → (`images`, `logo.png`); `logo.png` → (``, `logo.png`).
fn split_last(key: &str) -> (&str, &str) {
    key.rsplit_once('/').unwrap_or(("", key))
}

/// True when `a` and `b` differ only by capital letters.
fn same_but_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILES: &[&str] = &[
        "images/logo.png",
        "files/leaflet.pdf",
        "news/visit/Photo.jpg",
        "files/annual-report-2023.pdf",
        "a.png",
        "Images-of-Ŵyl/Ŵyl.jpg",
    ];

    fn near(wanted: &str) -> Option<NearFile<'static>> {
        near_file(wanted, FILES.iter().copied())
    }

    #[test]
    fn finds_a_file_named_with_other_capital_letters() {
        assert_eq!(
            near("images/Logo.PNG"),
            Some(NearFile::Case("images/logo.png"))
        );
        assert_eq!(
            near("Files/Leaflet.pdf"),
            Some(NearFile::Case("files/leaflet.pdf"))
        );
        assert_eq!(
            near("news/visit/photo.jpg"),
            Some(NearFile::Case("news/visit/Photo.jpg"))
        );
        assert_eq!(
            near("images-of-ŵyl/ŵyl.JPG"),
            Some(NearFile::Case("Images-of-Ŵyl/Ŵyl.jpg"))
        );
    }

    #[test]
    fn finds_a_slip_of_the_keyboard_in_the_same_folder() {
        assert_eq!(
            near("images/lgo.png"),
            Some(NearFile::Spelling("images/logo.png"))
        );
        assert_eq!(
            near("files/anual-report-2023.pdf"),
            Some(NearFile::Spelling("files/annual-report-2023.pdf"))
        );
        assert_eq!(
            near("images/logo.jpg"),
            Some(NearFile::Spelling("images/logo.png"))
        );
        assert_eq!(
            near("images/lg.png"),
            None,
            "two letters are too many for a short name"
        );
    }

    #[test]
    fn stays_silent_for_files_nothing_like_those_there() {
        assert_eq!(near("images/banner.png"), None);
        assert_eq!(near("b.png"), None, "short names are near everything");
        assert_eq!(near("logo.png"), None, "another folder is not a slip");
        assert_eq!(
            near("images/logo.png"),
            None,
            "the file itself is not a near miss"
        );
    }

    #[test]
    fn help_says_what_to_write_in_the_authors_own_form() {
        assert_eq!(
            near_file_help("/images/Logo.PNG", NearFile::Case("images/logo.png")),
            "did you mean `logo.png`? (capital letters matter on the web server) Write `/images/logo.png`"
        );
        assert_eq!(
            near_file_help("../Images/logo.png", NearFile::Case("news/images/logo.png")),
            "did you mean `../images/logo.png`? (capital letters matter on the web server) Write `../images/logo.png`"
        );
        assert_eq!(
            near_file_help("photo.jpg", NearFile::Case("news/visit/Photo.jpg")),
            "did you mean `Photo.jpg`? (capital letters matter on the web server) Write `Photo.jpg`"
        );
        assert_eq!(
            near_file_help("./My%20fhoto.jpg", NearFile::Spelling("news/My photo.jpg")),
            "did you mean `My%20photo.jpg`? Write `./My%20photo.jpg`"
        );
    }
}
