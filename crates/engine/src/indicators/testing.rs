//! Test fixtures: a data set built from small CSV texts through the real
//! ingest, so indicator tests read like the files an analyst drops.

use jiff::civil::{Date, date};

use crate::areas::Areas;
use crate::calendar::Calendar;
use crate::dataset::Dataset;
use crate::ingest::{FileOverrides, load_file};
use crate::month::Month;
use crate::settings::Settings;

use super::context::Context;
use super::counts::MonthFigures;
use super::definition::Definition;

/// Teams used by the fixtures: two areas with populations, one without.
pub(crate) const TEAMS_CSV: &str = "Team,Area,Team Type\n\
East Assessment,EAST,Assessment\n\
East Safeguarding,EAST,Safeguarding\n\
West Safeguarding,WEST,Safeguarding\n\
West CiC,WEST,Children in Care\n\
Citywide,CITY,Other\n";

pub struct Fixture {
    pub data: Dataset,
    pub settings: Settings,
    pub calendar: Calendar,
    pub areas: Areas,
}

impl Fixture {
    /// Loads `(file name, csv text)` pairs plus the fixture teams, with
    /// populations EAST 1,000 and WEST 4,000 (CITY none).
    pub fn new(files: &[(&str, &str)]) -> Fixture {
        Fixture::with_settings(files, Settings::default())
    }

    pub fn with_settings(files: &[(&str, &str)], mut settings: Settings) -> Fixture {
        if settings.areas.is_empty() {
            settings.areas = serde_json::from_str(
                r#"[{"area": "EAST", "population_0_17": 1000}, {"area": "WEST", "population_0_17": 4000}, {"area": "CITY", "population_0_17": null}]"#,
            )
            .unwrap();
        }
        let mut loaded = vec![load_file(
            "teams.csv",
            TEAMS_CSV.as_bytes(),
            0,
            &FileOverrides::default(),
            today(),
        )];
        for (name, text) in files {
            let file = load_file(
                name,
                text.as_bytes(),
                loaded.len(),
                &FileOverrides::default(),
                today(),
            );
            assert!(file.error.is_none(), "{name}: {:?}", file.error);
            loaded.push(file);
        }
        let (data, imports) = Dataset::build(&mut loaded);
        let settings = imports.apply(&settings);
        let calendar = Calendar::new(&settings.extra_bank_holidays);
        let areas = Areas::new(&settings);
        Fixture {
            data,
            settings,
            calendar,
            areas,
        }
    }

    pub fn context(&self) -> Context<'_> {
        Context::new(&self.data, &self.settings, &self.calendar, &self.areas)
    }

    /// One month's figures of an indicator, counted as a scorecard counts
    /// them (with its counting settings only) and derived with the whole
    /// settings.
    pub fn figures(&self, definition: &Definition, month: &str) -> MonthFigures {
        let counting = definition.counting_settings(&self.settings);
        let calendar = Calendar::new(&counting.extra_bank_holidays);
        let areas = Areas::new(&counting);
        let context = Context::new(&self.data, &counting, &calendar, &areas);
        let counts = (definition.compute)(&context, Month::parse(month).unwrap());
        counts.figures(definition, &self.areas, &self.settings)
    }

    /// An area's slot by name (table areas, `Unmapped`, `Unassigned`).
    pub fn area(&self, name: &str) -> usize {
        (0..self.areas.slots())
            .find(|slot| self.areas.name(*slot) == name)
            .unwrap()
    }
}

pub fn today() -> Date {
    date(2026, 11, 26)
}
