//! Output: every file of the built site, held in memory, and the staged write to disk.
//!
//! The last stage. `Output` maps output paths (`briefings/neglect/index.html`) to
//! bytes or to a source file to copy; every path passes the one rule for written
//! paths on the way in ([`crate::paths::check_key`]). `serve` answers HTTP straight
//! from it; `build` writes it with `write_to`, which never touches the target folder
//! until the whole site is on disk beside it, then swaps the two in one step (or,
//! where that is impossible, moves each file into place: see `in_place`). A
//! manifest records what plainsite wrote, so files a person put in the folder are
//! kept, never overwritten, and never deleted; a folder without one is written only
//! when it is empty (see `folder`). `plainsite build` makes the staging folder
//! before it renders and puts each HTML file in it as it is made (see `staging`),
//! so those files are named in the `Output` as copies of themselves; HTML it
//! reads back later waits in a scratch file there (see `spill`).

mod folder;
mod in_place;
pub mod metadata;
mod pieces;
mod spill;
mod staging;
mod write;

pub use folder::{MANIFEST, check_output_folder};
pub use spill::{Spill, Spilled};
pub use staging::Staging;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::PathBuf;

/// The folder, in a site, where plainsite keeps work it can reuse (made images).
/// Its files are never changed once written, so the output may link to them.
pub const CACHE_FOLDER: &str = ".plainsite-cache";

/// Refuses a cache folder (or one of its folders that plainsite writes into)
/// that is a symbolic link: writing the site's image copies through it would
/// write outside the site. `root` is the site's folder.
pub fn check_cache_folder(root: &std::path::Path) -> Result<(), crate::error::Error> {
    let cache = root.join(CACHE_FOLDER);
    for folder in [
        cache.clone(),
        cache.join("images"),
        cache.join("images/icons"),
    ] {
        let Ok(meta) = fs::symlink_metadata(&folder) else {
            return Ok(()); // Not made yet: plainsite makes it as a folder.
        };
        // A file in the way only stops the copies being kept (see `images`).
        if meta.file_type().is_symlink() {
            let shown = folder
                .strip_prefix(root)
                .unwrap_or(&folder)
                .display()
                .to_string();
            return Err(crate::error::Error::usage(
                format!(
                    "{shown} is a symbolic link, so plainsite will not keep its image copies there"
                ),
                format!(
                    "delete {CACHE_FOLDER} (plainsite makes it again as a folder of its own); it should not be shared or committed"
                ),
            ));
        }
    }
    Ok(())
}

/// One output file.
#[derive(Debug, Clone)]
pub enum OutputFile {
    /// Made by the build. Shared, so that a rebuild can keep an unchanged file's
    /// bytes and `serve` can tell they are unchanged without comparing them.
    Bytes(std::sync::Arc<[u8]>),
    /// Copied from this file on disk.
    Copy(PathBuf),
    /// Carried in the binary (the default theme's static files).
    Static(&'static [u8]),
}

/// Every file of a built site.
#[derive(Debug, Clone, Default)]
pub struct Output {
    files: BTreeMap<String, OutputFile>,
    /// Paths that broke the one rule for written paths ([`crate::paths::check_key`]),
    /// with why; never kept, never written.
    rejected: Vec<(String, String)>,
}

impl Output {
    /// An empty output.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file; returns the one it replaced, if any. This is the one place
    /// where paths become output keys: a path that is not a relative key of normal
    /// segments (see [`crate::paths::check_key`]) is not added but kept in
    /// [`Output::rejected`], so the build reports it and nothing is written.
    pub fn insert(&mut self, path: impl Into<String>, file: OutputFile) -> Option<OutputFile> {
        let path = path.into();
        if let Err(why) = crate::paths::check_key(&path) {
            self.rejected.push((path, why));
            return None;
        }
        self.files.insert(path, file)
    }

