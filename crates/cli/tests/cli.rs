#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The `scorecard` binary as a user runs it: exit codes (outputs.md, "The
//! CLI": 0 scorecard made, 2 usage error, 1 no file readable), one stderr
//! line per unreadable file naming it, and the three formats.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn case(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/golden/public_city")
        .join(file)
}

fn scorecard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scorecard"))
        .args(["--today", "2026-11-26"])
        .args(args)
        .output()
        .unwrap()
}

fn path(file: &str) -> String {
    case(file).to_string_lossy().into_owned()
}

#[test]
fn json_for_a_case_with_overrides() {
    let staff = path("staff_2017-12-31.csv");
    let out = scorecard(&[
        "--format",
        "json",
        "--month",
        "2017-12",
        "--settings",
        &path("settings.json"),
        "--as-at",
        &format!("{staff}=2017-11-30"),
        "--covers",
        &format!("{staff}=2017-06-01"),
        &path("teams.csv"),
        &staff,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["month"], "2017-12");
    assert_eq!(json["la_name"], "Public Example City (synthetic)");
    let file = &json["files"][1];
    assert_eq!(file["as_at"], "2017-11-30");
    assert_eq!(file["as_at_source"], "override");
    assert_eq!(file["covers_from"], "2017-06-01");
    // Only staff is loaded: re-referrals need List 3, and say so.
    let re = &json["indicators"][1];
    assert_eq!(re["missing_inputs"], serde_json::json!(["list3_referrals"]));
    assert!(re["columns"]["current"]["percent"].is_null());
    // Staff as at November does not cover December's end.
    assert!(json["indicators"][13]["columns"]["current"]["percent_all"].is_null());
}

#[test]
fn text_and_csv_formats() {
    let args = |format| {
        scorecard(&[
            "--format",
            format,
            "--settings",
            &path("settings.json"),
            &path("teams.csv"),
            &path("list7_cp_2017-12-31.csv"),
        ])
    };
    let text = String::from_utf8(args("text").stdout).unwrap();
    assert!(
        text.starts_with("Public Example City (synthetic) performance scorecard - December 2017"),
        "{text}"
    );
    assert!(text.contains("5.) Children with a child protection plan at month end"));
    assert!(text.contains("Mar-17"));
    let csv = String::from_utf8(args("csv").stdout).unwrap();
    assert!(csv.starts_with("number,indicator,title,measure,column,value\n"));
    assert!(
        csv.contains(
            "5,cp_plans,Children with a child protection plan at month end,count,current,5\n"
        ),
        "{csv}"
    );
    assert!(csv.contains(",count,area:EAST,1\n"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec![],
        vec!["--format", "xml", "x.csv"],
        vec!["--month", "2017-13", "x.csv"],
        vec!["--as-at", "x.csv", "x.csv"],
        vec!["--bogus", "x.csv"],
        vec!["--as-at", "y.csv=2017-01-01", "x.csv"],
    ] {
        let out = scorecard(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with("scorecard: "), "{stderr}");
        assert!(stderr.contains("usage: scorecard"));
    }
}

#[test]
fn bad_settings_name_the_file_and_key() {
    let dir = tempdir("bad_settings");
    let settings = dir.join("settings.json");
    std::fs::write(&settings, r#"{"version": 1, "la_nmae": "x"}"#).unwrap();
    let out = scorecard(&["--settings", settings.to_str().unwrap(), &path("teams.csv")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("settings.json") && stderr.contains("la_nmae"),
        "{stderr}"
    );
}

#[test]
fn no_readable_file_exits_1_with_one_line_per_file() {
    let dir = tempdir("unreadable");
    let empty = dir.join("empty.csv");
    let binary = dir.join("binary.csv");
    std::fs::write(&empty, b"").unwrap();
    std::fs::write(&binary, [0u8, 1, 2, 3, 255, 254, 0, 7]).unwrap();
    let missing = dir.join("missing.csv");
    let out = scorecard(&[
        empty.to_str().unwrap(),
        binary.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{}: cannot read", missing.display())))
    );
    assert!(
        lines
            .iter()
            .any(|l| l == &format!("{}: The file is empty", empty.display()))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{}: This is not a text table", binary.display())))
    );
    assert_eq!(lines[3], "scorecard: no file could be read");
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let dir = tempdir("one_bad");
    let bad = dir.join("notes.csv");
    std::fs::write(&bad, "Some,Other,Columns\n1,2,3\n").unwrap();
    let out = scorecard(&[
        "--month",
        "2017-12",
        bad.to_str().unwrap(),
        &path("list7_cp_2017-12-31.csv"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "{}: Not a file this scorecard reads",
            bad.display()
        )),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["indicators"][4]["columns"]["current"]["count"], 5);
    assert!(json["files"][0]["kind"].is_null());
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("csc-scorecard-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `--as-at book.xlsx=DATE` dates every sheet, `--as-at "book.xlsx › List 9=DATE"`
/// one sheet, which beats the workbook's (inputs.md, "As-at date of a
/// file", rule 4); a sheet the workbook lacks is a usage error.
#[test]
fn as_at_for_a_workbook_and_for_one_sheet() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/workbook_sheet_dates");
    let book = dir
        .join("allocations_corrected.xlsx")
        .to_string_lossy()
        .into_owned();
    let out = scorecard(&[
        "--month",
        "2017-11",
        "--as-at",
        &format!("{book}=2017-11-30"),
        "--as-at",
        &format!("{book} › List 9=2017-10-31"),
        &book,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let dates: Vec<(String, String, String)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["kind"].is_null())
        .map(|f| {
            let name = f["name"].as_str().unwrap();
            (
                name.rsplit(" › ").next().unwrap().to_string(),
                f["as_at"].as_str().unwrap().to_string(),
                f["as_at_source"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(!dates.is_empty());
    for (sheet, as_at, source) in &dates {
        let want = if sheet == "List 9" {
            "2017-10-31"
        } else {
            "2017-11-30"
        };
        assert_eq!(
            (as_at.as_str(), source.as_str()),
            (want, "override"),
            "{sheet}"
        );
    }
    let typo = scorecard(&["--as-at", &format!("{book} › List9=2017-10-31"), &book]);
    assert_eq!(typo.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&typo.stderr);
    assert!(
        stderr.contains("the sheet `List9`, which it does not have"),
        "{stderr}"
    );
}

/// The public case's files and settings, as arguments.
fn public_city_args() -> Vec<String> {
    let dir = case("");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut args = vec![
        "--month".to_string(),
        "2017-12".to_string(),
        "--settings".to_string(),
        path("settings.json"),
    ];
    args.extend(files);
    args
}

#[test]
fn sign_off_writes_the_history_and_keeps_what_it_held() {
    let dir =
        std::env::temp_dir().join(format!("csc-scorecard-cli-history-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let first = dir.join("first.json");
    let seeded = dir.join("seeded.csv");
    std::fs::write(
        &seeded,
        "Month,Indicator,Measure,Area,Value\nNov-17,cp_plans,count,,41\nNov-17,cp_plans,count,EAST,12\n",
    )
    .unwrap();
    let mut args = public_city_args();
    args.extend([
        "--history".to_string(),
        seeded.to_string_lossy().into_owned(),
        "--sign-off".to_string(),
        first.to_string_lossy().into_owned(),
    ]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = scorecard(&refs);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scorecard_json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&first).unwrap()).unwrap();
    assert_eq!(written["kind"], "csc-scorecard-history");
    // The seeded month is kept, with no sign-off date.
    assert_eq!(
        written["months"]["2017-11"]["indicators"]["cp_plans"]["current"]["count"],
        41.0
    );
    assert_eq!(
        written["months"]["2017-11"]["signed_off"],
        serde_json::Value::Null
    );
    // December signed off today, with the scorecard's figures and a draft commentary.
    let december = &written["months"]["2017-12"];
    assert_eq!(december["signed_off"], "2026-11-26");
    let cp = scorecard_json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "cp_plans")
        .unwrap();
    assert_eq!(
        december["indicators"]["cp_plans"]["current"]["count"],
        cp["columns"]["current"]["count"]
    );
    let draft = december["indicators"]["cp_plans"]["commentary"]
        .as_str()
        .unwrap();
    assert!(draft.contains("on a child protection plan"), "{draft}");

    // Signed off again from that history: its commentary is kept, not redrafted.
    let edited = std::fs::read_to_string(&first)
        .unwrap()
        .replace(draft, "Edited by the head of service.");
    std::fs::write(&first, edited).unwrap();
    let second = dir.join("second.json");
    let mut args = public_city_args();
    args.extend([
        "--history".to_string(),
        first.to_string_lossy().into_owned(),
        "--sign-off".to_string(),
        second.to_string_lossy().into_owned(),
    ]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(scorecard(&refs).status.code(), Some(0));
    let again: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&second).unwrap()).unwrap();
    assert_eq!(
        again["months"]["2017-12"]["indicators"]["cp_plans"]["commentary"],
        "Edited by the head of service."
    );
    assert_eq!(
        again["months"]["2017-11"]["indicators"]["cp_plans"]["areas"]["EAST"]["count"],
        12.0
    );

    // A file that is no history is refused in one sentence naming it, and
    // the rest still used (history.md, "Bad input"); a missing one is a
    // usage error.
    let mut args = public_city_args();
    args.extend(["--history".to_string(), path("teams.csv")]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = scorecard(&refs);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("teams.csv: not a history"));
    let missing = dir.join("missing.json").to_string_lossy().into_owned();
    let out = scorecard(&["--history", &missing, &path("teams.csv")]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}
