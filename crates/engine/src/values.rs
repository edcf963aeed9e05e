//! Cell values and headers: the spec's value types (inputs.md, "Value types"),
//! header normalisation ("Recognising headers") and the as-at date a file name
//! suggests ("As-at date of a file", rule 1).
//!
//! Owns: reading one cell's text as a date, yes/no, code, number or count, and
//! saying why it could not. It must not know about columns, rows, files or
//! diagnostics (callers turn a [`ValueError`] into a data-quality finding), and
//! must not allocate on the per-cell paths, which run millions of times.

use std::fmt;

use jiff::civil::Date;

/// Why a cell could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueError {
    /// Not in any accepted date form.
    NotADate,
    /// A date whose year has two digits (`12/05/17`): never guessed.
    TwoDigitYear,
    /// A date form naming a day that does not exist (`31/02/2017`, month 13).
    ImpossibleDate,
    /// A plain number in a date column outside Excel's day numbers 61–2958465.
    SerialOutOfRange,
    /// Not one of the yes/no forms.
    NotYesNo,
    /// Not digits with an optional decimal point.
    NotANumber,
    /// Not a whole number of 0 or more.
    NotACount,
    /// Blank where a value is needed.
    Blank,
}

impl ValueError {
    /// What the cell should have held, in the words of a data-quality message.
    pub fn expected(self) -> &'static str {
        match self {
            ValueError::NotADate
            | ValueError::TwoDigitYear
            | ValueError::ImpossibleDate
            | ValueError::SerialOutOfRange => "a date, day first (dd/mm/yyyy)",
            ValueError::NotYesNo => "yes or no",
            ValueError::NotANumber => "a number",
            ValueError::NotACount => "a whole number of 0 or more",
            ValueError::Blank => "a value",
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueError::NotADate => "not a date",
            ValueError::TwoDigitYear => "two-digit years are not accepted",
            ValueError::ImpossibleDate => "no such day",
            ValueError::SerialOutOfRange => "Excel day number out of range (61–2958465)",
            ValueError::NotYesNo => "not yes or no",
            ValueError::NotANumber => "not a number",
            ValueError::NotACount => "not a whole number of 0 or more",
            ValueError::Blank => "blank",
        })
    }
}

impl std::error::Error for ValueError {}

/// `str::trim`, but a cell that starts and ends with a visible ASCII
/// character (nearly every cell) is returned as it is without decoding
/// its ends: trimming runs several times per cell, millions of times.
#[inline]
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Whether `s` is empty or whitespace only (`s.trim().is_empty()`).
#[inline]
pub(crate) fn is_whitespace(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(first) if first.is_ascii_graphic() => false,
        Some(_) => s.trim().is_empty(),
    }
}

/// Spec "blank": empty, whitespace (non-breaking spaces included), or (any
/// case, after trimming) `NULL`, `N/A`, `-`, or an Excel error
/// ([`is_excel_error`]).
pub(crate) fn is_blank(s: &str) -> bool {
    let t = trim(s);
    // Runs several times per cell: the first byte rules out nearly every
    // value before any comparison.
    match t.as_bytes().first() {
        None => true,
        Some(b'#') => is_excel_error(t),
        Some(b'n' | b'N' | b'-') => {
            t.len() <= 4
                && ["null", "n/a", "-"]
                    .iter()
                    .any(|b| t.eq_ignore_ascii_case(b))
        }
        Some(_) => false,
    }
}

/// The texts Excel shows for a failed formula or lookup (inputs.md, "Value
/// types", blank); a workbook's error cells reach the engine as these
/// texts (`ingest::xlsx`), or are blank already when the reader cannot
/// name them.
const EXCEL_ERRORS: [&str; 10] = [
    "#n/a",
    "#ref!",
    "#value!",
    "#div/0!",
    "#name?",
    "#num!",
    "#null!",
    "#spill!",
    "#calc!",
    "#getting_data",
];

/// Whether a cell is an Excel error (`#N/A`, `#REF!`, …, any case, after
/// trimming): blank, but also reported, since it means a lookup or formula
/// failed in the report that wrote the file.
pub(crate) fn is_excel_error(s: &str) -> bool {
    let t = trim(s);
    // 13 bytes: the longest of them, `#getting_data`.
    t.starts_with('#') && t.len() <= 13 && EXCEL_ERRORS.iter().any(|e| t.eq_ignore_ascii_case(e))
}

