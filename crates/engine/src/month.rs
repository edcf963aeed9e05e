//! Reporting months (`YYYY-MM`) and the day arithmetic the indicators share.
//!
//! Owns: the `Month` type, its first and last days, month steps, and the
//! labels (`2017-12` for machines, `Dec-17` for people). It must not know
//! about working days (see `calendar`) or about any file.

use std::fmt;

use jiff::ToSpan;
use jiff::civil::Date;

/// A calendar month. Ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i16,
    month: i8,
}

const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Month {
    /// The month `year-month`, or `None` when out of range (1–12, years 1000–9998).
    pub fn new(year: i16, month: i8) -> Option<Month> {
        ((1000..=9998).contains(&year) && (1..=12).contains(&month))
            .then_some(Month { year, month })
    }

    /// The month a date falls in.
    pub fn of(date: Date) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        Month::new(year.parse().ok()?, month.parse().ok()?)
    }

    pub fn year(self) -> i16 {
        self.year
    }

    pub fn number(self) -> i8 {
        self.month
    }

    /// `M_start`: the first day.
    pub fn first_day(self) -> Date {
        Date::new(self.year, self.month, 1).unwrap_or(Date::MIN)
    }

    /// `M_end`: the last day.
    pub fn last_day(self) -> Date {
        self.first_day().last_of_month()
    }

    /// The month `n` months later (`n` may be negative).
    pub fn plus(self, n: i32) -> Month {
        let index = i32::from(self.year) * 12 + i32::from(self.month) - 1 + n;
        let year = index.div_euclid(12).clamp(1000, 9998);
        let month = index.rem_euclid(12) + 1;
        Month {
            year: year as i16,
            month: month as i8,
        }
    }

    /// Whether `date` falls in this month.
    pub fn contains(self, date: Date) -> bool {
        Month::of(date) == self
    }

    /// The seed's column label, e.g. `Dec-17`.
    pub fn label(self) -> String {
        let name = MONTH_ABBREVIATIONS
            .get(usize::try_from(self.month - 1).unwrap_or(0))
            .copied()
            .unwrap_or("");
        format!("{name}-{:02}", self.year.rem_euclid(100))
    }

    /// A month as people write it: `2017-12`, its label `Dec-17` or its
    /// long label `December 2017` (any case; `Dec 2017` and `dec-2017` too).
    /// Two-digit years are 20YY.
    pub fn parse_written(text: &str) -> Option<Month> {
        let text = text.trim();
        if text.len() == 7 {
            if let Some(month) = Month::parse(text) {
                return Some(month);
            }
        }
        let (name, year) = text
            .split_once('-')
            .or_else(|| text.split_once(char::is_whitespace))?;
        let name = name.trim().to_lowercase();
        let number = MONTH_NAMES
            .iter()
            .zip(MONTH_ABBREVIATIONS)
            .position(|(full, short)| {
                full.to_lowercase() == name || short.to_lowercase() == name
            })?
            + 1;
        let year = year.trim();
        let year: i32 = match year.len() {
            2 => 2000 + year.parse::<i32>().ok()?,
            4 => year.parse().ok()?,
            _ => return None,
        };
        Month::parse(&format!("{year:04}-{number:02}"))
    }

    /// The long label, e.g. `December 2017`.
    pub fn long_label(self) -> String {
        let name = MONTH_NAMES
            .get(usize::try_from(self.month - 1).unwrap_or(0))
            .copied()
            .unwrap_or("");
        format!("{name} {}", self.year)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl serde::Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Month::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a month (YYYY-MM)")))
    }
}

/// `date` minus `n` calendar months, clamped to the end of a shorter month
/// (29/02/2016 minus 12 months is 28/02/2015), as indicator 2's look-back needs.
pub(crate) fn months_before(date: Date, n: i32) -> Date {
    date.checked_sub(n.months()).unwrap_or(Date::MIN)
}

