//! `<img>` tags in raw HTML (with `allow_html: true`), held to the rules a
//! Markdown image meets: `image-alt` for a tag with no `alt` attribute, and
//! `broken-link` for a picture from another site where the `hosting:` headers
//! let pages show only the site's own (`markdown/links.rs` says the same of
//! `![alt](https://…)`).
//!
//! Part of `check`; `markdown/scripts.rs` reads the attributes as a browser does.

use comrak::nodes::LineColumn;

use super::images::IMAGE_ALT;
use crate::error::Diagnostic;
use crate::markdown::TreeInput;
use crate::markdown::scripts::{address, read_attributes};

/// One `<img>` tag of some raw HTML.
#[derive(Debug, PartialEq, Eq)]
struct ImgTag {
    /// The byte offset of its `<`.
    at: usize,
    /// True when it has an `alt` attribute, empty or not.
    has_alt: bool,
    /// Its `src` as a browser follows it, if it has one.
    src: Option<String>,
}

/// Reports each `<img>` tag of the raw HTML `literal`, which starts at `start`,
/// that has no alt text, or whose picture readers would not be shown.
pub(super) fn html(
    literal: &str,
    start: LineColumn,
    input: &TreeInput<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for tag in img_tags(literal) {
        let (line, column) = super::source::place_in(literal, start, tag.at);
        if !tag.has_alt {
            out.push(
                IMAGE_ALT
                    .at(input.file, line, column, "this `<img>` tag has no alt text")
                    .help("add `alt=\"…\"` saying what the picture shows, or `alt=\"\"` for a picture that is only decoration; or write the image in Markdown: ![A social worker talking with a family](photo.jpg)"),
            );
        }
        let elsewhere = tag.src.as_deref().filter(|src| {
            let lower = src.get(..8).unwrap_or(src).to_ascii_lowercase();
            ["https://", "http://", "//"]
                .iter()
                .any(|s| lower.starts_with(s))
        });
        if let (Some(src), Some(hosting)) = (elsewhere, input.own_images_only) {
            out.push(crate::markdown::image_elsewhere(
                input.file,
                LineColumn { line, column },
                src,
                hosting,
            ));
        }
    }
}

/// Every `<img>` tag of `html` (its name in any case), in order.
fn img_tags(html: &str) -> Vec<ImgTag> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(lt) = html.get(from..).and_then(|rest| rest.find('<')) {
        let at = from + lt;
        let rest = &html[at + 1..];
        let is_img = rest.get(..3).is_some_and(|n| n.eq_ignore_ascii_case("img"))
            && rest[3..]
                .bytes()
                .next()
                .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'));
        if !is_img {
            from = at + 1;
            continue;
        }
        let (mut has_alt, mut src) = (false, None);
        let len = read_attributes(rest, |name, value| {
            if name.eq_ignore_ascii_case("alt") {
                has_alt = true;
            } else if name.eq_ignore_ascii_case("src") && src.is_none() {
                src = Some(address(value));
            }
        });
        found.push(ImgTag { at, has_alt, src });
        from = at + 1 + len;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn img_tags_are_read_as_a_browser_reads_them() {
        let tags = img_tags(
            r#"<p><IMG SRC = "https://example.org/a.png"><img alt src='b.png'/><image src=c><img>"#,
        );
        assert_eq!(
            tags,
            [
                ImgTag {
                    at: 3,
                    has_alt: false,
                    src: Some("https://example.org/a.png".to_owned())
                },
                ImgTag {
                    at: 42,
                    has_alt: true,
                    src: Some("b.png".to_owned())
                },
                ImgTag {
                    at: 77,
                    has_alt: false,
                    src: None
                },
            ]
        );
        // An address written with a character reference is read decoded.
        let tags = img_tags("<img alt=\"\" src=\"&#104;ttps://example.org/a.png\">");
        assert_eq!(tags[0].src.as_deref(), Some("https://example.org/a.png"));
        // A tag that never ends, or a `<` alone, is no trouble.
        assert_eq!(img_tags("<img src=").len(), 1);
        assert!(img_tags("a < b <").is_empty());
    }
}