    /// Adds many files at once, each path checked as [`Output::insert`] checks
    /// it, and gives back those whose path the output already had (or that
    /// came earlier in `files`), in the order given, without adding them.
    /// Sorting the paths and merging them in is quicker than adding 10,000
    /// files one by one.
    pub fn insert_all(&mut self, files: Vec<(String, OutputFile)>) -> Vec<(String, OutputFile)> {
        let mut new = Vec::with_capacity(files.len());
        let mut taken = Vec::new();
        for (at, (path, file)) in files.into_iter().enumerate() {
            if let Err(why) = crate::paths::check_key(&path) {
                self.rejected.push((path, why));
            } else if self.files.contains_key(&path) {
                taken.push((at, path, file));
            } else {
                new.push((at, path, file));
            }
        }
        // Stable, so that of a path given twice the first is added.
        new.sort_by(|a, b| a.1.cmp(&b.1));
        let mut unique: Vec<(String, OutputFile)> = Vec::with_capacity(new.len());
        for (at, path, file) in new {
            if unique.last().is_some_and(|(last, _)| *last == path) {
                taken.push((at, path, file));
            } else {
                unique.push((path, file));
            }
        }
        // From sorted entries the map is built in one pass, then merged in one.
        let mut added: BTreeMap<String, OutputFile> = unique.into_iter().collect();
        self.files.append(&mut added);
        taken.sort_by_key(|(at, _, _)| *at);
        taken
            .into_iter()
            .map(|(_, path, file)| (path, file))
            .collect()
    }

    /// Paths that [`Output::insert`] refused, with why.
    pub fn rejected(&self) -> &[(String, String)] {
        &self.rejected
    }

    /// Takes the file at `path` out of the output.
    pub fn remove(&mut self, path: &str) -> Option<OutputFile> {
        self.files.remove(path)
    }

    /// The file at `path`.
    pub fn get(&self, path: &str) -> Option<&OutputFile> {
        self.files.get(path)
    }

