//! Text → a table of header plus rows (RFC 4180 as `csv-core` reads it), and
//! the rules every table follows whatever it was read from (a CSV file or a
//! workbook's sheet, see `xlsx`).
//!
//! Owns: delimiter detection (comma, semicolon or tab, whichever occurs
//! most in the header row; comma on a tie), finding the header within the
//! first rows when a title sits above it, row numbering as a spreadsheet
//! shows it (blank lines count), ignoring a totals row at the bottom, and
//! the limits that keep a hostile file from exhausting the page (columns,
//! cells). It must not interpret values: which row makes a good header is
//! asked of the caller (`HeaderScore`).

use csv_core::{ReadRecordResult, Reader as CoreReader, ReaderBuilder};

use crate::schema::{Recognition, recognise};
use crate::values::is_whitespace;

/// A header row may have at most this many cells (a 10-million-column
/// line is refused, not read).
pub(crate) const MAX_COLUMNS: usize = 10_000;

/// A table may hold at most this many cells, so a file of empty cells
/// cannot exhaust the page's memory. A 200 MB CSV of real data has far
/// fewer.
pub const MAX_CELLS: usize = 40_000_000;

/// The header is looked for in the first this many rows.
pub(crate) const HEADER_SEARCH_ROWS: u32 = 10;

/// Rows below the first compete as the header only up to this width
/// (real headers have tens of columns), which bounds the search's work.
pub(crate) const MAX_SEARCH_WIDTH: usize = 1_000;

/// How well a row serves as the header: a row that makes a kind
/// recognisable beats one that does not, then more matched columns win.
pub type HeaderScore = (bool, usize);

/// A file read as a header row and data rows.
#[derive(Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Rows,
    /// Rows with more or fewer cells than the header (row numbers), for the report.
    pub ragged: Vec<(u32, usize)>,
    /// The header's row number (1 unless title rows sit above it).
    pub header_row: u32,
    /// Totals rows at the bottom, left out: (row number, the label cell).
    pub totals: Vec<(u32, String)>,
}

/// The data rows, every cell's text back to back in one buffer: a large
/// file is hundreds of thousands of rows, and a buffer (and a `String`)
/// per row made allocation the biggest cost of reading one.
#[derive(Debug, Default)]
pub struct Rows {
    text: String,
    /// Each cell's end in `text` (a cell starts where the one before ends).
    ends: Vec<u32>,
    /// Each row's number and its first cell's position in `ends`.
    rows: Vec<(u32, u32)>,
}

impl Rows {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<Row<'_>> {
        let &(number, first) = self.rows.get(index)?;
        let first = usize::try_from(first).ok()?;
        let next = match self.rows.get(index + 1) {
            Some(&(_, next)) => usize::try_from(next).ok()?,
            None => self.ends.len(),
        };
        let start = match first.checked_sub(1) {
            Some(previous) => *self.ends.get(previous)?,
            None => 0,
        };
        Some(Row {
            number,
            cells: Cells {
                text: &self.text,
                start,
                ends: self.ends.get(first..next)?,
            },
        })
    }

    /// Whether any cell holds the byte `needle` (one search of the whole
    /// text: a check that nearly every file fails can skip a pass over its
    /// cells). `memchr`: `str::contains` was 5% of reading the monthly
    /// shape in WebAssembly.
    pub(crate) fn any_cell_contains(&self, needle: u8) -> bool {
        memchr::memchr(needle, self.text.as_bytes()).is_some()
    }

    /// Whether any cell holds `E+` or `e+` (Excel's exponent form), found
    /// by its `+`, which a table of dates, names and codes seldom has.
    pub(crate) fn any_exponent(&self) -> bool {
        let text = self.text.as_bytes();
        memchr::memchr_iter(b'+', text).any(|at| {
            at.checked_sub(1)
                .and_then(|before| text.get(before))
                .is_some_and(|byte| byte.eq_ignore_ascii_case(&b'e'))
        })
    }

    pub fn last(&self) -> Option<Row<'_>> {
        self.get(self.rows.len().checked_sub(1)?)
    }

    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        (0..self.rows.len()).filter_map(|index| self.get(index))
    }

    /// Adds a row of the first `kept` of `cells`, copied in one piece.
    fn push(&mut self, number: u32, cells: Cells<'_>, kept: usize) -> Result<(), NotATable> {
        let first = u32::try_from(self.ends.len()).map_err(|_| NotATable::TooManyCells)?;
        let ends = cells.ends.get(..kept).unwrap_or(cells.ends);
        let from = cells.start;
        let to = ends.last().copied().unwrap_or(from);
        let text = usize::try_from(from)
            .ok()
            .zip(usize::try_from(to).ok())
            .and_then(|(from, to)| cells.text.get(from..to))
            .unwrap_or("");
        let base = u32::try_from(self.text.len()).map_err(|_| NotATable::TooMuchText)?;
        let total = u32::try_from(text.len())
            .ok()
            .and_then(|len| base.checked_add(len))
            .ok_or(NotATable::TooMuchText)?;
        self.text.push_str(text);
        // Each end moves from `from` to `base`; none passes `total`.
        self.ends.extend(
            ends.iter()
                .map(|&end| end.saturating_sub(from).saturating_add(base).min(total)),
        );
        self.rows.push((number, first));
        Ok(())
    }

    /// Takes the last row off, giving its number.
    fn pop(&mut self) -> Option<u32> {
        let (number, first) = self.rows.pop()?;
        let first = usize::try_from(first).unwrap_or(self.ends.len());
        let start = first
            .checked_sub(1)
            .and_then(|previous| self.ends.get(previous))
            .map_or(0, |&end| usize::try_from(end).unwrap_or(usize::MAX));
        self.ends.truncate(first);
        self.text.truncate(start);
        Some(number)
    }
}

