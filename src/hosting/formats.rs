//! The host files, one function per format, each made from the same [`Rules`].
//!
//! Every path in `Rules` is plain (see `is_plain`), so no format needs quoting or
//! escaping beyond what is written here. Must not add rules of its own: what a
//! site gets is decided in `hosting/mod.rs`.

use super::rules::{HEADERS, Hosting, IMMUTABLE, Rules};

/// Output file name and text of each file for `hosting`.
pub(super) fn files(hosting: Hosting, rules: &Rules) -> Vec<(&'static str, String)> {
    match hosting {
        Hosting::None => Vec::new(),
        Hosting::Netlify => vec![
            ("_redirects", redirects(rules, "301!")),
            ("_headers", headers(rules)),
        ],
        Hosting::Cloudflare => vec![
            ("_redirects", redirects(rules, "301")),
            ("_headers", headers(rules)),
        ],
        Hosting::Azure => vec![("staticwebapp.config.json", azure(rules))],
        Hosting::Apache => vec![(".htaccess", apache(rules))],
        Hosting::Nginx => vec![("nginx.conf", nginx(rules))],
        Hosting::GithubPages => vec![(".nojekyll", String::new())],
    }
}

/// Each old address of a page as a browser may ask for it: a folder address with
/// and without its final `/`.
fn sources(from: &str) -> Vec<&str> {
    match from.strip_suffix('/') {
        Some(bare) if !bare.is_empty() => vec![from, bare],
        _ => vec![from],
    }
}

/// `_redirects` (Netlify, Cloudflare Pages): `from to status` per line. Netlify
/// needs `301!` to redirect although a redirect page exists at the old address;
/// Cloudflare always applies its rules first.
fn redirects(rules: &Rules, status: &str) -> String {
    let mut out = String::from(
        "# Made by plainsite from the pages' aliases: old address, new address, status.\n",
    );
    for (from, to) in &rules.redirects {
        for source in sources(from) {
            out.push_str(&format!("{source} {to} {status}\n"));
        }
    }
    out
}

