//! The histories among the files given (history.md): each read (its wrong
//! entries reported on the file, a refused one made unreadable in one
//! sentence), all merged month by month (the file whose month lost told
//! which won), and what the Data quality view says about them: a history
//! of another authority, and every restatement.
//!
//! Owns: turning history files into the scorecard's one history and its
//! problems. Must not: decide which figures are shown (`sources`) or
//! how a history reads (`history`).

use crate::diagnostics::{Problem, ProblemCode, Severity};
use crate::history::{self, History};
use crate::ingest::{Content, LoadedFile};
use crate::settings::Settings;
use crate::sources::Restatement;

/// Reads every history among `files` (by position), in order. Its text is
/// dropped once read.
pub(crate) fn read(files: &mut [LoadedFile]) -> Vec<(usize, History)> {
    let mut read = Vec::new();
    for (index, file) in files.iter_mut().enumerate() {
        let Content::History { text, csv } = &mut file.content else {
            continue;
        };
        let text = std::mem::take(text);
        let parsed = if *csv {
            Ok(history::read_csv(&text))
        } else {
            history::read(&text).map_err(|refused| refused.to_string())
        };
        match parsed {
            Ok((held, left_out)) => {
                file.rows = held.months.len();
                file.problems
                    .extend(left_out.into_iter().map(|entry| Problem {
                        file: file.name.clone(),
                        row: None,
                        column: entry.path,
                        value: entry.value,
                        message: format!("left out of the history: {}", entry.why),
                        code: ProblemCode::HistoryEntryLeftOut,
                        severity: Severity::Warning,
                    }));
                read.push((index, held));
            }
            Err(why) => {
                file.problems.push(Problem::file(
                    &file.name,
                    ProblemCode::UnreadableFile,
                    Severity::Error,
                    why.clone(),
                ));
                file.error = Some(why);
            }
        }
    }
    read
}

/// The histories merged, in the order given (history.md, "Several
/// histories"); where two held a month with different figures, the file
/// whose month lost is told which won.
pub(crate) fn merge(files: &mut [LoadedFile], histories: &[(usize, History)]) -> History {
    if histories.is_empty() {
        return History::default();
    }
    let all: Vec<History> = histories.iter().map(|(_, held)| held.clone()).collect();
    let (merged, choices) = history::merge(&all);
    for choice in choices {
        let (Some((kept, kept_history)), Some((dropped, _))) =
            (histories.get(choice.kept), histories.get(choice.dropped))
        else {
            continue;
        };
        let kept_name = files.get(*kept).map(|f| f.name.clone()).unwrap_or_default();
        let signed = match kept_history
            .months
            .get(&choice.month)
            .and_then(|entry| entry.signed_off)
        {
            Some(date) => format!(" (signed off {})", crate::format::date(date)),
            None => String::new(),
        };
        if let Some(file) = files.get_mut(*dropped) {
            file.problems.push(Problem::file(
                &file.name,
                ProblemCode::HistoryMonthReplaced,
                Severity::Info,
                format!(
                    "{}: this file's figures differ from {kept_name}'s{signed}, which are used",
                    choice.month.label()
                ),
            ));
        }
    }
    merged
}

/// What the Data quality view says about the history: one line per
/// restatement (history.md, "Restatements"), and a history naming another
/// authority than the settings (used, with a warning).
pub(crate) fn problems(
    files: &[LoadedFile],
    histories: &[(usize, History)],
    settings: &Settings,
    restatements: &[Restatement],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, history) in histories {
        let Some(file) = files.get(*index) else {
            continue;
        };
        if !history.la_name.is_empty()
            && !settings.la_name.is_empty()
            && history.la_name.trim() != settings.la_name.trim()
        {
            problems.push(Problem::file(
                &file.name,
                ProblemCode::HistoryOtherAuthority,
                Severity::Warning,
                format!(
                    "this history is for {}, the settings for {}: its figures are used all the same",
                    history.la_name, settings.la_name
                ),
            ));
        }
    }
    let history_file = histories
        .iter()
        .filter_map(|(index, _)| Some(files.get(*index)?.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    problems.extend(restatements.iter().map(|restated| {
        let shown = |value: Option<f64>| match value {
            Some(value) => crate::format::json_number(Some(value), false).to_string(),
            None => "no value".to_string(),
        };
        let indicator = crate::indicators::by_id(&restated.indicator);
        let title = indicator.map_or(restated.indicator.as_str(), |d| d.title);
        let area = restated
            .area
            .as_deref()
            .map(|area| format!(" ({area})"))
            .unwrap_or_default();
        Problem {
            file: history_file.clone(),
            row: None,
            column: format!("{} {}", restated.indicator, restated.measure),
            value: restated.month.to_string(),
            message: format!(
                "restated: {title}, {}{area}, {} was published as {} and is now {}",
                restated.month.label(),
                restated.measure,
                shown(restated.published),
                shown(restated.now)
            ),
            code: ProblemCode::Restated,
            severity: Severity::Info,
        }
    }));
    problems
}
