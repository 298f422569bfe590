//! Rule `capitals`: a run of words in capitals, such as a warning typed as
//! `IF YOU ARE WORRIED ABOUT A CHILD, CALL 999`.
//!
//! Text in capitals is harder to read: the shapes of words are lost, and many
//! readers take it as shouting. It is one finding per run, with the run in
//! sentence case to copy, and the words inside it are not abbreviations (the
//! `abbreviation` rule asks here before it reports one).
//!
//! A run is three or more words of two or more capitals in a row, with no word
//! that has a small letter between them; numbers, marks, code and words of
//! scripts without capitals neither break nor count. Abbreviations the site
//! knows (the glossary, the page's own, `not_abbreviations`) do not count, so
//! `NHS ICB` in a sentence is not a run. Only a block (paragraph, heading or
//! table cell) with two capitals in a row is read, when the `abbreviation` rule
//! meets its first such text, so other text costs nothing more.

use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};
use rustc_hash::FxHashMap;

use super::rule::Rule;
use crate::error::{Diagnostic, Severity};
use crate::markdown::TreeInput;

/// A run of words in capitals.
pub(crate) const CAPITALS: Rule = Rule {
    id: crate::rules::CAPITALS,
    severity: Severity::Warning,
    description: "a run of words in capitals, which is harder to read than sentence case",
};

/// Words of capitals a run needs.
const RUN: usize = 3;

/// Each text node's parts of runs: characters `start..end` of its text, in
/// order.
type Parts<'a> = FxHashMap<*const AstNode<'a>, Vec<Range<usize>>>;

/// The runs of capitals of one block, as the text nodes they cover.
#[derive(Debug, Default)]
pub(crate) struct Runs<'a> {
    /// The block they are of.
    block: Option<*const AstNode<'a>>,
    /// The parts of its text nodes in runs.
    parts: Parts<'a>,
}

impl<'a> Runs<'a> {
    /// Reads the block of text node `node`, unless it is the block read last,
    /// and reports its runs.
    pub(crate) fn read(
        &mut self,
        node: &'a AstNode<'a>,
        input: &TreeInput<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let block = block_of(node);
        let ptr: *const AstNode<'a> = block;
        if self.block == Some(ptr) {
            return;
        }
        self.block = Some(ptr);
        self.parts.clear();
        let mut reader = Reader {
            input,
            run: None,
            parts: &mut self.parts,
            out,
        };
        for inner in block.descendants() {
            if let NodeValue::Text(text) = &inner.data().value {
                reader.text(inner, text);
            }
        }
        reader.finish();
    }

    /// True when the word at character `offset` of text node `node` is in a run.
    /// Asked about every abbreviation of the block, so the node's parts are
    /// found by a lookup and a binary search, not by reading them all.
    pub(crate) fn covers(&self, node: &'a AstNode<'a>, offset: usize) -> bool {
        let ptr: *const AstNode<'a> = node;
        let Some(ranges) = self.parts.get(&ptr) else {
            return false;
        };
        // The ranges are in order and do not overlap: the first that ends
        // after `offset` is the only one that can hold it.
        let first = ranges.partition_point(|range| range.end <= offset);
        ranges
            .get(first)
            .is_some_and(|range| range.contains(&offset))
    }
}

/// The paragraph, heading or table cell a text node is in (or the node itself).
fn block_of<'a>(node: &'a AstNode<'a>) -> &'a AstNode<'a> {
    node.ancestors()
        .find(|n| {
            matches!(
                n.data().value,
                NodeValue::Paragraph | NodeValue::Heading(_) | NodeValue::TableCell
            )
        })
        .unwrap_or(node)
}

/// A run being read.
struct Run<'a> {
    /// Where it starts in the file.
    line: usize,
    col: usize,
    /// Words that count.
    words: usize,
    /// The byte of its text node's text it starts at.
    from_byte: usize,
    /// The byte its last word of capitals ends at, in the text node being
    /// read, until `written` is copied from it (once per node, not once per
    /// word, as a run can be the whole of a long paragraph).
    to_byte: Option<usize>,
    /// Its parts so far, one per text node.
    parts: Vec<(*const AstNode<'a>, Range<usize>)>,
    /// The run as written, when it is inside one text node, and whether it
    /// starts a sentence.
    written: Option<(String, bool)>,
}

