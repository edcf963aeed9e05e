//! One indicator's definition: its facts as data (title, measures,
//! defaults, commentary phrasing, display precision, documentation) and the
//! function that counts a month. Everything about an indicator but its
//! arithmetic is read from here; nothing here knows another indicator.

use crate::areas::TeamType;
use crate::format::Style;
use crate::month::Month;
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode, Settings, TeamRow};
use crate::values::fold_name;

use super::context::Context;
use super::counts::MonthCounts;
use super::measures::{MeasureDef, MeasureKind, Measured, index_of};

/// How an indicator's months are placed in time (indicators.md, each "Kind").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timing {
    /// Events dated inside the month.
    Period,
    /// The state at `M_end`.
    Snapshot,
    /// Facts as at an extract dated in the month (allocation, List 9).
    AsAt,
    /// A rolling window ending `M_end`.
    Rolling,
}

/// A setting that can change what an indicator counts (settings.md). An
/// indicator declares those it reads and is shown only those (the rest at
/// their defaults, see [`Definition::counting_settings`]), so its counts
/// are a function of the data and what it declares: the figures cache
/// keeps them through any other edit, and a setting it forgot to declare
/// cannot be read by mistake (it reads as the default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reads {
    /// The team table's team types (caseloads by type).
    TeamTypes,
    UnallocatedPlaceholders,
    UnallocatedMinDays,
    /// Which extract is a month's as-at file (`as_at_grace_days`).
    AsAtGraceDays,
    AssessmentWorkingDays,
    StartDayCounts,
    /// The extra bank holidays, through the calendar of working days.
    BankHolidays,
    AdoptionA1Window,
    AdoptionA2Window,
    ExcludeEligibleChildren,
    CaseloadBasis,
    AgencyBasis,
}

/// A phrasing's placeholder filled from the settings: its name and how to
/// read it (e.g. indicator 1's `min_days`).
pub type SettingWord = (&'static str, fn(&Settings) -> f64);

/// How an indicator's headline is put into words in the first draft of its
/// commentary (`commentary.rs` renders it).
#[derive(Debug)]
pub struct Phrasing {
    /// The sentence's subject and verb with `{measure}` for a figure as the
    /// table shows it and `{measure|one|other}` for a word agreeing with it
    /// (`one` when the figure shows as `1`; `{a,b|one|other}` when either
    /// does, so "0 of 1 assessment was"). Tried in order: the first whose
    /// figures all have values is used.
    pub subjects: &'static [&'static str],
    /// Written after every figure in the headline's unit but a percentage.
    pub unit: &'static str,
    /// The national average's own measure and subject, when it is not in
    /// the headline's unit.
    pub national_rate: Option<(&'static str, &'static str)>,
    /// Placeholders filled from the settings (`{name}`, like a measure), so
    /// a wording follows the setting it describes.
    pub settings: &'static [SettingWord],
}

/// One indicator's definition: everything but its arithmetic is data.
#[derive(Debug)]
pub struct Definition {
    pub number: u8,
    pub id: &'static str,
    pub title: &'static str,
    /// What it counts, in a sentence (for the page's and print's "About these figures").
    pub about: &'static str,
    /// The spec section it implements.
    pub spec: &'static str,
    pub timing: Timing,
    pub measures: &'static [MeasureDef],
    pub headline: &'static str,
    /// Kinds it cannot do without.
    pub inputs: &'static [Kind],
    pub polarity: Polarity,
    pub target: Option<f64>,
    pub tolerance: Option<f64>,
    pub national: Option<f64>,
    pub statistical_neighbours: Option<f64>,
    pub previous_mode: PreviousMode,
    pub has_areas: bool,
    pub has_baseline: bool,
    /// Decimals its percentages are shown with (indicators.md, "Rounding":
    /// whole numbers, one decimal for indicator 1).
    pub percent_decimals: u8,
    /// How the commentary's first draft words the headline.
    pub commentary: Phrasing,
    pub compute: fn(&Context<'_>, Month) -> MonthCounts,
    /// The counting settings it reads: all it is shown of the settings
    /// (see `counting_settings`).
    pub reads: &'static [Reads],
    /// Kinds still needed for `month` (defaults to `inputs` not loaded).
    pub missing: Option<fn(&Context<'_>, Month) -> Vec<Kind>>,
}

impl Measured for Definition {
    fn measures(&self) -> &'static [MeasureDef] {
        self.measures
    }
}

/// Definitions are statics: two are the same when their ids are.
impl PartialEq for Definition {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Definition {
    /// Index of a measure by name.
    pub fn measure(&self, name: &str) -> Option<usize> {
        index_of(self.measures, name)
    }

