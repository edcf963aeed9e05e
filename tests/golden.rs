#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
// Tests may panic: a panic here is a failing test, not a dead page.

//! Golden tests: each folder under `tests/golden/` holds synthetic input
//! files, `settings.json`, `cmd.json` (month and files in order) and
//! `expected.json`, the CLI's JSON worked out independently of this code
//! (`public_city` by a separate implementation of the spec; the others by
//! `tools/reference/scorecard_ref.py`, never by the product).
//!
//! Compared as `../shared/cases/README.md` says: every measure of every
//! column and series month, ratings, trends, targets, benchmarks,
//! `missing_inputs`, area sets, and each file's kind, as-at and coverage;
//! numbers to about 6 significant figures; `null` must match `null`.
//! Regenerate the reference cases with `python3 tools/reference/make_golden.py`
//! and review the diff.

use std::path::{Path, PathBuf};

use csc_scorecard::domain::export::to_json;
use csc_scorecard::domain::ingest::overrides_for;
use csc_scorecard::domain::month::Month;
use csc_scorecard::domain::scorecard::{InputFile, compute, load};
use csc_scorecard::domain::settings::Settings;
use serde_json::Value;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 26)
}

/// Runs the engine on a case folder as the CLI would.
pub fn run_case(dir: &Path) -> Value {
    let cmd: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("cmd.json")).unwrap()).unwrap();
    let settings = match cmd["settings"].as_str() {
        Some(name) => {
            Settings::from_json(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
        }
        None => Settings::default(),
    };
    // `as_at` and `covers`: `{"FILE or book.xlsx or book.xlsx › Sheet": "YYYY-MM-DD"}`,
    // as the CLI's `--as-at` and `--covers` take them.
    let targets = |key: &str| -> Vec<(String, jiff::civil::Date)> {
        cmd[key]
            .as_object()
            .map(|map| {
                map.iter()
                    .map(|(target, date)| (target.clone(), date.as_str().unwrap().parse().unwrap()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (as_at, covers) = (targets("as_at"), targets("covers"));
    let inputs: Vec<InputFile> = cmd["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|name| {
            let name = name.as_str().unwrap();
            InputFile {
                name: name.to_string(),
                bytes: std::fs::read(dir.join(name)).unwrap(),
                overrides: overrides_for(name, &as_at, &covers),
            }
        })
        .collect();
    let month = cmd["month"].as_str().and_then(Month::parse);
    let loaded = load(&inputs, settings, today(), |_| {});
    to_json(
        &compute(&loaded, &loaded.settings, month)
            .map(|c| c.with_drills())
            .unwrap(),
    )
}

fn close(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            (e - a).abs() <= 1e-6 * e.abs().max(a.abs()).max(1e-9)
        }
        _ => expected == actual,
    }
}

fn compare_object(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    let Some(expected) = expected.as_object() else {
        if !close(expected, actual) {
            out.push(format!("{path}: expected {expected}, got {actual}"));
        }
        return;
    };
    for (key, value) in expected {
        let got = actual.get(key).unwrap_or(&Value::Null);
        if value.is_object() {
            compare_object(&format!("{path}.{key}"), value, got, out);
        } else if !close(value, got) {
            out.push(format!("{path}.{key}: expected {value}, got {got}"));
        }
    }
}

/// Every difference the shared README asks to check, one line each.
pub fn differences(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if expected["month"] != actual["month"] {
        out.push(format!(
            "month: expected {}, got {}",
            expected["month"], actual["month"]
        ));
    }
    for (e, a) in expected["files"]
        .as_array()
        .unwrap()
        .iter()
        .zip(actual["files"].as_array().unwrap())
    {
        let name = e["name"].as_str().unwrap_or("");
        let mut keys = vec!["name", "kind", "rows"];
        if e["kind"] != "teams" {
            keys.extend(["as_at", "as_at_source", "covers_from", "covers_to"]);
        }
        for key in keys {
            if e[key] != a[key] {
                out.push(format!(
                    "files[{name}].{key}: expected {}, got {}",
                    e[key], a[key]
                ));
            }
        }
    }
    for e in expected["indicators"].as_array().unwrap() {
        let id = e["id"].as_str().unwrap();
        let Some(a) = actual["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == e["id"])
        else {
            out.push(format!("indicators[{id}]: missing"));
            continue;
        };
        for key in [
            "rating",
            "trend",
            "target",
            "national",
            "statistical_neighbours",
            "missing_inputs",
        ] {
            if !close(&e[key], &a[key]) {
                out.push(format!(
                    "indicators[{id}].{key}: expected {}, got {}",
                    e[key], a[key]
                ));
            }
        }
        for column in ["current", "previous", "baseline"] {
            if !e["columns"][column].is_null() {
                compare_object(
                    &format!("indicators[{id}].columns.{column}"),
                    &e["columns"][column],
                    &a["columns"][column],
                    &mut out,
                );
            }
        }
        if let Some(areas) = e["columns"]["areas"].as_object() {
            let expected_names: Vec<&String> = areas.keys().collect();
            let actual_names: Vec<&String> = a["columns"]["areas"]
                .as_object()
                .map(|m| m.keys().collect())
                .unwrap_or_default();
            if expected_names != actual_names {
                out.push(format!("indicators[{id}].columns.areas: expected {expected_names:?}, got {actual_names:?}"));
            }
            compare_object(
                &format!("indicators[{id}].columns.areas"),
                &e["columns"]["areas"],
                &a["columns"]["areas"],
                &mut out,
            );
        }
        let (es, as_) = (
            e["series"].as_array().unwrap(),
            a["series"].as_array().unwrap(),
        );
        if es.len() != as_.len() {
            out.push(format!(
                "indicators[{id}].series: {} months, got {}",
                es.len(),
                as_.len()
            ));
        }
        for (em, am) in es.iter().zip(as_) {
            compare_object(
                &format!("indicators[{id}].series[{}]", em["month"]),
                em,
                am,
                &mut out,
            );
        }
    }
    out
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("expected.json").exists())
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_golden_case_matches_its_independent_expected_output() {
    let cases = cases();
    assert!(
        cases.len() >= 4,
        "expected at least 4 golden cases, found {cases:?}"
    );
    let mut failures = Vec::new();
    for dir in cases {
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        let actual = run_case(&dir);
        for line in differences(&expected, &actual) {
            failures.push(format!(
                "{}: {line}",
                dir.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_comparison_catches_a_changed_figure() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/public_city");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let mut actual = run_case(&dir);
    actual["indicators"][4]["columns"]["current"]["count"] = serde_json::json!(6);
    actual["indicators"][0]["series"][3]["open_cases"] = Value::Null;
    assert_eq!(differences(&expected, &actual).len(), 2);
}
