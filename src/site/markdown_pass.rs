//! Rendering Markdown: every page (or its result kept from the last build), the
//! `#fragment` check across pages, the chapters of print pages, and the images
//! the pages show.
//!
//! Part of `site`: each step is a function called from the recipe in `mod.rs`.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::aside::Aside;
use super::cache::{BuildCache, CachedPage, KeptPages};
use super::model::Model;
use super::prepare::{Environment, Settings};
use super::print::{self, PrintChapters};
use crate::content::{Content, Page, SiteLinks};
use crate::error::Diagnostic;
use crate::markdown::{Chapter, Input, Markdown, MarkdownOptions, Rendered};
use crate::output::{OutputFile, Spill};

/// Every page's Markdown result.
pub(super) struct MarkdownResults {
    /// The links every page resolves against.
    pub(super) links: SiteLinks,
    /// The renderer, with the content checks, pictures and shortcodes.
    pub(super) markdown: Markdown,
    /// Same index as `content.pages`.
    pub(super) rendered: Vec<Rendered>,
    /// What was taken from the cache, same index; print chapters are taken next.
    /// Boxed: a build without a cache holds one word per page here, not a page's
    /// room.
    pub(super) reused: Vec<Option<Box<CachedPage>>>,
    /// How many pages' results were reused.
    pub(super) reused_pages: usize,
    /// The pages whose Markdown was rendered in this build, by index.
    pub(super) fresh: Vec<usize>,
    /// Each chapter's print rendering, made from the same parse as its page; same
    /// index, `None` for other pages and for pages reused from the cache.
    pub(super) chapters: Vec<Option<Rendered>>,
    /// Where print chapters were put into the scratch file, same index (empty
    /// without one).
    pub(super) aside: Vec<Aside>,
}

/// How many pages `build` renders before drawing them (see `render_markdown`):
/// enough to keep the templates' and search words' tables warm, few enough
/// that only a few dozen pages' HTML waits.
const DRAWN_TOGETHER: usize = 32;

/// Draws content page `i` (not a section) from its Markdown result, as soon as
/// it is rendered; told whether the page is a briefing.
pub(super) type DrawPage<'a> = dyn Fn(usize, &mut Rendered, bool) + Sync + 'a;

/// How `plainsite build` (which keeps nothing for a next build, and renders
/// every print chapter here) holds what the Markdown stage makes.
pub(super) struct Staged<'a> {
    /// The scratch file each print chapter goes into as it is made.
    pub(super) spill: Option<&'a Spill>,
    /// Each page's Markdown, taken out of `content.pages` (same index) so the
    /// pages can be read while they are rendered; each is cut to its front
    /// matter once rendered.
    pub(super) texts: &'a mut [String],
    /// What draws each content page once its Markdown is rendered.
    pub(super) draw: &'a DrawPage<'a>,
}

/// The links every page resolves against: the cache's, while the content's
/// pages and files are the same, or made anew.
pub(super) fn site_links(
    settings: &Settings,
    content: &Content,
    env: &Environment,
    cache: &mut BuildCache,
) -> SiteLinks {
    cache
        .take_links(env.key, content)
        .unwrap_or_else(|| SiteLinks::new(content, &settings.config.base_path(), env.files.clone()))
}

