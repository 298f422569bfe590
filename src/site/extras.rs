//! Files every site gets besides its pages and feeds: the brand's stylesheet
//! and icons (feeds are planned in `feed_plan.rs`; `sitemap.xml` and
//! `robots.txt` are in `sitemap.rs`).

use crate::config::Config;
use crate::error::Diagnostic;
use crate::output::{Output, OutputFile};

/// The stylesheet made from `brand.colour`.
pub(crate) const BRAND_CSS: &str = "css/brand.css";
/// A site's own additions to the theme's stylesheet, loaded after it.
pub(crate) const CUSTOM_CSS: &str = "css/custom.css";

/// Adds the brand's files: `css/brand.css` from the colour, the icons (from the
/// logo, or the default mark in the brand colour; see [`crate::images::icons`]),
/// and an `.ico` brand favicon at `/favicon.ico`. A logo that cannot be made
/// into icons is an error; the default icons stand in, so `/favicon.ico` is
/// never a 404.
pub(crate) fn add_brand(config: &Config, output: &mut Output, problems: &mut Vec<Diagnostic>) {
    use crate::images::icons;
    if let Some(colour) = &config.brand.colour {
        output.insert(
            BRAND_CSS,
            OutputFile::Bytes(crate::brand::stylesheet(colour).into_bytes().into()),
        );
    }
    let colour = config
        .brand
        .colour
        .as_deref()
        .and_then(crate::brand::parse_colour)
        .unwrap_or(DEFAULT_COLOUR);
    // Icons are made from a PNG or JPEG logo. An SVG logo is linked as the icon
    // as it is; it, a WebP or a GIF logo gets the default mark for the rest.
    let logo = config
        .brand
        .logo
        .as_ref()
        .filter(|l| {
            let l = l.to_ascii_lowercase();
            [".png", ".jpg", ".jpeg"].iter().any(|e| l.ends_with(e))
        })
        .map(|l| config.root.join("static").join(l));
    let made = icons::make(&config.root, logo.as_deref(), colour).or_else(|why| {
        if let Some(l) = &config.brand.logo {
            problems.push(
                Diagnostic::error(
                    crate::rules::CONFIG,
                    crate::config::CONFIG_FILE,
                    format!(
                        "`brand.logo` static/{l} cannot be made into the site's icons: it {why}"
                    ),
                )
                .help("save the logo as a PNG (at least 180 pixels wide) or an SVG, under 20 MB"),
            );
        }
        icons::make(&config.root, None, colour)
    });
    match made {
        Ok(files) => {
            // The site's own static/favicon.ico wins over the made one.
            let own_ico = config.root.join("static").join(icons::FAVICON_ICO).is_file();
            for (key, file) in files.files {
                if key != icons::FAVICON_ICO || !own_ico {
                    output.insert(key, file);
                }
            }
            output.insert(
                icons::ICON_SVG,
                OutputFile::Bytes(files.svg.into_bytes().into()),
            );
            // The header's logo, made no taller than it is shown, at its own path.
            if let (Some(made), Some(key)) = (files.logo, &config.brand.logo) {
                output.insert(key.clone(), made);
            }
        }
        Err(why) => problems.push(
            Diagnostic::warning(crate::rules::CONFIG, crate::config::CONFIG_FILE, format!("the site's icons could not be made: {why}"))
                .help("check that the site folder can be written to (icons are kept in .plainsite-cache/)"),
        ),
    }
    // Browsers ask for /favicon.ico whatever the page links to: an .ico brand
    // favicon is served there too.
    if let Some(icon) = config
        .brand
        .favicon
        .as_ref()
        .filter(|_| config.brand.favicon_type.as_deref() == Some("image/x-icon"))
    {
        output.insert(
            icons::FAVICON_ICO,
            OutputFile::Copy(config.root.join("static").join(icon)),
        );
    }
}

/// The theme's colour (`--brand` in `site.css`), for icons when a site has none.
const DEFAULT_COLOUR: crate::brand::Rgb = [0x0b, 0x3b, 0x5e];
