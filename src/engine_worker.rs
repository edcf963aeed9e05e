//! The Web Worker side of the page: holds what was read and answers
//! `worker_protocol` requests, so reading and computing never block the
//! page. Charts stay on the page (plotters measures text through the DOM,
//! which a worker has not got).
//!
//! A load reads its files as the browser hands their bytes over, the next
//! few already being fetched (`read_ahead`), and computes the scorecard
//! the page will ask for as soon as it has answered (`ComputeAfterLoad`):
//! no round trip between the files and the first scorecard (issue 18).
//! The last files of a large load are read meanwhile on the other core by
//! a second worker of the same module (`second_reader`), whose records
//! the load takes back in the files' order.
//!
//! Owns: the worker's copy of what was read and the last scorecard's
//! drill-downs, between requests. Must not: touch the page's state (it
//! only answers messages), or compute anything the engine does not.
//! The page talks to it only through `ui::engine`.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::domain::scorecard::{self, Drills, InputFile, LoadStep, Loaded};
use crate::domain::settings::Settings;
use crate::load_share::{ShareRequest, first_shared};
use crate::ui::browser::{self, heap_bytes};
use crate::worker_protocol::{
    PaperInputs, Request, Response, Unread, compute_apart, history_json, make_paper, paper,
    settings_after_load, signed_off_history,
};

mod read_ahead;
mod second_reader;
mod warm_up;

use read_ahead::ReadAhead;
use second_reader::SecondReader;

thread_local! {
    /// Whether a load is reading its files (it awaits the disk between
    /// them) or the engine is warming up (`warm_up`, which yields).
    static BUSY: Cell<bool> = const { Cell::new(false) };
    /// Messages that came meanwhile, answered in order after it.
    static WAITING: RefCell<VecDeque<JsValue>> = const { RefCell::new(VecDeque::new()) };
    static LOADED: RefCell<Option<Loaded>> = const { RefCell::new(None) };
    /// The last scorecard's drill-downs as counted, with the id of the
    /// request that computed it; the page asks for an indicator's rows
    /// when its list is opened.
    static DRILL: RefCell<(u32, Option<Drills>)> = const { RefCell::new((0, None)) };
    /// The second worker, which reads the last files of a large load
    /// (`second_reader`); `None` in the second worker itself.
    static SECOND: RefCell<Option<SecondReader>> = const { RefCell::new(None) };
}

/// This worker's WebAssembly memory and the second worker's: what reading
/// and computing hold between them.
fn heap_bytes_with_second() -> f64 {
    heap_bytes()
        + SECOND.with(|second| {
            second
                .borrow()
                .as_ref()
                .map_or(0.0, SecondReader::heap_bytes)
        })
}

fn now_ms() -> f64 {
    js_sys::global()
        .dyn_into::<web_sys::WorkerGlobalScope>()
        .ok()
        .and_then(|scope| scope.performance())
        .map_or(0.0, |p| p.now())
}

/// Benchmark hooks (the `bench` feature, `scripts/bench` only).
#[cfg(feature = "bench")]
mod bench {
    use std::cell::RefCell;

    use crate::domain::ingest::decode::decode;
    use crate::domain::ingest::table::read_table;

    thread_local! {
        /// The file handles of a `measure_parse` load, for `Parse`
        /// (handles, not bytes, so the memory measured is the load's).
        static FILES: RefCell<Option<Vec<web_sys::Blob>>> = const { RefCell::new(None) };
    }

    /// Reads one file the page sent (a `File` handle) from disk:
    /// `FileReaderSync` blocks only this worker. A file the browser cannot
    /// read (changed or moved since chosen) gives why.
    pub(super) fn read_file(
        reader: &Result<web_sys::FileReaderSync, wasm_bindgen::JsValue>,
        blob: Option<&web_sys::Blob>,
    ) -> Result<Vec<u8>, String> {
        match (reader, blob) {
            (Ok(reader), Some(blob)) => reader
                .read_as_array_buffer(blob)
                .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
                .map_err(crate::ui::browser::why_unreadable),
            (Err(error), _) => Err(crate::ui::browser::why_unreadable(error.clone())),
            (_, None) => Err(crate::ui::browser::why_unreadable(
                wasm_bindgen::JsValue::UNDEFINED,
            )),
        }
    }

