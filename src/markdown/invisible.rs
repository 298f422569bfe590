//! The invisible characters pasted text carries, taken out: a zero-width
//! space (U+200B), a word joiner (U+2060) and a zero-width no-break space
//! (U+FEFF). The rules are in `word`'s module docs, which runs them on a
//! page's text nodes; loading runs them on the words of its front matter.

use comrak::nodes::{AstNode, NodeValue};

/// True when `text` may hold a character [`strip_invisible`] removes: a cheap
/// byte test first (U+200B and U+2060 start with 0xE2, U+FEFF with 0xEF).
pub(crate) fn may_have_invisible(text: &str) -> bool {
    // One pass over the lead bytes of the three: most text has curly quotes
    // and dashes (0xE2 too), so looking for each character in turn read it
    // three times more.
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xE2, 0xEF, bytes).any(|at| {
        matches!(
            bytes.get(at..at + 3),
            Some([0xE2, 0x80, 0x8B] | [0xE2, 0x81, 0xA0] | [0xEF, 0xBB, 0xBF])
        )
    })
}

/// Takes the invisible characters out of the text nodes in `texts`.
pub(crate) fn strip_invisible_in(texts: &[&AstNode<'_>]) {
    for node in texts {
        if let NodeValue::Text(text) = &mut node.data_mut().value
            && let Some(stripped) = strip_invisible(text)
        {
            *text = stripped.into();
        }
    }
}

/// Takes the invisible characters (see the module docs) out of `text`, a
/// front-matter value: the same cleaning as the page's text nodes get.
pub(crate) fn remove_invisible(text: &mut String) {
    if may_have_invisible(text)
        && let Some(clean) = strip_invisible(text)
    {
        *text = clean;
    }
}

/// `text` without the invisible characters (see the module docs), or `None`
/// when it has none to take out.
fn strip_invisible(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut previous = None;
    let mut chars = text.chars().peekable();
    let mut changed = false;
    while let Some(c) = chars.next() {
        let drop = match c {
            '\u{2060}' | '\u{feff}' => true,
            '\u{200b}' => {
                !(previous.is_some_and(breaks_with_zwsp)
                    || chars.peek().is_some_and(|&n| breaks_with_zwsp(n)))
            }
            _ => false,
        };
        if drop {
            changed = true;
        } else {
            out.push(c);
            previous = Some(c);
        }
    }
    changed.then_some(out)
}

/// True for letters of the scripts that write no spaces and mark line breaks
/// with a zero-width space: Thai, Lao, Tibetan, Myanmar and Khmer.
fn breaks_with_zwsp(c: char) -> bool {
    matches!(u32::from(c), 0x0e00..=0x0fff | 0x1000..=0x109f | 0x1780..=0x17ff)
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::with_page;

    #[test]
    fn invisible_characters_go_and_joiners_stay() {
        let r = with_page("zero\u{200b}width, word\u{2060}joiner, b\u{feff}om.\n");
        assert_eq!(&*r.html, "<p>zerowidth, wordjoiner, bom.</p>\n");
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        // Persian and Hindi need the non-joiner and joiner; emoji the joiner;
        // Thai marks line breaks with a zero-width space.
        for kept in [
            "می\u{200c}خواهم",
            "क्\u{200d}ष",
            "👩\u{200d}👧",
            "ภาษา\u{200b}ไทย",
            "`code\u{200b}`",
        ] {
            let html = with_page(&format!("{kept}\n")).html;
            let inner: String = kept.chars().filter(|c| *c != '`').collect();
            assert!(html.contains(&inner), "{kept:?}: {html}");
        }
    }
}
