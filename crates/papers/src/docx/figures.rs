//! What an indicator's table and the summary say, cell by cell, as the
//! page shows them (`src/ui/scorecard_view.rs`): the columns Previous 6
//! months, the optional Last year and Year to date, Baseline, the month and
//! each area; a row per shown measure; then Target, Performance rating,
//! Trend and the two benchmarks with their year.
//!
//! Owns: choosing and ordering those cells and their text (publishable
//! suppression, published and restated marks). Must not: know anything of
//! Word (`table` lays the cells out) or compute a figure (the engine's
//! `Scorecard`, `format` and `paper` do).

use csc_engine::format;
use csc_engine::month::Month;
use csc_engine::paper;
use csc_engine::rating::Rating;
use csc_engine::scorecard::{
    IndicatorResult, Scorecard, Values, previous_heading, year_to_date_heading,
};
use csc_engine::settings::Settings;
use csc_engine::sources::Source;

/// How a figure came to be shown, beside its value (history.md, "Using it"
/// and "Restatements"); the About section explains both marks.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Mark {
    /// From the history of signed-off months ("P").
    Published,
    /// The files now give a different figure from the one signed off
    /// ("R"), with the published figure when it may be shown.
    Restated { was: Option<String> },
}

/// One value cell.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Figure {
    pub text: String,
    pub mark: Option<Mark>,
}

/// One measure's row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct MeasureRow {
    pub label: &'static str,
    pub figures: Vec<Figure>,
}

/// An indicator's table.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Figures {
    /// The value columns' headings (the label column has none).
    pub columns: Vec<String>,
    pub measures: Vec<MeasureRow>,
    pub target: String,
    pub rating: Rating,
    pub trend: &'static str,
    /// "National average (2015-16)" and its value.
    pub national: (String, String),
    pub neighbours: (String, String),
}

/// How cells are made: from which scorecard, and whether suppressed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Shown<'a> {
    pub card: &'a Scorecard,
    pub settings: &'a Settings,
    /// The publishable print's threshold, when the paper is publishable.
    pub suppress_below: Option<u32>,
}

/// A column of the table: its heading, values, and the single month its
/// figures are of (with the area, to find a restatement), `None` for a
/// column combined from several months.
struct Column<'r> {
    heading: String,
    values: &'r Values,
    month: Option<(Month, Option<&'r str>)>,
}

impl<'a> Shown<'a> {
    pub(crate) fn new(card: &'a Scorecard, settings: &'a Settings, publishable: bool) -> Self {
        Shown {
            card,
            settings,
            suppress_below: if publishable {
                settings.suppress_below
            } else {
                None
            },
        }
    }

    /// The table of one indicator, its columns as the page orders them.
    pub(crate) fn figures(&self, result: &IndicatorResult) -> Figures {
        let d = result.definition;
        let month = self.card.month;
        let mut columns = vec![Column {
            heading: previous_heading(d, result.previous_mode, result.previous.months),
            values: &result.previous.values,
            month: None,
        }];
        if self.settings.show_last_year {
            let (at, values) = &result.last_year;
            columns.push(Column {
                heading: format!("{} (last year)", at.label()),
                values,
                month: Some((*at, None)),
            });
        }
        if let Some(ytd) = result
            .year_to_date
            .as_ref()
            .filter(|_| self.settings.show_year_to_date)
        {
            columns.push(Column {
                heading: year_to_date_heading(month, ytd.months),
                values: &ytd.values,
                month: None,
            });
        }
        if let Some((at, values)) = &result.baseline {
            columns.push(Column {
                heading: at.label(),
                values,
                month: Some((*at, None)),
            });
        }
        columns.push(Column {
            heading: month.label(),
            values: &result.current,
            month: Some((month, None)),
        });
        for (area, values) in &result.areas {
            columns.push(Column {
                heading: area.clone(),
                values,
                month: Some((month, Some(area.as_str()))),
            });
        }
        let measures = d
            .measures
            .iter()
            .filter(|m| m.is_shown())
            .map(|m| MeasureRow {
                label: m.label,
                figures: columns
                    .iter()
                    .map(|column| self.figure(result, m.name, column))
                    .collect(),
            })
            .collect();
        let headline = d.style(d.headline);
        let benchmark = |heading: &str, value: Option<f64>| {
            (
                paper::benchmark_heading(heading, result),
                format::value(value, headline),
            )
        };
        Figures {
            columns: columns.into_iter().map(|c| c.heading).collect(),
            measures,
            target: format::value(result.target, headline),
            rating: result.rating,
            trend: result.trend.words(result.polarity),
            national: benchmark("National average", result.national),
            neighbours: benchmark(
                "Statistical neighbours average",
                result.statistical_neighbours,
            ),
        }
    }

