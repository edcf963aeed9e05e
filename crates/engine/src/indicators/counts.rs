//! One month's counts and figures: a [`Tally`] accumulates an indicator's
//! countable measures per team and for the LA; [`MonthCounts`] keeps the
//! sums; [`MonthFigures`] derives percentages, averages and rates from them
//! on read, with one rule (a zero denominator gives no value, at every level).

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use crate::areas::Areas;
use crate::diagnostics::Problem;
use crate::records::Team;
use crate::settings::Settings;

use super::measures::{MeasureDef, MeasureKind, Measured, index_of};

/// One month's counts as an indicator's `compute` leaves them: the raw sum
/// of each countable measure for the LA and for each team as the records
/// write it. Areas, percentages, averages and rates are derived from them
/// on read ([`MonthCounts::figures`]), so an edit to the team table or the
/// populations needs no recount (decisions.md 33).
#[derive(Clone, Debug, PartialEq)]
pub struct MonthCounts {
    /// `la[measure]`: every record counted, Unmapped and Unassigned included.
    la: Vec<f64>,
    /// Measures with no value this month (e.g. no allocation extract).
    unavailable: Vec<bool>,
    /// Each team that held a counted record, once per spelling, with its sums.
    teams: Vec<(Team, Vec<f64>)>,
    pub notes: Vec<String>,
    /// Findings made while counting (e.g. an allocated name matching no
    /// worker); the scorecard reports those of the reporting month.
    pub problems: Vec<Problem>,
    /// The records behind each count, when the context asked for them.
    pub drill: Vec<DrillItem>,
}

/// One month's figures: the LA's and each area's, derived from its counts.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthFigures {
    pub la: Vec<Option<f64>>,
    /// By area slot (table areas, Unmapped, Unassigned); `None` for
    /// Unmapped/Unassigned when nothing counted fell there.
    pub areas: Vec<Option<Vec<Option<f64>>>>,
    pub notes: Vec<String>,
    pub problems: Vec<Problem>,
}

/// One record counted in a measure: the drill-down's row.
#[derive(Clone, Debug, PartialEq)]
pub struct DrillItem {
    pub measure: &'static str,
    /// The record's team (its area is looked up when the row is shown).
    pub team: Team,
    pub source: crate::records::Source,
    /// The child (or worker) the record is about, shared by the record's
    /// counts (a record counts in up to a few measures).
    pub subject: Arc<str>,
    pub amount: f64,
}

impl MonthCounts {
    /// No value for any measure (inputs missing or month not covered).
    pub fn none(definition: &impl Measured) -> MonthCounts {
        let width = definition.measures().len();
        MonthCounts {
            la: vec![0.0; width],
            unavailable: vec![true; width],
            teams: Vec::new(),
            notes: Vec::new(),
            problems: Vec::new(),
            drill: Vec::new(),
        }
    }

    /// Whether every input the indicator reads covers the month by the
    /// coverage rules of inputs.md (history.md, "Using it", rule 1): no
    /// measure went without a value for want of an input, its coverage or
    /// an as-at extract. Only then do the extracts win over the history.
    /// (An adoption window partly covered counts as covered: inputs.md
    /// computes it once `M_end` is covered.)
    pub fn covered(&self) -> bool {
        !self.unavailable.iter().any(|&unavailable| unavailable)
    }

    /// The LA's values: percentages, averages and rates derived from the
    /// sums with one rule (a zero denominator gives no value).
    pub(crate) fn la_values(
        &self,
        definition: &impl Measured,
        settings: &Settings,
    ) -> Vec<Option<f64>> {
        self.derive(definition, &self.la, settings.total_population())
    }

