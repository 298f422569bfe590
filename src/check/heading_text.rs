//! Rules `heading-empty`, `heading-space` and `heading-attributes`: a heading
//! with no words, a heading that is not one because its `##` has no space after
//! it, and a heading that ends with another tool's attributes in braces.
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

/// Another tool's attributes at the end of a heading (`{.wide}`, `{#a .b}`,
/// `{: #x}`), shown as written. An id alone (`{#contacts}`) is read, and gone
/// from the heading before the checks run.
pub(crate) const HEADING_ATTRIBUTES: Rule = Rule {
    id: crate::rules::HEADING_ATTRIBUTES,
    severity: Severity::Warning,
    description: "a heading that ends with another tool's attributes in curly brackets, such as `{.wide}`, which readers would see as written",
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

/// Reports `heading` when it ends with an attribute list in braces that
/// starts with `#` or `.` (or `:` and one of them), which pages show as text.
pub(crate) fn attributes<'a>(
    heading: &'a AstNode<'a>,
    file: &Path,
    file_text: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(last) = heading.last_child() else {
        return;
    };
    let data = last.data();
    let NodeValue::Text(text) = &data.value else {
        return;
    };
    let Some(inner) = text.trim_end().strip_suffix('}') else {
        return;
    };
    let Some(open) = inner.rfind('{') else {
        return;
    };
    let list = inner[open + 1..].trim();
    let list = list.strip_prefix(':').map_or(list, str::trim_start);
    if !list.starts_with(['#', '.']) {
        return;
    }
    let line = data.sourcepos.start.line;
    let source = super::source::line_from(file_text, line, 1);
    let col = source.rfind('{').map_or(data.sourcepos.start.column, |i| {
        source[..i].chars().count() + 1
    });
    let written = shorten(&inner[open..]);
    // `{#two words}` meant one id, `two-words`; `{#a .b}` has the id `a`.
    let words_id = list
        .strip_prefix('#')
        .filter(|rest| !rest.contains(['.', '=', '#']))
        .map(|rest| rest.split_whitespace().collect::<Vec<_>>().join("-"));
    let id = words_id
        .or_else(|| {
            list.split_whitespace()
                .find_map(|t| t.strip_prefix('#'))
                .map(str::to_owned)
        })
        .filter(|id| {
            !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    let help = match id {
        Some(id) => format!("to give the heading an id of its own, end it with `{{#{id}}}` alone; pages cannot give a heading a class or other settings, so take the rest out"),
        None => "take it out: pages cannot give a heading a class or other settings. To give it an id of its own, end it with `{#name}`, using only letters, numbers and hyphens".to_owned(),
    };
    out.push(
        HEADING_ATTRIBUTES
            .at(file, line, col, format!("`{written}}}` at the end of this heading is how another tool gives a heading settings; pages show it as written"))
            .help(help),
    );
}

/// `text` cut to 60 characters for a message.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
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

    #[test]
    fn another_tools_attributes_after_a_heading_are_warned_of_at_their_brace() {
        let md = "## Odd {.wide}\n\n## Both {#here .wide}\n\n## Spaced {#a b}\n\n## Kramdown {: .note}\n\nSetext {.x}\n---\n";
        assert_eq!(
            found(md, "heading-attributes"),
            vec![(1, 8), (3, 9), (5, 11), (7, 13), (9, 8)]
        );
    }

    #[test]
    fn an_id_of_its_own_braces_in_prose_and_language_markers_are_not_attributes() {
        let md = "## Who to call {#contacts}\n\n## Prose {name} here\n\n## Ends {name}\n\n## Cymraeg {lang=cy}\n\n## Code `{.x}`\n\nA paragraph {.x}\n";
        assert!(found(md, "heading-attributes").is_empty());
    }
}
