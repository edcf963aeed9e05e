//! Files that need the analyst, flagged at the top with the control that
//! fixes each (inputs.md, "As-at date of a file" and "What months a file
//! covers"):
//!
//! - a file (or a workbook's sheets) with no as-at date counts for nothing
//!   until one is set: a date box for it (one for all of a workbook's);
//! - an extract dated too long after the month for its allocation or
//!   care-leaver activity: the engine's sentence naming the setting, a
//!   button that allows that many days, and a date box to re-date it.
//!
//! Reads what the engine said (`files`, `late_extracts`); decides nothing.

use leptos::prelude::*;

use crate::domain::file_list::{group_by_input, needs_as_at};
use crate::domain::format;
use crate::domain::scorecard::LateExtract;
use crate::ui::engine::Engine;
use crate::ui::file_list::date_of;
use crate::ui::state::AppState;

/// One input whose files have no as-at date: the input and those files.
#[derive(Clone, Debug, PartialEq)]
struct Undated {
    input: String,
    workbook: bool,
    files: Vec<String>,
}

#[component]
pub(crate) fn AsAtAttention(state: AppState) -> impl IntoView {
    let undated = Memo::new(move |_| {
        state.files.with(|files| {
            group_by_input(files)
                .into_iter()
                .filter_map(|group| {
                    let files: Vec<String> = group
                        .files
                        .iter()
                        .filter(|f| needs_as_at(f))
                        .map(|f| f.name.clone())
                        .collect();
                    (!files.is_empty()).then_some(Undated {
                        input: group.input,
                        workbook: group.workbook,
                        files,
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let late = Memo::new(move |_| {
        state.scorecard.with(|card| {
            card.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|card| card.late_extracts.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <Show when=move || !undated.with(Vec::is_empty) || !late.with(Vec::is_empty)>
            <section class="attention" data-testid="attention" aria-labelledby="attention-title">
                <h2 id="attention-title">"Files that need you"</h2>
                <ul>
                    <For
                        each=move || undated.get()
                        key=|u| (u.input.clone(), u.files.clone())
                        children=move |u| view! { <UndatedItem undated=u/> }
                    />
                    <For
                        each=move || late.get()
                        key=|l| (l.file.clone(), l.as_at, l.grace_days)
                        children=move |l| view! { <LateItem state=state late=l/> }
                    />
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn UndatedItem(undated: Undated) -> impl IntoView {
    let engine = expect_context::<Engine>();
    let Undated {
        input,
        workbook,
        files,
    } = undated;
    let what = if workbook {
        format!(
            "{input}: {} ({}) {} no as-at date",
            format::count_of(files.len(), "sheet", "sheets"),
            files
                .iter()
                .filter_map(|f| f.split_once(crate::domain::ingest::SHEET_SEPARATOR))
                .map(|(_, sheet)| sheet)
                .collect::<Vec<_>>()
                .join(", "),
            if files.len() == 1 { "has" } else { "have" }
        )
    } else {
        format!("{input} has no as-at date")
    };
    let label = if workbook {
        format!("As-at date of {input}'s undated sheets")
    } else {
        format!("As-at date of {input}")
    };
    view! {
        <li data-attention=input.clone() data-reason="unknown">
            {what}
            ": neither its name nor any date column says when it was extracted, so it counts for nothing until you say. "
            <label>
                "As at "
                <input
                    type="date"
                    aria-label=label
                    on:change=move |ev| engine.set_as_at(&files, date_of(&ev))
                />
            </label>
        </li>
    }
}

#[component]
fn LateItem(state: AppState, late: LateExtract) -> impl IntoView {
    let engine = expect_context::<Engine>();
    let LateExtract {
        file,
        days_after,
        note,
        ..
    } = late;
    let redate = file.clone();
    view! {
        <li data-attention=file.clone() data-reason="late">
            {format!("{file}: {note}. ")}
            <button
                type="button"
                class="button small"
                data-testid="allow-grace"
                on:click=move |_| state.settings.update(|s| s.as_at_grace_days = days_after)
            >
                {format!("Allow {days_after} days")}
            </button>
            " or "
            <label>
                "set its as-at date "
                <input
                    type="date"
                    aria-label=format!("As-at date of {file}")
                    on:change=move |ev| engine.set_as_at(std::slice::from_ref(&redate), date_of(&ev))
                />
            </label>
        </li>
    }
}
