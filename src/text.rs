//! Text: the two slug rules and accent folding.
//!
//! A ground-floor module: it knows nothing of pages or files. There are two slug rules, and they differ on purpose:
//!
//! - [`url_slug`] makes a URL segment (page and folder names, taxonomy terms,
//!   theme and language names): ASCII only, accents folded (Polish, Welsh and
//!   other Latin letters too: `ł` → `l`, `ŵ` → `w`), apostrophes dropped,
//!   anything else one hyphen; it may be empty.
//! - [`heading_slug`] makes a heading's `id` the way GitHub does, so `#anchors`
//!   written for GitHub work: Unicode letters kept, spaces as hyphens; never empty.
//!
//! It also says which characters must never reach a page ([`is_forbidden`],
//! [`check_text`]): control characters and Unicode noncharacters, which the HTML
//! standard forbids in text, and the two bidi overrides, which show the text
//! after them backwards. A file holding one is an error at its line and
//! column (plainsite does not strip them silently: they usually mean text pasted
//! from somewhere that lost something on the way). And it finds ASCII capitals
//! eight bytes at a time ([`next_capital`], [`has_capital_pair`], [`capital_mask`]), for the
//! abbreviation passes that read every page's text. It imports only `error` and
//! `rules`, the other ground-floor modules.

mod capitals;
pub mod dates;
pub mod file_names;

pub use capitals::{capital_mask, has_capital_pair, next_capital};

/// Turns text into a URL segment: lowercase ASCII letters and digits, runs of anything
/// else as one hyphen, no leading or trailing hyphen. May be empty.
pub fn url_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            // "Children's" → "childrens", not "children-s".
        } else if push_plain_letters(c, &mut out) {
            // "Zgłoś się" → "zglos-sie", not "zg-o-si".
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A letter with a common Western European accent as its plain letter (`é` → `e`);
/// any other character as it is.
pub fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ò'..='ö' | 'Ò'..='Ö' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        other => other,
    }
}

/// A lowercase Polish or Welsh letter that [`fold_accent`] leaves alone, as its
/// plain letter (`ł` → `l`, `ŵ` → `w`); any other character as it is. Search
/// folds with it too (`FOLD` in `search-core.js` is the same table).
pub fn fold_polish_welsh(c: char) -> char {
    match c {
        'ą' => 'a',
        'ć' => 'c',
        'ę' => 'e',
        'ł' => 'l',
        'ń' => 'n',
        'ś' => 's',
        'ź' | 'ż' => 'z',
        'ŵ' => 'w',
        'ŷ' => 'y',
        other => other,
    }
}

/// Pushes the lowercase ASCII letters that `c`, a letter [`fold_accent`] leaves
/// alone, is written with in an address (`Ł` → `l`, `ș` → `s`, `ß` → `ss`), and
/// says whether it did. Only [`url_slug`] asks, for a character it would
/// otherwise turn into a hyphen, so no address made of other letters changes.
fn push_plain_letters(c: char, out: &mut String) -> bool {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let folded = fold_accent(fold_polish_welsh(lower));
    if folded.is_ascii_alphanumeric() {
        out.push(folded.to_ascii_lowercase());
        return true;
    }
    let plain = match lower {
        'ă' | 'ā' => "a",
        'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'ě' | 'ē' | 'ė' => "e",
        'ğ' | 'ģ' => "g",
        'ı' | 'ī' | 'į' => "i",
        'ķ' => "k",
        'ľ' | 'ĺ' | 'ļ' => "l",
        'ň' | 'ņ' => "n",
        'ő' | 'ø' => "o",
        'ř' | 'ŕ' => "r",
        'š' | 'ș' | 'ş' => "s",
        'ť' | 'ț' | 'ţ' => "t",
        'ů' | 'ű' | 'ū' | 'ų' => "u",
        'ẁ' | 'ẃ' | 'ẅ' => "w",
        'ý' | 'ÿ' | 'ỳ' => "y",
        'ž' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        _ => return false,
    };
    out.push_str(plain);
    true
}

/// The slug a file or folder name gives: the extension and a leading order prefix
/// of two or three digits (`01-`, `010_`) are dropped. One digit or a year is kept,
/// so `7-minute-briefings` and `2019-20` mean what they say.
pub fn slug_from_file_name(name: &str) -> String {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let digits = stem.chars().take_while(char::is_ascii_digit).count();
    let stem = match stem[digits..].strip_prefix(['-', '_']) {
        Some(rest) if (2..=3).contains(&digits) && !rest.is_empty() => rest,
        _ => stem,
    };
    url_slug(stem)
}

/// GitHub's heading slug: lowercase; letters, digits, `-` and `_` kept; spaces
/// become `-`; everything else dropped. Never empty (falls back to `section`).
pub fn heading_slug(text: &str) -> String {
    let text = text.trim();
    if !text.is_ascii() {
        return slug_by_characters(text);
    }
    // The same rule on bytes: an ASCII letter lowercases to one byte.
    let mut slug = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' {
            slug.push(char::from(b.to_ascii_lowercase()));
        } else if matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ') {
            slug.push('-');
        }
    }
    or_section(slug)
}

