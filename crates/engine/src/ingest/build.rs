//! Table rows → typed records, one builder per kind, with every finding
//! reported against its file, row, column and value.
//!
//! Owns: reading each cell as its column's type (inputs.md, "Value types"),
//! the row-level checks (end before start, dates after the as-at date or
//! before 1990, FTE range), and within-file duplicate keys (inputs.md,
//! "Merging several files of a kind"). It must not merge across files.

use rustc_hash::FxHashMap;

use jiff::civil::Date;

use crate::diagnostics::{ProblemCode, Severity};
use crate::ingest::sink::ProblemSink;
use crate::ingest::table::{Row, Table};
use crate::records::*;
use crate::schema::{Kind, Layout, col};
use crate::values::{
    ValueError, fold_name, is_blank, parse_code, parse_count, parse_date, parse_number,
    parse_yes_no,
};

/// The earliest date the spec accepts without comment.
fn earliest_plausible() -> Date {
    Date::new(1990, 1, 1).unwrap_or(Date::MIN)
}

/// What reading a file's rows tells about the file as a whole.
#[derive(Debug)]
pub struct FileFacts {
    pub today: Date,
    /// The as-at date when stated (a name or the user's): later dates are
    /// reported against it, and against today otherwise.
    pub as_at: Option<Date>,
    /// Exact duplicate rows merged into another (not counted as rows read).
    pub exact_duplicates: usize,
}

/// Reads the cells of one row as their columns' types.
pub struct RowReader<'a> {
    pub row: Row<'a>,
    pub layout: &'a Layout,
    pub headers: &'a [String],
    pub sink: &'a mut ProblemSink,
    pub dates: &'a mut FileFacts,
    /// The file's team and worker names so far, each read once (see `Name`).
    pub names: &'a mut FxHashMap<String, Name>,
}

impl<'a> RowReader<'a> {
    fn header(&self, column: usize) -> String {
        self.layout
            .position(column)
            .and_then(|p| self.headers.get(p))
            .cloned()
            .or_else(|| {
                self.layout
                    .kind
                    .columns()
                    .get(column)
                    .map(|c| c.header.to_string())
            })
            .unwrap_or_default()
    }

