//! Rules `duplicate-title` and `title-markup`: what a page's title and
//! description say in browser tabs, bookmarks, search results and listings.
//!
//! - `duplicate-title`: every page's `<title>` ("Page – Section – Site") must be
//!   its own, so that tabs, bookmarks, history and search results can be told
//!   apart (WCAG 2.4.2). Two pages of one language in one section with the same
//!   title share one. Found with one map over the pages.
//! - `title-markup`: titles and descriptions are plain text, shown exactly as
//!   typed. `<b>`, `*emphasis*` and `&amp;` written there appear on the page as
//!   those characters. A cheap test for `<`, `&`, `*` and `_` comes first.
//! - `title-length`: a title over [`MAX_TITLE`] characters is cut short in
//!   browser tabs, bookmarks and search results (which show about 60), and is
//!   hard to take in as a heading.

use std::collections::HashMap;

use super::rule::Rule;
use crate::content::{Content, Page};
use crate::error::{Diagnostic, Severity};

/// Two pages whose `<title>` would be the same.
pub(crate) const DUPLICATE_TITLE: Rule = Rule {
    id: crate::rules::DUPLICATE_TITLE,
    severity: Severity::Warning,
    description: "two pages of one language in one section with the same title",
};

/// A title too long to be read whole in a tab or a search result.
pub(crate) const TITLE_LENGTH: Rule = Rule {
    id: crate::rules::TITLE_LENGTH,
    severity: Severity::Warning,
    description: "a title of more than 80 characters, cut short in tabs and search results",
};

/// The most characters a title has before `title-length` warns.
pub(crate) const MAX_TITLE: usize = 80;

/// HTML, Markdown emphasis or an HTML entity in a title or description.
pub(crate) const TITLE_MARKUP: Rule = Rule {
    id: crate::rules::TITLE_MARKUP,
    severity: Severity::Warning,
    description: "HTML tags, `*emphasis*` or `&amp;` in a title or description, which show as typed",
};

/// Finds pages whose `<title>` is another's: the same language, title and
/// section title. Each is reported once, naming the first page with it.
pub(crate) fn check_duplicates(content: &Content, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<(&str, &str, &str), &Page> = HashMap::new();
    for page in &content.pages {
        let section = page
            .parent
            .filter(|&s| s != 0 && !page.path.is_empty())
            .and_then(|s| content.sections.get(s))
            .and_then(|s| content.pages.get(s.index))
            .map_or("", |sp| sp.meta.title.as_str());
        // The `<title>` leaves out a section title that repeats the page's.
        let section = if section == page.meta.title {
            ""
        } else {
            section
        };
        let key = (
            page.lang.as_deref().unwrap_or(""),
            page.meta.title.as_str(),
            section,
        );
        match first.get(&key) {
            None => {
                first.insert(key, page);
            }
            Some(other) => {
                let line = page.meta.key_lines.get("title").copied().unwrap_or(1);
                out.push(
                    DUPLICATE_TITLE
                        .at(
                            &page.file,
                            line,
                            1,
                            format!(
                                "this page has the same title as {}, {:?}, so browser tabs, bookmarks and search results cannot tell them apart",
                                other.file.display(),
                                page.meta.title
                            ),
                        )
                        .help("give each page a title of its own, such as one with its date or number in it"),
                );
            }
        }
    }
}

/// Finds markup in the page's title and description.
pub(crate) fn check_markup(page: &Page, out: &mut Vec<Diagnostic>) {
    let fields = [
        ("title", Some(page.meta.title.as_str())),
        ("description", page.meta.description.as_deref()),
    ];
    for (key, value) in fields {
        let Some(value) = value.filter(|v| v.contains(['<', '&', '*', '_'])) else {
            continue;
        };
        let (plain, found) = plain_text(value);
        if found.is_empty() {
            continue;
        }
        let line = page.meta.key_lines.get(key).copied().unwrap_or(1);
        out.push(
            TITLE_MARKUP
                .at(
                    &page.file,
                    line,
                    1,
                    format!(
                        "`{key}` has {}, which will show as typed: titles and descriptions are plain text",
                        and_list(&found)
                    ),
                )
                .help(format!(
                    "write it as plain text: `{key}: {}`",
                    crate::yaml::quoted(&plain)
                )),
        );
    }
}

/// Warns of a title over [`MAX_TITLE`] characters, at its line.
pub(crate) fn check_length(page: &Page, out: &mut Vec<Diagnostic>) {
    let title = &page.meta.title;
    if title.len() <= MAX_TITLE {
        return;
    }
    let chars = title.chars().filter(|&c| !joins_the_one_before(c)).count();
    if chars <= MAX_TITLE {
        return;
    }
    let line = page.meta.key_lines.get("title").copied().unwrap_or(1);
    out.push(
        TITLE_LENGTH
            .at(
                &page.file,
                line,
                1,
                format!(
                    "this title has {chars} characters, so browser tabs and search results cut it short (they show about 60)"
                ),
            )
            .help(format!(
                "say what the page is in {MAX_TITLE} characters or fewer, and put the rest in `description:` or the first paragraph"
            )),
    );
}

