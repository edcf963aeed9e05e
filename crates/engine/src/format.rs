//! The one place numbers and dates become text for people: counts with
//! thousands separators, percentages and rates whole (one decimal for
//! indicator 1's percentage), days and caseloads whole (indicators.md,
//! "Rounding"). The engine keeps unrounded values; only display rounds.

use jiff::civil::Date;

/// How a measure is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Count,
    Percent { decimals: usize },
    Whole,
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

/// A count of things with its noun in the right number, the count
/// grouped as every figure is: "1 file", "25 files", "2,105 records".
pub fn count_of(count: usize, one: &str, many: &str) -> String {
    let noun = if count == 1 { one } else { many };
    format!("{} {noun}", thousands(count as f64))
}

/// A figure as JSON writes it (the CLI's JSON, the history): whole
/// numbers as integers when `integral` (`972`, not `972.0`), others
/// unrounded, `null` for no value or a non-finite one.
pub(crate) fn json_number(value: Option<f64>, integral: bool) -> serde_json::Value {
    match value {
        Some(v) if integral && v.fract() == 0.0 && v.abs() < 9.0e15 => serde_json::json!(v as i64),
        Some(v) => serde_json::Number::from_f64(v)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        None => serde_json::Value::Null,
    }
}

/// A date as a UK reader writes it (`31/12/2017`).
pub fn date(date: Date) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_with_their_noun() {
        assert_eq!(count_of(0, "file", "files"), "0 files");
        assert_eq!(count_of(1, "file", "files"), "1 file");
        assert_eq!(count_of(25, "file", "files"), "25 files");
        assert_eq!(count_of(2105, "record", "records"), "2,105 records");
        assert_eq!(
            count_of(1_000_000, "child", "children"),
            "1,000,000 children"
        );
    }

    #[test]
    fn numbers_as_the_seed_prints_them() {
        assert_eq!(thousands(7546.0), "7,546");
        assert_eq!(thousands(1234567.4), "1,234,567");
        assert_eq!(thousands(999.5), "1,000");
        assert_eq!(thousands(-0.2), "0");
        let whole = Style::Percent { decimals: 0 };
        assert_eq!(value(Some(21.7), whole), "22%");
        let one_decimal = Style::Percent { decimals: 1 };
        assert_eq!(value(Some(0.0132), one_decimal), "0.0%");
        assert_eq!(value(None, one_decimal), "–");
        // Halves round away from zero, as counts do: 1 of 8 is 12.5% → 13%.
        assert_eq!(value(Some(12.5), whole), "13%");
        assert_eq!(thousands(12.5), "13");
        assert_eq!(value(Some(0.05), one_decimal), "0.1%");
        assert_eq!(value(Some(268.0), Style::Count), "268");
        assert_eq!(value(Some(1695.4), Style::Whole), "1,695");
    }
}
