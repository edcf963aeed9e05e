//! The indicator definitions as documentation: one [`IndicatorDoc`] per
//! entry of the registry ([`ALL`]), rendered as `docs/indicators.md` by
//! [`indicators_markdown`] and as the page's Help panel by `ui::help`. Both
//! come from the same records, and a test keeps the markdown file equal to
//! the generated text, so the documentation cannot drift from the code.
//!
//! Owns: the wording of a definition's fields (formula, polarity, target,
//! benchmarks, previous-6-months rule, breakdown). Reuses `about` for what
//! is shared with the scorecard's "About these figures". Must not compute
//! figures or read data.

use crate::about;
use crate::format;
use crate::indicators::{ALL, Definition, MeasureDef, MeasureKind};
use crate::settings::{Polarity, PreviousMode, Settings};

/// How a measure is worked out from others, part by part, so each shell can
/// set the parts its own way (the markdown puts internal names in code).
#[derive(Clone, Debug, PartialEq)]
pub enum Formula {
    /// A count (of children, records, workers or FTE).
    Count,
    /// `num ÷ den × 100`.
    Percent { num: Part, den: Part },
    /// `num ÷ den`.
    Average { num: Part, den: Part },
    /// `count ÷ population aged 0–17 × 10,000`.
    Rate { count: Part },
}

/// A measure a formula is made of.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// A row of the table, by its label.
    Shown(&'static str),
    /// A tally the table does not show, by its internal name.
    Hidden(&'static str),
}

impl Part {
    fn of(definition: &Definition, name: &'static str) -> Part {
        match definition
            .measure(name)
            .and_then(|i| definition.measures.get(i))
        {
            Some(m) if m.is_shown() => Part::Shown(m.label),
            _ => Part::Hidden(name),
        }
    }

    /// The part as plain text: a label as it is, a hidden name in words.
    pub fn text(&self) -> String {
        match self {
            Part::Shown(label) => (*label).to_string(),
            Part::Hidden(name) => name.replace('_', " "),
        }
    }

    fn markdown(&self) -> String {
        match self {
            Part::Shown(label) => format!("“{label}”"),
            Part::Hidden(name) => format!("`{name}`"),
        }
    }
}

impl Formula {
    fn of(definition: &Definition, measure: &MeasureDef) -> Formula {
        let part = |name| Part::of(definition, name);
        match measure.kind {
            MeasureKind::Count | MeasureKind::Hidden => Formula::Count,
            MeasureKind::Percent { num, den } => Formula::Percent {
                num: part(num),
                den: part(den),
            },
            MeasureKind::Average { num, den } => Formula::Average {
                num: part(num),
                den: part(den),
            },
            MeasureKind::Rate { count } => Formula::Rate { count: part(count) },
        }
    }

    /// The formula in words, each part written by `part`.
    pub(crate) fn text_with(&self, part: impl Fn(&Part) -> String) -> String {
        match self {
            Formula::Count => "a count".to_string(),
            Formula::Percent { num, den } => format!("{} ÷ {} × 100", part(num), part(den)),
            Formula::Average { num, den } => format!("{} ÷ {}", part(num), part(den)),
            Formula::Rate { count } => {
                format!("{} ÷ population aged 0–17 × 10,000", part(count))
            }
        }
    }

    /// The formula in plain words.
    pub fn text(&self) -> String {
        self.text_with(Part::text)
    }
}

/// One row of an indicator's table.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureDoc {
    /// The name in the JSON export and the page's `data-measure`.
    pub name: &'static str,
    pub label: &'static str,
    pub formula: Formula,
    pub is_headline: bool,
}

/// One indicator's definition, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorDoc {
    pub number: u8,
    pub id: &'static str,
    pub title: &'static str,
    /// What it counts (the registry's sentence).
    pub about: &'static str,
    /// The files it needs, by their full names.
    pub sources: String,
    /// When its figures fall (period, snapshot, as-at extract, rolling window).
    pub timing: &'static str,
    /// The rows of its table, hidden tallies left out.
    pub measures: Vec<MeasureDoc>,
    /// The headline's row label.
    pub headline: &'static str,
    /// Which way is better, for the rating and trend.
    pub better: &'static str,
    /// The default target and its amber band.
    pub target: String,
    /// The default national and statistical-neighbour averages.
    pub benchmarks: String,
    /// How the "Prev. 6 months" column treats its counts.
    pub previous: &'static str,
    /// Whether there are area columns and a baseline column.
    pub breakdown: &'static str,
    /// The specification section it implements.
    pub spec: &'static str,
}

