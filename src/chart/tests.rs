//! Chart tests on the real engine's output for the golden case
//! `tests/golden/public_city` (December 2017), plus hand-made gaps.
//! Expected values are read off that case's `expected.json`, not from the
//! charts' code.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::*;
use crate::domain::ingest::FileOverrides;
use crate::domain::month::Month;
use crate::domain::scorecard::{InputFile, Scorecard, compute, load};
use crate::domain::settings::Settings;

fn case_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/public_city")
}

/// The public_city scorecard, computed once.
fn scorecard() -> &'static Scorecard {
    static SCORECARD: OnceLock<Scorecard> = OnceLock::new();
    SCORECARD.get_or_init(|| {
        let dir = case_dir();
        let cmd: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("cmd.json")).unwrap()).unwrap();
        let settings = match cmd["settings"].as_str() {
            Some(name) => {
                Settings::from_json(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
            }
            None => Settings::default(),
        };
        let inputs: Vec<InputFile> = cmd["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|name| {
                let name = name.as_str().unwrap();
                InputFile {
                    name: name.to_string(),
                    bytes: std::fs::read(dir.join(name)).unwrap(),
                    overrides: FileOverrides::default(),
                }
            })
            .collect();
        let month = cmd["month"].as_str().and_then(Month::parse);
        let loaded = load(&inputs, settings, jiff::civil::date(2026, 11, 26), |_| {});
        compute(&loaded, &loaded.settings, month)
            .map(|c| c.with_drills())
            .unwrap()
    })
}

fn indicator(id: &str) -> &'static IndicatorResult {
    scorecard()
        .indicators
        .iter()
        .find(|r| r.definition.id == id)
        .unwrap()
}

/// `result` with no value in any month, area or current column.
fn emptied(result: &IndicatorResult) -> IndicatorResult {
    let mut result = result.clone();
    let clear = |values: &mut crate::domain::scorecard::Values| {
        values.values.iter_mut().for_each(|v| *v = None);
    };
    result.series.iter_mut().for_each(|(_, v)| clear(v));
    result.areas.iter_mut().for_each(|(_, v)| clear(v));
    clear(&mut result.current);
    result
}

/// A text node as plotters writes it (wrapped in newlines).
fn text_node(text: &str) -> String {
    format!(">\n{text}\n</text>")
}

fn assert_svg(svg: &str) {
    assert!(svg.starts_with("<svg "), "{svg}");
    assert!(svg.trim_end().ends_with("</svg>"), "{svg}");
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("aria-label=\""));
    assert!(svg.contains("<title>"));
    // No text measured from font files: the generic family only.
    for family in svg.split("font-family=\"").skip(1) {
        assert!(family.starts_with("sans-serif\""), "{family}");
    }
    // Tags balance (XML-ish).
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    assert_eq!(svg.matches("<svg").count(), 1);
}

fn count(svg: &str, needle: &str) -> usize {
    svg.matches(needle).count()
}

/// Blue circles are the series' markers (plus one in the legend).
const MARKER: &str = "fill=\"#0072B2\" stroke=\"none\"";

#[test]
fn series_chart_of_re_referrals() {
    let result = indicator("re_referrals");
    let svg = series_chart(result, 680, 300);
    assert_svg(&svg);
    assert!(svg.contains(&text_node("% re-referrals within 12 months")));
    assert!(svg.contains(&text_node("Dec-16")));
    assert!(svg.contains(&text_node("Dec-17")));
    assert!(svg.contains(&text_node("Re-referrals %")));
    assert!(svg.contains(&text_node("Target: 24%")));
    assert!(svg.contains(&text_node("National average: 22%")));
    // Percent axis 0–100 with % signs.
    assert!(svg.contains(&text_node("0%")));
    assert!(svg.contains(&text_node("100%")));
    let alt = "% re-referrals within 12 months, by month, Dec-16 to Dec-17; latest 0% (Dec-17); target 24%; national average 22%.";
    assert!(svg.contains(&format!("aria-label=\"{alt}\"")), "{svg}");
    assert!(svg.contains(&format!("<title>{alt}</title>")));
    // 13 months with values: 13 markers + the legend's.
    assert_eq!(count(&svg, "<circle") - count(&svg, "r=\"2\""), 14);
    assert_eq!(count(&svg, MARKER), 14);
}

