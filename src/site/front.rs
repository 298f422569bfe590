//! The parts of the pages' views that front matter alone gives (no page's
//! Markdown result): the model, the site view and the alternates. Made before
//! the Markdown stage, in which `plainsite build` draws each content page (see
//! `early.rs`); [`super::render_files::views`] adds what needs every page's
//! rendering.
//!
//! Part of `site`: one step of the recipe in `build.rs`.

use super::alternates::Alternates;
use super::model::Model;
use super::prepare::{Environment, Settings, site_view};
use crate::content::{Content, SiteLinks};
use crate::error::Diagnostic;
use crate::render::views::SiteView;

/// The parts of the views that front matter alone gives (no page's Markdown
/// result): made before the Markdown stage, in which `build` draws each
/// content page.
pub(super) struct FrontViews {
    /// Order, pagination and taxonomies.
    pub(super) model: Model,
    /// What every template sees of the site.
    pub(super) site: SiteView,
    /// Translations and Easy Read versions.
    pub(super) alternates: Alternates,
}

/// Works out the model (its sorts starting from the last build's order), the
/// site view and the alternates.
pub(super) fn front_views(
    settings: &Settings,
    content: &Content,
    links: &SiteLinks,
    env: &Environment,
    diagnostics: &mut Vec<Diagnostic>,
) -> FrontViews {
    let config = &settings.config;
    let alternates = Alternates::new(content, config, links, diagnostics);
    settings
        .renderer
        .strings()
        .missing(&config.languages, diagnostics);
    let last = settings.last_model.as_ref();
    FrontViews {
        model: Model::after(content, &config.taxonomies, settings.today, last),
        site: site_view(
            config,
            settings.renderer.strings(),
            &env.output,
            &content.left_out,
        ),
        alternates,
    }
}
