//! The preview server's HTTP behaviour: status codes, content types, caching,
//! pretty URLs, the site's 404 page, the reload script, and refusing every attempt
//! to reach a file outside the built site.

mod serve_support;

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use serve_support::{get, request, site, site_at, start, wait_for, wait_for_text, write};

#[test]
fn serves_pages_with_html_type_and_no_caching() {
    let dir = site();
    let server = start(dir.path());
    for path in ["/", "/notes/", "/notes/first/", "/topics/neglect/"] {
        let r = get(server.address(), path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.header("cache-control"), Some("no-store"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
    assert!(
        get(server.address(), "/notes/first/")
            .body
            .contains("The first words.")
    );
}

#[test]
fn gives_each_file_its_content_type() {
    let dir = site();
    let server = start(dir.path());
    let cases = [
        ("/css/site.css", "text/css; charset=utf-8"),
        ("/css/extra.css", "text/css; charset=utf-8"),
        ("/files/leaflet.pdf", "application/pdf"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        (
            "/__plainsite/livereload.js",
            "text/javascript; charset=utf-8",
        ),
    ];
    for (path, kind) in cases {
        let r = get(server.address(), path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(kind), "{path}");
    }
}

#[test]
fn redirects_a_folder_without_its_slash() {
    let dir = site();
    let server = start(dir.path());
    let r = get(server.address(), "/notes/first");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/notes/first/"));
}

#[test]
fn answers_a_missing_page_with_the_themes_404_page() {
    let dir = site();
    let server = start(dir.path());
    let r = get(server.address(), "/no/such/page/");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(
        r.body.contains("There is no page at this address"),
        "{}",
        r.body
    );
    assert_eq!(get(server.address(), "/nothing.css").status, 404);
}

#[test]
fn adds_the_reload_script_to_pages_but_never_to_the_built_output() {
    let dir = site();
    let server = start(dir.path());
    let page = get(server.address(), "/notes/first/").body;
    assert!(
        page.contains("<script src=\"/__plainsite/livereload.js\""),
        "{page}"
    );
    assert!(page.find("livereload.js").unwrap_or(0) < page.rfind("</body>").unwrap_or(0));
    let css = get(server.address(), "/css/site.css").body;
    assert!(!css.contains("livereload"));
    let output = server.output();
    for (path, _) in output.iter() {
        let bytes = output.read(path).and_then(Result::ok).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__plainsite"),
            "{path} carries the preview script"
        );
    }
}

#[test]
fn links_and_feeds_point_at_the_preview() {
    let dir = site();
    let server = start(dir.path());
    let sitemap = get(server.address(), "/sitemap.xml").body;
    assert!(sitemap.contains(&server.url()), "{sitemap}");
    assert!(!sitemap.contains("example.org"));
}

#[test]
fn answers_head_and_refuses_other_methods() {
    let dir = site();
    let server = start(dir.path());
    let head = request(server.address(), "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let post = request(server.address(), "POST", "/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
}

/// A download of a few megabytes, every byte different from its neighbours, so a
/// chunk sent twice or left out shows.
fn large_download(root: &std::path::Path) -> Vec<u8> {
    let bytes: Vec<u8> = (0..5_000_003_u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let path = root.join("static/docs/annual-report.bin");
    std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
    std::fs::write(&path, &bytes).expect("download");
    bytes
}

#[test]
fn sends_a_large_download_whole_and_as_it_is() {
    let dir = site();
    let bytes = large_download(dir.path());
    let server = start(dir.path());
    let r = get(server.address(), "/docs/annual-report.bin");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/octet-stream"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let length = bytes.len().to_string();
    assert_eq!(r.header("content-length"), Some(length.as_str()));
    assert_eq!(r.header("transfer-encoding"), None);
    assert_eq!(r.bytes.len(), bytes.len());
    assert!(r.bytes == bytes, "the download arrives byte for byte");
}

#[test]
fn answers_head_with_the_headers_of_get_and_no_body() {
    let dir = site();
    let bytes = large_download(dir.path());
    let server = start(dir.path());
    for path in [
        "/docs/annual-report.bin",
        "/files/leaflet.pdf",
        "/css/extra.css",
    ] {
        let get = get(server.address(), path);
        let head = request(server.address(), "HEAD", path);
        assert_eq!(head.status, get.status, "{path}");
        assert!(head.bytes.is_empty(), "{path} has no body");
        let length = get.bytes.len().to_string();
        assert_eq!(
            head.header("content-length"),
            Some(length.as_str()),
            "{path}"
        );
        for name in ["content-type", "cache-control", "x-content-type-options"] {
            assert_eq!(head.header(name), get.header(name), "{path}: {name}");
        }
    }
    let head = request(server.address(), "HEAD", "/docs/annual-report.bin");
    let length = bytes.len().to_string();
    assert_eq!(head.header("content-length"), Some(length.as_str()));
    let gone = request(server.address(), "HEAD", "/docs/no-such-report.bin");
    assert_eq!(gone.status, 404);
    assert!(gone.bytes.is_empty());
}

#[test]
fn never_serves_a_file_outside_the_site() {
    let outer = tempfile::tempdir().expect("temp dir");
    let root = outer.path().join("site");
    std::fs::create_dir_all(&root).expect("mkdir");
    site_at(&root);
    write(outer.path(), "secret.txt", "SECRET outside the site");
    std::os::unix::fs::symlink(
        outer.path().join("secret.txt"),
        root.join("static/secret.txt"),
    )
    .expect("symlink");
    write(
        outer.path(),
        "private/passwd",
        "SECRET folder outside the site",
    );
    std::os::unix::fs::symlink(outer.path().join("private"), root.join("static/etc"))
        .expect("symlink");
    let server = start(&root);
    // Links out of the site are errors, in the preview as in `build`.
    let errors = server.errors().unwrap_or_default();
    let named: Vec<String> = errors
        .iter()
        .map(|d| d.file.display().to_string())
        .collect();
    assert!(
        named.contains(&"static/secret.txt".to_owned()) && named.contains(&"static/etc".to_owned()),
        "{errors:?}"
    );
    let attempts = [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/notes/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/.%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/notes%2f..%2f..%2fsecret.txt",
        "/%2fetc%2fpasswd",
        "/..%5csecret.txt",
        "/%5c..%5c..%5cetc%5cpasswd",
        "/..\\secret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/secret.txt",
        "/etc/passwd%00.html",
        "/static/secret.txt",
        &format!("/{}", outer.path().join("secret.txt").display()),
        "http://127.0.0.1/../secret.txt",
    ];
    for raw in attempts {
        let r = get(server.address(), raw);
        assert!(
            // 500: the error page, since the links are errors.
            r.status == 400 || r.status == 404 || r.status == 500,
            "{raw} answered {}",
            r.status
        );
        assert!(!r.body.contains("SECRET"), "{raw} leaked the file");
        assert!(!r.body.contains("root:"), "{raw} leaked /etc/passwd");
    }
}

#[test]
fn keeps_serving_a_thousand_connections_at_once_while_rebuilding() {
    let dir = site();
    let server = start(dir.path());
    let address = server.address();
    let root = dir.path().to_path_buf();
    let editor = std::thread::spawn(move || {
        for i in 0..10 {
            write(
                &root,
                "content/notes/first.md",
                &format!("---\ntitle: First note\ndate: 2024-05-01\n---\n\nEdit {i}.\n"),
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    });
    let mut open = Vec::new();
    for i in 0..1000 {
        let mut s = TcpStream::connect(address).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        let path = ["/", "/notes/first/", "/css/site.css", "/notes/"][i % 4];
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        open.push(s);
    }
    let mut failed = 0;
    for mut s in open {
        if serve_support::read_reply(&mut s).status != 200 {
            failed += 1;
        }
    }
    let _ = editor.join();
    assert_eq!(failed, 0, "requests failed under load");
}

/// Issue 14: a page elsewhere that points its own name at 127.0.0.1 (DNS
/// rebinding) must not be able to read the preview.
#[test]
fn refuses_a_request_for_another_host() {
    let dir = site();
    let server = start(dir.path());
    let port = server.address().port();
    let ask = |host: Option<&str>| {
        let mut stream = TcpStream::connect(server.address()).expect("connect");
        let host = host.map_or(String::new(), |h| format!("Host: {h}\r\n"));
        write!(stream, "GET / HTTP/1.1\r\n{host}Connection: close\r\n\r\n").expect("send");
        serve_support::read_reply(&mut stream)
    };
    let evil = ask(Some(&format!("attacker.example:{port}")));
    assert_eq!(evil.status, 421, "{}", evil.body);
    assert!(evil.body.contains("answers only requests addressed to it"));
    assert!(!evil.body.contains("<html"));
    assert_eq!(
        ask(Some(&format!("127.0.0.1:{}", port.wrapping_add(1)))).status,
        421
    );
    assert_eq!(ask(None).status, 400);
    for good in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        assert_eq!(ask(Some(&good)).status, 200, "{good}");
    }
}

/// `serve` makes the search index after it has answered for the edited page: the
/// index asked for as soon as the page shows the edit already has the edit (the
/// request waits for it), and it is the index a full build makes.
#[test]
fn serves_the_new_search_index_once_the_page_shows_an_edit() {
    let dir = site();
    let server = start(dir.path());
    write(
        dir.path(),
        "content/notes/first.md",
        "---\ntitle: First note\ndate: 2024-05-01\ntopics: [neglect]\n---\n\nThe first words, about zebracorns.\n",
    );
    serve_support::wait_for_text(&server, "/notes/first/", "zebracorns");
    let meta = get(server.address(), "/search-index/meta.json");
    assert_eq!(meta.status, 200);
    let meta: serde_json::Value = serde_json::from_str(&meta.body).expect("meta.json");
    let buckets = meta["buckets"].as_u64().expect("buckets");
    let found = (0..buckets).any(|b| {
        get(server.address(), &format!("/search-index/words/{b}.json"))
            .body
            .contains("zebracorn")
    });
    assert!(
        found,
        "the new word is in the index served right after the page"
    );

    let full = plainsite::build(&plainsite::BuildOptions {
        root: dir.path().to_path_buf(),
        base_url: Some(server.url()),
        internal: true,
        ..plainsite::BuildOptions::default()
    })
    .expect("full build");
    let index = |o: &plainsite::Output| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = o
            .paths()
            .filter(|p| p.starts_with("search-index/"))
            .map(|p| {
                let bytes = o.read(p).expect("listed").expect("read").into_owned();
                (p.to_owned(), bytes)
            })
            .collect();
        files.sort();
        files
    };
    let served = index(&server.output());
    assert!(!served.is_empty());
    assert_eq!(served, index(&full.output), "same index as a full build");
}

#[test]
fn never_serves_a_hidden_file_through_a_link_made_after_the_build() {
    // The preview keeps the last good build while the new one fails on the
    // link, so that build's copy of static/note.txt must not follow the link
    // the file has become to a hidden file of the site.
    let dir = site();
    let root = dir.path();
    write(root, ".env", "SECRET=hunter2");
    write(root, "static/note.txt", "A plain note.");
    let server = start(root);
    wait_for_text(&server, "/note.txt", "A plain note.");
    std::fs::remove_file(root.join("static/note.txt")).expect("remove");
    std::os::unix::fs::symlink("../.env", root.join("static/note.txt")).expect("symlink");
    wait_for("the link to be reported", || {
        server.errors().is_some_and(|errors| {
            errors
                .iter()
                .any(|d| d.file == std::path::Path::new("static/note.txt"))
        })
    });
    let r = get(server.address(), "/note.txt");
    assert!(!r.body.contains("SECRET"), "{} {}", r.status, r.body);
    assert_eq!(r.status, 404, "{}", r.body);
}

#[test]
fn a_link_changed_while_builds_fail_does_not_lead_to_another_site_file() {
    // While a page's error keeps the last good build on show, a copied file
    // turned into a link to site.yaml (a file of the site, not hidden) is still
    // served only as the file the good build copied, or not at all.
    let dir = site();
    let root = dir.path();
    write(root, "static/note.txt", "A plain note.");
    let server = start(root);
    wait_for_text(&server, "/note.txt", "A plain note.");
    write(
        root,
        "content/broken.md",
        "---\ntitle: [unclosed\n---\n\nText.\n",
    );
    wait_for("the broken page to be reported", || {
        server.errors().is_some_and(|errors| {
            errors
                .iter()
                .any(|d| d.file == std::path::Path::new("content/broken.md"))
        })
    });
    std::fs::remove_file(root.join("static/note.txt")).expect("remove");
    std::os::unix::fs::symlink("../site.yaml", root.join("static/note.txt")).expect("symlink");
    // The link is seen and built (and still fails) before the file is asked for.
    std::thread::sleep(Duration::from_millis(600));
    assert!(server.errors().is_some(), "the build still fails");
    let r = get(server.address(), "/note.txt");
    assert!(!r.body.contains("base_url"), "{} {}", r.status, r.body);
    assert_eq!(r.status, 404, "{}", r.body);
}
