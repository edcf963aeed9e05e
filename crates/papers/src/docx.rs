//! The Word document (outputs.md, "Papers for a committee", 2).

use csc_engine::scorecard::Scorecard;
use csc_engine::settings::Settings;

use crate::PaperOptions;

/// The document's bytes.
pub fn document(
    _card: &Scorecard,
    _settings: &Settings,
    _options: &PaperOptions,
) -> Result<Vec<u8>, String> {
    Err("the Word document is not written yet".into())
}
