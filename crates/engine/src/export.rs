//! The scorecard as JSON (the CLI's shape, outputs.md "The CLI"), as the
//! export CSV (one row per indicator × measure × column) and as a text
//! table an analyst can paste into an email; an indicator's drill-down
//! records and the data-quality problems as CSV.
//!
//! Owns: every export's text, byte for byte: the page's download buttons
//! and the CLI only name the file and hand the text over. It must not
//! compute a figure (it reads the `Scorecard`) or do I/O.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::diagnostics::Problem;
use crate::format;
use crate::format::json_number;
use crate::indicators::MeasureKind;
use crate::month::Month;
use crate::scorecard::{DrillRow, IndicatorResult, Previous, Scorecard, Values};
use crate::sources::{Restatement, Source};

/// The shown measures of a column as a JSON object, in the definition's order.
fn measures(values: &Values, counts_integral: bool) -> Map<String, Value> {
    values
        .definition
        .measures
        .iter()
        .zip(&values.values)
        .filter(|(m, _)| m.is_shown())
        .map(|(m, v)| {
            let integral = counts_integral && m.kind == MeasureKind::Count;
            (m.name.to_string(), json_number(*v, integral))
        })
        .collect()
}

/// A column as a JSON object: its month when it has one, its measures, and
/// where its figures came from (history.md: `extracts`, `history` or null).
fn column(month: Option<Month>, values: &Values, counts_integral: bool) -> Map<String, Value> {
    let mut column = Map::new();
    if let Some(month) = month {
        column.insert("month".into(), json!(month.to_string()));
    }
    column.extend(measures(values, counts_integral));
    column.insert("source".into(), json!(values.source.map(Source::as_str)));
    column
}

/// A column combined from several months, with how many had a headline.
fn combined(previous: &Previous) -> Map<String, Value> {
    let mut column = column(None, &previous.values, false);
    column.insert("months".into(), json!(previous.months));
    column
}

fn indicator_json(result: &IndicatorResult) -> Value {
    let definition = result.definition;
    let mut columns = Map::new();
    columns.insert(
        "current".into(),
        Value::Object(column(None, &result.current, true)),
    );
    columns.insert("previous".into(), Value::Object(combined(&result.previous)));
    let (last_year_month, last_year) = &result.last_year;
    columns.insert(
        "last_year".into(),
        Value::Object(column(Some(*last_year_month), last_year, true)),
    );
    columns.insert(
        "year_to_date".into(),
        result
            .year_to_date
            .as_ref()
            .map_or(Value::Null, |ytd| Value::Object(combined(ytd))),
    );
    if let Some((month, values)) = &result.baseline {
        columns.insert(
            "baseline".into(),
            Value::Object(column(Some(*month), values, true)),
        );
    }
    if definition.has_areas {
        let areas: Map<String, Value> = result
            .areas
            .iter()
            .map(|(name, values)| (name.clone(), Value::Object(column(None, values, true))))
            .collect();
        columns.insert("areas".into(), Value::Object(areas));
    }
    let series: Vec<Value> = result
        .series
        .iter()
        .map(|(month, values)| Value::Object(column(Some(*month), values, true)))
        .collect();
    json!({
        "number": definition.number,
        "id": definition.id,
        "title": definition.title,
        "polarity": result.polarity,
        "headline": definition.headline,
        "previous_mode": result.previous_mode,
        "missing_inputs": result.missing_inputs.iter().map(|k| k.id()).collect::<Vec<_>>(),
        "columns": columns,
        "series": series,
        "target": json_number(result.target, true),
        "tolerance": json_number(result.tolerance, true),
        "rating": result.rating,
        "trend": result.trend,
        "national": json_number(result.national, true),
        "statistical_neighbours": json_number(result.statistical_neighbours, true),
        "benchmark_year": result.benchmark_year,
        "notes": result.notes,
    })
}

/// history.md, "Restatements": `{indicator, month, measure, area, published, now}`.
fn restatement_json(restated: &Restatement) -> Value {
    json!({
        "indicator": restated.indicator,
        "month": restated.month.to_string(),
        "measure": restated.measure,
        "area": restated.area,
        "published": json_number(restated.published, false),
        "now": json_number(restated.now, false),
    })
}

/// The scorecard as the CLI's JSON object.
pub fn to_json(scorecard: &Scorecard) -> Value {
    let files: Vec<Value> = scorecard
        .files
        .iter()
        .map(|f| {
            json!({
                "name": f.name,
                "kind": f.kind,
                "rows": f.rows,
                "as_at": f.as_at.map(|d| d.to_string()),
                // Unrecognised files have no as-at date or source.
                "as_at_source": f.kind.as_ref().map(|_| f.as_at_source),
                "covers_from": f.covers_from.map(|d| d.to_string()),
                "covers_to": f.covers_to.map(|d| d.to_string()),
                "problems": f.problems,
                "error": f.error,
            })
        })
        .collect();
    json!({
        "month": scorecard.month.to_string(),
        "la_name": scorecard.la_name,
        "files": files,
        "indicators": scorecard.indicators.iter().map(indicator_json).collect::<Vec<_>>(),
        "restatements": scorecard.restatements.iter().map(restatement_json).collect::<Vec<_>>(),
        "problems": scorecard.problems,
    })
}

