//! Element ids: heading slugs, footnote ids, and generated ids for tables and case studies.
//!
//! Runs on comrak's tree before any pass that adds ids, so heading ids depend only on
//! the headings (links to `#anchors` stay stable when a table is added). Footnote ids
//! are reserved first because comrak fixes them; headings then get GitHub-style slugs,
//! made unique with `-1`, `-2` suffixes. Nothing here writes HTML.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use comrak::nodes::{AstNode, NodeValue};

use super::model::Heading;

/// Ids already used on one page.
#[derive(Debug, Default)]
pub(crate) struct IdSet {
    used: HashSet<String>,
    /// Ids the theme's templates give elements around the page's content,
    /// which nothing on the page may take (see [`IdSet::keep_out`]).
    theme: std::sync::Arc<[String]>,
    /// Put before every id handed out (not before reserved ones), so that a page
    /// rendered into a larger one (a document's print page) keeps its ids unique.
    prefix: String,
    /// Every id in the order it was handed out or reserved.
    pub(crate) order: Vec<String>,
    /// For each stem given a number (`summary` for `summary-3`, by
    /// [`IdSet::unique`] or [`IdSet::numbered`]), the last number it got: ids
    /// are never given back, so every number up to it is still taken, and the
    /// next free one is after it. Without it, the 40,000th heading of one name
    /// would try 40,000 numbers.
    last_numbered: HashMap<String, usize>,
}

impl IdSet {
    /// An empty set whose ids all start with `prefix`.
    pub(crate) fn with_prefix(prefix: &str) -> IdSet {
        IdSet {
            prefix: prefix.to_owned(),
            ..IdSet::default()
        }
    }

    /// Records an id that something else (comrak) emits.
    pub(crate) fn reserve(&mut self, id: String) {
        if self.used.insert(id.clone()) {
            self.order.push(id);
        }
    }

    /// Keeps `ids` from being handed out without making them the page's own:
    /// the ids the theme's templates give elements of every page (`main` for
    /// the skip link's target), which a heading of that name must not take.
    /// Shared, not copied into the set: every page has the same.
    pub(crate) fn keep_out(&mut self, ids: std::sync::Arc<[String]>) {
        self.theme = ids;
    }

    /// True when `id` is on the page already, or the theme's.
    fn is_taken(&self, id: &str) -> bool {
        self.used.contains(id) || self.theme.iter().any(|t| t == id)
    }

    /// `base`, or `base-1`, `base-2` … whichever is free first (GitHub's rule).
    pub(crate) fn unique(&mut self, base: &str) -> String {
        let base = format!("{}{base}", self.prefix);
        if self.is_taken(&base) {
            return self.first_free_number(base);
        }
        self.reserve(base.clone());
        base
    }

    /// `prefix-1`, `prefix-2` … whichever is free first.
    pub(crate) fn numbered(&mut self, prefix: &str) -> String {
        let prefix = format!("{}{prefix}", self.prefix);
        self.first_free_number(prefix)
    }

    /// `stem-1`, `stem-2` … whichever is free first, looked for after the last
    /// number `stem` was given.
    fn first_free_number(&mut self, stem: String) -> String {
        let mut n = self.last_numbered.get(&stem).map_or(1, |last| last + 1);
        let mut id = format!("{stem}-{n}");
        while self.is_taken(&id) {
            n += 1;
            id = format!("{stem}-{n}");
        }
        self.reserve(id.clone());
        self.last_numbered.insert(stem, n);
        id
    }
}

/// A key that identifies a node of one parsed page, for the formatter's lookups.
pub(crate) fn node_key(node: &AstNode<'_>) -> usize {
    std::ptr::from_ref(node) as usize
}

/// Reserves the id comrak gives a footnote (`fn-x`, `fnref-x`, `fnref-x-2`), once
/// `prefix` is put before its name, so that the ids comrak writes from the names
/// are unique on a page that joins several files (empty for a page of its own).
pub(crate) fn reserve_footnote_id(value: &mut NodeValue, prefix: &str, ids: &mut IdSet) {
    match value {
        NodeValue::FootnoteDefinition(def) => {
            if !prefix.is_empty() {
                def.name = format!("{prefix}{}", def.name);
            }
            ids.reserve(format!("fn-{}", href_escaped(&def.name)));
        }
        NodeValue::FootnoteReference(r) => {
            if !prefix.is_empty() {
                r.name = format!("{prefix}{}", r.name);
            }
            let mut id = format!("fnref-{}", href_escaped(&r.name));
            if r.ref_num > 1 {
                id.push_str(&format!("-{}", r.ref_num));
            }
            ids.reserve(id);
        }
        _ => {}
    }
}

