//! The search tokeniser's fast path: folds a page's `<main>` and its headings to
//! searchable words in one pass over the rendered HTML, as [`super::text`] reads
//! them (tags out, entities decoded, case and accents folded) without building the
//! text first.
//!
//! Part of [`crate::search`]; [`super::terms`] counts the words it gives. The
//! rules are [`super::text`]'s, and a test holds the two to the same words on any
//! markup; change them there first.

use super::text::{MAX_WORD, entity, fold, main_from, read_tag};

/// Calls `f` with each searchable word of `text` in order, repeats included: the
/// same words as [`super::text::words`]. `folded` is scratch space the words are cut from.
pub(super) fn each_word<'a>(text: &str, folded: &'a mut Vec<u8>, f: impl FnMut(&'a str)) {
    folded.clear();
    fold_into(text, folded);
    each_folded_word(folded, f);
}

/// What an ASCII character becomes in folded text: letters lowercased, digits
/// kept, the apostrophe dropped (0), anything else a space.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [b' '; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        } else if c == b'\'' {
            table[b] = 0;
        }
        b += 1;
    }
    table
};

/// [`ASCII_FOLD`] for the bytes of plain text, which fold one for one; 0 for
/// those that do not: `<` and `&` (markup), the apostrophe (dropped) and the
/// bytes of other characters. [`fold_main`] folds runs of plain text with it.
const PLAIN: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        if b != b'<' as usize && b != b'&' as usize {
            table[b] = ASCII_FOLD[b];
        }
        b += 1;
    }
    table
};

/// Appends `text` to `folded` as the tokeniser reads it: letters and digits
/// lowercased and folded, apostrophes dropped, anything else a space. `folded`
/// stays UTF-8: only whole characters are appended.
fn fold_into(text: &str, folded: &mut Vec<u8>) {
    folded.reserve(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Most text is ASCII, which needs no Unicode case tables.
        if let Some(&f) = ASCII_FOLD.get(usize::from(b)) {
            if f != 0 {
                folded.push(f);
            }
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        fold_char(c, folded);
        i += c.len_utf8();
    }
}

fn fold_char(c: char, folded: &mut Vec<u8>) {
    if let Some(&f) = u8::try_from(c)
        .ok()
        .and_then(|b| ASCII_FOLD.get(usize::from(b)))
    {
        if f != 0 {
            folded.push(f);
        }
        return;
    }
    let mut utf8 = [0; 4];
    for c in c.to_lowercase() {
        let c = fold(c);
        if c.is_alphanumeric() {
            folded.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        } else if c != '’' {
            folded.push(b' ');
        }
    }
}

/// Calls `f` with each word of text already folded by [`fold_into`]: runs between
/// spaces of two characters or more, cut at [`MAX_WORD`] characters.
fn each_folded_word<'a>(folded: &'a [u8], mut f: impl FnMut(&'a str)) {
    // Always UTF-8: `fold_into` appends whole characters only.
    let Ok(folded) = std::str::from_utf8(folded) else {
        return;
    };
    let bytes = folded.as_bytes();
    // Most pages fold to ASCII only: then no word needs its characters counted.
    let all_ascii = bytes.is_ascii();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] != b' ' {
            i += 1;
        }
        // Both ends are at a space or an end of the text, so on character boundaries.
        let Some(w) = folded.get(start..i) else {
            continue;
        };
        let end = if all_ascii || w.is_ascii() {
            if w.len() < 2 {
                continue;
            }
            w.len().min(MAX_WORD)
        } else {
            if w.chars().nth(1).is_none() {
                continue;
            }
            w.char_indices()
                .nth(MAX_WORD)
                .map_or(w.len(), |(end, _)| end)
        };
        if let Some(w) = w.get(..end) {
            f(w);
        }
    }
}

