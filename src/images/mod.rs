//! Images: every JPEG and PNG a page shows, written in a few widths, in its own
//! format and in WebP, with the `<picture>` that lets a browser take the smallest
//! one that fills its column. A GIF or WebP file is published as it is (an
//! animation keeps moving), with its width and height read from its header (see
//! `as_is`).
//!
//! Built before Markdown, as its [`Pictures`] handle: the Markdown pass asks it
//! for the HTML of each `![alt](src)` whose `src` is a raster image of the site,
//! and the build then asks [`Images::outputs`] for the files of every image some
//! page used. Work is done once per image per build and kept in a cache folder
//! outside the output (see `store`), so an unchanged image costs a file stamp on
//! the next build. It never writes to the output folder, renders templates or
//! reads pages. SVG files are cleaned by `svg`, not here.
//!
//! `serve` never waits for image work (see [`Deferral`]): an image not yet in the
//! cache is shown as the original file with its width and height (so the page
//! does not shift), and the preview makes its variants on another thread, then
//! builds again.

mod as_is;
mod encode;
pub mod icons;
mod prepared;
mod store;
pub mod svg;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::html::escape;
use crate::markdown::{PictureOut, PictureRequest, Pictures, UsedImage};
use crate::output::{Output, OutputFile};

pub(crate) use encode::Kind;
pub use prepared::Prepared;

/// The folder, under the site root, that holds the image cache.
pub const CACHE_DIR: &str = ".plainsite-cache/images";

/// `sizes` for the theme's text column: the screen less the page's padding
/// (`1rem` each side) on a phone, at most the 42rem measure on a wider screen.
const SIZES: &str = "(max-width: 44rem) calc(100vw - 2rem), 42rem";

/// `None`: left for later (see [`Deferral`]).
type Slot = Arc<OnceLock<Result<Option<Arc<Prepared>>, String>>>;

/// `serve`'s choice not to wait for image work: images missing from the cache are
/// noted here by the build instead of being made, and made by
/// [`Deferral::prepare`] on another thread. Shared by all the builds of one
/// preview (it lives in the `BuildCache`).
#[derive(Debug, Clone, Default)]
pub struct Deferral {
    inner: Arc<Mutex<DeferralState>>,
}

#[derive(Debug, Default)]
struct DeferralState {
    /// Sources a build showed as placeholders, not yet handed out.
    pending: Vec<PathBuf>,
    /// Sources being made now.
    in_flight: HashSet<PathBuf>,
    /// Stamps of sources already tried once: a build makes these itself, so an
    /// image that cannot be encoded shows its error rather than a placeholder.
    tried: HashSet<String>,
}

impl Deferral {
    fn lock(&self) -> std::sync::MutexGuard<'_, DeferralState> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The sources left for later by the builds so far and not being made yet;
    /// they count as being made from now on.
    pub fn take_pending(&self) -> Vec<PathBuf> {
        let mut state = self.lock();
        let mut out: Vec<PathBuf> = std::mem::take(&mut state.pending);
        out.sort();
        out.dedup();
        out.retain(|p| !state.in_flight.contains(p));
        state.in_flight.extend(out.iter().cloned());
        out
    }

    /// Makes the variants of `source` into the cache of the site at `root` (slow:
    /// call it off the build's thread). An error is kept for the next build to
    /// report, which then makes the image itself.
    pub fn prepare(&self, root: &Path, source: &Path) {
        let _ = prepare_uncached(&root.join(CACHE_DIR), source);
        let mut state = self.lock();
        if let Some(stamp) = store::stamp(source) {
            state.tried.insert(stamp);
        }
        state.in_flight.remove(source);
    }

    fn defer(&self, source: &Path, stamp: Option<&str>) -> bool {
        let mut state = self.lock();
        if stamp.is_some_and(|s| state.tried.contains(s)) {
            return false;
        }
        state.pending.push(source.to_path_buf());
        true
    }
}

/// The site's raster images and the work done on them in one build.
pub struct Images {
    cache: PathBuf,
    base_path: String,
    /// URL as a page's `src` has it → (output key, file on disk).
    by_url: HashMap<String, (String, PathBuf)>,
    /// Each source, prepared at most once per build even when pages share it.
    done: Mutex<HashMap<PathBuf, Slot>>,
    /// Set in `serve`: images not in the cache are left for later.
    deferral: Option<Deferral>,
}

impl Images {
    /// The JPEG, PNG, GIF and WebP files copied into `output` (content assets and
    /// `static/`), known by the URLs pages use for them under `base_path`.
    /// With a `deferral`, images missing from the cache are left for later.
    pub fn new(
        root: &Path,
        base_path: &str,
        output: &Output,
        deferral: Option<Deferral>,
    ) -> Images {
        let by_url = output
            .iter()
            .filter_map(|(key, file)| match file {
                OutputFile::Copy(source) if Kind::of(key).is_some() || as_is::is_as_is(key) => {
                    Some((
                        format!("{base_path}{}", crate::paths::encode_url_path(key)),
                        (key.to_owned(), source.clone()),
                    ))
                }
                _ => None,
            })
            .collect();
        Images {
            cache: root.join(CACHE_DIR),
            base_path: base_path.to_owned(),
            by_url,
            done: Mutex::new(HashMap::new()),
            deferral,
        }
    }

