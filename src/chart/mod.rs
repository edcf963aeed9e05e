//! Charts of the scorecard (outputs.md, item 3): per indicator the 13-month
//! series with its target and national average, bars by area for the
//! reporting month, and a sparkline for the summary grid.
//!
//! Owns drawing only. The drawing functions are generic over the plotters
//! backend (as in plotters' `examples/relative_size.rs`); [`series_chart`],
//! [`area_chart`] and `sparkline` render them to SVG text with a text
//! alternative (`role="img"`, `aria-label` and `<title>`). Numbers become
//! text only through [`crate::domain::format`]. Charts read a
//! [`IndicatorResult`] and never recompute a figure; they use no web crate
//! and no font file (text is `sans-serif`, measured by plotters: roughly
//! when native, through the page's DOM on wasm, so on wasm they must be
//! drawn on the main thread, not in a worker). Drawing never panics: a
//! failure gives a plain SVG that carries only the text alternative.
//! Output is deterministic: the same result gives the same bytes.

mod area;
mod data;
mod frame;
mod legend;
mod series;
mod style;
mod svg;

#[cfg(test)]
mod tests;

pub(crate) use data::{AreaFigures, SeriesFigures};

use crate::domain::scorecard::IndicatorResult;

/// A good size for [`series_chart`] (170 mm wide in print).
pub(crate) const SERIES_SIZE: (u32, u32) = (680, 300);
/// A good size for [`area_chart`].
pub(crate) const AREA_SIZE: (u32, u32) = (680, 300);
/// A good size for `sparkline`.
pub(crate) const SPARKLINE_SIZE: (u32, u32) = (120, 32);

/// The 13-month series of an indicator's headline with the target and
/// national lines, as SVG text.
pub fn series_chart(result: &IndicatorResult, width: u32, height: u32) -> String {
    let figures = SeriesFigures::of(result);
    svg::render(
        svg::chart_size(width, height),
        &figures.describe(),
        |root| series::draw_figures(root, &figures),
    )
}

/// Bars by area for the reporting month's headline, with the LA value and
/// target as reference lines, as SVG text. Empty when the indicator has no
/// areas (there is nothing to draw).
pub fn area_chart(result: &IndicatorResult, width: u32, height: u32) -> String {
    if result.areas.is_empty() {
        return String::new();
    }
    let figures = AreaFigures::of(result);
    svg::render(
        svg::chart_size(width, height),
        &figures.describe(),
        |root| area::draw_figures(root, &figures),
    )
}

/// A tiny line of the headline over the 13 months for the summary grid
/// (no axes or text), e.g. 120×32, as SVG text.
pub(crate) fn sparkline(result: &IndicatorResult, width: u32, height: u32) -> String {
    let figures = SeriesFigures::of(result);
    svg::render(
        svg::sparkline_size(width, height),
        &figures.describe(),
        |root| series::draw_spark(root, &figures),
    )
}
