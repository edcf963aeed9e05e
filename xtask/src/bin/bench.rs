//! Benchmark: a generated large authority's year through the engine.
//!
//! `cargo run --release -p xtask --bin bench -- [--scale large|huge] [--write DIR]`
//!
//! Builds synthetic CSV extracts in memory (large ≈ 60,000 referrals a
//! year, 10,000 open cases, 13 monthly List 6 and List 9 extracts, ≈ 40 MB;
//! huge = 4×), then times reading (decode, parse, typed records, merge) and
//! computing the December 2017 scorecard, best of three. Peak memory: run it
//! under `/usr/bin/time -v` and compare the maximum resident set with the
//! input size it prints. Timings are reported, never asserted.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt::Write as _;
use std::time::Instant;

use csc_engine::ingest::FileOverrides;
use csc_engine::month::Month;
use csc_engine::scorecard::{InputFile, compute, load};
use csc_engine::settings::{AreaRow, Settings, TeamRow};
use jiff::ToSpan;
use jiff::civil::{Date, date};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const AREAS: [&str; 5] = ["EAST", "NWC", "SOUTH", "DCSC", "Other Citywide Teams"];
const TYPES: [&str; 3] = ["Assessment", "Safeguarding", "Children in Care"];

fn team(rng: &mut Rng) -> String {
    let area = AREAS[rng.below(3) as usize];
    format!("{area} {} Team", TYPES[rng.below(3) as usize])
}

fn dmy(d: Date) -> String {
    d.strftime("%d/%m/%Y").to_string()
}

fn day(rng: &mut Rng, from: Date, span_days: i64) -> Date {
    from.checked_add((rng.below(span_days.max(1) as u64) as i64).days())
        .unwrap()
}

struct Generated {
    files: Vec<InputFile>,
    settings: Settings,
}

