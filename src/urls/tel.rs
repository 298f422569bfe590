//! `tel:` addresses as a phone dials them, for an `href`.
//!
//! Part of [`crate::urls`], which judges every address; this is the one it
//! rewrites, and only for the `href`: the page shows the number as written.
//! [`tel_problem`] says when a phone could not dial the number at all.

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

/// What is wrong with the number of `url`, a `tel:` address, or `None` (also
/// for any other address): a phone dials digits, with a `+` before a country
/// code and `*` in a service code; the spaces, hyphens, full stops and brackets
/// written to make a number readable are taken out (see [`tel_href`]), and
/// anything after a `;` is a parameter a phone reads (`;ext=2`). Anything else,
/// like `ext 2`, `or 960001` or `/`, would be dialled as part of the number.
pub fn tel_problem(url: &str) -> Option<String> {
    let scheme = url.get(..4)?;
    if !scheme.eq_ignore_ascii_case("tel:") {
        return None;
    }
    let number = url[4..].split(';').next().unwrap_or_default().trim();
    let readable = |c: char| c.is_whitespace() || matches!(c, '-' | '(' | ')' | '.');
    let dialled = |i: usize, c: char| c.is_ascii_digit() || c == '*' || (i == 0 && c == '+');
    if !number.chars().any(|c| c.is_ascii_digit()) {
        return Some("has no number".to_owned());
    }
    let (at, first) = number
        .char_indices()
        .find(|&(i, c)| !dialled(i, c) && !readable(c))?;
    if first.is_alphabetic() {
        let word: String = number[at..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .take(20)
            .collect();
        return Some(format!(
            "has the word `{word}` in it, which a phone cannot dial"
        ));
    }
    Some(format!("has `{first}` in it, which a phone cannot dial"))
}

/// True when `text` is a phone number written without `tel:`, as an author
/// puts one where a link's address goes (`0121 496 0000`, `+44 (0)121
/// 496-0000`): digits, with the spaces, hyphens, full stops and brackets that
/// make a number readable and a `+` first, and 7 to 15 digits in all (the
/// longest number the world's plan allows). A year or a count is too short.
pub fn is_phone_number(text: &str) -> bool {
    let text = text.trim();
    let digits = text.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && text.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '(')
        && text.char_indices().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.') || (i == 0 && c == '+')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_number_without_its_scheme_is_told_from_other_addresses() {
        for number in [
            "0121 496 0000",
            "01214960000",
            "+44 (0)121 496-0000",
            "(0121) 496 0000",
            "999 999 9",
        ] {
            assert!(is_phone_number(number), "{number}");
        }
        for other in [
            "999",
            "2026",
            "1.2.3",
            "neglect.md",
            "0121 496 000 0000 0000",
            "+",
            "1+2345678",
            "v1.2.3.4.5.6.7",
        ] {
            assert!(!is_phone_number(other), "{other}");
        }
    }

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

    #[test]
    fn a_number_a_phone_cannot_dial_is_named_with_what_is_in_the_way() {
        for (url, problem) in [
            (
                "tel:01632 960000 ext 2",
                "has the word `ext` in it, which a phone cannot dial",
            ),
            (
                "tel:01632 960000 or 960001",
                "has the word `or` in it, which a phone cannot dial",
            ),
            (
                "tel:0800-CALL-NOW",
                "has the word `CALL` in it, which a phone cannot dial",
            ),
            (
                "tel:01632 960000 / 960001",
                "has `/` in it, which a phone cannot dial",
            ),
            (
                "tel:01632, 960000",
                "has `,` in it, which a phone cannot dial",
            ),
            ("tel:0800+123", "has `+` in it, which a phone cannot dial"),
            ("tel:", "has no number"),
            ("TEL: - ", "has no number"),
            ("tel:;ext=2", "has no number"),
        ] {
            assert_eq!(tel_problem(url).as_deref(), Some(problem), "{url}");
        }
    }

    #[test]
    fn a_number_as_people_write_it_or_another_address_has_no_problem() {
        for url in [
            "tel:0800 123 4567",
            "tel:(01632) 960-001",
            "TEL:0800.123.4567",
            "tel:+44 (0)1632 960000",
            "tel: +44\u{a0}1632 960000 ",
            "tel:999",
            "tel:*31*01632960000",
            "tel:01632960000;ext=2",
            "tel:+441632960000;phone-context=example.org",
            "https://example.org/ext",
            "mailto:unit@example.org",
            "/contact/",
            "te",
        ] {
            assert_eq!(tel_problem(url), None, "{url}");
        }
    }
}
