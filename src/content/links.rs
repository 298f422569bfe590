//! Link resolution: from a link as written in Markdown to the URL it will have.
//!
//! Authors link to files as they are on disk (`../briefings/neglect.md`), so links
//! work in an editor's preview too. Resolution is pure path arithmetic over a map
//! built once per build; it never touches the disk and never leaves `content/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{Content, Page};
use crate::markdown::{LinkKind, LinkResolution, LinkResolver};
use crate::paths::{NearFile, near_file, near_file_help, rel_key};

mod hints;

/// Every address a link may point at, built once per build.
#[derive(Debug, Default)]
pub struct SiteLinks {
    base_path: String,
    /// Content key (`briefings/neglect.md`) → URL path (`briefings/neglect/`).
    pages: BTreeMap<String, String>,
    /// Folder keys that hold a section (`briefings`) → content key of its `_index.md`.
    section_dirs: BTreeMap<String, String>,
    /// Output paths of files that exist (assets, static files), without leading slash.
    files: BTreeSet<String>,
    /// Content keys of non-Markdown files → output path.
    assets: BTreeMap<String, String>,
    /// Markdown files that exist but are not pages of this build.
    not_built: BTreeMap<String, super::NotBuilt>,
    /// URL paths of internal sections left out of this build (`guide/`).
    left_out: Vec<String>,
}

impl SiteLinks {
    /// Builds the map. `static_files` are output paths of files copied from `static/`.
    pub fn new(
        content: &Content,
        base_path: &str,
        static_files: impl IntoIterator<Item = String>,
    ) -> Self {
        let mut links = SiteLinks {
            base_path: base_path.to_owned(),
            ..SiteLinks::default()
        };
        for p in &content.pages {
            links.pages.insert(p.key.clone(), p.path.clone());
            if p.is_section {
                links.section_dirs.insert(rel_key(&p.dir), p.key.clone());
            }
        }
        for a in &content.assets {
            links.assets.insert(a.key.clone(), a.path.clone());
            links.files.insert(a.path.clone());
        }
        links.files.extend(static_files);
        links.not_built = content.not_built.clone();
        links.left_out = content.left_out.clone();
        links
    }

    /// True when `content` leaves out the same files and sections as the content
    /// these links were built from. (Everything else they are built from, the
    /// caller compares by its own key.)
    pub fn leaves_out_the_same(&self, content: &Content) -> bool {
        self.not_built == content.not_built && self.left_out == content.left_out
    }

    /// True when the site path `url` (`/guide/…`) leads into an internal section
    /// that this build leaves out; menus drop such links.
    pub fn is_left_out(&self, url: &str) -> bool {
        let path = url.trim_start_matches('/');
        self.left_out
            .iter()
            .any(|l| path.starts_with(l.as_str()) || format!("{path}/") == *l)
    }

    /// True when the site path `url` (`/news/`) is the address that a page with
    /// an error of its own would have had: that error is reported on the page,
    /// and the build stops, so a menu or setting pointing there is not a second
    /// mistake. (A failed page's `slug:` is not known; its file name decides.)
    pub fn is_failed_address(&self, url: &str) -> bool {
        let wanted = url.trim_matches('/');
        self.not_built
            .iter()
            .filter(|(_, why)| **why == super::NotBuilt::Failed)
            .any(|(key, _)| guessed_address(key).trim_end_matches('/') == wanted)
    }

    /// True when the content folder `folder` (`news`) holds a section whose
    /// `_index.md` has an error of its own.
    pub fn is_failed_section(&self, folder: &str) -> bool {
        let key = format!("{}/_index.md", folder.trim_matches('/'));
        self.not_built.get(key.trim_start_matches('/')) == Some(&super::NotBuilt::Failed)
    }

    /// The resolver for links written in `page`.
    pub fn for_page<'a>(&'a self, page: &'a Page) -> PageLinks<'a> {
        PageLinks { site: self, page }
    }

