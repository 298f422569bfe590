//! The file an `aliases:` address of a page becomes: the path a host looks for
//! when a reader asks for the old address.
//!
//! Part of [`crate::urls`]; `site/aliases.rs` writes the redirect pages and
//! `hosting` the host's redirect rules from what it gives. It judges a path's
//! characters and parts; whether another file is already there is for the
//! callers, which know the output.

/// The output file for an alias: `/old/page/` and `/old/page` → `old/page/index.html`,
/// `/old.html` → `old.html`. Errors say what is wrong with the alias.
pub(crate) fn alias_output_path(alias: &str) -> Result<String, &'static str> {
    let alias = alias.trim();
    if alias.contains("://") || alias.starts_with("//") {
        return Err("is a full web address, not a path on this site");
    }
    // An address copied from the browser has `%` codes (`/caf%C3%A9/`); a host
    // decodes them before it looks for the file, so the file is named with the
    // characters they stand for, and `%2e%2e` is `..`.
    let decoded = percent_encoding::percent_decode_str(alias)
        .decode_utf8()
        .map_err(|_| "has a `%` code that is not a character (write the old address as the browser shows it)")?;
    if decoded.matches('/').count() != alias.matches('/').count() {
        return Err("has `%2F`, an encoded `/`, which no file name can hold");
    }
    let alias = decoded.as_ref();
    if alias.contains(['?', '#', '\\']) || alias.chars().any(char::is_whitespace) {
        return Err("has a character that cannot be part of a file name (?, #, \\ or a space)");
    }
    let path = alias.trim_start_matches('/');
    if path.is_empty() {
        return Err("is the home page");
    }
    if path.split('/').any(|s| s == ".." || s == ".") {
        return Err("has `.` or `..` in it");
    }
    // `.git/`, `.plainsite-manifest`: hidden on every host, and some are
    // plainsite's own (`.well-known` is a folder sites publish).
    if path
        .split('/')
        .any(|s| s.starts_with('.') && s != ".well-known")
    {
        return Err("has a part that starts with a dot, which web hosts hide");
    }
    let out = if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        let last = path.rsplit('/').next().unwrap_or(path);
        if last.ends_with(".html") || last.ends_with(".htm") {
            path.to_owned()
        } else {
            format!("{path}/index.html")
        }
    };
    // The one rule for written paths (see `crate::paths::check_key`).
    match crate::paths::check_key(&out) {
        Ok(()) => Ok(out),
        Err(_) => Err("has an empty part (`//`) or a part longer than 255 bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_paths_become_files() {
        assert_eq!(
            alias_output_path("/old/page/").as_deref(),
            Ok("old/page/index.html")
        );
        assert_eq!(
            alias_output_path("/old/page").as_deref(),
            Ok("old/page/index.html")
        );
        assert_eq!(alias_output_path("old.html").as_deref(), Ok("old.html"));
        assert_eq!(alias_output_path("/a/b.htm").as_deref(), Ok("a/b.htm"));
    }

    #[test]
    fn rejects_addresses_that_are_not_site_paths() {
        assert!(alias_output_path("https://example.org/old/").is_err());
        assert!(alias_output_path("/").is_err());
        assert!(alias_output_path("/a/../b/").is_err());
        assert!(alias_output_path("/a?b=1").is_err());
        assert!(alias_output_path("/a//b/").is_err());
        assert!(alias_output_path(&format!("/{}/", "x".repeat(256))).is_err());
    }

    #[test]
    fn percent_codes_in_an_alias_are_read_as_a_host_reads_them() {
        assert_eq!(
            alias_output_path("/caf%C3%A9/").as_deref(),
            Ok("café/index.html")
        );
        assert_eq!(
            alias_output_path("/100%25.html").as_deref(),
            Ok("100%.html")
        );
        assert_eq!(
            alias_output_path("/50%off/").as_deref(),
            Ok("50%off/index.html")
        );
        for alias in [
            "/%2e%2E/x/",
            "/a/%2e/",
            "/%2Fetc/",
            "/a%5cb/",
            "/a%20b/",
            "/%FF/",
            "/%3Fq/",
        ] {
            assert!(alias_output_path(alias).is_err(), "{alias}");
        }
    }
}
