//! SVG cleaning: placeholder.
