//! Callouts (`> [!NOTE]`, `> [!TIP]`, `> [!IMPORTANT]`, `> [!WARNING]`, `> [!CAUTION]`)
//! and case studies (`> [!CASE STUDY] Title`).
//!
//! comrak parses `> [!type] Title` as a callout node (its Obsidian callout extension);
//! this pass, run after links, ids and abbreviations, replaces each one with raw
//! opening and closing tags around its body blocks. The markup is plain and
//! accessible: a visible text title, no icons, no ARIA beyond naming a case study's
//! group. A case study is not an `<aside>`: inside `<main>` that is a nested
//! complementary landmark, which axe's best-practice rules reject.

use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};

use comrak::{Arena, Options};

use super::format::inline_html;
use super::ids::IdSet;
use crate::error::Diagnostic;

/// Callout types and their visible titles.
const KINDS: &[(&str, &str)] = &[
    ("note", "Note"),
    ("tip", "Tip"),
    ("important", "Important"),
    ("warning", "Warning"),
    ("caution", "Caution"),
];

/// The type that makes a case study (`[!CASE STUDY]`, normalised by comrak).
const CASE_STUDY: &str = "case-study";

/// Replaces every callout node with our markup; warns about unknown types.
/// `labels` has the titles in the page's language (see [`super::model::Input::labels`]).
pub(crate) fn render_callouts<'a>(
    arena: &'a Arena<'a>,
    callouts: Vec<&'a AstNode<'a>>,
    options: &Options<'_>,
    ids: &mut IdSet,
    (file, labels): (&Path, Option<&std::collections::BTreeMap<String, String>>),
    diagnostics: &mut Vec<Diagnostic>,
) {
    let label = |kind: &str, english: &str| -> String {
        labels
            .and_then(|l| l.get(kind))
            .map_or_else(|| english.to_owned(), |t| crate::html::escape(t))
    };
    for callout in callouts {
        let (kind, default_title, line) = match &callout.data().value {
            NodeValue::Callout(c) => (
                c.callout_type.clone(),
                c.default_title(),
                callout.data().sourcepos.start.line,
            ),
            _ => continue,
        };
        let title = take_title(arena, callout, options);
        let open = if kind == CASE_STUDY {
            case_study_open(&title, &label(CASE_STUDY, "Case study"), ids)
        } else {
            let (class, name) = match KINDS.iter().find(|(k, _)| *k == kind) {
                Some((k, name)) => (format!("callout callout-{k}"), label(k, name)),
                None => {
                    diagnostics.push(unknown_kind(file, line, &kind));
                    ("callout".to_owned(), crate::html::escape(&default_title))
                }
            };
            let title = if title.is_empty() {
                name
            } else {
                format!("{name}: {title}")
            };
            format!("<div class=\"{class}\">\n<p class=\"callout-title\">{title}</p>\n")
        };
        callout.insert_before(arena.alloc(NodeValue::Raw(open).into()));
        let body: Vec<_> = callout.children().collect();
        for block in body {
            callout.insert_before(block);
        }
        callout.data_mut().value = NodeValue::Raw("</div>\n".to_owned());
    }
}

/// Removes the callout's title block and returns it as inline HTML ("" if none).
fn take_title<'a>(arena: &'a Arena<'a>, callout: &'a AstNode<'a>, options: &Options<'_>) -> String {
    let Some(title) = callout
        .first_child()
        .filter(|t| matches!(t.data().value, NodeValue::CalloutTitle))
    else {
        return String::new();
    };
    let inlines: Vec<_> = title
        .children()
        .flat_map(|block| block.children())
        .collect();
    title.detach();
    inline_html(arena, &inlines, options)
}

/// The opening of a case study: a named group with a visible title.
fn case_study_open(title: &str, name: &str, ids: &mut IdSet) -> String {
    let id = ids.numbered(CASE_STUDY);
    let text = if title.is_empty() {
        name.to_owned()
    } else {
        format!("{name}: {title}")
    };
    format!(
        "<div class=\"case-study\" role=\"group\" aria-labelledby=\"{id}\">\n\
         <p class=\"case-study-title\" id=\"{id}\"><strong>{text}</strong></p>\n"
    )
}

fn unknown_kind(file: &Path, line: usize, kind: &str) -> Diagnostic {
    Diagnostic::warning(
        crate::rules::CALLOUT_TYPE,
        file,
        format!("unknown callout type `[!{}]`", kind.to_uppercase()),
    )
    .at_line(line)
    .help("use [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION] or [!CASE STUDY] Title")
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::with_page;

    #[test]
    fn note_becomes_a_titled_div() {
        let r = with_page("> [!NOTE]\n> Read the policy.\n");
        assert_eq!(
            r.html,
            "<div class=\"callout callout-note\">\n<p class=\"callout-title\">Note</p>\n<p>Read the policy.</p>\n</div>\n"
        );
    }

    #[test]
    fn every_known_kind_has_its_class_and_lowercase_works() {
        for (md, class, title) in [
            ("> [!TIP]\n> x\n", "callout-tip", "Tip"),
            ("> [!important]\n> x\n", "callout-important", "Important"),
            ("> [!Warning]\n> x\n", "callout-warning", "Warning"),
        ] {
            let html = with_page(md).html;
            assert!(
                html.contains(&format!("<div class=\"callout {class}\">")),
                "{html}"
            );
            assert!(
                html.contains(&format!("<p class=\"callout-title\">{title}</p>")),
                "{html}"
            );
            assert!(!html.contains("<svg") && !html.contains("role="), "{html}");
        }
    }

    #[test]
    fn custom_title_follows_the_kind() {
        let html = with_page("> [!WARNING] Do not *share* passwords\n> Ever.\n").html;
        assert!(html.contains("<p class=\"callout-title\">Warning: Do not <em>share</em> passwords</p>\n<p>Ever.</p>"), "{html}");
    }

    #[test]
    fn case_study_is_a_named_group_with_a_title_paragraph() {
        let r =
            with_page("> [!CASE STUDY] Baby A\n> Baby A was seen.\n>\n> The review found gaps.\n");
        assert_eq!(
            r.html,
            "<div class=\"case-study\" role=\"group\" aria-labelledby=\"case-study-1\">\n\
             <p class=\"case-study-title\" id=\"case-study-1\"><strong>Case study: Baby A</strong></p>\n\
             <p>Baby A was seen.</p>\n<p>The review found gaps.</p>\n</div>\n"
        );
        assert!(r.anchors.contains(&"case-study-1".to_owned()));
        assert!(r.headings.is_empty());
    }

    #[test]
    fn unknown_kind_warns_and_still_renders() {
        let r = with_page("Intro.\n\n> [!FOO]\n> body\n");
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(
            (r.diagnostics[0].rule, r.diagnostics[0].line),
            ("callout-type", Some(3))
        );
        assert!(
            r.html.contains(
                "<div class=\"callout\">\n<p class=\"callout-title\">Foo</p>\n<p>body</p>"
            ),
            "{}",
            r.html
        );
    }
}
