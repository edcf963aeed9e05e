//! Indicator 10, `adoption_entry_to_placement`: days from entering care to
//! moving in with adopters, A1 style (indicators.md, "10 adoption_entry_to_placement").
//!
//! - Rolling window of `adoption_a1_window_months` (default 36) ending `M_end`.
//! - Cohort (`children`): List 10 children adopted in the window with an
//!   entry date and a placed date on or after the entry and on or before
//!   the adoption order (other adopted rows are reported).
//! - Days = placed − entered; `average_days` = mean.
//! - Also holds the rolling-window machinery indicator 9 shares.

use jiff::civil::Date;

use super::context::Context;
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Reads, Timing};
use super::measures::MeasureDef;
use crate::diagnostics::{Problem, ProblemCode, Severity};
use crate::month::{Month, days_between};
use crate::records::{Adoption, Team};
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
    number: 10,
    id: "adoption_entry_to_placement",
    title: "Days from entering care to placement for adoption (A1)",
    about: "For children adopted in the rolling window (List 10), the average days from entering care to moving in with the adoptive family.",
    spec: "indicators.md, 10 adoption_entry_to_placement",
    timing: Timing::Rolling,
    measures: &[AVERAGE_DAYS, CHILDREN, TOTAL_DAYS],
    headline: AVERAGE_DAYS.name,
    inputs: &[Kind::List10Adoption],
    polarity: Polarity::Down,
    target: Some(600.0),
    tolerance: Some(60.0),
    national: Some(558.0),
    statistical_neighbours: Some(600.0),
    previous_mode: PreviousMode::Average,
    has_areas: false,
    has_baseline: false,
    percent_decimals: 0,
    commentary: Phrasing {
        subjects: &[
            "The average time from entering care to moving in with adopters was {average_days} {average_days|day|days} for the {children} {children|child|children} adopted",
        ],
        unit: " days",
        national_rate: None,
        settings: &[],
    },
    compute,
    reads: &[Reads::AdoptionA1Window],
    missing: None,
};

/// A child adopted in the window: the record and its adoption order date.
pub struct Adopted<'a> {
    pub record: &'a Adoption,
    pub order: Date,
}

fn days(adopted: &Adopted<'_>) -> Result<i64, &'static str> {
    let adoption = adopted.record;
    let placed = adoption
        .placed
        .value()
        .ok_or("no valid Date Placed for Adoption")?;
    if placed < adoption.entered_care {
        return Err("Date Placed for Adoption is before the child entered care");
    }
    if placed > adopted.order {
        return Err("Date Placed for Adoption is after the adoption order");
    }
    Ok(days_between(adoption.entered_care, placed))
}

fn compute(context: &Context<'_>, month: Month) -> MonthCounts {
    compute_window(
        context,
        month,
        &DEFINITION,
        context.settings.adoption_a1_window_months,
        days,
    )
}

/// indicators.md, "Rolling windows": a window of `w` months ending in `M`
/// runs from the 1st of `M-(w-1)` to `M_end`. Needs `M_end` covered; a
/// window only partly covered is computed with a note of how many of its
/// months are covered.
pub(crate) fn compute_window(
    context: &Context<'_>,
    month: Month,
    definition: &'static Definition,
    window_months: i32,
    days: fn(&Adopted<'_>) -> Result<i64, &'static str>,
) -> MonthCounts {
    let adoptions = &context.data.adoptions;
    if !adoptions.coverage.contains_day(month.last_day()) {
        return MonthCounts::none(definition);
    }
    let window = month.plus(1 - window_months.max(1));
    let (from, to) = (window.first_day(), month.last_day());
    let mut tally = context.tally(definition);
    let covered = (0..window_months)
        .filter(|i| adoptions.coverage.covers_month(window.plus(*i)))
        .count();
    if covered < usize::try_from(window_months).unwrap_or(0) {
        tally.notes.push(format!(
            "window partly covered: {covered} of {window_months} months"
        ));
    }
    // No area breakdown: every child counts for the LA under a blank team
    // (Unassigned), never listed because the indicator has no areas.
    let no_team = Team::default();
    for record in adoptions.merged() {
        let Some(order) = record.data.adoption_order.value() else {
            continue;
        };
        if order < from || order > to {
            continue;
        }
        match days(&Adopted {
            record: &record.data,
            order,
        }) {
            Ok(days) => {
                tally.about(record.source, &record.data.child);
                tally.count(&no_team, &CHILDREN);
                tally.add(&no_team, &TOTAL_DAYS, days as f64);
            }
            Err(why) => tally.problems.push(Problem {
                file: context.data.file_name(record.source.file),
                row: Some(record.source.row),
                column: String::new(),
                value: record.data.child.clone(),
                message: format!(
                    "adopted in the window but left out of indicator {}: {why}",
                    definition.number
                ),
                code: ProblemCode::AdoptionIncomplete,
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

    #[test]
    fn averages_days_from_entry_to_placement_over_36_months() {
        let csv = "Child Unique ID,Date the Child Entered Care,Date of Placement Order,Date of Matching Child and Prospective Adopters,Date Placed for Adoption,Date of Adoption Order\n\
                   A,01/01/2014,,,01/01/2015,01/01/2015\n\
                   B,01/01/2015,,,01/01/2016,01/06/2016\n\
                   C,01/01/2016,,,01/03/2016,01/06/2017\n\
                   D,01/01/2016,,,01/12/2015,01/06/2017\n\
                   E,01/01/2016,,,,01/06/2017\n";
        let fixture = Fixture::new(&[("list10_2017-12-31.csv", csv)]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // Window 01/01/2015–31/12/2017. A (adopted 01/01/2015): 365 days.
        // B: 365 days (2015 is not a leap year). C: 01/01→01/03/2016 = 60
        // days (leap year). D placed before entry, E not placed: reported.
        assert_eq!(f.value(&DEFINITION, "children"), Some(3.0));
        assert_eq!(f.value(&DEFINITION, "average_days"), Some(790.0 / 3.0));
        assert_eq!(f.problems.len(), 2);
        // Coverage from the earliest adoption order, 01/01/2015: whole window.
        assert!(f.notes.is_empty(), "{:?}", f.notes);
    }

    #[test]
    fn a_partly_covered_window_is_computed_with_a_note() {
        let csv = "Child Unique ID,Date the Child Entered Care,Date of Placement Order,Date of Matching Child and Prospective Adopters,Date Placed for Adoption,Date of Adoption Order\n\
                   A,01/01/2016,,,01/03/2016,10/08/2017\n";
        let fixture = Fixture::new(&[("list10_2017-12-31.csv", csv)]);
        // Coverage from 01/09/2017 (marker on the 10th): Sep–Dec = 4 of 36 months.
        let f = fixture.figures(&DEFINITION, "2017-12");
        assert_eq!(f.notes, vec!["window partly covered: 4 of 36 months"]);
        assert_eq!(f.value(&DEFINITION, "children"), Some(1.0));
        // August's end is not covered: no value.
        assert_eq!(
            fixture
                .figures(&DEFINITION, "2017-08")
                .value(&DEFINITION, "children"),
            None
        );
    }
}
