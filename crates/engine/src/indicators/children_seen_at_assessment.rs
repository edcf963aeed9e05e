//! Indicator 4, `children_seen_at_assessment`: % children seen at
//! assessment (indicators.md, "4 children_seen_at_assessment").
//!
//! - Cohort (`total`): as indicator 3, List 4 assessments authorised in `M`.
//! - Numerator (`seen`): cohort rows with `Child Seen During Continuous
//!   Assessment` yes; blank or invalid counts as not seen (reported at ingest).
//! - When no List 4 file has that column, there is no value and a note says so.

use super::assessments_in_timescale::authorised_in;
use super::context::Context;
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Timing};
use super::measures::MeasureDef;
use crate::month::Month;
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode};

// The measures, in table order, as constants: counting names them by
// these, so a misspelt measure does not compile.
const TOTAL: MeasureDef = MeasureDef::count("total", "Assessments completed");
const SEEN: MeasureDef = MeasureDef::count("seen", "Children seen");
const PERCENT: MeasureDef = MeasureDef::percent(
    "percent",
    "% seen at assessment",
    SEEN.name,
    TOTAL.name,
);

pub static DEFINITION: Definition = Definition {
    number: 4,
    id: "children_seen_at_assessment",
    title: "% children seen at assessment",
    about: "Of the assessments authorised in the month (List 4), those where the child was seen during the assessment.",
    spec: "indicators.md, 4 children_seen_at_assessment",
    timing: Timing::Period,
    measures: &[TOTAL, SEEN, PERCENT],
    headline: PERCENT.name,
    inputs: &[Kind::List4Assessments],
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
            "Children were seen in {seen} of {total} {total|assessment|assessments} ({percent})",
        ],
        unit: "",
        national_rate: None,
        settings: &[],
    },
    compute,
    reads: &[],
    missing: Some(missing),
};

/// List 4 without the `Child Seen` column cannot give this indicator: it is
/// still needed (a reading of the spec; see docs/decisions.md).
fn missing(context: &Context<'_>, _month: Month) -> Vec<Kind> {
    if context.data.assessments_have_seen {
        Vec::new()
    } else {
        vec![Kind::List4Assessments]
    }
}

fn compute(context: &Context<'_>, month: Month) -> MonthCounts {
    if !context.covers_month(Kind::List4Assessments, month) {
        return MonthCounts::none(&DEFINITION);
    }
    if !context.data.assessments_have_seen {
        let mut none = MonthCounts::none(&DEFINITION);
        none.notes
            .push("List 4 has no `Child Seen During Continuous Assessment` column".to_string());
        return none;
    }
    let mut tally = context.tally(&DEFINITION);
    for assessment in authorised_in(context, month) {
        let team = &assessment.data.team;
        tally.about(assessment.source, &assessment.data.child);
        tally.count(team, &TOTAL);
        if assessment.data.seen.value() == Some(true) {
            tally.count(team, &SEEN);
        }
    }
    tally.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::testing::Fixture;

    #[test]
    fn blank_and_invalid_count_as_not_seen() {
        let csv = "Child Unique ID,Assessment Start Date,Date of Authorisation,Child Seen During Assessment,Allocated Team\n\
                   A,01/11/2017,04/12/2017,a) Yes,East Assessment\n\
                   B,01/11/2017,05/12/2017,b) No,East Assessment\n\
                   C,01/11/2017,06/12/2017,,West Safeguarding\n\
                   D,01/11/2017,07/12/2017,perhaps,West Safeguarding\n\
                   E,01/11/2017,08/12/2017,Y,West Safeguarding\n\
                   F,01/11/2017,01/11/2017,Y,\n";
        let fixture = Fixture::new(&[("list4_2017-12-31.csv", csv)]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // F was authorised in November: not in December's cohort.
        assert_eq!(f.value(&DEFINITION, "total"), Some(5.0));
        assert_eq!(f.value(&DEFINITION, "seen"), Some(2.0));
        assert_eq!(f.value(&DEFINITION, "percent"), Some(40.0));
        assert_eq!(
            f.area_value(&DEFINITION, fixture.area("WEST"), "seen"),
            Some(1.0)
        );
        assert!(f.areas[fixture.area("Unassigned")].is_none());
    }

    #[test]
    fn without_the_column_there_is_no_value() {
        let csv = "Child Unique ID,Assessment Start Date,Date of Authorisation\nA,01/11/2017,04/12/2017\n";
        let fixture = Fixture::new(&[("list4_2017-12-31.csv", csv)]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        assert_eq!(f.value(&DEFINITION, "percent"), None);
        assert_eq!(f.value(&DEFINITION, "total"), None);
        assert_eq!(f.notes.len(), 1);
        let context = fixture.context();
        let december = Month::parse("2017-12").unwrap();
        assert_eq!(
            DEFINITION.missing_inputs(&context, december),
            vec![Kind::List4Assessments]
        );
    }
}
