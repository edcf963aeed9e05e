//! The commentary of each indicator: the text the reader writes, kept per
//! LA, month and indicator in this browser's local storage, starting from
//! the commentary signed off in the history for that month, else the
//! engine's draft (history.md, "Sign-off": the user's own edits in this
//! browser still win). The sign-off records the text shown.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::month::Month;
use crate::domain::scorecard::{IndicatorResult, Scorecard};
use crate::domain::settings::Settings;
use crate::ui::browser;
use crate::ui::state::AppState;

fn key(card: &Scorecard, result: &IndicatorResult) -> String {
    key_of(&card.la_name, card.month, result.definition.id)
}

/// Where the commentary of an LA's indicator for a month is kept.
fn key_of(la_name: &str, month: Month, indicator: &str) -> String {
    format!("csc-scorecard:commentary:{la_name}:{month}:{indicator}")
}

/// Puts the commentaries of the commentary packs just dropped in their
/// boxes (kept as if typed, so they outlive the pack), before `card` is
/// shown, and says which changed (outputs.md, "Papers for a committee").
pub(crate) fn take_packs(state: AppState, card: &Scorecard) {
    let entries = state
        .commentary_packs
        .try_update_untracked(std::mem::take)
        .unwrap_or_default();
    if entries.is_empty() {
        return;
    }
    let shown_now = state
        .settings
        .with_untracked(|settings| shown(card, settings));
    let mut changed = Vec::new();
    let mut same = 0;
    // A blank commentary in a pack was not written: it leaves the box alone.
    for entry in entries.iter().filter(|e| !e.text.trim().is_empty()) {
        let key = key_of(&card.la_name, entry.month, &entry.indicator);
        let before = if entry.month == card.month {
            shown_now.get(&entry.indicator).cloned()
        } else {
            browser::load(&key)
        };
        if before.as_deref() == Some(entry.text.as_str()) {
            same += 1;
            continue;
        }
        browser::save(&key, &entry.text);
        let title = card
            .indicators
            .iter()
            .find(|r| r.definition.id == entry.indicator)
            .map_or(entry.indicator.clone(), |r| {
                format!("{}. {}", r.definition.number, r.definition.title)
            });
        changed.push(if entry.month == card.month {
            title
        } else {
            format!("{title} ({})", entry.month.label())
        });
    }
    let files: Vec<&str> = entries.iter().map(|e| e.file.as_str()).collect();
    let mut files = files;
    files.dedup();
    let from = files.join(", ");
    let text = match (changed.len(), same) {
        (0, _) => format!("{from}: every commentary was already as the pack has it."),
        (n, 0) => format!("{from}: {} replaced: {}.", plural(n), changed.join("; ")),
        (n, same) => format!(
            "{from}: {} replaced: {}; {same} unchanged.",
            plural(n),
            changed.join("; ")
        ),
    };
    state.notice.set(Some(text));
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 commentary".to_string()
    } else {
        format!("{n} commentaries")
    }
}

/// Where an indicator's commentary starts: the history's for the month,
/// else the engine's draft.
fn starting_text(card: &Scorecard, result: &IndicatorResult, settings: &Settings) -> String {
    result
        .published_commentary
        .clone()
        .unwrap_or_else(|| crate::domain::commentary::draft(result, card.month, settings))
}

/// Every indicator's commentary as shown (by indicator id): what a
/// sign-off records.
pub(crate) fn shown(card: &Scorecard, settings: &Settings) -> BTreeMap<String, String> {
    card.indicators
        .iter()
        .map(|result| {
            let text = browser::load(&key(card, result))
                .unwrap_or_else(|| starting_text(card, result, settings));
            (result.definition.id.to_string(), text)
        })
        .collect()
}

/// The commentary box of one indicator.
#[component]
pub(crate) fn Commentary(
    state: AppState,
    card: Arc<Scorecard>,
    result: IndicatorResult,
) -> impl IntoView {
    let key = key(&card, &result);
    let start = state
        .settings
        .with_untracked(|settings| starting_text(&card, &result, settings));
    let reset_label = if result.published_commentary.is_some() {
        "Start again from the signed-off commentary"
    } else {
        "Start again from the draft"
    };
    let text = browser::load(&key).unwrap_or(start.clone());
    let id = format!("commentary-{}", result.definition.id);
    let (key_for_input, key_for_reset) = (key.clone(), key);
    let value = RwSignal::new(text);
    view! {
        <div class="commentary">
            <label for=id.clone()>"Commentary"</label>
            <textarea
                id=id
                rows="3"
                prop:value=move || value.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    browser::save(&key_for_input, &text);
                    value.set(text);
                }
            ></textarea>
            <p class="print-only commentary-print">{move || value.get()}</p>
            <button
                type="button"
                class="link"
                on:click=move |_| {
                    browser::forget(&key_for_reset);
                    value.set(start.clone());
                }
            >
                {reset_label}
            </button>
        </div>
    }
}
