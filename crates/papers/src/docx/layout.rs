//! The document's look, in one place: A4 portrait and its margins, the
//! fonts and sizes, the named styles (so a committee clerk can restyle the
//! paper with their template's Heading 1 or table style), the rating
//! colours, and small makers of paragraphs and runs that every part uses.
//!
//! Owns: geometry, styles, colours, and cleaning text for XML. Must not:
//! decide what the paper says.

use csc_engine::rating::Rating;
use docx_rs::{
    AlignmentType, BorderType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Style,
    StyleType, TableBorder, TableBorderPosition, TableBorders, TableCellMargins, WidthType,
};

/// A4 in twentieths of a point (210 × 297 mm).
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
/// 18 mm at the sides, 20 mm top and bottom (room for the marking).
const SIDE_MARGIN: u32 = 1020;
const TOP_MARGIN: i32 = 1134;
/// Header and footer 10 mm from the page's edge.
const HEADER_DISTANCE: i32 = 567;

/// The width between the margins, in twips: every table spans it.
pub(crate) const TEXT_WIDTH: usize = (PAGE_WIDTH - 2 * SIDE_MARGIN) as usize;

/// EMU (the unit of pictures) per twip.
pub(crate) const EMU_PER_TWIP: u64 = 635;

/// Font sizes in half-points.
pub(crate) const BODY_SIZE: usize = 20;
pub(crate) const TABLE_SIZE: usize = 18;
pub(crate) const NOTE_SIZE: usize = 16;

/// A table's body and header-row font sizes for `n` value columns: 9 and
/// 8 pt, smaller as more areas share A4 portrait's width, so a figure or
/// a heading's word never breaks across lines.
pub(crate) fn table_sizes(n: usize) -> (usize, usize) {
    match n {
        0..=8 => (18, 16),
        9..=10 => (16, 15),
        _ => (14, 13),
    }
}

/// Style ids. Heading and title ids are Word's own, so its navigation
/// pane, table of contents and a committee template's styles apply.
pub(crate) const TITLE: &str = "Title";
pub(crate) const HEADING_1: &str = "Heading1";
pub(crate) const HEADING_2: &str = "Heading2";
pub(crate) const NOTE: &str = "Note";
pub(crate) const TABLE_TEXT: &str = "TableText";
pub(crate) const HEADER_FOOTER: &str = "HeaderFooter";
/// The one table style every table uses.
pub(crate) const TABLE_STYLE: &str = "ScorecardTable";

/// Dark ink for body text, grey for notes and rules (GOV.UK's palette, as
/// the page's stylesheet).
const INK: &str = "0B0C0C";
const MUTED: &str = "505A5F";
const RULE: &str = "8C8C8C";
/// The table's header row.
pub(crate) const HEADING_FILL: &str = "F3F2F1";

/// A rating's cell fill and ink, as the page shows them (`style/app.css`):
/// pale fills with dark ink of the same hue, so the word reads in print
/// and in greyscale. `None` for no rating (no fill).
pub(crate) fn rating_colours(rating: Rating) -> Option<(&'static str, &'static str)> {
    match rating {
        Rating::Green => Some(("CCE2D8", "005A30")),
        Rating::Amber => Some(("FFF7BF", "594D00")),
        Rating::Red => Some(("F4CDC6", "942514")),
        Rating::None => None,
    }
}

