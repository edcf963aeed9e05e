//! Arbitrary bytes as one analyst's file: bytes → decoding → table → kind →
//! typed records → dataset → scorecard. Nothing on the way may panic, loop
//! or blow up memory; every scorecard's figures must be finite.
//!
//! Input: the file's bytes, optionally preceded by a name line `@<name>\n`
//! (up to 120 bytes), so the fuzzer also varies the file name (the as-at date
//! it carries, its extension). Without one the file is `input.csv`.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::ingest(data));
