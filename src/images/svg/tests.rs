//! Tests of [`super`], the SVG cleaner.

use super::{clean, size};

#[test]
fn reads_the_size_an_svg_asks_for() {
    assert_eq!(
        size(r#"<svg xmlns="x" viewBox="0 0 320 80">"#),
        Some((320, 80))
    );
    assert_eq!(
        size(r#"<?xml?><svg width="200px" height='50' viewBox="0 0 1 1"/>"#),
        Some((200, 50))
    );
    assert_eq!(
        size(r#"<svg width="100%" viewBox="0,0,40.4,10">"#),
        Some((40, 10))
    );
    for bad in [
        "",
        "<svg>",
        "<svg viewBox=\"0 0 -1 5\">",
        "<svg viewBox=\"a b c d\">",
        "<svg width=\"1e9\" height=\"1\">",
    ] {
        assert_eq!(size(bad), None, "{bad}");
    }
}

#[test]
fn scripts_handlers_and_outside_references_are_removed() {
    let svg = r##"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "boom">]><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" viewBox="0 0 10 10"><script>alert(2)</script><SCRIPT type="a">x</SCRIPT><svg:script>y</svg:script><a href="javascript:alert(3)"><rect width="5" height="5" ONCLICK='x()' fill="url(#g)"/></a><a xlink:href="&#106;avascript:alert(4)">t</a><image href="https://tracker.example/p.png"/><use href="#icon"/><rect style="fill:url(https://evil.example/x)"/><foreignObject><div>html</div></foreignObject><set attributeName="href" to="javascript:alert(5)"/><!-- note --><a href="https://example.org/">ok</a></svg>"##;
    let out = clean(svg);
    for bad in [
        "alert",
        "script",
        "SCRIPT",
        "onload",
        "ONCLICK",
        "javascript",
        "tracker",
        "evil",
        "foreignObject",
        "<div",
        "ENTITY",
        "boom",
        "note",
        "<set",
    ] {
        assert!(!out.contains(bad), "{bad} in {out}");
    }
    for good in [
        "<?xml version=\"1.0\"?>",
        "viewBox=\"0 0 10 10\"",
        "fill=\"url(#g)\"",
        "<use href=\"#icon\"/>",
        "<a href=\"https://example.org/\">ok</a>",
        "<rect width=\"5\" height=\"5\"",
        "</svg>",
    ] {
        assert!(out.contains(good), "{good} not in {out}");
    }
}

#[test]
fn style_sheets_that_could_fetch_are_dropped_and_plain_ones_kept() {
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/x.css);</style><style type="text/css"><![CDATA[.a{fill:url(https://evil.example/p)}]]></style><svg:style>.b{background:u\72l(//evil.example/q)}</svg:style><STYLE>@font-face{font-family:x;src:url(f.woff)}</STYLE><style>.st0{fill:#8a1538}.st1{fill:url(#g)}</style><rect class="st0" style="fill:u\72l(https://evil.example/r)"/><rect style="fill:#fff"/></svg>"##;
    let out = clean(svg);
    assert!(!out.contains("evil"), "{out}");
    assert!(
        !out.contains("@import") && !out.contains("@font-face"),
        "{out}"
    );
    assert!(
        out.contains("<style>.st0{fill:#8a1538}.st1{fill:url(#g)}</style>"),
        "{out}"
    );
    assert!(out.contains(r#"<rect class="st0"/>"#), "{out}");
    assert!(out.contains(r#"<rect style="fill:#fff"/>"#), "{out}");
    assert_eq!(out.matches("<style").count(), 1, "{out}");
    assert!(
        !out.contains("</style></style>") && !out.contains("</svg:style>"),
        "{out}"
    );
}

#[test]
fn padded_references_and_html_forms_cannot_smuggle_a_script() {
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg"><foo:form xmlns:foo="http://www.w3.org/1999/xhtml" action="&#0000000106;avascript:alert(1)"><foo:button formaction="&#x000006A;avascript:alert(2)">Go</foo:button></foo:form><a href="&#0000000106;avascript:alert(3)">x</a><rect style="fill:u&#0000000114;l(https://evil.example/p)"/><g data="https://evil.example/d" filter="url(#f)"/><meta http-equiv="refresh" content="0;url=javascript:alert(4)"/></svg>"##;
    let out = clean(svg);
    assert!(!out.contains("avascript"), "{out}");
    assert!(!out.contains("evil"), "{out}");
    assert!(!out.contains("form") && !out.contains("meta"), "{out}");
    assert!(out.contains(r#"<g filter="url(#f)"/>"#), "{out}");
    assert_eq!(super::decoded("&#0000000106;&#X00006a;"), "jj");
    let many = "&".repeat(200_000);
    assert_eq!(super::decoded(&many).len(), 200_000);
}

#[test]
fn entities_cannot_smuggle_a_script_into_what_is_published() {
    let svg = r#"<!DOCTYPE svg [<!ENTITY ns "http://www.w3.org/2000/svg"><!ENTITY q 'x" onload="alert(1)'><!ENTITY js "javascript:alert(2)"><!ENTITY s "<script>alert(3)</script>">]><svg xmlns="&ns;"><rect fill="&q;"/><a href="&js;">t</a>&s;</svg>"#;
    let out = clean(svg);
    assert!(!out.contains("alert") && !out.contains("onload"), "{out}");
    assert!(!out.contains("&ns;") && !out.contains("ENTITY"), "{out}");
    assert!(
        out.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg"><rect fill="x"/>"#),
        "{out}"
    );
}

#[test]
fn nested_and_broken_input_cannot_smuggle_a_script() {
    let out = clean("<svg><script><script></script>alert(1)</script><rect/></svg>");
    assert_eq!(out, "<svg><rect/></svg>");
    assert!(!clean("<svg><rect onload='a' ").contains("onload"));
    assert!(!clean("<svg><a href=\"java\tscript:x\">t</a></svg>").contains("script"));
    assert!(!clean("<svg><rect x=\"1\" onclick=\"a\" y=\"2 > 1\"/></svg>").contains("onclick"));
    assert_eq!(clean(""), "");
    assert_eq!(clean("plain text"), "plain text");
}
