#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The Excel workbook of "Papers for a committee" (outputs.md), made from
//! the golden case `public_city` and read back as Excel would: with
//! calamine for the cells, and from the file's own XML for what calamine
//! does not report (number formats, fills, page setup, panes). Expected
//! figures come from the case's `expected.json`, colours from the page's
//! stylesheet, counts of rows from the spec's definition of each sheet.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::OnceLock;

use calamine::{Data, DataType, Range, Reader, Xlsx, open_workbook_from_rs};
use csc_engine::indicators::MeasureKind;
use csc_engine::ingest::FileOverrides;
use csc_engine::month::Month;
use csc_engine::scorecard::{InputFile, Loaded, Scorecard, compute, load};
use csc_engine::settings::{Override, Settings};
use csc_papers::PaperOptions;
use csc_papers::xlsx::workbook;
use serde_json::Value;

mod common;
use common::{case_dir, golden_inputs as inputs};

/// The case's files read, as `commentary.rs`'s `public_city()` reads them.
fn loaded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        let (inputs, settings) = inputs();
        load(&inputs, settings, jiff::civil::date(2026, 11, 26), |_| {})
    })
}

fn expected() -> &'static Value {
    static EXPECTED: OnceLock<Value> = OnceLock::new();
    EXPECTED.get_or_init(|| {
        let text = std::fs::read_to_string(case_dir().join("expected.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    })
}

fn expected_indicator(id: &str) -> &'static Value {
    expected()["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
}

/// The December 2017 scorecard with the case's settings, changed by `adjust`.
fn card(adjust: impl FnOnce(&mut Settings)) -> (Scorecard, Settings) {
    let loaded = loaded();
    let mut settings = loaded.settings.clone();
    adjust(&mut settings);
    let card = compute(loaded, &settings, Month::parse("2017-12"))
        .unwrap()
        .with_drills();
    (card, settings)
}

/// The settings most tests use: report details, a marking, a population
/// year and a benchmark year, so each is seen on the paper.
fn told(settings: &mut Settings) {
    settings.report_title = "Children's services scorecard".into();
    settings.report_subtitle = "Agenda item 4".into();
    settings.report_author = "Performance & Insight".into();
    settings.protective_marking = "OFFICIAL-SENSITIVE".into();
    settings.population_year = Some("Mid-2016".into());
    let plans = settings.indicators.entry("cp_plans".into()).or_default();
    plans.benchmark_year = Override::Set(Some("2015-16".into()));
    // No target, so no rating, for indicator 4.
    let seen = settings
        .indicators
        .entry("children_seen_at_assessment".into())
        .or_default();
    seen.target = Override::Set(None);
}

fn options() -> PaperOptions {
    PaperOptions {
        publishable: false,
        printed: Some(jiff::civil::date(2026, 11, 26)),
        commentary: BTreeMap::from([(
            "cp_plans".to_string(),
            "Plans fell to five & stay below the target.".to_string(),
        )]),
        charts: BTreeMap::new(),
    }
}

/// The workbook of the told settings, and the scorecard it was made from.
fn told_book() -> &'static (Vec<u8>, Scorecard) {
    static BOOK: OnceLock<(Vec<u8>, Scorecard)> = OnceLock::new();
    BOOK.get_or_init(|| {
        let (card, settings) = card(told);
        (workbook(&card, &settings, &options()).unwrap(), card)
    })
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

fn range(bytes: &[u8], sheet: &str) -> Range<Data> {
    open(bytes).worksheet_range(sheet).unwrap()
}

/// One file inside the workbook's zip.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no {name}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The XML of the `n`th sheet (1-based, in the workbook's order).
fn sheet_xml(bytes: &[u8], n: usize) -> String {
    part(bytes, &format!("xl/worksheets/sheet{n}.xml"))
}

fn cell(range: &Range<Data>, row: usize, column: usize) -> Data {
    range
        .get_value((row as u32, column as u32))
        .cloned()
        .unwrap_or(Data::Empty)
}

fn text(range: &Range<Data>, row: usize, column: usize) -> String {
    match cell(range, row, column) {
        Data::String(s) => s,
        other => panic!("({row}, {column}) is not text: {other:?}"),
    }
}

fn number(range: &Range<Data>, row: usize, column: usize) -> f64 {
    match cell(range, row, column) {
        Data::Float(v) => v,
        Data::Int(v) => v as f64,
        other => panic!("({row}, {column}) is not a number: {other:?}"),
    }
}

/// The first row at or after `from` whose column A reads `label`.
fn row_of(range: &Range<Data>, label: &str, from: usize) -> usize {
    (from..range.end().unwrap().0 as usize + 1)
        .find(|&row| cell(range, row, 0) == Data::String(label.to_string()))
        .unwrap_or_else(|| panic!("no row `{label}` from row {from}"))
}

/// An indicator's block on the Scorecard sheet: its title row, and its
/// heading row's columns by heading.
struct Block {
    title: usize,
    headings: BTreeMap<String, usize>,
}

fn block(range: &Range<Data>, card: &Scorecard, id: &str) -> Block {
    let d = card
        .indicators
        .iter()
        .find(|r| r.definition.id == id)
        .unwrap()
        .definition;
    let title = row_of(range, &format!("{}.) {}", d.number, d.title), 0);
    let headings = (1..20)
        .filter_map(|column| match cell(range, title + 1, column) {
            Data::String(heading) => Some((heading, column)),
            _ => None,
        })
        .collect();
    Block { title, headings }
}

impl Block {
    fn column(&self, heading: &str) -> usize {
        *self
            .headings
            .get(heading)
            .unwrap_or_else(|| panic!("no column `{heading}` in {:?}", self.headings))
    }

    /// The row of `label` in this block.
    fn row(&self, range: &Range<Data>, label: &str) -> usize {
        row_of(range, label, self.title)
    }
}

/// A cell reference, `B20` for (19, 1).
fn reference(row: usize, column: usize) -> String {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        letters.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// An attribute's value in one XML element's text.
fn attribute(element: &str, name: &str) -> Option<String> {
    let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = element[start..].find('"')? + start;
    Some(element[start..end].to_string())
}

/// The elements named `tag` between `<section` and `</section>`.
fn elements<'a>(xml: &'a str, section: &str, tag: &str) -> Vec<&'a str> {
    let start = xml.find(&format!("<{section}")).unwrap();
    let end = xml[start..].find(&format!("</{section}>")).unwrap() + start;
    let section = &xml[start..end];
    // `<col ` and not `<cols>`; each element from the space before its
    // first attribute (`attribute` looks for ` name="`).
    let open = format!("<{tag} ");
    section
        .match_indices(&open)
        .map(|(at, _)| {
            let rest = &section[at + open.len() - 1..];
            &rest[..rest.find('>').unwrap()]
        })
        .collect()
}

/// Excel's built-in number formats the writer refers to by number.
fn built_in(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        14 => "m/d/yyyy",
        17 => "mmm-yy",
        _ => return None,
    })
}

