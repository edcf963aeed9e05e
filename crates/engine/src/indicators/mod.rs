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

use rustc_hash::FxHashMap as HashMap;
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use jiff::civil::Date;

use crate::areas::{AreaId, Areas, TeamType};
use crate::calendar::Calendar;
use crate::dataset::Dataset;
use crate::diagnostics::Problem;
use crate::month::Month;
use crate::records::{CinEpisode, Rec, Team, open_at};
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode, Settings, TeamRow};
use crate::values::fold_name;

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

/// What a measure is, which fixes how it is derived and summarised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeasureKind {
    /// A count of children, records or workers (or an FTE sum).
    Count,
    /// A part used to derive other measures; not shown.
    Hidden,
    /// `num ÷ den × 100`; previous = Σnum ÷ Σden.
    Percent {
        num: &'static str,
        den: &'static str,
    },
    /// `num ÷ den` (average days, caseloads); previous = mean of months.
    Average {
        num: &'static str,
        den: &'static str,
    },
    /// `count ÷ population × 10,000`; previous = mean of months.
    Rate { count: &'static str },
}

/// One row of an indicator's table.
#[derive(Debug)]
pub struct MeasureDef {
    /// The measure's name in JSON and `data-measure`.
    pub name: &'static str,
    /// The row label a person reads.
    pub label: &'static str,
    pub kind: MeasureKind,
}

impl MeasureDef {
    pub const fn count(name: &'static str, label: &'static str) -> MeasureDef {
        MeasureDef {
            name,
            label,
            kind: MeasureKind::Count,
        }
    }

    pub const fn hidden(name: &'static str) -> MeasureDef {
        MeasureDef {
            name,
            label: "",
            kind: MeasureKind::Hidden,
        }
    }

    pub const fn percent(
        name: &'static str,
        label: &'static str,
        num: &'static str,
        den: &'static str,
    ) -> MeasureDef {
        MeasureDef {
            name,
            label,
            kind: MeasureKind::Percent { num, den },
        }
    }

    pub const fn average(
        name: &'static str,
        label: &'static str,
        num: &'static str,
        den: &'static str,
    ) -> MeasureDef {
        MeasureDef {
            name,
            label,
            kind: MeasureKind::Average { num, den },
        }
    }

    pub const fn rate(name: &'static str, label: &'static str, count: &'static str) -> MeasureDef {
        MeasureDef {
            name,
            label,
            kind: MeasureKind::Rate { count },
        }
    }

    pub fn is_shown(&self) -> bool {
        self.kind != MeasureKind::Hidden
    }
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
    pub compute: fn(&Context<'_>, Month) -> MonthCounts,
    /// The counting settings it reads: all it is shown of the settings
    /// (see `counting_settings`).
    pub reads: &'static [Reads],
    /// Kinds still needed for `month` (defaults to `inputs` not loaded).
    pub missing: Option<fn(&Context<'_>, Month) -> Vec<Kind>>,
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
        // Tallies look measures up for every record counted, mostly by the
        // very literal the definition holds (one copy in an optimised
        // build): compare addresses before comparing text.
        self.measures
            .iter()
            .position(|m| std::ptr::eq(m.name, name))
            .or_else(|| self.measures.iter().position(|m| m.name == name))
    }

    pub fn headline_index(&self) -> Option<usize> {
        self.measure(self.headline)
    }

    /// Whether the headline is a percentage (for the trend's stable band).
    pub fn headline_is_percent(&self) -> bool {
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

    /// The settings this indicator counts with: the defaults, but for
    /// the settings it reads (`reads`). Populations and the team table's
    /// areas are never among them: areas and rates are derived on read.
    pub fn counting_settings(&self, settings: &Settings) -> Settings {
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
                team_type: Some(team_type.snake().replace('_', " ")),
            })
        })
        .collect();
    typed.sort_by(|a, b| a.team.cmp(&b.team));
    typed
}

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

/// Each child's latest List 6 episode open at a day, with its position
/// among the merged records.
type OpenCin<'a> = (Date, Rc<Vec<(usize, &'a Rec<CinEpisode>)>>);

/// What the indicators of one compute choose once and share (none of it
/// depends on a setting).
#[derive(Default)]
struct Shared<'a> {
    referral_dates: OnceCell<HashMap<&'a str, Vec<Date>>>,
    /// `open_cin_at` by day, for the compute's life.
    open_cin: RefCell<Vec<OpenCin<'a>>>,
}

