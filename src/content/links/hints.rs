//! Hints for a broken relative link: what the author most likely meant.
//!
//! Part of link resolution, asked only once a link is found broken. A link that
//! names nothing is most often a file name with other capital letters, an email
//! address or a web address written without its start (`comms@example.org`,
//! `nspcc.org.uk`), or a page named by its address rather than its Markdown file
//! (`new-website`). Each gets the text to write instead.

use std::path::Path;

use super::SiteLinks;
use crate::markdown::LinkKind;
use crate::paths::{near_file, near_file_help, rel_key};

/// The endings of web addresses that authors commonly write without `https://`.
const WEB_ENDINGS: &[&str] = &[
    "uk", "com", "org", "net", "gov", "wales", "cymru", "scot", "ie", "eu", "info", "int", "edu",
    "io", "co", "london",
];

/// How many page names a hint lists at most.
const MAX_PAGES: usize = 3;

impl SiteLinks {
    /// The help for `written`, a link relative to the page's folder `from_dir`
    /// that resolves to `normal`, a content key that names nothing.
    pub(super) fn relative_help(
        &self,
        from_dir: &Path,
        written: &str,
        normal: &str,
        kind: LinkKind,
    ) -> String {
        if let Some(near) = near_file(normal, self.assets.keys().map(String::as_str)) {
            return near_file_help(written, near);
        }
        if kind == LinkKind::Link && is_email(written) {
            return format!(
                "an email address needs `mailto:` in front: write `mailto:{written}`, so the link opens a new email"
            );
        }
        if kind == LinkKind::Link && crate::urls::is_phone_number(written) {
            return format!(
                "a phone number needs `tel:` in front: write `{}`, so the link rings the number on a phone",
                crate::urls::tel_href(&format!("tel:{written}"))
            );
        }
        if is_web_address(written) {
            return format!(
                "a web address on another site needs its start: write `https://{written}`"
            );
        }
        if kind == LinkKind::Link && !written.contains(['/', '.']) {
            let pages = self.pages_named(from_dir, written);
            if !pages.is_empty() {
                return format!(
                    "link to a page by its Markdown file: did you mean {}?",
                    pages.join(" or ")
                );
            }
            return "link to a page by its Markdown file, like `neglect.md`, or to a page in another folder like `../strategies/neglect.md`".to_owned();
        }
        // A page's address, as the preview shows it (`../strategies/neglect/`);
        // a section is linked to by its folder, as the author began to.
        if kind == LinkKind::Link
            && let Some((_, path)) = self.near_page(from_dir, written)
        {
            let path = path.strip_suffix("_index.md").unwrap_or(&path);
            return format!(
                "did you mean `{path}`? Link to a page by its Markdown file, and plainsite writes its address"
            );
        }
        "check the spelling and the folder; paths are relative to this page's file (`../` goes up a folder)".to_owned()
    }

    /// The page that `written`, a path from the page folder `from_dir` that
    /// names no page (`contatc.md`, or an address like `/about/contact/`),
    /// most likely means: its content key, and the path to write from
    /// `from_dir` (`../about/contact.md`). `None` when none is that close.
    pub fn near_page(&self, from_dir: &Path, written: &str) -> Option<(String, String)> {
        let href = super::percent_decode(written.trim());
        let joined = match href.strip_prefix('/') {
            Some(rest) => rest.to_owned(),
            None => format!("{}/{href}", rel_key(from_dir)),
        };
        let normal = super::normalise(&joined)?;
        let key = if normal.ends_with(".md") {
            match near_file(&normal, self.pages.keys().map(String::as_str)) {
                Some(near) => near.key(),
                None => self
                    .pages
                    .keys()
                    .map(|k| (strsim::damerau_levenshtein(k, &normal), k))
                    .filter(|(d, _)| *d <= 2)
                    .min()
                    .map(|(_, k)| k.as_str())?,
            }
        } else {
            // An address: the page at it, or at the nearest one.
            let dir = normal.trim_end_matches('/');
            let path = match self.pages.values().find(|p| p.trim_end_matches('/') == dir) {
                Some(path) => path.as_str(),
                None => self.near_address(dir)?,
            };
            self.pages
                .iter()
                .find(|(_, p)| p.as_str() == path)
                .map(|(k, _)| k.as_str())?
        };
        Some((key.to_owned(), relative_to(&rel_key(from_dir), key)))
    }

    /// The pages whose address ends in `word` (`new-website`), or a letter or
    /// two from it, each as the link to write from `from_dir` (`` `../news/new-website.md` ``).
    fn pages_named(&self, from_dir: &Path, word: &str) -> Vec<String> {
        let word = word.to_lowercase();
        let mut near: Vec<(usize, &str)> = self
            .pages
            .iter()
            .filter_map(|(key, path)| {
                let slug = path.trim_end_matches('/').rsplit('/').next()?;
                if slug.is_empty() {
                    return None;
                }
                let d = strsim::damerau_levenshtein(&word, slug);
                (d <= 2.min(slug.len() / 4)).then_some((d, key.as_str()))
            })
            .collect();
        near.sort();
        near.iter()
            .take(MAX_PAGES)
            .map(|(_, key)| format!("`{}`", relative_to(&rel_key(from_dir), key)))
            .collect()
    }
}

/// True for `name@example.org`, written without `mailto:`.
fn is_email(written: &str) -> bool {
    match written.split_once('@') {
        Some((name, domain)) => {
            !name.is_empty()
                && !written.contains('/')
                && domain.contains('.')
                && !domain.contains('@')
        }
        None => false,
    }
}

/// True for a web address written without `https://`: `www.nspcc.org.uk`,
/// `nspcc.org.uk/advice`. A file name (`report.pdf`) is not one.
fn is_web_address(written: &str) -> bool {
    let host = written.split('/').next().unwrap_or(written);
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        && (host.to_ascii_lowercase().starts_with("www.")
            || labels
                .last()
                .is_some_and(|end| WEB_ENDINGS.iter().any(|w| end.eq_ignore_ascii_case(w))))
}

/// The path from the content folder `from` (`news/visit`) to the content key
/// `key` (`briefings/neglect.md`): `../../briefings/neglect.md`.
fn relative_to(from: &str, key: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = key.split('/').collect();
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - shared);
    out.push_str(&to[shared..].join("/"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_and_web_addresses_are_told_from_file_names() {
        assert!(is_email("comms@example.org"));
        assert!(!is_email("@handle"));
        assert!(!is_email("files/a@b.pdf"));
        assert!(is_web_address("nspcc.org.uk"));
        assert!(is_web_address("www.nspcc.org.uk/advice/"));
        assert!(is_web_address("WWW.Example.Wales"));
        for file in [
            "report.pdf",
            "logo.png",
            "neglect.md",
            "new-website",
            "../a.org/b",
            "v1.2",
        ] {
            assert!(!is_web_address(file), "{file}");
        }
    }

    #[test]
    fn relative_paths_climb_only_as_far_as_they_must() {
        assert_eq!(
            relative_to("news/visit", "news/new-website.md"),
            "../new-website.md"
        );
        assert_eq!(
            relative_to("", "briefings/neglect.md"),
            "briefings/neglect.md"
        );
        assert_eq!(
            relative_to("about", "briefings/neglect.md"),
            "../briefings/neglect.md"
        );
        assert_eq!(relative_to("news", "news/a.md"), "a.md");
    }
}
