#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The source rule and restatements (history.md, "Using it" and
//! "Restatements"), on a case small enough to work by hand: one CP
//! extract and a history, through `scorecard::load` and `compute` as the
//! page and the CLI call them.

use csc_engine::diagnostics::ProblemCode;
use csc_engine::month::Month;
use csc_engine::scorecard::{InputFile, Scorecard, compute, load};
use csc_engine::settings::Settings;
use csc_engine::sources::Source;
use jiff::civil::date;

/// Two areas: EAST (population 1,000) and WEST (4,000); the LA 5,000.
fn settings() -> Settings {
    Settings::from_json(
        r#"{"version": 1, "la_name": "Test City",
            "teams": [{"team": "East Team", "area": "EAST"}, {"team": "West Team", "area": "WEST"}],
            "areas": [{"area": "EAST", "population_0_17": 1000}, {"area": "WEST", "population_0_17": 4000}]}"#,
    )
    .unwrap()
}

/// List 7 as at 31/12/2017. C's end (02/07/2017, in July's first week)
/// starts its coverage on 1 July: July to December are covered, June not.
/// At each month end from July: A (EAST) and B (WEST) are on plans.
const LIST7: &str = "Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date,Allocated Team\n\
A,01/01/2017,,East Team\n\
B,01/06/2017,,West Team\n\
C,01/01/2017,02/07/2017,West Team\n";

/// Published December differs from the extract for the LA and EAST (3 and
/// 2 children, where the extract now gives 2 and 1); WEST is unchanged.
/// June is published as 7 children.
const HISTORY: &str = r#"{
  "kind": "csc-scorecard-history", "version": 1, "la_name": "Test City",
  "months": {
    "2017-06": {"signed_off": "2017-07-12", "sources": [], "indicators": {
      "cp_plans": {"current": {"count": 7, "rate_per_10k": 14.0},
                   "areas": {"WEST": {"count": 4, "rate_per_10k": 10.0}, "EAST": {"count": 3, "rate_per_10k": 30.0}},
                   "target": null, "rating": "none", "commentary": "June as published."}}},
    "2017-12": {"signed_off": "2018-01-10", "sources": [], "indicators": {
      "cp_plans": {"current": {"count": 3, "rate_per_10k": 6.0},
                   "areas": {"EAST": {"count": 2, "rate_per_10k": 20.0}, "WEST": {"count": 1, "rate_per_10k": 2.5}},
                   "target": null, "rating": "none", "commentary": null}}}
  }
}"#;

fn input(name: &str, text: &str) -> InputFile {
    InputFile {
        name: name.to_string(),
        bytes: text.as_bytes().to_vec(),
        overrides: Default::default(),
    }
}

fn card(inputs: &[InputFile], month: Option<&str>) -> Scorecard {
    let loaded = load(inputs, settings(), date(2018, 1, 15), |_| {});
    compute(&loaded, &loaded.settings, month.and_then(Month::parse))
        .unwrap()
        .scorecard
}

fn cp_plans(card: &Scorecard) -> &csc_engine::scorecard::IndicatorResult {
    card.indicators
        .iter()
        .find(|i| i.definition.id == "cp_plans")
        .unwrap()
}

