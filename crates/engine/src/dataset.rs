//! Loaded files → one data set: files of a kind merged by key, each kind's
//! coverage, and the effective settings (inputs.md, "Merging several files
//! of a kind", "What months a file covers").
//!
//! Owns: which row wins when files overlap, coverage unions, and the as-at
//! file for a month. It must not compute indicators.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use jiff::civil::Date;

use crate::ingest::{Content, LoadedFile};
use crate::month::{Month, days_between};
use crate::records::*;
use crate::schema::Kind;
use crate::settings::{Settings, TeamRow};

/// The union of a kind's files' coverages, as sorted, disjoint spans.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coverage {
    spans: Vec<(Date, Date)>,
}

impl Coverage {
    pub(crate) fn from_spans(spans: impl IntoIterator<Item = (Date, Date)>) -> Coverage {
        let mut spans: Vec<(Date, Date)> = spans.into_iter().filter(|(a, b)| a <= b).collect();
        spans.sort();
        let mut merged: Vec<(Date, Date)> = Vec::with_capacity(spans.len());
        for (from, to) in spans {
            if let Some(last) = merged.last_mut() {
                // Touching spans (one ends the day before the next starts) join.
                if last.1.tomorrow().is_ok_and(|next| from <= next) {
                    last.1 = last.1.max(to);
                    continue;
                }
            }
            merged.push((from, to));
        }
        Coverage { spans: merged }
    }

    /// Whether every day of `from..=to` is covered.
    pub(crate) fn contains_range(&self, from: Date, to: Date) -> bool {
        self.spans.iter().any(|(a, b)| *a <= from && to <= *b)
    }

    pub(crate) fn contains_day(&self, day: Date) -> bool {
        self.contains_range(day, day)
    }

