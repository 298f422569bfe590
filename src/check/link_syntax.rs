//! Rule `not-a-link`: text written as a link that Markdown does not read as
//! one, so readers see its brackets and the link is never checked.
//!
//! Three slips make it: a space in the address (`[contact](../about/contact
//! page.md)`), a space between `]` and `(` (`[the team] (../about/contact.md)`),
//! and a reference (`[our page][contact]`) with no `[contact]: …` line on the
//! page. A link that works is a link node, not text, so only what failed is
//! left to read here; a text with no `]` costs one `memchr`. Brackets in prose
//! (`[sic] (see above)`) are left alone: what follows must look like an
//! address.
//!
//! A text is read forward once, whatever its number of `]`: what each needs
//! (the `[` before it, the characters before it, where it is written in the
//! file) is carried along or looked up, not read again from the start.

use comrak::nodes::LineColumn;

use super::rule::Rule;
use super::text_marks::TextMarks;
use super::written::Written;
use crate::error::{Diagnostic, Severity};
use crate::markdown::TreeInput;

/// Text that looks like a link but is not one.
pub(crate) const NOT_A_LINK: Rule = Rule {
    id: crate::rules::NOT_A_LINK,
    severity: Severity::Error,
    description: "text written as a link that is not one (a space in the address, a space between `]` and `(`, or `[text][name]` with no `[name]:` line), shown with its brackets and never checked",
};

/// Brackets an address may hold inside it, as in Markdown, whose links
/// allow no more: deeper, it is not an address. This also keeps the search
/// for each `]`'s `)` short in a text of `[a](` over and over.
const MAX_NESTED_BRACKETS: usize = 32;

/// The rule over one page's text nodes: it keeps where brackets are written
/// on the line it read last, for the next text node on it.
#[derive(Debug, Default)]
pub(crate) struct LinkSyntax {
    written: Written,
}

impl LinkSyntax {
    /// Checks one text node that starts at `start`.
    pub(crate) fn text(
        &mut self,
        text: &str,
        start: LineColumn,
        input: &TreeInput<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        if memchr::memchr(b']', text.as_bytes()).is_none() {
            return;
        }
        let last_paren = text.rfind(')');
        let mut read = TextMarks::default();
        let mut from = 0;
        while let Some(close) = text.get(from..).and_then(|t| t.find(']')).map(|i| from + i) {
            from = close + 1;
            read.up_to(text, close);
            let words_open = read.words_open();
            let open = words_open.map(|(o, _)| o);
            let slip = match slip_after(text, close, open) {
                Some(slip) => slip,
                // `[words](https://a b)`, `[words](mailto:a b@c.org)`: part of the
                // address was read as a link of its own, so this text ends inside
                // the brackets; the line holds the whole of it.
                None if text[close + 1..].starts_with('(')
                    && last_paren.is_none_or(|p| p < close) =>
                {
                    match self.space_in_source(input, start, start.column + read.chars()) {
                        Some(slip) => slip,
                        None => continue,
                    }
                }
                None => continue,
            };
            let Some(col) = self.slip_col(input, start, words_open, read.chars()) else {
                continue;
            };
            let words = open.map_or("words", |o| &text[o + 1..close]);
            let (what, help) = slip.explain(words);
            out.push(
                NOT_A_LINK
                    .at(input.file, start.line, col, format!("this looks like a link but is not one: {what}, so readers would see the brackets and the link is not checked"))
                    .help(help),
            );
            from = close + 1 + slip.len();
        }
    }

    /// Where a slip starts: the column of its `[` when the text node has it
    /// (`words_open`: its byte and the characters before it), else of its `]`
    /// (`chars` characters in). `None` when either is not written there as it
    /// is (escaped, or an entity).
    fn slip_col(
        &mut self,
        input: &TreeInput<'_>,
        start: LineColumn,
        words_open: Option<(usize, usize)>,
        chars: usize,
    ) -> Option<usize> {
        let (line, node_col) = (start.line, start.column);
        let (guess, mark) = match words_open {
            Some((_, before)) => (node_col + before, "["),
            None => (node_col + chars, "]"),
        };
        let written = &mut self.written;
        let col = written.written_at(input.text, line, node_col, guess, mark)?;
        written.written_at(input.text, line, node_col, node_col + chars, "]")?;
        Some(col)
    }

