//! Working days: England and Wales bank holidays and the day counts built on them.
//!
//! Owns: the built-in bank-holiday table (`spec/bank-holidays.md`, years
//! 2012–2028), the rule that derives the regular holidays for any other year,
//! the settings' extra holidays, and the count of working days between two
//! dates (`spec/indicators.md`, "Working days"). It must not know about months
//! as reporting periods (see `month`), about indicators or about any file, and
//! it must not panic on any date `jiff` can represent: a span is counted by
//! arithmetic and binary search, never day by day, because it is asked about
//! every assessment in every file.

use jiff::civil::Date;

/// The first and last years of the built-in table.
const TABLE_YEARS: std::ops::RangeInclusive<i16> = 2012..=2028;

/// Years whose holidays are worked out once, at construction. Outside these the
/// rule is applied on the fly: slower, but only garbage dates get there.
const PRECOMPUTED_FIRST_YEAR: i16 = 1900;
const PRECOMPUTED_LAST_YEAR: i16 = 2100;

/// `spec/bank-holidays.md`'s table, verbatim so the two can be compared by
/// eye: a year, then its days as `MM-DD`, `*` marking a one-off or moved day.
/// Every year of `TABLE_YEARS` must have a row (a test checks it parses and
/// does).
const TABLE: &str = "
2012 01-02 04-06 04-09 05-07 06-04 06-05* 08-27 12-25 12-26
2013 01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26
2014 01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26
2015 01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28
2016 01-01 03-25 03-28 05-02 05-30 08-29 12-26 12-27
2017 01-02 04-14 04-17 05-01 05-29 08-28 12-25 12-26
2018 01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26
2019 01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26
2020 01-01 04-10 04-13 05-08* 05-25 08-31 12-25 12-28
2021 01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28
2022 01-03 04-15 04-18 05-02 06-02 06-03* 08-29 09-19* 12-26 12-27
2023 01-02 04-07 04-10 05-01 05-08* 05-29 08-28 12-25 12-26
2024 01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26
2025 01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26
2026 01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28
2027 01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28
2028 01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26
";

/// One day of `TABLE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TableDay {
    year: i16,
    month: i8,
    day: i8,
    /// Marked `*`: a one-off or moved day the rule would not give.
    one_off: bool,
}

/// Every day of `TABLE`, in order. A malformed field is skipped rather than
/// panicking; the table's test proves there are none.
fn table_entries() -> impl Iterator<Item = TableDay> {
    TABLE.lines().flat_map(|line| {
        let mut fields = line.split_whitespace();
        let year = fields.next().and_then(|year| year.parse::<i16>().ok());
        fields.filter_map(move |field| {
            let one_off = field.ends_with('*');
            let (month, day) = field.trim_end_matches('*').split_once('-')?;
            Some(TableDay {
                year: year?,
                month: month.parse().ok()?,
                day: day.parse().ok()?,
                one_off,
            })
        })
    })
}

/// England & Wales working-day calendar.
///
/// Holidays come from three places: the built-in table for 2012–2028, the
/// rule (see [`Calendar::new`]) for every other year, and the settings'
/// `extra_bank_holidays`. Dates are held as day numbers (days since
/// 1970-01-01) so that counting is integer arithmetic.
#[derive(Clone, Debug)]
pub struct Calendar {
    /// Every holiday of 1900–2100 plus every extra (whatever its year), sorted
    /// and deduplicated. Extras on a weekend are kept: they are still holidays,
    /// they just cost no working day.
    holidays: Vec<i64>,
    /// The part of `holidays` that falls Monday to Friday: the days a count
    /// of working days must subtract.
    weekday_holidays: Vec<i64>,
}

