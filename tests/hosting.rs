//! Publishing for real hosts, part two: the redirect and header files `hosting:`
//! makes, each read back by a parser for its format: a line parser for Netlify's
//! and Cloudflare's `_redirects` and `_headers`, a schema check for Azure's
//! `staticwebapp.config.json`, and Debian's own Apache httpd and nginx, which
//! check the files (`apachectl -t`, `nginx -t`) and then serve the site so the
//! redirects and headers can be asked for over HTTP.
//!
//! Without `apache2`/`nginx` installed those two tests say so and pass, unless
//! `PLAINSITE_HOST_TOOLS=require` (as `scripts/test.sh` sets it) makes that a failure.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use common::TestSite;

/// The fixture with `hosting:` set to `host`, built into `public/`.
fn built_for(host: &str) -> TestSite {
    let site = TestSite::new("publish-hosting");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        yaml.replace("hosting: netlify", &format!("hosting: {host}")),
    );
    site.build_ok();
    site
}

const HOST_FILES: [&str; 6] = [
    "_redirects",
    "_headers",
    "staticwebapp.config.json",
    ".htaccess",
    "nginx.conf",
    ".nojekyll",
];

fn host_files(site: &TestSite) -> Vec<&'static str> {
    HOST_FILES
        .into_iter()
        .filter(|f| site.path("public").join(f).exists())
        .collect()
}

/// Reads `_redirects`: `(from, to, status)` per rule; panics on a line that is
/// not a comment or `from to status`.
fn parse_redirects(text: &str) -> Vec<(String, String, String)> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(f.len(), 3, "not `from to status`: {l:?}");
            assert!(f[0].starts_with('/') && f[1].starts_with('/'), "{l:?}");
            (f[0].to_owned(), f[1].to_owned(), f[2].to_owned())
        })
        .collect()
}

/// Reads `_headers`: `(path, [(name, value)])` per block; panics on anything else.
fn parse_headers(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut blocks: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        if let Some(header) = line.strip_prefix("  ") {
            let (name, value) = header.split_once(": ").expect("`Name: value`");
            assert!(
                name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
                "{name:?}"
            );
            let block = blocks.last_mut().expect("a header before any path");
            block.1.push((name.to_owned(), value.to_owned()));
        } else {
            assert!(
                line.starts_with('/') && !line.contains(' '),
                "not a path: {line:?}"
            );
            blocks.push((line.to_owned(), Vec::new()));
        }
    }
    blocks
}

/// The output file a site path is served from.
fn served(site: &TestSite, path: &str) -> PathBuf {
    let rel = path.trim_start_matches('/');
    let p = site.path("public").join(rel);
    if path.ends_with('/') {
        p.join("index.html")
    } else {
        p
    }
}

#[test]
fn netlify_and_cloudflare_files_parse_and_point_at_real_files() {
    for (host, status) in [("netlify", "301!"), ("cloudflare", "301")] {
        let site = built_for(host);
        assert_eq!(host_files(&site), ["_redirects", "_headers"], "{host}");
        let rules = parse_redirects(&site.read_output("_redirects"));
        let expected = [
            ("/old/referrals/", "/procedures/referrals/"),
            ("/old/referrals", "/procedures/referrals/"),
            ("/referrals.html", "/procedures/referrals/"),
        ];
        assert_eq!(rules.len(), expected.len(), "{host}: {rules:?}");
        for ((from, to, st), (want_from, want_to)) in rules.iter().zip(expected) {
            assert_eq!(
                (from.as_str(), to.as_str(), st.as_str()),
                (want_from, want_to, status)
            );
            assert!(served(&site, to).is_file(), "{to} is not a page");
        }
        let blocks = parse_headers(&site.read_output("_headers"));
        assert_eq!(blocks[0].0, "/*");
        let names: Vec<&str> = blocks[0].1.iter().map(|(n, _)| n.as_str()).collect();
        for needed in [
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "Referrer-Policy",
        ] {
            assert!(names.contains(&needed), "{host}: {names:?}");
        }
        let csp = &blocks[0].1[0].1;
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
        // Stylesheets and scripts, and the three icons a page links.
        assert_eq!(blocks.len(), 8, "{host}: one block per fingerprinted asset");
        for (path, headers) in &blocks[1..] {
            assert!(served(&site, path).is_file(), "{path} is not a file");
            assert_eq!(headers[0].0, "Cache-Control");
        }
    }
}

