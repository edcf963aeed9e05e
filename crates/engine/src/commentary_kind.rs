//! What marks a file as a commentary pack (outputs.md, "Papers for a
//! committee", 3): its header row starts `Indicator, Month, Commentary`.
//! Apart from `commentary_pack` (which reads it, checking indicator ids
//! against the registry) so that `ingest` can recognise one without
//! reaching up to the indicators.

use crate::values::normalise_header;

/// The kind id a commentary pack has in the file list.
pub const FILE_KIND: &str = "commentary";

/// The first columns of a commentary pack; the headline figures may follow.
pub const HEADER: [&str; 3] = ["Indicator", "Month", "Commentary"];

/// Whether a header row is a commentary pack's, compared as every header
/// is (letters and digits, any case).
pub fn is_header(headers: &[String]) -> bool {
    headers.len() >= HEADER.len()
        && headers
            .iter()
            .zip(HEADER)
            .all(|(found, wanted)| normalise_header(found) == normalise_header(wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn recognised_by_its_first_three_columns() {
        assert!(is_header(&row(&["Indicator", "Month", "Commentary"])));
        assert!(is_header(&row(&[
            "indicator",
            "MONTH",
            "Commentary",
            "Title",
            "Value"
        ])));
        assert!(!is_header(&row(&["Month", "Indicator", "Commentary"])));
        assert!(!is_header(&row(&["Indicator", "Month"])));
        // The history's seeding CSV is not one.
        assert!(!is_header(&row(&[
            "Month",
            "Indicator",
            "Measure",
            "Area",
            "Value"
        ])));
    }
}
