#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![cfg(not(target_arch = "wasm32"))]
// Tests may panic: a panic here is a failing test, not a dead page.

//! Analysts' files as they are (issue 6; inputs.md, "Encodings and
//! delimiters", "Bad input"): the corpus under `tests/intake/` (small
//! synthetic files, each with its expected outcome in `CASES` below) and
//! workbooks and hostile files generated here. Every case is loaded beside
//! a good List 7 file whose figures must not change.
//!
//! The small workbooks in `tests/intake/` are written by this file's
//! `corpus_workbooks` (with `rust_xlsxwriter`) for the browser suite to
//! drop; rewrite them with `UPDATE_SNAPSHOTS=1 cargo test --test intake`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use csc_scorecard::domain::diagnostics::ProblemCode;
use csc_scorecard::domain::export::to_json;
use csc_scorecard::domain::ingest::{FileOverrides, MAX_FILE_BYTES, load_files};
use csc_scorecard::domain::month::Month;
use csc_scorecard::domain::scorecard::{InputFile, Scorecard, compute, load};
use csc_scorecard::domain::settings::Settings;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

const GOOD_CP: &str = "Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date\n\
A,01/01/2017,\nB,01/02/2017,\nC,01/01/2017,03/07/2017\n";
const GOOD_CP_NAME: &str = "good_list7_2017-12-31.csv";

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 26)
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/intake")
}

fn input(name: &str, bytes: Vec<u8>) -> InputFile {
    InputFile {
        name: name.to_string(),
        bytes,
        overrides: FileOverrides::default(),
    }
}

/// The December 2017 scorecard of `inputs` plus the good List 7 file.
fn run(inputs: Vec<InputFile>) -> Scorecard {
    let mut inputs = inputs;
    inputs.push(input(GOOD_CP_NAME, GOOD_CP.as_bytes().to_vec()));
    let loaded = load(&inputs, Settings::default(), today(), |_| {});
    compute(&loaded, &loaded.settings, Month::parse("2017-12"))
        .map(|c| c.with_drills())
        .unwrap()
}

/// The good file's figures: children with a CP plan at the end of the month.
fn good_file_intact(card: &Scorecard) {
    good_file_intact_beside(card, 0);
}

/// As `good_file_intact`, beside other files with `more` open CP plans.
fn good_file_intact_beside(card: &Scorecard, more: usize) {
    // Indicator 5: children with a CP plan at the month's end.
    let cp = &card.indicators[4];
    let expected = 2.0 + more as f64;
    assert_eq!(
        cp.current.get("count"),
        Some(expected),
        "the good file's figure"
    );
    let good = card.files.iter().find(|f| f.name == GOOD_CP_NAME).unwrap();
    assert_eq!((good.rows, good.error.as_deref()), (3, None));
}

/// What a corpus file must give (`tests/intake/expected.json`, which the
/// browser suite checks too).
#[derive(serde::Deserialize)]
struct Case {
    file: String,
    /// Kind id, or `None` for a refused file.
    kind: Option<String>,
    rows: usize,
    /// Part of the one-sentence refusal.
    error: Option<String>,
    /// Problems that must be reported: (code, row).
    problems: Vec<(String, Option<u32>)>,
}

#[derive(serde::Deserialize)]
struct Expected {
    good_file: GoodFile,
    cases: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct GoodFile {
    name: String,
    text: String,
    cp_count: f64,
}

fn expected() -> Expected {
    serde_json::from_str(&std::fs::read_to_string(corpus().join("expected.json")).unwrap()).unwrap()
}

#[test]
fn the_browser_suite_uses_the_same_good_file() {
    let good = expected().good_file;
    assert_eq!(
        (good.name.as_str(), good.text.as_str(), good.cp_count),
        (GOOD_CP_NAME, GOOD_CP, 2.0)
    );
}

#[test]
fn corpus_files_give_their_expected_outcomes() {
    let cases = expected().cases;
    let inputs: Vec<InputFile> = cases
        .iter()
        .map(|case| {
            input(
                &case.file,
                std::fs::read(corpus().join(&case.file)).unwrap(),
            )
        })
        .collect();
    let card = run(inputs);
    good_file_intact(&card);
    // Every file of the corpus has its case.
    let mut listed: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".md") && !n.ends_with(".json") && !n.ends_with(".xlsx"))
        .collect();
    listed.sort();
    let mut covered: Vec<String> = cases.iter().map(|c| c.file.clone()).collect();
    covered.sort();
    assert_eq!(listed, covered);
    for case in &cases {
        let file = card
            .files
            .iter()
            .find(|f| f.name == case.file)
            .unwrap_or_else(|| panic!("{} not listed", case.file));
        assert_eq!(file.kind, case.kind, "{}: kind", case.file);
        assert_eq!(file.rows, case.rows, "{}: rows", case.file);
        match (&case.error, &file.error) {
            (None, None) => {}
            (Some(expected), Some(error)) => {
                assert!(error.contains(expected), "{}: {error}", case.file);
                assert!(!error.contains('\n'), "{}: one sentence", case.file);
            }
            (expected, got) => panic!("{}: error {got:?}, expected {expected:?}", case.file),
        }
        let problems: Vec<(String, Option<u32>)> = card
            .problems
            .iter()
            .filter(|p| p.file == case.file)
            .map(|p| (p.code.to_string(), p.row))
            .collect();
        for wanted in &case.problems {
            assert!(
                problems.contains(wanted),
                "{}: {wanted:?} not in {problems:?}",
                case.file
            );
        }
    }
}

