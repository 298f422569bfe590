//! Rule `placeholder`, in pages: a paragraph, list item or `description:` that is
//! still an instruction `plainsite new` wrote from an archetype ("Say what the
//! event covers…"), which would go on the public page word for word.
//!
//! The instructions are read from the default theme's archetypes as carried in
//! the binary (`theme::builtin_archetypes`), once, so an archetype edited is an
//! archetype checked. A paragraph is passed over after one look at its first word
//! unless an instruction starts with that word; only then is its text, as written
//! in the file, looked up. It matches when the whole paragraph, or its first
//! sentence, is an instruction paragraph or an instruction paragraph's first
//! sentence: an author who kept only the first sentence of two is still found,
//! and a paragraph that merely uses one of the words is not.

use std::collections::HashSet;
use std::sync::LazyLock;

use comrak::nodes::{AstNode, NodeValue};

use super::placeholders::PLACEHOLDER;
use super::source::FileLines;
use crate::content::Page;
use crate::error::Diagnostic;
use crate::markdown::TreeInput;

/// The instruction text of the archetypes.
#[derive(Debug, Default)]
struct Instructions {
    /// Each instruction paragraph, and the first sentence of each with more than
    /// one, its spaces and line breaks made single spaces.
    texts: HashSet<String>,
    /// The first word of each text.
    first_words: HashSet<String>,
    /// Sentences archetypes give as front-matter values (`description: One plain
    /// sentence …`).
    values: HashSet<String>,
    /// The longest text, in bytes: a longer paragraph is no instruction.
    longest: usize,
}

static INSTRUCTIONS: LazyLock<Instructions> =
    LazyLock::new(|| Instructions::from_archetypes(crate::theme::builtin_archetypes()));

impl Instructions {
    /// The instructions in `archetypes` (each an archetype's whole text).
    fn from_archetypes<'s>(archetypes: impl Iterator<Item = &'s str>) -> Instructions {
        let mut found = Instructions::default();
        for text in archetypes {
            let text = text.replace("\r\n", "\n");
            let (front, body) = split_front_matter(&text);
            for line in front.lines() {
                if let Some(value) = sentence_value(line) {
                    found.values.insert(value);
                }
            }
            for block in body.split("\n\n") {
                found.add_block(block);
            }
        }
        found
    }

    /// Adds the paragraph or list items of one block of an archetype's body.
    fn add_block(&mut self, block: &str) {
        let block = block.trim();
        // Headings are the page's own shape ("What is it?"), and `{{ … }}` is
        // filled in by `plainsite new`.
        if block.is_empty() || block.starts_with('#') || block.contains("{{") {
            return;
        }
        let items: Vec<String> = if is_item(block) {
            let mut items: Vec<String> = Vec::new();
            for line in block.lines().map(str::trim_start) {
                match (line.get(2..), items.last_mut()) {
                    (Some(item), _) if is_item(line) => items.push(item.to_owned()),
                    (_, Some(last)) => {
                        last.push(' ');
                        last.push_str(line);
                    }
                    _ => {}
                }
            }
            items
        } else {
            vec![block.to_owned()]
        };
        for item in items {
            let text = single_spaced(&item);
            let first = first_sentence(&text).to_owned();
            for text in [text, first] {
                if let Some(word) = text.split(' ').next() {
                    self.first_words.insert(word.to_owned());
                }
                self.longest = self.longest.max(text.len());
                self.texts.insert(text);
            }
        }
    }

    /// True when `text` (single-spaced) is, or starts with, an instruction.
    fn matches(&self, text: &str) -> bool {
        self.texts.contains(text) || self.texts.contains(first_sentence(text))
    }
}

/// True when `line` starts a list item (`- `, `* `).
fn is_item(line: &str) -> bool {
    line.starts_with("- ") || line.starts_with("* ")
}

/// The front matter of an archetype and the body after it.
fn split_front_matter(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return ("", text);
    };
    match rest.split_once("\n---\n") {
        Some((front, body)) => (front, body),
        None => (rest, ""),
    }
}