#[test]
fn null_months_are_gaps_not_zeros() {
    // cp_plans has no value for Jan-17 and Feb-17 (the CP extracts do not
    // cover them): two runs, Dec-16 alone and Mar-17 … Dec-17.
    let result = indicator("cp_plans");
    let figures = SeriesFigures::of(result);
    assert_eq!(figures.months.get(1), Some(&("Jan-17".to_string(), None)));
    let runs = figures.runs();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs.first().map(Vec::len), Some(1));
    assert_eq!(runs.get(1).map(Vec::len), Some(10));
    let svg = series_chart(result, 680, 300);
    assert_svg(&svg);
    // 11 markers for 11 values, plus the legend's.
    assert_eq!(count(&svg, MARKER), 12);
    // One polyline for the run of ten, one in the legend; none for the
    // lone Dec-16 (its marker shows it) and none through the gap.
    assert_eq!(count(&svg, "stroke=\"#0072B2\""), 2);
    assert!(svg.contains("no value for Jan-17 and Feb-17."));
    // Counts: whole-number ticks, no % sign on the axis.
    assert!(!svg.contains("%\n</text>"));

    // By hand: a series with values only in Dec-16, Jun-17 and Dec-17.
    let mut sparse = result.clone();
    for (i, (_, values)) in sparse.series.iter_mut().enumerate() {
        if ![0, 6, 12].contains(&i) {
            values.values.iter_mut().for_each(|v| *v = None);
        }
    }
    let svg = series_chart(&sparse, 680, 300);
    assert_eq!(count(&svg, MARKER), 4);
    assert_eq!(count(&svg, "stroke=\"#0072B2\""), 1);
}

#[test]
fn benchmarks_per_10k_are_words_not_lines() {
    // cp_plans: headline is a count, national 43 is per 10,000.
    let svg = series_chart(indicator("cp_plans"), 680, 300);
    assert!(svg.contains(&text_node(
        "National average: 43 per 10,000 children (a rate, not drawn)"
    )));
    assert!(svg.contains(&text_node("Target: 10")));
    // No dotted line: the only 2-pixel circles would be its dots.
    assert_eq!(count(&svg, "r=\"2\""), 0);
    // Re-referrals' national average is drawn as dots.
    let svg = series_chart(indicator("re_referrals"), 680, 300);
    assert!(count(&svg, "r=\"2\"") > 20);
}

#[test]
fn days_and_counts_axes() {
    let svg = series_chart(indicator("adoption_entry_to_placement"), 680, 300);
    assert_svg(&svg);
    assert!(svg.contains(&text_node("Average no. of days taken")));
    assert!(svg.contains(&text_node("Target: 600")));
    assert!(svg.contains(&text_node("National average: 558")));
    assert!(svg.contains(&text_node("600")));
    // Seven months without a value, five with.
    assert_eq!(count(&svg, MARKER), 6);
    assert!(svg.contains("latest 488 (Dec-17)"));
}

