//! Memoised month figures: what `scorecard::compute_with` keeps between
//! calls, so a month change or a rating setting does not recount the files.
//!
//! Owner: [`crate::domain::scorecard::Loaded`] holds one [`FiguresCache`]
//! beside the records it was computed from; it lives and dies with them
//! (the page's worker and its on-page fallback keep the `Loaded`, so they
//! keep the cache without knowing it). The records never change after
//! `load`, so only the settings can make an entry stale.
//!
//! What invalidates it: any change in the settings that can change a count
//! ([`counting_key`]: teams and areas, populations, bank holidays,
//! placeholders, day limits, windows, bases...). Such a change empties it
//! whole at the next compute. Targets, tolerances, polarity, benchmarks,
//! previous-months mode and baseline month (the per-indicator overrides),
//! the LA's name and marking, and `suppress_below` only change how the
//! counts are rated and shown, so they keep it.
//!
//! What it holds: each indicator's [`MonthFigures`] by month (a month
//! change shifts the 13-month window by one, so twelve months are already
//! there), with the drill-down only for the month last reported (the other
//! months' records are dropped, so memory stays one drill-down per
//! indicator).

use std::sync::{Arc, Mutex, MutexGuard};

use rustc_hash::FxHashMap;

use crate::domain::indicators::{Context, Definition, MonthFigures};
use crate::domain::month::Month;
use crate::domain::settings::Settings;

/// Month figures kept between computes of one loaded data set.
#[derive(Debug, Default)]
pub struct FiguresCache {
    // A mutex, not a `RefCell`, so `Loaded` stays `Sync` (the page shares
    // it in an `Arc`); nothing contends for it.
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// The counting settings the entries were computed with.
    key: Option<Settings>,
    figures: FxHashMap<(&'static str, Month), Entry>,
    /// Per indicator, the month whose entry holds its drill-down.
    drilled: FxHashMap<&'static str, Month>,
}

#[derive(Debug)]
struct Entry {
    figures: Arc<MonthFigures>,
    /// Whether `figures.drill` was kept (the reporting month's).
    drilled: bool,
}

/// The settings with everything that cannot change a count set to its
/// default: two settings with equal keys give equal month figures.
pub fn counting_key(settings: &Settings) -> Settings {
    let neutral = Settings::default();
    Settings {
        la_name: neutral.la_name,
        protective_marking: neutral.protective_marking,
        indicators: neutral.indicators,
        population_year: neutral.population_year,
        suppress_below: neutral.suppress_below,
        ..settings.clone()
    }
}

impl FiguresCache {
    /// Opens the cache for one compute with `settings`, emptying it first
    /// when they count differently from the entries'.
    pub fn session(&self, settings: &Settings) -> Session<'_> {
        // A poisoned lock means a compute panicked half-way: start afresh.
        let mut state = match self.state.lock() {
            Ok(state) => state,
            Err(poisoned) => {
                let mut state = poisoned.into_inner();
                *state = State::default();
                state
            }
        };
        let key = counting_key(settings);
        if state.key.as_ref() != Some(&key) {
            *state = State {
                key: Some(key),
                ..State::default()
            };
        }
        Session { state }
    }

    /// How many (indicator, month) figures are kept.
    pub fn len(&self) -> usize {
        self.state.lock().map_or(0, |state| state.figures.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets everything (frees the memory; the next compute recounts).
    pub fn clear(&self) {
        if let Ok(mut state) = self.state.lock() {
            *state = State::default();
        }
    }
}

/// The cache held for one compute.
pub struct Session<'c> {
    state: MutexGuard<'c, State>,
}

impl Session<'_> {
    /// An indicator's figures for `month`, counted once per counting
    /// settings; `drill` asks for the records behind the counts too.
    pub fn figures(
        &mut self,
        definition: &'static Definition,
        context: &Context<'_>,
        month: Month,
        drill: bool,
    ) -> Arc<MonthFigures> {
        let id = definition.id;
        if let Some(entry) = self.state.figures.get(&(id, month)) {
            if entry.drilled || !drill {
                return Arc::clone(&entry.figures);
            }
        }
        context.drill.set(drill);
        let figures = Arc::new((definition.compute)(context, month));
        context.drill.set(false);
        if drill {
            if let Some(before) = self.state.drilled.insert(id, month) {
                if before != month {
                    self.forget_drill(id, before);
                }
            }
        }
        self.state.figures.insert(
            (id, month),
            Entry {
                figures: Arc::clone(&figures),
                drilled: drill,
            },
        );
        figures
    }

    /// Drops the drill-down kept for `(id, month)`: only the reporting
    /// month shows one.
    fn forget_drill(&mut self, id: &'static str, month: Month) {
        if let Some(entry) = self.state.figures.get_mut(&(id, month)) {
            let figures = &entry.figures;
            entry.figures = Arc::new(MonthFigures {
                la: figures.la.clone(),
                areas: figures.areas.clone(),
                notes: figures.notes.clone(),
                problems: figures.problems.clone(),
                drill: Vec::new(),
            });
            entry.drilled = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_counting_settings_are_in_the_key() {
        let base = Settings::default();
        let mut rated = base.clone();
        rated.la_name = "Example".into();
        rated.suppress_below = Some(5);
        rated
            .indicators
            .insert("cp_plans".into(), Default::default());
        assert_eq!(counting_key(&rated), counting_key(&base));
        let mut counted = base.clone();
        counted.unallocated_min_days = 8;
        assert_ne!(counting_key(&counted), counting_key(&base));
    }
}