/// A cell's style as the file stores it: number format and fill colour.
#[derive(Debug)]
struct Style {
    number_format: String,
    fill: Option<String>,
}

fn style(bytes: &[u8], sheet: usize, row: usize, column: usize) -> Style {
    let xml = sheet_xml(bytes, sheet);
    let at = xml
        .find(&format!("<c r=\"{}\"", reference(row, column)))
        .unwrap_or_else(|| panic!("no cell {}", reference(row, column)));
    let element = &xml[at..at + xml[at..].find('>').unwrap()];
    let index: usize = attribute(element, "s").map_or(0, |s| s.parse().unwrap());
    let styles = part(bytes, "xl/styles.xml");
    let xf = elements(&styles, "cellXfs", "xf")[index];
    let format_id: u32 = attribute(xf, "numFmtId").unwrap().parse().unwrap();
    let number_format = built_in(format_id).map(str::to_string).unwrap_or_else(|| {
        elements(&styles, "numFmts", "numFmt")
            .into_iter()
            .find(|f| attribute(f, "numFmtId").as_deref() == Some(&format_id.to_string()))
            .and_then(|f| attribute(f, "formatCode"))
            .unwrap()
    });
    let fill_id: usize = attribute(xf, "fillId").unwrap().parse().unwrap();
    let fills_start = styles.find("<fills").unwrap();
    let fills_end = styles.find("</fills>").unwrap();
    let fill = styles[fills_start..fills_end]
        .split("<fill>")
        .nth(fill_id + 1)
        .and_then(|fill| {
            let at = fill.find("<fgColor")?;
            attribute(&fill[at..at + fill[at..].find('>')?], "rgb")
        });
    Style {
        number_format,
        fill,
    }
}

