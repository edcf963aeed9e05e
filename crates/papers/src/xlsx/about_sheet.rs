//! The "About" sheet (outputs.md, "Papers for a committee", 1): the
//! definitions and conventions (the engine's `about`), restatements, the
//! population estimates and benchmarks with their years, the suppression
//! in force, and the files the figures came from.
//!
//! Owns: the sheet's order and tables. Must not: word a definition or a
//! convention (`about` and `paper` do) or compute a figure.

use csc_engine::about::about;
use csc_engine::paper;
use jiff::civil::Date;
use rust_xlsxwriter::{ColNum, ExcelDateTime, RowNum, Worksheet, XlsxError};

use super::context::Paper;
use super::figures::{Figure, Styles};
use super::formats::{self, NumberFormat};
use super::layout::{self, Sheet, Span};

/// Column widths: the files table's (the widest of the sheet's tables),
/// kept near a landscape page's width so the sheet prints near full size.
const WIDTHS: [f64; 8] = [50.0, 28.0, 11.0, 11.0, 11.0, 8.0, 9.0, 30.0];
/// Paragraphs run across the first five columns: a line a reader can
/// follow (about 120 characters).
const PARAGRAPH_LAST: ColNum = 4;
/// A long table starts on a new page unless its heading and this many
/// rows fit under what is above it.
const TABLE_START: RowNum = 4;

/// Writes the sheet.
pub(crate) fn write(sheet: &mut Worksheet, paper: &Paper<'_>) -> Result<(), XlsxError> {
    sheet.set_name("About")?;
    for (column, width) in (0..).zip(WIDTHS) {
        sheet.set_column_width(column, width)?;
    }
    let mut sheet = Sheet::new(sheet, &WIDTHS);
    let span = sheet.span_to(PARAGRAPH_LAST);
    let about = about(paper.card, paper.settings);
    sheet
        .sheet
        .write_string_with_format(0, 0, "About these figures", &formats::title())?;
    sheet.height(0, 22.0)?;
    let mut row = 1;
    for convention in &about.conventions {
        sheet.paragraph(row, span, convention, &formats::paragraph())?;
        row += 1;
    }
    if !about.restatements.is_empty() {
        let first = row + 1;
        row = heading(&mut sheet, first, "Restated since signed off")?;
        for restated in &about.restatements {
            sheet.paragraph(row, span, restated, &formats::paragraph())?;
            row += 1;
        }
        sheet.keep(first, (first + TABLE_START).min(row));
    }
    row = heading(&mut sheet, row + 1, "What each indicator counts")?;
    for (index, indicator) in about.indicators.iter().enumerate() {
        sheet.sheet.write_string_with_format(
            row,
            0,
            format!("{}. {}", indicator.number, indicator.title),
            &formats::label(),
        )?;
        sheet.paragraph(row + 1, span, &indicator.text, &formats::paragraph())?;
        // The heading above the first stays with it.
        let first = if index == 0 { row - 1 } else { row };
        sheet.keep(first, row + 2);
        row += 2;
    }
    row = populations(&mut sheet, paper, span, row + 1)?;
    row = benchmarks(&mut sheet, paper, row + 1)?;
    let first = row + 1;
    row = heading(&mut sheet, first, "Small-number suppression")?;
    sheet.paragraph(row, span, &suppression(paper), &formats::paragraph())?;
    sheet.keep(first, row + 1);
    files(&mut sheet, paper, row + 2)?;
    sheet.break_pages()
}

/// A heading at `row`; returns the row after it.
fn heading(sheet: &mut Sheet<'_, '_>, row: RowNum, text: &str) -> Result<RowNum, XlsxError> {
    sheet
        .sheet
        .write_string_with_format(row, 0, text, &formats::heading())?;
    sheet.height(row, 18.0)?;
    Ok(row + 1)
}

/// A table's headings at `row`, from column 0, the row as tall as the
/// most wrapped; returns the row after it.
fn headings(sheet: &mut Sheet<'_, '_>, row: RowNum, texts: &[&str]) -> Result<RowNum, XlsxError> {
    let mut lines = 1;
    for ((column, text), width) in (0..).zip(texts).zip(WIDTHS) {
        sheet.sheet.write_string_with_format(
            row,
            column,
            *text,
            &formats::column_heading_left(),
        )?;
        // Bold headings are a little wider than running text.
        lines = lines.max(layout::lines(text, width * 0.9));
    }
    sheet.height(row, layout::height(lines))?;
    Ok(row + 1)
}