    /// Each file's wait for the disk and the engine's time on it, in the
    /// load's order, written to the worker's console when the load is read
    /// (`tests/e2e/bench/file-timeline.mjs` prints it): where a load's
    /// disk wait falls, file by file.
    pub(super) struct FileTimeline {
        started: f64,
        lines: String,
    }

    impl FileTimeline {
        pub(super) fn new(started: f64) -> FileTimeline {
            FileTimeline {
                started,
                lines: String::new(),
            }
        }

        /// A file asked of the disk at `asked`, there at `got`, read by
        /// the engine at `read` (ms on the worker's clock).
        pub(super) fn file(&mut self, name: &str, bytes: usize, asked: f64, got: f64, read: f64) {
            self.lines.push_str(&format!(
                "{:>7.1} ms: waited {:>5.1}, read {:>5.1} ms, {bytes:>9} bytes  {name}\n",
                asked - self.started,
                got - asked,
                read - got,
            ));
        }

        /// Writes the timeline, with when the load's merge ended.
        pub(super) fn write(mut self, merged: f64) {
            use wasm_bindgen::JsCast;
            self.lines
                .push_str(&format!("{:>7.1} ms: merged\n", merged - self.started));
            let global = js_sys::global();
            if let Ok(console) = js_sys::Reflect::get(&global, &"console".into())
                && let Ok(log) = js_sys::Reflect::get(&console, &"log".into())
                && let Ok(log) = log.dyn_into::<js_sys::Function>()
            {
                let _ = log.call1(&console, &self.lines.into());
            }
        }
    }

    /// Keeps a load's file handles when it asked for a later `Parse`.
    pub(super) fn keep(measure_parse: bool, handles: Vec<Option<web_sys::Blob>>) {
        FILES.with(|slot| {
            *slot.borrow_mut() = measure_parse.then(|| handles.into_iter().flatten().collect());
        });
    }

    /// The CSV step of reading alone (decode, split into a table of string
    /// cells) of the files kept, as `xtask/src/bin/bench_steps.rs` times it
    /// natively, to set beside Papa Parse on the same files in the same
    /// browser. Each file is read from disk untimed, then timed, then
    /// dropped, as a load holds them. Gives the time and how many files.
    pub(super) fn parse_kept() -> (f64, usize) {
        let files = FILES
            .with(|slot| slot.borrow_mut().take())
            .unwrap_or_default();
        let reader = web_sys::FileReaderSync::new();
        let mut parse_ms = 0.0;
        for file in &files {
            let Ok(bytes) = read_file(&reader, Some(file)) else {
                continue;
            };
            let started = super::now_ms();
            if let Ok(decoded) = decode(&bytes) {
                std::hint::black_box(read_table(&decoded.text).ok());
            }
            parse_ms += super::now_ms() - started;
        }
        (parse_ms, files.len())
    }
}

/// A load step as the page's progress line shows it, of `count` files and
/// `total_bytes` in all.
fn progress(id: u32, step: LoadStep<'_>, count: usize, total_bytes: usize) -> Response {
    match step {
        LoadStep::Reading {
            index,
            name,
            done_bytes,
        } => Response::Progress {
            id,
            text: format!("Reading {name} (file {} of {count})…", index + 1),
            done: Some(done_bytes as f64 / total_bytes.max(1) as f64),
        },
        LoadStep::Merging => Response::Progress {
            id,
            text: "Checking and merging the files…".to_string(),
            done: Some(1.0),
        },
    }
}

fn post(scope: &web_sys::DedicatedWorkerGlobalScope, response: &Response) {
    if let Ok(text) = serde_json::to_string(response) {
        let _ = scope.post_message(&JsValue::from_str(&text));
    }
}

