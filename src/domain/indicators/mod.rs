//! The indicator registry: the fourteen indicators of `indicators.md`, in
//! the seed's numbering, each in its own file with its tests beside it.
//!
//! Everything else (the scorecard's columns, previous-6-months rules, JSON,
//! the page's sections) is generated from [`ALL`]. Adding an indicator is
//! one new file and one entry in that list.
//!
//! An indicator's `compute` returns, for one month, the raw tallies of its
//! countable measures per area; [`Tally::finish`] derives percentages,
//! averages and rates in one place with one rule (a zero denominator gives
//! no value, at every level).

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

use crate::domain::areas::{AreaId, Areas};
use crate::domain::calendar::Calendar;
use crate::domain::dataset::Dataset;
use crate::domain::diagnostics::Problem;
use crate::domain::month::Month;
use crate::domain::records::{CinEpisode, Rec, open_at};
use crate::domain::schema::Kind;
use crate::domain::settings::{Polarity, PreviousMode, Settings};

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
    pub compute: fn(&Context<'_>, Month) -> MonthFigures,
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

/// Every indicator id, for validating settings.
pub const IDS: [&str; 14] = [
    "unallocated_cases",
    "re_referrals",
    "assessments_in_timescale",
    "children_seen_at_assessment",
    "cp_plans",
    "cp_visits",
    "children_in_care",
    "care_leavers_eet",
    "adoption_placement_order_to_match",
    "adoption_entry_to_placement",
    "supported_at_home",
    "supervision",
    "caseload",
    "agency_staff",
];

/// Each child's latest List 6 episode open at a day, with its position
/// among the merged records.
type OpenCin<'a> = (Date, Rc<Vec<(usize, &'a Rec<CinEpisode>)>>);

