#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The history through the CLI, as an analyst uses it month after month
//! (history.md; issue 15's property): sign off months from the full
//! example, then the December extracts with the history give the same
//! series and previous 6 months as every extract; a record corrected after
//! sign-off is a restatement; a month from the history alone shows its
//! figures.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn scorecard(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scorecard"))
        .args(args)
        .output()
        .expect("the CLI runs")
}

/// Runs the CLI, expecting a scorecard, and reads its JSON.
fn scorecard_json(args: &[String]) -> Value {
    let out = scorecard(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/dec-2017")
}

/// The example's CSV files whose names pass `keep`, sorted.
fn example_files(keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(example_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "csv"))
        .filter(|path| keep(&path.file_name().unwrap().to_string_lossy()))
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

/// The December extracts: every file dated 2017-12-31, and the teams.
fn december_files() -> Vec<String> {
    example_files(|name| name.contains("2017-12-31") || name == "teams.csv")
}

fn args(month: &str, history: &[&Path], files: &[String]) -> Vec<String> {
    let mut args = vec![
        "--month".to_string(),
        month.to_string(),
        "--settings".to_string(),
        example_dir()
            .join("scorecard-settings.json")
            .to_string_lossy()
            .into_owned(),
        "--today".to_string(),
        "2018-01-10".to_string(),
    ];
    for path in history {
        args.push("--history".to_string());
        args.push(path.to_string_lossy().into_owned());
    }
    args.extend(files.iter().cloned());
    args
}

fn indicator<'a>(card: &'a Value, id: &str) -> &'a Value {
    card["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no indicator {id}"))
}

