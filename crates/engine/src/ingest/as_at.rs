//! A file's as-at date and how it was found (inputs.md, "As-at date of a
//! file"), in one place for files and for a workbook's sheets:
//!
//! 1. a date in a name: for a file its file name; for a worksheet its sheet
//!    name, then the workbook's file name;
//! 2. otherwise the latest valid date, not after today, in any column whose
//!    normalised header contains `date` but not `birth` (used by the kind
//!    or not); a workbook is one extraction, so its sheets without a date in
//!    a name share the latest such date over all of them;
//! 3. otherwise unknown: the file contributes nothing until one is set;
//! 4. the user's date (page or `--as-at`) beats all of these.
//!
//! Owns: the order of those rules and the `as_at_source` they give. It must
//! not read records or decide coverage.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::ingest::table::Table;
use crate::values::{as_at_from_file_name, normalise_header, parse_date};

/// How a file's as-at date was found (outputs.md, `as_at_source`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AsAtSource {
    #[serde(rename = "file name")]
    FileName,
    #[serde(rename = "sheet name")]
    SheetName,
    #[serde(rename = "workbook name")]
    WorkbookName,
    #[serde(rename = "latest date")]
    LatestDate,
    #[serde(rename = "latest date in the workbook")]
    LatestDateInWorkbook,
    #[serde(rename = "override")]
    Override,
    #[serde(rename = "unknown")]
    Unknown,
}

impl AsAtSource {
    /// How the page says it, beside the date.
    pub fn describe(self) -> &'static str {
        match self {
            AsAtSource::FileName => "from the file name",
            AsAtSource::SheetName => "from the sheet name",
            AsAtSource::WorkbookName => "from the workbook's name",
            AsAtSource::LatestDate => "latest date in the file",
            AsAtSource::LatestDateInWorkbook => "latest date in the workbook",
            AsAtSource::Override => "set by you",
            AsAtSource::Unknown => "unknown: set it",
        }
    }

    /// Whether the date came from a name or the user rather than the data:
    /// dates in the file after it are then reported as after the as-at date.
    pub(crate) fn is_stated(self) -> bool {
        matches!(
            self,
            AsAtSource::FileName
                | AsAtSource::SheetName
                | AsAtSource::WorkbookName
                | AsAtSource::Override
        )
    }
}

/// A file's as-at date with how it was found; `date` is `None` only when
/// the source is `Unknown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AsAt {
    pub date: Option<Date>,
    pub source: AsAtSource,
}

impl AsAt {
    pub(crate) const UNKNOWN: AsAt = AsAt {
        date: None,
        source: AsAtSource::Unknown,
    };

    /// Rules 4 and 1: the user's date, else the first of `names` (each a
    /// name and the source it would be) that holds a date.
    pub(crate) fn stated(user: Option<Date>, names: &[(&str, AsAtSource)]) -> Option<AsAt> {
        if let Some(date) = user {
            return Some(AsAt {
                date: Some(date),
                source: AsAtSource::Override,
            });
        }
        names.iter().find_map(|(name, source)| {
            as_at_from_file_name(name).map(|date| AsAt {
                date: Some(date),
                source: *source,
            })
        })
    }

    /// Rules 2 and 3: the latest date found in the data, else unknown.
    pub(crate) fn from_data(latest: Option<Date>, source: AsAtSource) -> AsAt {
        match latest {
            Some(date) => AsAt {
                date: Some(date),
                source,
            },
            None => AsAt::UNKNOWN,
        }
    }
}

/// Whether a column's dates say when a list was extracted: its normalised
/// header contains `date` but not `birth` (a birth date says nothing about
/// when a list was made).
pub(crate) fn is_extract_date_header(header: &str) -> bool {
    let normalised = normalise_header(header);
    normalised.contains("date") && !normalised.contains("birth")
}

/// Rule 2 for one table: the latest valid date, not after `today`, in any
/// of its columns whose header says date but not birth.
pub(crate) fn latest_extract_date(table: &Table, today: Date) -> Option<Date> {
    let columns: Vec<usize> = table
        .headers
        .iter()
        .enumerate()
        .filter(|(_, header)| is_extract_date_header(header))
        .map(|(index, _)| index)
        .collect();
    if columns.is_empty() {
        return None;
    }
    let mut latest: Option<Date> = None;
    for row in table.rows.iter() {
        for &column in &columns {
            if let Ok(date) = parse_date(row.cell(Some(column))) {
                if date <= today && latest.is_none_or(|l| date > l) {
                    latest = Some(date);
                }
            }
        }
    }
    latest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::table::read_table;
    use jiff::civil::date;

    fn today() -> Date {
        date(2026, 11, 26)
    }

    #[test]
    fn birth_dates_never_give_the_as_at_date() {
        // inputs.md: "`Date of Birth` never does".
        let table = read_table(
            "Child Unique ID,Date of Birth,Activity Status\nC1,15/12/2002,F1\nC2,01/03/2003,G4\n",
        )
        .unwrap();
        assert_eq!(latest_extract_date(&table, today()), None);
        assert!(!is_extract_date_header("DateOfBirth"));
        assert!(!is_extract_date_header("date_of_birth"))
    }

    #[test]
    fn any_date_column_counts_whether_the_kind_uses_it_or_not() {
        // `Date Child Was Last Seen` is not a List 6 column the scorecard
        // reads, but it says when the list was made; after today is left out.
        let table = read_table(
            "Child Unique ID,CIN Start Date,CIN Closure Date,Allocated Worker,Date Child Was Last Seen,Notes\n\
             C1,01/05/2017,,W1,03/02/2021,x\n\
             C2,01/06/2017,,W1,01/01/2030,31/12/2025\n",
        )
        .unwrap();
        assert_eq!(latest_extract_date(&table, today()), Some(date(2021, 2, 3)));
    }

    #[test]
    fn names_in_order_then_the_user() {
        let names = [
            ("List 6", AsAtSource::SheetName),
            ("annex_a_2018-02-28.xlsx", AsAtSource::WorkbookName),
        ];
        assert_eq!(
            AsAt::stated(None, &names),
            Some(AsAt {
                date: Some(date(2018, 2, 28)),
                source: AsAtSource::WorkbookName
            })
        );
        let dated_sheet = [
            ("List 6 Jan 2018", AsAtSource::SheetName),
            ("annex_a_2018-02-28.xlsx", AsAtSource::WorkbookName),
        ];
        assert_eq!(
            AsAt::stated(None, &dated_sheet).map(|a| (a.date, a.source)),
            Some((Some(date(2018, 1, 31)), AsAtSource::SheetName))
        );
        assert_eq!(
            AsAt::stated(Some(date(2018, 3, 5)), &dated_sheet).map(|a| a.source),
            Some(AsAtSource::Override)
        );
        assert_eq!(
            AsAt::stated(None, &[("list6.csv", AsAtSource::FileName)]),
            None
        );
        assert_eq!(AsAt::from_data(None, AsAtSource::LatestDate), AsAt::UNKNOWN);
    }
}
