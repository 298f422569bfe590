//! Themes: the templates, shortcodes, archetypes and static files a site is drawn with.
//!
//! The default theme is carried inside the binary (from the repository's
//! `themes/default/`). A site's own `themes/<name>/` folder on disk replaces it, and
//! files in a site-level `templates/`, `shortcodes/` or `i18n/` folder override the
//! theme's by name. Loading reads files only; templates are compiled by `render`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::error::Error;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a theme file came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk, relative to the site root.
    Disk(PathBuf),
    /// A file carried in the binary, relative to the theme root.
    Builtin(PathBuf),
}

impl Origin {
    /// A path to show in messages.
    pub fn display_path(&self) -> PathBuf {
        match self {
            Origin::Disk(p) => p.clone(),
            Origin::Builtin(p) => Path::new("(built-in default theme)").join(p),
        }
    }
}

/// A text file of the theme (template, shortcode, archetype).
#[derive(Debug, Clone)]
pub struct ThemeText {
    /// Its text.
    pub source: String,
    /// Where it came from.
    pub origin: Origin,
}

/// A static file of the theme.
#[derive(Debug, Clone)]
pub enum StaticSource {
    /// Read from disk when written.
    Disk(PathBuf),
    /// Carried in the binary.
    Builtin(&'static [u8]),
}

/// A loaded theme.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Templates by name (`page.html`, `partials/header.html`).
    pub templates: BTreeMap<String, ThemeText>,
    /// Shortcodes by name (`key_figures` for `shortcodes/key_figures.html`).
    pub shortcodes: BTreeMap<String, ThemeText>,
    /// Archetypes by section name (`briefings` for `archetypes/briefings.md`).
    pub archetypes: BTreeMap<String, ThemeText>,
    /// Static files by output path (`css/site.css`).
    pub static_files: BTreeMap<String, StaticSource>,
    /// The theme's words by language file (`en` for `i18n/en.yaml`).
    pub i18n: BTreeMap<String, ThemeText>,
    /// The theme's own file for a language whose `i18n/` file the site replaces:
    /// the site's words are read over it key by key, so a site that changes one
    /// label keeps the theme's others.
    pub i18n_under: BTreeMap<String, ThemeText>,
    /// Every file read from disk, the theme's and the site's own templates,
    /// shortcodes, archetypes and words, relative to the site root, as the walk
    /// found them: the build warns of names Windows keeps (`con.html`).
    pub files_on_disk: Vec<PathBuf>,
}

impl Theme {
    /// The ids written as they are in the theme's templates (`id="main"`, not
    /// `id="{{ ch.id }}"`): elements the theme puts around a page's content,
    /// whose ids nothing in the content may take.
    pub fn fixed_ids(&self) -> Vec<String> {
        let mut ids = std::collections::BTreeSet::new();
        for text in self.templates.values() {
            for (at, _) in text.source.match_indices(" id=\"") {
                let rest = text.source.get(at + 5..).unwrap_or_default();
                let Some(end) = rest.find('"') else { continue };
                let id = rest.get(..end).unwrap_or_default();
                let plain = id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                if !id.is_empty() && plain {
                    ids.insert(id.to_owned());
                }
            }
        }
        ids.into_iter().collect()
    }

    /// Loads theme `name` for the site at `root`, then applies the site's overrides.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Error> {
        if !crate::paths::is_plain_folder_name(name) {
            return Err(Error::usage(
                format!(
                    "the theme `{}` named in site.yaml is not a folder name",
                    name.escape_debug()
                ),
                "write the name of a folder in themes/ (like `theme: ours` for themes/ours/), or remove the `theme:` line to use the default theme",
            ));
        }
        let dir = root.join("themes").join(name);
        // The theme is part of the site: a link that takes its folder (or
        // themes/ itself) outside the site is not read.
        for folder in [root.join("themes"), dir.clone()] {
            outside_site(root, &folder)?;
        }
        let mut theme = if dir.is_dir() {
            Theme::from_disk(root, &dir)?
        } else if name == "default" {
            Theme::builtin()
        } else {
            return Err(Error::usage(
                format!("the theme `{name}` named in site.yaml is not in themes/{name}/"),
                "remove the `theme:` line to use the default theme, or add the theme's folder",
            ));
        };
        let mut under_words = BTreeMap::new();
        for (kind, map) in [
            ("templates", &mut theme.templates),
            ("shortcodes", &mut theme.shortcodes),
            ("archetypes", &mut theme.archetypes),
            ("i18n", &mut theme.i18n),
        ] {
            let over = root.join(kind);
            outside_site(root, &over)?;
            if over.is_dir() {
                for (name, text) in read_texts(root, &over, kind, &mut theme.files_on_disk)? {
                    if let Some(under) = map.insert(name.clone(), text)
                        && kind == "i18n"
                    {
                        under_words.insert(name, under);
                    }
                }
            }
        }
        theme.i18n_under = under_words;
        Ok(theme)
    }

    /// The theme carried in the binary.
    pub fn builtin() -> Theme {
        let mut theme = Theme::default();
        for file in all_files(&DEFAULT_THEME) {
            let path = file.path();
            let rel = path.to_string_lossy().replace('\\', "/");
            let Some((top, rest)) = rel.split_once('/') else {
                continue;
            };
            let text = || ThemeText {
                source: String::from_utf8_lossy(file.contents()).into_owned(),
                origin: Origin::Builtin(path.to_path_buf()),
            };
            match top {
                "templates" => {
                    theme.templates.insert(rest.to_owned(), text());
                }
                "shortcodes" => {
                    theme.shortcodes.insert(strip_ext(rest), text());
                }
                "archetypes" => {
                    theme.archetypes.insert(strip_ext(rest), text());
                }
                "i18n" => {
                    theme.i18n.insert(strip_ext(rest), text());
                }
                "static" => {
                    theme
                        .static_files
                        .insert(rest.to_owned(), StaticSource::Builtin(file.contents()));
                }
                _ => {}
            }
        }
        theme
    }

    fn from_disk(root: &Path, dir: &Path) -> Result<Theme, Error> {
        let mut theme = Theme::default();
        for (kind, map) in [
            ("templates", &mut theme.templates),
            ("shortcodes", &mut theme.shortcodes),
            ("archetypes", &mut theme.archetypes),
            ("i18n", &mut theme.i18n),
        ] {
            let sub = dir.join(kind);
            outside_site(root, &sub)?;
            if sub.is_dir() {
                *map = read_texts(root, &sub, kind, &mut theme.files_on_disk)?;
            }
        }
        let stat = dir.join("static");
        outside_site(root, &stat)?;
        if stat.is_dir() {
            for path in site_files(root, &stat)? {
                let shown = path.strip_prefix(root).unwrap_or(&path);
                theme.files_on_disk.push(shown.to_path_buf());
                let rel = path.strip_prefix(&stat).unwrap_or(&path);
                theme
                    .static_files
                    .insert(crate::paths::rel_key(rel), StaticSource::Disk(path.clone()));
            }
        }
        Ok(theme)
    }
}