/// One data row and its spreadsheet row number.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub number: u32,
    pub cells: Cells<'a>,
}

impl<'a> Row<'a> {
    /// The cell at `index`, or "" when the row is short.
    pub fn cell(&self, index: Option<usize>) -> &'a str {
        index.and_then(|i| self.cells.get(i)).unwrap_or("")
    }
}

/// A row's cells, as they were written (quotes undone, not trimmed).
#[derive(Debug, Clone, Copy)]
pub struct Cells<'a> {
    text: &'a str,
    /// Where the first cell starts in `text`.
    start: u32,
    /// Each cell's end in `text`.
    ends: &'a [u32],
}

impl<'a> Cells<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&'a str> {
        let end = *self.ends.get(index)?;
        let begin = match index.checked_sub(1) {
            Some(previous) => *self.ends.get(previous)?,
            None => self.start,
        };
        self.text
            .get(usize::try_from(begin).ok()?..usize::try_from(end).ok()?)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let text = self.text;
        let mut begin = self.start;
        self.ends.iter().map(move |&end| {
            let cell = usize::try_from(begin)
                .ok()
                .zip(usize::try_from(end).ok())
                .and_then(|(begin, end)| text.get(begin..end))
                .unwrap_or("");
            begin = end;
            cell
        })
    }
}

impl PartialEq for Cells<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

/// One record's cells while it is read, reused from record to record.
#[derive(Debug, Default, Clone)]
pub struct Record {
    text: String,
    ends: Vec<u32>,
}

impl Record {
    pub fn with_capacity(bytes: usize, cells: usize) -> Record {
        Record {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(cells),
        }
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    pub(crate) fn push_field(&mut self, field: &str) {
        self.text.push_str(field);
        // A record over 4 GB cannot be read from a file under the size
        // limit; its cells would read as "" rather than panic.
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn cells(&self) -> Cells<'_> {
        Cells {
            text: &self.text,
            start: 0,
            ends: &self.ends,
        }
    }
}

/// Why text is not a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotATable {
    NoHeader,
    Malformed(String),
    /// The header row has this many cells, over `MAX_COLUMNS`.
    TooWide(usize),
    /// More than `MAX_CELLS` cells.
    TooManyCells,
    /// Cells holding more than 4 GB of text in all.
    TooMuchText,
}

impl std::fmt::Display for NotATable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotATable::NoHeader => f.write_str("the file has no header row"),
            NotATable::Malformed(why) => write!(f, "the file is not a readable table ({why})"),
            NotATable::TooWide(cells) => write!(
                f,
                "the header row has {cells} cells, more than the {MAX_COLUMNS} a table here may have: is this a table?"
            ),
            NotATable::TooManyCells => write!(
                f,
                "the table has more than {} million cells: split it or export fewer columns",
                MAX_CELLS / 1_000_000
            ),
            NotATable::TooMuchText => f.write_str(
                "the table holds more than 4 GB of text: split it or export fewer columns",
            ),
        }
    }
}