    /// `key` with the stamp (path, length, modified time) of every raster image
    /// mixed in, so that a page's cached HTML (which holds each image's size) is
    /// not reused once an image it may show has changed.
    pub fn environment_key(&self, key: u64) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        key.hash(&mut h);
        let mut urls: Vec<(&String, &(String, PathBuf))> = self.by_url.iter().collect();
        urls.sort_unstable();
        for (url, (_, source)) in urls {
            let stamp = store::stamp(source);
            // In `serve`, a page showing a placeholder is made again once its
            // image is in the cache, or has been tried (to show its error).
            let ready = self.deferral.as_ref().is_some_and(|d| {
                stamp.as_deref().is_some_and(|s| {
                    d.lock().tried.contains(s) || store::hash_for_stamp(&self.cache, s).is_some()
                })
            });
            (url, stamp, ready).hash(&mut h);
        }
        h.finish()
    }

    /// The image at `source`, decoded and encoded once, or found in the cache;
    /// `None` when it is left for later.
    fn prepare(&self, source: &Path) -> Result<Option<Arc<Prepared>>, String> {
        let slot: Slot = {
            let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
            done.entry(source.to_path_buf()).or_default().clone()
        };
        slot.get_or_init(|| {
            if let Some(deferral) = &self.deferral {
                let stamp = store::stamp(source);
                if let Some(found) = stamp
                    .as_deref()
                    .and_then(|s| store::hash_for_stamp(&self.cache, s))
                    .and_then(|hash| store::load(&self.cache, &hash))
                {
                    return Ok(Some(Arc::new(found)));
                }
                if deferral.defer(source, stamp.as_deref()) {
                    return Ok(None);
                }
            }
            prepare_uncached(&self.cache, source).map(|p| Some(Arc::new(p)))
        })
        .clone()
    }

    /// The files to publish for the images pages used (output keys, as in
    /// [`UsedImage::key`]): the widest variant in the image's own format replaces
    /// the original at its key (so its metadata is gone there too), and every
    /// other variant sits beside it as `name.480w.jpg`, `name.480w.webp`.
    pub fn outputs<'a>(&self, used: impl IntoIterator<Item = &'a str>) -> Vec<(String, PathBuf)> {
        let mut out = Vec::new();
        // A GIF or WebP file is published as it is: it has no variants.
        let sources: HashMap<&str, &Path> = self
            .by_url
            .values()
            .filter(|(k, _)| Kind::of(k).is_some())
            .map(|(k, p)| (k.as_str(), p.as_path()))
            .collect();
        let mut keys: Vec<&str> = used.into_iter().collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            let Some(source) = sources.get(key) else {
                continue;
            };
            // An image left for later keeps its original at its key.
            let Ok(Some(prepared)) = self.prepare(source) else {
                continue;
            };
            let top = prepared.variants.len() - 1;
            for (i, v) in prepared.variants.iter().enumerate() {
                let own_key = if i == top {
                    key.to_owned()
                } else {
                    variant_key(key, v.width, prepared.kind.ext())
                };
                out.push((own_key, v.own.clone()));
                out.push((variant_key(key, v.width, "webp"), v.webp.clone()));
            }
        }
        out
    }

    fn picture_html(&self, key: &str, prepared: &Prepared, request: &PictureRequest<'_>) -> String {
        let url = |k: &str| format!("{}{}", self.base_path, crate::paths::encode_url_path(k));
        let top = prepared.variants.len() - 1;
        let set = |ext: &str, top_is_key: bool| {
            prepared
                .variants
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let k = if top_is_key && i == top {
                        key.to_owned()
                    } else {
                        variant_key(key, v.width, ext)
                    };
                    format!("{} {}w", url(&k), v.width)
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let widest = &prepared.variants[top];
        let mime = match prepared.kind {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
        };
        let mut html = format!(
            "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\"><source type=\"{mime}\" srcset=\"{}\" sizes=\"{SIZES}\"><img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\"",
            set("webp", false),
            set(prepared.kind.ext(), true),
            url(key),
            escape(request.alt),
            widest.width,
            widest.height,
        );
        if !request.title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", escape(request.title)));
        }
        if !request.first {
            html.push_str(" loading=\"lazy\" decoding=\"async\"");
        }
        html.push_str("></picture>");
        html
    }
}

impl Pictures for Images {
    fn picture(&self, request: &PictureRequest<'_>) -> Option<Result<PictureOut, String>> {
        let (key, source) = self.by_url.get(request.src)?;
        if as_is::is_as_is(key) {
            return Some(
                as_is::dimensions(source)
                    .map(|size| self.img_html(key, request, size))
                    .map(|html| PictureOut { html, used: None })
                    .map_err(|e| format!("it could not be read as an image: {e}")),
            );
        }
        let prepared = match self.prepare(source) {
            Ok(Some(prepared)) => prepared,
            Ok(None) => return Some(self.placeholder(key, source, request)),
            Err(why) => return Some(Err(why)),
        };
        Some(Ok(PictureOut {
            html: self.picture_html(key, &prepared, request),
            used: Some(UsedImage {
                key: key.clone(),
                line: 0,
                col: 0,
                source_bytes: prepared.source_len,
                width: prepared.original_width,
                height: prepared.original_height,
            }),
        }))
    }
}

