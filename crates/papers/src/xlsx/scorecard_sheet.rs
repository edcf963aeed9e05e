//! The "Scorecard" sheet (outputs.md, "Papers for a committee", 1): the
//! title block, the summary of the fourteen headlines, then every
//! indicator as the print lays it out: its title; the columns Previous 6
//! months, the optional Last year and Year to date, Baseline, the month
//! and each area; a row per shown measure; Target, Performance rating,
//! Trend, National and Statistical neighbours averages with their year;
//! the population note under rates, the engine's notes and the commentary.
//! Each indicator is kept to one printed page where it fits, as in print.
//!
//! Owns: where each of those goes on the sheet. Must not: compute or word
//! a figure: the headings are the engine's (`previous_heading`,
//! `year_to_date_heading`, `paper`), the values the `Scorecard`'s.

use csc_engine::month::Month;
use csc_engine::paper;
use csc_engine::scorecard::{
    IndicatorResult, Scorecard, Values, previous_heading, year_to_date_heading,
};
use csc_engine::sources::Source;
use rust_xlsxwriter::{ColNum, Note, RowNum, Worksheet, XlsxError};

use super::context::Paper;
use super::figures::{Figure, Styles};
use super::formats::{self, Mark, NumberFormat};
use super::layout::{self, Sheet};

/// Width of each figure column, in Excel's units: `Dec-17`, `1,234`,
/// `87%` with room, and a heading such as "Prev. 6 months average"
/// wrapped to two or three lines.
const FIGURE_WIDTH: f64 = 12.0;
/// Bounds of the label column's width: wide enough for the labels on
/// one line (the longest, a benchmark with its unit and year, is under
/// 60 characters), not so wide the figures drift away from them. With
/// seven figure columns the sheet still prints at full size.
const LABEL_WIDTH: (f64, f64) = (34.0, 56.0);
/// The summary needs a column for the headline, the rating and the trend.
const SUMMARY_FIGURES: usize = 3;

/// One figure column of an indicator's table.
struct Column<'a> {
    heading: String,
    values: &'a Values,
    /// The figures' own month and area (`None` for the authority), which
    /// a restatement names; `None` for a column over several months.
    month: Option<(Month, Option<&'a str>)>,
}

impl Column<'_> {
    /// The mark on `measure` of `indicator` in this column: restated when
    /// the scorecard lists its figure as restated, else published when
    /// the column's figures came from the history.
    fn mark(&self, card: &Scorecard, indicator: &str, measure: &str) -> Option<Marked> {
        let restated = self.month.and_then(|(month, area)| {
            card.restatements.iter().find(|r| {
                r.indicator == indicator
                    && r.month == month
                    && r.measure == measure
                    && r.area.as_deref() == area
            })
        });
        match restated {
            Some(restated) => Some(Marked::Restated(restated.published)),
            None => (self.values.source == Some(Source::History)).then_some(Marked::Published),
        }
    }
}

/// A figure's mark, with what a restated figure was published as.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Marked {
    Published,
    Restated(Option<f64>),
}

impl Marked {
    fn mark(self) -> Mark {
        match self {
            Marked::Published => Mark::Published,
            Marked::Restated(_) => Mark::Restated,
        }
    }
}

/// Writes the sheet.
pub(crate) fn write(sheet: &mut Worksheet, paper: &Paper<'_>) -> Result<(), XlsxError> {
    sheet.set_name("Scorecard")?;
    let figures = paper
        .card
        .indicators
        .iter()
        .map(|result| columns(result, paper).len())
        .max()
        .unwrap_or(0)
        .max(SUMMARY_FIGURES);
    let mut widths = vec![label_width(paper)];
    widths.extend(std::iter::repeat_n(FIGURE_WIDTH, figures));
    for (column, width) in widths.iter().enumerate() {
        sheet.set_column_width(column_number(column), *width)?;
    }
    let mut sheet = Sheet::new(sheet, &widths);
    let mut row = title_block(&mut sheet, paper)?;
    // The title block stays in view while the reader scrolls: it names the
    // authority, the month and the date of the data. Each indicator has
    // its own column headings (its own areas and baseline), so there is
    // no one table heading to freeze; and the sheet is laid out to fit a
    // page's width, so freezing the label column would buy nothing.
    sheet.sheet.set_freeze_panes(row, 0)?;
    row = summary(&mut sheet, paper, row + 1)?;
    sheet.keep(0, row);
    for result in &paper.card.indicators {
        // A blank row before each indicator, kept with the one above.
        let first = row + 1;
        row = indicator(&mut sheet, paper, result, first)?;
        sheet.keep(first, row);
    }
    sheet.break_pages()
}

