//! Text that spans several columns: a paragraph written into a merged
//! range, with its row made tall enough for the lines it wraps to; and a
//! sheet that remembers its rows' heights and blocks, for `pagination`.
//!
//! Neither Excel nor LibreOffice fits a row's height to a merged cell's
//! wrapped text, so the height is worked out here from the text and the
//! width it has, by wrapping it word by word as the fonts set in
//! `formats` do, erring towards a line too many (some blank space)
//! rather than a line too few (text cut off in print).
//!
//! Owns: that estimate, the merged write and the sheet's record of
//! heights. Must not: choose any text.

use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet, XlsxError};

use super::formats::{self, LINE_POINTS};
use super::page;
use super::pagination::Pager;

/// Characters of running text per unit of column width. A unit is the
/// width of a digit (7 px in Arial 10); running text averages nearer 5.6
/// px a character, so about 1.25 fit. Less is assumed, so that a bold
/// word or a line of capitals still fits.
const CHARACTERS_PER_UNIT: f64 = 1.1;

/// Columns `first..=last` of a sheet whose widths (in Excel's units) are
/// `widths` (the first is column 0).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Span<'a> {
    pub(crate) first: ColNum,
    pub(crate) last: ColNum,
    pub(crate) widths: &'a [f64],
}

impl Span<'_> {
    /// The span's width in Excel's units.
    pub(crate) fn width(&self) -> f64 {
        let (first, last) = (usize::from(self.first), usize::from(self.last));
        self.widths
            .iter()
            .enumerate()
            .filter(|(column, _)| (first..=last).contains(column))
            .map(|(_, width)| *width)
            .sum()
    }
}

/// How many lines `text` wraps to in a cell `width` units wide: each of
/// its own lines, wrapped at spaces (a word longer than a line breaks
/// where it must, as Excel breaks it).
pub(crate) fn lines(text: &str, width: f64) -> usize {
    // Truncation is fine: a fraction of a character does not fit.
    let capacity = ((width * CHARACTERS_PER_UNIT).floor() as usize).max(1);
    text.split('\n')
        .map(|line| {
            let mut lines = 1;
            let mut used = 0;
            for word in line.split(' ') {
                let length = word.chars().count();
                let needed = if used == 0 { length } else { used + 1 + length };
                if needed <= capacity {
                    used = needed;
                } else {
                    if used > 0 {
                        lines += 1;
                    }
                    // A word wider than the line takes whole lines.
                    lines += length.saturating_sub(1) / capacity;
                    used = length % capacity;
                    if used == 0 && length > 0 {
                        used = capacity;
                    }
                }
            }
            lines
        })
        .sum()
}

/// The height in points of a row showing `lines` lines.
pub(crate) fn height(lines: usize) -> f64 {
    // A little more than the lines, as Excel pads a row.
    lines.max(1) as f64 * LINE_POINTS + 3.0
}

/// Writes `text` across `span` of `row`, wrapped, and makes the row tall
/// enough for it. Returns the row's height in points.
pub(crate) fn paragraph(
    sheet: &mut Worksheet,
    row: RowNum,
    span: Span<'_>,
    text: &str,
    format: &Format,
) -> Result<f64, XlsxError> {
    if span.first == span.last {
        sheet.write_string_with_format(row, span.first, text, format)?;
    } else {
        sheet.merge_range(row, span.first, row, span.last, text, format)?;
    }
    let points = height(lines(text, span.width()));
    sheet.set_row_height(row, points)?;
    Ok(points)
}

/// A sheet being written with known column widths: it records each
/// row's height and the blocks of rows to keep on one printed page.
pub(crate) struct Sheet<'s, 'w> {
    pub(crate) sheet: &'s mut Worksheet,
    widths: &'w [f64],
    pager: Pager,
}

impl<'s, 'w> Sheet<'s, 'w> {
    /// `sheet`, whose columns from A are `widths` wide (already set).
    pub(crate) fn new(sheet: &'s mut Worksheet, widths: &'w [f64]) -> Sheet<'s, 'w> {
        Sheet {
            sheet,
            widths,
            pager: Pager::new(page::page_height(widths)),
        }
    }

    /// Every column.
    pub(crate) fn span(&self) -> Span<'w> {
        self.span_to(ColNum::try_from(self.widths.len().saturating_sub(1)).unwrap_or(0))
    }

    /// Columns A to `last`.
    pub(crate) fn span_to(&self, last: ColNum) -> Span<'w> {
        Span {
            first: 0,
            last,
            widths: self.widths,
        }
    }

    /// Sets `row`'s height.
    pub(crate) fn height(&mut self, row: RowNum, points: f64) -> Result<(), XlsxError> {
        self.sheet.set_row_height(row, points)?;
        self.pager.height(row, points);
        Ok(())
    }

    /// A paragraph across `span`.
    pub(crate) fn paragraph(
        &mut self,
        row: RowNum,
        span: Span<'_>,
        text: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        let points = paragraph(self.sheet, row, span, text, format)?;
        self.pager.height(row, points);
        Ok(())
    }

    /// A table row's label in column A, the row made taller when it wraps.
    pub(crate) fn label(&mut self, row: RowNum, text: &str) -> Result<(), XlsxError> {
        self.sheet
            .write_string_with_format(row, 0, text, &formats::row_label())?;
        let width = self.widths.first().copied().unwrap_or(1.0);
        let lines = lines(text, width);
        if lines > 1 {
            self.height(row, lines as f64 * LINE_POINTS)?;
        }
        Ok(())
    }

    /// Rows `first..end` are printed on one page when they fit on one.
    pub(crate) fn keep(&mut self, first: RowNum, end: RowNum) {
        self.pager.keep(first, end);
    }

    /// Sets the page breaks that keep each block whole.
    pub(crate) fn break_pages(&mut self) -> Result<(), XlsxError> {
        let breaks = self.pager.breaks();
        self.sheet.set_page_breaks(&breaks)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_words_and_counts_its_own_lines() {
        // 10 units hold 11 characters.
        assert_eq!(lines("", 10.0), 1);
        assert_eq!(lines("short", 10.0), 1);
        assert_eq!(lines("exactly 11c", 10.0), 1);
        assert_eq!(lines("one two three", 10.0), 2);
        assert_eq!(lines("one\ntwo", 10.0), 2);
        // 25 characters without a space: three lines of 11.
        assert_eq!(lines(&"x".repeat(25), 10.0), 3);
        assert_eq!(lines(&"x".repeat(22), 10.0), 2);
        assert_eq!(lines(&format!("ab {}", "x".repeat(22)), 10.0), 3);
        assert!(height(3) > 3.0 * LINE_POINTS);
    }

    #[test]
    fn a_span_is_as_wide_as_its_columns() {
        let widths = [40.0, 12.0, 12.0];
        let span = Span {
            first: 0,
            last: 2,
            widths: &widths,
        };
        assert_eq!(span.width(), 64.0);
        let one = Span {
            first: 1,
            last: 1,
            widths: &widths,
        };
        assert_eq!(one.width(), 12.0);
    }
}
