//! Performance rating (RAG) and trend: pure functions of a headline value,
//! its target and its previous-6-months value (indicators.md, "Rating
//! (RAG)" and "Trend"). Computed on unrounded values.

use serde::{Deserialize, Serialize};

use crate::settings::Polarity;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Green,
    Amber,
    Red,
    None,
}

impl Rating {
    pub fn word(self) -> &'static str {
        match self {
            Rating::Green => "Green",
            Rating::Amber => "Amber",
            Rating::Red => "Red",
            Rating::None => "No rating",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Rating::Green => "green",
            Rating::Amber => "amber",
            Rating::Red => "red",
            Rating::None => "none",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Trend {
    Improving,
    Worsening,
    Stable,
    Up,
    Down,
    None,
}

impl Trend {
    pub fn id(self) -> &'static str {
        match self {
            Trend::Improving => "improving",
            Trend::Worsening => "worsening",
            Trend::Stable => "stable",
            Trend::Up => "up",
            Trend::Down => "down",
            Trend::None => "none",
        }
    }

    /// The figure's direction (an arrow and a word) and, separately, what
    /// that means (outputs.md, "What the reader must be told"): "▲ up ·
    /// improving", "▼ down · improving" for a figure where lower is better.
    /// The arrow always points the way the figure moved, so it never
    /// points against it; a stable figure moved less than the stable band.
    pub fn words(self, polarity: Polarity) -> &'static str {
        let rose = match polarity {
            Polarity::Down => matches!(self, Trend::Worsening),
            Polarity::Up | Polarity::None => matches!(self, Trend::Improving | Trend::Up),
        };
        match (self, rose) {
            (Trend::Improving, true) => "▲ up · improving",
            (Trend::Improving, false) => "▼ down · improving",
            (Trend::Worsening, true) => "▲ up · worsening",
            (Trend::Worsening, false) => "▼ down · worsening",
            (Trend::Stable, _) => "► level · stable",
            (Trend::Up, _) => "▲ up",
            (Trend::Down, _) => "▼ down",
            (Trend::None, _) => "– no trend",
        }
    }
}

/// For `up`: green when v >= t, amber when v >= t − k, else red; `down`
/// mirrors it. No target, no value or polarity none: no rating. A missing
/// tolerance is 0 (no amber band).
pub fn rate(
    polarity: Polarity,
    target: Option<f64>,
    tolerance: Option<f64>,
    value: Option<f64>,
) -> Rating {
    let (Some(target), Some(value)) = (target, value) else {
        return Rating::None;
    };
    let tolerance = tolerance.unwrap_or(0.0);
    match polarity {
        Polarity::None => Rating::None,
        Polarity::Up if value >= target => Rating::Green,
        Polarity::Up if value >= target - tolerance => Rating::Amber,
        Polarity::Down if value <= target => Rating::Green,
        Polarity::Down if value <= target + tolerance => Rating::Amber,
        Polarity::Up | Polarity::Down => Rating::Red,
    }
}

