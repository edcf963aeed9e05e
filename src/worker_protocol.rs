//! Messages between the page and the Web Worker that reads and computes, so
//! reading 40 MB never freezes the page. Plain serde types, sent as JSON
//! text beside the files: the page sends `File` handles (the worker reads
//! them), the worker sends the example's bytes (transferred, not copied).
//! Native-testable.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::domain::commentary_pack::PackEntry;
use crate::domain::dataset::SettingsImports;
use crate::domain::export;
use crate::domain::ingest::FileOverrides;
use crate::domain::month::Month;
use crate::domain::scorecard::{self, DrillRow, Drills, FileSummary, Loaded, Scorecard};
use crate::domain::settings::Settings;
use crate::domain::sign_off;

/// A file's name and overrides; its `File` handle travels beside the message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct FileMeta {
    pub(crate) name: String,
    pub(crate) overrides: FileOverrides,
}

/// A file the browser could not read (changed or moved on disk since it
/// was chosen: the page keeps handles, not bytes), by its position among
/// the files of the load, and why in a sentence.
pub(crate) type Unread = (usize, String);

/// The position input `first` has in a load that left the `unread` files
/// out (the settings imports count by input index).
pub(crate) fn index_without(first: usize, unread: &[Unread]) -> usize {
    first - unread.iter().filter(|(index, _)| *index < first).count()
}

/// The scorecard a load computes once its files are read: what the page
/// would ask for when `Loaded` arrives, with the settings the page had when
/// it sent the load (the load's imports are applied to them as the page
/// applies them, `settings_after_load`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct ComputeAfterLoad {
    /// The compute's request id, reserved by the page.
    pub(crate) id: u32,
    pub(crate) settings: Box<Settings>,
    /// The position of the first newly added file (its settings documents
    /// and teams files are imported), as in `Requests::import_from`.
    pub(crate) import_from: Option<usize>,
    pub(crate) month: Option<Month>,
}

/// The settings a load leaves the page with: `base`, with the settings
/// documents and teams files among the newly added files (from input
/// `import_from`, counted before `unread` were left out) imported. The page
/// and the worker's compute-after-load both use this, so they agree.
pub(crate) fn settings_after_load(
    base: &Settings,
    imports: &SettingsImports,
    import_from: Option<usize>,
    unread: &[Unread],
) -> Settings {
    match import_from {
        Some(first) => imports.apply_since(base, index_without(first, unread)),
        None => base.clone(),
    }
}

/// What the page asks the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Request {
    /// Read these files (replacing what was read before).
    Load {
        id: u32,
        today: Date,
        files: Vec<FileMeta>,
        /// Benchmarks only (`?bench=parse`): keep the files, for a later
        /// `Parse` to time the CSV parse alone on them.
        #[cfg(feature = "bench")]
        #[serde(default)]
        measure_parse: bool,
        /// The scorecard to compute as soon as the files are read, before
        /// the page asks (it would ask for just this): one round trip less
        /// between the files and the first scorecard (issue 18).
        #[serde(default)]
        then_compute: Option<ComputeAfterLoad>,
    },
    /// Compute the scorecard of what was read, with these settings.
    Compute {
        id: u32,
        settings: Box<Settings>,
        month: Option<Month>,
    },
    /// Benchmarks only: time the CSV parse alone (decode, split into a
    /// table of string cells) of the files a `measure_parse` load kept, to
    /// set beside Papa Parse on the same files in the same browser. Sent
    /// after the scorecard, so it never delays it.
    #[cfg(feature = "bench")]
    Parse { id: u32 },
    /// Make the built-in example's files (they come back as `Example`).
    Example { id: u32 },
    /// The drill-down rows of indicator `indicator` (its position) of the
    /// scorecard computed for request `compute`.
    Drill {
        id: u32,
        compute: u32,
        indicator: usize,
    },
    /// The history of what was read with `month` signed off on `today`
    /// with this commentary (by indicator id): answered by `History`.
    SignOff {
        id: u32,
        settings: Box<Settings>,
        month: Month,
        commentary: BTreeMap<String, String>,
        today: Date,
    },
    /// The history of what was read, as it stands: answered by `History`.
    History { id: u32 },
    /// A paper for a committee of `month` with these settings, commentary
    /// (by indicator id) and options: answered by `Paper`, its bytes
    /// beside. A Word paper's charts, drawn by the page, travel beside the
    /// message as PNG bytes in the order of `charts`.
    Paper {
        id: u32,
        kind: PaperKind,
        settings: Box<Settings>,
        month: Month,
        commentary: BTreeMap<String, String>,
        publishable: bool,
        today: Date,
        #[serde(default)]
        charts: Vec<ChartMeta>,
    },
}

