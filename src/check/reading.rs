//! Rule `reading-grade`: a page's prose is as easy to read as the site aims for.
//!
//! Many readers of a safeguarding site are worried parents, young people, or staff
//! reading on a phone between visits. The measure is the Flesch–Kincaid grade, the
//! school year a reader needs: `0.39 × words per sentence + 11.8 × syllables per
//! word − 15.59`, over paragraphs and list items (not headings, tables or code).
//! `site.yaml`'s `reading_grade` sets the target (9 unless set). Pages with fewer
//! than 100 words are not judged: the grade of a few lines says little.

use std::path::Path;

use comrak::nodes::{AstNode, LineColumn, NodeValue};

use super::prose::{Piece, read_ascii_piece, read_piece};
use super::rule::Rule;
use crate::error::{Diagnostic, Severity};
use crate::markdown::{Reading, Sentence, is_caption};

/// A page that is harder to read than the site's target.
pub(crate) const READING_GRADE: Rule = Rule {
    id: crate::rules::READING_GRADE,
    severity: Severity::Warning,
    description: "a page whose Flesch–Kincaid reading grade is over the site's `reading_grade`",
};

/// A sentence too long to take in at one reading.
pub(crate) const LONG_SENTENCE: Rule = Rule {
    id: crate::rules::LONG_SENTENCE,
    severity: Severity::Warning,
    description: "a sentence of more than 25 words, or of more than 15 on an Easy Read page",
};

/// Most words a sentence should have.
const LONGEST_SENTENCE: usize = 25;

/// Most words a sentence of an Easy Read page should have: Easy Read keeps to
/// one idea a sentence.
const LONGEST_EASY_READ: usize = 15;

/// Fewer words than this are not judged.
const MIN_WORDS: usize = 100;

/// Warns about each sentence over 25 words (on any page: a short page can have
/// one too), and gives the page's reading figures once the walk has counted them.
pub(crate) fn finish(counter: Counter, file: &Path, out: &mut Vec<Diagnostic>) -> Option<Reading> {
    let most = counter.most_words();
    for s in counter.sentences.iter().filter(|s| s.words > most) {
        let said = format!("this sentence has {} words: \"{}\"", s.words, s.start);
        out.push(if counter.easy_read {
            LONG_SENTENCE
                .at(file, s.line, s.col, format!("{said}; an Easy Read sentence has {most} at most"))
                .help("make it two or three short sentences, each saying one thing, like `You can tell someone. They will listen.`")
        } else {
            LONG_SENTENCE
                .at(file, s.line, s.col, said)
                .help("split it into two or three sentences of 15 to 20 words; a list can help when it names several things")
        });
    }
    counter.finish()
}

/// Warns when `reading` is over `target`.
pub(crate) fn judge(file: &Path, reading: &Reading, target: f64, out: &mut Vec<Diagnostic>) {
    if reading.grade <= target {
        return;
    }
    let (line, col) = reading.longest.first().map_or((1, 1), |s| (s.line, s.col));
    let longest: Vec<String> = reading
        .longest
        .iter()
        .map(|s| format!("line {}, {} words: \"{}\"", s.line, s.words, s.start))
        .collect();
    out.push(
        READING_GRADE
            .at(
                file,
                line,
                col,
                format!(
                    "this page reads at grade {:.1}; the site aims for {target} or below",
                    reading.grade
                ),
            )
            .note(format!("the longest sentences are at {}", longest.join("; ")))
            .help("split the longest sentences in two and choose shorter words; aim for 15 to 20 words a sentence"),
    );
}

/// A sentence being read.
#[derive(Debug, Default)]
struct Current {
    line: usize,
    col: usize,
    words: usize,
    /// Its first words (up to [`START_WORDS`]), joined by spaces.
    start: String,
}

/// Words of a sentence kept to name it in a message.
const START_WORDS: usize = 8;

/// Words, sentences and syllables in the page's prose: the text of paragraphs
/// (not captions), images' alt text left out, as the tree walk of `check_tree`
/// passes it.
#[derive(Debug, Default)]
pub(crate) struct Counter {
    words: usize,
    syllables: usize,
    /// Every sentence; the start of one that can be neither reported nor
    /// among the longest three is left empty (see [`Counter::end_sentence`]).
    sentences: Vec<Sentence>,
    /// The (words, line) of the longest three sentences so far, longest
    /// first, as [`Counter::finish`] orders them.
    longest: [(usize, usize); 3],
    current: Current,
    /// True inside a paragraph that counts.
    in_paragraph: bool,
    /// Images the walk is inside, within that paragraph.
    images: usize,
    /// True on an Easy Read page: sentences over [`LONGEST_EASY_READ`] words are named.
    easy_read: bool,
}

impl Counter {
    /// A counter for a page; `easy_read` for an Easy Read page.
    pub(crate) fn for_page(easy_read: bool) -> Self {
        Counter {
            easy_read,
            ..Counter::default()
        }
    }

    /// The most words a sentence of this page should have.
    fn most_words(&self) -> usize {
        if self.easy_read {
            LONGEST_EASY_READ
        } else {
            LONGEST_SENTENCE
        }
    }

