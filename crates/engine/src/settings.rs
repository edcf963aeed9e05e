//! The settings document (`settings.md`): teams → areas, populations,
//! per-indicator targets and benchmarks, and options.
//!
//! Owns: the document's shape, its defaults, JSON read/write, the names its
//! choices have in the document (`Basis`, `Polarity`, `PreviousMode`:
//! `as_str`, `parse`, `ALL`, which the page's settings editor uses as its
//! option values), and the resolution of per-indicator overrides against the
//! registry's defaults. Unknown keys are rejected by name. It must not know
//! how indicators compute.

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize};

use crate::month::Month;

/// The whole settings document, as stored in `scorecard-settings.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub version: u32,
    pub la_name: String,
    pub protective_marking: String,
    /// Heads the print, Word and Excel (settings.md).
    pub report_title: String,
    /// E.g. "Agenda item 4".
    pub report_subtitle: String,
    /// E.g. the performance team's name.
    pub report_author: String,
    pub teams: Vec<TeamRow>,
    pub areas: Vec<AreaRow>,
    pub population_year: Option<String>,
    pub indicators: std::collections::BTreeMap<String, IndicatorOverrides>,
    pub unallocated_placeholders: Vec<String>,
    pub unallocated_min_days: i64,
    /// An as-at month (allocation, List 9) uses an extract dated in the
    /// month or up to this many days after it (0–31).
    pub as_at_grace_days: i64,
    pub assessment_working_days: i64,
    pub start_day_counts: bool,
    pub extra_bank_holidays: Vec<Date>,
    pub adoption_a2_window_months: i32,
    pub adoption_a1_window_months: i32,
    pub exclude_eligible_children: bool,
    pub caseload_basis: Basis,
    pub agency_basis: Basis,
    pub suppress_below: Option<u32>,
    /// Show the same month last year as a column (history.md).
    pub show_last_year: bool,
    /// Show the financial year to date as a column, for period indicators.
    pub show_year_to_date: bool,
    /// Months in the series, the charts and their figures tables (13–60).
    pub series_months: u32,
}

/// One row of the team table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamRow {
    pub team: String,
    pub area: String,
    #[serde(default)]
    pub team_type: Option<String>,
}

/// One area and its 0–17 population (for rates per 10,000).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaRow {
    pub area: String,
    #[serde(default)]
    pub population_0_17: Option<f64>,
}

/// Whether caseloads and agency shares count full-time equivalents or heads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    Fte,
    Headcount,
}

/// Which way is better for an indicator's headline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Up,
    Down,
    None,
}

/// How the previous-6-months column shows counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PreviousMode {
    Cumulative,
    Average,
}

/// The document's names of a choice (`"fte"`, `"up"`, `"cumulative"` …),
/// the same words serde reads and writes: one table per enum, so a name
/// and its value cannot drift apart.
macro_rules! names {
    ($kind:ident { $($value:ident => $name:literal),+ $(,)? }) => {
        impl $kind {
            /// Every value, in the order the settings editor offers them.
            pub const ALL: [$kind; [$($name),+].len()] = [$($kind::$value),+];

            /// The value's name in the settings document.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($kind::$value => $name,)+
                }
            }

            /// The value a name in the settings document gives; `None` for
            /// any other text.
            pub fn parse(text: &str) -> Option<$kind> {
                match text {
                    $($name => Some($kind::$value),)+
                    _ => None,
                }
            }
        }
    };
}

names!(Basis { Fte => "fte", Headcount => "headcount" });
names!(Polarity { Up => "up", Down => "down", None => "none" });
names!(PreviousMode { Average => "average", Cumulative => "cumulative" });

/// A setting that may be absent (take the default) or `null` (none).
/// `Keep` is "key missing"; `Set(None)` is an explicit `null`.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Override<T> {
    #[default]
    Keep,
    Set(Option<T>),
}

impl<T: Clone> Override<T> {
    /// The value after applying this override to `default`.
    pub fn resolve(&self, default: Option<T>) -> Option<T> {
        match self {
            Override::Keep => default,
            Override::Set(value) => value.clone(),
        }
    }

    fn is_keep(&self) -> bool {
        matches!(self, Override::Keep)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Override<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Only called when the key is present, so absent keys stay `Keep` via `default`.
        Option::<T>::deserialize(deserializer).map(Override::Set)
    }
}

impl<T: Serialize> Serialize for Override<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Override::Keep | Override::Set(None) => serializer.serialize_none(),
            Override::Set(Some(value)) => value.serialize(serializer),
        }
    }
}

