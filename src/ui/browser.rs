//! The few browser facilities the page needs, behind plain functions:
//! downloads (a Blob and an object URL, never a network request), local
//! storage (settings and commentary only, never child-level data), today's
//! date, and reading files (the chosen files are kept as handles and read
//! only for a load: see `files`).

use jiff::civil::Date;
use wasm_bindgen::JsCast;

/// Today's date on the user's machine (for the as-at fallback).
pub(crate) fn today() -> Date {
    let now = js_sys::Date::new_0();
    let year = i16::try_from(now.get_full_year()).unwrap_or(2000);
    let month = i8::try_from(now.get_month() + 1).unwrap_or(1);
    let day = i8::try_from(now.get_date()).unwrap_or(1);
    Date::new(year, month, day).unwrap_or(Date::MIN)
}

/// Offers `content` as a file download named `name`.
pub(crate) fn download(name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        download_blob(name, &blob);
    }
}

/// Offers bytes as a download (a paper the worker made).
pub(crate) fn download_bytes(name: &str, mime: &str, bytes: &js_sys::Uint8Array) {
    let parts = js_sys::Array::of1(bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) {
        download_blob(name, &blob);
    }
}

/// Offers a blob as a download under `name`.
fn download_blob(name: &str, blob: &web_sys::Blob) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Some(anchor) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// A value from local storage.
pub fn load(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

/// Keeps a value in local storage (settings and commentary only).
pub fn save(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

/// Forgets a value.
pub fn forget(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// The files of a file list (from an input or a drop).
pub(crate) fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Starts reading a file. The browser reads every started file at once, so
/// starting them all before awaiting any is 2–4× faster than one by one
/// (60 MB in 25 files: 0.2 s against 0.6 s in Chromium).
pub(crate) fn start_reading(file: &web_sys::Blob) -> wasm_bindgen_futures::JsFuture {
    wasm_bindgen_futures::JsFuture::from(file.array_buffer())
}

/// The bytes of a started read.
pub(crate) async fn finish_reading(
    read: wasm_bindgen_futures::JsFuture,
) -> Result<Vec<u8>, String> {
    match read.await {
        Ok(buffer) => Ok(js_sys::Uint8Array::new(&buffer).to_vec()),
        Err(error) => Err(why_unreadable(error)),
    }
}

/// Why the browser could not read a file, in a sentence. The page keeps
/// only handles, so a file changed or moved on disk since it was chosen
/// fails here: say how to recover.
pub(crate) fn why_unreadable(error: wasm_bindgen::JsValue) -> String {
    let why = error
        .dyn_into::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default();
    let why = why.trim_end_matches('.');
    if why.is_empty() {
        "the browser could not read it (changed or moved since it was chosen?): add it again".into()
    } else {
        format!("the browser could not read it ({why}): add it again")
    }
}

/// Reads a blob's bytes (a settings file, a file's first bytes).
pub(crate) async fn read_blob(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    finish_reading(start_reading(blob)).await
}

/// Reads a file's bytes.
pub(crate) async fn read_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    read_blob(&file).await
}

/// Milliseconds since the page started, for timing the steps.
pub(crate) fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// This module instance's WebAssembly memory in bytes (the page's or the
/// worker's): it only grows, so it is the high-water mark.
pub(crate) fn heap_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|memory| memory.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0.0, |buffer| f64::from(buffer.byte_length()))
}
