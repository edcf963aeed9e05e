//! Well-formed-looking files built from the real header rows of every kind
//! (`schema::ALL_KINDS`) and cells that are mostly plausible values (dates in
//! the spec's formats, yes/no, codes, ids shared across files, teams), so the
//! fuzzer spends its time in typed records, the dataset's merging of files
//! and the indicators rather than in the CSV reader. Up to 6 files, in any
//! encoding, delimiter and line ending the spec accepts, then the scorecard.

#![no_main]

#[path = "common.rs"]
mod common;

use arbitrary::Arbitrary;
use csc_scorecard::domain::ingest::FileOverrides;
use csc_scorecard::domain::schema::ALL_KINDS;
use csc_scorecard::domain::scorecard::{InputFile, load};
use csc_scorecard::domain::settings::Settings;
use libfuzzer_sys::fuzz_target;

const MAX_FILES: usize = 6;
const MAX_ROWS: usize = 64;

#[derive(Arbitrary, Debug)]
struct Input {
    files: Vec<FileSpec>,
    /// A settings document with teams → areas and populations, or none.
    with_settings: bool,
}

#[derive(Arbitrary, Debug)]
struct FileSpec {
    /// Index into `ALL_KINDS`.
    kind: u8,
    name: NameSpec,
    /// Columns to write, as indexes into the kind's columns, in this order;
    /// empty: all of them in the schema's order.
    columns: Vec<u8>,
    /// Which spelling of each header: standard, alias, upper case, padded.
    header_style: u8,
    /// An extra column the kind does not list (Gender, Ethnicity …), if any.
    extra_column: Option<u8>,
    delimiter: Delimiter,
    line_ending: LineEnding,
    encoding: Encoding,
    rows: Vec<Vec<Cell>>,
    as_at_override: Option<DateSpec>,
    covers_from_override: Option<DateSpec>,
}

#[derive(Arbitrary, Debug)]
enum NameSpec {
    /// `<kind id>_<yyyy-mm-dd>.csv`
    Dated(DateSpec),
    /// `<kind id>.csv`: the as-at date comes from the data.
    Plain,
    /// Any name.
    Free(String),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum LineEnding {
    Lf,
    CrLf,
    Cr,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16LeBom,
    Utf16BeBom,
    Windows1252,
}

#[derive(Arbitrary, Debug)]
enum Cell {
    Date(DateSpec),
    Blank(u8),
    YesNo(u8),
    Code(u8),
    Child(u8),
    Worker(u8),
    Team(u8),
    Number(u16, u8),
    Text(String),
}

/// A date, mostly in 2014–2019 (the golden data's years), written in one of
/// the spec's formats or a near miss.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct DateSpec {
    year: Year,
    month: u8,
    day: u8,
    format: u8,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Year {
    Near(u8),
    Any(i16),
}

const TEAMS: [&str; 8] = [
    "East Safeguarding Team",
    "South Assessment Team",
    "North West Central Assessment Team",
    "East Children in Care Team",
    "Leaving Care Team",
    "Early Help South",
    "Duty Team",
    "Unmapped Team",
];
const AREAS: [&str; 4] = ["EAST", "SOUTH", "NWC", "CITY"];
const CODES: [&str; 32] = [
    "a) Yes",
    "b) No",
    "b) CIN",
    "c) CP",
    "C1",
    "C2",
    "D1",
    "E1",
    "J1",
    "J2",
    "J3",
    "L1",
    "L2",
    "L3",
    "V2",
    "V3",
    "V4",
    "P1",
    "P2",
    "P3",
    "F1",
    "F2",
    "G4",
    "G6",
    "Eligible",
    "Relevant",
    "Former relevant",
    "Died",
    "unallocated",
    "Duty",
    "tbc",
    "n/a",
];
const BLANKS: [&str; 6] = ["", " ", "#N/A", "NULL", "N/A", "-"];
const YES_NO: [&str; 10] = ["Yes", "No", "Y", "N", "y", "n", "TRUE", "false", "1", "0"];
const EXTRA: [&str; 4] = ["Gender", "Ethnicity", "Date of Birth", "Notes"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "October", "Nov", "dec",
];

fn pick<T: Copy>(items: &[T], index: u8) -> T {
    // `items` is never empty here; fall back to the first to stay panic-free.
    items[usize::from(index) % items.len()]
}

impl DateSpec {
    fn year(self) -> i32 {
        match self.year {
            Year::Near(n) => 2014 + i32::from(n % 6),
            Year::Any(y) => i32::from(y),
        }
    }

    fn text(self) -> String {
        let (y, m, d) = (self.year(), self.month % 14, self.day % 33);
        match self.format % 8 {
            0 | 1 => format!("{d:02}/{m:02}/{y:04}"),
            2 => format!("{y:04}-{m:02}-{d:02}"),
            3 => format!("{d}-{}-{y}", pick(&MONTHS, m.wrapping_sub(1))),
            4 => format!("{d}.{m}.{y}"),
            5 => format!("{d:02}/{m:02}/{y:04} 09:30:00"),
            6 => format!("{y:04}-{m:02}-{d:02}T00:00"),
            // An Excel day number: 42736 is 2017-01-01.
            _ => format!(
                "{}",
                42736 + (y - 2017) * 365 + i32::from(m) * 30 + i32::from(d)
            ),
        }
    }

