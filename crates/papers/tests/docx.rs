#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The Word paper of the golden case `public_city` (outputs.md, "Papers
//! for a committee", 2), read back from its XML as Word would: one table
//! for the summary and one per indicator, the figures as the page formats
//! them, the ratings, trends, benchmark and population years, the marking
//! in the header and footer, a chart with its alt text, the commentary,
//! and the publishable suppression.
//!
//! Expected figures come from `tests/golden/public_city/expected.json`
//! (the engine's golden output, checked by hand when it was made), not
//! from the code under test.

use std::collections::BTreeMap;
use std::io::Read;

use csc_engine::ingest::FileOverrides;
use csc_engine::month::Month;
use csc_engine::scorecard::{InputFile, Scorecard, compute, load};
use csc_engine::settings::Settings;
use csc_papers::{ChartImage, PaperOptions};
use serde_json::Value;

mod common;
use common::{case_dir, golden_inputs};

fn expected() -> Value {
    serde_json::from_str(&std::fs::read_to_string(case_dir().join("expected.json")).unwrap())
        .unwrap()
}

/// The golden case's settings with what a paper needs to say beside them:
/// a benchmark year for CP plans, the population year, report details, a
/// marking, and suppression below 5.
fn settings() -> Settings {
    let text = std::fs::read_to_string(case_dir().join("settings.json")).unwrap();
    let mut json: Value = serde_json::from_str(&text).unwrap();
    json["indicators"]["cp_plans"]["benchmark_year"] = "2015-16".into();
    json["population_year"] = "Mid-2016".into();
    json["report_title"] = "Children's services scorecard".into();
    json["report_subtitle"] = "Agenda item 4".into();
    json["report_author"] = "Performance team".into();
    json["protective_marking"] = "OFFICIAL-SENSITIVE".into();
    json["suppress_below"] = 5.into();
    Settings::from_json(&json.to_string()).unwrap()
}

/// The scorecard as commentary.rs's `public_city()` makes it: the files
/// in cmd.json's order, today 2026-11-26, month 2017-12.
fn public_city() -> (Scorecard, Settings) {
    let (inputs, _) = golden_inputs();
    let loaded = load(&inputs, settings(), jiff::civil::date(2026, 11, 26), |_| {});
    let card = compute(&loaded, &loaded.settings, Month::parse("2017-12"))
        .map(|c| c.with_drills())
        .unwrap();
    (card, loaded.settings.clone())
}

/// A 1 × 1 PNG (signature, IHDR, one IDAT row, IEND; CRCs by zlib).
const ONE_PIXEL_PNG: [u8; 68] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0b, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x02, 0x00,
    0x00, 0x05, 0x00, 0x01, 0x7a, 0x5e, 0xab, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
    0xae, 0x42, 0x60, 0x82,
];

const ALT: &str = "Chart: children on a CP plan, month by month, Dec-16 to Dec-17 <5 & \"stable\"";

fn options(publishable: bool) -> PaperOptions {
    let mut commentary = BTreeMap::new();
    commentary.insert(
        "cp_plans".to_string(),
        "Plans fell to 5 this month.\nAll are reviewed on time.\n\nNo child waits.".to_string(),
    );
    let mut charts = BTreeMap::new();
    charts.insert(
        "cp_plans".to_string(),
        vec![ChartImage {
            png: ONE_PIXEL_PNG.to_vec(),
            width_px: 1,
            height_px: 1,
            alt: ALT.to_string(),
        }],
    );
    PaperOptions {
        publishable,
        printed: Some(jiff::civil::date(2026, 11, 26)),
        commentary,
        charts,
    }
}

/// The package's parts by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().to_string(), content)
        })
        .collect()
}

fn text_of(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone(),
    )
    .unwrap()
}

/// A table cell's text and fill.
type Cell = (String, Option<String>);
/// A table's rows of cells.
type Rows = Vec<Vec<Cell>>;

/// A body-level element of `word/document.xml`, with its text.
#[derive(Debug)]
enum Block {
    Paragraph { style: String, text: String },
    Table(Rows),
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text of the runs in `xml`: `w:t` contents, tabs and breaks.
fn runs_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let tag_end = rest[start..].find('>').unwrap() + start;
        let tag = &rest[start..=tag_end];
        rest = &rest[tag_end + 1..];
        if tag.starts_with("<w:t>") || tag.starts_with("<w:t ") {
            let close = rest.find("</w:t>").unwrap();
            out.push_str(&unescape(&rest[..close]));
            rest = &rest[close..];
        } else if tag.starts_with("<w:tab ") || tag == "<w:tab/>" {
            out.push('\t');
        } else if tag.starts_with("<w:br") {
            out.push('\n');
        }
    }
    out
}

