//! Property tests: arbitrary input never makes plainsite panic, slugs are always
//! safe URL segments, and link resolution never leaves the content root.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use plainsite::content::{
    Content, FrontMatter, Page, Section, SiteLinks, parse_front_matter, split_front_matter,
};
use plainsite::markdown::{
    Input, LinkKind, LinkResolution, LinkResolver, Markdown, MarkdownOptions,
};
use plainsite::text::{slug_from_file_name, url_slug};
use proptest::prelude::*;

/// Built once: the syntax sets take a while to load.
static MARKDOWN: std::sync::LazyLock<Markdown> = std::sync::LazyLock::new(|| {
    Markdown::new(&MarkdownOptions::default())
        .with_checker(std::sync::Arc::new(plainsite::check::ContentChecks))
});

/// The same with `allow_html: true`, where the author's tags reach the page.
static MARKDOWN_HTML: std::sync::LazyLock<Markdown> = std::sync::LazyLock::new(|| {
    Markdown::new(&MarkdownOptions {
        allow_html: true,
        ..MarkdownOptions::default()
    })
    .with_checker(std::sync::Arc::new(plainsite::check::ContentChecks))
});

struct KeepAll;
impl LinkResolver for KeepAll {
    fn resolve(&self, href: &str, _: LinkKind) -> LinkResolution {
        if href.ends_with(".md") {
            LinkResolution::Broken {
                message: "no".into(),
                help: "no".into(),
            }
        } else {
            LinkResolution::Keep
        }
    }
}

