//! Indicator 9, `adoption_placement_order_to_match`: days from placement
//! order to match, A2 style (indicators.md, "9 adoption_placement_order_to_match").
//!
//! - Rolling window of `adoption_a2_window_months` (default 12) ending `M_end`.
//! - Cohort (`children`): List 10 children whose adoption order is in the
//!   window, with a placement order date, a placed-for-adoption date on or
//!   before the order, and a matching date. Other adopted rows are reported.
//! - Days per child: max(0, match − placement order); `average_days` = mean.
//! - Needs `M_end` covered; a partly covered window is computed with a note.

use super::adoption_entry_to_placement::{Adopted, compute_window};
use super::context::Context;
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Reads, Timing};
use super::measures::MeasureDef;
use crate::month::{Month, days_between};
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode};

// The measures, in table order, as constants: counting names them by
// these, so a misspelt measure does not compile.
const AVERAGE_DAYS: MeasureDef = MeasureDef::average(
    "average_days",
    "Average no. of days taken",
    TOTAL_DAYS.name,
    CHILDREN.name,
);
const CHILDREN: MeasureDef = MeasureDef::count("children", "Children adopted");
const TOTAL_DAYS: MeasureDef = MeasureDef::hidden("total_days");

pub static DEFINITION: Definition = Definition {
    number: 9,
    id: "adoption_placement_order_to_match",
    title: "Days from placement order to match (A2)",
    about: "For children adopted in the rolling window (List 10), the average days from the court's placement order to the match with adopters.",
    spec: "indicators.md, 9 adoption_placement_order_to_match",
    timing: Timing::Rolling,
    measures: &[AVERAGE_DAYS, CHILDREN, TOTAL_DAYS],
    headline: AVERAGE_DAYS.name,
    inputs: &[Kind::List10Adoption],
    polarity: Polarity::Down,
    target: Some(271.0),
    tolerance: Some(27.1),
    national: Some(226.0),
    statistical_neighbours: Some(251.0),
    previous_mode: PreviousMode::Average,
    has_areas: false,
    has_baseline: false,
    percent_decimals: 0,
    commentary: Phrasing {
        subjects: &[
            "The average time from placement order to match was {average_days} {average_days|day|days} for the {children} {children|child|children} adopted",
        ],
        unit: " days",
        national_rate: None,
        settings: &[],
    },
    compute,
    reads: &[Reads::AdoptionA2Window],
    missing: None,
};

/// Days from placement order to match, or why the row cannot count.
fn days(adopted: &Adopted<'_>) -> Result<i64, &'static str> {
    let adoption = adopted.record;
    let placement_order = adoption
        .placement_order
        .value()
        .ok_or("no valid Date of Placement Order")?;
    let placed = adoption
        .placed
        .value()
        .ok_or("no valid Date Placed for Adoption")?;
    if placed > adopted.order {
        return Err("Date Placed for Adoption is after the adoption order");
    }
    let matched = adoption
        .matched
        .value()
        .ok_or("no valid Date of Matching Child and Prospective Adopters")?;
    Ok(days_between(placement_order, matched).max(0))
}

fn compute(context: &Context<'_>, month: Month) -> MonthCounts {
    compute_window(
        context,
        month,
        &DEFINITION,
        context.settings.adoption_a2_window_months,
        days,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::testing::Fixture;

    #[test]
    fn averages_days_from_placement_order_to_match_over_twelve_months() {
        let csv = "Child Unique ID,Date the Child Entered Care,Date of Placement Order,Date of Matching Child and Prospective Adopters,Date Placed for Adoption,Date of Adoption Order\n\
                   A,01/01/2015,01/01/2016,11/01/2016,01/02/2016,03/01/2016\n\
                   B,01/01/2015,01/01/2017,31/03/2017,01/04/2017,01/12/2017\n\
                   C,01/01/2015,01/03/2016,01/02/2016,01/04/2016,01/01/2017\n\
                   D,01/01/2015,01/03/2017,,01/04/2017,01/06/2017\n\
                   E,01/01/2015,01/03/2017,01/04/2017,01/12/2017,01/11/2017\n\
                   F,01/01/2015,01/03/2016,01/04/2016,01/05/2016,31/12/2016\n";
        let fixture = Fixture::new(&[("list10_2017-12-31.csv", csv)]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // Window 01/01/2017–31/12/2017. B: 01/01→31/03/2017 = 89 days.
        // C: match before order → 0 days. D: no match date (reported).
        // E: placed after the order (reported). F: adopted 31/12/2016, outside.
        // A: adopted in 2016 (its marker starts coverage on 01/01/2016).
        assert_eq!(f.value(&DEFINITION, "children"), Some(2.0));
        assert_eq!(f.value(&DEFINITION, "average_days"), Some(44.5));
        assert_eq!(f.problems.len(), 2);
        assert!(f.notes.is_empty(), "{:?}", f.notes);
    }
}