/// The title block from the engine's wording (`paper`): title, the LA
/// and month, subtitle, author, data as at, the day printed, and what the
/// publishable version leaves out. Returns the row after it.
fn title_block(sheet: &mut Sheet<'_, '_>, paper: &Paper<'_>) -> Result<RowNum, XlsxError> {
    let block = &paper.title;
    sheet
        .sheet
        .write_string_with_format(0, 0, &block.title, &formats::title())?;
    sheet.height(0, 22.0)?;
    sheet
        .sheet
        .write_string_with_format(1, 0, &block.scope, &formats::scope())?;
    sheet.height(1, 17.0)?;
    let mut lines: Vec<String> = [block.subtitle.clone(), block.author.clone()]
        .into_iter()
        .filter(|line| !line.is_empty())
        .collect();
    lines.extend(paper::data_as_at(paper.card));
    if let Some(printed) = paper.options.printed {
        lines.push(format!("Printed {}", csc_engine::format::date(printed)));
    }
    if paper.options.publishable {
        lines.push(match paper.suppress_below {
            Some(n) => format!(
                "Publishable version: counts from 1 to {} are shown as <{n}, and percentages of fewer than {n} as –.",
                n.saturating_sub(1)
            ),
            None => "Publishable version: no suppression threshold is set (settings `suppress_below`), so every figure is shown.".to_string(),
        });
    }
    lines.extend(legend(paper));
    let mut row = 2;
    for line in lines {
        sheet.paragraph(row, sheet.span(), &line, &formats::line())?;
        row += 1;
    }
    Ok(row)
}

/// What the marks on the sheet's figures mean, when it shows any (the
/// page's legend).
fn legend(paper: &Paper<'_>) -> Vec<String> {
    let (mut published, mut restated) = (false, false);
    for result in &paper.card.indicators {
        let d = result.definition;
        for column in columns(result, paper) {
            for measure in d.measures.iter().filter(|m| m.is_shown()) {
                match column.mark(paper.card, d.id, measure.name) {
                    Some(Marked::Published) => published = true,
                    Some(Marked::Restated(_)) => restated = true,
                    None => {}
                }
            }
        }
    }
    let mut lines = Vec::new();
    if published {
        lines.push("P after a figure: published, as signed off in the history of signed-off months (the files given do not cover its month, or a column's months include such a month).".to_string());
    }
    if restated {
        lines.push("R after a figure: restated: the files now give a different figure from the one signed off (the cell's note has the published figure; About lists every restatement).".to_string());
    }
    lines
}

/// The summary grid as a table: each indicator's headline for the month,
/// its rating and its trend. Returns the row after it.
fn summary(
    sheet: &mut Sheet<'_, '_>,
    paper: &Paper<'_>,
    first: RowNum,
) -> Result<RowNum, XlsxError> {
    let month = paper.card.month;
    sheet.sheet.write_string_with_format(
        first,
        0,
        format!("Summary, {}", month.label()),
        &formats::heading(),
    )?;
    sheet.height(first, 18.0)?;
    let header = first + 1;
    let month_label = month.label();
    let headings = [
        ("Indicator", formats::column_heading_left()),
        (month_label.as_str(), formats::column_heading()),
        ("Performance rating", formats::column_heading()),
        ("Trend", formats::column_heading()),
    ];
    for (column, (text, format)) in (0..).zip(&headings) {
        sheet
            .sheet
            .write_string_with_format(header, column, *text, format)?;
    }
    sheet.height(header, layout::height(2))?;
    let styles = Styles::table();
    let mut row = header + 1;
    for result in &paper.card.indicators {
        sheet.label(row, &summary_label(result))?;
        if result.missing_inputs.is_empty() {
            headline(result, paper).write(sheet.sheet, row, 1, &styles)?;
        } else {
            // As the page's summary says it.
            sheet
                .sheet
                .write_string_with_format(row, 1, "needs files", &formats::suppressed())?;
        }
        rating(sheet.sheet, result, row, 2)?;
        sheet.sheet.write_string_with_format(
            row,
            3,
            result.trend.words(result.polarity),
            &formats::text(),
        )?;
        row += 1;
    }
    Ok(row)
}