/// [`heading_slug`]'s rule character by character, for any text.
fn slug_by_characters(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    or_section(slug)
}

fn or_section(slug: String) -> String {
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}

/// True if `word` has a letter or digit: its ASCII bytes are read first, and it
/// is decoded only when they have none and it is not all ASCII.
pub fn has_alphanumeric(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_alphanumeric())
        || (!word.is_ascii() && word.chars().any(char::is_alphanumeric))
}

/// True for a character that must not reach a page: one the HTML standard does
/// not allow in text (U+0001–U+001F but tab, line feed and carriage return;
/// U+007F–U+009F; the noncharacters U+FDD0–U+FDEF and every U+xFFFE, U+xFFFF;
/// U+0000 too), and the left-to-right and right-to-left overrides (U+202D,
/// U+202E), which show every letter after them in reverse order, so readers
/// see other words than the author wrote. The marks and isolates that right to
/// left languages need (U+200E, U+200F, U+2066–U+2069) are allowed.
pub fn is_forbidden(c: char) -> bool {
    let n = u32::from(c);
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&n)
        || (0xfdd0..=0xfdef).contains(&n)
        || n & 0xfffe == 0xfffe
        || matches!(c, '\u{202d}' | '\u{202e}')
}

/// What is wrong with `c`, a character [`is_forbidden`] refuses, for a message
/// that has just named it: "the invisible character U+202E {this}".
pub fn forbidden_kind(c: char) -> &'static str {
    if matches!(c, '\u{202d}' | '\u{202e}') {
        "(a direction override), which shows the letters after it in reverse order, so readers would see other words than you wrote"
    } else {
        "(a control character or a noncharacter), which cannot be part of a web page"
    }
}

