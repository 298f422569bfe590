//! Rule `attachment-title`: an attachment linked by a file name with drafting
//! left in it.
//!
//! An attachment with no `title` is linked by its file's name (`annual-report_2019.pdf`
//! is "Annual report 2019"). A name like `Neglect Strategy FINAL v2 (1).pdf` then
//! publishes what drafting and copying left in it ("FINAL", "v2", "(1)") as the
//! link readers see. Read from the front matter alone.

use super::rule::Rule;
use crate::content::{AttachmentSpec, Page};
use crate::error::{Diagnostic, Severity};

/// An attachment linked by a file name with drafting left in it.
pub(crate) const ATTACHMENT_TITLE: Rule = Rule {
    id: crate::rules::ATTACHMENT_TITLE,
    severity: Severity::Warning,
    description: "an attachment with no `title`, whose file name, shown as its link, has `FINAL`, `v2`, `(1)` or `copy` in it",
};

/// Warns on each attachment with no `title` whose file name, which is then
/// its link, has words left over from drafting or copying.
pub(crate) fn check(page: &Page, out: &mut Vec<Diagnostic>) {
    for spec in &page.meta.attachments {
        let (file, written_as_path) = match spec {
            AttachmentSpec::Path(file) => (file, true),
            AttachmentSpec::Full {
                file, title: None, ..
            } => (file, false),
            AttachmentSpec::Full { .. } => continue,
        };
        let name = file.rsplit('/').next().unwrap_or(file);
        let made = crate::text::file_names::title_from_file_name(name);
        let leftovers = crate::text::file_names::file_name_leftovers(&made);
        if leftovers.is_empty() {
            continue;
        }
        let quoted: Vec<String> = leftovers.iter().map(|w| format!("\"{w}\"")).collect();
        let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
        let title = match crate::text::file_names::without_file_name_leftovers(&made) {
            t if t.is_empty() => "The document's name".to_owned(),
            t => crate::yaml::scalar(&t),
        };
        let file_line = format!("file: {}", crate::yaml::scalar(file));
        let help = if written_as_path {
            format!(
                "give it a title: write `- {file_line}` with a line `title: {title}` under it, lined up with `file:`; or rename the file"
            )
        } else {
            format!(
                "add a line `title: {title}` under `{file_line}`, lined up with it; or rename the file"
            )
        };
        out.push(
            ATTACHMENT_TITLE
                .at(
                    &page.file,
                    page.attachment_line(file),
                    1,
                    format!(
                        "the attachment `{name}` has no `title`, so readers see its file name as its link, \"{made}\", with {} left over from drafting or copying",
                        super::titles::and_list(&quoted)
                    ),
                )
                .help(help),
        );
    }
}