/// An indicator's label in the summary: "5. Children with …".
fn summary_label(result: &IndicatorResult) -> String {
    let d = result.definition;
    format!("{}. {}", d.number, d.title)
}

/// The month's headline as its cell shows it.
fn headline(result: &IndicatorResult, paper: &Paper<'_>) -> Figure {
    let d = result.definition;
    Figure::of(d, d.headline, &result.current.values, paper.suppress_below)
}

/// The rating's word on its colour.
fn rating(
    sheet: &mut Worksheet,
    result: &IndicatorResult,
    row: RowNum,
    column: ColNum,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(
        row,
        column,
        result.rating.word(),
        &formats::rating(result.rating),
    )?;
    Ok(())
}

/// One indicator from `first`: title, table, notes, commentary. Returns
/// the row after it.
fn indicator(
    sheet: &mut Sheet<'_, '_>,
    paper: &Paper<'_>,
    result: &IndicatorResult,
    first: RowNum,
) -> Result<RowNum, XlsxError> {
    let d = result.definition;
    let span = sheet.span();
    sheet.sheet.merge_range(
        first,
        span.first,
        first,
        span.last,
        &format!("{}.) {}", d.number, d.title),
        &formats::indicator_title(),
    )?;
    sheet.height(first, 20.0)?;
    let columns = columns(result, paper);
    let header = first + 1;
    sheet
        .sheet
        .write_blank(header, 0, &formats::column_heading())?;
    let mut heading_lines = 1;
    for (index, column) in columns.iter().enumerate() {
        sheet.sheet.write_string_with_format(
            header,
            column_number(index + 1),
            &column.heading,
            &formats::column_heading(),
        )?;
        heading_lines = heading_lines.max(layout::lines(&column.heading, FIGURE_WIDTH));
    }
    sheet.height(header, layout::height(heading_lines))?;
    let styles = Styles::table();
    let mut row = header + 1;
    for measure in d.measures.iter().filter(|m| m.is_shown()) {
        sheet.label(row, measure.label)?;
        for (index, column) in columns.iter().enumerate() {
            let figure = Figure::of(d, measure.name, &column.values.values, paper.suppress_below);
            let at = column_number(index + 1);
            match column.mark(paper.card, d.id, measure.name) {
                None => figure.write(sheet.sheet, row, at, &styles)?,
                Some(marked) => {
                    figure.write_marked(sheet.sheet, row, at, marked.mark())?;
                    if let Marked::Restated(was) = marked {
                        let was = csc_engine::format::value(was, d.style(measure.name));
                        let note = Note::new(format!("Restated: published as {was}."))
                            .set_author("Scorecard");
                        sheet.sheet.insert_note(row, at, &note)?;
                    }
                }
            }
        }
        row += 1;
    }
    // The foot of the table: each figure in the first column, as in print.
    sheet.label(row, "Target")?;
    Figure::number(result.target, NumberFormat::of_headline(d)).write(
        sheet.sheet,
        row,
        1,
        &styles,
    )?;
    sheet.label(row + 1, "Performance rating")?;
    rating(sheet.sheet, result, row + 1, 1)?;
    sheet.label(row + 2, "Trend")?;
    sheet.sheet.write_string_with_format(
        row + 2,
        1,
        result.trend.words(result.polarity),
        &formats::text(),
    )?;
    row += 3;
    let (national, neighbours) = benchmark_labels(result);
    let benchmark = NumberFormat::of_benchmark(d);
    for (label, value) in [
        (national, result.national),
        (neighbours, result.statistical_neighbours),
    ] {
        sheet.label(row, &label)?;
        Figure::number(value, benchmark).write(sheet.sheet, row, 1, &styles)?;
        row += 1;
    }
    let notes = paper::population_note(result, paper.settings)
        .into_iter()
        .chain(result.notes.iter().map(|note| format!("Note: {note}")));
    for note in notes {
        sheet.paragraph(row, span, &note, &formats::note())?;
        row += 1;
    }
    let commentary = paper
        .options
        .commentary
        .get(d.id)
        .map(|text| text.trim())
        .filter(|text| !text.is_empty());
    if let Some(text) = commentary {
        sheet
            .sheet
            .write_string_with_format(row, 0, "Commentary", &formats::label())?;
        sheet.paragraph(row + 1, span, text, &formats::commentary())?;
        row += 2;
    }
    Ok(row)
}

