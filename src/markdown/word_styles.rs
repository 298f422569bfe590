//! What the Word or Google Docs tags taken out of a pasted block said about
//! their words, kept as markers among them (see `word_format`): a span's bold
//! and italics (Google Docs writes bold as `<span style="font-weight:700">`,
//! not `<b>`), and the language Word gives a passage in another language than
//! the page's (`<span lang=CY>`), so a screen reader still reads it in the right
//! voice.
//!
//! Part of `markdown`, used by the `word` pass as it reads a block's tags.

use super::word_format::{
    BOLD_CLOSE, BOLD_OPEN, ITALIC_CLOSE, ITALIC_OPEN, LANG_CLOSE, LANG_END, LANG_OPEN,
    PARAGRAPH_LANG, attribute,
};
use crate::languages::is_language_tag;

/// The bold, italics and language of each `<span>` still open, closed at its
/// `</span>`, and the language of the paragraph being read.
#[derive(Debug, Default)]
pub(crate) struct SpanStyles {
    /// The page's language, lowercased; `None` when languages are not marked.
    page: Option<String>,
    /// Each open span's bold and italics, and its language when it gave one.
    open: Vec<(bool, bool, Option<String>)>,
    /// The language of the `<p>` being read, when it gave one.
    paragraph: Option<String>,
}

impl SpanStyles {
    /// Styles that also mark a passage in another language than `page`'s.
    pub(crate) fn marking_languages(page: &str) -> Self {
        Self {
            page: Some(page.to_ascii_lowercase()),
            ..Self::default()
        }
    }

    /// The markers the dropped tag `tag` stands for, written to `out`: an
    /// opening span's bold, italics and language, a closing one's ends of
    /// them, or the language of a paragraph or heading (closed with it).
    pub(crate) fn tag(&mut self, tag: &str, out: &mut String) {
        let Some(body) = tag.strip_prefix('<') else {
            return;
        };
        let (closing, body) = match body.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let named = |name: &str| {
            body.get(..name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
                && body[name.len()..]
                    .starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        };
        let heading = ["h1", "h2", "h3", "h4", "h5", "h6"].into_iter().any(named);
        if named("p") || heading {
            self.paragraph = None;
            if !closing && let Some(code) = self.other_language(tag) {
                write_lang(PARAGRAPH_LANG, &code, out);
                self.paragraph = Some(code);
            }
            return;
        }
        if !named("span") {
            return;
        }
        if closing {
            let (bold, italic, lang) = self.open.pop().unwrap_or_default();
            out.extend(lang.map(|_| LANG_CLOSE));
            out.extend(italic.then_some(ITALIC_CLOSE));
            out.extend(bold.then_some(BOLD_CLOSE));
            return;
        }
        let (bold, italic) = bold_and_italic(tag);
        out.extend(bold.then_some(BOLD_OPEN));
        out.extend(italic.then_some(ITALIC_OPEN));
        let lang = self.other_language(tag);
        if let Some(code) = &lang {
            write_lang(LANG_OPEN, code, out);
        }
        self.open.push((bold, italic, lang));
    }

    /// The language `tag` gives its words, written as a page writes it
    /// (`EN-GB` as `en-GB`), when languages are marked and it is another than
    /// the one its words are in so far (the open span's, the paragraph's or
    /// the page's). Word's `lang=X-NONE` (no language) gives none.
    fn other_language(&self, tag: &str) -> Option<String> {
        let page = self.page.as_deref()?;
        let code = attribute(tag, "lang")?.trim();
        if !is_language_tag(code) {
            return None;
        }
        let around = (self.open.iter().rev())
            .find_map(|(_, _, lang)| lang.as_deref())
            .or(self.paragraph.as_deref())
            .unwrap_or(page);
        let primary = |code: &str| code.split('-').next().unwrap_or("").to_ascii_lowercase();
        (primary(code) != primary(around)).then(|| written(code))
    }
}

/// The words of a paragraph (or heading) Word gave a language of its own, that
/// language's marker taken from their start, and the language: the caller
/// marks the paragraph as a whole, as `{lang=…}` marks one. `words` as they
/// are, and `None`, for any other paragraph.
pub(crate) fn paragraph_language(words: &str) -> (&str, Option<&str>) {
    let whole = (words.trim_start().strip_prefix(PARAGRAPH_LANG))
        .and_then(|rest| rest.split_once(LANG_END))
        .filter(|(code, _)| is_language_tag(code));
    match whole {
        Some((code, rest)) => (rest, Some(code)),
        None => (words, None),
    }
}

/// Each marker [`SpanStyles::tag`] wrote to `marks`, apart: one character, or
/// a language's opening marker with its code.
pub(crate) fn each_marker(marks: &str) -> impl Iterator<Item = &str> {
    let mut rest = marks;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let len = match first {
            LANG_OPEN | PARAGRAPH_LANG => rest
                .find(LANG_END)
                .map_or(rest.len(), |end| end + LANG_END.len_utf8()),
            _ => first.len_utf8(),
        };
        let (marker, after) = rest.split_at(len);
        rest = after;
        Some(marker)
    })
}

