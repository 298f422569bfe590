//! Reliability: big input, interrupted builds, full and read-only disks, vanished
//! files, and hostile text in front matter. Each test says what it proves; the
//! figures they print are quoted in docs/reliability.md.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{TestSite, checksums};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_plainsite"));
    c.env("NO_COLOR", "1");
    c
}

/// A site of `pages` pages, each with a table, so a build takes a measurable while.
fn bulk_site(site: &TestSite, pages: usize) {
    let rows: String = (0..40)
        .map(|r| format!("| row {r} | {} | {} |\n", r * 3, r * 7))
        .collect();
    for i in 0..pages {
        site.write(
            &format!("content/news/bulk-{i:04}.md"),
            format!("---\ntitle: Bulk page {i}\ndate: 2020-01-01\ntopics: [bulk]\n---\n## Figures\n\nTable: Figures for page {i}\n\n| Name | A | B |\n|---|---|---|\n{rows}\n"),
        );
    }
}

#[test]
fn survives_sigkill_at_random_moments() {
    let site = TestSite::new("basic");
    bulk_site(&site, 250);
    site.build_ok();
    let before = site.checksums();
    let original = fs::read(site.path("content/news/02-item.md")).expect("read");
    // Change every page, so an interrupted build would leave a mix if it wrote in place.
    site.write(
        "content/news/02-item.md",
        "---\ntitle: News item 2 (changed)\nslug: item-2\ndate: 2020-02-15\n---\nChanged.\n",
    );
    // Kill anywhere from the start to a little after the usual end of a build, so
    // some kills land while writing, some around the swap, some after it.
    // A build's usual time is the fastest of three: one slow build on a busy
    // machine would otherwise stretch every delay past the end of the builds.
    let typical = (0..3)
        .map(|_| {
            let started = std::time::Instant::now();
            site.build_ok();
            started.elapsed().as_millis() as u64
        })
        .min()
        .unwrap_or(1);
    let mut span = typical * 13 / 10 + 1;
    let mut seed: u64 = 0x5eed;
    let mut killed_mid_build = 0;
    let mut new_site_seen = 0;
    let mut rounds = 0;
    // At least 25 rounds, and more (up to 100) until 10 kills have landed during a
    // build: how many do depends on how busy the machine is.
    while rounds < 25 || (killed_mid_build < 10 && rounds < 100) {
        let round = rounds;
        rounds += 1;
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = Duration::from_millis((seed >> 33) % span);
        let mut child = bin()
            .arg("build")
            .current_dir(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let finished = child.try_wait().expect("wait").is_some();
        let _ = child.kill();
        let _ = child.wait();
        if finished {
            // Builds are quicker than the delays: aim earlier next time.
            span = (span * 9 / 10).max(5);
        } else {
            killed_mid_build += 1;
        }
        let now = site.checksums();
        // The folder is always one complete site: the previous one or the new one,
        // never a mix and never missing.
        let manifest = fs::read_to_string(site.path("public/.plainsite-manifest"))
            .expect("manifest after kill");
        for line in manifest.lines().filter(|l| !l.starts_with('#')) {
            assert!(
                now.contains_key(line),
                "round {round}: {line} listed but missing"
            );
        }
        let is_old = now == before;
        let changed = site
            .read_output("news/item-2/index.html")
            .contains("(changed)");
        assert!(
            is_old || changed,
            "round {round}: public/ is neither the old nor the new site"
        );
        // Put the old site back for the next round, so every round can be interrupted.
        if !is_old {
            new_site_seen += 1;
            site.write("content/news/02-item.md", &original);
            site.build_ok();
            assert!(
                site.checksums() == before,
                "round {round}: rebuilding the old content did not give the old site"
            );
            site.write("content/news/02-item.md", "---\ntitle: News item 2 (changed)\nslug: item-2\ndate: 2020-02-15\n---\nChanged.\n");
        }
    }
    // The next build succeeds and leaves no staging folder behind.
    site.build_ok();
    assert!(
        site.read_output("news/item-2/index.html")
            .contains("(changed)")
    );
    let leftovers: Vec<_> = fs::read_dir(site.root())
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".plainsite-"))
        // The site's cache (made icons) is kept on purpose.
        .filter(|e| e.file_name() != ".plainsite-cache")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    println!(
        "sigkill: {rounds} kills ({killed_mid_build} during a build, {new_site_seen} after the new site was in place; typical build {typical} ms), public/ complete after every one"
    );
    assert!(
        killed_mid_build >= 10,
        "too few kills landed during a build ({killed_mid_build}); the test proves little"
    );
}

#[test]
fn a_five_megabyte_page_and_a_five_thousand_row_table_build() {
    let site = TestSite::new("basic");
    let paragraph =
        "Partners share what they know so that a child gets the right help at the right time. "
            .repeat(12);
    let mut big = String::from("---\ntitle: Big page\n---\n");
    while big.len() < 5 * 1024 * 1024 {
        big.push_str("## Part\n\n");
        big.push_str(&paragraph);
        big.push_str("\n\n");
    }
    site.write("content/news/big.md", &big);
    let mut table = String::from(
        "---\ntitle: Big table\n---\nTable: Five thousand rows\n\n| Row | Value |\n|---|---|\n",
    );
    for i in 0..5000 {
        table.push_str(&format!("| {i} | {} |\n", i * 2));
    }
    site.write("content/news/table.md", &table);
    site.build_ok();
    assert!(
        site.read_output("news/table/index.html")
            .matches("<tr>")
            .count()
            >= 5001
    );
    assert!(
        fs::metadata(site.path("public/news/big/index.html"))
            .expect("big page")
            .len()
            > 5_000_000
    );
}