    /// Period months: all of `M_start..=M_end` covered.
    pub(crate) fn covers_month(&self, month: Month) -> bool {
        self.contains_range(month.first_day(), month.last_day())
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// One file's records of a kind, with the file's as-at date.
#[derive(Debug)]
pub struct FileRecords<R> {
    pub file: usize,
    pub as_at: Option<Date>,
    pub records: Vec<Rec<R>>,
}

/// All files of one kind: per file (for as-at facts) and merged by key.
#[derive(Debug)]
pub struct KindData<R> {
    /// In merge order: ascending as-at date, then order added.
    pub files: Vec<FileRecords<R>>,
    /// (position in `files`, position in its records) of each key's winning row.
    merged: Vec<(usize, usize)>,
    pub coverage: Coverage,
    /// Per file (by position in `files`), each record's key as the
    /// position in `merged` of the record that won it: found while
    /// merging, so `same_key` needs no hashing of its own.
    merged_position: Vec<Vec<u32>>,
    /// Per file (by position in `files`), built on first use: each merged
    /// record's position in that file's records with the same key (the
    /// last such row), or `NOT_IN_FILE`. A month's as-at facts
    /// (allocation) are then one index per record, not a map rebuilt each
    /// month. Derived from the records only, so it lasts as long as they do.
    same_key: Vec<OnceLock<Vec<u32>>>,
}

/// In `KindData::same_key`: no row of the file has the record's key.
const NOT_IN_FILE: u32 = u32::MAX;

impl<R> Default for KindData<R> {
    fn default() -> Self {
        KindData {
            files: Vec::new(),
            merged: Vec::new(),
            coverage: Coverage::default(),
            merged_position: Vec::new(),
            same_key: Vec::new(),
        }
    }
}

impl<R: Keyed> KindData<R> {
    fn build(mut files: Vec<FileRecords<R>>, coverage: Coverage) -> KindData<R> {
        // Stable sort: equal as-at dates keep the order added, so the later wins.
        files.sort_by_key(|f| f.as_at);
        if let [file] = files.as_slice() {
            // One file's keys are distinct already (`build_rows` merges a
            // file's duplicates), so every record wins its key: no hashing.
            let rows = file.records.len();
            return KindData {
                merged: (0..rows).map(|r| (0, r)).collect(),
                merged_position: vec![(0..u32::try_from(rows).unwrap_or(u32::MAX)).collect()],
                same_key: vec![OnceLock::new()],
                files,
                coverage,
            };
        }
        let rows = files.iter().map(|f| f.records.len()).sum();
        // Each key numbered in order of first appearance, with the row
        // that wins it (the last) and every row's key number.
        let mut number: FxHashMap<R::Key<'_>, u32> =
            FxHashMap::with_capacity_and_hasher(rows, Default::default());
        let mut winner: Vec<(usize, usize)> = Vec::new();
        let mut key_of: Vec<Vec<u32>> = Vec::with_capacity(files.len());
        for (f, file) in files.iter().enumerate() {
            let mut keys = Vec::with_capacity(file.records.len());
            for (r, record) in file.records.iter().enumerate() {
                let next = u32::try_from(winner.len()).unwrap_or(u32::MAX);
                let key = *number.entry(record.data.key()).or_insert(next);
                match winner.get_mut(key as usize) {
                    Some(won) => *won = (f, r),
                    None => winner.push((f, r)),
                }
                keys.push(key);
            }
            key_of.push(keys);
        }
        drop(number);
        // Merged records in source order; each key's merged position.
        let mut order: Vec<u32> = (0..u32::try_from(winner.len()).unwrap_or(u32::MAX)).collect();
        order.sort_unstable_by_key(|key| winner.get(*key as usize).copied());
        let mut position_of = vec![NOT_IN_FILE; winner.len()];
        for (position, key) in order.iter().enumerate() {
            if let Some(slot) = position_of.get_mut(*key as usize) {
                *slot = u32::try_from(position).unwrap_or(NOT_IN_FILE);
            }
        }
        let merged = order
            .iter()
            .filter_map(|key| winner.get(*key as usize).copied())
            .collect();
        let merged_position = key_of
            .into_iter()
            .map(|keys| {
                keys.into_iter()
                    .map(|key| {
                        position_of
                            .get(key as usize)
                            .copied()
                            .unwrap_or(NOT_IN_FILE)
                    })
                    .collect()
            })
            .collect();
        let same_key = files.iter().map(|_| OnceLock::new()).collect();
        KindData {
            files,
            merged,
            coverage,
            merged_position,
            same_key,
        }
    }

    /// The row of `files[file]` (its position in the file's records) with
    /// the same key as the merged record at `position` (in `merged()`
    /// order): where the record is as that extract had it.
    pub(crate) fn same_key_row(&self, file: usize, position: usize) -> Option<usize> {
        let rows = self.same_key.get(file)?.get_or_init(|| {
            let mut rows = vec![NOT_IN_FILE; self.merged.len()];
            let positions = self
                .merged_position
                .get(file)
                .map_or(&[][..], Vec::as_slice);
            for (row, position) in positions.iter().enumerate() {
                if let Some(slot) = rows.get_mut(*position as usize) {
                    *slot = u32::try_from(row).unwrap_or(NOT_IN_FILE);
                }
            }
            rows
        });
        let row = *rows.get(position)?;
        (row != NOT_IN_FILE).then(|| usize::try_from(row).ok())?
    }
}

impl<R: Episode> KindData<R> {
    /// indicators.md, "Children, not records": of each child's merged
    /// records that `keep` accepts, the one with the latest start (the
    /// first in merge order among equal starts), in source order, each
    /// with its position in `merged()`. `ids` numbers the merged records'
    /// children (`ChildIds`), so this indexes vectors where a map of names
    /// would hash each record every month.
    pub(crate) fn latest_per_child(
        &self,
        ids: &[u32],
        children: usize,
        keep: impl Fn(&R) -> bool,
    ) -> Vec<(usize, &Rec<R>)> {
        let starts = self
            .merged()
            .map(|record| keep(&record.data).then(|| record.data.start()));
        self.latest_per_child_of(ids, children, starts)
    }
}

impl<R> KindData<R> {
    /// `latest_per_child` given each merged record's start when kept
    /// (`None` when not), in merged order: a caller that has the starts at
    /// hand in a compact array passes over it rather than the records.
    pub(crate) fn latest_per_child_of(
        &self,
        ids: &[u32],
        children: usize,
        starts: impl Iterator<Item = Option<Date>>,
    ) -> Vec<(usize, &Rec<R>)> {
        // For each child, the merged position of its latest kept record.
        let mut latest: Vec<Option<(Date, usize)>> = vec![None; children];
        for ((position, start), id) in starts.enumerate().zip(ids) {
            let Some(start) = start else {
                continue;
            };
            if let Some(slot) = latest.get_mut(*id as usize) {
                if slot.is_none_or(|(best, _)| start > best) {
                    *slot = Some((start, position));
                }
            }
        }
        // One per child, found by child rather than by another pass over
        // every record.
        let mut chosen: Vec<(usize, &Rec<R>)> = latest
            .iter()
            .flatten()
            .filter_map(|&(_, position)| Some((position, self.merged_at(position)?)))
            .collect();
        // Children are numbered in merge order, which is nearly source
        // order (files by as-at date), so this sort mostly just checks.
        chosen.sort_by_key(|(_, record)| record.source);
        chosen
    }
}

impl<R> KindData<R> {
    /// Whether any file of this kind was loaded.
    pub fn loaded(&self) -> bool {
        !self.files.is_empty()
    }

    /// The merged records: one per key, from the latest extract.
    pub fn merged(&self) -> impl Iterator<Item = &Rec<R>> + '_ {
        self.merged
            .iter()
            .filter_map(|(f, r)| self.files.get(*f).and_then(|file| file.records.get(*r)))
    }

    /// The merged record at `position` (in `merged()` order).
    pub(crate) fn merged_at(&self, position: usize) -> Option<&Rec<R>> {
        let (file, row) = self.merged.get(position)?;
        self.files.get(*file)?.records.get(*row)
    }

    /// The as-at file for `month` (inputs.md, "What months a file
    /// covers"): the latest file whose as-at date lies in the month or in
    /// the first `grace_days` days after it (`as_at_grace_days`); on equal
    /// dates, the one added later.
    pub(crate) fn as_at_file(&self, month: Month, grace_days: i64) -> Option<&FileRecords<R>> {
        self.files.get(self.as_at_position(month, grace_days)?)
    }

    /// The as-at file's position in `files`.
    pub(crate) fn as_at_position(&self, month: Month, grace_days: i64) -> Option<usize> {
        self.as_at_position_where(month, grace_days, &|_| true)
    }

    /// As `as_at_file`, among the files `usable` accepts (a List 7 extract
    /// without last-visit dates cannot stand in for CP visits).
    pub(crate) fn as_at_file_where(
        &self,
        month: Month,
        grace_days: i64,
        usable: impl Fn(&FileRecords<R>) -> bool,
    ) -> Option<&FileRecords<R>> {
        self.files
            .get(self.as_at_position_where(month, grace_days, &usable)?)
    }

    fn as_at_position_where(
        &self,
        month: Month,
        grace_days: i64,
        usable: &dyn Fn(&FileRecords<R>) -> bool,
    ) -> Option<usize> {
        let from = month.first_day();
        let to = month
            .last_day()
            .checked_add(jiff::Span::new().days(grace_days.max(0)))
            .unwrap_or(month.last_day());
        self.files
            .iter()
            .rposition(|f| f.as_at.is_some_and(|d| from <= d && d <= to) && usable(f))
    }

    /// When `month` has no as-at file only because the nearest extract
    /// after it is dated more than `grace_days` days after the month ends
    /// (but within the 31 the setting allows): that extract's as-at date,
    /// so the note can say which setting would use it.
    ///
    /// A month-end extract is its own month's, not a late one of the month
    /// before, so it is never suggested.
    pub(crate) fn late_extract(&self, month: Month, grace_days: i64) -> Option<Date> {
        self.late_extract_where(month, grace_days, |_| true)
    }

    /// As `late_extract`, among the files `usable` accepts (as
    /// `as_at_file_where`).
    pub(crate) fn late_extract_where(
        &self,
        month: Month,
        grace_days: i64,
        usable: impl Fn(&FileRecords<R>) -> bool,
    ) -> Option<Date> {
        if self
            .as_at_position_where(month, grace_days, &usable)
            .is_some()
        {
            return None;
        }
        let end = month.last_day();
        self.files
            .iter()
            .filter(|f| usable(f))
            .filter_map(|f| f.as_at)
            .filter(|d| *d > end)
            .min()
            .filter(|d| days_between(end, *d) <= MAX_GRACE_DAYS && *d != d.last_of_month())
    }
}

/// The most `as_at_grace_days` may be (settings.md).
pub const MAX_GRACE_DAYS: i64 = 31;

/// The note for a month whose as-at extract is too late (inputs.md, "What
/// months a file covers"): "List 6 is as at 09/01/2018, 9 days after
/// Dec-17 ends; allocation needs an extract within 7 days: change
/// `as_at_grace_days` in the settings to use it".
pub(crate) fn late_extract_note(
    kind: Kind,
    what: &str,
    as_at: Date,
    month: Month,
    grace_days: i64,
) -> String {
    let days = days_between(month.last_day(), as_at);
    format!(
        "{} is as at {}, {days} day{} after {} ends; {what} needs an extract within {grace_days} day{}: change `as_at_grace_days` in the settings to use it",
        kind.short_name(),
        crate::format::date(as_at),
        if days == 1 { "" } else { "s" },
        month.label(),
        if grace_days == 1 { "" } else { "s" },
    )
}

/// What settings documents and teams files among the data files change
/// (inputs.md: a settings document is imported as the settings; a teams
/// file replaces the team table).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SettingsImports {
    /// The last settings document among the files, with its file index
    /// (an input's index once `by_input` has renumbered it).
    pub document: Option<(usize, Settings)>,
    /// The merged teams files' rows, in file order, with the files' indexes.
    pub teams: Option<(Vec<usize>, Vec<TeamRow>)>,
}