/// Renders every page's Markdown in parallel, reusing the cache's result for a
/// page whose text and environment are unchanged. When `staged` (`plainsite
/// build`), each page is drawn as soon as it is rendered and its Markdown cut
/// to its front matter, its findings are moved out rather than copied, and
/// its print chapter is put aside as [`Staged`] says.
pub(super) fn render_markdown(
    settings: &Settings,
    content: &Content,
    links: SiteLinks,
    env: &Environment,
    cache: &mut BuildCache,
    staged: Option<Staged<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> MarkdownResults {
    let let_go = staged.is_some();
    let spill = staged.as_ref().and_then(|s| s.spill);
    let config = &settings.config;
    let mut markdown = Markdown::new(&MarkdownOptions {
        allow_html: config.allow_html,
        not_abbreviations: config.not_abbreviations.clone(),
        own_images_only: config.hosting.sends_headers(),
    })
    .with_pictures(env.images.clone())
    .with_theme_ids(settings.theme.fixed_ids())
    .with_checker(Arc::new(crate::check::ContentChecks));
    match crate::render::shortcodes::ShortcodeSet::new(&settings.theme, &config.root) {
        Ok(set) => markdown = markdown.with_shortcodes(Box::new(set)),
        Err(problems) => diagnostics.extend(problems),
    }
    let no_glossary = BTreeMap::new();
    // Callout titles in each language, for pages in it.
    let labels: BTreeMap<&str, BTreeMap<String, String>> = config
        .languages
        .iter()
        .map(|l| {
            (
                l.code.as_str(),
                settings.renderer.strings().callout_labels(&l.code),
            )
        })
        .collect();
    // One page rendered: its body, its print chapter when it is a chapter of a
    // document, and where that chapter was put aside.
    let render_page = |page: &Page, text: &str, (split_parts, prefix): (bool, Option<String>)| {
        let resolver = links.for_page(page);
        let glossary = match &page.lang {
            Some(code) => env.language_glossaries.get(code).unwrap_or(&no_glossary),
            None => &env.glossary,
        };
        let chapter = prefix.as_deref().map(|id_prefix| Chapter {
            id_prefix,
            glossary: &env.glossary,
        });
        let input = Input {
            file: &page.file,
            text,
            links: &resolver,
            glossary,
            split_parts,
            labels: labels.get(page.lang.as_deref().unwrap_or(&config.language)),
            lang: page.lang.as_deref().unwrap_or(&config.language),
            easy_read: Model::is_easy_read(content, page),
        };
        let (rendered, print) = markdown.render_with_chapter(&input, chapter.as_ref());
        // A print page shows only the chapter's HTML: the rest is not held.
        let mut print = print.map(|p| Rendered {
            html: p.html,
            ..Rendered::default()
        });
        let aside = Aside::put(spill, print.as_mut());
        (rendered, print, aside)
    };
    let in_place = if let_go || spill.is_some() {
        None
    } else {
        cache.take_in_place(env.key, content.pages.len())
    };
    let (mut rendered, chapters, aside, reused, fresh) = match in_place {
        Some(kept) => {
            let (rendered, chapters, fresh) = in_place_results(content, kept, &render_page);
            let reused = (0..rendered.len()).map(|_| None).collect();
            (rendered, chapters, Vec::new(), reused, fresh)
        }
        None => {
            // Results of unchanged pages, moved out of the cache; the rest are rendered.
            let mut reused: Vec<Option<Box<CachedPage>>> = content
                .pages
                .iter()
                .enumerate()
                .map(|(i, page)| cache.take(env.key, i, page.revision).map(Box::new))
                .collect();
            let fresh = (0..reused.len()).filter(|&i| reused[i].is_none()).collect();
            // What each page needs to know of the others, found before the pages
            // are lent out one by one.
            let placed: Vec<(bool, Option<String>)> = content
                .pages
                .iter()
                .map(|page| placed(content, page))
                .collect();
            let made: Vec<(Rendered, Option<Rendered>, Aside)> = match staged {
                // `build`: nothing is reused; each page is drawn once rendered.
                // Pages are rendered, then drawn, a few at a time: drawing each
                // page right after its own rendering left the search words'
                // tables cold for every page, and cost a sixth more CPU.
                Some(Staged { texts, draw, .. }) => content
                    .pages
                    .par_iter()
                    .zip(texts.par_iter_mut())
                    .zip(placed.into_par_iter())
                    .enumerate()
                    .chunks(DRAWN_TOGETHER)
                    // Each group is a piece of work of its own: rayon's own
                    // splitting left a quarter of the pages to one thread.
                    .with_max_len(1)
                    .map(|chunk| {
                        let mut made: Vec<_> = chunk
                            .into_iter()
                            .map(|(i, ((page, text), placed))| {
                                let briefing = placed.0;
                                let made = render_page(page, text, placed);
                                super::finish::keep_front_matter(text, &page.file);
                                let listing = page.is_section || page.translates_a_section();
                                (i, listing, briefing, made)
                            })
                            .collect();
                        for (i, listing, briefing, made) in &mut made {
                            if !*listing {
                                draw(*i, &mut made.0, *briefing);
                            }
                        }
                        made.into_iter().map(|(.., made)| made).collect::<Vec<_>>()
                    })
                    .flatten_iter()
                    .collect(),
                None => content
                    .pages
                    .par_iter()
                    .zip(reused.par_iter_mut())
                    .zip(placed.into_par_iter())
                    .map(|((page, cached), placed)| {
                        if let Some(cached) = cached {
                            return (std::mem::take(&mut cached.rendered), None, Aside::default());
                        }
                        render_page(page, &page.text, placed)
                    })
                    .collect(),
            };
            let mut rendered = Vec::with_capacity(made.len());
            let mut chapters = Vec::with_capacity(made.len());
            let keep_aside = spill.is_some();
            let mut aside = Vec::with_capacity(if keep_aside { made.len() } else { 0 });
            for (r, c, a) in made {
                rendered.push(r);
                chapters.push(c);
                if keep_aside {
                    aside.push(a);
                }
            }
            (rendered, chapters, aside, reused, fresh)
        }
    };
    let reused_pages = rendered.len() - fresh.len();
    diagnostics.reserve(rendered.iter().map(|r| r.diagnostics.len()).sum());
    for r in &mut rendered {
        if let_go {
            // Taken, not appended: the page's emptied list would keep its room.
            diagnostics.extend(std::mem::take(&mut r.diagnostics));
        } else {
            diagnostics.extend(r.diagnostics.iter().cloned());
        }
    }
    check_fragments(content, &rendered, diagnostics);
    MarkdownResults {
        links,
        markdown,
        rendered,
        reused,
        reused_pages,
        fresh,
        chapters,
        aside,
    }
}

/// Renders one page, given what [`placed`] says of it: its body, its print
/// chapter when it is a chapter of a document, and where that chapter was put
/// aside.
type RenderPage<'a> =
    dyn Fn(&Page, &str, (bool, Option<String>)) -> (Rendered, Option<Rendered>, Aside) + Sync + 'a;

/// Whether a page's parts are split (a briefing) and, for a chapter of a
/// document, the prefix of its print ids.
fn placed(content: &Content, page: &Page) -> (bool, Option<String>) {
    let split_parts = !page.is_section
        && page
            .parent
            .is_some_and(|s| Model::is_briefing_section(content, s));
    let prefix = print::is_chapter(content, page).then(|| print::chapter_prefix(&page.path));
    (split_parts, prefix)
}

/// Every page's results and print chapter (same index), and the pages
/// rendered again, from the last build's results kept whole (see
/// `BuildCache::take_in_place`): only the pages whose revision is not the one
/// at their index are rendered (by `render_page`), and put in place.
fn in_place_results(
    content: &Content,
    kept: KeptPages,
    render_page: &RenderPage<'_>,
) -> (Vec<Rendered>, Vec<Option<Rendered>>, Vec<usize>) {
    let KeptPages {
        revisions,
        mut rendered,
        print,
    } = kept;
    let stale: Vec<usize> = content
        .pages
        .iter()
        .zip(&revisions)
        .enumerate()
        .filter(|(_, (page, revision))| page.revision != **revision)
        .map(|(i, _)| i)
        .collect();
    let fresh: Vec<(usize, Rendered, Option<Rendered>)> = stale
        .par_iter()
        .map(|&i| {
            let page = &content.pages[i];
            let (r, c, _) = render_page(page, &page.text, placed(content, page));
            (i, r, c)
        })
        .collect();
    let mut chapters: Vec<Option<Rendered>> = (0..rendered.len()).map(|_| None).collect();
    for (i, chapter) in print {
        if let Some(slot) = chapters.get_mut(i) {
            *slot = Some(chapter);
        }
    }
    for (i, r, c) in fresh {
        rendered[i] = r;
        chapters[i] = c;
    }
    (rendered, chapters, stale)
}

/// Gathers the chapters of every document for its print page.
pub(super) fn print_chapters(
    content: &Content,
    env: &Environment,
    language: &str,
    results: &mut MarkdownResults,
) -> PrintChapters {
    print::render_chapters(&mut print::ChapterInputs {
        content,
        links: &results.links,
        markdown: &results.markdown,
        glossary: &env.glossary,
        language,
        reused: &mut results.reused,
        rendered: &mut results.chapters,
    })
}

/// Adds the sizes of every image the pages show to the output.
pub(super) fn add_images(env: &mut Environment, rendered: &[Rendered]) {
    let used = rendered
        .iter()
        .flat_map(|r| r.pictures.iter().map(|i| i.key.as_str()));
    for (key, file) in env.images.outputs(used) {
        env.output.insert(key, OutputFile::Copy(file));
    }
}

/// Checks every `#fragment` against the anchors of the page it points to.
fn check_fragments(content: &Content, rendered: &[Rendered], out: &mut Vec<Diagnostic>) {
    // Only the pages that links point at another page's fragment of (at 10,000
    // pages, a map of every page cost most of a millisecond of each rebuild).
    let wanted: rustc_hash::FxHashSet<&str> = rendered
        .iter()
        .flat_map(|r| r.fragment_links.iter().filter_map(|l| l.page.as_deref()))
        .collect();
    let by_key: rustc_hash::FxHashMap<&str, usize> = content
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !wanted.is_empty() && wanted.contains(p.key.as_str()))
        .map(|(i, p)| (p.key.as_str(), i))
        .collect();
    for (i, r) in rendered.iter().enumerate() {
        for link in &r.fragment_links {
            let target = match &link.page {
                None => Some(i),
                Some(key) => by_key.get(key.as_str()).copied(),
            };
            let Some(t) = target else { continue };
            if !rendered[t].anchors.contains(&link.fragment) {
                let page = &content.pages[t];
                let mut known: Vec<&str> =
                    rendered[t].headings.iter().map(|h| h.id.as_str()).collect();
                known.truncate(8);
                let help = if known.is_empty() {
                    format!(
                        "{} has no headings to link to; remove `#{}`",
                        page.file.display(),
                        link.fragment
                    )
                } else {
                    format!("headings on that page have these ids: {}", known.join(", "))
                };
                out.push(
                    Diagnostic::error(
                        crate::rules::BROKEN_ANCHOR,
                        &content.pages[i].file,
                        format!(
                            "`#{}` is not a heading on {}",
                            link.fragment,
                            page.file.display()
                        ),
                    )
                    .at(link.line, link.col)
                    .help(help),
                );
            }
        }
    }
}
