//! One file's bytes → `LoadedFile`s (one per table: a CSV is one, a
//! workbook one per sheet, named `workbook.xlsx › List 6`): each with its
//! kind, typed records, as-at date, coverage and problems (inputs.md).
//! Never panics and never fails: a file that cannot be read is a
//! `LoadedFile` with `Content::Unreadable` and one sentence saying why, so
//! the other files are unaffected.

pub mod build;
pub mod decode;
pub mod sink;
pub mod table;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::domain::diagnostics::{Problem, Severity};
use crate::domain::records::*;
use crate::domain::schema::{Kind, Layout, Recognition, recognise};
use crate::domain::settings::Settings;
use crate::domain::values::as_at_from_file_name;
use build::FileFacts;
use sink::ProblemSink;
use table::{HeaderScore, Table};

/// Between a workbook's name and a sheet's in a loaded file's name.
pub const SHEET_SEPARATOR: &str = " › ";

/// Files over this size are refused (inputs.md, "Bad input").
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

/// Why a file over `MAX_FILE_BYTES` is refused (the page says it before
/// reading the file at all).
pub fn too_big_message(bytes: usize) -> String {
    format!(
        "The file is {} MB, over the 200 MB limit: split it or export fewer columns.",
        bytes / (1024 * 1024)
    )
}

/// User overrides for one file (the page's editable fields, the CLI's `--as-at` / `--covers`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FileOverrides {
    pub as_at: Option<Date>,
    pub covers_from: Option<Date>,
}

/// How a file's as-at date was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AsAtSource {
    #[serde(rename = "file name")]
    FileName,
    #[serde(rename = "latest date")]
    LatestDate,
    #[serde(rename = "override")]
    Override,
}

/// A file's typed records, by kind.
#[derive(Debug)]
pub enum Content {
    Referrals(Vec<Rec<Referral>>),
    Assessments(Vec<Rec<Assessment>>),
    Cin(Vec<Rec<CinEpisode>>),
    Cp(Vec<Rec<CpPlan>>),
    Cla(Vec<Rec<CareEpisode>>),
    CareLeavers(Vec<Rec<CareLeaver>>),
    Adoptions(Vec<Rec<Adoption>>),
    CpVisits(Vec<Rec<CpVisit>>),
    FamilySupport(Vec<Rec<FamilySupport>>),
    Staff(Vec<Rec<StaffMember>>),
    Supervisions(Vec<Rec<Supervision>>),
    Teams(Vec<Rec<TeamEntry>>),
    /// Annex A Lists 1, 2, 5, 11: recognised, named, not used.
    NotUsed,
    Settings(Box<Settings>),
    Unreadable,
}

/// One loaded file.
#[derive(Debug)]
pub struct LoadedFile {
    pub name: String,
    /// `None` for a settings document or an unreadable file.
    pub kind: Option<Kind>,
    pub layout: Option<Layout>,
    /// Data rows read (header excluded).
    pub rows: usize,
    pub as_at: Option<Date>,
    pub as_at_source: AsAtSource,
    /// Coverage `(from, to)`; `None` when the file has no as-at date.
    pub coverage: Option<(Date, Date)>,
    pub content: Content,
    /// Why the file could not be used, as one sentence.
    pub error: Option<String>,
    pub problems: Vec<Problem>,
}

impl LoadedFile {
    fn unreadable(name: &str, why: String, mut problems: Vec<Problem>) -> LoadedFile {
        problems.push(Problem::file(
            name,
            "unreadable_file",
            Severity::Error,
            why.clone(),
        ));
        LoadedFile {
            name: name.to_string(),
            kind: None,
            layout: None,
            rows: 0,
            as_at: None,
            as_at_source: AsAtSource::LatestDate,
            coverage: None,
            content: Content::Unreadable,
            error: Some(why),
            problems,
        }
    }

    pub fn is_settings(&self) -> bool {
        matches!(self.content, Content::Settings(_))
    }
}

