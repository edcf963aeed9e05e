//! The page's engine behind one interface, [`Engine`]: the page asks it to
//! read the files, compute the scorecard, fetch an indicator's drill-down
//! rows, make the example or cancel, and the answers land in the state's
//! signals (`AppState`). Whether the work runs in a Web Worker or on the
//! page talks to the worker here and nowhere else.
//!
//! Every read, computation, drill-down and history runs in the worker
//! (`engine_worker`), so the page stays responsive and its own module
//! holds no reader and no indicator: what the engine needs lives in the
//! worker's module, fetched once, and the page's first download stays
//! under its 600 KB budget (decision 53). The worker starts on the first
//! sign that files are coming (the pointer over the drop zone, a drag, a
//! chosen file, the example), so it downloads and compiles while the
//! analyst picks files. The single-file build starts it from a `blob:`
//! URL, so it has one even from `file://`. A browser that cannot start it
//! (a policy forbidding workers) is told so in one sentence.
//!
//! The page holds the files as handles (`files`): the worker is sent the
//! `File` objects themselves (a structured clone is a reference, not a
//! copy) and reads them. Answers to replaced requests are dropped.
//!
//! Owns: where the engine runs, the requests and their ids, and writing
//! the answers into the state. Must not: compute or word a figure (the
//! engine does), or keep the files' bytes. Made once by the app root and
//! provided as a Leptos context: components take it with
//! `expect_context::<Engine>()`.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use jiff::civil::Date;

use crate::domain::month::Month;
use crate::domain::scorecard::DrillRow;
use crate::domain::settings::Settings;
use crate::ui::files::ChosenFile;
use crate::ui::state::{AppState, LoadInfo, Steps};
use crate::ui::{browser, commentary, files, history_kept};
use crate::worker_protocol::{
    ComputeAfterLoad, FileMeta, Request, Response, Unread, index_without, settings_after_load,
};

/// Where an indicator's drill-down rows go when they arrive.
pub(crate) type DrillRows = RwSignal<Option<Arc<Vec<DrillRow>>>>;

/// The worker's loader, written by Trunk (`data-loader-shim`).
const WORKER_URL: &str = "./worker_loader.js";

/// Why nothing can be read: said once, in place of every answer.
const NO_WORKER: &str = "This browser could not start the page's background reader, which \
     reads the files and computes the figures (a browser policy may forbid it): nothing can \
     be read here. Your files stay on this computer; try another browser.";

/// A fault of ours in the worker, never of the files.
const WORKER_STOPPED: &str = "The background reader stopped unexpectedly (a fault in this \
     page, not in your files). Add the files again to read them afresh, and please report it.";

/// The page's engine. `Copy`: components and the worker's callbacks hold
/// it by value; what it keeps between requests (`Core`) lives in one
/// `StoredValue` owned by the app root, reached only through `with_core`.
#[derive(Clone, Copy)]
pub(crate) struct Engine {
    state: AppState,
    core: StoredValue<Rc<RefCell<Core>>, LocalStorage>,
}

/// What the engine keeps between requests. Local: a worker handle cannot
/// cross threads, and the page has one.
#[derive(Default)]
struct Core {
    worker: WorkerLink,
    requests: Requests,
}

/// The Web Worker, started on first need.
#[derive(Default)]
struct WorkerLink {
    /// `None` until started, or once it failed or was cancelled.
    worker: Option<web_sys::Worker>,
    /// It could not start: no other is tried.
    failed: bool,
    /// It has said it is listening; messages wait till then.
    ready: bool,
    waiting: Vec<JsValue>,
}

/// The requests in flight: an answer to any other id is stale.
#[derive(Default)]
struct Requests {
    last_id: u32,
    load: u32,
    compute: u32,
    /// The example request waiting for its files (0 when none).
    example: u32,
    /// Files to import settings from (index of the first new file).
    import_from: Option<usize>,
    /// Drill-down requests sent to the worker, and where their rows go.
    drills: Vec<(u32, DrillRows)>,
    /// The history request in flight (a sign-off or a download; 0 when none).
    history: u32,
    /// The paper request in flight (0 when none).
    paper: u32,
    /// When the compute in flight was asked for (ms since the page
    /// started), for the handover's timing.
    compute_sent_at: f64,
    /// The compute the load in flight asked the worker to run once it has
    /// read the files (`Request::Load::then_compute`).
    after_load: Option<ComputeAfterLoad>,
    /// Once the load's answer is in: that compute's id, settings and month.
    /// The page's next compute of just these takes it instead of asking.
    computing_after_load: Option<(u32, Settings, Option<Month>)>,
}

