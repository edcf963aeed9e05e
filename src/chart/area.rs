//! Bars by area for the reporting month's headline, each labelled with its
//! value, from a zero baseline, with the whole LA's value (solid) and the
//! target (dashed) across them, labelled at their right-hand ends, when
//! they are on the areas' scale.
//!
//! Owns the drawing, generic over the plotters backend. An area without a
//! value gets no bar and the words "no value", never a bar of 0.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::data::AreaFigures;
use super::frame::{self, Heading, Medium};
use super::labels::{self, EndLabel};
use super::legend::{self, Entry, Swatch};
use super::style::{self, Axis};

const TICK_PX: f64 = style::SMALLEST_TEXT_PX;
const VALUE_PX: f64 = 12.5;
/// Half a bar's width, in slots.
const HALF_BAR: f64 = 0.3;

/// The legend: the bars, then the reference lines in words (on screen: in
/// print their labels at the lines' ends say it), or the LA's count and
/// target as notes.
fn entries(figures: &AreaFigures, medium: Medium) -> Vec<Entry> {
    let headline = &figures.headline;
    let mut entries = vec![Entry::new(
        Swatch::Bar(style::SERIES),
        headline.label.clone(),
    )];
    let month = figures
        .month
        .as_deref()
        .map_or_else(String::new, |m| format!(" ({m})"));
    if figures.reference_lines() {
        if medium == Medium::Print {
            return entries;
        }
        if let Some(whole) = figures.whole {
            entries.push(Entry::new(
                Swatch::Solid(style::WHOLE_LA),
                format!("Whole LA{month}: {}", headline.value(whole)),
            ));
        }
        if let Some(target) = figures.target {
            entries.push(Entry::new(
                Swatch::Dashed(style::TARGET),
                format!("Target: {}", headline.value(target)),
            ));
        }
    } else {
        // Counts: the LA total is the areas' sum, and its target is for
        // the whole LA, so neither is a line across the bars.
        if let Some(whole) = figures.whole {
            entries.push(Entry::new(
                Swatch::Note,
                format!("LA total{month}: {}", headline.value(whole)),
            ));
        }
        if let Some(target) = figures.target {
            entries.push(Entry::new(
                Swatch::Note,
                format!("Target (whole LA): {}", headline.value(target)),
            ));
        }
    }
    entries
}

/// The reference lines' labels, at their right-hand ends (ratios only).
/// In print the whole LA's is "LA 88%": "Whole LA 88%" is 80 px, which
/// the bars' slots need (at 360 px wide, five areas' names such as
/// "SOUTH" fit only without it).
fn end_labels(figures: &AreaFigures, medium: Medium) -> Vec<EndLabel> {
    if !figures.reference_lines() {
        return Vec::new();
    }
    let headline = &figures.headline;
    let name = match medium {
        Medium::Screen => "Whole LA",
        Medium::Print => "LA",
    };
    let whole = figures
        .whole
        .map(|w| EndLabel::new(format!("{name} {}", headline.value(w)), w));
    let target = figures
        .target
        .map(|t| EndLabel::new(format!("Target {}", headline.value(t)), t));
    whole.into_iter().chain(target).collect()
}

