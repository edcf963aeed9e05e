//! csc-scorecard: English children's-services monthly performance scorecard.
//!
//! Module map:
//! - [`domain`]: the engine, its own crate (`crates/engine`, `csc-engine`),
//!   so that its fence is the dependency graph. Bytes and explicit parameters in (files, the
//!   reporting month, the settings, *today*), a [`domain::scorecard::Scorecard`]
//!   plus diagnostics out. No web crates, no file system, no clock.
//! - [`example_data`]: its own crate (`crates/example`, `csc-example`): the deterministic generator of the built-in example
//!   (a synthetic city whose December 2017 scorecard reproduces the seed).
//! - `chart`: plotters drawings of the scorecard, generic over the backend
//!   (the page's; natively only for its tests).
//! - `ui` (WebAssembly only): the Leptos page, a thin shell that reads the
//!   `Scorecard` and never recomputes it; it reaches the engine through one
//!   interface, `ui::engine::Engine`.
//! - `engine_worker` (WebAssembly only): the Web Worker the page's engine
//!   sends large reads to, and `worker_protocol`, their messages; it starts
//!   a second worker that reads the last files of a large load on the
//!   other core, and `load_share` says which files those are.
//! - The CLI is its own crate (`crates/cli`).
//!
//! Everything here is `pub(crate)` but what the two binaries (`src/main.rs`,
//! `src/bin/worker.rs`) and the browser tests (`tests/web.rs`) reach.

/// Both modules allocate with Talc rather than Rust's default for
/// WebAssembly (dlmalloc): a load makes a string for every record's child
/// and dlmalloc was measured slower at it (docs/benchmarks.md, issue 18).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(any(target_arch = "wasm32", test))]
pub mod chart;
pub use csc_engine as domain;
#[cfg(target_arch = "wasm32")]
pub mod engine_worker;
pub use csc_example as example_data;
#[cfg(any(target_arch = "wasm32", test))]
mod load_share;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(any(target_arch = "wasm32", test))]
mod warm_up_city;
#[cfg(any(target_arch = "wasm32", test))]
mod worker_protocol;
