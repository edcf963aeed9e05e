//! The scorecard: the summary grid of the 14 headlines, then each
//! indicator's table (Previous 6 months, baseline, the month, one column per
//! area; the measures; target, rating, trend, benchmarks) with every `data-*`
//! attribute of outputs.md, its charts, commentary and drill-down. Reads the
//! `Scorecard`; never recomputes it: headings, values, the drill-down's CSV
//! are the engine's (`scorecard`, `format`, `export`).

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::indicators::Definition;
use crate::domain::month::Month;
use crate::domain::rating::Rating;
use crate::domain::scorecard::{
    IndicatorResult, Scorecard, Values, previous_heading, year_to_date_heading,
};
use crate::domain::{export, format, paper};
use crate::ui::accessibility::TableRegion;
use crate::ui::browser;
use crate::ui::commentary::Commentary;
use crate::ui::engine::{DrillRows, Engine};
use crate::ui::marks;
use crate::ui::state::{AppState, PrintLayout};

/// A value's `data-value`: the unrounded number, empty when none.
fn raw(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn rating_class(rating: Rating) -> &'static str {
    match rating {
        Rating::Green => "rating green",
        Rating::Amber => "rating amber",
        Rating::Red => "rating red",
        Rating::None => "rating none",
    }
}

#[component]
pub(crate) fn ScorecardView(state: AppState) -> impl IntoView {
    move || match state.scorecard.get() {
        None => view! {
            <section class="empty" aria-live="polite">
                <h2>"No scorecard yet"</h2>
                <p>"Add your files above, or load the example to see a full scorecard."</p>
            </section>
        }
        .into_any(),
        Some(Err(error)) => view! {
            <section class="empty" role="alert">
                <h2>"No scorecard"</h2>
                <p>{format!("The files gave no scorecard: {error}.")}</p>
            </section>
        }
        .into_any(),
        Some(Ok(card)) => view! { <Card state=state card=card/> }.into_any(),
    }
}

#[component]
fn Card(state: AppState, card: Arc<Scorecard>) -> impl IntoView {
    let month = card.month;
    let sections = card
        .indicators
        .iter()
        .cloned()
        .enumerate()
        .map(|(index, result)| view! { <IndicatorSection state=state card=card.clone() index=index result=result/> })
        .collect_view();
    let (about, block) = state.settings.with_untracked(|s| {
        (
            crate::domain::about::about(&card, s),
            paper::title_block(&card, s),
        )
    });
    let data_as_at = paper::data_as_at(&card);
    let printed = format::date(browser::today());
    view! {
        <PrintStyle state=state card=card.clone()/>
        <section
            class="scorecard"
            class:publishable=move || state.publishable.get()
            class:compact=move || state.print_layout.get() == PrintLayout::Compact
            class:no-print-charts=move || !state.print_charts.get()
            data-testid="scorecard"
            data-month=month.to_string()
            aria-labelledby="scorecard-title"
        >
            <header class="card-header">
                <p class="marking">{card.protective_marking.clone()}</p>
                <h2 id="scorecard-title">{block.title}</h2>
                <p class="scope" data-testid="report-scope">{block.scope}</p>
                {(!block.subtitle.is_empty()).then(|| view! { <p class="subtitle">{block.subtitle}</p> })}
                {(!block.author.is_empty()).then(|| view! { <p class="author">{block.author}</p> })}
                {data_as_at.map(|line| view! { <p class="data-as-at" data-testid="data-as-at">{line}</p> })}
                <p class="print-only printed">{format!("Printed {printed}")}</p>
                {state.settings.with_untracked(|s| s.suppress_below).map(|n| view! {
                    <p class="publishable-note">
                        {format!("Publishable version: counts from 1 to {} are shown as <{n}, and percentages of fewer than {n} as –.", n.saturating_sub(1))}
                    </p>
                })}
            </header>
            <marks::MarksLegend card=card.clone()/>
            <SummaryGrid card=card.clone()/>
            <div class="indicators">{sections}</div>
            <AboutSection about=about/>
        </section>
    }
}