/// A span's bold and italics, from its `style`.
fn bold_and_italic(tag: &str) -> (bool, bool) {
    let (mut bold, mut italic) = (false, false);
    for declaration in attribute(tag, "style").unwrap_or("").split(';') {
        let Some((property, value)) = declaration.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match property.trim().to_ascii_lowercase().as_str() {
            "font-weight" => {
                bold = value.starts_with("bold")
                    || value.parse::<u32>().is_ok_and(|weight| weight >= 600);
            }
            "font-style" => italic = value == "italic" || value == "oblique",
            _ => {}
        }
    }
    (bold, italic)
}

fn write_lang(open: char, code: &str, out: &mut String) {
    out.push(open);
    out.push_str(code);
    out.push(LANG_END);
}

/// A language tag in the usual case: the language in small letters, a
/// region in capitals, a script with one (`EN-GB` → `en-GB`, `SR-LATN` →
/// `sr-Latn`).
fn written(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for (i, part) in code.split('-').enumerate() {
        if i > 0 {
            out.push('-');
        }
        match (i, part.len()) {
            (0, _) => out.push_str(&part.to_ascii_lowercase()),
            (_, 2) => out.push_str(&part.to_ascii_uppercase()),
            (_, 4) => {
                let lower = part.to_ascii_lowercase();
                out.push_str(&lower[..1].to_ascii_uppercase());
                out.push_str(&lower[1..]);
            }
            _ => out.push_str(&part.to_ascii_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(page: Option<&str>, tags: &[&str]) -> String {
        let mut styles = page.map_or_else(SpanStyles::default, SpanStyles::marking_languages);
        let mut out = String::new();
        for tag in tags {
            styles.tag(tag, &mut out);
        }
        out
    }

    #[test]
    fn a_span_in_another_language_is_marked_and_one_in_the_pages_is_not() {
        let cy = format!("{LANG_OPEN}cy{LANG_END}");
        assert_eq!(
            marks(
                Some("en"),
                &["<span lang=CY style='mso-ansi-language:CY'>", "</span>"]
            ),
            format!("{cy}{LANG_CLOSE}")
        );
        assert_eq!(marks(Some("en-GB"), &["<span lang=EN-US>", "</span>"]), "");
        assert_eq!(marks(Some("en"), &["<span lang=X-NONE>", "</span>"]), "");
        // Languages are not marked where they are not asked for (inline HTML).
        assert_eq!(marks(None, &["<span lang=CY>", "</span>"]), "");
        // English inside Welsh is marked, as English.
        assert_eq!(
            marks(
                Some("en"),
                &["<span lang=CY>", "<span lang=EN-GB>", "</span>", "</span>"]
            ),
            format!("{cy}{LANG_OPEN}en-GB{LANG_END}{LANG_CLOSE}{LANG_CLOSE}")
        );
        // A paragraph's language holds to its end, and is not closed by a span.
        assert_eq!(
            marks(
                Some("pl"),
                &["<p class=MsoNormal lang=CY>", "<span lang=CY>", "</span>"]
            ),
            format!("{PARAGRAPH_LANG}cy{LANG_END}")
        );
        assert_eq!(
            marks(Some("en"), &["<p lang=CY>", "</p>", "<span lang=EN-GB>"]),
            format!("{PARAGRAPH_LANG}cy{LANG_END}")
        );
    }

    #[test]
    fn bold_and_italics_close_in_the_order_they_opened() {
        let tags = [
            "<span style='font-weight:700;font-style:italic' lang=PL>",
            "</span>",
        ];
        assert_eq!(
            marks(Some("en"), &tags),
            format!(
                "{BOLD_OPEN}{ITALIC_OPEN}{LANG_OPEN}pl{LANG_END}{LANG_CLOSE}{ITALIC_CLOSE}{BOLD_CLOSE}"
            )
        );
        assert_eq!(
            marks(Some("en"), &["<span style=\"font-weight: bold\">"]),
            BOLD_OPEN.to_string()
        );
        assert_eq!(
            marks(Some("en"), &["<spanx style='font-weight:700'>", "</b>"]),
            ""
        );
    }

    #[test]
    fn a_pasted_passage_keeps_its_language_on_the_page() {
        let html = crate::markdown::tests::with_page(concat!(
            "<p class=MsoNormal lang=CY><b>Croeso <span lang=PL style='font-weight:700'>Dzień</b> dobry</span>",
            "<span lang=X-NONE> i</span> <span lang=EN-GB>all</span><span lang=FR></span></p>\n",
        ))
        .html;
        assert_eq!(
            html.trim(),
            concat!(
                // The paragraph is Welsh as a whole; the `</b>` crossing the
                // Polish span ends its language there.
                "<div lang=\"cy\" dir=\"ltr\">\n<p><strong>Croeso <span lang=\"pl\" dir=\"ltr\">Dzień</span> dobry</strong>",
                " i <span lang=\"en-GB\" dir=\"ltr\">all</span></p>\n</div>",
            )
        );
        let urdu = crate::markdown::tests::with_page(concat!(
            "<p class=MsoNormal><span lang=UR>سلام</span></p>\n",
            "<h2 lang=CY style='mso-x'>Pennawd</h2><p class=MsoNormal lang=UR dir=RTL>سلام</p>\n",
        ));
        assert!(
            urdu.html
                .contains("<p><span lang=\"ur\" dir=\"rtl\">سلام</span></p>"),
            "{}",
            urdu.html
        );
        // A heading or paragraph in a language of its own is marked as a block.
        assert!(
            urdu.html
                .contains("<div lang=\"cy\" dir=\"ltr\">\n<h2 id=\"pennawd\">Pennawd</h2>\n</div>"),
            "{}",
            urdu.html
        );
        assert!(
            urdu.html
                .contains("<div lang=\"ur\" dir=\"rtl\">\n<p>سلام</p>\n</div>"),
            "{}",
            urdu.html
        );
    }

    #[test]
    fn a_pasted_table_keeps_its_languages_and_its_markdown_says_them() {
        let rendered = crate::markdown::tests::with_page(concat!(
            "<table class=MsoTableGrid>\n<tr><td><p class=MsoNormal>English</p></td>",
            "<td><p class=MsoNormal lang=CY><span lang=CY>Cymraeg</span><span lang=EN-GB>!</span></p></td></tr>\n",
            "<tr><td><span lang=PL></span>Call</td><td><p class=MsoNormal><span lang=CY>Ffoniwch</span> ni</p></td></tr>\n</table>\n",
        ));
        assert!(
            rendered.html.contains(
                "<th scope=\"col\"><span lang=\"cy\" dir=\"ltr\">Cymraeg<span lang=\"en-GB\" dir=\"ltr\">!</span></span></th>"
            ),
            "{}",
            rendered.html
        );
        let help = (rendered.diagnostics.iter())
            .find(|d| d.rule == "word-paste")
            .and_then(|d| d.help.clone())
            .unwrap_or_default();
        assert!(help.contains("| English | [Cymraeg!]{lang=cy} |"), "{help}");
        assert!(help.contains("| Call | [Ffoniwch]{lang=cy} ni |"), "{help}");
    }

    #[test]
    fn a_span_inside_a_paragraph_keeps_its_language_where_its_tags_pair() {
        let html = crate::markdown::tests::with_page(concat!(
            "Our message: <span lang=CY style='mso-x'>Os <b>poeni</b></span> and <span lang=PL>x <b>y</span> z</b>",
            " <span lang=UR></span>w <span lang=CY>open\n",
        ))
        .html;
        assert_eq!(
            html.trim(),
            concat!(
                "<p>Our message: <span lang=\"cy\" dir=\"ltr\">Os <strong>poeni</strong></span> and",
                " x <strong>y z</strong> w open</p>",
            )
        );
    }

    #[test]
    fn each_marker_keeps_a_language_with_its_code() {
        let marks = format!("{BOLD_OPEN}{LANG_OPEN}cy{LANG_END}{LANG_CLOSE}{PARAGRAPH_LANG}pl");
        let got: Vec<&str> = each_marker(&marks).collect();
        let want = [
            BOLD_OPEN.to_string(),
            format!("{LANG_OPEN}cy{LANG_END}"),
            LANG_CLOSE.to_string(),
            format!("{PARAGRAPH_LANG}pl"),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn codes_are_written_in_the_usual_case() {
        assert_eq!(written("EN-GB"), "en-GB");
        assert_eq!(written("SR-LATN-RS"), "sr-Latn-RS");
        assert_eq!(written("cy"), "cy");
        assert_eq!(written("ZH-HANS"), "zh-Hans");
    }
}
