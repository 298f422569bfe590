//! Comparing two builds' output: whether open pages must reload, refresh only
//! their styles, or do nothing; and carrying the last search index into a build
//! that left it to be made later.
//!
//! Part of `serve`; it reads outputs and builds nothing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::output::{Output, OutputFile};

use super::watch::Change;

/// What open pages must do after a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    /// Nothing they show changed.
    Nothing,
    /// Only stylesheets changed: refresh styles, keep the page (and its scroll).
    Css,
    /// Reload the page.
    Reload,
}

/// Copies the search index files of `old` that `new` lacks into `new`; returns
/// their paths.
pub(crate) fn carry_search_index(old: &Output, new: &mut Output) -> Vec<String> {
    let prefix = format!("{}/", crate::search::INDEX_DIR);
    let carried: Vec<(String, OutputFile)> = old
        .iter()
        .filter(|(path, _)| path.starts_with(&prefix) && !new.contains(path))
        .map(|(path, file)| (path.to_owned(), file.clone()))
        .collect();
    carried
        .into_iter()
        .map(|(path, file)| {
            new.insert(path.clone(), file);
            path
        })
        .collect()
}

/// Compares two builds. A `Copy` file whose source was touched counts as changed
/// even though its entry is the same. Both outputs are walked once, side by side
/// in path order; the walk stops at the first change that needs a reload (a
/// changed path that is not a stylesheet).
pub(crate) fn compare(old: &Output, new: &Output, root: &Path, touched: &[Change]) -> Update {
    let touched: Vec<PathBuf> = touched.iter().map(|c| c.path.clone()).collect();
    let source_touched = |source: &Path| {
        let rel = source.strip_prefix(root).unwrap_or(source);
        touched.iter().any(|t| rel.starts_with(t))
    };
    let mut update = Update::Nothing;
    let mut note = |path: &str| {
        if path.ends_with(".css") {
            update = Update::Css;
            false
        } else {
            true
        }
    };
    let mut before = old.iter().peekable();
    for (path, file) in new.iter() {
        // Paths of the old build that sort before this one are gone from the new.
        while let Some((gone, _)) = before.next_if(|(p, _)| *p < path) {
            if note(gone) {
                return Update::Reload;
            }
        }
        let was = before.next_if(|(p, _)| *p == path).map(|(_, f)| f);
        let same = match (was, file) {
            (Some(OutputFile::Bytes(a)), OutputFile::Bytes(b)) => Arc::ptr_eq(a, b) || a == b,
            (Some(OutputFile::Static(a)), OutputFile::Static(b)) => a == b,
            (Some(OutputFile::Copy(a)), OutputFile::Copy(b)) => a == b && !source_touched(b),
            _ => false,
        };
        if !same && note(path) {
            return Update::Reload;
        }
    }
    for (gone, _) in before {
        if note(gone) {
            return Update::Reload;
        }
    }
    update
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::state::tests::{change, output};
    use crate::serve::watch::ChangeKind;

    #[test]
    fn asks_for_nothing_when_no_file_changed() {
        let a = output(&[("index.html", "a")]);
        assert_eq!(
            compare(&a, &a.clone(), Path::new("."), &[]),
            Update::Nothing
        );
    }

    #[test]
    fn refreshes_styles_when_only_stylesheets_changed() {
        let a = output(&[("index.html", "a"), ("css/site.css", "x")]);
        let b = output(&[("index.html", "a"), ("css/site.css", "y")]);
        assert_eq!(compare(&a, &b, Path::new("."), &[]), Update::Css);
    }

    #[test]
    fn reloads_when_a_page_changed_appeared_or_went() {
        let a = output(&[("index.html", "a")]);
        let b = output(&[("index.html", "b")]);
        let c = output(&[("index.html", "a"), ("x/index.html", "x")]);
        assert_eq!(compare(&a, &b, Path::new("."), &[]), Update::Reload);
        assert_eq!(compare(&a, &c, Path::new("."), &[]), Update::Reload);
        assert_eq!(compare(&c, &a, Path::new("."), &[]), Update::Reload);
    }

    #[test]
    fn walks_both_builds_in_path_order_wherever_files_came_or_went() {
        let base = [("a.css", "1"), ("m/index.html", "m"), ("z.css", "2")];
        let both_ways = |other: Vec<(&str, &str)>| {
            let (a, b) = (output(&base), output(&other));
            let there = compare(&a, &b, Path::new("."), &[]);
            assert_eq!(there, compare(&b, &a, Path::new("."), &[]));
            there
        };
        // A stylesheet gone (before or after the page): a restyle.
        for gone in ["a.css", "z.css"] {
            let fewer = base.iter().copied().filter(|(p, _)| *p != gone);
            assert_eq!(both_ways(fewer.collect()), Update::Css, "{gone}");
        }
        // A page gone or new anywhere in the order: a reload.
        for page in ["0/index.html", "b/index.html", "zz/index.html"] {
            let more = base.iter().copied().chain([(page, "p")]);
            assert_eq!(both_ways(more.collect()), Update::Reload, "{page}");
        }
        let restyled = vec![("a.css", "1"), ("m/index.html", "m"), ("z.css", "3")];
        assert_eq!(both_ways(restyled), Update::Css);
        let both = vec![("a.css", "0"), ("m/index.html", "n"), ("z.css", "2")];
        assert_eq!(both_ways(both), Update::Reload);
    }

    #[test]
    fn counts_a_touched_copied_file_as_changed() {
        let mut a = Output::new();
        a.insert("css/x.css", OutputFile::Copy("./static/css/x.css".into()));
        let b = a.clone();
        let root = Path::new(".");
        assert_eq!(compare(&a, &b, root, &[]), Update::Nothing);
        let touched = [change("static/css/x.css", ChangeKind::Css)];
        assert_eq!(compare(&a, &b, root, &touched), Update::Css);
    }
}