/// Reads one file into one or more loaded files: a workbook gives one per
/// visible sheet with data (or one unreadable file), anything else one.
/// `first_index` is the position of the first among all loaded files (for
/// record sources); the others follow it. `today` bounds the as-at fallback.
pub fn load_files(
    name: &str,
    bytes: &[u8],
    first_index: usize,
    overrides: &FileOverrides,
    today: Date,
) -> Vec<LoadedFile> {
    if bytes.len() > MAX_FILE_BYTES {
        return vec![too_big(name, bytes.len())];
    }
    if !is_zip(bytes) {
        return vec![load_text(name, bytes, first_index, overrides, today)];
    }
    read_workbook(name, bytes, first_index, overrides, today)
}

/// Without the `xlsx` feature (the page's own module, which sends workbooks
/// to its worker), a workbook is refused with a sentence.
#[cfg(not(feature = "xlsx"))]
fn read_workbook(
    name: &str,
    _bytes: &[u8],
    _first_index: usize,
    _overrides: &FileOverrides,
    _today: Date,
) -> Vec<LoadedFile> {
    vec![LoadedFile::unreadable(
        name,
        "This is a zip archive or Excel workbook, which this build cannot open: save each list as CSV".to_string(),
        Vec::new(),
    )]
}

#[cfg(feature = "xlsx")]
fn read_workbook(
    name: &str,
    bytes: &[u8],
    first_index: usize,
    overrides: &FileOverrides,
    today: Date,
) -> Vec<LoadedFile> {
    match xlsx::read_workbook(bytes, &header_score) {
        Err(why) => vec![LoadedFile::unreadable(
            name,
            capitalise(&why.to_string()),
            Vec::new(),
        )],
        Ok(sheets) => sheets
            .into_iter()
            .enumerate()
            .map(|(k, sheet)| {
                let sheet_name = format!("{name}{SHEET_SEPARATOR}{}", sheet.name);
                match sheet.table {
                    Ok(table) => load_table(
                        &sheet_name,
                        table,
                        first_index + k,
                        overrides,
                        today,
                        ProblemSink::new(&sheet_name),
                    ),
                    Err(why) => LoadedFile::unreadable(
                        &sheet_name,
                        capitalise(&why.to_string()),
                        Vec::new(),
                    ),
                }
            })
            .collect(),
    }
}

/// Reads one file that is one table (a CSV or text file, a settings
/// document); for a workbook, its first sheet (see `load_files` for all).
/// `index` is its position among the loaded files (for record sources);
/// `today` bounds the as-at fallback.
pub fn load_file(
    name: &str,
    bytes: &[u8],
    index: usize,
    overrides: &FileOverrides,
    today: Date,
) -> LoadedFile {
    let mut files = load_files(name, bytes, index, overrides, today);
    if files.is_empty() {
        return LoadedFile::unreadable(name, "The file is empty".to_string(), Vec::new());
    }
    files.swap_remove(0)
}

fn too_big(name: &str, bytes: usize) -> LoadedFile {
    LoadedFile::unreadable(name, too_big_message(bytes), Vec::new())
}

/// How well a row serves as a header row: see `table::choose_header`.
pub fn header_score(headers: &[String]) -> HeaderScore {
    match recognise(headers) {
        Recognition::Known(layout) => (true, layout.positions.iter().flatten().count()),
        Recognition::Unknown { found, .. } => (false, found),
        Recognition::DuplicateHeaders { .. } => (false, 0),
    }
}

