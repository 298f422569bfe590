//! Test helpers shared by the markdown modules' tests (a fake resolver, one
//! renderer built once), and tests of `Markdown::render` as a whole.

use std::path::Path;
use std::sync::{LazyLock, Mutex};

use super::*;

/// One renderer for all tests: loading syntaxes is slow in debug builds.
/// With the content checks, as a build renders pages (this test module may
/// reach up to `check`; the library code of `markdown` does not).
static MARKDOWN: LazyLock<Markdown> = LazyLock::new(|| {
    Markdown::new(&MarkdownOptions::default())
        .with_checker(std::sync::Arc::new(crate::check::ContentChecks))
});

/// Records every call; rewrites `x.md` to `/x/` (page `x`), `pic.png` to
/// `/pic.png`, breaks `missing.md`, and keeps anything else.
#[derive(Default)]
pub(crate) struct FakeResolver {
    pub(crate) calls: Mutex<Vec<(String, LinkKind)>>,
}

impl LinkResolver for FakeResolver {
    fn resolve(&self, href: &str, kind: LinkKind) -> LinkResolution {
        if let Ok(mut calls) = self.calls.lock() {
            calls.push((href.to_owned(), kind));
        }
        match href {
            "missing.md" => LinkResolution::Broken {
                message: "no such page".into(),
                help: "check the file name".into(),
            },
            "pic.png" => LinkResolution::Rewrite {
                href: "/pic.png".into(),
                page: None,
            },
            h if h.ends_with(".md") => {
                let stem = h.trim_end_matches(".md");
                LinkResolution::Rewrite {
                    href: format!("/{stem}/"),
                    page: Some(stem.into()),
                }
            }
            _ => LinkResolution::Keep,
        }
    }
}

fn render(text: &str, glossary: &BTreeMap<String, String>, split_parts: bool) -> Rendered {
    let resolver = FakeResolver::default();
    let input = Input {
        file: Path::new("content/p.md"),
        text,
        links: &resolver,
        glossary,
        split_parts,
        labels: None,
        lang: "en",
        easy_read: false,
    };
    MARKDOWN.render(&input)
}

/// Renders a page with no glossary.
pub(crate) fn with_page(text: &str) -> Rendered {
    render(text, &BTreeMap::new(), false)
}

/// Renders a page with its parts cut out.
pub(crate) fn with_parts(text: &str) -> Rendered {
    render(text, &BTreeMap::new(), true)
}

/// Renders a page with a glossary.
pub(crate) fn render_with_glossary(text: &str, glossary: &[(&str, &str)]) -> Rendered {
    let glossary = glossary
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    render(text, &glossary, false)
}

/// The comrak options pages are parsed with.
pub(crate) fn options() -> &'static comrak::Options<'static> {
    MARKDOWN.comrak_options()
}

/// Parses `text` with the page options and hands the tree to `f`.
pub(crate) fn parse_with<R>(text: &str, f: impl for<'a> FnOnce(&'a AstNode<'a>) -> R) -> R {
    let arena = Arena::new();
    f(MARKDOWN.parse(&arena, text))
}

#[test]
fn headings_get_unique_ids_and_file_lines() {
    let r = with_page("---\ntitle: t\n---\n\n# Intro\n\n## Summary\n\n## Summary\n\n## ???\n");
    let got: Vec<_> = r
        .headings
        .iter()
        .map(|h| (h.level, h.id.as_str(), h.text.as_str(), h.line))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, "intro", "Intro", 5),
            (2, "summary", "Summary", 7),
            (2, "summary-1", "Summary", 9),
            (2, "section", "???", 11)
        ]
    );
    assert!(
        r.html.contains("<h2 id=\"summary-1\">Summary</h2>"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("title: t"));
}

#[test]
fn crlf_files_keep_their_line_numbers() {
    let r = with_page(
        "---\r\ntitle: t\r\n---\r\n\r\n## One\r\n\r\n[x](missing.md)\r\n\r\n```nope\r\ncode\r\n```\r\n",
    );
    assert_eq!(r.headings[0].line, 5);
    let lines: Vec<_> = r
        .diagnostics
        .iter()
        .map(|d| (d.rule, d.line, d.col))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("broken-link", Some(7), Some(1)),
            ("code-language", Some(9), None)
        ]
    );
    assert!(!r.html.contains('\r'));
}

#[test]
fn text_without_a_bom_or_front_matter_renders() {
    let r = with_page("Hello *world*.\n");
    assert_eq!(r.html, "<p>Hello <em>world</em>.</p>\n");
    assert_eq!(r.word_count, 2);
}

