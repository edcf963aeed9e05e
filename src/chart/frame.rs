//! The parts every full chart shares: a white page, a bold title with a
//! smaller subtitle (in print, the subtitle alone), the legend row, the
//! plot's axes with the break mark of an axis that does not start at 0,
//! and the "no data" message in place of an empty axis.
//!
//! Owns the vertical layout above the plot, generic over the backend. It
//! must not know what is plotted.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::legend::{self, Entry};
use super::style::{self, Axis, Scale};

/// Title text: 16 px bold; subtitle 13 px.
const TITLE_PX: f64 = 16.0;
const SUBTITLE_PX: f64 = 13.0;
/// The smallest title before it would be too small to read in print.
const MIN_TITLE_PX: f64 = 11.0;

/// The blank space round a chart.
pub(crate) fn padding(scale: Scale) -> i32 {
    scale.ipx(10.0)
}

/// Where a full chart is shown, which decides its scale and header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Medium {
    /// On screen (and in Word) at its pixel size, titled.
    Screen,
    /// In print, under the indicator's heading: drawn at scale 1 on the
    /// small `PRINT_SIZE` so its text prints at 8 pt or more; no title
    /// (the heading above says it), the subtitle heads it, and the legend
    /// leaves out what the reference lines' own labels say.
    Print,
}

impl Medium {
    pub(crate) fn scale(self, size: (u32, u32)) -> Scale {
        match self {
            Medium::Screen => Scale::of(size),
            Medium::Print => Scale::unit(),
        }
    }
}

/// What heads a chart: its title (none in print) and subtitle.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Heading<'a> {
    pub(crate) title: Option<&'a str>,
    pub(crate) subtitle: &'a str,
}

/// The header's parts and where the plot starts.
struct Header {
    title_px: f64,
    subtitle_at: i32,
    legend: Option<(legend::Layout, i32)>,
    plot_top: i32,
}

fn header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scale: Scale,
    heading: Heading,
    entries: &[Entry],
) -> DrawResult<Header, DB> {
    let (width, _) = root.dim_in_pixel();
    let width = i32::try_from(width).unwrap_or(i32::MAX / 4);
    let pad = padding(scale);
    let room = (width - 2 * pad).max(1);

    let mut y = pad;
    let mut title_px = scale.px(TITLE_PX);
    if let Some(title) = heading.title {
        // A long title is set smaller rather than cut or run off the edge.
        let measured =
            style::text_size(root, title, &style::text_px(title_px, true, style::INK))?.0;
        let measured = f64::from(measured);
        if measured > f64::from(room) {
            title_px = (title_px * f64::from(room) / measured).max(MIN_TITLE_PX);
        }
        y += style::round_i32(title_px * 1.35);
    }
    let subtitle_at = y;
    if !heading.subtitle.is_empty() {
        y += scale.ipx(SUBTITLE_PX * 1.45);
    }
    let mut legend = None;
    if !entries.is_empty() {
        y += scale.ipx(2.0);
        let layout = legend::layout(root, scale, entries, room)?;
        let at = y;
        y += layout.height;
        legend = Some((layout, at));
    }
    y += scale.ipx(4.0);
    Ok(Header {
        title_px,
        subtitle_at,
        legend,
        plot_top: y.max(0),
    })
}

/// The height `frame` would leave for the plot, without drawing.
pub(crate) fn plot_height<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scale: Scale,
    heading: Heading,
    entries: &[Entry],
) -> DrawResult<i32, DB> {
    let top = header(root, scale, heading, entries)?.plot_top;
    let (_, height) = root.dim_in_pixel();
    Ok(i32::try_from(height)
        .unwrap_or(0)
        .saturating_sub(top)
        .max(0))
}

/// Fills `root`, draws the title, subtitle and legend, and returns the area
/// left for the plot.
pub(crate) fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scale: Scale,
    heading: Heading,
    entries: &[Entry],
) -> DrawResult<DrawingArea<DB, Shift>, DB> {
    root.fill(&style::PAPER)?;
    let pad = padding(scale);
    let header = header(root, scale, heading, entries)?;
    if let Some(title) = heading.title {
        let title_style = style::anchored(
            style::text_px(header.title_px, true, style::INK),
            HPos::Left,
            VPos::Top,
        );
        root.draw_text(title, &title_style, (pad, pad))?;
    }
    if !heading.subtitle.is_empty() {
        // Untitled (print), the subtitle is the chart's heading.
        let ink = match heading.title {
            Some(_) => scale.text(SUBTITLE_PX, style::MUTED),
            None => scale.bold(SUBTITLE_PX, style::INK),
        };
        let subtitle_style = style::anchored(ink, HPos::Left, VPos::Top);
        root.draw_text(heading.subtitle, &subtitle_style, (pad, header.subtitle_at))?;
    }
    if let Some((layout, y)) = &header.legend {
        legend::draw(root, scale, entries, layout, (pad, *y))?;
    }
    let (_, plot) = root.split_vertically(header.plot_top);
    Ok(plot)
}

/// How many value-axis steps fit a plot `height` high with `x_labels`
/// under it: about one label per 35 px.
pub(crate) fn max_ticks(scale: Scale, height: i32, x_labels: i32) -> usize {
    let room = f64::from(height) - f64::from(x_labels);
    (room / scale.px(35.0)).floor().clamp(2.0, 10.0) as usize
}

/// The plot both charts share: margins, `slots` positions along x (months
/// or bars) from −0.5 to `slots` − 0.5, the value axis from `axis` with a
/// light horizontal grid and no vertical one. `x_label` names a position
/// (`None`: the x axis has no labels, e.g. bars named under themselves);
/// `right` is the room right of the plot (for reference lines' labels).
#[allow(
    clippy::too_many_arguments,
    reason = "the layout's measured sizes, each needed once"
)]
pub(crate) fn axes<'a, DB: DrawingBackend>(
    plot: &'a DrawingArea<DB, Shift>,
    scale: Scale,
    slots: usize,
    axis: &Axis,
    x_label_height: i32,
    y_label_width: i32,
    right: i32,
    x_label: Option<&dyn Fn(&f64) -> String>,
    y_label: &dyn Fn(&f64) -> String,
    tick_font: &TextStyle<'_>,
) -> DrawResult<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>, DB> {
    let mut chart = ChartBuilder::on(plot)
        .margin_top(scale.ipx(6.0))
        .margin_left(padding(scale))
        .margin_right(right.max(scale.ipx(16.0)))
        .x_label_area_size(x_label_height)
        .y_label_area_size(y_label_width)
        .build_cartesian_2d(-0.5..(slots as f64 - 0.5), axis.bottom..axis.top)?;
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(style::GRID.stroke_width(1))
        .axis_style(style::MUTED.stroke_width(1))
        .y_labels(axis.labels())
        .y_label_formatter(y_label)
        .label_style(tick_font.clone());
    match x_label {
        Some(x_label) => mesh.x_labels(slots).x_label_formatter(x_label),
        None => mesh.x_labels(0),
    };
    mesh.draw()?;
    Ok(chart)
}

/// Marks the value axis as cut, on `area` (the whole chart): the axis
/// line at `x` is broken just above the plot's bottom `y` by two short
/// slanted strokes, the usual sign that the scale skips down to 0. The
/// legend's note says it in words.
pub(crate) fn axis_break<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    (x, y): (i32, i32),
) -> DrawResult<(), DB> {
    legend::draw_break(area, scale, (x, y - scale.ipx(10.0)))
}

/// Says `message` in the middle of `area` (in place of an empty axis).
pub(crate) fn message<DB: DrawingBackend>(
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
