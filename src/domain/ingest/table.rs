//! Text → a table of header plus rows (RFC 4180 via the `csv` crate).
//!
//! Owns: delimiter detection (comma, semicolon or tab, whichever occurs
//! most in the header row; comma on a tie) and row numbering as a
//! spreadsheet shows it (header = row 1). It must not interpret values.

use csv::{ReaderBuilder, StringRecord, Trim};

/// A file read as a header row and data rows.
#[derive(Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// Rows with more or fewer cells than the header (row numbers), for the report.
    pub ragged: Vec<(u32, usize)>,
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
}

impl std::fmt::Display for NotATable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotATable::NoHeader => f.write_str("the file has no header row"),
            NotATable::Malformed(why) => write!(f, "the file is not a readable table ({why})"),
        }
    }
}

/// The delimiter that occurs most often in the first line.
pub fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |c: char| header.matches(c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if semicolons > commas && semicolons >= tabs {
        b';'
    } else if tabs > commas && tabs > semicolons {
        b'\t'
    } else {
        b','
    }
}

/// Reads text as a delimited table.
pub fn read_table(text: &str) -> Result<Table, NotATable> {
    let mut reader = ReaderBuilder::new()
        .delimiter(detect_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .trim(Trim::None)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(record)) => record.iter().map(|h| h.trim().to_string()).collect(),
        Some(Err(error)) => return Err(NotATable::Malformed(error.to_string())),
        None => return Err(NotATable::NoHeader),
    };
    if headers.iter().all(|h| h.is_empty()) {
        return Err(NotATable::NoHeader);
    }
    let mut table = Table {
        headers,
        rows: Vec::new(),
        ragged: Vec::new(),
    };
    let width = table.headers.len();
    for (index, record) in records.enumerate() {
        let number = u32::try_from(index).unwrap_or(u32::MAX).saturating_add(2);
        let cells = record.map_err(|error| NotATable::Malformed(error.to_string()))?;
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if cells.len() != width && !trailing_empty_only(&cells, width) {
            table.ragged.push((number, cells.len()));
        }
        table.rows.push(Row { number, cells });
    }
    Ok(table)
}

/// A row longer than the header only by empty cells is not ragged (Excel
/// writes a trailing delimiter).
fn trailing_empty_only(cells: &StringRecord, width: usize) -> bool {
    cells.len() > width && cells.iter().skip(width).all(|cell| cell.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_delimiter_from_the_header_row() {
        assert_eq!(detect_delimiter("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(detect_delimiter("a;b;c\n"), b';');
        assert_eq!(detect_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(detect_delimiter("a;b,c\n"), b',');
        // Semicolon and tab tied with no comma: the earlier of the spec's list.
        assert_eq!(detect_delimiter("a\tb;c\n"), b';');
    }

    #[test]
    fn reads_quoted_fields_and_numbers_rows_as_a_spreadsheet() {
        let table =
            read_table("Team,Note\r\n\"A, B\",\"said \"\"hi\"\"\nthere\"\n\nC,D\n").unwrap();
        assert_eq!(table.headers, vec!["Team", "Note"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].cell(Some(0)), "A, B");
        assert_eq!(table.rows[0].cell(Some(1)), "said \"hi\"\nthere");
        assert_eq!(table.rows[0].number, 2);
        assert_eq!(table.rows[1].cell(Some(0)), "C");
        assert_eq!(table.rows[1].cell(Some(5)), "");
        assert!(table.ragged.is_empty());
    }

    #[test]
    fn reports_ragged_rows() {
        let table = read_table("a,b,c\n1,2\n1,2,3,\n1,2,3,4\n").unwrap();
        assert_eq!(table.ragged, vec![(2, 2), (4, 4)]);
    }

    #[test]
    fn header_only_is_a_table_with_no_rows() {
        assert_eq!(read_table("a,b\n").unwrap().rows.len(), 0);
        assert_eq!(read_table(",,\n").unwrap_err(), NotATable::NoHeader);
    }
}