/// A colour of the page's stylesheet (`--green-bg: #cce2d8;`) as Excel
/// writes it (`FFCCE2D8`).
fn css_colour(name: &str) -> String {
    let css =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../style/app.css"))
            .unwrap();
    let at = css.find(&format!("--{name}:")).unwrap() + name.len() + 3;
    let hex = css[at..].trim_start().trim_start_matches('#');
    format!("FF{}", hex[..6].to_uppercase())
}

fn approx(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{actual} is not {expected}"
    );
}

#[test]
fn columns_are_wide_enough_to_read() {
    let (bytes, card) = told_book();
    let xml = sheet_xml(bytes, 1);
    let widths: Vec<(usize, f64)> = elements(&xml, "cols", "col")
        .into_iter()
        .map(|col| {
            (
                attribute(col, "min").unwrap().parse().unwrap(),
                attribute(col, "width").unwrap().parse().unwrap(),
            )
        })
        .collect();
    // A unit is a digit's width; running text fits at least one character
    // a unit, so the longest measure label fits column A.
    let longest = card
        .indicators
        .iter()
        .flat_map(|r| {
            r.definition
                .measures
                .iter()
                .map(|m| m.label.chars().count())
        })
        .max()
        .unwrap();
    let (first, label) = widths[0];
    assert_eq!(first, 1);
    assert!(label >= longest as f64, "column A is {label} wide");
    // Every figure column holds `Dec-17`, `1,234` or `100.0%` with room.
    for (column, width) in &widths[1..] {
        assert!(*width >= 10.0, "column {column} is {width} wide");
    }
}

#[test]
fn four_sheets_in_order() {
    let (bytes, _) = told_book();
    assert_eq!(
        open(bytes).sheet_names(),
        ["Scorecard", "Series", "About", "Data quality"]
    );
}

#[test]
fn figures_are_numbers_in_their_formats() {
    let (bytes, card) = told_book();
    let sheet = range(bytes, "Scorecard");
    // Indicator 5: the count and its rate, the month, the previous six
    // months and an area, as expected.json has them.
    let expected5 = &expected_indicator("cp_plans")["columns"];
    let plans = block(&sheet, card, "cp_plans");
    let month = plans.column("Dec-17");
    let count = plans.row(&sheet, "No. of children on a CP plan");
    let rate = plans.row(&sheet, "Rate per 10,000");
    assert_eq!(
        number(&sheet, count, month),
        expected5["current"]["count"].as_f64().unwrap()
    );
    approx(
        number(&sheet, rate, month),
        expected5["current"]["rate_per_10k"].as_f64().unwrap(),
    );
    // The previous six months are averaged, kept unrounded.
    approx(
        number(&sheet, count, plans.column("Prev. 6 months average")),
        expected5["previous"]["count"].as_f64().unwrap(),
    );
    let east = plans.column("EAST");
    approx(
        number(&sheet, count, east),
        expected5["areas"]["EAST"]["count"].as_f64().unwrap(),
    );
    assert_eq!(style(bytes, 1, count, month).number_format, "#,##0");
    assert_eq!(style(bytes, 1, rate, month).number_format, "0.0");
    // DCSC has no population: no rate, a blank cell (never zero).
    assert!(expected5["areas"]["DCSC"]["rate_per_10k"].is_null());
    assert_eq!(cell(&sheet, rate, plans.column("DCSC")), Data::Empty);

    // A percentage is its fraction, formatted as a percentage.
    let expected12 = &expected_indicator("supervision")["columns"]["current"];
    let supervision = block(&sheet, card, "supervision");
    let percent = supervision.row(&sheet, "% supervised");
    let month = supervision.column("Dec-17");
    approx(
        number(&sheet, percent, month),
        expected12["percent"].as_f64().unwrap() / 100.0,
    );
    assert_eq!(style(bytes, 1, percent, month).number_format, "0%");
    // Indicator 1's percentage has one decimal (indicators.md, "Rounding").
    let unallocated = block(&sheet, card, "unallocated_cases");
    let percent = unallocated.row(&sheet, "% of unallocated cases");
    assert_eq!(
        style(bytes, 1, percent, unallocated.column("Dec-17")).number_format,
        "0.0%"
    );
    // Averages have one decimal.
    let expected10 = &expected_indicator("adoption_entry_to_placement")["columns"]["current"];
    let a1 = block(&sheet, card, "adoption_entry_to_placement");
    let days = a1.row(&sheet, "Average no. of days taken");
    assert_eq!(
        number(&sheet, days, a1.column("Dec-17")),
        expected10["average_days"].as_f64().unwrap()
    );
    assert_eq!(
        style(bytes, 1, days, a1.column("Dec-17")).number_format,
        "0.0"
    );
}