impl Requests {
    fn next_id(&mut self) -> u32 {
        self.last_id += 1;
        self.last_id
    }
}

impl WorkerLink {
    fn running(&self) -> bool {
        self.worker.is_some()
    }

    /// Starts the worker unless it runs or could not start: the one place
    /// a worker starts. Its messages go to `engine`.
    fn start(&mut self, engine: Engine) {
        if self.worker.is_some() || self.failed {
            return;
        }
        self.worker = spawn_worker(engine);
        self.failed = self.worker.is_none();
        self.ready = false;
    }

    /// Posts a request as `{json, files}`: the `File` handles beside it when
    /// it carries any. They are cloned, not transferred (a `File` cannot
    /// be): the clone shares the browser's bytes, so nothing is copied.
    /// Kept until the worker says it is ready.
    fn send(&mut self, request: &Request, files: Option<js_sys::Array>) {
        match files {
            Some(files) => self.send_with(request, "files", files),
            None => self.send_with(request, "files", js_sys::Array::new()),
        }
    }

    /// As `send`, with `beside` under the name `field` (a load's `files`,
    /// a paper's chart `images`).
    fn send_with(&mut self, request: &Request, field: &str, beside: js_sys::Array) {
        let Some(worker) = &self.worker else {
            return;
        };
        let message = js_sys::Object::new();
        let json = serde_json::to_string(request).unwrap_or_default();
        let _ = js_sys::Reflect::set(&message, &"json".into(), &json.into());
        if beside.length() > 0 {
            let _ = js_sys::Reflect::set(&message, &field.into(), &beside);
        }
        if self.ready {
            let _ = worker.post_message(&message);
        } else {
            self.waiting.push(message.into());
        }
    }

    /// The worker is listening: send what waited.
    fn on_ready(&mut self) {
        self.ready = true;
        if let Some(worker) = &self.worker {
            for message in std::mem::take(&mut self.waiting) {
                let _ = worker.post_message(&message);
            }
        }
    }

    /// Ends the worker (a cancel): the next need starts a fresh one.
    fn stop(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
        self.ready = false;
        self.waiting.clear();
    }

    /// It could not start: no other is tried.
    fn fail(&mut self) {
        self.stop();
        self.failed = true;
    }
}

/// Where the worker's script is: the single-file build (`scripts/build-single`)
/// has no files beside it, so it defines `window.scorecardWorkerUrl`, a blob
/// URL of the worker with its WebAssembly inlined, made on first use.
fn worker_url() -> String {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"scorecardWorkerUrl".into()).ok())
        .and_then(|url| url.as_string())
        .unwrap_or_else(|| WORKER_URL.to_string())
}

/// A new worker whose messages and errors go to `engine`.
fn spawn_worker(engine: Engine) -> Option<web_sys::Worker> {
    let worker = web_sys::Worker::new(&worker_url()).ok()?;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            engine.on_message(&event.data())
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
        engine.worker_failed(NO_WORKER, true);
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Some(worker)
}

impl Engine {
    /// The page's engine over `state` (the worker starts on first need).
    /// From now on, whenever what was read, the settings or the month
    /// change, the scorecard is computed again; the files are not read again.
    pub(crate) fn new(state: AppState) -> Engine {
        let engine = Engine {
            state,
            core: StoredValue::new_local(Rc::default()),
        };
        Effect::new(move |_| {
            if state.loaded.get().is_none() {
                state.scorecard.set(None);
                return;
            }
            engine.compute(state.settings.get(), state.month.get());
        });
        engine
    }

    /// Runs `f` on what the engine keeps; `None` once the page is gone.
    /// Never held across a call out of the engine (an answer, a signal), so
    /// it cannot be entered twice.
    fn with_core<R>(self, f: impl FnOnce(&mut Core) -> R) -> Option<R> {
        let core = self.core.try_get_value()?;
        let mut core = core.try_borrow_mut().ok()?;
        Some(f(&mut core))
    }

    /// Adds files (a file with the same name replaces the earlier one) and
    /// reads everything again; settings documents and teams files among the
    /// new files are imported into the settings once.
    pub(crate) fn add_files(self, files: Vec<ChosenFile>) {
        let first_new = self.state.add_inputs(files);
        self.reload(Some(first_new));
    }

