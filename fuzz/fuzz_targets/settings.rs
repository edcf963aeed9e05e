//! Arbitrary bytes as a settings document (`Settings::from_json`): it must
//! not panic; a document it accepts must survive a save and reload
//! (`to_json` → `from_json`), and the scorecard of a small fixed data set
//! (one file of each kind from tests/golden/public_city, read once) computed
//! with it must not panic and must have finite figures.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::settings(data));
