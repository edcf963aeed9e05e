//! Indicator 13, `caseload`: average caseload of qualified social workers
//! (indicators.md, "13 caseload").
//!
//! - Workers: qualified, case-holding, in post at `M_end` (staff end dates
//!   are inclusive), once each.
//! - A worker's cases: children with a List 6 episode open at `M_end` whose
//!   allocation (as in indicator 1: the as-at List 6 extract, by episode
//!   key, the latest-starting episode per child) names the worker by
//!   `Worker ID` or, failing that, by `Worker Name` (IDs case-insensitive
//!   with spaces folded; names also ignoring punctuation and word order, so
//!   `Smith, Jane` is `Jane Smith`). Allocated names that match no worker
//!   are reported.
//! - `average` = Σcases ÷ ΣFTE (or headcount, `caseload_basis`) for the LA
//!   and per area (the worker's team's area); per team type likewise, a
//!   type with no workers having no value.

use rustc_hash::FxHashMap as HashMap;

use jiff::civil::Date;

use super::context::{Context, latest_per_key};
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Reads, Timing};
use super::measures::MeasureDef;
use super::unallocated_cases::is_unallocated;
use crate::areas::TeamType;
use crate::dataset::late_extract_note;
use crate::diagnostics::{Problem, ProblemCode, Severity};
use crate::month::Month;
use crate::schema::Kind;
use crate::settings::{Basis, Polarity, PreviousMode};
use crate::values::{fold_name, worker_name_key};

// The measures, in table order, as constants: counting names them by
// these, so a misspelt measure does not compile.
const AVERAGE_ASSESSMENT: MeasureDef = MeasureDef::average(
    "average_assessment",
    "Assessment Teams",
    CASES_ASSESSMENT.name,
    BASIS_ASSESSMENT.name,
);
const AVERAGE_SAFEGUARDING: MeasureDef = MeasureDef::average(
    "average_safeguarding",
    "Safeguarding Teams",
    CASES_SAFEGUARDING.name,
    BASIS_SAFEGUARDING.name,
);
const AVERAGE_CHILDREN_IN_CARE: MeasureDef = MeasureDef::average(
    "average_children_in_care",
    "Children in Care Teams",
    CASES_CHILDREN_IN_CARE.name,
    BASIS_CHILDREN_IN_CARE.name,
);
const AVERAGE_DISABLED_CHILDREN: MeasureDef = MeasureDef::average(
    "average_disabled_children",
    "Disabled Children Teams",
    CASES_DISABLED_CHILDREN.name,
    BASIS_DISABLED_CHILDREN.name,
);
const AVERAGE_OTHER: MeasureDef = MeasureDef::average(
    "average_other",
    "Other Teams",
    CASES_OTHER.name,
    BASIS_OTHER.name,
);
const AVERAGE: MeasureDef = MeasureDef::average(
    "average",
    "Average caseload (all teams)",
    CASES.name,
    BASIS.name,
);
const CASES: MeasureDef = MeasureDef::hidden("cases");
const BASIS: MeasureDef = MeasureDef::hidden("basis");
const CASES_ASSESSMENT: MeasureDef = MeasureDef::hidden("cases_assessment");
const BASIS_ASSESSMENT: MeasureDef = MeasureDef::hidden("basis_assessment");
const CASES_SAFEGUARDING: MeasureDef = MeasureDef::hidden("cases_safeguarding");
const BASIS_SAFEGUARDING: MeasureDef = MeasureDef::hidden("basis_safeguarding");
const CASES_CHILDREN_IN_CARE: MeasureDef = MeasureDef::hidden("cases_children_in_care");
const BASIS_CHILDREN_IN_CARE: MeasureDef = MeasureDef::hidden("basis_children_in_care");
const CASES_DISABLED_CHILDREN: MeasureDef = MeasureDef::hidden("cases_disabled_children");
const BASIS_DISABLED_CHILDREN: MeasureDef = MeasureDef::hidden("basis_disabled_children");
const CASES_OTHER: MeasureDef = MeasureDef::hidden("cases_other");
const BASIS_OTHER: MeasureDef = MeasureDef::hidden("basis_other");

