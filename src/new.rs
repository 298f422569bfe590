//! `plainsite new`: a new page in a section, made from the section's archetype.
//!
//! Stands beside the build pipeline, not in it: it reads `site.yaml`, the sections
//! under `content/` and the archetypes, then writes exactly one new file. An
//! archetype is a Markdown page in which `{{ title }}`, `{{ date }}` and
//! `{{ review_by }}` are filled in. It never overwrites a file and never prints;
//! the binary reports what was made.

use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::ToSpan;
use jiff::civil::Date;

use crate::config::Config;
use crate::content::{self, CONTENT_DIR, LoadOptions, PageKind};
use crate::error::{Diagnostic, Error};
use crate::paths::windows_device;
use crate::theme::{Theme, ThemeText};

pub mod kind;
mod names;
use names::{device_name, folder_in_other_capitals, no_such_section};

/// The archetype used when a section has none of its own.
pub const DEFAULT_ARCHETYPE: &str = "default";

pub use kind::{BRIEFING_ARCHETYPE, EVENTS_ARCHETYPE};

/// The archetype of a new section's `_index.md` (`plainsite new section NAME`).
pub const SECTION_ARCHETYPE: &str = "_section";

/// A page that `new_page` made.
#[derive(Debug, Clone)]
pub struct NewPage {
    /// The new file, relative to the site root (`content/briefings/think-family.md`).
    pub file: PathBuf,
    /// The web address it will have once the site is built and published.
    pub url: String,
    /// The archetype it was made from, for messages.
    pub archetype: PathBuf,
    /// For a new section, the `page_kind:` it was given.
    pub page_kind: Option<PageKind>,
}

/// What fills an archetype's placeholders.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// `{{ title }}`; `None` where there is no title to give (the starter site).
    pub title: Option<String>,
    /// `{{ date }}`: today.
    pub date: Date,
    /// `{{ review_by }}`: a year on from `date`.
    pub review_by: Date,
    /// `{{ start }}`: four weeks on from `date`, a day an event may be on (a
    /// date in the past would list a new event as over at once).
    pub start: Date,
}

impl Stamp {
    /// Today's date and a review a year on. The title loses what no page may
    /// hold ([`crate::text::is_forbidden`]): a control character becomes a
    /// space, and a noncharacter or direction override goes.
    pub fn new(title: Option<String>, today: Date) -> Stamp {
        let title = title.map(|t| {
            t.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .filter(|&c| !crate::text::is_forbidden(c))
                .collect()
        });
        Stamp {
            title,
            date: today,
            review_by: today.checked_add(1.year()).unwrap_or(today),
            start: today.checked_add(28.days()).unwrap_or(today),
        }
    }
}

