//! Characters that must never reach a page: control characters and Unicode
//! noncharacters, which the HTML standard forbids in text.
//!
//! Part of loading content: a Markdown file holding one is an error at its line
//! and column (plainsite does not strip them silently, because they usually mean
//! text pasted from somewhere that lost something on the way). Tab, line feed and
//! carriage return (line ends written by Windows editors) are ordinary text.

/// True for a character the HTML standard does not allow in a page's text:
/// U+0001–U+001F but tab, line feed and carriage return; U+007F–U+009F; and the
/// noncharacters U+FDD0–U+FDEF and every U+xFFFE, U+xFFFF. (U+0000 too.)
pub(super) fn is_forbidden(c: char) -> bool {
    let n = u32::from(c);
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&n)
        || (0xfdd0..=0xfdef).contains(&n)
        || n & 0xfffe == 0xfffe
}

/// The first forbidden character in `text`: its line and column (both from 1,
/// the column counted in characters) and the character.
pub(super) fn first_forbidden(text: &str) -> Option<(usize, usize, char)> {
    let (at, c) = text.char_indices().find(|&(_, c)| is_forbidden(c))?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some((line, col, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_control_characters_and_noncharacters() {
        for c in [
            '\u{1}',
            '\u{b}',
            '\u{c}',
            '\u{1f}',
            '\u{7f}',
            '\u{85}',
            '\u{9f}',
            '\u{fdd0}',
            '\u{fffe}',
            '\u{1ffff}',
        ] {
            assert!(is_forbidden(c), "{:?}", c);
        }
        for c in ['\t', '\n', '\r', ' ', 'é', '\u{a0}', '\u{fffd}', '\u{fdf0}'] {
            assert!(!is_forbidden(c), "{:?}", c);
        }
    }

    #[test]
    fn names_the_line_and_column() {
        assert_eq!(first_forbidden("ok\r\nfine"), None);
        assert_eq!(
            first_forbidden("---\ntitle: A\u{7}B\n---\n"),
            Some((2, 9, '\u{7}'))
        );
        assert_eq!(first_forbidden("é\u{85}"), Some((1, 2, '\u{85}')));
    }
}
