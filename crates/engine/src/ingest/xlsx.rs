//! `.xlsx` workbooks → one table per sheet (inputs.md, "Encodings and
//! delimiters": each sheet is read as a table and recognised like a file;
//! date cells are read as dates).
//!
//! Owns: telling a workbook from other zip files (`.ods`, `.xlsb` and plain
//! archives are refused with a sentence); refusing a hostile workbook before
//! `calamine` unpacks it (too many parts, parts that unpack past
//! `MAX_UNPACKED_BYTES` whatever sizes they declare, an absurd shared-string
//! count); and turning each visible worksheet's cells into the text a CSV
//! export would hold, so that one `Table` serves both: date cells as
//! `dd/mm/yyyy` (as the engine writes dates), whole numbers without `.0`
//! (a numeric `Child Unique ID` 12345 stays `12345`), booleans as
//! `TRUE`/`FALSE`, error cells as Excel shows them. The header search,
//! totals rows and limits are the table's (see `table`). It must not
//! recognise kinds or interpret values.
//!
//! Cells are streamed (`worksheet_cells_reader`), never gathered into a
//! `calamine::Range`, whose size comes from the sheet's own (untrusted)
//! dimensions.

use std::borrow::Cow;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx, XlsxError};

use crate::format;
use crate::ingest::table::{
    Candidate, HEADER_SEARCH_ROWS, HeaderScore, MAX_CELLS, MAX_COLUMNS, NotATable, Record, Table,
    TableBuilder, choose_header,
};

/// A workbook may have at most this many parts (a real one has tens).
pub(crate) const MAX_PARTS: usize = 10_000;

/// The parts of a workbook may unpack to at most this many bytes in all.
pub(crate) const MAX_UNPACKED_BYTES: u64 = 300 * 1024 * 1024;

/// At most this many distinct texts (`calamine` reserves room for the
/// count a workbook declares before reading them).
pub(crate) const MAX_SHARED_STRINGS: u64 = 5_000_000;

/// One sheet read as a table.
#[derive(Debug)]
pub struct Sheet {
    pub name: String,
    pub table: Result<Table, NotATable>,
    /// Error cells of the newer kinds (`#SPILL!`, `#CALC!` …) that
    /// `calamine` reads without their place: each text and how many. They
    /// are blank in the table (inputs.md: an error cell is blank).
    pub unplaced_errors: Vec<(String, usize)>,
}

/// Why a zip file gives no sheets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotAWorkbook {
    Damaged(String),
    TooManyParts(usize),
    TooBig,
    TooManyStrings(u64),
    Ods,
    Xlsb,
    OtherZip,
    NoSheets,
}

impl std::fmt::Display for NotAWorkbook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotAWorkbook::Damaged(why) => write!(
                f,
                "this is a zip archive or Excel workbook that cannot be opened ({why}): save it again as .xlsx, or save each list as CSV"
            ),
            NotAWorkbook::TooManyParts(parts) => write!(
                f,
                "this workbook has {parts} parts, more than the {MAX_PARTS} a workbook here may have"
            ),
            NotAWorkbook::TooBig => write!(
                f,
                "this workbook unpacks to more than {} MB: save each list as CSV or in a workbook of its own",
                MAX_UNPACKED_BYTES / (1024 * 1024)
            ),
            NotAWorkbook::TooManyStrings(count) => write!(
                f,
                "this workbook declares {count} distinct texts, more than it can hold: it is damaged; save it again from Excel"
            ),
            NotAWorkbook::Ods => f.write_str(
                "this is an OpenDocument spreadsheet (.ods), which this page does not read: save it as .xlsx or CSV",
            ),
            NotAWorkbook::Xlsb => f.write_str(
                "this is an Excel binary workbook (.xlsb), which this page does not read: save it as .xlsx or CSV",
            ),
            NotAWorkbook::OtherZip => f.write_str(
                "this is a zip archive, not an Excel workbook: unzip it, or save each list as .xlsx or CSV",
            ),
            NotAWorkbook::NoSheets => f.write_str("this workbook has no visible sheet with any data"),
        }
    }
}