    /// Removes an input (a workbook with all its sheets) and reads again.
    pub(crate) fn remove_file(self, name: &str) {
        self.state.remove_input(name);
        self.reload(None);
    }

    /// Sets the as-at date of listed files (a file, a whole workbook
    /// `book.xlsx`, or one sheet `book.xlsx › List 6`; `None` clears it)
    /// and reads again, once for them all.
    pub(crate) fn set_as_at(self, listed: &[String], date: Option<Date>) {
        self.state.set_inputs_as_at(listed, date);
        self.reload(None);
    }

    /// Sets a listed file's coverage start (`None` clears it) and reads again.
    pub(crate) fn set_covers_from(self, listed: &str, date: Option<Date>) {
        self.state.set_input_covers_from(listed, date);
        self.reload(None);
    }

    /// Starts the worker now that files are likely to come, so it downloads
    /// and compiles while the analyst picks them. Does nothing once it runs.
    pub(crate) fn warm_up(self) {
        self.with_core(|core| core.worker.start(self));
    }

    /// Makes the built-in example's files in the worker, which holds the
    /// generator (its plan tables would add 60 KB gzip to the page's first
    /// download); they arrive in `on_files` and are added like chosen files.
    pub(crate) fn load_example(self) {
        let sent = self.with_core(|core| {
            core.worker.start(self);
            if !core.worker.running() {
                return false;
            }
            let id = core.requests.next_id();
            core.requests.example = id;
            core.worker.send(&Request::Example { id }, None);
            true
        });
        if sent == Some(false) {
            self.cannot_read();
        }
    }

    /// Fills `into` with the drill-down rows of the shown scorecard's
    /// indicator at `index` when the worker answers.
    pub(crate) fn drill(self, index: usize, into: DrillRows) {
        self.with_core(|core| {
            if !core.worker.running() {
                return;
            }
            let id = core.requests.next_id();
            core.requests.drills.push((id, into));
            let compute = core.requests.compute;
            core.worker.send(
                &Request::Drill {
                    id,
                    compute,
                    indicator: index,
                },
                None,
            );
        });
    }

    /// Signs `month` off with `commentary` (by indicator id): the history
    /// of what was read with the month added arrives in `on_history`.
    pub(crate) fn sign_off(
        self,
        settings: Settings,
        month: Month,
        commentary: BTreeMap<String, String>,
    ) {
        let today = browser::today();
        self.history_request(|id| Request::SignOff {
            id,
            settings: Box::new(settings),
            month,
            commentary,
            today,
        });
    }

    /// Asks the worker for a paper of `month` (`request` made with its id);
    /// `images` are the PNG bytes of a Word paper's charts, in order. The
    /// paper downloads when it arrives (`on_paper`).
    pub(crate) fn paper(self, request: impl FnOnce(u32) -> Request, images: Vec<Vec<u8>>) {
        let sent = self.with_core(|core| {
            if !core.worker.running() {
                return false;
            }
            let id = core.requests.next_id();
            core.requests.paper = id;
            let beside = js_sys::Array::new();
            for png in &images {
                beside.push(&js_sys::Uint8Array::from(png.as_slice()));
            }
            core.worker.send_with(&request(id), "images", beside);
            true
        });
        match sent {
            Some(true) => self.state.busy.set(Some("Making the paper…".into())),
            Some(false) => self
                .state
                .notice
                .set(Some("No paper: no files have been read.".into())),
            None => {}
        }
    }

    /// Downloads the history of what was read, as it stands.
    pub(crate) fn download_history(self) {
        self.history_request(|id| Request::History { id });
    }

    /// Sends a history request to the worker, which holds the files read;
    /// its answer arrives in `on_history`.
    fn history_request(self, request: impl FnOnce(u32) -> Request) {
        let sent = self.with_core(|core| {
            if !core.worker.running() {
                return false;
            }
            let id = core.requests.next_id();
            core.requests.history = id;
            core.worker.send(&request(id), None);
            true
        });
        if sent == Some(false) {
            self.state
                .notice
                .set(Some("No history: no files have been read.".into()));
        }
    }

    /// Stops reading: the worker is ended (a fresh one starts on the next
    /// need) and the files are forgotten.
    pub(crate) fn cancel(self) {
        self.with_core(|core| {
            core.worker.stop();
            core.requests.load = 0;
            core.requests.compute = 0;
        });
        let state = self.state;
        state.busy.set(None);
        state.done.set(None);
        state.loaded.set(None);
        state.scorecard.set(None);
        state.inputs.set(Vec::new());
        state.notice.set(Some(
            "Reading cancelled: add the files again when you are ready.".into(),
        ));
    }

