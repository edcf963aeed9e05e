//! Indicator 7, `children_in_care`: children in care at month end
//! (indicators.md, "7 children_in_care").
//!
//! - Looked after at `M_end`: a List 8 episode open at `M_end` whose legal
//!   status is not V3 or V4 (short breaks only). Children, not episodes:
//!   the latest-starting such episode gives the area and UASC flag.
//! - `count_excl_uasc` (headline), `uasc`, `count_all`, and `rate_per_10k`
//!   of all children in care including UASC, as the DfE publishes it.
//! - A child whose UASC field cannot be read is left out (reported at ingest).
//! - Snapshot with a baseline column. Polarity down, target 1,695.

use super::context::Context;
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Timing};
use super::measures::MeasureDef;
use crate::month::Month;
use crate::records::{CareEpisode, Rec, open_at};
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode};

// The measures, in table order, as constants: counting names them by
// these, so a misspelt measure does not compile.
const COUNT_EXCL_UASC: MeasureDef = MeasureDef::count(
    "count_excl_uasc",
    "Children in care (UASC excluded)",
);
const UASC: MeasureDef = MeasureDef::count("uasc", "UASC in care");
const COUNT_ALL: MeasureDef = MeasureDef::count("count_all", "Children in care (UASC included)");
const RATE_PER_10K: MeasureDef = MeasureDef::rate(
    "rate_per_10k",
    "Rate per 10,000 (UASC included)",
    COUNT_ALL.name,
);

pub static DEFINITION: Definition = Definition {
    number: 7,
    id: "children_in_care",
    title: "Children in care at month end",
    about: "Children looked after at the end of the month (List 8, excluding short breaks V3/V4); the count excludes unaccompanied asylum-seeking children, the rate per 10,000 includes them.",
    spec: "indicators.md, 7 children_in_care",
    timing: Timing::Snapshot,
    measures: &[COUNT_EXCL_UASC, UASC, COUNT_ALL, RATE_PER_10K],
    headline: COUNT_EXCL_UASC.name,
    inputs: &[Kind::List8Cla],
    polarity: Polarity::Down,
    target: Some(1695.0),
    tolerance: Some(84.75),
    national: Some(62.0),
    statistical_neighbours: Some(74.0),
    previous_mode: PreviousMode::Average,
    has_areas: true,
    has_baseline: true,
    percent_decimals: 0,
    commentary: Phrasing {
        subjects: &[
            "{count_excl_uasc} {count_excl_uasc|child was|children were} in care (UASC excluded)",
        ],
        unit: "",
        national_rate: Some((
            RATE_PER_10K.name,
            "The rate of {rate_per_10k} per 10,000 children (UASC included)",
        )),
        settings: &[],
    },
    compute,
    reads: &[],
    missing: None,
};

/// Children looked after at `M_end` (indicator 7's rule, also used by 11):
/// for each child, the latest-starting open episode that is not short breaks.
pub fn looked_after<'c>(context: &'c Context<'_>, month: Month) -> Vec<&'c Rec<CareEpisode>> {
    let end = month.last_day();
    let ids = context.data.child_ids();
    context
        .data
        .cla
        .latest_per_child(&ids.cla, ids.count, |e| {
            !e.is_short_breaks() && open_at(e.start, e.ceased, end)
        })
        .into_iter()
        .map(|(_, episode)| episode)
        .collect()
}

fn compute(context: &Context<'_>, month: Month) -> MonthCounts {
    if !context.covers_end(Kind::List8Cla, month) {
        return MonthCounts::none(&DEFINITION);
    }
    let mut tally = context.tally(&DEFINITION);
    for episode in looked_after(context, month) {
        let Some(uasc) = episode.data.uasc.value() else {
            continue;
        };
        let team = &episode.data.team;
        tally.about(episode.source, &episode.data.child);
        tally.count(team, &COUNT_ALL);
        tally.count(team, if uasc { &UASC } else { &COUNT_EXCL_UASC });
    }
    tally.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::testing::Fixture;

    #[test]
    fn uasc_and_short_breaks() {
        let csv = "Child Unique ID,UASC,Date Started to be Looked After,Legal Status,Date Ceased to be Looked After,Allocated Team\n\
                   A,N,01/01/2017,C2,,West CiC\n\
                   B,Y,01/01/2017,V2: Single period under S20,,West CiC\n\
                   C,N,01/01/2017,V3: Short breaks,,West CiC\n\
                   D,N,01/01/2017,V4,,West CiC\n\
                   E,N,01/01/2017,C1,31/12/2017,West CiC\n\
                   F,maybe,01/01/2017,C1,,West CiC\n\
                   G,no,01/01/2017,,,\n\
                   H,N,01/01/2017,E1,05/03/2017,East Safeguarding\n";
        let fixture = Fixture::new(&[("list8_2017-12-31.csv", csv)]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // A and G excluding UASC; B is UASC; C, D short breaks; E ceased on
        // M_end; F's UASC unreadable (left out); H ceased in March.
        assert_eq!(f.value(&DEFINITION, "count_excl_uasc"), Some(2.0));
        assert_eq!(f.value(&DEFINITION, "uasc"), Some(1.0));
        assert_eq!(f.value(&DEFINITION, "count_all"), Some(3.0));
        // LA population 5,000: 3 ÷ 5,000 × 10,000 = 6.
        assert_eq!(f.value(&DEFINITION, "rate_per_10k"), Some(6.0));
        let unassigned = fixture.area("Unassigned");
        assert_eq!(
            f.area_value(&DEFINITION, unassigned, "count_excl_uasc"),
            Some(1.0)
        );
        assert_eq!(f.area_value(&DEFINITION, unassigned, "rate_per_10k"), None);
        let west = fixture.area("WEST");
        assert_eq!(f.area_value(&DEFINITION, west, "count_all"), Some(2.0));
        assert_eq!(f.area_value(&DEFINITION, west, "rate_per_10k"), Some(5.0));
    }
}