fn attribute<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let start = xml.find(&format!("{name}=\""))? + name.len() + 2;
    let end = xml[start..].find('"')? + start;
    Some(&xml[start..end])
}

/// Splits `xml` into the elements `<open…>…</close>` found in turn.
fn elements<'a>(xml: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(open) {
        let end = rest[start..].find(close).unwrap() + start + close.len();
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

fn blocks(document: &str) -> Vec<Block> {
    let body = &document[document.find("<w:body>").unwrap()..];
    let mut out = Vec::new();
    let mut rest = body;
    loop {
        let paragraph = rest.find("<w:p ").or_else(|| rest.find("<w:p>"));
        let table = rest.find("<w:tbl>");
        match (paragraph, table) {
            (Some(p), t) if t.is_none_or(|t| p < t) => {
                let end = rest[p..].find("</w:p>").unwrap() + p + "</w:p>".len();
                let xml = &rest[p..end];
                out.push(Block::Paragraph {
                    style: attribute(xml, "<w:pStyle w:val")
                        .unwrap_or_default()
                        .to_string(),
                    text: runs_text(xml),
                });
                rest = &rest[end..];
            }
            (_, Some(t)) => {
                let end = rest[t..].find("</w:tbl>").unwrap() + t + "</w:tbl>".len();
                let rows = elements(&rest[t..end], "<w:tr>", "</w:tr>")
                    .into_iter()
                    .map(|row| {
                        elements(row, "<w:tc>", "</w:tc>")
                            .into_iter()
                            .map(|cell| {
                                let fill = attribute(cell, "w:fill").map(str::to_string);
                                (runs_text(cell), fill)
                            })
                            .collect()
                    })
                    .collect();
                out.push(Block::Table(rows));
                rest = &rest[end..];
            }
            _ => break,
        }
    }
    out
}

/// A paragraph's style id ("Heading1"); none for a table.
fn style_of(xml_block: &Block) -> &str {
    match xml_block {
        Block::Paragraph { style, .. } => style,
        Block::Table(_) => "",
    }
}

struct Paper {
    parts: BTreeMap<String, Vec<u8>>,
    document: String,
    blocks: Vec<Block>,
}

fn paper(publishable: bool) -> Paper {
    let (card, settings) = public_city();
    let bytes = csc_papers::docx::document(&card, &settings, &options(publishable)).unwrap();
    let parts = unzip(&bytes);
    let document = text_of(&parts, "word/document.xml");
    let blocks = blocks(&document);
    Paper {
        parts,
        document,
        blocks,
    }
}

impl Paper {
    fn tables(&self) -> Vec<&Rows> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(rows) => Some(rows),
                Block::Paragraph { .. } => None,
            })
            .collect()
    }

    /// The blocks after the heading `heading`, up to the next Heading 1.
    fn section(&self, heading: &str) -> &[Block] {
        let start = self
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Paragraph { text, .. } if text == heading))
            .unwrap_or_else(|| panic!("no heading {heading:?}"));
        let after = &self.blocks[start + 1..];
        let end = after
            .iter()
            .position(|b| style_of(b) == "Heading1")
            .unwrap_or(after.len());
        &after[..end]
    }

    /// The figures table of the indicator headed `heading`.
    fn table_after(&self, heading: &str) -> &Rows {
        self.section(heading)
            .iter()
            .find_map(|b| match b {
                Block::Table(rows) => Some(rows),
                Block::Paragraph { .. } => None,
            })
            .unwrap()
    }

    fn paragraphs_after(&self, heading: &str) -> Vec<&str> {
        self.section(heading)
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text, .. } => Some(text.as_str()),
                Block::Table(_) => None,
            })
            .collect()
    }
}

fn row<'a>(table: &'a [Vec<Cell>], label: &str) -> Vec<&'a str> {
    table
        .iter()
        .find(|r| r.first().is_some_and(|(t, _)| t == label))
        .unwrap_or_else(|| panic!("no row {label:?} in {table:?}"))
        .iter()
        .map(|(t, _)| t.as_str())
        .collect()
}