#[test]
fn area_chart_has_a_labelled_bar_per_area() {
    let result = indicator("supervision");
    let svg = area_chart(result, 680, 300);
    assert_svg(&svg);
    assert!(svg.contains(&text_node("% social workers supervised in the month")));
    assert!(svg.contains(&text_node("By area, Dec-17")));
    // Five areas, five bars (+ the legend's sample).
    assert_eq!(count(&svg, "<rect"), 1 + 6); // the white page, then bars
    assert_eq!(count(&svg, "fill=\"#0072B2\" stroke=\"none\""), 6);
    for (name, value) in [
        ("EAST", "82%"),
        ("NWC", "100%"),
        ("SOUTH", "75%"),
        ("DCSC", "100%"),
    ] {
        assert!(svg.contains(&text_node(name)), "{name}");
        assert!(svg.contains(&text_node(value)), "{value}");
    }
    // The long name wraps onto two lines.
    assert!(svg.contains(&text_node("Other Citywide")) || svg.contains(&text_node("Other")));
    assert!(svg.contains(&text_node("Target: 83%")));
    assert!(svg.contains(&text_node("Whole LA (Dec-17): 88%")));
    assert!(svg.contains(
        "aria-label=\"% social workers supervised in the month, by area, Dec-17: EAST 82%, NWC 100%, SOUTH 75%, DCSC 100%, Other Citywide Teams 100%; whole LA 88%; target 83%.\""
    ));
}

#[test]
fn area_without_a_value_is_said_not_drawn() {
    // Re-referrals: NWC has no referrals in Dec-17, the others 0%.
    let svg = area_chart(indicator("re_referrals"), 680, 300);
    assert_svg(&svg);
    assert_eq!(count(&svg, "fill=\"#0072B2\" stroke=\"none\""), 5);
    assert!(svg.contains(&text_node("no value")));
    assert_eq!(count(&svg, &text_node("0%")), 4 + 1); // four bars and the axis
    assert!(svg.contains("NWC no value"));
}

#[test]
fn area_counts_have_no_la_line() {
    let svg = area_chart(indicator("cp_plans"), 680, 300);
    assert_svg(&svg);
    assert!(svg.contains(&text_node("LA total (Dec-17): 5")));
    assert!(svg.contains(&text_node("Target (whole LA): 10")));
    // No dashed or black reference line.
    assert_eq!(count(&svg, "stroke=\"#D55E00\""), 0);
    assert_eq!(count(&svg, "stroke=\"#000000\""), 0);
}

#[test]
fn no_areas_no_chart() {
    assert_eq!(area_chart(indicator("agency_staff"), 680, 300), "");
}

#[test]
fn no_data_says_so() {
    let empty = emptied(indicator("re_referrals"));
    let svg = series_chart(&empty, 680, 300);
    assert_svg(&svg);
    assert!(svg.contains(&text_node("No data for this period")));
    assert!(svg.contains(&text_node("% re-referrals within 12 months")));
    assert!(!svg.contains(&text_node("0%")), "no empty axis");
    assert!(svg.contains("aria-label=\"% re-referrals within 12 months, by month, Dec-16 to Dec-17; no data for this period; target 24%; national average 22%.\""));
    let svg = area_chart(&empty, 680, 300);
    assert_svg(&svg);
    assert!(svg.contains(&text_node("No data for this period")));
    let svg = sparkline(&empty, 120, 32);
    assert_svg(&svg);
    assert!(!svg.contains("<polyline"));
}

#[test]
fn sparkline_is_bare() {
    let svg = sparkline(indicator("cp_plans"), 120, 32);
    assert_svg(&svg);
    assert!(
        svg.starts_with("<svg role=\"img\" aria-label=\"Children with a child protection plan at month end, by month")
    );
    assert!(svg.contains("width=\"120\" height=\"32\""));
    assert_eq!(count(&svg, "<text"), 0);
    assert_eq!(count(&svg, "<line"), 0);
    // One line for the run Mar-17 … Dec-17; a dot for the lone Dec-16 and
    // one for the latest value.
    assert_eq!(count(&svg, "<polyline"), 1);
    assert_eq!(count(&svg, "<circle"), 2);
}

#[test]
fn renders_are_deterministic() {
    for result in &scorecard().indicators {
        assert_eq!(
            series_chart(result, 680, 300),
            series_chart(result, 680, 300)
        );
        assert_eq!(area_chart(result, 680, 300), area_chart(result, 680, 300));
        assert_eq!(sparkline(result, 120, 32), sparkline(result, 120, 32));
    }
}

