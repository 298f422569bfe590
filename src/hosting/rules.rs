//! What every host file says: the hosts plainsite writes files for, the headers
//! every page gets, the cache rule for fingerprinted assets, and the redirects
//! and headers of one site (`Rules`).
//!
//! Part of `hosting`; data only. `formats.rs` writes it in each host's format.

/// Where the site is published, from `hosting:` in `site.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Hosting {
    /// No host files (the default).
    #[default]
    None,
    /// Netlify: `_redirects` and `_headers`.
    Netlify,
    /// Cloudflare Pages: `_redirects` and `_headers`.
    Cloudflare,
    /// Azure Static Web Apps: `staticwebapp.config.json`.
    Azure,
    /// Apache httpd: `.htaccess`.
    Apache,
    /// nginx: `nginx.conf`, to include in the site's `server` block.
    Nginx,
    /// GitHub Pages: `.nojekyll` (it can send neither headers nor redirects).
    GithubPages,
}

/// The values `hosting:` takes, as written.
pub const HOSTING_NAMES: [&str; 7] = [
    "netlify",
    "cloudflare",
    "azure",
    "apache",
    "nginx",
    "github-pages",
    "none",
];

impl Hosting {
    /// Reads a `hosting:` value; `None` when it is not one of [`HOSTING_NAMES`].
    pub fn parse(name: &str) -> Option<Hosting> {
        Some(match name.trim() {
            "netlify" => Hosting::Netlify,
            "cloudflare" => Hosting::Cloudflare,
            "azure" => Hosting::Azure,
            "apache" => Hosting::Apache,
            "nginx" => Hosting::Nginx,
            "github-pages" => Hosting::GithubPages,
            "none" => Hosting::None,
            _ => return None,
        })
    }

    /// The `hosting:` value that names this host, as written in `site.yaml`.
    pub fn name(self) -> &'static str {
        match self {
            Hosting::Netlify => "netlify",
            Hosting::Cloudflare => "cloudflare",
            Hosting::Azure => "azure",
            Hosting::Apache => "apache",
            Hosting::Nginx => "nginx",
            Hosting::GithubPages => "github-pages",
            Hosting::None => "none",
        }
    }

    /// The `hosting:` value, when this host is sent [`HEADERS`] (and so the
    /// Content-Security-Policy, which lets pages show only the site's own
    /// images); `None` for a host that cannot send headers, or none.
    pub fn sends_headers(self) -> Option<&'static str> {
        match self {
            Hosting::GithubPages | Hosting::None => None,
            _ => Some(self.name()),
        }
    }
}

/// The Content-Security-Policy sent with every page: only the site's own files,
/// no inline script or style, no plugins, and no framing by other sites. The
/// default theme satisfies it.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The headers sent with every file.
pub const HEADERS: [(&str, &str); 5] = [
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=()",
    ),
];

/// The header sent with fingerprinted assets, whose content never changes under
/// one name.
pub const IMMUTABLE: (&str, &str) = ("Cache-Control", "public, max-age=31536000, immutable");

/// What the host files say, whatever their format.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rules {
    /// Old address → new address (both paths with the base path), in page order.
    pub redirects: Vec<(String, String)>,
    /// Addresses of fingerprinted assets, sorted.
    pub immutable: Vec<String>,
    /// The address of the 404 page, when there is one.
    pub not_found: Option<String>,
}
