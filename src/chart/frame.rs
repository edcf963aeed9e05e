//! The parts every full chart shares: a white page, a bold title with a
//! smaller subtitle, the legend row, and the "no data" message in place of
//! an empty axis.
//!
//! Owns the vertical layout above the plot, generic over the backend. It
//! must not know what is plotted.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::legend::{self, Entry};
use super::style::{self, Scale};

/// Title text: 16 px bold; subtitle 13 px.
const TITLE_PX: f64 = 16.0;
const SUBTITLE_PX: f64 = 13.0;
/// The smallest title before it would be too small to read in print.
const MIN_TITLE_PX: f64 = 11.0;

/// The blank space round a chart.
pub fn padding(scale: Scale) -> i32 {
    scale.ipx(10.0)
}

/// Fills `root`, draws the title, subtitle and legend, and returns the area
/// left for the plot.
pub fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scale: Scale,
    title: &str,
    subtitle: &str,
    entries: &[Entry],
) -> DrawResult<DrawingArea<DB, Shift>, DB> {
    root.fill(&style::PAPER)?;
    let (width, _) = root.dim_in_pixel();
    let width = i32::try_from(width).unwrap_or(i32::MAX / 4);
    let pad = padding(scale);
    let room = (width - 2 * pad).max(1);

    // A long title is set smaller rather than cut or run off the edge.
    let mut title_px = scale.px(TITLE_PX);
    let measured = root
        .estimate_text_size(title, &style::text_px(title_px, true, style::INK))?
        .0;
    let measured = f64::from(measured);
    if measured > f64::from(room) {
        title_px = (title_px * f64::from(room) / measured).max(MIN_TITLE_PX);
    }
    let title_style = style::anchored(
        style::text_px(title_px, true, style::INK),
        HPos::Left,
        VPos::Top,
    );
    root.draw_text(title, &title_style, (pad, pad))?;
    let mut y = pad + style::round_i32(title_px * 1.35);

    if !subtitle.is_empty() {
        let subtitle_style =
            style::anchored(scale.text(SUBTITLE_PX, style::MUTED), HPos::Left, VPos::Top);
        root.draw_text(subtitle, &subtitle_style, (pad, y))?;
        y += scale.ipx(SUBTITLE_PX * 1.45);
    }

    if !entries.is_empty() {
        y += scale.ipx(2.0);
        let layout = legend::layout(root, scale, entries, room)?;
        legend::draw(root, scale, entries, &layout, (pad, y))?;
        y += layout.height;
    }
    y += scale.ipx(4.0);
    let (_, plot) = root.split_vertically(y.max(0));
    Ok(plot)
}

/// Says `message` in the middle of `area` (in place of an empty axis).
pub fn message<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    message: &str,
) -> DrawResult<(), DB> {
    let (width, height) = area.dim_in_pixel();
    let pad = padding(scale);
    let (width, height) = (
        i32::try_from(width).unwrap_or(0),
        i32::try_from(height).unwrap_or(0),
    );
    // A light box where the plot would be, so the message reads as the chart.
    if width > 2 * pad && height > 2 * pad {
        area.draw(&Rectangle::new(
            [(pad, 0), (width - pad, height - pad)],
            style::GRID.stroke_width(1),
        ))?;
    }
    let text = style::anchored(scale.text(14.0, style::MUTED), HPos::Center, VPos::Center);
    area.draw_text(message, &text, (width / 2, (height - pad) / 2))
}
