//! Text for the search index: the words of a page's `<main>` and of its headings.
//!
//! Part of [`crate::search`]; reads rendered HTML, never Markdown. The tokeniser here and
//! the one in `search-core.js` must agree: lowercase, common accents folded (Polish and
//! Welsh letters too, so `zgłoś` is found by `zglos`), apostrophes dropped, runs of
//! letters and digits (Unicode `Alphabetic` and `Numeric`, so the vowel marks of Urdu
//! stay in their word) of two characters or more, cut at 40 characters. Anything else
//! splits words: spaces, and punctuation of any script (Urdu `۔ ، ؟` included).

/// Words longer than this are cut (long strings of digits, URLs).
const MAX_WORD: usize = 40;

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
/// Welsh letters it leaves alone. `FOLD` in `search-core.js` is the same table.
fn fold(c: char) -> char {
    match crate::text::fold_accent(c) {
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

/// Calls `f` with each searchable word of `text` in order, repeats included: the
/// same words as [`words`]. `folded` is scratch space the words are cut from.
pub(super) fn each_word<'a>(text: &str, folded: &'a mut String, mut f: impl FnMut(&'a str)) {
    folded.clear();
    folded.reserve(text.len());
    for c in text.chars() {
        // Most text is ASCII, which needs no Unicode case tables.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                folded.push(c.to_ascii_lowercase());
            } else if c != '\'' {
                folded.push(' ');
            }
            continue;
        }
        for c in c.to_lowercase() {
            let c = fold(c);
            if c.is_alphanumeric() {
                folded.push(c);
            } else if c != '’' {
                folded.push(' ');
            }
        }
    }
    for w in folded.split(' ').filter(|w| w.chars().nth(1).is_some()) {
        let end = w
            .char_indices()
            .nth(MAX_WORD)
            .map_or(w.len(), |(end, _)| end);
        f(&w[..end]);
    }
}

/// The text of the page's `<main>` element: tags removed (with the contents of
/// `<script>`, `<style>` and `<template>`), entities decoded. Empty without `<main>`.
pub fn main_text(html: &str) -> String {
    main_fields(html).0
}

/// The text of the page's `<main>` (as [`main_text`]) and, apart, the text of its
/// `<h2>` to `<h6>` headings, which search weighs above the body.
pub fn main_fields(html: &str) -> (String, String) {
    let Some(start) = find_tag(html, "<main") else {
        return (String::new(), String::new());
    };
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |e| start + e);
    let body = &html[start..end];
    let mut text = String::with_capacity(body.len() / 2);
    let mut headings = String::new();
    let mut in_heading = false;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut text, &rest[..lt]);
        if in_heading {
            push_decoded(&mut headings, &rest[..lt]);
            headings.push(' ');
        }
        let tag = &rest[lt..];
        let close = tag.find('>').map_or(tag.len(), |g| g + 1);
        let inside = &tag[1..close.min(tag.len())];
        let (closing, inside) = match inside.strip_prefix('/') {
            Some(name) => (true, name),
            None => (false, inside),
        };
        let name_len = inside.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = &inside[..name_len];
        rest = &tag[close..];
        if let [b'h' | b'H', b'2'..=b'6'] = name.as_bytes() {
            in_heading = !closing;
        }
        if let Some(skipped) = ["script", "style", "template"]
            .into_iter()
            .find(|s| !closing && name.eq_ignore_ascii_case(s))
        {
            let closing = format!("</{skipped}");
            rest = rest.find(&closing).map_or("", |i| &rest[i..]);
        }
        // Tags separate words: `<td>a</td><td>b</td>` is two words.
        text.push(' ');
    }
    push_decoded(&mut text, rest);
    if in_heading {
        push_decoded(&mut headings, rest);
    }
    (text, headings)
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

fn push_decoded(out: &mut String, text: &str) {
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

fn entity(name: &str) -> Option<char> {
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
        let mut scratch = String::new();
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
        let mut scratch = String::new();
        let mut seen = Vec::new();
        each_word(text, &mut scratch, |w| seen.push(w.to_owned()));
        assert_eq!(seen, words(text));
    }
}