    /// The URL of a page, from the site root (with the base path).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    /// Resolves a link written in the page at content key folder `from_dir`.
    pub fn resolve(&self, from_dir: &Path, href: &str, kind: LinkKind) -> LinkResolution {
        if href.is_empty() || is_external(href) {
            return LinkResolution::Keep;
        }
        let written = href;
        let href = percent_decode(href);
        let (joined, from_root) = match href.strip_prefix('/') {
            Some(rest) => (rest.to_owned(), true),
            None => (format!("{}/{}", rel_key(from_dir), href), false),
        };
        let Some(normal) = normalise(&joined) else {
            return LinkResolution::Broken {
                message: "it points outside the site".to_owned(),
                help: "link to a page inside content/, or write the full address starting with https://".to_owned(),
            };
        };
        if normal.ends_with(".md") {
            return match self.pages.get(&normal) {
                Some(path) => LinkResolution::Rewrite {
                    href: self.url(path),
                    page: Some(normal),
                },
                None if let Some(left_out) = self.left_out_page(&normal) => left_out,
                None => LinkResolution::Broken {
                    message: "there is no such page".to_owned(),
                    help: match near_file(&normal, self.pages.keys().map(String::as_str)) {
                        Some(near @ NearFile::Case(_)) => near_file_help(written, near),
                        _ => self.near_miss(&normal),
                    },
                },
            };
        }
        // A folder that is a section.
        let dir = normal.trim_end_matches('/');
        if let Some(key) = self.section_dirs.get(dir) {
            return LinkResolution::Rewrite {
                href: self.url(&self.pages[key]),
                page: Some(key.clone()),
            };
        }
        // A section's folder that this build leaves out (a draft).
        if !from_root
            && !dir.is_empty()
            && let Some(left_out) = self.left_out_page(&format!("{dir}/_index.md"))
        {
            return left_out;
        }
        // A file's name is decoded above; written out again it is encoded a
        // part at a time, or a `%23` read as `#` would cut the address short.
        if let Some(path) = self.assets.get(&normal) {
            return LinkResolution::Rewrite {
                href: self.url(&crate::paths::encode_url_path(path)),
                page: None,
            };
        }
        if from_root {
            // From the site root: a static file, or an address the site makes.
            if self.files.contains(&normal)
                || self
                    .pages
                    .values()
                    .any(|p| *p == format!("{dir}/") || (dir.is_empty() && p.is_empty()))
            {
                return LinkResolution::Rewrite {
                    href: self.url(&crate::paths::encode_url_path(&normal)),
                    page: None,
                };
            }
            // A page's address in other capitals (`/News/`) is as broken on the
            // web server as a file's, and is told the same way.
            let near = near_file(&normal, self.files.iter().map(String::as_str))
                .or_else(|| {
                    let pages = self.pages.values().map(String::as_str);
                    near_file(&normal, pages)
                        .filter(|near| kind == LinkKind::Link && matches!(near, NearFile::Case(_)))
                })
                .map(|near| near_file_help(written, near));
            if kind == LinkKind::Image {
                return LinkResolution::Broken {
                    message: format!("there is no image at static/{normal}"),
                    help: near.unwrap_or_else(|| format!(
                        "an address that starts with a slash is a file in the static folder: put the image at static/{normal}, or put it beside the page (in the page's own folder, next to its index.md) and write just its name"
                    )),
                };
            }
            return LinkResolution::Broken {
                message: "there is no such file in static/ and no page at that address".to_owned(),
                help: near.or_else(|| self.near_address(dir).map(|near| format!("did you mean `/{near}`? Or link to the page's Markdown file (like `../briefings/neglect.md`)"))).unwrap_or_else(
                    || match document_kind(&normal) {
                        // A leaflet or form, not a page: it belongs in static/.
                        Some(ext) => format!("put the {ext} file at static/{normal} (the address starts with a slash, so it is a file in the static folder), or check its name"),
                        None => "link to the page's Markdown file instead (like `../briefings/neglect.md`), or check the file is in static/".to_owned(),
                    },
                ),
            };
        }
        let what = if kind == LinkKind::Image {
            "image"
        } else {
            "file"
        };
        LinkResolution::Broken {
            message: format!("the {what} `{href}` does not exist"),
            help: self.relative_help(from_dir, written, &normal, kind),
        }
    }

