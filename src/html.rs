//! HTML text: the [`Html`] type that carries rendered HTML without copying it, and
//! the one escaper every module uses for text put into HTML.
//!
//! A ground-floor module: it imports nothing from the crate. It knows nothing of
//! pages, templates or Markdown.
//!
//! The escaper writes `&`, `<`, `>` and `"` as entities and a control character
//! (other than tab, line feed and carriage return) as U+FFFD, as HTML parsers do
//! with NUL. It leaves `'` alone: every attribute plainsite writes is in double
//! quotes. (Until this module, the preview's panels had their own escaper that
//! also wrote `'` as `&#39;` and replaced carriage returns; the panels are not
//! part of a built site, and the Markdown escaper's output, which is, is kept.)

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::Serialize;

/// HTML shared between a page's Markdown result and every view that shows it.
/// Views are built without copying page bodies, and two views that hold the same
/// body compare equal without reading it (which is how a rebuild finds the pages
/// it need not render again).
#[derive(Clone, Default)]
pub struct Html(Arc<str>);

impl Html {
    /// The HTML text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text itself, shared rather than copied.
    pub fn shared(&self) -> Arc<str> {
        Arc::clone(&self.0)
    }
}

impl Deref for Html {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Html {
    fn from(s: String) -> Self {
        Html(s.into())
    }
}

impl From<&str> for Html {
    fn from(s: &str) -> Self {
        Html(s.into())
    }
}

impl PartialEq for Html {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl Eq for Html {}

impl PartialEq<str> for Html {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Html {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<Html> for String {
    fn eq(&self, other: &Html) -> bool {
        self.as_str() == &*other.0
    }
}

impl fmt::Debug for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Html {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// `text` with HTML's special characters escaped (see the module docs).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out` with HTML's special characters escaped (see the module docs).
/// The runs of text between them are copied whole: only the special characters
/// (all ASCII, or U+0080–U+009F, whose first byte is 0xC2) are looked at alone.
pub fn push_escaped(out: &mut String, text: &str) {
    out.reserve(text.len());
    let bytes = text.as_bytes();
    // Bytes from `run` up to `i` are not copied yet; both are character starts.
    let mut run = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (entity, width) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..=0x1f | 0x7f => ("\u{fffd}", 1),
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => ("\u{fffd}", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(text.get(run..i).unwrap_or(""));
        out.push_str(entity);
        i += width;
        run = i;
    }
    out.push_str(text.get(run..).unwrap_or(""));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_special_characters_and_control_characters() {
        assert_eq!(
            escape("a&b<c>d\"e'f\0g\u{1b}h\ti\nj"),
            "a&amp;b&lt;c&gt;d&quot;e'f\u{fffd}g\u{fffd}h\ti\nj"
        );
    }

    /// The escaper as first written: character by character.
    fn by_characters(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\t' | '\n' | '\r' => out.push(c),
                c if c.is_control() => out.push('\u{fffd}'),
                _ => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn escapes_any_text_as_character_by_character(
            text in "[a&<>\"'\t\n\r\u{0}\u{1b}\u{7f}\u{80}\u{85}\u{9f}\u{a0}\u{c2}\u{100}é€😀]{0,24}"
        ) {
            proptest::prop_assert_eq!(escape(&text), by_characters(&text));
        }
    }

    #[test]
    fn two_handles_on_one_text_are_equal() {
        let a = Html::from("<p>x</p>");
        let b = a.clone();
        assert_eq!(a, b);
        assert_eq!(a, Html::from(String::from("<p>x</p>")));
        assert_ne!(a, Html::from("<p>y</p>"));
    }
}