/// The population estimates the rates use: the year, in the engine's
/// sentence, and each area's population from the settings.
fn populations(
    sheet: &mut Sheet<'_, '_>,
    paper: &Paper<'_>,
    span: Span<'_>,
    first: RowNum,
) -> Result<RowNum, XlsxError> {
    let mut row = heading(sheet, first, "Population estimates")?;
    let note = paper
        .card
        .indicators
        .iter()
        .find_map(|result| paper::population_note(result, paper.settings));
    if let Some(note) = note {
        sheet.paragraph(row, span, &note, &formats::paragraph())?;
        row += 1;
    }
    if !paper.settings.areas.is_empty() {
        row = headings(sheet, row, &["Area", "Children aged 0–17"])?;
        for area in &paper.settings.areas {
            sheet
                .sheet
                .write_string_with_format(row, 0, &area.area, &formats::line())?;
            if let Some(population) = area.population_0_17.filter(|p| p.is_finite()) {
                sheet
                    .sheet
                    .write_number_with_format(row, 1, population, &formats::whole())?;
            }
            row += 1;
        }
    }
    sheet.keep(first, row);
    Ok(row)
}

/// Each indicator's national and statistical neighbours' averages with
/// their year (outputs.md: the reader is told the benchmark year).
fn benchmarks(
    sheet: &mut Sheet<'_, '_>,
    paper: &Paper<'_>,
    first: RowNum,
) -> Result<RowNum, XlsxError> {
    let mut row = heading(sheet, first, "Benchmarks")?;
    row = headings(
        sheet,
        row,
        &[
            "Indicator",
            "Unit",
            "National average",
            "Statistical neighbours average",
            "Year",
        ],
    )?;
    let styles = Styles::list();
    for result in &paper.card.indicators {
        let d = result.definition;
        let text = formats::line();
        sheet.sheet.write_string_with_format(
            row,
            0,
            format!("{}. {}", d.number, d.title),
            &text,
        )?;
        if d.benchmarks_per_10k() {
            sheet
                .sheet
                .write_string_with_format(row, 1, "per 10,000 children", &text)?;
        }
        let format = NumberFormat::of_benchmark(d);
        Figure::number(result.national, format).write(sheet.sheet, row, 2, &styles)?;
        Figure::number(result.statistical_neighbours, format).write(
            sheet.sheet,
            row,
            3,
            &styles,
        )?;
        if let Some(year) = result.benchmark_year.as_deref().map(str::trim) {
            sheet.sheet.write_string_with_format(row, 4, year, &text)?;
        }
        row += 1;
    }
    sheet.keep(first, row);
    Ok(row)
}

/// What this workbook suppresses, and under which setting.
fn suppression(paper: &Paper<'_>) -> String {
    match (paper.options.publishable, paper.settings.suppress_below) {
        (true, Some(n)) => format!(
            "This is the publishable version: counts from 1 to {} are shown as <{n}, and percentages of fewer than {n} as – (settings `suppress_below` is {n}).",
            n.saturating_sub(1)
        ),
        (false, Some(n)) => format!(
            "Every figure is shown: this is not the publishable version, which shows counts from 1 to {} as <{n} and percentages of fewer than {n} as – (settings `suppress_below` is {n}).",
            n.saturating_sub(1)
        ),
        (true, None) => "This is the publishable version, but no suppression threshold is set (settings `suppress_below`), so every figure is shown.".to_string(),
        (false, None) => "Every figure is shown: no suppression threshold is set (settings `suppress_below`).".to_string(),
    }
}

/// The files the scorecard was made from, one row each.
fn files(sheet: &mut Sheet<'_, '_>, paper: &Paper<'_>, first: RowNum) -> Result<RowNum, XlsxError> {
    let mut row = heading(sheet, first, "Files used")?;
    sheet.keep(first, row + 1 + TABLE_START);
    row = headings(
        sheet,
        row,
        &[
            "File",
            "Kind",
            "As at",
            "Covers from",
            "Covers to",
            "Rows",
            "Problems",
            "Not read because",
        ],
    )?;
    let text = formats::line();
    let sheet = &mut *sheet.sheet;
    for file in &paper.card.files {
        sheet.write_string_with_format(row, 0, &file.name, &text)?;
        sheet.write_string_with_format(row, 1, &file.kind_name, &text)?;
        date(sheet, row, 2, file.as_at)?;
        date(sheet, row, 3, file.covers_from)?;
        date(sheet, row, 4, file.covers_to)?;
        let whole = formats::whole();
        sheet.write_number_with_format(row, 5, count(file.rows), &whole)?;
        sheet.write_number_with_format(row, 6, count(file.problems), &whole)?;
        if let Some(error) = &file.error {
            sheet.write_string_with_format(row, 7, error, &formats::wrapped())?;
        }
        row += 1;
    }
    Ok(row)
}

/// A day as an Excel date, or nothing.
fn date(
    sheet: &mut Worksheet,
    row: RowNum,
    column: ColNum,
    day: Option<Date>,
) -> Result<(), XlsxError> {
    let Some(day) = day else {
        return Ok(());
    };
    let (Ok(year), Ok(month), Ok(number)) = (
        u16::try_from(day.year()),
        u8::try_from(day.month()),
        u8::try_from(day.day()),
    ) else {
        return Ok(());
    };
    let excel = ExcelDateTime::from_ymd(year, month, number)?;
    sheet.write_datetime_with_format(row, column, &excel, &formats::date())?;
    Ok(())
}

/// A count as Excel's number (exact below 2^53, far beyond any file).
fn count(n: usize) -> f64 {
    n as f64
}
