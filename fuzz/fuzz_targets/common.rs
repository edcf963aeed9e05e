//! Shared by the fuzz targets and by `tests/fuzz_regressions.rs` (which
//! includes this file), so a crash input replays through the same code: the
//! fixed *today*, the reporting month, the ingest target's input format, the
//! checks run on every scorecard the engine returns, and the properties every
//! history read must have.

#![allow(dead_code)]

use std::sync::OnceLock;

use csc_scorecard::domain::history::{self, History, KIND};
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

/// The history target's body: bytes (lossy UTF-8) as a file given as a
/// history (`history::read_any`: the document or the seeding CSV), and as the
/// seeding CSV (`history::read_csv`). Neither may panic, and every history
/// read must have the properties of `check_history`.
pub fn history(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let any = history::read_any(&text);
    if let Ok((read, _)) = &any {
        check_history(read);
    }
    // A document `read` accepts is one whichever way it is given, as long as
    // its `kind` is where a history is recognised without reading it all
    // (its first 4,096 characters, `looks_like_history`).
    if let Ok(document) = history::read(&text) {
        let start: String = text.chars().take(4096).collect();
        if start.contains(KIND) {
            assert_eq!(
                any.as_ref(),
                Ok(&document),
                "a document `read` accepts is not read the same by `read_any`"
            );
        }
    }
    let (seeded, _) = history::read_csv(&text);
    check_history(&seeded);
    if let Ok((read, _)) = &any {
        check_merged(read, &seeded);
    }
}

/// A history read must be written (`to_json`) as a document that reads back
/// (`read` and `read_any`) the same, with nothing left out; and merging it
/// with itself must change nothing and report nothing.
pub fn check_history(history: &History) {
    let saved = history.to_json();
    match history::read(&saved) {
        Ok((reread, left_out)) => {
            assert!(
                left_out.is_empty(),
                "a written history has entries left out when read: {left_out:?}\n{saved}"
            );
            assert_eq!(
                &reread, history,
                "a written history does not read back the same\n{saved}"
            );
        }
        Err(why) => panic!("a written history is refused: {why}\n{saved}"),
    }
    assert_eq!(
        history::read_any(&saved).map(|(reread, _)| reread).as_ref(),
        Ok(history),
        "a written history is not read the same by `read_any`"
    );
    let (merged, choices) = history::merge(&[history.clone(), history.clone()]);
    assert_eq!(&merged, history, "merging a history with itself changes it");
    assert!(
        choices.is_empty(),
        "merging a history with itself reports differences: {choices:?}"
    );
}

/// Merging two histories keeps every month of either, the one with the later
/// `signed_off` where both hold it, and reports each month both held with
/// different figures, with the one kept.
pub fn check_merged(first: &History, second: &History) {
    let (merged, choices) = history::merge(&[first.clone(), second.clone()]);
    let months: std::collections::BTreeSet<_> =
        first.months.keys().chain(second.months.keys()).collect();
    assert!(
        merged.months.keys().eq(months.iter().copied()),
        "a merge does not hold exactly the months of its inputs"
    );
    for (month, entry) in &merged.months {
        // The later `signed_off` wins whole; no date loses to any date; on a
        // tie the later given wins (history.md, "Several histories").
        let expected = match (first.months.get(month), second.months.get(month)) {
            (Some(a), Some(b)) if a.signed_off > b.signed_off => Some(a),
            (a, b) => b.or(a),
        };
        assert_eq!(
            Some(entry),
            expected,
            "{month}: the wrong month won a merge"
        );
    }
    // Each month both held with different figures is reported once, with
    // the input that won it.
    let differing: Vec<_> = first
        .months
        .iter()
        .filter_map(|(month, a)| {
            let b = second.months.get(month)?;
            let kept = if a.signed_off > b.signed_off { 0 } else { 1 };
            (a.indicators != b.indicators).then_some((*month, kept, 1 - kept))
        })
        .collect();
    let reported: Vec<_> = choices
        .iter()
        .map(|c| (c.month, c.kept, c.dropped))
        .collect();
    assert_eq!(
        reported, differing,
        "a merge does not report the months held differently"
    );
    check_history(&merged);
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
