//! Versions of a page: its translations (`page.ur.md` beside `page.md`) and its
//! Easy Read version (`easy_read:` in front matter).
//!
//! Worked out once per build, after content is loaded and links can be resolved,
//! before pages are rendered. It finds each page's group of translations, checks
//! `easy_read:` targets, and warns of a translation older than its source or
//! with no page to translate. It reads no files and makes no HTML.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::{Content, NotBuilt, Page, SiteLinks};
use crate::error::Diagnostic;
use crate::markdown::{LinkKind, LinkResolution};

/// Translations and Easy Read versions of every page.
#[derive(Debug, Default)]
pub(crate) struct Alternates {
    /// Page → every page of its translation group (itself included), the
    /// default language first, then in the order of `languages:`. Only pages
    /// with at least one translation are here.
    groups: HashMap<usize, Vec<usize>>,
    /// Translation → the page it translates.
    source: HashMap<usize, usize>,
    /// Page → its Easy Read version.
    easy_read: HashMap<usize, usize>,
    /// Easy Read page → the page it is the Easy Read version of.
    full: HashMap<usize, usize>,
}

/// The warning for `page`, a translation of `source` (a key such as
/// `contact/kontakt.md`) that is not a page of this build: it is published on
/// its own, with no language menu and nothing linking to it from the page it
/// was meant to translate. `None` when `source` has an error of its own, which
/// is reported on it.
fn orphan(
    content: &Content,
    by_key: &rustc_hash::FxHashMap<&str, usize>,
    page: &Page,
    source: &str,
) -> Option<Diagnostic> {
    let lang = page.lang.as_deref().unwrap_or_default();
    let expected = file_of(page, source);
    let alone = "so this page is published on its own, with no language menu and no link from the page it translates";
    let (message, help) = match content.not_built.get(source) {
        Some(NotBuilt::Failed) => return None,
        Some(NotBuilt::Draft | NotBuilt::InDraft) => (
            format!(
                "this file is the `{lang}` translation of {}, which is a draft (`draft: true`), {alone}",
                expected.display()
            ),
            format!(
                "add `draft: true` to this translation too, and take it out of both files when {} is ready to publish",
                expected.display()
            ),
        ),
        _ => match same_address(source)
            .into_iter()
            .find(|k| by_key.contains_key(k.as_str()))
        {
            // `about.pl.md` beside a section `about/_index.md`: the page is there,
            // under the other name a page at that address can have.
            Some(there) => {
                let named = there.strip_suffix(".md").unwrap_or(&there);
                (
                    format!(
                        "this file is named as the `{lang}` translation of {}, but the page at that address is {}, {alone}",
                        expected.display(),
                        file_of(page, &there).display()
                    ),
                    format!(
                        "move this file to {}: a translation keeps the file name of the page it translates, with `.{lang}` before `.md`",
                        file_of(page, &format!("{named}.{lang}.md")).display()
                    ),
                )
            }
            None => (
                format!(
                    "this file is named as the `{lang}` translation of {}, but there is no such page, {alone}",
                    expected.display()
                ),
                format!(
                    "write {} in the site's main language; or, if the page it translates has another name, rename this file after it, keeping `.{lang}.md` at the end (a translation keeps the file name of the page it translates); or, if this page is not a translation, take `.{lang}` out of its name",
                    expected.display()
                ),
            ),
        },
    };
    Some(Diagnostic::warning(crate::rules::TRANSLATION, &page.file, message).help(help))
}

/// The other keys a page at the same address as `key` can have: `about.md`,
/// `about/_index.md` and `about/index.md` are all `/about/`.
fn same_address(key: &str) -> Vec<String> {
    let stem = key.strip_suffix(".md").unwrap_or(key);
    let folder = ["_index", "index"]
        .iter()
        .find_map(|n| stem.strip_suffix(n)?.strip_suffix('/'));
    match folder {
        Some(folder) => [".md", "/_index.md", "/index.md"]
            .iter()
            .map(|end| format!("{folder}{end}"))
            .filter(|k| k != key)
            .collect(),
        None if stem.is_empty() => Vec::new(),
        None => vec![format!("{stem}/_index.md"), format!("{stem}/index.md")],
    }
}

/// The file, as messages name it, of content key `key` on the site of `page`.
fn file_of(page: &Page, key: &str) -> PathBuf {
    let mut root = page.file.as_path();
    for _ in page.key.split('/') {
        root = root.parent().unwrap_or(Path::new(""));
    }
    root.join(key)
}