/// A count as the page shows it: whole, with thousands separators (the
/// golden figures here are all under 1,000).
fn count(value: &Value) -> String {
    let v = value.as_f64().unwrap();
    assert!(v.abs() < 1000.0);
    format!("{}", v.round() as i64)
}

fn rating_word(id: &str) -> &str {
    match id {
        "green" => "Green",
        "amber" => "Amber",
        "red" => "Red",
        _ => "No rating",
    }
}

#[test]
fn a_table_for_the_summary_and_each_indicator() {
    let paper = paper(false);
    let indicators = expected()["indicators"].as_array().unwrap().clone();
    assert_eq!(indicators.len(), 14);
    // The summary, then one per indicator; nothing else is a table.
    assert_eq!(
        paper.document.matches("<w:tbl>").count(),
        1 + indicators.len()
    );
    assert_eq!(paper.tables().len(), 15);
    // Every table's first row repeats on a new page.
    assert_eq!(paper.document.matches("<w:tblHeader />").count(), 15);
    // One table style throughout.
    assert_eq!(
        paper
            .document
            .matches(r#"<w:tblStyle w:val="ScorecardTable" />"#)
            .count(),
        15
    );
    for indicator in &indicators {
        let heading = format!(
            "{}.) {}",
            indicator["number"],
            indicator["title"].as_str().unwrap()
        );
        let section = paper.section(&heading);
        assert!(
            matches!(section.first(), Some(Block::Table(_))),
            "{heading}: the table follows the heading"
        );
    }
}

#[test]
fn the_summary_gives_each_headline_rating_and_trend() {
    let paper = paper(false);
    let summary = paper.table_after("Summary, Dec-17");
    assert_eq!(
        row(summary, "Indicator"),
        ["Indicator", "Dec-17", "Performance rating", "Trend"]
    );
    for indicator in expected()["indicators"].as_array().unwrap() {
        let label = format!(
            "{}. {}",
            indicator["number"],
            indicator["title"].as_str().unwrap()
        );
        let cells = row(summary, &label);
        assert_eq!(
            cells[2],
            rating_word(indicator["rating"].as_str().unwrap()),
            "{label}"
        );
        // The judgement ends the trend's words ("▼ down · improving").
        let trend = indicator["trend"].as_str().unwrap();
        assert!(cells[3].ends_with(trend), "{label}: {}", cells[3]);
    }
    // Headlines as the page shows them: CP plans 5 children; care leavers
    // in EET 11 of 19 = 57.9% → 58%; adoption A2 177.3 days → 177.
    assert_eq!(
        row(
            summary,
            "5. Children with a child protection plan at month end"
        )[1],
        "5"
    );
    assert_eq!(
        row(
            summary,
            "8. % care leavers in education, employment or training"
        )[1],
        "58%"
    );
    assert_eq!(
        row(summary, "9. Days from placement order to match (A2)")[1],
        "177"
    );
    // The rating cells are filled in their colour: amber for care leavers.
    let eet = summary.iter().find(|r| r[0].0.starts_with("8. ")).unwrap();
    assert_eq!(eet[2].1.as_deref(), Some("FFF7BF"));
}

#[test]
fn cp_plans_figures_as_the_page_shows_them() {
    let paper = paper(false);
    let plans = &expected()["indicators"][4];
    assert_eq!(plans["id"], "cp_plans");
    let columns = &plans["columns"];
    let table = paper.table_after("5.) Children with a child protection plan at month end");
    // Header: previous (six months' average), the baseline (Mar-17), the
    // month, then each area in the settings' order.
    let mut header = vec!["", "Prev. 6 months average", "Mar-17", "Dec-17"];
    let areas: Vec<&str> = columns["areas"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    header.extend(&areas);
    assert_eq!(row(table, ""), header);
    let mut counts = vec![
        "No. of children on a CP plan".to_string(),
        count(&columns["previous"]["count"]),
        count(&columns["baseline"]["count"]),
        count(&columns["current"]["count"]),
    ];
    counts.extend(areas.iter().map(|a| count(&columns["areas"][a]["count"])));
    assert_eq!(row(table, "No. of children on a CP plan"), counts);
    // 5.83 on average over the six months shows as 6; December's 5.
    assert_eq!(counts[1..4], ["6", "4", "5"]);
    assert_eq!(row(table, "Target")[1], "10");
    let rating = table
        .iter()
        .find(|r| r[0].0 == "Performance rating")
        .unwrap();
    assert_eq!(rating[1], ("Green".to_string(), Some("CCE2D8".to_string())));
    // Lower is better: plans fell from 5.83 to 5, so down and improving.
    assert_eq!(row(table, "Trend")[1], "▼ down · improving");
    assert_eq!(
        row(table, "National average (2015-16)")[1],
        count(&plans["national"])
    );
    assert_eq!(
        row(table, "Statistical neighbours average (2015-16)")[1],
        count(&plans["statistical_neighbours"])
    );
    // No benchmark year for re-referrals: the heading alone.
    let re = paper.table_after("2.) % re-referrals within 12 months");
    assert_eq!(row(re, "National average")[1], "22%");
}

#[test]
fn rates_carry_the_population_year() {
    let paper = paper(false);
    let note = "Rates per 10,000 children use Mid-2016 population estimates.";
    // The indicators with a rate per 10,000 in the golden output.
    let with_rates: Vec<String> = expected()["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| {
            i["columns"]["current"]
                .as_object()
                .unwrap()
                .keys()
                .any(|k| k.starts_with("rate_per_10k"))
        })
        .map(|i| format!("{}.) {}", i["number"], i["title"].as_str().unwrap()))
        .collect();
    assert_eq!(with_rates.len(), 2, "CP plans and children in care");
    for heading in &with_rates {
        assert_eq!(
            paper.paragraphs_after(heading).first(),
            Some(&note),
            "{heading}"
        );
    }
    let all = paper
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { text, .. } if text == note))
        .count();
    assert_eq!(all, 2);
}

