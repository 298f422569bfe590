//! Test helpers: a fixture site copied to a temporary folder and built with the
//! real binary, so tests see exactly what a user sees.
#![allow(unreachable_pub)]
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fixture site in a temporary folder.
pub struct TestSite {
    dir: tempfile::TempDir,
}

/// What a run of the binary printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl TestSite {
    /// Copies `tests/fixtures/<name>` to a new temporary folder.
    pub fn new(name: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temporary folder");
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&from, dir.path());
        TestSite { dir }
    }

    /// The site's root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the site.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes (or replaces) a file in the site.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, text).expect("write");
    }

    /// Runs `plainsite <args>` in the site's folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_plainsite"))
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .output()
            .expect("run plainsite");
        let root = self.root().display().to_string();
        let norm = |b: &[u8]| {
            let s = String::from_utf8_lossy(b).replace(&root, "[ROOT]");
            // Timings vary from run to run.
            s.lines()
                .map(|l| {
                    if l.starts_with("Built ") {
                        mask_ms(l)
                    } else {
                        l.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: norm(&out.stdout),
            stderr: norm(&out.stderr),
        }
    }

    /// Builds into `public/` and panics with the messages if it fails.
    pub fn build_ok(&self) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    /// Reads a built file.
    pub fn read_output(&self, rel: &str) -> String {
        fs::read_to_string(self.path("public").join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    /// Every file under `public/` with a checksum of its bytes.
    pub fn checksums(&self) -> BTreeMap<String, u64> {
        checksums(&self.path("public"))
    }

    /// The sorted list of files under `public/`.
    pub fn output_files(&self) -> Vec<String> {
        self.checksums().into_keys().collect()
    }
}

/// `text` with each fingerprint of an asset name (`site.0123456789.css`) as
/// `[HASH]`, so that snapshots do not change with every edit of a stylesheet.
pub fn mask_fingerprints(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let hex = bytes.get(i + 1..i + 11).is_some_and(|w| {
            w.iter()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
        });
        if bytes[i] == b'.' && hex && bytes.get(i + 11) == Some(&b'.') {
            out.push_str(".[HASH]");
            i += 11;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The `<main>` element of a page, for snapshots.
pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("</main>") + "</main>".len();
    html[start..end].to_owned()
}

fn mask_ms(line: &str) -> String {
    let words: Vec<String> = line
        .split(' ')
        .collect::<Vec<_>>()
        .windows(2)
        .map(|w| {
            if w[1] == "ms" {
                "[N]".to_owned()
            } else {
                w[0].to_owned()
            }
        })
        .collect();
    let mut s = words.join(" ");
    if let Some(last) = line.split(' ').next_back() {
        s.push(' ');
        s.push_str(last);
    }
    s
}

/// A checksum per file below `dir` (FNV-1a; enough to see any change).
pub fn checksums(dir: &Path) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let bytes = fs::read(entry.path()).expect("read");
            let mut h: u64 = 0xcbf29ce484222325;
            for b in bytes {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x100000001b3);
            }
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, h);
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The titles of the events listed on a built listing page, in order.
pub fn listed_titles(html: &str) -> Vec<String> {
    main_of(html)
        .split("<h2><a href=\"")
        .skip(1)
        .filter_map(|s| s.split('>').nth(1)?.split('<').next().map(str::to_owned))
        .collect()
}

/// Builds `site` as if today were `today` (`YYYY-MM-DD`); the build must succeed.
pub fn build_on(site: &TestSite, today: &str) {
    let run = site.run(&["build", "--today", today]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