    /// The cell, trimmed; "" when the column is absent.
    pub fn raw(&self, column: usize) -> &'a str {
        crate::values::trim(self.row.cell(self.layout.position(column)))
    }

    /// The cell as text; "" when blank.
    pub fn text(&self, column: usize) -> String {
        let raw = self.raw(column);
        if is_blank(raw) {
            String::new()
        } else {
            raw.to_string()
        }
    }

    fn report(&mut self, column: usize, code: ProblemCode, severity: Severity, message: String) {
        let header = self.header(column);
        let value = self.raw(column).to_string();
        self.sink
            .cell(self.row.number, &header, &value, code, severity, message);
    }

    /// A required identifier; blank leaves the row out entirely.
    pub fn id(&mut self, column: usize) -> Option<String> {
        let text = self.text(column);
        if text.is_empty() {
            let header = self.header(column);
            self.report(
                column,
                ProblemCode::BlankId,
                Severity::Error,
                format!("{header} is blank: the row is left out"),
            );
            return None;
        }
        Some(text)
    }

    /// A date or blank, with the date checks.
    pub fn date(&mut self, column: usize) -> Field<Date> {
        self.read_date(
            column,
            "the row is left out of the indicators that use it",
            Severity::Warning,
        )
    }

    fn read_date(&mut self, column: usize, consequence: &str, severity: Severity) -> Field<Date> {
        let raw = self.raw(column);
        if is_blank(raw) {
            return Field::Blank;
        }
        match parse_date(raw) {
            Ok(date) => {
                self.check_date(column, date);
                Field::Value(date)
            }
            Err(error) => {
                let header = self.header(column);
                let why = match error {
                    ValueError::NotADate => String::new(),
                    other => format!(" ({other})"),
                };
                self.report(
                    column,
                    ProblemCode::InvalidDate,
                    severity,
                    format!(
                        "{header} is not a date{why}: expected {}; {consequence}",
                        error.expected()
                    ),
                );
                Field::Invalid
            }
        }
    }

    /// A date that is part of the row's key: blank or invalid leaves the row out.
    pub(crate) fn key_date(&mut self, column: usize) -> Option<Date> {
        match self.read_date(
            column,
            "it identifies the row, so the row is left out",
            Severity::Error,
        ) {
            Field::Value(date) => Some(date),
            Field::Invalid => None,
            Field::Blank => {
                let header = self.header(column);
                self.report(
                    column,
                    ProblemCode::BlankKeyDate,
                    Severity::Error,
                    format!("{header} is blank: it identifies the row, so the row is left out"),
                );
                None
            }
        }
    }

    /// A required date that may not be blank (blank is reported as invalid).
    pub(crate) fn required_date(&mut self, column: usize) -> Field<Date> {
        match self.date(column) {
            Field::Blank => {
                let header = self.header(column);
                self.report(
                    column,
                    ProblemCode::BlankDate,
                    Severity::Warning,
                    format!("{header} is blank: the row is left out of the indicators that use it"),
                );
                Field::Invalid
            }
            other => other,
        }
    }

    /// An end date that must not be before `start`.
    pub(crate) fn end_date(&mut self, column: usize, start: Option<Date>) -> Field<Date> {
        let end = self.date(column);
        if let (Field::Value(end_date), Some(start)) = (end, start) {
            if end_date < start {
                let header = self.header(column);
                self.report(
                    column,
                    ProblemCode::EndBeforeStart,
                    Severity::Warning,
                    format!(
                        "{header} is before the start ({}): the row is left out of the indicators that use it",
                        crate::format::date(start)
                    ),
                );
                return Field::Invalid;
            }
        }
        end
    }

    fn check_date(&mut self, column: usize, date: Date) {
        let limit = self.dates.as_at.unwrap_or(self.dates.today);
        if date > limit {
            let header = self.header(column);
            let what = if self.dates.as_at.is_some() {
                "the file's as-at date"
            } else {
                "today"
            };
            self.report(
                column,
                ProblemCode::FutureDate,
                Severity::Warning,
                format!("{header} is after {what} ({})", crate::format::date(limit)),
            );
        } else if date < earliest_plausible() {
            let header = self.header(column);
            self.report(
                column,
                ProblemCode::DateBefore1990,
                Severity::Info,
                format!("{header} is before 1990: check it (it is still used)"),
            );
        }
    }

    /// Yes/no or blank.
    pub fn yes_no(&mut self, column: usize) -> Field<bool> {
        let raw = self.raw(column);
        if is_blank(raw) {
            return Field::Blank;
        }
        match parse_yes_no(raw) {
            Ok(value) => Field::Value(value),
            Err(error) => {
                let header = self.header(column);
                self.report(
                    column,
                    ProblemCode::InvalidYesNo,
                    Severity::Warning,
                    format!(
                        "{header} is not {}: the row is left out of the indicators that use it",
                        error.expected()
                    ),
                );
                Field::Invalid
            }
        }
    }

    /// A yes/no column that is required (blank is reported as invalid).
    pub(crate) fn required_yes_no(&mut self, column: usize) -> Field<bool> {
        match self.yes_no(column) {
            Field::Blank => {
                let header = self.header(column);
                self.report(
                    column,
                    ProblemCode::BlankYesNo,
                    Severity::Warning,
                    format!("{header} is blank; expected yes or no: the row is left out of the indicators that use it"),
                );
                Field::Invalid
            }
            other => other,
        }
    }

    /// An optional yes/no with a default for blank; invalid takes the default and is reported.
    pub(crate) fn yes_no_or(&mut self, column: usize, default: bool) -> bool {
        match self.yes_no(column) {
            Field::Value(value) => value,
            _ => default,
        }
    }

    /// The code of a coded value, upper-case, or `None` when blank.
    pub fn code(&self, column: usize) -> Option<String> {
        let raw = self.raw(column);
        if is_blank(raw) {
            return None;
        }
        parse_code(raw).map(str::to_ascii_uppercase)
    }

    /// A team name as written, "" when blank.
    pub fn team(&mut self, column: usize) -> Team {
        self.name(column)
    }

    /// The cell as text ("" when blank), shared with the file's other
    /// cells of that text.
    pub fn name(&mut self, column: usize) -> Name {
        let raw = self.raw(column);
        let text = if is_blank(raw) { "" } else { raw };
        if let Some(name) = self.names.get(text) {
            return name.clone();
        }
        let name = Name::from(text);
        self.names.insert(text.to_string(), name.clone());
        name
    }
}

