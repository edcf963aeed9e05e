#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
// Tests may panic: a panic here is a failing test, not a dead page.

//! Recomputing from one loaded data set (the page's month change and
//! settings editor) gives exactly what a fresh load and compute gives: the
//! month figures `Loaded` keeps between computes (`domain::memo`) must
//! never show through. Compared as the whole scorecard, drill-downs and
//! findings included, on the shipped example.

use std::path::Path;

use csc_scorecard::domain::ingest::FileOverrides;
use csc_scorecard::domain::month::Month;
use csc_scorecard::domain::scorecard::{InputFile, Loaded, Scorecard, compute, load};
use csc_scorecard::domain::settings::{Override, Settings};

fn example() -> (Vec<InputFile>, Settings) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/dec-2017");
    let settings =
        Settings::from_json(&std::fs::read_to_string(dir.join("scorecard-settings.json")).unwrap())
            .unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    names.sort();
    let inputs = names
        .iter()
        .map(|name| InputFile {
            name: name.clone(),
            bytes: std::fs::read(dir.join(name)).unwrap(),
            overrides: FileOverrides::default(),
        })
        .collect();
    (inputs, settings)
}

fn fresh(inputs: &[InputFile], settings: &Settings, month: &str) -> Scorecard {
    let loaded: Loaded = load(
        inputs,
        settings.clone(),
        jiff::civil::date(2026, 11, 26),
        |_| {},
    );
    compute(&loaded, settings, Month::parse(month))
        .map(|c| c.with_drills())
        .unwrap()
}

fn same(cached: &Scorecard, fresh: &Scorecard, what: &str) {
    // Byte-identical JSON, so a float summed in another order would show.
    assert_eq!(
        serde_json::to_string(cached).unwrap(),
        serde_json::to_string(fresh).unwrap(),
        "{what}"
    );
}

#[test]
fn a_cached_recompute_equals_a_fresh_compute() {
    let (inputs, settings) = example();
    let loaded = load(&inputs, settings, jiff::civil::date(2026, 11, 26), |_| {});
    // With the teams file's table, as the page computes.
    let settings = loaded.settings.clone();
    assert!(!settings.teams.is_empty());
    let december = compute(&loaded, &settings, Month::parse("2017-12"))
        .map(|c| c.with_drills())
        .unwrap();
    // Every indicator × 13 months, and children in care's baseline (March
    // 2016 in these settings; cp_plans' default March 2017 is in the window).
    let indicators = csc_scorecard::domain::indicators::ALL.len();
    assert_eq!(loaded.cache.len(), indicators * 13 + 1);

    // A month change: twelve months of each series are reused.
    let november = compute(&loaded, &settings, Month::parse("2017-11"))
        .map(|c| c.with_drills())
        .unwrap();
    assert_eq!(loaded.cache.len(), indicators * 14 + 1);
    same(&november, &fresh(&inputs, &settings, "2017-11"), "November");
    // And back: December's drill-down is counted again, the same.
    let again = compute(&loaded, &settings, Month::parse("2017-12"))
        .map(|c| c.with_drills())
        .unwrap();
    same(&again, &december, "December again");
    assert!(again.indicators.iter().any(|i| !i.drill.is_empty()));

    // A target, polarity or name changes ratings only: nothing recounted.
    let mut rated = settings.clone();
    rated.la_name = "Elsewhere".into();
    let overrides = rated.indicators.entry("cp_plans".into()).or_default();
    overrides.target = Override::Set(Some(1.0));
    overrides.polarity = Override::Set(Some(csc_scorecard::domain::settings::Polarity::Up));
    let counted = loaded.cache.counted();
    let retargeted = compute(&loaded, &rated, Month::parse("2017-12"))
        .map(|c| c.with_drills())
        .unwrap();
    assert_eq!(
        loaded.cache.counted(),
        counted,
        "a new target recounts nothing"
    );
    same(
        &retargeted,
        &fresh(&inputs, &rated, "2017-12"),
        "new target",
    );

    // A team moves area, then a population changes: areas and rates are
    // derived on read, so nothing is recounted either.
    let mut moved = rated.clone();
    let team = moved.teams.first_mut().unwrap();
    team.area = moved.areas.last().unwrap().area.clone();
    let remapped = compute(&loaded, &moved, Month::parse("2017-12"))
        .map(|c| c.with_drills())
        .unwrap();
    assert_eq!(loaded.cache.counted(), counted, "areas are derived on read");
    same(&remapped, &fresh(&inputs, &moved, "2017-12"), "moved team");
    assert_ne!(
        serde_json::to_string(&remapped).unwrap(),
        serde_json::to_string(&retargeted).unwrap(),
        "the moved team changes the figures"
    );
    moved.areas.first_mut().unwrap().population_0_17 = Some(12_345.0);
    let repopulated = compute(&loaded, &moved, Month::parse("2017-12"))
        .map(|c| c.with_drills())
        .unwrap();
    assert_eq!(loaded.cache.counted(), counted, "rates are derived on read");
    same(
        &repopulated,
        &fresh(&inputs, &moved, "2017-12"),
        "population",
    );
    assert_ne!(
        serde_json::to_string(&repopulated).unwrap(),
        serde_json::to_string(&remapped).unwrap(),
        "the population changes the figures"
    );
    // A team with no type added: nothing recounted, caseloads included.
    moved.teams.push(csc_scorecard::domain::settings::TeamRow {
        team: "A team in no file".into(),
        area: moved.areas.first().unwrap().area.clone(),
        team_type: None,
    });
    let added = compute(&loaded, &moved, Month::parse("2017-12"))
        .map(|c| c.with_drills())
        .unwrap();
    assert_eq!(loaded.cache.counted(), counted, "a team with no type");
    same(&added, &fresh(&inputs, &moved, "2017-12"), "added team");

    // The day limits of indicators 1 and 3: those two recount their 13
    // months, no other.
    let mut limits = moved.clone();
    limits.unallocated_min_days = 3;
    limits.assessment_working_days = 30;
    let recounted = compute(&loaded, &limits, Month::parse("2017-12"))
        .map(|c| c.with_drills())
        .unwrap();
    assert_eq!(loaded.cache.counted(), counted + 2 * 13);
    same(
        &recounted,
        &fresh(&inputs, &limits, "2017-12"),
        "new day limits",
    );
    assert_ne!(
        serde_json::to_string(&recounted).unwrap(),
        serde_json::to_string(&added).unwrap(),
        "the changed limits change the figures"
    );
    // Then another month, with them: still equal to a fresh compute.
    let october = compute(&loaded, &limits, Month::parse("2017-10"))
        .map(|c| c.with_drills())
        .unwrap();
    same(&october, &fresh(&inputs, &limits, "2017-10"), "October");

    // Back to the first settings: equal to the first.
    let back = compute(&loaded, &settings, Month::parse("2017-12"))
        .map(|c| c.with_drills())
        .unwrap();
    same(&back, &december, "first settings again");
}
