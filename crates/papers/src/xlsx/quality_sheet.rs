//! The "Data quality" sheet (outputs.md, "Papers for a committee", 1): the
//! data-quality report, one problem a row, in the columns of the page's
//! CSV download (`export::problems_csv`), with a filter on each.
//!
//! Owns: the list's layout. Must not: word a problem (the engine has).

use rust_xlsxwriter::{FormatAlign, Worksheet, XlsxError};

use super::context::Paper;
use super::formats;

/// The columns, as `export::problems_csv` names them, with their widths.
pub(crate) const COLUMNS: [(&str, f64); 7] = [
    ("File", 36.0),
    ("Row", 7.0),
    ("Column", 22.0),
    ("Value", 22.0),
    ("Severity", 10.0),
    ("Code", 24.0),
    ("Message", 80.0),
];

/// Writes the sheet.
pub(crate) fn write(sheet: &mut Worksheet, paper: &Paper<'_>) -> Result<(), XlsxError> {
    sheet.set_name("Data quality")?;
    for (column, (heading, width)) in (0..).zip(COLUMNS) {
        let format = if heading == "Row" {
            formats::column_heading()
        } else {
            formats::column_heading_left()
        };
        sheet.write_string_with_format(0, column, heading, &format)?;
        sheet.set_column_width(column, width)?;
    }
    sheet.set_row_height(0, 18)?;
    // Printed, each page repeats the headings.
    sheet.set_repeat_rows(0, 0)?;
    let text = formats::wrapped();
    let whole = formats::base()
        .set_num_format("0")
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::Top);
    let mut row = 0;
    for problem in &paper.card.problems {
        row += 1;
        sheet.write_string_with_format(row, 0, &problem.file, &text)?;
        // A whole file's problem has no row.
        if let Some(number) = problem.row {
            sheet.write_number_with_format(row, 1, number, &whole)?;
        }
        sheet.write_string_with_format(row, 2, &problem.column, &text)?;
        sheet.write_string_with_format(row, 3, &problem.value, &text)?;
        sheet.write_string_with_format(row, 4, problem.severity.as_str(), &text)?;
        sheet.write_string_with_format(row, 5, problem.code.to_string(), &text)?;
        sheet.write_string_with_format(row, 6, &problem.message, &text)?;
    }
    let last_column = u16::try_from(COLUMNS.len() - 1).unwrap_or(0);
    sheet.autofilter(0, 0, row, last_column)?;
    sheet.set_freeze_panes(1, 0)?;
    if paper.card.problems.is_empty() {
        // Below the (empty) list, so a filter or pivot never takes it for a problem.
        sheet.write_string_with_format(
            2,
            0,
            "No problems were found in the files.",
            &formats::note(),
        )?;
    }
    Ok(())
}
