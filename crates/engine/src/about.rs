//! "About these figures": a short plain-English account of what each
//! indicator counts, from which list, with which conventions, and how well
//! the loaded files cover the months shown. Generated from the indicator
//! registry and the scorecard, so it can never drift from the code.

use crate::indicators::{Definition, Timing};
use crate::scorecard::{IndicatorResult, Scorecard};
use crate::settings::Settings;
use crate::sources::{Restatement, Source};

/// One indicator's paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct AboutIndicator {
    pub number: u8,
    pub title: &'static str,
    pub text: String,
}

/// The whole section: general conventions, then one paragraph per indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct About {
    pub conventions: Vec<String>,
    pub indicators: Vec<AboutIndicator>,
    /// Every restatement, one sentence each (history.md, "Restatements").
    pub restatements: Vec<String>,
}

/// Writes the section for a scorecard and the settings it was computed with.
pub fn about(card: &Scorecard, settings: &Settings) -> About {
    let mut conventions = vec![
        format!(
            "Figures are for {} unless a column says otherwise. \"Prev. 6 months\" covers {} to {}: percentages there are totals over those months (not an average of monthly percentages); counts are monthly averages, or totals where marked cumulative.",
            card.month.long_label(),
            card.month.plus(-6).label(),
            card.month.plus(-1).label(),
        ),
        working_days(settings),
        COUNTING.to_string(),
        RATINGS.to_string(),
    ];
    if let Some(threshold) = settings.suppress_below {
        conventions.push(format!(
            "In the publishable print, counts from 1 to {} are shown as <{threshold} and percentages of fewer than {threshold} as –.",
            threshold.saturating_sub(1)
        ));
    }
    let indicators = card
        .indicators
        .iter()
        .map(|result| AboutIndicator {
            number: result.definition.number,
            title: result.definition.title,
            text: paragraph(result),
        })
        .collect();
    if card.indicators.iter().any(|i| {
        i.series
            .iter()
            .any(|(_, v)| v.source == Some(Source::History))
    }) {
        conventions.push(PUBLISHED.to_string());
    }
    About {
        conventions,
        indicators,
        restatements: card.restatements.iter().map(restatement).collect(),
    }
}

/// What a figure marked published is (history.md, "Using it").
pub(crate) const PUBLISHED: &str = "Figures marked P are as signed off in the history of signed-off months: the files given do not cover their month, so the published figure is shown (a column over several months is marked when any of them is). Figures marked R are restated: the files now give a different figure from the one signed off, shown beside it as \"was …\".";

/// One restatement as a sentence: which figure, what was published, what
/// it is now.
fn restatement(restated: &Restatement) -> String {
    let definition = crate::indicators::by_id(&restated.indicator);
    let title = definition.map_or(restated.indicator.as_str(), |d| d.title);
    let (label, style) = definition
        .and_then(|d| {
            let index = d.measure(&restated.measure)?;
            Some((d.measures.get(index)?.label, d.style(&restated.measure)))
        })
        .unwrap_or((restated.measure.as_str(), crate::format::Style::Count));
    let area = restated
        .area
        .as_deref()
        .map_or("the authority".to_string(), str::to_string);
    format!(
        "{title}, {}, {label} ({area}): published {}, now {}.",
        restated.month.label(),
        crate::format::value(restated.published, style),
        crate::format::value(restated.now, style),
    )
}

/// What is counted and what a missing month shows (the same whatever the data).
pub(crate) const COUNTING: &str = "Counts are of children (or workers), not records, except assessments and adoptions. A month the loaded files do not cover shows no figure (–), never zero.";

/// How ratings and trends are worked out (the same whatever the data).
pub(crate) const RATINGS: &str = "Ratings compare the month's headline figure with the target: green on or better than target, amber within the tolerance, red beyond it. Trends compare it with the previous 6 months: differences under 1 percentage point (or 2% for other figures) are stable.";