/// The delimiter that occurs most often in the first line.
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let header = text.split(['\r', '\n']).next().unwrap_or("");
    delimiter_of(header)
}

/// The delimiter that occurs most often in `line` (comma on a tie;
/// semicolon before tab).
fn delimiter_of(line: &str) -> u8 {
    let (mut commas, mut semicolons, mut tabs) = (0usize, 0usize, 0usize);
    for byte in line.bytes() {
        match byte {
            b',' => commas += 1,
            b';' => semicolons += 1,
            b'\t' => tabs += 1,
            _ => {}
        }
    }
    if semicolons > commas && semicolons >= tabs {
        b';'
    } else if tabs > commas && tabs > semicolons {
        b'\t'
    } else {
        b','
    }
}

/// A row that might be the header.
#[derive(Debug)]
pub struct Candidate {
    /// Its position among the rows read (0 = the first).
    pub index: usize,
    pub number: u32,
    /// Its cells, trimmed; none when it is wider than `MAX_COLUMNS`.
    pub cells: Vec<String>,
    pub width: usize,
}

/// The header among `candidates` (in row order), as a position in it: the
/// first row when it makes a kind recognisable, otherwise the row that
/// scores best (the earliest on a tie), the first when none scores above
/// it. The first row is not scored when wider than `MAX_COLUMNS`, the
/// others when wider than `MAX_SEARCH_WIDTH`.
pub(crate) fn choose_header(
    candidates: &[Candidate],
    score: &dyn Fn(&[String]) -> HeaderScore,
) -> Option<usize> {
    let first = candidates.first()?;
    let mut best = (score_of(first, score), 0);
    if best.0.0 {
        return Some(0);
    }
    for (position, candidate) in candidates.iter().enumerate().skip(1) {
        if candidate.width > MAX_SEARCH_WIDTH {
            continue;
        }
        let s = score_of(candidate, score);
        if s > best.0 {
            best = (s, position);
        }
    }
    Some(best.1)
}

fn score_of(candidate: &Candidate, score: &dyn Fn(&[String]) -> HeaderScore) -> HeaderScore {
    if candidate.width > MAX_COLUMNS {
        (false, 0)
    } else {
        score(&candidate.cells)
    }
}

/// Builds a table row by row once the header is known: ragged rows,
/// blank rows, the cell budget and trailing totals rows.
#[derive(Debug)]
pub struct TableBuilder {
    table: Table,
    /// Rows shorter than the header are ragged (CSV); a sheet stores no
    /// trailing blank cells, so there they are not.
    short_is_ragged: bool,
    /// The header row's cells, trailing empty ones included: a row is
    /// ragged when it has data beyond them.
    full_width: usize,
    cells: usize,
}

impl TableBuilder {
    /// Starts a table from its header row (cells not yet trimmed).
    pub fn new(
        header: &[String],
        header_row: u32,
        short_is_ragged: bool,
    ) -> Result<TableBuilder, NotATable> {
        if header.len() > MAX_COLUMNS {
            return Err(NotATable::TooWide(header.len()));
        }
        let full_width = header.len();
        let mut headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        // Trailing empty header cells are no column (Excel writes a
        // trailing delimiter); rows may or may not have cells under them.
        while headers.last().is_some_and(String::is_empty) {
            headers.pop();
        }
        if headers.is_empty() {
            return Err(NotATable::NoHeader);
        }
        Ok(TableBuilder {
            cells: headers.len(),
            table: Table {
                headers,
                header_row,
                ..Table::default()
            },
            short_is_ragged,
            full_width,
        })
    }

