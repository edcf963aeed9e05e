//! The history kept in this browser's local storage (history.md,
//! "Sign-off"): a copy of `scorecard-history.json` made at each sign-off,
//! so a sign-off is never lost when the file is not saved, and read again
//! (as a file named `KEPT_NAME`) the next time the page opens. It holds
//! aggregates only: figures, dates, file names and commentary.

use crate::ui::browser;
use crate::ui::files::{self, ChosenFile};

/// The download's name (history.md).
pub(crate) const FILE_NAME: &str = "scorecard-history.json";

/// The kept copy's name in the file list.
pub(crate) const KEPT_NAME: &str = "scorecard-history (kept in this browser).json";

const KEY: &str = "csc-scorecard:history";

/// Keeps `json` in local storage; whether the browser kept it (it may be
/// full, or storage turned off).
pub(crate) fn keep(json: &str) -> bool {
    browser::save(KEY, json);
    browser::load(KEY).is_some_and(|kept| kept.len() == json.len())
}

/// The copy kept, as a file to read with the others.
pub(crate) fn kept_file() -> Option<ChosenFile> {
    as_file(&browser::load(KEY)?)
}

/// A history as a file to read with the others, named as the kept copy.
pub(crate) fn as_file(json: &str) -> Option<ChosenFile> {
    let bytes = js_sys::Uint8Array::from(json.as_bytes());
    files::from_bytes(KEPT_NAME.to_string(), &bytes)
}

/// Forgets the kept copy.
pub(crate) fn forget() {
    browser::forget(KEY);
}
