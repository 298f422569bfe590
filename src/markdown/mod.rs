//! Markdown to HTML, with comrak.
//!
//! Sits after content loading and before rendering: it gets one page's text and a
//! link resolver, and returns the page's HTML plus what later stages need to know
//! (headings, anchors, links to check). It never sees templates or other pages.
//! `Markdown` holds the comrak options and the syntect sets, built once per build.
//!
//! `render` is a recipe of passes over comrak's tree, in this order: authors'
//! notes (HTML comments) out (`notes`), Word's formatting code and invisible
//! characters out (`word`), abbreviation
//! definitions out, links resolved, ids given, summary and word count read, `<abbr>`
//! in, then captions, callouts, quotes and code, the tag filter on the author's raw
//! HTML, then comrak's formatter with our heading and table markup. Every convention
//! is a tree pass; no pass edits HTML text. Columns are made to count characters
//! (`columns`) and no walk recurses, so any nesting an author types is safe.
//!
//! Passes share walks where their order allows: the walk straight after the
//! parse (`listing`) makes columns count characters and lists the paragraphs,
//! marked text and links the first passes work on; one walk (`survey`) reserves
//! footnote ids, lists headings and shortcodes, counts words, and lists the
//! text `<abbr>` may go in, the text with `\\AA` marks, and what pictures,
//! captions, callouts, quotes and code replace; the content checks read the
//! tree in one walk of their own. Passes still run in their order: definitions
//! out before anything reads text, `<abbr>` only after the checks and the word
//! count have read the text as written, passes that add raw HTML after both. A document's chapter is rendered for its print page from the
//! same parse as its page (`render_with_chapter`): the tree is copied once links
//! are resolved, and each copy is finished with its own ids.

mod abbr;
mod abbr_slips;
mod callouts;
mod checker;
mod columns;
mod figures;
mod format;
mod highlight;
mod ids;
mod invisible;
mod lang;
mod links;
mod listing;
mod model;
mod notes;
mod passes;
mod pictures;
pub(crate) mod scripts;
mod shortcodes;
mod shown;
mod summary;
mod survey;
pub(crate) mod tagfilter;
mod tree;
mod word;
mod word_format;
mod word_inline;
mod word_lists;
mod word_markdown;
mod word_styles;
mod word_table;
mod word_tags;

use std::collections::BTreeMap;

use comrak::nodes::AstNode;
use comrak::{Arena, parse_document};

use crate::error::sort_diagnostics;
pub use checker::{ContentChecker, Reading, Sentence, TreeInput, TreeReport};
pub(crate) use figures::{slip_words, thousands_slips};
use format::Decor;
use highlight::Highlighter;
pub use highlight::highlight_css;
use ids::IdSet;
pub(crate) use invisible::remove_invisible;
pub(crate) use links::{image_elsewhere, spaced_footnote_marker};
pub use model::{
    FileUse, FragmentLink, Heading, Input, LinkKind, LinkResolution, LinkResolver, MarkdownOptions,
    Part, PictureOut, PictureRequest, Pictures, Rendered, UsedImage,
};
pub(crate) use passes::is_caption;
pub use shortcodes::{ShortcodeCall, ShortcodeError, Shortcodes};
pub(crate) use shown::as_page_text;

/// Markdown renderer, built once per build.
pub struct Markdown {
    options: comrak::Options<'static>,
    highlighter: Highlighter,
    shortcodes: Option<Box<dyn Shortcodes>>,
    not_abbreviations: Vec<String>,
    own_images_only: Option<&'static str>,
    pictures: Option<std::sync::Arc<dyn Pictures + Send>>,
    checker: Option<std::sync::Arc<dyn ContentChecker>>,
    /// Ids the theme's templates write around a page's content, which its
    /// headings must not take.
    theme_ids: std::sync::Arc<[String]>,
}

