//! The history of signed-off months (history.md): the document
//! `scorecard-history.json` and its seeding form (a CSV of `Month,
//! Indicator, Measure, Area, Value`) read leniently, and several histories
//! merged.
//!
//! Owns: the document's shape, what in it is refused or left out (with the
//! path and value of each entry left out), and the merge rule (the later
//! `signed_off` wins a month whole). Must not: hold anything about a child
//! or a worker (only aggregates, names of files and dates), or decide which
//! figures a scorecard shows (that is the scorecard's source rule).

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde_json::Value;

use crate::diagnostics::shorten;
use crate::format::json_number;
pub use crate::history_kind::{CSV_HEADER, FILE_KIND, KIND, is_csv_header, looks_like_history};
use crate::indicators;
use crate::month::Month;

/// Largest history document read (history.md, "Bad input").
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// Every signed-off (or seeded) month an authority has kept.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    pub la_name: String,
    pub months: BTreeMap<Month, HistoryMonth>,
}

/// One month's figures as signed off.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HistoryMonth {
    /// `None` for months seeded from a spreadsheet.
    pub signed_off: Option<Date>,
    pub sources: Vec<HistorySource>,
    pub indicators: BTreeMap<String, HistoryIndicator>,
}

/// A file behind a signed-off month: its name and date, never its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct HistorySource {
    pub name: String,
    pub kind: String,
    pub as_at: Option<Date>,
    pub rows: Option<u64>,
}

/// One indicator's figures for a month: every measure, unrounded, for the
/// LA and each area (`None` where there was no value).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HistoryIndicator {
    pub current: BTreeMap<String, Option<f64>>,
    pub areas: BTreeMap<String, BTreeMap<String, Option<f64>>>,
    pub target: Option<f64>,
    pub rating: Option<String>,
    pub commentary: Option<String>,
}

/// An entry of a valid document left out, with where it is and what it held.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftOut {
    /// e.g. `months.2017-12.indicators.cp_plans.current.count`.
    pub path: String,
    pub value: String,
    pub why: &'static str,
}

/// Why a whole history document is refused (one sentence each).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    TooBig(usize),
    NotJson(String),
    NotAHistory,
    Version(String),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::TooBig(bytes) => write!(
                f,
                "This history is {:.1} MB: a history is at most 20 MB",
                *bytes as f64 / 1_048_576.0
            ),
            Refused::NotJson(why) => write!(f, "This history is not valid JSON ({why})"),
            Refused::NotAHistory => {
                write!(
                    f,
                    "This JSON is not a scorecard history (its `kind` is not `{KIND}`)"
                )
            }
            Refused::Version(version) => write!(
                f,
                "This history has version {version}, which this scorecard cannot read (it reads version 1)"
            ),
        }
    }
}

impl History {
    /// The document as `scorecard-history.json` holds it (history.md):
    /// months in order, every measure unrounded, `null` where no value.
    pub fn to_json(&self) -> String {
        let months: serde_json::Map<String, Value> = self
            .months
            .iter()
            .map(|(month, entry)| (month.to_string(), month_json(entry)))
            .collect();
        let document = serde_json::json!({
            "kind": KIND,
            "version": 1,
            "la_name": self.la_name,
            "months": months,
        });
        serde_json::to_string_pretty(&document).unwrap_or_default()
    }
}

fn month_json(entry: &HistoryMonth) -> Value {
    let sources: Vec<Value> = entry
        .sources
        .iter()
        .map(|source| {
            serde_json::json!({
                "name": source.name,
                "kind": source.kind,
                "as_at": source.as_at.map(|d| d.to_string()),
                "rows": source.rows,
            })
        })
        .collect();
    let indicators: serde_json::Map<String, Value> = entry
        .indicators
        .iter()
        .map(|(id, figures)| {
            let areas: serde_json::Map<String, Value> = figures
                .areas
                .iter()
                .map(|(area, measures)| (area.clone(), measures_json(measures)))
                .collect();
            let indicator = serde_json::json!({
                "current": measures_json(&figures.current),
                "areas": areas,
                "target": json_number(figures.target, true),
                "rating": figures.rating,
                "commentary": figures.commentary,
            });
            (id.clone(), indicator)
        })
        .collect();
    serde_json::json!({
        "signed_off": entry.signed_off.map(|d| d.to_string()),
        "sources": sources,
        "indicators": indicators,
    })
}

