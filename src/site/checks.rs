//! The checking steps of a build: the content checks over every rendered page
//! (with the attachments they look at), and the site checks once the output is
//! complete.
//!
//! Part of `site`: each step is a function called from the recipe in `mod.rs`.
//! The rules themselves live in `crate::check`.

use std::path::Path;

use super::attachments;
use super::origins;
use super::prepare::Settings;
use crate::content::{Content, SiteLinks};
use crate::error::Diagnostic;
use crate::markdown::Rendered;
use crate::output::Output;
use crate::render::views::AttachmentView;

/// What the content checks found besides their diagnostics.
pub(super) struct Checked {
    /// Each page's attachments, same index as `content.pages`.
    pub(super) attachments: Vec<Vec<AttachmentView>>,
    /// The median reading grade of pages with enough prose to judge.
    pub(super) median_grade: Option<f64>,
}

/// Resolves every page's attachments and runs the page rules.
pub(super) fn check_content(
    settings: &Settings,
    content: &Content,
    rendered: &[Rendered],
    diagnostics: &mut Vec<Diagnostic>,
) -> Checked {
    let config = &settings.config;
    let attachments = attachments::resolve(content, &config.root, &config.base_path(), diagnostics);
    let checked = crate::check::check_pages(&crate::check::PagesInput {
        content,
        rendered,
        reading_grade: config.reading_grade,
        language: &config.language,
        today: settings.today,
    });
    diagnostics.extend(checked.diagnostics);
    Checked {
        attachments,
        median_grade: checked.median_grade,
    }
}

/// The checks that need the finished output: addresses in `site.yaml`, image
/// sizes, and files whose address the build could not use.
pub(super) fn check_site(
    settings: &Settings,
    content: &Content,
    links: &SiteLinks,
    rendered: &[Rendered],
    output: &Output,
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let config = &settings.config;
    crate::check::check_settings(config, links, output, diagnostics);
    crate::check::check_image_sizes(content, rendered, output, &config.base_path(), diagnostics);
    origins::rejected(content, output, root, diagnostics);
}
