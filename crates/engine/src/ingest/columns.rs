//! Findings about a whole column, reported once per column with a count
//! and an example rather than once per row (inputs.md, "Value types"):
//!
//! - Excel errors (`#N/A`, `#REF!` …, and error cells in workbooks): a
//!   lookup or formula failed in the report that wrote the file; read as
//!   blank, with what that blank means for the figures;
//! - ids Excel rewrote in scientific notation (`1.23457E+11`);
//! - date columns whose invalid values would be valid month first (a US
//!   export).
//!
//! Owns: those three checks and their wording. It must not change a
//! value: the row builders read the same cells as blank or invalid.

use crate::diagnostics::{ProblemCode, Severity};
use crate::ingest::sink::ProblemSink;
use crate::ingest::table::Table;
use crate::schema::{Kind, Layout, col};
use crate::values::{
    is_excel_error, looks_like_excel_exponent, looks_month_first, normalise_header, trim,
};

/// How often a finding occurs in one column, with its first example.
#[derive(Default)]
struct Tally {
    count: usize,
    first: Option<(u32, String)>,
    /// The distinct values seen (Excel errors only), in order of appearance.
    kinds: Vec<String>,
}

impl Tally {
    fn add(&mut self, row: u32, value: &str) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some((row, value.to_string()));
        }
    }
}

/// One column checked: where it is, what it holds, and what was found.
struct Checked {
    column: usize,
    position: usize,
    header: String,
    is_id: bool,
    is_date: bool,
    errors: Tally,
    exponents: Tally,
    month_first: Tally,
}

/// Checks every column of `layout`'s kind that the file has, in one pass
/// over the rows, and reports each finding once per column. The checks
/// look at a cell's first byte or shape before anything costlier: nearly
/// every cell passes them all.
pub fn report(table: &Table, layout: &Layout, sink: &mut ProblemSink) {
    let kind = layout.kind;
    // Which checks can find anything at all in this table.
    let errors_possible = table.rows.any_cell_contains(b'#');
    let exponents_possible = table.rows.any_exponent();
    let mut checked: Vec<Checked> = kind
        .columns()
        .iter()
        .enumerate()
        .filter_map(|(column, spec)| {
            let position = layout.position(column)?;
            let header = table
                .headers
                .get(position)
                .map_or(spec.header, String::as_str)
                .to_string();
            // Month-first values are invalid dates, which the row builder
            // has reported: a column without any needs no look.
            let is_date = normalise_header(spec.header).contains("date")
                && sink.has(ProblemCode::InvalidDate, &header);
            Some(Checked {
                column,
                position,
                header,
                is_id: exponents_possible && is_identifier(kind, column),
                is_date,
                errors: Tally::default(),
                exponents: Tally::default(),
                month_first: Tally::default(),
            })
        })
        .collect();
    checked.retain(|c| errors_possible || c.is_id || c.is_date);
    if checked.is_empty() {
        return;
    }
    for row in table.rows.iter() {
        for check in &mut checked {
            let raw = trim(row.cell(Some(check.position)));
            let Some(&first) = raw.as_bytes().first() else {
                continue;
            };
            if first == b'#' {
                if is_excel_error(raw) {
                    check.errors.add(row.number, raw);
                    if !check
                        .errors
                        .kinds
                        .iter()
                        .any(|k| k.eq_ignore_ascii_case(raw))
                    {
                        check.errors.kinds.push(raw.to_ascii_uppercase());
                    }
                }
            } else if check.is_id && looks_like_excel_exponent(raw) {
                check.exponents.add(row.number, raw);
            } else if check.is_date && looks_month_first(raw) {
                // Valid month first means invalid day first (its month is
                // over 12), so the value is one the builder refused.
                check.month_first.add(row.number, raw);
            }
        }
    }
    for check in &checked {
        report_column(kind, check, sink);
    }
}

