//! wasm-bindgen tests in headless Chromium, for what is simpler to check in
//! a real browser than end to end: charts drawn with text measured by the
//! page's DOM (plotters cannot do that natively), the commentary store, and
//! the engine itself compiled to WebAssembly giving the native figures.
//!
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//!  CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web`
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use csc_scorecard::domain::ingest::FileOverrides;
use csc_scorecard::domain::month::Month;
use csc_scorecard::domain::scorecard::{InputFile, Scorecard, compute, load};
use csc_scorecard::domain::settings::Settings;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn input(name: &str, text: &str) -> InputFile {
    InputFile {
        name: name.to_string(),
        bytes: text.as_bytes().to_vec(),
        overrides: FileOverrides::default(),
    }
}

/// CP plans and referrals of the public check case, computed in the browser.
fn scorecard() -> Scorecard {
    let settings = Settings::from_json(include_str!("golden/public_city/settings.json")).unwrap();
    let inputs = [
        input("teams.csv", include_str!("golden/public_city/teams.csv")),
        input(
            "list7_cp_2017-09-30.csv",
            include_str!("golden/public_city/list7_cp_2017-09-30.csv"),
        ),
        input(
            "list7_cp_2017-12-31.csv",
            include_str!("golden/public_city/list7_cp_2017-12-31.csv"),
        ),
    ];
    let loaded = load(&inputs, settings, jiff::civil::date(2026, 11, 26), |_| {});
    compute(&loaded, &loaded.settings, Month::parse("2017-12"))
        .map(|c| c.with_drills())
        .unwrap()
}

#[wasm_bindgen_test]
fn the_engine_in_webassembly_gives_the_native_figures() {
    let card = scorecard();
    let cp = &card.indicators[4];
    // tests/golden/public_city/expected.json: count 5, EAST 1, rate 5.8255.
    assert_eq!(cp.current.get("count"), Some(5.0));
    assert!((cp.current.get("rate_per_10k").unwrap() - 5.825468950250495).abs() < 1e-9);
    assert_eq!(cp.areas[0].0, "EAST");
    assert_eq!(cp.areas[0].1.get("count"), Some(1.0));
}

#[wasm_bindgen_test]
fn charts_measure_their_text_in_the_page() {
    let card = scorecard();
    let svg = csc_scorecard::chart::series_chart(&card.indicators[4], 680, 300);
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("Dec-17"));
    let bars = csc_scorecard::chart::area_chart(&card.indicators[4], 680, 300);
    assert!(bars.contains("EAST") && bars.contains("NWC"));
}

#[wasm_bindgen_test]
fn commentary_and_settings_are_kept_in_local_storage() {
    use csc_scorecard::ui::browser;
    browser::save("csc-scorecard:test", "kept");
    assert_eq!(browser::load("csc-scorecard:test").as_deref(), Some("kept"));
    browser::forget("csc-scorecard:test");
    assert_eq!(browser::load("csc-scorecard:test"), None);
}
