//! What an indicator's measures are (a count, a percentage, an average or a
//! rate of others) and how one is found by name. The lowest layer of the
//! registry: it knows nothing of records, settings or months.

/// What a measure is, which fixes how it is derived and summarised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeasureKind {
    /// A count of children, records or workers (or an FTE sum).
    Count,
    /// A part used to derive other measures; not shown.
    Hidden,
    /// `num ÷ den × 100`; previous = Σnum ÷ Σden.
    Percent {
        num: &'static str,
        den: &'static str,
    },
    /// `num ÷ den` (average days, caseloads); previous = mean of months.
    Average {
        num: &'static str,
        den: &'static str,
    },
    /// `count ÷ population × 10,000`; previous = mean of months.
    Rate { count: &'static str },
}

/// One row of an indicator's table.
#[derive(Debug)]
pub struct MeasureDef {
    /// The measure's name in JSON and `data-measure`.
    pub name: &'static str,
    /// The row label a person reads.
    pub label: &'static str,
    pub kind: MeasureKind,
}

impl MeasureDef {
    pub const fn count(name: &'static str, label: &'static str) -> MeasureDef {
        MeasureDef {
            name,
            label,
            kind: MeasureKind::Count,
        }
    }

    pub const fn hidden(name: &'static str) -> MeasureDef {
        MeasureDef {
            name,
            label: "",
            kind: MeasureKind::Hidden,
        }
    }

    pub const fn percent(
        name: &'static str,
        label: &'static str,
        num: &'static str,
        den: &'static str,
    ) -> MeasureDef {
        MeasureDef {
            name,
            label,
            kind: MeasureKind::Percent { num, den },
        }
    }

    pub const fn average(
        name: &'static str,
        label: &'static str,
        num: &'static str,
        den: &'static str,
    ) -> MeasureDef {
        MeasureDef {
            name,
            label,
            kind: MeasureKind::Average { num, den },
        }
    }

    pub const fn rate(name: &'static str, label: &'static str, count: &'static str) -> MeasureDef {
        MeasureDef {
            name,
            label,
            kind: MeasureKind::Rate { count },
        }
    }

    pub fn is_shown(&self) -> bool {
        self.kind != MeasureKind::Hidden
    }
}

/// Something with an ordered list of measures: an indicator's definition.
/// Counting (`counts.rs`) needs only this, so it sits below the definition.
pub trait Measured {
    fn measures(&self) -> &'static [MeasureDef];
}

/// Index of a measure by name in a list of measures.
pub(crate) fn index_of(measures: &[MeasureDef], name: &str) -> Option<usize> {
    // Tallies look measures up for every record counted, mostly by the
    // very literal the definition holds (one copy in an optimised build):
    // compare addresses before comparing text.
    measures
        .iter()
        .position(|m| std::ptr::eq(m.name, name))
        .or_else(|| measures.iter().position(|m| m.name == name))
}