/// Makes `content/<section>/<slug>.md` from the section's archetype, dated `today`.
///
/// The section must exist (a folder with an `_index.md`). The archetype is the
/// site's `archetypes/<section>.md`, else the theme's, else (for a section of
/// briefings or of events) the briefings or events archetype, else
/// `archetypes/default.md`.
pub fn new_page(root: &Path, section: &str, title: &str, today: Date) -> Result<NewPage, Error> {
    let config = Config::load(root)?;
    let title = title.trim();
    let slug = crate::text::url_slug(title);
    if slug.is_empty() {
        return Err(no_name(
            title,
            "give the page a title in words, like `plainsite new briefings \"Think Family\"`",
        ));
    }
    let slug = shortened(slug);
    if windows_device(&slug) {
        return Err(device_name(&slug, "page"));
    }
    let content = content::load(
        &LoadOptions {
            root,
            drafts: true,
            internal: true,
            taxonomies: &config.taxonomies,
            languages: &config.translation_codes(),
            language: &config.language,
        },
        // Problems in other pages are `check`'s to report, not `new`'s.
        &mut Vec::new(),
    )?;
    let wanted = section
        .trim()
        .replace('\\', "/")
        .trim_matches('/')
        .trim_start_matches("content/")
        .to_owned();
    let sections: Vec<(&str, &content::Page)> = content
        .sections
        .iter()
        .map(|s| &content.pages[s.index])
        .filter_map(|p| Some((p.key.strip_suffix("/_index.md")?, p)))
        .collect();
    let Some(&(folder, index)) = sections.iter().find(|(folder, _)| *folder == wanted) else {
        let names: Vec<&str> = sections.iter().map(|(f, _)| *f).collect();
        return Err(no_such_section(root, &wanted, &names, title));
    };

    let file = Path::new(CONTENT_DIR)
        .join(folder)
        .join(format!("{slug}.md"));
    let path = format!("{}{slug}/", index.path);
    if let Some(other) = content.pages.iter().find(|p| p.path == path) {
        let message = if other.file == file {
            format!("{} already exists", file.display())
        } else {
            format!(
                "{} already has the address /{path}, so plainsite did not make {}",
                other.file.display(),
                file.display()
            )
        };
        return Err(Error::usage(
            message,
            "plainsite never overwrites a page: open and edit that one, or choose a different title",
        ));
    }

    let theme = Theme::load(root, &config.theme)?;
    let briefing = index.meta.page_kind == Some(PageKind::Briefing);
    let archetype = [
        Some(folder),
        briefing.then_some(BRIEFING_ARCHETYPE),
        (index.meta.page_kind == Some(PageKind::Events)).then_some(EVENTS_ARCHETYPE),
        Some(DEFAULT_ARCHETYPE),
    ]
    .into_iter()
    .flatten()
    .find_map(|name| theme.archetypes.get(name))
    .ok_or_else(|| {
        Error::usage(
            format!("the theme `{}` has no archetypes/default.md", config.theme),
            format!("add archetypes/{folder}.md or archetypes/default.md to the site: a page with `title: {{{{ title }}}}` in its front matter"),
        )
    })?;
    let text = fill_placeholders(archetype, &Stamp::new(Some(title.to_owned()), today))?;
    write_new(&root.join(&file), &text)?;
    Ok(NewPage {
        file,
        url: format!("{}{path}", config.base_url),
        archetype: archetype.origin.display_path(),
        page_kind: None,
    })
}

