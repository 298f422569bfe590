//! The only way the command writes to a terminal: standard output and standard
//! error wrapped so that every control character in what is written is shown as an
//! escape (`\u{1b}`), not obeyed, and every bidi control too (`\u{202e}`, the rule
//! is `plainsite::error::escaped_in_reports`), not left to turn a message round.
//!
//! File names, the words of a page and messages that quote them come from whoever
//! wrote the site. Printed raw, an escape sequence in a file name can clear the
//! screen, retitle the window or hide a line of the report, and a direction
//! override in a quoted heading can make the rest of the message read backwards. Filtering the stream,
//! rather than each piece of text, means no message can forget to. Colour, the
//! command's own escapes, goes around the filter: through [`Visible::paint`], or
//! `set_color` for codespan-reporting. `--format json` is written raw, as its
//! escapes are JSON (`plainsite::check::json_text`).
//!
//! Must not change anything but control characters and bidi controls: the words,
//! tabs and line breaks stay as they are.

use std::borrow::Cow;
use std::io::{self, Write};

use codespan_reporting::term::termcolor::{ColorSpec, WriteColor};

/// Standard error, through the filter.
pub(crate) fn stderr(colour: bool) -> Visible<io::StderrLock<'static>> {
    Visible::new(io::stderr().lock(), colour)
}

/// Standard output, through the filter.
pub(crate) fn stdout() -> Visible<io::StdoutLock<'static>> {
    // Results on standard output are never coloured.
    Visible::new(io::stdout().lock(), false)
}

/// A writer that shows control characters and bidi controls instead of passing
/// them on.
pub(crate) struct Visible<W: Write> {
    inner: W,
    colour: bool,
    /// The first bytes of a UTF-8 character whose other bytes have not been
    /// written yet: it may turn out to be one that is shown as an escape.
    held: Vec<u8>,
}

impl<W: Write> Visible<W> {
    /// Wraps `inner`; [`Visible::paint`] colours only when `colour`.
    pub(crate) fn new(inner: W, colour: bool) -> Self {
        Visible {
            inner,
            colour,
            held: Vec::new(),
        }
    }

    /// Writes `text` (filtered) in the colour of SGR `code`, when colour is on.
    pub(crate) fn paint(&mut self, text: &str, code: &str) -> io::Result<()> {
        if !self.colour {
            return self.write_all(text.as_bytes());
        }
        self.release()?;
        write!(self.inner, "\x1b[{code}m")?;
        self.write_all(text.as_bytes())?;
        self.release()?;
        self.inner.write_all(b"\x1b[0m")
    }

    /// Writes the bytes held back by the last write, as they are: the text went
    /// on with something that does not finish the character.
    fn release(&mut self) -> io::Result<()> {
        if self.held.is_empty() {
            return Ok(());
        }
        let held = std::mem::take(&mut self.held);
        self.inner.write_all(&held)
    }
}

/// True for the lead bytes of the characters of more than one byte that are
/// shown as escapes: `0xC2` (the C1 controls, `U+0080`–`U+009F`), `0xD8`
/// (U+061C) and `0xE2` (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
fn is_watched_lead(b: u8) -> bool {
    matches!(b, 0xC2 | 0xD8 | 0xE2)
}