/// A text file: decoded, then a settings document or a table.
fn load_text(
    name: &str,
    bytes: &[u8],
    index: usize,
    overrides: &FileOverrides,
    today: Date,
) -> LoadedFile {
    let decoded = match decode::decode(bytes) {
        Ok(decoded) => decoded,
        Err(why) => {
            let why = match why {
                // An encrypted workbook is an Office container, not a zip.
                decode::NotText::OldWorkbook if is_workbook_name(name) => {
                    "This workbook is password-protected (encrypted): remove the password in Excel, or save each list as CSV".to_string()
                }
                other => capitalise(&other.to_string()),
            };
            return LoadedFile::unreadable(name, why, Vec::new());
        }
    };
    let mut sink = ProblemSink::new(name);
    match decoded.encoding {
        decode::Encoding::Windows1252 => sink.whole_file(
            "windows_1252",
            Severity::Info,
            "not UTF-8: read as Windows-1252 (Excel's usual CSV encoding)".to_string(),
        ),
        decode::Encoding::Utf16Le | decode::Encoding::Utf16Be if decoded.had_replacements => sink
            .whole_file(
                "invalid_utf16",
                Severity::Warning,
                "some characters could not be decoded as UTF-16 and were replaced by �".to_string(),
            ),
        _ => {}
    }
    if Settings::looks_like_settings(&decoded.text) {
        return match Settings::from_json(&decoded.text) {
            Ok(settings) => LoadedFile {
                name: name.to_string(),
                kind: None,
                layout: None,
                rows: 0,
                as_at: None,
                as_at_source: AsAtSource::LatestDate,
                coverage: None,
                content: Content::Settings(Box::new(settings)),
                error: None,
                problems: sink.finish(),
            },
            Err(error) => LoadedFile::unreadable(
                name,
                format!("A settings document that cannot be used: {error}"),
                sink.finish(),
            ),
        };
    }
    let table = match table::read_table(&decoded.text) {
        Ok(table) => table,
        Err(why) => {
            return LoadedFile::unreadable(name, capitalise(&why.to_string()), sink.finish());
        }
    };
    drop(decoded);
    load_table(name, table, index, overrides, today, sink)
}

/// Whether bytes are a zip archive (an `.xlsx` is one). Here, not in
/// `xlsx`, because the page's own module (built without that feature)
/// also asks, to send workbooks to the worker.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Whether a file's name says Excel workbook (its bytes may still not be one).
pub fn is_workbook_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xltx"]
        .iter()
        .any(|end| lower.ends_with(end))
}