/// Whether an identifier reads like a number Excel rewrote in scientific
/// notation (`1.23457E+11`): the real id was lost when the file was saved
/// (inputs.md, "Value types", ids that Excel rewrote).
pub(crate) fn looks_like_excel_exponent(s: &str) -> bool {
    let t = trim(s).as_bytes();
    // Nearly every id starts with a letter: say so before looking further.
    if !t.first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let Some(e) = t.iter().position(|b| b.eq_ignore_ascii_case(&b'e')) else {
        return false;
    };
    let (mantissa, exponent) = t.split_at(e);
    let exponent = exponent.get(1..).unwrap_or_default();
    let exponent = exponent.strip_prefix(b"+").unwrap_or(exponent);
    let (whole, fraction) = match mantissa.iter().position(|b| *b == b'.') {
        Some(dot) => (
            mantissa.get(..dot).unwrap_or_default(),
            mantissa.get(dot + 1..).unwrap_or_default(),
        ),
        None => (mantissa, &b""[..]),
    };
    !whole.is_empty()
        && whole.iter().all(u8::is_ascii_digit)
        && fraction.iter().all(u8::is_ascii_digit)
        && !exponent.is_empty()
        && exponent.iter().all(u8::is_ascii_digit)
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Excel's first unambiguous day number: 1900-03-01 (below it, Excel's
/// phantom 29/02/1900 makes day numbers disagree with the calendar).
const FIRST_SERIAL: u32 = 61;
/// Excel's last day number: 9999-12-31.
const LAST_SERIAL: u32 = 2_958_465;

/// Spec "date", day first always. Accepted, after trimming:
///
/// - `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy` (day and month of one or two digits,
///   the same separator twice) and `yyyy-m-d`;
/// - `d-Mon-yyyy`, `d Mon yyyy`, `d-Month-yyyy`, `d Month yyyy` (English
///   names or three-letter abbreviations, or `Sept`, any case);
/// - the numeric forms (not the month-name forms: the spec lists the time
///   only with them) followed by a time after `T` or one or more spaces:
///   `h:mm` or `hh:mm`, optionally `:ss` and a fraction of a second. Only the
///   time's shape is checked, not its values (`25:99` passes): it is ignored;
/// - an Excel day number 61..=2958465 with an optional fraction (a time,
///   ignored): day `n` is 1899-12-30 plus `n` days.
///
/// Two-digit years, month-first forms (`05/13/2017` is month 13) and `/` or
/// `.` after a four-digit year (`2017/12/01`, not in the spec's list) are
/// invalid. Blank input (see [`is_blank`]) is `Err(Blank)`.
pub(crate) fn parse_date(s: &str) -> Result<Date, ValueError> {
    let t = trim(s);
    // `dd/mm/yyyy`, the form nearly every date comes in, without the
    // general parse below (which reads it the same way).
    if let [d1, d2, b'/', m1, m2, b'/', y1, y2, y3, y4] = t.as_bytes() {
        let (day, month, year) = ([*d1, *d2], [*m1, *m2], [*y1, *y2, *y3, *y4]);
        if day
            .iter()
            .chain(&month)
            .chain(&year)
            .all(u8::is_ascii_digit)
        {
            return make_date(
                digits_value(&year),
                digits_value(&month),
                digits_value(&day),
            );
        }
    }
    // A non-breaking space (or another Unicode space) between the parts,
    // as a spreadsheet may write `1 Dec 2017`, is a space (inputs.md,
    // "Value types"). Rare, so only such a value is copied.
    if !t.is_ascii() && t.chars().any(|c| c.is_whitespace() && !c.is_ascii()) {
        let spaced: String = t
            .chars()
            .map(|c| {
                if c.is_whitespace() && !c.is_ascii() {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        return parse_date(&spaced);
    }
    let (first, rest) = split_digits(t.as_bytes());
    if first.is_empty() {
        return Err(if is_blank(t) {
            ValueError::Blank
        } else {
            ValueError::NotADate
        });
    }
    if is_fraction_or_nothing(rest) {
        return from_serial(first);
    }
    match first.len() {
        4 => year_first(first, rest),
        1 | 2 => day_first(first, rest),
        _ => Err(ValueError::NotADate),
    }
}

/// Whether a value that is not a day-first date would be one read month
/// first (`05/13/2017`, `12/25/2017 10:00`): the column then looks like a
/// US export (inputs.md, "Value types", month-first dates). The value stays
/// invalid; this only lets the report say why.
pub(crate) fn looks_month_first(s: &str) -> bool {
    let t = trim(s).as_bytes();
    let (first, rest) = split_digits(t);
    let [sep @ (b'/' | b'-' | b'.'), rest @ ..] = rest else {
        return false;
    };
    let (second, rest) = split_digits(rest);
    let [sep2, rest @ ..] = rest else {
        return false;
    };
    let (year, rest) = split_digits(rest);
    if sep2 != sep
        || !(1..=2).contains(&first.len())
        || !(1..=2).contains(&second.len())
        || year.len() != 4
        || check_time(rest).is_err()
    {
        return false;
    }
    let (month, day) = (digits_value(first), digits_value(second));
    day > 12 && make_date(digits_value(year), month, day).is_ok()
}

/// `yyyy-m-d` and an optional time; `first` is the year.
fn year_first(year: &[u8], rest: &[u8]) -> Result<Date, ValueError> {
    let [b'-', rest @ ..] = rest else {
        return Err(ValueError::NotADate);
    };
    let (month, rest) = split_digits(rest);
    let [b'-', rest @ ..] = rest else {
        return Err(ValueError::NotADate);
    };
    let (day, rest) = split_digits(rest);
    if !(1..=2).contains(&month.len()) || !(1..=2).contains(&day.len()) {
        return Err(ValueError::NotADate);
    }
    check_time(rest)?;
    make_date(digits_value(year), digits_value(month), digits_value(day))
}

/// `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy`, `d-Mon-yyyy`, `d Mon yyyy` and an
/// optional time; `day` is the leading one or two digits.
fn day_first(day: &[u8], rest: &[u8]) -> Result<Date, ValueError> {
    let [sep, rest @ ..] = rest else {
        return Err(ValueError::NotADate);
    };
    let (month, rest, named) = match (sep, rest.first()) {
        (b'/' | b'-' | b'.', Some(c)) if c.is_ascii_digit() => {
            let (month, rest) = split_digits(rest);
            if month.len() > 2 {
                return Err(ValueError::NotADate);
            }
            (digits_value(month), rest, false)
        }
        (b'-' | b' ', Some(c)) if c.is_ascii_alphabetic() => {
            let letters = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
            let (word, rest) = rest.split_at_checked(letters).unwrap_or((rest, &[]));
            (
                month_from_name(word).ok_or(ValueError::NotADate)?,
                rest,
                true,
            )
        }
        _ => return Err(ValueError::NotADate),
    };
    let [sep2, rest @ ..] = rest else {
        return Err(ValueError::NotADate);
    };
    if sep2 != sep {
        return Err(ValueError::NotADate);
    }
    let (year, rest) = split_digits(rest);
    if named && !rest.is_empty() {
        return Err(ValueError::NotADate);
    }
    check_time(rest)?;
    match year.len() {
        4 => make_date(digits_value(year), month, digits_value(day)),
        2 => Err(ValueError::TwoDigitYear),
        _ => Err(ValueError::NotADate),
    }
}

/// What may follow a date: nothing, or a time after `T` or spaces.
fn check_time(rest: &[u8]) -> Result<(), ValueError> {
    let time = match rest {
        [] => return Ok(()),
        [b'T' | b't', time @ ..] => time,
        [b' ', ..] => rest.trim_ascii_start(),
        _ => return Err(ValueError::NotADate),
    };
    let (hours, time) = split_digits(time);
    let [b':', time @ ..] = time else {
        return Err(ValueError::NotADate);
    };
    let (minutes, time) = split_digits(time);
    if !(1..=2).contains(&hours.len()) || minutes.len() != 2 {
        return Err(ValueError::NotADate);
    }
    let ok = match time {
        [] => true,
        [b':', seconds @ ..] => {
            let (whole, fraction) = split_digits(seconds);
            whole.len() == 2 && is_fraction_or_nothing(fraction)
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(ValueError::NotADate)
    }
}

/// An Excel day number, `digits` being its whole part.
fn from_serial(digits: &[u8]) -> Result<Date, ValueError> {
    // Longer runs would overflow the arithmetic below and are out of range anyway.
    if digits.len() > 7 {
        return Err(ValueError::SerialOutOfRange);
    }
    let serial = digits_value(digits);
    if !(FIRST_SERIAL..=LAST_SERIAL).contains(&serial) {
        return Err(ValueError::SerialOutOfRange);
    }
    // Days since 0000-03-01 to a civil date (Howard Hinnant's `civil_from_days`):
    // plain integer arithmetic, cheaper than going through a `Span`. Day 0 of
    // Excel's count, 1899-12-30, is 693_899 days after 0000-03-01.
    let z = i64::from(serial) + 693_899;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = era * 400 + year_of_era + i64::from(month <= 2);
    match (i16::try_from(year), i8::try_from(month), i8::try_from(day)) {
        (Ok(y), Ok(m), Ok(d)) => Date::new(y, m, d).map_err(|_| ValueError::SerialOutOfRange),
        _ => Err(ValueError::SerialOutOfRange),
    }
}

fn make_date(year: u32, month: u32, day: u32) -> Result<Date, ValueError> {
    match (i16::try_from(year), i8::try_from(month), i8::try_from(day)) {
        (Ok(y), Ok(m), Ok(d)) => Date::new(y, m, d).map_err(|_| ValueError::ImpossibleDate),
        _ => Err(ValueError::ImpossibleDate),
    }
}

/// The month (1–12) an English month name or abbreviation names, any case.
fn month_from_name(word: &[u8]) -> Option<u32> {
    if word.eq_ignore_ascii_case(b"sept") {
        return Some(9);
    }
    MONTH_NAMES
        .iter()
        .zip(1..)
        .find(|(name, _)| {
            let name = name.as_bytes();
            name.eq_ignore_ascii_case(word)
                || (word.len() == 3
                    && name
                        .get(..3)
                        .is_some_and(|abbr| abbr.eq_ignore_ascii_case(word)))
        })
        .map(|(_, number)| number)
}

/// Splits off the leading run of ASCII digits.
fn split_digits(bytes: &[u8]) -> (&[u8], &[u8]) {
    let n = bytes.iter().take_while(|c| c.is_ascii_digit()).count();
    bytes.split_at_checked(n).unwrap_or((bytes, &[]))
}

/// Empty, or `.` followed only by digits (a fraction, possibly empty).
fn is_fraction_or_nothing(rest: &[u8]) -> bool {
    match rest {
        [] => true,
        [b'.', fraction @ ..] => fraction.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// The value of a run of ASCII digits; saturates instead of overflowing, so
/// callers bound the length where the exact value matters.
fn digits_value(digits: &[u8]) -> u32 {
    digits.iter().fold(0u32, |n, c| {
        n.saturating_mul(10)
            .saturating_add(u32::from(c.wrapping_sub(b'0')))
    })
}

// ---------------------------------------------------------------------------
// Yes/no, codes, numbers
// ---------------------------------------------------------------------------

/// Spec "yes/no", case-insensitive after trimming: yes is `y`, `yes`, `true`,
/// `1` or anything starting `a)` or `yes`; no is `n`, `no`, `false`, `0` or
/// anything starting `b)` or `no`. The prefix rule is applied literally, so
/// `none` and `not known` are no and `yesterday` is yes. Blank input is
/// `Err(Blank)`; anything else `Err(NotYesNo)`.
pub(crate) fn parse_yes_no(s: &str) -> Result<bool, ValueError> {
    let t = s.trim().as_bytes();
    let starts = |prefix: &[u8]| {
        t.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    let is = |word: &[u8]| t.eq_ignore_ascii_case(word);
    if is(b"y") || is(b"true") || is(b"1") || starts(b"yes") || starts(b"a)") {
        Ok(true)
    } else if is(b"n") || is(b"false") || is(b"0") || starts(b"no") || starts(b"b)") {
        Ok(false)
    } else if is_blank(s) {
        Err(ValueError::Blank)
    } else {
        Err(ValueError::NotYesNo)
    }
}

/// Spec "code": the first token after an optional lettered prefix, as written
/// (callers compare case-insensitively). A token ends at whitespace, `:`, `-`
/// or `)`.
///
/// The prefix is ASCII letters, then optional ASCII digits, then `)` at the
/// start of the value (`a)`, `p1)`, `ab)`), with or without a space after it.
/// A value that is only a prefix (`c)`) gives the prefix's letters and digits
/// (`c`), so a bare option letter is not lost. `None` for blank values and
/// for values whose first token is empty (`: x`).
pub(crate) fn parse_code(s: &str) -> Option<&str> {
    let t = s.trim();
    if is_blank(t) {
        return None;
    }
    let body = match strip_lettered_prefix(t) {
        Some((label, "")) => return Some(label),
        Some((_, rest)) => rest,
        None => t,
    };
    let end = body
        .find(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | ')'))
        .unwrap_or(body.len());
    body.get(..end).filter(|token| !token.is_empty())
}

/// Splits `a) rest` into `("a", "rest")`; `None` when there is no prefix.
fn strip_lettered_prefix(t: &str) -> Option<(&str, &str)> {
    let bytes = t.as_bytes();
    let letters = bytes.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters == 0 {
        return None;
    }
    let digits = bytes
        .get(letters..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let close = letters + digits;
    if bytes.get(close) != Some(&b')') {
        return None;
    }
    Some((t.get(..close)?, t.get(close + 1..)?.trim_start()))
}

/// Spec "number": ASCII digits with at most one decimal point, after trimming.
/// Also accepted: a leading minus (so an FTE of `-1` is reported as out of
/// range rather than as not a number), a leading or trailing point (`.5`,
/// `2.`). Not accepted: thousands separators, `+`, exponents, `inf`/`NaN`.
pub fn parse_number(s: &str) -> Result<f64, ValueError> {
    let t = s.trim();
    if is_blank(t) {
        return Err(ValueError::Blank);
    }
    let unsigned = t.strip_prefix('-').unwrap_or(t);
    let digits = unsigned.bytes().filter(u8::is_ascii_digit).count();
    let points = unsigned.bytes().filter(|&c| c == b'.').count();
    if digits == 0 || points > 1 || digits + points != unsigned.len() {
        return Err(ValueError::NotANumber);
    }
    t.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or(ValueError::NotANumber)
}

/// A whole number of 0 or more, after trimming: ASCII digits, optionally
/// followed by a point and only zeros (`2.0`, `2.`), because Excel writes
/// whole numbers that way. No sign. Values above `u32::MAX` are `NotACount`.
pub(crate) fn parse_count(s: &str) -> Result<u32, ValueError> {
    let t = s.trim();
    if is_blank(t) {
        return Err(ValueError::Blank);
    }
    // Strict, as the spec's "integer >= 0": digits only; `2.0` is not a
    // count (the row falls back to the dates, and the report says so).
    if !t.bytes().all(|c| c.is_ascii_digit()) {
        return Err(ValueError::NotACount);
    }
    t.parse().map_err(|_| ValueError::NotACount)
}

// ---------------------------------------------------------------------------
// Headers and names
// ---------------------------------------------------------------------------

/// Spec "Recognising headers": lower-case, then every character that is
/// not a letter or a digit removed, so `Child's Legal Status`,
/// `childs_legal_status` and `ChildsLegalStatus` are all `childslegalstatus`
/// (a byte-order mark, spaces, quotes, brackets and punctuation go too).
pub(crate) fn normalise_header(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key team and worker names are matched by: lower-case, runs of
/// whitespace (non-breaking spaces included) folded to one space, trimmed.
pub(crate) fn fold_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The key a worker's name is matched by (inputs.md, "Value types", names;
/// indicators.md, 13): case, punctuation and the order of the words
/// ignored, so `Smith, Jane`, `JANE SMITH` and `Jane  Smith` are one
/// worker. Apostrophes join (`O'Brien` is `obrien`); any other character
/// that is not a letter or digit separates words (`Smith-Jones` is the
/// words `smith` and `jones`).
pub(crate) fn worker_name_key(s: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`') {
            continue;
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.sort_unstable();
    words.join(" ")
}

// ---------------------------------------------------------------------------
// As-at date from a file name
// ---------------------------------------------------------------------------

/// Years a date in a file name may have; other digit runs are not dates.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;

/// Spec "As-at date of a file", rule 1: the date a file name holds, if any.
///
/// Only the last path component is read (`/` and `\` both separate). Forms,
/// where "digits" are maximal runs of ASCII digits and years lie in
/// 1990..=2100:
///
/// - `yyyy-mm-dd` (one or two digits for month and day), and `yyyymmdd` as a
///   run of exactly eight digits;
/// - `dd-mm-yyyy` and `dd-Mon-yyyy` (day first), when the day's digits do not
///   directly follow a letter, so `list6-12-2017` is not 6 December;
/// - a month: `yyyy-mm` (two-digit month), or a month name or abbreviation
///   (or `Sept`) followed by a four-digit year, directly or after one space,
///   `-`, `_` or `.` (`Dec 2017`, `December-2017`, `Dec_2017`, `dec2017`).
///   A month means its last day.
///
/// The numeric forms take `-`, `.` or `_` as separator, the same one twice
/// (`_` because file names cannot hold `/`); `yyyy-mm` takes `-` or `_`.
/// When the name holds several, the last wins. An impossible date
/// (`2017-02-30`) is skipped as a whole: it is not read as a month, and an
/// earlier date in the name, if any, is the answer.
pub(crate) fn as_at_from_file_name(name: &str) -> Option<Date> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let tokens = tokenise(base);
    let mut found = None;
    let mut i = 0;
    while let Some(rest) = tokens.get(i..) {
        if rest.is_empty() {
            break;
        }
        let after_letter = i
            .checked_sub(1)
            .and_then(|p| tokens.get(p))
            .is_some_and(|t| matches!(t, Token::Letters(_)));
        match name_date_at(rest, after_letter) {
            Some((used, date)) => {
                found = date.or(found);
                i += used.max(1);
            }
            None => i += 1,
        }
    }
    found
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    Digits(&'a str),
    Letters(&'a str),
    Other(char),
}

/// Splits a name into runs of ASCII digits, runs of ASCII letters, and single
/// other characters.
fn tokenise(name: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut rest = name;
    while let Some(c) = rest.chars().next() {
        let run = if c.is_ascii_digit() {
            rest.bytes().take_while(u8::is_ascii_digit).count()
        } else if c.is_ascii_alphabetic() {
            rest.bytes().take_while(u8::is_ascii_alphabetic).count()
        } else {
            c.len_utf8()
        };
        let Some((head, tail)) = rest.split_at_checked(run) else {
            break;
        };
        tokens.push(if c.is_ascii_digit() {
            Token::Digits(head)
        } else if c.is_ascii_alphabetic() {
            Token::Letters(head)
        } else {
            Token::Other(c)
        });
        rest = tail;
    }
    tokens
}

/// The date form starting at `tokens[0]`, if any: how many tokens it uses and
/// the date (`None` for a well-formed but impossible date, which is skipped).
fn name_date_at(tokens: &[Token<'_>], after_letter: bool) -> Option<(usize, Option<Date>)> {
    use Token::{Digits, Letters, Other};
    let year = |y: &str| {
        let value = digits_value(y.as_bytes());
        (y.len() == 4 && PLAUSIBLE_YEARS.contains(&value)).then_some(value)
    };
    let short = |d: &str| {
        (1..=2)
            .contains(&d.len())
            .then(|| digits_value(d.as_bytes()))
    };
    let numeric_sep = |c: char| matches!(c, '-' | '.' | '_');
    let day = |y: u32, m: u32, d: u32| make_date(y, m, d).ok();
    let month_end = |y: u32, m: u32| make_date(y, m, 1).ok().map(Date::last_of_month);

    match *tokens {
        [Digits(y), Other(s1), Digits(m), Other(s2), Digits(d), ..]
            if s1 == s2 && numeric_sep(s1) =>
        {
            if let (Some(y), Some(m), Some(d)) = (year(y), short(m), short(d)) {
                return Some((5, day(y, m, d)));
            }
        }
        _ => {}
    }
    match *tokens {
        [Digits(y), Other('-' | '_'), Digits(m), ..] if m.len() == 2 => {
            if let Some(y) = year(y) {
                return Some((3, month_end(y, digits_value(m.as_bytes()))));
            }
        }
        _ => {}
    }
    match *tokens {
        [Digits(n), ..] if n.len() == 8 => {
            let (y, md) = n.split_at_checked(4)?;
            let (m, d) = md.split_at_checked(2)?;
            if let Some(y) = year(y) {
                return Some((
                    1,
                    day(y, digits_value(m.as_bytes()), digits_value(d.as_bytes())),
                ));
            }
        }
        _ => {}
    }
    if !after_letter {
        match *tokens {
            [Digits(d), Other(s1), Digits(m), Other(s2), Digits(y), ..]
                if s1 == s2 && numeric_sep(s1) =>
            {
                if let (Some(y), Some(m), Some(d)) = (year(y), short(m), short(d)) {
                    return Some((5, day(y, m, d)));
                }
            }
            [Digits(d), Other('-'), Letters(m), Other('-'), Digits(y), ..] => {
                if let (Some(y), Some(m), Some(d)) =
                    (year(y), month_from_name(m.as_bytes()), short(d))
                {
                    return Some((5, day(y, m, d)));
                }
            }
            _ => {}
        }
    }
    match *tokens {
        [Letters(m), Other(' ' | '-' | '_' | '.'), Digits(y), ..] => {
            if let (Some(m), Some(y)) = (month_from_name(m.as_bytes()), year(y)) {
                return Some((3, month_end(y, m)));
            }
        }
        [Letters(m), Digits(y), ..] => {
            if let (Some(m), Some(y)) = (month_from_name(m.as_bytes()), year(y)) {
                return Some((2, month_end(y, m)));
            }
        }
        _ => {}
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_trim_agrees_with_str_trim() {
        for s in [
            "", " ", "a", " a", "a ", "\u{a0}a", "a\u{a0}", "é", " é ", "\t\r\n", "\u{2003}", "a b",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
            assert_eq!(is_whitespace(s), s.trim().is_empty(), "{s:?}");
        }
    }
    use jiff::ToSpan;
    use jiff::civil::date;

    fn ok(s: &str) -> Date {
        parse_date(s).unwrap_or_else(|e| panic!("`{s}` should parse: {e}"))
    }

    fn err(s: &str) -> ValueError {
        match parse_date(s) {
            Ok(d) => panic!("`{s}` should not parse, got {d}"),
            Err(e) => e,
        }
    }

    // inputs.md, "Value types", date: numeric day-first and year-first forms.
    #[test]
    fn numeric_dates_are_day_first() {
        assert_eq!(ok("12/05/2017"), date(2017, 5, 12));
        assert_eq!(ok("1/2/2017"), date(2017, 2, 1));
        assert_eq!(ok("01-02-2017"), date(2017, 2, 1));
        assert_eq!(ok("1.2.2017"), date(2017, 2, 1));
        assert_eq!(ok("2017-2-1"), date(2017, 2, 1));
        assert_eq!(ok("2017-02-01"), date(2017, 2, 1));
        assert_eq!(ok("  31/12/2017\t"), date(2017, 12, 31));
        assert_eq!(ok("29/02/2016"), date(2016, 2, 29));
        assert_eq!(ok("01/01/1985"), date(1985, 1, 1));
    }

    #[test]
    fn times_after_a_date_are_ignored() {
        assert_eq!(ok("2017-02-01T10:30"), date(2017, 2, 1));
        assert_eq!(ok("31/12/2017 23:59:59"), date(2017, 12, 31));
        assert_eq!(ok("31/12/2017 9:05"), date(2017, 12, 31));
        assert_eq!(ok("2017-12-31 00:00:00.000"), date(2017, 12, 31));
        assert_eq!(ok("31/12/2017  10:30"), date(2017, 12, 31));
        // "ignored, not checked": the shape is checked, the values are not.
        assert_eq!(ok("31/12/2017 25:99"), date(2017, 12, 31));
        assert_eq!(err("31/12/2017 10"), ValueError::NotADate);
        assert_eq!(err("31/12/2017 10:3"), ValueError::NotADate);
        assert_eq!(err("31/12/2017 10:30 PM"), ValueError::NotADate);
        assert_eq!(err("31/12/2017T"), ValueError::NotADate);
        assert_eq!(err("31/12/2017x"), ValueError::NotADate);
        assert_eq!(err("2017-12-31Z"), ValueError::NotADate);
    }

    #[test]
    fn month_names_any_case() {
        assert_eq!(ok("3-Feb-2017"), date(2017, 2, 3));
        assert_eq!(ok("3 feb 2017"), date(2017, 2, 3));
        assert_eq!(ok("3 February 2017"), date(2017, 2, 3));
        assert_eq!(ok("3-SEPT-2017"), date(2017, 9, 3));
        assert_eq!(ok("3 Sept 2017"), date(2017, 9, 3));
        assert_eq!(ok("03-sep-2017"), date(2017, 9, 3));
        assert_eq!(ok("30 June 2017"), date(2017, 6, 30));
        // inputs.md lists the optional time only after the numeric forms.
        assert_eq!(err("1 DECEMBER 2017 10:00"), ValueError::NotADate);
        assert_eq!(err("1-Dec-2017 10:00"), ValueError::NotADate);
        assert_eq!(err("3 Mayo 2017"), ValueError::NotADate);
        assert_eq!(err("3 Septe 2017"), ValueError::NotADate);
        assert_eq!(err("3 Fe 2017"), ValueError::NotADate);
        assert_eq!(err("3-Feb 2017"), ValueError::NotADate);
        assert_eq!(err("3.Feb.2017"), ValueError::NotADate);
        assert_eq!(err("3-Feb-17"), ValueError::TwoDigitYear);
        assert_eq!(err("31 Feb 2017"), ValueError::ImpossibleDate);
        assert_eq!(err("Feb 3 2017"), ValueError::NotADate);
    }

    #[test]
    fn excel_serial_numbers() {
        // 1899-12-30 + 61 days: 2 days to 1900-01-01, +31 to 1900-02-01,
        // +28 to 1900-03-01 (1900 is not a leap year): 2 + 31 + 28 = 61.
        assert_eq!(ok("61"), date(1900, 3, 1));
        assert_eq!(ok("42736"), date(2017, 1, 1));
        // 43100 = 42736 + 364, and 2017 has 365 days: 2017-12-31.
        assert_eq!(ok("43100.5"), date(2017, 12, 31));
        assert_eq!(ok("43100."), date(2017, 12, 31));
        assert_eq!(ok("2958465"), date(9999, 12, 31));
        assert_eq!(err("60"), ValueError::SerialOutOfRange);
        assert_eq!(err("0"), ValueError::SerialOutOfRange);
        assert_eq!(err("2958466"), ValueError::SerialOutOfRange);
        assert_eq!(err("99999999999999999999"), ValueError::SerialOutOfRange);
        assert_eq!(err("20171231"), ValueError::SerialOutOfRange);
        assert_eq!(err("43100.5.1"), ValueError::NotADate);
        assert_eq!(err("-43100"), ValueError::NotADate);
    }

    #[test]
    fn serials_agree_with_jiff_day_arithmetic() {
        let epoch = date(1899, 12, 30);
        for n in (61..=2_958_465).step_by(997).chain([1_000_000, 2_958_465]) {
            let expected = epoch.checked_add(i64::from(n).days()).unwrap();
            assert_eq!(ok(&n.to_string()), expected, "serial {n}");
        }
    }

    #[test]
    fn rejected_dates() {
        assert_eq!(err("12/05/17"), ValueError::TwoDigitYear);
        assert_eq!(err("17-12-31"), ValueError::TwoDigitYear);
        assert_eq!(err("05/13/2017"), ValueError::ImpossibleDate);
        assert_eq!(err("29/02/2017"), ValueError::ImpossibleDate);
        assert_eq!(err("31/02/2017"), ValueError::ImpossibleDate);
        assert_eq!(err("00/01/2017"), ValueError::ImpossibleDate);
        assert_eq!(err("2017-02-30"), ValueError::ImpossibleDate);
        // Year first is only `yyyy-m-d`.
        assert_eq!(err("2017/12/01"), ValueError::NotADate);
        assert_eq!(err("2017.12.01"), ValueError::NotADate);
        assert_eq!(err("1/2-2017"), ValueError::NotADate);
        assert_eq!(err("1/2/17017"), ValueError::NotADate);
        assert_eq!(err("001/02/2017"), ValueError::NotADate);
        assert_eq!(err("1/002/2017"), ValueError::NotADate);
        assert_eq!(err("2017-012-01"), ValueError::NotADate);
        assert_eq!(err("12 May"), ValueError::NotADate);
        assert_eq!(err("tomorrow"), ValueError::NotADate);
        assert_eq!(err("１２/05/2017"), ValueError::NotADate);
        assert_eq!(err("12/05/2017é"), ValueError::NotADate);
        assert_eq!(err(""), ValueError::Blank);
        assert_eq!(err(" #n/a "), ValueError::Blank);
        assert_eq!(err("-"), ValueError::Blank);
    }

    #[test]
    fn blanks() {
        for s in [
            "", "   ", "\t", "#n/a", "#N/A", " NULL ", "null", "N/A", "n/a", "-", " - ",
        ] {
            assert!(is_blank(s), "`{s}` is blank");
        }
        for s in ["0", "--", "NA", "none", "x"] {
            assert!(!is_blank(s), "`{s}` is not blank");
        }
    }

    #[test]
    fn yes_no_table() {
        let yes = [
            "y",
            "Y",
            "yes",
            "YES",
            " Yes ",
            "true",
            "TRUE",
            "1",
            "a) Yes",
            "A) anything",
            "a)",
            "yesterday",
            "Yes - seen alone",
        ];
        let no = [
            "n",
            "N",
            "no",
            "No",
            "false",
            "FALSE",
            "0",
            "b) No",
            "B)",
            "none",
            "not known",
            "No - not seen",
        ];
        for s in yes {
            assert_eq!(parse_yes_no(s), Ok(true), "`{s}`");
        }
        for s in no {
            assert_eq!(parse_yes_no(s), Ok(false), "`{s}`");
        }
        for s in [
            "maybe", "ye", "t", "f", "2", "c) Died", "Y/N", "10", "a )", "tru",
        ] {
            assert_eq!(parse_yes_no(s), Err(ValueError::NotYesNo), "`{s}`");
        }
        for s in ["", " ", "#N/A", "N/A", "null", "-"] {
            assert_eq!(parse_yes_no(s), Err(ValueError::Blank), "`{s}`");
        }
    }

    #[test]
    fn codes() {
        let cases = [
            ("a) WBRI", Some("WBRI")),
            ("WBRI", Some("WBRI")),
            ("wbri", Some("wbri")),
            ("V2: Single period under S20", Some("V2")),
            ("F1 - Full time higher education", Some("F1")),
            ("F1-Full time", Some("F1")),
            ("d) Eligible child", Some("Eligible")),
            ("c) Died", Some("Died")),
            ("0", Some("0")),
            ("F2: Full time in other education", Some("F2")),
            ("p1) F1", Some("F1")),
            ("ab) NREQ", Some("NREQ")),
            ("a)WBRI", Some("WBRI")),
            ("  C2  ", Some("C2")),
            ("c)", Some("c")),
            ("G4)", Some("G4")),
            ("a) V2: x", Some("V2")),
            ("1) F1", Some("1")),
            ("é) x", Some("é")),
            ("", None),
            ("   ", None),
            ("#N/A", None),
            ("-", None),
            (": V2", None),
            ("a) )", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_code(input), expected, "`{input}`");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1"), Ok(1.0));
        assert_eq!(parse_number(" 0.5 "), Ok(0.5));
        assert_eq!(parse_number(".5"), Ok(0.5));
        assert_eq!(parse_number("2."), Ok(2.0));
        assert_eq!(parse_number("-1"), Ok(-1.0));
        assert_eq!(parse_number("-.25"), Ok(-0.25));
        assert_eq!(parse_number("007"), Ok(7.0));
        for s in [
            "1,000", "1.2.3", "+1", "1e3", "inf", "NaN", ".", "-.", "--1", "1 000", "one",
        ] {
            assert_eq!(parse_number(s), Err(ValueError::NotANumber), "`{s}`");
        }
        assert_eq!(parse_number(&"9".repeat(400)), Err(ValueError::NotANumber));
        assert_eq!(parse_number(" "), Err(ValueError::Blank));
        assert_eq!(parse_number("-"), Err(ValueError::Blank));
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count("0"), Ok(0));
        assert_eq!(parse_count(" 2 "), Ok(2));
        // Strict integers: Excel's `2.0` is not a count.
        assert_eq!(parse_count("2.0"), Err(ValueError::NotACount));
        assert_eq!(parse_count("2."), Err(ValueError::NotACount));
        assert_eq!(parse_count("0012"), Ok(12));
        assert_eq!(parse_count("4294967295"), Ok(u32::MAX));
        for s in [
            "2.5",
            "-1",
            "+1",
            "4294967296",
            ".0",
            "1,000",
            "two",
            "1e2",
            "2.0.0",
        ] {
            assert_eq!(parse_count(s), Err(ValueError::NotACount), "`{s}`");
        }
        assert_eq!(parse_count("#N/A"), Err(ValueError::Blank));
    }

    // inputs.md, "Recognising headers".
    #[test]
    fn headers() {
        let uasc = "unaccompaniedasylumseekingchilduascwithinthelast12monthsyn";
        assert_eq!(
            normalise_header(
                "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))"
            ),
            uasc
        );
        assert_eq!(
            normalise_header(
                "unaccompanied_asylum_seeking_child_uasc_within_the_last_12_months_y_n"
            ),
            uasc
        );
        assert_eq!(
            normalise_header("Child's Legal Status"),
            "childslegalstatus"
        );
        assert_eq!(normalise_header("Child\u{2019}s"), "childs");
        assert_eq!(normalise_header("\u{FEFF}Child Unique ID"), "childuniqueid");
        // The one-word headers of database and dataset exports.
        assert_eq!(normalise_header("ChildUniqueID"), "childuniqueid");
        assert_eq!(normalise_header("CINStartDate"), "cinstartdate");
        assert_eq!(normalise_header("AllocatedWorker"), "allocatedworker");
        assert_eq!(normalise_header("Allocated\u{A0}Worker"), "allocatedworker");
        assert_eq!(normalise_header("  \"Referral NFA?\" "), "referralnfa");
        assert_eq!(normalise_header("Date_of-Referral"), "dateofreferral");
        assert_eq!(normalise_header("“Worker ID”"), "workerid");
        assert_eq!(normalise_header("`FTE´"), "fte");
        assert_eq!(normalise_header("Éligibilité"), "éligibilité");
        assert_eq!(normalise_header(" ?? "), "");
        assert_eq!(normalise_header(""), "");
    }

    #[test]
    fn names_fold() {
        assert_eq!(
            fold_name("  North   Assessment\tTeam "),
            "north assessment team"
        );
        // Non-breaking spaces are whitespace (inputs.md, "Value types", names).
        assert_eq!(fold_name("North\u{A0}\u{A0}Team\u{A0}"), "north team");
        assert_eq!(fold_name("JANE SMITH"), "jane smith");
        assert_eq!(fold_name(""), "");
    }

    // inputs.md, "Value types", names: `Smith, Jane`, `JANE SMITH` and
    // `Jane  Smith` are one worker.
    #[test]
    fn worker_names_ignore_punctuation_and_word_order() {
        let jane = worker_name_key("Jane Smith");
        for same in [
            "Smith, Jane",
            "JANE SMITH",
            "Jane  Smith",
            "Jane\u{A0}Smith",
            " smith jane. ",
        ] {
            assert_eq!(worker_name_key(same), jane, "`{same}`");
        }
        assert_eq!(
            worker_name_key("O'Brien, Pat"),
            worker_name_key("Pat OBrien")
        );
        assert_eq!(
            worker_name_key("Smith-Jones, Ann"),
            worker_name_key("Ann Smith Jones")
        );
        assert_ne!(worker_name_key("Jane Smith"), worker_name_key("Jane Smyth"));
        assert_eq!(worker_name_key(" , "), "");
    }

    #[test]
    fn non_breaking_spaces_inside_a_date_are_spaces() {
        assert_eq!(parse_date("1\u{A0}Dec\u{A0}2017"), Ok(date(2017, 12, 1)));
        assert_eq!(parse_date("01/12/2017\u{A0}10:00"), Ok(date(2017, 12, 1)));
        assert_eq!(parse_date("\u{A0}01/12/2017\u{A0}"), Ok(date(2017, 12, 1)));
        assert_eq!(
            parse_date("1\u{A0}Décembre 2017"),
            Err(ValueError::NotADate)
        );
    }

    #[test]
    fn month_first_dates_are_recognised_but_stay_invalid() {
        for s in ["05/13/2017", "12/25/2017 10:00", "1-31-2018", "2.29.2016"] {
            assert!(looks_month_first(s), "`{s}`");
            assert!(parse_date(s).is_err(), "`{s}`");
        }
        // Valid day first, impossible either way, or not that shape.
        for s in [
            "05/12/2017",
            "13/13/2017",
            "2/30/2017",
            "2017-05-13",
            "05/13/17",
            "x",
        ] {
            assert!(!looks_month_first(s), "`{s}`");
        }
    }

    #[test]
    fn excel_errors_are_blank() {
        for s in [
            "#N/A", "#n/a", " #REF! ", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!",
            "#SPILL!", "#CALC!",
        ] {
            assert!(is_excel_error(s), "`{s}`");
            assert!(is_blank(s), "`{s}`");
        }
        for s in EXCEL_ERRORS {
            assert!(is_excel_error(&s.to_ascii_uppercase()), "`{s}`");
        }
        for s in ["#1", "#N/A2", "N/A", "#", "#REF", "#DATA!"] {
            assert!(!is_excel_error(s), "`{s}`");
        }
        // A non-breaking space is whitespace.
        assert!(is_blank("\u{A0}"));
        assert!(is_blank(" \u{A0}#N/A\u{A0}"));
    }

    #[test]
    fn ids_excel_rewrote() {
        for s in ["1.23457E+11", "1.2E+5", "9E+10", "1.23457e+11"] {
            assert!(looks_like_excel_exponent(s), "`{s}`");
        }
        for s in [
            "123457", "E+11", "1.2E", "SYN0001", "1.2E+", "ABCE+12", "1.2.3E+4",
        ] {
            assert!(!looks_like_excel_exponent(s), "`{s}`");
        }
    }

    fn as_at(name: &str) -> Option<Date> {
        as_at_from_file_name(name)
    }

    // inputs.md, "As-at date of a file", rule 1.
    #[test]
    fn file_name_dates() {
        let d = Some(date(2017, 12, 31));
        assert_eq!(as_at("list3_referrals_2017-12-31.csv"), d);
        assert_eq!(as_at("20171231.csv"), d);
        assert_eq!(as_at("list6_20171231.csv"), d);
        assert_eq!(as_at("31-12-2017.csv"), d);
        assert_eq!(as_at("31.12.2017.csv"), d);
        assert_eq!(as_at("list6 31_12_2017.csv"), d);
        assert_eq!(as_at("2017_12_31.csv"), d);
        assert_eq!(as_at("December-2017.csv"), d);
        assert_eq!(as_at("Dec 2017.csv"), d);
        assert_eq!(as_at("Annex A Dec_2017 (final).csv"), d);
        assert_eq!(as_at("annex_a_dec2017.xlsx"), d);
        assert_eq!(as_at("list6 2016-12.csv"), Some(date(2016, 12, 31)));
        assert_eq!(as_at("cin Sept 2017.csv"), Some(date(2017, 9, 30)));
        assert_eq!(as_at("cin feb-2016.csv"), Some(date(2016, 2, 29)));
        assert_eq!(as_at("extract 15-Dec-2017.csv"), Some(date(2017, 12, 15)));
        assert_eq!(as_at("list6 1-4-2017.csv"), Some(date(2017, 4, 1)));
    }

    #[test]
    fn file_name_last_date_wins() {
        assert_eq!(
            as_at("2017-04-01 to 2018-03-31.csv"),
            Some(date(2018, 3, 31))
        );
        assert_eq!(as_at("Apr 2017 - Mar 2018.csv"), Some(date(2018, 3, 31)));
        assert_eq!(
            as_at("2018-03-31 (was Dec 2017).csv"),
            Some(date(2017, 12, 31))
        );
        // An impossible date is skipped; an earlier one stands.
        assert_eq!(
            as_at("2017-04-01 to 2017-02-30.csv"),
            Some(date(2017, 4, 1))
        );
    }

    #[test]
    fn file_names_without_dates() {
        assert_eq!(as_at("list9 2017-02-30.csv"), None);
        assert_eq!(as_at("list9 30-02-2017.csv"), None);
        assert_eq!(as_at("list9 20170230.csv"), None);
        assert_eq!(as_at("list6_cin_v2.csv"), None);
        assert_eq!(as_at("scorecard_v12345678.csv"), None);
        assert_eq!(as_at("ref 123456789.csv"), None);
        assert_eq!(as_at("1817-12-31.csv"), None);
        assert_eq!(as_at("2017-13.csv"), None);
        assert_eq!(as_at("2017-1.csv"), None);
        assert_eq!(as_at("Dec 17.csv"), None);
        assert_eq!(as_at("Decision 2017.csv"), None);
        assert_eq!(as_at("summary2017.csv"), None);
        assert_eq!(as_at("2017/12/31"), None);
        assert_eq!(as_at(""), None);
        assert_eq!(as_at("列表 ✓ 2017年"), None);
    }

    #[test]
    fn file_name_day_first_needs_a_word_boundary() {
        // `list6-12-2017` is List 6, not 6 December; with nothing else in the name, no date.
        assert_eq!(as_at("list6-12-2017.csv"), None);
        assert_eq!(as_at("list6-Dec-2017.csv"), Some(date(2017, 12, 31)));
        assert_eq!(as_at("List 6 Dec 2017.csv"), Some(date(2017, 12, 31)));
    }

    #[test]
    fn file_name_directories_are_ignored() {
        assert_eq!(as_at("/data/2016-12-31/list6.csv"), None);
        assert_eq!(
            as_at(r"C:\exports\2016-12\list6 2017-12-31.csv"),
            Some(date(2017, 12, 31))
        );
        assert_eq!(as_at(r"C:\exports\2016-12-31\list6.csv"), None);
    }

    #[test]
    fn messages() {
        assert_eq!(ValueError::NotADate.to_string(), "not a date");
        assert_eq!(
            ValueError::TwoDigitYear.to_string(),
            "two-digit years are not accepted"
        );
        assert_eq!(ValueError::ImpossibleDate.to_string(), "no such day");
        assert_eq!(
            ValueError::SerialOutOfRange.to_string(),
            "Excel day number out of range (61–2958465)"
        );
        assert_eq!(ValueError::NotYesNo.to_string(), "not yes or no");
        assert_eq!(ValueError::NotANumber.to_string(), "not a number");
        assert_eq!(
            ValueError::NotACount.to_string(),
            "not a whole number of 0 or more"
        );
        assert_eq!(ValueError::Blank.to_string(), "blank");
        assert_eq!(
            ValueError::TwoDigitYear.expected(),
            "a date, day first (dd/mm/yyyy)"
        );
        assert_eq!(ValueError::NotYesNo.expected(), "yes or no");
        assert_eq!(ValueError::NotANumber.expected(), "a number");
        assert_eq!(
            ValueError::NotACount.expected(),
            "a whole number of 0 or more"
        );
    }

    #[test]
    fn never_panics_on_awkward_input() {
        let long = "9".repeat(100_000);
        let multibyte = "é".repeat(10_000);
        let inputs = [
            long.as_str(),
            multibyte.as_str(),
            "1/é/2017",
            "é/1/2017",
            "1/1/2017\u{a0}10:30",
            "12/05/2017 ",
            "3 Fébruary 2017",
            "2017-",
            "2017-1",
            "2017-1-",
            "1/",
            "1/1",
            "1/1/",
            "a)",
            "a",
            ")",
            "ab1",
            "\u{FEFF}",
            "\u{0}",
            "1.",
            ".",
            "-é",
            "é) ",
            "Dec",
            "2017-12-31T",
            "2017-12-31 1:",
            "2017-12-31 12:00:",
            "2017-12-31 12:00:00.",
        ];
        for s in inputs {
            let _ = parse_date(s);
            let _ = parse_yes_no(s);
            let _ = parse_code(s);
            let _ = parse_number(s);
            let _ = parse_count(s);
            let _ = normalise_header(s);
            let _ = fold_name(s);
            let _ = as_at_from_file_name(s);
            let _ = is_blank(s);
        }
        assert_eq!(parse_date(&long), Err(ValueError::SerialOutOfRange));
        assert_eq!(parse_date("2017-12-31 12:00:00."), Ok(date(2017, 12, 31)));
    }
}
