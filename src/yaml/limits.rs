//! Limits on a YAML text, checked before it is read into settings or page data.
//!
//! Part of `yaml`, run by `yaml::parse` on every text (site.yaml, front matter,
//! data/glossary.yaml) before yaml_serde turns it into values. It refuses:
//!
//! - a text over [`MAX_BYTES`];
//! - flow lists and maps (`[`, `{`) nested more than [`MAX_DEPTH`] deep;
//! - a text whose aliases (`*name`, repeating what `&name` marked) would make it
//!   grow past its budget: a node costs [`NODE_COST`] and a string its length,
//!   and a text may cost at most [`BUDGET_PER_BYTE`] per byte of itself plus
//!   [`BUDGET_BASE`]. Without aliases no text comes near that (a node takes at
//!   least two bytes to write), so only aliases that copy a lot are refused.
//!
//! yaml_serde already stops at [`MAX_DEPTH`] levels of nesting and caps how many
//! times aliases are followed, but not how much each copies: 100,000 aliases to
//! one 9 KB string (1.2 MB of text) made 900 MB of strings. The budget is counted
//! by walking the text's events without keeping anything, so a refused text costs
//! no more memory than reading it; only a text within budget is then read for real.
//! Errors other than the budget are left to that real read, which places them.

use std::cell::Cell;
use std::fmt;
use std::path::Path;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

use crate::error::Diagnostic;

/// The largest YAML text read: far beyond any settings file, front matter or
/// glossary a person writes.
pub(crate) const MAX_BYTES: usize = 1024 * 1024;

/// The deepest nesting yaml_serde reads (its own fixed limit).
pub(crate) const MAX_DEPTH: usize = 128;

/// What one node (a value, a list, a map) costs, over the length of its text.
/// Kept in memory a node takes some tens of bytes, so it counts for more than a
/// byte of a string.
const NODE_COST: usize = 8;

/// Budget per byte of the text.
const BUDGET_PER_BYTE: usize = 10;

/// Budget every text has, however short, so that a small file may still use a
/// few aliases.
const BUDGET_BASE: usize = 256 * 1024;

/// Refuses `text` if it is too big, or its aliases would make it grow too much.
/// `first_line` is the file line of the text's first line.
pub(super) fn check(
    text: &str,
    file: &Path,
    first_line: usize,
    rule: &'static str,
) -> Result<(), Box<Diagnostic>> {
    if text.len() > MAX_BYTES {
        return Err(Box::new(
            Diagnostic::error(
                rule,
                file,
                format!(
                    "this YAML is {} KB; plainsite reads at most {} KB",
                    text.len() / 1024,
                    MAX_BYTES / 1024
                ),
            )
            .help("split it up, or move long text out of the YAML into the page itself")
            .at(first_line, 1),
        ));
    }
    if let Some((line, col)) = too_deep_brackets(text) {
        return Err(Box::new(
            Diagnostic::error(
                rule,
                file,
                format!("this YAML is nested more than {MAX_DEPTH} levels deep"),
            )
            .help("flatten the lists and maps: a setting needs only a few levels")
            .at(line + first_line - 1, col),
        ));
    }
    // Every alias starts with `*`: without one, nothing can be repeated.
    if !text.contains('*') {
        return Ok(());
    }
    let budget = Budget {
        left: Cell::new(text.len().saturating_mul(BUDGET_PER_BYTE) + BUDGET_BASE),
        exceeded: Cell::new(false),
    };
    // Any other error is reported, with its place, by the real read.
    let _ = Count(&budget).deserialize(yaml_serde::Deserializer::from_str(text));
    if !budget.exceeded.get() {
        return Ok(());
    }
    let line = first_alias_line(text).unwrap_or(1);
    Err(Box::new(
        Diagnostic::error(
            rule,
            file,
            "this YAML repeats too much through aliases (`*name`): read in full it would be many times its size",
        )
        .help("write the values out where they are needed, or repeat them less; aliases may copy a little, not whole files")
        .at(line + first_line - 1, 1),
    ))
}

/// The 1-based line of the first alias in `text`, roughly: a `*` that starts a
/// value, after `: `, `- `, `[`, `{` or `,`.
fn first_alias_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let bytes = line.as_bytes();
            bytes.iter().enumerate().any(|(i, &b)| {
                b == b'*'
                    && bytes.get(i + 1).is_some_and(|n| !n.is_ascii_whitespace())
                    && line[..i].trim_end().ends_with([':', '-', '[', '{', ','])
            })
        })
        .map(|i| i + 1)
}