/// Page size, margins and the running heads and feet of the print: the
/// protective marking top and bottom, LA name and month, "Page n of m"
/// (CSS paged-media margin boxes, which Chromium supports).
#[component]
fn PrintStyle(state: AppState, card: Arc<Scorecard>) -> impl IntoView {
    let quote = |text: &str| format!("\"{}\"", text.replace('\\', "").replace('"', "'"));
    let marking = quote(&card.protective_marking);
    let heading = quote(&if card.la_name.is_empty() {
        card.month.long_label()
    } else {
        format!("{} · {}", card.la_name, card.month.long_label())
    });
    let css = move || {
        let size = if state.landscape.get() {
            "A4 landscape"
        } else {
            "A4 portrait"
        };
        // The compact paper's side margins are narrower: two columns of
        // full tables need the width.
        let sides = match state.print_layout.get() {
            PrintLayout::Compact => "9mm",
            PrintLayout::Detailed => "12mm",
        };
        format!(
            "@page {{ size: {size}; margin: 16mm {sides} 16mm {sides}; \
             @top-left {{ content: {heading}; font: 9pt sans-serif; }} \
             @top-right {{ content: {marking}; font: bold 9pt sans-serif; }} \
             @bottom-left {{ content: {marking}; font: bold 9pt sans-serif; }} \
             @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); font: 9pt sans-serif; }} }}"
        )
    };
    view! { <style>{css}</style> }
}

