//! Rules `image-alt` and `image-alt-filename`: every image needs alt text that says
//! what the picture shows; `image-size` and `image-broken`: every image can be shown,
//! and is not needlessly heavy.
//!
//! A screen reader reads the alt text in place of the image (WCAG 1.1.1). With none,
//! the reader hears nothing, or the file name; alt text that is a file name, or just
//! "image", tells them only that there is a picture. A purely decorative image says
//! so on purpose with `![""](divider.png)`, which becomes `alt=""`.

use std::collections::HashMap;
use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};

use super::rule::Rule;
use crate::content::Content;
use crate::error::{Diagnostic, Severity};
use crate::markdown::Rendered;
use crate::output::{Output, OutputFile};

/// An image with no alt text.
pub(crate) const IMAGE_ALT: Rule = Rule {
    id: crate::rules::IMAGE_ALT,
    severity: Severity::Error,
    description: "an image with no alt text, so a screen reader cannot say what it shows",
};

/// Alt text that says nothing about the picture.
pub(crate) const IMAGE_ALT_FILENAME: Rule = Rule {
    id: crate::rules::IMAGE_ALT_FILENAME,
    severity: Severity::Warning,
    description: "alt text that is a file name, a camera's name for a photo, a placeholder or just \"image\", or that starts \"image of\"",
};

/// An image file too big for a phone on a slow connection.
pub(crate) const IMAGE_SIZE: Rule = Rule {
    id: crate::rules::IMAGE_SIZE,
    severity: Severity::Warning,
    description: "an image file over 500 KB as published, or over 2 MB or 4,000 pixels as written",
};

/// The most an image file should weigh, in bytes.
pub const IMAGE_BUDGET: u64 = 500 * 1024;

/// Warns into `out`, at each place a page shows it, about an image file over the
/// budget. `base_path` is the site's (`/`), which the images' addresses start with.
pub fn check_image_sizes(
    content: &Content,
    rendered: &[Rendered],
    output: &Output,
    base_path: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut sizes: HashMap<std::borrow::Cow<'_, str>, Option<u64>> = HashMap::new();
    for (page, r) in content.pages.iter().zip(rendered) {
        for image in &r.images {
            let key = crate::paths::url_path_key(&image.href, base_path);
            let size = *sizes
                .entry(key)
                .or_insert_with_key(|key| match output.get(key) {
                    Some(OutputFile::Copy(path)) => std::fs::metadata(path).ok().map(|m| m.len()),
                    Some(OutputFile::Bytes(b)) => Some(b.len() as u64),
                    Some(OutputFile::Static(b)) => Some(b.len() as u64),
                    None => None,
                });
            let Some(size) = size.filter(|s| *s > IMAGE_BUDGET) else {
                continue;
            };
            out.push(
                IMAGE_SIZE
                    .at(&page.file, image.line, image.col, format!("this image file is {}; keep images under 500 KB so the page loads quickly on a phone", kilobytes(size)))
                    .help("save a smaller copy: 1,200 pixels wide at most, as a JPEG (quality about 80) for photos or a PNG for charts and diagrams"),
            );
        }
    }
}