    /// The LA's and each area's values, teams placed in areas by `areas`
    /// (table areas are always listed; Unmapped and Unassigned when a
    /// counted record fell there).
    pub fn figures(
        &self,
        definition: &impl Measured,
        areas: &Areas,
        settings: &Settings,
    ) -> MonthFigures {
        let width = definition.measures().len();
        let mut sums = vec![vec![0.0; width]; areas.slots()];
        let mut touched = vec![false; areas.slots()];
        for (team, team_sums) in &self.teams {
            let slot = areas.area_of(team);
            if let Some(row) = sums.get_mut(slot) {
                for (sum, add) in row.iter_mut().zip(team_sums) {
                    *sum += add;
                }
            }
            if let Some(flag) = touched.get_mut(slot) {
                *flag = true;
            }
        }
        let by_area = sums
            .iter()
            .enumerate()
            .map(|(slot, row)| {
                let listed =
                    slot < areas.table_len() || touched.get(slot).copied().unwrap_or(false);
                listed.then(|| self.derive(definition, row, settings.population(areas.name(slot))))
            })
            .collect();
        MonthFigures {
            la: self.la_values(definition, settings),
            areas: by_area,
            notes: self.notes.clone(),
            problems: self.problems.clone(),
        }
    }

    /// These counts without the drill-down (what is kept of a month no
    /// longer reported).
    pub(crate) fn without_drill(&self) -> MonthCounts {
        MonthCounts {
            la: self.la.clone(),
            unavailable: self.unavailable.clone(),
            teams: self.teams.clone(),
            notes: self.notes.clone(),
            problems: self.problems.clone(),
            drill: Vec::new(),
        }
    }

    fn derive(
        &self,
        definition: &impl Measured,
        sums: &[f64],
        population: Option<f64>,
    ) -> Vec<Option<f64>> {
        let raw = |name: &str| -> Option<f64> {
            let index = index_of(definition.measures(), name)?;
            if self.unavailable.get(index).copied().unwrap_or(true) {
                return None;
            }
            sums.get(index).copied()
        };
        definition
            .measures()
            .iter()
            .map(|measure| match measure.kind {
                MeasureKind::Count | MeasureKind::Hidden => raw(measure.name),
                MeasureKind::Percent { num, den } => ratio(raw(num).map(|n| n * 100.0), raw(den)),
                MeasureKind::Average { num, den } => ratio(raw(num), raw(den)),
                MeasureKind::Rate { count } => ratio(raw(count).map(|n| n * 10_000.0), population),
            })
            .collect()
    }
}

impl MonthFigures {
    pub fn value(&self, definition: &impl Measured, measure: &str) -> Option<f64> {
        index_of(definition.measures(), measure).and_then(|i| self.la.get(i).copied().flatten())
    }

    /// One area's value of a measure (the indicators' tests read areas so).
    #[cfg(test)]
    pub(crate) fn area_value(
        &self,
        definition: &impl Measured,
        area: crate::areas::AreaId,
        measure: &str,
    ) -> Option<f64> {
        let index = index_of(definition.measures(), measure)?;
        self.areas
            .get(area)?
            .as_ref()?
            .get(index)
            .copied()
            .flatten()
    }
}

/// Accumulates an indicator's countable measures for one month, per team
/// and for the LA (the sum over every team, blank and unknown included).
pub struct Tally {
    measures: &'static [MeasureDef],
    la: Vec<f64>,
    teams: Vec<(Team, Vec<f64>)>,
    /// Row of `teams` by the team's address (`Name::address`): quicker
    /// than hashing the text for every record.
    team_rows: HashMap<usize, usize>,
    unavailable: Vec<bool>,
    pub notes: Vec<String>,
    pub problems: Vec<Problem>,
    /// The record being counted (set by `about`), for the drill-down.
    current: Option<(crate::records::Source, Arc<str>)>,
    drill: Option<Vec<DrillItem>>,
}

impl Tally {
    pub fn new(definition: &'static impl Measured) -> Tally {
        let measures = definition.measures();
        let width = measures.len();
        Tally {
            measures,
            la: vec![0.0; width],
            teams: Vec::new(),
            team_rows: HashMap::default(),
            unavailable: vec![false; width],
            notes: Vec::new(),
            problems: Vec::new(),
            current: None,
            drill: None,
        }
    }

    /// Keeps the records behind each count (the reporting month's drill-down).
    pub(super) fn keeping_records(mut self) -> Tally {
        self.drill = Some(Vec::new());
        self
    }

