//! Text → a table of header plus rows (RFC 4180 via the `csv` crate), and
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

use csv::{ReaderBuilder, StringRecord, Trim};

/// A header row may have at most this many cells (a 10-million-column
/// line is refused, not read).
pub const MAX_COLUMNS: usize = 10_000;

/// A table may hold at most this many cells, so a file of empty cells
/// cannot exhaust the page's memory. A 200 MB CSV of real data has far
/// fewer.
pub const MAX_CELLS: usize = 40_000_000;

/// The header is looked for in the first this many rows.
pub const HEADER_SEARCH_ROWS: u32 = 10;

/// Rows below the first compete as the header only up to this width
/// (real headers have tens of columns), which bounds the search's work.
pub const MAX_SEARCH_WIDTH: usize = 1_000;

/// How well a row serves as the header: a row that makes a kind
/// recognisable beats one that does not, then more matched columns win.
pub type HeaderScore = (bool, usize);

/// A file read as a header row and data rows.
#[derive(Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// Rows with more or fewer cells than the header (row numbers), for the report.
    pub ragged: Vec<(u32, usize)>,
    /// The header's row number (1 unless title rows sit above it).
    pub header_row: u32,
    /// Totals rows at the bottom, left out: (row number, the label cell).
    pub totals: Vec<(u32, String)>,
}

/// One data row and its spreadsheet row number.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: u32,
    pub cells: StringRecord,
}

impl Row {
    /// The cell at `index`, or "" when the row is short.
    pub fn cell(&self, index: Option<usize>) -> &str {
        index.and_then(|i| self.cells.get(i)).unwrap_or("")
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
        }
    }
}

/// The delimiter that occurs most often in the first line.
pub fn detect_delimiter(text: &str) -> u8 {
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
pub fn choose_header(
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
    pub fn push(&mut self, number: u32, cells: StringRecord) -> Result<(), NotATable> {
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            return Ok(());
        }
        let width = self.table.headers.len();
        let beyond = self.full_width;
        let long = cells.len() > beyond && !cells.iter().skip(beyond).all(|c| c.trim().is_empty());
        let short = self.short_is_ragged && cells.len() < width;
        if long || short {
            self.table.ragged.push((number, cells.len()));
        }
        // A very long row keeps only the cells under the header.
        let cells = if cells.len() > width.saturating_mul(2).max(MAX_COLUMNS) {
            cells.iter().take(width).collect()
        } else {
            cells
        };
        self.cells = self.cells.saturating_add(cells.len().max(1));
        if self.cells > MAX_CELLS {
            return Err(NotATable::TooManyCells);
        }
        self.table.rows.push(Row { number, cells });
        Ok(())
    }

    /// Notes a row as ragged whatever the cells pushed (a sheet's row with
    /// cells beyond the header, which are not kept).
    pub fn note_ragged(&mut self, number: u32, cells: usize) {
        self.table.ragged.push((number, cells));
    }

    /// The header's width.
    pub fn width(&self) -> usize {
        self.table.headers.len()
    }

    /// The table, less any totals rows at its bottom.
    pub fn finish(mut self) -> Table {
        while let Some(label) = self.table.rows.last().and_then(totals_label) {
            let label = label.to_string();
            if let Some(row) = self.table.rows.pop() {
                self.table
                    .ragged
                    .retain(|(number, _)| *number != row.number);
                self.table.totals.push((row.number, label));
            }
        }
        self.table.totals.reverse();
        self.table
    }
}

/// The label of a totals row (`Total,,,1234`, `Grand total`, `Total: 1234`):
/// its first non-blank cell, when that names a total.
fn totals_label(row: &Row) -> Option<&str> {
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

/// Reads delimited records with their spreadsheet row numbers and the
/// text each came from.
struct Records<'a> {
    text: &'a str,
    reader: csv::Reader<&'a [u8]>,
    number: u32,
    index: usize,
}

