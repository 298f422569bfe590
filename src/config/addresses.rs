//! Every address in `site.yaml` checked at its line: `base_url`, the menus, the
//! "report a concern" link, the contact's email and any address key in `extra`.
//!
//! Part of `config`; the rules for an address are `crate::urls`'.

use std::path::Path;

use crate::error::Diagnostic;

/// Checks every address in `site.yaml` (`text`, read into `raw`): the menus, the
/// "report a concern" link, the contact's email and any address key in `extra`;
/// pushes what it finds into `out`.
pub(crate) fn check_config(raw: &super::raw::RawConfig, text: &str, out: &mut Vec<Diagnostic>) {
    let file = Path::new(crate::paths::CONFIG_FILE);
    let key_line = |key: &str| crate::yaml::find_key(text, key).map_or(1, |(l, _)| l);
    let mut found: Vec<(&str, &str)> = Vec::new();
    for item in &raw.menu {
        found.push(("menu", &item.url));
    }
    for item in &raw.footer_menu {
        found.push(("footer_menu", &item.url));
    }
    if let Some(concern) = &raw.report_concern {
        found.push(("report_concern", &concern.url));
    }
    for (key, value) in &raw.extra {
        found.extend(
            crate::urls::addresses_in(key, value)
                .into_iter()
                .map(|(_, v)| ("extra", v)),
        );
    }
    out.extend(found.into_iter().filter_map(|(key, url)| {
        let bad = crate::urls::check(url).err()?;
        let (line, col) = crate::urls::locate(text, key_line(key), url);
        Some(crate::urls::diagnostic(
            bad,
            crate::rules::CONFIG,
            file,
            line,
            col,
        ))
    }));
    // The email goes after `mailto:`; a space or control character would end it.
    let email = raw.contact.as_ref().map_or("", |c| c.email.as_str());
    let problem =
        if email.chars().any(|c| c.is_control() || c.is_whitespace()) || email.contains(':') {
            Some(format!("{email:?} is not an email address"))
        } else if email.trim().is_empty() {
            raw.contact.as_ref().map(|_| "it is empty".to_owned())
        } else {
            crate::urls::email_problem(email)
        };
    if let Some(problem) = problem {
        let (line, col) = crate::urls::locate(text, key_line("contact"), email);
        out.push(
            Diagnostic::error(
                crate::rules::CONFIG,
                file,
                format!("`contact.email`: {problem}, so readers could not write to it"),
            )
            .at(line, col)
            .help("write just the address, like `email: unit@example.org`"),
        );
    }
}

/// Checks `base_url` (`url`, read from `text`): a full `https:` or `http:`
/// address, with no character a web address never has (a space, `<`, a quote, a
/// backslash, a control character), pointed at where it is on its line, and no
/// part that would break or leak on every page (see `urls::base_url_part`).
pub(crate) fn check_base_url(url: &str, text: &str, out: &mut Vec<Diagnostic>) {
    let file = Path::new(crate::paths::CONFIG_FILE);
    let (line, key_col) = crate::yaml::find_key(text, "base_url").unwrap_or((1, 1));
    if let Some((at, c)) = crate::urls::base_url_character(url) {
        // The column of the character when the value is written as it is read
        // (not with escapes in quotes); else where the value starts.
        let text_line = text.lines().nth(line - 1).unwrap_or("");
        let value_col = text_line.split_once(':').map_or(key_col, |(k, v)| {
            k.chars().count() + 2 + (v.chars().count() - v.trim_start().chars().count())
        });
        let col = text_line
            .find(url)
            .map_or(value_col, |i| text_line[..i].chars().count() + 1 + at);
        out.push(
            Diagnostic::error(
                crate::rules::CONFIG,
                file,
                format!(
                    "`base_url` has {}, which cannot be part of a web address",
                    crate::urls::describe_character(c)
                ),
            )
            .at(line, col)
            .help(crate::urls::BASE_URL_HELP),
        );
    } else if let Some((what, fixed)) = crate::urls::base_url_part(url) {
        out.push(
            Diagnostic::error(crate::rules::CONFIG, file, format!("`base_url` has {what}"))
                .at(line, key_col)
                .help(format!("write `base_url: {fixed}`")),
        );
    } else if crate::urls::check_base_url(url).is_err() {
        out.push(
            Diagnostic::error(
                crate::rules::CONFIG,
                file,
                format!("`base_url` must be a full web address, found {url:?}"),
            )
            .at(line, key_col)
            .help("write the address the site will live at, like `base_url: https://www.example.org/`"),
        );
    }
}