    /// Names the record the next counts come from (for the drill-down).
    pub fn about(&mut self, source: crate::records::Source, subject: &str) {
        if self.drill.is_some() {
            self.current = Some((source, Arc::from(subject)));
        }
    }

    /// The row of `team`'s sums, added on its first count.
    fn team_row(&mut self, team: &Team) -> usize {
        let width = self.measures.len();
        let teams = &mut self.teams;
        *self.team_rows.entry(team.address()).or_insert_with(|| {
            teams.push((team.clone(), vec![0.0; width]));
            teams.len() - 1
        })
    }

    /// Adds `amount` to a measure for a team (and so its area) and the LA.
    pub fn add(&mut self, team: &Team, measure: &MeasureDef, amount: f64) {
        let Some(index) = index_of(self.measures, measure.name) else {
            debug_assert!(false, "unknown measure {}", measure.name);
            return;
        };
        let row = self.team_row(team);
        if let Some(cell) = self
            .teams
            .get_mut(row)
            .and_then(|(_, sums)| sums.get_mut(index))
        {
            *cell += amount;
        }
        if let Some(cell) = self.la.get_mut(index) {
            *cell += amount;
        }
        if let (Some(drill), Some((source, subject))) = (self.drill.as_mut(), &self.current) {
            if let Some(measure) = self.measures.get(index) {
                drill.push(DrillItem {
                    measure: measure.name,
                    team: team.clone(),
                    source: *source,
                    subject: Arc::clone(subject),
                    amount,
                });
            }
        }
    }

    /// Counts one for a measure.
    pub fn count(&mut self, team: &Team, measure: &MeasureDef) {
        self.add(team, measure, 1.0);
    }

    /// Marks a measure as having no value this month (e.g. no allocation extract).
    pub(crate) fn unavailable(&mut self, measure: &MeasureDef) {
        if let Some(flag) =
            index_of(self.measures, measure.name).and_then(|i| self.unavailable.get_mut(i))
        {
            *flag = true;
        }
    }

    /// The month's counts, each team's spellings' sums kept once per text
    /// (files are interned apart, so one team can arrive at several addresses).
    pub fn finish(self) -> MonthCounts {
        let mut teams: Vec<(Team, Vec<f64>)> = Vec::with_capacity(self.teams.len());
        let mut row_of: HashMap<&str, usize> = HashMap::default();
        for (team, sums) in &self.teams {
            match row_of.get(team.as_str()) {
                Some(&row) => {
                    if let Some((_, kept)) = teams.get_mut(row) {
                        for (sum, add) in kept.iter_mut().zip(sums) {
                            *sum += add;
                        }
                    }
                }
                None => {
                    row_of.insert(team.as_str(), teams.len());
                    teams.push((team.clone(), sums.clone()));
                }
            }
        }
        MonthCounts {
            la: self.la,
            unavailable: self.unavailable,
            teams,
            notes: self.notes,
            problems: self.problems,
            drill: self.drill.unwrap_or_default(),
        }
    }
}

