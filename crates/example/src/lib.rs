//! Generates the example data set in `examples/dec-2017/`: synthetic
//! child-level extracts for a fictional city with the seed's five areas,
//! from which the engine's December 2017 scorecard reproduces the seed
//! scorecard's figures (spec `outputs.md`, "Example data"; the figure-by-
//! figure account is `docs/example-data.md`).
//!
//! `cargo run --release -p xtask --bin generate_example -- [--out DIR] [--scale N]`
//! writes the files; the page's "Load example" calls [`generate`] directly,
//! so the 15 MB of CSV never travel with the page.
//!
//! How it works. Every figure the seed prints is a constant of the plan
//! below (month-end stocks, monthly flows, caseload targets) and is built
//! exactly, never sampled and hoped for: open episodes, plans and periods of
//! care are stocks whose month-end sizes are forced by choosing which
//! episodes close; cohorts (referrals, assessments, visits, supervisions)
//! are drawn to exact counts. Randomness only decides which child, which
//! day and which worker. It comes from a self-contained SplitMix64 with one
//! fixed seed and no platform-dependent floating-point functions, so two
//! runs write byte-identical files.
//!
//! `--scale N` writes N copies of the city (distinct identifiers and
//! workers, each copy with its own seed) for load testing: counts multiply
//! by N while percentages, rates (populations scale too) and averages stay.
//!
//! Synthetic only: children are `EX000123`, workers `W042` / `Worker 042`.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a developer tool over fixed plan tables: a broken invariant must stop generation loudly rather than write wrong data"
)]

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The seed that fixes every random choice.
pub(crate) const SEED: u64 = 0x5EED_2017_1231;

// ================================================================== dates

/// Days since 1970-01-01.
pub(crate) type Day = i32;
/// Months since year 0: `year * 12 + month - 1`.
pub(crate) type Mon = i32;

pub(crate) const fn ymd(y: i32, m: i32, d: i32) -> Day {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn civil(z: Day) -> (i32, i32, i32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub(crate) const fn mon(y: i32, m: i32) -> Mon {
    y * 12 + m - 1
}

pub(crate) fn first(k: Mon) -> Day {
    ymd(k.div_euclid(12), k.rem_euclid(12) + 1, 1)
}

pub(crate) fn last(k: Mon) -> Day {
    first(k + 1) - 1
}

pub(crate) fn month_of(d: Day) -> Mon {
    let (y, m, _) = civil(d);
    mon(y, m)
}

/// `d` moved by `n` calendar months, the day clamped to the month's length
/// (29 February minus a year is 28 February, as the engine's look-back).
pub(crate) fn add_months(d: Day, n: i32) -> Day {
    let (y, m, day) = civil(d);
    let k = mon(y, m) + n;
    let len = last(k) - first(k) + 1;
    first(k) + day.min(len) - 1
}

/// Whole years from `dob` to `d`.
pub(crate) fn age_on(dob: Day, d: Day) -> i32 {
    let (y1, m1, d1) = civil(dob);
    let (y2, m2, d2) = civil(d);
    y2 - y1 - i32::from((m2, d2) < (m1, d1))
}

/// 0 = Monday (1 January 1970 was a Thursday).
pub(crate) fn weekday(d: Day) -> i32 {
    (d + 3).rem_euclid(7)
}

/// `dd/mm/yyyy`, written digit by digit: the example writes a few hundred
/// thousand dates and `format!` was a third of its time in the page.
pub(crate) fn fmt_date(d: Day) -> String {
    let (y, m, day) = civil(d);
    let digit = |n: i32| char::from(b'0' + (n.rem_euclid(10)) as u8);
    let mut out = String::with_capacity(10);
    for c in [
        digit(day / 10),
        digit(day),
        '/',
        digit(m / 10),
        digit(m),
        '/',
    ] {
        out.push(c);
    }
    if (1000..=9999).contains(&y) {
        for c in [digit(y / 1000), digit(y / 100), digit(y / 10), digit(y)] {
            out.push(c);
        }
    } else {
        out.push_str(&y.to_string());
    }
    out
}

const DEC15: Mon = mon(2015, 12);
const FEB16: Mon = mon(2016, 2);
const DEC16: Mon = mon(2016, 12);
const JUN17: Mon = mon(2017, 6);
const DEC17: Mon = mon(2017, 12);
/// The as-at date of every December extract.
const AS_AT: Day = ymd(2017, 12, 31);

struct Calendar {
    holidays: HashSet<Day>,
}

/// The years whose bank holidays the generator's working days know (every
/// working-day rule of the plan falls in them): taken from the engine's
/// calendar once, so the generator and the engine count from one table.
const CALENDAR_YEARS: std::ops::RangeInclusive<i32> = 2014..=2018;

impl Calendar {
    fn new() -> Calendar {
        let engine = csc_engine::calendar::Calendar::new(&[]);
        let (first, last) = (
            ymd(*CALENDAR_YEARS.start(), 1, 1),
            ymd(*CALENDAR_YEARS.end(), 12, 31),
        );
        Calendar {
            holidays: (first..=last)
                .filter(|&d| {
                    let (y, m, day) = civil(d);
                    jiff::civil::Date::new(y as i16, m as i8, day as i8)
                        .is_ok_and(|date| engine.is_bank_holiday(date))
                })
                .collect(),
        }
    }

    fn working(&self, d: Day) -> bool {
        weekday(d) < 5 && !self.holidays.contains(&d)
    }

    /// The working day `s` with exactly `n` working days in `(s, end]`
    /// (the engine's count: the start day is day 0).
    fn back(&self, end: Day, n: i32) -> Day {
        let mut count = 0;
        let mut d = end;
        loop {
            if self.working(d) {
                count += 1;
                if count == n + 1 {
                    return d;
                }
            }
            d -= 1;
        }
    }

    fn working_days_in(&self, from: Day, to: Day) -> Vec<Day> {
        (from..=to).filter(|&d| self.working(d)).collect()
    }

    /// A random working day in `from..=to` (or `from` when there is none).
    fn random_working(&self, rng: &mut Rng, from: Day, to: Day) -> Day {
        let days = self.working_days_in(from, to);
        if days.is_empty() {
            from
        } else {
            *rng.pick(&days)
        }
    }
}

// ==================================================================== rng

/// SplitMix64: tiny, fast, and its output is fixed by this code alone.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0)");
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub(crate) fn int(&mut self, lo: i32, hi: i32) -> i32 {
        assert!(hi >= lo, "int({lo}, {hi})");
        lo + self.below((hi - lo + 1) as usize) as i32
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / 9_007_199_254_740_992.0
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// An index drawn with the given weights.
    pub(crate) fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// `k` distinct items of `items`, in random order.
    pub(crate) fn sample<T: Copy>(&mut self, items: &[T], k: usize) -> Vec<T> {
        assert!(k <= items.len(), "sample {k} of {}", items.len());
        let mut pool = items.to_vec();
        for i in 0..k {
            let j = i + self.below(pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }

    /// `k` distinct items drawn with weights (without replacement).
    pub(crate) fn weighted_sample(
        &mut self,
        items: &[usize],
        weights: &[f64],
        k: usize,
    ) -> Vec<usize> {
        assert!(k <= items.len(), "weighted sample {k} of {}", items.len());
        let mut items = items.to_vec();
        let mut weights = weights.to_vec();
        let mut out = Vec::with_capacity(k);
        for _ in 0..k {
            let i = self.weighted(&weights);
            out.push(items.swap_remove(i));
            weights.swap_remove(i);
        }
        out
    }
}

/// Splits `total` in proportion to `weights`, largest remainder first.
pub(crate) fn split(total: i32, weights: &[f64]) -> Vec<i32> {
    let sum: f64 = weights.iter().sum();
    let quotas: Vec<f64> = weights.iter().map(|w| f64::from(total) * w / sum).collect();
    let mut out: Vec<i32> = quotas.iter().map(|q| q.floor() as i32).collect();
    let mut rest = total - out.iter().sum::<i32>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        let fa = quotas[a] - quotas[a].floor();
        let fb = quotas[b] - quotas[b].floor();
        fb.partial_cmp(&fa).unwrap().then(a.cmp(&b))
    });
    for i in order.iter().cycle() {
        if rest == 0 {
            break;
        }
        out[*i] += 1;
        rest -= 1;
    }
    out
}

// =================================================================== plan

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
pub(crate) enum Area {
    East,
    Nwc,
    South,
    Dcsc,
    Other,
}

pub(crate) const AREAS: [Area; 5] = [Area::East, Area::Nwc, Area::South, Area::Dcsc, Area::Other];
const LOCALITIES: [Area; 3] = [Area::East, Area::Nwc, Area::South];

impl Area {
    fn i(self) -> usize {
        self as usize
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Area::East => "EAST",
            Area::Nwc => "NWC",
            Area::South => "SOUTH",
            Area::Dcsc => "DCSC",
            Area::Other => "Other Citywide Teams",
        }
    }

    fn short(self) -> &'static str {
        match self {
            Area::East => "East",
            Area::Nwc => "NWC",
            Area::South => "South",
            Area::Dcsc => "DCSC",
            Area::Other => "Citywide",
        }
    }
}

/// Mid-2016 population aged 0–17 (the seed's last table); none for the
/// two citywide areas.
const POPULATION: [Option<i32>; 5] = [Some(107_112), Some(109_786), Some(69_198), None, None];

/// List 6 children with an open episode at each month end, December 2015
/// to December 2017 (index 0 = Dec-15; the seed's Dec-17 is 7,546 and its
/// Jun–Nov 2017 average 7,362 = 44,172 / 6).
const OPEN_CASES: [i32; 25] = [
    7050, 7060, 7075, 7090, 7100, 7110, 7120, 7130, 7140, 7150, 7160,
    7170, // Dec-15 … Nov-16
    7180, 7210, 7240, 7260, 7250, 7270, // Dec-16 … May-17
    7290, 7330, 7350, 7380, 7400, 7422, // Jun-17 … Nov-17: Σ 44,172
    7546, // Dec-17
];
const OPEN_DEC17: [i32; 5] = [1990, 2090, 1922, 704, 840];

/// List 3 referrals per month, Dec-15 … Dec-17 (seed: Dec-17 1,234; Jun–Nov
/// 2017 cumulative 6,671).
const REFERRALS: [i32; 25] = [
    1040, 1150, 1100, 1180, 1060, 1120, 1090, 1140, 1010, 1170, 1120,
    1100, // Dec-15 … Nov-16
    1050, 1180, 1120, 1210, 1060, 1150, // Dec-16 … May-17
    1080, 1150, 1020, 1180, 1131, 1110, // Jun-17 … Nov-17: Σ 6,671
    1234,
];
/// Re-referrals per month, Dec-16 … Dec-17 (seed: Dec-17 268; Jun–Nov 1,566).
const RE_REFERRALS: [i32; 13] = [
    240, 265, 250, 280, 245, 262, 250, 280, 240, 270, 266, 260, 268,
];
const REFERRAL_SHARE: [f64; 5] = [0.335, 0.325, 0.28, 0.01, 0.05];

/// Assessments authorised per month, Dec-16 … Nov-17: inside and outside
/// 45 working days (seed Jun–Nov averages 1,103 / 119 / 1,222 → Σ 6,618 /
/// 714 / 7,332). December 2017 is by area below.
const ASSESS_INSIDE: [i32; 12] = [
    1030, 1090, 1065, 1140, 1000, 1105, 1070, 1140, 1030, 1120, 1130, 1128,
];
const ASSESS_OUTSIDE: [i32; 12] = [120, 120, 115, 120, 120, 125, 120, 120, 120, 120, 122, 112];
/// The seed's December 2017 (inside, outside) by area.
const ASSESS_DEC17: [(i32, i32); 5] = [(340, 19), (274, 17), (270, 24), (8, 0), (31, 18)];
const ASSESS_SHARE: [f64; 5] = [0.359, 0.291, 0.294, 0.008, 0.048];
/// Assessments where the child was not seen, Dec-16 … Dec-17 (Jun–Nov Σ 427,
/// so 6,905 of 7,332 seen = 94%; Dec-17 60, so 941 of 1,001 = 94%).
const NOT_SEEN: [i32; 13] = [70, 72, 68, 75, 66, 70, 70, 72, 68, 74, 72, 71, 60];

/// Children on a CP plan at each month end, Nov-16 … Dec-17 (seed Mar-17
/// 988, Dec-17 972).
const CP_STOCK: [i32; 14] = [
    955, 950, 962, 975, 988, 980, 968, 955, 948, 952, 960, 968, 975, 972,
];
const CP_DEC17: [i32; 5] = [282, 312, 344, 20, 14];
/// Children on a plan for the whole month, Dec-16 … Dec-17 (seed: Jun–Nov
/// average 855 → Σ 5,130; Dec-17 891).
const CP_DUE: [i32; 13] = [
    850, 845, 858, 866, 880, 868, 858, 850, 852, 856, 858, 856, 891,
];
/// Of those, visited and seen in the month (seed: Jun–Nov Σ 4,806; Dec 776).
const CP_VISITED: [i32; 13] = [
    790, 780, 800, 805, 815, 808, 805, 798, 800, 803, 801, 799, 776,
];

/// Children looked after (UASC excluded) at each month end, Feb-16 …
/// Dec-17 (seed: Mar-16 1,735; Dec-17 1,758).
const LAC_EXCL: [i32; 23] = [
    1735, 1735, 1748, 1760, 1772, 1785, 1794, 1802, 1808, 1812, // Feb-16 … Nov-16
    1810, 1804, 1797, 1790, 1782, 1776, 1770, 1764, 1758, 1752, 1748, 1751, 1758,
];
/// UASC looked after at each month end, Feb-16 … Dec-17 (the seed's
/// commentary: 151 now; rates 66 and 67 need 139–167 and 145–173).
const LAC_UASC: [i32; 23] = [
    141, 141, 142, 143, 143, 144, 145, 145, 146, 146, 147, 147, 148, 148, 148, 149, 149, 150, 150,
    150, 151, 151, 151,
];
const LAC_DEC17: [i32; 5] = [521, 539, 609, 80, 9];
const UASC_DEC17: [i32; 5] = [2, 1, 0, 0, 148];

/// % supported to live with family at each month end, Dec-16 … Dec-17; the
/// family-support stock follows from it (seed: Jun–Nov 82%, Dec-17 87%).
const SUPPORTED_AT_HOME: [f64; 13] = [
    76.0, 76.3, 76.6, 76.9, 77.2, 77.6, 79.0, 80.2, 81.3, 82.4, 83.5, 84.6, 87.0,
];

/// Care leavers' EET % in each List 9 extract, Jun-17 … Dec-17 (seed: Jun–Nov
/// 59%, Dec-17 64%).
const EET_PERCENT: [f64; 7] = [57.6, 58.3, 58.9, 59.2, 59.6, 60.1, 64.0];

/// Adoption orders per month, Jan-14 … Dec-17.
const ADOPTIONS: [i32; 48] = [
    5, 4, 6, 5, 5, 4, 6, 5, 4, 5, 6, 5, // 2014
    4, 5, 6, 5, 4, 6, 5, 5, 6, 4, 5, 6, // 2015
    5, 4, 5, 6, 5, 5, 4, 6, 5, 5, 6, 5, // 2016
    4, 5, 6, 5, 5, 4, 6, 5, 5, 6, 5, 5, // 2017
];
/// Rolling 12-month average days from placement order to match, Jun-17 …
/// Dec-17 (seed: Jun–Nov mean 276, Dec-17 232); January–May move evenly
/// from December 2016's value to June's.
const A2_TARGET: [f64; 7] = [288.0, 284.0, 281.0, 277.0, 272.0, 254.0, 232.0];
/// Rolling 36-month average days from entering care to placement, Jun-17 …
/// Dec-17 (seed: Jun–Nov mean 618, Dec-17 607).
const A1_TARGET: [f64; 7] = [620.0, 619.0, 618.0, 618.0, 617.0, 616.0, 607.0];

/// Qualified social workers in post during the month, and of them supervised
/// (seed: Jun–Nov averages 512 and 457 → Σ 3,072 and 2,742; Dec by area).
const SUPERVISED_JUN_NOV: [i32; 6] = [460, 458, 452, 458, 457, 457];
const SUPERVISED_DEC17: [i32; 5] = [98, 156, 131, 18, 16];

/// Counted unallocated cases (open 7+ days) in each List 6 extract, Jun-17 …
/// Dec-17 (seed: Jun–Nov average 3, Dec-17 1 in NWC).
const UNALLOCATED: [i32; 7] = [3, 4, 2, 3, 4, 2, 1];

// ================================================================== teams

/// Which caseload pool a team's workers belong to.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub(crate) enum Group {
    Assess(Area),
    Safe(Area),
    Cic(Area),
    Dcsc,
    Uasc,
    LeavingCare,
    Hospital,
    Yos,
    None,
}

pub(crate) struct Team {
    pub name: String,
    pub area: Area,
    pub ttype: &'static str,
    pub group: Group,
    /// Only unqualified workers hold its cases (the short-breaks team).
    pub unqualified: bool,
}

