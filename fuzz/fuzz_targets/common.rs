//! Shared by the fuzz targets and by `tests/fuzz_regressions.rs` (which
//! includes this file), so a crash input replays through the same code: the
//! fixed *today*, the reporting month, the ingest target's input format, and
//! the checks run on every scorecard the engine returns.

#![allow(dead_code)]

use std::sync::OnceLock;

use csc_scorecard::domain::ingest::FileOverrides;
use csc_scorecard::domain::month::Month;
use csc_scorecard::domain::scorecard::{InputFile, Loaded, Scorecard, compute, load};
use csc_scorecard::domain::settings::Settings;

/// The ingest target's input: the file's bytes, optionally preceded by a
/// name line `@<name>\n` (the name at most 120 bytes). Without one the file
/// is `input.csv`.
pub fn split_name(data: &[u8]) -> (String, &[u8]) {
    if let Some(rest) = data.strip_prefix(b"@") {
        let end = rest.len().min(121);
        if let Some(newline) = rest.iter().take(end).position(|&b| b == b'\n') {
            let (name, content) = rest.split_at(newline);
            let name = String::from_utf8_lossy(name).into_owned();
            return (name, content.get(1..).unwrap_or_default());
        }
    }
    ("input.csv".to_string(), data)
}

/// The ingest target's body: one file → load → scorecards, checked.
pub fn ingest(data: &[u8]) {
    let (name, content) = split_name(data);
    let inputs = [input(&name, content.to_vec())];
    let loaded = load(&inputs, Settings::default(), today(), |_| {});
    compute_and_check(&loaded);
}

macro_rules! golden {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_bytes!(concat!("../../tests/golden/public_city/", $name)).as_slice())),*]
    };
}

/// The settings target's fixed data set: one file of each kind from
/// tests/golden/public_city, read once.
pub fn golden_data() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        let files = golden!(
            "list3_referrals_2017-12-31.csv",
            "list4_assessments_2017-12-31.csv",
            "list6_cin_2017-12-31.csv",
            "list7_cp_2017-12-31.csv",
            "list8_cla_2017-12-31.csv",
            "list9_care_leavers_2017-12-31.csv",
            "list10_adoption_2017-12-31.csv",
            "cp_visits_2017-12-31.csv",
            "family_support_2017-12-31.csv",
            "staff_2017-12-31.csv",
            "supervisions_2017-12-31.csv",
            "teams.csv",
        );
        let inputs: Vec<InputFile> = files
            .iter()
            .map(|(name, bytes)| input(name, bytes.to_vec()))
            .collect();
        load(&inputs, Settings::default(), today(), |_| {})
    })
}

/// The settings target's body: bytes as a settings document; one it accepts
/// must reload after saving, and compute the fixed data set's scorecard.
pub fn settings(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(settings) = Settings::from_json(text) else {
        return;
    };
    let saved = settings.to_json();
    if let Err(error) = Settings::from_json(&saved) {
        panic!("accepted settings do not reload after saving: {error}\n{saved}");
    }
    let loaded = golden_data();
    // As the page does: the files' teams table over the user's settings.
    let settings = loaded.imports.apply(&settings);
    if let Ok(card) = compute(loaded, &settings, fixed_month()).map(|c| c.with_drills()) {
        check(&card);
    }
}

/// The engine takes *today* as a parameter; a fixed one keeps runs repeatable.
pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 26)
}

/// The month the golden data sets report (December 2017).
pub fn fixed_month() -> Option<Month> {
    Month::parse("2017-12")
}

pub fn input(name: &str, bytes: Vec<u8>) -> InputFile {
    InputFile {
        name: name.to_string(),
        bytes,
        overrides: FileOverrides::default(),
    }
}

/// Computes the scorecard for the fixed month and for the default month (the
/// latest the files cover, which may be any year the data put there), and
/// checks each one. The engine must not panic; the figures it returns must
/// be numbers (a NaN or an infinity would be printed on the page).
pub fn compute_and_check(loaded: &Loaded) {
    for month in [fixed_month(), None] {
        if let Ok(card) = compute(loaded, &loaded.settings, month).map(|c| c.with_drills()) {
            check(&card);
        }
    }
}

pub fn check(card: &Scorecard) {
    for indicator in &card.indicators {
        let id = indicator.definition.id;
        let columns = std::iter::once(("current", &indicator.current))
            .chain(std::iter::once(("previous", &indicator.previous.values)))
            .chain(indicator.baseline.iter().map(|(_, v)| ("baseline", v)))
            .chain(indicator.areas.iter().map(|(_, v)| ("area", v)))
            .chain(indicator.series.iter().map(|(_, v)| ("series", v)));
        for (column, values) in columns {
            for value in values.values.iter().flatten() {
                assert!(
                    value.is_finite(),
                    "{id}: {column} value {value} for {} is not a finite number",
                    card.month
                );
            }
        }
    }
}
