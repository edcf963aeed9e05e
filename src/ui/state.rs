//! The page's state: the files chosen (handles, not bytes), what the
//! engine made of them, the settings, the month, and the view's choices, as
//! signals; and the edits of the file list that do not need the engine.
//!
//! Owns: the page's model. Must not: call the engine (`ui::engine` does,
//! and writes its answers here), so the two never import each other.

use std::sync::Arc;

use leptos::prelude::*;

use jiff::civil::Date;

use crate::domain::commentary_pack::PackEntry;
use crate::domain::file_list::{self, input_of};
use crate::domain::month::Month;
use crate::domain::scorecard::{FileSummary, Scorecard};
use crate::domain::settings::Settings;
use crate::ui::browser;
use crate::ui::files::ChosenFile;

const SETTINGS_KEY: &str = "csc-scorecard:settings";

/// Durations of the last read's steps, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Steps {
    pub(crate) read: f64,
    /// The CSV parse alone: only in a page built with the `bench` feature
    /// and opened with `?bench=parse` (0 otherwise).
    pub(crate) parse: f64,
    pub(crate) compute: f64,
    pub(crate) render: f64,
    /// The worker's WebAssembly memory after its last answer (0 without one).
    pub(crate) worker_heap: f64,
    /// When the worker first said it was ready, in ms since the page
    /// started (0 until then): the benchmark waits for it as an analyst's
    /// picking of files would.
    pub(crate) worker_ready_at: f64,
    /// When the worker said its engine had warmed up (0 until then, or if
    /// files came first): the benchmark waits for this too.
    pub(crate) worker_warm_at: f64,
    /// The browser reading the files from disk into the worker.
    pub(crate) disk: f64,
    /// How many files of the last load its second worker read.
    pub(crate) second_files: usize,
    /// The scorecard's way out of the worker and into the page (JSON out,
    /// the message, JSON in): from the compute's request to its answer
    /// read, less the compute.
    pub(crate) handover: f64,
}

/// The print's layout (outputs.md, "Compact print"; `data-testid="print-layout"`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum PrintLayout {
    #[default]
    Detailed,
    Compact,
}

impl PrintLayout {
    /// Its value in the `<select>`.
    pub(crate) fn id(self) -> &'static str {
        match self {
            PrintLayout::Detailed => "detailed",
            PrintLayout::Compact => "compact",
        }
    }

    pub(crate) fn parse(id: &str) -> PrintLayout {
        if id == "compact" {
            PrintLayout::Compact
        } else {
            PrintLayout::Detailed
        }
    }
}

/// What the page knows of the files read (they live in the worker).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LoadInfo {
    /// The default month: the latest computable (or the latest a
    /// history holds).
    pub(crate) latest_month: Option<Month>,
    /// The earliest month a history holds.
    pub(crate) earliest_month: Option<Month>,
}

/// Which view is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tab {
    Scorecard,
    DataQuality,
    Settings,
    Help,
}

impl Tab {
    /// The tabs in their order on the page.
    pub(crate) const ALL: [Tab; 4] = [Tab::Scorecard, Tab::DataQuality, Tab::Settings, Tab::Help];

    pub(crate) fn label(self) -> &'static str {
        match self {
            Tab::Scorecard => "Scorecard",
            Tab::DataQuality => "Data quality",
            Tab::Settings => "Settings",
            Tab::Help => "Help",
        }
    }

    /// The tab's element id (its panel is labelled by it).
    pub(crate) fn id(self) -> &'static str {
        match self {
            Tab::Scorecard => "tab-scorecard",
            Tab::DataQuality => "tab-data-quality",
            Tab::Settings => "tab-settings",
            Tab::Help => "tab-help",
        }
    }

    /// The tab `step` places from this one, wrapping round (arrow keys).
    pub(crate) fn step(self, step: isize) -> Tab {
        let count = Tab::ALL.len() as isize;
        let at = Tab::ALL.iter().position(|t| *t == self).unwrap_or(0) as isize;
        let index = (at + step).rem_euclid(count) as usize;
        Tab::ALL.get(index).copied().unwrap_or(self)
    }
}