/// A table (from a file or a sheet) → its kind's records.
fn load_table(
    name: &str,
    table: Table,
    index: usize,
    overrides: &FileOverrides,
    today: Date,
    mut sink: ProblemSink,
) -> LoadedFile {
    if table.header_row > 1 {
        sink.whole_file(
            "header_not_first",
            Severity::Info,
            format!(
                "header found on row {}; rows above it ignored",
                table.header_row
            ),
        );
    }
    for (row, label) in &table.totals {
        sink.cell(
            *row,
            "",
            label,
            "totals_row",
            Severity::Info,
            "a totals row: ignored".to_string(),
        );
    }
    let layout = match recognise(&table.headers) {
        Recognition::Known(layout) => layout,
        Recognition::Unknown {
            closest,
            found,
            missing,
        } => {
            let why = if found == 0 {
                let shown: Vec<String> = table
                    .headers
                    .iter()
                    .filter(|h| !h.is_empty())
                    .take(4)
                    .map(|h| format!("`{}`", crate::domain::diagnostics::shorten(h)))
                    .collect();
                format!(
                    "Not a file this scorecard reads: none of its columns ({}) belongs to an Annex A list or a template",
                    shown.join(", ")
                )
            } else {
                format!(
                    "Not a file this scorecard reads: closest is {} ({}), which also needs {}",
                    closest.name(),
                    closest.id(),
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            return LoadedFile::unreadable(name, why, sink.finish());
        }
        Recognition::DuplicateHeaders { first, second } => {
            return LoadedFile::unreadable(
                name,
                format!(
                    "Two columns have the same header once normalised: `{first}` and `{second}`"
                ),
                sink.finish(),
            );
        }
    };
    for (row, cells) in &table.ragged {
        sink.cell(
            *row,
            "",
            "",
            "ragged_row",
            Severity::Info,
            format!(
                "the row has {cells} cells but the header has {}",
                table.headers.len()
            ),
        );
    }
    let kind = layout.kind;
    if !kind.is_used() {
        // Named, not read: an as-at date from the name or override only.
        let (as_at, as_at_source) = match (overrides.as_at, as_at_from_file_name(name)) {
            (Some(date), _) => (Some(date), AsAtSource::Override),
            (None, Some(date)) => (Some(date), AsAtSource::FileName),
            (None, None) => (None, AsAtSource::LatestDate),
        };
        return LoadedFile {
            name: name.to_string(),
            kind: Some(kind),
            layout: Some(layout),
            rows: table.rows.len(),
            as_at,
            as_at_source,
            coverage: None,
            content: Content::NotUsed,
            error: None,
            problems: sink.finish(),
        };
    }
    if table.rows.is_empty() {
        return LoadedFile::unreadable(
            name,
            format!(
                "{} with a header row only: there are no rows to use",
                kind.name()
            ),
            sink.finish(),
        );
    }

    let (known_as_at, mut as_at_source) = match (overrides.as_at, as_at_from_file_name(name)) {
        (Some(date), _) => (Some(date), AsAtSource::Override),
        (None, Some(date)) => (Some(date), AsAtSource::FileName),
        (None, None) => (None, AsAtSource::LatestDate),
    };
    let mut dates = FileFacts {
        today,
        as_at: known_as_at,
        latest: None,
        exact_duplicates: 0,
    };
    let content = build_content(kind, &table, &layout, index, &mut sink, &mut dates);
    let as_at = known_as_at.or(dates.latest);
    if as_at.is_none() {
        as_at_source = AsAtSource::LatestDate;
    }
    // A file always describes its as-at date, so a coverage start after it
    // (the earliest marker late in the as-at month) leaves the as-at date only.
    let coverage = as_at.map(|as_at| {
        let from = overrides
            .covers_from
            .or_else(|| coverage_marker(&content).map(coverage_start))
            .unwrap_or(as_at)
            .min(as_at);
        (from, as_at)
    });
    LoadedFile {
        name: name.to_string(),
        kind: Some(kind),
        layout: Some(layout),
        rows: table.rows.len() - dates.exact_duplicates.min(table.rows.len()),
        as_at,
        as_at_source,
        coverage,
        content,
        error: None,
        problems: sink.finish(),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn build_content(
    kind: Kind,
    table: &Table,
    layout: &Layout,
    file: usize,
    sink: &mut ProblemSink,
    dates: &mut FileFacts,
) -> Content {
    use build::*;
    match kind {
        Kind::List3Referrals => {
            Content::Referrals(build_rows(table, layout, file, sink, dates, referral))
        }
        Kind::List4Assessments => {
            Content::Assessments(build_rows(table, layout, file, sink, dates, assessment))
        }
        Kind::List6Cin => {
            let rows = build_rows(table, layout, file, sink, dates, cin_episode);
            report_overlaps(sink, kind, &rows);
            Content::Cin(rows)
        }
        Kind::List7Cp => {
            let rows = build_rows(table, layout, file, sink, dates, cp_plan);
            report_overlaps(sink, kind, &rows);
            Content::Cp(rows)
        }
        Kind::List8Cla => {
            let rows = build_rows(table, layout, file, sink, dates, care_episode);
            report_overlaps(sink, kind, &rows);
            Content::Cla(rows)
        }
        Kind::List9CareLeavers => {
            Content::CareLeavers(build_rows(table, layout, file, sink, dates, care_leaver))
        }
        Kind::List10Adoption => {
            Content::Adoptions(build_rows(table, layout, file, sink, dates, adoption))
        }
        Kind::CpVisits => Content::CpVisits(build_rows(table, layout, file, sink, dates, cp_visit)),
        Kind::FamilySupport => {
            Content::FamilySupport(build_rows(table, layout, file, sink, dates, family_support))
        }
        Kind::Staff => Content::Staff(build_rows(table, layout, file, sink, dates, staff_member)),
        Kind::Supervisions => {
            Content::Supervisions(build_rows(table, layout, file, sink, dates, supervision))
        }
        Kind::Teams => Content::Teams(build_rows(table, layout, file, sink, dates, team_entry)),
        Kind::List1Contacts | Kind::List2EarlyHelp | Kind::List5S47 | Kind::List11Adopters => {
            Content::NotUsed
        }
    }
}

/// The date that marks where a file's history starts (inputs.md, "What
/// months a file covers"): the earliest of the kind's marker dates.
fn coverage_marker(content: &Content) -> Option<Date> {
    fn earliest<R>(rows: &[Rec<R>], date: impl Fn(&R) -> Option<Date>) -> Option<Date> {
        rows.iter().filter_map(|r| date(&r.data)).min()
    }
    match content {
        Content::Referrals(rows) => earliest(rows, |r| Some(r.date)),
        Content::Assessments(rows) => earliest(rows, |r| r.authorised.value()),
        Content::Cin(rows) => earliest(rows, |r| r.closed.value()),
        Content::Cp(rows) => earliest(rows, |r| r.end.value()),
        Content::Cla(rows) => earliest(rows, |r| r.ceased.value()),
        Content::FamilySupport(rows) => earliest(rows, |r| r.end.value()),
        Content::Adoptions(rows) => earliest(rows, |r| r.adoption_order.value()),
        Content::CpVisits(rows) => earliest(rows, |r| Some(r.date)),
        Content::Supervisions(rows) => earliest(rows, |r| Some(r.date)),
        Content::Staff(rows) => {
            earliest(rows, |r| r.end.value()).or_else(|| earliest(rows, |r| r.start))
        }
        Content::CareLeavers(_)
        | Content::Teams(_)
        | Content::NotUsed
        | Content::Settings(_)
        | Content::Unreadable => None,
    }
}

/// A marker in the first 7 days of its month starts coverage on the 1st of
/// that month; later in the month, on the 1st of the next.
pub fn coverage_start(marker: Date) -> Date {
    let first = marker.first_of_month();
    if marker.day() <= 7 {
        first
    } else {
        first.last_of_month().tomorrow().unwrap_or(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn today() -> Date {
        date(2026, 11, 26)
    }

    #[test]
    fn coverage_starts_on_the_first_when_the_marker_is_in_the_first_week() {
        // inputs.md: "If that date is within the first 7 days of its month,
        // coverage starts on the 1st of that month; otherwise on the 1st of the next month."
        assert_eq!(coverage_start(date(2017, 7, 3)), date(2017, 7, 1));
        assert_eq!(coverage_start(date(2017, 7, 7)), date(2017, 7, 1));
        assert_eq!(coverage_start(date(2017, 7, 8)), date(2017, 8, 1));
        assert_eq!(coverage_start(date(2017, 7, 9)), date(2017, 8, 1));
        assert_eq!(coverage_start(date(2017, 12, 31)), date(2018, 1, 1));
    }

    #[test]
    fn as_at_from_name_and_coverage_from_data() {
        let csv = "Child Unique ID,Date of referral\nC1,03/07/2017\nC2,15/12/2017\n";
        let file = load_file(
            "list3_2017-12-31.csv",
            csv.as_bytes(),
            0,
            &FileOverrides::default(),
            today(),
        );
        assert_eq!(file.kind, Some(Kind::List3Referrals));
        assert_eq!(file.rows, 2);
        assert_eq!(file.as_at, Some(date(2017, 12, 31)));
        assert_eq!(file.as_at_source, AsAtSource::FileName);
        assert_eq!(file.coverage, Some((date(2017, 7, 1), date(2017, 12, 31))));
        assert!(file.problems.is_empty(), "{:?}", file.problems);
    }

    #[test]
    fn as_at_from_the_latest_date_not_after_today() {
        let csv = "Child Unique ID,Date of referral\nC1,09/07/2017\nC2,15/12/2017\nC3,01/01/2030\n";
        let file = load_file(
            "referrals.csv",
            csv.as_bytes(),
            0,
            &FileOverrides::default(),
            today(),
        );
        assert_eq!(file.as_at, Some(date(2017, 12, 15)));
        assert_eq!(file.as_at_source, AsAtSource::LatestDate);
        // Coverage starts from the 9th: the 1st of the next month.
        assert_eq!(file.coverage, Some((date(2017, 8, 1), date(2017, 12, 15))));
        assert!(
            file.problems
                .iter()
                .any(|p| p.code == "future_date" && p.row == Some(4))
        );
    }

    #[test]
    fn coverage_never_starts_after_the_as_at_date() {
        // Earliest closure on 20/12: coverage would start 01/01/2018, after
        // the as-at date; the file still describes 31/12/2017.
        let csv = "Child Unique ID,CIN Start Date,CIN Closure Date,Allocated Worker\nC1,01/01/2017,20/12/2017,W1\n";
        let file = load_file(
            "list6_2017-12-31.csv",
            csv.as_bytes(),
            0,
            &FileOverrides::default(),
            today(),
        );
        assert_eq!(
            file.coverage,
            Some((date(2017, 12, 31), date(2017, 12, 31)))
        );
    }

    #[test]
    fn overrides_win() {
        let csv = "Child Unique ID,Date of referral\nC1,09/07/2017\n";
        let overrides = FileOverrides {
            as_at: Some(date(2017, 9, 30)),
            covers_from: Some(date(2017, 4, 1)),
        };
        let file = load_file(
            "list3_2017-12-31.csv",
            csv.as_bytes(),
            0,
            &overrides,
            today(),
        );
        assert_eq!(file.as_at_source, AsAtSource::Override);
        assert_eq!(file.coverage, Some((date(2017, 4, 1), date(2017, 9, 30))));
    }

    #[test]
    fn bad_files_are_one_sentence_each() {
        let header_only = load_file(
            "l3.csv",
            b"Child Unique ID,Date of referral\n",
            0,
            &FileOverrides::default(),
            today(),
        );
        assert!(
            header_only
                .error
                .as_deref()
                .unwrap()
                .contains("header row only")
        );
        let unknown = load_file(
            "x.csv",
            b"Child Unique ID,CIN Start Date,Allocated Worker\nA,1/1/2017,B\n",
            0,
            &FileOverrides::default(),
            today(),
        );
        let error = unknown.error.unwrap();
        assert!(
            error.contains("list6_cin") && error.contains("CIN Closure Date"),
            "{error}"
        );
        let binary = load_file(
            "x.csv",
            &[0, 159, 146, 150, 0, 1],
            0,
            &FileOverrides::default(),
            today(),
        );
        assert!(binary.error.is_some());
    }

    #[test]
    fn within_file_duplicates_are_merged_and_reported() {
        let csv = "Worker ID,Supervision Date\nW1,01/12/2017\nW1,01/12/2017\nw1 ,01/12/2017\n";
        let file = load_file(
            "supervisions.csv",
            csv.as_bytes(),
            0,
            &FileOverrides::default(),
            today(),
        );
        let Content::Supervisions(rows) = &file.content else {
            panic!()
        };
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].source.row, 4);
        let codes: Vec<_> = file
            .problems
            .iter()
            .map(|p| (p.code.as_ref(), p.row))
            .collect();
        assert_eq!(
            codes,
            vec![("duplicate_row", Some(3)), ("duplicate_key", Some(3))]
        );
    }

    #[test]
    fn overlapping_open_episodes_of_one_child_are_reported() {
        // A's second plan starts before the first ends; B's do not overlap
        // (the first ends on the day the second starts).
        let csv = "Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date\n\
                   A,01/01/2017,\nA,01/06/2017,\nB,01/01/2017,01/03/2017\nB,01/03/2017,\n";
        let file = load_file(
            "l7_2017-12-31.csv",
            csv.as_bytes(),
            0,
            &FileOverrides::default(),
            today(),
        );
        let overlaps: Vec<_> = file
            .problems
            .iter()
            .filter(|p| p.code == "overlapping_episodes")
            .collect();
        assert_eq!(overlaps.len(), 1);
        assert_eq!(
            (overlaps[0].row, overlaps[0].value.as_str()),
            (Some(3), "A")
        );
    }

    #[test]
    fn settings_documents_are_recognised() {
        let file = load_file(
            "s.json",
            br#"{"version": 1, "la_name": "X"}"#,
            0,
            &FileOverrides::default(),
            today(),
        );
        assert!(file.is_settings());
        let bad = load_file(
            "s.json",
            br#"{"version": 1, "la_nam": "X"}"#,
            0,
            &FileOverrides::default(),
            today(),
        );
        assert!(bad.error.unwrap().contains("la_nam"));
    }
}
