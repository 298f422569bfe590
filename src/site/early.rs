//! `plainsite build`'s Markdown stage: each content page is put through its
//! template, its search words read and its file staged as soon as its own
//! Markdown is rendered, so no page's HTML waits there for the others (at
//! 100,000 pages they came to about a gigabyte). A content page's view needs
//! nothing of another page's rendering: its own headings, summary and event,
//! and the front matter of its section, document, translations and topics
//! ([`FrontViews`], from `front.rs`). Sections, listings and print pages, which show other
//! pages' summaries and chapters, are drawn after, as in `serve`.
//!
//! Part of `site`: one step of the recipe in `build.rs`, for staged builds
//! only; `serve` renders and draws in separate stages and keeps both.

use super::cache::BuildCache;
use super::events::{EventSite, Events};
use super::feed_plan::Feeds;
use super::front::FrontViews;
use super::keys::Keys;
use super::markdown_pass::{self, MarkdownResults, Staged};
use super::plan::{EarlyPages, Stage};
use super::prepare::{Environment, Settings};
use super::print::PrintChapters;
use super::render_files::{self, ContextParts, Views};
use crate::content::{Content, SiteLinks};
use crate::error::Diagnostic;
use crate::markdown::Rendered;
use crate::output::{Spill, Staging};
use crate::render::views::AttachmentView;

/// What the early drawing reads besides settings and content.
pub(super) struct EarlyInputs<'a> {
    /// The staging folder each page's file is written into.
    pub(super) staging: &'a Staging,
    /// The scratch file print chapters go into.
    pub(super) spill: Option<&'a Spill>,
    /// Where the drawn pages are kept for the plan.
    pub(super) pages: &'a EarlyPages,
    /// Each page's attachments.
    pub(super) attachments: &'a [Vec<AttachmentView>],
    /// The environment (glossary, images, assets).
    pub(super) env: &'a Environment,
}

/// Renders every page's Markdown, drawing each content page as soon as its
/// Markdown is rendered (see the module docs), and gives the front views back
/// for the views made after. A content page's HTML is let go once drawn, but a
/// briefing's, which the briefing checks read after this stage.
pub(super) fn render_and_draw(
    settings: &Settings,
    content: &mut Content,
    links: SiteLinks,
    front: FrontViews,
    inputs: &EarlyInputs<'_>,
    cache: &mut BuildCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> (MarkdownResults, FrontViews) {
    // The pages are read while they are rendered; their Markdown is taken out
    // to be cut as it goes, and put back (cut) after.
    let mut texts: Vec<String> = content
        .pages
        .iter_mut()
        .map(|p| std::mem::take(&mut p.text))
        .collect();
    let views = early_views(front, settings, content);
    let md = {
        let content: &Content = content;
        let no_print = PrintChapters::default();
        let ctx = render_files::context(&ContextParts {
            settings,
            content,
            rendered: &[],
            views: &views,
            attachments: inputs.attachments,
            print: &no_print,
            glossary: &inputs.env.glossary,
            put_aside: None,
        });
        let stage = Stage {
            staging: inputs.staging,
            vocabulary: &inputs.pages.vocabulary,
            analysers: std::sync::Mutex::default(),
        };
        let today = settings.today;
        let draw = |i: usize, r: &mut Rendered, briefing: bool| {
            let page = &content.pages[i];
            // The event's view as `Events::plan` makes it, from this page alone.
            let event = page.meta.event.as_ref().and_then(|_| {
                let text = page.meta.description.as_deref().unwrap_or(&r.summary);
                let site = EventSite {
                    config: &settings.config,
                    content,
                    strings: settings.renderer.strings(),
                    today,
                };
                Events::view_of(site, i, text)
            });
            ctx.draw_page_now(i, r, event, (&stage, inputs.pages));
            if !briefing {
                r.html = Default::default();
            }
        };
        markdown_pass::render_markdown(
            settings,
            content,
            links,
            inputs.env,
            cache,
            Some(Staged {
                spill: inputs.spill,
                texts: &mut texts,
                draw: &draw,
            }),
            diagnostics,
        )
    };
    for (page, text) in content.pages.iter_mut().zip(texts) {
        page.text = text;
    }
    (md, front_of(views))
}

/// The views a content page drawn in the Markdown stage reads: the front
/// views, with the links to the feeds (their files need every page's
/// summary, so are made after), no events (each page's own is made with
/// it) and no keys (`build` keeps none).
fn early_views(front: FrontViews, settings: &Settings, content: &Content) -> Views {
    let feeds = Feeds::plan(
        &settings.config,
        content,
        &front,
        None,
        settings.renderer.strings(),
    );
    Views {
        model: front.model,
        site: front.site,
        feeds,
        events: Events::default(),
        alternates: front.alternates,
        keys: Keys::default(),
    }
}

/// The front views back from [`early_views`].
fn front_of(views: Views) -> FrontViews {
    FrontViews {
        model: views.model,
        site: views.site,
        alternates: views.alternates,
    }
}

/// Lets go of every content page's HTML (all drawn by now); the briefings'
/// was kept for the checks. Sections and their translations keep theirs for
/// their listing pages, drawn after.
pub(super) fn let_go_of_bodies(content: &Content, rendered: &mut [Rendered]) {
    for (page, r) in content.pages.iter().zip(rendered) {
        if !page.is_section && !page.translates_a_section() {
            r.html = Default::default();
            r.intro_html = Default::default();
        }
    }
}
