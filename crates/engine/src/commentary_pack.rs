//! Reading a commentary pack back (outputs.md, "Papers for a committee",
//! 3): the CSV of every indicator's commentary the analyst sent to heads of
//! service (`export::commentary_pack_csv` writes it), dropped back and
//! recognised by its header (`commentary_kind`), gives the commentaries to
//! put back in their boxes.
//!
//! Owns: reading a pack. Must not: decide where a commentary is kept (the
//! page does) or compute a figure.

use serde::{Deserialize, Serialize};

use crate::commentary_kind::HEADER;
use crate::diagnostics::{Problem, ProblemCode, Severity};
use crate::indicators::ALL;
use crate::ingest::{Content, LoadedFile};
use crate::month::Month;

/// One commentary of a pack dropped on the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PackEntry {
    /// The input it came from (the page takes each dropped input once).
    pub input: usize,
    pub file: String,
    /// The indicator's id (`cp_plans`).
    pub indicator: String,
    pub month: Month,
    pub text: String,
}

/// Reads every commentary pack among the loaded files (their text is
/// dropped once read); rows naming no indicator or month are left out with
/// a problem on their file. `input_of[file]` is the input each file came
/// from.
pub(crate) fn read(files: &mut [LoadedFile], input_of: &[usize]) -> Vec<PackEntry> {
    let mut entries = Vec::new();
    for (index, file) in files.iter_mut().enumerate() {
        let Content::Commentary { text } = &mut file.content else {
            continue;
        };
        let text = std::mem::take(text);
        let input = input_of.get(index).copied().unwrap_or(index);
        let (read, problems) = read_pack(&file.name, &text, input);
        file.rows = read.len();
        file.problems.extend(problems);
        entries.extend(read);
    }
    entries
}

/// One pack's entries (a later row for the same indicator and month wins)
/// and the rows left out.
fn read_pack(name: &str, text: &str, input: usize) -> (Vec<PackEntry>, Vec<Problem>) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut entries: Vec<PackEntry> = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                let row = u32::try_from(line).unwrap_or(u32::MAX);
                problems.push(left_out(name, row, "", "", "the row cannot be read as CSV"));
                continue;
            }
        };
        // The line the row starts on (the header is line 1; a commentary
        // may run over several lines).
        let row = record
            .position()
            .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        if (0..3).all(|i| cell(i).is_empty()) {
            continue;
        }
        let Some(indicator) = indicator_id(cell(0)) else {
            let why = "is not the id or number of an indicator of the scorecard";
            problems.push(left_out(name, row, HEADER[0], cell(0), why));
            continue;
        };
        let Some(month) = Month::parse_written(cell(1)) else {
            let why = "is not a month (YYYY-MM, Dec-17 or December 2017)";
            problems.push(left_out(name, row, HEADER[1], cell(1), why));
            continue;
        };
        let entry = PackEntry {
            input,
            file: name.to_string(),
            indicator: indicator.to_string(),
            month,
            text: cell(2).to_string(),
        };
        entries.retain(|e| !(e.indicator == entry.indicator && e.month == entry.month));
        entries.push(entry);
    }
    (entries, problems)
}

/// An indicator by its id (`cp_plans`) or number (`5`).
fn indicator_id(cell: &str) -> Option<&'static str> {
    let number = cell.trim_end_matches(['.', ')']).parse::<u8>().ok();
    ALL.iter()
        .find(|d| d.id.eq_ignore_ascii_case(cell) || Some(d.number) == number)
        .map(|d| d.id)
}

fn left_out(file: &str, row: u32, column: &str, value: &str, why: &str) -> Problem {
    Problem::cell(
        file,
        row,
        column,
        value,
        ProblemCode::CommentaryRowLeftOut,
        Severity::Warning,
        format!("{why}, so this row's commentary is left out"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> Month {
        Month::parse(text).expect("a month")
    }

    #[test]
    fn a_pack_read_back_by_id_or_number_any_month_form() {
        let text = "\u{feff}Indicator,Month,Commentary,Title,Value\n\
                    cp_plans,2017-12,\"Plans steady; two families, one sibling group.\",Children on a CP plan,972\n\
                    2,Dec-17,  Re-referrals fell.  ,% re-referrals,22%\n\
                    ,,,,\n\
                    unknown_thing,2017-12,Lost,,\n\
                    cp_plans,2017-13,Lost too,,\n\
                    cp_plans,December 2017,\"Corrected: plans steady.\nA second paragraph.\",,\n";
        let (entries, problems) = read_pack("pack.csv", text, 3);
        let got: Vec<(&str, Month, &str)> = entries
            .iter()
            .map(|e| (e.indicator.as_str(), e.month, e.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("re_referrals", month("2017-12"), "Re-referrals fell."),
                (
                    "cp_plans",
                    month("2017-12"),
                    "Corrected: plans steady.\nA second paragraph."
                ),
            ]
        );
        assert!(entries.iter().all(|e| e.input == 3 && e.file == "pack.csv"));
        let rows: Vec<(Option<u32>, &str, &str)> = problems
            .iter()
            .map(|p| (p.row, p.column.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(
            rows,
            vec![
                (Some(5), "Indicator", "unknown_thing"),
                (Some(6), "Month", "2017-13"),
            ]
        );
        assert!(
            problems
                .iter()
                .all(|p| p.code == ProblemCode::CommentaryRowLeftOut)
        );
    }
}