/// Where `[` and `{` first open more than [`MAX_DEPTH`] levels (1-based line
/// and character column), counting every bracket, quoted or not: an upper bound
/// on the nesting of flow lists and maps. Checked before yaml_serde reads the
/// text, because its parser takes time in proportion to the depth for every
/// token, and only applies its own limit after reading everything.
fn too_deep_brackets(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (index, line) in text.lines().enumerate() {
        for (col, c) in line.chars().enumerate() {
            match c {
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => continue,
            }
            if depth > MAX_DEPTH {
                return Some((index + 1, col + 1));
            }
        }
    }
    None
}

/// What is left to spend, and whether the text went over.
struct Budget {
    left: Cell<usize>,
    exceeded: Cell<bool>,
}

impl Budget {
    fn spend<E: de::Error>(&self, cost: usize) -> Result<(), E> {
        match self.left.get().checked_sub(cost) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.exceeded.set(true);
                Err(E::custom("the alias budget is spent"))
            }
        }
    }
}

/// Walks any value, spending on each node and string, and keeps nothing.
#[derive(Clone, Copy)]
struct Count<'b>(&'b Budget);

impl<'de> DeserializeSeed<'de> for Count<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Count<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.0.spend(NODE_COST)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.0.spend(NODE_COST)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.0.spend(NODE_COST)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.0.spend(NODE_COST)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.0.spend(NODE_COST.saturating_add(v.len()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.spend(NODE_COST)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.spend(NODE_COST)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.spend(NODE_COST)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.spend(NODE_COST)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    /// A tagged value (`!tag value`).
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(text: &str) -> Result<(), Box<Diagnostic>> {
        check(text, Path::new("data/glossary.yaml"), 1, "glossary")
    }

    #[test]
    fn ordinary_yaml_and_a_few_aliases_pass() {
        assert!(checked("title: x\nmenu:\n  - { name: a, url: /a/ }\n").is_ok());
        let text = "base: &b { name: a, url: /a/ }\none: *b\ntwo: *b\nthree: [*b, *b]\n";
        assert!(checked(text).is_ok());
        // A big file without aliases: many short nodes, the costliest kind.
        let many = "[".to_owned() + &"1,".repeat(400_000) + "1]";
        assert!(checked(&many).is_ok());
    }

    #[test]
    fn aliases_that_copy_a_long_string_many_times_are_refused() {
        let mut text = format!("long: &l \"{}\"\n", "x".repeat(9_000));
        for i in 0..1_000 {
            text.push_str(&format!("k{i}: *l\n"));
        }
        let err = checked(&text).expect_err("refused");
        assert!(err.message.contains("aliases"), "{err}");
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn nested_aliases_that_double_each_level_are_refused() {
        let mut text = "a0: &a0 [x, x]\n".to_owned();
        for i in 1..40 {
            text.push_str(&format!("a{i}: &a{i} [*a{}, *a{}]\n", i - 1, i - 1));
        }
        assert!(checked(&text).is_err());
    }

    #[test]
    fn a_text_over_the_size_limit_is_refused_with_its_size() {
        let text = format!("title: \"{}\"\n", "x".repeat(MAX_BYTES));
        let err = checked(&text).expect_err("refused");
        assert!(
            err.message.contains("plainsite reads at most 1024 KB"),
            "{err}"
        );
    }

    #[test]
    fn deep_brackets_are_refused_where_they_get_too_deep() {
        let text = format!(
            "title: x\nextra: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let err = checked(&text).expect_err("refused");
        assert!(err.message.contains("nested more than 128 levels"), "{err}");
        assert_eq!((err.line, err.col), (Some(2), Some(136)));
        let fine = format!(
            "a: {}{}\nb: {}\n",
            "[".repeat(100),
            "]".repeat(100),
            "[]".repeat(500)
        );
        assert!(checked(&fine).is_ok());
    }

    #[test]
    fn finds_the_first_alias() {
        assert_eq!(first_alias_line("a: &x 1\nb: 2 * 3\nc: [1, *x]\n"), Some(3));
        assert_eq!(first_alias_line("- *x\n"), Some(1));
        assert_eq!(first_alias_line("a: '*'\n"), None);
    }
}
