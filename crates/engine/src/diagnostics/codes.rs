//! The problem codes: one [`ProblemCode`] per kind of data-quality finding,
//! each with its stable string (the `code` of the JSON export, the CSV
//! download and the page's `data-*` attributes) and a one-line description
//! for analysts, which `docs/problem-codes.md` is generated from
//! ([`problem_codes_markdown`]).
//!
//! Owns: the list of codes, their strings and their descriptions. Must not
//! import from the rest of the engine: the diagnostics every module uses
//! sit on top of it. The wording of each problem's own message stays where
//! the problem is found.

use serde::{Deserialize, Serialize};

/// Declares [`ProblemCode`] from one list, so a variant, its string, its
/// description and its place in [`ProblemCode::ALL`] cannot disagree.
macro_rules! problem_codes {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $code:literal, $description:literal;
    )*) => {
        /// A kind of data-quality problem. Variants are in the order of
        /// their strings (a test checks it), so the derived order sorts as
        /// the strings do.
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        pub enum ProblemCode {
            $(
                $(#[$doc])*
                #[serde(rename = $code)]
                $variant,
            )*
        }

        impl ProblemCode {
            /// Every code, in the order of their strings.
            pub const ALL: &'static [ProblemCode] = &[$(ProblemCode::$variant),*];

            /// The stable identifier, e.g. `invalid_date`: what the JSON
            /// export, the CSV download and the page write.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ProblemCode::$variant => $code,)*
                }
            }

            /// One plain-English line for analysts: what the problem means
            /// and what to do about it.
            pub const fn description(self) -> &'static str {
                match self {
                    $(ProblemCode::$variant => $description,)*
                }
            }
        }
    };
}

