//! Rule ids: every id a `Diagnostic` can carry, as a constant, in one table.
//!
//! A ground-floor module: it imports nothing from the crate. The build, the
//! loaders and the content checks name their findings with these constants, never
//! with a bare string, so an id is spelt once. `check::RULES` adds each content
//! rule's severity and description for the author's guide; [`BUILD_RULES`] says
//! what each of the build's own rules is about.
//!
//! To add a rule: add its constant here, add it to [`ALL`] (and to
//! [`BUILD_RULES`], or to `check::RULES` with a `Rule` for a content check).

/// Rule `abbreviation`.
pub const ABBREVIATION: &str = "abbreviation";
/// Rule `alias`.
pub const ALIAS: &str = "alias";
/// Rule `archetype`.
pub const ARCHETYPE: &str = "archetype";
/// Rule `attachment-html`.
pub const ATTACHMENT_HTML: &str = "attachment-html";
/// Rule `attachment-broken`.
pub const ATTACHMENT_BROKEN: &str = "attachment-broken";
/// Rule `attachment-missing`.
pub const ATTACHMENT_MISSING: &str = "attachment-missing";
/// Rule `attachment-pdf-title`.
pub const ATTACHMENT_PDF_TITLE: &str = "attachment-pdf-title";
/// Rule `attachment-title`.
pub const ATTACHMENT_TITLE: &str = "attachment-title";
/// Rule `attachment-untagged`.
pub const ATTACHMENT_UNTAGGED: &str = "attachment-untagged";
/// Rule `attribute-list`.
pub const ATTRIBUTE_LIST: &str = "attribute-list";
/// Rule `bare-url-link`.
pub const BARE_URL_LINK: &str = "bare-url-link";
/// Rule `bold-paragraph`.
pub const BOLD_PARAGRAPH: &str = "bold-paragraph";
/// Rule `brand-contrast`.
pub const BRAND_CONTRAST: &str = "brand-contrast";
/// Rule `briefing-length`.
pub const BRIEFING_LENGTH: &str = "briefing-length";
/// Rule `briefing-parts`.
pub const BRIEFING_PARTS: &str = "briefing-parts";
/// Rule `broken-anchor`.
pub const BROKEN_ANCHOR: &str = "broken-anchor";
/// Rule `broken-link`.
pub const BROKEN_LINK: &str = "broken-link";
/// Rule `build`.
pub const BUILD: &str = "build";
/// Rule `callout-type`.
pub const CALLOUT_TYPE: &str = "callout-type";
/// Rule `capitals`.
pub const CAPITALS: &str = "capitals";
/// Rule `code-language`.
pub const CODE_LANGUAGE: &str = "code-language";
/// Rule `config`.
pub const CONFIG: &str = "config";
/// Rule `contact`.
pub const CONTACT: &str = "contact";
/// Rule `document-hidden`.
pub const DOCUMENT_HIDDEN: &str = "document-hidden";
/// Rule `duplicate-url`.
pub const DUPLICATE_URL: &str = "duplicate-url";
/// Rule `date-order`.
pub const DATE_ORDER: &str = "date-order";
/// Rule `duplicate-title`.
pub const DUPLICATE_TITLE: &str = "duplicate-title";
/// Rule `easy-read`.
pub const EASY_READ: &str = "easy-read";
/// Rule `easy-read-picture`.
pub const EASY_READ_PICTURE: &str = "easy-read-picture";
/// Rule `empty-link-text`.
pub const EMPTY_LINK_TEXT: &str = "empty-link-text";
/// Rule `event-booking`.
pub const EVENT_BOOKING: &str = "event-booking";
/// Rule `event-place`.
pub const EVENT_PLACE: &str = "event-place";
/// Rule `event-start`.
pub const EVENT_START: &str = "event-start";
/// Rule `event-times`.
pub const EVENT_TIMES: &str = "event-times";
/// Rule `file`.
pub const FILE: &str = "file";
/// Rule `footnote`.
pub const FOOTNOTE: &str = "footnote";
/// Rule `front-matter`.
pub const FRONT_MATTER: &str = "front-matter";
/// Rule `glossary`.
pub const GLOSSARY: &str = "glossary";
/// Rule `heading-empty`.
pub const HEADING_EMPTY: &str = "heading-empty";
/// Rule `heading-h1`.
pub const HEADING_H1: &str = "heading-h1";
/// Rule `heading-skip`.
pub const HEADING_SKIP: &str = "heading-skip";
/// Rule `heading-space`.
pub const HEADING_SPACE: &str = "heading-space";
/// Rule `hosting`.
pub const HOSTING: &str = "hosting";
/// Rule `image-alt`.
pub const IMAGE_ALT: &str = "image-alt";
/// Rule `image-alt-filename`.
pub const IMAGE_ALT_FILENAME: &str = "image-alt-filename";
/// Rule `image-broken`.
pub const IMAGE_BROKEN: &str = "image-broken";
/// Rule `image-format`.
pub const IMAGE_FORMAT: &str = "image-format";
/// Rule `image-size`.
pub const IMAGE_SIZE: &str = "image-size";
/// Rule `lang-marker`.
pub const LANG_MARKER: &str = "lang-marker";
/// Rule `long-sentence`.
pub const LONG_SENTENCE: &str = "long-sentence";
/// Rule `markdown-surprise`.
pub const MARKDOWN_SURPRISE: &str = "markdown-surprise";
/// Rule `missing-description`.
pub const MISSING_DESCRIPTION: &str = "missing-description";
/// Rule `not-a-link`.
pub const NOT_A_LINK: &str = "not-a-link";
/// Rule `not-bold`.
pub const NOT_BOLD: &str = "not-bold";
/// Rule `output-path`.
pub const OUTPUT_PATH: &str = "output-path";
/// Rule `outside-link`.
pub const OUTSIDE_LINK: &str = "outside-link";
/// Rule `pipe-table`.
pub const PIPE_TABLE: &str = "pipe-table";
/// Rule `placeholder`.
pub const PLACEHOLDER: &str = "placeholder";
/// Rule `raw-html`.
pub const RAW_HTML: &str = "raw-html";
/// Rule `reading-grade`.
pub const READING_GRADE: &str = "reading-grade";
/// Rule `repeated-term`.
pub const REPEATED_TERM: &str = "repeated-term";
/// Rule `report-concern`.
pub const REPORT_CONCERN: &str = "report-concern";
/// Rule `review-due`.
pub const REVIEW_DUE: &str = "review-due";
/// Rule `script-html`.
pub const SCRIPT_HTML: &str = "script-html";
/// Rule `shortcode`.
pub const SHORTCODE: &str = "shortcode";
/// Rule `staff-link`.
pub const STAFF_LINK: &str = "staff-link";
/// Rule `table-caption`.
pub const TABLE_CAPTION: &str = "table-caption";
/// Rule `table-cells`.
pub const TABLE_CELLS: &str = "table-cells";
/// Rule `table-header`.
pub const TABLE_HEADER: &str = "table-header";
/// Rule `template`.
pub const TEMPLATE: &str = "template";
/// Rule `template-code`.
pub const TEMPLATE_CODE: &str = "template-code";
/// Rule `theme-override`.
pub const THEME_OVERRIDE: &str = "theme-override";
/// Rule `theme-strings`.
pub const THEME_STRINGS: &str = "theme-strings";
/// Rule `thousands-mark`.
pub const THOUSANDS_MARK: &str = "thousands-mark";
/// Rule `title-length`.
pub const TITLE_LENGTH: &str = "title-length";
/// Rule `title-markup`.
pub const TITLE_MARKUP: &str = "title-markup";
/// Rule `translation`.
pub const TRANSLATION: &str = "translation";
/// Rule `translation-outdated`.
pub const TRANSLATION_OUTDATED: &str = "translation-outdated";
/// Rule `updated-unexplained`.
pub const UPDATED_UNEXPLAINED: &str = "updated-unexplained";
/// Rule `vague-link-text`.
pub const VAGUE_LINK_TEXT: &str = "vague-link-text";
/// Rule `windows-name`.
pub const WINDOWS_NAME: &str = "windows-name";
/// Rule `word-paste`.
pub const WORD_PASTE: &str = "word-paste";
/// Rule `wrapped-link`.
pub const WRAPPED_LINK: &str = "wrapped-link";