#[test]
fn target_rating_trend_and_benchmarks_with_their_year() {
    let (bytes, card) = told_book();
    let sheet = range(bytes, "Scorecard");
    let plans = block(&sheet, card, "cp_plans");
    // The case's settings: target 10, polarity down; 5 plans is green.
    let target = plans.row(&sheet, "Target");
    assert_eq!(number(&sheet, target, 1), 10.0);
    let rating = plans.row(&sheet, "Performance rating");
    assert_eq!(text(&sheet, rating, 1), "Green");
    assert_eq!(
        style(bytes, 1, rating, 1).fill,
        Some(css_colour("green-bg"))
    );
    // 5 plans against an average of 5.8 before: down, and for a figure
    // where lower is better, improving.
    let trend = plans.row(&sheet, "Trend");
    assert_eq!(text(&sheet, trend, 1), "▼ down · improving");
    // The benchmarks are per 10,000 children beside a count, with their year.
    let national = plans.row(&sheet, "National average per 10,000 children (2015-16)");
    assert_eq!(
        number(&sheet, national, 1),
        expected_indicator("cp_plans")["national"].as_f64().unwrap()
    );
    plans.row(
        &sheet,
        "Statistical neighbours average per 10,000 children (2015-16)",
    );
    // Indicator 8 is amber, 3 red: each on its colour, with its word.
    for (id, word, colour) in [
        ("care_leavers_eet", "Amber", "amber-bg"),
        ("assessments_in_timescale", "Red", "red-bg"),
    ] {
        assert_eq!(expected_indicator(id)["rating"], word.to_lowercase());
        let found = block(&sheet, card, id);
        let rating = found.row(&sheet, "Performance rating");
        assert_eq!(text(&sheet, rating, 1), word);
        assert_eq!(style(bytes, 1, rating, 1).fill, Some(css_colour(colour)));
        // Without a benchmark year the heading has none.
        found.row(&sheet, "National average");
    }
    // A target as a percentage is a fraction too: care leavers' 60%.
    let leavers = block(&sheet, card, "care_leavers_eet");
    let target = leavers.row(&sheet, "Target");
    approx(number(&sheet, target, 1), 0.6);
    assert_eq!(style(bytes, 1, target, 1).number_format, "0%");
    // Indicator 4 has no target here: no rating, and no fill.
    let seen = block(&sheet, card, "children_seen_at_assessment");
    let rating = seen.row(&sheet, "Performance rating");
    assert_eq!(text(&sheet, rating, 1), "No rating");
    assert_eq!(style(bytes, 1, rating, 1).fill, None);
}

#[test]
fn the_reader_is_told_the_population_year_and_the_commentary() {
    let (bytes, card) = told_book();
    let sheet = range(bytes, "Scorecard");
    let note = "Rates per 10,000 children use Mid-2016 population estimates.";
    let plans = block(&sheet, card, "cp_plans");
    let re_referrals = block(&sheet, card, "re_referrals");
    // Under indicator 5 (rates), not under indicator 2 (none).
    let under_plans = row_of(&sheet, note, plans.title);
    assert!(under_plans < block(&sheet, card, "cp_visits").title);
    assert!(row_of(&sheet, note, re_referrals.title) > plans.title);
    let commentary = row_of(&sheet, "Commentary", plans.title);
    assert!(commentary < block(&sheet, card, "cp_visits").title);
    assert_eq!(
        text(&sheet, commentary + 1, 0),
        "Plans fell to five & stay below the target."
    );
    // Merged across the table, and tall enough for its line.
    let xml = sheet_xml(bytes, 1);
    assert!(xml.contains(&format!(
        "<mergeCell ref=\"{}:",
        reference(commentary + 1, 0)
    )));
}

