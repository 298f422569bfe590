//! Rule `attribute-list`: settings in curly brackets at the end of a heading
//! or paragraph, written the way other Markdown tools read them (`{.wide}`,
//! `{#here .wide}`, kramdown's `{: .note}`), which pages show as written.
//!
//! A heading's own id alone (`## Who to call {#contacts}`) is read by
//! `markdown::ids` and is gone from the heading before the checks run, so any
//! list left on a heading is one pages did not read. A paragraph takes none.
//! Only lists that start with `#`, `.` or `:` and a name, or with `#` and
//! anything but a space, are findings: braces in prose (`{name}`) and language
//! markers (`{lang=cy}`) are not.

use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};

use super::rule::Rule;
use crate::error::{Diagnostic, Severity};

/// Another tool's settings in braces at the end of a block.
pub(crate) const ATTRIBUTE_LIST: Rule = Rule {
    id: crate::rules::ATTRIBUTE_LIST,
    severity: Severity::Warning,
    description: "a heading or paragraph that ends with another tool's settings in curly brackets, such as `{.wide}` or `{: .note}`, which readers would see as written",
};

/// Classes other tools give a paragraph to make it a box, and the callout
/// that does it here.
const CALLOUTS: [(&str, &str); 8] = [
    ("note", "NOTE"),
    ("info", "NOTE"),
    ("tip", "TIP"),
    ("important", "IMPORTANT"),
    ("warning", "WARNING"),
    ("caution", "WARNING"),
    ("alert", "WARNING"),
    ("danger", "WARNING"),
];

/// Reports `block`, a heading (`heading` true) or paragraph, when it ends
/// with an attribute list.
pub(crate) fn block<'a>(
    block: &'a AstNode<'a>,
    heading: bool,
    file: &Path,
    file_text: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(last) = block.last_child() else {
        return;
    };
    let data = last.data();
    let NodeValue::Text(text) = &data.value else {
        return;
    };
    let Some(inner) = text.trim_end().strip_suffix('}') else {
        return;
    };
    let Some(open) = inner.rfind('{') else {
        return;
    };
    let list = inner[open + 1..].trim();
    let list = list.strip_prefix(':').map_or(list, str::trim_start);
    // `{#../x}` or `{#café}`: an id pages cannot take is shown as written too.
    let named = list
        .strip_prefix(['#', '.'])
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_alphanumeric()))
        || list
            .strip_prefix('#')
            .is_some_and(|rest| rest.starts_with(|c: char| !c.is_whitespace()));
    if !named {
        return;
    }
    let line = data.sourcepos.start.line;
    let source = super::source::line_from(file_text, line, 1);
    let col = source.rfind('{').map_or(data.sourcepos.start.column, |i| {
        source[..i].chars().count() + 1
    });
    let what = if heading { "heading" } else { "paragraph" };
    let help = if heading {
        heading_help(list)
    } else {
        paragraph_help(list)
    };
    out.push(
        ATTRIBUTE_LIST
            .at(file, line, col, format!("`{}}}` at the end of this {what} is how another tool gives it settings; pages show it as written", shorten(&inner[open..])))
            .help(help),
    );
}

/// What to write for a heading's list: its id alone, when it has one.
fn heading_help(list: &str) -> String {
    // `{#two words}` meant one id, `two-words`; `{#a .b}` has the id `a`.
    let words_id = list
        .strip_prefix('#')
        .filter(|rest| !rest.contains(['.', '=', '#']))
        .map(|rest| rest.split_whitespace().collect::<Vec<_>>().join("-"));
    let id = words_id
        .or_else(|| {
            list.split_whitespace()
                .find_map(|t| t.strip_prefix('#'))
                .map(str::to_owned)
        })
        .filter(|id| {
            !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    match id {
        Some(id) => format!(
            "to give the heading an id of its own, end it with `{{#{id}}}` alone; pages cannot give a heading a class or other settings, so take the rest out"
        ),
        None => "take it out: pages cannot give a heading a class or other settings. To give it an id of its own, end it with `{#name}`, using only letters, numbers and hyphens".to_owned(),
    }
}

/// What to write for a paragraph's list: a callout, for a class that made a box.
fn paragraph_help(list: &str) -> String {
    let callout = list
        .split_whitespace()
        .filter_map(|t| t.strip_prefix('.'))
        .find_map(|class| {
            CALLOUTS
                .iter()
                .find(|(name, _)| class.eq_ignore_ascii_case(name))
        });
    match callout {
        Some((_, kind)) => format!(
            "take it out. To show the paragraph in a box, make it a callout: put `> [!{kind}]` on the line above it and start each of its lines with `> `"
        ),
        None => {
            "take it out: pages cannot give a paragraph a class, an id or other settings".to_owned()
        }
    }
}

/// `text` cut to 60 characters for a message.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::check::tests::found;

    fn helps(md: &str) -> Vec<String> {
        crate::check::tests::helps(md, "attribute-list")
    }

    #[test]
    fn another_tools_attributes_after_a_heading_are_warned_of_at_their_brace() {
        let md = "## Odd {.wide}\n\n## Both {#here .wide}\n\n## Spaced {#a b}\n\n## Kramdown {: .note}\n\nSetext {.x}\n---\n";
        assert_eq!(
            found(md, "attribute-list"),
            vec![(1, 8), (3, 9), (5, 11), (7, 13), (9, 8)]
        );
        let got = helps(md);
        assert!(got[1].contains("`{#here}` alone"), "{got:?}");
        assert!(got[2].contains("`{#a-b}` alone"), "{got:?}");
    }

    #[test]
    fn another_tools_attributes_after_a_paragraph_are_warned_of_with_a_callout_for_a_box() {
        let md = "Read this first.\n{: .note}\n\nAnd this. {#here .wide}\n\n{: .Warning}\n";
        assert_eq!(found(md, "attribute-list"), vec![(2, 1), (4, 11), (6, 1)]);
        let got = helps(md);
        assert!(got[0].contains("`> [!NOTE]`"), "{got:?}");
        assert!(
            got[1].contains("a class, an id or other settings"),
            "{got:?}"
        );
        assert!(got[2].contains("`> [!WARNING]`"), "{got:?}");
    }

    #[test]
    fn an_id_pages_cannot_take_or_one_the_page_already_has_is_warned_of() {
        let md = "## Up {#../x}\n\n## Café {#café}\n\n## Who {#who}\n\n## Again {#who}\n";
        assert_eq!(found(md, "attribute-list"), vec![(1, 7), (3, 9), (7, 10)]);
        let got = helps(md);
        assert!(
            got[0].contains("using only letters, numbers and hyphens"),
            "{got:?}"
        );
        assert!(
            got[2].contains("give the heading an id of its own"),
            "{got:?}"
        );
    }

    #[test]
    fn an_id_of_its_own_braces_in_prose_and_language_markers_are_not_attributes() {
        let md = "## Who to call {#contacts}\n\n## Prose {name} here\n\n## Ends {name}\n\n## Cymraeg {lang=cy}\n\n## Code `{.x}`\n\nA paragraph ends {name}\n\nA set {.} or {#}\n\nCymraeg yw hwn. {lang=cy}\n";
        assert!(found(md, "attribute-list").is_empty());
    }
}
