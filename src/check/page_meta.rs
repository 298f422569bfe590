//! Rules `review-due`, `missing-description`, `repeated-term` and
//! `attachment-html`: what the front matter promises about a page.
//!
//! - `review-due`: safeguarding guidance goes out of date (law, contacts, local
//!   procedures), so each page can say when it must be read again (`review_by`).
//! - `missing-description`: the description is the one sentence shown in search
//!   results, listings and the meta description.
//! - `repeated-term`: `topics: [Training, training]` names one topic twice; the
//!   page lists it once, and says so, as the author may have meant another.
//!   `Early help` on one page and `early help` on another are one topic too,
//!   whose own page shows it as the first page writes it; the later page is told.
//! - `attachment-html`: PDFs and Office files are hard to read on a phone and with
//!   assistive technology, so GOV.UK publishes the content as HTML first. A page
//!   whose attachment is such a file, and whose own text is under 100 words, has
//!   probably not done that. Files marked `published_before_2018` are exempt, as
//!   they are from the accessibility regulations.

use jiff::civil::Date;

use super::rule::Rule;
use std::collections::HashMap;

use crate::content::{AttachmentSpec, Content, Page};
use crate::error::{Diagnostic, Severity};
use crate::markdown::Rendered;

/// A page past its `review_by` date.
pub(crate) const REVIEW_DUE: Rule = Rule {
    id: crate::rules::REVIEW_DUE,
    severity: Severity::Warning,
    description: "a page past its `review_by` date",
};

/// A page with no `description`.
pub(crate) const MISSING_DESCRIPTION: Rule = Rule {
    id: crate::rules::MISSING_DESCRIPTION,
    severity: Severity::Warning,
    description: "a page with no `description` for search results and listings",
};

/// A term written twice on one page.
pub(crate) const REPEATED_TERM: Rule = Rule {
    id: crate::rules::REPEATED_TERM,
    severity: Severity::Warning,
    description: "a topic written twice on one page, or on two pages, in other capitals or with spaces, or spelt nearly like another",
};

/// A document attachment with no HTML version on the page.
pub(crate) const ATTACHMENT_HTML: Rule = Rule {
    id: crate::rules::ATTACHMENT_HTML,
    severity: Severity::Warning,
    description: "a PDF or Office attachment whose content is not also on the page as text",
};

/// Fewer words than this on a page with a document means the content is not there.
const MIN_HTML_WORDS: usize = 100;

/// File endings of documents that need an HTML version.
const DOCUMENT_ENDINGS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf",
];

