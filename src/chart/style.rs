//! The look shared by every chart: the Okabe–Ito palette, sizes that scale
//! with the drawing area, fonts by family name only, and the value axis
//! (nice ticks labelled through [`crate::domain::format`]).
//!
//! Owns no drawing: it turns a drawing area's size and a measure's display
//! style into numbers and styles. It must not format a value any other way
//! than `format` does, except for ticks between whole units.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::domain::format::{self, Style};

/// Okabe–Ito colours (safe for the common colour-vision deficiencies).
pub(crate) const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub(crate) const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
pub(crate) const INK: RGBColor = RGBColor(0x00, 0x00, 0x00);
/// Grey for secondary text (7:1 on white).
pub(crate) const MUTED: RGBColor = RGBColor(0x59, 0x59, 0x59);
/// Light grey for gridlines.
pub(crate) const GRID: RGBColor = RGBColor(0xD9, 0xD9, 0xD9);
pub(crate) const PAPER: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// The headline series and the bars.
pub(crate) const SERIES: RGBColor = BLUE;
/// Target: vermillion, dashed.
pub(crate) const TARGET: RGBColor = VERMILLION;
/// National average: black, dotted.
pub(crate) const NATIONAL: RGBColor = INK;
/// The whole-LA reference line on the area chart: black, solid.
pub(crate) const WHOLE_LA: RGBColor = INK;

/// The font family: a generic name, so no font file is ever needed.
const FAMILY: &str = "sans-serif";

/// Sizes for one drawing area: a chart 680 px wide (170 mm at print,
/// 0.25 mm a pixel) has 13 px body text, about 9 pt on paper.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scale {
    factor: f64,
}

impl Scale {
    /// The scale of an area `width × height`.
    pub(crate) fn of((width, height): (u32, u32)) -> Scale {
        let by_width = f64::from(width) / 680.0;
        let by_height = f64::from(height) / 260.0;
        Scale {
            factor: by_width.min(by_height).clamp(0.75, 2.0),
        }
    }

    /// `base` pixels at this scale.
    pub(crate) fn px(self, base: f64) -> f64 {
        base * self.factor
    }

    /// `base` pixels at this scale, whole.
    pub(crate) fn ipx(self, base: f64) -> i32 {
        round_i32(self.px(base))
    }

    /// A stroke width: whole pixels, at least one.
    pub(crate) fn stroke(self, base: f64) -> u32 {
        u32::try_from(self.ipx(base).max(1)).unwrap_or(1)
    }

    /// Body text `size` CSS pixels (at scale 1) in `colour`.
    pub(crate) fn text(self, size: f64, colour: RGBColor) -> TextStyle<'static> {
        text_px(self.px(size), false, colour)
    }

    /// Bold text.
    pub(crate) fn bold(self, size: f64, colour: RGBColor) -> TextStyle<'static> {
        text_px(self.px(size), true, colour)
    }
}

/// Text of `px` CSS pixels. plotters writes `font-size` as its size ÷ 1.24,
/// so the size is scaled up by that much to get `px` in the SVG.
pub(crate) fn text_px(px: f64, bold: bool, colour: RGBColor) -> TextStyle<'static> {
    let font = (FAMILY, px * 1.24).into_font();
    let font = if bold {
        font.style(FontStyle::Bold)
    } else {
        font
    };
    font.color(&colour)
}

/// `style` anchored at `h`, `v`.
pub(crate) fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

/// Rounds to `i32`, saturating (and 0 for NaN).
pub(crate) fn round_i32(value: f64) -> i32 {
    // `as` saturates and maps NaN to 0: exactly what a pixel needs.
    value.round() as i32
}

/// A value axis from `bottom` to `top` in steps of `step`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Axis {
    pub(crate) bottom: f64,
    pub(crate) top: f64,
    pub(crate) step: f64,
}