/// Per-indicator settings; every field may be missing (default) or null (none).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IndicatorOverrides {
    #[serde(skip_serializing_if = "Override::is_keep")]
    pub target: Override<f64>,
    #[serde(skip_serializing_if = "Override::is_keep")]
    pub tolerance: Override<f64>,
    #[serde(skip_serializing_if = "Override::is_keep")]
    pub polarity: Override<Polarity>,
    #[serde(skip_serializing_if = "Override::is_keep")]
    pub previous_mode: Override<PreviousMode>,
    #[serde(skip_serializing_if = "Override::is_keep")]
    pub national: Override<f64>,
    #[serde(skip_serializing_if = "Override::is_keep")]
    pub statistical_neighbours: Override<f64>,
    #[serde(skip_serializing_if = "Override::is_keep")]
    pub benchmark_year: Override<String>,
    #[serde(skip_serializing_if = "Override::is_keep")]
    pub baseline_month: Override<Month>,
}

impl IndicatorOverrides {
    /// The indicator's polarity: the override when one is set (`null` is
    /// `none`: not rated), else the registry's `default`.
    pub fn resolved_polarity(&self, default: Polarity) -> Polarity {
        self.polarity
            .resolve(Some(default))
            .unwrap_or(Polarity::None)
    }

    /// How its previous-6-months column shows counts: the override when one
    /// is set (`null` is `average`), else the registry's `default`.
    pub fn resolved_previous_mode(&self, default: PreviousMode) -> PreviousMode {
        self.previous_mode
            .resolve(Some(default))
            .unwrap_or(PreviousMode::Average)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: 1,
            la_name: String::new(),
            protective_marking: "OFFICIAL".to_string(),
            report_title: "Performance scorecard".to_string(),
            report_subtitle: String::new(),
            report_author: String::new(),
            teams: Vec::new(),
            areas: Vec::new(),
            population_year: None,
            indicators: Default::default(),
            unallocated_placeholders: [
                "unallocated",
                "duty",
                "none",
                "n/a",
                "tbc",
                "referral coordinator",
            ]
            .map(String::from)
            .to_vec(),
            unallocated_min_days: 7,
            as_at_grace_days: 7,
            assessment_working_days: 45,
            start_day_counts: false,
            extra_bank_holidays: Vec::new(),
            adoption_a2_window_months: 12,
            adoption_a1_window_months: 36,
            exclude_eligible_children: true,
            caseload_basis: Basis::Fte,
            agency_basis: Basis::Fte,
            suppress_below: None,
            show_last_year: false,
            show_year_to_date: false,
            series_months: SERIES_MONTHS.start,
        }
    }
}

/// How many months a series may show (settings.md, `series_months`): at
/// least the 13 the previous 6 months and last year need, at most 60.
pub const SERIES_MONTHS: std::ops::Range<u32> = 13..61;

/// Why a settings document was refused.
#[derive(Clone, Debug, PartialEq)]
pub struct SettingsError(pub String);

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SettingsError {}

impl Settings {
    /// Writes the document as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Whether a text looks like a settings document: a JSON object with `"version"`.
    pub(crate) fn looks_like_settings(text: &str) -> bool {
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        trimmed.starts_with('{')
            && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(trimmed)
                .is_ok_and(|object| object.contains_key("version"))
    }

    /// The overrides for one indicator (empty when none set).
    pub fn overrides(&self, id: &str) -> IndicatorOverrides {
        self.indicators.get(id).cloned().unwrap_or_default()
    }

    /// The population of an area, when set.
    pub fn population(&self, area: &str) -> Option<f64> {
        self.areas
            .iter()
            .find(|row| row.area == area)
            .and_then(|row| row.population_0_17)
    }