    /// The headline of the month as the summary shows it: "needs files"
    /// when the indicator could not be computed.
    pub(crate) fn headline(&self, result: &IndicatorResult) -> String {
        if !result.missing_inputs.is_empty() {
            return "needs files".to_string();
        }
        let d = result.definition;
        let value = result.current.headline();
        d.suppressed(d.headline, &result.current.values, self.suppress_below)
            .unwrap_or_else(|| format::value(value, d.style(d.headline)))
    }

    fn figure(&self, result: &IndicatorResult, measure: &str, column: &Column<'_>) -> Figure {
        let d = result.definition;
        let style = d.style(measure);
        let text = d
            .suppressed(measure, &column.values.values, self.suppress_below)
            .unwrap_or_else(|| format::value(column.values.get(measure), style));
        let restated = column.month.and_then(|(month, area)| {
            self.card
                .restatements
                .iter()
                .find(|r| {
                    r.indicator == d.id
                        && r.month == month
                        && r.measure == measure
                        && r.area.as_deref() == area
                })
                .map(|r| r.published)
        });
        let mark = match (restated, column.values.source) {
            // A publishable paper leaves the published figure out: it may
            // be a small count the suppression hides.
            (Some(was), _) => Some(Mark::Restated {
                was: self
                    .suppress_below
                    .is_none()
                    .then(|| format::value(was, style)),
            }),
            (None, Some(Source::History)) => Some(Mark::Published),
            _ => None,
        };
        Figure { text, mark }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use csc_engine::indicators::cp_visits::DEFINITION as VISITS;
    use csc_engine::scorecard::Previous;
    use csc_engine::settings::{Polarity, PreviousMode};
    use csc_engine::sources::Restatement;

    fn values(figures: [Option<f64>; 3], source: Option<Source>) -> Values {
        Values {
            definition: &VISITS,
            values: figures.to_vec(),
            source,
        }
    }

    /// CP visits (visited, due, percent) for December 2017: 3 of 4
    /// visited, a baseline of March 2017 from the history, one area.
    fn visits() -> (Scorecard, IndicatorResult) {
        let month = Month::new(2017, 12).unwrap();
        let result = IndicatorResult {
            definition: &VISITS,
            polarity: Polarity::Up,
            previous_mode: PreviousMode::Average,
            missing_inputs: Vec::new(),
            current: values([Some(3.0), Some(4.0), Some(75.0)], Some(Source::Extracts)),
            previous: Previous {
                values: values([Some(9.0), Some(10.0), Some(90.0)], Some(Source::Extracts)),
                months: 6,
            },
            last_year: (
                Month::new(2016, 12).unwrap(),
                values([Some(8.0), Some(8.0), Some(100.0)], Some(Source::History)),
            ),
            year_to_date: Some(Previous {
                values: values([Some(40.0), Some(50.0), Some(80.0)], Some(Source::Extracts)),
                months: 9,
            }),
            baseline: Some((
                Month::new(2017, 3).unwrap(),
                values([Some(7.0), Some(10.0), Some(70.0)], Some(Source::History)),
            )),
            areas: vec![(
                "EAST".to_string(),
                values([Some(1.0), Some(2.0), Some(50.0)], Some(Source::Extracts)),
            )],
            series: Vec::new(),
            target: Some(95.0),
            tolerance: Some(5.0),
            rating: Rating::Red,
            trend: csc_engine::rating::Trend::Worsening,
            national: Some(87.0),
            statistical_neighbours: None,
            benchmark_year: Some("2015-16".into()),
            notes: Vec::new(),
            published_commentary: None,
            drill: Vec::new(),
        };
        let card = Scorecard {
            month,
            la_name: "Example".into(),
            protective_marking: "OFFICIAL".into(),
            files: Vec::new(),
            late_extracts: Vec::new(),
            indicators: vec![result.clone()],
            held: None,
            restatements: vec![Restatement {
                indicator: "cp_visits".into(),
                month,
                measure: "visited".into(),
                area: Some("EAST".into()),
                published: Some(2.0),
                now: Some(1.0),
            }],
            problems: Vec::new(),
        };
        (card, result)
    }

    fn texts(row: &MeasureRow) -> Vec<&str> {
        row.figures.iter().map(|f| f.text.as_str()).collect()
    }

    #[test]
    fn columns_follow_the_page_and_the_settings() {
        let (card, result) = visits();
        let mut settings = Settings::default();
        let shown = Shown::new(&card, &settings, false);
        let figures = shown.figures(&result);
        assert_eq!(
            figures.columns,
            ["Prev. 6 months average", "Mar-17", "Dec-17", "EAST"]
        );
        settings.show_last_year = true;
        settings.show_year_to_date = true;
        let figures = Shown::new(&card, &settings, false).figures(&result);
        assert_eq!(
            figures.columns,
            [
                "Prev. 6 months average",
                "Dec-16 (last year)",
                "Year to date, Apr-17–Dec-17",
                "Mar-17",
                "Dec-17",
                "EAST"
            ]
        );
        let labels: Vec<&str> = figures.measures.iter().map(|m| m.label).collect();
        assert_eq!(labels.len(), 3, "visited, due and percent are all shown");
        let percent = figures.measures.last().expect("the percentage row");
        assert_eq!(texts(percent), ["90%", "100%", "80%", "70%", "75%", "50%"]);
        assert_eq!(figures.target, "95%");
        assert_eq!(figures.trend, "▼ down · worsening");
        assert_eq!(
            figures.national,
            ("National average (2015-16)".to_string(), "87%".to_string())
        );
        assert_eq!(
            figures.neighbours,
            (
                "Statistical neighbours average (2015-16)".to_string(),
                "–".to_string()
            )
        );
    }

    #[test]
    fn marks_published_and_restated_figures() {
        let (card, result) = visits();
        let settings = Settings::default();
        let figures = Shown::new(&card, &settings, false).figures(&result);
        let visited = figures.measures.first().expect("the visited row");
        let marks: Vec<Option<Mark>> = visited.figures.iter().map(|f| f.mark.clone()).collect();
        assert_eq!(
            marks,
            [
                None,
                Some(Mark::Published),
                None,
                Some(Mark::Restated {
                    was: Some("2".into())
                })
            ]
        );
    }

    #[test]
    fn a_publishable_paper_suppresses_small_counts() {
        let (card, result) = visits();
        let settings = Settings {
            suppress_below: Some(5),
            ..Settings::default()
        };
        // Not publishable: every figure as it is.
        let figures = Shown::new(&card, &settings, false).figures(&result);
        let visited = figures.measures.first().expect("the visited row");
        assert_eq!(texts(visited), ["9", "7", "3", "1"]);
        // Publishable: 3 and 1 visited are below 5; 3 of 4 and 1 of 2 are
        // percentages of fewer than 5; the restated area keeps its mark
        // but not the published 2.
        let figures = Shown::new(&card, &settings, true).figures(&result);
        let rows: Vec<Vec<&str>> = figures.measures.iter().map(texts).collect();
        assert_eq!(
            rows,
            [
                vec!["9", "7", "<5", "<5"],
                vec!["10", "10", "<5", "<5"],
                vec!["90%", "70%", "–", "–"],
            ]
        );
        let east = figures
            .measures
            .first()
            .and_then(|m| m.figures.last())
            .and_then(|f| f.mark.clone());
        assert_eq!(east, Some(Mark::Restated { was: None }));
        assert_eq!(Shown::new(&card, &settings, true).headline(&result), "–");
        assert_eq!(Shown::new(&card, &settings, false).headline(&result), "75%");
    }
}
