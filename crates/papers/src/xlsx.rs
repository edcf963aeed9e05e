//! The Excel workbook (outputs.md, "Papers for a committee", 1).

use csc_engine::scorecard::Scorecard;
use csc_engine::settings::Settings;

use crate::PaperOptions;

/// The workbook's bytes.
pub fn workbook(
    _card: &Scorecard,
    _settings: &Settings,
    _options: &PaperOptions,
) -> Result<Vec<u8>, String> {
    Err("the Excel workbook is not written yet".into())
}
