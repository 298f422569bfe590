//! The site's brand (`brand: {logo, colour, favicon}` in `site.yaml`) and the quick
//! exit setting: checking them, and the brand stylesheet made from the colour.
//!
//! Runs while settings are read (`Config::from_raw`), before any content. The colour
//! is checked against WCAG 2.2 AA for every place the default theme draws with it;
//! a failing colour is an error that gives the contrast found and the nearest darker
//! shade that passes. Logo and favicon are files under `static/`, checked to be
//! plain relative paths that stay inside the site. Nothing here reads content or
//! renders HTML.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;

/// `brand:` in `site.yaml`, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBrand {
    /// An image in `static/`, shown in the header (`/images/logo.svg`).
    #[serde(default)]
    pub logo: Option<String>,
    /// The brand colour, `#0b3b5e`.
    #[serde(default)]
    pub colour: Option<String>,
    /// An `.svg`, `.png` or `.ico` file in `static/`.
    #[serde(default)]
    pub favicon: Option<String>,
}

/// The checked brand, as templates see it (`site.brand`).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, Hash)]
pub struct Brand {
    /// Output path of the logo (`images/logo.svg`), no leading slash.
    pub logo: Option<String>,
    /// The colour as `#rrggbb`.
    pub colour: Option<String>,
    /// Output path of the favicon, no leading slash.
    pub favicon: Option<String>,
    /// The favicon's MIME type (`image/svg+xml`, `image/png`, `image/x-icon`).
    pub favicon_type: Option<String>,
    /// The logo's width and height, when they can be read, so the header keeps
    /// its place while the logo loads.
    pub logo_size: Option<(u32, u32)>,
}

/// `quick_exit:` in `site.yaml`, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuickExit {
    /// The neutral site the button leaves for (`https://www.bbc.co.uk/weather`).
    pub url: String,
    /// Only pages in these top-level sections show it; every page when absent.
    #[serde(default)]
    pub sections: Option<Vec<String>>,
}

/// The checked quick exit setting, as templates see it (`site.quick_exit`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct QuickExit {
    /// Where the button goes.
    pub url: String,
    /// Top-level section folders whose pages show it; empty means every page.
    pub sections: Vec<String>,
    /// The same as URL path prefixes with the base path (`/help/`), for templates;
    /// filled in when the site view is made, as the base path can change.
    pub paths: Vec<String>,
}

/// Reads the quick exit setting; `at` finds a key's line in `site.yaml`.
pub(crate) fn check_quick_exit(
    raw: Option<RawQuickExit>,
    at: &dyn Fn(&str) -> (usize, usize),
    problems: &mut Vec<Diagnostic>,
) -> Option<QuickExit> {
    let raw = raw?;
    let file = Path::new(crate::paths::CONFIG_FILE);
    let at = |key: &str| match at(key) {
        (1, 1) => at("quick_exit"),
        found => found,
    };
    if !crate::urls::is_web_url(raw.url.trim()) {
        let (l, c) = at("quick_exit.url");
        let url = raw.url.trim();
        // `www.bbc.co.uk/weather`: an address written without its start.
        let help = if !url.contains(':') && url.contains('.') && !url.contains(char::is_whitespace)
        {
            format!(
                "add https:// at the start: `url: https://{}`",
                url.trim_start_matches('/')
            )
        } else {
            "write a neutral site that is safe to be seen on screen, like `url: https://www.bbc.co.uk/weather`".to_owned()
        };
        problems.push(
            Diagnostic::error(
                crate::rules::CONFIG,
                file,
                format!(
                    "`quick_exit.url` must be a full https: or http: address, found {:?}",
                    crate::text::shortened(&raw.url)
                ),
            )
            .at(l, c)
            .help(help),
        );
        return None;
    }
    // `http://localhost:1111/`: the way out would lead nowhere on a reader's
    // screen, and an error page is not a neutral one.
    if let Err(bad) = crate::urls::check(raw.url.trim()) {
        let (l, c) = at("quick_exit.url");
        problems.push(
            Diagnostic::error(crate::rules::CONFIG, file, format!("`quick_exit.url`: {}", bad.message))
                .at(l, c)
                .help("write a neutral site that is safe to be seen on screen, like `url: https://www.bbc.co.uk/weather`"),
        );
        return None;
    }
    let mut sections = Vec::new();
    for s in raw.sections.unwrap_or_default() {
        let name = s.trim_matches('/');
        if name.is_empty() || crate::text::url_slug(name) != name {
            let (l, c) = at("sections");
            problems.push(
                Diagnostic::error(
                    crate::rules::CONFIG,
                    file,
                    format!(
                        "`quick_exit.sections` names a section folder, found {:?}",
                        crate::text::shortened(&s)
                    ),
                )
                .at(l, c)
                .help("write the folder names under content/, like `sections: [report-a-concern, help]`"),
            );
            continue;
        }
        sections.push(name.to_owned());
    }
    Some(QuickExit {
        url: raw.url.trim().to_owned(),
        sections,
        paths: Vec::new(),
    })
}