#[test]
fn title_rows_and_totals_are_said_in_one_line_each() {
    let card = run(vec![
        input(
            "title_rows_list3_2017-12-31.csv",
            std::fs::read(corpus().join("title_rows_list3_2017-12-31.csv")).unwrap(),
        ),
        input(
            "totals_row_list3_2017-12-31.csv",
            std::fs::read(corpus().join("totals_row_list3_2017-12-31.csv")).unwrap(),
        ),
    ]);
    let message = |code: ProblemCode| {
        card.problems
            .iter()
            .find(|p| p.code == code)
            .map(|p| (p.message.clone(), p.value.clone()))
            .unwrap()
    };
    assert_eq!(
        message(ProblemCode::HeaderNotFirst).0,
        "header found on row 4; rows above it ignored"
    );
    assert_eq!(
        message(ProblemCode::TotalsRow),
        ("a totals row: ignored".to_string(), "Total".to_string())
    );
    // No invalid id or date is reported for the totals rows.
    assert!(
        !card
            .problems
            .iter()
            .any(|p| p.file.starts_with("totals_row")
                && p.row >= Some(5)
                && p.code != ProblemCode::TotalsRow)
    );
    // The referrals of both files count: 3 + 3 in December less the bad date.
    let referrals = card.indicators[1].current.get("referrals");
    assert_eq!(referrals, Some(5.0));
}

// ---------------------------------------------------------------------------
// Workbooks
// ---------------------------------------------------------------------------

/// A CSV cell as a workbook would hold it: a `d/m/yyyy` date as a date
/// cell, a plain number as a number, anything else as text.
enum Cell {
    Date(u16, u8, u8),
    Number(f64),
    Text(String),
}

fn typed(cell: &str) -> Cell {
    let parts: Vec<&str> = cell.split('/').collect();
    if let [d, m, y] = parts[..] {
        if let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u8>(), m.parse::<u8>(), y.parse::<u16>()) {
            if y > 1900 {
                return Cell::Date(y, m, d);
            }
        }
    }
    let numeric = !cell.is_empty()
        && cell.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !(cell.starts_with('0') && cell.len() > 1 && !cell.starts_with("0."));
    match cell.parse::<f64>() {
        Ok(n) if numeric => Cell::Number(n),
        _ => Cell::Text(cell.to_string()),
    }
}

/// One sheet: its name, and CSV text to write into it as typed cells.
struct SheetSpec<'a> {
    name: &'a str,
    csv: &'a str,
    hidden: bool,
}

fn workbook_of(sheets: &[SheetSpec<'_>]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for spec in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(spec.name).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(spec.csv.as_bytes());
        for (r, record) in reader.records().enumerate() {
            for (c, cell) in record.unwrap().iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if cell.is_empty() {
                    continue;
                }
                match typed(cell) {
                    Cell::Date(y, m, d) => {
                        let when = ExcelDateTime::from_ymd(y, m, d).unwrap();
                        sheet
                            .write_datetime_with_format(r, c, &when, &date)
                            .unwrap();
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, c, n).unwrap();
                    }
                    Cell::Text(t) => {
                        sheet.write_string(r, c, t).unwrap();
                    }
                }
            }
        }
        if spec.hidden {
            sheet.set_hidden(true);
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// JSON of a scorecard with each sheet named as the CSV it came from.
/// A workbook's scorecard as if its sheets were CSVs of the same names: a
/// sheet's as-at date comes from its own name, where a CSV's comes from
/// the file name.
fn as_csv_names(mut json: Value, workbook: &str) -> Value {
    fn walk(value: &mut Value, prefix: &str) {
        match value {
            Value::String(s) => {
                if let Some(sheet) = s.strip_prefix(prefix) {
                    *s = format!("{sheet}.csv");
                } else if s == "sheet name" {
                    *s = "file name".to_string();
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, prefix)),
            Value::Object(map) => map.values_mut().for_each(|v| walk(v, prefix)),
            _ => {}
        }
    }
    walk(&mut json, &format!("{workbook} › "));
    json
}

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/dec-2017")
}

