//! The legend row under a chart's title: a sample of each line's stroke
//! (solid with markers, dashed, dotted) or of a bar, followed by words, so
//! no line is told apart by colour alone. Entries flow left to right and
//! wrap to further rows.
//!
//! Owns only the legend's layout and drawing, generic over the backend.
//! The words come from the caller.

use plotters::coord::Shift;
use plotters::element::{DashedPathElement, DottedPathElement};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::{self, Scale};

/// How an entry's sample is drawn; each matches a stroke in the plot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Swatch {
    /// The headline series: a solid line with round markers.
    Series(RGBColor),
    /// A target: dashed.
    Dashed(RGBColor),
    /// A national average: dotted.
    Dotted(RGBColor),
    /// A plain solid reference line.
    Solid(RGBColor),
    /// A bar.
    Bar(RGBColor),
    /// The break mark of a value axis that does not start at 0.
    AxisBreak,
    /// Words only (a figure that is not drawn).
    Note,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    pub(crate) swatch: Swatch,
    pub(crate) text: String,
}

impl Entry {
    pub(crate) fn new(swatch: Swatch, text: impl Into<String>) -> Entry {
        Entry {
            swatch,
            text: text.into(),
        }
    }
}

/// Where each entry goes, relative to the legend's top left.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Layout {
    pub(crate) places: Vec<(i32, i32)>,
    pub(crate) height: i32,
}

/// Legend text: 13 px.
const TEXT_PX: f64 = 13.0;

fn row_height(scale: Scale) -> i32 {
    scale.ipx(TEXT_PX * 1.7)
}

fn swatch_width(scale: Scale, swatch: Swatch) -> i32 {
    match swatch {
        Swatch::Note => 0,
        Swatch::Bar(_) | Swatch::AxisBreak => scale.ipx(14.0),
        _ => scale.ipx(32.0),
    }
}

/// Lays `entries` out in rows no wider than `width`.
pub(crate) fn layout<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    entries: &[Entry],
    width: i32,
) -> DrawResult<Layout, DB> {
    let font = scale.text(TEXT_PX, style::INK);
    let gap = scale.ipx(6.0);
    let spacing = scale.ipx(20.0);
    let row = row_height(scale);
    let mut places = Vec::with_capacity(entries.len());
    let (mut x, mut y) = (0, 0);
    for entry in entries {
        let (text_width, _) = style::text_size(area, &entry.text, &font)?;
        let text_width = i32::try_from(text_width).unwrap_or(i32::MAX / 4);
        let swatch = swatch_width(scale, entry.swatch);
        let entry_width = swatch + if swatch > 0 { gap } else { 0 } + text_width;
        if x > 0 && x + entry_width > width {
            x = 0;
            y += row;
        }
        places.push((x, y));
        x += entry_width + spacing;
    }
    let height = if entries.is_empty() { 0 } else { y + row };
    Ok(Layout { places, height })
}

/// Draws `entries` at `layout`, offset by `origin`.
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    entries: &[Entry],
    layout: &Layout,
    origin: (i32, i32),
) -> DrawResult<(), DB> {
    let font = style::anchored(scale.text(TEXT_PX, style::INK), HPos::Left, VPos::Center);
    let gap = scale.ipx(6.0);
    let row = row_height(scale);
    for (entry, (x, y)) in entries.iter().zip(&layout.places) {
        let left = origin.0 + x;
        let middle = origin.1 + y + row / 2;
        let width = swatch_width(scale, entry.swatch);
        draw_swatch(area, scale, entry.swatch, (left, middle), width)?;
        let text_left = left + if width > 0 { width + gap } else { 0 };
        area.draw_text(&entry.text, &font, (text_left, middle))?;
    }
    Ok(())
}

fn draw_swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    swatch: Swatch,
    (left, middle): (i32, i32),
    width: i32,
) -> DrawResult<(), DB> {
    let ends = [(left, middle), (left + width, middle)];
    match swatch {
        Swatch::Series(colour) => {
            area.draw(&PathElement::new(
                ends.to_vec(),
                colour.stroke_width(scale.stroke(2.5)),
            ))?;
            area.draw(&Circle::new(
                (left + width / 2, middle),
                marker_radius(scale),
                colour.filled(),
            ))?;
        }
        Swatch::Dashed(colour) => area.draw(&dashed(ends, scale, colour))?,
        Swatch::Dotted(colour) => area.draw(&dotted(ends, scale, colour))?,
        Swatch::Solid(colour) => area.draw(&PathElement::new(
            ends.to_vec(),
            colour.stroke_width(scale.stroke(2.0)),
        ))?,
        Swatch::Bar(colour) => {
            let half = scale.ipx(6.0);
            area.draw(&Rectangle::new(
                [(left, middle - half), (left + width, middle + half)],
                colour.filled(),
            ))?;
        }
        Swatch::AxisBreak => {
            let centre = left + width / 2;
            let half = scale.ipx(8.0);
            area.draw(&PathElement::new(
                vec![(centre, middle - half), (centre, middle + half)],
                style::MUTED.stroke_width(1),
            ))?;
            draw_break(area, scale, (centre, middle))?;
        }
        Swatch::Note => {}
    }
    Ok(())
}

/// The axis-break mark centred on `(x, y)` of a vertical axis line: the
/// line is blanked for a few pixels and two parallel slanted strokes
/// cross where it was.
pub(crate) fn draw_break<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    (x, y): (i32, i32),
) -> DrawResult<(), DB> {
    let half_width = scale.ipx(5.0).max(3);
    let half_gap = scale.ipx(2.0).max(1);
    let rise = scale.ipx(2.5).max(1);
    area.draw(&Rectangle::new(
        [(x - 2, y - half_gap), (x + 2, y + half_gap)],
        style::PAPER.filled(),
    ))?;
    for offset in [-half_gap, half_gap] {
        area.draw(&PathElement::new(
            vec![
                (x - half_width, y + offset + rise),
                (x + half_width, y + offset - rise),
            ],
            style::MUTED.stroke_width(scale.stroke(1.5)),
        ))?;
    }
    Ok(())
}

/// The radius of a series' point markers.
pub(crate) fn marker_radius(scale: Scale) -> i32 {
    scale.ipx(3.5).max(2)
}

/// A dashed stroke (targets), in any coordinates.
pub(crate) fn dashed<C: Clone, const N: usize>(
    points: [C; N],
    scale: Scale,
    colour: RGBColor,
) -> DashedPathElement<std::array::IntoIter<C, N>, i32> {
    DashedPathElement::new(
        points,
        scale.ipx(9.0).max(3),
        scale.ipx(5.0).max(2),
        colour.stroke_width(scale.stroke(2.0)),
    )
}

/// A dotted stroke (national averages): round dots, in any coordinates.
pub(crate) fn dotted<C: Clone, const N: usize>(
    points: [C; N],
    scale: Scale,
    colour: RGBColor,
) -> DottedPathElement<std::array::IntoIter<C, N>, i32, Circle<(i32, i32), i32>> {
    let radius = scale.ipx(1.6).max(1);
    DottedPathElement::new(points, 0, scale.ipx(6.0).max(3), move |at| {
        Circle::new(at, radius, colour.filled())
    })
}
