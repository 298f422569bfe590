//! Shortcode templates: the theme's `shortcodes/` folder as a small minijinja
//! environment of its own.
//!
//! Built once per build, before Markdown, and handed to it as a
//! [`Shortcodes`] handle; it holds no page templates, so
//! a page's Markdown can never reach them. A template sees `name`, `args` (the fence
//! line's `key="value"` pairs), `rows` (the block's rows, or the rows of the CSV file
//! named by `file="…"` in `data/`) and `id` (unique on the page). It may use the
//! `number` filter (`"10,178"` → 10178) and `fail("what to do")` to reject a call.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value, context};

use crate::error::Diagnostic;
use crate::markdown::{ShortcodeCall, ShortcodeError, Shortcodes};
use crate::theme::Theme;

/// The compiled shortcode templates of a theme, and where to find data files.
pub struct ShortcodeSet {
    env: Environment<'static>,
    origins: BTreeMap<String, PathBuf>,
    /// What each template says of itself (see [`Reads`]).
    reads: BTreeMap<String, Reads>,
    data_dir: PathBuf,
}

impl ShortcodeSet {
    /// Compiles every shortcode of `theme`; `root` is the site's folder, whose
    /// `data/` holds the files that `file="…"` names. Syntax errors come back as
    /// diagnostics.
    pub fn new(theme: &Theme, root: &Path) -> Result<ShortcodeSet, Vec<Diagnostic>> {
        let mut env = Environment::new();
        env.set_debug(true);
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        // Names have no `.html`, so say so: everything a shortcode prints is escaped.
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.add_filter("number", number);
        env.add_test("figure", |value: Value| number(value).is_ok());
        env.add_function("fail", fail);
        let mut origins = BTreeMap::new();
        let mut reads = BTreeMap::new();
        let mut problems = Vec::new();
        for (name, text) in &theme.shortcodes {
            let origin = text.origin.display_path();
            reads.insert(name.clone(), Reads::of(&text.source, &text.origin));
            if let Err(err) = env.add_template_owned(name.clone(), text.source.clone()) {
                let mut d = Diagnostic::error(crate::rules::SHORTCODE, &origin, describe(&err))
                    .help("check that every {{ has a matching }} and every {% if %} or {% for %} has its end tag");
                d.line = err.line();
                problems.push(d);
            }
            origins.insert(name.clone(), origin);
        }
        if problems.is_empty() {
            Ok(ShortcodeSet {
                env,
                origins,
                reads,
                data_dir: root.join("data"),
            })
        } else {
            Err(problems)
        }
    }

    fn rows(&self, call: &ShortcodeCall) -> Result<Vec<Vec<String>>, ShortcodeError> {
        let Some(file) = call.args.get("file") else {
            return Ok(call.rows.clone());
        };
        let error = |message: String, help: &str| ShortcodeError {
            message,
            help: help.to_owned(),
            note: None,
            cell: None,
        };
        if !call.rows.is_empty() {
            return Err(error(
                "it has both `file=` and rows of its own".to_owned(),
                "keep the rows in the data file and remove them from the page, or remove `file=`",
            ));
        }
        let rel = Path::new(file);
        let inside = rel.components().all(|c| matches!(c, Component::Normal(_)));
        if !inside || !file.ends_with(".csv") {
            return Err(error(
                format!("`file=\"{file}\"` must name a .csv file in data/"),
                "write the file name as it is inside data/, e.g. file=\"contacts.csv\"",
            ));
        }
        super::data_file::read(&self.data_dir, file).map_err(|(message, help)| ShortcodeError {
            message,
            help,
            note: None,
            cell: None,
        })
    }
}

impl Shortcodes for ShortcodeSet {
    fn names(&self) -> Vec<String> {
        self.origins.keys().cloned().collect()
    }

    fn file_rows(&self, call: &ShortcodeCall) -> Vec<Vec<String>> {
        if call.args.contains_key("file") {
            self.rows(call).unwrap_or_default()
        } else {
            Vec::new()
        }
    }