#[test]
fn a_vanished_file_gives_a_clear_message() {
    // A link whose file is gone behaves like a file deleted mid-build: it cannot be read.
    let site = TestSite::new("basic");
    std::os::unix::fs::symlink("gone.md", site.path("content/news/renamed.md")).expect("symlink");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/news/renamed.md"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("could not be read"), "{}", run.stderr);
}

#[test]
fn a_site_read_by_many_readers_keeps_every_page_and_names_each_bad_file_once() {
    // 300 pages: more than the count at which Markdown files are read by a pool
    // of threads larger than the build's own. Nothing may be lost or doubled.
    let site = TestSite::new("basic");
    for i in 0..300 {
        site.write(
            &format!("content/news/bulk-{i:03}.md"),
            format!("---\ntitle: Bulk item {i}\ndate: 2021-02-03\n---\nText of item {i}.\n"),
        );
    }
    let run = site.build_ok();
    assert!(run.stdout.contains("Built 304 pages"), "{}", run.stdout);
    for i in [0, 150, 299] {
        assert!(
            site.read_output(&format!("news/bulk-{i:03}/index.html"))
                .contains(&format!("Text of item {i}.")),
            "page {i}"
        );
    }
    site.write(
        "content/news/bulk-100.md",
        b"---\ntitle: Bad\n---\n\xff\xfe\n",
    );
    fs::remove_file(site.path("content/news/bulk-200.md")).expect("remove");
    std::os::unix::fs::symlink("gone.md", site.path("content/news/bulk-200.md")).expect("symlink");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for name in ["bulk-100.md", "bulk-200.md"] {
        assert_eq!(run.stderr.matches(name).count(), 1, "{}", run.stderr);
    }
    assert!(run.stderr.contains("is not UTF-8"), "{}", run.stderr);
    assert!(run.stderr.contains("could not be read"), "{}", run.stderr);
}

/// Mounts a small tmpfs (root only); `None` where this machine does not allow it.
struct Mount(std::path::PathBuf);
impl Mount {
    fn tmpfs(dir: &Path, size: &str) -> Option<Mount> {
        fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .ok()?
            .success();
        ok.then(|| Mount(dir.to_path_buf()))
    }
    fn read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}
impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_gives_a_clear_message_and_keeps_the_old_site() {
    let site = TestSite::new("basic");
    let Some(_mount) = Mount::tmpfs(&site.path("disk"), "600k") else {
        eprintln!("skipped: this machine does not allow mounting a tmpfs (needs root)");
        return;
    };
    let out = site.path("disk/public");
    let run = site.run(&["build", "--output", "disk/public"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = checksums(&out);
    site.write("static/video.bin", vec![7u8; 500 * 1024]);
    let run = site.run(&["build", "--output", "disk/public"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("No space left on device"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("disk/"), "{}", run.stderr);
    assert_eq!(before, checksums(&out), "the previous site changed");
    let names: Vec<_> = fs::read_dir(site.path("disk"))
        .expect("list")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("public")],
        "a half-written folder was left"
    );
}

#[test]
fn a_read_only_disk_gives_a_clear_message() {
    let site = TestSite::new("basic");
    let Some(mount) = Mount::tmpfs(&site.path("ro"), "1m") else {
        eprintln!("skipped: this machine does not allow mounting a tmpfs (needs root)");
        return;
    };
    assert!(mount.read_only());
    let run = site.run(&["build", "--output", "ro/public"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("Read-only file system"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ro/"), "{}", run.stderr);
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let site = TestSite::new("basic");
    site.write(
        "content/news/hostile.md",
        "---\ntitle: \"Quotes \\\" and 'single' & <script>alert(1)</script>\"\ndescription: \"<img src=x onerror=alert(1)> & more\"\ndate: 2020-05-01\ntopics: [\"<b>bold</b>\"]\n---\n[click](https://example.org/) and <script>alert(2)</script>\n",
    );
    site.build_ok();
    let html = site.read_output("news/hostile/index.html");
    assert!(
        !html.contains("<script>alert"),
        "a script got through:\n{html}"
    );
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(!html.contains("href=\"javascript:"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("&amp; more"));
    let listing = site.read_output("news/index.html");
    assert!(!listing.contains("<script>alert") && !listing.contains("<b>bold</b>"));
    let sitemap = site.read_output("sitemap.xml");
    assert!(!sitemap.contains('<') || sitemap.matches("<url>").count() > 0);
    // A script address is an error at its place, and the last good site stays.
    site.write(
        "content/news/hostile.md",
        "---\ntitle: Hostile\ndate: 2020-05-01\n---\n[click](javascript:alert(1))\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/news/hostile.md:5:1: broken link: the address \"javascript:alert(1)\" starts with `javascript:`"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read_output("news/hostile/index.html"), html);
}
