//! Tests of link resolution in Markdown: the one address rule, broken links
//! and images at their position, fragments and rewritten addresses.

use super::*;
use crate::markdown::tests::{FakeResolver, parse_with, with_page};

fn links_under<'a>(root: &'a AstNode<'a>) -> Vec<&'a AstNode<'a>> {
    crate::markdown::tree::nodes_where(root, |v| {
        matches!(v, NodeValue::Link(_) | NodeValue::Image(_))
    })
}

#[test]
fn an_email_link_with_a_slip_in_its_address_is_a_broken_link() {
    let page = with_page(
        "Write to [the unit](mailto:unit@example,org), [the team](mailto:team@@example.org) or [us](mailto:a@example.org,b@example.org?subject=Hi).\n",
    );
    let found: Vec<_> = page
        .diagnostics
        .iter()
        .filter(|d| d.rule == "broken-link")
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].contains("has ',' after the `@` (a full stop was meant?)"),
        "{found:?}"
    );
    assert!(found[1].contains("has more than one `@`"), "{found:?}");
    for (address, ok) in [
        ("unit@example.org", true),
        ("first.last+tag@sub.example.co.uk", true),
        ("unit@localhost", false),
        ("unit@-example.org", false),
        ("un it@example.org", false),
        ("@example.org", false),
        ("unit.example.org", false),
    ] {
        assert_eq!(
            crate::urls::email_problem(address).is_none(),
            ok,
            "{address}"
        );
    }
}

#[test]
fn a_phone_link_is_dialled_without_its_spaces_and_says_the_number_as_written() {
    let page = with_page(
        "Please [ring 0800 123 4567](<tel:0800 123 4567>) or [the line](tel:+44-1632-960000).\n",
    );
    let html = page.html.to_string();
    assert!(
        html.contains(r#"<a href="tel:08001234567">ring 0800 123 4567</a>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="tel:+441632960000">the line</a>"#),
        "{html}"
    );
    assert!(
        page.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        page.diagnostics
    );
}

#[test]
fn a_phone_link_with_an_extension_in_its_number_is_broken_and_says_what_to_do() {
    let page = with_page(
        "Ring [the team, extension 2](<tel:01632 960000 ext 2>) or [the desk](tel:01632960000;ext=3).\n",
    );
    let found: Vec<_> = page
        .diagnostics
        .iter()
        .filter(|d| d.rule == crate::rules::BROKEN_LINK)
        .collect();
    assert_eq!(found.len(), 1, "{:?}", page.diagnostics);
    assert_eq!((found[0].line, found[0].col), (Some(1), Some(6)));
    assert!(found[0].message.contains("`ext`"), "{}", found[0].message);
    assert!(
        found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("extension 2](tel:01632960000)")),
        "{:?}",
        found[0].help
    );
}

#[test]
fn a_script_address_or_one_without_its_scheme_is_a_broken_link() {
    let page = with_page(
        "See [this](javascript:alert(1)), [that](//evil.example/x) and ![A chart](JavaScript:alert(2)).\n",
    );
    let found: Vec<_> = page
        .diagnostics
        .iter()
        .filter(|d| d.rule == "broken-link")
        .map(|d| (d.col, d.is_error(), d.message.clone()))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[0]
            .2
            .contains("starts with `javascript:`, which a page may not link to")
    );
    assert!(found[1].2.contains("leaves out the scheme"));
    assert!(found[2].2.starts_with("broken image:"));
}

#[test]
fn a_link_or_image_with_no_address_or_one_on_this_computer_is_broken() {
    let page = with_page(
        "See [the plan]() and [the news](< >), ![A chart]() and [the list](http://localhost:1111/news/).\n\n[Top](#)\n",
    );
    let found: Vec<_> = page
        .diagnostics
        .iter()
        .filter(|d| d.rule == "broken-link")
        .map(|d| (d.col, d.message.clone(), d.help.clone()))
        .collect();
    assert_eq!(found.len(), 4, "{found:?}");
    assert_eq!(found[0].0, Some(5));
    assert_eq!(found[0].1, "broken link: it has no address");
    assert!(found[1].1.ends_with("it has no address"));
    assert_eq!(found[2].1, "broken image: it has no address");
    assert!(
        found[3].1.contains("is on your own computer (`localhost`)"),
        "{found:?}"
    );
    assert!(
        found[3].2.as_deref().unwrap_or("").contains("`/news/`"),
        "{found:?}"
    );
}

