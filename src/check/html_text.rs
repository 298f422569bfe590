//! Rule `raw-html`, with `allow_html: true`: the author's HTML that readers
//! would still see as text, tags and all, because the tag filter
//! (`markdown/tagfilter.rs`) escapes it. An embed code pasted from YouTube or
//! Microsoft Forms (`<iframe>`), a `<style>`, a `<base>` or `<meta>` that would
//! act on the whole page, a comment with no end: each would reach the public as
//! code, so each is named where it is written. Without `allow_html` every tag is
//! shown as text, and `pasted.rs` says so.
//!
//! Part of `check`; a tag that would run a script is `scripts.rs`'s to report.

use std::path::Path;

use comrak::nodes::LineColumn;

use super::pasted::RAW_HTML;
use crate::error::Diagnostic;
use crate::markdown::tagfilter::shown_as_text;

/// Reports each tag of the raw HTML `literal` of `file`, which starts at
/// `start`, that the page would show as text although the site allows HTML
/// (called with `allow_html` only).
pub(super) fn html(literal: &str, start: LineColumn, file: &Path, out: &mut Vec<Diagnostic>) {
    for tag in shown_as_text(literal) {
        let (line, column) = super::source::place_in(literal, start, tag.at);
        let name = tag.name;
        let (message, help) = if name == "<" {
            (
                "this HTML tag has no end (`>`) before the end of its block, so readers would see it as text".to_owned(),
                "end the tag with `>`, or write `&lt;` for a `<` that is no tag".to_owned(),
            )
        } else if name == "<!--" {
            (
                "this HTML comment has no end (`-->`), so readers would see it and everything after it as text".to_owned(),
                "end the comment with `-->`, or remove it".to_owned(),
            )
        } else if tag.whole_page {
            (
                format!(
                    "`<{name}>` is shown to readers as text, tags and all, even with `allow_html: true`: it would act on the whole page (its links and menu, or where it sends the reader), not just here"
                ),
                format!(
                    "remove the `<{name}>` tag: a page's own settings come from site.yaml and the theme"
                ),
            )
        } else {
            (
                format!("`<{name}>` is shown to readers as text, tags and all, even with `allow_html: true`, as pages never hold this element"),
                "remove the tags; for a video or a form from another site, link to it instead, like [Watch the video on YouTube](https://www.youtube.com/watch?v=…)".to_owned(),
            )
        };
        out.push(RAW_HTML.at(file, line, column, message).help(help));
    }
}
