//! Tests of `state`: builds swapped in, early and whole, and what open pages are told.

use super::*;

/// Writes `text` to the file `rel` of the site at `root`, making its folder.
fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A site of one home page, in a temp folder.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "site.yaml",
        "title: Test partnership\nbase_url: https://example.org/\nlanguage: en-GB\n",
    );
    write(
        dir.path(),
        "content/_index.md",
        "---\ntitle: Home\n---\n\nWelcome.\n",
    );
    dir
}

/// The site of [`site`] with a section of notes listed by title ("Apples",
/// "Bees"), and `more` files.
fn notes(more: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = site();
    let notes = [
        (
            "content/notes/_index.md",
            "---\ntitle: Notes\nsort_by: title\n---\n\nAll notes.\n",
        ),
        (
            "content/notes/a.md",
            "---\ntitle: Apples\n---\n\nSome words.\n",
        ),
        (
            "content/notes/b.md",
            "---\ntitle: Bees\n---\n\nMore words.\n",
        ),
    ];
    for (rel, text) in notes.iter().chain(more) {
        write(dir.path(), rel, text);
    }
    dir
}

/// Saves the note "Bees" of [`notes`] as "Wasps", with new words, and builds:
/// what the build gave, and the snapshots shown before it ended.
fn retitle(s: &mut Session, root: &Path) -> (Outcome, Vec<Snapshot>) {
    write(
        root,
        "content/notes/b.md",
        "---\ntitle: Wasps\n---\n\nNew words.\n",
    );
    let saved = [change("content/notes/b.md", ChangeKind::Content)];
    let mut shown = Vec::new();
    let outcome = s.rebuild(&saved, true, &mut |snap| shown.push(snap.clone()));
    (outcome, shown)
}

/// A session of the site at `root` as `serve` keeps it (the search index made
/// after each build), after its first build.
fn built(root: &Path) -> Session {
    let mut s = Session::new(
        BuildOptions {
            root: root.to_path_buf(),
            ..BuildOptions::default()
        },
        None,
    );
    s.defer_search();
    assert!(matches!(
        s.rebuild(&[], false, &mut |_| {}),
        Outcome::Built { .. }
    ));
    s
}

/// An output of `files` (path, text), for tests here and in `compare`.
pub(in crate::serve) fn output(files: &[(&str, &str)]) -> Output {
    let mut o = Output::new();
    for (p, c) in files {
        o.insert(*p, OutputFile::Bytes(c.as_bytes().into()));
    }
    o
}

/// A watcher's change of `p`, for tests here and in `compare`.
pub(in crate::serve) fn change(p: &str, kind: ChangeKind) -> Change {
    Change {
        path: p.into(),
        kind,
    }
}

#[test]
fn keeps_the_last_good_output_when_a_build_fails_and_recovers() {
    let mut s = Session::new(BuildOptions::default(), None);
    let good = |text: &str| {
        Ok(Good {
            output: output(&[("index.html", text)]),
            stats: Stats::default(),
            warnings: Vec::new(),
            sources: Default::default(),
            editor: None,
        })
    };
    s.apply(good("one"), &[], Kept::None, None);
    assert_eq!(s.snapshot().generation, 1);
    let bad = Error::Site(vec![Diagnostic::error(
        crate::rules::BUILD,
        "content/x.md",
        "bad",
    )]);
    assert!(matches!(
        s.apply(Err(bad), &[], Kept::None, None),
        Outcome::Failed(_)
    ));
    let snap = s.snapshot();
    assert!(snap.errors.is_some());
    assert_eq!(snap.reload_generation, 2);
    assert!(snap.output.contains("index.html"), "last good output kept");
    let Outcome::Built { update, .. } = s.apply(good("one"), &[], Kept::None, None) else {
        panic!("expected a good build");
    };
    assert_eq!(update, Update::Reload, "recovery reloads the error page");
    assert!(s.snapshot().errors.is_none());
    assert_eq!(s.snapshot().generation, 3);
}

#[test]
fn a_failed_build_keeps_the_index_the_last_build_left_unmade() {
    let dir = site();
    let write = |rel: &str, text: &str| write(dir.path(), rel, text);
    write("content/a.md", "---\ntitle: A page\n---\n\nSome words.\n");
    let mut s = built(dir.path());
    assert!(s.snapshot().search_pending, "the index is left for later");
    // Another change comes before the index is made, and breaks the site.
    write(
        "content/a.md",
        "---\ntitle: A page\n---\n\nSee [x](missing.md).\n",
    );
    let saved = [change("content/a.md", ChangeKind::Content)];
    assert!(matches!(
        s.rebuild(&saved, true, &mut |_| {}),
        Outcome::Failed(_)
    ));
    assert!(s.finish_search(), "the served pages' index is still made");
    let snap = s.snapshot();
    assert!(!snap.search_pending);
    let prefix = format!("{}/", crate::search::INDEX_DIR);
    assert!(snap.output.paths().any(|p| p.starts_with(&prefix)));
}

