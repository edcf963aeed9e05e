//! The engine warmed up in idle time, before the analyst's files come.
//!
//! Why: V8 runs WebAssembly first in its baseline compiler (Liftoff) and
//! compiles a function with its optimising compiler (TurboFan) only once it
//! has run enough; a call already running stays on the baseline code. The
//! first load of a fresh page therefore read and computed at half speed or
//! worse: of 40 MB in 37 files, read 495 → 355 ms and compute 292 → 147 ms
//! (medians of five) once the same code had run on a small data set first
//! (issue 18, docs/benchmarks.md). So once the worker is listening, it reads
//! and computes a small synthetic city a few times and throws it away.
//!
//! The city is `warm_up_city`'s (the public golden case, its rows copied
//! to about 2 MB). Nothing of it is kept or shown: it never reaches the
//! page's state.
//!
//! Owns: the warm-up's own data, while it runs. Must not: delay the page's
//! requests (it stops at the first message that waits for it, and yields
//! to messages every few milliseconds), or touch what the page has read.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::ingest::{load_files, transfer};
use crate::domain::scorecard;
use crate::domain::settings::Settings;
use crate::warm_up_city::city_files;
use crate::worker_protocol::{compute_apart, settings_after_load};

/// Loads and computes of the city: the second and third run on what the
/// first made hot.
const ROUNDS: usize = 3;

/// How long the warm-up works between looks at the page's messages.
const SLICE_MS: f64 = 8.0;

/// How long V8 goes on optimising, on its own threads, after the last
/// round: files given within it read about 40% slower than after it
/// (measured: 744–1248 ms against 572–666 ms file input → scorecard, on
/// two cores). `settled` waits this long.
const SETTLE_MS: i32 = 300;

/// Reads and computes the city `ROUNDS` times; `false` as soon as
/// `interrupted` says the page is waiting (checked whenever it yields).
/// The worker's clock comes in as `now_ms`: this module does not reach
/// back into its parent (no import circle).
/// `compute` false leaves the computing out (the second worker only reads).
pub(super) async fn run(
    now_ms: fn() -> f64,
    interrupted: impl Fn() -> bool,
    compute: bool,
) -> bool {
    let files = city_files();
    let today = jiff::civil::date(2018, 1, 15);
    let mut slice_started = now_ms();
    for _ in 0..ROUNDS {
        let mut loader = scorecard::Loader::new(today);
        for (index, file) in files.iter().enumerate() {
            // Every other file as the second worker reads it and the engine
            // takes it back (`second_reader`): both workers run this, so
            // each has that way hot too.
            let read_elsewhere = (index % 2 == 1)
                .then(|| load_files(&file.name, &file.bytes, 0, &file.overrides, today))
                .and_then(|files| transfer::encode(&files));
            let taken = read_elsewhere.is_some_and(|bytes| {
                loader
                    .add_transferred(&file.name, file.bytes.len(), &bytes, |_| {})
                    .is_ok()
            });
            if !taken {
                loader.add(file, |_| {});
            }
            if now_ms() - slice_started > SLICE_MS {
                pause(0).await;
                if interrupted() {
                    return false;
                }
                slice_started = now_ms();
            }
        }
        if !compute {
            continue;
        }
        let loaded = loader.finish(Settings::default(), |_| {});
        let settings = settings_after_load(&Settings::default(), &loaded.imports, Some(0), &[]);
        let month = scorecard::latest_month(&loaded);
        let (card, drills) = compute_apart(Some(&loaded), &settings, month);
        // The answer's way out is part of the page's wait too.
        let _ = std::hint::black_box((serde_json::to_string(&card), drills));
        pause(0).await;
        if interrupted() {
            return false;
        }
        slice_started = now_ms();
    }
    true
}

/// Once the warm-up is done, V8's optimising of what it ran is over too
/// (as near as can be told: it does not say).
pub(super) async fn settled() {
    pause(SETTLE_MS).await;
}

/// Lets the worker's other tasks (the page's messages) run: resolves in
/// a fresh task after `ms` (`setTimeout`), or at once if no timer can be set.
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scope = js_sys::global().dyn_into::<web_sys::WorkerGlobalScope>();
        let set = scope
            .map(|scope| scope.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms));
        if !matches!(set, Ok(Ok(_))) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}
