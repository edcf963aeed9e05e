//! One indicator's part of the paper, in the page's order: its heading
//! ("5.) Children with a child protection plan at month end"), what it
//! still needs, its figures as a Word table, the population note under
//! rates, its notes, its charts and its commentary.
//!
//! Owns: that order and the figures table's shape. Must not: word or
//! compute a figure (`figures` and the engine do).

use csc_engine::paper;
use csc_engine::scorecard::IndicatorResult;
use csc_engine::settings::Settings;
use docx_rs::Docx;

use crate::PaperOptions;
use crate::docx::charts::Charts;
use crate::docx::figures::{Figures, Shown};
use crate::docx::layout::{self, HEADING_1, HEADING_2, NOTE};
use crate::docx::table::{self, Cell, Grid};

/// How many value columns the single-value rows (target, rating, trend,
/// benchmarks) span: wide enough for "▼ down · worsening" on one line.
const VALUE_SPAN: usize = 3;

/// Appends the indicator's part.
pub(crate) fn indicator(
    docx: Docx,
    result: &IndicatorResult,
    shown: &Shown<'_>,
    settings: &Settings,
    options: &PaperOptions,
    charts: &mut Charts,
) -> Docx {
    let d = result.definition;
    let mut docx = docx.add_paragraph(layout::heading(
        HEADING_1,
        &format!("{}.) {}", d.number, d.title),
    ));
    if !result.missing_inputs.is_empty() {
        let needs: Vec<&str> = result
            .missing_inputs
            .iter()
            .map(|k| k.short_name())
            .collect();
        docx = docx.add_paragraph(
            layout::paragraph(
                "Normal",
                &format!(
                    "Needs {}: not computed for this month.",
                    needs.join(" and ")
                ),
            )
            .keep_next(true),
        );
    }
    docx = docx.add_table(grid(&shown.figures(result)).table());
    let notes = paper::population_note(result, settings)
        .into_iter()
        .chain(result.notes.iter().map(|note| format!("Note: {note}")));
    for note in notes {
        docx = docx.add_paragraph(layout::paragraph(NOTE, &note));
    }
    for image in options.charts.get(d.id).into_iter().flatten() {
        docx = docx.add_paragraph(charts.paragraph(image));
    }
    let commentary = options
        .commentary
        .get(d.id)
        .map(|text| layout::paragraphs("Normal", text))
        .unwrap_or_default();
    if !commentary.is_empty() {
        docx = docx.add_paragraph(layout::heading(HEADING_2, "Commentary"));
        for paragraph in commentary {
            docx = docx.add_paragraph(paragraph);
        }
    }
    docx
}

/// The figures table: a header row of column headings, a row per shown
/// measure, then one value each for target, rating, trend and the
/// benchmarks, spanning a few columns with the rest left empty.
fn grid(figures: &Figures) -> Grid {
    let n = figures.columns.len();
    // A narrower label column when there are many areas to fit.
    let label = match n {
        0..=6 => 3000,
        7..=8 => 2300,
        _ => 2000,
    };
    let mut header = vec![Cell::text("")];
    header.extend(
        figures
            .columns
            .iter()
            .map(|h| Cell::figure(h.clone(), None)),
    );
    let mut rows: Vec<Vec<Cell>> = figures
        .measures
        .iter()
        .map(|row| {
            let mut cells = vec![Cell::text(row.label)];
            cells.extend(
                row.figures
                    .iter()
                    .map(|f| Cell::figure(f.text.clone(), f.mark.clone())),
            );
            cells
        })
        .collect();
    let span = VALUE_SPAN.min(n);
    let single = |label: &str, value: Cell| {
        let mut cells = vec![Cell::text(label), value.spanning(span)];
        if n > span {
            cells.push(Cell::text("").spanning(n - span));
        }
        cells
    };
    rows.push(single("Target", Cell::text(figures.target.clone())));
    rows.push(single(
        "Performance rating",
        Cell::text(figures.rating.word())
            .bold()
            .coloured(layout::rating_colours(figures.rating)),
    ));
    rows.push(single("Trend", Cell::text(figures.trend)));
    for (heading, value) in [&figures.national, &figures.neighbours] {
        rows.push(single(heading, Cell::text(value.clone())));
    }
    Grid {
        widths: table::widths(label, n),
        sizes: layout::table_sizes(n),
        header,
        rows,
    }
}