impl Calendar {
    /// Built-in table (years 2012–2028 from `bank-holidays.md`) plus `extra`
    /// dates (settings `extra_bank_holidays`).
    ///
    /// For any other year the regular days are derived by rule: New Year's
    /// Day, Good Friday, Easter Monday, the early-May Monday (first Monday of
    /// May), the spring Monday (last Monday of May), the summer Monday (last
    /// Monday of August), Christmas Day and Boxing Day. A New Year's Day,
    /// Christmas Day or Boxing Day on a weekend is replaced by the next
    /// weekday not already a holiday (so Christmas on a Saturday gives Monday
    /// 27 and Tuesday 28; on a Sunday, Monday 26 and Tuesday 27; Boxing Day
    /// on a Saturday gives Monday 28), as the table does. Easter is the
    /// anonymous Gregorian (Meeus/Jones/Butcher) computus. The rule is today's
    /// practice applied to every year: it knows no one-off days (the 2011
    /// royal wedding) and no older arrangements (Whit Monday before 1971, no
    /// New Year's Day holiday before 1974 or early-May Monday before 1978).
    ///
    /// Years 1900–2100 are worked out here; for dates outside them the rule
    /// is applied on the fly, so every date `jiff` can hold still gets an
    /// answer, consistent between [`Calendar::is_working_day`] and
    /// [`Calendar::working_days`].
    pub fn new(extra: &[Date]) -> Calendar {
        let mut holidays = Vec::with_capacity(
            9 * usize::from(PRECOMPUTED_LAST_YEAR.abs_diff(PRECOMPUTED_FIRST_YEAR) + 1)
                + extra.len(),
        );
        holidays.extend(table_entries().map(|entry| {
            civil_day_number(
                i64::from(entry.year),
                i64::from(entry.month),
                i64::from(entry.day),
            )
        }));
        for year in PRECOMPUTED_FIRST_YEAR..=PRECOMPUTED_LAST_YEAR {
            if !TABLE_YEARS.contains(&year) {
                holidays.extend(rule_days(year));
            }
        }
        holidays.extend(extra.iter().map(|&d| day_number(d)));
        holidays.sort_unstable();
        holidays.dedup();
        let weekday_holidays = holidays
            .iter()
            .copied()
            .filter(|&n| is_weekday(n))
            .collect();
        Calendar {
            holidays,
            weekday_holidays,
        }
    }

    /// Whether `d` is a bank holiday: in the table or derived by rule for its
    /// year, or one of the extras (an extra on a weekend included).
    pub fn is_bank_holiday(&self, d: Date) -> bool {
        let n = day_number(d);
        self.holidays.binary_search(&n).is_ok()
            || (!is_precomputed(d.year()) && rule_days(d.year()).contains(&n))
    }

    /// Monday to Friday and not a bank holiday.
    pub(crate) fn is_working_day(&self, d: Date) -> bool {
        is_weekday(day_number(d)) && !self.is_bank_holiday(d)
    }

    /// Working days `d` with `a < d <= b`: the start day is day 0
    /// (`indicators.md`, "Working days"). When `start_day_counts` is true, one
    /// more when `a` itself is a working day.
    ///
    /// When `b < a` the result is the count from `b` to `a` negated (working
    /// days `d` with `b < d <= a`, made negative) and `start_day_counts` is
    /// ignored, so a negative result always means reversed dates. It can be 0
    /// for reversed dates with no working day between them (a Sunday back to
    /// the Saturday before), so callers that must reject reversed dates
    /// compare the dates themselves first.
    pub(crate) fn working_days(&self, a: Date, b: Date, start_day_counts: bool) -> i64 {
        if b < a {
            return -self.working_days_after(b, a);
        }
        let count = self.working_days_after(a, b);
        if start_day_counts && self.is_working_day(a) {
            count + 1
        } else {
            count
        }
    }

    /// Years outside the built-in table that a count from `a` to `b` touches,
    /// so the data-quality report can say the rule was used. The years of both
    /// ends are included (`a`'s year too, although `a` is day 0, because
    /// `start_day_counts` looks at `a`); the order of `a` and `b` does not
    /// matter. Sorted, no repeats.
    pub(crate) fn derived_years(&self, a: Date, b: Date) -> Vec<i16> {
        let (first, last) = if a <= b { (a, b) } else { (b, a) };
        (first.year()..=last.year())
            .filter(|year| !TABLE_YEARS.contains(year))
            .collect()
    }

    /// Working days `d` with `a < d <= b`, for `a <= b`.
    fn working_days_after(&self, a: Date, b: Date) -> i64 {
        let (from, to) = (day_number(a), day_number(b));
        let weekdays = weekdays_through(to) - weekdays_through(from);
        let listed = count_between(&self.weekday_holidays, from, to);
        weekdays - listed - self.unlisted_rule_days(a, b, from, to)
    }