    /// The LA's population: the sum of the areas' populations that are set.
    pub(crate) fn total_population(&self) -> Option<f64> {
        let set: Vec<f64> = self
            .areas
            .iter()
            .filter_map(|row| row.population_0_17)
            .collect();
        (!set.is_empty()).then(|| set.iter().sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_document_takes_every_default() {
        let settings = Settings::from_json(r#"{"version": 1}"#).unwrap();
        assert_eq!(settings, Settings::default());
        assert_eq!(settings.unallocated_min_days, 7);
        assert_eq!(settings.as_at_grace_days, 7);
        assert_eq!(settings.adoption_a1_window_months, 36);
    }

    #[test]
    fn unknown_key_is_named() {
        let error = Settings::from_json(r#"{"version": 1, "la_nmae": "x"}"#).unwrap_err();
        assert!(error.0.contains("la_nmae"), "{error}");
        let error =
            Settings::from_json(r#"{"version": 1, "indicators": {"cp_plans": {"tagret": 3}}}"#)
                .unwrap_err();
        assert!(error.0.contains("tagret"), "{error}");
        let error =
            Settings::from_json(r#"{"version": 1, "indicators": {"cp_plan": {}}}"#).unwrap_err();
        assert!(error.0.contains("cp_plan"), "{error}");
    }

    #[test]
    fn missing_key_keeps_default_and_null_means_none() {
        let settings = Settings::from_json(
            r#"{"version": 1, "indicators": {"cp_plans": {"target": 10, "tolerance": null}}}"#,
        )
        .unwrap();
        let overrides = settings.overrides("cp_plans");
        assert_eq!(overrides.target.resolve(None), Some(10.0));
        assert_eq!(overrides.tolerance.resolve(Some(5.0)), None);
        assert_eq!(overrides.national.resolve(Some(43.0)), Some(43.0));
    }

    #[test]
    fn round_trips_through_json() {
        let mut settings = Settings::from_json(
            r#"{"version": 1, "la_name": "Example", "areas": [{"area": "EAST", "population_0_17": 107112}],
               "indicators": {"cp_plans": {"polarity": "down", "tolerance": null, "baseline_month": "2017-03"}},
               "extra_bank_holidays": ["2017-12-27"]}"#,
        )
        .unwrap();
        settings.teams.push(TeamRow {
            team: "East Assessment".into(),
            area: "EAST".into(),
            team_type: Some("Assessment".into()),
        });
        let again = Settings::from_json(&settings.to_json()).unwrap();
        assert_eq!(again, settings);
        assert_eq!(again.total_population(), Some(107112.0));
    }

    #[test]
    fn recognises_a_settings_document() {
        assert!(Settings::looks_like_settings("\u{feff} {\"version\": 1}"));
        assert!(!Settings::looks_like_settings("{\"la_name\": 1}"));
        assert!(!Settings::looks_like_settings("Child Unique ID,Date"));
    }

    // settings.md: `as_at_grace_days` is 0–31.
    #[test]
    fn as_at_grace_days_is_0_to_31() {
        for (days, ok) in [(-1, false), (0, true), (31, true), (32, false)] {
            let text = format!(r#"{{"version": 1, "as_at_grace_days": {days}}}"#);
            let result = Settings::from_json(&text);
            assert_eq!(result.is_ok(), ok, "{days}: {result:?}");
            if let Err(error) = result {
                assert!(error.0.contains("as_at_grace_days"), "{error}");
            }
        }
    }

    #[test]
    fn choices_have_the_documents_names() {
        // Each name is the one serde reads and writes, and parses back.
        fn check<T>(all: &[T], as_str: fn(T) -> &'static str, parse: fn(&str) -> Option<T>)
        where
            T: Copy + PartialEq + std::fmt::Debug + Serialize,
        {
            for &value in all {
                let name = as_str(value);
                assert_eq!(
                    serde_json::to_string(&value).unwrap(),
                    format!("\"{name}\"")
                );
                assert_eq!(parse(name), Some(value));
            }
        }
        check(&Basis::ALL, Basis::as_str, Basis::parse);
        check(&Polarity::ALL, Polarity::as_str, Polarity::parse);
        check(
            &PreviousMode::ALL,
            PreviousMode::as_str,
            PreviousMode::parse,
        );
        // In the editor's order.
        assert_eq!(Basis::ALL.map(Basis::as_str), ["fte", "headcount"]);
        assert_eq!(Polarity::ALL.map(Polarity::as_str), ["up", "down", "none"]);
        assert_eq!(
            PreviousMode::ALL.map(PreviousMode::as_str),
            ["average", "cumulative"]
        );
        // Anything else is no value (the names are exact: lower case).
        assert_eq!(Polarity::parse("Up"), None);
        assert_eq!(Polarity::parse(""), None);
        assert_eq!(PreviousMode::parse("sum"), None);
        assert_eq!(Basis::parse("FTE"), None);
    }

    #[test]
    fn polarity_and_previous_mode_resolve_against_the_registry() {
        let settings = Settings::from_json(
            r#"{"version": 1, "indicators": {
                "cp_plans": {"polarity": "up", "previous_mode": "cumulative"},
                "re_referrals": {"polarity": null, "previous_mode": null}}}"#,
        )
        .unwrap();
        let set = settings.overrides("cp_plans");
        assert_eq!(set.resolved_polarity(Polarity::Down), Polarity::Up);
        assert_eq!(
            set.resolved_previous_mode(PreviousMode::Average),
            PreviousMode::Cumulative
        );
        // `null`: not rated, and averaged.
        let null = settings.overrides("re_referrals");
        assert_eq!(null.resolved_polarity(Polarity::Down), Polarity::None);
        assert_eq!(
            null.resolved_previous_mode(PreviousMode::Cumulative),
            PreviousMode::Average
        );
        // Absent: the registry's.
        let absent = settings.overrides("caseload");
        assert_eq!(absent.resolved_polarity(Polarity::Down), Polarity::Down);
        assert_eq!(
            absent.resolved_previous_mode(PreviousMode::Cumulative),
            PreviousMode::Cumulative
        );
    }

    #[test]
    fn refuses_other_versions() {
        assert!(Settings::from_json(r#"{"version": 2}"#).is_err());
    }
}