/// The words of a page's `<main>` and, apart, of its `<h2>` to `<h6>` headings, as
/// [`each_word`] would give them from [`super::text::main_fields`], read in one pass over the
/// HTML: `body` and `headings` are scratch space the words are cut from.
pub(super) fn each_main_word<'a>(
    html: &str,
    body: &'a mut Vec<u8>,
    headings: &'a mut Vec<u8>,
    mut f: impl FnMut(Field, &'a str),
) {
    body.clear();
    headings.clear();
    fold_main(html, body, headings);
    each_folded_word(headings, |w| f(Field::Headings, w));
    each_folded_word(body, |w| f(Field::Body, w));
}

/// Which text of `<main>` a word of [`each_main_word`] is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    /// An `<h2>` to `<h6>` heading (its words are in the body too).
    Headings,
    /// The whole of `<main>`.
    Body,
}

/// Folds the text of the page's `<main>` into `body` and of its headings into
/// `headings`, as [`super::text::main_fields`] then [`fold_into`] would, in one pass over the
/// bytes: text is folded as it is met, entities decoded on the way, and a
/// heading's text copied from what `body` just gained.
fn fold_main(html: &str, body: &mut Vec<u8>, headings: &mut Vec<u8>) {
    // From `<main` to the end: the first `</main>` is found on the way (at a tag,
    // or inside one or a skipped `<script>`), as `main_part` would cut it.
    let main = main_from(html);
    let bytes = main.as_bytes();
    body.reserve(main.len());
    let mut in_heading = false;
    // Where the text since the last tag starts in `body`.
    let mut run = body.len();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'<' => {
                if in_heading {
                    headings.extend_from_slice(&body[run..]);
                    headings.push(b' ');
                }
                let (len, heading) = match plain_tag(&bytes[i..]) {
                    Some(tag) => tag,
                    None => {
                        if main[i..].starts_with("</main>") {
                            return;
                        }
                        let (len, heading) = read_tag(&main[i..]);
                        let inside = &main[i + 1..i + len];
                        if inside.as_bytes().contains(&b'<') && inside.contains("</main>") {
                            return;
                        }
                        (len, heading)
                    }
                };
                in_heading = heading.unwrap_or(in_heading);
                i += len;
                body.push(b' ');
                run = body.len();
            }
            b'&' => {
                // As `push_decoded` in `text.rs`: a known entity whose `;` is within ten bytes,
                // in the same run of text; otherwise the `&` as written.
                let after = &bytes[i + 1..];
                let semi = after
                    .iter()
                    .take(11)
                    .take_while(|&&b| b != b'<')
                    .position(|&b| b == b';');
                let decoded = semi.and_then(|s| entity(main.get(i + 1..i + 1 + s)?));
                match (semi, decoded) {
                    (Some(s), Some(c)) => {
                        fold_char(c, body);
                        i += s + 2;
                    }
                    _ => {
                        fold_char('&', body);
                        i += 1;
                    }
                }
            }
            _ if b.is_ascii() => {
                let rest = bytes.get(i..).unwrap_or_default();
                let run = rest
                    .iter()
                    .take_while(|&&b| PLAIN[usize::from(b)] != 0)
                    .count();
                if run == 0 {
                    // An apostrophe: dropped.
                    if let Some(&f) = ASCII_FOLD.get(usize::from(b))
                        && f != 0
                    {
                        body.push(f);
                    }
                    i += 1;
                    continue;
                }
                body.extend(rest.iter().take(run).map(|&b| PLAIN[usize::from(b)]));
                i += run;
            }
            _ => {
                let Some(c) = main.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                fold_char(c, body);
                i += c.len_utf8();
            }
        }
    }
    if in_heading && run < body.len() {
        headings.extend_from_slice(&body[run..]);
    }
}

