//! Rendering with minijinja: the template environment and how errors are reported.
//!
//! Built once per build from the theme. Templates receive `site` and `page` view
//! structs (see `views`), never internal types, and never render Markdown.
//! Printing a misspelt variable is an error (semi-strict undefined), and an error
//! names the template file and line and the page being rendered.
//! The theme's words come from `t("key")` (plain text, escaped like any value) and
//! `t_with("key", link=…)` (a sentence with HTML made in the template put in place of
//! its `{link}`), both in the page's language (see [`crate::strings`]).

mod data_file;
mod inline;
pub mod shortcodes;
pub mod views;
mod words;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, context};

use crate::error::Diagnostic;
use crate::strings::Strings;
use crate::theme::Theme;
use views::{PageView, SiteView};

/// The compiled templates of a theme.
pub struct Renderer {
    env: Environment<'static>,
    origins: BTreeMap<String, PathBuf>,
    /// For a built-in template, the name of its copy with the built-in macros
    /// written out in place and its HTML printed without copies (see
    /// `inline`), rendered instead of it.
    fast: BTreeMap<String, String>,
    strings: Arc<Strings>,
}

impl Renderer {
    /// Compiles every template of `theme`; syntax errors come back as diagnostics.
    pub fn new(theme: &Theme) -> Result<Renderer, Vec<Diagnostic>> {
        let mut env = Environment::new();
        env.set_debug(true);
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        env.set_formatter(format_value);
        let mut origins = BTreeMap::new();
        let mut problems = Vec::new();
        let strings = Strings::load(theme, &mut problems);
        let strings = Arc::new(strings);
        let words = words::Words::new(Arc::clone(&strings));
        // `t("key")`: the theme's words for `key` in the page's language. The key
        // is read as `String` reads it (a number as its digits), without a copy.
        env.add_function(
            "t",
            move |state: &minijinja::State, key: Cow<'_, str>| -> minijinja::Value {
                words.get_in(state, &key)
            },
        );
        let words = Arc::clone(&strings);
        // `t_with("key", link=…)`: the same words, escaped, with each `{name}` in them
        // replaced by the argument of that name (HTML made in the template, such as a
        // link, is kept; plain text is escaped as `{{ }}` escapes it).
        env.add_function(
            "t_with",
            move |state: &minijinja::State,
                  key: String,
                  args: minijinja::value::Kwargs|
                  -> Result<minijinja::Value, minijinja::Error> {
                let text =
                    words::with_page_language(state, |lang| words.get(lang, &key).to_owned());
                let text = text.as_str();
                let mut values = BTreeMap::new();
                for name in args.args() {
                    let value: minijinja::Value = args.get(name)?;
                    let html = if value.is_safe() {
                        value.to_string()
                    } else {
                        crate::html::escape(&value.to_string()).replace('\'', "&#x27;")
                    };
                    values.insert(name.to_owned(), html);
                }
                args.assert_all_used()?;
                Ok(minijinja::Value::from_safe_string(fill(text, &values)))
            },
        );
        // What the built-in templates' copies print `{{ x | safe }}` with: a
        // string as it is, without copying it (anything else fails, and the
        // original is rendered instead).
        env.add_function(inline::RAW_HTML, raw_html);
        for (name, text) in &theme.templates {
            let origin = text.origin.display_path();
            if let Err(err) = env.add_template_owned(name.clone(), text.source.clone()) {
                problems.push(template_diagnostic(&err, &origin));
            }
            origins.insert(name.clone(), origin);
        }
        let fast = fast_copies(theme, &mut env);
        for needed in ["page.html", "section.html"] {
            if !origins.contains_key(needed) {
                problems.push(
                    Diagnostic::error(crate::rules::TEMPLATE, Path::new("templates").join(needed), format!("the theme has no `{needed}` template"))
                        .help("add it to the theme's templates/ folder, or remove the theme's folder to use the built-in default theme"),
                );
            }
        }
        if problems.is_empty() {
            Ok(Renderer {
                env,
                origins,
                fast,
                strings,
            })
        } else {
            Err(problems)
        }
    }

    /// Gives templates the `asset("css/site.css")` function, which answers with the
    /// address of that file of the site as `table` names it (fingerprinted in a
    /// build for publishing). Every theme file a template links to goes through it.
    pub fn use_assets(&mut self, table: std::sync::Arc<crate::assets::AssetTable>) {
        // Each address as given the first time (the table's answer for a path
        // does not change), so every page does not build it again.
        let given =
            std::sync::RwLock::new(rustc_hash::FxHashMap::<String, minijinja::Value>::default());
        self.env.add_function("asset", move |path: &str| {
            if let Some(url) = given.read().ok().and_then(|g| g.get(path).cloned()) {
                return Ok(url);
            }
            let url = minijinja::Value::from(table.url(path).map_err(|why| {
                minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, why)
            })?);
            if let Ok(mut given) = given.write() {
                given.insert(path.to_owned(), url.clone());
            }
            Ok(url)
        });
    }

    /// The theme's words in each language.
    pub fn strings(&self) -> &Strings {
        &self.strings
    }

    /// True if the theme has a template of this name.
    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// The theme's templates a page may name in `template:`: those at the top
    /// of `templates/` that are neither a part of a page nor one of the pages
    /// plainsite makes itself (see [`not_for_a_page`]).
    pub fn page_templates(&self) -> Vec<&str> {
        self.origins
            .keys()
            .map(String::as_str)
            .filter(|n| n.ends_with(".html") && !n.contains('/') && not_for_a_page(n).is_none())
            .collect()
    }

    /// Renders `template` for one page: the file's bytes. `site` is the site's
    /// view made into a value once for every page ([`SiteValue`]); `source` is
    /// the page's file, for the error note.
    pub fn render(
        &self,
        template: &str,
        site: &SiteValue,
        page: &PageView,
        source: &Path,
    ) -> Result<Vec<u8>, Box<Diagnostic>> {
        let tmpl = self.env.get_template(template).map_err(|err| {
            let names = self.page_templates();
            let with_html = format!("{template}.html");
            let near = names
                .iter()
                .map(|name| {
                    (
                        strsim::damerau_levenshtein(&with_html, name)
                            .min(strsim::damerau_levenshtein(template, name)),
                        *name,
                    )
                })
                .filter(|(d, _)| *d <= 2)
                .min();
            let plain_name = !template.is_empty()
                && template
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            let help = match near {
                Some((_, name)) if plain_name => {
                    format!("did you mean `template: {name}`? Or create templates/{template}")
                }
                Some((_, name)) => format!("did you mean `template: {name}`?"),
                None => {
                    let list = names.join(", ");
                    format!(
                        "write one of these templates' names, like `template: page.html`: {list}"
                    )
                }
            };
            let d = Diagnostic::error(
                crate::rules::TEMPLATE,
                source,
                format!("the template `{template}` does not exist"),
            )
            .help(help);
            // "Not found" says again what the message says; anything else is news.
            Box::new(match err.kind() {
                minijinja::ErrorKind::TemplateNotFound => d,
                _ => d.note(err.to_string()),
            })
        })?;
        // Room for the page's own HTML and the theme's around it, so the file
        // is seldom copied as it grows.
        let room = page.html_len() + PAGE_ROOM;
        let page = minijinja::Value::from(Serde(page));
        let context = || context! { site => site.0.clone(), page => page.clone() };
        if let Some(fast) = self.fast.get(template)
            && let Ok(copy) = self.env.get_template(fast)
        {
            let mut out = Vec::with_capacity(room);
            // An error is reported from the template itself, below, so that
            // its line is the file's.
            if copy.render_captured_to(context(), &mut out).is_ok() {
                return Ok(out);
            }
        }
        let mut out = Vec::with_capacity(room);
        tmpl.render_captured_to(context(), &mut out)
            .map(|_| out)
            .map_err(|err| {
                let origin = err
                    .name()
                    .and_then(|n| self.origins.get(n))
                    .cloned()
                    .unwrap_or_else(|| PathBuf::from(template));
                let mut d = template_diagnostic(&err, &origin);
                d.note = Some(format!("while rendering {}", source.display()));
                Box::new(d)
            })
    }
}