/// Makes a new section: `content/<slug>/_index.md` from the `_section` archetype,
/// titled `name` and dated `today`, holding the pages `holds` says (by default
/// the kind its name gives, see [`kind::kind_for_name`]). Refuses a name with no letters or
/// digits and a section that exists.
pub fn new_section(
    root: &Path,
    name: &str,
    holds: kind::Holds,
    today: Date,
) -> Result<NewPage, Error> {
    let config = Config::load(root)?;
    let name = name.trim();
    let slug = crate::text::url_slug(name);
    if slug.is_empty() {
        return Err(no_name(
            name,
            "give the section a name in words, like `plainsite new section \"Events\"`",
        ));
    }
    let slug = shortened(slug);
    if windows_device(&slug) {
        return Err(device_name(&slug, "section"));
    }
    if let Some(same) = folder_in_other_capitals(&root.join(CONTENT_DIR), &slug) {
        return Err(Error::usage(
            format!(
                "{CONTENT_DIR}/{same} is there already, and a folder `{slug}` beside it would be the same folder on Windows and macOS"
            ),
            if root
                .join(CONTENT_DIR)
                .join(&same)
                .join("_index.md")
                .is_file()
            {
                format!("add a page to that section with `plainsite new {same} \"Your title\"`")
            } else {
                // A folder with no `_index.md` is no section yet: `new` would not
                // find it, so say how to make it one.
                format!(
                    "rename the folder {CONTENT_DIR}/{same} to `{slug}` and run this again, or delete it if it is empty"
                )
            },
        ));
    }
    let folder = Path::new(CONTENT_DIR).join(&slug);
    let file = folder.join("_index.md");
    if root.join(&file).exists() {
        return Err(Error::usage(
            format!("{} already exists", file.display()),
            format!(
                "the section is there already: add a page to it with `plainsite new {slug} \"Your title\"`"
            ),
        ));
    }
    let theme = Theme::load(root, &config.theme)?;
    let archetype = theme.archetypes.get(SECTION_ARCHETYPE).ok_or_else(|| {
        Error::usage(
            format!("the theme `{}` has no archetypes/{SECTION_ARCHETYPE}.md", config.theme),
            format!("add archetypes/{SECTION_ARCHETYPE}.md to the site: a page with `title: {{{{ title }}}}` in its front matter"),
        )
    })?;
    let text = fill_placeholders(archetype, &Stamp::new(Some(name.to_owned()), today))?;
    let page_kind = holds.for_section(&slug);
    let text = match page_kind {
        Some(kind) => kind::with_page_kind(&text, kind),
        None => text,
    };
    let dir = root.join(&folder);
    // A folder there already may be a link; nothing is written through one
    // that leads out of content/ (the build would not read it either).
    let content_dir = root.join(CONTENT_DIR);
    let content_real = content_dir.canonicalize().unwrap_or(content_dir);
    if std::fs::symlink_metadata(&dir).is_ok() && !crate::paths::leads_within(&content_real, &dir) {
        return Err(Error::usage(
            format!(
                "{} is a symbolic link that leads out of {CONTENT_DIR}/, so plainsite did not write through it",
                folder.display()
            ),
            "remove the link, or choose another name for the section",
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create the folder", &dir, e))?;
    write_new(&root.join(&file), &text)?;
    Ok(NewPage {
        file,
        url: format!("{}{slug}/", config.base_url),
        archetype: archetype.origin.display_path(),
        page_kind,
    })
}

/// The error for a title or name with nothing to make a file name from: no
/// letters or digits, or only letters outside the English alphabet, which web
/// addresses here are written in.
fn no_name(title: &str, help: &str) -> Error {
    if title.chars().any(char::is_alphanumeric) {
        return Error::usage(
            format!(
                "the title {title:?} has no English letters or digits to make a file name from"
            ),
            "give it a title in English letters; a page in another language is a translation, named after the page it translates, like `report-a-concern.ur.md`",
        );
    }
    Error::usage(
        format!("the title {title:?} has no letters or digits to make a file name from"),
        help,
    )
}

/// Most bytes of a new file's name made from a title: a file name may be 255
/// bytes, and a long title makes a long address too.
const MAX_NEW_SLUG: usize = 80;

/// `slug` cut at a hyphen to at most [`MAX_NEW_SLUG`] bytes.
fn shortened(slug: String) -> String {
    if slug.len() <= MAX_NEW_SLUG {
        return slug;
    }
    let cut = slug[..MAX_NEW_SLUG].rfind('-').unwrap_or(MAX_NEW_SLUG);
    slug[..cut].to_owned()
}

/// Writes a file that must not exist yet.
pub(crate) fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::usage(
                    format!("{} already exists", path.display()),
                    "plainsite never overwrites a file: move it away or choose a different name",
                )
            } else {
                Error::io("create", path, e)
            }
        })?;
    f.write_all(text.as_bytes())
        .map_err(|e| Error::io("write", path, e))
}