#[test]
fn shows_the_edited_page_before_the_listings_it_changed() {
    let dir = notes(&[]);
    let mut s = built(dir.path());
    let before = s.snapshot().clone();
    let text = |snap: &Snapshot, path: &str| match snap.output.get(path) {
        Some(OutputFile::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
        other => panic!("{path}: {other:?}"),
    };

    let (outcome, shown) = retitle(&mut s, dir.path());
    assert!(matches!(
        outcome,
        Outcome::Built {
            update: Update::Reload,
            ..
        }
    ));
    let [early] = &shown[..] else {
        panic!("shown early {} times", shown.len());
    };
    let waiting = early.waiting.as_ref().expect("files left to draw");
    assert!(waiting.contains("notes/index.html"), "{waiting:?}");
    assert!(!waiting.contains("notes/b/index.html"), "{waiting:?}");
    assert!(text(early, "notes/b/index.html").contains("New words."));
    assert_eq!(
        text(early, "notes/index.html"),
        text(&before, "notes/index.html"),
        "the listing holds its last bytes until drawn"
    );
    assert!(early.reload_generation > before.reload_generation);

    let after = s.snapshot();
    assert!(after.waiting.is_none());
    assert!(text(after, "notes/index.html").contains("Wasps"));
    assert_eq!(
        (after.generation, after.reload_generation),
        (early.generation, early.reload_generation),
        "open pages were told once"
    );
}

#[test]
fn a_listing_that_fails_after_the_page_was_shown_brings_back_the_last_good_build() {
    // A listing template that fails for one title only.
    let dir = notes(&[(
        "templates/section.html",
        "{% extends \"base.html\" %}{% block main %}{% for p in page.pages %}\
         {% if p.title == \"Wasps\" %}{{ no_such_function() }}{% endif %}\
         <p>{{ p.title }}</p>{% endfor %}{% endblock %}",
    )]);
    let mut s = built(dir.path());
    let before = s.snapshot().clone();

    let (outcome, shown) = retitle(&mut s, dir.path());
    assert!(matches!(outcome, Outcome::Failed(_)), "{outcome:?}");
    assert_eq!(shown.len(), 1, "the edited page was shown first");
    let after = s.snapshot();
    assert!(after.errors.is_some());
    assert!(after.waiting.is_none());
    assert!(
        Arc::ptr_eq(&after.output, &before.output),
        "the last good build"
    );
    assert!(
        after.reload_generation > shown[0].reload_generation,
        "open pages are told of the error"
    );
}

#[test]
fn skips_the_build_when_only_a_copied_stylesheet_was_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let css = dir.path().join("static/css/x.css");
    std::fs::create_dir_all(css.parent().expect("folder")).expect("mkdir");
    std::fs::write(&css, "p {}").expect("write");
    let mut s = Session::new(
        BuildOptions {
            root: dir.path().to_path_buf(),
            ..BuildOptions::default()
        },
        None,
    );
    let mut o = output(&[("index.html", "a")]);
    o.insert("css/x.css", OutputFile::Copy(css));
    s.apply(
        Ok(Good {
            output: o,
            stats: Stats::default(),
            warnings: Vec::new(),
            sources: Default::default(),
            editor: None,
        }),
        &[],
        Kept::None,
        None,
    );
    let saved = [change("static/css/x.css", ChangeKind::Css)];
    assert!(matches!(s.restyle_only(&saved), Some(Outcome::Restyled)));
    assert_eq!(s.snapshot().generation, 2);
    assert_eq!(s.snapshot().reload_generation, 1);
    let new_file = [change("static/css/new.css", ChangeKind::Css)];
    assert!(
        s.restyle_only(&new_file).is_none(),
        "a new file needs a build"
    );
    let with_page = [
        saved[0].clone(),
        change("content/a.md", ChangeKind::Content),
    ];
    assert!(s.restyle_only(&with_page).is_none());
}

#[test]
fn a_link_changed_while_builds_fail_is_looked_up_again_by_the_next_good_build() {
    let dir = site();
    let root = dir.path();
    write(root, "static/docs/a.txt", "a");
    write(root, "static/docs/b.txt", "b");
    std::os::unix::fs::symlink("a.txt", root.join("static/docs/link.txt")).expect("link");
    let pinned = |s: &Session| s.snapshot().copied.get("docs/link.txt").cloned();
    let real = |rel: &str| std::fs::canonicalize(root.join(rel)).ok();
    let mut s = built(root);
    assert_eq!(pinned(&s), real("static/docs/a.txt"));

    // A page edit leaves the pin as it was, without looking it up.
    write(
        root,
        "content/_index.md",
        "---\ntitle: Home\n---\n\nHello.\n",
    );
    let page = [change("content/_index.md", ChangeKind::Content)];
    assert!(matches!(
        s.rebuild(&page, true, &mut |_| {}),
        Outcome::Built { .. }
    ));
    assert_eq!(pinned(&s), real("static/docs/a.txt"));

    // A failed build, during which the link is moved: the watcher names it to
    // that build only.
    write(
        root,
        "content/_index.md",
        "---\ntitle: [Home\n---\n\nHello.\n",
    );
    std::fs::remove_file(root.join("static/docs/link.txt")).expect("rm");
    std::os::unix::fs::symlink("b.txt", root.join("static/docs/link.txt")).expect("link");
    let both = [
        change("content/_index.md", ChangeKind::Content),
        change("static/docs/link.txt", ChangeKind::Static),
    ];
    assert!(matches!(
        s.rebuild(&both, true, &mut |_| {}),
        Outcome::Failed(_)
    ));

    // The next good build is told of the page only, and still finds the link's
    // new target: after a failed build every copied file is looked up.
    write(
        root,
        "content/_index.md",
        "---\ntitle: Home\n---\n\nHello again.\n",
    );
    assert!(matches!(
        s.rebuild(&page, true, &mut |_| {}),
        Outcome::Built { .. }
    ));
    assert_eq!(pinned(&s), real("static/docs/b.txt"));
}
