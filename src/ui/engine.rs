//! The page's side of the engine. Large reads (over `WORKER_ABOVE_BYTES`)
//! go to a Web Worker (`engine_worker`), started on first need, so the page
//! stays responsive and its first download stays small; smaller ones run on
//! the page until the worker has started (no second module to fetch and
//! compile for them), and in the worker once it runs.
//! The worker also holds the example's generator, so the page's module need
//! not. Without a worker (one that failed to start) reads run on the page
//! and the example cannot be made; the single-file build starts its worker
//! from a `blob:` URL, so it has one even from `file://`. The
//! URL query `?worker=always|never` forces a choice (tests, benchmarks).
//! The page holds the files as handles (`files`): the worker is sent the
//! `File` objects themselves (a structured clone is a reference, not a
//! copy) and reads them; the page's fallback reads them just before a load
//! and drops the bytes after it.
//! Answers land in the state's signals; stale ones are dropped.

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::domain::month::Month;
use crate::domain::scorecard::{self, DrillRow, Drills, Loaded};
use crate::domain::settings::Settings;
use crate::ui::state::{AppState, LoadInfo, Steps};
use crate::ui::{browser, files};
use crate::worker_protocol::{FileMeta, Request, Response, Unread, compute_apart, index_without};

/// Where an indicator's drill-down rows go when they arrive.
pub type DrillRows = RwSignal<Option<Arc<Vec<DrillRow>>>>;

/// The worker's loader, written by Trunk (`data-loader-shim`).
const WORKER_URL: &str = "./worker_loader.js";

/// Reads bigger than this go to the worker.
const WORKER_ABOVE_BYTES: usize = 20 * 1024 * 1024;

/// Where the files of the last read live.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Page,
    Worker,
}

/// Whether `?bench=parse` asks the worker to time the CSV parse alone.
fn bench_parse() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|search| search.contains("bench=parse"))
}

/// Benchmarks: asks the worker to time the CSV parse alone of the files it
/// kept (after the scorecard is out, so nothing waits for it).
fn send_parse_request() {
    let request = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.as_mut()?;
        c.next_id += 1;
        Some((c.worker.clone()?, c.next_id))
    });
    if let Some((worker, id)) = request {
        send_request(&worker, &Request::Parse { id }, None);
    }
}

/// The `?worker=` choice, if any.
fn forced() -> Option<bool> {
    let search = web_sys::window()?.location().search().ok()?;
    if search.contains("worker=always") {
        Some(true)
    } else if search.contains("worker=never") {
        Some(false)
    } else {
        None
    }
}

