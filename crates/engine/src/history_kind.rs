//! What marks a file as a history of signed-off months (history.md;
//! inputs.md): the document's `kind`, or the seeding CSV's header row.
//! Apart from `history` (which reads them, checking indicator ids against
//! the registry) so that `ingest` can recognise one without reaching up to
//! the indicators.

use crate::values::normalise_header;

/// The `kind` that marks a history document.
pub const KIND: &str = "csc-scorecard-history";

/// The kind id a history file has in the file list (inputs.md).
pub const FILE_KIND: &str = "history";

/// Whether bytes look like a history document (its `kind`), without
/// reading it all: how files are recognised wherever they are taken.
pub fn looks_like_history(text: &str) -> bool {
    let start: String = text.chars().take(4096).collect();
    let start = start.trim_start_matches('\u{feff}').trim_start();
    start.starts_with('{') && start.contains(KIND)
}

/// The header of a history seeded from a spreadsheet (history.md,
/// "Seeding from a spreadsheet"), compared as every header is: letters and
/// digits, any case.
pub const CSV_HEADER: [&str; 5] = ["Month", "Indicator", "Measure", "Area", "Value"];

/// Whether a header row is the seeding CSV's.
pub fn is_csv_header(headers: &[String]) -> bool {
    headers.len() == CSV_HEADER.len()
        && headers
            .iter()
            .zip(CSV_HEADER)
            .all(|(found, wanted)| normalise_header(found) == normalise_header(wanted))
}
