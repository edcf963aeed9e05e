//! The Web Worker's entry point (see `engine_worker`). Native builds get an
//! empty binary: the worker exists only in the browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    csc_scorecard::engine_worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
