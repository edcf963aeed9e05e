#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Pins the wording of the data-quality report and file errors: one message,
//! built once in the engine, shown the same in the page, print and CLI.
//! A change of wording is a reviewed change of `tests/snapshots/messages.txt`;
//! rewrite it with `UPDATE_SNAPSHOTS=1 cargo test --test messages`.

use csc_scorecard::domain::ingest::FileOverrides;
use csc_scorecard::domain::month::Month;
use csc_scorecard::domain::scorecard::{InputFile, compute, load};
use csc_scorecard::domain::settings::Settings;

fn input(name: &str, text: &str) -> InputFile {
    InputFile {
        name: name.to_string(),
        bytes: text.as_bytes().to_vec(),
        overrides: FileOverrides::default(),
    }
}

#[test]
fn data_quality_wording() {
    let inputs = [
        input(
            "teams.csv",
            "Team,Area,Team Type\nEast Assessment,EAST,Assessment\n",
        ),
        input(
            "list4_2017-12-31.csv",
            "Child Unique ID,Continuous Assessment Start Date,Continuous Assessment Date of Authorisation,Child Seen During Continuous Assessment,Allocated Team\n\
             A,01/11/2017,2017/12/01,Yes,East Assessment\n\
             B,01/11/2017,01/10/2017,maybe,East Assessment\n\
             ,01/11/2017,04/12/2017,,West Team\n\
             C,12/05/17,04/12/2017,,West Team\n\
             D,01/11/2017,04/12/2030,Y,\n",
        ),
        input(
            "staff_2017-12-31.csv",
            "Worker ID,Team,Qualified Social Worker,Agency,FTE,End Date\nW1,East Assessment,Yes,No,2.5,\nW1,East Assessment,Yes,No,2.5,\nW2,East Assessment,Y,,1,03/01/2016\n",
        ),
        input("notes.csv", "Month,Referrals\nDec-17,41\n"),
        input(
            "list6.csv",
            "Child Unique ID,CIN Start Date,Allocated Worker\nA,01/01/2017,W1\n",
        ),
    ];
    let loaded = load(
        &inputs,
        Settings::default(),
        jiff::civil::date(2026, 11, 26),
        |_| {},
    );
    let card = compute(&loaded, &loaded.settings, Month::parse("2017-12"))
        .map(|c| c.with_drills())
        .unwrap();
    let mut lines: Vec<String> = card
        .files
        .iter()
        .filter_map(|f| f.error.as_ref().map(|e| format!("{}: {e}", f.name)))
        .collect();
    lines.extend(card.problems.iter().map(|p| {
        let row = p.row.map(|r| r.to_string()).unwrap_or_default();
        format!(
            "{} | {row} | {} | {} | {:?} | {} | {}",
            p.file, p.column, p.value, p.severity, p.code, p.message
        )
    }));
    let actual = lines.join("\n") + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/messages.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        actual, expected,
        "wording changed: review and run with UPDATE_SNAPSHOTS=1"
    );
}