/// Whole years from `birth` to `on` (age on a day).
pub fn age_on(birth: Date, on: Date) -> i32 {
    let mut age = i32::from(on.year()) - i32::from(birth.year());
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// Calendar days from `a` to `b` (`b - a`).
pub(crate) fn days_between(a: Date, b: Date) -> i64 {
    // Dates come from `Date::new`, so the span always fits; fall back to 0 rather than panic.
    a.until(b)
        .map(|span| i64::from(span.get_days()))
        .unwrap_or(0)
}

/// `text` in pieces, each with whether it is a month label as
/// [`Month::label`] writes it (`Dec-17`, a word of its own), so a heading
/// can keep its months whole while the rest wraps. The pieces join back
/// to `text`.
pub fn split_labels(text: &str) -> Vec<(&str, bool)> {
    let bytes = text.as_bytes();
    let is_label_at = |at: usize| {
        let Some([m, o, n, b'-', y1, y2, after @ ..]) = bytes.get(at..) else {
            return false;
        };
        let word_before = at
            .checked_sub(1)
            .and_then(|before| bytes.get(before))
            .is_some_and(u8::is_ascii_alphanumeric);
        let word_after = after.first().is_some_and(u8::is_ascii_alphanumeric);
        m.is_ascii_uppercase()
            && o.is_ascii_lowercase()
            && n.is_ascii_lowercase()
            && y1.is_ascii_digit()
            && y2.is_ascii_digit()
            && !word_before
            && !word_after
    };
    let mut pieces = Vec::new();
    let (mut from, mut at) = (0, 0);
    while at < bytes.len() {
        if is_label_at(at) {
            // ASCII on both sides of a label: these are char boundaries.
            if at > from {
                pieces.push((text.get(from..at).unwrap_or(""), false));
            }
            pieces.push((text.get(at..at + 6).unwrap_or(""), true));
            at += 6;
            from = at;
        } else {
            at += 1;
        }
    }
    if from < bytes.len() {
        pieces.push((text.get(from..).unwrap_or(""), false));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn parses_and_prints() {
        let m = Month::parse("2017-12").unwrap();
        assert_eq!(m.to_string(), "2017-12");
        assert_eq!(m.label(), "Dec-17");
        assert_eq!(m.long_label(), "December 2017");
        assert_eq!(Month::parse("2017-13"), None);
        assert_eq!(Month::parse("17-12"), None);
    }

    #[test]
    fn steps_across_years() {
        let m = Month::parse("2017-12").unwrap();
        assert_eq!(m.plus(-12).to_string(), "2016-12");
        assert_eq!(m.plus(1).to_string(), "2018-01");
        assert_eq!(m.plus(-11).to_string(), "2017-01");
    }

    #[test]
    fn first_and_last_days() {
        let feb = Month::parse("2016-02").unwrap();
        assert_eq!(feb.first_day(), date(2016, 2, 1));
        assert_eq!(feb.last_day(), date(2016, 2, 29));
    }

    #[test]
    fn look_back_from_29_february_starts_on_28_february() {
        // indicators.md, indicator 2: "A look-back from 29 February starts on 28 February."
        assert_eq!(months_before(date(2016, 2, 29), 12), date(2015, 2, 28));
        assert_eq!(months_before(date(2017, 3, 15), 12), date(2016, 3, 15));
    }

    #[test]
    fn ages_in_whole_years() {
        assert_eq!(age_on(date(2000, 12, 31), date(2017, 12, 31)), 17);
        assert_eq!(age_on(date(2001, 1, 1), date(2017, 12, 31)), 16);
        assert_eq!(age_on(date(2000, 2, 29), date(2018, 2, 28)), 17);
        assert_eq!(days_between(date(2017, 1, 1), date(2017, 12, 31)), 364);
    }

    #[test]
    fn month_labels_are_found_whole_in_headings() {
        assert_eq!(
            split_labels("Previous 6 months (Jun-17 – Nov-17)"),
            vec![
                ("Previous 6 months (", false),
                ("Jun-17", true),
                (" – ", false),
                ("Nov-17", true),
                (")", false),
            ]
        );
        assert_eq!(split_labels("Dec-17"), vec![("Dec-17", true)]);
        assert_eq!(
            split_labels("Dec-16 (last year)"),
            vec![("Dec-16", true), (" (last year)", false)]
        );
        // Not a label: part of a longer word or number, or no year.
        assert_eq!(split_labels("XDec-17"), vec![("XDec-17", false)]);
        assert_eq!(split_labels("Dec-175"), vec![("Dec-175", false)]);
        assert_eq!(split_labels("North – Dec"), vec![("North – Dec", false)]);
        assert_eq!(split_labels(""), Vec::<(&str, bool)>::new());
    }
}
