//! One file's bytes → `LoadedFile`s (one per table: a CSV is one, a
//! workbook one per sheet, named `workbook.xlsx › List 6`): each with its
//! kind, typed records, as-at date, coverage and problems (inputs.md).
//! Never panics and never fails: a file that cannot be read is a
//! `LoadedFile` with `Content::Unreadable` and one sentence saying why, so
//! the other files are unaffected.

pub mod as_at;
pub mod build;
mod columns;
pub mod decode;
pub(crate) mod sink;
pub mod table;
pub mod transfer;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::commentary_kind;
use crate::diagnostics::{Problem, ProblemCode, Severity};
use crate::history_kind::{is_csv_header, looks_like_history};
use crate::records::*;
use crate::schema::{Kind, Layout, Recognition, recognise};
use crate::settings::Settings;
pub use as_at::{AsAt, AsAtSource};
use build::FileFacts;
use sink::ProblemSink;
use table::Table;

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

/// User overrides for one input (the page's editable fields, the CLI's
/// `--as-at` / `--covers`). For a workbook they apply to every sheet, and
/// `sheets` holds one sheet's own, which beat the workbook's.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FileOverrides {
    pub as_at: Option<Date>,
    pub covers_from: Option<Date>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<SheetOverrides>,
}

/// One worksheet's own overrides, by the sheet's name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SheetOverrides {
    pub sheet: String,
    pub as_at: Option<Date>,
    pub covers_from: Option<Date>,
}

impl FileOverrides {
    /// The overrides that hold for one sheet: its own, else the workbook's.
    /// Sheet names match as Excel compares them: case-insensitively (and
    /// here ignoring spaces at the ends, which are easy to miss).
    #[cfg(any(test, feature = "xlsx"))]
    pub(crate) fn for_sheet(&self, sheet: &str) -> FileOverrides {
        let own = self
            .sheets
            .iter()
            .rev()
            .find(|s| same_sheet(&s.sheet, sheet));
        FileOverrides {
            as_at: own.and_then(|s| s.as_at).or(self.as_at),
            covers_from: own.and_then(|s| s.covers_from).or(self.covers_from),
            sheets: Vec::new(),
        }
    }

    /// One sheet's own overrides, made if absent.
    pub(crate) fn sheet_mut(&mut self, sheet: &str) -> &mut SheetOverrides {
        let index = match self.sheets.iter().position(|s| s.sheet == sheet) {
            Some(index) => index,
            None => {
                self.sheets.push(SheetOverrides {
                    sheet: sheet.to_string(),
                    ..SheetOverrides::default()
                });
                self.sheets.len() - 1
            }
        };
        #[allow(clippy::indexing_slicing)] // `index` was found or pushed just above
        &mut self.sheets[index]
    }
}

/// Whether two sheet names are one sheet (see `FileOverrides::for_sheet`).
pub fn same_sheet(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Splits a `--as-at` / `--covers` target into the input it names and,
/// for one sheet of a workbook (`book.xlsx › List 6`), the sheet.
pub fn split_target(target: &str) -> (&str, Option<&str>) {
    match target.split_once('\u{203A}') {
        Some((input, sheet)) => (input.trim_end(), Some(sheet.trim_start())),
        None => (target, None),
    }
}

/// The overrides of one input from the `(target, as-at)` and `(target,
/// coverage start)` pairs the CLI takes: a target naming the input sets it
/// (every sheet of a workbook), one naming a sheet sets that sheet, and a
/// sheet's own date beats the workbook's whatever their order; for the
/// same target, the later pair wins.
pub fn overrides_for(
    input: &str,
    as_at: &[(String, Date)],
    covers: &[(String, Date)],
) -> FileOverrides {
    let mut overrides = FileOverrides::default();
    for (targets, is_as_at) in [(as_at, true), (covers, false)] {
        for (target, date) in targets {
            let (named, sheet) = split_target(target);
            if named != input {
                continue;
            }
            let (own_as_at, own_covers) = match sheet {
                Some(sheet) => {
                    let own = overrides.sheet_mut(sheet);
                    (&mut own.as_at, &mut own.covers_from)
                }
                None => (&mut overrides.as_at, &mut overrides.covers_from),
            };
            if is_as_at {
                *own_as_at = Some(*date);
            } else {
                *own_covers = Some(*date);
            }
        }
    }
    overrides
}

/// A file's typed records, by kind. Records cross between workers
/// (`transfer`); a settings document, history or commentary pack does not
/// (its reader re-reads it: small, and its serde form is JSON's).
#[derive(Debug, Serialize, Deserialize)]
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
    Unreadable,
    // The variants that do not cross come last: serde numbers a variant
    // among all when writing, among those not skipped when reading.
    #[serde(skip)]
    Settings(Box<Settings>),
    /// A history of signed-off months (history.md): its text, which the
    /// scorecard reads (`scorecard::load`; it checks indicator ids, which
    /// sit above this module), and whether it is the seeding CSV.
    #[serde(skip)]
    History {
        text: String,
        csv: bool,
    },
    /// A commentary pack (outputs.md, "Papers for a committee"): its text,
    /// which the scorecard reads (`commentary_pack`; it checks indicator
    /// ids, which sit above this module).
    #[serde(skip)]
    Commentary {
        text: String,
    },
}

