//! The indicator registry: the fourteen indicators of `indicators.md`, in
//! the seed's numbering, each in its own file with its tests beside it.
//!
//! Everything else (the scorecard's columns, previous-6-months rules, JSON,
//! the page's sections) is generated from [`ALL`]. Adding an indicator is
//! one new file and one entry in that list.
//!
//! An indicator's `compute` returns, for one month, the raw sums of its
//! countable measures per team ([`MonthCounts`]); areas, percentages,
//! averages and rates are derived from them on read, in one place with one
//! rule (a zero denominator gives no value, at every level).

pub mod adoption_entry_to_placement;
pub mod adoption_placement_order_to_match;
pub mod agency_staff;
pub mod assessments_in_timescale;
pub mod care_leavers_eet;
pub mod caseload;
pub mod children_in_care;
pub mod children_seen_at_assessment;
pub mod cp_plans;
pub mod cp_visits;
pub mod re_referrals;
pub mod supervision;
pub mod supported_at_home;
pub mod unallocated_cases;

#[cfg(test)]
pub mod testing;

mod context;
pub(crate) mod counts;
mod definition;
mod measures;

pub use context::{Context, latest_per_key};
pub use counts::{DrillItem, MonthCounts, MonthFigures, Tally, ratio};
pub use definition::{Definition, Phrasing, Reads, Timing};
pub use measures::{MeasureDef, MeasureKind, Measured};

/// Every indicator, in the seed's numbering.
pub static ALL: [&Definition; 14] = [
    &unallocated_cases::DEFINITION,
    &re_referrals::DEFINITION,
    &assessments_in_timescale::DEFINITION,
    &children_seen_at_assessment::DEFINITION,
    &cp_plans::DEFINITION,
    &cp_visits::DEFINITION,
    &children_in_care::DEFINITION,
    &care_leavers_eet::DEFINITION,
    &adoption_placement_order_to_match::DEFINITION,
    &adoption_entry_to_placement::DEFINITION,
    &supported_at_home::DEFINITION,
    &supervision::DEFINITION,
    &caseload::DEFINITION,
    &agency_staff::DEFINITION,
];

/// The definition with this id.
pub fn by_id(id: &str) -> Option<&'static Definition> {
    ALL.iter().copied().find(|d| d.id == id)
}

/// Serde for `&'static Definition` as its id, so results can cross to and
/// from a Web Worker.
pub mod definition_by_id {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use super::{Definition, by_id};

    pub fn serialize<S: Serializer>(d: &&'static Definition, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(d.id)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static Definition, D::Error> {
        let id = String::deserialize(d)?;
        by_id(&id).ok_or_else(|| D::Error::custom(format!("unknown indicator `{id}`")))
    }
}

/// Every indicator id, in `ALL`'s order (for validating settings).
pub fn ids() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|definition| definition.id)
}

#[cfg(test)]
mod invariants {
    use super::*;
    use crate::settings::Polarity;

    #[test]
    fn numbered_in_order_with_unique_ids() {
        let mut seen = std::collections::HashSet::new();
        for (index, definition) in ALL.iter().enumerate() {
            assert_eq!(usize::from(definition.number), index + 1);
            assert!(seen.insert(definition.id), "{} twice", definition.id);
            assert_eq!(by_id(definition.id), Some(*definition));
            // Only indicator 1 shows a decimal (indicators.md, "Rounding").
            assert_eq!(definition.percent_decimals, u8::from(index == 0));
        }
    }

    #[test]
    fn every_headline_and_derived_part_is_a_measure() {
        for definition in ALL {
            assert!(definition.headline_index().is_some(), "{}", definition.id);
            for measure in definition.measures {
                let parts: Vec<&str> = match measure.kind {
                    MeasureKind::Percent { num, den } | MeasureKind::Average { num, den } => {
                        vec![num, den]
                    }
                    MeasureKind::Rate { count } => vec![count],
                    _ => vec![],
                };
                for part in parts {
                    assert!(
                        definition.measure(part).is_some(),
                        "{}.{part}",
                        definition.id
                    );
                }
            }
        }
    }

    #[test]
    fn targets_are_consistent_with_polarity() {
        for definition in ALL {
            if definition.polarity == Polarity::None {
                assert!(definition.target.is_none(), "{}", definition.id);
            }
            if definition.target.is_none() {
                assert!(definition.tolerance.is_none(), "{}", definition.id);
            }
            assert!(definition.tolerance.is_none_or(|t| t >= 0.0));
        }
    }

    #[test]
    fn baselines_only_for_cp_plans_and_children_in_care() {
        let with: Vec<_> = ALL
            .iter()
            .filter(|d| d.has_baseline)
            .map(|d| d.id)
            .collect();
        assert_eq!(with, vec!["cp_plans", "children_in_care"]);
    }
}

/// How each indicator's figures print (indicators.md, "Rounding").
#[cfg(test)]
mod display {
    use super::*;
    use crate::format::{Style, value};

    #[test]
    fn styles_follow_the_measure_and_the_indicator_decimals() {
        let re = re_referrals::DEFINITION.style("percent");
        assert_eq!(re, Style::Percent { decimals: 0 });
        assert_eq!(value(Some(21.7), re), "22%");
        let unallocated = unallocated_cases::DEFINITION.style("percent");
        assert_eq!(value(Some(0.0132), unallocated), "0.0%");
        assert_eq!(re_referrals::DEFINITION.style("re_referrals"), Style::Count);
        assert_eq!(caseload::DEFINITION.style("average"), Style::Whole);
    }

    #[test]
    fn publishable_print_suppresses_small_counts_and_their_percentages() {
        use super::cp_visits::DEFINITION as VISITS;
        // cp_visits measures: visited, due, percent. 3 of 4 visited.
        let values = [Some(3.0), Some(4.0), Some(75.0)];
        assert_eq!(
            VISITS.suppressed("visited", &values, Some(5)),
            Some("<5".into())
        );
        assert_eq!(
            VISITS.suppressed("due", &values, Some(5)),
            Some("<5".into())
        );
        assert_eq!(
            VISITS.suppressed("percent", &values, Some(5)),
            Some("–".into())
        );
        // 0 is not suppressed (nothing to disclose); 5 is not below 5.
        let values = [Some(0.0), Some(5.0), Some(0.0)];
        assert_eq!(VISITS.suppressed("visited", &values, Some(5)), None);
        assert_eq!(VISITS.suppressed("due", &values, Some(5)), None);
        assert_eq!(VISITS.suppressed("percent", &values, Some(5)), None);
        // No threshold set: nothing suppressed.
        assert_eq!(
            VISITS.suppressed("visited", &[Some(1.0), Some(1.0), Some(100.0)], None),
            None
        );
    }
}