pub static DEFINITION: Definition = Definition {
    number: 13,
    id: "caseload",
    title: "Average caseload of qualified social workers",
    about: "Children with an open List 6 episode at month end allocated to each qualified, case-holding social worker in post (staff file), divided by those workers' FTE; overall and by team type.",
    spec: "indicators.md, 13 caseload",
    timing: Timing::AsAt,
    measures: &[AVERAGE_ASSESSMENT, AVERAGE_SAFEGUARDING, AVERAGE_CHILDREN_IN_CARE, AVERAGE_DISABLED_CHILDREN, AVERAGE_OTHER, AVERAGE, CASES, BASIS, CASES_ASSESSMENT, BASIS_ASSESSMENT, CASES_SAFEGUARDING, BASIS_SAFEGUARDING, CASES_CHILDREN_IN_CARE, BASIS_CHILDREN_IN_CARE, CASES_DISABLED_CHILDREN, BASIS_DISABLED_CHILDREN, CASES_OTHER, BASIS_OTHER],
    headline: AVERAGE.name,
    inputs: &[Kind::List6Cin, Kind::Staff],
    polarity: Polarity::Down,
    target: Some(16.0),
    tolerance: Some(2.0),
    national: Some(15.0),
    statistical_neighbours: Some(19.0),
    previous_mode: PreviousMode::Average,
    has_areas: true,
    has_baseline: false,
    percent_decimals: 0,
    commentary: Phrasing {
        subjects: &["The average caseload was {average}"],
        unit: "",
        national_rate: None,
        settings: &[],
    },
    compute,
    reads: &[
        Reads::TeamTypes,
        Reads::CaseloadBasis,
        Reads::UnallocatedPlaceholders,
        Reads::AsAtGraceDays,
    ],
    missing: None,
};

/// What an allocated-worker value names.
#[derive(Clone, Copy)]
enum Allocated {
    /// Blank or a placeholder.
    Nobody,
    /// A worker in post (index into the in-post list).
    Worker(usize),
    /// A name or ID matching no one in post.
    Unknown,
    /// A name (not an ID) two workers in post share once case, punctuation
    /// and word order are ignored (`Sam Lee`, `Lee Sam`): counted for the
    /// first (index), and reported.
    Ambiguous(usize),
}

fn compute(context: &Context<'_>, month: Month) -> MonthCounts {
    let areas = context.areas;
    let data = context.data;
    let settings = context.settings;
    let end = month.last_day();
    let grace = settings.as_at_grace_days;
    let Some((allocation, allocation_file)) = data
        .cin
        .as_at_position(month, grace)
        .and_then(|position| Some((position, data.cin.files.get(position)?)))
    else {
        let mut none = MonthCounts::none(&DEFINITION);
        if let Some(as_at) = data.cin.late_extract(month, grace) {
            none.notes.push(late_extract_note(
                Kind::List6Cin,
                "allocation",
                as_at,
                month,
                grace,
            ));
        }
        return none;
    };
    if !context.covers_end(Kind::List6Cin, month) || !context.covers_end(Kind::Staff, month) {
        return MonthCounts::none(&DEFINITION);
    }
    // Everyone in post, to tell an unknown name from a non-case-holder.
    let in_post = latest_per_key(
        data.staff.merged().filter(|w| w.data.in_post_on(end)),
        |w| &w.worker,
        |w| w.start.unwrap_or(Date::MIN),
    );
    let mut by_id: HashMap<&str, usize> = HashMap::default();
    let mut by_name: HashMap<String, (usize, bool)> = HashMap::default();
    for (index, worker) in in_post.iter().enumerate() {
        by_id.insert(worker.data.worker.as_str(), index);
        if !worker.data.name.is_empty() {
            by_name
                .entry(worker_name_key(&worker.data.name))
                .and_modify(|(_, shared)| *shared = true)
                .or_insert((index, false));
        }
    }
    let open = context.open_cin_at(end);
    let mut cases = vec![0usize; in_post.len()];
    // By where each name's text is stored (see `unallocated_cases`).
    let mut resolved: HashMap<usize, Allocated> = HashMap::default();
    let mut tally = context.tally(&DEFINITION);
    let allocations = context.allocations(allocation);
    for &(position, episode) in open.iter() {
        let Some((row, address)) = allocations.get(position) else {
            continue;
        };
        let worker = || allocations.record(row).map_or("", |r| r.data.worker.as_str());
        // Allocations repeat a few hundred names thousands of times: check
        // and fold each once.
        let found = *resolved.entry(address).or_insert_with(|| {
            let worker = worker();
            if is_unallocated(worker, settings) {
                return Allocated::Nobody;
            }
            if let Some(index) = by_id.get(fold_name(worker).as_str()) {
                return Allocated::Worker(*index);
            }
            match by_name.get(&worker_name_key(worker)) {
                Some((index, false)) => Allocated::Worker(*index),
                Some((index, true)) => Allocated::Ambiguous(*index),
                None => Allocated::Unknown,
            }
        });
        match found {
            Allocated::Nobody => {}
            Allocated::Worker(index) => {
                if let Some(count) = cases.get_mut(index) {
                    *count += 1;
                }
            }
            Allocated::Ambiguous(index) => {
                if let Some(count) = cases.get_mut(index) {
                    *count += 1;
                }
                tally.problems.push(Problem {
                    file: data.file_name(allocation_file.file),
                    row: Some(episode.source.row),
                    column: "Allocated Worker".to_string(),
                    value: worker().to_string(),
                    message: "allocated worker's name is the name of two workers in post (ignoring case, punctuation and word order): counted for the first in the staff file; allocate by Worker ID to be sure"
                        .to_string(),
                    code: ProblemCode::AmbiguousWorker,
                    severity: Severity::Warning,
                });
            }
            Allocated::Unknown => tally.problems.push(Problem {
                file: data.file_name(allocation_file.file),
                row: Some(episode.source.row),
                column: "Allocated Worker".to_string(),
                value: worker().to_string(),
                message: "allocated worker matches no worker ID or name in the staff file"
                    .to_string(),
                code: ProblemCode::UnknownWorker,
                severity: Severity::Warning,
            }),
        }
    }
    for (worker, cases) in in_post.iter().zip(cases) {
        tally.about(worker.source, &worker.data.worker_label);
        let worker = &worker.data;
        if worker.qualified.value() != Some(true) || !worker.case_holder {
            continue;
        }
        let team_type = areas.lookup(&worker.team).1;
        let basis = match settings.caseload_basis {
            Basis::Fte => worker.fte,
            Basis::Headcount => 1.0,
        };
        tally.add(&worker.team, &CASES, cases as f64);
        tally.add(&worker.team, &BASIS, basis);
        if let Some(team_type) = team_type {
            let (cases_of_type, basis_of_type) = by_team_type(team_type);
            tally.add(&worker.team, cases_of_type, cases as f64);
            tally.add(&worker.team, basis_of_type, basis);
        }
    }
    tally.finish()
}

