//! The commentary of each indicator: the text the reader writes, kept per
//! LA, month and indicator in this browser's local storage, starting from
//! the commentary signed off in the history for that month, else the
//! engine's draft (history.md, "Sign-off": the user's own edits in this
//! browser still win). The sign-off records the text shown.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::scorecard::{IndicatorResult, Scorecard};
use crate::domain::settings::Settings;
use crate::ui::browser;
use crate::ui::state::AppState;

fn key(card: &Scorecard, result: &IndicatorResult) -> String {
    format!(
        "csc-scorecard:commentary:{}:{}:{}",
        card.la_name, card.month, result.definition.id
    )
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
