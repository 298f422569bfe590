//! The raw HTML an author may write (with `allow_html: true`) cannot swallow the page.
//!
//! A tree pass, run on the author's own HTML nodes just before formatting (never on
//! the markup plainsite's passes add). Browsers read everything after `<title>`,
//! `<style>`, `<textarea>` … as that element's text until its end tag, so one such
//! tag in a sentence ("Use the `<title>` element.") hides the rest of `<main>` and the
//! whole footer, contact details included. As GitHub Flavored Markdown's tag filter
//! does, the `<` of those tags is written as `&lt;`, so they show as text. An HTML
//! comment that is never closed would hide the rest of the page in the same way; its
//! `<` is escaped too. So is a tag that would run a script (an `on…` attribute, a
//! `javascript:` address: see `scripts.rs`), which the checks also report as an
//! error. comrak removed its own tag filter, so this is ours.

use comrak::nodes::{AstNode, NodeValue};

/// Tags whose content a browser reads as raw text up to the end tag (GFM's list,
/// and `noscript`, read so by every browser that runs scripts).
const FILTERED: &[&str] = &[
    "noscript",
    "title",
    "textarea",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "script",
    "plaintext",
];

/// Escapes the filtered tags in every raw HTML node under `root`.
pub(crate) fn filter_raw_html<'a>(root: &'a AstNode<'a>) {
    for node in root.descendants() {
        let mut data = node.data_mut();
        let literal = match &mut data.value {
            NodeValue::HtmlBlock(block) => &mut block.literal,
            NodeValue::HtmlInline(html) => html,
            _ => continue,
        };
        if let Some(filtered) = filter(literal) {
            *literal = filtered;
        }
    }
}

/// `html` with the `<` of each filtered tag, of each tag that would run a script
/// (see `scripts.rs`) and of a comment with no end escaped;
/// `None` when there is nothing to change.
fn filter(html: &str) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    // A tag that would run a script shows as text too (the checks report it).
    let scripted: Vec<usize> = super::scripts::scripted_tags(html)
        .iter()
        .map(|s| s.at)
        .collect();
    for (at, _) in html.match_indices('<') {
        if is_filtered_tag(&html[at + 1..])
            || is_unclosed_comment(&html[at..])
            || scripted.contains(&at)
        {
            out.push_str(&html[copied..at]);
            out.push_str("&lt;");
            copied = at + 1;
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// True when `after` (the text just after a `<`) opens or closes a filtered tag:
/// an optional `/`, the name in any case, then a space, `>`, `/` or the end.
fn is_filtered_tag(after: &str) -> bool {
    let rest = after.strip_prefix('/').unwrap_or(after);
    FILTERED.iter().any(|tag| {
        rest.get(..tag.len())
            .is_some_and(|name| name.eq_ignore_ascii_case(tag))
            && rest[tag.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
    })
}

/// True when `from` starts an HTML comment that does not end.
fn is_unclosed_comment(from: &str) -> bool {
    from.strip_prefix("<!--")
        .is_some_and(|rest| !rest.contains("-->"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_filtered_tag_in_any_case() {
        for tag in FILTERED {
            let html = format!("Use the <{tag}> element, then </{}>.", tag.to_uppercase());
            let out = filter(&html).expect("changed");
            assert!(!out.contains(&format!("<{tag}")), "{out}");
            assert!(out.contains(&format!("&lt;{tag}>")), "{out}");
        }
        assert_eq!(
            filter("<Script src=x>").as_deref(),
            Some("&lt;Script src=x>")
        );
        assert_eq!(filter("<style").as_deref(), Some("&lt;style"));
        assert_eq!(filter("<iframe/>").as_deref(), Some("&lt;iframe/>"));
    }

    #[test]
    fn leaves_other_tags_and_closed_comments_alone() {
        for html in [
            "<titles>",
            "<b>bold</b>",
            "<details><summary>x</summary></details>",
            "<!-- a note -->",
            "<scripts>",
            "a < b",
            "é<",
        ] {
            assert_eq!(filter(html), None, "{html}");
        }
    }

    #[test]
    fn escapes_a_comment_that_never_ends() {
        assert_eq!(
            filter("<!-- forgot to close").as_deref(),
            Some("&lt;!-- forgot to close")
        );
    }

    proptest::proptest! {
        #[test]
        fn filtering_any_text_never_panics(html in ".{0,60}") {
            let _ = filter(&html);
        }
    }
}
