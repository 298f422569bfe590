//! Asset addresses: what the templates' `asset("css/site.css")` function returns
//! for a stylesheet, script, font or image of the theme or the site.
//!
//! Sits between gathering the static files into the `Output` and rendering the
//! pages. In a build for publishing (`BuildOptions::fingerprint`), every asset a
//! template asks for is named after a hash of its bytes, in the same folder
//! (`css/site.css` → `css/site.3f2a91c04e.css`, so a stylesheet's relative `url()`s
//! still resolve). After the last page is rendered, [`AssetTable::rename`] moves
//! the file to that name, so it is written once, and a changed file gets a name no
//! browser or CDN has cached yet. `serve` keeps plain names: its live stylesheet
//! refresh replaces files in place. The hash (FNV-1a, 64 bits) comes from the
//! bytes alone, so the same site always gives the same names.
//!
//! It reads only files the output already holds and never writes to disk.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use crate::output::{Output, OutputFile};

/// Hex digits of the hash put in a fingerprinted name.
pub const HASH_DIGITS: usize = 10;

/// The output files templates may name, and the names given out so far.
#[derive(Debug)]
pub struct AssetTable {
    base_path: String,
    fingerprint: bool,
    files: HashMap<String, OutputFile>,
    /// Plain output path → fingerprinted output path; sorted, so that what is made
    /// from it is in a fixed order.
    names: Mutex<BTreeMap<String, String>>,
}

impl AssetTable {
    /// A table over the files `output` holds now (the static files, page bundle
    /// files and generated stylesheets; no pages yet). With `fingerprint` off,
    /// every address is the plain one.
    pub fn new(output: &Output, base_path: &str, fingerprint: bool) -> AssetTable {
        AssetTable {
            base_path: base_path.to_owned(),
            fingerprint,
            files: output
                .iter()
                .map(|(k, v)| (k.to_owned(), v.clone()))
                .collect(),
            names: Mutex::new(BTreeMap::new()),
        }
    }

    /// The address (base path included) of the output file `path`, such as
    /// `css/site.css`. Fails, saying why, when the site has no such file or its
    /// bytes cannot be read.
    pub fn url(&self, path: &str) -> Result<String, String> {
        let key = path.trim_start_matches('/');
        if key.is_empty()
            || key.contains(['\\', '?', '#'])
            || key
                .split('/')
                .any(|s| s.is_empty() || s == "." || s == "..")
        {
            return Err(format!(
                "asset({path:?}) needs the path of a file, like \"css/site.css\""
            ));
        }
        let Some(file) = self.files.get(key) else {
            return Err(format!(
                "there is no file {key:?} in the theme's or the site's static/ folder"
            ));
        };
        if !self.fingerprint {
            return Ok(format!("{}{key}", self.base_path));
        }
        if let Some(name) = self.lock().get(key) {
            return Ok(format!("{}{name}", self.base_path));
        }
        let hash = match file {
            OutputFile::Bytes(b) => fnv1a(b),
            OutputFile::Static(b) => fnv1a(b),
            OutputFile::Copy(source) => match std::fs::read(source) {
                Ok(bytes) => fnv1a(&bytes),
                Err(e) => return Err(format!("cannot read {}: {e}", source.display())),
            },
        };
        let name = fingerprinted(key, hash);
        self.lock().insert(key.to_owned(), name.clone());
        Ok(format!("{}{name}", self.base_path))
    }

    /// Names `paths` (the assets the last build used) now, so that a cache key
    /// made with [`AssetTable::hash_names`] changes when one of them changes.
    pub fn prime(&self, paths: &[String]) {
        for p in paths {
            // A file gone since the last build is reported when a template asks.
            let _ = self.url(p);
        }
    }

    /// Feeds every name given out so far into `h`.
    pub fn hash_names(&self, h: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        self.fingerprint.hash(h);
        self.lock().hash(h);
    }

