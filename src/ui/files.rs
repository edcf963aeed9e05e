//! The files the analyst chose, as the browser's `File` handles (Blobs:
//! the bytes stay with the browser, none in the page's memory) with what
//! the page needs to know of each without reading it: name, size, whether
//! it is a workbook, and the analyst's overrides. Reading happens only
//! where the engine runs: the worker reads the handles it is sent
//! (`engine_worker`), the page's fallback reads them here just before a
//! load and drops the bytes after it. Before, the page kept every file's
//! bytes (62 MB for 60 MB of CSV) and copied them again to the worker.

use wasm_bindgen::JsValue;

use crate::domain::ingest::{
    FileOverrides, MAX_FILE_BYTES, is_workbook_name, is_zip, too_big_message,
};
use crate::domain::scorecard::InputFile;
use crate::ui::browser;
use crate::worker_protocol::Unread;

/// A chosen file: a handle, never its bytes.
#[derive(Clone)]
pub(crate) struct ChosenFile {
    pub(crate) file: web_sys::File,
    pub(crate) name: String,
    pub(crate) size: usize,
    /// A zip (an Excel workbook): only the worker's module reads those.
    pub(crate) workbook: bool,
    pub(crate) overrides: FileOverrides,
}

/// Takes a chosen file: refused by its size before any of it is read (a
/// 300 MB file is turned away without being opened), and its first four
/// bytes read to tell a workbook whatever its name (a renamed `.xlsx` must
/// still go to the worker, which has the xlsx reader).
pub(crate) async fn choose(file: web_sys::File) -> Result<ChosenFile, String> {
    let name = file.name();
    let size = file.size() as usize;
    if size > MAX_FILE_BYTES {
        return Err(format!("{name}: {}", too_big_message(size)));
    }
    let head = match file.slice_with_i32_and_i32(0, 4) {
        Ok(head) => browser::read_blob(&head)
            .await
            .map_err(|why| format!("{name}: {why}"))?,
        Err(_) => Vec::new(),
    };
    Ok(ChosenFile {
        workbook: is_workbook_name(&name) || is_zip(&head),
        file,
        name,
        size,
        overrides: FileOverrides::default(),
    })
}

/// A file made from bytes the worker sent (the example's): once a `File`,
/// the page's copy of the bytes is dropped and it is treated like a chosen
/// one.
pub(crate) fn from_bytes(name: String, bytes: &js_sys::Uint8Array) -> Option<ChosenFile> {
    let file = web_sys::File::new_with_u8_array_sequence(&js_sys::Array::of1(bytes), &name).ok()?;
    let head = bytes.subarray(0, 4.min(bytes.length())).to_vec();
    Some(ChosenFile {
        workbook: is_workbook_name(&name) || is_zip(&head),
        size: bytes.length() as usize,
        file,
        name,
        overrides: FileOverrides::default(),
    })
}

/// The handles, in order, for the worker's Load message (a structured
/// clone of a `File` is a reference to the same bytes, not a copy).
pub(crate) fn handles(files: &[ChosenFile]) -> js_sys::Array {
    files
        .iter()
        .map(|f| JsValue::from(f.file.clone()))
        .collect()
}

/// The page's fallback: reads every file (all started at once, which is
/// 2–4× faster than one by one) for one load; the caller drops the bytes
/// once loaded. Files that cannot be read are left out and reported.
pub(crate) async fn read_all(files: &[ChosenFile]) -> (Vec<InputFile>, Vec<Unread>) {
    let reads: Vec<_> = files
        .iter()
        .map(|f| browser::start_reading(&f.file))
        .collect();
    let mut inputs = Vec::with_capacity(files.len());
    let mut unread = Vec::new();
    for (index, (file, read)) in files.iter().zip(reads).enumerate() {
        match browser::finish_reading(read).await {
            Ok(bytes) => inputs.push(InputFile {
                name: file.name.clone(),
                bytes,
                overrides: file.overrides.clone(),
            }),
            Err(why) => unread.push((index, format!("{}: {why}", file.name))),
        }
    }
    (inputs, unread)
}
