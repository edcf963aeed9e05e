//! The 13-month line of an indicator's headline, with its target (dashed)
//! and national average (dotted) labelled at their right-hand ends, on a
//! value axis fitted to what is drawn (`Axis::fitted`: marked with a break
//! and a note when it does not start at 0); and the sparkline, the same
//! line small and bare for the summary grid, on the same kind of range.
//!
//! Owns the drawing of both, generic over the plotters backend. A month
//! without a value is a gap: the line is drawn as separate runs and only
//! months with a value get a marker, so nothing is ever drawn as 0.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::SeriesFigures;
use super::frame::{self, Heading, Medium};
use super::labels::{self, EndLabel};
use super::legend::{self, Entry, Swatch};
use super::style::{self, Axis};
use crate::domain::format::Style;

/// Tick labels: the smallest chart text.
const TICK_PX: f64 = style::SMALLEST_TEXT_PX;

/// The legend: the headline's line, then the reference lines in words
/// (on screen: in print their labels at the lines' ends say it), and the
/// note of an axis that does not start at 0.
fn entries(figures: &SeriesFigures, medium: Medium, cut: bool) -> Vec<Entry> {
    let headline = &figures.headline;
    let mut entries = vec![Entry::new(
        Swatch::Series(style::SERIES),
        headline.label.clone(),
    )];
    if medium == Medium::Screen {
        if let Some(target) = figures.target {
            entries.push(Entry::new(
                Swatch::Dashed(style::TARGET),
                format!("Target: {}", headline.value(target)),
            ));
        }
        if let Some(national) = figures.national {
            entries.push(Entry::new(
                Swatch::Dotted(style::NATIONAL),
                format!("National average: {}", headline.value(national)),
            ));
        }
    }
    if let Some(rate) = figures.national_per_10k {
        entries.push(Entry::new(
            Swatch::Note,
            format!(
                "National average: {} per 10,000 children (a rate, not drawn)",
                crate::domain::format::thousands(rate)
            ),
        ));
    }
    if cut {
        entries.push(Entry::new(Swatch::AxisBreak, AXIS_NOTE));
    }
    entries
}

/// The legend's note when the value axis is cut.
pub(crate) const AXIS_NOTE: &str = "Axis does not start at 0";

/// The reference lines' labels, at their right-hand ends.
fn end_labels(figures: &SeriesFigures) -> Vec<EndLabel> {
    let headline = &figures.headline;
    let target = figures
        .target
        .map(|t| EndLabel::new(format!("Target {}", headline.value(t)), t));
    let national = figures
        .national
        .map(|n| EndLabel::new(format!("National {}", headline.value(n)), n));
    target.into_iter().chain(national).collect()
}

/// Draws the series chart of `figures` on `root` and returns its value
/// axis (none when there is no data to draw).
pub(super) fn draw_figures<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figures: &SeriesFigures,
    medium: Medium,
) -> DrawResult<Option<Axis>, DB> {
    let scale = medium.scale(root.dim_in_pixel());
    let has_data = figures.has_data();
    let subtitle = format!("By month, {}", figures.period());
    let heading = Heading {
        title: (medium == Medium::Screen).then_some(figures.headline.title.as_str()),
        subtitle: &subtitle,
    };
    if !has_data {
        let plot = frame::frame(root, scale, heading, &[])?;
        frame::message(&plot, scale, "No data for this period")?;
        return Ok(None);
    }

    let style = figures.headline.style;
    let months = figures.months.len();
    let x_label_height = scale.ipx(TICK_PX * 2.2);
    let tick_font = scale.text(TICK_PX, style::INK);

    // The axis fits the plot's height, which depends on the legend, which
    // says whether the axis is cut: fit without the note; if that axis is
    // cut, fit again with the note's row and keep the note only if the
    // axis is still cut (an axis of fewer steps may reach 0).
    let extent = figures.extent();
    let fit = |entries: &[Entry]| -> DrawResult<Axis, DB> {
        let height = frame::plot_height(root, scale, heading, entries)?;
        let ticks = frame::max_ticks(scale, height, x_label_height);
        Ok(Axis::fitted(&extent, style, ticks))
    };
    let plain = entries(figures, medium, false);
    let first = fit(&plain)?;
    let (entries, axis) = if first.is_cut() {
        let noted = entries(figures, medium, true);
        let second = fit(&noted)?;
        if second.is_cut() {
            (noted, second)
        } else {
            (plain, second)
        }
    } else {
        (plain, first)
    };
    let plot = frame::frame(root, scale, heading, &entries)?;
    let (plot_width, _) = plot.dim_in_pixel();
    let pad = frame::padding(scale);
    let y_label_width = widest_tick(&plot, &axis, style, &tick_font)? + scale.ipx(14.0);
    let labels = end_labels(figures);
    let right = labels::room(&plot, scale, &labels)?.max(scale.ipx(16.0));

    // Label every month if the labels fit, else every second or third,
    // always keeping the latest month.
    let label_width = style::text_size(&plot, "Dec-17", &tick_font)?.0;
    let label_width = f64::from(label_width) + scale.px(10.0);
    let margins = f64::from(y_label_width) + f64::from(pad) + f64::from(right);
    let slot = (f64::from(plot_width) - margins).max(1.0) / months.max(1) as f64;
    let every = (label_width / slot).ceil().clamp(1.0, 12.0) as usize;
    let last = months.saturating_sub(1);
    let labels_x: Vec<String> = figures
        .months
        .iter()
        .enumerate()
        .map(|(i, (label, _))| {
            if (last - i) % every == 0 {
                label.clone()
            } else {
                String::new()
            }
        })
        .collect();
    let month_label = |x: &f64| -> String {
        let index = x.round();
        if (x - index).abs() > 1e-6 || index < 0.0 {
            return String::new();
        }
        labels_x.get(index as usize).cloned().unwrap_or_default()
    };
    let value_label = |y: &f64| style::tick_label(*y, style);

    let x_range = -0.5..(months as f64 - 0.5);
    let mut chart = frame::axes(
        &plot,
        scale,
        months,
        &axis,
        x_label_height,
        y_label_width,
        right,
        Some(&month_label),
        &value_label,
        &tick_font,
    )?;

    let ends = |value: f64| [(x_range.start, value), (x_range.end, value)];
    if let Some(target) = figures.target {
        chart
            .plotting_area()
            .draw(&legend::dashed(ends(target), scale, style::TARGET))?;
    }
    if let Some(national) = figures.national {
        chart
            .plotting_area()
            .draw(&legend::dotted(ends(national), scale, style::NATIONAL))?;
    }
    let line = style::SERIES.stroke_width(scale.stroke(2.5));
    let radius = legend::marker_radius(scale);
    for run in figures.runs() {
        if run.len() > 1 {
            chart.draw_series(LineSeries::new(run.iter().copied(), line))?;
        }
        chart.draw_series(
            run.iter()
                .map(|point| Circle::new(*point, radius, style::SERIES.filled())),
        )?;
    }

    if axis.is_cut() {
        let foot = chart.backend_coord(&(x_range.start, axis.bottom));
        frame::axis_break(root, scale, foot)?;
    }
    labels::draw_at_plot_end(root, scale, &labels, &chart, x_range.end, &axis)?;
    Ok(Some(axis))
}

