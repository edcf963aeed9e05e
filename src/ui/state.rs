//! The page's state: the files chosen (handles, not bytes), what the
//! engine made of them, the settings, the month, and the actions that
//! change them. Components read this; only the actions here call the
//! engine.

use std::sync::Arc;

use leptos::prelude::*;

use jiff::civil::Date;

use crate::domain::file_list::{self, input_of};
use crate::domain::month::Month;
use crate::domain::scorecard::{FileSummary, Scorecard};
use crate::domain::settings::Settings;
use crate::ui::files::ChosenFile;
use crate::ui::{browser, engine};

const SETTINGS_KEY: &str = "csc-scorecard:settings";

/// Durations of the last read's steps, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Steps {
    pub read: f64,
    /// The CSV parse alone, only under `?bench=parse` (0 otherwise).
    pub parse: f64,
    pub compute: f64,
    pub render: f64,
    /// The worker's WebAssembly memory after its last answer (0 without one).
    pub worker_heap: f64,
}

/// What the page knows of the files read (they live in the worker).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LoadInfo {
    /// The default month: the latest computable.
    pub latest_month: Option<Month>,
}

/// Which view is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Scorecard,
    DataQuality,
    Settings,
    Help,
}

/// Everything the page shows, as signals. `Copy`, so components take it by value.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The data files, as the browser's handles: their bytes are read only
    /// where the engine runs, for a load (`files`). Local: a JS handle
    /// cannot cross threads, and the page has one.
    pub inputs: RwSignal<Vec<ChosenFile>, LocalStorage>,
    pub loaded: RwSignal<Option<LoadInfo>>,
    /// Every file of the last read as the file list shows it (known
    /// before, and without, a scorecard).
    pub files: RwSignal<Vec<FileSummary>>,
    pub settings: RwSignal<Settings>,
    /// The month chosen; `None` for the default (latest computable).
    pub month: RwSignal<Option<Month>>,
    /// What the page is busy with, for the progress line.
    pub busy: RwSignal<Option<String>>,
    /// The share of a background read done (0 to 1), while one runs.
    pub done: RwSignal<Option<f64>>,
    pub tab: RwSignal<Tab>,
    /// A file-level error not tied to one file (e.g. a settings import).
    pub notice: RwSignal<Option<String>>,
    pub scorecard: RwSignal<Option<Result<Arc<Scorecard>, String>>>,
    /// How many drill-down rows each indicator of the shown scorecard has,
    /// in order; the rows stay with the engine until a list is opened
    /// (`engine::drill`).
    pub drill_counts: RwSignal<Vec<usize>>,
    /// How long the last read took, for the status line.
    pub timing: RwSignal<Option<String>>,
    /// Step timings of the last read and compute, for the benchmark
    /// (`#timings` data attributes): read, compute, render, in ms.
    pub steps: RwSignal<Steps>,
    /// Print on A4 landscape rather than portrait.
    pub landscape: RwSignal<bool>,
    /// Print with small numbers suppressed (settings `suppress_below`).
    pub publishable: RwSignal<bool>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}

impl AppState {
    pub fn new() -> AppState {
        let settings = browser::load(SETTINGS_KEY)
            .and_then(|text| Settings::from_json(&text).ok())
            .unwrap_or_default();
        let inputs = RwSignal::new_local(Vec::new());
        let loaded: RwSignal<Option<LoadInfo>> = RwSignal::new(None);
        let settings = RwSignal::new(settings);
        let month = RwSignal::new(None);
        let scorecard = RwSignal::new(None);
        Effect::new(move |_| {
            settings.with(|s| browser::save(SETTINGS_KEY, &s.to_json()));
        });
        let state = AppState {
            inputs,
            loaded,
            files: RwSignal::new(Vec::new()),
            settings,
            month,
            busy: RwSignal::new(None),
            done: RwSignal::new(None),
            tab: RwSignal::new(Tab::Scorecard),
            notice: RwSignal::new(None),
            scorecard,
            drill_counts: RwSignal::new(Vec::new()),
            timing: RwSignal::new(None),
            steps: RwSignal::new(Steps::default()),
            landscape: RwSignal::new(false),
            publishable: RwSignal::new(false),
        };
        engine::init(state);
        // Whenever what was read, the settings or the month change, ask for
        // the scorecard again; the files are not read again.
        Effect::new(move |_| {
            if loaded.get().is_none() {
                scorecard.set(None);
                return;
            }
            engine::compute(settings.get(), month.get());
        });
        state
    }

    /// Adds files (a file with the same name replaces the earlier one) and
    /// reads everything again; settings documents and teams files among the
    /// new files are imported into the settings once.
    pub fn add_files(self, files: Vec<ChosenFile>) {
        let mut first_new = 0;
        self.inputs.update(|inputs| {
            inputs.retain(|old| !files.iter().any(|new| new.name == old.name));
            first_new = inputs.len();
            inputs.extend(files);
        });
        self.reload(Some(first_new));
    }

    /// Removes an input (a workbook with all its sheets).
    pub fn remove_file(self, name: &str) {
        let (name, _) = input_of(name);
        self.inputs
            .update(|inputs| inputs.retain(|f| f.name != name));
        self.reload(None);
    }

    /// Sets the as-at date of listed files (a file, a whole workbook
    /// `book.xlsx`, or one sheet `book.xlsx › List 6`; `None` clears it)
    /// and reads again, once for them all.
    pub fn set_as_at(self, listed: &[String], date: Option<Date>) {
        self.inputs.update(|inputs| {
            for name in listed {
                let (input, sheet) = input_of(name);
                if let Some(file) = inputs.iter_mut().find(|f| f.name == input) {
                    file_list::set_as_at(&mut file.overrides, sheet, date);
                }
            }
        });
        self.reload(None);
    }

    /// Sets a listed file's coverage start (`None` clears it) and reads again.
    pub fn set_covers_from(self, listed: &str, date: Option<Date>) {
        let (input, sheet) = input_of(listed);
        self.inputs.update(|inputs| {
            if let Some(file) = inputs.iter_mut().find(|f| f.name == input) {
                file_list::set_covers_from(&mut file.overrides, sheet, date);
            }
        });
        self.reload(None);
    }

    /// Reads all files again (in the background worker).
    fn reload(self, import_from: Option<usize>) {
        if self.inputs.with_untracked(Vec::is_empty) {
            self.loaded.set(None);
            self.files.set(Vec::new());
            return;
        }
        engine::load(import_from);
    }

    /// Stops a long read.
    pub fn cancel(self) {
        engine::cancel();
    }
}