/// What an indicator computes from.
pub struct Context<'a> {
    pub data: &'a Dataset,
    /// In a scorecard's compute, the indicator's counting settings
    /// ([`Definition::counting_settings`]): the defaults but for what it reads.
    pub settings: &'a Settings,
    pub calendar: &'a Calendar,
    /// The team table (caseloads' team types; the others count by team
    /// and never look areas up).
    pub areas: &'a Areas,
    shared: Rc<Shared<'a>>,
    /// Whether tallies keep the records behind each count (the reporting
    /// month's drill-down); off for the other twelve months.
    pub drill: Cell<bool>,
}

impl<'a> Context<'a> {
    pub fn new(
        data: &'a Dataset,
        settings: &'a Settings,
        calendar: &'a Calendar,
        areas: &'a Areas,
    ) -> Context<'a> {
        Context {
            data,
            settings,
            calendar,
            areas,
            shared: Rc::default(),
            drill: Cell::new(false),
        }
    }

    /// A context on the same data with other settings, sharing what this
    /// one has chosen already (one per indicator in a scorecard's compute).
    pub fn with_settings(
        &self,
        settings: &'a Settings,
        calendar: &'a Calendar,
        areas: &'a Areas,
    ) -> Context<'a> {
        Context {
            data: self.data,
            settings,
            calendar,
            areas,
            shared: Rc::clone(&self.shared),
            drill: Cell::new(false),
        }
    }

    /// Each child's latest List 6 episode open at `day`, with its position
    /// in `merged()`: indicators 1 and 13 both count from it each month,
    /// so it is chosen once.
    pub fn open_cin_at(&self, day: Date) -> Rc<Vec<(usize, &'a Rec<CinEpisode>)>> {
        let chosen = &self.shared.open_cin;
        if let Some((_, open)) = chosen.borrow().iter().find(|(d, _)| *d == day) {
            return Rc::clone(open);
        }
        let data: &'a Dataset = self.data;
        let ids = data.child_ids();
        let open = Rc::new(
            data.cin
                .latest_per_child(&ids.cin, ids.count, |e| open_at(e.start, e.closed, day)),
        );
        chosen.borrow_mut().push((day, Rc::clone(&open)));
        open
    }

    /// A new tally for an indicator, keeping records when drilling.
    pub fn tally(&self, definition: &'static Definition) -> Tally {
        let mut tally = Tally::new(definition);
        if self.drill.get() {
            tally.drill = Some(Vec::new());
        }
        tally
    }

    /// Each child's referral dates, sorted (indicator 2's look-back).
    pub fn referral_dates(&self) -> &HashMap<&'a str, Vec<Date>> {
        self.shared.referral_dates.get_or_init(|| {
            let mut by_child: HashMap<&'a str, Vec<Date>> = HashMap::default();
            for record in self.data.referrals.merged() {
                by_child
                    .entry(record.data.child.as_str())
                    .or_default()
                    .push(record.data.date);
            }
            for dates in by_child.values_mut() {
                dates.sort_unstable();
            }
            by_child
        })
    }

    /// Whether a kind's coverage holds every day of the month (period months).
    pub fn covers_month(&self, kind: Kind, month: Month) -> bool {
        self.data.coverage(kind).covers_month(month)
    }

    /// Whether a kind's coverage holds `M_end` (snapshot months).
    pub fn covers_end(&self, kind: Kind, month: Month) -> bool {
        self.data.coverage(kind).contains_day(month.last_day())
    }
}

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
    pub fn none(definition: &Definition) -> MonthCounts {
        let width = definition.measures.len();
        MonthCounts {
            la: vec![0.0; width],
            unavailable: vec![true; width],
            teams: Vec::new(),
            notes: Vec::new(),
            problems: Vec::new(),
            drill: Vec::new(),
        }
    }

    /// The LA's values: percentages, averages and rates derived from the
    /// sums with one rule (a zero denominator gives no value).
    pub fn la_values(&self, definition: &Definition, settings: &Settings) -> Vec<Option<f64>> {
        self.derive(definition, &self.la, settings.total_population())
    }

    /// The LA's and each area's values, teams placed in areas by `areas`
    /// (table areas are always listed; Unmapped and Unassigned when a
    /// counted record fell there).
    pub fn figures(
        &self,
        definition: &Definition,
        areas: &Areas,
        settings: &Settings,
    ) -> MonthFigures {
        let width = definition.measures.len();
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
    pub fn without_drill(&self) -> MonthCounts {
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
        definition: &Definition,
        sums: &[f64],
        population: Option<f64>,
    ) -> Vec<Option<f64>> {
        let raw = |name: &str| -> Option<f64> {
            let index = definition.measure(name)?;
            if self.unavailable.get(index).copied().unwrap_or(true) {
                return None;
            }
            sums.get(index).copied()
        };
        definition
            .measures
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
    pub fn value(&self, definition: &Definition, measure: &str) -> Option<f64> {
        definition
            .measure(measure)
            .and_then(|i| self.la.get(i).copied().flatten())
    }

    pub fn area_value(&self, definition: &Definition, area: AreaId, measure: &str) -> Option<f64> {
        let index = definition.measure(measure)?;
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
    definition: &'static Definition,
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
    pub fn new(definition: &'static Definition) -> Tally {
        let width = definition.measures.len();
        Tally {
            definition,
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

    /// Names the record the next counts come from (for the drill-down).
    pub fn about(&mut self, source: crate::records::Source, subject: &str) {
        if self.drill.is_some() {
            self.current = Some((source, Arc::from(subject)));
        }
    }

    /// The row of `team`'s sums, added on its first count.
    fn team_row(&mut self, team: &Team) -> usize {
        let width = self.definition.measures.len();
        let teams = &mut self.teams;
        *self.team_rows.entry(team.address()).or_insert_with(|| {
            teams.push((team.clone(), vec![0.0; width]));
            teams.len() - 1
        })
    }

    /// Adds `amount` to a measure for a team (and so its area) and the LA.
    pub fn add(&mut self, team: &Team, measure: &str, amount: f64) {
        let Some(index) = self.definition.measure(measure) else {
            debug_assert!(false, "unknown measure {measure}");
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
            if let Some(measure) = self.definition.measures.get(index) {
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
    pub fn count(&mut self, team: &Team, measure: &str) {
        self.add(team, measure, 1.0);
    }

    /// Marks a measure as having no value this month (e.g. no allocation extract).
    pub fn unavailable(&mut self, measure: &str) {
        if let Some(flag) = self
            .definition
            .measure(measure)
            .and_then(|i| self.unavailable.get_mut(i))
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
pub fn ratio(num: Option<f64>, den: Option<f64>) -> Option<f64> {
    match (num, den) {
        (Some(num), Some(den)) if den != 0.0 => Some(num / den),
        _ => None,
    }
}

/// indicators.md, "Children, not records": of each child's qualifying
/// records, the one with the latest start (which gives the team and, for
/// indicators 1 and 13, the allocation).
pub fn latest_per_key<'r, R: 'r>(
    records: impl Iterator<Item = &'r crate::records::Rec<R>>,
    child: impl Fn(&R) -> &str,
    start: impl Fn(&R) -> Date,
) -> Vec<&'r crate::records::Rec<R>> {
    let mut latest: HashMap<&'r str, &'r crate::records::Rec<R>> = HashMap::default();
    for record in records {
        let entry = latest.entry(child(&record.data)).or_insert(record);
        if start(&record.data) > start(&entry.data) {
            *entry = record;
        }
    }
    let mut chosen: Vec<_> = latest.into_values().collect();
    chosen.sort_by_key(|r| r.source);
    chosen
}

#[cfg(test)]
mod counts {
    use super::*;
    use crate::settings::AreaRow;

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
        let definition = &children_in_care::DEFINITION;
        let mut tally = Tally::new(definition);
        // "East A" twice from two files (two allocations of one text).
        for team in ["East A", "East A", "east b", "West A", "Nowhere", ""] {
            tally.count(&Team::from(team), "count_all");
        }
        let counts = tally.finish();
        // Six records, five teams: the two "East A" kept as one, with both.
        assert_eq!(counts.teams.len(), 5);
        assert_eq!(counts.teams[0].0.as_str(), "East A");
        let count_all = definition.measure("count_all").unwrap();
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
            let spaced = team_type.snake().replace('_', " ");
            let name = team_types(&[row("T", "", Some(&spaced))]);
            let back = name[0].team_type.as_deref().and_then(TeamType::parse);
            assert_eq!(back, Some(team_type));
        }
    }

    #[test]
    fn untouched_unmapped_and_unassigned_are_not_listed() {
        let definition = &cp_plans::DEFINITION;
        let mut tally = Tally::new(definition);
        tally.count(&Team::from("West A"), "count");
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

#[cfg(test)]
mod invariants {
    use super::*;

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
