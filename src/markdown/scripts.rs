//! Raw HTML that would run a script: an `on…` attribute (`onclick`, `onerror`),
//! an address that runs code (`javascript:`, `vbscript:`, `data:text/html`) in any
//! attribute, or a `<noscript>` element that could hide such a tag, read as a browser reads it: names in any case, character references
//! decoded (`&#106;avascript&colon;`), and tabs, line breaks, spaces and control
//! characters dropped from the address.
//!
//! Part of `markdown`. Only raw HTML can carry such a tag, and only with
//! `allow_html: true`: the content checks report each one as an error
//! (`check/scripts.rs`), and the tag filter escapes the tag so that not even the
//! preview of the page runs it. Markdown's own links have their rule in `links.rs`.

/// A tag in raw HTML that would run a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scripted {
    /// The byte offset of the tag's `<` in the HTML.
    pub(crate) at: usize,
    /// The tag's length in bytes, up to and with its `>` (or to the end).
    pub(crate) len: usize,
    /// The attribute's name as written, or the element's for a `<noscript>`.
    pub(crate) attribute: String,
    /// True for a `<noscript>` tag itself: a browser that runs scripts reads
    /// its content as text, so a `</noscript>` inside an attribute there ends
    /// it and what follows is a tag again (`<p title="</noscript><img
    /// onerror=…>">`), which a reading of the tags one by one cannot see.
    pub(crate) element: bool,
}

/// Every tag of `html` that would run a script, in order.
pub(crate) fn scripted_tags(html: &str) -> Vec<Scripted> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(lt) = html.get(from..).and_then(|rest| rest.find('<')) {
        let at = from + lt;
        let rest = &html[at + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            from = at + 1;
            continue;
        }
        let (len, attribute) = read_tag(rest);
        let name_len = rest
            .bytes()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
            .unwrap_or(rest.len());
        if rest[..name_len].eq_ignore_ascii_case("noscript") {
            found.push(Scripted {
                at,
                len: len + 1,
                attribute: rest[..name_len].to_owned(),
                element: true,
            });
        } else if let Some(attribute) = attribute {
            found.push(Scripted {
                at,
                len: len + 1,
                attribute,
                element: false,
            });
        }
        from = at + 1 + len;
    }
    found
}

/// Reads the tag `tag` starts (just after its `<`): its length, up to and with
/// its `>`, and the first attribute that would run a script.
fn read_tag(tag: &str) -> (usize, Option<String>) {
    let mut found = None;
    let len = read_attributes(tag, |name, value| {
        if found.is_none() && runs_script(name, value) {
            found = Some(name.to_owned());
        }
    });
    (len, found)
}

/// Reads the attributes of the tag `tag` starts (just after its `<`) as a
/// browser reads them, calling `f` with each one's name and value as written
/// (empty for a name alone), and gives the tag's length, up to and with its
/// `>` (or to the end of `tag`).
pub(crate) fn read_attributes<'t>(tag: &'t str, mut f: impl FnMut(&'t str, &'t str)) -> usize {
    let bytes = tag.as_bytes();
    let mut i = bytes
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        .unwrap_or(bytes.len());
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return (i + 1).min(bytes.len());
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>')
        {
            i += 1;
        }
        let name = &tag[name_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let value_start;
            match bytes.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    value_start = i + 1;
                    i = value_start
                        + bytes[value_start..]
                            .iter()
                            .position(|&b| b == q)
                            .unwrap_or(bytes.len() - value_start);
                    value = &tag[value_start..i];
                    i = (i + 1).min(bytes.len());
                }
                _ => {
                    value_start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = &tag[value_start..i];
                }
            }
        }
        f(name, value);
    }
}

/// True for an event handler (`on` and a letter), and for a value whose address
/// runs code.
fn runs_script(name: &str, value: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let local = lower.rsplit(':').next().unwrap_or(&lower);
    if local.len() > 2 && local.starts_with("on") {
        return true;
    }
    let plain = as_read(value);
    [
        "javascript:",
        "vbscript:",
        "data:text/html",
        "data:image/svg",
    ]
    .iter()
    .any(|scheme| plain.starts_with(scheme))
        || (local == "style" && (plain.contains("javascript:") || plain.contains("expression(")))
}

/// `value` as a browser reads an address in it: character references decoded,
/// white space and control characters dropped, letters lowered.
fn as_read(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    each_decoded(value, |decoded| {
        if !decoded.is_whitespace() && !decoded.is_control() {
            out.extend(decoded.to_lowercase());
        }
    });
    out
}

/// An address in an attribute's `value` as a browser follows it: character
/// references decoded, tabs and line breaks taken out, and spaces and control
/// characters at its ends trimmed. Unlike [`as_read`], its case and inner
/// spaces are kept.
pub(crate) fn address(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    each_decoded(value, |decoded| {
        if !matches!(decoded, '\t' | '\n' | '\r') {
            out.push(decoded);
        }
    });
    out.trim_matches(|c: char| c <= ' ').to_owned()
}