/// Reads and checks the brand: file paths inside `static/`, and the colour
/// against every place the theme uses it.
pub(crate) fn check_brand(
    raw: RawBrand,
    root: &Path,
    at: &dyn Fn(&str) -> (usize, usize),
    problems: &mut Vec<Diagnostic>,
) -> Brand {
    let file = Path::new(crate::paths::CONFIG_FILE);
    // A nested key written inline (`brand: { colour: … }`) is found by its parent.
    let at = |key: &str| match at(key) {
        (1, 1) => at("brand"),
        found => found,
    };
    let mut brand = Brand::default();
    let mut static_file = |key: &'static str, value: &str, exts: &[&str]| -> Option<String> {
        match static_path(root, value, exts) {
            Ok(p) => Some(p),
            Err(why) => {
                let (l, c) = at(key);
                // `Logo.PNG` for `logo.png`: found on the author's computer,
                // not on the web server.
                let rel = value.trim().trim_start_matches('/');
                let near = (why == NOT_IN_STATIC)
                    .then(|| crate::paths::near_in_folder(&root.join("static"), rel))
                    .flatten();
                let help = match near {
                    Some(near) => crate::paths::near_file_help(
                        value.trim(),
                        crate::paths::NearFile::Case(&near),
                    ),
                    None => format!(
                        "put the file in static/ and write its path from there, like `{key}: /images/{key}.{}`; it may be a {} file",
                        exts[0],
                        kinds(exts)
                    ),
                };
                problems.push(
                    Diagnostic::error(
                        crate::rules::CONFIG,
                        file,
                        format!(
                            "`brand.{key}` {why}, found {:?}",
                            crate::text::shortened(value)
                        ),
                    )
                    .at(l, c)
                    .help(help),
                );
                None
            }
        }
    };
    if let Some(logo) = &raw.logo {
        brand.logo = static_file("logo", logo, &["svg", "png", "jpg", "jpeg", "webp", "gif"]);
        brand.logo_size = brand
            .logo
            .as_ref()
            .and_then(|l| crate::images::dimensions(&root.join("static").join(l)));
    }
    if let Some(icon) = &raw.favicon {
        brand.favicon = static_file("favicon", icon, &["svg", "png", "ico"]);
        brand.favicon_type = brand.favicon.as_deref().map(|p| {
            match p.rsplit('.').next().map(str::to_ascii_lowercase).as_deref() {
                Some("svg") => "image/svg+xml",
                Some("png") => "image/png",
                _ => "image/x-icon",
            }
            .to_owned()
        });
    }
    if let Some(colour) = &raw.colour {
        let (l, c) = at("colour");
        match parse_colour(colour) {
            None => problems.push(
                Diagnostic::error(crate::rules::CONFIG, file, format!("`brand.colour` must be a colour like #0b3b5e, found {:?}", crate::text::shortened(colour)))
                    .at(l, c)
                    .help(match named::named_colour(colour) {
                        // `navy`: a name CSS knows, given as the value to write.
                        Some((name, rgb)) => named_help(name, rgb),
                        // `1d70b8`: the digits without their `#`.
                        None if parse_colour(&format!("#{}", colour.trim())).is_some() => format!(
                            "a colour starts with #: write `colour: \"#{}\"` (with the quotes)",
                            colour.trim()
                        ),
                        None => "write six hexadecimal digits after a #, like `colour: \"#0b3b5e\"` (with the quotes)".to_owned(),
                    }),
            ),
            Some(rgb) => match failing_use(rgb) {
                None => brand.colour = Some(hex(rgb)),
                Some((place, ratio, needed)) => {
                    let fix = nearest_passing(rgb);
                    problems.push(
                        Diagnostic::error(crate::rules::BRAND_CONTRAST, file, format!(
                            "the brand colour {} is too light for {place}: their contrast ratio is {ratio:.2}:1, and WCAG 2.2 AA needs {needed}:1",
                            hex(rgb)
                        ))
                        .at(l, c)
                        .help(format!(
                            "use {}, the nearest darker shade that passes everywhere the theme uses the colour (white text on it: {:.2}:1)",
                            hex(fix),
                            contrast(fix, WHITE)
                        )),
                    );
                }
            },
        }
    }
    brand
}

/// Help for a colour written by its name: its hexadecimal value to write instead,
/// or, when that is too light for the theme, the nearest darker shade that passes.
fn named_help(name: &str, rgb: Rgb) -> String {
    let said = format!("`{name}` is {} as a hexadecimal colour", hex(rgb));
    match failing_use(rgb) {
        None => format!("{said}: write `colour: \"{}\"` (with the quotes)", hex(rgb)),
        Some((place, ratio, needed)) => {
            let fix = hex(nearest_passing(rgb));
            format!(
                "{said}, but that is too light for {place} (contrast {ratio:.2}:1, WCAG 2.2 AA needs {needed}:1); the nearest darker shade that passes is {fix}: write `colour: \"{fix}\"` (with the quotes)"
            )
        }
    }
}

