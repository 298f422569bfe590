//! Which pieces of an author's raw HTML are Word's own formatting code.
//!
//! Part of `markdown`, used by the `word` pass. It reads HTML text only and
//! changes nothing: it splits a piece of HTML into text, tags and comments
//! ([`pieces`]) and says of each tag whether Word (or a web page's inline
//! styling) put it there ([`Judge`]). Word's markup carries no meaning a reader
//! needs: Office's namespaced tags (`<o:p>`, `<w:sdt>`, `<m:r>`, `<v:shape>`),
//! `<font>`, `<span>`, `<p>` and `<div>` with `Mso` classes or `mso-` styles, and
//! the `<!--[if …]>` comments Word writes for itself. A `<span>`, `<p>` or
//! `<div>` with any inline `style` counts too when HTML is shown as text anyway
//! (no `allow_html`), because then its styling could never reach the page.

/// One piece of a run of HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'h> {
    /// Text between tags.
    Text(&'h str),
    /// A tag or comment, `<` to `>` inclusive.
    Tag(&'h str),
}

/// Splits `html` into text and tags. A `<` that starts no tag (`a < b`, a tag or
/// comment that never ends) is text.
pub(crate) fn pieces(html: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut text_from = 0;
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        match tag_len(&html[start..]) {
            Some(len) => {
                if text_from < start {
                    out.push(Piece::Text(&html[text_from..start]));
                }
                out.push(Piece::Tag(&html[start..start + len]));
                at = start + len;
                text_from = at;
            }
            None => at = start + 1,
        }
    }
    if text_from < html.len() {
        out.push(Piece::Text(&html[text_from..]));
    }
    out
}

/// The length of the tag or comment `from` starts with (`from` starts with `<`).
fn tag_len(from: &str) -> Option<usize> {
    if let Some(rest) = from.strip_prefix("<!--") {
        return rest.find("-->").map(|end| 4 + end + 3);
    }
    let rest = &from[1..];
    let first = rest.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!') {
        return None;
    }
    // Up to the first `>` outside quotes.
    let mut quote = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(1 + i + 1),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// The elements whose tags are Word's when their attributes are. A `<b>` is
/// pasted code only as the one Google Docs wraps its words in (`<b
/// style="font-weight:normal;" id="docs-internal-guid-…">`).
const ELEMENTS: [&str; 5] = ["span", "p", "div", "font", "b"];

/// Judges the tags of one run of HTML (a block, or one paragraph's inline tags)
/// in order, so that a `</span>` is Word's when the `<span>` it closes was.
#[derive(Debug, Default)]
pub(crate) struct Judge {
    /// For `span`, `p`, `div` and `font` (in [`ELEMENTS`] order), whether each
    /// element of that name still open is Word's: one stack per name, so a
    /// closing tag is judged at once however deep the author nested them.
    open: [Vec<bool>; 5],
    /// True when HTML is shown as text (no `allow_html`).
    strict: bool,
}

/// What a tag Word left means for the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordTag {
    /// Not Word's: kept as it is.
    Keep,
    /// Word's, inside a line (`<span>`, `<o:p>`): dropped.
    Inline,
    /// Word's paragraph or division (`<p class=MsoNormal>`, `</p>`): dropped,
    /// and the text after it is a new paragraph.
    Paragraph,
}

impl Judge {
    /// A judge for one run; `strict` when HTML is shown as text (no `allow_html`).
    pub(crate) fn new(strict: bool) -> Self {
        Judge {
            open: Default::default(),
            strict,
        }
    }

    /// Whether `tag` (a [`Piece::Tag`]) is Word's.
    pub(crate) fn judge(&mut self, tag: &str) -> WordTag {
        if let Some(comment) = tag.strip_prefix("<!") {
            // `<!--[if gte mso 9]>…<![endif]-->`, `<!--[if !supportLists]-->`,
            // `<!--[endif]-->`, `<![if !vml]>`, `<![endif]>`.
            let inner = comment.trim_start_matches('-').trim_start();
            let conditional = inner
                .get(..4)
                .is_some_and(|s| s.eq_ignore_ascii_case("[if "))
                || inner
                    .get(..6)
                    .is_some_and(|s| s.eq_ignore_ascii_case("[endif"));
            return if conditional {
                WordTag::Inline
            } else {
                WordTag::Keep
            };
        }
        let body = &tag[1..tag.len() - 1];
        let (closing, body) = match body.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let name_end = body
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(body.len());
        let (name, attributes) = body.split_at(name_end);
        if name.contains(':') {
            return WordTag::Inline;
        }
        // What a browser or Google Docs puts before the words it copies, and
        // the rule Word draws above its footnotes (`<hr align=left size=1>`).
        let has = |wanted: &str| attributes.to_ascii_lowercase().contains(wanted);
        if (name.eq_ignore_ascii_case("meta") && has("charset"))
            || (name.eq_ignore_ascii_case("hr") && has("size="))
        {
            return WordTag::Inline;
        }
        let Some(element) = ELEMENTS.iter().position(|e| e.eq_ignore_ascii_case(name)) else {
            return WordTag::Keep;
        };
        let font = ELEMENTS[element] == "font";
        let word = if closing {
            // A `</font>` is always dropped, as every `<font>` is.
            self.open[element].pop().unwrap_or(font)
        } else {
            let word = match ELEMENTS[element] {
                "font" => true,
                "b" => attributes.contains("docs-internal-guid"),
                _ => self.is_word_styling(attributes),
            };
            self.open[element].push(word);
            word
        };
        match (word, ELEMENTS[element]) {
            (false, _) => WordTag::Keep,
            (true, "p" | "div") => WordTag::Paragraph,
            (true, _) => WordTag::Inline,
        }
    }

