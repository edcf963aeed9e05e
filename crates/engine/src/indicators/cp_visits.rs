//! Indicator 6, `cp_visits`: % children on a CP plan visited in the month
//! (indicators.md, "6 cp_visits").
//!
//! - Cohort (`due`): children with a List 7 plan open for the whole month
//!   (start <= `M_start` and open at `M_end`).
//! - Numerator (`visited`): of those, children with at least one CP visit
//!   dated in `M` where the child was seen.
//! - Without a CP visits file, for a month with a List 7 extract as at that
//!   month, `visited` uses that extract's `Date of the Last Statutory
//!   Visit` inside `M`; the notes say which source was used.
//! - The seed's rows are mislabelled; here: visited, due, % visited.

use rustc_hash::FxHashSet as HashSet;

use jiff::civil::Date;

use super::context::Context;
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Reads, Timing};
use super::measures::MeasureDef;
use crate::dataset::late_extract_note;
use crate::month::Month;
use crate::records::open_at;
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode};

// The measures, in table order, as constants: counting names them by
// these, so a misspelt measure does not compile.
const VISITED: MeasureDef = MeasureDef::count("visited", "Visited at least once in month");
const DUE: MeasureDef = MeasureDef::count("due", "Due a visit");
const PERCENT: MeasureDef = MeasureDef::percent("percent", "% visited", VISITED.name, DUE.name);

pub static DEFINITION: Definition = Definition {
    number: 6,
    id: "cp_visits",
    title: "% children on a CP plan visited in the month",
    about: "Children on a child protection plan for the whole month (List 7) who were seen on at least one visit in the month (CP visits extract, or List 7's last statutory visit date when there is none).",
    spec: "indicators.md, 6 cp_visits",
    timing: Timing::Period,
    measures: &[VISITED, DUE, PERCENT],
    headline: PERCENT.name,
    inputs: &[Kind::List7Cp, Kind::CpVisits],
    polarity: Polarity::Up,
    target: Some(90.0),
    tolerance: Some(5.0),
    national: None,
    statistical_neighbours: None,
    previous_mode: PreviousMode::Average,
    has_areas: true,
    has_baseline: false,
    percent_decimals: 0,
    commentary: Phrasing {
        subjects: &[
            "{visited} of {due} {due|child|children} due a child protection visit ({percent}) {visited,due|was|were} visited",
        ],
        unit: "",
        national_rate: None,
        settings: &[],
    },
    compute,
    reads: &[Reads::AsAtGraceDays],
    missing: Some(missing),
};

/// CP visits are not missing when List 7's last-visit dates can stand in.
fn missing(context: &Context<'_>, month: Month) -> Vec<Kind> {
    let data = context.data;
    let mut missing = Vec::new();
    if !data.cp.loaded() {
        missing.push(Kind::List7Cp);
    }
    if !data.cp_visits.loaded()
        && last_visit_file(context, month, context.settings.as_at_grace_days).is_none()
    {
        missing.push(Kind::CpVisits);
    }
    missing
}

/// The month's List 7 extract (the as-at rule) among those that have
/// `Date of the Last Statutory Visit`: one without the column says nothing
/// about visits.
fn last_visit_file<'a>(
    context: &Context<'a>,
    month: Month,
    grace: i64,
) -> Option<&'a crate::dataset::FileRecords<crate::records::CpPlan>> {
    let data = context.data;
    data.cp
        .as_at_file_where(month, grace, |f| data.has_last_visits(f))
}

