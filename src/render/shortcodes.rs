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
    data_dir: PathBuf,
    /// The site root, canonical: data files must really lie inside it.
    site_root: PathBuf,
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
        env.add_function("fail", fail);
        let mut origins = BTreeMap::new();
        let mut problems = Vec::new();
        for (name, text) in &theme.shortcodes {
            let origin = text.origin.display_path();
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
                data_dir: root.join("data"),
                site_root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
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
        let path = self.data_dir.join(rel);
        if path.exists() && !crate::paths::inside(&self.site_root, &path) {
            return Err(error(
                format!(
                    "data/{file} is a symbolic link that leads outside the site, so it is not read"
                ),
                "copy the file into data/ instead of linking to it",
            ));
        }
        let text = crate::paths::read_text(&path).map_err(|e| {
            error(
                format!("the data file data/{file} could not be read: {e}"),
                "put the file in the site's data/ folder, or fix `file=`",
            )
        })?;
        read_csv(&text).map_err(|(line, m)| {
            error(
                format!("data/{file}:{line}: {m}"),
                "close every quoted cell with \"; write a quote inside one as \"\"",
            )
        })
    }
}

impl Shortcodes for ShortcodeSet {
    fn names(&self) -> Vec<String> {
        self.origins.keys().cloned().collect()
    }

    fn render(&self, call: &ShortcodeCall) -> Result<String, ShortcodeError> {
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
                ShortcodeError {
                    message: describe(&e),
                    help: format!(
                        "check the arguments and rows against the notes at the top of {}",
                        origin.display()
                    ),
                    note: Some(format!("raised by the shortcode template {at}")),
                }
            })?;
        // The HTML stands as a block of its own: end it with a line break.
        if !html.ends_with('\n') {
            html.push('\n');
        }
        Ok(html)
    }
}

fn describe(err: &Error) -> String {
    match (err.kind(), err.detail()) {
        (ErrorKind::InvalidOperation, Some(detail)) => detail.to_owned(),
        (kind, Some(detail)) => format!("{kind}: {detail}"),
        (kind, None) => kind.to_string(),
    }
}

/// `"10,178"`, `"59.1%"`, `"£1,200"` or a number → the number; anything else is an error.
fn number(value: Value) -> Result<f64, Error> {
    if let Some(n) = value.as_i64() {
        return Ok(n as f64);
    }
    let text = value.to_string();
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .trim_end_matches('%')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    cleaned.trim().parse::<f64>().map_err(|_| {
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

/// Reads CSV (RFC 4180: commas, quoted cells with `""` for a quote). Blank lines are
/// skipped; cells are trimmed. An error gives the 1-based line.
fn read_csv(text: &str) -> Result<Vec<Vec<String>>, (usize, &'static str)> {
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    let mut end_row = |row: &mut Vec<String>, cell: &mut String| {
        row.push(std::mem::take(cell).trim().to_owned());
        let done = std::mem::take(row);
        if !(done.len() == 1 && done[0].is_empty()) {
            rows.push(done);
        }
    };
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
            (false, '"') if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
                start_line = line;
            }
            (false, ',') => row.push(std::mem::take(&mut cell).trim().to_owned()),
            (false, '\r') => {}
            (false, '\n') => {
                end_row(&mut row, &mut cell);
                line += 1;
            }
            (false, c) => cell.push(c),
        }
    }
    if quoted {
        return Err((start_line, "a quoted cell is not closed"));
    }
    end_row(&mut row, &mut cell);
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_may_be_quoted() {
        let rows = read_csv("Year,Contacts\r\n2019-20,\"10,178\"\n\n\"say \"\"hi\"\"\", 2\n")
            .expect("valid");
        assert_eq!(
            rows,
            vec![
                vec!["Year", "Contacts"],
                vec!["2019-20", "10,178"],
                vec!["say \"hi\"", "2"]
            ]
        );
        assert_eq!(
            read_csv("a\n\"b,c\n"),
            Err((2, "a quoted cell is not closed"))
        );
    }

    #[test]
    fn numbers_are_read_as_written_in_reports() {
        for (text, n) in [("10,178", 10178.0), ("59.1%", 59.1), ("£1,200", 1200.0)] {
            assert_eq!(number(Value::from(text)).ok(), Some(n));
        }
        assert!(number(Value::from("many")).is_err());
    }
}
