//! Attachments: the files a page lists under `attachments:` in its front matter.
//!
//! Runs after content is loaded and before pages are rendered. Each file is found on
//! disk (relative to the page's folder, or in `static/` when it starts with `/`) and
//! described the GOV.UK way: type, size and, for a PDF, pages. The files themselves are
//! already in the output, as a content asset or a static file; this only links them.
//! A missing file is an error at its line in the front matter.

use std::path::{Component, Path, PathBuf};

use super::documents::Held;
use crate::content::{AttachmentSpec, Content, Page};
use crate::error::Diagnostic;
use crate::paths::{NearFile, near_file, near_file_help};
use crate::render::views::AttachmentView;

/// Each page's attachments (same index as `content.pages`); the problems found
/// go into `diagnostics`. An attached office document that holds more than its
/// pages show (one of `documents`) is reported at its line in the page, where
/// the preview shows it, and its file is added to `claimed`.
pub(crate) fn resolve(
    content: &Content,
    root: &Path,
    base_path: &str,
    documents: &[Held],
    claimed: &mut Vec<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Vec<AttachmentView>> {
    content
        .pages
        .iter()
        .map(|page| {
            page.meta
                .attachments
                .iter()
                .filter_map(|spec| {
                    match describe(content, root, base_path, (page, spec), diagnostics) {
                        Ok((view, disk)) => {
                            let file = spec_file(spec);
                            if let Some(d) = documents
                                .iter()
                                .find(|held| held.disk == disk)
                                .and_then(|held| held.at_attachment(page, file))
                            {
                                diagnostics.push(d);
                                claimed.push(disk);
                            }
                            Some(view)
                        }
                        Err(d) => {
                            diagnostics.push(*d);
                            None
                        }
                    }
                })
                .collect()
        })
        .collect()
}

/// The file `spec` names, as written.
fn spec_file(spec: &AttachmentSpec) -> &str {
    match spec {
        AttachmentSpec::Path(file) | AttachmentSpec::Full { file, .. } => file,
    }
}

/// The attachment `spec` of `page` and its file on disk; warnings about what
/// is in it (see `check::pdf`) go into `warnings`.
/// The error for an attachment whose `file` cannot be a file of the site: none
/// at all, a file on the author's own computer (`C:\Users\jane\plan.docx`,
/// copied from the file manager) or an address on the web.
fn not_a_site_file(page: &Page, file: &str) -> Option<Box<Diagnostic>> {
    let folder = crate::paths::slash_path(&Path::new("content").join(&page.dir));
    let trimmed = file.trim();
    let (message, help) = if trimmed.is_empty() {
        (
            "an attachment has no file".to_owned(),
            format!(
                "write the file's name after `file:`, for a file in this page's folder, {folder}/, or take the attachment out"
            ),
        )
    } else if let Some((where_, name)) = crate::urls::on_a_computer(trimmed) {
        (
            format!("the attachment `{file}` is {where_}, which the site cannot publish"),
            format!(
                "put a copy of the file in this page's folder, {folder}/, and write `file: {name}`"
            ),
        )
    } else if crate::urls::is_web_url(trimmed) {
        (
            format!("the attachment `{file}` is an address on the web, not a file of this site"),
            format!(
                "link to a document on another website in the page's text, like `[its title]({trimmed})`, or put a copy in this page's folder, {folder}/, and write its name after `file:`"
            ),
        )
    } else {
        return None;
    };
    let line = page.attachment_line(if trimmed.is_empty() { "" } else { file });
    Some(Box::new(
        Diagnostic::error(crate::rules::ATTACHMENT_MISSING, &page.file, message)
            .at_line(line)
            .help(help),
    ))
}

fn describe(
    content: &Content,
    root: &Path,
    base_path: &str,
    (page, spec): (&Page, &AttachmentSpec),
    warnings: &mut Vec<Diagnostic>,
) -> Result<(AttachmentView, PathBuf), Box<Diagnostic>> {
    let (file, title, before_2018) = match spec {
        AttachmentSpec::Path(file) => (file.as_str(), None, false),
        AttachmentSpec::Full {
            file,
            title,
            published_before_2018,
        } => (file.as_str(), title.clone(), *published_before_2018),
    };
    if let Some(wrong) = not_a_site_file(page, file) {
        return Err(wrong);
    }
    let found = match file.strip_prefix('/') {
        Some(rel) => normalise(Path::new(rel))
            .map_err(|e| (e, None))
            .and_then(|key| {
                let disk = root.join("static").join(&key);
                // Only a file the static walk publishes: a site file, really inside.
                let static_dir = root.join("static");
                let static_dir = static_dir.canonicalize().unwrap_or(static_dir);
                let published = crate::paths::is_site_path(Path::new(&key))
                    && crate::paths::leads_within(&static_dir, &disk);
                (published && disk.is_file())
                    .then(|| {
                        (
                            disk,
                            format!("{base_path}{}", crate::paths::encode_url_path(&key)),
                        )
                    })
                    .ok_or_else(|| {
                        let near = crate::paths::near_in_folder(&root.join("static"), &key)
                            .map(|near| near_file_help(file, NearFile::Case(&near)));
                        (format!("static/{key}"), near)
                    })
            }),
        None => normalise(&page.dir.join(file))
            .map_err(|e| (e, None))
            .and_then(|key| {
                content
                    .assets
                    .iter()
                    .find(|a| a.key == key)
                    .map(|a| {
                        let url = crate::paths::encode_url_path(&a.path);
                        (a.source.clone(), format!("{base_path}{url}"))
                    })
                    .ok_or_else(|| {
                        let near = near_file(&key, content.assets.iter().map(|a| a.key.as_str()))
                            .map(|near| near_file_help(file, near));
                        (format!("content/{key}"), near)
                    })
            }),
    };
    let missing = |(looked, near): (String, Option<String>)| {
        Box::new(
            Diagnostic::error(
                crate::rules::ATTACHMENT_MISSING,
                &page.file,
                format!("the attachment `{file}` is missing: there is no {looked}"),
            )
            .at_line(page.attachment_line(file))
            .help(near.unwrap_or_else(|| "put the file there, or fix the path under `attachments:` (it is relative to this page's folder, or starts with / for a file in static/)".to_owned())),
        )
    };
    let (disk, url) = found.map_err(missing)?;
    let bytes =
        crate::paths::read_file(&disk).map_err(|_| missing((disk.display().to_string(), None)))?;
    let name = Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = Path::new(&name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if let Some(what) = not_what_it_says(&ext, &bytes) {
        return Err(Box::new(
            Diagnostic::error(
                crate::rules::ATTACHMENT_BROKEN,
                &page.file,
                format!("the attachment `{file}` is not a {} file: {what}", ext.to_uppercase()),
            )
            .at_line(page.attachment_line(file))
            .help("open it on your computer to check it; save or download the document again (a page saved from a browser, or a sign-in page, is not the document)"),
        ));
    }
    let (file_type, type_key) = file_type(&ext);
    let size = human_size(bytes.len() as u64);
    let (size_number, size_key) = size_parts(bytes.len() as u64);
    let pages = (ext == "pdf").then(|| pdf_pages(&bytes)).flatten();
    if ext == "pdf" {
        let at = (page.file.as_path(), page.attachment_line(file));
        crate::check::pdf::warnings(&bytes, before_2018, at, file, warnings);
    }
    let mut summary = format!("{file_type}, {size}");
    match pages {
        Some(1) => summary.push_str(", 1 page"),
        Some(n) => summary.push_str(&format!(", {n} pages")),
        None => {}
    }
    let view = AttachmentView {
        title: title.unwrap_or_else(|| readable_name(&name)),
        url,
        file_type,
        type_key: type_key.to_owned(),
        size,
        size_number,
        size_key: size_key.to_owned(),
        pages,
        summary,
        published_before_2018: before_2018,
    };
    Ok((view, disk))
}

/// `a/./b/../c.pdf` → `a/c.pdf`; `None` (shown as the path) if it leaves its folder.
fn normalise(path: &Path) -> Result<String, String> {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir if parts.pop().is_some() => {}
            _ => return Err(format!("such file inside the site ({})", path.display())),
        }
    }
    Ok(parts.join("/"))
}