/// The general conventions every indicator follows, under the default settings.
pub fn conventions() -> Vec<String> {
    vec![
        about::COUNTING.to_string(),
        PREVIOUS.to_string(),
        about::RATINGS.to_string(),
        about::working_days(&Settings::default()),
        "Targets, tolerances, which way is better and the benchmarks below are the defaults; each can be changed in Settings.".to_string(),
    ]
}

/// How the previous-6-months column is worked out (indicators.md, "Previous 6 months").
const PREVIOUS: &str = "\"Prev. 6 months\" covers the six months before the reporting month. A percentage there is the total of its numerator over the total of its denominator (not an average of monthly percentages); counts are monthly averages, or totals where the indicator is cumulative; rates, average days and caseloads are monthly averages. Months the files do not cover are left out, and the column says how many months it uses when fewer than six.";

/// Every indicator's definition, in the registry's order.
pub fn indicator_docs() -> Vec<IndicatorDoc> {
    ALL.iter().map(|d| indicator_doc(d)).collect()
}

fn indicator_doc(d: &Definition) -> IndicatorDoc {
    let measures = d
        .measures
        .iter()
        .filter(|m| m.is_shown())
        .map(|m| MeasureDoc {
            name: m.name,
            label: m.label,
            formula: Formula::of(d, m),
            is_headline: m.name == d.headline,
        })
        .collect();
    let headline = d
        .headline_index()
        .and_then(|i| d.measures.get(i))
        .map_or(d.headline, |m| m.label);
    IndicatorDoc {
        number: d.number,
        id: d.id,
        title: d.title,
        about: d.about,
        sources: about::sources(d),
        timing: about::timing(d.timing),
        measures,
        headline,
        better: match d.polarity {
            Polarity::Up => "higher",
            Polarity::Down => "lower",
            Polarity::None => "not rated (neither higher nor lower is better)",
        },
        target: target_text(d),
        benchmarks: benchmarks_text(d),
        previous: match d.previous_mode {
            PreviousMode::Cumulative => "cumulative: its counts are totals over the six months",
            PreviousMode::Average => "average: its counts are monthly averages",
        },
        breakdown: match (d.has_areas, d.has_baseline) {
            (true, true) => {
                "one column per area, and a baseline column (by default the latest March before the month)"
            }
            (true, false) => "one column per area",
            (false, true) => {
                "the whole authority only, and a baseline column (by default the latest March before the month)"
            }
            (false, false) => "the whole authority only",
        },
        spec: d.spec,
    }
}

/// A setting's number as written: whole numbers with separators, others as they are.
fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format::thousands(value)
    } else {
        value.to_string()
    }
}

fn target_text(d: &Definition) -> String {
    let Some(target) = d.target else {
        return "none by default".to_string();
    };
    let shown = format::value(Some(target), d.style(d.headline));
    let Some(tolerance) = d.tolerance else {
        return format!("{shown}, with no amber band");
    };
    let unit = if d.headline_is_percent() {
        " percentage points"
    } else {
        ""
    };
    let side = match d.polarity {
        Polarity::Up => "below",
        Polarity::Down => "above",
        Polarity::None => "either side of",
    };
    format!("{shown}; amber up to {}{unit} {side} it", number(tolerance))
}

fn benchmarks_text(d: &Definition) -> String {
    let style = d.style(d.headline);
    let per_10k = d.benchmarks_per_10k();
    let show = |value: Option<f64>| {
        value.map(|v| {
            if per_10k {
                format!("{} per 10,000 children", number(v))
            } else {
                format::value(Some(v), style)
            }
        })
    };
    match (show(d.national), show(d.statistical_neighbours)) {
        (None, None) => "none by default".to_string(),
        (national, neighbours) => format!(
            "national {}, statistical neighbours {}",
            national.as_deref().unwrap_or("none"),
            neighbours.as_deref().unwrap_or("none")
        ),
    }
}

