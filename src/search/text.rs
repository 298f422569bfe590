//! Text for the search index: the words of a page's `<main>` and of its headings.
//!
//! Part of [`crate::search`]; reads rendered HTML, never Markdown. The tokeniser ([`super::fold`]
//! reads pages with it in one pass) and the one in `search-core.js` must agree: lowercase, common accents folded (Polish and
//! Welsh letters too, so `zgłoś` is found by `zglos`), apostrophes dropped, runs of
//! letters and digits (Unicode `Alphabetic` and `Numeric`, so the vowel marks of Urdu
//! stay in their word) of two characters or more, cut at 40 characters. Anything else
//! splits words: spaces, and punctuation of any script (Urdu `۔ ، ؟` included).

/// Words longer than this are cut (long strings of digits, URLs).
pub(super) const MAX_WORD: usize = 40;

/// The searchable words of a text, in order, repeats kept.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if word.chars().count() >= 2 {
            out.push(word.chars().take(MAX_WORD).collect());
        }
        word.clear();
    };
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold(c);
        if c.is_alphanumeric() {
            word.push(c);
        } else if c != '\'' && c != '’' {
            flush(&mut word);
        }
    }
    flush(&mut word);
    out
}

/// A lowercase letter with its accent folded away, for search only: the common
/// Latin accents as [`crate::text::fold_accent`] folds them, and the Polish and
/// Welsh letters it leaves alone ([`crate::text::fold_polish_welsh`]). `FOLD` in
/// `search-core.js` is the same table.
pub(super) fn fold(c: char) -> char {
    crate::text::fold_polish_welsh(crate::text::fold_accent(c))
}

/// The text of the page's `<main>` element: tags removed (with the contents of
/// `<script>`, `<style>` and `<template>`), entities decoded. Empty without `<main>`.
pub fn main_text(html: &str) -> String {
    main_fields(html).0
}

/// The text of the page's `<main>` (as [`main_text`]) and, apart, the text of its
/// `<h2>` to `<h6>` headings, which search weighs above the body.
pub fn main_fields(html: &str) -> (String, String) {
    let mut text = String::new();
    let mut headings = String::new();
    walk_main(html, |piece| match piece {
        Piece::Text(part, in_heading) => {
            push_decoded(&mut text, part);
            if in_heading {
                push_decoded(&mut headings, part);
                headings.push(' ');
            }
        }
        Piece::Tag => text.push(' '),
    });
    (text, headings)
}

/// What [`walk_main`] finds in `<main>`, in order.
enum Piece<'a> {
    /// Text between tags, entities not yet decoded, and whether it is in a heading.
    Text(&'a str, bool),
    /// A tag, which separates words: `<td>a</td><td>b</td>` is two words.
    Tag,
}

/// The part of `html` that search reads: from `<main` to the first `</main>`.
fn main_part(html: &str) -> &str {
    let main = main_from(html);
    main.find("</main>").map_or(main, |end| &main[..end])
}

/// `html` from its `<main` tag to the end; empty without one.
pub(super) fn main_from(html: &str) -> &str {
    find_tag(html, "<main").map_or("", |start| &html[start..])
}

/// Reads the tag that `tag` starts with (at its `<`): the bytes it takes (with the
/// contents of `<script>`, `<style>` and `<template>`, which search skips), and
/// whether it opens (`Some(true)`) or closes (`Some(false)`) an `<h2>`–`<h6>`.
pub(super) fn read_tag(tag: &str) -> (usize, Option<bool>) {
    let bytes = tag.as_bytes();
    let closing = bytes.get(1) == Some(&b'/');
    let from = if closing { 2 } else { 1 };
    let name = bytes.get(from..).unwrap_or_default();
    let name = &name[..name
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()];
    // The name holds no `>`, so the tag ends at the first one after it. Tags are
    // short: a plain loop finds the end sooner than a vectorised search.
    let after_name = from + name.len();
    let close = bytes
        .get(after_name..)
        .unwrap_or_default()
        .iter()
        .position(|&b| b == b'>');
    let close = close.map_or(bytes.len(), |g| after_name + g + 1);
    let heading = matches!(name, [b'h' | b'H', b'2'..=b'6']).then_some(!closing);
    if closing || !matches!(name.len(), 5 | 6 | 8) {
        return (close, heading);
    }
    let skipped = ["script", "style", "template"]
        .into_iter()
        .find(|s| name.eq_ignore_ascii_case(s.as_bytes()));
    let Some(skipped) = skipped else {
        return (close, heading);
    };
    (skip_contents(tag, close, skipped), heading)
}

/// Where the contents of a `<script>`, `<style>` or `<template>` (named `element`)
/// whose opening tag ends at `close` end: at its closing tag, or the end of `tag`.
fn skip_contents(tag: &str, close: usize, element: &str) -> usize {
    let closing = format!("</{element}");
    tag[close..].find(&closing).map_or(tag.len(), |i| close + i)
}