/// Draws the area chart of `figures` on `root` and returns its value axis
/// (none when there are no bars to draw). The axis always starts at 0
/// ([`Axis::for_values`]): a bar's length is its value.
pub(super) fn draw_figures<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figures: &AreaFigures,
    medium: Medium,
) -> DrawResult<Option<Axis>, DB> {
    let scale = medium.scale(root.dim_in_pixel());
    let has_data = figures.has_data();
    let entries = if has_data {
        entries(figures, medium)
    } else {
        Vec::new()
    };
    let subtitle = figures
        .month
        .as_deref()
        .map_or_else(|| "By area".to_string(), |m| format!("By area, {m}"));
    let heading = Heading {
        title: (medium == Medium::Screen).then_some(figures.headline.title.as_str()),
        subtitle: &subtitle,
    };
    let plot = frame::frame(root, scale, heading, &entries)?;
    if figures.bars.is_empty() {
        frame::message(&plot, scale, "No breakdown by area for this indicator")?;
        return Ok(None);
    }
    if !has_data {
        frame::message(&plot, scale, "No data for this period")?;
        return Ok(None);
    }

    let style = figures.headline.style;
    let headline = &figures.headline;
    let bars = figures.bars.len();
    let (plot_width, plot_height) = plot.dim_in_pixel();
    let pad = frame::padding(scale);
    let tick_font = scale.text(TICK_PX, style::INK);

    // Area names wrap to the width of their slot. The slot is the plot's
    // width less the value axis's labels (at their widest: the axis is not
    // known yet, its steps depending on the names' height) and the
    // reference lines' labels.
    let labels = end_labels(figures, medium);
    let right = labels::room(&plot, scale, &labels)?.max(scale.ipx(16.0));
    let widest = Axis::for_values(&figures.extent(), style, 10);
    let y_labels = super::series::widest_tick(&plot, &widest, style, &tick_font)? + scale.ipx(14.0);
    let name_style = scale.text(TICK_PX, style::INK);
    let line_height = scale.ipx(TICK_PX * 1.3);
    let rough_margins = f64::from(pad) + f64::from(y_labels) + f64::from(right);
    let slot = (f64::from(plot_width) - rough_margins).max(1.0) / bars as f64;
    let mut names = Vec::with_capacity(bars);
    for (name, _) in &figures.bars {
        names.push(wrap(&plot, name, &name_style, slot * 0.92)?);
    }
    let most_lines = names.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let x_label_height = line_height * i32::try_from(most_lines).unwrap_or(1) + scale.ipx(10.0);

    let plot_height = i32::try_from(plot_height).unwrap_or(0);
    let max_ticks = frame::max_ticks(scale, plot_height, x_label_height);
    let axis = Axis::for_values(&figures.extent(), style, max_ticks);
    let y_label_width =
        super::series::widest_tick(&plot, &axis, style, &tick_font)? + scale.ipx(14.0);
    let value_label = |y: &f64| style::tick_label(*y, style);

    let x_range = -0.5..(bars as f64 - 0.5);
    let mut chart = frame::axes(
        &plot,
        scale,
        bars,
        &axis,
        x_label_height,
        y_label_width,
        right,
        None,
        &value_label,
        &tick_font,
    )?;

    // Reference lines first: bars go over them, so a line never crosses a
    // bar's value; it shows between the bars at its height.
    let ends = |value: f64| [(x_range.start, value), (x_range.end, value)];
    if figures.reference_lines() {
        if let Some(whole) = figures.whole {
            chart.draw_series(std::iter::once(PathElement::new(
                ends(whole).to_vec(),
                style::WHOLE_LA.stroke_width(scale.stroke(2.0)),
            )))?;
        }
        if let Some(target) = figures.target {
            chart
                .plotting_area()
                .draw(&legend::dashed(ends(target), scale, style::TARGET))?;
        }
    }

    let base = 0.0_f64.clamp(axis.bottom, axis.top);
    for (i, (_, value)) in figures.bars.iter().enumerate() {
        let x = i as f64;
        if let Some(value) = value {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x - HALF_BAR, base), (x + HALF_BAR, *value)],
                style::SERIES.filled(),
            )))?;
        }
    }

    // Value labels inside the top of each bar tall enough to hold one,
    // else above it on a white ground (over any reference line); "no
    // value" where there is no bar. Labels wider than a bar (many areas)
    // run upwards.
    let value_height = scale.ipx(VALUE_PX * 1.5);
    let gap = scale.ipx(4.0);
    let base_pixel = chart.backend_coord(&(0.0, base)).1;
    let bar_width =
        chart.backend_coord(&(HALF_BAR, base)).0 - chart.backend_coord(&(-HALF_BAR, base)).0;
    for (i, (_, value)) in figures.bars.iter().enumerate() {
        let x = i as f64;
        let (text, y, bar_height) = match value {
            Some(value) => {
                let bar_top = chart.backend_coord(&(x, *value)).1;
                (headline.value(*value), *value, base_pixel - bar_top)
            }
            None => ("no value".to_string(), base, 0),
        };
        let ink = match value {
            Some(_) => scale.bold(VALUE_PX, style::INK),
            None => scale.text(TICK_PX, style::MUTED),
        };
        let (width, _) = style::text_size(&plot, &text, &ink)?;
        let width = i32::try_from(width).unwrap_or(i32::MAX / 4);
        let upright = width + gap > bar_width;
        // How far the label reaches along the bar.
        let length = if upright { width } else { value_height };
        let inside = value.is_some() && bar_height >= length + 2 * gap;
        let at = EmptyElement::at((x, y));
        let label = match (inside, upright) {
            (true, false) => Text::new(
                text,
                (0, gap),
                style::anchored(scale.bold(VALUE_PX, style::PAPER), HPos::Center, VPos::Top),
            ),
            (true, true) => Text::new(
                text,
                (0, gap),
                style::anchored(
                    scale.bold(VALUE_PX, style::PAPER),
                    HPos::Right,
                    VPos::Center,
                )
                .transform(FontTransform::Rotate270),
            ),
            (false, false) => Text::new(
                text,
                (0, -gap / 2 - value_height / 2),
                style::anchored(ink, HPos::Center, VPos::Center),
            ),
            (false, true) => Text::new(
                text,
                (0, -gap),
                style::anchored(ink, HPos::Left, VPos::Center).transform(FontTransform::Rotate270),
            ),
        };
        if inside {
            chart.plotting_area().draw(&(at + label))?;
        } else {
            let half = if upright {
                value_height / 2
            } else {
                width / 2 + scale.ipx(3.0)
            };
            let ground = Rectangle::new(
                [(-half, -gap / 2 - length - gap / 2), (half, -gap / 2)],
                style::PAPER.filled(),
            );
            chart.plotting_area().draw(&(at + ground + label))?;
        }
    }

    // Area names under the axis.
    let axis_gap = scale.ipx(8.0);
    for (i, lines) in names.iter().enumerate() {
        for (row, line) in lines.iter().enumerate() {
            let offset = axis_gap + line_height * i32::try_from(row).unwrap_or(0);
            let name_font = style::anchored(name_style.clone(), HPos::Center, VPos::Top);
            chart.plotting_area().draw(
                &(EmptyElement::at((i as f64, axis.bottom))
                    + Text::new(line.clone(), (0, offset), name_font)),
            )?;
        }
    }

    labels::draw_at_plot_end(root, scale, &labels, &chart, x_range.end, &axis)?;
    Ok(Some(axis))
}