/// A4 portrait, the margins, the default font and every named style.
pub(crate) fn page_and_styles(docx: Docx) -> Docx {
    let arial = RunFonts::new()
        .ascii("Arial")
        .hi_ansi("Arial")
        .cs("Arial")
        .east_asia("Arial");
    docx.page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(TOP_MARGIN)
                .bottom(TOP_MARGIN)
                .left(SIDE_MARGIN as i32)
                .right(SIDE_MARGIN as i32)
                .header(HEADER_DISTANCE)
                .footer(HEADER_DISTANCE),
        )
        .default_fonts(arial)
        .default_size(BODY_SIZE)
        .add_style(
            Style::new("Normal", StyleType::Paragraph)
                .name("Normal")
                .color(INK)
                .line_spacing(LineSpacing::new().before(0).after(120)),
        )
        .add_style(
            Style::new(TITLE, StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .size(36)
                .bold()
                .line_spacing(LineSpacing::new().before(0).after(120)),
        )
        .add_style(
            Style::new(HEADING_1, StyleType::Paragraph)
                .name("heading 1")
                .based_on("Normal")
                .next("Normal")
                .size(28)
                .bold()
                .outline_lvl(0)
                .line_spacing(LineSpacing::new().before(360).after(120)),
        )
        .add_style(
            Style::new(HEADING_2, StyleType::Paragraph)
                .name("heading 2")
                .based_on("Normal")
                .next("Normal")
                .size(22)
                .bold()
                .outline_lvl(1)
                .line_spacing(LineSpacing::new().before(240).after(60)),
        )
        .add_style(
            Style::new(NOTE, StyleType::Paragraph)
                .name("Note")
                .based_on("Normal")
                .size(NOTE_SIZE)
                .color(MUTED)
                .line_spacing(LineSpacing::new().before(60).after(60)),
        )
        .add_style(
            Style::new(TABLE_TEXT, StyleType::Paragraph)
                .name("Table text")
                .based_on("Normal")
                .size(TABLE_SIZE)
                .line_spacing(LineSpacing::new().before(0).after(0)),
        )
        .add_style(
            Style::new(HEADER_FOOTER, StyleType::Paragraph)
                .name("Header and footer")
                .based_on("Normal")
                .size(NOTE_SIZE)
                .line_spacing(LineSpacing::new().before(0).after(0)),
        )
        .add_style(
            Style::new(TABLE_STYLE, StyleType::Table)
                .name("Scorecard table")
                .set_borders(borders())
                .margins(cell_margins()),
        )
}

/// A little room round each cell's text: 0.7 mm above and below, 1 mm
/// at the sides (narrow, for many area columns).
pub(crate) fn cell_margins() -> TableCellMargins {
    TableCellMargins::new().margin(40, 57, 40, 57)
}

/// Thin grey rules round and inside every table.
pub(crate) fn borders() -> TableBorders {
    let rule = |position| {
        TableBorder::new(position)
            .border_type(BorderType::Single)
            .size(4)
            .color(RULE)
    };
    TableBorders::new()
        .set(rule(TableBorderPosition::Top))
        .set(rule(TableBorderPosition::Left))
        .set(rule(TableBorderPosition::Bottom))
        .set(rule(TableBorderPosition::Right))
        .set(rule(TableBorderPosition::InsideH))
        .set(rule(TableBorderPosition::InsideV))
}

/// The width of a table: the text width, in twips.
pub(crate) fn table_width() -> (usize, WidthType) {
    (TEXT_WIDTH, WidthType::Dxa)
}

/// Text as XML 1.0 allows it: control characters (other than tab and
/// line breaks, which callers split on) would make the file unreadable,
/// and may come in with a pasted commentary.
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// A run of `text`.
pub(crate) fn run(text: &str) -> Run {
    Run::new().add_text(clean(text))
}

/// A paragraph of `text` in the style `style`.
pub(crate) fn paragraph(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(run(text))
}

/// A heading, kept with what follows it.
pub(crate) fn heading(style: &str, text: &str) -> Paragraph {
    paragraph(style, text).keep_next(true)
}

/// Text in paragraphs: a blank line starts a new paragraph; a single line
/// break stays a line break within one (commentary written in a text box).
pub(crate) fn paragraphs(style: &str, text: &str) -> Vec<Paragraph> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.split("\n\n")
        .map(str::trim)
        .filter(|block| !block.is_empty())
        .map(|block| {
            let mut run = Run::new();
            for (index, line) in block.lines().enumerate() {
                if index > 0 {
                    run = run.add_break(docx_rs::BreakType::TextWrapping);
                }
                run = run.add_text(clean(line.trim_end()));
            }
            Paragraph::new().style(style).add_run(run)
        })
        .collect()
}

/// A centred paragraph (the header's marking).
pub(crate) fn centred(paragraph: Paragraph) -> Paragraph {
    paragraph.align(AlignmentType::Center)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_width_is_a4_less_the_margins() {
        // 210 mm less 2 × 18 mm = 174 mm = 9,866 twips (567 a centimetre).
        assert_eq!(TEXT_WIDTH, 9866);
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(clean("a\u{0}b\u{1b}c\td\ne"), "abc\td\ne");
        assert_eq!(clean("▲ up · improving"), "▲ up · improving");
    }

    #[test]
    fn blank_lines_make_paragraphs() {
        assert_eq!(
            paragraphs(NOTE, "One.\nStill one.\n\n\nTwo.\r\n\r\nThree.").len(),
            3
        );
        assert_eq!(paragraphs(NOTE, "  \n\n ").len(), 0);
    }
}