    /// Gives each fingerprinted asset its new name in `output`, and returns the
    /// pairs (plain path, new path), sorted. A stylesheet, a script or a file
    /// the build `made` (such as the icons) is moved: only templates name it.
    /// Any other file (a logo, a photo, a font) is kept at its plain name too,
    /// since a page, a favicon link or another website may name it as it is.
    /// A name already taken by another file leaves the asset where it was (and
    /// its pages point at a missing file, which cannot happen short of a hash
    /// collision).
    pub fn rename(&self, output: &mut Output, made: &[&str]) -> Vec<(String, String)> {
        let names = self.lock().clone();
        let mut moved = Vec::new();
        for (plain, hashed) in names {
            if output.contains(&hashed) {
                continue;
            }
            let only_templates = [".css", ".js", ".mjs"].iter().any(|e| plain.ends_with(e));
            let file = if only_templates || made.contains(&plain.as_str()) {
                output.remove(&plain)
            } else {
                output.get(&plain).cloned()
            };
            if let Some(file) = file {
                output.insert(hashed.clone(), file);
                moved.push((plain, hashed));
            }
        }
        moved
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        // A poisoned lock only means a render thread panicked; the map is whole.
        self.names.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `dir/name.ext` → `dir/name.<hash>.ext` (`dir/name` → `dir/name.<hash>`).
fn fingerprinted(key: &str, hash: u64) -> String {
    let digits = format!("{hash:016x}");
    let digits = &digits[..HASH_DIGITS];
    let (dir, file) = match key.rfind('/') {
        Some(i) => key.split_at(i + 1),
        None => ("", key),
    };
    match file.rfind('.') {
        Some(i) if i > 0 => format!("{dir}{}.{digits}{}", &file[..i], &file[i..]),
        _ => format!("{dir}{file}.{digits}"),
    }
}

/// FNV-1a, 64 bits: fixed for ever, unlike the standard library's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output() -> Output {
        let mut o = Output::new();
        o.insert("css/site.css", OutputFile::Bytes(b"p{}".as_slice().into()));
        o.insert("js/search.js", OutputFile::Static(b"let a;"));
        o.insert("LICENCE", OutputFile::Bytes(b"x".as_slice().into()));
        o
    }

    #[test]
    fn plain_names_when_not_fingerprinting() {
        let t = AssetTable::new(&output(), "/sub/", false);
        assert_eq!(t.url("css/site.css").as_deref(), Ok("/sub/css/site.css"));
        assert_eq!(t.url("/css/site.css").as_deref(), Ok("/sub/css/site.css"));
        let mut o = output();
        assert!(t.rename(&mut o, &[]).is_empty());
        assert!(o.contains("css/site.css"));
    }

    #[test]
    fn fingerprinted_names_follow_the_bytes_and_move_the_file() {
        let t = AssetTable::new(&output(), "/", true);
        let url = t.url("css/site.css").expect("known");
        let digits = format!("{:016x}", fnv1a(b"p{}"));
        assert_eq!(url, format!("/css/site.{}.css", &digits[..HASH_DIGITS]));
        assert_eq!(t.url("css/site.css").expect("again"), url);
        assert!(t.url("LICENCE").expect("known").starts_with("/LICENCE."));
        let mut o = output();
        let licence = t.url("LICENCE").expect("known");
        let moved = t.rename(&mut o, &[]);
        assert_eq!(moved.len(), 2);
        assert!(!o.contains("css/site.css"));
        assert!(o.contains(url.trim_start_matches('/')));
        // Any other file is kept at its own name as well, unless the build made it.
        assert!(o.contains("LICENCE") && o.contains(licence.trim_start_matches('/')));
        let mut o = output();
        t.rename(&mut o, &["LICENCE"]);
        assert!(!o.contains("LICENCE") && o.contains(licence.trim_start_matches('/')));
        // Untouched: no template asked for it.
        assert!(o.contains("js/search.js"));
        let other = {
            let mut o = Output::new();
            o.insert("css/site.css", OutputFile::Bytes(b"p{ }".as_slice().into()));
            AssetTable::new(&o, "/", true)
        };
        assert_ne!(other.url("css/site.css").expect("known"), url);
    }

    #[test]
    fn refuses_paths_that_are_not_files_of_the_site() {
        let t = AssetTable::new(&output(), "/", true);
        for bad in [
            "",
            "/",
            "../x.css",
            "css/../site.css",
            "css//site.css",
            "a\\b",
            "x.css?v=1",
            "missing.css",
        ] {
            assert!(t.url(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn names_keep_the_folder_and_extension() {
        assert_eq!(
            fingerprinted("css/site.css", 0xabcdef0123456789),
            "css/site.abcdef0123.css"
        );
        assert_eq!(fingerprinted("a.b/file", 0), "a.b/file.0000000000");
        assert_eq!(fingerprinted(".hidden", 0), ".hidden.0000000000");
        assert_eq!(fingerprinted("x.min.js", 0), "x.min.0000000000.js");
    }
}