/// Reads every visible, non-empty worksheet of a workbook as a table,
/// in the workbook's order. `score` rates a row as the header (see
/// `table::choose_header`).
pub(crate) fn read_workbook(
    bytes: &[u8],
    score: &dyn Fn(&[String]) -> HeaderScore,
) -> Result<Vec<Sheet>, NotAWorkbook> {
    check_parts(bytes)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(damaged)?;
    let is_1904 = workbook.has_1904_epoch();
    let sheets: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut read = Vec::with_capacity(sheets.len());
    for name in sheets {
        let mut cells = match workbook.worksheet_cells_reader(&name) {
            Ok(cells) => cells,
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(error) => {
                read.push(Sheet {
                    name,
                    table: Err(NotATable::Malformed(error.to_string())),
                    unplaced_errors: Vec::new(),
                });
                continue;
            }
        };
        let mut grid = Grid::new(score);
        let mut unplaced_errors: Vec<(String, usize)> = Vec::new();
        let table = loop {
            match cells.next_cell() {
                Ok(Some(cell)) => {
                    let (row, column) = cell.get_position();
                    let text = cell_text(cell.get_value(), is_1904);
                    if let Err(why) = grid.add(row, column, text) {
                        break Some(Err(why));
                    }
                }
                Ok(None) => break grid.finish(),
                // An error cell calamine has no name for (`#SPILL!`,
                // `#CALC!`, `#BLOCKED!` …): it stops at that cell, and the
                // next call reads on from the cell after it. Blank, counted.
                Err(XlsxError::CellError(text)) => {
                    let text = crate::diagnostics::shorten(&text);
                    match unplaced_errors.iter_mut().find(|(t, _)| *t == text) {
                        Some((_, count)) => *count += 1,
                        None => unplaced_errors.push((text, 1)),
                    }
                    if unplaced_errors.iter().map(|(_, n)| n).sum::<usize>() > MAX_CELLS {
                        break Some(Err(NotATable::Malformed(
                            "too many error cells".to_string(),
                        )));
                    }
                }
                Err(error) => break Some(Err(NotATable::Malformed(error.to_string()))),
            }
        };
        // An empty sheet is skipped, as a hidden one is.
        if let Some(table) = table {
            read.push(Sheet {
                name,
                table,
                unplaced_errors,
            });
        }
    }
    if read.is_empty() {
        return Err(NotAWorkbook::NoSheets);
    }
    Ok(read)
}

fn damaged(error: impl std::fmt::Display) -> NotAWorkbook {
    NotAWorkbook::Damaged(crate::diagnostics::shorten(&error.to_string()))
}

/// Checks what the zip holds before `calamine` opens it: a workbook (not
/// another kind of archive), not too many parts, every part unpacking to
/// no more than the limit in all (counted by unpacking, since a part can
/// declare any size), and a believable shared-string count.
fn check_parts(bytes: &[u8]) -> Result<(), NotAWorkbook> {
    if let Some(parts) = declared_parts(bytes) {
        if parts > MAX_PARTS {
            return Err(NotAWorkbook::TooManyParts(parts));
        }
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    if zip.len() > MAX_PARTS {
        return Err(NotAWorkbook::TooManyParts(zip.len()));
    }
    let has = |zip: &zip::ZipArchive<_>, wanted: &str| {
        zip.file_names()
            .find(|name: &&str| name.eq_ignore_ascii_case(wanted))
            .map(str::to_string)
    };
    if has(&zip, "xl/workbook.xml").is_none() {
        return Err(if has(&zip, "xl/workbook.bin").is_some() {
            NotAWorkbook::Xlsb
        } else if has(&zip, "content.xml").is_some() && has(&zip, "mimetype").is_some() {
            NotAWorkbook::Ods
        } else {
            NotAWorkbook::OtherZip
        });
    }
    let shared_strings = has(&zip, "xl/sharedStrings.xml");
    let mut total: u64 = 0;
    let mut shared_size = 0;
    for index in 0..zip.len() {
        let mut part = zip.by_index(index).map_err(damaged)?;
        if part.is_dir() {
            continue;
        }
        let budget = MAX_UNPACKED_BYTES - total;
        if part.size() > budget {
            return Err(NotAWorkbook::TooBig);
        }
        let unpacked = std::io::copy(&mut (&mut part).take(budget + 1), &mut std::io::sink())
            .map_err(damaged)?;
        if unpacked > budget {
            return Err(NotAWorkbook::TooBig);
        }
        total += unpacked;
        if shared_strings.as_deref() == Some(part.name()) {
            shared_size = unpacked;
        }
    }
    if let Some(name) = shared_strings {
        let mut head = Vec::with_capacity(4096);
        let part = zip.by_name(&name).map_err(damaged)?;
        part.take(4096).read_to_end(&mut head).map_err(damaged)?;
        if let Some(count) = unique_count(&head) {
            // Each `<si/>` takes at least five bytes.
            if count > MAX_SHARED_STRINGS || count > shared_size / 5 + 1 {
                return Err(NotAWorkbook::TooManyStrings(count));
            }
        }
    }
    Ok(())
}

/// The number of entries the zip's end record declares, if it has one.
fn declared_parts(bytes: &[u8]) -> Option<usize> {
    // The end record is 22 bytes plus a comment of up to 65,535.
    let tail_from = bytes.len().saturating_sub(22 + 65_535);
    let tail = bytes.get(tail_from..)?;
    let at = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let count = tail.get(at + 10..at + 12)?;
    Some(usize::from(u16::from_le_bytes([
        *count.first()?,
        *count.get(1)?,
    ])))
}

/// The `uniqueCount` attribute of a shared-strings part's `<sst>` element.
fn unique_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let start = text.find("<sst")?;
    let rest = text.get(start..)?;
    let attribute = rest.get(..rest.find('>')?)?;
    let value = attribute.split("uniqueCount=").nth(1)?;
    let digits: String = value
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(char::is_ascii_digit)
        .take(20)
        .collect();
    Some(digits.parse().unwrap_or(u64::MAX))
}

