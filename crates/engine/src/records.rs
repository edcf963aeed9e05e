//! Typed records, one struct per kind of file, as the indicators read them.
//!
//! Owns: the shapes and each kind's merge key (inputs.md, "Key for
//! merging"). A field the file holds but could not read is `Field::Invalid`,
//! so an indicator that needs it leaves the row out while others still use
//! the row (indicators.md, "Invalid fields"). Built by `ingest::build`.

use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A cell's typed value: blank, read, or present but unreadable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Field<T> {
    #[default]
    Blank,
    Value(T),
    Invalid,
}

impl<T: Copy> Field<T> {
    pub fn value(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl Field<Date> {
    /// For an end date: `Some(None)` = no end (blank), `Some(Some(d))`, or
    /// `None` when the end is unreadable and the record cannot be placed.
    pub fn end(self) -> Option<Option<Date>> {
        match self {
            Field::Blank => Some(None),
            Field::Value(d) => Some(Some(d)),
            Field::Invalid => None,
        }
    }
}

/// indicators.md, "Open at a date": start <= d and (no end or end > d).
/// An unreadable end makes the record unusable for openness: `false`.
pub(crate) fn open_at(start: Date, end: Field<Date>, day: Date) -> bool {
    match end.end() {
        Some(None) => start <= day,
        Some(Some(end)) => start <= day && end > day,
        None => false,
    }
}

/// A name as a file writes it (trimmed; "" when blank), shared: a file
/// repeats a few dozen teams and a few hundred workers hundreds of
/// thousands of times, so each distinct spelling is one allocation
/// (`ingest::build` interns them per file), and `Areas` knows a team it
/// has looked up by its address instead of hashing the text again for
/// every record every month.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(Arc<str>);

/// A record's team (see `Name`).
pub type Team = Name;

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where the text is stored: equal for clones of one `Name`, and
    /// never shared by two live `Name`s of different text.
    pub(crate) fn address(&self) -> usize {
        Arc::as_ptr(&self.0).cast::<u8>() as usize
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(name: &str) -> Name {
        Name(Arc::from(name))
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

/// Where a record came from: the file (index into the loaded files) and
/// its spreadsheet row, for drill-down and the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    pub file: usize,
    pub row: u32,
}

/// A record and where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rec<R> {
    pub source: Source,
    pub data: R,
}

/// A record kind with a merge key, borrowed from the record so merging
/// hundreds of thousands of rows allocates nothing per row.
pub trait Keyed {
    type Key<'a>: std::hash::Hash + Eq
    where
        Self: 'a;
    fn key(&self) -> Self::Key<'_>;
}

/// A record that is an episode of a child's: open from a start to an end.
pub trait Episode {
    fn child(&self) -> &str;
    fn start(&self) -> Date;
    fn end(&self) -> Field<Date>;
}

macro_rules! episode {
    ($record:ty, $end:ident) => {
        impl Episode for $record {
            fn child(&self) -> &str {
                &self.child
            }
            fn start(&self) -> Date {
                self.start
            }
            fn end(&self) -> Field<Date> {
                self.$end
            }
        }
    };
}

episode!(CinEpisode, closed);
episode!(CpPlan, end);
episode!(CareEpisode, ceased);
episode!(FamilySupport, end);

/// List 3 row: one referral.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Referral {
    pub child: String,
    #[serde(with = "wire::date")]
    pub date: Date,
    /// `Number of Referrals in Last 12 Months`, when present and valid.
    pub earlier_count: Option<u32>,
    pub team: Team,
}

impl Keyed for Referral {
    type Key<'a> = (&'a str, Date);
    fn key(&self) -> Self::Key<'_> {
        (&self.child, self.date)
    }
}

/// List 4 row: one assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub child: String,
    #[serde(with = "wire::date")]
    pub start: Date,
    /// Blank while open; invalid when unreadable or before the start.
    #[serde(with = "wire::field_date")]
    pub authorised: Field<Date>,
    pub seen: Field<bool>,
    pub team: Team,
}

impl Keyed for Assessment {
    type Key<'a> = (&'a str, Date);
    fn key(&self) -> Self::Key<'_> {
        (&self.child, self.start)
    }
}

