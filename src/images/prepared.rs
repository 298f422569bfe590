//! An image made ready to publish: its sizes and formats, as the cache keeps
//! them and pages show them.
//!
//! Part of `images`; data only.

use std::path::PathBuf;

use super::encode::Kind;

/// One image as it will be published: its variants, smallest first.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub(crate) kind: Kind,
    pub(crate) source_len: u64,
    pub(crate) original_width: u32,
    pub(crate) original_height: u32,
    pub(crate) variants: Vec<Variant>,
}

/// One width of a prepared image, in the cache folder.
#[derive(Debug, Clone)]
pub(crate) struct Variant {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) own: PathBuf,
    pub(crate) webp: PathBuf,
}