    /// Adds a data row. Blank rows are skipped; the row number still counts.
    pub fn push(&mut self, number: u32, cells: Cells<'_>) -> Result<(), NotATable> {
        if cells.iter().all(is_whitespace) {
            return Ok(());
        }
        let width = self.table.headers.len();
        let beyond = self.full_width;
        let long = cells.len() > beyond && !cells.iter().skip(beyond).all(is_whitespace);
        let short = self.short_is_ragged && cells.len() < width;
        if long || short {
            self.table.ragged.push((number, cells.len()));
        }
        // A very long row keeps only the cells under the header.
        let kept = if cells.len() > width.saturating_mul(2).max(MAX_COLUMNS) {
            width
        } else {
            cells.len()
        };
        self.cells = self.cells.saturating_add(kept.max(1));
        if self.cells > MAX_CELLS {
            return Err(NotATable::TooManyCells);
        }
        self.table.rows.push(number, cells, kept)
    }

    /// Notes a row as ragged whatever the cells pushed (a sheet's row with
    /// cells beyond the header, which are not kept).
    #[cfg(feature = "xlsx")]
    pub(crate) fn note_ragged(&mut self, number: u32, cells: usize) {
        self.table.ragged.push((number, cells));
    }

    /// The header's width.
    pub fn width(&self) -> usize {
        self.table.headers.len()
    }

    /// The table, less any totals rows at its bottom.
    pub fn finish(mut self) -> Table {
        while let Some(label) = self
            .table
            .rows
            .last()
            .as_ref()
            .and_then(totals_label)
            .map(str::to_string)
        {
            if let Some(number) = self.table.rows.pop() {
                self.table.ragged.retain(|(row, _)| *row != number);
                self.table.totals.push((number, label));
            }
        }
        self.table.totals.reverse();
        self.table
    }
}

/// The label of a totals row (`Total,,,1234`, `Grand total`, `Total: 1234`):
/// its first non-blank cell, when that names a total.
fn totals_label<'a>(row: &Row<'a>) -> Option<&'a str> {
    let first = row.cells.iter().map(str::trim).find(|c| !c.is_empty())?;
    let lower = first.to_ascii_lowercase();
    let label = lower.trim_end_matches(':').trim_end();
    const LABELS: [&str; 8] = [
        "total",
        "totals",
        "grand total",
        "sub total",
        "subtotal",
        "sub-total",
        "sum",
        "count",
    ];
    if LABELS.contains(&label) {
        return Some(first);
    }
    // "Total: 1234", "Total 1234", "Grand total of rows: 1234", but not a
    // name that starts with the word ("Total Respect Team").
    let rest = ["grand total", "total"]
        .iter()
        .find_map(|word| label.strip_prefix(word))?;
    let numeric = |s: &str| {
        let s = s.trim();
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    };
    let counted = rest.split_once(':').is_some_and(|(_, n)| numeric(n)) || numeric(rest);
    counted.then_some(first)
}

/// Blank lines the `csv` reader skipped before the record that starts
/// at byte `at` (the reader has consumed the first byte of the previous
/// record's line end; `first` when there is no previous record).
fn blank_lines_before(text: &[u8], at: usize, first: bool) -> u32 {
    let mut i = at;
    if !first && i > 0 && text.get(i - 1) == Some(&b'\r') && text.get(i) == Some(&b'\n') {
        i += 1;
    }
    let mut blank = 0u32;
    loop {
        match text.get(i) {
            Some(b'\r') => {
                i += if text.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            }
            Some(b'\n') => i += 1,
            _ => break,
        }
        blank = blank.saturating_add(1);
    }
    blank
}

/// Reads delimited records (RFC 4180, as `csv-core` reads them) with
/// their spreadsheet row numbers and the text each came from.
///
/// A record without a quote character is split here directly, which is
/// what most rows of a large export are, and is several times quicker
/// than `csv-core`'s byte-by-byte machine; a record with one is left to
/// `csv-core`. Without quotes the two agree: a record is the text up to
/// the first CR or LF, cells split at the delimiter, blank lines before
/// it skipped.
struct Records<'a> {
    text: &'a str,
    core: CoreReader,
    delimiter: u8,
    /// Bytes consumed so far: up to and including the first byte of the
    /// last record's line end, as `csv-core` consumes them.
    position: usize,
    number: u32,
    index: usize,
    /// `csv-core`'s output buffers, reused from record to record.
    out: Vec<u8>,
    out_ends: Vec<usize>,
    /// The bytes that end a plain cell or stop the plain reading: the
    /// delimiter, CR, LF and the quote.
    special: [bool; 256],
}