fn measures_json(measures: &BTreeMap<String, Option<f64>>) -> Value {
    Value::Object(
        measures
            .iter()
            .map(|(name, value)| (name.clone(), json_number(*value, true)))
            .collect(),
    )
}

/// Reads a history document: refused whole when it is not one, else every
/// wrong entry left out and listed.
pub fn read(text: &str) -> Result<(History, Vec<LeftOut>), Refused> {
    if text.len() > MAX_BYTES {
        return Err(Refused::TooBig(text.len()));
    }
    // serde_json refuses nesting deeper than 128 levels itself, in one error.
    let document: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|error| Refused::NotJson(error.to_string()))?;
    if document.get("kind").and_then(Value::as_str) != Some(KIND) {
        return Err(Refused::NotAHistory);
    }
    match document.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(1) => {}
        Some(other) => return Err(Refused::Version(other.to_string())),
        None => return Err(Refused::Version("none".to_string())),
    }
    let mut left_out = Vec::new();
    let mut history = History {
        la_name: document
            .get("la_name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        months: BTreeMap::new(),
    };
    if let Some(months) = document.get("months").and_then(Value::as_object) {
        for (key, entry) in months {
            let path = format!("months.{key}");
            let Some(month) = Month::parse(key).filter(|_| key.len() == 7) else {
                left_out.push(leave(
                    &path,
                    &Value::String(key.clone()),
                    "not a month (YYYY-MM)",
                ));
                continue;
            };
            history
                .months
                .insert(month, read_month(&path, entry, &mut left_out));
        }
    }
    Ok((history, left_out))
}

fn leave(path: &str, value: &Value, why: &'static str) -> LeftOut {
    LeftOut {
        path: path.to_string(),
        value: shorten(&value.to_string()),
        why,
    }
}

fn read_month(path: &str, entry: &Value, left_out: &mut Vec<LeftOut>) -> HistoryMonth {
    let mut month = HistoryMonth::default();
    match entry.get("signed_off") {
        None | Some(Value::Null) => {}
        Some(Value::String(text)) if text.parse::<Date>().is_ok() => {
            month.signed_off = text.parse().ok();
        }
        Some(other) => left_out.push(leave(&format!("{path}.signed_off"), other, "not a date")),
    }
    for source in entry
        .get("sources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        month.sources.push(HistorySource {
            name: text_of(source, "name"),
            kind: text_of(source, "kind"),
            as_at: source
                .get("as_at")
                .and_then(Value::as_str)
                .and_then(|t| t.parse().ok()),
            rows: source.get("rows").and_then(Value::as_u64),
        });
    }
    let indicators = entry.get("indicators").and_then(Value::as_object);
    for (id, figures) in indicators.into_iter().flatten() {
        let path = format!("{path}.indicators.{id}");
        let Some(definition) = indicators::by_id(id) else {
            left_out.push(leave(&path, &Value::String(id.clone()), "not an indicator"));
            continue;
        };
        let mut indicator = HistoryIndicator {
            target: figures.get("target").and_then(Value::as_f64),
            rating: figures
                .get("rating")
                .and_then(Value::as_str)
                .map(String::from),
            commentary: figures
                .get("commentary")
                .and_then(Value::as_str)
                .map(String::from),
            ..HistoryIndicator::default()
        };
        if let Some(current) = figures.get("current") {
            indicator.current =
                read_measures(&format!("{path}.current"), current, definition, left_out);
        }
        let areas = figures.get("areas").and_then(Value::as_object);
        for (area, values) in areas.into_iter().flatten() {
            let measures = read_measures(
                &format!("{path}.areas.{area}"),
                values,
                definition,
                left_out,
            );
            indicator.areas.insert(area.clone(), measures);
        }
        month.indicators.insert(id.clone(), indicator);
    }
    month
}