impl Axis {
    /// An axis that starts at zero (or below, for negative values), covers
    /// every value in `values` and has at most `max_ticks` steps of a
    /// 1-2-5 size. Percentages run 0–100. Counts and whole numbers step by
    /// at least 1 and run to at least 5, so a flat zero line has a scale.
    pub(crate) fn for_values(values: &[f64], style: Style, max_ticks: usize) -> Axis {
        let finite = values.iter().copied().filter(|v| v.is_finite());
        let (low, high) = finite.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let (low, high, min_step) = match style {
            Style::Percent { .. } => (low, high.max(100.0), 0.0),
            // Headroom, so a line at the largest value is not the frame.
            Style::Count | Style::Whole => (low, (high * 1.08).max(5.0), 1.0),
        };
        let ticks = max_ticks.clamp(2, 12) as f64;
        let step = nice_step((high - low) / ticks).max(min_step);
        let bottom = (low / step).floor() * step;
        let top = (high / step).ceil() * step;
        let top = if top > bottom { top } else { bottom + step };
        Axis { bottom, top, step }
    }

    /// The number of labels: one per step, both ends included.
    pub(crate) fn labels(&self) -> usize {
        let steps = ((self.top - self.bottom) / self.step).round();
        if steps.is_finite() && steps >= 0.0 {
            steps as usize + 1
        } else {
            2
        }
    }
}

/// The smallest 1, 2 or 5 × 10ⁿ at least `raw` (1 for nonsense input).
pub(crate) fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let magnitude = 10_f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

/// A value-axis tick label in the measure's style (`20%`, `1,500`, `600`);
/// ticks between whole units (a small axis) keep one decimal.
pub(crate) fn tick_label(value: f64, style: Style) -> String {
    let whole = (value - value.round()).abs() < 1e-9;
    match style {
        Style::Percent { .. } => format::value(
            Some(value),
            Style::Percent {
                decimals: usize::from(!whole),
            },
        ),
        Style::Count | Style::Whole if whole => format::thousands(value),
        Style::Count | Style::Whole => format!("{value:.1}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_two_five() {
        assert_eq!(nice_step(0.3), 0.5);
        assert_eq!(nice_step(17.0), 20.0);
        assert_eq!(nice_step(20.0), 20.0);
        assert_eq!(nice_step(120.0), 200.0);
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(nice_step(f64::NAN), 1.0);
    }

    #[test]
    fn percent_axis_runs_0_to_100() {
        let axis = Axis::for_values(&[4.1, 15.0], Style::Percent { decimals: 0 }, 5);
        assert_eq!(
            axis,
            Axis {
                bottom: 0.0,
                top: 100.0,
                step: 20.0
            }
        );
        assert_eq!(axis.labels(), 6);
    }

    #[test]
    fn count_axis_is_whole_and_covers_the_target() {
        // Days 177–488 with a target of 600: 0–800 in two hundreds, room
        // above the target line.
        let axis = Axis::for_values(&[177.3, 488.0, 600.0], Style::Whole, 5);
        assert_eq!((axis.bottom, axis.top, axis.step), (0.0, 800.0, 200.0));
        // All zero: 0–5 in ones, never 0–0.
        let axis = Axis::for_values(&[0.0, 0.0], Style::Count, 5);
        assert_eq!((axis.bottom, axis.top, axis.step), (0.0, 5.0, 1.0));
        // Nonsense is ignored.
        let axis = Axis::for_values(&[f64::NAN, f64::INFINITY], Style::Count, 5);
        assert_eq!((axis.bottom, axis.top, axis.step), (0.0, 5.0, 1.0));
    }

    #[test]
    fn ticks_read_like_the_table() {
        assert_eq!(tick_label(20.0, Style::Percent { decimals: 1 }), "20%");
        assert_eq!(tick_label(2.5, Style::Percent { decimals: 0 }), "2.5%");
        assert_eq!(tick_label(1500.0, Style::Count), "1,500");
        assert_eq!(tick_label(0.5, Style::Whole), "0.5");
    }
}