problem_codes! {
    /// An adoption in an adoption indicator's window (9 or 10) whose dates
    /// cannot give its days (`indicators::adoption_entry_to_placement`).
    AdoptionIncomplete = "adoption_incomplete",
    "An adoption in the indicator's window has a missing or inconsistent date (placement order, matching or placement), so it is left out of indicator 9 or 10: correct the dates in List 10.";

    /// A child 18 or over with a CP plan or care episode open at the
    /// file's as-at date (`ingest::build::check_adult`).
    AdultOpenEpisode = "adult_open_episode",
    "The child is 18 or over but has a CP plan or care episode still open at the file's as-at date: check the date of birth and the end date.";

    /// An allocated worker's name that is the name of two workers in post
    /// (`indicators::caseload`).
    AmbiguousWorker = "ambiguous_worker",
    "The allocated worker's name is the name of two workers in post, so the case is counted for the first of them in the staff file: allocate by Worker ID to be sure.";

    /// A file with no as-at date from its name or its date columns
    /// (`ingest`).
    AsAtUnknown = "as_at_unknown",
    "Neither the file's name nor its date columns say when it was extracted, so it is not used until you set its as-at date in the file list.";

    /// A blank required date (`ingest::build::RowReader::required_date`).
    BlankDate = "blank_date",
    "A date the indicators need is blank, so the row is left out of the indicators that use it: fill it in and export again.";

    /// A blank required identifier (`ingest::build::RowReader::id`).
    BlankId = "blank_id",
    "A required identifier (such as Child Unique ID, a worker, or a team in a teams file) is blank, so the whole row is left out: fill it in and export again.";

    /// A blank date that is part of the row's key
    /// (`ingest::build::RowReader::key_date`).
    BlankKeyDate = "blank_key_date",
    "A date that identifies the row (such as a start date) is blank, so the whole row is left out: fill it in and export again.";

    /// A blank `Child Seen During Continuous Assessment` (List 4).
    BlankSeen = "blank_seen",
    "Child Seen During Continuous Assessment is blank, so the child counts as not seen in indicator 4: record whether the child was seen.";

    /// A blank required yes/no (`ingest::build::RowReader::required_yes_no`).
    BlankYesNo = "blank_yes_no",
    "A yes/no column that must be filled is blank, so the row is left out of the indicators that use it: fill it in and export again.";

    /// A commentary pack row whose indicator or month is not one the
    /// scorecard knows (`commentary_pack`, read by `scorecard::load`).
    CommentaryRowLeftOut = "commentary_row_left_out",
    "A row of a commentary pack names no indicator of the scorecard or no month (YYYY-MM or Dec-17), so its commentary is left out: correct the row or use the pack as downloaded.";

    /// A date before 1990 (`ingest::build::RowReader::check_date`).
    DateBefore1990 = "date_before_1990",
    "A date is before 1990, which is often a typing error; it is still used, so check it.";

    /// Bank holidays for years outside the built-in list, derived by rule
    /// (`scorecard`).
    DerivedBankHolidays = "derived_bank_holidays",
    "The months shown reach years missing from the built-in list of bank holidays, so those were worked out by rule: add any one-off holidays in Settings.";

    /// Two rows with the same key that differ elsewhere
    /// (`ingest::build`, merging a file's rows).
    DuplicateKey = "duplicate_key",
    "Two rows of a file have the same key (such as the same child and start date) but differ elsewhere; the later row is used, so check which one is right.";

    /// A row identical to an earlier one (`ingest::build`).
    DuplicateRow = "duplicate_row",
    "A row is an exact copy of an earlier row of the same file; the two are merged and counted once, so there is nothing to do.";

    /// An end date before its start (`ingest::build::RowReader::end_date`).
    EndBeforeStart = "end_before_start",
    "An end date is before its start date, so the row is left out of the indicators that use it: correct one of the dates.";

    /// An open List 6 episode missing from the month's allocation extract
    /// (`indicators::unallocated_cases`).
    EpisodeNotInAllocationExtract = "episode_not_in_allocation_extract",
    "An open List 6 episode is missing from the List 6 extract used for the month's allocations, so it counts as allocated in indicator 1: check that extract is complete.";

    /// Excel error values (`#N/A`, `#REF!` …) in a column, or error cells
    /// a workbook reader cannot place (`ingest::columns`, `ingest`).
    ExcelError = "excel_error",
    "Cells hold an Excel error (#N/A, #REF! …) from a formula or lookup that failed; they are read as blank: fix the formula in the spreadsheet and export again.";

    /// An identifier Excel rewrote in scientific notation
    /// (`ingest::columns`).
    ExcelExponentId = "excel_exponent_id",
    "An identifier looks like a number Excel rewrote in scientific notation (such as 1.23E+05), so the real ID was lost: export the list again with the column as text.";

    /// An FTE outside (0, 1.5] (`ingest::build`, the staff list).
    FteOutOfRange = "fte_out_of_range",
    "A worker's FTE is not a number above 0 and at most 1.5, so it is read as 1: correct it in the staff file.";

    /// A date after the file's as-at date, or after today when it has none
    /// (`ingest::build::RowReader::check_date`).
    FutureDate = "future_date",
    "A date is after the file's as-at date (or after today when the file has none): check the date, and the file's as-at date.";

    /// A header found below row 1 (`ingest`).
    HeaderNotFirst = "header_not_first",
    "The header row was found below row 1 and the rows above it were ignored; nothing to do if they are only titles.";

    /// An entry of a history that is wrong (a month key that is not
    /// `YYYY-MM`, an unknown indicator or measure, a value that is not a
    /// number) and is left out (`history`, read by `ingest`).
    HistoryEntryLeftOut = "history_entry_left_out",
    "An entry of a history file is not what a history holds (its path and value are given), so it is left out and the rest of the history is used: correct or remove it.";

    /// A month two histories hold with different figures: the later
    /// signed-off one is used (`scorecard::load`, `history::merge`).
    HistoryMonthReplaced = "history_month_replaced",
    "Two histories hold the same month with different figures; the one signed off later (or, on a tie, given later) is used whole: keep one history file to avoid this.";

    /// A history whose authority name differs from the settings'
    /// (`scorecard`).
    HistoryOtherAuthority = "history_other_authority",
    "The history names a different local authority from the settings; its figures are still used, so check it is the right file.";

    /// An activity code that is not one of List 9's (`ingest::build`).
    InvalidActivity = "invalid_activity",
    "A care leaver's activity is not a known code (F1–F5, P1–P5, G4–G6 or 0), so the row is left out of indicator 8: correct the code.";

    /// A referral count that is not a whole number (`ingest::build`, List 3).
    InvalidCount = "invalid_count",
    "Number of Referrals in Last 12 Months is not a whole number, so whether it is a re-referral is worked out from the referral dates instead.";

    /// A value in a date column that is not a date
    /// (`ingest::build::RowReader::read_date`); a warning, or an error when
    /// the date is part of the row's key.
    InvalidDate = "invalid_date",
    "A value in a date column is not a date, so the row is left out of the indicators that use it (or entirely, when the date identifies the row): write dates day first (dd/mm/yyyy) or as yyyy-mm-dd.";

    /// A UTF-16 file with characters that could not be decoded (`ingest`).
    InvalidUtf16 = "invalid_utf16",
    "Some characters of a Unicode Text (UTF-16) file could not be read and were replaced by �: save the file again as CSV UTF-8.";

    /// A yes/no column holding something else
    /// (`ingest::build::RowReader::yes_no`).
    InvalidYesNo = "invalid_yes_no",
    "A yes/no column holds something other than yes or no, so the row is left out of the indicators that use it: correct the value.";

    /// A date column whose invalid values would be dates month first
    /// (`ingest::columns`).
    MonthFirstDates = "month_first_dates",
    "A date column looks month first (US style), so some of its dates are invalid and others may have day and month swapped: export the dates day first (UK) or as yyyy-mm-dd.";

    /// The same child with overlapping episodes in one file
    /// (`ingest::build::report_overlaps`).
    OverlappingEpisodes = "overlapping_episodes",
    "The same child has two episodes in one file whose dates overlap: check their start and end dates.";

    /// A row with more or fewer cells than the header (`ingest`).
    RaggedRow = "ragged_row",
    "A row has a different number of cells from the header: check that a stray comma or line break has not split or shifted it.";

    /// A published figure that the extracts now give differently
    /// (`scorecard`, history.md "Restatements").
    Restated = "restated",
    "A figure signed off in the history is different now that the month is computed again from the extracts (a record was corrected or added since): the figure shown is the new one, marked restated with the published value beside it.";

    /// A totals row at the bottom of a table, ignored (`ingest`).
    TotalsRow = "totals_row",
    "A totals row (Total, Grand total, Subtotal …) at the bottom of the table was ignored; nothing to do.";

    /// A legal status that is not a known code (`ingest::build`, List 8).
    UnknownCode = "unknown_code",
    "A legal status is not a known code (C1, C2, D1, E1, V2–V4, L1–L3, J1–J3); the child still counts as looked after, so check the code.";

    /// An allocated worker matching no worker in the staff file
    /// (`indicators::caseload`).
    UnknownWorker = "unknown_worker",
    "The allocated worker matches no Worker ID or name in the staff file, so the case counts towards no worker's caseload: check the staff file lists every worker.";

    /// A team not in the team table, once per team (`scorecard`).
    UnmappedTeam = "unmapped_team",
    "A team is not in the team table, so its figures are shown under Unmapped: add it in Settings or in a teams file.";

    /// A file that could not be used at all, with the reason as its message
    /// (`ingest`).
    UnreadableFile = "unreadable_file",
    "The file could not be used at all; the message says why (for example password-protected, an old .xls workbook, or no rows) and what to do.";

    /// A file read as Windows-1252 because it is not UTF-8 (`ingest`).
    Windows1252 = "windows_1252",
    "The file is not UTF-8, so it was read as Windows-1252 (Excel's usual CSV encoding); nothing to do unless names look wrong.";
}

