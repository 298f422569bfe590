//! The image cache: variants already made, found by the hash of their source.
//!
//! Sits under `images`: it is told where to keep files (a folder outside the
//! output, `.plainsite-cache/images/` in the site) and stores and finds
//! [`Prepared`] images there. A source's *stamp* (path, length, modified time)
//! leads to its content hash without reading it again; the content hash leads to
//! the variants, so a renamed or copied photo is not encoded twice. An entry is
//! written to a temporary folder and renamed into place, so a build stopped half
//! way never leaves half an entry. It never decodes or encodes images.

use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::encode::{Encoded, Kind};
use super::prepared::{Prepared, Variant};

/// Bump when the encoding changes, so old entries are not used.
const VERSION: &str = "v2";

/// 128 bits of hash, as 32 hex digits. std's SipHash with fixed keys: stable
/// within one compiler; a new compiler only means the cache is made again.
pub(crate) fn hash_hex(parts: &[&[u8]]) -> String {
    let mut out = String::with_capacity(32);
    for seed in [0u8, 1] {
        let mut h = std::hash::DefaultHasher::new();
        (seed, VERSION).hash(&mut h);
        for p in parts {
            p.hash(&mut h);
        }
        let _ = write!(out, "{:016x}", h.finish());
    }
    out
}

/// A source's length and modified time, as a hash with its path.
pub(crate) fn stamp(source: &Path) -> Option<String> {
    let meta = std::fs::metadata(source).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(hash_hex(&[
        source.as_os_str().as_encoded_bytes(),
        &meta.len().to_le_bytes(),
        &modified.to_le_bytes(),
    ]))
}

/// The content hash recorded for `stamp`, if any.
pub(crate) fn hash_for_stamp(dir: &Path, stamp: &str) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("stamps").join(stamp)).ok()?;
    let hash = text.trim();
    (hash.len() == 32 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then(|| hash.to_owned())
}

/// Records that `stamp` has content hash `hash`. Failing only costs a re-read.
pub(crate) fn remember_stamp(dir: &Path, stamp: &str, hash: &str) {
    let stamps = dir.join("stamps");
    let _ = std::fs::create_dir_all(&stamps);
    let tmp = stamps.join(format!("{stamp}.{}.tmp", std::process::id()));
    if std::fs::write(&tmp, hash).is_ok() && std::fs::rename(&tmp, stamps.join(stamp)).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// The entry for content hash `hash`, when it is complete.
pub(crate) fn load(dir: &Path, hash: &str) -> Option<Prepared> {
    let entry = dir.join(hash);
    let meta = std::fs::read_to_string(entry.join("meta")).ok()?;
    let mut lines = meta.lines();
    let mut head = lines.next()?.split(' ');
    if head.next()? != VERSION {
        return None;
    }
    let kind = match head.next()? {
        "jpg" => Kind::Jpeg,
        "png" => Kind::Png,
        _ => return None,
    };
    let source_len: u64 = head.next()?.parse().ok()?;
    let original_width: u32 = head.next()?.parse().ok()?;
    let original_height: u32 = head.next()?.parse().ok()?;
    let mut variants = Vec::new();
    for line in lines {
        let (w, h) = line.split_once(' ')?;
        let (width, height): (u32, u32) = (w.parse().ok()?, h.parse().ok()?);
        let own = entry.join(format!("{width}.{}", kind.ext()));
        let webp = entry.join(format!("{width}.webp"));
        if !own.is_file() || !webp.is_file() {
            return None;
        }
        variants.push(Variant {
            width,
            height,
            own,
            webp,
        });
    }
    (!variants.is_empty()).then_some(Prepared {
        kind,
        source_len,
        original_width,
        original_height,
        variants,
    })
}

/// Writes an entry for content hash `hash`, and returns it as [`load`] would.
pub(crate) fn save(
    dir: &Path,
    hash: &str,
    kind: Kind,
    source_len: u64,
    original: (u32, u32),
    encoded: &[Encoded],
) -> Result<Prepared, String> {
    let entry = dir.join(hash);
    let tmp = dir.join(format!("{hash}.{}.tmp", std::process::id()));
    let io = |e: std::io::Error, p: &Path| format!("could not write {}: {e}", p.display());
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| io(e, &tmp))?;
    let mut meta = format!(
        "{VERSION} {} {source_len} {} {}\n",
        kind.ext(),
        original.0,
        original.1
    );
    for e in encoded {
        let own: PathBuf = tmp.join(format!("{}.{}", e.width, kind.ext()));
        std::fs::write(&own, &e.own).map_err(|err| io(err, &own))?;
        let webp = tmp.join(format!("{}.webp", e.width));
        std::fs::write(&webp, &e.webp).map_err(|err| io(err, &webp))?;
        let _ = writeln!(meta, "{} {}", e.width, e.height);
    }
    let meta_path = tmp.join("meta");
    std::fs::write(&meta_path, meta).map_err(|e| io(e, &meta_path))?;
    if std::fs::rename(&tmp, &entry).is_err() {
        // Another build made the same entry first; theirs is as good as ours.
        let _ = std::fs::remove_dir_all(&tmp);
    }
    load(dir, hash).ok_or_else(|| format!("could not read back {}", entry.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_tell_contents_apart() {
        assert_eq!(hash_hex(&[b"abc"]), hash_hex(&[b"abc"]));
        assert_ne!(hash_hex(&[b"abc"]), hash_hex(&[b"abd"]));
        assert_ne!(hash_hex(&[b"ab", b"c"]), hash_hex(&[b"a", b"bc"]));
        assert_eq!(hash_hex(&[b""]).len(), 32);
    }

    #[test]
    fn a_half_written_or_foreign_entry_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let hash = hash_hex(&[b"x"]);
        std::fs::create_dir_all(dir.path().join(&hash)).unwrap();
        assert!(load(dir.path(), &hash).is_none());
        std::fs::write(dir.path().join(&hash).join("meta"), "v0 jpg 1 1 1\n1 1\n").unwrap();
        assert!(load(dir.path(), &hash).is_none());
        std::fs::write(dir.path().join(&hash).join("meta"), "v1 jpg 1 1 1\n1 1\n").unwrap();
        assert!(
            load(dir.path(), &hash).is_none(),
            "variant files are missing"
        );
        remember_stamp(dir.path(), "s", "not hex");
        assert!(hash_for_stamp(dir.path(), "s").is_none());
    }
}
