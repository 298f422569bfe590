//! The files a build copies as they are: the theme's static files, then the
//! site's `static/` over them.
//!
//! Part of the environment stage (`prepare.rs`). A site can hold thousands of
//! documents to download in `static/`, and walking them, and checking their names,
//! would be paid on every rebuild `serve` makes after an edit. So the walk, with
//! what it found wrong, is kept in the build cache and used again while the
//! watcher sees nothing change below `static/`: links there are followed only to
//! files within it (see [`crate::paths::walk`]), so no change elsewhere can alter
//! what the walk finds.

use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::output::{Output, OutputFile};
use crate::theme::{StaticSource, Theme};

/// One walk of `static/`: each file with its output key, and the warnings and
/// errors about the names met. Kept only when it could read every entry.
#[derive(Debug)]
pub(crate) struct StaticWalk {
    files: Vec<(String, PathBuf)>,
    found: Vec<Diagnostic>,
}

/// Puts the theme's static files into `output`, then the site's `static/`
/// over them, with what is wrong with their names in `diagnostics`. Walks
/// `static/` unless given the last build's walk, `kept`; returns the walk to
/// keep for the next build, if it read every entry.
pub(super) fn copy(
    root: &Path,
    theme: &Theme,
    output: &mut Output,
    kept: Option<StaticWalk>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<StaticWalk> {
    for (path, source) in &theme.static_files {
        let file = match source {
            StaticSource::Disk(p) => OutputFile::Copy(p.clone()),
            StaticSource::Builtin(b) => OutputFile::Static(b),
        };
        output.insert(path.clone(), file);
    }
    let dir = root.join("static");
    if !dir.is_dir() {
        return None;
    }
    let (walk, complete) = match kept {
        Some(walk) => (walk, true),
        None => walk(root, &dir),
    };
    diagnostics.extend(walk.found.iter().cloned());
    for (key, path) in &walk.files {
        if theme.static_files.contains_key(key) && key != "favicon.ico" {
            diagnostics.push(replaces_theme_file(
                key,
                path.strip_prefix(root).unwrap_or(path),
            ));
        }
        output.insert(key.clone(), OutputFile::Copy(path.clone()));
    }
    complete.then_some(walk)
}

/// Walks `static/` (`dir`) as every walker does: site files only, links
/// followed only inside. True with it when every entry could be read.
fn walk(root: &Path, dir: &Path) -> (StaticWalk, bool) {
    let walked = crate::paths::walk(dir);
    let mut found = Vec::new();
    crate::paths::device_names(
        Path::new("static"),
        walked
            .files
            .iter()
            .map(|p| p.strip_prefix(dir).unwrap_or(p)),
        crate::paths::Renaming {
            file: "its web address changes with its name, so change any links to it",
            folder: "the web addresses of the files in it change with it, so change any links to them",
        },
        &mut found,
    );
    for link in &walked.outside {
        found.push(crate::paths::outside_link(link, root));
    }
    for (path, is_folder) in &walked.not_utf8 {
        found.push(crate::paths::not_utf8_name(path, *is_folder, root));
    }
    let complete = walked.errors.is_empty();
    for err in walked.errors {
        let path = err
            .path()
            .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
            .unwrap_or_else(|| "static".into());
        found.push(
            Diagnostic::error(
                crate::rules::FILE,
                path,
                format!("could not be read: {err}"),
            )
            .help("remove the broken or looping link"),
        );
    }
    let files = walked
        .files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(dir).unwrap_or(&path);
            (crate::paths::rel_key(rel), path.clone())
        })
        .collect();
    (StaticWalk { files, found }, complete)
}

/// The warning for a file of `static/` (`file`, relative to the site root) that
/// takes the place of the theme's own file at `key`.
fn replaces_theme_file(key: &str, file: &Path) -> Diagnostic {
    Diagnostic::warning(
        crate::rules::THEME_OVERRIDE,
        file,
        format!("this file replaces the theme's own /{key}"),
    )
    .help(if key.ends_with(".css") {
        "to add to the theme's styles rather than replace them all, rename it static/css/custom.css: it is loaded after the theme's stylesheet"
    } else {
        "rename it if you meant to add a file rather than replace the theme's"
    })
}