/// A footnote name as comrak writes it into an `id` attribute.
fn href_escaped(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    if comrak::html::escape_href(&mut out, name, false).is_err() {
        return name.to_owned();
    }
    out
}

/// The page's headings, with their ids, and the same ids keyed by node.
pub(crate) struct HeadingIds {
    /// Every heading, in order.
    pub(crate) headings: Vec<Heading>,
    /// Node key → id, for the formatter.
    pub(crate) by_node: HashMap<usize, String>,
    /// Headings that named their own id (`{#contacts}`) and were given another,
    /// as it was taken: (line, the id asked for, the id given).
    pub(crate) renamed: Vec<(usize, String, String)>,
}

/// Gives every heading of `headings` (in order) a unique id.
pub(crate) fn assign_heading_ids<'a>(
    headings: Vec<&'a AstNode<'a>>,
    ids: &mut IdSet,
) -> HeadingIds {
    let mut out = HeadingIds {
        headings: Vec::new(),
        by_node: HashMap::default(),
        renamed: Vec::new(),
    };
    for node in headings {
        let (level, line) = match &node.data().value {
            NodeValue::Heading(h) => (h.level, node.data().sourcepos.start.line),
            _ => continue,
        };
        let custom = take_custom_id(node);
        let text = node.collect_text().trim().to_owned();
        let id = match custom {
            Some(asked) => {
                let id = ids.unique(&asked);
                if id.strip_prefix(ids.prefix.as_str()) != Some(asked.as_str()) {
                    out.renamed.push((line, asked, id.clone()));
                }
                id
            }
            None => ids.unique(&crate::text::heading_slug(&text)),
        };
        out.by_node.insert(node_key(node), id.clone());
        out.headings.push(Heading {
            level,
            id,
            text,
            line,
        });
    }
    out
}

/// A warning that the heading at `line` of `file` (whose text is `text`) asked
/// for the id `asked`, which the theme or a heading above already has, and was
/// given `given`: a link to `#asked` would not lead to it.
pub(crate) fn id_taken(
    file: &std::path::Path,
    text: &str,
    line: usize,
    asked: &str,
    given: &str,
) -> crate::error::Diagnostic {
    let source = text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    let col = source
        .rfind("{#")
        .map_or(1, |i| source[..i].chars().count() + 1);
    crate::error::Diagnostic::warning(
        crate::rules::ATTRIBUTE_LIST,
        file,
        format!("`{{#{asked}}}` asks for the id `{asked}`, which this page already has (from the theme or a heading above), so this heading's id is `{given}` and links to `#{asked}` lead elsewhere"),
    )
    .at(line, col)
    .help("give the heading an id of its own, such as a word from its text, and change any links to it")
}

