//! Prints the indicator definitions generated from the engine's registry:
//! the text of `docs/indicators.md`.
//!
//! `cargo run -p xtask --bin indicator_docs > docs/indicators.md` (or
//! `UPDATE_SNAPSHOTS=1 cargo test -p csc-engine --lib definitions_doc`, which the test
//! that keeps the file in step suggests).

fn main() {
    print!("{}", csc_engine::definitions_doc::indicators_markdown());
}