/// Builds one kind's records from a table, reporting as it goes.
pub(crate) fn build_rows<R, F>(
    table: &Table,
    layout: &Layout,
    file: usize,
    sink: &mut ProblemSink,
    dates: &mut FileFacts,
    mut read: F,
) -> Vec<Rec<R>>
where
    R: Keyed,
    F: FnMut(&mut RowReader<'_>) -> Option<R>,
{
    let mut records: Vec<Rec<R>> = Vec::with_capacity(table.rows.len());
    // Table row index of each record, to compare raw cells of duplicate keys.
    let mut origins: Vec<usize> = Vec::with_capacity(table.rows.len());
    let mut names = FxHashMap::default();
    for (index, row) in table.rows.iter().enumerate() {
        let mut reader = RowReader {
            row,
            layout,
            headers: &table.headers,
            sink,
            dates,
            names: &mut names,
        };
        let Some(data) = read(&mut reader) else {
            continue;
        };
        records.push(Rec {
            source: Source {
                file,
                row: row.number,
            },
            data,
        });
        origins.push(index);
    }
    // Within one file: an exact duplicate row is merged; two different rows
    // with the same key, the later wins and the earlier is reported.
    let mut dropped = vec![false; records.len()];
    let mut by_key: FxHashMap<R::Key<'_>, usize> =
        FxHashMap::with_capacity_and_hasher(records.len(), Default::default());
    for (position, record) in records.iter().enumerate() {
        let Some(earlier) = by_key.insert(record.data.key(), position) else {
            continue;
        };
        let row_of = |p: usize| origins.get(p).and_then(|i| table.rows.get(*i));
        let (Some(earlier_row), Some(row)) = (row_of(earlier), row_of(position)) else {
            continue;
        };
        if earlier_row.cells == row.cells {
            dates.exact_duplicates += 1;
            sink.cell(
                row.number,
                "",
                "",
                ProblemCode::DuplicateRow,
                Severity::Info,
                format!("exact duplicate of row {}: merged", earlier_row.number),
            );
        } else {
            sink.cell(
                earlier_row.number,
                "",
                "",
                ProblemCode::DuplicateKey,
                Severity::Warning,
                format!(
                    "same key as the later row {}: the later row is used",
                    row.number
                ),
            );
        }
        if let Some(flag) = dropped.get_mut(earlier) {
            *flag = true;
        }
    }
    drop(by_key);
    records
        .into_iter()
        .zip(dropped)
        .filter(|(_, dropped)| !dropped)
        .map(|(record, _)| record)
        .collect()
}

pub fn referral(r: &mut RowReader<'_>) -> Option<Referral> {
    use col::list3::*;
    let child = r.id(CHILD)?;
    let date = r.key_date(DATE)?;
    let raw_count = r.raw(COUNT);
    let earlier_count = if is_blank(raw_count) {
        None
    } else {
        match parse_count(raw_count) {
            Ok(count) => Some(count),
            Err(error) => {
                r.report(
                    COUNT,
                    ProblemCode::InvalidCount,
                    Severity::Info,
                    format!(
                        "not {}: re-referral is worked out from the dates instead",
                        error.expected()
                    ),
                );
                None
            }
        }
    };
    Some(Referral {
        child,
        date,
        earlier_count,
        team: r.team(TEAM),
    })
}

pub fn assessment(r: &mut RowReader<'_>) -> Option<Assessment> {
    use col::list4::*;
    let child = r.id(CHILD)?;
    let start = r.key_date(START)?;
    let authorised = r.end_date(AUTHORISED, Some(start));
    let seen = if r.layout.has(SEEN) {
        let seen = r.yes_no(SEEN);
        if seen == Field::Blank {
            r.report(
                SEEN,
                ProblemCode::BlankSeen,
                Severity::Info,
                "blank: the child counts as not seen".to_string(),
            );
        }
        seen
    } else {
        Field::Blank
    };
    Some(Assessment {
        child,
        start,
        authorised,
        seen,
        team: r.team(TEAM),
    })
}

pub(crate) fn cin_episode(r: &mut RowReader<'_>) -> Option<CinEpisode> {
    use col::list6::*;
    let child = r.id(CHILD)?;
    let start = r.key_date(START)?;
    let closed = r.end_date(CLOSED, Some(start));
    let _ = r.date(DOB);
    Some(CinEpisode {
        child,
        start,
        closed,
        team: r.team(TEAM),
        worker: r.name(WORKER),
    })
}

pub(crate) fn cp_plan(r: &mut RowReader<'_>) -> Option<CpPlan> {
    use col::list7::*;
    let child = r.id(CHILD)?;
    let start = r.key_date(START)?;
    let end = r.end_date(END, Some(start));
    let last_visit = r.date(LAST_VISIT);
    check_adult(r, DOB, start, end);
    Some(CpPlan {
        child,
        start,
        end,
        last_visit,
        team: r.team(TEAM),
    })
}

pub(crate) fn care_episode(r: &mut RowReader<'_>) -> Option<CareEpisode> {
    use col::list8::*;
    let child = r.id(CHILD)?;
    let uasc = r.required_yes_no(UASC);
    let start = r.key_date(START)?;
    let ceased = r.end_date(CEASED, Some(start));
    check_adult(r, DOB, start, ceased);
    let legal_status = r.code(LEGAL_STATUS);
    if let Some(code) = &legal_status {
        const KNOWN: [&str; 13] = [
            "C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3",
        ];
        if !KNOWN.contains(&code.as_str()) {
            r.report(
                LEGAL_STATUS,
                ProblemCode::UnknownCode,
                Severity::Info,
                "not a known legal status (C1, C2, D1, E1, V2, V3, V4, L1–L3, J1–J3): counted as looked after".to_string(),
            );
        }
    }
    Some(CareEpisode {
        child,
        start,
        ceased,
        uasc,
        legal_status,
        team: r.team(TEAM),
    })
}

/// inputs.md, "Bad input": a child aged 18 or over with an open CP plan or
/// CLA episode at the file's as-at date.
fn check_adult(r: &mut RowReader<'_>, dob: usize, start: Date, end: Field<Date>) {
    let Field::Value(birth) = r.date(dob) else {
        return;
    };
    let Some(as_at) = r.dates.as_at else {
        return;
    };
    if open_at(start, end, as_at) && crate::month::age_on(birth, as_at) >= 18 {
        r.report(
            dob,
            ProblemCode::AdultOpenEpisode,
            Severity::Warning,
            "the child is 18 or over with an open episode at the file's as-at date".to_string(),
        );
    }
}

const EET_CODES: [&str; 10] = ["F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5"];
const NOT_EET_CODES: [&str; 4] = ["G4", "G5", "G6", "0"];

pub(crate) fn care_leaver(r: &mut RowReader<'_>) -> Option<CareLeaver> {
    use col::list9::*;
    let child = r.id(CHILD)?;
    let birth = r.required_date(DOB);
    let activity = match r.code(ACTIVITY) {
        Some(code) if EET_CODES.contains(&code.as_str()) => Field::Value(Activity::Eet),
        Some(code) if NOT_EET_CODES.contains(&code.as_str()) => Field::Value(Activity::NotEet),
        _ => {
            r.report(
                ACTIVITY,
                ProblemCode::InvalidActivity,
                Severity::Warning,
                "not an activity code (F1–F5, P1–P5, G4–G6 or 0): the row is left out of indicator 8"
                    .to_string(),
            );
            Field::Invalid
        }
    };
    Some(CareLeaver {
        child,
        birth,
        eligibility: r.code(ELIGIBILITY),
        in_touch: r.code(IN_TOUCH),
        activity,
        team: r.team(TEAM),
    })
}

pub fn adoption(r: &mut RowReader<'_>) -> Option<Adoption> {
    use col::list10::*;
    let child = r.id(CHILD)?;
    let entered_care = r.key_date(ENTERED)?;
    Some(Adoption {
        child,
        entered_care,
        placement_order: r.date(PLACEMENT_ORDER),
        matched: r.date(MATCHED),
        placed: r.date(PLACED),
        adoption_order: r.date(ADOPTION_ORDER),
        team: r.team(TEAM),
    })
}

pub(crate) fn cp_visit(r: &mut RowReader<'_>) -> Option<CpVisit> {
    use col::cp_visits::*;
    let child = r.id(CHILD)?;
    let date = r.key_date(DATE)?;
    // inputs.md: "in a file without this column every visit counts as seen";
    // indicators.md, 6: "a blank Child Seen value is not seen".
    let seen = !r.layout.has(SEEN) || r.yes_no(SEEN) == Field::Value(true);
    Some(CpVisit { child, date, seen })
}

pub fn family_support(r: &mut RowReader<'_>) -> Option<FamilySupport> {
    use col::family_support::*;
    let child = r.id(CHILD)?;
    let start = r.key_date(START)?;
    let end = r.end_date(END, Some(start));
    Some(FamilySupport {
        child,
        start,
        end,
        team: r.team(TEAM),
    })
}

pub(crate) fn staff_member(r: &mut RowReader<'_>) -> Option<StaffMember> {
    use col::staff::*;
    let worker_label = r.id(WORKER)?;
    let start = match r.read_date(
        START,
        "it identifies the row, so the row is left out",
        Severity::Error,
    ) {
        Field::Blank => None,
        Field::Value(date) => Some(date),
        Field::Invalid => return None,
    };
    let end = r.end_date(END, start);
    let manager = r.yes_no_or(MANAGER, false);
    let case_holder = r.yes_no_or(CASE_HOLDER, !manager);
    let fte_raw = r.raw(FTE).to_string();
    let fte = if is_blank(&fte_raw) {
        1.0
    } else {
        match parse_number(&fte_raw) {
            Ok(fte) if fte > 0.0 && fte <= 1.5 => fte,
            _ => {
                r.report(
                    FTE,
                    ProblemCode::FteOutOfRange,
                    Severity::Warning,
                    "FTE should be a number above 0 and at most 1.5: read as 1".to_string(),
                );
                1.0
            }
        }
    };
    Some(StaffMember {
        worker: fold_name(&worker_label),
        worker_label,
        name: r.text(NAME),
        team: r.team(TEAM),
        qualified: r.required_yes_no(QUALIFIED),
        agency: r.required_yes_no(AGENCY),
        manager,
        case_holder,
        fte,
        start,
        end,
    })
}

pub fn supervision(r: &mut RowReader<'_>) -> Option<Supervision> {
    use col::supervisions::*;
    let worker = fold_name(&r.id(WORKER)?);
    let date = r.key_date(DATE)?;
    Some(Supervision { worker, date })
}

pub(crate) fn team_entry(r: &mut RowReader<'_>) -> Option<TeamEntry> {
    use col::teams::*;
    let team = r.id(TEAM)?;
    let area = r.id(AREA)?;
    let team_type = Some(r.text(TEAM_TYPE)).filter(|t| !t.is_empty());
    Some(TeamEntry {
        team,
        area,
        team_type,
    })
}

/// inputs.md, "Bad input": the same child with overlapping open episodes in
/// one list (one file's records).
pub(crate) fn report_overlaps<R: Episode>(sink: &mut ProblemSink, kind: Kind, records: &[Rec<R>]) {
    let mut spans: Vec<(&str, Date, Option<Date>, u32)> = records
        .iter()
        .filter_map(|r| {
            let end = r.data.end().end()?;
            Some((r.data.child(), r.data.start(), end, r.source.row))
        })
        .collect();
    spans.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    for pair in spans.windows(2) {
        let [first, second] = pair else { continue };
        let overlaps = first.0 == second.0 && first.2.is_none_or(|end| end > second.1);
        if overlaps {
            sink.cell(
                second.3,
                "",
                second.0,
                ProblemCode::OverlappingEpisodes,
                Severity::Warning,
                format!(
                    "child {} has overlapping episodes in this {} (rows {} and {})",
                    second.0,
                    kind.short_name(),
                    first.3,
                    second.3
                ),
            );
        }
    }
}
