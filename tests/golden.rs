//! Golden output: the repository site, every fixture the browser suite builds
//! (`theme-*`, `publish-*`, `feeds-*`) and the `init` starter are built with the
//! real binary on a fixed date, and the list of files they write, each with the
//! SHA-256 of its bytes, is compared with `tests/golden/<site>.txt`.
//!
//! Any change to any byte of the built output shows here. When the change is
//! meant, rewrite the expectations with
//! `PLAINSITE_GOLDEN=update cargo test --test golden` and read the diff of
//! `tests/golden/` before committing it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

/// The date every golden build treats as today, so events and review dates do
/// not move with the calendar.
const TODAY: &str = "2025-06-01";

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn updating() -> bool {
    std::env::var("PLAINSITE_GOLDEN").is_ok_and(|v| v == "update")
}

/// Builds the site at `root` into a new folder under `work` and returns the folder.
fn build(root: &Path, work: &Path, name: &str, internal: bool) -> PathBuf {
    let out = work.join(format!("out-{name}"));
    let mut args = vec!["--root".into(), root.display().to_string(), "build".into()];
    if internal {
        args.push("--internal".into());
    }
    args.extend([
        "--today".into(),
        TODAY.into(),
        "--output".into(),
        out.display().to_string(),
    ]);
    let run = Command::new(env!("CARGO_BIN_EXE_plainsite"))
        .args(&args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run plainsite");
    assert!(
        run.status.success(),
        "{name}: build failed ({:?}):\n{}",
        run.status.code(),
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

/// Each file below `dir` (sorted, `/`-separated) with the SHA-256 of its bytes.
fn manifest(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk the output");
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = fs::read(entry.path()).expect("read an output file");
        let digest = Sha256::digest(&bytes);
        let mut hex = String::with_capacity(64);
        for b in digest {
            let _ = write!(hex, "{b:02x}");
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("below the output")
            .to_string_lossy()
            .replace('\\', "/");
        out.insert(rel, hex);
    }
    out
}

fn render(manifest: &BTreeMap<String, String>) -> String {
    manifest
        .iter()
        .map(|(path, hash)| format!("{hash}  {path}\n"))
        .collect()
}

fn parse(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| l.split_once("  "))
        .map(|(hash, path)| (path.to_owned(), hash.to_owned()))
        .collect()
}

/// Compares the output in `dir` with `tests/golden/<name>.txt` (or rewrites
/// it); returns a description of the differences, empty when there are none.
fn compare(name: &str, dir: &Path) -> String {
    let actual = manifest(dir);
    let file = manifest_dir()
        .join("tests/golden")
        .join(format!("{name}.txt"));
    if updating() {
        fs::create_dir_all(file.parent().expect("tests/golden")).expect("mkdir tests/golden");
        fs::write(&file, render(&actual)).expect("write the expectation");
        return String::new();
    }
    let Ok(text) = fs::read_to_string(&file) else {
        return format!(
            "{name}: there is no expectation at {} ({} files built)\n",
            file.display(),
            actual.len()
        );
    };
    let expected = parse(&text);
    let mut report = String::new();
    for (path, hash) in &actual {
        match expected.get(path) {
            None => writeln!(report, "  added:   {path}").expect("write"),
            Some(h) if h != hash => writeln!(report, "  changed: {path}").expect("write"),
            Some(_) => {}
        }
    }
    for path in expected.keys().filter(|p| !actual.contains_key(*p)) {
        writeln!(report, "  removed: {path}").expect("write");
    }
    if report.is_empty() {
        report
    } else {
        format!("{name} ({}):\n{report}", file.display())
    }
}

fn fail_if_any(report: &str) {
    assert!(
        report.is_empty(),
        "the built output differs from the committed expectation:\n{report}\n\
         If the change is meant, rewrite the expectations with\n  \
         PLAINSITE_GOLDEN=update cargo test --test golden\n\
         and read the diff of tests/golden/ before committing it."
    );
}

/// The fixtures `scripts/test.sh` builds for the browser suite.
fn browser_fixtures() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(manifest_dir().join("tests/fixtures"))
        .expect("tests/fixtures")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("theme-") || n.starts_with("publish-") || n.starts_with("feeds-"))
        .collect();
    names.sort();
    names
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk the fixture");
        let rel = entry.path().strip_prefix(from).expect("below the fixture");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn the_repository_site_builds_as_expected() {
    let work = tempfile::tempdir().expect("temporary folder");
    let out = build(manifest_dir(), work.path(), "site", true);
    fail_if_any(&compare("site", &out));
}

#[test]
fn every_browser_fixture_builds_as_expected() {
    let names = browser_fixtures();
    assert!(names.len() >= 10, "only {} fixtures found", names.len());
    let mut report = String::new();
    for name in names {
        // A copy, so that nothing the build keeps (the image cache) lands in tests/.
        let work = tempfile::tempdir().expect("temporary folder");
        let root = work.path().join("site");
        copy_dir(&manifest_dir().join("tests/fixtures").join(&name), &root);
        let out = build(&root, work.path(), &name, false);
        report.push_str(&compare(&name, &out));
    }
    fail_if_any(&report);
}

#[test]
fn the_init_starter_builds_as_expected() {
    let work = tempfile::tempdir().expect("temporary folder");
    let root = work.path().join("starter");
    let today: jiff::civil::Date = TODAY.parse().expect("a date");
    plainsite::init::init(&root, today).expect("init");
    let out = build(&root, work.path(), "starter", true);
    fail_if_any(&compare("starter", &out));
}

/// A comparison that cannot fail would prove nothing: a changed, an added and
/// a removed file must each be named.
#[test]
fn the_comparison_names_changed_added_and_removed_files() {
    if updating() {
        return;
    }
    let work = tempfile::tempdir().expect("temporary folder");
    let dir = work.path();
    let name = "theme-minimal";
    let text = fs::read_to_string(manifest_dir().join(format!("tests/golden/{name}.txt")))
        .expect("the theme-minimal expectation");
    let expected = parse(&text);
    let mut paths = expected.keys();
    let changed = paths.next().expect("a file").clone();
    let removed = paths.next().expect("a second file").clone();
    for (path, _) in expected.iter().filter(|(p, _)| **p != removed) {
        let target = dir.join(path);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::write(&target, b"not the built bytes").expect("write");
    }
    fs::write(dir.join("extra.html"), b"new").expect("write");
    let report = compare(name, dir);
    assert!(report.contains(&format!("changed: {changed}")), "{report}");
    assert!(report.contains(&format!("removed: {removed}")), "{report}");
    assert!(report.contains("added:   extra.html"), "{report}");
}
