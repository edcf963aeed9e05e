//! "About these figures" at the end of the paper, as the page has it
//! (engine `about`): the conventions, the restatements, then a paragraph
//! per indicator.
//!
//! Owns: its layout. Must not: word it.

use csc_engine::about::About;
use docx_rs::{Docx, Paragraph};

use crate::docx::layout::{self, HEADING_1, HEADING_2};

pub(crate) fn about(docx: Docx, about: &About) -> Docx {
    let mut docx = docx.add_paragraph(layout::heading(HEADING_1, "About these figures"));
    for convention in &about.conventions {
        docx = docx.add_paragraph(layout::paragraph("Normal", convention));
    }
    if !about.restatements.is_empty() {
        docx = docx.add_paragraph(layout::heading(HEADING_2, "Restated since signed off"));
        for restated in &about.restatements {
            docx = docx.add_paragraph(layout::paragraph("Normal", restated));
        }
    }
    docx = docx.add_paragraph(layout::heading(HEADING_2, "The indicators"));
    for indicator in &about.indicators {
        // The number and title in bold, then what it counts.
        docx = docx.add_paragraph(
            Paragraph::new()
                .style("Normal")
                .add_run(
                    layout::run(&format!("{}. {}. ", indicator.number, indicator.title)).bold(),
                )
                .add_run(layout::run(&indicator.text)),
        );
    }
    docx
}
