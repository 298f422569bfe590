//! The first steps of a build: settings and theme, content, and the environment
//! Markdown is rendered in (static files, the glossaries, the asset table, images
//! and the key that says whether last build's Markdown results still hold).
//!
//! Part of `site`: each step is a function called from the recipe in `mod.rs`,
//! returning a small struct. Nothing here renders a page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::cache::{self, BuildCache};
use super::{BuildOptions, extras};
use crate::assets::AssetTable;
use crate::config::Config;
use crate::content::{self, Content, LoadOptions};
use crate::error::{Diagnostic, Error};
use crate::images::Images;
use crate::output::{Output, OutputFile};
use crate::render::Renderer;
use crate::render::views::{LinkView, ReportView, SiteView};
use crate::theme::Theme;

/// The settings, the theme and its templates.
pub(super) struct Settings {
    /// `site.yaml`, with the build's overrides.
    pub(super) config: Config,
    /// The theme.
    pub(super) theme: Theme,
    /// Its templates, compiled.
    pub(super) renderer: Renderer,
    /// The [`cache::renderer_key`] of the theme they were compiled from.
    pub(super) renderer_key: u64,
    /// The last build's order of sections and terms, where this build's sorts
    /// start (see `Model::after`).
    pub(super) last_model: Option<super::model::Model>,
    /// The last build's page signatures, which this build's start from (see
    /// `Keys::new`).
    pub(super) last_keys: Option<super::keys::Keys>,
    /// The date the build treats as today.
    pub(super) today: jiff::civil::Date,
    /// Placeholder findings in `site.yaml`.
    pub(super) diagnostics: Vec<Diagnostic>,
}

/// Reads `site.yaml` and the theme, and compiles the templates, unless `cache`
/// kept them compiled from the same theme files.
pub(super) fn settings(options: &BuildOptions, cache: &mut BuildCache) -> Result<Settings, Error> {
    let today = options
        .today
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let mut config = Config::load(&options.root)?;
    crate::output::check_cache_folder(&options.root)?;
    config.apply_overrides(options.base_url.as_deref());
    let theme = Theme::load(&options.root, &config.theme)?;
    let key = cache::renderer_key(&theme);
    let renderer = match cache.renderer.take() {
        Some(cache::KeptRenderer(kept, renderer)) if kept == key => renderer,
        _ => Renderer::new(&theme).map_err(Error::Site)?,
    };
    let mut diagnostics = Vec::new();
    crate::paths::device_names(
        Path::new(""),
        theme.files_on_disk.iter().map(PathBuf::as_path),
        crate::paths::Renaming {
            file: "then change the name wherever a template, a page or a link names it",
            folder: "then change the name wherever a template, a page or a link names a file in it",
        },
        &mut diagnostics,
    );
    if let Ok(text) = crate::paths::read_text(&options.root.join(crate::config::CONFIG_FILE)) {
        crate::check::placeholders::check_settings(
            &text,
            Path::new(crate::config::CONFIG_FILE),
            &mut diagnostics,
        );
        crate::check::check_settings_values(
            &text,
            Path::new(crate::config::CONFIG_FILE),
            &mut diagnostics,
        );
        crate::check::concern_words::check(&text, &config, renderer.strings(), &mut diagnostics);
        let file = Path::new(crate::config::CONFIG_FILE);
        let mut cut = Vec::new();
        crate::yaml::cut_values(&text, file, 1, crate::rules::CONFIG, &mut cut);
        crate::yaml::curly_quoted_values(&text, file, 1, crate::rules::CONFIG, &mut cut);
        // The errors among them stopped `Config::load` already.
        diagnostics.extend(cut.into_iter().filter(|d| !d.is_error()));
    }
    Ok(Settings {
        config,
        theme,
        renderer,
        renderer_key: key,
        last_model: cache.model.take(),
        last_keys: cache.keys.take(),
        today,
        diagnostics,
    })
}