fn text_of(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// An indicator's measures: known names with a number or `null`.
fn read_measures(
    path: &str,
    values: &Value,
    definition: &indicators::Definition,
    left_out: &mut Vec<LeftOut>,
) -> BTreeMap<String, Option<f64>> {
    let mut measures = BTreeMap::new();
    for (name, value) in values.as_object().into_iter().flatten() {
        let path = format!("{path}.{name}");
        if definition.measure(name).is_none() {
            left_out.push(leave(
                &path,
                &Value::String(name.clone()),
                "not a measure of the indicator",
            ));
            continue;
        }
        match value {
            Value::Null => {
                measures.insert(name.clone(), None);
            }
            Value::Number(n) => {
                measures.insert(name.clone(), n.as_f64());
            }
            other => left_out.push(leave(&path, other, "not a number or null")),
        }
    }
    measures
}

/// Reads a history seeded from a spreadsheet: one row per figure (`Area`
/// blank for the whole LA, `Value` a number or blank); its months have no
/// `signed_off`. Rows that are wrong are left out with their row number
/// (the header is row 1) and the cell.
pub fn read_csv(text: &str) -> (History, Vec<LeftOut>) {
    let mut history = History::default();
    let mut left_out = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    for (index, record) in reader.records().enumerate() {
        let row = index + 2;
        let Ok(record) = record else {
            left_out.push(leave_text(&format!("row {row}"), "", "not a CSV row"));
            continue;
        };
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let (month, id, measure, area, value) = (cell(0), cell(1), cell(2), cell(3), cell(4));
        let Some(month) = Month::parse_written(month) else {
            left_out.push(leave_text(
                &format!("row {row}, Month"),
                month,
                "not a month",
            ));
            continue;
        };
        let Some(definition) = indicators::by_id(id) else {
            left_out.push(leave_text(
                &format!("row {row}, Indicator"),
                id,
                "not an indicator",
            ));
            continue;
        };
        if definition.measure(measure).is_none() {
            let why = "not a measure of the indicator";
            left_out.push(leave_text(&format!("row {row}, Measure"), measure, why));
            continue;
        }
        let value = if value.is_empty() {
            None
        } else if let Some(number) = value
            .replace(',', "")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
        {
            Some(number)
        } else {
            left_out.push(leave_text(
                &format!("row {row}, Value"),
                value,
                "not a number or blank",
            ));
            continue;
        };
        let indicator = history
            .months
            .entry(month)
            .or_default()
            .indicators
            .entry(id.to_string())
            .or_default();
        let measures = if area.is_empty() {
            &mut indicator.current
        } else {
            indicator.areas.entry(area.to_string()).or_default()
        };
        measures.insert(measure.to_string(), value);
    }
    (history, left_out)
}

fn leave_text(path: &str, text: &str, why: &'static str) -> LeftOut {
    leave(path, &Value::String(text.to_string()), why)
}

/// Why a file given as a history is neither form of one.
pub const NOT_A_HISTORY: &str = "not a history (neither a scorecard-history.json nor a CSV of Month, Indicator, Measure, Area, Value)";

/// Reads a file given as a history, in either form: the document, or the
/// seeding CSV (recognised by its header row).
pub fn read_any(text: &str) -> Result<(History, Vec<LeftOut>), String> {
    if looks_like_history(text) {
        return read(text).map_err(|why| why.to_string());
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = match reader.records().next() {
        Some(Ok(row)) => row.iter().map(String::from).collect(),
        _ => Vec::new(),
    };
    if is_csv_header(&header) {
        Ok(read_csv(text))
    } else {
        Err(NOT_A_HISTORY.to_string())
    }
}

/// Which of two inputs' month won a merge, when their figures differed.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeChoice {
    pub month: Month,
    /// Index (in the order given) of the history whose month was kept.
    pub kept: usize,
    pub dropped: usize,
}

/// Merges histories month by month (history.md, "Several histories"): the
/// month with the later `signed_off` wins whole; no date loses to any
/// date; on a tie the later given wins. Returns the merged history and, for
/// each month two inputs held with different figures, which won.
pub fn merge(histories: &[History]) -> (History, Vec<MergeChoice>) {
    let mut merged = History::default();
    let mut from: BTreeMap<Month, usize> = BTreeMap::new();
    let mut choices = Vec::new();
    for (index, history) in histories.iter().enumerate() {
        if merged.la_name.is_empty() {
            merged.la_name.clone_from(&history.la_name);
        }
        for (month, entry) in &history.months {
            let Some(held) = merged.months.get(month) else {
                merged.months.insert(*month, entry.clone());
                from.insert(*month, index);
                continue;
            };
            // `None < Some(_)`, and `>=` lets the later given win a tie.
            let wins = entry.signed_off >= held.signed_off;
            let previous = from.get(month).copied().unwrap_or(index);
            if held.indicators != entry.indicators {
                let (kept, dropped) = if wins {
                    (index, previous)
                } else {
                    (previous, index)
                };
                choices.push(MergeChoice {
                    month: *month,
                    kept,
                    dropped,
                });
            }
            if wins {
                merged.months.insert(*month, entry.clone());
                from.insert(*month, index);
            }
        }
    }
    (merged, choices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn month(text: &str) -> Month {
        Month::parse(text).unwrap()
    }

    const DECEMBER: &str = r#"{
      "kind": "csc-scorecard-history",
      "version": 1,
      "la_name": "Example City",
      "months": {
        "2017-12": {
          "signed_off": "2018-01-10",
          "sources": [{"name": "list7_cp_2017-12-31.csv", "kind": "list7_cp", "as_at": "2017-12-31", "rows": 2320}],
          "indicators": {
            "cp_plans": {
              "current": {"count": 972, "rate_per_10k": 33.97},
              "areas": {"EAST": {"count": 282, "rate_per_10k": null}},
              "target": null,
              "rating": "none",
              "commentary": "Stable."
            }
          }
        }
      }
    }"#;

    #[test]
    fn reads_the_documents_example() {
        assert!(looks_like_history(DECEMBER));
        let (history, left_out) = read(DECEMBER).unwrap();
        assert!(left_out.is_empty(), "{left_out:?}");
        assert_eq!(history.la_name, "Example City");
        let december = &history.months[&month("2017-12")];
        assert_eq!(december.signed_off, Some(date(2018, 1, 10)));
        assert_eq!(december.sources[0].rows, Some(2320));
        assert_eq!(december.sources[0].as_at, Some(date(2017, 12, 31)));
        let cp = &december.indicators["cp_plans"];
        assert_eq!(cp.current["count"], Some(972.0));
        assert_eq!(cp.current["rate_per_10k"], Some(33.97));
        assert_eq!(cp.areas["EAST"]["rate_per_10k"], None);
        assert_eq!((cp.target, cp.rating.as_deref()), (None, Some("none")));
        assert_eq!(cp.commentary.as_deref(), Some("Stable."));
    }

    #[test]
    fn written_as_read() {
        let (history, _) = read(DECEMBER).unwrap();
        let text = history.to_json();
        assert!(text.contains("\"kind\": \"csc-scorecard-history\""));
        assert_eq!(read(&text).unwrap(), (history, Vec::new()));
    }

    #[test]
    fn every_figure_reads_back_exactly_as_written() {
        // Found by fuzzing (docs/fuzzing.md): serde_json's default reader
        // can be a bit off in the last place of a long figure, so a written
        // history did not read back the same: 2 of 13 as a percentage,
        // written 15.384615384615385, read back as 15.384615384615383.
        for figure in [2.0 / 13.0 * 100.0, 14.0 / 15.0 * 100.0] {
            let history = one_month(Some(date(2018, 1, 10)), figure);
            let text = history.to_json();
            assert_eq!(read(&text).unwrap(), (history, Vec::new()), "{text}");
        }
        // The fuzzer's input: a seeding CSV's figure (read exactly, by
        // Rust's own parser) written as 4.444444444444444e21 and read back
        // as 4.4444444444444443e21.
        let (seeded, _) = read_csv("M\nDec-17,cp_plans,count,,\"4444444444444444444441\"\n");
        assert_eq!(count(&seeded), "4444444444444444444441".parse().ok());
        let text = seeded.to_json();
        assert_eq!(read(&text).unwrap(), (seeded, Vec::new()), "{text}");
    }

    #[test]
    fn a_wrong_entry_is_left_out_with_its_path_and_value() {
        let text = DECEMBER
            .replace(r#""count": 972"#, r#""count": "972""#)
            .replace(
                r#""signed_off": "2018-01-10""#,
                r#""signed_off": "10/01/2018""#,
            )
            .replace(
                r#""cp_plans": {"#,
                r#""cp_plan": {"count": 1}, "cp_plans": {"#,
            )
            .replace(
                r#""rate_per_10k": 33.97"#,
                r#""rate_per_10k": 33.97, "rate": 1"#,
            )
            .replace(r#""2017-12": {"#, r#""Dec-17": {}, "2017-12": {"#);
        let (history, left_out) = read(&text).unwrap();
        let found: Vec<(&str, &str)> = left_out
            .iter()
            .map(|l| (l.path.as_str(), l.value.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("months.Dec-17", "\"Dec-17\""),
                ("months.2017-12.signed_off", "\"10/01/2018\""),
                ("months.2017-12.indicators.cp_plan", "\"cp_plan\""),
                (
                    "months.2017-12.indicators.cp_plans.current.count",
                    "\"972\""
                ),
                (
                    "months.2017-12.indicators.cp_plans.current.rate",
                    "\"rate\""
                ),
            ]
        );
        // The rest of the month is kept.
        let cp = &history.months[&month("2017-12")].indicators["cp_plans"];
        assert_eq!(cp.current.get("count"), None);
        assert_eq!(cp.current["rate_per_10k"], Some(33.97));
    }

    #[test]
    fn a_whole_document_is_refused_in_one_sentence() {
        assert!(matches!(read("{"), Err(Refused::NotJson(_))));
        assert_eq!(
            read(r#"{"kind": "other", "version": 1}"#),
            Err(Refused::NotAHistory)
        );
        let two = DECEMBER.replace(r#""version": 1"#, r#""version": 2"#);
        assert_eq!(read(&two), Err(Refused::Version("2".into())));
        assert_eq!(
            Refused::Version("2".into()).to_string(),
            "This history has version 2, which this scorecard cannot read (it reads version 1)"
        );
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(matches!(read(&deep), Err(Refused::NotJson(_))));
        assert!(matches!(
            read(&" ".repeat(MAX_BYTES + 1)),
            Err(Refused::TooBig(_))
        ));
    }

    fn one_month(signed_off: Option<Date>, count: f64) -> History {
        let mut indicator = HistoryIndicator::default();
        indicator.current.insert("count".into(), Some(count));
        let mut entry = HistoryMonth {
            signed_off,
            ..HistoryMonth::default()
        };
        entry.indicators.insert("cp_plans".into(), indicator);
        let mut history = History::default();
        history.months.insert(month("2017-12"), entry);
        history
    }

    fn count(history: &History) -> Option<f64> {
        history.months[&month("2017-12")].indicators["cp_plans"].current["count"]
    }

    #[test]
    fn the_later_sign_off_wins_a_month_whole() {
        let early = one_month(Some(date(2018, 1, 10)), 972.0);
        let late = one_month(Some(date(2018, 2, 1)), 975.0);
        let seeded = one_month(None, 900.0);
        // Later date wins, whichever order they are given in.
        let (merged, choices) = merge(&[late.clone(), early.clone()]);
        assert_eq!(count(&merged), Some(975.0));
        assert_eq!(
            choices,
            [MergeChoice {
                month: month("2017-12"),
                kept: 0,
                dropped: 1
            }]
        );
        assert_eq!(count(&merge(&[early.clone(), late]).0), Some(975.0));
        // No date loses to any date.
        assert_eq!(
            count(&merge(&[early.clone(), seeded.clone()]).0),
            Some(972.0)
        );
        assert_eq!(
            count(&merge(&[seeded.clone(), early.clone()]).0),
            Some(972.0)
        );
        // A tie: the later given wins.
        let again = one_month(Some(date(2018, 1, 10)), 973.0);
        assert_eq!(count(&merge(&[early.clone(), again]).0), Some(973.0));
        // The same figures twice: nothing to report.
        assert!(merge(&[early.clone(), early]).1.is_empty());
    }

    #[test]
    fn seeding_months_in_three_forms() {
        for text in ["2017-12", "Dec-17", "December 2017", "dec-2017", " DEC 17 "] {
            assert_eq!(Month::parse_written(text), Some(month("2017-12")), "{text}");
        }
        for text in ["2017-13", "Dece-17", "17/12/2017", "Dec", ""] {
            assert_eq!(Month::parse_written(text), None, "{text}");
        }
    }

    #[test]
    fn either_form_is_read_and_anything_else_refused() {
        assert_eq!(read_any(DECEMBER).unwrap(), read(DECEMBER).unwrap());
        let csv = "\u{feff}Month,Indicator,Measure,Area,Value\nDec-17,cp_plans,count,,972\n";
        assert_eq!(read_any(csv).unwrap(), read_csv(csv));
        assert_eq!(
            read_any("Team,Area\nEast,EAST\n").unwrap_err(),
            NOT_A_HISTORY
        );
        assert!(read_any(&DECEMBER.replace("\"version\": 1", "\"version\": 2")).is_err());
    }

    #[test]
    fn a_document_with_a_byte_order_mark_is_read_in_either_way() {
        // Found by the fuzz target's check that `read_any` reads what `read`
        // does (docs/fuzzing.md): a document saved with a UTF-8 BOM (as
        // Windows Notepad may) was `read`, but `read_any` (the CLI's
        // `--history`) refused it as not a history.
        let text = format!("\u{feff}{DECEMBER}");
        assert!(looks_like_history(&text));
        assert_eq!(read_any(&text).unwrap(), read(DECEMBER).unwrap());
    }

    #[test]
    fn a_history_seeded_from_a_spreadsheet() {
        let header: Vec<String> = ["month", " Indicator", "MEASURE", "Area", "Value"]
            .map(String::from)
            .to_vec();
        assert!(is_csv_header(&header));
        let csv = "Month,Indicator,Measure,Area,Value\n\
                   Dec-17,cp_plans,count,,972\n\
                   Dec-17,cp_plans,count,EAST,282\n\
                   Dec-17,cp_plans,rate_per_10k,,\n\
                   November 2017,re_referrals,percent,,\"1,234.5\"\n\
                   Dec-17,cp_plan,count,,1\n\
                   Dec-17,cp_plans,rate,,1\n\
                   13/2017,cp_plans,count,,1\n\
                   Dec-17,cp_plans,count,WEST,n/a\n";
        let (history, left_out) = read_csv(csv);
        let december = &history.months[&month("2017-12")];
        assert_eq!(december.signed_off, None);
        let cp = &december.indicators["cp_plans"];
        assert_eq!(cp.current["count"], Some(972.0));
        assert_eq!(cp.current["rate_per_10k"], None);
        assert_eq!(cp.areas["EAST"]["count"], Some(282.0));
        assert!(!cp.areas.contains_key("WEST"));
        let november = &history.months[&month("2017-11")];
        assert_eq!(
            november.indicators["re_referrals"].current["percent"],
            Some(1234.5)
        );
        let found: Vec<(&str, &str)> = left_out
            .iter()
            .map(|l| (l.path.as_str(), l.value.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("row 6, Indicator", "\"cp_plan\""),
                ("row 7, Measure", "\"rate\""),
                ("row 8, Month", "\"13/2017\""),
                ("row 9, Value", "\"n/a\""),
            ]
        );
    }
}