/// Checks one page's front matter.
pub(crate) fn check(page: &Page, rendered: &Rendered, today: Date, out: &mut Vec<Diagnostic>) {
    let line_of = |key: &str| page.meta.key_lines.get(key).copied().unwrap_or(1);
    if let Some(due) = page.meta.review_by.filter(|d| *d < today) {
        out.push(
            REVIEW_DUE
                .at(
                    &page.file,
                    line_of("review_by"),
                    1,
                    format!("this page was due for review on {due}"),
                )
                .help(
                    "check the page is still right, then set `review_by:` to the next review date",
                ),
        );
    }
    if page
        .meta
        .description
        .as_deref()
        .is_none_or(|d| d.trim().is_empty())
    {
        // `description: ""`, as `plainsite new` writes it, is told at its line.
        let finding = match page.meta.key_lines.get("description") {
            Some(&line) => MISSING_DESCRIPTION
                .at(&page.file, line, 1, "this page's description is empty")
                .help("write one plain sentence about the page after `description:`, like `description: How to report a concern about a child.`"),
            None => MISSING_DESCRIPTION
                .at(&page.file, line_of("title"), 1, "this page has no description")
                .help("add a line `description: One plain sentence about the page.` under the title"),
        };
        out.push(finding);
    }
    for repeated in &page.meta.repeated_terms {
        let key = if repeated.taxonomy == "topics" {
            "topics"
        } else {
            "taxonomies"
        };
        out.push(
            REPEATED_TERM
                .at(
                    &page.file,
                    line_of(key),
                    1,
                    format!(
                        "{:?} is the {} {:?} again, so the page lists it once",
                        repeated.written,
                        singular(&repeated.taxonomy),
                        repeated.kept
                    ),
                )
                .help(format!(
                    "remove {:?} from `{key}:`: capital letters and spaces round a term do not make another one",
                    repeated.written
                )),
        );
    }
    let documents: Vec<&str> = page
        .meta
        .attachments
        .iter()
        .filter_map(|a| match a {
            AttachmentSpec::Path(file) => Some(file.as_str()),
            AttachmentSpec::Full {
                file,
                published_before_2018: false,
                ..
            } => Some(file.as_str()),
            AttachmentSpec::Full { .. } => None,
        })
        .filter(|f| is_document(f))
        .collect();
    if let Some(first) = documents.first()
        && rendered.word_count < MIN_HTML_WORDS
    {
        out.push(
            ATTACHMENT_HTML
                .at(
                    &page.file,
                    line_of("attachments"),
                    1,
                    format!(
                        "`{first}` is attached, but the page has only {} of its own",
                        match rendered.word_count {
                            1 => "1 word".to_owned(),
                            n => format!("{n} words"),
                        }
                    ),
                )
                .help("put the document's content on the page as text and headings, and offer the file as well, not instead"),
        );
    }
}

/// `topics` → `topic`, for a message about one term.
fn singular(taxonomy: &str) -> &str {
    taxonomy.strip_suffix('s').unwrap_or(taxonomy)
}

/// Finds terms written another way than on the first page that has them
/// (`Early help` on one page, `early help` on another): they are one term,
/// and its own page and the list of terms show the first page's way. Translations
/// are left out, as the site's terms are gathered from the main language.
pub(crate) fn check_terms_across(content: &Content, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<(&str, String), (&str, &Page)> = HashMap::new();
    let mut pages: HashMap<(&str, String), usize> = HashMap::new();
    for page in content.pages.iter().filter(|p| p.lang.is_none()) {
        for (taxonomy, terms) in &page.meta.taxonomies {
            for term in terms {
                let key = (taxonomy.as_str(), crate::text::url_slug(term));
                *pages.entry(key.clone()).or_default() += 1;
                let (written, other) = *first.entry(key).or_insert((term.as_str(), page));
                if written == term {
                    continue;
                }
                out.push(
                    REPEATED_TERM
                        .at(
                            &page.file,
                            terms_line(page, taxonomy),
                            1,
                            format!(
                                "the {} {term:?} is written {written:?} on {}, which is how the {}'s own page shows it",
                                singular(taxonomy),
                                other.file.display(),
                                singular(taxonomy)
                            ),
                        )
                        .help(format!(
                            "write it {written:?} here too, or change it on every page to the way you want it shown"
                        )),
                );
            }
        }
    }
    misspelt_terms(&first, &pages, out);
}

/// The line of `page`'s list of `taxonomy` terms (`topics:`, or `taxonomies:`
/// for the others).
fn terms_line(page: &Page, taxonomy: &str) -> usize {
    let list = if taxonomy == "topics" {
        "topics"
    } else {
        "taxonomies"
    };
    page.meta.key_lines.get(list).copied().unwrap_or(1)
}

/// Most terms a site has: past this, near spellings are not looked for (each
/// term on one page is compared with every other).
const MAX_TERMS_COMPARED: usize = 500;

