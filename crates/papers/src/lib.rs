//! Papers for a committee (outputs.md, "Papers for a committee"): the
//! scorecard as an Excel workbook (`xlsx`) and a Word document (`docx`),
//! each written to bytes in memory, so the page's worker and the CLI make
//! the same file.
//!
//! Owns: the layout of each paper. Must not: compute or word a figure
//! (the engine's `Scorecard`, `format`, `paper` and `about` do), or do I/O.
//! The page's own module never links this crate (its first download stays
//! under 600 KB gzip); its worker does.

use std::collections::BTreeMap;

use jiff::civil::Date;

pub mod docx;
pub mod xlsx;

/// What a paper is made with beside the scorecard and its settings.
#[derive(Clone, Debug, Default)]
pub struct PaperOptions {
    /// Small-number suppression as the publishable print applies it
    /// (settings `suppress_below`).
    pub publishable: bool,
    /// The day it is made, printed on it.
    pub printed: Option<Date>,
    /// Each indicator's commentary by its id (what the page shows, or the
    /// history's for that month on the command line).
    pub commentary: BTreeMap<String, String>,
    /// Charts the page drew, as PNG, by indicator id (Word only; none on
    /// the command line).
    pub charts: BTreeMap<String, Vec<ChartImage>>,
}

/// A chart as the page rasterised it from its own SVG.
#[derive(Clone, Debug)]
pub struct ChartImage {
    pub png: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
    /// Its text alternative, as on the page.
    pub alt: String,
}

/// The file name a paper is saved under: `scorecard-2017-12.xlsx`.
pub fn file_name(month: csc_engine::month::Month, extension: &str) -> String {
    format!("scorecard-{month}.{extension}")
}