struct Client {
    state: AppState,
    /// Started on first need; `None` until then or when it failed.
    worker: Option<web_sys::Worker>,
    worker_failed: bool,
    /// Whether the worker has said it is listening; messages wait till then.
    worker_ready: bool,
    waiting: Vec<JsValue>,
    mode: Mode,
    /// On-page engine when there is no worker.
    fallback: Option<Arc<Loaded>>,
    next_id: u32,
    load_id: u32,
    compute_id: u32,
    /// Files to import settings from (index of the first new file).
    import_from: Option<usize>,
    /// When the last request was sent, for the step timings.
    sent_at: f64,
    /// The shown scorecard's drill-downs when the page computed it.
    page_drill: Option<Drills>,
    /// Drill-down requests sent to the worker, and where their rows go.
    drill_waiting: Vec<(u32, DrillRows)>,
    /// The example request waiting for its files (0 when none).
    example_id: u32,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Prepares the client (the worker starts on first need).
pub fn init(state: AppState) {
    CLIENT.with(|c| {
        *c.borrow_mut() = Some(Client {
            state,
            worker: None,
            worker_failed: false,
            worker_ready: false,
            waiting: Vec::new(),
            mode: Mode::Page,
            fallback: None,
            next_id: 0,
            load_id: 0,
            compute_id: 0,
            import_from: None,
            sent_at: 0.0,
            page_drill: None,
            drill_waiting: Vec::new(),
            example_id: 0,
        })
    });
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

fn start_worker() -> Option<web_sys::Worker> {
    let worker = web_sys::Worker::new(&worker_url()).ok()?;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
            let data = event.data();
            match data.as_string() {
                Some(text) => on_response(&text),
                // Files with their bytes beside: the example.
                None => on_files(&data),
            }
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|_event: web_sys::Event| {
        worker_failed("the background reader could not start; reading on the page instead");
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Some(worker)
}

/// Starts the worker now if files this big (or workbooks) are coming, so it
/// downloads and compiles while the browser reads them (≈0.1 s saved).
pub fn warm_up(bytes: usize, workbook: bool) {
    CLIENT.with(|c| {
        if let Some(c) = c.borrow_mut().as_mut() {
            let wanted = forced().unwrap_or(bytes > WORKER_ABOVE_BYTES || workbook);
            if wanted && c.worker.is_none() && !c.worker_failed {
                c.worker = start_worker();
                c.worker_failed = c.worker.is_none();
                c.worker_ready = false;
            }
        }
    });
}

/// Whether the last read ran off the page (for the status line and tests).
pub fn in_worker() -> bool {
    CLIENT.with(|c| c.borrow().as_ref().is_some_and(|c| c.mode == Mode::Worker))
}

/// Reads the state's files (all of them: the worker keeps no old data).
/// The page holds only their handles; where the engine runs, they are read.
pub fn load(import_from: Option<usize>) {
    let today = browser::today();
    let Some(state) = CLIENT.with(|c| c.borrow().as_ref().map(|c| c.state)) else {
        return;
    };
    let (count, size, workbook) = state.inputs.with_untracked(|inputs| {
        (
            inputs.len(),
            inputs.iter().map(|f| f.size).sum::<usize>(),
            inputs.iter().any(|f| f.workbook),
        )
    });
    let request = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.as_mut()?;
        c.next_id += 1;
        c.load_id = c.next_id;
        c.import_from = import_from;
        c.sent_at = browser::now_ms();
        // Workbooks need the worker: the page's own module leaves the xlsx
        // reader out to stay small. Once the worker runs (the example
        // started it, or a large read), it takes every read: it is built
        // for speed, the page's module for size, and it keeps the page free.
        let running = c.worker.is_some() && !c.worker_failed;
        let wanted = forced().unwrap_or(size > WORKER_ABOVE_BYTES || workbook || running);
        if wanted && c.worker.is_none() && !c.worker_failed {
            c.worker = start_worker();
            c.worker_failed = c.worker.is_none();
            c.worker_ready = false;
        }
        c.mode = if wanted && c.worker.is_some() {
            Mode::Worker
        } else {
            Mode::Page
        };
        // The drill-downs were counted from what is now replaced.
        c.fallback = None;
        c.page_drill = None;
        let worker = (c.mode == Mode::Worker).then(|| c.worker.clone()).flatten();
        Some((c.load_id, worker))
    });
    let Some((id, worker)) = request else {
        return;
    };
    state
        .busy
        .set(Some(format!("Reading and checking {count} file(s)…")));
    match worker {
        Some(worker) => {
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
                measure_parse: bench_parse(),
            };
            send_request(&worker, &request, Some(handles));
        }
        None => leptos::task::spawn_local(load_on_page(state, id, today)),
    }
}

/// The page's fallback load: reads the files (the bytes live only for the
/// load; the data set the engine made of them stays) and loads them.
async fn load_on_page(state: AppState, id: u32, today: jiff::civil::Date) {
    let current = move || CLIENT.with(|c| c.borrow().as_ref().is_some_and(|c| c.load_id == id));
    browser::yield_to_browser().await;
    let chosen = state.inputs.get_untracked();
    let (inputs, unread) = files::read_all(&chosen).await;
    drop(chosen);
    // Another load (or a cancel) came while the files were read.
    if !current() {
        return;
    }
    let started = browser::now_ms();
    let loaded = scorecard::load(&inputs, Settings::default(), today, |_| {});
    drop(inputs);
    let response = Response::Loaded {
        id,
        imports: Box::new(loaded.imports.clone()),
        latest_month: scorecard::default_month(&loaded.dataset),
        read_ms: browser::now_ms() - started,
        // The page's own memory is `data-heap-bytes`.
        heap_bytes: 0.0,
        unread,
        files: scorecard::summaries(&loaded),
    };
    CLIENT.with(|c| {
        if let Some(c) = c.borrow_mut().as_mut() {
            c.fallback = Some(Arc::new(loaded));
        }
    });
    handle(response);
}

/// Posts a request as `{json, files}`: the `File` handles beside it when
/// it carries any. They are cloned, not transferred (a `File` cannot be):
/// the clone shares the browser's bytes, so nothing is copied.
fn send_request(worker: &web_sys::Worker, request: &Request, files: Option<js_sys::Array>) {
    let message = js_sys::Object::new();
    let json = serde_json::to_string(request).unwrap_or_default();
    let _ = js_sys::Reflect::set(&message, &"json".into(), &json.into());
    if let Some(files) = files {
        let _ = js_sys::Reflect::set(&message, &"files".into(), &files);
    }
    send(worker, message.into());
}