fn example_settings() -> Settings {
    Settings::from_json(
        &std::fs::read_to_string(example_dir().join("scorecard-settings.json")).unwrap(),
    )
    .unwrap()
}

/// The CSVs of a folder and a workbook with one sheet per CSV, named by
/// the file's stem, in the same order.
fn as_workbook(dir: &Path, names: &[String]) -> (Vec<InputFile>, Vec<u8>) {
    let csvs: Vec<InputFile> = names
        .iter()
        .map(|name| input(name, std::fs::read(dir.join(name)).unwrap()))
        .collect();
    let texts: Vec<String> = csvs
        .iter()
        .map(|f| String::from_utf8(f.bytes.clone()).unwrap())
        .collect();
    let specs: Vec<SheetSpec<'_>> = names
        .iter()
        .zip(&texts)
        .map(|(name, text)| SheetSpec {
            name: name.strip_suffix(".csv").unwrap(),
            csv: text,
            hidden: false,
        })
        .collect();
    (csvs, workbook_of(&specs))
}

#[test]
fn a_workbook_of_the_golden_case_gives_the_same_scorecard_as_its_csvs() {
    // public_city: every kind, 60 extracts, each CSV a sheet of one
    // workbook (dates as date cells, numbers as numbers).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/public_city");
    let cmd: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("cmd.json")).unwrap()).unwrap();
    let names: Vec<String> = cmd["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect();
    let settings = || {
        Settings::from_json(&std::fs::read_to_string(dir.join("settings.json")).unwrap()).unwrap()
    };
    let (csvs, workbook) = as_workbook(&dir, &names);
    let month = Month::parse("2017-12");
    let from_csvs = to_json(
        &compute(
            &load(&csvs, settings(), today(), |_| {}),
            &load(&csvs, settings(), today(), |_| {}).settings,
            month,
        )
        .map(|c| c.with_drills())
        .unwrap(),
    );
    let loaded = load(
        &[input("public_city.xlsx", workbook)],
        settings(),
        today(),
        |_| {},
    );
    assert_eq!(loaded.files.len(), names.len(), "one loaded file per sheet");
    assert_eq!(
        loaded.files[1].name,
        format!("public_city.xlsx › {}", names[1].trim_end_matches(".csv"))
    );
    let from_workbook = as_csv_names(
        to_json(
            &compute(&loaded, &loaded.settings, month)
                .map(|c| c.with_drills())
                .unwrap(),
        ),
        "public_city.xlsx",
    );
    assert_eq!(from_workbook["files"], from_csvs["files"]);
    assert_eq!(from_workbook["problems"], from_csvs["problems"]);
    assert_eq!(from_workbook, from_csvs);
}

#[test]
#[ignore = "slow in a debug build: run with --release -- --ignored to time it (writes target/bench/example.xlsx for the page benchmark)"]
fn reading_the_whole_example_as_one_workbook() {
    let mut names: Vec<String> = std::fs::read_dir(example_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    names.sort();
    let (csvs, workbook) = as_workbook(&example_dir(), &names);
    let month = Month::parse("2017-12");
    let mut csv_ms = f64::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        std::hint::black_box(load(&csvs, example_settings(), today(), |_| {}));
        csv_ms = csv_ms.min(started.elapsed().as_secs_f64() * 1000.0);
    }
    let from_csvs = to_json(
        &compute(
            &load(&csvs, example_settings(), today(), |_| {}),
            &load(&csvs, example_settings(), today(), |_| {}).settings,
            month,
        )
        .map(|c| c.with_drills())
        .unwrap(),
    );
    let bytes = workbook.len();
    // Kept for the page's benchmark (tests/e2e/bench/bench-page.mjs).
    let bench = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&bench).unwrap();
    std::fs::write(bench.join("example.xlsx"), &workbook).unwrap();
    let sheets = vec![input("example.xlsx", workbook)];
    // The best of three reads: the machine may be busy.
    let mut read_ms = f64::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        std::hint::black_box(load(&sheets, example_settings(), today(), |_| {}));
        read_ms = read_ms.min(started.elapsed().as_secs_f64() * 1000.0);
    }
    let loaded = load(&sheets, example_settings(), today(), |_| {});
    let from_workbook = as_csv_names(
        to_json(
            &compute(&loaded, &loaded.settings, month)
                .map(|c| c.with_drills())
                .unwrap(),
        ),
        "example.xlsx",
    );
    println!(
        "example as one workbook: {} sheets, {:.1} MB; read in {read_ms:.0} ms (the CSVs: {csv_ms:.0} ms)",
        names.len(),
        bytes as f64 / 1e6
    );
    assert_eq!(from_workbook, from_csvs);
}