/// Calls `f` with the text and tags of the page's `<main>` (up to the first
/// `</main>`), skipping `<script>`, `<style>` and `<template>` with their contents.
fn walk_main<'a>(html: &'a str, mut f: impl FnMut(Piece<'a>)) {
    let mut in_heading = false;
    let mut rest = main_part(html);
    while let Some(lt) = rest.find('<') {
        if lt > 0 {
            f(Piece::Text(&rest[..lt], in_heading));
        }
        let (len, heading) = read_tag(&rest[lt..]);
        in_heading = heading.unwrap_or(in_heading);
        rest = &rest[lt + len..];
        f(Piece::Tag);
    }
    if !rest.is_empty() {
        f(Piece::Text(rest, in_heading));
    }
}

/// Finds `<main` as a whole tag name (not `<mainly`).
fn find_tag(html: &str, open: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].find(open) {
        let at = from + i;
        match html[at + open.len()..].chars().next() {
            Some('>' | ' ' | '\n' | '\t' | '\r') => return Some(at),
            _ => from = at + open.len(),
        }
    }
    None
}

/// Appends `text` to `out` with its HTML entities (`&amp;`, `&#8217;`) turned
/// into their characters; a lone `&` stays.
pub(crate) fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&s| s <= 10);
        let decoded = semi.and_then(|s| entity(&after[..s]));
        match (semi, decoded) {
            (Some(s), Some(c)) => {
                out.push(c);
                rest = &after[s + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

pub(super) fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "rsquo" => '’',
        "lsquo" => '‘',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::each_word;

    /// `read_tag` as first written: the rule the faster one keeps.
    fn read_tag_reference(tag: &str) -> (usize, Option<bool>) {
        // Tags are short: a plain loop finds their end sooner than a vectorised search.
        let close = tag
            .bytes()
            .position(|b| b == b'>')
            .map_or(tag.len(), |g| g + 1);
        let inside = tag.get(1..close).unwrap_or_default();
        let (closing, inside) = match inside.strip_prefix('/') {
            Some(name) => (true, name),
            None => (false, inside),
        };
        let name_len = inside.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = &inside[..name_len];
        let heading = matches!(name.as_bytes(), [b'h' | b'H', b'2'..=b'6']).then_some(!closing);
        let skipped = ["script", "style", "template"]
            .into_iter()
            .find(|s| !closing && name.len() == s.len() && name.eq_ignore_ascii_case(s));
        let Some(skipped) = skipped else {
            return (close, heading);
        };
        (skip_contents(tag, close, skipped), heading)
    }

    proptest::proptest! {
        #[test]
        fn read_tag_keeps_its_first_rule(
            tag in "<(/)?(h[1-7]|H2|script|STYLE|templatE|scripts|p|a|main)?[ a-z=\"/>]{0,8}(</script>|</style>|</template>)?[a-z<>]{0,4}"
        ) {
            proptest::prop_assert_eq!(read_tag(&tag), read_tag_reference(&tag));
        }
    }

    #[test]
    fn reads_only_main_and_skips_scripts() {
        let html = "<header>Menu words</header><main id=\"main\"><h1>Fish &amp; chips</h1><script>var x = 'hidden';</script><p>Children&#x27;s <b>s</b>afety</p></main><footer>footer</footer>";
        assert_eq!(
            words(&main_text(html)),
            ["fish", "chips", "childrens", "afety"]
        );
    }

    #[test]
    fn keeps_the_headings_apart() {
        let html = "<main><h1>Title</h1><h2 id=\"a\">Early <em>help</em></h2><p>Body</p><H3>Next step</H3><p>more</p></main>";
        let (body, headings) = main_fields(html);
        assert_eq!(
            words(&body),
            ["title", "early", "help", "body", "next", "step", "more"]
        );
        assert_eq!(words(&headings), ["early", "help", "next", "step"]);
        // An unclosed heading or stray closing tags do not panic or leak.
        let (_, headings) = main_fields("<main></h2><h4>open<p>text");
        assert_eq!(words(&headings), ["open", "text"]);
    }

    #[test]
    fn folds_case_and_accents_like_search_js() {
        assert_eq!(
            words("Élan, CAFÉ’s 7-minute a"),
            ["elan", "cafes", "minute"]
        );
        assert_eq!(words("ZGŁOŚ źródło, Ŵyŷ"), ["zglos", "zrodlo", "wyy"]);
        let mut scratch = Vec::new();
        let mut seen = Vec::new();
        each_word("Zgłoś ŻÓŁW", &mut scratch, |w| seen.push(w.to_owned()));
        assert_eq!(seen, ["zglos", "zolw"]);
    }

    #[test]
    fn urdu_splits_on_spaces_and_its_own_punctuation() {
        // Full stop ۔, comma ، and question mark ؟ end words; a vowel mark (zabar,
        // U+064E) stays inside its word.
        let text = "بچے کی حفاظت۔ رپورٹ،کریں؟ کَم";
        assert_eq!(words(text), ["بچے", "کی", "حفاظت", "رپورٹ", "کریں", "کَم"]);
        let mut scratch = Vec::new();
        let mut seen = Vec::new();
        each_word(text, &mut scratch, |w| seen.push(w.to_owned()));
        assert_eq!(seen, words(text));
    }
}