#[test]
fn any_size_draws_without_panicking() {
    let result = indicator("cp_plans");
    for (w, h) in [
        (0, 0),
        (1, 1),
        (50, 20),
        (240, 160),
        (300, 2000),
        (5000, 90),
        (u32::MAX, u32::MAX),
    ] {
        assert_svg(&series_chart(result, w, h));
        assert_svg(&area_chart(result, w, h));
        assert_svg(&sparkline(result, w, h));
    }
}

#[test]
fn every_indicator_draws() {
    for result in &scorecard().indicators {
        let svg = series_chart(result, 680, 300);
        assert_svg(&svg);
        assert!(
            svg.contains(&text_node(result.definition.title)),
            "{}",
            result.definition.id
        );
        assert!(svg.contains(&text_node("Dec-16")));
        assert!(svg.contains(&text_node("Dec-17")));
        assert_eq!(
            svg.contains(&text_node("Target")) || svg.contains(">\nTarget"),
            result.target.is_some()
        );
        assert_eq!(
            svg.contains(">\nNational"),
            result.national.is_some(),
            "{}",
            result.definition.id
        );
        if result.definition.has_areas {
            assert_svg(&area_chart(result, 680, 300));
        }
        assert_svg(&sparkline(result, 120, 32));
    }
}

/// Writes every public_city chart to `target/chart-preview/` (and an HTML
/// page of them all) to look at: `cargo test chart::tests::preview -- --ignored`.
#[test]
#[ignore]
fn preview() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/chart-preview");
    std::fs::create_dir_all(&out).unwrap();
    let mut page = String::from(
        "<!doctype html><meta charset=utf-8><title>Charts</title><style>body{font-family:sans-serif} img,svg{border:1px solid #eee;margin:4px}</style>\n",
    );
    for result in &scorecard().indicators {
        let stem = format!("{:02}_{}", result.definition.number, result.definition.id);
        let series = series_chart(result, SERIES_SIZE.0, SERIES_SIZE.1);
        std::fs::write(out.join(format!("{stem}_series.svg")), &series).unwrap();
        let spark = sparkline(result, SPARKLINE_SIZE.0, SPARKLINE_SIZE.1);
        std::fs::write(out.join(format!("{stem}_spark.svg")), &spark).unwrap();
        page.push_str(&format!("<h2>{stem}</h2>\n{spark}\n{series}\n"));
        let areas = area_chart(result, AREA_SIZE.0, AREA_SIZE.1);
        if !areas.is_empty() {
            std::fs::write(out.join(format!("{stem}_areas.svg")), &areas).unwrap();
            page.push_str(&areas);
        }
    }
    let empty = emptied(indicator("re_referrals"));
    std::fs::write(
        out.join("no_data_series.svg"),
        series_chart(&empty, 680, 300),
    )
    .unwrap();
    std::fs::write(
        out.join("small_series.svg"),
        series_chart(indicator("cp_plans"), 400, 220),
    )
    .unwrap();
    std::fs::write(
        out.join("small_areas.svg"),
        area_chart(indicator("care_leavers_eet"), 400, 220),
    )
    .unwrap();
    std::fs::write(out.join("index.html"), page).unwrap();
}

#[test]
fn crowded_areas_do_not_break_the_layout() {
    let mut result = indicator("supervision").clone();
    let template = result.areas.first().unwrap().1.clone();
    result.areas = (0..30)
        .map(|i| {
            (
                format!("A rather long area name number {i} with words"),
                template.clone(),
            )
        })
        .collect();
    for (w, h) in [(240, 160), (680, 300), (300, 1000)] {
        let svg = area_chart(&result, w, h);
        assert_svg(&svg);
        assert_eq!(
            count(&svg, "fill=\"#0072B2\" stroke=\"none\""),
            31,
            "{w}×{h}"
        );
        if std::env::var_os("CHART_PREVIEW").is_some() {
            let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/chart-preview");
            std::fs::create_dir_all(&out).unwrap();
            std::fs::write(out.join(format!("crowded_{w}x{h}.svg")), &svg).unwrap();
        }
    }
}