pub(crate) fn build_teams() -> Vec<Team> {
    let mut teams = Vec::new();
    let mut add = |name: String, area, ttype, group, unqualified| {
        teams.push(Team {
            name,
            area,
            ttype,
            group,
            unqualified,
        });
    };
    for area in LOCALITIES {
        let s = area.short();
        for i in 1..=3 {
            add(
                format!("{s} Assessment Team {i}"),
                area,
                "Assessment",
                Group::Assess(area),
                false,
            );
        }
        for i in 1..=4 {
            add(
                format!("{s} Safeguarding Team {i}"),
                area,
                "Safeguarding",
                Group::Safe(area),
                false,
            );
        }
        let cic = if area == Area::Nwc { 4 } else { 3 };
        for i in 1..=cic {
            add(
                format!("{s} Children in Care Team {i}"),
                area,
                "Children in Care",
                Group::Cic(area),
                false,
            );
        }
        add(
            format!("{s} Family Support Team"),
            area,
            "Other",
            Group::None,
            false,
        );
    }
    for i in 1..=2 {
        add(
            format!("DCSC Disabled Children Team {i}"),
            Area::Dcsc,
            "Disabled Children",
            Group::Dcsc,
            false,
        );
    }
    add(
        "DCSC Short Breaks Team".into(),
        Area::Dcsc,
        "Disabled Children",
        Group::Dcsc,
        true,
    );
    add(
        "Citywide UASC Team".into(),
        Area::Other,
        "Other",
        Group::Uasc,
        false,
    );
    add(
        "Leaving Care Team".into(),
        Area::Other,
        "Other",
        Group::LeavingCare,
        false,
    );
    add(
        "Youth Offending Service".into(),
        Area::Other,
        "Other",
        Group::Yos,
        true,
    );
    add(
        "Citywide Hospital Team".into(),
        Area::Other,
        "Other",
        Group::Hospital,
        false,
    );
    add(
        "Troubled Families Team".into(),
        Area::Other,
        "Other",
        Group::None,
        false,
    );
    teams
}

fn team_index(teams: &[Team], name: &str) -> usize {
    teams.iter().position(|t| t.name == name).unwrap()
}

fn teams_of(teams: &[Team], group: Group, unqualified: bool) -> Vec<usize> {
    (0..teams.len())
        .filter(|&t| teams[t].group == group && teams[t].unqualified == unqualified)
        .collect()
}

/// Qualified case-holders at 31 December 2017 by pool: heads, FTE in
/// tenths, agency heads (all full time); December starters and leavers;
/// unqualified case-holders. The areas' qualified heads in post during
/// December (with managers and leavers) are the seed's 128 / 176 / 155 /
/// 31 / 20.
struct StaffSpec {
    group: Group,
    heads: i32,
    fte10: i32,
    agency: i32,
    dec_starters: i32,
    dec_leave_agency: i32,
    dec_leave_perm: i32,
    unqualified: i32,
}

const fn spec(
    group: Group,
    heads: i32,
    fte10: i32,
    agency: i32,
    flows: (i32, i32, i32),
    unqualified: i32,
) -> StaffSpec {
    StaffSpec {
        group,
        heads,
        fte10,
        agency,
        dec_starters: flows.0,
        dec_leave_agency: flows.1,
        dec_leave_perm: flows.2,
        unqualified,
    }
}

const STAFF: [StaffSpec; 14] = [
    spec(Group::Assess(Area::East), 29, 280, 5, (0, 5, 1), 0),
    spec(Group::Safe(Area::East), 43, 420, 5, (1, 1, 0), 12),
    spec(Group::Cic(Area::East), 34, 340, 4, (0, 0, 0), 0),
    spec(Group::Assess(Area::Nwc), 36, 300, 7, (0, 7, 2), 0),
    spec(Group::Safe(Area::Nwc), 50, 400, 7, (0, 1, 1), 6),
    spec(Group::Cic(Area::Nwc), 54, 450, 5, (1, 0, 1), 0),
    spec(Group::Assess(Area::South), 37, 300, 6, (0, 5, 1), 0),
    spec(Group::Safe(Area::South), 44, 360, 6, (1, 1, 0), 7),
    spec(Group::Cic(Area::South), 47, 380, 4, (0, 0, 1), 0),
    spec(Group::Dcsc, 27, 260, 3, (0, 1, 0), 12),
    spec(Group::Uasc, 7, 70, 1, (0, 0, 0), 0),
    spec(Group::LeavingCare, 4, 30, 1, (0, 0, 1), 8),
    spec(Group::Hospital, 4, 40, 1, (0, 1, 0), 0),
    spec(Group::Yos, 0, 0, 0, (0, 0, 0), 11),
];

/// Assistant team managers by area (team managers are one per team).
const ATMS: [(Area, i32); 3] = [(Area::East, 4), (Area::Nwc, 10), (Area::South, 9)];
/// Qualified non-case-holding practitioners (NWC advanced practitioners).
const NON_CASE_HOLDERS_NWC: i32 = 3;

/// Leavers and starters among qualified social workers, June–November 2017:
/// (month, pool, agency?, leaver?). Agency staff leave and permanent staff
/// replace them, as the seed's commentary says.
const FLOWS: [(i32, Group, bool, bool); 36] = [
    (6, Group::Safe(Area::East), true, true),
    (6, Group::Safe(Area::Nwc), true, true),
    (6, Group::Cic(Area::South), false, true),
    (6, Group::Safe(Area::East), false, false),
    (6, Group::Safe(Area::Nwc), false, false),
    (6, Group::Cic(Area::South), false, false),
    (7, Group::Cic(Area::Nwc), true, true),
    (7, Group::Safe(Area::South), true, true),
    (7, Group::Cic(Area::East), false, true),
    (7, Group::Assess(Area::Nwc), false, true),
    (7, Group::Cic(Area::Nwc), false, false),
    (7, Group::Safe(Area::South), false, false),
    (8, Group::Assess(Area::East), true, true),
    (8, Group::Assess(Area::South), true, true),
    (8, Group::Safe(Area::Nwc), false, true),
    (8, Group::Assess(Area::East), false, false),
    (8, Group::Assess(Area::South), false, false),
    (9, Group::Assess(Area::Nwc), true, true),
    (9, Group::Safe(Area::East), true, true),
    (9, Group::Safe(Area::South), false, true),
    (9, Group::Assess(Area::Nwc), false, false),
    (9, Group::Safe(Area::East), false, false),
    (9, Group::Safe(Area::South), false, false),
    (9, Group::Cic(Area::Nwc), true, false),
    (10, Group::Cic(Area::East), true, true),
    (10, Group::Safe(Area::Nwc), true, true),
    (10, Group::Cic(Area::South), true, true),
    (10, Group::Cic(Area::East), false, false),
    (10, Group::Safe(Area::Nwc), false, false),
    (11, Group::Assess(Area::South), true, true),
    (11, Group::Assess(Area::Nwc), true, true),
    (11, Group::Safe(Area::East), false, true),
    (11, Group::Cic(Area::Nwc), false, true),
    (11, Group::Assess(Area::South), false, false),
    (11, Group::Assess(Area::Nwc), false, false),
    (11, Group::Cic(Area::Nwc), true, false),
];

/// Caseload targets (cases ÷ FTE) by pool in the June–November extracts.
const CASELOAD_JUN_NOV: [(Group, f64); 12] = [
    (Group::Assess(Area::East), 14.6),
    (Group::Assess(Area::Nwc), 15.8),
    (Group::Assess(Area::South), 11.9),
    (Group::Safe(Area::East), 15.0),
    (Group::Safe(Area::Nwc), 17.4),
    (Group::Safe(Area::South), 18.6),
    (Group::Cic(Area::East), 14.6),
    (Group::Cic(Area::Nwc), 11.8),
    (Group::Cic(Area::South), 15.0),
    (Group::Dcsc, 13.0),
    (Group::LeavingCare, 21.0),
    (Group::Hospital, 21.0),
];
/// Cases held by each pool's qualified workers at 31 December 2017: the
/// seed's table 13 (e.g. East Assessment 566 ÷ 28.0 FTE = 20.2).
const CASELOAD_DEC17: [(Group, i32); 12] = [
    (Group::Assess(Area::East), 566),
    (Group::Assess(Area::Nwc), 690),
    (Group::Assess(Area::South), 420),
    (Group::Safe(Area::East), 630),
    (Group::Safe(Area::Nwc), 704),
    (Group::Safe(Area::South), 706),
    (Group::Cic(Area::East), 476),
    (Group::Cic(Area::Nwc), 540),
    (Group::Cic(Area::South), 609),
    (Group::Dcsc, 364),
    (Group::LeavingCare, 78),
    (Group::Hospital, 112),
];

// ============================================================ value forms

const ETHNICITIES: [(&str, f64); 18] = [
    ("a) WBRI", 54.0),
    ("b) WIRI", 0.8),
    ("d) WOTH", 6.0),
    ("e) WROM", 0.8),
    ("f) MWBC", 4.0),
    ("g) MWBA", 1.5),
    ("h) MWAS", 1.8),
    ("i) MOTH", 3.0),
    ("j) AIND", 2.5),
    ("k) APKN", 8.0),
    ("l) ABAN", 2.5),
    ("m) AOTH", 1.8),
    ("n) BCRB", 3.0),
    ("o) BAFR", 4.0),
    ("p) BOTH", 1.0),
    ("q) CHNE", 0.5),
    ("r) OOTH", 1.8),
    ("s) NOBT", 1.0),
];
const UASC_ETHNICITIES: [(&str, f64); 4] = [
    ("o) BAFR", 42.0),
    ("r) OOTH", 30.0),
    ("m) AOTH", 20.0),
    ("p) BOTH", 8.0),
];

const EET_ACTIVITIES: [(&str, f64); 10] = [
    ("F1: Full time in higher education", 7.0),
    ("P1: Part time in higher education", 1.0),
    ("F2: Full time in education other than higher", 30.0),
    ("P2: Part time in education other than higher", 5.0),
    ("F3: Full time in training or employment", 6.0),
    ("P3: Part time in training or employment", 3.0),
    (
        "F4: Young person engaged full time in an apprenticeship",
        5.0,
    ),
    (
        "P4: Young person engaged part time in an apprenticeship",
        1.0,
    ),
    (
        "F5: Young person engaged full time in training or employment (not apprenticeship)",
        10.0,
    ),
    (
        "P5: Young person engaged part time in training or employment (not apprenticeship)",
        4.0,
    ),
];
const NEET_ACTIVITIES: [(&str, f64); 3] = [
    (
        "G4: Not in education, employment or training - illness or disability",
        2.0,
    ),
    ("G5: Not in education, employment or training - other", 6.0),
    (
        "G6: Not in education, employment or training - pregnancy or parenting",
        2.0,
    ),
];
const ACTIVITY_UNKNOWN: &str = "0: Information not known";

// ================================================================ records

#[derive(Clone)]
struct Child {
    male: bool,
    eth: &'static str,
    dob: Day,
    area: Area,
    uasc: bool,
    /// The child's latest referral and the end of its latest episode
    /// (identity assignment for re-referrals).
    last_ref: Option<Day>,
    last_end: Option<Day>,
    has_episode: bool,
    plan: Option<usize>,
    care: Option<usize>,
    referrals: Vec<Day>,
}

#[derive(Clone, Copy)]
struct Alloc {
    team: usize,
    worker: Option<usize>,
}

/// A List 6 episode.
#[derive(Clone)]
struct Episode {
    child: usize,
    area: Area,
    start: Day,
    end: Option<Day>,
    /// Covers a CP plan or a period of care (its end is fixed by them).
    linked: bool,
    /// Closed at referral (no assessment).
    nfa: bool,
    /// Started before the List 3 window (no referral row).
    pre: bool,
    min_end: Day,
    planned: Day,
    ref_team: usize,
    re_referral: bool,
    alloc: [Option<Alloc>; 7],
    assessments: Vec<usize>,
}

const NO_CHILD: usize = usize::MAX;

/// A List 7 plan.
struct Plan {
    child: usize,
    area: Area,
    start: Day,
    end: Option<Day>,
    to_care: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Legal {
    C1,
    C2,
    E1,
    V2,
    J1,
    V3,
    V4,
}

/// A List 8 period of care.
struct Care {
    child: usize,
    area: Area,
    uasc: bool,
    start: Day,
    end: Option<Day>,
    legal: Legal,
    short_breaks: bool,
    adoption: Option<usize>,
    at_18: bool,
    fixed: bool,
}

/// A List 10 row.
struct Adoption {
    child: usize,
    entered: Day,
    placement_order: Option<Day>,
    matched: Option<Day>,
    placed: Option<Day>,
    order: Option<Day>,
}

/// A List 4 row.
struct Assessment {
    episode: usize,
    start: Day,
    auth: Option<Day>,
    seen: bool,
    reassessment: bool,
}

struct Worker {
    team: usize,
    qualified: bool,
    agency: bool,
    manager: bool,
    case_holder: bool,
    fte10: i32,
    start: Option<Day>,
    end: Option<Day>,
}

impl Worker {
    fn in_post(&self, d: Day) -> bool {
        self.in_post_during(d, d)
    }

    fn in_post_during(&self, from: Day, to: Day) -> bool {
        self.start.is_none_or(|s| s <= to) && self.end.is_none_or(|e| e >= from)
    }
}

struct FsEpisode {
    child: usize,
    start: Day,
    end: Option<Day>,
    planned: Day,
    troubled_families: bool,
    team: usize,
}

fn push_worker(
    workers: &mut Vec<Worker>,
    team: usize,
    qualified: bool,
    agency: bool,
    manager: bool,
    case_holder: bool,
    fte10: i32,
) -> usize {
    workers.push(Worker {
        team,
        qualified,
        agency,
        manager,
        case_holder,
        fte10,
        start: None,
        end: None,
    });
    workers.len() - 1
}

/// One care leaver's standing, for List 9.
struct Leaver {
    child: usize,
    category: &'static str,
    /// From this day the young person counts as a care leaver.
    from: Day,
    in_touch: &'static str,
    eet: bool,
    activity: &'static str,
    team: usize,
}

// =================================================================== city

pub(crate) struct City<'t> {
    rng: Rng,
    copy: u32,
    teams: &'t [Team],
    cal: Calendar,
    children: Vec<Child>,
    workers: Vec<Worker>,
    episodes: Vec<Episode>,
    plans: Vec<Plan>,
    cares: Vec<Care>,
    adoptions: Vec<Adoption>,
    assessments: Vec<Assessment>,
    fs: Vec<FsEpisode>,
    visits: Vec<(usize, Day, bool)>,
    supervisions: Vec<(usize, Day)>,
    /// List 9 rows per extract (Jun-17 … Dec-17).
    leaver_rows: Vec<Vec<Leaver>>,
    /// Each child's episode that covers its plan or care, else its latest.
    episode_of: HashMap<usize, usize>,
}

/// Age bands (lowest age, highest age, weight).
type Ages = [(i32, i32, f64)];
const REFERRAL_AGES: [(i32, i32, f64); 5] = [
    (0, 0, 10.0),
    (1, 4, 22.0),
    (5, 9, 27.0),
    (10, 15, 33.0),
    (16, 17, 8.0),
];
const CP_AGES: [(i32, i32, f64); 4] = [(0, 0, 15.0), (1, 4, 27.0), (5, 9, 30.0), (10, 14, 28.0)];
const CARE_ENTRY_AGES: [(i32, i32, f64); 5] = [
    (0, 0, 22.0),
    (1, 4, 18.0),
    (5, 9, 18.0),
    (10, 15, 34.0),
    (16, 17, 8.0),
];
const CARE_STOCK_AGES: [(i32, i32, f64); 5] = [
    (0, 0, 5.0),
    (1, 4, 17.0),
    (5, 9, 20.0),
    (10, 15, 44.0),
    (16, 17, 14.0),
];

