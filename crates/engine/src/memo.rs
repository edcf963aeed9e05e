//! Memoised month counts: what `scorecard::compute` keeps between
//! calls, so a month change or a settings edit recounts only what it must.
//!
//! Owner: [`crate::scorecard::Loaded`] holds one [`FiguresCache`]
//! beside the records it was computed from; it lives and dies with them
//! (the page's worker and its on-page fallback keep the `Loaded`, so they
//! keep the cache without knowing it). The records never change after
//! `load`, so only the settings can make an entry stale.
//!
//! What invalidates it: an indicator's counts are a function of the
//! records and its counting settings (`Definition::counting_settings`:
//! the few settings it reads, the rest at their defaults), so each
//! indicator's entries are keyed by those and emptied, that indicator's
//! only, when they change. The team table's areas, populations, targets,
//! tolerances, polarity, benchmarks, previous-months mode, baseline month,
//! the LA's name and marking and `suppress_below` are applied on read and
//! keep every entry; bank holidays recount indicator 3, the placeholders
//! indicators 1 and 13, a team type indicator 13, and so on.
//!
//! What it holds: each indicator's [`MonthCounts`] by month (a month
//! change shifts the 13-month window by one, so twelve months are already
//! there), with the drill-down only for the month last reported (the other
//! months' records are dropped, so memory stays one drill-down per
//! indicator).

use std::sync::{Arc, Mutex, MutexGuard};

use rustc_hash::FxHashMap;

use crate::indicators::{Context, Definition, MonthCounts};
use crate::month::Month;
use crate::settings::Settings;

/// Month counts kept between computes of one loaded data set.
#[derive(Debug, Default)]
pub struct FiguresCache {
    // A mutex, not a `RefCell`, so `Loaded` stays `Sync` (the page shares
    // it in an `Arc`); nothing contends for it.
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Per indicator, the counting settings its entries were counted with.
    keys: FxHashMap<&'static str, Settings>,
    counts: FxHashMap<(&'static str, Month), Entry>,
    /// Per indicator, the month whose entry holds its drill-down.
    drilled: FxHashMap<&'static str, Month>,
    /// How many months have been counted since the cache was made.
    counted: usize,
}

#[derive(Debug)]
struct Entry {
    counts: Arc<MonthCounts>,
    /// Whether `counts.drill` was kept (the reporting month's).
    drilled: bool,
}

impl FiguresCache {
    /// Opens the cache for one compute.
    pub(crate) fn session(&self) -> Session<'_> {
        // A poisoned lock means a compute panicked half-way: start afresh.
        let state = match self.state.lock() {
            Ok(state) => state,
            Err(poisoned) => {
                let mut state = poisoned.into_inner();
                *state = State {
                    counted: state.counted,
                    ..State::default()
                };
                state
            }
        };
        Session { state }
    }

    /// How many (indicator, month) counts are kept.
    pub fn len(&self) -> usize {
        self.state.lock().map_or(0, |state| state.counts.len())
    }

    /// How many (indicator, month) counts have been computed in all: what
    /// tests and benchmarks read to see what an edit recounted.
    pub fn counted(&self) -> usize {
        self.state.lock().map_or(0, |state| state.counted)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets everything (frees the memory; the next compute recounts).
    pub fn clear(&self) {
        if let Ok(mut state) = self.state.lock() {
            *state = State {
                counted: state.counted,
                ..State::default()
            };
        }
    }
}

/// The cache held for one compute.
pub struct Session<'c> {
    state: MutexGuard<'c, State>,
}

impl Session<'_> {
    /// An indicator's counts for `month`, counted once per counting
    /// settings (`context.settings`, which must be the indicator's
    /// `counting_settings`); `drill` asks for the records behind the
    /// counts too.
    pub fn counts(
        &mut self,
        definition: &'static Definition,
        context: &Context<'_>,
        month: Month,
        drill: bool,
    ) -> Arc<MonthCounts> {
        let id = definition.id;
        if self.state.keys.get(id) != Some(context.settings) {
            self.forget(id);
            self.state.keys.insert(id, context.settings.clone());
        }
        if let Some(entry) = self.state.counts.get(&(id, month)) {
            if entry.drilled || !drill {
                return Arc::clone(&entry.counts);
            }
        }
        context.drill.set(drill);
        let counts = Arc::new((definition.compute)(context, month));
        context.drill.set(false);
        self.state.counted += 1;
        if drill {
            if let Some(before) = self.state.drilled.insert(id, month) {
                if before != month {
                    self.forget_drill(id, before);
                }
            }
        }
        self.state.counts.insert(
            (id, month),
            Entry {
                counts: Arc::clone(&counts),
                drilled: drill,
            },
        );
        counts
    }

    /// Drops every month counted for indicator `id`.
    fn forget(&mut self, id: &'static str) {
        self.state.counts.retain(|(entry_id, _), _| *entry_id != id);
        self.state.drilled.remove(id);
    }

    /// Drops the drill-down kept for `(id, month)`: only the reporting
    /// month shows one.
    fn forget_drill(&mut self, id: &'static str, month: Month) {
        if let Some(entry) = self.state.counts.get_mut(&(id, month)) {
            entry.counts = Arc::new(entry.counts.without_drill());
            entry.drilled = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::areas::Areas;
    use crate::calendar::Calendar;
    use crate::indicators::{assessments_in_timescale, testing::Fixture, unallocated_cases};

    const LIST4: &str = "Child Unique ID,Continuous Assessment Start Date,Continuous Assessment Date of Authorisation,Allocated Team\n\
        C1,01/11/2017,10/11/2017,East Assessment\n";

    #[test]
    fn an_indicators_counts_are_kept_until_its_own_counting_settings_change() {
        let fixture = Fixture::new(&[("list4_2017-11-30.csv", LIST4)]);
        let cache = FiguresCache::default();
        let month = Month::parse("2017-11").unwrap();
        let calendar = Calendar::new(&[]);
        let areas = Areas::new(&Settings::default());
        let count = |settings: &Settings, definition: &'static Definition| {
            let counting = definition.counting_settings(settings);
            let context = Context::new(&fixture.data, &counting, &calendar, &areas);
            cache.session().counts(definition, &context, month, false)
        };
        let assessments = &assessments_in_timescale::DEFINITION;
        let unallocated = &unallocated_cases::DEFINITION;
        let first = count(&fixture.settings, assessments);
        count(&fixture.settings, unallocated);
        assert_eq!(cache.len(), 2);
        // A placeholder is indicator 1's setting: indicator 3's count stays.
        let mut edited = fixture.settings.clone();
        edited.unallocated_placeholders.push("vacant".into());
        edited.areas.clear();
        assert!(Arc::ptr_eq(&first, &count(&edited, assessments)));
        assert_eq!(cache.counted(), 2, "indicator 3 is not recounted");
        count(&edited, unallocated);
        assert_eq!(cache.counted(), 3, "indicator 1 is");
        assert_eq!(cache.len(), 2);
        // Its own day limit recounts it.
        edited.assessment_working_days = 10;
        assert!(!Arc::ptr_eq(&first, &count(&edited, assessments)));
    }
}
