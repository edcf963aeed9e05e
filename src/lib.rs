//! csc-scorecard: English children's-services monthly performance scorecard.
//!
//! Module map:
//! - [`domain`]: the engine, its own crate (`crates/engine`, `csc-engine`),
//!   so that its fence is the dependency graph. Bytes and explicit parameters in (files, the
//!   reporting month, the settings, *today*), a [`domain::scorecard::Scorecard`]
//!   plus diagnostics out. No web crates, no file system, no clock.
//! - [`example_data`]: its own crate (`crates/example`, `csc-example`): the deterministic generator of the built-in example
//!   (a synthetic city whose December 2017 scorecard reproduces the seed).
//! - [`chart`]: plotters drawings of the scorecard, generic over the backend.
//! - `ui` (WebAssembly only): the Leptos page, a thin shell that reads the
//!   `Scorecard` and never recomputes it.
//! - `src/bin/scorecard.rs`: the native CLI, a thin shell over the engine.

pub mod chart;
pub use csc_engine as domain;
#[cfg(target_arch = "wasm32")]
pub mod engine_worker;
pub use csc_example as example_data;
#[cfg(target_arch = "wasm32")]
pub mod ui;
pub mod worker_protocol;
