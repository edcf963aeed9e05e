//! Indicator 8, `care_leavers_eet`: % care leavers in education,
//! employment or training (indicators.md, "8 care_leavers_eet").
//!
//! - As-at: List 9 is a snapshot, so the month uses the List 9 extract as
//!   at that month (dated in `M` or the 7 days after).
//! - Cohort (`cohort`): care leavers aged 17 to 21 at `M_end` (whole years
//!   from `Date of Birth`), leaving out `LA in Touch` `Died` or `Rhom` and,
//!   by default (`exclude_eligible_children`), eligibility `Eligible`.
//! - Numerator (`eet`): activity F1–F5 or P1–P5.
//! - Also `percent_17_18` and `percent_19_21` by age band.
//! - The area comes from the child's merged (latest) List 9 record.

use rustc_hash::FxHashMap as HashMap;

use super::context::Context;
use super::counts::MonthCounts;
use super::definition::{Definition, Phrasing, Reads, Timing};
use super::measures::MeasureDef;
use crate::dataset::late_extract_note;
use crate::month::{Month, age_on};
use crate::records::{Activity, Team};
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode};

// The measures, in table order, as constants: counting names them by
// these, so a misspelt measure does not compile.
const EET: MeasureDef = MeasureDef::count("eet", "In education, employment or training");
const COHORT: MeasureDef = MeasureDef::count("cohort", "Care leavers aged 17–21");
const PERCENT: MeasureDef = MeasureDef::percent("percent", "EET %", EET.name, COHORT.name);
const PERCENT_17_18: MeasureDef = MeasureDef::percent(
    "percent_17_18",
    "EET % aged 17–18",
    EET_17_18.name,
    COHORT_17_18.name,
);
const PERCENT_19_21: MeasureDef = MeasureDef::percent(
    "percent_19_21",
    "EET % aged 19–21",
    EET_19_21.name,
    COHORT_19_21.name,
);
const EET_17_18: MeasureDef = MeasureDef::hidden("eet_17_18");
const COHORT_17_18: MeasureDef = MeasureDef::hidden("cohort_17_18");
const EET_19_21: MeasureDef = MeasureDef::hidden("eet_19_21");
const COHORT_19_21: MeasureDef = MeasureDef::hidden("cohort_19_21");

pub static DEFINITION: Definition = Definition {
    number: 8,
    id: "care_leavers_eet",
    title: "% care leavers in education, employment or training",
    about: "Care leavers aged 17 to 21 at month end in the List 9 extract as at that month (excluding those who died, have returned home, and eligible children) whose activity is education, employment or training (F1–F5, P1–P5).",
    spec: "indicators.md, 8 care_leavers_eet",
    timing: Timing::AsAt,
    measures: &[EET, COHORT, PERCENT, PERCENT_17_18, PERCENT_19_21, EET_17_18, COHORT_17_18, EET_19_21, COHORT_19_21],
    headline: PERCENT.name,
    inputs: &[Kind::List9CareLeavers],
    polarity: Polarity::Up,
    target: None,
    tolerance: None,
    national: Some(50.0),
    statistical_neighbours: Some(48.0),
    previous_mode: PreviousMode::Average,
    has_areas: true,
    has_baseline: false,
    percent_decimals: 0,
    commentary: Phrasing {
        subjects: &[
            "{eet} of {cohort} care {cohort|leaver|leavers} aged 17 to 21 ({percent}) {eet,cohort|was|were} in education, employment or training",
        ],
        unit: "",
        national_rate: None,
        settings: &[],
    },
    compute,
    reads: &[Reads::ExcludeEligibleChildren, Reads::AsAtGraceDays],
    missing: None,
};

