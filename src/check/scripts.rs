//! Rule `script-html`: raw HTML (with `allow_html: true`) that would run a script
//! in a reader's browser, through an `on…` attribute or a `javascript:` address.
//! The site's pages never run code written in them, so it is an error; the tag
//! filter also shows such a tag as text, so not even the preview runs it.
//!
//! Part of `check`; `markdown/scripts.rs` finds the tags.

use std::path::Path;

use comrak::nodes::LineColumn;

use super::rule::Rule;
use crate::error::{Diagnostic, Severity};
use crate::markdown::scripts::scripted_tags;

pub(super) const SCRIPT_HTML: Rule = Rule {
    id: crate::rules::SCRIPT_HTML,
    severity: Severity::Error,
    description: "HTML that would run a script: an `on…` attribute (`onclick`), a `javascript:` address, or a `<noscript>` that could hide one",
};

/// Reports each tag of the raw HTML `literal` of `file`, which starts at
/// `start`, that would run a script. Called with `allow_html` only: without
/// it the HTML is shown as text, so nothing runs and `raw-html` says so.
pub(super) fn html(literal: &str, start: LineColumn, file: &Path, out: &mut Vec<Diagnostic>) {
    for tag in scripted_tags(literal) {
        let (line, column) = super::source::place_in(literal, start, tag.at);
        let name = &tag.attribute;
        if tag.element {
            out.push(
                SCRIPT_HTML
                    .at(file, line, column, "this `<noscript>` tag could hide code that runs on the page: browsers read what is inside it as HTML a second time")
                    .help("remove the `<noscript>` tags and keep what is inside them: the site's pages work without scripts anyway"),
            );
            continue;
        }
        let what = if name.len() > 2 && name[..2].eq_ignore_ascii_case("on") {
            format!("its `{name}` attribute runs a script when a reader's browser meets it")
        } else {
            format!(
                "its `{name}` address runs a script (`javascript:` or the like) when a reader follows it"
            )
        };
        out.push(
            SCRIPT_HTML
                .at(file, line, column, format!("this HTML tag would run code on the page: {what}"))
                .help(format!("remove the `{name}` attribute: the site's pages never run code written in them. For a link, give an https: address or a page of the site")),
        );
    }
}
