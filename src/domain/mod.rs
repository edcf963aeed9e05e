//! The engine: files in, scorecard out. Pure: no DOM, no file system, no
//! clock, no randomness. The page and the CLI are thin shells over it.

pub mod calendar;
pub mod month;
pub mod values;