#[test]
fn azure_config_matches_the_schema() {
    let site = built_for("azure");
    assert_eq!(host_files(&site), ["staticwebapp.config.json"]);
    let text = site.read_output("staticwebapp.config.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let top = doc.as_object().expect("an object");
    // The keys and value types of Azure Static Web Apps' configuration schema.
    let allowed = [
        "routes",
        "navigationFallback",
        "responseOverrides",
        "globalHeaders",
        "mimeTypes",
        "platform",
        "networking",
        "auth",
        "trailingSlash",
        "forwardingGateway",
    ];
    for key in top.keys() {
        assert!(allowed.contains(&key.as_str()), "unknown key {key}");
    }
    let headers = top["globalHeaders"]
        .as_object()
        .expect("globalHeaders is a map");
    assert!(headers.values().all(serde_json::Value::is_string));
    assert!(
        headers["Content-Security-Policy"]
            .as_str()
            .is_some_and(|v| v.contains("default-src 'self'"))
    );
    let routes = top["routes"].as_array().expect("routes is a list");
    let route_keys = [
        "route",
        "methods",
        "rewrite",
        "redirect",
        "statusCode",
        "headers",
        "allowedRoles",
    ];
    let mut redirects = Vec::new();
    for r in routes {
        let r = r.as_object().expect("a route is an object");
        for key in r.keys() {
            assert!(
                route_keys.contains(&key.as_str()),
                "unknown route key {key}"
            );
        }
        let path = r["route"].as_str().expect("route is text");
        assert!(path.starts_with('/'));
        assert!(!(r.contains_key("redirect") && r.contains_key("rewrite")));
        if let Some(to) = r.get("redirect") {
            let to = to.as_str().expect("redirect is text");
            assert!([301, 302].contains(&r["statusCode"].as_u64().expect("statusCode")));
            assert!(served(&site, to).is_file(), "{to}");
            redirects.push(path.to_owned());
        }
        if let Some(h) = r.get("headers") {
            assert!(
                h.as_object()
                    .expect("headers map")
                    .values()
                    .all(serde_json::Value::is_string)
            );
            assert!(served(&site, path).is_file(), "{path}");
        }
    }
    assert_eq!(
        redirects,
        ["/old/referrals/", "/old/referrals", "/referrals.html"]
    );
    let not_found = &top["responseOverrides"]["404"];
    assert_eq!(not_found["rewrite"], "/404.html");
    assert_eq!(not_found["statusCode"], 404);
}

/// Whether a test that needs `tool` runs: panics when it is missing and required.
fn have(tool: &str) -> bool {
    let found = Path::new(tool).is_file();
    if !found {
        assert!(
            std::env::var("PLAINSITE_HOST_TOOLS").as_deref() != Ok("require"),
            "{tool} is required (PLAINSITE_HOST_TOOLS=require) but missing; run scripts/install-test-deps.sh"
        );
        eprintln!("skipped: {tool} is not installed");
    }
    found
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("address").port()
}

/// Status line and headers (lower-case names) of `HEAD path`, once the server answers.
fn head(port: u16, path: &str) -> (u16, Vec<(String, String)>) {
    let start = Instant::now();
    let mut stream = loop {
        match std::net::TcpStream::connect(("127.0.0.1", port)) {
            Ok(s) => break s,
            Err(e) if start.elapsed() > Duration::from_secs(10) => {
                panic!("server did not start: {e}")
            }
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    write!(stream, "HEAD {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").expect("send");
    let mut text = String::new();
    stream.read_to_string(&mut text).expect("read");
    let mut lines = text.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.to_owned()))
        .collect();
    (status, headers)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Asks the running server for an old address, a page, a missing page and a
/// fingerprinted stylesheet.
fn answers_like_the_rules(site: &TestSite, port: u16) {
    for old in ["/old/referrals/", "/old/referrals", "/referrals.html"] {
        let (status, h) = head(port, old);
        assert_eq!(status, 301, "{old}");
        assert!(
            header(&h, "location").is_some_and(|l| l.ends_with("/procedures/referrals/")),
            "{old}: {h:?}"
        );
        assert!(header(&h, "content-security-policy").is_some(), "{old}");
    }
    let (status, h) = head(port, "/procedures/");
    assert_eq!(status, 200);
    assert_eq!(header(&h, "x-content-type-options"), Some("nosniff"));
    assert_eq!(
        header(&h, "referrer-policy"),
        Some("strict-origin-when-cross-origin")
    );
    assert!(
        header(&h, "content-security-policy").is_some_and(|v| v.contains("frame-ancestors 'none'"))
    );
    assert_eq!(head(port, "/no/such/page/").0, 404);
    let css = site
        .output_files()
        .into_iter()
        .find(|f| f.starts_with("css/site."))
        .expect("the stylesheet");
    let (status, h) = head(port, &format!("/{css}"));
    assert_eq!(status, 200);
    assert!(
        header(&h, "cache-control").is_some_and(|v| v.contains("immutable")),
        "{h:?}"
    );
}

/// Stops a server this test started.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn apache_accepts_the_htaccess_and_answers_with_301s() {
    if !have("/usr/sbin/apache2") {
        return;
    }
    let site = built_for("apache");
    assert_eq!(host_files(&site), [".htaccess"]);
    let public = site.path("public");
    let port = free_port();
    let modules = "/usr/lib/apache2/modules";
    let config = |directory_body: &str| {
        format!(
            "LoadModule mpm_event_module {modules}/mod_mpm_event.so\nLoadModule authz_core_module {modules}/mod_authz_core.so\nLoadModule alias_module {modules}/mod_alias.so\nLoadModule headers_module {modules}/mod_headers.so\nLoadModule dir_module {modules}/mod_dir.so\nListen 127.0.0.1:{port}\nServerName localhost\nPidFile {root}/httpd.pid\nErrorLog {root}/httpd-error.log\nDocumentRoot \"{public}\"\nDirectoryIndex index.html\n<Directory \"{public}\">\n{directory_body}\n</Directory>\n",
            root = site.root().display(),
            public = public.display(),
        )
    };
    // `-t` reads .htaccess files only when they are included.
    let checked = site.path("httpd-check.conf");
    std::fs::write(
        &checked,
        config(&format!("  Include \"{}/.htaccess\"", public.display())),
    )
    .expect("write");
    let out = Command::new("apache2ctl")
        .arg("-t")
        .arg("-f")
        .arg(&checked)
        .output()
        .expect("apache2ctl");
    assert!(
        out.status.success(),
        "apachectl -t: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let served_conf = site.path("httpd.conf");
    std::fs::write(
        &served_conf,
        config("  AllowOverride All\n  Require all granted"),
    )
    .expect("write");
    let server = Running(
        Command::new("/usr/sbin/apache2")
            .arg("-X")
            .arg("-f")
            .arg(&served_conf)
            .spawn()
            .expect("apache2"),
    );
    answers_like_the_rules(&site, port);
    drop(server);
}

#[test]
fn nginx_accepts_the_snippet_and_answers_with_301s() {
    if !have("/usr/sbin/nginx") {
        return;
    }
    let site = built_for("nginx");
    assert_eq!(host_files(&site), ["nginx.conf"]);
    let root = site.root().display().to_string();
    let port = free_port();
    let config = format!(
        "master_process off;\nworker_processes 1;\npid {root}/nginx.pid;\nevents {{ worker_connections 64; }}\nhttp {{\n  access_log off;\n  client_body_temp_path {root}/t1;\n  proxy_temp_path {root}/t2;\n  fastcgi_temp_path {root}/t3;\n  uwsgi_temp_path {root}/t4;\n  scgi_temp_path {root}/t5;\n  server {{\n    listen 127.0.0.1:{port};\n    root {root}/public;\n    include {root}/public/nginx.conf;\n  }}\n}}\n"
    );
    let conf = site.path("server.conf");
    std::fs::write(&conf, config).expect("write");
    let args = |extra: &[&str]| {
        let mut c = Command::new("/usr/sbin/nginx");
        c.args(["-p", &root, "-e", &format!("{root}/nginx-error.log"), "-c"])
            .arg(&conf)
            .args(extra);
        c
    };
    let out = args(&["-t"]).output().expect("nginx -t");
    assert!(
        out.status.success(),
        "nginx -t: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let server = Running(args(&["-g", "daemon off;"]).spawn().expect("nginx"));
    answers_like_the_rules(&site, port);
    drop(server);
}

#[test]
fn github_pages_gets_nojekyll_and_no_host_gets_nothing() {
    let site = built_for("github-pages");
    assert_eq!(host_files(&site), [".nojekyll"]);
    let site = built_for("none");
    assert!(host_files(&site).is_empty());
    // The redirect pages are there whatever the host.
    assert!(
        site.read_output("old/referrals/index.html")
            .contains("http-equiv=\"refresh\"")
    );
}

#[test]
fn an_unknown_host_is_an_error_at_its_line() {
    let site = TestSite::new("publish-hosting");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    for bad in [
        "hosting: geocities",
        "hosting: \"netlify; rm -rf /\"",
        "hosting: [netlify]",
    ] {
        site.write("site.yaml", yaml.replace("hosting: netlify", bad));
        let run = site.run(&["build"]);
        assert_eq!(run.code, 1, "{bad}: {}", run.stderr);
        assert!(run.stderr.contains("site.yaml:3:"), "{bad}: {}", run.stderr);
    }
}

#[test]
fn hostile_aliases_stay_out_of_host_files_and_the_site_keeps_its_own() {
    let site = TestSite::new("publish-hosting");
    site.write(
        "content/procedures/escalation.md",
        "---\ntitle: Resolving disagreements\ndescription: A page.\naliases:\n  - \"/a;b{return;}/\"\n  - /über/\n  - /fine/\n---\nText.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(
        run.stderr.matches("warning[hosting]").count(),
        2,
        "{}",
        run.stderr
    );
    site.build_ok();
    let rules = parse_redirects(&site.read_output("_redirects"));
    let froms: Vec<&str> = rules.iter().map(|r| r.0.as_str()).collect();
    assert!(froms.contains(&"/fine/"));
    assert!(
        !froms.iter().any(|f| f.contains(';') || f.contains('ü')),
        "{froms:?}"
    );
    // A file of the same name in static/ is the site's and wins.
    site.write("static/_headers", "/*\n  X-Custom: kept\n");
    site.build_ok();
    assert_eq!(site.read_output("_headers"), "/*\n  X-Custom: kept\n");
}

/// A `_headers` copied from another project, or an old `_redirects`, took the
/// place of plainsite's without a word: the pages went out with no
/// Content-Security-Policy, or the aliases with no real redirect.
#[test]
fn a_sites_own_host_file_is_kept_and_what_it_leaves_out_is_named() {
    let site = TestSite::new("publish-hosting");
    site.write("static/_headers", "/*\n  X-Custom: kept\n");
    site.write(
        "static/_redirects",
        "/old/referrals/ /procedures/referrals/ 301!\n",
    );
    let run = site.build_ok();
    assert_eq!(site.read_output("_headers"), "/*\n  X-Custom: kept\n");
    assert!(
        run.stderr
            .contains("most in: static/_headers (1), static/_redirects (1)"),
        "{}",
        run.stderr
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("static/_headers")
            && run.stderr.contains("has no Content-Security-Policy")
            && run
                .stderr
                .contains("Delete `static/_headers` to publish plainsite's file"),
        "{}",
        run.stderr
    );
    // The one alias the site's own file leaves out is named; the one it has is not.
    assert!(
        run.stderr.contains("static/_redirects")
            && run
                .stderr
                .contains("no redirect for the old address `/referrals.html` from `aliases:`"),
        "{}",
        run.stderr
    );
    // Once each file has what plainsite's would have sent, nothing is said.
    site.write(
        "static/_headers",
        "/*\n  content-security-policy: default-src 'self'\n",
    );
    site.write(
        "static/_redirects",
        "/old/referrals/ /procedures/referrals/ 301!\n/referrals.html /procedures/referrals/ 301!\n",
    );
    let run = site.run(&["check"]);
    assert!(!run.stderr.contains("warning[hosting]"), "{}", run.stderr);
    // With `hosting: apache`, one `.htaccess` carries both.
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        yaml.replace("hosting: netlify", "hosting: apache"),
    );
    site.write("static/.htaccess", "ErrorDocument 404 /404.html\n");
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("has no Content-Security-Policy and no redirect for the old addresses `/old/referrals/`, `/referrals.html` from `aliases:`"),
        "{}",
        run.stderr
    );
}

/// `static/.htaccess` was left out as a hidden file, so with `hosting: apache`
/// plainsite's file took its place and without it the host had none: the
/// author's own rules never reached the host, and nothing said so.
#[test]
fn a_sites_own_htaccess_and_nojekyll_are_published_and_kept() {
    let site = TestSite::new("publish-hosting");
    site.write("static/.htaccess", "ErrorDocument 404 /404.html\n");
    site.write("static/.nojekyll", "");
    site.write("static/.env", "SECRET=1\n");
    site.build_ok();
    assert_eq!(
        site.read_output(".htaccess"),
        "ErrorDocument 404 /404.html\n"
    );
    assert!(site.path("public/.nojekyll").is_file());
    assert!(!site.path("public/.env").exists());
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        yaml.replace("hosting: netlify", "hosting: apache"),
    );
    site.build_ok();
    assert_eq!(
        site.read_output(".htaccess"),
        "ErrorDocument 404 /404.html\n"
    );
}