/// A cell as the text a CSV export of the sheet would hold (borrowed from
/// the workbook's shared strings where it can be).
fn cell_text<'a>(value: &DataRef<'a>, is_1904: bool) -> Cow<'a, str> {
    match value {
        DataRef::SharedString(s) => Cow::Borrowed(*s),
        DataRef::String(s) => Cow::Owned(s.clone()),
        DataRef::Int(n) => Cow::Owned(n.to_string()),
        DataRef::Float(n) => Cow::Owned(number_text(*n)),
        DataRef::Bool(true) => Cow::Borrowed("TRUE"),
        DataRef::Bool(false) => Cow::Borrowed("FALSE"),
        DataRef::DateTime(when) if when.is_datetime() => {
            Cow::Owned(date_text(when.as_f64(), is_1904))
        }
        DataRef::DateTime(when) => Cow::Owned(number_text(when.as_f64())),
        // `yyyy-mm-ddThh:mm:ss` (a cell of type `d`): the date part.
        DataRef::DateTimeIso(s) => {
            let day = s.split_once('T').map_or(s.as_str(), |(day, _)| day);
            Cow::Owned(match crate::values::parse_date(day) {
                Ok(date) if day.len() == 10 => format::date(date),
                _ => s.clone(),
            })
        }
        DataRef::DurationIso(s) => Cow::Owned(s.clone()),
        // As Excel shows it; calamine's own text for "getting data" is
        // `#DATA!`, which is not what Excel writes.
        DataRef::Error(calamine::CellErrorType::GettingData) => Cow::Borrowed("#GETTING_DATA"),
        DataRef::Error(error) => Cow::Owned(error.to_string()),
        DataRef::Empty => Cow::Borrowed(""),
    }
}

/// A number as Excel's General format shows it, but never in exponent
/// form for whole numbers: `12345`, not `12345.0`.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        // Exact: a whole number below 2^53.
        (n as i64).to_string()
    } else if n.is_finite() && n.abs() >= 1e15 {
        format!("{n:e}")
    } else {
        n.to_string()
    }
}

