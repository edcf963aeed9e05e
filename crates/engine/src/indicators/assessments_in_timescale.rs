//! Indicator 3, `assessments_in_timescale`: assessments completed within 45
//! working days (indicators.md, "3 assessments_in_timescale").
//!
//! - Cohort (`total`): List 4 assessments authorised in `M` (per record).
//!   An authorisation before the start is a data error, left out (reported
//!   at ingest).
//! - `inside`: working days from start to authorisation <= 45
//!   (`assessment_working_days`; the start day is day 0 unless
//!   `start_day_counts`). `outside`: the rest. `percent` = inside ÷ total.
//! - `open_overdue`: assessments open at `M_end` already more than 45
//!   working days from their start.

use super::context::Context;
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Reads, Timing};
use super::measures::MeasureDef;
use crate::month::{Month, days_between};
use crate::records::{Assessment, Field};
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode};

// The measures, in table order, as constants: counting names them by
// these, so a misspelt measure does not compile.
const INSIDE: MeasureDef = MeasureDef::count("inside", "No. inside");
const OUTSIDE: MeasureDef = MeasureDef::count("outside", "No. outside");
const TOTAL: MeasureDef = MeasureDef::count("total", "Total");
const PERCENT: MeasureDef = MeasureDef::percent("percent", "% inside", INSIDE.name, TOTAL.name);
const OPEN_OVERDUE: MeasureDef = MeasureDef::count(
    "open_overdue",
    "Open and already over 45 working days",
);

pub static DEFINITION: Definition = Definition {
    number: 3,
    id: "assessments_in_timescale",
    title: "Assessments completed within 45 working days",
    about: "Assessments authorised in the month (List 4) completed within 45 working days of their start; also the open assessments already past 45 working days at month end.",
    spec: "indicators.md, 3 assessments_in_timescale",
    timing: Timing::Period,
    measures: &[INSIDE, OUTSIDE, TOTAL, PERCENT, OPEN_OVERDUE],
    headline: PERCENT.name,
    inputs: &[Kind::List4Assessments],
    polarity: Polarity::Up,
    target: Some(85.0),
    tolerance: Some(5.0),
    national: Some(83.0),
    statistical_neighbours: Some(83.0),
    previous_mode: PreviousMode::Average,
    has_areas: true,
    has_baseline: false,
    percent_decimals: 0,
    commentary: Phrasing {
        subjects: &[
            "{inside} of {total} {total|assessment|assessments} ({percent}) {inside,total|was|were} completed within 45 working days",
        ],
        unit: "",
        national_rate: None,
        settings: &[],
    },
    compute,
    reads: &[
        Reads::AssessmentWorkingDays,
        Reads::StartDayCounts,
        Reads::BankHolidays,
    ],
    missing: None,
};

/// The assessments authorised in `month` (the cohort of indicators 3 and 4).
pub(crate) fn authorised_in<'c>(
    context: &'c Context<'_>,
    month: Month,
) -> impl Iterator<Item = &'c crate::records::Rec<Assessment>> + 'c {
    context
        .data
        .assessments
        .merged()
        .filter(move |r| r.data.authorised.value().is_some_and(|d| month.contains(d)))
}