impl std::fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `docs/problem-codes.md`: every code with its description, generated.
pub fn problem_codes_markdown() -> String {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line("# Data-quality problem codes");
    line("");
    line("<!-- Generated from the engine's problem codes");
    line("     (crates/engine/src/diagnostics/codes.rs): do not edit by hand. Print it");
    line("     with `cargo run -p xtask --bin problem_code_docs`;");
    line("     `cargo test -p csc-engine --lib problem_code` fails when this file and");
    line("     the code differ, and");
    line("     `UPDATE_SNAPSHOTS=1 cargo test -p csc-engine --lib problem_code` rewrites it. -->");
    line("");
    line("Every problem in the Data quality tab, its CSV download and the JSON");
    line("export has one of these codes (the `code` column). Each problem also has");
    line("its own message naming the file, row, column and value; the severity");
    line("(error, warning or info) is given with each problem.");
    line("");
    line("| Code | What it means and what to do |");
    line("| --- | --- |");
    for code in ProblemCode::ALL {
        line(&format!("| `{}` | {} |", code.as_str(), code.description()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_is_in_all_once_in_the_order_of_its_string() {
        // The macro builds ALL from the enum's own list; the i-th entry is
        // the i-th variant declared, so each variant is there exactly once.
        for (i, code) in ProblemCode::ALL.iter().enumerate() {
            assert_eq!(*code as usize, i, "{code} out of place in ALL");
        }
        // Strictly increasing strings: unique, and the derived order is
        // the strings' order (codes sort as they did when they were strings).
        for pair in ProblemCode::ALL.windows(2) {
            assert!(
                pair[0].as_str() < pair[1].as_str(),
                "{} and {} are not in order of their strings",
                pair[0],
                pair[1]
            );
            assert!(pair[0] < pair[1]);
        }
    }

    #[test]
    fn strings_are_snake_case_and_descriptions_one_line() {
        for code in ProblemCode::ALL {
            let s = code.as_str();
            assert!(
                !s.is_empty()
                    && s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{s}"
            );
            let d = code.description();
            assert!(
                !d.is_empty() && !d.contains('\n') && !d.contains('|'),
                "{s}"
            );
            assert!(d.ends_with('.'), "{s}: description should be a sentence");
            assert_eq!(code.to_string(), s);
        }
    }

    #[test]
    fn serde_writes_and_reads_the_string() {
        for code in ProblemCode::ALL {
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            let back: ProblemCode = serde_json::from_str(&json).unwrap();
            assert_eq!(back, *code);
        }
        assert!(serde_json::from_str::<ProblemCode>("\"no_such_code\"").is_err());
    }

    #[test]
    fn docs_problem_codes_md_is_generated_from_the_codes() {
        let actual = problem_codes_markdown();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join("docs/problem-codes.md");
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, &actual).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "docs/problem-codes.md differs from the problem codes: review and run \
             `UPDATE_SNAPSHOTS=1 cargo test -p csc-engine --lib problem_code`"
        );
    }
}