/// `.svg, .png or .ico` for `["svg", "png", "ico"]`.
fn kinds(exts: &[&str]) -> String {
    let dotted: Vec<String> = exts.iter().map(|e| format!(".{e}")).collect();
    match dotted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => dotted.concat(),
    }
}

/// Why a brand file is refused when there is no such file.
const NOT_IN_STATIC: &str = "is not a file in static/";

/// Checks that `value` names a file below `static/` with one of `exts`, and returns
/// its output path. Refuses `..`, absolute paths, and links that lead out of the site.
fn static_path(root: &Path, value: &str, exts: &[&str]) -> Result<String, &'static str> {
    let rel = value.trim().trim_start_matches('/');
    if value.len() > 500 || value.chars().any(char::is_control) {
        return Err("is not a file path");
    }
    if rel.is_empty()
        || rel.contains('\\')
        || rel
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == ".." || s.contains(':'))
    {
        return Err("must be a path inside static/ with no `..`");
    }
    let ext = rel.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    if !exts.contains(&ext.as_str()) {
        return Err("must be an image of a kind browsers show here");
    }
    let path = root.join("static").join(rel);
    let (Ok(real), Ok(site)) = (path.canonicalize(), root.canonicalize()) else {
        return Err(NOT_IN_STATIC);
    };
    if !real.starts_with(&site) || !real.is_file() {
        return Err("is not a file inside the site");
    }
    Ok(rel.to_owned())
}

/// An RGB colour.
pub type Rgb = [u8; 3];

const WHITE: Rgb = [255, 255, 255];
/// The theme's focus colour (`--focus`), drawn on the header around focused links.
const FOCUS: Rgb = [0xff, 0xdd, 0x00];

/// Every place the default theme draws with the brand colour, with the colour it
/// meets there and the ratio WCAG 2.2 AA needs. Keep in step with `site.css`.
fn uses(brand: Rgb) -> [(&'static str, Rgb, Rgb, f64); 4] {
    [
        ("white header text and links on it", WHITE, brand, 4.5),
        (
            "white menu links on its darker shade",
            WHITE,
            darker(brand),
            4.5,
        ),
        (
            "panel borders and numbers on the white page",
            brand,
            WHITE,
            3.0,
        ),
        (
            "the yellow focus highlight on the header",
            FOCUS,
            brand,
            3.0,
        ),
    ]
}

/// The first place where `brand` fails, with the ratio found and needed.
pub fn failing_use(brand: Rgb) -> Option<(&'static str, f64, f64)> {
    uses(brand)
        .into_iter()
        .map(|(place, a, b, needed)| (place, contrast(a, b), needed))
        .find(|(_, ratio, needed)| ratio < needed)
}

/// The nearest shade of `rgb` (the same hue, mixed towards black) that passes
/// everywhere; black passes always.
pub fn nearest_passing(rgb: Rgb) -> Rgb {
    (0..=100)
        .map(|step| mix_black(rgb, f64::from(step) / 100.0))
        .find(|&c| failing_use(c).is_none())
        .unwrap_or([0, 0, 0])
}

/// The menu bar's shade: the brand colour 30% of the way to black.
pub fn darker(rgb: Rgb) -> Rgb {
    mix_black(rgb, 0.3)
}

fn mix_black(rgb: Rgb, amount: f64) -> Rgb {
    // `amount` is within 0..=1, so each channel stays within 0..=255.
    rgb.map(|c| (f64::from(c) * (1.0 - amount)).round().clamp(0.0, 255.0) as u8)
}

/// Reads `#rgb` or `#rrggbb`.
pub fn parse_colour(text: &str) -> Option<Rgb> {
    let digits = text.trim().strip_prefix('#')?;
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match digits.len() {
        3 => {
            let mut out = [0; 3];
            for (o, i) in out.iter_mut().zip(0..3) {
                *o = channel(&digits[i..=i])? * 17;
            }
            Some(out)
        }
        6 => Some([
            channel(&digits[0..2])?,
            channel(&digits[2..4])?,
            channel(&digits[4..6])?,
        ]),
        _ => None,
    }
}

/// `#rrggbb`.
pub fn hex(rgb: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

/// The WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn luminance(rgb: Rgb) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
}

/// The brand stylesheet (`css/brand.css`), loaded after the theme's: it sets the
/// custom properties the theme draws with.
pub fn stylesheet(colour: &str) -> String {
    let dark = parse_colour(colour).map_or_else(|| colour.to_owned(), |c| hex(darker(c)));
    format!(
        "/* Made by plainsite from `brand.colour` in site.yaml. */\n:root {{ --brand: {colour}; --brand-dark: {dark}; }}\n"
    )
}

mod named;

#[cfg(test)]
mod tests;
