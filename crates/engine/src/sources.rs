//! Where an indicator-month's figures come from (history.md, "Using it"):
//! the extracts when they cover the month, else the history's signed-off
//! figures, else whatever the extracts give; and the restatements found
//! where both hold a month.
//!
//! Owns: the source rule, applied to one indicator-month at a time, and
//! the comparison that finds restatements. Must not: count (it is given
//! the month's counts) or combine months into columns (the scorecard does).

use serde::{Deserialize, Serialize};

use crate::areas::Areas;
use crate::history::{History, HistoryIndicator};
use crate::indicators::{Definition, MonthCounts};
use crate::month::Month;
use crate::settings::Settings;

/// Where a figure came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Counted from the files given.
    Extracts,
    /// The month as signed off (or seeded) in the history.
    History,
}

impl Source {
    /// The word the JSON and the page's `data-source` write.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Extracts => "extracts",
            Source::History => "history",
        }
    }

    /// The source of a column combined from several months (previous 6
    /// months, year to date): `History` when any of them came from the
    /// history (the figure rests on published ones), else `Extracts` when
    /// any had figures, else none.
    pub fn of_months(sources: impl IntoIterator<Item = Option<Source>>) -> Option<Source> {
        sources
            .into_iter()
            .flatten()
            .max_by_key(|source| *source == Source::History)
    }
}

/// A published figure the extracts now give differently (history.md,
/// "Restatements").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Restatement {
    pub indicator: String,
    pub month: Month,
    pub measure: String,
    /// `None` for the LA.
    pub area: Option<String>,
    pub published: Option<f64>,
    pub now: Option<f64>,
}

/// The smallest difference that is a restatement (history.md).
const RESTATED_ABOVE: f64 = 1e-9;

/// One indicator-month's figures as the scorecard shows them.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Chosen {
    /// The LA's values, in the definition's order.
    pub la: Vec<Option<f64>>,
    /// Each area's values in column order (only when asked for).
    pub areas: Vec<(String, Vec<Option<f64>>)>,
    pub source: Option<Source>,
}

/// Applies the source rule to one indicator's months, collecting the
/// restatements it finds on the way.
pub(crate) struct Chooser<'a> {
    pub definition: &'static Definition,
    pub history: &'a History,
    pub areas: &'a Areas,
    pub settings: &'a Settings,
    pub restatements: Vec<Restatement>,
}

impl Chooser<'_> {
    /// `month`'s figures from its `counts` (the extracts') or the history;
    /// areas only when `with_areas` (the reporting month). Call once per
    /// month, or its restatements are listed twice.
    pub fn choose(&mut self, month: Month, counts: &MonthCounts, with_areas: bool) -> Chosen {
        let held = self
            .history
            .months
            .get(&month)
            .and_then(|entry| entry.indicators.get(self.definition.id));
        match held {
            // Rule 2: the whole indicator-month from the history.
            Some(held) if !counts.covered() => self.published_figures(held, with_areas),
            // Rule 1, compared with what was published.
            Some(held) => {
                let chosen = self.extracts_figures(counts, true);
                self.compare(month, held, &chosen);
                if with_areas {
                    chosen
                } else {
                    Chosen {
                        areas: Vec::new(),
                        ..chosen
                    }
                }
            }
            // Rules 1 and 3: what the extracts give.
            None => self.extracts_figures(counts, with_areas),
        }
    }

    fn extracts_figures(&self, counts: &MonthCounts, with_areas: bool) -> Chosen {
        let definition = self.definition;
        let (la, areas) = if with_areas {
            let figures = counts.figures(definition, self.areas, self.settings);
            let areas = figures
                .areas
                .into_iter()
                .enumerate()
                .filter_map(|(slot, values)| Some((self.areas.name(slot).to_string(), values?)))
                .collect();
            (figures.la, areas)
        } else {
            (counts.la_values(definition, self.settings), Vec::new())
        };
        let known = la.iter().any(Option::is_some)
            || areas
                .iter()
                .any(|(_, values)| values.iter().any(Option::is_some));
        Chosen {
            la,
            areas,
            source: known.then_some(Source::Extracts),
        }
    }

    fn published_figures(&self, held: &HistoryIndicator, with_areas: bool) -> Chosen {
        let measures = |values: &std::collections::BTreeMap<String, Option<f64>>| {
            self.definition
                .measures
                .iter()
                .map(|measure| values.get(measure.name).copied().flatten())
                .collect::<Vec<_>>()
        };
        let areas = if with_areas {
            // The team table's areas first, in its order, then any other
            // the history holds (Unmapped, an area since renamed).
            let table: Vec<&str> = (0..self.areas.slots())
                .map(|slot| self.areas.name(slot))
                .collect();
            let mut names: Vec<&String> = held.areas.keys().collect();
            names.sort_by_key(|name| {
                table
                    .iter()
                    .position(|area| area == name)
                    .unwrap_or(usize::MAX)
            });
            names
                .into_iter()
                .filter_map(|name| Some((name.clone(), measures(held.areas.get(name)?))))
                .collect()
        } else {
            Vec::new()
        };
        Chosen {
            la: measures(&held.current),
            areas,
            source: Some(Source::History),
        }
    }

    /// history.md, "Restatements": every measure the history holds, for
    /// the LA and each area (an area on one side only compares with no
    /// value), differing by more than 1e-9 or a value against none.
    fn compare(&mut self, month: Month, held: &HistoryIndicator, now: &Chosen) {
        let definition = self.definition;
        let mut compare_measures =
            |area: Option<&str>,
             published: Option<&std::collections::BTreeMap<String, Option<f64>>>,
             values: Option<&Vec<Option<f64>>>| {
                for (index, measure) in definition.measures.iter().enumerate() {
                    // A seeded history may hold only some measures: those it
                    // does not hold were never published.
                    let Some(published) = (match published {
                        Some(published) => published.get(measure.name).copied(),
                        None => held.current.get(measure.name).map(|_| None),
                    }) else {
                        continue;
                    };
                    let now = values.and_then(|v| v.get(index).copied().flatten());
                    let differs = match (published, now) {
                        (Some(a), Some(b)) => (a - b).abs() > RESTATED_ABOVE,
                        (None, None) => false,
                        _ => true,
                    };
                    if differs {
                        self.restatements.push(Restatement {
                            indicator: definition.id.to_string(),
                            month,
                            measure: measure.name.to_string(),
                            area: area.map(str::to_string),
                            published,
                            now,
                        });
                    }
                }
            };
        compare_measures(None, Some(&held.current), Some(&now.la));
        // Areas only where the history has any (a seeded history may hold
        // the LA alone), every area either side names.
        if held.areas.is_empty() || !definition.has_areas {
            return;
        }
        let mut names: Vec<&str> = now.areas.iter().map(|(name, _)| name.as_str()).collect();
        names.extend(
            held.areas
                .keys()
                .map(String::as_str)
                .filter(|name| !now.areas.iter().any(|(area, _)| area == name)),
        );
        for name in names {
            let values = now
                .areas
                .iter()
                .find(|(area, _)| area == name)
                .map(|(_, values)| values);
            compare_measures(Some(name), held.areas.get(name), values);
        }
    }
}
