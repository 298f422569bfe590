//! Training and events in the build: each event's view (when, where, booking,
//! its `.ics` and schema.org data), the calendar files and the past events page.
//!
//! Runs after the model (which split each `page_kind: events` section into
//! upcoming and past at the build date) and before pages are rendered, which show
//! the views. Writes `<event>/<slug>.ics` for every event and
//! `<section>/events.ics` for every events section. Times and text come from
//! `crate::events`; nothing here renders templates.

use super::alternates::Alternates;
use super::model::{Model, is_past};
use crate::config::Config;
use crate::content::{Content, PageKind};
use crate::events::{
    EventMeta, EventView, IcsEvent, OnlineWords, WhenWords, describe, ics, json_ld,
};
use crate::markdown::Rendered;
use crate::render::views::{EventsNav, LinkView};
use crate::strings::Strings;

/// Event views by page index, and the calendar files to write.
#[derive(Debug, Default)]
pub(crate) struct Events {
    /// Same index as `Content::pages`; `Some` for every page with a `start`.
    pub(crate) views: Vec<Option<EventView>>,
    /// Output path and text of each `.ics` file.
    pub(crate) files: Vec<(String, String)>,
}

/// What every event's view is made from: the site, its pages, the theme's
/// words and the build date.
#[derive(Clone, Copy)]
pub(crate) struct EventSite<'a> {
    pub(crate) config: &'a Config,
    pub(crate) content: &'a Content,
    pub(crate) strings: &'a Strings,
    pub(crate) today: jiff::civil::Date,
}

impl EventSite<'_> {
    /// The language of page `i`.
    fn lang(&self, i: usize) -> &str {
        self.content.pages[i]
            .lang
            .as_deref()
            .unwrap_or(&self.config.language)
    }

    /// The words that say page `i`'s event is online, in the page's language.
    fn online_words(&self, i: usize) -> OnlineWords<'_> {
        let lang = self.lang(i);
        OnlineWords {
            online: self.strings.get(lang, "event_online"),
            and_online: self.strings.get(lang, "event_and_online"),
        }
    }

    /// When page `i`'s event is, in words in the page's language.
    fn when(&self, i: usize, meta: &EventMeta) -> String {
        let lang = self.lang(i);
        let word = |key| self.strings.get(lang, key);
        let date = |d| self.strings.date(lang, d);
        let words = WhenWords {
            weekdays: WEEKDAYS.map(word),
            day_time: word("event_day_time"),
            range: word("event_range"),
            twelve_hour: matches!(word("event_clock").trim(), "12" | "12h"),
            date: &date,
        };
        describe(&meta.start, meta.end.as_ref(), &words)
    }

    /// The view of page `i`'s event `one`.
    fn view(&self, i: usize, one: &IcsEvent<'_>) -> EventView {
        let meta = one.meta;
        let path = &self.content.pages[i].path;
        EventView {
            start_iso: meta.start.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            end_iso: meta
                .end
                .as_ref()
                .map(|e| e.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()),
            when: self.when(i, meta),
            location: crate::events::place(meta.location.as_deref(), meta.online, one.online_words),
            online: meta.online,
            booking_url: meta.booking_url.clone(),
            audience: meta.audience.clone(),
            places: meta.places,
            ics_url: format!("{}{path}{}", self.config.base_path(), ics_name(path)),
            past: is_past(self.content, i, self.today),
            json_ld: json_ld(one, &self.config.title),
        }
    }
}

/// The theme's names of the days of the week, Monday first.
const WEEKDAYS: [&str; 7] = [
    "weekday_1",
    "weekday_2",
    "weekday_3",
    "weekday_4",
    "weekday_5",
    "weekday_6",
    "weekday_7",
];

/// The name of an events section's calendar feed.
pub(crate) const CALENDAR_FILE: &str = "events.ics";

