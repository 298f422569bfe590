//! The kind of pages a new section holds: `page_kind:` in its `_index.md`, given
//! with `plainsite new section NAME --kind events`, or taken from the section's
//! name when it is one the theme has an archetype for (`events`, `briefings`), so
//! that the pages `new` makes there and the section's own setting agree.
//!
//! Part of [`crate::new`].

use crate::content::PageKind;

/// The archetype for sections of 7-minute briefings that have none of their own.
pub const BRIEFING_ARCHETYPE: &str = "briefings";

/// The archetype for a page in a section of events (`page_kind: events`).
pub const EVENTS_ARCHETYPE: &str = "events";

/// What `plainsite new section` is told of the pages a new section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Holds {
    /// The kind the section's name gives, if any ([`kind_for_name`]).
    #[default]
    ByName,
    /// Pages of this kind.
    Kind(PageKind),
    /// Ordinary pages, whatever the name.
    Plain,
}

impl Holds {
    /// The kind a section called `slug` is given.
    pub fn for_section(self, slug: &str) -> Option<PageKind> {
        match self {
            Holds::ByName => kind_for_name(slug),
            Holds::Kind(kind) => Some(kind),
            Holds::Plain => None,
        }
    }
}

/// The kind a section called `slug` holds when none is given: the kind whose
/// archetype `new` would take for its pages by the folder's name.
pub fn kind_for_name(slug: &str) -> Option<PageKind> {
    match slug {
        EVENTS_ARCHETYPE => Some(PageKind::Events),
        BRIEFING_ARCHETYPE => Some(PageKind::Briefing),
        _ => None,
    }
}

/// The kind a section called `slug` may well hold, from a word in its name
/// (`events-2027`, `training-courses`, `7-minute-briefings`), when the name is
/// not exactly one [`kind_for_name`] knows: too loose a guess to set, but worth
/// a tip after `plainsite new section`.
pub fn kind_hinted_by(slug: &str) -> Option<PageKind> {
    if kind_for_name(slug).is_some() {
        return None;
    }
    let has = |word: &str| slug.split('-').any(|part| part.starts_with(word));
    if has("event") || has("training") || has("course") || has("workshop") {
        Some(PageKind::Events)
    } else if has("briefing") {
        Some(PageKind::Briefing)
    } else {
        None
    }
}

/// What `page_kind:` is set to for `kind`, as front matter spells it.
pub fn setting(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Briefing => "briefing",
        PageKind::Events => "events",
        PageKind::EasyRead => "easy_read",
    }
}

/// `text`, a filled section archetype, with `page_kind: <kind>` as the last line
/// of its front matter (unless it sets one already). Text with no front matter is
/// given one.
pub(super) fn with_page_kind(text: &str, kind: PageKind) -> String {
    let line = format!("page_kind: {}\n", setting(kind));
    let Some(rest) = text.strip_prefix("---\n") else {
        return format!("---\n{line}---\n\n{text}");
    };
    let Some(end) = rest.find("\n---").map(|i| i + 1) else {
        return format!("---\n{line}---\n\n{text}");
    };
    let (front, after) = rest.split_at(end);
    if front.lines().any(|l| l.starts_with("page_kind:")) {
        return text.to_owned();
    }
    format!("---\n{front}{line}{after}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_in_the_name_hints_at_a_kind_it_does_not_set() {
        for (slug, kind) in [
            ("events-2027", Some(PageKind::Events)),
            ("training-courses", Some(PageKind::Events)),
            ("our-workshops", Some(PageKind::Events)),
            ("7-minute-briefings", Some(PageKind::Briefing)),
            ("events", None),
            ("about-us", None),
            ("preventing-harm", None),
        ] {
            assert_eq!(kind_hinted_by(slug), kind, "{slug}");
        }
    }

    #[test]
    fn the_setting_goes_last_in_the_front_matter() {
        let made = with_page_kind("---\ntitle: Events\n---\n\nText\n", PageKind::Events);
        assert_eq!(made, "---\ntitle: Events\npage_kind: events\n---\n\nText\n");
        let kept = with_page_kind("---\npage_kind: briefing\n---\n", PageKind::Events);
        assert_eq!(kept, "---\npage_kind: briefing\n---\n");
        let bare = with_page_kind("Text\n", PageKind::Briefing);
        assert_eq!(bare, "---\npage_kind: briefing\n---\n\nText\n");
    }

    #[test]
    fn a_kind_given_wins_over_the_name() {
        assert_eq!(Holds::Plain.for_section("events"), None);
        assert_eq!(
            Holds::Kind(PageKind::Events).for_section("training"),
            Some(PageKind::Events)
        );
        assert_eq!(Holds::ByName.for_section("events"), Some(PageKind::Events));
    }

    #[test]
    fn only_the_archetype_names_give_a_kind() {
        assert_eq!(kind_for_name("events"), Some(PageKind::Events));
        assert_eq!(kind_for_name("briefings"), Some(PageKind::Briefing));
        assert_eq!(kind_for_name("training-resources"), None);
        assert_eq!(kind_for_name("news"), None);
    }
}