#[test]
fn title_block_and_about() {
    let paper = paper(false);
    let texts: Vec<&str> = paper
        .blocks
        .iter()
        .take(7)
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text.as_str()),
            Block::Table(_) => None,
        })
        .collect();
    assert_eq!(texts[0], "Children's services scorecard");
    assert_eq!(
        texts[1],
        "Public Example City (synthetic) children's services · December 2017"
    );
    assert_eq!(texts[2], "Agenda item 4");
    assert_eq!(texts[3], "Prepared by Performance team");
    // Every list of the case is dated 31/12/2017 (file names).
    assert!(
        texts[4].starts_with("Data as at 31/12/2017 (List 3, "),
        "{}",
        texts[4]
    );
    assert_eq!(texts[5], "Printed 26/11/2026");
    assert_eq!(texts[6], "Summary, Dec-17");
    let about = paper.paragraphs_after("About these figures");
    assert!(
        about[0].starts_with("Figures are for December 2017"),
        "{}",
        about[0]
    );
    assert!(
        about
            .iter()
            .any(|p| p.starts_with("5. Children with a child protection plan at month end. ")),
        "{about:?}"
    );
    let core = text_of(&paper.parts, "docProps/core.xml");
    assert!(
        core.contains("<dc:creator>Performance team</dc:creator>"),
        "{core}"
    );
}