impl<'t> City<'t> {
    pub(crate) fn new(copy: u32, teams: &'t [Team]) -> City<'t> {
        City {
            rng: Rng::new(SEED ^ u64::from(copy).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
            copy,
            teams,
            cal: Calendar::new(),
            children: Vec::new(),
            workers: Vec::new(),
            episodes: Vec::new(),
            plans: Vec::new(),
            cares: Vec::new(),
            adoptions: Vec::new(),
            assessments: Vec::new(),
            fs: Vec::new(),
            visits: Vec::new(),
            supervisions: Vec::new(),
            leaver_rows: Vec::new(),
            episode_of: HashMap::default(),
        }
    }

    pub(crate) fn build(&mut self) {
        self.roster();
        self.adopt();
        self.protect();
        self.look_after();
        self.link_episodes();
        self.other_episodes();
        self.assess();
        self.close_episodes();
        self.identities();
        self.short_breaks();
        self.index_episodes();
        self.allocate();
        self.care_leavers();
        self.family_support();
        self.cp_visits();
        self.supervise();
    }

    // ------------------------------------------------------------- people

    fn age(&mut self, bands: &Ages) -> i32 {
        let weights: Vec<f64> = bands.iter().map(|b| b.2).collect();
        let b = bands[self.rng.weighted(&weights)];
        self.rng.int(b.0, b.1)
    }

    /// A date of birth giving `age` on `d` (never 29 February).
    fn dob_for(&mut self, d: Day, age: i32) -> Day {
        let lo = add_months(d, -12 * (age + 1)) + 1;
        let hi = add_months(d, -12 * age);
        let dob = self.rng.int(lo, hi);
        let (_, m, day) = civil(dob);
        if m == 2 && day == 29 { dob - 1 } else { dob }
    }

    /// A referred child's date of birth: an age from the referral profile,
    /// young enough to be under 18 until the episode ends.
    fn referral_dob(&mut self, start: Day, end: Option<Day>) -> Day {
        let until = end.unwrap_or(AS_AT).max(start);
        for _ in 0..20 {
            let age = self.age(&REFERRAL_AGES);
            let dob = self.dob_for(start, age);
            if age_on(dob, until) <= 17 {
                return dob;
            }
        }
        // A long episode: born during it or just before it.
        let age = self.rng.int(0, 17.min(age_on(start, until).max(0)));
        let dob = self.dob_for(until, age).min(start);
        let (_, m, day) = civil(dob);
        if m == 2 && day == 29 { dob - 1 } else { dob }
    }

    fn new_child(&mut self, area: Area, dob: Day, uasc: bool) -> usize {
        let male = if uasc {
            self.rng.chance(0.92)
        } else {
            self.rng.chance(0.51)
        };
        let table: &[(&'static str, f64)] = if uasc {
            &UASC_ETHNICITIES
        } else {
            &ETHNICITIES
        };
        let weights: Vec<f64> = table.iter().map(|e| e.1).collect();
        let eth = table[self.rng.weighted(&weights)].0;
        self.children.push(Child {
            male,
            eth,
            dob,
            area,
            uasc,
            last_ref: None,
            last_end: None,
            has_episode: false,
            plan: None,
            care: None,
            referrals: Vec::new(),
        });
        self.children.len() - 1
    }

    fn random_day(&mut self, k: Mon) -> Day {
        self.rng.int(first(k), last(k))
    }

    fn random_working(&mut self, from: Day, to: Day) -> Day {
        self.cal.random_working(&mut self.rng, from, to)
    }

    fn pick_team(&mut self, group: Group) -> usize {
        let teams = teams_of(self.teams, group, false);
        *self.rng.pick(&teams)
    }

    // ------------------------------------------------------------- roster

    /// The social-work staff: the 31 December 2017 establishment, its
    /// December starters and leavers, the June–November flows, and earlier
    /// turnover back to January 2016 (agency staff leaving, permanent staff
    /// replacing them).
    fn roster(&mut self) {
        let teams = self.teams;
        let dec_from = ymd(2017, 12, 1);
        let add = push_worker;
        let mut workers = Vec::new();
        for spec in &STAFF {
            let qual_teams = teams_of(teams, spec.group, false);
            let unq_teams = {
                let t = teams_of(teams, spec.group, true);
                if t.is_empty() { qual_teams.clone() } else { t }
            };
            let perm = spec.heads - spec.agency;
            let ftes = self.split_fte(perm, spec.fte10 - 10 * spec.agency);
            let mut members = Vec::new();
            for i in 0..spec.heads {
                let agency = i < spec.agency;
                let fte = if agency {
                    10
                } else {
                    ftes[(i - spec.agency) as usize]
                };
                let team = qual_teams[i as usize % qual_teams.len()];
                members.push(add(&mut workers, team, true, agency, false, true, fte));
            }
            // December starters: permanent, full time.
            let mut starters = 0;
            for &w in &members {
                let worker: &mut Worker = &mut workers[w];
                if starters < spec.dec_starters && !worker.agency && worker.fte10 == 10 {
                    let d =
                        self.cal
                            .random_working(&mut self.rng, ymd(2017, 12, 4), ymd(2017, 12, 18));
                    worker.start = Some(d);
                    starters += 1;
                }
            }
            assert_eq!(starters, spec.dec_starters, "December starters");
            for i in 0..spec.dec_leave_agency + spec.dec_leave_perm {
                let team = qual_teams[self.rng.below(qual_teams.len())];
                let w = add(
                    &mut workers,
                    team,
                    true,
                    i < spec.dec_leave_agency,
                    false,
                    true,
                    10,
                );
                workers[w].end = Some(self.cal.random_working(
                    &mut self.rng,
                    dec_from,
                    ymd(2017, 12, 22),
                ));
            }
            for i in 0..spec.unqualified {
                let team = unq_teams[i as usize % unq_teams.len()];
                add(&mut workers, team, false, false, false, true, 10);
            }
        }
        // Managers: a team manager per team with workers, assistant team
        // managers in the localities.
        let mut managers_by_area: HashMap<Area, Vec<usize>> = HashMap::default();
        for (t, team) in teams.iter().enumerate() {
            if team.group == Group::None {
                continue;
            }
            let qualified = team.group != Group::Yos;
            let w = add(&mut workers, t, qualified, false, true, false, 10);
            managers_by_area.entry(team.area).or_default().push(w);
        }
        for (area, n) in ATMS {
            let pool: Vec<usize> = (0..teams.len())
                .filter(|&t| teams[t].area == area && teams[t].group != Group::None)
                .collect();
            for i in 0..n {
                let w = add(
                    &mut workers,
                    pool[i as usize % pool.len()],
                    true,
                    false,
                    true,
                    false,
                    10,
                );
                managers_by_area.entry(area).or_default().push(w);
            }
        }
        // Agency managers at 31 December (5 of 60, 8%): East's last and
        // NWC's last two assistant team managers, South's first team manager
        // and its second-to-last assistant. An East agency assistant team
        // manager also leaves in December (6 of 61 before: 10%).
        let east = &managers_by_area[&Area::East];
        workers[east[east.len() - 1]].agency = true;
        let nwc = &managers_by_area[&Area::Nwc];
        for &w in nwc.iter().rev().take(2) {
            workers[w].agency = true;
        }
        let south = &managers_by_area[&Area::South];
        workers[south[0]].agency = true;
        workers[south[south.len() - 2]].agency = true;
        let east_atm_team = teams
            .iter()
            .position(|t| t.group == Group::Safe(Area::East))
            .unwrap();
        let w = add(&mut workers, east_atm_team, true, true, true, false, 10);
        workers[w].end = Some(
            self.cal
                .random_working(&mut self.rng, dec_from, ymd(2017, 12, 15)),
        );
        // NWC advanced practitioners: qualified, not holding cases.
        for i in 0..NON_CASE_HOLDERS_NWC {
            let pool = teams_of(teams, Group::Safe(Area::Nwc), false);
            add(
                &mut workers,
                pool[i as usize % pool.len()],
                true,
                false,
                false,
                false,
                10,
            );
        }
        self.workers = workers;

        // Flows, latest first: a starter is an existing worker given a start
        // date; a leaver is an earlier worker given an end date.
        let mut events: Vec<(Mon, Group, bool, bool)> = FLOWS
            .iter()
            .map(|&(m, g, agency, leaver)| (mon(2017, m), g, agency, leaver))
            .collect();
        // Earlier turnover, Jan-16 … May-17: two agency and one permanent
        // leaver, three permanent starters a month.
        let localities: Vec<Group> = LOCALITIES
            .iter()
            .flat_map(|&a| [Group::Assess(a), Group::Safe(a), Group::Cic(a)])
            .collect();
        for k in mon(2016, 1)..JUN17 {
            for (agency, leaver) in [
                (true, true),
                (true, true),
                (false, true),
                (false, false),
                (false, false),
                (false, false),
            ] {
                let g = *self.rng.pick(&localities);
                events.push((k, g, agency, leaver));
            }
        }
        events.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (k, group, agency, leaver) in events {
            if leaver {
                let team = self.pick_team(group);
                let w = self.workers.len();
                self.workers.push(Worker {
                    team,
                    qualified: true,
                    agency,
                    manager: false,
                    case_holder: true,
                    fte10: 10,
                    start: None,
                    end: None,
                });
                // Gone before the month end (end dates are inclusive).
                let d = self.random_working(first(k), last(k) - 1);
                self.workers[w].end = Some(d);
            } else {
                let candidates: Vec<usize> = (0..self.workers.len())
                    .filter(|&w| {
                        let x = &self.workers[w];
                        teams[x.team].group == group
                            && x.qualified
                            && !x.manager
                            && x.case_holder
                            && x.agency == agency
                            && x.fte10 == 10
                            && x.start.is_none()
                            && x.end.is_none()
                    })
                    .collect();
                // Full-time starters keep each pool's FTE the same whatever
                // the seed.
                assert!(!candidates.is_empty(), "no worker to start in {group:?}");
                let w = *self.rng.pick(&candidates);
                let d = self.random_working(first(k), last(k));
                self.workers[w].start = Some(d);
            }
        }
        // Everyone else was in post before 2016.
        for w in 0..self.workers.len() {
            if self.workers[w].start.is_none() {
                let (lo, hi) = if self.workers[w].agency {
                    (ymd(2014, 6, 1), ymd(2015, 12, 18))
                } else if self.workers[w].manager {
                    (ymd(2006, 1, 1), ymd(2015, 12, 18))
                } else {
                    let u = self.rng.unit();
                    let years = (u * u * 12.0) as i32;
                    (ymd(2015 - years, 1, 5), ymd(2015 - years, 12, 18))
                };
                let d = self.random_working(lo, hi);
                self.workers[w].start = Some(d);
            }
        }
    }

    /// `n` permanent FTEs (tenths, each 5–10) summing to `total`.
    fn split_fte(&mut self, n: i32, total: i32) -> Vec<i32> {
        let mut ftes = vec![10; n as usize];
        let mut excess = 10 * n - total;
        assert!(excess >= 0 && total >= 5 * n, "FTE {total} for {n} heads");
        while excess > 0 {
            let i = self.rng.below(ftes.len());
            let step = *self.rng.pick(&[2, 3, 4, 5]);
            let step = step.min(excess).min(ftes[i] - 5);
            ftes[i] -= step;
            excess -= step;
        }
        ftes
    }

    fn workers_in(&self, group: Group, d: Day, qualified: bool) -> Vec<usize> {
        (0..self.workers.len())
            .filter(|&w| {
                let x = &self.workers[w];
                self.teams[x.team].group == group
                    && x.qualified == qualified
                    && x.case_holder
                    && !x.manager
                    && x.in_post(d)
            })
            .collect()
    }

    // ---------------------------------------------------------- adoptions

    /// List 10: adoption orders from January 2014, with the days from
    /// placement order to match (A2) and from entering care to placement
    /// (A1) solved so that the rolling averages of 2017 hit the plan.
    fn adopt(&mut self) {
        let n: Vec<usize> = ADOPTIONS.iter().map(|&x| x as usize).collect();
        let mut a2: Vec<Vec<i32>> = Vec::new();
        let mut a1: Vec<Vec<i32>> = Vec::new();
        // 2014–2016 drawn freely; the long waiters adopted in late 2016 (and
        // December 2014 for A1) leave the windows in late 2017.
        for (j, &count) in n.iter().enumerate().take(36) {
            let mean2 = match j {
                34 => 370.0,
                35 => 390.0,
                _ if j >= 24 => 300.0,
                _ => 305.0,
            };
            let mean1 = if j == 11 { 760.0 } else { 630.0 };
            // Each month's total is fixed (so 2017 is feasible whatever the
            // seed); how it splits between the children is random.
            let w2: Vec<f64> = (0..count).map(|_| 0.5 + self.rng.unit()).collect();
            let w1: Vec<f64> = (0..count).map(|_| 0.6 + 0.8 * self.rng.unit()).collect();
            a2.push(split((mean2 * count as f64).round() as i32, &w2));
            a1.push(split((mean1 * count as f64).round() as i32, &w1));
        }
        let window = |v: &[Vec<i32>], end: usize, w: usize| -> (i64, usize) {
            let from = (end + 1).saturating_sub(w);
            v[from..=end].iter().fold((0, 0), |(s, c), m| {
                (
                    s + m.iter().map(|&x| i64::from(x)).sum::<i64>(),
                    c + m.len(),
                )
            })
        };
        let count_window = |end: usize, w: usize| -> usize {
            let from = (end + 1).saturating_sub(w);
            n[from..=end].iter().sum()
        };
        // Targets for each 2017 month: January–May interpolate from the
        // history's December 2016 average to June's target.
        let targets = |plan: &[f64; 7], v: &[Vec<i32>], w: usize| -> Vec<f64> {
            let (sum, count) = window(v, 35, w);
            let dec16 = sum as f64 / count as f64;
            (0..12)
                .map(|t| {
                    if t < 5 {
                        dec16 + (plan[0] - dec16) * (t as f64 + 1.0) / 6.0
                    } else {
                        plan[t - 5]
                    }
                })
                .collect()
        };
        let t2 = targets(&A2_TARGET, &a2, 12);
        let t1 = targets(&A1_TARGET, &a1, 36);
        for j in 36..48 {
            let t = j - 36;
            let need = |targets: &[f64], v: &[Vec<i32>], w: usize| -> i64 {
                let want = (targets[t] * count_window(j, w) as f64).round() as i64;
                let previous = if t == 0 {
                    window(v, j - 1, w).0
                } else {
                    (targets[t - 1] * count_window(j - 1, w) as f64).round() as i64
                };
                let leaving: i64 = v[j - w].iter().map(|&x| i64::from(x)).sum();
                want - previous + leaving
            };
            let s2 = need(&t2, &a2, 12);
            let s1 = need(&t1, &a1, 36);
            let m = n[j];
            assert!(
                s2 >= 15 * m as i64 && s2 <= 900 * m as i64,
                "A2 sum {s2} for {m} adoptions in month {j}"
            );
            assert!(
                s1 >= 150 * m as i64 && s1 <= 1500 * m as i64,
                "A1 sum {s1} for {m} adoptions in month {j}"
            );
            let w2: Vec<f64> = (0..m).map(|_| 0.6 + 0.8 * self.rng.unit()).collect();
            let w1: Vec<f64> = (0..m).map(|_| 0.7 + 0.6 * self.rng.unit()).collect();
            a2.push(split(s2 as i32, &w2));
            a1.push(split(s1 as i32, &w1));
        }
        // Pair the longest waits together (which maximises the smallest gap),
        // then make sure each child has at least 90 days between entering
        // care and the match, moving placement-order-to-match days to the
        // children with room to spare.
        for j in 0..48 {
            a2[j].sort_unstable();
            a1[j].sort_unstable();
            for i in 0..a2[j].len() {
                while a1[j][i] - a2[j][i] < 90 {
                    let donor = (0..a2[j].len())
                        .filter(|&o| o != i)
                        .max_by_key(|&o| a1[j][o] - a2[j][o])
                        .unwrap();
                    let deficit = 90 - (a1[j][i] - a2[j][i]);
                    let room = a1[j][donor] - a2[j][donor] - 90;
                    let step = deficit.min(room).min(a2[j][i] - 10);
                    assert!(step > 0, "cannot pair adoptions in month {j}");
                    a2[j][i] -= step;
                    a2[j][donor] += step;
                }
            }
        }
        let localities = [(Area::East, 0.3), (Area::Nwc, 0.33), (Area::South, 0.37)];
        let weights: Vec<f64> = localities.iter().map(|l| l.1).collect();
        for j in 0..48 {
            let k = mon(2014, 1) + j as i32;
            for i in 0..n[j] {
                let mut order = self.random_working(first(k), last(k));
                if j == 0 && i == 0 {
                    // Coverage of the 36-month window starts in January 2014.
                    order = ymd(2014, 1, 2);
                }
                let placed = order - self.rng.int(75, 260);
                let matched = placed - self.rng.int(7, 42);
                let placement_order = matched - a2[j][i];
                let entered = placed - a1[j][i];
                let age = *self.rng.pick(&[0, 0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 6]);
                let dob = self.dob_for(entered, age).min(entered);
                let area = localities[self.rng.weighted(&weights)].0;
                let child = self.new_child(area, dob, false);
                self.adoptions.push(Adoption {
                    child,
                    entered,
                    placement_order: Some(placement_order),
                    matched: Some(matched),
                    placed: Some(placed),
                    order: Some(order),
                });
            }
        }
        // Children in the adoption process at 31 December 2017.
        for i in 0..30 {
            let entered = self.rng.int(ymd(2016, 1, 1), ymd(2017, 5, 31));
            let placement_order = (entered + self.rng.int(150, 330)).min(ymd(2017, 12, 15));
            let (matched, placed) = match i % 3 {
                0 => (None, None),
                1 => {
                    let m = (placement_order + self.rng.int(40, 200)).min(ymd(2017, 12, 20));
                    (Some(m), None)
                }
                _ => {
                    let m = (placement_order + self.rng.int(40, 150)).min(ymd(2017, 11, 30));
                    let p = (m + self.rng.int(7, 40)).min(ymd(2017, 12, 28));
                    (Some(m), Some(p))
                }
            };
            let age = *self.rng.pick(&[0, 0, 1, 1, 2, 3, 4, 5, 6]);
            let dob = self.dob_for(entered, age).min(entered);
            let area = localities[self.rng.weighted(&weights)].0;
            let child = self.new_child(area, dob, false);
            self.adoptions.push(Adoption {
                child,
                entered,
                placement_order: Some(placement_order),
                matched,
                placed,
                order: None,
            });
        }
    }

    // ------------------------------------------------------------ CP plans

    /// List 7: a stock of plans forced to each month end by area, with the
    /// plans ending each month fixed by the "due" counts (due = the previous
    /// month end's stock less the plans that end in the month, as no plan
    /// starts on the 1st).
    fn protect(&mut self) {
        let shares: Vec<f64> = CP_DEC17.iter().map(|&x| f64::from(x)).collect();
        let stock: Vec<Vec<i32>> = (0..14)
            .map(|i| {
                if i == 13 {
                    CP_DEC17.to_vec()
                } else {
                    split(CP_STOCK[i], &shares)
                }
            })
            .collect();
        let nov30 = ymd(2016, 11, 30);
        let mut open: Vec<Vec<usize>> = vec![Vec::new(); 5];
        for area in AREAS {
            for _ in 0..stock[0][area.i()] {
                let u = self.rng.unit();
                let start = nov30 - 1 - (u * u * 650.0) as i32;
                let p = self.new_plan(area, start);
                open[area.i()].push(p);
            }
        }
        for j in 0..13 {
            let k = DEC16 + j as i32;
            let (ms, me) = (first(k), last(k));
            let ends_total = CP_STOCK[j] - CP_DUE[j];
            let weights: Vec<f64> = stock[j].iter().map(|&x| f64::from(x)).collect();
            let mut ends = split(ends_total, &weights);
            let mut starts: Vec<i32> = (0..5)
                .map(|a| stock[j + 1][a] - stock[j][a] + ends[a])
                .collect();
            for a in 0..5 {
                while starts[a] < 0 {
                    let b = (0..5).max_by_key(|&b| starts[b]).unwrap();
                    ends[a] += 1;
                    starts[a] += 1;
                    ends[b] -= 1;
                    starts[b] -= 1;
                }
            }
            for area in AREAS {
                let a = area.i();
                let list = open[a].clone();
                let weights: Vec<f64> = list
                    .iter()
                    .map(|&p| {
                        let days = f64::from(ms - self.plans[p].start);
                        1.0 + if (80.0..=120.0).contains(&days) {
                            2.0
                        } else {
                            0.0
                        } + days / 180.0
                    })
                    .collect();
                let closing = self.rng.weighted_sample(&list, &weights, ends[a] as usize);
                for &p in &closing {
                    let end = self.rng.int(ms, me).max(self.plans[p].start + 1);
                    self.plans[p].end = Some(end);
                    self.plans[p].to_care = area != Area::Other && self.rng.chance(0.12);
                }
                let closing: HashSet<usize> = closing.into_iter().collect();
                open[a].retain(|p| !closing.contains(p));
                for _ in 0..starts[a] {
                    let start = self.rng.int(ms + 1, me);
                    let p = self.new_plan(area, start);
                    open[a].push(p);
                }
            }
        }
        // Coverage of List 7 starts in December 2016: a plan ends in its
        // first week.
        let early = (0..self.plans.len())
            .find(|&p| {
                self.plans[p].end.is_some_and(|e| month_of(e) == DEC16) && !self.plans[p].to_care
            })
            .unwrap();
        self.plans[early].end = Some(ymd(2016, 12, 5));
    }

    fn new_plan(&mut self, area: Area, start: Day) -> usize {
        let age = self.age(&CP_AGES);
        let dob = self.dob_for(start, age);
        let child = self.new_child(area, dob, false);
        self.plans.push(Plan {
            child,
            area,
            start,
            end: None,
            to_care: false,
        });
        let p = self.plans.len() - 1;
        self.children[child].plan = Some(p);
        p
    }

    // --------------------------------------------------- children in care

    /// List 8: periods of care from March 2016 as stocks by area and UASC,
    /// forced to each month end. Fixed periods (adopted children) and
    /// entries from CP plans come first; young people leave care at 18.
    fn look_after(&mut self) {
        let excl_shares: Vec<f64> = LAC_DEC17.iter().map(|&x| f64::from(x)).collect();
        let target = |i: usize, area: Area, uasc: bool| -> i32 {
            if uasc {
                if i == 22 {
                    UASC_DEC17[area.i()]
                } else {
                    match area {
                        Area::East => 2,
                        Area::Nwc => 1,
                        Area::Other => LAC_UASC[i] - 3,
                        _ => 0,
                    }
                }
            } else if i == 22 {
                LAC_DEC17[area.i()]
            } else {
                split(LAC_EXCL[i], &excl_shares)[area.i()]
            }
        };
        // Adopted children's periods of care are fixed.
        for a in 0..self.adoptions.len() {
            let ad = &self.adoptions[a];
            if ad.order.is_some_and(|o| o < ymd(2016, 3, 1)) {
                continue;
            }
            let (child, start, end) = (ad.child, ad.entered, ad.order);
            let area = self.children[child].area;
            self.cares.push(Care {
                child,
                area,
                uasc: false,
                start,
                end,
                legal: Legal::E1,
                short_breaks: false,
                adoption: Some(a),
                at_18: false,
                fixed: true,
            });
            let c = self.cares.len() - 1;
            self.children[child].care = Some(c);
        }
        let feb29 = ymd(2016, 2, 29);
        for area in AREAS {
            for uasc in [false, true] {
                let mut open: Vec<usize> = (0..self.cares.len())
                    .filter(|&c| {
                        let x = &self.cares[c];
                        x.area == area
                            && x.uasc == uasc
                            && x.start <= feb29
                            && x.end.is_none_or(|e| e > feb29)
                    })
                    .collect();
                let initial = target(0, area, uasc) - open.len() as i32;
                assert!(initial >= 0, "initial care stock");
                for _ in 0..initial {
                    let c = self.initial_care(area, uasc, feb29);
                    open.push(c);
                }
                for i in 1..23 {
                    let k = FEB16 + i as i32;
                    let (ms, me) = (first(k), last(k));
                    let mut leaving: Vec<usize> = Vec::new();
                    // Eighteenth birthdays and adoption orders.
                    for &c in &open {
                        let x = &self.cares[c];
                        if x.fixed {
                            if x.end.is_some_and(|e| e <= me) {
                                leaving.push(c);
                            }
                            continue;
                        }
                        let birthday = add_months(self.children[x.child].dob, 12 * 18);
                        if birthday <= me {
                            leaving.push(c);
                        }
                    }
                    for &c in &leaving {
                        if !self.cares[c].fixed {
                            let birthday =
                                add_months(self.children[self.cares[c].child].dob, 12 * 18);
                            self.cares[c].end = Some(birthday.max(ms));
                            self.cares[c].at_18 = true;
                        }
                    }
                    let leaving_set: HashSet<usize> = leaving.iter().copied().collect();
                    open.retain(|c| !leaving_set.contains(c));
                    // Fixed entries and entries from CP plans.
                    let mut entering: Vec<usize> = (0..self.cares.len())
                        .filter(|&c| {
                            let x = &self.cares[c];
                            x.fixed && x.area == area && !uasc && x.start >= ms && x.start <= me
                        })
                        .collect();
                    if !uasc {
                        let from_plans: Vec<usize> = (0..self.plans.len())
                            .filter(|&p| {
                                let x = &self.plans[p];
                                x.to_care
                                    && x.area == area
                                    && x.end.is_some_and(|e| e >= ms && e <= me)
                            })
                            .collect();
                        for p in from_plans {
                            let child = self.plans[p].child;
                            let start = self.plans[p].end.unwrap();
                            let legal = if self.rng.chance(0.6) {
                                Legal::C1
                            } else {
                                Legal::V2
                            };
                            let c = self.push_care(child, area, false, start, legal);
                            entering.push(c);
                        }
                    }
                    let base = open.len() as i32 + entering.len() as i32;
                    let want = target(i, area, uasc);
                    let churn = if uasc {
                        0
                    } else {
                        (f64::from(want) * 0.021).round() as i32
                    };
                    let mut fresh = (churn - entering.len() as i32).max(0);
                    let mut closing = base + fresh - want;
                    if closing < 0 {
                        fresh -= closing;
                        closing = 0;
                    }
                    // Other endings: returning home, special guardianship,
                    // moving to independence at 16 or 17.
                    let candidates: Vec<usize> = open
                        .iter()
                        .copied()
                        .filter(|&c| !self.cares[c].fixed && self.cares[c].start < ms)
                        .collect();
                    let weights: Vec<f64> = candidates
                        .iter()
                        .map(|&c| {
                            let x = &self.cares[c];
                            let years = f64::from(ms - x.start) / 365.0;
                            let age = age_on(self.children[x.child].dob, ms);
                            let mut w = if years < 1.0 {
                                3.0
                            } else {
                                1.0 / years.max(1.0)
                            };
                            if x.legal == Legal::V2 {
                                w *= 2.0;
                            }
                            if age >= 16 {
                                w *= 1.5;
                            }
                            w
                        })
                        .collect();
                    let ending = self
                        .rng
                        .weighted_sample(&candidates, &weights, closing as usize);
                    for &c in &ending {
                        let end = self.rng.int(ms, me).max(self.cares[c].start + 1);
                        self.cares[c].end = Some(end);
                    }
                    let ending: HashSet<usize> = ending.into_iter().collect();
                    open.retain(|c| !ending.contains(c));
                    open.extend(entering);
                    for _ in 0..fresh {
                        let start = self.rng.int(ms, me);
                        let c = self.fresh_care(area, uasc, start);
                        open.push(c);
                    }
                    let now = open.len() as i32;
                    assert_eq!(now, want, "care stock {area:?} uasc {uasc} month {i}");
                }
            }
        }
        // Coverage of List 8 starts in March 2016: someone leaves care in its
        // first week.
        let early = (0..self.cares.len())
            .find(|&c| {
                let x = &self.cares[c];
                !x.fixed
                    && !x.at_18
                    && x.end.is_some_and(|e| month_of(e) == mon(2016, 3))
                    && x.start < ymd(2016, 3, 1)
            })
            .unwrap();
        self.cares[early].end = Some(ymd(2016, 3, 4));
    }

    fn push_care(
        &mut self,
        child: usize,
        area: Area,
        uasc: bool,
        start: Day,
        legal: Legal,
    ) -> usize {
        self.cares.push(Care {
            child,
            area,
            uasc,
            start,
            end: None,
            legal,
            short_breaks: false,
            adoption: None,
            at_18: false,
            fixed: false,
        });
        let c = self.cares.len() - 1;
        self.children[child].care = Some(c);
        c
    }

    /// A child already in care on 29 February 2016.
    fn initial_care(&mut self, area: Area, uasc: bool, on: Day) -> usize {
        let age = if uasc {
            *self.rng.pick(&[15, 16, 16, 17, 17])
        } else {
            self.age(&CARE_STOCK_AGES)
        };
        let dob = self.dob_for(on, age);
        let earliest = if uasc {
            add_months(dob, 12 * 14).max(on - 700)
        } else {
            dob
        };
        let span = (on - earliest).max(1);
        let u = self.rng.unit();
        let start = on - 1 - ((u * f64::from(span.min(3000))) as i32).min(span - 1);
        let legal = if uasc {
            if self.rng.chance(0.92) {
                Legal::V2
            } else {
                Legal::C2
            }
        } else {
            let r = self.rng.unit();
            if r < 0.63 {
                Legal::C2
            } else if r < 0.86 {
                Legal::V2
            } else if r < 0.94 {
                Legal::C1
            } else if r < 0.99 {
                Legal::E1
            } else {
                Legal::J1
            }
        };
        let child = self.new_child(area, dob, uasc);
        self.push_care(child, area, uasc, start, legal)
    }

    /// A child entering care (not from a CP plan).
    fn fresh_care(&mut self, area: Area, uasc: bool, start: Day) -> usize {
        let age = if uasc {
            *self.rng.pick(&[14, 15, 15, 16, 16, 16, 17])
        } else {
            self.age(&CARE_ENTRY_AGES)
        };
        let mut dob = self.dob_for(start, age);
        if age == 17 {
            // At least three months in care before 18.
            dob = dob.max(add_months(start, -12 * 18 + 3));
        }
        let legal = if uasc {
            Legal::V2
        } else {
            let r = self.rng.unit();
            if r < 0.44 {
                Legal::C1
            } else if r < 0.985 {
                Legal::V2
            } else {
                Legal::J1
            }
        };
        let child = self.new_child(area, dob, uasc);
        self.push_care(child, area, uasc, start, legal)
    }

    // ------------------------------------------------------ List 6, linked

    /// The CIN episode of each child on a CP plan or in care: it opens
    /// before the plan or the care and closes with (or after) them.
    fn link_episodes(&mut self) {
        for child in 0..self.children.len() {
            let (plan, care) = (self.children[child].plan, self.children[child].care);
            if plan.is_none() && care.is_none() {
                continue;
            }
            let dob = self.children[child].dob;
            let uasc = self.children[child].uasc;
            let mut start = match (plan, care) {
                (Some(p), _) => self.plans[p].start - self.rng.int(10, 45),
                (None, Some(c)) => {
                    let s = self.cares[c].start;
                    if uasc || self.rng.chance(0.3) {
                        s
                    } else {
                        s - self.rng.int(1, 60)
                    }
                }
                (None, None) => unreachable!(),
            };
            start = start.max(dob);
            let birthday = add_months(dob, 12 * 18);
            let end = match care {
                Some(c) => {
                    let x = &self.cares[c];
                    match x.end {
                        None => None,
                        Some(e) if x.adoption.is_some() || x.at_18 => Some(e),
                        Some(e) => Some(e + self.tail()),
                    }
                }
                None => self.plans[plan.unwrap()].end.map(|e| e + self.tail()),
            };
            let end = end.map(|e| e.min(birthday)).filter(|&e| e <= AS_AT);
            let area = self.children[child].area;
            let ref_team = self.referral_team(area, uasc);
            self.episodes.push(Episode {
                child,
                area,
                start,
                end,
                linked: true,
                nfa: false,
                pre: start < first(DEC15),
                min_end: end.unwrap_or(AS_AT + 1),
                planned: end.unwrap_or(AS_AT + 1),
                ref_team,
                re_referral: false,
                alloc: [None; 7],
                assessments: Vec::new(),
            });
            self.children[child].has_episode = true;
        }
    }

    /// Days from a referral to the natural end of its episode, the
    /// assessment taking `assessment` days: most close after the
    /// assessment, the rest after a CIN plan (much longer for disabled
    /// children).
    fn natural_duration(&mut self, area: Area, assessment: i32) -> i32 {
        assessment
            + match area {
                Area::Dcsc => {
                    if self.rng.chance(0.1) {
                        self.rng.int(0, 30)
                    } else {
                        300 + (3600.0 * self.rng.unit()) as i32
                    }
                }
                Area::Other => {
                    if self.rng.chance(0.25) {
                        self.rng.int(0, 30)
                    } else {
                        90 + (900.0 * self.rng.unit()) as i32
                    }
                }
                _ => {
                    if self.rng.chance(0.58) {
                        self.rng.int(0, 21)
                    } else {
                        let u = self.rng.unit();
                        45 + (250.0 * u * u) as i32
                    }
                }
            }
    }

    /// Days a CIN episode stays open after a plan or care ends.
    fn tail(&mut self) -> i32 {
        if self.rng.chance(0.3) {
            self.rng.int(0, 10)
        } else {
            self.rng.int(30, 240)
        }
    }

    fn referral_team(&mut self, area: Area, uasc: bool) -> usize {
        match area {
            Area::Dcsc => self.pick_team(Group::Dcsc),
            Area::Other => {
                if uasc {
                    self.pick_team(Group::Uasc)
                } else if self.rng.chance(0.5) {
                    self.pick_team(Group::Hospital)
                } else {
                    team_index(self.teams, "Youth Offending Service")
                }
            }
            a => self.pick_team(Group::Assess(a)),
        }
    }

    /// Open List 6 cases by area at each month end, Dec-15 … Dec-17. Only
    /// December 2017's split is the seed's; before it, the two citywide
    /// areas (few referrals, long cases) grow by one a month towards it and
    /// the localities share the rest as in December.
    fn open_targets(&self) -> Vec<[i32; 5]> {
        let shares: Vec<f64> = OPEN_DEC17[..3].iter().map(|&x| f64::from(x)).collect();
        (0..25)
            .map(|j| {
                if j == 24 {
                    return OPEN_DEC17;
                }
                let behind = 24 - j as i32;
                let dcsc = OPEN_DEC17[3] - behind;
                let other = OPEN_DEC17[4] - behind;
                let v = split(OPEN_CASES[j] - dcsc - other, &shares);
                [v[0], v[1], v[2], dcsc, other]
            })
            .collect()
    }

    /// The open other (not CP or care) episodes wanted at month end `j`
    /// (0 = Dec-15): the open-case plan less the linked episodes, held flat
    /// before December 2016 (the CP plans of the data start then).
    fn other_target(&self, targets: &[[i32; 5]], area: Area, j: usize) -> i32 {
        let j = j.max(12);
        targets[j][area.i()] - self.linked_open(area, last(DEC15 + j as i32))
    }

    fn linked_open(&self, area: Area, d: Day) -> i32 {
        self.episodes
            .iter()
            .filter(|e| e.linked && e.area == area && e.start <= d && e.end.is_none_or(|x| x > d))
            .count() as i32
    }

    // ------------------------------------------------------- List 6, other

    /// The other CIN episodes: one per referral that is not a CP or care
    /// episode, plus those already open on 30 November 2015.
    fn other_episodes(&mut self) {
        let targets = self.open_targets();
        let nov30 = ymd(2015, 11, 30);
        for area in AREAS {
            let n = self.other_target(&targets, area, 0);
            // Steady state: episodes that started in the last years and,
            // with the same duration model as new ones, are still open.
            let horizon = match area {
                Area::Dcsc => 4500,
                Area::Other => 1100,
                _ => 800,
            };
            let mut made = 0;
            while made < n {
                let start = nov30 - self.rng.int(0, horizon);
                let planned = start + self.natural_duration(area, 42);
                if planned <= nov30 {
                    continue;
                }
                let ref_team = self.referral_team(area, false);
                self.episodes.push(Episode {
                    child: NO_CHILD,
                    area,
                    start,
                    end: None,
                    linked: false,
                    nfa: false,
                    pre: true,
                    min_end: start,
                    planned,
                    ref_team,
                    re_referral: false,
                    alloc: [None; 7],
                    assessments: Vec::new(),
                });
                made += 1;
            }
        }
        for (j, &referrals) in REFERRALS.iter().enumerate() {
            let k = DEC15 + j as i32;
            let by_area = split(referrals, &REFERRAL_SHARE);
            for area in AREAS {
                let linked = self
                    .episodes
                    .iter()
                    .filter(|e| e.linked && e.area == area && month_of(e.start) == k)
                    .count() as i32;
                let other = by_area[area.i()] - linked;
                assert!(
                    other >= 0,
                    "more linked episodes than referrals in {area:?} month {j}"
                );
                for _ in 0..other {
                    let start = if self.rng.chance(0.93) {
                        self.random_working(first(k), last(k))
                    } else {
                        self.random_day(k)
                    };
                    let nfa = self.rng.chance(0.08);
                    let ref_team = self.referral_team(area, false);
                    self.episodes.push(Episode {
                        child: NO_CHILD,
                        area,
                        start,
                        end: None,
                        linked: false,
                        nfa,
                        pre: false,
                        min_end: start,
                        planned: start,
                        ref_team,
                        re_referral: false,
                        alloc: [None; 7],
                        assessments: Vec::new(),
                    });
                }
            }
        }
    }

    // --------------------------------------------------------- assessments

    /// List 4: each month's authorised assessments drawn to the plan's
    /// counts (inside / outside 45 working days, by area), then matched to
    /// the referral they follow (a new episode that started up to five days
    /// before) or, failing that, to an open case (a re-assessment).
    fn assess(&mut self) {
        struct Want {
            area: Area,
            month: usize,
            start: Day,
            auth: Day,
        }
        let mut wants: Vec<Want> = Vec::new();
        // Months 13–16 are January–April 2018: those assessments started by
        // 31 December 2017 are still open in the extract.
        for i in 0..17 {
            let k = DEC16 + i as i32;
            let (inside, outside) = if i > 12 {
                (split(1110, &ASSESS_SHARE), split(118, &ASSESS_SHARE))
            } else if i == 12 {
                (
                    ASSESS_DEC17.iter().map(|x| x.0).collect::<Vec<_>>(),
                    ASSESS_DEC17.iter().map(|x| x.1).collect::<Vec<_>>(),
                )
            } else {
                (
                    split(ASSESS_INSIDE[i], &ASSESS_SHARE),
                    split(ASSESS_OUTSIDE[i], &ASSESS_SHARE),
                )
            };
            for area in AREAS {
                for (count, within) in [(inside[area.i()], true), (outside[area.i()], false)] {
                    for _ in 0..count {
                        let auth = self.random_working(first(k), last(k));
                        let r = self.rng.unit();
                        let wd = if within {
                            if r < 0.25 {
                                self.rng.int(5, 14)
                            } else if r < 0.65 {
                                self.rng.int(15, 29)
                            } else {
                                self.rng.int(30, 45)
                            }
                        } else if r < 0.6 {
                            self.rng.int(46, 60)
                        } else if r < 0.9 {
                            self.rng.int(61, 90)
                        } else {
                            self.rng.int(91, 130)
                        };
                        let start = self.cal.back(auth, wd);
                        if start > AS_AT {
                            continue;
                        }
                        wants.push(Want {
                            area,
                            month: i,
                            start,
                            auth,
                        });
                    }
                }
            }
        }
        wants.sort_by_key(|w| (w.start, w.auth, w.area));
        // New episodes that can be assessed, by area, in start order.
        let mut fresh: Vec<Vec<usize>> = vec![Vec::new(); 5];
        for e in 0..self.episodes.len() {
            let x = &self.episodes[e];
            if !x.pre && !x.nfa {
                fresh[x.area.i()].push(e);
            }
        }
        for list in &mut fresh {
            list.sort_by_key(|&e| (self.episodes[e].start, e));
        }
        let mut pointer = [0usize; 5];
        let mut used: HashSet<usize> = HashSet::default();
        // Re-assessments go to children on a plan or in care, whose cases
        // stay open whatever the assessment finds.
        let long_running: Vec<Vec<usize>> = AREAS
            .iter()
            .map(|&a| {
                (0..self.episodes.len())
                    .filter(|&e| self.episodes[e].area == a && self.episodes[e].linked)
                    .collect()
            })
            .collect();
        let mut by_month: Vec<Vec<usize>> = vec![Vec::new(); 17];
        for want in &wants {
            let a = want.area.i();
            let list = &fresh[a];
            while pointer[a] < list.len() && self.episodes[list[pointer[a]]].start < want.start - 5
            {
                pointer[a] += 1;
            }
            let mut chosen = None;
            let mut i = pointer[a];
            while i < list.len() && self.episodes[list[i]].start <= want.start {
                let e = list[i];
                let x = &self.episodes[e];
                if !used.contains(&e) && x.end.is_none_or(|end| end > want.auth + 7) {
                    chosen = Some(e);
                    break;
                }
                i += 1;
            }
            let reassessment = chosen.is_none();
            let e = match chosen {
                Some(e) => e,
                None => self.reassessment_case(&long_running[a], want.start, want.auth),
            };
            used.insert(e);
            let x = &mut self.episodes[e];
            let auth = (want.auth <= AS_AT).then_some(want.auth);
            x.min_end = x.min_end.max(auth.unwrap_or(AS_AT + 1));
            self.assessments.push(Assessment {
                episode: e,
                start: want.start,
                auth,
                seen: true,
                reassessment,
            });
            let id = self.assessments.len() - 1;
            self.episodes[e].assessments.push(id);
            by_month[want.month].push(id);
        }
        if std::env::var_os("GENERATE_EXAMPLE_VERBOSE").is_some() {
            for (i, ids) in by_month.iter().enumerate() {
                let re = ids
                    .iter()
                    .filter(|&&a| self.assessments[a].reassessment)
                    .count();
                eprintln!(
                    "assessments month {i}: {} of which re-assessments {re}",
                    ids.len()
                );
            }
        }
        for (i, ids) in by_month.iter().enumerate() {
            let not_seen = if i < 13 {
                NOT_SEEN[i] as usize
            } else {
                ids.len() * 6 / 100
            };
            for id in self.rng.sample(ids, not_seen) {
                self.assessments[id].seen = false;
            }
        }
        // New episodes no assessment reached: referred in the last days of
        // the year and not yet started, or closed at referral.
        for e in 0..self.episodes.len() {
            let x = &self.episodes[e];
            if x.pre || x.nfa || used.contains(&e) {
                continue;
            }
            if x.start >= ymd(2017, 12, 18) && x.end.is_none() {
                self.open_assessment(e);
            } else if x.start >= ymd(2016, 10, 15) && !x.linked {
                self.episodes[e].nfa = true;
            }
        }
    }

    fn open_assessment(&mut self, e: usize) {
        let start = (self.episodes[e].start + self.rng.int(0, 2)).min(AS_AT);
        let seen = self.rng.chance(0.8);
        self.assessments.push(Assessment {
            episode: e,
            start,
            auth: None,
            seen,
            reassessment: false,
        });
        let id = self.assessments.len() - 1;
        self.episodes[e].assessments.push(id);
        self.episodes[e].min_end = AS_AT + 1;
    }

    /// An open case of the area to re-assess over `start..=auth`.
    fn reassessment_case(&mut self, pool: &[usize], start: Day, auth: Day) -> usize {
        for _ in 0..2000 {
            let e = *self.rng.pick(pool);
            let x = &self.episodes[e];
            if x.start > start - 45 || x.start < start - 900 {
                continue;
            }
            if x.end.is_some_and(|end| end <= auth + 7) {
                continue;
            }
            let clear = x.assessments.iter().all(|&a| {
                let y = &self.assessments[a];
                y.auth.is_some_and(|d| d < start - 20)
            });
            if clear {
                return e;
            }
        }
        panic!("no case to re-assess around {}", fmt_date(start));
    }

    // ------------------------------------------------------------ closures

    /// Each other episode's natural end (after its assessment, or after a
    /// referral with no further action), then the month-end stocks forced
    /// by closing a few early or late.
    fn close_episodes(&mut self) {
        for e in 0..self.episodes.len() {
            let x = &self.episodes[e];
            if x.linked || x.pre {
                continue;
            }
            let area = x.area;
            if x.nfa {
                let end = x.start + self.rng.int(0, 5);
                self.episodes[e].planned = end;
                self.episodes[e].min_end = self.episodes[e].start;
                continue;
            }
            let auth = x
                .assessments
                .iter()
                .filter_map(|&a| self.assessments[a].auth)
                .max();
            let start = x.start;
            let planned = match auth {
                Some(auth) => auth + self.natural_duration(area, 0),
                None => start + self.natural_duration(area, 42),
            };
            let x = &mut self.episodes[e];
            x.planned = planned.max(x.min_end);
        }
        for e in 0..self.episodes.len() {
            let x = &mut self.episodes[e];
            if x.pre {
                x.planned = x.planned.max(x.min_end);
            }
        }
        let targets = self.open_targets();
        for area in AREAS {
            let mut open: Vec<usize> = (0..self.episodes.len())
                .filter(|&e| {
                    self.episodes[e].pre
                        && !self.episodes[e].linked
                        && self.episodes[e].area == area
                })
                .collect();
            let mut new_by_month: Vec<Vec<usize>> = vec![Vec::new(); 25];
            for e in 0..self.episodes.len() {
                let x = &self.episodes[e];
                if !x.pre && !x.linked && x.area == area {
                    new_by_month[(month_of(x.start) - DEC15) as usize].push(e);
                }
            }
            for (j, new) in new_by_month.iter().enumerate() {
                let k = DEC15 + j as i32;
                let (ms, me) = (first(k), last(k));
                let want = self.other_target(&targets, area, j);
                let mut cands = open.clone();
                cands.extend(new.iter().copied());
                let need = cands.len() as i32 - want;
                let natural: Vec<usize> = cands
                    .iter()
                    .copied()
                    .filter(|&e| self.episodes[e].planned <= me)
                    .collect();
                let n = natural.len() as i32;
                if std::env::var_os("GENERATE_EXAMPLE_VERBOSE").is_some() {
                    let closable = cands
                        .iter()
                        .filter(|&&e| self.episodes[e].min_end <= me)
                        .count();
                    let held: Vec<usize> = cands
                        .iter()
                        .copied()
                        .filter(|&e| self.episodes[e].min_end > me)
                        .collect();
                    let by_new = held
                        .iter()
                        .filter(|&&e| {
                            self.episodes[e]
                                .assessments
                                .iter()
                                .any(|&a| !self.assessments[a].reassessment)
                        })
                        .count();
                    let by_re = held
                        .iter()
                        .filter(|&&e| {
                            self.episodes[e]
                                .assessments
                                .iter()
                                .any(|&a| self.assessments[a].reassessment)
                        })
                        .count();
                    let nfa = cands.iter().filter(|&&e| self.episodes[e].nfa).count();
                    let planned_late = cands
                        .iter()
                        .filter(|&&e| {
                            self.episodes[e].min_end <= me && self.episodes[e].planned > me
                        })
                        .count();
                    eprintln!(
                        "other CIN {area:?} {j}: open {} new {} natural {n} need {need} want {want} closable {closable} held {} by_new {by_new} by_re {by_re} nfa {nfa} planned_late {planned_late}",
                        open.len(),
                        new.len(),
                        held.len()
                    );
                }
                if n > need {
                    // Defer cases closing after assessment before referrals
                    // closed with no further action this month.
                    let mut deferrable: Vec<usize> = natural
                        .iter()
                        .copied()
                        .filter(|&e| !self.episodes[e].nfa || self.episodes[e].start < ms)
                        .collect();
                    self.rng.shuffle(&mut deferrable);
                    let mut fresh_nfa: Vec<usize> = natural
                        .iter()
                        .copied()
                        .filter(|&e| self.episodes[e].nfa && self.episodes[e].start >= ms)
                        .collect();
                    self.rng.shuffle(&mut fresh_nfa);
                    deferrable.extend(fresh_nfa);
                    assert!(
                        deferrable.len() as i32 >= n - need,
                        "cannot defer closures in {area:?} month {j}"
                    );
                    for &e in deferrable.iter().take((n - need) as usize) {
                        let later = first(k + 1) + self.rng.int(0, 180);
                        self.episodes[e].planned = later;
                    }
                } else if n < need {
                    let mut early: Vec<usize> = cands
                        .iter()
                        .copied()
                        .filter(|&e| {
                            self.episodes[e].planned > me && self.episodes[e].min_end <= me
                        })
                        .collect();
                    // The longest-running first: bringing forward the ones
                    // due next month would only move the shortfall on.
                    early.sort_by_key(|&e| (std::cmp::Reverse(self.episodes[e].planned), e));
                    assert!(
                        early.len() as i32 >= need - n,
                        "cannot close {} more episodes in {area:?} month {j}",
                        need - n
                    );
                    for &e in early.iter().take((need - n) as usize) {
                        let x = &self.episodes[e];
                        let lo = x.min_end.max(x.start).max(ms);
                        let d = self.rng.int(lo, me);
                        self.episodes[e].planned = d;
                    }
                }
                open.clear();
                for e in cands {
                    if self.episodes[e].planned <= me {
                        self.episodes[e].end = Some(self.episodes[e].planned);
                    } else {
                        open.push(e);
                    }
                }
                assert_eq!(open.len() as i32, want, "other episodes {area:?} month {j}");
            }
        }
        // Coverage of List 6 starts in December 2016: an episode closes in
        // its first week.
        let early = (0..self.episodes.len())
            .find(|&e| {
                let x = &self.episodes[e];
                !x.linked
                    && x.end.is_some_and(|d| month_of(d) == DEC16)
                    && x.start <= ymd(2016, 12, 2)
                    && x.min_end <= ymd(2016, 12, 2)
            })
            .unwrap();
        self.episodes[early].end = Some(ymd(2016, 12, 2));
    }

    // ---------------------------------------------------------- identities

    /// Children for the other episodes in date order: each month's
    /// re-referrals (exact counts from December 2016) go to a child
    /// referred in the previous 12 months whose episode has closed; other
    /// referrals to a new child, or now and then one returning after more
    /// than a year.
    fn identities(&mut self) {
        // Episodes open on 30 November 2015 belong to children with no
        // referral in the window.
        for e in 0..self.episodes.len() {
            if self.episodes[e].pre && !self.episodes[e].linked {
                let area = self.episodes[e].area;
                let (start, end) = (self.episodes[e].start, self.episodes[e].end);
                let dob = self.referral_dob(start, end);
                let c = self.new_child(area, dob, false);
                self.episodes[e].child = c;
                self.children[c].last_end = self.episodes[e].end;
                self.children[c].has_episode = true;
            }
        }
        for e in 0..self.episodes.len() {
            if self.episodes[e].linked && !self.episodes[e].pre {
                let c = self.episodes[e].child;
                let start = self.episodes[e].start;
                self.children[c].referrals.push(start);
                self.children[c].last_ref = Some(start);
            }
        }
        let mut pools: Vec<Vec<usize>> = vec![Vec::new(); 5];
        let mut returning: Vec<Vec<usize>> = vec![Vec::new(); 5];
        for c in 0..self.children.len() {
            let x = &self.children[c];
            if x.has_episode && x.last_end.is_some() && x.plan.is_none() && x.care.is_none() {
                returning[x.area.i()].push(c);
            }
        }
        for j in 0..25 {
            let k = DEC15 + j as i32;
            for area in AREAS {
                let mut month: Vec<usize> = (0..self.episodes.len())
                    .filter(|&e| {
                        let x = &self.episodes[e];
                        !x.linked && !x.pre && x.area == area && month_of(x.start) == k
                    })
                    .collect();
                month.sort_by_key(|&e| (self.episodes[e].start, e));
                let wanted = if j >= 12 {
                    let weights: Vec<f64> = AREAS
                        .iter()
                        .map(|&a| {
                            self.episodes
                                .iter()
                                .filter(|x| {
                                    !x.linked && !x.pre && x.area == a && month_of(x.start) == k
                                })
                                .count() as f64
                        })
                        .collect();
                    split(RE_REFERRALS[j - 12], &weights)[area.i()]
                } else {
                    let ramp = (j as f64 + 1.0) / 12.0;
                    (0.22 * ramp * month.len() as f64).round() as i32
                };
                let mut flags = vec![false; month.len()];
                for i in self
                    .rng
                    .sample(&(0..month.len()).collect::<Vec<_>>(), wanted as usize)
                {
                    flags[i] = true;
                }
                let mut carry = 0;
                for (i, &e) in month.iter().enumerate() {
                    let d = self.episodes[e].start;
                    let wants_re = flags[i] || carry > 0;
                    let mut child = None;
                    if wants_re {
                        let until = self.episodes[e].end.unwrap_or(AS_AT);
                        child = self.re_referred_child(
                            &mut pools[area.i()],
                            &mut returning[area.i()],
                            d,
                            until,
                        );
                        match (child.is_some(), flags[i]) {
                            (true, false) => carry -= 1,
                            (false, true) => carry += 1,
                            _ => {}
                        }
                    }
                    let re = child.is_some();
                    if child.is_none() && self.rng.chance(0.04) {
                        let until = self.episodes[e].end.unwrap_or(AS_AT);
                        child = self.returning_child(&mut returning[area.i()], d, until);
                    }
                    let end = self.episodes[e].end;
                    let c = match child {
                        Some(c) => c,
                        None => {
                            let dob = self.referral_dob(d, end);
                            self.new_child(area, dob, false)
                        }
                    };
                    let x = &mut self.episodes[e];
                    x.child = c;
                    x.re_referral = re;
                    let ch = &mut self.children[c];
                    ch.referrals.push(d);
                    ch.last_ref = Some(d);
                    ch.last_end = end;
                    ch.has_episode = true;
                    if end.is_some() {
                        pools[area.i()].push(c);
                    }
                }
                assert!(
                    j < 12 || carry == 0,
                    "{carry} re-referrals short in {area:?} month {j}"
                );
            }
        }
    }

    fn re_referred_child(
        &mut self,
        pool: &mut Vec<usize>,
        returning: &mut Vec<usize>,
        d: Day,
        until: Day,
    ) -> Option<usize> {
        let year_before = add_months(d, -12);
        let mut tries = 0;
        while !pool.is_empty() && tries < 200 {
            tries += 1;
            let i = self.rng.below(pool.len());
            let c = pool[i];
            let x = &self.children[c];
            let Some(last_ref) = x.last_ref else {
                pool.swap_remove(i);
                continue;
            };
            if last_ref < year_before {
                pool.swap_remove(i);
                if x.last_end.is_some() {
                    returning.push(c);
                }
                continue;
            }
            let closed = x.last_end.is_some_and(|end| end <= d);
            if closed && last_ref < d && age_on(x.dob, until) <= 17 {
                pool.swap_remove(i);
                return Some(c);
            }
        }
        None
    }

    fn returning_child(&mut self, returning: &mut Vec<usize>, d: Day, until: Day) -> Option<usize> {
        let limit = add_months(d, -12) - 14;
        for _ in 0..30 {
            if returning.is_empty() {
                return None;
            }
            let i = self.rng.below(returning.len());
            let c = returning[i];
            let x = &self.children[c];
            let old = x.last_ref.is_none_or(|r| r < limit);
            let closed = x.last_end.is_some_and(|end| end <= d);
            if old && closed && age_on(x.dob, until) <= 17 {
                returning.swap_remove(i);
                return Some(c);
            }
        }
        None
    }

    // --------------------------------------------------------- short breaks

    /// V3 / V4 short-break periods (List 8, not looked after) for some
    /// disabled children with long CIN episodes.
    fn short_breaks(&mut self) {
        let candidates: Vec<usize> = (0..self.episodes.len())
            .filter(|&e| {
                let x = &self.episodes[e];
                x.area == Area::Dcsc
                    && !x.linked
                    && x.start < ymd(2017, 6, 1)
                    && x.end
                        .is_none_or(|end| end > ymd(2016, 6, 1) && end - x.start > 300)
            })
            .collect();
        let chosen = self.rng.sample(&candidates, 95.min(candidates.len()));
        for e in chosen {
            let (child, start, end) = (
                self.episodes[e].child,
                self.episodes[e].start,
                self.episodes[e].end,
            );
            let sb_start = start + self.rng.int(14, 200);
            let sb_end = match end {
                None if self.rng.chance(0.8) => None,
                None => Some((sb_start + self.rng.int(60, 500)).min(AS_AT - 10)),
                Some(end) => Some(end - self.rng.int(0, 30)),
            };
            if sb_end.is_some_and(|x| x <= sb_start || x < ymd(2016, 3, 10)) || sb_start > AS_AT {
                continue;
            }
            let legal = if self.rng.chance(0.6) {
                Legal::V3
            } else {
                Legal::V4
            };
            self.cares.push(Care {
                child,
                area: Area::Dcsc,
                uasc: false,
                start: sb_start,
                end: sb_end,
                legal,
                short_breaks: true,
                adoption: None,
                at_18: false,
                fixed: false,
            });
        }
    }

    // ---------------------------------------------------------- allocation

    fn in_care_at(&self, child: usize, d: Day) -> Option<&Care> {
        let c = self.children[child].care?;
        let x = &self.cares[c];
        (x.start <= d && x.end.is_none_or(|e| e > d)).then_some(x)
    }

    fn on_plan_at(&self, child: usize, d: Day) -> bool {
        self.children[child]
            .plan
            .is_some_and(|p| self.plans[p].start <= d && self.plans[p].end.is_none_or(|e| e > d))
    }

    /// Allocations in each List 6 extract (30 June … 31 December 2017): each
    /// pool holds its planned number of cases, split over its workers by
    /// FTE, keeping last month's worker where it can.
    fn allocate(&mut self) {
        let mut report = Vec::new();
        for (x, &counted) in UNALLOCATED.iter().enumerate() {
            let k = JUN17 + x as i32;
            let d = last(k);
            // Counted unallocated cases (open 7+ days) by area.
            let mut unallocated = [0i32; 5];
            if x == 6 {
                unallocated[Area::Nwc.i()] = counted;
            } else {
                for _ in 0..counted {
                    let a = self.rng.below(3);
                    unallocated[a] += 1;
                }
            }
            let mut fte_by_group: HashMap<Group, f64> = HashMap::default();
            let mut cases_by_group: HashMap<Group, i32> = HashMap::default();
            for area in AREAS {
                let open: Vec<usize> = (0..self.episodes.len())
                    .filter(|&e| {
                        let y = &self.episodes[e];
                        y.area == area && y.start <= d && y.end.is_none_or(|z| z > d)
                    })
                    .collect();
                let mut care: Vec<usize> = Vec::new();
                let mut plans: Vec<usize> = Vec::new();
                let mut other: Vec<usize> = Vec::new();
                for &e in &open {
                    let child = self.episodes[e].child;
                    if self.in_care_at(child, d).is_some_and(|c| !c.short_breaks) {
                        care.push(e);
                    } else if self.on_plan_at(child, d) {
                        plans.push(e);
                    } else {
                        other.push(e);
                    }
                }
                match area {
                    Area::East | Area::Nwc | Area::South => {
                        let target = |me: &City<'_>, group: Group| -> i32 {
                            if x == 6 {
                                CASELOAD_DEC17.iter().find(|t| t.0 == group).unwrap().1
                            } else {
                                let avg = CASELOAD_JUN_NOV.iter().find(|t| t.0 == group).unwrap().1;
                                let fte: i32 = me
                                    .workers_in(group, d, true)
                                    .iter()
                                    .map(|&w| me.workers[w].fte10)
                                    .sum();
                                (avg * f64::from(fte) / 10.0).round() as i32
                            }
                        };
                        let q_a = target(self, Group::Assess(area));
                        let q_s = target(self, Group::Safe(area));
                        let q_c = target(self, Group::Cic(area));
                        care.sort_by_key(|&e| {
                            let c = self.episodes[e].child;
                            (self.cares[self.children[c].care.unwrap()].start, e)
                        });
                        assert!(
                            care.len() as i32 >= q_c,
                            "{area:?} has {} in care for {q_c} CiC cases in extract {x}",
                            care.len()
                        );
                        let cic: Vec<usize> = care[..q_c as usize].to_vec();
                        let mut safe_statutory: Vec<usize> = care[q_c as usize..].to_vec();
                        safe_statutory.extend(plans.iter().copied());
                        other.sort_by_key(|&e| (std::cmp::Reverse(self.episodes[e].start), e));
                        // Blank allocations: the counted ones (7+ days) and
                        // a few referrals of the last week.
                        let mut blank: Vec<usize> = Vec::new();
                        let older: Vec<usize> = other
                            .iter()
                            .take(q_a as usize)
                            .copied()
                            .filter(|&e| {
                                self.episodes[e].start <= d - 7 && self.episodes[e].start >= d - 40
                            })
                            .collect();
                        blank.extend(self.rng.sample(&older, unallocated[area.i()] as usize));
                        let recent: Vec<usize> = other
                            .iter()
                            .copied()
                            .filter(|&e| self.episodes[e].start > d - 7)
                            .collect();
                        let n_recent = self.rng.int(0, 3).min(recent.len() as i32);
                        blank.extend(self.rng.sample(&recent, n_recent as usize));
                        let blank_set: HashSet<usize> = blank.iter().copied().collect();
                        let rest: Vec<usize> = other
                            .iter()
                            .copied()
                            .filter(|e| !blank_set.contains(e))
                            .collect();
                        assert!(rest.len() as i32 >= q_a, "assessment cases in {area:?}");
                        let assess: Vec<usize> = rest[..q_a as usize].to_vec();
                        let safe_other: Vec<usize> = rest[q_a as usize..].to_vec();
                        for &e in &blank {
                            let team = self.pick_team(Group::Assess(area));
                            self.episodes[e].alloc[x] = Some(Alloc { team, worker: None });
                        }
                        let statutory_a = vec![false; assess.len()];
                        self.assign(x, Group::Assess(area), &assess, &statutory_a, q_a, d);
                        let mut s_cases = safe_statutory.clone();
                        let mut s_flags = vec![true; safe_statutory.len()];
                        s_cases.extend(safe_other.iter().copied());
                        s_flags.extend(vec![false; safe_other.len()]);
                        self.assign(x, Group::Safe(area), &s_cases, &s_flags, q_s, d);
                        let c_flags = vec![true; cic.len()];
                        self.assign(x, Group::Cic(area), &cic, &c_flags, q_c, d);
                        for (g, q) in [
                            (Group::Assess(area), q_a),
                            (Group::Safe(area), q_s),
                            (Group::Cic(area), q_c),
                        ] {
                            let fte: i32 = self
                                .workers_in(g, d, true)
                                .iter()
                                .map(|&w| self.workers[w].fte10)
                                .sum();
                            fte_by_group.insert(g, f64::from(fte) / 10.0);
                            cases_by_group.insert(g, q);
                        }
                    }
                    Area::Dcsc => {
                        let group = Group::Dcsc;
                        let q = if x == 6 {
                            CASELOAD_DEC17.iter().find(|t| t.0 == group).unwrap().1
                        } else {
                            let fte: i32 = self
                                .workers_in(group, d, true)
                                .iter()
                                .map(|&w| self.workers[w].fte10)
                                .sum();
                            (13.0 * f64::from(fte) / 10.0).round() as i32
                        };
                        let mut cases = care.clone();
                        cases.extend(plans.iter().copied());
                        let mut flags = vec![true; cases.len()];
                        other.sort_by_key(|&e| (self.episodes[e].start, e));
                        cases.extend(other.iter().copied());
                        flags.extend(vec![false; other.len()]);
                        self.assign(x, group, &cases, &flags, q, d);
                        let fte: i32 = self
                            .workers_in(group, d, true)
                            .iter()
                            .map(|&w| self.workers[w].fte10)
                            .sum();
                        fte_by_group.insert(group, f64::from(fte) / 10.0);
                        cases_by_group.insert(group, q);
                    }
                    Area::Other => {
                        let (uasc, looked_after): (Vec<usize>, Vec<usize>) = care
                            .iter()
                            .partition(|&&e| self.children[self.episodes[e].child].uasc);
                        let uasc_flags = vec![true; uasc.len()];
                        self.assign(x, Group::Uasc, &uasc, &uasc_flags, uasc.len() as i32, d);
                        let target = |me: &City<'_>, group: Group| -> i32 {
                            if x == 6 {
                                CASELOAD_DEC17.iter().find(|t| t.0 == group).unwrap().1
                            } else {
                                let avg = CASELOAD_JUN_NOV.iter().find(|t| t.0 == group).unwrap().1;
                                let fte: i32 = me
                                    .workers_in(group, d, true)
                                    .iter()
                                    .map(|&w| me.workers[w].fte10)
                                    .sum();
                                (avg * f64::from(fte) / 10.0).round() as i32
                            }
                        };
                        let q_lc = target(self, Group::LeavingCare);
                        let q_h = target(self, Group::Hospital);
                        // Older children to the leaving care team, the rest
                        // to the hospital team and the youth offending service.
                        other.sort_by_key(|&e| (self.children[self.episodes[e].child].dob, e));
                        let lc_extra = (q_lc - looked_after.len() as i32).max(0) as usize;
                        let unq_lc = self.workers_in(Group::LeavingCare, d, false).len();
                        let unq_yos = self.workers_in(Group::Yos, d, false).len();
                        let h_extra = (q_h - plans.len() as i32).max(0) as usize;
                        let rest_total = other.len() - lc_extra - h_extra;
                        let u_lc = (rest_total * unq_lc) / (unq_lc + unq_yos);
                        let mut lc_cases = looked_after.clone();
                        let mut lc_flags = vec![true; looked_after.len()];
                        lc_cases.extend(other[..lc_extra + u_lc].iter().copied());
                        lc_flags.extend(vec![false; lc_extra + u_lc]);
                        self.assign(x, Group::LeavingCare, &lc_cases, &lc_flags, q_lc, d);
                        let mut h_cases = plans.clone();
                        let mut h_flags = vec![true; plans.len()];
                        h_cases.extend(
                            other[lc_extra + u_lc..lc_extra + u_lc + h_extra]
                                .iter()
                                .copied(),
                        );
                        h_flags.extend(vec![false; h_extra]);
                        self.assign(x, Group::Hospital, &h_cases, &h_flags, q_h, d);
                        let yos: Vec<usize> = other[lc_extra + u_lc + h_extra..].to_vec();
                        let yos_flags = vec![false; yos.len()];
                        self.assign(x, Group::Yos, &yos, &yos_flags, 0, d);
                        for (g, q) in [
                            (Group::Uasc, uasc.len() as i32),
                            (Group::LeavingCare, q_lc),
                            (Group::Hospital, q_h),
                        ] {
                            let fte: i32 = self
                                .workers_in(g, d, true)
                                .iter()
                                .map(|&w| self.workers[w].fte10)
                                .sum();
                            fte_by_group.insert(g, f64::from(fte) / 10.0);
                            cases_by_group.insert(g, q);
                        }
                    }
                }
            }
            report.push((fte_by_group, cases_by_group));
        }
        if std::env::var_os("GENERATE_EXAMPLE_VERBOSE").is_some() {
            for (x, (fte, cases)) in report.iter().enumerate() {
                let avg = |pred: &dyn Fn(Group) -> bool| -> f64 {
                    let f: f64 = fte.iter().filter(|(g, _)| pred(**g)).map(|(_, v)| v).sum();
                    let c: i32 = cases
                        .iter()
                        .filter(|(g, _)| pred(**g))
                        .map(|(_, v)| v)
                        .sum();
                    f64::from(c) / f
                };
                eprintln!(
                    "caseload extract {x}: assessment {:.2} safeguarding {:.2} cic {:.2} city {:.2}",
                    avg(&|g| matches!(g, Group::Assess(_))),
                    avg(&|g| matches!(g, Group::Safe(_))),
                    avg(&|g| matches!(g, Group::Cic(_))),
                    avg(&|_| true),
                );
            }
        }
    }

    /// Gives `cases` to the pool's workers in post on `d`: `qualified`
    /// cases to its qualified case-holders (statutory cases always to
    /// them), the rest to its unqualified workers.
    fn assign(
        &mut self,
        x: usize,
        group: Group,
        cases: &[usize],
        statutory: &[bool],
        qualified: i32,
        d: Day,
    ) {
        let quals = self.workers_in(group, d, true);
        let unquals = self.workers_in(group, d, false);
        let rest = cases.len() as i32 - qualified;
        assert!(
            rest >= 0,
            "{group:?}: {} cases for {qualified} qualified places in extract {x}",
            cases.len()
        );
        assert!(
            rest == 0 || !unquals.is_empty(),
            "{group:?}: {rest} cases and no unqualified worker in extract {x}"
        );
        let mut capacity: HashMap<usize, i32> = HashMap::default();
        if !quals.is_empty() {
            let w: Vec<f64> = quals
                .iter()
                .map(|&w| f64::from(self.workers[w].fte10))
                .collect();
            for (i, n) in split(qualified, &w).into_iter().enumerate() {
                capacity.insert(quals[i], n);
            }
        } else {
            assert_eq!(qualified, 0, "{group:?} has no qualified worker");
        }
        if !unquals.is_empty() {
            let w: Vec<f64> = unquals
                .iter()
                .map(|&w| f64::from(self.workers[w].fte10))
                .collect();
            for (i, n) in split(rest, &w).into_iter().enumerate() {
                capacity.insert(unquals[i], n);
            }
        }
        let n_statutory = statutory.iter().filter(|&&s| s).count() as i32;
        assert!(
            n_statutory <= qualified,
            "{group:?}: {n_statutory} statutory cases for {qualified} qualified places in extract {x}"
        );
        let qual_set: HashSet<usize> = quals.iter().copied().collect();
        let mut order: Vec<usize> = capacity.keys().copied().collect();
        order.sort_unstable();
        let mut placed = vec![false; cases.len()];
        for pass in 0..4 {
            let want_statutory = pass < 2;
            let keep = pass % 2 == 0;
            for (i, &e) in cases.iter().enumerate() {
                if placed[i] || statutory[i] != want_statutory {
                    continue;
                }
                let worker = if keep {
                    let previous = if x > 0 {
                        self.episodes[e].alloc[x - 1].and_then(|a| a.worker)
                    } else {
                        None
                    };
                    previous.filter(|w| {
                        capacity.get(w).is_some_and(|&c| c > 0)
                            && (!statutory[i] || qual_set.contains(w))
                    })
                } else {
                    order
                        .iter()
                        .copied()
                        .filter(|w| capacity[w] > 0 && (!statutory[i] || qual_set.contains(w)))
                        .max_by_key(|w| (capacity[w], std::cmp::Reverse(*w)))
                };
                if let Some(w) = worker {
                    *capacity.get_mut(&w).unwrap() -= 1;
                    placed[i] = true;
                    self.episodes[e].alloc[x] = Some(Alloc {
                        team: self.workers[w].team,
                        worker: Some(w),
                    });
                }
            }
        }
        assert!(
            placed.iter().all(|&p| p),
            "{group:?}: cases left unplaced in extract {x}"
        );
    }

    // --------------------------------------------------------- care leavers

    /// List 9 as at each month end, June–December 2017: young people who
    /// left care at 16 or later (those of this data set's List 8, and older
    /// leavers), and 17-year-olds still in care (eligible), with each
    /// month's EET count forced to the plan.
    fn care_leavers(&mut self) {
        let lc_team = team_index(self.teams, "Leaving Care Team");
        let mut leavers: Vec<Leaver> = Vec::new();
        for c in 0..self.cares.len() {
            let x = &self.cares[c];
            let Some(end) = x.end else { continue };
            if x.short_breaks || x.adoption.is_some() {
                continue;
            }
            let age = age_on(self.children[x.child].dob, end);
            if x.at_18 || age >= 16 {
                let category = if x.at_18 {
                    "b) Former relevant child"
                } else {
                    "a) Relevant child"
                };
                leavers.push(Leaver {
                    child: x.child,
                    category,
                    from: end,
                    in_touch: "a) Yes",
                    eet: false,
                    activity: "",
                    team: lc_team,
                });
            }
        }
        // Older care leavers (left care before March 2016), and qualifying
        // care leavers.
        for i in 0..440 {
            let dob = self.rng.int(ymd(1995, 7, 1), ymd(1998, 2, 27));
            let uasc = self.rng.chance(0.25);
            let area = if uasc {
                Area::Other
            } else {
                *self.rng.pick(&LOCALITIES)
            };
            let child = self.new_child(area, dob, uasc);
            let category = if i % 20 == 0 {
                "c) Qualifying care leaver"
            } else {
                "b) Former relevant child"
            };
            leavers.push(Leaver {
                child,
                category,
                from: add_months(dob, 12 * 18),
                in_touch: "a) Yes",
                eet: false,
                activity: "",
                team: lc_team,
            });
        }
        // A few over 21 still supported in higher education.
        for _ in 0..14 {
            let dob = self.rng.int(ymd(1993, 6, 1), ymd(1995, 6, 1));
            let area = *self.rng.pick(&LOCALITIES);
            let child = self.new_child(area, dob, false);
            leavers.push(Leaver {
                child,
                category: "b) Former relevant child",
                from: add_months(dob, 12 * 18),
                in_touch: "a) Yes",
                eet: true,
                activity: EET_ACTIVITIES[0].0,
                team: lc_team,
            });
        }
        for l in &mut leavers {
            let r = self.rng.unit();
            l.in_touch = if r < 0.86 {
                "a) Yes"
            } else if r < 0.91 {
                "b) No"
            } else if r < 0.94 {
                "d) Refu"
            } else if r < 0.965 {
                "e) NREQ"
            } else if r < 0.995 {
                "f) Rhom"
            } else {
                "c) Died"
            };
            let age = age_on(self.children[l.child].dob, last(JUN17));
            if l.activity.is_empty() {
                l.eet = self.rng.chance(if age <= 18 { 0.68 } else { 0.52 });
            }
        }
        let mut rows_by_month = Vec::new();
        for x in 0..7 {
            let d = last(JUN17 + x as i32);
            // Gentle churn month to month, then the count forced.
            let mut cohort: Vec<usize> = Vec::new();
            for (i, l) in leavers.iter_mut().enumerate() {
                let age = age_on(self.children[l.child].dob, d);
                if l.from > d || !(17..=21).contains(&age) {
                    continue;
                }
                if self.rng.chance(0.04) && l.in_touch == "a) Yes" {
                    l.eet = !l.eet;
                }
                let excluded = matches!(l.in_touch, "c) Died" | "f) Rhom");
                if !excluded {
                    cohort.push(i);
                }
            }
            let want = (EET_PERCENT[x] / 100.0 * cohort.len() as f64).round() as usize;
            let flexible: Vec<usize> = cohort
                .iter()
                .copied()
                .filter(|&i| leavers[i].in_touch == "a) Yes")
                .collect();
            for &i in &cohort {
                if leavers[i].in_touch != "a) Yes" {
                    leavers[i].eet = false;
                }
            }
            let mut eet = cohort.iter().filter(|&&i| leavers[i].eet).count();
            while eet != want {
                let turn_on = eet < want;
                let options: Vec<usize> = flexible
                    .iter()
                    .copied()
                    .filter(|&i| leavers[i].eet != turn_on)
                    .collect();
                let i = *self.rng.pick(&options);
                leavers[i].eet = turn_on;
                if turn_on {
                    eet += 1;
                } else {
                    eet -= 1;
                }
            }
            let mut rows = Vec::new();
            for l in &leavers {
                let age = age_on(self.children[l.child].dob, d);
                if l.from > d || age < 17 {
                    continue;
                }
                if age > 21 && l.activity.is_empty() {
                    continue;
                }
                let activity = if !l.activity.is_empty() {
                    l.activity
                } else if l.in_touch != "a) Yes" {
                    ACTIVITY_UNKNOWN
                } else if l.eet {
                    let w: Vec<f64> = EET_ACTIVITIES.iter().map(|a| a.1).collect();
                    EET_ACTIVITIES[self.stable_pick(l.child, x, &w)].0
                } else {
                    let w: Vec<f64> = NEET_ACTIVITIES.iter().map(|a| a.1).collect();
                    NEET_ACTIVITIES[self.stable_pick(l.child, x, &w)].0
                };
                let category = if l.category == "a) Relevant child" && age >= 18 {
                    "b) Former relevant child"
                } else {
                    l.category
                };
                rows.push(Leaver {
                    child: l.child,
                    category,
                    from: l.from,
                    in_touch: l.in_touch,
                    eet: l.eet,
                    activity,
                    team: l.team,
                });
            }
            // Eligible children: 17-year-olds in care.
            for c in 0..self.cares.len() {
                let y = &self.cares[c];
                if y.short_breaks || !(y.start <= d && y.end.is_none_or(|e| e > d)) {
                    continue;
                }
                if age_on(self.children[y.child].dob, d) != 17 {
                    continue;
                }
                let team = self.care_team(c, d);
                let activity = if self.stable_pick(y.child, 0, &[3.0, 1.0]) == 0 {
                    EET_ACTIVITIES[2].0
                } else {
                    NEET_ACTIVITIES[1].0
                };
                rows.push(Leaver {
                    child: y.child,
                    category: "d) Eligible child",
                    from: y.start,
                    in_touch: "a) Yes",
                    eet: false,
                    activity,
                    team,
                });
            }
            rows_by_month.push(rows);
        }
        self.leaver_rows = rows_by_month;
    }

    /// A weighted choice that stays the same for a child across the months
    /// it is asked with the same `salt` family (so activities change
    /// rarely).
    fn stable_pick(&self, child: usize, salt: usize, weights: &[f64]) -> usize {
        let mut r =
            Rng::new(SEED ^ (child as u64).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ (salt as u64 / 3));
        r.weighted(weights)
    }

    // ------------------------------------------------------ family support

    /// Family support and Troubled Families episodes: a stock forced to the
    /// month ends that give the plan's "supported at home" percentages
    /// (total = open List 6 + family support, since every child in care
    /// has an open List 6 episode and no family-support child has one).
    fn family_support(&mut self) {
        let mut targets = Vec::new();
        for (j, pct) in SUPPORTED_AT_HOME.iter().enumerate() {
            let open = OPEN_CASES[12 + j];
            let in_care = LAC_EXCL[10 + j] + LAC_UASC[10 + j];
            let f = (f64::from(in_care) / (1.0 - pct / 100.0) - f64::from(open)).round() as i32;
            targets.push(f);
        }
        let fs_teams: Vec<usize> = LOCALITIES
            .iter()
            .map(|a| team_index(self.teams, &format!("{} Family Support Team", a.short())))
            .collect();
        let tf_team = team_index(self.teams, "Troubled Families Team");
        let nov30 = ymd(2016, 11, 30);
        let mut open: Vec<usize> = Vec::new();
        for _ in 0..targets[0] - 30 {
            let start = nov30 - self.rng.int(1, 300);
            let planned = nov30 + self.rng.int(3, 300);
            let f = self.new_fs(start, planned, false, &fs_teams, tf_team);
            open.push(f);
        }
        for (j, &want) in targets.iter().enumerate() {
            let k = DEC16 + j as i32;
            let (ms, me) = (first(k), last(k));
            let natural: Vec<usize> = open
                .iter()
                .copied()
                .filter(|&f| self.fs[f].planned <= me)
                .collect();
            let staying = open.len() as i32 - natural.len() as i32;
            if staying > want {
                let mut extra: Vec<usize> = open
                    .iter()
                    .copied()
                    .filter(|&f| self.fs[f].planned > me)
                    .collect();
                extra.sort_by_key(|&f| (self.fs[f].planned, f));
                for &f in extra.iter().take((staying - want) as usize) {
                    self.fs[f].planned = self.rng.int(ms.max(self.fs[f].start + 1), me);
                }
            }
            let mut still = Vec::new();
            for f in open {
                if self.fs[f].planned <= me {
                    self.fs[f].end = Some(self.fs[f].planned);
                } else {
                    still.push(f);
                }
            }
            open = still;
            let starts = want - open.len() as i32;
            assert!(starts >= 0, "family support month {j}");
            for _ in 0..starts {
                let start = self.random_working(ms, me);
                let planned = start + 90 + (330.0 * self.rng.unit()) as i32;
                let tf = k >= JUN17 && self.rng.chance(0.8);
                let f = self.new_fs(start, planned.max(me + 1), tf, &fs_teams, tf_team);
                open.push(f);
            }
            assert_eq!(open.len() as i32, want);
        }
        // Coverage starts in December 2016: an episode ends in its first week.
        let early = (0..self.fs.len())
            .find(|&f| {
                self.fs[f].end.is_some_and(|e| month_of(e) == DEC16)
                    && self.fs[f].start < ymd(2016, 12, 1)
            })
            .unwrap();
        self.fs[early].end = Some(ymd(2016, 12, 6));
    }

    fn new_fs(
        &mut self,
        start: Day,
        planned: Day,
        tf: bool,
        fs_teams: &[usize],
        tf_team: usize,
    ) -> usize {
        let area_i = self.rng.weighted(&[0.36, 0.34, 0.30]);
        let area = LOCALITIES[area_i];
        let age = self.age(&REFERRAL_AGES);
        let dob = self.dob_for(start, age);
        let child = self.new_child(area, dob, false);
        self.fs.push(FsEpisode {
            child,
            start,
            end: None,
            planned,
            troubled_families: tf,
            team: if tf { tf_team } else { fs_teams[area_i] },
        });
        self.fs.len() - 1
    }

    // ------------------------------------------------------------ visits

    /// CP visits, December 2016 … December 2017: each month exactly the
    /// planned number of children due a visit are seen; others get none or
    /// a visit where they were not seen; new plans are visited too.
    fn cp_visits(&mut self) {
        for j in 0..13 {
            let k = DEC16 + j as i32;
            let (ms, me) = (first(k), last(k));
            let mut due = Vec::new();
            let mut partial = Vec::new();
            for p in 0..self.plans.len() {
                let x = &self.plans[p];
                let open_end = x.end.is_none_or(|e| e > me);
                if x.start <= ms && open_end {
                    due.push(p);
                } else if x.start <= me && x.end.is_none_or(|e| e > ms) {
                    partial.push(p);
                }
            }
            assert_eq!(due.len() as i32, CP_DUE[j], "due in month {j}");
            let visited: HashSet<usize> = self
                .rng
                .sample(&due, CP_VISITED[j] as usize)
                .into_iter()
                .collect();
            for &p in &due {
                let child = self.plans[p].child;
                if visited.contains(&p) {
                    let n = *self.rng.pick(&[1, 2, 2, 2, 3]);
                    let days = self.distinct_working(ms, me, n);
                    for d in days {
                        self.visits.push((child, d, true));
                    }
                } else if self.rng.chance(0.4) {
                    let d = self.random_working(ms, me);
                    self.visits.push((child, d, false));
                }
            }
            for &p in &partial {
                let x = &self.plans[p];
                let from = x.start.max(ms);
                let to = x.end.map_or(me, |e| e - 1).min(me);
                if to >= from && self.rng.chance(0.9) {
                    let child = x.child;
                    let n = if to - from > 10 { 2 } else { 1 };
                    for d in self.distinct_working(from, to, n) {
                        self.visits.push((child, d, true));
                    }
                }
            }
        }
        // Coverage starts in December 2016.
        let first_visit = self.visits.iter().map(|v| v.1).min().unwrap();
        assert!(first_visit <= ymd(2016, 12, 7), "first CP visit");
        self.visits.sort_unstable();
    }

    fn distinct_working(&mut self, from: Day, to: Day, n: usize) -> Vec<Day> {
        let days = self.cal.working_days_in(from, to);
        let days = if days.is_empty() {
            (from..=to).collect()
        } else {
            days
        };
        let mut out = self.rng.sample(&days, n.min(days.len()));
        out.sort_unstable();
        out
    }

    // ------------------------------------------------------- supervisions

    /// Supervision sessions, December 2016 … December 2017: exact counts of
    /// qualified workers supervised (by area in December 2017).
    fn supervise(&mut self) {
        for j in 0..13 {
            let k = DEC16 + j;
            let (ms, me) = (first(k), last(k));
            let staff: Vec<usize> = (0..self.workers.len())
                .filter(|&w| self.workers[w].qualified && self.workers[w].in_post_during(ms, me))
                .collect();
            let chosen: Vec<usize> = if k == DEC17 {
                let mut out = Vec::new();
                for area in AREAS {
                    let mut in_area: Vec<usize> = staff
                        .iter()
                        .copied()
                        .filter(|&w| self.teams[self.workers[w].team].area == area)
                        .collect();
                    // Leavers are the least likely to be supervised.
                    in_area.sort_by_key(|&w| (self.workers[w].end.is_some(), w));
                    let stayers = in_area
                        .iter()
                        .filter(|&&w| self.workers[w].end.is_none())
                        .count();
                    let n = SUPERVISED_DEC17[area.i()] as usize;
                    out.extend(self.rng.sample(&in_area[..stayers.max(n)], n));
                }
                out
            } else if (JUN17..DEC17).contains(&k) {
                self.rng
                    .sample(&staff, SUPERVISED_JUN_NOV[(k - JUN17) as usize] as usize)
            } else {
                let rate = 0.87 + 0.03 * self.rng.unit();
                let n = (rate * staff.len() as f64).round() as usize;
                self.rng.sample(&staff, n)
            };
            for w in chosen {
                let x = &self.workers[w];
                let from = x.start.unwrap().max(ms);
                let to = x.end.unwrap_or(me).min(me);
                let n = if self.rng.chance(0.15) { 2 } else { 1 };
                for d in self.distinct_working(from, to, n) {
                    self.supervisions.push((w, d));
                }
            }
        }
        let earliest = self.supervisions.iter().map(|s| s.1).min().unwrap();
        if earliest > ymd(2016, 12, 7) {
            let w = self.supervisions[0].0;
            self.supervisions.push((w, ymd(2016, 12, 1)));
        }
        self.supervisions.sort_unstable();
        self.supervisions.dedup();
    }

    // ------------------------------------------------------------ teams

    /// A case's team when no extract placed it: by what the child needed.
    fn rule_team(&self, e: usize) -> usize {
        let x = &self.episodes[e];
        let child = x.child;
        let by = |group: Group| -> usize {
            let teams = teams_of(self.teams, group, false);
            teams[child % teams.len()]
        };
        match x.area {
            Area::Dcsc => by(Group::Dcsc),
            Area::Other => {
                if self.children[child].uasc {
                    by(Group::Uasc)
                } else if self.children[child].care.is_some() {
                    by(Group::LeavingCare)
                } else if self.children[child].plan.is_some() {
                    by(Group::Hospital)
                } else {
                    match child % 20 {
                        0..=8 => team_index(self.teams, "Youth Offending Service"),
                        9..=15 => by(Group::Hospital),
                        _ => by(Group::LeavingCare),
                    }
                }
            }
            a => {
                if self.children[child].care.is_some() {
                    by(Group::Cic(a))
                } else if self.children[child].plan.is_some() {
                    by(Group::Safe(a))
                } else if x.end.is_some_and(|end| end - x.start <= 90) {
                    by(Group::Assess(a))
                } else {
                    by(Group::Safe(a))
                }
            }
        }
    }

    /// A worker of `team` in post on `d` (qualified when `qualified`).
    fn rule_worker(&self, team: usize, d: Day, qualified: bool, salt: usize) -> Option<usize> {
        let mut list: Vec<usize> = (0..self.workers.len())
            .filter(|&w| {
                let x = &self.workers[w];
                x.team == team
                    && x.case_holder
                    && !x.manager
                    && x.in_post(d)
                    && (!qualified || x.qualified)
            })
            .collect();
        if list.is_empty() {
            list = (0..self.workers.len())
                .filter(|&w| self.workers[w].team == team && self.workers[w].in_post(d))
                .collect();
        }
        (!list.is_empty()).then(|| list[salt % list.len()])
    }

    /// An episode's team and worker as a List 6 extract as at `d` shows it.
    fn episode_alloc(&self, e: usize, d: Day) -> Alloc {
        let x = &self.episodes[e];
        let extract = (0..7)
            .rev()
            .find(|&i| last(JUN17 + i as i32) <= d && x.alloc[i].is_some());
        if let Some(i) = extract {
            return x.alloc[i].unwrap();
        }
        let team = self.rule_team(e);
        let when = x.end.unwrap_or(d).min(d);
        let statutory =
            self.children[x.child].plan.is_some() || self.children[x.child].care.is_some();
        Alloc {
            team,
            worker: self.rule_worker(team, when, statutory, x.child),
        }
    }

    fn index_episodes(&mut self) {
        let mut of: HashMap<usize, usize> = HashMap::default();
        for (e, x) in self.episodes.iter().enumerate() {
            let entry = of.entry(x.child).or_insert(e);
            let current = &self.episodes[*entry];
            if (x.linked && !current.linked)
                || (x.linked == current.linked && x.start > current.start)
            {
                *entry = e;
            }
        }
        self.episode_of = of;
    }

    fn care_team(&self, c: usize, d: Day) -> usize {
        let x = &self.cares[c];
        if x.short_breaks {
            return team_index(self.teams, "DCSC Short Breaks Team");
        }
        let when = x.end.map_or(d, |e| (e - 1).min(d));
        if let Some(&e) = self.episode_of.get(&x.child) {
            let alloc = self.episode_alloc(e, when);
            if self.teams[alloc.team].area == x.area {
                return alloc.team;
            }
        }
        let by = |group: Group| -> usize {
            let teams = teams_of(self.teams, group, false);
            teams[x.child % teams.len()]
        };
        match x.area {
            Area::Dcsc => by(Group::Dcsc),
            Area::Other => {
                if x.uasc {
                    by(Group::Uasc)
                } else {
                    by(Group::LeavingCare)
                }
            }
            a => by(Group::Cic(a)),
        }
    }
}

// ================================================================= output

/// One CSV file being written (rows without the header).
struct Csv {
    header: Vec<&'static str>,
    rows: Vec<String>,
}

impl Csv {
    fn new(header: &[&'static str]) -> Csv {
        Csv {
            header: header.to_vec(),
            rows: Vec::new(),
        }
    }

    fn row(&mut self, fields: &[&str]) {
        assert_eq!(fields.len(), self.header.len(), "row width");
        self.rows.push(join(fields));
    }

    fn bytes(&self) -> Vec<u8> {
        let size: usize = self.rows.iter().map(|r| r.len() + 1).sum();
        let mut out = String::with_capacity(size + 512);
        out.push_str(&join(&self.header));
        out.push('\n');
        for row in &self.rows {
            out.push_str(row);
            out.push('\n');
        }
        out.into_bytes()
    }
}

fn join(fields: &[&str]) -> String {
    let mut out = String::with_capacity(fields.iter().map(|f| f.len() + 1).sum());
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\n']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out
}

fn opt_date(d: Option<Day>) -> String {
    d.map(fmt_date).unwrap_or_default()
}

fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}

fn annex_yes_no(b: bool) -> &'static str {
    if b { "a) Yes" } else { "b) No" }
}