#[test]
fn title_block_on_top_and_frozen() {
    let (bytes, card) = told_book();
    let sheet = range(bytes, "Scorecard");
    assert_eq!(text(&sheet, 0, 0), "Children's services scorecard");
    assert_eq!(
        text(&sheet, 1, 0),
        format!("{} children's services · December 2017", card.la_name)
    );
    assert_eq!(text(&sheet, 2, 0), "Agenda item 4");
    assert_eq!(text(&sheet, 3, 0), "Prepared by Performance & Insight");
    // Every list the case gives is dated 31/12/2017 at the latest.
    assert!(
        text(&sheet, 4, 0).starts_with("Data as at 31/12/2017 ("),
        "{}",
        text(&sheet, 4, 0)
    );
    assert_eq!(text(&sheet, 5, 0), "Printed 26/11/2026");
    // The six lines stay in view.
    let xml = sheet_xml(bytes, 1);
    let pane = &xml[xml.find("<pane").unwrap()..];
    let pane = &pane[..pane.find("/>").unwrap()];
    assert_eq!(attribute(pane, "state").as_deref(), Some("frozen"));
    assert_eq!(attribute(pane, "ySplit").as_deref(), Some("6"));
    // Then the summary: each indicator's headline, rating and trend.
    let summary = row_of(&sheet, "Summary, Dec-17", 6);
    let leavers = row_of(
        &sheet,
        "8. % care leavers in education, employment or training",
        summary,
    );
    approx(
        number(&sheet, leavers, 1),
        expected_indicator("care_leavers_eet")["columns"]["current"]["percent"]
            .as_f64()
            .unwrap()
            / 100.0,
    );
    assert_eq!(text(&sheet, leavers, 2), "Amber");
}