    fn iso(self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month % 13,
            self.day % 32
        )
    }

    fn date(self) -> Option<jiff::civil::Date> {
        let year = i16::try_from(self.year()).ok()?;
        jiff::civil::Date::new(year, (self.month % 13) as i8, (self.day % 32) as i8).ok()
    }
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Date(date) => date.text(),
            Cell::Blank(n) => pick(&BLANKS, *n).to_string(),
            Cell::YesNo(n) => pick(&YES_NO, *n).to_string(),
            Cell::Code(n) => pick(&CODES, *n).to_string(),
            Cell::Child(n) => format!("C{:03}", n % 24),
            Cell::Worker(n) => format!("W{}", n % 12),
            Cell::Team(n) => pick(&TEAMS, *n).to_string(),
            Cell::Number(whole, fraction) => match fraction % 4 {
                0 => whole.to_string(),
                1 => format!("{whole}.{fraction}"),
                2 => format!("0.{whole}"),
                _ => format!("-{whole}"),
            },
            Cell::Text(text) => text.clone(),
        }
    }
}

fn quote(cell: &str, delimiter: char) -> String {
    if cell.contains([delimiter, '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Encoding::Utf16LeBom => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16BeBom => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        // Latin-1 characters as Windows-1252 bytes (the same code points),
        // anything else as `?`.
        Encoding::Windows1252 => text
            .chars()
            .map(|c| match u32::from(c) {
                n @ (0..=0x7F | 0xA0..=0xFF) => n as u8,
                _ => b'?',
            })
            .collect(),
    }
}

fn file(spec: &FileSpec) -> InputFile {
    let kind = pick(&ALL_KINDS, spec.kind);
    let all = kind.columns();
    let chosen: Vec<usize> = if spec.columns.is_empty() {
        (0..all.len()).collect()
    } else {
        spec.columns
            .iter()
            .take(16)
            .map(|&i| usize::from(i) % all.len())
            .collect()
    };
    let mut headers: Vec<String> = chosen
        .iter()
        .map(|&i| {
            let column = &all[i];
            match spec.header_style % 5 {
                0 | 1 => column.header.to_string(),
                2 => column
                    .aliases
                    .first()
                    .copied()
                    .unwrap_or(column.header)
                    .to_string(),
                3 => column.header.to_uppercase(),
                _ => format!("  {}  ", column.header.to_lowercase()),
            }
        })
        .collect();
    if let Some(extra) = spec.extra_column {
        let at = usize::from(extra) % (headers.len() + 1);
        headers.insert(at, pick(&EXTRA, extra).to_string());
    }
    let delimiter = match spec.delimiter {
        Delimiter::Comma => ',',
        Delimiter::Semicolon => ';',
        Delimiter::Tab => '\t',
    };
    let newline = match spec.line_ending {
        LineEnding::Lf => "\n",
        LineEnding::CrLf => "\r\n",
        LineEnding::Cr => "\r",
    };
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .map(|c| quote(c, delimiter))
            .collect::<Vec<_>>()
            .join(&delimiter.to_string())
    };
    let mut text = line(headers);
    for row in spec.rows.iter().take(MAX_ROWS) {
        text.push_str(newline);
        text.push_str(&line(row.iter().take(24).map(Cell::text).collect()));
    }
    text.push_str(newline);
    let name = match &spec.name {
        NameSpec::Dated(date) => format!("{}_{}.csv", kind.id(), date.iso()),
        NameSpec::Plain => format!("{}.csv", kind.id()),
        NameSpec::Free(name) => name.clone(),
    };
    InputFile {
        name,
        bytes: encode(&text, spec.encoding),
        overrides: FileOverrides {
            as_at: spec.as_at_override.and_then(DateSpec::date),
            covers_from: spec.covers_from_override.and_then(DateSpec::date),
            ..FileOverrides::default()
        },
    }
}

fn settings_document() -> InputFile {
    let teams: Vec<String> = TEAMS
        .iter()
        .take(6)
        .enumerate()
        .map(|(i, team)| {
            format!(
                r#"{{"team": "{team}", "area": "{}"}}"#,
                AREAS[i % AREAS.len()]
            )
        })
        .collect();
    let json = format!(
        r#"{{"version": 1, "la_name": "Fuzz", "teams": [{}],
            "areas": [{{"area": "EAST", "population_0_17": 1000}},
                      {{"area": "SOUTH", "population_0_17": 2500}},
                      {{"area": "NWC", "population_0_17": null}}]}}"#,
        teams.join(", ")
    );
    common::input("settings.json", json.into_bytes())
}

fuzz_target!(|input: Input| {
    let mut inputs: Vec<InputFile> = input.files.iter().take(MAX_FILES).map(file).collect();
    if input.with_settings {
        inputs.push(settings_document());
    }
    let loaded = load(&inputs, Settings::default(), common::today(), |_| {});
    common::compute_and_check(&loaded);
});
