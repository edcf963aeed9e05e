//! Charts of the scorecard (outputs.md, item 3): per indicator the 13-month
//! series with its target and national average, bars by area for the
//! reporting month, and a sparkline for the summary grid. Full charts come
//! in two renderings: for the screen, and for print (smaller, so their
//! text prints at 8 pt or more).
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
mod labels;
mod legend;
mod series;
mod style;
mod svg;

#[cfg(test)]
mod tests;

pub(crate) use data::{AreaFigures, SeriesFigures};

use crate::domain::scorecard::IndicatorResult;
use frame::Medium;

/// A good size for [`series_chart`] on screen.
pub(crate) const SERIES_SIZE: (u32, u32) = (680, 300);
/// A good size for [`area_chart`] on screen.
pub(crate) const AREA_SIZE: (u32, u32) = (680, 300);
/// A good size for `sparkline`.
pub(crate) const SPARKLINE_SIZE: (u32, u32) = (180, 36);

/// The size of the print renderings ([`series_chart_for_print`],
/// [`area_chart_for_print`]), drawn at scale 1 so text keeps its pixel
/// size (12 px at the smallest). Print shows a chart at most 91.5 mm wide
/// and 52 mm tall (`style/print.css`: A4 portrait less 12 mm margins is
/// 186 mm, for two charts and a 3 mm gap): 91.5 mm over 360 px is 0.254 mm
/// a pixel, so 12 px prints at 3.05 mm, 8.6 pt, and 200 px is 50.8 mm
/// tall, within the 52 mm. The test `printed_text_is_at_least_8_pt` works
/// it out for every layout. (The screen's 680 px across 91.5 mm printed
/// 12 px at 4.6 pt.)
pub(crate) const PRINT_SIZE: (u32, u32) = (360, 200);

/// The 13-month series of an indicator's headline with the target and
/// national lines, as SVG text.
pub fn series_chart(result: &IndicatorResult, width: u32, height: u32) -> String {
    series_svg(result, svg::chart_size(width, height), Medium::Screen)
}

/// [`series_chart`] for print, at [`PRINT_SIZE`]: untitled (the
/// indicator's heading is above it), its text large enough to read on
/// paper.
pub(crate) fn series_chart_for_print(result: &IndicatorResult) -> String {
    series_svg(result, PRINT_SIZE, Medium::Print)
}

fn series_svg(result: &IndicatorResult, size: (u32, u32), medium: Medium) -> String {
    let figures = SeriesFigures::of(result);
    svg::render(
        size,
        |axis| figures.describe(axis),
        |root| series::draw_figures(root, &figures, medium),
    )
}

/// Bars by area for the reporting month's headline, with the LA value and
/// target as reference lines, as SVG text. Empty when the indicator has no
/// areas (there is nothing to draw).
pub fn area_chart(result: &IndicatorResult, width: u32, height: u32) -> String {
    area_svg(result, svg::chart_size(width, height), Medium::Screen)
}

/// [`area_chart`] for print, at [`PRINT_SIZE`] (as
/// [`series_chart_for_print`]).
pub(crate) fn area_chart_for_print(result: &IndicatorResult) -> String {
    area_svg(result, PRINT_SIZE, Medium::Print)
}

fn area_svg(result: &IndicatorResult, size: (u32, u32), medium: Medium) -> String {
    if result.areas.is_empty() {
        return String::new();
    }
    let figures = AreaFigures::of(result);
    svg::render(
        size,
        |_| figures.describe(),
        |root| area::draw_figures(root, &figures, medium),
    )
}

/// A tiny line of the headline over the 13 months for the summary grid
/// (no axes or text), e.g. `SPARKLINE_SIZE`, as SVG text.
pub(crate) fn sparkline(result: &IndicatorResult, width: u32, height: u32) -> String {
    let figures = SeriesFigures::of(result);
    svg::render(
        svg::sparkline_size(width, height),
        |_| figures.describe(None),
        |root| series::draw_spark(root, &figures),
    )
}

/// The low and high ends of the sparkline's value range, formatted as the
/// headline is (`88%`, `95%`), for the card to print beside it: exactly
/// the range `sparkline` draws (the same `spark_axis`). None when no month
/// has a value.
pub(crate) fn sparkline_scale(result: &IndicatorResult) -> Option<(String, String)> {
    let figures = SeriesFigures::of(result);
    let axis = series::spark_axis(&figures)?;
    let headline = &figures.headline;
    Some((headline.value(axis.bottom), headline.value(axis.top)))
}
