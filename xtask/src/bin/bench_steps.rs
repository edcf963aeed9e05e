//! Benchmark reference: the native engine's steps on the files the page
//! reads, so `scripts/bench` (`docs/benchmarks.md`) can set the page's
//! step timings beside native ones.
//!
//! `cargo run --release -p xtask --bin bench_steps -- [--settings FILE] FILE...`
//!
//! Prints one JSON line, each figure the best of three passes (files are
//! read into memory first, outside the timing):
//! - `parse_ms`: only the CSV step of reading, bytes → text → table of
//!   string cells (`decode` + `read_table`), for the Papa Parse comparison;
//! - `load_ms`: the whole read, as the page's `#timings` `data-read-ms`
//!   (decode, parse, typed records, merge: `scorecard::load`);
//! - `compute_ms`: the December 2017 scorecard, first compute on freshly
//!   loaded files (nothing counted yet: what the page does after a read),
//!   drill-down rows left unmade as the page leaves them
//!   (`compute`, drill-down rows left unmade);
//! - `recompute_ms`: November's after December's from the same loaded
//!   files (the page's month change: twelve months already counted);
//! - `team_edit_ms`: December again after a team moves area and a
//!   population changes (areas and rates are derived on read: nothing
//!   recounted);
//! - `recount_ms`: December again after a new unallocated placeholder, the
//!   setting that recounts most (indicators 1 and 13, 13 months each);
//! - `rerate_ms`: December again with another target (nothing recounted).

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a developer tool: an unreadable file stops it with a message"
)]

use std::time::Instant;

use csc_engine::indicators::cp_plans;
use csc_engine::ingest::FileOverrides;
use csc_engine::ingest::decode::decode;
use csc_engine::ingest::table::read_table;
use csc_engine::month::Month;
use csc_engine::scorecard::{InputFile, compute, load};
use csc_engine::settings::{Override, Settings};

fn best_of_three<U>(mut run: impl FnMut() -> U) -> f64 {
    best_of_three_after(|| (), |()| run())
}

/// Times `run` on what `prepare` gives (untimed), best of three. What
/// `run` returns is dropped after the clock stops: the page keeps what it
/// read and computed, so freeing it is no part of a step.
fn best_of_three_after<T, U>(mut prepare: impl FnMut() -> T, mut run: impl FnMut(T) -> U) -> f64 {
    (0..3)
        .map(|_| {
            let prepared = prepare();
            let started = Instant::now();
            let kept = run(prepared);
            let elapsed = started.elapsed().as_secs_f64() * 1000.0;
            drop(std::hint::black_box(kept));
            elapsed
        })
        .fold(f64::MAX, f64::min)
}

fn main() {
    let mut settings = Settings::default();
    let mut inputs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--settings" {
            let path = args.next().expect("--settings FILE");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            settings = Settings::from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        } else {
            let bytes = std::fs::read(&arg).unwrap_or_else(|e| panic!("{arg}: {e}"));
            inputs.push(InputFile {
                name: arg,
                bytes,
                overrides: FileOverrides::default(),
            });
        }
    }
    let bytes: usize = inputs.iter().map(|f| f.bytes.len()).sum();
    let mut rows = 0;
    let parse_ms = best_of_three(|| {
        rows = 0;
        for input in &inputs {
            let text = decode(&input.bytes).expect("a text file").text;
            let table = read_table(&text).expect("a table");
            rows += table.rows.len();
            std::hint::black_box(table);
        }
    });
    let today = jiff::civil::date(2026, 11, 26);
    let load_ms = best_of_three(|| load(&inputs, settings.clone(), today, |_| {}));
    let (december, november) = (Month::parse("2017-12"), Month::parse("2017-11"));
    let compute_ms = best_of_three_after(
        || load(&inputs, settings.clone(), today, |_| {}),
        |loaded| {
            let scorecard = compute(&loaded, &loaded.settings, december)
                .map(|c| (c.scorecard, c.drills))
                .expect("a scorecard");
            (loaded, scorecard)
        },
    );
    let loaded = load(&inputs, settings, today, |_| {});
    let recompute_ms = best_of_three_after(
        || {
            loaded.cache.clear();
            compute(&loaded, &loaded.settings, december)
                .map(|c| (c.scorecard, c.drills))
                .expect("a scorecard");
        },
        |()| {
            std::hint::black_box(
                compute(&loaded, &loaded.settings, november)
                    .map(|c| (c.scorecard, c.drills))
                    .expect("a scorecard"),
            );
        },
    );
    // Setting edits, December again after December: what the page's
    // settings editor costs (docs/benchmarks.md, "recount").
    let edited = |what: fn(&mut Settings)| {
        let mut settings = loaded.settings.clone();
        what(&mut settings);
        best_of_three_after(
            || {
                compute(&loaded, &loaded.settings, december)
                    .map(|c| (c.scorecard, c.drills))
                    .expect("a scorecard");
            },
            |()| {
                std::hint::black_box(
                    compute(&loaded, &settings, december)
                        .map(|c| (c.scorecard, c.drills))
                        .expect("a scorecard"),
                );
            },
        )
    };
    // A team moves area and a population changes: derived on read.
    let team_edit_ms = edited(|s| {
        if let (Some(team), Some(area)) = (s.teams.first_mut(), s.areas.last_mut()) {
            team.area = area.area.clone();
            area.population_0_17 = Some(12_345.0);
        }
    });
    // A placeholder: the setting that recounts most (indicators 1 and 13).
    let recount_ms = edited(|s| s.unallocated_placeholders.push("vacant".into()));
    // Another target: nothing recounted.
    let rerate_ms = edited(|s| {
        s.indicators
            .entry(cp_plans::DEFINITION.id.to_string())
            .or_default()
            .target = Override::Set(Some(1.0));
    });
    println!(
        "{{\"bytes\":{bytes},\"rows\":{rows},\"parse_ms\":{parse_ms:.1},\"load_ms\":{load_ms:.1},\"compute_ms\":{compute_ms:.1},\"recompute_ms\":{recompute_ms:.1},\"team_edit_ms\":{team_edit_ms:.1},\"recount_ms\":{recount_ms:.1},\"rerate_ms\":{rerate_ms:.1}}}"
    );
}
