//! Front matter: splitting it from the body, and reading it into `FrontMatter`.
//!
//! Lines stay file lines: the YAML starts on line 2 (after the opening `---`), and
//! errors are shifted to match. A UTF-8 byte-order mark and CRLF endings are fine.

mod fields;
mod read;
mod split;

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;

use crate::error::Diagnostic;
use fields::RawFrontMatter;
pub use fields::{AttachmentSpec, FrontMatter, PageKind, RepeatedTerm, SortBy};
pub(crate) use split::plain_delimiters;
pub use split::{Split, split};

const SECTION_ONLY: [&str; 5] = [
    "sort_by",
    "paginate_by",
    "document",
    "page_kind",
    "internal",
];

/// Reads and checks front matter. `is_section` is true for `_index.md`;
/// `taxonomies` are the names `site.yaml` allows.
pub fn parse(
    split: &Split<'_>,
    file: &Path,
    is_section: bool,
    taxonomies: &[String],
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    crate::yaml::cut_values(
        split.yaml,
        file,
        split.yaml_line,
        crate::rules::FRONT_MATTER,
        &mut warnings,
    );
    crate::yaml::curly_quoted_values(
        split.yaml,
        file,
        split.yaml_line,
        crate::rules::FRONT_MATTER,
        &mut warnings,
    );
    let (mut problems, mut warnings): (Vec<_>, Vec<_>) =
        warnings.into_iter().partition(Diagnostic::is_error);
    let cut_lines: Vec<Option<usize>> = problems.iter().map(|d| d.line).collect();
    // A value a `#` emptied is found wrong again, in other words, on its own
    // line: it is said once.
    let said_once = |mut problems: Vec<Diagnostic>| {
        let mut n = 0;
        problems.retain(|d| {
            n += 1;
            n <= cut_lines.len() || !cut_lines.contains(&d.line)
        });
        problems
    };
    let mut read_problems = Vec::new();
    let raw = read::raw(split, file, &mut read_problems);
    // A group a `#` cut open cannot be read at all: that is the one problem.
    if cut_lines.is_empty() || raw.is_some() {
        problems.append(&mut read_problems);
    }
    let Some(mut raw): Option<RawFrontMatter> = raw else {
        return Err(said_once(problems));
    };
    // Words readers see get the cleaning the page's text gets: a zero-width
    // space pasted into a title shows nothing but splits a word for search.
    let remove_invisible = crate::markdown::remove_invisible;
    remove_invisible(&mut raw.title);
    raw.description.iter_mut().for_each(remove_invisible);
    raw.topics.iter_mut().for_each(remove_invisible);
    raw.taxonomies
        .values_mut()
        .flat_map(|terms| terms.iter_mut())
        .for_each(remove_invisible);
    let key_lines: BTreeMap<String, usize> = split
        .yaml
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with([' ', '\t', '#', '-']) && l.contains(':'))
        .filter_map(|(i, l)| Some((l.split(':').next()?.trim().to_owned(), i + split.yaml_line)))
        .collect();
    let line_of = |key: &str| key_lines.get(key).copied().unwrap_or(1);
    let mut date = |key: &str, value: &Option<String>| -> Option<Date> {
        let value = value.as_deref()?;
        match value.trim().parse::<Date>() {
            Ok(d) if value.trim().len() == 10 => Some(d),
            _ => {
                problems.push(
                    Diagnostic::error(
                        crate::rules::FRONT_MATTER,
                        file,
                        format!("`{key}` must look like 2024-05-01, found {value:?}"),
                    )
                    .at(line_of(key), key.len() + 3)
                    .help(match crate::yaml::curly_inner(value) {
                        Some(inner) if inner.trim().parse::<Date>().is_ok() => format!(
                            "the date is wrapped in curly quotation marks (“ ”), which are not part of a date: write it with none, `{key}: {}`",
                            inner.trim()
                        ),
                        Some(_) => format!(
                            "take out the curly quotation marks (“ ”) and write the date as year-month-day, like `{key}: 2024-05-01`"
                        ),
                        None => crate::text::dates::help_for(value, &format!("{key}: "))
                            .unwrap_or_else(|| {
                                format!("write the date as year-month-day, like `{key}: 2024-05-01`")
                            }),
                    }),
                );
                None
            }
        }
    };
    // `date` may carry a time of day, which orders items of the same date.
    let (date_text, time) = match raw.date.as_deref().map(str::trim) {
        Some(t) if t.len() > 10 && t.is_char_boundary(10) => {
            match t[10..]
                .trim_start_matches(['T', ' '])
                .parse::<jiff::civil::Time>()
            {
                Ok(time) if t.len() <= 19 => (Some(t[..10].to_owned()), Some(time)),
                _ => (raw.date.clone(), None),
            }
        }
        _ => (raw.date.clone(), None),
    };
    let fm_date = date("date", &date_text);
    let updated = date("updated", &raw.updated);
    let review_by = date("review_by", &raw.review_by);
    let changes = super::changes::check(
        raw.changes,
        split.yaml,
        split.yaml_line,
        file,
        &mut problems,
    );
    // `title: ~` and `title: null` are YAML's "nothing", which a text field
    // reads as the word itself: the page would be called "null".
    if raw.title.trim().is_empty() || matches!(raw.title.as_str(), "~" | "null" | "Null" | "NULL") {
        problems.push(
            Diagnostic::error(crate::rules::FRONT_MATTER, file, "`title` is empty")
                .at(line_of("title"), 1)
                .help("write the page's title after `title:`"),
        );
    }
    if raw.template.as_deref().is_some_and(|t| t.trim().is_empty()) {
        problems.push(
            Diagnostic::error(crate::rules::FRONT_MATTER, file, "`template` is empty")
                .at(line_of("template"), 1)
                .help("remove the line to use the page's usual template, or name one, like `template: page.html`"),
        );
    }
    if !is_section {
        // `_index.pl.md` translates a section's page; the section's settings
        // are the main language's `_index.md`'s, for every language.
        let translated_index = file
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("_index."));
        for key in SECTION_ONLY {
            // `page_kind: easy_read` is a page's setting too; a value that is
            // none of the kinds has its own error, which says what to write.
            let page_setting =
                key == "page_kind" && matches!(raw.page_kind, Some(PageKind::EasyRead) | None);
            if key_lines.contains_key(key) && !page_setting {
                let (message, help) = if translated_index {
                    (
                        format!(
                            "`{key}` is a setting of the whole section, so it goes only in the section's own _index.md, not in a translation of it"
                        ),
                        "remove the line here; set it in the section's _index.md, which holds the section's settings for every language",
                    )
                } else {
                    (
                        format!("`{key}` only works in a section's _index.md"),
                        "move it to the _index.md file of the folder, or remove it",
                    )
                };
                problems.push(
                    Diagnostic::error(crate::rules::FRONT_MATTER, file, message)
                        .at(line_of(key), 1)
                        .help(help),
                );
            }
        }
    }
    if raw.paginate_by.is_some_and(|n| n < 1) {
        problems.push(
            Diagnostic::error(crate::rules::FRONT_MATTER, file, "`paginate_by` must be 1 or more")
                .at(line_of("paginate_by"), 1)
                .help("write how many pages to list on each page, like `paginate_by: 10`, or remove the line"),
        );
    }
    let mut taxonomy_terms = raw.taxonomies;
    for name in taxonomy_terms.keys() {
        if !taxonomies.contains(name) || name == "topics" {
            problems.push(
                Diagnostic::error(
                    crate::rules::FRONT_MATTER,
                    file,
                    format!("`{name}` is not a taxonomy of this site"),
                )
                .at(line_of("taxonomies"), 1)
                .help(format!(
                    "use one of: {} (topics are written as `topics:`)",
                    taxonomies.join(", ")
                )),
            );
        }
    }
    if !raw.topics.is_empty() {
        if taxonomies.iter().any(|t| t == "topics") {
            taxonomy_terms.insert("topics".to_owned(), raw.topics);
        } else {
            problems.push(
                Diagnostic::error(
                    crate::rules::FRONT_MATTER,
                    file,
                    "this site has no `topics` taxonomy",
                )
                .at(line_of("topics"), 1)
                .help("add `topics` to `taxonomies:` in site.yaml, or remove the line"),
            );
        }
    }
    let repeated_terms = keep_each_term_once(&mut taxonomy_terms);
    for terms in taxonomy_terms.values() {
        for term in terms {
            let term_slug = crate::text::url_slug(term);
            if term_slug.len() > crate::paths::MAX_SEGMENT_BYTES {
                problems.push(
                    Diagnostic::error(
                        crate::rules::FRONT_MATTER,
                        file,
                        format!(
                            "the term starting {:?} makes a web address part {} bytes long; the most a file name can be is {}",
                            term.chars().take(40).collect::<String>(),
                            term_slug.len(),
                            crate::paths::MAX_SEGMENT_BYTES
                        ),
                    )
                    .at(line_of("topics"), 1)
                    .help("use a short term, a few words at most"),
                );
            }
            if term_slug.is_empty() {
                // A term's page takes its address from the term, in the
                // Latin letters, digits and hyphens every address uses.
                let (message, help) = if term.chars().any(char::is_alphanumeric) {
                    (
                        format!(
                            "the term {term:?} has no English letters or digits to make its page's web address from"
                        ),
                        "write the term in English letters, like `neglect` (a translation can use the same terms as the page it translates)",
                    )
                } else {
                    (
                        format!("the term {term:?} has no letters or digits"),
                        "use words, like `neglect`",
                    )
                };
                problems.push(
                    Diagnostic::error(crate::rules::FRONT_MATTER, file, message)
                        .at(line_of("topics"), 1)
                        .help(help),
                );
            }
        }
    }
    if let Some(slug) = &raw.slug {
        if slug.is_empty() {
            problems.push(
                Diagnostic::error(crate::rules::FRONT_MATTER, file, "`slug` is empty, so this page would have no address of its own")
                    .at(line_of("slug"), 1)
                    .help("write a slug such as `slug: about-us`, or remove the line to use the file or folder name"),
            );
        } else if slug.len() > crate::paths::MAX_SEGMENT_BYTES {
            problems.push(
                Diagnostic::error(
                    crate::rules::FRONT_MATTER,
                    file,
                    format!(
                        "`slug` is {} bytes long; the most a file name can be is {}",
                        slug.len(),
                        crate::paths::MAX_SEGMENT_BYTES
                    ),
                )
                .at(line_of("slug"), 1)
                .help("use a short slug, a few words joined by hyphens"),
            );
        } else if crate::text::url_slug(slug) != *slug {
            problems.push(
                Diagnostic::error(
                    crate::rules::FRONT_MATTER,
                    file,
                    format!("`slug` must be lowercase letters, digits and hyphens, found {slug:?}"),
                )
                .at(line_of("slug"), 1)
                .help(match crate::text::url_slug(slug) {
                    // Addresses use Latin letters, digits and hyphens; a page in another
                    // script keeps the address of the page it translates.
                    fixed if fixed.is_empty() => "write the address in English letters, like `slug: report-a-concern`, or remove the line (a translation keeps the address of the page it translates)".to_owned(),
                    // `/briefings/neglect/`: a whole address, of which a slug is the end.
                    _ if slug.contains('/') => match slug.rsplit('/').find(|s| !s.trim().is_empty()).map(crate::text::url_slug) {
                        Some(last) if !last.is_empty() => format!("a slug is only the last part of the page's address, and the page stays in its folder: write `slug: {last}`"),
                        _ => "write a few words joined by hyphens, like `slug: neglect`".to_owned(),
                    },
                    fixed => format!("write `slug: {fixed}`"),
                }),
            );
        }
    }
    crate::urls::check_front_matter(
        &raw.aliases,
        &raw.extra,
        split.yaml,
        split.yaml_line,
        file,
        &mut problems,
    );
    let event = super::event_meta::read(
        &super::event_meta::RawEvent {
            start: raw.start.as_deref(),
            end: raw.end.as_deref(),
            location: raw.location.as_deref(),
            online: raw.online,
            booking_url: raw.booking_url.as_deref(),
            audience: raw.audience.as_deref(),
            places: raw.places,
        },
        file,
        &line_of,
        &mut problems,
        &mut warnings,
    );
    if !problems.is_empty() {
        return Err(said_once(problems));
    }
    Ok(FrontMatter {
        title: raw.title.trim().to_owned(),
        description: raw
            .description
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty()),
        date: fm_date,
        updated_given: updated.is_some(),
        updated: updated.or(changes.first().map(|c| c.date)),
        changes,
        review_by,
        draft: raw.draft,
        weight: raw.weight,
        slug: raw.slug,
        taxonomies: taxonomy_terms,
        repeated_terms,
        template: raw.template,
        aliases: raw.aliases,
        toc: raw.toc,
        attachments: raw.attachments,
        easy_read: raw.easy_read,
        extra: crate::urls::tidy_phone_links(raw.extra),
        sort_by: raw.sort_by,
        paginate_by: raw.paginate_by.and_then(|n| usize::try_from(n).ok()),
        document: raw.document,
        page_kind: raw.page_kind,
        internal: raw.internal,
        key_lines,
        pinned: raw.pinned,
        time,
        event,
        warnings,
    })
}

/// Trims each term and keeps it once: terms that make the same address
/// (`Training`, `training`, ` Training `) are one topic, and a page that lists
/// them all would show the same link three times. Gives the terms dropped.
fn keep_each_term_once(taxonomies: &mut BTreeMap<String, Vec<String>>) -> Vec<RepeatedTerm> {
    let mut repeated = Vec::new();
    for (taxonomy, terms) in taxonomies.iter_mut() {
        let mut kept: Vec<(String, String)> = Vec::with_capacity(terms.len());
        for term in terms.drain(..) {
            let trimmed = term.trim().to_owned();
            let slug = crate::text::url_slug(&trimmed);
            // A term with no address is an error of its own, reported below.
            match kept.iter().find(|(s, _)| !slug.is_empty() && *s == slug) {
                Some((_, first)) => repeated.push(RepeatedTerm {
                    taxonomy: taxonomy.clone(),
                    written: term,
                    kept: first.clone(),
                }),
                None => kept.push((slug, trimmed)),
            }
        }
        terms.extend(kept.into_iter().map(|(_, term)| term));
    }
    repeated
}

#[cfg(test)]
mod tests;
