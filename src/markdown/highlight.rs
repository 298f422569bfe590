//! Code highlighting, with syntect.
//!
//! The code-block pass in `markdown` hands each fenced block here and gets back the
//! finished `<pre>` element. Colours are not inlined: tokens get `hl-` CSS classes,
//! and [`highlight_css`] is the stylesheet for them, with every colour readable on
//! white (4.5:1 or more). This is the only module that touches syntect; the syntax
//! set is loaded once, in [`Highlighter::new`], never per page.

use syntect::html::{ClassStyle, ClassedHTMLGenerator};

use crate::html::push_escaped;
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The prefix of every class the highlighter writes (`hl-keyword`, `hl-string` …).
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Language names that mean "no highlighting" without being a mistake.
const PLAIN_NAMES: &[&str] = &["", "text", "txt", "plain", "plaintext", "none", "output"];

/// Colours for the highlighter's classes. Each is at least 4.5:1 on `#fff`
/// (a unit test checks), so code stays readable for people with low vision.
const PALETTE: &[(&str, &str)] = &[
    (".hl-comment", "#595959"),
    (".hl-string", "#0b5d1e"),
    (".hl-constant", "#7a3e00"),
    (".hl-keyword", "#8a1a55"),
    (".hl-storage", "#8a1a55"),
    (".hl-entity.hl-name", "#1d4f91"),
    (".hl-entity.hl-other.hl-attribute-name", "#7a3e00"),
    (".hl-support", "#5b3a8c"),
    (".hl-variable.hl-parameter", "#1d4f91"),
    (".hl-markup.hl-heading", "#1d4f91"),
    (".hl-invalid", "#b00020"),
];

/// Turns fenced code into highlighted HTML.
pub(crate) struct Highlighter {
    syntaxes: SyntaxSet,
}

/// The outcome of highlighting one block.
pub(crate) struct Highlighted {
    /// The whole `<pre>` element.
    pub(crate) html: String,
    /// False when the language was named but not known, so the block is plain text.
    pub(crate) known_language: bool,
}

impl Highlighter {
    /// Loads syntect's default syntaxes, once per build.
    pub(crate) fn new() -> Self {
        Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
        }
    }

    /// Renders `code` as a `<pre class="code">` block, highlighted when `lang`
    /// names a syntax syntect knows.
    pub(crate) fn highlight(&self, lang: &str, code: &str) -> Highlighted {
        // A CRLF file keeps `\r` in code; syntect and readers want plain lines.
        let code = &code.replace("\r\n", "\n");
        let lower = lang.to_lowercase();
        let mut html = String::with_capacity(code.len() * 2 + 64);
        html.push_str("<pre class=\"code\" tabindex=\"0\"><code");
        if !lang.is_empty() {
            html.push_str(" class=\"language-");
            push_escaped(&mut html, &lower);
            html.push('"');
        }
        html.push('>');
        let plain = PLAIN_NAMES.contains(&lower.as_str());
        let highlighted = if plain {
            None
        } else {
            self.classed(&lower, code)
        };
        let known_language = plain || highlighted.is_some();
        match highlighted {
            Some(body) => html.push_str(&body),
            None => push_escaped(&mut html, code),
        }
        html.push_str("</code></pre>\n");
        Highlighted {
            html,
            known_language,
        }
    }

    /// Classed spans for `code`, or `None` if the language is unknown or syntect fails.
    fn classed(&self, lang: &str, code: &str) -> Option<String> {
        let syntax = self.syntaxes.find_syntax_by_token(lang)?;
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        let code = code.replace('\0', "\u{fffd}");
        for line in LinesWithEndings::from(&code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(generator.finalize())
    }
}

/// The stylesheet for highlighted code: write it beside the theme's CSS
/// (e.g. `/highlight.css`) and link it from the base template.
pub fn highlight_css() -> String {
    let mut css = String::from(
        "/* plainsite code highlighting: every colour is at least 4.5:1 on white. */\n\
         pre.code { overflow-x: auto; }\n",
    );
    for (selector, colour) in PALETTE {
        css.push_str(&format!("{selector} {{ color: {colour}; }}\n"));
    }
    css.push_str(".hl-markup.hl-bold { font-weight: bold; }\n");
    css.push_str(".hl-markup.hl-italic { font-style: italic; }\n");
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    #[test]
    fn every_colour_in_the_stylesheet_meets_4_5_to_1_on_white() {
        let css = highlight_css();
        let colours: Vec<&str> = css
            .match_indices('#')
            .map(|(i, _)| &css[i..i + 7])
            .collect();
        assert!(colours.len() >= 5);
        for colour in colours {
            let ratio = (1.0 + 0.05) / (luminance(colour) + 0.05);
            assert!(ratio >= 4.5, "{colour} is only {ratio:.2}:1 on white");
        }
    }

    #[test]
    fn highlights_rust_with_prefixed_classes() {
        let h = Highlighter::new().highlight("rust", "fn main() {}\n");
        assert!(h.known_language);
        assert!(
            h.html
                .starts_with("<pre class=\"code\" tabindex=\"0\"><code class=\"language-rust\">")
        );
        assert!(
            h.html.contains("hl-keyword") || h.html.contains("hl-storage"),
            "{}",
            h.html
        );
    }

    #[test]
    fn unknown_language_is_plain_escaped_text() {
        let h = Highlighter::new().highlight("nosuchlang", "<b>&</b>\n");
        assert!(!h.known_language);
        assert!(h.html.contains("&lt;b&gt;&amp;&lt;/b&gt;"));
        assert!(!h.html.contains("<span"));
    }

    #[test]
    fn text_is_a_known_plain_language() {
        let h = Highlighter::new().highlight("text", "hello\n");
        assert!(h.known_language);
        assert!(!h.html.contains("<span"));
    }
}
