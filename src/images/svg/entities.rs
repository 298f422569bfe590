//! Entities an SVG declares for itself. Drawing programs write a DOCTYPE that
//! names addresses once (`<!ENTITY ns_svg "http://www.w3.org/2000/svg">`) and
//! then use them (`xmlns="&ns_svg;"`). The cleaner drops every DOCTYPE, so
//! those uses are written out here first; left in, they would be undefined
//! and no browser would draw the picture.
//!
//! Part of [`super`]: it runs before the cleaner, which then reads the text a
//! browser will read, so a value holding markup is cleaned like any other.

use std::borrow::Cow;

/// Longest text an expansion may give: four times the file and 1 MiB more.
/// A file that would grow beyond it (many uses of a long value) is left as
/// it is, and its uses stay undefined.
fn limit(len: usize) -> usize {
    len.saturating_mul(4).saturating_add(1 << 20)
}

/// `text` with the DOCTYPE's own general entities written out where they are
/// used after it, once (a value's own references are not read again).
/// Entities of another file (`SYSTEM`, `PUBLIC`) and parameter entities are
/// not; `text` comes back unchanged when it declares none.
pub(super) fn expand(text: &str) -> Cow<'_, str> {
    let Some((subset, after)) = internal_subset(text) else {
        return Cow::Borrowed(text);
    };
    let declared = declarations(subset);
    if declared.is_empty() {
        return Cow::Borrowed(text);
    }
    let (head, body) = text.split_at(after);
    let mut out = String::with_capacity(text.len());
    out.push_str(head);
    let mut rest = body;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let name_len = rest[1..]
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')))
            .unwrap_or(rest.len() - 1);
        let value = rest[1..]
            .get(name_len..)
            .filter(|tail| tail.starts_with(';'))
            .and_then(|_| declared.iter().find(|(n, _)| *n == &rest[1..=name_len]))
            .map(|(_, v)| *v);
        match value {
            Some(value) => {
                out.push_str(value);
                rest = &rest[name_len + 2..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
        if out.len() > limit(text.len()) {
            return Cow::Borrowed(text);
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The internal subset of the first `<!DOCTYPE … [ … ]>` (what is between the
/// brackets) and where the text after the DOCTYPE starts.
fn internal_subset(text: &str) -> Option<(&str, usize)> {
    let start = text.find("<!DOCTYPE")?;
    let doctype = &text[start..];
    let open = doctype.find('[')?;
    if doctype.find('>').is_some_and(|gt| gt < open) {
        return None;
    }
    let close = doctype[open..].find("]>")? + open;
    Some((&doctype[open + 1..close], start + close + 2))
}

/// The general entities `subset` declares with a quoted value, in order (the
/// first of a name wins, as in XML).
fn declarations(subset: &str) -> Vec<(&str, &str)> {
    let mut found: Vec<(&str, &str)> = Vec::new();
    for decl in subset.split("<!ENTITY").skip(1) {
        let decl = decl.trim_start();
        if decl.starts_with('%') {
            continue;
        }
        let name_end = decl.find(char::is_whitespace).unwrap_or(decl.len());
        let (name, rest) = decl.split_at(name_end);
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            continue; // SYSTEM or PUBLIC: another file, never fetched.
        };
        let Some(value) = rest[1..]
            .split(quote)
            .next()
            .filter(|_| rest[1..].contains(quote))
        else {
            continue;
        };
        if !name.is_empty() && !found.iter().any(|(n, _)| *n == name) {
            found.push((name, value));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawing_programs_names_are_written_where_they_are_used() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n\t<!ENTITY ns_svg \"http://www.w3.org/2000/svg\">\n\t<!ENTITY ns_xlink 'http://www.w3.org/1999/xlink'>\n\t<!ENTITY ns_svg \"second\">\n]>\n<svg xmlns=\"&ns_svg;\" xmlns:xlink=\"&ns_xlink;\">&amp;&ns_svg;&unknown;&ns_svg</svg>";
        let out = expand(svg);
        assert!(out.ends_with("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">&amp;http://www.w3.org/2000/svg&unknown;&ns_svg</svg>"), "{out}");
    }

    #[test]
    fn outside_parameter_and_nested_entities_are_not_followed() {
        let svg = "<!DOCTYPE svg [<!ENTITY % p \"x\"><!ENTITY file SYSTEM \"/etc/passwd\"><!ENTITY a \"&b;\"><!ENTITY b \"deep\">]><svg>&file;&p;%p;&a;</svg>";
        assert!(
            expand(svg).ends_with("<svg>&file;&p;%p;&b;</svg>"),
            "{}",
            expand(svg)
        );
        for plain in [
            "<svg>&amp;</svg>",
            "<!DOCTYPE svg><svg>&x;</svg>",
            "<!DOCTYPE svg [<!ENTITY x \"y",
        ] {
            assert!(matches!(expand(plain), Cow::Borrowed(_)), "{plain}");
        }
    }

    #[test]
    fn an_expansion_past_the_limit_leaves_the_file_as_it_is() {
        let big = "x".repeat(1 << 20);
        let svg = format!(
            "<!DOCTYPE svg [<!ENTITY a \"{big}\">]><svg>{}</svg>",
            "&a;".repeat(8)
        );
        assert!(matches!(expand(&svg), Cow::Borrowed(_)));
        let svg = format!("<!DOCTYPE svg [<!ENTITY a \"{big}\">]><svg>&a;&a;</svg>");
        assert_eq!(expand(&svg).len(), svg.len() - 6 + 2 * big.len());
    }
}
