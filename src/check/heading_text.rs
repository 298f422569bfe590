//! Rules `heading-empty` and `heading-space`: a heading with no words, and a
//! heading that is not one because its `##` has no space after it.
//!
//! An empty heading (`## ` alone on a line) is still a heading to a screen
//! reader, which announces it with nothing to say: an accessibility failure
//! (WCAG 1.3.1, 2.4.6). `##Heading` is not a heading in Markdown at all: readers
//! see the hashes, and the page loses a heading from its outline. Single `#`
//! at the start of a line is left alone (`#hashtag`).

use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};

use super::rule::Rule;
use crate::error::{Diagnostic, Severity};

/// A heading with no words.
pub(crate) const HEADING_EMPTY: Rule = Rule {
    id: crate::rules::HEADING_EMPTY,
    severity: Severity::Error,
    description: "a heading with no words, which a screen reader announces with nothing to say",
};

/// `##` with no space after it.
pub(crate) const HEADING_SPACE: Rule = Rule {
    id: crate::rules::HEADING_SPACE,
    severity: Severity::Error,
    description: "a line that starts with `##` and no space, which is shown as text, hashes and all, not as a heading",
};

/// Reports `heading` when it has no words.
pub(crate) fn heading<'a>(
    heading: &'a AstNode<'a>,
    level: u8,
    file: &Path,
    out: &mut Vec<Diagnostic>,
) {
    let empty = heading.children().all(|child| match &child.data().value {
        NodeValue::Text(text) => text.trim().is_empty(),
        NodeValue::SoftBreak | NodeValue::LineBreak => true,
        _ => false,
    });
    if !empty {
        return;
    }
    let start = heading.data().sourcepos.start;
    let hashes = "#".repeat(usize::from(level));
    out.push(
        HEADING_EMPTY
            .at(file, start.line, start.column, format!("this `{hashes}` heading has no words; screen readers would announce a heading with nothing in it"))
            .help(format!("write the heading's words after `{hashes} `, or delete the line")),
    );
}

/// Reports each line of `paragraph` that starts with `##` (up to six) and a
/// letter or digit: a heading without its space.
pub(crate) fn paragraph<'a>(paragraph: &'a AstNode<'a>, file: &Path, out: &mut Vec<Diagnostic>) {
    for child in super::source::line_starts(paragraph) {
        let data = child.data();
        let NodeValue::Text(text) = &data.value else {
            continue;
        };
        let hashes = text.bytes().take_while(|&b| b == b'#').count();
        let next = text[hashes..].chars().next();
        if !(2..=6).contains(&hashes) || !next.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let (marks, words) = text.split_at(hashes);
        let pos = data.sourcepos.start;
        out.push(
            HEADING_SPACE
                .at(file, pos.line, pos.column, format!("`{text}` is shown as text, not as a heading, because there is no space after `{marks}`"))
                .help(format!("put a space after `{marks}`: `{marks} {words}`")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::tests::found;
    use crate::markdown::tests::with_page;

    #[test]
    fn an_empty_heading_is_an_error() {
        let md = "## Fine\n\n## \n\nText.\n\n###\n";
        assert_eq!(found(md, "heading-empty"), vec![(3, 1), (7, 1)]);
        let page = with_page(md);
        let d = page.diagnostics.iter().find(|d| d.rule == "heading-empty");
        assert!(d.is_some_and(|d| d.is_error()
            && d.help.as_deref()
                == Some("write the heading's words after `## `, or delete the line")));
    }

    #[test]
    fn hashes_without_a_space_say_where_the_space_goes() {
        let md = "##No space heading\n\nIntro\n###Part two\n";
        assert_eq!(found(md, "heading-space"), vec![(1, 1), (4, 1)]);
        let page = with_page(md);
        let help = page.diagnostics[0].help.clone().unwrap_or_default();
        assert_eq!(help, "put a space after `##`: `## No space heading`");
    }

    #[test]
    fn real_headings_hashtags_and_numbers_pass() {
        let md = "## 7-minute briefing\n\n## What is it? {lang=cy}\n\n#StaySafe online.\n\nCall us on ## or ##5.\n\n`##code`\n\n```\n##x\n```\n\n## ![Logo of the partnership](logo.png)\n";
        assert!(found(md, "heading-space").is_empty());
        assert!(found(md, "heading-empty").is_empty());
    }
}