/// `annual-report_2019.pdf` → "Annual report 2019".
fn readable_name(name: &str) -> String {
    match crate::text::file_names::title_from_file_name(name) {
        title if title.is_empty() => name.to_owned(),
        title => title,
    }
}

/// File kinds the GOV.UK way: extensions, the theme-word key for the kind's name
/// (empty where the name is the same in every language), and its English name.
const FILE_TYPES: &[(&[&str], &str, &str)] = &[
    (&["pdf"], "", "PDF"),
    (&["doc", "docx"], "file_word", "MS Word Document"),
    (&["xls", "xlsx"], "file_excel", "MS Excel Spreadsheet"),
    (
        &["ppt", "pptx"],
        "file_powerpoint",
        "MS PowerPoint Presentation",
    ),
    (&["odt"], "file_odt", "OpenDocument Text"),
    (&["ods"], "file_ods", "OpenDocument Spreadsheet"),
    (&["odp"], "file_odp", "OpenDocument Presentation"),
    (&["rtf"], "file_rtf", "Rich Text Format"),
    (&["csv"], "", "CSV"),
    (&["txt"], "file_txt", "Plain text"),
    (&["zip"], "file_zip", "ZIP archive"),
    (&["epub"], "", "EPUB"),
    (&["html", "htm"], "", "HTML"),
    (&["jpg", "jpeg"], "file_jpeg", "JPEG image"),
    (&["png"], "file_png", "PNG image"),
    (&["mp3"], "file_mp3", "MP3 audio"),
    (&["mp4"], "file_mp4", "MP4 video"),
    (&[""], "file_other", "File"),
];