    /// Reads all files again, or forgets what was read when none is left.
    fn reload(self, import_from: Option<usize>) {
        if self.state.inputs.with_untracked(Vec::is_empty) {
            self.state.loaded.set(None);
            self.state.files.set(Vec::new());
            return;
        }
        self.load(import_from);
    }

    /// Reads the state's files (all of them: the engine keeps no old data)
    /// in the worker, which is sent their handles and reads them itself.
    fn load(self, import_from: Option<usize>) {
        let state = self.state;
        let today = browser::today();
        let count = state.inputs.with_untracked(Vec::len);
        state.busy.set(Some(format!(
            "Reading and checking {}…",
            crate::domain::format::count_of(count, "file", "files")
        )));
        let sent = self.with_core(|core| {
            core.worker.start(self);
            if !core.worker.running() {
                return false;
            }
            let id = core.requests.next_id();
            core.requests.load = id;
            core.requests.import_from = import_from;
            let after_load = ComputeAfterLoad {
                id: core.requests.next_id(),
                settings: Box::new(state.settings.get_untracked()),
                import_from,
                month: state.month.get_untracked(),
            };
            core.requests.after_load = Some(after_load.clone());
            core.requests.computing_after_load = None;
            let (handles, files) = state.inputs.with_untracked(|inputs| {
                let metas = inputs
                    .iter()
                    .map(|f| FileMeta {
                        name: f.name.clone(),
                        overrides: f.overrides.clone(),
                    })
                    .collect();
                (files::handles(inputs), metas)
            });
            let request = Request::Load {
                id,
                today,
                files,
                #[cfg(feature = "bench")]
                measure_parse: bench::parse_wanted(),
                then_compute: Some(after_load),
            };
            core.worker.send(&request, Some(handles));
            true
        });
        if sent == Some(false) {
            self.cannot_read();
        }
    }

    /// Computes the scorecard of what was read with these settings: asks
    /// the worker, unless it is computing just this already after a load.
    fn compute(self, settings: Settings, month: Option<Month>) {
        self.with_core(|core| {
            if let Some((id, computing, computing_month)) =
                core.requests.computing_after_load.take()
                && computing == settings
                && computing_month == month
            {
                core.requests.compute = id;
                return;
            }
            let id = core.requests.next_id();
            core.requests.compute = id;
            core.requests.compute_sent_at = browser::now_ms();
            let request = Request::Compute {
                id,
                settings: Box::new(settings),
                month,
            };
            core.worker.send(&request, None);
        });
    }

    /// The worker could not start (`for_good`: none will) or stopped on a
    /// fault: what was in flight is dropped and the analyst told why.
    fn worker_failed(self, why: &str, for_good: bool) {
        self.with_core(|core| {
            if for_good {
                core.worker.fail();
            } else {
                core.worker.stop();
            }
            core.requests.load = 0;
            core.requests.compute = 0;
            core.requests.example = 0;
            core.requests.history = 0;
            core.requests.paper = 0;
            core.requests.drills.clear();
        });
        self.state.busy.set(None);
        self.state.done.set(None);
        self.state.notice.set(Some(why.to_string()));
    }

    /// Nothing can be read: the worker could not start.
    fn cannot_read(self) {
        self.state.busy.set(None);
        self.state.notice.set(Some(NO_WORKER.to_string()));
    }

    /// A message from the worker: text (an answer, `ready`, `warm`, `panic:…`), or
    /// files with their bytes beside (the example's).
    fn on_message(self, data: &JsValue) {
        let Some(text) = data.as_string() else {
            self.on_files(data);
            return;
        };
        if text == "ready" {
            self.with_core(|core| core.worker.on_ready());
            if self
                .state
                .steps
                .with_untracked(|s| s.worker_ready_at == 0.0)
            {
                let now = browser::now_ms();
                self.state.steps.update(|s| s.worker_ready_at = now);
            }
            return;
        }
        if text == "warm" {
            let now = browser::now_ms();
            self.state.steps.update(|s| s.worker_warm_at = now);
            return;
        }
        if let Some(panic) = text.strip_prefix("panic:") {
            web_sys::console::error_1(&format!("background reader stopped: {panic}").into());
            self.worker_failed(WORKER_STOPPED, false);
            return;
        }
        if let Ok(response) = serde_json::from_str::<Response>(&text) {
            self.answer(response);
        }
    }