/// The working-day convention under these settings.
pub(crate) fn working_days(settings: &Settings) -> String {
    format!(
        "Working days are Monday to Friday less England and Wales bank holidays{}; the day a period starts is day 0{}.",
        if settings.extra_bank_holidays.is_empty() {
            String::new()
        } else {
            format!(
                " and {} set locally",
                crate::format::count_of(
                    settings.extra_bank_holidays.len(),
                    "extra day",
                    "extra days"
                )
            )
        },
        if settings.start_day_counts {
            ", and counts as a working day when it is one"
        } else {
            ""
        }
    )
}

/// When an indicator's figures fall, in a sentence.
pub fn timing(timing: Timing) -> &'static str {
    match timing {
        Timing::Period => "Events in the month.",
        Timing::Snapshot => "A snapshot at the end of the month.",
        Timing::AsAt => {
            "From the extract dated in the month or up to `as_at_grace_days` days after it (7 by default)."
        }
        Timing::Rolling => "A rolling window ending with the month.",
    }
}

/// The files an indicator reads, by their full names.
pub fn sources(definition: &Definition) -> String {
    let names: Vec<&str> = definition.inputs.iter().map(|k| k.name()).collect();
    names.join("; ")
}

fn paragraph(result: &IndicatorResult) -> String {
    let d = result.definition;
    let mut text = format!("{} Source: {}. {}", d.about, sources(d), timing(d.timing));
    if !result.missing_inputs.is_empty() {
        let needs: Vec<&str> = result.missing_inputs.iter().map(|k| k.name()).collect();
        text.push_str(&format!(" Not computed: needs {}.", needs.join(" and ")));
    } else if result.previous.months < 6 {
        text.push_str(&format!(
            " The previous-6-months figure uses {} of 6 months.",
            result.previous.months
        ));
    }
    for note in &result.notes {
        if note.starts_with("window partly covered") || note.starts_with("method:") {
            text.push_str(&format!(" Note: {note}."));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::FileOverrides;
    use crate::month::Month;
    use crate::scorecard::{InputFile, compute, load};

    #[test]
    fn says_what_each_indicator_counts_and_what_it_lacks() {
        let csv = "Child Unique ID,Date the Child Entered Care,Date of Placement Order,Date of Matching Child and Prospective Adopters,Date Placed for Adoption,Date of Adoption Order\n\
                   A,01/01/2016,,,01/03/2016,10/08/2017\n";
        let inputs = [InputFile {
            name: "list10_2017-12-31.csv".into(),
            bytes: csv.as_bytes().to_vec(),
            overrides: FileOverrides::default(),
        }];
        let settings = Settings {
            suppress_below: Some(5),
            ..Settings::default()
        };
        let loaded = load(
            &inputs,
            settings.clone(),
            jiff::civil::date(2026, 11, 26),
            |_| {},
        );
        let card = compute(&loaded, &loaded.settings, Month::parse("2017-12"))
            .map(|c| c.with_drills())
            .unwrap();
        let about = about(&card, &settings);
        assert_eq!(about.indicators.len(), crate::indicators::ALL.len());
        assert!(about.conventions[0].starts_with("Figures are for December 2017"));
        assert!(about.conventions[0].contains("Jun-17 to Nov-17"));
        assert!(
            about
                .conventions
                .last()
                .unwrap()
                .contains("counts from 1 to 4 are shown as <5")
        );
        let cp = &about.indicators[4];
        assert_eq!(cp.number, 5);
        assert!(
            cp.text
                .ends_with("Not computed: needs Annex A List 7, child protection plans."),
            "{}",
            cp.text
        );
        let a1 = &about.indicators[9];
        // List 10 covers Sep-17 to Dec-17: Aug-17 to Nov-17 have 3 months with M_end covered.
        assert!(
            a1.text.contains(
                "Source: Annex A List 10, adoption. A rolling window ending with the month."
            ),
            "{}",
            a1.text
        );
        assert!(a1.text.contains("uses 3 of 6 months"), "{}", a1.text);
        assert!(
            a1.text
                .contains("Note: window partly covered: 4 of 36 months."),
            "{}",
            a1.text
        );
    }
}