/// A file's kind: its English name and the theme-word key that names it in the
/// page's language (empty for names every language shares, and for an unknown
/// extension, which is shown in capitals).
fn file_type(ext: &str) -> (String, &'static str) {
    FILE_TYPES
        .iter()
        .find(|(exts, _, _)| exts.contains(&ext))
        .map_or_else(
            || (ext.to_uppercase(), ""),
            |&(_, key, english)| (english.to_owned(), key),
        )
}

/// A file's size as a number and the theme word for its unit: `("512", "size_bytes")`,
/// `("245", "size_kb")`, `("1.2", "size_mb")` (1 KB = 1,024 bytes). The number has
/// one place of decimals from a megabyte up, written with a full stop; the
/// `{count}` in the unit's word takes it, and templates swap the full stop for the
/// page's own decimal mark (`decimal_mark`).
fn size_parts(bytes: u64) -> (String, &'static str) {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    // Rounded first, so that 1,048,200 bytes is "1.0 MB", not "1024 KB".
    let kb = (b / KB).round().max(1.0);
    let mb = (b / KB / KB * 10.0).round() / 10.0;
    match bytes {
        1 => ("1".to_owned(), "size_byte"),
        0..1024 => (bytes.to_string(), "size_bytes"),
        _ if kb < KB => (format!("{kb}"), "size_kb"),
        _ if mb < KB => (format!("{mb:.1}"), "size_mb"),
        _ => (format!("{:.1}", b / KB / KB / KB), "size_gb"),
    }
}

/// A size in English words: "512 bytes", "245 KB", "1.2 MB".
fn human_size(bytes: u64) -> String {
    let (number, unit) = size_parts(bytes);
    let word = match unit {
        "size_byte" => "byte",
        "size_bytes" => "bytes",
        "size_kb" => "KB",
        "size_mb" => "MB",
        _ => "GB",
    };
    format!("{number} {word}")
}

/// What a document file holds instead of what its ending says, or `None`: a
/// PDF starts `%PDF-`, a Word, Excel or PowerPoint file of today is a ZIP
/// (`PK`), an older one an OLE file. An empty file or a web page is the usual
/// slip (a download that failed, or a sign-in page saved in its place).
fn not_what_it_says(ext: &str, bytes: &[u8]) -> Option<&'static str> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];
    let head = &bytes[..bytes.len().min(1024)];
    let fits = match ext {
        "pdf" => find(head, b"%PDF-").is_some(),
        "docx" | "xlsx" | "pptx" | "odt" | "ods" | "odp" | "epub" => bytes.starts_with(b"PK"),
        "doc" | "xls" | "ppt" => bytes.starts_with(OLE),
        _ => return None,
    };
    if fits {
        return None;
    }
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    Some(if bytes.is_empty() {
        "it is empty"
    } else if text.trim_start().starts_with('<') || text.contains("<html") {
        "it holds a web page"
    } else {
        "it holds something else"
    })
}

