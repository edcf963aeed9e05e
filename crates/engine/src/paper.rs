//! What heads every paper and what its reader must be told (outputs.md,
//! "Papers for a committee"): the report's title block from the settings,
//! the benchmark year beside the national and statistical-neighbour
//! figures, the population year under the rates, and the "Data as at"
//! line of the cover. The page's print, the Excel workbook and the Word
//! document all take their wording from here, so the three never differ.
//!
//! Owns: those sentences. Must not: compute a figure (it reads the
//! `Scorecard` and the settings) or lay anything out.

use jiff::civil::Date;

use crate::format;
use crate::indicators::MeasureKind;
use crate::schema::Kind;
use crate::scorecard::{IndicatorResult, Scorecard};
use crate::settings::Settings;

/// The title block of a paper, each line ready to print (empty lines are
/// left out by whoever lays it out).
#[derive(Clone, Debug, PartialEq)]
pub struct TitleBlock {
    /// The settings' `report_title` ("Performance scorecard").
    pub title: String,
    /// The LA and the month: "Example City · December 2017".
    pub scope: String,
    /// The settings' `report_subtitle` ("Agenda item 4"), or empty.
    pub subtitle: String,
    /// "Prepared by …" from `report_author`, or empty.
    pub author: String,
}

/// The title block of `card` with `settings`' report details.
pub fn title_block(card: &Scorecard, settings: &Settings) -> TitleBlock {
    let title = match settings.report_title.trim() {
        "" => "Performance scorecard".to_string(),
        title => title.to_string(),
    };
    let scope = if card.la_name.trim().is_empty() {
        format!("Children's services · {}", card.month.long_label())
    } else {
        format!(
            "{} children's services · {}",
            card.la_name.trim(),
            card.month.long_label()
        )
    };
    let author = match settings.report_author.trim() {
        "" => String::new(),
        author => format!("Prepared by {author}"),
    };
    TitleBlock {
        title,
        scope,
        subtitle: settings.report_subtitle.trim().to_string(),
        author,
    }
}

/// A benchmark row's heading with its year when the settings give one:
/// "National average (2015-16)".
pub fn benchmark_heading(heading: &str, result: &IndicatorResult) -> String {
    match result.benchmark_year.as_deref().map(str::trim) {
        Some(year) if !year.is_empty() => format!("{heading} ({year})"),
        _ => heading.to_string(),
    }
}

/// Whether an indicator shows a rate per 10,000 children.
pub fn has_rates(result: &IndicatorResult) -> bool {
    result
        .definition
        .measures
        .iter()
        .any(|m| matches!(m.kind, MeasureKind::Rate { .. }))
}

/// The line under an indicator's rates: "Rates per 10,000 children use
/// Mid-2016 population estimates." `None` when it shows no rate; without a
/// population year, says the estimates are the settings'.
pub fn population_note(result: &IndicatorResult, settings: &Settings) -> Option<String> {
    if !has_rates(result) {
        return None;
    }
    Some(match settings.population_year.as_deref().map(str::trim) {
        Some(year) if !year.is_empty() => {
            format!("Rates per 10,000 children use {year} population estimates.")
        }
        _ => "Rates per 10,000 children use the population estimates in the settings \
              (their year is not given)."
            .to_string(),
    })
}