/// "730 KB", "2.4 MB".
fn kilobytes(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// An image file that cannot be decoded (raised by the Markdown pass).
pub(crate) const IMAGE_BROKEN: Rule = Rule {
    id: crate::rules::IMAGE_BROKEN,
    severity: Severity::Error,
    description: "an image file that is damaged or not really a JPEG or PNG",
};

/// Source bytes over which `image-size` speaks.
const MAX_BYTES: u64 = 2 * 1024 * 1024;
/// Pixels (width or height) over which `image-size` speaks.
const MAX_PIXELS: u32 = 4000;

/// Alt texts that only say there is a picture.
const EMPTY_WORDS: &[&str] = &[
    "image",
    "picture",
    "photo",
    "photograph",
    "img",
    "graphic",
    "pic",
];

/// File endings that make alt text look like a file name.
const FILE_ENDINGS: &[&str] = &[
    ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".tif", ".tiff",
];

/// Alt text longer than this is cut here: it is long enough to say something,
/// and images can nest in each other's alt text as deep as an author types them.
const ALT_MAX: usize = 500;

/// The images of a page, read as the tree walk of `check_tree` passes them: an
/// image's alt text is gathered between its start and its end (as comrak's
/// `collect_text` gives it, leading spaces dropped, cut at [`ALT_MAX`] bytes), and
/// goes to the image around it when it closes, so nested images cost no more than
/// flat ones.
#[derive(Debug, Default)]
pub(crate) struct Images {
    /// The alt text so far of each image the walk is inside, innermost last.
    open: Vec<String>,
}

impl Images {
    /// The walk enters `value`. Outside an image only an image matters: that
    /// is settled here, where the walk calls it for every node.
    #[inline]
    pub(crate) fn start(&mut self, value: &NodeValue) {
        if self.open.is_empty() {
            if matches!(value, NodeValue::Image(_)) {
                self.open.push(String::new());
            }
            return;
        }
        self.start_inside(value);
    }

    /// [`Images::start`] inside an image.
    fn start_inside(&mut self, value: &NodeValue) {
        match value {
            NodeValue::Image(_) => self.open.push(String::new()),
            NodeValue::Text(t) => push_alt(&mut self.open, t),
            NodeValue::Code(c) => push_alt(&mut self.open, &c.literal),
            NodeValue::Math(m) => push_alt(&mut self.open, &m.literal),
            NodeValue::LineBreak | NodeValue::SoftBreak => push_alt(&mut self.open, " "),
            _ => {}
        }
    }

    /// The walk leaves image `node`: checks its alt text.
    pub(crate) fn end_image<'a>(
        &mut self,
        node: &'a AstNode<'a>,
        file: &Path,
        out: &mut Vec<Diagnostic>,
    ) {
        let alt = self.open.pop().unwrap_or_default();
        push_alt(&mut self.open, &alt);
        check_alt(node, &alt, file, out);
    }
}

/// Checks one image's alt text.
fn check_alt<'a>(node: &'a AstNode<'a>, alt: &str, file: &Path, out: &mut Vec<Diagnostic>) {
    let start = node.data().sourcepos.start;
    let alt = alt.trim_end();
    if alt.is_empty() {
        out.push(
            IMAGE_ALT
                .at(file, start.line, start.column, "this image has no alt text")
                .help("say what the image shows between the brackets: ![A social worker talking with a family](photo.jpg); for a purely decorative image write ![\"\"](divider.png)"),
        );
    } else if says_nothing(alt) {
        out.push(
            IMAGE_ALT_FILENAME
                .at(
                    file,
                    start.line,
                    start.column,
                    format!("the alt text `{alt}` does not say what the image shows"),
                )
                .help("describe the picture in a few words, as you would to someone on the phone"),
        );
    } else if let Some(opening) = says_image_of(alt) {
        let rest = alt[opening.len()..].trim_start();
        let mut shown = rest.chars();
        let rest = shown
            .next()
            .map(|c| c.to_uppercase().chain(shown).collect::<String>())
            .unwrap_or_default();
        out.push(
            IMAGE_ALT_FILENAME
                .at(
                    file,
                    start.line,
                    start.column,
                    format!("the alt text starts `{opening}`, which screen readers already say"),
                )
                .help(format!("start with what it shows: `![{rest}](…)`")),
        );
    }
}

/// Adds `text` to the innermost open image's alt text, within [`ALT_MAX`].
fn push_alt(open: &mut [String], text: &str) {
    let Some(alt) = open.last_mut() else {
        return;
    };
    let text = if alt.is_empty() {
        text.trim_start()
    } else {
        text
    };
    let room = ALT_MAX.saturating_sub(alt.len());
    let mut end = text.len().min(room);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    alt.push_str(&text[..end]);
}

/// Speaks of every site image on a page over [`MAX_BYTES`] or [`MAX_PIXELS`].
pub(crate) fn check_sizes(
    file: &Path,
    images: &[crate::markdown::UsedImage],
    out: &mut Vec<Diagnostic>,
) {
    for image in images {
        if image.source_bytes <= MAX_BYTES && image.width.max(image.height) <= MAX_PIXELS {
            continue;
        }
        out.push(
            IMAGE_SIZE
                .at(
                    file,
                    image.line,
                    image.col,
                    format!(
                        "`{}` is {}, {} × {} pixels",
                        image.key,
                        kilobytes(image.source_bytes),
                        image.width,
                        image.height
                    ),
                )
                .help("it is published at most 1,600 pixels wide anyway; save a copy about 2,000 pixels wide to keep the site's folder small and builds quick"),
        );
    }
}

