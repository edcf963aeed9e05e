//! Runs every indicator of the registry over a month → the `Scorecard`:
//! current, previous 6 months, baseline, areas, 13-month series, rating,
//! trend, benchmarks, notes; plus the files and their problems.
//!
//! Owns: the previous-6-months rules (indicators.md, "Previous 6 months"),
//! resolving settings against the registry's defaults, and the default
//! month. It must not know how any single indicator counts.

use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::areas::Areas;
use crate::calendar::Calendar;
use crate::commentary_pack::{self, PackEntry};
use crate::dataset::{Dataset, SettingsImports};
use crate::diagnostics::{Problem, ProblemCode, Severity};
use crate::history::History;
use crate::history_inputs;
use crate::indicators::{ALL, Context, Definition, MeasureKind, MonthCounts, Timing};
use crate::ingest::{AsAtSource, FileOverrides, LoadedFile, load_files, transfer};
use crate::memo::{FiguresCache, Session};
use crate::month::Month;
use crate::rating::{Rating, Trend, rate, trend};
use crate::schema::Kind;
use crate::settings::{Polarity, PreviousMode, SERIES_MONTHS, Settings};
use crate::sources::{Chooser, Chosen, Restatement, Source};

/// One input file as given to the engine.
#[derive(Clone, Debug)]
pub struct InputFile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub overrides: FileOverrides,
}

/// A measure's values in one column, in the definition's order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Values {
    #[serde(with = "crate::indicators::definition_by_id")]
    pub definition: &'static Definition,
    pub values: Vec<Option<f64>>,
    /// Where the figures came from (history.md): `None` when nothing is known.
    #[serde(default)]
    pub source: Option<Source>,
}

impl Values {
    pub fn get(&self, measure: &str) -> Option<f64> {
        self.definition
            .measure(measure)
            .and_then(|i| self.values.get(i).copied().flatten())
    }

    pub fn headline(&self) -> Option<f64> {
        self.get(self.definition.headline)
    }
}

/// The previous-6-months column (and the year to date, combined the same
/// way): values and how many months are behind the headline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Previous {
    pub values: Values,
    pub months: usize,
}

/// One indicator's results for the reporting month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorResult {
    #[serde(with = "crate::indicators::definition_by_id")]
    pub definition: &'static Definition,
    pub polarity: Polarity,
    pub previous_mode: PreviousMode,
    pub missing_inputs: Vec<Kind>,
    pub current: Values,
    pub previous: Previous,
    /// The same month a year before (history.md, "New columns").
    pub last_year: (Month, Values),
    /// April of the month's financial year to the month, for period
    /// indicators only.
    pub year_to_date: Option<Previous>,
    pub baseline: Option<(Month, Values)>,
    /// Areas in column order (only for indicators with areas).
    pub areas: Vec<(String, Values)>,
    /// Months `M-(n-1) … M`, `n` the settings' `series_months` (13 by default).
    pub series: Vec<(Month, Values)>,
    pub target: Option<f64>,
    pub tolerance: Option<f64>,
    pub rating: Rating,
    pub trend: Trend,
    pub national: Option<f64>,
    pub statistical_neighbours: Option<f64>,
    pub benchmark_year: Option<String>,
    pub notes: Vec<String>,
    /// The commentary the history holds for the month (history.md,
    /// "Sign-off": where the page's commentary starts from).
    #[serde(default)]
    pub published_commentary: Option<String>,
    /// The records behind the reporting month's counts.
    pub drill: Vec<DrillRow>,
}

/// One record behind a count of the reporting month, for the drill-down.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DrillRow {
    pub measure: String,
    pub area: String,
    pub file: String,
    pub row: u32,
    /// The child's or worker's identifier.
    pub subject: String,
    /// What the record added (1 for a count; days, cases or FTE otherwise).
    pub amount: f64,
}

/// A loaded file as the scorecard lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileSummary {
    pub name: String,
    /// Kind id, `settings` for a settings document, `None` when unrecognised.
    pub kind: Option<String>,
    pub kind_name: String,
    pub rows: usize,
    pub as_at: Option<Date>,
    pub as_at_source: AsAtSource,
    pub covers_from: Option<Date>,
    pub covers_to: Option<Date>,
    pub problems: usize,
    pub error: Option<String>,
}

/// An extract that would give an as-at month its facts (allocation,
/// care-leaver activity, last visits) but is dated more than
/// `as_at_grace_days` after the month (inputs.md, "What months a file
/// covers"): the page flags it with the setting that would use it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LateExtract {
    /// The loaded file's name (`book.xlsx › List 6` for a sheet).
    pub file: String,
    pub kind: Kind,
    pub as_at: Date,
    /// Days from the month's last day to the as-at date.
    pub days_after: i64,
    pub grace_days: i64,
    /// What the month lacks without it, e.g. "allocation (indicators 1 and 13)".
    pub needed_for: String,
    /// The sentence the indicators' notes give.
    pub note: String,
}

/// The whole scorecard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    pub month: Month,
    pub la_name: String,
    pub protective_marking: String,
    pub files: Vec<FileSummary>,
    /// Extracts too late for this month's as-at facts (none when every
    /// as-at month has its extract).
    pub late_extracts: Vec<LateExtract>,
    pub indicators: Vec<IndicatorResult>,
    /// Whether the history holds the month, and when it was signed off
    /// (`None` inside when seeded from a spreadsheet): the page asks before
    /// signing it off again.
    #[serde(default)]
    pub held: Option<Option<Date>>,
    /// Published figures the extracts now give differently (history.md).
    pub restatements: Vec<Restatement>,
    pub problems: Vec<Problem>,
}

/// Why no scorecard could be made.
#[derive(Clone, Debug, PartialEq)]
pub enum ScorecardError {
    /// No file could be read.
    NoReadableFile,
    /// No month given and no file has an as-at date to default from.
    NoMonth,
}

impl std::fmt::Display for ScorecardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ScorecardError::NoReadableFile => "no file could be read",
            ScorecardError::NoMonth => {
                "no reporting month: give one, or load a file with an as-at date"
            }
        })
    }
}

impl std::error::Error for ScorecardError {}

/// Files read and merged, ready to compute any month without re-reading.
#[derive(Debug)]
pub struct Loaded {
    pub files: Vec<LoadedFile>,
    pub dataset: Dataset,
    /// What settings documents and teams files among the files change.
    pub imports: SettingsImports,
    /// The starting settings with the imports applied.
    pub settings: Settings,
    /// Each history among the files, by its position in `files`.
    pub histories: Vec<(usize, History)>,
    /// Every history among the files, merged (history.md, "Several
    /// histories"); empty when none was given.
    pub history: History,
    /// Every commentary of the commentary packs among the files
    /// (`commentary_pack`), for the page to put in their boxes.
    pub commentary: Vec<PackEntry>,
    /// Month figures already counted from these files, so computing
    /// another month or with other targets recounts only what changed
    /// (see `memo` for what empties it).
    pub cache: FiguresCache,
}