/// Posts a message, or keeps it until the worker says it is ready.
fn send(worker: &web_sys::Worker, message: JsValue) {
    let ready = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let Some(c) = c.as_mut() else { return true };
        if !c.worker_ready {
            c.waiting.push(message.clone());
        }
        c.worker_ready
    });
    if ready {
        let _ = worker.post_message(&message);
    }
}

/// The worker is listening: send what waited.
fn worker_ready() {
    let (worker, waiting) = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let Some(c) = c.as_mut() else {
            return (None, Vec::new());
        };
        c.worker_ready = true;
        (c.worker.clone(), std::mem::take(&mut c.waiting))
    });
    if let Some(worker) = worker {
        for message in waiting {
            let _ = worker.post_message(&message);
        }
    }
}

/// Computes the scorecard of what was read with these settings.
pub fn compute(settings: Settings, month: Option<Month>) {
    let request = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.as_mut()?;
        c.next_id += 1;
        c.compute_id = c.next_id;
        let worker = (c.mode == Mode::Worker).then(|| c.worker.clone()).flatten();
        Some((c.compute_id, worker, c.fallback.clone()))
    });
    let Some((id, worker, fallback)) = request else {
        return;
    };
    match worker {
        Some(worker) => {
            let request = Request::Compute {
                id,
                settings: Box::new(settings),
                month,
            };
            send_request(&worker, &request, None);
        }
        None => {
            let started = browser::now_ms();
            // Drill rows kept aside as the worker does, so the page has one way to ask.
            let (result, drill) = compute_apart(fallback.as_deref(), &settings, month);
            let drill_counts = drill.as_ref().map(Drills::lens).unwrap_or_default();
            CLIENT.with(|c| {
                if let Some(c) = c.borrow_mut().as_mut() {
                    c.page_drill = drill;
                }
            });
            handle(Response::Scorecard {
                id,
                result,
                drill_counts,
                compute_ms: browser::now_ms() - started,
                heap_bytes: 0.0,
            });
        }
    }
}

/// Fills `into` with the drill-down rows of the shown scorecard's
/// indicator at `index`: at once when the page computed it, else when the
/// worker answers.
pub fn drill(index: usize, into: DrillRows) {
    let request = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.as_mut()?;
        let worker = (c.mode == Mode::Worker).then(|| c.worker.clone()).flatten();
        match worker {
            None => {
                let rows = c
                    .page_drill
                    .as_ref()
                    .map(|drills| drills.rows(index))
                    .unwrap_or_default();
                into.try_set(Some(Arc::new(rows)));
                None
            }
            Some(worker) => {
                c.next_id += 1;
                c.drill_waiting.push((c.next_id, into));
                Some((worker, c.next_id, c.compute_id))
            }
        }
    });
    if let Some((worker, id, compute)) = request {
        let request = Request::Drill {
            id,
            compute,
            indicator: index,
        };
        send_request(&worker, &request, None);
    }
}

/// Stops reading: the worker is ended and a fresh one started.
pub fn cancel() {
    let state = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.as_mut()?;
        if let Some(worker) = c.worker.take() {
            worker.terminate();
        }
        c.worker_ready = false;
        c.waiting.clear();
        c.load_id = 0;
        c.compute_id = 0;
        Some(c.state)
    });
    if let Some(state) = state {
        state.busy.set(None);
        state.done.set(None);
        state.loaded.set(None);
        state.scorecard.set(None);
        state.inputs.set(Vec::new());
        state.notice.set(Some(
            "Reading cancelled: add the files again when you are ready.".into(),
        ));
    }
}

fn worker_failed(why: &str) {
    let retry = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.as_mut()?;
        c.worker = None;
        c.worker_failed = true;
        c.waiting.clear();
        c.mode = Mode::Page;
        let example = std::mem::take(&mut c.example_id) != 0;
        Some((c.state, c.import_from, example))
    });
    if let Some((state, import_from, example)) = retry {
        if example {
            state.busy.set(None);
            state.notice.set(Some(NO_EXAMPLE.to_string()));
            return;
        }
        state.notice.set(Some(why.to_string()));
        if state.inputs.with_untracked(|inputs| !inputs.is_empty()) {
            load(import_from);
        }
    }
}

const NO_EXAMPLE: &str =
    "The example is made by the page's background reader, which this browser could not start.";

