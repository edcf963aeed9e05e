//! Labels at the right-hand ends of reference lines ("Target 85%",
//! "National 83%"), so a line is named where it is, not only in the
//! legend; when two lines are close the labels are nudged apart just
//! enough that both can be read.
//!
//! Owns the labels' words, their placement and drawing, generic over the
//! backend. It must not decide which lines a chart draws.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::{self, Axis, Scale};

/// Reference-line labels: the smallest chart text.
const TEXT_PX: f64 = style::SMALLEST_TEXT_PX;
/// A label's height as laid out (its line height): labels' centres are
/// kept at least this far apart.
pub(crate) const LINE_PX: f64 = TEXT_PX * 1.25;

/// One reference line's label: its words and the value it sits at.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct EndLabel {
    pub(crate) text: String,
    pub(crate) value: f64,
}

impl EndLabel {
    pub(crate) fn new(text: impl Into<String>, value: f64) -> EndLabel {
        EndLabel {
            text: text.into(),
            value,
        }
    }
}

fn font(scale: Scale) -> TextStyle<'static> {
    scale.text(TEXT_PX, style::INK)
}

/// The gap between a line's end and its label.
fn gap(scale: Scale) -> i32 {
    scale.ipx(5.0)
}

/// The room the labels need right of the plot (0 for none).
pub(crate) fn room<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    labels: &[EndLabel],
) -> DrawResult<i32, DB> {
    let mut widest = 0;
    for label in labels {
        widest = widest.max(style::text_size(area, &label.text, &font(scale))?.0);
    }
    if widest == 0 {
        return Ok(0);
    }
    let widest = i32::try_from(widest).unwrap_or(i32::MAX / 4);
    Ok(gap(scale) + widest + scale.ipx(6.0))
}

/// Draws `labels` on `area` (the whole chart) left-aligned at `x`, the
/// right end of the lines; `place` gives each value's pixel row, and the
/// labels' centres stay within `rows` (the plot's top and bottom).
/// Returns the rows the labels were drawn at, in the order given.
fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    labels: &[EndLabel],
    x: i32,
    place: impl Fn(f64) -> i32,
    rows: (i32, i32),
) -> DrawResult<Vec<i32>, DB> {
    let wanted: Vec<f64> = labels.iter().map(|l| f64::from(place(l.value))).collect();
    let bounds = (f64::from(rows.0), f64::from(rows.1));
    let placed: Vec<i32> = spread(&wanted, scale.px(LINE_PX), bounds)
        .into_iter()
        .map(style::round_i32)
        .collect();
    let ink = style::anchored(font(scale), HPos::Left, VPos::Center);
    for (label, y) in labels.iter().zip(&placed) {
        area.draw_text(&label.text, &ink, (x + gap(scale), *y))?;
    }
    Ok(placed)
}

/// Draws `labels` beside the right-hand end (`x_end`) of `chart`'s plot,
/// each at its value's row, kept between the axis's bottom and top: what
/// every chart with reference lines does once its plot is drawn.
pub(crate) fn draw_at_plot_end<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scale: Scale,
    labels: &[EndLabel],
    chart: &ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    x_end: f64,
    axis: &Axis,
) -> DrawResult<Vec<i32>, DB> {
    let (_, bottom) = chart.backend_coord(&(x_end, axis.bottom));
    let (right_end, top) = chart.backend_coord(&(x_end, axis.top));
    draw(
        root,
        scale,
        labels,
        right_end,
        |value| chart.backend_coord(&(x_end, value)).1,
        (top, bottom),
    )
}

/// Moves the centres `wanted` (pixel rows, any order) apart so that any
/// two are at least `gap` apart, keeping their order and moving them as
/// little as possible: labels too close form a group centred on the mean
/// of where they want to be (two labels each move half the shortfall).
/// Then the groups are kept within `bounds` (`low` ≤ row ≤ `high`), the
/// top bound giving way if there is not room for all. Returned in the
/// order given.
pub(crate) fn spread(wanted: &[f64], gap: f64, (low, high): (f64, f64)) -> Vec<f64> {
    let mut sorted: Vec<(usize, f64)> = wanted.iter().copied().enumerate().collect();
    sorted.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));

    // Groups of consecutive labels as (count, sum of wanted rows).
    struct Group {
        count: usize,
        sum: f64,
    }
    impl Group {
        fn first(&self, gap: f64) -> f64 {
            self.sum / self.count as f64 - (self.count as f64 - 1.0) * gap / 2.0
        }
        fn last(&self, gap: f64) -> f64 {
            self.first(gap) + (self.count as f64 - 1.0) * gap
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    for (_, row) in &sorted {
        let mut group = Group {
            count: 1,
            sum: *row,
        };
        while let Some(previous) = groups.pop() {
            if previous.last(gap) + gap > group.first(gap) {
                group = Group {
                    count: previous.count + group.count,
                    sum: previous.sum + group.sum,
                };
            } else {
                groups.push(previous);
                break;
            }
        }
        groups.push(group);
    }
    let mut rows: Vec<f64> = groups
        .iter()
        .flat_map(|g| (0..g.count).map(move |i| g.first(gap) + i as f64 * gap))
        .collect();

    // Within bounds: down from the top, then up from the bottom.
    let mut floor = low;
    for row in rows.iter_mut() {
        *row = row.max(floor);
        floor = *row + gap;
    }
    let mut ceiling = high;
    for row in rows.iter_mut().rev() {
        *row = row.min(ceiling);
        ceiling = *row - gap;
    }

    let mut placed = vec![0.0; wanted.len()];
    for ((index, _), row) in sorted.iter().zip(rows) {
        if let Some(slot) = placed.get_mut(*index) {
            *slot = row;
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDS: (f64, f64) = (0.0, 200.0);

    #[test]
    fn far_apart_labels_stay_at_their_lines() {
        assert_eq!(spread(&[50.0, 120.0], 15.0, BOUNDS), vec![50.0, 120.0]);
        assert_eq!(spread(&[], 15.0, BOUNDS), Vec::<f64>::new());
        assert_eq!(spread(&[80.0], 15.0, BOUNDS), vec![80.0]);
    }

    #[test]
    fn close_labels_move_apart_by_half_the_shortfall_each() {
        // Rows 100 and 106 need 15 apart: 9 short, each moves 4.5.
        assert_eq!(spread(&[106.0, 100.0], 15.0, BOUNDS), vec![110.5, 95.5]);
        // On the same row: the first given stays first (above).
        assert_eq!(spread(&[60.0, 60.0], 10.0, BOUNDS), vec![55.0, 65.0]);
    }

    #[test]
    fn a_third_label_joins_the_group_it_touches() {
        // 100 and 104 become 94.5 and 109.5, which 112 then touches: all
        // three centre on their mean 105.33, 15 apart.
        let rows = spread(&[100.0, 104.0, 112.0], 15.0, BOUNDS);
        let expected = [90.333, 105.333, 120.333];
        for (got, want) in rows.iter().zip(expected) {
            assert!((got - want).abs() < 1e-3, "{rows:?}");
        }
    }

    #[test]
    fn labels_stay_within_the_plot() {
        // Both at the bottom edge: pushed up together.
        assert_eq!(spread(&[200.0, 198.0], 15.0, BOUNDS), vec![200.0, 185.0]);
        // At the top edge: pushed down.
        assert_eq!(spread(&[0.0, 3.0], 15.0, BOUNDS), vec![0.0, 15.0]);
    }
}
