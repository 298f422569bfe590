//! Helpers for the `serve` tests: a tiny site in a temp folder, a running preview
//! server, and a raw HTTP/1.1 client (raw, so paths like `/../` reach the server
//! exactly as written).

#![allow(dead_code, unreachable_pub)]

use std::fs;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use plainsite::serve::{ServeOptions, Server};

/// A small site: home, a section with one page, a report page, a topic, and a
/// stylesheet of its own under `static/`.
pub fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    site_at(dir.path());
    dir
}

/// Writes the small site into `root`.
pub fn site_at(root: &Path) {
    let files = [
        (
            "site.yaml",
            "title: Test partnership\nbase_url: https://example.org/\nlanguage: en-GB\nreport_concern:\n  text: Report a concern\n  url: /report/\ncontact:\n  name: Business unit\n  email: unit@example.org\n",
        ),
        ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
        (
            "content/notes/_index.md",
            "---\ntitle: Notes\nsort_by: title\n---\n\nAll notes.\n",
        ),
        (
            "content/notes/first.md",
            "---\ntitle: First note\ndate: 2024-05-01\ntopics: [neglect]\n---\n\nThe first words.\n",
        ),
        (
            "content/report.md",
            "---\ntitle: Report a concern\n---\n\nCall us.\n",
        ),
        ("static/css/extra.css", "p { color: #0b0c0c; }\n"),
        ("static/files/leaflet.pdf", "%PDF-1.4 not really\n"),
    ];
    for (path, text) in files {
        write(root, path, text);
    }
}

/// Writes a file, making its folder.
pub fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(&p, text).expect("write");
}

/// Starts a preview of `root` on a free port, reporting nothing.
pub fn start(root: &Path) -> Server {
    start_with(root, false)
}

/// Starts a preview, polling the files if `poll`.
pub fn start_with(root: &Path, poll: bool) -> Server {
    let options = ServeOptions {
        root: root.to_path_buf(),
        drafts: false,
        bind: [127, 0, 0, 1].into(),
        port: 0,
        poll,
        editor: None,
    };
    Server::start(&options, Arc::new(|_| {})).expect("server starts")
}

/// A response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The body as sent, for files that are not text.
    pub bytes: Vec<u8>,
}

impl Reply {
    /// The value of a header (names compared without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `GET raw_path` exactly as written and reads the whole reply.
pub fn get(address: SocketAddr, raw_path: &str) -> Reply {
    request(address, "GET", raw_path)
}

/// Sends one request and reads the whole reply.
pub fn request(address: SocketAddr, method: &str, raw_path: &str) -> Reply {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    write!(
        stream,
        "{method} {raw_path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    read_reply(&mut stream)
}

/// Reads a reply from a stream whose request said `Connection: close`.
pub fn read_reply(stream: &mut TcpStream) -> Reply {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    parse(&raw)
}

fn parse(raw: &[u8]) -> Reply {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(raw.len(), |at| at + 4);
    let bytes = raw[end..].to_vec();
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_owned(),
        bytes,
    }
}

/// Waits until `ok` is true, for up to ten seconds.
pub fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for {what}");
}

/// Waits until the page at `path` contains `text`.
pub fn wait_for_text(server: &Server, path: &str, text: &str) {
    wait_for(&format!("{path} to show {text:?}"), || {
        get(server.address(), path).body.contains(text)
    });
}

/// The source path of a site file, for messages.
pub fn at(root: &Path, path: &str) -> PathBuf {
    root.join(path)
}

/// An open `/__plainsite/events` stream.
pub struct Events {
    lines: std::io::BufReader<TcpStream>,
}

/// Connects to the server's events, as a page served now would, and waits for
/// the server to answer.
pub fn listen(address: SocketAddr) -> Events {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET /__plainsite/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("send");
    let mut events = Events {
        lines: std::io::BufReader::new(stream),
    };
    while events.line().is_some_and(|l| !l.is_empty()) {}
    events
}

impl Events {
    fn line(&mut self) -> Option<String> {
        use std::io::BufRead;
        let mut line = String::new();
        match self.lines.read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line.trim_end().to_owned()),
        }
    }

    /// Waits for the next event and returns its name.
    pub fn next_event(&mut self) -> String {
        while let Some(line) = self.line() {
            if let Some(name) = line.strip_prefix("event: ") {
                return name.to_owned();
            }
        }
        panic!("the event stream ended");
    }
}
