//! Snapshot tests for Markdown rendering: one input per file in `tests/markdown/`.
//!
//! Each file shows one behaviour (captions, callouts, quotes …). The snapshot holds
//! the HTML and what the renderer reports beside it. To add a case, add a file.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use plainsite::markdown::{
    Input, LinkKind, LinkResolution, LinkResolver, Markdown, MarkdownOptions,
};

/// Rewrites `x.md` to `/x/` (page `x`), breaks `missing.md`, keeps anything else.
struct TestResolver;

impl LinkResolver for TestResolver {
    fn resolve(&self, href: &str, _kind: LinkKind) -> LinkResolution {
        match href.strip_suffix(".md") {
            Some("missing") => LinkResolution::Broken {
                message: "there is no such page".to_owned(),
                help: "check the file name, or remove the link".to_owned(),
            },
            Some(stem) => LinkResolution::Rewrite {
                href: format!("/{stem}/"),
                page: Some(stem.to_owned()),
            },
            None => LinkResolution::Keep,
        }
    }
}

fn glossary() -> BTreeMap<String, String> {
    [
        ("MASH", "Multi-Agency Safeguarding Hub"),
        ("LA", "Local authority"),
        ("LADO", "Local Authority Designated Officer"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// The HTML, then everything else the renderer reports, as readable text.
fn describe(name: &str, text: &str) -> String {
    let markdown = Markdown::new(&MarkdownOptions::default())
        .with_checker(std::sync::Arc::new(plainsite::check::ContentChecks));
    let glossary = glossary();
    let file = Path::new("content").join(name);
    let input = Input {
        file: &file,
        text,
        links: &TestResolver,
        glossary: &glossary,
        split_parts: true,
        labels: None,
        lang: "en",
        easy_read: false,
    };
    let r = markdown.render(&input);
    let mut out = r.html.to_string();
    out.push_str("\n----\n");
    let _ = writeln!(out, "summary: {}", r.summary);
    let _ = writeln!(out, "words: {}", r.word_count);
    for h in &r.headings {
        let _ = writeln!(
            out,
            "heading: h{} #{} {:?} line {}",
            h.level, h.id, h.text, h.line
        );
    }
    let _ = writeln!(out, "anchors: {}", r.anchors.join(" "));
    for f in &r.fragment_links {
        let _ = writeln!(
            out,
            "fragment: {:?} #{} at {}:{}",
            f.page, f.fragment, f.line, f.col
        );
    }
    let _ = writeln!(
        out,
        "abbreviations used: {}",
        r.abbreviations_used.join(" ")
    );
    for (abbr, expansion) in &r.page_abbreviations {
        let _ = writeln!(out, "defined: {abbr} = {expansion}");
    }
    for part in &r.parts {
        let _ = writeln!(
            out,
            "part: #{} ({} bytes)",
            part.heading.id,
            part.html(&r.html).len()
        );
    }
    for d in &r.diagnostics {
        let _ = writeln!(out, "{d}");
    }
    out
}

#[test]
fn renders_each_markdown_case() {
    insta::glob!("markdown/*.md", |path| {
        let text = std::fs::read_to_string(path).expect("test input is readable UTF-8");
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("page.md");
        insta::assert_snapshot!(describe(name, &text));
    });
}
