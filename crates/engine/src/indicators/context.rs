//! What an indicator computes from: the data set, its counting settings,
//! the calendar and the team table, plus the choices indicators share within
//! one compute (each child's open episode at a day, referral dates).

use rustc_hash::FxHashMap as HashMap;
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use jiff::civil::Date;

use crate::areas::Areas;
use crate::calendar::Calendar;
use crate::dataset::Dataset;
use crate::month::Month;
use crate::records::{CinEpisode, Field, Rec, open_at};
use crate::schema::Kind;
use crate::settings::Settings;

use super::counts::Tally;
use super::measures::Measured;

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
    /// Each merged List 6 episode's start and end, in merged order: each
    /// month end's `open_cin_at` passes over these rather than the records
    /// themselves, which lie scattered through thirteen extracts' memory
    /// (that pass was a fifth of a first compute of the monthly shape).
    cin_spans: OnceCell<Vec<(Date, Field<Date>)>>,
    /// Each merged referral's date, in merged order (as `cin_spans`).
    referral_days: OnceCell<Vec<Date>>,
    /// By List 6 extract (its position in `cin.files`): each row's
    /// allocated worker, as the address of its interned name.
    allocated: RefCell<Vec<(usize, Rc<Vec<usize>>)>>,
}

/// A List 6 extract's allocations (indicators 1 and 13), looked up by a
/// merged episode's position: the row with the episode's key and that
/// row's worker, known by where its name is stored, so a month's pass over
/// the open episodes reads two small arrays rather than a record in a far
/// corner of memory for each (that read was most of both indicators).
pub(crate) struct Allocations<'a> {
    cin: &'a crate::dataset::KindData<CinEpisode>,
    file: usize,
    workers: Rc<Vec<usize>>,
}

impl<'a> Allocations<'a> {
    /// The extract's row with the key of the merged episode at `position`,
    /// and its worker's address; `None` when the episode is not in it.
    pub(crate) fn get(&self, position: usize) -> Option<(usize, usize)> {
        let row = self.cin.same_key_row(self.file, position)?;
        Some((row, *self.workers.get(row)?))
    }

    /// The extract's record at `row`, for its worker's text (read once per
    /// distinct worker) or a finding.
    pub(crate) fn record(&self, row: usize) -> Option<&'a Rec<CinEpisode>> {
        self.cin.files.get(self.file)?.records.get(row)
    }
}

/// What an indicator computes from.
pub struct Context<'a> {
    pub data: &'a Dataset,
    /// In a scorecard's compute, the indicator's counting settings
    /// (`Definition::counting_settings`): the defaults but for what it reads.
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
    pub(crate) fn open_cin_at(&self, day: Date) -> Rc<Vec<(usize, &'a Rec<CinEpisode>)>> {
        let chosen = &self.shared.open_cin;
        if let Some((_, open)) = chosen.borrow().iter().find(|(d, _)| *d == day) {
            return Rc::clone(open);
        }
        let data: &'a Dataset = self.data;
        let ids = data.child_ids();
        let starts = self
            .cin_spans()
            .iter()
            .map(|&(start, closed)| open_at(start, closed, day).then_some(start));
        let open = Rc::new(data.cin.latest_per_child_of(&ids.cin, ids.count, starts));
        chosen.borrow_mut().push((day, Rc::clone(&open)));
        open
    }

    /// Each merged List 6 episode's start and closure, in `merged()`
    /// order (its child's number is `ChildIds::cin` at the same place):
    /// what the passes over every episode at a month end read, packed
    /// together rather than scattered through the extracts' records.
    pub(crate) fn cin_spans(&self) -> &[(Date, Field<Date>)] {
        self.shared.cin_spans.get_or_init(|| {
            self.data
                .cin
                .merged()
                .map(|e| (e.data.start, e.data.closed))
                .collect()
        })
    }

    /// Each merged List 3 referral's date, in `merged()` order: a month's
    /// referrals are found in these, not by reading every record.
    pub(crate) fn referral_days(&self) -> &[Date] {
        self.shared
            .referral_days
            .get_or_init(|| self.data.referrals.merged().map(|r| r.data.date).collect())
    }

    /// The allocations of the List 6 extract at `file` (its position in
    /// `cin.files`, as `as_at_position` gives it).
    pub(crate) fn allocations(&self, file: usize) -> Allocations<'a> {
        let cin = &self.data.cin;
        let known = self
            .shared
            .allocated
            .borrow()
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, workers)| Rc::clone(workers));
        let workers = known.unwrap_or_else(|| {
            let workers: Rc<Vec<usize>> = Rc::new(cin.files.get(file).map_or_else(Vec::new, |f| {
                f.records.iter().map(|r| r.data.worker.address()).collect()
            }));
            self.shared
                .allocated
                .borrow_mut()
                .push((file, Rc::clone(&workers)));
            workers
        });
        Allocations { cin, file, workers }
    }

    /// A new tally for an indicator, keeping records when drilling.
    pub(crate) fn tally(&self, definition: &'static impl Measured) -> Tally {
        let tally = Tally::new(definition);
        if self.drill.get() {
            tally.keeping_records()
        } else {
            tally
        }
    }

    /// Each child's referral dates, sorted (indicator 2's look-back).
    pub(crate) fn referral_dates(&self) -> &HashMap<&'a str, Vec<Date>> {
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
    pub(crate) fn covers_month(&self, kind: Kind, month: Month) -> bool {
        self.data.coverage(kind).covers_month(month)
    }

    /// Whether a kind's coverage holds `M_end` (snapshot months).
    pub(crate) fn covers_end(&self, kind: Kind, month: Month) -> bool {
        self.data.coverage(kind).contains_day(month.last_day())
    }
}

/// indicators.md, "Children, not records": of each child's qualifying
/// records, the one with the latest start (which gives the team and, for
/// indicators 1 and 13, the allocation).
pub(crate) fn latest_per_key<'r, R: 'r>(
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
