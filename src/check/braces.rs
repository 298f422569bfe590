//! Rules `template-code` and `lang-marker`: text in curly brackets that was
//! meant to do something, and that readers would see as written.
//!
//! Pages are Markdown, not templates: `{{ chart(…) }}`, `{% include … %}` and
//! another tool's shortcodes (`{{< youtube … >}}`) are not run, and reach the
//! public page braces and all. A `{lang=cy}` marker is read only as plainsite
//! writes it (`markdown::lang`), so `{lang-cy}`, `{lang = cy}`, `{lang=welsh}`
//! or `[words] {lang=pl}` are shown as text, and the passage is not marked for
//! screen readers. Markers that are read are gone from the text before the
//! checks run, so any marker left is one that did not work.
//!
//! The same code in a title, description or term is reported by `values`.
//!
//! Only text nodes are read, so code spans, code blocks and shortcodes (fenced
//! blocks) never are; a text with no `{` costs one `memchr`. Braces in prose
//! (`{name}`) are left alone, and so is a brace the author escaped (`\{{`).

use comrak::nodes::{AstNode, LineColumn, NodeValue};

use super::rule::Rule;
use super::text_marks::{Closers, TextMarks};
use super::written::Written;
use crate::error::{Diagnostic, Severity};
use crate::markdown::TreeInput;

mod markers;
mod values;
use markers::{Marker, Spot, read_marker};
pub(crate) use values::{check as check_values, check_settings as check_settings_values};

/// Template code or another tool's shortcode in a page.
pub(crate) const TEMPLATE_CODE: Rule = Rule {
    id: crate::rules::TEMPLATE_CODE,
    severity: Severity::Error,
    description: "template code or another tool's shortcode (`{{ … }}`, `{{< … >}}`, `{% … %}`), which pages do not run, so readers would see it as written",
};

/// A language marker that is not read.
pub(crate) const LANG_MARKER: Rule = Rule {
    id: crate::rules::LANG_MARKER,
    severity: Severity::Error,
    description: "a `{lang=…}` marker that is nearly right, in the wrong place, or has no real language code, so readers would see it as text",
};

/// The rules over one page's text nodes: they keep where braces are written
/// on the line read last, and where its closers are, for the next text node.
#[derive(Debug, Default)]
pub(crate) struct Braces {
    written: Written,
    line_closers: Closers,
}

impl Braces {
    /// Checks one text node for template code and language markers.
    pub(crate) fn text<'a>(
        &mut self,
        node: &'a AstNode<'a>,
        text: &str,
        start: LineColumn,
        input: &TreeInput<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        if memchr::memchr(b'{', text.as_bytes()).is_none() {
            return;
        }
        let (mut read, mut closers) = (TextMarks::default(), Closers::default());
        let mut from = 0;
        while let Some(at) = text.get(from..).and_then(|t| t.find('{')).map(|i| from + i) {
            read.up_to(text, at);
            let rest = &text[at..];
            let place = Place {
                node,
                text,
                at,
                start,
                chars_before: read.chars(),
                open_before: read.last_open(),
            };
            from = at
                + if rest.starts_with("{{") || rest.starts_with("{%") {
                    self.template(&place, &mut closers, input, out)
                } else if let Some(marker) = read_marker(rest) {
                    self.marker_finding(&place, &marker, input, out);
                    marker.len
                } else {
                    1
                };
        }
    }

    /// The column where `needle` (how the finding at `place` starts) is
    /// written, or `None` when the author escaped it.
    fn column(
        &mut self,
        place: &Place<'_, '_>,
        input: &TreeInput<'_>,
        needle: &str,
    ) -> Option<usize> {
        let (line, node_col) = (place.start.line, place.start.column);
        let guess = node_col + place.chars_before;
        self.written
            .written_at(input.text, line, node_col, guess, needle)
    }
}

/// Where in a text node a finding starts.
struct Place<'a, 't> {
    node: &'a AstNode<'a>,
    text: &'t str,
    /// Byte offset of the `{` in `text`.
    at: usize,
    start: LineColumn,
    /// The characters of `text` before the `{`.
    chars_before: usize,
    /// The last `[` before it, as a byte of `text`.
    open_before: Option<usize>,
}