impl SettingsImports {
    /// Renumbers loaded-file indexes as the indexes of the inputs they came
    /// from (`input_of[file]`): a workbook is one input but a loaded file
    /// per sheet, and the page counts what is new by inputs.
    pub(crate) fn by_input(self, input_of: &[usize]) -> SettingsImports {
        let input = |file: usize| input_of.get(file).copied().unwrap_or(file);
        SettingsImports {
            document: self.document.map(|(file, doc)| (input(file), doc)),
            teams: self
                .teams
                .map(|(files, rows)| (files.into_iter().map(input).collect(), rows)),
        }
    }

    /// `base` with the imports applied: the settings document replaces it,
    /// then the teams files replace the team table.
    pub fn apply(&self, base: &Settings) -> Settings {
        self.apply_since(base, 0)
    }

    /// As `apply`, counting only files from index `first` on (the page
    /// imports each dropped input once, then lets the user edit).
    pub fn apply_since(&self, base: &Settings, first: usize) -> Settings {
        let mut settings = match &self.document {
            Some((index, document)) if *index >= first => document.clone(),
            _ => base.clone(),
        };
        if let Some((files, teams)) = &self.teams {
            if files.iter().any(|index| *index >= first) {
                settings.teams = teams.clone();
            }
        }
        settings
    }
}

