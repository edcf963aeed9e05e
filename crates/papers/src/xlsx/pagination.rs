//! Keeping an indicator on one printed page, as the print never splits
//! one (outputs.md, "Print"): the sheet records each row's height and
//! which rows belong together, and gets back the rows a page must break
//! before.
//!
//! A spreadsheet breaks pages wherever the rows run out, so a block
//! that would cross the foot of a page gets a manual break before it.
//! The page's height in the sheet's points follows from the scale the
//! "one page wide" setting prints at (`page::scale`). LibreOffice keeps
//! these breaks; a program that drops manual breaks under "fit to" prints
//! as it would without them.
//!
//! Owns: that arithmetic. Must not: write a cell.

use std::collections::BTreeMap;

use rust_xlsxwriter::RowNum;

use super::formats::LINE_POINTS;

/// The rows of a sheet and the blocks that must not be split.
#[derive(Debug)]
pub(crate) struct Pager {
    /// A page's height in the sheet's own points.
    page: f64,
    /// Rows whose height is not the default line's.
    heights: BTreeMap<RowNum, f64>,
    /// `first..end` of each block, in order.
    blocks: Vec<(RowNum, RowNum)>,
}

impl Pager {
    /// A pager for pages `page` points tall (at the sheet's scale).
    pub(crate) fn new(page: f64) -> Pager {
        Pager {
            page,
            heights: BTreeMap::new(),
            blocks: Vec::new(),
        }
    }

    /// `row` is `points` tall (set, or as wrapped text will make it).
    pub(crate) fn height(&mut self, row: RowNum, points: f64) {
        self.heights.insert(row, points);
    }

    /// Rows `first..end` are to be printed together (when they fit).
    pub(crate) fn keep(&mut self, first: RowNum, end: RowNum) {
        self.blocks.push((first, end));
    }

    fn rows(&self, first: RowNum, end: RowNum) -> f64 {
        (first..end)
            .map(|row| self.heights.get(&row).copied().unwrap_or(LINE_POINTS))
            .sum()
    }

    /// The rows to break before: the first row of each block that would
    /// cross the foot of its page. A block taller than a page starts a
    /// page and breaks where it must.
    pub(crate) fn breaks(&self) -> Vec<RowNum> {
        let mut breaks = Vec::new();
        // Where the current page starts.
        let mut top: RowNum = 0;
        for &(first, end) in &self.blocks {
            let block = self.rows(first, end);
            if first > top && self.rows(top, end) > self.page {
                breaks.push(first);
                top = first;
            }
            // A block that fills pages of its own leaves the next page
            // starting where its last automatic break falls.
            let mut used = self.rows(top, end);
            while used > self.page && block > self.page {
                let mut row = top;
                let mut filled = 0.0;
                while row < end {
                    let next = self.rows(row, row + 1);
                    if filled + next > self.page {
                        break;
                    }
                    filled += next;
                    row += 1;
                }
                top = row.max(top + 1);
                used = self.rows(top, end);
            }
        }
        breaks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_that_would_cross_the_foot_starts_a_page() {
        // Pages of 10 lines; blocks of 4, 4 and 4 lines: the third starts page 2.
        let mut pager = Pager::new(10.0 * LINE_POINTS);
        pager.keep(0, 4);
        pager.keep(4, 8);
        pager.keep(8, 12);
        assert_eq!(pager.breaks(), vec![8]);
        // A taller row counts as it is: a 4-line row in the first block
        // pushes the second over, and the third then fits under it.
        pager.height(0, 4.0 * LINE_POINTS);
        assert_eq!(pager.breaks(), vec![4]);
    }

    #[test]
    fn a_block_taller_than_a_page_starts_one_and_runs_on() {
        let mut pager = Pager::new(10.0 * LINE_POINTS);
        pager.keep(0, 2);
        // 15 lines: a page of its own and half the next.
        pager.keep(2, 17);
        // 4 more fit under its last 5.
        pager.keep(17, 21);
        // 4 more do not.
        pager.keep(21, 25);
        assert_eq!(pager.breaks(), vec![2, 21]);
    }
}