impl Braces {
    /// Reports `{{ … }}`, `{{< … >}}` or `{% … %}` at `place`; returns the bytes
    /// it takes. `closers` are the searches in its text so far.
    fn template(
        &mut self,
        place: &Place<'_, '_>,
        closers: &mut Closers,
        input: &TreeInput<'_>,
        out: &mut Vec<Diagnostic>,
    ) -> usize {
        let rest = &place.text[place.at..];
        let (opener, closer) = if rest.starts_with("{{<") {
            ("{{<", ">}}")
        } else if rest.starts_with("{{%") {
            ("{{%", "%}}")
        } else if rest.starts_with("{%") {
            ("{%", "%}")
        } else {
            ("{{", "}}")
        };
        let found = closers.find(place.text, place.at, closer);
        let len = found.map_or(opener.len(), |i| i - place.at + closer.len());
        let Some(col) = self.column(place, input, &opener[..2]) else {
            return len;
        };
        // The code as the file has it (straight quotes), up to its closer.
        let line = place.start.line;
        let (line_text, byte) = self
            .written
            .line_at(input.text, line, col)
            .unwrap_or(("", 0));
        let source = line_text.get(byte..).unwrap_or("");
        let code = match self.line_closers.of(line).find(line_text, byte, closer) {
            Some(i) => line_text.get(byte..i + closer.len()).unwrap_or(source),
            None => source,
        };
        let code = shorten(code.trim_end());
        let other_tool = opener.len() == 3;
        let message = if other_tool {
            format!(
                "`{code}` is a shortcode written the way another tool writes them; pages do not run it, so readers would see it as written"
            )
        } else {
            format!(
                "`{code}` is template code; pages do not run template code, so readers would see it as written"
            )
        };
        let help = template_help(&code, opener, other_tool);
        out.push(
            TEMPLATE_CODE
                .at(input.file, place.start.line, col, message)
                .help(help),
        );
        len
    }
}

/// What to write instead of template code `code` that opens with `opener`.
fn template_help(code: &str, opener: &str, other_tool: bool) -> String {
    const BACKTICKS: &str = "To show the braces as they are, put them in backticks";
    let inner = code.strip_prefix(opener).unwrap_or(code).trim_start();
    let name_len = inner
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        .count();
    let (name, args) = inner.split_at(name_len);
    let args = args.trim_end_matches(['}', '>', '%']).trim().to_owned();
    if opener == "{%" && name == "include" {
        return format!(
            "pages cannot include another file: copy its words into this page, or link to the page that holds them. {BACKTICKS}"
        );
    }
    if other_tool {
        return format!(
            "plainsite's shortcodes (charts, key figures) are fenced blocks on lines of their own, like ```{{chart}} title=\"…\"``` (see the guide's page on figures and charts); for anything else, such as a video, write a link to it. {BACKTICKS}"
        );
    }
    // A call (`chart(title="x")`): show it as a shortcode.
    let args = args
        .strip_prefix('(')
        .and_then(|a| a.strip_suffix(')'))
        .map(split_arguments);
    match args {
        Some(args) if !name.is_empty() => {
            let args = if args.is_empty() {
                String::new()
            } else {
                format!(" {args}")
            };
            format!(
                "charts and other blocks are written as fenced shortcodes, on lines of their own: a line ```{{{name}}}{args}, then its rows, then a line ``` (see the guide's page on figures and charts). {BACKTICKS}"
            )
        }
        _ => format!(
            "charts and other blocks are written as fenced shortcodes, on lines of their own, like ```{{chart}} title=\"…\"``` (see the guide's page on figures and charts); write anything else as plain text. {BACKTICKS}"
        ),
    }
}