/// Loads `content/`, rereading only changed files when `cache` kept the rest.
pub(super) fn load_content(
    options: &BuildOptions,
    config: &Config,
    cache: &mut BuildCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Content, Error> {
    let load = LoadOptions {
        root: &options.root,
        drafts: options.drafts,
        internal: options.internal,
        taxonomies: &config.taxonomies,
        languages: &config.translation_codes(),
        language: &config.language,
    };
    content::load_with(&load, &mut cache.load, diagnostics)
}

/// What Markdown is rendered in.
pub(super) struct Environment {
    /// The output so far: static files, content files, highlighting and brand CSS.
    pub(super) output: Output,
    /// The site's glossary.
    pub(super) glossary: BTreeMap<String, String>,
    /// The glossary of each language but the default, by code.
    pub(super) language_glossaries: BTreeMap<String, BTreeMap<String, String>>,
    /// Static files and their fingerprinted names.
    pub(super) assets: Arc<AssetTable>,
    /// The site's raster images.
    pub(super) images: Arc<Images>,
    /// Output paths links may point at.
    pub(super) files: Vec<String>,
    /// Changes whenever anything a page's Markdown result depends on, besides its
    /// own text, changes.
    pub(super) key: u64,
    /// The office documents copied that hold more than their pages show.
    pub(super) documents: Vec<super::documents::Held>,
}

/// Gathers the static files, the glossaries, the asset table and the images,
/// and works out the environment key.
pub(super) fn environment(
    options: &BuildOptions,
    settings: &mut Settings,
    content: &Content,
    cache: &mut BuildCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> Environment {
    let config = &settings.config;
    let mut output = Output::new();
    let kept = cache.take_static_walk();
    cache.static_walk = super::static_files::copy(
        &config.root,
        &settings.theme,
        &mut output,
        kept,
        diagnostics,
    );
    for asset in &content.assets {
        let root = &config.root;
        let other = match output.get(&asset.path) {
            Some(OutputFile::Copy(other)) => Some(shown(other, root).display().to_string()),
            Some(_) => Some("the theme's own file".to_owned()),
            None => None,
        };
        if let Some(other) = other {
            diagnostics.push(same_address(
                &shown(&asset.source, root),
                &other,
                &asset.path,
            ));
        }
        output.insert(asset.path.clone(), OutputFile::Copy(asset.source.clone()));
    }
    let glossary = match crate::glossary::load(&options.root, diagnostics) {
        Ok(g) => g,
        Err(d) => {
            diagnostics.push(*d);
            Default::default()
        }
    };
    let mut language_glossaries = BTreeMap::new();
    for code in config.translation_codes() {
        match crate::glossary::load_language(&options.root, &code, diagnostics) {
            Ok(g) => {
                language_glossaries.insert(code, g);
            }
            Err(d) => diagnostics.push(*d),
        }
    }
    output.insert(
        "css/highlight.css",
        OutputFile::Bytes(crate::markdown::highlight_css().into_bytes().into()),
    );
    for key in crate::images::svg::clean_output(&mut output) {
        diagnostics.push(
            Diagnostic::warning(
                crate::rules::IMAGE_BROKEN,
                &key,
                "this SVG file is not UTF-8 text, so it is published empty",
            )
            .help("open it in a drawing program and save it again as SVG"),
        );
    }
    let documents = super::documents::check(&config.root, &output, &mut cache.documents);
    // Before the asset table, so that the brand stylesheet is fingerprinted too.
    extras::add_brand(config, &mut output, diagnostics);
    let assets = Arc::new(AssetTable::new(
        &output,
        &config.base_path(),
        options.fingerprint,
    ));
    assets.prime(&cache.assets);
    settings.renderer.use_assets(assets.clone());
    let files: Vec<String> = output.paths().map(str::to_owned).collect();
    let images = Arc::new(Images::new(
        &options.root,
        &config.base_path(),
        &output,
        cache.images.clone(),
    ));
    // The one walk of `data/` in a build: for the key, and for names Windows keeps.
    let data = super::data_walk::data_entries(&options.root);
    crate::paths::device_names(
        Path::new(""),
        data.iter()
            .filter(|e| e.is_file)
            .map(|e| e.path.strip_prefix(&options.root).unwrap_or(&e.path)),
        crate::paths::Renaming {
            file: "then change the name wherever a template or a shortcode reads it",
            folder: "then change the name wherever a template or a shortcode reads a file in it",
        },
        diagnostics,
    );
    let key = images.environment_key(cache::environment_key(&cache::Environment {
        content,
        files: &files,
        glossary: &glossary,
        language_glossaries: &language_glossaries,
        allow_html: config.allow_html,
        language: &config.language,
        not_abbreviations: &config.not_abbreviations,
        base_path: &config.base_path(),
        theme: &settings.theme,
        data: &data,
    }));
    Environment {
        output,
        glossary,
        language_glossaries,
        assets,
        images,
        files,
        key,
        documents,
    }
}

/// What templates see of the settings. Menu links into an internal section left
/// out of this build are dropped, so a public page never links to it.
pub(super) fn site_view(
    config: &Config,
    strings: &crate::strings::Strings,
    output: &Output,
    left_out: &[String],
) -> SiteView {
    let base_path = config.base_path();
    // Every `href` from settings is made here: a site path under the base
    // path, a phone number as it is dialled.
    let link = |url: &str| {
        if url.starts_with('/') {
            format!("{base_path}{}", url.trim_start_matches('/'))
        } else {
            crate::urls::tel_href(url).into_owned()
        }
    };
    let hidden = |url: &str| {
        let path = url.strip_prefix('/').unwrap_or_default();
        left_out
            .iter()
            .any(|l| path == l.as_str() || path.starts_with(l.as_str()) || format!("{path}/") == *l)
    };
    let menu = |items: &[crate::config::MenuItem]| {
        items
            .iter()
            .filter(|m| !hidden(&m.url))
            .map(|m| LinkView {
                title: m.name.clone(),
                url: link(&m.url),
                current: false,
            })
            .collect()
    };
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        base_url: config.base_url.clone(),
        base_path: base_path.clone(),
        menu: menu(&config.menu),
        footer_menu: menu(&config.footer_menu),
        report_concern: config.report_concern.as_ref().map(|r| {
            // The languages whose pages may show the theme's words for `value`.
            let theme_in = |key: &str, value: &str| {
                config
                    .languages
                    .iter()
                    .skip(1)
                    .filter(|l| strings.translates(&l.code, &config.language, key, value))
                    .map(|l| l.code.to_ascii_lowercase())
                    .collect()
            };
            ReportView {
                text: r.text.clone(),
                url: link(&r.url),
                note: r.note.clone(),
                theme_text_in: theme_in("report_concern", &r.text),
                theme_note_in: r
                    .note
                    .as_deref()
                    .map(|note| theme_in("report_concern_note", note))
                    .unwrap_or_default(),
            }
        }),
        contact: config.contact.clone(),
        taxonomies: config.taxonomies.clone(),
        extra: config.extra.clone(),
        brand: config.brand.clone(),
        quick_exit: config.quick_exit.clone().map(|mut q| {
            // A section's translations are under their language's folder.
            let folders: Vec<String> = std::iter::once(String::new())
                .chain(
                    config
                        .languages
                        .iter()
                        .skip(1)
                        .map(|l| format!("{}/", l.url_prefix())),
                )
                .collect();
            let base_path = &base_path;
            q.paths = q
                .sections
                .iter()
                .flat_map(|s| folders.iter().map(move |f| format!("{base_path}{f}{s}/")))
                .collect();
            q
        }),
        stylesheets: [
            config.brand.colour.as_ref().map(|_| extras::BRAND_CSS),
            output
                .contains(extras::CUSTOM_CSS)
                .then_some(extras::CUSTOM_CSS),
        ]
        .into_iter()
        .flatten()
        .map(str::to_owned)
        .collect(),
        dir: config.language_of(None).dir.as_str(),
        languages: config.languages.clone(),
    }
}

/// `path` from the site folder `root`, as messages name it.
fn shown(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The error for a file of `content/` (`file`) published at `path`, where
/// `other` (a file of `static/` or the theme) is published too: one would
/// replace the other.
fn same_address(file: &Path, other: &str, path: &str) -> Diagnostic {
    Diagnostic::error(
        crate::rules::DUPLICATE_URL,
        file,
        format!(
            "this file has the address /{path}, as {other} has, and only one can be published there"
        ),
    )
    .help("rename or move one of them, so each address has one file")
}
