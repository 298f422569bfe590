//! The text a page shows for a phrase typed in it: what `<abbr>` marking
//! (`abbr::mark_first_uses`) looks for a glossary entry in.
//!
//! Part of `markdown`. Pages are read with smart punctuation, so a straight
//! apostrophe typed in a page is a curly one in its text (`CSE's` → `CSE’s`),
//! `--` is a dash and `...` is one character (…); `&amp;` is `&`; and a line
//! break ends one piece of text. An entry written the other way is never found.
//! It reads the phrase with the pages' own comrak options, so it cannot
//! disagree with them, and knows nothing of the glossary file.

use comrak::Arena;
use comrak::nodes::NodeValue;

/// The text of `phrase` typed on a line of a page, with a line break in it as
/// a space; `None` when the phrase is not plain text there (it makes emphasis,
/// a link, code, a heading or a list), as no text could then be compared.
pub(crate) fn as_page_text(phrase: &str) -> Option<String> {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, phrase, &super::parse_options());
    let mut blocks = root.children();
    let paragraph = blocks.next()?;
    if blocks.next().is_some() || !matches!(paragraph.data().value, NodeValue::Paragraph) {
        return None;
    }
    let mut text = String::new();
    for inline in paragraph.children() {
        match &inline.data().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            _ => return None,
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::as_page_text;
    use crate::markdown::tests::render_with_glossary;

    /// True when a glossary entry `key` is marked on a page that has it in a sentence.
    fn found_in_a_page(key: &str) -> bool {
        let page = format!("We met the {key} today.\n");
        !render_with_glossary(&page, &[(key, "meaning")])
            .abbreviations_used
            .is_empty()
    }

    #[test]
    fn typed_punctuation_is_shown_as_the_page_shows_it() {
        for (typed, shown) in [
            ("CSE's", "CSE’s"),
            ("Children's Services", "Children’s Services"),
            ("\"Think Family\"", "“Think Family”"),
            ("'Think Family'", "‘Think Family’"),
            ("A--B", "A–B"),
            ("A---B", "A—B"),
            ("A...B", "A…B"),
            ("A&amp;E", "A&E"),
            ("Child\nProtection", "Child Protection"),
        ] {
            assert_eq!(as_page_text(typed).as_deref(), Some(shown), "{typed:?}");
        }
        for same in [
            "MASH", "mash", "A&E", "CP-IS", "A  B", "C++", "e.g.", "CSE’s",
        ] {
            assert_eq!(as_page_text(same).as_deref(), Some(same), "{same:?}");
        }
        for not_text in [
            "*MASH*",
            "`MASH`",
            "# MASH",
            "- MASH",
            "www.nspcc.org.uk",
            "",
        ] {
            assert_eq!(as_page_text(not_text), None, "{not_text:?}");
        }
    }

    /// The promise the glossary check rests on: an entry is found in a page
    /// exactly when it is the text the page shows for it.
    #[test]
    fn an_entry_is_found_in_a_page_only_as_the_page_shows_it() {
        for key in [
            "MASH",
            "mash",
            "Child Protection",
            "A&E",
            "CP-IS",
            "e.g.",
            "O'Neil",
            "CSE's",
            "CSE’s",
            "\"Think Family\"",
            "“Think Family”",
            "A--B",
            "A–B",
            "A...B",
            "A…B",
            "A&amp;E",
            "Child\nProtection",
        ] {
            let shown = as_page_text(key).expect("plain text");
            assert_eq!(found_in_a_page(key), shown == key, "{key:?}");
            assert!(found_in_a_page(&shown), "{key:?} as {shown:?}");
        }
    }
}