/// `title="A, B", kind="bar"` as a shortcode's arguments: `title="A, B" kind="bar"`.
fn split_arguments(args: &str) -> String {
    let mut out = String::with_capacity(args.len());
    let mut quoted = false;
    let mut chars = args.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == ',' && !quoted {
            out.push(' ');
            while chars.peek() == Some(&' ') {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out.trim().to_owned()
}

/// `text`, cut to 60 characters with `…` when longer.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

impl Braces {
    /// Reports a language marker left in the text: it is not read.
    fn marker_finding(
        &mut self,
        place: &Place<'_, '_>,
        marker: &Marker<'_>,
        input: &TreeInput<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let rest = &place.text[place.at..];
        let Some(col) = self.column(place, input, &rest[..marker.head]) else {
            return;
        };
        let spot = Spot {
            before: &place.text[..place.at],
            open_before: place.open_before,
            in_cell: place
                .node
                .parent()
                .is_some_and(|p| matches!(p.data().value, NodeValue::TableCell)),
        };
        let (message, help) = markers::said(marker, &rest[..marker.len], &spot);
        out.push(
            LANG_MARKER
                .at(input.file, place.start.line, col, message)
                .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::tests::found;
    use crate::markdown::tests::with_page;

    /// The (message, help) of each finding of `rule` on a page of `md`.
    fn said(md: &str, rule: &str) -> Vec<(String, String)> {
        with_page(md)
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == rule)
            .map(|d| (d.message, d.help.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn every_finding_of_a_long_line_is_found_where_it_is_written() {
        let got = found(&"é {{ x }} ".repeat(20_000), "template-code");
        assert_eq!(got.len(), 20_000);
        assert_eq!(got.last(), Some(&(1, 3 + 10 * 19_999)));
        let open = said(&"{{ a ".repeat(20_000), "template-code");
        assert_eq!(open.len(), 20_000);
        let first = format!("`{}…` is template code", "{{ a ".repeat(12));
        assert!(open[0].0.starts_with(&first), "{:?}", open[0]);
        assert!(
            open[19_999].0.starts_with("`{{ a` is template"),
            "{:?}",
            open[19_999]
        );
        let markers = said(&"[a] {lang=cy} x ".repeat(10_000), "lang-marker");
        assert_eq!(markers.len(), 10_000);
        assert!(
            markers[9_999].1.contains("write `[a]{lang=cy}`"),
            "{:?}",
            markers[9_999]
        );
        let unopened = said(&"a] {lang=cy} x ".repeat(10_000), "lang-marker");
        assert!(
            unopened[9_999].0.contains("is read only at the very end"),
            "{:?}",
            unopened[9_999]
        );
    }

    #[test]
    fn template_code_and_other_tools_shortcodes_are_errors() {
        let md = "{{< youtube abc >}}\n\n{{ chart(title=\"Referrals\", kind=\"bar\") }}\n\nSee {% include \"foo.html\" %} here.\n";
        assert_eq!(found(md, "template-code"), vec![(1, 1), (3, 1), (5, 5)]);
        let got = said(md, "template-code");
        assert!(
            got[0].0.contains("`{{< youtube abc >}}` is a shortcode"),
            "{got:?}"
        );
        assert!(got[0].1.contains("write a link to it"), "{got:?}");
        assert!(
            got[1]
                .0
                .contains("`{{ chart(title=\"Referrals\", kind=\"bar\") }}` is template code"),
            "{got:?}"
        );
        assert!(
            got[1]
                .1
                .contains("```{chart} title=\"Referrals\" kind=\"bar\", then"),
            "{got:?}"
        );
        assert!(got[2].1.contains("cannot include another file"), "{got:?}");
        assert!(with_page(md).diagnostics.iter().all(|d| d.is_error()));
    }

    #[test]
    fn braces_in_code_escaped_or_in_prose_are_left_alone() {
        let md = "Write `{{ page.title }}` or `{lang-cy}`.\n\n```\n{{ x }} {% y %} {lang-cy}\n```\n\nFill in {name} and {date}, a {land} and {lane}.\n\nEscaped \\{{ x }} and \\{lang-cy} and &#123;{ y }}.\n\n```{chart} title=\"A\"\nx | 1\n```\n";
        assert!(found(md, "template-code").is_empty());
        assert!(found(md, "lang-marker").is_empty());
    }

    #[test]
    fn nearly_right_markers_say_what_to_write() {
        let cases = [
            (
                "Os ydych chi'n poeni, ffoniwch 999. {lang-cy}\n",
                37,
                "write `{lang=cy}`",
            ),
            ("Dim ond un. {lan=cy}\n", 13, "write `{lang=cy}`"),
            ("Dim ond dau. {lang = cy}\n", 14, "write `{lang=cy}`"),
            ("Dim ond tri. {lang=welsh}\n", 14, "write `{lang=cy}`"),
            ("Dim ond pedwar. {lang=cy\n", 17, "write `{lang=cy}`"),
            ("English. {lang=en_GB}\n", 10, "write `{lang=en-GB}`"),
            (
                "Some [Dzień dobry] {lang=pl} here.\n",
                20,
                "write `[Dzień dobry]{lang=pl}`, with no space",
            ),
            (
                "Mid {lang=cy} text.\n",
                5,
                "move it to the end of the paragraph",
            ),
            (
                "| A {lang=pl} |\n|---|\n| b |\n",
                5,
                "mark the words in the cell",
            ),
            (
                "Code. {lang=xyzzy}\n",
                7,
                "write a language code, like `{lang=cy}`",
            ),
            ("Code. {lang=}\n", 7, "write the code of the language"),
        ];
        for (md, col, help) in cases {
            assert_eq!(found(md, "lang-marker"), vec![(1, col)], "{md}");
            let got = said(md, "lang-marker");
            assert!(got[0].1.contains(help), "{md}: {got:?}");
        }
        let welsh = said("Dim ond tri. {lang=welsh}\n", "lang-marker");
        assert!(
            welsh[0].0.contains("`welsh` is not a language code"),
            "{welsh:?}"
        );
    }

    #[test]
    fn markers_that_work_are_not_reported() {
        let md = "Os ydych chi'n poeni, ffoniwch 999. {lang=cy}\n\n## Pennawd {lang=cy}\n\n- Dzień dobry {lang=pl}\n\nSay [Dzień dobry]{lang=pl} and [والسال]{lang=ur}.\n\nکرتے ہیں۔ [Childline]{lang=en-GB} بچوں\n";
        assert!(found(md, "lang-marker").is_empty());
        assert!(found(md, "template-code").is_empty());
    }
}
