//! Benchmark hooks of the page's engine, built only with the `bench`
//! feature (`scripts/bench`): with `?bench=parse` the worker keeps a load's
//! file handles and, once the scorecard is out (so nothing waits for it),
//! times the CSV parse alone on them; the page shows it as `data-parse-ms`.

use leptos::prelude::*;

use crate::worker_protocol::Request;

use super::Engine;

/// Whether `?bench=parse` asks the worker to time the CSV parse alone.
pub(super) fn parse_wanted() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|search| search.contains("bench=parse"))
}

/// After a scorecard from the worker: asks it to time the parse of the
/// files it kept, once per page.
pub(super) fn after_scorecard(engine: Engine) {
    if !parse_wanted() || engine.state.steps.with_untracked(|s| s.parse != 0.0) {
        return;
    }
    engine.with_core(|core| {
        let id = core.requests.next_id();
        core.worker.send(&Request::Parse { id }, None);
    });
}
