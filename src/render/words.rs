//! The theme's words as template values: what `t("key")` answers, looked up in a
//! table made once per language instead of walking [`Strings`]' files each call.
//!
//! Part of `render`. A page's `t()` calls (some 25 a page) used to find the
//! language, allocate its fall-back chain and copy the words into a new string
//! every time; here each language's words are resolved once (the same answer
//! [`Strings::get`] gives, which the tests hold it to) and handed out as shared
//! values. It reads no files and knows nothing of pages.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use minijinja::Value;
use rustc_hash::FxHashMap;

use crate::strings::Strings;

/// One language's words: key → the words as a template value.
type Table = FxHashMap<Box<str>, Value>;

/// The theme's words, by language, as template values.
pub(super) struct Words {
    strings: Arc<Strings>,
    /// Made on first use of each language code as the page gives it.
    tables: RwLock<HashMap<Box<str>, Arc<Table>>>,
}

impl Words {
    /// Words from `strings`; no table is made until a language is asked for.
    pub(super) fn new(strings: Arc<Strings>) -> Words {
        Words {
            strings,
            tables: RwLock::default(),
        }
    }

    /// The words for `key` in `lang`: exactly `Strings::get(lang, key)`, as a
    /// (not safe) string value.
    pub(super) fn get(&self, lang: &str, key: &str) -> Value {
        match self.table(lang).get(key) {
            Some(words) => words.clone(),
            None => Value::from(self.strings.get(lang, key)),
        }
    }

    /// The table of `lang`, made and kept on first use.
    fn table(&self, lang: &str) -> Arc<Table> {
        if let Some(table) = self
            .tables
            .read()
            .ok()
            .and_then(|tables| tables.get(lang).cloned())
        {
            return table;
        }
        let table: Table = self
            .strings
            .keys()
            .map(|key| (key.into(), Value::from(self.strings.get(lang, key))))
            .collect();
        let table = Arc::new(table);
        if let Ok(mut tables) = self.tables.write() {
            tables.insert(lang.into(), Arc::clone(&table));
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn strings() -> Strings {
        let map = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<BTreeMap<_, _>>()
        };
        Strings::from_maps(BTreeMap::from([
            (
                "en".to_owned(),
                map(&[("a", "A en"), ("b", "B en"), ("c", "C en"), ("", "empty")]),
            ),
            ("pl".to_owned(), map(&[("a", "A pl"), ("d", "D pl")])),
            ("pa-arab".to_owned(), map(&[("b", "B pa-arab")])),
            ("pa".to_owned(), map(&[("a", "A pa"), ("b", "B pa")])),
        ]))
    }

    proptest::proptest! {
        /// Every answer is the one `Strings::get` gives, for any language code
        /// and key (known or not, any case), asked in any order, twice.
        #[test]
        fn answers_as_strings_get_does(
            asks in proptest::collection::vec((
                proptest::prop_oneof![
                    proptest::strategy::Just("en".to_owned()),
                    proptest::strategy::Just("en-GB".to_owned()),
                    proptest::strategy::Just("PL".to_owned()),
                    proptest::strategy::Just("pa-Arab".to_owned()),
                    proptest::strategy::Just("pa-guru".to_owned()),
                    proptest::strategy::Just(String::new()),
                    "[a-zA-Z-]{0,8}",
                ],
                proptest::prop_oneof![
                    proptest::strategy::Just("a".to_owned()),
                    proptest::strategy::Just("b".to_owned()),
                    proptest::strategy::Just("d".to_owned()),
                    proptest::strategy::Just(String::new()),
                    "[a-e]{0,3}",
                ],
            ), 1..30),
        ) {
            let strings = Arc::new(strings());
            let words = Words::new(Arc::clone(&strings));
            for _ in 0..2 {
                for (lang, key) in &asks {
                    let value = words.get(lang, key);
                    proptest::prop_assert_eq!(value.as_str(), Some(strings.get(lang, key)));
                    proptest::prop_assert!(!value.is_safe());
                }
            }
        }
    }
}
