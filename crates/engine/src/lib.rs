//! The engine: files in, scorecard out. Pure: no DOM, no file system, no
//! clock, no randomness. The page and the CLI are thin shells over it.

pub mod about;
pub mod areas;
pub mod calendar;
pub mod commentary;
pub mod commentary_kind;
pub mod commentary_pack;
pub mod dataset;
pub mod definitions_doc;
pub mod diagnostics;
pub mod export;
pub mod file_list;
pub mod format;
pub mod history;
pub mod history_inputs;
pub mod history_kind;
pub mod indicators;
pub mod ingest;
pub mod memo;
pub mod month;
pub mod paper;
pub mod rating;
pub mod records;
pub mod schema;
pub mod scorecard;
pub mod settings;
mod settings_document;
pub mod sign_off;
pub mod sources;
pub mod values;