/// True for a character drawn as part of the one before it: an accent typed as
/// its own character (`e` and U+0301), Arabic script's vowel marks, the joiner
/// and the variation selectors and skin tones of emoji. A title's length counts
/// what the reader sees.
fn joins_the_one_before(c: char) -> bool {
    matches!(u32::from(c),
        0x0300..=0x036F | 0x064B..=0x065F | 0x0670 | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F
        | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F)
}

/// "a, b and c".
pub(super) fn and_list(items: &[&str]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

/// `value` as plain text, and what was taken out of it (described for a message).
fn plain_text(value: &str) -> (String, Vec<&'static str>) {
    let mut found = Vec::new();
    let mut text = value.to_owned();
    let without_tags = strip_tags(&text);
    if without_tags != text {
        found.push("HTML tags");
        text = without_tags;
    }
    let without_entities = decode_entities(&text);
    if without_entities != text {
        found.push("HTML entities such as `&amp;`");
        text = without_entities;
    }
    let without_emphasis = strip_emphasis(&text);
    if without_emphasis != text {
        found.push("Markdown emphasis (`*` or `_`)");
        text = without_emphasis;
    }
    (text.split_whitespace().collect::<Vec<_>>().join(" "), found)
}

/// Takes out `<tag …>` and `</tag>`: a `<` before a letter, `/` or `!`, to the next `>`.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>').filter(|_| is_tag) {
            Some(end) => rest = &after[end + 1..],
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Turns `&amp;`, `&#8217;` and the like into their characters; a lone `&` stays.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::search::push_decoded(&mut out, text);
    out
}

/// Takes out `*`, `**`, `_` and `__` that open and close a run of words, as
/// Markdown emphasis does: the opening one before a letter, the closing one after
/// one. `snake_case`, `5 * 3` and a lone `*` stay.
fn strip_emphasis(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut drop = vec![false; chars.len()];
    for marker in ['*', '_'] {
        let mut open: Option<(usize, usize)> = None;
        let mut i = 0;
        while i < chars.len() {
            if chars[i] != marker {
                i += 1;
                continue;
            }
            let run = chars[i..].iter().take_while(|&&c| c == marker).count();
            let before = i.checked_sub(1).map(|b| chars[b]);
            let after = chars.get(i + run).copied();
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let space =
                |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation());
            match open {
                Some((start, n)) if n == run && word(before) && space(after) => {
                    drop[start..start + n].fill(true);
                    drop[i..i + run].fill(true);
                    open = None;
                }
                _ if space(before) && word(after) => open = Some((i, run)),
                _ => {}
            }
            i += run;
        }
    }
    chars
        .iter()
        .zip(&drop)
        .filter(|(_, d)| !**d)
        .map(|(c, _)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_taken_out_of_the_corrected_title() {
        let (plain, found) = plain_text("<b>Urgent</b> update on *neglect* &amp; care");
        assert_eq!(plain, "Urgent update on neglect & care");
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(
            plain_text("__Strong__ and _light_ words").0,
            "Strong and light words"
        );
        assert_eq!(plain_text("Don&#8217;t wait").0, "Don’t wait");
    }

    #[test]
    fn a_title_over_eighty_characters_is_too_long() {
        let mut page = crate::check::tests::page(crate::content::FrontMatter {
            title: "word ".repeat(16),
            ..Default::default()
        });
        let mut out = Vec::new();
        check_length(&page, &mut out);
        assert!(out.is_empty(), "80 characters are allowed: {out:?}");
        page.meta.title = "word ".repeat(16) + "x";
        check_length(&page, &mut out);
        assert_eq!(out.len(), 1);
        assert!(
            out[0].message.starts_with("this title has 81 characters"),
            "{out:?}"
        );
        // What the reader sees: 80 letters with accents typed apart.
        page.meta.title = "e\u{301}".repeat(80);
        out.clear();
        check_length(&page, &mut out);
        assert!(out.is_empty(), "{out:?}");
        // Characters, not bytes: 80 Urdu letters are 160 bytes.
        page.meta.title = "ب".repeat(80);
        out.clear();
        check_length(&page, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn plain_titles_are_left_alone() {
        for title in [
            "Health & safety",
            "Q&A for staff",
            "5 * 3 is fifteen",
            "The file_name field",
            "Bwrdd Diogelu Plant Gogledd Cymru",
            "Ochrona dzieci w Gdańsku",
            "بچوں کی حفاظت",
            "A < B and C > D",
            "*",
            "Rock & roll; jazz",
        ] {
            let (plain, found) = plain_text(title);
            assert!(found.is_empty(), "{title}: {found:?}");
            assert_eq!(plain, title);
        }
    }
}
