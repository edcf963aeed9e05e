#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
// Tests may panic: a panic here is a failing test, not a dead page.

//! The fuzz targets' inputs replayed on every `cargo test`, on stable and
//! without libFuzzer (docs/fuzzing.md): the committed seed corpus, and each
//! input fuzzing ever found to crash, hang or blow up the engine, as its own
//! test. The harness is the fuzz targets' own code
//! (`fuzz/fuzz_targets/common.rs`), so an input fails here exactly as it
//! failed under the fuzzer.
//!
//! A crash input goes in as `ingest(b"…")`, `settings(b"…")` or
//! `history(b"…")` with the input escaped (`xxd -i` or Python's `repr` of
//! the bytes), in a test named after what it broke. Until the engine is
//! fixed, mark it `#[ignore = "crash found by fuzzing, fix pending: …"]`.

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../fuzz/fuzz_targets/common.rs"]
mod common;

/// What the fuzzer treats as a hang (`-timeout=1`), with room for a debug
/// build, which is several times slower than the fuzzer's optimised one.
const SLOW: Duration = Duration::from_secs(10);

fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("seed-"))
        })
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    seeds.sort();
    seeds
}

fn replay(target: &str, run: fn(&[u8])) {
    let seeds = seeds(target);
    assert!(!seeds.is_empty(), "no seeds for {target}");
    for (name, bytes) in seeds {
        let started = Instant::now();
        run(&bytes);
        assert!(
            started.elapsed() < SLOW,
            "{target}/{name} took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn ingest_seeds_load_and_compute() {
    replay("ingest", common::ingest);
}

#[test]
fn settings_seeds_load_and_compute() {
    replay("settings", common::settings);
}

#[test]
fn history_seeds_read_and_read_back() {
    replay("history", common::history);
}

/// docs/fuzzing.md, crash 2: a figure written to a history read back one
/// bit off (serde_json's reader without `float_roundtrip`).
#[test]
fn a_history_figure_reads_back_as_written() {
    common::history(b"M\nDec-17,cp_plans,count,,\"4444444444444444444441\"\n");
}

#[test]
fn the_ingest_input_format_names_the_file() {
    let (name, content) = common::split_name(b"@list7_cp_2017-12-31.csv\nChild Unique ID\n");
    assert_eq!(
        (name.as_str(), content),
        ("list7_cp_2017-12-31.csv", b"Child Unique ID\n".as_slice())
    );
    let (name, content) = common::split_name(b"Child Unique ID\n");
    assert_eq!(
        (name.as_str(), content),
        ("input.csv", b"Child Unique ID\n".as_slice())
    );
}

// Inputs found by fuzzing (docs/fuzzing.md, "Crashes found").

/// A one-sheet `.xlsx` workbook (sheet "List 3") whose worksheet part is
/// `sheet_data` inside `<worksheet>`: the smallest file that reaches the
/// sheet reader. Written by hand (stored zip entries with their CRCs) so the
/// test needs no crate to write zips.
fn workbook(worksheet_body: &str) -> Vec<u8> {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG: &str = "http://schemas.openxmlformats.org/package/2006";
    let parts = [
        (
            "[Content_Types].xml".to_string(),
            format!(
                r#"<Types xmlns="{PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels".to_string(),
            format!(
                r#"<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml".to_string(),
            format!(
                r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="List 3" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            format!(
                r#"<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml".to_string(),
            format!(r#"<worksheet xmlns="{MAIN}">{worksheet_body}</worksheet>"#),
        ),
    ];
    stored_zip(&parts)
}

fn stored_zip(parts: &[(String, String)]) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
            }
        }
        !crc
    }
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, data) in parts {
        let (name, data) = (name.as_bytes(), data.as_bytes());
        let (crc, size) = (crc32(data), data.len() as u32);
        let offset = out.len() as u32;
        // Local header: version 2.0, no flags, stored, no date.
        out.extend(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        for n in [crc, size, size] {
            out.extend(n.to_le_bytes());
        }
        out.extend((name.len() as u16).to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out.extend(name);
        out.extend(data);
        central.extend(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        for n in [crc, size, size] {
            central.extend(n.to_le_bytes());
        }
        central.extend((name.len() as u16).to_le_bytes());
        central.extend([0u8; 12]); // extra, comment, disk, attributes
        central.extend(offset.to_le_bytes());
        central.extend(name);
    }
    let (start, count) = (out.len() as u32, parts.len() as u16);
    let length = central.len() as u32;
    out.extend(central);
    out.extend(b"PK\x05\x06\x00\x00\x00\x00");
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(length.to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

fn ingest_workbook(worksheet_body: &str) {
    common::ingest(
        &[
            b"@annex_a_2017-12-31.xlsx\n".as_slice(),
            &workbook(worksheet_body),
        ]
        .concat(),
    );
}

const ROWS: &str = r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Child Unique ID</t></is></c><c r="B1" t="inlineStr"><is><t>Date of referral</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>C1</t></is></c><c r="B2" t="inlineStr"><is><t>01/12/2017</t></is></c></row></sheetData>"#;

#[test]
fn a_hand_made_workbook_reads() {
    // The helper above makes a workbook the engine reads: the tests below
    // differ from it only in what fuzzing found.
    let bytes = workbook(ROWS);
    let inputs = [common::input("annex_a_2017-12-31.xlsx", bytes)];
    let loaded = csc_scorecard::domain::scorecard::load(
        &inputs,
        csc_scorecard::domain::settings::Settings::default(),
        common::today(),
        |_| {},
    );
    let readable: Vec<_> = loaded.files.iter().filter(|f| f.error.is_none()).collect();
    assert_eq!(readable.len(), 1, "{:?}", loaded.files);
    assert_eq!(readable[0].rows, 1);
}

/// Found by the workbook target (input: one sheet with
/// `<dimension ref="oooooooo"/>`): calamine 0.35's `get_row_and_optional_column`
/// (xlsx/mod.rs:1881) computes the column as `col * 26 + …` in a `u32`, which
/// overflows after 7 letters: a panic wherever overflow checks are on (debug
/// builds, `cargo test`, the fuzzer), a silently wrong dimension in release.
#[test]
fn a_dimension_with_a_long_column_name() {
    ingest_workbook(&format!(r#"<dimension ref="oooooooo"/>{ROWS}"#));
}

/// The same parser's row: `row * 10 + …` overflows after 10 digits.
#[test]
fn a_dimension_with_a_long_row_number() {
    ingest_workbook(&format!(r#"<dimension ref="A99999999999"/>{ROWS}"#));
}

/// calamine 0.35's `get_dimension` (xlsx/mod.rs:1836) subtracts the start
/// row from the end row unchecked: an end before the start underflows.
#[test]
fn a_dimension_that_ends_before_it_starts() {
    ingest_workbook(&format!(r#"<dimension ref="B2:A1"/>{ROWS}"#));
}

/// The same parser reads every cell's `r` attribute.
#[test]
fn a_cell_reference_with_a_long_column_name() {
    ingest_workbook(
        r#"<sheetData><row r="1"><c r="AAAAAAAAA1" t="inlineStr"><is><t>Child Unique ID</t></is></c></row></sheetData>"#,
    );
}