/// Posts `response` with `bytes` beside it (`{json, bytes}`), transferred,
/// not copied: the example's files, a paper.
fn post_with_bytes(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    response: &Response,
    bytes: &[Vec<u8>],
) {
    let Ok(json) = serde_json::to_string(response) else {
        return;
    };
    let arrays = js_sys::Array::new();
    let transfer = js_sys::Array::new();
    for content in bytes {
        let array = js_sys::Uint8Array::from(content.as_slice());
        transfer.push(&array.buffer());
        arrays.push(&array);
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"json".into(), &json.into());
    let _ = js_sys::Reflect::set(&message, &"bytes".into(), &arrays);
    let _ = scope.post_message_with_transfer(&message, &transfer);
}

/// The page's charts for a Word paper: the PNG bytes beside the message
/// (`images`), in the order of their descriptions, by indicator id.
#[cfg(feature = "papers")]
fn chart_images(
    data: &JsValue,
    charts: Vec<crate::worker_protocol::ChartMeta>,
) -> std::collections::BTreeMap<String, Vec<csc_papers::ChartImage>> {
    let images = js_sys::Reflect::get(data, &"images".into())
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Array>().ok());
    let mut by_indicator: std::collections::BTreeMap<String, Vec<csc_papers::ChartImage>> =
        std::collections::BTreeMap::new();
    for (index, meta) in charts.into_iter().enumerate() {
        let Some(png) = images
            .as_ref()
            .and_then(|all| all.get(index as u32).dyn_into::<js_sys::Uint8Array>().ok())
        else {
            continue;
        };
        by_indicator
            .entry(meta.indicator)
            .or_default()
            .push(csc_papers::ChartImage {
                png: png.to_vec(),
                width_px: meta.width_px,
                height_px: meta.height_px,
                alt: meta.alt,
            });
    }
    by_indicator
}

/// Computes the scorecard of what was read and posts it, keeping its
/// drill-downs for the page's `Drill` requests.
fn compute(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    id: u32,
    settings: &Settings,
    month: Option<crate::domain::month::Month>,
) {
    let started = now_ms();
    let (result, drill) =
        LOADED.with(|slot| compute_apart(slot.borrow().as_ref(), settings, month));
    let drill_counts = drill.as_ref().map(Drills::lens).unwrap_or_default();
    DRILL.with(|slot| *slot.borrow_mut() = (id, drill));
    post(
        scope,
        &Response::Scorecard {
            id,
            result,
            drill_counts,
            compute_ms: now_ms() - started,
            heap_bytes: heap_bytes_with_second(),
        },
    );
}

/// Starts answering the page's messages. Message data: `{json, files}`
/// where `json` is a `Request` and `files` (a load's) the `File` handles
/// in order, which this worker reads itself: the page never holds the bytes.
pub fn start() {
    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
        return;
    };
    std::panic::set_hook(Box::new(|info| {
        if let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() {
            let _ = scope.post_message(&JsValue::from_str(&format!("panic:{info}")));
        }
    }));
    let for_messages = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            on_message(&for_messages, event.data());
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before this point were lost: tell the page to send now.
    let _ = scope.post_message(&JsValue::from_str("ready"));
    if !second_reader::is_second(&scope) {
        SECOND.with(|second| *second.borrow_mut() = SecondReader::start());
    }
    warm_up_then_answer(scope);
}