/// The national and statistical neighbours' headings with their year
/// (`paper::benchmark_heading`), saying "per 10,000 children" where the
/// figures are rates beside a count (indicators 5 and 7), so 43 is not
/// read as 43 children.
fn benchmark_labels(result: &IndicatorResult) -> (String, String) {
    let unit = if result.definition.benchmarks_per_10k() {
        " per 10,000 children"
    } else {
        ""
    };
    (
        paper::benchmark_heading(&format!("National average{unit}"), result),
        paper::benchmark_heading(&format!("Statistical neighbours average{unit}"), result),
    )
}

/// The figure columns of an indicator in the print's order: Previous 6
/// months, Last year and Year to date when the settings show them,
/// Baseline, the month, each area (headings as the page words them).
fn columns<'a>(result: &'a IndicatorResult, paper: &Paper<'_>) -> Vec<Column<'a>> {
    let d = result.definition;
    let month = paper.card.month;
    let mut columns = vec![Column {
        heading: previous_heading(d, result.previous_mode, result.previous.months),
        values: &result.previous.values,
        month: None,
    }];
    if paper.settings.show_last_year {
        let (last_year, values) = &result.last_year;
        columns.push(Column {
            heading: format!("{} (last year)", last_year.label()),
            values,
            month: Some((*last_year, None)),
        });
    }
    if let Some(ytd) = result
        .year_to_date
        .as_ref()
        .filter(|_| paper.settings.show_year_to_date)
    {
        columns.push(Column {
            heading: year_to_date_heading(month, ytd.months),
            values: &ytd.values,
            month: None,
        });
    }
    if let Some((baseline, values)) = &result.baseline {
        columns.push(Column {
            heading: baseline.label(),
            values,
            month: Some((*baseline, None)),
        });
    }
    columns.push(Column {
        heading: month.label(),
        values: &result.current,
        month: Some((month, None)),
    });
    columns.extend(result.areas.iter().map(|(area, values)| Column {
        heading: area.clone(),
        values,
        month: Some((month, Some(area.as_str()))),
    }));
    columns
}

/// The label column's width: its longest label (a measure, a benchmark
/// heading, an indicator in the summary), within `LABEL_WIDTH` (longer
/// ones wrap).
fn label_width(paper: &Paper<'_>) -> f64 {
    let longest = paper
        .card
        .indicators
        .iter()
        .flat_map(|result| {
            let d = result.definition;
            let (national, neighbours) = benchmark_labels(result);
            d.measures
                .iter()
                .filter(|m| m.is_shown())
                .map(|m| m.label.to_string())
                .chain([national, neighbours, summary_label(result)])
                .map(|label| label.chars().count())
                .collect::<Vec<_>>()
        })
        .max()
        .unwrap_or(0);
    // In units of a digit's width, which a letter averages a little under.
    (longest as f64 / 1.1 + 1.0).clamp(LABEL_WIDTH.0, LABEL_WIDTH.1)
}

/// A column index as Excel's column number (a sheet has far fewer than
/// 16,384 columns; one beyond is refused by the writer, not a panic).
fn column_number(index: usize) -> ColNum {
    ColNum::try_from(index).unwrap_or(ColNum::MAX)
}