#[test]
fn sheets_are_read_as_the_spec_says() {
    let list3 = "Child Unique ID,Date of referral,Number of Referrals in Last 12 Months,Allocated Team\n\
                 12345,01/12/2017,0,Team A\n\
                 12346,02/12/2017,1,Team A\n\
                 007,03/12/2017,,Team B\n";
    let titled = "Annex A List 7 return\n\
                  Extracted 31/12/2017\n\
                  Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date\n\
                  X1,01/01/2017,\n\
                  Total,,\n";
    let workbook = workbook_of(&[
        SheetSpec {
            name: "List 3",
            csv: list3,
            hidden: false,
        },
        SheetSpec {
            name: "Notes",
            csv: "",
            hidden: false,
        },
        SheetSpec {
            name: "Old List 3",
            csv: list3,
            hidden: true,
        },
        SheetSpec {
            name: "List 7 Dec 2017",
            csv: titled,
            hidden: false,
        },
    ]);
    let card = run(vec![input("annex_a_2017-12-31.xlsx", workbook)]);
    good_file_intact_beside(&card, 1);
    let names: Vec<&str> = card.files.iter().map(|f| f.name.as_str()).collect();
    // The empty and hidden sheets are skipped.
    assert_eq!(
        names,
        vec![
            "annex_a_2017-12-31.xlsx › List 3",
            "annex_a_2017-12-31.xlsx › List 7 Dec 2017",
            GOOD_CP_NAME
        ]
    );
    let list3 = &card.files[0];
    assert_eq!(list3.kind.as_deref(), Some("list3_referrals"));
    assert_eq!(list3.rows, 3);
    assert_eq!(
        list3.as_at.map(|d| d.to_string()).as_deref(),
        Some("2017-12-31")
    );
    let list7 = &card.files[1];
    assert_eq!(list7.kind.as_deref(), Some("list7_cp"));
    assert_eq!(list7.rows, 1);
    // The sheet's name holds a month: its last day is the as-at date.
    assert_eq!(
        list7.as_at.map(|d| d.to_string()).as_deref(),
        Some("2017-12-31")
    );
    let problems: Vec<(ProblemCode, Option<u32>, &str)> = card
        .problems
        .iter()
        .filter(|p| p.file == list7.name)
        .map(|p| (p.code, p.row, p.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        vec![
            (
                ProblemCode::HeaderNotFirst,
                None,
                "header found on row 3; rows above it ignored"
            ),
            (ProblemCode::TotalsRow, Some(5), "a totals row: ignored"),
        ]
    );
    // Numeric ids read as written (`007` was text), dates as dates: 3
    // referrals in December,
    // and the drill-down names the children as the sheet shows them.
    let referrals = &card.indicators[1];
    assert_eq!(referrals.current.get("referrals"), Some(3.0));
    let mut children: Vec<&str> = referrals
        .drill
        .iter()
        .filter(|d| d.measure == "referrals")
        .map(|d| d.subject.as_str())
        .collect();
    children.sort();
    assert_eq!(children, vec!["007", "12345", "12346"]);
    assert!(
        referrals
            .drill
            .iter()
            .all(|d| d.file == "annex_a_2017-12-31.xlsx › List 3")
    );
}

#[test]
fn a_workbook_with_no_usable_sheet_is_one_sentence() {
    // (A workbook's first sheet is shown whatever it says: the hidden one is second.)
    let workbook = workbook_of(&[
        SheetSpec {
            name: "Blank",
            csv: "",
            hidden: false,
        },
        SheetSpec {
            name: "Hidden",
            csv: "Child Unique ID,Date of referral\nA,01/12/2017\n",
            hidden: true,
        },
    ]);
    let card = run(vec![input("empty.xlsx", workbook)]);
    good_file_intact(&card);
    let file = &card.files[0];
    assert_eq!(file.name, "empty.xlsx");
    assert_eq!(
        file.error.as_deref(),
        Some("This workbook has no visible sheet with any data")
    );
}

/// Rewrites the small corpus workbooks (for the browser suite) with
/// `UPDATE_SNAPSHOTS=1`; otherwise checks each still reads as it should.
#[test]
fn corpus_workbooks() {
    let list3 = "Child Unique ID,Date of referral,Allocated Team\n\
                 10001,01/12/2017,Team A\n\
                 10002,15/12/2017,Team B\n";
    let list7 = "Annex A List 7\n\
                 \n\
                 Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date\n\
                 20001,01/06/2017,\n\
                 20002,01/01/2017,03/07/2017\n\
                 Grand total,,\n";
    let path = corpus().join("annex_a_2017-12-31.xlsx");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let bytes = workbook_of(&[
            SheetSpec {
                name: "List 3",
                csv: list3,
                hidden: false,
            },
            SheetSpec {
                name: "Workings",
                csv: list3,
                hidden: true,
            },
            SheetSpec {
                name: "Empty",
                csv: "",
                hidden: false,
            },
            SheetSpec {
                name: "List 7",
                csv: list7,
                hidden: false,
            },
        ]);
        std::fs::write(&path, bytes).unwrap();
    }
    let card = run(vec![input(
        "annex_a_2017-12-31.xlsx",
        std::fs::read(&path).unwrap(),
    )]);
    good_file_intact_beside(&card, 1);
    let files: Vec<(&str, Option<&str>, usize)> = card
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.kind.as_deref(), f.rows))
        .collect();
    assert_eq!(
        files,
        vec![
            (
                "annex_a_2017-12-31.xlsx › List 3",
                Some("list3_referrals"),
                2
            ),
            ("annex_a_2017-12-31.xlsx › List 7", Some("list7_cp"), 2),
            (GOOD_CP_NAME, Some("list7_cp"), 3),
        ]
    );
}

