//! The job builders: one file per kind of HTML file a build makes from a
//! template. Each file holds that kind's `plan_*` function (where the file is
//! written and the key it is made with) beside the function that builds its
//! view, so the two are read and changed together.
//!
//! Part of `site`. A builder reads the shared context (`site::context`) and
//! returns a `Job`; it renders nothing and writes nothing.

pub(crate) mod indexes;
mod listing;
mod page;
mod print;
mod special;
mod terms;
mod translated;