#[test]
fn every_sheet_prints_on_a4_landscape_one_page_wide_with_the_marking() {
    let (bytes, _) = told_book();
    for n in 1..=4 {
        let xml = sheet_xml(bytes, n);
        let setup = &xml[xml.find("<pageSetup").unwrap()..];
        let setup = &setup[..setup.find("/>").unwrap()];
        assert_eq!(attribute(setup, "paperSize").as_deref(), Some("9"), "{n}");
        assert_eq!(
            attribute(setup, "orientation").as_deref(),
            Some("landscape")
        );
        // 1 is the schema's default, which the writer leaves unsaid.
        assert_eq!(
            attribute(setup, "fitToWidth").as_deref().unwrap_or("1"),
            "1"
        );
        assert_eq!(attribute(setup, "fitToHeight").as_deref(), Some("0"));
        assert!(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{n}");
        let header = &xml[xml.find("<oddHeader>").unwrap()..xml.find("</oddHeader>").unwrap()];
        let footer = &xml[xml.find("<oddFooter>").unwrap()..xml.find("</oddFooter>").unwrap()];
        assert!(header.contains("OFFICIAL-SENSITIVE"), "{header}");
        assert!(footer.contains("OFFICIAL-SENSITIVE"), "{footer}");
        assert!(footer.contains("Page &amp;P of &amp;N"), "{footer}");
    }
}

#[test]
fn series_lists_every_month_of_every_shown_measure() {
    let (bytes, card) = told_book();
    let sheet = range(bytes, "Series");
    assert_eq!(
        (0..9).map(|c| text(&sheet, 0, c)).collect::<Vec<_>>(),
        [
            "Indicator number",
            "Indicator id",
            "Indicator title",
            "Measure id",
            "Measure",
            "Area",
            "Month",
            "Value",
            "Source"
        ]
    );
    // Areas have no series: the authority's rows only.
    let rows: usize = card
        .indicators
        .iter()
        .map(|r| {
            let shown = r
                .definition
                .measures
                .iter()
                .filter(|m| m.kind != MeasureKind::Hidden)
                .count();
            shown * r.series.len()
        })
        .sum();
    assert_eq!(sheet.height(), rows + 1);
    assert_eq!(card.indicators[4].series.len(), 13);
    // Indicator 5's count in December 2017, as expected.json has it.
    let december = (1..=rows)
        .find(|&row| {
            text(&sheet, row, 1) == "cp_plans"
                && text(&sheet, row, 3) == "count"
                && matches!(cell(&sheet, row, 6), Data::DateTime(d)
                    if d.as_f64() == excel_day(2017, 12, 1))
        })
        .unwrap();
    assert_eq!(number(&sheet, december, 0), 5.0);
    assert_eq!(cell(&sheet, december, 5), Data::Empty);
    assert_eq!(
        number(&sheet, december, 7),
        expected_indicator("cp_plans")["columns"]["current"]["count"]
            .as_f64()
            .unwrap()
    );
    assert_eq!(text(&sheet, december, 8), "extracts");
    assert_eq!(style(bytes, 2, december, 6).number_format, "mmm-yy");
    // Each month's percentage is its fraction, as on the Scorecard sheet.
    let series = &expected_indicator("supervision")["series"];
    for month in series.as_array().unwrap() {
        let (year, number_of) = month["month"].as_str().unwrap().split_once('-').unwrap();
        let day = excel_day(year.parse().unwrap(), number_of.parse().unwrap(), 1);
        let row = (1..=rows)
            .find(|&row| {
                text(&sheet, row, 1) == "supervision"
                    && text(&sheet, row, 3) == "percent"
                    && matches!(cell(&sheet, row, 6), Data::DateTime(d) if d.as_f64() == day)
            })
            .unwrap();
        match month["percent"].as_f64() {
            Some(percent) => {
                approx(number(&sheet, row, 7), percent / 100.0);
                assert_eq!(style(bytes, 2, row, 7).number_format, "0%");
            }
            None => assert_eq!(cell(&sheet, row, 7), Data::Empty),
        }
    }
    let xml = sheet_xml(bytes, 2);
    assert!(
        xml.contains(&format!("<autoFilter ref=\"A1:I{}\"/>", rows + 1)),
        "no filter over the list"
    );
    assert!(xml.contains("state=\"frozen\""));
    // The note on the Value heading says how percentages are held.
    let comments = part(bytes, "xl/comments1.xml");
    assert!(comments.contains("0.87 shows as 87%"));
}

/// CSV text as records (RFC 4180: quoted fields may hold commas,
/// doubled quotes and line ends).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

/// Excel's serial number of a day (days since 30 December 1899).
fn excel_day(year: i16, month: i8, day: i8) -> f64 {
    let epoch = jiff::civil::date(1899, 12, 30);
    let days = jiff::civil::date(year, month, day)
        .since(epoch)
        .unwrap()
        .get_days();
    f64::from(days)
}

#[test]
fn publishable_suppresses_small_numbers_as_the_print_does() {
    let (card, settings) = card(|settings| settings.suppress_below = Some(5));
    let mut publishable = options();
    publishable.publishable = true;
    let suppressed = workbook(&card, &settings, &publishable).unwrap();
    let full = workbook(&card, &settings, &options()).unwrap();
    let (suppressed_sheet, full_sheet) =
        (range(&suppressed, "Scorecard"), range(&full, "Scorecard"));
    // The figure of `label` in December of indicator `id`, in both.
    let december = |id: &str, label: &str| {
        let at = |sheet: &Range<Data>| {
            let found = block(sheet, &card, id);
            cell(sheet, found.row(sheet, label), found.column("Dec-17"))
        };
        (at(&suppressed_sheet), at(&full_sheet))
    };
    // Indicator 9: 3 children adopted in December (expected.json).
    let expected9 = &expected_indicator("adoption_placement_order_to_match")["columns"]["current"];
    assert_eq!(expected9["children"], 3);
    assert_eq!(
        december("adoption_placement_order_to_match", "Children adopted"),
        (Data::String("<5".into()), Data::Float(3.0))
    );
    // Indicator 4: 1 of 1 assessment: the percentage of fewer than 5 is –.
    let expected4 = &expected_indicator("children_seen_at_assessment")["columns"]["current"];
    assert_eq!(expected4["total"], 1);
    assert_eq!(expected4["percent"], 100.0);
    assert_eq!(
        december("children_seen_at_assessment", "% seen at assessment"),
        (Data::String("–".into()), Data::Float(1.0))
    );
    // A count of 5 or more is shown.
    assert_eq!(
        december("cp_plans", "No. of children on a CP plan"),
        (Data::Float(5.0), Data::Float(5.0))
    );
    // The cover says so, and the series is suppressed the same way.
    row_of(
        &suppressed_sheet,
        "Publishable version: counts from 1 to 4 are shown as <5, and percentages of fewer than 5 as –.",
        0,
    );
    let series = range(&suppressed, "Series");
    let december_children = (1..series.height())
        .find(|&row| {
            text(&series, row, 1) == "adoption_placement_order_to_match"
                && text(&series, row, 3) == "children"
                && matches!(cell(&series, row, 6), Data::DateTime(d)
                    if d.as_f64() == excel_day(2017, 12, 1))
        })
        .unwrap();
    assert_eq!(text(&series, december_children, 7), "<5");
}

#[test]
fn about_has_the_definitions_files_years_and_suppression() {
    let (bytes, card) = told_book();
    let sheet = range(bytes, "About");
    let all: Vec<String> = sheet
        .rows()
        .flat_map(|row| {
            row.iter()
                .filter_map(|c| c.get_string().map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect();
    let has = |wanted: &str| all.iter().any(|t| t == wanted);
    assert_eq!(text(&sheet, 0, 0), "About these figures");
    assert!(text(&sheet, 1, 0).starts_with("Figures are for December 2017"));
    for d in card.indicators.iter().map(|r| r.definition) {
        assert!(has(&format!("{}. {}", d.number, d.title)), "{}", d.title);
    }
    assert!(has(
        "Rates per 10,000 children use Mid-2016 population estimates."
    ));
    assert!(has("2015-16"));
    assert!(has(
        "Every figure is shown: no suppression threshold is set (settings `suppress_below`)."
    ));
    // Each file of the case with its rows as expected.json lists them.
    let files = row_of(&sheet, "Files used", 0) + 1;
    assert_eq!(text(&sheet, files, 0), "File");
    for file in expected()["files"].as_array().unwrap() {
        let name = file["name"].as_str().unwrap();
        let row = row_of(&sheet, name, files);
        assert_eq!(
            number(&sheet, row, 5),
            file["rows"].as_f64().unwrap(),
            "{name}"
        );
        if let Some(as_at) = file["as_at"].as_str() {
            let (y, rest) = as_at.split_once('-').unwrap();
            let (m, d) = rest.split_once('-').unwrap();
            match cell(&sheet, row, 2) {
                Data::DateTime(day) => assert_eq!(
                    day.as_f64(),
                    excel_day(y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap())
                ),
                other => panic!("{name}: as at {other:?}"),
            }
        }
    }
}

#[test]
fn data_quality_lists_every_problem_in_the_csv_columns() {
    let (bytes, card) = told_book();
    let sheet = range(bytes, "Data quality");
    let csv = csc_engine::export::problems_csv(&[]);
    let header: Vec<String> = csv.trim_end().split(',').map(str::to_lowercase).collect();
    assert_eq!(
        (0..7)
            .map(|c| text(&sheet, 0, c).to_lowercase())
            .collect::<Vec<_>>(),
        header
    );
    // Row for row what the page's CSV download of the same problems says.
    assert!(!card.problems.is_empty());
    let csv = csc_engine::export::problems_csv(&card.problems);
    let mut reader = csv_rows(&csv);
    reader.remove(0);
    assert_eq!(sheet.height(), reader.len() + 1);
    for (row, record) in (1..).zip(&reader) {
        for (column, field) in record.iter().enumerate() {
            let shown = match cell(&sheet, row, column) {
                Data::String(s) => s,
                Data::Float(v) => v.to_string(),
                Data::Empty => String::new(),
                other => panic!("{other:?}"),
            };
            assert_eq!(&shown, field, "row {row}, column {column}");
        }
    }
    let xml = sheet_xml(bytes, 4);
    assert!(xml.contains(&format!("<autoFilter ref=\"A1:G{}\"/>", reader.len() + 1)));
}

#[test]
fn last_year_and_year_to_date_when_the_settings_show_them() {
    let (card, settings) = card(|settings| {
        settings.show_last_year = true;
        settings.show_year_to_date = true;
    });
    let bytes = workbook(&card, &settings, &options()).unwrap();
    let sheet = range(&bytes, "Scorecard");
    // Re-referrals count events in the month: both columns, in the
    // print's order before the month.
    let re_referrals = block(&sheet, &card, "re_referrals");
    let last_year = re_referrals.column("Dec-16 (last year)");
    let year_to_date = re_referrals.column("Year to date, Apr-17–Dec-17");
    let month = re_referrals.column("Dec-17");
    assert!(re_referrals.column("Prev. 6 months cumulative") < last_year);
    assert!(last_year < year_to_date && year_to_date < month);
    // The last-year figure is December 2016's, as the Series sheet has it.
    let referrals = re_referrals.row(&sheet, "Total referrals");
    let series = range(&bytes, "Series");
    let dec16 = (1..series.height())
        .find(|&row| {
            text(&series, row, 1) == "re_referrals"
                && text(&series, row, 3) == "referrals"
                && matches!(cell(&series, row, 6), Data::DateTime(d)
                    if d.as_f64() == excel_day(2016, 12, 1))
        })
        .unwrap();
    assert_eq!(cell(&sheet, referrals, last_year), cell(&series, dec16, 7));
    // CP plans are a snapshot: last year, but no year to date.
    let plans = block(&sheet, &card, "cp_plans");
    plans.column("Dec-16 (last year)");
    assert!(
        !plans.headings.keys().any(|h| h.starts_with("Year to date")),
        "{:?}",
        plans.headings
    );
}

#[test]
fn the_same_scorecard_makes_the_same_file() {
    let (card, settings) = card(told);
    let first = workbook(&card, &settings, &options()).unwrap();
    let again = workbook(&card, &settings, &options()).unwrap();
    assert!(first == again, "two workbooks of one scorecard differ");
    assert!(part(&first, "docProps/core.xml").contains("2026-11-26T"));
    assert!(part(&first, "docProps/custom.xml").contains("OFFICIAL-SENSITIVE"));
}

/// A history seeded from a spreadsheet (history.md) beside the case's
/// files: Dec-17's plans published as 41 (the files now give 5), and
/// June and July 2017 of indicator 10, which the files do not cover.
#[test]
fn figures_from_the_history_are_marked_as_on_the_page() {
    let (mut inputs, settings) = inputs();
    inputs.push(InputFile {
        name: "seeded-history.csv".into(),
        bytes: b"Month,Indicator,Measure,Area,Value\n\
                 Dec-17,cp_plans,count,,41\n\
                 Jun-17,adoption_entry_to_placement,average_days,,400\n\
                 Jun-17,adoption_entry_to_placement,children,,2\n\
                 Jul-17,adoption_entry_to_placement,average_days,,420\n\
                 Jul-17,adoption_entry_to_placement,children,,1\n"
            .to_vec(),
        overrides: FileOverrides::default(),
    });
    let loaded = load(&inputs, settings, jiff::civil::date(2026, 11, 26), |_| {});
    let card = compute(&loaded, &loaded.settings, Month::parse("2017-12"))
        .unwrap()
        .with_drills();
    let bytes = workbook(&card, &loaded.settings, &options()).unwrap();
    let sheet = range(&bytes, "Scorecard");
    let unquote = |code: String| code.replace("&quot;", "\"");
    // Restated: the cell keeps the files' 5, marked R, the published 41
    // in its note.
    let plans = block(&sheet, &card, "cp_plans");
    let count = plans.row(&sheet, "No. of children on a CP plan");
    let month = plans.column("Dec-17");
    assert_eq!(number(&sheet, count, month), 5.0);
    assert_eq!(
        unquote(style(&bytes, 1, count, month).number_format),
        "#,##0\" R\""
    );
    let comments = part(&bytes, "xl/comments1.xml");
    assert!(
        comments.contains("Restated: published as 41."),
        "{comments}"
    );
    assert!(comments.contains(&format!("ref=\"{}\"", reference(count, month))));
    // Published: indicator 10's previous six months rest on June and July
    // from the history and August to November from the files.
    let series = expected_indicator("adoption_entry_to_placement")["series"]
        .as_array()
        .unwrap();
    let from_files: f64 = ["2017-08", "2017-09", "2017-10", "2017-11"]
        .iter()
        .map(|m| {
            series.iter().find(|s| s["month"] == *m).unwrap()["average_days"]
                .as_f64()
                .unwrap()
        })
        .sum();
    let a1 = block(&sheet, &card, "adoption_entry_to_placement");
    let days = a1.row(&sheet, "Average no. of days taken");
    let previous = *a1
        .headings
        .iter()
        .find(|(h, _)| h.starts_with("Prev."))
        .unwrap()
        .1;
    approx(
        number(&sheet, days, previous),
        (400.0 + 420.0 + from_files) / 6.0,
    );
    assert_eq!(
        unquote(style(&bytes, 1, days, previous).number_format),
        "0.0\" P\""
    );
    // The month itself is from the files: no mark.
    assert_eq!(
        style(&bytes, 1, days, a1.column("Dec-17")).number_format,
        "0.0"
    );
    // The title block says what the marks mean; About lists the restatement.
    assert!(text(&sheet, 4, 0).starts_with("P after a figure: published"));
    assert!(text(&sheet, 5, 0).starts_with("R after a figure: restated"));
    let about = range(&bytes, "About");
    let restated = row_of(&about, "Restated since signed off", 0);
    assert!(
        text(&about, restated + 1, 0).contains("published 41, now 5"),
        "{}",
        text(&about, restated + 1, 0)
    );
}