    /// Rule days in `from < n <= to` for years outside 1900–2100, which
    /// `holidays` does not hold (unless they are also extras, which were
    /// counted already).
    fn unlisted_rule_days(&self, a: Date, b: Date, from: i64, to: i64) -> i64 {
        let before = a.year()..=b.year().min(PRECOMPUTED_FIRST_YEAR - 1);
        let after = a.year().max(PRECOMPUTED_LAST_YEAR + 1)..=b.year();
        let mut count = 0;
        for year in before.chain(after) {
            for n in rule_days(year) {
                if from < n && n <= to && is_weekday(n) && self.holidays.binary_search(&n).is_err()
                {
                    count += 1;
                }
            }
        }
        count
    }
}

fn is_precomputed(year: i16) -> bool {
    (PRECOMPUTED_FIRST_YEAR..=PRECOMPUTED_LAST_YEAR).contains(&year)
}

/// The regular holidays of `year` by rule, as day numbers, all Monday to Friday.
fn rule_days(year: i16) -> [i64; 8] {
    let y = i64::from(year);
    let easter = easter_sunday(y);
    let christmas = next_weekday_from(civil_day_number(y, 12, 25));
    // Boxing Day moves past Christmas's substitute as well as past the weekend.
    let mut boxing = next_weekday_from(civil_day_number(y, 12, 26));
    if boxing == christmas {
        boxing = next_weekday_from(boxing + 1);
    }
    [
        next_weekday_from(civil_day_number(y, 1, 1)),
        easter - 2,
        easter + 1,
        monday_on_or_after(civil_day_number(y, 5, 1)),
        // The last Monday of a 31-day month is the one on or after the 25th.
        monday_on_or_after(civil_day_number(y, 5, 25)),
        monday_on_or_after(civil_day_number(y, 8, 25)),
        christmas,
        boxing,
    ]
}

/// Easter Sunday of `year` by the anonymous Gregorian computus (Meeus, Jones,
/// Butcher). Euclidean division keeps it total for years before 1 AD.
fn easter_sunday(year: i64) -> i64 {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    civil_day_number(year, month, day)
}

/// `n` itself when a weekday, else the Monday after.
fn next_weekday_from(n: i64) -> i64 {
    match weekday_from_monday(n) {
        5 => n + 2,
        6 => n + 1,
        _ => n,
    }
}

fn monday_on_or_after(n: i64) -> i64 {
    n + (7 - weekday_from_monday(n)) % 7
}

