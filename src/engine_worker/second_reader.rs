//! The second worker: a copy of this worker, started by it, that reads the
//! last files of a large load on the machine's other core while the engine
//! reads the first ones (`load_share` says which), and sends each file's
//! records back as bytes (`ingest::transfer`). Reading is most of a load's
//! time, and one worker used one core (issue 18).
//!
//! Both sides are here: `SecondReader` is the engine's handle on it, and
//! `read_share` what the second worker does with a share.
//!
//! Owns: the second worker and the answers in flight. Must not: be needed.
//! When it cannot start, fails or sends bytes that do not read back, the
//! engine reads those files itself, as it did before there was one.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::read_ahead::ReadAhead;
use crate::domain::ingest::{load_files, transfer};
use crate::load_share::ShareRequest;
use crate::ui::browser::heap_bytes;
use crate::worker_protocol::FileMeta;

/// The name the second worker is started with: how it knows it is the
/// second (it starts no worker of its own, and warms up only its reading).
const NAME: &str = "second-reader";

/// Whether this worker is the second (started with `NAME`).
pub(super) fn is_second(scope: &web_sys::DedicatedWorkerGlobalScope) -> bool {
    scope.name() == NAME
}

/// How long the engine waits for the second worker's warm-up, after its
/// own, before it says `warm` anyway (a second worker that never
/// started says nothing at all).
const WARM_WAIT_MS: i32 = 5000;

/// What the engine knows of the second worker, updated by its messages.
#[derive(Default)]
struct State {
    /// Until it fails: then it is ended, its memory freed.
    worker: Option<web_sys::Worker>,
    /// It is listening: a share sent now is read.
    ready: bool,
    /// It stopped (an error or a panic): nothing more will come.
    failed: bool,
    warm: bool,
    /// Resolve the waits for its warm-up (`warm`).
    on_warm: Vec<js_sys::Function>,
    /// The share being read: its load's id, and each file's resolve in
    /// share order (`None` once answered).
    share: u32,
    answers: Vec<Option<js_sys::Function>>,
    /// Its WebAssembly memory, as it last said.
    heap_bytes: f64,
}

impl State {
    /// Ends the second worker and every wait on it: the files not
    /// answered are the engine's to read.
    fn give_up(&mut self) {
        self.failed = true;
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
        self.stop_waiting_for_warm();
        self.drop_answers();
    }

    fn stop_waiting_for_warm(&mut self) {
        for resolve in self.on_warm.drain(..) {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }

    /// Resolves the answers still awaited as "read it yourself".
    fn drop_answers(&mut self) {
        for resolve in self.answers.drain(..).flatten() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}

/// The engine's handle on the second worker.
pub(super) struct SecondReader {
    worker: web_sys::Worker,
    state: Rc<RefCell<State>>,
}

impl SecondReader {
    /// Starts the second worker from this worker's own script; `None` when
    /// the browser starts no worker from a worker, or not from this one's
    /// URL (the single-file page opened from `file://`: a `blob:` URL in
    /// an opaque origin, which Chromium refuses).
    pub(super) fn start() -> Option<SecondReader> {
        let href = js_sys::Reflect::get(&js_sys::global(), &"location".into())
            .and_then(|location| js_sys::Reflect::get(&location, &"href".into()))
            .ok()?
            .as_string()?;
        let options = web_sys::WorkerOptions::new();
        options.set_name(NAME);
        let worker = web_sys::Worker::new_with_options(&href, &options).ok()?;
        let state = Rc::new(RefCell::new(State {
            worker: Some(worker.clone()),
            ..State::default()
        }));
        let on_message = {
            let state = state.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                on_message(&mut state.borrow_mut(), &event.data());
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let on_error = {
            let state = state.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                // Handled here: unhandled, a worker's error is raised again
                // in its parent, and the page would take this worker for dead.
                event.prevent_default();
                state.borrow_mut().give_up();
            })
        };
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        Some(SecondReader { worker, state })
    }

    /// Resolves once the second worker has warmed up, cannot, or was
    /// given files before it had (its warm-up then stops), or after
    /// `WARM_WAIT_MS` whatever it says.
    pub(super) fn warm(&self) -> JsFuture {
        let mut state = self.state.borrow_mut();
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            if state.warm || state.failed {
                let _ = resolve.call0(&JsValue::UNDEFINED);
                return;
            }
            let timer = js_sys::global()
                .dyn_into::<web_sys::WorkerGlobalScope>()
                .map(|scope| {
                    scope.set_timeout_with_callback_and_timeout_and_arguments_0(
                        &resolve,
                        WARM_WAIT_MS,
                    )
                });
            if !matches!(timer, Ok(Ok(_))) {
                let _ = resolve.call0(&JsValue::UNDEFINED);
                return;
            }
            state.on_warm.push(resolve);
        });
        JsFuture::from(promise)
    }

    /// Its WebAssembly memory as it last said (0 before it said).
    pub(super) fn heap_bytes(&self) -> f64 {
        self.state.borrow().heap_bytes
    }

    /// Asks it to read `files` (their handles beside them) for load `id`:
    /// each file's encoded records, in order, as they come (`None` for a
    /// file the engine must read itself). `None` when it is not listening.
    pub(super) fn share(
        &self,
        request: &ShareRequest,
        handles: &[Option<web_sys::Blob>],
    ) -> Option<VecDeque<JsFuture>> {
        let mut state = self.state.borrow_mut();
        if !state.ready || state.failed || request.files.is_empty() {
            return None;
        }
        let json = serde_json::to_string(request).ok()?;
        let files = js_sys::Array::new();
        for handle in handles {
            files.push(
                handle
                    .as_ref()
                    .map_or(&JsValue::UNDEFINED, |blob| blob.as_ref()),
            );
        }
        let message = js_sys::Object::new();
        js_sys::Reflect::set(&message, &"share".into(), &json.into()).ok()?;
        js_sys::Reflect::set(&message, &"files".into(), &files).ok()?;
        self.worker.post_message(&message).ok()?;
        state.stop_waiting_for_warm();
        state.share = request.id;
        state.drop_answers();
        let mut answers = VecDeque::new();
        for _ in &request.files {
            let promise = js_sys::Promise::new(&mut |resolve, _reject| {
                state.answers.push(Some(resolve));
            });
            answers.push_back(JsFuture::from(promise));
        }
        Some(answers)
    }
}

