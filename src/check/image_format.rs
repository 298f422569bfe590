//! Rule `image-format`: every image is in a format that web browsers show. A photo
//! taken on an iPhone is saved as HEIC, a scan may be TIFF and a chart exported from
//! Word may be EMF; most browsers show none of them, so readers would see a broken
//! image where the author saw a picture. A document written as an image
//! (`![…](report.pdf)`) is never shown either: it needs a link.

use std::path::Path;

use super::rule::Rule;
use crate::error::{Diagnostic, Severity};

/// An image in a format most browsers cannot show.
pub(crate) const IMAGE_FORMAT: Rule = Rule {
    id: crate::rules::IMAGE_FORMAT,
    severity: Severity::Error,
    description: "an image in a format most web browsers cannot show, such as an iPhone's HEIC photos, TIFF, Photoshop or Word's EMF, or a document shown as an image",
};

/// What kind of file an image's ending says it is, and so what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An iPhone's photo: saved again as JPEG, and the phone set to take JPEG.
    IphonePhoto,
    /// A photo or scan: saved again as JPEG.
    Photo,
    /// A drawing or chart from a design or office program: exported as PNG.
    Drawing,
    /// A document: linked to, not shown.
    Document,
}

/// File endings browsers do not show as images, with what such a file is.
const ENDINGS: &[(&[&str], &str, Kind)] = &[
    (
        &["heic", "heif"],
        "a HEIC photo (the format iPhones save)",
        Kind::IphonePhoto,
    ),
    (&["tif", "tiff"], "a TIFF image", Kind::Photo),
    (&["jp2"], "a JPEG 2000 image", Kind::Photo),
    (
        &["dng", "cr2", "cr3", "nef", "arw", "orf", "rw2", "raf"],
        "a camera's raw photo",
        Kind::Photo,
    ),
    (&["psd"], "a Photoshop file", Kind::Drawing),
    (&["ai"], "an Illustrator file", Kind::Drawing),
    (&["eps"], "an EPS drawing", Kind::Drawing),
    (
        &["emf", "wmf"],
        "a Windows drawing, as Word and PowerPoint save charts",
        Kind::Drawing,
    ),
    (&["pdf"], "a PDF document", Kind::Document),
    (&["doc", "docx", "odt"], "a Word document", Kind::Document),
    (&["ppt", "pptx", "odp"], "a slide show", Kind::Document),
    (&["xls", "xlsx", "ods"], "a spreadsheet", Kind::Document),
];

/// Finds an image whose address `url` ends in a format browsers do not show.
pub(crate) fn image(url: &str, line: usize, col: usize, file: &Path, out: &mut Vec<Diagnostic>) {
    let Some((what, kind)) = format_of(url) else {
        return;
    };
    let message = match kind {
        Kind::Document => format!(
            "this image is {what}: a document cannot be shown in a page as a picture, so readers would see a broken image"
        ),
        _ => format!(
            "this image is {what}, which most web browsers cannot show, so readers would see a broken image"
        ),
    };
    let help = match kind {
        Kind::IphonePhoto => {
            "open it and save or export it as a JPEG, then show the `.jpg` file instead (on an iPhone, Settings > Camera > Formats > Most Compatible takes JPEG photos from then on)"
        }
        Kind::Photo => "open it and save or export it as a JPEG, then show the `.jpg` file instead",
        Kind::Drawing => {
            "export it as a PNG (for a chart or diagram) or a JPEG (for a photo), then show that file instead"
        }
        Kind::Document => {
            "a document cannot be shown as a picture: link to it instead, without the `!` at the start, as `[what it is](file.pdf)`, or list it under `attachments:`"
        }
    };
    out.push(IMAGE_FORMAT.at(file, line, col, message).help(help));
}

/// What the file at `url` is, by its ending, when browsers do not show it as an image.
fn format_of(url: &str) -> Option<(&'static str, Kind)> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let name = path.rsplit('/').next().unwrap_or_default();
    let (_, ending) = name.rsplit_once('.')?;
    ENDINGS
        .iter()
        .find(|(endings, _, _)| endings.iter().any(|e| e.eq_ignore_ascii_case(ending)))
        .map(|&(_, what, kind)| (what, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_is_known_by_its_ending_in_any_case() {
        assert_eq!(
            format_of("/news/team.HEIC").map(|f| f.1),
            Some(Kind::IphonePhoto)
        );
        assert_eq!(
            format_of("scan.tiff?v=2#top").map(|f| f.1),
            Some(Kind::Photo)
        );
        assert_eq!(format_of("chart.emf").map(|f| f.1), Some(Kind::Drawing));
        assert_eq!(
            format_of("../report.PDF").map(|f| f.1),
            Some(Kind::Document)
        );
        for shown in [
            "photo.jpg",
            "photo.JPEG",
            "chart.png",
            "logo.svg",
            "anim.gif",
            "pic.webp",
            "pic.avif",
            "heic",
            "folder.heic/photo.jpg",
            "photo.jpg?format=heic",
            "",
        ] {
            assert_eq!(format_of(shown), None, "{shown}");
        }
    }

    #[test]
    fn the_finding_says_what_the_file_is_and_what_to_do() {
        let mut out = Vec::new();
        image("team.heic", 3, 1, Path::new("content/news.md"), &mut out);
        image("team.jpg", 4, 1, Path::new("content/news.md"), &mut out);
        image("minutes.docx", 5, 1, Path::new("content/news.md"), &mut out);
        image("scan.tif", 6, 1, Path::new("content/news.md"), &mut out);
        assert_eq!(out.len(), 3);
        // Only an iPhone's photo is told how to set the phone.
        assert!(out[0].help.as_deref().is_some_and(|h| h.contains("iPhone")));
        assert!(!out[2].help.as_deref().is_some_and(|h| h.contains("iPhone")));
        let photo = out[0].to_string();
        assert!(photo.contains("image-format"), "{photo}");
        assert!(photo.contains("HEIC photo"), "{photo}");
        assert!(photo.contains("save or export it as a JPEG"), "{photo}");
        let document = out[1].to_string();
        assert!(document.contains("a Word document"), "{document}");
        assert!(document.contains("link to it instead"), "{document}");
    }
}