/// Text that looks like what authors write, mixed with anything at all.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("---\n".to_owned()),
            Just("title: A\n".to_owned()),
            Just("## Heading\n".to_owned()),
            Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_owned()),
            Just("Table: caption\n\n".to_owned()),
            Just("> [!NOTE]\n> text\n".to_owned()),
            Just("> [!CASE STUDY] T\n> x\n".to_owned()),
            Just("> quote\n> — Name\n".to_owned()),
            Just("[^1]\n\n[^1]: note\n".to_owned()),
            Just("```rust\nfn x() {}\n```\n".to_owned()),
            Just("```\nunclosed\n".to_owned()),
            Just("*[MASH]: Hub\n".to_owned()),
            Just("[link](page.md#x) ![img](a.png)\n".to_owned()),
            Just("\r\n".to_owned()),
            // What authors get wrong, and what the checks of 2 December read.
            Just("title: Spring newsletter #3\ncolour: #8a1538\n".to_owned()),
            Just("topics: [Training, training, \" Training \"]\ndraft: yes please\n".to_owned()),
            Just("tittle: x\nDate: 31/12/2024\nweight: first\ntitle: again\n".to_owned()),
            Just("title: 'The child's “voice”'\n  - 'é's \"q\"x\"\n".to_owned()),
            Just("title: 'Open\ndescription: it's\n".to_owned()),
            Just("a **b **c \\*\\* **** &ast;&ast;d ** é**\n".to_owned()),
            Just("a __b __c \\_\\_ ____ __ / __ é__ snake__case __ z__\n".to_owned()),
            Just("[a](https://x.safelinks.protection.outlook.com/?url=%E9%&data=a%40|b@) [b](https://é-my.sharepoint.com:/%ZZ/.é) [c](https://www.google.co/url?q=&url=http%3A)\n".to_owned()),
            Just("[h](“”) [i](\"\") [j](‘/files/a b.pdf’) [k](«x») [l](https://docs.google.com/document/d/%ZZ/edit) [m](https://drive.google.com/open?id=é) [n](https://x.webex.com/meet/)\n".to_owned()),
            Just("attachments:\n  - file: 'C:\\'\n  - file: '\\\\server'\n  - file: 'file:'\n".to_owned()),
            Just("[d](https://urldefense.proofpoint.com/v2/url?u=-ZZ-E9_-) [e](https://urldefense.com/v3/____;!!) [f](https://l.facebook.com/l.php?u=%) [g](https://protect-eu.mimecast.com/s/)\n".to_owned()),
            Just(
                "description: |\n  a # b\nbrand: { colour: #0b3b5e }\ntitle: “Curly: q”\n"
                    .to_owned()
            ),
            Just(
                "Os ydych chi'n poeni. {lang-cy} {lang=welsh} [geiriau] {lang=pl} {lang=cy\n"
                    .to_owned()
            ),
            Just("{{< youtube abc >}} {{ chart(title=\"R\") }} {% include \"f\" %}\n".to_owned()),
            Just("See [a b](c d.md) or [t] (x.md) or [p][nowhere].\n".to_owned()),
            Just("##No space\n\n## \n".to_owned()),
            Just("IF YOU ARE WORRIED ABOUT A CHILD CALL NOW.\n".to_owned()),
            Just(
                "<span style=\"mso-x\">Hi</span><o:p></o:p>\n<p class=MsoNormal>W</p>\n".to_owned()
            ),
            Just(
                "<p class=MsoNormal>Go <a href=\"java&#x09;script:x\">x</a> <a href=/p/>p <b>q</a></b><o:p></o:p></p>\n"
                    .to_owned()
            ),
            Just(
                "<meta charset=\"utf-8\"><b id=\"docs-internal-guid-1\"><span style=\"font-weight:700\">G</span> <a href=\"JAVA&#x0A;script:y\"><b>z</a></b> <a href=/q/>q<a href=/r/>r</a>s</a></b>\n"
                    .to_owned()
            ),
            Just("<b>x <span style=\"font-style:italic\">y</b> z</span> <i>w\n".to_owned()),
            Just("Say <span lang=CY>a <b>b</span> c</b> <i><span lang=PL>d</i></span> <span lang=UR>e\n".to_owned()),
            Just(
                "<p class=MsoNormal lang=CY><b>a <span lang=PL style='font-weight:700'>b</b> c</span><span lang=X-NONE>d</span> <span lang=EN-GB></span></p>\n"
                    .to_owned()
            ),
            Just(
                "<table class=MsoTableGrid>\n<tr><td><span lang=CY>a</td><td><p class=MsoNormal lang=PL>b <a href=/x/>c</a></p></td></tr>\n<tr><td>c</td><td>d</span></td></tr>\n</table>\n"
                    .to_owned()
            ),
            Just("· one\n· two\no\tthree\n1)\tfour\n".to_owned()),
            Just("\tTabbed line of prose.\n\nName\tRole\nJo\tChair\n".to_owned()),
            Just("zero\u{200b}width\u{2060}join\u{feff}mark\u{200c}\n".to_owned()),
            Just(
                "<a href=\"java&#x09;script:x\" onclick=y>x</a> <img src=x onerror=\"z\">\n"
                    .to_owned()
            ),
            ".{0,40}",
        ],
        0..20,
    );
    pieces.prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn slugs_are_safe_url_segments(name in ".{0,60}") {
        for slug in [url_slug(&name), slug_from_file_name(&name)] {
            prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{slug:?}");
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'));
            prop_assert!(!slug.contains(".."));
        }
    }

    #[test]
    fn splitting_and_reading_front_matter_never_panics(text in markdownish()) {
        let file = Path::new("content/x.md");
        if let Ok(split) = split_front_matter(&text, file) {
            let _ = parse_front_matter(&split, file, false, &["topics".to_owned()]);
            prop_assert!(split.yaml_line == 2);
        }
    }

    #[test]
    fn markdown_never_panics_and_lines_are_in_the_file(text in markdownish()) {
        let md = &*MARKDOWN;
        let glossary = BTreeMap::from([("MASH".to_owned(), "Multi-Agency Safeguarding Hub".to_owned())]);
        let rendered = md.render(&Input { file: Path::new("x.md"), text: &text, links: &KeepAll, glossary: &glossary, split_parts: true, labels: None, lang: "en", easy_read: false });
        // CommonMark ends a line at `\n`, `\r\n` or a lone `\r`.
        let lines = text.replace("\r\n", "\n").replace('\r', "\n").lines().count().max(1);
        for d in &rendered.diagnostics {
            if let Some(line) = d.line {
                prop_assert!(line >= 1 && line <= lines + 1, "line {line} of {lines}: {d}");
            }
        }
        prop_assert!(!rendered.html.contains("<script"));
        // No link runs a script, however its address was written.
        let addresses: String = rendered.html.to_ascii_lowercase().chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
        prop_assert!(!addresses.contains("href=\"javascript:"), "{}", rendered.html);
        // The markers the Word pass writes while it reads never reach a page.
        let private = |c: char| ('\u{e000}'..='\u{e00a}').contains(&c) || c >= '\u{f0000}';
        if !text.contains(private) {
            prop_assert!(!rendered.html.contains(private), "{:?}", rendered.html);
        }
        // Every span the page opens, it closes (a passage in another language is one).
        prop_assert_eq!(rendered.html.matches("<span").count(), rendered.html.matches("</span>").count(), "{}", rendered.html);
        // A link never holds another: a browser would not read it so.
        let mut depth = 0i32;
        for (i, _) in rendered.html.match_indices('<') {
            let rest = &rendered.html[i..];
            if rest.starts_with("<a ") {
                depth += 1;
                prop_assert!(depth == 1, "{}", rendered.html);
            } else if rest.starts_with("</a>") {
                depth -= 1;
            }
        }
    }

    #[test]
    fn allowed_html_never_reaches_the_page_with_a_script_in_a_tag(text in markdownish()) {
        let glossary = BTreeMap::new();
        let rendered = MARKDOWN_HTML.render(&Input { file: Path::new("x.md"), text: &text, links: &KeepAll, glossary: &glossary, split_parts: true, labels: None, lang: "en", easy_read: false });
        // Every real tag of the page, as a browser reads its name and attributes.
        for tag in rendered.html.split('<').skip(1) {
            // A browser starts a tag only at `<` and a letter (or `/`): `<&lt;a …`
            // is text.
            if !tag.trim_start_matches('/').starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            let tag = tag.split('>').next().unwrap_or("").to_ascii_lowercase().replace(['\t', '\n', '\r'], "");
            prop_assert!(!tag.contains("javascript:") && !tag.contains("&#x09;") && !tag.contains(" onclick") && !tag.contains(" onerror"), "<{tag}>");
        }
    }

    #[test]
    fn link_resolution_never_leaves_the_content_root(href in "(\\.\\./|\\./|/|%2e%2e/|%2f|[a-z]{1,5}/|\\\\){0,8}[a-z]{0,6}(\\.md)?") {
        let links = site_links();
        match links.resolve(Path::new("about"), &href, LinkKind::Link) {
            LinkResolution::Rewrite { href: url, page } => {
                prop_assert!(url.starts_with("/preview/"), "{url}");
                prop_assert!(!url.contains(".."), "{url}");
                if let Some(key) = page {
                    prop_assert!(["_index.md", "about/_index.md", "about/a.md"].contains(&key.as_str()), "{key}");
                }
            }
            LinkResolution::Keep | LinkResolution::Broken { .. } => {}
        }
    }
}

