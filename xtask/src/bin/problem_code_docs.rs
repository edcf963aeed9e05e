//! Prints the data-quality problem codes generated from the engine's
//! `ProblemCode`: the text of `docs/problem-codes.md`.
//!
//! `cargo run -p xtask --bin problem_code_docs > docs/problem-codes.md` (or
//! `UPDATE_SNAPSHOTS=1 cargo test -p csc-engine --lib problem_code`, which
//! the test that keeps the file in step suggests).

fn main() {
    print!("{}", csc_engine::diagnostics::problem_codes_markdown());
}
