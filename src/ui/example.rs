//! The built-in example (synthetic December 2017 city, `examples/dec-2017/`),
//! embedded at build time so loading it makes no network request.

use crate::domain::ingest::FileOverrides;
use crate::domain::scorecard::InputFile;

include!(concat!(env!("OUT_DIR"), "/example_files.rs"));

/// The example's files, its settings document among them.
pub fn files() -> Vec<InputFile> {
    EXAMPLE_FILES
        .iter()
        .map(|(name, bytes)| InputFile {
            name: (*name).to_string(),
            bytes: bytes.to_vec(),
            overrides: FileOverrides::default(),
        })
        .collect()
}