const DEMOGRAPHICS: [&str; 5] = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
];

const EXTRACTS: [&str; 7] = [
    "2017-06-30",
    "2017-07-31",
    "2017-08-31",
    "2017-09-30",
    "2017-10-31",
    "2017-11-30",
    "2017-12-31",
];

impl City<'_> {
    fn child_id(&self, ids: &[u32], child: usize) -> String {
        format!("EX{:06}", ids[child] + self.copy * 1_000_000)
    }

    fn worker_number(&self, numbers: &[u32], w: usize) -> u32 {
        numbers[w] + self.copy * 1000
    }

    fn demographics(&self, ids: &[u32], child: usize, as_at: Day) -> [String; 5] {
        let x = &self.children[child];
        [
            self.child_id(ids, child),
            if x.male { "a) Male" } else { "b) Female" }.to_string(),
            x.eth.to_string(),
            fmt_date(x.dob),
            age_on(x.dob, as_at).max(0).to_string(),
        ]
    }

    /// Every file of this copy of the city, by name.
    fn write(&mut self) -> Vec<(String, Csv)> {
        // Identifiers in a shuffled order so they do not read as a timeline.
        let mut ids: Vec<u32> = (1..=self.children.len() as u32).collect();
        self.rng.shuffle(&mut ids);
        let mut numbers: Vec<u32> = (1..=self.workers.len() as u32).collect();
        self.rng.shuffle(&mut numbers);
        let worker_name = |w: Option<usize>| -> String {
            w.map(|w| format!("Worker {:03}", self.worker_number(&numbers, w)))
                .unwrap_or_default()
        };
        let mut files: Vec<(String, Csv)> = Vec::new();

        // List 3.
        let mut list3 = Csv::new(&[
            DEMOGRAPHICS[0],
            DEMOGRAPHICS[1],
            DEMOGRAPHICS[2],
            DEMOGRAPHICS[3],
            DEMOGRAPHICS[4],
            "Date of referral",
            "Referral NFA?",
            "Number of Referrals in Last 12 Months",
            "Allocated Team",
        ]);
        let mut referrals: Vec<usize> = (0..self.episodes.len())
            .filter(|&e| !self.episodes[e].pre)
            .collect();
        referrals.sort_by_key(|&e| (self.episodes[e].start, ids[self.episodes[e].child]));
        for e in referrals {
            let x = &self.episodes[e];
            let d = x.start;
            let earlier = self.children[x.child]
                .referrals
                .iter()
                .filter(|&&r| r < d && r >= add_months(d, -12))
                .count();
            let demo = self.demographics(&ids, x.child, AS_AT);
            list3.row(&[
                &demo[0],
                &demo[1],
                &demo[2],
                &demo[3],
                &demo[4],
                &fmt_date(d),
                annex_yes_no(x.nfa),
                &earlier.to_string(),
                &self.teams[x.ref_team].name,
            ]);
        }
        files.push(("list3_referrals_2017-12-31.csv".into(), list3));

        // List 4.
        let mut list4 = Csv::new(&[
            DEMOGRAPHICS[0],
            DEMOGRAPHICS[1],
            DEMOGRAPHICS[2],
            DEMOGRAPHICS[3],
            DEMOGRAPHICS[4],
            "Continuous Assessment Start Date",
            "Child Seen During Continuous Assessment",
            "Continuous Assessment Date of Authorisation",
            "Allocated Team",
        ]);
        let mut order: Vec<usize> = (0..self.assessments.len()).collect();
        order.sort_by_key(|&a| {
            (
                self.assessments[a].start,
                ids[self.episodes[self.assessments[a].episode].child],
            )
        });
        for a in order {
            let y = &self.assessments[a];
            let x = &self.episodes[y.episode];
            let team = if y.reassessment {
                self.episode_alloc(y.episode, y.auth.unwrap_or(AS_AT)).team
            } else {
                x.ref_team
            };
            let demo = self.demographics(&ids, x.child, AS_AT);
            list4.row(&[
                &demo[0],
                &demo[1],
                &demo[2],
                &demo[3],
                &demo[4],
                &fmt_date(y.start),
                annex_yes_no(y.seen),
                &opt_date(y.auth),
                &self.teams[team].name,
            ]);
        }
        files.push(("list4_assessments_2017-12-31.csv".into(), list4));

        // List 6: one extract per month end; December's holds every episode
        // open at any time since 1 December 2016, the others the month's.
        for (x, name) in EXTRACTS.iter().enumerate() {
            let d = last(JUN17 + x as i32);
            let from = if x == 6 {
                ymd(2016, 12, 1)
            } else {
                first(JUN17 + x as i32)
            };
            let mut csv = Csv::new(&[
                DEMOGRAPHICS[0],
                DEMOGRAPHICS[1],
                DEMOGRAPHICS[2],
                DEMOGRAPHICS[3],
                DEMOGRAPHICS[4],
                "CIN Start Date",
                "CIN Closure Date",
                "Case Status",
                "Allocated Team",
                "Allocated Worker",
            ]);
            let mut rows: Vec<usize> = (0..self.episodes.len())
                .filter(|&e| {
                    let y = &self.episodes[e];
                    y.start <= d && y.end.is_none_or(|end| end >= from)
                })
                .collect();
            rows.sort_by_key(|&e| (ids[self.episodes[e].child], self.episodes[e].start));
            for e in rows {
                let y = &self.episodes[e];
                let closed = y.end.filter(|&end| end <= d);
                let alloc = self.episode_alloc(e, d);
                let status = if closed.is_some() {
                    "e) Closed episode"
                } else if self.in_care_at(y.child, d).is_some_and(|c| !c.short_breaks) {
                    "a) Looked after child"
                } else if self.on_plan_at(y.child, d) {
                    "b) Child Protection plan"
                } else if y.assessments.iter().any(|&a| {
                    let z = &self.assessments[a];
                    z.start <= d && z.auth.is_none_or(|au| au > d)
                }) {
                    "d) Open assessment"
                } else {
                    "c) Child in need plan"
                };
                let demo = self.demographics(&ids, y.child, d);
                csv.row(&[
                    &demo[0],
                    &demo[1],
                    &demo[2],
                    &demo[3],
                    &demo[4],
                    &fmt_date(y.start),
                    &opt_date(closed),
                    status,
                    &self.teams[alloc.team].name,
                    &worker_name(alloc.worker),
                ]);
            }
            files.push((format!("list6_cin_{name}.csv"), csv));
        }

        // List 7.
        let mut list7 = Csv::new(&[
            DEMOGRAPHICS[0],
            DEMOGRAPHICS[1],
            DEMOGRAPHICS[2],
            DEMOGRAPHICS[3],
            DEMOGRAPHICS[4],
            "Child Protection Plan Start Date",
            "Date of the Last Statutory Visit",
            "Child Protection Plan End Date",
            "Allocated Team",
            "Allocated Worker",
        ]);
        let mut last_visit: HashMap<usize, Day> = HashMap::default();
        for &(child, d, seen) in &self.visits {
            if seen {
                last_visit.insert(child, d);
            }
        }
        let mut plans: Vec<usize> = (0..self.plans.len())
            .filter(|&p| self.plans[p].end.is_none_or(|e| e >= ymd(2016, 12, 1)))
            .collect();
        plans.sort_by_key(|&p| ids[self.plans[p].child]);
        for p in plans {
            let x = &self.plans[p];
            let when = x.end.map_or(AS_AT, |e| e - 1);
            let alloc = self
                .episode_of
                .get(&x.child)
                .map(|&e| self.episode_alloc(e, when));
            let alloc = alloc.unwrap();
            let demo = self.demographics(&ids, x.child, AS_AT);
            list7.row(&[
                &demo[0],
                &demo[1],
                &demo[2],
                &demo[3],
                &demo[4],
                &fmt_date(x.start),
                &opt_date(last_visit.get(&x.child).copied()),
                &opt_date(x.end),
                &self.teams[alloc.team].name,
                &worker_name(alloc.worker),
            ]);
        }
        files.push(("list7_cp_2017-12-31.csv".into(), list7));

        // List 8.
        let mut list8 = Csv::new(&[
            DEMOGRAPHICS[0],
            DEMOGRAPHICS[1],
            DEMOGRAPHICS[2],
            DEMOGRAPHICS[3],
            DEMOGRAPHICS[4],
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
            "Date Started to be Looked After",
            "Child's Legal Status",
            "Date Ceased to be Looked After",
            "Allocated Team",
        ]);
        let mut cares: Vec<usize> = (0..self.cares.len())
            .filter(|&c| self.cares[c].end.is_none_or(|e| e >= ymd(2016, 3, 1)))
            .collect();
        cares.sort_by_key(|&c| (ids[self.cares[c].child], self.cares[c].start));
        for c in cares {
            let x = &self.cares[c];
            let until = x.end.unwrap_or(AS_AT).min(AS_AT);
            let legal = match x.legal {
                Legal::C1 if until - x.start > 300 => "C2: FCO",
                Legal::C1 => "C1: ICO",
                Legal::C2 => "C2: FCO",
                Legal::E1 => {
                    let po = x.adoption.and_then(|a| self.adoptions[a].placement_order);
                    if po.is_none_or(|po| po <= until) {
                        "E1: Placement order"
                    } else {
                        "C2: FCO"
                    }
                }
                Legal::V2 => "V2: Single period under S20",
                Legal::J1 => "J1: Remanded to LA or youth detention",
                Legal::V3 => "V3: Short term breaks, episodes recorded",
                Legal::V4 => "V4: Short term breaks, agreements recorded",
            };
            let team = self.care_team(c, AS_AT);
            let demo = self.demographics(&ids, x.child, AS_AT);
            list8.row(&[
                &demo[0],
                &demo[1],
                &demo[2],
                &demo[3],
                &demo[4],
                annex_yes_no(x.uasc),
                &fmt_date(x.start),
                legal,
                &opt_date(x.end),
                &self.teams[team].name,
            ]);
        }
        files.push(("list8_cla_2017-12-31.csv".into(), list8));

        // List 9: one extract per month end.
        for (x, name) in EXTRACTS.iter().enumerate() {
            let d = last(JUN17 + x as i32);
            let mut csv = Csv::new(&[
                DEMOGRAPHICS[0],
                DEMOGRAPHICS[1],
                DEMOGRAPHICS[2],
                DEMOGRAPHICS[3],
                DEMOGRAPHICS[4],
                "Allocated Team",
                "Eligibility Category",
                "LA in Touch",
                "Activity Status",
            ]);
            let mut rows: Vec<&Leaver> = self.leaver_rows[x].iter().collect();
            rows.sort_by_key(|l| ids[l.child]);
            for l in rows {
                let demo = self.demographics(&ids, l.child, d);
                csv.row(&[
                    &demo[0],
                    &demo[1],
                    &demo[2],
                    &demo[3],
                    &demo[4],
                    &self.teams[l.team].name,
                    l.category,
                    l.in_touch,
                    l.activity,
                ]);
            }
            files.push((format!("list9_care_leavers_{name}.csv"), csv));
        }

        // List 10.
        let mut list10 = Csv::new(&[
            DEMOGRAPHICS[0],
            DEMOGRAPHICS[1],
            DEMOGRAPHICS[2],
            DEMOGRAPHICS[3],
            DEMOGRAPHICS[4],
            "Date the Child Entered Care",
            "Date of Placement Order",
            "Date of Matching Child and Prospective Adopters",
            "Date Placed for Adoption",
            "Date of Adoption Order",
            "Allocated Team",
        ]);
        let mut adoptions: Vec<usize> = (0..self.adoptions.len()).collect();
        adoptions.sort_by_key(|&a| {
            (
                self.adoptions[a].order.unwrap_or(AS_AT + 1),
                ids[self.adoptions[a].child],
            )
        });
        for a in adoptions {
            let x = &self.adoptions[a];
            let team = match self.children[x.child].care {
                Some(c) => self.care_team(c, AS_AT),
                None => {
                    let area = self.children[x.child].area;
                    let teams = teams_of(self.teams, Group::Cic(area), false);
                    teams[x.child % teams.len()]
                }
            };
            let demo = self.demographics(&ids, x.child, AS_AT);
            list10.row(&[
                &demo[0],
                &demo[1],
                &demo[2],
                &demo[3],
                &demo[4],
                &fmt_date(x.entered),
                &opt_date(x.placement_order),
                &opt_date(x.matched),
                &opt_date(x.placed),
                &opt_date(x.order),
                &self.teams[team].name,
            ]);
        }
        files.push(("list10_adoption_2017-12-31.csv".into(), list10));

        // CP visits.
        let mut visits = Csv::new(&["Child Unique ID", "Visit Date", "Child Seen"]);
        let mut rows: Vec<&(usize, Day, bool)> = self.visits.iter().collect();
        rows.sort_by_key(|v| (ids[v.0], v.1));
        for &&(child, d, seen) in &rows {
            visits.row(&[&self.child_id(&ids, child), &fmt_date(d), yes_no(seen)]);
        }
        files.push(("cp_visits_2017-12-31.csv".into(), visits));

        // Family support.
        let mut fs = Csv::new(&[
            "Child Unique ID",
            "Start Date",
            "End Date",
            "Service",
            "Team",
        ]);
        let mut rows: Vec<&FsEpisode> = self.fs.iter().collect();
        rows.sort_by_key(|f| (f.start, ids[f.child]));
        for f in rows {
            fs.row(&[
                &self.child_id(&ids, f.child),
                &fmt_date(f.start),
                &opt_date(f.end),
                if f.troubled_families {
                    "Troubled Families"
                } else {
                    "Family Support Service"
                },
                &self.teams[f.team].name,
            ]);
        }
        files.push(("family_support_2017-12-31.csv".into(), fs));

        // Staff.
        let mut staff = Csv::new(&[
            "Worker ID",
            "Worker Name",
            "Team",
            "Qualified Social Worker",
            "Agency",
            "Manager",
            "Case Holder",
            "FTE",
            "Start Date",
            "End Date",
        ]);
        let mut order: Vec<usize> = (0..self.workers.len()).collect();
        order.sort_by_key(|&w| numbers[w]);
        for w in order {
            let x = &self.workers[w];
            let n = self.worker_number(&numbers, w);
            let fte = if x.fte10 == 10 {
                "1".to_string()
            } else {
                format!("0.{}", x.fte10)
            };
            staff.row(&[
                &format!("W{n:03}"),
                &format!("Worker {n:03}"),
                &self.teams[x.team].name,
                yes_no(x.qualified),
                yes_no(x.agency),
                yes_no(x.manager),
                yes_no(x.case_holder),
                &fte,
                &opt_date(x.start),
                &opt_date(x.end),
            ]);
        }
        files.push(("staff_2017-12-31.csv".into(), staff));

        // Supervisions.
        let mut sup = Csv::new(&["Worker ID", "Supervision Date"]);
        let mut rows: Vec<(u32, Day)> = self
            .supervisions
            .iter()
            .map(|&(w, d)| (self.worker_number(&numbers, w), d))
            .collect();
        rows.sort_unstable();
        for (n, d) in rows {
            sup.row(&[&format!("W{n:03}"), &fmt_date(d)]);
        }
        files.push(("supervisions_2017-12-31.csv".into(), sup));
        files
    }
}

