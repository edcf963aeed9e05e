//! Signing the month off (history.md, "Sign-off"): the "Sign off Dec-17"
//! action (asking first when the history already holds the month, and
//! saying when it was signed off), "Download history", and the note that
//! the history kept in this browser is in use, with a way to forget it.

use leptos::prelude::*;

use crate::domain::format;
use crate::ui::commentary;
use crate::ui::engine::Engine;
use crate::ui::history_kept::{self, KEPT_NAME};
use crate::ui::state::AppState;

/// The sign-off and history buttons of the toolbar.
#[component]
pub(crate) fn SignOffButtons(state: AppState) -> impl IntoView {
    let engine = expect_context::<Engine>();
    let card = move || state.scorecard.get().and_then(Result::ok);
    let label = move || match card() {
        Some(card) => format!("Sign off {}", card.month.label()),
        None => "Sign off".to_string(),
    };
    let sign_off = move |_| {
        let Some(card) = state.scorecard.get_untracked().and_then(Result::ok) else {
            return;
        };
        let month = card.month.label();
        if let Some(signed) = card.held {
            let question = match signed {
                Some(date) => format!(
                    "{month} was signed off on {}. Sign it off again, replacing the figures and commentary recorded then?",
                    format::date(date)
                ),
                None => format!(
                    "The history already holds {month} (from a spreadsheet, with no sign-off date). Sign it off, replacing those figures?"
                ),
            };
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(&question).ok())
                .unwrap_or(false);
            if !confirmed {
                return;
            }
        }
        let settings = state.settings.get_untracked();
        let shown = commentary::shown(&card, &settings);
        engine.sign_off(settings, card.month, shown);
    };
    view! {
        <button
            type="button"
            class="button small"
            data-testid="sign-off"
            prop:disabled=move || card().is_none()
            title="Record this month's figures and commentary in the history, and download it"
            on:click=sign_off
        >
            {label}
        </button>
        <button
            type="button"
            class="button small secondary"
            data-testid="download-history"
            prop:disabled=move || state.loaded.with(Option::is_none)
            on:click=move |_| engine.download_history()
        >
            "Download history"
        </button>
    }
}

/// Says when the history kept in this browser is being used, with a way
/// to forget it.
#[component]
pub(crate) fn KeptHistoryNote(state: AppState) -> impl IntoView {
    let engine = expect_context::<Engine>();
    let in_use = move || {
        state
            .inputs
            .with(|inputs| inputs.iter().any(|f| f.name == KEPT_NAME))
    };
    move || {
        in_use().then(|| {
            view! {
                <p class="history-note" data-testid="kept-history">
                    "The history of signed-off months kept in this browser is in use (it holds figures and commentary, no child's details). "
                    <button
                        type="button"
                        class="link"
                        on:click=move |_| {
                            history_kept::forget();
                            engine.remove_file(KEPT_NAME);
                            state.notice.set(Some("The history kept in this browser is forgotten.".to_string()));
                        }
                    >
                        "Forget it"
                    </button>
                </p>
            }
        })
    }
}
