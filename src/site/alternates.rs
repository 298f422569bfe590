//! Versions of a page: its translations (`page.ur.md` beside `page.md`) and its
//! Easy Read version (`easy_read:` in front matter).
//!
//! Worked out once per build, after content is loaded and links can be resolved,
//! before pages are rendered. It finds each page's group of translations, checks
//! `easy_read:` targets, and warns of a translation older than its source. It
//! reads no files and makes no HTML.

use std::collections::HashMap;

use crate::config::Config;
use crate::content::{Content, SiteLinks};
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
/// `contact/kontakt.md`), which no page of the build has: it is published on
/// its own, with no language menu and nothing linking to it from the page it
/// was meant to translate.
fn orphan(page: &crate::content::Page, source: &str) -> Diagnostic {
    let name = source.rsplit('/').next().unwrap_or(source);
    let expected = page.file.with_file_name(name);
    let lang = page.lang.as_deref().unwrap_or_default();
    Diagnostic::warning(
        crate::rules::TRANSLATION,
        &page.file,
        format!(
            "this file is named as the `{lang}` translation of {}, but there is no such page (or it is a draft), so this page is published on its own, with no language menu and no link from the page it translates",
            expected.display()
        ),
    )
    .help(format!(
        "rename this file after the page it translates, keeping `.{lang}.md` at the end (a translation keeps the file name of the page it translates), or write {} in the site's main language",
        expected.display()
    ))
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
                problems.push(orphan(page, source));
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
mod tests {
    use super::*;
    use crate::content::{FrontMatter, Page, Section};
    use std::path::{Path, PathBuf};

    fn config() -> Config {
        let text = "title: T\nbase_url: https://example.org/\nreport_concern: {text: R, url: /r/}\ncontact: {name: N, email: a@example.org}\nlanguages:\n  - {code: en-GB, name: English}\n  - {code: ur, name: اردو}\n  - {code: cy, name: Cymraeg}\n";
        let raw = crate::yaml::parse(text, Path::new("site.yaml"), 1, "config").expect("yaml");
        Config::from_raw(Path::new("."), raw, text).expect("valid")
    }

    fn page(key: &str, lang: Option<&str>, updated: Option<&str>, easy_read: Option<&str>) -> Page {
        let mut meta = FrontMatter {
            title: key.to_owned(),
            updated: updated.map(|d| d.parse().expect("date")),
            easy_read: easy_read.map(str::to_owned),
            ..FrontMatter::default()
        };
        meta.key_lines.insert("easy_read".to_owned(), 4);
        let stem = key.trim_end_matches(".md");
        let source = lang.map(|l| stem.trim_end_matches(&format!(".{l}")).to_owned());
        Page {
            file: PathBuf::from("content").join(key),
            key: key.to_owned(),
            text: String::new(),
            meta,
            path: match (lang, &source) {
                (Some(l), Some(s)) => format!("{l}/{s}/"),
                _ => format!("{stem}/"),
            },
            dir: PathBuf::new(),
            parent: Some(0),
            is_section: false,
            lang: lang.map(str::to_owned),
            translation_of: source.map(|s| format!("{s}.md")),
            revision: 0,
        }
    }

    fn content(pages: Vec<Page>) -> Content {
        let mut home = page("_index.md", None, None, None);
        home.is_section = true;
        home.path = String::new();
        home.parent = None;
        let mut all = vec![home];
        all.extend(pages);
        Content {
            sections: vec![Section {
                index: 0,
                pages: (1..all.len()).collect(),
                subsections: Vec::new(),
            }],
            pages: all,
            assets: Vec::new(),
            left_out: Vec::new(),
            not_built: Default::default(),
        }
    }

    fn alternates(content: &Content) -> (Alternates, Vec<Diagnostic>) {
        let links = SiteLinks::new(content, "/", Vec::<String>::new());
        let mut problems = Vec::new();
        let a = Alternates::new(content, &config(), &links, &mut problems);
        (a, problems)
    }

    #[test]
    fn groups_translations_in_the_order_of_languages() {
        let c = content(vec![
            page("leaflet.cy.md", Some("cy"), None, None),
            page("leaflet.md", None, None, None),
            page("leaflet.ur.md", Some("ur"), None, None),
            page("alone.md", None, None, None),
            page("orphan.ur.md", Some("ur"), None, None),
        ]);
        let (a, problems) = alternates(&c);
        assert!(problems.is_empty());
        // English, then Urdu, then Welsh, as `languages:` lists them.
        assert_eq!(a.group(1), [2, 3, 1]);
        assert_eq!(a.group(3), [2, 3, 1]);
        assert_eq!(a.source(1), Some(2));
        assert!(
            a.group(4).is_empty(),
            "a page with no translations has no group"
        );
        assert!(
            a.group(5).is_empty(),
            "a translation of no page has no group"
        );
    }

    #[test]
    fn warns_of_a_translation_older_than_its_source() {
        let c = content(vec![
            page("leaflet.md", None, Some("2026-06-01"), None),
            page("leaflet.ur.md", Some("ur"), Some("2026-01-01"), None),
            page("leaflet.cy.md", Some("cy"), Some("2026-06-01"), None),
        ]);
        let (_, problems) = alternates(&c);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].rule, "translation-outdated");
        assert_eq!(problems[0].file, Path::new("content/leaflet.ur.md"));
        assert!(!problems[0].is_error());
    }

    #[test]
    fn links_easy_read_both_ways_and_rejects_hostile_targets() {
        let c = content(vec![
            page("leaflet.md", None, None, Some("leaflet-easy.md")),
            page("leaflet-easy.md", None, None, None),
        ]);
        let (a, problems) = alternates(&c);
        assert!(problems.is_empty());
        assert_eq!(a.easy_read(1), Some(2));
        assert_eq!(a.full_version(2), Some(1));
        for bad in [
            "../../etc/passwd",
            "/etc/passwd",
            "javascript:alert(1)",
            "",
            "leaflet.md",
            "missing.md",
            "https://example.org/x.md",
        ] {
            let c = content(vec![page("leaflet.md", None, None, Some(bad))]);
            let (a, problems) = alternates(&c);
            assert_eq!(problems.len(), 1, "{bad:?}");
            assert!(
                problems[0].is_error() && problems[0].line == Some(4),
                "{bad:?}"
            );
            assert_eq!(a.easy_read(1), None);
        }
    }
}