#[test]
fn a_site_under_a_sub_path_redirects_within_it() {
    let site = TestSite::new("publish-hosting");
    let run = site.run(&["build", "--base-url", "https://example.org/lscp/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rules = parse_redirects(&site.read_output("_redirects"));
    assert_eq!(rules[0].0, "/lscp/old/referrals/");
    assert_eq!(rules[0].1, "/lscp/procedures/referrals/");
    let blocks = parse_headers(&site.read_output("_headers"));
    assert!(blocks[1].0.starts_with("/lscp/"));
}

#[test]
fn init_writes_ci_workflows_that_build_daily_and_on_push_and_publish_public() {
    let site = TestSite::new("init-workspace");
    let run = site.run(&["init", "my-site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |rel: &str| -> yaml_serde::Value {
        let text = std::fs::read_to_string(site.path("my-site").join(rel)).expect(rel);
        yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not YAML: {e}"))
    };
    let github = read(".github/workflows/publish.yml");
    let on = &github["on"];
    assert_eq!(on["push"]["branches"][0].as_str(), Some("main"));
    let cron = on["schedule"][0]["cron"].as_str().expect("a schedule");
    let fields: Vec<&str> = cron.split_whitespace().collect();
    assert_eq!(fields.len(), 5, "{cron}");
    assert_eq!(&fields[2..], ["*", "*", "*"], "daily: {cron}");
    let steps = github["jobs"]["build"]["steps"]
        .as_sequence()
        .expect("steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.contains(&"plainsite build"), "{runs:?}");
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("an upload step");
    assert_eq!(upload["with"]["path"].as_str(), Some("public"));
    assert!(github["jobs"]["deploy"]["needs"].as_str() == Some("build"));

    let gitlab = read(".gitlab-ci.yml");
    let pages = &gitlab["pages"];
    let script: Vec<&str> = pages["script"]
        .as_sequence()
        .expect("script")
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    assert!(script.contains(&"plainsite build"), "{script:?}");
    assert_eq!(pages["artifacts"]["paths"][0].as_str(), Some("public"));
    let rules: Vec<&str> = pages["rules"]
        .as_sequence()
        .expect("rules")
        .iter()
        .filter_map(|r| r["if"].as_str())
        .collect();
    assert!(
        rules.iter().any(|r| r.contains("\"schedule\"")),
        "{rules:?}"
    );
    assert!(
        rules.iter().any(|r| r.contains("CI_DEFAULT_BRANCH")),
        "{rules:?}"
    );
}

#[test]
fn without_a_host_odd_aliases_are_not_warned_about() {
    let site = built_for("none");
    site.write(
        "content/procedures/escalation.md",
        "---\ntitle: Resolving disagreements\ndescription: A page.\naliases:\n  - /über/\n---\nText.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("[hosting]"), "{}", run.stderr);
    site.build_ok();
    assert!(
        site.read_output("über/index.html")
            .contains("http-equiv=\"refresh\"")
    );
}