/// The site files under `dir` (see [`crate::paths::walk`]); a link that leads out
/// of the site is an error naming it.
fn site_files(root: &Path, dir: &Path) -> Result<Vec<std::path::PathBuf>, Error> {
    let walked = crate::paths::walk(dir);
    if !walked.outside.is_empty() || !walked.not_utf8.is_empty() {
        let links = walked
            .outside
            .iter()
            .map(|l| crate::paths::outside_link(l, root));
        let names = walked
            .not_utf8
            .iter()
            .map(|(p, is_folder)| crate::paths::not_utf8_name(p, *is_folder, root));
        return Err(Error::Site(links.chain(names).collect()));
    }
    if let Some(e) = walked.errors.into_iter().next() {
        return Err(walk_io(e, dir));
    }
    Ok(walked.files)
}

/// An error when `folder` is a symbolic link that leads outside the site (or to
/// nothing); `Ok` for a real folder, a link inside the site, or nothing there.
fn outside_site(root: &Path, folder: &Path) -> Result<(), Error> {
    let is_link = std::fs::symlink_metadata(folder).is_ok_and(|m| m.file_type().is_symlink());
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if is_link && !crate::paths::inside(&real_root, folder) {
        return Err(Error::Site(vec![crate::paths::outside_link(folder, root)]));
    }
    Ok(())
}

fn walk_io(e: walkdir::Error, dir: &Path) -> Error {
    let path = e.path().unwrap_or(dir).to_path_buf();
    Error::io(
        "read",
        path,
        e.into_io_error()
            .unwrap_or_else(|| std::io::Error::other("symbolic link loop")),
    )
}

/// The text of each archetype of the theme carried in the binary: the content
/// check that finds instruction text `plainsite new` left reads its sentences
/// from here, so an archetype edited is an archetype checked.
pub fn builtin_archetypes() -> impl Iterator<Item = &'static str> {
    DEFAULT_THEME
        .get_dir("archetypes")
        .into_iter()
        .flat_map(|dir| dir.files())
        .filter_map(|file| file.contents_utf8())
}

fn strip_ext(name: &str) -> String {
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_owned()
}

fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut out: Vec<_> = dir.files().collect();
    for d in dir.dirs() {
        out.extend(all_files(d));
    }
    out
}

/// The text files under `dir`, by name, each added to `found` by its path
/// from the site root.
fn read_texts(
    root: &Path,
    dir: &Path,
    kind: &str,
    found: &mut Vec<PathBuf>,
) -> Result<BTreeMap<String, ThemeText>, Error> {
    let mut out = BTreeMap::new();
    for path in site_files(root, dir)? {
        let rel = crate::paths::rel_key(path.strip_prefix(dir).unwrap_or(&path));
        let source = crate::paths::read_text(&path).map_err(|e| Error::io("read", &path, e))?;
        let name = if kind == "templates" {
            rel
        } else {
            strip_ext(&rel)
        };
        let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        found.push(shown.clone());
        out.insert(
            name,
            ThemeText {
                source,
                origin: Origin::Disk(shown),
            },
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_ids_are_the_written_ones_not_those_a_template_fills_in() {
        let mut theme = Theme::builtin();
        let ids = theme.fixed_ids();
        for id in ["main", "toc-title", "page-updates", "attachments-title"] {
            assert!(ids.contains(&id.to_owned()), "{id} in {ids:?}");
        }
        assert!(ids.iter().all(|id| !id.contains('{')), "{ids:?}");
        let source =
            r#"<p id="{{ x }}"></p><div data-id="no"></div><nav id="own-nav"></nav><p id="">"#;
        theme.templates = BTreeMap::from([(
            "page.html".to_owned(),
            ThemeText {
                source: source.to_owned(),
                origin: Origin::Builtin(PathBuf::from("page.html")),
            },
        )]);
        assert_eq!(theme.fixed_ids(), ["own-nav"]);
    }
}