/// True for alt text that is a file name, a camera's or a phone's name for a
/// photo (`IMG_2041`, `Screenshot 2024-05-01`), a placeholder, or a word that
/// only means "a picture" (`Photo`, `An image`).
fn says_nothing(alt: &str) -> bool {
    let lower = alt.to_lowercase();
    let word = lower.trim_end_matches(['.', ':']);
    let word = ["a ", "an ", "the "]
        .iter()
        .find_map(|a| word.strip_prefix(a))
        .unwrap_or(word);
    EMPTY_WORDS.contains(&word)
        || PLACEHOLDERS.contains(&word)
        || (!lower.contains(' ') && FILE_ENDINGS.iter().any(|e| lower.ends_with(e)))
        || is_camera_name(&lower)
}

/// Names cameras, phones and apps give pictures, before their numbers.
const CAMERA_NAMES: &[&str] = &[
    "img_",
    "img-",
    "img",
    "dsc_",
    "dscn",
    "dsc",
    "dcim",
    "pxl_",
    "mvimg",
    "image0",
    "photo_",
    "screenshot",
    "screen shot",
    "whatsapp image",
    "scan_",
    "scan0",
];

/// Alt text that stands in for a description yet to be written.
const PLACEHOLDERS: &[&str] = &[
    "alt",
    "alt text",
    "alt-text",
    "alternative text",
    "description",
    "image description",
    "add alt text",
    "placeholder",
    "todo",
    "tbc",
    "tbd",
];

/// True for `IMG_2041`, `DSC00042`, `PXL_20240501_101010` or `Screenshot
/// 2024-05-01 at 10.15`: a name made from a camera's prefix and numbers.
fn is_camera_name(lower: &str) -> bool {
    CAMERA_NAMES.iter().any(|prefix| {
        lower.strip_prefix(prefix).is_some_and(|rest| {
            let rest = rest.trim_start_matches([' ', '_', '-']);
            rest.starts_with(|c: char| c.is_ascii_digit())
                && !rest.contains(|c: char| c.is_alphabetic() && !"ampmt".contains(c))
        })
    })
}

/// The opening words when alt text starts "image of", "picture of" or "photo
/// of" (with "a" or "an" before them): screen readers say it is an image.
fn says_image_of(alt: &str) -> Option<&str> {
    let lower = alt.to_lowercase();
    let opening = ["a ", "an ", ""]
        .iter()
        .flat_map(|a| {
            [
                "image of",
                "picture of",
                "photo of",
                "photograph of",
                "graphic of",
            ]
            .map(move |w| (a, w))
        })
        .find(|(a, w)| {
            lower
                .strip_prefix(*a)
                .and_then(|l| l.strip_prefix(w))
                .is_some_and(|rest| rest.starts_with(' '))
        })
        .map(|(a, w)| a.len() + w.len())?;
    alt.get(..opening)
}

#[cfg(test)]
mod tests {
    use super::says_nothing;
    use crate::check::tests::found;

    #[test]
    fn nested_images_are_judged_by_all_their_text_in_linear_time() {
        // The outer image's alt text is the inner image's; none is empty.
        assert!(found("![![![x](a.png)](b.png)](c.png)\n", "image-alt").is_empty());
        assert_eq!(
            found("![![![ ](a.png)](b.png)](c.png)\n", "image-alt").len(),
            3
        );
        let deep = format!("{}x{}\n", "![".repeat(20_000), "](a.png)".repeat(20_000));
        assert!(found(&deep, "image-alt").is_empty());
        let long = format!("![{}photo](a.png)\n", " ".repeat(2 * super::ALT_MAX));
        assert_eq!(found(&long, "image-alt-filename"), vec![(1, 1)]);
    }

    #[test]
    fn image_without_alt_is_an_error_at_the_image() {
        assert_eq!(found("Text.\n\n![](a.png)\n", "image-alt"), vec![(3, 1)]);
        assert_eq!(found("See ![ ](a.png).\n", "image-alt"), vec![(1, 5)]);
    }

    #[test]
    fn described_image_passes() {
        let md = "![A family at a kitchen table](a.png)\n";
        assert!(found(md, "image-alt").is_empty());
        assert!(found(md, "image-alt-filename").is_empty());
    }