/// Warns on a term found on one page only whose address is one slip from a
/// term on several (`negelct` and `neglect`): it makes a page of its own.
fn misspelt_terms(
    first: &HashMap<(&str, String), (&str, &Page)>,
    pages: &HashMap<(&str, String), usize>,
    out: &mut Vec<Diagnostic>,
) {
    if pages.len() > MAX_TERMS_COMPARED {
        return;
    }
    let mut lone: Vec<_> = pages.iter().filter(|(_, n)| **n == 1).collect();
    lone.sort();
    for ((taxonomy, slug), _) in lone {
        let allowed = if slug.len() >= 8 { 2 } else { 1 };
        let near = pages
            .iter()
            .filter(|((t, other), n)| t == taxonomy && other != slug && **n > 1 && slug.len() >= 4)
            .map(|((_, other), n)| (strsim::damerau_levenshtein(slug, other), other, *n))
            .filter(|(d, _, _)| *d <= allowed)
            .min();
        let (Some((_, other, count)), Some((written, page))) =
            (near, first.get(&(*taxonomy, slug.clone())))
        else {
            continue;
        };
        let Some((usual, _)) = first.get(&(*taxonomy, other.clone())) else {
            continue;
        };
        out.push(
            REPEATED_TERM
                .at(
                    &page.file,
                    terms_line(page, taxonomy),
                    1,
                    format!(
                        "the {} {written:?} is on this page only, and is spelt nearly like {usual:?}, which {count} pages have: it makes a page of its own",
                        singular(taxonomy)
                    ),
                )
                .help(format!("if you meant {usual:?}, write it so")),
        );
    }
}