/// An Excel day number (1900 or 1904 system) as the engine writes a date
/// (`31/12/2017`, a form the date parser reads, and what a UK Excel shows
/// and exports); the time of day is dropped. Outside Excel's range the number itself, which the
/// date parser then reports.
fn date_text(serial: f64, is_1904: bool) -> String {
    // Day 0 of the 1904 system is day 1462 of the 1900 one.
    let day = serial.floor() + if is_1904 { 1462.0 } else { 0.0 };
    // Days 1–60 fall in Excel's imaginary 29 February 1900 and before.
    if !(61.0..=2_958_465.0).contains(&day) {
        return number_text(serial);
    }
    let days = day as i64;
    let epoch = jiff::civil::date(1899, 12, 30);
    match epoch.checked_add(jiff::Span::new().days(days)) {
        Ok(date) => {
            // As `format::date` writes it, digit by digit: a sheet may hold
            // hundreds of thousands of dates.
            let mut text = String::with_capacity(10);
            let parts = [
                (u16::from(date.day().unsigned_abs()), 2),
                (u16::from(date.month().unsigned_abs()), 2),
                (date.year().unsigned_abs(), 4),
            ];
            for (n, width) in parts {
                if !text.is_empty() {
                    text.push('/');
                }
                for place in (0..width).rev() {
                    let digit = n / 10u16.pow(place) % 10;
                    text.push(char::from(b'0' + digit as u8));
                }
            }
            text
        }
        Err(_) => number_text(serial),
    }
}

/// One row's cells as (column, text), in the order the sheet gives them.
type Cells<'a> = Vec<(u32, Cow<'a, str>)>;

/// A sheet's cells gathered row by row: the first rows held back until the
/// header is chosen, then each row handed to the table as it completes.
struct Grid<'s, 'a> {
    score: &'s dyn Fn(&[String]) -> HeaderScore,
    /// The row being gathered and its number.
    number: Option<u32>,
    current: Cells<'a>,
    /// Rows before the header is chosen.
    first_rows: Vec<(u32, Cells<'a>)>,
    first_cells: usize,
    builder: Option<TableBuilder>,
}

impl<'s, 'a> Grid<'s, 'a> {
    fn new(score: &'s dyn Fn(&[String]) -> HeaderScore) -> Grid<'s, 'a> {
        Grid {
            score,
            number: None,
            current: Vec::new(),
            first_rows: Vec::new(),
            first_cells: 0,
            builder: None,
        }
    }

    /// Adds a cell (0-based row and column, as `calamine` gives them).
    fn add(&mut self, row: u32, column: u32, text: Cow<'a, str>) -> Result<(), NotATable> {
        if text.trim().is_empty() {
            return Ok(());
        }
        let number = row.saturating_add(1);
        if self.number.is_some_and(|n| n != number) {
            self.flush()?;
        }
        self.number = Some(number);
        self.current.push((column, text));
        Ok(())
    }

    /// Hands the row being gathered on.
    fn flush(&mut self) -> Result<(), NotATable> {
        let Some(number) = self.number.take() else {
            return Ok(());
        };
        if self.builder.is_none() && number > HEADER_SEARCH_ROWS && !self.first_rows.is_empty() {
            self.start_table()?;
        }
        if let Some(builder) = &mut self.builder {
            let pushed = push(builder, number, &mut self.current);
            self.current.clear();
            return pushed;
        }
        self.first_cells = self.first_cells.saturating_add(self.current.len());
        if self.first_cells > MAX_CELLS {
            return Err(NotATable::TooManyCells);
        }
        self.first_rows
            .push((number, std::mem::take(&mut self.current)));
        Ok(())
    }

    /// Chooses the header among the first rows and starts the table with
    /// the rows below it.
    fn start_table(&mut self) -> Result<(), NotATable> {
        let mut first_rows = std::mem::take(&mut self.first_rows);
        let candidates: Vec<Candidate> = first_rows
            .iter()
            .enumerate()
            .map(|(index, (number, cells))| {
                let width = row_width(cells);
                Candidate {
                    index,
                    number: *number,
                    cells: if width > MAX_COLUMNS {
                        Vec::new()
                    } else {
                        let mut row = vec![String::new(); width];
                        for (column, text) in cells {
                            let slot = usize::try_from(*column).ok().and_then(|c| row.get_mut(c));
                            if let Some(slot) = slot {
                                *slot = text.trim().to_string();
                            }
                        }
                        row
                    },
                    width,
                }
            })
            .collect();
        let Some(chosen) = choose_header(&candidates, self.score) else {
            return Err(NotATable::NoHeader);
        };
        let Some(header) = candidates.get(chosen) else {
            return Err(NotATable::NoHeader);
        };
        if header.width > MAX_COLUMNS {
            return Err(NotATable::TooWide(header.width));
        }
        let mut builder = TableBuilder::new(&header.cells, header.number, false)?;
        for (number, cells) in first_rows.iter_mut().skip(chosen + 1) {
            push(&mut builder, *number, cells)?;
        }
        self.builder = Some(builder);
        Ok(())
    }

