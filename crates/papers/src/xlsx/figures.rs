//! What one figure's cell holds: the number in its format, the
//! publishable print's suppressed text (`<5`, `–`) as the engine decides
//! it (`Definition::suppressed`, as the page's print), or nothing when
//! there is no value (outputs.md: a missing value is blank, never zero).
//!
//! Owns: that choice and its write, for the Scorecard and Series sheets
//! alike, so the two never disagree. Must not: decide a suppression or
//! format a number as text.

use csc_engine::indicators::Definition;
use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet, XlsxError};

use super::formats::{self, Mark, NumberFormat};

/// A figure's cell.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Figure {
    /// The number Excel holds (a percentage as its fraction) and its format.
    Number(f64, NumberFormat),
    /// Suppressed in the publishable version: what shows instead.
    Suppressed(String),
    /// No value.
    Blank,
}

impl Figure {
    /// `measure` of a column whose values (in `definition`'s order) are
    /// `values`, suppressed below `suppress_below` when that is given.
    pub(crate) fn of(
        definition: &Definition,
        measure: &str,
        values: &[Option<f64>],
        suppress_below: Option<u32>,
    ) -> Figure {
        if let Some(text) = definition.suppressed(measure, values, suppress_below) {
            return Figure::Suppressed(text);
        }
        let value = definition
            .measure(measure)
            .and_then(|index| values.get(index).copied().flatten());
        match (value, NumberFormat::of(definition, measure)) {
            (Some(value), Some(format)) => Figure::number(Some(value), format),
            _ => Figure::Blank,
        }
    }

    /// A lone value in `format` (a target, a benchmark); never suppressed.
    pub(crate) fn number(value: Option<f64>, format: NumberFormat) -> Figure {
        match value {
            // Excel cannot hold NaN or infinity: no figure rather than a
            // corrupt file.
            Some(value) if value.is_finite() => Figure::Number(format.cell_value(value), format),
            _ => Figure::Blank,
        }
    }

    /// Writes the figure at (`row`, `column`) in the figures-table style
    /// (`figure`, `suppressed`, `no_figure`); `blank` is the style of a
    /// cell with no figure, `None` to leave it unwritten.
    pub(crate) fn write(
        &self,
        sheet: &mut Worksheet,
        row: RowNum,
        column: ColNum,
        style: &Styles,
    ) -> Result<(), XlsxError> {
        match self {
            Figure::Number(value, format) => {
                sheet.write_number_with_format(row, column, *value, &(style.number)(*format))?;
            }
            Figure::Suppressed(text) => {
                sheet.write_string_with_format(row, column, text, &style.suppressed)?;
            }
            Figure::Blank => {
                if let Some(blank) = &style.blank {
                    sheet.write_blank(row, column, blank)?;
                }
            }
        }
        Ok(())
    }

    /// Writes the figure in a figures table with `mark` after it.
    pub(crate) fn write_marked(
        &self,
        sheet: &mut Worksheet,
        row: RowNum,
        column: ColNum,
        mark: Mark,
    ) -> Result<(), XlsxError> {
        match self {
            Figure::Number(value, format) => {
                sheet.write_number_with_format(
                    row,
                    column,
                    *value,
                    &formats::marked_figure(*format, mark),
                )?;
            }
            Figure::Suppressed(text) => {
                let text = format!("{text} {}", mark.letter());
                sheet.write_string_with_format(row, column, text, &formats::suppressed())?;
            }
            Figure::Blank => {
                sheet.write_blank(row, column, &formats::no_figure())?;
            }
        }
        Ok(())
    }
}

/// How a sheet styles its figures.
pub(crate) struct Styles {
    pub(crate) number: fn(NumberFormat) -> Format,
    pub(crate) suppressed: Format,
    pub(crate) blank: Option<Format>,
}

impl Styles {
    /// A figures table's: ruled rows.
    pub(crate) fn table() -> Styles {
        Styles {
            number: formats::figure,
            suppressed: formats::suppressed(),
            blank: Some(formats::no_figure()),
        }
    }

    /// A list's (the Series sheet): no rules, and no cell for no value.
    pub(crate) fn list() -> Styles {
        Styles {
            number: |format| formats::base().set_num_format(format.code()),
            suppressed: formats::base().set_align(rust_xlsxwriter::FormatAlign::Right),
            blank: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use csc_engine::indicators::ALL;

    fn by_id(id: &str) -> &'static Definition {
        ALL.iter().copied().find(|d| d.id == id).unwrap()
    }

    #[test]
    fn numbers_suppressed_text_or_nothing() {
        let plans = by_id("cp_plans");
        let count = plans.measure("count").unwrap();
        let mut values = vec![None; plans.measures.len()];
        values[count] = Some(3.0);
        assert_eq!(
            Figure::of(plans, "count", &values, None),
            Figure::Number(3.0, NumberFormat::Count)
        );
        // Publishable with 5: 3 children reads "<5".
        assert_eq!(
            Figure::of(plans, "count", &values, Some(5)),
            Figure::Suppressed("<5".into())
        );
        assert_eq!(
            Figure::of(plans, "rate_per_10k", &values, Some(5)),
            Figure::Blank
        );
        let re_referrals = by_id("re_referrals");
        let mut values = vec![None; re_referrals.measures.len()];
        values[re_referrals.measure("percent").unwrap()] = Some(25.0);
        values[re_referrals.measure("referrals").unwrap()] = Some(40.0);
        assert_eq!(
            Figure::of(re_referrals, "percent", &values, Some(5)),
            Figure::Number(0.25, NumberFormat::Percent { decimals: 0 })
        );
        assert_eq!(
            Figure::number(Some(f64::NAN), NumberFormat::Count),
            Figure::Blank
        );
    }
}
