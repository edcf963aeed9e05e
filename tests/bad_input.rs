#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Bad input never panics and never loses the other files (inputs.md, "Bad
//! input"): garbage bytes, empty files, header-only files, ragged rows,
//! broken quoting, odd encodings, and random mutations of real-shaped files,
//! each loaded beside a good file whose figures must survive.

use csc_scorecard::domain::diagnostics::ProblemCode;
use csc_scorecard::domain::ingest::FileOverrides;
use csc_scorecard::domain::month::Month;
use csc_scorecard::domain::scorecard::{InputFile, Scorecard, compute, load};
use csc_scorecard::domain::settings::Settings;

const GOOD_CP: &str = "Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date\n\
A,01/01/2017,\nB,01/02/2017,\nC,01/01/2017,03/07/2017\n";

fn input(name: &str, bytes: &[u8]) -> InputFile {
    InputFile {
        name: name.to_string(),
        bytes: bytes.to_vec(),
        overrides: FileOverrides::default(),
    }
}

fn run(bad: &[InputFile]) -> Scorecard {
    let mut inputs = bad.to_vec();
    inputs.push(input("list7_2017-12-31.csv", GOOD_CP.as_bytes()));
    let loaded = load(
        &inputs,
        Settings::default(),
        jiff::civil::date(2026, 11, 26),
        |_| {},
    );
    compute(&loaded, &loaded.settings, Month::parse("2017-12"))
        .map(|c| c.with_drills())
        .unwrap()
}

fn cp_count(card: &Scorecard) -> Option<f64> {
    card.indicators[4].current.get("count")
}

fn error_of<'a>(card: &'a Scorecard, name: &str) -> Option<&'a str> {
    card.files
        .iter()
        .find(|f| f.name == name)
        .and_then(|f| f.error.as_deref())
}

#[test]
fn unreadable_files_get_one_sentence_and_the_rest_still_count() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.csv", vec![], "The file is empty"),
        ("blank.csv", b"\r\n\r\n  \n".to_vec(), "The file is empty"),
        (
            "binary.csv",
            vec![0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3],
            "This is not a text table",
        ),
        (
            "workbook.csv",
            b"PK\x03\x04\x14\x00\x06\x00".to_vec(),
            "This is a zip archive or Excel workbook",
        ),
        (
            "old.xls",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
            "This is an old-style Excel",
        ),
        (
            "header_only.csv",
            b"Child Unique ID,Date of referral\n".to_vec(),
            "with a header row only",
        ),
        (
            "unknown.csv",
            b"Month,Referrals\nSep-17,41\n".to_vec(),
            "Not a file this scorecard reads",
        ),
        (
            "dupe.csv",
            b"Child Unique ID,Date of referral,date of REFERRAL\nA,1/1/2017,1/1/2017\n".to_vec(),
            "same header",
        ),
        (
            "settings.json",
            br#"{"version": 1, "colour": "red"}"#.to_vec(),
            "colour",
        ),
    ];
    let inputs: Vec<InputFile> = cases.iter().map(|(n, b, _)| input(n, b)).collect();
    let card = run(&inputs);
    for (name, _, expected) in &cases {
        let error = error_of(&card, name).unwrap_or_else(|| panic!("{name} should be refused"));
        assert!(error.contains(expected), "{name}: {error}");
        assert!(!error.contains('\n'), "{name}: one sentence");
    }
    assert_eq!(cp_count(&card), Some(2.0));
}

#[test]
fn ragged_rows_broken_quotes_and_bad_values_are_reported_not_fatal() {
    let ragged = "Child Unique ID,Date of referral,Allocated Team\n\
                  A,01/12/2017\n\
                  B,02/12/2017,Team,extra,cells\n\
                  C,32/12/2017,Team\n\
                  ,03/12/2017,Team\n\
                  \"D\"\"quoted,04/12/2017,\"Team\nwith newline\"\n\
                  E,\"05/12/2017\n";
    let card = run(&[input("list3_2017-12-31.csv", ragged.as_bytes())]);
    let problems: Vec<_> = card
        .problems
        .iter()
        .filter(|p| p.file == "list3_2017-12-31.csv")
        .collect();
    // The header is row 1: A is row 2.
    assert!(
        problems
            .iter()
            .any(|p| p.code == ProblemCode::RaggedRow && p.row == Some(2))
    );
    assert!(problems.iter().any(|p| p.code == ProblemCode::InvalidDate
        && p.row == Some(4)
        && p.value == "32/12/2017"
        && p.column == "Date of referral"));
    assert!(
        problems
            .iter()
            .any(|p| p.code == ProblemCode::BlankId && p.row == Some(5))
    );
    assert_eq!(cp_count(&card), Some(2.0));
}

