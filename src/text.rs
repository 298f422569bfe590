//! Text: the two slug rules and accent folding.
//!
//! A ground-floor module: it imports nothing from the crate and knows nothing of
//! pages or files. There are two slug rules, and they differ on purpose:
//!
//! - [`url_slug`] makes a URL segment (page and folder names, taxonomy terms,
//!   theme and language names): ASCII only, accents folded, apostrophes dropped,
//!   anything else one hyphen; it may be empty.
//! - [`heading_slug`] makes a heading's `id` the way GitHub does, so `#anchors`
//!   written for GitHub work: Unicode letters kept, spaces as hyphens; never empty.

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
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_with_hyphens() {
        assert_eq!(url_slug("Think Family!"), "think-family");
        assert_eq!(url_slug("  Children's   services "), "childrens-services");
        assert_eq!(url_slug("Café"), "cafe");
        assert_eq!(url_slug("../.."), "");
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
}
