//! Findings written as JSON (`--format json`, the preview's `problems.json`) so
//! that no character in it can act on whatever shows it: serde_json escapes the
//! characters below U+0020, and this escapes the rest that a terminal, an editor
//! or a log viewer might obey or hide.
//!
//! These are the C1 controls (U+0080–U+009F: U+009B starts an escape sequence
//! on some terminals), the line and paragraph separators (U+2028, U+2029, which
//! end a line in JavaScript and in some editors) and the bidi controls (U+202A–
//! U+202E, U+2066–U+2069 and the marks U+200E, U+200F, U+061C, which reorder the
//! text shown around them: [`crate::error::is_bidi_control`]). Each is written
//! as a JSON escape (`\u0085`), so the document still parses back to the same
//! text: an editor reading it gets the characters the page holds, to match
//! against the file and show in its own way, while the JSON as bytes, printed
//! or logged, cannot be turned round. Text the terminal shows goes through the
//! binary's `visible` instead, which shows them as `\u{202e}`.
//!
//! Part of `check`, beside the shape it writes ([`super::json`]); it never prints.

use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use std::io::{self, Write};

/// `value` as pretty JSON with the characters `escaped` names written as `\uXXXX`.
pub fn to_string_pretty<T: serde::Serialize + ?Sized>(value: &T) -> String {
    written(value, PrettyFormatter::new())
}

/// `value` as JSON on one line with the characters `escaped` names written as `\uXXXX`.
pub fn to_string<T: serde::Serialize + ?Sized>(value: &T) -> String {
    written(value, CompactFormatter)
}

fn written<T: serde::Serialize + ?Sized, F: Formatter>(value: &T, layout: F) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Escaping(layout));
    if value.serialize(&mut ser).is_err() {
        return String::new();
    }
    // Only UTF-8 is written: serde's output and ASCII escapes.
    String::from_utf8(out).unwrap_or_default()
}

/// True for a character written as an escape though JSON allows it raw.
fn escaped(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9F}' | '\u{2028}' | '\u{2029}') || crate::error::is_bidi_control(c)
}

/// serde's layout `F`, with [`escaped`] characters escaped in strings.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices().filter(|&(_, c)| escaped(c)) {
            writer.write_all(&fragment.as_bytes()[start..i])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // The rest is the layout, passed on.
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_c1_separators_and_bidi_controls_and_reads_back_the_same() {
        let text = "a\u{85}b\u{9b}[2J\u{80}\u{9f}\u{2028}\u{2029}\u{202e}x\u{2066}\u{2069}\u{200f}\u{61c} é \u{a0} ✓ \u{1}\"\\";
        let value = serde_json::json!({ "message": text, text: [text, 1, null] });
        let out = to_string_pretty(&value);
        assert!(
            out.chars()
                .all(|c| !escaped(c) && !c.is_control() || c == '\n'),
            "{out}"
        );
        for escape in [
            "\\u0085", "\\u009b", "\\u2028", "\\u202e", "\\u2069", "\\u200f", "\\u061c", "\\u0001",
        ] {
            assert!(out.contains(escape), "{escape}: {out}");
        }
        assert!(out.contains("é \u{a0} ✓"), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(back, value);
        // The layout is serde's own.
        let plain = serde_json::json!({ "a": [1, { "b": "c" }], "d": {} });
        assert_eq!(
            to_string_pretty(&plain),
            serde_json::to_string_pretty(&plain).expect("json")
        );
        assert_eq!(
            to_string(&plain),
            serde_json::to_string(&plain).expect("json")
        );
        let one_line = to_string(&value);
        assert!(
            !one_line.contains('\n') && one_line.contains("\\u202e"),
            "{one_line}"
        );
        let back: serde_json::Value = serde_json::from_str(&one_line).expect("valid JSON");
        assert_eq!(back, value);
    }
}
