//! Signing off a month (history.md, "Sign-off"): a computed scorecard's
//! figures, targets, ratings and commentary recorded in the history, with
//! the names and dates of the files behind them.
//!
//! Owns: what a signed-off month holds. Must not: hold anything about a
//! child or a worker: figures are aggregates, sources are file names,
//! kinds, dates and row counts.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::commentary;
use crate::history::{History, HistoryIndicator, HistoryMonth, HistorySource};
use crate::scorecard::{Scorecard, Values};
use crate::settings::Settings;

/// The month of `card` as signed off on `today`, each indicator with the
/// commentary `commentary` gives it (by indicator id; none when absent).
pub fn signed_off(
    card: &Scorecard,
    commentary: &BTreeMap<String, String>,
    today: Date,
) -> HistoryMonth {
    let measures = |values: &Values| -> BTreeMap<String, Option<f64>> {
        values
            .definition
            .measures
            .iter()
            .zip(&values.values)
            .map(|(measure, value)| (measure.name.to_string(), *value))
            .collect()
    };
    let indicators = card
        .indicators
        .iter()
        .map(|result| {
            let id = result.definition.id;
            let figures = HistoryIndicator {
                current: measures(&result.current),
                areas: result
                    .areas
                    .iter()
                    .map(|(area, values)| (area.clone(), measures(values)))
                    .collect(),
                target: result.target,
                rating: Some(result.rating.id().to_string()),
                commentary: commentary.get(id).cloned(),
            };
            (id.to_string(), figures)
        })
        .collect();
    let sources = card
        .files
        .iter()
        .filter(|file| file.error.is_none())
        .filter_map(|file| {
            let kind = file.kind.clone().filter(|kind| kind != "settings")?;
            Some(HistorySource {
                name: file.name.clone(),
                kind,
                as_at: file.as_at,
                rows: u64::try_from(file.rows).ok(),
            })
        })
        .collect();
    HistoryMonth {
        signed_off: Some(today),
        sources,
        indicators,
    }
}

/// Each indicator's commentary to sign off when no person has written one
/// here (the CLI): the history's for the month, else the engine's draft
/// (history.md, "Sign-off").
pub fn commentary(
    history: &History,
    card: &Scorecard,
    settings: &Settings,
) -> BTreeMap<String, String> {
    let kept = history.months.get(&card.month);
    card.indicators
        .iter()
        .map(|result| {
            let id = result.definition.id;
            let text = kept
                .and_then(|month| month.indicators.get(id))
                .and_then(|figures| figures.commentary.clone())
                .unwrap_or_else(|| commentary::draft(result, card.month, settings));
            (id.to_string(), text)
        })
        .collect()
}

/// `history` with `card`'s month signed off (replacing that month if it
/// held it), and the LA's name when the history had none.
pub fn sign_off(
    history: &mut History,
    card: &Scorecard,
    commentary: &BTreeMap<String, String>,
    today: Date,
) {
    if history.la_name.is_empty() {
        history.la_name.clone_from(&card.la_name);
    }
    history
        .months
        .insert(card.month, signed_off(card, commentary, today));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::read;
    use crate::month::Month;
    use crate::scorecard::{InputFile, compute, load};
    use jiff::civil::date;
    use std::path::Path;

    fn public_city() -> (Vec<InputFile>, Settings) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/public_city");
        let mut inputs = Vec::new();
        let mut settings = Settings::default();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name == "settings.json" {
                settings = Settings::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
            } else if name.ends_with(".csv") {
                inputs.push(InputFile {
                    name,
                    bytes: std::fs::read(&path).unwrap(),
                    overrides: Default::default(),
                });
            }
        }
        (inputs, settings)
    }

    #[test]
    fn a_signed_off_month_holds_the_figures_and_no_child_or_worker() {
        let (inputs, settings) = public_city();
        let loaded = load(&inputs, settings, date(2026, 11, 26), |_| {});
        let december = Month::parse("2017-12");
        let card = compute(&loaded, &loaded.settings, december)
            .unwrap()
            .scorecard;
        let mut commentary = BTreeMap::new();
        commentary.insert("cp_plans".to_string(), "Stable.".to_string());
        let mut history = History::default();
        sign_off(&mut history, &card, &commentary, date(2018, 1, 10));
        let text = history.to_json();

        // Read back: the same figures as the scorecard, unrounded.
        let (read_back, left_out) = read(&text).unwrap();
        assert!(left_out.is_empty(), "{left_out:?}");
        let month = &read_back.months[&card.month];
        assert_eq!(month.signed_off, Some(date(2018, 1, 10)));
        for result in &card.indicators {
            let kept = &month.indicators[result.definition.id];
            for (measure, value) in result
                .definition
                .measures
                .iter()
                .zip(&result.current.values)
            {
                // JSON keeps 17 significant digits; reading them back may be
                // one unit in the last place off, well inside history.md's
                // 1e-9 for a restatement.
                let back = kept.current[measure.name];
                let same = match (back, value) {
                    (Some(a), Some(b)) => (a - b).abs() <= 1e-9,
                    (a, b) => a == *b,
                };
                assert!(
                    same,
                    "{}.{}: {back:?} vs {value:?}",
                    result.definition.id, measure.name
                );
            }
            assert_eq!(kept.areas.len(), result.areas.len());
            assert_eq!(kept.rating.as_deref(), Some(result.rating.id()));
        }
        assert_eq!(
            month.indicators["cp_plans"].commentary.as_deref(),
            Some("Stable.")
        );
        assert!(
            month
                .sources
                .iter()
                .any(|s| s.name == "list7_cp_2017-12-31.csv")
        );

        // Nothing from any row: every value of an id, worker or name
        // column of the inputs is absent from the document.
        let mut identifying = std::collections::BTreeSet::new();
        for input in &inputs {
            let text = String::from_utf8_lossy(&input.bytes);
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let headers = reader.headers().unwrap().clone();
            let columns: Vec<usize> = headers
                .iter()
                .enumerate()
                .filter(|(_, h)| {
                    let h = h.to_lowercase();
                    h.contains("id") || h.contains("worker") || h.contains("name")
                })
                .map(|(i, _)| i)
                .collect();
            for record in reader.records() {
                let record = record.unwrap();
                for &i in &columns {
                    if let Some(value) = record.get(i).map(str::trim).filter(|v| v.len() >= 3) {
                        identifying.insert(value.to_string());
                    }
                }
            }
        }
        assert!(identifying.len() > 100, "the inputs hold ids and names");
        for value in &identifying {
            assert!(
                !text.contains(value.as_str()),
                "the history holds `{value}`"
            );
        }
    }
}
