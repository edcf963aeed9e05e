#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! `--format xlsx` (outputs.md, "Papers for a committee": "The CLI writes
//! the same files: `--format xlsx|docx --out FILE`"): the workbook it
//! writes reads back, `--publishable` suppresses, a missing `--out` is a
//! usage error, and LibreOffice prints the workbook to PDF.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};

fn case(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/golden/public_city")
        .join(file)
}

fn scorecard(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scorecard"))
        .args(["--today", "2026-11-26"])
        .args(args)
        .output()
        .unwrap()
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "csc-scorecard-cli-xlsx-{name}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The golden case's files in its `cmd.json` order, for December 2017,
/// with `settings`, written to `out`.
fn public_city_xlsx(settings: &Path, out: &Path, more: &[&str]) -> Output {
    let cmd: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(case("cmd.json")).unwrap()).unwrap();
    let mut args: Vec<String> = [
        "--month",
        "2017-12",
        "--format",
        "xlsx",
        "--settings",
        &settings.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]
    .map(str::to_string)
    .to_vec();
    args.extend(more.iter().map(|a| a.to_string()));
    args.extend(
        cmd["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| case(f.as_str().unwrap()).to_string_lossy().into_owned()),
    );
    scorecard(&args)
}

fn sheet(bytes: &[u8], name: &str) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    book.worksheet_range(name).unwrap()
}

/// The figure in indicator `title`'s row `label`, column `heading`.
fn figure(range: &Range<Data>, title: &str, label: &str, heading: &str) -> Data {
    let rows: Vec<&[Data]> = range.rows().collect();
    let text = |cell: &Data| match cell {
        Data::String(s) => s.clone(),
        _ => String::new(),
    };
    let top = rows.iter().position(|r| text(&r[0]) == title).unwrap();
    let column = rows[top + 1]
        .iter()
        .position(|c| text(c) == heading)
        .unwrap();
    let row = (top..rows.len())
        .find(|&r| text(&rows[r][0]) == label)
        .unwrap();
    rows[row][column].clone()
}

const PLANS: &str = "5.) Children with a child protection plan at month end";
const A2: &str = "9.) Days from placement order to match (A2)";

#[test]
fn xlsx_writes_a_readable_workbook() {
    let dir = tempdir("readable");
    let out = dir.join("scorecard-2017-12.xlsx");
    let run = public_city_xlsx(&case("settings.json"), &out, &[]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty(), "the workbook goes to --out only");
    let bytes = std::fs::read(&out).unwrap();
    let book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Scorecard", "Series", "About", "Data quality"]
    );
    let scorecard = sheet(&bytes, "Scorecard");
    // The settings give no report title: the default heads it.
    assert_eq!(
        scorecard.get_value((0, 0)),
        Some(&Data::String("Performance scorecard".into()))
    );
    // expected.json: 5 plans, and 3 children adopted, in December.
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(case("expected.json")).unwrap()).unwrap();
    assert_eq!(expected["indicators"][4]["columns"]["current"]["count"], 5);
    assert_eq!(
        figure(&scorecard, PLANS, "No. of children on a CP plan", "Dec-17"),
        Data::Float(5.0)
    );
    assert_eq!(
        figure(&scorecard, A2, "Children adopted", "Dec-17"),
        Data::Float(3.0)
    );
}

#[test]
fn publishable_suppresses_with_the_settings_threshold() {
    let dir = tempdir("publishable");
    let mut settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(case("settings.json")).unwrap()).unwrap();
    settings["suppress_below"] = serde_json::json!(5);
    let settings_path = dir.join("settings.json");
    std::fs::write(&settings_path, settings.to_string()).unwrap();
    let out = dir.join("publishable.xlsx");
    let run = public_city_xlsx(&settings_path, &out, &["--publishable"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let scorecard = sheet(&std::fs::read(&out).unwrap(), "Scorecard");
    // 3 children is under 5; 5 plans is not.
    assert_eq!(
        figure(&scorecard, A2, "Children adopted", "Dec-17"),
        Data::String("<5".into())
    );
    assert_eq!(
        figure(&scorecard, PLANS, "No. of children on a CP plan", "Dec-17"),
        Data::Float(5.0)
    );
}

#[test]
fn xlsx_without_out_is_a_usage_error() {
    let run = scorecard(&[
        "--format".into(),
        "xlsx".into(),
        case("list7_cp_2017-12-31.csv")
            .to_string_lossy()
            .into_owned(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("give --out FILE"), "{stderr}");
    assert!(run.stdout.is_empty());
}

/// Whether a program is on the PATH.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// LibreOffice opens the workbook and prints it: a PDF with pages. (The
/// layout itself was checked by eye from this PDF; the page setup is
/// tested in csc-papers' tests/xlsx.rs.)
#[test]
fn libreoffice_prints_the_workbook_to_pdf() {
    if !on_path("soffice") {
        println!("skipped: soffice (LibreOffice) is not on PATH");
        return;
    }
    let dir = tempdir("pdf");
    let out = dir.join("scorecard-2017-12.xlsx");
    let run = public_city_xlsx(&case("settings.json"), &out, &[]);
    assert_eq!(run.status.code(), Some(0));
    // A profile of its own, so a LibreOffice already running (or another
    // test's) does not hold the lock.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let convert = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        convert.status.success(),
        "{}",
        String::from_utf8_lossy(&convert.stderr)
    );
    let pdf = std::fs::read(dir.join("scorecard-2017-12.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // Each page object is `/Type/Page` (the tree of them `/Type/Pages`).
    let text = String::from_utf8_lossy(&pdf);
    let pages = text
        .match_indices("/Type/Page")
        .filter(|(at, _)| !text[at + "/Type/Page".len()..].starts_with('s'))
        .count();
    assert!(pages >= 1, "no page in the PDF");
}