// ---------------------------------------------------------------------------
// Hostile input: refused in one sentence, in seconds, never a panic.
// ---------------------------------------------------------------------------

/// CRC-32 (IEEE), bit by bit: enough for a test's few small parts.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip part: its name, the bytes stored, the method (0 stored, 8
/// deflated), the size it declares and its CRC.
struct Part {
    name: &'static str,
    data: Vec<u8>,
    method: u16,
    size: u32,
    crc: u32,
}

fn stored(name: &'static str, text: &str) -> Part {
    Part {
        name,
        data: text.as_bytes().to_vec(),
        method: 0,
        size: text.len() as u32,
        crc: crc32(text.as_bytes()),
    }
}

/// A raw deflate stream of `megabytes` MB of spaces, built from one
/// compressed megabyte repeated (each copy is a non-final block that
/// refers only to itself), so making it is instant.
fn deflated_spaces(megabytes: usize) -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&vec![b' '; 1 << 20]).unwrap();
    encoder.flush().unwrap();
    let block = encoder.get_ref().clone();
    let mut stream = Vec::with_capacity(block.len() * megabytes + 2);
    for _ in 0..megabytes {
        stream.extend_from_slice(&block);
    }
    // A final, empty fixed-Huffman block.
    stream.extend_from_slice(&[0x03, 0x00]);
    stream
}

/// A zip archive of the parts, written by hand so sizes can lie.
fn zip_of(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for part in parts {
        let offset = out.len() as u32;
        let header = |signature: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&signature.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&part.method.to_le_bytes());
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&part.crc.to_le_bytes());
            h.extend_from_slice(&(part.data.len() as u32).to_le_bytes());
            h.extend_from_slice(&part.size.to_le_bytes());
            h.extend_from_slice(&(part.name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0; 6]); // comment, disk, internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(part.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(&part.data);
        central.extend(header(0x0201_4b50, true));
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

const WORKBOOK_XML: &str = r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="List 3" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>"#;

/// A refused file: its one sentence, after checking it took seconds at most
/// and the good file survived.
fn refused(name: &str, bytes: Vec<u8>) -> String {
    let started = Instant::now();
    let card = run(vec![input(name, bytes)]);
    let seconds = started.elapsed().as_secs_f64();
    assert!(seconds < 20.0, "{name}: {seconds:.1} s (a debug build)");
    good_file_intact(&card);
    let error = card.files[0]
        .error
        .clone()
        .unwrap_or_else(|| panic!("{name} read"));
    assert!(!error.contains('\n'), "{name}: one sentence");
    error
}

#[test]
fn zip_bombs_are_refused_before_they_unpack() {
    let bomb = deflated_spaces(400);
    // Declares its 400 MB honestly: refused without unpacking.
    let honest = zip_of(&[
        stored("xl/workbook.xml", WORKBOOK_XML),
        Part {
            name: "xl/worksheets/sheet1.xml",
            data: bomb.clone(),
            method: 8,
            size: 400 << 20,
            crc: 0,
        },
    ]);
    assert!(honest.len() < 2 << 20, "a small file: {}", honest.len());
    let error = refused("bomb.xlsx", honest);
    assert!(error.contains("unpacks to more than 300 MB"), "{error}");
    // Declares 1 KB and unpacks to 400 MB: caught by counting.
    let lying = zip_of(&[
        stored("xl/workbook.xml", WORKBOOK_XML),
        Part {
            name: "xl/worksheets/sheet1.xml",
            data: bomb,
            method: 8,
            size: 1024,
            crc: 0,
        },
    ]);
    let error = refused("liar.xlsx", lying);
    assert!(error.contains("unpacks to more than 300 MB"), "{error}");
}

