//! Every sheet's page setup (outputs.md, "Papers for a committee"): A4
//! landscape, one page wide, the protective marking at the top and bottom
//! of every page, the LA and month top left and "Page n of m" bottom right.
//!
//! Owns: the page setup and the header and footer strings. Must not:
//! write a cell.

use rust_xlsxwriter::Worksheet;

/// Excel's paper size code for A4.
pub(crate) const A4: u8 = 9;
/// Excel refuses a header or footer over 255 characters (rust_xlsxwriter
/// then leaves it out altogether, marking and all), so each part is cut
/// to a share of it.
const MAX_PART: usize = 80;
/// A4 landscape, in points.
const PAPER: (f64, f64) = (841.89, 595.28);
/// Margins in inches: narrow at the sides, so the tables have room at
/// full size; the top and bottom leave the header and footer theirs.
const SIDE: f64 = 0.5;
const TOP_BOTTOM: f64 = 0.75;
const HEADER_FOOTER: f64 = 0.3;
/// How much of a page the rows are planned to fill: estimates of wrapped
/// text and the applications' rounding of row heights differ a little.
const FILL: f64 = 0.95;

/// Sets `sheet` up to print: A4 landscape, scaled to one page wide and as
/// many pages tall as it needs, `marking` centred in the header and the
/// footer (the Government Security Classifications place it there),
/// `heading` (the LA and month) top left, page numbers bottom right.
pub(crate) fn set_up(sheet: &mut Worksheet, marking: &str, heading: &str) {
    sheet
        .set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_margins(
            SIDE,
            SIDE,
            TOP_BOTTOM,
            TOP_BOTTOM,
            HEADER_FOOTER,
            HEADER_FOOTER,
        )
        .set_header(header(marking, heading))
        .set_footer(footer(marking));
}

/// The scale a sheet with columns `widths` (Excel's units) prints at
/// when fitted to one page wide: a whole percentage, as Excel and
/// LibreOffice choose it, never above 100%.
pub(crate) fn scale(widths: &[f64]) -> f64 {
    // A column of width w is w × 7 + 5 pixels in Arial 10 (7 px a digit,
    // 5 px of padding); a pixel is ¾ point.
    let sheet: f64 = widths.iter().map(|w| (w * 7.0 + 5.0) * 0.75).sum();
    let printable = PAPER.0 - 2.0 * SIDE * 72.0;
    if sheet <= printable {
        1.0
    } else {
        (printable / sheet * 100.0).floor() / 100.0
    }
}

/// The rows' height (in the sheet's points) a printed page holds for a
/// sheet with columns `widths`, with a little to spare.
pub(crate) fn page_height(widths: &[f64]) -> f64 {
    let printable = PAPER.1 - 2.0 * TOP_BOTTOM * 72.0;
    printable / scale(widths) * FILL
}

/// The header: the LA and month left, the marking centred in bold.
pub(crate) fn header(marking: &str, heading: &str) -> String {
    format!("&L{}&C&\"Arial,Bold\"{}", escape(heading), escape(marking))
}

/// The footer: the marking centred in bold, "Page n of m" right.
pub(crate) fn footer(marking: &str) -> String {
    format!("&C&\"Arial,Bold\"{}&RPage &P of &N", escape(marking))
}

/// Text as a header shows it: `&` doubled (a single one starts a code),
/// cut to at most `MAX_PART` characters once doubled.
fn escape(text: &str) -> String {
    let mut escaped = String::new();
    let mut length = 0;
    for c in text.trim().chars() {
        let code: &[char] = if c == '&' { &['&', '&'] } else { &[c] };
        if length + code.len() > MAX_PART {
            break;
        }
        length += code.len();
        escaped.extend(code);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_wider_than_the_page_prints_smaller_and_holds_more_rows() {
        // 100 units: 705 px, 528.75 pt, within the 769.89 pt between margins.
        assert_eq!(scale(&[100.0]), 1.0);
        // Two of them: 1,410 px, 1,057.5 pt: 72.8%, printed at 72%.
        assert_eq!(scale(&[100.0, 100.0]), 0.72);
        let full = page_height(&[100.0]);
        assert!((full - (595.28 - 108.0) * FILL).abs() < 1e-9);
        assert!((page_height(&[100.0, 100.0]) - full / 0.72).abs() < 1e-9);
    }

    #[test]
    fn header_and_footer_carry_the_marking() {
        assert_eq!(
            header("OFFICIAL", "Example City · December 2017"),
            "&LExample City · December 2017&C&\"Arial,Bold\"OFFICIAL"
        );
        assert_eq!(
            footer("OFFICIAL-SENSITIVE"),
            "&C&\"Arial,Bold\"OFFICIAL-SENSITIVE&RPage &P of &N"
        );
        // An ampersand is text, not a code.
        assert_eq!(footer("A&B"), "&C&\"Arial,Bold\"A&&B&RPage &P of &N");
        // However long the names, the header stays within Excel's limit.
        for long in ["x".repeat(400), "&".repeat(400)] {
            assert!(header(&long, &long).chars().count() <= 255);
            assert!(footer(&long).chars().count() <= 255);
        }
    }
}
