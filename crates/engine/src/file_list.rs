//! The file list as an analyst thinks of it: by what they chose. A
//! workbook is one input and one extraction, listed once with its sheets
//! under it and one as-at date for all of them; a file whose as-at date is
//! unknown needs the analyst before it counts (inputs.md, "As-at date of a
//! file", rules 3 and 4).
//!
//! Owns: grouping loaded files by input, the date a workbook's sheets
//! share, which files need an as-at date, and how the page's as-at edits
//! become overrides. It must not read files or compute figures.

use jiff::civil::Date;

use crate::ingest::{AsAtSource, FileOverrides, SHEET_SEPARATOR};
use crate::schema::Kind;
use crate::scorecard::FileSummary;

/// One input as chosen: a file, or a workbook with its sheets.
#[derive(Clone, Debug, PartialEq)]
pub struct InputGroup {
    /// The name the analyst chose (`book.xlsx`).
    pub input: String,
    /// Whether the input is a workbook read sheet by sheet (an unreadable
    /// workbook is one file, not a group).
    pub workbook: bool,
    /// Its loaded files: the file itself, or the workbook's sheets in order.
    pub files: Vec<FileSummary>,
}

impl InputGroup {
    /// The as-at date and source every sheet shares, if they share one.
    pub fn shared_as_at(&self) -> Option<(Option<Date>, AsAtSource)> {
        let dated: Vec<&FileSummary> = self.files.iter().filter(|f| f.kind.is_some()).collect();
        let first = dated.first()?;
        dated
            .iter()
            .all(|f| f.as_at == first.as_at && f.as_at_source == first.as_at_source)
            .then_some((first.as_at, first.as_at_source))
    }

    pub fn rows(&self) -> usize {
        self.files.iter().map(|f| f.rows).sum()
    }

    pub fn problems(&self) -> usize {
        self.files.iter().map(|f| f.problems).sum()
    }
}

/// The input and, for a worksheet, the sheet a listed file came from
/// (`book.xlsx › List 6` is sheet `List 6` of `book.xlsx`).
pub fn input_of(listed: &str) -> (&str, Option<&str>) {
    match listed.split_once(SHEET_SEPARATOR) {
        Some((input, sheet)) => (input, Some(sheet)),
        None => (listed, None),
    }
}

/// Loaded files grouped by input, in the order read.
pub fn group_by_input(files: &[FileSummary]) -> Vec<InputGroup> {
    let mut groups: Vec<InputGroup> = Vec::new();
    for file in files {
        let (input, sheet) = input_of(&file.name);
        match groups.last_mut() {
            Some(group) if sheet.is_some() && group.workbook && group.input == input => {
                group.files.push(file.clone());
            }
            _ => groups.push(InputGroup {
                input: input.to_string(),
                workbook: sheet.is_some(),
                files: vec![file.clone()],
            }),
        }
    }
    groups
}

/// Whether a file counts for nothing until the analyst gives it an as-at
/// date: a kind the scorecard counts (a team table applies without one)
/// whose date neither a name nor the data gave.
pub fn needs_as_at(file: &FileSummary) -> bool {
    let counted = file
        .kind
        .as_deref()
        .and_then(Kind::from_id)
        .is_some_and(|kind| kind.is_used() && kind != Kind::Teams);
    counted && file.error.is_none() && file.as_at.is_none()
}

/// The page's as-at edit of one listed file: a file or a whole workbook
/// takes the date (a workbook's sheets then all share it, whatever they
/// had of their own), one sheet takes it alone. `None` clears it.
pub fn set_as_at(overrides: &mut FileOverrides, sheet: Option<&str>, date: Option<Date>) {
    match sheet {
        Some(sheet) => overrides.sheet_mut(sheet).as_at = date,
        None => {
            overrides.as_at = date;
            for own in &mut overrides.sheets {
                own.as_at = None;
            }
        }
    }
}

