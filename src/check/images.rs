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
    description: "alt text that is a file name or just \"image\", \"picture\" or \"photo\"",
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
    let mut sizes: HashMap<&str, Option<u64>> = HashMap::new();
    for (page, r) in content.pages.iter().zip(rendered) {
        for image in &r.images {
            let key = image.href.strip_prefix(base_path).unwrap_or(&image.href);
            let size = *sizes.entry(key).or_insert_with(|| match output.get(key) {
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

/// True for alt text that is a file name or a word that only means "a picture".
fn says_nothing(alt: &str) -> bool {
    let lower = alt.to_lowercase();
    let word = lower.trim_end_matches(['.', ':']);
    EMPTY_WORDS.contains(&word)
        || (!lower.contains(' ') && FILE_ENDINGS.iter().any(|e| lower.ends_with(e)))
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