    /// True if `path` is a file of the output.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// True if the output has files under the folder `path` (`news` for
    /// `news/index.html`).
    pub fn has_folder(&self, path: &str) -> bool {
        let prefix = format!("{path}/");
        self.files
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&prefix))
    }

    /// All paths, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// All entries.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &OutputFile)> {
        self.files.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The bytes of the file at `path`, as they are published (a photo copied
    /// from the site without its metadata, see [`metadata`]).
    pub fn read(&self, path: &str) -> Option<io::Result<Cow<'_, [u8]>>> {
        Some(match self.files.get(path)? {
            OutputFile::Bytes(b) => Ok(Cow::Borrowed(b)),
            OutputFile::Static(b) => Ok(Cow::Borrowed(b)),
            OutputFile::Copy(p) => fs::read(p).map(|b| Cow::Owned(metadata::published(path, b))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Output {
        let mut o = Output::new();
        for (p, c) in files {
            o.insert(*p, OutputFile::Bytes(c.as_bytes().into()));
        }
        o
    }

    #[test]
    fn files_added_at_once_are_checked_and_never_replace_one_already_there() {
        let mut o = site(&[("css/site.css", "css")]);
        let bytes = |s: &str| OutputFile::Bytes(s.as_bytes().into());
        let given = vec![
            ("b/index.html".to_owned(), bytes("b")),
            ("css/site.css".to_owned(), bytes("clash")),
            ("../up.html".to_owned(), bytes("out")),
            ("a/index.html".to_owned(), bytes("a1")),
            ("a/index.html".to_owned(), bytes("a2")),
            ("index.html".to_owned(), bytes("home")),
        ];
        let taken = o.insert_all(given);
        let names: Vec<&str> = taken.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names, ["css/site.css", "a/index.html"]);
        let text = |p: &str| {
            String::from_utf8_lossy(&o.read(p).and_then(Result::ok).unwrap_or_default())
                .into_owned()
        };
        assert_eq!(text("css/site.css"), "css");
        assert_eq!(text("a/index.html"), "a1");
        let paths: Vec<&str> = o.paths().collect();
        assert_eq!(
            paths,
            ["a/index.html", "b/index.html", "css/site.css", "index.html"]
        );
        assert_eq!(o.rejected().len(), 1);
        assert_eq!(o.rejected()[0].0, "../up.html");
    }

    #[test]
    fn writes_then_replaces_only_its_own_files() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        site(&[("index.html", "one"), ("a/index.html", "a")])
            .write_to(&public)
            .expect("first");
        fs::write(public.join("mine.txt"), "keep me").expect("user file");
        site(&[("index.html", "two")])
            .write_to(&public)
            .expect("second");
        assert_eq!(
            fs::read_to_string(public.join("index.html")).unwrap_or_default(),
            "two"
        );
        assert_eq!(
            fs::read_to_string(public.join("mine.txt")).unwrap_or_default(),
            "keep me"
        );
        assert!(
            !public.join("a/index.html").exists(),
            "stale generated file removed"
        );
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn a_page_taken_out_leaves_no_empty_folder_but_the_persons_folders_stay() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        site(&[
            ("index.html", "home"),
            ("news/index.html", "news"),
            ("news/one/index.html", "one"),
            ("news/two/index.html", "two"),
            ("old/deep/index.html", "old"),
        ])
        .write_to(&public)
        .expect("first");
        fs::create_dir(public.join("mine")).expect("an empty folder of the person's");
        fs::create_dir(public.join("news/two/notes")).expect("one inside a page's folder");
        fs::write(public.join("old/deep/keep.txt"), "keep me").expect("a file of theirs");
        site(&[("index.html", "home"), ("news/index.html", "news")])
            .write_to(&public)
            .expect("second");
        assert!(
            !public.join("news/one").exists(),
            "the page's folder is gone"
        );
        assert!(public.join("mine").is_dir());
        assert!(public.join("news/two/notes").is_dir());
        assert!(!public.join("news/two/index.html").exists());
        assert_eq!(
            fs::read_to_string(public.join("old/deep/keep.txt")).unwrap_or_default(),
            "keep me"
        );
    }

    #[test]
    fn refuses_to_overwrite_a_file_it_did_not_make() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        site(&[("a.html", "a")]).write_to(&public).expect("first");
        fs::write(public.join("index.html"), "handmade").expect("write");
        let err = site(&[("index.html", "new")])
            .write_to(&public)
            .unwrap_err();
        assert!(err.to_string().contains("did not make"), "{err}");
        assert_eq!(
            fs::read_to_string(public.join("index.html")).unwrap_or_default(),
            "handmade"
        );
    }

    #[test]
    fn cleans_a_leftover_staging_folder() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        let staging = tmp.path().join(".plainsite-staging-public");
        fs::create_dir_all(staging.join("x")).expect("mkdir");
        fs::write(staging.join(MANIFEST), "x/index.html\n").expect("manifest");
        fs::write(staging.join("x/index.html"), "half").expect("file");
        site(&[("index.html", "ok")])
            .write_to(&public)
            .expect("build");
        assert!(!staging.exists());
    }

    #[test]
    fn cleans_a_leftover_killed_while_writing_its_manifest() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let staging = tmp.path().join(".plainsite-staging-public");
        fs::create_dir_all(&staging).expect("mkdir");
        fs::write(staging.join(format!("{MANIFEST}.part")), "x/index.html\n").expect("part");
        site(&[("index.html", "ok")])
            .write_to(&tmp.path().join("public"))
            .expect("build");
        assert!(!staging.exists());
    }

    #[test]
    fn stops_at_a_leftover_with_foreign_files() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        let staging = tmp.path().join(".plainsite-staging-public");
        fs::create_dir_all(&staging).expect("mkdir");
        fs::write(staging.join("notes.txt"), "mine").expect("file");
        assert!(site(&[("index.html", "ok")]).write_to(&public).is_err());
        assert!(staging.join("notes.txt").exists());
    }

    #[test]
    fn in_place_write_keeps_the_persons_files_and_leaves_no_staging() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        site(&[("index.html", "one"), ("old/index.html", "old")])
            .write_to(&public)
            .expect("first");
        fs::create_dir_all(public.join("mine/empty")).expect("mkdir");
        fs::write(public.join("mine/notes.txt"), "keep").expect("write");
        let ours = pieces::read_manifest(&public);
        in_place::write(&site(&[("index.html", "two")]), &public, &ours).expect("in place");
        assert_eq!(
            fs::read_to_string(public.join("index.html")).unwrap_or_default(),
            "two"
        );
        assert!(
            !public.join("old").exists(),
            "a page no longer made is removed"
        );
        assert_eq!(
            fs::read_to_string(public.join("mine/notes.txt")).unwrap_or_default(),
            "keep"
        );
        assert!(public.join("mine/empty").is_dir());
        assert!(!public.join(folder::IN_PLACE_STAGING).exists());
        assert_eq!(
            pieces::read_manifest(&public)
                .into_iter()
                .collect::<Vec<_>>(),
            ["index.html"]
        );
    }

    #[test]
    fn refuses_to_write_a_path_that_leaves_the_folder() {
        let mut o = Output::new();
        for bad in ["/index.html", "../x.html", "about//index.html", ""] {
            assert!(
                o.insert(bad, OutputFile::Bytes(b"x".as_slice().into()))
                    .is_none()
            );
        }
        assert_eq!(o.rejected().len(), 4);
        assert!(o.is_empty());
        let tmp = tempfile::tempdir().expect("tempdir");
        assert!(o.write_to(&tmp.path().join("public")).is_err());
        assert!(!tmp.path().join("public").exists());
    }
}
