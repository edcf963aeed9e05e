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

    /// Arrow plus word, never the arrow alone.
    pub fn label(self) -> &'static str {
        match self {
            Trend::Improving => "▲ Improving",
            Trend::Worsening => "▼ Worsening",
            Trend::Stable => "► Stable",
            Trend::Up => "▲ Up",
            Trend::Down => "▼ Down",
            Trend::None => "– No trend",
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
