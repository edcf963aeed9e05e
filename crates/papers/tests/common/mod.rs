//! What the papers' tests share: the golden case `public_city`, its files
//! read as `crates/engine/src/commentary.rs`'s `public_city()` reads them
//! (in `cmd.json`'s order) with the case's own settings.

use std::path::{Path, PathBuf};

use csc_engine::ingest::FileOverrides;
use csc_engine::scorecard::InputFile;
use csc_engine::settings::Settings;
use serde_json::Value;

/// The golden case's folder.
pub fn case_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/public_city")
}

/// The case's files in `cmd.json`'s order, and its settings.
pub fn golden_inputs() -> (Vec<InputFile>, Settings) {
    let dir = case_dir();
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let cmd: Value = serde_json::from_str(&read("cmd.json")).unwrap();
    let settings = Settings::from_json(&read("settings.json")).unwrap();
    let inputs = cmd["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|name| {
            let name = name.as_str().unwrap();
            InputFile {
                name: name.to_string(),
                bytes: std::fs::read(dir.join(name)).unwrap(),
                overrides: FileOverrides::default(),
            }
        })
        .collect();
    (inputs, settings)
}