/// Warms the engine up (`warm_up`) while the page has nothing for it. A
/// message that comes meanwhile stops it and is answered as soon as the
/// warm-up has yielded to it. Says `warm` once V8 has settled after a
/// whole warm-up (the benchmark waits for it, as picking files would).
fn warm_up_then_answer(scope: web_sys::DedicatedWorkerGlobalScope) {
    BUSY.with(|busy| busy.set(true));
    wasm_bindgen_futures::spawn_local(async move {
        let page_waits = || WAITING.with(|waiting| !waiting.borrow().is_empty());
        // The second worker only reads: its warm-up computes nothing.
        let second = second_reader::is_second(&scope);
        let warmed = warm_up::run(now_ms, page_waits, !second).await;
        // V8 compiles a function when it is first called, and `handle`
        // (every answer inlined, the papers' writers too) is 500 KB of code
        // that took about 100 ms to compile when the first files came. A
        // message with no request compiles it and answers nothing.
        handle(&scope, &JsValue::UNDEFINED);
        BUSY.with(|busy| busy.set(false));
        answer_waiting(&scope);
        if second {
            second_reader::post_heap(&scope);
        }
        if warmed {
            warm_up::settled().await;
            // Warm means both workers: a load that came sooner would find
            // the second one still busy with its own warm-up.
            let second_warm =
                SECOND.with(|second| second.borrow().as_ref().map(SecondReader::warm));
            if let Some(second_warm) = second_warm {
                let _ = second_warm.await;
            }
            let _ = scope.post_message(&JsValue::from_str("warm"));
        }
    });
}

/// The `File` handles beside a message (`files`), in order.
fn file_handles(data: &JsValue) -> Vec<Option<web_sys::Blob>> {
    js_sys::Reflect::get(data, &"files".into())
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Array>().ok())
        .map(|all| all.iter().map(|v| v.dyn_into().ok()).collect())
        .unwrap_or_default()
}

/// A message from the page: answered now, or after the load or warm-up
/// in progress.
fn on_message(scope: &web_sys::DedicatedWorkerGlobalScope, data: JsValue) {
    if BUSY.with(Cell::get) {
        WAITING.with(|waiting| waiting.borrow_mut().push_back(data));
    } else {
        handle(scope, &data);
    }
}

/// Answers the messages that came during a load or the warm-up, in order, until one of
/// them starts another load (the rest then wait for that one).
fn answer_waiting(scope: &web_sys::DedicatedWorkerGlobalScope) {
    while !BUSY.with(Cell::get) {
        let Some(data) = WAITING.with(|waiting| waiting.borrow_mut().pop_front()) else {
            return;
        };
        handle(scope, &data);
    }
}

/// A load's request: read the files, tell the page, then compute the
/// scorecard it will ask for.
struct Load {
    id: u32,
    today: jiff::civil::Date,
    files: Vec<crate::worker_protocol::FileMeta>,
    then_compute: Option<crate::worker_protocol::ComputeAfterLoad>,
}

