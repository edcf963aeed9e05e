//! csc-scorecard: English children's-services monthly performance scorecard.
//!
//! Module map:
//! - [`domain`]: the engine. Bytes and explicit parameters in (files, the
//!   reporting month, the settings, *today*), a [`domain::scorecard::Scorecard`]
//!   plus diagnostics out. No web crates, no file system, no clock.
//! - `src/bin/scorecard.rs`: the native CLI, a thin shell over the engine.

pub mod domain;
