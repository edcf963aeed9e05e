//! `.xlsx` workbooks put together from arbitrary parts: sheets named like
//! Annex A lists or anything, visible or hidden, a kind's real header row
//! (possibly under title rows), cells of every type Excel writes (shared
//! and inline strings, numbers, dates by style, booleans, errors,
//! formulas), odd or missing cell references and dimensions, then at most
//! one byte-level splice into one part. The zip is written correctly
//! (stored or deflated, right CRCs), so the fuzzer gets past the archive
//! to the XML, the cell reader, header search, records and scorecard.

#![no_main]

#[path = "common.rs"]
mod common;

use std::io::{Cursor, Write};

use arbitrary::Arbitrary;
use csc_scorecard::domain::schema::ALL_KINDS;
use csc_scorecard::domain::scorecard::load;
use csc_scorecard::domain::settings::Settings;
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

const MAX_SHEETS: usize = 4;
const MAX_ROWS: usize = 48;
const MAX_CELLS: usize = 16;

#[derive(Arbitrary, Debug)]
struct Workbook {
    name: u8,
    sheets: Vec<SheetSpec>,
    strings: Vec<String>,
    date1904: bool,
    deflate: bool,
    splice: Option<Splice>,
}

#[derive(Arbitrary, Debug)]
struct SheetSpec {
    name: SheetName,
    state: u8,
    /// Index into `ALL_KINDS` for the header row; `None`: no header row.
    kind: Option<u8>,
    title_rows: u8,
    dimension: Option<String>,
    refs: RefStyle,
    rows: Vec<Vec<XCell>>,
}

#[derive(Arbitrary, Debug)]
enum SheetName {
    List(u8),
    Free(String),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum RefStyle {
    /// `A1`, `B1` … as Excel writes them.
    Normal,
    /// No `r` attributes (allowed: cells follow each other).
    Missing,
    /// Every cell `n` columns further right, and rows `m` further down.
    Shifted(u16, u32),
}

#[derive(Arbitrary, Debug)]
enum XCell {
    Shared(u16),
    Inline(String),
    Str(String),
    Number(f64),
    Whole(i32),
    /// An Excel day number with a date style (`s` picks one).
    Date(u32, u8),
    Bool(bool),
    Error(u8),
    Formula(String, f64),
    Empty,
    Raw(String),
}

/// Replace `len` bytes at `at` of part `part` by `with`.
#[derive(Arbitrary, Debug)]
struct Splice {
    part: u8,
    at: u32,
    len: u8,
    with: Vec<u8>,
}

const NAMES: [&str; 4] = [
    "annex_a_2017-12-31.xlsx",
    "Annex A Dec 2017.xlsx",
    "book.xlsx",
    "list6_cin_2017-12-31.xlsx",
];
const ERRORS: [&str; 7] = [
    "#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!",
];
const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
/// Styles: 0 general, 1 `dd/mm/yyyy`, 2 built-in date 14, 3 date and time,
/// 4 text `@`, 5 `0.00`.
const STYLES: &str = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot hold at all.
            '\u{0}'..='\u{8}'
            | '\u{b}'
            | '\u{c}'
            | '\u{e}'..='\u{1f}'
            | '\u{fffe}'
            | '\u{ffff}' => out.push('?'),
            c => out.push(c),
        }
    }
    out
}

