//! The files the analyst chose, as the browser's `File` handles (Blobs:
//! the bytes stay with the browser, none in the page's memory) with what
//! the page needs to know of each without reading it: name, size and the
//! analyst's overrides. Only the worker reads them (`engine_worker`), from
//! the handles it is sent. Before, the page kept every file's bytes (62 MB
//! for 60 MB of CSV) and copied them again to the worker.

use wasm_bindgen::JsValue;

use crate::domain::ingest::{FileOverrides, MAX_FILE_BYTES, too_big_message};

/// A chosen file: a handle, never its bytes.
#[derive(Clone)]
pub(crate) struct ChosenFile {
    pub(crate) file: web_sys::File,
    pub(crate) name: String,
    pub(crate) size: usize,
    pub(crate) overrides: FileOverrides,
}

/// Takes a chosen file, refused by its size before any of it is read (a
/// 300 MB file is turned away without being opened).
pub(crate) fn choose(file: web_sys::File) -> Result<ChosenFile, String> {
    let name = file.name();
    let size = file.size() as usize;
    if size > MAX_FILE_BYTES {
        return Err(format!("{name}: {}", too_big_message(size)));
    }
    Ok(ChosenFile {
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
    Some(ChosenFile {
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
