//! What a chart shows, taken from an [`IndicatorResult`]: the headline's
//! label and display style, the 13 months, the areas, and the reference
//! lines that are on the headline's scale; and the one-sentence text
//! alternative of each chart.
//!
//! Owns the decisions about what may be drawn against what (a benchmark
//! per 10,000 is not drawn on a count axis; an LA total is not a reference
//! line for areas' counts). It must not draw, and must not compute figures:
//! every number comes from the scorecard as it is.

use super::style::{Axis, tick_label};
use crate::domain::format::{self, Style};
use crate::domain::indicators::{Definition, MeasureKind};
use crate::domain::scorecard::IndicatorResult;

/// The headline of an indicator as charts name and format it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Headline {
    /// The indicator's title (`% re-referrals within 12 months`).
    pub(crate) title: String,
    /// The headline measure's row label (`Re-referrals %`).
    pub(crate) label: String,
    pub(crate) style: Style,
    /// Whether the headline is a count, which areas add up to.
    pub(crate) is_count: bool,
}

impl Headline {
    pub(crate) fn of(definition: &Definition) -> Headline {
        let measure = definition
            .headline_index()
            .and_then(|i| definition.measures.get(i));
        Headline {
            title: definition.title.to_string(),
            label: measure.map_or(definition.headline, |m| m.label).to_string(),
            style: definition.style(definition.headline),
            is_count: measure.is_some_and(|m| m.kind == MeasureKind::Count),
        }
    }

    /// A value as the table shows it.
    pub(crate) fn value(&self, value: f64) -> String {
        format::value(Some(value), self.style)
    }
}

/// Whether the indicator's benchmarks are rates per 10,000 while its
/// headline is a count (indicators 5 and 7: the seed prints "National
/// average per 10K"), so they cannot be drawn on the headline's axis.
fn benchmarks_per_10k(definition: &Definition) -> bool {
    definition.benchmarks_per_10k()
}

/// A finite value, or none.
fn finite(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite())
}

/// The 13-month series chart's figures.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SeriesFigures {
    pub(crate) headline: Headline,
    /// Month labels (`Dec-16`) and the headline, oldest first.
    pub(crate) months: Vec<(String, Option<f64>)>,
    pub(crate) target: Option<f64>,
    /// The national average when it is on the headline's scale.
    pub(crate) national: Option<f64>,
    /// The national average per 10,000, when it is not (shown as text).
    pub(crate) national_per_10k: Option<f64>,
}

impl SeriesFigures {
    pub(crate) fn of(result: &IndicatorResult) -> SeriesFigures {
        let per_10k = benchmarks_per_10k(result.definition);
        let national = finite(result.national);
        SeriesFigures {
            headline: Headline::of(result.definition),
            months: result
                .series
                .iter()
                .map(|(month, values)| (month.label(), finite(values.headline())))
                .collect(),
            target: finite(result.target),
            national: national.filter(|_| !per_10k),
            national_per_10k: national.filter(|_| per_10k),
        }
    }

    /// Whether any month has a value.
    pub(crate) fn has_data(&self) -> bool {
        self.months.iter().any(|(_, v)| v.is_some())
    }

    /// Every value the value axis must cover.
    pub(crate) fn extent(&self) -> Vec<f64> {
        self.months
            .iter()
            .filter_map(|(_, v)| *v)
            .chain(self.target)
            .chain(self.national)
            .collect()
    }

    /// Runs of consecutive months with a value, as `(index, value)`: each
    /// run is one line, so a month with no value is a gap.
    pub(crate) fn runs(&self) -> Vec<Vec<(f64, f64)>> {
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut current: Vec<(f64, f64)> = Vec::new();
        for (index, (_, value)) in self.months.iter().enumerate() {
            match value {
                Some(value) => current.push((index as f64, *value)),
                None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
                None => {}
            }
        }
        if !current.is_empty() {
            runs.push(current);
        }
        runs
    }

    /// The period, `Dec-16 to Dec-17`.
    pub(crate) fn period(&self) -> String {
        match (self.months.first(), self.months.last()) {
            (Some((first, _)), Some((last, _))) if first != last => format!("{first} to {last}"),
            (Some((only, _)), _) => only.clone(),
            _ => "no months".to_string(),
        }
    }

