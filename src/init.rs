//! `plainsite init`: a new site with example pages, ready to build.
//!
//! Stands beside the build pipeline, not in it. The starter site (`src/init/starter/`)
//! is carried inside the binary; `init` writes it into a new or empty folder, with
//! today's date and a review date a year on in every page. It does not copy the
//! theme: a site with no `themes/` folder uses the one carried in the binary. It
//! never writes into a folder that has anything in it, and never prints.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use jiff::civil::Date;

use crate::error::Error;
use crate::new::{Stamp, fill_placeholders, write_new};
use crate::theme::{Origin, ThemeText};

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/init/starter");

/// A site that `init` made.
#[derive(Debug, Clone)]
pub struct Created {
    /// The site's folder, as given.
    pub dir: PathBuf,
    /// The files written, relative to `dir`, in order.
    pub files: Vec<PathBuf>,
}

/// Writes the starter site into `dir`, which must be missing or empty. Pages are
/// dated `today`.
pub fn init(dir: &Path, today: Date) -> Result<Created, Error> {
    refuse_unless_empty(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create the folder", dir, e))?;
    let stamp = Stamp::new(None, today);
    let mut files = Vec::new();
    for file in starter_files(&STARTER) {
        let rel = file.path();
        let target = dir.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io("create the folder", parent, e))?;
        }
        let source = String::from_utf8_lossy(file.contents()).into_owned();
        let text = if rel.extension().is_some_and(|e| e == "md") {
            let page = ThemeText {
                source,
                origin: Origin::Builtin(Path::new("starter").join(rel)),
            };
            fill_placeholders(&page, &stamp)?
        } else {
            source
        };
        write_new(&target, &text)?;
        files.push(rel.to_path_buf());
    }
    // An empty folder for leaflets and logos: everything in it is published, so
    // it holds no note of its own (the guide says what it is for).
    let statics = dir.join("static");
    std::fs::create_dir_all(&statics).map_err(|e| Error::io("create the folder", &statics, e))?;
    Ok(Created {
        dir: dir.to_path_buf(),
        files,
    })
}

fn refuse_unless_empty(dir: &Path) -> Result<(), Error> {
    if dir.is_file() {
        return Err(Error::usage(
            format!("{} is a file, not a folder", dir.display()),
            "give the name of a new folder for the site, like `plainsite init my-site`",
        ));
    }
    let mut entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io("read the folder", dir, e)),
    };
    if entries.next().is_some() {
        return Err(Error::usage(
            format!(
                "{} is not empty, so plainsite did not make a site in it",
                if dir == Path::new(".") {
                    "this folder".to_owned()
                } else {
                    dir.display().to_string()
                }
            ),
            "give the name of a new folder, like `plainsite init my-site`, or empty this one first",
        ));
    }
    Ok(())
}

fn starter_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut out: Vec<_> = dir.files().collect();
    for d in dir.dirs() {
        out.extend(starter_files(d));
    }
    out.sort_by_key(|f| f.path());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        "2026-01-15".parse().expect("date")
    }

    #[test]
    fn writes_a_site_into_a_new_folder() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("my-site");
        let created = init(&dir, today()).expect("init");
        assert!(created.files.contains(&PathBuf::from("site.yaml")));
        let page = std::fs::read_to_string(dir.join("content/about/accessibility.md"))
            .expect("accessibility statement");
        assert!(page.contains("date: 2026-01-15"), "{page}");
        assert!(page.contains("review_by: 2027-01-15"), "{page}");
        assert!(!dir.join("themes").exists(), "the theme is built in");
    }

    #[test]
    fn refuses_a_folder_with_anything_in_it() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(tmp.path().join("notes.txt"), "mine").expect("write");
        let Err(Error::Usage { message, .. }) = init(tmp.path(), today()) else {
            panic!("expected a usage error")
        };
        assert!(message.contains("is not empty"), "{message}");
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("notes.txt")).expect("read"),
            "mine"
        );
    }

    #[test]
    fn every_starter_page_has_a_date_and_a_review_date_to_fill() {
        for file in starter_files(&STARTER) {
            if file.path().extension().is_some_and(|e| e == "md") {
                let text = String::from_utf8_lossy(file.contents());
                assert!(
                    text.contains("date: {{ date }}")
                        && text.contains("review_by: {{ review_by }}"),
                    "{} needs `date: {{{{ date }}}}` and `review_by: {{{{ review_by }}}}`",
                    file.path().display()
                );
            }
        }
    }
}
