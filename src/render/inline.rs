//! Macro calls of the built-in theme written out in place: a faster copy of a
//! built-in template, in which each `{{ m.name(args) }}` of the built-in
//! `macros.html` is replaced by that macro's body inside `{% with %}`, and each
//! `{{ x | safe }}` prints `x` through a function that does not copy it
//! ([`raw_html`]).
//!
//! Part of `render`. A minijinja macro call costs some ten thousand instructions
//! before its body runs (a new frame from the macro's closure, the output caught
//! and copied), and the built-in page templates make five to eight a page. The
//! body in a `{% with param = arg %}` block gives the same bytes: the macro's own
//! whitespace control is kept by trimming the body as its `-%}` and `{%-` did, its
//! `{% set %}`s stay inside the block, and its parameters are bound as in the call.
//! Only macros whose body reads nothing but its parameters, the theme's functions
//! and its own names are written out ([`INLINED`]); a call of any other, or in any
//! other form, is left as it is. The renderer uses this copy only when both files
//! are the built-in ones (a site's own `macros.html` keeps its meaning), and
//! reports an error from the original, so line numbers are the file's.

use std::collections::BTreeMap;

/// The built-in macros written out in place. Each body names only its
/// parameters, `t`, `t_with`, loop variables and names it sets itself (a body in
/// a `{% with %}` also sees the caller's names, which a macro does not).
pub(super) const INLINED: &[&str] = &[
    "lead",
    "dates",
    "updates",
    "topics",
    "listing",
    "chapters",
    "prev_next",
    "toc",
    "pagination",
    "event",
    "events_listing",
    "versions",
];

/// A macro of `macros.html`: its parameters (name, default) and its body as it
/// is output (trimmed as its tags' whitespace control trims it).
struct Macro<'s> {
    params: Vec<(&'s str, Option<&'s str>)>,
    body: &'s str,
}

/// The macros of `source` in the one form written out: `{% macro name(params) -%}`
/// … `{%- endmacro %}`, each parameter a name or `name=literal`.
fn macros(source: &str) -> BTreeMap<&str, Macro<'_>> {
    const OPEN: &str = "{% macro ";
    const CLOSE: &str = "{%- endmacro %}";
    let mut out = BTreeMap::new();
    let mut rest = source;
    while let Some(at) = rest.find(OPEN) {
        rest = &rest[at + OPEN.len()..];
        let Some(tag_end) = rest.find(") -%}") else {
            break;
        };
        let head = &rest[..tag_end];
        let after_tag = &rest[tag_end + ") -%}".len()..];
        let Some(end) = after_tag.find(CLOSE) else {
            break;
        };
        rest = &after_tag[end + CLOSE.len()..];
        let Some((name, params)) = head.split_once('(') else {
            continue;
        };
        let params: Option<Vec<_>> = params
            .split(',')
            .map(|p| match p.split_once('=') {
                Some((name, default)) => Some((name.trim(), Some(default.trim()))),
                None => Some((p.trim(), None)),
            })
            .map(|p| p.filter(|(name, _)| is_name(name)))
            .collect();
        let body = &after_tag[..end];
        if let Some(params) = params
            && !body.contains("{% macro")
        {
            out.insert(
                name.trim(),
                Macro {
                    params,
                    body: body.trim(),
                },
            );
        }
    }
    out
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The arguments of a call: positional only, split at top-level commas (none in
/// brackets or quotes), or `None` for any other form.
fn arguments(args: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None, 0);
    for (i, c) in args.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                out.push(args[start..i].trim());
                start = i + 1;
            }
            (None, '=') if depth == 0 => return None,
            _ => {}
        }
    }
    if quote.is_some() || depth != 0 {
        return None;
    }
    out.push(args[start..].trim());
    out.retain(|a| !a.is_empty());
    Some(out)
}

/// The function a copy prints `{{ x | safe }}` with (see [`raw_html`]).
pub(super) const RAW_HTML: &str = "__plainsite_html";

