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
//! error, and so is a `<base>` or `<meta>`, which would act on the whole page
//! from inside `<main>`. The checks report each tag shown as text
//! (`check/html_text.rs`). comrak removed its own tag filter, so this is ours.

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

/// Tags that act on the whole page, not where they stand, so the same filter
/// shows them as text: a `<base>` sends every link of the page, the menu and the
/// report-a-concern link too, to another site; a `<meta http-equiv="refresh">`
/// sends the reader away. Both belong in `<head>`, which the theme writes.
const WHOLE_PAGE: &[&str] = &["base", "meta"];

/// A tag of the author's raw HTML that the filter shows as text (a tag that
/// would run a script aside, which `scripts.rs` finds and names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShownAsText<'h> {
    /// The byte offset of its `<` in the HTML.
    pub(crate) at: usize,
    /// The tag's name as written (`iframe`, `META`), `<!--` for a comment
    /// that does not end, or `<` for a tag that does not end.
    pub(crate) name: &'h str,
    /// True for a tag of [`WHOLE_PAGE`].
    pub(crate) whole_page: bool,
}

/// Each opening tag (and comment with no end) of `html` that the filter shows
/// as text, in order, for the checks to report; end tags go with their start.
pub(crate) fn shown_as_text(html: &str) -> Vec<ShownAsText<'_>> {
    let in_scripted = scripted_spans(html);
    let mut found = Vec::new();
    for (at, _) in html.match_indices('<') {
        let after = &html[at + 1..];
        if in_scripted(at) || after.starts_with('/') {
            continue;
        }
        if let Some(name) = filtered_name(after) {
            let whole_page = WHOLE_PAGE.iter().any(|t| t.eq_ignore_ascii_case(name));
            found.push(ShownAsText {
                at,
                name,
                whole_page,
            });
        } else if is_unclosed_comment(&html[at..]) {
            found.push(ShownAsText {
                at,
                name: "<!--",
                whole_page: false,
            });
        } else if is_unclosed_tag(&html[at..]) {
            found.push(ShownAsText {
                at,
                name: "<",
                whole_page: false,
            });
        }
    }
    found
}

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
    let in_scripted = scripted_spans(html);
    for (at, _) in html.match_indices('<') {
        if is_filtered_tag(&html[at + 1..])
            || is_unclosed_comment(&html[at..])
            || is_unclosed_tag(&html[at..])
            || in_scripted(at)
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

/// Whether a `<` at a byte offset of `html` is inside a tag that would run a
/// script, its own `<` or one after it: a browser reads `<a<a href=…>` as one
/// tag named `a<a`, so with only its first `<` escaped the second would start
/// a live `<a href=…>`. The filter escapes each such `<`, and the report names
/// the tag once, as a script, not the tags inside it again.
fn scripted_spans(html: &str) -> impl Fn(usize) -> bool {
    let spans: Vec<(usize, usize)> = super::scripts::scripted_tags(html)
        .iter()
        .map(|s| (s.at, s.at + s.len))
        .collect();
    move |at| spans.iter().any(|&(start, end)| (start..end).contains(&at))
}

/// True when `after` (the text just after a `<`) opens or closes a filtered tag:
/// an optional `/`, the name in any case, then a space, `>`, `/` or the end.
fn is_filtered_tag(after: &str) -> bool {
    filtered_name(after.strip_prefix('/').unwrap_or(after)).is_some()
}

/// The name, as written, of the filtered or whole-page tag `rest` starts
/// with: the name in any case, then a space, `>`, `/` or the end.
fn filtered_name(rest: &str) -> Option<&str> {
    FILTERED.iter().chain(WHOLE_PAGE).find_map(|tag| {
        let name = rest.get(..tag.len())?;
        (name.eq_ignore_ascii_case(tag)
            && rest[tag.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/'))
        .then_some(name)
    })
}

/// True when `from` starts a tag (`<` or `</` and a letter) that does not
/// end (`>`) within its own piece of HTML: a browser would read what comes
/// after the piece (other HTML, or text plainsite wrote as text) as its
/// attributes, and `<a` ending one block and `href="javascript:…">` starting
/// the next would be one live link.
fn is_unclosed_tag(from: &str) -> bool {
    let Some(rest) = from.strip_prefix('<') else {
        return false;
    };
    if !(rest.strip_prefix('/').unwrap_or(rest)).starts_with(|c: char| c.is_ascii_alphabetic()) {
        return false;
    }
    let len = super::scripts::read_attributes(rest, |_, _| {});
    !rest.get(..len).is_some_and(|tag| tag.ends_with('>'))
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
    fn a_tag_that_does_not_end_in_its_own_html_is_shown_as_text() {
        assert_eq!(
            filter("Go <b>on</b> ¡<A[^1]").as_deref(),
            Some("Go <b>on</b> ¡&lt;A[^1]")
        );
        assert_eq!(
            filter("<p title=\"a>b").as_deref(),
            Some("&lt;p title=\"a>b")
        );
        assert_eq!(filter("x </div").as_deref(), Some("x &lt;/div"));
        assert_eq!(filter("<p title=\"a>b\">ok</p> 1 < 2 <3"), None);
        assert_eq!(
            shown_as_text("a <em").first().map(|t| (t.at, t.name)),
            Some((2, "<"))
        );
    }

    #[test]
    fn escapes_tags_that_act_on_the_whole_page() {
        assert_eq!(
            filter(r#"<base href="https://evil.example/">"#).as_deref(),
            Some(r#"&lt;base href="https://evil.example/">"#)
        );
        assert_eq!(
            filter(r#"<META http-equiv="refresh" content="0;url=/x/">"#).as_deref(),
            Some(r#"&lt;META http-equiv="refresh" content="0;url=/x/">"#)
        );
        assert_eq!(filter("<meter value=2>"), None);
        assert_eq!(filter("<basefont>"), None);
    }

    #[test]
    fn names_each_tag_shown_as_text_once() {
        let html = r#"<p>a</p><IFrame src="x"></IFrame> <meta charset=x> <a href="javascript:x">b</a> <!-- open"#;
        let found = shown_as_text(html);
        let names: Vec<(&str, bool)> = found.iter().map(|f| (f.name, f.whole_page)).collect();
        assert_eq!(names, [("IFrame", false), ("meta", true), ("<!--", false)]);
        assert_eq!(&html[found[0].at..found[0].at + 7], "<IFrame");
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
    fn a_tag_that_runs_a_script_is_text_to_its_end() {
        // Read by a browser, `<a<a href=…>` is one tag named `a<a` with an
        // `onclick`: no `<` of it may be left to start another tag.
        let html = r#"a<a<a href="java&#x09;script:x" onclick=y>x</a>"#;
        assert_eq!(
            filter(html).as_deref(),
            Some(r#"a&lt;a&lt;a href="java&#x09;script:x" onclick=y>x</a>"#)
        );
        assert_eq!(
            filter("<b<<img src=x onerror=z> <i>kept</i>").as_deref(),
            Some("&lt;b&lt;&lt;img src=x onerror=z> <i>kept</i>")
        );
    }

    #[test]
    fn a_tag_inside_a_scripted_one_is_not_named_again() {
        // One tag to a browser (`a<iframe`), reported once, as a script.
        assert!(shown_as_text("<a<iframe onclick=x>").is_empty());
        assert_eq!(shown_as_text("<a onclick=x> <iframe>").len(), 1);
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

        /// Once filtered, no tag a browser would read runs a script, however
        /// tags, stray `<` and script attributes are mixed.
        #[test]
        fn no_tag_left_by_the_filter_runs_a_script(
            parts in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just("<".to_owned()),
                proptest::strategy::Just("<a".to_owned()),
                proptest::strategy::Just(" href=\"javascript:x\"".to_owned()),
                proptest::strategy::Just(" onclick=y".to_owned()),
                proptest::strategy::Just(">".to_owned()),
                proptest::strategy::Just("<b>".to_owned()),
                proptest::strategy::Just("\"".to_owned()),
                "[a-z <>]{0,6}",
            ], 0..12)
        ) {
            let html = parts.concat();
            let out = filter(&html).unwrap_or_else(|| html.clone());
            proptest::prop_assert!(super::super::scripts::scripted_tags(&out).is_empty(), "{} -> {}", html, out);
        }
    }
}
