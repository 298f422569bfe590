//! Rules `heading-empty` and `heading-space`: a heading with no words, and a
//! heading that is not one because its `##` has no space after it.
//!
//! An empty heading (`## ` alone on a line) is still a heading to a screen
//! reader, which announces it with nothing to say: an accessibility failure
//! (WCAG 1.3.1, 2.4.6). `##Heading` is not a heading in Markdown at all: readers
//! see the hashes, and the page loses a heading from its outline. A single `#`
//! is most often a hashtag (`#StaySafe online.`), so it is only a warning, and
//! only on a line alone in its paragraph that reads like a heading: a capital
//! after the `#`, two to ten words, no other `#` and no closing stop.

use std::path::Path;

use comrak::nodes::{AstNode, LineColumn, NodeValue};

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

/// `#Words` with one hash: often a hashtag, so a warning under the same id.
/// Not in `check::RULES`: [`HEADING_SPACE`] is the rule the guide explains.
const HEADING_SPACE_ONE: Rule = Rule {
    severity: Severity::Warning,
    ..HEADING_SPACE
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
/// letter or digit: a heading without its space. `file_text` is the page's
/// Markdown, where a `\#` written to keep the hash is seen.
pub(crate) fn paragraph<'a>(
    paragraph: &'a AstNode<'a>,
    file: &Path,
    file_text: &str,
    out: &mut Vec<Diagnostic>,
) {
    for child in super::source::line_starts(paragraph) {
        let data = child.data();
        let NodeValue::Text(text) = &data.value else {
            continue;
        };
        let hashes = text.bytes().take_while(|&b| b == b'#').count();
        let next = text[hashes..].chars().next();
        if hashes == 1 && child.next_sibling().is_none() && child.previous_sibling().is_none() {
            one_hash(text, data.sourcepos.start, file, file_text, out);
            continue;
        }
        if !(2..=6).contains(&hashes)
            || !next.is_some_and(char::is_alphanumeric)
            || escaped(file_text, data.sourcepos.start)
        {
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

/// True when the text that starts at `start` has a `\` before it: `\#` keeps
/// the hash on purpose.
fn escaped(file_text: &str, start: LineColumn) -> bool {
    start.column > 1
        && super::source::line_from(file_text, start.line, start.column - 1).starts_with('\\')
}

/// Warns when `text`, a paragraph of one line that starts with `#`, reads
/// like a heading rather than a hashtag.
fn one_hash(
    text: &str,
    start: LineColumn,
    file: &Path,
    file_text: &str,
    out: &mut Vec<Diagnostic>,
) {
    let words = &text[1..];
    let word_count = words.split_whitespace().count();
    let looks_like_heading = words.chars().next().is_some_and(char::is_uppercase)
        && (2..=10).contains(&word_count)
        && !words.contains('#')
        && !words
            .trim_end()
            .ends_with(['.', '!', '?', ',', ';', ':', '…']);
    if !looks_like_heading || escaped(file_text, start) {
        return;
    }
    out.push(
        HEADING_SPACE_ONE
            .at(file, start.line, start.column, format!("`{text}` is shown as text, hash and all, not as a heading, because there is no space after `#`"))
            .help(format!("if it is a heading, write `## {words}` (the page's title is its only `#` heading); if the hash is meant, write `\\{text}`")),
    );
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
        let md = "##No space heading\n\nIntro\n###Part two\n\n\\##Kept\n";
        assert_eq!(found(md, "heading-space"), vec![(1, 1), (4, 1)]);
        let page = with_page(md);
        let help = page.diagnostics[0].help.clone().unwrap_or_default();
        assert_eq!(help, "put a space after `##`: `## No space heading`");
    }

    #[test]
    fn one_hash_before_words_like_a_heading_is_a_warning() {
        let md = "#Our work this year\n\nText.\n\n#StaySafe online.\n\n#StaySafe #OnlineSafety\n\n#staysafe week\n\n#Hashtag\n\n\\#Kept on purpose\n\nA line\n#Not alone here\n";
        assert_eq!(found(md, "heading-space"), vec![(1, 1)]);
        let page = with_page(md);
        let d = &page.diagnostics[0];
        assert!(!d.is_error(), "{d:?}");
        assert_eq!(
            d.help.as_deref(),
            Some(
                "if it is a heading, write `## Our work this year` (the page's title is its only `#` heading); if the hash is meant, write `\\#Our work this year`"
            )
        );
        let escaped = page.html.contains("<p>#Kept on purpose</p>");
        assert!(escaped, "{}", page.html);
    }

    #[test]
    fn real_headings_hashtags_and_numbers_pass() {
        let md = "## 7-minute briefing\n\n## What is it? {lang=cy}\n\n#StaySafe online.\n\nCall us on ## or ##5.\n\n`##code`\n\n```\n##x\n```\n\n## ![Logo of the partnership](logo.png)\n";
        assert!(found(md, "heading-space").is_empty());
        assert!(found(md, "heading-empty").is_empty());
    }
}