    /// How a measure is shown (indicators.md, "Rounding"): percentages
    /// with the indicator's decimals, counts with thousands separators,
    /// days, caseloads and rates whole.
    pub fn style(&self, measure: &str) -> Style {
        let kind = self
            .measure(measure)
            .and_then(|i| self.measures.get(i))
            .map(|m| m.kind);
        match kind {
            Some(MeasureKind::Percent { .. }) => Style::Percent {
                decimals: usize::from(self.percent_decimals),
            },
            Some(MeasureKind::Count | MeasureKind::Hidden) => Style::Count,
            _ => Style::Whole,
        }
    }

    pub fn headline_index(&self) -> Option<usize> {
        self.measure(self.headline)
    }

    /// Whether the headline is a percentage (for the trend's stable band).
    pub(crate) fn headline_is_percent(&self) -> bool {
        self.headline_index()
            .and_then(|i| self.measures.get(i))
            .is_some_and(|m| matches!(m.kind, MeasureKind::Percent { .. }))
    }

    /// Whether the national and statistical-neighbour averages are rates
    /// per 10,000 children rather than in the headline's unit: a count
    /// headline beside a rate (CP plans, children in care; indicators.md).
    pub fn benchmarks_per_10k(&self) -> bool {
        let headline_is_count = self
            .headline_index()
            .and_then(|i| self.measures.get(i))
            .is_some_and(|m| m.kind == MeasureKind::Count);
        headline_is_count
            && self
                .measures
                .iter()
                .any(|m| matches!(m.kind, MeasureKind::Rate { .. }))
    }

    /// How a value prints in a "publishable" scorecard (settings
    /// `suppress_below`): counts from 1 up to (not including) the threshold
    /// print as `<N`, and a percentage whose denominator is below the threshold
    /// prints as `–`. `None` when the value prints as normal. The screen always
    /// shows true figures; only the print uses this.
    pub fn suppressed(
        &self,
        measure: &str,
        values: &[Option<f64>],
        threshold: Option<u32>,
    ) -> Option<String> {
        let threshold = f64::from(threshold?);
        let value_of = |name: &str| {
            self.measure(name)
                .and_then(|i| values.get(i).copied().flatten())
        };
        let kind = self
            .measure(measure)
            .and_then(|i| self.measures.get(i))
            .map(|m| m.kind)?;
        match kind {
            MeasureKind::Count => {
                let value = value_of(measure)?;
                (value > 0.0 && value < threshold).then(|| format!("<{threshold}"))
            }
            MeasureKind::Percent { den, .. } => {
                let denominator = value_of(den)?;
                (denominator < threshold && value_of(measure).is_some()).then(|| "–".to_string())
            }
            _ => None,
        }
    }