/// A column's measures without its `source` (and `month`): the figures.
fn figures(column: &Value) -> Value {
    let mut column = column.clone();
    if let Some(object) = column.as_object_mut() {
        object.remove("source");
    }
    column
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("csc-history-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Signs off `months` in turn from every example file into one history.
fn sign_off_months(dir: &Path, months: &[&str]) -> PathBuf {
    let history = dir.join("scorecard-history.json");
    let every = example_files(|_| true);
    for month in months {
        let held: Vec<&Path> = if history.exists() {
            vec![&history]
        } else {
            Vec::new()
        };
        let mut run = args(month, &held, &every);
        run.extend(["--sign-off".to_string(), history.to_string_lossy().into()]);
        scorecard_json(&run);
    }
    history
}

const JUNE_TO_DECEMBER: [&str; 7] = [
    "2017-06", "2017-07", "2017-08", "2017-09", "2017-10", "2017-11", "2017-12",
];

#[test]
fn december_extracts_with_the_history_give_what_every_extract_gives() {
    let dir = temp_dir("property");
    // June too: it is in December's previous 6 months (M-6 … M-1), and the
    // example has a June List 6 and List 9 that give it allocation and
    // care-leaver activity.
    let history = sign_off_months(&dir, &JUNE_TO_DECEMBER);
    let every = scorecard_json(&args("2017-12", &[], &example_files(|_| true)));
    let december = scorecard_json(&args("2017-12", &[&history], &december_files()));
    // Nothing was corrected, so nothing is restated.
    assert_eq!(december["restatements"], Value::Array(Vec::new()));
    for all in every["indicators"].as_array().unwrap() {
        let id = all["id"].as_str().unwrap();
        let now = indicator(&december, id);
        let (series, series_now) = (
            all["series"].as_array().unwrap(),
            now["series"].as_array().unwrap(),
        );
        assert_eq!(series.len(), 13, "{id}");
        for (month, month_now) in series.iter().zip(series_now) {
            assert_eq!(
                figures(month),
                figures(month_now),
                "{id} {}",
                month["month"]
            );
        }
        assert_eq!(
            figures(&all["columns"]["previous"]),
            figures(&now["columns"]["previous"]),
            "{id} previous"
        );
        assert_eq!(
            figures(&all["columns"]["current"]),
            figures(&now["columns"]["current"]),
            "{id} current"
        );
    }
    // Allocation needs an as-at List 6 for each month: only December has
    // one now, so June to November come from the history, marked so.
    let unallocated = indicator(&december, "unallocated_cases");
    let sources: Vec<(&str, &str)> = unallocated["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["month"].as_str().unwrap(),
                m["source"].as_str().unwrap_or("null"),
            )
        })
        .skip(6)
        .collect();
    assert_eq!(
        sources,
        [
            ("2017-06", "history"),
            ("2017-07", "history"),
            ("2017-08", "history"),
            ("2017-09", "history"),
            ("2017-10", "history"),
            ("2017-11", "history"),
            ("2017-12", "extracts"),
        ]
    );
    assert_eq!(unallocated["columns"]["previous"]["months"], 6);
    assert_eq!(unallocated["columns"]["previous"]["source"], "history");
    assert_eq!(unallocated["columns"]["current"]["source"], "extracts");
    // Referrals: December's List 3 covers its six months, so the extracts win.
    let referrals = indicator(&december, "re_referrals");
    for month in referrals["series"].as_array().unwrap().iter().skip(7) {
        assert_eq!(month["source"], "extracts", "{}", month["month"]);
    }
    // Without the history, December's extracts alone leave allocation's
    // previous months empty: the history is what fills them.
    let bare = scorecard_json(&args("2017-12", &[], &december_files()));
    assert_eq!(
        indicator(&bare, "unallocated_cases")["columns"]["previous"]["months"],
        0
    );

    // A record corrected in December's CP extract after sign-off: a plan
    // open at the end of December is now recorded as ended in November.
    let corrected_dir = temp_dir("corrected");
    let mut corrected = Vec::new();
    for file in december_files() {
        let name = Path::new(&file).file_name().unwrap().to_owned();
        let target = corrected_dir.join(&name);
        let mut text = std::fs::read_to_string(&file).unwrap();
        if name.to_string_lossy().starts_with("list7_cp") {
            // Dates are dd/mm/yyyy: (year, month, day) orders them.
            let ymd = |date: &str| -> (u32, u32, u32) {
                let parts: Vec<u32> = date.split('/').map(|p| p.parse().unwrap()).collect();
                (parts[2], parts[1], parts[0])
            };
            let line = text
                .lines()
                .skip(1)
                .find(|line| {
                    let cells: Vec<&str> = line.split(',').collect();
                    cells[7].is_empty() && ymd(cells[5]) < (2017, 11, 1)
                })
                .expect("a plan open at the end of December, started before November")
                .to_string();
            let mut cells: Vec<&str> = line.split(',').collect();
            cells[7] = "30/11/2017";
            text = text.replacen(&line, &cells.join(","), 1);
        }
        std::fs::write(&target, text).unwrap();
        corrected.push(target.to_string_lossy().into_owned());
    }
    let restated = scorecard_json(&args("2017-12", &[&history], &corrected));
    let published = indicator(&every, "cp_plans")["columns"]["current"]["count"]
        .as_f64()
        .unwrap();
    let now = indicator(&restated, "cp_plans")["columns"]["current"]["count"]
        .as_f64()
        .unwrap();
    assert_eq!(now, published - 1.0);
    let list = restated["restatements"].as_array().unwrap();
    let la_count = list
        .iter()
        .find(|r| {
            r["indicator"] == "cp_plans"
                && r["month"] == "2017-12"
                && r["measure"] == "count"
                && r["area"].is_null()
        })
        .unwrap_or_else(|| panic!("no restatement of cp_plans count: {list:?}"));
    assert_eq!(la_count["published"].as_f64(), Some(published));
    assert_eq!(la_count["now"].as_f64(), Some(now));
    // Its area is restated too, and the Data quality report lists them.
    assert!(
        list.iter().any(|r| r["indicator"] == "cp_plans"
            && r["measure"] == "count"
            && r["area"].is_string())
    );
    let problems = restated["problems"].as_array().unwrap();
    assert!(problems.iter().any(|p| {
        p["code"] == "restated"
            && p["message"]
                .as_str()
                .unwrap()
                .contains(&format!("was published as {published}"))
    }));

    // A month from the history alone: October, no extract at all.
    let alone = scorecard_json(&args("2017-10", &[&history], &[]));
    let october = scorecard_json(&args("2017-10", &[], &example_files(|_| true)));
    assert_eq!(alone["month"], "2017-10");
    for signed in october["indicators"].as_array().unwrap() {
        let id = signed["id"].as_str().unwrap();
        let shown = indicator(&alone, id);
        assert_eq!(
            figures(&signed["columns"]["current"]),
            figures(&shown["columns"]["current"]),
            "{id}"
        );
        assert_eq!(shown["columns"]["current"]["source"], "history", "{id}");
        assert_eq!(shown["missing_inputs"], Value::Array(Vec::new()), "{id}");
    }
    // Areas too, as signed off.
    assert_eq!(
        indicator(&october, "cp_plans")["columns"]["areas"]["EAST"]["count"],
        indicator(&alone, "cp_plans")["columns"]["areas"]["EAST"]["count"]
    );
    // With no month given and no extract, the latest month the history holds.
    let latest = scorecard_json(&args("2017-12", &[&history], &[])[2..]);
    assert_eq!(latest["month"], "2017-12");
}

#[test]
fn last_year_and_year_to_date_come_from_the_months_shown() {
    let every = scorecard_json(&args("2017-12", &[], &example_files(|_| true)));
    let referrals = indicator(&every, "re_referrals");
    let series = referrals["series"].as_array().unwrap();
    // Last year is December 2016, the series' first month.
    assert_eq!(referrals["columns"]["last_year"]["month"], "2016-12");
    assert_eq!(
        figures(&referrals["columns"]["last_year"]),
        figures(&series[0])
    );
    // Year to date: April to December 2017, nine months, cumulative for
    // re-referrals: the sums of the months and Σre-referrals ÷ Σreferrals.
    let ytd = &referrals["columns"]["year_to_date"];
    assert_eq!(ytd["months"], 9);
    let months = &series[4..];
    assert_eq!(months[0]["month"], "2017-04");
    let sum = |measure: &str| -> f64 { months.iter().map(|m| m[measure].as_f64().unwrap()).sum() };
    assert_eq!(ytd["re_referrals"].as_f64(), Some(sum("re_referrals")));
    assert_eq!(ytd["referrals"].as_f64(), Some(sum("referrals")));
    let percent = sum("re_referrals") * 100.0 / sum("referrals");
    assert!((ytd["percent"].as_f64().unwrap() - percent).abs() < 1e-9);
    // Snapshot indicators have no year to date.
    assert_eq!(
        indicator(&every, "cp_plans")["columns"]["year_to_date"],
        Value::Null
    );
}
