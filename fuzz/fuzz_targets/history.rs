//! Arbitrary bytes (lossy UTF-8) as a file given as a history
//! (`history::read_any`: a `scorecard-history.json` or the seeding CSV) and
//! as the seeding CSV (`history::read_csv`): neither may panic; a history
//! read must be written (`to_json`) as a document that reads back the same
//! with nothing left out, merging it with itself must change nothing, and a
//! merge of the two holds the months of both (see `common::history`).

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::history(data));