/// What an indicator computes from.
pub struct Context<'a> {
    pub data: &'a Dataset,
    pub settings: &'a Settings,
    pub calendar: &'a Calendar,
    pub areas: &'a Areas,
    referral_dates: OnceCell<HashMap<&'a str, Vec<Date>>>,
    /// `open_cin_at` by day, for the compute's life.
    open_cin: RefCell<Vec<OpenCin<'a>>>,
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
            referral_dates: OnceCell::new(),
            open_cin: RefCell::default(),
            drill: Cell::new(false),
        }
    }

    /// Each child's latest List 6 episode open at `day`, with its position
    /// in `merged()`: indicators 1 and 13 both count from it each month,
    /// so it is chosen once.
    pub fn open_cin_at(&self, day: Date) -> Rc<Vec<(usize, &'a Rec<CinEpisode>)>> {
        if let Some((_, open)) = self.open_cin.borrow().iter().find(|(d, _)| *d == day) {
            return Rc::clone(open);
        }
        let data: &'a Dataset = self.data;
        let ids = data.child_ids();
        let open = Rc::new(
            data.cin
                .latest_per_child(&ids.cin, ids.count, |e| open_at(e.start, e.closed, day)),
        );
        self.open_cin.borrow_mut().push((day, Rc::clone(&open)));
        open
    }

    /// A new tally for an indicator, keeping records when drilling.
    pub fn tally(&self, definition: &'static Definition) -> Tally<'a> {
        let mut tally = Tally::new(definition, self.areas);
        if self.drill.get() {
            tally.drill = Some(Vec::new());
        }
        tally
    }

    /// Each child's referral dates, sorted (indicator 2's look-back).
    pub fn referral_dates(&self) -> &HashMap<&'a str, Vec<Date>> {
        self.referral_dates.get_or_init(|| {
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

/// One month's figures: the LA's and each area's, plus notes.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthFigures {
    pub la: Vec<Option<f64>>,
    /// By area slot (table areas, Unmapped, Unassigned); `None` for
    /// Unmapped/Unassigned when nothing counted fell there.
    pub areas: Vec<Option<Vec<Option<f64>>>>,
    pub notes: Vec<String>,
    /// Findings made while computing (e.g. an allocated name matching no
    /// worker); the scorecard reports those of the reporting month.
    pub problems: Vec<Problem>,
    /// The records behind each count, when the context asked for them.
    pub drill: Vec<DrillItem>,
}

/// One record counted in a measure: the drill-down's row.
#[derive(Clone, Debug, PartialEq)]
pub struct DrillItem {
    pub measure: &'static str,
    pub area: AreaId,
    pub source: crate::domain::records::Source,
    /// The child (or worker) the record is about, shared by the record's
    /// counts (a record counts in up to a few measures).
    pub subject: Arc<str>,
    pub amount: f64,
}

impl MonthFigures {
    /// No value for any measure (inputs missing or month not covered).
    pub fn none(definition: &Definition, areas: &Areas) -> MonthFigures {
        let empty = vec![None; definition.measures.len()];
        let mut by_area = vec![Some(empty.clone()); areas.table_len()];
        by_area.extend([None, None]);
        MonthFigures {
            la: empty,
            areas: by_area,
            notes: Vec::new(),
            problems: Vec::new(),
            drill: Vec::new(),
        }
    }

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

/// Accumulates an indicator's countable measures for one month, per area
/// and for the LA (which is the sum over all areas, Unmapped and
/// Unassigned included).
pub struct Tally<'d> {
    definition: &'static Definition,
    areas: &'d Areas,
    /// `sums[slot][measure]`; the last slot is the LA.
    sums: Vec<Vec<f64>>,
    touched: Vec<bool>,
    unavailable: Vec<bool>,
    pub notes: Vec<String>,
    pub problems: Vec<Problem>,
    /// The record being counted (set by `about`), for the drill-down.
    current: Option<(crate::domain::records::Source, Arc<str>)>,
    drill: Option<Vec<DrillItem>>,
}

impl<'d> Tally<'d> {
    pub fn new(definition: &'static Definition, areas: &'d Areas) -> Tally<'d> {
        let width = definition.measures.len();
        Tally {
            definition,
            areas,
            sums: vec![vec![0.0; width]; areas.slots() + 1],
            touched: vec![false; areas.slots()],
            unavailable: vec![false; width],
            notes: Vec::new(),
            problems: Vec::new(),
            current: None,
            drill: None,
        }
    }

    /// Names the record the next counts come from (for the drill-down).
    pub fn about(&mut self, source: crate::domain::records::Source, subject: &str) {
        if self.drill.is_some() {
            self.current = Some((source, Arc::from(subject)));
        }
    }

    fn index(&self, measure: &str) -> Option<usize> {
        self.definition.measure(measure)
    }

    /// Adds `amount` to a measure for an area and the LA.
    pub fn add(&mut self, area: AreaId, measure: &str, amount: f64) {
        let Some(index) = self.index(measure) else {
            debug_assert!(false, "unknown measure {measure}");
            return;
        };
        for slot in [area, self.areas.slots()] {
            if let Some(cell) = self.sums.get_mut(slot).and_then(|row| row.get_mut(index)) {
                *cell += amount;
            }
        }
        if let Some(flag) = self.touched.get_mut(area) {
            *flag = true;
        }
        if let (Some(drill), Some((source, subject))) = (self.drill.as_mut(), &self.current) {
            if let Some(measure) = self.definition.measures.get(index) {
                drill.push(DrillItem {
                    measure: measure.name,
                    area,
                    source: *source,
                    subject: Arc::clone(subject),
                    amount,
                });
            }
        }
    }

    /// Counts one for a measure.
    pub fn count(&mut self, area: AreaId, measure: &str) {
        self.add(area, measure, 1.0);
    }

    /// Marks an area as holding a counted record without adding to any measure.
    pub fn touch(&mut self, area: AreaId) {
        if let Some(flag) = self.touched.get_mut(area) {
            *flag = true;
        }
    }

    /// Marks a measure as having no value this month (e.g. no allocation extract).
    pub fn unavailable(&mut self, measure: &str) {
        if let Some(flag) = self
            .index(measure)
            .and_then(|i| self.unavailable.get_mut(i))
        {
            *flag = true;
        }
    }

    /// Derives percentages, averages and rates, and drops untouched
    /// Unmapped/Unassigned slots.
    pub fn finish(self, settings: &Settings) -> MonthFigures {
        let la_slot = self.areas.slots();
        let derive = |slot: usize, population: Option<f64>| -> Vec<Option<f64>> {
            let sums = self.sums.get(slot);
            let raw = |name: &str| -> Option<f64> {
                let index = self.definition.measure(name)?;
                if self.unavailable.get(index).copied().unwrap_or(true) {
                    return None;
                }
                sums.and_then(|row| row.get(index)).copied()
            };
            self.definition
                .measures
                .iter()
                .map(|measure| match measure.kind {
                    MeasureKind::Count | MeasureKind::Hidden => raw(measure.name),
                    MeasureKind::Percent { num, den } => {
                        ratio(raw(num).map(|n| n * 100.0), raw(den))
                    }
                    MeasureKind::Average { num, den } => ratio(raw(num), raw(den)),
                    MeasureKind::Rate { count } => {
                        ratio(raw(count).map(|n| n * 10_000.0), population)
                    }
                })
                .collect()
        };
        let la = derive(la_slot, settings.total_population());
        let areas = (0..self.areas.slots())
            .map(|slot| {
                let listed = slot < self.areas.table_len()
                    || self.touched.get(slot).copied().unwrap_or(false);
                listed.then(|| derive(slot, settings.population(self.areas.name(slot))))
            })
            .collect();
        MonthFigures {
            la,
            areas,
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
    records: impl Iterator<Item = &'r crate::domain::records::Rec<R>>,
    child: impl Fn(&R) -> &str,
    start: impl Fn(&R) -> Date,
) -> Vec<&'r crate::domain::records::Rec<R>> {
    let mut latest: HashMap<&'r str, &'r crate::domain::records::Rec<R>> = HashMap::default();
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
mod invariants {
    use super::*;

    #[test]
    fn numbered_in_order_with_unique_ids() {
        for (index, definition) in ALL.iter().enumerate() {
            assert_eq!(usize::from(definition.number), index + 1);
            assert_eq!(IDS[index], definition.id);
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
