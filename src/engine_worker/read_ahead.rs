//! A load's files read from disk ahead of the engine: while the engine
//! reads one file, the browser (on its own threads) already fetches the
//! next few, so the worker seldom waits for the disk. Reading them one by
//! one with `FileReaderSync` left the worker idle for a third of a load of
//! 40 MB in 37 files (issue 18).
//!
//! Owns: the reads in flight. Must not: hold more than `AHEAD` files'
//! bytes beyond the one the engine reads (the peak stays a few files, not
//! the whole load).

use std::collections::VecDeque;

use wasm_bindgen_futures::JsFuture;

use crate::ui::browser;

/// How many files' reads are in flight at once.
const AHEAD: usize = 4;

/// The files of one load, handed out in order as their bytes arrive.
pub(super) struct ReadAhead {
    handles: Vec<Option<web_sys::Blob>>,
    /// The next file whose read is not started yet.
    next: usize,
    /// Reads started, in file order: `None` for a handle that is missing.
    pending: VecDeque<Option<JsFuture>>,
}

impl ReadAhead {
    pub(super) fn new(handles: Vec<Option<web_sys::Blob>>) -> ReadAhead {
        let mut reads = ReadAhead {
            handles,
            next: 0,
            pending: VecDeque::new(),
        };
        reads.start_more();
        reads
    }

    /// Starts reads until `AHEAD` are in flight or every file has one.
    fn start_more(&mut self) {
        while self.pending.len() < AHEAD {
            let Some(handle) = self.handles.get_mut(self.next) else {
                return;
            };
            // The handle is not needed once its read is started.
            let read = handle
                .take()
                .map(|blob| JsFuture::from(blob.array_buffer()));
            self.pending.push_back(read);
            self.next += 1;
        }
    }

    /// The next file's bytes, or why the browser could not read it; `None`
    /// once every file has been handed out. Starts the next read before
    /// waiting for this one.
    pub(super) async fn next_file(&mut self) -> Option<Result<Vec<u8>, String>> {
        let read = self.pending.pop_front()?;
        self.start_more();
        Some(match read {
            Some(read) => read
                .await
                .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
                .map_err(browser::why_unreadable),
            None => Err(browser::why_unreadable(wasm_bindgen::JsValue::UNDEFINED)),
        })
    }
}