fn compute(context: &Context<'_>, month: Month) -> MonthCounts {
    let data = context.data;
    let from_extract = data.cp_visits.loaded();
    // Neither CP visits nor any List 7 with last-visit dates: the input is
    // missing, so nothing is shown (not a `due` without `visited`).
    if !from_extract && data.cp_files_with_last_visit.is_empty() {
        return MonthCounts::none(&DEFINITION);
    }
    if !context.covers_month(Kind::List7Cp, month)
        || (from_extract && !context.covers_month(Kind::CpVisits, month))
    {
        return MonthCounts::none(&DEFINITION);
    }
    let (start, end) = (month.first_day(), month.last_day());
    let due_plans: Vec<_> = data
        .cp
        .merged()
        .filter(|r| r.data.start <= start && open_at(r.data.start, r.data.end, end))
        .collect();
    let ids = data.child_ids();
    let due = data.cp.latest_per_child(&ids.cp, ids.count, |p| {
        p.start <= start && open_at(p.start, p.end, end)
    });
    let mut tally = context.tally(&DEFINITION);
    // Children seen on a CP visit in the month, or (fallback) the due plans
    // whose last statutory visit in the month's List 7 extract is in the month.
    let visited: Option<HashSet<&str>> = if from_extract {
        tally
            .notes
            .push("visited from the CP visits extract".to_string());
        Some(
            data.cp_visits
                .merged()
                .filter(|v| v.data.seen && month.contains(v.data.date))
                .map(|v| v.data.child.as_str())
                .collect(),
        )
    } else {
        let grace = context.settings.as_at_grace_days;
        match last_visit_file(context, month, grace) {
            Some(file) => {
                tally.notes.push(format!(
                    "visited from List 7's Date of the Last Statutory Visit in {}",
                    data.file_name(file.file)
                ));
                let visited_plans: HashSet<(&str, Date)> = file
                    .records
                    .iter()
                    .filter(|p| p.data.last_visit.value().is_some_and(|d| month.contains(d)))
                    .map(|p| (p.data.child.as_str(), p.data.start))
                    .collect();
                Some(
                    due_plans
                        .iter()
                        .filter(|p| visited_plans.contains(&(p.data.child.as_str(), p.data.start)))
                        .map(|p| p.data.child.as_str())
                        .collect(),
                )
            }
            None => {
                tally.unavailable(&VISITED);
                let late = data
                    .cp
                    .late_extract_where(month, grace, |f| data.has_last_visits(f));
                tally.notes.push(match late {
                    Some(as_at) => late_extract_note(
                        Kind::List7Cp,
                        "a visit count from last-visit dates",
                        as_at,
                        month,
                        grace,
                    ),
                    None if data.cp.as_at_file(month, grace).is_some() => format!(
                        "no CP visits file, and the List 7 extract as at {} has no `Date of the Last Statutory Visit`",
                        month.label()
                    ),
                    None => format!(
                        "no CP visits file and no List 7 extract as at {}",
                        month.label()
                    ),
                });
                None
            }
        }
    };
    for (_, plan) in due {
        let team = &plan.data.team;
        tally.about(plan.source, &plan.data.child);
        tally.count(team, &DUE);
        if visited
            .as_ref()
            .is_some_and(|v| v.contains(plan.data.child.as_str()))
        {
            tally.count(team, &VISITED);
        }
    }
    tally.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::testing::Fixture;

    const PLANS: &str = "Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date,Date of the Last Statutory Visit,Allocated Team\n\
        A,01/12/2017,,20/12/2017,East Safeguarding\n\
        B,02/12/2017,,20/12/2017,East Safeguarding\n\
        C,01/06/2017,31/12/2017,20/12/2017,West Safeguarding\n\
        D,01/06/2017,,,West Safeguarding\n\
        E,01/06/2017,,30/11/2017,West Safeguarding\n\
        F,01/06/2017,02/06/2017,,West Safeguarding\n";

    #[test]
    fn due_means_open_for_the_whole_month_and_visited_means_seen() {
        // A starts on M_start (due); B a day later (not due); C ends on M_end
        // (not open at M_end: not due); D and E due.
        let visits = "Child Unique ID,Visit Date,Child Seen\n\
                      A,05/12/2017,Yes\n\
                      D,06/12/2017,\n\
                      E,30/11/2017,Yes\n\
                      E,01/12/2017,No\n\
                      Z,02/06/2017,Yes\n";
        let fixture = Fixture::new(&[
            ("list7_2017-12-31.csv", PLANS),
            ("cp_visits_2017-12-31.csv", visits),
        ]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // Visited: A (seen in December). D's visit has a blank Child Seen;
        // E was seen only in November.
        assert_eq!(f.value(&DEFINITION, "due"), Some(3.0));
        assert_eq!(f.value(&DEFINITION, "visited"), Some(1.0));
        assert_eq!(
            f.area_value(&DEFINITION, fixture.area("WEST"), "due"),
            Some(2.0)
        );
        assert_eq!(f.notes, vec!["visited from the CP visits extract"]);
        let context = fixture.context();
        assert!(missing(&context, Month::parse("2017-12").unwrap()).is_empty());
    }

    #[test]
    fn falls_back_to_the_last_statutory_visit_of_the_as_at_extract() {
        let fixture = Fixture::new(&[("list7_2017-12-31.csv", PLANS)]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // Due A, D, E; last visit in December: A (and C, B — not due). The
        // fallback looks up each due plan by its key in the as-at extract.
        assert_eq!(f.value(&DEFINITION, "due"), Some(3.0));
        assert_eq!(f.value(&DEFINITION, "visited"), Some(1.0));
        assert!(f.notes[0].starts_with("visited from List 7"));
        let context = fixture.context();
        assert!(missing(&context, Month::parse("2017-12").unwrap()).is_empty());
        // November has coverage (from 01/06) but no extract as at November.
        let november = fixture.figures(&DEFINITION, "2017-11");
        assert_eq!(november.value(&DEFINITION, "due"), Some(3.0));
        assert_eq!(november.value(&DEFINITION, "visited"), None);
        assert_eq!(
            missing(&context, Month::parse("2017-11").unwrap()),
            vec![Kind::CpVisits]
        );
    }
}
