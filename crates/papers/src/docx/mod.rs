//! The Word document (outputs.md, "Papers for a committee", 2): for the
//! committee's report template, so everything in it is ordinary, editable
//! Word: named styles, real tables, inline pictures.
//!
//! In order: the title block and the summary table (`title`), every
//! indicator with its figures table, notes, charts and commentary
//! (`indicator`), and "About these figures" (`about`); the protective
//! marking in the header and footer of every page with "Page n of m"
//! (`package`). A4 portrait (`layout`).
//!
//! Owns: putting those parts together. Must not: compute or word a figure
//! (the engine does), or do I/O.

mod about;
mod charts;
mod figures;
mod indicator;
mod layout;
mod package;
mod table;
mod title;

use csc_engine::scorecard::Scorecard;
use csc_engine::settings::Settings;
use docx_rs::Docx;

use crate::PaperOptions;
use charts::Charts;
use figures::Shown;

/// The document's bytes.
pub fn document(
    card: &Scorecard,
    settings: &Settings,
    options: &PaperOptions,
) -> Result<Vec<u8>, String> {
    let mut docx = layout::page_and_styles(Docx::new());
    if let Some(printed) = options.printed {
        let stamp = format!("{printed}T00:00:00Z");
        docx = docx.created_at(&stamp).updated_at(&stamp);
    }
    docx = package::header(docx, &card.protective_marking);
    docx = package::footer(docx, &card.protective_marking);
    docx = title::title_block(docx, card, settings, options);
    let shown = Shown::new(card, settings, options.publishable);
    docx = title::summary(docx, card, &shown);
    let mut charts = Charts::default();
    for result in &card.indicators {
        docx = indicator::indicator(docx, result, &shown, settings, options, &mut charts);
    }
    docx = about::about(docx, &csc_engine::about::about(card, settings));
    let author = match settings.report_author.trim() {
        "" => card.la_name.trim(),
        author => author,
    };
    package::bytes(docx, charts.alts(), author)
}
