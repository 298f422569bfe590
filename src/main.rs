//! The `plainsite` command.
fn main() {}