    /// A space in an address that starts at the `](` written nearest to
    /// column `guess` of the text node's line, read from the file.
    fn space_in_source<'t>(
        &mut self,
        input: &TreeInput<'t>,
        start: LineColumn,
        guess: usize,
    ) -> Option<Slip<'t>> {
        let written = &mut self.written;
        let col = written.written_at(input.text, start.line, start.column, guess, "](")?;
        let (source, byte) = written.line_at(input.text, start.line, col)?;
        match slip_after(source.get(byte..)?, 0, None) {
            Some(slip @ Slip::SpaceInAddress(_)) => Some(slip),
            _ => None,
        }
    }
}

/// What went wrong after a `]`.
#[derive(Debug, PartialEq, Eq)]
enum Slip<'t> {
    /// `](address with spaces)`.
    SpaceInAddress(&'t str),
    /// `] (address)`, with the spaces between.
    SpaceBefore(&'t str, usize),
    /// `][name]`, and no `[name]:` line (else it would be a link).
    Undefined(&'t str),
}

impl Slip<'_> {
    /// Bytes it takes after the `]`.
    fn len(&self) -> usize {
        match self {
            Slip::SpaceInAddress(a) => a.len() + 2,
            Slip::SpaceBefore(a, spaces) => a.len() + spaces + 2,
            Slip::Undefined(n) => n.len() + 2,
        }
    }

    /// What is wrong, and what to write, for a link with text `words`.
    fn explain(&self, words: &str) -> (String, String) {
        match *self {
            Slip::SpaceInAddress(address) if address.starts_with("tel:") => (
                format!("there is a space in the address `{address}`"),
                format!(
                    "write the number with no spaces: `[{words}]({})`",
                    crate::urls::tel_href(address)
                ),
            ),
            Slip::SpaceInAddress(address) if crate::urls::is_phone_number(address) => (
                format!("the phone number `{address}` has spaces and no `tel:` in front"),
                format!(
                    "write `[{words}]({})`, so the link rings the number on a phone",
                    crate::urls::tel_href(&format!("tel:{address}"))
                ),
            ),
            Slip::SpaceInAddress(address) if address.starts_with("mailto:") => (
                format!("there is a space in the email address `{address}`"),
                format!(
                    "an email address has no spaces: write `[{words}]({})`",
                    address.replace(' ', "")
                ),
            ),
            Slip::SpaceInAddress(address) if is_web_address(address) => (
                format!("there is a space in the address `{address}`"),
                format!(
                    "write each space in the address as `%20`: `[{words}]({})`",
                    address.replace(' ', "%20")
                ),
            ),
            Slip::SpaceInAddress(address) => (
                format!("there is a space in the address `{address}`"),
                format!(
                    "rename the file so its name has hyphens for spaces and link to `{}`, or put the address in angle brackets: `[{words}](<{address}>)`",
                    address.replace(' ', "-")
                ),
            ),
            Slip::SpaceBefore(address, _) => (
                "there is a space between `]` and `(`".to_owned(),
                format!("write `[{words}]({address})`, with no space"),
            ),
            Slip::Undefined(name) => {
                let name = if name.is_empty() { words } else { name };
                (
                    format!("no line on this page says where `[{name}]` goes"),
                    format!(
                        "add a line `[{name}]: address` below the paragraph, such as `[{name}]: ../about/contact.md`, or write the address in the link: `[{words}](address)`"
                    ),
                )
            }
        }
    }
}

/// The slip, if any, in `text` straight after the `]` at byte `close`.
/// `open` is the `[` of its words: the last before it, when no `]` is between.
fn slip_after(text: &str, close: usize, open: Option<usize>) -> Option<Slip<'_>> {
    let after = text.get(close + 1..)?;
    let has_words = || open.is_some_and(|o| !text[o + 1..close].trim().is_empty());
    if let Some(rest) = after.strip_prefix('(') {
        let address = &rest[..closing_bracket(rest)?];
        return (address.contains(' ') && looks_like_address(address))
            .then_some(Slip::SpaceInAddress(address));
    }
    if let Some(rest) = after.strip_prefix('[') {
        let name = &rest[..rest.find(']')?];
        // `[^1]` is a footnote; brackets inside are not a name.
        let is_name = !name.starts_with('^') && !name.contains('[');
        return (is_name && has_words()).then_some(Slip::Undefined(name));
    }
    let spaces = after.len() - after.trim_start_matches(' ').len();
    let rest = after[spaces..].strip_prefix('(')?;
    let address = &rest[..closing_bracket(rest)?];
    (spaces > 0 && !address.contains(' ') && looks_like_address(address) && has_words())
        .then_some(Slip::SpaceBefore(address, spaces))
}