/// `num ÷ den`, or no value when either is missing or the denominator is 0.
pub(crate) fn ratio(num: Option<f64>, den: Option<f64>) -> Option<f64> {
    match (num, den) {
        (Some(num), Some(den)) if den != 0.0 => Some(num / den),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{AreaRow, TeamRow};

    const COUNT_ALL: MeasureDef = MeasureDef::count("count_all", "Children in care");
    const COUNT: MeasureDef = MeasureDef::count("count", "Children");

    /// Measures like children in care's: a count and its rate per 10,000.
    struct InCare;
    impl Measured for InCare {
        fn measures(&self) -> &'static [MeasureDef] {
            const MEASURES: &[MeasureDef] = &[
                COUNT_ALL,
                MeasureDef::rate("rate_per_10k", "Rate per 10,000", COUNT_ALL.name),
            ];
            MEASURES
        }
    }

    /// One count, like CP plans' headline.
    struct Plans;
    impl Measured for Plans {
        fn measures(&self) -> &'static [MeasureDef] {
            const MEASURES: &[MeasureDef] = &[COUNT];
            MEASURES
        }
    }

    fn settings() -> Settings {
        let team = |team: &str, area: &str| TeamRow {
            team: team.into(),
            area: area.into(),
            team_type: None,
        };
        Settings {
            teams: vec![
                team("East A", "EAST"),
                team("East B", "EAST"),
                team("West A", "WEST"),
            ],
            areas: vec![
                AreaRow {
                    area: "EAST".into(),
                    population_0_17: Some(2_000.0),
                },
                AreaRow {
                    area: "WEST".into(),
                    population_0_17: Some(500.0),
                },
            ],
            ..Settings::default()
        }
    }

    #[test]
    fn areas_and_rates_are_derived_from_the_teams_sums() {
        // Children in care: count_all and its rate per 10,000.
        let definition = &InCare;
        let mut tally = Tally::new(definition);
        // "East A" twice from two files (two allocations of one text).
        for team in ["East A", "East A", "east b", "West A", "Nowhere", ""] {
            tally.count(&Team::from(team), &COUNT_ALL);
        }
        let counts = tally.finish();
        // Six records, five teams: the two "East A" kept as one, with both.
        assert_eq!(counts.teams.len(), 5);
        assert_eq!(counts.teams[0].0.as_str(), "East A");
        let count_all = index_of(definition.measures(), "count_all").unwrap();
        assert_eq!(counts.teams[0].1[count_all], 2.0);
        let settings = settings();
        let areas = Areas::new(&settings);
        let figures = counts.figures(definition, &areas, &settings);
        let value = |area: usize| figures.area_value(definition, area, "count_all");
        let rate = |area: usize| figures.area_value(definition, area, "rate_per_10k");
        // EAST: East A ×2 and East B (matched whatever its case) = 3 of 2,000.
        assert_eq!((value(0), rate(0)), (Some(3.0), Some(15.0)));
        // WEST: 1 of 500 = 20 per 10,000.
        assert_eq!((value(1), rate(1)), (Some(1.0), Some(20.0)));
        // A team not in the table and a blank one: listed, with no rate.
        assert_eq!(
            (value(areas.unmapped()), rate(areas.unmapped())),
            (Some(1.0), None)
        );
        assert_eq!(value(areas.unassigned()), Some(1.0));
        // The LA: all six over the two populations (2,500).
        assert_eq!(figures.value(definition, "count_all"), Some(6.0));
        assert_eq!(figures.value(definition, "rate_per_10k"), Some(24.0));

        // The same counts, East B moved to WEST and WEST's population
        // halved: read again, not recounted.
        let mut moved = settings.clone();
        moved.teams[1].area = "WEST".into();
        moved.areas[1].population_0_17 = Some(250.0);
        let areas = Areas::new(&moved);
        let figures = counts.figures(definition, &areas, &moved);
        assert_eq!(figures.area_value(definition, 0, "count_all"), Some(2.0));
        assert_eq!(figures.area_value(definition, 1, "count_all"), Some(2.0));
        assert_eq!(
            figures.area_value(definition, 1, "rate_per_10k"),
            Some(80.0)
        );
    }

    #[test]
    fn untouched_unmapped_and_unassigned_are_not_listed() {
        let definition = &Plans;
        let mut tally = Tally::new(definition);
        tally.count(&Team::from("West A"), &COUNT);
        let settings = settings();
        let areas = Areas::new(&settings);
        let figures = tally.finish().figures(definition, &areas, &settings);
        assert_eq!(figures.areas.len(), 4);
        assert_eq!(figures.area_value(definition, 0, "count"), Some(0.0));
        assert!(figures.areas[areas.unmapped()].is_none());
        assert!(figures.areas[areas.unassigned()].is_none());
        // No value at all when the inputs are missing.
        let none = MonthCounts::none(definition).figures(definition, &areas, &settings);
        assert_eq!(none.value(definition, "count"), None);
        assert_eq!(none.area_value(definition, 0, "count"), None);
    }
}