impl Events {
    /// Makes every event's view and the calendar files: one per event, and one
    /// per events section and per translation of one (its events that have a
    /// version in its language, in theirs).
    pub(crate) fn plan(
        site: EventSite<'_>,
        model: &Model,
        rendered: &[Rendered],
        alternates: &Alternates,
    ) -> Events {
        let EventSite {
            config,
            content,
            today,
            ..
        } = site;
        let mut events = Events {
            views: vec![None; content.pages.len()],
            files: Vec::new(),
        };
        let url = |i: usize| format!("{}{}", config.base_url, content.pages[i].path);
        let description = |i: usize| {
            content.pages[i]
                .meta
                .description
                .clone()
                .unwrap_or_else(|| rendered[i].summary.clone())
        };
        for (i, page) in content.pages.iter().enumerate() {
            let Some(meta) = &page.meta.event else {
                continue;
            };
            let permalink = url(i);
            let text = description(i);
            let one = IcsEvent {
                url: &permalink,
                title: &page.meta.title,
                description: &text,
                meta,
                online_words: site.online_words(i),
            };
            let file = format!("{}{}", page.path, ics_name(&page.path));
            events.files.push((
                file.clone(),
                ics(&page.meta.title, std::slice::from_ref(&one), today),
            ));
            events.views[i] = Some(site.view(i, &one));
        }
        for (s, section) in content.sections.iter().enumerate() {
            if content.pages[section.index].meta.page_kind != Some(PageKind::Events) {
                continue;
            }
            let mut all: Vec<usize> = model.ordered[s].clone();
            all.extend(model.past[s].iter().rev());
            let group = alternates.group(section.index);
            let versions = std::iter::once(section.index)
                .chain(group.iter().copied().filter(|&t| t != section.index));
            for t in versions {
                let sp = &content.pages[t];
                let listed: Vec<usize> = match sp.lang.as_deref() {
                    Some(lang) => all
                        .iter()
                        .filter_map(|&j| alternates.version_in(content, j, lang))
                        .collect(),
                    None => all.clone(),
                };
                let urls: Vec<String> = listed.iter().map(|&i| url(i)).collect();
                let texts: Vec<String> = listed.iter().map(|&i| description(i)).collect();
                let entries: Vec<IcsEvent<'_>> = listed
                    .iter()
                    .zip(urls.iter().zip(&texts))
                    .filter_map(|(&i, (u, t))| {
                        Some(IcsEvent {
                            url: u,
                            title: &content.pages[i].meta.title,
                            description: t,
                            meta: content.pages[i].meta.event.as_ref()?,
                            online_words: site.online_words(i),
                        })
                    })
                    .collect();
                let name = format!("{} – {}", sp.meta.title, config.title);
                events.files.push((
                    format!("{}{CALENDAR_FILE}", sp.path),
                    ics(&name, &entries, today),
                ));
            }
        }
        events
    }

    /// The view of page `i`'s event (`None` when it has none), for a page drawn
    /// before the others are rendered: `description` is its description, or
    /// else its summary, as [`Events::plan`] gives it.
    pub(crate) fn view_of(site: EventSite<'_>, i: usize, description: &str) -> Option<EventView> {
        let page = site.content.pages.get(i)?;
        let permalink = format!("{}{}", site.config.base_url, page.path);
        let one = IcsEvent {
            url: &permalink,
            title: &page.meta.title,
            description,
            meta: page.meta.event.as_ref()?,
            online_words: site.online_words(i),
        };
        Some(site.view(i, &one))
    }

    /// The links an events section's listing pages show.
    pub(crate) fn nav(
        config: &Config,
        content: &Content,
        section_index: usize,
        past: bool,
        strings: &Strings,
    ) -> EventsNav {
        let sp = &content.pages[section_index];
        let lang = sp.lang.as_deref().unwrap_or(&config.language);
        let word = |key| strings.get(lang, key);
        let base = format!("{}{}", config.base_path(), sp.path);
        let link = |title: String, url: String, current: bool| LinkView {
            title,
            url,
            current,
        };
        EventsNav {
            upcoming: link(word("upcoming_events").to_owned(), base.clone(), !past),
            past: link(
                word("past_events").to_owned(),
                format!("{}{}", config.base_path(), past_path(&sp.path)),
                past,
            ),
            calendar: link(
                word("calendar_of").replace("{section}", &sp.meta.title),
                format!("{base}{CALENDAR_FILE}"),
                false,
            ),
            showing_past: past,
        }
    }
}

/// The folder of an events section's past events page.
const PAST_DIR: &str = "past";

/// The URL path (below the base) of the past events page of the events
/// section, or section translation, at `path`.
pub(crate) fn past_path(path: &str) -> String {
    format!("{path}{PAST_DIR}/")
}

/// The output path of the past events page of the listing at `path`.
pub(crate) fn past_out(path: &str) -> String {
    format!("{}index.html", past_path(path))
}

/// The `.ics` file name of the page at `path`: its last segment (`neglect-workshop.ics`).
fn ics_name(path: &str) -> String {
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    if last.is_empty() {
        "event.ics".to_owned()
    } else {
        format!("{last}.ics")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ics_files_are_named_after_the_page() {
        assert_eq!(
            ics_name("training/neglect-workshop/"),
            "neglect-workshop.ics"
        );
        assert_eq!(ics_name(""), "event.ics");
    }
}
