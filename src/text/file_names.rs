//! Titles made from file names, and the words drafting and copying leave in
//! them (`Neglect Strategy FINAL v2 (1).pdf`).
//!
//! Part of `text`, on the ground floor. An attachment with no `title` is linked
//! by its file's name; a page with no `title` is told one its file name gives.

/// A title made from a file's name (without its folder): the extension
/// dropped, `-` and `_` as spaces, and a capital first letter
/// (`annual-report_2019.pdf` → "Annual report 2019"). Empty when the name
/// has nothing before its extension.
pub fn title_from_file_name(name: &str) -> String {
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    let words = stem.replace(['-', '_'], " ");
    capital_first(&words.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `text` with a capital first letter.
fn capital_first(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The words of a title made from a file's name ([`title_from_file_name`])
/// that are left over from drafting and copying, not part of the title: `FINAL`
/// or `final` and `DRAFT` or `draft` (but for a first word, which may be meant:
/// "Final report"), a version like `v2` or `V1.3`, a copy's number like `(1)`,
/// and `copy` (Windows's "Copy of …" and "… - Copy").
pub fn file_name_leftovers(title: &str) -> Vec<&str> {
    title
        .split_whitespace()
        .enumerate()
        .filter(|&(n, word)| is_leftover(n, word))
        .map(|(_, word)| word)
        .collect()
}

/// True when `word`, word `n` (from 0) of a title made from a file name, is
/// left over from drafting or copying: see [`file_name_leftovers`].
fn is_leftover(n: usize, word: &str) -> bool {
    let draft = matches!(word, "FINAL" | "DRAFT") || (n > 0 && matches!(word, "final" | "draft"));
    let version = word.strip_prefix(['v', 'V']).is_some_and(|v| {
        v.starts_with(|c: char| c.is_ascii_digit())
            && v.chars().all(|c| c.is_ascii_digit() || c == '.')
    });
    let copy_number = word
        .strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
        .is_some_and(|d| (1..=2).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()));
    draft || version || copy_number || word.eq_ignore_ascii_case("copy")
}

/// `title` without its [`file_name_leftovers`] (and the "of" of a first "Copy
/// of"), with a capital first letter: "Neglect Strategy FINAL v2 (1)" →
/// "Neglect Strategy". Empty when nothing else is left.
pub fn without_file_name_leftovers(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    let copy_of = words.len() > 1 && words[0].eq_ignore_ascii_case("copy") && words[1] == "of";
    let kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|&(n, w)| {
            let of_copy_of = copy_of && n == 1;
            !is_leftover(n, w) && !of_copy_of && *w != "-"
        })
        .map(|(_, w)| *w)
        .collect();
    capital_first(&kept.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_file_names_and_what_drafting_left_in_them() {
        assert_eq!(
            title_from_file_name("annual-report_2019.pdf"),
            "Annual report 2019"
        );
        let made = title_from_file_name("Neglect Strategy FINAL v2 (1).pdf");
        assert_eq!(made, "Neglect Strategy FINAL v2 (1)");
        assert_eq!(file_name_leftovers(&made), ["FINAL", "v2", "(1)"]);
        assert_eq!(without_file_name_leftovers(&made), "Neglect Strategy");
        let copy = title_from_file_name("Copy of neglect-strategy_draft.docx");
        assert_eq!(file_name_leftovers(&copy), ["Copy", "draft"]);
        assert_eq!(without_file_name_leftovers(&copy), "Neglect strategy");
        assert_eq!(
            without_file_name_leftovers(&title_from_file_name("leaflet - Copy.pdf")),
            "Leaflet"
        );
        // Words that are meant stay: a first "Final", years, numbers, "V" alone.
        for name in [
            "final-report-of-the-review.pdf",
            "Final Report.pdf",
            "annual-report-2019-20.pdf",
            "vitamin-v-leaflet.pdf",
            "part (a).pdf",
            "MASH referrals 2024 (100).pdf",
            "copyright-notice.pdf",
        ] {
            assert!(
                file_name_leftovers(&title_from_file_name(name)).is_empty(),
                "{name}"
            );
        }
    }
}