#[test]
fn raw_html_is_shown_as_text_unless_allowed() {
    let escaped = with_page("<div>hi</div>\n\nA <b>bold</b> word.\n").html;
    assert!(escaped.contains("&lt;div&gt;hi&lt;/div&gt;"), "{escaped}");
    assert!(
        escaped.contains("A &lt;b&gt;bold&lt;/b&gt; word."),
        "{escaped}"
    );
    let md = Markdown::new(&MarkdownOptions {
        allow_html: true,
        ..MarkdownOptions::default()
    })
    .with_checker(std::sync::Arc::new(crate::check::ContentChecks));
    let resolver = FakeResolver::default();
    let glossary = BTreeMap::new();
    let input = Input {
        file: Path::new("p.md"),
        text: "A <b>bold</b> word.\n",
        links: &resolver,
        glossary: &glossary,
        split_parts: false,
        labels: None,
        lang: "en",
        easy_read: false,
    };
    assert_eq!(md.render(&input).html, "<p>A <b>bold</b> word.</p>\n");
}

#[test]
fn footnotes_have_unique_ids_and_named_back_links() {
    let r = with_page("# Fn-1\n\nA[^1] and again[^1].\n\n[^1]: The note.\n");
    assert!(
        r.html.contains("aria-label=\"Back to reference 1\""),
        "{}",
        r.html
    );
    assert!(r.anchors.contains(&"fn-1".to_owned()));
    assert!(r.anchors.contains(&"fnref-1-2".to_owned()));
    assert_eq!(
        r.headings[0].id, "fn-1-1",
        "a heading may not take a footnote's id"
    );
    let mut unique = r.anchors.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), r.anchors.len());
}

#[test]
fn markdown_can_be_shared_across_threads() {
    fn assert_sync<T: Send + Sync>() {}
    assert_sync::<Markdown>();
}

#[test]
fn task_checkboxes_have_accessible_names() {
    let html = with_page("- [ ] Read the policy\n- [x] Book training\n").html;
    assert!(html.contains("<li class=\"task-list-item\"><input type=\"checkbox\" disabled aria-label=\"Not done\"> Read the policy</li>"), "{html}");
    assert!(
        html.contains(
            "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> Book training"
        ),
        "{html}"
    );
}

#[test]
fn odd_input_never_panics() {
    let long_row = format!("|{}\n|{}\n", " a |".repeat(300), "---|".repeat(300));
    let cases = [
        String::new(),
        "---\ntitle: only front matter\n---\n".to_owned(),
        "---\nunclosed: front matter\n".to_owned(),
        "```rust\nfn unclosed() {\n".to_owned(),
        "> [!CASE STUDY]\n".to_owned(),
        "> [!NOTE]".to_owned(),
        "> —\n".to_owned(),
        "Table:\n| a |\n|---|\n".to_owned(),
        "*[]: x\n*[A]:\n*[A]: \u{0}\n".to_owned(),
        "## \u{200b}\u{fe0f}👩‍👩‍👧 ٱلْعَرَبِيَّة\n\n[👩‍👩‍👧](#👩‍👩‍👧)\n".to_owned(),
        "\u{0}\u{0}## x\n\n\u{0}\n".to_owned(),
        ">>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> [!NOTE] deep\n".to_owned(),
        long_row.repeat(50),
        "[a](#)[b]()[c](<>)![](missing.md)[^x]\n\n[^x]:\n".to_owned(),
        "- [ ] task\n- [x] done\n".to_owned(),
        "a\r\rb\r\n\n\t\t```\r\n".to_owned(),
    ];
    for case in cases {
        let r = with_parts(&case);
        assert!(!r.html.contains('\u{0}'), "{case:?}");
    }
}

#[test]
fn a_chapter_from_the_pages_parse_is_the_chapter_parsed_again() {
    let rich = "---\ntitle: t\n---\n\n*[NSPCC]: National Society\n\n# Report\n\n## Scope {#x}\n\n\
        The NSPCC and the LSCP[^1] met. See [below](#scope) and [x](x.md#top).\n\n\
        Table: Cases by *year*\n\n| Year | Cases |\n|---|--:|\n| 2019 | 4 |\n\n\
        > [!NOTE]\n> A note with **bold**.\n\n> Quoted.\n> — Ann\n\n```yaml\na: 1\n```\n\n\
        ![A chart](pic.png)\n\n## Scope\n\n[^1]: Local partnership.\n";
    let resolver = FakeResolver::default();
    let page_glossary: BTreeMap<String, String> =
        [("LSCP".to_owned(), "Local partnership".to_owned())].into();
    let site_glossary: BTreeMap<String, String> =
        [("NSPCC".to_owned(), "Society".to_owned())].into();
    for text in [rich, "", "# Only\n", "[a](#)[b]()[^x]\n\n[^x]:\n"] {
        let input = Input {
            file: Path::new("content/p.md"),
            text,
            links: &resolver,
            glossary: &page_glossary,
            split_parts: true,
            labels: None,
            lang: "en",
            easy_read: false,
        };
        let chapter = Chapter {
            id_prefix: "scope-",
            glossary: &site_glossary,
        };
        let (page, print) = MARKDOWN.render_with_chapter(&input, Some(&chapter));
        let alone = MARKDOWN.render(&input);
        assert_eq!(page.html, alone.html, "{text:?}");
        assert_eq!(page.diagnostics, alone.diagnostics, "{text:?}");
        assert_eq!(page.anchors, alone.anchors, "{text:?}");
        let chapter_input = Input {
            glossary: &site_glossary,
            split_parts: false,
            ..input
        };
        let again = MARKDOWN.render_for_print(&chapter_input, "scope-");
        let print = print.map(|p| p.html);
        if text == rich {
            let html = print.as_deref().unwrap_or_default();
            assert!(html.contains("<h3 id=\"scope-scope"), "{html}");
            assert!(html.contains("the LSCP<sup"), "{html}");
            assert!(page.html.contains("title=\"Local partnership\">LSCP"));
            assert!(!page.html.contains("scope-scope"), "{}", page.html);
        }
        assert_eq!(print, Some(again.html), "{text:?}");
    }
    let (_, none) = MARKDOWN.render_with_chapter(
        &Input {
            file: Path::new("p.md"),
            text: rich,
            links: &resolver,
            glossary: &page_glossary,
            split_parts: false,
            labels: None,
            lang: "en",
            easy_read: false,
        },
        None,
    );
    assert!(none.is_none());
}