/// Everything the indicators read.
#[derive(Debug, Default)]
pub struct Dataset {
    pub referrals: KindData<Referral>,
    pub assessments: KindData<Assessment>,
    pub cin: KindData<CinEpisode>,
    pub cp: KindData<CpPlan>,
    pub cla: KindData<CareEpisode>,
    pub care_leavers: KindData<CareLeaver>,
    pub adoptions: KindData<Adoption>,
    pub cp_visits: KindData<CpVisit>,
    pub family_support: KindData<FamilySupport>,
    pub staff: KindData<StaffMember>,
    pub supervisions: KindData<Supervision>,
    /// Whether some List 4 file has the `Child Seen` column (indicator 4).
    pub assessments_have_seen: bool,
    /// The List 7 files (by index) with `Date of the Last Statutory Visit`,
    /// which can stand in for CP visits (indicator 6).
    pub cp_files_with_last_visit: Vec<usize>,
    /// The latest as-at date of any loaded file (the default month).
    pub latest_as_at: Option<Date>,
    /// Files of a counted kind left out because their as-at date is
    /// unknown, with their kind (so "needs List 9" can say why).
    pub undated: Vec<(Kind, String)>,
    /// Every loaded file's name, by index (record sources point here).
    pub file_names: Vec<String>,
    /// Built on first use (see `child_ids`).
    child_ids: OnceLock<ChildIds>,
    /// Built on first use (see `team_uses`).
    team_uses: OnceLock<Vec<TeamUse>>,
}

