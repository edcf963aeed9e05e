//! Indicator 1, `unallocated_cases`: open cases with no allocated worker
//! for 7+ days (indicators.md, "1 unallocated_cases").
//!
//! - Cohort (`open_cases`): children with a List 6 episode open at `M_end`.
//! - Numerator (`unallocated`): of those, children whose allocation in the
//!   as-at List 6 file for the month (the latest dated in `M` or the 7 days
//!   after) is blank or a placeholder name, and whose episode started at
//!   least `unallocated_min_days` calendar days before `M_end`.
//! - `percent` = unallocated ÷ open_cases × 100.
//! - The allocation is looked up by the episode's key (child, CIN start);
//!   an open episode missing from that file counts as allocated and is
//!   reported. Months with no such file have `open_cases` only.

use rustc_hash::FxHashMap as HashMap;

use super::context::Context;
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Reads, Timing};
use super::measures::MeasureDef;
use crate::dataset::late_extract_note;
use crate::diagnostics::{Problem, ProblemCode, Severity};
use crate::month::{Month, days_between};
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode, Settings};

// The measures, in table order, as constants: counting names them by
// these, so a misspelt measure does not compile.
const UNALLOCATED: MeasureDef = MeasureDef::count("unallocated", "Unallocated (open 7+ days)");
const OPEN_CASES: MeasureDef = MeasureDef::count("open_cases", "Total number of open cases");
const PERCENT: MeasureDef = MeasureDef::percent(
    "percent",
    "% of unallocated cases",
    UNALLOCATED.name,
    OPEN_CASES.name,
);

pub static DEFINITION: Definition = Definition {
    number: 1,
    id: "unallocated_cases",
    title: "Number of unallocated cases (open 7+ days)",
    about: "Children with an open List 6 episode at month end whose allocated worker (in the List 6 extract as at that month) is blank or a placeholder, and whose episode started at least 7 days before month end.",
    spec: "indicators.md, 1 unallocated_cases",
    timing: Timing::AsAt,
    measures: &[UNALLOCATED, OPEN_CASES, PERCENT],
    headline: UNALLOCATED.name,
    inputs: &[Kind::List6Cin],
    polarity: Polarity::Down,
    target: Some(0.0),
    tolerance: Some(2.0),
    national: None,
    statistical_neighbours: None,
    previous_mode: PreviousMode::Average,
    has_areas: true,
    has_baseline: false,
    // indicators.md, "Rounding": "one decimal for indicator 1".
    percent_decimals: 1,
    commentary: Phrasing {
        subjects: &[
            "{unallocated} of {open_cases} open {open_cases|case|cases} ({percent}) {unallocated,open_cases|was|were} unallocated for {min_days} {min_days|day|days} or more",
            "{unallocated} open {unallocated|case was|cases were} unallocated for {min_days} {min_days|day|days} or more",
        ],
        unit: "",
        national_rate: None,
        settings: &[("min_days", |settings| settings.unallocated_min_days as f64)],
    },
    compute,
    reads: &[
        Reads::UnallocatedPlaceholders,
        Reads::UnallocatedMinDays,
        Reads::AsAtGraceDays,
    ],
    missing: None,
};

/// Whether an allocated worker value means "no worker": blank, or one of
/// the settings' placeholder names (whole value, case-insensitive, spaces
/// folded). Called for every open case every month, so it does not allocate.
pub(crate) fn is_unallocated(worker: &str, settings: &Settings) -> bool {
    worker.trim().is_empty()
        || settings
            .unallocated_placeholders
            .iter()
            .any(|placeholder| same_name(worker, placeholder))
}

/// Whether two names are equal once lower-cased with runs of whitespace
/// folded and ends trimmed (as `fold_name` compares them), without allocating.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.is_ascii() && b.is_ascii() {
        return same_ascii_name(a.as_bytes(), b.as_bytes());
    }
    fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
        s.split_whitespace()
            .enumerate()
            .flat_map(|(i, word)| (i > 0).then_some(' ').into_iter().chain(word.chars()))
            .flat_map(char::to_lowercase)
    }
    folded(a).eq(folded(b))
}

