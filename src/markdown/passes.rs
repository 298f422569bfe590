//! Block conventions that need no new syntax: table captions, quote attributions,
//! and highlighted code blocks.
//!
//! Each is a pass over comrak's tree after links, ids and abbreviations are settled,
//! so a caption or an attribution keeps its links and `<abbr>`. A pass moves nodes or
//! replaces them with raw HTML nodes; none of them edits HTML text. Callouts and case
//! studies are in `callouts`.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};

use comrak::{Arena, Options};

use super::abbr::{lines_of, strip_marks};
use super::format::{TableLabel, inline_html};
use super::highlight::Highlighter;
use super::ids::{IdSet, node_key};
use crate::error::Diagnostic;

/// The nodes the passes after the checks replace, listed by `survey`. No pass
/// among pictures, captions, callouts, quotes and code makes or removes a node
/// of another pass's kind (they replace images,
/// detach inline-only paragraphs and titles, and move callout bodies), so the
/// lists found first are the ones each pass would find when its turn comes.
#[derive(Default)]
pub(crate) struct Targets<'a> {
    /// Images, for `pictures`.
    pub(crate) images: Vec<&'a AstNode<'a>>,
    /// Tables, for [`attach_captions`].
    pub(crate) tables: Vec<&'a AstNode<'a>>,
    /// Callouts, for `callouts`.
    pub(crate) callouts: Vec<&'a AstNode<'a>>,
    /// Block quotes, for [`attribute_quotes`].
    pub(crate) quotes: Vec<&'a AstNode<'a>>,
    /// Code blocks, for [`highlight_code`].
    pub(crate) code: Vec<&'a AstNode<'a>>,
}

impl<'a> Targets<'a> {
    /// Walks the tree once: strips the marks from text, and lists the targets.
    /// What a walk of its own found, before `survey` listed them: the reference
    /// its tests hold it to.
    #[cfg(test)]
    pub(crate) fn find(root: &'a AstNode<'a>) -> Self {
        let mut found = Targets::default();
        for node in root.descendants() {
            let mut data = node.data_mut();
            let list = match &mut data.value {
                NodeValue::Text(text) => {
                    if let Some(stripped) = strip_marks(text) {
                        *text = stripped.into();
                    }
                    continue;
                }
                NodeValue::Image(_) => &mut found.images,
                NodeValue::Table(_) => &mut found.tables,
                NodeValue::Callout(_) => &mut found.callouts,
                NodeValue::BlockQuote => &mut found.quotes,
                NodeValue::CodeBlock(_) => &mut found.code,
                _ => continue,
            };
            list.push(node);
        }
        found
    }
}

/// Takes the `\\AA` marks out of `texts` (text nodes; others are passed
/// over), once the checks and `<abbr>` have seen them.
pub(crate) fn strip_marks_in<'a>(texts: &[&'a AstNode<'a>]) {
    for node in texts {
        if let NodeValue::Text(text) = &mut node.data_mut().value
            && let Some(stripped) = strip_marks(text)
        {
            *text = stripped.into();
        }
    }
}

/// How a caption paragraph starts.
const CAPTION_PREFIX: &str = "Table:";

/// True if `paragraph` is `Table: …` directly before a table.
pub(crate) fn is_caption<'a>(paragraph: &'a AstNode<'a>) -> bool {
    matches!(paragraph.data().value, NodeValue::Paragraph)
        && paragraph
            .next_sibling()
            .is_some_and(|n| matches!(n.data().value, NodeValue::Table(_)))
        && paragraph
            .first_child()
            .is_some_and(|first| match &first.data().value {
                NodeValue::Text(t) => t.trim_start().starts_with(CAPTION_PREFIX),
                _ => false,
            })
}

/// Turns each `Table:` paragraph into its table's caption and labels every table.
pub(crate) fn attach_captions<'a>(
    arena: &'a Arena<'a>,
    tables: Vec<&'a AstNode<'a>>,
    options: &Options<'_>,
    ids: &mut IdSet,
) -> HashMap<usize, TableLabel> {
    let mut labels = HashMap::default();
    for (number, table) in tables.into_iter().enumerate() {
        let caption_html =
            table
                .previous_sibling()
                .filter(|p| is_caption(p))
                .and_then(|paragraph| {
                    if let Some(first) = paragraph.first_child()
                        && let NodeValue::Text(text) = &mut first.data_mut().value
                    {
                        let rest = text
                            .trim_start()
                            .trim_start_matches(CAPTION_PREFIX)
                            .trim_start();
                        *text = rest.to_owned().into();
                    }
                    let nodes: Vec<_> = paragraph.children().collect();
                    let html = inline_html(arena, &nodes, options);
                    paragraph.detach();
                    Some(html).filter(|h| !h.is_empty())
                });
        let id = if caption_html.is_some() {
            ids.numbered("table")
        } else {
            String::new()
        };
        let fallback_name = format!("Table {}", number + 1);
        labels.insert(
            node_key(table),
            TableLabel {
                id,
                caption_html,
                fallback_name,
            },
        );
    }
    labels
}

/// Reads an attribution line (`— Name`, `– Name` after smart punctuation, `-- Name`),
/// returning the name part.
fn attribution(text: &str) -> Option<&str> {
    let text = text.trim_start();
    ["—", "–", "--"]
        .iter()
        .find_map(|dash| text.strip_prefix(dash))
        .map(str::trim_start)
}

