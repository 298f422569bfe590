//! Tests of `http`: request paths, pretty URLs, the scripts added, content types,
//! and waiting for a listing still being drawn.

use super::*;
use crate::output::Output;

fn key(raw: &str) -> Result<String, Rejected> {
    resolve(raw).map(|Target::File(k)| k)
}

#[test]
fn turns_request_paths_into_output_keys() {
    assert_eq!(key("/"), Ok(String::new()));
    assert_eq!(key("/briefings/neglect/"), Ok("briefings/neglect/".into()));
    assert_eq!(key("/css/site.css"), Ok("css/site.css".into()));
    assert_eq!(key("//css//site.css"), Ok("css/site.css".into()));
    assert_eq!(key("/a%20b.pdf"), Ok("a b.pdf".into()));
    assert_eq!(key("/./x/"), Ok("x/".into()));
}

#[test]
fn refuses_paths_that_try_to_leave_the_site() {
    for raw in [
        "/../etc/passwd",
        "/a/../../etc/passwd",
        "/%2e%2e/etc/passwd",
        "/%2E%2E/etc/passwd",
        "/.%2e/x",
        "/a%2f..%2f..%2fetc",
        "/a%2Fb",
        "/..\\..\\etc",
        "/a%5c..%5cb",
        "/a%00b",
        "/%ff",
        "etc/passwd",
    ] {
        assert_eq!(key(raw), Err(Rejected), "{raw}");
    }
    // Double encoding is decoded once: it names a file that does not exist.
    assert_eq!(key("/%252e%252e/etc"), Ok("%2e%2e/etc".into()));
}

#[test]
fn resolves_pretty_urls() {
    let mut o = Output::new();
    o.insert("index.html", OutputFile::Static(b"home"));
    o.insert("a b/index.html", OutputFile::Static(b"x"));
    o.insert("css/site.css", OutputFile::Static(b"x"));
    let snap = Snapshot {
        output: Arc::new(o),
        ..Snapshot::default()
    };
    let find = |k: &str| lookup(&snap, k.to_owned());
    assert_eq!(find(""), Lookup::Found("index.html".into()));
    assert_eq!(find("a b/"), Lookup::Found("a b/index.html".into()));
    assert_eq!(find("a b"), Lookup::Redirect("/a%20b/".into()));
    assert_eq!(find("css/site.css"), Lookup::Found("css/site.css".into()));
    assert_eq!(find("css/site.css/"), Lookup::Missing);
    assert_eq!(find("nope"), Lookup::Missing);
}

/// Asks the handler for `path`, as the server would.
async fn get(app: &App, path: &str) -> (StatusCode, String) {
    let request = Request::get(path).body(Body::empty()).expect("request");
    let response = site_file(State(app.clone()), request).await;
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[test]
fn a_listing_still_being_drawn_is_answered_once_it_is_drawn() {
    let html = |words: &str| OutputFile::Bytes(format!("<body>{words}</body>").into_bytes().into());
    let mut early = Output::new();
    early.insert("index.html", html("the edited page"));
    early.insert("notes/index.html", html("the last listing"));
    let waiting = ["notes/index.html".to_owned()].into_iter().collect();
    let (tx, rx) = watch::channel(Snapshot {
        output: Arc::new(early),
        waiting: Some(Arc::new(waiting)),
        ..Snapshot::default()
    });
    let app = App {
        snapshots: rx,
        root: Arc::new(PathBuf::from("/")),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let (status, page) = get(&app, "/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("the edited page"), "{page}");
        let listing = tokio::spawn({
            let app = app.clone();
            async move { get(&app, "/notes/").await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!listing.is_finished(), "answered before it was drawn");
        let mut done = Output::new();
        done.insert("index.html", html("the edited page"));
        done.insert("notes/index.html", html("the new listing"));
        tx.send_modify(|s| {
            s.output = Arc::new(done);
            s.waiting = None;
        });
        let (status, listing) = listing.await.expect("answered");
        assert_eq!(status, StatusCode::OK);
        assert!(listing.contains("the new listing"), "{listing}");
    });
}

#[test]
fn adds_the_reload_script_before_the_end_of_body() {
    let html = b"<html><body><p>x</p></body></html>";
    let out = inject(html, "<script></script>");
    assert_eq!(
        String::from_utf8_lossy(&out),
        "<html><body><p>x</p><script></script>\n</body></html>"
    );
    let bare = inject(b"<p>x</p>", "<s>");
    assert_eq!(String::from_utf8_lossy(&bare), "<p>x</p><s>\n");
}

#[test]
fn names_content_types_by_extension() {
    assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
    assert_eq!(content_type("css/site.css"), "text/css; charset=utf-8");
    assert_eq!(content_type("atom.xml"), "application/xml");
    assert_eq!(content_type("report.PDF"), "application/pdf");
    assert_eq!(content_type("LICENSE"), "application/octet-stream");
}