    /// True when a tag's attributes are Word's styling, or Word's own way of
    /// writing a language (`lang=EN-GB`, unquoted and in capitals).
    fn is_word_styling(&self, attributes: &str) -> bool {
        let lower = attributes.to_ascii_lowercase();
        lower.contains("mso")
            || lower.contains("wordsection")
            || (self.strict && (lower.contains("style=") || has_word_lang(attributes)))
    }
}

/// True when `attributes` have a `lang=` as Word writes it: a code in
/// capitals, not quoted (`lang=EN-GB`, `lang=CY`), or `lang=X-NONE` (Word's
/// "no language").
fn has_word_lang(attributes: &str) -> bool {
    attributes.split_ascii_whitespace().any(|attribute| {
        attribute.strip_prefix("lang=").is_some_and(|code| {
            if code == "X-NONE" {
                return true;
            }
            let mut parts = code.split('-');
            let region_ok = parts.all(|part| {
                (2..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_uppercase())
            });
            !code.is_empty() && region_ok
        })
    })
}

/// `text` (text between tags in an HTML block) as a reader would see it:
/// entities decoded and runs of spaces and line ends as one space. Entities
/// it does not know are kept as written.
pub(crate) fn decode_text(text: &str, out: &mut String) {
    let mut rest = text;
    let mut space = false;
    let push = |out: &mut String, c: char, space: &mut bool| {
        if c.is_ascii_whitespace() {
            *space = true;
        } else {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            out.push(c);
        }
    };
    if out.ends_with(' ') {
        out.pop();
        space = true;
    }
    while let Some(c) = rest.chars().next() {
        if c == '&'
            && let Some((decoded, len)) = entity(rest)
        {
            push(out, decoded, &mut space);
            rest = &rest[len..];
            continue;
        }
        push(out, c, &mut space);
        rest = &rest[c.len_utf8()..];
    }
    if space {
        out.push(' ');
    }
}