#[test]
fn extracts_win_where_they_cover_and_differences_are_restatements() {
    let card = card(
        &[
            input("list7_cp_2017-12-31.csv", LIST7),
            input("scorecard-history.json", HISTORY),
        ],
        Some("2017-12"),
    );
    let cp = cp_plans(&card);
    // December: the extract covers it, so its figures are shown.
    assert_eq!(cp.current.get("count"), Some(2.0));
    assert_eq!(cp.current.get("rate_per_10k"), Some(4.0)); // 2 ÷ 5,000 × 10,000
    assert_eq!(cp.current.source, Some(Source::Extracts));
    // Four restatements: LA count 3 → 2 and rate 6 → 4, EAST count 2 → 1
    // and rate 20 → 10 (1 ÷ 1,000 × 10,000); WEST is as published.
    type Restated<'a> = (Option<&'a str>, &'a str, Option<f64>, Option<f64>);
    let restated: Vec<Restated> = card
        .restatements
        .iter()
        .map(|r| (r.area.as_deref(), r.measure.as_str(), r.published, r.now))
        .collect();
    assert_eq!(
        restated,
        [
            (None, "count", Some(3.0), Some(2.0)),
            (None, "rate_per_10k", Some(6.0), Some(4.0)),
            (Some("EAST"), "count", Some(2.0), Some(1.0)),
            (Some("EAST"), "rate_per_10k", Some(20.0), Some(10.0)),
        ]
    );
    assert!(
        card.restatements
            .iter()
            .all(|r| r.indicator == "cp_plans" && r.month == Month::parse("2017-12").unwrap())
    );
    let listed = card
        .problems
        .iter()
        .filter(|p| p.code == ProblemCode::Restated)
        .count();
    assert_eq!(listed, 4);
    // June is not covered (coverage starts 1 July): the history's 7.
    let month = |text: &str| {
        let m = Month::parse(text).unwrap();
        cp.series.iter().find(|(at, _)| *at == m).unwrap().1.clone()
    };
    assert_eq!(month("2017-06").get("count"), Some(7.0));
    assert_eq!(month("2017-06").source, Some(Source::History));
    assert_eq!(month("2017-07").get("count"), Some(2.0));
    assert_eq!(month("2017-07").source, Some(Source::Extracts));
    // May: neither: nothing known.
    assert_eq!(month("2017-05").get("count"), None);
    assert_eq!(month("2017-05").source, None);
    // Previous 6 months (June to November), the mean of 7, 2, 2, 2, 2, 2
    // = 17 ÷ 6, of six months, resting on the history.
    assert_eq!(cp.previous.months, 6);
    assert!((cp.previous.values.get("count").unwrap() - 17.0 / 6.0).abs() < 1e-12);
    // Rates: (14 + 4 × 5) ÷ 6.
    assert!((cp.previous.values.get("rate_per_10k").unwrap() - 34.0 / 6.0).abs() < 1e-12);
    assert_eq!(cp.previous.values.source, Some(Source::History));
    // Last year (December 2016): nothing known.
    assert_eq!(cp.last_year.0, Month::parse("2016-12").unwrap());
    assert_eq!(cp.last_year.1.source, None);
    // A snapshot indicator has no year to date.
    assert!(cp.year_to_date.is_none());
}

#[test]
fn a_month_the_extracts_do_not_cover_is_the_history_whole() {
    // June from the history alone, with the extract loaded.
    let card = card(
        &[
            input("list7_cp_2017-12-31.csv", LIST7),
            input("scorecard-history.json", HISTORY),
        ],
        Some("2017-06"),
    );
    let cp = cp_plans(&card);
    assert_eq!(cp.current.get("count"), Some(7.0));
    assert_eq!(cp.current.get("rate_per_10k"), Some(14.0));
    assert_eq!(cp.current.source, Some(Source::History));
    // Areas as published, in the team table's order (EAST before WEST),
    // not the history's.
    let areas: Vec<(&str, Option<f64>)> = cp
        .areas
        .iter()
        .map(|(name, values)| (name.as_str(), values.get("count")))
        .collect();
    assert_eq!(areas, [("EAST", Some(3.0)), ("WEST", Some(4.0))]);
    assert!(
        cp.notes
            .iter()
            .any(|n| n.contains("signed off on 12/07/2017"))
    );
    assert!(card.restatements.is_empty());
}

#[test]
fn the_history_alone_shows_its_latest_month() {
    let card = card(&[input("scorecard-history.json", HISTORY)], None);
    assert_eq!(card.month, Month::parse("2017-12").unwrap());
    let cp = cp_plans(&card);
    assert_eq!(cp.current.get("count"), Some(3.0));
    assert_eq!(cp.current.source, Some(Source::History));
    assert!(cp.missing_inputs.is_empty());
    // Indicators the history does not hold show nothing, and need inputs.
    let referrals = card
        .indicators
        .iter()
        .find(|i| i.definition.id == "re_referrals")
        .unwrap();
    assert_eq!(referrals.current.source, None);
    assert!(!referrals.missing_inputs.is_empty());
    assert_eq!(card.files[0].kind.as_deref(), Some("history"));
    assert_eq!(card.files[0].rows, 2);
}

#[test]
fn a_seeded_history_is_compared_only_on_what_it_holds() {
    // The spreadsheet held December's LA count alone (written as people
    // write months): the rate and the areas were never published.
    let seeded = "Month,Indicator,Measure,Area,Value\nDec-17,cp_plans,count,,5\n";
    let card = card(
        &[
            input("list7_cp_2017-12-31.csv", LIST7),
            input("figures.csv", seeded),
        ],
        Some("2017-12"),
    );
    let restated: Vec<(&str, Option<f64>, Option<f64>)> = card
        .restatements
        .iter()
        .map(|r| (r.measure.as_str(), r.published, r.now))
        .collect();
    assert_eq!(restated, [("count", Some(5.0), Some(2.0))]);
    assert_eq!(card.files[1].kind.as_deref(), Some("history"));
}