/// List 6 row: one CIN episode, with its allocation as at the file's date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CinEpisode {
    pub child: String,
    #[serde(with = "wire::date")]
    pub start: Date,
    #[serde(with = "wire::field_date")]
    pub closed: Field<Date>,
    pub team: Team,
    /// `Allocated Worker` as written (trimmed); empty when blank.
    pub worker: Name,
}

impl Keyed for CinEpisode {
    type Key<'a> = (&'a str, Date);
    fn key(&self) -> Self::Key<'_> {
        (&self.child, self.start)
    }
}

/// List 7 row: one child protection plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CpPlan {
    pub child: String,
    #[serde(with = "wire::date")]
    pub start: Date,
    #[serde(with = "wire::field_date")]
    pub end: Field<Date>,
    #[serde(with = "wire::field_date")]
    pub last_visit: Field<Date>,
    pub team: Team,
}

impl Keyed for CpPlan {
    type Key<'a> = (&'a str, Date);
    fn key(&self) -> Self::Key<'_> {
        (&self.child, self.start)
    }
}

/// List 8 row: one looked-after episode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CareEpisode {
    pub child: String,
    #[serde(with = "wire::date")]
    pub start: Date,
    #[serde(with = "wire::field_date")]
    pub ceased: Field<Date>,
    pub uasc: Field<bool>,
    /// Legal status code, upper-case (`V2`), when given.
    pub legal_status: Option<String>,
    pub team: Team,
}

impl CareEpisode {
    /// V3 and V4 are short breaks only: not looked after for indicator 7.
    pub(crate) fn is_short_breaks(&self) -> bool {
        matches!(self.legal_status.as_deref(), Some("V3" | "V4"))
    }
}

impl Keyed for CareEpisode {
    type Key<'a> = (&'a str, Date);
    fn key(&self) -> Self::Key<'_> {
        (&self.child, self.start)
    }
}

/// List 9 row: one care leaver as at the file's date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CareLeaver {
    pub child: String,
    #[serde(with = "wire::field_date")]
    pub birth: Field<Date>,
    /// Eligibility category code (`Eligible`, `Relevant`...), as written.
    pub eligibility: Option<String>,
    /// LA in touch code (`Yes`, `Died`, `Rhom`...), as written.
    pub in_touch: Option<String>,
    /// Activity code, upper-case (`F1`, `G6`, `0`); invalid when not a known code.
    pub activity: Field<Activity>,
    pub team: Team,
}

/// Care-leaver activity: in education, employment or training, or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Activity {
    Eet,
    NotEet,
}

impl Keyed for CareLeaver {
    type Key<'a> = &'a str;
    fn key(&self) -> Self::Key<'_> {
        &self.child
    }
}

/// List 10 row: one child's adoption journey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Adoption {
    pub child: String,
    #[serde(with = "wire::date")]
    pub entered_care: Date,
    #[serde(with = "wire::field_date")]
    pub placement_order: Field<Date>,
    #[serde(with = "wire::field_date")]
    pub matched: Field<Date>,
    #[serde(with = "wire::field_date")]
    pub placed: Field<Date>,
    #[serde(with = "wire::field_date")]
    pub adoption_order: Field<Date>,
    pub team: Team,
}

impl Keyed for Adoption {
    type Key<'a> = (&'a str, Date);
    fn key(&self) -> Self::Key<'_> {
        (&self.child, self.entered_care)
    }
}

/// CP visits template row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CpVisit {
    pub child: String,
    #[serde(with = "wire::date")]
    pub date: Date,
    /// Seen; `true` for every visit in a file without the `Child Seen` column.
    pub seen: bool,
}

impl Keyed for CpVisit {
    type Key<'a> = (&'a str, Date);
    fn key(&self) -> Self::Key<'_> {
        (&self.child, self.date)
    }
}

/// Family support template row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FamilySupport {
    pub child: String,
    #[serde(with = "wire::date")]
    pub start: Date,
    #[serde(with = "wire::field_date")]
    pub end: Field<Date>,
    pub team: Team,
}

