//! The page's state: the files in memory, what the engine made of them, the
//! settings, the month, and the actions that change them. Components read
//! this; only the actions here call the engine.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::ingest::FileOverrides;
use crate::domain::month::Month;
use crate::domain::scorecard::{self, InputFile, Loaded, Scorecard};
use crate::domain::settings::Settings;
use crate::ui::browser;

const SETTINGS_KEY: &str = "csc-scorecard:settings";

/// Durations of the last read's steps, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Steps {
    pub read: f64,
    pub compute: f64,
    pub render: f64,
}

/// Which view is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Scorecard,
    DataQuality,
    Settings,
}

/// Everything the page shows, as signals. `Copy`, so components take it by value.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The data files, bytes in memory only.
    pub inputs: RwSignal<Vec<InputFile>>,
    pub loaded: RwSignal<Option<Arc<Loaded>>>,
    pub settings: RwSignal<Settings>,
    /// The month chosen; `None` for the default (latest computable).
    pub month: RwSignal<Option<Month>>,
    /// What the page is busy with, for the progress line.
    pub busy: RwSignal<Option<String>>,
    pub tab: RwSignal<Tab>,
    /// A file-level error not tied to one file (e.g. a settings import).
    pub notice: RwSignal<Option<String>>,
    pub scorecard: Memo<Option<Result<Arc<Scorecard>, String>>>,
    /// How long the last read took, for the status line.
    pub timing: RwSignal<Option<String>>,
    /// Step timings of the last read and compute, for the benchmark
    /// (`#timings` data attributes): read, compute, render, in ms.
    pub steps: RwSignal<Steps>,
    /// The last scorecard computation's duration (written inside the memo).
    pub compute_ms: StoredValue<f64>,
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
        let inputs = RwSignal::new(Vec::new());
        let loaded: RwSignal<Option<Arc<Loaded>>> = RwSignal::new(None);
        let settings = RwSignal::new(settings);
        let month = RwSignal::new(None);
        let compute_ms = StoredValue::new(0.0);
        let scorecard = Memo::new(move |_| {
            let loaded = loaded.get()?;
            let started = browser::now_ms();
            let result = settings.with(|settings| {
                scorecard::compute_with(&loaded, settings, month.get())
                    .map(Arc::new)
                    .map_err(|error| error.to_string())
            });
            compute_ms.set_value(browser::now_ms() - started);
            Some(result)
        });
        Effect::new(move |_| {
            settings.with(|s| browser::save(SETTINGS_KEY, &s.to_json()));
        });
        AppState {
            inputs,
            loaded,
            settings,
            month,
            busy: RwSignal::new(None),
            tab: RwSignal::new(Tab::Scorecard),
            notice: RwSignal::new(None),
            scorecard,
            timing: RwSignal::new(None),
            steps: RwSignal::new(Steps::default()),
            compute_ms,
            landscape: RwSignal::new(false),
            publishable: RwSignal::new(false),
        }
    }

    /// Adds files (a file with the same name replaces the earlier one) and
    /// reads everything again; settings documents and teams files among the
    /// new files are imported into the settings once.
    pub fn add_files(self, files: Vec<InputFile>) {
        let mut first_new = 0;
        self.inputs.update(|inputs| {
            inputs.retain(|old| !files.iter().any(|new| new.name == old.name));
            first_new = inputs.len();
            inputs.extend(files);
        });
        self.reload(Some(first_new));
    }

    pub fn remove_file(self, name: &str) {
        self.inputs
            .update(|inputs| inputs.retain(|f| f.name != name));
        self.reload(None);
    }

    /// Changes a file's as-at date or coverage start and reads again.
    pub fn set_overrides(self, name: &str, overrides: FileOverrides) {
        self.inputs.update(|inputs| {
            if let Some(file) = inputs.iter_mut().find(|f| f.name == name) {
                file.overrides = overrides;
            }
        });
        self.reload(None);
    }

    /// Reads all files again (after a yield, so the progress line paints).
    fn reload(self, import_from: Option<usize>) {
        let count = self.inputs.with_untracked(Vec::len);
        self.busy
            .set(Some(format!("Reading and checking {count} file(s)…")));
        leptos::task::spawn_local(async move {
            browser::yield_to_browser().await;
            let started = browser::now_ms();
            let inputs = self.inputs.get_untracked();
            let loaded = scorecard::load(&inputs, Settings::default(), browser::today());
            let read_ms = browser::now_ms() - started;
            if let Some(first) = import_from {
                let imported = self
                    .settings
                    .with_untracked(|base| loaded.imports.apply_since(base, first));
                if self.settings.with_untracked(|s| *s != imported) {
                    self.settings.set(imported);
                }
            }
            let shown_from = browser::now_ms();
            self.loaded
                .set((!inputs.is_empty()).then(|| Arc::new(loaded)));
            // The scorecard is computed and rendered before the next frame.
            request_animation_frame(move || {
                let compute = self.compute_ms.get_value();
                let render = (browser::now_ms() - shown_from - compute).max(0.0);
                self.steps.set(Steps {
                    read: read_ms,
                    compute,
                    render,
                });
            });
            let megabytes = inputs.iter().map(|f| f.bytes.len()).sum::<usize>() as f64 / 1e6;
            self.busy.set(None);
            self.timing.set(Some(format!(
                "Read {} file(s), {megabytes:.1} MB, in {:.2} s.",
                inputs.len(),
                read_ms / 1000.0
            )));
        });
    }
}