/// [`read_tag`] for the usual tag, which needs nothing else checked: one that
/// ends at a `>` before any `<`, is no `</main>` and has no contents to skip
/// (`<script>`, `<style>`, `<template>`). `None` for any other: [`fold_main`]
/// reads those the long way.
fn plain_tag(tag: &[u8]) -> Option<(usize, Option<bool>)> {
    let closing = tag.get(1) == Some(&b'/');
    let from = if closing { 2 } else { 1 };
    let rest = tag.get(from..)?;
    let name_len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &rest[..name_len];
    if closing && name.eq_ignore_ascii_case(b"main") {
        return None;
    }
    if !closing
        && ["script", "style", "template"]
            .iter()
            .any(|s| name.eq_ignore_ascii_case(s.as_bytes()))
    {
        return None;
    }
    let end = rest[name_len..]
        .iter()
        .position(|&b| b == b'>' || b == b'<')?;
    if rest[name_len + end] == b'<' {
        return None;
    }
    let heading = matches!(name, [b'h' | b'H', b'2'..=b'6']).then_some(!closing);
    Some((from + name_len + end + 1, heading))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::text::{main_fields, words};

    /// The words of `<main>` read in one pass, as `each_main_word` reads them.
    fn one_pass(html: &str) -> (Vec<String>, Vec<String>) {
        let (mut body, mut headings) = (Vec::new(), Vec::new());
        let (mut b, mut h) = (Vec::new(), Vec::new());
        each_main_word(html, &mut body, &mut headings, |field, w| match field {
            Field::Body => b.push(w.to_owned()),
            Field::Headings => h.push(w.to_owned()),
        });
        (b, h)
    }

    #[test]
    fn one_pass_reads_the_same_words_as_main_fields() {
        for html in [
            "<main><h1>Fish &amp; chips</h1><script>x = 'a</main>'</script><p>after</p></main><p>out</p>",
            "<main><h2>Carer&rsquo;s <em>re</em>view &#x27;x&#39;</h2><p>&unknown; & &amp &#99999999; Zgłoś</p></main>",
            "<main id=m><H3>open<p>still heading&nbsp;text",
            "<mainly>no</mainly><main>\t<td>a</td><td>b</td><template>hid</template><style>p{}</style>",
            "<main><script>never closed",
            "no main at all",
            "<main><h2>one two</h2>three</main><main><h2>four</h2></main>",
            "<main><h3>cut here</main><p>after</p>",
            "<main><p>kept <a title=\"x</main>\">lost</a> lost</p></main>",
            "<main><p>kept</p><template>a</main>b</template>lost",
        ] {
            let (body, headings) = main_fields(html);
            assert_eq!(one_pass(html), (words(&body), words(&headings)), "{html}");
        }
    }

    proptest::proptest! {
        #[test]
        fn one_pass_agrees_with_main_fields_on_any_markup(
            parts in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just("<main>".to_owned()),
                proptest::strategy::Just("</main>".to_owned()),
                proptest::strategy::Just("<a title=\"</main>\">".to_owned()),
                proptest::strategy::Just("<h2 id=\"x\">".to_owned()),
                proptest::strategy::Just("</h2>".to_owned()),
                proptest::strategy::Just("<script>".to_owned()),
                proptest::strategy::Just("</script>".to_owned()),
                proptest::strategy::Just("&amp;".to_owned()),
                proptest::strategy::Just("&#x27;".to_owned()),
                "[a-zA-Z0-9 '’&;<>/éŁ۔-]{0,12}",
            ], 0..24)
        ) {
            let html = parts.concat();
            let (body, headings) = main_fields(&html);
            proptest::prop_assert_eq!(one_pass(&html), (words(&body), words(&headings)));
        }
    }

    proptest::proptest! {
        #[test]
        fn a_plain_tag_is_read_as_read_tag_reads_it(
            tag in "<(/)?(h[1-7]|H2|main|MAIN|script|STYLE|template|p|td)?[ a-z=\"/<>]{0,10}(</main>)?"
        ) {
            if let Some(plain) = plain_tag(tag.as_bytes()) {
                proptest::prop_assert_eq!(plain, read_tag(&tag));
                proptest::prop_assert!(!tag[1..plain.0].contains('<'));
                proptest::prop_assert!(!tag.starts_with("</main>"));
            }
        }
    }

    #[test]
    fn folds_case_and_accents_like_words() {
        let mut scratch = Vec::new();
        let mut seen = Vec::new();
        each_word("Zgłoś ŻÓŁW it's", &mut scratch, |w| {
            seen.push(w.to_owned())
        });
        assert_eq!(seen, ["zglos", "zolw", "its"]);
    }
}