/// Every figure as one CSV row: indicator, measure, column, value.
pub fn to_csv(scorecard: &Scorecard) -> String {
    let mut rows: Vec<[String; 6]> = Vec::new();
    let text = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    for result in &scorecard.indicators {
        let d = result.definition;
        let mut push = |measure: &str, column: &str, value: String| {
            rows.push([
                d.number.to_string(),
                d.id.to_string(),
                d.title.to_string(),
                measure.to_string(),
                column.to_string(),
                value,
            ]);
        };
        for (index, measure) in d.measures.iter().enumerate() {
            if !measure.is_shown() {
                continue;
            }
            let at = |values: &Values| text(values.values.get(index).copied().flatten());
            push(measure.name, "previous", at(&result.previous.values));
            push(measure.name, "current", at(&result.current));
            for (area, values) in &result.areas {
                push(measure.name, &format!("area:{area}"), at(values));
            }
            if let Some((_, values)) = &result.baseline {
                push(measure.name, "baseline", at(values));
            }
        }
        push(d.headline, "target", text(result.target));
        push(d.headline, "national", text(result.national));
        push(
            d.headline,
            "statistical_neighbours",
            text(result.statistical_neighbours),
        );
        push(d.headline, "rating", result.rating.id().to_string());
        push(d.headline, "trend", result.trend.id().to_string());
    }
    let header = ["number", "indicator", "title", "measure", "column", "value"];
    csv_text(header, rows)
}

/// A header and rows as CSV text (RFC 4180 quoting, `\n` line ends).
fn csv_text<const N: usize>(
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row);
    }
    writer
        .into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// The records behind an indicator's counts (its drill-down), one row each:
/// the measure it counts in, area, file, row, child or worker, and what it
/// added (1 for a count; days, cases or FTE otherwise).
pub fn drill_csv(rows: &[DrillRow]) -> String {
    let header = [
        "measure",
        "area",
        "file",
        "row",
        "child or worker",
        "amount",
    ];
    csv_text(
        header,
        rows.iter().map(|row| {
            [
                row.measure.clone(),
                row.area.clone(),
                row.file.clone(),
                row.row.to_string(),
                row.subject.clone(),
                row.amount.to_string(),
            ]
        }),
    )
}

/// Every data-quality problem, one row each: file, row (blank for a whole
/// file), column, value, severity (`error`, `warning`, `info`), code and
/// message.
pub fn problems_csv(problems: &[Problem]) -> String {
    let header = [
        "file", "row", "column", "value", "severity", "code", "message",
    ];
    csv_text(
        header,
        problems.iter().map(|p| {
            [
                p.file.clone(),
                p.row.map(|r| r.to_string()).unwrap_or_default(),
                p.column.clone(),
                p.value.clone(),
                p.severity.as_str().to_string(),
                p.code.to_string(),
                p.message.clone(),
            ]
        }),
    )
}

