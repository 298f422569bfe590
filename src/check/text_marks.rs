//! What a rule reading a text for marks (`]`, `{`) carries along, so that it
//! reads the text once, for rules `not-a-link`, `template-code` and
//! `lang-marker`.
//!
//! Such a rule asks, at each mark, where the `[` before it is, how many
//! characters come before it, and where the next closer (`}}`) is. Asked of the
//! text each time, from its start or to its end, that is time that grows with
//! the square of the text's length on a long line of marks. [`TextMarks`]
//! reads the text once, forward, and carries the answers along; [`Closers`]
//! keeps what its last search for each closer found.

/// The marks of a text node, read from its start on to a mark.
#[derive(Debug, Default)]
pub(super) struct TextMarks {
    /// The bytes read, and the characters in them.
    byte: usize,
    chars: usize,
    /// The last `[` in them, as a byte and the characters before it.
    open: Option<(usize, usize)>,
    /// The last `]` in them.
    shut: Option<usize>,
}

impl TextMarks {
    /// Reads `text` on to byte `at` (a mark, which is not read).
    pub(super) fn up_to(&mut self, text: &str, at: usize) {
        let bytes = text.as_bytes().get(self.byte..at).unwrap_or_default();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'[' => self.open = Some((self.byte + i, self.chars)),
                b']' => self.shut = Some(self.byte + i),
                _ => {}
            }
            // A character starts at every byte but those that go on one.
            if b & 0xc0 != 0x80 {
                self.chars += 1;
            }
        }
        self.byte = self.byte.max(at);
    }

    /// The last `[` read, as a byte.
    pub(super) fn last_open(&self) -> Option<usize> {
        self.open.map(|(o, _)| o)
    }

    /// The `[` of the words before the `]` read up to (the last `[`, when no
    /// `]` is after it), as a byte and the characters before it.
    pub(super) fn words_open(&self) -> Option<(usize, usize)> {
        self.open.filter(|&(o, _)| self.shut.is_none_or(|s| s < o))
    }

    /// The characters read.
    pub(super) fn chars(&self) -> usize {
        self.chars
    }
}

/// Where the next closer (`}}`, `%}`) is after each of many openers in one
/// text: the last search for each closer is kept, with where it started and
/// what it found, so that the next search from within that span needs no
/// reading. A text of openers with no closer is then read once.
#[derive(Debug, Default)]
pub(super) struct Closers {
    /// What the searches are in (a line's number), for [`Closers::of`].
    of: usize,
    /// For each closer: the byte its last search started at, and the byte it
    /// found it at.
    found: Vec<(&'static str, usize, Option<usize>)>,
}

impl Closers {
    /// The searches in `of`, kept while they are of the same, else none.
    pub(super) fn of(&mut self, of: usize) -> &mut Closers {
        if self.of != of {
            *self = Closers {
                of,
                found: Vec::new(),
            };
        }
        self
    }

    /// The byte of `text` at which `closer` is first at or after byte `from`.
    pub(super) fn find(&mut self, text: &str, from: usize, closer: &'static str) -> Option<usize> {
        let last = self.found.iter().position(|(c, ..)| *c == closer);
        if let Some(&(_, start, at)) = last.and_then(|i| self.found.get(i))
            && start <= from
            && at.is_none_or(|at| at >= from)
        {
            // None between `start` and `at`, so none between `from` and `at`.
            return at;
        }
        let at = text
            .get(from..)
            .and_then(|t| t.find(closer))
            .map(|i| from + i);
        match last.and_then(|i| self.found.get_mut(i)) {
            Some(kept) => *kept = (closer, from, at),
            None => self.found.push((closer, from, at)),
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_text_read_forward_gives_what_reading_it_from_the_start_gives(
            text in "[\\[\\]aé ]{0,20}",
            asked in proptest::collection::vec(proptest::bool::ANY, 20),
        ) {
            let mut read = TextMarks::default();
            let closes = text.match_indices(']').map(|(i, _)| i);
            for (close, _) in closes.zip(asked).filter(|(_, asked)| *asked) {
                read.up_to(&text, close);
                let open = text[..close]
                    .rfind('[')
                    .filter(|&o| !text[o + 1..close].contains(']'))
                    .map(|o| (o, text[..o].chars().count()));
                proptest::prop_assert_eq!(read.words_open(), open);
                proptest::prop_assert_eq!(read.chars(), text[..close].chars().count());
            }
        }

        #[test]
        fn a_closer_is_found_where_a_search_from_there_finds_it(
            text in "[{}%a]{0,20}",
            froms in proptest::collection::vec(0usize..22, 0..12),
        ) {
            let mut closers = Closers::default();
            for from in froms {
                for closer in ["}}", "%}"] {
                    let found = text.get(from..).and_then(|t| t.find(closer)).map(|i| from + i);
                    proptest::prop_assert_eq!(closers.find(&text, from, closer), found);
                }
            }
        }
    }
}