/// The id a heading names for itself at its end, `## Who to call {#contacts}`,
/// as other Markdown tools write it, taken out of the heading's words so they
/// do not show. Only letters, digits, `-` and `_` are taken: anything else
/// (`{.class}`, `{#a b}`) is left as written, for the checks to see.
fn take_custom_id(heading: &AstNode<'_>) -> Option<String> {
    let last = heading.last_child()?;
    let mut data = last.data_mut();
    let NodeValue::Text(text) = &mut data.value else {
        return None;
    };
    let trimmed = text.trim_end();
    let inner = trimmed.strip_suffix('}')?;
    let open = inner.rfind("{#")?;
    let id = &inner[open + 2..];
    let valid = !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid {
        return None;
    }
    let id = id.to_owned();
    let words = inner[..open].trim_end().to_owned();
    *text = words.into();
    Some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `numbered` as first written: every number tried from 1.
    fn numbered_from_one(used: &HashSet<String>, prefix: &str) -> String {
        let mut n = 1;
        while used.contains(&format!("{prefix}-{n}")) {
            n += 1;
        }
        format!("{prefix}-{n}")
    }

    /// `unique` as first written: the base, else every number tried from 1.
    fn unique_from_one(used: &HashSet<String>, base: &str) -> String {
        if used.contains(base) {
            numbered_from_one(used, base)
        } else {
            base.to_owned()
        }
    }

    proptest::proptest! {
        #[test]
        fn numbered_gives_the_first_free_number_whatever_came_before(
            steps in proptest::collection::vec((0u8..3, "(a|b)(-[1-4])?"), 0..30)
        ) {
            let mut ids = IdSet::with_prefix("p-");
            for (kind, name) in steps {
                match kind {
                    0 => ids.reserve(format!("p-{name}")),
                    1 => {
                        ids.unique(&name);
                    }
                    _ => {
                        let expected = numbered_from_one(&ids.used, &format!("p-{name}"));
                        proptest::prop_assert_eq!(ids.numbered(&name), expected);
                    }
                }
            }
        }

        #[test]
        fn unique_gives_the_base_or_the_first_free_number_whatever_came_before(
            steps in proptest::collection::vec((0u8..3, "(a|b)(-[1-4])?"), 0..40)
        ) {
            let mut ids = IdSet::with_prefix("p-");
            for (kind, name) in steps {
                match kind {
                    0 => ids.reserve(format!("p-{name}")),
                    1 => {
                        let expected = unique_from_one(&ids.used, &format!("p-{name}"));
                        proptest::prop_assert_eq!(ids.unique(&name), expected);
                    }
                    _ => {
                        ids.numbered(&name);
                    }
                }
            }
        }
    }

    #[test]
    fn repeated_slugs_get_numbered_suffixes() {
        let mut ids = IdSet::default();
        assert_eq!(ids.unique("summary"), "summary");
        assert_eq!(ids.unique("summary"), "summary-1");
        assert_eq!(ids.unique("summary"), "summary-2");
    }

    #[test]
    fn suffixes_skip_ids_already_taken_by_other_headings() {
        let mut ids = IdSet::default();
        ids.unique("a-1");
        ids.unique("a");
        assert_eq!(ids.unique("a"), "a-2");
    }

    #[test]
    fn a_prefix_goes_before_every_id_handed_out() {
        let mut ids = IdSet::with_prefix("foreword-");
        assert_eq!(ids.unique("summary"), "foreword-summary");
        assert_eq!(ids.unique("summary"), "foreword-summary-1");
        assert_eq!(ids.numbered("table"), "foreword-table-1");
    }

    #[test]
    fn suffixes_skip_ids_reserved_or_taken_after_the_last_one_given() {
        let mut ids = IdSet::default();
        assert_eq!(ids.unique("a"), "a");
        assert_eq!(ids.unique("a"), "a-1");
        ids.reserve("a-2".to_owned());
        ids.unique("a-3");
        assert_eq!(ids.unique("a"), "a-4");
        assert_eq!(ids.numbered("a"), "a-5");
        assert_eq!(ids.unique("a"), "a-6");
    }

    #[test]
    fn the_forty_thousandth_repeat_of_a_heading_gets_its_number() {
        let mut ids = IdSet::default();
        ids.reserve("same-20000".to_owned());
        let last = (0..40_000).map(|_| ids.unique("same")).last();
        assert_eq!(last.as_deref(), Some("same-40000"));
        assert_eq!(ids.order[20_000], "same-19999");
        assert_eq!(ids.order[20_001], "same-20001");
    }

    #[test]
    fn a_page_of_forty_thousand_headings_of_one_name_numbers_them_in_order() {
        let md = "## Same\n\ntext\n\n".repeat(40_000);
        let page = crate::markdown::tests::with_page(&md);
        let ids: Vec<&str> = page.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids.len(), 40_000);
        assert_eq!(ids[..3], ["same", "same-1", "same-2"]);
        assert_eq!(ids.last(), Some(&"same-39999"));
        assert!(page.html.contains("id=\"same-39999\""));
    }

    #[test]
    fn headings_pass_over_numbers_a_footnote_or_another_heading_took() {
        // The footnote is `fn-1`; the second heading is `fn-2`.
        let md = "## Fn\n\n## Fn 2\n\n## Fn\n\n## Fn\n\nA note.[^1]\n\n[^1]: Note.\n";
        let page = crate::markdown::tests::with_page(md);
        let ids: Vec<&str> = page.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["fn", "fn-2", "fn-3", "fn-4"]);
        assert!(page.html.contains("id=\"fn-1\""), "{}", page.html);
    }

    #[test]
    fn numbered_ids_skip_taken_ones() {
        let mut ids = IdSet::default();
        ids.reserve("table-1".to_owned());
        assert_eq!(ids.numbered("table"), "table-2");
        assert_eq!(ids.numbered("table"), "table-3");
    }
}