    /// What a link to the page of content key `key` resolves to when this
    /// build leaves that page out, or `None` when it does not.
    fn left_out_page(&self, key: &str) -> Option<LinkResolution> {
        let broken = |message: &str, help: &str| LinkResolution::Broken {
            message: message.to_owned(),
            help: help.to_owned(),
        };
        Some(match self.not_built.get(key)? {
            // That page's own error is reported, and the build stops: a second
            // error here for every page that links to it would only bury it.
            super::NotBuilt::Failed => LinkResolution::Keep,
            super::NotBuilt::Internal => broken(
                "it points to a page in an internal section, which a public build leaves out",
                "link to it only from pages of the same internal section, or build with `--internal` for a copy of the site for staff",
            ),
            super::NotBuilt::Draft => broken(
                "the page it points to is a draft (`draft: true`), so it is not published and this link would lead nowhere",
                "publish it by removing `draft: true`, or remove the link; `plainsite serve --drafts` previews drafts",
            ),
            super::NotBuilt::InDraft => broken(
                "the page it points to is in a draft section (its folder's `_index.md` has `draft: true`), so it is not published and this link would lead nowhere",
                "publish the section by removing `draft: true` from its `_index.md`, or remove the link; `plainsite serve --drafts` previews drafts",
            ),
        })
    }

    /// The page address (`about/`) nearest to `wanted` (`abut`), if one is close
    /// enough to be a typo.
    pub fn near_address(&self, wanted: &str) -> Option<&str> {
        let wanted = wanted.trim_matches('/');
        self.pages
            .values()
            .map(|p| {
                (
                    strsim::damerau_levenshtein(wanted, p.trim_end_matches('/')),
                    p,
                )
            })
            .filter(|(d, p)| *d > 0 && *d <= 2.max(p.len() / 5))
            .min_by_key(|(d, _)| *d)
            .map(|(_, p)| p.as_str())
    }

    /// The folder names of sections (`briefings`, `about/team`).
    pub fn section_folders(&self) -> impl Iterator<Item = &str> {
        self.section_dirs.keys().map(String::as_str)
    }

    fn near_miss(&self, wanted: &str) -> String {
        let name = wanted.rsplit('/').next().unwrap_or(wanted);
        let mut candidates: Vec<&String> = self
            .pages
            .keys()
            .filter(|k| k.rsplit('/').next() == Some(name))
            .collect();
        if candidates.is_empty() {
            let best = self
                .pages
                .keys()
                .map(|k| (strsim::levenshtein(k, wanted), k))
                .min_by_key(|(d, _)| *d)
                .filter(|(d, _)| *d <= 4);
            candidates.extend(best.map(|(_, k)| k));
        }
        match candidates.first() {
            Some(k) => format!(
                "was it renamed or moved? There is content/{k}; paths are relative to this page's file"
            ),
            None => {
                "check the file name; if the page was renamed or moved, update this link".to_owned()
            }
        }
    }
}

/// A resolver bound to one page.
pub struct PageLinks<'a> {
    site: &'a SiteLinks,
    page: &'a Page,
}

impl LinkResolver for PageLinks<'_> {
    fn resolve(&self, href: &str, kind: LinkKind) -> LinkResolution {
        self.site.resolve(&self.page.dir, href, kind)
    }
}

/// The address the page at content key `key` has unless its front matter says
/// otherwise: `news/_index.md` → `news/`, `annual-report/01-foreword.md` →
/// `annual-report/foreword/`.
fn guessed_address(key: &str) -> String {
    let (dir, name) = key.rsplit_once('/').unwrap_or(("", key));
    let mut path = super::assemble::url_dir(Path::new(dir));
    if name != "_index.md" && name != "index.md" {
        path.push_str(&crate::text::slug_from_file_name(name));
        path.push('/');
    }
    path
}

/// True for links with a scheme (`https:`, `mailto:`) or protocol-relative ones.
fn is_external(href: &str) -> bool {
    if href.starts_with("//") {
        return true;
    }
    match href.find(':') {
        Some(i) => {
            let scheme = &href[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !href[..i].contains('/')
        }
        None => false,
    }
}

/// Resolves `.` and `..` lexically. `None` when the path climbs above the root.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

fn percent_decode(s: &str) -> String {
    // Byte-wise, so a `%` before a character of several bytes (`%aé`) is kept as
    // written rather than sliced through.
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The kind of file `path` names when it is a document rather than a page
/// (`.pdf`, `.docx`…): its extension, for the message.
fn document_kind(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (_, ext) = name.rsplit_once('.')?;
    let page_like = ["md", "html", "htm", ""];
    (!page_like.iter().any(|p| p.eq_ignore_ascii_case(ext))
        && ext.len() <= 5
        && ext.chars().all(|c| c.is_ascii_alphanumeric()))
    .then_some(ext)
}

#[cfg(test)]
mod tests;
