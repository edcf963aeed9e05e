//! Indicator 14, `agency_staff`: % agency social workers (indicators.md,
//! "14 agency_staff").
//!
//! - Qualified social workers in post at `M_end`, weighted by FTE
//!   (`agency_basis`: `fte` default, or `headcount`), once each.
//! - `percent_social_workers` (not managers), `percent_managers`,
//!   `percent_all` (headline) = agency ÷ all × 100.

use jiff::civil::Date;

use super::context::{Context, latest_per_key};
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Reads, Timing};
use super::measures::MeasureDef;
use crate::month::Month;
use crate::records::Team;
use crate::schema::Kind;
use crate::settings::{Basis, Polarity, PreviousMode};

// The measures, in table order, as constants: counting names them by
// these, so a misspelt measure does not compile.
const PERCENT_SOCIAL_WORKERS: MeasureDef = MeasureDef::percent(
    "percent_social_workers",
    "% agency social workers",
    AGENCY_SOCIAL_WORKERS.name,
    SOCIAL_WORKERS.name,
);
const PERCENT_MANAGERS: MeasureDef = MeasureDef::percent(
    "percent_managers",
    "% agency team managers",
    AGENCY_MANAGERS.name,
    MANAGERS.name,
);
const PERCENT_ALL: MeasureDef = MeasureDef::percent(
    "percent_all",
    "% agency, all qualified staff",
    AGENCY_ALL.name,
    ALL_QUALIFIED.name,
);
const AGENCY_SOCIAL_WORKERS: MeasureDef = MeasureDef::hidden("agency_social_workers");
const SOCIAL_WORKERS: MeasureDef = MeasureDef::hidden("social_workers");
const AGENCY_MANAGERS: MeasureDef = MeasureDef::hidden("agency_managers");
const MANAGERS: MeasureDef = MeasureDef::hidden("managers");
const AGENCY_ALL: MeasureDef = MeasureDef::hidden("agency_all");
const ALL_QUALIFIED: MeasureDef = MeasureDef::hidden("all");

pub static DEFINITION: Definition = Definition {
    number: 14,
    id: "agency_staff",
    title: "% agency social workers",
    about: "Of the qualified social workers in post at month end (staff file, by FTE), the share employed through an agency; for social workers, team managers and all.",
    spec: "indicators.md, 14 agency_staff",
    timing: Timing::Snapshot,
    measures: &[PERCENT_SOCIAL_WORKERS, PERCENT_MANAGERS, PERCENT_ALL, AGENCY_SOCIAL_WORKERS, SOCIAL_WORKERS, AGENCY_MANAGERS, MANAGERS, AGENCY_ALL, ALL_QUALIFIED],
    headline: PERCENT_ALL.name,
    inputs: &[Kind::Staff],
    polarity: Polarity::Down,
    target: Some(15.0),
    tolerance: Some(2.0),
    national: None,
    statistical_neighbours: None,
    previous_mode: PreviousMode::Average,
    has_areas: false,
    has_baseline: false,
    percent_decimals: 0,
    commentary: Phrasing {
        subjects: &["Agency staff were {percent_all} of qualified social workers"],
        unit: "",
        national_rate: None,
        settings: &[],
    },
    compute,
    reads: &[Reads::AgencyBasis],
    missing: None,
};

fn compute(context: &Context<'_>, month: Month) -> MonthCounts {
    if !context.covers_end(Kind::Staff, month) {
        return MonthCounts::none(&DEFINITION);
    }
    let end = month.last_day();
    let workers = latest_per_key(
        context
            .data
            .staff
            .merged()
            .filter(|w| w.data.qualified.value() == Some(true) && w.data.in_post_on(end)),
        |w| &w.worker,
        |w| w.start.unwrap_or(Date::MIN),
    );
    let mut tally = context.tally(&DEFINITION);
    // The LA only (no area breakdown): counted under a blank team.
    let no_team = Team::default();
    for worker in workers {
        tally.about(worker.source, &worker.data.worker_label);
        let worker = &worker.data;
        let Some(agency) = worker.agency.value() else {
            continue;
        };
        let weight = match context.settings.agency_basis {
            Basis::Fte => worker.fte,
            Basis::Headcount => 1.0,
        };
        let (group, agency_group) = if worker.manager {
            (&MANAGERS, &AGENCY_MANAGERS)
        } else {
            (&SOCIAL_WORKERS, &AGENCY_SOCIAL_WORKERS)
        };
        tally.add(&no_team, group, weight);
        tally.add(&no_team, &ALL_QUALIFIED, weight);
        if agency {
            tally.add(&no_team, agency_group, weight);
            tally.add(&no_team, &AGENCY_ALL, weight);
        }
    }
    tally.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::testing::Fixture;

    #[test]
    fn agency_share_by_fte() {
        let staff = "Worker ID,Team,Qualified Social Worker,Agency,Manager,FTE,Start Date,End Date\n\
                     W1,East Assessment,Yes,Yes,No,0.5,01/01/2015,\n\
                     W2,East Assessment,Yes,No,No,1,01/01/2015,\n\
                     W3,East Assessment,Yes,No,No,0.5,01/01/2015,31/12/2017\n\
                     W4,East Assessment,Yes,Yes,Yes,1,01/01/2015,\n\
                     W5,East Assessment,Yes,No,Yes,1,01/01/2015,\n\
                     W6,East Assessment,No,Yes,No,1,01/01/2015,\n\
                     W7,East Assessment,Yes,Yes,No,1,01/01/2015,30/12/2017\n\
                     W8,East Assessment,Yes,Yes,No,1,01/01/2015,02/01/2016\n";
        let fixture = Fixture::new(&[("staff_2017-12-31.csv", staff)]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // Social workers: W1 0.5 agency, W2 1, W3 0.5 (leaves on M_end,
        // inclusive): 0.5 ÷ 2 = 25%. Managers: W4 agency 1, W5 1: 50%.
        // All: 1.5 ÷ 4 = 37.5%. W6 unqualified; W7 left 30/12; W8 left in
        // 2016 (and starts the file's coverage on 01/01/2016).
        assert_eq!(f.value(&DEFINITION, "percent_social_workers"), Some(25.0));
        assert_eq!(f.value(&DEFINITION, "percent_managers"), Some(50.0));
        assert_eq!(f.value(&DEFINITION, "percent_all"), Some(37.5));
    }
}