    /// The walk enters `node`.
    #[inline]
    pub(crate) fn start<'a>(&mut self, node: &'a AstNode<'a>, value: &NodeValue, pos: LineColumn) {
        match value {
            NodeValue::Paragraph if !is_caption(node) => self.in_paragraph = true,
            NodeValue::Image(_) if self.in_paragraph => self.images += 1,
            NodeValue::Text(t) if self.in_paragraph && self.images == 0 => {
                self.text(t, pos.line, pos.column);
            }
            NodeValue::Code(c) if self.in_paragraph && self.images == 0 => {
                self.text(&c.literal, pos.line, pos.column);
            }
            _ => {}
        }
    }

    /// The walk leaves a node of `value`.
    #[inline]
    pub(crate) fn end(&mut self, value: &NodeValue) {
        match value {
            NodeValue::Paragraph if self.in_paragraph => {
                self.in_paragraph = false;
                self.end_sentence();
            }
            NodeValue::Image(_) if self.in_paragraph => self.images = self.images.saturating_sub(1),
            _ => {}
        }
    }

    // Out of line: inlined into `check_tree`'s walk, it made the whole walk
    // slower (more instructions under callgrind).
    #[inline(never)]
    fn text(&mut self, text: &str, line: usize, col: usize) {
        if text.is_ascii() {
            // A byte is a character: a piece's column is its start.
            let mut start = 0;
            loop {
                let (read, end) = read_ascii_piece(text, start);
                self.piece(read, line, col + start);
                if end >= text.len() {
                    return;
                }
                start = end + 1;
            }
        }
        self.any_text(text, line, col);
    }

    /// [`Counter::text`] for text of any characters: split at spaces, each
    /// piece's characters counted for the next one's column.
    fn any_text(&mut self, text: &str, line: usize, col: usize) {
        let mut offset = 0;
        for piece in pieces(text) {
            let here = col + offset;
            let (read, chars) = read_piece(piece);
            offset += chars + 1;
            self.piece(read, line, here);
        }
    }

    /// Counts one piece, which starts at `line`, `col`.
    #[inline(always)]
    fn piece(&mut self, read: Piece<'_>, line: usize, col: usize) {
        match read {
            Piece::Mark { ends } => {
                if ends && self.current.words > 0 {
                    self.end_sentence();
                }
            }
            Piece::Word {
                word,
                syllables,
                ends,
            } => {
                self.word(word, line, col);
                self.syllables += syllables;
                if ends {
                    self.end_sentence();
                }
            }
        }
    }

    /// Counts `word`, which starts at `line`, `col`, into its sentence.
    fn word(&mut self, word: &str, line: usize, col: usize) {
        if self.current.words == 0 {
            self.current.line = line;
            self.current.col = col;
        }
        self.current.words += 1;
        if self.current.words <= START_WORDS {
            if self.current.words > 1 {
                self.current.start.push(' ');
            }
            self.current.start.push_str(word);
        }
        self.words += 1;
    }

    /// Ends the sentence being read. Its first words are kept only when it
    /// may be named in a message: when it is over [`Counter::most_words`],
    /// or when fewer than three sentences before it come before it in
    /// [`Counter::finish`]'s order (sentences after it can only push it
    /// down). Most sentences are neither, and their words are not copied out
    /// of the one buffer every sentence's first words are read into.
    fn end_sentence(&mut self) {
        let most = self.most_words();
        let current = &mut self.current;
        let words = current.words;
        if words == 0 {
            return;
        }
        current.words = 0;
        let key = (words, current.line);
        // True when this sentence comes after one of key `k` in `finish`'s
        // order: longest first; on a tie the earlier line first, then the
        // sentence read first (a stable sort).
        let after = |k: &(usize, usize)| k.0 > key.0 || (k.0 == key.0 && k.1 <= key.1);
        let third = self.longest[2];
        let named = words > most || third.0 == 0 || !after(&third);
        let start = if named {
            let at = self.longest.iter().position(|k| k.0 == 0 || !after(k));
            if let Some(at) = at {
                self.longest.copy_within(at..2, at + 1);
                self.longest[at] = key;
            }
            let mut start = String::with_capacity(current.start.len() + 3);
            start.push_str(&current.start);
            if words > START_WORDS {
                start.push('…');
            }
            start
        } else {
            String::new()
        };
        current.start.clear();
        self.sentences.push(Sentence {
            line: current.line,
            col: current.col,
            words,
            start,
        });
    }

    fn finish(self) -> Option<Reading> {
        if self.words < MIN_WORDS || self.sentences.is_empty() {
            return None;
        }
        let words = self.words as f64;
        let grade = 0.39 * (words / self.sentences.len() as f64)
            + 11.8 * (self.syllables as f64 / words)
            - 15.59;
        Some(Reading {
            grade: (grade * 10.0).round() / 10.0,
            words: self.words,
            sentences: self.sentences.len(),
            longest: longest_three(self.sentences),
        })
    }
}

/// The three longest of `sentences`, longest first; on a tie the earlier
/// line first, then the sentence read first: what a stable sort and a cut
/// after three give, in one pass and without moving the rest. A build holds
/// every page's figures until the end: only these three are kept.
fn longest_three(sentences: Vec<Sentence>) -> Vec<Sentence> {
    let mut longest: Vec<Sentence> = Vec::with_capacity(3);
    for s in sentences {
        // The first kept that `s` comes before: one kept before it stays so.
        let at = longest
            .iter()
            .position(|k| k.words < s.words || (k.words == s.words && k.line > s.line))
            .unwrap_or(longest.len());
        if at < 3 {
            longest.truncate(2);
            longest.insert(at, s);
        }
    }
    longest
}

/// `text.split(' ')`, found with a plain byte loop: the pieces are words, too
/// short for a `memchr` call to each to pay.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        let rest = text.get(from..)?;
        match rest.bytes().position(|b| b == b' ') {
            Some(i) => {
                start = Some(from + i + 1);
                rest.get(..i)
            }
            None => {
                start = None;
                Some(rest)
            }
        }
    })
}

#[cfg(test)]
mod tests;