impl<'a> Records<'a> {
    fn new(text: &'a str, delimiter: u8) -> Records<'a> {
        Records {
            text,
            core: ReaderBuilder::new().delimiter(delimiter).build(),
            delimiter,
            position: 0,
            number: 0,
            index: 0,
            out: vec![0; 1024],
            out_ends: vec![0; 64],
            special: std::array::from_fn(|byte| {
                [delimiter, b'\r', b'\n', b'"'].contains(&u8::try_from(byte).unwrap_or(0))
            }),
        }
    }

    /// The next record: its row number, the bytes it spans, its cells.
    fn next(&mut self, record: &mut Record) -> Result<Option<(u32, &'a str)>, NotATable> {
        let start = self.position;
        record.clear();
        // The first record always goes to `csv-core`, which also drops a
        // byte-order mark at the start.
        let plain = if self.index == 0 {
            None
        } else {
            self.read_plain(record)
        };
        let found = match plain {
            Some(found) => found,
            None => {
                record.clear();
                self.position = start;
                self.read_quoted(record)?
            }
        };
        if !found {
            return Ok(None);
        }
        let skipped = blank_lines_before(self.text.as_bytes(), start, self.index == 0);
        self.number = self.number.saturating_add(1).saturating_add(skipped);
        self.index += 1;
        Ok(Some((
            self.number,
            self.text.get(start..self.position).unwrap_or(""),
        )))
    }

    /// Reads a record with no quote character: `Some(true)` when read,
    /// `Some(false)` at the end of the text, `None` on a quote.
    fn read_plain(&mut self, record: &mut Record) -> Option<bool> {
        let bytes = self.text.as_bytes();
        let mut at = self.position;
        while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        if at >= bytes.len() {
            self.position = at;
            return Some(false);
        }
        let mut cell_start = at;
        loop {
            // Most bytes are inside a cell: skip them with one test each.
            at += bytes
                .get(at..)
                .unwrap_or(&[])
                .iter()
                .position(|&byte| self.special.get(usize::from(byte)) == Some(&true))
                .unwrap_or(bytes.len().saturating_sub(at));
            match bytes.get(at) {
                None => {
                    record.push_field(self.text.get(cell_start..at).unwrap_or(""));
                    self.position = at;
                    return Some(true);
                }
                Some(b'\r' | b'\n') => {
                    record.push_field(self.text.get(cell_start..at).unwrap_or(""));
                    self.position = at + 1;
                    return Some(true);
                }
                Some(b'"') => return None,
                Some(&byte) if byte == self.delimiter => {
                    // The delimiter is ASCII, so this is a char boundary.
                    record.push_field(self.text.get(cell_start..at).unwrap_or(""));
                    cell_start = at + 1;
                }
                Some(_) => {}
            }
            at += 1;
        }
    }

    /// Reads a record with `csv-core`: `true` when read, `false` at the end.
    fn read_quoted(&mut self, record: &mut Record) -> Result<bool, NotATable> {
        let (mut out_len, mut ends_len) = (0, 0);
        loop {
            let input = self.text.as_bytes().get(self.position..).unwrap_or(&[]);
            let (result, read, written, ended) = self.core.read_record(
                input,
                self.out.get_mut(out_len..).unwrap_or(&mut []),
                self.out_ends.get_mut(ends_len..).unwrap_or(&mut []),
            );
            self.position += read;
            out_len += written;
            ends_len += ended;
            match result {
                // An empty input tells `csv-core` the text has ended, so
                // this does not happen; stop rather than spin if it does.
                ReadRecordResult::InputEmpty if input.is_empty() => return Ok(false),
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let grown = self.out.len().saturating_mul(2);
                    self.out.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let grown = self.out_ends.len().saturating_mul(2);
                    self.out_ends.resize(grown, 0);
                }
                ReadRecordResult::Record => {
                    let fields = self.out.get(..out_len).unwrap_or(&[]);
                    let mut begin = 0;
                    for &end in self.out_ends.get(..ends_len).unwrap_or(&[]) {
                        let field = fields.get(begin..end).unwrap_or(&[]);
                        // Cells split at ASCII bytes of valid text are valid.
                        let field = std::str::from_utf8(field)
                            .map_err(|error| NotATable::Malformed(error.to_string()))?;
                        record.push_field(field);
                        begin = end;
                    }
                    return Ok(true);
                }
                ReadRecordResult::End => return Ok(false),
            }
        }
    }
}

