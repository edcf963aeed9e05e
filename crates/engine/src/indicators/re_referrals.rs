//! Indicator 2, `re_referrals`: % re-referrals within 12 months
//! (indicators.md, "2 re_referrals").
//!
//! - Cohort (`referrals`): referrals dated in `M`, one per child and date.
//! - Numerator (`re_referrals`): referrals on day `d` where the same child
//!   has another referral dated in `[d − 12 calendar months, d)`; a
//!   look-back from 29 February starts on 28 February.
//! - When List 3's coverage does not hold every day from `M_start − 12
//!   months` to `M_start`, the `Number of Referrals in Last 12 Months >= 1`
//!   column decides, row by row where valid, and the dates the rest; the
//!   method used is in the notes.
//! - previous_mode cumulative (as the seed).

use super::context::Context;
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Timing};
use super::measures::MeasureDef;
use crate::month::{Month, months_before};
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode};

// The measures, in table order, as constants: counting names them by
// these, so a misspelt measure does not compile.
const RE_REFERRALS: MeasureDef = MeasureDef::count("re_referrals", "No. re-referrals");
const REFERRALS: MeasureDef = MeasureDef::count("referrals", "Total referrals");
const PERCENT: MeasureDef = MeasureDef::percent(
    "percent",
    "Re-referrals %",
    RE_REFERRALS.name,
    REFERRALS.name,
);

pub static DEFINITION: Definition = Definition {
    number: 2,
    id: "re_referrals",
    title: "% re-referrals within 12 months",
    about: "Referrals in the month (List 3) where the same child had another referral in the 12 months before.",
    spec: "indicators.md, 2 re_referrals",
    timing: Timing::Period,
    measures: &[RE_REFERRALS, REFERRALS, PERCENT],
    headline: PERCENT.name,
    inputs: &[Kind::List3Referrals],
    polarity: Polarity::Down,
    target: Some(24.0),
    tolerance: Some(2.0),
    national: Some(22.0),
    statistical_neighbours: Some(22.0),
    previous_mode: PreviousMode::Cumulative,
    has_areas: true,
    has_baseline: false,
    percent_decimals: 0,
    commentary: Phrasing {
        subjects: &["Re-referrals were {percent}"],
        unit: "",
        national_rate: None,
        settings: &[],
    },
    compute,
    reads: &[],
    missing: None,
};

