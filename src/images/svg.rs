//! SVG cleaning: an SVG file of the site is published without what could run or
//! fetch: no `<script>` (or `foreignObject`, animation that can rewrite links,
//! embedded documents), no `on…` attributes, no `javascript:` or other outside
//! references in `href`/`src` or `url(…)`, no `<style>` sheet with an at-rule
//! (`@import`, `@font-face`), an outside `url(…)` or a CSS escape, no DOCTYPE
//! (its own entities are written out where they are used first, see
//! `entities`), no comments or processing instructions.
//!
//! Runs on the output once the static files and content assets are in it; it
//! reads SVG text and returns SVG text, and knows nothing of pages. It removes
//! rather than rejects: the picture still shows, the risky parts are gone. Links
//! (`<a href>`) may still go to `http(s):` and `mailto:` addresses.

use crate::output::{Output, OutputFile};

mod entities;

/// Attributes whose value is an address a browser may load or go to: only a
/// place in the document (`#id`) is kept, or a web or email address on `<a>`.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "codebase",
    "srcdoc",
    "srcset",
    "ping",
    "manifest",
];

/// Elements dropped with everything inside them (local names, lower case).
const DROPPED: &[&str] = &[
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "base",
    "meta",
    "link",
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "handler",
    "listener",
    "set",
    "animate",
    "animatemotion",
    "animatetransform",
];

/// Replaces every `.svg` copied into `output` with its cleaned text. An SVG that
/// is not UTF-8 text is left out of the output and named in the returned list.
pub fn clean_output(output: &mut Output) -> Vec<String> {
    let svgs: Vec<(String, std::path::PathBuf)> = output
        .iter()
        .filter_map(|(k, f)| match f {
            OutputFile::Copy(p) if k.to_ascii_lowercase().ends_with(".svg") => {
                Some((k.to_owned(), p.clone()))
            }
            _ => None,
        })
        .collect();
    let mut unreadable = Vec::new();
    for (key, path) in svgs {
        match crate::paths::read_file(&path)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
        {
            Some(text) => {
                output.insert(key, OutputFile::Bytes(clean(&text).into_bytes().into()));
            }
            None => {
                output.insert(key.clone(), OutputFile::Bytes(Vec::new().into()));
                unreadable.push(key);
            }
        }
    }
    unreadable
}

/// The SVG `text` without anything that could run a script or fetch a resource.
pub fn clean(text: &str) -> String {
    let text = &*entities::expand(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Depth inside a dropped element: its content is skipped.
    let mut dropping: Option<(String, usize)> = None;
    while let Some(lt) = rest.find('<') {
        if dropping.is_none() {
            out.push_str(&rest[..lt]);
        }
        rest = &rest[lt..];
        let skip_to = |rest: &str, end: &str| rest.find(end).map_or(rest.len(), |i| i + end.len());
        if rest.starts_with("<!--") {
            rest = &rest[skip_to(rest, "-->")..];
            continue;
        }
        if rest.starts_with("<![CDATA[") {
            let n = skip_to(rest, "]]>");
            if dropping.is_none() {
                out.push_str(&rest[..n]);
            }
            rest = &rest[n..];
            continue;
        }
        if rest.starts_with("<!") {
            // DOCTYPE, with any internal subset in brackets.
            let n = match (rest.find('['), rest.find('>')) {
                (Some(b), Some(g)) if b < g => skip_to(rest, "]>").max(skip_to(rest, ">")),
                _ => skip_to(rest, ">"),
            };
            rest = &rest[n..];
            continue;
        }
        if rest.starts_with("<?") {
            let n = skip_to(rest, "?>");
            if rest.starts_with("<?xml ") && dropping.is_none() {
                out.push_str(&rest[..n]);
            }
            rest = &rest[n..];
            continue;
        }
        let Some(end) = tag_end(rest) else {
            break; // An unclosed tag: the rest is not kept.
        };
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        let body = tag.trim_start_matches('/').trim_end_matches('/');
        let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
        let name = &body[..name_end];
        let local = name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase();
        if let Some((dropped, depth)) = &mut dropping {
            if local == *dropped {
                if closing {
                    *depth -= 1;
                } else if !self_closing {
                    *depth += 1;
                }
                if *depth == 0 {
                    dropping = None;
                }
            }
            continue;
        }
        let risky_style =
            local == "style" && !closing && !self_closing && fetches(style_text(rest));
        if DROPPED.contains(&local.as_str()) || risky_style {
            if !closing && !self_closing {
                dropping = Some((local, 1));
            }
            continue;
        }
        if closing {
            out.push_str(&format!("</{name}>"));
            continue;
        }
        out.push('<');
        out.push_str(name);
        for (attr, value) in attributes(&body[name_end..]) {
            if keeps(&local, &attr, &value) {
                out.push_str(&format!(" {attr}=\"{}\"", value.replace('"', "&quot;")));
            }
        }
        out.push_str(if self_closing { "/>" } else { ">" });
    }
    if dropping.is_none() && !rest.contains('<') {
        out.push_str(rest);
    }
    out
}

/// The size an SVG file asks to be drawn at: its root's `width` and `height` in
/// pixels, or else the width and height of its `viewBox`; rounded, at least 1.
pub fn size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..];
    let end = tag_end(tag)?;
    let attrs = attributes(tag[4..end].trim_end_matches('/'));
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim().to_owned())
    };
    let number = |v: &str| -> Option<f64> {
        let n: f64 = v.strip_suffix("px").unwrap_or(v).trim().parse().ok()?;
        (n.is_finite() && n > 0.0 && n < 100_000.0).then_some(n)
    };
    let (w, h) = match (
        get("width").as_deref().and_then(number),
        get("height").as_deref().and_then(number),
    ) {
        (Some(w), Some(h)) => (w, h),
        _ => {
            let view = get("viewBox")?;
            let parts: Vec<f64> = view
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|p| !p.is_empty())
                .filter_map(|p| p.parse().ok())
                .collect();
            match parts[..] {
                [_, _, w, h] => (number(&w.to_string())?, number(&h.to_string())?),
                _ => return None,
            }
        }
    };
    Some(((w.round() as u32).max(1), (h.round() as u32).max(1)))
}

