//! Every address in `site.yaml` checked at its line: the menus, the "report a
//! concern" link, the contact's email and any address key in `extra`.
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