#[test]
fn hostile_workbook_parts_are_refused() {
    // A shared-strings count that would make the reader reserve terabytes.
    let strings = zip_of(&[
        stored("xl/workbook.xml", WORKBOOK_XML),
        stored(
            "xl/sharedStrings.xml",
            r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="999999999999"><si><t>a</t></si></sst>"#,
        ),
    ]);
    let error = refused("strings.xlsx", strings);
    assert!(error.contains("999999999999 distinct texts"), "{error}");
    // Other archives and spreadsheets.
    let ods = zip_of(&[
        stored("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        stored("content.xml", "<office:document-content/>"),
    ]);
    assert!(refused("calc.ods", ods).contains("save it as .xlsx or CSV"));
    let xlsb = zip_of(&[stored("xl/workbook.bin", "binary")]);
    assert!(refused("book.xlsb", xlsb).contains("save it as .xlsx or CSV"));
    let plain = zip_of(&[stored("notes.txt", "hello")]);
    assert!(refused("lists.zip", plain).contains("not an Excel workbook"));
    // Truncated, and a part whose bytes do not match its checksum.
    let whole = zip_of(&[stored("xl/workbook.xml", WORKBOOK_XML)]);
    let error = refused("cut.xlsx", whole[..whole.len() / 2].to_vec());
    assert!(error.starts_with("This is a zip archive or Excel workbook that cannot be opened"));
    let mut corrupt = zip_of(&[stored("xl/workbook.xml", WORKBOOK_XML)]);
    corrupt[40] ^= 0xFF;
    refused("corrupt.xlsx", corrupt);
    // A workbook that names a sheet it does not have.
    let missing = zip_of(&[
        stored("xl/workbook.xml", WORKBOOK_XML),
        stored(
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ]);
    refused("missing.xlsx", missing);
    // Password-protected workbooks are Office containers.
    let encrypted = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0].to_vec();
    assert!(refused("secret.xlsx", encrypted).contains("password-protected"));
}

#[test]
fn a_ten_million_column_line_is_refused_in_seconds() {
    let mut line = "a,".repeat(10_000_000);
    line.push_str("\nA,01/12/2017\n");
    let error = refused("wide.csv", line.into_bytes());
    assert!(
        error.starts_with("The header row has 10000001 cells, more than the 10000"),
        "{error}"
    );
    // Quoted, it is split into cells, and still refused.
    let mut quoted = "\"a\",".repeat(20_000);
    quoted.push_str("\nA,01/12/2017\n");
    let error = refused("quoted.csv", quoted.into_bytes());
    assert!(
        error.starts_with("The header row has 20001 cells"),
        "{error}"
    );
    // Under a good header, a long line is one ragged row (a million cells
    // here: the debug build splits ten million slowly).
    let mut rows = String::from("Child Unique ID,Date of referral\nA,01/12/2017,");
    rows.push_str(&",x".repeat(1_000_000));
    rows.push_str("\nB,02/12/2017\n");
    let card = run(vec![input("list3_2017-12-31.csv", rows.into_bytes())]);
    good_file_intact(&card);
    assert_eq!(card.files[0].rows, 2);
    assert!(
        card.problems
            .iter()
            .any(|p| p.code == ProblemCode::RaggedRow && p.row == Some(2))
    );
}

#[test]
fn a_file_over_200_mb_is_refused_unread() {
    // Zeroed pages the system lends lazily: nothing is written or read.
    let bytes = vec![0u8; 300 << 20];
    let started = Instant::now();
    let files = load_files("big.csv", &bytes, 0, &FileOverrides::default(), today());
    assert!(started.elapsed().as_secs_f64() < 1.0);
    assert_eq!(files.len(), 1);
    assert_eq!(
        files[0].error.as_deref(),
        Some("The file is 300 MB, over the 200 MB limit: split it or export fewer columns.")
    );
    assert!(bytes.len() > MAX_FILE_BYTES);
}

#[test]
fn deeply_nested_quotes_and_a_huge_field() {
    let mut text = String::from("Child Unique ID,Date of referral\n\"");
    text.push_str(&"\"\"".repeat(1_000_000));
    text.push_str("\",01/12/2017\nB,02/12/2017\n");
    let card = run(vec![input(
        "quotes_list3_2017-12-31.csv",
        text.into_bytes(),
    )]);
    good_file_intact(&card);
    assert_eq!(card.files[0].rows, 2);
}

#[test]
fn random_bytes_after_a_zip_signature_never_panic() {
    // A small deterministic generator (xorshift).
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let good = workbook_of(&[SheetSpec {
        name: "List 3",
        csv: "Child Unique ID,Date of referral\nA,01/12/2017\n",
        hidden: false,
    }]);
    for round in 0..200 {
        let mut bytes = good.clone();
        for _ in 0..=(next() % 8) {
            let at = (next() as usize) % bytes.len();
            bytes[at] = next() as u8;
        }
        if round % 5 == 0 {
            bytes.truncate((next() as usize) % bytes.len());
        }
        let files = load_files("m.xlsx", &bytes, 0, &FileOverrides::default(), today());
        assert!(!files.is_empty());
    }
}

#[test]
fn crafted_cell_references_are_not_a_panic() {
    // Past Excel's last column and row, and a reversed dimension: calamine
    // wraps (see `[profile.dev.package.calamine]`); the sheet is reported.
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    for cells in [
        r#"<dimension ref="A1"/><sheetData><row r="1"><c r="AAAAAAAAAAAAAAAA1" t="str"><v>x</v></c></row></sheetData>"#,
        r#"<dimension ref="C9:A1"/><sheetData><row r="99999999999"><c r="A99999999999" t="str"><v>x</v></c></row></sheetData>"#,
    ] {
        let sheet = format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{cells}</worksheet>"#
        );
        let bytes = zip_of(&[
            stored("xl/workbook.xml", WORKBOOK_XML),
            stored("xl/_rels/workbook.xml.rels", rels),
            Part {
                name: "xl/worksheets/sheet1.xml",
                size: sheet.len() as u32,
                crc: crc32(sheet.as_bytes()),
                data: sheet.into_bytes(),
                method: 0,
            },
        ]);
        let card = run(vec![input("crafted.xlsx", bytes)]);
        good_file_intact(&card);
        assert!(card.files[0].name.starts_with("crafted.xlsx"));
    }
}