fn column_name(mut index: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

fn cell_xml(cell: &XCell, reference: &str, strings: usize) -> String {
    let r = if reference.is_empty() {
        String::new()
    } else {
        format!(r#" r="{reference}""#)
    };
    match cell {
        XCell::Shared(i) => {
            // Mostly a string that exists, sometimes one past the end.
            let index = usize::from(*i) % (strings + 2);
            format!(r#"<c{r} t="s"><v>{index}</v></c>"#)
        }
        XCell::Inline(text) => format!(
            r#"<c{r} t="inlineStr"><is><t>{}</t></is></c>"#,
            escape(text)
        ),
        XCell::Str(text) => format!(r#"<c{r} t="str"><v>{}</v></c>"#, escape(text)),
        XCell::Number(n) => format!(r#"<c{r}><v>{n:?}</v></c>"#),
        XCell::Whole(n) => format!(r#"<c{r} s="{}"><v>{n}</v></c>"#, (n.unsigned_abs() % 2) * 4),
        XCell::Date(serial, style) => {
            let style = [1, 2, 3, 5][usize::from(*style) % 4];
            let serial = match serial % 4 {
                // Mostly 2014–2019; sometimes anything.
                0..=2 => 41640 + serial % 2190,
                _ => *serial,
            };
            format!(r#"<c{r} s="{style}"><v>{serial}</v></c>"#)
        }
        XCell::Bool(b) => format!(r#"<c{r} t="b"><v>{}</v></c>"#, u8::from(*b)),
        XCell::Error(e) => format!(
            r#"<c{r} t="e"><v>{}</v></c>"#,
            ERRORS[usize::from(*e) % ERRORS.len()]
        ),
        XCell::Formula(f, v) => format!(r#"<c{r}><f>{}</f><v>{v:?}</v></c>"#, escape(f)),
        XCell::Empty => format!(r#"<c{r} s="1"/>"#),
        XCell::Raw(xml) => format!("<c{r}>{xml}</c>"),
    }
}

fn sheet_xml(sheet: &SheetSpec, strings: &mut Vec<String>) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for t in 0..(sheet.title_rows % 4) {
        rows.push(vec![format!(
            r#"<c r="A{}" t="inlineStr"><is><t>Report title {t}</t></is></c>"#,
            t + 1
        )]);
    }
    let (dx, dy) = match sheet.refs {
        RefStyle::Shifted(dx, dy) => (u32::from(dx), dy % 1_048_000),
        _ => (0, 0),
    };
    let reference = |row: usize, column: usize| match sheet.refs {
        RefStyle::Missing => String::new(),
        _ => format!(
            "{}{}",
            column_name(column as u32 + dx),
            (row as u32).saturating_add(dy).saturating_add(1)
        ),
    };
    if let Some(kind) = sheet.kind {
        let kind = ALL_KINDS[usize::from(kind) % ALL_KINDS.len()];
        let row = rows.len();
        let cells = kind
            .columns()
            .iter()
            .enumerate()
            .map(|(column, spec)| {
                strings.push(spec.header.to_string());
                format!(
                    r#"<c r="{}" t="s"><v>{}</v></c>"#,
                    reference(row, column),
                    strings.len() - 1
                )
            })
            .collect();
        rows.push(cells);
    }
    for cells in sheet.rows.iter().take(MAX_ROWS) {
        let row = rows.len();
        let n = strings.len();
        rows.push(
            cells
                .iter()
                .take(MAX_CELLS)
                .enumerate()
                .map(|(column, cell)| cell_xml(cell, &reference(row, column), n))
                .collect(),
        );
    }
    let dimension = sheet
        .dimension
        .as_deref()
        .map(|d| format!(r#"<dimension ref="{}"/>"#, escape(d)))
        .unwrap_or_default();
    let data: String = rows
        .iter()
        .enumerate()
        .map(|(i, cells)| match sheet.refs {
            RefStyle::Missing => format!("<row>{}</row>", cells.concat()),
            _ => format!(
                r#"<row r="{}">{}</row>"#,
                (i as u32).saturating_add(dy).saturating_add(1),
                cells.concat()
            ),
        })
        .collect();
    format!("{XML}<worksheet {NS}>{dimension}<sheetData>{data}</sheetData></worksheet>")
}

fn sheet_name(name: &SheetName) -> String {
    match name {
        SheetName::List(n) => format!("List {}", n % 13),
        SheetName::Free(name) => escape(name),
    }
}

fn parts(book: &Workbook) -> Vec<(String, Vec<u8>)> {
    let mut strings: Vec<String> = book.strings.iter().take(64).cloned().collect();
    let sheets: Vec<&SheetSpec> = book.sheets.iter().take(MAX_SHEETS).collect();
    let sheet_parts: Vec<String> = sheets.iter().map(|s| sheet_xml(s, &mut strings)).collect();
    let mut overrides = String::new();
    let mut rels = String::new();
    let mut entries = String::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        overrides.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        let state =
            ["", r#" state="hidden""#, r#" state="veryHidden""#, ""][usize::from(sheet.state) % 4];
        entries.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}"{state} r:id="rId{n}"/>"#,
            sheet_name(&sheet.name)
        ));
    }
    let content_types = format!(
        r#"{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>{overrides}</Types>"#
    );
    let root_rels = format!(
        r#"{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let workbook = format!(
        r#"{XML}<workbook {NS}><workbookPr date1904="{}"/><sheets>{entries}</sheets></workbook>"#,
        u8::from(book.date1904)
    );
    let workbook_rels = format!(
        r#"{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    );
    let shared: String = strings
        .iter()
        .map(|s| format!("<si><t>{}</t></si>", escape(s)))
        .collect();
    let shared = format!(
        r#"{XML}<sst {NS} count="{0}" uniqueCount="{0}">{shared}</sst>"#,
        strings.len()
    );
    let mut parts = vec![
        (
            "[Content_Types].xml".to_string(),
            content_types.into_bytes(),
        ),
        ("_rels/.rels".to_string(), root_rels.into_bytes()),
        ("xl/workbook.xml".to_string(), workbook.into_bytes()),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            workbook_rels.into_bytes(),
        ),
        (
            "xl/styles.xml".to_string(),
            format!("{XML}{STYLES}").into_bytes(),
        ),
        ("xl/sharedStrings.xml".to_string(), shared.into_bytes()),
    ];
    for (i, xml) in sheet_parts.into_iter().enumerate() {
        parts.push((
            format!("xl/worksheets/sheet{}.xml", i + 1),
            xml.into_bytes(),
        ));
    }
    if let Some(splice) = &book.splice {
        let index = usize::from(splice.part) % parts.len();
        let part = &mut parts[index].1;
        let at = splice.at as usize % (part.len() + 1);
        let end = (at + usize::from(splice.len)).min(part.len());
        part.splice(at..end, splice.with.iter().copied().take(256));
    }
    parts
}

fn zip(parts: &[(String, Vec<u8>)], deflate: bool) -> Vec<u8> {
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let options = SimpleFileOptions::default().compression_method(method);
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        if writer.start_file(name.as_str(), options).is_err() || writer.write_all(bytes).is_err() {
            return Vec::new();
        }
    }
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

fuzz_target!(|book: Workbook| {
    let bytes = zip(&parts(&book), book.deflate);
    let name = NAMES[usize::from(book.name) % NAMES.len()];
    let inputs = [common::input(name, bytes)];
    let loaded = load(&inputs, Settings::default(), common::today(), |_| {});
    common::compute_and_check(&loaded);
});