/// Reads the words of a block's text nodes in order.
struct Reader<'a, 'r> {
    input: &'r TreeInput<'r>,
    run: Option<Run<'a>>,
    parts: &'r mut Parts<'a>,
    out: &'r mut Vec<Diagnostic>,
}

impl<'a> Reader<'a, '_> {
    fn text(&mut self, node: &'a AstNode<'a>, text: &str) {
        let ptr: *const AstNode<'a> = node;
        let start = node.data().sourcepos.start;
        let mut offset = 0;
        let mut byte = 0;
        for piece in text.split(' ') {
            let len = piece.chars().count();
            let (has_small, has_capital) = piece.chars().fold((false, false), |(s, c), ch| {
                (s || ch.is_lowercase(), c || ch.is_uppercase())
            });
            if has_small {
                self.copy_written(text);
                self.finish();
            } else if has_capital {
                let run = self.run.get_or_insert_with(|| {
                    let before = text[..byte].trim_end();
                    Run {
                        line: start.line,
                        col: start.column + offset,
                        words: 0,
                        parts: Vec::new(),
                        from_byte: byte,
                        to_byte: None,
                        written: Some((
                            String::new(),
                            before.is_empty() || before.ends_with(['.', '!', '?', ':']),
                        )),
                    }
                });
                if counts(piece, self.input) {
                    run.words += 1;
                }
                match run.parts.last_mut() {
                    Some((n, range)) if *n == ptr => range.end = offset + len,
                    _ => {
                        if !run.parts.is_empty() {
                            run.written = None;
                        }
                        run.parts.push((ptr, offset..offset + len));
                    }
                }
                run.to_byte = Some(byte + piece.len());
            }
            offset += len + 1;
            byte += piece.len() + 1;
        }
        self.copy_written(text);
    }

    /// Copies the run as written so far from `text`, the text node being read.
    fn copy_written(&mut self, text: &str) {
        let Some(run) = &mut self.run else {
            return;
        };
        if let (Some(to_byte), Some((written, _))) = (run.to_byte.take(), &mut run.written) {
            text.get(run.from_byte..to_byte)
                .unwrap_or("")
                .clone_into(written);
        }
    }

    /// Ends the run being read: reported when it has enough words.
    fn finish(&mut self) {
        let Some(run) = self.run.take() else {
            return;
        };
        if run.words < RUN {
            return;
        }
        let help = match &run.written {
            Some((written, starts)) => format!(
                "write it in sentence case: `{}`; to make it stand out, put it in a callout such as `> [!IMPORTANT]`, or in **bold**",
                sentence_case(written, *starts, self.input)
            ),
            None => "write it in sentence case; to make it stand out, put it in a callout such as `> [!IMPORTANT]`, or in **bold**".to_owned(),
        };
        self.out.push(
            CAPITALS
                .at(
                    self.input.file,
                    run.line,
                    run.col,
                    "this text is in capitals, which is harder to read",
                )
                .help(help),
        );
        for (node, range) in run.parts {
            self.parts.entry(node).or_default().push(range);
        }
    }
}

/// True for a word of two or more capitals that is not a known abbreviation.
fn counts(piece: &str, input: &TreeInput<'_>) -> bool {
    let word = piece.trim_matches(|c: char| !c.is_alphanumeric());
    word.chars().filter(|c| c.is_uppercase()).nth(1).is_some() && !is_known(word, input)
}

/// True for an abbreviation the site or page explains, or says is not one.
fn is_known(word: &str, input: &TreeInput<'_>) -> bool {
    let word = word
        .strip_suffix("'S")
        .or_else(|| word.strip_suffix("’S"))
        .unwrap_or(word);
    input.known_abbreviations.contains_key(word)
        || input.not_abbreviations.iter().any(|n| n == word)
}