    #[test]
    fn file_name_or_picture_word_as_alt_warns() {
        assert_eq!(
            found("![IMG_0042.JPG](a.jpg)\n", "image-alt-filename"),
            vec![(1, 1)]
        );
        assert_eq!(
            found("![Photo](a.jpg)\n", "image-alt-filename"),
            vec![(1, 1)]
        );
        assert!(found("![Photo](a.jpg)\n", "image-alt").is_empty());
    }

    #[test]
    fn camera_names_placeholders_and_image_of_warn() {
        for alt in [
            "IMG_2041",
            "DSC00042",
            "PXL_20240501_101010",
            "Screenshot 2024-05-01 at 10.15",
            "WhatsApp Image 2024-05-01 at 10.15.02",
            "alt text",
            "A photo",
            "An image.",
            "TBC",
        ] {
            assert_eq!(
                found(&format!("![{alt}](a.jpg)\n"), "image-alt-filename"),
                vec![(1, 1)],
                "{alt}"
            );
        }
        for alt in [
            "Images from our conference",
            "Imagery from the campaign",
            "Imogen at the front desk",
            "DSC training day in 2024",
            "A photo booth at the family day",
        ] {
            let got = found(&format!("![{alt}](a.jpg)\n"), "image-alt-filename");
            assert!(got.is_empty(), "{alt}");
        }
        let page = crate::markdown::tests::with_page(
            "![An image of a social worker with a family](a.jpg)\n",
        );
        let d = page
            .diagnostics
            .iter()
            .find(|d| d.rule == "image-alt-filename");
        assert!(d.is_some_and(|d| d.message
            == "the alt text starts `An image of`, which screen readers already say"
            && d.help.as_deref()
                == Some("start with what it shows: `![A social worker with a family](…)`")));
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(super::kilobytes(730 * 1024), "730 KB");
        assert_eq!(super::kilobytes(2_500_000), "2.4 MB");
    }

    #[test]
    fn decorative_images_say_so_with_empty_quotes() {
        assert!(found("![\"\"](divider.png)\n", "image-alt").is_empty());
        assert!(found("![\"\"](divider.png)\n", "image-alt-filename").is_empty());
        let html = crate::markdown::tests::with_page("![\"\"](https://example.org/d.png)\n").html;
        assert!(html.contains("alt=\"\""), "{html}");
        // Typed with a space, with single quotes, or curled: not read aloud.
        for alt in ["\" \"", "''", "\u{201c} \u{201d}", "\u{2018}\u{2019}"] {
            let md = format!("![{alt}](https://example.org/d.png)\n");
            let html = crate::markdown::tests::with_page(&md).html;
            assert!(html.contains("alt=\"\""), "{alt}: {html}");
            assert!(found(&md, "image-alt-filename").is_empty(), "{alt}");
        }
        let html = crate::markdown::tests::with_page("![\"Hi\"](https://example.org/d.png)\n").html;
        assert!(!html.contains("alt=\"\""), "{html}");
    }

    #[test]
    fn heavy_images_get_a_note_with_their_size() {
        use crate::markdown::UsedImage;
        let image = |bytes, width, height| UsedImage {
            key: "a/photo.jpg".into(),
            line: 4,
            col: 1,
            source_bytes: bytes,
            width,
            height,
        };
        let mut out = Vec::new();
        let file = std::path::Path::new("a.md");
        super::check_sizes(file, &[image(100_000, 1200, 800)], &mut out);
        assert!(out.is_empty());
        super::check_sizes(
            file,
            &[image(5_400_000, 1200, 800), image(10, 300, 4001)],
            &mut out,
        );
        assert_eq!(out.len(), 2);
        assert!(out[0].message.contains("5.1 MB"), "{}", out[0].message);
        assert_eq!((out[0].line, out[0].rule), (Some(4), "image-size"));
        assert!(out[1].message.contains("300 × 4001"));
    }

    #[test]
    fn descriptions_that_mention_pictures_are_fine() {
        assert!(!says_nothing("Photo of the partnership board"));
        assert!(!says_nothing("Chart: referrals by month"));
        assert!(says_nothing("chart.png"));
        assert!(says_nothing("image."));
    }
}
