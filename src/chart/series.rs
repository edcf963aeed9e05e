//! The 13-month line of an indicator's headline, with its target (dashed)
//! and national average (dotted); and the sparkline, the same line small
//! and bare for the summary grid.
//!
//! Owns the drawing of both, generic over the plotters backend. A month
//! without a value is a gap: the line is drawn as separate runs and only
//! months with a value get a marker, so nothing is ever drawn as 0.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::SeriesFigures;
use super::frame;
use super::legend::{self, Entry, Swatch};
use super::style::{self, Axis, Scale};
use crate::domain::format::Style;

/// Tick labels: 12 px.
const TICK_PX: f64 = 12.0;

/// The legend: the headline's line, then the reference lines in words.
fn entries(figures: &SeriesFigures) -> Vec<Entry> {
    let headline = &figures.headline;
    let mut entries = vec![Entry::new(
        Swatch::Series(style::SERIES),
        headline.label.clone(),
    )];
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
    if let Some(rate) = figures.national_per_10k {
        entries.push(Entry::new(
            Swatch::Note,
            format!(
                "National average: {} per 10,000 children (a rate, not drawn)",
                crate::domain::format::thousands(rate)
            ),
        ));
    }
    entries
}

pub(super) fn draw_figures<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figures: &SeriesFigures,
) -> DrawResult<(), DB> {
    let scale = Scale::of(root.dim_in_pixel());
    let has_data = figures.has_data();
    let entries = if has_data {
        entries(figures)
    } else {
        Vec::new()
    };
    let subtitle = format!("By month, {}", figures.period());
    let plot = frame::frame(root, scale, &figures.headline.title, &subtitle, &entries)?;
    if !has_data {
        return frame::message(&plot, scale, "No data for this period");
    }

    let style = figures.headline.style;
    let months = figures.months.len();
    let (plot_width, plot_height) = plot.dim_in_pixel();
    let pad = frame::padding(scale);
    let x_label_height = scale.ipx(TICK_PX * 2.2);
    let tick_font = scale.text(TICK_PX, style::INK);

    // About one value label per 35 px of height.
    let room = f64::from(plot_height) - f64::from(x_label_height);
    let max_ticks = (room / scale.px(35.0)).floor().clamp(2.0, 10.0) as usize;
    let axis = Axis::for_values(&figures.extent(), style, max_ticks);
    let y_label_width = widest_tick(&plot, &axis, style, &tick_font)? + scale.ipx(14.0);

    // Label every month if the labels fit, else every second or third,
    // always keeping the latest month.
    let label_width = plot.estimate_text_size("Dec-17", &tick_font)?.0;
    let label_width = f64::from(label_width) + scale.px(10.0);
    let margins = f64::from(y_label_width) + f64::from(pad) + f64::from(scale.ipx(16.0));
    let slot = (f64::from(plot_width) - margins).max(1.0) / months.max(1) as f64;
    let every = (label_width / slot).ceil().clamp(1.0, 12.0) as usize;
    let last = months.saturating_sub(1);
    let labels: Vec<String> = figures
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
        labels.get(index as usize).cloned().unwrap_or_default()
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
    Ok(())
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
        let (width, _) = area.estimate_text_size(&style::tick_label(value, style), font)?;
        widest = widest.max(width);
    }
    Ok(i32::try_from(widest).unwrap_or(0))
}

/// Draws the sparkline of `figures` on `root`: the headline's line over the
/// months, gaps kept, with a marker on the latest value. No axes or text;
/// nothing at all when no month has a value.
pub(super) fn draw_spark<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figures: &SeriesFigures,
) -> DrawResult<(), DB> {
    let runs = figures.runs();
    let values: Vec<f64> = runs.iter().flatten().map(|(_, v)| *v).collect();
    let Some(latest) = runs.last().and_then(|run| run.last()).copied() else {
        return Ok(());
    };
    let (low, high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    // Scaled to the data, but never so tight that noise looks like a trend.
    let least = match figures.headline.style {
        Style::Percent { .. } => 5.0,
        Style::Count | Style::Whole => (high.abs() * 0.1).max(1.0),
    };
    let (low, high) = if high - low < least {
        let middle = (high + low) / 2.0;
        (middle - least / 2.0, middle + least / 2.0)
    } else {
        (low, high)
    };

    let (_, height) = root.dim_in_pixel();
    let radius = (f64::from(height) / 11.0).clamp(1.0, 4.0).round() as i32;
    let stroke = if height >= 24 { 2 } else { 1 };
    let last = figures.months.len().saturating_sub(1).max(1) as f64;
    let mut chart = ChartBuilder::on(root)
        .margin(u32::try_from(radius + 1).unwrap_or(2))
        .build_cartesian_2d(0.0..last, low..high)?;
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
    Ok(())
}