/// The team table (`teams.csv`): area order is the seed's column order.
fn teams_csv(teams: &[Team]) -> Csv {
    let mut csv = Csv::new(&["Team", "Area", "Team Type"]);
    for t in teams {
        csv.row(&[&t.name, t.area.name(), t.ttype]);
    }
    csv
}

/// `scorecard-settings.json`: the seed's areas, populations, targets and
/// benchmarks (teams are in `teams.csv`).
fn settings_json(scale: u32) -> String {
    let areas: Vec<String> = AREAS
        .iter()
        .map(|a| {
            let population = POPULATION[a.i()]
                .map(|p| (p * scale as i32).to_string())
                .unwrap_or_else(|| "null".to_string());
            format!(
                "    {{ \"area\": \"{}\", \"population_0_17\": {population} }}",
                a.name()
            )
        })
        .collect();
    // The seed's targets and benchmarks are the definitions' defaults,
    // written out so the example's settings file shows them; the seed's
    // benchmark years and children-in-care baseline are the example's own.
    let indicators: Vec<String> = csc_engine::indicators::ALL
        .iter()
        .filter_map(|definition| {
            let mut fields = Vec::new();
            let mut number = |key: &str, value: Option<f64>| {
                if let Some(value) = value {
                    fields.push(format!("\"{key}\": {value}"));
                }
            };
            number("target", definition.target);
            number("tolerance", definition.tolerance);
            number("national", definition.national);
            number("statistical_neighbours", definition.statistical_neighbours);
            if definition.national.is_some() {
                fields.push(format!(
                    "\"benchmark_year\": \"{}\"",
                    seed_benchmark_year(definition.id)
                ));
            }
            // The seed shows children in care against March 2016 (CP plans
            // against the default, the latest March before the month).
            if definition.id == "children_in_care" {
                fields.push("\"baseline_month\": \"2016-03\"".to_string());
            }
            (!fields.is_empty())
                .then(|| format!("    \"{}\": {{ {} }}", definition.id, fields.join(", ")))
        })
        .collect();
    let la = if scale == 1 {
        "Example City (synthetic)".to_string()
    } else {
        format!("Example City (synthetic, {scale} copies)")
    };
    format!(
        "{{\n  \"version\": 1,\n  \"la_name\": \"{la}\",\n  \"areas\": [\n{}\n  ],\n  \"population_year\": \"Mid-2016\",\n  \"indicators\": {{\n{}\n  }}\n}}\n",
        areas.join(",\n"),
        indicators.join(",\n")
    )
}

/// The year the seed's national and statistical-neighbour figures are from:
/// 2015-16, but a three-year average for adoption's A1 (seed, "Example data").
fn seed_benchmark_year(id: &str) -> &'static str {
    if id == "adoption_entry_to_placement" {
        "2013-16"
    } else {
        "2015-16"
    }
}

/// Every file of the example, by name, in a fixed order.
pub fn generate(scale: u32) -> Vec<(String, Vec<u8>)> {
    assert!(scale >= 1, "scale must be at least 1");
    let teams = build_teams();
    let mut merged: Vec<(String, Csv)> = Vec::new();
    for copy in 0..scale {
        let mut city = City::new(copy, &teams);
        city.build();
        for (name, csv) in city.write() {
            match merged.iter_mut().find(|(n, _)| *n == name) {
                Some((_, all)) => all.rows.extend(csv.rows),
                None => merged.push((name, csv)),
            }
        }
    }
    let mut out: Vec<(String, Vec<u8>)> = merged.into_iter().map(|(n, c)| (n, c.bytes())).collect();
    out.push(("teams.csv".into(), teams_csv(&teams).bytes()));
    out.push((
        "scorecard-settings.json".into(),
        settings_json(scale).into_bytes(),
    ));
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