fn report_column(kind: Kind, check: &Checked, sink: &mut ProblemSink) {
    let header = &check.header;
    let (errors, exponents, month_first) = (&check.errors, &check.exponents, &check.month_first);
    if let Some((row, value)) = &errors.first {
        let shown = errors
            .kinds
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        sink.cell(
            *row,
            header,
            value,
            ProblemCode::ExcelError,
            Severity::Warning,
            format!(
                "{header} is {shown} on {} row{}, e.g. row {row}: an Excel error (a lookup or formula that failed), read as blank, so {}",
                errors.count,
                plural(errors.count),
                blank_consequence(kind, check.column)
            ),
        );
    }
    if let Some((row, value)) = &exponents.first {
        sink.cell(
            *row,
            header,
            value,
            ProblemCode::ExcelExponentId,
            Severity::Warning,
            format!(
                "{header} reads like a number Excel rewrote in scientific notation on {} row{}, e.g. row {row} `{value}`: the real id was lost when the file was saved from Excel (it is still used as text, so different children may share it); export the list again with the column as text",
                exponents.count,
                plural(exponents.count)
            ),
        );
    }
    if let Some((row, value)) = &month_first.first {
        sink.cell(
            *row,
            header,
            value,
            ProblemCode::MonthFirstDates,
            Severity::Warning,
            format!(
                "{header} looks month-first (US): {} value{} such as row {row} `{value}` would be dates only with the month first; dates are read day first, so they stay invalid, and the column's dates with a day of 12 or less may have been read with day and month swapped: export the dates day first (UK), or as yyyy-mm-dd",
                month_first.count,
                plural(month_first.count)
            ),
        );
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// Whether a kind's column holds a child's or worker's identifier (or a
/// worker named by id, as List 6's allocation often is).
fn is_identifier(kind: Kind, column: usize) -> bool {
    match kind {
        Kind::Staff => column == col::staff::WORKER,
        Kind::Supervisions => column == col::supervisions::WORKER,
        Kind::List6Cin => column == col::list6::CHILD || column == col::list6::WORKER,
        Kind::List3Referrals => column == col::list3::CHILD,
        Kind::List4Assessments => column == col::list4::CHILD,
        Kind::List7Cp => column == col::list7::CHILD,
        Kind::List8Cla => column == col::list8::CHILD,
        Kind::List9CareLeavers => column == col::list9::CHILD,
        Kind::List10Adoption => column == col::list10::CHILD,
        Kind::CpVisits => column == col::cp_visits::CHILD,
        Kind::FamilySupport => column == col::family_support::CHILD,
        // Not read (Lists 1, 2, 5, 11), or holding no ids (teams).
        Kind::Teams
        | Kind::List1Contacts
        | Kind::List2EarlyHelp
        | Kind::List5S47
        | Kind::List11Adopters => false,
    }
}

/// What a blank in this column does to the figures, to end the sentence
/// "read as blank, so …".
fn blank_consequence(kind: Kind, column: usize) -> &'static str {
    const LEFT_OUT: &str = "these rows are left out";
    const LEFT_OUT_OF_SOME: &str = "these rows are left out of the indicators that use this column";
    const OPEN: &str = "these episodes count as still open";
    const UNASSIGNED: &str = "these records count in area Unassigned";
    const NOTHING: &str = "the column says nothing on these rows";
    match kind {
        Kind::List3Referrals => match column {
            col::list3::CHILD | col::list3::DATE => LEFT_OUT,
            col::list3::COUNT => "re-referrals are worked out from the dates on these rows",
            col::list3::TEAM => UNASSIGNED,
            _ => NOTHING,
        },
        Kind::List4Assessments => match column {
            col::list4::CHILD | col::list4::START => LEFT_OUT,
            col::list4::AUTHORISED => "these assessments count as not yet authorised (still open)",
            col::list4::SEEN => "these children count as not seen",
            col::list4::TEAM => UNASSIGNED,
            _ => NOTHING,
        },
        Kind::List6Cin => match column {
            col::list6::CHILD | col::list6::START => LEFT_OUT,
            col::list6::CLOSED => OPEN,
            col::list6::WORKER => "these cases count as unallocated",
            col::list6::TEAM => UNASSIGNED,
            _ => NOTHING,
        },
        Kind::List7Cp => match column {
            col::list7::CHILD | col::list7::START => LEFT_OUT,
            col::list7::END => "these plans count as still open",
            col::list7::LAST_VISIT => "no visit is read from these rows",
            col::list7::TEAM => UNASSIGNED,
            _ => NOTHING,
        },
        Kind::List8Cla => match column {
            col::list8::CHILD | col::list8::START => LEFT_OUT,
            col::list8::CEASED => OPEN,
            col::list8::UASC => LEFT_OUT_OF_SOME,
            col::list8::TEAM => UNASSIGNED,
            _ => NOTHING,
        },
        Kind::List9CareLeavers => match column {
            col::list9::CHILD => LEFT_OUT,
            col::list9::DOB | col::list9::ACTIVITY => LEFT_OUT_OF_SOME,
            col::list9::TEAM => UNASSIGNED,
            _ => NOTHING,
        },
        Kind::List10Adoption => match column {
            col::list10::CHILD | col::list10::ENTERED => LEFT_OUT,
            col::list10::TEAM => UNASSIGNED,
            _ => "these adoptions lack that date and may be left out of indicators 9 and 10",
        },
        Kind::CpVisits => match column {
            col::cp_visits::SEEN => "these visits count as the child not seen",
            _ => LEFT_OUT,
        },
        Kind::FamilySupport => match column {
            col::family_support::CHILD | col::family_support::START => LEFT_OUT,
            col::family_support::END => OPEN,
            col::family_support::TEAM => UNASSIGNED,
            _ => NOTHING,
        },
        Kind::Staff => match column {
            col::staff::WORKER => LEFT_OUT,
            col::staff::NAME => "allocations cannot be matched to these workers by name",
            col::staff::TEAM => UNASSIGNED,
            col::staff::QUALIFIED | col::staff::AGENCY => LEFT_OUT_OF_SOME,
            col::staff::END => "these workers count as still in post",
            col::staff::START => "these workers count as in post from the start",
            _ => "the column's default is used on these rows",
        },
        Kind::Supervisions => LEFT_OUT,
        Kind::Teams => match column {
            col::teams::TEAM_TYPE => {
                "these teams have no team type (their caseloads count only in the overall average)"
            }
            _ => LEFT_OUT,
        },
        // Named, never read: `finish_table` checks no column of theirs.
        Kind::List1Contacts | Kind::List2EarlyHelp | Kind::List5S47 | Kind::List11Adopters => {
            NOTHING
        }
    }
}
