//! The marks on figures that do not come from the extracts as they stand
//! (history.md, "Using it" and "Restatements"): "published" on a figure
//! from the history of signed-off months, "restated" on one the extracts
//! now give differently, with the published value beside it; and the
//! legend that explains them. Each mark's meaning is also in the cell's
//! text for screen readers, not only in a symbol.

use leptos::prelude::*;

use crate::domain::format::{self, Style};
use crate::domain::month::Month;
use crate::domain::scorecard::Scorecard;
use crate::domain::sources::Source;

/// The value the history published for a figure the extracts restate:
/// `Some(published)` (itself `None` when nothing was published) when the
/// figure of `indicator` / `measure` for `month` (and `area`, `None` for
/// the LA) is restated.
pub(crate) fn published(
    card: &Scorecard,
    indicator: &str,
    month: Month,
    area: Option<&str>,
    measure: &str,
) -> Option<Option<f64>> {
    card.restatements
        .iter()
        .find(|r| {
            r.indicator == indicator
                && r.month == month
                && r.measure == measure
                && r.area.as_deref() == area
        })
        .map(|r| r.published)
}

/// The mark after a figure: published, restated (with the published
/// value), or nothing.
pub(crate) fn mark(
    source: Option<Source>,
    published: Option<Option<f64>>,
    style: Style,
) -> impl IntoView + use<> {
    match (published, source) {
        (Some(was), _) => {
            let was = format::value(was, style);
            Some(
                view! {
                    <span class="mark restated" aria-hidden="true">"R"</span>
                    <span class="was">{format!("was {was}")}</span>
                    <span class="visually-hidden">{format!(" (restated: published as {was})")}</span>
                }
                .into_any(),
            )
        }
        (None, Some(Source::History)) => Some(
            view! {
                <span class="mark published" aria-hidden="true">"P"</span>
                <span class="visually-hidden">" (published: from the history of signed-off months)"</span>
            }
            .into_any(),
        ),
        _ => None,
    }
}

/// Explains the marks, when the scorecard has any figure from the
/// history or any restatement.
#[component]
pub(crate) fn MarksLegend(card: std::sync::Arc<Scorecard>) -> impl IntoView {
    let from_history = card.indicators.iter().any(|i| {
        std::iter::once(&i.current)
            .chain(std::iter::once(&i.previous.values))
            .chain(i.baseline.as_ref().map(|(_, v)| v))
            .chain(std::iter::once(&i.last_year.1))
            .chain(i.year_to_date.as_ref().map(|y| &y.values))
            .any(|v| v.source == Some(Source::History))
    });
    let restated = !card.restatements.is_empty();
    (from_history || restated).then(|| {
        view! {
            <aside class="marks-legend" data-testid="marks-legend" aria-label="What the marks on figures mean">
                {from_history.then(|| view! {
                    <p>
                        <span class="mark published" aria-hidden="true">"P"</span>
                        " Published: the figure as signed off, from the history (the files given do not cover its month, or a column's months include such a month)."
                    </p>
                })}
                {restated.then(|| view! {
                    <p>
                        <span class="mark restated" aria-hidden="true">"R"</span>
                        {format!(
                            " Restated: the files now give a different figure from the one signed off (\"was …\" is the published figure); {} figure{} restated, listed in Data quality and under About these figures.",
                            card.restatements.len(),
                            if card.restatements.len() == 1 { "" } else { "s" }
                        )}
                    </p>
                })}
            </aside>
        }
    })
}