fn compute(context: &Context<'_>, month: Month) -> MonthCounts {
    if !context.covers_month(Kind::List4Assessments, month) {
        return MonthCounts::none(&DEFINITION);
    }
    let limit = context.settings.assessment_working_days;
    let start_day_counts = context.settings.start_day_counts;
    let working_days = |from, to| context.calendar.working_days(from, to, start_day_counts);
    let mut tally = context.tally(&DEFINITION);
    for assessment in authorised_in(context, month) {
        let Some(authorised) = assessment.data.authorised.value() else {
            continue;
        };
        let team = &assessment.data.team;
        tally.about(assessment.source, &assessment.data.child);
        tally.count(team, &TOTAL);
        if working_days(assessment.data.start, authorised) <= limit {
            tally.count(team, &INSIDE);
        } else {
            tally.count(team, &OUTSIDE);
        }
    }
    let end = month.last_day();
    for assessment in context.data.assessments.merged() {
        let open = assessment.data.start <= end
            && match assessment.data.authorised {
                Field::Blank => true,
                Field::Value(authorised) => authorised > end,
                Field::Invalid => false,
            };
        // Working days never outnumber calendar days (plus the start day),
        // so an assessment open fewer days than the limit is not counted
        // out, without its working days.
        let may_be_overdue = || days_between(assessment.data.start, end) + 1 > limit;
        if open && may_be_overdue() && working_days(assessment.data.start, end) > limit {
            tally.about(assessment.source, &assessment.data.child);
            tally.count(&assessment.data.team, &OPEN_OVERDUE);
        }
    }
    tally.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::testing::Fixture;

    const HEADER: &str = "Child Unique ID,Continuous Assessment Start Date,Continuous Assessment Date of Authorisation,Allocated Team\n";

    #[test]
    fn forty_five_working_days_across_christmas_is_inside_and_forty_six_is_not() {
        // Start Mon 24/10/2016, start day 0: to Mon 19/12 is 8 weeks = 40;
        // Tue 20–Fri 23/12 = 44; Mon 26 and Tue 27/12 are bank holidays;
        // Wed 28/12 is the 45th working day (inside), Thu 29/12 the 46th.
        // C: Fri 02/12 to Mon 05/12 is 1 (inside).
        let csv = format!(
            "{HEADER}A,24/10/2016,28/12/2016,East Assessment\n\
             B,24/10/2016,29/12/2016,West Safeguarding\n\
             C,02/12/2016,05/12/2016,West Safeguarding\n\
             D,01/12/2016,30/11/2016,West Safeguarding\n"
        );
        let fixture = Fixture::new(&[("list4_2016-12-31.csv", &csv)]);
        let f = fixture.figures(&DEFINITION, "2016-12");
        // D's authorisation is before its start: left out.
        assert_eq!(f.value(&DEFINITION, "total"), Some(3.0));
        assert_eq!(f.value(&DEFINITION, "inside"), Some(2.0));
        assert_eq!(f.value(&DEFINITION, "outside"), Some(1.0));
        assert_eq!(f.value(&DEFINITION, "percent"), Some(200.0 / 3.0));
        let west = fixture.area("WEST");
        assert_eq!(f.area_value(&DEFINITION, west, "outside"), Some(1.0));
        assert_eq!(f.area_value(&DEFINITION, west, "inside"), Some(1.0));
    }

    #[test]
    fn forty_five_working_days_across_easter() {
        // Start Fri 10/02/2017. Weeks to Fri 07/04: 8 weeks = 40 working days;
        // Mon 10–Thu 13/04 = 44; Good Friday 14/04 and Easter Monday 17/04 are
        // holidays; Tue 18/04 = 45 (inside), Wed 19/04 = 46 (outside).
        let csv = format!(
            "{HEADER}A,10/02/2017,18/04/2017,East Assessment\n\
             B,10/02/2017,19/04/2017,East Assessment\n\
             C,10/01/2017,03/02/2017,East Assessment\n"
        );
        let fixture = Fixture::new(&[("list4_2017-04-30.csv", &csv)]);
        let f = fixture.figures(&DEFINITION, "2017-04");
        assert_eq!(f.value(&DEFINITION, "inside"), Some(1.0));
        assert_eq!(f.value(&DEFINITION, "outside"), Some(1.0));
    }

    #[test]
    fn open_assessments_past_the_limit_are_a_backlog() {
        // At M_end Sun 30/04/2017: A started 10/02 is open and 53 working
        // days old (45 on 18/04, then 19–21 and 24–28/04 = 8 more): over 45.
        // B started 03/04 is 17 working days old. C authorised on 30/04 is
        // not open. F (authorised 01/04) starts coverage on 01/04.
        let csv = format!(
            "{HEADER}F,01/03/2017,01/04/2017,East Assessment\n\
             A,10/02/2017,,East Assessment\n\
             B,03/04/2017,,East Assessment\n\
             C,10/02/2017,30/04/2017,East Assessment\n\
             D,10/02/2017,02/05/2017,West Safeguarding\n\
             E,06/03/2017,03/03/2017,West Safeguarding\n"
        );
        let fixture = Fixture::new(&[("list4_2017-05-31.csv", &csv)]);
        let f = fixture.figures(&DEFINITION, "2017-04");
        // A (open) and D (authorised after M_end) are overdue; E is invalid.
        assert_eq!(f.value(&DEFINITION, "open_overdue"), Some(2.0));
        assert_eq!(
            f.area_value(&DEFINITION, fixture.area("WEST"), "open_overdue"),
            Some(1.0)
        );
        // C (53 working days, outside) and F (Wed 01/03 to Sat 01/04 = 22,
        // inside) were authorised in April.
        assert_eq!(f.value(&DEFINITION, "total"), Some(2.0));
        assert_eq!(f.value(&DEFINITION, "outside"), Some(1.0));
        assert_eq!(f.value(&DEFINITION, "inside"), Some(1.0));
    }
}