#[test]
fn another_authority_and_two_histories_of_a_month_are_reported() {
    let other = HISTORY.replace("Test City", "Other Town");
    // A later sign-off of December with other figures.
    let later = HISTORY.replace("2018-01-10", "2018-02-01").replace(
        r#""count": 3, "rate_per_10k": 6.0"#,
        r#""count": 2, "rate_per_10k": 4.0"#,
    );
    let card = card(
        &[
            input("old.json", &other),
            input("new.json", &later),
            input("list7_cp_2017-12-31.csv", LIST7),
        ],
        Some("2017-12"),
    );
    let codes: Vec<(&str, ProblemCode)> = card
        .problems
        .iter()
        .filter(|p| {
            matches!(
                p.code,
                ProblemCode::HistoryOtherAuthority | ProblemCode::HistoryMonthReplaced
            )
        })
        .map(|p| (p.file.as_str(), p.code))
        .collect();
    assert_eq!(
        codes,
        [
            ("old.json", ProblemCode::HistoryMonthReplaced),
            ("old.json", ProblemCode::HistoryOtherAuthority),
        ]
    );
    // The later sign-off won: only EAST's count and rate differ now.
    let restated: Vec<(Option<&str>, &str)> = card
        .restatements
        .iter()
        .map(|r| (r.area.as_deref(), r.measure.as_str()))
        .collect();
    assert_eq!(
        restated,
        [(Some("EAST"), "count"), (Some("EAST"), "rate_per_10k")]
    );
}

#[test]
fn a_hostile_history_is_refused_in_one_sentence_and_the_other_files_used() {
    let big = format!(
        r#"{{"kind": "csc-scorecard-history", "version": 1, "la_name": "{}", "months": {{}}}}"#,
        "x".repeat(25 * 1024 * 1024)
    );
    let deep = format!(
        r#"{{"kind": "csc-scorecard-history", "version": 1, "months": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let hostile = [
        (
            "broken.json",
            r#"{"kind": "csc-scorecard-history", "version": 1, "months": {"#.to_string(),
            "not valid JSON",
        ),
        (
            "version2.json",
            r#"{"kind": "csc-scorecard-history", "version": 2, "months": {}}"#.to_string(),
            "version 2",
        ),
        ("big.json", big, "20 MB"),
        ("deep.json", deep, ""),
    ];
    for (name, text, says) in hostile {
        let card = card(
            &[input(name, &text), input("list7_cp_2017-12-31.csv", LIST7)],
            Some("2017-12"),
        );
        let refused = &card.files[0];
        let why = refused
            .error
            .as_deref()
            .unwrap_or_else(|| panic!("{name} refused"));
        assert!(why.contains(says), "{name}: {why}");
        assert!(
            !why.contains('\n') && why.len() < 200,
            "{name}: one sentence: {why}"
        );
        assert_eq!(refused.kind, None, "{name}");
        assert_eq!(cp_plans(&card).current.get("count"), Some(2.0), "{name}");
    }
    // Wrong entries: left out, each with its path and value, the rest used.
    let wrong = HISTORY
        .replace(r#""count": 7,"#, r#""count": "seven","#)
        .replace(r#""2017-12": {"#, r#""Dec 2017": {"#);
    let card = card(
        &[
            input("wrong.json", &wrong),
            input("list7_cp_2017-12-31.csv", LIST7),
        ],
        Some("2017-06"),
    );
    let left_out: Vec<(&str, &str)> = card
        .problems
        .iter()
        .filter(|p| p.code == ProblemCode::HistoryEntryLeftOut)
        .map(|p| (p.column.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(
        left_out,
        [
            (
                "months.2017-06.indicators.cp_plans.current.count",
                "\"seven\""
            ),
            ("months.Dec 2017", "\"Dec 2017\""),
        ],
        "{:?}",
        card.problems
    );
    // June is still used: its rate as published, its count left out.
    let cp = cp_plans(&card);
    assert_eq!(cp.current.get("rate_per_10k"), Some(14.0));
    assert_eq!(cp.current.get("count"), None);
}