#[test]
fn settings_imports_count_a_workbook_as_one_input() {
    // A three-sheet workbook, then a teams file: the teams file is the
    // second input even though it is the fourth loaded file, so the page
    // (which imports only inputs it has not seen) must find it at index 1.
    let list7 = "Child Unique ID,Child Protection Plan Start Date\nA,01/01/2017\n";
    let book = workbook_of(&[
        SheetSpec {
            name: "List 7",
            csv: list7,
            hidden: false,
        },
        SheetSpec {
            name: "List 7 again",
            csv: list7,
            hidden: false,
        },
        SheetSpec {
            name: "List 7 copy",
            csv: list7,
            hidden: false,
        },
    ]);
    let teams = "Team,Area\nWest Team,West\n";
    let loaded = load(
        &[
            input("annex_a.xlsx", book),
            input("teams.csv", teams.as_bytes().to_vec()),
        ],
        Settings::default(),
        today(),
        |_| {},
    );
    assert_eq!(loaded.files.len(), 4);
    let (indexes, rows) = loaded.imports.teams.clone().unwrap();
    assert_eq!(indexes, vec![1]);
    assert_eq!(rows.len(), 1);
    // Importing from the second input on takes the teams; from the third, nothing.
    let base = Settings::default();
    assert_eq!(loaded.imports.apply_since(&base, 1).teams, rows);
    assert_eq!(loaded.imports.apply_since(&base, 2), base);
}