/// How a page is rendered into a larger one (a document's print page).
#[derive(Debug, Clone, Copy, Default)]
struct Embed<'a> {
    /// Put before every id the page defines, and every `#fragment` link within it.
    id_prefix: &'a str,
    /// Levels added to every heading.
    heading_offset: u8,
    /// Skip what only a page of its own needs: the summary, the word count and
    /// the content checks (their findings are reported from the page itself).
    skip_checks: bool,
}

/// A page as a chapter of its document's print page.
#[derive(Debug, Clone, Copy)]
pub struct Chapter<'a> {
    /// Put before every id the chapter defines, and every `#fragment` link within it.
    pub id_prefix: &'a str,
    /// The glossary a print page uses (the site's, whatever the page's language).
    pub glossary: &'a BTreeMap<String, String>,
}

impl<'a> Chapter<'a> {
    /// The page's input as a chapter: this glossary, English callout titles, no parts.
    fn input<'i>(&self, page: &Input<'i>) -> Input<'i>
    where
        'a: 'i,
    {
        Input {
            file: page.file,
            text: page.text,
            links: page.links,
            glossary: self.glossary,
            split_parts: false,
            labels: None,
            lang: page.lang,
            easy_read: page.easy_read,
        }
    }

    fn embed(&self) -> Embed<'a> {
        Embed {
            id_prefix: self.id_prefix,
            heading_offset: 1,
            skip_checks: true,
        }
    }
}

/// A page after the passes a page and its print chapter share.
struct Read<'a> {
    root: &'a AstNode<'a>,
    page_abbreviations: BTreeMap<String, String>,
    links: links::LinkReport,
    /// Findings of the passes in `read` besides links (Word's code removed).
    diagnostics: Vec<crate::error::Diagnostic>,
}

/// How comrak reads every page: the extensions plainsite uses, and smart
/// punctuation (`'` → ’, `--` → –, `...` → …). Rendering options are set apart.
fn parse_options() -> comrak::Options<'static> {
    let mut o = comrak::Options::default();
    o.extension.table = true;
    o.extension.footnotes = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.ofm_callouts = true;
    o.extension.front_matter_delimiter = Some("---".to_owned());
    o.parse.smart = true;
    o
}

impl Markdown {
    /// Builds the comrak options and loads the syntaxes, once.
    pub fn new(options: &MarkdownOptions) -> Self {
        let mut o = parse_options();
        // Columns in diagnostics count characters, as editors do, not bytes; the
        // `columns` pass converts them (comrak's own conversion is quadratic).
        o.render.r#unsafe = options.allow_html;
        // Shown as text, so a writer sees what did not work, rather than dropped.
        o.render.escape = !options.allow_html;
        Markdown {
            options: o,
            highlighter: Highlighter::new(),
            shortcodes: None,
            not_abbreviations: options.not_abbreviations.clone(),
            own_images_only: options.own_images_only,
            pictures: None,
            checker: None,
            theme_ids: std::sync::Arc::default(),
        }
    }

    /// Keeps `ids`, which the theme's templates write around a page's content
    /// (`main`, `toc-title`), from being given to anything on a page: a heading
    /// "Main" gets `main-1`, and the skip link still reaches `<main>`.
    pub fn with_theme_ids(mut self, ids: Vec<String>) -> Self {
        self.theme_ids = ids.into();
        self
    }

