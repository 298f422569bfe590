//! The checking steps of a build: the attachments, found before the pages are
//! rendered; the content checks over every rendered page; and the site checks
//! once the output is complete.
//!
//! Part of `site`: each step is a function called from the recipe in `mod.rs`.
//! The rules themselves live in `crate::check`.

use std::path::{Path, PathBuf};

use super::attachments;
use super::documents::Held;
use super::origins;
use super::prepare::Settings;
use crate::content::{Content, SiteLinks};
use crate::error::Diagnostic;
use crate::markdown::Rendered;
use crate::output::Output;
use crate::render::views::AttachmentView;

/// Each page's attachments (same index as `content.pages`), found and checked
/// before the pages are rendered, which show them. An office document in
/// `documents` is reported at the page that attaches it, and its file is
/// added to `claimed`; [`documents`] reports the rest.
pub(super) fn attachments(
    settings: &Settings,
    content: &Content,
    (documents, claimed): (&[Held], &mut Vec<PathBuf>),
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Vec<AttachmentView>> {
    let config = &settings.config;
    attachments::resolve(
        content,
        &config.root,
        &config.base_path(),
        documents,
        claimed,
        diagnostics,
    )
}

/// Reports each office document in `documents` that holds more than its pages
/// show and no page attaches (those are in `claimed`): at each link to it in
/// the `rendered` pages, or else at its file.
pub(super) fn documents(
    settings: &Settings,
    content: &Content,
    rendered: &[Rendered],
    (documents, claimed): (&[Held], &[PathBuf]),
    diagnostics: &mut Vec<Diagnostic>,
) {
    let pages = (content.pages.as_slice(), rendered);
    let base_path = settings.config.base_path();
    super::documents::report(documents, claimed, pages, &base_path, diagnostics);
}

/// Runs the page rules; gives the median reading grade of pages with enough
/// prose to judge.
pub(super) fn check_content(
    settings: &Settings,
    content: &Content,
    rendered: &[Rendered],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<f64> {
    let config = &settings.config;
    let checked = crate::check::check_pages(&crate::check::PagesInput {
        content,
        rendered,
        reading_grade: config.reading_grade,
        language: &config.language,
        today: settings.today,
    });
    diagnostics.extend(checked.diagnostics);
    checked.median_grade
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