    /// A message of files from the worker: `{json, bytes}`, the example's
    /// or a paper.
    fn on_files(self, data: &JsValue) {
        let json = js_sys::Reflect::get(data, &"json".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let bytes = js_sys::Reflect::get(data, &"bytes".into())
            .ok()
            .and_then(|v| v.dyn_into::<js_sys::Array>().ok());
        match serde_json::from_str::<Response>(&json) {
            Ok(Response::Example { id, names }) => self.on_example(id, names, bytes),
            Ok(Response::Paper { id, file }) => self.on_paper(id, file, bytes),
            _ => {}
        }
    }

    /// A paper arrived: downloaded under its name (or why there is none).
    fn on_paper(
        self,
        id: u32,
        file: Result<(String, String), String>,
        bytes: Option<js_sys::Array>,
    ) {
        let awaited = self.with_core(|core| {
            let awaited = core.requests.paper == id;
            if awaited {
                core.requests.paper = 0;
            }
            awaited
        });
        if awaited != Some(true) {
            return;
        }
        self.state.busy.set(None);
        match file {
            Ok((name, mime)) => {
                if let Some(array) =
                    bytes.and_then(|all| all.get(0).dyn_into::<js_sys::Uint8Array>().ok())
                {
                    browser::download_bytes(&name, &mime, &array);
                }
            }
            Err(why) => self.state.notice.set(Some(format!("No paper: {why}."))),
        }
    }

    /// The example's files arrived: added like chosen files.
    fn on_example(self, id: u32, names: Vec<String>, bytes: Option<js_sys::Array>) {
        let awaited = self.with_core(|core| {
            let awaited = core.requests.example == id;
            if awaited {
                core.requests.example = 0;
            }
            awaited
        });
        if awaited != Some(true) {
            return;
        }
        // Each becomes a `File` (its bytes in the browser's keeping, not the
        // page's), then it is a chosen file like any other.
        let chosen = names
            .into_iter()
            .enumerate()
            .filter_map(|(index, name)| {
                let array = bytes
                    .as_ref()
                    .and_then(|all| all.get(index as u32).dyn_into::<js_sys::Uint8Array>().ok())
                    .unwrap_or_else(|| js_sys::Uint8Array::new_with_length(0));
                files::from_bytes(name, &array)
            })
            .collect();
        self.add_files(chosen);
    }

    /// Writes an answer into the state, unless a newer request replaced it.
    fn answer(self, response: Response) {
        let Some((load_id, compute_id, history_id, import_from)) = self.with_core(|core| {
            (
                core.requests.load,
                core.requests.compute,
                core.requests.history,
                core.requests.import_from,
            )
        }) else {
            return;
        };
        let state = self.state;
        match response {
            Response::Progress { id, text, done } if id == load_id => {
                state.busy.set(Some(text));
                state.done.set(done);
            }
            Response::Loaded {
                id,
                imports,
                latest_month,
                earliest_month,
                read_ms,
                disk_ms,
                second_files,
                heap_bytes,
                unread,
                files,
                commentary,
            } if id == load_id => {
                let received = browser::now_ms();
                self.with_core(|core| {
                    core.requests.computing_after_load =
                        core.requests.after_load.take().map(|after| {
                            let settings = settings_after_load(
                                &after.settings,
                                &imports,
                                after.import_from,
                                &unread,
                            );
                            (after.id, settings, after.month)
                        });
                    // The worker started that compute as it sent this answer.
                    core.requests.compute_sent_at = received;
                });
                state.done.set(None);
                state.files.set(files);
                forget_unread(state, &unread);
                if let Some(first) = import_from {
                    let first = index_without(first, &unread);
                    // Commentary packs among the new files: put in their
                    // boxes when the next scorecard shows (`commentary`).
                    state.commentary_packs.set(
                        commentary
                            .into_iter()
                            .filter(|entry| entry.input >= first)
                            .collect(),
                    );
                    let imported = state.settings.with_untracked(|base| {
                        settings_after_load(base, &imports, import_from, &unread)
                    });
                    if state.settings.with_untracked(|s| *s != imported) {
                        state.settings.set(imported);
                    }
                }
                let count = state.inputs.with_untracked(Vec::len);
                let megabytes = state
                    .inputs
                    .with_untracked(|i| i.iter().map(|f| f.size).sum::<usize>())
                    as f64
                    / 1e6;
                state.steps.update(|s| {
                    s.read = read_ms;
                    s.disk = disk_ms;
                    s.second_files = second_files;
                    if heap_bytes > 0.0 {
                        s.worker_heap = heap_bytes;
                    }
                });
                state.timing.set(Some(format!(
                    "Read {} ({megabytes:.1} MB) in {:.1} seconds.",
                    crate::domain::format::count_of(count, "file", "files"),
                    read_ms / 1000.0,
                )));
                state.busy.set(Some("Computing the scorecard…".into()));
                state.loaded.set((count > 0).then_some(LoadInfo {
                    latest_month,
                    earliest_month,
                }));
            }
            Response::Scorecard {
                id,
                result,
                drill_counts,
                compute_ms,
                heap_bytes,
            } if id == compute_id => {
                let received = browser::now_ms();
                let sent_at = self
                    .with_core(|core| core.requests.compute_sent_at)
                    .unwrap_or(received);
                let handover = (received - sent_at - compute_ms).max(0.0);
                state.busy.set(None);
                state.done.set(None);
                // Before the scorecard: its drill-downs read their counts once.
                state.drill_counts.set(drill_counts);
                #[cfg(feature = "bench")]
                bench::after_scorecard(self);
                if let Ok(card) = &result {
                    commentary::take_packs(state, card);
                }
                state
                    .scorecard
                    .set(Some(result.map(|card| Arc::new(*card))));
                request_animation_frame(move || {
                    let render = browser::now_ms() - received;
                    state.steps.update(|s| {
                        *s = Steps {
                            compute: compute_ms,
                            render,
                            handover,
                            worker_heap: if heap_bytes > 0.0 {
                                heap_bytes
                            } else {
                                s.worker_heap
                            },
                            ..*s
                        }
                    });
                });
            }
            #[cfg(feature = "bench")]
            Response::Parsed {
                parse_ms, files, ..
            } if files > 0 => {
                state.steps.update(|s| s.parse = parse_ms);
            }
            Response::History { id, json, signed } if id == history_id => match json {
                Ok(json) => self.on_history(&json, signed),
                Err(why) => state.notice.set(Some(format!("No history: {why}."))),
            },
            Response::Drill { id, rows } => {
                let into = self
                    .with_core(|core| {
                        let drills = &mut core.requests.drills;
                        let at = drills.iter().position(|(waiting, _)| *waiting == id)?;
                        Some(drills.swap_remove(at).1)
                    })
                    .flatten();
                if let Some(into) = into {
                    // The list may have closed with its scorecard meanwhile.
                    into.try_set(Some(Arc::new(rows)));
                }
            }
            _ => {}
        }
    }
}

impl Engine {
    /// A history arrived: downloaded as `scorecard-history.json`; after a
    /// sign-off, also kept in this browser and read again in place of the
    /// copy kept before, so the month shows as signed off.
    fn on_history(self, json: &str, signed: Option<Month>) {
        browser::download(history_kept::FILE_NAME, "application/json", json);
        let Some(month) = signed else {
            return;
        };
        let kept = history_kept::keep(json);
        self.state.notice.set(Some(format!(
            "{} signed off: scorecard-history.json is downloaded{}.",
            month.label(),
            if kept {
                ", and a copy is kept in this browser"
            } else {
                " (this browser could not keep a copy: save the file)"
            }
        )));
        if let Some(file) = history_kept::as_file(json) {
            self.add_files(vec![file]);
        }
    }
}

/// Files the browser could not read were left out of the load: drop them
/// from the list (the engine's input indices already skip them) and say
/// why, so the analyst can add them again.
fn forget_unread(state: AppState, unread: &[Unread]) {
    if unread.is_empty() {
        return;
    }
    state.inputs.update(|inputs| {
        for (index, _) in unread.iter().rev() {
            if *index < inputs.len() {
                inputs.remove(*index);
            }
        }
    });
    let why: Vec<&str> = unread.iter().map(|(_, why)| why.as_str()).collect();
    state.notice.set(Some(why.join("; ")));
}

/// Benchmark hooks of the page's engine, built only with the `bench`
/// feature (`scripts/bench`): with `?bench=parse` the worker keeps a load's
/// file handles and, once the scorecard is out (so nothing waits for it),
/// times the CSV parse alone on them; the page shows it as `data-parse-ms`.
#[cfg(feature = "bench")]
mod bench {
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
}
