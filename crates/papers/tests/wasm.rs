#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The workbook made in WebAssembly, as the page's worker makes it: no
//! panic (rust_xlsxwriter reads the clock for the file's creation time,
//! which `std` cannot do on wasm32-unknown-unknown without its `wasm`
//! feature). Run with
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! cargo test -p csc-papers --target wasm32-unknown-unknown --test wasm`
//! (in Node.js).

use csc_engine::month::Month;
use csc_engine::schema::Kind;
use csc_engine::scorecard::{InputFile, compute, load};
use csc_engine::settings::Settings;
use csc_papers::PaperOptions;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn a_workbook_is_made_in_webassembly() {
    let mut csv = Kind::List7Cp.template_csv();
    csv.push_str("SYN1,b) Female,a) WBRI,03/01/2005,03/10/2017,,01/12/2017,East\n");
    let file = InputFile {
        name: "list7_cp_2017-12-31.csv".into(),
        bytes: csv.into_bytes(),
        overrides: Default::default(),
    };
    let settings = Settings::default();
    let loaded = load(
        [file],
        settings.clone(),
        jiff::civil::date(2018, 1, 10),
        |_| {},
    );
    let card = compute(&loaded, &settings, Month::new(2017, 12))
        .unwrap()
        .with_drills();
    let bytes = csc_papers::xlsx::workbook(&card, &settings, &PaperOptions::default()).unwrap();
    // A zip file, as every .xlsx is.
    assert_eq!(&bytes[..2], b"PK");
}