fn compute(context: &Context<'_>, month: Month) -> MonthCounts {
    if !context.covers_month(Kind::List3Referrals, month) {
        return MonthCounts::none(&DEFINITION);
    }
    let start = month.first_day();
    let look_back_complete = context
        .data
        .referrals
        .coverage
        .contains_range(months_before(start, 12), start);
    let dates = context.referral_dates();
    let mut tally = context.tally(&DEFINITION);
    let (mut by_count, mut by_dates) = (0usize, 0usize);
    let referrals = &context.data.referrals;
    let in_month = context.referral_days().iter().enumerate();
    for (position, _) in in_month.filter(|(_, day)| month.contains(**day)) {
        let Some(record) = referrals.merged_at(position) else {
            continue;
        };
        let referral = &record.data;
        tally.about(record.source, &referral.child);
        let team = &referral.team;
        tally.count(team, &REFERRALS);
        let is_re_referral = match (look_back_complete, referral.earlier_count) {
            (false, Some(count)) => {
                by_count += 1;
                count >= 1
            }
            _ => {
                by_dates += 1;
                let from = months_before(referral.date, 12);
                dates
                    .get(referral.child.as_str())
                    .is_some_and(|child_dates| {
                        let first = child_dates.partition_point(|d| *d < from);
                        child_dates.get(first).is_some_and(|d| *d < referral.date)
                    })
            }
        };
        if is_re_referral {
            tally.count(team, &RE_REFERRALS);
        }
    }
    tally.notes.push(
        match (look_back_complete, by_count, by_dates) {
            (true, _, _) => "method: dates",
            (false, 0, _) => "method: dates (lookback incomplete)",
            (false, _, 0) => "method: count column (lookback incomplete)",
            (false, _, _) => {
                "method: count column where valid, dates otherwise (lookback incomplete)"
            }
        }
        .to_string(),
    );
    tally.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::testing::Fixture;

    const HEADER: &str =
        "Child Unique ID,Date of referral,Number of Referrals in Last 12 Months,Allocated Team\n";

    #[test]
    fn twelve_months_back_is_counted_and_one_day_more_is_not() {
        // indicators.md 2: look back to [d − 12 months, d). Coverage starts
        // 01/01/2016 (earliest referral 02/01/2016), so March 2017 looks back fully.
        let csv = format!(
            "{HEADER}Z,02/01/2016,,East Assessment\n\
             A,15/03/2016,,East Assessment\n\
             A,15/03/2017,,East Assessment\n\
             B,14/03/2016,,West Safeguarding\n\
             B,15/03/2017,,West Safeguarding\n\
             C,10/03/2017,,West Safeguarding\n\
             C,20/03/2017,,West Safeguarding\n"
        );
        let fixture = Fixture::new(&[("list3_2017-03-31.csv", &csv)]);
        let f = fixture.figures(&DEFINITION, "2017-03");
        // A: exactly 12 months back (counted). B: 12 months + 1 day (not).
        // C: the second March referral re-refers; the first does not.
        assert_eq!(f.value(&DEFINITION, "referrals"), Some(4.0));
        assert_eq!(f.value(&DEFINITION, "re_referrals"), Some(2.0));
        assert_eq!(f.value(&DEFINITION, "percent"), Some(50.0));
        assert_eq!(f.notes, vec!["method: dates"]);
        let west = fixture.area("WEST");
        assert_eq!(f.area_value(&DEFINITION, west, "re_referrals"), Some(1.0));
        assert_eq!(f.area_value(&DEFINITION, west, "referrals"), Some(3.0));
    }

    #[test]
    fn look_back_from_29_february_starts_on_28_february() {
        // 29/02/2016 − 12 months = 28/02/2015 (inclusive); 27/02/2015 is outside.
        let csv = format!(
            "{HEADER}Z,01/01/2015,,East Assessment\n\
             A,28/02/2015,,East Assessment\n\
             A,29/02/2016,,East Assessment\n\
             B,27/02/2015,,East Assessment\n\
             B,29/02/2016,,East Assessment\n"
        );
        let fixture = Fixture::new(&[("list3_2016-02-29.csv", &csv)]);
        let f = fixture.figures(&DEFINITION, "2016-02");
        assert_eq!(f.value(&DEFINITION, "referrals"), Some(2.0));
        assert_eq!(f.value(&DEFINITION, "re_referrals"), Some(1.0));
    }

    #[test]
    fn incomplete_look_back_uses_the_count_column_where_valid() {
        // Coverage starts 01/07/2017: December's look-back (from 01/12/2016) is incomplete.
        let csv = format!(
            "{HEADER}A,03/07/2017,,East Assessment\n\
             A,04/12/2017,0,East Assessment\n\
             B,05/12/2017,2,East Assessment\n\
             C,06/12/2017,,East Assessment\n\
             C,01/12/2017,x,East Assessment\n"
        );
        let fixture = Fixture::new(&[("list3_2017-12-31.csv", &csv)]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // A: count 0 wins over the July date (not a re-referral). B: count 2.
        // C on 06/12: blank count, dates find 01/12 → re-referral. C on 01/12:
        // invalid count, dates find nothing earlier → not.
        assert_eq!(f.value(&DEFINITION, "referrals"), Some(4.0));
        assert_eq!(f.value(&DEFINITION, "re_referrals"), Some(2.0));
        assert_eq!(
            f.notes,
            vec!["method: count column where valid, dates otherwise (lookback incomplete)"]
        );
    }

    #[test]
    fn a_month_outside_coverage_has_no_value() {
        let csv = format!("{HEADER}A,03/07/2017,,East Assessment\n");
        let fixture = Fixture::new(&[("list3_2017-12-31.csv", &csv)]);
        let f = fixture.figures(&DEFINITION, "2017-06");
        assert_eq!(f.value(&DEFINITION, "referrals"), None);
        assert_eq!(f.value(&DEFINITION, "percent"), None);
    }
}
