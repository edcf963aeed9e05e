//! Indicator 11, `supported_at_home`: % children in need / family support
//! supported to live with their family (indicators.md, "11 supported_at_home").
//!
//! - Cohort (`total`): children with a List 6 episode, a family-support
//!   episode (when that file is loaded) or a looked-after episode (as in
//!   indicator 7, UASC included) open at `M_end`.
//! - Numerator (`at_home`): of those, children not looked after at `M_end`.
//! - Snapshot; no area breakdown.

use super::context::Context;
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Timing};
use super::measures::MeasureDef;
use crate::month::Month;
use crate::records::{Team, open_at};
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode};

// The measures, in table order, as constants: counting names them by
// these, so a misspelt measure does not compile.
const AT_HOME: MeasureDef = MeasureDef::count("at_home", "Supported to live with family");
const TOTAL: MeasureDef = MeasureDef::count(
    "total",
    "Children in need, family support and in care",
);
const PERCENT: MeasureDef = MeasureDef::percent(
    "percent",
    "% supported to live with family",
    AT_HOME.name,
    TOTAL.name,
);

pub static DEFINITION: Definition = Definition {
    number: 11,
    id: "supported_at_home",
    title: "% CIN / family support supported to live with family",
    about: "Of the children with an open List 6, family support or looked-after episode at month end, those not looked after.",
    spec: "indicators.md, 11 supported_at_home",
    timing: Timing::Snapshot,
    measures: &[AT_HOME, TOTAL, PERCENT],
    headline: PERCENT.name,
    inputs: &[Kind::List6Cin, Kind::List8Cla],
    polarity: Polarity::Up,
    target: Some(80.0),
    tolerance: Some(5.0),
    national: None,
    statistical_neighbours: None,
    previous_mode: PreviousMode::Average,
    has_areas: false,
    has_baseline: false,
    percent_decimals: 0,
    commentary: Phrasing {
        subjects: &[
            "{at_home} of {total} {total|child|children} in need, in family support or in care ({percent}) {at_home,total|was|were} supported to live with their family",
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
    let family_support = data.family_support.loaded();
    if !context.covers_end(Kind::List6Cin, month)
        || !context.covers_end(Kind::List8Cla, month)
        || (family_support && !context.covers_end(Kind::FamilySupport, month))
    {
        return MonthCounts::none(&DEFINITION);
    }
    let end = month.last_day();
    // Each child once, by its number across the kinds (`ChildIds`): what
    // it has open at `M_end`.
    const IN_CARE: u8 = 1;
    const SUPPORTED: u8 = 2;
    let ids = data.child_ids();
    let mut open = vec![0u8; ids.count];
    let mut mark = |id: &u32, flag: u8| {
        if let Some(cell) = open.get_mut(*id as usize) {
            *cell |= flag;
        }
    };
    // As indicator 7 (short breaks excluded, UASC included).
    for (episode, id) in data.cla.merged().zip(&ids.cla) {
        if !episode.data.is_short_breaks() && open_at(episode.data.start, episode.data.ceased, end)
        {
            mark(id, IN_CARE);
        }
    }
    for (&(start, closed), id) in context.cin_spans().iter().zip(&ids.cin) {
        if open_at(start, closed, end) {
            mark(id, SUPPORTED);
        }
    }
    for (episode, id) in data.family_support.merged().zip(&ids.family_support) {
        if open_at(episode.data.start, episode.data.end, end) {
            mark(id, SUPPORTED);
        }
    }
    let total = open.iter().filter(|flags| **flags != 0).count();
    let at_home = open.iter().filter(|flags| **flags == SUPPORTED).count();
    let mut tally = context.tally(&DEFINITION);
    // The LA only (no area breakdown): counted under a blank team.
    let no_team = Team::default();
    tally.add(&no_team, &TOTAL, total as f64);
    tally.add(&no_team, &AT_HOME, at_home as f64);
    tally.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::testing::Fixture;

    #[test]
    fn children_in_need_family_support_and_in_care_once_each() {
        let cin = "Child Unique ID,CIN Start Date,CIN Closure Date,Allocated Worker\n\
                   A,01/01/2017,,W1\n\
                   B,01/01/2017,,W1\n\
                   C,01/01/2017,31/12/2017,W1\n\
                   X,01/01/2017,02/03/2017,W1\n";
        let cla = "Child Unique ID,UASC,Date Started to be Looked After,Legal Status,Date Ceased to be Looked After\n\
                   B,N,01/06/2017,C2,\n\
                   D,Y,01/06/2017,C2,\n\
                   E,N,01/06/2017,V3,\n\
                   X,N,01/01/2017,C2,02/03/2017\n";
        let support = "Child Unique ID,Start Date,End Date,Service\n\
                       A,01/01/2017,,Troubled Families\n\
                       F,01/01/2017,,Troubled Families\n\
                       G,01/01/2017,31/12/2017,Troubled Families\n\
                       X,01/01/2017,02/03/2017,Troubled Families\n";
        let fixture = Fixture::new(&[
            ("list6_2017-12-31.csv", cin),
            ("list8_2017-12-31.csv", cla),
            ("family_support_2017-12-31.csv", support),
        ]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // Open at M_end: A (CIN + support), B (CIN + care), D (care, UASC),
        // F (support). C and G closed on M_end; E is short breaks only.
        // Total 4; looked after B, D; at home A, F.
        assert_eq!(f.value(&DEFINITION, "total"), Some(4.0));
        assert_eq!(f.value(&DEFINITION, "at_home"), Some(2.0));
        assert_eq!(f.value(&DEFINITION, "percent"), Some(50.0));
    }
}