/// What `load` is doing, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LoadStep<'a> {
    /// About to read input `index`, after `done_bytes` of the inputs before
    /// it have been read (the caller knows how many there are in all).
    Reading {
        index: usize,
        name: &'a str,
        done_bytes: usize,
    },
    /// Every file is read; merging them and checking across files.
    Merging,
}

/// Reads every file (never failing on one) and merges them: the one way
/// files come in. A workbook gives one loaded file per sheet
/// (`workbook.xlsx › List 6`), in place, so `files` may be longer than the
/// inputs; record sources index `files`. `settings` are the starting
/// settings; settings documents and teams files among the files update
/// them; `imports` counts by input index. `progress` hears each step before
/// it starts (the worker posts them to the page's progress bar).
///
/// Inputs are taken one at a time and each dropped once read: the worker
/// hands over an iterator that reads each file from disk only when its turn
/// comes, so it holds one file's bytes at a time rather than all of them.
pub fn load<I: std::borrow::Borrow<InputFile>>(
    inputs: impl IntoIterator<Item = I>,
    settings: Settings,
    today: Date,
    mut progress: impl FnMut(LoadStep<'_>),
) -> Loaded {
    let mut loader = Loader::new(today);
    for input in inputs {
        loader.add(input.borrow(), &mut progress);
    }
    loader.finish(settings, progress)
}

/// `load` a file at a time, for a caller whose files arrive one by one
/// (the worker reads the next from disk while this one is read): `add`
/// each in order, then `finish`.
#[derive(Debug)]
pub struct Loader {
    today: Date,
    files: Vec<LoadedFile>,
    /// Each loaded file's input index (a workbook's sheets share one).
    input_of: Vec<usize>,
    inputs: usize,
    done_bytes: usize,
}

impl Loader {
    pub fn new(today: Date) -> Loader {
        Loader {
            today,
            files: Vec::new(),
            input_of: Vec::new(),
            inputs: 0,
            done_bytes: 0,
        }
    }

    /// Reads the next input (never failing: an unreadable file is a
    /// loaded file that says why).
    pub fn add(&mut self, input: &InputFile, progress: impl FnMut(LoadStep<'_>)) {
        let today = self.today;
        let Ok(()) = self.take(&input.name, input.bytes.len(), progress, |first| {
            Ok::<_, std::convert::Infallible>(load_files(
                &input.name,
                &input.bytes,
                first,
                &input.overrides,
                today,
            ))
        });
    }

    /// Takes the next input as another worker read it (`transfer::encode`
    /// of its `load_files` with this loader's date and the input's
    /// overrides): what `add` of its `size` bytes would have read. Bytes
    /// that do not read back add nothing and say why: the caller then
    /// reads the input itself with `add`.
    pub fn add_transferred(
        &mut self,
        name: &str,
        size: usize,
        encoded: &[u8],
        progress: impl FnMut(LoadStep<'_>),
    ) -> Result<(), String> {
        self.take(name, size, progress, |first| {
            transfer::decode(encoded, first)
        })
    }

    /// The next input's files, as `read` gives them from the index of the
    /// first among all loaded files (for record sources); nothing taken
    /// when it fails.
    fn take<E>(
        &mut self,
        name: &str,
        size: usize,
        mut progress: impl FnMut(LoadStep<'_>),
        read: impl FnOnce(usize) -> Result<Vec<LoadedFile>, E>,
    ) -> Result<(), E> {
        let index = self.inputs;
        progress(LoadStep::Reading {
            index,
            name,
            done_bytes: self.done_bytes,
        });
        let files = read(self.files.len())?;
        self.done_bytes += size;
        self.files.extend(files);
        self.input_of.resize(self.files.len(), index);
        self.inputs += 1;
        Ok(())
    }

    /// Merges what was read, with `settings` as the starting settings.
    pub fn finish(self, settings: Settings, mut progress: impl FnMut(LoadStep<'_>)) -> Loaded {
        let Loader {
            mut files,
            input_of,
            ..
        } = self;
        progress(LoadStep::Merging);
        let (dataset, imports) = Dataset::build(&mut files);
        let imports = imports.by_input(&input_of);
        let settings = imports.apply(&settings);
        let histories = history_inputs::read(&mut files);
        let history = history_inputs::merge(&mut files, &histories);
        let commentary = commentary_pack::read(&mut files, &input_of);
        Loaded {
            files,
            dataset,
            imports,
            settings,
            histories,
            history,
            commentary,
            cache: FiguresCache::default(),
        }
    }
}

/// The default month: the latest whose `M_end` is on or before the latest
/// as-at date of any loaded file.
pub fn default_month(dataset: &Dataset) -> Option<Month> {
    let latest = dataset.latest_as_at?;
    let month = Month::of(latest);
    Some(if latest == month.last_day() {
        month
    } else {
        month.plus(-1)
    })
}

/// The month a scorecard shows when none is chosen: the default month of
/// the files, or with no dated extract the latest month the history holds
/// (history.md, "Using it").
pub fn latest_month(loaded: &Loaded) -> Option<Month> {
    default_month(&loaded.dataset).or_else(|| loaded.history.months.keys().next_back().copied())
}

/// The earliest month the history holds (the month picker reaches back to it).
pub fn earliest_history_month(loaded: &Loaded) -> Option<Month> {
    loaded.history.months.keys().next().copied()
}

/// A computed scorecard and the records behind its figures, kept apart:
/// the page shows one indicator's list at a time, and making them all (four
/// strings each, a hundred thousand rows for a large authority) was most of
/// a recompute that counted nothing.
#[derive(Debug)]
pub struct Computed {
    /// The scorecard, each indicator's `drill` still empty.
    pub scorecard: Scorecard,
    pub drills: Drills,
}

impl Computed {
    /// The scorecard with every indicator's drill-down rows (the CLI's JSON).
    pub fn with_drills(self) -> Scorecard {
        self.drills.fill(self.scorecard)
    }
}

/// Computes the scorecard for `month` (or the default month) with
/// `settings` (`loaded.settings` are those the files brought; the page
/// passes its editor's), without re-reading the files: the one way a
/// scorecard is computed.
pub fn compute(
    loaded: &Loaded,
    settings: &Settings,
    month: Option<Month>,
) -> Result<Computed, ScorecardError> {
    compute_counting_with(loaded, settings, month, Definition::counting_settings)
        .map(|(scorecard, drills)| Computed { scorecard, drills })
}

/// A scorecard's drill-downs as counted (the reporting month's records of
/// each indicator), with the team table that places them in areas and the
/// names of the files they were counted from.
#[derive(Debug)]
pub struct Drills {
    counts: Vec<Arc<MonthCounts>>,
    areas: Areas,
    file_names: Vec<String>,
}

impl Drills {
    /// How many rows each indicator's drill-down has.
    pub fn lens(&self) -> Vec<usize> {
        self.counts
            .iter()
            .map(|counts| counts.drill.len())
            .collect()
    }

    /// The drill-down rows of the indicator at `index` (none if there is
    /// no such indicator).
    pub fn rows(&self, index: usize) -> Vec<DrillRow> {
        let Some(counts) = self.counts.get(index) else {
            return Vec::new();
        };
        counts
            .drill
            .iter()
            .map(|item| DrillRow {
                measure: item.measure.to_string(),
                area: self.areas.name(self.areas.area_of(&item.team)).to_string(),
                file: self
                    .file_names
                    .get(item.source.file)
                    .cloned()
                    .unwrap_or_default(),
                row: item.source.row,
                subject: item.subject.to_string(),
                amount: item.amount,
            })
            .collect()
    }

    /// `card` with every indicator's drill-down rows made.
    pub fn fill(&self, mut card: Scorecard) -> Scorecard {
        for (index, indicator) in card.indicators.iter_mut().enumerate() {
            indicator.drill = self.rows(index);
        }
        card
    }
}

/// `compute`, each indicator counting with `counting(definition,
/// settings)` (its counting settings; a test gives every indicator the
/// whole settings to show the projection hides nothing an indicator reads).
fn compute_counting_with(
    loaded: &Loaded,
    settings: &Settings,
    month: Option<Month>,
    counting: fn(&Definition, &Settings) -> Settings,
) -> Result<(Scorecard, Drills), ScorecardError> {
    let readable = loaded.files.iter().any(|f| f.error.is_none());
    if !readable {
        return Err(ScorecardError::NoReadableFile);
    }
    let month = month
        .or_else(|| latest_month(loaded))
        .ok_or(ScorecardError::NoMonth)?;
    let calendar = Calendar::new(&settings.extra_bank_holidays);
    let areas = Areas::new(settings);
    // Each indicator counts with its counting settings only (what it
    // reads, the rest at their defaults), so the cache can key its counts
    // by them; the calendar and team table it counts with come from them.
    let counting: Vec<(Settings, Calendar, Areas)> = ALL
        .iter()
        .map(|definition| {
            let counting = counting(definition, settings);
            let calendar = Calendar::new(&counting.extra_bank_holidays);
            let areas = Areas::new(&counting);
            (counting, calendar, areas)
        })
        .collect();
    let context = Context::new(&loaded.dataset, settings, &calendar, &areas);
    let mut problems: Vec<Problem> = loaded
        .files
        .iter()
        .flat_map(|f| f.problems.iter().cloned())
        .collect();
    let mut session = loaded.cache.session();
    let mut indicators = Vec::with_capacity(ALL.len());
    let mut drills = Vec::with_capacity(ALL.len());
    let mut restatements = Vec::new();
    for (definition, (settings, calendar, areas)) in ALL.iter().zip(&counting) {
        let counter = context.with_settings(settings, calendar, areas);
        let (result, counts, restated) = compute_indicator(
            definition,
            &context,
            &counter,
            &mut session,
            &loaded.history,
            month,
        );
        indicators.push(result);
        problems.extend(counts.problems.iter().cloned());
        drills.push(counts);
        restatements.extend(restated);
    }
    problems.extend(history_inputs::problems(
        &loaded.files,
        &loaded.histories,
        settings,
        &restatements,
    ));
    drop(session);
    problems.extend(unmapped_teams(&loaded.dataset, &areas));
    let derived = calendar.derived_years(month.plus(-24).first_day(), month.last_day());
    if !derived.is_empty() {
        problems.push(Problem::file(
            "",
            ProblemCode::DerivedBankHolidays,
            Severity::Info,
            format!(
                "bank holidays for {} are not in the built-in list: derived by rule (add any others in settings)",
                derived.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    let files = summaries(loaded);
    let card = Scorecard {
        month,
        la_name: settings.la_name.clone(),
        protective_marking: settings.protective_marking.clone(),
        files,
        late_extracts: late_extracts(&loaded.dataset, settings.as_at_grace_days, month),
        indicators,
        held: loaded
            .history
            .months
            .get(&month)
            .map(|entry| entry.signed_off),
        restatements,
        problems,
    };
    drop(context);
    let drills = Drills {
        counts: drills,
        areas,
        file_names: loaded.dataset.file_names.clone(),
    };
    Ok((card, drills))
}

/// Every loaded file as the file list shows it.
pub fn summaries(loaded: &Loaded) -> Vec<FileSummary> {
    loaded.files.iter().map(summarise).collect()
}

/// The extracts too late for `month`'s as-at facts: List 6 (allocation),
/// List 9 (care-leaver activity) and, without a CP visits file, List 7
/// with last-visit dates.
pub fn late_extracts(data: &Dataset, grace_days: i64, month: Month) -> Vec<LateExtract> {
    use crate::dataset::{FileRecords, KindData, late_extract_note};
    #[allow(clippy::too_many_arguments)] // one call per kind, each naming them
    fn late<R>(
        data: &Dataset,
        kind_data: &KindData<R>,
        usable: impl Fn(&FileRecords<R>) -> bool,
        kind: Kind,
        needed_for: &str,
        what: &str,
        grace_days: i64,
        month: Month,
    ) -> Vec<LateExtract> {
        let Some(as_at) = kind_data.late_extract_where(month, grace_days, &usable) else {
            return Vec::new();
        };
        kind_data
            .files
            .iter()
            .filter(|f| f.as_at == Some(as_at) && usable(f))
            .map(|f| LateExtract {
                file: data.file_name(f.file),
                kind,
                as_at,
                days_after: crate::month::days_between(month.last_day(), as_at),
                grace_days,
                needed_for: needed_for.to_string(),
                note: late_extract_note(kind, what, as_at, month, grace_days),
            })
            .collect()
    }
    let mut found = late(
        data,
        &data.cin,
        |_| true,
        Kind::List6Cin,
        "allocation (indicators 1 and 13)",
        "allocation",
        grace_days,
        month,
    );
    found.extend(late(
        data,
        &data.care_leavers,
        |_| true,
        Kind::List9CareLeavers,
        "care-leaver activity (indicator 8)",
        "care-leaver activity",
        grace_days,
        month,
    ));
    if !data.cp_visits.loaded() {
        found.extend(late(
            data,
            &data.cp,
            |f| data.has_last_visits(f),
            Kind::List7Cp,
            "visits from last statutory visit dates (indicator 6)",
            "a visit count from last-visit dates",
            grace_days,
            month,
        ));
    }
    found
}

fn summarise(file: &LoadedFile) -> FileSummary {
    let (kind, kind_name) = if file.is_settings() {
        (
            Some("settings".to_string()),
            "Settings document".to_string(),
        )
    } else if file.is_commentary() {
        (
            Some(crate::commentary_kind::FILE_KIND.to_string()),
            "Commentary pack".to_string(),
        )
    } else if file.is_history() && file.error.is_none() {
        (
            Some(crate::history::FILE_KIND.to_string()),
            "History of signed-off months".to_string(),
        )
    } else {
        match file.kind {
            Some(kind) => (Some(kind.id().to_string()), kind.name().to_string()),
            None => (None, "Not recognised".to_string()),
        }
    };
    FileSummary {
        name: file.name.clone(),
        kind,
        kind_name,
        rows: file.rows,
        as_at: file.as_at,
        as_at_source: file.as_at_source,
        covers_from: file.coverage.map(|c| c.0),
        covers_to: file.coverage.map(|c| c.1),
        problems: file.problems.len(),
        error: file.error.clone(),
    }
}

/// One indicator's result: `context` holds the scorecard's settings and
/// team table (rating, areas, populations), `counter` the indicator's
/// counting settings (what its counts are computed and cached with). Every
/// month shown takes its figures by the source rule (`sources`), the
/// history filling what the extracts do not cover.
fn compute_indicator(
    definition: &'static Definition,
    context: &Context<'_>,
    counter: &Context<'_>,
    session: &mut Session<'_>,
    history: &History,
    month: Month,
) -> (IndicatorResult, Arc<MonthCounts>, Vec<Restatement>) {
    let overrides = context.settings.overrides(definition.id);
    let polarity = overrides.resolved_polarity(definition.polarity);
    let previous_mode = overrides.resolved_previous_mode(definition.previous_mode);
    let settings = context.settings;
    let mut chooser = Chooser {
        definition,
        history,
        areas: context.areas,
        settings,
        restatements: Vec::new(),
    };
    let span = series_span(settings);
    let mut current_counts = Arc::new(MonthCounts::none(definition));
    let mut current = None;
    let series: Vec<(Month, Chosen)> = (1 - span..=0)
        .map(|offset| {
            let m = month.plus(offset);
            let counts = session.counts(definition, counter, m, offset == 0);
            let chosen = chooser.choose(m, &counts, offset == 0);
            if offset == 0 {
                current_counts = counts;
                current = Some(chosen.clone());
            }
            (m, chosen)
        })
        .collect();
    let current = current.unwrap_or_else(|| chooser.choose(month, &current_counts, true));
    let values = |chosen: &Chosen| Values {
        definition,
        values: chosen.la.clone(),
        source: chosen.source,
    };
    let in_series = |m: Month| series.iter().find(|(at, _)| *at == m).map(|(_, c)| c);
    let cumulative = previous_is_cumulative(definition, previous_mode);
    let combine = |from: Month, to: Month| {
        let months: Vec<&Chosen> = series
            .iter()
            .filter(|(m, _)| *m >= from && *m <= to)
            .map(|(_, chosen)| chosen)
            .collect();
        combine_months(definition, &months, cumulative)
    };
    let previous = combine(month.plus(-6), month.plus(-1));
    let last_year = {
        let m = month.plus(-12);
        let none = Chosen {
            la: vec![None; definition.measures.len()],
            areas: Vec::new(),
            source: None,
        };
        (m, values(in_series(m).unwrap_or(&none)))
    };
    let year_to_date =
        (definition.timing == Timing::Period).then(|| combine(financial_year_start(month), month));
    let baseline = definition.has_baseline.then(|| {
        let baseline_month = overrides
            .baseline_month
            .resolve(Some(default_baseline(month)))
            .unwrap_or_else(|| default_baseline(month));
        let chosen = match in_series(baseline_month) {
            Some(chosen) => chosen.clone(),
            None => {
                let counts = session.counts(definition, counter, baseline_month, false);
                chooser.choose(baseline_month, &counts, false)
            }
        };
        (baseline_month, values(&chosen))
    });
    let areas = if definition.has_areas {
        current
            .areas
            .iter()
            .map(|(name, figures)| {
                (
                    name.clone(),
                    Values {
                        definition,
                        values: figures.clone(),
                        source: current.source,
                    },
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let from_history = current.source == Some(Source::History);
    let current = values(&current);
    let target = overrides.target.resolve(definition.target);
    let tolerance = overrides.tolerance.resolve(definition.tolerance);
    let rating = rate(polarity, target, tolerance, current.headline());
    let trend = trend(
        polarity,
        current.headline(),
        previous.values.headline(),
        definition.headline_is_percent(),
    );
    // Shown from the history, the indicator lacks nothing.
    let missing_inputs = if from_history {
        Vec::new()
    } else {
        definition.missing_inputs(context, month)
    };
    let mut notes = if from_history {
        vec![published_note(history, month)]
    } else {
        current_counts.notes.clone()
    };
    if !missing_inputs.is_empty() {
        notes.push(format!(
            "needs {}",
            missing_inputs
                .iter()
                .map(|k| k.short_name())
                .collect::<Vec<_>>()
                .join(" and ")
        ));
        // A file of that kind was given but has no as-at date.
        for (kind, file) in &context.data.undated {
            if missing_inputs.contains(kind) {
                notes.push(format!(
                    "{file} is {} but has no as-at date, so it is not used: set its date (on the page, or `--as-at {file}=YYYY-MM-DD`)",
                    kind.short_name()
                ));
            }
        }
    } else if current.source.is_none() {
        notes.push(format!("the loaded files do not cover {}", month.label()));
    }
    if previous.months < 6 {
        notes.push(format!("{} of 6 months", previous.months));
    }
    let result = IndicatorResult {
        definition,
        polarity,
        previous_mode,
        missing_inputs,
        current,
        previous,
        last_year,
        year_to_date,
        baseline,
        areas,
        series: series
            .iter()
            .map(|(m, chosen)| (*m, values(chosen)))
            .collect(),
        target,
        tolerance,
        rating,
        trend,
        national: overrides.national.resolve(definition.national),
        statistical_neighbours: overrides
            .statistical_neighbours
            .resolve(definition.statistical_neighbours),
        benchmark_year: overrides.benchmark_year.resolve(None),
        notes,
        published_commentary: history
            .months
            .get(&month)
            .and_then(|entry| entry.indicators.get(definition.id))
            .and_then(|held| held.commentary.clone()),
        // Made on demand from the counts (`Drills`).
        drill: Vec::new(),
    };
    (result, current_counts, chooser.restatements)
}

/// How many months the series shows (settings `series_months`, kept to
/// 13–60 whatever the settings say).
fn series_span(settings: &Settings) -> i32 {
    let months = settings
        .series_months
        .clamp(SERIES_MONTHS.start, SERIES_MONTHS.end - 1);
    i32::try_from(months).unwrap_or(13)
}

/// The April that starts `month`'s financial year.
pub fn financial_year_start(month: Month) -> Month {
    let april = Month::new(month.year(), 4).unwrap_or(month);
    if april <= month {
        april
    } else {
        april.plus(-12)
    }
}

/// The note of an indicator whose reporting month is shown from the history.
fn published_note(history: &History, month: Month) -> String {
    match history
        .months
        .get(&month)
        .and_then(|entry| entry.signed_off)
    {
        Some(date) => format!(
            "as signed off on {} (from the history: the files given do not cover {})",
            crate::format::date(date),
            month.label()
        ),
        None => format!(
            "from the history (the files given do not cover {})",
            month.label()
        ),
    }
}

/// The latest March strictly before `month`.
pub(crate) fn default_baseline(month: Month) -> Month {
    let march = Month::new(month.year(), 3).unwrap_or(month);
    if march < month {
        march
    } else {
        march.plus(-12)
    }
}

/// Whether an indicator's previous-6-months column sums its percentages'
/// counts (`cumulative`, which only a period indicator can be) rather than
/// averaging them (indicators.md, "Previous 6 months").
pub(crate) fn previous_is_cumulative(definition: &Definition, mode: PreviousMode) -> bool {
    mode == PreviousMode::Cumulative && definition.timing == Timing::Period
}

/// The previous-6-months column's heading as the page shows it: whether
/// its counts are summed or averaged, and, when fewer than six months had a
/// headline (`Previous::months`), how many did.
pub fn previous_heading(definition: &Definition, mode: PreviousMode, months: usize) -> String {
    let kind = if previous_is_cumulative(definition, mode) {
        "cumulative"
    } else {
        "average"
    };
    if months < 6 {
        format!("Prev. 6 months {kind} ({months} of 6 months)")
    } else {
        format!("Prev. 6 months {kind}")
    }
}

/// The year-to-date column's heading as the page shows it: April to the
/// month, and how many months had a headline when not all did.
pub fn year_to_date_heading(month: Month, months: usize) -> String {
    let from = financial_year_start(month);
    let all = usize::try_from((i32::from(month.number()) - 4).rem_euclid(12) + 1).unwrap_or(12);
    let span = format!("Year to date, {}–{}", from.label(), month.label());
    if months < all {
        format!("{span} ({months} of {all} months)")
    } else {
        span
    }
}

/// indicators.md, "Previous 6 months", and history.md's year to date
/// (combined "exactly as the previous-6-months column combines its
/// months"): percentages are Σnum ÷ Σden over the months where both have
/// values; counts are sums (cumulative) or monthly means; every other
/// measure is the mean of its monthly values.
fn combine_months(
    definition: &'static Definition,
    months: &[&Chosen],
    cumulative: bool,
) -> Previous {
    let column = |index: usize| -> Vec<f64> {
        months
            .iter()
            .filter_map(|m| m.la.get(index).copied().flatten())
            .collect()
    };
    let index_of = |name: &str| definition.measure(name).unwrap_or(usize::MAX);
    let paired = |num: &str, den: &str| -> (f64, f64, usize) {
        let (n, d) = (index_of(num), index_of(den));
        months
            .iter()
            .filter_map(|m| {
                Some((
                    m.la.get(n).copied().flatten()?,
                    m.la.get(d).copied().flatten()?,
                ))
            })
            .fold((0.0, 0.0, 0), |(sn, sd, k), (a, b)| (sn + a, sd + b, k + 1))
    };
    let mut headline_months = 0;
    let values = definition
        .measures
        .iter()
        .enumerate()
        .map(|(index, measure)| {
            let (value, used) = match measure.kind {
                MeasureKind::Percent { num, den } => {
                    let (sn, sd, k) = paired(num, den);
                    let value = (k > 0 && sd != 0.0).then(|| sn * 100.0 / sd);
                    (value, k)
                }
                // "The counts shown beside it": only a percentage's parts sum.
                MeasureKind::Count | MeasureKind::Hidden
                    if cumulative && is_percentage_part(definition, measure.name) =>
                {
                    let values = column(index);
                    (
                        (!values.is_empty()).then(|| values.iter().sum()),
                        values.len(),
                    )
                }
                _ => {
                    let values = column(index);
                    let mean = (!values.is_empty())
                        .then(|| values.iter().sum::<f64>() / values.len() as f64);
                    (mean, values.len())
                }
            };
            if measure.name == definition.headline {
                headline_months = used;
            }
            value
        })
        .collect();
    Previous {
        values: Values {
            definition,
            values,
            source: Source::of_months(months.iter().map(|m| m.source)),
        },
        months: headline_months,
    }
}

/// Whether a measure is the numerator or denominator of a percentage.
fn is_percentage_part(definition: &Definition, name: &str) -> bool {
    definition
        .measures
        .iter()
        .any(|m| matches!(m.kind, MeasureKind::Percent { num, den } if num == name || den == name))
}

/// inputs.md, "Bad input": teams not in the team table ("Unmapped team"),
/// once per team with its first file and row and how many rows use it.
fn unmapped_teams(dataset: &Dataset, areas: &Areas) -> Vec<Problem> {
    // A folded name maps to one area, so a team's spellings are all
    // unmapped or none is: the first spelling stands for them.
    dataset
        .team_uses()
        .iter()
        .filter(|used| areas.is_unmapped(&used.team))
        .map(|used| {
            let team = &used.team;
            Problem::cell(
                &dataset.file_name(used.file),
                used.row,
                "Team",
                team,
                ProblemCode::UnmappedTeam,
                Severity::Warning,
                format!(
                    "Unmapped team: `{team}` ({}) is not in the team table; add it in the settings or a teams file",
                    crate::format::count_of(used.rows, "row", "rows")
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// The shipped example's files, and its settings with its teams file.
    fn example() -> Loaded {
        let (inputs, settings) = example_inputs();
        load(&inputs, settings, Date::new(2026, 11, 26).unwrap(), |_| {})
    }

    /// The shipped example's CSV files in name order, and its settings.
    fn example_inputs() -> (Vec<InputFile>, Settings) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join("examples/dec-2017");
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        names.sort();
        let mut settings = Settings::default();
        let mut inputs = Vec::new();
        for path in names {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let bytes = std::fs::read(&path).unwrap();
            if name == "scorecard-settings.json" {
                settings = Settings::from_json(std::str::from_utf8(&bytes).unwrap()).unwrap();
            } else if name.ends_with(".csv") {
                inputs.push(InputFile {
                    name,
                    bytes,
                    overrides: FileOverrides::default(),
                });
            }
        }
        (inputs, settings)
    }

    /// Every other input read as the second worker reads it and taken back
    /// (`add_transferred`), the odd ones then the even ones, so every kind
    /// of the example crosses: the same files, merged records with their
    /// sources, summaries and figures as every input read here.
    #[test]
    fn inputs_read_by_another_worker_give_the_same_scorecard() {
        let (inputs, settings) = example_inputs();
        let today = Date::new(2026, 11, 26).unwrap();
        let here = load(&inputs, settings.clone(), today, |_| {});
        let here_dataset = format!("{:?}", here.dataset);
        let december = Month::parse("2017-12");
        let card = |loaded: &Loaded| {
            compute(loaded, &loaded.settings, december)
                .unwrap()
                .with_drills()
        };
        for parity in [1, 0] {
            let mut loader = Loader::new(today);
            let mut transferred = 0;
            for (index, input) in inputs.iter().enumerate() {
                let read_elsewhere =
                    load_files(&input.name, &input.bytes, 0, &input.overrides, today);
                match transfer::encode(&read_elsewhere) {
                    Some(bytes) if index % 2 == parity => {
                        loader
                            .add_transferred(&input.name, input.bytes.len(), &bytes, |_| {})
                            .unwrap();
                        transferred += 1;
                    }
                    _ => loader.add(input, |_| {}),
                }
            }
            let shared = loader.finish(settings.clone(), |_| {});
            assert!(
                transferred >= inputs.len() / 2 - 1,
                "{transferred} of {}",
                inputs.len()
            );
            assert_eq!(format!("{:?}", shared.files), format!("{:?}", here.files));
            // Before any compute: a compute fills the dataset's caches.
            assert!(format!("{:?}", shared.dataset) == here_dataset);
            assert_eq!(summaries(&shared), summaries(&here));
            assert_eq!(card(&shared), card(&here));
        }
    }

    /// Every counting setting away from its default, each in a way that
    /// changes the example's December 2017 figures.
    fn every_counting_setting_changed(settings: &Settings) -> Vec<(&'static str, Settings)> {
        let edit = |what: &'static str, change: fn(&mut Settings)| {
            let mut edited = settings.clone();
            change(&mut edited);
            (what, edited)
        };
        vec![
            edit("team types", |s| {
                for row in &mut s.teams {
                    row.team_type = Some("Other".into());
                }
            }),
            // A worker of the example's read as a placeholder.
            edit("placeholders", |s| {
                s.unallocated_placeholders.push("Worker 526".into())
            }),
            edit("unallocated days", |s| s.unallocated_min_days = 0),
            edit("assessment days", |s| s.assessment_working_days = 20),
            edit("start day counts", |s| s.start_day_counts = true),
            edit("bank holidays", |s| {
                s.extra_bank_holidays = (1..=30)
                    .filter_map(|day| Date::new(2017, 11, day).ok())
                    .collect();
            }),
            edit("adoption A1 window", |s| s.adoption_a1_window_months = 6),
            edit("adoption A2 window", |s| s.adoption_a2_window_months = 6),
            edit("eligible children", |s| s.exclude_eligible_children = false),
            edit("caseload basis", |s| {
                s.caseload_basis = crate::settings::Basis::Headcount
            }),
            edit("agency basis", |s| {
                s.agency_basis = crate::settings::Basis::Headcount
            }),
        ]
    }

    #[test]
    fn reading_one_by_one_gives_what_reading_all_gives() {
        let file = |name: &str, text: &str| InputFile {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
            overrides: FileOverrides::default(),
        };
        let inputs = vec![
            file(
                "list7_2017-12-31.csv",
                "Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date,Allocated Team\nA,01/01/2017,,East\n",
            ),
            file("teams.csv", "Team,Area,Team Type\nEast,EAST,Safeguarding\n"),
        ];
        let today = Date::new(2026, 11, 26).unwrap();
        let all = load(&inputs, Settings::default(), today, |_| {});
        let mut made = Vec::new();
        let mut steps = Vec::new();
        let lazily = load(
            inputs
                .iter()
                .cloned()
                .inspect(|input| made.push(input.name.clone())),
            Settings::default(),
            today,
            |step| {
                if let LoadStep::Reading {
                    index, done_bytes, ..
                } = step
                {
                    steps.push((index, done_bytes));
                }
            },
        );
        assert_eq!(made, ["list7_2017-12-31.csv", "teams.csv"]);
        assert_eq!(steps, [(0, 0), (1, 114)]);
        // The teams file is input 1 either way, and imported the same.
        assert_eq!(lazily.imports, all.imports);
        assert_eq!(lazily.settings, all.settings);
        let json = |loaded: &Loaded| {
            serde_json::to_string(
                &compute(loaded, &loaded.settings, Month::parse("2017-12"))
                    .map(|c| c.with_drills())
                    .unwrap(),
            )
            .unwrap()
        };
        assert_eq!(json(&lazily), json(&all));
    }

    #[test]
    fn an_indicator_sees_every_counting_setting_it_needs() {
        // Were an indicator to read a setting its `reads` leaves out, it
        // would count with the default here and differ from being given
        // the whole settings.
        let loaded = example();
        let december = Month::parse("2017-12");
        let json = |card: &Scorecard| serde_json::to_string(card).unwrap();
        let base = json(
            &compute(&loaded, &loaded.settings, december)
                .map(|c| c.with_drills())
                .unwrap(),
        );
        for (what, edited) in every_counting_setting_changed(&loaded.settings) {
            let projected = json(
                &compute(&loaded, &edited, december)
                    .map(|c| c.with_drills())
                    .unwrap(),
            );
            assert!(projected != base, "{what} changes no figure of the example");
            let (whole, drills) =
                compute_counting_with(&loaded, &edited, december, |_, s| s.clone()).unwrap();
            let whole = json(&drills.fill(whole));
            assert!(
                projected == whole,
                "{what}: not what the whole settings give"
            );
        }
    }

    #[test]
    fn loading_reports_each_file_before_reading_it_then_the_merge() {
        let file = |name: &str, text: &str| InputFile {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
            overrides: FileOverrides::default(),
        };
        let inputs = [
            file("a.csv", "Child Unique ID,Date of referral\nA,01/12/2017\n"), // 46 bytes
            file("b.csv", "x"),
        ];
        let mut steps = Vec::new();
        load(
            &inputs,
            Settings::default(),
            Date::new(2026, 11, 26).unwrap(),
            |step| {
                steps.push(match step {
                    LoadStep::Reading {
                        index,
                        name,
                        done_bytes,
                    } => format!("{index} {name} {done_bytes}"),
                    LoadStep::Merging => "merge".to_string(),
                })
            },
        );
        assert_eq!(steps, ["0 a.csv 0", "1 b.csv 46", "merge"]);
    }

    #[test]
    fn drill_down_lists_the_records_behind_the_reporting_months_counts() {
        let csv = "Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date,Allocated Team\n\
                   A,01/01/2017,,East\nB,01/02/2017,,\nC,01/01/2017,03/07/2017,East\n";
        let inputs = [InputFile {
            name: "list7_2017-12-31.csv".into(),
            bytes: csv.as_bytes().to_vec(),
            overrides: FileOverrides::default(),
        }];
        let loaded = load(
            &inputs,
            Settings::default(),
            Date::new(2026, 11, 26).unwrap(),
            |_| {},
        );
        let card = compute(&loaded, &loaded.settings, Month::parse("2017-12"))
            .map(|c| c.with_drills())
            .unwrap();
        let cp = &card.indicators[4];
        let rows: Vec<(&str, &str, u32, &str)> = cp
            .drill
            .iter()
            .map(|d| {
                (
                    d.measure.as_str(),
                    d.area.as_str(),
                    d.row,
                    d.subject.as_str(),
                )
            })
            .collect();
        // C's plan ended in July; with no team table East is Unmapped.
        assert_eq!(
            rows,
            vec![
                ("count", "Unmapped", 2, "A"),
                ("count", "Unassigned", 3, "B")
            ]
        );
        assert!(cp.drill.iter().all(|d| d.file == "list7_2017-12-31.csv"));
    }

    #[test]
    fn a_scorecard_survives_the_trip_to_and_from_a_worker() {
        // The page computes in a Web Worker and posts the result back as JSON.
        let csv = "Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date\nA,01/01/2017,\nB,01/01/2016,x\n";
        let inputs = [InputFile {
            name: "list7_2017-12-31.csv".into(),
            bytes: csv.as_bytes().to_vec(),
            overrides: FileOverrides::default(),
        }];
        let loaded = load(
            &inputs,
            Settings::default(),
            Date::new(2026, 11, 26).unwrap(),
            |_| {},
        );
        let card = compute(&loaded, &loaded.settings, Month::parse("2017-12"))
            .map(|c| c.with_drills())
            .unwrap();
        assert!(!card.problems.is_empty());
        let json = serde_json::to_string(&card).unwrap();
        let back: Scorecard = serde_json::from_str(&json).unwrap();
        assert_eq!(back, card);
        let imports: SettingsImports =
            serde_json::from_str(&serde_json::to_string(&loaded.imports).unwrap()).unwrap();
        assert_eq!(imports, loaded.imports);
    }

    #[test]
    fn baseline_is_the_latest_march_strictly_before() {
        let m = |s| Month::parse(s).unwrap();
        assert_eq!(default_baseline(m("2018-03")), m("2017-03"));
        assert_eq!(default_baseline(m("2018-04")), m("2018-03"));
        assert_eq!(default_baseline(m("2017-12")), m("2017-03"));
        assert_eq!(default_baseline(m("2018-01")), m("2017-03"));
    }

    // inputs.md, "What months a file covers": an as-at month uses an
    // extract dated in the month or up to `as_at_grace_days` after it; one
    // later than that is named, with the setting, in the notes and on the
    // page. Worked by hand: three open episodes at 31/12/2017; A (started
    // 01/06/2017) and C (01/12/2017) have no worker in the 9 January
    // extract; C has waited 30 days, so 2 unallocated.
    #[test]
    fn an_extract_nine_days_late_needs_nine_grace_days() {
        let csv = "Child Unique ID,CIN Start Date,CIN Closure Date,Allocated Worker
                   A,01/06/2017,,
B,01/07/2017,,W1
C,01/12/2017,,Unallocated
D,01/05/2017,20/07/2017,
";
        let inputs = [InputFile {
            name: "list6_cin_2018-01-09.csv".into(),
            bytes: csv.as_bytes().to_vec(),
            overrides: FileOverrides::default(),
        }];
        let loaded = load(&inputs, Settings::default(), date(2026, 11, 26), |_| {});
        let dec = Month::parse("2017-12");
        let unallocated = |card: &Scorecard| {
            let indicator = &card.indicators[0];
            (
                indicator.current.get("open_cases"),
                indicator.current.get("unallocated"),
                indicator.notes.clone(),
            )
        };
        let card = compute(&loaded, &loaded.settings, dec)
            .map(|c| c.with_drills())
            .unwrap();
        let (open, none, notes) = unallocated(&card);
        assert_eq!((open, none), (Some(3.0), None));
        let note = "List 6 is as at 09/01/2018, 9 days after Dec-17 ends; allocation needs an extract within 7 days: change `as_at_grace_days` in the settings to use it";
        assert!(notes.iter().any(|n| n == note), "{notes:?}");
        assert_eq!(card.late_extracts.len(), 1);
        let late = &card.late_extracts[0];
        assert_eq!(
            (
                late.file.as_str(),
                late.kind,
                late.days_after,
                late.grace_days
            ),
            ("list6_cin_2018-01-09.csv", Kind::List6Cin, 9, 7)
        );
        assert_eq!(late.note, note);
        // Caseloads say the same (they need the staff file too, so null).
        let caseload = card
            .indicators
            .iter()
            .find(|i| i.definition.id == "caseload")
            .unwrap();
        assert!(
            caseload.notes.iter().any(|n| n == note),
            "{:?}",
            caseload.notes
        );

        let nine = Settings {
            as_at_grace_days: 9,
            ..Settings::default()
        };
        let card = compute(&loaded, &nine, dec)
            .map(|c| c.with_drills())
            .unwrap();
        assert_eq!(unallocated(&card).1, Some(2.0));
        assert!(card.late_extracts.is_empty());
    }

    #[test]
    fn a_file_with_no_as_at_date_contributes_nothing_until_one_is_set() {
        // List 9 holds births only, and its name no date: unknown.
        let csv = "Child Unique ID,Date of Birth,Activity Status
A,01/03/1999,F1
B,01/03/1999,G4
";
        let mut inputs = vec![InputFile {
            name: "care_leavers.csv".into(),
            bytes: csv.as_bytes().to_vec(),
            overrides: FileOverrides::default(),
        }];
        let loaded = load(&inputs, Settings::default(), date(2026, 11, 26), |_| {});
        assert_eq!(loaded.files[0].as_at_source, AsAtSource::Unknown);
        assert!(!loaded.dataset.has(Kind::List9CareLeavers));
        assert!(
            loaded.files[0]
                .problems
                .iter()
                .any(|p| p.code == ProblemCode::AsAtUnknown)
        );
        assert_eq!(
            compute(&loaded, &loaded.settings, None)
                .map(|c| c.with_drills())
                .unwrap_err(),
            ScorecardError::NoMonth
        );
        let card = compute(&loaded, &loaded.settings, Month::parse("2017-12"))
            .map(|c| c.with_drills())
            .unwrap();
        let eet = card
            .indicators
            .iter()
            .find(|i| i.definition.id == "care_leavers_eet")
            .unwrap();
        assert_eq!(eet.missing_inputs, vec![Kind::List9CareLeavers]);
        assert!(
            eet.notes.iter().any(|n| n == "care_leavers.csv is List 9 but has no as-at date, so it is not used: set its date (on the page, or `--as-at care_leavers.csv=YYYY-MM-DD`)"),
            "{:?}",
            eet.notes
        );
        // Set: the file counts (1 of 2 care leavers aged 18 in EET).
        inputs[0].overrides.as_at = Date::new(2017, 12, 31).ok();
        let loaded = load(&inputs, Settings::default(), date(2026, 11, 26), |_| {});
        let card = compute(&loaded, &loaded.settings, None)
            .map(|c| c.with_drills())
            .unwrap();
        let eet = card
            .indicators
            .iter()
            .find(|i| i.definition.id == "care_leavers_eet")
            .unwrap();
        assert_eq!(eet.current.get("percent"), Some(50.0));
    }

    #[test]
    fn default_month_ends_on_or_before_the_latest_as_at() {
        let mut dataset = Dataset::default();
        dataset.latest_as_at = Date::new(2017, 12, 31).ok();
        assert_eq!(default_month(&dataset), Month::parse("2017-12"));
        dataset.latest_as_at = Date::new(2018, 1, 5).ok();
        assert_eq!(default_month(&dataset), Month::parse("2017-12"));
    }

    #[test]
    fn previous_six_months_heading() {
        use crate::indicators::cp_plans::DEFINITION as CP;
        use crate::indicators::re_referrals::DEFINITION as RE;
        // Re-referrals is a period indicator: cumulative sums its counts.
        assert_eq!(
            previous_heading(&RE, PreviousMode::Cumulative, 6),
            "Prev. 6 months cumulative"
        );
        assert_eq!(
            previous_heading(&RE, PreviousMode::Average, 6),
            "Prev. 6 months average"
        );
        assert_eq!(
            previous_heading(&RE, PreviousMode::Cumulative, 4),
            "Prev. 6 months cumulative (4 of 6 months)"
        );
        // CP plans is a snapshot: never cumulative, whatever the setting.
        assert_eq!(
            previous_heading(&CP, PreviousMode::Cumulative, 6),
            "Prev. 6 months average"
        );
        assert_eq!(
            previous_heading(&CP, PreviousMode::Average, 0),
            "Prev. 6 months average (0 of 6 months)"
        );
        // More than six (never made, but not "of 6").
        assert_eq!(
            previous_heading(&CP, PreviousMode::Average, 7),
            "Prev. 6 months average"
        );
        assert!(previous_is_cumulative(&RE, PreviousMode::Cumulative));
        assert!(!previous_is_cumulative(&RE, PreviousMode::Average));
        assert!(!previous_is_cumulative(&CP, PreviousMode::Cumulative));
    }

    /// A month's LA figures for `combine_months`, from the extracts.
    fn month_of(la: Vec<Option<f64>>) -> Chosen {
        let source = la.iter().any(Option::is_some).then_some(Source::Extracts);
        Chosen {
            la,
            areas: Vec::new(),
            source,
        }
    }

    #[test]
    fn the_year_to_date_runs_from_april() {
        let month = |text: &str| Month::parse(text).unwrap();
        assert_eq!(financial_year_start(month("2017-12")), month("2017-04"));
        assert_eq!(financial_year_start(month("2018-03")), month("2017-04"));
        assert_eq!(financial_year_start(month("2017-04")), month("2017-04"));
        assert_eq!(
            year_to_date_heading(month("2017-12"), 9),
            "Year to date, Apr-17–Dec-17"
        );
        assert_eq!(
            year_to_date_heading(month("2018-03"), 7),
            "Year to date, Apr-17–Mar-18 (7 of 12 months)"
        );
        assert_eq!(
            year_to_date_heading(month("2017-04"), 1),
            "Year to date, Apr-17–Apr-17"
        );
    }

    #[test]
    fn previous_six_months_rules() {
        use crate::indicators::cp_plans::DEFINITION as CP;
        use crate::indicators::re_referrals::DEFINITION as RE;
        // Re-referrals (cumulative): 2 of 10 and 3 of 20, and a month without values.
        let a = month_of(vec![Some(2.0), Some(10.0), Some(20.0)]);
        let b = month_of(vec![Some(3.0), Some(20.0), Some(15.0)]);
        let none = month_of(vec![None, None, None]);
        let previous = combine_months(&RE, &[&a, &b, &none], true);
        assert_eq!(previous.values.get("re_referrals"), Some(5.0));
        assert_eq!(previous.values.get("referrals"), Some(30.0));
        // 5 ÷ 30, not the mean of 20% and 15%.
        assert_eq!(previous.values.get("percent"), Some(500.0 / 30.0));
        assert_eq!(previous.months, 2);
        assert_eq!(previous.values.source, Some(Source::Extracts));
        let averaged = combine_months(&RE, &[&a, &b], false);
        assert_eq!(averaged.values.get("referrals"), Some(15.0));
        // Rates are the mean of monthly rates.
        let c = month_of(vec![Some(10.0), Some(30.0)]);
        let mut d = month_of(vec![Some(20.0), Some(40.0)]);
        let cp = combine_months(&CP, &[&c, &d], false);
        assert_eq!(cp.values.get("count"), Some(15.0));
        assert_eq!(cp.values.get("rate_per_10k"), Some(35.0));
        // One month published: the column rests on the history.
        d.source = Some(Source::History);
        let cp = combine_months(&CP, &[&c, &d], false);
        assert_eq!(cp.values.source, Some(Source::History));
        // Nothing known: no source.
        assert_eq!(combine_months(&CP, &[&none], false).values.source, None);
    }
}