/// A no-break space, typed as `&nbsp;` or pasted from Word as U+00A0 (or the
/// narrow U+202F), is a word boundary on either side of an abbreviation: the
/// first use is found, and `<abbr>` wraps the abbreviation alone. Both ways of
/// searching are tried: with every abbreviation starting with a capital, and
/// with one (`eCAF`) that does not.
#[test]
fn an_abbreviation_beside_a_no_break_space_is_marked_alone() {
    let mash = "<abbr title=\"Multi-Agency Safeguarding Hub\">MASH</abbr>";
    let capitals = [("MASH", "Multi-Agency Safeguarding Hub")];
    let mixed = [
        ("MASH", "Multi-Agency Safeguarding Hub"),
        ("eCAF", "Electronic Common Assessment Framework"),
    ];
    for glossary in [&capitals[..], &mixed[..]] {
        for (text, html) in [
            (
                "The MASH&nbsp;team.",
                format!("<p>The {mash}\u{a0}team.</p>"),
            ),
            (
                "The MASH\u{a0}team.",
                format!("<p>The {mash}\u{a0}team.</p>"),
            ),
            (
                "Call the&nbsp;MASH.",
                format!("<p>Call the\u{a0}{mash}.</p>"),
            ),
            (
                "Call the\u{a0}MASH.",
                format!("<p>Call the\u{a0}{mash}.</p>"),
            ),
            (
                "the&nbsp;MASH&nbsp;team",
                format!("<p>the\u{a0}{mash}\u{a0}team</p>"),
            ),
            (
                "the\u{202f}MASH\u{202f}team",
                format!("<p>the\u{202f}{mash}\u{202f}team</p>"),
            ),
            // Still a whole word only: a no-break space does not make `xMASH` one.
            ("xMASH\u{a0}MASH", format!("<p>xMASH\u{a0}{mash}</p>")),
        ] {
            let r = render_with_glossary(&format!("{text}\n"), glossary);
            assert_eq!(r.html.trim_end(), html, "{text:?} with {glossary:?}");
            assert_eq!(r.abbreviations_used, ["MASH"], "{text:?}");
        }
    }
}

#[test]
fn a_meaning_written_wrong_is_warned_of_at_its_line_and_a_right_one_is_not() {
    let r = with_page(
        "The LADO and the CSP.\n\n*[CSP]: Community Safety Partnership\n*[LADO] : Local authority designated officer\n\n`*[DSL] :` is code.\n",
    );
    let slips: Vec<(Option<usize>, &str)> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("this line is shown on the page"))
        .map(|d| (d.line, d.help.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        slips,
        [(
            Some(4),
            "write `*[LADO]: Local authority designated officer`"
        )]
    );
    assert!(
        r.html
            .contains("<abbr title=\"Community Safety Partnership\">CSP</abbr>"),
        "{}",
        r.html
    );
}

#[test]
fn tags_in_a_meaning_are_warned_of_at_the_tag_with_the_plain_meaning() {
    let r = with_page(
        "The LSCP met.\n\n*[CSP]: Community Safety Partnership\n*[LSCP]: Local <b>Safeguarding</b> Children Partnership\n",
    );
    let tagged: Vec<(Option<usize>, Option<usize>, &str, &str)> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("the tags in what"))
        .map(|d| {
            (
                d.line,
                d.col,
                d.message.as_str(),
                d.help.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        tagged,
        [(
            Some(4),
            Some(16),
            "the tags in what LSCP stands for are not shown (`<b>` here): a meaning is plain text, so they are dropped",
            "write the meaning without tags: `*[LSCP]: Local Safeguarding Children Partnership`"
        )]
    );
    assert!(
        r.diagnostics
            .iter()
            .all(|d| d.rule == crate::rules::ABBREVIATION && !d.is_error())
    );
    // The meaning is still used, as plain text.
    assert!(
        r.html
            .contains("<abbr title=\"Local Safeguarding Children Partnership\">LSCP</abbr>"),
        "{}",
        r.html
    );
}