#[test]
fn encodings_and_delimiters() {
    // Windows-1252 with a semicolon delimiter and a £ in a team name.
    let mut cp1252 =
        b"Child Unique ID;Date of referral;Allocated Team\nA;01/12/2017;Caf\xe9 Team\n".to_vec();
    cp1252.extend_from_slice(b"B;02/12/2017;\xa3 Team\n");
    // UTF-16 LE with BOM, tab-delimited, and an unpaired surrogate.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Child Unique ID\tDate of referral\nC\t03/12/2017\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    utf16.extend_from_slice(&0xD800u16.to_le_bytes());
    let card = run(&[
        input("a_2017-12-31.csv", &cp1252),
        input("b_2017-12-31.csv", &utf16),
    ]);
    assert_eq!(card.files[0].kind.as_deref(), Some("list3_referrals"));
    assert_eq!(card.files[0].rows, 2);
    assert!(
        card.problems
            .iter()
            .any(|p| p.file == "a_2017-12-31.csv" && p.code == ProblemCode::Windows1252)
    );
    assert_eq!(card.files[1].kind.as_deref(), Some("list3_referrals"));
    assert!(
        card.problems
            .iter()
            .any(|p| p.file == "b_2017-12-31.csv" && p.code == ProblemCode::InvalidUtf16)
    );
    assert_eq!(card.indicators[1].current.get("referrals"), Some(3.0));
}

#[test]
fn huge_fields_and_deep_quotes() {
    let mut big = String::from("Child Unique ID,Date of referral\n");
    big.push_str(&"x".repeat(2_000_000));
    big.push_str(",01/12/2017\n\"");
    big.push_str(&"\"\"".repeat(100_000));
    big.push_str("\",01/12/2017\n");
    let card = run(&[input("big_2017-12-31.csv", big.as_bytes())]);
    assert!(card.problems.iter().all(|p| p.value.chars().count() <= 81));
    assert_eq!(cp_count(&card), Some(2.0));
}

/// A small deterministic generator (xorshift) so the mutations are the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn random_mutations_of_real_shaped_files_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/public_city");
    let names = [
        "list3_referrals_2017-12-31.csv",
        "list4_assessments_2017-12-31.csv",
        "list6_cin_2017-12-31.csv",
        "list8_cla_2017-12-31.csv",
        "list9_care_leavers_2017-12-31.csv",
        "list10_adoption_2017-12-31.csv",
        "staff_2017-12-31.csv",
        "teams.csv",
    ];
    let originals: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(dir.join(n)).unwrap())
        .collect();
    let alphabet = b",;\t\"\n\r/0123456789-:. aAyYnN\xff\x00";
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..150 {
        let inputs: Vec<InputFile> = names
            .iter()
            .zip(&originals)
            .map(|(name, bytes)| {
                let mut bytes = bytes.clone();
                for _ in 0..rng.below(40) {
                    let at = rng.below(bytes.len());
                    match rng.below(3) {
                        0 => bytes[at] = alphabet[rng.below(alphabet.len())],
                        1 => bytes.insert(at, alphabet[rng.below(alphabet.len())]),
                        _ => {
                            bytes.remove(at);
                        }
                    }
                }
                if rng.below(10) == 0 {
                    bytes.truncate(rng.below(bytes.len()));
                }
                input(name, &bytes)
            })
            .collect();
        let card = run(&inputs);
        assert_eq!(cp_count(&card), Some(2.0));
    }
}