fn generate(scale: u64) -> Generated {
    let mut rng = Rng(0x5EED_0000_0000_0001);
    let mut files = Vec::new();
    let mut add = |name: String, text: String| {
        files.push(InputFile {
            name,
            bytes: text.into_bytes(),
            overrides: FileOverrides::default(),
        })
    };
    let report = Month::parse("2017-12").unwrap();
    let first = report.plus(-24).first_day();
    let end = report.last_day();
    let children = 40_000 * scale;
    let child = |n: u64| format!("EX{n:07}");

    // List 3: 25 months of referrals (5,000 a month at scale 1).
    let mut list3 = String::from(
        "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of referral,Referral NFA?,Number of Referrals in Last 12 Months,Allocated Team\n",
    );
    for _ in 0..(5_000 * 25 * scale) {
        let d = day(&mut rng, first, 730);
        let id = child(rng.below(children));
        let _ = writeln!(
            list3,
            "{id},a) Male,a) WBRI,01/01/2010,7,{},b) No,,{}",
            dmy(d),
            team(&mut rng)
        );
    }
    add("list3_referrals_2017-12-31.csv".into(), list3);

    // List 4: 13 months of assessments.
    let mut list4 = String::from(
        "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Continuous Assessment Start Date,Child Seen During Continuous Assessment,Continuous Assessment Date of Authorisation,Allocated Team\n",
    );
    for _ in 0..(5_000 * 13 * scale) {
        let start = day(&mut rng, report.plus(-13).first_day(), 380);
        let auth = start
            .checked_add((10 + rng.below(60) as i64).days())
            .unwrap();
        let auth = if auth > end { String::new() } else { dmy(auth) };
        let seen = if rng.chance(94) { "a) Yes" } else { "b) No" };
        let _ = writeln!(
            list4,
            "{},b) Female,a) WBRI,01/01/2011,6,{},{seen},{auth},{}",
            child(rng.below(children)),
            dmy(start),
            team(&mut rng)
        );
    }
    add("list4_assessments_2017-12-31.csv".into(), list4);

    // List 6: open cases (10,000) plus six months of closures, as at each month end.
    let open: Vec<(u64, Date, String)> = (0..10_000 * scale)
        .map(|n| (n, day(&mut rng, date(2014, 1, 1), 1400), team(&mut rng)))
        .collect();
    for m in -12..=0 {
        let month = report.plus(m);
        let as_at = month.last_day();
        let mut text = String::from(
            "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),CIN Start Date,CIN Closure Date,Case Status,Allocated Team,Allocated Worker\n",
        );
        for (n, start, team) in &open {
            if *start > as_at {
                continue;
            }
            let closed = (n % 13) as i32 == (m + 12) % 13 && m < 0;
            let closure = if closed {
                dmy(month.plus(-1).last_day())
            } else {
                String::new()
            };
            let worker = if rng.chance(1) {
                String::new()
            } else {
                format!("W{:04}", n % (600 * scale))
            };
            let _ = writeln!(
                text,
                "{},a) Male,a) WBRI,01/01/2009,8,{},{closure},a) Open,{team},{worker}",
                child(*n),
                dmy(*start)
            );
        }
        for k in 0..(3_000 * scale) {
            let closed = day(&mut rng, month.plus(-5).first_day(), 180).min(as_at);
            let _ = writeln!(
                text,
                "{},a) Male,a) WBRI,01/01/2009,8,01/01/2016,{},e) Closed,{},",
                child(children + k),
                dmy(closed),
                team(&mut rng)
            );
        }
        add(format!("list6_cin_{as_at}.csv"), text);
    }

    // List 7, 8, 10: single extracts.
    let mut list7 = String::from(
        "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Child Protection Plan Start Date,Child Protection Plan End Date,Date of the Last Statutory Visit,Allocated Team\n",
    );
    for n in 0..(1_500 * scale) {
        let start = day(&mut rng, date(2016, 1, 1), 700);
        let ended = if rng.chance(40) {
            dmy(day(&mut rng, start, 300).min(end))
        } else {
            String::new()
        };
        let _ = writeln!(
            list7,
            "{},a) Male,a) WBRI,01/01/2012,5,{},{ended},{},{}",
            child(n),
            dmy(start),
            dmy(day(&mut rng, date(2017, 12, 1), 30)),
            team(&mut rng)
        );
    }
    add("list7_cp_2017-12-31.csv".into(), list7);
    let mut list8 = String::from(
        "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N),Date Started to be Looked After,Child's Legal Status,Date Ceased to be Looked After,Allocated Team\n",
    );
    for n in 0..(2_500 * scale) {
        let start = day(&mut rng, date(2010, 1, 1), 2900);
        let ceased = if rng.chance(25) {
            dmy(day(&mut rng, date(2016, 12, 1), 395))
        } else {
            String::new()
        };
        let uasc = if rng.chance(8) { "Y" } else { "N" };
        let _ = writeln!(
            list8,
            "{},a) Male,a) WBRI,01/01/2005,12,{uasc},{},C2: Full care order,{ceased},{}",
            child(n + 20_000),
            dmy(start),
            team(&mut rng)
        );
    }
    add("list8_cla_2017-12-31.csv".into(), list8);
    let mut list10 = String::from(
        "Child Unique ID,Date the Child Entered Care,Date of Placement Order,Date of Matching Child and Prospective Adopters,Date Placed for Adoption,Date of Adoption Order,Allocated Team\n",
    );
    for n in 0..(300 * scale) {
        let entered = day(&mut rng, date(2012, 1, 1), 1500);
        let order = entered
            .checked_add((200 + rng.below(200) as i64).days())
            .unwrap();
        let matched = order
            .checked_add((100 + rng.below(200) as i64).days())
            .unwrap();
        let placed = matched.checked_add(30.days()).unwrap();
        let adopted = placed.checked_add(180.days()).unwrap().min(end);
        let _ = writeln!(
            list10,
            "{},{},{},{},{},{},{}",
            child(n + 30_000),
            dmy(entered),
            dmy(order),
            dmy(matched),
            dmy(placed),
            dmy(adopted),
            team(&mut rng)
        );
    }
    add("list10_adoption_2017-12-31.csv".into(), list10);

    // List 9 monthly, CP visits, family support, staff, supervisions.
    for m in -12..=0 {
        let as_at = report.plus(m).last_day();
        let mut text = String::from(
            "Child Unique ID,Gender,Ethnicity,Date of Birth,Eligibility Category,LA in Touch,Activity Status,Allocated Team\n",
        );
        for n in 0..(800 * scale) {
            let birth = day(&mut rng, date(1995, 6, 1), 2000);
            let activity = [
                "F1 - Full time higher education",
                "P2: Part time",
                "G6",
                "0",
                "F4",
            ][rng.below(5) as usize];
            let _ = writeln!(
                text,
                "{},a) Male,a) WBRI,{},b) Former relevant,a) Yes,{activity},Leaving Care Team",
                child(n + 35_000),
                dmy(birth)
            );
        }
        add(format!("list9_care_leavers_{as_at}.csv"), text);
    }
    let mut visits = String::from("Child Unique ID,Visit Date,Child Seen\n");
    for _ in 0..(20_000 * scale) {
        let _ = writeln!(
            visits,
            "{},{},Yes",
            child(rng.below(1_500 * scale)),
            dmy(day(&mut rng, date(2016, 12, 1), 395))
        );
    }
    add("cp_visits_2017-12-31.csv".into(), visits);
    let mut support = String::from("Child Unique ID,Start Date,End Date,Service,Team\n");
    for n in 0..(3_000 * scale) {
        let start = day(&mut rng, date(2016, 1, 1), 700);
        let ended = if rng.chance(50) {
            dmy(day(&mut rng, start, 200).min(end))
        } else {
            String::new()
        };
        let _ = writeln!(
            support,
            "{},{},{ended},Troubled Families,Early Help",
            child(n + 38_000),
            dmy(start)
        );
    }
    add("family_support_2017-12-31.csv".into(), support);
    let mut staff = String::from(
        "Worker ID,Worker Name,Team,Qualified Social Worker,Agency,Manager,FTE,Start Date,End Date\n",
    );
    let mut supervisions = String::from("Worker ID,Supervision Date\n");
    for n in 0..(650 * scale) {
        let left = if n % 20 == 0 {
            dmy(day(&mut rng, date(2016, 1, 1), 600))
        } else {
            String::new()
        };
        let _ = writeln!(
            staff,
            "W{n:04},Worker {n:04},{},Yes,{},{},1,01/01/2012,{left}",
            team(&mut rng),
            if rng.chance(15) { "Yes" } else { "No" },
            if n % 8 == 0 { "Yes" } else { "No" }
        );
        for m in -13..=0 {
            if rng.chance(85) {
                let _ = writeln!(
                    supervisions,
                    "W{n:04},{}",
                    dmy(day(&mut rng, report.plus(m).first_day(), 28))
                );
            }
        }
    }
    add("staff_2017-12-31.csv".into(), staff);
    add("supervisions_2017-12-31.csv".into(), supervisions);

    let mut settings = Settings::default();
    for area in &AREAS[..3] {
        for team_type in TYPES {
            settings.teams.push(TeamRow {
                team: format!("{area} {team_type} Team"),
                area: area.to_string(),
                team_type: Some(team_type.to_string()),
            });
        }
        settings.areas.push(AreaRow {
            area: area.to_string(),
            population_0_17: Some(100_000.0),
        });
    }
    Generated { files, settings }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let scale = match args
        .iter()
        .position(|a| a == "--scale")
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
    {
        Some("huge") => 4,
        _ => 1,
    };
    let generated = generate(scale);
    if let Some(dir) = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
    {
        std::fs::create_dir_all(dir).unwrap();
        for file in &generated.files {
            std::fs::write(std::path::Path::new(dir).join(&file.name), &file.bytes).unwrap();
        }
        std::fs::write(
            std::path::Path::new(dir).join("settings.json"),
            generated.settings.to_json(),
        )
        .unwrap();
    }
    let bytes: usize = generated.files.iter().map(|f| f.bytes.len()).sum();
    let rows: usize = generated
        .files
        .iter()
        .map(|f| f.bytes.iter().filter(|b| **b == b'\n').count())
        .sum();
    println!(
        "input: {} files, {:.1} MB, {rows} rows",
        generated.files.len(),
        bytes as f64 / 1e6
    );
    let today = date(2026, 11, 26);
    let month = Month::parse("2017-12");
    let (mut best_load, mut best_compute) = (f64::MAX, f64::MAX);
    for _ in 0..3 {
        let started = Instant::now();
        let loaded = load(&generated.files, generated.settings.clone(), today, |_| {});
        let loaded_at = Instant::now();
        let card = compute(&loaded, &loaded.settings, month)
            .map(|c| c.with_drills())
            .unwrap();
        let computed_at = Instant::now();
        best_load = best_load.min((loaded_at - started).as_secs_f64());
        best_compute = best_compute.min((computed_at - loaded_at).as_secs_f64());
        assert_eq!(card.indicators.len(), 14);
        std::hint::black_box(card);
    }
    println!(
        "read (decode, parse, records, merge): {:.0} ms",
        best_load * 1000.0
    );
    println!(
        "compute (14 indicators × 13 months):   {:.0} ms",
        best_compute * 1000.0
    );
    println!(
        "total:                                  {:.0} ms",
        (best_load + best_compute) * 1000.0
    );
}