    /// The comrak options every page is parsed with, for measuring comrak alone
    /// against a build (`examples/floor.rs`).
    pub fn comrak_options(&self) -> &comrak::Options<'static> {
        &self.options
    }

    /// Lets pages call the shortcodes that `handle` draws.
    pub fn with_shortcodes(mut self, handle: Box<dyn Shortcodes>) -> Self {
        self.shortcodes = Some(handle);
        self
    }

    /// Lets pages show site images as responsive `<picture>`s that `handle` draws.
    pub fn with_pictures(mut self, handle: std::sync::Arc<dyn Pictures + Send>) -> Self {
        self.pictures = Some(handle);
        self
    }

    /// Runs `checker` over each page's tree (not over a print page's chapters).
    pub fn with_checker(mut self, checker: std::sync::Arc<dyn ContentChecker>) -> Self {
        self.checker = Some(checker);
        self
    }

    /// Renders one page.
    pub fn render(&self, input: &Input<'_>) -> Rendered {
        self.render_with_chapter(input, None).0
    }

    /// Renders one page and, when `chapter` is given, the same page as a chapter
    /// of its document's print page (see [`Markdown::render_for_print`]) from the
    /// same parse: the tree is copied once links are resolved, not parsed again.
    pub fn render_with_chapter(
        &self,
        input: &Input<'_>,
        chapter: Option<&Chapter<'_>>,
    ) -> (Rendered, Option<Rendered>) {
        let arena = Arena::new();
        let read = self.read(&arena, input);
        let print = chapter.map(|chapter| {
            let print_arena = Arena::new();
            let root = tree::copy_tree(read.root, &print_arena);
            let read = Read {
                root,
                page_abbreviations: read.page_abbreviations.clone(),
                links: links::LinkReport::default(),
                diagnostics: Vec::new(),
            };
            self.finish(
                &print_arena,
                read,
                &chapter.input(input),
                chapter.embed(),
                None,
            )
        });
        let page = self.finish(
            &arena,
            read,
            input,
            Embed::default(),
            self.checker.as_deref(),
        );
        (page, print)
    }

    /// Renders one page as a chapter of a document's print page: every id it defines
    /// starts with `id_prefix`, `#fragment` links within it follow, and headings go
    /// down one level (`##` becomes `<h3>`), under the chapter's own `<h2>`.
    pub fn render_for_print(&self, input: &Input<'_>, id_prefix: &str) -> Rendered {
        let arena = Arena::new();
        let read = self.read(&arena, input);
        let chapter = Chapter {
            id_prefix,
            glossary: input.glossary,
        };
        self.finish(&arena, read, &chapter.input(input), chapter.embed(), None)
    }

    /// Parses `text` into a tree whose columns count characters.
    #[cfg(test)]
    fn parse<'a>(&self, arena: &'a Arena<'a>, text: &str) -> &'a AstNode<'a> {
        self.parse_listed(arena, text).0
    }

    /// Parses `text` into a tree whose columns count characters, with what
    /// the first passes work on listed in the same walk.
    fn parse_listed<'a>(
        &self,
        arena: &'a Arena<'a>,
        text: &str,
    ) -> (&'a AstNode<'a>, listing::Listing<'a>) {
        let root = parse_document(arena, text, &self.options);
        let listed = listing::walk(root, text);
        (root, listed)
    }

    /// The passes a page and its print chapter share: parse, Word's code and
    /// invisible characters out, abbreviation definitions out, passages in
    /// other languages marked, links resolved.
    fn read<'a>(&self, arena: &'a Arena<'a>, input: &Input<'_>) -> Read<'a> {
        let (root, mut listed) = self.parse_listed(arena, input.text);
        let mut diagnostics = Vec::new();
        notes::drop_notes(&mut listed.html);
        if !listed.html.is_empty() || !listed.invisible.is_empty() {
            let strict = !self.options.render.r#unsafe;
            let reread = word_markdown::Reread {
                options: &self.options,
                text: input.text,
            };
            let mut read_block =
                |node| word_markdown::read_author_lines(arena, node, strict, reread);
            let read_again = word::clean(
                arena,
                (&listed.html, &listed.invisible),
                (strict, &mut read_block),
                (input.file, input.text, input.lang),
                &mut diagnostics,
            );
            if read_again {
                listed.relist_all(root);
            }
        }
        abbr_slips::tagged_meanings(&listed.starred, input.file, &mut diagnostics);
        let (page_abbreviations, taken) = abbr::take_definitions(&listed.starred);
        if taken {
            listed.relist(root);
        }
        abbr_slips::near_misses(&listed.starred, input.file, &mut diagnostics);
        lang::mark_passages(arena, &listed.marked);
        let links =
            links::resolve_links(&listed.links, input.file, input.links, self.own_images_only);
        Read {
            root,
            page_abbreviations,
            links,
            diagnostics,
        }
    }

    fn finish<'a>(
        &self,
        arena: &'a Arena<'a>,
        read: Read<'a>,
        input: &Input<'_>,
        embed: Embed<'_>,
        checker: Option<&dyn ContentChecker>,
    ) -> Rendered {
        let Read {
            root,
            page_abbreviations,
            links,
            diagnostics: cleaned,
        } = read;
        let mut diagnostics = links.diagnostics;
        diagnostics.extend(cleaned);

        let mut ids = IdSet::with_prefix(embed.id_prefix);
        ids.keep_out(self.theme_ids.clone());
        let found = survey::survey(root, embed.id_prefix, !embed.skip_checks, &mut ids);
        let headings = ids::assign_heading_ids(found.headings, &mut ids);
        if !embed.skip_checks {
            for (line, asked, given) in &headings.renamed {
                diagnostics.push(ids::id_taken(input.file, input.text, *line, asked, given));
            }
        }
        shortcodes::expand_shortcodes(
            found.shortcodes,
            self.shortcodes.as_deref(),
            &mut ids,
            input.file,
            !embed.skip_checks,
            &mut diagnostics,
        );
        let (summary, word_count) = if embed.skip_checks {
            (String::new(), 0)
        } else {
            (summary::summarise(root), found.words)
        };

        let mut known: BTreeMap<&str, &str> = input
            .glossary
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        known.extend(
            page_abbreviations
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
        // Content checks read the tree as written, before passes add raw HTML.
        let checked = match checker {
            Some(checker) => checker.check_tree(
                root,
                &TreeInput {
                    file: input.file,
                    text: input.text,
                    known_abbreviations: &known,
                    not_abbreviations: &self.not_abbreviations,
                    allow_html: self.options.render.r#unsafe,
                    own_images_only: self.own_images_only,
                    easy_read: input.easy_read,
                },
            ),
            None => TreeReport::default(),
        };
        diagnostics.extend(checked.diagnostics);
        let mut marked = found.marked;
        let abbreviations_used = abbr::mark_first_uses(arena, &found.prose, &known, &mut marked);
        passes::strip_marks_in(&marked);
        let targets = found.targets;

        let pictures = pictures::render_pictures(
            targets.images,
            self.pictures.as_deref().map(|p| p as _),
            input.file,
            &mut diagnostics,
        );
        let tables = passes::attach_captions(arena, targets.tables, &self.options, &mut ids);
        callouts::render_callouts(
            arena,
            targets.callouts,
            &self.options,
            &mut ids,
            (input.file, input.labels),
            &mut diagnostics,
        );
        passes::attribute_quotes(arena, targets.quotes, &self.options);
        passes::highlight_code(
            targets.code,
            &self.highlighter,
            input.file,
            &mut diagnostics,
        );
        let part_headings = if input.split_parts {
            summary::mark_parts(arena, root, &headings)
        } else {
            Vec::new()
        };

        let decor = Decor {
            heading_ids: headings.by_node,
            tables,
            heading_offset: embed.heading_offset,
            next_column: 0,
            numeric_columns: Vec::new(),
        };
        // Without allow_html comrak escapes raw HTML whole; the filter is for with.
        if self.options.render.r#unsafe {
            tagfilter::filter_raw_html(root);
        }
        let capacity = input.text.len().saturating_add(input.text.len() / 2);
        let marked = format::format(root, &self.options, decor, capacity);
        let (html, intro_html, parts) = if input.split_parts {
            summary::split_parts(&marked, part_headings)
        } else {
            (marked, String::new(), Vec::new())
        };
        sort_diagnostics(&mut diagnostics);
        Rendered {
            html: html.into(),
            headings: headings.headings,
            anchors: ids.order,
            fragment_links: links.fragments,
            images: links.images,
            file_links: links.files,
            summary,
            word_count,
            diagnostics,
            abbreviations_used,
            page_abbreviations,
            intro_html: intro_html.into(),
            parts,
            reading: checked.reading,
            pictures,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