    /// The sheet's table, or `None` for a sheet with no data.
    fn finish(mut self) -> Option<Result<Table, NotATable>> {
        if let Err(why) = self.flush() {
            return Some(Err(why));
        }
        if self.builder.is_none() {
            if self.first_rows.is_empty() {
                return None;
            }
            if let Err(why) = self.start_table() {
                return Some(Err(why));
            }
        }
        self.builder.map(|builder| Ok(builder.finish()))
    }
}

/// Columns up to the last cell.
fn row_width(cells: &[(u32, Cow<'_, str>)]) -> usize {
    cells
        .iter()
        .map(|(column, _)| {
            usize::try_from(*column)
                .unwrap_or(usize::MAX)
                .saturating_add(1)
        })
        .max()
        .unwrap_or(0)
}

/// Adds a data row: cells under the header are kept (blank where the sheet
/// has none); cells beyond it make the row ragged.
fn push(
    builder: &mut TableBuilder,
    number: u32,
    cells: &mut [(u32, Cow<'_, str>)],
) -> Result<(), NotATable> {
    let width = builder.width();
    let full = row_width(cells);
    // Sheets list a row's cells left to right; a stable sort keeps the
    // last of two cells claiming one column.
    if !cells.is_sorted_by_key(|(column, _)| *column) {
        cells.sort_by_key(|(column, _)| *column);
    }
    let kept = full.min(width);
    let bytes = cells.iter().map(|(_, text)| text.len()).sum();
    let mut record = Record::with_capacity(bytes, kept);
    let mut next = 0usize;
    let mut blank = true;
    for (position, (column, text)) in cells.iter().enumerate() {
        let Ok(column) = usize::try_from(*column) else {
            continue;
        };
        let repeated = cells
            .get(position + 1)
            .is_some_and(|(following, _)| usize::try_from(*following) == Ok(column));
        if column >= kept || column < next || repeated {
            continue;
        }
        while next < column {
            record.push_field("");
            next += 1;
        }
        record.push_field(text);
        blank &= text.trim().is_empty();
        next += 1;
    }
    while next < kept {
        record.push_field("");
        next += 1;
    }
    if full > width && !blank {
        builder.note_ragged(number, full);
    }
    builder.push(number, record.cells())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_a_csv_export_shows_them() {
        assert_eq!(number_text(12345.0), "12345");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(0.5), "0.5");
        assert_eq!(number_text(1.25), "1.25");
        assert_eq!(cell_text(&DataRef::Int(7), false), "7");
        assert_eq!(cell_text(&DataRef::Bool(true), false), "TRUE");
        assert_eq!(
            cell_text(&DataRef::Error(calamine::CellErrorType::NA), false),
            "#N/A"
        );
        assert_eq!(
            cell_text(&DataRef::DateTimeIso("2017-12-31T10:00:00".into()), false),
            "31/12/2017"
        );
    }

    #[test]
    fn day_numbers_become_dates() {
        // Worked by hand: 1 January 1900 is day 1, and Excel counts a 29
        // February 1900, so day 61 is 1 March 1900; 2017-12-31 is 43100.
        assert_eq!(date_text(61.0, false), "01/03/1900");
        assert_eq!(date_text(43100.0, false), "31/12/2017");
        assert_eq!(date_text(43100.75, false), "31/12/2017");
        // The 1904 system counts from 1 January 1904: 2017-12-31 is 41638.
        assert_eq!(date_text(41638.0, true), "31/12/2017");
        // Out of range: the number, for the date parser to report.
        assert_eq!(date_text(60.0, false), "60");
        assert_eq!(date_text(-1.0, false), "-1");
        assert_eq!(date_text(f64::NAN, false), "NaN");
        assert_eq!(date_text(1e300, false), "1e300");
    }

    #[test]
    fn reads_the_declared_counts() {
        assert_eq!(
            unique_count(br#"<?xml version="1.0"?><sst xmlns="x" count="10" uniqueCount="4">"#),
            Some(4)
        );
        assert_eq!(unique_count(b"<sst>"), None);
        assert_eq!(
            unique_count(b"<sst uniqueCount=\"99999999999999999999999999\">"),
            Some(u64::MAX)
        );
    }
}