/// One loaded file.
#[derive(Debug, Serialize, Deserialize)]
pub struct LoadedFile {
    pub name: String,
    /// `None` for a settings document or an unreadable file.
    pub kind: Option<Kind>,
    pub layout: Option<Layout>,
    /// Data rows read (header excluded).
    pub rows: usize,
    #[serde(with = "crate::records::wire::option_date")]
    pub as_at: Option<Date>,
    pub as_at_source: AsAtSource,
    /// Coverage `(from, to)`; `None` when the file has no as-at date.
    #[serde(with = "crate::records::wire::option_date_pair")]
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
            ProblemCode::UnreadableFile,
            Severity::Error,
            why.clone(),
        ));
        LoadedFile {
            name: name.to_string(),
            kind: None,
            layout: None,
            rows: 0,
            as_at: None,
            as_at_source: AsAtSource::Unknown,
            coverage: None,
            content: Content::Unreadable,
            error: Some(why),
            problems,
        }
    }

    pub(crate) fn is_settings(&self) -> bool {
        matches!(self.content, Content::Settings(_))
    }

    /// Whether the file is a history of signed-off months.
    pub(crate) fn is_history(&self) -> bool {
        matches!(self.content, Content::History { .. })
    }

    /// Whether the file is a commentary pack.
    pub(crate) fn is_commentary(&self) -> bool {
        matches!(self.content, Content::Commentary { .. })
    }

    /// A commentary pack, read later by the scorecard.
    fn commentary(name: &str, text: String, problems: Vec<Problem>) -> LoadedFile {
        LoadedFile {
            content: Content::Commentary { text },
            ..LoadedFile::history(name, String::new(), false, problems)
        }
    }

    /// A history file, read later by the scorecard.
    fn history(name: &str, text: String, csv: bool, problems: Vec<Problem>) -> LoadedFile {
        LoadedFile {
            name: name.to_string(),
            kind: None,
            layout: None,
            rows: 0,
            as_at: None,
            as_at_source: AsAtSource::Unknown,
            coverage: None,
            content: Content::History { text, csv },
            error: None,
            problems,
        }
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

/// A workbook: every sheet read and recognised first, since a workbook is
/// one extraction and its sheets without a date in a name share the
/// latest date over all of them (inputs.md, "As-at date of a file").
#[cfg(feature = "xlsx")]
fn read_workbook(
    name: &str,
    bytes: &[u8],
    first_index: usize,
    overrides: &FileOverrides,
    today: Date,
) -> Vec<LoadedFile> {
    let sheets = match xlsx::read_workbook(bytes, &table::header_score) {
        Err(why) => {
            return vec![LoadedFile::unreadable(
                name,
                capitalise(&why.to_string()),
                Vec::new(),
            )];
        }
        Ok(sheets) => sheets,
    };
    // Each sheet recognised (or refused), with the date its own name or the
    // workbook's gives, if any.
    let prepared: Vec<(String, FileOverrides, Result<Recognised, Box<LoadedFile>>)> = sheets
        .into_iter()
        .map(|sheet| {
            let listed = format!("{name}{SHEET_SEPARATOR}{}", sheet.name);
            let own = overrides.for_sheet(&sheet.name);
            let mut sink = ProblemSink::new(&listed);
            if !sheet.unplaced_errors.is_empty() {
                let count: usize = sheet.unplaced_errors.iter().map(|(_, n)| n).sum();
                let texts: Vec<String> = sheet
                    .unplaced_errors
                    .iter()
                    .map(|(text, _)| format!("`{text}`"))
                    .collect();
                sink.whole_file(
                    ProblemCode::ExcelError,
                    Severity::Warning,
                    format!(
                        "{count} cell{} hold{} an Excel error ({}) whose place the workbook reader cannot tell: read as blank",
                        if count == 1 { "" } else { "s" },
                        if count == 1 { "s" } else { "" },
                        texts.join(", ")
                    ),
                );
            }
            let recognised = match sheet.table {
                Ok(table) => recognise_table(&listed, table, sink),
                Err(why) => Err(Box::new(LoadedFile::unreadable(
                    &listed,
                    capitalise(&why.to_string()),
                    Vec::new(),
                ))),
            }
            .map(|mut recognised| {
                recognised.own_name_dated =
                    AsAt::stated(None, &[(sheet.name.as_str(), AsAtSource::SheetName)]).is_some();
                recognised.stated = AsAt::stated(
                    own.as_at,
                    &[
                        (sheet.name.as_str(), AsAtSource::SheetName),
                        (name, AsAtSource::WorkbookName),
                    ],
                );
                recognised
            });
            (listed, own, recognised)
        })
        .collect();
    // The workbook's latest date, over its sheets without a date in their
    // own name (a date the user set for one sheet moves no other sheet).
    // Worked out only when some sheet needs it (every date cell is read).
    let needed = prepared
        .iter()
        .any(|(_, _, sheet)| sheet.as_ref().is_ok_and(|s| s.stated.is_none()));
    let latest = prepared
        .iter()
        .filter(|_| needed)
        .filter_map(|(_, _, sheet)| sheet.as_ref().ok())
        .filter(|sheet| !sheet.own_name_dated)
        .filter_map(|sheet| as_at::latest_extract_date(&sheet.table, today))
        .max();
    let workbook_date = AsAt::from_data(latest, AsAtSource::LatestDateInWorkbook);
    prepared
        .into_iter()
        .enumerate()
        .map(|(k, (listed, own, sheet))| match sheet {
            Ok(sheet) => {
                let as_at = sheet.stated.unwrap_or(workbook_date);
                finish_table(&listed, sheet, as_at, &own, first_index + k, today)
            }
            Err(unreadable) => *unreadable,
        })
        .collect()
}

/// Reads one file that is one table (a CSV or text file, a settings
/// document); for a workbook, its first sheet (see `load_files` for all).
/// `index` is its position among the loaded files (for record sources);
/// `today` bounds the as-at fallback. For tests, which read one file at a time.
#[cfg(test)]
pub(crate) fn load_file(
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
            ProblemCode::Windows1252,
            Severity::Info,
            "not UTF-8: read as Windows-1252 (Excel's usual CSV encoding)".to_string(),
        ),
        decode::Encoding::Utf16Le | decode::Encoding::Utf16Be if decoded.had_replacements => sink
            .whole_file(
                ProblemCode::InvalidUtf16,
                Severity::Warning,
                "some characters could not be decoded as UTF-16 and were replaced by �".to_string(),
            ),
        _ => {}
    }
    // A history has a `version` too: its `kind` says which it is.
    if looks_like_history(&decoded.text) {
        return LoadedFile::history(name, decoded.text.into_owned(), false, sink.finish());
    }
    if Settings::looks_like_settings(&decoded.text) {
        return match Settings::from_json(&decoded.text) {
            Ok(settings) => LoadedFile {
                name: name.to_string(),
                kind: None,
                layout: None,
                rows: 0,
                as_at: None,
                as_at_source: AsAtSource::Unknown,
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
    if is_csv_header(&table.headers) {
        drop(table);
        return LoadedFile::history(name, decoded.text.into_owned(), true, sink.finish());
    }
    if commentary_kind::is_header(&table.headers) {
        drop(table);
        return LoadedFile::commentary(name, decoded.text.into_owned(), sink.finish());
    }
    drop(decoded);
    match recognise_table(name, table, sink) {
        Ok(mut recognised) => {
            recognised.stated = AsAt::stated(overrides.as_at, &[(name, AsAtSource::FileName)]);
            let as_at = recognised.stated.unwrap_or_else(|| {
                AsAt::from_data(
                    as_at::latest_extract_date(&recognised.table, today),
                    AsAtSource::LatestDate,
                )
            });
            finish_table(name, recognised, as_at, overrides, index, today)
        }
        Err(unreadable) => *unreadable,
    }
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

/// A table whose kind is known, ready to read: from a file or a sheet.
struct Recognised {
    table: Table,
    layout: Layout,
    sink: ProblemSink,
    /// Its as-at date from a name or the user, if it has one (rules 1, 4).
    stated: Option<AsAt>,
    /// For a worksheet: whether its own name holds a date (it then stays
    /// out of the workbook's shared latest date). Read by the workbook
    /// reader only, which the page's own module is built without.
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    own_name_dated: bool,
}

/// A table (from a file or a sheet) → its kind, or the one sentence why it
/// is not a file this scorecard reads.
fn recognise_table(
    name: &str,
    table: Table,
    mut sink: ProblemSink,
) -> Result<Recognised, Box<LoadedFile>> {
    if table.header_row > 1 {
        sink.whole_file(
            ProblemCode::HeaderNotFirst,
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
            ProblemCode::TotalsRow,
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
                    .map(|h| format!("`{}`", crate::diagnostics::shorten(h)))
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
            return Err(Box::new(LoadedFile::unreadable(name, why, sink.finish())));
        }
        Recognition::DuplicateHeaders { first, second } => {
            return Err(Box::new(LoadedFile::unreadable(
                name,
                format!(
                    "Two columns have the same header once normalised: `{first}` and `{second}`"
                ),
                sink.finish(),
            )));
        }
    };
    for (row, cells) in &table.ragged {
        sink.cell(
            *row,
            "",
            "",
            ProblemCode::RaggedRow,
            Severity::Info,
            format!(
                "the row has {cells} cells but the header has {}",
                table.headers.len()
            ),
        );
    }
    Ok(Recognised {
        table,
        layout,
        sink,
        stated: None,
        own_name_dated: false,
    })
}

/// A recognised table with its as-at date → the loaded file: records,
/// coverage and problems. A file whose as-at date is unknown is read (its
/// problems are worth seeing) and flagged; the data set leaves it out
/// until a date is set.
fn finish_table(
    name: &str,
    recognised: Recognised,
    as_at: AsAt,
    overrides: &FileOverrides,
    index: usize,
    today: Date,
) -> LoadedFile {
    let Recognised {
        table,
        layout,
        mut sink,
        ..
    } = recognised;
    let kind = layout.kind;
    if !kind.is_used() {
        // Named, not read.
        return LoadedFile {
            name: name.to_string(),
            kind: Some(kind),
            layout: Some(layout),
            rows: table.rows.len(),
            as_at: as_at.date,
            as_at_source: as_at.source,
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
    if as_at.date.is_none() && kind != Kind::Teams {
        sink.whole_file(
            ProblemCode::AsAtUnknown,
            Severity::Warning,
            "no as-at date: neither its name nor any date column says when it was extracted, so it is not used until you set one".to_string(),
        );
    }
    let mut dates = FileFacts {
        today,
        // Dates after a stated as-at date are reported against it; one
        // found in the data is the latest there, so dates are checked
        // against today instead.
        as_at: as_at.date.filter(|_| as_at.source.is_stated()),
        exact_duplicates: 0,
    };
    let content = build_content(kind, &table, &layout, index, &mut sink, &mut dates);
    columns::report(&table, &layout, &mut sink);
    // A file always describes its as-at date, so a coverage start after it
    // (the earliest marker late in the as-at month) leaves the as-at date only.
    let coverage = as_at.date.map(|as_at| {
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
        as_at: as_at.date,
        as_at_source: as_at.source,
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
        | Content::History { .. }
        | Content::Commentary { .. }
        | Content::Unreadable => None,
    }
}

/// A marker in the first 7 days of its month starts coverage on the 1st of
/// that month; later in the month, on the 1st of the next.
pub(crate) fn coverage_start(marker: Date) -> Date {
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
                .any(|p| p.code == ProblemCode::FutureDate && p.row == Some(4))
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
            ..FileOverrides::default()
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
        let codes: Vec<_> = file.problems.iter().map(|p| (p.code, p.row)).collect();
        assert_eq!(
            codes,
            vec![
                (ProblemCode::DuplicateRow, Some(3)),
                (ProblemCode::DuplicateKey, Some(3))
            ]
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
            .filter(|p| p.code == ProblemCode::OverlappingEpisodes)
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

/// Column reports (`columns.rs`) as a file's problems show them.
#[cfg(test)]
mod column_reports {
    use super::{FileOverrides, load_file};
    use crate::diagnostics::ProblemCode;
    use jiff::civil::date;

    fn problems(name: &str, csv: &str) -> Vec<crate::diagnostics::Problem> {
        load_file(
            name,
            csv.as_bytes(),
            0,
            &FileOverrides::default(),
            date(2026, 11, 26),
        )
        .problems
    }

    #[test]
    fn excel_errors_are_reported_once_per_column_with_their_consequence() {
        // inputs.md, "Value types": "reported once per column with its count
        // and what it was read as".
        let found = problems(
            "list6_2017-12-31.csv",
            "Child Unique ID,CIN Start Date,CIN Closure Date,Allocated Worker\n\
             C1,01/01/2017,,#N/A\nC2,01/02/2017,,W1\nC3,01/03/2017,#REF!,#n/a\nC4,01/03/2017,,#VALUE!\n",
        );
        let errors: Vec<_> = found
            .iter()
            .filter(|p| p.code == ProblemCode::ExcelError)
            .collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        let worker = errors
            .iter()
            .find(|p| p.column == "Allocated Worker")
            .unwrap();
        assert_eq!((worker.row, worker.value.as_str()), (Some(2), "#N/A"));
        assert_eq!(
            worker.message,
            "Allocated Worker is `#N/A`, `#VALUE!` on 3 rows, e.g. row 2: an Excel error (a lookup or formula that failed), read as blank, so these cases count as unallocated"
        );
        let closure = errors
            .iter()
            .find(|p| p.column == "CIN Closure Date")
            .unwrap();
        assert!(
            closure.message.contains("on 1 row, e.g. row 4")
                && closure
                    .message
                    .ends_with("these episodes count as still open"),
            "{}",
            closure.message
        );
    }

    #[test]
    fn ids_excel_rewrote_and_month_first_dates_are_reported_once() {
        let found = problems(
            "list3_2017-12-31.csv",
            "Child Unique ID,Date of referral\n1.23457E+11,05/12/2017\n1.23457E+11,12/13/2017\nC3,12/25/2017\n",
        );
        let exponent: Vec<_> = found
            .iter()
            .filter(|p| p.code == ProblemCode::ExcelExponentId)
            .collect();
        assert_eq!(exponent.len(), 1);
        assert!(
            exponent[0]
                .message
                .contains("on 2 rows, e.g. row 2 `1.23457E+11`")
        );
        let month_first: Vec<_> = found
            .iter()
            .filter(|p| p.code == ProblemCode::MonthFirstDates)
            .collect();
        assert_eq!(month_first.len(), 1);
        assert_eq!(month_first[0].row, Some(3));
        assert!(
            month_first[0]
                .message
                .contains("2 values such as row 3 `12/13/2017`")
        );
    }
}