/// The width of the widest value-axis label.
pub(super) fn widest_tick<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    axis: &Axis,
    style: Style,
    font: &TextStyle,
) -> DrawResult<i32, DB> {
    let mut widest = 0;
    for i in 0..axis.labels() {
        let value = axis.bottom + axis.step * i as f64;
        let (width, _) = style::text_size(area, &style::tick_label(value, style), font)?;
        widest = widest.max(width);
    }
    Ok(i32::try_from(widest).unwrap_or(0))
}

/// The sparkline's value range: the series chart's fitted axis of the
/// headline alone (no reference lines are drawn), with few steps so its
/// ends are round: `sparkline_scale` prints these ends beside it. None
/// when no month has a value.
pub(super) fn spark_axis(figures: &SeriesFigures) -> Option<Axis> {
    let values: Vec<f64> = figures.months.iter().filter_map(|(_, v)| *v).collect();
    if values.is_empty() {
        return None;
    }
    Some(Axis::fitted(&values, figures.headline.style, SPARK_STEPS))
}

/// Steps of the sparkline's range (it draws none, but they round its ends).
const SPARK_STEPS: usize = 4;

/// Draws the sparkline of `figures` on `root`: the headline's line over the
/// months, gaps kept, with a marker on the latest value. Each month keeps
/// its slot of the whole series (a series with months missing at the start
/// is not stretched to the full width). The value range is
/// [`spark_axis`]. No axes or text; nothing at all when no month has a
/// value.
pub(super) fn draw_spark<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figures: &SeriesFigures,
) -> DrawResult<Option<Axis>, DB> {
    let runs = figures.runs();
    let (Some(latest), Some(axis)) = (
        runs.last().and_then(|run| run.last()).copied(),
        spark_axis(figures),
    ) else {
        return Ok(None);
    };

    let (_, height) = root.dim_in_pixel();
    let radius = (f64::from(height) / 11.0).clamp(1.0, 4.0).round() as i32;
    let stroke = if height >= 24 { 2 } else { 1 };
    let last = figures.months.len().saturating_sub(1).max(1) as f64;
    let mut chart = ChartBuilder::on(root)
        .margin(u32::try_from(radius + 1).unwrap_or(2))
        .build_cartesian_2d(0.0..last, axis.bottom..axis.top)?;
    let colour = style::SERIES;
    for run in &runs {
        if let [only] = run.as_slice() {
            if *only != latest {
                chart.draw_series(std::iter::once(Circle::new(*only, radius, colour.filled())))?;
            }
        } else {
            chart.draw_series(LineSeries::new(
                run.iter().copied(),
                colour.stroke_width(stroke),
            ))?;
        }
    }
    chart.draw_series(std::iter::once(Circle::new(
        latest,
        radius,
        colour.filled(),
    )))?;
    Ok(Some(axis))
}