/// Pages of a PDF: its `/Type /Page` objects (not `/Pages`). `None` when there are
/// none to see, as when a PDF keeps its page objects in compressed object streams.
fn pdf_pages(bytes: &[u8]) -> Option<usize> {
    const TYPE: &[u8] = b"/Type";
    let mut count = 0;
    let mut i = 0;
    while let Some(at) = find(&bytes[i..], TYPE) {
        let mut j = i + at + TYPE.len();
        while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if bytes[j..].starts_with(b"/Page")
            && !bytes
                .get(j + 5)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            count += 1;
        }
        i = j;
    }
    (count > 0).then_some(count)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_gov_uk() {
        assert_eq!(human_size(512), "512 bytes");
        assert_eq!(human_size(250_880), "245 KB");
        assert_eq!(human_size(1_258_291), "1.2 MB");
        assert_eq!(human_size(1100), "1 KB");
        assert_eq!(human_size(1), "1 byte");
        assert_eq!(human_size(0), "0 bytes");
        assert_eq!(human_size(1023), "1023 bytes");
        assert_eq!(human_size(1024), "1 KB");
        // Sizes that round up to the next unit are written in it.
        assert_eq!(human_size(1_048_000), "1023 KB");
        assert_eq!(human_size(1_048_200), "1.0 MB");
        assert_eq!(human_size(1024 * 1024 * 1024 - 1), "1.0 GB");
        assert_eq!(human_size(3 * 1024 * 1024 * 1024), "3.0 GB");
    }

    proptest::proptest! {
        /// Every size is a number and a unit: a whole number of bytes or KB under
        /// 1,024, or one place of decimals for MB and GB.
        #[test]
        fn every_size_is_a_number_and_a_known_unit(bytes in proptest::num::u64::ANY) {
            let (number, key) = size_parts(bytes);
            let value: f64 = number.parse().map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{number}: {e}")))?;
            match key {
                "size_byte" => proptest::prop_assert_eq!(bytes, 1),
                "size_bytes" | "size_kb" => {
                    proptest::prop_assert!(!number.contains('.'));
                    proptest::prop_assert!(value < 1024.0);
                }
                "size_mb" => {
                    proptest::prop_assert!(value < 1024.0);
                    proptest::prop_assert_eq!(number.split_once('.').map(|(_, d)| d.len()), Some(1));
                }
                "size_gb" => proptest::prop_assert_eq!(number.split_once('.').map(|(_, d)| d.len()), Some(1)),
                other => proptest::prop_assert!(false, "unknown unit {}", other),
            }
        }
    }

    #[test]
    fn pdf_pages_count_page_objects_not_the_page_tree() {
        let pdf = b"1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>> endobj\n\
                    2 0 obj <</Type /Page /Parent 1 0 R>> endobj\n\
                    3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n";
        assert_eq!(pdf_pages(pdf), Some(2));
        assert_eq!(pdf_pages(b"not a pdf"), None);
    }

    #[test]
    fn file_names_become_titles_and_types() {
        assert_eq!(
            readable_name("annual-report_2019.pdf"),
            "Annual report 2019"
        );
        assert_eq!(
            file_type("docx"),
            ("MS Word Document".to_owned(), "file_word")
        );
        assert_eq!(file_type("pdf"), ("PDF".to_owned(), ""));
        assert_eq!(file_type("odg"), ("ODG".to_owned(), ""));
        assert_eq!(
            normalise(Path::new("a/./b/../c.pdf")).as_deref(),
            Ok("a/c.pdf")
        );
        assert!(normalise(Path::new("../x.pdf")).is_err());
    }
}