/// Every rule id, sorted.
pub const ALL: &[&str] = &[
    ABBREVIATION,
    ALIAS,
    ARCHETYPE,
    ATTACHMENT_BROKEN,
    ATTACHMENT_HTML,
    ATTACHMENT_MISSING,
    ATTACHMENT_PDF_TITLE,
    ATTACHMENT_TITLE,
    ATTACHMENT_UNTAGGED,
    ATTRIBUTE_LIST,
    BARE_URL_LINK,
    BOLD_PARAGRAPH,
    BRAND_CONTRAST,
    BRIEFING_LENGTH,
    BRIEFING_PARTS,
    BROKEN_ANCHOR,
    BROKEN_LINK,
    BUILD,
    CALLOUT_TYPE,
    CAPITALS,
    CODE_LANGUAGE,
    CONFIG,
    CONTACT,
    DATE_ORDER,
    DOCUMENT_HIDDEN,
    DUPLICATE_TITLE,
    DUPLICATE_URL,
    EASY_READ,
    EASY_READ_PICTURE,
    EMPTY_LINK_TEXT,
    EVENT_BOOKING,
    EVENT_PLACE,
    EVENT_START,
    EVENT_TIMES,
    FILE,
    FOOTNOTE,
    FRONT_MATTER,
    GLOSSARY,
    HEADING_EMPTY,
    HEADING_H1,
    HEADING_SKIP,
    HEADING_SPACE,
    HOSTING,
    IMAGE_ALT,
    IMAGE_ALT_FILENAME,
    IMAGE_BROKEN,
    IMAGE_FORMAT,
    IMAGE_SIZE,
    LANG_MARKER,
    LONG_SENTENCE,
    MARKDOWN_SURPRISE,
    MISSING_DESCRIPTION,
    NOT_A_LINK,
    NOT_BOLD,
    OUTPUT_PATH,
    OUTSIDE_LINK,
    PIPE_TABLE,
    PLACEHOLDER,
    RAW_HTML,
    READING_GRADE,
    REPEATED_TERM,
    REPORT_CONCERN,
    REVIEW_DUE,
    SCRIPT_HTML,
    SHORTCODE,
    STAFF_LINK,
    TABLE_CAPTION,
    TABLE_CELLS,
    TABLE_HEADER,
    TEMPLATE,
    TEMPLATE_CODE,
    THEME_OVERRIDE,
    THEME_STRINGS,
    THOUSANDS_MARK,
    TITLE_LENGTH,
    TITLE_MARKUP,
    TRANSLATION,
    TRANSLATION_OUTDATED,
    UPDATED_UNEXPLAINED,
    VAGUE_LINK_TEXT,
    WINDOWS_NAME,
    WORD_PASTE,
    WRAPPED_LINK,
];