impl Images {
    /// The original image with its width and height, while its variants are
    /// made: the text shows at once and nothing moves when they arrive.
    fn placeholder(
        &self,
        key: &str,
        source: &Path,
        request: &PictureRequest<'_>,
    ) -> Result<PictureOut, String> {
        let (width, height) = encode::dimensions(source)
            .map_err(|e| format!("it could not be read as an image: {e}"))?;
        Ok(PictureOut {
            html: self.img_html(key, request, (width, height)),
            used: Some(UsedImage {
                key: key.to_owned(),
                line: 0,
                col: 0,
                source_bytes: std::fs::metadata(source).map_or(0, |m| m.len()),
                width,
                height,
            }),
        })
    }

    /// The `<img>` of the file at `key` as it is, `(width, height)` pixels.
    fn img_html(
        &self,
        key: &str,
        request: &PictureRequest<'_>,
        (width, height): (u32, u32),
    ) -> String {
        let mut html = format!(
            "<img src=\"{}{}\" alt=\"{}\" width=\"{width}\" height=\"{height}\"",
            self.base_path,
            crate::paths::encode_url_path(key),
            escape(request.alt),
        );
        if !request.title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", escape(request.title)));
        }
        if !request.first {
            html.push_str(" loading=\"lazy\" decoding=\"async\"");
        }
        html.push('>');
        html
    }
}

/// The width and height an image file is shown at: a JPEG or PNG's (turned by
/// its EXIF orientation, read from its header only), a GIF or WebP file's (from its
/// header), or what an SVG asks for.
pub fn dimensions(path: &Path) -> Option<(u32, u32)> {
    let name = path.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".svg") {
        let meta = std::fs::metadata(path).ok()?;
        if meta.len() > 2 * 1024 * 1024 {
            return None;
        }
        return svg::size(&crate::paths::read_text(path).ok()?);
    }
    if as_is::is_as_is(&name) {
        return as_is::dimensions(path).ok();
    }
    Kind::of(&name)?;
    encode::dimensions(path).ok()
}

/// `a/photo.jpg`, 480, `webp` → `a/photo.480w.webp`.
fn variant_key(key: &str, width: u32, ext: &str) -> String {
    let stem = match key.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !stem.ends_with('/') && !ext.contains('/') => stem,
        _ => key,
    };
    format!("{stem}.{width}w.{ext}")
}

fn prepare_uncached(cache: &Path, source: &Path) -> Result<Prepared, String> {
    let name = source.to_string_lossy();
    let kind = Kind::of(&name).ok_or("it is not a JPEG or PNG file")?;
    let stamp = store::stamp(source);
    if let Some(hash) = stamp
        .as_deref()
        .and_then(|s| store::hash_for_stamp(cache, s))
        && let Some(prepared) = store::load(cache, &hash)
    {
        return Ok(prepared);
    }
    let bytes =
        crate::paths::read_file(source).map_err(|e| format!("it could not be read: {e}"))?;
    let hash = store::hash_hex(&[&bytes]);
    let prepared = match store::load(cache, &hash) {
        Some(p) => p,
        None => {
            let (image, turned) = encode::decode(&bytes)
                .map_err(|e| format!("it could not be read as an image: {e}"))?;
            let mut encoded = encode::encode_all(&image, kind)?;
            let original = (image.width(), image.height());
            if !turned {
                no_larger_than_source(&mut encoded, original.0, &name, &bytes);
            }
            store::save(cache, &hash, kind, bytes.len() as u64, original, &encoded)?
        }
    };
    if let Some(stamp) = stamp {
        store::remember_stamp(cache, &stamp, &hash);
    }
    Ok(prepared)
}

/// The widest copy in `encoded` is published in place of the original
/// (`bytes`, the file `name`). When it is the image at its own `width` and
/// came out larger than the original without its metadata, the original so
/// cleaned is used instead: the file at the image's address is never larger
/// than the one its author gave. Not when the original's metadata cannot be
/// read (it might hold a GPS position), nor for an animated PNG, whose copies
/// show its first frame; the caller leaves out a photo stored sideways, which
/// only shows upright where its orientation is read.
fn no_larger_than_source(encoded: &mut [encode::Encoded], width: u32, name: &str, bytes: &[u8]) {
    let Some(top) = encoded.last_mut().filter(|top| top.width == width) else {
        return;
    };
    if memchr::memmem::find(bytes, b"acTL").is_some() {
        return;
    }
    if let Some(source) = crate::output::metadata::without_metadata(name, bytes)
        && source.len() < top.own.len()
    {
        top.own = source.into_owned();
    }
}

#[cfg(test)]
mod tests;
