//! Rule `easy-read-picture`: on an Easy Read page, each paragraph starts with
//! its picture, as the languages guide asks. A reader who finds words hard
//! follows the pictures; a paragraph without one loses them, and the page's
//! layout (picture beside words) breaks there.
//!
//! Only paragraphs of the page itself are read, not those in lists, quotes or
//! tables. One finding a page: the first paragraph without a picture, with how
//! many more there are.

use std::path::Path;

use comrak::nodes::{AstNode, LineColumn, NodeValue};

use super::rule::Rule;
use crate::error::{Diagnostic, Severity};

/// A paragraph of an Easy Read page with no picture at its start.
pub(crate) const EASY_READ_PICTURE: Rule = Rule {
    id: crate::rules::EASY_READ_PICTURE,
    severity: Severity::Warning,
    description: "a paragraph of an Easy Read page that does not start with its picture",
};

/// The paragraphs of one Easy Read page without a picture at their start.
#[derive(Debug, Default)]
pub(crate) struct Pictures {
    first: Option<LineColumn>,
    /// The lines of the others.
    more: Vec<usize>,
}

impl Pictures {
    /// Reads one paragraph that starts at `start`.
    pub(crate) fn paragraph<'a>(&mut self, node: &'a AstNode<'a>, start: LineColumn) {
        let on_page = node
            .parent()
            .is_some_and(|p| matches!(p.data().value, NodeValue::Document));
        if !on_page || starts_with_picture(node) {
            return;
        }
        match self.first {
            None => self.first = Some(start),
            Some(_) => self.more.push(start.line),
        }
    }

    /// The finding for the page, if a paragraph had no picture.
    pub(crate) fn finish(self, file: &Path, out: &mut Vec<Diagnostic>) {
        let Some(start) = self.first else {
            return;
        };
        let more = match self.more.as_slice() {
            [] => String::new(),
            [line] => format!(" (nor does the one at line {line})"),
            [lines @ .., last] if lines.len() < 4 => {
                let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
                format!(" (nor do those at lines {} and {last})", lines.join(", "))
            }
            [first, ..] => format!(
                " (nor do {} more, the first at line {first})",
                self.more.len()
            ),
        };
        out.push(
            EASY_READ_PICTURE
                .at(
                    file,
                    start.line,
                    start.column,
                    format!("this paragraph of an Easy Read page does not start with a picture{more}"),
                )
                .help("start each paragraph with a picture of its idea, then the words, like `![A mobile phone with 999 on its screen](phone-999.svg) If a child is in danger now, call 999.`"),
        );
    }
}

/// True when the paragraph's first inline is a picture, or a link around one.
fn starts_with_picture<'a>(paragraph: &'a AstNode<'a>) -> bool {
    let Some(first) = paragraph.first_child() else {
        return false;
    };
    match &first.data().value {
        NodeValue::Image(_) => true,
        NodeValue::Link(_) => first
            .first_child()
            .is_some_and(|c| matches!(c.data().value, NodeValue::Image(_))),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(lines: &[usize]) -> String {
        let mut pictures = Pictures::default();
        for &line in lines {
            match pictures.first {
                None => pictures.first = Some(LineColumn { line, column: 1 }),
                Some(_) => pictures.more.push(line),
            }
        }
        let mut out = Vec::new();
        pictures.finish(Path::new("p.md"), &mut out);
        out.first().map_or(String::new(), |d| d.message.clone())
    }

    #[test]
    fn the_first_paragraph_is_named_and_the_others_by_line() {
        assert_eq!(finding(&[]), "");
        assert!(finding(&[3]).ends_with("start with a picture"));
        assert!(finding(&[3, 9]).ends_with("(nor does the one at line 9)"));
        assert!(finding(&[3, 9, 12, 15]).ends_with("(nor do those at lines 9, 12 and 15)"));
        assert!(finding(&[1, 2, 3, 4, 5, 6]).ends_with("(nor do 5 more, the first at line 2)"));
    }
}