impl Load {
    async fn run(
        self,
        scope: &web_sys::DedicatedWorkerGlobalScope,
        handles: Vec<Option<web_sys::Blob>>,
    ) {
        let Load {
            id,
            today,
            files,
            then_compute,
        } = self;
        let count = files.len();
        let sizes: Vec<f64> = handles
            .iter()
            .map(|h| h.as_ref().map_or(0.0, |b| b.size()))
            .collect();
        let total_bytes = sizes.iter().sum::<f64>() as usize;
        // The last files go to the second worker when it is listening; the
        // engine keeps their handles in case it has to read them after all.
        let mut first_second = first_shared(&sizes);
        let request = ShareRequest {
            id,
            today,
            files: files.get(first_second..).unwrap_or_default().to_vec(),
        };
        let kept = handles.get(first_second..).unwrap_or_default().to_vec();
        let mut answers = SECOND
            .with(|second| second.borrow().as_ref()?.share(&request, &kept))
            .unwrap_or_else(|| {
                first_second = count;
                VecDeque::new()
            });
        let own_handles = handles.into_iter().take(first_second).collect();
        let mut reads = ReadAhead::new(own_handles);
        let mut loader = scorecard::Loader::new(today);
        let mut unread: Vec<Unread> = Vec::new();
        let mut disk_ms = 0.0;
        let mut second_files = 0;
        let mut opened_bytes = 0;
        let started = now_ms();
        #[cfg(feature = "bench")]
        let mut timeline = bench::FileTimeline::new(started);
        // Each file's bytes are dropped once the engine has read them: a
        // few files' bytes at a time in this worker's memory, not all.
        for (index, meta) in files.into_iter().enumerate() {
            let text = format!("Opening {} (file {} of {count})…", meta.name, index + 1);
            let done = Some(opened_bytes as f64 / total_bytes.max(1) as f64);
            post(scope, &Response::Progress { id, text, done });
            let size = sizes.get(index).copied().unwrap_or_default() as usize;
            // A file of the second worker's share: its records, unless it
            // left the file to the engine (then read from disk below).
            #[cfg(feature = "bench")]
            let waited = now_ms();
            let shared = index.checked_sub(first_second);
            let answer = shared.and_then(|_| answers.pop_front());
            let from_second = match answer {
                Some(answer) => second_reader::answer_bytes(&answer.await),
                None => None,
            };
            if let Some(encoded) = from_second {
                #[cfg(feature = "bench")]
                let got = now_ms();
                let added = loader.add_transferred(&meta.name, size, &encoded, |step| {
                    post(scope, &progress(id, step, count, total_bytes));
                });
                if added.is_ok() {
                    opened_bytes += size;
                    second_files += 1;
                    #[cfg(feature = "bench")]
                    timeline.file(&meta.name, encoded.len(), waited, got, now_ms());
                    continue;
                }
            }
            let asked = now_ms();
            let read = match shared {
                Some(k) => {
                    let handle = kept.get(k).cloned().flatten();
                    ReadAhead::new(vec![handle]).next_file().await
                }
                None => reads.next_file().await,
            };
            let got = now_ms();
            disk_ms += got - asked;
            match read {
                Some(Ok(bytes)) => {
                    opened_bytes += bytes.len();
                    let input = InputFile {
                        name: meta.name,
                        bytes,
                        overrides: meta.overrides,
                    };
                    loader.add(&input, |step| {
                        post(scope, &progress(id, step, count, total_bytes));
                    });
                    #[cfg(feature = "bench")]
                    timeline.file(&input.name, input.bytes.len(), asked, got, now_ms());
                }
                Some(Err(why)) => unread.push((index, format!("{}: {why}", meta.name))),
                None => {
                    let why = browser::why_unreadable(JsValue::UNDEFINED);
                    unread.push((index, format!("{}: {why}", meta.name)));
                }
            }
        }
        let loaded = loader.finish(Settings::default(), |step| {
            post(scope, &progress(id, step, count, total_bytes))
        });
        #[cfg(feature = "bench")]
        timeline.write(now_ms());
        // The engine's time; the waits for the disk are the browser's.
        let read_ms = now_ms() - started - disk_ms;
        let after_load = then_compute.map(|after| {
            let settings =
                settings_after_load(&after.settings, &loaded.imports, after.import_from, &unread);
            (after.id, settings, after.month)
        });
        let response = Response::Loaded {
            id,
            imports: Box::new(loaded.imports.clone()),
            latest_month: scorecard::latest_month(&loaded),
            earliest_month: scorecard::earliest_history_month(&loaded),
            read_ms,
            disk_ms,
            second_files,
            heap_bytes: heap_bytes_with_second(),
            unread,
            files: scorecard::summaries(&loaded),
            commentary: loaded.commentary.clone(),
        };
        LOADED.with(|slot| *slot.borrow_mut() = Some(loaded));
        post(scope, &response);
        if let Some((compute_id, settings, month)) = after_load {
            compute(scope, compute_id, &settings, month);
        }
    }
}

/// In the second worker: reads a share of a load for the engine's worker
/// (`second_reader`); messages that come meanwhile wait, as in a load.
fn read_share(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    json: &str,
    handles: Vec<Option<web_sys::Blob>>,
) {
    let Ok(request) = serde_json::from_str::<ShareRequest>(json) else {
        second_reader::refuse(scope);
        return;
    };
    BUSY.with(|busy| busy.set(true));
    let scope = scope.clone();
    wasm_bindgen_futures::spawn_local(async move {
        second_reader::read_share(&scope, request, handles).await;
        BUSY.with(|busy| busy.set(false));
        answer_waiting(&scope);
    });
}