#[test]
fn marking_on_every_page_with_page_numbers() {
    let paper = paper(false);
    let header = text_of(&paper.parts, "word/header1.xml");
    let footer = text_of(&paper.parts, "word/footer1.xml");
    assert!(
        runs_text(&header).contains("OFFICIAL-SENSITIVE"),
        "{header}"
    );
    let footer_text = runs_text(&footer);
    assert!(footer_text.contains("OFFICIAL-SENSITIVE"), "{footer}");
    assert!(footer_text.contains("Page "), "{footer}");
    assert!(footer.contains("<w:instrText>PAGE</w:instrText>"));
    assert!(footer.contains("<w:instrText>NUMPAGES</w:instrText>"));
    // The section uses them as its default header and footer, on A4.
    let section = &paper.document[paper.document.rfind("<w:sectPr").unwrap()..];
    assert!(
        section.contains(r#"<w:headerReference w:type="default""#),
        "{section}"
    );
    assert!(
        section.contains(r#"<w:footerReference w:type="default""#),
        "{section}"
    );
    assert!(
        section.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "{section}"
    );
}

#[test]
fn a_chart_with_its_alt_text_and_the_commentary() {
    let paper = paper(false);
    let media: Vec<&Vec<u8>> = paper
        .parts
        .iter()
        .filter(|(name, _)| name.starts_with("word/media/") && name.ends_with(".png"))
        .map(|(_, bytes)| bytes)
        .collect();
    assert_eq!(media, [&ONE_PIXEL_PNG.to_vec()]);
    assert_eq!(paper.document.matches("<wp:docPr ").count(), 1);
    let descr = paper
        .document
        .split("<wp:docPr ")
        .nth(1)
        .and_then(|d| attribute(d, "descr"))
        .map(unescape);
    assert_eq!(descr.as_deref(), Some(ALT));
    // The picture is in the CP plans part, and referenced from the rels.
    let rels = text_of(&paper.parts, "word/_rels/document.xml.rels");
    assert!(rels.contains("media/"), "{rels}");
    let section = paper.section("5.) Children with a child protection plan at month end");
    let picture = section
        .iter()
        .position(|b| matches!(b, Block::Paragraph { text, .. } if text.is_empty()))
        .unwrap();
    assert!(picture > 0);
    // The commentary's two paragraphs, the first with its line break.
    let texts = paper.paragraphs_after("5.) Children with a child protection plan at month end");
    let at = texts.iter().position(|t| *t == "Commentary").unwrap();
    assert_eq!(
        texts[at + 1..at + 3],
        [
            "Plans fell to 5 this month.\nAll are reviewed on time.",
            "No child waits."
        ]
    );
}

#[test]
fn the_publishable_paper_suppresses_small_counts() {
    let heading = "5.) Children with a child protection plan at month end";
    let label = "No. of children on a CP plan";
    // EAST, NWC, SOUTH and Other Citywide Teams have 1, 2, 1 and 1 plans:
    // below 5, so "<5"; DCSC's 0 discloses nothing; December's 5 is not
    // below 5.
    let open = paper(false);
    assert_eq!(
        row(open.table_after(heading), label)[3..],
        ["5", "1", "2", "1", "0", "1"]
    );
    let published = paper(true);
    assert_eq!(
        row(published.table_after(heading), label)[3..],
        ["5", "<5", "<5", "<5", "0", "<5"]
    );
    assert!(published.blocks.iter().any(|b| matches!(
        b,
        Block::Paragraph { text, .. } if text == "Publishable version: counts from 1 to 4 are shown as <5, and percentages of fewer than 5 as –."
    )));
    // Children seen at assessment: 1 of 1 in December, a percentage of
    // fewer than 5, so "–" in the summary.
    let summary = published.table_after("Summary, Dec-17");
    assert_eq!(row(summary, "4. % children seen at assessment")[1], "–");
    assert_eq!(
        row(
            open.table_after("Summary, Dec-17"),
            "4. % children seen at assessment"
        )[1],
        "100%"
    );
}

/// With List 7 alone, only CP plans is computed: the others say what they
/// need, in their part and in the summary, and still have their table.
#[test]
fn indicators_without_their_files_say_what_they_need() {
    let dir = case_dir();
    let inputs: Vec<InputFile> = ["teams.csv", "list7_cp_2017-12-31.csv"]
        .iter()
        .map(|name| InputFile {
            name: name.to_string(),
            bytes: std::fs::read(dir.join(name)).unwrap(),
            overrides: FileOverrides::default(),
        })
        .collect();
    let loaded = load(&inputs, settings(), jiff::civil::date(2026, 11, 26), |_| {});
    let card = compute(&loaded, &loaded.settings, Month::parse("2017-12"))
        .unwrap()
        .with_drills();
    let bytes =
        csc_papers::docx::document(&card, &loaded.settings, &PaperOptions::default()).unwrap();
    let document = text_of(&unzip(&bytes), "word/document.xml");
    let paper = Paper {
        blocks: blocks(&document),
        parts: BTreeMap::new(),
        document,
    };
    assert_eq!(paper.tables().len(), 15);
    let re = "2.) % re-referrals within 12 months";
    assert_eq!(
        paper.paragraphs_after(re).first(),
        Some(&"Needs List 3: not computed for this month.")
    );
    let summary = paper.table_after("Summary, Dec-17");
    assert_eq!(
        row(summary, "2. % re-referrals within 12 months")[1..],
        ["needs files", "No rating", "– no trend"]
    );
    // December's 5 plans are still there.
    assert_eq!(
        row(
            summary,
            "5. Children with a child protection plan at month end"
        )[1],
        "5"
    );
    // No "Printed" line without a date, and nothing publishable.
    assert!(!paper.blocks.iter().any(|b| matches!(
        b,
        Block::Paragraph { text, .. } if text.starts_with("Printed") || text.starts_with("Publishable")
    )));
}