    /// The text alternative, named by the indicator's title so it stands
    /// alone: `% re-referrals within 12 months, by month, Dec-16 to Dec-17;
    /// latest 22% (Dec-17); target 24%; national average 22%; vertical axis
    /// from 20% to 26%, not from 0.` The axis is the one drawn (none for
    /// the sparkline, which has none).
    pub(crate) fn describe(&self, axis: Option<&Axis>) -> String {
        let headline = &self.headline;
        let mut text = format!("{}, by month, {}", headline.title, self.period());
        let latest = self
            .months
            .iter()
            .rev()
            .find_map(|(label, v)| v.map(|v| (label, v)));
        match latest {
            Some((label, value)) => {
                text.push_str(&format!("; latest {} ({label})", headline.value(value)));
            }
            None => text.push_str("; no data for this period"),
        }
        if let Some(target) = self.target {
            text.push_str(&format!("; target {}", headline.value(target)));
        }
        if let Some(national) = self.national {
            text.push_str(&format!("; national average {}", headline.value(national)));
        }
        if let Some(rate) = self.national_per_10k {
            text.push_str(&format!(
                "; national average {} per 10,000 children",
                format::thousands(rate)
            ));
        }
        let gaps: Vec<&str> = self
            .months
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(label, _)| label.as_str())
            .collect();
        if latest.is_some() && !gaps.is_empty() {
            text.push_str(&format!("; no value for {}", list(&gaps)));
        }
        if let Some(axis) = axis {
            let (bottom, top) = (
                tick_label(axis.bottom, headline.style),
                tick_label(axis.top, headline.style),
            );
            text.push_str(&format!("; vertical axis from {bottom} to {top}"));
            if axis.is_cut() {
                text.push_str(", not from 0");
            }
        }
        text.push('.');
        text
    }
}

/// The area bar chart's figures.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AreaFigures {
    pub(crate) headline: Headline,
    /// The reporting month's label, when known.
    pub(crate) month: Option<String>,
    /// Areas in column order with the month's headline.
    pub(crate) bars: Vec<(String, Option<f64>)>,
    /// The whole LA's headline.
    pub(crate) whole: Option<f64>,
    pub(crate) target: Option<f64>,
}

impl AreaFigures {
    pub(crate) fn of(result: &IndicatorResult) -> AreaFigures {
        AreaFigures {
            headline: Headline::of(result.definition),
            month: result.series.last().map(|(month, _)| month.label()),
            bars: result
                .areas
                .iter()
                .map(|(name, values)| (name.clone(), finite(values.headline())))
                .collect(),
            whole: finite(result.current.headline()),
            target: finite(result.target),
        }
    }

    pub(crate) fn has_data(&self) -> bool {
        self.bars.iter().any(|(_, v)| v.is_some())
    }

    /// Whether the LA value and target are drawn across the bars: only for
    /// ratios (percentages, averages, rates). An LA count is the sum of the
    /// areas' counts, and its target is for the LA, not for each area.
    pub(crate) fn reference_lines(&self) -> bool {
        !self.headline.is_count
    }

    pub(crate) fn extent(&self) -> Vec<f64> {
        let lines = if self.reference_lines() {
            [self.whole, self.target]
        } else {
            [None, None]
        };
        self.bars
            .iter()
            .filter_map(|(_, v)| *v)
            .chain(lines.into_iter().flatten())
            .collect()
    }

    /// `Dec-17` or nothing.
    fn in_month(&self) -> String {
        self.month
            .as_deref()
            .map_or_else(String::new, |m| format!(", {m}"))
    }

    /// The text alternative: `% re-referrals within 12 months, by area,
    /// Dec-17: EAST 20%, NWC no value; whole LA 22%; target 24%.`
    pub(crate) fn describe(&self) -> String {
        let headline = &self.headline;
        let mut text = format!("{}, by area{}", headline.title, self.in_month());
        if self.bars.is_empty() {
            text.push_str(": no breakdown by area");
        } else if !self.has_data() {
            text.push_str(": no data for this period");
        } else {
            let bars: Vec<String> = self
                .bars
                .iter()
                .map(|(name, value)| match value {
                    Some(value) => format!("{name} {}", headline.value(*value)),
                    None => format!("{name} no value"),
                })
                .collect();
            text.push_str(&format!(": {}", bars.join(", ")));
        }
        if let Some(whole) = self.whole {
            let name = if headline.is_count {
                "LA total"
            } else {
                "whole LA"
            };
            text.push_str(&format!("; {name} {}", headline.value(whole)));
        }
        if let Some(target) = self.target {
            let whose = if self.reference_lines() {
                ""
            } else {
                " (for the LA)"
            };
            text.push_str(&format!("; target {}{whose}", headline.value(target)));
        }
        text.push('.');
        text
    }
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [only] => (*only).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        assert_eq!(list(&["Jan-17"]), "Jan-17");
        assert_eq!(list(&["Jan-17", "Feb-17"]), "Jan-17 and Feb-17");
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
    }
}
