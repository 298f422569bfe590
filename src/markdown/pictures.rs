//! Pictures: turns each `![alt](src)` of a site raster image into the responsive
//! `<picture>` that the build's [`Pictures`] handle draws.
//!
//! Runs after links are resolved (so `src` is the site URL) and after the content
//! checks have read the tree as written. It only swaps nodes for raw HTML; the
//! pixels are the handle's business. An image the handle cannot read is an error
//! at its line. Alt text written as `""` marks a decorative image (`alt=""`).

use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};

use super::model::{PictureRequest, Pictures, UsedImage};
use crate::error::Diagnostic;

/// True when alt text written as `""` asks for `alt=""`: quotation marks and
/// nothing else, in any of the ways they are typed (`" "`, `''`, or curled by
/// smart punctuation as `“”`), which would otherwise be read aloud.
pub(crate) fn is_decorative(alt: &str) -> bool {
    let marks = ['"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}'];
    let alt = alt.trim();
    alt.chars().filter(|c| marks.contains(c)).count() >= 2
        && alt.chars().all(|c| c.is_whitespace() || marks.contains(&c))
}

/// Replaces `images`; returns those used. The problems found go into
/// `problems`.
pub(crate) fn render_pictures<'a>(
    images: Vec<&'a AstNode<'a>>,
    handle: Option<&dyn Pictures>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<UsedImage> {
    let mut used = Vec::new();
    let mut first = true;
    for node in images {
        let (src, title) = match &node.data().value {
            NodeValue::Image(link) => (link.url.clone(), link.title.clone()),
            _ => continue,
        };
        let start = node.data().sourcepos.start;
        let text = node.collect_text();
        let alt = if is_decorative(&text) {
            ""
        } else {
            text.trim()
        };
        let request = PictureRequest {
            src: &src,
            alt,
            title: &title,
            first,
        };
        first = false;
        match handle.and_then(|h| h.picture(&request)) {
            None if alt.is_empty() => {
                for child in node.children().collect::<Vec<_>>() {
                    child.detach();
                }
            }
            None => {}
            Some(Ok(out)) => {
                for child in node.children().collect::<Vec<_>>() {
                    child.detach();
                }
                node.data_mut().value = NodeValue::Raw(out.html);
                used.extend(out.used.map(|image| UsedImage {
                    line: start.line,
                    col: start.column,
                    ..image
                }));
            }
            Some(Err(why)) => problems.push(
                Diagnostic::error(
                    crate::rules::IMAGE_BROKEN,
                    file,
                    format!("the image `{src}` cannot be shown: {why}"),
                )
                .at(start.line, start.column)
                .help("open the file in an image editor and save it again as JPEG or PNG"),
            ),
        }
    }
    used
}
