//! Word tables from rows of cells, all in the one table style: the full
//! text width, a shaded header row (repeated on each page when a table
//! breaks, see `package`), rows that never split across pages, and the
//! whole table kept on one page when it fits (each row's paragraphs keep
//! with the next row, as Word's own "keep table together" does).
//!
//! Owns: turning `Cell`s into Word's table XML. Must not: choose what the
//! cells say.

use docx_rs::{
    AlignmentType, Paragraph, Run, Shading, ShdType, Table, TableCell, TableLayoutType, TableRow,
    VAlignType, WidthType,
};

use crate::docx::figures::Mark;
use crate::docx::layout::{self, HEADING_FILL, TABLE_STYLE, TABLE_TEXT};

/// One cell's content and look.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cell {
    pub text: String,
    pub mark: Option<Mark>,
    /// Right-aligned (figures), else left.
    pub right: bool,
    /// Fill and ink, for a rating.
    pub colours: Option<(&'static str, &'static str)>,
    pub bold: bool,
    /// How many grid columns it spans (0 is taken as 1).
    pub span: usize,
}

impl Cell {
    /// A label, left-aligned.
    pub(crate) fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    /// A figure, right-aligned.
    pub(crate) fn figure(text: impl Into<String>, mark: Option<Mark>) -> Cell {
        Cell {
            text: text.into(),
            mark,
            right: true,
            ..Cell::default()
        }
    }

    pub(crate) fn spanning(mut self, span: usize) -> Cell {
        self.span = span;
        self
    }

    pub(crate) fn bold(mut self) -> Cell {
        self.bold = true;
        self
    }

    pub(crate) fn coloured(mut self, colours: Option<(&'static str, &'static str)>) -> Cell {
        self.colours = colours;
        self
    }
}

/// A table: column widths in twips (adding up to the text width), the
/// header row, then the body.
pub(crate) struct Grid {
    pub widths: Vec<usize>,
    /// Font sizes of the body and the header row, in half-points.
    pub sizes: (usize, usize),
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
}

/// Widths for a label column of `label` twips and `n` value columns
/// sharing the rest of the text width, the first a third wider than the
/// others: its heading's longest word ("cumulative") must not break.
pub(crate) fn widths(label: usize, n: usize) -> Vec<usize> {
    let rest = layout::TEXT_WIDTH.saturating_sub(label);
    // In thirds: 4 for the first column, 3 for each other.
    let thirds = (3 * n + 1).max(1);
    let each = rest * 3 / thirds;
    let first = rest * 4 / thirds;
    let mut widths = vec![label];
    if n > 0 {
        widths.push(first);
        widths.extend(std::iter::repeat_n(each, n - 1));
    }
    widths
}

impl Grid {
    /// The Word table.
    pub(crate) fn table(&self) -> Table {
        let last = self.rows.len();
        let mut rows = vec![self.row(&self.header, true, last > 0)];
        rows.extend(
            self.rows
                .iter()
                .enumerate()
                .map(|(index, cells)| self.row(cells, false, index + 1 < last)),
        );
        let (width, unit) = layout::table_width();
        Table::new(rows)
            .style(TABLE_STYLE)
            .set_grid(self.widths.clone())
            .width(width, unit)
            .layout(TableLayoutType::Fixed)
            // Direct borders and margins as well as the style's:
            // LibreOffice draws a table style's unreliably.
            .set_borders(layout::borders())
            .margins(layout::cell_margins())
    }

    fn row(&self, cells: &[Cell], header: bool, keep_next: bool) -> TableRow {
        let mut column = 0;
        let cells = cells
            .iter()
            .map(|cell| {
                let span = cell.span.max(1);
                let width: usize = self.widths.iter().skip(column).take(span).sum();
                column += span;
                self.cell(cell, header, keep_next, width)
            })
            .collect();
        TableRow::new(cells).cant_split()
    }

    fn cell(&self, cell: &Cell, header: bool, keep_next: bool, width: usize) -> TableCell {
        let (body, heading) = self.sizes;
        let mut run = layout::run(&cell.text).size(if header { heading } else { body });
        if header || cell.bold {
            run = run.bold();
        }
        if let Some((_, ink)) = cell.colours {
            run = run.color(ink);
        }
        let mut paragraph = Paragraph::new()
            .style(TABLE_TEXT)
            .keep_next(keep_next)
            .align(if cell.right {
                AlignmentType::Right
            } else {
                AlignmentType::Left
            })
            .add_run(run);
        for mark in mark_runs(cell.mark.as_ref(), heading) {
            paragraph = paragraph.add_run(mark);
        }
        let mut table_cell = TableCell::new()
            .add_paragraph(paragraph)
            .width(width, WidthType::Dxa)
            .vertical_align(if header {
                VAlignType::Bottom
            } else {
                VAlignType::Top
            });
        if cell.span > 1 {
            table_cell = table_cell.grid_span(cell.span);
        }
        let fill = cell
            .colours
            .map(|(fill, _)| fill)
            .or(header.then_some(HEADING_FILL));
        if let Some(fill) = fill {
            table_cell = table_cell.shading(
                Shading::new()
                    .shd_type(ShdType::Clear)
                    .color("auto")
                    .fill(fill),
            );
        }
        table_cell
    }
}

/// The runs after a figure for its mark: a superscript-sized "P", or "R"
/// and the figure as published ("was 12").
fn mark_runs(mark: Option<&Mark>, size: usize) -> Vec<Run> {
    let small = |text: &str| layout::run(text).size(size).bold();
    match mark {
        None => Vec::new(),
        Some(Mark::Published) => vec![small(" P")],
        Some(Mark::Restated { was }) => {
            let mut runs = vec![small(" R")];
            if let Some(was) = was {
                runs.push(layout::run(&format!(" (was {was})")).size(size));
            }
            runs
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_columns_share_what_the_label_leaves() {
        let w = widths(2000, 10);
        assert_eq!(w.len(), 11);
        assert_eq!(w.first(), Some(&2000));
        // 9,866 − 2,000 = 7,866 in 31 thirds: 1,014 for the first value
        // column, 761 for each other (rounded down: never past the page).
        assert_eq!(w.get(1), Some(&1014));
        assert_eq!(w.get(2), Some(&761));
        assert_eq!(w.iter().sum::<usize>(), 2000 + 1014 + 9 * 761);
        assert!(w.iter().sum::<usize>() <= layout::TEXT_WIDTH);
        assert_eq!(widths(2400, 0), vec![2400]);
        assert_eq!(widths(3000, 1), vec![3000, 6866]);
    }
}
