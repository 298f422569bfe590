//! Publishing for real hosts, part one: fingerprinted asset names and the links to
//! them, the `changes:` page history, and `lastmod` in the sitemap, on the
//! `publish-hosting` fixture built by the real binary.

mod common;

use std::collections::BTreeSet;

use common::TestSite;

/// Every `href="…"` and `src="…"` value in `text`.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for rest in text.split(attr).skip(1) {
            if let Some(v) = rest.split('"').next() {
                out.push(v.to_owned());
            }
        }
    }
    out
}

/// True for `name.0123456789.ext`.
fn is_fingerprinted(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let parts: Vec<&str> = file.split('.').collect();
    parts.len() >= 3 && {
        let hash = parts[parts.len() - 2];
        hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit())
    }
}

#[test]
fn every_page_links_to_fingerprinted_assets_that_exist() {
    let site = TestSite::new("publish-hosting");
    site.build_ok();
    let files: BTreeSet<String> = site.output_files().into_iter().collect();
    for plain in [
        "css/site.css",
        "css/highlight.css",
        "css/search.css",
        "js/search.js",
    ] {
        assert!(
            !files.contains(plain),
            "{plain} is still written under its plain name"
        );
    }
    let mut seen = BTreeSet::new();
    // Pages, print pages, the 404 page, feeds and the sitemap.
    for file in files
        .iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".xml"))
    {
        let text = site.read_output(file);
        for link in links(&text) {
            let path = link.trim_start_matches("https://hosting.example.org");
            if path.starts_with("/css/") || path.starts_with("/js/") {
                assert!(is_fingerprinted(path), "{file} links to {path}");
                assert!(files.contains(&path[1..]), "{file} links to missing {path}");
                seen.insert(path.to_owned());
            }
        }
    }
    let kinds: BTreeSet<&str> = seen
        .iter()
        .map(|p| p.split('.').next().unwrap_or(""))
        .collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["/css/highlight", "/css/search", "/css/site", "/js/search"])
    );
    // The print page and 404 page share the stylesheet of every page.
    let site_css = seen.iter().find(|p| p.starts_with("/css/site.")).cloned();
    for page in [
        "plan/print/index.html",
        "404.html",
        "procedures/referrals/index.html",
    ] {
        let html = site.read_output(page);
        assert!(html.contains(site_css.as_deref().unwrap_or("?")), "{page}");
    }
}

#[test]
fn names_change_with_the_bytes_and_only_then() {
    let site = TestSite::new("publish-hosting");
    site.build_ok();
    let first = site.checksums();
    site.build_ok();
    assert_eq!(
        site.checksums(),
        first,
        "two builds of the same site differ"
    );
    site.write("static/css/site.css", "body { color: #0b0c0c; }\n");
    site.build_ok();
    let second = site.checksums();
    let css = |sums: &std::collections::BTreeMap<String, u64>| -> Vec<String> {
        sums.keys()
            .filter(|k| k.starts_with("css/site."))
            .cloned()
            .collect()
    };
    assert_eq!(css(&first).len(), 1);
    assert_eq!(css(&second).len(), 1, "the old name is left behind");
    assert_ne!(css(&first), css(&second));
    let home = site.read_output("index.html");
    assert!(home.contains(&format!("/{}", css(&second)[0])));
    // The search script did not change, so neither did its name.
    let js = |sums: &std::collections::BTreeMap<String, u64>| -> Vec<String> {
        sums.keys()
            .filter(|k| k.starts_with("js/"))
            .cloned()
            .collect()
    };
    assert_eq!(js(&first), js(&second));
}

#[test]
fn the_preview_build_keeps_plain_names() {
    let site = TestSite::new("publish-hosting");
    let built = plainsite::build(&plainsite::BuildOptions {
        root: site.root().to_path_buf(),
        fingerprint: false,
        ..plainsite::BuildOptions::default()
    })
    .expect("builds");
    assert!(built.output.contains("css/site.css"));
    let home = built
        .output
        .read("index.html")
        .expect("home")
        .expect("read");
    assert!(String::from_utf8_lossy(&home).contains("href=\"/css/site.css\""));
}