/// The character the entity at the start of `from` stands for, and its length.
fn entity(from: &str) -> Option<(char, usize)> {
    let end = from.get(1..)?.find(';')? + 1;
    if end > 12 {
        return None;
    }
    let name = &from[1..end];
    let c = if let Some(number) = name.strip_prefix('#') {
        let n = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(n).filter(|c| !crate::text::is_forbidden(*c) && *c != '\0')?
    } else {
        match name {
            "nbsp" => '\u{a0}',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "bull" => '•',
            "middot" => '·',
            "pound" => '£',
            "euro" => '€',
            "copy" => '©',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

/// `text` without the Office tags in it (`<o:p>`, `</w:sdt>`), and the first
/// one; `None` when it has none.
pub(crate) fn strip_office_tags(text: &str) -> Option<(String, String)> {
    let mut first = None;
    let mut kept = String::with_capacity(text.len());
    for piece in pieces(text) {
        match piece {
            Piece::Tag(tag) if is_office_tag(tag) => {
                first.get_or_insert_with(|| tag.to_owned());
            }
            Piece::Tag(t) | Piece::Text(t) => kept.push_str(t),
        }
    }
    first.map(|tag| (kept, tag))
}

/// True for a tag with a namespace prefix, as Office writes them (`<o:p>`).
fn is_office_tag(tag: &str) -> bool {
    let body = tag.trim_start_matches('<').trim_start_matches('/');
    let name = body
        .split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .next()
        .unwrap_or("");
    name.split_once(':').is_some_and(|(prefix, local)| {
        let letter_first = |s: &str| s.starts_with(|c: char| c.is_ascii_alphabetic());
        letter_first(prefix)
            && letter_first(local)
            && prefix.chars().all(|c| c.is_ascii_alphanumeric())
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(html: &str, strict: bool) -> Vec<(String, WordTag)> {
        let mut judge = Judge::new(strict);
        pieces(html)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Tag(t) => Some((t.to_owned(), judge.judge(t))),
                Piece::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn splits_html_into_text_and_tags() {
        assert_eq!(
            pieces("a <b title='x>y'>c</b> d < e <!-- n --> <!-- open"),
            vec![
                Piece::Text("a "),
                Piece::Tag("<b title='x>y'>"),
                Piece::Text("c"),
                Piece::Tag("</b>"),
                Piece::Text(" d < e "),
                Piece::Tag("<!-- n -->"),
                Piece::Text(" <!-- open"),
            ]
        );
    }

    #[test]
    fn word_tags_are_found_and_their_end_tags_with_them() {
        let found = judged(
            "<span style=\"mso-x\">Hi</span><o:p></o:p><span class=keep>x</span>",
            true,
        );
        let kinds: Vec<WordTag> = found.iter().map(|(_, k)| *k).collect();
        assert_eq!(
            kinds,
            vec![
                WordTag::Inline,
                WordTag::Inline,
                WordTag::Inline,
                WordTag::Inline,
                WordTag::Keep,
                WordTag::Keep
            ]
        );
        let block = judged(
            "<p class=MsoNormal><b>x</b><font face=Arial>y</font></p><!--[if gte mso 9]><xml></xml><![endif]-->",
            true,
        );
        let kinds: Vec<WordTag> = block.iter().map(|(_, k)| *k).collect();
        assert_eq!(
            kinds,
            vec![
                WordTag::Paragraph,
                WordTag::Keep,
                WordTag::Keep,
                WordTag::Inline,
                WordTag::Inline,
                WordTag::Paragraph,
                WordTag::Inline
            ]
        );
    }

    #[test]
    fn a_plain_style_is_word_only_when_html_is_shown_as_text() {
        let html = "<span style=\"color:red\">x</span>";
        assert!(
            judged(html, true)
                .iter()
                .all(|(_, k)| *k == WordTag::Inline)
        );
        assert!(judged(html, false).iter().all(|(_, k)| *k == WordTag::Keep));
        for keep in ["<b>", "<details>", "<!-- note -->", "<abbr title=x>", "<p>"] {
            assert_eq!(judged(keep, true)[0].1, WordTag::Keep, "{keep}");
        }
    }

    #[test]
    fn a_language_as_word_writes_it_is_words_code_and_one_typed_by_hand_is_not() {
        for word in [
            "<span lang=EN-GB>",
            "<span class=x lang=CY>",
            "<span lang=X-NONE>",
            "<p lang=EN-US>",
        ] {
            assert_ne!(judged(word, true)[0].1, WordTag::Keep, "{word}");
            assert_eq!(judged(word, false)[0].1, WordTag::Keep, "{word}");
        }
        for keep in [
            "<span lang=\"cy\">",
            "<span lang=en-GB>",
            "<span lang=>",
            "<span lang=ENGLISH>",
            "<hr>",
            "<hr class=x>",
            "<span xml:lang=EN-GB>",
        ] {
            assert_eq!(judged(keep, true)[0].1, WordTag::Keep, "{keep}");
        }
        assert_eq!(
            judged("<hr align=left SIZE=1 width=\"33%\">", true)[0].1,
            WordTag::Inline
        );
        // Google's wrapper and a browser's `<meta charset>` are paste code too.
        let google = "<meta charset=\"utf-8\"><b style=\"font-weight:normal;\" id=\"docs-internal-guid-1\"><b>x</b></b>";
        let kinds: Vec<_> = judged(google, true).into_iter().map(|(_, k)| k).collect();
        use WordTag::{Inline, Keep};
        assert_eq!(kinds, [Inline, Inline, Keep, Keep, Inline]);
    }

    #[test]
    fn text_is_decoded_and_spaces_folded() {
        let mut out = String::new();
        decode_text(
            "  Fish &amp;\n chips&nbsp;&#8217;&#x41; &unknown; ",
            &mut out,
        );
        assert_eq!(out, "Fish & chips\u{a0}’A &unknown; ");
    }

    proptest::proptest! {
        #[test]
        fn any_html_is_split_and_judged_without_panic(html in "([<>/!\\-\\[\\]'\"=: a-z&;#]|mso|span|é){0,60}") {
            let mut judge = Judge::new(true);
            let mut rebuilt = String::new();
            for piece in pieces(&html) {
                match piece {
                    Piece::Tag(t) => { judge.judge(t); rebuilt.push_str(t) }
                    Piece::Text(t) => { let mut s = String::new(); decode_text(t, &mut s); rebuilt.push_str(t) }
                }
            }
            proptest::prop_assert_eq!(rebuilt, html);
        }
    }
}