/// Makes the built-in example's files in the worker, which holds the
/// generator (its plan tables would add 60 KB gzip to the page's first
/// download); they arrive in `on_files` and are added like chosen files.
pub fn load_example() {
    let request = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.as_mut()?;
        if c.worker.is_none() && !c.worker_failed {
            c.worker = start_worker();
            c.worker_failed = c.worker.is_none();
            c.worker_ready = false;
        }
        c.next_id += 1;
        c.example_id = c.next_id;
        Some((c.worker.clone(), c.example_id, c.state))
    });
    let Some((worker, id, state)) = request else {
        return;
    };
    match worker {
        Some(worker) => {
            send_request(&worker, &Request::Example { id }, None);
        }
        None => {
            CLIENT.with(|c| {
                if let Some(c) = c.borrow_mut().as_mut() {
                    c.example_id = 0;
                }
            });
            state.busy.set(None);
            state.notice.set(Some(NO_EXAMPLE.to_string()));
        }
    }
}

/// A message of files from the worker: `{json, bytes}`, the example's.
fn on_files(data: &JsValue) {
    let json = js_sys::Reflect::get(data, &"json".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let Ok(Response::Example { id, names }) = serde_json::from_str::<Response>(&json) else {
        return;
    };
    let waiting = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.as_mut()?;
        (c.example_id == id).then(|| {
            c.example_id = 0;
            c.state
        })
    });
    let Some(state) = waiting else {
        return;
    };
    let bytes = js_sys::Reflect::get(data, &"bytes".into())
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Array>().ok());
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
    state.add_files(chosen);
}

fn on_response(text: &str) {
    if text == "ready" {
        worker_ready();
        return;
    }
    if let Some(panic) = text.strip_prefix("panic:") {
        web_sys::console::error_1(&format!("background reader stopped: {panic}").into());
        worker_failed("the background reader stopped unexpectedly; reading on the page instead");
        return;
    }
    if let Ok(response) = serde_json::from_str::<Response>(text) {
        handle(response);
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

fn handle(response: Response) {
    let Some((state, load_id, compute_id, import_from, sent_at)) = CLIENT.with(|c| {
        c.borrow()
            .as_ref()
            .map(|c| (c.state, c.load_id, c.compute_id, c.import_from, c.sent_at))
    }) else {
        return;
    };
    match response {
        Response::Progress { id, text, done } if id == load_id => {
            state.busy.set(Some(text));
            state.done.set(done);
        }
        Response::Loaded {
            id,
            imports,
            latest_month,
            read_ms,
            heap_bytes,
            unread,
            files,
        } if id == load_id => {
            state.done.set(None);
            state.files.set(files);
            forget_unread(state, &unread);
            if let Some(first) = import_from {
                let first = index_without(first, &unread);
                let imported = state
                    .settings
                    .with_untracked(|base| imports.apply_since(base, first));
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
                if heap_bytes > 0.0 {
                    s.worker_heap = heap_bytes;
                }
            });
            state.timing.set(Some(format!(
                "Read {count} file(s), {megabytes:.1} MB, in {:.2} s{}.",
                read_ms / 1000.0,
                if in_worker() {
                    " in the background"
                } else {
                    ""
                }
            )));
            state.busy.set(Some("Computing the scorecard…".into()));
            state
                .loaded
                .set((count > 0).then_some(LoadInfo { latest_month }));
        }
        Response::Scorecard {
            id,
            result,
            drill_counts,
            compute_ms,
            heap_bytes,
        } if id == compute_id => {
            let received = browser::now_ms();
            state.busy.set(None);
            state.done.set(None);
            // Before the scorecard: its drill-downs read their counts once.
            state.drill_counts.set(drill_counts);
            if bench_parse() && in_worker() && state.steps.with_untracked(|s| s.parse == 0.0) {
                send_parse_request();
            }
            state
                .scorecard
                .set(Some(result.map(|card| Arc::new(*card))));
            request_animation_frame(move || {
                let render = browser::now_ms() - received;
                state.steps.update(|s| {
                    *s = Steps {
                        read: s.read,
                        parse: s.parse,
                        compute: compute_ms,
                        render,
                        worker_heap: if heap_bytes > 0.0 {
                            heap_bytes
                        } else {
                            s.worker_heap
                        },
                    }
                });
            });
            let _ = sent_at;
        }
        Response::Parsed {
            parse_ms, files, ..
        } if files > 0 => {
            state.steps.update(|s| s.parse = parse_ms);
        }
        Response::Drill { id, rows } => {
            let into = CLIENT.with(|c| {
                let mut c = c.borrow_mut();
                let c = c.as_mut()?;
                let at = c
                    .drill_waiting
                    .iter()
                    .position(|(waiting, _)| *waiting == id)?;
                Some(c.drill_waiting.swap_remove(at).1)
            });
            if let Some(into) = into {
                // The list may have closed with its scorecard meanwhile.
                into.try_set(Some(Arc::new(rows)));
            }
        }
        _ => {}
    }
}