/// The page's coverage-start edit of one listed file (a sheet keeps its own).
pub fn set_covers_from(overrides: &mut FileOverrides, sheet: Option<&str>, date: Option<Date>) {
    match sheet {
        Some(sheet) => overrides.sheet_mut(sheet).covers_from = date,
        None => overrides.covers_from = date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn file(name: &str, kind: &str, as_at: Option<Date>, source: AsAtSource) -> FileSummary {
        FileSummary {
            name: name.to_string(),
            kind: (!kind.is_empty()).then(|| kind.to_string()),
            kind_name: String::new(),
            rows: 10,
            as_at,
            as_at_source: source,
            covers_from: None,
            covers_to: None,
            problems: 1,
            error: None,
        }
    }

    #[test]
    fn a_workbooks_sheets_are_one_group_with_one_date() {
        let feb = Some(date(2021, 2, 3));
        let files = [
            file("teams.csv", "teams", None, AsAtSource::Unknown),
            file(
                "a.xlsx › List 6",
                "list6_cin",
                feb,
                AsAtSource::LatestDateInWorkbook,
            ),
            file(
                "a.xlsx › List 9",
                "list9_care_leavers",
                feb,
                AsAtSource::LatestDateInWorkbook,
            ),
            file("b.xlsx", "", None, AsAtSource::Unknown),
            file("c.csv", "list7_cp", feb, AsAtSource::LatestDate),
        ];
        let groups = group_by_input(&files);
        let shape: Vec<(&str, bool, usize)> = groups
            .iter()
            .map(|g| (g.input.as_str(), g.workbook, g.files.len()))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("teams.csv", false, 1),
                ("a.xlsx", true, 2),
                ("b.xlsx", false, 1),
                ("c.csv", false, 1)
            ]
        );
        assert_eq!(groups[1].rows(), 20);
        assert_eq!(groups[1].problems(), 2);
        assert_eq!(
            groups[1].shared_as_at(),
            Some((feb, AsAtSource::LatestDateInWorkbook))
        );
        let mut mixed = groups[1].clone();
        mixed.files[1].as_at = Some(date(2021, 1, 31));
        assert_eq!(mixed.shared_as_at(), None);
    }

    #[test]
    fn only_counted_files_without_a_date_need_one() {
        assert!(needs_as_at(&file(
            "l9.csv",
            "list9_care_leavers",
            None,
            AsAtSource::Unknown
        )));
        assert!(!needs_as_at(&file(
            "teams.csv",
            "teams",
            None,
            AsAtSource::Unknown
        )));
        assert!(!needs_as_at(&file(
            "l1.csv",
            "list1_contacts",
            None,
            AsAtSource::Unknown
        )));
        assert!(!needs_as_at(&file("x.csv", "", None, AsAtSource::Unknown)));
        assert!(!needs_as_at(&file(
            "l9.csv",
            "list9_care_leavers",
            Some(date(2021, 1, 31)),
            AsAtSource::FileName
        )));
    }

    #[test]
    fn a_workbooks_date_replaces_its_sheets_own() {
        let mut overrides = FileOverrides::default();
        set_as_at(&mut overrides, Some("List 9"), Some(date(2021, 1, 31)));
        set_covers_from(&mut overrides, Some("List 9"), Some(date(2020, 8, 1)));
        assert_eq!(overrides.for_sheet("List 9").as_at, Some(date(2021, 1, 31)));
        assert_eq!(overrides.for_sheet("List 6").as_at, None);
        set_as_at(&mut overrides, None, Some(date(2021, 2, 28)));
        assert_eq!(overrides.for_sheet("List 9").as_at, Some(date(2021, 2, 28)));
        assert_eq!(overrides.for_sheet("List 6").as_at, Some(date(2021, 2, 28)));
        // The sheet's own coverage start stays.
        assert_eq!(
            overrides.for_sheet("List 9").covers_from,
            Some(date(2020, 8, 1))
        );
        assert_eq!(input_of("a.xlsx › List 9"), ("a.xlsx", Some("List 9")));
        assert_eq!(input_of("a.csv"), ("a.csv", None));
    }
}