/// `text` in sentence case: small letters, but for known abbreviations and
/// `I`; a capital first when it `starts` a sentence. Long runs are cut short.
fn sentence_case(text: &str, starts: bool, input: &TreeInput<'_>) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, piece) in text.split(' ').enumerate() {
        if n == 12 {
            out.push('…');
            break;
        }
        if n > 0 {
            out.push(' ');
        }
        let word = piece.trim_matches(|c: char| !c.is_alphanumeric());
        if is_known(word, input) || word == "I" {
            out.push_str(piece);
            continue;
        }
        let lower = piece.to_lowercase();
        let first = n == 0 && starts;
        match lower.char_indices().find(|(_, c)| c.is_alphabetic()) {
            Some((i, c)) if first => {
                out.push_str(&lower[..i]);
                out.extend(c.to_uppercase());
                out.push_str(&lower[i + c.len_utf8()..]);
            }
            _ => out.push_str(&lower),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::tests::found;
    use crate::markdown::tests::{render_with_glossary, with_page};

    #[test]
    fn a_paragraph_in_capitals_is_one_warning_not_one_per_word() {
        let md = "Intro.\n\nIF YOU ARE WORRIED ABOUT A CHILD, CALL 999 STRAIGHT AWAY.\n";
        assert_eq!(found(md, "capitals"), vec![(3, 1)]);
        assert!(found(md, "abbreviation").is_empty());
        let page = with_page(md);
        let help = page.diagnostics[0].help.clone().unwrap_or_default();
        assert!(
            help.contains("`If you are worried about a child, call 999 straight away.`"),
            "{help}"
        );
    }

    #[test]
    fn a_run_across_bold_and_lines_is_one_warning() {
        let md = "Please note: **DO NOT** SHARE THIS\nWITH ANYONE. The MASH will call.\n";
        assert_eq!(found(md, "capitals"), vec![(1, 16)]);
        // MASH is outside the run, so it is still reported.
        assert_eq!(found(md, "abbreviation"), vec![(2, 18)]);
    }

    #[test]
    fn abbreviations_in_sentences_are_not_capitals() {
        let md = "The MASH and the LSCP met.\n\nAsk the NHS ICB GP team.\n\n## 7-minute briefing\n\nPLEASE NOTE this.\n";
        let got = render_with_glossary(md, &[("NHS", "x"), ("ICB", "y"), ("GP", "z")]);
        assert!(
            got.diagnostics.iter().all(|d| d.rule != "capitals"),
            "{:?}",
            got.diagnostics
        );
        let abbreviations = got
            .diagnostics
            .iter()
            .filter(|d| d.rule == "abbreviation")
            .count();
        assert_eq!(abbreviations, 4); // MASH, LSCP, PLEASE, NOTE
    }

    #[test]
    fn headings_in_capitals_keep_known_abbreviations() {
        let md = "## FREQUENTLY ASKED QUESTIONS ABOUT THE NHS\n";
        let got = render_with_glossary(md, &[("NHS", "National Health Service")]);
        let found: Vec<_> = got
            .diagnostics
            .iter()
            .filter(|d| d.rule == "capitals")
            .collect();
        assert_eq!(found.len(), 1, "{:?}", got.diagnostics);
        let help = found[0].help.clone().unwrap_or_default();
        assert!(
            help.contains("`Frequently asked questions about the NHS`"),
            "{help}"
        );
    }

    #[test]
    fn a_long_run_over_many_nodes_is_one_warning_and_hides_its_words() {
        let md = "**ABCD** EFGH ".repeat(20_000);
        assert_eq!(found(&md, "capitals"), vec![(1, 3)]);
        assert!(found(&md, "abbreviation").is_empty());
    }

    #[test]
    fn a_long_paragraph_of_a_known_abbreviation_keeps_its_one_unknown_word() {
        let md = format!("{}ZZZ\n", "MASH ".repeat(100_000));
        let got = render_with_glossary(&md, &[("MASH", "Multi-Agency Safeguarding Hub")]);
        let rules: Vec<(&str, Option<usize>)> = got
            .diagnostics
            .iter()
            .filter(|d| d.rule == "abbreviation" || d.rule == "capitals")
            .map(|d| (d.rule, d.col))
            .collect();
        assert_eq!(rules, vec![("abbreviation", Some(500_001))]);
        assert_eq!(got.html.matches("<abbr").count(), 1);
    }

    #[test]
    fn other_scripts_and_code_are_not_capitals() {
        let md = "Jeśli dziecko jest w niebezpieczeństwie, zadzwoń.\n\nوالسال کونسل سے رابطہ کریں۔\n\nRun `NPM RUN BUILD NOW` first.\n\n```\nSELECT NAME FROM USERS\n```\n";
        assert!(found(md, "capitals").is_empty());
    }
}
