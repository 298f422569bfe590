//! The words `site.yaml` puts on every page: the site's title, the names of the
//! menus' links, the "report a concern" link's text and the contact's name. Left
//! empty, each would publish a link with no words (which a screen reader reads
//! as just "link") or a line such as "Contact: ," on every page, so each is an
//! error at its line.
//!
//! Part of `config`.

use std::path::Path;

use crate::error::Diagnostic;

/// Checks the words of `raw`, read from `text`, and pushes what it finds into `out`.
pub(crate) fn check(raw: &super::raw::RawConfig, text: &str, out: &mut Vec<Diagnostic>) {
    let file = Path::new(crate::paths::CONFIG_FILE);
    let key_line = |key: &str| crate::yaml::find_key(text, key).map_or((1, 1), |at| at);
    let empty = |words: &str| words.trim().is_empty();
    if empty(&raw.title) {
        let (line, col) = key_line("title");
        out.push(
            Diagnostic::error(crate::rules::CONFIG, file, "`title` is empty")
                .at(line, col)
                .help("write the partnership's name, like `title: Walsall Safeguarding Children Partnership`: it heads every page"),
        );
    }
    for (key, items) in [("menu", &raw.menu), ("footer_menu", &raw.footer_menu)] {
        for item in items.iter().filter(|item| empty(&item.name)) {
            let (line, col) = crate::urls::locate(text, key_line(key).0, &item.url);
            out.push(
                Diagnostic::error(
                    crate::rules::CONFIG,
                    file,
                    format!(
                        "the `{key}` link to {} has no `name`, so it would have no words: a screen reader would say only \"link\"",
                        item.url
                    ),
                )
                .at(line, col)
                .help("write the words readers see after `name:`, like `{ name: About us, url: /about/ }`"),
            );
        }
    }
    if let Some(concern) = raw.report_concern.as_ref().filter(|c| empty(&c.text)) {
        let (line, col) = key_line("report_concern");
        out.push(
            Diagnostic::error(
                crate::rules::CONFIG,
                file,
                "`report_concern.text` is empty, so the link readers follow to report a concern would have no words",
            )
            .at(line, col)
            .help(format!(
                "write what the link says, like `text: Report a concern about a child` (it goes to {})",
                concern.url
            )),
        );
    }
    if raw.contact.as_ref().is_some_and(|c| empty(&c.name)) {
        let (line, col) = key_line("contact");
        out.push(
            Diagnostic::error(
                crate::rules::CONFIG,
                file,
                "`contact.name` is empty, so pages would say \"Contact: ,\" with no one to ask",
            )
            .at(line, col)
            .help("write the team or person to ask, like `name: Partnership business unit`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(settings: &str) -> Vec<Diagnostic> {
        let text = format!("title: T\nbase_url: https://example.org/\n{settings}");
        let raw: super::super::raw::RawConfig =
            crate::yaml::parse(&text, Path::new("site.yaml"), 1, crate::rules::CONFIG)
                .expect("valid YAML");
        let mut out = Vec::new();
        check(&raw, &text, &mut out);
        out
    }

    #[test]
    fn a_link_with_no_words_is_an_error_at_its_item() {
        let found = findings(
            "menu:\n  - { name: About, url: /about/ }\n  - { name: '  ', url: /news/ }\nfooter_menu: [{ name: '', url: /privacy/ }]\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].message.contains("`menu` link to /news/"),
            "{}",
            found[0].message
        );
        assert_eq!((found[0].line, found[0].col), (Some(5), Some(24)));
        assert!(found[1].message.contains("`footer_menu` link to /privacy/"));
        assert_eq!(found[1].line, Some(6));
    }

    #[test]
    fn an_empty_concern_link_or_contact_name_is_an_error() {
        let found = findings(
            "report_concern: { text: '', url: /report/ }\ncontact: { name: ' ', email: a@example.org }\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].line, Some(3));
        assert!(found[0].message.contains("report_concern.text"));
        assert!(
            found[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("/report/"))
        );
        assert_eq!(found[1].line, Some(4));
        assert!(found[1].message.contains("contact.name"));
    }

    #[test]
    fn words_in_any_language_pass() {
        let found = findings(
            "menu: [{ name: Amdanom, url: /cy/ }, { name: اردو, url: /ur/ }]\nreport_concern: { text: Zgłoś, url: /r/ }\ncontact: { name: Tîm, email: a@example.org }\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
