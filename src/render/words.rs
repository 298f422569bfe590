//! The theme's words as template values: what `t("key")` answers, looked up in a
//! table made once per language instead of walking [`Strings`]' files each call.
//!
//! Part of `render`. A page's `t()` calls (some 25 a page) used to find the
//! language, allocate its fall-back chain and copy the words into a new string
//! every time; here each language's words are resolved once (the same answer
//! [`Strings::get`] gives, which the tests hold it to) and handed out as shared
//! values. It reads no files and knows nothing of pages.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use minijinja::Value;
use rustc_hash::FxHashMap;

use crate::strings::Strings;

/// One language's words: key → the words as a template value.
type Table = FxHashMap<Box<str>, Value>;

thread_local! {
    /// The last page value `t()` read the language of on this thread, with the
    /// table it chose and the [`Words`] it belongs to (by address).
    static LAST: std::cell::RefCell<Option<(usize, Value, Arc<Table>)>> = const { std::cell::RefCell::new(None) };
}

/// `key`'s words in `table`, or the key itself: a table holds every key of
/// every language file, and `Strings::get` answers with the key when no file
/// has it.
fn words_in(table: &Table, key: &str) -> Value {
    table.get(key).cloned().unwrap_or_else(|| Value::from(key))
}

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
    #[cfg(test)]
    fn get(&self, lang: &str, key: &str) -> Value {
        words_in(&self.table(lang), key)
    }

    /// The words for `key` in the language of the page being rendered (see
    /// [`with_page_language`]). The table a page's own `lang` chose is
    /// kept for the next call on this thread with the same page value, which
    /// then need not read `lang` again (a page value never changes).
    pub(super) fn get_in(&self, state: &minijinja::State, key: &str) -> Value {
        let page = state.lookup("page").filter(|p| p.as_object().is_some());
        let me = std::ptr::from_ref(self) as usize;
        if let Some(page) = &page {
            let kept = LAST.with_borrow(|last| {
                last.as_ref()
                    .filter(|(owner, kept, _)| {
                        *owner == me && minijinja::tests::is_sameas(kept, page)
                    })
                    .map(|(_, _, table)| Arc::clone(table))
            });
            if let Some(table) = kept {
                return words_in(&table, key);
            }
        }
        let table = with_page_language(state, |lang| self.table(lang));
        let own = page.as_ref().is_some_and(|p| {
            p.get_attr("lang")
                .ok()
                .is_some_and(|l| l.as_str().is_some_and(|l| !l.is_empty()))
        });
        if let (Some(page), true) = (page, own) {
            LAST.set(Some((me, page, Arc::clone(&table))));
        }
        words_in(&table, key)
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

/// Calls `f` with the language of the page being rendered: its own, else the
/// site's (as text; empty when neither is set). A string is lent, not copied.
pub(super) fn with_page_language<R>(state: &minijinja::State, f: impl FnOnce(&str) -> R) -> R {
    let attr = |object: &str, name: &str| {
        state
            .lookup(object)
            .and_then(|v| v.get_attr(name).ok())
            .filter(|v| !v.is_undefined() && !v.is_none())
    };
    fn text(value: &minijinja::Value) -> Cow<'_, str> {
        match value.as_str() {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(value.to_string()),
        }
    }
    let page = attr("page", "lang");
    let site;
    let lang = match page.as_ref().map(text).filter(|l| !l.is_empty()) {
        Some(lang) => lang,
        None => {
            site = attr("site", "language");
            site.as_ref().map(text).unwrap_or_default()
        }
    };
    f(&lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings {
        Strings::from_pairs(&[
            (
                "en",
                &[("a", "A en"), ("b", "B en"), ("c", "C en"), ("", "empty")],
            ),
            ("pl", &[("a", "A pl"), ("d", "D pl")]),
            ("pa-arab", &[("b", "B pa-arab")]),
            ("pa", &[("a", "A pa"), ("b", "B pa")]),
        ])
    }

    /// The language is the page's own, else the site's, read again whenever
    /// `page` names another value (a loop over pages, a second render).
    #[test]
    fn follows_the_page_in_scope() -> Result<(), minijinja::Error> {
        let words = Arc::new(Words::new(Arc::new(strings())));
        let mut env = minijinja::Environment::new();
        let w = Arc::clone(&words);
        env.add_function("t", move |state: &minijinja::State, key: String| {
            w.get_in(state, &key)
        });
        env.add_template(
            "t.html",
            "{{ t('a') }}|{% for page in pages %}{{ t('a') }}/{{ t('b') }}|{% endfor %}{{ t('a') }}|{{ t('zz') }}",
        )?;
        let page = |lang: &str| minijinja::context! { lang => lang };
        let render = |lang: &str| {
            env.get_template("t.html")?.render(minijinja::context! {
                site => minijinja::context! { language => "en" },
                page => page(lang),
                pages => vec![page("pa-Arab"), page(""), page(lang)],
            })
        };
        assert_eq!(
            render("pl")?,
            "A pl|A pa/B pa-arab|A en/B en|A pl/B en|A pl|zz"
        );
        assert_eq!(
            render("")?,
            "A en|A pa/B pa-arab|A en/B en|A en/B en|A en|zz"
        );
        assert_eq!(
            render("pl")?,
            "A pl|A pa/B pa-arab|A en/B en|A pl/B en|A pl|zz"
        );
        Ok(())
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