    fn render(&self, call: &ShortcodeCall) -> Result<String, ShortcodeError> {
        let reads = self.reads.get(&call.name);
        if let Some(unknown) = reads.and_then(|r| r.unknown(call)) {
            return Err(unknown);
        }
        let rows = self.rows(call)?;
        let origin = self
            .origins
            .get(&call.name)
            .map_or_else(|| PathBuf::from(&call.name), Clone::clone);
        let tmpl = self
            .env
            .get_template(&call.name)
            .map_err(|e| ShortcodeError {
                message: describe(&e),
                help: "add the shortcode's template to the theme's shortcodes/ folder".to_owned(),
                note: None,
                cell: None,
            })?;
        let mut html = tmpl
            .render(context! {
                name => &call.name,
                args => &call.args,
                rows => rows,
                id => &call.id,
            })
            .map_err(|e| {
                let at = match e.line() {
                    Some(line) => format!("{}:{line}", origin.display()),
                    None => origin.display().to_string(),
                };
                let message = describe(&e);
                // A figure that is not one: what to write is the same whatever
                // the template, so the help says it.
                if let Some(cell) = figure_in(&message) {
                    return ShortcodeError {
                        cell: Some(cell),
                        message,
                        help: FIGURE_HELP.to_owned(),
                        note: None,
                    };
                }
                // The built-in templates are not files the writer can open:
                // their notes are shown instead.
                match reads.and_then(|r| r.notes.as_deref()) {
                    Some(notes) => ShortcodeError {
                        cell: None,
                        message,
                        help: format!(
                            "check the settings and rows against what `{}` takes (in the note)",
                            call.name
                        ),
                        note: Some(format!("what `{}` takes:\n{notes}", call.name)),
                    },
                    None => ShortcodeError {
                        cell: None,
                        message,
                        help: format!(
                            "check the settings and rows against the notes at the top of {}",
                            origin.display()
                        ),
                        note: Some(format!("raised by the shortcode template {at}")),
                    },
                }
            })?;
        // The HTML stands as a block of its own: end it with a line break.
        if !html.ends_with('\n') {
            html.push('\n');
        }
        Ok(html)
    }
}

/// What a shortcode template says of itself.
struct Reads {
    /// The settings it reads (`args.title`, `args["title"]`; `file` always, as
    /// every shortcode may take its rows from a file). `None` when it reads
    /// them by a name it works out (`args[key]`, a loop over `args`).
    settings: Option<Vec<String>>,
    /// The notes it opens with (`{#- … -#}`), for a built-in template only.
    notes: Option<String>,
}

impl Reads {
    fn of(source: &str, origin: &crate::theme::Origin) -> Reads {
        let builtin = matches!(origin, crate::theme::Origin::Builtin(_));
        Reads {
            settings: settings_read(source),
            notes: builtin.then(|| opening_notes(source)).flatten(),
        }
    }

    /// The error for the first setting of `call` the template never reads: a
    /// misspelt `titel=`, or a `colour=` it has no use for.
    fn unknown(&self, call: &ShortcodeCall) -> Option<ShortcodeError> {
        let settings = self.settings.as_ref()?;
        let given = call.args.keys().find(|k| !settings.contains(k))?;
        let list = settings.join(", ");
        let help = match crate::yaml::suggest(given, settings) {
            Some(near) => format!("did you mean `{near}`? `{}` takes: {list}", call.name),
            None => format!("remove `{given}=\"…\"`; `{}` takes: {list}", call.name),
        };
        Some(ShortcodeError {
            message: format!("it has no setting `{given}`"),
            help,
            note: self
                .notes
                .as_ref()
                .map(|n| format!("what `{}` takes:\n{n}", call.name)),
            cell: None,
        })
    }
}

/// The settings a template reads by name (see [`Reads::settings`]).
fn settings_read(source: &str) -> Option<Vec<String>> {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut names = vec!["file".to_owned()];
    for (at, _) in source.match_indices("args") {
        let whole = !source[..at].ends_with(|c: char| word(c) || c == '.')
            && !source[at + 4..].starts_with(word);
        if !whole {
            continue;
        }
        let rest = &source[at + 4..];
        let name: String = if let Some(after) = rest.strip_prefix('.') {
            after.chars().take_while(|c| word(*c)).collect()
        } else if let Some(after) = rest.strip_prefix("[\"").or_else(|| rest.strip_prefix("['")) {
            after
                .chars()
                .take_while(|c| !matches!(c, '"' | '\''))
                .collect()
        } else {
            return None;
        };
        if name.is_empty() || matches!(name.as_str(), "items" | "keys" | "values" | "get") {
            return None;
        }
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.sort();
    Some(names)
}

/// The comment a template opens with, without its marks.
fn opening_notes(source: &str) -> Option<String> {
    let body = source.trim_start().strip_prefix("{#")?;
    let text = body.get(..body.find("#}")?)?;
    let text = text.trim_start_matches('-').trim_end_matches('-').trim();
    // The lines after the first lose the indent they share.
    let mut lines = text.lines();
    let first = lines.next().filter(|l| !l.is_empty())?;
    let rest: Vec<&str> = lines.collect();
    let indent = rest
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = first.to_owned();
    for line in rest {
        out.push('\n');
        out.push_str(line.get(indent..).unwrap_or("").trim_end());
    }
    Some(out)
}

/// The figure a "`…` is not a number" message names, so the finding can point
/// at its row.
fn figure_in(message: &str) -> Option<String> {
    let rest = message.strip_suffix("` is not a number").or_else(|| {
        message
            .strip_suffix(COMMA_SLIP)
            .and_then(|r| r.strip_suffix('`'))
    })?;
    let start = rest.rfind('`')?;
    Some(rest[start + 1..].to_owned())
}

/// What to do about a figure that is not a number.
const FIGURE_HELP: &str = "write the figure in digits, like 10,178, 59.1% or £1,200; put words such as \"estimated\" in the label, and leave out a row that has no figure";

/// The end of the message for a figure with a comma in the wrong place.
const COMMA_SLIP: &str = " has a comma in the wrong place: write thousands as 10,178";

fn describe(err: &Error) -> String {
    match (err.kind(), err.detail()) {
        (ErrorKind::InvalidOperation, Some(detail)) => detail.to_owned(),
        (kind, Some(detail)) => format!("{kind}: {detail}"),
        (kind, None) => kind.to_string(),
    }
}

/// `"10,178"`, `"59.1%"`, `"£1,200"` or a number → the number; anything else,
/// `NaN`, `inf` and `1e5` included, is an error.
fn number(value: Value) -> Result<f64, Error> {
    if let Some(n) = value.as_i64() {
        return Ok(n as f64);
    }
    let text = value.to_string();
    let bare = text.trim().trim_start_matches('£').trim_end_matches('%');
    // `10,178` groups thousands; `1,0178` is a slip that would draw 10178.
    let whole = bare.split('.').next().unwrap_or(bare);
    let mut groups = whole.trim_start_matches('-').split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) || !whole.contains(','));
    if !first_ok || groups.any(|g| g.len() != 3) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("`{text}`{COMMA_SLIP}"),
        ));
    }
    let cleaned: String = bare.chars().filter(|c| *c != ',').collect();
    // Digits only: Rust also reads `NaN`, `inf` and `1e400` (a spreadsheet's
    // export), which would draw a bar `NaN%` wide.
    let digits = cleaned
        .trim()
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'));
    cleaned
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|n| digits && n.is_finite())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("`{text}` is not a number"),
            )
        })
}