/// Everything the page shows, as signals. `Copy`, so components take it by value.
#[derive(Clone, Copy)]
pub(crate) struct AppState {
    /// The data files, as the browser's handles: their bytes are read only
    /// where the engine runs, for a load (`files`). Local: a JS handle
    /// cannot cross threads, and the page has one.
    pub(crate) inputs: RwSignal<Vec<ChosenFile>, LocalStorage>,
    pub(crate) loaded: RwSignal<Option<LoadInfo>>,
    /// Every file of the last read as the file list shows it (known
    /// before, and without, a scorecard).
    pub(crate) files: RwSignal<Vec<FileSummary>>,
    pub(crate) settings: RwSignal<Settings>,
    /// The month chosen; `None` for the default (latest computable).
    pub(crate) month: RwSignal<Option<Month>>,
    /// What the page is busy with, for the progress line.
    pub(crate) busy: RwSignal<Option<String>>,
    /// The share of a background read done (0 to 1), while one runs.
    pub(crate) done: RwSignal<Option<f64>>,
    pub(crate) tab: RwSignal<Tab>,
    /// A file-level error not tied to one file (e.g. a settings import).
    pub(crate) notice: RwSignal<Option<String>>,
    pub(crate) scorecard: RwSignal<Option<Result<Arc<Scorecard>, String>>>,
    /// How many drill-down rows each indicator of the shown scorecard has,
    /// in order; the rows stay with the engine until a list is opened
    /// (`Engine::drill`).
    pub(crate) drill_counts: RwSignal<Vec<usize>>,
    /// How long the last read took, for the status line.
    pub(crate) timing: RwSignal<Option<String>>,
    /// Step timings of the last read and compute, for the benchmark
    /// (`#timings` data attributes): read, compute, render, in ms.
    pub(crate) steps: RwSignal<Steps>,
    /// Print on A4 landscape rather than portrait.
    pub(crate) landscape: RwSignal<bool>,
    /// The print's layout: detailed (an indicator per half page, charts)
    /// or compact (the committee paper's two-column flow).
    pub(crate) print_layout: RwSignal<PrintLayout>,
    /// Charts in print: on in the detailed layout, off in the compact one,
    /// until the analyst says otherwise.
    pub(crate) print_charts: RwSignal<bool>,
    /// Commentaries from commentary packs just dropped, put in their boxes
    /// when the next scorecard shows (`commentary::take_packs`).
    pub(crate) commentary_packs: RwSignal<Vec<PackEntry>>,
    /// Print with small numbers suppressed (settings `suppress_below`).
    pub(crate) publishable: RwSignal<bool>,
}

impl AppState {
    /// The state of a fresh page: the settings kept in this browser (kept
    /// again on every change), nothing read.
    pub(crate) fn new() -> AppState {
        let settings = browser::load(SETTINGS_KEY)
            .and_then(|text| Settings::from_json(&text).ok())
            .unwrap_or_default();
        let settings = RwSignal::new(settings);
        Effect::new(move |_| {
            settings.with(|s| browser::save(SETTINGS_KEY, &s.to_json()));
        });
        AppState {
            inputs: RwSignal::new_local(Vec::new()),
            loaded: RwSignal::new(None),
            files: RwSignal::new(Vec::new()),
            settings,
            month: RwSignal::new(None),
            busy: RwSignal::new(None),
            done: RwSignal::new(None),
            tab: RwSignal::new(Tab::Scorecard),
            notice: RwSignal::new(None),
            scorecard: RwSignal::new(None),
            drill_counts: RwSignal::new(Vec::new()),
            timing: RwSignal::new(None),
            steps: RwSignal::new(Steps::default()),
            landscape: RwSignal::new(false),
            print_layout: RwSignal::new(PrintLayout::Detailed),
            print_charts: RwSignal::new(true),
            commentary_packs: RwSignal::new(Vec::new()),
            publishable: RwSignal::new(false),
        }
    }

    /// Adds files (a file with the same name replaces the earlier one);
    /// gives the index of the first new one.
    pub(crate) fn add_inputs(self, files: Vec<ChosenFile>) -> usize {
        let mut first_new = 0;
        self.inputs.update(|inputs| {
            inputs.retain(|old| !files.iter().any(|new| new.name == old.name));
            first_new = inputs.len();
            inputs.extend(files);
        });
        first_new
    }

    /// Removes an input (a workbook with all its sheets).
    pub(crate) fn remove_input(self, name: &str) {
        let (name, _) = input_of(name);
        self.inputs
            .update(|inputs| inputs.retain(|f| f.name != name));
    }

    /// Sets the as-at date of listed files (a file, a whole workbook
    /// `book.xlsx`, or one sheet `book.xlsx › List 6`; `None` clears it).
    pub(crate) fn set_inputs_as_at(self, listed: &[String], date: Option<Date>) {
        self.inputs.update(|inputs| {
            for name in listed {
                let (input, sheet) = input_of(name);
                if let Some(file) = inputs.iter_mut().find(|f| f.name == input) {
                    file_list::set_as_at(&mut file.overrides, sheet, date);
                }
            }
        });
    }

    /// Sets a listed file's coverage start (`None` clears it).
    pub(crate) fn set_input_covers_from(self, listed: &str, date: Option<Date>) {
        let (input, sheet) = input_of(listed);
        self.inputs.update(|inputs| {
            if let Some(file) = inputs.iter_mut().find(|f| f.name == input) {
                file_list::set_covers_from(&mut file.overrides, sheet, date);
            }
        });
    }
}
