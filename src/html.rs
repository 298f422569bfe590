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
pub fn push_escaped(out: &mut String, text: &str) {
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

    #[test]
    fn two_handles_on_one_text_are_equal() {
        let a = Html::from("<p>x</p>");
        let b = a.clone();
        assert_eq!(a, b);
        assert_eq!(a, Html::from(String::from("<p>x</p>")));
        assert_ne!(a, Html::from("<p>y</p>"));
    }
}