fn compute(context: &Context<'_>, month: Month) -> MonthCounts {
    let leavers = &context.data.care_leavers;
    let grace = context.settings.as_at_grace_days;
    let Some(file) = leavers.as_at_file(month, grace) else {
        let mut none = MonthCounts::none(&DEFINITION);
        if let Some(as_at) = leavers.late_extract(month, grace) {
            none.notes.push(late_extract_note(
                Kind::List9CareLeavers,
                "care-leaver activity",
                as_at,
                month,
                grace,
            ));
        }
        return none;
    };
    // indicators.md, "Area": the team is always taken from the merged record.
    let teams: HashMap<&str, &Team> = leavers
        .merged()
        .map(|r| (r.data.child.as_str(), &r.data.team))
        .collect();
    let end = month.last_day();
    let exclude_eligible = context.settings.exclude_eligible_children;
    let mut tally = context.tally(&DEFINITION);
    for record in &file.records {
        let leaver = &record.data;
        let (Some(birth), Some(activity)) = (leaver.birth.value(), leaver.activity.value()) else {
            continue;
        };
        let age = age_on(birth, end);
        if !(17..=21).contains(&age) {
            continue;
        }
        let code_is = |code: &Option<String>, wanted: &str| {
            code.as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(wanted))
        };
        if code_is(&leaver.in_touch, "Died") || code_is(&leaver.in_touch, "Rhom") {
            continue;
        }
        if exclude_eligible && code_is(&leaver.eligibility, "Eligible") {
            continue;
        }
        let team = teams
            .get(leaver.child.as_str())
            .copied()
            .unwrap_or(&leaver.team);
        let (cohort_band, eet_band) = if age <= 18 {
            (&COHORT_17_18, &EET_17_18)
        } else {
            (&COHORT_19_21, &EET_19_21)
        };
        tally.about(record.source, &leaver.child);
        tally.count(team, &COHORT);
        tally.count(team, cohort_band);
        if activity == Activity::Eet {
            tally.count(team, &EET);
            tally.count(team, eet_band);
        }
    }
    tally.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::testing::Fixture;

    #[test]
    fn cohort_is_aged_17_to_21_in_touch_and_not_eligible_children() {
        // M_end 31/12/2017: born 31/12/2000 turns 17 that day (in); born
        // 01/01/2001 is 16 (out); born 31/12/1995 turns 22 (out); born
        // 01/01/1996 is 21 (in).
        let csv = "Child Unique ID,Date of Birth,Eligibility Category,LA in Touch,Activity Status,Allocated Team\n\
                   A,31/12/2000,b) Former relevant,a) Yes,F1 - Full time higher education,West CiC\n\
                   B,01/01/2001,b) Former relevant,a) Yes,F1,West CiC\n\
                   C,31/12/1995,b) Former relevant,a) Yes,F1,West CiC\n\
                   D,01/01/1996,b) Former relevant,a) Yes,G6: Not in EET,West CiC\n\
                   E,01/06/1999,b) Former relevant,c) Died,F2,West CiC\n\
                   F,01/06/1999,b) Former relevant,f) Rhom,F2,West CiC\n\
                   G,01/06/2000,d) Eligible child,a) Yes,F2,West CiC\n\
                   H,01/06/1998,a) Relevant,d) Refu,P3: Part time,East Safeguarding\n\
                   I,01/06/1998,a) Relevant,a) Yes,XX,East Safeguarding\n\
                   J,01/06/1999,a) Relevant,a) Yes,0,East Safeguarding\n";
        let fixture = Fixture::new(&[("list9_2017-12-31.csv", csv)]);
        let f = fixture.figures(&DEFINITION, "2017-12");
        // Cohort: A (17), D (21), H (19), J (18); I's activity is invalid.
        // EET: A and H.
        assert_eq!(f.value(&DEFINITION, "cohort"), Some(4.0));
        assert_eq!(f.value(&DEFINITION, "eet"), Some(2.0));
        assert_eq!(f.value(&DEFINITION, "percent"), Some(50.0));
        // 17–18: A (EET), J (not) = 50%; 19–21: D (not), H (EET) = 50%.
        assert_eq!(f.value(&DEFINITION, "percent_17_18"), Some(50.0));
        assert_eq!(f.value(&DEFINITION, "percent_19_21"), Some(50.0));
        let east = fixture.area("EAST");
        assert_eq!(f.area_value(&DEFINITION, east, "percent"), Some(50.0));
        assert_eq!(
            f.area_value(&DEFINITION, east, "percent_19_21"),
            Some(100.0)
        );
        assert_eq!(f.area_value(&DEFINITION, east, "percent_17_18"), Some(0.0));
    }

    #[test]
    fn eligible_children_count_when_the_setting_is_off() {
        let csv = "Child Unique ID,Date of Birth,Eligibility Category,Activity Status\n\
                   G,01/06/2000,d) Eligible child,F2\n";
        let settings = crate::settings::Settings {
            exclude_eligible_children: false,
            ..Default::default()
        };
        let fixture = Fixture::with_settings(&[("list9_2017-12-31.csv", csv)], settings);
        let f = fixture.figures(&DEFINITION, "2017-12");
        assert_eq!(f.value(&DEFINITION, "cohort"), Some(1.0));
    }

    #[test]
    fn each_month_uses_its_own_extract() {
        let header = "Child Unique ID,Date of Birth,Activity Status,Allocated Team\n";
        let nov = format!("{header}A,01/06/1999,G6,East Safeguarding\n");
        let dec = format!("{header}A,01/06/1999,F1,West CiC\n");
        let fixture = Fixture::new(&[("l9_2017-11-30.csv", &nov), ("l9_2018-01-05.csv", &dec)]);
        let november = fixture.figures(&DEFINITION, "2017-11");
        assert_eq!(november.value(&DEFINITION, "percent"), Some(0.0));
        // The area is from the merged (latest) record: WEST.
        assert_eq!(
            november.area_value(&DEFINITION, fixture.area("WEST"), "cohort"),
            Some(1.0)
        );
        // December: the extract dated 05/01/2018 is within 7 days after M_end.
        let december = fixture.figures(&DEFINITION, "2017-12");
        assert_eq!(december.value(&DEFINITION, "percent"), Some(100.0));
        assert_eq!(
            fixture
                .figures(&DEFINITION, "2017-10")
                .value(&DEFINITION, "cohort"),
            None
        );
    }
}
