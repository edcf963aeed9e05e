//! What every sheet of the workbook is written from: the scorecard, its
//! settings, the paper's options, and what follows from them once (the
//! suppression in force, the title block).
//!
//! Owns: that bundle. Must not: write anything.

use csc_engine::paper::TitleBlock;
use csc_engine::scorecard::Scorecard;
use csc_engine::settings::Settings;

use crate::PaperOptions;

/// What every sheet is written from.
pub(crate) struct Paper<'a> {
    pub(crate) card: &'a Scorecard,
    pub(crate) settings: &'a Settings,
    pub(crate) options: &'a PaperOptions,
    /// The threshold figures are suppressed below: the settings' in the
    /// publishable version, none otherwise.
    pub(crate) suppress_below: Option<u32>,
    pub(crate) title: TitleBlock,
}
