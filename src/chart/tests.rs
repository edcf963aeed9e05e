//! Chart tests on the real engine's output for the golden case
//! `tests/golden/public_city` (December 2017), plus hand-made gaps.
//! Expected values are read off that case's `expected.json`, not from the
//! charts' code.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::series::AXIS_NOTE;
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

/// The value axis a chart reports on its root: `(bottom, top, step)`.
fn axis_of(svg: &str) -> Option<(f64, f64, f64)> {
    let attribute = |name: &str| -> Option<f64> {
        let start = svg.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = start + svg.get(start..)?.find('"')?;
        svg.get(start..end)?.parse().ok()
    };
    Some((
        attribute("data-axis-bottom")?,
        attribute("data-axis-top")?,
        attribute("data-axis-step")?,
    ))
}

/// Where the text node `text` is drawn: its `x` and `y`.
fn text_at(svg: &str, text: &str) -> Option<(f64, f64)> {
    let node = svg.find(&text_node(text))?;
    let element = svg.get(..node)?.rfind("<text ")?;
    let tag = svg.get(element..node)?;
    let attribute = |name: &str| -> Option<f64> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = start + tag.get(start..)?.find('"')?;
        tag.get(start..end)?.parse().ok()
    };
    Some((attribute("x")?, attribute("y")?))
}

/// `result` with the headline of month `i` (oldest first) set to
/// `values[i]` (none past the end), and the target and national set.
fn with_series(
    result: &IndicatorResult,
    values: &[Option<f64>],
    target: Option<f64>,
    national: Option<f64>,
) -> IndicatorResult {
    let mut result = result.clone();
    let index = result.definition.headline_index().unwrap();
    for (i, (_, month)) in result.series.iter_mut().enumerate() {
        month.values[index] = values.get(i).copied().flatten();
    }
    result.target = target;
    result.national = national;
    result
}