#[test]
fn external_urls_are_recognised() {
    for url in [
        "https://x.org",
        "http://x",
        "mailto:a@b.c",
        "tel:+44123",
        "//cdn.x/y",
    ] {
        assert!(is_external(url), "{url}");
    }
    for url in [
        "x.md",
        "../a/b.md#c",
        "#top",
        "/abs/path",
        "a:b/c.md".trim_start_matches("a:"),
    ] {
        assert!(!is_external(url), "{url}");
    }
}

#[test]
fn resolver_gets_hrefs_without_fragments_and_never_external_ones() {
    let resolver = FakeResolver::default();
    let md = "[a](x.md#part) [b](https://e.org) ![c](pic.png) [d](#local) [e](plain)\n";
    let report = parse_with(md, |root| {
        resolve_links(&links_under(root), Path::new("p.md"), &resolver, None)
    });
    let calls = resolver.calls.lock().unwrap().clone();
    assert_eq!(
        calls,
        vec![
            ("x.md".into(), LinkKind::Link),
            ("pic.png".into(), LinkKind::Image),
            ("plain".into(), LinkKind::Link)
        ]
    );
    assert_eq!(
        report.fragments,
        vec![
            FragmentLink {
                page: Some("x".into()),
                fragment: "part".into(),
                line: 1,
                col: 1
            },
            FragmentLink {
                page: None,
                fragment: "local".into(),
                line: 1,
                col: 49
            },
        ]
    );
}

#[test]
fn an_image_from_another_site_is_broken_only_where_headers_forbid_it() {
    let resolver = FakeResolver::default();
    let md = "![A chart](https://example.org/chart.png) ![Logo](HTTP://example.org/l.png)\n\n[a page](https://example.org/) ![Mine](chart.png)\n";
    let report = parse_with(md, |root| {
        resolve_links(
            &links_under(root),
            Path::new("p.md"),
            &resolver,
            Some("netlify"),
        )
    });
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.line, d.col, d.message.as_str()))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (Some(1), Some(1)));
    assert!(
        found[0].2.starts_with("broken image `https://example.org/chart.png`: it is on another site, and the security headers written for `hosting: netlify`"),
        "{found:?}"
    );
    assert_eq!((found[1].0, found[1].1), (Some(1), Some(43)));
    // With no host sending headers, the same images are the author's choice.
    let report = parse_with(md, |root| {
        resolve_links(&links_under(root), Path::new("p.md"), &resolver, None)
    });
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

#[test]
fn rewritten_links_keep_their_fragment() {
    let html = with_page("See [a](x.md#part) and ![p](pic.png).\n").html;
    assert!(html.contains(r##"href="/x/#part""##), "{html}");
    assert!(html.contains(r#"src="/pic.png""#), "{html}");
}

#[test]
fn every_broken_link_is_reported_with_its_position() {
    let resolver = FakeResolver::default();
    let md = "---\ntitle: t\n---\n[one](missing.md)\n\nand [two](missing.md#x)\n";
    let report = parse_with(md, |root| {
        resolve_links(&links_under(root), Path::new("c/p.md"), &resolver, None)
    });
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.line, d.col, d.message.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                Some(4),
                Some(1),
                "broken link `missing.md`: no such page".to_owned()
            ),
            (
                Some(6),
                Some(5),
                "broken link `missing.md#x`: no such page".to_owned()
            ),
        ]
    );
    assert_eq!(
        report.diagnostics[0].help.as_deref(),
        Some("check the file name")
    );
    assert_eq!(report.diagnostics[0].rule, "broken-link");
    assert!(report.diagnostics[0].is_error());
}

#[test]
fn an_address_in_quotation_marks_is_found_in_them() {
    for (url, inside) in [
        ("\"plan.md\"", Some("plan.md")),
        (
            "“https://www.example.org/”",
            Some("https://www.example.org/"),
        ),
        ("‘chart.png’", Some("chart.png")),
        ("'plan.md'", Some("plan.md")),
        ("“a” and “b”", None),
        ("\"\"", None),
        ("“ ”", None),
        ("\"", None),
        ("plan.md", None),
        ("\"plan.md", None),
        ("it's.md", None),
        ("", None),
    ] {
        assert_eq!(unquoted(url), inside, "{url}");
    }
}
