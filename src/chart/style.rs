//! The look shared by every chart: the Okabe–Ito palette, sizes that scale
//! with the drawing area, fonts by family name only, and the value axis
//! (nice ticks labelled through [`crate::domain::format`]).
//!
//! Owns no drawing: it turns a drawing area's size and a measure's display
//! style into numbers and styles. It must not format a value any other way
//! than `format` does, except for ticks between whole units.

use plotters::coord::Shift;
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

/// The smallest text any full chart draws (tick labels, area names,
/// reference-line labels), in CSS pixels at scale 1. The print rendering
/// is sized so that this prints at 8 pt or more (`mod.rs`, `PRINT_SIZE`).
pub(crate) const SMALLEST_TEXT_PX: f64 = 12.0;

/// Sizes for one drawing area, relative to a chart 680 px wide at scale 1.
/// On screen that chart shows at its pixel size; print draws its own
/// rendering at scale 1 on a smaller area (`mod.rs`, `PRINT_SIZE`), so the
/// same pixel sizes print large enough.
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

    /// Sizes as given, whatever the area (print: text a fixed share of the
    /// printed width).
    pub(crate) fn unit() -> Scale {
        Scale { factor: 1.0 }
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

/// The size of `text` as drawn in `font` (made by [`text_px`]).
///
/// In the browser plotters measures a `<span>` of the text at the font's
/// size, which `text_px` sets 1.24 times the size the SVG draws, fixed to
/// the window: so the measure is scaled back by 1.24, and the text is
/// measured in pieces ([`in_pieces`]) because a span wider than the
/// window wraps and comes back short (at 320 px a long legend entry
/// measured 259 px for 345). Natively plotters' rough estimate already
/// divides by 1.24 and never wraps.
pub(crate) fn text_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    font: &TextStyle,
) -> DrawResult<(u32, u32), DB> {
    if cfg!(target_arch = "wasm32") {
        let (width, height) = in_pieces(text, |piece| area.estimate_text_size(piece, font))?;
        let back = |v: u32| (f64::from(v) / 1.24).ceil() as u32;
        Ok((back(width), back(height)))
    } else {
        area.estimate_text_size(text, font)
    }
}

/// Characters measured at a time: at the largest chart text (16 px × 1.24)
/// sixteen characters are under 320 px, the narrowest window the page
/// supports, so a piece never wraps.
const PIECE: usize = 16;

