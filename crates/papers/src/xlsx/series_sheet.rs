//! The "Series" sheet (outputs.md, "Papers for a committee", 1): one row
//! per indicator × shown measure × area × month of the series, with the
//! value and where it came from, for pivot tables and charts.
//!
//! The scorecard holds a series for the authority only (an area's figures
//! are the reporting month's), so every row is the authority's and Area
//! is blank; the column is there so that the sheet's shape does not change
//! when areas gain a series.
//!
//! The month is a real date (the first of the month, shown `Dec-17`)
//! rather than text: a pivot table groups dates by year and quarter,
//! sorts them in time order and a chart spaces them as time, none of which
//! `2017-12` as text would give. Values are as on the Scorecard sheet: a
//! percentage is its fraction formatted `%` (0.87 shows 87%), so the
//! figures sum, average and chart alike in both sheets.
//!
//! Owns: the list's columns and order. Must not: compute a figure.

use csc_engine::month::Month;
use rust_xlsxwriter::{ExcelDateTime, FormatAlign, Note, Worksheet, XlsxError};

use super::context::Paper;
use super::figures::{Figure, Styles};
use super::formats;

/// The columns, with their widths.
pub(crate) const COLUMNS: [(&str, f64); 9] = [
    ("Indicator number", 10.0),
    ("Indicator id", 28.0),
    ("Indicator title", 48.0),
    ("Measure id", 22.0),
    ("Measure", 36.0),
    ("Area", 12.0),
    ("Month", 9.0),
    ("Value", 11.0),
    ("Source", 11.0),
];

/// What the Value heading's note says.
pub(crate) const VALUE_NOTE: &str = "Values as on the Scorecard sheet: percentages are fractions formatted as percentages (0.87 shows as 87%); counts, average days, caseloads and rates per 10,000 children as they are. A blank is a month with no figure.";

/// Writes the sheet.
pub(crate) fn write(sheet: &mut Worksheet, paper: &Paper<'_>) -> Result<(), XlsxError> {
    sheet.set_name("Series")?;
    for (column, (heading, width)) in (0..).zip(COLUMNS) {
        let format = match heading {
            "Indicator number" => formats::column_heading(),
            "Value" => formats::column_heading().set_align(FormatAlign::Right),
            "Source" => formats::column_heading_left().set_indent(1),
            _ => formats::column_heading_left(),
        };
        sheet.write_string_with_format(0, column, heading, &format)?;
        sheet.set_column_width(column, width)?;
    }
    sheet.set_row_height(0, 30)?;
    // Printed, each page repeats the headings.
    sheet.set_repeat_rows(0, 0)?;
    sheet.insert_note(0, 7, &Note::new(VALUE_NOTE).set_author("Scorecard"))?;
    let styles = Styles::list();
    let text = formats::base();
    let number = formats::base().set_align(FormatAlign::Center);
    // Set off from the figure before it.
    let source_format = formats::base().set_indent(1);
    let month_format = formats::month();
    let mut row = 0;
    for result in &paper.card.indicators {
        let d = result.definition;
        for measure in d.measures.iter().filter(|m| m.is_shown()) {
            for (month, values) in &result.series {
                row += 1;
                sheet.write_number_with_format(row, 0, d.number, &number)?;
                sheet.write_string_with_format(row, 1, d.id, &text)?;
                sheet.write_string_with_format(row, 2, d.title, &text)?;
                sheet.write_string_with_format(row, 3, measure.name, &text)?;
                sheet.write_string_with_format(row, 4, measure.label, &text)?;
                // Column 5, the area: blank for the authority.
                sheet.write_datetime_with_format(row, 6, first_day(*month)?, &month_format)?;
                Figure::of(d, measure.name, &values.values, paper.suppress_below)
                    .write(sheet, row, 7, &styles)?;
                if let Some(source) = values.source {
                    sheet.write_string_with_format(row, 8, source.as_str(), &source_format)?;
                }
            }
        }
    }
    let last_column = u16::try_from(COLUMNS.len() - 1).unwrap_or(0);
    sheet.autofilter(0, 0, row, last_column)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The first day of `month` as an Excel date.
fn first_day(month: Month) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(month.year())
        .map_err(|_| XlsxError::ParameterError(format!("{month} is before the year 0")))?;
    let number = u8::try_from(month.number()).unwrap_or(1);
    ExcelDateTime::from_ymd(year, number, 1)
}