/// Current against previous: a difference smaller than the stable band (1
/// percentage point for percentages, 2% of the previous value otherwise),
/// or none at all, is stable; otherwise improving or worsening by polarity,
/// or up / down for polarity none.
pub fn trend(
    polarity: Polarity,
    current: Option<f64>,
    previous: Option<f64>,
    is_percent: bool,
) -> Trend {
    let (Some(current), Some(previous)) = (current, previous) else {
        return Trend::None;
    };
    let difference = current - previous;
    let band = if is_percent {
        1.0
    } else {
        0.02 * previous.abs()
    };
    if difference == 0.0 || difference.abs() < band {
        return Trend::Stable;
    }
    let rising = difference > 0.0;
    match (polarity, rising) {
        (Polarity::Up, true) | (Polarity::Down, false) => Trend::Improving,
        (Polarity::Up, false) | (Polarity::Down, true) => Trend::Worsening,
        (Polarity::None, true) => Trend::Up,
        (Polarity::None, false) => Trend::Down,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trend_words_point_the_way_the_figure_moved() {
        // Unallocated cases (lower is better) fell from 3 to 1: down, improving.
        let fell = trend(Polarity::Down, Some(1.0), Some(3.0), false);
        assert_eq!(fell.words(Polarity::Down), "▼ down · improving");
        // Caseloads (lower is better) rose from 18 to 20: up, worsening.
        let rose = trend(Polarity::Down, Some(20.0), Some(18.0), false);
        assert_eq!(rose.words(Polarity::Down), "▲ up · worsening");
        // Assessments in time (higher is better): 92% against 88%, then 80%.
        let up = trend(Polarity::Up, Some(92.0), Some(88.0), true);
        assert_eq!(up.words(Polarity::Up), "▲ up · improving");
        let down = trend(Polarity::Up, Some(80.0), Some(88.0), true);
        assert_eq!(down.words(Polarity::Up), "▼ down · worsening");
        // No polarity: the direction alone; within 1 point: stable.
        let plans = trend(Polarity::None, Some(972.0), Some(900.0), false);
        assert_eq!(plans.words(Polarity::None), "▲ up");
        let fewer = trend(Polarity::None, Some(800.0), Some(900.0), false);
        assert_eq!(fewer.words(Polarity::None), "▼ down");
        let level = trend(Polarity::Up, Some(88.5), Some(88.0), true);
        assert_eq!(level.words(Polarity::Up), "► level · stable");
        assert_eq!(
            trend(Polarity::Up, None, Some(88.0), true).words(Polarity::Up),
            "– no trend"
        );
    }

    #[test]
    fn rag_bands_for_up_and_down() {
        // Assessments: up, target 85, tolerance 5.
        assert_eq!(
            rate(Polarity::Up, Some(85.0), Some(5.0), Some(85.0)),
            Rating::Green
        );
        assert_eq!(
            rate(Polarity::Up, Some(85.0), Some(5.0), Some(80.0)),
            Rating::Amber
        );
        assert_eq!(
            rate(Polarity::Up, Some(85.0), Some(5.0), Some(79.99)),
            Rating::Red
        );
        // Children in care: down, target 1,695, tolerance 84.75.
        assert_eq!(
            rate(Polarity::Down, Some(1695.0), Some(84.75), Some(1758.0)),
            Rating::Amber
        );
        assert_eq!(
            rate(Polarity::Down, Some(1695.0), Some(84.75), Some(1779.75)),
            Rating::Amber
        );
        assert_eq!(
            rate(Polarity::Down, Some(1695.0), Some(84.75), Some(1780.0)),
            Rating::Red
        );
        assert_eq!(
            rate(Polarity::Down, Some(0.0), Some(2.0), Some(1.0)),
            Rating::Amber
        );
        // No tolerance: no amber band.
        assert_eq!(
            rate(Polarity::Up, Some(60.0), None, Some(59.0)),
            Rating::Red
        );
        assert_eq!(
            rate(Polarity::None, Some(60.0), None, Some(59.0)),
            Rating::None
        );
        assert_eq!(rate(Polarity::Up, None, None, Some(59.0)), Rating::None);
        assert_eq!(rate(Polarity::Up, Some(60.0), None, None), Rating::None);
    }

    #[test]
    fn stable_band_is_one_point_for_percentages_and_two_percent_otherwise() {
        assert_eq!(
            trend(Polarity::Down, Some(22.0), Some(22.9), true),
            Trend::Stable
        );
        assert_eq!(
            trend(Polarity::Down, Some(22.0), Some(23.0), true),
            Trend::Improving
        );
        assert_eq!(
            trend(Polarity::Up, Some(82.0), Some(89.0), true),
            Trend::Worsening
        );
        // 2% of 1,000 is 20: 19 is stable, 20 is not.
        assert_eq!(
            trend(Polarity::Down, Some(1019.0), Some(1000.0), false),
            Trend::Stable
        );
        assert_eq!(
            trend(Polarity::Down, Some(1020.0), Some(1000.0), false),
            Trend::Worsening
        );
        assert_eq!(
            trend(Polarity::None, Some(1020.0), Some(1000.0), false),
            Trend::Up
        );
        assert_eq!(
            trend(Polarity::None, Some(980.0), Some(1000.0), false),
            Trend::Down
        );
        // From zero, any change is outside a band of 0; no change is stable.
        assert_eq!(
            trend(Polarity::Down, Some(0.0), Some(0.0), false),
            Trend::Stable
        );
        assert_eq!(
            trend(Polarity::Down, Some(1.0), Some(0.0), false),
            Trend::Worsening
        );
        assert_eq!(trend(Polarity::Down, None, Some(0.0), false), Trend::None);
    }
}