/// Thirteen months moving between 85% and 95%.
const BAND: [Option<f64>; 13] = [
    Some(88.0),
    Some(91.0),
    Some(85.0),
    Some(87.5),
    Some(90.0),
    Some(93.0),
    Some(95.0),
    Some(92.0),
    Some(89.0),
    Some(86.0),
    Some(90.5),
    Some(94.0),
    Some(92.5),
];

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
    // Values 0–75%: fitted, but from 0 (0 is near). By hand: padded
    // −3.75–78.75, shifted above 0 to 0–82.5; five steps fit the plot,
    // 82.5 / 5 = 16.5 → step 20, 0–100.
    assert_eq!(axis_of(&svg), Some((0.0, 100.0, 20.0)));
    assert!(svg.contains(&text_node("0%")));
    assert!(svg.contains(&text_node("100%")));
    assert!(!svg.contains(AXIS_NOTE));
    let alt = "% re-referrals within 12 months, by month, Dec-16 to Dec-17; latest 0% (Dec-17); target 24%; national average 22%; vertical axis from 0% to 100%.";
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
    assert!(svg.contains("no value for Jan-17 and Feb-17;"));
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
        let print = series_chart_for_print(result);
        std::fs::write(out.join(format!("{stem}_series_print.svg")), &print).unwrap();
        let spark = sparkline(result, SPARKLINE_SIZE.0, SPARKLINE_SIZE.1);
        std::fs::write(out.join(format!("{stem}_spark.svg")), &spark).unwrap();
        page.push_str(&format!("<h2>{stem}</h2>\n{spark}\n{series}\n"));
        let areas = area_chart(result, AREA_SIZE.0, AREA_SIZE.1);
        if !areas.is_empty() {
            std::fs::write(out.join(format!("{stem}_areas.svg")), &areas).unwrap();
            page.push_str(&areas);
            let print = area_chart_for_print(result);
            std::fs::write(out.join(format!("{stem}_areas_print.svg")), &print).unwrap();
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
    let band = with_series(indicator("re_referrals"), &BAND, Some(85.0), Some(83.0));
    std::fs::write(out.join("band_series.svg"), series_chart(&band, 680, 300)).unwrap();
    std::fs::write(
        out.join("band_series_print.svg"),
        series_chart_for_print(&band),
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

#[test]
fn a_percentage_line_between_85_and_95_has_a_fitted_axis_marked_as_cut() {
    // Values 85–95%, target 90: padded 84.5–95.5; 0 is further below than
    // the span 11, so the axis is cut. On screen three to five steps fit:
    // 11 / 5 = 2.2 to 11 / 3 = 3.67 → step 5, 80% to 100%. The print's
    // plot has room for two: 11 / 2 = 5.5 → step 10, 80% to 100%.
    let result = with_series(indicator("supervision"), &BAND, Some(90.0), None);
    let screen = series_chart(&result, 680, 300);
    assert_eq!(axis_of(&screen), Some((80.0, 100.0, 5.0)));
    let print = series_chart_for_print(&result);
    assert_eq!(axis_of(&print), Some((80.0, 100.0, 10.0)));
    for svg in [screen, print] {
        assert_svg(&svg);
        assert!(svg.contains(&text_node("80%")));
        assert!(svg.contains(&text_node("100%")));
        assert!(!svg.contains(&text_node("0%")), "no tick at 0");
        assert!(svg.contains(&text_node(AXIS_NOTE)));
        assert!(svg.contains("; vertical axis from 80% to 100%, not from 0.\""));
        assert!(svg.contains(&text_node("Target 90%")));
    }
    // The print rendering has no title (the section's heading is above)
    // and leaves the target to its line's label.
    let print = series_chart_for_print(&result);
    assert!(!print.contains(&text_node(result.definition.title)));
    assert!(print.contains(&text_node("By month, Dec-16 to Dec-17")));
    assert!(!print.contains(&text_node("Target: 90%")));
    // A 90% → 92% change is not flattened: 88%–94% in twos (see
    // style::tests), so the two points are a third of the height apart.
    let small: Vec<Option<f64>> = (0..13)
        .map(|i| Some(if i < 12 { 90.0 } else { 92.0 }))
        .collect();
    let svg = series_chart(&with_series(&result, &small, None, None), 680, 300);
    assert_eq!(axis_of(&svg), Some((88.0, 94.0, 2.0)));
}

#[test]
fn bars_start_at_zero_even_between_85_and_95() {
    let mut result = with_series(indicator("supervision"), &BAND, Some(90.0), None);
    let index = result.definition.headline_index().unwrap();
    for ((_, values), value) in result.areas.iter_mut().zip([85.0, 95.0, 88.0, 91.0, 93.0]) {
        values.values[index] = Some(value);
    }
    result.current.values[index] = Some(90.0);
    for svg in [area_chart(&result, 680, 300), area_chart_for_print(&result)] {
        assert_svg(&svg);
        let (bottom, top, _) = axis_of(&svg).unwrap();
        assert_eq!((bottom, top), (0.0, 100.0));
        assert!(svg.contains(&text_node("0%")));
        assert!(!svg.contains(AXIS_NOTE));
    }
    // Every golden indicator's bars too.
    for result in scorecard()
        .indicators
        .iter()
        .filter(|r| !r.areas.is_empty())
    {
        let svg = area_chart(result, 680, 300);
        assert_eq!(
            axis_of(&svg).map(|(bottom, _, _)| bottom),
            Some(0.0),
            "{}",
            result.definition.id
        );
    }
}

#[test]
fn reference_lines_are_labelled_and_close_labels_do_not_overlap() {
    // Target 85%, national 83%: 2 points apart on an axis of about 20, so
    // their lines are a few pixels apart; the labels are at least a line
    // of text (12 px × 1.25 = 15 px) apart, and the target's (higher
    // value) above.
    let result = with_series(indicator("re_referrals"), &BAND, Some(85.0), Some(83.0));
    for svg in [
        series_chart(&result, 680, 300),
        series_chart_for_print(&result),
    ] {
        let (target_x, target_y) = text_at(&svg, "Target 85%").unwrap();
        let (national_x, national_y) = text_at(&svg, "National 83%").unwrap();
        assert_eq!(target_x, national_x, "both at the lines' right-hand end");
        assert!(national_y - target_y >= 15.0, "{target_y} {national_y}");
    }
    // Far apart, each label is at its own line: 0–100%, target 24% and
    // national 22% on the golden case are also close.
    let svg = series_chart(indicator("re_referrals"), 680, 300);
    let (_, target) = text_at(&svg, "Target 24%").unwrap();
    let (_, national) = text_at(&svg, "National 22%").unwrap();
    assert!(national - target >= 15.0);
    // The area chart's LA line and target: 88% and 87% ("LA 88%" in
    // print, where the width is the bars' names').
    let mut result = indicator("supervision").clone();
    result.target = Some(87.0);
    for (svg, whole) in [
        (area_chart(&result, 680, 300), "Whole LA 88%"),
        (area_chart_for_print(&result), "LA 88%"),
    ] {
        let (_, whole) = text_at(&svg, whole).unwrap();
        let (_, target) = text_at(&svg, "Target 87%").unwrap();
        assert!(target - whole >= 15.0, "{whole} {target}");
    }
    // Counts' bars have no reference lines, so no labels.
    let svg = area_chart(indicator("cp_plans"), 680, 300);
    assert!(!svg.contains(">\nTarget 10"));
}

/// Where print puts a chart (style/print.css and the page's `@page` rule,
/// `PrintStyle` in src/ui/scorecard_view.rs), in millimetres.
mod paper {
    /// A4.
    pub const A4: (f64, f64) = (210.0, 297.0);
    /// Side margins: detailed 12 mm, compact 9 mm (`@page` in PrintStyle).
    pub const DETAILED_SIDES: f64 = 12.0;
    pub const COMPACT_SIDES: f64 = 9.0;
    /// Detailed: the two charts side by side with a 3 mm gap.
    pub const CHART_GAP: f64 = 3.0;
    /// Compact: two columns 4 mm apart, the charts stacked in a column.
    pub const COLUMN_GAP: f64 = 4.0;
    /// The tallest a printed chart is drawn.
    pub const MAX_HEIGHT: f64 = 52.0;
    /// A point.
    pub const PT: f64 = 25.4 / 72.0;
}

#[test]
fn printed_text_is_at_least_8_pt() {
    use paper::*;
    // The rules the arithmetic assumes are the stylesheet's.
    let css = include_str!("../../style/print.css");
    assert!(css.contains(".charts svg { width: 100%; height: auto; max-height: 52mm; }"));
    assert!(css.contains(".charts { gap: 3mm; flex-wrap: nowrap; }"));
    assert!(css.contains(".compact .indicators { column-count: 2; column-gap: 4mm;"));
    assert!(css.contains(".compact .charts { flex-direction: column; gap: 1mm; }"));

    // The smallest text of every print rendering, as drawn.
    let mut smallest = f64::INFINITY;
    for result in &scorecard().indicators {
        for svg in [series_chart_for_print(result), area_chart_for_print(result)] {
            if svg.is_empty() {
                continue;
            }
            assert!(svg.contains(&format!(
                "viewBox=\"0 0 {} {}\"",
                PRINT_SIZE.0, PRINT_SIZE.1
            )));
            for size in svg.split("font-size=\"").skip(1) {
                let size: f64 = size.split('"').next().unwrap().parse().unwrap();
                smallest = smallest.min(size);
            }
        }
    }
    assert_eq!(smallest, 12.0);

    // The width a chart has in each layout, in mm.
    let portrait = A4.0;
    let landscape = A4.1;
    let layouts = [
        // Two charts side by side: (186 − 3) / 2 = 91.5 mm.
        (
            "detailed portrait",
            (portrait - 2.0 * DETAILED_SIDES - CHART_GAP) / 2.0,
        ),
        // A chart alone (no areas) may take the whole 186 mm.
        (
            "detailed portrait, one chart",
            portrait - 2.0 * DETAILED_SIDES,
        ),
        (
            "detailed landscape",
            (landscape - 2.0 * DETAILED_SIDES - CHART_GAP) / 2.0,
        ),
        // A column: (192 − 4) / 2 = 94 mm, each chart its full width.
        (
            "compact portrait",
            (portrait - 2.0 * COMPACT_SIDES - COLUMN_GAP) / 2.0,
        ),
        (
            "compact landscape",
            (landscape - 2.0 * COMPACT_SIDES - COLUMN_GAP) / 2.0,
        ),
    ];
    let (width_px, height_px) = (f64::from(PRINT_SIZE.0), f64::from(PRINT_SIZE.1));
    for (layout, width) in layouts {
        // The SVG keeps its proportions: the narrower of width and height
        // decides the scale.
        let mm_per_px = (width / width_px).min(MAX_HEIGHT / height_px);
        let points = smallest * mm_per_px / PT;
        assert!(points >= 8.0, "{layout}: {points:.2} pt");
    }
    // Detailed portrait by hand: 91.5 / 360 = 0.254 mm a px; 12 px =
    // 3.05 mm = 8.65 pt (200 px tall: 50.8 mm, under 52).
    let points = 12.0 * (91.5 / 360.0) / PT;
    assert!((points - 8.65).abs() < 0.01, "{points}");
    // The screen rendering there: 680 px in 91.5 mm, 12 px = 4.6 pt.
    let points = 12.0 * (91.5 / f64::from(SERIES_SIZE.0)) / PT;
    assert!(points < 5.0);
}

#[test]
fn sparkline_scale_is_the_drawn_range() {
    // Golden supervision: 81.8%–97.1%, padded by 0.76 to 81.06–97.82;
    // 16.76 / 4 = 4.19 → step 5: 80%–100%.
    let supervision = indicator("supervision");
    assert_eq!(
        sparkline_scale(supervision),
        Some(("80%".to_string(), "100%".to_string()))
    );
    // Golden CP plans, counts 4–7: least span 5 about 5.5 (3–8), padded
    // 2.75–8.25; 0 is near, so 0–8.25; 8.25 / 4 = 2.06 → step 5: 0–10.
    assert_eq!(
        sparkline_scale(indicator("cp_plans")),
        Some(("0".to_string(), "10".to_string()))
    );
    // 85%–95% by hand: 80%–100% (as the series chart's axis).
    let band = with_series(supervision, &BAND, None, None);
    assert_eq!(
        sparkline_scale(&band),
        Some(("80%".to_string(), "100%".to_string()))
    );
    // No value: no scale.
    assert_eq!(sparkline_scale(&emptied(supervision)), None);
    // The sparkline is drawn on exactly that range.
    for result in &scorecard().indicators {
        let svg = sparkline(result, 120, 32);
        let headline = SeriesFigures::of(result).headline;
        let drawn =
            axis_of(&svg).map(|(bottom, top, _)| (headline.value(bottom), headline.value(top)));
        assert_eq!(drawn, sparkline_scale(result), "{}", result.definition.id);
    }
}

#[test]
fn sparkline_months_keep_their_slots() {
    // Values only in the last two months: drawn at the right-hand end
    // (slots 11 and 12 of 0–12), not stretched across. At 120×32 the
    // markers' radius is 3 and the margin 4: x from 4 to 115 (plotters
    // ends on the last pixel), 111 / 12 = 9.25 px a month; slot 11 is at
    // 105.75.
    let mut values = [None; 13];
    values[11] = Some(90.0);
    values[12] = Some(92.0);
    let late = with_series(indicator("supervision"), &values, None, None);
    let svg = sparkline(&late, 120, 32);
    let points = svg.split("points=\"").nth(1).unwrap();
    let first_x: f64 = points.split(',').next().unwrap().parse().unwrap();
    assert!((first_x - 105.75).abs() <= 1.0, "{first_x}");
    assert_eq!(count(&svg, "<polyline"), 1);
    // Values only in Dec-16, Jun-17 and Dec-17: three dots at slots 0, 6
    // and 12 (x 4, 59.5, 115), no line across the gaps.
    let mut values = [None; 13];
    values[0] = Some(88.0);
    values[6] = Some(91.0);
    values[12] = Some(93.0);
    let sparse = with_series(indicator("supervision"), &values, None, None);
    let svg = sparkline(&sparse, 120, 32);
    assert_eq!(count(&svg, "<polyline"), 0);
    let xs: Vec<f64> = svg
        .split("<circle cx=\"")
        .skip(1)
        .map(|c| c.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(xs.len(), 3);
    for (got, want) in xs.iter().zip([4.0, 59.5, 115.0]) {
        assert!((got - want).abs() <= 1.0, "{xs:?}");
    }
}
