//! Developer tool: where counting time goes, indicator by indicator.
//!
//! `cargo run --release -p xtask --bin profile_indicators -- FILE...`
//!
//! Reads the files, then times each indicator's `compute` over the 13
//! months of a December 2017 scorecard, with a fresh context (nothing
//! chosen yet, as after a read), and prints one line per indicator (the
//! second of two passes). With `RERATE=1` it instead times 100 computes
//! that count nothing (an edit applied on read), for `perf record`.

#![allow(
    clippy::expect_used,
    reason = "a developer tool: an unreadable file stops it with a message"
)]

use std::time::Instant;

use csc_engine::areas::Areas;
use csc_engine::calendar::Calendar;
use csc_engine::indicators::{ALL, Context};
use csc_engine::ingest::FileOverrides;
use csc_engine::month::Month;
use csc_engine::scorecard::{InputFile, Loaded, compute, load};
use csc_engine::settings::Settings;

fn main() {
    let inputs: Vec<InputFile> = std::env::args()
        .skip(1)
        .map(|arg| InputFile {
            bytes: std::fs::read(&arg).expect("a readable file"),
            name: arg,
            overrides: FileOverrides::default(),
        })
        .collect();
    let loaded = load(
        &inputs,
        Settings::default(),
        jiff::civil::date(2026, 11, 26),
        |_| {},
    );
    if std::env::var_os("RERATE").is_some() {
        rerate(&loaded);
    } else {
        by_indicator(&loaded);
    }
}

fn by_indicator(loaded: &Loaded) {
    let settings = &loaded.settings;
    let december = Month::parse("2017-12").expect("a month");
    for pass in 0..2 {
        let calendar = Calendar::new(&settings.extra_bank_holidays);
        let areas = Areas::new(settings);
        let context = Context::new(&loaded.dataset, settings, &calendar, &areas);
        let mut total = 0.0;
        for definition in ALL {
            let started = Instant::now();
            for offset in -12..=0 {
                std::hint::black_box((definition.compute)(&context, december.plus(offset)));
            }
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            total += ms;
            if pass == 1 {
                println!("{:>36} {ms:7.1} ms", definition.id);
            }
        }
        if pass == 1 {
            println!("{:>36} {total:7.1} ms", "all fourteen");
        }
    }
}

fn rerate(loaded: &Loaded) {
    let december = Month::parse("2017-12");
    let mut settings = loaded.settings.clone();
    compute(loaded, &settings, december)
        .map(|c| (c.scorecard, c.drills))
        .expect("a scorecard");
    let started = Instant::now();
    for i in 0..100 {
        settings.la_name = format!("LA {i}");
        std::hint::black_box(
            compute(loaded, &settings, december)
                .map(|c| (c.scorecard, c.drills))
                .expect("a scorecard"),
        );
    }
    println!(
        "a compute that counts nothing: {:.2} ms",
        started.elapsed().as_secs_f64() * 10.0
    );
}