/// How many bytes the UTF-8 character that starts with `b` has; 0 for a byte
/// that cannot start one.
fn utf8_width(b: u8) -> usize {
    match b {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Nearly every write is plain text: pass it on without copying it.
        if self.held.is_empty() && !buf.iter().any(|&b| is_watched_lead(b) || is_control(b)) {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        let mut data = std::mem::take(&mut self.held);
        data.extend_from_slice(buf);
        let mut out = Vec::with_capacity(data.len() + 16);
        let mut i = 0;
        while let Some(&b) = data.get(i) {
            if b.is_ascii() {
                if is_control(b) {
                    push_escape(&mut out, u32::from(b));
                } else {
                    out.push(b);
                }
                i += 1;
                continue;
            }
            let width = utf8_width(b);
            let rest = &data[i..];
            if width > rest.len() && rest[1..].iter().all(|&c| c & 0xC0 == 0x80) {
                // The character goes on in the next write.
                self.held = rest.to_vec();
                break;
            }
            let whole = rest.get(..width).and_then(|w| std::str::from_utf8(w).ok());
            match whole.and_then(|w| w.chars().next()) {
                Some(c) => {
                    if plainsite::error::escaped_in_reports(c) {
                        push_escape(&mut out, u32::from(c));
                    } else {
                        out.extend_from_slice(&rest[..width]);
                    }
                    i += width;
                }
                // Broken text is passed on as it is, a byte at a time.
                None => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.release()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Visible<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

impl<W: WriteColor> WriteColor for Visible<W> {
    fn supports_color(&self) -> bool {
        self.inner.supports_color()
    }

    fn set_color(&mut self, spec: &ColorSpec) -> io::Result<()> {
        self.release()?;
        self.inner.set_color(spec)
    }

    fn reset(&mut self) -> io::Result<()> {
        self.release()?;
        self.inner.reset()
    }
}

/// True for the one-byte controls shown as escapes: C0 but tab and line feed, and
/// DEL.
fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7F
}

fn push_escape(out: &mut Vec<u8>, code: u32) {
    let _ = write!(out, "\\u{{{code:x}}}");
}

/// `text` with its control characters shown as the filter shows them, and its
/// bidi controls too (which would turn the rest of a quoted line round), but a
/// carriage return before a line feed kept: codespan-reporting leaves that out of
/// the source lines it draws. For the source files diagnostics quote, whose byte
/// positions must be known in the text as it is shown.
pub(crate) fn visible_source(text: &str) -> Cow<'_, str> {
    plainsite::error::escape_where(text, |c, next| {
        plainsite::error::escaped_in_reports(c)
            && c != '\t'
            && c != '\n'
            && !(c == '\r' && next == Some('\n'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filtered_bytes(pieces: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut v = Visible::new(&mut out, false);
            for p in pieces {
                v.write_all(p).expect("write");
            }
        }
        out
    }

    fn filtered(pieces: &[&[u8]]) -> String {
        String::from_utf8(filtered_bytes(pieces)).expect("utf-8")
    }

    #[test]
    fn shows_escape_sequences_and_bells_instead_of_sending_them() {
        let name = "content/a\x1b[2J\x1b]0;PWNED\x07b.md";
        assert_eq!(
            filtered(&[name.as_bytes()]),
            "content/a\\u{1b}[2J\\u{1b}]0;PWNED\\u{7}b.md"
        );
    }

    #[test]
    fn keeps_words_tabs_and_line_breaks() {
        let text = "error[link]: café.md:3:1: “Straße”\tnote\n  help: ✓\n";
        assert_eq!(filtered(&[text.as_bytes()]), text);
    }

    #[test]
    fn shows_carriage_returns_delete_and_nul() {
        assert_eq!(filtered(&[b"a\rb\x7fc\0"]), "a\\u{d}b\\u{7f}c\\u{0}");
    }

    #[test]
    fn shows_c1_controls_even_split_between_writes() {
        let csi = "x\u{9b}2Jy";
        assert_eq!(filtered(&[csi.as_bytes()]), "x\\u{9b}2Jy");
        let (a, b) = csi.as_bytes().split_at(2);
        assert_eq!(filtered(&[a, b]), "x\\u{9b}2Jy");
        let (a, b) = "é¢".as_bytes().split_at(3);
        assert_eq!(filtered(&[a, b]), "é¢");
        assert_eq!(filtered_bytes(&[b"\xC2", b"\x1b"]), b"\xC2\\u{1b}");
    }

    #[test]
    fn shows_bidi_controls_even_split_between_writes() {
        let text = "heading \u{2067}fee\u{2069} and \u{202e}x \u{200f}\u{200e}\u{61c}.";
        let shown = "heading \\u{2067}fee\\u{2069} and \\u{202e}x \\u{200f}\\u{200e}\\u{61c}.";
        assert_eq!(filtered(&[text.as_bytes()]), shown);
        let bytes = text.as_bytes();
        for at in 0..=bytes.len() {
            let (a, b) = bytes.split_at(at);
            assert_eq!(filtered(&[a, b]), shown, "split at {at}");
        }
        let one_by_one: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(filtered(&one_by_one), shown);
        // Other characters with the same first bytes pass: “quotes” – and ✓.
        let words = "“quoted” – ✓ ؛ ’";
        assert_eq!(filtered(&[words.as_bytes()]), words);
        // A character cut short is passed on as the broken text it is.
        assert_eq!(filtered_bytes(&[b"\xE2\x80", b"x"]), b"\xE2\x80x");
        assert_eq!(filtered_bytes(&[b"a\xE2\x80"]), b"a\xE2\x80");
    }

    #[test]
    fn paints_around_the_filter() {
        let mut out = Vec::new();
        {
            let mut v = Visible::new(&mut out, true);
            v.paint("error", "1;31").expect("paint");
            v.write_all(b": \x1b[2J").expect("write");
        }
        assert_eq!(out, b"\x1b[1;31merror\x1b[0m: \\u{1b}[2J");
        let mut plain = Vec::new();
        Visible::new(&mut plain, false)
            .paint("error", "1;31")
            .expect("paint");
        assert_eq!(plain, b"error");
    }

    #[test]
    fn shows_controls_in_source_text_but_keeps_crlf_line_ends() {
        assert_eq!(visible_source("plain\r\ntext\n"), "plain\r\ntext\n");
        assert!(matches!(visible_source("plain"), Cow::Borrowed(_)));
        assert_eq!(
            visible_source("a\x1b[31mb\x07\r\nc\rd\u{85}"),
            "a\\u{1b}[31mb\\u{7}\r\nc\\u{d}d\\u{85}"
        );
        // A direction override would turn the rest of the quoted line round.
        assert_eq!(
            visible_source("fee \u{202e}00.001 and \u{2067}x\u{2069}"),
            "fee \\u{202e}00.001 and \\u{2067}x\\u{2069}"
        );
    }
}