/// The first rows read with `delimiter`, as header candidates, each with
/// its own most frequent delimiter.
fn candidates(text: &str, delimiter: u8) -> Vec<(u8, Candidate)> {
    let mut records = Records::new(text, delimiter);
    let mut record = Record::default();
    let mut found = Vec::new();
    while let Ok(Some((number, raw))) = records.next(&mut record) {
        let index = records.index - 1;
        if number > HEADER_SEARCH_ROWS && index > 0 {
            break;
        }
        let width = record.len();
        let cells = if width > MAX_COLUMNS {
            Vec::new()
        } else {
            record
                .cells()
                .iter()
                .map(|c| c.trim().to_string())
                .collect()
        };
        let candidate = Candidate {
            index,
            number,
            cells,
            width,
        };
        found.push((delimiter_of(raw), candidate));
    }
    found
}

/// How well a row serves as a header row: see `choose_header`.
pub(crate) fn header_score(headers: &[String]) -> HeaderScore {
    match recognise(headers) {
        Recognition::Known(layout) => (true, layout.positions.iter().flatten().count()),
        Recognition::Unknown { found, .. } => (false, found),
        Recognition::DuplicateHeaders { .. } => (false, 0),
    }
}

/// Reads text as a delimited table, finding the header as the kinds of
/// file recognise it ([`header_score`]).
pub fn read_table(text: &str) -> Result<Table, NotATable> {
    read_table_with(text, &header_score)
}