/// Days since 1970-01-01 (negative before).
fn day_number(d: Date) -> i64 {
    civil_day_number(
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    )
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`). No validation: callers pass real dates.
fn civil_day_number(year: i64, month: i64, day: i64) -> i64 {
    // Count years from March so that the leap day is the last day of a year.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// 0 for Monday to 6 for Sunday (day 0, 1970-01-01, was a Thursday).
fn weekday_from_monday(n: i64) -> i64 {
    (n + 3).rem_euclid(7)
}

fn is_weekday(n: i64) -> bool {
    weekday_from_monday(n) < 5
}

/// Weekdays from Monday 1969-12-29 through `n` (negative before it): the
/// difference of two of these is the weekdays in `a < d <= b`.
fn weekdays_through(n: i64) -> i64 {
    let since_monday = n + 3;
    5 * since_monday.div_euclid(7) + (since_monday.rem_euclid(7) + 1).min(5)
}

/// Entries `n` of the sorted `days` with `from < n <= to`, for `from <= to`.
fn count_between(days: &[i64], from: i64, to: i64) -> i64 {
    let upto = |limit: i64| days.partition_point(|&n| n <= limit);
    i64::try_from(upto(to).saturating_sub(upto(from))).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;
    use jiff::civil::{Weekday, date};

    fn calendar() -> Calendar {
        Calendar::new(&[])
    }

    fn from_day_number(n: i64) -> Date {
        date(1970, 1, 1).checked_add(n.days()).unwrap()
    }

    fn rule_dates(year: i16) -> Vec<Date> {
        let mut dates: Vec<Date> = rule_days(year).into_iter().map(from_day_number).collect();
        dates.sort();
        dates
    }

    fn table_dates(year: i16) -> Vec<Date> {
        table_entries()
            .filter(|entry| entry.year == year)
            .map(|entry| date(entry.year, entry.month, entry.day))
            .collect()
    }

    fn dates(year: i16, days: &[(i8, i8)]) -> Vec<Date> {
        days.iter().map(|&(m, d)| date(year, m, d)).collect()
    }

    /// Counts `a < d <= b` one day at a time: slow, but obviously right.
    fn count_day_by_day(calendar: &Calendar, a: Date, b: Date) -> i64 {
        let mut count = 0;
        let mut d = a;
        while d < b {
            d = d.tomorrow().unwrap();
            if calendar.is_working_day(d) {
                count += 1;
            }
        }
        count
    }

    #[test]
    fn the_table_parses_completely_in_order_and_on_weekdays() {
        let fields: usize = TABLE
            .lines()
            .map(|line| line.split_whitespace().count().saturating_sub(1))
            .sum();
        let entries: Vec<TableDay> = table_entries().collect();
        assert_eq!(entries.len(), fields, "a field failed to parse");
        // Eight regular days a year, plus one more in 2012 and 2023 and two in 2022.
        assert_eq!(entries.len(), 8 * 17 + 1 + 2 + 1);
        let mut years: Vec<i16> = entries.iter().map(|entry| entry.year).collect();
        years.dedup();
        assert_eq!(years, TABLE_YEARS.collect::<Vec<_>>());
        let days: Vec<Date> = entries
            .iter()
            .map(|entry| Date::new(entry.year, entry.month, entry.day).unwrap())
            .collect();
        assert!(
            days.windows(2).all(|pair| pair[0] < pair[1]),
            "out of order"
        );
        for d in days {
            assert!(
                !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday),
                "{d} is a weekend"
            );
        }
        let starred: Vec<Date> = entries
            .iter()
            .filter(|entry| entry.one_off)
            .map(|entry| date(entry.year, entry.month, entry.day))
            .collect();
        assert_eq!(
            starred,
            [
                date(2012, 6, 5),
                date(2020, 5, 8),
                date(2022, 6, 3),
                date(2022, 9, 19),
                date(2023, 5, 8),
            ]
        );
    }

    #[test]
    fn day_numbers_and_weekdays_agree_with_jiff() {
        assert_eq!(day_number(date(1970, 1, 1)), 0);
        assert_eq!(day_number(date(2000, 3, 1)), 11_017);
        for start in [
            Date::MIN,
            date(-1, 11, 1),
            date(1582, 10, 1),
            date(1899, 12, 1),
            date(2000, 2, 1),
            date(2100, 2, 1),
            date(9999, 10, 1),
        ] {
            let mut d = start;
            for _ in 0..90 {
                let Ok(next) = d.tomorrow() else { break };
                assert_eq!(day_number(next) - day_number(d), 1, "{d}");
                assert_eq!(
                    weekday_from_monday(day_number(d)),
                    i64::from(d.weekday().to_monday_zero_offset()),
                    "{d}"
                );
                d = next;
            }
        }
    }

    #[test]
    fn table_holidays_are_recognised() {
        let c = calendar();
        for year in TABLE_YEARS {
            for d in table_dates(year) {
                assert!(c.is_bank_holiday(d), "{d}");
                assert!(!c.is_working_day(d), "{d}");
            }
        }
        // The moved and one-off days, and the days they displaced.
        for d in [
            date(2012, 6, 4),
            date(2012, 6, 5),
            date(2020, 5, 8),
            date(2022, 6, 2),
            date(2022, 6, 3),
            date(2022, 9, 19),
            date(2023, 5, 8),
        ] {
            assert!(c.is_bank_holiday(d), "{d}");
        }
        for d in [date(2012, 5, 28), date(2020, 5, 4), date(2022, 5, 30)] {
            assert!(!c.is_bank_holiday(d), "{d}");
            assert!(c.is_working_day(d), "{d}");
        }
        // Christmas Day 2016 was a Sunday; Monday 26 and Tuesday 27 are the holidays.
        assert!(!c.is_bank_holiday(date(2016, 12, 25)));
        assert!(c.is_bank_holiday(date(2016, 12, 26)));
        assert!(c.is_bank_holiday(date(2016, 12, 27)));
        assert!(c.is_working_day(date(2016, 12, 28)));
    }

    #[test]
    fn the_rule_reproduces_every_regular_table_year() {
        for year in [
            2013, 2014, 2015, 2016, 2017, 2018, 2019, 2021, 2024, 2025, 2026, 2027, 2028,
        ] {
            assert_eq!(rule_dates(year), table_dates(year), "{year}");
        }
    }

    #[test]
    fn the_rule_differs_from_the_table_only_on_moved_and_one_off_days() {
        // 2012: the rule's spring Monday is 28 May; the table has 4 and 5 June instead.
        let mut expected = table_dates(2012);
        expected.retain(|d| *d != date(2012, 6, 4) && *d != date(2012, 6, 5));
        expected.push(date(2012, 5, 28));
        expected.sort();
        assert_eq!(rule_dates(2012), expected);
        // 2020: the rule's early-May Monday is 4 May; the table has Friday 8 May.
        let mut expected = table_dates(2020);
        expected.retain(|d| *d != date(2020, 5, 8));
        expected.push(date(2020, 5, 4));
        expected.sort();
        assert_eq!(rule_dates(2020), expected);
        // 2022: the rule's spring Monday is 30 May; the table has 2 and 3 June and 19 September.
        let mut expected = table_dates(2022);
        expected.retain(|d| ![date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19)].contains(d));
        expected.push(date(2022, 5, 30));
        expected.sort();
        assert_eq!(rule_dates(2022), expected);
        // 2023: the rule has everything but the one-off 8 May.
        let mut expected = table_dates(2023);
        expected.retain(|d| *d != date(2023, 5, 8));
        assert_eq!(rule_dates(2023), expected);
    }

    #[test]
    fn derives_2011() {
        // 1 Jan 2011 was a Saturday: substitute Monday 3 Jan. Easter Sunday 24 Apr:
        // Good Friday 22, Easter Monday 25. 1 May a Sunday: early May 2 May, last
        // Monday of May 30 May (2, 9, 16, 23, 30). 1 Aug a Monday (2 May + 13
        // weeks): last Monday 29 Aug. 25 Dec a Sunday: Boxing Monday 26,
        // substitute Tuesday 27. (The royal wedding, 29 Apr, is a one-off the rule
        // cannot know.)
        let expected = dates(
            2011,
            &[
                (1, 3),
                (4, 22),
                (4, 25),
                (5, 2),
                (5, 30),
                (8, 29),
                (12, 26),
                (12, 27),
            ],
        );
        assert_eq!(rule_dates(2011), expected);
        let c = calendar();
        for d in &expected {
            assert!(c.is_bank_holiday(*d), "{d}");
        }
        assert!(!c.is_bank_holiday(date(2011, 1, 1)));
        assert!(!c.is_bank_holiday(date(2011, 4, 29)));
    }

    #[test]
    fn derives_2029_and_2030() {
        // Easter 2029 by the computus: a=15, b=20, c=29, d=5, e=0, f=1, g=6,
        // h=309 mod 30=9, i=7, k=1, l=36 mod 7=1, m=0: 124/31=4, 124 mod 31+1=1,
        // so 1 April. 1 Jan 2028 was a Saturday (the table's substitute is 3 Jan)
        // and 2028 has 366 days, so 1 Jan 2029 is a Monday. 1 May is 30 days
        // after Sunday 1 April: a Tuesday, so early May is 7 May and the last
        // Monday of May 28 May. Mondays go on 4, 11, 18, 25 Jun, 2 ... 30 Jul,
        // 6, 13, 20, 27 Aug. 2029 has 365 days, so 31 Dec is a Monday and 25 Dec
        // a Tuesday. (The same calendar and Easter as 2018, which the table has.)
        let expected = dates(
            2029,
            &[
                (1, 1),
                (3, 30),
                (4, 2),
                (5, 7),
                (5, 28),
                (8, 27),
                (12, 25),
                (12, 26),
            ],
        );
        assert_eq!(rule_dates(2029), expected);
        // Easter 2030: a=16, h=328 mod 30=28, i=7, k=2, l=16 mod 7=2, m=0:
        // 144/31=4, 144 mod 31+1=21, so 21 April. 1 Jan 2030 a Tuesday; 1 May
        // a Wednesday (21 Apr + 10), early May 6 May, last Monday 27 May, then
        // Mondays to 26 Aug (31 Aug a Saturday). 25 Dec a Wednesday. (The same
        // calendar and Easter as 2019.)
        let expected = dates(
            2030,
            &[
                (1, 1),
                (4, 19),
                (4, 22),
                (5, 6),
                (5, 27),
                (8, 26),
                (12, 25),
                (12, 26),
            ],
        );
        assert_eq!(rule_dates(2030), expected);
        let c = calendar();
        assert!(c.is_bank_holiday(date(2029, 3, 30)));
        assert!(c.is_bank_holiday(date(2030, 4, 22)));
        assert!(!c.is_bank_holiday(date(2030, 4, 21)));
    }

    #[test]
    fn weekend_substitutes() {
        let c = calendar();
        // 2027 (table): Christmas on a Saturday, so Monday 27 and Tuesday 28.
        assert!(c.is_bank_holiday(date(2027, 12, 27)));
        assert!(c.is_bank_holiday(date(2027, 12, 28)));
        assert!(!c.is_bank_holiday(date(2027, 12, 25)));
        // 1 Jan 2032 is a Thursday (2030 Tue, 2031 Wed); 2032 is leap, so 31 Dec is
        // a Friday and 25 Dec a Saturday: Monday 27 and Tuesday 28.
        assert_eq!(
            rule_days(2032)[6..],
            [date(2032, 12, 27), date(2032, 12, 28)].map(day_number)
        );
        assert!(!c.is_bank_holiday(date(2032, 12, 25)));
        assert!(!c.is_bank_holiday(date(2032, 12, 26)));
        // 1 Jan 2033 a Saturday: Monday 3 Jan. 25 Dec 2033 a Sunday: Monday 26 and
        // Tuesday 27.
        assert!(c.is_bank_holiday(date(2033, 1, 3)));
        assert!(!c.is_bank_holiday(date(2033, 1, 1)));
        assert!(c.is_bank_holiday(date(2033, 12, 26)));
        assert!(c.is_bank_holiday(date(2033, 12, 27)));
        // 1 Jan 2034 a Sunday: Monday 2 Jan.
        assert!(c.is_bank_holiday(date(2034, 1, 2)));
        // 1 Jan 2037 a Thursday (2035 Mon, 2036 Tue and leap), 31 Dec a Thursday,
        // 25 Dec a Friday: Boxing Day on the Saturday moves to Monday 28.
        assert!(c.is_bank_holiday(date(2037, 12, 25)));
        assert!(c.is_bank_holiday(date(2037, 12, 28)));
        assert!(!c.is_bank_holiday(date(2037, 12, 26)));
    }

    #[test]
    fn easter_is_a_sunday_between_22_march_and_25_april_every_year() {
        for year in -9999..=9999 {
            let easter = from_day_number(easter_sunday(i64::from(year)));
            assert_eq!(easter.year(), year);
            assert_eq!(easter.weekday(), Weekday::Sunday, "{easter}");
            assert!(
                (date(year, 3, 22)..=date(year, 4, 25)).contains(&easter),
                "{easter}"
            );
        }
    }

    #[test]
    fn forty_five_and_forty_six_across_christmas_2016() {
        let c = calendar();
        // Start Monday 24 Oct 2016 (day 0). Weeks of five: 25–28 Oct (4),
        // 31 Oct–4 Nov (9), 7–11 (14), 14–18 (19), 21–25 (24), 28 Nov–2 Dec (29),
        // 5–9 (34), 12–16 (39), 19–23 Dec (44); 24–25 weekend, 26 and 27 bank
        // holidays; Wed 28 Dec (45), Thu 29 (46).
        let start = date(2016, 10, 24);
        assert_eq!(c.working_days(start, date(2016, 12, 23), false), 44);
        assert_eq!(c.working_days(start, date(2016, 12, 27), false), 44);
        assert_eq!(c.working_days(start, date(2016, 12, 28), false), 45);
        assert_eq!(c.working_days(start, date(2016, 12, 29), false), 46);
        // Start Thursday 1 Dec 2016: Fri 2 (1), 5–9 (6), 12–16 (11), 19–23 (16),
        // 26–27 holidays, 28–30 (19), Mon 2 Jan holiday, 3–6 Jan (23), 9–13 (28),
        // 16–20 (33), 23–27 (38), 30 Jan–3 Feb (43), Mon 6 (44), Tue 7 Feb (45),
        // Wed 8 (46).
        let start = date(2016, 12, 1);
        assert_eq!(c.working_days(start, date(2017, 2, 7), false), 45);
        assert_eq!(c.working_days(start, date(2017, 2, 8), false), 46);
    }

    #[test]
    fn forty_five_and_forty_six_across_easter_2017() {
        let c = calendar();
        // Start Friday 10 Feb 2017 (day 0). 13–17 Feb (5), 20–24 (10),
        // 27 Feb–3 Mar (15), 6–10 (20), 13–17 (25), 20–24 (30), 27–31 (35),
        // 3–7 Apr (40), 10–13 Apr (44); Good Friday 14, weekend, Easter Monday
        // 17; Tue 18 Apr (45), Wed 19 (46).
        let start = date(2017, 2, 10);
        assert_eq!(c.working_days(start, date(2017, 4, 13), false), 44);
        assert_eq!(c.working_days(start, date(2017, 4, 14), false), 44);
        assert_eq!(c.working_days(start, date(2017, 4, 17), false), 44);
        assert_eq!(c.working_days(start, date(2017, 4, 18), false), 45);
        assert_eq!(c.working_days(start, date(2017, 4, 19), false), 46);
        // Friday 10 Feb is a working day, so counting the start day tips 45 to 46.
        assert_eq!(c.working_days(start, date(2017, 4, 18), true), 46);
    }

    #[test]
    fn the_start_day_is_day_zero() {
        let c = calendar();
        // 2017-06-12 was a Monday.
        let (mon, tue) = (date(2017, 6, 12), date(2017, 6, 13));
        let (fri, sat, sun, next_mon) = (
            date(2017, 6, 16),
            date(2017, 6, 17),
            date(2017, 6, 18),
            date(2017, 6, 19),
        );
        assert_eq!(c.working_days(mon, tue, false), 1);
        assert_eq!(c.working_days(fri, next_mon, false), 1);
        assert_eq!(c.working_days(sat, sun, false), 0);
        assert_eq!(c.working_days(mon, mon, false), 0);
        assert_eq!(c.working_days(mon, fri, false), 4);
        // start_day_counts adds one only when the start is a working day.
        assert_eq!(c.working_days(mon, tue, true), 2);
        assert_eq!(c.working_days(mon, mon, true), 1);
        assert_eq!(c.working_days(sat, sun, true), 0);
        assert_eq!(c.working_days(sat, next_mon, true), 1);
        // Christmas Day 2017 was a Monday: a bank-holiday start adds nothing.
        assert_eq!(
            c.working_days(date(2017, 12, 25), date(2017, 12, 27), true),
            1
        );
    }

    #[test]
    fn reversed_dates_count_negative() {
        let c = calendar();
        // Tue 18 Apr 2017 back to Fri 10 Feb: minus the 45 of the forward count,
        // and start_day_counts is ignored.
        let (start, end) = (date(2017, 2, 10), date(2017, 4, 18));
        assert_eq!(c.working_days(end, start, false), -45);
        assert_eq!(c.working_days(end, start, true), -45);
        // Sunday back to Saturday: nothing between, so 0.
        assert_eq!(
            c.working_days(date(2017, 6, 18), date(2017, 6, 17), true),
            0
        );
    }

    #[test]
    fn extra_holidays_are_subtracted_once_and_only_on_weekdays() {
        // Mon 12 to Fri 16 June 2017: Tue–Fri, 4 working days.
        let (mon, fri) = (date(2017, 6, 12), date(2017, 6, 16));
        assert_eq!(calendar().working_days(mon, fri, false), 4);
        let wednesday = Calendar::new(&[date(2017, 6, 14)]);
        assert!(wednesday.is_bank_holiday(date(2017, 6, 14)));
        assert_eq!(wednesday.working_days(mon, fri, false), 3);
        // Fri 22 to Fri 29 Dec 2017: Christmas Mon 25 and Boxing Tue 26 are in the
        // table, leaving 27, 28, 29. Listing Christmas again as an extra (twice)
        // changes nothing.
        let (a, b) = (date(2017, 12, 22), date(2017, 12, 29));
        assert_eq!(calendar().working_days(a, b, false), 3);
        let repeated = Calendar::new(&[date(2017, 12, 25), date(2017, 12, 25)]);
        assert_eq!(repeated.working_days(a, b, false), 3);
        // Saturday 17 June 2017 as an extra: a holiday, but no working day lost.
        let saturday = Calendar::new(&[date(2017, 6, 17)]);
        assert!(saturday.is_bank_holiday(date(2017, 6, 17)));
        assert!(!saturday.is_working_day(date(2017, 6, 17)));
        assert_eq!(saturday.working_days(fri, date(2017, 6, 19), false), 1);
        assert_eq!(saturday.working_days(mon, date(2017, 6, 30), false), 14);
        assert_eq!(calendar().working_days(mon, date(2017, 6, 30), false), 14);
    }

    #[test]
    fn years_beyond_2100_are_derived_on_the_fly() {
        // 1 Jan 2001 was a Monday; 2001 to 2101 is 100 years with 24 leap days,
        // 36,524 days = 5,217 weeks + 5 days, so 1 Jan 2101 is a Saturday and its
        // substitute Monday 3 Jan. 31 Dec 2100 is a Friday.
        let c = calendar();
        assert!(c.is_bank_holiday(date(2101, 1, 3)));
        assert!(!c.is_bank_holiday(date(2101, 1, 1)));
        assert!(!c.is_working_day(date(2101, 1, 3)));
        // Sat 1, Sun 2, Mon 3 (holiday), Tue 4: one working day.
        let (a, b) = (date(2100, 12, 31), date(2101, 1, 4));
        assert_eq!(c.working_days(a, b, false), 1);
        // The same day as an extra is not subtracted twice; the next day is.
        assert_eq!(
            Calendar::new(&[date(2101, 1, 3)]).working_days(a, b, false),
            1
        );
        assert_eq!(
            Calendar::new(&[date(2101, 1, 4)]).working_days(a, b, false),
            0
        );
    }

    #[test]
    fn arithmetic_count_matches_a_day_by_day_count() {
        let c = Calendar::new(&[date(2017, 6, 14), date(2017, 6, 17), date(2101, 5, 3)]);
        for a in [
            Date::MIN,
            date(1899, 10, 1),
            date(2011, 12, 30),
            date(2016, 10, 24),
            date(2017, 6, 10),
            date(2027, 11, 20),
            date(2100, 6, 1),
            date(9998, 6, 1),
        ] {
            let mut b = a;
            let mut expected = 0;
            for _ in 0..800 {
                let Ok(next) = b.tomorrow() else { break };
                b = next;
                if c.is_working_day(b) {
                    expected += 1;
                }
                assert_eq!(c.working_days(a, b, false), expected, "{a} to {b}");
                assert_eq!(c.working_days(b, a, false), -expected, "{b} to {a}");
            }
        }
        assert_eq!(
            c.working_days(date(2015, 1, 1), date(2019, 1, 1), false),
            count_day_by_day(&c, date(2015, 1, 1), date(2019, 1, 1))
        );
    }

    #[test]
    fn extreme_spans_do_not_panic() {
        let c = calendar();
        let forward = c.working_days(Date::MIN, Date::MAX, true);
        assert!(forward > 0);
        assert_eq!(c.working_days(Date::MAX, Date::MIN, true), -forward);
        assert_eq!(c.derived_years(Date::MIN, Date::MAX).len(), 19_999 - 17);
        // Date::MIN, 1 Jan -9999, is a Monday, so New Year's Day itself. Date::MAX,
        // 31 Dec 9999, is a Friday; Christmas that year is a Saturday, so the
        // holidays are 27 and 28 Dec and the 31st is an ordinary working day.
        assert!(!c.is_working_day(Date::MIN));
        assert!(!c.is_bank_holiday(Date::MAX));
        assert!(c.is_working_day(Date::MAX));
        assert!(c.is_bank_holiday(date(9999, 12, 27)));
        assert!(c.is_bank_holiday(date(9999, 12, 28)));
    }

    #[test]
    fn derived_years_name_the_years_outside_the_table() {
        let c = calendar();
        assert!(
            c.derived_years(date(2017, 1, 1), date(2017, 12, 31))
                .is_empty()
        );
        assert_eq!(c.derived_years(date(2028, 12, 1), date(2029, 2, 1)), [2029]);
        assert_eq!(
            c.derived_years(date(2010, 6, 1), date(2013, 1, 1)),
            [2010, 2011]
        );
        // Order of the ends does not matter.
        assert_eq!(
            c.derived_years(date(2030, 2, 1), date(2027, 2, 1)),
            [2029, 2030]
        );
    }
}