/// The commentary pack of `card`'s month (outputs.md, "Papers for a
/// committee", 3; read back by `commentary_pack`): one row per indicator, its commentary (by
/// indicator id) and the headline figures the reader writes about.
pub fn commentary_pack_csv(card: &Scorecard, commentary: &BTreeMap<String, String>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = crate::commentary_kind::HEADER.to_vec();
    header.extend([
        "Number",
        "Title",
        "Headline",
        "Value",
        "Previous 6 months",
        "Target",
        "Rating",
        "Trend",
    ]);
    let _ = writer.write_record(&header);
    for result in &card.indicators {
        let d = result.definition;
        let style = d.style(d.headline);
        let headline_label = d
            .measure(d.headline)
            .and_then(|i| d.measures.get(i))
            .map_or(d.headline, |m| m.label);
        let _ = writer.write_record([
            d.id.to_string(),
            card.month.to_string(),
            commentary.get(d.id).cloned().unwrap_or_default(),
            d.number.to_string(),
            d.title.to_string(),
            headline_label.to_string(),
            format::value(result.current.headline(), style),
            format::value(result.previous.values.headline(), style),
            format::value(result.target, style),
            result.rating.word().to_string(),
            result.trend.words(result.polarity).to_string(),
        ]);
    }
    writer
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// A plain-text scorecard: one table per indicator, in the seed's layout.
pub fn to_text(scorecard: &Scorecard) -> String {
    let mut out = String::new();
    let title = if scorecard.la_name.is_empty() {
        "Performance scorecard".to_string()
    } else {
        format!("{} performance scorecard", scorecard.la_name)
    };
    out.push_str(&format!("{title} - {}\n", scorecard.month.long_label()));
    out.push_str(&format!("{}\n", scorecard.protective_marking));
    for result in &scorecard.indicators {
        out.push('\n');
        out.push_str(&indicator_text(scorecard, result));
    }
    let problems = scorecard.problems.len();
    out.push_str(&format!(
        "\nData quality: {} reported.\n",
        format::count_of(problems, "problem", "problems")
    ));
    out
}

fn indicator_text(scorecard: &Scorecard, result: &IndicatorResult) -> String {
    let d = result.definition;
    let mut header = vec![String::new()];
    let previous_label = if result.previous.months < 6 {
        format!("Prev. 6 months ({} of 6)", result.previous.months)
    } else if crate::scorecard::previous_is_cumulative(d, result.previous_mode) {
        "Prev. 6 months cumulative".to_string()
    } else {
        "Prev. 6 months average".to_string()
    };
    header.push(previous_label);
    if let Some((month, _)) = &result.baseline {
        header.push(month.label());
    }
    header.push(scorecard.month.label());
    header.extend(result.areas.iter().map(|(name, _)| name.clone()));
    let mut rows = vec![header];
    for (index, measure) in d.measures.iter().enumerate() {
        if !measure.is_shown() {
            continue;
        }
        let style = d.style(measure.name);
        let show =
            |values: &Values| format::value(values.values.get(index).copied().flatten(), style);
        let mut row = vec![measure.label.to_string(), show(&result.previous.values)];
        if let Some((_, values)) = &result.baseline {
            row.push(show(values));
        }
        row.push(show(&result.current));
        row.extend(result.areas.iter().map(|(_, values)| show(values)));
        rows.push(row);
    }
    let headline_style = d.style(d.headline);
    rows.push(vec![
        "Target".into(),
        format::value(result.target, headline_style),
    ]);
    rows.push(vec![
        "Performance rating".into(),
        result.rating.word().into(),
    ]);
    rows.push(vec![
        "Trend".into(),
        result.trend.words(result.polarity).into(),
    ]);
    if result.national.is_some() || result.statistical_neighbours.is_some() {
        rows.push(vec![
            "National average".into(),
            format::value(result.national, headline_style),
        ]);
        rows.push(vec![
            "Statistical neighbours average".into(),
            format::value(result.statistical_neighbours, headline_style),
        ]);
    }
    let widths: Vec<usize> = (0..rows.iter().map(Vec::len).max().unwrap_or(0))
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = format!("{}.) {}\n", d.number, d.title);
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let width = widths.get(c).copied().unwrap_or(0);
                if c == 0 {
                    format!("{cell:<width$}")
                } else {
                    format!("{cell:>width$}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    for note in &result.notes {
        out.push_str(&format!("  Note: {note}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{ProblemCode, Severity};

    fn drill_row(
        measure: &str,
        area: &str,
        file: &str,
        row: u32,
        subject: &str,
        amount: f64,
    ) -> DrillRow {
        DrillRow {
            measure: measure.into(),
            area: area.into(),
            file: file.into(),
            row,
            subject: subject.into(),
            amount,
        }
    }

    #[test]
    fn drill_rows_as_csv() {
        let rows = [
            drill_row("count", "EAST", "list7_2017-12-31.csv", 2, "A1", 1.0),
            // A comma and a quote are quoted; a fraction keeps its digits.
            drill_row(
                "fte",
                "North, West",
                "staff.csv",
                14,
                "Jo \"JJ\" Smith",
                0.5,
            ),
            drill_row("days", "", "list4.csv", 1000, "C9", 45.0),
        ];
        assert_eq!(
            drill_csv(&rows),
            "measure,area,file,row,child or worker,amount\n\
             count,EAST,list7_2017-12-31.csv,2,A1,1\n\
             fte,\"North, West\",staff.csv,14,\"Jo \"\"JJ\"\" Smith\",0.5\n\
             days,,list4.csv,1000,C9,45\n"
        );
        assert_eq!(
            drill_csv(&[]),
            "measure,area,file,row,child or worker,amount\n"
        );
    }

    #[test]
    fn problems_as_csv() {
        let problems = [
            Problem::cell(
                "list3.csv",
                7,
                "Referral Date",
                "31/02/2017",
                ProblemCode::InvalidDate,
                Severity::Warning,
                "not a date, so this referral is left out".into(),
            ),
            Problem::file(
                "list6.csv",
                ProblemCode::AsAtUnknown,
                Severity::Error,
                "no date in its name or its date columns".into(),
            ),
            Problem::cell(
                "teams.csv",
                2,
                "Team",
                "North\nEast",
                ProblemCode::UnmappedTeam,
                Severity::Info,
                "counted as \"Unmapped\"".into(),
            ),
        ];
        assert_eq!(
            problems_csv(&problems),
            "file,row,column,value,severity,code,message\n\
             list3.csv,7,Referral Date,31/02/2017,warning,invalid_date,\"not a date, so this referral is left out\"\n\
             list6.csv,,,,error,as_at_unknown,no date in its name or its date columns\n\
             teams.csv,2,Team,\"North\nEast\",info,unmapped_team,\"counted as \"\"Unmapped\"\"\"\n"
        );
        assert_eq!(
            problems_csv(&[]),
            "file,row,column,value,severity,code,message\n"
        );
    }
}