/// Resolves links as the page `about/a.md` of [`site_links`] would.
struct FromAbout(SiteLinks);
impl LinkResolver for FromAbout {
    fn resolve(&self, href: &str, kind: LinkKind) -> LinkResolution {
        self.0.resolve(Path::new("about"), href, kind)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Issue 14: `[x](%aé)` panicked. Any Unicode, with `%` signs before anything,
    /// resolves or is broken, and a page holding it renders.
    #[test]
    fn any_link_target_in_any_unicode_never_panics(href in "\\PC{0,12}(%[0-9a-fA-F]{0,2}\\PC{0,2}){0,6}\\PC{0,8}") {
        let links = FromAbout(site_links());
        for kind in [LinkKind::Link, LinkKind::Image] {
            let _ = links.resolve(&href, kind);
        }
        let text = format!("---\ntitle: A\n---\n\n[x]({href}) [y](<{href}>) ![z]({href}#é)\n");
        let rendered = MARKDOWN.render(&Input { file: Path::new("about/a.md"), text: &text, links: &links, glossary: &BTreeMap::new(), split_parts: false, labels: None, lang: "en", easy_read: false });
        prop_assert!(!rendered.html.is_empty());
    }

    /// Issue 14: addresses from settings and front matter are judged, never panicked on.
    #[test]
    fn any_address_is_judged_without_panic(url in "\\PC{0,4}.{0,30}") {
        let allowed = plainsite::urls::check(&url).is_ok();
        let lower = url.to_lowercase();
        prop_assert!(!(allowed && lower.trim_start().starts_with("javascript:")), "{url:?}");
    }
}

fn page(key: &str, path: &str, is_section: bool) -> Page {
    let rel = PathBuf::from(key);
    Page {
        file: Path::new("content").join(&rel),
        key: key.to_owned(),
        text: String::new(),
        meta: FrontMatter::default(),
        path: path.to_owned(),
        dir: rel.parent().unwrap_or(Path::new("")).to_path_buf(),
        parent: None,
        is_section,
        lang: None,
        translation_of: None,
        revision: 0,
    }
}

fn site_links() -> SiteLinks {
    let content = Content {
        pages: vec![
            page("_index.md", "", true),
            page("about/_index.md", "about/", true),
            page("about/a.md", "about/a/", false),
        ],
        sections: vec![Section {
            index: 0,
            pages: vec![2],
            subsections: vec![1],
        }],
        assets: vec![],
        left_out: Vec::new(),
        not_built: Default::default(),
    };
    SiteLinks::new(&content, "/preview/", Vec::<String>::new())
}
