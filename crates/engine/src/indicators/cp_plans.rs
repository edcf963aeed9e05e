//! Indicator 5, `cp_plans`: children with a child protection plan at month
//! end (indicators.md, "5 cp_plans").
//!
//! - `count`: children (distinct) with a List 7 plan open at `M_end`; the
//!   plan with the latest start gives the area.
//! - `rate_per_10k`: count ÷ population aged 0–17 × 10,000 (the LA uses the
//!   sum of the areas' populations that are set).
//! - Snapshot, with a baseline column. Polarity none unless set.

use super::context::Context;
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Timing};
use super::measures::MeasureDef;
use crate::month::Month;
use crate::records::open_at;
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode};

// The measures, in table order, as constants: counting names them by
// these, so a misspelt measure does not compile.
const COUNT: MeasureDef = MeasureDef::count("count", "No. of children on a CP plan");
const RATE_PER_10K: MeasureDef = MeasureDef::rate("rate_per_10k", "Rate per 10,000", COUNT.name);

pub static DEFINITION: Definition = Definition {
    number: 5,
    id: "cp_plans",
    title: "Children with a child protection plan at month end",
    about: "Children with a child protection plan open at the end of the month (List 7), and the rate per 10,000 children aged 0–17.",
    spec: "indicators.md, 5 cp_plans",
    timing: Timing::Snapshot,
    measures: &[COUNT, RATE_PER_10K],
    headline: COUNT.name,
    inputs: &[Kind::List7Cp],
    polarity: Polarity::None,
    target: None,
    tolerance: None,
    national: Some(43.0),
    statistical_neighbours: Some(50.0),
    previous_mode: PreviousMode::Average,
    has_areas: true,
    has_baseline: true,
    percent_decimals: 0,
    commentary: Phrasing {
        subjects: &["{count} {count|child was|children were} on a child protection plan"],
        unit: "",
        national_rate: Some((
            RATE_PER_10K.name,
            "The rate of {rate_per_10k} per 10,000 children",
        )),
        settings: &[],
    },
    compute,
    reads: &[],
    missing: None,
};

fn compute(context: &Context<'_>, month: Month) -> MonthCounts {
    if !context.covers_end(Kind::List7Cp, month) {
        return MonthCounts::none(&DEFINITION);
    }
    let end = month.last_day();
    let ids = context.data.child_ids();
    let open = context
        .data
        .cp
        .latest_per_child(&ids.cp, ids.count, |p| open_at(p.start, p.end, end));
    let mut tally = context.tally(&DEFINITION);
    for (_, plan) in open {
        tally.about(plan.source, &plan.data.child);
        tally.count(&plan.data.team, &COUNT);
    }
    tally.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::testing::Fixture;

    #[test]
    fn counts_children_on_plans_and_rates_per_10k() {
        // Populations: EAST 1,000, WEST 4,000, CITY none; LA 5,000.
        let csv = "Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date,Allocated Team\n\
                   A,01/01/2017,,East Safeguarding\n\
                   A,01/06/2017,,West Safeguarding\n\
                   B,01/01/2017,31/12/2017,East Safeguarding\n\
                   C,01/01/2017,01/01/2018,East Safeguarding\n\
                   D,01/01/2017,,Citywide\n\
                   E,01/01/2017,02/07/2017,Citywide\n";
        let fixture = Fixture::new(&[("list7_2017-12-31.csv", csv)]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // A once (latest plan: WEST); B ended on M_end; C open; D open.
        assert_eq!(f.value(&DEFINITION, "count"), Some(3.0));
        assert_eq!(f.value(&DEFINITION, "rate_per_10k"), Some(6.0));
        let (east, west, city) = (
            fixture.area("EAST"),
            fixture.area("WEST"),
            fixture.area("CITY"),
        );
        assert_eq!(f.area_value(&DEFINITION, east, "count"), Some(1.0));
        assert_eq!(f.area_value(&DEFINITION, east, "rate_per_10k"), Some(10.0));
        assert_eq!(f.area_value(&DEFINITION, west, "rate_per_10k"), Some(2.5));
        assert_eq!(f.area_value(&DEFINITION, city, "count"), Some(1.0));
        assert_eq!(f.area_value(&DEFINITION, city, "rate_per_10k"), None);
        // Coverage starts 01/07/2017 (earliest end 02/07): June has no value.
        assert_eq!(
            fixture
                .figures(&DEFINITION, "2017-06")
                .value(&DEFINITION, "count"),
            None
        );
        assert_eq!(
            fixture
                .figures(&DEFINITION, "2017-07")
                .value(&DEFINITION, "count"),
            Some(4.0)
        );
    }
}
