//! Web entry: installs the panic hook and mounts the page. Thin on purpose:
//! the page lives in `ui`, the figures in `domain`.

#[cfg(target_arch = "wasm32")]
fn main() {
    csc_scorecard::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "This is the page's entry point: build it with `trunk build --release --offline`. \
         For the command line, run the `scorecard` binary."
    );
}