/// The cover's "Data as at" line: the latest as-at date of each kind of
/// file the indicators read, kinds sharing a date named together, latest
/// date first: "Data as at 31/12/2017 (List 3, List 4, …); 30/11/2017
/// (staff)." `None` when no file the indicators read has a date.
pub fn data_as_at(card: &Scorecard) -> Option<String> {
    // (date, kind) for the latest file of each kind read by an indicator,
    // in the spec's order of kinds (List 3 before List 6, lists before
    // templates).
    let mut kinds: Vec<Kind> = card
        .indicators
        .iter()
        .flat_map(|result| result.definition.inputs.iter().copied())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    let latest: Vec<(Date, &'static str)> = kinds
        .into_iter()
        .filter_map(|kind| {
            let newest = card
                .files
                .iter()
                .filter(|f| f.error.is_none() && f.kind.as_deref() == Some(kind.id()))
                .filter_map(|f| f.as_at)
                .max()?;
            Some((newest, kind.short_name()))
        })
        .collect();
    if latest.is_empty() {
        return None;
    }
    let mut dates: Vec<Date> = latest.iter().map(|(date, _)| *date).collect();
    dates.sort_unstable_by(|a, b| b.cmp(a));
    dates.dedup();
    let groups: Vec<String> = dates
        .iter()
        .map(|date| {
            let kinds: Vec<&str> = latest
                .iter()
                .filter(|(d, _)| d == date)
                .map(|(_, kind)| *kind)
                .collect();
            format!("{} ({})", format::date(*date), kinds.join(", "))
        })
        .collect();
    Some(format!("Data as at {}.", groups.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::as_at::AsAtSource;
    use crate::month::Month;
    use crate::scorecard::{FileSummary, InputFile, compute, load};

    /// The scorecard of a one-plan List 7 for December 2017, with `files`
    /// listed in its place.
    fn card_with(files: Vec<FileSummary>) -> Scorecard {
        let mut csv = Kind::List7Cp.template_csv();
        csv.push_str("SYN1,b) Female,a) WBRI,03/01/2005,03/10/2017,,01/12/2017,East\n");
        let one_plan = InputFile {
            name: "list7_cp_2017-12-31.csv".into(),
            bytes: csv.into_bytes(),
            overrides: Default::default(),
        };
        let loaded = load(
            [one_plan],
            Settings::default(),
            Date::constant(2018, 1, 10),
            |_| {},
        );
        let mut card = compute(&loaded, &Settings::default(), Month::new(2017, 12))
            .expect("a scorecard of one file")
            .with_drills();
        card.files = files;
        card
    }

    fn file(name: &str, kind: &str, as_at: Option<Date>) -> FileSummary {
        FileSummary {
            name: name.into(),
            kind: Some(kind.into()),
            kind_name: String::new(),
            rows: 1,
            as_at,
            as_at_source: AsAtSource::FileName,
            covers_from: None,
            covers_to: None,
            problems: 0,
            error: None,
        }
    }

    #[test]
    fn data_as_at_names_each_kinds_latest_date() {
        let december = Date::constant(2017, 12, 31);
        let november = Date::constant(2017, 11, 30);
        let card = card_with(vec![
            file("list6_cin_2017-11-30.csv", "list6_cin", Some(november)),
            file("list6_cin_2017-12-31.csv", "list6_cin", Some(december)),
            file("list3.csv", "list3_referrals", Some(december)),
            file("staff.csv", "staff", Some(november)),
            // A teams file is not a list the indicators read.
            file("teams.csv", "teams", Some(Date::constant(2018, 1, 5))),
        ]);
        assert_eq!(
            data_as_at(&card).as_deref(),
            Some("Data as at 31/12/2017 (List 3, List 6); 30/11/2017 (staff).")
        );
        assert_eq!(data_as_at(&card_with(Vec::new())), None);
    }

    #[test]
    fn title_block_from_the_settings() {
        let mut card = card_with(Vec::new());
        card.la_name = "Example City".into();
        let mut settings = Settings::default();
        let block = title_block(&card, &settings);
        assert_eq!(block.title, "Performance scorecard");
        assert_eq!(
            block.scope,
            "Example City children's services · December 2017"
        );
        assert_eq!((block.subtitle.as_str(), block.author.as_str()), ("", ""));
        settings.report_title = "Children's services scorecard".into();
        settings.report_subtitle = " Agenda item 4 ".into();
        settings.report_author = "Performance team".into();
        let block = title_block(&card, &settings);
        assert_eq!(block.title, "Children's services scorecard");
        assert_eq!(block.subtitle, "Agenda item 4");
        assert_eq!(block.author, "Prepared by Performance team");
    }

    #[test]
    fn benchmark_year_and_population_year() {
        let card = card_with(Vec::new());
        let plans = card
            .indicators
            .iter()
            .find(|r| r.definition.id == "cp_plans")
            .expect("indicator 5");
        let mut plans = plans.clone();
        plans.benchmark_year = Some("2015-16".into());
        assert_eq!(
            benchmark_heading("National average", &plans),
            "National average (2015-16)"
        );
        plans.benchmark_year = None;
        assert_eq!(
            benchmark_heading("National average", &plans),
            "National average"
        );
        let settings = Settings {
            population_year: Some("Mid-2016".into()),
            ..Settings::default()
        };
        assert_eq!(
            population_note(&plans, &settings).as_deref(),
            Some("Rates per 10,000 children use Mid-2016 population estimates.")
        );
        // Re-referrals show no rate: no line.
        let re_referrals = card
            .indicators
            .iter()
            .find(|r| r.definition.id == "re_referrals")
            .expect("indicator 2");
        assert_eq!(population_note(re_referrals, &settings), None);
    }
}