    /// The settings this indicator counts with: the defaults, but for
    /// the settings it reads (`reads`). Populations and the team table's
    /// areas are never among them: areas and rates are derived on read.
    pub(crate) fn counting_settings(&self, settings: &Settings) -> Settings {
        let mut counting = Settings::default();
        for read in self.reads {
            match read {
                Reads::TeamTypes => counting.teams = team_types(&settings.teams),
                Reads::UnallocatedPlaceholders => counting
                    .unallocated_placeholders
                    .clone_from(&settings.unallocated_placeholders),
                Reads::UnallocatedMinDays => {
                    counting.unallocated_min_days = settings.unallocated_min_days;
                }
                Reads::AsAtGraceDays => counting.as_at_grace_days = settings.as_at_grace_days,
                Reads::AssessmentWorkingDays => {
                    counting.assessment_working_days = settings.assessment_working_days;
                }
                Reads::StartDayCounts => counting.start_day_counts = settings.start_day_counts,
                Reads::BankHolidays => counting
                    .extra_bank_holidays
                    .clone_from(&settings.extra_bank_holidays),
                Reads::AdoptionA1Window => {
                    counting.adoption_a1_window_months = settings.adoption_a1_window_months;
                }
                Reads::AdoptionA2Window => {
                    counting.adoption_a2_window_months = settings.adoption_a2_window_months;
                }
                Reads::ExcludeEligibleChildren => {
                    counting.exclude_eligible_children = settings.exclude_eligible_children;
                }
                Reads::CaseloadBasis => counting.caseload_basis = settings.caseload_basis,
                Reads::AgencyBasis => counting.agency_basis = settings.agency_basis,
            }
        }
        counting
    }

    /// Kinds still needed for `month`.
    pub fn missing_inputs(&self, context: &Context<'_>, month: Month) -> Vec<Kind> {
        match self.missing {
            Some(missing) => missing(context, month),
            None => self
                .inputs
                .iter()
                .copied()
                .filter(|kind| !context.data.has(*kind))
                .collect(),
        }
    }
}

/// The team table as far as team types go, resolved as `Areas` resolves
/// it (a name's first row decides; a row with no known type gives none),
/// folded, sorted and without areas: moving a team to another area,
/// reordering the table or adding a team with no type leaves it equal, so
/// those edits recount nothing.
fn team_types(teams: &[TeamRow]) -> Vec<TeamRow> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut typed: Vec<TeamRow> = teams
        .iter()
        .filter_map(|row| {
            let team = fold_name(&row.team);
            if !seen.insert(team.clone()) {
                return None;
            }
            let team_type = row.team_type.as_deref().and_then(TeamType::parse)?;
            Some(TeamRow {
                team,
                area: String::new(),
                // The type's own name, which `TeamType::parse` reads back.
                team_type: Some(team_type.name().to_string()),
            })
        })
        .collect();
    typed.sort_by(|a, b| a.team.cmp(&b.team));
    typed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseloads_count_with_the_team_types_alone() {
        let row = |team: &str, area: &str, team_type: Option<&str>| TeamRow {
            team: team.into(),
            area: area.into(),
            team_type: team_type.map(String::from),
        };
        let table = vec![
            row("East A", "EAST", Some("Assessment")),
            row("West  CiC", "WEST", Some("children in care")),
            row("east a", "WEST", Some("Other")),
        ];
        let types = team_types(&table);
        // The first row of a name decides, names folded, sorted.
        assert_eq!(
            types,
            vec![
                row("east a", "", Some("assessment")),
                row("west cic", "", Some("children in care")),
            ]
        );
        // Moved, reordered, or joined by a team with no type: the same.
        let mut edited = vec![table[1].clone(), table[0].clone(), table[2].clone()];
        edited[0].area = "EAST".into();
        edited.push(row("Duty", "CITY", None));
        assert_eq!(team_types(&edited), types);
        // A type changed: different.
        edited[1].team_type = Some("Safeguarding".into());
        assert_ne!(team_types(&edited), types);
        // And every parsed type reads back as itself.
        for team_type in TeamType::ALL {
            let spaced = team_type.name();
            let name = team_types(&[row("T", "", Some(spaced))]);
            let back = name[0].team_type.as_deref().and_then(TeamType::parse);
            assert_eq!(back, Some(team_type));
        }
    }
}