/// inputs.md, "As-at date of a file": a workbook is one extraction. Its
/// sheets without a date in a name share the latest date of any column
/// whose header says date but not birth, over all of them: List 6's
/// `Date Child Was Last Seen` (03/02/2021) here, not List 9's births (its
/// only dates) nor List 8's last ceased date; a sheet no kind matches says
/// nothing. A sheet's own override beats the workbook's.
#[test]
fn a_workbook_is_one_extraction_with_one_as_at_date() {
    let bytes = workbook_of(&[
        SheetSpec {
            name: "List 6",
            csv: "Child Unique ID,CIN Start Date,CIN Closure Date,Allocated Worker,Date Child Was Last Seen,Date of Birth\n\
                  C1,01/09/2020,,#N/A,03/02/2021,01/01/2010\nC2,01/10/2020,15/01/2021,W1,10/01/2021,01/01/2011\n",
            hidden: false,
        },
        SheetSpec {
            name: "List 8",
            csv: "Child Unique ID,UASC,Date Started to be Looked After,Date Ceased to be Looked After\nC3,b) No,01/01/2019,30/11/2020\n",
            hidden: false,
        },
        SheetSpec {
            name: "List 9",
            csv: "Child Unique ID,Date of Birth,Activity Status\nC4,15/12/2002,F1\n",
            hidden: false,
        },
        SheetSpec {
            name: "Notes",
            csv: "Note,Date written\nRun by the performance team,01/06/2021\n",
            hidden: false,
        },
    ]);
    let as_at = |overrides: FileOverrides| -> Vec<(String, Option<String>, String)> {
        load_files("annex_a.xlsx", &bytes, 0, &overrides, today())
            .into_iter()
            .filter(|f| f.kind.is_some())
            .map(|f| {
                let source = serde_json::to_value(f.as_at_source).unwrap();
                (
                    f.name,
                    f.as_at.map(|d| d.to_string()),
                    source.as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let shared = |name: &str| {
        (
            format!("annex_a.xlsx › {name}"),
            Some("2021-02-03".to_string()),
            "latest date in the workbook".to_string(),
        )
    };
    assert_eq!(
        as_at(FileOverrides::default()),
        vec![shared("List 6"), shared("List 8"), shared("List 9")]
    );
    // `--as-at "annex_a.xlsx › List 9=2021-01-31"` and `--as-at annex_a.xlsx=…`.
    let date = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    let one_sheet = csc_scorecard::domain::ingest::overrides_for(
        "annex_a.xlsx",
        &[("annex_a.xlsx › List 9".to_string(), date("2021-01-31"))],
        &[],
    );
    let dated = as_at(one_sheet);
    assert_eq!(dated[0], shared("List 6"));
    assert_eq!(
        dated[2],
        (
            "annex_a.xlsx › List 9".to_string(),
            Some("2021-01-31".to_string()),
            "override".to_string()
        )
    );
    // Dating the sheet that holds the latest date moves no other sheet.
    let list6 = csc_scorecard::domain::ingest::overrides_for(
        "annex_a.xlsx",
        &[("annex_a.xlsx › List 6".to_string(), date("2021-02-28"))],
        &[],
    );
    let dated = as_at(list6);
    assert_eq!(dated[0].1.as_deref(), Some("2021-02-28"));
    assert_eq!(&dated[1..], &[shared("List 8"), shared("List 9")]);
    let whole = csc_scorecard::domain::ingest::overrides_for(
        "annex_a.xlsx",
        &[
            ("annex_a.xlsx".to_string(), date("2021-02-28")),
            ("annex_a.xlsx›List 9".to_string(), date("2021-01-31")),
        ],
        &[],
    );
    let dated = as_at(whole);
    assert_eq!(dated[0].1.as_deref(), Some("2021-02-28"));
    assert_eq!(dated[1].1.as_deref(), Some("2021-02-28"));
    assert_eq!(dated[2].1.as_deref(), Some("2021-01-31"));
}

/// inputs.md, "Value types": an error cell in a workbook is blank and
/// reported. calamine names only Excel's seven classic errors; a newer
/// one (`#SPILL!`, `#CALC!`) used to make the whole sheet unreadable.
/// Here List 7's visit column holds a real `#SPILL!` error cell and a real
/// `#N/A` one (`t="e"`, as Excel writes them): the sheet reads, both are
/// blank, and each is reported.
#[test]
fn error_cells_of_every_kind_are_blank_and_reported() {
    let cell =
        |r: &str, text: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#);
    let error = |r: &str, text: &str| format!(r#"<c r="{r}" t="e"><f>X1#</f><v>{text}</v></c>"#);
    let rows = [
        vec![
            cell("A1", "Child Unique ID"),
            cell("B1", "Child Protection Plan Start Date"),
            cell("C1", "Child Protection Plan End Date"),
            cell("D1", "Date of the Last Statutory Visit"),
        ],
        vec![
            cell("A2", "C1"),
            cell("B2", "01/06/2017"),
            error("D2", "#SPILL!"),
        ],
        vec![
            cell("A3", "C2"),
            cell("B3", "01/07/2017"),
            error("D3", "#N/A"),
        ],
        vec![
            cell("A4", "C3"),
            cell("B4", "01/08/2017"),
            cell("D4", "20/12/2017"),
        ],
    ];
    let sheet_data: String = rows
        .iter()
        .enumerate()
        .map(|(i, cells)| format!(r#"<row r="{}">{}</row>"#, i + 1, cells.concat()))
        .collect();
    let sheet = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
    );
    let workbook = r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="List 7" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let bytes = zip_of(&[
        stored("xl/workbook.xml", workbook),
        stored("xl/_rels/workbook.xml.rels", rels),
        stored("xl/worksheets/sheet1.xml", &sheet),
    ]);
    let files = load_files(
        "plans_2017-12-31.xlsx",
        &bytes,
        0,
        &FileOverrides::default(),
        today(),
    );
    assert_eq!(files.len(), 1);
    let file = &files[0];
    assert_eq!(file.error, None);
    assert_eq!(file.rows, 3);
    let errors: Vec<&str> = file
        .problems
        .iter()
        .filter(|p| p.code == ProblemCode::ExcelError)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors
            .iter()
            .any(|m| m.starts_with("1 cell holds an Excel error (`#SPILL!`)")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|m| m
                .starts_with("Date of the Last Statutory Visit is `#N/A` on 1 row, e.g. row 3")),
        "{errors:?}"
    );
}