/// The ASCII case of `same_name` (nearly every real value), byte by byte.
fn same_ascii_name(mut a: &[u8], mut b: &[u8]) -> bool {
    loop {
        match (a.split_first(), b.split_first()) {
            (None, None) => return true,
            (Some((x, rest_a)), Some((y, rest_b))) => {
                if x.is_ascii_whitespace() && y.is_ascii_whitespace() {
                    a = a.trim_ascii_start();
                    b = b.trim_ascii_start();
                } else if x.eq_ignore_ascii_case(y) {
                    a = rest_a;
                    b = rest_b;
                } else {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

fn compute(context: &Context<'_>, month: Month) -> MonthCounts {
    if !context.covers_end(Kind::List6Cin, month) {
        return MonthCounts::none(&DEFINITION);
    }
    let end = month.last_day();
    let cin = &context.data.cin;
    let open = context.open_cin_at(end);
    let grace = context.settings.as_at_grace_days;
    let allocation = cin.as_at_position(month, grace);
    let mut tally = context.tally(&DEFINITION);
    if allocation.is_none() {
        tally.unavailable(&UNALLOCATED);
        tally.notes.push(match cin.late_extract(month, grace) {
            Some(as_at) => late_extract_note(Kind::List6Cin, "allocation", as_at, month, grace),
            None => format!("no List 6 extract as at {}", month.label()),
        });
    }
    // A few hundred distinct worker values: match each against the
    // placeholders once, found again by where its text is stored (each
    // file's names are interned) rather than by hashing the text.
    let mut placeholders: HashMap<usize, bool> = HashMap::default();
    let allocations = allocation.map(|file| context.allocations(file));
    for &(position, episode) in open.iter() {
        let team = &episode.data.team;
        tally.about(episode.source, &episode.data.child);
        tally.count(team, &OPEN_CASES);
        let Some(allocations) = &allocations else {
            continue;
        };
        match allocations.get(position) {
            Some((row, worker_address)) => {
                let waited = days_between(episode.data.start, end);
                let nobody = *placeholders.entry(worker_address).or_insert_with(|| {
                    allocations
                        .record(row)
                        .is_some_and(|r| is_unallocated(&r.data.worker, context.settings))
                });
                if nobody && waited >= context.settings.unallocated_min_days {
                    tally.count(team, &UNALLOCATED);
                }
            }
            None => tally.problems.push(Problem {
                file: context.data.file_name(episode.source.file),
                row: Some(episode.source.row),
                column: "Allocated Worker".to_string(),
                value: episode.data.child.clone(),
                message: format!(
                    "open episode not in the allocation extract as at {}: counted as allocated",
                    month.label()
                ),
                code: ProblemCode::EpisodeNotInAllocationExtract,
                severity: Severity::Warning,
            }),
        }
    }
    tally.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::testing::Fixture;

    const HEADER: &str =
        "Child Unique ID,CIN Start Date,CIN Closure Date,Allocated Team,Allocated Worker\n";

    fn figures(rows: &str) -> (Fixture, crate::indicators::counts::MonthFigures) {
        let csv = format!("{HEADER}{rows}");
        let fixture = Fixture::new(&[("list6_2017-12-31.csv", &csv)]);
        let figures = fixture.figures(&DEFINITION, "2017-12");
        (fixture, figures)
    }

    #[test]
    fn counts_blank_and_placeholder_workers_open_seven_days_or_more() {
        // indicators.md 1: unallocated = blank or placeholder worker and
        // M_end − start >= 7. M_end = 31/12/2017, so 24/12 is exactly 7 days.
        let (fixture, f) = figures(
            "A,01/06/2017,,East Assessment,\n\
             B,24/12/2017,,East Assessment,Duty\n\
             C,25/12/2017,,East Assessment, TBC \n\
             D,01/06/2017,,West Safeguarding,Worker 1\n\
             E,01/06/2017,31/12/2017,West Safeguarding,\n\
             F,01/06/2017,,West Safeguarding,referral  coordinator\n\
             G,01/06/2016,02/06/2017,West Safeguarding,\n",
        );
        // A (blank, 213 days), B (Duty, exactly 7 days) and F count; C is
        // only 6 days old; D has a worker; E closed on M_end (not open); G
        // closed in June (its closure starts coverage on 01/06/2017).
        assert_eq!(f.value(&DEFINITION, "open_cases"), Some(5.0));
        assert_eq!(f.value(&DEFINITION, "unallocated"), Some(3.0));
        assert_eq!(f.value(&DEFINITION, "percent"), Some(60.0));
        let east = fixture.area("EAST");
        assert_eq!(f.area_value(&DEFINITION, east, "open_cases"), Some(3.0));
        assert_eq!(f.area_value(&DEFINITION, east, "unallocated"), Some(2.0));
        let city = fixture.area("CITY");
        assert_eq!(f.area_value(&DEFINITION, city, "open_cases"), Some(0.0));
        assert_eq!(f.area_value(&DEFINITION, city, "percent"), None);
    }

    #[test]
    fn placeholder_names_compare_folded() {
        assert!(same_name(
            " Referral   COORDINATOR ",
            "referral coordinator"
        ));
        assert!(same_name("N/A", "n/a"));
        assert!(!same_name("Duty Team", "duty"));
        assert!(!same_name("", "duty"));
        assert!(is_unallocated("  ", &Settings::default()));
        assert!(is_unallocated("tbc", &Settings::default()));
        assert!(!is_unallocated("Worker 1", &Settings::default()));
    }

    #[test]
    fn the_latest_episode_gives_the_team() {
        let (fixture, f) = figures(
            "A,01/01/2017,,East Assessment,W1\n\
             A,01/03/2017,,Nowhere Team,W1\n",
        );
        assert_eq!(f.value(&DEFINITION, "open_cases"), Some(1.0));
        let unmapped = fixture.area("Unmapped");
        assert_eq!(f.area_value(&DEFINITION, unmapped, "open_cases"), Some(1.0));
        assert!(f.areas[fixture.area("Unassigned")].is_none());
    }

    #[test]
    fn allocation_comes_from_the_as_at_extract_by_key() {
        // The December extract (as at 31/12) is the merged source for
        // openness; allocation for November comes from the November file.
        let nov =
            format!("{HEADER}A,01/06/2017,,East Assessment,\nB,01/06/2017,,East Assessment,W2\n");
        let dec =
            format!("{HEADER}A,01/06/2017,,East Assessment,W1\nB,01/06/2017,,East Assessment,\n");
        let fixture = Fixture::new(&[("l6_2017-11-30.csv", &nov), ("l6_2017-12-31.csv", &dec)]);
        let november = fixture.figures(&DEFINITION, "2017-11");
        assert_eq!(november.value(&DEFINITION, "unallocated"), Some(1.0));
        let december = fixture.figures(&DEFINITION, "2017-12");
        assert_eq!(december.value(&DEFINITION, "unallocated"), Some(1.0));
        // With no closure dates each file covers its as-at date only, so
        // October is not covered: no value, never 0.
        let october = fixture.figures(&DEFINITION, "2017-10");
        assert_eq!(october.value(&DEFINITION, "open_cases"), None);
    }

    #[test]
    fn a_month_without_an_allocation_extract_has_open_cases_only() {
        // Coverage from the closure on 02/09/2017: Sep–Dec; the only file is as at 31/12.
        let dec = format!(
            "{HEADER}A,01/06/2017,,East Assessment,\nB,01/06/2017,02/09/2017,East Assessment,\n"
        );
        let fixture = Fixture::new(&[("l6_2017-12-31.csv", &dec)]);
        let october = fixture.figures(&DEFINITION, "2017-10");
        assert_eq!(october.value(&DEFINITION, "open_cases"), Some(1.0));
        assert_eq!(october.value(&DEFINITION, "unallocated"), None);
        assert_eq!(october.value(&DEFINITION, "percent"), None);
    }
}
