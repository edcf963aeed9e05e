//! How the workbook's cells look: the one font, the number formats of each
//! kind of measure (outputs.md: counts `#,##0`, averages one decimal,
//! percentages as Excel percentages, rates `0.0`), the rating fills, and
//! the text styles of headings, notes and commentary.
//!
//! Owns: every `Format` the sheets use, and how a measure's value becomes
//! the number in its cell (a percentage of 87 is the fraction 0.87). Must
//! not: choose what goes in a cell (the sheets do) or word anything.

use csc_engine::indicators::{Definition, MeasureKind};
use csc_engine::rating::Rating;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// Arial 10 everywhere. Excel's own default, Calibri, is not on most
/// Linux machines, and LibreOffice then lays the sheet out in a wider
/// font, so wrapped paragraphs (whose row heights are set here, see
/// `layout`) would be cut off; Arial has a metric twin everywhere
/// (Liberation Sans), so the sheet measures the same in Excel and Calc.
const FONT: &str = "Arial";
const FONT_SIZE: f64 = 10.0;
/// One line of Arial 10, in points: the default row's height.
pub(crate) const LINE_POINTS: f64 = 12.75;
/// Excel's default row height and column width, in pixels, for Arial 10
/// (`Workbook::set_default_format` needs both).
pub(crate) const DEFAULT_ROW_PX: u32 = 17;
pub(crate) const DEFAULT_COLUMN_PX: u32 = 64;

/// The page's colours (style/app.css): the brand blue, the muted grey,
/// and each rating's background and ink (chosen there for contrast).
const BRAND: u32 = 0x1D4F91;
const MUTED: u32 = 0x505A5F;
const RULE: u32 = 0xD0D7DE;
const HEADER_FILL: u32 = 0xE8EEF7;
const GREEN: (u32, u32) = (0xCCE2D8, 0x005A30);
const AMBER: (u32, u32) = (0xFFF7BF, 0x594D00);
const RED: (u32, u32) = (0xF4CDC6, 0x942514);

/// How a measure's values are shown: the number format and the scale of
/// the number in the cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberFormat {
    /// Counts (and FTE sums): whole with thousands separators.
    Count,
    /// A percentage of 0–100 written as the fraction Excel formats with
    /// `%`, to the indicator's decimals (one for indicator 1).
    Percent { decimals: u8 },
    /// Averages (days, caseloads) and rates per 10,000: one decimal.
    OneDecimal,
}

impl NumberFormat {
    /// The format of `measure` of `definition`; `None` for a hidden or
    /// unknown measure (never shown).
    pub(crate) fn of(definition: &Definition, measure: &str) -> Option<NumberFormat> {
        let kind = definition
            .measure(measure)
            .and_then(|index| definition.measures.get(index))
            .map(|m| m.kind)?;
        match kind {
            MeasureKind::Count => Some(NumberFormat::Count),
            MeasureKind::Percent { .. } => Some(NumberFormat::Percent {
                decimals: definition.percent_decimals,
            }),
            MeasureKind::Average { .. } | MeasureKind::Rate { .. } => {
                Some(NumberFormat::OneDecimal)
            }
            MeasureKind::Hidden => None,
        }
    }

    /// The format of an indicator's target, national and statistical
    /// neighbours' figures: the headline's, but a rate where the
    /// benchmarks are per 10,000 beside a count (indicators 5 and 7).
    pub(crate) fn of_benchmark(definition: &Definition) -> NumberFormat {
        if definition.benchmarks_per_10k() {
            NumberFormat::OneDecimal
        } else {
            NumberFormat::of_headline(definition)
        }
    }

    /// The format of the headline (and of the target, in its unit).
    pub(crate) fn of_headline(definition: &Definition) -> NumberFormat {
        NumberFormat::of(definition, definition.headline).unwrap_or(NumberFormat::Count)
    }

    /// Excel's number format code.
    pub(crate) fn code(self) -> String {
        match self {
            NumberFormat::Count => "#,##0".to_string(),
            NumberFormat::Percent { decimals: 0 } => "0%".to_string(),
            NumberFormat::Percent { decimals } => {
                format!("0.{}%", "0".repeat(usize::from(decimals)))
            }
            NumberFormat::OneDecimal => "0.0".to_string(),
        }
    }

    /// The number written in the cell for a value of the engine's (which
    /// keeps percentages as 0–100).
    pub(crate) fn cell_value(self, value: f64) -> f64 {
        match self {
            NumberFormat::Percent { .. } => value / 100.0,
            NumberFormat::Count | NumberFormat::OneDecimal => value,
        }
    }
}

/// The mark on a figure that is not from the extracts as they stand
/// (history.md; the page marks it the same way): published, from the
/// history of signed-off months, or restated, the extracts now giving a
/// different figure from the one signed off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    Published,
    Restated,
}

impl Mark {
    /// The letter shown after the figure, as on the page.
    pub(crate) fn letter(self) -> &'static str {
        match self {
            Mark::Published => "P",
            Mark::Restated => "R",
        }
    }
}

/// Every format starts from the workbook's font.
pub(crate) fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(FONT_SIZE)
}

/// The report's title on the cover.
pub(crate) fn title() -> Format {
    base().set_bold().set_font_size(16).set_font_color(BRAND)
}

/// The line naming the LA and month under the title.
pub(crate) fn scope() -> Format {
    base().set_bold().set_font_size(12)
}

/// A heading inside a sheet ("Summary", "Files used").
pub(crate) fn heading() -> Format {
    base().set_bold().set_font_size(12).set_font_color(BRAND)
}