/// The build's own rules (the content checks' are `check::RULES`), with what each is about.
pub const BUILD_RULES: &[(&str, &str)] = &[
    (ALIAS, "an `aliases:` address that cannot be redirected"),
    (ARCHETYPE, "an archetype `plainsite new` cannot use"),
    (
        ATTACHMENT_BROKEN,
        "an attachment whose file is not what its name says (a web page saved as .pdf)",
    ),
    (
        ATTACHMENT_MISSING,
        "an attachment named in front matter that is not there",
    ),
    (
        ATTACHMENT_PDF_TITLE,
        "an attached PDF titled after its file by the program that made it (`Microsoft Word - plan.docx`)",
    ),
    (
        ATTACHMENT_UNTAGGED,
        "an attached PDF without tags, which screen readers cannot follow",
    ),
    (
        BRAND_CONTRAST,
        "a brand colour too light for text on it (WCAG 2.2 AA)",
    ),
    (
        BROKEN_ANCHOR,
        "a `#fragment` that is not a heading or anchor on the page it points to",
    ),
    (
        BROKEN_LINK,
        "a link or image that points to no page or file",
    ),
    (BUILD, "a build that could not finish (in the preview)"),
    (CALLOUT_TYPE, "an unknown `[!TYPE]` callout"),
    (
        CODE_LANGUAGE,
        "a code block in a language plainsite cannot highlight",
    ),
    (CONFIG, "a problem in `site.yaml`"),
    (CONTACT, "no contact details in `site.yaml`"),
    (
        DOCUMENT_HIDDEN,
        "a Word, Excel, PowerPoint or OpenDocument file published with comments, tracked changes, hidden sheets or speaker notes in it",
    ),
    (DUPLICATE_URL, "two files that would make the same address"),
    (EASY_READ, "an `easy_read:` link that goes nowhere"),
    (
        FILE,
        "a file that cannot be read, or holds characters it must not",
    ),
    (FRONT_MATTER, "a problem in a page's front matter"),
    (GLOSSARY, "a problem in the glossary"),
    (
        HOSTING,
        "a `hosting:` setting plainsite cannot write files for",
    ),
    (IMAGE_BROKEN, "an image file that cannot be read"),
    (
        OUTPUT_PATH,
        "an address that cannot be a file in the output folder",
    ),
    (OUTSIDE_LINK, "a symbolic link that leads outside the site"),
    (REPORT_CONCERN, "no `report_concern` link in `site.yaml`"),
    (SHORTCODE, "a shortcode that is unknown or went wrong"),
    (TEMPLATE, "a template that is missing or went wrong"),
    (
        THEME_OVERRIDE,
        "a site file at a theme's path, used instead of the theme's",
    ),
    (THEME_STRINGS, "a theme words file (`i18n/`) with a problem"),
    (TRANSLATION, "a translation file that does not fit its page"),
    (
        TRANSLATION_OUTDATED,
        "a translation older than the page it translates",
    ),
    (
        WINDOWS_NAME,
        "a file or folder with a name Windows keeps for a device (`con`, `aux`), or one another computer cannot hold beside its twin",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sorted_unique_kebab_case_and_build_rules_are_listed() {
        assert!(ALL.windows(2).all(|w| w[0] < w[1]), "{ALL:?}");
        assert!(ALL.iter().all(|id| {
            !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        }));
        for (id, what) in BUILD_RULES {
            assert!(ALL.contains(id), "{id}");
            assert!(!what.is_empty());
        }
    }
}