/// A team type's caseload parts (indicators.md, "13 caseload": by team type).
fn by_team_type(team_type: TeamType) -> (&'static MeasureDef, &'static MeasureDef) {
    match team_type {
        TeamType::Assessment => (&CASES_ASSESSMENT, &BASIS_ASSESSMENT),
        TeamType::Safeguarding => (&CASES_SAFEGUARDING, &BASIS_SAFEGUARDING),
        TeamType::ChildrenInCare => (&CASES_CHILDREN_IN_CARE, &BASIS_CHILDREN_IN_CARE),
        TeamType::DisabledChildren => (&CASES_DISABLED_CHILDREN, &BASIS_DISABLED_CHILDREN),
        TeamType::Other => (&CASES_OTHER, &BASIS_OTHER),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::testing::Fixture;

    const STAFF: &str = "Worker ID,Worker Name,Team,Qualified Social Worker,Agency,Manager,Case Holder,FTE,Start Date,End Date\n\
        W1,Sam Sample,East Assessment,Yes,No,No,,1,01/01/2015,\n\
        W2,Alex Example,East Safeguarding,Yes,No,No,,0.5,01/01/2015,31/12/2017\n\
        W3,Jo Test,West Safeguarding,Yes,No,Yes,,1,01/01/2015,\n\
        W4,Kim Dummy,West CiC,No,No,No,,1,01/01/2015,\n\
        W5,Lee Mock,West CiC,Yes,No,No,,1,01/01/2015,30/12/2017\n\
        W6,Ash Trial,West CiC,Yes,No,No,,1,01/01/2015,05/01/2016\n";

    #[test]
    fn cases_per_fte_by_area_and_team_type() {
        let cin = "Child Unique ID,CIN Start Date,CIN Closure Date,Allocated Worker\n\
                   A,01/01/2017,,W1\n\
                   B,01/01/2017,,w1\n\
                   C,01/01/2017,,alex  EXAMPLE\n\
                   D,01/01/2017,,W3\n\
                   E,01/01/2017,,W4\n\
                   F,01/01/2017,,Nobody Known\n\
                   G,01/01/2017,,Duty\n\
                   H,01/01/2017,31/12/2017,W1\n\
                   I,01/01/2016,01/07/2017,W1\n";
        let fixture = Fixture::new(&[
            ("staff_2017-12-31.csv", STAFF),
            ("list6_2017-12-31.csv", cin),
        ]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // Case-holding qualified workers in post on 31/12: W1 (1 FTE, 2
        // cases: A, B), W2 (0.5 FTE, leaves on M_end inclusive, 1 case: C by
        // name). W3 is a manager (not case-holding by default), W4 is not
        // qualified, W5 left 30/12. F matches no one (reported); G is a
        // placeholder; H closed on M_end; I closed in July (and starts List
        // 6's coverage on 01/07/2017).
        // LA: 3 cases ÷ 1.5 FTE = 2.
        assert_eq!(f.value(&DEFINITION, "average"), Some(2.0));
        assert_eq!(f.value(&DEFINITION, "average_assessment"), Some(2.0));
        assert_eq!(f.value(&DEFINITION, "average_safeguarding"), Some(2.0));
        assert_eq!(f.value(&DEFINITION, "average_children_in_care"), None);
        assert_eq!(f.problems.len(), 1);
        assert_eq!(f.problems[0].value, "Nobody Known");
        let east = fixture.area("EAST");
        assert_eq!(f.area_value(&DEFINITION, east, "average"), Some(2.0));
        let west = fixture.area("WEST");
        assert_eq!(f.area_value(&DEFINITION, west, "average"), None);
    }

    // indicators.md, 13: names match "as inputs.md 'names' says:
    // punctuation and word order ignored" (`Smith, Jane` is `Jane Smith`).
    #[test]
    fn names_written_surname_first_or_with_odd_spaces_match() {
        let staff = "Worker ID,Worker Name,Team,Qualified Social Worker,Agency\n\
            W1,\"Sample, Sam\",East Assessment,Yes,No\n\
            W2,EXAMPLE  ALEX,East Safeguarding,Yes,No\n\
            W3,Lee Sam,East Safeguarding,Yes,No\n\
            W4,Sam Lee,East Safeguarding,Yes,No\n";
        let cin = "Child Unique ID,CIN Start Date,CIN Closure Date,Allocated Worker\n\
                   A,01/01/2017,,Sam Sample\n\
                   B,01/01/2017,,sam\u{A0}sample\n\
                   C,01/01/2017,,\"Example, Alex\"\n\
                   D,01/01/2017,,Sam Lee\n\
                   I,01/01/2016,01/07/2017,W1\n";
        let fixture = Fixture::new(&[
            ("staff_2017-12-31.csv", staff),
            ("list6_2017-12-31.csv", cin),
        ]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // W1 has A and B, W2 has C; D names both W3 and W4 once word order
        // is ignored: counted for the first (W3) and reported. 4 cases ÷ 4
        // workers of 1 FTE.
        assert_eq!(f.value(&DEFINITION, "average"), Some(1.0));
        assert_eq!(f.value(&DEFINITION, "average_assessment"), Some(2.0));
        assert_eq!(
            f.value(&DEFINITION, "average_safeguarding"),
            Some(2.0 / 3.0)
        );
        let codes: Vec<(ProblemCode, &str)> = f
            .problems
            .iter()
            .map(|p| (p.code, p.value.as_str()))
            .collect();
        assert_eq!(codes, vec![(ProblemCode::AmbiguousWorker, "Sam Lee")]);
    }

    #[test]
    fn headcount_basis() {
        let cin = "Child Unique ID,CIN Start Date,CIN Closure Date,Allocated Worker\n\
                   A,01/01/2017,,W1\nB,01/01/2017,,W1\nC,01/01/2017,,W2\nI,01/01/2016,01/07/2017,W1\n";
        let settings = crate::settings::Settings {
            caseload_basis: Basis::Headcount,
            ..Default::default()
        };
        let fixture = Fixture::with_settings(
            &[
                ("staff_2017-12-31.csv", STAFF),
                ("list6_2017-12-31.csv", cin),
            ],
            settings,
        );
        let f = fixture.figures(&DEFINITION, "2017-12");
        // 3 cases ÷ 2 workers.
        assert_eq!(f.value(&DEFINITION, "average"), Some(1.5));
    }
}