/// In the second worker: says its WebAssembly memory (after its warm-up,
/// so the engine's figure holds both workers' before any load).
pub(super) fn post_heap(scope: &web_sys::DedicatedWorkerGlobalScope) {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"heap".into(), &heap_bytes().into());
    let _ = scope.post_message(&message);
}

/// In the second worker: a share it could not read as one. The engine
/// gives it up and reads every file itself.
pub(super) fn refuse(scope: &web_sys::DedicatedWorkerGlobalScope) {
    let _ = scope.post_message(&JsValue::from_str("refused"));
}

/// The encoded records a share's answer carries (`None`: read it yourself).
pub(super) fn answer_bytes(answer: &Result<JsValue, JsValue>) -> Option<Vec<u8>> {
    answer
        .as_ref()
        .ok()?
        .dyn_ref::<js_sys::Uint8Array>()
        .map(js_sys::Uint8Array::to_vec)
}

/// A message from the second worker: `ready`, `warm`, `{heap}` after its
/// warm-up, a file's answer `{shared, index, bytes, heap}`, or anything
/// else (`panic:…`, `refused`): it is given up.
fn on_message(state: &mut State, data: &JsValue) {
    match data.as_string().as_deref() {
        Some("ready") => state.ready = true,
        Some("warm") => {
            state.warm = true;
            for resolve in state.on_warm.drain(..) {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        }
        Some(_) => state.give_up(),
        None => {
            let field = |name: &str| js_sys::Reflect::get(data, &name.into()).ok();
            let number = |name: &str| field(name).and_then(|v| v.as_f64());
            if let Some(heap) = number("heap") {
                state.heap_bytes = heap;
            }
            let (Some(share), Some(index)) = (number("shared"), number("index")) else {
                return;
            };
            if share as u32 != state.share {
                return;
            }
            let bytes = field("bytes").unwrap_or(JsValue::UNDEFINED);
            if let Some(resolve) = state.answers.get_mut(index as usize).and_then(Option::take) {
                let _ = resolve.call1(&JsValue::UNDEFINED, &bytes);
            }
        }
    }
}

/// The second worker's side: reads the share's files in order, as the
/// engine would read them (`load_files`, the engine's date and each
/// file's overrides), and posts each one's records as they are read, the
/// bytes transferred, not copied. A file it cannot read or whose records
/// do not cross (a settings document, history, commentary) is answered
/// without bytes: the engine reads it and says what is wrong with it.
pub(super) async fn read_share(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    request: ShareRequest,
    handles: Vec<Option<web_sys::Blob>>,
) {
    let ShareRequest { id, today, files } = request;
    let mut reads = ReadAhead::new(handles);
    for (index, FileMeta { name, overrides }) in files.into_iter().enumerate() {
        let encoded = match reads.next_file().await {
            Some(Ok(bytes)) => transfer::encode(&load_files(&name, &bytes, 0, &overrides, today)),
            _ => None,
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"shared".into(), &id.into());
        let _ = js_sys::Reflect::set(&message, &"index".into(), &(index as u32).into());
        let _ = js_sys::Reflect::set(&message, &"heap".into(), &heap_bytes().into());
        let transfer = js_sys::Array::new();
        if let Some(encoded) = encoded {
            let array = js_sys::Uint8Array::from(encoded.as_slice());
            transfer.push(&array.buffer());
            let _ = js_sys::Reflect::set(&message, &"bytes".into(), &array);
        }
        let _ = scope.post_message_with_transfer(&message, &transfer);
    }
}