/// Which paper (outputs.md, "Papers for a committee").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PaperKind {
    Xlsx,
    Docx,
    /// The commentary pack (CSV).
    Commentary,
}

impl PaperKind {
    /// The file it is saved as, and its type.
    pub(crate) fn file(self, month: Month) -> (String, &'static str) {
        match self {
            PaperKind::Xlsx => (
                format!("scorecard-{month}.xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            PaperKind::Docx => (
                format!("scorecard-{month}.docx"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            PaperKind::Commentary => (format!("scorecard-commentary-{month}.csv"), "text/csv"),
        }
    }
}

/// A chart the page drew for a Word paper; its PNG bytes travel beside.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct ChartMeta {
    pub(crate) indicator: String,
    pub(crate) alt: String,
    pub(crate) width_px: u32,
    pub(crate) height_px: u32,
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Response {
    /// A step has started (for the progress line), with the share of the
    /// read done so far (0 to 1) when it is known.
    Progress {
        id: u32,
        text: String,
        #[serde(default)]
        done: Option<f64>,
    },
    /// The files are read.
    Loaded {
        id: u32,
        imports: Box<SettingsImports>,
        /// The default month (latest computable), if any file has a date,
        /// else the latest month a history holds.
        latest_month: Option<Month>,
        /// The earliest month a history holds (the month picker reaches it).
        #[serde(default)]
        earliest_month: Option<Month>,
        read_ms: f64,
        /// The browser's time reading the files from disk into the worker
        /// (`FileReaderSync`), apart from `read_ms`.
        #[serde(default)]
        disk_ms: f64,
        /// How many of the files the second worker read (`load_share`).
        #[serde(default)]
        second_files: usize,
        /// The WebAssembly memory of the worker and its second worker,
        /// which only grows: its high-water mark.
        heap_bytes: f64,
        /// Files the browser could not read (changed or moved on disk
        /// since they were chosen), left out of the load: their position
        /// among the files sent, and why in a sentence.
        #[serde(default)]
        unread: Vec<Unread>,
        /// Every file read, as the file list shows it: known before any
        /// month is computed (a file with no as-at date gives no month).
        #[serde(default)]
        files: Vec<FileSummary>,
        /// The commentaries of the commentary packs among the files.
        #[serde(default)]
        commentary: Vec<PackEntry>,
    },
    /// A scorecard, or why there is none. Its indicators' drill-down rows
    /// stay in the worker (for the large case they are 100,000 rows, 13 MB
    /// of JSON, which would double the time a month change takes); only
    /// their counts come, in indicator order, and `Drill` asks for rows.
    Scorecard {
        id: u32,
        result: Result<Box<Scorecard>, String>,
        drill_counts: Vec<usize>,
        compute_ms: f64,
        heap_bytes: f64,
    },
    /// What `Parse` timed (0 files when no load kept them).
    #[cfg(feature = "bench")]
    Parsed {
        id: u32,
        parse_ms: f64,
        files: usize,
    },
    /// The example's file names; their bytes travel beside the message,
    /// in the same order (transferred, not copied).
    Example { id: u32, names: Vec<String> },
    /// The rows a `Drill` request asked for (empty when that scorecard has
    /// been replaced since).
    Drill { id: u32, rows: Vec<DrillRow> },
    /// A history document (`scorecard-history.json`), or why there is
    /// none; `signed` is the month a `SignOff` added.
    History {
        id: u32,
        json: Result<String, String>,
        signed: Option<Month>,
    },
    /// A paper's file name and type, its bytes beside the message; or why
    /// there is none.
    Paper {
        id: u32,
        file: Result<(String, String), String>,
    },
}

/// A paper of what was read (`make` says how): its file name, type and
/// bytes, or why there is none.
pub(crate) fn paper(
    loaded: Option<&Loaded>,
    kind: PaperKind,
    settings: &Settings,
    month: Month,
    make: impl FnOnce(&Scorecard) -> Result<Vec<u8>, String>,
) -> Result<(String, &'static str, Vec<u8>), String> {
    let loaded = loaded.ok_or("no files have been read")?;
    let card = scorecard::compute(loaded, settings, Some(month))
        .map_err(|e| e.to_string())?
        .with_drills();
    let bytes = make(&card)?;
    let (name, mime) = kind.file(month);
    Ok((name, mime, bytes))
}

/// How the worker makes each paper: the commentary pack from the engine,
/// the workbook and the document from `csc-papers` (only in a build with
/// the `papers` feature: the worker's; the page's own module has none).
pub(crate) fn make_paper(
    kind: PaperKind,
    card: &Scorecard,
    settings: &Settings,
    options: PaperInputs,
) -> Result<Vec<u8>, String> {
    match kind {
        PaperKind::Commentary => {
            Ok(export::commentary_pack_csv(card, &options.commentary).into_bytes())
        }
        #[cfg(feature = "papers")]
        PaperKind::Xlsx | PaperKind::Docx => {
            let paper = csc_papers::PaperOptions {
                publishable: options.publishable,
                printed: Some(options.today),
                commentary: options.commentary,
                charts: options.charts,
            };
            if kind == PaperKind::Xlsx {
                csc_papers::xlsx::workbook(card, settings, &paper)
            } else {
                csc_papers::docx::document(card, settings, &paper)
            }
        }
        #[cfg(not(feature = "papers"))]
        PaperKind::Xlsx | PaperKind::Docx => {
            let _ = settings;
            Err("this build has no Excel or Word writer".to_string())
        }
    }
}

/// What a `Paper` request brings beside the scorecard and settings (the
/// commentary pack reads only the commentary).
#[cfg_attr(not(feature = "papers"), allow(dead_code))]
pub(crate) struct PaperInputs {
    pub(crate) commentary: BTreeMap<String, String>,
    pub(crate) publishable: bool,
    pub(crate) today: Date,
    /// The page's charts by indicator id (Word only).
    #[cfg(feature = "papers")]
    pub(crate) charts: BTreeMap<String, Vec<csc_papers::ChartImage>>,
}

/// `scorecard-history.json` of what was read with `month` signed off
/// (history.md, "Sign-off"): every history among the files merged, plus
/// the month's figures, targets, ratings and `commentary`.
pub(crate) fn signed_off_history(
    loaded: Option<&Loaded>,
    settings: &Settings,
    month: Month,
    commentary: &BTreeMap<String, String>,
    today: Date,
) -> Result<String, String> {
    let loaded = loaded.ok_or("no files have been read")?;
    let card = scorecard::compute(loaded, settings, Some(month)).map_err(|e| e.to_string())?;
    let mut history = loaded.history.clone();
    sign_off::sign_off(&mut history, &card.scorecard, commentary, today);
    Ok(history.to_json() + "\n")
}

/// `scorecard-history.json` of what was read, as it stands.
pub(crate) fn history_json(loaded: Option<&Loaded>) -> Result<String, String> {
    let loaded = loaded.ok_or("no files have been read")?;
    Ok(loaded.history.to_json() + "\n")
}

/// The scorecard of what was read (or why there is none), and apart from
/// it its indicators' drill-downs as counted, which the engine keeps until
/// a list is opened (the worker and the page's fallback alike).
pub(crate) fn compute_apart(
    loaded: Option<&Loaded>,
    settings: &Settings,
    month: Option<Month>,
) -> (Result<Box<Scorecard>, String>, Option<Drills>) {
    let Some(loaded) = loaded else {
        return (Err("no files have been read".to_string()), None);
    };
    match scorecard::compute(loaded, settings, month).map(|c| (c.scorecard, c.drills)) {
        Ok((card, drills)) => (Ok(Box::new(card)), Some(drills)),
        Err(error) => (Err(error.to_string()), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_as_json() {
        let request = Request::Compute {
            id: 3,
            settings: Box::default(),
            month: Month::parse("2017-12"),
        };
        let text = serde_json::to_string(&request).unwrap();
        assert!(text.starts_with(r#"{"type":"compute","id":3"#), "{text}");
        assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), request);
        let response = Response::Scorecard {
            id: 3,
            result: Err("no file could be read".into()),
            drill_counts: vec![3, 0],
            compute_ms: 1.5,
            heap_bytes: 65536.0,
        };
        let text = serde_json::to_string(&response).unwrap();
        assert_eq!(serde_json::from_str::<Response>(&text).unwrap(), response);
    }

    #[test]
    fn unread_files_shift_the_imports_first_input() {
        let unread = [
            (0, "a.csv: gone".to_string()),
            (3, "d.csv: gone".to_string()),
        ];
        assert_eq!(index_without(0, &unread), 0);
        assert_eq!(index_without(2, &unread), 1);
        assert_eq!(index_without(3, &unread), 2);
        assert_eq!(index_without(5, &unread), 3);
        assert_eq!(index_without(4, &[]), 4);
        // Older answers without the field read as none unread.
        let text = r#"{"type":"loaded","id":1,"imports":{"document":null,"teams":null},"latest_month":null,"read_ms":1.0,"heap_bytes":0.0}"#;
        match serde_json::from_str::<Response>(text) {
            Ok(Response::Loaded { unread, .. }) => assert!(unread.is_empty()),
            other => panic!("{other:?}"),
        }
    }

    /// The scorecard a load computes straight away uses the settings the
    /// page will have once the load's answer is in: the page's own, with a
    /// teams file among the newly added files imported (and only then),
    /// counted past the files the browser could not read.
    #[test]
    fn a_load_computes_with_the_settings_the_page_will_have() {
        let teams = "Team,Area,Team Type\nEast Assessment Team 1,EAST,Assessment\n";
        let list7 = "Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date,Allocated Team\nA,01/01/2017,,East Assessment Team 1\n";
        let input = |name: &str, text: &str| crate::domain::scorecard::InputFile {
            name: name.to_string(),
            bytes: text.as_bytes().to_vec(),
            overrides: FileOverrides::default(),
        };
        let today = jiff::civil::date(2026, 11, 26);
        // The worker read two inputs (the page's third, `gone.csv` at
        // index 1, could not be read): list7 (input 0) and teams (input 2).
        let loaded = scorecard::load(
            [
                input("list7_cp_2017-12-31.csv", list7),
                input("teams.csv", teams),
            ],
            Settings::default(),
            today,
            |_| {},
        );
        let unread = [(1, "gone.csv: the browser could not read it".to_string())];
        let base = Settings {
            la_name: "Anytown".to_string(),
            ..Settings::default()
        };
        // Teams file new (added from input 2 on): imported, the rest kept.
        let after = settings_after_load(&base, &loaded.imports, Some(2), &unread);
        assert_eq!(after.la_name, "Anytown");
        assert_eq!(after.teams.len(), 1);
        assert_eq!(after.teams[0].team, "East Assessment Team 1");
        assert_eq!(after.teams[0].area, "EAST");
        // Only the file after it new: nothing imported. A re-read: none.
        assert_eq!(
            settings_after_load(&base, &loaded.imports, Some(3), &unread),
            base
        );
        assert_eq!(
            settings_after_load(&base, &loaded.imports, None, &unread),
            base
        );
        // The request carries it; a page of before this field sends none.
        let request = Request::Load {
            id: 7,
            today,
            files: Vec::new(),
            #[cfg(feature = "bench")]
            measure_parse: false,
            then_compute: Some(ComputeAfterLoad {
                id: 8,
                settings: Box::new(base),
                import_from: Some(2),
                month: Month::parse("2017-12"),
            }),
        };
        let text = serde_json::to_string(&request).unwrap();
        assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), request);
        let old = r#"{"type":"load","id":7,"today":"2026-11-26","files":[]}"#;
        match serde_json::from_str::<Request>(old) {
            Ok(Request::Load { then_compute, .. }) => assert_eq!(then_compute, None),
            other => panic!("{other:?}"),
        }
    }

    /// The commentary pack the worker makes reads back, dropped with the
    /// files, as the same commentaries (outputs.md, "Papers for a
    /// committee", 3); and the papers are named by their month.
    #[test]
    fn a_commentary_pack_goes_out_and_comes_back() {
        let csv = "Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date\nA,01/01/2017,\nB,01/02/2017,\n";
        let list7 = crate::domain::scorecard::InputFile {
            name: "list7_2017-12-31.csv".into(),
            bytes: csv.as_bytes().to_vec(),
            overrides: FileOverrides::default(),
        };
        let today = jiff::civil::date(2018, 1, 10);
        let loaded = scorecard::load([&list7], Settings::default(), today, |_| {});
        let month = Month::parse("2017-12").unwrap();
        let commentary = BTreeMap::from([
            (
                "cp_plans".to_string(),
                "Two plans, \"both\" new.\nSecond line.".to_string(),
            ),
            ("re_referrals".to_string(), "Needs List 3.".to_string()),
        ]);
        let inputs = PaperInputs {
            commentary: commentary.clone(),
            publishable: false,
            today,
            #[cfg(feature = "papers")]
            charts: BTreeMap::new(),
        };
        let kind = PaperKind::Commentary;
        let (name, mime, bytes) = paper(Some(&loaded), kind, &Settings::default(), month, |card| {
            make_paper(kind, card, &Settings::default(), inputs)
        })
        .unwrap();
        assert_eq!(
            (name.as_str(), mime),
            ("scorecard-commentary-2017-12.csv", "text/csv")
        );
        let text = String::from_utf8(bytes.clone()).unwrap();
        // A row per indicator, the headline figures beside: CP plans' count is 2.
        assert_eq!(
            text.lines()
                .filter(|l| l.starts_with("cp_plans,2017-12,"))
                .count(),
            1
        );
        assert!(
            text.contains(",5,Children with a child protection plan at month end,"),
            "{text}"
        );
        let pack = crate::domain::scorecard::InputFile {
            name: name.clone(),
            bytes,
            overrides: FileOverrides::default(),
        };
        let again = scorecard::load([&list7, &pack], Settings::default(), today, |_| {});
        let back: BTreeMap<String, String> = again
            .commentary
            .iter()
            .filter(|e| e.month == month && !e.text.is_empty())
            .map(|e| (e.indicator.clone(), e.text.clone()))
            .collect();
        assert_eq!(back, commentary);
        assert!(
            again
                .commentary
                .iter()
                .all(|e| e.input == 1 && e.file == name)
        );
        let summary = &scorecard::summaries(&again)[1];
        assert_eq!(summary.kind.as_deref(), Some("commentary"));
        assert_eq!(summary.rows, 14);
        assert_eq!(PaperKind::Xlsx.file(month).0, "scorecard-2017-12.xlsx");
        assert_eq!(PaperKind::Docx.file(month).0, "scorecard-2017-12.docx");
        assert_eq!(
            paper(None, kind, &Settings::default(), month, |_| Ok(Vec::new())).unwrap_err(),
            "no files have been read"
        );
    }

    #[test]
    fn a_sign_off_gives_the_history_with_the_month_added() {
        let csv = "Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date\nA,01/01/2017,\nB,01/02/2017,\n";
        let inputs = [crate::domain::scorecard::InputFile {
            name: "list7_2017-12-31.csv".into(),
            bytes: csv.as_bytes().to_vec(),
            overrides: FileOverrides::default(),
        }];
        let today = jiff::civil::date(2018, 1, 10);
        let loaded = scorecard::load(&inputs, Settings::default(), today, |_| {});
        let month = Month::parse("2017-12").unwrap();
        let commentary = BTreeMap::from([("cp_plans".to_string(), "Two plans.".to_string())]);
        let json = signed_off_history(
            Some(&loaded),
            &Settings::default(),
            month,
            &commentary,
            today,
        )
        .unwrap();
        let (history, left_out) = crate::domain::history::read(&json).unwrap();
        assert!(left_out.is_empty());
        let december = &history.months[&month];
        assert_eq!(december.signed_off, Some(today));
        let cp = &december.indicators["cp_plans"];
        assert_eq!(cp.current["count"], Some(2.0));
        assert_eq!(cp.commentary.as_deref(), Some("Two plans."));
        // The history of what was read holds nothing until signed off.
        let (empty, _) =
            crate::domain::history::read(&history_json(Some(&loaded)).unwrap()).unwrap();
        assert!(empty.months.is_empty());
        assert_eq!(history_json(None).unwrap_err(), "no files have been read");
    }

    #[test]
    fn the_drill_rows_come_apart_from_the_scorecard() {
        let csv = "Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date\nA,01/01/2017,\nB,01/02/2017,\n";
        let inputs = [crate::domain::scorecard::InputFile {
            name: "list7_2017-12-31.csv".into(),
            bytes: csv.as_bytes().to_vec(),
            overrides: FileOverrides::default(),
        }];
        let today = jiff::civil::date(2026, 11, 26);
        let loaded = scorecard::load(&inputs, Settings::default(), today, |_| {});
        let month = Month::parse("2017-12");
        let (card, drills) = compute_apart(Some(&loaded), &Settings::default(), month);
        let (card, drills) = (card.unwrap(), drills.unwrap());
        let whole = scorecard::compute(&loaded, &loaded.settings, month)
            .map(|c| c.with_drills())
            .unwrap();
        // Same figures; the rows made apart, in indicator order.
        assert_eq!(drills.lens().len(), whole.indicators.len());
        assert!(card.indicators.iter().all(|i| i.drill.is_empty()));
        let cp = whole
            .indicators
            .iter()
            .position(|i| i.definition.id == "cp_plans")
            .unwrap();
        assert_eq!(drills.rows(cp), whole.indicators[cp].drill);
        assert_eq!(drills.lens()[cp], 2);
        assert!(drills.rows(99).is_empty());
        assert_eq!(card.indicators[cp].current, whole.indicators[cp].current);
        let (none, drills) = compute_apart(None, &Settings::default(), month);
        assert_eq!(none.unwrap_err(), "no files have been read");
        assert!(drills.is_none());
    }
}
