//! The one place numbers and dates become text for people: counts with
//! thousands separators, percentages and rates whole (one decimal for
//! indicator 1's percentage), days and caseloads whole (indicators.md,
//! "Rounding"). The engine keeps unrounded values; only display rounds.

use jiff::civil::Date;

use crate::indicators::{Definition, MeasureKind};

/// How a measure is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Count,
    Percent { decimals: usize },
    Whole,
}

/// The display style of a measure of an indicator.
pub fn style(definition: &Definition, measure: &str) -> Style {
    let kind = definition
        .measure(measure)
        .and_then(|i| definition.measures.get(i))
        .map(|m| m.kind);
    match kind {
        Some(MeasureKind::Percent { .. }) => Style::Percent {
            decimals: usize::from(definition.percent_decimals),
        },
        Some(MeasureKind::Count | MeasureKind::Hidden) => Style::Count,
        _ => Style::Whole,
    }
}

/// A value as shown: `–` when there is none.
pub fn value(value: Option<f64>, style: Style) -> String {
    let Some(value) = value else {
        return "–".to_string();
    };
    match style {
        Style::Percent { decimals } => {
            // One rounding rule everywhere: halves away from zero, as Excel
            // and `thousands` do (`{:.0}` alone would round 12.5 to even).
            let factor = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
            let rounded = (value * factor).round() / factor;
            format!("{rounded:.decimals$}%")
        }
        Style::Count | Style::Whole => thousands(value),
    }
}

/// A number rounded to whole units with thousands separators (`7,546`).
pub fn thousands(value: f64) -> String {
    let rounded = value.round();
    let negative = rounded < 0.0;
    let digits = format!("{:.0}", rounded.abs());
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if negative && grouped != "0" {
        grouped.insert(0, '-');
    }
    grouped
}

/// How a value prints in a "publishable" scorecard (settings
/// `suppress_below`): counts from 1 up to (not including) the threshold
/// print as `<N`, and a percentage whose denominator is below the threshold
/// prints as `–`. `None` when the value prints as normal. The screen always
/// shows true figures; only the print uses this.
pub fn suppressed(
    definition: &Definition,
    measure: &str,
    values: &[Option<f64>],
    threshold: Option<u32>,
) -> Option<String> {
    let threshold = f64::from(threshold?);
    let value_of = |name: &str| {
        definition
            .measure(name)
            .and_then(|i| values.get(i).copied().flatten())
    };
    let kind = definition
        .measure(measure)
        .and_then(|i| definition.measures.get(i))
        .map(|m| m.kind)?;
    match kind {
        MeasureKind::Count => {
            let value = value_of(measure)?;
            (value > 0.0 && value < threshold).then(|| format!("<{threshold}"))
        }
        MeasureKind::Percent { den, .. } => {
            let denominator = value_of(den)?;
            (denominator < threshold && value_of(measure).is_some()).then(|| "–".to_string())
        }
        _ => None,
    }
}

/// A date as a UK reader writes it (`31/12/2017`).
pub fn date(date: Date) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::{re_referrals, unallocated_cases};

    #[test]
    fn publishable_print_suppresses_small_counts_and_their_percentages() {
        use crate::indicators::cp_visits::DEFINITION as VISITS;
        // cp_visits measures: visited, due, percent. 3 of 4 visited.
        let values = [Some(3.0), Some(4.0), Some(75.0)];
        assert_eq!(
            suppressed(&VISITS, "visited", &values, Some(5)),
            Some("<5".into())
        );
        assert_eq!(
            suppressed(&VISITS, "due", &values, Some(5)),
            Some("<5".into())
        );
        assert_eq!(
            suppressed(&VISITS, "percent", &values, Some(5)),
            Some("–".into())
        );
        // 0 is not suppressed (nothing to disclose); 5 is not below 5.
        let values = [Some(0.0), Some(5.0), Some(0.0)];
        assert_eq!(suppressed(&VISITS, "visited", &values, Some(5)), None);
        assert_eq!(suppressed(&VISITS, "due", &values, Some(5)), None);
        assert_eq!(suppressed(&VISITS, "percent", &values, Some(5)), None);
        // No threshold set: nothing suppressed.
        assert_eq!(
            suppressed(
                &VISITS,
                "visited",
                &[Some(1.0), Some(1.0), Some(100.0)],
                None
            ),
            None
        );
    }

    #[test]
    fn numbers_as_the_seed_prints_them() {
        assert_eq!(thousands(7546.0), "7,546");
        assert_eq!(thousands(1234567.4), "1,234,567");
        assert_eq!(thousands(999.5), "1,000");
        assert_eq!(thousands(-0.2), "0");
        let re = style(&re_referrals::DEFINITION, "percent");
        assert_eq!(value(Some(21.7), re), "22%");
        let unallocated = style(&unallocated_cases::DEFINITION, "percent");
        assert_eq!(value(Some(0.0132), unallocated), "0.0%");
        assert_eq!(value(None, unallocated), "–");
        // Halves round away from zero, as counts do: 1 of 8 is 12.5% → 13%.
        assert_eq!(value(Some(12.5), re), "13%");
        assert_eq!(thousands(12.5), "13");
        assert_eq!(value(Some(0.05), unallocated), "0.1%");
        assert_eq!(
            value(
                Some(268.0),
                style(&re_referrals::DEFINITION, "re_referrals")
            ),
            "268"
        );
    }
}
