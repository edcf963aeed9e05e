//! Typed records, one struct per kind of file, as the indicators read them.
//!
//! Owns: the shapes and each kind's merge key (inputs.md, "Key for
//! merging"). A field the file holds but could not read is `Field::Invalid`,
//! so an indicator that needs it leaves the row out while others still use
//! the row (indicators.md, "Invalid fields"). Built by `ingest::build`.

use std::sync::Arc;

use jiff::civil::Date;

/// A cell's typed value: blank, read, or present but unreadable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    pub file: usize,
    pub row: u32,
}

/// A record and where it came from.
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, PartialEq)]
pub struct Referral {
    pub child: String,
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
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    pub child: String,
    pub start: Date,
    /// Blank while open; invalid when unreadable or before the start.
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
#[derive(Clone, Debug, PartialEq)]
pub struct CinEpisode {
    pub child: String,
    pub start: Date,
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
#[derive(Clone, Debug, PartialEq)]
pub struct CpPlan {
    pub child: String,
    pub start: Date,
    pub end: Field<Date>,
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
#[derive(Clone, Debug, PartialEq)]
pub struct CareEpisode {
    pub child: String,
    pub start: Date,
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
#[derive(Clone, Debug, PartialEq)]
pub struct CareLeaver {
    pub child: String,
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq)]
pub struct Adoption {
    pub child: String,
    pub entered_care: Date,
    pub placement_order: Field<Date>,
    pub matched: Field<Date>,
    pub placed: Field<Date>,
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
#[derive(Clone, Debug, PartialEq)]
pub struct CpVisit {
    pub child: String,
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
#[derive(Clone, Debug, PartialEq)]
pub struct FamilySupport {
    pub child: String,
    pub start: Date,
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
#[derive(Clone, Debug, PartialEq)]
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
    pub start: Option<Date>,
    /// The last day in post (inclusive); blank = still in post.
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
#[derive(Clone, Debug, PartialEq)]
pub struct Supervision {
    /// Worker ID folded for comparison.
    pub worker: String,
    pub date: Date,
}

impl Keyed for Supervision {
    type Key<'a> = (&'a str, Date);
    fn key(&self) -> Self::Key<'_> {
        (&self.worker, self.date)
    }
}

/// Teams template row.
#[derive(Clone, Debug, PartialEq)]
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