/// True for a PDF or an Office document.
fn is_document(file: &str) -> bool {
    file.rsplit_once('.')
        .is_some_and(|(_, ext)| DOCUMENT_ENDINGS.contains(&ext.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::FrontMatter;

    use crate::check::tests::page;

    fn rules(meta: FrontMatter, words: usize, today: &str) -> Vec<(&'static str, Option<usize>)> {
        let rendered = Rendered {
            word_count: words,
            ..Rendered::default()
        };
        let mut out = Vec::new();
        check(
            &page(meta),
            &rendered,
            today.parse().expect("date"),
            &mut out,
        );
        out.iter().map(|d| (d.rule, d.line)).collect()
    }

    fn described() -> FrontMatter {
        let mut meta = FrontMatter {
            title: "T".into(),
            description: Some("About T.".into()),
            ..FrontMatter::default()
        };
        meta.key_lines.insert("title".into(), 2);
        meta.key_lines.insert("review_by".into(), 4);
        meta.key_lines.insert("attachments".into(), 5);
        meta
    }

    #[test]
    fn a_described_page_in_date_passes() {
        let mut meta = described();
        meta.review_by = Some("2030-01-01".parse().expect("date"));
        meta.attachments = vec![AttachmentSpec::Path("leaflet.pdf".into())];
        assert!(rules(meta, 250, "2025-01-01").is_empty());
    }

    #[test]
    fn review_date_in_the_past_warns_at_its_line() {
        let mut meta = described();
        meta.review_by = Some("2024-12-31".parse().expect("date"));
        assert_eq!(rules(meta, 0, "2025-01-01"), vec![("review-due", Some(4))]);
    }

    #[test]
    fn missing_description_warns_at_the_title() {
        let mut meta = described();
        meta.description = None;
        assert_eq!(
            rules(meta, 0, "2025-01-01"),
            vec![("missing-description", Some(2))]
        );
    }

    #[test]
    fn an_empty_description_warns_at_its_own_line() {
        let mut meta = described();
        meta.description = Some(String::new());
        meta.key_lines.insert("description".into(), 3);
        assert_eq!(
            rules(meta.clone(), 0, "2025-01-01"),
            vec![("missing-description", Some(3))]
        );
        let mut out = Vec::new();
        let today = "2025-01-01".parse().expect("date");
        check(&page(meta), &Rendered::default(), today, &mut out);
        assert_eq!(out[0].message, "this page's description is empty");
    }

    #[test]
    fn a_repeated_topic_warns_at_the_topics_line() {
        let mut meta = described();
        meta.key_lines.insert("topics".into(), 3);
        meta.repeated_terms = vec![crate::content::RepeatedTerm {
            taxonomy: "topics".into(),
            written: "training".into(),
            kept: "Training".into(),
        }];
        assert_eq!(
            rules(meta, 0, "2025-01-01"),
            vec![("repeated-term", Some(3))]
        );
    }

    #[test]
    fn a_topic_written_another_way_on_a_later_page_warns_there() {
        let with_topics = |file: &str, lang: Option<&str>, topics: &[&str]| {
            let mut meta = described();
            meta.key_lines.insert("topics".into(), 3);
            meta.taxonomies.insert(
                "topics".into(),
                topics.iter().map(|t| (*t).to_owned()).collect(),
            );
            Page {
                file: file.into(),
                lang: lang.map(Into::into),
                ..page(meta)
            }
        };
        let content = Content {
            pages: vec![
                with_topics("content/a.md", None, &["Early help", "Neglect"]),
                with_topics("content/b.md", None, &["early help", "Neglect"]),
                with_topics("content/b.pl.md", Some("pl"), &["early  help"]),
                with_topics("content/c.md", None, &["Early  help ", "neglect"]),
            ],
            ..Content::default()
        };
        let mut out = Vec::new();
        check_terms_across(&content, &mut out);
        let found: Vec<_> = out
            .iter()
            .map(|d| (d.file.display().to_string(), d.line, d.is_error()))
            .collect();
        assert_eq!(
            found,
            [
                ("content/b.md".to_owned(), Some(3), false),
                ("content/c.md".to_owned(), Some(3), false),
                ("content/c.md".to_owned(), Some(3), false),
            ]
        );
        assert!(out[0].message.contains(
            "the topic \"early help\" is written \"Early help\" on content/a.md, which is how the topic's own page shows it"
        ));
        assert!(
            out[2]
                .message
                .contains("\"neglect\" is written \"Neglect\"")
        );
    }

    #[test]
    fn a_topic_on_one_page_spelt_nearly_like_a_common_one_warns() {
        let with_topics = |file: &str, topics: &[&str]| {
            let mut meta = described();
            meta.key_lines.insert("topics".into(), 3);
            meta.taxonomies.insert(
                "topics".into(),
                topics.iter().map(|t| (*t).to_owned()).collect(),
            );
            Page {
                file: file.into(),
                ..page(meta)
            }
        };
        let content = Content {
            pages: vec![
                with_topics("content/a.md", &["Neglect", "Early help", "Exploitation"]),
                with_topics("content/b.md", &["Neglect", "Early help", "Exploitation"]),
                with_topics(
                    "content/c.md",
                    &["negelct", "Early hlep", "SEND", "Exploitaton"],
                ),
                with_topics("content/d.md", &["SENT"]),
            ],
            ..Content::default()
        };
        let mut out = Vec::new();
        check_terms_across(&content, &mut out);
        let messages: Vec<&str> = out.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("\"negelct\" is on this page only, and is spelt nearly like \"Neglect\", which 2 pages have")));
        assert!(messages.iter().any(|m| m.contains("\"Early hlep\"")));
        assert!(messages.iter().any(|m| m.contains("\"Exploitaton\"")));
        // Two terms each on one page are not judged against each other.
        assert!(!messages.iter().any(|m| m.contains("SEN")));
    }

    #[test]
    fn document_without_html_warns_unless_it_predates_2018() {
        let mut meta = described();
        meta.attachments = vec![AttachmentSpec::Path("report.DOCX".into())];
        assert_eq!(
            rules(meta.clone(), 40, "2025-01-01"),
            vec![("attachment-html", Some(5))]
        );
        meta.attachments = vec![AttachmentSpec::Full {
            file: "old.pdf".into(),
            title: None,
            published_before_2018: true,
        }];
        assert!(rules(meta.clone(), 40, "2025-01-01").is_empty());
        meta.attachments = vec![AttachmentSpec::Path("data.csv".into())];
        assert!(rules(meta, 40, "2025-01-01").is_empty());
    }
}
