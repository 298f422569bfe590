//! The glossary: `data/glossary.yaml`, a map from abbreviation to its meaning.
//!
//! Read once per build, before Markdown, which marks the first use of each
//! abbreviation on a page with `<abbr>`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Diagnostic;

/// The glossary file, relative to the site root.
pub const GLOSSARY_FILE: &str = "data/glossary.yaml";

/// Reads the glossary; an empty map when the file does not exist.
pub fn load(root: &Path) -> Result<BTreeMap<String, String>, Box<Diagnostic>> {
    let path = root.join(GLOSSARY_FILE);
    let text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            Box::new(
                Diagnostic::error("glossary", GLOSSARY_FILE, "the glossary is not UTF-8 text")
                    .help("save it as UTF-8 in your editor"),
            )
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => {
            return Err(Box::new(
                Diagnostic::error("glossary", GLOSSARY_FILE, format!("could not be read: {e}"))
                    .help("check you have permission to read it"),
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let map: BTreeMap<String, String> =
        crate::yaml::parse(text, Path::new(GLOSSARY_FILE), 1, "glossary").map_err(|mut d| {
            d.help = Some(
                "write one abbreviation a line, like `MASH: Multi-Agency Safeguarding Hub`"
                    .to_owned(),
            );
            d
        })?;
    Ok(map
        .into_iter()
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect())
}
