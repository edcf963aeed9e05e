//! The paper's opening: the title block (report title, scope, subtitle,
//! author, "Data as at", the printed date and, when publishable, what was
//! suppressed) and the summary table of the fourteen headlines.
//!
//! Owns: their layout. Must not: word them (engine `paper` does) or
//! compute a figure.

use csc_engine::format;
use csc_engine::paper;
use csc_engine::scorecard::Scorecard;
use csc_engine::settings::Settings;
use docx_rs::Docx;

use crate::PaperOptions;
use crate::docx::figures::Shown;
use crate::docx::layout::{self, HEADING_1, TITLE};
use crate::docx::table::{Cell, Grid};

/// The title block, each line left out when empty.
pub(crate) fn title_block(
    docx: Docx,
    card: &Scorecard,
    settings: &Settings,
    options: &PaperOptions,
) -> Docx {
    let block = paper::title_block(card, settings);
    let mut docx = docx.add_paragraph(layout::paragraph(TITLE, &block.title));
    let lines = [
        Some(block.scope),
        Some(block.subtitle),
        Some(block.author),
        paper::data_as_at(card),
        options
            .printed
            .map(|date| format!("Printed {}", format::date(date))),
        publishable_note(settings, options),
    ];
    for line in lines.into_iter().flatten().filter(|l| !l.is_empty()) {
        docx = docx.add_paragraph(layout::paragraph("Normal", &line));
    }
    docx
}

/// What the publishable print says it suppressed (the page's wording).
fn publishable_note(settings: &Settings, options: &PaperOptions) -> Option<String> {
    let n = settings.suppress_below.filter(|_| options.publishable)?;
    Some(format!(
        "Publishable version: counts from 1 to {} are shown as <{n}, and percentages of fewer than {n} as –.",
        n.saturating_sub(1)
    ))
}

/// "Summary, Dec-17" and a row per indicator: number and title, the
/// month's headline, rating word (in its colour) and trend words.
pub(crate) fn summary(docx: Docx, card: &Scorecard, shown: &Shown<'_>) -> Docx {
    let month = card.month.label();
    let header = vec![
        Cell::text("Indicator"),
        Cell::figure(month.clone(), None),
        Cell::text("Performance rating"),
        Cell::text("Trend"),
    ];
    let rows = card
        .indicators
        .iter()
        .map(|result| {
            let d = result.definition;
            vec![
                Cell::text(format!("{}. {}", d.number, d.title)),
                Cell::figure(shown.headline(result), None),
                Cell::text(result.rating.word())
                    .bold()
                    .coloured(layout::rating_colours(result.rating)),
                Cell::text(result.trend.words(result.polarity)),
            ]
        })
        .collect();
    let grid = Grid {
        widths: vec![5000, 1300, 1500, layout::TEXT_WIDTH.saturating_sub(7800)],
        sizes: layout::table_sizes(3),
        header,
        rows,
    };
    docx.add_paragraph(layout::heading(HEADING_1, &format!("Summary, {month}")))
        .add_table(grid.table())
}
