//! The Excel workbook (outputs.md, "Papers for a committee", 1): sheets
//! "Scorecard" (the print's layout, figures as numbers), "Series" (a list
//! for pivot tables), "About" (definitions, files, years, suppression) and
//! "Data quality" (the report), each set up to print on A4 with the
//! protective marking.
//!
//! Owns: the workbook as a whole (its sheets, font, properties and
//! bytes); each sheet is its own module. Must not: compute or word a
//! figure, or depend on the clock (the day printed is the caller's;
//! the time rust_xlsxwriter stamps a new workbook with is replaced, see
//! `properties`).

mod about_sheet;
mod context;
mod figures;
mod formats;
mod layout;
mod page;
mod pagination;
mod quality_sheet;
mod scorecard_sheet;
mod series_sheet;

use csc_engine::paper::title_block;
use csc_engine::scorecard::Scorecard;
use csc_engine::settings::Settings;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};

use crate::PaperOptions;
use context::Paper;

/// What writes one sheet.
type WriteSheet = fn(&mut Worksheet, &Paper<'_>) -> Result<(), XlsxError>;

/// The workbook's bytes.
pub fn workbook(
    card: &Scorecard,
    settings: &Settings,
    options: &PaperOptions,
) -> Result<Vec<u8>, String> {
    let paper = Paper {
        card,
        settings,
        options,
        suppress_below: settings.suppress_below.filter(|_| options.publishable),
        title: title_block(card, settings),
    };
    write(&paper).map_err(|error| format!("the Excel workbook could not be written: {error}"))
}

fn write(paper: &Paper<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_default_format(
        &formats::base(),
        formats::DEFAULT_ROW_PX,
        formats::DEFAULT_COLUMN_PX,
    )?;
    book.set_properties(&properties(paper)?);
    let sheets: [WriteSheet; 4] = [
        scorecard_sheet::write,
        series_sheet::write,
        about_sheet::write,
        quality_sheet::write,
    ];
    for write_sheet in sheets {
        let sheet = book.add_worksheet();
        write_sheet(sheet, paper)?;
        page::set_up(sheet, &paper.card.protective_marking, &paper.title.scope);
    }
    book.save_to_buffer()
}

/// The file's properties: title, subject, author, company and the
/// protective marking, dated the day it is printed (else the month's last
/// day) rather than by the clock, so the same scorecard makes the same
/// file.
fn properties(paper: &Paper<'_>) -> Result<DocProperties, XlsxError> {
    let day = paper
        .options
        .printed
        .unwrap_or_else(|| paper.card.month.last_day());
    let created = ExcelDateTime::from_ymd(
        u16::try_from(day.year()).unwrap_or(2000),
        u8::try_from(day.month()).unwrap_or(1),
        u8::try_from(day.day()).unwrap_or(1),
    )?;
    Ok(DocProperties::new()
        .set_title(&paper.title.title)
        .set_subject(&paper.title.scope)
        .set_author(paper.settings.report_author.trim())
        .set_company(paper.card.la_name.trim())
        .set_creation_datetime(&created)
        .set_custom_property("Protective marking", paper.card.protective_marking.as_str()))
}
