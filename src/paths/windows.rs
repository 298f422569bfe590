//! Names Windows keeps for its devices (`con`, `aux`, `nul`, `com1`, `lpt3`):
//! no file or folder on Windows can have one, with any ending.
//!
//! Part of `paths`, on the ground floor. `new` asks it before it makes a page
//! or section, and the walk of `content/` asks it of every file and folder, so
//! the two agree. A site made on Linux or macOS can hold `content/con.md`, but
//! a colleague on Windows, or whose files sync through OneDrive, cannot open,
//! copy or sync it. It reads names only, never the disk.

/// True when a file or folder called `name` cannot exist on Windows: its part
/// before the first dot is, in any capitals, `con`, `prn`, `aux`, `nul`,
/// `com1`–`com9` or `lpt1`–`lpt9` (`con.md`, `AUX`, `nul.tar.gz`).
pub fn windows_device(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    match stem.as_bytes() {
        b"con" | b"prn" | b"aux" | b"nul" => true,
        [b'c', b'o', b'm', d] | [b'l', b'p', b't', d] => (b'1'..=b'9').contains(d),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::windows_device;

    #[test]
    fn windows_device_names_are_known_in_any_capitals_and_with_any_ending() {
        for name in [
            "con",
            "CON",
            "aux",
            "nul",
            "prn",
            "com1",
            "lpt9",
            "con.md",
            "Aux.PDF",
            "nul.tar.gz",
        ] {
            assert!(windows_device(name), "{name}");
        }
        for name in [
            "contact",
            "cons",
            "com",
            "com0",
            "com10",
            "lpt",
            "auxiliary",
            "news",
            "con-details.md",
            "my.con.md",
            "",
        ] {
            assert!(!windows_device(name), "{name}");
        }
    }
}