/// Reads text as a delimited table. The header is the first row, or, when
/// that makes no kind recognisable, the row within the first
/// `HEADER_SEARCH_ROWS` that `score`s best, read with its own delimiter.
pub(crate) fn read_table_with(
    text: &str,
    score: &dyn Fn(&[String]) -> HeaderScore,
) -> Result<Table, NotATable> {
    let first_delimiter = detect_delimiter(text);
    // A first line too wide to be a header is refused before it is split
    // into cells (when no quotes can hide delimiters, counting them is exact).
    let first_line = text.split(['\r', '\n']).next().unwrap_or("");
    if !first_line.contains('"') {
        let cells = first_line.bytes().filter(|b| *b == first_delimiter).count() + 1;
        if cells > MAX_COLUMNS {
            return Err(NotATable::TooWide(cells));
        }
    }
    let mut pool = candidates(text, first_delimiter);
    let Some((_, first)) = pool.first() else {
        return Err(NotATable::NoHeader);
    };
    let (first_index, first_width) = (first.index, first.width);
    let mut choice = (first_delimiter, first_index, first_width);
    if !score_of(first, score).0 {
        // Title rows above the header: every row of the first few, read
        // with its own delimiter, competes with the first row.
        pool.retain(|(own, c)| c.index == first_index || *own == first_delimiter);
        let mut tagged: Vec<(u8, Candidate)> = pool
            .into_iter()
            .map(|(_, c)| (first_delimiter, c))
            .collect();
        for delimiter in [b',', b';', b'\t'] {
            if delimiter == first_delimiter {
                continue;
            }
            for (own, candidate) in candidates(text, delimiter) {
                if own == delimiter {
                    tagged.push((delimiter, candidate));
                }
            }
        }
        // Row order, so ties go to the earlier row (and on one row, to the
        // first row's delimiter); the sort is stable.
        tagged.sort_by_key(|(delimiter, c)| (c.number, *delimiter != first_delimiter));
        let (delimiters, rows): (Vec<u8>, Vec<Candidate>) = tagged.into_iter().unzip();
        if let Some(best) = choose_header(&rows, score) {
            if let (Some(delimiter), Some(row)) = (delimiters.get(best), rows.get(best)) {
                choice = (*delimiter, row.index, row.width);
            }
        }
    }
    if choice.2 > MAX_COLUMNS {
        return Err(NotATable::TooWide(choice.2));
    }

    let (delimiter, header_index, _) = choice;
    let mut records = Records::new(text, delimiter);
    let mut record = Record::default();
    let mut builder: Option<TableBuilder> = None;
    while let Some((number, _)) = records.next(&mut record)? {
        let index = records.index - 1;
        match &mut builder {
            Some(builder) => builder.push(number, record.cells())?,
            None if index == header_index => {
                if record.len() > MAX_COLUMNS {
                    return Err(NotATable::TooWide(record.len()));
                }
                let header: Vec<String> = record.cells().iter().map(String::from).collect();
                let mut started = TableBuilder::new(&header, number, true)?;
                // The cells' text is at most the text after the header:
                // room for it at once, not a copy at each doubling.
                started
                    .table
                    .rows
                    .text
                    .reserve(text.len().saturating_sub(records.position));
                builder = Some(started);
            }
            None => {}
        }
    }
    builder.map(TableBuilder::finish).ok_or(NotATable::NoHeader)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A header is any row whose first cell is `id`; more cells score more.
    fn by_id(headers: &[String]) -> HeaderScore {
        let known = headers.first().is_some_and(|h| h == "id");
        (known, if known { headers.len() } else { 0 })
    }

    fn read(text: &str) -> Result<Table, NotATable> {
        read_table_with(text, &by_id)
    }

    #[test]
    fn finds_error_marks_and_exponents_in_any_cell() {
        let rows = |body: &str| read(&format!("id,value\n{body}")).unwrap().rows;
        let plain = rows("1,Smith + Jones\n2,+44 7700\n3,E17\n");
        assert!(!plain.any_cell_contains(b'#'));
        // A `+` after a space or at a cell's start, an `E` with no `+`: no exponent.
        assert!(!plain.any_exponent());
        assert!(rows("1,#N/A\n").any_cell_contains(b'#'));
        assert!(rows("1,1.23E+11\n").any_exponent());
        assert!(rows("1,x\n2,4.5e+3\n").any_exponent());
        // The header's text is not searched: only the cells'.
        assert!(!read("id,E+\n1,2\n").unwrap().rows.any_exponent());
    }

    #[test]
    fn detects_the_delimiter_from_the_header_row() {
        assert_eq!(detect_delimiter("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(detect_delimiter("a;b;c\n"), b';');
        assert_eq!(detect_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(detect_delimiter("a;b,c\n"), b',');
        // Semicolon and tab tied with no comma: the earlier of the spec's list.
        assert_eq!(detect_delimiter("a\tb;c\n"), b';');
        // A lone CR ends the line too.
        assert_eq!(detect_delimiter("a;b;c\r1,2,3,4,5,6\r"), b';');
    }

    /// Every record, its row number and raw text as `Records` reads them.
    fn all_records(text: &str, delimiter: u8) -> Vec<(u32, String, Vec<String>)> {
        let mut records = Records::new(text, delimiter);
        let mut record = Record::default();
        let mut all = Vec::new();
        while let Some((number, raw)) = records.next(&mut record).unwrap() {
            let cells = record.cells().iter().map(String::from).collect();
            all.push((number, raw.to_string(), cells));
        }
        all
    }

    /// The same through the `csv` crate, as the reader worked before it
    /// split plain records itself.
    fn all_records_by_csv(text: &str, delimiter: u8) -> Vec<(u32, String, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        let (mut number, mut index, mut all) = (0u32, 0, Vec::new());
        loop {
            let start = reader.position().byte() as usize;
            if !reader.read_record(&mut record).unwrap() {
                break;
            }
            let end = reader.position().byte() as usize;
            number += 1 + blank_lines_before(text.as_bytes(), start, index == 0);
            index += 1;
            let cells = record.iter().map(String::from).collect();
            all.push((number, text[start..end].to_string(), cells));
        }
        all
    }

    #[test]
    fn plain_records_split_here_agree_with_csv_core() {
        // Every short text over an alphabet of the bytes that matter,
        // from a fixed pseudo-random sequence.
        let alphabet = [
            "a", "b", ",", ";", "\t", "\"", "\r", "\n", " ", "é", "\u{feff}",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..4_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let length = (seed % 24) as usize;
            let mut text = String::new();
            let mut pick = seed;
            for _ in 0..length {
                pick = pick.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(alphabet[(pick >> 33) as usize % alphabet.len()]);
            }
            for delimiter in [b',', b';', b'\t'] {
                assert_eq!(
                    all_records(&text, delimiter),
                    all_records_by_csv(&text, delimiter),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn reads_quoted_fields_and_numbers_rows_as_a_spreadsheet() {
        let table = read("Team,Note\r\n\"A, B\",\"said \"\"hi\"\"\nthere\"\n\nC,D\n").unwrap();
        assert_eq!(table.headers, vec!["Team", "Note"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows.get(0).unwrap().cell(Some(0)), "A, B");
        assert_eq!(
            table.rows.get(0).unwrap().cell(Some(1)),
            "said \"hi\"\nthere"
        );
        assert_eq!(table.rows.get(0).unwrap().number, 2);
        assert_eq!(table.rows.get(1).unwrap().cell(Some(0)), "C");
        // The blank line is row 3, as a spreadsheet shows it.
        assert_eq!(table.rows.get(1).unwrap().number, 4);
        assert_eq!(table.rows.get(1).unwrap().cell(Some(5)), "");
        assert!(table.ragged.is_empty());
    }

    #[test]
    fn mixed_line_ends_and_blank_lines_keep_spreadsheet_row_numbers() {
        let table = read("\r\nid,b\r\n1,2\r3,4\n\n\r\n5,6\r\n\r7,8").unwrap();
        assert_eq!(table.header_row, 2);
        let numbers: Vec<u32> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![3, 4, 7, 9]);
        assert_eq!(table.rows.get(3).unwrap().cell(Some(1)), "8");
    }

    #[test]
    fn reports_ragged_rows() {
        let table = read("a,b,c\n1,2\n1,2,3,\n1,2,3,4\n").unwrap();
        assert_eq!(table.ragged, vec![(2, 2), (4, 4)]);
    }

    #[test]
    fn a_trailing_empty_header_cell_is_no_column() {
        // Rows with or without a cell under it, even a filled one, are not
        // ragged; beyond it they are.
        let table = read("id,b,\n1,2,\n3,4\n5,6,note\n7,8,,x\n").unwrap();
        assert_eq!(table.headers, vec!["id", "b"]);
        assert_eq!(table.ragged, vec![(5, 4)]);
        assert_eq!(table.rows.len(), 4);
    }

    #[test]
    fn header_only_is_a_table_with_no_rows() {
        assert_eq!(read("a,b\n").unwrap().rows.len(), 0);
        assert_eq!(read(",,\n").unwrap_err(), NotATable::NoHeader);
    }

    #[test]
    fn finds_the_header_below_title_rows() {
        let table = read("Annex A return\nDecember 2017,,\n\nid;b;c\n1;2;3\n").unwrap();
        assert_eq!(table.header_row, 4);
        assert_eq!(table.headers, vec!["id", "b", "c"]);
        assert_eq!(table.rows.get(0).unwrap().number, 5);
        assert_eq!(table.rows.get(0).unwrap().cell(Some(2)), "3");
        // Not beyond the first ten rows: the first row stays the header.
        let far = format!("title\n{}id,b\n1,2\n", "x\n".repeat(10));
        assert_eq!(read(&far).unwrap().header_row, 1);
    }

    #[test]
    fn totals_rows_at_the_bottom_are_left_out() {
        let table = read("id,n\n1,2\n3,4\nTotal,,6\nGrand total: 6\n").unwrap();
        assert_eq!(table.rows.len(), 2);
        assert_eq!(
            table.totals,
            vec![(4, "Total".to_string()), (5, "Grand total: 6".to_string())]
        );
        assert!(table.ragged.is_empty());
        // A team named "Total ..." is a row, and so is a total mid-table.
        let teams = read("id,n\nTotal,1\n1,2\nTotal Respect Team,3\n").unwrap();
        assert_eq!(teams.rows.len(), 3);
        assert!(teams.totals.is_empty());
    }

    #[test]
    fn refuses_a_header_wider_than_the_limit() {
        let wide = format!("{}\n1\n", "a,".repeat(MAX_COLUMNS + 5));
        assert_eq!(
            read(&wide).unwrap_err(),
            NotATable::TooWide(MAX_COLUMNS + 6)
        );
        // A long data row keeps only the cells under the header.
        let long = format!("id,b\n1,{}\n", "x,".repeat(MAX_COLUMNS * 3));
        let table = read(&long).unwrap();
        assert_eq!(table.rows.get(0).unwrap().cells.len(), 2);
        assert_eq!(table.ragged, vec![(2, MAX_COLUMNS * 3 + 2)]);
    }
}
