//! Indicator 12, `supervision`: % social workers supervised in the month
//! (indicators.md, "12 supervision").
//!
//! - Cohort (`staff`): qualified social workers in post for any part of `M`
//!   (start <= `M_end` and end blank or >= `M_start`), counted by worker.
//! - Numerator (`supervised`): of those, workers with at least one
//!   supervision dated in `M`.
//! - Area: the worker's team (from the latest-starting qualifying row).

use rustc_hash::FxHashSet as HashSet;

use super::context::{Context, latest_per_key};
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Timing};
use super::measures::MeasureDef;
use crate::month::Month;
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode};

// The measures, in table order, as constants: counting names them by
// these, so a misspelt measure does not compile.
const SUPERVISED: MeasureDef = MeasureDef::count("supervised", "Supervised");
const STAFF: MeasureDef = MeasureDef::count("staff", "Total staff");
const PERCENT: MeasureDef = MeasureDef::percent(
    "percent",
    "% supervised",
    SUPERVISED.name,
    STAFF.name,
);

pub static DEFINITION: Definition = Definition {
    number: 12,
    id: "supervision",
    title: "% social workers supervised in the month",
    about: "Qualified social workers in post during the month (staff file) with at least one supervision in the month (supervisions file).",
    spec: "indicators.md, 12 supervision",
    timing: Timing::Period,
    measures: &[SUPERVISED, STAFF, PERCENT],
    headline: PERCENT.name,
    inputs: &[Kind::Staff, Kind::Supervisions],
    polarity: Polarity::Up,
    target: Some(83.0),
    tolerance: Some(5.0),
    national: None,
    statistical_neighbours: None,
    previous_mode: PreviousMode::Average,
    has_areas: true,
    has_baseline: false,
    percent_decimals: 0,
    commentary: Phrasing {
        subjects: &[
            "{supervised} of {staff} qualified social {staff|worker|workers} ({percent}) {supervised,staff|was|were} supervised",
        ],
        unit: "",
        national_rate: None,
        settings: &[],
    },
    compute,
    reads: &[],
    missing: None,
};

fn compute(context: &Context<'_>, month: Month) -> MonthCounts {
    let data = context.data;
    if !context.covers_month(Kind::Staff, month) || !context.covers_month(Kind::Supervisions, month)
    {
        return MonthCounts::none(&DEFINITION);
    }
    let (start, end) = (month.first_day(), month.last_day());
    let workers = latest_per_key(
        data.staff.merged().filter(|w| {
            w.data.qualified.value() == Some(true) && w.data.in_post_during(start, end)
        }),
        |w| &w.worker,
        |w| w.start.unwrap_or(jiff::civil::Date::MIN),
    );
    let supervised: HashSet<&str> = data
        .supervisions
        .merged()
        .filter(|s| month.contains(s.data.date))
        .map(|s| s.data.worker.as_str())
        .collect();
    let mut tally = context.tally(&DEFINITION);
    for worker in workers {
        let team = &worker.data.team;
        tally.about(worker.source, &worker.data.worker_label);
        tally.count(team, &STAFF);
        if supervised.contains(worker.data.worker.as_str()) {
            tally.count(team, &SUPERVISED);
        }
    }
    tally.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::testing::Fixture;

    #[test]
    fn workers_in_post_any_part_of_the_month() {
        let staff = "Worker ID,Team,Qualified Social Worker,Agency,Start Date,End Date\n\
                     W1,East Assessment,Yes,No,01/01/2015,\n\
                     W2,East Assessment,Yes,No,31/12/2017,\n\
                     W3,West Safeguarding,Yes,Yes,01/01/2015,01/12/2017\n\
                     W4,West Safeguarding,Yes,No,01/01/2015,30/11/2017\n\
                     W5,West Safeguarding,No,No,01/01/2015,\n\
                     W6,West Safeguarding,Yes,No,01/01/2018,\n\
                     W1,West Safeguarding,Yes,No,,31/12/2014\n";
        let supervisions = "Worker ID,Supervision Date\n\
                            w1,05/12/2017\n\
                            W3,30/11/2017\n\
                            W4,04/12/2017\n\
                            W5,04/12/2017\n\
                            W2,02/01/2017\n";
        let fixture = Fixture::new(&[
            ("staff_2017-12-31.csv", staff),
            ("supervisions_2017-12-31.csv", supervisions),
        ]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // In post in December: W1 (once, latest spell EAST), W2 (starts on
        // M_end), W3 (leaves on 1 Dec, inclusive). W4 left 30/11; W5 not
        // qualified; W6 starts later. Supervised in December: W1 only.
        assert_eq!(f.value(&DEFINITION, "staff"), Some(3.0));
        assert_eq!(f.value(&DEFINITION, "supervised"), Some(1.0));
        assert_eq!(
            f.area_value(&DEFINITION, fixture.area("EAST"), "staff"),
            Some(2.0)
        );
        assert_eq!(
            f.area_value(&DEFINITION, fixture.area("EAST"), "supervised"),
            Some(1.0)
        );
    }
}
