//! The indicator registry: the fourteen indicators of `indicators.md`, in
//! the seed's numbering, each in its own file with its tests beside it.
//!
//! Everything else (the scorecard's columns, previous-6-months rules, JSON,
//! CSV, the page's sections, the print, the documentation) is generated
//! from [`ALL`], and everything about an indicator is in its own file:
//! definition, measures, default settings, commentary phrasing, display
//! precision, documentation text, counting and tests.
//!
//! # Adding an indicator
//!
//! 1. Copy the indicator file nearest in kind (a period percentage, a
//!    snapshot count, an as-at figure, a rolling average) to
//!    `indicators/<id>.rs` and rewrite it: the module header (what it
//!    measures, cohort, numerator, denominator, exclusions, spec section),
//!    the [`Definition`] (number, id, measures, defaults, `commentary`,
//!    `reads` for every counting setting it uses), `compute`, and unit
//!    tests with hand-worked values beside it.
//! 2. Add its id, in the seed's order, to the `registry!` list below.
//! 3. Regenerate what is generated and review the diffs:
//!    `cargo run -p xtask --bin indicator_docs` (docs/indicators.md),
//!    `UPDATE_SNAPSHOTS=1 cargo test --test example_seed` (the example's
//!    JSON snapshot), and the golden cases' `expected.json` from the
//!    independent reference (`tools/reference/`, which implements the spec
//!    separately and so gets the indicator too).
//!
//! `invariants::every_indicator_has_every_part` fails when a part is
//! missing; nothing else needs an edit (the page, the CLI, the exports and
//! the settings view list indicators from [`ALL`]).
//!
//! An indicator's `compute` returns, for one month, the raw sums of its
//! countable measures per team ([`MonthCounts`]); areas, percentages,
//! averages and rates are derived from them on read, in one place with one
//! rule (a zero denominator gives no value, at every level).

#[cfg(test)]
pub mod testing;

mod context;
pub(crate) mod counts;
mod definition;
mod measures;

pub use context::Context;
pub use counts::{DrillItem, MonthCounts, MonthFigures, Tally};
pub use definition::{Definition, Phrasing, Reads, Timing};
pub use measures::{MeasureDef, MeasureKind, Measured};

/// Declares each indicator's module and lists its definition in [`ALL`],
/// in order: one word per indicator.
macro_rules! registry {
    ($($indicator:ident),+ $(,)?) => {
        $(pub mod $indicator;)+

        /// Every indicator, in the seed's numbering.
        pub static ALL: &[&Definition] = &[$(&$indicator::DEFINITION),+];
    };
}

registry! {
    unallocated_cases,
    re_referrals,
    assessments_in_timescale,
    children_seen_at_assessment,
    cp_plans,
    cp_visits,
    children_in_care,
    care_leavers_eet,
    adoption_placement_order_to_match,
    adoption_entry_to_placement,
    supported_at_home,
    supervision,
    caseload,
    agency_staff,
}

/// The definition with this id.
pub(crate) fn by_id(id: &str) -> Option<&'static Definition> {
    ALL.iter().copied().find(|d| d.id == id)
}

/// Serde for `&'static Definition` as its id, so results can cross to and
/// from a Web Worker.
pub(crate) mod definition_by_id {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use super::{Definition, by_id};

    pub(crate) fn serialize<S: Serializer>(
        d: &&'static Definition,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(d.id)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<&'static Definition, D::Error> {
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
    use std::path::Path;

    /// The files of `indicators/` that are the registry's machinery, not indicators.
    const MACHINERY: [&str; 6] = [
        "mod",
        "context",
        "counts",
        "definition",
        "measures",
        "testing",
    ];

    /// The recipe in this module's header, checked: an indicator lacking
    /// any part, or a file not in the list, fails here with what is missing.
    #[test]
    fn every_indicator_has_every_part() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let read = |path: &Path| std::fs::read_to_string(path).unwrap();
        // Every indicator file is in the list, under its own id.
        let mut files: Vec<String> = std::fs::read_dir(root.join("src/indicators"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter_map(|path| Some(path.file_stem()?.to_str()?.to_string()))
            .filter(|stem| !MACHINERY.contains(&stem.as_str()))
            .collect();
        files.sort();
        let mut ids: Vec<String> = ids().map(String::from).collect();
        ids.sort();
        assert_eq!(files, ids, "indicator files and the registry! list differ");
        let docs = read(&root.join("../../docs/indicators.md"));
        let snapshot = read(&root.join("../../tests/snapshots/example_dec_2017.json"));
        for definition in ALL {
            let id = definition.id;
            let source = read(&root.join(format!("src/indicators/{id}.rs")));
            let part = |ok: bool, what: &str| assert!(ok, "indicator `{id}` lacks {what}");
            part(
                source.starts_with(&format!("//! Indicator {}, `{id}`", definition.number)),
                "a module header opening `//! Indicator N, `id``",
            );
            part(source.contains("#[cfg(test)]"), "unit tests beside it");
            part(
                definition.spec == format!("indicators.md, {} {id}", definition.number),
                "its spec section (`indicators.md, N id`)",
            );
            part(!definition.title.is_empty(), "a title");
            part(definition.about.ends_with('.'), "an `about` sentence");
            part(!definition.inputs.is_empty(), "its inputs");
            part(
                definition
                    .measures
                    .iter()
                    .filter(|m| m.is_shown())
                    .all(|m| !m.label.is_empty()),
                "a label for every shown measure",
            );
            part(
                definition.headline_index().is_some(),
                "a headline among its measures",
            );
            part(
                !definition.commentary.subjects.is_empty(),
                "a commentary phrasing",
            );
            for subject in definition.commentary.subjects {
                part(
                    subject.contains(&format!("{{{}", definition.headline)),
                    "a phrasing that names its headline",
                );
            }
            if let Some((measure, _)) = definition.commentary.national_rate {
                part(
                    definition.measure(measure).is_some(),
                    "its national-rate measure",
                );
            }
            part(
                docs.contains(&format!("`{id}`")) && docs.contains(definition.title),
                "its section in docs/indicators.md (cargo run -p xtask --bin indicator_docs)",
            );
            part(
                snapshot.contains(&format!("\"{id}\"")),
                "the example's snapshot (UPDATE_SNAPSHOTS=1 cargo test --test example_seed)",
            );
        }
    }

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