#[test]
fn a_template_naming_a_missing_asset_fails_at_its_line() {
    let site = TestSite::new("publish-hosting");
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .expect("theme");
    // A site-level template overrides the theme's.
    site.write(
        "templates/base.html",
        base.replace("asset(\"css/site.css\")", "asset(\"css/missing.css\")"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("css/missing.css"), "{}", run.stderr);
    assert!(run.stderr.contains("templates/base.html"), "{}", run.stderr);
}

#[test]
fn changes_show_as_a_dated_history_on_the_page_and_in_print() {
    let site = TestSite::new("publish-hosting");
    site.build_ok();
    let page = site.read_output("procedures/referrals/index.html");
    // `updated` comes from the newest change, whatever order they are written in.
    assert!(page.contains(
        "<dt>Last updated</dt> <dd><time datetime=\"2021-02-15\">15 February 2021</time> — <a href=\"#page-updates\">See all updates</a></dd>"
    ));
    let list = page
        .split("id=\"page-updates\"")
        .nth(1)
        .expect("the history");
    let order: Vec<usize> = ["15 February 2021", "2 November 2020", "1 July 2020"]
        .iter()
        .map(|d| list.find(d).expect(d))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{list}");
    let print = site.read_output("plan/print/index.html");
    assert!(print.contains("id=\"page-updates\""));
    assert!(print.contains("Added the second part."));
    // A page with `updated` and no history has no link to one.
    let other = site.read_output("procedures/escalation/index.html");
    assert!(!other.contains("page-updates"));
    let sitemap = site.read_output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://hosting.example.org/procedures/referrals/</loc><lastmod>2021-02-15</lastmod>"), "{sitemap}");
    assert!(sitemap.contains(
        "<loc>https://hosting.example.org/procedures/escalation/</loc><lastmod>2020-09-10</lastmod>"
    ));
    assert!(sitemap.contains("<loc>https://hosting.example.org/a-z/</loc></url>"));
}

#[test]
fn hostile_changes_stop_the_build_at_their_line() {
    let site = TestSite::new("publish-hosting");
    site.write(
        "content/procedures/escalation.md",
        "---\ntitle: Resolving disagreements\ndescription: A page.\nchanges:\n  - date: 2020-13-40\n    note: Bad date.\n  - date: 2020-11-02\n    note: \"\"\n  - date: 2020-11-02\n    note: \"<script>alert(1)</script>\"\n---\nText.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("escalation.md:5:1"), "{}", run.stderr);
    assert!(run.stderr.contains("escalation.md:7:1"), "{}", run.stderr);
    // The markup-like note is not an error; it is shown as text.
    site.write(
        "content/procedures/escalation.md",
        "---\ntitle: Resolving disagreements\ndescription: A page.\nchanges:\n  - date: 2020-11-02\n    note: \"<script>alert(1)</script>\"\n---\nText.\n",
    );
    site.build_ok();
    let page = site.read_output("procedures/escalation/index.html");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn check_warns_when_updated_is_newer_than_the_last_change() {
    let site = TestSite::new("publish-hosting");
    site.write(
        "content/procedures/escalation.md",
        "---\ntitle: Resolving disagreements\ndescription: A page.\nupdated: 2022-01-01\nchanges:\n  - date: 2020-11-02\n    note: Added a contact.\n---\nText.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[updated-unexplained]: content/procedures/escalation.md:4:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_cached_rebuild_links_the_new_name_after_a_stylesheet_changes() {
    let site = TestSite::new("publish-hosting");
    let options = plainsite::BuildOptions {
        root: site.root().to_path_buf(),
        fingerprint: true,
        ..plainsite::BuildOptions::default()
    };
    site.write("static/css/site.css", "body { color: #0b0c0c; }\n");
    let mut cache = plainsite::BuildCache::default();
    plainsite::build_with(&options, &mut cache).expect("first build");
    site.write("static/css/site.css", "body { color: #1b1b1b; }\n");
    let cached = plainsite::build_with(&options, &mut cache).expect("cached build");
    let full = plainsite::build(&options).expect("full build");
    let paths = |o: &plainsite::Output| o.paths().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(paths(&cached.output), paths(&full.output));
    for path in paths(&full.output).iter().filter(|p| p.ends_with(".html")) {
        let a = cached.output.read(path).expect("cached").expect("read");
        let b = full.output.read(path).expect("full").expect("read");
        assert!(a == b, "{path} differs after a cached rebuild");
    }
}
