//! The built-in example: the synthetic December 2017 city of
//! `examples/dec-2017/`, generated in the page by the same deterministic
//! generator (byte-identical to the shipped files, see tests/example_seed.rs)
//! rather than carried as 15 MB of CSV, and with no network request.

use crate::domain::ingest::FileOverrides;
use crate::domain::scorecard::InputFile;

/// The example's files, its settings document among them.
pub fn files() -> Vec<InputFile> {
    crate::example_data::generate(1)
        .into_iter()
        .map(|(name, bytes)| InputFile {
            name,
            bytes,
            overrides: FileOverrides::default(),
        })
        .collect()
}