impl Keyed for FamilySupport {
    type Key<'a> = (&'a str, Date);
    fn key(&self) -> Self::Key<'_> {
        (&self.child, self.start)
    }
}

/// Staff template row: one worker's spell in post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffMember {
    /// Worker ID folded for comparison (trimmed, lower-case).
    pub worker: String,
    /// Worker ID as written (trimmed).
    pub worker_label: String,
    pub name: String,
    pub team: Team,
    pub qualified: Field<bool>,
    pub agency: Field<bool>,
    pub manager: bool,
    pub case_holder: bool,
    pub fte: f64,
    /// Blank = in post from the start of time.
    #[serde(with = "wire::option_date")]
    pub start: Option<Date>,
    /// The last day in post (inclusive); blank = still in post.
    #[serde(with = "wire::field_date")]
    pub end: Field<Date>,
}

impl StaffMember {
    /// In post on `day`: start <= day and (no end or end >= day). Ends are
    /// inclusive (inputs.md, `staff`). An unreadable end: not placeable.
    pub(crate) fn in_post_on(&self, day: Date) -> bool {
        self.in_post_during(day, day)
    }

    /// In post for any part of `from..=to`.
    pub fn in_post_during(&self, from: Date, to: Date) -> bool {
        let started = self.start.is_none_or(|start| start <= to);
        match self.end.end() {
            Some(None) => started,
            Some(Some(end)) => started && end >= from,
            None => false,
        }
    }
}

impl Keyed for StaffMember {
    type Key<'a> = (&'a str, Option<Date>);
    fn key(&self) -> Self::Key<'_> {
        (&self.worker, self.start)
    }
}

/// Supervisions template row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Supervision {
    /// Worker ID folded for comparison.
    pub worker: String,
    #[serde(with = "wire::date")]
    pub date: Date,
}

impl Keyed for Supervision {
    type Key<'a> = (&'a str, Date);
    fn key(&self) -> Self::Key<'_> {
        (&self.worker, self.date)
    }
}

/// Teams template row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamEntry {
    pub team: String,
    pub area: String,
    pub team_type: Option<String>,
}

impl Keyed for TeamEntry {
    type Key<'a> = String;
    fn key(&self) -> Self::Key<'_> {
        crate::values::fold_name(&self.team)
    }
}

/// Compact serde forms for records crossing between workers as bytes
/// (`ingest::transfer`): a date as one number, not text to parse again,
/// and a name read once per batch, shared as `ingest::build` shares it.
pub mod wire {
    use std::cell::RefCell;