fn handle(scope: &web_sys::DedicatedWorkerGlobalScope, data: &JsValue) {
    if let Some(share) = js_sys::Reflect::get(data, &"share".into())
        .ok()
        .and_then(|v| v.as_string())
    {
        read_share(scope, &share, file_handles(data));
        return;
    }
    let json = js_sys::Reflect::get(data, &"json".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let Ok(request) = serde_json::from_str::<Request>(&json) else {
        return;
    };
    match request {
        Request::Load {
            id,
            today,
            files,
            #[cfg(feature = "bench")]
            measure_parse,
            then_compute,
        } => {
            // A load replaces what was read: free it first (the peak is then
            // one data set, not two), with the drill-downs counted from it.
            LOADED.with(|slot| *slot.borrow_mut() = None);
            DRILL.with(|slot| *slot.borrow_mut() = (0, None));
            let handles = file_handles(data);
            #[cfg(feature = "bench")]
            bench::keep(measure_parse, handles.clone());
            // Reading awaits the disk: messages that come meanwhile wait
            // their turn (`on_message`), as they would behind a blocking read.
            BUSY.with(|busy| busy.set(true));
            let scope = scope.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let load = Load {
                    id,
                    today,
                    files,
                    then_compute,
                };
                load.run(&scope, handles).await;
                BUSY.with(|busy| busy.set(false));
                answer_waiting(&scope);
            });
        }
        Request::Compute {
            id,
            settings,
            month,
        } => compute(scope, id, &settings, month),
        #[cfg(feature = "bench")]
        Request::Parse { id } => {
            let (parse_ms, files) = bench::parse_kept();
            post(
                scope,
                &Response::Parsed {
                    id,
                    parse_ms,
                    files,
                },
            );
        }
        Request::Example { id } => {
            // The generator lives here, not in the page's module: its plan
            // tables are 200 KB the page's first download need not carry.
            let files = crate::example_data::generate(1);
            let (names, bytes): (Vec<String>, Vec<Vec<u8>>) = files.into_iter().unzip();
            post_with_bytes(scope, &Response::Example { id, names }, &bytes);
        }
        Request::Drill {
            id,
            compute,
            indicator,
        } => {
            let rows = DRILL.with(|slot| match &*slot.borrow() {
                (computed, Some(drills)) if *computed == compute => drills.rows(indicator),
                _ => Vec::new(),
            });
            post(scope, &Response::Drill { id, rows });
        }
        Request::SignOff {
            id,
            settings,
            month,
            commentary,
            today,
        } => {
            let json = LOADED.with(|slot| {
                signed_off_history(slot.borrow().as_ref(), &settings, month, &commentary, today)
            });
            let signed = Some(month);
            post(scope, &Response::History { id, json, signed });
        }
        Request::Paper {
            id,
            kind,
            settings,
            month,
            commentary,
            publishable,
            today,
            charts,
        } => {
            #[cfg(not(feature = "papers"))]
            let _ = charts;
            let inputs = PaperInputs {
                commentary,
                publishable,
                today,
                #[cfg(feature = "papers")]
                charts: chart_images(data, charts),
            };
            let made = LOADED.with(|slot| {
                paper(slot.borrow().as_ref(), kind, &settings, month, |card| {
                    make_paper(kind, card, &settings, inputs)
                })
            });
            match made {
                Ok((name, mime, bytes)) => {
                    let file = Ok((name, mime.to_string()));
                    post_with_bytes(scope, &Response::Paper { id, file }, &[bytes]);
                }
                Err(why) => post(scope, &Response::Paper { id, file: Err(why) }),
            }
        }
        Request::History { id } => {
            let json = LOADED.with(|slot| history_json(slot.borrow().as_ref()));
            post(
                scope,
                &Response::History {
                    id,
                    json,
                    signed: None,
                },
            );
        }
    }
}