/// Area names take at most this many lines under their bar.
const NAME_LINES: usize = 3;

/// Splits `text` into lines at spaces to fit `width`: at most
/// [`NAME_LINES`], a line that still does not fit cut short with `…` (the
/// full name is in the text alternative and the table).
fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    font: &TextStyle,
    width: f64,
) -> DrawResult<Vec<String>, DB> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        let (candidate_width, _) = style::text_size(area, &candidate, font)?;
        if f64::from(candidate_width) <= width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    let cut = lines.len() > NAME_LINES;
    lines.truncate(NAME_LINES);
    let mut fitted = Vec::with_capacity(lines.len());
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.into_iter().enumerate() {
        fitted.push(shorten(area, line, font, width, cut && i == last)?);
    }
    Ok(fitted)
}

/// `line`, cut with `…` until it fits `width` (or forced to end in `…`).
fn shorten<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    line: String,
    font: &TextStyle,
    width: f64,
    force: bool,
) -> DrawResult<String, DB> {
    let fits = |text: &str| -> DrawResult<bool, DB> {
        Ok(f64::from(style::text_size(area, text, font)?.0) <= width)
    };
    if !force && fits(&line)? {
        return Ok(line);
    }
    let mut chars: Vec<char> = line.chars().collect();
    loop {
        let candidate = format!("{}…", chars.iter().collect::<String>().trim_end());
        if chars.len() <= 1 || fits(&candidate)? {
            return Ok(candidate);
        }
        chars.pop();
    }
}