/// An indicator's title: a rule above it, as the page draws one.
pub(crate) fn indicator_title() -> Format {
    heading()
        .set_border_top(FormatBorder::Medium)
        .set_border_top_color(BRAND)
        .set_align(FormatAlign::VerticalCenter)
}

/// A table's column headings: bold, wrapped, on a light fill.
pub(crate) fn column_heading() -> Format {
    base()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(HEADER_FILL)
        .set_border_bottom(FormatBorder::Thin)
        .set_border_bottom_color(BRAND)
}

/// A table heading for a text column (left, as the text under it).
pub(crate) fn column_heading_left() -> Format {
    column_heading().set_align(FormatAlign::Left)
}

/// A row's label in a figures table.
pub(crate) fn row_label() -> Format {
    ruled(
        base()
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter),
    )
}

/// A figure in its number format.
pub(crate) fn figure(number: NumberFormat) -> Format {
    ruled(base().set_num_format(number.code()))
}

/// A marked figure: its number format with the mark's letter after it,
/// so the cell stays a number (`5 P` is 5).
pub(crate) fn marked_figure(number: NumberFormat, mark: Mark) -> Format {
    ruled(base().set_num_format(format!("{}\" {}\"", number.code(), mark.letter())))
}

/// A figure shown as text: suppressed (`<5`, `–`).
pub(crate) fn suppressed() -> Format {
    ruled(base().set_align(FormatAlign::Right))
}

/// A cell of a figures table with no figure.
pub(crate) fn no_figure() -> Format {
    ruled(base())
}

/// Plain text in a figures table (the trend's words).
pub(crate) fn text() -> Format {
    ruled(base())
}

/// A plain line of text outside any table.
pub(crate) fn line() -> Format {
    base()
}

/// A rating: its word on its colour, with a border in its ink so the
/// rating never rests on colour alone (the word says it too). No rating
/// has no fill.
pub(crate) fn rating(rating: Rating) -> Format {
    let (fill, ink) = match rating {
        Rating::Green => GREEN,
        Rating::Amber => AMBER,
        Rating::Red => RED,
        Rating::None => {
            return ruled(base().set_font_color(MUTED).set_align(FormatAlign::Center));
        }
    };
    base()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(ink))
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(ink))
}

/// A note under a table (the population year, the engine's notes).
pub(crate) fn note() -> Format {
    base()
        .set_italic()
        .set_font_color(MUTED)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

/// A paragraph: wrapped, from the top of its cell.
pub(crate) fn paragraph() -> Format {
    base().set_text_wrap().set_align(FormatAlign::Top)
}

/// The commentary: a paragraph in a light box, as the print's box.
pub(crate) fn commentary() -> Format {
    paragraph()
        .set_border(FormatBorder::Thin)
        .set_border_color(RULE)
}

/// A bold label ("Commentary").
pub(crate) fn label() -> Format {
    base().set_bold()
}

/// A month in the series: a real date shown `Dec-17`.
pub(crate) fn month() -> Format {
    base().set_num_format("mmm-yy").set_align(FormatAlign::Left)
}

/// A day as a UK reader writes it.
pub(crate) fn date() -> Format {
    base()
        .set_num_format("dd/mm/yyyy")
        .set_align(FormatAlign::Left)
}

/// A whole number in a list (rows, problems).
pub(crate) fn whole() -> Format {
    base().set_num_format("#,##0")
}

/// Text in a list that may run long (a message): wrapped.
pub(crate) fn wrapped() -> Format {
    base().set_text_wrap().set_align(FormatAlign::Top)
}

/// A hairline under each row of a figures table, so a row reads across;
/// centred in the row's height, level with a label that wraps.
fn ruled(format: Format) -> Format {
    format
        .set_border_bottom(FormatBorder::Hair)
        .set_border_bottom_color(RULE)
        .set_align(FormatAlign::VerticalCenter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use csc_engine::indicators::ALL;

    fn by_id(id: &str) -> Option<&'static Definition> {
        ALL.iter().copied().find(|d| d.id == id)
    }

    #[test]
    fn each_kind_of_measure_has_its_format() {
        let plans = by_id("cp_plans").unwrap();
        assert_eq!(NumberFormat::of(plans, "count"), Some(NumberFormat::Count));
        assert_eq!(
            NumberFormat::of(plans, "rate_per_10k"),
            Some(NumberFormat::OneDecimal)
        );
        assert_eq!(NumberFormat::of(plans, "no such measure"), None);
        // Benchmarks beside a count headline are per 10,000.
        assert_eq!(NumberFormat::of_benchmark(plans), NumberFormat::OneDecimal);
        assert_eq!(NumberFormat::of_headline(plans), NumberFormat::Count);
        // Indicator 1 shows its percentage to one decimal.
        let unallocated = by_id("unallocated_cases").unwrap();
        let percent = NumberFormat::of(unallocated, "percent").unwrap();
        assert_eq!(percent.code(), "0.0%");
        let re_referrals = by_id("re_referrals").unwrap();
        let percent = NumberFormat::of(re_referrals, "percent").unwrap();
        assert_eq!(percent.code(), "0%");
        assert_eq!(percent.cell_value(87.0), 0.87);
        assert_eq!(NumberFormat::Count.cell_value(87.0), 87.0);
        let days = by_id("adoption_entry_to_placement").unwrap();
        assert_eq!(
            NumberFormat::of(days, "average_days"),
            Some(NumberFormat::OneDecimal)
        );
    }
}