/// Adds to `env` a copy of each built-in template with the built-in macros
/// written out in place (see `inline`), when the theme's `macros.html` is the
/// built-in one: template name → the copy's name.
fn fast_copies(theme: &Theme, env: &mut Environment<'static>) -> BTreeMap<String, String> {
    let builtin =
        |text: &crate::theme::ThemeText| matches!(text.origin, crate::theme::Origin::Builtin(_));
    let mut fast = BTreeMap::new();
    let Some(macros) = theme.templates.get("macros.html").filter(|t| builtin(t)) else {
        return fast;
    };
    for (name, text) in theme.templates.iter().filter(|(_, t)| builtin(t)) {
        let inlined = inline::inline_macros(&text.source, &macros.source);
        let source = inlined.as_deref().unwrap_or(&text.source);
        if let Some(source) = inline::raw_html(source).or(inlined) {
            // Named to end in `.html`, so it is escaped as the original is.
            let copy = format!("(macros in place)/{name}");
            if env.add_template_owned(copy.clone(), source).is_ok() {
                fast.insert(name.clone(), copy);
            }
        }
    }
    fast
}

/// What a page's file holds besides its own HTML, about (menus, header, footer).
const PAGE_ROOM: usize = 8 * 1024;

/// The site's view as templates see it, made once and shared by every page
/// rendered with it (it is the same for all of them).
#[derive(Debug, Clone)]
pub struct SiteValue(minijinja::Value);