/// The first forbidden character in `text`: its line and column (both from 1,
/// the column counted in characters) and the character.
pub fn first_forbidden(text: &str) -> Option<(usize, usize, char)> {
    // Most text is ASCII: bytes that are allowed ASCII are passed over without
    // decoding, and only the others (a forbidden one, or the start of a longer
    // character) are decoded and judged. Every byte skipped is one character, so
    // `at` is always at a character's start.
    let bytes = text.as_bytes();
    let mut from = 0;
    let (at, c) = loop {
        let at = from + first_suspect(bytes.get(from..)?)?;
        let c = text.get(at..)?.chars().next()?;
        if is_forbidden(c) {
            break (at, c);
        }
        from = at + c.len_utf8();
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some((line, col, c))
}

/// A byte [`first_forbidden`] must look at: ASCII that is not allowed, or part of
/// a longer character.
fn suspect(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b >= 0x7f
}

/// Where the first [`suspect`] byte of `bytes` is. Blocks of 32 bytes are judged
/// whole first, by a test the compiler runs many bytes at a time (is every byte
/// printable ASCII or a line feed?), and only a block that fails it is searched
/// byte by byte.
fn first_suspect(bytes: &[u8]) -> Option<usize> {
    let mut blocks = bytes.chunks_exact(32);
    let mut at = 0;
    for block in blocks.by_ref() {
        let odd = block.iter().fold(0u8, |odd, &b| {
            odd | u8::from(b.wrapping_sub(0x20) >= 0x5f && b != b'\n')
        });
        if odd != 0 {
            return block.iter().position(|&b| suspect(b)).map(|i| at + i);
        }
        at += 32;
    }
    blocks
        .remainder()
        .iter()
        .position(|&b| suspect(b))
        .map(|i| at + i)
}

/// `text` to quote in a message: control characters left out, and at most 80
/// characters, with `…` when it was longer.
pub fn shortened(text: &str) -> String {
    let mut out: String = text.chars().filter(|c| !c.is_control()).take(81).collect();
    if let Some((end, _)) = out.char_indices().nth(80) {
        out.truncate(end);
        out.push('…');
    }
    out
}

/// An error for the first forbidden character in `text`, the whole of `file`
/// (`site.yaml`, a data file), at its line and column.
pub fn check_text(text: &str, file: &std::path::Path) -> Option<crate::error::Diagnostic> {
    let (line, col, c) = first_forbidden(text)?;
    Some(
        crate::error::Diagnostic::error(
            crate::rules::FILE,
            file,
            format!(
                "this file has the invisible character U+{:04X} {}",
                u32::from(c),
                forbidden_kind(c)
            ),
        )
        .at(line, col)
        .help("delete it (it often comes with text pasted from another program), or retype the words around it"),
    )
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_quoted_value_is_shortened_without_control_characters() {
        assert_eq!(shortened("plan\u{1b}[2J.pdf"), "plan[2J.pdf");
        let long = "a".repeat(81);
        assert_eq!(shortened(&long), format!("{}…", "a".repeat(80)));
        assert_eq!(shortened(&long[..80]), "a".repeat(80));
    }

    use super::*;

    proptest::proptest! {
        #[test]
        fn slugs_any_heading_as_character_by_character(
            text in "[aZ09_\\- .?'\t\n\u{b}\u{c}\r\u{1c}\u{7f}é’İ]{0,20}"
        ) {
            proptest::prop_assert_eq!(heading_slug(&text), slug_by_characters(text.trim()));
        }

        #[test]
        fn first_suspect_is_the_first_byte_suspect_says(
            text in "[a-z \t\n\r\u{1}\u{7f}\u{85}é€\u{fdd0}\u{fffe}]{0,80}"
        ) {
            let bytes = text.as_bytes();
            proptest::prop_assert_eq!(
                first_suspect(bytes),
                bytes.iter().position(|&b| suspect(b))
            );
        }
    }

    #[test]
    fn slugs_are_lowercase_ascii_with_hyphens() {
        assert_eq!(url_slug("Think Family!"), "think-family");
        assert_eq!(url_slug("  Children's   services "), "childrens-services");
        assert_eq!(url_slug("Café"), "cafe");
        assert_eq!(url_slug("../.."), "");
    }

    #[test]
    fn polish_welsh_and_other_latin_letters_become_plain_letters_in_slugs() {
        assert_eq!(url_slug("Zgłoś się"), "zglos-sie");
        assert_eq!(url_slug("Gwasanaethau Ŵyl"), "gwasanaethau-wyl");
        assert_eq!(url_slug("ŁÓDŹ, Żółw"), "lodz-zolw");
        assert_eq!(url_slug("Siguranța copiilor"), "siguranta-copiilor");
        assert_eq!(url_slug("Straße, Ærø"), "strasse-aero");
        assert_eq!(
            slug_from_file_name("01-bezpieczeństwo.md"),
            "bezpieczenstwo"
        );
        // Letters of other scripts, and punctuation, are not letters of an
        // address: the slug is as it was.
        assert_eq!(url_slug("رپورٹ کریں"), "");
        assert_eq!(url_slug("Report – now!"), "report-now");
        assert_eq!(url_slug("Київ 2024"), "2024");
    }

    #[test]
    fn order_prefix_is_dropped() {
        assert_eq!(slug_from_file_name("01-foreword.md"), "foreword");
        assert_eq!(slug_from_file_name("2019-20.md"), "2019-20");
        assert_eq!(slug_from_file_name("2020.md"), "2020");
        assert_eq!(
            slug_from_file_name("7-minute-briefing.md"),
            "7-minute-briefing"
        );
    }

    #[test]
    fn slugs_follow_github() {
        assert_eq!(heading_slug("Think Family"), "think-family");
        assert_eq!(heading_slug("What’s new in 2024?"), "whats-new-in-2024");
        assert_eq!(
            heading_slug("  snake_case and-hyphens  "),
            "snake_case-and-hyphens"
        );
        assert_eq!(heading_slug("Café Ünïcode"), "café-ünïcode");
        assert_eq!(heading_slug("a - b"), "a---b");
    }

    #[test]
    fn empty_or_punctuation_only_heading_gets_section() {
        assert_eq!(heading_slug(""), "section");
        assert_eq!(heading_slug("?!… "), "section");
    }

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
            '\u{202d}',
            '\u{202e}',
        ] {
            assert!(is_forbidden(c), "{:?}", c);
        }
        // Right to left languages need the marks, embeddings and isolates.
        for c in [
            '\t', '\n', '\r', ' ', 'é', '\u{a0}', '\u{fffd}', '\u{fdf0}', '\u{200e}', '\u{200f}',
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{2066}', '\u{2067}', '\u{2069}',
        ] {
            assert!(!is_forbidden(c), "{:?}", c);
        }
        assert_eq!(
            first_forbidden("---\ntitle: Pay \u{202e}00.001£\n---\n"),
            Some((2, 12, '\u{202e}'))
        );
        assert!(forbidden_kind('\u{202e}').contains("reverse order"));
        assert!(forbidden_kind('\u{7}').contains("control character"));
    }

    #[test]
    fn letters_and_digits_of_any_script_count() {
        for word in ["a", "Z", "7", "é", "ß", "٣", "中", "—a", "«x»"] {
            assert!(has_alphanumeric(word), "{word}");
        }
        for word in ["", "—", "...", "«»", "\u{a0}", "*"] {
            assert!(!has_alphanumeric(word), "{word}");
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

    #[test]
    fn finds_what_a_character_by_character_search_finds() {
        let slow = |text: &str| text.chars().find(|&c| is_forbidden(c));
        let pieces = [
            "a",
            "\n",
            "\t",
            "\r",
            "é",
            "’",
            "\u{7f}",
            "\u{80}",
            "\u{9f}",
            "\u{a0}",
            "\u{1}",
            "\u{0}",
            "\u{fdd0}",
            "\u{fdef}",
            "\u{fdf0}",
            "\u{fffe}",
            "\u{ffff}",
            "\u{1fffe}",
            "\u{10ffff}",
            "\u{1f600}",
            "ß",
            "\u{fffd}",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("x{a}y{b}\n{c}z");
                    let found = first_forbidden(&text).map(|(_, _, c)| c);
                    assert_eq!(found, slow(&text), "{text:?}");
                }
            }
        }
    }
}