impl<'a> Records<'a> {
    fn new(text: &'a str, delimiter: u8) -> Records<'a> {
        let reader = ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .trim(Trim::None)
            .from_reader(text.as_bytes());
        Records {
            text,
            reader,
            number: 0,
            index: 0,
        }
    }

    /// The next record: its row number, the bytes it spans, its cells.
    fn next(&mut self, record: &mut StringRecord) -> Result<Option<(u32, &'a str)>, NotATable> {
        let start = usize::try_from(self.reader.position().byte()).unwrap_or(usize::MAX);
        match self.reader.read_record(record) {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(error) => return Err(NotATable::Malformed(error.to_string())),
        }
        let end = usize::try_from(self.reader.position().byte()).unwrap_or(usize::MAX);
        let skipped = blank_lines_before(self.text.as_bytes(), start, self.index == 0);
        self.number = self.number.saturating_add(1).saturating_add(skipped);
        self.index += 1;
        Ok(Some((self.number, self.text.get(start..end).unwrap_or(""))))
    }
}

/// The first rows read with `delimiter`, as header candidates, each with
/// its own most frequent delimiter.
fn candidates(text: &str, delimiter: u8) -> Vec<(u8, Candidate)> {
    let mut records = Records::new(text, delimiter);
    let mut record = StringRecord::new();
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
            record.iter().map(|c| c.trim().to_string()).collect()
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

/// Reads text as a delimited table, finding the header as the kinds of
/// file recognise it (`ingest::header_score`).
pub fn read_table(text: &str) -> Result<Table, NotATable> {
    read_table_with(text, &super::header_score)
}

/// Reads text as a delimited table. The header is the first row, or, when
/// that makes no kind recognisable, the row within the first
/// `HEADER_SEARCH_ROWS` that `score`s best, read with its own delimiter.
pub fn read_table_with(
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
    let mut record = StringRecord::new();
    let mut builder: Option<TableBuilder> = None;
    while let Some((number, _)) = records.next(&mut record)? {
        let index = records.index - 1;
        match &mut builder {
            Some(builder) => builder.push(number, std::mem::take(&mut record))?,
            None if index == header_index => {
                if record.len() > MAX_COLUMNS {
                    return Err(NotATable::TooWide(record.len()));
                }
                let header: Vec<String> = record.iter().map(String::from).collect();
                builder = Some(TableBuilder::new(&header, number, true)?);
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

    #[test]
    fn reads_quoted_fields_and_numbers_rows_as_a_spreadsheet() {
        let table = read("Team,Note\r\n\"A, B\",\"said \"\"hi\"\"\nthere\"\n\nC,D\n").unwrap();
        assert_eq!(table.headers, vec!["Team", "Note"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].cell(Some(0)), "A, B");
        assert_eq!(table.rows[0].cell(Some(1)), "said \"hi\"\nthere");
        assert_eq!(table.rows[0].number, 2);
        assert_eq!(table.rows[1].cell(Some(0)), "C");
        // The blank line is row 3, as a spreadsheet shows it.
        assert_eq!(table.rows[1].number, 4);
        assert_eq!(table.rows[1].cell(Some(5)), "");
        assert!(table.ragged.is_empty());
    }

    #[test]
    fn mixed_line_ends_and_blank_lines_keep_spreadsheet_row_numbers() {
        let table = read("\r\nid,b\r\n1,2\r3,4\n\n\r\n5,6\r\n\r7,8").unwrap();
        assert_eq!(table.header_row, 2);
        let numbers: Vec<u32> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![3, 4, 7, 9]);
        assert_eq!(table.rows[3].cell(Some(1)), "8");
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
        assert_eq!(table.rows[0].number, 5);
        assert_eq!(table.rows[0].cell(Some(2)), "3");
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
        assert_eq!(table.rows[0].cells.len(), 2);
        assert_eq!(table.ragged, vec![(2, MAX_COLUMNS * 3 + 2)]);
    }
}