impl SiteValue {
    /// `site` as a template value.
    pub fn new(site: &SiteView) -> SiteValue {
        SiteValue(minijinja::Value::from(Serde(site)))
    }
}

/// Theme words escaped, with each `{name}` that `values` has replaced by its HTML in
/// one pass (a value holding `{other}` is not filled again); other braces are kept.
fn fill(words: &str, values: &BTreeMap<String, String>) -> String {
    let escaped = crate::html::escape(words);
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        match name.and_then(|n| values.get(n).map(|v| (n, v))) {
            Some((name, html)) => {
                out.push_str(html);
                rest = &after[name.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A string a built-in template's copy prints as it is (see `inline::raw_html`).
#[derive(Debug)]
struct RawHtml(minijinja::Value);

impl minijinja::value::Object for RawHtml {
    fn render(self: &Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str().unwrap_or_default())
    }
}

/// `value` to print as it is, for a string; an error for anything else.
fn raw_html(value: &minijinja::Value) -> Result<minijinja::Value, minijinja::Error> {
    match value.as_str() {
        Some(_) => Ok(minijinja::Value::from_object(RawHtml(value.clone()))),
        None => Err(minijinja::Error::from(
            minijinja::ErrorKind::InvalidOperation,
        )),
    }
}

/// Escapes like minijinja's default, except that `/` is left alone: it needs no
/// escaping in HTML text or quoted attributes, and `&#x2f;` in every URL is noise.
fn format_value(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    if let Some(raw) = value.downcast_object_ref::<RawHtml>() {
        let text = raw.0.as_str().unwrap_or_default();
        return out.write_str(text).map_err(minijinja::Error::from);
    }
    if *state.auto_escape() != minijinja::AutoEscape::Html || value.is_safe() {
        return minijinja::escape_formatter(out, state, value);
    }
    let owned;
    let text = if let Some(text) = value.as_str() {
        text
    } else if value.is_none() || value.is_undefined() {
        ""
    } else {
        owned = value.to_string();
        &owned
    };
    // Written in runs: only the five characters HTML needs escaped are replaced.
    let mut rest = text;
    while let Some(at) = first_to_escape(rest.as_bytes()) {
        out.write_str(&rest[..at]).map_err(minijinja::Error::from)?;
        let escaped = match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#x27;",
        };
        out.write_str(escaped).map_err(minijinja::Error::from)?;
        rest = &rest[at + 1..];
    }
    out.write_str(rest).map_err(minijinja::Error::from)
}

/// True for the bytes HTML text and attributes need escaped.
fn needs_escape(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')
}

/// Where the first byte [`needs_escape`] is, looked for eight bytes at a time
/// (most values have none: titles, addresses, the theme's words).
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    // A byte of `v` is zero: its high bit set in the answer. A false mark can
    // only follow a true one, so the lowest mark is exact.
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let marks = [b'&', b'<', b'>', b'"', b'\'']
            .iter()
            .fold(0, |m, &c| m | zero_byte(word ^ (ONES * u64::from(c))));
        if marks != 0 {
            return Some(at + (marks.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| needs_escape(b))
        .map(|i| at + i)
}

fn template_diagnostic(err: &minijinja::Error, origin: &Path) -> Diagnostic {
    let mut message = err.kind().to_string();
    if let Some(detail) = err.detail() {
        message = format!("{message}: {detail}");
    }
    let help = match err.kind() {
        minijinja::ErrorKind::UndefinedError => {
            "check the spelling of the variable, or wrap the line in {% if … %} so pages without it still work"
        }
        minijinja::ErrorKind::SyntaxError => {
            "check that every {{ has a matching }} and every {% if %} or {% for %} has its end tag"
        }
        _ => "check the template near this line",
    };
    let mut d = Diagnostic::error(crate::rules::TEMPLATE, origin, message).help(help);
    d.line = err.line();
    d
}

/// Why a page's `template:` may not name `name`, or `None`: a part of a page
/// (`base.html`, `macros.html`, `partials/…`) shows none of the page's own
/// text, and the pages plainsite makes itself (the search page, a redirect,
/// a print page …) show theirs, not the page's.
pub fn not_for_a_page(name: &str) -> Option<&'static str> {
    match name {
        "base.html" | "macros.html" => Some("a part every page is made from"),
        _ if name.starts_with("partials/") => Some("a part every page is made from"),
        "alias.html" => Some("the page plainsite makes to send an old address to a new one"),
        "print.html" => Some("the printable version plainsite makes of a whole document"),
        "search.html" | "404.html" | "a-z.html" | "glossary.html" | "taxonomy.html"
        | "term.html" => Some("a page plainsite makes itself, with its own words"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_escapes_the_words_and_inserts_each_value_once() {
        let values: BTreeMap<String, String> = [
            ("link".to_owned(), "<a href=\"/a-z/\">A to Z</a>".to_owned()),
            ("name".to_owned(), "{link} &amp; co".to_owned()),
        ]
        .into();
        assert_eq!(
            fill(
                "See the {link}, browser's <b> & \"{name}\" {unknown} {",
                &values
            ),
            "See the <a href=\"/a-z/\">A to Z</a>, browser's &lt;b&gt; &amp; &quot;{link} &amp; co&quot; {unknown} {"
        );
        assert_eq!(fill("", &values), "");
        assert_eq!(fill("{{link}}", &values), "{<a href=\"/a-z/\">A to Z</a>}");
    }

    proptest::proptest! {
        /// The eight-at-a-time search finds what a byte-by-byte one does.
        #[test]
        fn finds_the_first_byte_to_escape_as_one_at_a_time(
            text in "[a-z&<>\"' /é\\x00\\x7f€]{0,40}",
        ) {
            let bytes = text.as_bytes();
            for start in 0..bytes.len().min(9) {
                proptest::prop_assert_eq!(
                    first_to_escape(&bytes[start..]),
                    bytes[start..].iter().position(|&b| needs_escape(b))
                );
            }
        }
    }

    #[test]
    fn format_value_escapes_in_runs_and_keeps_safe_html() -> Result<(), minijinja::Error> {
        let mut env = minijinja::Environment::new();
        env.set_formatter(format_value);
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        env.add_template("t.html", "{{ a }}|{{ b }}|{{ n }}|{{ none }}|{{ c|safe }}")?;
        let out = env.get_template("t.html")?.render(minijinja::context! {
            a => "Fish & \"chips\" <b>it's</b>",
            b => "plain",
            n => 42,
            none => (),
            c => "<em>kept</em>",
        })?;
        assert_eq!(
            out,
            "Fish &amp; &quot;chips&quot; &lt;b&gt;it&#x27;s&lt;/b&gt;|plain|42||<em>kept</em>"
        );
        Ok(())
    }
}
