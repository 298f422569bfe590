//! Assembling loaded pages into `Content`: URL paths of folders, pages linked to
//! their sections, duplicate URLs reported, files placed beside their pages.
//!
//! Part of `content`; it reads no files.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use super::{Asset, Content, FrontMatter, Page, Section};
use crate::error::Diagnostic;

/// The URL path of a folder under `content/`: each folder name slugged, with a trailing slash.
pub(super) fn url_dir(dir: &Path) -> String {
    let mut out = String::new();
    for c in dir.components() {
        if let Component::Normal(name) = c {
            let slug = crate::text::slug_from_file_name(&name.to_string_lossy());
            if !slug.is_empty() {
                out.push_str(&slug);
                out.push('/');
            }
        }
    }
    out
}

/// Links pages to sections, finds duplicate URLs, places assets.
pub(super) fn assemble(
    mut pages: Vec<Page>,
    assets: &[&PathBuf],
    content_dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Content {
    pages.sort_by(|a, b| a.key.cmp(&b.key));
    // Duplicate URLs: report both files, keep the first.
    let mut seen: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    seen.reserve(pages.len());
    let mut keep = vec![true; pages.len()];
    for (i, p) in pages.iter().enumerate() {
        if let Some(&first) = seen.get(p.path.as_str()) {
            diagnostics.push(
                Diagnostic::error(crate::rules::DUPLICATE_URL, &p.file, format!("this page would have the same address /{} as {}", p.path, pages[first].file.display()))
                    .at(p.meta.key_lines.get("slug").copied().unwrap_or(1), 1)
                    .help("give one of them a different file name, or a different `slug:` in its front matter"),
            );
            keep[i] = false;
        } else {
            seen.insert(&p.path, i);
        }
    }
    drop(seen);
    let mut idx = 0;
    pages.retain(|_| {
        idx += 1;
        keep[idx - 1]
    });

    // Sections: one per _index.md, plus a home section if content/_index.md is missing.
    if !pages.iter().any(|p| p.is_section && p.path.is_empty()) {
        pages.insert(0, synthetic_home());
    }
    let mut sections: Vec<Section> = Vec::new();
    let mut section_of_dir: HashMap<PathBuf, usize> = HashMap::new();
    // Home first.
    let home = pages
        .iter()
        .position(|p| p.is_section && p.path.is_empty())
        .unwrap_or(0);
    sections.push(Section {
        index: home,
        pages: Vec::new(),
        subsections: Vec::new(),
    });
    section_of_dir.insert(PathBuf::new(), 0);
    for (i, p) in pages.iter().enumerate() {
        if p.is_section && i != home {
            section_of_dir.insert(p.dir.clone(), sections.len());
            sections.push(Section {
                index: i,
                pages: Vec::new(),
                subsections: Vec::new(),
            });
        }
    }
    // Parent of a section: nearest ancestor folder that is a section.
    for s in 1..sections.len() {
        let dir = pages[sections[s].index].dir.clone();
        let parent = nearest_section(dir.parent(), &section_of_dir);
        sections[parent].subsections.push(s);
        pages[sections[s].index].parent = Some(parent);
    }
    // Pages of one folder come together (they are sorted by key), so the last
    // folder's section is remembered.
    let mut last: Option<(PathBuf, usize)> = None;
    for (i, page) in pages.iter_mut().enumerate() {
        if page.is_section {
            continue;
        }
        let is_bundle = is_index_md(&page.file)
            || page.translation_of.as_ref().is_some_and(|k| {
                k.rsplit('/')
                    .next()
                    .is_some_and(|n| n == "index.md" || n == "_index.md")
            });
        let dir = if is_bundle {
            page.dir.parent()
        } else {
            Some(page.dir.as_path())
        };
        let parent = match (&last, dir) {
            (Some((d, s)), Some(dir)) if d.as_os_str() == dir.as_os_str() => *s,
            _ => {
                let s = nearest_section(dir, &section_of_dir);
                last = dir.map(|d| (d.to_path_buf(), s));
                s
            }
        };
        // A translation belongs to its section for breadcrumbs, but is listed
        // only beside the page it translates, not in the section's listing.
        if page.lang.is_none() {
            sections[parent].pages.push(i);
        }
        page.parent = Some(parent);
    }
    let assets = place_assets(&pages, assets, content_dir);
    Content {
        pages,
        sections,
        assets,
        left_out: Vec::new(),
        not_built: BTreeMap::new(),
    }
}

/// True when `file` is called `index.md` (a bundle's page). Its last bytes
/// are looked at first: asking a path for its file name takes it apart.
fn is_index_md(file: &Path) -> bool {
    file.as_os_str().as_encoded_bytes().ends_with(b"index.md")
        && file.file_name().is_some_and(|n| n == "index.md")
}

pub(super) fn nearest_section(
    mut dir: Option<&Path>,
    section_of_dir: &HashMap<PathBuf, usize>,
) -> usize {
    while let Some(d) = dir {
        if let Some(&s) = section_of_dir.get(d) {
            return s;
        }
        dir = d.parent();
    }
    0
}

pub(super) fn place_assets(pages: &[Page], assets: &[&PathBuf], content_dir: &Path) -> Vec<Asset> {
    let bundles: BTreeMap<&Path, &str> = pages
        .iter()
        .filter(|p| is_index_md(&p.file))
        .map(|p| (p.dir.as_path(), p.path.as_str()))
        .collect();
    assets
        .iter()
        .map(|rel| {
            let dir = rel.parent().unwrap_or(Path::new(""));
            let name = rel
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // A file in a bundle (or below it) goes beside the bundle's page.
            let mut base = None;
            let mut d = Some(dir);
            while let Some(cur) = d {
                if let Some(path) = bundles.get(cur) {
                    let below = dir.strip_prefix(cur).unwrap_or(Path::new(""));
                    base = Some(format!(
                        "{path}{}",
                        crate::paths::rel_key(below)
                            .split('/')
                            .filter(|s| !s.is_empty())
                            .map(|s| format!("{s}/"))
                            .collect::<String>()
                    ));
                    break;
                }
                d = cur.parent();
            }
            let base = base.unwrap_or_else(|| url_dir(dir));
            Asset {
                key: crate::paths::rel_key(rel),
                source: content_dir.join(rel),
                path: format!("{base}{name}"),
            }
        })
        .collect()
}

pub(super) fn synthetic_home() -> Page {
    Page {
        file: PathBuf::from("content/_index.md"),
        key: "_index.md".to_owned(),
        text: String::new(),
        meta: FrontMatter {
            title: "Home".to_owned(),
            ..FrontMatter::default()
        },
        path: String::new(),
        dir: PathBuf::new(),
        parent: None,
        is_section: true,
        lang: None,
        translation_of: None,
        revision: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn folder_urls_are_slugged() {
        assert_eq!(url_dir(Path::new("01-Annual Report")), "annual-report/");
        assert_eq!(url_dir(Path::new("")), "");
    }
}