/// `_headers` (Netlify, Cloudflare Pages): a path, then indented `Name: value` lines.
fn headers(rules: &Rules) -> String {
    let mut out = String::from(
        "# Made by plainsite: security headers for every file, and long caching for fingerprinted assets.\n/*\n",
    );
    for (name, value) in HEADERS {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    for path in &rules.immutable {
        out.push_str(&format!("{path}\n  {}: {}\n", IMMUTABLE.0, IMMUTABLE.1));
    }
    out
}

/// `staticwebapp.config.json` (Azure Static Web Apps).
fn azure(rules: &Rules) -> String {
    use serde_json::{Map, Value, json};
    let mut routes = Vec::new();
    for (from, to) in &rules.redirects {
        for source in sources(from) {
            routes.push(json!({ "route": source, "redirect": to, "statusCode": 301 }));
        }
    }
    for path in &rules.immutable {
        routes.push(json!({ "route": path, "headers": { IMMUTABLE.0: IMMUTABLE.1 } }));
    }
    let global: Map<String, Value> = HEADERS
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
        .collect();
    let mut config = Map::new();
    config.insert("routes".into(), Value::Array(routes));
    if let Some(page) = &rules.not_found {
        config.insert(
            "responseOverrides".into(),
            json!({ "404": { "rewrite": page, "statusCode": 404 } }),
        );
    }
    config.insert("globalHeaders".into(), Value::Object(global));
    let mut text = serde_json::to_string_pretty(&Value::Object(config)).unwrap_or_default();
    text.push('\n');
    text
}

/// `.htaccess` (Apache httpd; needs `AllowOverride FileInfo` for the redirects
/// and mod_headers for the headers).
fn apache(rules: &Rules) -> String {
    let mut out = String::from(
        "# Made by plainsite for Apache httpd. Needs `AllowOverride FileInfo Indexes` (or `All`)\n# for this folder, mod_alias for the redirects and mod_headers for the headers.\n",
    );
    if let Some(page) = &rules.not_found {
        out.push_str(&format!("ErrorDocument 404 {page}\n"));
    }
    out.push_str("<IfModule mod_headers.c>\n");
    for (name, value) in HEADERS {
        out.push_str(&format!("  Header always set {name} \"{value}\"\n"));
    }
    for path in &rules.immutable {
        let file = path.rsplit('/').next().unwrap_or(path);
        out.push_str(&format!(
            "  <Files \"{file}\">\n    Header set {} \"{}\"\n  </Files>\n",
            IMMUTABLE.0, IMMUTABLE.1
        ));
    }
    out.push_str("</IfModule>\n");
    for (from, to) in &rules.redirects {
        let pattern = regex_escape(from.strip_suffix('/').unwrap_or(from));
        let slash = if from.ends_with('/') { "/?" } else { "" };
        out.push_str(&format!("RedirectMatch 301 ^{pattern}{slash}$ {to}\n"));
    }
    out
}

/// `nginx.conf`: lines for the site's `server { }` block, to `include`.
fn nginx(rules: &Rules) -> String {
    let mut out = String::from(
        "# Made by plainsite for nginx. Include it inside the site's server block:\n#   include /path/to/public/nginx.conf;\n",
    );
    let header_lines = |indent: &str| -> String {
        HEADERS
            .iter()
            .map(|(name, value)| format!("{indent}add_header {name} \"{value}\" always;\n"))
            .collect()
    };
    out.push_str(&header_lines(""));
    if let Some(page) = &rules.not_found {
        out.push_str(&format!("error_page 404 {page};\n"));
    }
    for (from, to) in &rules.redirects {
        for source in sources(from) {
            out.push_str(&format!("location = {source} {{ return 301 {to}; }}\n"));
        }
    }
    for path in &rules.immutable {
        // A location with its own add_header drops the server's, so they come again.
        out.push_str(&format!("location = {path} {{\n"));
        out.push_str(&header_lines("    "));
        out.push_str(&format!(
            "    add_header {} \"{}\" always;\n}}\n",
            IMMUTABLE.0, IMMUTABLE.1
        ));
    }
    out
}

/// Escapes the regular-expression characters a plain path can hold (`.`).
fn regex_escape(path: &str) -> String {
    path.replace('.', "\\.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules {
            redirects: vec![
                ("/old/page/".into(), "/new/page/".into()),
                ("/old.html".into(), "/new/".into()),
            ],
            immutable: vec!["/css/site.0123456789.css".into()],
            not_found: Some("/404.html".into()),
        }
    }

    #[test]
    fn netlify_forces_redirects_over_the_redirect_pages() {
        let f = files(Hosting::Netlify, &rules());
        assert_eq!(f[0].0, "_redirects");
        assert!(
            f[0].1
                .contains("/old/page/ /new/page/ 301!\n/old/page /new/page/ 301!\n")
        );
        assert!(f[0].1.contains("/old.html /new/ 301!\n"));
        assert!(
            files(Hosting::Cloudflare, &rules())[0]
                .1
                .contains("/old.html /new/ 301\n")
        );
    }

    #[test]
    fn apache_matches_whole_paths_only() {
        let text = apache(&rules());
        assert!(text.contains("RedirectMatch 301 ^/old/page/?$ /new/page/\n"));
        assert!(text.contains("RedirectMatch 301 ^/old\\.html$ /new/\n"));
        assert!(text.contains("ErrorDocument 404 /404.html\n"));
        assert!(text.contains("<Files \"site.0123456789.css\">"));
    }

    #[test]
    fn nothing_for_no_host() {
        assert!(files(Hosting::None, &rules()).is_empty());
        assert_eq!(files(Hosting::GithubPages, &rules())[0].0, ".nojekyll");
    }
}