/// The value of a front-matter line when it is a sentence written for the
/// author to replace: words with spaces, not a placeholder `plainsite new` fills.
fn sentence_value(line: &str) -> Option<String> {
    if line.starts_with([' ', '#', '-']) {
        return None;
    }
    let (_, value) = line.split_once(": ")?;
    let value = value.trim().trim_matches(['"', '\'']);
    (value.split(' ').count() >= 3 && !value.contains("{{")).then(|| single_spaced(value))
}

/// `text` with every run of spaces and line breaks made one space, trimmed.
fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first sentence of single-spaced `text`: up to the first `.`, `?` or `!`
/// followed by a space, or all of it.
fn first_sentence(text: &str) -> &str {
    let bytes = text.as_bytes();
    bytes
        .windows(2)
        .position(|w| matches!(w[0], b'.' | b'?' | b'!') && w[1] == b' ')
        .map_or(text, |i| &text[..=i])
}

/// Reports `paragraph` (a paragraph, or the text of a list item) when it is still
/// an instruction from an archetype. `lines` are the lines of `input.text`.
pub(crate) fn paragraph<'a>(
    paragraph: &'a AstNode<'a>,
    input: &TreeInput<'_>,
    lines: &mut FileLines,
    out: &mut Vec<Diagnostic>,
) {
    // A quotation of an instruction (in a `>` block) is the author's own choice.
    if paragraph
        .ancestors()
        .any(|a| matches!(a.data().value, NodeValue::BlockQuote))
    {
        return;
    }
    let instructions = &*INSTRUCTIONS;
    let starts_like_one = paragraph.first_child().is_some_and(|child| {
        matches!(&child.data().value, NodeValue::Text(text)
            if text.split_whitespace().next().is_some_and(|w| instructions.first_words.contains(w)))
    });
    if !starts_like_one {
        return;
    }
    let pos = paragraph.data().sourcepos;
    // The paragraph as written (the text nodes have smart quotes and no
    // backticks), cut off once it is longer than any instruction.
    let mut written = String::new();
    for line in pos.start.line..=pos.end.line {
        let Some(text) = lines.line(input.text, line) else {
            return;
        };
        let text = if line == pos.start.line {
            text.get(pos.start.column.saturating_sub(1)..).unwrap_or("")
        } else {
            text
        };
        for word in text.split_whitespace() {
            if !written.is_empty() {
                written.push(' ');
            }
            written.push_str(word);
        }
        if written.len() > instructions.longest {
            break;
        }
    }
    if !instructions.matches(&written) {
        return;
    }
    out.push(
        PLACEHOLDER
            .at(
                input.file,
                pos.start.line,
                pos.start.column,
                "this is the instruction `plainsite new` wrote, not your words: replace it with what it asks for",
            )
            .help(format!(
                "write your own text in place of \"{}\", or delete it if the page does not need it; as it is, readers of the public page see the instruction",
                first_sentence(&written)
            )),
    );
}

/// Reports `page`'s `description:` when it is still the sentence an archetype
/// wrote there.
pub(crate) fn description(page: &Page, out: &mut Vec<Diagnostic>) {
    let Some(value) = page.meta.description.as_deref() else {
        return;
    };
    if !INSTRUCTIONS.values.contains(&single_spaced(value)) {
        return;
    }
    let line = page.meta.key_lines.get("description").copied().unwrap_or(1);
    let col = page
        .text
        .lines()
        .nth(line.saturating_sub(1))
        .and_then(|l| l.find(':'))
        .map_or(1, |at| at + 3);
    out.push(
        PLACEHOLDER
            .at(
                &page.file,
                line,
                col,
                "this is the instruction `plainsite new` wrote, not your words: replace it with one plain sentence about this page",
            )
            .help("write what readers find here in one sentence of your own, like `description: Training, briefings and events for staff who work with children.`; it is shown in search results, listings and the meta description"),
    );
}

#[cfg(test)]
mod tests;