/// `template` with each `{{ path | safe }}` (an attribute path such as
/// `page.content`) printed through [`RAW_HTML`] instead, which writes a string
/// as it is without the two copies the `safe` filter makes of it (the page's
/// HTML is the longest text a template prints); `None` when there is none.
pub(super) fn raw_html(template: &str) -> Option<String> {
    rewrite_each(template, "{{ ", |after| {
        let path = after
            .find(" | safe }}")
            .map(|end| &after[..end])
            .filter(|p| {
                !p.is_empty()
                    && p.split('.').all(is_name)
                    && p.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            })?;
        Some((
            format!("{{{{ {RAW_HTML}({path}) }}}}"),
            path.len() + " | safe }}".len(),
        ))
    })
}

/// `template` with each `marker` and what follows it rewritten by `rewrite`,
/// which is given the text after the marker and answers with the text to write
/// in place of the marker and how many bytes after it that replaces; where it
/// answers `None`, the marker is kept and the scan goes on after it. `None`
/// when nothing was rewritten.
fn rewrite_each(
    template: &str,
    marker: &str,
    mut rewrite: impl FnMut(&str) -> Option<(String, usize)>,
) -> Option<String> {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    let mut changed = false;
    while let Some(at) = rest.find(marker) {
        out.push_str(&rest[..at]);
        let after = &rest[at + marker.len()..];
        match rewrite(after) {
            Some((text, len)) => {
                out.push_str(&text);
                rest = after.get(len..).unwrap_or_default();
                changed = true;
            }
            None => {
                out.push_str(marker);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// `template` (which imports `macros.html` as `m`) with each `{{ m.name(args) }}`
/// of an [`INLINED`] macro of `macros_source` written out; `None` when nothing was.
pub(super) fn inline_macros(template: &str, macros_source: &str) -> Option<String> {
    if !template.contains("{% import \"macros.html\" as m %}") {
        return None;
    }
    let defined = macros(macros_source);
    rewrite_each(template, "{{ m.", |call| {
        let end = call.find(") }}")?;
        let (name, args) = call[..end].split_once('(')?;
        let found = defined
            .get(name)
            .filter(|_| INLINED.contains(&name) && is_name(name))?;
        let args = arguments(args)?;
        if args.len() > found.params.len() {
            return None;
        }
        let mut bound = Vec::new();
        for (i, (param, default)) in found.params.iter().enumerate() {
            let value = args.get(i).copied().or(*default)?;
            // Bound in turn: a later argument must not read an earlier name.
            let earlier = found.params[..i].iter().any(|(p, _)| value.contains(p));
            if earlier {
                return None;
            }
            bound.push(format!("{param} = {value}"));
        }
        Some((
            format!(
                "{{% with {} %}}{}{{% endwith %}}",
                bound.join(", "),
                found.body
            ),
            end + ") }}".len(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MACROS: &str = "{% macro lead(page) -%}\n{% if page.d %}<p>{{ page.d }}</p>{% endif %}\n{%- endmacro %}\n\n{% macro listing(items, level=2) -%}\n{%- set n = items | length %}<h{{ level }}>{{ n }}</h{{ level }}>\n{%- endmacro %}\n{% macro toc(items) %}keep{% endmacro %}";

    #[test]
    fn writes_each_listed_call_in_place_with_its_parameters_bound() {
        let page = "{% import \"macros.html\" as m %}\nA\n{{ m.lead(page) }}\n{{ m.listing(page.pages) }}|{{ m.listing(x, 3) }}";
        assert_eq!(
            inline_macros(page, MACROS).as_deref(),
            Some(
                "{% import \"macros.html\" as m %}\nA\n{% with page = page %}{% if page.d %}<p>{{ page.d }}</p>{% endif %}{% endwith %}\n{% with items = page.pages, level = 2 %}{%- set n = items | length %}<h{{ level }}>{{ n }}</h{{ level }}>{% endwith %}|{% with items = x, level = 3 %}{%- set n = items | length %}<h{{ level }}>{{ n }}</h{{ level }}>{% endwith %}"
            )
        );
    }

    #[test]
    fn leaves_other_calls_and_templates_alone() {
        let import = "{% import \"macros.html\" as m %}";
        for call in [
            "{{ m.toc(page) }}",          // not in the `-%}` form
            "{{ m.lead(page, 2) }}",      // too many arguments
            "{{ m.lead(page=page) }}",    // keyword
            "{{ m.nothing(page) }}",      // no such macro
            "{{ m.listing(\"a, (b\") }}", // quoted brackets are kept whole…
            "{{- m.lead(page) }}",        // whitespace control of its own
            "{{ m.listing(items=1) }}",
        ] {
            let template = format!("{import}{call}");
            let out = inline_macros(&template, MACROS);
            if call.contains("\"a, (b\"") {
                assert!(
                    out.is_some_and(|o| o.contains("items = \"a, (b\"")),
                    "{call}"
                );
            } else {
                assert_eq!(out, None, "{call}");
            }
        }
        assert_eq!(
            inline_macros("{{ m.lead(page) }}", MACROS),
            None,
            "no import"
        );
        assert_eq!(
            arguments("a, b(c, d), [e, f], 'g,h'"),
            Some(vec!["a", "b(c, d)", "[e, f]", "'g,h'"])
        );
        assert_eq!(arguments("a)"), None);
    }

    #[test]
    fn prints_attribute_paths_marked_safe_through_the_raw_function() {
        assert_eq!(
            raw_html("<p>{{ a }}{{ page.content | safe }}|{{ x|safe }}|{{ y | safe | length }}|{{ f(x) | safe }}|{{ part.html | safe }}"),
            Some("<p>{{ a }}{{ __plainsite_html(page.content) }}|{{ x|safe }}|{{ y | safe | length }}|{{ f(x) | safe }}|{{ __plainsite_html(part.html) }}".to_owned())
        );
        assert_eq!(raw_html("{{ a | safe }"), None);
    }

    /// Every built-in template with calls written out renders the same bytes as
    /// the original, for pages with and without each thing the macros show.
    #[test]
    fn built_in_copies_render_as_the_originals() -> Result<(), minijinja::Error> {
        use crate::render::views::*;
        let theme = crate::theme::Theme::builtin();
        let macros = &theme.templates["macros.html"].source;
        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
        env.add_function("t", |key: String| format!("<{key}>"));
        env.add_function("t_with", |key: String, _args: minijinja::value::Kwargs| {
            format!("[{key}]")
        });
        env.add_function("asset", |path: String| format!("/{path}"));
        env.set_formatter(super::super::format_value);
        env.add_function(RAW_HTML, super::super::raw_html);
        let mut copies = Vec::new();
        for (name, text) in &theme.templates {
            env.add_template_owned(name.clone(), text.source.clone())?;
            let inlined = inline_macros(&text.source, macros);
            let source = inlined.as_deref().unwrap_or(&text.source);
            if let Some(copy) = raw_html(source).or(inlined) {
                let fast = format!("(macros in place)/{name}");
                env.add_template_owned(fast.clone(), copy)?;
                copies.push((name.clone(), fast));
            }
        }
        assert!(copies.len() >= 8, "{copies:?}");
        let link = |n: &str| LinkView {
            title: format!("<{n}>"),
            url: format!("/{n}/"),
            current: n == "b",
        };
        let date = Some(DateView::new(jiff::civil::date(2024, 9, 22)));
        let summary = SummaryView {
            title: "S & s".into(),
            url: "/s/".into(),
            description: "d".into(),
            date: date.clone(),
            updated: date.clone(),
            pinned: true,
            event: Some(crate::events::EventView::default()),
        };
        let html = |text: &str| crate::html::Html::from(format!("<p>{text} & <b>'</b></p>"));
        let full = PageView {
            content: html("body"),
            intro: html("intro"),
            parts: vec![PartView {
                number: 1,
                title: "P".into(),
                id: "p".into(),
                html: html("part"),
            }],
            print_chapters: vec![PrintChapterView {
                number: 1,
                title: "C".into(),
                id: "c".into(),
                url: "/c/".into(),
                html: html("chapter"),
            }],
            kind: "page",
            title: "T".into(),
            description: Some("D <d>".into()),
            date: date.clone(),
            updated: date.clone(),
            outdated: date.clone(),
            changes: vec![ChangeView {
                date: date
                    .clone()
                    .unwrap_or_else(|| DateView::new(jiff::civil::date(2020, 1, 1))),
                note: "n".into(),
            }],
            topics: vec![link("a"), link("b")],
            toc: vec![
                TocItem {
                    level: 2,
                    id: "a".into(),
                    title: "A".into(),
                },
                TocItem {
                    level: 3,
                    id: "b".into(),
                    title: "B".into(),
                },
                TocItem {
                    level: 2,
                    id: "c".into(),
                    title: "C".into(),
                },
            ],
            document: Some(DocumentView {
                title: "Doc".into(),
                url: "/doc/".into(),
                chapters: vec![ChapterView {
                    number: 1,
                    title: "One".into(),
                    url: "/one/".into(),
                    current: true,
                }],
                previous: Some(link("p")),
                next: Some(link("n")),
                print_url: Some("/doc/print/".into()),
            }),
            translations: vec![TranslationView {
                code: "cy".into(),
                name: "Cymraeg".into(),
                dir: "ltr",
                url: "/cy/".into(),
                permalink: "x".into(),
                title: "T".into(),
                current: false,
            }],
            easy_read: Some(link("e")),
            full_version: Some(link("f")),
            pages: vec![summary.clone(), summary.clone()],
            subsections: vec![summary.clone()],
            latest: vec![summary],
            paginator: Some(PaginatorView {
                current: 2,
                total: 3,
                previous: Some("/1/".into()),
                next: Some("/3/".into()),
                pages: vec![link("1"), link("b")],
            }),
            event: Some(crate::events::EventView {
                booking_url: Some("/book/".into()),
                location: Some("L".into()),
                places: Some(3),
                ..Default::default()
            }),
            events: Some(EventsNav {
                upcoming: link("u"),
                past: link("p"),
                calendar: link("c"),
                showing_past: false,
            }),
            ..PageView::default()
        };
        let bare = PageView {
            kind: "section",
            title: "Bare".into(),
            ..PageView::default()
        };
        let past_events = PageView {
            events: full.events.clone().map(|e| EventsNav {
                showing_past: true,
                ..e
            }),
            ..bare.clone()
        };
        let no_events = PageView {
            events: full.events.clone(),
            ..bare.clone()
        };
        let site = minijinja::Value::from(minijinja::value::Serde(SiteView {
            title: "Site".into(),
            description: String::new(),
            language: "en-GB".into(),
            base_url: "https://example.org/".into(),
            base_path: "/".into(),
            menu: vec![link("a")],
            footer_menu: vec![link("b")],
            report_concern: None,
            contact: None,
            taxonomies: Vec::new(),
            extra: BTreeMap::new(),
            brand: crate::brand::Brand::default(),
            quick_exit: None,
            stylesheets: Vec::new(),
            dir: "ltr",
            languages: Vec::new(),
        }));
        let mut rendered = 0;
        for page in [&full, &bare, &past_events, &no_events] {
            let context =
                minijinja::context! { site => site.clone(), page => minijinja::value::Serde(page) };
            for (name, fast) in &copies {
                let original = env.get_template(name)?.render(context.clone());
                let copy = env.get_template(fast)?.render(context.clone());
                match (original, copy) {
                    (Ok(a), Ok(b)) => {
                        assert_eq!(a, b, "{name} for {}", page.title);
                        rendered += 1;
                    }
                    // A print page needs its document.
                    (Err(_), Err(_)) if name == "print.html" && page.document.is_none() => {}
                    (a, b) => panic!("{name} for {}: {a:?} against {b:?}", page.title),
                }
            }
        }
        assert_eq!(
            rendered,
            copies.len() * 4 - 3,
            "every copy renders every page"
        );
        Ok(())
    }
}
