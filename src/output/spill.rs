//! A scratch file for text a build has made and will read once more, later:
//! `plainsite build` puts the print chapters there as the Markdown stage makes
//! them, and each print job reads its own back, so the build does not hold every
//! chapter's HTML in memory between the two stages.
//!
//! Part of `output`, made by [`super::Staging::spill`] inside the staging folder
//! (the same disk as the site). Its name is listed in the staging manifest before
//! it is made and removed from the folder as soon as it is open, so it is never
//! part of the site and a killed build leaves nothing the next cannot clean. The
//! text is read from the open file by place, from several threads at once, never
//! through its name. It never writes anywhere else.

use std::fs;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where one text lies in a [`Spill`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spilled {
    /// Its first byte's place in the file.
    at: u64,
    /// Its length in bytes.
    len: usize,
}

/// An open scratch file that texts are appended to and read back from.
#[derive(Debug)]
pub struct Spill {
    /// The file, no longer named in its folder.
    file: fs::File,
    /// Where it was made, for messages.
    path: PathBuf,
    /// The end of what has been written or reserved so far.
    end: AtomicU64,
}

impl Spill {
    /// Makes the scratch file `path` (which must not exist) and removes its name.
    /// `None` where it cannot be made: the build then holds the text in memory.
    pub(super) fn create(path: &Path) -> Option<Spill> {
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(path)
            .ok()?;
        fs::remove_file(path).ok()?;
        Some(Spill {
            file,
            path: path.to_path_buf(),
            end: AtomicU64::new(0),
        })
    }

    /// Appends `text`. `None` where it could not be written: keep it in memory.
    pub fn put(&self, text: &str) -> Option<Spilled> {
        let len = text.len();
        let at = self
            .end
            .fetch_add(u64::try_from(len).ok()?, Ordering::Relaxed);
        self.file.write_all_at(text.as_bytes(), at).ok()?;
        Some(Spilled { at, len })
    }

    /// Reads back the text put at `spilled`.
    pub fn get(&self, spilled: Spilled) -> std::io::Result<String> {
        let mut bytes = vec![0; spilled.len];
        self.file.read_exact_at(&mut bytes, spilled.at)?;
        String::from_utf8(bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }

    /// Where the file was made (its name is gone), for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_back_each_text_as_put_from_many_threads_and_leaves_no_file() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join(".scratch");
        let spill = Spill::create(&path).expect("made");
        assert!(!path.exists(), "the name is removed once the file is open");
        assert!(
            Spill::create(&tmp.path().join("missing/x")).is_none(),
            "a folder that is not there"
        );
        let texts: Vec<String> = (0..64)
            .map(|i| format!("<p>é {i} {}</p>\n", "x".repeat(i * 37)))
            .chain([String::new()])
            .collect();
        let spilled: Vec<Spilled> = std::thread::scope(|s| {
            let handles: Vec<_> = texts
                .iter()
                .map(|t| s.spawn(|| spill.put(t).expect("written")))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("joined"))
                .collect()
        });
        for (text, at) in texts.iter().zip(&spilled).rev() {
            assert_eq!(&spill.get(*at).expect("read"), text);
        }
        let names: Vec<_> = fs::read_dir(tmp.path()).expect("list").collect();
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn refuses_a_name_that_exists_and_reports_a_place_past_the_end() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join(".scratch");
        fs::write(&path, "theirs").expect("write");
        assert!(Spill::create(&path).is_none());
        assert_eq!(fs::read_to_string(&path).expect("kept"), "theirs");
        let spill = Spill::create(&tmp.path().join(".other")).expect("made");
        let past = Spilled { at: 10, len: 5 };
        assert!(spill.get(past).is_err());
    }
}
