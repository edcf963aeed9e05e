//! Once files are read and a scorecard shows, the drop zone, file list and
//! checklist fold away behind one compact bar, "Files (25) · add more", so
//! the scorecard and the tabs are in view at 1280×800 (issue 17). The bar
//! opens them again (the file list open inside), and says in a few words
//! whether any indicator still needs a file.
//!
//! They stay open by themselves while nothing has been read, while a file
//! needs the analyst (no as-at date, too late) or could not be used: the
//! panel must show what to do. The analyst's own open or close stands
//! until something new needs attention.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::file_list::group_by_input;
use crate::domain::format;
use crate::ui::file_list::{choice_until_attention, needs_attention};
use crate::ui::history_kept::KEPT_NAME;
use crate::ui::state::AppState;

/// The ids of the two parts the bar opens and closes: the drop zone, and
/// the file list with the checklist (the notes between stay in view).
pub(crate) const PANEL_ID: &str = "intake-panel";
pub(crate) const DETAILS_ID: &str = "intake-details";

/// Whether the intake (drop zone, file list, checklist) is shown in full:
/// a signal the page's layout and the bar share.
#[derive(Clone, Copy)]
pub(crate) struct Intake {
    /// The analyst's choice, `None` until they make one.
    chosen: RwSignal<Option<bool>>,
    /// Whether it is shown.
    pub(crate) expanded: Memo<bool>,
}

impl Intake {
    pub(crate) fn new(state: AppState) -> Intake {
        let attention = Memo::new(move |_| {
            needs_attention(state) || state.files.with(|f| f.iter().any(|f| f.error.is_some()))
        });
        // Something new needs the analyst: their earlier "close" gives way.
        let chosen = choice_until_attention(attention);
        let expanded = Memo::new(move |_| {
            // Only a kept history (no extract yet this time): the drop
            // zone is what the analyst needs next.
            let extracts = state
                .inputs
                .with(|inputs| inputs.iter().any(|f| f.name != KEPT_NAME));
            let scorecard = matches!(state.scorecard.get(), Some(Ok(_)));
            if !extracts || !scorecard {
                return true;
            }
            chosen.get().unwrap_or_else(|| attention.get())
        });
        Intake { chosen, expanded }
    }

    fn toggle(self) {
        self.chosen.set(Some(!self.expanded.get_untracked()));
    }
}

/// Opens the file chooser (the drop zone's input, present even while the
/// drop zone is folded away).
fn choose_files() {
    if let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("file-input"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        input.click();
    }
}

/// What the checklist would say, in a few words.
fn readiness(state: AppState) -> Option<String> {
    state.scorecard.with(|card| {
        let card = card.as_ref()?.as_ref().ok()?;
        let short: Vec<u8> = card
            .indicators
            .iter()
            .filter(|i| !i.missing_inputs.is_empty())
            .map(|i| i.definition.number)
            .collect();
        Some(match short.as_slice() {
            [] => "Every indicator has the files it needs.".to_string(),
            [one] => format!("Indicator {one} needs a file."),
            many => format!(
                "{} need files.",
                format::count_of(many.len(), "indicator", "indicators")
            ),
        })
    })
}

/// The bar: "Files (25)" opens and closes the intake, "add more" chooses
/// files at once. Nothing before the first file.
#[component]
pub(crate) fn FilesBar(state: AppState, intake: Intake) -> impl IntoView {
    let inputs = move || state.files.with(|f| group_by_input(f).len());
    view! {
        <Show when=move || state.files.with(|f| !f.is_empty())>
            <div class="files-bar" data-testid="files-bar">
                <button
                    type="button"
                    class="files-toggle"
                    data-testid="files-toggle"
                    aria-controls=format!("{PANEL_ID} {DETAILS_ID}")
                    aria-expanded=move || intake.expanded.get().to_string()
                    on:click=move |_| intake.toggle()
                >
                    {move || format!("Files ({})", format::thousands(inputs() as f64))}
                </button>
                <span class="separator" aria-hidden="true">" · "</span>
                <button type="button" class="link" data-testid="add-more" on:click=move |_| choose_files()>
                    "add more"
                </button>
                <span class="hint">{move || readiness(state)}</span>
            </div>
        </Show>
    }
}