/// Wraps each blockquote whose last line is an attribution in
/// `<figure class="quote">`, with the attribution as its `<figcaption>`.
pub(crate) fn attribute_quotes<'a>(
    arena: &'a Arena<'a>,
    quotes: Vec<&'a AstNode<'a>>,
    options: &Options<'_>,
) {
    for quote in quotes {
        let Some(paragraph) = quote
            .last_child()
            .filter(|p| matches!(p.data().value, NodeValue::Paragraph))
        else {
            continue;
        };
        let mut lines = lines_of(paragraph);
        let Some((line_break, nodes)) = lines.pop() else {
            continue;
        };
        let Some(first) = nodes.first() else { continue };
        let name = match &first.data().value {
            NodeValue::Text(text) => attribution(text).map(str::to_owned),
            _ => None,
        };
        let Some(name) = name else { continue };
        let whole_paragraph = line_break.is_none();
        if whole_paragraph && paragraph.previous_sibling().is_none() {
            continue; // only an attribution: nothing is quoted
        }
        if name.is_empty() && nodes.len() == 1 {
            continue;
        }
        first.data_mut().value = NodeValue::Text(name.into());
        let caption = inline_html(arena, &nodes, options);
        match line_break {
            Some(b) => b.detach(),
            None => paragraph.detach(),
        }
        let open = arena.alloc(NodeValue::Raw("<figure class=\"quote\">\n".to_owned()).into());
        let close = format!("<figcaption>— {caption}</figcaption>\n</figure>\n");
        quote.insert_before(open);
        quote.insert_after(arena.alloc(NodeValue::Raw(close).into()));
    }
}

/// Replaces each code block with highlighted HTML; warns about unknown languages.
pub(crate) fn highlight_code<'a>(
    blocks: Vec<&'a AstNode<'a>>,
    highlighter: &Highlighter,
    file: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for block in blocks {
        let mut data = block.data_mut();
        let line = data.sourcepos.start.line;
        let NodeValue::CodeBlock(code) = &data.value else {
            continue;
        };
        let lang = code.info.split_whitespace().next().unwrap_or("").to_owned();
        let highlighted = highlighter.highlight(&lang, &code.literal);
        if !highlighted.known_language {
            diagnostics.push(
                Diagnostic::warning(
                    crate::rules::CODE_LANGUAGE,
                    file,
                    format!("unknown code language `{lang}`; the block is shown without highlighting"),
                )
                .at_line(line)
                .help("name a known language after the ``` fence, e.g. `rust`, `yaml`, `html`, `json`, `bash`, or `text` for none"),
            );
        }
        data.value = NodeValue::Raw(highlighted.html);
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::with_page;

    #[test]
    fn caption_paragraph_becomes_the_caption() {
        let html =
            with_page("Table: Referrals by *month*\n\n| Month | Count |\n|---|--:|\n| May | 4 |\n")
                .html;
        assert!(!html.contains("<p>Table:"), "{html}");
        assert!(html.contains(
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"table-1\">\n<table>\n<caption id=\"table-1\">Referrals by <em>month</em></caption>"
        ), "{html}");
        assert!(html.contains("<th scope=\"col\">Month</th>"), "{html}");
        assert!(html.contains("<td class=\"align-right\">4</td>"), "{html}");
        assert!(html.contains("</tbody>\n</table>\n</div>"), "{html}");
    }

    #[test]
    fn table_without_caption_gets_a_numbered_label() {
        let html = with_page("| a |\n|---|\n| 1 |\n\n| b |\n|---|\n").html;
        assert!(html.contains("aria-label=\"Table 1\""), "{html}");
        assert!(html.contains("aria-label=\"Table 2\""), "{html}");
        assert!(!html.contains("<tbody>\n</tbody>"), "{html}");
    }

    #[test]
    fn table_paragraph_not_before_a_table_stays() {
        let html = with_page("Table: not a caption\n\nJust text.\n").html;
        assert!(html.contains("<p>Table: not a caption</p>"), "{html}");
    }

    #[test]
    fn quote_with_em_dash_attribution_becomes_a_figure() {
        let html = with_page("> Listen to the child.\n> — Jane Doe, *social worker*\n").html;
        assert_eq!(
            html,
            "<figure class=\"quote\">\n<blockquote>\n<p>Listen to the child.</p>\n</blockquote>\n\
             <figcaption>— Jane Doe, <em>social worker</em></figcaption>\n</figure>\n"
        );
    }

    #[test]
    fn double_hyphen_and_separate_paragraph_attributions_work() {
        let a = with_page("> Quoted.\n> -- Ann\n").html;
        assert!(a.contains("<figcaption>— Ann</figcaption>"), "{a}");
        let b = with_page("> Quoted.\n>\n> --- Bob\n").html;
        assert!(
            b.contains("<p>Quoted.</p>\n</blockquote>\n<figcaption>— Bob</figcaption>"),
            "{b}"
        );
    }

    #[test]
    fn plain_blockquote_is_left_alone() {
        let html = with_page("> Just a quote.\n").html;
        assert_eq!(html, "<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n");
        let only = with_page("> — Nobody\n").html;
        assert!(!only.contains("<figure"), "{only}");
    }

    #[test]
    fn unknown_language_warns_at_the_fence_line() {
        let r = with_page("---\ntitle: t\n---\n\nText.\n\n```klingon\nqapla'\n```\n");
        assert_eq!(r.diagnostics.len(), 1);
        let d = &r.diagnostics[0];
        assert_eq!(
            (d.rule, d.line, d.is_error()),
            ("code-language", Some(7), false)
        );
        assert!(d.message.contains("`klingon`"));
        assert!(r.html.contains("<pre class=\"code\" tabindex=\"0\"><code class=\"language-klingon\">qapla'\n</code></pre>"));
    }

    #[test]
    fn known_language_is_highlighted_without_a_warning() {
        let r = with_page("```yaml\ntitle: x\n```\n");
        assert!(r.diagnostics.is_empty());
        assert!(r.html.contains("class=\"language-yaml\""));
        assert!(r.html.contains("<span class=\"hl-"), "{}", r.html);
    }
}