/// `text`'s size from `measure` of pieces of it at most [`PIECE`]
/// characters long, spaces made non-breaking (the same width) so that none
/// is lost at a piece's end: the widths added, the tallest height.
pub(crate) fn in_pieces<E>(
    text: &str,
    mut measure: impl FnMut(&str) -> Result<(u32, u32), E>,
) -> Result<(u32, u32), E> {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == ' ' { '\u{a0}' } else { c })
        .collect();
    let (mut width, mut height) = (0_u32, 0_u32);
    for piece in chars.chunks(PIECE) {
        let piece: String = piece.iter().collect();
        let (w, h) = measure(&piece)?;
        width = width.saturating_add(w);
        height = height.max(h);
    }
    Ok((width, height))
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

    /// An axis fitted to `values` (a line chart's values and the reference
    /// lines it draws), so that a change from 90% to 92% is visible. The
    /// rule, in order:
    ///
    /// 1. The span is at least [`least_span`] (5 percentage points; for
    ///    counts and whole numbers a tenth of the largest value, and at
    ///    least 5), widened evenly about the middle, so noise does not look
    ///    like a trend.
    /// 2. A twentieth of the span is added above and below, so no point
    ///    sits on the frame.
    /// 3. The range stays within 0 (when no value is negative) and, for
    ///    percentages, 100 (when none is above 100), shifting rather than
    ///    shrinking.
    /// 4. It starts at 0 when 0 is no further below the range than the
    ///    range is tall: cutting the axis would save less than half the
    ///    height, and a reader expects a zero there.
    /// 5. The ends are rounded out to a 1-2-5 step giving at most
    ///    `max_ticks` steps (counts and whole numbers step by at least 1).
    ///
    /// Counts fit too: an analyst reads a count's line chart for its
    /// month-to-month change (950 to 988 children on plans), which a
    /// zero-based axis flattens; the chart marks the cut axis (a break on
    /// the axis and a note), and the least span of a tenth keeps a 2%
    /// wobble small. Bars never use this ([`Axis::for_values`]): a bar's
    /// length is its value.
    pub(crate) fn fitted(values: &[f64], style: Style, max_ticks: usize) -> Axis {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let Some((low, high)) = extremes(&finite) else {
            return Axis::for_values(&[], style, max_ticks);
        };
        let least = least_span(low, high, style);
        let (mut bottom, mut top) = if high - low < least {
            let middle = (high + low) / 2.0;
            (middle - least / 2.0, middle + least / 2.0)
        } else {
            (low, high)
        };
        let pad = (top - bottom) / 20.0;
        bottom -= pad;
        top += pad;
        let floor = if low >= 0.0 { 0.0 } else { f64::NEG_INFINITY };
        let ceiling = match style {
            Style::Percent { .. } if high <= 100.0 => 100.0,
            _ => f64::INFINITY,
        };
        if bottom < floor {
            top += floor - bottom;
            bottom = floor;
        }
        if top > ceiling {
            bottom = (bottom - (top - ceiling)).max(floor);
            top = ceiling;
        }
        if low >= 0.0 && bottom <= top - bottom {
            bottom = 0.0;
        }
        let min_step = match style {
            Style::Percent { .. } => 0.0,
            Style::Count | Style::Whole => 1.0,
        };
        let ticks = max_ticks.clamp(2, 12) as f64;
        let step = nice_step((top - bottom) / ticks).max(min_step);
        let bottom = (bottom / step + 1e-9).floor() * step;
        let top = (top / step - 1e-9).ceil() * step;
        let top = if top > bottom { top } else { bottom + step };
        Axis { bottom, top, step }
    }

    /// Whether the axis is cut: it starts above 0, so lengths from the
    /// bottom are not proportional to values and the chart must say so.
    pub(crate) fn is_cut(&self) -> bool {
        self.bottom > 0.0
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

/// The least and greatest of `values`, if any.
fn extremes(values: &[f64]) -> Option<(f64, f64)> {
    let first = *values.first()?;
    Some(
        values
            .iter()
            .fold((first, first), |(lo, hi), v| (lo.min(*v), hi.max(*v))),
    )
}

/// The least span of a fitted axis for values from `low` to `high`: 5
/// percentage points; a tenth of the largest size, and at least 5, for
/// counts and whole numbers (days, caseloads).
pub(crate) fn least_span(low: f64, high: f64, style: Style) -> f64 {
    match style {
        Style::Percent { .. } => 5.0,
        Style::Count | Style::Whole => (low.abs().max(high.abs()) / 10.0).max(5.0),
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

    /// `(bottom, top, step)` of a fitted axis.
    fn fitted(values: &[f64], style: Style, ticks: usize) -> (f64, f64, f64) {
        let axis = Axis::fitted(values, style, ticks);
        (axis.bottom, axis.top, axis.step)
    }

    const PERCENT: Style = Style::Percent { decimals: 0 };

    #[test]
    fn a_line_of_percentages_between_85_and_95_is_not_cut_to_0_100() {
        // 85–95 (target 90): span 10, padded by 0.5 to 84.5–95.5; zero is
        // further below than 11, so no zero; 11 / 4 ticks = 2.75 → step 5,
        // rounded out to 80–100.
        let values = [85.0, 88.0, 95.0, 91.0, 90.0];
        assert_eq!(fitted(&values, PERCENT, 4), (80.0, 100.0, 5.0));
        let axis = Axis::fitted(&values, PERCENT, 4);
        assert!(axis.is_cut());
        assert_eq!(axis.labels(), 5);
        // More room: 11 / 6 = 1.83 → step 2; 84.5 → 84, 95.5 → 96.
        assert_eq!(fitted(&values, PERCENT, 6), (84.0, 96.0, 2.0));
    }

    #[test]
    fn a_small_change_is_visible_but_not_blown_up() {
        // 90% → 92%: span 2 is widened to 5 about 91 (88.5–93.5), padded
        // 0.25 (88.25–93.75); 5.5 / 4 = 1.375 → step 2: 88–94.
        assert_eq!(fitted(&[90.0, 92.0], PERCENT, 4), (88.0, 94.0, 2.0));
        // A flat line still spans 5 points.
        let (bottom, top, _) = fitted(&[90.0, 90.0], PERCENT, 4);
        assert!(top - bottom >= 5.0);
    }

    #[test]
    fn percent_axes_stay_within_0_and_100() {
        // 97–100: 96–101 padded to 95.75–101.25, shifted under 100 to
        // 94.5–100; step 2: 94–100.
        assert_eq!(fitted(&[97.0, 99.5, 100.0], PERCENT, 4), (94.0, 100.0, 2.0));
        // 1–3%: −0.75–4.75 shifted above 0 to 0–5.5; step 2: 0–6.
        assert_eq!(fitted(&[1.0, 3.0], PERCENT, 4), (0.0, 6.0, 2.0));
        // Data beyond 100 (a rate shown as a percentage) are not cut.
        let (_, top, _) = fitted(&[95.0, 104.0], PERCENT, 4);
        assert!(top >= 104.0);
    }

    #[test]
    fn zero_is_kept_when_it_is_near() {
        // 4.1–15: padded 3.555–15.545; 3.555 is less than the span 11.99,
        // so the axis starts at 0; 15.545 / 5 = 3.1 → step 5: 0–20.
        let axis = Axis::fitted(&[4.1, 15.0], PERCENT, 5);
        assert_eq!((axis.bottom, axis.top, axis.step), (0.0, 20.0, 5.0));
        assert!(!axis.is_cut());
    }

    #[test]
    fn counts_fit_with_a_least_span_of_a_tenth() {
        // 948–988 children: least span 98.8 about 968 (918.6–1,017.4),
        // padded 4.94; 108.68 / 4 = 27.2 → step 50: 900–1,050.
        assert_eq!(
            fitted(&[950.0, 948.0, 988.0, 972.0], Style::Count, 4),
            (900.0, 1050.0, 50.0)
        );
        // All zero: 0–5.5 (least span 5, above 0) → step 2: 0–6.
        assert_eq!(fitted(&[0.0, 0.0], Style::Count, 4), (0.0, 6.0, 2.0));
        // Steps of whole units: 1–2 days with room for 12 ticks steps by
        // 1, never by halves.
        let (_, _, step) = fitted(&[1.0, 2.0], Style::Whole, 12);
        assert_eq!(step, 1.0);
        // Nothing to fit: the plain axis.
        assert_eq!(fitted(&[f64::NAN], Style::Count, 5), (0.0, 5.0, 1.0));
        // Below zero: not cut, 0 inside. −3.4–5.4, 8.8 / 4 = 2.2 → 5.
        let axis = Axis::fitted(&[-3.0, 5.0], Style::Count, 4);
        assert_eq!((axis.bottom, axis.top, axis.step), (-5.0, 10.0, 5.0));
        assert!(!axis.is_cut());
    }

    /// A browser's measure of a span fixed to a window `window` px wide:
    /// 7 px a character, a space 3, wrapping at spaces when too wide.
    fn span(window: u32) -> impl FnMut(&str) -> Result<(u32, u32), ()> {
        move |text: &str| {
            let width = |t: &str| -> u32 { t.chars().map(|c| if c == ' ' { 3 } else { 7 }).sum() };
            let whole = width(text);
            if whole <= window {
                return Ok((whole, 10));
            }
            // Wrapped: the widest line.
            let mut widest = 0;
            let mut line = 0;
            for word in text.split(' ') {
                let next = if line == 0 {
                    width(word)
                } else {
                    line + 3 + width(word)
                };
                if next > window && line > 0 {
                    widest = widest.max(line);
                    line = width(word);
                } else {
                    line = next;
                }
            }
            Ok((widest.max(line), 20))
        }
    }

    #[test]
    fn text_is_measured_in_pieces_that_do_not_wrap() {
        // 60 characters, 9 spaces: 51 × 7 + 9 × 3 = 384 px.
        let text = "National average: 43 per 10,000 children (a rate, not drawn)";
        assert_eq!(text.chars().count(), 60);
        // A 320 px window wraps the whole text and measures it short.
        assert!(span(320)(text).unwrap().0 < 384);
        // In pieces of 16 characters (at most 112 px) it is whole; the
        // non-breaking spaces are as wide as spaces.
        let nbsp = |t: &str| -> Result<(u32, u32), ()> {
            let t = t.replace('\u{a0}', " ");
            span(320)(&t)
        };
        assert_eq!(in_pieces(text, nbsp), Ok((384, 10)));
        assert_eq!(in_pieces("", nbsp), Ok((0, 0)));
        assert_eq!(in_pieces("Dec-17", nbsp), Ok((42, 10)));
    }

    #[test]
    fn ticks_read_like_the_table() {
        assert_eq!(tick_label(20.0, Style::Percent { decimals: 1 }), "20%");
        assert_eq!(tick_label(2.5, Style::Percent { decimals: 0 }), "2.5%");
        assert_eq!(tick_label(1500.0, Style::Count), "1,500");
        assert_eq!(tick_label(0.5, Style::Whole), "0.5");
    }
}