/// "About these figures", generated from the indicator definitions.
#[component]
fn AboutSection(about: crate::domain::about::About) -> impl IntoView {
    view! {
        <section class="about" aria-labelledby="about-title">
            <h3 id="about-title">"About these figures"</h3>
            {about.conventions.into_iter().map(|c| view! { <p>{c}</p> }).collect_view()}
            {(!about.restatements.is_empty()).then(|| view! {
                <h4>"Restated since signed off"</h4>
                <ul class="restatements" data-testid="restatements">
                    {about.restatements.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                </ul>
            })}
            <dl>
                {about
                    .indicators
                    .into_iter()
                    .map(|i| view! {
                        <dt>{format!("{}. {}", i.number, i.title)}</dt>
                        <dd>{i.text}</dd>
                    })
                    .collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn SummaryGrid(card: Arc<Scorecard>) -> impl IntoView {
    let month = card.month;
    view! {
        <section class="summary" aria-labelledby="summary-title">
            <h3 id="summary-title">{format!("Summary, {}", month.label())}</h3>
            <ul class="summary-grid">
                {card
                    .indicators
                    .iter()
                    .map(|result| {
                        let d = result.definition;
                        let style = d.style(d.headline);
                        let value = result.current.headline();
                        let shown = if result.missing_inputs.is_empty() { format::value(value, style) } else { "needs files".to_string() };
                        view! {
                            // A GOV.UK-style card: the title a heading of its
                            // own line, the figure with its rating tag, the
                            // trend in words, then the line with its scale.
                            <li class="summary-item" data-indicator=d.id>
                                <h4 class="summary-title">
                                    <a href=format!("#indicator-{}", d.id)>
                                        <span class="summary-number">{format!("{}.", d.number)}</span>
                                        " "
                                        {d.title}
                                    </a>
                                </h4>
                                <p class="summary-figure">
                                    <span class="summary-value" data-measure=d.headline data-column="current" data-value=raw(value)>{shown}</span>
                                    <span class=rating_class(result.rating) data-rating=result.rating.id()>{result.rating.word()}</span>
                                </p>
                                <p class="trend" data-trend=result.trend.id()>{result.trend.words(result.polarity)}</p>
                                <SummarySpark result=result.clone()/>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// A column heading with each month label in it ("Dec-17", "Jun-17 –
/// Nov-17") kept on one line: the hyphen is a break opportunity, and a
/// printed "Dec-" over "17" was misread. The rest of the heading wraps.
fn month_whole(heading: &str) -> impl IntoView + use<> {
    crate::domain::month::split_labels(heading)
        .into_iter()
        .map(|(piece, is_month)| {
            let piece = piece.to_string();
            if is_month {
                view! { <span class="month-label">{piece}</span> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}

/// The card's sparkline, with the ends of its scale and its months in
/// words beside it: a line without a scale made a 2-point wobble look
/// like a fall.
#[component]
fn SummarySpark(result: IndicatorResult) -> impl IntoView {
    let (width, height) = crate::chart::SPARKLINE_SIZE;
    let spark = crate::chart::sparkline(&result, width, height);
    let scale = crate::chart::sparkline_scale(&result);
    let months = result
        .series
        .first()
        .zip(result.series.last())
        .map(|(first, last)| format!("{} – {}", first.0.label(), last.0.label()));
    view! {
        <div class="spark">
            <span class="sparkline" aria-hidden="true" inner_html=spark></span>
            {scale.map(|(low, high)| view! {
                <span class="spark-scale" aria-hidden="true">
                    <span class="spark-high">{high}</span>
                    <span class="spark-low">{low}</span>
                </span>
            })}
            {months.map(|months| view! { <span class="spark-months hint" aria-hidden="true">{months}</span> })}
        </div>
    }
}

/// What every value cell of an indicator's table needs to know.
struct Cells<'a> {
    card: &'a Scorecard,
    result: &'a IndicatorResult,
    suppress_below: Option<u32>,
}

impl Cells<'_> {
    /// One value cell with its machine-readable attributes (outputs.md:
    /// `data-source`, and `data-published` when restated) and its mark.
    /// The screen shows the true figure; a publishable print shows the
    /// suppressed form instead (CSS chooses, so toggling needs no
    /// recompute). `month` is the figure's own month (with `area`, for
    /// its restatement), `None` for a column combined from several.
    fn cell(
        &self,
        measure: &'static str,
        column: String,
        values: &Values,
        month: Option<(Month, Option<&str>)>,
    ) -> impl IntoView + use<> {
        let result = self.result;
        let value = values.get(measure);
        let style = result.definition.style(measure);
        let suppressed = result
            .definition
            .suppressed(measure, &values.values, self.suppress_below);
        let shown = format::value(value, style);
        let published = month.and_then(|(month, area)| {
            marks::published(self.card, result.definition.id, month, area, measure)
        });
        let source = values.source.map(|s| s.as_str());
        let published_attribute = published.map(raw);
        view! {
            <td
                class="number"
                data-measure=measure
                data-column=column
                data-value=raw(value)
                data-source=source
                data-published=published_attribute
            >
                {match suppressed {
                    Some(text) => view! {
                        <span class="true-value">{shown}</span>
                        <span class="suppressed-value">{text}</span>
                    }.into_any(),
                    None => view! { {shown} }.into_any(),
                }}
                {marks::mark(values.source, published, style)}
            </td>
        }
    }
}

#[component]
fn IndicatorSection(
    state: AppState,
    card: Arc<Scorecard>,
    /// Its position in the scorecard (drill-down rows are asked for by it).
    index: usize,
    result: IndicatorResult,
) -> impl IntoView {
    let d = result.definition;
    let month: Month = card.month;
    let headline_style = d.style(d.headline);
    let baseline_label = result.baseline.as_ref().map(|(m, _)| m.label());
    let (show_last_year, show_year_to_date) = state
        .settings
        .with_untracked(|s| (s.show_last_year, s.show_year_to_date));
    let year_to_date = result.year_to_date.as_ref().filter(|_| show_year_to_date);
    let mut heading = vec![previous_heading(
        d,
        result.previous_mode,
        result.previous.months,
    )];
    if show_last_year {
        heading.push(format!("{} (last year)", result.last_year.0.label()));
    }
    if let Some(ytd) = year_to_date {
        heading.push(year_to_date_heading(month, ytd.months));
    }
    heading.extend(baseline_label.clone());
    heading.push(month.label());
    heading.extend(result.areas.iter().map(|(name, _)| name.clone()));
    let columns = heading.len();
    let cells = Cells {
        card: &card,
        result: &result,
        suppress_below: state.settings.with_untracked(|s| s.suppress_below),
    };
    let rows = d
        .measures
        .iter()
        .filter(|m| m.is_shown())
        .map(|measure| {
            let name = measure.name;
            let (last_year_month, last_year) = &result.last_year;
            view! {
                <tr>
                    <th scope="row">{measure.label}</th>
                    {cells.cell(name, "previous".into(), &result.previous.values, None)}
                    {show_last_year.then(|| cells.cell(name, "last_year".into(), last_year, Some((*last_year_month, None))))}
                    {year_to_date.map(|ytd| cells.cell(name, "year_to_date".into(), &ytd.values, None))}
                    {result.baseline.as_ref().map(|(at, values)| cells.cell(name, "baseline".into(), values, Some((*at, None))))}
                    {cells.cell(name, "current".into(), &result.current, Some((month, None)))}
                    {result
                        .areas
                        .iter()
                        .map(|(area, values)| cells.cell(name, format!("area:{area}"), values, Some((month, Some(area.as_str())))))
                        .collect_view()}
                </tr>
            }
        })
        .collect_view();
    // The benchmark's year beside its heading (outputs.md, "What the
    // reader must be told"): "National average (2015-16)".
    let national_heading = paper::benchmark_heading("National average", &result);
    let neighbours_heading = paper::benchmark_heading("Statistical neighbours average", &result);
    let benchmark = move |heading: String, column: &'static str, value: Option<f64>| {
        view! {
            <tr>
                <th scope="row">{heading}</th>
                <td class="number" data-measure=d.headline data-column=column data-value=raw(value)>
                    {format::value(value, headline_style)}
                </td>
                <td colspan=columns.saturating_sub(1).to_string()></td>
            </tr>
        }
    };
    // Charts are drawn a frame after the tables: the figures show at once,
    // and plotters' text measurement through the DOM happens after.
    let (drawn, set_drawn) = signal(false);
    // After the next paint: a frame callback, then a task.
    request_animation_frame(move || {
        set_timeout(move || set_drawn.set(true), std::time::Duration::ZERO)
    });
    let for_charts = result.clone();
    let charts = move || {
        (drawn.get() && for_charts.missing_inputs.is_empty()).then(|| {
            // Each chart twice: for the screen, and smaller for print so its
            // text prints at 8 pt or more (crate::chart::PRINT_SIZE).
            let (w, h) = crate::chart::SERIES_SIZE;
            let series = crate::chart::series_chart(&for_charts, w, h);
            let series_print = crate::chart::series_chart_for_print(&for_charts);
            let areas = (!for_charts.areas.is_empty()).then(|| {
                let (w, h) = crate::chart::AREA_SIZE;
                (
                    crate::chart::area_chart(&for_charts, w, h),
                    crate::chart::area_chart_for_print(&for_charts),
                )
            });
            let figures = crate::chart::SeriesFigures::of(&for_charts);
            let label = figures.headline.label.clone();
            view! {
                <div class="charts">
                    <figure>
                        <div class="chart no-print" inner_html=series></div>
                        <div class="chart print-only" inner_html=series_print></div>
                        <figcaption>
                            {format!("Chart: {label}, month by month. The table above has the figures, and \"Chart figures\" below has each month's.")}
                        </figcaption>
                    </figure>
                    {areas.map(|(svg, svg_print)| view! {
                        <figure>
                            <div class="chart no-print" inner_html=svg></div>
                            <div class="chart print-only" inner_html=svg_print></div>
                            <figcaption>{format!("Chart: {label} by area, {}. The table above has the figures.", month.label())}</figcaption>
                        </figure>
                    })}
                </div>
                <ChartFigures title=d.title figures=figures/>
            }
        })
    };
    let notes = result.notes.clone();
    let population_note = state
        .settings
        .with_untracked(|s| paper::population_note(&result, s));
    let caption = format!("{} — figures for {}", d.title, month.long_label());
    let title_id = format!("title-{}", d.id);
    let labelled_by = title_id.clone();
    view! {
        <section class="indicator" id=format!("indicator-{}", d.id) data-indicator=d.id aria-labelledby=labelled_by>
            <h3 id=title_id>{format!("{}.) {}", d.number, d.title)}</h3>
            {(!result.missing_inputs.is_empty()).then(|| {
                let needs = result.missing_inputs.iter().map(|k| k.short_name()).collect::<Vec<_>>().join(" and ");
                view! { <p class="needs" role="note">{format!("Needs {needs}: add it above to compute this indicator.")}</p> }
            })}
            <TableRegion label=caption.clone()>
                // The count of value columns sizes them in print, the same
                // width in every table (print.css).
                <table class="figures" style=format!("--value-columns: {columns}")>
                    <caption class="visually-hidden">{caption}</caption>
                    <thead>
                        <tr>
                            <td></td>
                            {heading.into_iter().map(|h| view! { <th scope="col">{month_whole(&h)}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {rows}
                        <tr>
                            <th scope="row">"Target"</th>
                            <td class="number" data-measure=d.headline data-column="target" data-value=raw(result.target)>
                                {format::value(result.target, headline_style)}
                            </td>
                            <td colspan=columns.saturating_sub(1).to_string()></td>
                        </tr>
                        <tr>
                            <th scope="row">"Performance rating"</th>
                            // Words, not figures: the whole row is theirs,
                            // so "▼ down · improving" is never squeezed
                            // into one figure's column.
                            <td data-rating=result.rating.id() colspan=columns.to_string()>
                                <span class=rating_class(result.rating)>{result.rating.word()}</span>
                            </td>
                        </tr>
                        <tr>
                            <th scope="row">"Trend"</th>
                            <td data-trend=result.trend.id() colspan=columns.to_string()>{result.trend.words(result.polarity)}</td>
                        </tr>
                        {benchmark(national_heading, "national", result.national)}
                        {benchmark(neighbours_heading, "statistical_neighbours", result.statistical_neighbours)}
                    </tbody>
                </table>
            </TableRegion>
            {population_note.map(|note| view! { <p class="population-note">{note}</p> })}
            {(!notes.is_empty()).then(|| view! {
                <ul class="notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            })}
            {charts}
            <Commentary state=state card=card.clone() result=result.clone()/>
            <DrillDown state=state index=index definition=result.definition/>
        </section>
    }
}

/// Every month's headline behind the series chart, as a table: the chart's
/// text alternative in full (the figures table has only the month and the
/// previous six months' summary). Closed until the reader opens it.
#[component]
fn ChartFigures(title: &'static str, figures: crate::chart::SeriesFigures) -> impl IntoView {
    let caption = format!("{title}: {} by month", figures.headline.label);
    let rows = figures
        .months
        .iter()
        .map(|(month, value)| {
            let shown = value.map_or_else(|| "–".to_string(), |v| figures.headline.value(v));
            view! {
                <tr>
                    <th scope="row">{month.clone()}</th>
                    <td class="number">{shown}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="chart-data">
            <summary>"Chart figures, month by month"</summary>
            <TableRegion label=caption.clone()>
                <table class="chart-table">
                    <caption class="visually-hidden">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Month"</th>
                            <th scope="col" class="number">{figures.headline.label.clone()}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableRegion>
        </details>
    }
}

/// The records behind the counts, with their file and row; downloadable.
/// The rows stay with the engine (often the worker) until the reader opens
/// the list, and only then are put in the page: fourteen tables of
/// thousands of rows would slow every scorecard down.
#[component]
fn DrillDown(state: AppState, index: usize, definition: &'static Definition) -> impl IntoView {
    let count = state
        .drill_counts
        .with_untracked(|counts| counts.get(index).copied().unwrap_or(0));
    if count == 0 {
        return ().into_any();
    }
    let d = definition;
    let engine = expect_context::<Engine>();
    let rows: DrillRows = RwSignal::new(None);
    let (open, set_open) = signal(false);
    let file_name = format!("{}-records.csv", d.id);
    let download = move |_| {
        if let Some(rows) = rows.get_untracked() {
            browser::download(&file_name, "text/csv", &export::drill_csv(&rows));
        }
    };
    let label = move |measure: &str| {
        d.measure(measure)
            .and_then(|i| d.measures.get(i))
            .map_or(measure.to_string(), |m| m.label.to_string())
    };
    let table = move || {
        if !open.get() {
            return None;
        }
        let Some(all) = rows.get() else {
            return Some(view! { <p>"Fetching the records…"</p> }.into_any());
        };
        let shown = all.iter().take(500).cloned().collect::<Vec<_>>();
        let caption = format!("Records behind {}", d.title);
        Some(
            view! {
                <TableRegion label=caption.clone()>
                <table class="drill-table">
                    <caption class="visually-hidden">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Counted in"</th>
                            <th scope="col">"Area"</th>
                            <th scope="col">"File"</th>
                            <th scope="col">"Row"</th>
                            <th scope="col">"Child or worker"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {shown
                            .into_iter()
                            .map(|row| view! {
                                <tr>
                                    <td>{label(&row.measure)}</td>
                                    <td>{row.area}</td>
                                    <td>{row.file}</td>
                                    <td class="number">{row.row}</td>
                                    <td>{row.subject}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
                </TableRegion>
            }
            .into_any(),
        )
    };
    view! {
        <details
            class="drill"
            on:toggle=move |ev| {
                let details: web_sys::HtmlDetailsElement = event_target(&ev);
                if details.open() && rows.get_untracked().is_none() {
                    engine.drill(index, rows);
                }
                set_open.set(details.open());
            }
        >
            <summary>{format!("The {} behind these figures", format::count_of(count, "record", "records"))}</summary>
            <p>
                <button
                    type="button"
                    class="button small"
                    prop:disabled=move || rows.with(Option::is_none)
                    on:click=download
                >
                    "Download as CSV"
                </button>
                {(count > 500).then_some(" (the first 500 are shown; the download has all)")}
            </p>
            {table}
        </details>
    }
    .into_any()
}
