//! Origins: which source file put a file at an output path, so that a clash or a
//! path that cannot be written names the file to change, not just `content`.
//!
//! Used only on the way to an error message, after the output is assembled; it
//! searches linearly and must not be called for every file of a build.

use std::path::{Path, PathBuf};

use crate::content::Content;
use crate::error::Diagnostic;
use crate::output::{Output, OutputFile};

/// The source file behind output path `out`: a copied file's source, a content
/// page at that address, or the page whose address `out` lies below (its
/// pagination or print pages); `content` when none is known.
pub(super) fn origin(content: &Content, output: &Output, root: &Path, out: &str) -> PathBuf {
    if let Some(OutputFile::Copy(source)) = output.get(out) {
        return source.strip_prefix(root).unwrap_or(source).to_path_buf();
    }
    if let Some(asset) = content.assets.iter().find(|a| a.path == out) {
        return Path::new(crate::content::CONTENT_DIR).join(&asset.key);
    }
    content
        .pages
        .iter()
        .filter(|p| out.starts_with(&p.path))
        .max_by_key(|p| p.path.len())
        .map_or_else(
            || PathBuf::from(crate::content::CONTENT_DIR),
            |p| p.file.clone(),
        )
}

/// What plainsite makes at `out`, in words, for a message about a clash there.
pub(super) fn generated(out: &str) -> String {
    if out == crate::glossary::GLOSSARY_PAGE {
        return format!("the glossary made from {}", crate::glossary::GLOSSARY_FILE);
    }
    let what = match out.split('/').next().unwrap_or("") {
        "search" => "the search page",
        "a-z" => "the A–Z page",
        "404.html" => "the page-not-found page",
        "topics" => "topic pages",
        _ => "another page",
    };
    what.to_owned()
}

/// An error for a generated file (`what`, at `out`) that a file of the site
/// already occupies.
pub(super) fn clash(
    content: &Content,
    output: &Output,
    root: &Path,
    out: &str,
    what: &str,
) -> Diagnostic {
    let file = origin(content, output, root, out);
    Diagnostic::error(
        crate::rules::DUPLICATE_URL,
        &file,
        format!("this file has the address /{out}, which plainsite uses for {what}"),
    )
    .help(
        "rename or move this file (or give the page another `slug:`), so each address has one file",
    )
}

/// Errors, pushed into `diagnostics`, for paths the output refused to take (see
/// [`Output::rejected`]).
pub(super) fn rejected(
    content: &Content,
    output: &Output,
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    diagnostics.extend(output.rejected().iter().map(|(out, why)| {
        let file = origin(content, output, root, out.trim_start_matches('/'));
        Diagnostic::error(
            crate::rules::OUTPUT_PATH,
            &file,
            format!("plainsite will not write {out:?}: {why}"),
        )
        .help("rename the file or folder, or change its `slug:`, so that its address is made of ordinary names")
    }));
}