/// Fills `{{ title }}`, `{{ date }}` and `{{ review_by }}` in an archetype.
///
/// In the front matter the title is written so that YAML reads it back as the same
/// text (quoted when it holds a colon, a `#` or quotes). `{{ anything(else) }}` is
/// left alone, for shortcodes; an unknown bare name is an error at its line.
pub(crate) fn fill_placeholders(archetype: &ThemeText, stamp: &Stamp) -> Result<String, Error> {
    let text = archetype.source.as_str();
    let file = archetype.origin.display_path();
    let front_matter_end = content::split_front_matter(text, &file)
        .map(|s| s.yaml.as_ptr() as usize - text.as_ptr() as usize + s.yaml.len())
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    while let Some(open) = text[rest..].find("{{").map(|i| i + rest) {
        let Some(close) = text[open..].find("}}").map(|i| i + open) else {
            break;
        };
        let name = text[open + 2..close].trim();
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            out.push_str(&text[rest..close + 2]);
            rest = close + 2;
            continue;
        }
        let value = match (name, &stamp.title) {
            ("title", Some(title)) if open < front_matter_end => {
                let quoted = text[..open].ends_with('"') && text[close + 2..].starts_with('"');
                if quoted {
                    crate::yaml::escape_in_double_quotes(title)
                } else {
                    crate::yaml::scalar(title)
                }
            }
            ("title", Some(title)) => title.clone(),
            ("date", _) => stamp.date.to_string(),
            ("review_by", _) => stamp.review_by.to_string(),
            ("start", _) => stamp.start.to_string(),
            _ => {
                let line = text[..open].matches('\n').count() + 1;
                let col = open - text[..open].rfind('\n').map_or(0, |i| i + 1) + 1;
                return Err(Error::Site(vec![
                    Diagnostic::error(
                        crate::rules::ARCHETYPE,
                        file,
                        format!(
                            "the archetype uses `{{{{ {name} }}}}`, which plainsite cannot fill in"
                        ),
                    )
                    .at(line, col)
                    .help(match stamp.title {
                        Some(_) => {
                            "use `{{ title }}`, `{{ date }}`, `{{ review_by }}` or `{{ start }}`"
                        }
                        None => "use `{{ date }}`, `{{ review_by }}` or `{{ start }}`",
                    }),
                ]));
            }
        };
        out.push_str(&text[rest..open]);
        out.push_str(&value);
        rest = close + 2;
    }
    out.push_str(&text[rest..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::Origin;

    fn archetype(source: &str) -> ThemeText {
        ThemeText {
            source: source.to_owned(),
            origin: Origin::Disk(PathBuf::from("archetypes/default.md")),
        }
    }

    fn fill(source: &str, title: &str) -> Result<String, Error> {
        let today: Date = "2024-02-29".parse().expect("date");
        fill_placeholders(
            &archetype(source),
            &Stamp::new(Some(title.to_owned()), today),
        )
    }

    /// Fills the archetype and reads the title back as the build would.
    fn title_read_back(title: &str) -> String {
        let text = fill("---\ntitle: {{ title }}\n---\n", title).expect("filled");
        let file = Path::new("content/a.md");
        let split = content::split_front_matter(&text, file).expect("split");
        content::parse_front_matter(&split, file, false, &[])
            .unwrap_or_else(|e| panic!("{title:?} → {text}: {}", e[0]))
            .title
    }

    #[test]
    fn titles_survive_the_round_trip_through_yaml() {
        for title in [
            "Think Family",
            "Neglect: what to look for",
            "\"Was not brought\" to appointments",
            "Children's voices #2",
            "Yes",
            "2024",
            "- a list?",
            "[Draft] plan",
            "Back\\slash",
            "C'est la vie",
        ] {
            assert_eq!(title_read_back(title), title);
        }
    }

    #[test]
    fn plain_titles_are_not_quoted() {
        let text = fill("---\ntitle: {{ title }}\n---\n", "Think Family").expect("filled");
        assert_eq!(text, "---\ntitle: Think Family\n---\n");
    }

    #[test]
    fn dates_are_today_and_a_year_on() {
        let text = fill(
            "---\ndate: {{date}}\nreview_by: {{ review_by }}\n---\n",
            "A",
        )
        .expect("filled");
        assert_eq!(text, "---\ndate: 2024-02-29\nreview_by: 2025-02-28\n---\n");
    }

    #[test]
    fn the_title_in_the_body_is_left_as_written() {
        let text =
            fill("---\ntitle: {{ title }}\n---\nAbout {{ title }}.\n", "A: B").expect("filled");
        assert!(text.ends_with("About A: B.\n"), "{text}");
    }

    #[test]
    fn a_title_loses_what_no_page_may_hold_in_its_front_matter_and_body() {
        let stamp = Stamp::new(
            Some("\u{202e}evil\u{7}one\u{fffe}".to_owned()),
            Date::constant(2026, 1, 1),
        );
        assert_eq!(stamp.title.as_deref(), Some("evil one"));
    }

    #[test]
    fn a_title_already_in_quotes_is_escaped_not_quoted_again() {
        let text = fill("---\ntitle: \"{{ title }}\"\n---\n", "Say \"no\"").expect("filled");
        assert_eq!(text, "---\ntitle: \"Say \\\"no\\\"\"\n---\n");
    }

    #[test]
    fn shortcodes_are_left_alone() {
        let source = "---\ntitle: {{ title }}\n---\n{{ chart(file=\"a.csv\") }}\n";
        let text = fill(source, "A").expect("filled");
        assert!(text.ends_with("{{ chart(file=\"a.csv\") }}\n"), "{text}");
    }

    #[test]
    fn an_unknown_placeholder_is_named_with_its_line() {
        let Err(Error::Site(d)) = fill("---\ntitle: {{ title }}\n---\n\n{{ author }}\n", "A")
        else {
            panic!("expected an error")
        };
        assert_eq!((d[0].line, d[0].col), (Some(5), Some(1)));
        assert!(d[0].message.contains("author"), "{}", d[0]);
    }
}