/// Stops the shortcode with a message for the writer.
fn fail(message: String) -> Result<Value, Error> {
    Err(Error::new(ErrorKind::InvalidOperation, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_says_which_settings_it_reads() {
        let chart = "{#- chart: notes -#}\n{% if not args.title %}x{% endif %}{{ args[\"description\"] }}{{ args.title }}";
        assert_eq!(
            settings_read(chart),
            Some(vec![
                "description".to_owned(),
                "file".to_owned(),
                "title".to_owned()
            ])
        );
        for dynamic in [
            "{% for k in args %}{% endfor %}",
            "{{ args[key] }}",
            "{{ args.items() }}",
        ] {
            assert_eq!(settings_read(dynamic), None, "{dynamic}");
        }
        assert_eq!(
            settings_read("{{ margs.x }}{{ argsy }}"),
            Some(vec!["file".to_owned()])
        );
        assert_eq!(opening_notes(chart).as_deref(), Some("chart: notes"));
        assert_eq!(
            opening_notes("{#- a: b\n\n    x\n      y  \n-#}").as_deref(),
            Some("a: b\n\nx\n  y")
        );
        assert_eq!(opening_notes("<p>{# late #}</p>"), None);
        assert_eq!(figure_in("`lots` is not a number").as_deref(), Some("lots"));
        assert_eq!(figure_in("give the chart a title"), None);
    }

    #[test]
    fn numbers_are_read_as_written_in_reports() {
        for (text, n) in [("10,178", 10178.0), ("59.1%", 59.1), ("£1,200", 1200.0)] {
            assert_eq!(number(Value::from(text)).ok(), Some(n));
        }
        assert!(number(Value::from("many")).is_err());
        for slip in ["1,0178", "10,17", ",100", "1234,567"] {
            let err = number(Value::from(slip)).err().map(|e| describe(&e));
            assert_eq!(
                err.as_deref().and_then(figure_in).as_deref(),
                Some(slip),
                "{slip}"
            );
        }
        for fine in ["1,234,567.5", "999", "-1,200", "0.5%"] {
            assert!(number(Value::from(fine)).is_ok(), "{fine}");
        }
    }

    #[test]
    fn words_a_float_parser_reads_are_not_figures() {
        for text in ["NaN", "inf", "-Infinity", "1e400", "1E+05", "£nan"] {
            let err = number(Value::from(text)).err().map(|e| describe(&e));
            assert_eq!(err.as_deref().and_then(figure_in).as_deref(), Some(text));
        }
    }

    proptest::proptest! {
        #[test]
        fn every_figure_read_is_a_finite_number_written_in_digits(text in "[-+£]?(inf|NaN|Infinity|[0-9.,]{0,5})([eE][-+]?[0-9]{1,3})?%?") {
            if let Ok(n) = number(Value::from(text.as_str())) {
                proptest::prop_assert!(n.is_finite(), "{text:?} read as {n}");
                proptest::prop_assert!(!text.contains(char::is_alphabetic), "{text:?} read as {n}");
            }
        }
    }
}