/// Where the `)` that closes an address starts, in `rest` (the text after its
/// `(`): brackets inside it (`tel:+44 (0)1632`) are passed over in pairs, up
/// to [`MAX_NESTED_BRACKETS`] deep.
fn closing_bracket(rest: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'(' if depth == MAX_NESTED_BRACKETS => return None,
            b'(' => depth += 1,
            b')' if depth == 0 => return Some(i),
            b')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// True for a web, email or phone address.
fn is_web_address(address: &str) -> bool {
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|p| address.starts_with(p))
}

/// True when `text` (in brackets after a `]`) looks like an address, not like
/// words: a web address, a path, an `#anchor` or a file name.
fn looks_like_address(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() {
        return false;
    }
    if is_web_address(text)
        || crate::urls::is_phone_number(text)
        || text.starts_with(['/', '#'])
        || text.starts_with("./")
        || text.starts_with("../")
    {
        return true;
    }
    let path = text.split('#').next().unwrap_or(text);
    let extension = path.rsplit_once('.').map(|(_, e)| e);
    path.contains('/') && !path.contains(", ")
        || extension.is_some_and(|e| {
            (2..=4).contains(&e.len()) && e.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::found;
    use crate::markdown::tests::with_page;

    fn helps(md: &str) -> Vec<String> {
        with_page(md)
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == "not-a-link")
            .map(|d| format!("{} | {}", d.message, d.help.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn the_three_slips_are_errors_that_say_what_to_write() {
        let md = "See [contact page](../about/contact page.md)\n\n[the team] (../about/contact.md)\n\n[our page][contact] and [Team][]\n\nOr [call us](tel:0300 123 4567).\n";
        assert_eq!(
            found(md, "not-a-link"),
            vec![(1, 5), (3, 1), (5, 1), (5, 25), (7, 4)]
        );
        let got = helps(md);
        assert!(
            got[0].contains("there is a space in the address `../about/contact page.md`"),
            "{got:?}"
        );
        assert!(got[0].contains("`../about/contact-page.md`"), "{got:?}");
        assert!(
            got[0].contains("`[contact page](<../about/contact page.md>)`"),
            "{got:?}"
        );
        assert!(
            got[1].contains("write `[the team](../about/contact.md)`, with no space"),
            "{got:?}"
        );
        assert!(
            got[2].contains("add a line `[contact]: address`"),
            "{got:?}"
        );
        assert!(got[3].contains("`[Team]: address`"), "{got:?}");
        assert!(got[4].contains("`[call us](tel:03001234567)`"), "{got:?}");
        let number = helps("Call [the team](0121 496 0000) today.\n");
        assert_eq!(number.len(), 1, "{number:?}");
        assert!(
            number[0]
                .contains("the phone number `0121 496 0000` has spaces and no `tel:` in front")
                && number[0].contains("`[the team](tel:01214960000)`"),
            "{number:?}"
        );
        // Brackets around a year or words are prose, not an address.
        assert!(helps("In [2026] (see above) we grew, and [sic] (1999).\n").is_empty());
        let intl = helps("Or [ring](tel:+44 (0)1632 960000).\n");
        assert!(intl[0].contains("`[ring](tel:+441632960000)`"), "{intl:?}");
        assert!(
            with_page(md)
                .diagnostics
                .iter()
                .filter(|d| d.rule == "not-a-link")
                .all(|d| d.is_error())
        );
    }

    #[test]
    fn a_web_address_broken_by_a_space_is_one_slip_not_a_bare_link() {
        // The address before the space is read as a link of its own.
        let md = "Read [the report](https://example.org/a b) today.\n\nAnd *[this](https://example.org/c d)*.\n";
        assert_eq!(found(md, "not-a-link"), vec![(1, 6), (3, 6)]);
        let got = helps(md);
        assert!(
            got[0].contains("`[the report](https://example.org/a%20b)`"),
            "{got:?}"
        );
        assert!(found(md, "bare-url-link").is_empty());
        // Only the part after the space was read as an email link.
        let mail = "Email [the front door](mailto:front door@example.org).\n";
        assert_eq!(found(mail, "not-a-link"), vec![(1, 7)]);
        assert!(
            helps(mail)[0].contains("write `[the front door](mailto:frontdoor@example.org)`"),
            "{:?}",
            helps(mail)
        );
        // A link that works after a `(` in prose is not one.
        let fine = "Read (https://example.org/a b) and [x](https://example.org/).\n";
        assert!(found(fine, "not-a-link").is_empty(), "{:?}", helps(fine));
    }

    #[test]
    fn a_long_line_of_brackets_is_read_once_and_its_one_slip_found() {
        let md = "[a](".repeat(100_000);
        assert!(found(&md, "not-a-link").is_empty());
        let md = format!(
            "{}[the report](https://example.org/a b)\n",
            "[a](".repeat(50_000)
        );
        assert_eq!(found(&md, "not-a-link"), vec![(1, 200_001)]);
        let md = format!("{})\n", "[a](".repeat(50));
        assert!(found(&md, "not-a-link").is_empty());
    }

    #[test]
    fn every_slip_of_a_long_line_is_found_where_it_is_written() {
        let md = "[a] (b.md) ".repeat(20_000);
        let got = found(&md, "not-a-link");
        assert_eq!(got.len(), 20_000);
        assert_eq!(got.last(), Some(&(1, 1 + 11 * 19_999)));
        let md = "é [a] (b.md) \\[c] (d.md) [e] (f.md)\n".repeat(3);
        assert_eq!(
            found(&md, "not-a-link"),
            vec![(1, 3), (1, 26), (2, 3), (2, 26), (3, 3), (3, 26)]
        );
    }

    #[test]
    fn an_address_nested_deeper_than_markdown_allows_is_not_an_address() {
        let deep = |n: usize| format!("[a] (/x{}{})\n", "(".repeat(n), ")".repeat(n));
        assert_eq!(found(&deep(32), "not-a-link"), vec![(1, 1)]);
        assert!(found(&deep(33), "not-a-link").is_empty());
    }

    #[test]
    fn links_that_work_and_brackets_in_prose_pass() {
        let md = "See [contact](../about/contact.md), [us][c] and [c].\n\n[c]: ../about/contact.md\n\nThe report [published in 2020] (see appendix) said [sic] (page 4).\n\nA note.[^1] Tick [x] done. Array `a[0][1]` and `[x] (y.md)`.\n\n[^1]: A footnote.\n\n[Escaped\\] (../a.md) and \\[x\\]\\(../a b.md\\).\n";
        assert!(found(md, "not-a-link").is_empty(), "{:?}", helps(md));
    }

    #[test]
    fn addresses_are_told_from_words() {
        for address in [
            "../a.md",
            "/news/",
            "#top",
            "https://x.org",
            "file.pdf",
            "a b.docx",
        ] {
            assert!(looks_like_address(address), "{address}");
        }
        for words in [
            "see above",
            "page 4",
            "",
            "e.g. this one",
            "and/or, as well",
        ] {
            assert!(!looks_like_address(words), "{words}");
        }
    }
}