/// A team as the files write it: one per team name once folded (case,
/// spaces), with its first spelling, file and row, and how many rows of
/// any file use it.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamUse {
    pub team: String,
    pub file: usize,
    pub row: u32,
    pub rows: usize,
}

/// The children of the episode kinds numbered `0..count`, one number per
/// child across kinds, for each merged record (in `merged()` order): the
/// indicators choose a child's latest episode, and join kinds by child,
/// by indexing vectors instead of hashing names each month. Derived from
/// the records only, so it lasts as long as the data set.
#[derive(Debug, Default)]
pub struct ChildIds {
    pub count: usize,
    pub cin: Vec<u32>,
    pub cp: Vec<u32>,
    pub cla: Vec<u32>,
    pub family_support: Vec<u32>,
}

impl Dataset {
    /// Merges loaded files into a data set, and gathers what settings
    /// documents and teams files among them would change in the settings.
    pub fn build(files: &mut [LoadedFile]) -> (Dataset, SettingsImports) {
        let mut imports = SettingsImports::default();
        let mut dataset = Dataset {
            file_names: files.iter().map(|f| f.name.clone()).collect(),
            ..Dataset::default()
        };
        macro_rules! gather {
            ($variant:ident) => {{
                let mut parts = Vec::new();
                let mut spans = Vec::new();
                for (index, file) in files.iter_mut().enumerate() {
                    // inputs.md, "As-at date of a file": a file whose as-at
                    // date is unknown contributes nothing until one is set
                    // (a team table has no as-at facts: it always applies).
                    let dated = file.as_at.is_some() || file.kind == Some(Kind::Teams);
                    if let (true, Content::$variant(records)) = (dated, &mut file.content) {
                        parts.push(FileRecords {
                            file: index,
                            as_at: file.as_at,
                            records: std::mem::take(records),
                        });
                        spans.extend(file.coverage);
                    }
                }
                KindData::build(parts, Coverage::from_spans(spans))
            }};
        }
        for (index, file) in files.iter().enumerate() {
            if let Content::Settings(document) = &file.content {
                imports.document = Some((index, (**document).clone()));
            }
        }
        dataset.referrals = gather!(Referrals);
        dataset.assessments = gather!(Assessments);
        dataset.cin = gather!(Cin);
        dataset.cp = gather!(Cp);
        dataset.cla = gather!(Cla);
        dataset.care_leavers = gather!(CareLeavers);
        dataset.adoptions = gather!(Adoptions);
        dataset.cp_visits = gather!(CpVisits);
        dataset.family_support = gather!(FamilySupport);
        dataset.staff = gather!(Staff);
        dataset.supervisions = gather!(Supervisions);
        let teams: KindData<TeamEntry> = gather!(Teams);
        if teams.loaded() {
            // Keep the order of the rows as given: it fixes the area columns.
            let mut rows: Vec<&Rec<TeamEntry>> = teams.merged().collect();
            rows.sort_by_key(|r| {
                let position = teams.files.iter().position(|f| f.file == r.source.file);
                (position, r.source.row)
            });
            let indexes = teams.files.iter().map(|f| f.file).collect();
            imports.teams = Some((
                indexes,
                rows.into_iter()
                    .map(|r| TeamRow {
                        team: r.data.team.clone(),
                        area: r.data.area.clone(),
                        team_type: r.data.team_type.clone(),
                    })
                    .collect(),
            ));
        }
        dataset.assessments_have_seen = files.iter().any(|f| {
            f.kind == Some(Kind::List4Assessments)
                && f.layout
                    .as_ref()
                    .is_some_and(|l| l.has(crate::schema::col::list4::SEEN))
        });
        dataset.cp_files_with_last_visit = files
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.kind == Some(Kind::List7Cp)
                    && f.as_at.is_some()
                    && f.layout
                        .as_ref()
                        .is_some_and(|l| l.has(crate::schema::col::list7::LAST_VISIT))
            })
            .map(|(index, _)| index)
            .collect();
        dataset.undated = files
            .iter()
            .filter(|f| f.as_at.is_none() && f.error.is_none())
            .filter_map(|f| Some((f.kind?, f.name.clone())))
            .filter(|(kind, _)| kind.is_used() && *kind != Kind::Teams)
            .collect();
        dataset.latest_as_at = files
            .iter()
            .filter(|f| f.kind.is_some_and(Kind::is_used) && f.kind != Some(Kind::Teams))
            .filter_map(|f| f.as_at)
            .max();
        (dataset, imports)
    }

    /// Whether a List 7 extract has `Date of the Last Statutory Visit`,
    /// so it can stand in for CP visits (indicator 6): the one rule for
    /// its as-at file, its late-extract note and the page's flag.
    pub(crate) fn has_last_visits(&self, file: &FileRecords<CpPlan>) -> bool {
        self.cp_files_with_last_visit.contains(&file.file)
    }

    /// The episode kinds' children, numbered (built on first use).
    pub(crate) fn child_ids(&self) -> &ChildIds {
        self.child_ids.get_or_init(|| {
            fn numbered<'a>(
                number: &mut FxHashMap<&'a str, u32>,
                children: impl Iterator<Item = &'a str>,
            ) -> Vec<u32> {
                children
                    .map(|child| {
                        let next = u32::try_from(number.len()).unwrap_or(u32::MAX);
                        *number.entry(child).or_insert(next)
                    })
                    .collect()
            }
            let mut number: FxHashMap<&str, u32> = FxHashMap::default();
            let cin = numbered(
                &mut number,
                self.cin.merged().map(|r| r.data.child.as_str()),
            );
            let cp = numbered(&mut number, self.cp.merged().map(|r| r.data.child.as_str()));
            let cla = numbered(
                &mut number,
                self.cla.merged().map(|r| r.data.child.as_str()),
            );
            let family_support = numbered(
                &mut number,
                self.family_support.merged().map(|r| r.data.child.as_str()),
            );
            ChildIds {
                count: number.len(),
                cin,
                cp,
                cla,
                family_support,
            }
        })
    }

    /// Every team the files use (every row of every file of the kinds
    /// with a team column), in the order of the folded names. Built on
    /// first use: each compute checks these few dozen against its team
    /// table instead of every row.
    pub(crate) fn team_uses(&self) -> &[TeamUse] {
        self.team_uses.get_or_init(|| {
            use std::collections::BTreeMap;
            // By each file's shared team names first (their addresses:
            // see `Team`), in order of first appearance; one spelling in
            // several files is joined with the folded names below.
            let mut written: FxHashMap<usize, (usize, TeamUse)> = FxHashMap::default();
            macro_rules! scan {
                ($kind:expr) => {
                    for file in &$kind.files {
                        for record in &file.records {
                            let team = &record.data.team;
                            let next = written.len();
                            if let Some((_, used)) = written.get_mut(&team.address()) {
                                used.rows += 1;
                            } else {
                                let used = TeamUse {
                                    team: team.to_string(),
                                    file: record.source.file,
                                    row: record.source.row,
                                    rows: 1,
                                };
                                written.insert(team.address(), (next, used));
                            }
                        }
                    }
                };
            }
            scan!(self.referrals);
            scan!(self.assessments);
            scan!(self.cin);
            scan!(self.cp);
            scan!(self.cla);
            scan!(self.care_leavers);
            scan!(self.adoptions);
            scan!(self.family_support);
            scan!(self.staff);
            // Then by the folded name: the first spelling seen names it.
            let mut by_fold: BTreeMap<String, (usize, TeamUse)> = BTreeMap::new();
            for (first, used) in written.into_values() {
                match by_fold.entry(crate::values::fold_name(&used.team)) {
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert((first, used));
                    }
                    std::collections::btree_map::Entry::Occupied(mut slot) => {
                        let (kept_first, kept) = slot.get_mut();
                        let rows = kept.rows + used.rows;
                        if first < *kept_first {
                            *kept_first = first;
                            *kept = used;
                        }
                        kept.rows = rows;
                    }
                }
            }
            by_fold.into_values().map(|(_, used)| used).collect()
        })
    }

    /// The name of the file a record came from.
    pub fn file_name(&self, file: usize) -> String {
        self.file_names.get(file).cloned().unwrap_or_default()
    }

    /// Whether a kind has any loaded file.
    pub fn has(&self, kind: Kind) -> bool {
        match kind {
            Kind::List3Referrals => self.referrals.loaded(),
            Kind::List4Assessments => self.assessments.loaded(),
            Kind::List6Cin => self.cin.loaded(),
            Kind::List7Cp => self.cp.loaded(),
            Kind::List8Cla => self.cla.loaded(),
            Kind::List9CareLeavers => self.care_leavers.loaded(),
            Kind::List10Adoption => self.adoptions.loaded(),
            Kind::CpVisits => self.cp_visits.loaded(),
            Kind::FamilySupport => self.family_support.loaded(),
            Kind::Staff => self.staff.loaded(),
            Kind::Supervisions => self.supervisions.loaded(),
            _ => false,
        }
    }

    /// A kind's coverage.
    pub fn coverage(&self, kind: Kind) -> Coverage {
        match kind {
            Kind::List3Referrals => self.referrals.coverage.clone(),
            Kind::List4Assessments => self.assessments.coverage.clone(),
            Kind::List6Cin => self.cin.coverage.clone(),
            Kind::List7Cp => self.cp.coverage.clone(),
            Kind::List8Cla => self.cla.coverage.clone(),
            Kind::List9CareLeavers => self.care_leavers.coverage.clone(),
            Kind::List10Adoption => self.adoptions.coverage.clone(),
            Kind::CpVisits => self.cp_visits.coverage.clone(),
            Kind::FamilySupport => self.family_support.coverage.clone(),
            Kind::Staff => self.staff.coverage.clone(),
            Kind::Supervisions => self.supervisions.coverage.clone(),
            _ => Coverage::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn imports_apply_once_from_the_files_that_brought_them() {
        use crate::ingest::{FileOverrides, load_file};
        let today = date(2026, 11, 26);
        let mut files = vec![
            load_file(
                "teams.csv",
                b"Team,Area\nEast,EAST\n",
                0,
                &FileOverrides::default(),
                today,
            ),
            load_file(
                "s.json",
                br#"{"version": 1, "la_name": "Example"}"#,
                1,
                &FileOverrides::default(),
                today,
            ),
        ];
        let (_, imports) = Dataset::build(&mut files);
        let base = Settings {
            la_name: "Edited".into(),
            ..Settings::default()
        };
        // Everything: the document replaces the settings, then teams.
        let all = imports.apply(&base);
        assert_eq!((all.la_name.as_str(), all.teams.len()), ("Example", 1));
        // Only files from index 1 on: the document, not the teams file.
        let since = imports.apply_since(&base, 1);
        assert_eq!((since.la_name.as_str(), since.teams.len()), ("Example", 0));
        // Nothing new: the user's edits stay.
        assert_eq!(imports.apply_since(&base, 2), base);
    }

    #[test]
    fn touching_spans_join_and_gaps_do_not() {
        let coverage = Coverage::from_spans([
            (date(2017, 7, 1), date(2017, 9, 30)),
            (date(2017, 10, 1), date(2017, 12, 31)),
            (date(2016, 1, 1), date(2016, 3, 31)),
        ]);
        assert_eq!(coverage.spans.len(), 2);
        assert!(coverage.covers_month(Month::parse("2017-10").unwrap()));
        assert!(coverage.contains_range(date(2017, 7, 1), date(2017, 12, 31)));
        assert!(!coverage.covers_month(Month::parse("2016-04").unwrap()));
        // An empty span (coverage start after the as-at date) covers nothing.
        assert!(Coverage::from_spans([(date(2018, 1, 1), date(2017, 12, 31))]).is_empty());
    }

    fn referral_file(file: usize, as_at: Date, team: &str) -> FileRecords<Referral> {
        FileRecords {
            file,
            as_at: Some(as_at),
            records: vec![Rec {
                source: Source { file, row: 2 },
                data: Referral {
                    child: "C1".into(),
                    date: date(2017, 6, 1),
                    earlier_count: None,
                    team: team.into(),
                },
            }],
        }
    }

    #[test]
    fn later_as_at_wins_then_later_added() {
        // inputs.md: "the row from the file with the later as-at date wins ...
        // between files with the same as-at date, the one added later wins".
        let data = KindData::build(
            vec![
                referral_file(0, date(2017, 12, 31), "late"),
                referral_file(1, date(2017, 9, 30), "early"),
                referral_file(2, date(2017, 12, 31), "late, added last"),
            ],
            Coverage::default(),
        );
        let merged: Vec<_> = data.merged().collect();
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].data.team, "late, added last");
    }

    #[test]
    fn as_at_file_is_in_the_month_or_the_week_after() {
        let data = KindData::build(
            vec![
                referral_file(0, date(2017, 11, 30), "nov"),
                referral_file(1, date(2018, 1, 7), "7 jan"),
                referral_file(2, date(2018, 1, 8), "8 jan"),
            ],
            Coverage::default(),
        );
        let dec = Month::parse("2017-12").unwrap();
        assert_eq!(data.as_at_file(dec, 7).unwrap().file, 1);
        let nov = Month::parse("2017-11").unwrap();
        assert_eq!(data.as_at_file(nov, 7).unwrap().file, 0);
        assert!(
            data.as_at_file(Month::parse("2017-10").unwrap(), 7)
                .is_none()
        );
        // `as_at_grace_days`: 0 takes only extracts dated inside the month;
        // 8 takes the extract of 8 January for December.
        assert!(data.as_at_file(dec, 0).is_none());
        assert_eq!(data.as_at_file(dec, 8).unwrap().file, 2);
    }

    // inputs.md: "When an as-at month is not computable only because the
    // nearest extract is later than that, the note says so and names the
    // setting".
    #[test]
    fn a_late_extract_is_named_with_the_setting_that_would_use_it() {
        let data = KindData::build(
            vec![
                referral_file(0, date(2018, 1, 9), "9 jan"),
                referral_file(1, date(2018, 3, 31), "mar"),
            ],
            Coverage::default(),
        );
        let dec = Month::parse("2017-12").unwrap();
        assert_eq!(data.late_extract(dec, 7), Some(date(2018, 1, 9)));
        assert_eq!(data.late_extract(dec, 9), None, "9 days: used");
        assert_eq!(
            late_extract_note(Kind::List6Cin, "allocation", date(2018, 1, 9), dec, 7),
            "List 6 is as at 09/01/2018, 9 days after Dec-17 ends; allocation needs an extract within 7 days: change `as_at_grace_days` in the settings to use it"
        );
        // November's nearest extract is 40 days after it: no setting helps.
        assert_eq!(data.late_extract(Month::parse("2017-11").unwrap(), 7), None);
        // February's is 31 days after it, but on March's last day: March's
        // own extract, not a late one of February.
        assert_eq!(data.late_extract(Month::parse("2018-02").unwrap(), 7), None);
    }
}