impl Alternates {
    /// Groups translations and resolves `easy_read:`. Errors for an `easy_read:`
    /// that names no page; warnings for translations older than their source.
    /// Both go into `problems`.
    pub(crate) fn new(
        content: &Content,
        config: &Config,
        links: &SiteLinks,
        problems: &mut Vec<Diagnostic>,
    ) -> Alternates {
        let mut out = Alternates::default();
        let by_key: rustc_hash::FxHashMap<&str, usize> = content
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.key.as_str(), i))
            .collect();
        let order = |i: usize| {
            let lang = content.pages[i].lang.as_deref();
            lang.map_or(0, |l| {
                1 + config
                    .languages
                    .iter()
                    .position(|x| x.code == l)
                    .unwrap_or(usize::MAX - 1)
            })
        };
        let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, page) in content.pages.iter().enumerate() {
            let Some(source) = page.translation_of.as_deref() else {
                continue;
            };
            let Some(&s) = by_key.get(source) else {
                problems.extend(orphan(content, &by_key, page, source));
                continue;
            };
            out.source.insert(i, s);
            members.entry(s).or_insert_with(|| vec![s]).push(i);
            let source_page = &content.pages[s];
            if let (Some(theirs), Some(ours)) = (
                source_page.meta.updated,
                page.meta.updated.or(page.meta.date),
            ) && ours < theirs
            {
                let line = page
                    .meta
                    .key_lines
                    .get("updated")
                    .or(page.meta.key_lines.get("date"));
                problems.push(
                    Diagnostic::warning(
                        crate::rules::TRANSLATION_OUTDATED,
                        &page.file,
                        format!(
                            "this translation may be out of date: {} was updated on {theirs}, after this one ({ours})",
                            source_page.file.display()
                        ),
                    )
                    .at_line(line.copied().unwrap_or(1))
                    .help("bring the translation up to date and set its `updated:` date; until then the page says it may be out of date"),
                );
            }
        }
        for (_, mut group) in members {
            group.sort_by_key(|&i| order(i));
            for &i in &group {
                out.groups.insert(i, group.clone());
            }
        }
        for (i, page) in content.pages.iter().enumerate() {
            let Some(target) = page.meta.easy_read.as_deref() else {
                continue;
            };
            let line = page.meta.key_lines.get("easy_read").copied().unwrap_or(1);
            let found = match links.resolve(&page.dir, target, LinkKind::Link) {
                LinkResolution::Rewrite {
                    page: Some(key), ..
                } => by_key.get(key.as_str()).copied(),
                _ => None,
            };
            match found {
                Some(j) if j != i && target.ends_with(".md") => {
                    out.easy_read.insert(i, j);
                    out.full.entry(j).or_insert(i);
                }
                _ => {
                    let help = match links.near_page(&page.dir, target) {
                        Some((key, path)) if key != page.key => format!(
                            "did you mean `easy_read: {}`? Write the Easy Read page's Markdown file, relative to this page",
                            crate::yaml::scalar(&path)
                        ),
                        _ => "write the Easy Read page's Markdown file, relative to this page, like `easy_read: report-a-concern-easy-read.md`".to_owned(),
                    };
                    problems.push(
                        Diagnostic::error(
                            crate::rules::EASY_READ,
                            &page.file,
                            format!("`easy_read: {target:?}` is not another page of the site"),
                        )
                        .at(line, 1)
                        .help(help),
                    );
                }
            }
        }
        out
    }

    /// The pages of page `i`'s translation group, itself included; empty when it
    /// has no translations.
    pub(crate) fn group(&self, i: usize) -> &[usize] {
        self.groups.get(&i).map_or(&[], Vec::as_slice)
    }

    /// The version in language `lang` of page `i` (`None` when it has none).
    pub(crate) fn version_in(&self, content: &Content, i: usize, lang: &str) -> Option<usize> {
        self.group(i)
            .iter()
            .copied()
            .find(|&k| content.pages[k].lang.as_deref() == Some(lang))
    }

    /// The page translation `i` translates.
    pub(crate) fn source(&self, i: usize) -> Option<usize> {
        self.source.get(&i).copied()
    }

    /// Page `i`'s Easy Read version.
    pub(crate) fn easy_read(&self, i: usize) -> Option<usize> {
        self.easy_read.get(&i).copied()
    }

    /// The page that Easy Read page `i` is a version of.
    pub(crate) fn full_version(&self, i: usize) -> Option<usize> {
        self.full.get(&i).copied()
    }

    /// Pages whose view shows page `i`'s title, address or dates.
    pub(crate) fn related(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.group(i)
            .iter()
            .copied()
            .chain(self.easy_read(i))
            .chain(self.full_version(i))
    }
}

#[cfg(test)]
mod tests;
