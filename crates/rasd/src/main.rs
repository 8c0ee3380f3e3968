//! The `rasd` command line.
mod kb_build;

fn main() {}