/// Calls `f` with each character of `value`, its character references decoded.
fn each_decoded(value: &str, mut f: impl FnMut(char)) {
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        let (decoded, used) = match c {
            '&' => reference(rest).unwrap_or(('&', 1)),
            c => (c, c.len_utf8()),
        };
        rest = &rest[used..];
        f(decoded);
    }
}

/// The character a reference at the start of `text` (`&#106;`, `&#x6A;`,
/// `&colon;`) stands for, and its length; the `;` may be left out, as browsers
/// allow for numbers.
fn reference(text: &str) -> Option<(char, usize)> {
    let body = text.get(1..)?;
    if let Some(number) = body.strip_prefix('#') {
        let (digits, radix, skip) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (number, 10, 2),
        };
        let n = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        let c = u32::from_str_radix(digits.get(..n)?, radix)
            .ok()
            .and_then(char::from_u32)?;
        let semi = usize::from(digits[n..].starts_with(';'));
        return Some((c, skip + n + semi));
    }
    let named = [
        ("colon;", ':'),
        ("tab;", '\t'),
        ("newline;", '\n'),
        ("amp;", '&'),
        ("sol;", '/'),
        ("lpar;", '('),
    ];
    named.iter().find_map(|(name, c)| {
        body.get(..name.len())
            .filter(|b| b.eq_ignore_ascii_case(name))
            .map(|_| (*c, name.len() + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attributes(html: &str) -> Vec<String> {
        scripted_tags(html)
            .into_iter()
            .map(|s| s.attribute)
            .collect()
    }

    #[test]
    fn finds_event_handlers_and_script_addresses_as_a_browser_reads_them() {
        for (html, attribute) in [
            (r#"<img src=x alt="a" onerror="alert(1)">"#, "onerror"),
            ("<a href='javascript:alert(1)'>x</a>", "href"),
            ("<a HREF=JavaScript:alert(1)>x</a>", "HREF"),
            ("<a href=\" java\tscript:x\">x</a>", "href"),
            ("<a href=\"&#106;avascript&colon;alert(1)\">x</a>", "href"),
            ("<a href=\"&#x6A&#x61vascript:x\">x</a>", "href"),
            (
                r#"<form action="javascript:alert(3)"><button>go</button></form>"#,
                "action",
            ),
            (
                r#"<button formaction="vbscript:x">go</button>"#,
                "formaction",
            ),
            (r#"<div OnClick = "x()">a</div>"#, "OnClick"),
            (
                r#"<svg><a xlink:href="javascript:x">a</a></svg>"#,
                "xlink:href",
            ),
            (
                r#"<object data="data:text/html;base64,PHNjcmlwdD4=">"#,
                "data",
            ),
            (r#"<p style="background:url(javascript:x)">a</p>"#, "style"),
        ] {
            assert_eq!(attributes(html), [attribute], "{html}");
        }
    }

    #[test]
    fn leaves_ordinary_html_alone() {
        for html in [
            r#"<a href="https://www.nspcc.org.uk/">NSPCC</a>"#,
            r#"<a href="/briefings/" title="on the javascript: scheme">a</a>"#,
            r#"<details open><summary>More</summary>Text about onions</details>"#,
            r#"<abbr title="Local Safeguarding Children Partnership">LSCP</abbr>"#,
            r#"<img src="photo.jpg" alt="on call">"#,
            r#"<span data-on="x">a</span>"#,
            "a < b and c > d",
            "<p>",
            "<!-- javascript: note -->",
            "<td on>",
        ] {
            assert!(scripted_tags(html).is_empty(), "{html}");
        }
    }

    #[test]
    fn a_noscript_tag_is_found_in_any_case() {
        let html = r#"<NoScript><p title="</noscript><img src=x onerror=alert(17)>"></noscript>"#;
        let found = scripted_tags(html);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].element && found[0].at == 0 && found[0].attribute == "NoScript");
    }

    #[test]
    fn gives_each_tags_place_and_length() {
        let html = r#"Text <b>bold</b> <a href="javascript:x">a</a> <i onmouseover=y>i</i>"#;
        let found = scripted_tags(html);
        assert_eq!(found.len(), 2);
        let tag = &html[found[0].at..found[0].at + found[0].len];
        assert_eq!(tag, r#"<a href="javascript:x">"#);
        let tag = &html[found[1].at..found[1].at + found[1].len];
        assert_eq!(tag, "<i onmouseover=y>");
    }

    #[test]
    fn reads_any_text_without_panicking() {
        for html in [
            "<",
            "<a",
            "<a href=",
            "<a href=\"",
            "<a on",
            "<a b='&#",
            "<a b=&#x110000;>",
            "<é onx=1>",
        ] {
            let _ = scripted_tags(html);
        }
        assert_eq!(attributes("<a onx=1"), ["onx"]);
    }
}