/// The index of the `>` that ends the tag at the start of `s`, quotes respected.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// `name="value"` pairs of a tag (values as written, entities included).
fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_owned();
        rest = rest[name_end..].trim_start();
        let Some(after_eq) = rest.strip_prefix('=') else {
            // A bare attribute is not XML; leave it out.
            rest = rest.trim_start();
            if name.is_empty() {
                break;
            }
            continue;
        };
        let after_eq = after_eq.trim_start();
        let Some(q) = after_eq.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(close) = after_eq[1..].find(q) else {
            break;
        };
        out.push((name, after_eq[1..1 + close].to_owned()));
        rest = after_eq[close + 2..].trim_start();
    }
    out
}

/// Whether attribute `attr` with `value` may stay on element `element`.
fn keeps(element: &str, attr: &str, value: &str) -> bool {
    let name = attr.to_ascii_lowercase();
    let local = name.rsplit(':').next().unwrap_or(&name);
    if local.starts_with("on") || name.is_empty() || attr.contains(['<', '&']) {
        return false;
    }
    let plain = decoded(value);
    if plain.contains("javascript:") || plain.contains("vbscript:") || plain.contains("expression(")
    {
        return false;
    }
    if plain.contains("url(") && !only_local_urls(&plain) {
        return false;
    }
    // A CSS escape can spell `url(` (`u\72l(`): not kept where CSS is read.
    if plain.contains('\\') && (local == "style" || plain.contains('(')) {
        return false;
    }
    if URL_ATTRIBUTES.contains(&local) {
        let link_ok = element == "a"
            && ["https:", "http:", "mailto:"]
                .iter()
                .any(|s| plain.starts_with(s));
        return plain.starts_with('#') || link_ok;
    }
    true
}

/// The text of a `<style>` element, from just after its start tag in `rest` to
/// its end tag (or the end of the file).
fn style_text(rest: &str) -> &str {
    let lower = rest.to_ascii_lowercase();
    let end = lower
        .match_indices("</")
        .map(|(i, _)| i)
        .find(|&i| {
            let name = &lower[i + 2..];
            let name = name
                .split(|c: char| c == '>' || c.is_whitespace())
                .next()
                .unwrap_or("");
            name.rsplit(':').next() == Some("style")
        })
        .unwrap_or(rest.len());
    &rest[..end]
}

/// True when style sheet text could fetch something or hide what it does: an
/// `@import` or any other at-rule (`@font-face` loads fonts), a `url(` that
/// leaves the document, or a backslash (`u\72l(` is `url(` to a browser).
fn fetches(css: &str) -> bool {
    let plain = decoded(css);
    plain.contains('@')
        || plain.contains('\\')
        || plain.contains("expression(")
        || (plain.contains("url(") && !only_local_urls(&plain))
}

/// True when every `url(` in a value points inside the document (`url(#id)`).
fn only_local_urls(plain: &str) -> bool {
    plain
        .split("url(")
        .skip(1)
        .all(|part| part.trim_start_matches(['\'', '"', ' ']).starts_with('#'))
}

/// `value` with character references decoded, spaces and control characters
/// removed and letters lowered, as a browser would read it for its scheme.
fn decoded(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // Leading zeros make a reference as long as its writer likes
        // (`&#0000000106;` is `j`): the whole run of its characters is read,
        // and only that run, so many `&` cost no more than one.
        let run = rest[1..]
            .bytes()
            .take_while(|b| *b == b'#' || b.is_ascii_alphanumeric())
            .count();
        let Some(semi) = Some(run + 1).filter(|&i| rest.as_bytes().get(i) == Some(&b';')) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => {
                u32::from_str_radix(e[2..].trim_start_matches('0'), 16)
                    .ok()
                    .or_else(|| e[2..].bytes().all(|b| b == b'0').then_some(0))
                    .and_then(char::from_u32)
            }
            e if e.starts_with('#') => e[1..]
                .trim_start_matches('0')
                .parse()
                .ok()
                .or_else(|| e[1..].bytes().all(|b| b == b'0').then_some(0))
                .and_then(char::from_u32),
            _ => None,
        };
        out.push(c.unwrap_or('\u{fffd}'));
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    out.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests;