    use jiff::civil::Date;
    use rustc_hash::FxHashMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Field, Name};

    /// A date as `(year + 10000) * 512 + month * 32 + day`: three bytes
    /// as a varint, and no calendar arithmetic either way.
    fn pack(date: Date) -> u32 {
        let year = u32::try_from(i32::from(date.year()) + 10_000).unwrap_or(0);
        year * 512
            + u32::from(date.month().unsigned_abs()) * 32
            + u32::from(date.day().unsigned_abs())
    }

    fn unpack<E: serde::de::Error>(packed: u32) -> Result<Date, E> {
        let year = i32::try_from(packed / 512).map_err(E::custom)? - 10_000;
        let year = i16::try_from(year).map_err(E::custom)?;
        // Both below 32: the casts cannot lose anything.
        let month = ((packed / 32) % 16) as i8;
        let day = (packed % 32) as i8;
        Date::new(year, month, day).map_err(E::custom)
    }

    pub mod date {
        use super::*;

        pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_u32(pack(*date))
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
            unpack(u32::deserialize(deserializer)?)
        }
    }

    pub mod option_date {
        use super::*;

        pub fn serialize<S: Serializer>(
            date: &Option<Date>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            date.map(pack).serialize(serializer)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Date>, D::Error> {
            Option::<u32>::deserialize(deserializer)?
                .map(unpack)
                .transpose()
        }
    }

    pub mod field_date {
        use super::*;

        pub fn serialize<S: Serializer>(
            date: &Field<Date>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            let packed = match *date {
                Field::Blank => Field::Blank,
                Field::Value(date) => Field::Value(pack(date)),
                Field::Invalid => Field::Invalid,
            };
            packed.serialize(serializer)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Field<Date>, D::Error> {
            Ok(match Field::<u32>::deserialize(deserializer)? {
                Field::Blank => Field::Blank,
                Field::Value(packed) => Field::Value(unpack(packed)?),
                Field::Invalid => Field::Invalid,
            })
        }
    }

    /// A coverage `(from, to)`.
    pub mod option_date_pair {
        use super::*;

        pub fn serialize<S: Serializer>(
            pair: &Option<(Date, Date)>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            pair.map(|(from, to)| (pack(from), pack(to)))
                .serialize(serializer)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<(Date, Date)>, D::Error> {
            Option::<(u32, u32)>::deserialize(deserializer)?
                .map(|(from, to)| Ok((unpack(from)?, unpack(to)?)))
                .transpose()
        }
    }

    thread_local! {
        /// The names of the batch being read back (`with_shared_names`).
        static NAMES: RefCell<Option<FxHashMap<String, Name>>> = const { RefCell::new(None) };
    }

    /// Runs `read` with the names it reads back shared: each distinct
    /// text one allocation, as a file read here has them (so call it once
    /// per file: `ingest::build` shares names within a file, and
    /// `indicators::counts` groups a file's rows by their team's address).
    /// Outside it a name read back is its own allocation.
    pub fn with_shared_names<R>(read: impl FnOnce() -> R) -> R {
        /// Ends the sharing however `read` ends, a panic included.
        struct Unshare;
        impl Drop for Unshare {
            fn drop(&mut self) {
                NAMES.with(|names| *names.borrow_mut() = None);
            }
        }
        NAMES.with(|names| *names.borrow_mut() = Some(FxHashMap::default()));
        let _unshare = Unshare;
        read()
    }

    impl Serialize for Name {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl<'de> Deserialize<'de> for Name {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Name, D::Error> {
            // Borrowed from the bytes (postcard can): a name already
            // shared costs no allocation.
            let text = <&'de str>::deserialize(deserializer)?;
            Ok(NAMES.with(|names| match names.borrow_mut().as_mut() {
                Some(names) => match names.get(text) {
                    Some(name) => name.clone(),
                    None => {
                        let name = Name::from(text);
                        names.insert(text.to_string(), name.clone());
                        name
                    }
                },
                None => Name::from(text),
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn an_episode_ending_on_the_day_is_not_open_that_day() {
        // indicators.md, "Open at a date": "A record that ends on d is not open at d."
        let start = date(2017, 1, 1);
        let day = date(2017, 12, 31);
        assert!(!open_at(start, Field::Value(day), day));
        assert!(open_at(start, Field::Value(date(2018, 1, 1)), day));
        assert!(open_at(start, Field::Blank, day));
        assert!(open_at(day, Field::Blank, day));
        assert!(!open_at(date(2018, 1, 1), Field::Blank, day));
        assert!(!open_at(start, Field::Invalid, day));
    }

    #[test]
    fn staff_end_date_is_inclusive() {
        // inputs.md, staff: "a worker is in post on day d when start <= d and (end is blank or end >= d)".
        let worker = StaffMember {
            worker: "w1".into(),
            worker_label: "W1".into(),
            name: String::new(),
            team: Team::default(),
            qualified: Field::Value(true),
            agency: Field::Value(false),
            manager: false,
            case_holder: true,
            fte: 1.0,
            start: Some(date(2017, 3, 1)),
            end: Field::Value(date(2017, 12, 31)),
        };
        assert!(worker.in_post_on(date(2017, 12, 31)));
        assert!(!worker.in_post_on(date(2018, 1, 1)));
        assert!(worker.in_post_on(date(2017, 3, 1)));
        assert!(!worker.in_post_on(date(2017, 2, 28)));
        assert!(worker.in_post_during(date(2017, 12, 31), date(2018, 1, 31)));
        assert!(!worker.in_post_during(date(2018, 1, 1), date(2018, 1, 31)));
        assert!(worker.in_post_during(date(2017, 2, 1), date(2017, 3, 1)));
    }
}