/// `docs/indicators.md`: every indicator's definition, generated.
pub fn indicators_markdown() -> String {
    let docs = indicator_docs();
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line("# Indicator definitions");
    line("");
    line("<!-- Generated from the engine's indicator registry (crates/engine/src/indicators/)");
    line("     by crates/engine/src/definitions_doc.rs: do not edit by hand. Print it with");
    line(
        "     `cargo run -p xtask --bin indicator_docs`; `cargo test -p csc-engine --lib definitions_doc`",
    );
    line("     fails when this file and the code differ, and");
    line(
        "     `UPDATE_SNAPSHOTS=1 cargo test -p csc-engine --lib definitions_doc` rewrites it. -->",
    );
    line("");
    line("The fourteen indicators of the scorecard, in the order the page, the print");
    line("and the exports show them. The page's Help tab shows the same definitions.");
    line("The `id` and measure names are those of the JSON export and of the page's");
    line("`data-indicator` and `data-measure` attributes.");
    line("");
    line("## Conventions");
    line("");
    for convention in conventions() {
        line(&format!("- {convention}"));
    }
    line("");
    line("## Summary");
    line("");
    line("| No. | Indicator | Headline | Better when | Default target | Source files |");
    line("| ---: | --- | --- | --- | --- | --- |");
    for doc in &docs {
        line(&format!(
            "| {} | [{}](#{}) | {} | {} | {} | {} |",
            doc.number,
            doc.title,
            anchor(doc),
            doc.headline,
            doc.better,
            doc.target,
            doc.sources
        ));
    }
    for doc in &docs {
        line("");
        line(&format!("## {}. {}", doc.number, doc.title));
        line("");
        line(doc.about);
        line("");
        line(&format!("- **Id:** `{}`", doc.id));
        line(&format!("- **Source files:** {}", doc.sources));
        line(&format!("- **When:** {}", doc.timing));
        line(&format!("- **Headline:** {}", doc.headline));
        line(&format!("- **Better when:** {}", doc.better));
        line(&format!("- **Default target:** {}", doc.target));
        line(&format!("- **Default benchmarks:** {}", doc.benchmarks));
        line(&format!("- **Previous 6 months:** {}", doc.previous));
        line(&format!("- **Columns:** {}", doc.breakdown));
        line(&format!("- **Specification:** {}", doc.spec));
        line("");
        line("| Row | Measure | How it is worked out |");
        line("| --- | --- | --- |");
        for measure in &doc.measures {
            line(&format!(
                "| {}{} | `{}` | {} |",
                measure.label,
                if measure.is_headline {
                    " (headline)"
                } else {
                    ""
                },
                measure.name,
                measure.formula.text_with(Part::markdown)
            ));
        }
    }
    out
}

/// The heading's anchor as GitHub and most renderers make it: lower case,
/// punctuation other than `-` and `_` dropped, spaces to `-`.
fn anchor(doc: &IndicatorDoc) -> String {
    format!("{}. {}", doc.number, doc.title)
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_indicators_md_is_generated_from_the_registry() {
        let actual = indicators_markdown();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join("docs/indicators.md");
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, &actual).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "docs/indicators.md differs from the registry: review and run \
             `UPDATE_SNAPSHOTS=1 cargo test -p csc-engine --lib definitions_doc`"
        );
    }

    #[test]
    fn every_indicator_with_its_shown_rows() {
        let docs = indicator_docs();
        assert_eq!(docs.len(), ALL.len());
        for (doc, d) in docs.iter().zip(ALL) {
            assert_eq!(doc.id, d.id);
            assert_eq!(doc.measures.iter().filter(|m| m.is_headline).count(), 1);
            assert_eq!(
                doc.measures.len(),
                d.measures.iter().filter(|m| m.is_shown()).count()
            );
        }
    }

    #[test]
    fn worded_from_the_definitions() {
        let docs = indicator_docs();
        // Hand-checked against indicators.md.
        let assessments = &docs[2];
        assert_eq!(
            assessments.target,
            "85%; amber up to 5 percentage points below it"
        );
        assert_eq!(
            assessments.benchmarks,
            "national 83%, statistical neighbours 83%"
        );
        assert_eq!(assessments.better, "higher");
        assert_eq!(assessments.sources, "Annex A List 4, assessments");
        let percent = assessments
            .measures
            .iter()
            .find(|m| m.name == "percent")
            .unwrap();
        assert_eq!(percent.formula.text(), "No. inside ÷ Total × 100");
        let cp = &docs[4];
        assert_eq!(cp.target, "none by default");
        assert_eq!(
            cp.benchmarks,
            "national 43 per 10,000 children, statistical neighbours 50 per 10,000 children"
        );
        assert!(cp.breakdown.contains("baseline"));
        let in_care = &docs[6];
        assert_eq!(in_care.target, "1,695; amber up to 84.75 above it");
        let rate = in_care
            .measures
            .iter()
            .find(|m| m.name == "rate_per_10k")
            .unwrap();
        assert_eq!(
            rate.formula.text(),
            "Children in care (UASC included) ÷ population aged 0–17 × 10,000"
        );
        let re_referrals = &docs[1];
        assert!(re_referrals.previous.starts_with("cumulative"));
        let agency = &docs[13];
        let all = agency.measures.iter().find(|m| m.is_headline).unwrap();
        assert_eq!(all.formula.text(), "agency all ÷ all × 100");
        assert_eq!(
            all.formula.text_with(Part::markdown),
            "`agency_all` ÷ `all` × 100"
        );
        assert_eq!(
            anchor(&docs[0]),
            "1-number-of-unallocated-cases-open-7-days"
        );
    }
}
