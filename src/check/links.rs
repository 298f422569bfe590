//! Rules `vague-link-text` and `bare-url-link`: link text says where the link goes.
//!
//! Screen reader users often list a page's links out of context (WCAG 2.4.4): ten
//! links called "click here" are no help, and a web address read out letter by
//! letter is worse. The check reads the link's own text, not its address.

use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};

use super::rule::Rule;
use crate::error::{Diagnostic, Severity};

/// Link text that makes no sense out of context.
pub(crate) const VAGUE_LINK_TEXT: Rule = Rule {
    id: crate::rules::VAGUE_LINK_TEXT,
    severity: Severity::Warning,
    description: "link text like \"click here\" or \"read more\" that makes no sense on its own",
};

/// A web address as link text.
pub(crate) const BARE_URL_LINK: Rule = Rule {
    id: crate::rules::BARE_URL_LINK,
    severity: Severity::Warning,
    description: "a web address used as link text",
};

/// A link with no text at all.
pub(crate) const EMPTY_LINK_TEXT: Rule = Rule {
    id: crate::rules::EMPTY_LINK_TEXT,
    severity: Severity::Error,
    description: "a link with no text, which a screen reader can only read as \"link\"",
};

/// Link texts that say nothing about where the link goes (lowercase).
const VAGUE: &[&str] = &[
    "click here",
    "here",
    "read more",
    "more",
    "this link",
    "link",
    "click this link",
    "more info",
    "find out more",
];

/// Checks link `node`, which goes to `url`.
pub(crate) fn link<'a>(node: &'a AstNode<'a>, url: &str, file: &Path, out: &mut Vec<Diagnostic>) {
    let start = node.data().sourcepos.start;
    let text = node.collect_text();
    let text = text.trim();
    if text.is_empty() {
        // An image inside the link names it by its alt text (checked by image-alt).
        if !node
            .descendants()
            .any(|n| matches!(n.data().value, NodeValue::Image(_)))
        {
            out.push(
                EMPTY_LINK_TEXT
                    .at(file, start.line, start.column, "this link has no text, so nobody can tell where it goes")
                    .help("write what the link is between the square brackets: [the neglect strategy](../strategies/neglect.md)"),
            );
        }
        return;
    }
    if is_vague(text) {
        out.push(
            VAGUE_LINK_TEXT
                .at(file, start.line, start.column, format!("the link text \"{text}\" does not say where the link goes"))
                .help("use the name of the page or document as the link text: [our neglect strategy](../strategies/neglect.md)"),
        );
    } else if is_web_address(text) && !url.starts_with("mailto:") && !inside_written_link(node) {
        out.push(
            BARE_URL_LINK
                .at(file, start.line, start.column, format!("the web address `{text}` is the link text"))
                .help("write what the link is, like [the NSPCC's advice](https://www.nspcc.org.uk/), and let the address go in the brackets"),
        );
    }
}

/// True when the address is the inside of `[words](address)` that a space
/// broke: the rule `not-a-link` reports that, and the address is not the text
/// the author chose.
fn inside_written_link<'a>(node: &'a AstNode<'a>) -> bool {
    node.previous_sibling().is_some_and(
        |before| matches!(&before.data().value, NodeValue::Text(t) if t.ends_with("](")),
    )
}

/// The most characters other than spaces a text in [`VAGUE`] has
/// (`click this link`).
const VAGUE_LONGEST: usize = 13;

/// True when `text`, trimmed of closing marks, lowercased and its spaces made
/// single, is one of [`VAGUE`]. Lowercasing makes no character fewer, so a
/// text with more than [`VAGUE_LONGEST`] characters other than spaces is
/// none of them, and is not lowercased: most link text is longer.
fn is_vague(text: &str) -> bool {
    let text = text.trim_end_matches(['.', '…', ':', '!']);
    if text
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(VAGUE_LONGEST)
        .is_some()
    {
        return false;
    }
    let plain = text
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    VAGUE.contains(&plain.as_str())
}

/// True when `text` is a web address: no space, and lowercased it starts
/// with `http://`, `https://` or `www.`. Only its first characters are
/// lowercased (each is at least one character lowercased), and no character
/// but a space lowercases to one.
fn is_web_address(text: &str) -> bool {
    let starts_with = |prefix: &str| {
        text.chars()
            .flat_map(char::to_lowercase)
            .take(prefix.len())
            .eq(prefix.chars())
    };
    !text.contains(' ')
        && (starts_with("http://") || starts_with("https://") || starts_with("www."))
}

#[cfg(test)]
mod tests {
    use crate::check::tests::found;

    #[test]
    fn vague_longest_is_the_longest_vague_text() {
        let longest = super::VAGUE
            .iter()
            .map(|v| v.chars().filter(|c| !c.is_whitespace()).count())
            .max();
        assert_eq!(longest, Some(super::VAGUE_LONGEST));
    }

    proptest::proptest! {
        /// The quick answers are those of lowercasing the whole text.
        #[test]
        fn link_text_is_judged_as_lowercased_whole(
            text in "(click|Here|MORE|this|link|read|info|find|out|HTTPS://|http://|Www.|\\.|…|:|!| |\\t|\u{212a}|\u{130}|x){0,8}"
        ) {
            let plain = text
                .trim_end_matches(['.', '…', ':', '!'])
                .to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            proptest::prop_assert_eq!(super::is_vague(&text), super::VAGUE.contains(&plain.as_str()));
            let lower = text.to_lowercase();
            let web = !lower.contains(' ')
                && (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."));
            proptest::prop_assert_eq!(super::is_web_address(&text), web);
        }
    }

    #[test]
    fn vague_text_warns_at_the_link() {
        assert_eq!(
            found("To refer, [click here](x.md).\n", "vague-link-text"),
            vec![(1, 11)]
        );
        assert_eq!(
            found("[Read more…](x.md)\n", "vague-link-text"),
            vec![(1, 1)]
        );
    }

    #[test]
    fn a_link_without_text_is_an_error() {
        assert_eq!(
            found("See [](x.md) now.\n", "empty-link-text"),
            vec![(1, 5)]
        );
        assert_eq!(found("[ ](x.md)\n", "empty-link-text"), vec![(1, 1)]);
        assert!(found("[![A map of the area](m.png)](x.md)\n", "empty-link-text").is_empty());
    }

    #[test]
    fn descriptive_text_passes() {
        let md = "Read [the neglect strategy](x.md) or [more about MASH](y.md).\n";
        assert!(found(md, "vague-link-text").is_empty());
        assert!(found(md, "bare-url-link").is_empty());
    }

    #[test]
    fn web_address_as_text_warns() {
        assert_eq!(
            found("Go to https://www.nspcc.org.uk/ now.\n", "bare-url-link"),
            vec![(1, 7)]
        );
        assert_eq!(
            found("[www.gov.uk](https://www.gov.uk)\n", "bare-url-link"),
            vec![(1, 1)]
        );
    }

    #[test]
    fn email_addresses_are_not_web_addresses() {
        assert!(found("Email <help@example.org>.\n", "bare-url-link").is_empty());
    }
}
