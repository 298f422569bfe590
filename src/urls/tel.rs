//! `tel:` addresses as a phone dials them, for an `href`.
//!
//! Part of [`crate::urls`], which judges every address; this is the one it
//! rewrites, and only for the `href`: the page shows the number as written.

use std::borrow::Cow;

/// A `tel:` address as a phone dials it, for an `href`: the number without
/// the spaces, hyphens, brackets and full stops written in it to be read
/// (`tel:0800 123 4567` → `tel:08001234567`; a space in an address is not
/// valid HTML), and without the `(0)` after an international code
/// (`tel:+44 (0)1632 960000` → `tel:+441632960000`). A leading `+` stays.
/// Any other address comes back as it is.
pub fn tel_href(url: &str) -> Cow<'_, str> {
    let is_separator = |c: char| c.is_whitespace() || matches!(c, '-' | '(' | ')' | '.');
    let Some(scheme) = url.get(..4).filter(|s| s.eq_ignore_ascii_case("tel:")) else {
        return Cow::Borrowed(url);
    };
    let number = url[4..].trim();
    if !number.contains(is_separator) && number.len() + 4 == url.len() {
        return Cow::Borrowed(url);
    }
    let number = if number.starts_with('+') {
        Cow::Owned(number.replacen("(0)", "", 1))
    } else {
        Cow::Borrowed(number)
    };
    let mut href = String::with_capacity(url.len());
    href.push_str(scheme);
    href.extend(number.chars().filter(|&c| !is_separator(c)));
    Cow::Owned(href)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_number_is_dialled_without_its_separators() {
        assert_eq!(tel_href("tel:0800 123 4567"), "tel:08001234567");
        assert_eq!(tel_href("tel:(01632) 960-001"), "tel:01632960001");
        assert_eq!(tel_href("TEL:0800.123.4567"), "TEL:08001234567");
        assert_eq!(tel_href("tel:+44 (0)1632 960000"), "tel:+441632960000");
        assert_eq!(tel_href("tel: +44\u{a0}1632 960000 "), "tel:+441632960000");
        // Nothing to take out, or not a phone number: as it is, not copied.
        for url in [
            "tel:+441632960000",
            "tel:999",
            "https://example.org/a-b.(c)",
            "/report-a-concern/",
            "mailto:a.b@example.org",
        ] {
            assert!(
                matches!(tel_href(url), Cow::Borrowed(u) if u == url),
                "{url}"
            );
        }
    }
}
